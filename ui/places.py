"""Places on a page drawn again in the same run once a job ends there, instead of the page being run again."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st


def in_place(
    redraws: list[Callable[[], None]], draw: Callable[[], None], where=None, shows: Callable[[], object] | None = None
) -> None:
    """Draw what jobs that end in this run change in a place of its own (in where, if given), and add to redraws how to draw
    it there again (ui.follow_up.wait_for_figures and need_report, ui.measure.show_progress do, once a job has ended).

    A key may appear once in a run. A place that draws a widget with a key passes shows, what decides whether it is
    offered (its widgets with keys depend on nothing else), and is drawn again only when that has changed: a button
    offered before and after a job ended is drawn once."""
    place = (where if where is not None else st).empty()
    drawn = []  # what shows() said at the last draw

    def again() -> None:
        if shows is not None:
            now = shows()
            if drawn and drawn[-1] == now:
                return
            drawn.append(now)
        with place.container():
            draw()

    again()
    redraws.append(again)
