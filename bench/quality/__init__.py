"""Resolution quality on labelled data: data-set conversion, runs, baselines and metrics.

``bench/quality.py`` is the command; these modules are its parts, importable by the tests.
"""
