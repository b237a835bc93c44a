"""After fit: synthetic rows in the table's shape, reading real rows only where the generator allows it."""

from __future__ import annotations

import multiprocessing as mp
import sys
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from synth import replace, sampling, schema
from synth.formats.stored_types import StoredType, fitted
from synth.generators import Capability, Generator, Progress

REFERENCE_ROWS = 5_000  # released rows that stand in for the real ones when rules or conditions need a reference
BLOCK_ROWS = 50_000  # synthetic rows are drawn in blocks of this many, each block from its own seed


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
    written_forms: dict[str, str | None]  # how each date or duration column is written, read once before fit


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


def block_seed(seed: int, block: int) -> int:
    """The seed of one block of synthetic rows: the run's seed for the first, a seed derived from it for the others."""
    return seed if block == 0 else int(np.random.SeedSequence([seed, block]).generate_state(1)[0] % 2**31)


def release_model(
    generator: Generator, prepared: Prepared, config: Any, progress: Progress, workers: int = 1
) -> pd.DataFrame:
    """Synthetic rows in model form, drawn in blocks of BLOCK_ROWS, each from its own seed (block_seed): the rows are
    the same whether they are later written whole or chunk by chunk, and whether the blocks are drawn one after the
    other or by several forked workers at once. A differentially private generator's rows are checked against rules
    and conditions with rows it released."""
    if private(generator):
        reference = generator.sample(REFERENCE_ROWS, config.seed + 1, lambda f, m: None)
        sampling.check_conditions(config.where, config.rebalance, prepared.kinds, reference)
    else:
        reference = prepared.real_model
    settle = _as_shown(_look(generator, prepared), prepared.kinds) if config.rules else None
    blocks = range(-(-prepared.rows // BLOCK_ROWS))

    def draw(block: int, report: Progress = lambda f, m: None) -> pd.DataFrame:
        start = block * BLOCK_ROWS
        size = min(BLOCK_ROWS, prepared.rows - start)
        return sampling.sample_rows(
            generator,
            size,
            block_seed(config.seed, block),
            reference,
            where=config.where,
            rebalance=config.rebalance,
            rules=config.rules,
            settle=settle,
            progress=lambda f, m: report(
                (start + f * size) / prepared.rows, f"Sampling: {start + int(f * size):,} of {prepared.rows:,} rows"
            ),
        )[prepared.learned]

    if workers > 1 and len(blocks) > 1 and fork_safe():
        parts = []
        with mp.get_context("fork").Pool(min(workers, len(blocks)), initializer=_hand_over, initargs=(draw,)) as pool:
            for part in pool.imap(_drawn_block, blocks):
                parts.append(part)
                done = min(len(parts) * BLOCK_ROWS, prepared.rows)
                progress(done / prepared.rows, f"Sampling: {done:,} of {prepared.rows:,} rows")
    else:
        parts = [draw(block, progress) for block in blocks]
    return pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0].reset_index(drop=True)


THREADED = ("torch", "jax")  # their thread pools do not survive a fork: a child could deadlock on a held lock


def fork_safe() -> bool:
    """Whether blocks may be drawn by forked workers: fork exists and no library whose threads break on it is loaded
    (SDV's generators load torch, dp_marginals JAX: they draw their blocks in this process)."""
    return "fork" in mp.get_all_start_methods() and not any(name in sys.modules for name in THREADED)


_WORKER: dict = {}  # in a forked sampling worker only: the parent's draw function, inherited, never pickled


def _hand_over(draw) -> None:
    _WORKER["draw"] = draw


def _drawn_block(block: int) -> pd.DataFrame:
    return _WORKER["draw"](block)


def shown_rows(generator: Generator, prepared: Prepared, model_rows: pd.DataFrame, start: int = 0) -> pd.DataFrame:
    """Synthetic rows start.. in the table's own form (on the private path, their look comes from the template only),
    with the columns made before fit; any slice of rows can be shown on its own, so a file can be written in chunks."""
    source, formats = _look(generator, prepared)
    restored = schema.from_model_frame(model_rows.reset_index(drop=True), source, prepared.kinds, formats)
    out = {}
    for column in prepared.kinds:
        if column in prepared.learned:
            out[column] = restored[column]
        elif column in prepared.made_before_fit:
            out[column] = pd.Series(prepared.made_before_fit[column]).iloc[start : start + len(model_rows)]
    return pd.DataFrame({c: pd.Series(v).reset_index(drop=True) for c, v in out.items()})


def release(
    generator: Generator, prepared: Prepared, config: Any, progress: Progress, *, shown: bool = True, workers: int = 1
) -> tuple[pd.DataFrame, pd.DataFrame | None]:
    """Synthetic rows in model form and in the table's own form (None with shown=False: the caller shows them
    chunk by chunk with shown_rows); workers > 1 draws the blocks in that many forked processes."""
    synthetic_model = release_model(generator, prepared, config, progress, workers)
    return synthetic_model, shown_rows(generator, prepared, synthetic_model) if shown else None


def released_types(
    generator: Generator, prepared: Prepared, stored: dict[str, StoredType], model_rows: pd.DataFrame
) -> dict[str, StoredType]:
    """How a typed download writes each synthetic column: its file's own type (a category, a time zone, int16),
    fitted to every synthetic value so that each chunk of a file gets the same type, and left out where a value
    would change. A category column keeps its file's order of categories, of the values written (a rare real value
    the run left out, or one no row held, is not named), where the generator reads real rows anyway and the column
    is learned or carried; on the private path, and for fakes and new identifiers, its categories are the values
    written, sorted and unordered (the list and its order could name or rank real values the release does not)."""
    source, formats = _look(generator, prepared)
    out = {}
    for column, kind in prepared.kinds.items():
        if column not in stored:
            continue
        if column in prepared.learned:  # each value in the table's form, as shown_rows writes it
            values = schema.from_model_frame(model_rows[[column]].drop_duplicates(), source, prepared.kinds, formats)
            values = values[column]
        elif column in prepared.made_before_fit:
            values = pd.Series(prepared.made_before_fit[column])
        else:
            continue  # dropped
        declared = stored[column]
        if declared.categories is not None and (private(generator) or kind not in schema.LEARNED_KINDS):
            declared = StoredType("category")
        elif declared.categories is not None:  # the file's order, of the values written: a rare real value the run
            written = set(values.dropna())  # did not write is not named in the file's schema either
            kept = tuple(c for c in declared.categories if c in written)
            declared = StoredType("category", kept, declared.ordered) if kept else StoredType("category")
        if (kept := fitted(declared, values)) is not None:
            out[column] = kept
    return out


def _source(generator: Generator, prepared: Prepared) -> pd.DataFrame:
    """What synthetic rows take their look from: the real frame, or on the private path the empty template, where a
    category column read as numbers (class codes) is text if the generator says 'Other' may come back in it (from
    its released guarantee): 'Other' is no number, and every chunk of a file gets the same type. A column of which no
    value was named is among them where its 'Other' may come back; an empty one (nothing to name) stays a number
    column, empty (it was written as text)."""
    if not private(generator):
        return prepared.frame
    guarantee = generator.privacy_guarantee() or {}
    grouped = set(guarantee.get("grouped_as_other", ()))
    template = prepared.template
    texts = {
        c: object
        for c in grouped
        if c in template and prepared.kinds.get(c) == "category" and pd.api.types.is_numeric_dtype(template[c])
    }
    return template.astype(texts) if texts else template


def _look(generator: Generator, prepared: Prepared) -> tuple[pd.DataFrame, dict[str, str | None]]:
    """What synthetic rows take their look from (_source), with the date and duration columns' written forms, read
    once before fit. A column of date values whose form says days ('%Y-%m-%d': an Excel or Parquet column of dates
    without times) has its made values cut to days: SDV's generators made times of day in it."""
    return _source(generator, prepared), prepared.written_forms


def _as_shown(look: tuple[pd.DataFrame, dict[str, str | None]], kinds: dict[str, str]):
    """Synthetic model rows as the user will see them (whole numbers, decimal places, the dates' format; from the
    template on the private path), so that a rule checked on them still holds in the file: 0.3 > 0 holds, yet it is
    written 0. They are read back in the run's written forms: too few made rows may not tell their form."""

    frame, formats = look

    def settle(rows: pd.DataFrame) -> pd.DataFrame:
        shown = {c: kinds[c] for c in rows.columns}
        restored = schema.from_model_frame(rows, frame, shown, formats)
        return schema.to_model_frame(restored, shown, formats).set_index(rows.index)

    return settle
