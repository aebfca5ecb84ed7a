"""fusion check: footing, bridges and ties find the errors planted in small releases, and nothing in clean ones."""
import json
from decimal import Decimal

import pytest
from typer.testing import CliRunner

from conftest import ROOT
from fusion_cli.check import Tolerance, audit, summary
from fusion_cli.cli import app
from fusion_cli.extract import extract_bytes
from releases import QUARTER_ONLY, release, write

SAMPLES = ROOT / "samples"
runner = CliRunner()

BALANCE = [
    ("Current assets:", "", ""), ("Cash", "1,000", "900"), ("Accounts receivable", "2,000", "1,800"),
    ("Total current assets", "3,000", "2,700"), ("Property and equipment, net", "5,000", "5,100"),
    ("Total assets", "$ 8,000", "$ 7,800"), ("Current liabilities:", "", ""), ("Accounts payable", "1,500", "1,400"),
    ("Total current liabilities", "1,500", "1,400"), ("Long-term debt", "2,500", "2,600"),
    ("Total liabilities", "4,000", "4,000"), ("Common stock", "1,000", "1,000"), ("Retained earnings", "3,000", "2,800"),
    ("Total stockholders' equity", "4,000", "3,800"), ("Total liabilities and stockholders' equity", "$ 8,000", "$ 7,800")]
INCOME = [
    ("Revenues", "$ 10,000", "$ 9,000"), ("Cost of revenues", "6,000", "5,500"), ("Selling, general and administrative", "2,000", "1,900"),
    ("Depreciation and amortization", "500", "450"), ("Total operating expenses", "8,500", "7,850"),
    ("Operating income", "1,500", "1,150"), ("Interest expense", "(100)", "(90)"), ("Income before income taxes", "1,400", "1,060"),
    ("Provision for income taxes", "300", "200"), ("Net income", "$ 1,100", "$ 860")]
RECON = [
    ("Net income", "$ 1,100", "$ 860"), ("Interest expense", "100", "90"), ("Provision for income taxes", "300", "200"),
    ("Depreciation and amortization", "500", "450"), ("EBITDA", "2,000", "1,600")]


def checks_of(*tables, title_rows=None):
    text = "\n".join(release("Acme Widgets, Inc.", QUARTER_ONLY if title != "Condensed Consolidated Balance Sheets" else
                             ["\tMarch 31,\tDecember 31,", "\t{y}\t{p}"], rows, 2011, title=title) for title, rows in tables)
    return audit(extract_bytes("r.txt", text.encode()))


def problems(checks):
    return [(c.kind, c.status, c.subject, c.period, c.difference) for c in checks if c.status != "ok"]


CLEAN = (("Condensed Consolidated Balance Sheets", BALANCE), ("Consolidated Statements of Operations", INCOME),
         ("Reconciliation of Net Income to EBITDA", RECON))


def test_a_clean_release_raises_nothing():
    checks = checks_of(*CLEAN)
    assert problems(checks) == []
    kinds = {c.kind for c in checks}
    assert kinds == {"footing", "bridge", "tie"}
    subjects = {c.subject for c in checks if c.kind == "footing"}
    assert {"Total current assets", "Total assets", "Total liabilities and stockholders' equity", "Operating income",
            "Net income", "Total assets = liabilities and equity"} <= subjects


def test_a_total_off_by_1000_is_found():
    rows = [r if r[0] != "Total current assets" else ("Total current assets", "4,000", "2,700") for r in BALANCE]
    found = problems(checks_of(("Condensed Consolidated Balance Sheets", rows)))
    assert ("footing", "mismatch", "Total current assets", "Q1 2011", Decimal(1000)) in found


def test_net_income_that_does_not_follow_is_found():
    rows = [r if r[0] != "Net income" else ("Net income", "$ 1,150", "$ 860") for r in INCOME]
    found = problems(checks_of(("Consolidated Statements of Operations", rows)))
    assert found == [("footing", "mismatch", "Net income", "Q1 2011", Decimal(50))]


def test_a_bridge_missing_an_item_is_found_and_explained_by_no_tie():
    rows = [r for r in RECON if r[0] != "Provision for income taxes"]
    found = problems(checks_of(("Consolidated Statements of Operations", INCOME), ("Reconciliation of Net Income to EBITDA", rows)))
    assert ("bridge", "mismatch", "EBITDA", "Q1 2011", Decimal(300)) in found


def test_a_reconciliation_that_starts_from_another_net_income_does_not_tie():
    rows = [("Net income", "$ 1,000", "$ 860")] + RECON[1:-1] + [("EBITDA", "1,900", "1,600")]
    found = problems(checks_of(("Consolidated Statements of Operations", INCOME), ("Reconciliation of Net Income to EBITDA", rows)))
    assert ("tie", "mismatch", "Net income", "Q1 2011", Decimal(-100)) in found


