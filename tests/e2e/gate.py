"""The gate a test launcher holds work at: a FIFO named in an environment variable (see server.held_app)."""

import os


def pass_gate(said: str, variable: str) -> None:
    """Write said to the server log, then wait at the gate: opening the FIFO for reading waits until the test holds it
    open for writing (and passes at once while the test keeps holding it)."""
    print(said, flush=True)
    with open(os.environ[variable], "rb"):
        pass
