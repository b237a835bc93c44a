"""`python -m synth` run as a user runs it, for the command-line tests (tests/unit/test_cli_*.py)."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def cli(*args, cwd=ROOT, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """The command line with these arguments (paths and numbers as text) in a process of its own; env: variables
    added to this process's environment."""
    return subprocess.run(
        [sys.executable, "-m", "synth", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, **(env or {})},
    )
