"""The one rule that turns figures into a verdict (good / check / poor) for fidelity, privacy and each column.

Every drift is a distance from the real data (0 = like it), judged against what a fresh real sample shows (the
holdout's same figure): within max(floor, twice the reference) it is good, beyond it "check", beyond twice that
"poor". Without a holdout (tables under 500 rows) the tails, mean shift and spread are judged against what chance
gives two samples of these sizes, and shapes, links and overall quality against one half of the real rows scored on
the other (a column of many rare values scores low even between two real samples), never below fixed floors. The
floors come
from the metrics' declared thresholds. The app, the report and the CLI all read the verdict from here.
"""

from __future__ import annotations

import math

from synth.column_verdicts import column_figures, column_verdicts, table_fidelity, tail_findings, worst_first
from synth.evaluate import Evaluation
from synth.evaluate.column_tails import ColumnTails
from synth.evaluate.exact_copies import ExactCopies
from synth.judging import (
    CHECK,
    GOOD,
    MAX_REASONS,
    POOR,
    SEVERITY,
    WORDS,
    ColumnVerdict,
    Finding,
    Verdict,
    beside_fresh,
    cut,
    worst_of,
)
from synth.pending_figures import PENDING_WORDS, awaited, not_final, unmeasured, unmeasured_line
from synth.privacy_findings import ATTACK_WORDS, attack_findings, copy_finding, privacy_findings

__all__ = [  # the verdict's public names, wherever they now live (the rule is split by responsibility)
    "ATTACK_WORDS",
    "CHECK",
    "GOOD",
    "PENDING_WORDS",
    "POOR",
    "SEVERITY",
    "WORDS",
    "ColumnVerdict",
    "Finding",
    "Verdict",
    "attack_findings",
    "awaited",
    "column_figures",
    "column_verdicts",
    "copy_finding",
    "decide",
    "protection_strength",
    "unnamed_columns",
    "unmeasured_line",
    "worst_first",
]


def _subject(record: dict | None) -> str:
    record = record or {}
    table = record.get("table") or "this table"
    rows = record.get("rows")
    generator = record.get("generator_label") or record.get("generator")  # as the pages name it
    made = "made elsewhere" if record.get("generator") in (None, "external") else f"by {generator}"
    return f"{table} ({rows:,} synthetic rows {made})" if rows is not None else f"{table} ({made})"


YARDSTICKS = {True: "a fresh real sample", False: "one half of the real rows against the other"}


def _privacy_good(evaluation: Evaluation) -> str:
    """Why privacy is good, in the terms of the Privacy tab's cards: each figure is judged beside a fresh real
    sample, so this never says that nothing reappears while a card shows rare combinations reappearing by chance."""
    copies = evaluation.results.get(ExactCopies.name)
    copied = (
        "No real rows are copied" if copies is None or not copies.exact_copy_rate else "Copies of real rows stay low"
    )
    yardstick = "in a fresh real sample" if evaluation.reference else "chance explains"  # no holdout: none measured
    return f"{copied}, and no identifier, rare value or rare combination reappears more often than {yardstick}."


# How strong a stated epsilon is, in words, by the largest epsilon each phrase covers (the generator card agrees).
PROTECTION = (
    (1.0, "strong protection (epsilon 1 or less)"),
    (3.0, "moderate protection (epsilon above 1, up to 3)"),
    (math.inf, "weaker protection, though still bounded (epsilon above 3; 1 or less is strong)"),
)


def protection_strength(epsilon: float) -> str:
    """How strong a differential privacy guarantee at this epsilon is, in plain words (smaller is stronger)."""
    return next(words for most, words in PROTECTION if epsilon <= most)


def _named(columns: list[str]) -> str:
    quoted = [f"'{c}'" for c in columns]
    return f"Column {quoted[0]}" if len(quoted) == 1 else f"Columns {', '.join(quoted[:-1])} and {quoted[-1]}"


def unnamed_columns(guarantee: dict, evaluation: Evaluation) -> list[str]:
    """Category columns a differentially private generator could name no value of, whose real cells are not all
    missing: each came back 'Other' in every row (an empty column comes back empty)."""
    figures = evaluation.columns
    return [
        c
        for c in guarantee.get("no_value_named", ())
        if c in figures and (figures[c].get("missing_real") is None or figures[c]["missing_real"] < 1.0)
    ]


