"""One run from a config: schema -> fit -> sample -> evaluate -> a result the app and the CLI both use."""

from __future__ import annotations

import hashlib
import os
import platform
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import partial
from importlib.metadata import PackageNotFoundError, version
from typing import Any

import numpy as np
import pandas as pd

from synth import __version__, replace, sampling, schema
from synth.errors import InputError
from synth.evaluate import EXTRAS, Cost, Evaluation, evaluate, extras_up_to
from synth.evaluate.identifier_reuse import NEAR_UNIQUE
from synth.generators import DEFAULT_GENERATOR, Capability, Progress, generator_class, no_progress
from synth.limits import Limits
from synth.release import BLOCK_ROWS, Prepared, made_before_fit, private, release, shown_rows
from synth.rules import Rule, check_rules
from synth.runners import ran_on

DEFAULT_SEED = 42
MIN_ROWS = 5
HOLDOUT_SHARE, HOLDOUT_FROM_ROWS = 0.2, 500
RUN_EXTRAS = EXTRAS  # every optional figure runs after generating, where training dwarfs them
# The extras the CLI skips by default (the detection classifier, distance to closest record): the app shows the
# result without them and measures them in a follow-up job (RunConfig.later), as the verdict awaits them (issue 13)
MEASURED_LATER = tuple(extra for extra in RUN_EXTRAS if extra not in extras_up_to(Cost.QUICK))
_PACKAGES = (
    "pandas",
    "numpy",
    "scipy",
    "scikit-learn",
    "plotly",
    "sdv",
    "sdmetrics",
    "rdt",
    "torch",
    "smartnoise-synth",
)


@dataclass(frozen=True)
class RunConfig:
    generator: str = DEFAULT_GENERATOR
    rows: int | None = None
    seed: int = DEFAULT_SEED
    columns: tuple[str, ...] | None = None
    options: dict[str, Any] = field(default_factory=dict)
    personal_data: str = "fake"  # "fake" or "drop"
    locale: str | None = None  # Faker locale of the fakes (one of replace.LOCALES); None: the values' language
    where: dict[str, str] = field(default_factory=dict)  # only rows with these category values
    rebalance: dict[str, dict[str, float]] = field(default_factory=dict)  # one column: {value: share}
    rules: tuple[Rule, ...] = ()
    sample_rows: int | None = None  # learn from a seeded random sample of this many rows (the user's choice); None: all
    max_train_rows: int = field(default_factory=lambda: Limits.from_env().max_rows)  # the server's ceiling
    holdout: float | None = None  # share of real rows kept aside to judge against; None: 0.2 from 500 rows on
    extras: tuple[str, ...] = RUN_EXTRAS  # optional figures (synth.evaluate.EXTRAS) measured after generating
    later: tuple[str, ...] = ()  # of those, the ones left for later (Evaluation.pending; synth.downloads.later_figures)
    table_name: str = ""  # the file the table came from, named in the verdict and the report


@dataclass(frozen=True)
class RunResult:
    synthetic: pd.DataFrame
    real_model: pd.DataFrame  # every real row, model form (charts)
    synthetic_model: pd.DataFrame
    kinds: dict[str, str]
    evaluation: Evaluation
    record: dict[str, Any]
    training_model: pd.DataFrame | None = None  # the rows the generator learned from
    holdout_model: pd.DataFrame | None = None  # real rows kept aside before training
    shown: Callable[[pd.DataFrame, int], pd.DataFrame] | None = None  # model rows from start -> table's form

    @property
    def warnings(self) -> list[str]:
        return self.record["warnings"]

    @property
    def rows(self) -> int:
        return len(self.synthetic_model) if self.shown is not None else len(self.synthetic)

    def synthetic_chunks(self, chunk_rows: int = BLOCK_ROWS) -> Iterator[pd.DataFrame]:
        """The synthetic rows in the table's own form, chunk_rows at a time (the same rows as one piece)."""
        for start in range(0, self.rows, chunk_rows):
            if self.shown is None:
                yield self.synthetic.iloc[start : start + chunk_rows]
            else:
                yield self.shown(self.synthetic_model.iloc[start : start + chunk_rows], start)


