"""The report's charts: one slot per figure, the data once as JSON with the template shared, nothing that breaks out."""

import json
import re

import plotly.graph_objects as go

from synth.report_charts import chart_slots


def _payload(script: str) -> dict:
    return json.loads(re.search(r'id="report-figures">(.*?)</script>', script, re.S).group(1))


def test_each_figure_gets_a_slot_of_its_height_and_shares_one_template():
    # Setup
    figures = [
        go.Figure(go.Bar(x=[1, 2], y=[0.5, 0.5]), layout={"template": "plotly_white", "height": 360}),
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
    assert script.count("<script") == 2 and " src=" not in script


def test_text_from_the_data_cannot_close_the_script():
    # Setup
    figure = go.Figure(go.Bar(x=["</script><img src=x onerror=alert(1)>", "&amp;"], y=[1, 2]))

    # Run
    _, script = chart_slots([figure])

    # Assert
    assert "<img" not in script and "</script><img" not in script and "&amp;" not in script
    assert _payload(script)["charts"][0]["data"][0]["x"][0] == "</script><img src=x onerror=alert(1)>"
