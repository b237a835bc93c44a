"""Scoring a synthetic table made by any tool against the real table it imitates (python -m synth evaluate)."""

from __future__ import annotations

import time

import pandas as pd

from synth import schema
from synth.errors import InputError
from synth.evaluate import evaluate
from synth.evaluate.identifier_reuse import NEAR_UNIQUE
from synth.preparation import plan_columns, select_columns
from synth.run_config import RunConfig
from synth.run_record import RunResult, fingerprint, versions
from synth.runners import ran_on


def near_unique(values: pd.Series) -> bool:
    """Values that single out one person (e-mails, phone numbers): a fresh real sample repeats names and towns."""
    present = values.dropna().astype(str)
    return len(present) > 0 and present.nunique() >= NEAR_UNIQUE * len(present)


def checked_for_real_values(frame: pd.DataFrame, kinds: dict[str, str]) -> list[str]:
    """Columns where any real value reappearing is a leak: identifiers, and personal data whose values single out
    a person (a fake birth year or town that happens to equal a real one names nobody)."""
    return [c for c, k in kinds.items() if k == "identifier" or (k == "personal" and near_unique(frame[c]))]


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
    frame, kinds = select_columns(real, RunConfig(columns=tuple(shared)), kinds)
    learned, _ = plan_columns(frame, kinds)
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
    personal = [c for c in checked_for_real_values(frame, kinds) if c in shared]
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
