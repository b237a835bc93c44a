"""The report's charts: one slot per figure, the data once as JSON with the template shared, nothing that breaks out."""

import base64
import gzip
import json
import re

import plotly.graph_objects as go

from synth.report_charts import chart_slots


def _payload(script: str) -> dict:
    return json.loads(re.search(r'id="report-figures">(.*?)</script>', script, re.S).group(1))


def test_each_figure_gets_a_slot_of_its_height_and_shares_one_template():
    # Setup
    figures = [
        go.Figure(
            go.Bar(x=[1, 2], y=[0.5, 0.5]),
            layout={"template": "plotly_white", "height": 360, "margin": {"t": 50, "b": 40}},
        ),
        go.Figure(go.Heatmap(z=[[1, 0], [0, 1]]), layout={"template": "plotly_dark", "height": 500}),
    ]

    # Run
    slots, script = chart_slots(figures)

    # Assert
    assert len(slots) == 2 and "min-height:360px" in slots[0] and "min-height:500px" in slots[1]
    assert 'data-chart="1"' in slots[1]
    payload = _payload(script)
    first, second = payload["charts"]
    assert first["shared"] and "template" not in first["layout"] and payload["template"]["layout"]
    assert not second["shared"] and second["layout"]["template"] != payload["template"]  # a different one is kept
    assert payload["config"]["displaylogo"] is False
    assert first["layout"]["margin"]["l"] >= 80 and first["layout"]["margin"]["b"] >= 70  # no second draw for ticks
    assert "margin" not in second["layout"] and figures[0].layout.margin.l is None  # the figure itself untouched
    assert script.count("<script") == 3 and " src=" not in script


def test_text_from_the_data_cannot_close_the_script():
    # Setup
    figure = go.Figure(go.Bar(x=["</script><img src=x onerror=alert(1)>", "&amp;"], y=[1, 2]))

    # Run
    _, script = chart_slots([figure])

    # Assert
    assert "<img" not in script and "</script><img" not in script and "&amp;" not in script
    assert _payload(script)["charts"][0]["data"][0]["x"][0] == "</script><img src=x onerror=alert(1)>"


def test_plotly_travels_once_packed_and_unpacks_to_the_bundle_of_the_installed_package():
    # Setup
    from plotly.offline import get_plotlyjs

    # Run
    _, script = chart_slots([go.Figure(go.Bar(x=[1], y=[1]))])

    # Assert: the whole bundle, byte for byte, in a third of the room; nothing fetched, unpacked by the browser
    packed = re.search(r'<script type="application/gzip;base64" id="plotly-js-gzip">(.*?)</script>', script, re.S)
    assert gzip.decompress(base64.b64decode(packed.group(1))).decode("utf-8") == get_plotlyjs()
    assert len(packed.group(1)) < len(get_plotlyjs()) / 2
    assert script.count("plotly-js-gzip") == 2 and "DecompressionStream" in script and "plotly.js v" not in script
