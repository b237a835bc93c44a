"""After fit: synthetic rows in the table's shape, reading real rows only where the generator allows it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from synth import replace, sampling, schema
from synth.generators import Capability, Generator, Progress

REFERENCE_ROWS = 5_000  # released rows that stand in for the real ones when rules or conditions need a reference


@dataclass(frozen=True)
class Prepared:
    """A run up to fit. frame, real_model, training and holdout hold real rows; a differentially private
    generator's release reads none of them: only kinds, the empty template and the columns made before fit."""

    frame: pd.DataFrame  # the chosen columns, as read
    kinds: dict[str, str]
    learned: list[str]
    real_model: pd.DataFrame
    training: pd.DataFrame
    holdout: pd.DataFrame | None
    rows: int
    template: pd.DataFrame  # the learned columns' names and types, no rows: the schema
    made_before_fit: dict[str, pd.Series]  # identifiers, fakes and carried columns, as today
    locale: str
    warnings: list[str]


def private(generator: Generator | type[Generator]) -> bool:
    return Capability.DIFFERENTIALLY_PRIVATE in generator.capabilities


def made_before_fit(frame, kinds, learned, carried, rows, config, locale, warnings) -> dict[str, pd.Series]:
    """Every column not learned: carried, new identifiers, fakes or dropped; made before fit, as none needs the model."""
    rng = np.random.default_rng(config.seed)
    out = {}
    for column, kind in kinds.items():
        if column in learned:
            continue
        if column in carried:
            out[column] = replace.carried(frame[column], rows)
            warnings.append(
                f"The column '{column}' is empty: it comes back empty, as there is nothing to learn."
                if frame[column].isna().all()
                else f"The column '{column}' holds a single value: every row gets it, nothing was learned."
            )
        elif kind == "identifier":
            out[column] = replace.new_identifiers(frame[column], rows, rng)
            warnings.append(f"The column '{column}' (identifier) was not learned: it holds new values, none real.")
        elif kind == "personal" and config.personal_data == "drop":
            warnings.append(f"The personal-data column '{column}' was dropped, as chosen.")
        else:
            out[column] = replace.fake_values(frame[column], rows, config.seed, kind, locale=locale)
            warnings.append(
                f"The column '{column}' ({schema.KIND_LABELS[kind].split(' (')[0].lower()}) "
                "was not learned: its values are made-up fakes."
            )
    return out


def release(
    generator: Generator, prepared: Prepared, config: Any, progress: Progress
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Synthetic rows in model form and in the table's own form. A differentially private generator's rows are
    checked against rules and conditions with rows it released, and take their look from the template only."""
    if private(generator):
        reference = generator.sample(REFERENCE_ROWS, config.seed + 1, lambda f, m: None)
        sampling.check_conditions(config.where, config.rebalance, prepared.kinds, reference)
        source = prepared.template
    else:
        reference, source = prepared.real_model, prepared.frame
    synthetic_model = sampling.sample_rows(
        generator,
        prepared.rows,
        config.seed,
        reference,
        where=config.where,
        rebalance=config.rebalance,
        rules=config.rules,
        settle=_as_shown(source, prepared.kinds) if config.rules else None,
        progress=progress,
    )
    synthetic_model = synthetic_model[prepared.learned].reset_index(drop=True)
    restored = schema.from_model_frame(synthetic_model, source, prepared.kinds)
    out = {}
    for column in prepared.kinds:
        if column in prepared.learned:
            out[column] = restored[column]
        elif column in prepared.made_before_fit:
            out[column] = prepared.made_before_fit[column]
    synthetic = pd.DataFrame({c: pd.Series(v).reset_index(drop=True) for c, v in out.items()})
    return synthetic_model, synthetic


def _as_shown(frame: pd.DataFrame, kinds: dict[str, str]):
    """Synthetic model rows as the user will see them (whole numbers, decimal places, the dates' format; from the
    template on the private path), so that a rule checked on them still holds in the file: 0.3 > 0 holds, yet it is
    written 0."""

    def settle(rows: pd.DataFrame) -> pd.DataFrame:
        shown = {c: kinds[c] for c in rows.columns}
        return schema.to_model_frame(schema.from_model_frame(rows, frame, shown), shown).set_index(rows.index)

    return settle
