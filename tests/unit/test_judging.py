"""The verdict's one rule: a distance within max(floor, twice a fresh sample's) is good, beyond twice that poor."""

import math

from synth.judging import CHECK, GOOD, POOR, WORDS, Finding, Verdict, beside_fresh, findings_if, judge, worst_of


def test_a_distance_is_judged_against_the_floor_or_twice_the_fresh_sample():
    # Run
    within_floor = judge(0.05, None, 0.1)
    beyond_floor = judge(0.15, None, 0.1)
    far_beyond = judge(0.25, None, 0.1)
    fresh_sample_drifts_too = judge(0.25, 0.2, 0.1)

    # Assert
    assert within_floor == (GOOD, 0.5)
    assert beyond_floor[0] == CHECK and math.isclose(beyond_floor[1], 1.5)
    assert far_beyond[0] == POOR
    assert fresh_sample_drifts_too[0] == GOOD  # the limit is twice the fresh sample's 0.2


def test_no_distance_is_good():
    # Run / Assert
    assert judge(None, 0.1, 0.1) == (GOOD, 0.0) and judge(float("nan"), None, 0.1) == (GOOD, 0.0)


def test_a_fresh_sample_infinitely_far_sets_no_yardstick_only_the_floor_and_an_unknown_one_is_not_written():
    # Setup: a fresh sample infinitely far (a single-valued sample's log spread ratio) is no licence for anything
    far_off = judge(2.0, math.inf, 0.1)
    close = judge(0.05, math.inf, 0.1)

    # Run
    unknown = beside_fresh(float("nan"))

    # Assert
    assert far_off[0] == POOR and math.isclose(far_off[1], 20.0)
    assert close == (GOOD, 0.5)
    assert judge(math.inf, None, 0.1)[0] == POOR  # without such a yardstick, a column that stopped varying is poor
    assert unknown == "" and beside_fresh(0.5) == " (a fresh real sample: 0.50)"


def test_the_worst_findings_decide_and_at_most_two_reasons_are_given():
    # Setup
    findings = [Finding(CHECK, "small", 1.2), Finding(POOR, "large", 3.0), Finding(CHECK, "larger", 1.9)]

    # Run
    grade, reasons = worst_of(findings)

    # Assert
    assert grade == POOR and reasons == ("large", "larger")
    assert worst_of([]) == (GOOD, ())
    assert findings_if(GOOD, 0.5, "fine") == [] and findings_if(CHECK, 1.5, "off") == [Finding(CHECK, "off", 1.5)]


def test_a_verdict_reads_as_one_line_and_as_json_naming_what_is_pending():
    # Setup
    verdict = Verdict(
        GOOD, CHECK, ("All close.",), ("Copies.",), "t.csv (10 synthetic rows by x)", pending=("privacy",)
    )

    # Run
    line = verdict.line("privacy")
    found = verdict.as_json()

    # Assert
    assert line == f"Privacy: {WORDS[CHECK]} for t.csv (10 synthetic rows by x). Copies."
    assert found["reasons"] == ["Fidelity: All close.", "Privacy: Copies."] and found["pending"] == ["privacy"]
    assert beside_fresh(0.91) == " (a fresh real sample: 0.91)" and beside_fresh(None) == ""
