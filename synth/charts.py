"""Plotly figure builders: real vs synthetic, DataFrames in, go.Figure out (drawn by the caller)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from synth import date_ticks
from synth.encoding import numeric_values, scaled_column
from synth.evaluate.column_shapes import ColumnShapes

REAL_COLOUR = "#3b6ea5"
SYNTHETIC_COLOUR = "#e8833a"
RARE_LABEL = "Other (rare values)"
NBSP = "\u00a0"
RARE_BELOW = 5
MAX_BARS = 20
_DAY_NS = 86_400e9


def category_shares(real: pd.Series, synthetic: pd.Series) -> pd.DataFrame:
    """Share of each category in both tables; values seen fewer than 5 times in the real data are grouped."""
    real_text, synthetic_text = real.dropna().astype(str), synthetic.dropna().astype(str)
    counts = real_text.value_counts()
    keep = counts[counts >= RARE_BELOW].index[:MAX_BARS]
    real_grouped = real_text.where(real_text.isin(keep), RARE_LABEL)
    synthetic_grouped = synthetic_text.where(synthetic_text.isin(keep), RARE_LABEL)
    shares = pd.DataFrame(
        {
            "Real": real_grouped.value_counts(normalize=True),
            "Synthetic": synthetic_grouped.value_counts(normalize=True),
        }
    ).fillna(0.0)
    order = [v for v in keep if v in shares.index] + ([RARE_LABEL] if RARE_LABEL in shares.index else [])
    return shares.loc[order]


def shown(value: object) -> str:
    """Text from the data as Plotly draws it literally: Plotly reads <a href>, <b>, <br> and entities in titles,
    tick labels and hover text, so those characters go in as entities (drawn back as themselves). A value with
    spaces at its ends is quoted, its outer spaces kept as no-break spaces (a chart collapses plain ones), so
    '  Zürich' and 'Zürich' are two bars that read apart; the data itself is not changed."""
    text = str(value)
    if text != text.strip():
        core = text.strip()
        lead, trail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()) :]
        text = f"'{NBSP * len(lead)}{core}{NBSP * len(trail)}'"
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _layout(figure: go.Figure, title: str, x_title: str, y_title: str) -> go.Figure:
    figure.update_layout(
        title={"text": title, "x": 0.0},
        template="plotly_white",
        height=360,
        margin={"l": 40, "r": 20, "t": 50, "b": 40},
        legend={"orientation": "h", "y": 1.02, "x": 1.0, "xanchor": "right", "yanchor": "bottom"},
    )
    figure.update_xaxes(title_text=x_title)
    figure.update_yaxes(title_text=y_title)
    return figure


def _as_numbers(series: pd.Series, as_dates: bool) -> np.ndarray:
    """Floats to bin, missing values left out: numbers as they are, dates as nanoseconds (encoding.numeric_values)."""
    if as_dates and not pd.api.types.is_datetime64_any_dtype(series):
        series = pd.to_datetime(series, errors="coerce")
    values = numeric_values(series)
    return values[~np.isnan(values)]


def _rounded_edges(low: float, high: float, bins: int = 40, shift: int = 0) -> np.ndarray:
    """About `bins` bins of a round width on a grid of that width: the outer edges say where the values lie, but
    not the exact real minimum and maximum (one person's top salary), as edges at the extremes would. low, high and
    the edges are in units of 2**shift (encoding.scaled_column); the width is round in real units."""
    span = high - low if high > low else max(abs(low), 1.0)
    raw = np.ldexp(span / bins, shift)
    magnitude = 10 ** np.floor(np.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    return _grid_edges(low, high, np.ldexp(step, -shift))


def _grid_edges(low: float, high: float, step: float) -> np.ndarray:
    """Edges every `step`, half a step off a grid through 0 (so bars centre on round values), covering low..high
    with neither extreme on an edge."""
    start = (np.floor(low / step - 0.5) + 0.5) * step
    stop = (np.ceil(high / step - 0.5) + 0.5) * step
    if stop <= high:
        stop += step
    if start == low:
        start -= step
    return start + step * np.arange(int(round((stop - start) / step)) + 1)


def _numeric_traces(real: pd.Series, synthetic: pd.Series, as_dates: bool) -> list[go.Bar]:
    """Share of rows in each of about 40 shared bins, counted here: the browser gets 40 bars per table, not every
    value (faster to draw, and the page and the report hold no real value, only how many fall in each bin)."""
    # values near the float maximum are binned divided by a power of two (their max - min overflows), drawn scaled back
    (real_values, synthetic_values), shift = scaled_column(
        _as_numbers(real, as_dates), _as_numbers(synthetic, as_dates)
    )
    values = np.concatenate([real_values, synthetic_values])
    if not len(values):
        return []
    low, high = float(values.min()), float(values.max())
    if as_dates:  # whole days on a grid from 1970: the first and last edges are not the real first and last dates
        step = np.ceil(max((high - low) / 40, _DAY_NS) / _DAY_NS) * _DAY_NS
        edges = _grid_edges(low, high, step)
    else:
        largest = np.ldexp(np.finfo(float).max, -shift)  # a round outer edge past the float maximum stops at it
        edges = np.clip(_rounded_edges(low, high, shift=shift), -largest, largest)
    centres, widths = np.ldexp((edges[:-1] + edges[1:]) / 2, shift), np.ldexp(np.diff(edges), shift)
    if as_dates:  # a date axis counts milliseconds; bins past 2262 (9999-12-31 sentinels) need a coarser unit than ns
        near = bool(np.all(np.abs(centres) < 2.0**63))
        centres = pd.to_datetime(centres.astype("int64")) if near else date_ticks.from_seconds(centres / 1e9, "ms")
        widths = widths / 1e6
    traces = []
    for numbers, name, colour in (
        (real_values, "Real", REAL_COLOUR),
        (synthetic_values, "Synthetic", SYNTHETIC_COLOUR),
    ):
        counts, _ = np.histogram(numbers, bins=edges)
        traces.append(
            go.Bar(
                x=centres, y=counts / max(len(numbers), 1), width=widths, name=name, marker_color=colour, opacity=0.6
            )
        )
    return traces


def column_figure(real: pd.Series, synthetic: pd.Series, kind: str, side_by_side: bool = False) -> go.Figure:
    """Real vs synthetic for one column: histograms for numbers, a timeline for dates, bars for categories."""
    name = shown(real.name)
    if kind in ("integer", "decimal", "datetime"):
        traces = _numeric_traces(real, synthetic, as_dates=kind == "datetime")
        x_title, y_title = ("Date" if kind == "datetime" else name), "Share of rows"
    else:
        shares = category_shares(real, synthetic)
        traces = [
            go.Bar(x=[shown(v) for v in shares.index], y=shares[label], name=label, marker_color=colour)
            for label, colour in (("Real", REAL_COLOUR), ("Synthetic", SYNTHETIC_COLOUR))
        ]
        x_title, y_title = name, "Share of rows"
    if side_by_side and traces:
        figure = make_subplots(rows=1, cols=2, shared_yaxes=True, subplot_titles=("Real", "Synthetic"))
        for position, trace in enumerate(traces, start=1):
            trace.opacity = 0.9
            figure.add_trace(trace, row=1, col=position)
        figure = _layout(figure, name, x_title, y_title)
        figure.update_xaxes(matches="x")  # one scale for both halves, so they compare at a glance
        figure.update_yaxes(title_text="", col=2)
        return figure.update_layout(showlegend=False)  # each half is titled: a legend there covered "Synthetic"
    figure = go.Figure(traces)
    numeric = kind in ("integer", "decimal", "datetime")
    figure.update_layout(barmode="overlay" if numeric else "group", bargap=0 if numeric else None)
    return _layout(figure, name, x_title, y_title)


def score_bar(scores: dict[str, float]) -> go.Figure:
    """Horizontal bars of per-column scores, worst first (0 poor, 1 identical)."""
    ordered = sorted(scores.items(), key=lambda item: item[1])
    figure = go.Figure(
        go.Bar(
            x=[score for _, score in ordered],
            y=[shown(name) for name, _ in ordered],
            orientation="h",
            marker_color=[SYNTHETIC_COLOUR if score < ColumnShapes.good else REAL_COLOUR for _, score in ordered],
        )
    )
    figure.update_xaxes(range=[0, 1])
    figure = _layout(figure, "How closely each column matches (1 = identical shape)", "Score", "")
    figure.update_layout(height=max(240, 28 * len(ordered) + 80), showlegend=False)
    return figure


VERDICT_COLOURS = {"good": "#2e7d32", "check": "#ef8f00", "poor": "#c62828"}
VERDICT_WORDS = {"good": "good", "check": "check first", "poor": "not ready"}
# A metric's grades under its declared thresholds (good, fair, poor), coloured as the verdict's three.
SHAPE_COLOURS = {"good": VERDICT_COLOURS["good"], "fair": VERDICT_COLOURS["check"], "poor": VERDICT_COLOURS["poor"]}
SHAPE_WORDS = {"good": "good", "fair": "fair", "poor": "poor"}


def verdict_bar(columns: dict[str, dict], order: list[str]) -> go.Figure:
    """Each column's shape score as a horizontal bar, in the given order (worst verdict first, on top), coloured by
    the Column shapes metric's own thresholds (ColumnShapes.grade_value), the ones the summary's Column shapes light
    uses, so a bar at 0.95 is never red beside a summary that calls 0.88 good. The column's verdict, which also
    weighs its tails, average, spread and links, is in the hover with its reasons. columns: the per-column figures
    with "score", "verdict" and "verdict_reasons"."""
    scored = [c for c in order if columns[c].get("score") is not None]
    grades = [ColumnShapes.grade_value(columns[c]["score"]) for c in scored]
    figure = go.Figure(
        go.Bar(
            x=[columns[c]["score"] for c in scored],
            y=[shown(c) for c in scored],
            orientation="h",
            marker_color=[SHAPE_COLOURS[grade] for grade in grades],
            customdata=[
                [
                    SHAPE_WORDS[grade],
                    VERDICT_WORDS[columns[c].get("verdict", "good")],
                    shown(" ".join(columns[c].get("verdict_reasons", [])) or "Like a fresh real sample."),
                ]
                for c, grade in zip(scored, grades, strict=True)
            ],
            hovertemplate="%{y}: shape %{x:.2f} (%{customdata[0]})<br>Column: %{customdata[1]}. "
            "%{customdata[2]}<extra></extra>",
        )
    )
    figure.update_xaxes(range=[0, 1])
    figure.update_yaxes(autorange="reversed")
    title = "Each column: shape score (1 = identical), coloured as the Column shapes score is judged"
    figure = _layout(figure, title, "Score", "")
    figure.update_layout(height=max(240, 24 * len(scored) + 90), showlegend=False)
    return figure


SIDE_BY_SIDE_UP_TO = 20  # columns; wider tables get the three heat maps one under another, each full width
LABEL_CHARS = 28  # longer column names are cut on the axes (the hover names them in full)
MAP_TITLES = ("Real", "Synthetic", "Difference (synthetic - real)")


def _short(label: str) -> str:
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1] + "…"


def association_heatmaps(real: pd.DataFrame, synthetic: pd.DataFrame, difference: pd.DataFrame) -> go.Figure:
    """Three heat maps: how strongly columns go together in the real data, the synthetic data, and the difference
    (synthetic minus real). Up to 20 columns side by side, row labels only left of the first map (the rows are the
    same in all three); wider tables one map under another, each the full width, so that every label is legible."""
    names = [str(c) for c in real.columns]
    labels = [shown(name) for name in names]  # data text drawn as text
    count = len(labels)
    stacked = count > SIDE_BY_SIDE_UP_TO
    label_px = 6 * min(max(map(len, names)), LABEL_CHARS) + 10  # room for the longest label, turned or not
    if stacked:
        map_px, gap_px = 16 * count, label_px + 50  # below each map: its column labels, then the next title
        plot_px = 3 * map_px + 2 * gap_px
        figure = make_subplots(rows=3, cols=1, subplot_titles=MAP_TITLES, vertical_spacing=gap_px / plot_px)
        height = plot_px + 50 + label_px
    else:
        figure = make_subplots(rows=1, cols=3, subplot_titles=MAP_TITLES, shared_yaxes=True, horizontal_spacing=0.02)
        height = max(220, 22 * count) + label_px + 90  # the maps about square, their labels and titles around
    for position, (matrix, scale) in enumerate(((real, "Blues"), (synthetic, "Blues"), (difference, "RdBu")), 1):
        figure.add_trace(
            go.Heatmap(
                z=matrix.to_numpy(),
                x=labels,
                y=labels,
                colorscale=scale,
                zmin=-1,
                zmax=1,
                showscale=position == 3,
                colorbar={"len": 1 / 3, "y": 0.0, "yanchor": "bottom"} if stacked else None,
                hovertemplate="%{y} / %{x}: %{z:.2f}<extra></extra>",
            ),
            row=position if stacked else 1,
            col=1 if stacked else position,
        )
    ticks = {"tickmode": "array", "tickvals": labels, "ticktext": [shown(_short(name)) for name in names]}
    font = {"size": 10 if count > 12 else 12}
    figure.update_xaxes(**ticks, tickangle=0 if count * label_px < 250 else -90, tickfont=font, automargin=True)
    figure.update_yaxes(**ticks, tickfont=font, automargin=True, autorange="reversed")
    figure.update_layout(template="plotly_white", height=height, margin={"l": 40, "r": 20, "t": 50, "b": 40})
    return figure


def pair_figure(
    real: pd.DataFrame, synthetic: pd.DataFrame, first: str, second: str, kinds: dict[str, str]
) -> go.Figure:
    """Two columns together, real beside synthetic: a scatter for two numbers/dates, shares for two categories,
    and boxes of the number per category for a mixed pair."""
    numeric = {c: kinds[c] in ("integer", "decimal", "datetime") for c in (first, second)}
    figure = make_subplots(rows=1, cols=2, shared_yaxes=True, subplot_titles=("Real", "Synthetic"))
    for position, (frame, colour) in enumerate(((real, REAL_COLOUR), (synthetic, SYNTHETIC_COLOUR)), start=1):
        frame = frame[[first, second]].dropna()
        frame = frame.sample(min(len(frame), 3000), random_state=0)
        if all(numeric.values()):
            trace = go.Scattergl(
                x=frame[first],
                y=frame[second],
                mode="markers",
                marker={"color": colour, "size": 4, "opacity": 0.5},
                showlegend=False,
            )
        elif not any(numeric.values()):
            counts = frame.astype(str).value_counts(normalize=True).rename("share").reset_index()
            trace = go.Scatter(
                x=counts[first].map(shown),
                y=counts[second].map(shown),
                mode="markers",
                showlegend=False,
                marker={"color": colour, "size": (counts["share"] * 400).clip(4, 60), "opacity": 0.7},
                hovertemplate="%{x} / %{y}<extra></extra>",
            )
        else:
            category, number = (first, second) if not numeric[first] else (second, first)
            trace = go.Box(x=frame[category].map(shown), y=frame[number], marker_color=colour, showlegend=False)
        figure.add_trace(trace, row=1, col=position)
    figure.update_xaxes(title_text=shown(first))
    figure.update_yaxes(title_text=shown(second), col=1)
    figure.update_layout(template="plotly_white", height=420, margin={"l": 40, "r": 20, "t": 50, "b": 40})
    return figure
