"""One run from a config: schema -> fit -> sample -> evaluate -> a result the app and the CLI both use."""

from __future__ import annotations

import os
import time
from functools import partial

import pandas as pd

from synth.evaluate import evaluate
from synth.generators import Capability, Progress, generator_class, no_progress
from synth.preparation import prepare, split_holdout
from synth.release import Prepared, release, released_types, shown_rows
from synth.run_config import (
    DEFAULT_SEED,
    HOLDOUT_FROM_ROWS,
    HOLDOUT_SHARE,
    MEASURED_LATER,
    MIN_ROWS,
    NO_HOLDOUT,
    RUN_EXTRAS,
    RunConfig,
)
from synth.run_record import RunResult, fingerprint, versions
from synth.runners import ran_on
from synth.scoring import checked_for_real_values, evaluate_tables

__all__ = [  # the pipeline's public names, wherever they now live (split by responsibility)
    "DEFAULT_SEED",
    "HOLDOUT_FROM_ROWS",
    "HOLDOUT_SHARE",
    "MEASURED_LATER",
    "MIN_ROWS",
    "NO_HOLDOUT",
    "RUN_EXTRAS",
    "RunConfig",
    "RunResult",
    "evaluate_tables",
    "fingerprint",
    "generate",
    "prepare",
    "split_holdout",
    "versions",
]


def _scaled(progress: Progress, start: float, end: float) -> Progress:
    return lambda fraction, message: progress(start + (end - start) * min(max(fraction, 0.0), 1.0), message)


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
    learned_kinds = {c: kinds[c] for c in training.columns if c in kinds}
    warnings = notes + prepared.warnings + chosen.advice(len(training), learned_kinds, options)  # what to expect here
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
    types = released_types(generator, prepared, config.stored_types, synthetic_model)  # for a typed download
    guarantee = generator.privacy_guarantee()
    if guarantee:
        warnings += _private_notes(guarantee, prepared)
    timings["sample_s"] = time.perf_counter() - started
    progress(0.85, "Measuring how faithful the synthetic data is")
    started = time.perf_counter()
    personal = [c for c in checked_for_real_values(frame, kinds) if c in prepared.made_before_fit]
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
        synthetic, prepared.real_model, synthetic_model, kinds, evaluation, record, training, holdout, shown, types
    )
