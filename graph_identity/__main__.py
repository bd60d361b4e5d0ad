from graph_identity.cli import main

main()
