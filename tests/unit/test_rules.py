"""Business rules: parsed from plain text, checked, met by sampling, repaired as a last resort."""

import pandas as pd
import pytest

from synth.errors import InputError
from synth.pipeline import RunConfig, generate
from synth.rules import Rule, broken_rows, check_rules, parse_rule, repair


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("low <= high", Rule("order", ("low", "high"))),
        ("age in [18, 65]", Rule("range", ("age",), 18.0, 65.0)),
        ("combinations: city, country", Rule("combinations", ("city", "country"))),
    ],
)
def test_rules_are_parsed_from_plain_text(text, rule):
    # Assert
    assert parse_rule(text) == rule
    assert parse_rule(rule.describe()) == rule


@pytest.mark.parametrize("text", ["low < high", "age in [65, 18]", "whatever"])
def test_unclear_rules_are_refused(text):
    # Assert
    with pytest.raises(InputError):
        parse_rule(text)


def test_rules_must_name_suitable_learned_columns():
    # Setup
    kinds = {"a": "integer", "c": "category"}

    # Assert
    with pytest.raises(InputError, match="not a learned column"):
        check_rules((Rule("order", ("a", "zzz")),), kinds, ["a", "c"])
    with pytest.raises(InputError, match="number or date"):
        check_rules((Rule("order", ("a", "c")),), kinds, ["a", "c"])


def test_broken_rows_and_repair():
    # Setup
    real = pd.DataFrame({"lo": [1.0, 2.0], "hi": [3.0, 4.0], "city": ["Lyon", "Oslo"], "land": ["FR", "NO"]})
    rows = pd.DataFrame({"lo": [2.0, 1.0], "hi": [1.0, 2.0], "city": ["Lyon", "Lyon"], "land": ["NO", "FR"]})
    rules = (Rule("order", ("lo", "hi")), Rule("combinations", ("city", "land")), Rule("range", ("hi",), 0, 2.5))

    # Run
    before = broken_rows(rules, rows, real)
    after = broken_rows(rules, repair(rules, rows, real, seed=0), real)

    # Assert
    assert before.tolist() == [True, False]
    assert not after.any()


def test_contradicting_rules_are_reported():
    # Setup
    real = pd.DataFrame({"lo": [1.0], "hi": [3.0]})
    rows = pd.DataFrame({"lo": [5.0], "hi": [3.0]})
    rules = (Rule("order", ("lo", "hi")), Rule("range", ("hi",), 0, 2.5), Rule("range", ("lo",), 4, 9))

    # Assert
    with pytest.raises(InputError, match="contradict"):
        repair(rules, rows, real, seed=0)


def test_generated_rows_keep_every_rule(small_table):
    # Setup
    rules = (parse_rule("height <= weight"), parse_rule("visits in [1, 4]"), parse_rule("combinations: city, member"))

    # Run
    result = generate(small_table, RunConfig(generator="gaussian_copula", seed=0, rules=rules))

    # Assert
    assert not broken_rows(rules, result.synthetic_model, result.real_model).any()
    assert result.record["rules"] == [rule.describe() for rule in rules]


def test_a_rule_the_real_data_breaks_is_refused(small_table):
    # Assert
    with pytest.raises(InputError, match="real rows already break"):
        generate(small_table, RunConfig(generator="gaussian_copula", rules=(parse_rule("weight <= height"),)))
