"""One battery over every registered metric: sane declarations, typed results, extremes; and a test module each."""

import dataclasses
import math
from pathlib import Path

import pandas as pd
import pytest

from synth.evaluate import ALL_EXTRAS, EXTRAS, default_extras
from synth.evaluate.base import MAXIMIZE, MINIMIZE, Cost, Metric, Result, Tables
from synth.evaluate.registry import BY_NAME, METRICS, extras_up_to

TESTS = Path(__file__).resolve().parent
SECTIONS = {"quality", "fidelity", "privacy", "utility"}
# The headline on an exact copy of the learned rows, then on disjoint rows (None: no clean extreme there). A copy is
# the best a fidelity figure can get and the worst a privacy figure can get; disjoint rows the other way round.
EXTREMES = {
    "column_shapes": (1.0, 0.0),
    "column_pair_trends": (1.0, None),  # moving numbers far away keeps their correlations
    "quality": (1.0, None),
    "column_tails": (None, 1.0),  # a real sample puts about 2% beyond the real 1% and 99% quantiles
    "three_way": (1.0, 0.0),
    "detection": (0.5, 1.0),
    "exact_copies": (1.0, 0.0),
    "rare_combinations": (1.0, 0.0),
    "copy_rates": (1.0, 0.0),
    "dcr_baseline": (0.0, 1.0),
    "nndr": (0.0, 1.0),
    "dcr_overfitting": (0.0, 1.0),
    "reappearing_values": (None, 0),  # a count without an upper bound: graded poor on the copy instead
    "identifier_reuse": (None, 0.0),  # the copy's excess depends on what the unseen half repeats by chance
    "utility": (1.0, None),  # a model trained on useless rows still scores something
    "attacks": (None, 0.0),  # a copy scores high but not exactly 1: the control attack also succeeds now and then
}
TOLERANCE = {"detection": 0.1, "column_shapes": 1e-3, "attacks": 0.1}


def _best(metric):
    return metric.max_value if metric.goal == MAXIMIZE else metric.min_value


def _worst(metric):
    return metric.min_value if metric.goal == MAXIMIZE else metric.max_value


@pytest.fixture(scope="module")
def tables():
    """Tables for every metric: learned rows copied exactly, and rows that share nothing with the real ones."""
    from tests.unit.conftest import demo, perturb

    real, kinds = demo("cars")
    training, holdout = real.iloc[::2].reset_index(drop=True), real.iloc[1::2].reset_index(drop=True)
    people = pd.DataFrame({"email": [f"person{i}@example.org" for i in range(len(training))]})
    strangers = pd.DataFrame({"email": [f"stranger{i}@example.org" for i in range(len(training))]})
    shared = {"holdout": holdout, "target": "Origin", "seed": 0}
    return {
        "copy": Tables(training, training.copy(), kinds, personal=(people, people.copy()), **shared),
        "disjoint": Tables(
            training, perturb(training, kinds, "disjoint"), kinds, personal=(people, strangers), **shared
        ),
    }


@pytest.mark.parametrize("metric", METRICS, ids=lambda m: m.name)
def test_declarations_are_complete_and_sane(metric: type[Metric]):
    # Assert
    assert BY_NAME[metric.name] is metric and metric.label and metric.description
    assert metric.section in SECTIONS
    assert metric.goal in (MAXIMIZE, MINIMIZE) and metric.min_value < metric.max_value
    assert dataclasses.is_dataclass(metric.result) and issubclass(metric.result, Result)
    assert metric.result.__dataclass_params__.frozen
    headlines = {f.name for f in dataclasses.fields(metric.result)} | {
        n for n, v in vars(metric.result).items() if isinstance(v, property)
    }
    assert metric.headline in headlines
    for threshold in (metric.good, metric.fair):
        assert threshold is None or metric.min_value <= threshold <= metric.max_value
    if metric.fair is not None:
        assert metric.good is not None and metric.grade_value(metric.good) == "good"
        assert (metric.good >= metric.fair) if metric.goal == MAXIMIZE else (metric.good <= metric.fair)
    if metric.good is not None:
        assert metric.grade_value(_best(metric)) == "good"
        assert metric.grade_value(_worst(metric)) in ("fair", "poor")
    assert isinstance(metric.cost, Cost) and (metric.cost == Cost.ALWAYS or metric.extra)
    assert set(metric.needs) <= {f.name for f in dataclasses.fields(Tables)}
    assert metric.part_of is None or (metric.part_of in BY_NAME and metric.cost == BY_NAME[metric.part_of].cost)
    assert metric.timing.endswith("_s")


@pytest.mark.parametrize("metric", METRICS, ids=lambda m: m.name)
def test_a_copy_and_disjoint_rows_score_the_extremes(metric: type[Metric], tables):
    # Setup
    on_copy, on_disjoint = EXTREMES[metric.name]
    tolerance = TOLERANCE.get(metric.name, 1e-9)

    # Run
    copied = metric.compute_breakdown(tables["copy"])
    disjoint = metric.compute_breakdown(tables["disjoint"])

    # Assert
    for result, expected in ((copied, on_copy), (disjoint, on_disjoint)):
        assert type(result) is metric.result
        value = metric.headline_value(result)
        assert value is None or metric.min_value - tolerance <= value <= metric.max_value + tolerance
        if expected is not None:
            assert value == pytest.approx(expected, abs=tolerance)
    privacy = metric.section == "privacy"
    if on_copy is not None and math.isfinite(_best(metric)):
        assert on_copy == (_worst(metric) if privacy else _best(metric))
    if on_disjoint is not None and privacy:
        assert on_disjoint == _best(metric)
    if privacy and metric.good is not None:
        assert metric.grade(copied) in ("fair", "poor") and metric.grade(disjoint) == "good"


def test_every_metric_has_a_line_in_the_battery():
    # Assert
    assert set(EXTREMES) == set(BY_NAME)


def test_every_evaluate_module_and_registered_metric_has_a_test_module():
    # Setup
    package = TESTS.parents[2] / "synth" / "evaluate"
    modules = {p.stem for p in package.glob("*.py")} - {"__init__"}

    # Assert
    assert (TESTS / "test_evaluate.py").exists()
    assert [m for m in sorted(modules) if not (TESTS / f"test_{m}.py").exists()] == []
    for metric in METRICS:
        assert (TESTS / f"test_{metric.__module__.rsplit('.', 1)[1]}.py").exists(), metric.name


def test_extras_come_from_the_cost_declarations():
    # Assert
    assert EXTRAS == ("three_way", "detection", "dcr", "utility")
    assert ALL_EXTRAS == (*EXTRAS, "attacks")  # attacks run only when asked: --all or the app's button
    assert extras_up_to(Cost.QUICK) == default_extras(None) == ("three_way",)
    assert default_extras(pd.DataFrame()) == ("three_way", "dcr")
