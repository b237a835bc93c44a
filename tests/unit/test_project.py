"""The project's own files agree: direct dependencies, the pinned lock and the version."""

import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

import synth

ROOT = Path(__file__).resolve().parents[2]


def _pins(*files: str) -> dict[str, str]:
    pins = {}
    for name in files:
        for line in (ROOT / name).read_text(encoding="utf-8").splitlines():
            line = line.split("#")[0].strip()
            if "==" in line:
                package, version = line.split("==")
                pins[canonicalize_name(package)] = version.strip()
    return pins


def _project() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def test_every_direct_dependency_is_pinned_in_the_lock_within_its_range():
    # Setup
    project, pins = _project(), _pins("requirements.txt", "requirements-dev.txt")
    declared = [*project["dependencies"], *project["optional-dependencies"]["dev"]]

    # Run
    unpinned = [spec for spec in declared if canonicalize_name(Requirement(spec).name) not in pins]
    outside = [
        spec
        for spec in declared
        if (name := canonicalize_name(Requirement(spec).name)) in pins
        and not Requirement(spec).specifier.contains(pins[name], prereleases=True)
    ]

    # Assert
    assert unpinned == []
    assert outside == []


def test_runtime_dependencies_are_in_the_runtime_lock():
    # Setup
    runtime = _pins("requirements.txt")

    # Run
    missing = [spec for spec in _project()["dependencies"] if canonicalize_name(Requirement(spec).name) not in runtime]

    # Assert: make run installs requirements.txt only
    assert missing == []


def test_the_version_is_written_in_one_place():
    # Setup
    project = _project()

    # Assert
    assert "version" not in project and project["dynamic"] == ["version"]
    assert synth.__version__.count(".") == 2
