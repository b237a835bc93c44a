"""The small-table path of sequential trees: a Gaussian copula drawn back through each column's real values."""

import numpy as np
import pandas as pd
from scipy.stats.mstats import hdquantiles

from synth.generators.sequential_trees.columns import describe
from synth.generators.sequential_trees.model import SMALL_TABLE_ROWS, SequentialTrees
from synth.generators.sequential_trees.small_tables import NEAR_STEP, TAIL_SHARE, SmallTableCopula, smoothed_quantiles


def quiet(fraction, message):
    pass


def tiny(rows=30, seed=0):
    """A seeded small table: labels with a trailing space and mixed case, linked decimals with gaps, an integer."""
    rng = np.random.default_rng(seed)
    size = rng.normal(10, 2, rows).round(1)
    price = (size * 3 + rng.normal(0, 0.5, rows)).round(2)
    price[:4] = np.nan
    return pd.DataFrame(
        {
            "shop": rng.choice(["north ", "South"], rows).astype(object),
            "size": size,
            "price": price,
            "stars": rng.integers(1, 6, rows).astype(float),
            "ticket": [f"T{i:03d}" for i in range(rows)],
        }
    )


KINDS = {"shop": "category", "size": "decimal", "price": "decimal", "stars": "integer", "ticket": "category"}


def fitted(data, **options):
    generator = SequentialTrees(**options)
    generator.fit(data, KINDS, 0, quiet)
    return generator


def copula_of(data, interpolate=True):
    columns, model = [], {}
    for name in data.columns:
        column, model[name] = describe(name, data[name], KINDS[name])
        columns.append(column)
    return SmallTableCopula().fit(columns, model, interpolate), model


def test_a_small_table_takes_the_copula_and_a_long_one_the_trees():
    # Run
    small = fitted(tiny(30))
    long = fitted(tiny(SMALL_TABLE_ROWS))

    # Assert
    assert small._copula is not None and small._columns["size"].value is None
    assert long._copula is None and long._columns["size"].value is not None


def test_small_tables_keep_exact_labels_decimals_integers_and_the_real_range():
    # Setup
    data = tiny()

    # Run
    synthetic = fitted(data).sample(2000, 1, quiet)

    # Assert
    assert set(synthetic["shop"]) == {"north ", "South"}  # byte for byte, the trailing space kept
    assert np.allclose(synthetic["size"].dropna() * 10, (synthetic["size"].dropna() * 10).round())
    assert np.allclose(synthetic["price"].dropna() * 100, (synthetic["price"].dropna() * 100).round())
    assert set(synthetic["stars"]) <= set(data["stars"])
    for name in ("size", "price", "stars"):
        assert synthetic[name].min() >= data[name].min() and synthetic[name].max() <= data[name].max()
    assert synthetic["size"].nunique() > data["size"].nunique()  # many-valued numbers get values between real ones


def test_small_tables_keep_missing_shares_and_an_empty_column_stays_empty():
    # Setup
    data = tiny()
    data["gone"] = np.nan

    # Run
    generator = SequentialTrees()
    generator.fit(data, {**KINDS, "gone": "decimal"}, 0, quiet)
    synthetic = generator.sample(3000, 2, quiet)

    # Assert
    assert abs(synthetic["price"].isna().mean() - 4 / 30) < 0.03
    assert synthetic["gone"].isna().all()
    assert generator.column_inputs()["gone"] == []


def test_small_tables_keep_the_link_between_two_numbers():
    # Setup
    data = tiny()
    seen = data.dropna()

    # Run
    synthetic = fitted(data).sample(2000, 3, quiet).dropna()

    # Assert
    real = np.corrcoef(seen["size"], seen["price"])[0, 1]
    made = np.corrcoef(synthetic["size"], synthetic["price"])[0, 1]
    assert real > 0.9 and made > 0.8


def test_many_valued_numbers_follow_the_smoothed_real_quantiles():
    # Setup
    data = tiny(60)
    copula, _ = copula_of(data)

    # Run
    made = copula.draw(20_000, np.random.default_rng(4))[0]["size"]

    # Assert: the outer real values kept, so still numpy's linear quantile there: 1% of values beyond the real 1%
    # quantile, 1% beyond the 99% one; never beyond the real range; the median kept
    low, middle, high = np.quantile(data["size"], [0.01, 0.5, 0.99])
    assert abs(np.mean(made < low) - 0.01) < 0.004 and abs(np.mean(made > high) - 0.01) < 0.004
    assert made.min() >= data["size"].min() and made.max() <= data["size"].max()
    assert abs(np.median(made) - middle) < 0.1


