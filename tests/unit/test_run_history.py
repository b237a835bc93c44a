"""Run history: a summary from the metrics JSON, the last few kept, two runs side by side."""

import json

from synth import run_history


def _metrics(generator="sequential_trees", overall=0.9, fidelity="good", privacy="check", seed=42):
    return {
        "generator": generator,
        "verdict": {"fidelity": fidelity, "privacy": privacy, "reasons": []},
        "quality": {"overall": overall, "column_shapes": 0.8, "column_pair_trends": 0.7},
        "privacy": {"exact_copy_rate": 0.0, "identifier_reuse": 0.1},
        "timings": {"fit_s": 1.0, "sample_s": 0.5, "evaluate_s": 0.25, "evaluate_quality_s": 0.2},
        "record": {"table": "credit.csv", "generator_label": "Sequential trees", "options": {"smoothing": 1.0}},
        "rows": 10,
        "seed": seed,
    }


def test_a_summary_names_the_run_its_verdicts_figures_and_settings():
    # Setup
    metrics = json.dumps(_metrics()).encode()

    # Run
    summary = run_history.summarise(3, metrics, "03:10 UTC")

    # Assert
    assert (summary.number, summary.table, summary.generator) == (3, "credit.csv", "Sequential trees")
    assert (summary.fidelity, summary.privacy) == ("Ready to share", "Check first")
    assert summary.figures["Overall quality"] == 0.9 and summary.figures["Exact copies of real rows"] == 0.0
    assert summary.settings == "Blurring of numbers: 1.0"  # as the Generate page names it, not "smoothing=1.0"
    assert summary.seconds == 1.75


def test_settings_say_what_a_switch_value_means_and_an_empty_one_is_none():
    # Setup: the walk read "Minimum real rows behind each value: 0" and "Known ranges of number and date columns: ,"
    trees = _metrics()
    trees["record"]["options"] = {"min_rows_per_leaf": 0, "smoothing": 1.0}
    private = _metrics(generator="dp_marginals")
    private["record"]["options"] = {"epsilon": 1.0, "bounds": "", "category_lists": "private"}

    # Run
    trees_summary = run_history.summarise(1, trees, "03:10 UTC")
    private_summary = run_history.summarise(2, private, "03:11 UTC")

    # Assert
    assert trees_summary.settings == (
        "Minimum real rows behind each value: automatic (at least 5), Blurring of numbers: 1.0"
    )
    assert "Known ranges of number and date columns: none," in private_summary.settings
    assert ": ," not in private_summary.settings


def test_conditions_and_rules_are_listed_in_words_not_as_json():
    # Setup: the walk read 'Rebalance: {"religious": {"Fairly": 0.1, "Slightly…'
    metrics = _metrics()
    metrics["record"] |= {"where": {"occupation": "Manager"}, "rules": ["age >= 18", "income >= 0"]}
    balanced = _metrics()
    balanced["record"]["rebalance"] = {"religious": {"Fairly": 0.1, "Not": 0.9}}

    # Run
    summary = run_history.summarise(1, metrics, "03:10 UTC").settings
    rebalanced = run_history.summarise(2, balanced, "03:11 UTC").settings

    # Assert
    assert "Only rows with: occupation = Manager" in summary and "Rules: age >= 18; income >= 0" in summary
    assert "Rebalance: religious: Fairly 10%, Not 90%" in rebalanced and "{" not in summary + rebalanced


def test_only_the_last_few_runs_are_kept_and_listed_newest_first():
    # Setup
    runs = []

    # Run
    for number in range(1, 8):
        runs = run_history.remember(runs, run_history.summarise(number, _metrics(), "now"), keep=5)
    listed = run_history.listing(runs)

    # Assert
    assert [run.number for run in runs] == [3, 4, 5, 6, 7]
    assert list(listed["Run"]) == ["Run 7", "Run 6", "Run 5", "Run 4", "Run 3"]


def test_the_listing_shows_quality_to_two_places_as_compare_does():
    # Run
    listed = run_history.listing([run_history.summarise(1, _metrics(overall=0.946512), "now")])

    # Assert
    assert list(listed["Overall quality"]) == [0.95]


def test_two_runs_side_by_side_show_where_they_differ():
    # Setup
    first = run_history.summarise(1, _metrics(overall=0.91, fidelity="poor"), "03:00")
    second = run_history.summarise(2, _metrics("gaussian_copula", overall=0.75), "03:05")

    # Run
    table = run_history.side_by_side(first, second).set_index("")

    # Assert
    assert list(table.columns) == ["Run 1 (03:00)", "Run 2 (03:05)"]
    assert list(table.loc["Overall quality"]) == ["0.91", "0.75"]
    assert list(table.loc["Fidelity"]) == ["Not ready", "Ready to share"]


def test_a_verdict_still_being_measured_is_listed_as_such_not_as_a_grade():
    # Setup: the metrics of a result shown before its last figures were in
    metrics = _metrics(fidelity="check", privacy="check")
    metrics["verdict"]["pending"] = ["privacy"]

    # Run
    summary = run_history.summarise(1, metrics, "03:10 UTC")

    # Assert
    assert (summary.fidelity, summary.privacy) == ("Check first", "Still being measured")


def test_a_run_whose_last_figures_are_no_longer_coming_says_they_were_not_measured():
    # Setup: the follow-up measurement failed, was cancelled, or a newer run replaced this one
    metrics = _metrics(fidelity="check", privacy="check")
    metrics["verdict"]["pending"] = ["privacy"]
    summary = run_history.summarise(1, metrics, "03:10 UTC")

    # Run
    settled = run_history.settled(summary)

    # Assert
    assert (settled.fidelity, settled.privacy) == ("Check first", "Not measured")
    assert run_history.not_measured(settled) and not run_history.not_measured(summary)
    assert run_history.settled(run_history.summarise(2, _metrics(), "03:12 UTC")).privacy == "Check first"
