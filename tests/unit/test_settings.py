"""Settings files read back: the same table and settings give the same rows; a file that does not fit is refused."""

import json
from dataclasses import replace

import pandas as pd
import pytest

from synth.downloads import standard_files
from synth.errors import InputError
from synth.generators import GENERATORS
from synth.pipeline import RunConfig, generate
from synth.rules import parse_rule
from synth.settings import read_settings, read_settings_file

CHOSEN = {"height": "decimal", "weight": "decimal", "visits": "integer", "city": "category", "member": "category"}


@pytest.fixture
def first_run(small_table):
    config = RunConfig(
        generator="sequential_trees",
        rows=70,
        seed=11,
        columns=tuple(CHOSEN),
        options={"smoothing": 0.2},
        where={"member": "yes"},
        rules=(parse_rule("height < weight"), parse_rule("visits >= 1")),
        table_name="small.csv",
        extras=(),  # the optional figures play no part here
    )
    result = generate(small_table, config, CHOSEN)
    return result, standard_files(result)["settings"]


def test_a_run_from_loaded_settings_gives_the_same_rows(small_table, first_run):
    # Setup
    result, settings = first_run

    # Run
    loaded = read_settings(settings, small_table, "small.csv")
    again = generate(small_table, replace(loaded.config, extras=()), loaded.kinds)

    # Assert
    pd.testing.assert_frame_equal(again.synthetic, result.synthetic)
    assert loaded.kinds == CHOSEN and list(loaded.kinds) == list(CHOSEN)
    assert loaded.config.options == result.record["options"] and loaded.config.where == {"member": "yes"}
    assert loaded.rules_text == "height < weight\nvisits >= 1"
    assert not loaded.notes
    assert loaded.summary().endswith("seed 11, 70 rows, 5 columns, 2 rules.")


def test_the_metrics_json_of_a_run_serves_as_settings_too(small_table, first_run):
    # Setup
    result, _ = first_run
    metrics = json.dumps({"record": result.record, "quality": {}}, default=str).encode()

    # Run
    loaded = read_settings(metrics, small_table)

    # Assert
    assert loaded.config.seed == 11 and loaded.config.generator == "sequential_trees"


def test_settings_for_a_table_with_other_values_come_with_a_note(small_table, first_run):
    # Setup
    _, settings = first_run
    other = small_table.assign(height=small_table["height"] + 1)

    # Run
    loaded = read_settings(settings, other)

    # Assert
    assert len(loaded.notes) == 1 and "other values" in loaded.notes[0]


SETTINGS = json.dumps(
    {"generator": "sequential_trees", "options": {}, "seed": 1, "rows": 9, "columns": CHOSEN, "rules": ["visits >= 0"]}
).encode()


def test_settings_written_by_hand_are_read_with_defaults_for_what_they_leave_out(small_table):
    # Run
    loaded = read_settings(SETTINGS, small_table)

    # Assert
    assert loaded.config.personal_data == "fake" and loaded.config.locale is None
    assert loaded.config.options == GENERATORS["sequential_trees"].defaults()
    assert loaded.config.rules == (parse_rule("visits >= 0"),)


def edited(settings: bytes, **changes) -> bytes:
    return json.dumps({**json.loads(settings), **changes}).encode()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda s: b"\x00\x01 not json", "not a settings file from Doppel"),
        (lambda s: b"[1, 2]", "not a settings file from Doppel"),
        (lambda s: b"{" + b" " * 1_000_001 + b"}", "not a settings file from Doppel"),
        (lambda s: edited(s, generator="magic"), "no generator called 'magic'"),
        (lambda s: edited(s, columns={"height": "decimal", "shoe size": "integer"}), "no column 'shoe size'"),
        (lambda s: edited(s, columns={"height": "gadget"}), "kind 'gadget'"),
        (lambda s: edited(s, columns={"city": "decimal"}), "city"),
        (lambda s: edited(s, options={"smoothing": "lots"}), "lots"),
        (lambda s: edited(s, seed=-3), "'seed' should be a whole number"),
        (
            lambda s: edited(s, seed=2**60),
            "'seed' should be at most 9,007,199,254,740,991",
        ),  # the page's box holds less
        (lambda s: edited(s, rows="many"), "'rows' should be a whole number"),
        (lambda s: edited(s, rules=["height ~ weight"]), "not understood"),
        (lambda s: edited(s, rules=["city > 3"]), "'city' holds text"),
        (lambda s: edited(s, personal_data="shred"), "neither 'fake' nor 'drop'"),
        (lambda s: edited(s, locale="xx_YY"), "xx_YY"),
        (lambda s: edited(s, rebalance={"height": {"1": 0.5, "2": 0.5}}), "'height' is not one"),
        (
            lambda s: edited(s, rebalance={"city": {"Nice": 25, "Lyon": 75}}),
            r"add up to 100% \(now 10000.0%\)\. Shares are fractions",
        ),
        (lambda s: edited(s, rebalance={"city": {"Nice": -0.2, "Lyon": 1.2}}), "'Nice' in 'city' is -20%"),
    ],
)
def test_a_settings_file_that_does_not_fit_is_refused_in_a_sentence(small_table, change, message):
    # Assert
    with pytest.raises(InputError, match=message):
        read_settings(change(SETTINGS), small_table)


def test_a_settings_file_that_cannot_be_read_is_one_plain_sentence(tmp_path, small_table):
    # Run
    with pytest.raises(InputError) as raised:
        read_settings_file(str(tmp_path / "missing.json"), small_table)

    # Assert
    assert str(raised.value).startswith("Cannot read ") and "missing.json" in str(raised.value)
