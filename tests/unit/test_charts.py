"""Figure builders return Plotly figures with both tables and group rare categories."""

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest

from synth.charts import (
    LABEL_CHARS,
    RARE_LABEL,
    VERDICT_COLOURS,
    association_heatmaps,
    category_shares,
    column_figure,
    score_bar,
    verdict_bar,
)
from synth.evaluate.column_shapes import ColumnShapes


def test_numeric_chart_overlays_real_and_synthetic():
    # Run
    figure = column_figure(pd.Series([1.0, 2, 3, 4], name="x"), pd.Series([1.5, 2.5, 3.5], name="x"), "decimal")

    # Assert
    assert isinstance(figure, go.Figure)
    assert [trace.name for trace in figure.data] == ["Real", "Synthetic"]


def test_numeric_chart_sends_shares_per_bin_never_the_real_values():
    # Setup
    real = pd.Series([1013.37, 1021.9, 998.12, 1005.5, 1017.25] * 20, name="pressure")
    synthetic = pd.Series([1000.0, 1010.0, 1020.0] * 10, name="pressure")

    # Run
    figure = column_figure(real, synthetic, "decimal")

    # Assert
    shown = {round(float(x), 2) for trace in figure.data for x in trace.x} | {
        round(float(y), 2) for trace in figure.data for y in trace.y
    }
    assert not shown & {1013.37, 1021.9, 998.12, 1005.5, 1017.25}
    assert all(sum(trace.y) == pytest.approx(1.0) for trace in figure.data)
    assert len(figure.data[0].x) == len(figure.data[1].x) <= 41


def test_date_chart_bins_days_with_and_without_time_zones():
    # Setup
    days = pd.Series(pd.date_range("2021-01-01", periods=90, tz="Europe/Paris"), name="d")

    # Run
    figure = column_figure(days, days.iloc[:45], "datetime")
    single_day = column_figure(days.iloc[:1], days.iloc[:1], "datetime")

    # Assert
    assert [sum(trace.y) for trace in figure.data] == [pytest.approx(1.0)] * 2
    assert sum(single_day.data[0].y) == pytest.approx(1.0)


def test_date_and_category_charts_and_side_by_side():
    # Setup
    dates = pd.Series(pd.date_range("2021-01-01", periods=30), name="d")

    # Run
    timeline = column_figure(dates, dates.sample(frac=1, random_state=0), "datetime")
    bars = column_figure(
        pd.Series(list("aab") * 5, name="c"), pd.Series(list("abb") * 5, name="c"), "category", side_by_side=True
    )

    # Assert
    assert len(timeline.data) == 2 and len(bars.data) == 2
    assert bars.layout.annotations[0].text == "Real"


def test_rare_real_categories_are_grouped():
    # Setup
    real = pd.Series(["common"] * 10 + ["once"])

    # Run
    shares = category_shares(real, pd.Series(["common", "once"]))

    # Assert
    assert "once" not in shares.index and RARE_LABEL in shares.index
    assert shares["Real"].sum() == 1.0


def test_score_bar_orders_worst_first():
    # Run
    figure = score_bar({"good": 0.9, "bad": 0.2})

    # Assert
    assert list(figure.data[0].y) == ["bad", "good"]


def test_verdict_bar_follows_the_given_order_and_colours_each_shape_as_the_summary_judges_column_shapes():
    # Setup: the walk saw 0.95 bars red (their columns' links drifted) beside a summary calling shapes 0.88 good
    columns = {
        "fine": {"score": 0.95, "verdict": "good", "verdict_reasons": []},
        "linked": {"score": 0.95, "verdict": "poor", "verdict_reasons": ["The link between 'linked' and 'x' drifts."]},
        "middling": {"score": 0.7, "verdict": "check", "verdict_reasons": []},
        "piled": {"score": 0.4, "verdict": "poor", "verdict_reasons": ["Column 'piled' has 11% beyond."]},
        "note": {"score": None, "verdict": "good"},
    }

    # Run
    figure = verdict_bar(columns, ["piled", "linked", "middling", "fine", "note"])

    # Assert
    bars = figure.data[0]
    assert list(bars.y) == ["piled", "linked", "middling", "fine"]
    expected = [ColumnShapes.grade_value(columns[c]["score"]) for c in bars.y]
    assert expected == ["poor", "good", "fair", "good"]
    as_lights = {"good": VERDICT_COLOURS["good"], "fair": VERDICT_COLOURS["check"], "poor": VERDICT_COLOURS["poor"]}
    assert list(bars.marker.color) == [as_lights[grade] for grade in expected]
    assert "not ready" in bars.customdata[1][1] and "drifts" in bars.customdata[1][2]
    assert "11% beyond" in bars.customdata[0][2]


