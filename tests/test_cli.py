import csv
import io
import json
import subprocess
import sys

import layouts
import pytest
from conftest import ROOT, on_a_terminal
from releases import QUARTER_ONLY, release
from typer.testing import CliRunner

from fusion_cli import __version__
from fusion_cli.cli import app
from fusion_cli.export import FACT_FIELDS

runner = CliRunner()


def invoke(*args):
    return runner.invoke(app, list(args))


def test_version():
    result = invoke("--version")
    assert result.exit_code == 0 and result.stdout.strip() == f"fusion {__version__}"


COMMANDS = sorted(c.name or c.callback.__name__ for c in app.registered_commands)


def test_the_registry_holds_the_documented_commands():
    assert COMMANDS == ["analyze", "check", "concepts", "facts"]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(command):
    result = invoke(command, "--help")
    assert result.exit_code == 0
    assert "Example" in result.stdout
    assert result.stdout.splitlines()[0].startswith(f"Usage: fusion {command}") or f"fusion {command}" in result.stdout


def test_facts_json_contract(fixtures):
    result = invoke("facts", str(fixtures / "edgar-8k-ex99.txt"), "--format", "json")
    assert result.exit_code == 0
    records = json.loads(result.stdout)
    assert set(FACT_FIELDS) <= set(records[0])
    first = records[0]
    assert (first["label"], first["value"], first["period_end"], first["period_months"], first["fiscal_period"]) == (
        "Net sales", 12345000, "1998-03-31", 3, "Q1 1998")
    assert (first["scale"], first["as_printed"], first["line"], first["statement"]) == ("thousands", "$12,345", 88, "income")


