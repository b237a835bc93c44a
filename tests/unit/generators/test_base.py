"""The Generator base: options read from __init__ and described once, plain coercion errors, capabilities."""

import pandas as pd
import pytest

from synth.errors import InputError
from synth.generators.base import Capability, Generator, Option, OptionInfo


class Echo(Generator):
    """A generator that repeats its first row: just enough to exercise the base class."""

    name = "echo"
    label = "Echo"
    option_info = {
        "copies": OptionInfo("Copies", "How many times.", minimum=1, maximum=10),
        "mode": OptionInfo("Mode", "How to echo.", choices=("loud", "soft")),
    }

    def __init__(self, copies: int = 2, mode: str = "soft") -> None:
        self.copies = copies
        self.mode = mode

    def fit(self, data, kinds, seed, progress):
        self._row = data.head(1)

    def sample(self, rows, seed, progress):
        return pd.concat([self._row] * rows, ignore_index=True)


def test_options_come_from_the_signature_with_their_description():
    # Run
    options = Echo.options

    # Assert
    assert options == (
        Option("copies", "Copies", 2, "How many times.", minimum=1, maximum=10),
        Option("mode", "Mode", "soft", "How to echo.", choices=("loud", "soft")),
    )
    assert Echo.defaults() == {"copies": 2, "mode": "soft"}
    assert Echo(copies=5).get_parameters() == {"copies": 5, "mode": "soft"}


def test_resolve_fills_defaults_coerces_and_notes_options_that_do_not_apply():
    # Run
    resolved, notes = Echo.resolve_options({"copies": "3", "epochs": 10, "unused": None})

    # Assert
    assert resolved == {"copies": 3, "mode": "soft"}
    assert notes == ["The option 'epochs' does not apply to Echo and was ignored."]


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ({"copies": "many"}, "Copies must be a whole number, not 'many'"),
        ({"copies": 11}, "Copies must be between 1 and 10"),
        ({"mode": "shout"}, "'shout' is not a choice for Mode: use one of loud, soft"),
    ],
)
def test_bad_values_are_plain_input_errors(given, message):
    # Run / Assert
    with pytest.raises(InputError, match=message):
        Echo.resolve_options(given)


@pytest.mark.parametrize("given", ["nan", "NaN", float("nan")])
def test_a_number_option_given_nan_is_a_plain_input_error_not_a_failure_inside(given):
    # Setup: 'nan' reads as a float and passes every range check; the private generator then failed inside OpenDP
    from synth.generators import GENERATORS

    # Run / Assert
    with pytest.raises(InputError, match=r"Privacy budget \(epsilon\) must be a number, not 'nan'"):
        GENERATORS["dp_marginals"].resolve_options({"epsilon": given})


def test_an_option_without_default_or_description_is_refused_when_the_class_is_defined():
    # Run / Assert
    with pytest.raises(TypeError, match="needs a default"):

        class NoDefault(Echo):
            def __init__(self, copies: int, mode: str = "soft") -> None: ...

    with pytest.raises(TypeError, match="must describe exactly"):

        class Undescribed(Echo):
            def __init__(self, copies: int = 2, mode: str = "soft", speed: float = 1.0) -> None: ...


def test_without_a_capability_rules_are_refused_and_nothing_is_declared():
    # Setup
    generator = Echo()

    # Run / Assert
    assert Echo.capabilities == Capability.NONE
    assert Capability.HONOURS_RULES not in Echo.capabilities
    with pytest.raises(NotImplementedError):
        generator.set_rules(())


def test_estimate_grows_with_the_table():
    # Run
    small, large = Echo.estimate_seconds(10, 3, {}), Echo.estimate_seconds(10_000, 3, {})

    # Assert
    assert Echo.startup_s <= small < large
