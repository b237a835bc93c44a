"""Figures the verdict waits for: named in words by the section they feed; no section is good while they are due."""

from synth.judging import CHECK, GOOD, POOR, Verdict
from synth.pending_figures import PENDING_WORDS, awaited, not_final


def _verdict(fidelity=GOOD, privacy=GOOD) -> Verdict:
    return Verdict(fidelity, privacy, ("Fidelity holds.",), ("Privacy holds.",), "t.csv")


def test_what_is_awaited_is_said_by_the_section_it_feeds():
    # Run
    found = awaited(("detection", "dcr"))

    # Assert
    assert found["fidelity"] == [PENDING_WORDS["detection"]]
    assert PENDING_WORDS["dcr"] in found["privacy"]
    assert awaited(()) == {}


def test_a_good_section_waiting_for_figures_says_check_and_why_first():
    # Run
    waiting = not_final(_verdict(privacy=POOR), ("detection", "dcr"))

    # Assert
    assert waiting.fidelity == CHECK and waiting.fidelity_reasons[0].startswith("Not final yet: whether a model")
    assert "Fidelity holds." not in waiting.fidelity_reasons  # a good verdict's sentence claims what is not known
    assert waiting.privacy == POOR and waiting.privacy_reasons[1:] == ("Privacy holds.",)
    assert waiting.pending == ("fidelity", "privacy")


def test_nothing_pending_leaves_the_verdict_as_it_is():
    # Setup
    verdict = _verdict()

    # Run / Assert
    assert not_final(verdict, ()) is verdict
