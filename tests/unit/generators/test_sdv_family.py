"""SDV's synthesizers behind our interface: metadata from our kinds, epoch progress, seeding, errors, capabilities."""

import threading

import numpy as np
import pandas as pd
import pytest
import sdv.single_table

from synth.errors import CancelledError, GeneratorError
from synth.generators.base import Capability
from synth.generators.sdv_family import (
    CTGAN,
    TABLE,
    TVAE,
    CopulaGAN,
    GaussianCopula,
    NeuralSdvGenerator,
    _epoch_progress,
    _EpochCounter,
    _patch_epoch_progress,
    _to_sdv_frame,
    sdv_metadata,
)
from synth.rules import Rule
from tests.unit.generators.sdv_tiny import KINDS, tiny_table

NEURAL = (CTGAN, TVAE, CopulaGAN)


def quiet(fraction, message):
    pass


def same_state(first, second):
    """Two numpy global random states (name, key array, position, gauss flag, cached gauss) are equal."""
    return first[0] == second[0] and np.array_equal(first[1], second[1]) and first[2:] == second[2:]


def ordered_pair(rows=80):
    """Two numbers only a hair apart, low always below high: an unconstrained copula often swaps them."""
    rng = np.random.default_rng(0)
    low = rng.normal(0, 1, rows).round(2)
    high = (low + np.abs(rng.normal(0, 0.1, rows))).round(2) + 0.01
    return pd.DataFrame({"low": low, "high": high}), {"low": "decimal", "high": "decimal"}


def test_sdv_metadata_takes_our_kinds_over_sdv_guesses():
    # Setup
    data = pd.DataFrame(
        {
            "count": [1, 2, 3],
            "score": [0.5, 1.5, 2.5],
            "code": [10, 20, 30],  # numbers, but the user called them a category
            "day": pd.to_datetime(["2021-01-01", "2021-01-02", "2021-01-03"]),
            "member": ["yes", "no", "yes"],
        }
    )
    kinds = {"count": "integer", "score": "decimal", "code": "category", "day": "datetime", "member": "boolean"}

    # Run
    columns = sdv_metadata(data, kinds).to_dict()["tables"][TABLE]["columns"]

    # Assert
    assert {name: spec["sdtype"] for name, spec in columns.items()} == {
        "count": "numerical",
        "score": "numerical",
        "code": "categorical",
        "day": "datetime",
        "member": "categorical",
    }
    assert columns["day"]["datetime_format"] == "%Y-%m-%d %H:%M:%S"
    assert "datetime_format" not in columns["count"]


def test_to_sdv_frame_writes_dates_as_text_and_leaves_the_rest_and_the_input_alone():
    # Setup
    data = tiny_table(5)

    # Run
    out = _to_sdv_frame(data, KINDS)

    # Assert
    assert out["sold"].tolist() == data["sold"].dt.strftime("%Y-%m-%d %H:%M:%S").tolist()
    assert out["sold"].str.fullmatch(r"\d{4}-\d\d-\d\d 00:00:00").all()
    pd.testing.assert_frame_equal(out.drop(columns="sold"), data.drop(columns="sold"))
    assert pd.api.types.is_datetime64_any_dtype(data["sold"])  # a copy was changed, not the caller's frame


def test_epoch_counter_reports_each_epoch_to_the_training_threads_callback_only():
    # Setup
    reports, elsewhere = [], []

    def train_elsewhere():
        elsewhere.extend(_EpochCounter(range(2)))  # this thread set no callback

    # Run
    _epoch_progress.report = lambda fraction, message: reports.append((fraction, message))
    try:
        counter = _EpochCounter(range(3), disable=True)  # ctgan passes tqdm's own arguments
        counter.set_description("ignored")
        items = list(counter)
        counter.close()
        thread = threading.Thread(target=train_elsewhere)
        thread.start()
        thread.join()
    finally:
        _epoch_progress.report = None
    list(_EpochCounter(range(2)))  # with the callback cleared, nothing more is reported

    # Assert
    assert items == [0, 1, 2] and elsewhere == [0, 1]
    assert reports == [
        (0.0, "Training: epoch 1 of 3"),
        (pytest.approx(1 / 3), "Training: epoch 2 of 3"),
        (pytest.approx(2 / 3), "Training: epoch 3 of 3"),
    ]