DELTA_SHARE_OF_ONE_ROW = 0.1  # delta x rows from here up: not "far below one over the rows"
SAFE_DELTA = 1e-7  # the private generator's default delta


def _unnamed(guarantee: dict, evaluation: Evaluation, columns: dict[str, ColumnVerdict]) -> list[Finding]:
    """Category columns a differentially private generator could name no value of: each comes back 'Other' in every
    row, which the scores show but cannot explain. Said first (one reason for them all), with what the person can
    do about it; as grave as the worst of those columns' own verdicts (at least "check")."""
    unnamed = [c for c in unnamed_columns(guarantee, evaluation) if c in columns]
    if not unnamed:
        return []
    grade = POOR if any(columns[c].verdict == POOR for c in unnamed) else CHECK
    single = len(unnamed) == 1
    reason = (
        f"{_named(unnamed)} came back as 'Other' in every row: at epsilon {guarantee['epsilon']:g} none of "
        f"{'its' if single else 'their'} values is held by enough rows to be named without putting one person at "
        f"risk. If {'its list' if single else 'these lists'} of values {'is' if single else 'are'} not secret "
        "(countries, product names), set the option 'Category values' (category_lists) to public; a larger "
        "epsilon or more rows name more values."
    )
    for column in unnamed:
        own = columns[column]
        mine = (
            f"Came back as 'Other' in every row: at epsilon {guarantee['epsilon']:g} none of its values is held by "
            "enough rows to be named privately (the fidelity verdict says what to do)."
        )
        columns[column] = ColumnVerdict(POOR if own.verdict == POOR else CHECK, (mine, *own.reasons)[:MAX_REASONS])
    return [Finding(grade, reason, math.inf, tuple(unnamed))]


def _partly_named(guarantee: dict, evaluation: Evaluation, columns: dict[str, ColumnVerdict]) -> list[Finding]:
    """Category columns a differentially private generator grouped values of as 'Other' where a common real value
    (5% of the rows or more: column_shapes.common_shares) came back in no row: named too rarely to be named
    privately. The verdict named the value's share alone; said first, with the option that helps."""
    lost, unnamed = {}, set(unnamed_columns(guarantee, evaluation))  # those are said by _unnamed
    for column in (c for c in guarantee.get("grouped_as_other", ()) if c not in unnamed):
        shares = evaluation.columns.get(column, {}).get("common_shares", ())
        gone = [share for share in shares if share["synthetic"] == 0.0 and share["value"] != "Other"]
        if column in columns and gone:
            lost[column] = max(gone, key=lambda share: share["real"])
    if not lost:
        return []
    (first, share), others = next(iter(lost.items())), list(lost)[1:]
    reason = (
        f"{'Common values' if others else 'A common value'} came back as 'Other': '{cut(share['value'])}', "
        f"{share['real']:.0%} of the real rows of '{first}'"
        + (f", and values of {', '.join(repr(c) for c in others)}" if others else "")
        + f". At epsilon {guarantee['epsilon']:g} a value must be held by more rows to be named without putting one "
        "person at risk. If these values are not secret, set the option 'Category values' (category_lists) to "
        "public; a larger epsilon or more rows name more values."
    )
    grade = POOR if any(columns[c].verdict == POOR for c in lost) else CHECK
    return [Finding(grade, reason, math.inf, tuple(lost))]


def _rough_ranges(guarantee: dict, evaluation: Evaluation, columns: dict[str, ColumnVerdict]) -> list[Finding]:
    """Number and date columns whose range a differentially private generator found from its budget and whose
    values now lie poorly off the real ones (tails, average or spread judged poor): the range could only be found
    roughly. Said with what the person can do about it: give the range where it is public."""
    tails = evaluation.results.get(ColumnTails.name)
    rough = [
        c
        for c in guarantee.get("ranges_found", ())
        if c in columns
        and tails
        and c in tails.columns
        and any(f.grade == POOR for f in tail_findings(c, tails.columns[c], tails.rows, range_only=True))
    ]
    if not rough:
        return []
    single, epsilon = len(rough) == 1, guarantee["epsilon"]
    reason = (
        f"{_named(rough)} {'is' if single else 'are'} placed or spread poorly against the real values: at epsilon "
        f"{epsilon:g} {'its range' if single else 'their ranges'} can only be found roughly from the budget (and "
        "values beyond a million million, 1e12, not at all). If "
        f"{'its range is' if single else 'their ranges are'} public (the years a survey covers, ages 0 to 120), "
        f"give {'it' if single else 'them'} in the option 'Known ranges' (bounds), such as {rough[0]}=low..high."
    )
    for column in rough:
        mine = (
            f"Its range can only be found roughly at epsilon {epsilon:g}; if it is public, give it in the option "
            "'Known ranges' (bounds)."
        )
        columns[column] = ColumnVerdict(POOR, (mine, *columns[column].reasons)[:MAX_REASONS])
    return [Finding(POOR, reason, math.inf, tuple(rough))]


