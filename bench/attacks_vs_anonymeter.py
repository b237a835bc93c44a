"""Benchmark: Doppel's attack-based privacy risks against the `anonymeter` package, on the same splits.

anonymeter pins numpy < 1.27 and pyarrow < 22, so it runs in its own environment, outside the repository's venv;
this script has three steps, each run by the environment it needs (only `prepare` and `ours` import synth):

    python3 -m venv /tmp/anonenv && /tmp/anonenv/bin/pip install anonymeter
    .venv/bin/python bench/attacks_vs_anonymeter.py prepare /tmp/attacks   # tables, splits, synthetic rows (CSV)
    .venv/bin/python bench/attacks_vs_anonymeter.py ours /tmp/attacks      # our figures and times
    /tmp/anonenv/bin/python bench/attacks_vs_anonymeter.py theirs /tmp/attacks   # anonymeter's, same CSVs
    .venv/bin/python bench/attacks_vs_anonymeter.py report /tmp/attacks    # the table, into RESULTS-attacks.md

Each table is split at random into training rows (60%), control rows never learned from (20%) and fresh real rows
(20%). Two synthetic tables per real one: Doppel's default generator trained on the training rows, and a leaky
one (half of the training rows copied, plus the fresh real rows). Both sides read the same CSVs, use the same
linkability halves, the same n_attacks and single-threaded nearest-neighbour searches.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

TABLES = ("seattle_weather", "gapminder", "fair", "cars")
SCENARIOS = ("sequential_trees", "half_copied")
SINGLING_OUT = ("singling_out_univariate", "singling_out_multivariate")
ATTACKS = (*SINGLING_OUT, "linkability", "inference")
RESULTS = Path(__file__).with_name("RESULTS-attacks.md")
SEED = 0


def _read(folder: Path) -> tuple[dict, dict[str, pd.DataFrame]]:
    meta = json.loads((folder / "meta.json").read_text())
    frames = {name: pd.read_csv(folder / f"{name}.csv") for name in ("training", "control", *SCENARIOS)}
    for frame in frames.values():
        for column, kind in meta["kinds"].items():
            frame[column] = frame[column].astype(str) if kind == "category" else frame[column].astype(float)
    return meta, frames


def prepare(out: Path) -> None:
    """Write each table's splits and synthetic rows as CSV; numbers with at most 10 values become categories and
    dates become day counts, so that both sides see the same kinds; rows with a missing value are dropped (the two
    distances treat missing values differently)."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from bench import tables
    from synth.evaluate.attack_linkability import split_columns
    from synth.generators import generator_class

    for name in TABLES:
        frame = tables.load(name).dropna().reset_index(drop=True)
        kinds = {}
        for column in frame.columns:
            values = frame[column]
            if pd.api.types.is_datetime64_any_dtype(values) or column in ("date", "Year"):
                frame[column] = (pd.to_datetime(values) - pd.Timestamp("1970-01-01")).dt.days.astype(float)
            if pd.api.types.is_numeric_dtype(frame[column]) and frame[column].nunique() > 10:
                kinds[column] = "decimal"
                frame[column] = frame[column].astype(float)
            else:
                kinds[column] = "category"
                frame[column] = frame[column].map(lambda v: f"v{v:g}" if isinstance(v, (int, float)) else str(v))
        order = np.random.default_rng(SEED).permutation(len(frame))
        cut, end = int(0.6 * len(frame)), int(0.8 * len(frame))
        training, control, fresh = (
            frame.iloc[order[a:b]].reset_index(drop=True) for a, b in ((0, cut), (cut, end), (end, None))
        )
        generator = generator_class("sequential_trees")()
        generator.fit(training, kinds, SEED, lambda f, m: None)
        synthetic = {
            "sequential_trees": generator.sample(len(training), SEED, lambda f, m: None)[list(frame.columns)],
            "half_copied": pd.concat([training.sample(frac=0.5, random_state=SEED), fresh], ignore_index=True),
        }
        folder = out / name
        folder.mkdir(parents=True, exist_ok=True)
        for part, rows in {"training": training, "control": control, **synthetic}.items():
            rows.to_csv(folder / f"{part}.csv", index=False)
        halves = split_columns(list(frame.columns), SEED)
        meta = {"kinds": kinds, "halves": halves, "n_attacks": min(500, len(control)), "source": tables.TABLES[name][1]}
        (folder / "meta.json").write_text(json.dumps(meta, indent=1))
        print(f"{name}: {len(training)} training, {len(control)} control rows, {len(frame.columns)} columns")


