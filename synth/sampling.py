"""Draw synthetic rows in chunks, keeping only those that meet fixed values, target shares and rules."""

from __future__ import annotations

import numpy as np
import pandas as pd

from synth import rules as rules_module
from synth.errors import InputError
from synth.generators.base import Generator, Progress
from synth.rules import Rule

CHUNK_ROWS = 50_000
MAX_ROUNDS = 40


def check_requested_shape(
    where: dict[str, str], rebalance: dict[str, dict[str, float]], kinds: dict[str, str], learned: list[str]
) -> None:
    """The checks of conditions that read no rows, so they can be made before training (a private generator's values
    are checked after it, against rows it released): learned category or yes/no columns, one column rebalanced,
    shares that are not negative and add up to 100%."""
    for column in [*where, *rebalance]:
        if column not in learned:
            raise InputError(f"The condition names '{column}', which is not a learned column.")
        if kinds[column] not in ("category", "boolean"):
            raise InputError(f"Conditions and rebalancing work on category or yes/no columns; '{column}' is not one.")
    if len(rebalance) > 1:
        raise InputError("Rebalance one column at a time.")
    for column, shares in rebalance.items():
        negative = [value for value, share in shares.items() if not share >= 0]  # NaN too
        if negative:
            raise InputError(
                f"The share of '{negative[0]}' in '{column}' is {shares[negative[0]]:.0%}: shares must be zero or "
                "more and add up to 100%."
            )
        total = sum(shares.values())
        if not 0.99 <= total <= 1.01:
            hint = " Shares are fractions: write 0.25 for 25%." if 99 <= total <= 101 else ""
            raise InputError(f"The shares for '{column}' must add up to 100% (now {total:.1%}).{hint}")


def check_conditions(
    where: dict[str, str], rebalance: dict[str, dict[str, float]], kinds: dict[str, str], real: pd.DataFrame
) -> None:
    """Refuse conditions on unknown or non-category columns, unknown values, and shares that do not add up."""
    check_requested_shape(where, rebalance, kinds, list(real.columns))
    for column, values in [*((c, [v]) for c, v in where.items()), *((c, list(s)) for c, s in rebalance.items())]:
        known = set(real[column].dropna().astype(str))
        unknown = [v for v in values if str(v) not in known]
        if unknown:
            near = [k for k in known if k.strip() == str(unknown[0]).strip()]
            hint = f" Values are matched exactly, spaces included: did you mean '{near[0]}'?" if near else ""
            raise InputError(f"'{unknown[0]}' never appears in '{column}', so no faithful row can have it.{hint}")


def _targets(rows: int, rebalance: dict[str, dict[str, float]]) -> tuple[str | None, dict]:
    if not rebalance:
        return None, {None: rows}
    column, shares = next(iter(rebalance.items()))
    counts = {str(value): int(np.floor(rows * share)) for value, share in shares.items()}
    largest = max(shares, key=shares.get)
    counts[str(largest)] += rows - sum(counts.values())
    return column, {value: count for value, count in counts.items() if count > 0}


def sample_rows(
    generator: Generator,
    rows: int,
    seed: int,
    real: pd.DataFrame,
    *,
    where: dict | None = None,
    rebalance: dict | None = None,
    rules: tuple[Rule, ...] = (),
    settle=None,
    progress: Progress = lambda f, m: None,
) -> pd.DataFrame:
    """rows synthetic rows that meet every condition; rules that sampling cannot meet are repaired at the end.
    settle, when given, turns drawn rows into what the user will see (rounded, formatted) before the rules are checked.
    """
    where, rebalance = where or {}, rebalance or {}
    column, needed = _targets(rows, rebalance)
    kept: dict = {value: [] for value in needed}
    spare_rows: list[pd.DataFrame] = []
    acceptance, made, attempt, barren = 1.0, 0, 0, 0
    slack = 1.2 if (where or rebalance or rules) else 1.0
    while made < rows and attempt < MAX_ROUNDS + rows // CHUNK_ROWS:
        missing = rows - made
        batch = int(min(CHUNK_ROWS, max(missing / max(acceptance, 0.02) * slack, min(missing, 100))))
        chunk = generator.sample(batch, seed + attempt * 7919, lambda f, m: None).reset_index(drop=True)
        if settle is not None:
            chunk = settle(chunk)
        attempt += 1
        ok = pd.Series(True, index=chunk.index)
        for name, value in where.items():
            ok &= chunk[name].astype(str) == str(value)
        fits_conditions = ok.copy()
        if rules:
            ok &= ~rules_module.broken_rows(rules, chunk, real)
            spare_rows.append(chunk[fits_conditions & ~ok])
        accepted_now = 0
        for value, count in needed.items():
            still = count - sum(len(part) for part in kept[value])
            if still <= 0:
                continue
            match = ok if value is None else ok & (chunk[column].astype(str) == value)
            taken = chunk[match].head(still)
            kept[value].append(taken)
            accepted_now += len(taken)
        made += accepted_now
        acceptance = accepted_now / batch if accepted_now else acceptance / 2
        barren = 0 if accepted_now else barren + 1
        if rules and column is None and barren >= 3 and sum(map(len, spare_rows)) >= rows - made:
            break  # rules that drawing almost never meets (a = b on numbers): repairing spare rows is far quicker
        progress(made / rows, f"Sampling: {made:,} of {rows:,} rows")
    frame = pd.concat([part for parts in kept.values() for part in parts] or [real.head(0)], ignore_index=True)
    if len(frame) < rows and rules:
        spare = pd.concat(spare_rows, ignore_index=True) if spare_rows else real.head(0)
        if column is None:
            frame = pd.concat(
                [frame, rules_module.repair(rules, spare.head(rows - len(frame)), real, seed, settle)],
                ignore_index=True,
            )
    if len(frame) < rows:
        condition = ", ".join(f"{c} = {v}" for c, v in where.items()) or f"the chosen shares of {column}"
        raise InputError(
            f"Only {len(frame):,} of {rows:,} rows with {condition} could be made: that combination "
            "is too rare in what the generator learned. Ask for fewer rows or a more common value."
        )
    order = np.random.default_rng(seed).permutation(len(frame))
    return frame.iloc[order].reset_index(drop=True)
