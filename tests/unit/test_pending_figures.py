"""Figures the verdict waits for: named in words by the section they feed; no section is good while they are due."""

from types import SimpleNamespace

from synth.judging import CHECK, GOOD, POOR, Verdict
from synth.pending_figures import PENDING_WORDS, awaited, not_final, unmeasured, unmeasured_line


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


def test_figures_neither_measured_nor_due_are_named_once_with_how_to_measure_them():
    # Setup
    quick = SimpleNamespace(extras=("three_way",), pending=())
    with_distances = SimpleNamespace(extras=("three_way", "dcr"), pending=())
    due_later = SimpleNamespace(extras=("three_way",), pending=("detection", "dcr"))
    everything = SimpleNamespace(extras=("three_way", "detection", "dcr"), pending=())

    # Run / Assert
    assert set(unmeasured(quick)) == {"fidelity", "privacy"} and unmeasured_line(quick).endswith("--all measures them.")
    assert unmeasured(with_distances) == {"fidelity": [PENDING_WORDS["detection"]]}
    assert unmeasured_line(with_distances).endswith("judged without it. --all measures it.")
    assert unmeasured(due_later) == {} and unmeasured_line(due_later) is None
    assert unmeasured_line(everything) is None


def test_figures_that_could_not_be_measured_are_said_so_and_the_verdict_stays_not_final():
    # Run
    stopped = not_final(_verdict(), ("detection",), measuring=False)

    # Assert
    assert stopped.fidelity == CHECK and stopped.pending == ("fidelity",)
    assert stopped.fidelity_reasons == (
        f"Not final: {PENDING_WORDS['detection']} could not be measured (the measurement failed or was stopped).",
    )
