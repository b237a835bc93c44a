"""Business rules the synthetic rows must keep: a comparison, a value range, real combinations."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from synth.errors import InputError
from synth.rule_conflicts import check_conflicts
from synth.schema import NUMERIC_KINDS

OPERATORS = ("<", "<=", ">", ">=", "=", "!=")
RULE_KINDS = {
    "order": "Two columns compared: a <= b, a < b, a > b, a >= b, a = b, a != b",
    "bound": "A column compared with a number or a date: x >= 0, x < 100, x != 0, day >= 2020-01-01",
    "range": "A column stays between two values",
    "combinations": "Only combinations of these columns that exist in the real data",
}
_SPELLINGS = {"==": "=", "≤": "<=", "≥": ">=", "≠": "!=", "<>": "!=", "=<": "<=", "=>": ">="}
_COMPARE = re.compile(r"^\s*(.+?)\s*(<=|>=|!=|==|<>|=<|=>|<|>|=|≤|≥|≠)\s*(.+?)\s*$")
_RANGE = re.compile(r"^\s*(.+?)\s+in\s+\[\s*([-+0-9.eE]+)\s*,\s*([-+0-9.eE]+)\s*\]\s*$")
_COMBINATIONS = re.compile(r"^\s*combinations?\s*:\s*(.+)$", re.IGNORECASE)
_NUMBER = re.compile(r"^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2})?)?$")
_FLIPPED = {"<": ">", "<=": ">=", ">": "<", ">=": "<=", "=": "=", "!=": "!="}
_TESTS = {
    "<": np.less,
    "<=": np.less_equal,
    ">": np.greater,
    ">=": np.greater_equal,
    "=": np.equal,
    "!=": np.not_equal,
}


@dataclass(frozen=True)
class Rule:
    kind: str  # one of RULE_KINDS
    columns: tuple[str, ...]
    low: float | None = None  # range only
    high: float | None = None
    op: str = "<="  # order and bound: one of OPERATORS
    value: float | str | None = None  # bound only: a number, or a date as written ('2020-01-01')

    def describe(self) -> str:
        if self.kind == "order":
            return f"{self.columns[0]} {self.op} {self.columns[1]}"
        if self.kind == "bound":
            return f"{self.columns[0]} {self.op} {_written(self.value)}"
        if self.kind == "range":
            return f"{self.columns[0]} in [{self.low:g}, {self.high:g}]"
        return f"combinations: {', '.join(self.columns)}"

    def holds(self, frame: pd.DataFrame) -> pd.Series:
        """True where a comparison rule holds, or a value is missing (order and bound rules only)."""
        left = frame[self.columns[0]]
        right = frame[self.columns[1]] if self.kind == "order" else self.threshold()
        left, right = _comparable(left, right)
        missing = left.isna() | (right.isna() if isinstance(right, pd.Series) else False)
        return pd.Series(np.asarray(_TESTS[self.op](left, right), dtype=bool) | missing.to_numpy(), index=frame.index)

    def threshold(self):
        """A bound rule's value as pandas compares it: a float, or a Timestamp for a date."""
        return pd.Timestamp(self.value) if isinstance(self.value, str) else float(self.value)

    def broken(self, frame: pd.DataFrame, real: pd.DataFrame) -> pd.Series:
        """True for each row of frame that breaks the rule (missing values never break it)."""
        if self.kind in ("order", "bound"):
            return ~self.holds(frame)
        if self.kind == "range":
            values = _as_number(frame[self.columns[0]])
            return (values < self.low) | (values > self.high)
        allowed = set(map(tuple, real[list(self.columns)].astype(str).drop_duplicates().to_numpy()))
        keys = frame[list(self.columns)].astype(str).apply(tuple, axis=1)
        return ~keys.isin(allowed)


def _written(value) -> str:
    if isinstance(value, str):
        return value
    return str(int(value)) if float(value).is_integer() and abs(value) < 1e15 else repr(float(value))


