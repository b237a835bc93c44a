"""A differentially private generator: noisy marginals of privately binned columns (smartnoise-synth's MST)."""

import os

# private-pgm's JAX runs on the CPU here: without this, JAX probes for a TPU first and logs its failure on every
# server start. A deployment that wants another platform sets JAX_PLATFORMS itself.
os.environ.setdefault("JAX_PLATFORMS", "cpu")
