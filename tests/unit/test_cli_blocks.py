"""A long table written by `python -m synth generate` block by block is the file the same rows make written whole:
the model rows reach the chunked writer (like=), so a block's date/time column keeps the whole column's format."""

import numpy as np
import pandas as pd
import pytest

from synth.formats import read_table
from synth.formats.chunked import write_chunks
from synth.formats.registry import export_table
from synth.pipeline import RunConfig, generate
from synth.run_record import RunResult

BLOCK = 60  # rows per block here (50,000 in use): 240 rows make four


@pytest.fixture
def blocks_of_60(monkeypatch):
    import synth.release

    monkeypatch.setattr(synth.release, "BLOCK_ROWS", BLOCK)
    whole_blocks = RunResult.synthetic_chunks
    monkeypatch.setattr(RunResult, "synthetic_chunks", lambda self, chunk_rows=BLOCK: whole_blocks(self, chunk_rows))


@pytest.fixture
def stamped(tmp_path):
    """A Parquet table whose date/time column holds midnights and, rarely, a time of day: a block without that time
    alone would be written as dates only."""
    rng = np.random.default_rng(0)
    stamps = pd.to_datetime(["2024-01-01", "2024-02-01", "2024-03-01", "2024-04-01 10:30"], format="ISO8601")
    pd.DataFrame(
        {
            "when": stamps[rng.choice(4, 300, p=[0.33, 0.33, 0.32, 0.02])],
            "n": rng.integers(0, 9, 300),
            "city": rng.choice(["a", "b", "c"], 300),
        }
    ).to_parquet(tmp_path / "in.parquet", index=False)
    return tmp_path / "in.parquet"


def test_a_run_of_several_blocks_writes_the_file_written_whole(tmp_path, stamped, blocks_of_60, capsys):
    # Setup: the same rows made in one piece, and what they give written whole; a check that this table is one where
    # the blocks written without the model rows would differ (else the test could not fail)
    from synth.__main__ import main

    loaded = read_table(stamped.read_bytes(), file_name=stamped.name)  # with the file's own types, as the CLI reads
    config = RunConfig(generator="sequential_trees", rows=4 * BLOCK, seed=2, stored_types=loaded.stored_types)
    made = generate(loaded.frame, config)
    whole_csv, whole_parquet = (
        export_table(made.synthetic, name, stored_types=made.stored_types).data for name in ("csv", "parquet")
    )
    write_chunks(made.synthetic_chunks(), tmp_path / "unlike.csv")
    assert (tmp_path / "unlike.csv").read_bytes() != whole_csv
    common = ["generate", stamped, "--generator", "sequential_trees", "--rows", 4 * BLOCK, "--seed", 2]

    # Run
    codes = [main([*map(str, common), "--out", str(tmp_path / f"out.{name}")]) for name in ("csv", "parquet")]

    # Assert
    import pyarrow.parquet as pq

    assert codes == [0, 0], capsys.readouterr().err
    assert (tmp_path / "out.csv").read_bytes() == whole_csv
    (tmp_path / "whole.parquet").write_bytes(whole_parquet)
    assert pq.read_schema(tmp_path / "out.parquet") == pq.read_schema(tmp_path / "whole.parquet")
    assert str(pq.read_schema(tmp_path / "out.parquet").field("when").type).startswith("timestamp")
    pd.testing.assert_frame_equal(
        pd.read_parquet(tmp_path / "out.parquet"), pd.read_parquet(tmp_path / "whole.parquet")
    )
