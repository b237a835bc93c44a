"""The one verdict rule: a fresh real sample is good, planted defects are not, and every reason names its column."""

import numpy as np
import pandas as pd
import pytest

from synth.evaluate import evaluate
from synth.verdict import CHECK, GOOD, POOR, column_figures, decide, worst_first


@pytest.fixture(scope="module")
def halves():
    from tests.unit.conftest import demo

    real, kinds = demo("seattle_weather")
    return real.iloc[::2].reset_index(drop=True), real.iloc[1::2].reset_index(drop=True), kinds


def test_a_fresh_real_sample_is_ready_to_share_on_both(halves):
    # Setup
    training, holdout, kinds = halves

    # Run
    verdict = decide(evaluate(training, holdout, kinds, holdout=holdout), {"table": "w.csv", "rows": 730})

    # Assert
    assert (verdict.fidelity, verdict.privacy) == (GOOD, GOOD)
    assert set(c.verdict for c in verdict.columns.values()) == {GOOD}
    assert "beyond what a fresh real sample shows" in verdict.fidelity_reasons[0] + verdict.privacy_reasons[0]
    assert "w.csv (730 synthetic rows made elsewhere)" in verdict.line("fidelity")
    named = decide(
        evaluate(training, holdout, kinds),
        {"table": "w.csv", "rows": 9, "generator": "gaussian_copula", "generator_label": "Gaussian copula (SDV)"},
    )
    assert "w.csv (9 synthetic rows by Gaussian copula (SDV))" in named.line("fidelity")  # the report's words
    assert verdict.line("privacy").startswith("Privacy: Ready to share for w.csv")


def test_a_tail_pile_up_is_never_good_whatever_its_ks_score(halves):
    # Setup: a tenth of the wind values at the maximum
    training, holdout, kinds = halves
    piled = holdout.copy()
    piled.loc[piled.index[:73], "wind"] = training["wind"].max()

    # Run
    evaluation = evaluate(training, piled, kinds, holdout=holdout)
    verdict = decide(evaluation)

    # Assert
    assert evaluation.columns["wind"]["score"] > 0.85  # KS barely moves
    assert verdict.columns["wind"].verdict != GOOD and verdict.fidelity != GOOD
    assert "'wind'" in verdict.fidelity_reasons[0] and "a fresh real sample" in verdict.fidelity_reasons[0]
    assert verdict.privacy == GOOD


def test_a_shuffled_column_breaks_its_links(halves):
    # Setup
    training, holdout, kinds = halves
    shuffled = holdout.assign(temp_min=holdout["temp_min"].sample(frac=1.0, random_state=0).to_numpy())

    # Run
    verdict = decide(evaluate(training, shuffled, kinds, holdout=holdout))

    # Assert
    assert verdict.fidelity in (CHECK, POOR) and verdict.columns["temp_min"].verdict != GOOD
    assert any("temp_min" in r and "link" in r for r in verdict.fidelity_reasons)


def test_distinct_years_replaced_by_random_years_leave_good_though_shape_and_links_hold():
    # Setup: one row per year (as sunspot counts are), split in two; the synthetic years uniform over the same range
    rng = np.random.default_rng(0)
    years = rng.permutation(np.arange(1700, 2010))
    table = pd.DataFrame({"year": years, "activity": rng.gamma(2.0, 20.0, len(years)).round(1)})
    training, holdout = table.iloc[::2].reset_index(drop=True), table.iloc[1::2].reset_index(drop=True)
    drawn = holdout.assign(year=rng.integers(1700, 2010, len(holdout)))
    kinds = {"year": "integer", "activity": "decimal"}

    # Run
    clean = decide(evaluate(training, holdout, kinds, holdout=holdout))
    unrelated = decide(evaluate(training, drawn, kinds, holdout=holdout))

    # Assert
    assert clean.fidelity == GOOD and clean.columns["year"].verdict == GOOD
    assert unrelated.fidelity != GOOD and unrelated.columns["year"].verdict != GOOD
    assert "'year'" in unrelated.fidelity_reasons[0] and "repeat" in unrelated.fidelity_reasons[0]


