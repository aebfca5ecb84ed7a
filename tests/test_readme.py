"""The README's sample outputs are the program's: each `$ fusion ...` block on the samples is run as written, on a
terminal when it prints to one, and every line the README shows must be a line the program prints, in order (a
block may leave lines out, never change one). A change that alters them fails here until the README is updated."""
import os
import re
import sys
from pathlib import Path

import pytest
from conftest import ROOT, on_a_terminal

README = (ROOT / "README.md").read_text(encoding="utf-8")
COLUMNS = 100  # the terminal the README's samples were printed on
_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")  # bold and dim, which NO_COLOR keeps
BLOCKS = [(m.group(1), [line.rstrip() for line in m.group(2).splitlines()])
          for m in re.finditer(r"```\n\$ (fusion [^\n]*samples/[^\n]*)\n(.*?)```", README, re.S)]


def printed(command: str) -> list[str]:
    """The command's stdout and stderr as a terminal of COLUMNS shows them (no colour, no styles)."""
    env = {"PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}", "COLUMNS": str(COLUMNS),
           "LINES": "200", "NO_COLOR": "1", "TERM": "xterm"}
    screen, _code = on_a_terminal(["bash", "-c", command], env=env)
    return [line.rstrip() for line in _ANSI.sub("", screen).splitlines()]


def test_the_readme_has_sample_blocks():
    assert len(BLOCKS) >= 4


@pytest.mark.parametrize(("command", "shown"), BLOCKS, ids=[c[:60] for c, _s in BLOCKS])
def test_a_readme_sample_is_what_the_program_prints(command, shown):
    lines = printed(command)
    at = 0
    for line in shown:
        assert line in lines[at:], f"README shows a line the program does not print after line {at}: {line!r}\n" + "\n".join(lines)
        at = lines.index(line, at) + 1
