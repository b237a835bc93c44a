"""Plain-language score lines."""

from synth.evaluate import evaluate
from synth.score_lines import quality_summary, traffic_light


def test_lights_follow_the_thresholds():
    # Run / Assert
    assert [traffic_light(v) for v in (0.9, 0.7, 0.3, None)] == ["green", "amber", "red", "grey"]


def test_summary_names_the_fresh_real_sample_when_a_holdout_exists(load, imitate):
    # Setup
    real, kinds = load("cars")
    training, holdout = real.iloc[::2], real.iloc[1::2]

    # Run
    lines = quality_summary(evaluate(training, imitate(training, kinds, "noise"), kinds, holdout=holdout))
    plain = quality_summary(evaluate(training, training.copy(), kinds))

    # Assert
    assert "a fresh real sample scores" in lines[0].sentence
    assert "fresh real sample" not in plain[0].sentence
    assert plain[0].light == "green" and plain[-1].light == "red"


def test_a_low_card_that_real_rows_score_too_says_so_instead_of_asking_to_improve_it(load, imitate):
    # Setup: 60 rows without a holdout; other real rows of the same table stand in for the synthetic ones. Before,
    # their cards were red with "To improve it: try another generator" beside the verdict's "Ready to share"
    real, kinds = load("seattle_weather")
    training = real.sample(60, random_state=0).reset_index(drop=True)
    other = real.sample(60, random_state=1).reset_index(drop=True)

    # Run
    fair = quality_summary(evaluate(training, other, kinds))
    broken = quality_summary(evaluate(training, imitate(training, kinds, "disjoint"), kinds))

    # Assert
    overall = fair[0]
    assert overall.light != "green"
    assert "half the real rows against the other half scores" in overall.sentence
    assert "does not lower the verdict" in overall.sentence and "To improve it" not in overall.sentence
    assert broken[0].light == "red" and "To improve it" in broken[0].sentence


def test_scoring_above_the_fresh_real_sample_is_not_read_as_better_than_real(load):
    # Setup: an exact copy of the learned rows outscores a fresh real sample
    real, kinds = load("cars")
    training, holdout = real.iloc[::2], real.iloc[1::2]

    # Run
    lines = quality_summary(evaluate(training, training.copy(), kinds, holdout=holdout))

    # Assert
    assert lines[0].value > 0.99
    assert "does not mean better than real" in lines[0].sentence


def test_attack_lines_give_each_risk_with_its_interval_only_once_measured(load):
    # Setup
    from synth.score_lines import attack_lines

    real, kinds = load("cars")
    training, holdout = real.iloc[::2], real.iloc[1::2]

    # Run
    measured = attack_lines(evaluate(training, training.copy(), kinds, holdout=holdout, extras=("attacks",)))
    not_measured = attack_lines(evaluate(training, training.copy(), kinds, holdout=holdout))

    # Assert
    assert not_measured == []
    assert [line.label for line in measured] == [
        "Singling out (one column)",
        "Singling out (three columns)",
        "Linkability",
        "Attribute inference",
    ]
    assert all(line.unit == "percent" and "95% interval" in line.sentence for line in measured)
    assert measured[0].light == "red" and "easiest column to guess" in measured[-1].sentence


def test_an_attack_card_is_coloured_like_the_verdict_by_its_intervals_lower_end():
    # Setup: a risk whose point estimate is high but whose interval reaches down to chance
    from synth.evaluate import Evaluation
    from synth.evaluate.attack_risks import AttackRisksResult
    from synth.evaluate.attack_stats import AttackRisk
    from synth.score_lines import attack_lines

    uncertain = AttackRisk(0.4, 0.02, 0.8, 0.5, 0.1, 0.2, 20, 20)
    evaluation = Evaluation(results={"attacks": AttackRisksResult(singling_out_univariate=uncertain)})

    # Run
    lines = attack_lines(evaluation)

    # Assert
    assert [line.light for line in lines] == ["green"]


def test_a_classifier_below_chance_is_said_to_be_guessing_and_three_way_has_no_formula():
    # Setup: an AUC under 0.5, as a 58-row table gave (Montreal's election districts, plotly's data)
    from synth.evaluate import Evaluation
    from synth.evaluate.detection import Detection, DetectionResult
    from synth.score_lines import fidelity_lines

    below, above = (Evaluation({Detection.name: DetectionResult(auc=auc, score=None, rows=58)}) for auc in (0.38, 0.7))

    # Run
    said_below, said_above = fidelity_lines(below)[0].sentence, fidelity_lines(above)[0].sentence

    # Assert
    assert "below 0.5 it is guessing too" in said_below and "guessing" not in said_above