def test_values_with_outer_spaces_are_quoted_in_chart_labels_so_they_read_apart_and_the_data_is_untouched():
    # Setup: the walk saw two bars both labelled "Zürich" ("  Zürich" and "Zürich")
    real = pd.Series(["  Zürich"] * 6 + ["Zürich"] * 6 + ["Málaga "] * 6, name="city")
    synthetic = real.copy()

    # Run
    figure = column_figure(real, synthetic, "category")

    # Assert
    labels = list(figure.data[0].x)
    assert labels == ["'\u00a0\u00a0Zürich'", "Zürich", "'Málaga\u00a0'"]
    assert len(set(labels)) == 3
    assert real.iloc[0] == "  Zürich" and real.equals(synthetic)

    # Setup: one person's top salary
    real = pd.Series([31_250.0, 40_000.0, 52_500.0, 61_000.0, 187_345.67])
    dates = pd.Series(pd.to_datetime(["2021-03-07", "2021-06-01", "2022-11-19"]))

    # Run
    numbers = column_figure(real, real.sample(frac=1.0, random_state=0), "decimal")
    timeline = column_figure(dates, dates, "datetime")

    # Assert: no bar edge (centre +- half width) falls on the real extremes
    for figure, low, high in (
        (numbers, real.min(), real.max()),
        (timeline, dates.min().value, dates.max().value),
    ):
        bar = figure.data[0]
        centres = np.asarray(pd.to_datetime(bar.x).astype("int64") if figure is timeline else bar.x, dtype=float)
        widths = np.asarray(bar.width, dtype=float) * (1e6 if figure is timeline else 1.0)
        edges = set(np.round(np.concatenate([centres - widths / 2, centres + widths / 2]), 3))
        assert round(float(low), 3) not in edges and round(float(high), 3) not in edges


def test_side_by_side_halves_are_titled_and_no_legend_covers_the_titles():
    # Run
    figure = column_figure(pd.Series([1.0, 2, 3] * 5, name="x"), pd.Series([1.5, 2.5] * 5, name="x"), "decimal", True)

    # Assert: the legend used to sit above the right half, over its "Synthetic" title
    assert [a.text for a in figure.layout.annotations] == ["Real", "Synthetic"]
    assert figure.layout.showlegend is False
    assert figure.layout.xaxis2.matches == "x"  # one scale for both halves


def matrices(count: int) -> pd.DataFrame:
    names = [f"column_{i}" for i in range(count - 1)] + ["a_column_name_far_longer_than_any_axis_has_room_for"]
    values = np.random.default_rng(0).uniform(-1, 1, (count, count))
    return pd.DataFrame(values, index=names, columns=names)


def test_few_columns_heat_maps_side_by_side_with_row_labels_only_left_of_the_first():
    # Setup
    matrix = matrices(8)

    # Run
    figure = association_heatmaps(matrix, matrix, matrix - matrix)

    # Assert: row labels of the second and third maps used to sit on the map to their left
    layout = figure.layout
    assert layout.yaxis2.showticklabels is False and layout.yaxis3.showticklabels is False
    assert layout.xaxis.domain[1] < layout.xaxis2.domain[0] < layout.xaxis2.domain[1] < layout.xaxis3.domain[0]


