"""SDV's synthesizers (GaussianCopula, CTGAN, TVAE, CopulaGAN) behind our generator interface."""

from __future__ import annotations

import threading
import warnings
from typing import Any, ClassVar

import numpy as np
import pandas as pd

from synth.date_ticks import holding_unit, iso_text
from synth.errors import CancelledError, GeneratorError
from synth.generators.base import Capability, Generator, OptionInfo, Progress
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


def sdv_metadata(data: pd.DataFrame, kinds: dict[str, str], labels: frozenset[str] = frozenset()):
    """SDV metadata built from our column kinds rather than SDV's own guesses; labels: date columns learned as
    labels (far_date_columns)."""
    from sdv.metadata import Metadata

    columns = {}
    for column in data.columns:
        sdtype = "categorical" if column in labels else SDV_SDTYPES[kinds[column]]
        columns[column] = {"sdtype": sdtype}
        if sdtype == "datetime":
            columns[column]["datetime_format"] = "%Y-%m-%d %H:%M:%S"
    return Metadata.load_from_dict({"tables": {TABLE: {"columns": columns}}})


def far_date_columns(data: pd.DataFrame, kinds: dict[str, str]) -> frozenset[str]:
    """Date columns holding dates SDV cannot (before 1677 or after 2262: a warehouse's 9999-12-31 for open rows),
    which SDV then learns as labels, each date as it was: SDV reads every date in nanoseconds and refused them."""
    return frozenset(c for c in data.columns if kinds[c] == "datetime" and holding_unit(data[c]) != "ns")


def _to_sdv_frame(data: pd.DataFrame, kinds: dict[str, str], labels: frozenset[str] = frozenset()) -> pd.DataFrame:
    out = data.copy()
    for column in out.columns:
        if column in labels:
            out[column] = iso_text(out[column])
        elif kinds[column] == "datetime":
            out[column] = out[column].dt.strftime("%Y-%m-%d %H:%M:%S")
    return out


_LICENCE = "From SDV (BUSL-1.1 licence)."


