"""Business rules the synthetic rows must keep: an order between two columns, a value range, real combinations."""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from synth.errors import InputError
from synth.schema import NUMERIC_KINDS

RULE_KINDS = {
    "order": "The first column is never above the second (a <= b)",
    "range": "A column stays between two values",
    "combinations": "Only combinations of these columns that exist in the real data",
}
_ORDER = re.compile(r"^\s*(.+?)\s*<=\s*(.+?)\s*$")
_RANGE = re.compile(r"^\s*(.+?)\s+in\s+\[\s*([-+0-9.eE]+)\s*,\s*([-+0-9.eE]+)\s*\]\s*$")
_COMBINATIONS = re.compile(r"^\s*combinations?\s*:\s*(.+)$", re.IGNORECASE)


@dataclass(frozen=True)
class Rule:
    kind: str
    columns: tuple[str, ...]
    low: float | None = None
    high: float | None = None

    def describe(self) -> str:
        if self.kind == "order":
            return f"{self.columns[0]} <= {self.columns[1]}"
        if self.kind == "range":
            return f"{self.columns[0]} in [{self.low:g}, {self.high:g}]"
        return f"combinations: {', '.join(self.columns)}"

    def broken(self, frame: pd.DataFrame, real: pd.DataFrame) -> pd.Series:
        """True for each row of frame that breaks the rule (missing values never break it)."""
        if self.kind == "order":
            low, high = (_as_number(frame[c]) for c in self.columns)
            return pd.Series(
                np.asarray(low > high) & low.notna().to_numpy() & high.notna().to_numpy(), index=frame.index
            )
        if self.kind == "range":
            values = _as_number(frame[self.columns[0]])
            return (values < self.low) | (values > self.high)
        allowed = set(map(tuple, real[list(self.columns)].astype(str).drop_duplicates().to_numpy()))
        keys = frame[list(self.columns)].astype(str).apply(tuple, axis=1)
        return ~keys.isin(allowed)


def _as_number(series: pd.Series) -> pd.Series:
    if pd.api.types.is_datetime64_any_dtype(series):
        return series.astype("int64").where(series.notna()).astype(float)
    return pd.to_numeric(series, errors="coerce")


def parse_rule(text: str) -> Rule:
    """'a <= b', 'x in [0, 100]' or 'combinations: a, b' as a Rule; InputError otherwise."""
    if match := _RANGE.match(text):
        low, high = float(match.group(2)), float(match.group(3))
        if low > high:
            raise InputError(f"In the rule '{text}' the lower bound is above the upper bound.")
        return Rule("range", (match.group(1),), low, high)
    if match := _ORDER.match(text):
        return Rule("order", (match.group(1), match.group(2)))
    if match := _COMBINATIONS.match(text):
        return Rule("combinations", tuple(c.strip() for c in match.group(1).split(",") if c.strip()))
    raise InputError(f"The rule '{text}' is not understood. Write 'a <= b', 'x in [0, 100]' or 'combinations: a, b'.")


def check_rules(rules: tuple[Rule, ...], kinds: dict[str, str], learned: list[str]) -> None:
    """Refuse rules on unknown, unlearned or unsuitable columns with a plain sentence."""
    for rule in rules:
        for column in rule.columns:
            if column not in learned:
                raise InputError(f"The rule '{rule.describe()}' names '{column}', which is not a learned column.")
        if rule.kind in ("order", "range"):
            unsuitable = [c for c in rule.columns if kinds[c] not in (*NUMERIC_KINDS, "datetime")]
            if unsuitable:
                raise InputError(
                    f"The rule '{rule.describe()}' needs number or date columns; '{unsuitable[0]}' is not one."
                )
        if rule.kind == "order" and len(rule.columns) != 2:
            raise InputError("An order rule compares exactly two columns.")
        if rule.kind == "combinations" and len(rule.columns) < 2:
            raise InputError("A combinations rule needs at least two columns.")


def broken_rows(rules: tuple[Rule, ...], frame: pd.DataFrame, real: pd.DataFrame) -> pd.Series:
    """True for each row that breaks at least one rule."""
    broken = pd.Series(False, index=frame.index)
    for rule in rules:
        broken |= rule.broken(frame, real)
    return broken


def repair(rules: tuple[Rule, ...], frame: pd.DataFrame, real: pd.DataFrame, seed: int) -> pd.DataFrame:
    """Last resort for rows still breaking rules: clip ranges, swap order pairs, draw real combinations."""
    out = frame.copy()
    rng = np.random.default_rng(seed)
    for _ in range(5):  # one rule's repair can break another's; a few passes settle compatible rules
        if not broken_rows(rules, out, real).any():
            break
        out = _repair_once(rules, out, real, rng)
    if broken_rows(rules, out, real).any():
        raise InputError(
            "The rules contradict each other for some rows (for example an order rule and a range "
            "rule that cannot both hold). Loosen one of them."
        )
    return out


def _repair_once(rules: tuple[Rule, ...], out: pd.DataFrame, real: pd.DataFrame, rng) -> pd.DataFrame:
    for rule in rules:
        bad = rule.broken(out, real)
        if not bad.any():
            continue
        if rule.kind == "range":
            column = rule.columns[0]
            out.loc[bad, column] = _as_number(out.loc[bad, column]).clip(rule.low, rule.high).to_numpy()
        elif rule.kind == "order":
            low, high = rule.columns
            out.loc[bad, [low, high]] = out.loc[bad, [high, low]].to_numpy()
        else:
            combos = real[list(rule.columns)].dropna().to_numpy()
            picks = combos[rng.integers(len(combos), size=int(bad.sum()))]
            out.loc[bad, list(rule.columns)] = picks
    return out


def sdv_constraints(rules: tuple[Rule, ...]) -> list:
    """The same rules as SDV 2.0 constraints (sdv.cag), so SDV's synthesizers learn them natively."""
    from sdv.cag import FixedCombinations, Inequality

    made = []
    for rule in rules:
        if rule.kind == "order":
            made.append(Inequality(low_column_name=rule.columns[0], high_column_name=rule.columns[1]))
        elif rule.kind == "combinations":
            made.append(FixedCombinations(column_names=list(rule.columns)))
    return made
