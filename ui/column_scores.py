"""Compare's table of every column's scores, worst first, with what each figure means."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from synth.pipeline import NO_HOLDOUT
from synth.schema import KIND_LABELS
from synth.score_lines import two_places
from synth.verdict import WORDS

METRIC_WORDS = {"KSComplement": "Spread of values (Kolmogorov-Smirnov)", "TVComplement": "Share of each category"}
TABLE_DOTS = {"good": "🟢", "check": "🟠", "poor": "🔴"}  # a table cell shows no markdown colours


def column_scores(figures_by_column: dict, order: list, halves) -> pd.DataFrame:
    """A row per column in order. Without rows kept aside, a column is judged beside one real half against the
    other (halves): that score is shown where the fresh real sample's would be."""
    yardstick = "Other real half" if halves else "Fresh real sample"
    return pd.DataFrame(
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


def show_column_scores(scores: pd.DataFrame, halves) -> None:
    """The table (column_scores) with a line on how to read it."""
    yardstick = "Other real half" if halves else "Fresh real sample"
    st.caption(
        "Worst first. A column drifting beyond what a fresh real sample shows is never called good."
        if not halves
        else f"Worst first. This table is {NO_HOLDOUT}, so each column is set "
        "beside what one half of the real rows scores against the other half: drifting beyond that is never good."
    )
    two_decimals = ("Mean shift (sd)", "Mean shift (fresh sample)", "Spread ratio", "Spread ratio (fresh sample)")
    st.dataframe(
        scores.dropna(axis="columns", how="all"),  # a figure no column has (no fresh sample) is left out, not "None"
        hide_index=True,
        width="stretch",
        placeholder="",  # a figure a column lacks reads empty, not "None"
        column_config={
            "Score": st.column_config.ProgressColumn(
                "Score", min_value=0.0, max_value=1.0, format="%.2f", help="1 = the same shape as the real column"
            ),
            yardstick: st.column_config.NumberColumn(format="%.2f"),
            "Beyond real 1%-99%": st.column_config.NumberColumn(format="percent"),
            "Beyond (fresh sample)": st.column_config.NumberColumn(format="percent"),
            **{name: st.column_config.NumberColumn(format="%.2f") for name in two_decimals},
            "Missing (real)": st.column_config.NumberColumn(format="percent"),
            "Missing (synthetic)": st.column_config.NumberColumn(format="percent"),
        },
    )
