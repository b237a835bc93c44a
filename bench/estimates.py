"""Expected time shown on the Generate page against the measured time of the same job, run the way the app runs it."""

from __future__ import annotations

import argparse
import json
import os
import time
from pathlib import Path

import numpy as np
import pandas as pd

from bench import tables
from synth import schema
from synth.child_process import run_in_child
from synth.downloads import generate_with_files
from synth.pipeline import RunConfig
from synth.run_time import ServerPace, expected_seconds

RESULTS = Path(__file__).with_name("RESULTS-estimates.md")
NEURAL = {"epochs": 5}  # the TVAE case; 100 epochs on every table would take hours on 2 cores
EPOCHS = {"seattle_weather_50": 50}  # a case with more epochs, to check the cost per epoch
CASES = [
    ("seattle_weather_50", None, ["tvae", "ctgan"]),
    ("tips", None, ["sequential_trees", "gaussian_copula", "tvae", "ctgan", "copula_gan"]),
    ("cars", None, ["sequential_trees", "gaussian_copula", "tvae"]),
    ("seattle_weather", None, ["sequential_trees", "gaussian_copula", "tvae", "ctgan"]),
    ("diabetes", None, ["sequential_trees", "gaussian_copula", "tvae"]),
    ("gapminder", None, ["sequential_trees", "gaussian_copula", "tvae"]),
    ("fair", None, ["sequential_trees", "gaussian_copula", "tvae"]),
    ("randhie", 10_000, ["sequential_trees", "gaussian_copula"]),
    ("wide_74", 400, ["sequential_trees", "gaussian_copula", "tvae"]),
    ("wide_74", 2_000, ["sequential_trees", "gaussian_copula"]),
]

# dp_marginals at three budgets (a larger epsilon gives more bins, so a larger model to fit): `--dp`
DP_CASES = [(name, epsilon) for name in ("tips", "cars", "seattle_weather", "diabetes") for epsilon in (1.0, 3.0, 10.0)]
DP_RESULTS = Path(__file__).with_name("RESULTS-estimates-dp.md")


def wide(rows: int, columns: int = 74, seed: int = 0) -> pd.DataFrame:
    """A wide table like the issue's 74-column one: real columns from several tables side by side, resampled."""
    rng = np.random.default_rng(seed)
    parts = []
    for name in ("diabetes", "fair", "randhie", "gapminder", "seattle_weather", "cars", "tips"):
        frame = tables.load(name)
        parts.append(frame.iloc[rng.integers(0, len(frame), rows)].reset_index(drop=True).add_prefix(f"{name}_"))
    joined = pd.concat(parts, axis=1)
    while joined.shape[1] < columns:  # copies of number columns with noise, named apart
        extra = joined.select_dtypes("number").iloc[:, : columns - joined.shape[1]]
        noise = 1 + 0.05 * rng.standard_normal(extra.shape)
        joined = pd.concat([joined, (extra * noise).add_suffix(f"_{joined.shape[1]}")], axis=1)
    return joined.iloc[:, :columns]


def table(name: str, rows: int | None) -> pd.DataFrame:
    name = name.removesuffix("_50")
    if name.startswith("wide_"):
        return wide(rows or 1000, int(name.split("_")[1]))
    frame = tables.load(name)
    return tables.enlarged(frame, rows, 0) if rows else frame


def measure(frame: pd.DataFrame, generator: str, epochs: int = 5, options: dict | None = None) -> dict:
    """One job as the Generate page submits it: a child process making the result and every download file."""
    kinds = schema.detect_kinds(frame)  # done at upload in the app, before the job
    neural = {"epochs": epochs} if generator in ("tvae", "ctgan", "copula_gan") else {}
    options = {**neural, **(options or {})}
    config = RunConfig(generator=generator, seed=0, options=options)
    started = time.perf_counter()
    result, _ = run_in_child(generate_with_files, (frame, config, kinds))
    total = time.perf_counter() - started
    learned = len(result.record["learned_columns"])
    return {
        "rows": len(frame),
        "columns": len(kinds),
        "learned": learned,
        "generator": generator,
        "options": options,
        "estimate_s": expected_seconds(generator, len(frame), kinds, options),
        "measured_s": total,
        "rest_s": round(total - sum(result.record["timings"].values()), 2),  # child start, download files
        "load": round(os.getloadavg()[0], 1),
        **{key: round(value, 2) for key, value in result.record["timings"].items()},
    }


