"""Why a daily table scores high singling-out risk: the control set's size, not copied dates (issue 12, item 4).

seattle_weather (the demo table, one row per day) through the app's pipeline: the default generator, 1,169 learned
rows, 292 rows kept aside as the control set. The univariate singling-out risk is measured as the app does, then
with the learned rows drawn down to the control's size (no size correction needed), with fresh real rows in place
of the synthetic ones, and without the date column; and with two size corrections: Anonymeter's (subsamples of the
control set from min(1000, its rows) to all of them: under 1,000 rows every subsample is the whole set) and a power
law fitted on subsamples from a quarter of the control set to all of it. Run: python -m bench.attack_control_size
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

import synth.evaluate.attack_singling_out as singling_out
from synth.datasets import __path__ as DATASETS
from synth.pipeline import RunConfig, generate

SEEDS = (0, 1, 2)


def power_law_correction(control: np.ndarray, queries: tuple, learned_rows: int, rng) -> float:
    """How many queries single out, against rows, as a power law fitted from a quarter of the control set to all of
    it; the ratio at the learned rows' size and the control's."""
    masks = singling_out._matches(control, *queries).T
    sizes, found = [], []
    for size in np.linspace(max(len(control) // 4, 1), len(control), 10).astype(int):
        for _ in range(5):
            sizes.append(size)
            found.append((masks[rng.choice(len(control), size, replace=False)].sum(axis=0) == 1).sum())
    sizes, found = np.array(sizes, float), np.array(found, float)
    kept = found > 0
    if kept.sum() < 2:
        return 1.0
    slope = np.polyfit(np.log(sizes[kept]), np.log(found[kept]), 1)[0]
    return float((learned_rows / len(control)) ** slope)


def risks(training, control, synthetic, kinds, mode: str = "univariate") -> str:
    encoded = singling_out.Encoded(synthetic, training, control, kinds, list(training.columns))
    found = [singling_out.singling_out_risk(encoded, mode, min(500, len(control)), seed=s) for s in SEEDS]
    return ", ".join(f"{r.risk:.2f} (>= {r.ci_low:.2f})" for r in found)


def main() -> None:
    warnings.filterwarnings("ignore")
    table = pd.read_csv(f"{DATASETS[0]}/seattle_weather.csv")
    run = generate(table, RunConfig(seed=0))
    learned, control, made, kinds = run.training_model, run.holdout_model, run.synthetic_model, run.kinds
    days = [pd.to_datetime(f["date"]) for f in (learned, control, made)]
    on_learned = days[2].isin(set(days[0])).mean()
    print(
        f"synthetic days that are learned days: {on_learned:.1%}; learned days among all days: "
        f"{len(learned) / (len(learned) + len(control)):.1%}; distinct synthetic days: "
        f"{days[2].nunique() / len(days[2]):.1%}"
    )
    fresh = learned.sample(len(control), random_state=1)
    rest = learned.drop(fresh.index)
    no_date = [c for c in learned.columns if c != "date"]
    cases = [
        ("default generator, as the app (1,169 learned vs 292 control)", (learned, control, made, kinds)),
        (
            "default generator, learned rows drawn down to 292",
            (learned.sample(len(control), random_state=0), control, made, kinds),
        ),
        ("fresh real rows as synthetic (877 learned vs 292 control)", (rest, control, fresh, kinds)),
        (
            "default generator without the date column",
            (learned[no_date], control[no_date], made[no_date], {c: kinds[c] for c in no_date}),
        ),
        (
            "half of the learned rows copied, the rest generated",
            (
                learned,
                control,
                pd.concat(
                    [
                        learned.sample(len(learned) // 2, random_state=0),
                        made.sample(len(made) - len(learned) // 2, random_state=0),
                    ]
                ),
                kinds,
            ),
        ),
    ]
    anonymeter = singling_out.size_correction
    print(
        "| case | Anonymeter's size correction: risk (95% lower end), seeds 0-2 | power law from a quarter of the control set |"
    )
    print("|---|---|---|")
    for label, frames in cases:
        singling_out.size_correction = anonymeter
        theirs = risks(*frames)
        singling_out.size_correction = power_law_correction
        ours = risks(*frames)
        print(f"| {label} | {theirs} | {ours} |")
    singling_out.size_correction = anonymeter


if __name__ == "__main__":
    main()