def versions() -> dict[str, str]:
    found = {"doppel": __version__, "python": platform.python_version()}
    for package in _PACKAGES:
        try:
            found[package] = version(package)
        except PackageNotFoundError:
            continue
    return found


def fingerprint(frame: pd.DataFrame) -> str:
    """A short hash of the table's content, to tell later which input a run used."""
    digest = hashlib.sha256(pd.util.hash_pandas_object(frame, index=False).to_numpy().tobytes())
    digest.update("\x1f".join(map(str, frame.columns)).encode())
    return digest.hexdigest()[:16]


def _scaled(progress: Progress, start: float, end: float) -> Progress:
    return lambda fraction, message: progress(start + (end - start) * min(max(fraction, 0.0), 1.0), message)


def _select(table: pd.DataFrame, config: RunConfig, kinds: dict[str, str] | None) -> tuple[pd.DataFrame, dict]:
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


def _plan(frame: pd.DataFrame, kinds: dict[str, str], private: bool = False) -> tuple[list[str], list[str]]:
    """Columns to learn, and learned-kind columns merely carried through (constant or empty). A differentially
    private generator learns those too: that a column holds one value is itself a fact about the real rows."""
    learned, carried = [], []
    for column, kind in kinds.items():
        if kind in schema.LEARNED_KINDS:
            (learned if private or frame[column].nunique(dropna=True) > 1 else carried).append(column)
    return learned, carried


def prepare(table: pd.DataFrame, config: RunConfig, kinds: dict[str, str] | None = None) -> Prepared:
    """Everything up to fit: columns, kinds, model form, the rows kept aside, and the columns not learned."""
    chosen = generator_class(config.generator)
    dp = private(chosen)
    rows = len(table) if config.rows is None else int(config.rows)
    if rows < 1 or rows > 10_000_000:
        raise InputError("The number of rows to generate must be between 1 and 10,000,000.")
    replace.check_locale(config.locale)
    frame, kinds = _select(table, config, kinds)
    learned, carried = _plan(frame, kinds, dp)
    warnings: list[str] = []
    if not learned:
        raise InputError(
            "None of the chosen columns can be learned (they are identifiers, personal data, "
            "free text or constant). Choose at least one number, category or date column."
        )
    real_model = schema.to_model_frame(frame[learned], {c: kinds[c] for c in learned})
    if dp:  # the values asked for are checked against released rows, after fit
        check_rules(config.rules, kinds, learned)
    else:
        _check_requests(config, kinds, learned, real_model)
    training, holdout = split_holdout(real_model, config.holdout, config.seed)
    if holdout is not None:
        warnings.append(
            f"{len(holdout):,} real rows ({len(holdout) / len(real_model):.0%}) were kept aside before "
            "training, to show what a fresh real sample scores and to check for copying."
        )
    training = _sampled(training, config, warnings)
    locale = config.locale or replace.guess_locale(frame)  # one for the whole table: fake names and e-mails agree
    made = made_before_fit(frame, kinds, learned, carried, rows, config, locale, warnings)
    template = frame[learned].head(0)
    return Prepared(frame, kinds, learned, real_model, training, holdout, rows, template, made, locale, warnings)


def _sampled(training: pd.DataFrame, config: RunConfig, warnings: list[str]) -> pd.DataFrame:
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


def _private_notes(guarantee: dict, prepared: Prepared) -> list[str]:
    notes = [
        guarantee["sentence"],
        "Nothing after training read the real rows: rules and conditions were checked against rows the generator "
        "released, and decimal places and date formats were not copied from the real values.",
    ]
    if prepared.made_before_fit:
        notes.append(
            "Columns not learned (identifiers, personal data) are new values and fakes shaped like the real ones: "
            "their shape and language are outside the privacy budget."
        )
    return notes


