"""Places on a page drawn again in the same run once a job ends there, instead of the page being run again."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

SLOTS = 4  # drawings of one place a run is expected to need: the first, then one per job that can end on the page


def in_place(
    redraws: list[Callable[[], None]], draw: Callable[[], None], where=None, shows: Callable[[], object] | None = None
) -> None:
    """Draw what jobs that end in this run change in a place of its own (in where, if given), and add to redraws how to draw
    it there again (ui.follow_up.wait_for_figures and need_report, ui.measure.show_progress do, once a job has ended).

    Each drawing goes into a slot of its own and the previous one is emptied. A container drawn again where this run
    drew one keeps the earlier drawing's children past the new one's last (Streamlit's frontend, and AppTest, reuse a
    replaced block's children, and only a later run clears them): a verdict drawn again a reason shorter showed its
    last reason twice. The slots are placeholders made at once, so every run writes over the previous run's too.

    A key may appear once in a run. A place that draws a widget with a key passes shows, what decides whether it is
    offered (its widgets with keys depend on nothing else), and is drawn again only when that has changed: a button
    offered before and after a job ended is drawn once."""
    holder = (where if where is not None else st).container()
    slots = [holder.empty() for _ in range(SLOTS)]
    used = []  # the slots drawn in, in order: the last holds the drawing
    drawn = []  # what shows() said at the last draw

    def again() -> None:
        if shows is not None:
            now = shows()
            if drawn and drawn[-1] == now:
                return
            drawn.append(now)
        before = used[-1] if used else None
        slot = slots[len(used)] if len(used) < len(slots) else holder.empty()  # past SLOTS: a new one, still fresh
        used.append(slot)
        with slot.container():
            draw()
        if before is not None:  # after the new drawing: a place whose drawings overlap (STEADY) is never empty
            before.empty()

    again()
    redraws.append(again)
