"""Near-unique columns, learned or not, whose real values reappear in the synthetic table."""

import numpy as np
import pandas as pd
import pytest

from synth.evaluate.base import Tables
from synth.evaluate.identifier_reuse import IdentifierReuse, identifier_reuse

KINDS = {"account": "integer", "size": "decimal", "city": "category", "day": "datetime"}


def _table(rows: int, seed: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    return pd.DataFrame(
        {
            "account": rng.choice(np.arange(1_000_000, 9_000_000), rows, replace=False).astype(float),
            "size": rng.integers(1, 6, rows).astype(float),  # few values: not near-unique, never checked
            "city": rng.choice(["Lyon", "Nice"], rows),
            "day": pd.date_range("2020-01-01", periods=rows, freq="D"),  # every day once: a grid, never checked
        }
    )


def test_a_learned_identifier_copied_from_the_training_rows_is_found():
    # Setup
    real, holdout = _table(400, 0), _table(400, 1)
    synthetic = holdout.assign(account=real["account"].sample(400, random_state=2).to_numpy())

    # Run
    found = identifier_reuse(real, synthetic, KINDS, holdout)

    # Assert
    assert set(found) == {"account"}
    assert found["account"].reuse == 1.0 and found["account"].holdout_reuse == 0.0
    assert found["account"].excess == 1.0


def test_a_fresh_sample_reuses_nothing_and_text_values_are_compared_trimmed():
    # Setup
    real = pd.DataFrame({"code": [f"C{i:03d}" for i in range(50)]})
    synthetic = pd.DataFrame({"code": [f" C{i:03d} " for i in range(10)] + [f"X{i}" for i in range(40)]})

    # Run
    found = identifier_reuse(real, synthetic, {"code": "category"})

    # Assert
    assert found["code"].reuse == pytest.approx(0.2) and found["code"].holdout_reuse is None
    assert found["code"].reference == 0.0  # without a holdout: the table's own repeat share


def test_metric_headline_is_the_largest_excess_and_grades_a_copied_identifier_poor():
    # Setup
    real, holdout = _table(300, 0), _table(300, 1)
    copied = holdout.assign(account=real["account"].to_numpy())

    # Run
    clean = IdentifierReuse.compute_breakdown(Tables(real, holdout, KINDS, holdout))
    leaked = IdentifierReuse.compute_breakdown(Tables(real, copied, KINDS, holdout))

    # Assert
    assert clean.identifier_reuse == 0.0 and IdentifierReuse.grade(clean) == "good"
    assert leaked.identifier_reuse == 1.0 and IdentifierReuse.grade(leaked) == "poor"
    assert leaked.worst[0] == "account" and leaked.figures() == {"identifier_reuse": 1.0}
