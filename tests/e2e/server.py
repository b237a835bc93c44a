"""Start and stop a real Streamlit server on a free local port."""

import os
import socket
import subprocess
import sys
import tempfile
import urllib.request
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
BROWSER_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-quic",
    "--no-first-run",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_healthy(url: str, process: subprocess.Popen, deadline_s: float = 60) -> None:
    import time

    end = time.monotonic() + deadline_s
    while time.monotonic() < end:
        if process.poll() is not None:
            raise RuntimeError(f"the app exited early:\n{server_log(process)}")
        try:
            with urllib.request.urlopen(url, timeout=1) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        try:  # wait a moment on the process itself: returns at once if it dies while starting
            process.wait(timeout=0.2)
        except subprocess.TimeoutExpired:
            pass
    raise RuntimeError("the app did not become healthy in time")


def start_app(
    env_extra: dict | None = None, options: dict | None = None, own_group: bool = False, launcher: str = "streamlit"
):
    """Serve app.py on a free local port; the server's output goes to a temporary file (a pipe nobody reads
    would fill up and block the server once it has logged enough). own_group: in a process group of its own,
    apart from the caller's (a load generator's clients then never share a group or a signal with it). launcher:
    the module run as `python -m LAUNCHER run serve.py` (a test's wrapper of Streamlit's command line)."""
    port = _free_port()
    env = {**os.environ, **(env_extra or {})}
    flags = [item for name, value in (options or {}).items() for item in (f"--{name}", str(value))]
    log = tempfile.TemporaryFile(mode="w+", encoding="utf-8")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            launcher,
            "run",
            str(ROOT / "serve.py"),  # app.py behind the server-side gate, as `make run` serves it
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--server.headless",
            "true",
            *flags,
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=own_group,
    )
    process.log = log
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(f"{url}/_stcore/health", process)
    except Exception:
        process.kill()
        raise
    return process, url


def held_app(tmp_path, variable: str, launcher: str) -> Iterator[tuple[subprocess.Popen, str, Path]]:
    """A server run by a launcher that holds some work at a gate (a FIFO at tmp_path, named to the server in the
    environment variable) until the test opens it; yields the process, its URL and the gate (a fixture's body)."""
    gate = tmp_path / "gate"
    os.mkfifo(gate)
    process, url = start_app({variable: str(gate)}, launcher=launcher)
    yield process, url, gate
    stop_app(process)


def server_log(process: subprocess.Popen) -> str:
    """Everything the server has written so far."""
    process.log.flush()
    process.log.seek(0)
    return process.log.read()


def wait_for_log(process: subprocess.Popen, text: str, deadline_s: float = 60) -> bool:
    """Wait on a condition (the server logging a line), bounded by a deadline; True once it is there."""
    import time

    end = time.monotonic() + deadline_s
    while time.monotonic() < end:
        if text in server_log(process):
            return True
        try:  # a short wait on the process itself: returns at once if it dies
            process.wait(timeout=0.2)
        except subprocess.TimeoutExpired:
            pass
    return False


def stop_app(process: subprocess.Popen) -> str:
    """Stop the server; returns its whole output."""
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    output = server_log(process)
    process.log.close()
    return output


def refuse_outside(context, app_url: str) -> list[str]:
    """Route every request of a browser context: the app's own go through, anything else is refused and noted in
    the list returned (a test asserts it stays empty: nothing may be loaded from outside the server)."""
    outside: list[str] = []

    def only_the_app(route) -> None:
        url = route.request.url
        if url.startswith((app_url + "/", "data:", "blob:")) or url == app_url:
            route.continue_()
        else:
            outside.append(url)
            route.abort()

    context.route("**/*", only_the_app)
    return outside
