"""Work in a child process: results and progress come back, plain errors stay plain, bugs and kills become
sentences, and a cancel stops the child at once."""

import os
import signal

import pytest

from synth.child_process import LOST, ChildFailure, run_in_child
from synth.errors import CancelledError, InputError
from synth.jobs import job_niceness


def add(a, b, progress):
    progress(0.5, "adding")
    return {"sum": a + b, "pid": os.getpid(), "priority": os.getpriority(os.PRIO_PROCESS, 0)}


def refuse(progress):
    raise InputError("That column is empty.")


def crash(progress):
    raise KeyError("a value from the data")


def die(progress):
    os.kill(os.getpid(), signal.SIGKILL)


def forever(path, progress):
    with open(path, "w") as handle:
        handle.write(str(os.getpid()))
    while True:  # each report waits until the parent reads it once the pipe is full: no sleep needed
        progress(0.1, "still going")


def test_result_and_progress_come_back_from_another_process():
    # Setup
    seen = []

    # Run
    result = run_in_child(add, (2, 3), progress=lambda fraction, message: seen.append((fraction, message)))

    # Assert
    assert result["sum"] == 5 and result["pid"] != os.getpid()
    assert result["priority"] >= job_niceness() > 0  # the child yields the CPU to the pages
    assert (0.5, "adding") in seen


def test_a_plain_error_comes_back_as_itself():
    with pytest.raises(InputError, match="That column is empty."):
        run_in_child(refuse)


def test_a_bug_comes_back_without_its_message(caplog):
    # Run
    with pytest.raises(ChildFailure) as raised:
        run_in_child(crash)

    # Assert: the type and place are logged, never the message (it may quote data)
    assert "a value from the data" not in str(raised.value) and "KeyError" in str(raised.value)
    assert "test_child_process.py" in caplog.text and "a value from the data" not in caplog.text


def test_a_killed_child_is_one_plain_sentence():
    with pytest.raises(Exception) as raised:
        run_in_child(die)
    assert str(raised.value) == LOST


def test_cancel_stops_the_child(tmp_path, monkeypatch):
    # Setup: the parent polls often, so many "Starting" reports come before the child runs (under load they did,
    # and a cancel after four reports found no child yet); the cancel waits for the child's own first report,
    # which it sends only after writing its process id
    import synth.child_process

    monkeypatch.setattr(synth.child_process, "POLL_S", 0.001)
    marker = tmp_path / "pid"
    before_start = []

    def progress(fraction, message):
        if message != "still going":
            before_start.append(message)
            return
        raise CancelledError("Generation was cancelled.")

    # Run
    with pytest.raises(CancelledError):
        run_in_child(forever, (str(marker),), progress=progress)

    # Assert: the child process is gone
    pid = int(marker.read_text())
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)
    assert set(before_start) <= {"Starting"}


def test_the_parents_main_script_is_not_run_again_in_the_child(tmp_path, monkeypatch):
    # Setup: under Streamlit, __main__ is the app script; a child must not execute it
    import sys
    import types

    script = tmp_path / "app_script.py"
    script.write_text("raise SystemExit('the app script ran in the child')\n")
    fake_main = types.ModuleType("__main__")
    fake_main.__file__ = str(script)
    monkeypatch.setitem(sys.modules, "__main__", fake_main)

    # Run
    result = run_in_child(add, (1, 1))

    # Assert
    assert result["sum"] == 2 and sys.modules["__main__"] is fake_main


def test_other_processes_still_get_the_main_module(tmp_path, monkeypatch):
    # Setup
    import sys
    import types
    from multiprocessing import spawn

    run_in_child(add, (0, 0))  # installs the filter
    fake_main = types.ModuleType("__main__")
    fake_main.__file__ = str(tmp_path / "script.py")
    monkeypatch.setitem(sys.modules, "__main__", fake_main)

    # Run
    ours, theirs = spawn.get_preparation_data("synth-child"), spawn.get_preparation_data("someone-else")

    # Assert
    assert "init_main_from_path" not in ours
    assert theirs["init_main_from_path"].endswith("script.py")


def thread_settings(progress):
    return os.environ["OMP_NUM_THREADS"], os.environ["MKL_NUM_THREADS"]


def test_training_threads_follow_the_setting(monkeypatch):
    # Setup
    monkeypatch.setenv("SYNTH_TRAINING_THREADS", "3")

    # Run
    chosen = run_in_child(thread_settings)
    monkeypatch.setenv("SYNTH_TRAINING_THREADS", "not a number")
    default = run_in_child(thread_settings)

    # Assert: PyTorch reads these when a generator first imports it
    assert chosen == ("3", "3")
    assert default == (str(max(1, (os.cpu_count() or 2) // 2)),) * 2


def own_niceness(progress):
    return os.getpriority(os.PRIO_PROCESS, 0)


@pytest.mark.skipif(not hasattr(os, "setpriority"), reason="per-process priority as on Linux")
def test_a_child_runs_at_the_priority_asked_for_else_at_that_of_work_people_wait_on():
    # Setup
    from synth.jobs import background_niceness

    # Run
    waited_on = run_in_child(own_niceness)
    background = run_in_child(own_niceness, niceness=background_niceness())

    # Assert
    assert waited_on >= job_niceness() and background >= background_niceness() > job_niceness()
