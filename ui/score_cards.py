"""Compare's score displays: the verdict's two boxes, score cards, attack-risk cards and usefulness figures."""

from __future__ import annotations

import streamlit as st

from synth.evaluate import METRICS
from synth.evaluate.base import Cost
from synth.score_lines import waiting_labels
from synth.verdict import WORDS, awaited
from ui.display import LIGHTS, plain

CARDS_WIDTH = 880  # pixels: four cards fit the page at 1,400 pixels, two at 800 (sidebar open)
VERDICT_LIGHTS = {"good": "green", "check": "amber", "poor": "red"}
USEFULNESS_WORDS = {  # the two scores a usefulness figure comes in, in words
    "macro F1": "Macro F1: how often the model predicts the right category, each category counting alike "
    "(1 = always right).",
    "R²": "R²: the share of the column's ups and downs the model predicts (1 = all of them, 0 = no better than "
    "always guessing the average).",
}


SECTIONS = ("fidelity", "privacy")
# The verdict's boxes, and the place under them, keep their height while the verdict's last figures land (a box
# loses its "Not final yet" line, the progress bar goes): the parts below used to move up as they did, so a press on
# one of them was released on what had moved under it, and the click was lost (tests/e2e/test_compare_steady.py).
# Each is at least as tall as a hidden stand-in laid out at its own width, so the room kept is right in a wide window
# and in a narrow one: for a box, a verdict still measured (a heading, then three reasons of a hundred letters and
# the space between them); for the place under them, a progress line and its bar. A longer verdict still grows its box.
_REASON = "xxxxxxx xxxxx xxxxxxxxx xxxxx xxxx xxxxxx xxxx xxxxxx xx xxxxxx xxxxxxxx xxx xxxxxxx xxxxx xxxxxxx xx"
_BOX = "\\A".join([_REASON[:30], _REASON, _REASON, _REASON])  # "\A": a new line, in CSS
# Under it, the space between the box's four lines (three of 1rem) and the heading's line being 0.2rem taller than a
# reason's (1rem letters, not 0.875rem): without that 0.2rem a verdict of three reasons of two lines was 3.2 px taller
# than its stand-in, and everything under it moved up 3.2 px as the figures landed (Seattle weather, 1,400 pixels).
_BOX_SPACE = "padding-bottom: 3.2rem;"
_FRAMES = ".st-key-verdict_fidelity, .st-key-verdict_privacy"
_CARDS = ".st-key-figures_fidelity, .st-key-figures_privacy"
_CARD = f":is({_CARDS}) .stHorizontalBlock > div > .stVerticalBlock"  # a card of a section whose figures are coming
# A card there is as tall as one with a label of two lines, its figure and a sentence of 250 letters (about the
# longest of a figure measured later): the cards that come take the places kept for them, all as tall, so no row grows
# or wraps anew as they land, in a wide window or a narrow one (the cards are as wide in both).
# The progress line of the figures coming, its longest: it wraps to two lines in a narrow window (its bar 19 px lower),
# and so does this stand-in (ui.jobs.progress_text; labels of the metrics measured later, never data).
_LATER = max((metric.label for metric in METRICS if metric.cost > Cost.ALWAYS), key=len)
_PROGRESS = f"Measuring: {_LATER} (99%, about 40 minutes left)"
_CARD_TEXT = "\\A".join([_REASON[:40], _REASON[:40], "\\A", _REASON, _REASON, _REASON[:50]])


def _stand_in(where: str, shows: str, more: str = "") -> str:
    """CSS that keeps each of where (a selector) at least as tall as a hidden text, shows (CSS, never data), laid out
    at its own width in the same grid cell as its content (one block), with more (CSS: a padding) around it."""
    return f"""div:is({where}) {{ display: grid; align-content: start; }}
div:is({where}) > *, div:is({where})::before {{ grid-area: 1 / 1; min-width: 0; }}
div:is({where})::before {{
  content: "{shows}"; visibility: hidden; pointer-events: none; white-space: pre-wrap; font-size: 0.875rem;
  line-height: 1.6; {more}
}}"""


