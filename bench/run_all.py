"""Run every benchmark, then gather their tables into bench/RESULTS.md."""

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).parent
BENCHMARKS = (
    "generators",
    "all_generators",
    "privacy_floor",
    "pipeline_speed",
    "evaluate_speed",
    "load_test",
    "load_protocol",
    "soak",
    "unseen",
)


def gather() -> str:
    parts = [
        "# Benchmark results",
        "",
        "Made by `make bench` (or `python -m bench.<name>`); each section comes from bench/RESULTS-<name>.md.",
        "Machine: 2 CPU cores, 24 GiB, no GPU, unless a section says otherwise.",
        "",
    ]
    for path in sorted(HERE.glob("RESULTS-*.md")):
        parts += [path.read_text(encoding="utf-8").strip(), ""]
    return "\n".join(parts)


def main() -> int:
    failed = []
    for name in sys.argv[1:] or BENCHMARKS:
        if not (HERE / f"{name}.py").exists():
            continue
        print(f"== {name}", flush=True)
        if subprocess.run([sys.executable, "-m", f"bench.{name}"], cwd=HERE.parent).returncode:
            failed.append(name)
    (HERE / "RESULTS.md").write_text(gather(), encoding="utf-8")
    print("failed: " + ", ".join(failed) if failed else "all benchmarks ran")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
