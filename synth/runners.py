"""Where training runs: a child process on this server (the default) or a task on a Ray cluster, behind one contract."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from contextvars import ContextVar
from types import MappingProxyType
from typing import Any, Protocol

from synth.child_process import run_in_child

Progress = Callable[[float, str], None]
LOCAL: Mapping[str, str] = MappingProxyType({"runner": "local"})
# Where the code reading it runs; set by the Ray task around its work, so the run record says so. Unset: here.
_RAN_ON: ContextVar[Mapping[str, str]] = ContextVar("ran_on", default=LOCAL)


def ran_on() -> dict[str, str]:
    """Where this training runs, for the run record: {"runner": "local"} or {"runner": "ray", "runner_address": ...}."""
    return dict(_RAN_ON.get())


def running_on(place: Mapping[str, str]) -> Callable[[], None]:
    """Mark the current context as running on `place` (a runner's record); returns the call that undoes it."""
    token = _RAN_ON.set(MappingProxyType(dict(place)))
    return lambda: _RAN_ON.reset(token)


def where_text(record: Mapping[str, Any]) -> str:
    """The place in the record, as the report says it."""
    if record.get("runner") == "ray":
        return f"a Ray cluster at {record.get('runner_address', '?')}"
    return "this server (a child process)"


class Runner(Protocol):
    """run(function, args, progress=..., generator=...) runs function(*args, progress=...) somewhere else and returns
    its result or raises its SynthError (a bug: ChildFailure; a lost worker: GeneratorError). The progress callback
    gets every report and is called at least every fraction of a second; when it raises (cancel, time limit) the
    work is stopped at once and that error comes out. `generator` (a Generator class) says what resources to ask."""

    record: Mapping[str, str]

    def run(
        self,
        function: Callable[..., Any],
        args: tuple = (),
        kwargs: dict | None = None,
        progress: Progress = lambda fraction, message: None,
        generator: type | None = None,
    ) -> Any: ...


class LocalRunner:
    """A child process on this server, one per job (synth/child_process.py)."""

    record = LOCAL

    def run(self, function, args=(), kwargs=None, progress=lambda fraction, message: None, generator=None) -> Any:
        return run_in_child(function, args, kwargs, progress=progress)
