"""A run's request: the defaults DESIGN.md names, and the figures measured after generating or later."""

from synth.evaluate import Cost, extras_up_to
from synth.generators import DEFAULT_GENERATOR
from synth.run_config import DEFAULT_SEED, MEASURED_LATER, RUN_EXTRAS, RunConfig


def test_the_defaults_are_the_recommended_generator_every_row_a_fixed_seed_and_every_figure():
    # Run
    config = RunConfig()

    # Assert
    assert (config.generator, config.rows, config.seed) == (DEFAULT_GENERATOR, None, DEFAULT_SEED)
    assert config.extras == RUN_EXTRAS and config.later == () and config.sample_rows is None


def test_figures_measured_later_are_the_run_figures_beyond_the_quick_ones():
    # Run
    quick = extras_up_to(Cost.QUICK)

    # Assert
    assert {"detection", "dcr"} <= set(MEASURED_LATER) <= set(RUN_EXTRAS)
    assert not set(MEASURED_LATER) & set(quick)
