"""Pairs measured on runs of neighbouring bins where the table is too small for the fine ones."""

import numpy as np
import pandas as pd

from synth.generators.dp_marginals.coarse import Coarsened, group_counts, pair_matrix, runs


def test_runs_join_neighbouring_bins_by_their_noisy_counts_and_leave_missing_and_the_catch_all_alone():
    # Setup: six bins (most rows in the first two), then 'missing' and the catch-all
    noisy = np.array([40.0, 40.0, 5.0, 5.0, 5.0, 5.0, 12.0, 3.0])

    # Run
    groups = runs(noisy, ordered=6, count=3)

    # Assert
    assert groups.tolist() == [0, 1, 2, 2, 2, 2, 3, 4]


def test_runs_keep_every_bin_when_as_many_runs_as_bins_are_asked():
    assert runs(np.ones(5), ordered=4, count=4).tolist() == [0, 1, 2, 3, 4]


def test_a_small_table_joins_bins_of_its_pairs_and_a_large_one_keeps_them():
    # Setup: two columns of 8 bins plus 'missing'; noise deviation 8 per count
    sizes, ordered = (9, 9), (8, 8)

    # Run
    small = group_counts(sizes, ordered, rows=189, sigma=8.0)
    large = group_counts(sizes, ordered, rows=100_000, sigma=8.0)

    # Assert
    assert small == (3, 3)  # 189 rows / (3 x 8) leaves room for 7.9 cells: both shrink to the fewest runs
    assert large == (8, 8)


def test_a_category_column_is_never_joined_only_the_ordered_bins_beside_it():
    # Setup: a category of 6 codes (none ordered) with a number column of 10 bins plus 'missing'
    counts = group_counts((6, 11), (0, 10), rows=400, sigma=5.0)

    # Assert
    assert counts == (0, 3)


def test_the_coarse_query_sums_a_pairs_counts_as_counting_the_joined_codes_would():
    from mbi import Dataset, Domain

    # Setup
    rng = np.random.default_rng(0)
    frame = pd.DataFrame({"a": rng.integers(0, 5, 300), "b": rng.integers(0, 4, 300)})
    data = Dataset(frame, Domain(["a", "b"], [5, 4]))
    first, second = np.array([0, 0, 1, 1, 2]), np.array([0, 1, 1, 2])

    # Run
    matrix = pair_matrix(first, second)
    coarse = Coarsened(matrix)(data.project(("a", "b")))

    # Assert
    expected = pd.crosstab(first[frame["a"]], second[frame["b"]]).reindex(
        index=range(3), columns=range(3), fill_value=0
    )
    assert np.array_equal(np.asarray(coarse), expected.to_numpy().ravel())
    assert pair_matrix(np.arange(5), np.arange(4)) is None  # nothing joined: the fine counts as before
