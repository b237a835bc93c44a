"""Doppel's engine: read a table, learn it, make a synthetic double, and judge how faithful and safe it is."""

__version__ = "0.1.0"
