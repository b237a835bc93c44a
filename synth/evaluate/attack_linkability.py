"""Linkability attack (Anonymeter's method): can the synthetic rows join two halves of a real person's record?

The attacker holds two tables about the same people, each with half of the columns. For each target real row,
they look up the closest synthetic row on the first half and on the second half; if it is the same synthetic
row, the two halves are linked. The control attack does the same for real rows the generator never saw; the
baseline picks synthetic rows at random.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from synth.distance import nearest_rows
from synth.evaluate.attack_stats import AttackRisk, attack_risk


def split_columns(columns: list[str], seed: int = 0) -> tuple[list[str], list[str]]:
    """Two halves of the columns, drawn at random with the seed: what each of the attacker's tables holds."""
    order = list(np.random.default_rng(seed).permutation(len(columns)))
    half = len(columns) // 2
    return [columns[i] for i in sorted(order[:half])], [columns[i] for i in sorted(order[half:])]


def _linked(first: np.ndarray, second: np.ndarray) -> np.ndarray:
    """For each target: do its neighbours on the two halves share a synthetic row?"""
    return (first[:, :, None] == second[:, None, :]).any(axis=(1, 2))


def _links(targets: pd.DataFrame, synthetic: pd.DataFrame, kinds, halves, neighbours: int) -> int:
    first = nearest_rows(targets[halves[0]], synthetic[halves[0]], kinds, neighbours)[1]
    second = nearest_rows(targets[halves[1]], synthetic[halves[1]], kinds, neighbours)[1]
    return int(_linked(first, second).sum())


def linkability_risk(
    training: pd.DataFrame,
    control: pd.DataFrame,
    synthetic: pd.DataFrame,
    kinds: dict[str, str],
    halves: tuple[list[str], list[str]],
    n_attacks: int = 500,
    neighbours: int = 1,
    seed: int = 0,
) -> AttackRisk | None:
    """The linkability risk for the given two halves of the columns (None without rows or columns for it)."""
    if not halves[0] or not halves[1] or min(len(training), len(control), len(synthetic)) == 0:
        return None
    rng = np.random.default_rng(seed)
    n_main, n_control = min(n_attacks, len(training)), min(n_attacks, len(control))
    neighbours = min(neighbours, len(synthetic))
    main = _links(training.sample(n_main, random_state=rng), synthetic, kinds, halves, neighbours)
    unseen = _links(control.sample(n_control, random_state=rng), synthetic, kinds, halves, neighbours)
    guesses = [np.array([rng.choice(len(synthetic), neighbours, replace=False) for _ in range(n_main)]) for _ in "ab"]
    baseline = int(_linked(*guesses).sum())
    return attack_risk(n_main, main, n_main, baseline, n_control, unseen)
