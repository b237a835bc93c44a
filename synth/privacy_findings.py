"""Privacy findings: copies of real rows, memorising, reused identifiers, values and rare combinations, attacks."""

from __future__ import annotations

import math

from synth.evaluate import Evaluation
from synth.evaluate.attack_risks import AttackRisks
from synth.evaluate.base import FAIR  # a metric grade; its "good" and "poor" are spelled as ours
from synth.evaluate.column_tails import ColumnTails
from synth.evaluate.copy_rates import CopyRates
from synth.evaluate.dcr_overfitting import DcrOverfitting
from synth.evaluate.exact_copies import ExactCopies
from synth.evaluate.identifier_reuse import IdentifierReuse
from synth.evaluate.rare_combinations import RareCombinations
from synth.evaluate.reappearing_values import ReappearingValues
from synth.judging import CHECK, POOR, Finding, beside_fresh


def copy_finding(evaluation: Evaluation) -> Finding | None:
    """Exact copies of real rows beyond what a fresh real sample shows (tables with repeated rows repeat them too)
    by more than ExactCopies' declared share and three binomial standard errors; without a holdout, beyond that share.
    """
    copies, rates = evaluation.results.get(ExactCopies.name), evaluation.results.get(CopyRates.name)
    if copies is None:
        return None
    fresh = getattr(rates, "fresh_sample_copies", None)
    reference, tails = fresh or 0.0, evaluation.results.get(ColumnTails.name)
    rows = max(tails.rows[1], 1) if tails else 1
    limit = reference + max(ExactCopies.good, 3 * math.sqrt(reference * (1 - reference) / rows))
    if copies.exact_copy_rate <= limit:
        return None
    reason = (
        f"{copies.exact_copy_rate:.1%} of synthetic rows are exact copies of real rows{beside_fresh(fresh, '{:.1%}')}."
    )
    return Finding(POOR, reason, copies.exact_copy_rate / max(limit, 1e-9))


def privacy_findings(evaluation: Evaluation) -> list[Finding]:
    results, rates = evaluation.results, evaluation.results.get(CopyRates.name)
    found = [f for f in [copy_finding(evaluation)] if f]
    if rates is not None and CopyRates.grade(rates) == FAIR:
        reason = (
            f"{rates.copies_of_training:.1%} of synthetic rows copy a learned row but only "
            f"{rates.copies_of_holdout:.1%} an unseen one: a sign of memorising."
        )
        found.append(Finding(CHECK, reason, 1.0))
    reuse = results.get(IdentifierReuse.name)
    for column, figures in (reuse.columns if reuse else {}).items():
        grade = IdentifierReuse.grade_value(figures.excess)
        if grade != "good":
            reason = (
                f"Column '{column}' reproduces real identifiers or rare values: {figures.reuse:.0%} of its values are "
                f"values of the learned rows (a fresh real sample: {figures.reference:.0%})."
            )
            found.append(Finding(POOR if grade == POOR else CHECK, reason, figures.excess / IdentifierReuse.good))
    reappearing = results.get(ReappearingValues.name)
    leaked = [c for c, n in (reappearing.real_values_reappearing if reappearing else {}).items() if n]
    if leaked:
        names = ", ".join(f"'{c}'" for c in leaked)
        found.append(Finding(POOR, f"Real identifiers or personal values reappear in {names}.", math.inf))
    rare = results.get(RareCombinations.name)
    if rare is not None and RareCombinations.grade(rare) == FAIR:  # never poor: rare combinations recur by chance
        reason = (
            f"{rare.rare_combination_share:.0%} of the {rare.combined} seen fewer than 5 times in the real data "
            f"reappear (a fresh real sample: {rare.rare_combination_fresh_share:.0%}): rare combinations can point at "
            "real people."
        )
        found.append(Finding(CHECK, reason, rare.rare_combination_share / max(rare.chance_limit, 1e-9)))
    overfitting = results.get(DcrOverfitting.name)
    if overfitting and DcrOverfitting.grade(overfitting) in (FAIR, POOR):
        reason = (
            f"{overfitting.closer_to_training:.0%} of synthetic rows lie closer to a learned row than to an unseen one "
            "(about half is ideal; more hints that learned rows were memorised)."
        )
        found.append(Finding(POOR if DcrOverfitting.grade(overfitting) == POOR else CHECK, reason, 1.0))
    return found + attack_findings(results.get(AttackRisks.name))


ATTACK_WORDS = {
    "singling_out_univariate": "singling out one person by a rare value",
    "singling_out_multivariate": "singling out one person by a combination of values",
    "linkability": "linking two halves of a person's record",
    "inference": "guessing a person's value from the others",
}


def attack_findings(attacks) -> list[Finding]:
    """When the attacks were measured: each risk graded by its interval's lower end, so chance alone never flags."""
    found = []
    for name, risk in (attacks.risks() if attacks else {}).items():
        grade = AttackRisks.grade_value(risk.ci_low)
        if grade in (FAIR, POOR):
            column = f" (column '{attacks.worst_inference[0]}')" if name == "inference" else ""
            reason = (
                f"An attack by {ATTACK_WORDS.get(name, name)}{column} succeeds {risk.risk:.0%} more often on the "
                f"people it learned from than on people it never saw (at least {risk.ci_low:.0%})."
            )
            found.append(Finding(POOR if grade == POOR else CHECK, reason, risk.ci_low / AttackRisks.good))
    return found