def test_smoothed_quantiles_are_scipys_harrell_davis_quantiles_inside_real_tails():
    # Setup
    values = np.random.default_rng(12).lognormal(0, 1, 57)
    ordered = np.sort(values)
    kept = int(np.ceil(TAIL_SHARE * 56)) + 1

    # Run
    smoothed = smoothed_quantiles(values)

    # Assert: the outer values real, the inner ones scipy's Harrell-Davis quantiles kept between them
    expected = np.asarray(hdquantiles(values, prob=np.linspace(0.0, 1.0, len(values))))[kept:-kept]
    assert np.array_equal(smoothed[:kept], ordered[:kept]) and np.array_equal(smoothed[-kept:], ordered[-kept:])
    assert np.allclose(smoothed[kept:-kept], np.clip(expected, ordered[kept - 1], ordered[-kept]))
    assert not np.allclose(smoothed[kept:-kept], ordered[kept:-kept])
    assert np.all(np.diff(smoothed) >= 0)


def test_drawn_numbers_do_not_crowd_around_the_training_values():
    # Setup: 40 training values in tight pairs; a fresh draw from the population falls anywhere between them
    rng = np.random.default_rng(13)
    centres = np.sort(rng.uniform(0, 100, 20))
    data = pd.DataFrame({"size": np.concatenate([centres, centres + 0.01]).round(3)})
    column, model = describe("size", data["size"], "decimal")
    copula = SmallTableCopula().fit([column], {"size": model})

    # Run
    made = copula.draw(5000, np.random.default_rng(14))[0]["size"]

    # Assert: the share of made values within 0.1 of a training value, against 20 x 0.2 / 100 = 4% for a fresh
    # uniform draw (the sorted values themselves put half the made values inside the pairs)
    near = np.abs(made[:, None] - data["size"].to_numpy()[None, :]).min(axis=1) < 0.1
    assert near.mean() < 0.15


def test_without_smoothing_only_real_values_are_drawn():
    # Setup
    data = tiny()

    # Run
    synthetic = fitted(data, smoothing=0.0).sample(1000, 5, quiet)

    # Assert
    assert set(synthetic["size"].dropna()) <= set(data["size"])
    assert set(synthetic["price"].dropna()) <= set(data["price"].dropna())


def test_a_near_unique_label_is_linked_to_nothing_and_drawn_only_from_shared_values():
    # Setup
    data = tiny()
    data.loc[:9, "ticket"] = "T-shared"  # ten rows share one ticket, the other twenty are unique

    # Run
    generator = fitted(data)
    synthetic = generator.sample(500, 6, quiet)

    # Assert
    assert set(synthetic["ticket"]) == {"T-shared"}
    assert generator.column_inputs()["ticket"] == []
    assert "ticket" not in generator.column_inputs()["size"]


def test_a_constant_column_links_to_nothing():
    # Setup
    data = tiny()
    data["stars"] = 3.0
    copula, _ = copula_of(data)

    # Run
    correlation = copula.correlation

    # Assert
    assert np.allclose(correlation[3], np.eye(5)[3])
    assert np.allclose(np.diag(correlation), 1.0)


def test_small_tables_never_copy_a_unique_real_row():
    # Setup
    data = tiny(20).drop(columns=["ticket", "price"])

    # Run
    synthetic = fitted(data, smoothing=0.0).sample(2000, 7, quiet)

    # Assert
    real_rows = set(map(tuple, data.itertuples(index=False)))
    assert not any(row in real_rows for row in synthetic.itertuples(index=False))


def test_the_same_seed_gives_the_same_rows_and_another_seed_others():
    # Setup
    generator = fitted(tiny())

    # Run
    first, again, other = (generator.sample(50, seed, quiet) for seed in (8, 8, 9))

    # Assert
    pd.testing.assert_frame_equal(first, again)
    assert not first.equals(other)


def test_a_row_drawn_again_moves_a_step_from_its_scores_and_the_copula_stays_the_same():
    # Setup
    copula, _ = copula_of(tiny())
    rng = np.random.default_rng(10)
    _, first = copula.draw(20_000, rng)

    # Run
    _, again = copula.draw(20_000, rng, near=first)

    # Assert
    step = [np.corrcoef(first[:, j], again[:, j])[0, 1] for j in range(first.shape[1])]
    assert np.allclose(step, NEAR_STEP, atol=0.02)
    assert np.allclose(np.corrcoef(again, rowvar=False), np.corrcoef(first, rowvar=False), atol=0.03)
    assert np.allclose(again.std(axis=0), 1.0, atol=0.03)


def test_mostly_distinct_numbers_on_a_tiny_table_get_values_between_the_real_ones():
    # Setup: twelve rows, so every number column has 20 distinct values or fewer
    data = tiny(12).drop(columns=["ticket"])
    data["stars"] = [1.0, 2.0, 3.0] * 4  # few values, each shared: still drawn as real values only

    # Run
    synthetic = fitted(data).sample(1000, 11, quiet)

    # Assert
    for name in ("size", "price"):
        made = synthetic[name].dropna()
        assert made.isin(data[name]).mean() < 0.5
        assert made.min() >= data[name].min() and made.max() <= data[name].max()
    assert set(synthetic["stars"]) <= {1.0, 2.0, 3.0}