def test_patch_puts_the_epoch_counter_in_place_of_tqdm_in_ctgan_and_tvae():
    # Setup
    import ctgan.synthesizers.ctgan as ctgan_module
    import ctgan.synthesizers.tvae as tvae_module

    # Run
    _patch_epoch_progress()
    _patch_epoch_progress()  # a second call changes nothing

    # Assert
    assert ctgan_module.tqdm is _EpochCounter
    assert tvae_module.tqdm is _EpochCounter


def test_neural_fit_reports_every_epoch_and_leaves_numpy_global_state_as_it_was():
    # Setup
    reports = []
    np.random.seed(123)
    before = np.random.get_state()
    expected_next = np.random.random(3)
    np.random.set_state(before)

    # Run
    # ctgan draws its batches from numpy's global generator, so only the restore keeps the caller's draws
    CTGAN(epochs=2, batch_size=50).fit(tiny_table(40), KINDS, 0, lambda fraction, message: reports.append(message))
    after_next = np.random.random(3)

    # Assert
    assert reports == [
        "Preparing the data for SDV",
        "Training: epoch 1 of 2",
        "Training: epoch 2 of 2",
        "Training finished",
    ]
    assert getattr(_epoch_progress, "report", None) is None
    np.testing.assert_array_equal(after_next, expected_next)


def test_fit_seeds_torch_for_training_and_leaves_the_callers_torch_draws_alone(monkeypatch):
    # Setup
    import torch

    seen = []

    def record_draws(self, processed_data):
        seen.append(torch.rand(3))  # what CTGAN and TVAE initialise their networks from

    monkeypatch.setattr(sdv.single_table.GaussianCopulaSynthesizer, "_fit", record_draws)
    torch.manual_seed(11)
    expected_next = torch.rand(3)
    torch.manual_seed(11)

    # Run
    GaussianCopula().fit(tiny_table(20), KINDS, 5, quiet)
    after_next = torch.rand(3)
    GaussianCopula().fit(tiny_table(20), KINDS, 5, quiet)

    # Assert
    assert torch.equal(after_next, expected_next)
    assert torch.equal(seen[0], seen[1])
    torch.manual_seed(5)
    assert torch.equal(seen[0], torch.rand(3))


def test_fit_seeds_numpy_for_training_and_restores_it_afterwards(monkeypatch):
    # Setup
    seen = []

    def record_draws(self, processed_data):
        seen.append(np.random.random(4))  # what ctgan draws its training batches from

    monkeypatch.setattr(sdv.single_table.GaussianCopulaSynthesizer, "_fit", record_draws)
    np.random.seed(7)
    before = np.random.get_state()

    # Run
    GaussianCopula().fit(tiny_table(20), KINDS, 5, quiet)
    after = np.random.get_state()
    np.random.random(10)  # the caller's own draws between two trainings change nothing
    GaussianCopula().fit(tiny_table(20), KINDS, 5, quiet)
    GaussianCopula().fit(tiny_table(20), KINDS, 6, quiet)

    # Assert
    assert same_state(before, after)
    np.testing.assert_array_equal(seen[0], seen[1])
    assert not np.array_equal(seen[0], seen[2])
    np.testing.assert_array_equal(seen[0], np.random.RandomState(5).random_sample(4))


def test_a_value_error_inside_sdv_becomes_a_plain_generator_error_and_state_is_restored(monkeypatch):
    # Setup
    def fail(self, processed_data):
        np.random.random(5)
        raise ValueError("singular matrix")

    monkeypatch.setattr(sdv.single_table.GaussianCopulaSynthesizer, "_fit", fail)
    np.random.seed(11)
    expected_next = np.random.random(2)
    np.random.seed(11)

    # Run
    with pytest.raises(GeneratorError) as raised:
        GaussianCopula().fit(tiny_table(20), KINDS, 0, quiet)

    # Assert
    assert not isinstance(raised.value, ValueError)  # pages show it as a training failure, not a bad input
    assert isinstance(raised.value.__cause__, ValueError)
    assert "GaussianCopula could not learn this table (ValueError)" in str(raised.value)
    assert getattr(_epoch_progress, "report", None) is None
    np.testing.assert_array_equal(np.random.random(2), expected_next)


def test_cancelling_inside_sdv_is_not_turned_into_a_generator_error(monkeypatch):
    # Setup
    def cancel(self, processed_data):
        raise CancelledError()

    monkeypatch.setattr(sdv.single_table.GaussianCopulaSynthesizer, "_fit", cancel)

    # Run / Assert
    with pytest.raises(CancelledError):
        GaussianCopula().fit(tiny_table(20), KINDS, 0, quiet)


