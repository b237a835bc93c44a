"""The house's shape: no import cycle in synth, the players never import the referee, small modules, tests mirror synth."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SYNTH = ROOT / "synth"
MAX_LINES = 400


def _modules() -> dict[str, Path]:
    return {
        ".".join(p.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__"): p for p in SYNTH.rglob("*.py")
    }


def _imports(name: str, path: Path, known: set[str]) -> set[str]:
    """Every synth module this one imports, at the top or inside a function (a lazy import still ties the two)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(parts + ([base] if base else []))
            targets = [base] + [f"{base}.{alias.name}" for alias in node.names]
        else:
            continue
        for target in targets:
            while target and target not in known:
                target = target.rpartition(".")[0]
            if target and target != name:
                found.add(target)
    return found


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    return {name: _imports(name, path, set(modules)) for name, path in modules.items()}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan's algorithm)."""
    index, low, stack, on_stack, groups, counter = {}, {}, [], set(), [], [0]

    def visit(node: str) -> None:
        index[node] = low[node] = counter[0]
        counter[0] += 1
        stack.append(node)
        on_stack.add(node)
        for other in graph[node]:
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return groups


def _within(name: str, package: str) -> bool:
    return name == package or name.startswith(package + ".")


def test_synth_has_no_import_cycle():
    # Run
    cycles = _cycles(_graph())

    # Assert
    assert cycles == []


def test_a_cycle_is_found_when_there_is_one():
    # Setup: the checker itself must be able to fail
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}

    # Run
    cycles = _cycles(graph)

    # Assert
    assert cycles == [["a", "b", "c"]]


def test_generators_and_evaluate_never_import_each_other():
    # Setup
    graph = _graph()

    # Run
    crossing = [
        f"{name} -> {other}"
        for name, others in graph.items()
        for other in others
        for player, referee in (("synth.generators", "synth.evaluate"), ("synth.evaluate", "synth.generators"))
        if _within(name, player) and _within(other, referee)
    ]

    # Assert
    assert crossing == []


def test_every_module_is_under_the_size_limit():
    # Setup
    files = [*SYNTH.rglob("*.py"), *(ROOT / "app_pages").rglob("*.py"), *(ROOT / "ui").rglob("*.py"), ROOT / "app.py"]

    # Run
    long = {
        str(p.relative_to(ROOT)): n for p in files if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }

    # Assert
    assert long == {}


def test_every_synth_module_has_a_unit_test_module():
    # Setup: tests/unit mirrors synth (synth/a/b.py -> tests/unit/a/test_b.py)
    unit = ROOT / "tests" / "unit"
    modules = [p for p in SYNTH.rglob("*.py") if p.name not in ("__init__.py", "__main__.py")]

    # Run
    untested = [
        str(p.relative_to(ROOT))
        for p in modules
        if not (unit / p.relative_to(SYNTH).parent / f"test_{p.stem}.py").exists()
    ]

    # Assert
    assert untested == []