def _comparable(left: pd.Series, right):
    """Both sides as numbers, or both as dates (a datetime column keeps its dates)."""
    if pd.api.types.is_datetime64_any_dtype(left):
        right = pd.to_datetime(right, errors="coerce") if isinstance(right, pd.Series) else right
        return left, right
    return pd.to_numeric(left, errors="coerce"), (
        pd.to_numeric(right, errors="coerce") if isinstance(right, pd.Series) else right
    )


def _as_number(series: pd.Series) -> pd.Series:
    if pd.api.types.is_datetime64_any_dtype(series):
        return series.astype("int64").where(series.notna()).astype(float)
    return pd.to_numeric(series, errors="coerce")


def _literal(text: str) -> float | str | None:
    """A number or an ISO date written in a rule, or None when the text names a column."""
    cleaned = text.strip().strip("'\"")
    if _NUMBER.match(cleaned):
        return float(cleaned)
    if _DATE.match(cleaned):
        try:
            pd.Timestamp(cleaned)
        except ValueError:
            raise InputError(f"'{cleaned}' is not a real date: write dates like 2024-01-31.") from None
        return cleaned
    return None


def parse_rule(text: str) -> Rule:
    """'a <= b', 'x >= 0', 'x in [0, 100]' or 'combinations: a, b' as a Rule; InputError otherwise."""
    if match := _RANGE.match(text):
        low, high = float(match.group(2)), float(match.group(3))
        if low > high:
            raise InputError(f"In the rule '{text}' the lower bound is above the upper bound.")
        return Rule("range", (match.group(1),), low, high)
    if match := _COMBINATIONS.match(text):
        return Rule("combinations", tuple(c.strip() for c in match.group(1).split(",") if c.strip()))
    if match := _COMPARE.match(text):
        left, op, right = match.group(1), _SPELLINGS.get(match.group(2), match.group(2)), match.group(3)
        left_value, right_value = _literal(left), _literal(right)
        if left_value is not None and right_value is not None:
            raise InputError(f"The rule '{text.strip()}' compares two values; name at least one column.")
        if right_value is not None:
            return Rule("bound", (left,), op=op, value=right_value)
        if left_value is not None:  # '0 <= income' reads as 'income >= 0'
            return Rule("bound", (right,), op=_FLIPPED[op], value=left_value)
        return Rule("order", (left, right), op=op)
    raise InputError(
        f"The rule '{text.strip()}' is not understood. Write a comparison with <, <=, >, >=, = or != "
        "(such as 'a <= b' or 'x >= 0'), 'x in [0, 100]' or 'combinations: a, b'."
    )


def parse_rules(text: str) -> tuple[tuple[Rule, ...], list[str]]:
    """Every line of a rules box as a Rule, and one plain sentence for each line that is not understood."""
    rules, errors = [], []
    for line in filter(str.strip, text.splitlines()):
        try:
            rules.append(parse_rule(line))
        except InputError as error:
            errors.append(str(error))
    return tuple(rules), errors


def check_rules(rules: tuple[Rule, ...], kinds: dict[str, str], learned: list[str]) -> None:
    """Refuse rules on unknown, unlearned or unsuitable columns, and rules that contradict each other."""
    for rule in rules:
        for column in rule.columns:
            if column not in learned:
                raise InputError(f"The rule '{rule.describe()}' names '{column}', {_not_learned(column, kinds)}")
        if rule.kind == "order" and len(rule.columns) != 2:
            raise InputError("A comparison rule compares exactly two columns.")
        if rule.kind == "combinations" and len(rule.columns) < 2:
            raise InputError("A combinations rule needs at least two columns.")
        if rule.kind != "combinations":
            _check_kinds(rule, kinds)
    check_conflicts(rules)


def _not_learned(column: str, kinds: dict[str, str]) -> str:
    if column in kinds:
        return "which is not a learned column (identifiers, personal data and free text are replaced, not learned)."
    near = difflib.get_close_matches(column, list(kinds), n=1) or [c for c in kinds if c.lower() == column.lower()]
    hint = f" Did you mean '{near[0]}'?" if near else ""
    return f"which is not a learned column: no chosen column has that name.{hint} Write names exactly as in the table."


