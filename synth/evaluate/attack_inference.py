"""Attribute-inference attack (Anonymeter's method): guess one column of a real person from the others.

The attacker knows every column of a target real row but one, the secret; they take the secret of the closest
synthetic row on the other columns as their guess. A guess is right when it equals the secret (categories,
yes/no, dates) or lies within 5% of it (numbers). The control attack guesses the secrets of real rows the
generator never saw; the baseline takes the secret of a random synthetic row. Every column takes its turn; the
closest rows are found with the distance of synth.distance, by an exact search that serves every column at once.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from synth.encoding import CONTINUOUS, numeric_values, scaled_column, shared_codes
from synth.evaluate.attack_stats import AttackRisk, attack_risk

TOLERANCE = 0.05  # a number guessed within 5% of the secret counts as found (Anonymeter's default)
NUMBERS = ("integer", "decimal")


def right_guesses(guesses: pd.Series, secrets: pd.Series, kind: str) -> np.ndarray:
    """Which guesses hit the secret: missing for missing, equal values, or numbers within TOLERANCE of the guess
    (relative to the guess's size, as Anonymeter; its size taken absolute so that negative guesses are no free
    hit)."""
    missing = guesses.isna().to_numpy() & secrets.isna().to_numpy()
    if kind in NUMBERS:
        # values near the float maximum: the whole ratio divided by one power of two, so a gap does not overflow
        (guess, secret), shift = scaled_column(numeric_values(guesses), numeric_values(secrets))
        with np.errstate(invalid="ignore", divide="ignore"):
            hit = np.abs(guess - secret) / (np.abs(guess) + np.ldexp(1e-12, -shift)) <= TOLERANCE
        return missing | hit
    return missing | (guesses.to_numpy(dtype=object) == secrets.to_numpy(dtype=object))


CELLS = 2_000_000  # targets x synthetic rows per block of the distance search: bounds memory on large tables


def _column_distances(targets: pd.DataFrame, synthetic: pd.DataFrame, kinds: dict[str, str]) -> list:
    """Per column, a function giving SDMetrics' distance part (as synth.distance: numbers |a - b| over the
    synthetic range, capped at 1; categories 0 or 1; missing against missing 0, against a value 1) for a block."""
    parts = []
    for column in synthetic.columns:
        if kinds[column] in CONTINUOUS:
            # values near the float maximum: divided by a power of two, so that neither range nor gaps overflow
            (mine, theirs), _ = scaled_column(numeric_values(targets[column]), numeric_values(synthetic[column]))
            finite = theirs[np.isfinite(theirs)]
            span = float(finite.max() - finite.min()) if len(finite) else 0.0

            has_missing = bool(np.isnan(mine).any() or np.isnan(theirs).any())

            def part(rows, mine=mine, theirs=theirs, span=span, has_missing=has_missing):
                a, b = mine[rows, None], theirs[None, :]
                gap = np.subtract(a, b)
                np.abs(gap, out=gap)
                if span == 0:
                    gap = (gap > 0).astype(float)
                else:
                    gap *= 1.0 / span
                    np.minimum(gap, 1.0, out=gap)
                if not has_missing:
                    return gap
                missing_a, missing_b = np.isnan(a), np.isnan(b)
                return np.where(missing_a | missing_b, (missing_a != missing_b).astype(float), gap)

        else:
            (mine, theirs), _, _ = shared_codes(targets[column], synthetic[column])

            def part(rows, mine=mine, theirs=theirs):
                return (mine[rows, None] != theirs[None, :]).astype(float)

        parts.append(part)
    return parts


def closest_without_each_column(targets: pd.DataFrame, synthetic: pd.DataFrame, kinds: dict[str, str]) -> np.ndarray:
    """targets x columns: the synthetic row closest to each target on every column but that one (the attacker's
    guess when that column is the secret). An exact brute-force search in blocks: the distance on all columns is
    summed once, then each column's part is taken out in turn, so 65 columns cost two passes, not 65 searches."""
    parts = _column_distances(targets, synthetic, kinds)
    closest = np.zeros((len(targets), len(parts)), dtype=np.int64)
    step = max(1, CELLS // max(len(synthetic), 1))
    for start in range(0, len(targets), step):
        rows = np.arange(start, min(start + step, len(targets)))
        total = sum(part(rows) for part in parts)
        for position, part in enumerate(parts):
            closest[rows, position] = np.argmin(total - part(rows), axis=1)
    return closest


def inference_risks(
    training: pd.DataFrame,
    control: pd.DataFrame,
    synthetic: pd.DataFrame,
    kinds: dict[str, str],
    n_attacks: int = 500,
    seed: int = 0,
    progress=None,
) -> dict[str, AttackRisk]:
    """The inference risk with each column in turn as the secret and every other column as what the attacker
    knows, by column (empty without rows, or with a single column). progress(fraction, message) is optional."""
    columns = list(synthetic.columns)
    if len(columns) < 2 or min(len(training), len(control), len(synthetic)) == 0:
        return {}
    rng = np.random.default_rng(seed)
    n_main, n_control = min(n_attacks, len(training)), min(n_attacks, len(control))
    n_baseline = min(n_main, len(synthetic))
    targets = pd.concat(
        [training.sample(n_main, random_state=rng), control.sample(n_control, random_state=rng)], ignore_index=True
    )
    if progress is not None:
        progress(0.0, "Inference: finding the closest synthetic rows")
    closest = closest_without_each_column(targets[columns], synthetic[columns], kinds)
    found = {}
    for position, secret in enumerate(columns):
        if progress is not None:
            progress((position + 1) / len(columns), f"Inference: guessing '{secret}' from the other columns")
        guesses = synthetic[secret].iloc[closest[:, position]].reset_index(drop=True)
        hits = right_guesses(guesses, targets[secret], kinds[secret])
        naive = right_guesses(
            synthetic[secret].sample(n_baseline, random_state=rng).reset_index(drop=True),
            training[secret].sample(n_baseline, random_state=rng).reset_index(drop=True),
            kinds[secret],
        )
        found[secret] = attack_risk(
            n_main, int(hits[:n_main].sum()), n_baseline, int(naive.sum()), n_control, int(hits[n_main:].sum())
        )
    return found