def test_facts_csv_has_a_header_and_numbers(fixtures):
    result = invoke("facts", str(fixtures / "workiva-ex991.htm"), "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert tuple(rows[0]) == FACT_FIELDS
    assert rows[0]["label"] == "Revenue" and rows[0]["value"] == "45678000"


def test_table_output_shows_whole_numbers(fixtures, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    result = invoke("facts", str(fixtures / "workiva-ex991.htm"), "--format", "table")
    assert result.exit_code == 0
    assert "118,765,000" in result.stdout and "(2,316,000)" in result.stdout


def test_not_a_release_exits_1_with_one_line(tmp_path):
    doc = tmp_path / "letter.txt"
    doc.write_text("Dear shareholder,\n\nWe thank you for your support in 2011.\n")
    result = invoke("facts", str(doc), "--format", "json")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.strip() == f"fusion: {doc}: no financial statements found (no table with period columns and numbers)"


def test_other_inputs_still_go_through(tmp_path, fixtures):
    doc = tmp_path / "letter.txt"
    doc.write_text("Nothing to see.\n")
    result = invoke("facts", str(doc), str(fixtures / "edgar-8k-ex99.txt"), "-f", "json")
    assert result.exit_code == 0
    assert len(json.loads(result.stdout)) == 49
    assert "letter.txt: no financial statements found" in result.stderr


def test_missing_file_and_pdf(tmp_path):
    pdf = tmp_path / "release.pdf"
    pdf.write_bytes(b"%PDF-1.4 binary")
    result = invoke("facts", str(tmp_path / "nope.txt"), str(pdf))
    assert result.exit_code == 3
    lines = result.stderr.strip().splitlines()
    assert lines[0].endswith("nope.txt: no such file or folder; check the path")
    assert lines[1].endswith("release.pdf: this is a damaged PDF that cannot be parsed; save or print it to PDF again")
    assert "Traceback" not in result.stderr


def test_usage_error_exits_2():
    assert invoke("facts", "x.txt", "--format", "yaml").exit_code == 2
    assert invoke("facts").exit_code == 2


def test_directory_and_stdin(tmp_path, fixtures):
    (tmp_path / "a.htm").write_bytes((fixtures / "workiva-ex991.htm").read_bytes())
    (tmp_path / "notes.csv").write_text("ignored")
    result = invoke("facts", str(tmp_path), "-f", "json")
    assert {r["file"] for r in json.loads(result.stdout)} == {"a.htm"}
    result = runner.invoke(app, ["facts", "-", "-f", "json"], input=(fixtures / "edgar-8k-ex99.txt").read_text())
    assert json.loads(result.stdout)[0]["file"] == "<stdin>"


def test_output_is_written_atomically_and_never_over_an_input(tmp_path, fixtures):
    out = tmp_path / "facts.csv"
    result = invoke("facts", str(fixtures / "edgar-8k-ex99.txt"), "-f", "csv", "-o", str(out))
    assert result.exit_code == 0 and result.stdout == ""
    assert out.read_text().startswith("file,company,")
    assert [p.name for p in tmp_path.iterdir()] == ["facts.csv"]
    src = tmp_path / "r.txt"
    src.write_text((fixtures / "edgar-8k-ex99.txt").read_text())
    result = invoke("facts", str(src), "-f", "csv", "-o", str(src))
    assert result.exit_code == 2 and "refusing to overwrite" in result.stderr


def test_formula_guard_in_csv():
    from fusion_cli.export import guard_cell
    assert guard_cell("=HYPERLINK(\"x\")") == "'=HYPERLINK(\"x\")"
    assert guard_cell("-12") == "-12" and guard_cell(-12) == -12


def test_concepts_lists_the_vocabulary():
    result = invoke("concepts")  # not a terminal: CSV
    names = [row["concept"] for row in csv.DictReader(io.StringIO(result.stdout))]
    assert {"revenue", "adjusted_ebitda", "eps_basic", "shares_diluted", "total_equity"} <= set(names)


def test_help_does_not_import_pandas():
    code = "import sys; from fusion_cli.cli import app; sys.argv=['fusion','--help']\ntry:\n    app()\nexcept SystemExit:\n    pass\nprint('pandas' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip().splitlines()[-1] == "False"


def test_jobs_give_the_same_stream_as_one_process(tmp_path):
    for k in range(12):
        rows = [("Revenue", [1000 + k, 900, 3000, 2700]), ("Net income", [100, -k, 300, 250])]
        layout = layouts.LAYOUTS[k % len(layouts.LAYOUTS)]
        name = f"r{k:02d}.htm" if layout == "html" else f"r{k:02d}.txt"
        (tmp_path / name).write_text(layouts.render(layouts.income(9, 2000 + k, True, rows), layout))
    (tmp_path / "broken.txt").write_bytes(b"%PDF-1.4")
    one = invoke("facts", str(tmp_path), "--format", "csv")
    two = invoke("facts", str(tmp_path), "--format", "csv", "--jobs", "2")
    assert one.exit_code == two.exit_code == 3
    assert one.stdout == two.stdout and one.stderr == two.stderr
    rows = list(csv.DictReader(io.StringIO(two.stdout)))
    assert len(rows) == 12 * 8 and [r["file"] for r in rows[::8]] == [f"r{k:02d}.{'htm' if k % 5 == 4 else 'txt'}" for k in range(12)]
    records = json.loads(invoke("facts", str(tmp_path), "--jobs", "0").stdout)
    assert len(records) == 96 and records[0]["value"] == 1000


def test_a_file_without_facts_between_two_keeps_the_stream_whole(tmp_path):
    rows = [("Revenue", [1000, 900, 3000, 2700]), ("Net income", [100, 90, 300, 250])]
    (tmp_path / "a.txt").write_text(layouts.render(layouts.income(9, 2010, True, rows), "tab"))
    (tmp_path / "b.txt").write_text("Dear shareholder, we thank you for your support.\n")
    (tmp_path / "c.htm").write_text(layouts.render(layouts.income(9, 2011, True, rows), "html"))
    for jobs in ("1", "2"):
        records = json.loads(invoke("facts", str(tmp_path), "--format", "json", "--jobs", jobs).stdout)
        assert [r["file"] for r in records] == ["a.txt"] * 8 + ["c.htm"] * 8
        result = invoke("facts", str(tmp_path), "--format", "csv", "--jobs", jobs)
        assert result.stdout.count("file,company,") == 1 and len(result.stdout.splitlines()) == 17
        assert "b.txt: no financial statements found" in result.stderr


def test_facts_redirected_from_a_terminal_writes_the_whole_csv_and_nothing_to_the_screen(tmp_path):
    """With a terminal on stderr (a progress bar is drawn for 20 files or more), stdout redirected to a file gets
    every record and the terminal none of them."""

    sample = (ROOT / "samples" / "fusion-q1-2011.txt").read_bytes()
    for i in range(25):
        (tmp_path / f"r{i:02d}.txt").write_bytes(sample)
    out = tmp_path / "out.csv"
    code = "import sys; from fusion_cli.cli import main; sys.argv = ['fusion', 'facts', sys.argv[1], '--format', 'csv']; main()"
    with open(out, "wb") as handle:
        screen, returncode = on_a_terminal([sys.executable, "-c", code, str(tmp_path)], stdout=handle, env={"COLUMNS": "80"})
    rows = out.read_text(encoding="utf-8").splitlines()
    assert returncode == 0
    assert len(rows) == 1 + 25 * 112 and rows[0].startswith("file,company,statement")
    assert "Fusion Telecommunications" not in screen


@pytest.mark.parametrize(("command", "suffix", "starts"), [
    ("facts", ".csv", "file,company,statement"), ("facts", ".json", "["), ("check", ".csv", "file,kind,status"),
    ("check", ".json", "["), ("analyze", ".csv", "company,section,item"), ("analyze", ".json", "["),
    ("analyze", ".md", "### ")])
def test_the_output_suffix_picks_the_format(tmp_path, command, suffix, starts):
    target = tmp_path / f"out{suffix}"
    result = runner.invoke(app, [command, str(ROOT / "samples" / "fusion-q1-2011.txt"), "-o", str(target), "-q"])
    assert result.exit_code == 0, result.output
    assert target.read_text(encoding="utf-8").startswith(starts)


@pytest.mark.parametrize("command", ["facts", "check"])
def test_a_suffix_the_command_cannot_write_is_refused_in_one_line(tmp_path, command):
    target = tmp_path / "out.xlsx"
    result = runner.invoke(app, [command, str(ROOT / "samples" / "fusion-q1-2011.txt"), "-o", str(target)])
    assert result.exit_code == 2 and not target.exists()
    assert "writes .json, .csv, not .xlsx" in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_dash_h_is_help_everywhere():
    for args in (["-h"], ["facts", "-h"], ["analyze", "-h"], ["check", "-h"], ["concepts", "-h"]):
        result = runner.invoke(app, args)
        assert result.exit_code == 0 and "Usage:" in result.stdout


def test_concepts_is_a_table_of_meanings_searchable_and_exportable():
    result = runner.invoke(app, ["concepts", "--search", "net interest income", "--format", "csv"])
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["concept"] for r in rows] == ["net_interest_income", "net_interest_income_after_provision"]
    assert rows[0]["meaning"] == "A bank's interest income less interest expense"
    as_json = json.loads(runner.invoke(app, ["concepts", "-s", "goodwill", "-f", "json"]).stdout)
    assert as_json[0] == {"concept": "goodwill", "meaning": "Goodwill", "examples": "Goodwill"}
    assert [r["concept"] for r in as_json] == ["goodwill", "impairment"]  # `Impairment of goodwill` is a label
    assert runner.invoke(app, ["concepts", "-s", "no such words"]).exit_code == 1


def test_warnings_for_people_one_line_a_file_by_default_every_one_with_v_errors_only_with_q(tmp_path):
    rows = [("Revenues", "1,200", "1,000", "900"), ("Cost of revenues", "700", "600"), ("Net income", "200", "150")]
    path = tmp_path / "extra.txt"
    path.write_text(release("Acme Corp.", QUARTER_ONLY, rows, 2024), encoding="utf-8")
    default = runner.invoke(app, ["facts", str(path), "--format", "csv"]).stderr.strip().splitlines()
    verbose = runner.invoke(app, ["facts", str(path), "--format", "csv", "-v"]).stderr.strip().splitlines()
    quiet = runner.invoke(app, ["facts", str(path), "--format", "csv", "-q"]).stderr.strip().splitlines()
    assert default == [f"fusion: {path}: 4 facts from 1 table; 1 more warning (-v lists them)"]
    assert "fusion: extra.txt:10: warning: row 'Revenues' has 3 numbers for 2 columns; not placed" in verbose
    assert verbose[-1] == f"fusion: {path}: 4 facts from 1 table" and quiet == []


def test_warnings_go_to_a_json_lines_file_for_scripts(tmp_path):
    rows = [("Revenues", "1,200", "1,000", "900"), ("Cost of revenues", "700", "600"), ("Net income", "200", "150")]
    path = tmp_path / "extra.txt"
    path.write_text(release("Acme Corp.", QUARTER_ONLY, rows, 2024), encoding="utf-8")
    for command in ("facts", "analyze", "check"):
        target = tmp_path / f"{command}.jsonl"
        result = runner.invoke(app, [command, str(path), "--format", "csv", "-q", "--warnings", str(target)])
        assert result.exit_code in (0, 1) and result.stderr == ""
        records = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
        assert {"file": str(path), "source": "extra.txt:10", "severity": "warning",
                "message": "row 'Revenues' has 3 numbers for 2 columns; not placed"} in records


def test_shell_completion_is_offered():
    result = runner.invoke(app, ["--help"])
    assert "--install-completion" in result.stdout and "--show-completion" in result.stdout
