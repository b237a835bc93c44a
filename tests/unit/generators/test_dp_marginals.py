"""The registered differentially private generator as a user picks it: one column, public lists, no training."""

import pytest

from synth.errors import GeneratorError
from synth.generators import generator_class
from tests.unit.generators.dp_marginals.test_model import KINDS, people, quiet


def test_a_single_column_and_public_category_lists_work():
    # Setup
    real = people(300)[["town"]]
    generator = generator_class("dp_marginals")(category_lists="public", noise="reproducible")

    # Run
    generator.fit(real, KINDS, 0, quiet)
    synthetic = generator.sample(50, 0, quiet)

    # Assert
    assert len(synthetic) == 50
    assert set(synthetic["town"].dropna()) <= set(real["town"])
    assert "the lists of category values, as you stated" in generator.privacy_guarantee()["treated_as_public"]


def test_sampling_before_training_is_refused_in_words():
    # Run / Assert
    with pytest.raises(GeneratorError, match="not been trained"):
        generator_class("dp_marginals")().sample(5, 0, quiet)
