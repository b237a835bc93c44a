"""Plain display helpers: text shown as text, traffic lights, and one sentence for an unexpected failure."""

from __future__ import annotations

import logging
import os
import re
import traceback
import uuid
from pathlib import Path

import streamlit as st

# The browser tab's icon, served by the app itself: a Material icon here would make every browser fetch it from a
# public font host, which an intranet behind a firewall cannot reach.
PAGE_ICON = str(Path(__file__).with_name("page_icon.png"))
LIGHTS = {"green": ":green[●]", "amber": ":orange[●]", "red": ":red[●]", "grey": ":gray[●]"}
log = logging.getLogger("synth.sessions")


def plain(text: object) -> str:
    """Text safe to pass to st.markdown: Markdown and HTML characters shown as they are."""
    return re.sub(r"([\\`*_{}\[\]()#+\-.!|<>~$])", r"\\\1", str(text))


def show_unexpected(error: Exception) -> None:
    """One plain sentence for an unexpected failure; the log gets its type and place, never its message."""
    reference = uuid.uuid4().hex[:8]
    where = traceback.extract_tb(error.__traceback__)[-1]
    log.error(
        "page error %s: %s at %s:%s", reference, type(error).__name__, os.path.basename(where.filename), where.lineno
    )
    st.error(
        f"Something went wrong on this page. Your data is still here: try again, or go back a step. "
        f"If it keeps happening, tell the team (reference {reference})."
    )


MIMES = {"csv": "text/csv", "html": "text/html", "json": "application/json"}


def offer_file(slot, label: str, data, table: str, what: str, extension: str, key: str, **widget) -> None:
    """One download button in slot (st or a column), its file named after the table (credit.csv gives
    credit_{what}.{extension}); data may be bytes or a function making them on the click; the page does not rerun."""
    from synth.downloads import download_name  # the engine's pipeline: not needed to draw a page's first lines

    widget.setdefault("mime", MIMES.get(extension, "application/octet-stream"))
    file_name = download_name(table, what, extension)
    slot.download_button(label, data, file_name=file_name, on_click="ignore", key=key, **widget)
