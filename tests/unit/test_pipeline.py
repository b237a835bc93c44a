"""One run end to end through the engine: columns, rows, kinds, determinism, the record."""

import io

import numpy as np
import pandas as pd
import pytest
from faker import Faker

from synth import personal
from synth.errors import InputError
from synth.formats import read_table
from synth.formats.registry import export_table
from synth.pipeline import RunConfig, evaluate_tables, generate
from synth.rules import parse_rule


def test_generate_keeps_columns_rows_and_formats(small_table):
    # Run
    result = generate(small_table, RunConfig(generator="gaussian_copula", rows=150, seed=1))

    # Assert
    synthetic = result.synthetic
    assert list(synthetic.columns) == list(small_table.columns)
    assert len(synthetic) == 150
    assert pd.api.types.is_integer_dtype(synthetic["visits"])
    assert set(synthetic["city"].dropna()) <= {"Lyon", "Paris", "Nice"}
    assert set(synthetic["member"].dropna()) <= {"yes", "no"}
    assert pd.to_datetime(synthetic["joined"], format="%Y-%m-%d").notna().all()
    assert 0.0 <= result.evaluation.quality.overall <= 1.0
    assert result.record["seed"] == 1 and result.record["generator"] == "gaussian_copula"


def test_same_seed_same_output_and_another_seed_differs(small_table):
    # Run
    first = generate(small_table, RunConfig(generator="gaussian_copula", seed=7)).synthetic
    again = generate(small_table, RunConfig(generator="gaussian_copula", seed=7)).synthetic
    other = generate(small_table, RunConfig(generator="gaussian_copula", seed=8)).synthetic

    # Assert
    pd.testing.assert_frame_equal(first, again)
    assert not first.equals(other)


def test_identifiers_and_personal_data_are_never_copied(small_table):
    # Setup
    table = small_table.assign(
        customer_id=[f"C{i:05d}" for i in range(len(small_table))],
        email=[f"person{i}@example.org" for i in range(len(small_table))],
    )

    # Run
    result = generate(table, RunConfig(generator="gaussian_copula", seed=3))

    # Assert
    assert result.kinds["customer_id"] == "identifier" and result.kinds["email"] == "personal"
    assert not set(result.synthetic["customer_id"]) & set(table["customer_id"])
    assert not set(result.synthetic["email"]) & set(table["email"])
    assert result.synthetic["customer_id"].is_unique
    assert "customer_id" not in result.real_model.columns and "email" not in result.real_model.columns
    assert "The column 'customer_id' (identifier) was not learned: it holds new values, none real." in result.warnings


def test_personal_data_can_be_dropped(small_table):
    # Setup
    table = small_table.assign(email=[f"p{i}@example.org" for i in range(len(small_table))])

    # Run
    result = generate(table, RunConfig(generator="gaussian_copula", personal_data="drop"))

    # Assert
    assert "email" not in result.synthetic.columns


def test_chosen_columns_and_kind_overrides_are_used(small_table):
    # Run
    result = generate(
        small_table, RunConfig(generator="gaussian_copula", columns=("height", "visits")), kinds={"visits": "category"}
    )

    # Assert
    assert list(result.synthetic.columns) == ["height", "visits"]
    assert result.kinds["visits"] == "category"


@pytest.mark.parametrize(
    ("config", "message"),
    [
        (RunConfig(columns=("nope",)), "not in the table"),
        (RunConfig(rows=0), "between 1 and"),
        (RunConfig(generator="magic"), "no generator"),
    ],
)
def test_bad_settings_give_plain_sentences(small_table, config, message):
    # Assert
    with pytest.raises(InputError, match=message):
        generate(small_table, config)


def test_too_few_rows_and_nothing_learnable_are_refused(small_table):
    # Assert
    with pytest.raises(InputError, match="at least 5"):
        generate(small_table.head(3), RunConfig())
    with pytest.raises(InputError, match="can be learned"):
        generate(pd.DataFrame({"id": [f"X{i}" for i in range(30)]}), RunConfig(), kinds={"id": "identifier"})


def test_evaluate_tables_scores_identical_data_as_one(small_table):
    # Run
    result = evaluate_tables(small_table, small_table.copy())

    # Assert
    assert result.evaluation.quality.column_shapes == pytest.approx(1.0)
    assert result.evaluation.privacy["exact_copy_rate"] == 1.0


def test_evaluate_tables_needs_shared_columns(small_table):
    # Assert
    with pytest.raises(InputError, match="no column names in common"):
        evaluate_tables(small_table, pd.DataFrame({"other": [1, 2, 3]}))


