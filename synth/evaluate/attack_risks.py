"""Attack-based privacy risk after Anonymeter (Giomi et al., PoPETs 2023): singling out, linkability, inference."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from synth.encoding import scored_columns
from synth.evaluate.attack_inference import inference_risks
from synth.evaluate.attack_linkability import linkability_risk, split_columns
from synth.evaluate.attack_singling_out import Encoded, singling_out_risk
from synth.evaluate.attack_stats import AttackRisk
from synth.evaluate.base import MINIMIZE, NOT_A_FIGURE, Cost, Metric, Result, Tables

N_ATTACKS = 500  # Anonymeter's default: attacks per attack type (fewer when a table has fewer rows)
ATTACKS = ("singling_out_univariate", "singling_out_multivariate", "linkability", "inference")


@dataclass(frozen=True)
class AttackRisksResult(Result):
    singling_out_univariate: AttackRisk | None = field(default=None, metadata=NOT_A_FIGURE)
    singling_out_multivariate: AttackRisk | None = field(default=None, metadata=NOT_A_FIGURE)
    linkability: AttackRisk | None = field(default=None, metadata=NOT_A_FIGURE)
    inference: dict[str, AttackRisk] = field(default_factory=dict, metadata=NOT_A_FIGURE)  # by secret column
    linkability_halves: tuple[tuple[str, ...], tuple[str, ...]] = ((), ())
    n_attacks: int = N_ATTACKS

    @property
    def worst_inference(self) -> tuple[str, AttackRisk] | tuple[None, None]:
        """The secret column the inference attack guesses best, beyond the control attack."""
        if not self.inference:
            return None, None
        return max(self.inference.items(), key=lambda item: item[1].risk)

    def risks(self) -> dict[str, AttackRisk]:
        """Each attack's risk (inference: its worst column), attacks that could not run left out."""
        found = {name: getattr(self, name) for name in ATTACKS[:3]}
        found["inference"] = self.worst_inference[1]
        return {name: risk for name, risk in found.items() if risk is not None}

    @property
    def highest_risk(self) -> float | None:
        risks = [risk.risk for risk in self.risks().values()]
        return max(risks) if risks else None

    def figures(self) -> dict:
        """One "attacks" entry in the privacy figures: each risk with its interval and the rates behind it."""
        column, _ = self.worst_inference
        attacks = {name: risk.figures() for name, risk in self.risks().items()}
        if "inference" in attacks:
            attacks["inference"]["column"] = column
            attacks["inference_by_column"] = {c: r.figures() for c, r in self.inference.items()}
        halves = [list(half) for half in self.linkability_halves]
        return {
            "attacks": {
                **attacks,
                "highest_risk": self.highest_risk,
                "linkability_halves": halves,
                "n_attacks": self.n_attacks,
                "method": "Anonymeter (Giomi et al., PoPETs 2023); control: real rows never learned from; "
                "risk = (main - control) / (1 - control) with 95% Wilson intervals",
            }
        }


def attack_risks(
    training: pd.DataFrame,
    control: pd.DataFrame,
    synthetic: pd.DataFrame,
    kinds: dict[str, str],
    n_attacks: int = N_ATTACKS,
    seed: int = 0,
    progress=None,
) -> AttackRisksResult:
    """The three attacks on model-form frames: synthetic rows against the rows the generator learned from
    (training), with real rows it never saw (control) as the yardstick. progress(fraction, message) is optional."""

    def say(fraction: float, message: str) -> None:
        if progress is not None:
            progress(min(max(fraction, 0.0), 1.0), message)

    columns = scored_columns(training, kinds)
    training, control, synthetic = (f[columns].reset_index(drop=True) for f in (training, control, synthetic))
    if not columns:
        return AttackRisksResult(n_attacks=n_attacks)
    say(0.0, "Singling out: queries that fit one person")
    encoded = Encoded(synthetic, training, control, kinds, columns)
    univariate = singling_out_risk(encoded, "univariate", n_attacks, seed=seed)
    say(0.1, "Singling out: queries on three columns")
    multivariate = singling_out_risk(encoded, "multivariate", n_attacks, seed=seed + 1)
    say(0.25, "Linkability: joining two halves of a record")
    halves = split_columns(columns, seed)
    linkability = linkability_risk(training, control, synthetic, kinds, halves, n_attacks, seed=seed + 2)
    inference = inference_risks(
        training,
        control,
        synthetic,
        kinds,
        n_attacks,
        seed + 3,
        lambda share, message: say(0.35 + 0.65 * share, message),
    )
    say(1.0, "Attacks finished")
    return AttackRisksResult(
        univariate, multivariate, linkability, inference, (tuple(halves[0]), tuple(halves[1])), n_attacks
    )


class AttackRisks(Metric):
    name = "attacks"
    label = "Attack-based privacy risk"
    description = (
        "0: attacks that use the synthetic rows learn no more about the people it learned from than about "
        "people it never saw; 1: they single out, link or infer every one."
    )
    section = "privacy"
    result = AttackRisksResult
    headline = "highest_risk"
    goal = MINIMIZE
    good, fair = 0.1, 0.3
    cost = Cost.ON_DEMAND
    extra = "attacks"
    needs = ("holdout",)
    timing = "attacks_s"

    @classmethod
    def compute_breakdown(cls, tables: Tables) -> AttackRisksResult:
        return attack_risks(tables.real, tables.holdout, tables.synthetic, tables.kinds, seed=tables.seed)
