"""Benchmarks (`make bench`, i.e. `python -m benchmarks`): a table on screen and build/bench.json.

Not timed tests: nothing here fails the build when a figure is slow. See benchmarks/__main__.py.
"""
