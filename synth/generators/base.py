"""What every generator offers: a plain card, its options, and fit/sample on model-ready frames."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

import pandas as pd

from synth.errors import InputError

# progress(fraction 0..1, plain message); it raises CancelledError when the user cancelled.
Progress = Callable[[float, str], None]


def no_progress(fraction: float, message: str) -> None:
    """A progress callback that shows nothing."""


@dataclass(frozen=True)
class Option:
    name: str
    label: str
    default: Any
    help: str
    choices: tuple[Any, ...] = ()
    minimum: float | None = None
    maximum: float | None = None

    def coerce(self, value: Any) -> Any:
        """The value in the option's type, or InputError with a plain sentence."""
        if value is None:
            return self.default
        if self.choices:
            if value not in self.choices:
                raise InputError(
                    f"'{value}' is not a choice for {self.label}: use one of {', '.join(map(str, self.choices))}."
                )
            return value
        try:
            value = type(self.default)(value)
        except (TypeError, ValueError):
            raise InputError(f"{self.label} must be a {type(self.default).__name__}, not '{value}'.") from None
        if (self.minimum is not None and value < self.minimum) or (self.maximum is not None and value > self.maximum):
            raise InputError(f"{self.label} must be between {self.minimum} and {self.maximum}.")
        return value


class Generator(Protocol):
    def fit(self, data: pd.DataFrame, kinds: dict[str, str], seed: int, progress: Progress) -> None: ...

    def sample(self, rows: int, seed: int, progress: Progress) -> pd.DataFrame: ...


@dataclass(frozen=True)
class GeneratorSpec:
    """A registry entry: the card the user reads and how to build the generator."""

    name: str
    label: str
    description: str
    speed: str
    fidelity: str
    privacy: str
    when_to_use: str
    build: Callable[..., Generator]
    options: tuple[Option, ...] = field(default_factory=tuple)
    neural: bool = False
    seconds_per_cell: float = 1e-5
    startup_s: float = 2.0

    def resolve_options(self, given: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
        """This generator's options with defaults filled in, and notes on the ones that do not apply."""
        known = {option.name: option for option in self.options}
        notes = [
            f"The option '{name}' does not apply to {self.label} and was ignored."
            for name, value in given.items()
            if name not in known and value is not None
        ]
        return {name: option.coerce(given.get(name)) for name, option in known.items()}, notes

    def estimate_seconds(self, rows: int, columns: int, options: dict[str, Any]) -> float:
        """A rough guess of the training time, shown before the user starts."""
        epochs = options.get("epochs", 1)
        return self.startup_s + rows * max(columns, 1) * self.seconds_per_cell * epochs
