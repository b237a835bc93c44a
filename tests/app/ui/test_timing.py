"""Page runs are timed once each, at DEBUG level, for the load test and for operators."""

import logging

from ui import timing


def test_a_run_is_logged_once_when_it_has_drawn(caplog):
    # Setup
    caplog.set_level(logging.DEBUG, logger="synth.pages")

    # Run
    timing.start("Compare")
    timing.drawn()
    timing.drawn()  # the end of a run that already logged when it began watching a job

    # Assert
    lines = [r.getMessage() for r in caplog.records if r.name == "synth.pages"]
    assert len(lines) == 1 and lines[0].startswith("page Compare drawn in ") and lines[0].endswith(" s")


def test_nothing_is_logged_for_a_run_that_was_not_started(caplog):
    # Setup: a run that already logged; only app.py's timing.start() begins the next one
    caplog.set_level(logging.DEBUG, logger="synth.pages")
    timing.start("Data")
    timing.drawn()
    caplog.clear()

    # Run
    timing.drawn()

    # Assert
    assert not [r for r in caplog.records if r.name == "synth.pages"]
