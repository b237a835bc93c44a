"""The budget split, the private look at category values and at ranges."""

from dataclasses import replace

import numpy as np
import pytest

from synth.generators.dp_marginals.budget import (
    LOOKUP_SHARE,
    Noise,
    common_values,
    rho_for,
    split_budget,
    yes_no_spelling,
)
from synth.generators.dp_marginals.ranges import zoom_cost
from synth.yes_no import boolean_spellings


def test_the_split_spends_exactly_the_whole_budget_and_gives_unused_parts_to_the_marginals():
    # Setup
    whole = rho_for(1.0, 1e-7 * 0.9)

    # Run
    split = split_budget(1.0, 1e-7, categories=2, ranges=3, rows=1_000)
    nothing_to_find = split_budget(1.0, 1e-7, categories=0, ranges=0)

    # Assert
    assert split.rho == pytest.approx(whole)
    assert split.marginals_rho + split.lookup_rho * 5 == pytest.approx(split.rho)
    assert split.threshold_delta * 2 == pytest.approx(1e-8)
    assert nothing_to_find.marginals_rho == nothing_to_find.rho == pytest.approx(rho_for(1.0, 1e-7))
    assert split.describe()["columns_looked_up"] == 5
    assert split.describe()["lookup_share"] == pytest.approx(split.lookup_rho * 5 / split.rho)


def test_a_larger_epsilon_buys_a_larger_rho():
    # Run / Assert
    assert rho_for(0.1, 1e-7) < rho_for(1.0, 1e-7) < rho_for(10.0, 1e-7)


def test_common_values_are_named_and_a_value_one_row_holds_is_not():
    # Setup
    counts = {"common": 5_000, "also common": 3_000, "one person": 1}

    # Run
    named = common_values(counts, rho=0.01, delta=1e-9, noise=Noise(0, reproducible=True))

    # Assert: the names come with their released noisy counts (sigma about 7 here)
    assert list(named) == ["also common", "common"]
    assert named["common"] == pytest.approx(5_000, abs=50) and named["also common"] == pytest.approx(3_000, abs=50)


def test_secret_noise_differs_between_runs_and_reproducible_noise_does_not():
    # Run
    secret = [Noise(0, reproducible=False).gaussian(1.0, 5) for _ in range(2)]
    repeated = [Noise(0, reproducible=True).gaussian(1.0, 5) for _ in range(2)]

    # Assert
    assert not np.array_equal(*secret)
    assert np.array_equal(*repeated)
    assert secret[0].shape == (5,)


def test_the_look_up_share_grows_on_small_tables_and_at_small_epsilon_within_its_bounds():
    # Run: four columns looked up each time
    large_table = split_budget(10.0, 1e-7, categories=2, ranges=2, rows=100_000)
    small_table = split_budget(10.0, 1e-7, categories=2, ranges=2, rows=50)
    small_epsilon = split_budget(1.0, 1e-7, categories=2, ranges=2, rows=1_000)
    middle = split_budget(10.0, 1e-7, categories=2, ranges=2, rows=800)
    narrow = split_budget(10.0, 1e-7, categories=1, ranges=1, rows=50)

    # Assert
    least, most = LOOKUP_SHARE
    assert large_table.lookup_share == pytest.approx(least)
    assert small_table.lookup_share == small_epsilon.lookup_share == pytest.approx(most)
    assert least < middle.lookup_share < most
    assert narrow.lookup_share == pytest.approx(most / 2)  # two look-ups take what two of four would
    for split in (large_table, small_table, small_epsilon, middle, narrow):
        assert split.marginals_rho + split.lookup_rho * split.lookups == pytest.approx(split.rho)
        assert split.describe()["lookup_share"] == pytest.approx(split.lookup_share, abs=1e-6)


def test_zooms_are_paid_from_the_marginals_and_the_whole_is_never_passed():
    # Setup: every one of 6 ranges zoomed into, on a small table where the look-ups take their largest share
    split = split_budget(1.0, 1e-7, categories=2, ranges=6, rows=50)

    # Run
    zoomed = replace(split, zooms=6)

    # Assert: each zoom costs one more look's rho, the marginals keep the rest, and the record says how many
    assert zoomed.marginals_rho == pytest.approx(split.marginals_rho - 6 * zoom_cost(split.lookup_rho))
    assert 0 < zoomed.marginals_rho < split.marginals_rho
    assert zoomed.marginals_rho + zoomed.lookup_rho * 8 + 6 * zoom_cost(split.lookup_rho) == pytest.approx(split.rho)
    assert zoomed.describe()["range_zooms"].startswith("6 ")


