"""`streamlit run` with the verdict's last figures (the follow-up measurement after a result) held at a gate until a
browser test opens it, as a busy server holds them, so the test sees Compare before and after they land (run as a
module, see start_app)."""

import sys

from streamlit.web import cli

import ui.follow_up
from synth.downloads import later_figures
from tests.e2e.gate import pass_gate

HELD = "the verdict's last figures are held"  # written to the server log each time a measurement reaches the gate


def _held(function, *args, background: bool = False, _in_child=ui.follow_up.in_child):
    work = _in_child(function, *args, background=background)
    if function is not later_figures:
        return work

    def held(progress):
        pass_gate(HELD, "DOPPEL_TEST_FIGURES_GATE")
        return work(progress)

    return held


if __name__ == "__main__":
    ui.follow_up.in_child = _held
    sys.argv = ["streamlit", *sys.argv[1:]]
    sys.exit(cli.main())