def test_tolerance_turns_small_differences_into_rounding():
    rows = [r if r[0] != "Total current assets" else ("Total current assets", "3,004", "2,700") for r in BALANCE]
    text = release("Acme Widgets, Inc.", ["\tMarch 31,\tDecember 31,", "\t{y}\t{p}"], rows, 2011, title="Balance Sheets")
    extraction = extract_bytes("r.txt", text.encode())
    strict = [c for c in audit(extraction) if c.subject == "Total current assets" and c.period == "Q1 2011"]
    loose = [c for c in audit(extraction, Tolerance(Decimal(5))) if c.subject == "Total current assets" and c.period == "Q1 2011"]
    assert strict[0].status == "mismatch" and loose[0].status == "rounding"


def test_q1_2011_seed_foots_everywhere_including_the_flattened_paragraph():
    checks = audit(extract_bytes("fusion-q1-2011.txt", (SAMPLES / "fusion-q1-2011.txt").read_bytes()))
    assert [c for c in checks if c.status not in ("ok", "rounding")] == []
    paragraph = [c for c in checks if c.source == "fusion-q1-2011.txt:92"]
    assert {c.subject for c in paragraph} >= {"Total long-term liabilities", "TOTAL LIABILITIES AND STOCKHOLDERS' DEFICIT"}
    assert {c.subject for c in checks if c.kind == "bridge"} == {"EBITDA", "Adjusted EBITDA"}
    assert summary(checks).endswith("0 mismatch, 0 unverifiable")


def test_q3_2009_seed_bridge_mismatch_is_explained_by_net_interest():
    checks = audit(extract_bytes("fusion-q3-2009.txt", (SAMPLES / "fusion-q3-2009.txt").read_bytes()))
    bridges = {(c.subject, c.period): c for c in checks if c.kind == "bridge"}
    assert bridges[("EBITDA", "Q3 2009")].difference == 1992 and bridges[("EBITDA", "Q3 2008")].difference == 29059
    assert "with 109,446 the bridge foots" in bridges[("EBITDA", "Q3 2009")].note
    assert "'Total Other Income (Expenses)'" in bridges[("EBITDA", "Q3 2009")].note
    assert bridges[("Adjusted EBITDA", "Q3 2009")].status == "rounding" and abs(bridges[("Adjusted EBITDA", "Q3 2009")].difference) == 1
    assert bridges[("Adjusted EBITDA", "Q3 2008")].status == "rounding"


def test_cli_exit_codes_and_formats(tmp_path):
    clean = runner.invoke(app, ["check", str(SAMPLES / "fusion-q1-2011.txt"), "-f", "json"])
    assert clean.exit_code == 0
    records = json.loads(clean.stdout)
    assert {r["status"] for r in records} == {"ok"} and records[0]["file"] == "fusion-q1-2011.txt"
    assert "38 ok, 0 rounding, 0 mismatch" in clean.stderr or "ok, 0 rounding, 0 mismatch" in clean.stderr
    broken = runner.invoke(app, ["check", str(SAMPLES / "fusion-q3-2009.txt"), "-f", "csv", "--problems"])
    assert broken.exit_code == 1
    assert broken.stdout.splitlines()[0] == "file,kind,status,subject,period,found,expected,difference,source,other,note"
    assert ",bridge,mismatch,EBITDA,Q3 2009,-1294522,-1296514,1992," in broken.stdout
    table = runner.invoke(app, ["check", str(SAMPLES / "fusion-q3-2009.txt"), "-f", "table"], env={"COLUMNS": "120"})
    assert table.exit_code == 1 and "Bridges: non-GAAP subtotals" in table.stdout and "1,992" in table.stdout
    nothing = runner.invoke(app, ["check", str(SAMPLES / "fusion-series-c-certificate.txt")])
    assert nothing.exit_code == 1 and "no financial statements found" in nothing.stderr


@pytest.mark.parametrize("bad", ["--tolerance=-1", "--format=xml"])
def test_cli_usage_errors(bad):
    assert runner.invoke(app, ["check", str(SAMPLES / "fusion-q1-2011.txt"), bad]).exit_code == 2


def test_write_helper_is_used(tmp_path):
    path = write(tmp_path, "a.txt", release("Acme Widgets, Inc.", QUARTER_ONLY, INCOME, 2011))
    result = runner.invoke(app, ["check", str(path), "-f", "json", "-q"])
    assert result.exit_code == 0 and json.loads(result.stdout)
