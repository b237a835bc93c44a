"""The report's charts drawn lazily: each figure's data once as JSON, a slot of its height, drawn when scrolled near."""

from __future__ import annotations

import base64
import functools
import gzip
import json

import plotly.graph_objects as go
import plotly.io as pio

CONFIG = {"displaylogo": False, "responsive": True}
# Room for tick labels and axis titles from the start: when Plotly's automargin has to widen a margin it draws the
# chart twice, which was a third of the drawing time of the 70-column report. Wider labels still get their room.
_ROOM = {"l": 80, "b": 70}
_TEMPLATE = "plotly_white"
# Plain inline JavaScript (no external script, nothing fetched). Plotly's JS travels gzipped inside the page (1.9 MB
# instead of 4.8 MB) and is unpacked by the browser after the text is on screen, then run as a blob script, which
# Chromium compiles off the main thread. Charts near the screen are drawn first, the rest one per idle moment, all
# before printing. Drawing all 70-odd charts of a wide table while the page loaded is what made the report take
# 7-12 s to open; parsing the bundle before the text showed cost another 2 s (bench/RESULTS-report.md).
_DRAW = """(function(){
var all=JSON.parse(document.getElementById('report-figures').textContent);
var slots=[].slice.call(document.querySelectorAll('.chart-slot')),queue=slots.slice(),wanted=[],ready=false;
function draw(slot){if(slot.getAttribute('data-drawn'))return;if(!ready){wanted.push(slot);return;}
slot.setAttribute('data-drawn','1');
var f=all.charts[+slot.getAttribute('data-chart')];if(f.shared)f.layout.template=all.template;
return Plotly.newPlot(slot,f.data,f.layout,all.config);}
function fail(){slots.forEach(function(s){s.textContent='The charts need a browser from 2023 or later '+
'(Chrome or Edge 80, Firefox 113, Safari 16.4): the figures above are complete without them.';});}
var seen=window.IntersectionObserver?new IntersectionObserver(function(entries){entries.forEach(function(e){
if(e.isIntersecting){seen.unobserve(e.target);draw(e.target);}});},{rootMargin:'600px 0px'}):null;
slots.forEach(function(s){if(seen)seen.observe(s);else draw(s);});
var later=window.requestIdleCallback||function(f){return setTimeout(f,1);};
function next(){while(queue.length&&queue[0].getAttribute('data-drawn'))queue.shift();
if(queue.length)Promise.resolve(draw(queue.shift())).then(function(){setTimeout(next,0);});}
function started(){ready=true;var now=wanted;wanted=[];now.forEach(draw);later(next);}
function start(){var packed=document.getElementById('plotly-js-gzip');
if(!packed||!window.DecompressionStream||!window.Blob||!window.URL){fail();return;}
var text=atob(packed.textContent),bytes=new Uint8Array(text.length);
for(var i=0;i<text.length;i++)bytes[i]=text.charCodeAt(i);
new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'))).blob().then(function(js){
var s=document.createElement('script');s.async=true;
s.src=URL.createObjectURL(new Blob([js],{type:'text/javascript'}));
s.onload=function(){URL.revokeObjectURL(s.src);started();};s.onerror=fail;document.body.appendChild(s);
}).catch(fail);}
function soon(){requestAnimationFrame(function(){setTimeout(start,0);});}
if(document.readyState==='complete')soon();else window.addEventListener('load',soon);
window.addEventListener('beforeprint',function(){slots.forEach(draw);});
})();"""


@functools.lru_cache(maxsize=1)
def packed_plotly() -> str:
    """Plotly's JS (the bundle that ships inside the plotly package) gzipped and base64-encoded: the same for every
    report, so made once per process (about half a second)."""
    from plotly.offline import get_plotlyjs

    return base64.b64encode(gzip.compress(get_plotlyjs().encode("utf-8"), compresslevel=6, mtime=0)).decode("ascii")


def _shared_template() -> dict:
    return json.loads(pio.to_json(go.Figure(layout={"template": _TEMPLATE}), validate=False))["layout"]["template"]


def _figure(figure: go.Figure, template: dict) -> dict:
    """The figure as Plotly's JSON (arrays as compact typed arrays); the shared template left out, added back when
    drawn (it is about 7 kB, once per figure otherwise)."""
    data = json.loads(pio.to_json(figure, validate=False))
    layout = data.setdefault("layout", {})
    if "margin" in layout:
        layout["margin"] = {**layout["margin"], **{k: max(v, layout["margin"].get(k, 0)) for k, v in _ROOM.items()}}
    shared = layout.get("template") == template
    if shared:
        del layout["template"]
    return {"data": data.get("data", []), "layout": layout, "shared": shared}


def chart_slots(figures: list[go.Figure]) -> tuple[list[str], str]:
    """One empty block per figure, of the figure's height so that the page does not jump as they are drawn, and the
    script to place after them, once: Plotly's JS (packed), the figures as JSON and the drawing code."""
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
        f'<script type="application/gzip;base64" id="plotly-js-gzip">{packed_plotly()}</script>'
        f'<script type="application/json" id="report-figures">{payload}</script>'
        f'<script type="text/javascript">{_DRAW}</script>'
    )
    return slots, script
