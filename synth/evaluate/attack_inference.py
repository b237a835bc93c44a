"""Attribute-inference attack (Anonymeter's method): guess one column of a real person from the others.

The attacker knows every column of a target real row but one, the secret; they take the secret of the closest
synthetic row on the other columns as their guess. A guess is right when it equals the secret (categories,
yes/no, dates) or lies within 5% of it (numbers). The control attack guesses the secrets of real rows the
generator never saw; the baseline takes the secret of a random synthetic row. Every column takes its turn.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from synth.distance import nearest_rows
from synth.encoding import numeric_values
from synth.evaluate.attack_stats import AttackRisk, attack_risk

TOLERANCE = 0.05  # a number guessed within 5% of the secret counts as found (Anonymeter's default)
NUMBERS = ("integer", "decimal")


def right_guesses(guesses: pd.Series, secrets: pd.Series, kind: str) -> np.ndarray:
    """Which guesses hit the secret: missing for missing, equal values, or numbers within TOLERANCE of the guess
    (relative to the guess's size, as Anonymeter; its size taken absolute so that negative guesses are no free
    hit)."""
    missing = guesses.isna().to_numpy() & secrets.isna().to_numpy()
    if kind in NUMBERS:
        guess, secret = numeric_values(guesses), numeric_values(secrets)
        with np.errstate(invalid="ignore", divide="ignore"):
            hit = np.abs(guess - secret) / (np.abs(guess) + 1e-12) <= TOLERANCE
        return missing | hit
    return missing | (guesses.to_numpy(dtype=object) == secrets.to_numpy(dtype=object))


def inference_risk(
    training: pd.DataFrame,
    control: pd.DataFrame,
    synthetic: pd.DataFrame,
    kinds: dict[str, str],
    secret: str,
    n_attacks: int = 500,
    seed: int = 0,
) -> AttackRisk | None:
    """The inference risk for one secret column, with every other column as what the attacker knows."""
    known = [c for c in synthetic.columns if c != secret]
    if not known or min(len(training), len(control), len(synthetic)) == 0:
        return None
    rng = np.random.default_rng(seed)
    n_main, n_control = min(n_attacks, len(training)), min(n_attacks, len(control))
    n_baseline = min(n_main, len(synthetic))
    targets = pd.concat(
        [training.sample(n_main, random_state=rng), control.sample(n_control, random_state=rng)], ignore_index=True
    )
    closest = nearest_rows(targets[known], synthetic[known], kinds)[1][:, 0]  # one search for both attacks
    hits = right_guesses(synthetic[secret].iloc[closest].reset_index(drop=True), targets[secret], kinds[secret])
    naive = right_guesses(
        synthetic[secret].sample(n_baseline, random_state=rng).reset_index(drop=True),
        training[secret].sample(n_baseline, random_state=rng).reset_index(drop=True),
        kinds[secret],
    )
    return attack_risk(
        n_main, int(hits[:n_main].sum()), n_baseline, int(naive.sum()), n_control, int(hits[n_main:].sum())
    )


def inference_risks(
    training: pd.DataFrame,
    control: pd.DataFrame,
    synthetic: pd.DataFrame,
    kinds: dict[str, str],
    n_attacks: int = 500,
    seed: int = 0,
    progress=None,
) -> dict[str, AttackRisk]:
    """The inference risk with each column in turn as the secret, by column (columns with no risk figure left
    out). progress(fraction, column) is called before each column."""
    found = {}
    for position, secret in enumerate(synthetic.columns):
        if progress is not None:
            progress(position / len(synthetic.columns), secret)
        risk = inference_risk(training, control, synthetic, kinds, secret, n_attacks, seed + position)
        if risk is not None:
            found[secret] = risk
    return found
