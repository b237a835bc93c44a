"""Fidelity findings by column and pair: a fresh sample is good, a planted drift names its column; worst first."""

import pandas as pd

from synth.column_verdicts import column_verdicts, table_fidelity, worst_first
from synth.evaluate import evaluate
from synth.judging import GOOD, POOR


def _tables(small_table: pd.DataFrame):
    kinds = {"height": "decimal", "weight": "decimal", "visits": "integer", "city": "category"}
    real = small_table[list(kinds)]
    return real.iloc[::2].reset_index(drop=True), real.iloc[1::2].reset_index(drop=True), kinds


def test_a_fresh_sample_is_good_in_every_column(small_table):
    # Setup
    training, holdout, kinds = _tables(small_table)

    # Run
    verdicts, findings = column_verdicts(evaluate(training, holdout, kinds, holdout=holdout))

    # Assert
    assert {v.verdict for v in verdicts.values()} == {GOOD} and findings == []


def test_a_shifted_column_is_named_in_its_own_verdict_and_the_table_quality_stands(small_table):
    # Setup: every height 40 higher (four standard deviations)
    training, holdout, kinds = _tables(small_table)
    shifted = holdout.assign(height=holdout["height"] + 40)

    # Run
    evaluation = evaluate(training, shifted, kinds, holdout=holdout)
    verdicts, findings = column_verdicts(evaluation)

    # Assert
    assert verdicts["height"].verdict != GOOD and all("'height'" in r for r in verdicts["height"].reasons)
    assert verdicts["city"].verdict == GOOD
    assert any("'height'" in f.reason for f in findings)
    assert all(f.reason.startswith(("Overall quality", "A classifier")) for f in table_fidelity(evaluation))


def test_columns_are_listed_worst_verdict_first_then_lowest_score():
    # Setup
    columns = {
        "a": {"verdict": "good", "score": 0.7},
        "b": {"verdict": "poor", "score": 0.9},
        "c": {"verdict": "good", "score": 0.5},
        "d": {"verdict": "check", "score": None},
    }

    # Run / Assert
    assert worst_first(columns) == ["b", "d", "c", "a"]


def test_a_near_constant_column_like_a_fresh_samples_is_good_and_no_reason_says_nan(small_table):
    # Setup: as in the digits table's edge pixels, a column 0 but in two learned rows; the unseen rows and the
    # synthetic ones (which never output rare values) are all 0, so their spread and links are undefined alike
    training, holdout, kinds = _tables(small_table)
    training = training.assign(edge=[1, 2] + [0] * (len(training) - 2))
    holdout, synthetic = holdout.assign(edge=0), holdout.assign(edge=0)
    # and one whose unseen rows are all 0 while the synthetic ones vary: its links have no fresh score (NaN)
    training = training.assign(rim=training["edge"])
    holdout = holdout.assign(rim=0)
    synthetic = synthetic.assign(rim=(synthetic["height"] > synthetic["height"].median()) * 5)  # a link invented
    kinds = {**kinds, "edge": "integer", "rim": "integer"}

    # Run
    verdicts, findings = column_verdicts(evaluate(training, synthetic, kinds, holdout=holdout))

    # Assert
    assert verdicts["edge"].verdict == GOOD, verdicts["edge"].reasons
    assert any("'height' and 'rim'" in f.reason for f in findings)  # the invented link is still found
    assert not [f.reason for f in findings if "nan" in f.reason]


def test_without_a_holdout_repeats_are_set_beside_the_real_rows_not_a_fresh_sample():
    # Setup: a year column, one row a year (as in statsmodels' longley), made with every value twice
    real = pd.DataFrame({"year": range(1947, 1963), "value": range(16)})
    synthetic = pd.DataFrame({"year": [y for y in range(1947, 1955) for _ in (0, 1)], "value": range(16)})
    kinds = {"year": "integer", "value": "integer"}

    # Run
    verdicts, _ = column_verdicts(evaluate(real, synthetic, kinds))

    # Assert: the yardstick is named for what it is
    reasons = " ".join(verdicts["year"].reasons)
    assert "repeat another one (the real rows: 0%)" in reasons and "fresh" not in reasons


def _gales(rows: slice) -> tuple[pd.DataFrame, dict[str, str]]:
    """Seattle weather rows with a gale-day flag (wind of 8.2 m/s or more): 1 on one day of the first 300."""
    from tests.unit.conftest import demo

    real, kinds = demo("seattle_weather")
    real = real.iloc[rows].reset_index(drop=True)
    return real.assign(gale=(real["wind"] >= 8.2).astype(int)), {**kinds, "gale": "integer"}


