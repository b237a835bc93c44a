"""After fit: a differentially private generator's release never touches real rows; the others' still may."""

import sys
from dataclasses import replace

import numpy as np
import pandas as pd
import pytest

from synth import date_forms, durations
from synth.formats.stored_types import StoredType
from synth.generators import generator_class
from synth.pipeline import RunConfig, generate, prepare
from synth.release import private, release, released_types, shown_rows
from synth.rules import parse_rule

PRIVATE = {"epsilon": 10.0, "noise": "reproducible"}


class TouchedRealRows(Exception):
    pass


class RealRowsTrap:
    """Stands for a real table after fit: any look at it (attribute, item, length, iteration) raises."""

    def __getattribute__(self, name):
        raise TouchedRealRows(name)

    def __getitem__(self, key):
        raise TouchedRealRows(key)

    def __len__(self):
        raise TouchedRealRows("len")

    def __iter__(self):
        raise TouchedRealRows("iter")


def with_people(table: pd.DataFrame) -> pd.DataFrame:
    return table.assign(
        customer_id=[f"C{i:05d}" for i in range(len(table))],
        email=[f"person{i}@example.org" for i in range(len(table))],
        country="France",  # one value: a private generator learns it rather than copying it
    )


def fitted(table: pd.DataFrame, config: RunConfig):
    prepared = prepare(table, config)
    chosen = generator_class(config.generator)
    generator = chosen(**chosen.resolve_options(config.options)[0])
    generator.fit(prepared.training, prepared.kinds, config.seed, lambda f, m: None)
    return generator, prepared


def fitted_and_trapped(table: pd.DataFrame, config: RunConfig):
    generator, prepared = fitted(table, config)
    trap = RealRowsTrap()
    return generator, replace(prepared, frame=trap, real_model=trap, training=trap, holdout=trap)


def test_after_fit_the_private_path_never_touches_the_real_rows(small_table):
    # Setup
    table = with_people(small_table)
    config = RunConfig(
        generator="dp_marginals",
        options=PRIVATE,
        rows=120,
        where={"city": "Lyon"},
        rules=(parse_rule("height <= weight"),),
    )
    generator, trapped = fitted_and_trapped(table, config)

    # Run
    synthetic_model, synthetic = release(generator, trapped, config, lambda f, m: None)

    # Assert
    assert private(generator)
    assert list(synthetic.columns) == list(table.columns) and len(synthetic) == 120
    assert (synthetic["city"] == "Lyon").all()
    both = synthetic_model[["height", "weight"]].dropna()
    assert (both["height"] <= both["weight"]).all()
    assert not set(synthetic["customer_id"]) & set(table["customer_id"])
    assert not set(synthetic["email"]) & set(table["email"])
    assert "country" in trapped.learned


def test_the_trap_bites_a_generator_that_reads_real_rows_after_fit(small_table):
    # Setup
    config = RunConfig(generator="sequential_trees", rows=50)
    generator, trapped = fitted_and_trapped(small_table, config)

    # Run / Assert
    with pytest.raises(TouchedRealRows):
        release(generator, trapped, config, lambda f, m: None)


def test_a_private_run_records_and_says_its_guarantee(small_table):
    # Run
    result = generate(small_table, RunConfig(generator="dp_marginals", options=PRIVATE, rows=80))

    # Assert
    guarantee = result.record["privacy_guarantee"]
    assert guarantee["epsilon"] == 10.0 and guarantee["delta"] == 1e-7
    assert guarantee["sentence"] in result.warnings
    assert any("Nothing after training read the real rows" in warning for warning in result.warnings)
    advice = f"At epsilon 10, learning from {len(small_table):,} rows, a category value comes back by name only"
    assert any(warning.startswith(advice) for warning in result.warnings)  # the CLI prints it, Download lists it
    assert "privacy_guarantee" not in generate(small_table, RunConfig(rows=50)).record


def test_rows_are_drawn_in_seeded_blocks_so_a_long_table_starts_as_a_short_one(small_table, monkeypatch):
    # Setup: blocks of 60 rows; the first block is drawn with the run's own seed, as a table of 60 rows is
    import synth.release

    monkeypatch.setattr(synth.release, "BLOCK_ROWS", 60)
    config = RunConfig(generator="sequential_trees", seed=9)

    # Run
    long = generate(small_table, replace(config, rows=150)).synthetic
    short = generate(small_table, replace(config, rows=60)).synthetic

    # Assert
    assert len(long) == 150
    pd.testing.assert_frame_equal(long.head(60), short)
    assert not long.iloc[60:120].reset_index(drop=True).equals(short)