def test_a_yes_no_columns_spelling_is_picked_from_the_public_list_never_read_from_a_rare_cell():
    # Setup: 120 answers at a small table's look-up rho (noise deviation about 14 a count); over 200 seeds each was
    # picked right 97% (t/n) to 100% of the time
    rho = 0.0025
    spelled = {
        "lower": {"yes": 36, "no": 84},
        "title, spaces around": {"Yes ": 40, " No": 80},
        "one odd cell": {"Y": 60, "N": 59, "maybe so": 1},
        "words of two pairs": {"t": 140, "n": 100},  # a chess feature of skt_kr_vs_kp: 't' with 'n', not 'f'
        "few yes": {"False": 110, "True": 10},
        "spanish, 240 rows": {"si": 100, "no": 140},  # 'no' is listed first with 'yes': 'si' must stand clear
    }

    # Run
    picked = {
        name: [yes_no_spelling(counts, rho, Noise(seed, reproducible=True)).pair for seed in range(40)]
        for name, counts in spelled.items()
    }

    # Assert: the real pair; never a spelling outside the list
    assert picked["lower"].count(("yes", "no")) >= 39
    assert picked["title, spaces around"].count(("Yes", "No")) >= 39
    assert picked["one odd cell"].count(("Y", "N")) >= 39
    assert picked["words of two pairs"].count(("t", "n")) >= 36
    assert picked["spanish, 240 rows"].count(("si", "no")) >= 38
    assert picked["few yes"].count(("True", "False")) >= 39  # ten cells, yet spelled as the side they go with
    listed = {word for pair in boolean_spellings() for word in pair}
    assert all(set(pair) <= listed for pairs in picked.values() for pair in pairs)


def test_a_minority_answer_in_another_language_keeps_its_word_and_noise_alone_picks_no_foreign_word():
    # Setup: the walk's smoker column (Si 91, No 209 of 300) at epsilon 1's look-up rho (noise deviation 25) came back
    # No/Yes three times in four ('Yes' is listed first with 'No'); at epsilon 0.1 (deviation 250) as 'Falsch' or 'WAHR'
    said = {"Si": 91, "No": 209}

    # Run
    usual = [yes_no_spelling(said, 0.0008, Noise(seed, reproducible=True)) for seed in range(100)]
    tiny = [yes_no_spelling(said, 0.000008, Noise(seed, reproducible=True)) for seed in range(100)]

    # Assert
    assert sum(s.pair == ("Si", "No") for s in usual) >= 60  # 29 of 100 before
    assert sum(s.pair == ("Yes", "No") and s.guessed for s in tiny) >= 85  # 13 of 100 before, the rest any word
    assert all(np.isnan(s.counts).all() for s in tiny if s.guessed)  # a guessed spelling's counts are not reused


def test_a_flag_read_as_numbers_is_spelled_1_0_and_one_answer_keeps_its_listed_partner():
    # Setup: a 0/1 flag with blanks is read as 1.0/0.0 (unlisted words: always 'guessed' before, found by the
    # review); a column of 'No' alone, whose partners 'Yes', 'Si', 'Sí' are all noise
    flag, alone = {"1.0": 240, "0.0": 120}, {"No": 300}

    # Run
    flags = [yes_no_spelling(flag, 0.0025, Noise(seed, reproducible=True)) for seed in range(40)]
    lonely = [yes_no_spelling(alone, 0.0025, Noise(seed, reproducible=True)).pair for seed in range(400)]

    # Assert
    assert all(s.pair == ("1", "0") and not s.guessed for s in flags)
    assert lonely.count(("Yes", "No")) >= 385  # a noisy partner must stand out too: about 2% of runs, 4% without


def test_a_yes_no_pick_releases_each_answers_rows_summed_over_the_cases_of_its_word():
    # Setup: a column mixing cases, 300 rows; noise deviation 1 a count
    counts = {"Yes": 100, "yes": 50, "no": 150}

    # Run
    picked = [yes_no_spelling(counts, 0.5, Noise(seed, reproducible=True)) for seed in range(30)]

    # Assert: unbiased for each answer (every case of the picked word counted), the deviation of three cases
    assert np.mean([p.counts[0] for p in picked]) == pytest.approx(150, abs=1.5)
    assert np.mean([p.counts[1] for p in picked]) == pytest.approx(150, abs=1.5)
    assert all(p.deviation == pytest.approx(3**0.5) for p in picked)


def test_a_yes_no_pick_releases_no_counts_where_other_words_of_a_side_stand_out():
    # Setup: 'n' beside 'no' (all coded 'no' by meaning): the picked words' counts would miss the 'n' cells
    mixed, plain = {"yes": 100, "no": 100, "n": 100}, {"yes": 150, "no": 150}

    # Run
    picked = [yes_no_spelling(counts, 0.5, Noise(0, reproducible=True)) for counts in (mixed, plain)]

    # Assert
    assert np.isnan(picked[0].counts).all() and np.isfinite(picked[1].counts).all()


def test_one_answer_only_keeps_the_word_listed_with_it_and_unlisted_spellings_are_never_reused_as_counts():
    # Setup: the review found ('yes', 'NEIN') for a column of 'yes' alone (the margin did not count the ~20 other
    # words of a side), and cells such as 'yEs' coded yes but missing from the counts reused as the column's
    alone, unlisted = {"yes": 120}, {"yEs": 100, "no": 100}

    # Run
    lonely = [yes_no_spelling(alone, 0.0025, Noise(seed, reproducible=True)).pair for seed in range(200)]
    odd = [yes_no_spelling(unlisted, 0.5, Noise(seed, reproducible=True)) for seed in range(20)]

    # Assert
    assert set(lonely) == {("yes", "no")}
    assert all(spelling.pair == ("yes", "no") and np.isnan(spelling.counts).all() for spelling in odd)
