"""Plain-language errors: each is a SynthError and also the builtin error it stands for."""

import pytest

from synth.errors import CancelledError, GeneratorError, InputError, SynthError


@pytest.mark.parametrize(
    ("error", "builtin"), [(InputError, ValueError), (GeneratorError, RuntimeError), (CancelledError, Exception)]
)
def test_each_error_is_a_synth_error_and_its_builtin(error, builtin):
    # Run
    raised = error("A plain sentence.")

    # Assert
    assert isinstance(raised, SynthError)
    assert isinstance(raised, builtin)
    assert str(raised) == "A plain sentence."


def test_cancelled_says_so_in_plain_words_by_default():
    # Run
    message = str(CancelledError())

    # Assert
    assert message == "The job was cancelled."


def test_callers_catching_value_error_also_catch_input_error():
    # Run / Assert
    with pytest.raises(ValueError, match="cannot be used"):
        raise InputError("These settings cannot be used.")