def _timed(function, *args, **kwargs):
    started = time.perf_counter()
    return function(*args, **kwargs), time.perf_counter() - started


def ours(out: Path) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from synth.evaluate.attack_inference import inference_risks
    from synth.evaluate.attack_linkability import linkability_risk
    from synth.evaluate.attack_singling_out import Encoded, singling_out_risk

    found = {}
    for name in TABLES:
        meta, frames = _read(out / name)
        kinds, n, columns = meta["kinds"], meta["n_attacks"], list(meta["kinds"])
        training, control = frames["training"], frames["control"]
        for scenario in SCENARIOS:
            synthetic, figures = frames[scenario], {}
            for mode in ("univariate", "multivariate"):
                started = time.perf_counter()  # the encoding counts: anonymeter converts to polars inside too
                risk = singling_out_risk(Encoded(synthetic, training, control, kinds, columns), mode, n, seed=SEED)
                seconds = time.perf_counter() - started
                figures[f"singling_out_{mode}"] = {**risk.figures(), "seconds": seconds}
            risk, seconds = _timed(linkability_risk, training, control, synthetic, kinds, meta["halves"], n, seed=SEED)
            figures["linkability"] = {**risk.figures(), "seconds": seconds}
            risks, seconds = _timed(inference_risks, training, control, synthetic, kinds, n, SEED)
            figures["inference"] = {"columns": {c: r.figures() for c, r in risks.items()}, "seconds": seconds}
            found[f"{name}/{scenario}"] = figures
            print(name, scenario, {k: round(v.get("risk", -1), 3) for k, v in figures.items()})
    (out / "ours.json").write_text(json.dumps(found, indent=1))


def _anonymeter_figures(results, risk, seconds: float, made: int | None = None) -> dict:
    return {
        "risk": risk.value,
        "ci": list(risk.ci),
        "attack_rate": results.attack_rate.value,
        "baseline_rate": results.baseline_rate.value,
        "control_rate": results.control_rate.value,
        "queries_made": made,
        "seconds": seconds,
    }


def theirs(out: Path) -> None:
    import warnings

    import anonymeter.evaluators.singling_out_evaluator as singling
    from anonymeter.evaluators import InferenceEvaluator, LinkabilityEvaluator, SinglingOutEvaluator
    from anonymeter.stats.confidence import EvaluationResults

    warnings.simplefilter("ignore")
    made = []  # how many queries anonymeter could make: its release divides by n_attacks even when fewer
    generate = singling._generate_singling_out_queries
    singling._generate_singling_out_queries = lambda *a, **k: made.append(len(q := generate(*a, **k))) or q
    found = {}
    for name in TABLES:
        meta, frames = _read(out / name)
        kinds, n = meta["kinds"], meta["n_attacks"]
        training, control = frames["training"], frames["control"]
        for scenario in SCENARIOS:
            synthetic, figures = frames[scenario], {}
            for mode in ("univariate", "multivariate"):
                started = time.perf_counter()
                evaluator = SinglingOutEvaluator(training, synthetic, n, 3, control, seed=SEED).evaluate(mode=mode)
                seconds = time.perf_counter() - started
                # Divided by the queries made, as anonymeter's main branch does and Doppel does.
                results = EvaluationResults(
                    n_attacks=made[-1],
                    n_success=evaluator._n_success,
                    n_baseline=evaluator._n_baseline,
                    n_control=evaluator._n_control,
                )
                figures[f"singling_out_{mode}"] = _anonymeter_figures(results, results.risk(), seconds, made[-1])
                figures[f"singling_out_{mode}"]["release_risk"] = evaluator.risk().value
            started = time.perf_counter()
            evaluator = LinkabilityEvaluator(training, synthetic, tuple(meta["halves"]), n, 1, control).evaluate(
                n_jobs=1
            )
            figures["linkability"] = _anonymeter_figures(
                evaluator.results(), evaluator.risk(), time.perf_counter() - started
            )
            columns, started = {}, time.perf_counter()
            for secret, kind in kinds.items():
                others = [c for c in kinds if c != secret]
                evaluator = InferenceEvaluator(
                    training, synthetic, others, secret, regression=kind == "decimal", n_attacks=n, control=control
                ).evaluate(n_jobs=1)
                columns[secret] = _anonymeter_figures(evaluator.results(), evaluator.risk(), 0.0)
            figures["inference"] = {"columns": columns, "seconds": time.perf_counter() - started}
            found[f"{name}/{scenario}"] = figures
            print(name, scenario, {k: round(v.get("risk", -1), 3) for k, v in figures.items()})
    (out / "theirs.json").write_text(json.dumps(found, indent=1))


