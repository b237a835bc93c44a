"""Plain-language errors that the app and the CLI show as they are."""


class SynthError(Exception):
    """Base of every error meant for the user: its message is one plain sentence plus what to try."""


class InputError(SynthError, ValueError):
    """The data or settings the user gave cannot be used."""


class GeneratorError(SynthError, RuntimeError):
    """Training or sampling failed for a reason the user can act on."""


class CancelledError(SynthError):
    """The user cancelled a running job."""

    def __init__(self, message: str = "The job was cancelled.") -> None:
        super().__init__(message)
