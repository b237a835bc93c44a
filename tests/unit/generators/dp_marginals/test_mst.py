"""MST's catch-all group decoded by noisy counts: 'missing' and 'Other' only where their own count stands out."""

import math

import numpy as np
import pytest

from synth.generators.dp_marginals.budget import Noise
from synth.generators.dp_marginals.mst import Column, combined, mst, special_codes


def test_the_catch_all_group_never_comes_back_as_missing_when_missings_count_does_not_stand_out():
    # Setup: codes 0-1 kept apart; 2, 3 and 'missing' (4) share the catch-all code 2; code 3 and 'missing' are noise
    column = Column(
        support=np.array([True, True, False, False, False]),
        noisy=np.array([500.0, 400.0, 6.0, -1.5, 2.0]),
        sigma=1.0,
        special=(4,),
    )
    np.random.seed(0)

    # Run
    codes = column.decode(np.array([0, 1] + [2] * 300))

    # Assert
    assert codes[:2].tolist() == [0, 1]
    assert set(codes[2:]) == {2}  # 3 had a negative noisy count, 'missing' did not clear 3 sigma


def test_the_catch_all_group_is_shared_by_noisy_counts_not_evenly():
    # Setup
    column = Column(
        support=np.array([True, True, False, False, False, False]),
        noisy=np.array([500.0, 400.0, 2.0, 2.0, 2.0, 0.0]),
        sigma=1.0,
        special=(5,),
    )
    column_weighted = Column(column.support, np.array([500.0, 400.0, 2.9, 0.1, 0.1, 0.0]), 1.0, (5,))
    np.random.seed(1)

    # Run
    even = column.decode(np.full(3000, 2))
    weighted = column_weighted.decode(np.full(3000, 2))

    # Assert
    assert abs(np.mean(even == 2) - 1 / 3) < 0.05
    assert np.mean(weighted == 2) > 0.85


def test_missing_and_other_come_back_only_where_their_own_noisy_count_stands_out():
    # Setup: codes 0 'Lyon', 1 'Other', 2 'missing'; no compression (too few codes clear the noise)
    quiet_other = Column(np.ones(3, bool), np.array([90.0, 2.0, 40.0]), 5.0, (1, 2))
    loud_other = Column(np.ones(3, bool), np.array([90.0, 30.0, 1.0]), 5.0, (1, 2))
    np.random.seed(2)

    # Run
    quiet_codes = quiet_other.decode(np.array([0, 1, 1, 2, 2]))
    loud_codes = loud_other.decode(np.array([0, 1, 1, 2, 2]))

    # Assert
    assert quiet_other.allowed.tolist() == [True, False, True]
    assert set(quiet_codes) == {0, 2}
    assert loud_other.allowed.tolist() == [True, True, False]
    assert set(loud_codes) == {0, 1}


def test_a_column_where_no_value_was_named_keeps_other():
    # Setup: 'Other' (0) and 'missing' (1), every count below the noise
    column = Column(np.ones(2, bool), np.array([1.0, 0.5]), 10.0, (0, 1))
    np.random.seed(3)

    # Run
    codes = column.decode(np.array([0, 1, 1]))

    # Assert
    assert column.allowed.tolist() == [True, False]
    assert set(codes) == {0}


def test_special_codes_are_missing_and_other_where_it_is_a_code():
    # Run / Assert
    assert special_codes(4, ("Lyon", "Nice", "Other"), "Other") == (2, 3)
    assert special_codes(21, (), "Other") == (20,)


def test_counts_the_look_up_released_are_folded_in_by_their_noise_and_the_rest_kept():
    # Setup: MST's one-column counts (deviation 4) and the look-up's for codes 0 and 1 only (deviation 2)
    from mbi import LinearMeasurement

    measured = LinearMeasurement(np.array([100.0, 60.0, 10.0, 5.0]), ("col0",), 4.0)
    known = (np.array([120.0, 50.0, np.nan, np.nan]), 2.0)

    # Run
    folded = combined(measured, known)
    untouched = combined(measured, None)

    # Assert: weights 1/4 and 1/16 -> 0.8 and 0.2; codes without a released count keep MST's; deviation kept
    assert np.asarray(folded.noisy_measurement) == pytest.approx([116.0, 52.0, 10.0, 5.0])
    assert folded.stddev == 4.0 and folded.clique == ("col0",)
    assert untouched is measured


def test_each_column_judges_missing_and_other_against_its_own_measurements_noise():
    # Setup: 12 columns share MST's one-column budget, so each count's deviation is sqrt(12) times the base one
    rng = np.random.default_rng(0)
    codes = rng.integers(0, 3, (3_000, 12))
    model = mst(Noise(0, reproducible=True))
    np.random.seed(0)

    # Run
    model.run(codes, [4] * 12, rho=0.05, iterations=10)

    # Assert
    base = math.sqrt(3.0 / (2 * 0.05))
    assert all(column.sigma == pytest.approx(base * math.sqrt(12)) for column in model.columns)