def test_blocks_drawn_by_forked_workers_are_the_rows_drawn_one_after_the_other(tmp_path, small_table):
    # Setup: a fresh interpreter, without torch (whose threads do not survive a fork), blocks of 60 rows
    import subprocess
    import sys
    from pathlib import Path

    small_table.to_csv(tmp_path / "t.csv", index=False)
    script = """
import sys
import pandas as pd
import synth.release as release
from synth.generators import generator_class
from synth.pipeline import RunConfig, prepare
from synth.rules import parse_rule
release.BLOCK_ROWS = 60
config = RunConfig(generator="sequential_trees", seed=4, rows=170, rules=(parse_rule("height >= 40"),))
prepared = prepare(pd.read_csv(sys.argv[1]), config)
generator = generator_class("sequential_trees")()
generator.fit(prepared.training, prepared.kinds, config.seed, lambda f, m: None)
said, forks = [], []
real_context = release.mp.get_context
release.mp.get_context = lambda method: forks.append(method) or real_context(method)
alone = release.release_model(generator, prepared, config, lambda f, m: None, workers=1)
shared = release.release_model(generator, prepared, config, lambda f, m: said.append(f), workers=2)
pd.testing.assert_frame_equal(alone, shared)
assert len(shared) == 170 and (shared["height"] >= 40).all() and said[-1] == 1.0
print(forks)
"""

    # Run
    done = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "t.csv")],
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parents[2],
    )

    # Assert
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "['fork']"


def test_blocks_are_never_drawn_by_forked_workers_once_torch_or_jax_is_loaded(monkeypatch):
    # Setup: their thread pools do not survive a fork (JAX itself warns that a forked child may deadlock)
    import sys
    import types

    from synth.release import THREADED, fork_safe

    for name in THREADED:
        monkeypatch.delitem(sys.modules, name, raising=False)

    # Run
    clean = fork_safe()
    monkeypatch.setitem(sys.modules, "jax", types.ModuleType("jax"))
    with_jax = fork_safe()

    # Assert
    assert clean is True and with_jax is False


def test_a_0_1_flag_with_blanks_set_to_yes_no_comes_back_as_0_1_with_blanks():
    # Setup: read as a float column (1.0, 0.0, blank); the review found every cell coming back blank
    rng = np.random.default_rng(0)
    flag = rng.choice([1.0, 0.0], 600)
    flag[::10] = np.nan
    table = pd.DataFrame({"flag": flag, "size": rng.normal(10.0, 2.0, 600).round(1)})
    kinds = {"flag": "boolean", "size": "decimal"}

    # Run: at epsilon 10 and at 1 (where the reused counts matter most: the review found them taken from noise)
    said = {}
    for epsilon in (10.0, 1.0):
        options = {"epsilon": epsilon, "noise": "reproducible"}
        config = RunConfig(generator="dp_marginals", options=options, rows=600, holdout=0.0)
        said[epsilon] = generate(table, config, kinds=kinds).synthetic["flag"]

    # Assert: 0/1 and blanks, about half the present ones 1
    for flags in said.values():
        assert set(flags.dropna()) == {0.0, 1.0}
        assert 0.02 < flags.isna().mean() < 0.2
        assert 0.35 < flags.dropna().mean() < 0.65


def test_class_codes_read_as_numbers_keep_a_private_runs_other_as_text_not_blank():
    # Setup: fifteen class codes of eight rows each, set to Category: at epsilon 1 none can be named privately
    rng = np.random.default_rng(0)
    table = pd.DataFrame({"cls": np.repeat(np.arange(1, 16), 8), "size": rng.normal(10.0, 2.0, 120).round(1)})
    config = RunConfig(generator="dp_marginals", options={"epsilon": 1.0, "noise": "reproducible"}, rows=120)

    # Run
    result = generate(table, config, kinds={"cls": "category", "size": "decimal"})

    # Assert: every row says 'Other' (it came back blank: 'Other' is no number); the guarantee says why
    assert result.record["privacy_guarantee"]["no_value_named"] == ["cls"]
    assert result.synthetic["cls"].tolist() == ["Other"] * 120


