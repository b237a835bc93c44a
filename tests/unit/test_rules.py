"""Business rules: parsed from plain text, checked, met by sampling, repaired as a last resort."""

import re

import pandas as pd
import pytest

from synth.errors import InputError
from synth.generators import GENERATORS, Capability
from synth.pipeline import RunConfig, generate
from synth.rules import Rule, broken_rows, check_rules, parse_rule, parse_rules, repair, sdv_constraints


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("low <= high", Rule("order", ("low", "high"))),
        ("age in [18, 65]", Rule("range", ("age",), 18.0, 65.0)),
        ("combinations: city, country", Rule("combinations", ("city", "country"))),
        ("low < high", Rule("order", ("low", "high"), op="<")),
        ("low>high", Rule("order", ("low", "high"), op=">")),
        ("low != high", Rule("order", ("low", "high"), op="!=")),
        ("low = high", Rule("order", ("low", "high"), op="=")),
        ("Income >= 0", Rule("bound", ("Income",), op=">=", value=0.0)),
        ("Income < 1.5e6", Rule("bound", ("Income",), op="<", value=1.5e6)),
        ("age != -1", Rule("bound", ("age",), op="!=", value=-1.0)),
        ("joined >= 2020-03-01", Rule("bound", ("joined",), op=">=", value="2020-03-01")),
        ("monthly income = 0", Rule("bound", ("monthly income",), op="=", value=0.0)),
    ],
)
def test_rules_are_parsed_from_plain_text(text, rule):
    # Assert
    assert parse_rule(text) == rule
    assert parse_rule(rule.describe()) == rule


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("low ≤ high", Rule("order", ("low", "high"))),  # as the old help showed it
        ("low == high", Rule("order", ("low", "high"), op="=")),
        ("0 <= Income", Rule("bound", ("Income",), op=">=", value=0.0)),
        ("10 > age", Rule("bound", ("age",), op="<", value=10.0)),
    ],
)
def test_other_spellings_of_the_operators_are_understood(text, rule):
    # Assert
    assert parse_rule(text) == rule


@pytest.mark.parametrize("text", ["low ~ high", "age in [65, 18]", "whatever", "1 < 2", "day > 2023-02-30"])
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


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "income >= 0",
            "names 'income', which is not a learned column: no chosen column has that name. Did you mean 'Income'?",
        ),
        ("zzz < Income", "names 'zzz', which is not a learned column"),
        ("id > 0", "'id', which is not a learned column (identifiers"),
        ("city >= 5", "'city' holds text"),
        ("city = Income", "'city' holds text"),
        ("Income <= joined", "compares 'Income' (numbers) with 'joined' (dates)"),
        ("joined > 5", "'joined', which holds dates, with a number"),
        ("Income < 2024-01-01", "'Income', which holds numbers, with a date"),
    ],
)
def test_rules_on_unknown_columns_or_mixing_text_numbers_and_dates_are_refused_plainly(text, message):
    # Setup
    kinds = {"Income": "decimal", "age": "integer", "city": "category", "joined": "datetime", "id": "identifier"}

    # Assert
    with pytest.raises(InputError, match=re.escape(message)):
        check_rules((parse_rule(text),), kinds, ["Income", "age", "city", "joined"])


def test_a_rules_box_gives_its_rules_and_a_sentence_per_line_not_understood():
    # Run
    rules, errors = parse_rules("Income >= 0\n\n  \nnot a rule\nage < 99")

    # Assert
    assert [rule.describe() for rule in rules] == ["Income >= 0", "age < 99"]
    assert len(errors) == 1 and "'not a rule' is not understood" in errors[0]


@pytest.mark.parametrize(
    ("text", "op", "kept"),
    [
        ("x < 2", "<", [True, False, False, True]),
        ("x <= 2", "<=", [True, True, False, True]),
        ("x > 2", ">", [False, False, True, True]),
        ("x >= 2", ">=", [False, True, True, True]),
        ("x = 2", "=", [False, True, False, True]),
        ("x != 2", "!=", [True, False, True, True]),
        ("x < y", "<", [True, False, False, True]),
        ("x >= y", ">=", [False, True, True, True]),
    ],
)
def test_each_operator_keeps_the_rows_it_says_and_missing_values_never_break_it(text, op, kept):
    # Setup
    frame = pd.DataFrame({"x": [1.0, 2.0, 3.0, None], "y": [2.0, 2.0, 2.0, 2.0]})
    rule = parse_rule(text)

    # Run
    broken = rule.broken(frame, frame)

    # Assert
    assert rule.op == op
    assert (~broken).tolist() == kept


