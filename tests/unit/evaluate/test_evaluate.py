"""evaluate(): every figure together, the optional extras, and a fast path free of SDMetrics."""

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from synth.evaluate import EXTRAS, evaluate


def test_evaluate_without_holdout_keeps_to_the_quick_figures(load, imitate):
    # Setup
    real, kinds = load("cars")

    # Run
    result = evaluate(real, imitate(real, kinds, "noise"), kinds)

    # Assert
    assert result.extras == ("three_way",)
    assert result.reference is None and result.utility == {}
    assert 0 < result.quality.overall < 1
    assert result.columns["Origin"]["kind"] == "category"
    assert "exact_copy_rate" in result.privacy and "dcr_baseline_protection" not in result.privacy


def test_evaluate_with_holdout_target_and_every_extra(load, imitate):
    # Setup
    real, kinds = load("seattle_weather")
    training, holdout = real.iloc[::2], real.iloc[1::2]

    # Run
    result = evaluate(
        training, imitate(training, kinds, "noise"), kinds, holdout=holdout, target="weather", extras=EXTRAS
    )

    # Assert
    assert set(result.extras) == {"three_way", "dcr", "detection", "utility"}
    assert result.reference.overall > 0.9
    assert 0.5 <= result.fidelity["detection"]["auc"] <= 1.0
    assert {"dcr_overfitting_protection", "copies_of_holdout", "nndr_median"} <= set(result.privacy)
    assert result.utility["task"] == "classification"
    assert set(result.timings) >= {"quality_s", "privacy_s", "utility_s", "detection_s"}


def test_identical_data_scores_one_everywhere(load):
    # Setup
    real, kinds = load("gapminder", rows=400)

    # Run
    result = evaluate(real, real.copy(), kinds)

    # Assert
    assert result.quality.overall == pytest.approx(1.0)
    assert result.fidelity["three_way"]["score"] == pytest.approx(1.0)
    assert result.privacy["exact_copy_rate"] == 1.0


def test_fast_path_never_imports_sdmetrics_sdv_or_torch():
    """Importing SDMetrics costs ~5 s (PyTorch); the default path also skips scikit-learn and scipy.stats."""
    # Setup
    script = textwrap.dedent("""
        import sys
        import pandas as pd
        from synth.evaluate import EXTRAS, evaluate
        from synth.evaluate.associations import association_matrices
        real = pd.DataFrame({"x": [1.0, 2.0, 3.0, 4.0] * 10, "c": ["a", "b", "a", "c"] * 10})
        kinds = {"x": "decimal", "c": "category"}
        evaluate(real, real.iloc[::-1], kinds)
        print(sorted({m for m in sys.modules} & {"sklearn", "scipy.stats"}))
        evaluate(real.iloc[:30], real.iloc[::-1], kinds, holdout=real.iloc[30:], target="c", extras=EXTRAS)
        association_matrices(real, real, kinds)
        print(sorted({m.split(".")[0] for m in sys.modules} & {"sdmetrics", "sdv", "torch", "rdt", "copulas"}))
    """)

    # Run
    root = Path(__file__).resolve().parents[3]
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, cwd=root)

    # Assert
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["[]", "[]"]


def test_figures_left_for_later_are_pending_then_measured_as_if_at_once(load, imitate):
    # Setup
    from synth.evaluate import measure_pending, with_results

    real, kinds = load("seattle_weather")
    training, holdout = real.iloc[::2], real.iloc[1::2]
    synthetic = imitate(training, kinds, "noise")
    at_once = evaluate(training, synthetic, kinds, holdout=holdout, extras=EXTRAS, seed=1)

    # Run
    shown = evaluate(training, synthetic, kinds, holdout=holdout, extras=EXTRAS, seed=1, later=("detection", "dcr"))
    completed = with_results(shown, *measure_pending(shown, training, synthetic, kinds, holdout=holdout, seed=1))

    # Assert
    assert shown.pending == ("detection", "dcr") and shown.extras == ("three_way",)
    assert "detection" not in shown.results and "dcr_overfitting" not in shown.results
    assert completed.pending == () and completed.extras == at_once.extras
    assert list(completed.results) == list(at_once.results)
    assert completed.results["detection"] == at_once.results["detection"]
    assert completed.privacy == at_once.privacy and "privacy_s" in completed.timings


def test_only_figures_that_can_run_are_left_pending(load, imitate):
    # Setup: without a holdout, distance to closest record compares nothing unseen; detection still runs
    real, kinds = load("cars")

    # Run
    result = evaluate(real, imitate(real, kinds, "noise"), kinds, extras=("detection",), later=("detection", "dcr"))

    # Assert
    assert result.pending == ("detection",)


def huge_values(rows, seed):
    """A seeded table with a number column holding values near 1e300 among ordinary ones, and one made of them only."""
    import numpy as np
    import pandas as pd

    rng = np.random.default_rng(seed)
    size = rng.normal(50, 10, rows).round(2)
    amount = (2 * size + rng.normal(0, 5, rows)).round(1)
    amount[[3, 50, 100]] = [1e300, -5e299, 3e299]
    group = rng.choice(["x", "y", "z"], rows).astype(object)
    return pd.DataFrame({"size": size, "group": group, "amount": amount, "huge": rng.uniform(-1e300, 1e300, rows)})


def test_values_near_1e300_give_finite_figures_without_overflow():
    # Setup: three fresh samples of one table, so every figure should look real-like
    import math
    import warnings

    real, synthetic, holdout = (huge_values(600, seed) for seed in (0, 1, 2))
    kinds = {"size": "decimal", "group": "category", "amount": "decimal", "huge": "decimal"}

    # Run
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # numpy's "overflow encountered" (squares of 1e300) fails the test
        result = evaluate(real, synthetic, kinds, holdout=holdout, target="huge", extras=EXTRAS)

    # Assert
    tails = result.results["column_tails"].columns
    for column in ("amount", "huge"):
        figures = (result.columns[column]["wasserstein"], result.columns[column]["wasserstein_scaled"])
        figures += (tails[column].mean_shift, tails[column].spread_ratio, tails[column].holdout_spread_ratio)
        assert all(math.isfinite(figure) for figure in figures), (column, figures)
    assert 0 < result.columns["huge"]["wasserstein_scaled"] < 0.3
    assert 0.8 < tails["huge"].spread_ratio < 1.25 and abs(tails["huge"].mean_shift) < 0.2
    assert result.columns["huge"]["score"] > 0.85 and result.columns["amount"]["score"] > 0.85
    pairs = {(p["column_1"], p["column_2"]): p["real"] for p in result.quality.pairs}
    assert pairs[("size", "amount")] != 0 and math.isfinite(pairs[("amount", "huge")])
    assert 0.35 < result.fidelity["detection"]["auc"] < 0.65
    assert math.isfinite(result.utility["real_score"])
