import os
import pathlib
import subprocess
import threading

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
SHARED = ROOT.parent / "shared"


@pytest.fixture
def fixtures() -> pathlib.Path:
    return FIXTURES


def facts_by(facts, label, period_end, months=None):
    """Values of the facts with this label and period (months optional)."""
    return [f.value for f in facts if f.label == label and f.period_end == period_end
            and (months is None or f.period_months == months)]


def on_a_terminal(command: list[str], stdout=None, env: dict | None = None, cwd=ROOT) -> tuple[str, int]:
    """Run a command with a pseudo-terminal on stderr (and on stdout unless a file is given): what the terminal
    showed, and the exit code. The terminal side is read while the command runs, so it never blocks on a full pty."""
    master, slave = os.openpty()
    screen = bytearray()

    def drain() -> None:
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:
                return
            if not chunk:
                return
            screen.extend(chunk)

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    proc = subprocess.run(command, cwd=cwd, stdout=stdout if stdout is not None else slave, stderr=slave,
                          stdin=subprocess.DEVNULL, env={**os.environ, **(env or {})}, timeout=120)
    os.close(slave)
    reader.join(timeout=10)
    os.close(master)
    return screen.decode("utf-8", "replace").replace("\r", ""), proc.returncode
