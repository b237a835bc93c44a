"""A differentially private generator: noisy marginals of privately binned columns (smartnoise-synth's MST)."""
