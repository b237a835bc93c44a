"""A run's record: an input fingerprint that tells tables apart, the versions used, rows given back in chunks."""

import pandas as pd

from synth.pipeline import RunConfig, generate
from synth.run_record import fingerprint, versions


def test_the_fingerprint_is_the_same_for_the_same_table_and_differs_for_a_value_or_a_name():
    # Setup
    table = pd.DataFrame({"a": [1, 2, 3], "b": ["x", "y", "z"]})

    # Run
    same = fingerprint(table.copy())
    changed_value = fingerprint(table.assign(a=[1, 2, 4]))
    renamed = fingerprint(table.rename(columns={"b": "c"}))

    # Assert
    assert same == fingerprint(table) and len(same) == 16
    assert len({same, changed_value, renamed}) == 3


def test_versions_name_doppel_python_and_installed_packages():
    # Run
    found = versions()

    # Assert
    assert {"doppel", "python", "pandas", "numpy"} <= set(found)


def test_rows_kept_whole_come_out_in_chunks_as_one_piece(small_table):
    # Setup
    result = generate(small_table, RunConfig(generator="gaussian_copula", rows=50))

    # Run
    chunks = list(result.synthetic_chunks(chunk_rows=20))

    # Assert
    assert [len(chunk) for chunk in chunks] == [20, 20, 10] and result.rows == 50
    pd.testing.assert_frame_equal(pd.concat(chunks), result.synthetic)