def test_a_near_constant_column_far_off_is_not_good_when_the_fresh_sample_takes_a_single_value():
    # Setup: the learned rows have one gale day in 300, the 200 unseen rows none (their spread is 0, so the spread
    # ratio's fresh-sample distance is infinite); the synthetic rows are gale days on 60% of the rows
    training, kinds = _gales(slice(0, 300))
    holdout, _ = _gales(slice(400, 600))
    assert training["gale"].sum() == 1 and holdout["gale"].sum() == 0
    synthetic = holdout.assign(gale=[1] * 120 + [0] * 80)

    # Run
    verdicts, findings = column_verdicts(evaluate(training, synthetic, kinds, holdout=holdout))

    # Assert: beside the shape, the common value's share is judged, and found far off
    about_share = [f for f in findings if "'gale'" in f.reason and "most common real value" in f.reason]
    assert about_share and about_share[0].grade == POOR, [f.reason for f in findings]
    assert "in 40.0% of synthetic rows, against 99.7% of real rows (a fresh real sample: 100.0%)" in (
        about_share[0].reason
    )
    assert verdicts["gale"].verdict == POOR


def test_a_near_constant_column_flattened_is_good_when_a_real_half_could_be_single_valued_too():
    # Setup: 300 rows, no holdout (the halves yardstick); one gale day, which no generator should reproduce
    real, kinds = _gales(slice(0, 300))
    flattened = real.assign(gale=0)
    # a flag on 18 days in 300 (6%) is another matter: no real half of it comes out single-valued
    windy = real.assign(gale=(real["wind"] >= 6).astype(int))
    assert windy["gale"].sum() == 18

    # Run
    verdicts, _ = column_verdicts(evaluate(real, flattened, kinds))
    windy_verdicts, _ = column_verdicts(evaluate(windy, flattened, kinds))
    with_holdout, _ = column_verdicts(evaluate(real, flattened, kinds, holdout=_gales(slice(400, 600))[0]))

    # Assert
    assert verdicts["gale"].verdict == GOOD, verdicts["gale"].reasons
    assert with_holdout["gale"].verdict == GOOD, with_holdout["gale"].reasons
    assert windy_verdicts["gale"].verdict != GOOD
    assert any("takes a single value" in r for r in windy_verdicts["gale"].reasons)


def test_a_column_empty_in_the_real_rows_is_in_no_link_finding(small_table):
    # Setup: an empty notes column beside a city made all 'Lyon' (the city's own finding, not a link's)
    training, holdout, kinds = _tables(small_table)
    kinds = {**kinds, "notes": "category"}
    training, holdout = (frame.assign(notes=None) for frame in (training, holdout))
    flattened = holdout.assign(city="Lyon")

    # Run
    _, findings = column_verdicts(evaluate(training, flattened, kinds, holdout=holdout))

    # Assert
    assert any("'city'" in f.reason for f in findings)
    assert not [f.reason for f in findings if "'notes'" in f.reason]


def _statuses(active: float, seed: int) -> pd.DataFrame:
    """400 accounts: 'ACTIVE' in about `active` of them, the rest one of 200 rare closing codes."""
    import numpy as np

    rng = np.random.default_rng(seed)
    codes = [f"R{i:03d}" for i in rng.integers(0, 200, 400)]
    return pd.DataFrame({"status": np.where(rng.random(400) < active, "ACTIVE", codes), "x": rng.normal(size=400)})


def test_a_common_value_whose_share_doubles_is_named_though_the_shape_score_is_like_two_real_halves():
    # Setup: 41% 'ACTIVE' in the real rows, 84% in the synthetic ones (before: good, as two real halves share few
    # of their 200 rare codes, their total variation is as large)
    kinds = {"status": "category", "x": "decimal"}

    # Run
    verdicts, _ = column_verdicts(evaluate(_statuses(0.41, 0), _statuses(0.84, 1), kinds))

    # Assert
    assert verdicts["status"].verdict == POOR
    assert verdicts["status"].reasons[0].startswith("Column 'status' has 'ACTIVE' in 8")
    assert "of real rows (half the real rows against the other half: " in verdicts["status"].reasons[0]


def test_common_values_in_their_real_shares_are_good_without_or_with_a_holdout():
    # Setup
    kinds = {"status": "category", "x": "decimal"}
    real, fresh, holdout = _statuses(0.41, 0), _statuses(0.41, 1), _statuses(0.41, 2)

    # Run
    halves, _ = column_verdicts(evaluate(real, fresh, kinds))
    kept, _ = column_verdicts(evaluate(real, fresh, kinds, holdout=holdout))

    # Assert
    assert halves["status"].verdict == GOOD and kept["status"].verdict == GOOD
