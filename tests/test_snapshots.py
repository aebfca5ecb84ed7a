"""What a reader sees at 80 and at 120 columns: facts, check and the analysis summary of a sample, rendered through
rich without colour and compared with tests/golden/screen-*.txt. At 80 columns no word is broken inside and no
column is squeezed to nothing. Rewrite them with FUSION_UPDATE_GOLDEN=1 when a change is meant to alter them."""
import io
import os
import re

import pytest
from conftest import ROOT
from rich.console import Console

from fusion_cli.extract import extract_path
from fusion_cli.pipeline import run
from fusion_cli.render import checks_tables, facts_table, grid_tables
from fusion_cli.views import build, latest

GOLDEN = ROOT / "tests" / "golden"
SAMPLE = ROOT / "samples" / "fusion-q3-2009.txt"
UPDATE = os.environ.get("FUSION_UPDATE_GOLDEN") == "1"


def screen(width: int) -> str:
    extraction = extract_path(SAMPLE)
    analysis = run([extraction])
    out = io.StringIO()
    console = Console(file=out, width=width, color_system=None, force_terminal=False, highlight=False)
    console.print(facts_table(list(extraction.facts)[:12], "fusion-q3-2009.txt", width))
    for table in checks_tables("fusion-q3-2009.txt", analysis.checks[extraction.file], True, width)[:2]:
        console.print(table)
    for grid in build(analysis, "summary"):
        for table in grid_tables(latest(grid, 8), False, width):
            console.print(table)
    return out.getvalue()


@pytest.mark.parametrize("width", [80, 120])
def test_the_screen_at(width):
    got = screen(width)
    path = GOLDEN / f"screen-{width}.txt"
    if UPDATE:
        path.write_text(got, encoding="utf-8")
    assert got == path.read_text(encoding="utf-8")
    assert max(len(line) for line in got.splitlines()) <= width


def test_at_80_columns_words_are_never_broken_inside():
    words = set(re.findall(r"[A-Za-z]{4,}", SAMPLE.read_text(encoding="utf-8")))
    for line in screen(80).splitlines():
        for cell in line.split("│"):
            text = cell.strip()
            if text and text.isalpha() and len(text) >= 3:  # a lone fragment of a label would be a broken word
                assert any(word.startswith(text) or word == text for word in words) or text.islower(), text


def test_sources_give_every_period_its_date_at_80_columns():
    extraction = extract_path(SAMPLE)
    out = io.StringIO()
    Console(file=out, width=80, color_system=None).print(facts_table(list(extraction.facts)[:4], "t", 80, sources=True))
    text = out.getvalue()
    assert "Q3 2009 (2009-09-30, 3m)" in text and max(len(line) for line in text.splitlines()) <= 80
