"""bench/dp_zeros.py: which columns it measures, and its page from rows of two versions."""

import json

import pandas as pd

from bench import dp_zeros


def test_a_column_is_measured_where_a_fifth_or_more_of_its_values_are_exact_zeros():
    # Setup
    frame = pd.DataFrame({"rain": [0, 0, 1.5, 2.0, 0], "temp": [0, 5, 6, 7, 8], "town": ["a", "b", "c", "d", "e"]})

    # Run
    columns = dp_zeros.zero_heavy(frame)

    # Assert
    assert columns == ["rain", "temp"]


def test_the_page_shows_each_versions_zero_share_and_ks_complement_side_by_side(tmp_path):
    # Setup: one column, two versions, both seeds at every epsilon
    rows = []
    for label, zeros in (("before", 0.0), ("after", 0.5)):
        for epsilon in dp_zeros.EPSILONS:
            for seed in dp_zeros.SEEDS:
                rows.append(
                    {"label": label, "table": "t", "column": "rain", "rows": 100, "epsilon": epsilon, "seed": seed}
                    | {"real_zeros": 0.57, "synthetic_zeros": zeros, "ks_complement": 0.4 + zeros}
                )
    files = []
    for label in ("before", "after"):
        path = tmp_path / f"{label}.jsonl"
        path.write_text("\n".join(json.dumps(r) for r in rows if r["label"] == label))
        files.append(str(path))

    # Run
    page = dp_zeros.write(files)

    # Assert
    assert "| t | rain | 100 | 57% | 0% / 0.40 -> 50% / 0.90 |" in page
    assert "before -> after" in page
