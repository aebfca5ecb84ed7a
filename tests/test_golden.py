"""Golden outputs: `facts`, `analyze` (csv and json) and `check` on the samples and on three corpus releases are
byte-identical to the files under tests/golden, so moving code is proved not to change what the tool says.

The samples' outputs are kept whole; the corpus releases' (never copied into the repository) as digests.
After a change that is meant to alter an output, rewrite them and explain the difference in the commit:

    FUSION_UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py
"""
import hashlib
import json
import os

import pytest
from conftest import ROOT, SHARED
from typer.testing import CliRunner

from fusion_cli.cli import app

GOLDEN = ROOT / "tests" / "golden"
SAMPLES = sorted(str(p) for p in (ROOT / "samples").glob("*.txt"))
CORPUS = ("cathay-q3-2025.htm", "oracle-q4-fy2014.txt", "peapack-q3-2025.md")  # EDGAR HTML, EDGAR text, one cell per line
UPDATE = os.environ.get("FUSION_UPDATE_GOLDEN") == "1"
COMMANDS = {
    "facts.csv": ["facts", "--format", "csv"],
    "analyze.csv": ["analyze", "--format", "csv"],
    "analyze.json": ["analyze", "--format", "json"],
    "check.csv": ["check", "--format", "csv"],
}


def run(args: list[str], inputs: list[str]) -> str:
    result = CliRunner().invoke(app, args + inputs, catch_exceptions=False)
    assert result.exit_code in (0, 1), result.output
    return result.stdout.replace(str(ROOT) + os.sep, "").replace(str(SHARED) + os.sep, "")


@pytest.mark.parametrize("name", COMMANDS)
def test_samples_golden(name):
    got = run(COMMANDS[name], SAMPLES)
    path = GOLDEN / f"samples-{name}"
    if UPDATE:
        path.write_text(got, encoding="utf-8")
    assert got == path.read_text(encoding="utf-8")


@pytest.mark.skipif(not (SHARED / "corpus").is_dir(), reason="../shared/corpus is not beside the repository")
def test_corpus_golden():
    got = {f"{release} {name}": hashlib.sha256(run(args, [str(SHARED / "corpus" / release)]).encode()).hexdigest()
           for release in CORPUS for name, args in COMMANDS.items()}
    path = GOLDEN / "corpus-digests.json"
    if UPDATE:
        path.write_text(json.dumps(got, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    assert got == json.loads(path.read_text(encoding="utf-8"))
