"""Where a drawn number lands inside its bin: positions that follow the correlations the drawn bins show."""

import numpy as np

from synth.generators.dp_marginals.within import positions


def drawn_bins(rows: int = 4_000) -> np.ndarray:
    rng = np.random.default_rng(0)
    level = rng.integers(0, 8, rows)
    return np.column_stack([level, level, 7 - level, rng.integers(0, 8, rows)])  # together, opposed, unrelated


def test_positions_follow_the_bins_together_opposed_or_not_at_all():
    # Setup
    codes = drawn_bins()

    # Run
    placed = positions(codes, np.zeros(codes.shape, dtype=bool), np.random.default_rng(1))

    # Assert
    correlation = np.corrcoef(placed, rowvar=False)
    assert correlation[0, 1] > 0.8  # columns whose bins move together get positions that do
    assert correlation[0, 2] < -0.8
    assert abs(correlation[0, 3]) < 0.05


def test_each_position_stays_even_within_its_bin_so_no_bin_count_changes():
    # Setup
    codes = drawn_bins()

    # Run
    placed = positions(codes, np.zeros(codes.shape, dtype=bool), np.random.default_rng(2))

    # Assert
    assert ((placed >= 0.0) & (placed < 1.0)).all()
    for column in placed.T:
        shares = np.histogram(column, bins=4, range=(0.0, 1.0))[0] / len(column)
        assert np.allclose(shares, 0.25, atol=0.03)


def test_missing_values_and_a_column_of_one_bin_do_not_break_the_draw():
    # Setup
    codes = drawn_bins(500)
    codes[:, 3] = 2  # one bin only
    missing = np.zeros(codes.shape, dtype=bool)
    missing[::3, 1] = True

    # Run
    placed = positions(codes, missing, np.random.default_rng(3))

    # Assert
    assert np.isfinite(placed).all()
    assert np.corrcoef(placed[~missing[:, 1]][:, :2], rowvar=False)[0, 1] > 0.5