def test_an_sdv_run_gives_days_back_as_days_in_a_column_of_dates_without_times():
    # Setup: date values at midnight, as Excel and Parquet hold days (before: SDV's made values had times of day)
    rng = np.random.default_rng(0)
    days = pd.Timestamp("2021-01-01") + pd.to_timedelta(rng.integers(0, 700, 120), unit="D")
    table = pd.DataFrame({"day": days, "size": rng.normal(10.0, 2.0, 120).round(1)})

    # Run
    made = generate(table, RunConfig(generator="gaussian_copula", rows=100)).synthetic["day"].dropna()

    # Assert
    assert len(made) and (made == made.dt.normalize()).all()


def test_a_private_run_writes_dates_as_the_table_did_days_as_days_and_times_as_times():
    # Setup: the same days as date values at midnight (Excel, Parquet), and as text with times of day
    rng = np.random.default_rng(0)
    days = pd.Timestamp("2021-01-01") + pd.to_timedelta(rng.integers(0, 700, 300), unit="D")
    timed = days + pd.to_timedelta(rng.integers(0, 86_400, 300), unit="s")
    table = pd.DataFrame(
        {
            "day": days,
            "stamp": timed.strftime("%Y-%m-%d %H:%M:%S"),
            "size": rng.normal(10.0, 2.0, 300).round(1),
        }
    )
    config = RunConfig(generator="dp_marginals", options={"epsilon": 10.0, "noise": "reproducible"}, rows=200)

    # Run
    synthetic = generate(table, config).synthetic

    # Assert: the days came back with random times of day, and the times as days only
    assert pd.api.types.is_datetime64_any_dtype(synthetic["day"])
    assert (synthetic["day"].dropna() == synthetic["day"].dropna().dt.normalize()).all()
    assert synthetic["stamp"].dropna().str.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d").all()


def test_a_private_run_writes_durations_in_their_columns_form_without_reading_a_real_row():
    # Setup: race times past a day and lap times in minutes past the hour, with tenths of a second
    rng = np.random.default_rng(0)
    race, lap = rng.integers(3_600, 40 * 3_600, 300), rng.integers(600, 9_000, 300)
    table = pd.DataFrame(
        {
            "race_time": [f"{s // 3600}:{s % 3600 // 60:02d}:{s % 60:02d}" for s in race],
            "lap": [f"{s // 60}:{s % 60:02d}.{d}" for s, d in zip(lap, rng.integers(0, 10, 300))],
            "size": rng.normal(10.0, 2.0, 300).round(1),
        }
    )
    config = RunConfig(generator="dp_marginals", options=PRIVATE, rows=200)
    generator, trapped = fitted_and_trapped(table, config)

    # Run
    synthetic_model, synthetic = release(generator, trapped, config, lambda f, m: None)

    # Assert
    assert trapped.written_forms == {"race_time": "[h]:mm:ss", "lap": "[m]:ss.0"}
    assert synthetic["race_time"].str.fullmatch(r"\d+:[0-5]\d:[0-5]\d").all()
    assert (synthetic_model["race_time"] > 24 * 3600).any()  # hours past a day, never wrapped
    assert synthetic["lap"].str.fullmatch(r"\d+:[0-5]\d\.\d").all()


def test_an_empty_number_column_comes_back_from_a_private_run_as_an_empty_number_column():
    # Setup: a Parquet or Excel table's column of numbers, all missing (read as a category: nothing to learn)
    rng = np.random.default_rng(0)
    table = pd.DataFrame({"size": rng.normal(10.0, 2.0, 200).round(1), "notes": np.full(200, np.nan)})
    config = RunConfig(generator="dp_marginals", options={"epsilon": 1.0, "noise": "reproducible"}, rows=100)

    # Run
    result = generate(table, config, kinds={"size": "decimal", "notes": "category"})

    # Assert: it came back as text (None), so a Parquet download changed its type
    assert result.synthetic["notes"].isna().all()
    assert result.synthetic["notes"].dtype == np.float64


def typed(table: pd.DataFrame) -> tuple[pd.DataFrame, dict[str, StoredType]]:
    """The table as a Parquet file typed it: 'city' a category with an order, a value seen once and one never used;
    'email' (personal data) a category of real addresses; 'visits' int16."""
    table = with_people(table)
    table.loc[0, "city"] = "Zed"  # once: a private run never names it
    declared = ("Paris", "Lyon", "Nice", "Zed", "Atlantis")
    return table, {
        "city": StoredType("category", declared, ordered=True),
        "email": StoredType("category", tuple(table["email"])),
        "visits": StoredType("int16"),
    }