def _family(kind: str) -> str:
    return "number" if kind in NUMERIC_KINDS else "date" if kind == "datetime" else "text"


def _check_kinds(rule: Rule, kinds: dict[str, str]) -> None:
    families = [_family(kinds[c]) for c in rule.columns]
    said = rule.describe()
    for column, family in zip(rule.columns, families, strict=True):
        if family == "text":
            raise InputError(
                f"The rule '{said}' needs number or date columns; '{column}' holds text (categories), which "
                "cannot be compared with < or >. For allowed pairs of text values use 'combinations: a, b'."
            )
    if rule.kind == "order" and families[0] != families[1]:
        raise InputError(
            f"The rule '{said}' compares '{rule.columns[0]}' ({families[0]}s) with '{rule.columns[1]}' "
            f"({families[1]}s); a rule can only compare numbers with numbers or dates with dates."
        )
    if rule.kind == "bound":
        given = "date" if isinstance(rule.value, str) else "number"
        if given != families[0]:
            example = "2024-01-31" if families[0] == "date" else "0"
            raise InputError(
                f"The rule '{said}' compares '{rule.columns[0]}', which holds {families[0]}s, with a {given}. "
                f"Compare it with a {families[0]} instead, such as {rule.columns[0]} {rule.op} {example}."
            )


def broken_rows(rules: tuple[Rule, ...], frame: pd.DataFrame, real: pd.DataFrame) -> pd.Series:
    """True for each row that breaks at least one rule."""
    broken = pd.Series(False, index=frame.index)
    for rule in rules:
        broken |= rule.broken(frame, real)
    return broken


def repair(rules: tuple[Rule, ...], frame: pd.DataFrame, real: pd.DataFrame, seed: int, settle=None) -> pd.DataFrame:
    """Last resort for rows still breaking rules: clip ranges, swap or copy compared values, else draw real values or
    combinations that meet the rule.
    settle, when given, turns values into what the user will see (rounded, formatted) before each check."""
    settle = settle or (lambda rows: rows)
    out = settle(frame.copy())
    rng = np.random.default_rng(seed)
    for _ in range(5):  # one rule's repair can break another's; a few passes settle compatible rules
        if not broken_rows(rules, out, real).any():
            break
        out = settle(_repair_once(rules, out, real, rng))
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
            continue
        if rule.kind == "order" and rule.op != "!=":
            low, high = rule.columns
            if rule.op == "=":  # the synthetic value of the first column, never a real pair
                out.loc[bad, high] = out.loc[bad, low].to_numpy()
                continue
            apart = bad & (out[low] != out[high])  # swapped keeps synthetic values; equal ones are drawn below
            out.loc[apart, [low, high]] = out.loc[apart, [high, low]].to_numpy()
            bad = bad & ~apart
            if not bad.any():
                continue
        columns = list(rule.columns)
        pool = real[columns].dropna()
        if rule.kind != "combinations":  # real values that meet the comparison, never an invented one
            pool = pool[rule.holds(pool)]
        if pool.empty:
            raise InputError(f"No real row meets the rule '{rule.describe()}', so it cannot be learned.")
        picks = pool.to_numpy()[rng.integers(len(pool), size=int(bad.sum()))]
        out.loc[bad, columns] = picks
    return out


def sdv_constraints(rules: tuple[Rule, ...]) -> list:
    """The rules SDV 2.0 can learn natively as constraints (sdv.cag); the others are met by sampling and repair."""
    from sdv.cag import FixedCombinations, Inequality

    made = []
    for rule in rules:
        if rule.kind == "order" and rule.op in ("<", "<=", ">", ">="):
            low, high = rule.columns if rule.op in ("<", "<=") else reversed(rule.columns)
            made.append(Inequality(low_column_name=low, high_column_name=high, strict_boundaries=len(rule.op) == 1))
        elif rule.kind == "combinations":
            made.append(FixedCombinations(column_names=list(rule.columns)))
    return made
