"""Benchmarks and load tests: run by hand (see README), never part of the test suite."""