STEADY = f"""<style>
{_stand_in(_FRAMES, _BOX, _BOX_SPACE)}
{_stand_in(".st-key-verdict_follow_up", _PROGRESS, "padding-bottom: 1.25rem;")}
{_stand_in(_CARD, _CARD_TEXT)}
:is({_FRAMES}, {_CARDS}) > div > .stVerticalBlock {{ display: grid; align-content: start; }}
:is({_FRAMES}, {_CARDS}) > div > .stVerticalBlock > * {{ grid-area: 1 / 1; min-width: 0; }}
</style>"""


def verdict_frames():
    """The verdict's two boxes, empty, side by side, and the place under them for what follows the verdict (the
    progress of its last figures, or the button that measures them again), each keeping its height (STEADY)."""
    st.html(STEADY)  # style only: Streamlit puts it out of the page's flow
    boxes = [box.container(border=True, key=f"verdict_{section}") for box, section in zip(st.columns(2), SECTIONS)]
    return boxes, st.container(key="verdict_follow_up")


def verdict_box(verdict, section: str, measuring: bool) -> None:
    """One section of the verdict with its reasons; never a grade while figures it reads are pending."""
    if section in verdict.pending:
        state = "still being measured" if measuring else "not measured"
        st.markdown(f"{LIGHTS['grey']} **{section.capitalize()}: {state}**")
    else:
        grade = getattr(verdict, section)
        st.markdown(f"{LIGHTS[VERDICT_LIGHTS[grade]]} **{section.capitalize()}: {WORDS[grade]}**")
    for reason in getattr(verdict, f"{section}_reasons"):
        st.caption(plain(reason))


def figures_frame(section: str, steady: bool):
    """The place of a section's cards: while its figures are still coming (steady), each card in it keeps the height of
    the tallest (STEADY), so the cards that land take the places kept for them and nothing below them moves."""
    return st.container(key=f"figures_{section}") if steady else st.container()


def section_cards(section: str, lines, result, measuring: bool, per_row: int = 4) -> None:
    """A section's cards; while figures of it are measured, a card in the place of each that comes; if they could not
    be measured, which (its figures appear once measured again)."""
    waiting = awaited(result.evaluation.pending).get(section)
    if waiting and not measuring:
        st.warning(f"Not measured: {' and '.join(waiting)}. Measure the remaining figures (above) to try again.")
    coming = waiting_labels(result.evaluation, section, result.holdout_model is not None) if measuring else []
    cards(lines, per_row, coming)


def _card(line) -> None:
    st.markdown(f"{LIGHTS[line.light]} **{line.label}**")
    st.markdown(f"### {line.shown}")
    st.caption(plain(line.sentence))


def _coming(label: str) -> None:
    st.markdown(f"{LIGHTS['grey']} **{label}**")
    st.markdown("### …")
    st.caption("Still being measured: its figure appears here once done.")


def cards(lines, per_row: int = 4, coming=()) -> None:
    """per_row cards a row in a wide window; fewer, each as wide, in a narrow one (not squeezed to a word a line); then
    a card for each figure of coming (labels) still being measured."""
    row = st.container(horizontal=True)
    for draw, what in [*((_card, line) for line in lines), *((_coming, label) for label in coming)]:
        with row.container(border=True, width=CARDS_WIDTH // per_row), st.container():  # one block (STEADY)
            draw(what)


def card_pairs(lines) -> None:
    """Cards two a row, each half the page (the attack risks, whose sentences are long)."""
    for start in range(0, len(lines), 2):
        for column, line in zip(st.columns(2), lines[start : start + 2]):
            with column.container(border=True):
                _card(line)


def _score(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2f}"


def usefulness_scores(figures: dict) -> None:
    """One target's usefulness: the model trained on real rows, on synthetic rows, and their ratio, in words."""
    left, middle, right = st.columns(3)
    left.metric(f"Trained on real ({figures['metric']})", _score(figures["real_score"]))
    middle.metric(f"Trained on synthetic ({figures['metric']})", _score(figures["synthetic_score"]))
    right.metric("Synthetic / real", "n/a" if figures["ratio"] is None else f"{figures['ratio']:.0%}")
    st.caption(USEFULNESS_WORDS.get(figures["metric"], ""))
