"""Why the default demo (Seattle weather, default generator) opens Compare on "Check first" for fidelity and privacy:
what its date column does to the detection classifier and to distance to closest record. Run:
python -m bench.demo_verdict. Writes bench/RESULTS-demo-verdict.md. Changes no threshold; only measures."""

from __future__ import annotations

import io
import platform
from datetime import datetime
from pathlib import Path

import numpy as np

from bench.processes import load_average
from synth.datasets import demo_table
from synth.evaluate.dcr_overfitting import dcr_overfitting_protection
from synth.evaluate.detection import detection_auc
from synth.formats import read_table
from synth.pipeline import RunConfig, generate
from synth.verdict import WORDS, decide

RESULTS = Path(__file__).with_name("RESULTS-demo-verdict.md")
SEEDS = (1, 2, 3, 4)


def figures(result, columns: list[str]) -> tuple[float, float]:
    """Detection AUC and the share of synthetic rows closer to a learned row, on these columns only."""
    kinds = {c: result.kinds[c] for c in columns}
    training, holdout, synthetic = (
        frame[columns] for frame in (result.training_model, result.holdout_model, result.synthetic_model)
    )
    auc = detection_auc(training, synthetic, kinds, seed=result.record["seed"]).auc
    closer = dcr_overfitting_protection(training, holdout, synthetic, kinds, seed=result.record["seed"])
    return auc, closer.closer_to_training


def verdict_words(result) -> tuple[str, str, str]:
    """What the Compare page opens on: fidelity and privacy in the app's words, and the first reason of each."""
    verdict = decide(result.evaluation, result.record)
    first = " / ".join(reasons[0] for reasons in (verdict.fidelity_reasons, verdict.privacy_reasons) if reasons)
    return WORDS[verdict.fidelity], WORDS[verdict.privacy], first.replace("|", "/")


def fresh_sample(result, columns: list[str]) -> tuple[float, float]:
    """The same two figures for real rows the generator never saw standing in for synthetic ones: half the holdout
    as 'synthetic', the other half as the unseen yardstick."""
    kinds = {c: result.kinds[c] for c in columns}
    holdout = result.holdout_model.sample(frac=1.0, random_state=0)
    half = len(holdout) // 2
    stand_in, unseen = holdout.iloc[:half][columns], holdout.iloc[half:][columns]
    auc = detection_auc(result.training_model[columns], stand_in, kinds, seed=0).auc
    closer = dcr_overfitting_protection(result.training_model[columns], unseen, stand_in, kinds, seed=0)
    return auc, closer.closer_to_training


def date_facts(result, date: str) -> dict[str, float]:
    real = result.training_model[date]
    synthetic = result.synthetic_model[date]
    holdout = result.holdout_model[date]
    return {
        "synthetic dates that are whole days": float((synthetic.dropna() == synthetic.dropna().dt.normalize()).mean()),
        "synthetic dates equal to a learned day": float(synthetic.isin(set(real)).mean()),
        "synthetic dates equal to an unseen (holdout) day": float(synthetic.isin(set(holdout)).mean()),
        "distinct synthetic dates / rows": synthetic.nunique() / len(synthetic),
        "real days learned / all days": len(real) / (len(real) + len(holdout)),
    }


def season_links(result, date: str) -> list[tuple[str, float, float]]:
    """Each number column's correlation with the season (a yearly cosine of the date, warmest mid-July), real and
    synthetic: the link a classifier finds when the date and a temperature are read together."""

    def season(frame):
        return -np.cos(2 * np.pi * (frame[date].dt.dayofyear - 15) / 365.25)

    found = []
    for column, kind in result.kinds.items():
        if kind in ("integer", "decimal"):
            real, synthetic = result.training_model, result.synthetic_model
            found.append(
                (
                    column,
                    float(np.corrcoef(season(real), real[column])[0, 1]),
                    float(np.corrcoef(season(synthetic), synthetic[column])[0, 1]),
                )
            )
    return found


