"""House rules that keep the engine usable without the app."""

import subprocess
import sys
from pathlib import Path

SYNTH = Path(__file__).resolve().parents[2] / "synth"


def test_synth_never_imports_streamlit_in_source():
    # Setup
    offenders = []

    # Run
    for path in SYNTH.rglob("*.py"):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip().startswith(("import streamlit", "from streamlit")):
                offenders.append(str(path))

    # Assert
    assert offenders == []


def test_importing_every_synth_module_loads_no_streamlit():
    # Setup
    modules = sorted(
        ".".join(p.relative_to(SYNTH.parent).with_suffix("").parts)
        for p in SYNTH.rglob("*.py")
        if p.name != "__main__.py"
    )
    code = "import importlib, sys\n" + "".join(f"importlib.import_module({m!r})\n" for m in modules)
    code += "print('streamlit' in sys.modules)"

    # Run
    output = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=SYNTH.parent, check=True
    ).stdout

    # Assert
    assert output.strip() == "False"
