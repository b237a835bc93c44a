"""private-pgm's mirror descent over noisy counts, compiled once per table shape, and rows drawn from its marginals.

What changes against `mbi.estimation.mirror_descent`: the noisy counts, their noise scales, the row total and the
sums of a coarsened pair (coarse.py) are arguments of the compiled step, not constants baked into it, so the compiled
code depends on array shapes only (the columns' sizes, and how a coarsened pair's bins are joined) and JAX's
persistent compilation cache can reuse it in the next process; the step-size bound is computed exactly instead of
by 50 compiled power iterations; fitting stops once the loss has stopped moving; rows are drawn from the fitted
marginals in NumPy (mbi's own sampler compiles its message passing again). All of it reads only
the noisy counts: post-processing, the privacy accounting is unchanged.
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np

from synth.generators.dp_marginals.coarse import Coarsened

CHECK_EVERY = 50  # rounds between convergence checks
TOLERANCE = 1e-4  # fall of the loss per measured count over CHECK_EVERY rounds (in noise variances) deemed converged
CACHE_ENV = "SYNTH_JAX_CACHE"  # a folder for JAX's compiled code (shapes only, no values); "off" turns it off


def use_compilation_cache() -> str | None:
    """Point JAX's persistent compilation cache at a folder of this server (unless one is set already or it is
    turned off): the compiled step of a table shape seen before is read back instead of compiled (tens of seconds
    on two cores). What is stored is code for array shapes; counts and totals are arguments, not in it."""
    import jax

    folder = os.environ.get(CACHE_ENV, "") or str(Path.home() / ".cache" / "doppel" / "jax")
    if folder == "off":
        return None
    if jax.config.jax_compilation_cache_dir is None:
        jax.config.update("jax_compilation_cache_dir", folder)
        jax.config.update("jax_persistent_cache_min_compile_time_secs", 0.5)
    return jax.config.jax_compilation_cache_dir


def lipschitz(
    sizes: dict[str, int], cliques: list[tuple], parents: list[tuple], sigmas: list[float], spans=None
) -> float:
    """The Lipschitz constant of the gradient of sum_i ||(project_i(mu) - y_i) / sigma_i||^2 / 2, exactly.

    Each measurement i reads marginal `parents[i]` summed down to `cliques[i]`: the Hessian is block diagonal over
    the parents, each term's largest eigenvalue (cells summed per count / sigma^2) sits on the constant vector,
    so a block's largest eigenvalue is the sum of its terms' and the constant is the largest block's. This is
    what mbi's power iteration (calculate_l2_lipschitz) converges to. A count that sums `spans[i]` cells of its
    marginal (a coarsened pair) weighs that many times more: then the sum is a bound, no longer exact."""
    blocks: dict[tuple, float] = {}
    spans = spans or [1] * len(cliques)
    for clique, parent, sigma, span in zip(cliques, parents, sigmas, spans, strict=True):
        summed = int(np.prod([sizes[a] for a in parent if a not in clique])) * span
        blocks[parent] = blocks.get(parent, 0.0) + summed / sigma**2
    return max(blocks.values())


def estimate(domain, measurements: list, total: float, iterations: int, trace: list | None = None, progress=None):
    """mbi's mirror descent with line search (Algorithm 1 of McKenna et al. 2019), as `mirror_descent` runs it with
    `message_passing_stable`, stopped early once converged. Returns mbi's MarkovRandomField and the rounds run.
    `progress(fraction, message)`, if given, hears of the compiling and of the rounds run, out of the most."""
    import jax
    import jax.numpy as jnp
    from mbi import CliqueVector, MarkovRandomField, marginal_oracles
    from mbi.clique_utils import maximal_subset

    use_compilation_cache()
    cliques = maximal_subset([m.clique for m in measurements])
    zeros = CliqueVector.zeros(domain, cliques)
    asked = [tuple(m.clique) for m in measurements]
    sigmas = [max(float(m.stddev), 1e-12) for m in measurements]
    matrices = [m.query.matrix if isinstance(m.query, Coarsened) else None for m in measurements]
    spans = [1 if q is None else int(q.sum(axis=1).max()) for q in matrices]
    bound = lipschitz(domain.config, asked, [zeros.parent(c) for c in asked], sigmas, spans)
    counts = tuple(jnp.asarray(np.asarray(m.noisy_measurement, dtype=float)) for m in measurements)
    queries = tuple(None if q is None else jnp.asarray(q) for q in matrices)

    def loss(mu, counts, scales, queries):
        value = 0.0
        for i, clique in enumerate(asked):
            vector = mu.project(clique).datavector()
            vector = vector if queries[i] is None else queries[i] @ vector
            diff = (vector - counts[i]) / scales[i]
            value += 0.5 * jnp.vdot(diff, diff)
        return value

    @jax.jit
    def step(theta, alpha, counts, scales, total, queries):
        mu = marginal_oracles.message_passing_stable(theta, total)
        value, grad = jax.value_and_grad(loss)(mu, counts, scales, queries)
        theta2 = theta - alpha * grad
        mu2 = marginal_oracles.message_passing_stable(theta2, total)
        value2 = loss(mu2, counts, scales, queries)
        better = value - value2 >= 0.5 * alpha * grad.dot(mu - mu2)
        alpha = jax.lax.select(better, 1.01 * alpha, 0.5 * alpha)
        theta = jax.lax.cond(better, lambda: theta2, lambda: theta)
        return theta, jax.lax.select(better, value2, value), alpha, mu

    scales, total_ = jnp.asarray(sigmas, dtype=jnp.float64), jnp.asarray(total, dtype=jnp.float64)
    theta, alpha = zeros, jnp.asarray(2.0 / (bound * total), dtype=jnp.float64)
    last, done, cells = np.inf, 0, sum(c.size for c in counts)
    if progress is not None:
        progress(0.0, "Preparing the model for this table's shape")
    for done in range(1, iterations + 1):
        theta, value, alpha, _ = step(theta, alpha, counts, scales, total_, queries)
        if done % CHECK_EVERY == 0:
            value = float(value)
            if progress is not None:
                progress(done / iterations, f"Fitting the model to the noisy counts ({done:,} rounds)")
            if trace is not None:
                trace.append((done, value))
            if last - value <= TOLERANCE * cells:
                break
            last = value
    _, _, _, marginals = step(
        theta, jnp.zeros_like(alpha), counts, scales, total_, queries
    )  # a zero step: theta's marginals
    return MarkovRandomField(potentials=theta, marginals=marginals, total=total), done


def _marginal(tables: dict[tuple, np.ndarray], attrs: tuple) -> np.ndarray:
    """The counts over attrs (in that order), summed from a fitted marginal that holds them all."""
    for clique, table in tables.items():
        if set(attrs) <= set(clique):
            summed = table.sum(axis=tuple(i for i, a in enumerate(clique) if a not in attrs))
            kept = [a for a in clique if a in attrs]
            return np.transpose(summed, [kept.index(a) for a in attrs])
    raise ValueError(f"No fitted marginal holds {attrs}.")


def draw(model, rows: int):
    """Rows from the fitted marginals, as mbi's `synthetic_data(method="round")` makes them (numpy's global generator,
    which the caller seeds): columns in the junction tree's order, each drawn given the ones drawn before it, counts
    rounded so each column's share matches the model. Returns mbi's Dataset."""
    import pandas as pd
    from mbi import Dataset, junction_tree

    domain = model.domain
    factors = [model.marginals[c] for c in model.cliques]
    tables = {tuple(f.domain.attrs): np.asarray(f.datavector(flatten=False), dtype=float) for f in factors}
    _, elimination = junction_tree.make_junction_tree(domain, [tuple(c) for c in model.cliques])
    order = elimination[::-1]
    data: dict[str, np.ndarray] = {}
    for col in order:
        relevant = [c for c in model.cliques if col in c]
        given = tuple(a for a in data if a in set().union(*relevant) and a != col)
        if not given:
            data[col] = _round(_marginal(tables, (col,)), rows)
            continue
        data[col] = _given(_marginal(tables, (*given, col)), np.stack([data[a] for a in given], -1), rows)
    frame = pd.DataFrame({a: data[a] for a in domain.attrs})
    return Dataset(frame, domain)


def _round(counts: np.ndarray, rows: int) -> np.ndarray:
    """`rows` codes whose counts are the model's, scaled and randomly rounded, in random order."""
    counts = np.clip(counts, 0, None) * rows / counts.sum()
    fraction, whole = np.modf(counts)
    whole = whole.astype(int)
    extra = rows - whole.sum()
    if extra > 0:
        whole[np.random.choice(counts.size, extra, False, fraction / fraction.sum())] += 1
    codes = np.repeat(np.arange(counts.size), whole)
    np.random.shuffle(codes)
    return codes


