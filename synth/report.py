"""The self-contained HTML quality report, the metrics JSON and the generation record."""

from __future__ import annotations

import html
import json
import math
from datetime import UTC, datetime

from synth.charts import VERDICT_COLOURS, association_heatmaps, column_figure, verdict_bar
from synth.pipeline import NO_HOLDOUT, RunResult
from synth.report_charts import chart_slots
from synth.runners import where_text
from synth.score_lines import attack_lines, fidelity_lines, privacy_lines, quality_summary, two_places
from synth.verdict import WORDS, Verdict, column_figures, decide, worst_first

_LIGHT_COLOURS = {"green": "#2e7d32", "amber": "#ef8f00", "red": "#c62828", "grey": "#757575"}
_STYLE = """
body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:2rem auto;max-width:1100px;
color:#1d2733;padding:0 1rem}h1{margin-bottom:.2rem}.muted{color:#5b6673}
table{border-collapse:collapse;margin:.5rem 0 1.5rem}td,th{border-bottom:1px solid #dde3ea;padding:.35rem .7rem;
text-align:left;vertical-align:top}.light{display:inline-block;width:.9rem;height:.9rem;border-radius:50%;
margin-right:.4rem;vertical-align:middle}.chart{margin-bottom:1rem}code{background:#f2f4f7;padding:0 .2rem}
"""


