"""The standard files: made with the result, one job's worth of work, each with its own content."""

import io
import json

import numpy as np
import pandas as pd

from synth.downloads import generate_with_files
from synth.pipeline import RunConfig


def test_generate_with_files_makes_the_result_and_its_four_files():
    # Setup
    rng = np.random.default_rng(0)
    table = pd.DataFrame({"amount": rng.gamma(2, 10, 80).round(2), "shop": rng.choice(["North", "South"], 80)})
    messages = []

    # Run
    result, files = generate_with_files(table, RunConfig(seed=7), progress=lambda f, m: messages.append(m))

    # Assert
    assert set(files) == {"csv", "report", "metrics", "settings"}
    assert pd.read_csv(io.BytesIO(files["csv"]), encoding="utf-8-sig").shape == result.synthetic.shape
    assert files["report"].startswith(b"<!DOCTYPE html>") and b"amount" in files["report"]
    assert json.loads(files["metrics"])["seed"] == 7 and json.loads(files["settings"])["seed"] == 7
    assert messages[-1] == "Preparing the files to download"
