"""Benchmarks (bench/mapbench.py); not part of the served application."""
