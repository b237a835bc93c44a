"""Everything a run does before fit: the columns and their kinds, which are learned, the rows kept aside, the sample
learned from and the requests checked."""

from __future__ import annotations

import numpy as np
import pandas as pd

from synth import replace, sampling, schema
from synth.errors import InputError
from synth.generators import generator_class
from synth.release import Prepared, made_before_fit, private
from synth.rules import check_rules
from synth.run_config import HOLDOUT_FROM_ROWS, HOLDOUT_SHARE, MIN_ROWS, RunConfig


def select_columns(table: pd.DataFrame, config: RunConfig, kinds: dict[str, str] | None) -> tuple[pd.DataFrame, dict]:
    columns = list(config.columns) if config.columns else list(table.columns)
    unknown = [c for c in columns if c not in table.columns]
    if unknown:
        raise InputError(f"These columns are not in the table: {', '.join(unknown)}.")
    if not columns:
        raise InputError("No columns are selected. Choose at least one column to generate.")
    if len(table) < MIN_ROWS:
        raise InputError(f"The table has only {len(table)} rows; at least {MIN_ROWS} are needed to learn anything.")
    frame = table[columns]
    given = {c: k for c, k in (kinds or {}).items() if c in frame.columns}
    undecided = [c for c in frame.columns if c not in given]  # detection is the slow part: only where needed
    chosen = {**schema.detect_kinds(frame[undecided]), **given}
    return frame, schema.validate_kinds(frame, {c: chosen[c] for c in frame.columns})


def plan_columns(frame: pd.DataFrame, kinds: dict[str, str], private: bool = False) -> tuple[list[str], list[str]]:
    """Columns to learn, and learned-kind columns merely carried through (one value in every row, or empty). A
    column with one value and some missing cells varies, so it is learned. A differentially private generator
    learns every column: that a column holds one value is itself a fact about the real rows."""
    learned, carried = [], []
    for column, kind in kinds.items():
        if kind in schema.LEARNED_KINDS:
            (learned if private or schema.varies(frame[column]) else carried).append(column)
    return learned, carried


def prepare(table: pd.DataFrame, config: RunConfig, kinds: dict[str, str] | None = None) -> Prepared:
    """Everything up to fit: columns, kinds, model form, the rows kept aside, and the columns not learned."""
    chosen = generator_class(config.generator)
    dp = private(chosen)
    rows = len(table) if config.rows is None else int(config.rows)
    if rows < 1 or rows > 10_000_000:
        raise InputError("The number of rows to generate must be between 1 and 10,000,000.")
    replace.check_locale(config.locale)
    frame, kinds = select_columns(table, config, kinds)
    learned, carried = plan_columns(frame, kinds, dp)
    warnings: list[str] = []
    if not learned:
        raise InputError(
            "None of the chosen columns can be learned (they are identifiers, personal data, "
            "free text or constant). Choose at least one number, category or date column."
        )
    forms = written_forms(frame[learned], kinds)  # read once: every later reading and writing of the run uses them
    real_model = schema.to_model_frame(frame[learned], {c: kinds[c] for c in learned}, forms)
    for column, unread in schema.unread_values(frame[learned], real_model).items():
        what = {"datetime": "dates", "integer": "numbers", "decimal": "numbers"}.get(kinds[column], "values")
        if what == "numbers" and forms.get(column):
            what = "durations"  # 'DNF' among race times
        warnings.append(
            f"{unread:,} value{'s' if unread > 1 else ''} of '{column}' could not be read as {what}, so "
            f"{'they were' if unread > 1 else 'it was'} learned as missing."
        )
    if dp:  # the values asked for are checked against released rows, after fit; the rest of the request before it
        check_rules(config.rules, kinds, learned)
        sampling.check_requested_shape(config.where, config.rebalance, kinds, learned)
    else:
        check_requests(config, kinds, learned, real_model)
    training, holdout = split_holdout(real_model, config.holdout, config.seed)
    if holdout is not None:
        warnings.append(
            f"{len(holdout):,} real rows ({len(holdout) / len(real_model):.0%}) were kept aside before "
            "training, to show what a fresh real sample scores and to check for copying."
        )
    training = sampled_rows(training, config, warnings)
    locale = config.locale or replace.guess_locale(frame)  # one for the whole table: fake names and e-mails agree
    made = made_before_fit(frame, kinds, learned, carried, rows, config, locale, warnings)
    template = frame[learned].head(0)
    return Prepared(frame, kinds, learned, real_model, training, holdout, rows, template, made, locale, warnings, forms)


