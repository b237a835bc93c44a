"""The report's charts drawn lazily: each figure's data once as JSON, a slot of its height, drawn when scrolled near."""

from __future__ import annotations

import json

import plotly.graph_objects as go
import plotly.io as pio

CONFIG = {"displaylogo": False, "responsive": True}
_TEMPLATE = "plotly_white"
# Plain inline JavaScript (no external script): draw the charts near the screen first, the rest one per idle moment
# after the page has loaded, and all of them before printing. Drawing all 70-odd charts of a wide table while the page
# loads is what made the report take 7-12 s to open (bench/RESULTS-report.md).
_DRAW = """(function(){
var all=JSON.parse(document.getElementById('report-figures').textContent);
var slots=[].slice.call(document.querySelectorAll('.chart-slot')),queue=slots.slice();
function draw(slot){if(slot.getAttribute('data-drawn'))return;slot.setAttribute('data-drawn','1');
var f=all.charts[+slot.getAttribute('data-chart')];if(f.shared)f.layout.template=all.template;
return Plotly.newPlot(slot,f.data,f.layout,all.config);}
var seen=window.IntersectionObserver?new IntersectionObserver(function(entries){entries.forEach(function(e){
if(e.isIntersecting){seen.unobserve(e.target);draw(e.target);}});},{rootMargin:'600px 0px'}):null;
slots.forEach(function(s){if(seen)seen.observe(s);else draw(s);});
var later=window.requestIdleCallback||function(f){return setTimeout(f,1);};
function next(){while(queue.length&&queue[0].getAttribute('data-drawn'))queue.shift();
if(queue.length)Promise.resolve(draw(queue.shift())).then(function(){setTimeout(next,0);});}
if(document.readyState==='complete')later(next);else window.addEventListener('load',function(){later(next);});
window.addEventListener('beforeprint',function(){slots.forEach(draw);});
})();"""


def _shared_template() -> dict:
    return json.loads(pio.to_json(go.Figure(layout={"template": _TEMPLATE}), validate=False))["layout"]["template"]


def _figure(figure: go.Figure, template: dict) -> dict:
    """The figure as Plotly's JSON (arrays as compact typed arrays); the shared template left out, added back when
    drawn (it is about 7 kB, once per figure otherwise)."""
    data = json.loads(pio.to_json(figure, validate=False))
    layout = data.setdefault("layout", {})
    shared = layout.get("template") == template
    if shared:
        del layout["template"]
    return {"data": data.get("data", []), "layout": layout, "shared": shared}


def chart_slots(figures: list[go.Figure]) -> tuple[list[str], str]:
    """One empty block per figure, of the figure's height so that the page does not jump as they are drawn, and the
    script (figures as JSON plus the drawing code) to place after them, once. Needs Plotly's JS loaded before."""
    template = _shared_template()
    charts = [_figure(figure, template) for figure in figures]
    slots = [
        f'<div class="chart-slot" data-chart="{index}" style="min-height:{int(chart["layout"].get("height", 450))}px">'
        "</div>"
        for index, chart in enumerate(charts)
    ]
    payload = json.dumps({"template": template, "config": CONFIG, "charts": charts}, separators=(",", ":"))
    payload = payload.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    script = (
        f'<script type="application/json" id="report-figures">{payload}</script>'
        f'<script type="text/javascript">{_DRAW}</script>'
    )
    return slots, script
