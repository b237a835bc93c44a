"""What the Columns page tells the user to confirm: identifiers found, and names that proposed personal data."""

from __future__ import annotations

import pandas as pd

from synth import personal
from synth.schema import KIND_LABELS


def identifier_note(kinds: dict[str, str], columns: list[str]) -> str | None:
    """One sentence listing the kept columns taken for identifiers, or None when there are none."""
    found = [column for column in columns if kinds.get(column) == "identifier"]
    if not found:
        return None
    return (
        f"{'These columns look' if len(found) > 1 else 'This column looks'} like "
        f"identifier{'s' if len(found) > 1 else ''} (never learned, replaced by new values): "
        f"{', '.join(found)}. Change a column's kind below if one is not."
    )


def _why_not(series: pd.Series, proposed: str) -> str:
    """Why the values do not confirm what the name proposed, in words that reveal no value."""
    what = personal.PERSONAL_TYPES[proposed]
    values = series.dropna()
    distinct = values.nunique()
    if values.empty:
        return "it is empty"
    if pd.api.types.is_bool_dtype(series):
        return "it holds yes/no values"
    if pd.api.types.is_numeric_dtype(series):
        if not (values.astype(float) % 1 == 0).all():
            return "its values are numbers with decimals"
        if not personal.could_be_personal(series):
            return f"its values are {distinct:,} distinct whole numbers, too short for {what}"
    elif not personal.could_be_personal(series):
        return f"it has only {distinct:,} distinct value{'s' if distinct > 1 else ''}, each repeated"
    return f"its values do not look like {what}"


def unconfirmed_personal(frame: pd.DataFrame, kinds: dict[str, str], columns: list[str]) -> dict[str, str]:
    """For each kept column whose name proposed personal data that its values did not confirm (so it is kept and
    learned as its values say), one plain sentence why."""
    reasons = {}
    for column in columns:
        proposed = personal.type_from_name(column)
        if proposed is None or kinds.get(column) == "personal" or column not in frame.columns:
            continue
        kind = KIND_LABELS[kinds[column]].split(" (")[0].lower()
        reasons[column] = (
            f"'{column}': the name suggests {personal.PERSONAL_TYPES[proposed]}, but "
            f"{_why_not(frame[column], proposed)}, so it is treated as: {kind}."
        )
    return reasons