def sampled_rows(training: pd.DataFrame, config: RunConfig, warnings: list[str]) -> pd.DataFrame:
    """Every training row, or a seeded random sample when the user asked for one (or the server's ceiling is lower)."""
    if config.sample_rows is not None and config.sample_rows < MIN_ROWS:
        raise InputError(f"A sample to learn from needs at least {MIN_ROWS} rows (asked: {config.sample_rows:,}).")
    limit = min(config.sample_rows or len(training), config.max_train_rows)
    if len(training) <= limit:
        return training
    why = "as chosen" if limit == config.sample_rows else "the most this server learns from (SYNTH_MAX_ROWS)"
    warnings.append(
        f"The generator learned from a random sample of {limit:,} of the {len(training):,} training rows, {why}; "
        "learning from every row is slower but can be a little more faithful."
    )
    return training.sample(limit, random_state=config.seed)


def _kept_aside(rows: int, share: float | None) -> int:
    """How many of `rows` real rows are kept aside (None: HOLDOUT_SHARE from HOLDOUT_FROM_ROWS rows on); 0 where the
    table is too small to spare any."""
    share = (HOLDOUT_SHARE if rows >= HOLDOUT_FROM_ROWS else 0.0) if share is None else share
    kept = int(round(rows * share))
    return 0 if kept < 1 or rows - kept < MIN_ROWS else kept


def training_rows(
    rows: int, share: float | None = None, sample_rows: int | None = None, most: int | None = None
) -> int:
    """How many of `rows` real rows a generator learns from once rows are kept aside (as split_holdout splits) and
    a sample is drawn from the rest (as sampled_rows draws: the rows chosen, at most the server's ceiling `most`)."""
    training = rows - _kept_aside(rows, share)
    return min(training, sample_rows or training, most or training)


def split_holdout(real: pd.DataFrame, share: float | None, seed: int) -> tuple[pd.DataFrame, pd.DataFrame | None]:
    """Training rows and real rows kept aside before training (None when the table is too small to spare any)."""
    if share is not None and not 0.0 <= share < 0.9:
        raise InputError("The share of rows kept aside must be between 0 and 0.9.")
    kept = _kept_aside(len(real), share)
    if not kept:
        return real, None
    order = np.random.default_rng(seed).permutation(len(real))
    return real.iloc[order[kept:]], real.iloc[order[:kept]]


def check_requests(config: RunConfig, kinds: dict, learned: list[str], real_model: pd.DataFrame) -> None:
    check_rules(config.rules, kinds, learned)
    for rule in config.rules:
        if rule.kind == "order" and (broken := int(rule.broken(real_model, real_model).sum())):
            raise InputError(
                f"{broken:,} real rows already break the rule '{rule.describe()}', so it cannot be "
                "learned. Check the data or remove the rule."
            )
    sampling.check_conditions(config.where, config.rebalance, kinds, real_model)


def written_forms(frame: pd.DataFrame, kinds: dict[str, str]) -> dict[str, str | None]:
    """Each date or duration column's written form, read before training as its kind is: a text date column's
    strftime format, and for a column of date values (Excel, Parquet) '%Y-%m-%d' where every value falls at midnight
    (days, no times), else None (times kept); a number column written as durations, its duration form ('[h]:mm:ss').
    Read once per run, before fit: every run reads and writes its dates and durations with these, not with forms
    read again from the real rows at each chunk of a file, and the private path so never reads a real value after
    fit."""
    found = {}
    for column, kind in kinds.items():
        if column not in frame:
            continue
        series = frame[column]
        if kind in schema.NUMERIC_KINDS and (form := schema.duration_form(series)):
            found[column] = form
        elif kind != "datetime":
            continue
        elif pd.api.types.is_datetime64_any_dtype(series):
            present = series.dropna()
            found[column] = "%Y-%m-%d" if len(present) and (present == present.dt.normalize()).all() else None
        else:
            found[column] = schema.datetime_format(series)
    return found
