"""The bundled demo tables load and name their source."""

import pytest

from synth.datasets import DEFAULT_DEMO, DEMO_TABLES, demo_table
from synth.errors import InputError
from synth.formats import read_table


@pytest.mark.parametrize("name", list(DEMO_TABLES))
def test_each_demo_table_reads_and_names_its_source(name):
    # Run
    table = demo_table(name)
    loaded = read_table(table.read_bytes())

    # Assert
    assert len(loaded.frame) > 100
    assert table.source and table.licence


def test_default_demo_exists_and_unknown_names_are_refused():
    # Assert
    assert DEFAULT_DEMO in DEMO_TABLES
    with pytest.raises(InputError, match="no demo table"):
        demo_table("nope")