def report(found: list[dict]) -> str:
    """The table: each job's estimate alone, and with the server's pace learned from the jobs before it (as the
    app does: ServerPace over the jobs it has run)."""
    pace = ServerPace()
    for f in found:
        f["paced_s"] = f["estimate_s"] * pace.factor()
        pace.record(f["estimate_s"], f["measured_s"])
    ratios = [f["measured_s"] / f["estimate_s"] for f in found]
    paced = [f["measured_s"] / f["paced_s"] for f in found]
    lines = [
        "# Time estimates against measured jobs",
        "",
        f"Made by `python -m bench.estimates` on {time.strftime('%Y-%m-%d')}, on 2 CPU cores shared with four other "
        "engineers' test runs (load average in the table), no GPU. Each job runs as the Generate page runs it: "
        "a child process at low priority that learns the table, samples as many rows, measures every figure the app "
        "shows and prepares the download files (rest s: the child's start and the files). *estimate*: what the page "
        "shows from the table's size alone (`synth.run_time.expected_seconds`); *with pace*: that estimate times the "
        "server's pace learned from the jobs run before it, in this order (`synth.run_time.ServerPace`, as the app "
        "keeps it). Neural generators at 5 epochs unless the table says otherwise.",
        "",
        "| table | rows | columns | generator | load | estimate s | with pace s | measured s | measured / estimate "
        "| measured / with pace | fit s | sample s | evaluate s | rest s |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for f in found:
        epochs = "".join(
            f" ({value:g} epochs)" if name == "epochs" else f" ({name} {value:g})"
            for name, value in f["options"].items()
        )
        lines.append(
            f"| {f['table'].removesuffix('_50')} | {f['rows']:,} | {f['columns']} | {f['generator']}{epochs} | "
            f"{f['load'] if 'load' in f else '-'} | {f['estimate_s']:.1f} | {f['paced_s']:.1f} | {f['measured_s']:.1f} | "
            f"{f['measured_s'] / f['estimate_s']:.2f} | {f['measured_s'] / f['paced_s']:.2f} | {f.get('fit_s', 0):.1f} | "
            f"{f.get('sample_s', 0):.1f} | {f.get('evaluate_s', 0):.1f} | {f['rest_s']:.1f} |"
        )
    lines += [
        "",
        f"Within a factor of 2, estimate alone: {sum(0.5 <= r <= 2 for r in ratios)} of {len(ratios)} jobs "
        f"(measured / estimate {min(ratios):.2f} to {max(ratios):.2f}, median {np.median(ratios):.2f}); with the "
        f"server's pace: {sum(0.5 <= r <= 2 for r in paced)} of {len(paced)} ({min(paced):.2f} to {max(paced):.2f}, "
        f"median {np.median(paced):.2f}).",
    ]
    return "\n".join(lines) + "\n"


def again(found: list[dict]) -> str:
    """The report from earlier measurements, with the estimates of the code as it is now."""
    kinds: dict = {}
    for f in found:
        name = f["table"].removesuffix("_50")
        natural = name in tables.TABLES and len(tables.load(name)) == f["rows"]
        key = (name, f["rows"])
        if key not in kinds:
            kinds[key] = schema.detect_kinds(table(name, None if natural else f["rows"]))
        f["estimate_s"] = expected_seconds(f["generator"], f["rows"], kinds[key], f["options"])
    return report(found)


def _first_job(lines: list[dict]) -> str:
    if not lines:
        return ""
    return (
        f"\nThe server's first job also starts the fork server that training children come from: "
        f"{lines[0]['first_job_s']:.1f} s for a 60-row table here, against about a second for a later job's start.\n"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--only", default=None, help="comma-separated table names")
    parser.add_argument("--raw", default=None, help="also append each measurement as a JSON line here")
    parser.add_argument(
        "--again",
        default=None,
        metavar="RAW",
        help="no new runs: the table again from the measurements in RAW, with the estimates of the code as it is now",
    )
    parser.add_argument("--dp", action="store_true", help="dp_marginals at epsilon 1, 3 and 10 (RESULTS-estimates-dp)")
    args = parser.parse_args()
    if args.again:
        lines = [json.loads(line) for line in Path(args.again).read_text().splitlines() if line.strip()]
        written = DP_RESULTS if args.dp else RESULTS
        written.write_text(
            again([f for f in lines if "table" in f]) + _first_job([f for f in lines if "table" not in f])
        )
        print(written.read_text())
        return
    started = time.perf_counter()
    measure(tables.load("tips").head(60), "sequential_trees")  # the server's first job also starts the fork server
    first_job_s = time.perf_counter() - started
    print(f"first job (starts the fork server): {first_job_s:.1f} s", flush=True)
    if args.raw:
        with open(args.raw, "a") as stream:
            stream.write(json.dumps({"first_job_s": first_job_s}) + "\n")
    found = []
    if args.dp:
        for name, epsilon in DP_CASES:
            measured = {"table": name, **measure(table(name, None), "dp_marginals", options={"epsilon": epsilon})}
            print(json.dumps(measured), flush=True)
            if args.raw:
                with open(args.raw, "a") as stream:
                    stream.write(json.dumps(measured) + "\n")
            found.append(measured)
        DP_RESULTS.write_text(report(found) + _first_job([{"first_job_s": first_job_s}]))
        print(DP_RESULTS.read_text())
        return
    for name, rows, generators in CASES:
        if args.only and name not in args.only.split(","):
            continue
        frame = table(name, rows)
        for generator in generators:
            measured = {"table": name, **measure(frame, generator, EPOCHS.get(name, NEURAL["epochs"]))}
            print(json.dumps(measured), flush=True)
            if args.raw:
                with open(args.raw, "a") as stream:
                    stream.write(json.dumps(measured) + "\n")
            found.append(measured)
    text = report(found) + _first_job([{"first_job_s": first_job_s}])
    print(text)
    if not args.only:
        RESULTS.write_text(text)


if __name__ == "__main__":
    main()
