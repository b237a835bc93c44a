"""Compare page: scores in plain words, every column, pairs, privacy and usefulness."""

import streamlit as st

import ui
from synth.charts import association_heatmaps, column_figure, pair_figure, verdict_bar
from synth.downloads import attack_risk_figures, usefulness_figures
from synth.evaluate.associations import MAX_ROWS, association_matrices
from synth.evaluate.utility import default_target
from synth.score_lines import attack_lines, exact_copy_line, fidelity_lines, privacy_lines, quality_summary
from synth.verdict import column_figures, decide, worst_first

MAX_CHARTS = 12

st.title("4. Compare real and synthetic")
ui.measure.collect()  # a measurement that ended (on any tab) joins the result before it is read
result = ui.need_result()
columns = list(result.real_model.columns)
named = result.record.get("table") or getattr(ui.table(), "name", "")


def read_result() -> None:
    """The result as it stands and its verdict: again once the verdict's last figures are in."""
    global result, evaluation, measuring, verdict, figures_by_column, order
    result = st.session_state[ui.RESULT]
    evaluation = result.evaluation
    measuring = ui.follow_up.figures_coming()  # else figures still pending could not be measured
    verdict = decide(evaluation, {**result.record, "table": named}, measuring=measuring)
    figures_by_column = column_figures(evaluation, verdict)
    order = worst_first(figures_by_column)


def show_verdict(section: str) -> None:
    ui.score_cards.verdict_box(verdict, section, measuring)


def measure_again_offered() -> bool:
    return bool(verdict.pending) and not measuring  # the follow-up failed or was cancelled: offer it again


def offer_to_measure_again() -> None:
    if measure_again_offered():
        st.button("Measure the remaining figures", key="measure_remaining", on_click=ui.follow_up.start)


read_result()
redraws = [read_result]  # once the verdict's last figures or a measurement are in, these draw their places again
boxes, follow_up = ui.score_cards.verdict_frames()  # each keeps its height as the figures land: the parts stay put
for box, section in zip(boxes, ui.score_cards.SECTIONS, strict=True):
    ui.places.in_place(redraws, lambda section=section: show_verdict(section), where=box)
ui.places.in_place(redraws, offer_to_measure_again, where=follow_up, shows=measure_again_offered)
measuring_slot = follow_up.empty() if measuring else None  # their progress, drawn by wait_for_figures at the end
ui.private_retry.offer_public_lists(result, ui.table())  # a private run that named no value of a category column


def fidelity_figures() -> None:
    ui.score_cards.section_cards(
        "fidelity", quality_summary(evaluation) + fidelity_lines(evaluation), result, measuring
    )


def show_summary() -> None:
    ui.places.in_place(redraws, fidelity_figures, where=ui.score_cards.figures_frame("fidelity", measuring))
    if any(f.get("score") is not None for f in figures_by_column.values()):
        st.plotly_chart(verdict_bar(figures_by_column, order), key="summary_scores", config={"displaylogo": False})


def show_columns() -> None:
    scores = ui.column_scores.column_scores(figures_by_column, order, evaluation.halves)
    ui.column_scores.show_column_scores(scores, evaluation.halves)
    side = st.toggle("Side by side instead of overlaid", key="side_by_side")
    charted = order  # worst first, like the table
    if len(columns) > MAX_CHARTS:
        charted = st.multiselect(
            "Columns to chart", columns, default=list(scores["Column"])[:MAX_CHARTS], key="chart_columns"
        )
    grid = st.columns(2)
    for position, column in enumerate(charted):
        figure = column_figure(result.real_model[column], result.synthetic_model[column], result.kinds[column], side)
        grid[position % 2].plotly_chart(figure, key=f"chart_{column}", config={"displaylogo": False})


def show_pairs() -> None:
    if len(columns) < 2:
        st.info("Pairs need at least two learned columns.")
        return
    method = st.radio(
        "Correlation for numbers",
        ["pearson", "spearman"],
        horizontal=True,
        key="pair_method",
        format_func={"pearson": "Pearson (straight-line)", "spearman": "Spearman (ranks)"}.get,
    )
    st.caption(
        "How strongly each pair of columns goes together (categories: Cramér's V; a number with a "
        "category: correlation ratio). The third map shows where the synthetic data differs."
        + (f" Drawn from {MAX_ROWS:,} random rows of each table." if len(result.real_model) > MAX_ROWS else "")
    )
    cached = st.session_state.setdefault(ui.MATRICES, {})  # once per result and method, in this session only
    if method not in cached:
        cached[method] = association_matrices(result.real_model, result.synthetic_model, result.kinds, method)
    matrices = cached[method]
    if matrices.real.isna().to_numpy().any() or matrices.synthetic.isna().to_numpy().any():
        st.caption(
            "A blank line in a map: that column holds a single value in that table, so it goes with nothing "
            "(a number that never varies has no correlation)."
        )
    st.plotly_chart(
        association_heatmaps(matrices.real, matrices.synthetic, matrices.difference),
        key="heatmaps",
        config={"displaylogo": False},
    )
    first, second = st.columns(2)
    a = first.selectbox("First column", columns, key="pair_first")
    b = second.selectbox("Second column", [c for c in columns if c != a], key="pair_second")
    st.plotly_chart(
        pair_figure(result.real_model, result.synthetic_model, a, b, result.kinds),
        key="pair",
        config={"displaylogo": False},
    )


