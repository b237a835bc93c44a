import numpy as np
import pandas as pd
import pytest

from synth.generators.dp_marginals import estimate as est


def _measured(counts: dict[tuple, np.ndarray], sigma: float):
    from mbi import LinearMeasurement

    return [LinearMeasurement(np.asarray(c, dtype=float).ravel(), clique, sigma) for clique, c in counts.items()]


@pytest.fixture(scope="module")
def table():
    rng = np.random.default_rng(0)
    a = rng.integers(0, 3, 600)
    b = np.where(rng.random(600) < 0.8, a, rng.integers(0, 3, 600))  # b mostly follows a
    c = rng.integers(0, 4, 600)
    return pd.DataFrame({"a": a, "b": b, "c": np.where(b == 2, 0, c)})


def _counts(frame: pd.DataFrame, attrs: tuple, sizes: dict) -> np.ndarray:
    shape = [sizes[x] for x in attrs]
    return np.histogramdd(frame[list(attrs)].to_numpy(), bins=[np.arange(s + 1) - 0.5 for s in shape])[0]


def test_the_exact_step_bound_is_what_mbis_power_iteration_finds(table):
    # Setup
    from mbi import CliqueVector, Domain
    from mbi.marginal_loss import calculate_l2_lipschitz, from_linear_measurements

    sizes = {"a": 3, "b": 3, "c": 4}
    domain = Domain(list(sizes), list(sizes.values()))
    cliques = [("a",), ("b",), ("c",), ("a", "b"), ("b", "c")]
    sigmas = [2.0, 2.0, 2.0, 0.5, 3.0]
    measurements = [
        m.__class__(m.noisy_measurement, m.clique, s)
        for m, s in zip(_measured({c: _counts(table, c, sizes) for c in cliques}, 1.0), sigmas, strict=True)
    ]
    loss = from_linear_measurements(measurements)
    parents = [CliqueVector.zeros(domain, loss.cliques).parent(c) for c in cliques]

    # Run
    exact = est.lipschitz(sizes, cliques, parents, sigmas)
    iterated = float(calculate_l2_lipschitz(domain, loss.cliques, loss.loss_fn))

    # Assert
    assert exact == pytest.approx(iterated, rel=1e-3)


def test_with_almost_no_noise_the_estimate_is_the_table_and_stops_once_converged(table):
    # Setup
    from mbi import Domain

    sizes = {"a": 3, "b": 3, "c": 4}
    domain = Domain(list(sizes), list(sizes.values()))
    cliques = [("a",), ("b",), ("c",), ("a", "b"), ("b", "c")]
    measurements = _measured({c: _counts(table, c, sizes) for c in cliques}, 0.1)

    # Run
    model, rounds = est.estimate(domain, measurements, float(len(table)), iterations=20_000)

    # Assert
    for clique in [("a", "b"), ("b", "c")]:
        fitted = np.asarray(model.project(clique).datavector(flatten=False))
        assert np.abs(fitted - _counts(table, clique, sizes)).max() < 2.0
    assert rounds < 20_000


def test_rows_are_drawn_with_the_models_column_and_pair_shares(table):
    # Setup
    from mbi import Domain

    sizes = {"a": 3, "b": 3, "c": 4}
    domain = Domain(list(sizes), list(sizes.values()))
    cliques = [("a",), ("b",), ("c",), ("a", "b"), ("b", "c")]
    model, _ = est.estimate(domain, _measured({c: _counts(table, c, sizes) for c in cliques}, 0.1), 600.0, 2_000)
    np.random.seed(0)

    # Run
    drawn = est.draw(model, 6_000).df
    again = (np.random.seed(0), est.draw(model, 6_000).df)[1]

    # Assert
    assert len(drawn) == 6_000 and set(drawn.columns) == set(sizes)
    for clique in [("a", "b"), ("b", "c")]:
        share = _counts(drawn, clique, sizes) / 6_000
        expected = np.asarray(model.project(clique).datavector(flatten=False)) / 600.0
        assert np.abs(share - expected).max() < 0.01
    assert drawn.equals(again)


def test_the_compilation_cache_can_be_turned_off_and_keeps_a_folder_already_set(monkeypatch, tmp_path):
    # Setup
    import jax

    before = jax.config.jax_compilation_cache_dir
    monkeypatch.setenv(est.CACHE_ENV, "off")

    # Run
    off = est.use_compilation_cache()
    monkeypatch.setenv(est.CACHE_ENV, str(tmp_path))
    jax.config.update("jax_compilation_cache_dir", str(tmp_path / "set"))
    try:
        kept = est.use_compilation_cache()
    finally:
        jax.config.update("jax_compilation_cache_dir", before)

    # Assert
    assert off is None
    assert kept == str(tmp_path / "set")


def test_rows_drawn_along_a_chain_of_pairs_take_every_combination_the_model_allows():
    # Setup: six independent yes/no columns measured as a chain of pairs (a-b, b-c, ...): every one of the 64
    # combinations is as likely. Each group's rows took their evenly spaced points in table order, so a row's place
    # picked its code in every column alike: 17 of 64 combinations came back, one in 13% of rows (skt_kr_vs_kp: 122
    # distinct rows of 1,598, a fifth of them copies of training rows)
    from mbi import Domain

    rng = np.random.default_rng(0)
    columns = list("abcdef")
    frame = pd.DataFrame({c: rng.integers(0, 2, 2_000) for c in columns})
    sizes = dict.fromkeys(columns, 2)
    cliques = [(c,) for c in columns] + list(zip(columns, columns[1:]))
    model, _ = est.estimate(
        Domain(columns, [2] * 6), _measured({c: _counts(frame, c, sizes) for c in cliques}, 0.1), 2_000.0, 2_000
    )
    np.random.seed(0)

    # Run
    drawn = est.draw(model, 2_000).df

    # Assert
    combinations = drawn.astype(str).agg("".join, axis=1).value_counts()
    assert len(combinations) == 64
    assert combinations.iloc[0] / 2_000 < 0.04  # 1/64 = 0.016 each