def test_large_tables_train_on_a_capped_sample_with_a_note(small_table):
    # Run
    result = generate(small_table, RunConfig(generator="gaussian_copula", max_train_rows=50))

    # Assert
    assert len(result.synthetic) == len(small_table)
    assert any("random sample of 50" in warning for warning in result.warnings)


@pytest.mark.parametrize("generator", ["sequential_trees", "gaussian_copula"])
def test_labels_come_back_byte_for_byte_and_every_column_in_its_place(small_table, generator):
    # Setup
    table = small_table.assign(city=small_table["city"].map({"Lyon": "Lyon ", "Paris": " paris", "Nice": "Nice"}))
    table.insert(2, "notes", pd.Series([np.nan] * len(table), dtype=object))
    table.insert(4, "empty_number", np.nan)
    table["country"] = "France"

    # Run
    result = generate(table, RunConfig(generator=generator, seed=2))

    # Assert
    synthetic = result.synthetic
    assert list(synthetic.columns) == list(table.columns)
    assert set(synthetic["city"].dropna()) == {"Lyon ", " paris", "Nice"}
    assert synthetic[["notes", "empty_number"]].isna().all().all()
    assert (synthetic["country"] == "France").all()
    assert any("'notes' is empty" in warning for warning in result.warnings)
    assert any("'empty_number' is empty" in warning for warning in result.warnings)
    assert any("'country' holds a single value" in warning for warning in result.warnings)


@pytest.mark.parametrize("generator", ["sequential_trees", "gaussian_copula"])
def test_a_column_of_one_value_and_blanks_comes_back_with_about_as_many_blanks_drawn_not_copied(small_table, generator):
    # Setup: 'ok' in a third of the rows, blank in the rest (the Chromium walk's 'note' column came back all 'ok')
    note = pd.Series(np.where(np.arange(len(small_table)) % 3 == 0, "ok", None), dtype=object)
    table = small_table.assign(note=note)

    # Run
    result = generate(table, RunConfig(generator=generator, seed=3))

    # Assert
    made = result.synthetic["note"]
    assert set(made.dropna()) == {"ok"}
    assert 0.5 < made.isna().mean() < 0.85
    assert not made.isna().reset_index(drop=True).equals(note.isna())
    assert not any("'note' holds a single value" in warning for warning in result.warnings)
    assert "note" in result.evaluation.columns and "note" in result.real_model


def _english_names(rows: int) -> list[str]:
    faker = Faker("en_US")
    faker.seed_instance(0)
    return [faker.name() for _ in range(rows)]


def _first_name_share(values: pd.Series, locale: str) -> float:
    return float(values.str.split().str[0].str.lower().isin(personal.names_by_locale("first")[locale]).mean())


def test_fakes_of_an_english_table_are_english_unless_another_locale_is_chosen(small_table):
    # Setup
    table = small_table.assign(full_name=_english_names(len(small_table)))

    # Run
    automatic = generate(table, RunConfig(generator="gaussian_copula", seed=1))
    french = generate(table, RunConfig(generator="gaussian_copula", seed=1, locale="fr_FR"))

    # Assert
    assert automatic.kinds["full_name"] == "personal"
    assert automatic.record["locale"] == "en_US" and automatic.record["locale_from"] == "the values"
    assert french.record["locale"] == "fr_FR" and french.record["locale_from"] == "chosen"
    assert _first_name_share(automatic.synthetic["full_name"], "en_US") >= 0.8
    assert _first_name_share(french.synthetic["full_name"], "fr_FR") >= 0.8


def test_an_unknown_locale_is_refused_before_training(small_table):
    # Assert
    with pytest.raises(InputError, match="'xx_YY' is not a locale"):
        generate(small_table, RunConfig(locale="xx_YY"))


def test_evaluate_tables_names_the_table_and_checks_identifier_columns(small_table):
    # Setup: an identifier column whose real values the synthetic table repeats
    real = small_table.assign(order_id=[f"A{i:04d}" for i in range(len(small_table))])
    synthetic = real.sample(frac=1.0, random_state=0)

    # Run
    result = evaluate_tables(real, synthetic, table_name="orders.csv")

    # Assert
    assert result.record["table"] == "orders.csv"
    assert result.evaluation.privacy["real_values_reappearing"] == {"order_id": len(real)}