class SdvGenerator(Generator):
    """One SDV synthesizer class, fitted on our model frame and sampled with a seed."""

    sdv_class: ClassVar[str] = ""
    capabilities = Capability.HONOURS_RULES
    startup_s = 9.0  # importing PyTorch and SDV in the training process, and SDV's set-up

    def __init__(self) -> None:
        self._synthesizer = None
        self._kinds: dict[str, str] = {}
        self._rules: tuple = ()
        # far-date columns: each label's date, and the column's type (its unit)
        self._labels: dict[str, tuple[dict[str, pd.Timestamp], Any]] = {}

    def set_rules(self, rules: tuple) -> None:
        """Rules to hand to SDV as constraints (sdv.cag), so training already respects them."""
        self._rules = tuple(rules)

    def _build(self, metadata):
        import sdv.single_table as single_table

        options = self.get_parameters()
        if "distribution" in options:
            options["default_distribution"] = options.pop("distribution")
        if "batch_size" in options:
            options["batch_size"] = max(10, options["batch_size"] // 10 * 10)
        if Capability.USES_GPU in self.capabilities:
            import torch

            options["enable_gpu"] = torch.cuda.is_available()
        return getattr(single_table, self.sdv_class)(metadata, **options)

    def fit(self, data: pd.DataFrame, kinds: dict[str, str], seed: int, progress: Progress) -> None:
        import torch

        _patch_epoch_progress()
        self._kinds = {c: kinds[c] for c in data.columns}
        labels = far_date_columns(data, self._kinds)
        ruled = [rule.describe() for rule in self._rules if labels & set(rule.columns)]
        if ruled:
            raise GeneratorError(
                f"SDV's generators hold dates between 1677 and 2262 only, so they learn '{sorted(labels)[0]}' "
                f"(it holds dates such as 9999-12-31) as labels, which the rule '{ruled[0]}' cannot compare. "
                "Use the default generator (Sequential trees), or leave the rule out."
            )
        self._labels = {c: (dict(zip(iso_text(data[c]), data[c], strict=True)), data[c].dtype) for c in labels}
        progress(0.0, "Preparing the data for SDV")
        # seeded for training, and the caller's own torch draws left as they were (as numpy's below)
        with torch.random.fork_rng(devices=[]), warnings.catch_warnings():
            torch.manual_seed(seed)
            warnings.simplefilter("ignore")
            self._synthesizer = self._build(sdv_metadata(data, self._kinds, labels))
            if self._rules:
                from synth.rules import sdv_constraints

                constraints = sdv_constraints(self._rules)
                if constraints:
                    self._synthesizer.add_constraints(constraints)
            _epoch_progress.report = progress
            numpy_state = np.random.get_state()
            np.random.seed(seed)  # ctgan draws its training batches from numpy's global generator
            try:
                self._synthesizer.fit({TABLE: _to_sdv_frame(data, self._kinds, labels)})
            except CancelledError:
                self._synthesizer = None
                raise
            except (ValueError, RuntimeError, MemoryError) as error:
                self._synthesizer = None  # half-trained: sampling it must say so plainly, not fail inside SDV
                raise GeneratorError(
                    f"{self.sdv_class.replace('Synthesizer', '')} could not learn this table "
                    f"({type(error).__name__}). Try fewer columns or the default generator."
                ) from error
            finally:
                _epoch_progress.report = None
                np.random.set_state(numpy_state)
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
            if column in self._labels:
                dates, dtype = self._labels[column]
                frame[column] = frame[column].map(dates).astype(dtype)
            elif kind == "datetime":
                frame[column] = pd.to_datetime(frame[column], errors="coerce")
        progress(1.0, "Sampling finished")
        return frame


class GaussianCopula(SdvGenerator):
    name = "gaussian_copula"
    label = "Gaussian copula (SDV)"
    description = "Learns each column's shape and how columns move together. Fast and steady."
    speed = "Fast: seconds for thousands of rows."
    fidelity = "Good for single columns; simple links between columns only."
    privacy = "Good: it smooths values rather than copying rows."
    when_to_use = f"A quick, dependable first try on any table. {_LICENCE}"
    sdv_class = "GaussianCopulaSynthesizer"
    startup_s = 3.6  # bench/RESULTS-estimates.md: SDV's import and set-up, then a fitted shape per column
    seconds_per_column = 0.23
    seconds_per_cell = 9e-5
    option_info = {
        "distribution": OptionInfo(
            "Shape assumed for numbers",
            "How each number column's spread is modelled: 'beta' suits bounded values, 'norm' bell curves.",
            choices=("beta", "norm", "truncnorm", "uniform", "gamma", "gaussian_kde"),
        )
    }

    def __init__(self, distribution: str = "beta") -> None:
        super().__init__()
        self.distribution = distribution


class NeuralSdvGenerator(SdvGenerator):
    """SDV's neural networks: trained for a number of epochs, on a GPU when there is one."""

    capabilities = Capability.HONOURS_RULES | Capability.USES_GPU
    training_cpus = 2  # PyTorch spreads a training round over the cores it gets
    option_info = {
        "epochs": OptionInfo(
            "Training rounds (epochs)", "More rounds learn more but take longer.", minimum=1, maximum=5000
        ),
        "batch_size": OptionInfo(
            "Batch size", "Rows per training step; must be a multiple of 10.", minimum=10, maximum=100_000
        ),
    }

    def __init__(self, epochs: int = 100, batch_size: int = 500) -> None:
        super().__init__()
        self.epochs = epochs
        self.batch_size = batch_size

    @classmethod
    def estimate_seconds(cls, rows: int, columns: int, options: dict[str, Any]) -> float:
        """Training time grows with every epoch; the preparation of each column does not."""
        chosen = {**cls.defaults(), **options}
        batches = max(rows, chosen["batch_size"])  # an epoch is at least one full batch, however few the rows
        return (
            cls.startup_s
            + cls.preparation_seconds(rows, columns)
            + batches * max(columns, 1) * cls.seconds_per_cell * chosen["epochs"]
        )


class CTGAN(NeuralSdvGenerator):
    name = "ctgan"
    label = "CTGAN neural network (SDV)"
    description = "A generative adversarial network for tables. Slow on a CPU; shines on large, complex tables."
    speed = "Slow: minutes to hours on a CPU."
    fidelity = "Can capture complex patterns with enough rows and epochs; weak on small tables."
    privacy = "Fair: check the privacy figures after generating."
    when_to_use = f"Large tables with complex, non-linear patterns, and time to wait. {_LICENCE}"
    sdv_class = "CTGANSynthesizer"
    seconds_per_column = 0.65  # preparing a column (a mixture model per number column) before any epoch
    seconds_per_cell = 2e-5  # per row (a full batch at least), column and epoch


class TVAE(NeuralSdvGenerator):
    name = "tvae"
    label = "TVAE neural network (SDV)"
    description = "A variational autoencoder for tables. Faster than CTGAN, but can memorise rows."
    speed = "Medium: a minute or more on a CPU."
    fidelity = "Often good on medium tables."
    privacy = "Watch out: can copy real rows; always check the exact-copy figure."
    when_to_use = f"Medium tables where CTGAN is too slow. {_LICENCE}"
    sdv_class = "TVAESynthesizer"
    seconds_per_column = 0.65
    seconds_per_cell = 1.5e-5


class CopulaGAN(NeuralSdvGenerator):
    name = "copula_gan"
    label = "CopulaGAN neural network (SDV)"
    description = "CTGAN with Gaussian-copula preprocessing of numbers. As slow as CTGAN."
    speed = "Slow: minutes to hours on a CPU."
    fidelity = "Like CTGAN, sometimes better on skewed numbers."
    privacy = "Fair: check the privacy figures after generating."
    when_to_use = f"Like CTGAN, when number columns are skewed. {_LICENCE}"
    sdv_class = "CopulaGANSynthesizer"
    seconds_per_column = 0.8
    seconds_per_cell = 2e-5
