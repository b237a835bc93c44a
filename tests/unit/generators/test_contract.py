"""One battery over every registered generator: fit, sample, seed, cancel, options round-trip, card, capabilities."""

import pandas as pd
import pytest

from synth.errors import CancelledError
from synth.generators import GENERATORS, Capability, Generator
from tests.unit.generators.sdv_tiny import KINDS, check_shape_and_kinds, tiny_table

ROWS = 40
CHEAP = {name: {"epochs": 1, "batch_size": 50} for name in ("ctgan", "tvae", "copula_gan")}  # a tiny training
# Noise from the seed, so one seed gives one table; category lists public, as 100 rows name no value privately
CHEAP["dp_marginals"] = {"noise": "reproducible", "category_lists": "public"}
CARD = ("name", "label", "description", "speed", "fidelity", "privacy", "when_to_use")


def quiet(fraction, message):
    pass


def built(name: str) -> Generator:
    chosen = GENERATORS[name]
    options, notes = chosen.resolve_options(CHEAP.get(name, {}))
    assert not notes
    return chosen(**options)


def fit_and_sample(name: str, seed: int = 0) -> tuple[Generator, pd.DataFrame]:
    generator = built(name)
    generator.fit(tiny_table(), KINDS, seed, quiet)
    return generator, generator.sample(ROWS, seed, quiet)


@pytest.fixture(scope="module", params=sorted(GENERATORS))
def made(request):
    return request.param, *fit_and_sample(request.param)


def test_fit_and_sample_give_the_columns_rows_and_kinds(made):
    # Setup
    _, _, synthetic = made

    # Run / Assert
    check_shape_and_kinds(tiny_table(), synthetic, ROWS)


def test_same_seed_gives_the_same_rows_and_another_seed_others(made):
    # Setup
    name, generator, first = made

    # Run
    _, again = fit_and_sample(name)
    other = generator.sample(ROWS, 1, quiet)

    # Assert
    pd.testing.assert_frame_equal(first, again)
    assert not first.equals(other)


@pytest.mark.parametrize("name", sorted(GENERATORS))
def test_a_progress_callback_that_raises_cancelled_stops_fit(name):
    # Setup
    reports = []

    def cancel_at_second(fraction, message):
        reports.append(message)
        if len(reports) == 2:
            raise CancelledError()

    # Run / Assert
    with pytest.raises(CancelledError):
        built(name).fit(tiny_table(), KINDS, 0, cancel_at_second)
    assert len(reports) == 2


@pytest.mark.parametrize("name", sorted(GENERATORS))
def test_options_round_trip_through_get_parameters(name):
    # Setup
    chosen = GENERATORS[name]
    others = {o.name: o.choices[-1] if o.choices else type(o.default)(o.maximum) for o in chosen.options}

    # Run
    default = chosen().get_parameters()
    rebuilt = chosen(**default).get_parameters()
    changed = chosen(**others).get_parameters()

    # Assert
    assert default == rebuilt == chosen.defaults()
    assert changed == others
    for option in chosen.options:
        assert option.coerce(option.default) == option.default
        assert option.coerce(str(option.default)) == option.default  # as the command line passes it


@pytest.mark.parametrize("name", sorted(GENERATORS))
def test_card_is_complete(name):
    # Setup
    chosen = GENERATORS[name]

    # Run
    card = [getattr(chosen, field) for field in CARD]

    # Assert
    assert chosen.name == name
    assert all(isinstance(text, str) and text.strip() for text in card)
    assert all(option.label.strip() and option.help.strip() for option in chosen.options)
    small, large = (chosen.estimate_seconds(rows, 5, chosen.defaults()) for rows in (100, 100_000))
    assert 0 < small < large


@pytest.mark.parametrize("name", sorted(GENERATORS))
def test_capabilities_are_declared_and_kept(name):
    # Setup
    chosen = GENERATORS[name]

    # Run
    takes_rules = chosen.set_rules is not Generator.set_rules

    # Assert
    assert isinstance(chosen.capabilities, Capability)
    assert (Capability.HONOURS_RULES in chosen.capabilities) == takes_rules


def test_a_differentially_private_generator_states_its_guarantee_after_fit_and_no_other_does(made):
    # Setup
    name, generator, _ = made

    # Run
    guarantee = generator.privacy_guarantee()

    # Assert
    if Capability.DIFFERENTIALLY_PRIVATE in generator.capabilities:
        assert guarantee["epsilon"] > 0 and guarantee["sentence"] and guarantee["method"]
        assert Capability.KEEPS_REAL_ROWS not in generator.capabilities
    else:
        assert guarantee is None