def test_many_columns_heat_maps_stacked_full_width_with_every_label():
    # Setup
    matrix = matrices(74)

    # Run
    figure = association_heatmaps(matrix, matrix, matrix - matrix)

    # Assert: one map under another, each the full width, tall enough for a legible row per column
    layout = figure.layout
    domains = [layout.yaxis.domain, layout.yaxis2.domain, layout.yaxis3.domain]
    assert all(axis.domain == (0.0, 1.0) for axis in (layout.xaxis, layout.xaxis2, layout.xaxis3))
    assert domains[2][1] < domains[1][0] < domains[1][1] < domains[0][0]
    assert all((top - bottom) * layout.height >= 14 * 74 for bottom, top in domains)
    assert list(layout.yaxis.tickvals) == list(matrix.columns)  # every label shown, not every other one
    assert max(len(text) for text in layout.yaxis.ticktext) == LABEL_CHARS
    assert figure.data[0].y[-1] == matrix.columns[-1]  # the hover names it in full


def _texts(value, key=""):
    """Every string Plotly will draw from a figure (its own hover templates left out)."""
    if isinstance(value, dict):
        return [t for k, v in value.items() if k != "hovertemplate" for t in _texts(v, k)]
    if isinstance(value, list | tuple | np.ndarray | pd.Series | pd.Index):
        return [t for v in value for t in _texts(v, key)]
    return [value] if isinstance(value, str) else []


def test_names_and_values_from_the_data_are_drawn_as_text_never_as_links():
    # Setup: Plotly reads <a href>, <b> and <br> in titles, tick labels and hover text
    from synth.charts import association_heatmaps, pair_figure

    link = "<a href='http://evil.example'>x</a>"
    real = pd.DataFrame({link: ["<b>A</b>"] * 10 + ["B & C"] * 10, "n": range(20)})
    matrix = pd.DataFrame([[1.0, 0.1], [0.1, 1.0]], index=real.columns, columns=real.columns)

    # Run
    figures = [
        column_figure(real[link], real[link], "category"),
        verdict_bar({link: {"score": 0.5, "verdict": "check", "verdict_reasons": [f"{link} drifts"]}}, [link]),
        score_bar({link: 0.5}),
        association_heatmaps(matrix, matrix, matrix),
        pair_figure(real, real, link, "n", {link: "category", "n": "integer"}),
    ]
    texts = [text for figure in figures for text in _texts(figure.to_plotly_json())]

    # Assert: the markup arrives as entities, which Plotly draws back as the characters themselves
    assert not any("<a" in text or "<b>" in text for text in texts)
    assert any("&lt;a href='http://evil.example'&gt;x&lt;/a&gt;" in text for text in texts)
    assert any(text == "B &amp; C" for text in texts) and any(text == "&lt;b&gt;A&lt;/b&gt;" for text in texts)


def test_values_near_the_float_maximum_chart_with_finite_bins():
    # Setup: values up to 1.7e308 either way (max - min overflows a float); numpy warnings fail the test
    import warnings

    rng = np.random.default_rng(0)
    real = pd.Series(rng.uniform(-1, 1, 300) * 1.7e308, name="vast")
    synthetic = pd.Series(rng.uniform(-1, 1, 300) * 1.6e308, name="vast")

    # Run
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        figures = [column_figure(real, synthetic, "decimal", side_by_side) for side_by_side in (False, True)]

    # Assert: every bar where it belongs, and together they hold every value
    for figure in figures:
        for bar in figure.data:
            centres, widths = np.asarray(bar.x, dtype=float), np.asarray(bar.width, dtype=float)
            assert np.isfinite(centres).all() and np.isfinite(widths).all() and (widths > 0).all()
            assert np.isclose(float(np.sum(bar.y)), 1.0)
        edges = np.asarray(figure.data[0].x, dtype=float) - np.asarray(figure.data[0].width, dtype=float) / 2
        assert edges[0] < real.min() and real.max() < edges[-1] + figure.data[0].width[-1]
