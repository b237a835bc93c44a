"""The protocol-level load generator (bench/load_protocol.py) still walks the whole flow: a smoke test, no timing."""

import numpy as np
import pandas as pd

from bench.load_protocol import APART, INTERACTIONS, PASSWORD, run_level
from tests.e2e.server import start_app, stop_app


def test_two_clients_walk_the_whole_flow_and_every_interaction_answers():
    # Setup: a small table, big enough for the Privacy and Usefulness tabs' held-out rows
    rng = np.random.default_rng(0)
    table = pd.DataFrame(
        {
            "age": rng.integers(18, 90, 600),
            "city": rng.choice(["Lyon", "Oslo", "Porto"], 600),
            "income": rng.normal(40_000, 9_000, 600).round(2),
        }
    )
    data = table.to_csv(index=False).encode()
    process, url = start_app({"SYNTH_PASSWORD": PASSWORD}, own_group=True)

    # Run
    try:
        level = run_level(url, process.pid, 2, data, "people.csv", rows_caption="600 rows, 3 columns")
    finally:
        stop_app(process)

    # Assert: both walks ended, every interaction answered with what it should show, the files came back
    walks = level["walks"]
    assert [walk.error for walk in walks] == [None, None]
    for walk in walks:
        assert walk.answered == [APART[0], APART[1], *INTERACTIONS[:3], APART[2], *INTERACTIONS[3:]]
        assert walk.finished and walk.downloaded_bytes > 0
