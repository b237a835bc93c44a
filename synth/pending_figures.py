"""Figures a verdict waits for: what they tell, in words, and a verdict that is not final while they are measured."""

from __future__ import annotations

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


def not_final(verdict: Verdict, pending: tuple[str, ...]) -> Verdict:
    """While figures a section reads are still being measured, that section is never "good": it says "check" and
    why, first (more figures can only add findings, so a "check" or "poor" found already stands)."""
    from dataclasses import replace

    waiting = {section: labels for section, labels in awaited(pending).items() if section in ("fidelity", "privacy")}
    if not waiting:
        return verdict
    changed = {}
    for section, labels in waiting.items():
        reason = f"Not final yet: {' and '.join(labels)} is still being measured."
        grade, reasons = getattr(verdict, section), getattr(verdict, f"{section}_reasons")
        # a good verdict's own sentence claims what is not known yet; a privacy guarantee still holds
        kept = tuple(r for r in reasons if grade != GOOD or r.startswith("A differential privacy guarantee"))
        changed.update({section: CHECK if grade == GOOD else grade, f"{section}_reasons": (reason, *kept)})
    return replace(verdict, **changed, pending=tuple(waiting))
