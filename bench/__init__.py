"""Benchmarks: each compares against the stock SDV/SDMetrics way in the same run and writes a results table."""
