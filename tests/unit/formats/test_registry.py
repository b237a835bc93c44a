"""The registry: every registered format is described, tested in its own module and round-trips a table."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from synth.errors import InputError
from synth.formats import DEFAULT_FORMAT, export_table, format_for_path, formats, read_table
from synth.formats.registry import MODULES

HERE = Path(__file__).resolve().parent


def test_every_registered_format_has_a_label_a_description_and_is_tested_here():
    # Assert
    assert set(formats()) == {"csv", "xlsx", "parquet"} and list(formats())[0] == DEFAULT_FORMAT
    for name, info in formats().items():
        assert info.name == name and info.label and info.description and info.download_label
        assert info.extension in info.read_extensions and info.mime and info.read_as and info.article
        assert (HERE / f"test_{MODULES[name].rsplit('.', 1)[-1]}.py").exists(), f"{name} has no test module"


@pytest.mark.parametrize("name", list(MODULES))
def test_every_registered_format_round_trips_a_table_with_formulas_neutralised(name):
    # Setup
    table = pd.DataFrame(
        {
            "city": ["Lyon", "=cmd|' /C calc'!A0", "Nîmes", None],
            "amount": [-1.5, 2.25, 1234.5, np.nan],
            "visits": [-3, 0, 7, 12],
            "code": ["+33", "@home", "-", "plain"],
        }
    )
    info = formats()[name]

    # Run
    export = export_table(table, name, "round trip")
    back = read_table(export.data, file_name=export.file_name).frame

    # Assert
    assert export.file_name == f"round_trip.{info.extension}" and export.mime == info.mime
    assert list(back.columns) == list(table.columns)
    assert back["amount"].tolist()[:3] == [-1.5, 2.25, 1234.5] and back["amount"].isna().iloc[3]
    assert back["visits"].tolist() == [-3, 0, 7, 12]
    quote = "'" if info.neutralises_formulas else ""
    assert back["city"].tolist()[:3] == ["Lyon", f"{quote}=cmd|' /C calc'!A0", "Nîmes"]
    assert back["code"].tolist()[:2] == [f"{quote}+33", f"{quote}@home"] and back["code"].iloc[3] == "plain"


def test_export_table_dispatches_and_refuses_unknown_formats(table):
    # Assert
    assert export_table(table, "xlsx", "out").file_name == "out.xlsx"
    with pytest.raises(InputError, match="not a download format"):
        export_table(table, "pdf")


@pytest.mark.parametrize(
    ("path", "name"),
    [("out.csv", "csv"), ("dir/OUT.XLSX", "xlsx"), ("a.parquet", "parquet"), ("a.xlsm", "csv"), ("a.txt", "csv")],
)
def test_the_output_file_extension_picks_the_writer(path, name):
    # Assert
    assert format_for_path(path) == name
