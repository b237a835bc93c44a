"""SDV's synthesizers (GaussianCopula, CTGAN, TVAE, CopulaGAN) behind our generator interface."""

from __future__ import annotations

import threading
import warnings
from typing import Any

import pandas as pd

from synth.errors import CancelledError, GeneratorError
from synth.generators.base import Option, Progress
from synth.schema import SDV_SDTYPES

TABLE = "table"
_epoch_progress = threading.local()
_patch_lock = threading.Lock()
_patched = False


class _EpochCounter:
    """Stands in for tqdm inside ctgan so each epoch reports progress to the thread that trains."""

    def __init__(self, iterable=None, *args, **kwargs):
        self._items = list(iterable) if iterable is not None else []

    def __iter__(self):
        report = getattr(_epoch_progress, "report", None)
        total = len(self._items)
        for done, item in enumerate(self._items):
            if report is not None:
                report(done / max(total, 1), f"Training: epoch {done + 1} of {total}")
            yield item

    def set_description(self, *args, **kwargs):
        pass

    def close(self):
        pass


def _patch_epoch_progress() -> None:
    global _patched
    with _patch_lock:
        if _patched:
            return
        import ctgan.synthesizers.ctgan as ctgan_module
        import ctgan.synthesizers.tvae as tvae_module

        ctgan_module.tqdm = _EpochCounter
        tvae_module.tqdm = _EpochCounter
        _patched = True


def sdv_metadata(data: pd.DataFrame, kinds: dict[str, str]):
    """SDV metadata built from our column kinds rather than SDV's own guesses."""
    from sdv.metadata import Metadata

    columns = {}
    for column in data.columns:
        sdtype = SDV_SDTYPES[kinds[column]]
        columns[column] = {"sdtype": sdtype}
        if sdtype == "datetime":
            columns[column]["datetime_format"] = "%Y-%m-%d %H:%M:%S"
    return Metadata.load_from_dict({"tables": {TABLE: {"columns": columns}}})


def _to_sdv_frame(data: pd.DataFrame, kinds: dict[str, str]) -> pd.DataFrame:
    out = data.copy()
    for column in out.columns:
        if kinds[column] == "datetime":
            out[column] = out[column].dt.strftime("%Y-%m-%d %H:%M:%S")
    return out


class SdvGenerator:
    """One SDV synthesizer class, fitted on our model frame and sampled with a seed."""

    def __init__(self, class_name: str, **options: Any) -> None:
        self.class_name = class_name
        self.options = options
        self._synthesizer = None
        self._kinds: dict[str, str] = {}
        self._rules: tuple = ()

    def set_rules(self, rules: tuple) -> None:
        """Rules to hand to SDV as constraints (sdv.cag), so training already respects them."""
        self._rules = tuple(rules)

    def _build(self, metadata):
        import sdv.single_table as single_table

        options = dict(self.options)
        if "distribution" in options:
            options["default_distribution"] = options.pop("distribution")
        if "batch_size" in options:
            options["batch_size"] = max(10, options["batch_size"] // 10 * 10)
        if self.class_name != "GaussianCopulaSynthesizer":
            import torch

            options["enable_gpu"] = torch.cuda.is_available()
        return getattr(single_table, self.class_name)(metadata, **options)

    def fit(self, data: pd.DataFrame, kinds: dict[str, str], seed: int, progress: Progress) -> None:
        import torch

        _patch_epoch_progress()
        self._kinds = {c: kinds[c] for c in data.columns}
        progress(0.0, "Preparing the data for SDV")
        torch.manual_seed(seed)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            self._synthesizer = self._build(sdv_metadata(data, self._kinds))
            if self._rules:
                from synth.rules import sdv_constraints

                constraints = sdv_constraints(self._rules)
                if constraints:
                    self._synthesizer.add_constraints(constraints)
            _epoch_progress.report = progress
            try:
                self._synthesizer.fit({TABLE: _to_sdv_frame(data, self._kinds)})
            except CancelledError:
                raise
            except (ValueError, RuntimeError, MemoryError) as error:
                raise GeneratorError(
                    f"{self.class_name.replace('Synthesizer', '')} could not learn this table "
                    f"({type(error).__name__}). Try fewer columns or the default generator."
                ) from error
            finally:
                _epoch_progress.report = None
        progress(1.0, "Training finished")

    def sample(self, rows: int, seed: int, progress: Progress) -> pd.DataFrame:
        if self._synthesizer is None:
            raise GeneratorError("The generator has not been trained yet.")
        progress(0.0, f"Sampling {rows:,} rows")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            self._synthesizer.reset_sampling()
            self._synthesizer._set_random_state(seed)
            sampled = self._synthesizer.sample(rows)
        frame = sampled[TABLE] if isinstance(sampled, dict) else sampled
        for column, kind in self._kinds.items():
            if kind == "datetime":
                frame[column] = pd.to_datetime(frame[column], errors="coerce")
        progress(1.0, "Sampling finished")
        return frame


EPOCHS = Option(
    "epochs", "Training rounds (epochs)", 100, "More rounds learn more but take longer.", minimum=1, maximum=5000
)
BATCH = Option(
    "batch_size", "Batch size", 500, "Rows per training step; must be a multiple of 10.", minimum=10, maximum=100_000
)
DISTRIBUTION = Option(
    "distribution",
    "Shape assumed for numbers",
    "beta",
    "How each number column's spread is modelled: 'beta' suits bounded values, 'norm' bell curves.",
    choices=("beta", "norm", "truncnorm", "uniform", "gamma", "gaussian_kde"),
)
