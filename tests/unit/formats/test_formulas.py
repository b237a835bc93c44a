"""Formula neutralising, the one place every spreadsheet-bound writer goes through."""

from pathlib import Path

import pandas as pd

from synth.formats import export_table, neutralise_formulas, read_table
from synth.limits import Limits

FIXTURES = Path(__file__).resolve().parents[2] / "data" / "intake"


def test_formula_cells_are_neutralised_on_export_and_numbers_stay_numbers():
    # Setup
    frame = read_table((FIXTURES / "formula_cells.csv").read_bytes(), limits=Limits()).frame

    # Run
    safe = neutralise_formulas(frame)
    text = export_table(frame).data.decode("utf-8-sig")

    # Assert
    assert safe["name"].tolist() == ["'=1+1", "'@SUM(A1)", "'+cmd", "'-x"]
    assert safe["value"].tolist() == [-5.0, 3.0, -2.5, 7.0]
    assert "\n'=1+1,-5.0" in text


def test_names_categories_and_every_formula_start_are_neutralised_but_not_numbers_or_missing():
    # Setup
    frame = pd.DataFrame(
        {
            "=name": ["=a", "+b", "-c", "@d", "\te", "\rf", "plain", None],
            "kind": pd.Categorical(["=x", "y"] * 4),
            "n": [-1, 2, -3, 4, 5, 6, 7, 8],
        }
    )

    # Run
    safe = neutralise_formulas(frame)

    # Assert
    assert list(safe.columns) == ["'=name", "kind", "n"]
    assert safe["'=name"].tolist()[:7] == ["'=a", "'+b", "'-c", "'@d", "'\te", "'\rf", "plain"]
    assert safe["'=name"].iloc[7] is None and safe["kind"].tolist()[:2] == ["'=x", "y"]
    assert safe["n"].tolist() == [-1, 2, -3, 4, 5, 6, 7, 8] and frame["=name"].iloc[0] == "=a"
