"""Compare page: scores in plain words, every column, pairs, privacy and usefulness."""

import pandas as pd
import streamlit as st

import ui
from synth.charts import association_heatmaps, column_figure, pair_figure, verdict_bar
from synth.downloads import attack_risk_figures, usefulness_figures
from synth.evaluate.associations import MAX_ROWS, association_matrices
from synth.pipeline import NO_HOLDOUT
from synth.schema import KIND_LABELS
from synth.score_lines import (
    attack_lines,
    exact_copy_line,
    fidelity_lines,
    privacy_lines,
    quality_summary,
    two_places,
)
from synth.verdict import WORDS, awaited, column_figures, decide, worst_first

METRIC_WORDS = {"KSComplement": "Spread of values (Kolmogorov-Smirnov)", "TVComplement": "Share of each category"}
MAX_CHARTS = 12
USEFULNESS_WORDS = {  # the two scores a usefulness figure comes in, in words
    "macro F1": "Macro F1: how often the model predicts the right category, each category counting alike "
    "(1 = always right).",
    "R²": "R²: the share of the column's ups and downs the model predicts (1 = all of them, 0 = no better than "
    "always guessing the average).",
}
CARDS_WIDTH = 880  # pixels: four cards fit the page at 1,400 pixels, two at 800 (sidebar open)
VERDICT_LIGHTS = {"good": "green", "check": "amber", "poor": "red"}
TABLE_DOTS = {"good": "🟢", "check": "🟠", "poor": "🔴"}  # a table cell shows no markdown colours

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


def show_verdict() -> None:
    for box, section in zip(st.columns(2), ("fidelity", "privacy"), strict=True):
        grade = getattr(verdict, section)
        with box.container(border=True):
            if section in verdict.pending:  # never a verdict as final while figures it reads are being measured
                state = "still being measured" if measuring else "not measured"
                st.markdown(f"{ui.LIGHTS['grey']} **{section.capitalize()}: {state}**")
            else:
                st.markdown(f"{ui.LIGHTS[VERDICT_LIGHTS[grade]]} **{section.capitalize()}: {WORDS[grade]}**")
            for reason in getattr(verdict, f"{section}_reasons"):
                st.caption(ui.plain(reason))


def measure_again_offered() -> bool:
    return bool(verdict.pending) and not measuring  # the follow-up failed or was cancelled: offer it again


def offer_to_measure_again() -> None:
    if measure_again_offered():
        st.button("Measure the remaining figures", key="measure_remaining", on_click=ui.follow_up.start)


read_result()
redraws = [read_result]  # once the verdict's last figures or a measurement are in, these draw their places again
ui.places.in_place(redraws, show_verdict)
ui.places.in_place(redraws, offer_to_measure_again, shows=measure_again_offered)
measuring_slot = st.empty() if measuring else None  # its progress: at the page's end


