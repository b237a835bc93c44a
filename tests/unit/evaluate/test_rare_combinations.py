"""Rare combinations of categories that reappear, judged beside what a fresh real sample of as many rows holds."""

import numpy as np
import pandas as pd
import pytest

from synth.evaluate.rare_combinations import RareCombinations, rare_combination_copies


def test_rare_combination_copies():
    # Setup
    real = pd.DataFrame({"a": ["x"] * 6 + ["y"], "b": ["p"] * 6 + ["q"]}).astype(object)
    kinds = {"a": "category", "b": "category"}

    # Run
    copied = rare_combination_copies(real, real.copy(), kinds)
    avoided = rare_combination_copies(real, real.iloc[:6], kinds)

    # Assert: one combination seen once in 7 rows is in 1 - (6/7)^7 of fresh 7-row samples
    assert (copied.rare_combinations, copied.rare_combination_share) == (1, 1.0)
    assert copied.rare_combination_fresh_share == pytest.approx(1 - (6 / 7) ** 7)
    assert avoided.rare_combination_share == 0.0
    assert set(copied.figures()) == {
        "rare_combinations",
        "rare_combinations_reproduced",
        "rare_combination_share",
        "rare_combination_fresh_share",
    }


def test_a_rare_combination_that_any_fresh_sample_holds_is_not_flagged():
    # Setup: plotly's election table in small: a pair seen twice in 58 rows, and a synthetic table that has it
    real = pd.DataFrame({"winner": ["Coderre"] * 29 + ["Bergeron"] * 27 + ["Joly"] * 2, "result": ["plurality"] * 58})
    kinds = {"winner": "category", "result": "category"}

    # Run
    result = rare_combination_copies(real, real.sample(frac=1, random_state=0), kinds)

    # Assert: 100% reproduced, but a fresh sample of 58 rows holds it 87% of the time: chance, not a leak
    assert result.rare_combination_share == 1.0 and result.rare_combination_fresh_share == pytest.approx(0.87, abs=0.01)
    assert RareCombinations.grade(result) == "good"


def test_many_rare_combinations_all_reproduced_beyond_chance_are_fair_never_poor():
    # Setup: 40 people each with a combination of their own among 200 rows; the synthetic table is those 40 rows
    real = pd.DataFrame({"code": [f"c{i}" for i in range(40)] + ["common"] * 160, "group": ["g"] * 200})
    kinds = {"code": "category", "group": "category"}

    # Run
    copied = rare_combination_copies(real, real.iloc[:40], kinds)
    fresh = rare_combination_copies(real, real.iloc[40:80], kinds)

    # Assert: 40 combinations seen once and none twice: each is rarer than 1/200 (Good-Turing: 2 x 1 / 40 per 200
    # rows), so a fresh 40-row sample holds about 1% of them, not the 18% that 1/200 would give; holding all is a sign
    assert copied.rare_combination_fresh_share == pytest.approx(1 - (1 - 2 / 40 / 200) ** 40)
    assert RareCombinations.grade(copied) == "fair" and RareCombinations.grade(fresh) == "good"


def test_no_rare_combination_has_no_grade():
    # Setup
    real = pd.DataFrame({"a": ["x"] * 10}).astype(object)

    # Run
    result = rare_combination_copies(real, real.copy(), {"a": "category"})

    # Assert
    assert result.rare_combination_share is None and RareCombinations.grade(result) is None


def test_the_expected_share_is_what_real_rows_never_learned_actually_show(load):
    # Setup: vega's cars, one half learned and the other half standing in for the synthetic rows
    real, kinds = load("cars")
    order = np.random.default_rng(0).permutation(len(real))
    learned, unseen = real.iloc[order[:243]], real.iloc[order[243:]]

    # Run
    fresh = rare_combination_copies(learned, unseen, kinds)

    # Assert: 18% of its rare combinations turn up among the unseen rows; k/n would expect 53%, Good-Turing 18%
    assert fresh.rare_combinations > 100 and fresh.rare_combination_share == pytest.approx(0.18, abs=0.02)
    assert fresh.rare_combination_fresh_share == pytest.approx(fresh.rare_combination_share, abs=0.05)
    assert RareCombinations.grade(fresh) == "good"
