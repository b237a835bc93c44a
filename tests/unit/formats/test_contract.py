"""What every format shares: safe file names, missing values and the install hint for an optional library."""

import numpy as np
import pandas as pd
import pytest

from synth.errors import SynthError
from synth.formats import MissingDependency
from synth.formats.contract import file_stem, is_missing, optional_import
from synth.formats.csv import INFO


@pytest.mark.parametrize(
    ("base", "stem"),
    [
        ("my data.csv", "my_data"),
        ("../../etc/passwd", "synthetic"),
        ("Q3 report (final).xlsx", "Q3_report_final"),
        ("", "synthetic"),
        ("a.b.c", "a.b"),
    ],
)
def test_file_stems_are_safe(base, stem):
    # Assert
    assert file_stem(base) == stem


def test_a_format_names_its_files():
    # Assert
    assert INFO.file_name() == "synthetic.csv" and INFO.file_name("Sales 2024.xlsx") == "Sales_2024.csv"


def test_missing_values_are_none_nan_and_nat_only():
    # Assert
    assert all(is_missing(v) for v in (None, np.nan, pd.NaT, pd.NA))
    assert not any(is_missing(v) for v in ("", 0, "NA", [1, None]))


def test_a_missing_optional_library_gives_one_sentence_with_the_install_command():
    # Run
    with pytest.raises(MissingDependency) as caught:
        optional_import("no_such_module_for_doppel", "doppel-extra", "Fancy files")

    # Assert
    assert isinstance(caught.value, SynthError) and isinstance(caught.value, ImportError)
    assert str(caught.value) == "Fancy files need the doppel-extra package. Install it with: pip install doppel-extra"
