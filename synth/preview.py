"""What the Data page shows of a table: its first rows with never-learned values masked, and what stops learning."""

from __future__ import annotations

import pandas as pd

from synth.schema import LEARNED_KINDS, varies

MASK = "•••••"
MASKED_KINDS = ("personal", "identifier", "text")  # never learned, and their values are what a preview must not show


def masked_preview(frame: pd.DataFrame, kinds: dict[str, str], rows: int = 200) -> pd.DataFrame:
    """The first rows, with every value of personal-data, identifier and free-text columns masked (missing cells
    stay empty, so the preview still shows where values are missing)."""
    shown = frame.head(rows).copy()
    for column in shown.columns:
        if kinds.get(column) in MASKED_KINDS:
            shown[column] = shown[column].astype(object).where(shown[column].isna(), MASK)
    return shown


def learning_problem(frame: pd.DataFrame, kinds: dict[str, str]) -> str | None:
    """One sentence when no column of the table can be learned as it is (Generate would refuse it), else None.
    The same rule as the pipeline's: a number, category, date or yes/no column whose cells differ (schema.varies)."""
    if any(kind in LEARNED_KINDS and varies(frame[column]) for column, kind in kinds.items()):
        return None
    if len(frame) < 2:
        return (
            "This table has only one row, so there is nothing to learn from: Generate will refuse it. "
            "Bring a table with more rows (a few hundred give useful results)."
        )
    if not any(varies(frame[column]) for column in frame.columns):
        return (
            "Every column holds a single value (or none), so there is nothing to learn from: Generate will refuse "
            "this table. Bring a table whose values vary."
        )
    return (
        "No column can be learned as it is: each is an identifier, personal data or free text, or holds a single "
        "value. Generate will refuse this table unless a column that varies is a number, category or date; correct "
        "a kind on the Columns page if one was misread."
    )
