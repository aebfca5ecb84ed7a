"""Hostile and broken input through the CLI: one clear stderr line, a documented exit code, no partial output."""
import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from releases import QUARTER_ONLY, release, write
from typer.testing import CliRunner

from fusion_cli import export
from fusion_cli.cli import app

runner = CliRunner()
ROWS = [("Revenues", "1,200", "1,000"), ("Cost of revenues", "700", "600"), ("Gross profit", "500", "400"),
        ("Operating expenses", "300", "250"), ("Net income", "200", "150")]
GOOD = release("Acme Corp.", QUARTER_ONLY, ROWS, 2024)


def facts(*args: str):
    return runner.invoke(app, ["facts", *args, "--format", "json"])


def values(result) -> dict[tuple[str, str], float]:
    """label and period end -> value, from `facts --format json` output."""
    return {(f["label"], f["period_end"]): f["value"] for f in json.loads(result.stdout)}


def one_line(result) -> str:
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    return lines[0]


# ---- inputs that cannot be read ----------------------------------------------------------------

_PDF = (b"%%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[%s]>>endobj\n"  # blank pages
        b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>endobj\ntrailer<</Root 1 0 R>>\n%%%%EOF\n")


@pytest.mark.parametrize("name, data, words", [
    ("empty.txt", b"", "the file is empty"),
    ("blank.txt", b"  \n\t\r\n  ", "only white space"),
    ("binary.txt", b"Revenue\x00\x01\x02" * 40, "binary data (NUL bytes)"),
    ("release.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "a damaged PDF that cannot be parsed"),
    ("blank.pdf", _PDF % b"3 0 R", "a PDF with no text layer; run OCR first (for example ocrmypdf)"),
    ("pages.pdf", _PDF % (b"3 0 R " * 1001), "a PDF of 1,001 pages, over the 1,000 a release can have"),
    ("archive.zip", b"PK\x03\x04\x14\x00\x00\x00release.txt", "a ZIP archive"),
    ("book.xlsx", b"PK\x03\x04\x14\x00\x00\x00[Content_Types].xml PK\x03\x04 xl/workbook.xml", "an Excel workbook (XLSX)"),
    ("letter.docx", b"PK\x03\x04\x14\x00\x00\x00word/document.xml", "a Word document (DOCX)"),
    ("chart.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "a PNG image"),
    ("photo.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF", "a JPEG image"),
])
def test_unreadable_input_is_named_with_what_to_do(tmp_path, name, data, words):
    path = tmp_path / name
    path.write_bytes(data)
    result = facts(str(path))
    assert result.exit_code == 3
    assert one_line(result).startswith(f"fusion: {path}: ") and words in result.stderr
    assert result.stdout == ""


def test_missing_path_and_folder_without_releases(tmp_path):
    (tmp_path / "empty-folder").mkdir()
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "data.bin").write_bytes(b"1234")
    result = facts(str(tmp_path / "nope.txt"))
    assert result.exit_code == 3 and one_line(result).endswith("nope.txt: no such file or folder; check the path")
    for folder in ("empty-folder", "other"):
        result = facts(str(tmp_path / folder))
        assert result.exit_code == 3 and "a folder with no release files (.txt .md" in one_line(result)
        assert result.stdout == ""


def test_permission_denied(tmp_path, monkeypatch):
    locked = write(tmp_path, "locked.txt", GOOD)
    real_open = Path.open

    def refuse(self, *args, **kwargs):  # root reads anything, so the refusal is simulated
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied")
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", refuse)
    result = facts(str(locked))
    assert result.exit_code == 3
    assert one_line(result) == f"fusion: {locked}: permission denied; check the file's read permission"
    assert result.stdout == ""


def test_an_unreadable_input_does_not_stop_the_others(tmp_path):
    good = write(tmp_path, "good.txt", GOOD)
    result = facts(str(tmp_path / "missing.txt"), str(good))
    assert result.exit_code == 3
    assert values(result)[("Revenues", "2024-03-31")] == 1200


def test_size_limit_bounds_what_is_read(tmp_path):
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as handle:  # 200 MB, sparse: refused from its size, never read
        handle.truncate(200 * 1024 * 1024)
    result = facts(str(huge))
    assert result.exit_code == 3
    assert "the file is 200.0 MB, over the 50.0 MB limit; raise it with --max-size" in one_line(result)
    big = write(tmp_path, "big.txt", GOOD + "x" * (2 * 1024 * 1024))
    assert facts(str(big), "--max-size", "1").exit_code == 3
    assert values(facts(str(big), "--max-size", "3"))[("Net income", "2023-03-31")] == 150
    piped = runner.invoke(app, ["facts", "-", "--max-size", "1", "--format", "json"], input=GOOD + "x" * (2 * 1024 * 1024))
    assert piped.exit_code == 3 and "<stdin>" not in piped.stdout and "over the 1.0 MB limit" in piped.stderr


# ---- text that must be read right -----------------------------------------------------------------

@pytest.mark.parametrize("encoding", ["cp1252", "latin-1", "utf-16", "utf-8-sig"])
def test_encodings(tmp_path, encoding):
    text = GOOD.replace("Cost of revenues", "Cost of revenues \u2013 caf\u00e9" if encoding != "latin-1" else "Cost of revenues caf\u00e9")
    path = tmp_path / "release.txt"
    path.write_bytes(text.encode(encoding))
    result = facts(str(path))
    assert result.exit_code == 0, result.stderr
    found = values(result)
    label = next(label for label, _end in found if label.startswith("Cost of revenues"))
    assert label.endswith("caf\u00e9") and found[(label, "2024-03-31")] == 700 and found[("Revenues", "2023-03-31")] == 1000


def test_mixed_line_ends_keep_values_and_line_numbers(tmp_path):
    lines = GOOD.split("\n")
    ends = ["\r\n", "\r", "\n"]
    data = "".join(line + ends[i % 3] for i, line in enumerate(lines))
    path = tmp_path / "mixed.txt"
    path.write_bytes(data.encode())
    records = json.loads(facts(str(path)).stdout)
    revenue = next(f for f in records if f["label"] == "Revenues")
    assert revenue["value"] == 1200 and revenue["line"] == lines.index("Revenues\t1,200\t1,000") + 1


def test_a_five_megabyte_line(tmp_path):
    path = write(tmp_path, "long.txt", GOOD + ("Revenue 1,234 " * 400_000) + "\n")
    result = facts(str(path))
    assert result.exit_code == 0 and "Traceback" not in result.stderr
    assert values(result)[("Revenues", "2024-03-31")] == 1200


def test_terminal_escapes_and_controls_never_reach_any_output(tmp_path):
    text = GOOD.replace("Gross profit", "Gross \x1b[31mprofit\x1b[0m\x07\x1b]0;owned\x07")
    path = write(tmp_path, "escapes.txt", text)
    found = values(facts(str(path)))
    assert found[("Gross profit", "2024-03-31")] == 500


def test_nested_and_unclosed_html(tmp_path):
    html = ("<html><body>" + "<div><span>" * 5000 + "<p>Acme Corp.</p><p>Consolidated Statements of Operations</p>"
            "<table><tr><td><td colspan=4>Three Months Ended<br>March 31,<tr><td><td colspan=2>2024<td colspan=2>2023"
            "<tr><td>Revenues<td>$<td>1,200<td>$<td>1,000<tr><td>Net income<td>(200<td>)<td>(150<td>)")
    path = write(tmp_path, "unclosed.htm", html)
    result = facts(str(path))
    assert result.exit_code == 0, result.stderr
    found = values(result)
    assert found[("Revenues", "2024-03-31")] == 1200 and found[("Revenues", "2023-03-31")] == 1000
    assert found[("Net income", "2024-03-31")] == -200 and found[("Net income", "2023-03-31")] == -150


# ---- tables that do not parse cleanly -------------------------------------------------------------

def test_more_numbers_than_columns_is_warned_and_never_shifted(tmp_path):
    rows = [("Revenues", "1,200", "1,000", "900"), ("Cost of revenues", "700", "600"), ("Net income", "200", "150")]
    path = write(tmp_path, "extra.txt", release("Acme Corp.", QUARTER_ONLY, rows, 2024))
    result = facts(str(path), "-v")
    assert result.exit_code == 0
    assert f"{path.name}:10: warning: row 'Revenues' has 3 numbers for 2 columns; not placed" in result.stderr
    found = values(result)
    assert not any(label == "Revenues" for label, _end in found)
    assert found[("Cost of revenues", "2024-03-31")] == 700 and found[("Cost of revenues", "2023-03-31")] == 600


def test_ragged_rows_keep_their_columns(tmp_path):
    rows = [("Revenues", "1,200", "1,000"), ("Other income", "", "35"), ("Cost of revenues", "700", "600")]
    path = write(tmp_path, "ragged.txt", release("Acme Corp.", QUARTER_ONLY, rows, 2024))
    found = values(facts(str(path)))
    assert found[("Other income", "2023-03-31")] == 35 and ("Other income", "2024-03-31") not in found


def test_year_header_over_three_numbers(tmp_path):
    rows = [("Revenues", "1,200", "1,000", "800"), ("Net income", "200", "150", "100")]
    path = write(tmp_path, "three.txt", release("Acme Corp.", ["\tYear Ended December 31,", "\t{y}\t{p}"], rows, 2024))
    result = facts(str(path), "-v")
    assert result.exit_code == 1 and result.stdout == ""
    assert "row 'Revenues' has 3 numbers for 2 columns; not placed" in result.stderr
    assert "row 'Net income' has 3 numbers for 2 columns; not placed" in result.stderr


def test_header_without_dates(tmp_path):
    path = write(tmp_path, "nodates.txt", release("Acme Corp.", ["\tColumn A\tColumn B"], ROWS, 2024))
    result = facts(str(path), "-v")
    assert result.exit_code == 1 and result.stdout == ""
    assert f"{path.name}:9: warning: lines 9-13: 5 rows of numbers under no column header with dates or periods; not read" in result.stderr


def test_two_tables_run_together(tmp_path):
    text = GOOD.rstrip("\n") + "\n\tDecember 31,\tDecember 31,\n\t2024\t2023\nTotal assets\t5,000\t4,000\n"
    found = values(facts(str(write(tmp_path, "two.txt", text))))
    assert found[("Net income", "2024-03-31")] == 200
    assert found[("Total assets", "2024-12-31")] == 5000 and found[("Total assets", "2023-12-31")] == 4000
    assert ("Total assets", "2024-03-31") not in found


# ---- numbers --------------------------------------------------------------------------------------

def test_hostile_numbers(tmp_path):
    rows = [("Revenues", "1e400", "1,000"), ("Deferred revenue", "1" * 40, "5"), ("Lone marks", "$", "("),
            ("Dash", "\u2014", "\u2012"), ("Unicode minus", "\u2212 1,200", "(1\u00a0000)"),
            ("Thin space", "1\u2009200", "\uff11\uff12\uff13"), ("Net income", "200", "150")]
    path = write(tmp_path, "numbers.txt", release("Acme Corp.", QUARTER_ONLY, rows, 2024))
    result = facts(str(path), "-v")
    assert result.exit_code == 0 and "Traceback" not in result.stderr
    assert "row 'Revenues': '1e400' is not a readable amount (out of range or malformed); left out" in result.stderr
    assert f"row 'Deferred revenue': '{'1' * 40}' is not a readable amount" in result.stderr
    found = values(result)
    assert found[("Revenues", "2023-03-31")] == 1000 and ("Revenues", "2024-03-31") not in found
    assert found[("Deferred revenue", "2023-03-31")] == 5
    assert not any(label.startswith("Lone") for label, _end in found)
    assert found[("Dash", "2024-03-31")] == 0 and found[("Dash", "2023-03-31")] == 0
    assert found[("Unicode minus", "2024-03-31")] == -1200 and found[("Unicode minus", "2023-03-31")] == -1000
    assert found[("Thin space", "2024-03-31")] == 1200 and found[("Thin space", "2023-03-31")] == 123


# ---- output that cannot hurt its reader ------------------------------------------------------------

FORMULAS = ["=HYPERLINK(\"http://x\",\"y\")", "+cmd|' /C calc'!A0", "@SUM(A1)", "-2+3 other"]


@pytest.fixture
def formula_release(tmp_path):
    rows = [(label, f"{100 + i}", f"{90 + i}") for i, label in enumerate(FORMULAS)] + [("Net loss", "(200)", "(150)")]
    return write(tmp_path, "formula.txt", release("Acme Corp.", QUARTER_ONLY, rows, 2024))


def test_csv_neutralises_formulas_and_keeps_numbers(formula_release):
    result = runner.invoke(app, ["facts", str(formula_release), "--format", "csv"])
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    labels = {r["label"] for r in rows}
    assert {"'" + f for f in FORMULAS} <= labels
    assert {r["value"] for r in rows if r["label"] == "Net loss"} == {"-200", "-150"}
    analysis = runner.invoke(app, ["analyze", str(formula_release), "--format", "csv", "--company", "Acme"])
    items = {r["item"] for r in csv.DictReader(io.StringIO(analysis.stdout))}
    assert "'=HYPERLINK(\"http://x\",\"y\")" in items and not any(i.startswith(("=", "+", "@")) for i in items)
    wide = runner.invoke(app, ["analyze", str(formula_release), "--format", "csv", "--wide", "--view", "statements"])
    assert "\n=" not in wide.stdout and ",=" not in wide.stdout and "'=HYPERLINK" in wide.stdout


@pytest.mark.parametrize("value, guarded", [("=1+1", "'=1+1"), ("\tx", "'\tx"), ("\rx", "'\rx"), ("-5", "-5"), ("-1.5e3", "-1.5e3"),
                                            ("+7", "+7"), ("Revenue", "Revenue"), (12, 12)])
def test_guard_cell(value, guarded):
    assert export.guard_cell(value) == guarded


def test_terminal_shows_markup_as_text(tmp_path):
    path = write(tmp_path, "markup.txt", GOOD.replace("Gross profit", "[bold red]Gross profit[/bold red]"))
    result = runner.invoke(app, ["facts", str(path), "--format", "table"], env={"COLUMNS": "200"})
    assert "[bold red]Gross profit[/bold red]" in result.stdout
    result = runner.invoke(app, ["analyze", str(path), "--format", "table", "--view", "statements"], env={"COLUMNS": "200"})
    assert "[bold red]Gross profit[/bold red]" in result.stdout


def test_output_refuses_to_overwrite_an_input(tmp_path):
    path = write(tmp_path, "release.txt", GOOD)
    result = runner.invoke(app, ["facts", str(path), "--format", "csv", "-o", str(path)])
    assert result.exit_code == 2 and "refusing to overwrite an input file" in one_line(result)
    assert path.read_text() == GOOD


def test_output_is_never_half_written(tmp_path, monkeypatch):
    path = write(tmp_path, "release.txt", GOOD)
    target = tmp_path / "out" / "facts.csv"
    result = runner.invoke(app, ["facts", str(path), "--format", "csv", "-o", str(target)])
    assert result.exit_code == 4 and "cannot write" in one_line(result)

    target = tmp_path / "facts.csv"
    target.write_text("previous run\n")

    def fail(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    result = runner.invoke(app, ["facts", str(path), "--format", "csv", "-o", str(target)])
    assert result.exit_code == 4 and "No space left on device" in result.stderr
    assert target.read_text() == "previous run\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["facts.csv", "release.txt"]

    def interrupt(src, dst):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupt)
    result = runner.invoke(app, ["analyze", str(path), "--format", "json", "-o", str(target)])
    assert result.exit_code == 130 and "interrupted" in result.stderr
    assert target.read_text() == "previous run\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["facts.csv", "release.txt"]


# ---- determinism -----------------------------------------------------------------------------------

def test_output_does_not_depend_on_argument_order(tmp_path):
    a = write(tmp_path, "a.txt", release("Acme Corp.", QUARTER_ONLY, ROWS, 2024))
    b = write(tmp_path, "b.txt", release("Acme Corp.", QUARTER_ONLY, ROWS, 2022))
    for command in (["facts", "--format", "csv"], ["facts", "--format", "json"], ["analyze", "--format", "csv"],
                    ["analyze", "--format", "json"], ["check", "--format", "json"]):
        first = runner.invoke(app, [*command, str(a), str(b)])
        second = runner.invoke(app, [*command, str(b), str(a)])
        assert first.stdout == second.stdout and first.stdout


# ---- a real process, and regular expressions on adversarial lines ------------------------------------

def test_real_process_gives_one_line_per_bad_input_and_no_traceback(tmp_path):
    pdf = tmp_path / "release.pdf"
    pdf.write_bytes(b"%PDF-1.4")
    proc = subprocess.run([sys.executable, "-m", "fusion_cli", "facts", str(tmp_path / "missing.txt"), str(pdf)],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 3 and proc.stdout == ""
    assert proc.stderr.splitlines() == [f"fusion: {tmp_path / 'missing.txt'}: no such file or folder; check the path",
                                        f"fusion: {pdf}: this is a damaged PDF that cannot be parsed; save or print "
                                        f"it to PDF again"]


_LINEAR = r"""
import importlib, pkgutil, re, sys
import fusion_cli
SEGMENTS = ["1", "1,", "a ", ". ", "<", "<b>1", "(", "$ ", "a", "1 (2) $3, ab. ", "- ", " ", "Ab ", "&#", "[", "| ", "a: ",
            "1% ", "2024 ", "March 31, ", "\x1b[", "\t", "\\", "_", "*", "#", "1\u00a0", "-1", "\u2014 ", "Three months ended "]
line = "".join(seg * (4_000 // len(seg)) for seg in SEGMENTS)
line = (line * (131_072 // len(line) + 1))[:131_072]
part, parts = int(sys.argv[1]), int(sys.argv[2])


def patterns(value, name, depth=0):  # compiled patterns in a module's names and the containers they hold
    if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
        yield name, value
    elif depth < 3 and isinstance(value, (tuple, list, frozenset, set)):
        for i, item in enumerate(value):
            yield from patterns(item, f"{name}[{i}]", depth + 1)
    elif depth < 3 and isinstance(value, dict):
        for key, item in value.items():
            yield from patterns(item, f"{name}[{key!r}]", depth + 1)


names = {}
for info in pkgutil.iter_modules(fusion_cli.__path__):
    if info.name != "__main__":
        for name, value in vars(importlib.import_module("fusion_cli." + info.name)).items():
            for found, pattern in patterns(value, info.name + "." + name):
                names.setdefault(id(pattern), (found, pattern))  # an imported pattern is run once
names = sorted(names.values(), key=lambda item: item[0])
for name, pattern in names[part::parts]:
    for _ in pattern.finditer(line):
        pass
    pattern.fullmatch(line)
    print(name, flush=True)
"""


def test_every_regular_expression_returns_on_a_hostile_long_line():
    """128 KB holding every hostile segment: a quadratic pattern would take minutes on this line, past the
    two-minute timeout, a backtracking one hours; linear ones take a second. No timing assertion."""
    procs = [subprocess.Popen([sys.executable, "-c", _LINEAR, str(part), "2"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for part in range(2)]
    done = []
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
        done += out.split()
    assert len(done) > 250 and "read._LEADERS" in done and "periods._TOKEN" in done
    assert any(name.startswith("concepts._COMPILED[") for name in done)  # the vocabulary's patterns, held in a table


def test_xlsx_keeps_numbers_and_neutralises_formulas(formula_release, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    target = tmp_path / "analysis.xlsx"
    result = runner.invoke(app, ["analyze", str(formula_release), "-o", str(target)])
    assert result.exit_code == 0, result.stderr
    book = openpyxl.load_workbook(target)
    assert book.sheetnames == ["statements", "changes", "data"]
    sheet = book["statements"]
    header = [c.value for c in sheet[1]]
    assert header[:6] == ["company", "section", "item", "concept", "basis", "unit"] and header[6:] == ["Q1 2023", "Q1 2024"]
    rows = {r[2]: r for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert rows["'=HYPERLINK(\"http://x\",\"y\")"][6:] == (90, 100)  # text inert, numbers numeric
    assert rows["Net loss"][6:] == (-150, -200)
    assert not any(isinstance(c.value, str) and c.value.startswith(("=", "+", "@")) for row in sheet.iter_rows() for c in row)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["analysis.xlsx", "formula.txt"]
    missing = runner.invoke(app, ["analyze", str(formula_release), "--format", "xlsx"])
    assert missing.exit_code == 2 and "--output FILE.xlsx" in one_line(missing)


def test_file_names_with_escapes_and_markup_are_printed_as_text(tmp_path):
    path = write(tmp_path, "[red]q1\x1b[2J.txt", GOOD)
    result = runner.invoke(app, ["check", str(path), "--format", "table"], env={"COLUMNS": "200"})
    assert "\x1b" not in result.stdout and "[red]q1.txt: 4 ok" in result.stdout
    missing = facts(str(tmp_path / "gone\x1b]0;title\x07.txt"))
    assert "\x1b" not in missing.stderr and "\x07" not in missing.stderr and "gone]0;title.txt: no such file" in missing.stderr


def test_output_gets_ordinary_permissions(tmp_path):
    path = write(tmp_path, "release.txt", GOOD)
    target = tmp_path / "facts.csv"
    mask = os.umask(0o022)
    try:
        assert runner.invoke(app, ["facts", str(path), "--format", "csv", "-o", str(target)]).exit_code == 0
        assert target.stat().st_mode & 0o777 == 0o644
        target.chmod(0o600)  # a file being replaced keeps its own permissions
        assert runner.invoke(app, ["facts", str(path), "--format", "json", "-o", str(target)]).exit_code == 0
        assert target.stat().st_mode & 0o777 == 0o600
    finally:
        os.umask(mask)


def test_folder_that_cannot_be_listed(tmp_path, monkeypatch):
    folder = tmp_path / "locked"
    folder.mkdir()
    (folder / "release.txt").write_text(GOOD)

    def refuse(path):  # root lists anything, so the refusal is simulated
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "iterdir", lambda self: refuse(self))
    monkeypatch.setattr(os, "listdir", refuse)
    result = facts(str(folder))
    assert result.exit_code == 3 and result.stdout == ""
    assert one_line(result) == f"fusion: {folder}: permission denied; check the folder's read permission"


def test_deeply_nested_tables_and_tags(tmp_path):
    page = "<html>" + "<table><tr><td>" * 10_000 + "Revenue 1,200" + "</td></tr></table>" * 10 + "<b>" * 100_000
    result = facts(str(write(tmp_path, "nested.htm", page)))
    assert result.exit_code == 1 and result.stdout == ""
    assert one_line(result).endswith("nested.htm: no financial statements found (no table with period columns and numbers)")