def _clean(value):
    """JSON-safe: NaN becomes null, numpy scalars become Python numbers."""
    if isinstance(value, dict):
        return {str(k): _clean(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_clean(v) for v in value]
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
        return None
    return value


def metrics(result: RunResult) -> dict:
    """The metrics JSON of DESIGN.md."""
    record, evaluation = result.record, result.evaluation
    quality, verdict = evaluation.quality, decide(evaluation, record)
    return _clean(
        {
            "generator": record["generator"],
            "seed": record["seed"],
            "rows": record["rows"],
            "verdict": verdict.as_json(),
            "columns": column_figures(evaluation, verdict),
            "quality": {
                "overall": quality.overall,
                "column_shapes": quality.column_shapes,
                "column_pair_trends": quality.column_pair_trends,
            },
            "column_pairs": quality.pairs,
            "reference": None
            if evaluation.reference is None
            else {
                "overall": evaluation.reference.overall,
                "column_shapes": evaluation.reference.column_shapes,
                "column_pair_trends": evaluation.reference.column_pair_trends,
                "meaning": "the same scores for real rows kept aside before training: what a fresh real sample gets",
            },
            "fidelity": evaluation.fidelity,
            "privacy": evaluation.privacy,
            "utility": evaluation.utility,
            "timings": {**record["timings"], **{f"evaluate_{k}": v for k, v in evaluation.timings.items()}},
            "extras": list(evaluation.extras),
            "versions": record["versions"],
            "warnings": record["warnings"],
            "record": {k: v for k, v in record.items() if k not in ("timings", "versions", "warnings")},
            **({"differential_privacy": record["privacy_guarantee"]} if record.get("privacy_guarantee") else {}),
        }
    )


def metrics_json(result: RunResult) -> bytes:
    return json.dumps(metrics(result), indent=2, ensure_ascii=False).encode("utf-8")


def _e(value) -> str:
    return html.escape(str(value), quote=True)


def _summary_rows(lines) -> str:
    rows = []
    for line in lines:
        value = line.shown
        rows.append(
            f'<tr><td><span class="light" style="background:{_LIGHT_COLOURS[line.light]}"></span>'
            f"{_e(line.label)}</td><td><b>{_e(value)}</b></td><td>{_e(line.sentence)}</td></tr>"
        )
    return "".join(rows)


def _usefulness(utility: dict) -> str:
    if not utility:
        return ""
    ratio = "n/a" if utility.get("ratio") is None else f"{utility['ratio']:.0%}"
    return (
        f"<h2>Usefulness</h2><p>A model predicting <b>{_e(utility['target'])}</b> scores "
        f"{utility['synthetic_score']:.2f} ({_e(utility['metric'])}) when trained on synthetic rows and "
        f"{utility['real_score']:.2f} when trained on real rows, both tested on real rows neither saw: "
        f"{_e(ratio)} of the real data's usefulness.</p>"
    )


def _attacks(evaluation) -> str:
    """The attack-based risks, when they were measured (--all, or the Privacy tab's button)."""
    lines = attack_lines(evaluation)
    if not lines:
        return ""
    return (
        '<h2>Attack-based privacy risk</h2><p class="muted">Anonymeter\'s method (Giomi et al., PoPETs 2023): '
        "attacks that use the synthetic rows, against the real rows it learned from and, as a yardstick, against "
        "real rows it never saw. 0% means the synthetic data helps an attacker no more against the people it "
        f"learned from than against anyone else.</p><table>{_summary_rows(lines)}</table>"
    )


def learned_text(record: dict) -> str:
    """How many real rows the generator learned from, and whether they were a sample, in words."""
    learned, held = record.get("learned_rows"), record.get("holdout_rows", 0)
    if learned is None:
        return "not known: the synthetic rows were made elsewhere"
    kept = f"; {held:,} kept aside to judge against" if held else ""
    if learned + held < record["input_rows"]:
        chosen = "chosen by the user" if record.get("sample_rows") else "the server's limit"
        return f"{learned:,} real rows, a random sample ({chosen}){kept}"
    return f"{learned:,} real rows, every row{kept}"


def _record_rows(result: RunResult) -> str:
    record = result.record
    items = [
        ("Generated", datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")),
        ("Source file", record.get("table") or "not named"),
        ("Input fingerprint", record["input_fingerprint"]),
        ("Input size", f"{record['input_rows']:,} rows, {record['input_columns']} columns"),
        ("Learned from", learned_text(record)),
        ("Generator", f"{record['generator_label']} ({record['generator']})"),
        ("Options", options_text(record) or "defaults"),
        ("Seed", record["seed"]),
        ("Synthetic rows", f"{record['rows']:,}"),
        ("Only rows with", ", ".join(f"{k} = {v}" for k, v in record.get("where", {}).items()) or "no condition"),
        ("Rebalanced", json.dumps(record["rebalance"]) if record.get("rebalance") else "no"),
        ("Rules", "; ".join(record.get("rules", [])) or "none"),
        ("Fakes' language", record.get("locale") or "no personal data replaced"),
        ("Trained on", where_text(record)),
        ("Timings", ", ".join(f"{k.removesuffix('_s')} {v:.1f} s" for k, v in record["timings"].items())),
        ("Versions", ", ".join(f"{k} {v}" for k, v in record["versions"].items())),
    ]
    if guarantee := record.get("privacy_guarantee"):
        items[7:7] = [
            ("Privacy guarantee", guarantee["sentence"]),
            (
                "What it covers",
                "the synthetic rows only: this report and the metrics file show figures and charts of the real data "
                "too, so share the synthetic data, not them, where the guarantee matters",
            ),
            (
                "Privacy budget",
                f"epsilon {guarantee['epsilon']:g}, delta {guarantee['delta']:g}; {guarantee['method']}",
            ),
            ("Budget split", budget_split_text(guarantee["budget_split"])),
            ("Ranges found from the budget for", ", ".join(guarantee.get("ranges_found", [])) or "no column"),
            ("No value named (all 'Other') in", ", ".join(guarantee.get("no_value_named", [])) or "no column"),
            (
                "Yes/no spelling not found (written Yes/No) in",
                ", ".join(guarantee.get("spelling_not_found", [])) or "no column",
            ),
            ("Treated as public", "; ".join(guarantee["treated_as_public"])),
            ("Rarer values grouped as 'Other' in", ", ".join(guarantee.get("grouped_as_other", [])) or "no column"),
            ("Missing values kept in", ", ".join(guarantee.get("missing_values_kept", [])) or "no column"),
            ("Exact zeros kept apart in", ", ".join(guarantee.get("zeros_kept", [])) or "no column"),
            ("Date markers kept (such as 9999-12-31)", ", ".join(guarantee.get("date_markers_kept", [])) or "none"),
        ]
    return "".join(
        f"<tr><th>{_e(k)}</th><td>{'<br>'.join(map(_e, v)) if isinstance(v, list) else _e(v)}</td></tr>"
        for k, v in items
    )


# The budget split's entries in words, in the record's order; an entry not listed here keeps its own name.
SPLIT_WORDS = {
    "rho_total": "whole budget, as zero-concentrated DP (rho)",
    "lookup_share": "share spent finding ranges and category values",
    "rho_per_column_range_or_values": "rho per column looked up",
    "columns_looked_up": "columns looked up",
    "delta_per_category_column": "delta per category column (the chance a rare value is named)",
    "rho_marginals": "rho left for the one- and two-column counts",
    "range_looks": "looks per range",
    "exact_zeros": "exact zeros of a number column",
    "date_markers": "dates marking open or missing rows (9999-12-31)",
    "range_zooms": "zooms into narrow ranges",
    "named_value_counts": "counts of the named values",
    "conversion": "conversion to epsilon and delta",
}


def budget_split_text(split: dict) -> list[str]:
    """How a private run's budget was shared out, as 'what: how much' lines a person can read, not JSON."""
    lines = []
    for key, value in split.items():
        shown = f"{value:.0%}" if key == "lookup_share" else f"{value:g}" if isinstance(value, float) else value
        lines.append(f"{SPLIT_WORDS.get(key, key.replace('_', ' '))}: {shown}")
    return lines


def options_text(record: dict) -> list[str]:
    """The generator's options as 'label: value' lines, in words (0 rows behind each value is 'automatic'), not JSON."""
    from synth.generators import GENERATORS

    options, spec = record.get("options") or {}, GENERATORS.get(record.get("generator"))
    lines = spec.options_in_words(options) if spec else [(name, str(value)) for name, value in options.items()]
    return [f"{label}: {words}" for label, words in lines]


def _percent(value) -> str:
    return "" if value is None else f"{value:.1%}"


def _number(value, unit: str = "") -> str:
    return "" if value is None or value != value else f"{two_places(value):.2f}{unit}"


def _column_rows(result: RunResult, columns: dict[str, dict], halves) -> str:
    """halves: without rows kept aside, one real half's scores against the other, which the verdict reads."""
    from synth.schema import KIND_LABELS

    rows = []
    for column in worst_first(columns) + [c for c in result.kinds if c not in columns]:
        figures = columns.get(column, {})
        score = figures.get("score")
        verdict = figures.get("verdict")
        light = "" if verdict is None else f'<span class="light" style="background:{VERDICT_COLOURS[verdict]}"></span>'
        cells = [
            f"{light}{_e(column)}",
            _e(KIND_LABELS[result.kinds[column]]),
            _e(
                "not learned"
                if score is None
                else "none: no real value to compare"  # an empty column (it read 'nan (TVComplement)')
                if score != score
                else f"{score:.2f} ({figures.get('metric')})"
            ),
            _e(_number(halves.columns.get(column, {}).get("score") if halves else figures.get("holdout_score"))),
            _e(
                " / ".join(
                    p
                    for p in (_percent(figures.get("beyond_tails")), _percent(figures.get("holdout_beyond_tails")))
                    if p
                )
            ),
            _e(
                " / ".join(
                    p for p in (_number(figures.get("mean_shift")), _number(figures.get("holdout_mean_shift"))) if p
                )
            ),
            _e(
                " / ".join(
                    p for p in (_number(figures.get("spread_ratio")), _number(figures.get("holdout_spread_ratio"))) if p
                )
            ),
            _e(
                " / ".join(
                    p for p in (_percent(figures.get("missing_real")), _percent(figures.get("missing_synthetic"))) if p
                )
            ),
            _e(" ".join(figures.get("verdict_reasons", []))),
        ]
        rows.append("<tr>" + "".join(f"<td>{cell}</td>" for cell in cells) + "</tr>")
    return "".join(rows)


_COLUMN_HEADER = (
    "<tr><th>Column</th><th>Kind</th><th>Shape score</th><th>{yardstick}</th>"
    "<th>Beyond real 1%-99% (synthetic / fresh sample)</th><th>Mean shift, sd (synthetic / fresh)</th>"
    "<th>Spread ratio (synthetic / fresh)</th><th>Missing (real / synthetic)</th><th>Why</th></tr>"
)


_COLUMNS_NOTE = {
    False: "Worst first. Each figure beside what a fresh real sample (rows kept aside before training) scores, when "
    "there is one.",
    True: f"Worst first. This table is {NO_HOLDOUT}, so each column's shape score is set beside what one half of "
    "the real rows scores against the other half.",
}


def _verdict_block(verdict: Verdict) -> str:
    parts = []
    for section in ("fidelity", "privacy"):
        grade, reasons = getattr(verdict, section), getattr(verdict, f"{section}_reasons")
        parts.append(
            f'<tr><td><span class="light" style="background:{VERDICT_COLOURS[grade]}"></span>'
            f"{_e(section.capitalize())}</td><td><b>{_e(WORDS[grade])}</b></td>"
            f"<td>{''.join(f'<div>{_e(r)}</div>' for r in reasons)}</td></tr>"
        )
    return f'<h2>Verdict</h2><p class="muted">{_e(verdict.subject)}</p><table>{"".join(parts)}</table>'


def report_html(result: RunResult, title: str = "Synthetic data quality report", *, measuring: bool = True) -> str:
    """One HTML file that opens offline: scores, charts, every column and the generation record. measuring=False:
    figures the verdict waits for are no longer on their way, and it says they could not be measured."""
    verdict = decide(result.evaluation, result.record, measuring=measuring)
    columns = column_figures(result.evaluation, verdict)
    scored = any(f.get("score") is not None for f in columns.values())
    figures = [verdict_bar(columns, worst_first(columns))] if scored else []
    if len(result.real_model.columns) > 1:
        from synth.evaluate.associations import association_matrices

        matrices = association_matrices(result.real_model, result.synthetic_model, result.kinds)
        figures.append(association_heatmaps(matrices.real, matrices.synthetic, matrices.difference))
    for column in result.real_model.columns:
        figures.append(column_figure(result.real_model[column], result.synthetic_model[column], result.kinds[column]))
    charts, draw_charts = chart_slots(figures)
    warnings = "".join(f"<li>{_e(w)}</li>" for w in result.warnings) or "<li>None.</li>"
    evaluation = result.evaluation
    halves = evaluation.halves  # without a holdout: as Compare's Columns tab shows them
    header = _COLUMN_HEADER.format(yardstick="Other real half" if halves else "Fresh real sample")
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>{_e(title)}</title><style>{_STYLE}</style></head>
<body>
<h1>{_e(title)}</h1>
<p class="muted">Made by Doppel. Scores run from 0 (nothing alike) to 1 (statistically the same).
Privacy figures are screening figures, not proof that the data is anonymous.</p>
{_verdict_block(verdict)}
<h2>Summary</h2><table>{_summary_rows(quality_summary(evaluation) + fidelity_lines(evaluation))}</table>
<h2>Privacy screening</h2><p class="muted">Proxies that flag copying and closeness to real rows; none of them shows
that the data is anonymous or compliant.</p><table>{_summary_rows(privacy_lines(evaluation))}</table>
{_attacks(evaluation)}
{_usefulness(evaluation.utility)}
<h2>Columns</h2><p class="muted">{_COLUMNS_NOTE[halves is not None]}</p>
<table>{header}{_column_rows(result, columns, halves)}</table>
<h2>Charts</h2><p class="muted">Real data in blue, synthetic in orange. Categories seen fewer than 5 times
in the real data are grouped.</p>
{"".join(f'<div class="chart">{c}</div>' for c in charts)}
<h2>Warnings</h2><ul>{warnings}</ul>
<h2>How this was made</h2><table>{_record_rows(result)}</table>
{draw_charts}
</body></html>"""
