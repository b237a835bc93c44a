"""A tiny seeded table and one fit-and-sample round, shared by the generator tests and the contract battery."""

import numpy as np
import pandas as pd

from synth.generators import generator_class

KINDS = {"size": "decimal", "price": "decimal", "colour": "category", "sold": "datetime"}


def tiny_table(rows: int = 100) -> pd.DataFrame:
    rng = np.random.default_rng(0)
    size = rng.normal(10, 2, rows).round(1)
    return pd.DataFrame(
        {
            "size": size,
            "price": (size * 3 + rng.normal(0, 1, rows)).round(2),
            "colour": rng.choice(["red", "blue", "green"], rows).astype(object),
            "sold": pd.Timestamp("2021-01-01") + pd.to_timedelta(rng.integers(0, 365, rows), unit="D"),
        }
    )


def fit_and_sample(name: str, rows: int, **options) -> tuple[pd.DataFrame, pd.DataFrame]:
    real = tiny_table()
    chosen = generator_class(name)
    resolved, _ = chosen.resolve_options(options)
    generator = chosen(**resolved)
    generator.fit(real, KINDS, 0, lambda fraction, message: None)
    return real, generator.sample(rows, 0, lambda fraction, message: None)


def check_shape_and_kinds(real: pd.DataFrame, synthetic: pd.DataFrame, rows: int) -> None:
    assert len(synthetic) == rows
    assert set(synthetic.columns) == set(real.columns)
    assert pd.api.types.is_datetime64_any_dtype(synthetic["sold"])
    assert pd.api.types.is_numeric_dtype(synthetic["size"])
    assert set(synthetic["colour"].dropna()) <= set(real["colour"])