def test_three_column_patterns_are_explained_in_words(load):
    # Setup
    real, kinds = load("cars")

    # Run
    from synth.score_lines import fidelity_lines

    lines = fidelity_lines(evaluate(real.iloc[::2], real.iloc[1::2], kinds))

    # Assert
    sentence = next(line.sentence for line in lines if line.label == "Three-column patterns")
    assert "total variation" not in sentence and "as common as in the real data" in sentence


def test_a_reused_identifier_the_verdict_names_has_its_own_card_in_the_same_colour():
    # Setup: a near-unique customer number copied through from the learned rows
    import numpy as np
    import pandas as pd

    from synth.score_lines import privacy_lines
    from synth.verdict import GOOD, decide

    rng = np.random.default_rng(0)
    table = pd.DataFrame(
        {"customer": rng.permutation(np.arange(1000, 1400)).astype(float), "spend": rng.gamma(2, 30, 400)}
    )
    kinds = {"customer": "integer", "spend": "decimal"}
    training, unseen = table.iloc[:200].reset_index(drop=True), table.iloc[200:].reset_index(drop=True)

    # Run
    leaked = evaluate(training, unseen.assign(customer=training["customer"]), kinds)
    fresh = evaluate(training, unseen, kinds)

    # Assert
    card = next(line for line in privacy_lines(leaked) if line.label == "Real identifiers or rare values reused")
    assert card.light == "red" and "'customer'" in card.sentence and decide(leaked).privacy != GOOD
    calm = next(line for line in privacy_lines(fresh) if line.label == "Real identifiers or rare values reused")
    assert calm.light == "green" and calm.value == 0.0 and decide(fresh).privacy == GOOD


def test_rare_combinations_on_a_table_without_categories_are_not_called_category_combinations():
    # Setup: seattle weather's four measurements, no category column: whole rows are combined; the synthetic rows
    # are the real rows, so every rare combination reappears
    from synth.score_lines import privacy_lines
    from synth.verdict import decide
    from tests.unit.conftest import demo

    real, kinds = demo("seattle_weather", rows=200)
    columns = ["precipitation", "temp_max", "temp_min", "wind"]
    real, kinds = real[columns], {c: kinds[c] for c in columns}

    # Run
    evaluation = evaluate(real, real.copy(), kinds)
    card = next(line for line in privacy_lines(evaluation) if line.label == "Rare combinations reproduced")
    reasons = " ".join(decide(evaluation).privacy_reasons)

    # Assert: the figure is the same, the words name what was combined
    assert card.value == 1.0 and card.light == "amber"
    assert "category" not in card.sentence and "category" not in reasons
    assert "value combinations seen fewer than 5 times" in card.sentence
    assert "value combinations seen fewer than 5 times" in reasons


def test_the_cards_waited_for_are_those_a_section_shows_once_its_later_figures_are_in(load, imitate):
    # Setup: a result shown before its classifier and distance figures (the app's follow-up measures them), as after
    # generating; the same without a holdout, which has no 'learned rows vs unseen ones' figure
    from synth.evaluate import measure_pending, with_results
    from synth.score_lines import fidelity_lines, privacy_lines, waiting_labels

    real, kinds = load("cars")
    training, holdout = real.iloc[::2].reset_index(drop=True), real.iloc[1::2].reset_index(drop=True)
    synthetic = imitate(training, kinds, "noise")
    later = ("detection", "dcr")
    shown = evaluate(training, synthetic, kinds, holdout=holdout, extras=later, later=later)
    alone = evaluate(training, synthetic, kinds, extras=later, later=later)

    # Run
    waiting = {section: waiting_labels(shown, section, holdout=True) for section in ("fidelity", "privacy")}
    without_holdout = waiting_labels(alone, "privacy", holdout=False)
    landed = with_results(shown, *measure_pending(shown, training, synthetic, kinds, holdout=holdout))

    # Assert: a card kept for each figure to come, in the order the cards come, then none once they are in
    assert waiting == {
        "fidelity": ["Can a model tell them apart?"],
        "privacy": ["Closer to learned rows than to unseen ones?", "Distance to the closest real row"],
    }
    assert without_holdout == ["Distance to the closest real row"]
    fidelity, privacy = [line.label for line in fidelity_lines(landed)], [line.label for line in privacy_lines(landed)]
    assert set(waiting["fidelity"]) <= set(fidelity) and set(waiting["privacy"]) <= set(privacy)
    assert [label for label in privacy if label in waiting["privacy"]] == waiting["privacy"]
    assert waiting_labels(landed, "fidelity", holdout=True) == waiting_labels(landed, "privacy", holdout=True) == []