def cards(lines, per_row: int = 4) -> None:
    """per_row cards a row in a wide window; fewer, each as wide, in a narrow one (not squeezed to a word a line)."""
    row = st.container(horizontal=True)
    for line in lines:
        with row.container(border=True, width=CARDS_WIDTH // per_row):
            st.markdown(f"{ui.LIGHTS[line.light]} **{line.label}**")
            st.markdown(f"### {line.shown}")
            st.caption(ui.plain(line.sentence))


def still_measured(section: str) -> None:
    waiting = awaited(evaluation.pending).get(section)
    if waiting and measuring:
        st.info(f"Still being measured: {' and '.join(waiting)}. Its figures appear here once done.")
    elif waiting:
        st.warning(f"Not measured: {' and '.join(waiting)}. Measure the remaining figures (above) to try again.")


def fidelity_figures() -> None:
    still_measured("fidelity")
    cards(quality_summary(evaluation) + fidelity_lines(evaluation))


def show_summary() -> None:
    ui.places.in_place(redraws, fidelity_figures)
    if any(f.get("score") is not None for f in figures_by_column.values()):
        st.plotly_chart(verdict_bar(figures_by_column, order), key="summary_scores", config={"displaylogo": False})


def show_columns() -> None:
    # Without rows kept aside, a column is judged beside one real half against the other: that score is shown
    halves = evaluation.halves  # only measured without a holdout
    yardstick = "Other real half" if halves else "Fresh real sample"
    scores = pd.DataFrame(
        [
            {
                "Verdict": f"{TABLE_DOTS[figures['verdict']]} {WORDS[figures['verdict']]}",
                "Column": column,
                "Kind": KIND_LABELS[figures["kind"]].split(" (")[0],
                "Score": figures.get("score"),
                yardstick: halves.columns.get(column, {}).get("score") if halves else figures.get("holdout_score"),
                "Beyond real 1%-99%": figures.get("beyond_tails"),
                "Beyond (fresh sample)": figures.get("holdout_beyond_tails"),
                "Mean shift (sd)": two_places(figures.get("mean_shift")),
                "Mean shift (fresh sample)": two_places(figures.get("holdout_mean_shift")),
                "Spread ratio": figures.get("spread_ratio"),
                "Spread ratio (fresh sample)": figures.get("holdout_spread_ratio"),
                "Why": " ".join(figures["verdict_reasons"]),
                "Measured with": METRIC_WORDS.get(figures.get("metric"), figures.get("metric", "")),
                "Missing (real)": figures.get("missing_real"),
                "Missing (synthetic)": figures.get("missing_synthetic"),
            }
            for column, figures in ((c, figures_by_column[c]) for c in order)
        ]
    )
    st.caption(
        "Worst first. A column drifting beyond what a fresh real sample shows is never called good."
        if not halves
        else f"Worst first. This table is {NO_HOLDOUT}, so each column is set "
        "beside what one half of the real rows scores against the other half: drifting beyond that is never good."
    )
    st.dataframe(
        scores.dropna(axis="columns", how="all"),  # a figure no column has (no fresh sample) is left out, not "None"
        hide_index=True,
        width="stretch",
        column_config={
            "Score": st.column_config.ProgressColumn(
                "Score", min_value=0.0, max_value=1.0, format="%.2f", help="1 = the same shape as the real column"
            ),
            yardstick: st.column_config.NumberColumn(format="%.2f"),
            "Beyond real 1%-99%": st.column_config.NumberColumn(format="percent"),
            "Beyond (fresh sample)": st.column_config.NumberColumn(format="percent"),
            **{
                name: st.column_config.NumberColumn(format="%.2f")
                for name in (
                    "Mean shift (sd)",
                    "Mean shift (fresh sample)",
                    "Spread ratio",
                    "Spread ratio (fresh sample)",
                )
            },
            "Missing (real)": st.column_config.NumberColumn(format="percent"),
            "Missing (synthetic)": st.column_config.NumberColumn(format="percent"),
        },
    )
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
    still_measured("privacy")
    cards([exact_copy_line(evaluation), *privacy_lines(evaluation)], per_row=3)


def show_privacy() -> None:
    st.caption(
        "Screening figures, not proof: no figure here shows that the data is anonymous or compliant. "
        "They flag copying and closeness to real rows so you can decide before sharing."
    )
    ui.places.in_place(redraws, privacy_figures)
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
    for start in range(0, len(lines), 2):
        for card, line in zip(st.columns(2), lines[start : start + 2]):
            with card.container(border=True):
                st.markdown(f"{ui.LIGHTS[line.light]} **{line.label}**")
                st.markdown(f"### {line.shown}")
                st.caption(ui.plain(line.sentence))


def offer_attacks() -> None:
    if not attack_lines(evaluation):
        ui.measure.offer(
            "Measure attack risks",
            "measure_attacks",
            ("attacks", "Measuring the attack risks", attack_risk_figures),
            icon=":material/shield:",
        )


def score(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2f}"


def show_usefulness() -> None:
    if result.holdout_model is None:
        st.info("Usefulness needs real rows kept aside before training; this table was too small to spare them.")
        return
    st.caption(
        "Train the same model once on synthetic rows and once on real rows, then test both on real rows "
        "neither has seen. A ratio near 100% means the synthetic data is as useful for this prediction."
    )
    target = st.selectbox("Column to predict", columns, key="usefulness_target")
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
        figures = found[target]
        left, middle, right = st.columns(3)
        left.metric(f"Trained on real ({figures['metric']})", score(figures["real_score"]))
        middle.metric(f"Trained on synthetic ({figures['metric']})", score(figures["synthetic_score"]))
        right.metric("Synthetic / real", "n/a" if figures["ratio"] is None else f"{figures['ratio']:.0%}")
        st.caption(USEFULNESS_WORDS.get(figures["metric"], ""))
    if evaluation.utility:
        st.caption(f"The report and the metrics carry the usefulness for {ui.plain(evaluation.utility['target'])}.")


TABS = {
    "Summary": show_summary,
    "Columns": show_columns,
    "Column pairs": show_pairs,
    "Privacy": show_privacy,
    "Usefulness": show_usefulness,
}
# Only the open tab runs and goes to the browser (a tab click is one short rerun): drawing every chart of
# every tab at once is what made Compare slow to open with several people on the server (bench/RESULTS-load.md).
# The open tab is remembered outside the widget, whose state Streamlit drops while another page is shown.
if "compare_tab" not in st.session_state and ui.COMPARE_TAB in st.session_state:
    st.session_state["compare_tab"] = st.session_state[ui.COMPARE_TAB]
tabs = st.tabs(list(TABS), key="compare_tab", on_change="rerun")
for label, tab, show in zip(TABS, tabs, TABS.values(), strict=True):
    if tab.open:
        st.session_state[ui.COMPARE_TAB] = label
        with tab:
            show()

st.page_link("app_pages/download.py", label="Next: download", icon=":material/arrow_forward:")
ui.follow_up.wait_for_figures(measuring_slot, redraws=redraws)  # last: the page is drawn while they come in
