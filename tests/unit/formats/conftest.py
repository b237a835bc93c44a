"""A small table with formula-like text, negative numbers, missing values and accents, for every writer's tests."""

import numpy as np
import pandas as pd
import pytest


@pytest.fixture
def table() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "id": pd.array([1, 2, None], dtype="Int64"),
            "name": ['=HYPERLINK("x")', "Zoë", None],
            "note": ["+33 6 12", "@risk", "\tcmd"],
            "amount": [-1.5, 2.25, np.nan],
            "debt": [-3, 4, 5],
            "joined": ["31/01/2024", "01/02/2024", None],
            "member": ["Oui", "Non", "Oui"],
        }
    )