def test_date_columns_compare_with_dates():
    # Setup
    frame = pd.DataFrame(
        {"day": pd.to_datetime(["2019-12-31", "2020-01-01", None]), "end": pd.to_datetime(["2020-01-05"] * 3)}
    )

    # Run
    bound = parse_rule("day >= 2020-01-01").broken(frame, frame)
    order = parse_rule("end < day").broken(frame, frame)

    # Assert
    assert bound.tolist() == [True, False, False]
    assert order.tolist() == [True, True, False]


def test_comparisons_go_to_sdv_as_inequalities_where_sdv_has_one():
    # Setup
    rules = tuple(map(parse_rule, ["a < b", "c >= d", "e = f", "g != h", "x >= 0", "combinations: p, q"]))

    # Run
    made = sdv_constraints(rules)

    # Assert
    assert [type(c).__name__ for c in made] == ["Inequality", "Inequality", "FixedCombinations"]
    assert (made[0]._low_column_name, made[0]._high_column_name, made[0].strict_boundaries) == ("a", "b", True)
    assert (made[1]._low_column_name, made[1]._high_column_name, made[1].strict_boundaries) == ("d", "c", False)


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


def test_repair_draws_real_values_that_meet_comparisons_it_cannot_swap():
    # Setup
    real = pd.DataFrame({"a": [1.0, 2.0, 5.0], "b": [3.0, 3.0, 4.0]})
    rows = pd.DataFrame({"a": [2.0, -1.0, 7.0], "b": [2.0, 3.0, 7.0]})
    rules = tuple(map(parse_rule, ["a < b", "a >= 0", "a != 7"]))

    # Run
    repaired = repair(rules, rows, real, seed=0)

    # Assert
    assert not broken_rows(rules, repaired, real).any()
    assert set(repaired["a"]) <= {1.0, 2.0}  # values a real row has with a < b, never invented


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


@pytest.mark.parametrize("name", sorted(n for n, g in GENERATORS.items() if Capability.HONOURS_RULES in g.capabilities))
def test_every_generator_that_honours_rules_keeps_comparisons_in_the_file(small_table, name):
    # Setup
    rules = tuple(map(parse_rule, ["visits > 1", "height < weight", "joined >= 2020-02-01", "visits != 4"]))
    options = {"epochs": 1, "batch_size": 50} if GENERATORS[name].options and name != "gaussian_copula" else {}

    # Run
    result = generate(small_table, RunConfig(generator=name, seed=0, rows=60, rules=rules, options=options))

    # Assert
    out = result.synthetic
    assert (out["visits"] > 1).all() and (out["visits"] != 4).all()
    assert (out["height"] < out["weight"]).all()
    assert (pd.to_datetime(out["joined"]) >= "2020-02-01").all()


def test_strict_rules_hold_in_the_file_after_rounding_to_what_the_user_sees(small_table):
    # Setup: dates are written as days; a drawn 2020-02-01 10:00 is after 2020-02-01, yet written 2020-02-01
    rules = (parse_rule("joined > 2020-02-01"), parse_rule("visits > 1"))

    # Run
    result = generate(small_table, RunConfig(generator="gaussian_copula", seed=0, rules=rules))

    # Assert
    assert (pd.to_datetime(result.synthetic["joined"]) > "2020-02-01").all()
    assert (result.synthetic["visits"] > 1).all()
    assert not broken_rows(rules, result.synthetic_model, result.real_model).any()


def test_a_comparison_the_real_data_breaks_is_refused(small_table):
    # Assert
    with pytest.raises(InputError, match="real rows already break the rule 'visits = height'"):
        generate(small_table, RunConfig(generator="sequential_trees", rules=(parse_rule("visits = height"),)))


def test_an_equality_between_columns_is_met_with_synthetic_values_and_quickly(small_table):
    # Setup: two number columns that are equal in every real row, which a generator almost never draws exactly
    table = small_table.assign(again=small_table["height"])
    rules = (parse_rule("height = again"), parse_rule("height < weight"))

    # Run
    result = generate(table, RunConfig(generator="gaussian_copula", seed=0, rows=80, rules=rules, extras=()))

    # Assert
    out = result.synthetic
    assert (out["height"] == out["again"]).all() and (out["height"] < out["weight"]).all()
    assert not out["height"].isin(table["height"]).all()  # copied from the synthetic column, not real pairs
