"""Training as a task on a Ray cluster (SYNTH_RAY_ADDRESS): the child-process contract, on the cluster's machines.

Each job is one Ray task that asks for the CPUs its generator declares and a GPU when the generator uses one and
the cluster has one. The rows travel to the cluster only as that task's arguments: the task runs in a worker
process used for this one task (max_calls=1), and its arguments and result are dropped once the job ends. Progress
comes back through a small actor the task reports to; cancel and the time limit stop the task with ray.cancel.
Ray is imported only here, and only when a job first runs: a server without an address never needs it.
"""

from __future__ import annotations

import logging
import socket
import threading
from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any

from synth.child_process import answer, outcome
from synth.errors import GeneratorError
from synth.generators.base import Capability
from synth.runners import Progress, running_on

log = logging.getLogger("synth.jobs")
POLL_S = 0.2  # how often the job checks for progress, cancel and the time limit while its task runs
STOP_WAIT_S = 10  # how long a cancel waits for the cluster to confirm the task has stopped
WAITING = "Waiting for room on the computing cluster"
NO_RAY = (
    "Training is set to run on a computing cluster, but this server lacks the software to reach it. "
    "Tell the team that runs Doppel (Ray is not installed on the server)."
)
UNREACHABLE = (
    "Training is set to run on a computing cluster, but the cluster cannot be reached right now. "
    "Try again in a few minutes; if it keeps happening, tell the team that runs Doppel."
)
LOST = (
    "The training task on the computing cluster stopped unexpectedly, most likely because its machine ran out of "
    "memory. Try fewer rows or columns, or a lighter generator."
)
_lock = threading.Lock()
_remotes: dict[str, Any] = {}  # Ray's wrappers of _task and _Progress, made once per process


def _ray():
    try:
        import ray
    except ImportError:
        log.error("SYNTH_RAY_ADDRESS is set but Ray is not installed: pip install ray, or unset SYNTH_RAY_ADDRESS")
        raise GeneratorError(NO_RAY) from None
    return ray


def connect(address: str):
    """Ray, connected to the cluster at `address` (once per process); GeneratorError when it cannot be. Called from
    a job's thread, never the main one, so Ray leaves the server's own SIGTERM handling (serve.py) alone."""
    ray = _ray()
    with _lock:
        if not ray.is_initialized():
            if not _answers(address):
                log.error("cannot reach the Ray cluster at %s: nothing answers there", address)
                raise GeneratorError(UNREACHABLE)
            try:
                ray.init(address=address, log_to_driver=False, logging_level=logging.WARNING, namespace="doppel")
            except Exception as error:  # a bad address, no cluster there, a version mismatch: the log says which
                log.error("cannot reach the Ray cluster at %s: %s", address, type(error).__name__)
                raise GeneratorError(UNREACHABLE) from None
            log.info("connected to the Ray cluster at %s: %s", address, ray.cluster_resources())
        if "task" not in _remotes:
            # a fresh worker process per job, gone after it; never retried (a retry after running out of memory
            # would only run out again, and the user decides whether to try again)
            _remotes["task"] = ray.remote(max_calls=1, max_retries=0)(_task)
            _remotes["progress"] = ray.remote(num_cpus=0)(_Progress)
    return ray


def _answers(address: str, timeout_s: float = 5) -> bool:
    """Whether something listens at host:port ("auto" and the like pass): Ray itself keeps trying for minutes
    before it gives up on an address where nothing answers, and a job cannot be cancelled meanwhile."""
    host, _, port = address.rpartition(":")
    if not host or not port.isdigit():
        return True
    try:
        with socket.create_connection((host.strip("[]"), int(port)), timeout=timeout_s):
            return True
    except OSError:
        return False


def resources(nodes: list[dict], generator: type | None) -> dict[str, float]:
    """What a job's task asks the cluster for: the CPUs the generator declares (no more than the largest machine
    has, or it would wait for ever) and one GPU when the generator uses one and some machine has one."""
    alive = [node.get("Resources", {}) for node in nodes if node.get("Alive", True)]
    most_cpus = max((node.get("CPU", 0) for node in alive), default=0)
    cpus = max(1, min(int(getattr(generator, "training_cpus", 1)), int(most_cpus)))
    uses_gpu = generator is not None and Capability.USES_GPU in getattr(generator, "capabilities", Capability.NONE)
    gpu = 1 if uses_gpu and any(node.get("GPU", 0) >= 1 for node in alive) else 0
    return {"num_cpus": cpus, "num_gpus": gpu}


class _Progress:
    """The job's last progress report, written by its task and read by the server."""

    def __init__(self) -> None:
        self.last = (0.0, "Starting on the computing cluster")

    def report(self, fraction: float, message: str) -> None:
        self.last = (fraction, message)

    def read(self) -> tuple[float, str]:
        return self.last


def _task(function: Callable, args: tuple, kwargs: dict, reporter, place: dict) -> tuple:
    """Runs on a cluster machine: the work, marked as running there (the run record says so), and how it ended."""
    undo = running_on(place)
    try:
        return outcome(function, args, kwargs, lambda fraction, message: reporter.report.remote(fraction, message))
    finally:
        undo()


class RayRunner:
    """Runs each job as a task on the Ray cluster at `address` (host:port of its head, or "auto" on a node)."""

    def __init__(self, address: str) -> None:
        self.address = address
        self.record: Mapping[str, str] = MappingProxyType({"runner": "ray", "runner_address": address})

    def run(
        self,
        function: Callable[..., Any],
        args: tuple = (),
        kwargs: dict | None = None,
        progress: Progress = lambda fraction, message: None,
        generator: type | None = None,
    ) -> Any:
        progress(0.0, WAITING)
        ray = connect(self.address)
        place = {"runner": "ray", "runner_address": ray.get_runtime_context().gcs_address or self.address}
        wanted = resources(ray.nodes(), generator)
        reporter = _remotes["progress"].remote()
        task = _remotes["task"].options(**wanted).remote(function, args, kwargs or {}, reporter, place)
        log.info("job sent to the Ray cluster at %s as task %s, asking %s", place["runner_address"], task.hex(), wanted)
        last, reading, finished = (0.0, WAITING), reporter.read.remote(), False
        try:
            while True:
                finished = bool(ray.wait([task], timeout=POLL_S)[0])
                if finished:
                    return answer(ray.get(task), "a Ray task")
                if ray.wait([reading], timeout=0)[0]:
                    last, reading = tuple(ray.get(reading)), reporter.read.remote()
                progress(*last)  # raises on cancel or over the time limit: the finally stops the task
        except ray.exceptions.RayError as error:
            log.error("Ray task %s ended without an answer: %s", task.hex(), type(error).__name__)
            raise GeneratorError(LOST) from None
        finally:
            if not finished:
                ray.cancel(task, force=True)  # ends its worker process, and with it the rows it held
                ray.wait([task], timeout=STOP_WAIT_S)  # the job reads as ended once the task has, not before
            ray.kill(reporter)
            del task, reading  # the last references to the task's arguments (the rows) and result on this side
