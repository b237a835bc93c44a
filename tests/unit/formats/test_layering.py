"""Formats sit low in synth (the whole-package cycle check is tests/unit/test_house.py); heavy libraries load only when used."""

import ast
import subprocess
import sys
from pathlib import Path

SYNTH = Path(__file__).resolve().parents[3] / "synth"


def _imports() -> dict[str, set[str]]:
    """Each synth module and the synth modules it imports (at any depth of its code, lazy imports included)."""
    modules = {
        ".".join(p.relative_to(SYNTH.parent).with_suffix("").parts).removesuffix(".__init__"): p
        for p in SYNTH.rglob("*.py")
    }
    graph = {}
    for name, path in modules.items():
        found = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                targets = [f"{node.module}.{alias.name}" for alias in node.names] + [node.module]
            elif isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            else:
                continue
            found |= {target for target in targets if target in modules}
        graph[name] = found - {name}
    return graph


def test_formats_import_nothing_from_the_pipeline_generators_evaluation_or_report():
    # Setup
    graph = _imports()
    above = ("synth.pipeline", "synth.generators", "synth.evaluate", "synth.report", "synth.downloads", "synth.charts")

    # Run
    offenders = {name: sorted(t for t in targets if t.startswith(above)) for name, targets in graph.items()}

    # Assert
    assert {name: found for name, found in offenders.items() if name.startswith("synth.formats") and found} == {}


def test_reading_a_csv_loads_neither_openpyxl_nor_pyarrow_parquet():
    # Setup: pandas itself may import pyarrow's core, never its Parquet reader
    code = (
        "import sys\nfrom synth.formats import export_table, formats, read_table\n"
        "read_table(b'a,b\\n1,2\\n'); formats(); export_table(read_table(b'a,b\\n1,2\\n').frame)\n"
        "print(sorted(m for m in ('openpyxl', 'pyarrow.parquet') if m in sys.modules))"
    )

    # Run
    output = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=SYNTH.parent, check=True)

    # Assert
    assert output.stdout.strip() == "[]"