def test_copied_rows_and_a_learned_identifier_turn_privacy_red_with_the_column_named():
    # Setup
    rng = np.random.default_rng(0)
    numbers = rng.choice(np.arange(1_000_000, 9_000_000), 600, replace=False).astype(float)
    table = pd.DataFrame({"customer": numbers, "spend": rng.gamma(2, 30, 600), "shop": rng.choice(["a", "b"], 600)})
    kinds = {"customer": "integer", "spend": "decimal", "shop": "category"}
    training, holdout = table.iloc[:300].reset_index(drop=True), table.iloc[300:].reset_index(drop=True)
    identifiers = holdout.assign(customer=training["customer"].to_numpy())
    copies = pd.concat([training.head(150), holdout.head(150)], ignore_index=True)

    # Run
    leaked = decide(evaluate(training, identifiers, kinds, holdout=holdout))
    copied = decide(evaluate(training, copies, kinds, holdout=holdout))

    # Assert
    assert leaked.privacy == POOR and "'customer'" in leaked.privacy_reasons[0]
    assert "real identifiers" in leaked.privacy_reasons[0]
    assert copied.privacy == POOR and "exact copies" in " ".join(copied.privacy_reasons)


def test_repeated_real_rows_are_judged_against_what_a_fresh_sample_repeats():
    # Setup: few-valued columns, so real rows repeat across the halves
    rng = np.random.default_rng(1)
    table = pd.DataFrame({"a": rng.integers(0, 3, 2000).astype(float), "b": rng.choice(["x", "y"], 2000)})
    kinds = {"a": "integer", "b": "category"}
    training, holdout = table.iloc[:1000], table.iloc[1000:]

    # Run
    verdict = decide(evaluate(training, holdout, kinds, holdout=holdout))

    # Assert
    assert verdict.privacy == GOOD  # every row is a "copy", as in any fresh sample


def test_without_a_holdout_fixed_floors_decide(halves):
    # Setup
    training, holdout, kinds = halves
    shifted = holdout.assign(temp_max=holdout["temp_max"] + 0.5 * training["temp_max"].std())

    # Run
    clean = decide(evaluate(training, holdout, kinds))
    drifted = decide(evaluate(training, shifted, kinds))

    # Assert: the good verdict names the yardstick it had (no fresh sample was kept aside)
    assert clean.fidelity == GOOD
    assert drifted.columns["temp_max"].verdict != GOOD and "average shifted" in " ".join(drifted.fidelity_reasons)
    assert "one half of the real rows against the other" in clean.fidelity_reasons[0]
    assert clean.privacy == GOOD and "fresh" not in clean.privacy_reasons[0]


def test_column_figures_carry_the_verdict_and_sort_worst_first(halves):
    # Setup
    training, holdout, kinds = halves
    far = holdout.assign(wind=holdout["wind"] * 3)
    evaluation = evaluate(training, far, kinds, holdout=holdout)

    # Run
    verdict = decide(evaluation)
    figures = column_figures(evaluation, verdict)

    # Assert
    assert worst_first(figures)[0] == "wind"
    assert figures["wind"]["verdict"] == POOR and figures["wind"]["verdict_reasons"]
    assert {"beyond_tails", "holdout_beyond_tails", "mean_shift", "spread_ratio", "holdout_score"} <= set(
        figures["wind"]
    )
    assert figures["weather"]["verdict"] == GOOD and "beyond_tails" not in figures["weather"]
    assert verdict.as_json()["fidelity"] == POOR and verdict.as_json()["reasons"][0].startswith("Fidelity: ")


@pytest.fixture(scope="module")
def thirds():
    from tests.unit.conftest import demo

    real, kinds = demo("seattle_weather")
    real = real.sample(frac=1.0, random_state=0).reset_index(drop=True)
    return real.iloc[:700], real.iloc[700:1100], real.iloc[1100:], kinds