@pytest.mark.parametrize("chosen", (GaussianCopula, *NEURAL))
def test_sample_before_fit_is_a_plain_generator_error(chosen):
    # Setup
    generator = chosen()

    # Run
    with pytest.raises(GeneratorError) as raised:
        generator.sample(5, 0, quiet)

    # Assert
    assert "not been trained" in str(raised.value)


def test_sample_after_a_failed_fit_is_a_plain_generator_error(monkeypatch):
    # Setup
    def fail(self, processed_data):
        raise ValueError("bad table")

    generator = GaussianCopula()
    with monkeypatch.context() as patch:
        patch.setattr(sdv.single_table.GaussianCopulaSynthesizer, "_fit", fail)
        with pytest.raises(GeneratorError):
            generator.fit(tiny_table(20), KINDS, 0, quiet)

    # Run / Assert
    with pytest.raises(GeneratorError):
        generator.sample(5, 0, quiet)


def test_neural_estimate_grows_with_epochs_and_the_copulas_does_not():
    # Setup
    rows, columns = 1000, 5

    # Run
    neural = [CTGAN.estimate_seconds(rows, columns, {"epochs": epochs}) for epochs in (10, 20)]
    default = CTGAN.estimate_seconds(rows, columns, {})
    copula = [GaussianCopula.estimate_seconds(rows, columns, {"epochs": epochs}) for epochs in (10, 20)]

    # Assert: the epochs multiply the training; SDV's start and its preparation of each column do not (issue 13:
    # TVAE at 5 epochs spent 14 of its 29 s preparing the data, which the old estimate scaled with the epochs)
    fixed = CTGAN.startup_s + CTGAN.preparation_seconds(rows, columns)
    assert CTGAN.preparation_seconds(rows, columns) > 0
    assert neural[1] - fixed == pytest.approx(2 * (neural[0] - fixed))
    assert default - fixed == pytest.approx(10 * (neural[0] - fixed))  # 100 epochs by default
    assert (
        copula[0]
        == copula[1]
        == (
            GaussianCopula.startup_s
            + GaussianCopula.preparation_seconds(rows, columns)
            + rows * columns * GaussianCopula.seconds_per_cell
        )
    )


def test_capabilities_as_declared_all_take_rules_only_neural_ones_use_a_gpu():
    # Run
    declared = {chosen: chosen.capabilities for chosen in (GaussianCopula, *NEURAL)}

    # Assert
    assert all(Capability.HONOURS_RULES in capability for capability in declared.values())
    assert Capability.USES_GPU not in declared[GaussianCopula]
    assert all(Capability.USES_GPU in declared[chosen] and issubclass(chosen, NeuralSdvGenerator) for chosen in NEURAL)
    assert not any(Capability.KEEPS_REAL_ROWS in capability for capability in declared.values())


def test_build_renames_distribution_and_rounds_the_batch_size_down_to_tens():
    # Setup
    import torch

    metadata = sdv_metadata(tiny_table(5), KINDS)

    # Run
    copula = GaussianCopula(distribution="norm")._build(metadata)
    batches = [CTGAN(batch_size=size)._build(metadata) for size in (57, 3, 500)]

    # Assert
    assert copula.default_distribution == "norm"
    assert [built._model_kwargs["batch_size"] for built in batches] == [50, 10, 500]
    assert batches[0]._model_kwargs["enable_gpu"] == torch.cuda.is_available()


def test_rules_reach_sdv_as_constraints_and_hold_in_the_sample():
    # Setup
    data, kinds = ordered_pair()
    free, bound = GaussianCopula(), GaussianCopula()
    bound.set_rules((Rule("order", ("low", "high")),))

    # Run
    free.fit(data, kinds, 0, quiet)
    bound.fit(data, kinds, 0, quiet)
    loose = free.sample(200, 0, quiet)
    kept = bound.sample(200, 0, quiet)

    # Assert
    assert (loose["low"] > loose["high"]).any()  # without the rule the copula does swap them
    assert not (kept["low"] > kept["high"]).any()
    assert [type(c).__name__ for c in bound._synthesizer.get_constraints()] == ["Inequality"]


def test_sample_turns_dates_back_into_datetimes_and_repeats_with_a_seed():
    # Setup
    generator = GaussianCopula()
    generator.fit(tiny_table(40), KINDS, 0, quiet)

    # Run
    first = generator.sample(20, 3, quiet)
    again = generator.sample(20, 3, quiet)

    # Assert
    assert pd.api.types.is_datetime64_any_dtype(first["sold"])
    pd.testing.assert_frame_equal(first, again)
