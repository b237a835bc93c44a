"""The registry of generators: one line per generator, each class imported the first time it is asked for."""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping

from synth.errors import InputError
from synth.generators.base import Capability, Generator, Option, OptionInfo, Progress, no_progress

__all__ = [
    "DEFAULT_GENERATOR",
    "GENERATORS",
    "Capability",
    "Generator",
    "Option",
    "OptionInfo",
    "Progress",
    "generator_class",
    "no_progress",
]

_WHERE = {  # name: "module:Class"; the order is the order people see
    "sequential_trees": "synth.generators.sequential_trees.model:SequentialTrees",
    "gaussian_copula": "synth.generators.sdv_family:GaussianCopula",
    "ctgan": "synth.generators.sdv_family:CTGAN",
    "tvae": "synth.generators.sdv_family:TVAE",
    "copula_gan": "synth.generators.sdv_family:CopulaGAN",
    "dp_marginals": "synth.generators.dp_marginals.model:DPMarginals",
}

DEFAULT_GENERATOR = "sequential_trees"


class _Registry(Mapping[str, type[Generator]]):
    """Generator classes by name; a family's module is imported only when one of its members is looked up."""

    def __init__(self, where: dict[str, str]) -> None:
        self._where = where

    def __getitem__(self, name: str) -> type[Generator]:
        module, _, attribute = self._where[name].partition(":")
        return getattr(importlib.import_module(module), attribute)

    def __contains__(self, name: object) -> bool:
        return name in self._where

    def __iter__(self) -> Iterator[str]:
        return iter(self._where)

    def __len__(self) -> int:
        return len(self._where)


GENERATORS: Mapping[str, type[Generator]] = _Registry(_WHERE)


def generator_class(name: str) -> type[Generator]:
    """The generator registered under name, or a plain InputError naming the choices."""
    if name not in GENERATORS:
        raise InputError(f"There is no generator called '{name}'. Choose one of: {', '.join(GENERATORS)}.")
    return GENERATORS[name]