def test_measured_attack_risks_feed_the_privacy_verdict_only_beyond_chance(thirds):
    # Setup
    from synth.evaluate.attack_risks import attack_risks
    from synth.verdict import attack_findings

    training, control, fresh, kinds = thirds

    # Run
    copied = attack_findings(attack_risks(training, control, training.copy(), kinds, n_attacks=300, seed=0))
    unseen = attack_findings(attack_risks(training, control, fresh, kinds, n_attacks=300, seed=0))
    evaluation = evaluate(training, fresh, kinds, holdout=control, extras=("attacks",))
    measured = decide(evaluation)

    # Assert
    assert copied and all(finding.grade == POOR for finding in copied)
    assert any("singling out" in finding.reason for finding in copied)
    assert unseen == []
    assert "attacks" in evaluation.results and measured.privacy == GOOD


def test_a_differential_privacy_guarantee_is_named_with_its_epsilon(halves):
    # Setup
    training, holdout, kinds = halves
    evaluation = evaluate(training, holdout, kinds, holdout=holdout)
    guarantee = {"epsilon": 3.0, "delta": 1e-7}

    # Run
    private = decide(evaluation, {"rows": 730, "generator": "dp_marginals", "privacy_guarantee": guarantee})
    screened = decide(evaluation, {"rows": 730})

    # Assert
    assert private.privacy_reasons[0].startswith("A differential privacy guarantee holds at epsilon 3 (delta 1e-07)")
    assert "not proof of anonymity" not in " ".join(private.privacy_reasons)
    assert not any("differential privacy" in reason for reason in screened.privacy_reasons)


def test_a_guarantee_limited_by_a_written_seed_or_a_large_delta_is_check_first_and_says_why(halves):
    # Setup: the walk saw "Ready to share ... a differential privacy guarantee holds" with the noise drawn from a seed
    # printed in the settings file, and with delta 0.001 on 4,000 rows (delta x rows = 4)
    training, holdout, kinds = halves
    evaluation = evaluate(training, holdout, kinds, holdout=holdout)
    secret = {"epsilon": 1.0, "delta": 1e-7, "noise": "secret"}
    seeded = {**secret, "noise": "reproducible from the seed (keep the seed secret)"}
    loose = {**secret, "delta": 1e-3}

    # Run
    sound, from_seed, wide = (
        decide(evaluation, {"rows": 730, "learned_rows": 4_000, "privacy_guarantee": g})
        for g in (secret, seeded, loose)
    )

    # Assert
    assert sound.privacy == GOOD and len(sound.privacy_reasons) == 1
    assert from_seed.privacy == CHECK
    assert from_seed.privacy_reasons[1].startswith("Its noise was drawn from the seed (noise: reproducible)")
    assert wide.privacy == CHECK
    assert wide.privacy_reasons[1].startswith("Its delta, 0.001, is not far below one over the 4,000 rows")
    assert "Choose a delta of 1e-07 or smaller" in wide.privacy_reasons[1]


def test_the_privacy_verdict_says_how_strong_the_stated_epsilon_is(halves):
    # Setup: the walk saw the same words at epsilon 1 and 10 while the generator card called 10 weaker
    training, holdout, kinds = halves
    evaluation = evaluate(training, holdout, kinds, holdout=holdout)

    # Run
    said = {
        epsilon: decide(evaluation, {"rows": 730, "privacy_guarantee": {"epsilon": epsilon, "delta": 1e-7}})
        for epsilon in (0.5, 1.0, 3.0, 10.0)
    }

    # Assert
    first = {epsilon: verdict.privacy_reasons[0] for epsilon, verdict in said.items()}
    assert "strong protection" in first[0.5] and "strong protection" in first[1.0]
    assert "moderate protection" in first[3.0]
    assert "weaker protection, though still bounded" in first[10.0]
    assert len({first[1.0], first[3.0], first[10.0]}) == 3
    assert all(verdict.privacy == said[1.0].privacy for verdict in said.values())  # words added, verdict unchanged