def main() -> None:
    table = demo_table("seattle_weather")
    frame = read_table(table.read_bytes(), file_name="seattle_weather.csv").frame
    result = generate(frame, RunConfig(table_name="seattle_weather.csv"))
    columns = list(result.real_model.columns)
    date = next(c for c in columns if result.kinds[c] == "datetime")
    others = [c for c in columns if c != date]
    rows = [
        ("every column", *figures(result, columns), *fresh_sample(result, columns)),
        (f"without '{date}'", *figures(result, others), *fresh_sample(result, others)),
        (f"'{date}' alone", *figures(result, [date]), *fresh_sample(result, [date])),
    ]
    for column in others:
        rows.append((f"'{date}' + '{column}'", *figures(result, [date, column]), *fresh_sample(result, [date, column])))
    without = generate(frame.drop(columns=[date]), RunConfig(table_name="seattle_weather.csv"))
    rows.append((f"generator trained without '{date}'", *figures(without, others), *fresh_sample(without, others)))
    lines = [
        "# The default demo's verdict: what the date column does",
        "",
        f"Run {datetime.now():%Y-%m-%d %H:%M} on {platform.node()}, `python -m bench.demo_verdict` (load average "
        f"{load_average():.1f}; no timings here). Seattle weather (1,461 days, 2012-2015), default generator, seed "
        f"{result.record['seed']}, as the app's demo runs it: {len(result.training_model):,} rows learned, "
        f"{len(result.holdout_model):,} kept aside. Detection AUC: 0.5 = a classifier cannot tell synthetic from real "
        "(fidelity says 'check' above 0.65). Closer to learned: share of synthetic rows "
        "strictly closer to a learned row than to an unseen one (equal-sized sets; 50% = no sign of memorising; "
        "privacy says 'check' above 55%, 'poor' above 65%). Fresh sample: the same figures for unseen real rows "
        "standing in for synthetic ones (half the holdout against the other half).",
        "",
        "| columns measured | detection AUC | closer to learned | fresh sample: AUC | fresh sample: closer |",
        "|:--|---:|---:|---:|---:|",
    ]
    for name, auc, closer, fresh_auc, fresh_closer in rows:
        lines.append(f"| {name} | {auc:.2f} | {closer:.0%} | {fresh_auc:.2f} | {fresh_closer:.0%} |")
    fidelity, privacy, reason = verdict_words(result)
    lines += ["", f"Verdict (seed {result.record['seed']}): fidelity **{fidelity}**, privacy **{privacy}**. {reason}"]
    lines += ["", "Other seeds (each its own holdout split and run), every column and without the date:", ""]
    lines += [
        "| seed | AUC | closer to learned | AUC without date | closer without date | fidelity | privacy |",
        "|---:|---:|---:|---:|---:|:--|:--|",
    ]
    for seed in SEEDS:
        other = generate(frame, RunConfig(seed=seed, table_name="seattle_weather.csv"))
        found = " | ".join(f"{a:.2f} | {c:.0%}" for a, c in (figures(other, columns), figures(other, others)))
        lines.append(f"| {seed} | {found} | {' | '.join(verdict_words(other)[:2])} |")
    lines += ["", "Each number's link with the season (correlation with a yearly cosine of the date):", ""]
    lines += ["| column | real (learned rows) | synthetic |", "|:--|---:|---:|"]
    lines += [f"| {c} | {real:+.2f} | {synthetic:+.2f} |" for c, real, synthetic in season_links(result, date)]
    lines += ["", f"The synthetic '{date}' column:", "", "| fact | value |", "|:--|---:|"]
    lines += [f"| {name} | {value:.0%} |" for name, value in date_facts(result, date).items()]
    buffer = io.StringIO()
    buffer.write("\n".join(lines) + "\n")
    RESULTS.write_text(buffer.getvalue())
    print(buffer.getvalue())


if __name__ == "__main__":
    np.seterr(all="ignore")
    main()