def privacy_figures() -> None:
    lines = [exact_copy_line(evaluation), *privacy_lines(evaluation)]
    ui.score_cards.section_cards("privacy", lines, result, measuring, per_row=3)


def show_privacy() -> None:
    st.caption(
        "Screening figures, not proof: no figure here shows that the data is anonymous or compliant. "
        "They flag copying and closeness to real rows so you can decide before sharing."
    )
    ui.places.in_place(redraws, privacy_figures, where=ui.score_cards.figures_frame("privacy", measuring))
    show_attacks()


def show_attacks() -> None:
    st.markdown("**Attack-based privacy risk** (Anonymeter's method, reviewed by France's CNIL)")
    if result.holdout_model is None:
        st.info(
            "The attack-based risks need real rows kept aside before training, as the yardstick of what an attacker "
            "learns about anyone; this table was too small to spare them (500 rows or more)."
        )
        return
    ui.places.in_place(redraws, attack_figures)
    ui.places.in_place(redraws, offer_attacks, shows=lambda: (bool(attack_lines(evaluation)), ui.measure.busy()))
    ui.measure.show_progress(redraws)


def attack_figures() -> None:
    lines = attack_lines(evaluation)
    if not lines:
        st.caption(
            "Three attacks use the synthetic rows to single out, link or guess facts about real people, once against "
            "the people it learned from and once against real people it never saw: the risk is how much better they "
            "do on the first. A few seconds; the figures then go into the report and the metrics too."
        )
        return
    ui.score_cards.card_pairs(lines)


def offer_attacks() -> None:
    if not attack_lines(evaluation):
        ui.measure.offer(
            "Measure attack risks",
            "measure_attacks",
            ("attacks", "Measuring the attack risks", attack_risk_figures),
            icon=":material/shield:",
        )


def show_usefulness() -> None:
    if result.holdout_model is None:
        st.info("Usefulness needs real rows kept aside before training; this table was too small to spare them.")
        return
    st.caption(
        "Train the same model once on synthetic rows and once on real rows, then test both on real rows "
        "neither has seen. A ratio near 100% means the synthetic data is as useful for this prediction."
    )
    first = default_target(columns, result.kinds)  # a number or category, not a date or an identifier
    target = st.selectbox("Column to predict", columns, index=columns.index(first), key="usefulness_target")
    ui.places.in_place(
        redraws,
        lambda: ui.measure.offer(
            "Measure usefulness",
            "measure_usefulness",
            ("usefulness", "Measuring usefulness", usefulness_figures, target),
        ),
        shows=ui.measure.busy,
    )
    ui.measure.show_progress(redraws)
    ui.places.in_place(redraws, lambda: usefulness_found(target))


def usefulness_found(target: str) -> None:
    found = st.session_state.setdefault(ui.USEFULNESS, {})  # every target measured on this result
    if evaluation.utility:
        found[evaluation.utility["target"]] = evaluation.utility
    if target in found:
        ui.score_cards.usefulness_scores(found[target])
    if evaluation.utility:
        st.caption(f"The report and the metrics carry the usefulness for {ui.plain(evaluation.utility['target'])}.")


TABS = {
    "Summary": show_summary,
    "Columns": show_columns,
    "Column pairs": show_pairs,
    "Privacy": show_privacy,
    "Usefulness": show_usefulness,
}
# Only the open part runs and goes to the browser (a click is one short rerun): drawing every chart of every
# part at once is what made Compare slow to open with several people on the server (bench/RESULTS-load.md).
# A segmented control, not st.tabs(on_change="rerun"): Streamlit's tab bar takes the open tab each run sends over
# a newer click whenever it differs from the last one it got, and sends that back as the widget's value, so a click
# made while the previous click's run was still on its way to a busy browser was undone and lost. Other widgets
# take a value from the server only when the script set it (tests/e2e/test_compare_parts.py).
# The open part is remembered outside the widget, whose state Streamlit drops while another page is shown, and
# given back as its default: a value set through session state is one the browser takes over a click, so a click
# made just after coming back to Compare was lost the same way.
label = st.segmented_control(
    "Part of the comparison",
    list(TABS),
    default=st.session_state.get(ui.COMPARE_TAB, next(iter(TABS))),
    required=True,
    key="compare_tab",
    label_visibility="collapsed",
)
st.session_state[ui.COMPARE_TAB] = label
TABS[label]()

st.page_link("app_pages/download.py", label="Next: download", icon=":material/arrow_forward:")
ui.follow_up.wait_for_figures(measuring_slot, redraws=redraws)  # last: the page is drawn while they come in