def test_a_personal_column_that_names_nobody_is_not_reported_as_leaking(small_table):
    # Setup: birth years marked personal: fakes drawn from the real years repeat some of them, and that names nobody
    years = np.random.default_rng(0).integers(1950, 1990, len(small_table))
    table = small_table.assign(birth_year=years)
    kinds = {"birth_year": "personal"}

    # Run
    result = generate(table, RunConfig(seed=1), kinds=kinds)

    # Assert
    assert result.kinds["birth_year"] == "personal"
    assert "birth_year" not in result.evaluation.privacy["real_values_reappearing"]


def test_every_row_is_learned_from_by_default_and_the_record_says_so(small_table):
    # Setup
    table = pd.concat([small_table] * 3, ignore_index=True)  # 600 rows: 120 kept aside

    # Run
    result = generate(table, RunConfig(generator="sequential_trees"))

    # Assert
    assert result.record["learned_rows"] == 480 and result.record["holdout_rows"] == 120
    assert result.record["sample_rows"] is None
    assert not any("random sample" in warning for warning in result.warnings)


def test_a_sample_is_learned_from_only_when_chosen_and_is_recorded(small_table):
    # Run
    result = generate(small_table, RunConfig(generator="sequential_trees", sample_rows=80))
    again = generate(small_table, RunConfig(generator="sequential_trees", sample_rows=80))

    # Assert
    assert result.record["learned_rows"] == 80 and result.record["sample_rows"] == 80
    assert any("random sample of 80" in warning and "as chosen" in warning for warning in result.warnings)
    pd.testing.assert_frame_equal(result.synthetic, again.synthetic)


def test_a_sample_larger_than_the_table_learns_from_every_row(small_table):
    # Run
    result = generate(small_table, RunConfig(generator="sequential_trees", sample_rows=10_000))

    # Assert
    assert result.record["learned_rows"] == len(small_table)
    assert not any("random sample" in warning for warning in result.warnings)


def test_a_sample_of_fewer_rows_than_a_model_needs_is_refused(small_table):
    # Run / Assert
    with pytest.raises(InputError, match="at least 5 rows"):
        generate(small_table, RunConfig(sample_rows=2))


def test_rows_kept_as_model_form_come_out_in_chunks_as_the_whole_table(small_table):
    # Setup: identifiers and fakes are made before fit, for every row at once
    table = small_table.assign(customer_id=[f"C{i:04d}" for i in range(len(small_table))])
    config = RunConfig(generator="sequential_trees", rows=230, seed=5)

    # Run
    whole = generate(table, config)
    kept = generate(table, config, keep_rows=False)
    pieces = pd.concat(list(kept.synthetic_chunks(37)), ignore_index=True)

    # Assert
    assert kept.rows == 230 and len(kept.synthetic) == 0
    pd.testing.assert_frame_equal(pieces, whole.synthetic)


def test_a_duration_column_comes_back_in_its_own_form_with_plausible_values():
    # Setup: call handling times past a day's hours (Excel's [h]:mm:ss), with a number column
    rng = np.random.default_rng(0)
    seconds = rng.integers(3_600, 40 * 3_600, 200)
    table = pd.DataFrame(
        {
            "handling_time": [f"{s // 3600}:{s % 3600 // 60:02d}:{s % 60:02d}" for s in seconds],
            "calls": rng.poisson(5, 200),
        }
    )

    # Run
    result = generate(table, RunConfig(generator="sequential_trees", rows=150))

    # Assert: numbers of seconds learned (no identifier codes), written back as the table wrote them
    made = result.synthetic["handling_time"]
    assert result.kinds["handling_time"] == "integer"
    assert made.str.fullmatch(r"\d{1,2}:[0-5]\d:[0-5]\d").all()
    hours = made.str.split(":").str[0].astype(int)
    assert hours.between(1, 40).all() and (hours >= 24).any()


