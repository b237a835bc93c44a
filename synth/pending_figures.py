"""Figures the verdict reads that come later or not at all: what they tell, in words; a verdict not final while they
are measured; and what a run judged without them (the CLI's default) says so."""

from __future__ import annotations

from synth.evaluate import Evaluation
from synth.evaluate.registry import METRICS
from synth.judging import CHECK, GOOD, Verdict

PENDING_WORDS = {  # what a group of figures measured later tells, as a verdict's reason names it
    "detection": "whether a model can tell synthetic rows from real ones",
    "dcr": "how close synthetic rows lie to learned rows and to unseen ones",
}


def awaited(pending: tuple[str, ...]) -> dict[str, list[str]]:
    """What is still to be measured, in words, by the verdict section it feeds: {"privacy": ["how close ..."]}."""
    found: dict[str, list[str]] = {}
    for metric in METRICS:
        if metric.extra in pending and not metric.part_of:
            words = found.setdefault(metric.section, [])
            said = PENDING_WORDS.get(metric.extra, metric.label)
            if said not in words:
                words.append(said)
    return found


def not_final(verdict: Verdict, pending: tuple[str, ...], measuring: bool = True) -> Verdict:
    """While figures a section reads are still being measured, that section is never "good": it says "check" and
    why, first (more figures can only add findings, so a "check" or "poor" found already stands). measuring=False:
    their measurement failed or was stopped, and the reason says they could not be measured."""
    from dataclasses import replace

    waiting = {section: labels for section, labels in awaited(pending).items() if section in ("fidelity", "privacy")}
    if not waiting:
        return verdict
    changed = {}
    for section, labels in waiting.items():
        said = " and ".join(labels)
        reason = (
            f"Not final yet: {said} is still being measured."
            if measuring
            else f"Not final: {said} could not be measured (the measurement failed or was stopped)."
        )
        grade, reasons = getattr(verdict, section), getattr(verdict, f"{section}_reasons")
        # a good verdict's own sentence claims what is not known yet; a privacy guarantee still holds
        kept = tuple(r for r in reasons if grade != GOOD or r.startswith("A differential privacy guarantee"))
        changed.update({section: CHECK if grade == GOOD else grade, f"{section}_reasons": (reason, *kept)})
    return replace(verdict, **changed, pending=tuple(waiting))


def unmeasured(evaluation: Evaluation) -> dict[str, list[str]]:
    """Figures the verdict reads that this run neither measured nor waits for (the CLI leaves the classifier and the
    distances to the closest rows out unless asked), in words by the section they feed."""
    skipped = tuple(group for group in PENDING_WORDS if group not in evaluation.extras + evaluation.pending)
    return {section: words for section, words in awaited(skipped).items() if section in ("fidelity", "privacy")}


def unmeasured_line(evaluation: Evaluation) -> str | None:
    """One plain line after a verdict judged without some of its figures: which, and that --all measures them."""
    said = [f"{words} ({section})" for section, labels in unmeasured(evaluation).items() for words in labels]
    if not said:
        return None
    them = "them" if len(said) > 1 else "it"
    return f"Not measured: {' and '.join(said)}; the verdict above is judged without {them}. --all measures {them}."
