"""Rare combinations of categories that reappear."""

import pandas as pd

from synth.evaluate.rare_combinations import RareCombinations, rare_combination_copies


def test_rare_combination_copies():
    # Setup
    real = pd.DataFrame({"a": ["x"] * 6 + ["y"], "b": ["p"] * 6 + ["q"]}).astype(object)
    kinds = {"a": "category", "b": "category"}

    # Run
    copied = rare_combination_copies(real, real.copy(), kinds)
    avoided = rare_combination_copies(real, real.iloc[:6], kinds)

    # Assert
    assert (copied.rare_combinations, copied.rare_combination_share) == (1, 1.0)
    assert avoided.rare_combination_share == 0.0
    assert RareCombinations.grade(copied) == "fair" and RareCombinations.grade(avoided) == "good"
    assert set(copied.figures()) == {"rare_combinations", "rare_combinations_reproduced", "rare_combination_share"}
