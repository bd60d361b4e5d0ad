"""Neo4j access: the driver, the Cypher library loaded by name, and the schema."""
