"""Page runs are timed once each, at DEBUG level, for the load test and for operators."""

import logging

import page_timing


def test_a_run_is_logged_once_when_it_has_drawn(caplog):
    # Setup
    caplog.set_level(logging.DEBUG, logger="synth.pages")

    # Run
    page_timing.start("Compare")
    page_timing.drawn()
    page_timing.drawn()  # the end of a run that already logged when it began watching a job

    # Assert
    lines = [r.getMessage() for r in caplog.records if r.name == "synth.pages"]
    assert len(lines) == 1 and lines[0].startswith("page Compare drawn in ") and lines[0].endswith(" s")


def test_nothing_is_logged_for_a_run_that_was_not_started(caplog):
    # Setup: AppTest and deep links on a fresh server run page files without app.py
    caplog.set_level(logging.DEBUG, logger="synth.pages")
    page_timing.start("Data")
    page_timing.drawn()
    caplog.clear()

    # Run
    page_timing.drawn()

    # Assert
    assert not [r for r in caplog.records if r.name == "synth.pages"]
