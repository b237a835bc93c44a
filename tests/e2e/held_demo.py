"""`streamlit run` with every demo-table read held at a gate, as a slow server holds it, so that a browser test can
click elsewhere while the click that asked for the demo is still being served (run as a module, see start_app)."""

import sys

from streamlit.web import cli

from synth.datasets import DemoTable
from tests.e2e.gate import pass_gate

HELD = "a demo table read is held"  # written to the server log each time a read reaches the gate


def _held_read(self: DemoTable, _read=DemoTable.read_bytes) -> bytes:
    pass_gate(HELD, "DOPPEL_TEST_DEMO_GATE")
    return _read(self)


if __name__ == "__main__":
    DemoTable.read_bytes = _held_read
    sys.argv = ["streamlit", *sys.argv[1:]]
    sys.exit(cli.main())
