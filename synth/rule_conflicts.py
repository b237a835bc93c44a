"""Rules that contradict each other (x > 10 with x < 5, a < b with b < a), found before any training starts."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import product

from synth.errors import InputError

_LOWER = {">": True, ">=": False, "=": False}  # bound operator -> strict, for the bounds from below
_UPPER = {"<": True, "<=": False, "=": False}


@dataclass(frozen=True)
class _Edge:
    value: object  # a float or a Timestamp
    strict: bool
    said: str  # the rule as the user wrote it


def check_conflicts(rules) -> None:
    """InputError naming two rules that no row can meet together (order, bound and range rules)."""
    lower, upper, unequal = _bounds(rules)
    for column in set(lower) & set(upper):
        _refuse_if_empty(lower[column], upper[column], unequal.get(column, []), "")
    reach = _order_closure(rules)
    for (a, b), strict in reach.items():
        if a == b and strict:
            loop = {c for (x, c) in reach if x == a and (c, a) in reach}
            said = [r.describe() for r in rules if r.kind == "order" and set(r.columns) <= loop]
            _refuse(said, f"together they ask for '{a}' to be below itself")
        if a in lower and b in upper:
            bound = _Edge(lower[a].value, lower[a].strict or strict, lower[a].said)
            _refuse_if_empty(bound, upper[b], [], f" (with '{a}' at most '{b}')")
    for rule in rules:
        if rule.kind == "order" and rule.op == "!=":
            a, b = rule.columns
            if (a, b) in reach and (b, a) in reach:
                said = [r.describe() for r in rules if r.kind == "order" and set(r.columns) == {a, b}]
                _refuse(said, f"the others make '{a}' and '{b}' equal")


def _bounds(rules) -> tuple[dict, dict, dict]:
    lower, upper, unequal = {}, {}, {}
    for rule in rules:
        column = rule.columns[0]
        if rule.kind == "range":
            said = rule.describe()
            edges = [(lower, _Edge(rule.low, False, said), 1), (upper, _Edge(rule.high, False, said), -1)]
        elif rule.kind == "bound":
            value, said = rule.threshold(), rule.describe()
            edges = []
            if rule.op in _LOWER:
                edges.append((lower, _Edge(value, _LOWER[rule.op], said), 1))
            if rule.op in _UPPER:
                edges.append((upper, _Edge(value, _UPPER[rule.op], said), -1))
            if rule.op == "!=":
                unequal.setdefault(column, []).append(_Edge(value, False, said))
        else:
            continue
        for found, edge, direction in edges:
            found[column] = _tighter(found.get(column), edge, direction)
    return lower, upper, unequal


def _tighter(current: _Edge | None, edge: _Edge, direction: int) -> _Edge:
    """The stricter of two bounds from below (direction 1) or from above (direction -1)."""
    if current is None:
        return edge
    try:
        beyond = edge.value > current.value if direction > 0 else edge.value < current.value
    except TypeError:  # a date bound and a number range on one column: left to the row checks
        return current
    return edge if beyond or (edge.value == current.value and edge.strict and not current.strict) else current


def _refuse_if_empty(low: _Edge, high: _Edge, unequal: list[_Edge], how: str) -> None:
    try:
        empty = low.value > high.value or (low.value == high.value and (low.strict or high.strict))
    except TypeError:
        return
    if empty:
        _refuse([low.said, high.said], f"no value can meet both{how}")
    if low.value == high.value:
        for edge in unequal:
            if edge.value == low.value:
                _refuse([low.said, high.said, edge.said], "no value can meet them all")


def _order_closure(rules) -> dict[tuple[str, str], bool]:
    """(a, b) -> strict for every pair the comparison rules put in order (a below b), directly or through others."""
    reach: dict[tuple[str, str], bool] = {}
    for rule in rules:
        if rule.kind != "order" or rule.op == "!=":
            continue
        a, b = rule.columns
        pairs = {"<": [(a, b)], "<=": [(a, b)], ">": [(b, a)], ">=": [(b, a)], "=": [(a, b), (b, a)]}[rule.op]
        for pair in pairs:
            reach[pair] = reach.get(pair, False) or len(rule.op) == 1 and rule.op != "="
    columns = sorted({c for pair in reach for c in pair})
    for middle, a, b in product(columns, repeat=3):
        if (a, middle) in reach and (middle, b) in reach:
            reach[(a, b)] = reach.get((a, b), False) or reach[(a, middle)] or reach[(middle, b)]
    return reach


def _refuse(said: list[str], why: str) -> None:
    named = [f"'{s}'" for s in dict.fromkeys(s for s in said if s)]
    listed = " and ".join(named) if len(named) < 3 else ", ".join(named[:-1]) + " and " + named[-1]
    raise InputError(f"The rules {listed} contradict each other: {why}. Remove or loosen one of them.")