def _given(counts: np.ndarray, parents: np.ndarray, rows: int) -> np.ndarray:
    """One code per row given the row's earlier codes: within each group of equal earlier codes, evenly spaced
    points through the conditional distribution (mbi's randomized rounding), so group shares match the model."""
    totals = counts.sum(axis=-1, keepdims=True)
    cdfs = np.divide(counts, totals, out=np.zeros_like(counts), where=totals != 0).cumsum(axis=-1)
    uniques, inverse, sizes = np.unique(parents, axis=0, return_inverse=True, return_counts=True)
    inverse = inverse.reshape(-1)
    shuffled = np.random.permutation(rows)  # each group's rows in random order: a row's place in the table must not
    perm = shuffled[np.argsort(inverse[shuffled], kind="stable")]  # pick its point (its earlier codes were so placed)
    starts = np.zeros(len(sizes), dtype=int)
    np.cumsum(sizes[:-1], out=starts[1:])
    ranks = np.empty(rows, dtype=int)
    ranks[perm] = np.arange(rows) - starts[inverse[perm]]
    points = (ranks + np.random.rand(rows)) / sizes[inverse]
    choices = np.empty(rows, dtype=np.int64)
    group_cdfs = cdfs[tuple(uniques.T)]
    for i, (start, size) in enumerate(zip(starts, sizes, strict=True)):
        chunk = perm[start : start + size]
        choices[chunk] = np.minimum(np.searchsorted(group_cdfs[i], points[chunk], side="right"), counts.shape[-1] - 1)
    return choices