def generate(
    table: pd.DataFrame,
    config: RunConfig,
    kinds: dict[str, str] | None = None,
    progress: Progress = no_progress,
    *,
    keep_rows: bool = True,
) -> RunResult:
    """Learn the table with the chosen generator and return synthetic rows plus every figure about them. With
    keep_rows=False the rows are kept in model form only (numbers and codes) and result.synthetic_chunks() gives
    them in the table's own form chunk by chunk, for a file written in pieces."""
    chosen = generator_class(config.generator)
    options, notes = chosen.resolve_options(config.options)
    prepared = prepare(table, config, kinds)
    frame, kinds, training, holdout = prepared.frame, prepared.kinds, prepared.training, prepared.holdout
    warnings = notes + prepared.warnings
    timings = {}
    started = time.perf_counter()
    generator = chosen(**options)
    if config.rules and Capability.HONOURS_RULES in generator.capabilities:
        generator.set_rules(config.rules)
    generator.fit(training, kinds, config.seed, _scaled(progress, 0.0, 0.75))
    timings["fit_s"] = time.perf_counter() - started
    started = time.perf_counter()
    # a table written in pieces (the CLI) draws its blocks of rows on every core; the app's job keeps to its one
    workers = 1 if keep_rows else max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1)
    sampled = _scaled(progress, 0.75, 0.85)
    synthetic_model, synthetic = release(generator, prepared, config, sampled, shown=keep_rows, workers=workers)
    guarantee = generator.privacy_guarantee()
    if guarantee:
        warnings += _private_notes(guarantee, prepared)
    timings["sample_s"] = time.perf_counter() - started
    progress(0.85, "Measuring how faithful the synthetic data is")
    started = time.perf_counter()
    personal = [c for c in _checked_for_real_values(frame, kinds) if c in prepared.made_before_fit]
    made = pd.DataFrame({c: pd.Series(prepared.made_before_fit[c]).reset_index(drop=True) for c in personal})
    evaluation = evaluate(
        training,
        synthetic_model,
        kinds,
        holdout=holdout,
        extras=config.extras,
        seed=config.seed,
        personal=(frame[personal], made),
        later=config.later,
    )
    timings["evaluate_s"] = time.perf_counter() - started
    progress(1.0, "Done")
    record = {
        "table": config.table_name,
        "input_fingerprint": fingerprint(frame),
        "input_rows": len(frame),
        "input_columns": len(frame.columns),
        "columns": dict(kinds),
        "learned_columns": prepared.learned,
        "generator": chosen.name,
        "generator_label": chosen.label,
        "options": options,
        "seed": config.seed,
        "rows": prepared.rows,
        "learned_rows": len(training),  # real rows the generator learned from (after the holdout and any sample)
        "sample_rows": config.sample_rows,
        "holdout_rows": 0 if holdout is None else len(holdout),
        "personal_data": config.personal_data,
        "locale": prepared.locale,
        "locale_from": "chosen" if config.locale else "the values",
        "where": dict(config.where),
        "rebalance": dict(config.rebalance),
        "rules": [rule.describe() for rule in config.rules],
        **ran_on(),  # "runner": "local", or "ray" and the cluster's address
        "versions": versions(),
        "timings": timings,
        "warnings": warnings,
    }
    if guarantee:
        record["privacy_guarantee"] = guarantee
    shown = None if keep_rows else partial(shown_rows, generator, prepared)
    if synthetic is None:
        synthetic = pd.DataFrame(columns=[c for c in kinds if c in prepared.learned or c in prepared.made_before_fit])
    return RunResult(
        synthetic, prepared.real_model, synthetic_model, kinds, evaluation, record, training, holdout, shown
    )


def split_holdout(real: pd.DataFrame, share: float | None, seed: int) -> tuple[pd.DataFrame, pd.DataFrame | None]:
    """Training rows and real rows kept aside before training (None when the table is too small to spare any)."""
    share = (HOLDOUT_SHARE if len(real) >= HOLDOUT_FROM_ROWS else 0.0) if share is None else share
    if not 0.0 <= share < 0.9:
        raise InputError("The share of rows kept aside must be between 0 and 0.9.")
    kept = int(round(len(real) * share))
    if kept < 1 or len(real) - kept < MIN_ROWS:
        return real, None
    order = np.random.default_rng(seed).permutation(len(real))
    return real.iloc[order[kept:]], real.iloc[order[:kept]]


