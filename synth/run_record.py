"""What one run gives back: the synthetic rows and every figure about them, the package versions and the input's
fingerprint its record names."""

from __future__ import annotations

import hashlib
import platform
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from typing import Any

import pandas as pd

from synth import __version__
from synth.evaluate import Evaluation
from synth.formats.stored_types import StoredType
from synth.release import BLOCK_ROWS

_PACKAGES = (
    "pandas",
    "numpy",
    "scipy",
    "scikit-learn",
    "plotly",
    "sdv",
    "sdmetrics",
    "rdt",
    "torch",
    "smartnoise-synth",
)


@dataclass(frozen=True)
class RunResult:
    synthetic: pd.DataFrame
    real_model: pd.DataFrame  # every real row, model form (charts)
    synthetic_model: pd.DataFrame
    kinds: dict[str, str]
    evaluation: Evaluation
    record: dict[str, Any]
    training_model: pd.DataFrame | None = None  # the rows the generator learned from
    holdout_model: pd.DataFrame | None = None  # real rows kept aside before training
    shown: Callable[[pd.DataFrame, int], pd.DataFrame] | None = None  # model rows from start -> table's form
    stored_types: dict[str, StoredType] = field(default_factory=dict)  # how a typed download writes each column

    @property
    def warnings(self) -> list[str]:
        return self.record["warnings"]

    @property
    def rows(self) -> int:
        return len(self.synthetic_model) if self.shown is not None else len(self.synthetic)

    def synthetic_chunks(self, chunk_rows: int = BLOCK_ROWS) -> Iterator[pd.DataFrame]:
        """The synthetic rows in the table's own form, chunk_rows at a time (the same rows as one piece)."""
        for start in range(0, self.rows, chunk_rows):
            if self.shown is None:
                yield self.synthetic.iloc[start : start + chunk_rows]
            else:
                yield self.shown(self.synthetic_model.iloc[start : start + chunk_rows], start)


def versions() -> dict[str, str]:
    found = {"doppel": __version__, "python": platform.python_version()}
    for package in _PACKAGES:
        try:
            found[package] = version(package)
        except PackageNotFoundError:
            continue
    return found


def fingerprint(frame: pd.DataFrame) -> str:
    """A short hash of the table's content, to tell later which input a run used."""
    digest = hashlib.sha256(pd.util.hash_pandas_object(frame, index=False).to_numpy().tobytes())
    digest.update("\x1f".join(map(str, frame.columns)).encode())
    return digest.hexdigest()[:16]
