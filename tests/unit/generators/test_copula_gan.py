"""SDV's copula_gan behind our interface: a tiny table in, the right columns, rows and kinds out."""

from tests.unit.generators.sdv_tiny import check_shape_and_kinds, fit_and_sample


def test_copula_gan_fits_and_samples_a_tiny_table():
    # Setup
    rows = 37

    # Run
    real, synthetic = fit_and_sample("copula_gan", rows, epochs=2, batch_size=50)

    # Assert
    check_shape_and_kinds(real, synthetic, rows)
