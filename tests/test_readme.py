"""The README's sample outputs are the program's: each `$ fusion ...` block on the samples is run as written, on a
terminal when it prints to one, and every line the README shows must be a line the program prints, in order (a
block may leave lines out, never change one). A change that alters them fails here until the README is updated."""
import os
import re
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
COLUMNS = 100  # the terminal the README's samples were printed on
_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")  # bold and dim, which NO_COLOR keeps
BLOCKS = [(m.group(1), [line.rstrip() for line in m.group(2).splitlines()])
          for m in re.finditer(r"```\n\$ (fusion [^\n]*samples/[^\n]*)\n(.*?)```", README, re.S)]


def on_a_terminal(command: str, columns: int) -> str:
    """The command's stdout and stderr as a terminal of that width shows them (no colour)."""
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
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
           "COLUMNS": str(columns), "LINES": "200", "NO_COLOR": "1", "TERM": "xterm"}
    subprocess.run(["bash", "-c", command], cwd=ROOT, stdout=slave, stderr=slave, stdin=subprocess.DEVNULL, env=env,
                   timeout=120)
    os.close(slave)
    reader.join(timeout=10)
    os.close(master)
    return _ANSI.sub("", screen.decode("utf-8", "replace").replace("\r", ""))


def test_the_readme_has_sample_blocks():
    assert len(BLOCKS) >= 4


@pytest.mark.parametrize(("command", "shown"), BLOCKS, ids=[c[:60] for c, _s in BLOCKS])
def test_a_readme_sample_is_what_the_program_prints(command, shown):
    printed = [line.rstrip() for line in on_a_terminal(command, COLUMNS).splitlines()]
    at = 0
    for line in shown:
        assert line in printed[at:], f"README shows a line the program does not print after line {at}: {line!r}\n" + "\n".join(printed)
        at = printed.index(line, at) + 1
