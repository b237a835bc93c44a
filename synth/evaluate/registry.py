"""Every metric, one line each, in the order they run and appear in the metrics JSON; the optional groups they form."""

from __future__ import annotations

from synth.evaluate.attack_risks import AttackRisks
from synth.evaluate.base import Cost, Metric
from synth.evaluate.column_pair_trends import ColumnPairTrends
from synth.evaluate.column_shapes import ColumnShapes
from synth.evaluate.column_tails import ColumnTails
from synth.evaluate.copy_rates import CopyRates
from synth.evaluate.dcr_baseline import DcrBaseline
from synth.evaluate.dcr_overfitting import DcrOverfitting
from synth.evaluate.detection import Detection
from synth.evaluate.exact_copies import ExactCopies
from synth.evaluate.identifier_reuse import IdentifierReuse
from synth.evaluate.nndr import Nndr
from synth.evaluate.quality import Quality
from synth.evaluate.rare_combinations import RareCombinations
from synth.evaluate.reappearing_values import ReappearingValues
from synth.evaluate.three_way import ThreeWay
from synth.evaluate.utility import Utility

METRICS: tuple[type[Metric], ...] = (
    ColumnShapes,
    ColumnPairTrends,
    Quality,
    ColumnTails,
    ThreeWay,
    Detection,
    ExactCopies,
    RareCombinations,
    CopyRates,
    DcrBaseline,
    Nndr,
    DcrOverfitting,
    ReappearingValues,
    IdentifierReuse,
    Utility,
    AttackRisks,
)
BY_NAME: dict[str, type[Metric]] = {metric.name: metric for metric in METRICS}


def metric(name: str) -> type[Metric]:
    return BY_NAME[name]


def extras_up_to(cost: Cost) -> tuple[str, ...]:
    """The optional groups whose metrics cost at most `cost`, in registry order."""
    return tuple(dict.fromkeys(m.extra for m in METRICS if Cost.ALWAYS < m.cost <= cost and m.extra))


EXTRAS = extras_up_to(Cost.TRAINING)  # the optional groups that run after generating
ALL_EXTRAS = extras_up_to(Cost.ON_DEMAND)  # every optional group, on-demand attacks included: what --all asks for
