"""Compare's score displays: the verdict's two boxes, score cards, attack-risk cards and usefulness figures."""

from __future__ import annotations

import streamlit as st

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
_FRAMES = ".st-key-verdict_fidelity, .st-key-verdict_privacy, .st-key-verdict_follow_up"
STEADY = f"""<style>
div:is({_FRAMES}) {{ display: grid; align-content: start; }}
div:is({_FRAMES}) > *, div:is({_FRAMES})::before {{ grid-area: 1 / 1; min-width: 0; }}
div:is({_FRAMES})::before {{
  visibility: hidden; pointer-events: none; white-space: pre-wrap; font-size: 0.875rem; line-height: 1.6;
}}
div:is(.st-key-verdict_fidelity, .st-key-verdict_privacy)::before {{ content: "{_BOX}"; padding-bottom: 3rem; }}
div.st-key-verdict_follow_up::before {{ content: "{_REASON[:80]}"; padding-bottom: 1.25rem; }}
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


def still_measured(pending, section: str, measuring: bool) -> None:
    """Above a section's cards: which of its figures are still being measured, or could not be."""
    waiting = awaited(pending).get(section)
    if waiting and measuring:
        st.info(f"Still being measured: {' and '.join(waiting)}. Its figures appear here once done.")
    elif waiting:
        st.warning(f"Not measured: {' and '.join(waiting)}. Measure the remaining figures (above) to try again.")


def _card(line) -> None:
    st.markdown(f"{LIGHTS[line.light]} **{line.label}**")
    st.markdown(f"### {line.shown}")
    st.caption(plain(line.sentence))


def cards(lines, per_row: int = 4) -> None:
    """per_row cards a row in a wide window; fewer, each as wide, in a narrow one (not squeezed to a word a line)."""
    row = st.container(horizontal=True)
    for line in lines:
        with row.container(border=True, width=CARDS_WIDTH // per_row):
            _card(line)


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
