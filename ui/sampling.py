"""The Generate page's choice to learn from a random sample of a long table's rows, said in a plain sentence."""

from __future__ import annotations

import streamlit as st

SAMPLE_OFFER_ROWS = 20_000  # shorter tables are always learned from whole: a sample would save little time
LEAST_SAMPLE = 1_000


def sample_choice(table_rows: int, settings: dict) -> int | None:
    """The rows to learn from when the user chose a sample, else None (every row); kept in settings."""
    chosen = settings.get("sample_rows")
    if table_rows <= SAMPLE_OFFER_ROWS:
        settings["sample_rows"] = None
        return None
    wanted = st.checkbox(
        "Learn from a random sample of the rows (quicker)",
        value=bool(chosen),
        key="sample_widget",
        help="By default the generator learns from every row. A sample trains faster on a long table, "
        "but patterns that only a few rows show may be missed.",
    )
    if not wanted:
        st.caption(f"The generator learns from every one of the {table_rows:,} rows (a fifth kept aside to judge).")
        settings["sample_rows"] = None
        return None
    rows = st.number_input(
        "Rows to learn from",
        min_value=min(LEAST_SAMPLE, int(chosen or LEAST_SAMPLE)),  # a settings file's smaller sample is kept
        max_value=table_rows,
        value=min(int(chosen or 100_000), table_rows // 2),
        step=10_000,
        key="sample_rows_widget",
    )
    st.caption(
        f"The generator learns from {int(rows):,} rows drawn at random (the seed picks them) instead of all "
        f"{table_rows:,}. It can still make as many rows as you ask for."
    )
    settings["sample_rows"] = int(rows)
    return int(rows)
