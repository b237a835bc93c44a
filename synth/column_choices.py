"""The Columns page's one table: each column's keep, kind and confirmation, shown for editing and read back."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from synth import schema
from synth.errors import InputError

# Short kind names fit the table's drop-down; what each means sits in its own column, so nothing is cut off.
KIND_NAMES = {kind: label.split(" (")[0] for kind, label in schema.KIND_LABELS.items()}
KIND_BY_NAME = {name: kind for kind, name in KIND_NAMES.items()}
NEVER_LEARNED = ("identifier", "personal")  # the kinds a person confirms: their real values never reach the output
WHAT_HAPPENS = {
    kind: label.split(" (", 1)[1].rstrip(")") if " (" in label else "learned"
    for kind, label in schema.KIND_LABELS.items()
}
HEADERS = ("Column", "Keep", "Kind", "Confirmed", "What happens", "Detected as", "Missing", "Summary")


@dataclass(frozen=True)
class Choices:
    """What the user chose in the table: the columns kept (in table order), every column's kind, the never-learned
    columns they confirmed, and one plain sentence for each kind change refused (the old kind stays)."""

    keep: list[str]
    kinds: dict[str, str]
    confirmed: frozenset[str]
    refused: tuple[str, ...] = ()


def editor_frame(
    profiles: tuple[schema.ColumnProfile, ...] | list[schema.ColumnProfile],
    detected: dict[str, str],
    choices: Choices,
) -> pd.DataFrame:
    """One row per column of the table, as the Columns page's editable table shows it."""
    rows = []
    for profile in profiles:
        column, kind = profile.name, choices.kinds[profile.name]
        rows.append(
            {
                "Column": column,
                "Keep": column in choices.keep,
                "Kind": KIND_NAMES[kind],
                "Confirmed": column in choices.confirmed if kind in NEVER_LEARNED else None,
                "What happens": WHAT_HAPPENS[kind],
                "Detected as": KIND_NAMES[detected[column]],
                "Missing": f"{profile.missing_share:.0%}",
                "Summary": profile.summary,
            }
        )
    return pd.DataFrame(rows, columns=list(HEADERS))


def read_choices(edited: pd.DataFrame, frame: pd.DataFrame, before: Choices) -> Choices:
    """The choices the edited table holds. A kind the values cannot take is refused in plain words and the column
    keeps its previous kind; a confirmation only counts for a column whose kind is never learned."""
    kinds, refused = dict(before.kinds), []
    for column, name in zip(edited["Column"], edited["Kind"], strict=True):
        kind = KIND_BY_NAME.get(name, before.kinds[column])
        if kind == before.kinds[column]:
            continue
        try:
            schema.validate_kinds(frame, {column: kind})
        except InputError as error:
            refused.append(str(error))
        else:
            kinds[column] = kind
    keep = [column for column, kept in zip(edited["Column"], edited["Keep"], strict=True) if bool(kept)]
    confirmed = frozenset(
        column
        for column, ticked in zip(edited["Column"], edited["Confirmed"], strict=True)
        if kinds[column] in NEVER_LEARNED and _ticked(ticked)
    )
    return Choices(keep, kinds, confirmed, tuple(refused))


def _ticked(value) -> bool:
    """A tick read back from the table: True, numpy's True, or an empty cell (None or NaN) read as not ticked."""
    return not pd.isna(value) and bool(value)


def unconfirmed_note(choices: Choices) -> str | None:
    """One sentence naming the kept never-learned columns not yet confirmed, or None when there are none."""
    waiting = [c for c in choices.keep if choices.kinds[c] in NEVER_LEARNED and c not in choices.confirmed]
    if not waiting:
        return None
    return (
        f"Please confirm: {', '.join(waiting)} {'are' if len(waiting) > 1 else 'is'} taken for personal data or "
        "an identifier, so the real values are never learned. Tick Confirmed, or pick another kind."
    )