def test_a_typed_download_keeps_the_category_list_only_where_real_rows_are_read_anyway(small_table):
    # Setup
    table, stored = typed(small_table)

    # Run
    result = generate(table, RunConfig(generator="sequential_trees", rows=100, stored_types=stored))

    # Assert: the file's own order for a learned column, of the values written: the value seen once, which the run
    # did not write, and the one no row held are not named; fakes get their own values as categories
    assert "Zed" not in set(result.synthetic["city"])
    assert result.stored_types["city"] == StoredType("category", ("Paris", "Lyon", "Nice"), True)
    assert result.stored_types["visits"] == StoredType("int16")
    fakes = result.stored_types["email"].categories
    assert set(fakes) == set(result.synthetic["email"]) and not set(fakes) & set(table["email"])


def test_a_private_run_types_its_categories_from_the_values_it_released_only(small_table):
    # Setup
    table, stored = typed(small_table)
    config = RunConfig(generator="dp_marginals", options=PRIVATE, rows=120, stored_types=stored)
    generator, trapped = fitted_and_trapped(table, config)
    synthetic_model, synthetic = release(generator, trapped, config, lambda f, m: None)

    # Run: with the real rows trapped, as after any private fit
    types = released_types(generator, trapped, stored, synthetic_model)

    # Assert: no unused or unreleased category, no real order; the file's other types are schema, kept
    city = types["city"]
    assert city.categories == tuple(sorted(set(synthetic["city"].dropna()))) and not city.ordered
    assert not {"Zed", "Atlantis"} & set(city.categories)
    assert types["visits"] == StoredType("int16") and not set(types["email"].categories) & set(table["email"])


def form_readers_watched(monkeypatch) -> list[tuple[str, str]]:
    """Each later call of the readers of a written form (duration_form, datetime_format), wherever synth holds them:
    which reader, on which column."""
    calls = []
    for name, reader in (("duration_form", durations.duration_form), ("datetime_format", date_forms.datetime_format)):

        def counted(series, reader=reader, name=name):
            calls.append((name, series.name))
            return reader(series)

        for module in [m for n, m in list(sys.modules.items()) if n.startswith("synth")]:
            if getattr(module, name, None) is reader:
                monkeypatch.setattr(module, name, counted)
    return calls


def test_a_run_written_in_chunks_reads_no_written_form_again_after_prepare(monkeypatch):
    # Setup: race times, lap times and two kinds of text dates, for the default generator (not private), with a rule
    # on the durations so that made rows are read back as the file will show them
    rng = np.random.default_rng(0)
    race, lap = rng.integers(3_600, 40 * 3_600, 300), rng.integers(600, 3_500, 300)
    days = pd.Timestamp("2020-01-01") + pd.to_timedelta(rng.integers(0, 1_500, 300), unit="D")
    table = pd.DataFrame(
        {
            "race_time": [f"{s // 3600}:{s % 3600 // 60:02d}:{s % 60:02d}" for s in race],
            "lap": [f"{s // 60}:{s % 60:02d}.{d}" for s, d in zip(lap, rng.integers(0, 10, 300))],
            "day": days.strftime("%d/%m/%Y"),
            "stamp": (days + pd.to_timedelta(rng.integers(0, 86_400, 300), unit="s")).strftime("%Y-%m-%d %H:%M:%S"),
        }
    )
    config = RunConfig(generator="sequential_trees", rows=300, rules=(parse_rule("race_time >= lap"),))
    generator, prepared = fitted(table, config)
    calls = form_readers_watched(monkeypatch)

    # Run: six chunks of a file, and the types a typed download writes
    synthetic_model, _ = release(generator, prepared, config, lambda f, m: None, shown=False)
    chunks = [shown_rows(generator, prepared, synthetic_model.iloc[s : s + 50], s) for s in range(0, 300, 50)]
    released_types(generator, prepared, {"lap": StoredType("object")}, synthetic_model)

    # Assert: before, each chunk read every date and duration column's form from the real rows again
    assert calls == []
    assert pd.concat(chunks)["race_time"].str.fullmatch(r"\d+:[0-5]\d:[0-5]\d").all()
    assert pd.concat(chunks)["day"].str.fullmatch(r"\d\d/\d\d/\d{4}").all()