def test_without_a_holdout_a_many_valued_column_is_judged_against_two_real_halves():
    # Setup: the cars demo (406 rows, no holdout): 'Name' holds 311 car names, so its links score low even between
    # two real samples; a real sample standing in for the synthetic table must still be good
    from tests.unit.conftest import demo

    real, kinds = demo("cars")
    training, fresh = real.iloc[::2].reset_index(drop=True), real.iloc[1::2].reset_index(drop=True)
    shuffled = fresh.assign(Cylinders=fresh["Cylinders"].sample(frac=1.0, random_state=0).to_numpy())

    # Run
    evaluation = evaluate(training, fresh, kinds)
    clean, broken = decide(evaluation), decide(evaluate(training, shuffled, kinds))

    # Assert
    name_pairs = [p["score"] for p in evaluation.quality.pairs if "Name" in (p["column_1"], p["column_2"])]
    assert evaluation.halves is not None and min(name_pairs) < 0.6  # the old fixed floor called these poor
    assert clean.fidelity == GOOD, clean.fidelity_reasons
    assert broken.fidelity != GOOD and broken.columns["Cylinders"].verdict != GOOD
    assert any("Cylinders" in r and "half the real rows" in r for r in broken.fidelity_reasons)


def test_a_verdict_whose_figures_are_still_being_measured_is_never_good(halves):
    # Setup: a fresh real sample, good on both once every figure is in
    training, holdout, kinds = halves
    shown = evaluate(training, holdout, kinds, holdout=holdout, later=("detection", "dcr"), extras=("detection", "dcr"))

    # Run
    verdict = decide(shown, {"table": "w.csv", "rows": 730})

    # Assert: "check", saying what is missing, and nothing claimed about it
    assert (verdict.fidelity, verdict.privacy) == (CHECK, CHECK) and verdict.pending == ("fidelity", "privacy")
    assert verdict.fidelity_reasons == (
        "Not final yet: whether a model can tell synthetic rows from real ones is still being measured.",
    )
    assert verdict.privacy_reasons[0].startswith("Not final yet: how close synthetic rows lie")
    assert len(verdict.privacy_reasons) == 1 and verdict.as_json()["pending"] == ["fidelity", "privacy"]


def test_a_finding_made_before_the_last_figures_stands_and_says_it_is_not_final(halves):
    # Setup: a tenth of the wind values piled at the maximum, the classifier still to come
    training, holdout, kinds = halves
    piled = holdout.copy()
    piled.loc[piled.index[:73], "wind"] = training["wind"].max()

    # Run
    verdict = decide(evaluate(training, piled, kinds, holdout=holdout, extras=("detection",), later=("detection",)))

    # Assert
    assert verdict.fidelity in (CHECK, POOR) and verdict.pending == ("fidelity",)
    assert verdict.fidelity_reasons[0].startswith("Not final yet") and "'wind'" in verdict.fidelity_reasons[1]
    assert verdict.privacy == GOOD and verdict.as_json()["pending"] == ["fidelity"]


def _election() -> tuple[pd.DataFrame, pd.DataFrame, dict[str, str]]:
    """plotly's election table (58 rows, one pair of winner and result seen twice) and a faithful imitation."""
    import plotly.data

    from tests.unit.conftest import perturb

    kinds = {c: "integer" for c in ("Coderre", "Bergeron", "Joly", "total")} | {"winner": "category"}
    real = plotly.data.election()[[*kinds, "result"]].astype({"winner": object, "result": object})
    kinds["result"] = "category"
    numbers = perturb(real, kinds, "noise", seed=3)[["Coderre", "Bergeron", "Joly", "total"]]
    return real, real.assign(**{c: numbers[c].to_numpy() for c in numbers}), kinds


def test_rare_combinations_that_any_fresh_sample_holds_leave_privacy_good_and_the_card_green():
    # Setup: every winner-and-result pair, the rare one (Joly, majority: 2 of 58 rows) included, reappears
    from synth.score_lines import privacy_lines

    real, synthetic, kinds = _election()

    # Run
    evaluation = evaluate(real, synthetic, kinds)
    verdict = decide(evaluation)

    # Assert: the verdict and the card say the same: as many as a fresh real sample of 58 rows holds
    card = next(line for line in privacy_lines(evaluation) if line.label == "Rare combinations reproduced")
    assert card.value == 1.0 and card.light == "green" and "No more than chance" in card.sentence
    assert verdict.privacy == GOOD
    assert "rare combination reappears more often than chance explains" in verdict.privacy_reasons[0]