def test_outer_bins_that_noise_alone_filled_are_not_drawn_and_real_tails_are():
    # Setup: ten bins of 2,000 rows; bins 0-1 and 8-9 are empty (noise only, deviation 3); bin 7 holds 60 rows
    noisy = np.array([4.0, -2.0, 300.0, 600.0, 500.0, 300.0, 236.0, 60.0, 5.0, 3.0, -1.0])
    binned = Column(np.ones(11, bool), noisy, 3.0, (10,), tail_rows=20.0)
    as_values = Column(np.ones(11, bool), noisy, 3.0, (10,))
    np.random.seed(3)

    # Run
    codes = binned.decode(np.array([0, 1, 8, 9] * 50 + [7] * 10))

    # Assert: rows drawn in the empty outer bins go to bins that hold rows; a category column is never trimmed
    assert binned.allowed.tolist() == [False, False] + [True] * 6 + [False, False, False]
    assert set(codes) <= set(range(2, 8))
    assert as_values.allowed[:10].all()


def test_trimming_stops_at_the_first_outer_run_that_stands_out():
    # Setup: bin 9 stands out alone (8 > 2 deviations of 3); bin 8 drew negative noise, so bins 8-9 together (2.0)
    # fall back under the threshold: cutting past bin 9 would cut a real tail (vega_stocks' high prices)
    noisy = np.array([300.0, 600.0, 500.0, 300.0, 236.0, 60.0, 30.0, 20.0, -6.0, 8.0, 0.0])
    binned = Column(np.ones(11, bool), noisy, 3.0, (10,), tail_rows=20.0)

    # Run
    allowed = binned.allowed

    # Assert
    assert allowed[:10].all()


def test_a_number_columns_rare_bins_stay_apart_while_rare_categories_share_the_catch_all():
    # Setup: column 0 is 10 bins in order and 'missing', its outer bins rare; column 1 a category of 5 values and
    # 'missing', two of them rare
    rng = np.random.default_rng(0)
    bins = np.clip(rng.normal(4.5, 1.2, 400).round(), 0, 9).astype(int)
    values = np.concatenate([rng.choice(3, 398, p=[0.5, 0.3, 0.2]), [3, 4]])  # values 3 and 4: one row each
    model = mst(Noise(0, reproducible=True))

    # Run
    np.random.seed(0)
    model.run(np.column_stack([bins, values]), [11, 6], 1.0, 20, ordinal=[0])

    # Assert: every code of column 0 kept apart (no catch-all); column 1's rare values joined
    assert model.kept["col0"].all()
    assert model.kept["col1"][:3].all() and not model.kept["col1"][3:].any()


def test_a_coarsened_pair_is_counted_again_finely_where_its_coarse_cells_stand_out(monkeypatch):
    from synth.generators.dp_marginals.coarse import pair_matrix
    from synth.generators.dp_marginals.mst import REFINE_DEVIATIONS, _refined

    # Setup: 4 x 4 fine cells joined into 2 x 2 coarse ones; the rows lie on the diagonal of the first coarse cell
    drawn = []
    original = Noise.gaussian

    def recording(self, sigma, size):
        drawn.append((sigma, size))
        return original(self, sigma, size)

    monkeypatch.setattr(Noise, "gaussian", recording)
    matrix = pair_matrix(np.array([0, 0, 1, 1]), np.array([0, 0, 1, 1]))
    fine = np.zeros(16)
    fine[[0, 5]] = 200.0

    # Run
    found = _refined(fine, matrix, 1.0, Noise(0, reproducible=True), ("a", "b"))
    empty = _refined(np.zeros(16), matrix, 1.0, Noise(0, reproducible=True), ("a", "b"))

    # Assert: two steps of half the pair's rho each (deviation x sqrt 2), so the pair spends what one count did
    assert [size for _, size in drawn] == [4, 4, 4, 4]
    assert all(sigma == pytest.approx(math.sqrt(2.0)) for sigma, _ in drawn)
    assert sum(1 / (2 * sigma**2) for sigma, _ in drawn[:2]) == pytest.approx(1 / 2)
    # the second step counts the four fine cells of the coarse cell that stood out, each once
    picked = found[1].query.matrix
    assert picked.sum(axis=0).max() == 1
    assert set(np.flatnonzero(picked.sum(axis=0))) == {0, 1, 4, 5}
    assert found[0].noisy_measurement[0] > REFINE_DEVIATIONS * math.sqrt(2.0)
    # where no coarse cell stands out, the coarse cells are counted again
    assert np.array_equal(empty[1].query.matrix[: len(matrix)], matrix) and not empty[1].query.matrix[4:].any()
    # either way the second step's query has one shape (the compiled fitting step is reused), its unused rows zero
    assert found[1].query.matrix.shape == empty[1].query.matrix.shape == (16, 16)
    assert not found[1].noisy_measurement[4:].any() and not empty[1].noisy_measurement[4:].any()


def test_a_number_columns_exact_zeros_are_no_bin_to_trim_and_always_come_back():
    # Setup: zeros first (code 0), then six bins whose two lowest hold only noise; then zeros MST counted faintly
    noisy = np.array([500.0, 0.4, -0.3, 80.0, 120.0, 90.0, 60.0, 0.0])
    column = Column(np.ones(8, bool), noisy, 1.0, special_codes(8, (), "Other"), tail_rows=5.0, points=(0,))
    faint = Column(np.ones(8, bool), np.where(np.arange(8) == 0, 1.0, noisy), 1.0, (7,), tail_rows=5.0, points=(0,))

    # Run
    allowed, faint_allowed = column.allowed, faint.allowed

    # Assert: the quiet low bins are trimmed past the zeros (their loud count had stopped the trimming); zeros whose
    # look-up count stood out come back though MST's noisier count of them is faint (the record names them)
    assert list(allowed) == [True, False, False, True, True, True, True, False]
    assert faint_allowed[0] and not faint_allowed[1:3].any() and faint_allowed[3:7].all()
