"""The generator registry: every entry has its own test module, a complete card and usable options."""

import subprocess
import sys
from pathlib import Path

import pytest

from synth.errors import InputError
from synth.generators import DEFAULT_GENERATOR, GENERATORS, generator_class

HERE = Path(__file__).resolve().parent


@pytest.mark.parametrize("name", sorted(GENERATORS))
def test_every_generator_has_a_test_module(name):
    # Setup
    expected = HERE / f"test_{name}.py"

    # Run
    exists = expected.is_file()

    # Assert
    assert exists, f"Add {expected.relative_to(HERE.parents[2])}: every registered generator needs its own tests."


@pytest.mark.parametrize("name", sorted(GENERATORS))
def test_every_generator_has_a_complete_card(name):
    # Setup
    spec = GENERATORS[name]

    # Run
    card = [spec.name, spec.label, spec.description, spec.speed, spec.fidelity, spec.privacy, spec.when_to_use]

    # Assert
    assert spec.name == name
    assert all(isinstance(text, str) and text.strip() for text in card)
    assert spec.estimate_seconds(1000, 5, {option.name: option.default for option in spec.options}) > 0
    for option in spec.options:
        assert option.label.strip() and option.help.strip()
        assert option.coerce(None) == option.default


def test_default_is_sequential_trees():
    # Setup / Run
    spec = generator_class(DEFAULT_GENERATOR)

    # Assert
    assert spec.name == "sequential_trees"
    assert "recommended" in spec.label


def test_unknown_generator_is_a_plain_error():
    # Setup / Run / Assert
    with pytest.raises(InputError, match="no generator called"):
        generator_class("magic")


def test_registry_does_not_import_sdv():
    # Setup
    code = "import sys, synth.generators\nprint(sorted(m for m in ('sdv', 'sdmetrics', 'torch') if m in sys.modules))"

    # Run
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, cwd=HERE.parents[2])

    # Assert
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_registry_imports_a_family_only_when_one_of_its_members_is_asked_for():
    # Setup
    code = (
        "import sys, synth.generators as g\n"
        "listed = list(g.GENERATORS) and 'ctgan' in g.GENERATORS and 'magic' not in g.GENERATORS\n"
        "before = 'synth.generators.sdv_family' in sys.modules\n"
        "g.generator_class('ctgan')\n"
        "print(listed, before, 'synth.generators.sdv_family' in sys.modules, 'sdv' in sys.modules)"
    )

    # Run
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, cwd=HERE.parents[2])

    # Assert
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["True", "False", "True", "False"]