def test_rare_combinations_reproduced_beyond_chance_turn_privacy_check_and_the_card_amber():
    # Setup: 40 people each with a combination of their own; the synthetic table is exactly those 40 people
    from synth.score_lines import privacy_lines

    real = pd.DataFrame({"code": [f"c{i}" for i in range(40)] + ["common"] * 160, "group": ["g"] * 200})
    kinds = {"code": "category", "group": "category"}
    synthetic = real.iloc[:40].assign(group="g")

    # Run
    evaluation = evaluate(real, synthetic, kinds)
    verdict = decide(evaluation)

    # Assert
    card = next(line for line in privacy_lines(evaluation) if line.label == "Rare combinations reproduced")
    assert card.light == "amber" and "More than chance" in card.sentence
    assert verdict.privacy != GOOD
    assert any("category combinations seen fewer than 5 times" in r for r in verdict.privacy_reasons)


def test_a_private_category_column_with_no_value_named_is_said_first_with_what_to_do(halves):
    # Setup: the walk's barley table at epsilon 1: every 'weather' value came back 'Other' and the verdict named
    # only a shifted year, never why the categories were gone nor that public lists would keep them
    training, holdout, kinds = halves
    evaluation = evaluate(training, holdout.assign(weather="Other"), kinds, holdout=holdout)
    guarantee = {"epsilon": 1.0, "delta": 1e-7, "no_value_named": ["weather"], "ranges_found": []}

    # Run
    private = decide(evaluation, {"rows": 730, "privacy_guarantee": guarantee})
    screened = decide(evaluation, {"rows": 730})

    # Assert
    assert private.fidelity != GOOD
    assert private.fidelity_reasons[0].startswith("Column 'weather' came back as 'Other' in every row: at epsilon 1")
    assert "'Category values' (category_lists) to public" in private.fidelity_reasons[0]
    assert private.columns["weather"].verdict == screened.columns["weather"].verdict  # as grave as its own figures
    assert private.columns["weather"].reasons[0].startswith("Came back as 'Other' in every row")
    assert not any("'Other'" in reason for reason in screened.fidelity_reasons)  # said from the guarantee alone


def test_a_common_category_value_a_private_run_could_not_name_is_said_first_with_what_to_do(halves):
    # Setup: Seattle's 'snow' and 'fog' days came back 'Other' (grouped: named too rarely at epsilon 1), the other
    # weathers as real; the common-share check named 'fog' missing without saying why
    training, holdout, kinds = halves
    made = holdout.assign(weather=holdout["weather"].replace({"fog": "Other", "snow": "Other"}))
    evaluation = evaluate(training, made, kinds, holdout=holdout)
    guarantee = {
        "epsilon": 1.0,
        "delta": 1e-7,
        "no_value_named": [],
        "ranges_found": [],
        "grouped_as_other": ["weather"],
    }

    # Run
    private = decide(evaluation, {"rows": 730, "privacy_guarantee": guarantee})
    screened = decide(evaluation, {"rows": 730})

    # Assert
    assert private.fidelity_reasons[0].startswith("A common value came back as 'Other': 'fog', 28% of the real rows")
    assert "'Category values' (category_lists) to public" in private.fidelity_reasons[0]
    assert screened.fidelity_reasons[0].startswith("Column 'weather' has 'fog' in 0.0% of synthetic rows")


def test_a_private_column_of_which_no_value_was_named_is_said_once_not_again_as_a_lost_common_value(halves):
    # Setup: the generator lists such a column both as named nothing and as grouped as 'Other'
    training, holdout, kinds = halves
    evaluation = evaluate(training, holdout.assign(weather="Other"), kinds, holdout=holdout)
    guarantee = {"epsilon": 1.0, "delta": 1e-7, "no_value_named": ["weather"], "grouped_as_other": ["weather"]}

    # Run
    verdict = decide(evaluation, {"rows": 730, "privacy_guarantee": guarantee})

    # Assert
    assert verdict.fidelity_reasons[0].startswith("Column 'weather' came back as 'Other' in every row")
    assert not any("common value" in reason.lower() for reason in verdict.fidelity_reasons)


