"""The metric contract: grades under declared thresholds, figures of a typed result."""

from dataclasses import dataclass, field

from synth.evaluate.base import MINIMIZE, NOT_A_FIGURE, Metric, Result, Tables, finite_mean


@dataclass(frozen=True)
class _Figures(Result):
    score: float
    detail: list = field(default_factory=list, metadata=NOT_A_FIGURE)


class _Higher(Metric):
    headline = "score"
    good, fair = 0.8, 0.6


class _Lower(Metric):
    headline = "score"
    goal = MINIMIZE
    good = 0.01


def test_grades_follow_goal_and_thresholds():
    # Run / Assert
    assert [_Higher.grade_value(v) for v in (0.9, 0.8, 0.7, 0.3, None)] == ["good", "good", "fair", "poor", None]
    assert [_Lower.grade_value(v) for v in (0.0, 0.01, 0.02)] == ["good", "good", "poor"]
    assert Metric.grade_value(0.5) is None  # no thresholds declared: no traffic light
    assert _Higher.grade(_Figures(0.7)) == "fair"


def test_figures_leave_out_fields_marked_as_not_a_figure():
    # Run / Assert
    assert _Figures(0.5, [1, 2]).figures() == {"score": 0.5}


def test_a_metric_runs_only_when_its_inputs_are_there():
    # Setup
    class _NeedsHoldout(Metric):
        needs = ("holdout",)

    # Run / Assert
    assert not _NeedsHoldout.can_run(Tables(None, None, {}))
    assert _NeedsHoldout.can_run(Tables(None, None, {}, holdout=object()))


def test_finite_mean_skips_missing_values():
    # Run / Assert
    assert finite_mean([1.0, None, float("nan"), 3.0]) == 2.0
    assert finite_mean([None]) != finite_mean([None])  # NaN
