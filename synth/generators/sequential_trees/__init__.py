"""Doppel's default generator and its helpers: a numpy decision tree, leaf draws and the near-copy check."""

from synth.generators.sequential_trees.model import SequentialTrees

__all__ = ["SequentialTrees"]
