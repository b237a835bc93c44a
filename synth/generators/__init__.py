"""The registry of generators: a name, a plain card and options for each."""

from __future__ import annotations

from synth.errors import InputError
from synth.generators.base import GeneratorSpec
from synth.generators.sdv_family import BATCH, DISTRIBUTION, EPOCHS, SdvGenerator
from synth.generators.sequential_trees.model import DISTANCE_FROM_REAL, MIN_LEAF, SMOOTHING, SequentialTrees

_SDV_NOTE = "From SDV (BUSL-1.1 licence)."

GENERATORS: dict[str, GeneratorSpec] = {
    spec.name: spec
    for spec in (
        GeneratorSpec(
            name="sequential_trees",
            label="Sequential trees (Doppel, recommended)",
            description="Makes each column from the ones before it with decision trees, drawing values from "
            "groups of similar real rows. Fast, faithful, and careful not to copy anyone.",
            speed="Very fast: seconds even for tens of thousands of rows; no neural network.",
            fidelity="High: keeps each column's shape and most links between columns, including non-linear ones.",
            privacy="Good: no made row sits closer to a real row than that row's nearest real neighbour; "
            "values come from groups of at least 5 similar real rows and numbers are blurred; rare whole "
            "rows are never output; name-like columns never predict others. On a few hundred rows, "
            "still check the privacy figures.",
            when_to_use="The default for any table. Try another generator only if a figure on the Compare page "
            "disappoints you.",
            build=lambda **o: SequentialTrees(**o),
            options=(MIN_LEAF, SMOOTHING, DISTANCE_FROM_REAL),
            seconds_per_cell=2e-6,
        ),
        GeneratorSpec(
            name="gaussian_copula",
            label="Gaussian copula (SDV)",
            description="Learns each column's shape and how columns move together. Fast and steady.",
            speed="Fast: seconds for thousands of rows.",
            fidelity="Good for single columns; simple links between columns only.",
            privacy="Good: it smooths values rather than copying rows.",
            when_to_use=f"A quick, dependable first try on any table. {_SDV_NOTE}",
            build=lambda **o: SdvGenerator("GaussianCopulaSynthesizer", **o),
            options=(DISTRIBUTION,),
            seconds_per_cell=2e-5,
            startup_s=8.0,
        ),
        GeneratorSpec(
            name="ctgan",
            label="CTGAN neural network (SDV)",
            description="A generative adversarial network for tables. Slow on a CPU; shines on large, complex tables.",
            speed="Slow: minutes to hours on a CPU.",
            fidelity="Can capture complex patterns with enough rows and epochs; weak on small tables.",
            privacy="Fair: check the privacy figures after generating.",
            when_to_use=f"Large tables with complex, non-linear patterns, and time to wait. {_SDV_NOTE}",
            build=lambda **o: SdvGenerator("CTGANSynthesizer", **o),
            options=(EPOCHS, BATCH),
            neural=True,
            startup_s=8.0,
            seconds_per_cell=4e-6,
        ),
        GeneratorSpec(
            name="tvae",
            label="TVAE neural network (SDV)",
            description="A variational autoencoder for tables. Faster than CTGAN, but can memorise rows.",
            speed="Medium: a minute or more on a CPU.",
            fidelity="Often good on medium tables.",
            privacy="Watch out: can copy real rows; always check the exact-copy figure.",
            when_to_use=f"Medium tables where CTGAN is too slow. {_SDV_NOTE}",
            build=lambda **o: SdvGenerator("TVAESynthesizer", **o),
            options=(EPOCHS, BATCH),
            neural=True,
            startup_s=8.0,
            seconds_per_cell=2e-6,
        ),
        GeneratorSpec(
            name="copula_gan",
            label="CopulaGAN neural network (SDV)",
            description="CTGAN with Gaussian-copula preprocessing of numbers. As slow as CTGAN.",
            speed="Slow: minutes to hours on a CPU.",
            fidelity="Like CTGAN, sometimes better on skewed numbers.",
            privacy="Fair: check the privacy figures after generating.",
            when_to_use=f"Like CTGAN, when number columns are skewed. {_SDV_NOTE}",
            build=lambda **o: SdvGenerator("CopulaGANSynthesizer", **o),
            options=(EPOCHS, BATCH),
            neural=True,
            startup_s=8.0,
            seconds_per_cell=5e-6,
        ),
    )
}

DEFAULT_GENERATOR = "sequential_trees"


def generator_spec(name: str) -> GeneratorSpec:
    try:
        return GENERATORS[name]
    except KeyError:
        raise InputError(f"There is no generator called '{name}'. Choose one of: {', '.join(GENERATORS)}.") from None