def test_a_parquet_column_with_9999_12_31_goes_through_generate_and_the_downloads():
    # Setup: a slowly changing dimension read from Parquet: end dates in microseconds, 60% still open (9999-12-31)
    rng = np.random.default_rng(0)
    rows = 400
    start = pd.Timestamp("2020-01-01") + pd.to_timedelta(rng.integers(0, 1000, rows), unit="D")
    closed = (start + pd.to_timedelta(rng.integers(1, 400, rows), unit="D")).to_numpy().astype("datetime64[us]")
    real = pd.DataFrame(
        {
            "valid_from": start.to_numpy().astype("datetime64[us]"),
            "valid_to": np.where(rng.random(rows) < 0.6, np.datetime64("9999-12-31", "us"), closed),
            "x": rng.normal(size=rows).round(2),
        }
    )
    kinds = {"valid_from": "datetime", "valid_to": "datetime", "x": "decimal"}

    # Run: the default generator and the default figures
    result = generate(real, RunConfig(rows=300), kinds)
    parquet = export_table(result.synthetic, "parquet", stored_types=result.stored_types)

    # Assert
    end = result.synthetic["valid_to"]
    sentinel = end == pd.Timestamp("9999-12-31")
    assert abs(sentinel.mean() - 0.6) < 0.1
    assert end[~sentinel].between(pd.Timestamp("2019-06-01"), pd.Timestamp("2025-06-01")).all()
    assert 0.0 <= result.evaluation.quality.overall <= 1.0
    back = pd.read_parquet(io.BytesIO(parquet.data))["valid_to"]
    assert (back == pd.Timestamp("9999-12-31")).sum() == sentinel.sum()
    for fmt in ("csv", "xlsx"):
        assert export_table(result.synthetic, fmt).data


@pytest.mark.parametrize(
    ("written", "sentinel"),
    [("%Y-%m-%d", "9999-12-31"), ("%d/%m/%Y", "31/12/9999"), ("%Y-%m-%d %H:%M:%S", "9999-12-31 23:59:59")],
)
def test_a_csv_column_with_9999_12_31_is_learned_as_dates_and_the_marker_written_back(written, sentinel):
    # Setup: a slowly changing dimension exported to CSV: 45% of its rows still open (before: the end dates were
    # labels, so a third of the closed rows ended before they started and the open share doubled)
    rng = np.random.default_rng(3)
    start = pd.Timestamp("2018-01-01") + pd.to_timedelta(rng.integers(0, 2000, 400), unit="D")
    end = pd.Series((start + pd.to_timedelta(rng.integers(30, 900, 400), unit="D")).strftime(written))
    table = pd.DataFrame(
        {"valid_from": start.strftime(written), "valid_to": end.where(rng.random(400) >= 0.45, sentinel)}
    )
    loaded = read_table(table.to_csv(index=False).encode())

    # Run
    result = generate(loaded.frame, RunConfig(rows=400, rules=(parse_rule("valid_to >= valid_from"),)))

    # Assert: dates, the marker in about its share, closed rows within the real span, written as the file wrote them
    made = result.synthetic["valid_to"]
    assert result.kinds["valid_to"] == "datetime"
    assert 0.35 < (made == sentinel).mean() < 0.55
    closed = pd.to_datetime(made[made != sentinel], format=written)
    assert closed.between(pd.Timestamp("2018-01-01"), pd.Timestamp("2026-12-31")).all()
    assert sentinel.encode() in export_table(result.synthetic, "csv").data


def test_an_sdv_generator_learns_dates_past_2262_as_labels_each_written_back_as_it_was():
    # Setup: dates in microseconds, as Parquet holds them; SDV reads every date in nanoseconds and refused 9999-12-31
    rng = np.random.default_rng(1)
    dates = pd.Series(pd.date_range("2020-01-01", periods=50, freq="7D").astype("datetime64[us]"))
    ends = dates.where(rng.random(50) < 0.6, pd.Timestamp("9999-12-31").as_unit("us"))
    table = pd.DataFrame({"ends": ends, "x": rng.normal(size=50)})

    # Run
    result = generate(table, RunConfig(generator="gaussian_copula"), {"ends": "datetime", "x": "decimal"})

    # Assert
    made = result.synthetic["ends"]
    assert set(made) <= set(ends) and (made == pd.Timestamp("9999-12-31")).any()


def test_an_sdv_generator_refuses_a_rule_on_dates_it_learns_as_labels_in_a_plain_sentence():
    # Setup: SDV was asked to compare labels and failed inside (ConstraintNotMetError)
    from synth.errors import GeneratorError

    starts = pd.date_range("2020-01-01", periods=60, freq="7D").to_numpy().astype("datetime64[us]")
    ends = np.where(np.arange(60) % 2 == 0, starts + np.timedelta64(30, "D"), np.datetime64("9999-12-31", "us"))
    config = RunConfig(generator="gaussian_copula", rules=(parse_rule("ends >= starts"),))

    # Run / Assert
    with pytest.raises(GeneratorError, match="learn 'ends' .* as labels, which the rule 'ends >= starts' cannot"):
        generate(pd.DataFrame({"starts": starts, "ends": ends}), config, {"starts": "datetime", "ends": "datetime"})
