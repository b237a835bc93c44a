"""Rules that contradict each other are refused before training, naming the rules; rules that fit pass."""

import pytest

from synth.errors import InputError
from synth.rule_conflicts import check_conflicts
from synth.rules import parse_rule


def rules(*texts):
    return tuple(map(parse_rule, texts))


@pytest.mark.parametrize(
    ("texts", "named"),
    [
        (("x > 10", "x < 5"), ["'x > 10'", "'x < 5'"]),
        (("x > 5", "x <= 5"), ["'x > 5'", "'x <= 5'"]),
        (("x in [0, 5]", "x > 7"), ["'x in [0, 5]'", "'x > 7'"]),
        (("x = 3", "x != 3"), ["'x = 3'", "'x != 3'"]),
        (("x = 3", "x = 4"), ["'x = 3'", "'x = 4'"]),
        (("day >= 2020-01-01", "day < 2019-06-30"), ["'day >= 2020-01-01'", "'day < 2019-06-30'"]),
        (("a < b", "b < a"), ["'a < b'", "'b < a'"]),
        (("a < b", "b <= c", "c <= a"), ["'a < b'", "'b <= c'", "'c <= a'"]),
        (("a <= b", "b <= a", "a != b"), ["'a != b'"]),
        (("a >= 10", "a <= b", "b <= 5"), ["'a >= 10'", "'b <= 5'"]),
    ],
)
def test_contradicting_rules_are_refused_naming_them(texts, named):
    # Run
    with pytest.raises(InputError, match="contradict each other") as refused:
        check_conflicts(rules(*texts))

    # Assert
    assert all(name in str(refused.value) for name in named)


@pytest.mark.parametrize(
    "texts",
    [
        ("x >= 5", "x <= 5"),
        ("x > 0", "x in [0, 10]", "x != 3"),
        ("a <= b", "b <= a"),
        ("a < b", "b < c", "a >= 0", "c <= 100"),
        ("a = b", "a >= 2"),
        ("day >= 2020-01-01", "day in [0, 5]"),  # a date bound and a number range: left to the row checks
        ("combinations: p, q", "p != q"),
    ],
)
def test_rules_that_can_hold_together_pass(texts):
    # Assert
    check_conflicts(rules(*texts))