def test_a_privately_found_range_that_lands_off_the_real_values_is_said_with_the_known_ranges_option(halves):
    # Setup: 'wind' drawn ten degrees of its spread off (a range found roughly); temp_max as real
    training, holdout, kinds = halves
    moved = holdout.assign(wind=holdout["wind"] + 10 * holdout["wind"].std())
    guarantee = {"epsilon": 1.0, "delta": 1e-7, "no_value_named": [], "ranges_found": ["wind", "temp_max"]}
    record = {"rows": 730, "privacy_guarantee": guarantee}

    # Run
    off = decide(evaluate(training, moved, kinds, holdout=holdout), record)
    fine = decide(evaluate(training, holdout, kinds, holdout=holdout), record)

    # Assert
    assert off.fidelity == POOR
    assert off.fidelity_reasons[0].startswith("Column 'wind' is placed or spread poorly against the real values")
    assert "'Known ranges' (bounds), such as wind=low..high" in off.fidelity_reasons[0]
    assert off.columns["wind"].reasons[0].startswith("Its range can only be found roughly at epsilon 1")
    assert not any("Known ranges" in reason for reason in off.columns["temp_max"].reasons)
    assert fine.fidelity == GOOD and not any("Known ranges" in r for r in fine.fidelity_reasons)


def test_the_second_reason_is_not_the_figure_of_a_column_the_private_run_reason_already_explains(halves):
    # Setup: 'weather' all 'Other' and 'wind' moved by most of its spread: before, the second reason was the link of
    # 'weather' with 'date' (the first had named 'weather'), so the moved 'wind' was never said
    training, holdout, kinds = halves
    made = holdout.assign(weather="Other", wind=holdout["wind"] + holdout["wind"].std())
    guarantee = {"epsilon": 1.0, "delta": 1e-7, "no_value_named": ["weather"], "ranges_found": []}

    # Run
    verdict = decide(evaluate(training, made, kinds, holdout=holdout), {"rows": 730, "privacy_guarantee": guarantee})

    # Assert
    first, second = verdict.fidelity_reasons
    assert first.startswith("Column 'weather' came back as 'Other' in every row")
    assert "'weather'" not in second and "'wind'" in second
    assert "'weather'" in verdict.columns["weather"].reasons[1]  # the column's own figure stays, in its own verdict


def test_a_range_found_roughly_is_not_blamed_for_repeated_whole_numbers_in_the_right_range():
    # Setup: nearly unique whole numbers (a count per row); the synthetic ones in the same range but repeated
    rng = np.random.default_rng(0)
    real = pd.DataFrame({"n": rng.permutation(4_000)[:800].astype(float), "g": rng.choice(["a", "b"], 800)})
    made = real.assign(n=np.repeat(real["n"].to_numpy()[::8], 8))
    guarantee = {"epsilon": 1.0, "delta": 1e-7, "no_value_named": [], "ranges_found": ["n"]}

    # Run
    verdict = decide(
        evaluate(real, made, {"n": "integer", "g": "category"}), {"rows": 800, "privacy_guarantee": guarantee}
    )

    # Assert: the repeats are said, the range is not blamed
    assert verdict.columns["n"].verdict == POOR and any("repeat" in r for r in verdict.columns["n"].reasons)
    assert not any("Known ranges" in r for r in verdict.fidelity_reasons + verdict.columns["n"].reasons)


def test_an_empty_column_with_no_value_named_is_not_said_to_have_come_back_as_other():
    # Setup: the review's run: an all-missing category column is in no_value_named (nothing was named), yet it comes
    # back empty; only a column whose real cells hold values lost them to 'Other'
    from types import SimpleNamespace

    from synth.verdict import unnamed_columns

    evaluation = SimpleNamespace(columns={"empty": {"missing_real": 1.0}, "town": {"missing_real": 0.1}})
    guarantee = {"no_value_named": ["empty", "town", "dropped"]}

    # Run / Assert
    assert unnamed_columns(guarantee, evaluation) == ["town"]