def guarantee_caveats(guarantee: dict, learned_rows: int | None) -> list[str]:
    """What limits a stated guarantee, in words: noise drawn from a seed that is written in the run's files, and a
    delta not far below one over the rows learned from (a delta of 1/n allows publishing one person's row)."""
    said = []
    if str(guarantee.get("noise", "")).startswith("reproducible"):
        said.append(
            "Its noise was drawn from the seed (noise: reproducible), so it holds only while the seed stays secret, "
            "and the seed is written in this run's settings file and report: share only the synthetic data, or make "
            "it again with the noise secret."
        )
    if learned_rows and guarantee["delta"] * learned_rows >= DELTA_SHARE_OF_ONE_ROW * (1 - 1e-9):  # 1e-7 x 1e6
        said.append(
            f"Its delta, {guarantee['delta']:g}, is not far below one over the {learned_rows:,} rows learned from "
            f"({1 / learned_rows:.1g}): the chance that the guarantee fails for someone is not negligible. Choose a "
            f"delta of {min(SAFE_DELTA, 10 ** math.floor(math.log10(0.01 / learned_rows))):g} or smaller."
        )
    return said


def _explained(said: list[Finding], findings: list[Finding]) -> list[Finding]:
    """The private-run reasons, then the findings about other columns: a column they explain (all 'Other', a rough
    range) would else take the second reason's place with its own figure, naming it twice."""
    explained = {column for finding in said for column in finding.columns}
    return said + [f for f in findings if not explained.intersection(f.columns)]


def decide(evaluation: Evaluation, record: dict | None = None, *, measuring: bool = True) -> Verdict:
    """The verdict of a run: fidelity and privacy with the one or two reasons that decided each, and every column's.
    measuring=False: the figures the evaluation waits for (pending) are no longer on their way (the app's follow-up
    measurement failed or was stopped), and the verdict says they could not be measured."""
    columns, findings = column_verdicts(evaluation)
    guarantee = (record or {}).get("privacy_guarantee")
    if guarantee:  # what a private generator could not learn, and what the person can do about it, said first
        said = (
            _unnamed(guarantee, evaluation, columns)
            + _partly_named(guarantee, evaluation, columns)
            + _rough_ranges(guarantee, evaluation, columns)
        )
        findings = _explained(said, findings)
    fidelity, fidelity_reasons = worst_of(findings + table_fidelity(evaluation))
    privacy, privacy_reasons = worst_of(privacy_findings(evaluation))
    if fidelity == GOOD:
        reference = evaluation.reference
        fresh = beside_fresh(reference.overall) if reference else ""
        fidelity_reasons = (
            f"Overall quality is {evaluation.quality.overall:.2f}{fresh}, and no column's shape, tails, average, "
            f"spread or links drift beyond what {YARDSTICKS[reference is not None]} shows.",
        )
    if privacy == GOOD:
        privacy_reasons = (f"{_privacy_good(evaluation)} These are screening figures, not proof of anonymity.",)
    if guarantee:
        caveats = guarantee_caveats(guarantee, (record or {}).get("learned_rows"))
        privacy = max(privacy, CHECK, key=SEVERITY.get) if caveats else privacy
        privacy_reasons = (
            f"A differential privacy guarantee holds at epsilon {guarantee['epsilon']:g} (delta "
            f"{guarantee['delta']:g}): {protection_strength(guarantee['epsilon'])}. The result would look almost "
            "the same whether or not any one person's row was in the table; the number of rows is treated as public.",
            *caveats,
            *(r for r in privacy_reasons if not r.endswith("not proof of anonymity.")),
        )
    skipped = tuple(unmeasured(evaluation))
    verdict = Verdict(fidelity, privacy, fidelity_reasons, privacy_reasons, _subject(record), columns, (), skipped)
    return not_final(verdict, evaluation.pending, measuring)
