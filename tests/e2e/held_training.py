"""`streamlit run` with every training job held at a gate once it has a worker, as a busy server holds it, so that a
browser test sees pages while jobs are still under way, however fast the machine trains (run as a module, see
start_app)."""

import sys

from streamlit.web import cli

import ui
import ui.jobs
from tests.e2e.gate import pass_gate

HELD = "a training job is held"  # written to the server log each time a job reaches the gate


def _held_submit(generator, function, args, expected_s=None, timed=None, _submit=ui.jobs.submit_training):
    def hold(work):
        wrapped = timed(work) if timed else work

        def held(progress):
            pass_gate(HELD, "DOPPEL_TEST_TRAINING_GATE")
            return wrapped(progress)

        return held

    return _submit(generator, function, args, expected_s=expected_s, timed=hold)


if __name__ == "__main__":
    ui.jobs.submit_training = ui.submit_training = _held_submit
    sys.argv = ["streamlit", *sys.argv[1:]]
    sys.exit(cli.main())
