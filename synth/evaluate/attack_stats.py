"""Attack success rates with Wilson score intervals, and the privacy risk they imply (Anonymeter's statistics)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from statistics import NormalDist

CONFIDENCE = 0.95


@dataclass(frozen=True)
class SuccessRate:
    """A success rate estimated from Bernoulli trials: the Wilson score centre and its half-width."""

    value: float
    error: float


def success_rate(n_total: float, n_success: float, confidence: float = CONFIDENCE) -> SuccessRate:
    """The Wilson score interval of n_success out of n_total trials (Wilson 1927), as Anonymeter computes it: a
    centre pulled slightly towards one half, which stays sensible at 0 or n_total successes and on small samples."""
    if not 0 <= confidence <= 1:
        raise ValueError(f"The confidence level must lie between 0 and 1, not {confidence}.")
    if n_total <= 0:
        raise ValueError("A success rate needs at least one attack.")
    z = NormalDist().inv_cdf(0.5 * (1.0 + confidence))
    z2 = z * z
    spread = n_success * (n_total - n_success) / n_total
    denominator = n_total + z2
    return SuccessRate((n_success + 0.5 * z2) / denominator, z / denominator * math.sqrt(max(spread, 0.0) + 0.25 * z2))


def residual(attack: SuccessRate, control: SuccessRate) -> SuccessRate:
    """How much better the attack does on the rows the generator learned from than on unseen rows, as a share of
    what the control attack left to gain: (attack - control) / (1 - control), with the error propagated."""
    gain = 1.0 - control.value
    value = (attack.value - control.value) / gain
    error = math.hypot(attack.error / abs(gain), control.error * (attack.value - 1.0) / gain**2)
    return SuccessRate(value, error)


def _bound(value: float) -> float:
    return min(max(value, 0.0), 1.0)


@dataclass(frozen=True)
class AttackRisk:
    """One attack's privacy risk and the success rates behind it (rates are Wilson centres, as in Anonymeter)."""

    risk: float  # (attack - control) / (1 - control), bounded to 0..1
    ci_low: float
    ci_high: float
    attack_rate: float  # the main attack: the synthetic rows against the rows the generator learned from
    baseline_rate: float  # random guessing
    control_rate: float  # the same attack against real rows the generator never saw
    n_attacks: int  # attacks on learned rows (baseline and control counts may be smaller on small tables)
    n_control: int

    @property
    def beats_baseline(self) -> bool:
        """False when the attack does no better than guessing: then the risk figure cannot be trusted."""
        return self.attack_rate > self.baseline_rate

    def figures(self) -> dict:
        return {
            "risk": self.risk,
            "ci": [self.ci_low, self.ci_high],
            "attack_rate": self.attack_rate,
            "baseline_rate": self.baseline_rate,
            "control_rate": self.control_rate,
            "n_attacks": self.n_attacks,
            "n_control": self.n_control,
            "beats_baseline": self.beats_baseline,
        }


def attack_risk(
    n_attacks: int,
    n_success: float,
    n_baseline_attacks: int,
    n_baseline: float,
    n_control_attacks: int,
    n_control: float,
    confidence: float = CONFIDENCE,
) -> AttackRisk:
    """The risk from the counts of successful main, baseline and control attacks (Giomi et al. 2023, eq. 2)."""
    attack = success_rate(n_attacks, n_success, confidence)
    baseline = success_rate(n_baseline_attacks, n_baseline, confidence)
    control = success_rate(n_control_attacks, n_control, confidence)
    risk = residual(attack, control)
    return AttackRisk(
        _bound(risk.value),
        _bound(risk.value - risk.error),
        _bound(risk.value + risk.error),
        attack.value,
        baseline.value,
        control.value,
        int(n_attacks),
        int(n_control_attacks),
    )
