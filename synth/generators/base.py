"""What every generator declares and offers: a card, options read from __init__, capabilities, fit and sample."""

from __future__ import annotations

import enum
import inspect
from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar

import pandas as pd

from synth.errors import InputError

# progress(fraction 0..1, plain message); it raises CancelledError when the user cancelled.
Progress = Callable[[float, str], None]


def no_progress(fraction: float, message: str) -> None:
    """A progress callback that shows nothing."""


class Capability(enum.Flag):
    """What a generator does beyond fit and sample; callers ask these instead of probing for methods."""

    NONE = 0
    HONOURS_RULES = enum.auto()  # takes rules into training (set_rules); every generator's rows are checked anyway
    USES_GPU = enum.auto()  # trains on a GPU when the machine has one
    KEEPS_REAL_ROWS = enum.auto()  # reads real rows after fitting (draws and checks against them): guard the model
    DIFFERENTIALLY_PRIVATE = (
        enum.auto()
    )  # a stated privacy budget (privacy_guarantee): nothing after fit reads real rows


@dataclass(frozen=True)
class OptionInfo:
    """What a person reads about one __init__ parameter, and the values it may take."""

    label: str
    help: str
    choices: tuple[Any, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    slider: bool = False  # shown as a slider with its help in words beside it: a trade-off to weigh, not a setting
    value_words: tuple[tuple[Any, str], ...] = ()  # what a value that is a switch means (0: "automatic (...)")


@dataclass(frozen=True)
class Option:
    name: str
    label: str
    default: Any
    help: str
    choices: tuple[Any, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    slider: bool = False
    value_words: tuple[tuple[Any, str], ...] = ()

    def in_words(self, value: Any) -> str:
        """The value as a person reads it in forms, the run history and the report: what a switch value means
        (0 rows behind each value: automatic), 'none' for an empty text, else the value itself."""
        for special, words in self.value_words:
            if value == special and type(value) is not bool:
                return words
        if isinstance(value, str):
            return value.strip() or "none"
        return str(value)

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
        kind = {"float": "number", "int": "whole number"}.get(type(self.default).__name__, type(self.default).__name__)
        try:
            value = type(self.default)(value)
        except (TypeError, ValueError):
            raise InputError(f"{self.label} must be a {kind}, not '{value}'.") from None
        if isinstance(value, float) and value != value:  # 'nan' reads as a float and passes every comparison
            raise InputError(f"{self.label} must be a {kind}, not '{value}'.")
        if (self.minimum is not None and value < self.minimum) or (self.maximum is not None and value > self.maximum):
            raise InputError(f"{self.label} must be between {self.minimum} and {self.maximum}.")
        return value


def _options_from_init(cls: type) -> tuple[Option, ...]:
    """One Option per __init__ parameter: the default from the signature, the rest from cls.option_info."""
    if cls.__init__ is object.__init__:
        return ()
    parameters = list(inspect.signature(cls.__init__).parameters.values())[1:]
    for parameter in parameters:
        if parameter.kind not in (parameter.POSITIONAL_OR_KEYWORD, parameter.KEYWORD_ONLY):
            raise TypeError(f"{cls.__name__}.__init__ may take named options only, not '{parameter}'.")
        if parameter.default is parameter.empty:
            raise TypeError(f"{cls.__name__}.__init__: the option '{parameter.name}' needs a default.")
    names = [parameter.name for parameter in parameters]
    if set(names) != set(cls.option_info):
        raise TypeError(f"{cls.__name__}: option_info must describe exactly the __init__ options {names}.")
    return tuple(
        Option(
            p.name,
            info.label,
            p.default,
            info.help,
            info.choices,
            info.minimum,
            info.maximum,
            info.slider,
            info.value_words,
        )
        for p, info in ((p, cls.option_info[p.name]) for p in parameters)
    )


class Generator(ABC):
    """A generator class carries its card, options and capabilities; an instance is one model to fit and sample.

    A subclass names its options as __init__ parameters with defaults, stores each under the same attribute
    name (get_parameters reads them back) and describes each once in option_info.
    """

    name: ClassVar[str] = ""
    label: ClassVar[str] = ""
    description: ClassVar[str] = ""
    speed: ClassVar[str] = ""
    fidelity: ClassVar[str] = ""
    privacy: ClassVar[str] = ""
    when_to_use: ClassVar[str] = ""
    capabilities: ClassVar[Capability] = Capability.NONE
    training_cpus: ClassVar[int] = 1  # cores its training keeps busy: what a job asks of a Ray cluster
    option_info: ClassVar[dict[str, OptionInfo]] = {}
    options: ClassVar[tuple[Option, ...]] = ()  # filled from __init__ when the subclass is defined
    # Expected time on this server (calibrated by bench/estimates.py): a fixed start, a preparation per column that
    # grows with the rows, training per cell, and sampling per cell made.
    startup_s: ClassVar[float] = 2.0
    seconds_per_column: ClassVar[float] = 0.0
    seconds_per_column_row: ClassVar[float] = 0.0
    seconds_per_cell: ClassVar[float] = 1e-5
    sample_seconds_per_cell: ClassVar[float] = 1e-6

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls.options = _options_from_init(cls)

    @classmethod
    def defaults(cls) -> dict[str, Any]:
        """Every option at its default, as the __init__ signature gives it."""
        return {option.name: option.default for option in cls.options}

    @classmethod
    def resolve_options(cls, given: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
        """This generator's options with defaults filled in, and notes on the ones that do not apply."""
        known = {option.name: option for option in cls.options}
        notes = [
            f"The option '{name}' does not apply to {cls.label} and was ignored."
            for name, value in given.items()
            if name not in known and value is not None
        ]
        return {name: option.coerce(given.get(name)) for name, option in known.items()}, notes

    @classmethod
    def preparation_seconds(cls, rows: int, columns: int) -> float:
        """Time spent on each column before training proper (SDV's data preparation), whatever the options."""
        return max(columns, 1) * (cls.seconds_per_column + rows * cls.seconds_per_column_row)

    @classmethod
    def options_in_words(cls, options: dict[str, Any]) -> list[tuple[str, str]]:
        """Each option as (its label, its value in words), in the card's order; names it does not know as given."""
        known = {option.name: option for option in cls.options}
        lines = [(known[name].label, known[name].in_words(options[name])) for name in known if name in options]
        return lines + [(name, str(value)) for name, value in options.items() if name not in known]

    @classmethod
    def estimate_seconds(cls, rows: int, columns: int, options: dict[str, Any]) -> float:
        """Expected training time on rows rows of columns learned columns, shown before the user starts."""
        return cls.startup_s + cls.preparation_seconds(rows, columns) + rows * max(columns, 1) * cls.seconds_per_cell

    @classmethod
    def sample_seconds(cls, rows: int, columns: int) -> float:
        """Expected time to make rows rows once trained."""
        return rows * max(columns, 1) * cls.sample_seconds_per_cell

    @classmethod
    def advice(cls, rows: int, kinds: dict[str, str], options: dict[str, Any]) -> list[str]:
        """Plain notes shown beside the options before a run, from public figures only (the rows it will learn
        from, the columns' kinds, the options): what to expect on this table and what would help. None by default."""
        return []

    def get_parameters(self) -> dict[str, Any]:
        """The options this instance was built with: type(self)(**get_parameters()) builds the same generator."""
        return {option.name: getattr(self, option.name) for option in self.options}

    def set_rules(self, rules: tuple) -> None:
        """Rules to respect while training; only for generators that declare Capability.HONOURS_RULES."""
        raise NotImplementedError(f"{type(self).__name__} does not take rules into training.")

    def privacy_guarantee(self) -> dict | None:
        """What a fitted DIFFERENTIALLY_PRIVATE generator guarantees (epsilon, delta, method, budget split, sentence)."""
        return None

    @abstractmethod
    def fit(self, data: pd.DataFrame, kinds: dict[str, str], seed: int, progress: Progress) -> None: ...

    @abstractmethod
    def sample(self, rows: int, seed: int, progress: Progress) -> pd.DataFrame: ...