def _cell(figures: dict) -> str:
    return f"{figures['risk']:.3f} [{figures['ci'][0]:.3f}, {figures['ci'][1]:.3f}]"


def _inside(mine: dict, other: dict) -> bool:
    return other["ci"][0] - 1e-9 <= mine["risk"] <= other["ci"][1] + 1e-9


def report(out: Path) -> None:
    mine, other = (json.loads((out / f"{side}.json").read_text()) for side in ("ours", "theirs"))
    rows = [
        "| table / synthetic | attack | Doppel risk [95% CI] | anonymeter risk [95% CI] | Doppel inside anonymeter's CI "
        "| Doppel s | anonymeter s |",
        "|---|---|---|---|---|---|---|",
    ]
    inside = total = 0
    speed = {"ours": 0.0, "theirs": 0.0}
    for key, figures in mine.items():
        for attack in ATTACKS:
            ours_, theirs_ = figures[attack], other[key][attack]
            speed["ours"] += ours_["seconds"]
            speed["theirs"] += theirs_["seconds"]
            if attack != "inference":
                ok = _inside(ours_, theirs_)
                inside, total = inside + ok, total + 1
                note = ""
                if attack in SINGLING_OUT and theirs_["queries_made"] < ours_["n_attacks"]:
                    note = f" ({theirs_['queries_made']} queries made)"
                rows.append(
                    f"| {key} | {attack}{note} | {_cell(ours_)} | {_cell(theirs_)} | {'yes' if ok else 'NO'} "
                    f"| {ours_['seconds']:.2f} | {theirs_['seconds']:.2f} |"
                )
                continue
            columns = list(theirs_["columns"])
            hits = [_inside(ours_["columns"][c], theirs_["columns"][c]) for c in columns]
            inside, total = inside + sum(hits), total + len(hits)
            worst = max(columns, key=lambda c: theirs_["columns"][c]["risk"])
            rows.append(
                f"| {key} | inference, worst column `{worst}` (all {len(columns)} columns: {sum(hits)} inside) | "
                f"{_cell(ours_['columns'][worst])} | {_cell(theirs_['columns'][worst])} | "
                f"{'yes' if all(hits) else f'{sum(hits)}/{len(hits)}'} | {ours_['seconds']:.2f} | {theirs_['seconds']:.2f} |"
            )
    summary = (
        f"Doppel's risk lies inside anonymeter's 95% interval in {inside} of {total} comparisons (each inference "
        f"column counted). Total time: Doppel {speed['ours']:.1f} s, anonymeter {speed['theirs']:.1f} s "
        f"({speed['theirs'] / max(speed['ours'], 1e-9):.0f}x)."
    )
    print("\n".join(rows) + "\n\n" + summary)
    (out / "table.md").write_text("\n".join(rows) + "\n\n" + summary + "\n")


if __name__ == "__main__":
    step, folder = sys.argv[1], Path(sys.argv[2])
    {"prepare": prepare, "ours": ours, "theirs": theirs, "report": report}[step](folder)