def _check_requests(config: RunConfig, kinds: dict, learned: list[str], real_model: pd.DataFrame) -> None:
    check_rules(config.rules, kinds, learned)
    for rule in config.rules:
        if rule.kind == "order" and (broken := int(rule.broken(real_model, real_model).sum())):
            raise InputError(
                f"{broken:,} real rows already break the rule '{rule.describe()}', so it cannot be "
                "learned. Check the data or remove the rule."
            )
    sampling.check_conditions(config.where, config.rebalance, kinds, real_model)


def _near_unique(values: pd.Series) -> bool:
    """Values that single out one person (e-mails, phone numbers): a fresh real sample repeats names and towns."""
    present = values.dropna().astype(str)
    return len(present) > 0 and present.nunique() >= NEAR_UNIQUE * len(present)


def _checked_for_real_values(frame: pd.DataFrame, kinds: dict[str, str]) -> list[str]:
    """Columns where any real value reappearing is a leak: identifiers, and personal data whose values single out
    a person (a fake birth year or town that happens to equal a real one names nobody)."""
    return [c for c, k in kinds.items() if k == "identifier" or (k == "personal" and _near_unique(frame[c]))]


def evaluate_tables(
    real: pd.DataFrame,
    synthetic: pd.DataFrame,
    kinds: dict[str, str] | None = None,
    *,
    holdout: pd.DataFrame | None = None,
    target: str | None = None,
    extras: tuple[str, ...] | None = None,
    table_name: str = "",
) -> RunResult:
    """Score synthetic data made by any tool against the real table it imitates; identifier columns and near-unique
    personal-data columns that both tables hold are checked for real values that reappear."""
    shared = [c for c in real.columns if c in synthetic.columns]
    if not shared:
        raise InputError("The two tables have no column names in common, so they cannot be compared.")
    frame, kinds = _select(real, RunConfig(columns=tuple(shared)), kinds)
    learned, _ = _plan(frame, kinds)
    if not learned:
        raise InputError("The tables share no number, category or date columns to compare.")
    learned_kinds = {c: kinds[c] for c in learned}
    started = time.perf_counter()
    real_model = schema.to_model_frame(frame[learned], learned_kinds)
    synthetic_model = schema.to_model_frame(synthetic[learned], learned_kinds)
    holdout_model = None
    if holdout is not None:
        absent = [c for c in learned if c not in holdout.columns]
        if absent:
            raise InputError(f"The holdout table lacks these columns: {', '.join(absent)}.")
        holdout_model = schema.to_model_frame(holdout[learned], learned_kinds)
    if target is not None and (target not in learned or holdout is None):
        raise InputError(f"Usefulness needs a holdout table and a learned target column; '{target}' cannot be used.")
    personal = [c for c in _checked_for_real_values(frame, kinds) if c in shared]
    evaluation = evaluate(
        real_model,
        synthetic_model,
        kinds,
        holdout=holdout_model,
        target=target,
        extras=extras,
        personal=(frame[personal], synthetic[personal]),
    )
    missing = [c for c in real.columns if c not in synthetic.columns]
    record = {
        "table": table_name,
        "input_fingerprint": fingerprint(frame),
        "input_rows": len(frame),
        "input_columns": len(frame.columns),
        "columns": dict(kinds),
        "learned_columns": learned,
        "generator": "external",
        "generator_label": "Synthetic data made elsewhere",
        "options": {},
        "seed": None,
        "rows": len(synthetic),
        **ran_on(),
        "versions": versions(),
        "timings": {"evaluate_s": time.perf_counter() - started},
        "warnings": [f"The synthetic table lacks these columns: {', '.join(missing)}."] if missing else [],
    }
    return RunResult(synthetic, real_model, synthetic_model, kinds, evaluation, record, real_model, holdout_model)
