"""fusion analyze through the CLI and the Python API, on the sample releases (the seeds)."""
import datetime
import io
import json

import pandas as pd
import pytest
from conftest import ROOT, SHARED
from releases import QUARTER_ONLY, release, write
from typer.testing import CliRunner

import fusion_cli
from fusion_cli.analysis import COLUMNS
from fusion_cli.cli import app

SAMPLES = ROOT / "samples"
Q3, Q1, CERT = (str(SAMPLES / n) for n in ("fusion-q3-2009.txt", "fusion-q1-2011.txt", "fusion-series-c-certificate.txt"))
runner = CliRunner()


def invoke(*args):
    return runner.invoke(app, ["analyze", *args])


@pytest.fixture(scope="module")
def rows():
    result = invoke(Q3, Q1, "--format", "csv")
    assert result.exit_code == 0, result.stderr
    return pd.read_csv(io.StringIO(result.stdout))


def values(rows, **where):
    frame = rows
    for column, value in where.items():
        frame = frame[frame[column] == value]
    return dict(zip(frame["period_end"], frame["value"]))


def test_csv_has_the_documented_columns_and_round_trips(rows):
    assert tuple(rows.columns) == COLUMNS
    assert set(rows["section"]) == {"income", "balance", "reconciliation", "margin", "change", "bridge"}
    assert rows["value"].dtype == float


def test_revenue_four_quarters(rows):
    assert values(rows, section="income", concept="revenue") == {
        "2008-09-30": 14301428, "2009-09-30": 11853020, "2010-03-31": 9588632, "2011-03-31": 10204280}
    revenue = rows[(rows.section == "income") & (rows.concept == "revenue")]
    assert list(revenue["source"]) == ["fusion-q3-2009.txt:46", "fusion-q3-2009.txt:46", "fusion-q1-2011.txt:34", "fusion-q1-2011.txt:34"]
    assert list(revenue["period"]) == ["Q3 2008", "Q3 2009", "Q1 2010", "Q1 2011"]


def test_balance_sheet_dates(rows):
    assert sorted(values(rows, section="balance", concept="total_assets")) == ["2008-12-31", "2009-09-30", "2010-12-31", "2011-03-31"]
    assert set(rows[rows.section == "balance"]["period_months"]) == {0}


def test_revenue_yoy_and_no_qoq_without_the_quarter_before(rows):
    assert values(rows, section="change", concept="revenue", basis="yoy", unit="%") == {"2009-09-30": -17.12, "2011-03-31": 6.42}
    assert values(rows, section="change", concept="revenue", basis="yoy", unit="USD") == {"2009-09-30": -2448408, "2011-03-31": 615648}
    assert values(rows, section="change", concept="revenue", basis="qoq") == {}
    qoq = rows[(rows.section == "change") & (rows.basis == "qoq")]
    assert set(qoq["period_end"]) == {"2011-03-31"} and set(qoq["period_months"]) == {0}  # balance sheet vs year end


def test_margins(rows):
    gross = rows[(rows.section == "margin") & (rows.concept == "gross_margin") & rows.basis.isna()]
    assert dict(zip(gross.period, gross.value)) == {"Q3 2008": 6.20, "Q3 2009": 8.33, "Q1 2010": 9.65, "Q1 2011": 10.37}
    level = rows[(rows.section == "margin") & rows.basis.isna() & (rows.period == "Q1 2011")]
    by_concept = dict(zip(level.concept, level.value))
    assert by_concept["sga_ratio"] == 21.17 and by_concept["adjusted_ebitda_margin"] == -9.74
    assert set(level[level.concept == "sga_ratio"]["unit"]) == {"%"}


def bridge_rows(rows, period):
    frame = rows[(rows.section == "bridge") & (rows.period == period)]
    return [(b, i, v) for b, i, v in zip(frame.basis, frame["item"], frame.value)]


def test_bridge_q1_2011_foots(rows):
    steps = bridge_rows(rows, "Q1 2011")
    assert steps[0] == ("start", "Net loss", -1226584)
    assert ("subtotal", "EBITDA", -1017971) in steps and ("computed", "EBITDA", -1017971) in steps
    assert ("subtotal", "Adjusted EBITDA", -994289) in steps and ("computed", "Adjusted EBITDA", -994289) in steps
    assert [v for b, _i, v in steps if b == "difference"] == [0, 0]


def test_bridge_q3_2009_shows_the_difference(rows):
    steps = bridge_rows(rows, "Q3 2009")
    assert ("computed", "EBITDA", -1296514) in steps and ("subtotal", "EBITDA", -1294522) in steps
    assert ("difference", "EBITDA", 1992) in steps
    assert ("difference", "Adjusted EBITDA", -1) in steps
    notes = json.loads(invoke(Q3, "--format", "json").stdout)
    verdicts = {(r["period"], r["item"]): r["note"] for r in notes if r["section"] == "bridge" and r["basis"] == "difference"}
    assert verdicts[("Q3 2009", "EBITDA")] == "does not foot" and verdicts[("Q3 2009", "Adjusted EBITDA")] == "rounding"
    assert verdicts[("Q3 2008", "EBITDA")] == "does not foot"


def test_bridge_mismatch_is_warned_on_stderr():
    result = invoke(Q3, "--format", "csv")
    assert "Q3 2009: EBITDA printed -1,294,522, its lines sum to -1,296,514 (difference 1,992)" in result.stderr


def test_certificate_alone_exits_1_with_one_line():
    result = invoke(CERT)
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.strip().count("\n") == 0 and "no financial statements found" in result.stderr


def test_certificate_among_releases_warns_and_goes_on():
    result = invoke(Q3, Q1, CERT, "--format", "csv", "--quiet")
    assert result.exit_code == 0
    assert "fusion-series-c-certificate.txt: no financial statements found" in result.stderr
    assert "Revenues" in result.stdout


@pytest.mark.parametrize("view", ["summary", "statements", "changes", "margins", "bridge", "all"])
@pytest.mark.parametrize("fmt", ["table", "md"])
def test_every_view_renders(view, fmt):
    result = invoke(Q3, Q1, "--view", view, "--format", fmt, "-q")
    assert result.exit_code == 0, result.stderr
    assert "Fusion Telecommunications International, Inc." in result.stdout
    expected = {"summary": "10,204,280", "statements": "TOTAL ASSETS", "changes": "-17.1%", "margins": "10.4%",
                "bridge": "1,992 does not foot", "all": "Adjusted EBITDA margin"}[view]
    assert expected in result.stdout


@pytest.mark.parametrize("view, sections", [
    ("statements", {"income", "balance", "reconciliation"}), ("changes", {"change"}), ("margins", {"margin"}),
    ("bridge", {"bridge"}), ("all", {"income", "balance", "reconciliation", "change", "margin", "bridge"})])
def test_views_select_sections_in_csv_and_json(view, sections):
    csv_rows = pd.read_csv(io.StringIO(invoke(Q3, Q1, "--view", view, "--format", "csv", "-q").stdout))
    assert set(csv_rows["section"]) == sections
    records = json.loads(invoke(Q3, Q1, "--view", view, "--format", "json", "-q").stdout)
    assert {r["section"] for r in records} == sections and set(COLUMNS) <= set(records[0])


@pytest.mark.parametrize("view", ["summary", "statements", "bridge", "all"])
def test_table_numbers_are_whole_at_80_columns(view):
    result = runner.invoke(app, ["analyze", Q3, Q1, "-q", "-f", "table", "--view", view, "--sources"], env={"COLUMNS": "80"})
    assert "…" not in result.stdout and max(len(line) for line in result.stdout.splitlines()) <= 80
    assert "(1,226,584)" in result.stdout
    if view != "bridge":
        assert "14,301,428" in result.stdout


def test_wide_pivots_periods_into_columns():
    result = invoke(Q3, Q1, "--format", "csv", "--wide", "--view", "statements", "-q")
    wide = pd.read_csv(io.StringIO(result.stdout))
    assert list(wide.columns[:6]) == ["company", "section", "item", "concept", "basis", "unit"]
    assert list(wide.columns[6:]) == ["Q3 2008", "Q4 2008", "Q3 2009", "Q1 2010", "Q4 2010", "Q1 2011"]
    revenue = wide[(wide.section == "income") & (wide.concept == "revenue")].iloc[0]
    assert revenue["Q3 2008"] == 14301428 and revenue["Q1 2011"] == 10204280


def test_scale_and_sources_in_markdown():
    result = invoke(Q1, "--format", "md", "--scale", "thousands", "--sources", "-q")
    assert "USD in thousands" in result.stdout and "10,204 (fusion-q1-2011.txt:34)" in result.stdout


def test_output_file_is_written_atomically_with_format_from_its_suffix(tmp_path):
    target = tmp_path / "analysis.json"
    result = invoke(Q3, Q1, "-o", str(target), "-q")
    assert result.exit_code == 0 and result.stdout == ""
    assert json.loads(target.read_text())[0]["item"] == "Revenues"
    assert [p.name for p in tmp_path.iterdir()] == ["analysis.json"]


def test_map_file_joins_lines(tmp_path):
    q1 = write(tmp_path, "a.txt", release("Acme Widgets, Inc.", QUARTER_ONLY, [("Revenues", "$ 1,000", "$ 900"), ("Escrow payable", "5", "4")], 2010))
    q2 = write(tmp_path, "b.txt", release("Acme Widgets, Inc.", QUARTER_ONLY, [("Revenues", "$ 1,100", "$ 1,000"), ("Amounts held in escrow", "6", "5")], 2011))
    mapping = write(tmp_path, "map.toml", '[labels]\n"Amounts held in escrow" = "Escrow payable"\n')
    rows = pd.read_csv(io.StringIO(invoke(str(q1), str(q2), "--map", str(mapping), "-f", "csv", "-q").stdout))
    escrow = rows[(rows.section == "income") & rows["item"].str.contains("scrow")]
    assert set(escrow["item"]) == {"Amounts held in escrow"} and list(escrow.value) == [4, 5, 6]


def test_bad_map_file_is_a_usage_error(tmp_path):
    mapping = write(tmp_path, "map.toml", "revenue = [1, 2]\n")
    result = invoke(Q1, "--map", str(mapping))
    assert result.exit_code == 2 and "map.toml" in result.stderr and "Traceback" not in result.stderr


def test_restated_values_show_both_in_json(tmp_path):
    a = write(tmp_path, "a.txt", release("Acme Widgets, Inc.", QUARTER_ONLY, [("Revenues", "$ 1,000", "$ 900")], 2010))
    b = write(tmp_path, "b.txt", release("Acme Widgets, Inc.", QUARTER_ONLY, [("Revenues", "$ 1,200", "$ 1,010")], 2011))
    records = json.loads(invoke(str(b), str(a), "-f", "json", "-q").stdout)
    restated = [r for r in records if r["section"] == "income" and r["period"] == "Q1 2010"][0]
    assert restated["basis"] == "restated" and restated["value"] == 1010 and restated["source"] == "b.txt:10"
    assert restated["previous"] == [{"value": 1000, "source": "a.txt:10"}]


def test_output_does_not_depend_on_argument_order():
    assert invoke(Q3, Q1, "-f", "csv", "-q").stdout == invoke(Q1, Q3, "-f", "csv", "-q").stdout
    assert invoke(Q3, Q1, "-f", "json", "-q").stdout == invoke(Q1, Q3, "-f", "json", "-q").stdout


def test_python_api_returns_dataframes():
    analysis = fusion_cli.analyze([Q3, Q1, CERT])
    assert analysis.companies == ["Fusion Telecommunications International, Inc."]
    assert tuple(analysis.rows.columns) == COLUMNS
    margins = analysis.margins
    q1 = margins[(margins.concept == "gross_margin") & (margins.period == "Q1 2011") & (margins.basis == "")]
    assert q1["value"].tolist() == [10.37]
    assert set(analysis.bridge["section"]) == {"bridge"}
    assert set(analysis.statements["section"]) == {"income", "balance", "reconciliation"}
    wide = analysis.wide(["income"])
    assert wide.loc[wide.concept == "revenue", "Q3 2009"].tolist() == [11853020]
    assert any(f.severity == "error" and "certificate" in f.source for f in analysis.findings)


def test_derived_values_are_marked_in_the_summary(tmp_path):
    text = release("Acme Widgets, Inc.", QUARTER_ONLY, [
        ("Revenues", "$ 1,000", "$ 900"), ("Depreciation and amortization", "40", "30"), ("Operating income", "200", "100")], 2010)
    result = invoke(str(write(tmp_path, "a.txt", text)), "-f", "md", "-q")
    assert "| EBITDA (derived) | 130* | 240* |" in result.stdout
    assert "| Revenue YoY |  | +11.1% |" in result.stdout


def test_analyze_prints_a_check_summary_per_release_and_marks_totals_that_do_not_foot(tmp_path):
    result = invoke(Q3, Q1, "-f", "csv")
    assert "fusion-q1-2011.txt: check: " in result.stderr and ", 0 mismatch," in result.stderr.split("fusion-q1-2011.txt: check: ")[1]
    assert "fusion-q3-2009.txt: check: " in result.stderr
    rows = [("Current assets:", "", ""), ("Cash", "1,000", "900"), ("Receivables", "2,000", "1,800"),
            ("Total current assets", "4,000", "2,700")]
    path = write(tmp_path, "a.txt", release("Acme Widgets, Inc.", ["\tMarch 31,\tDecember 31,", "\t{y}\t{p}"], rows, 2011, title="Balance Sheets"))
    records = json.loads(invoke(str(path), "-f", "json", "-q").stdout)
    total = [r for r in records if r["item"] == "Total current assets" and r["section"] == "balance" and r["period"] == "Q1 2011"][0]
    assert total["note"] == "does not foot: its lines give 3,000 (fusion check)"
    table = invoke(str(path), "-f", "md", "--view", "statements", "-q").stdout
    assert "4,000!" in table


# ---- the CLI and the Python API are one pipeline ------------------------------------------------------

def _cli_json(*paths):
    result = runner.invoke(app, ["analyze", *map(str, paths), "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_the_api_rows_are_the_cli_json_rows_on_the_samples():
    from fusion_cli.export import points_json

    analysis = fusion_cli.analyze([Q3, Q1, CERT])
    assert json.loads(points_json(analysis.points)) == _cli_json(Q3, Q1, CERT)
    assert set(analysis.checks) == {"fusion-q3-2009.txt", "fusion-q1-2011.txt"}


@pytest.mark.skipif(not (SHARED / "corpus").is_dir(), reason="../shared/corpus is not beside the repository")
def test_the_api_rows_are_the_cli_json_rows_on_corpus_releases():
    from fusion_cli.export import points_json

    releases = [SHARED / "corpus" / name for name in ("ufg-q4-2024.md", "strt-q4-fy2026.md", "cathay-q3-2025.htm")]
    assert json.loads(points_json(fusion_cli.analyze(releases).points)) == _cli_json(*releases)


def test_the_api_raises_on_an_input_it_cannot_read(tmp_path):
    with pytest.raises(fusion_cli.InputError, match="missing.txt: no such file"):
        fusion_cli.analyze([Q3, tmp_path / "missing.txt"])
    with pytest.raises(fusion_cli.InputError, match="no such file"):
        fusion_cli.extract_file(str(tmp_path / "missing.txt"))


def test_a_total_that_does_not_foot_carries_its_note_in_the_api_too(tmp_path):
    text = (ROOT / "samples" / "fusion-q1-2011.txt").read_text(encoding="utf-8").replace("Total current assets\t2,403,560", "Total current assets\t2,403,999", 1)
    path = tmp_path / "altered.txt"
    path.write_text(text, encoding="utf-8")
    notes = [p.note for p in fusion_cli.analyze([path]).points if "does not foot" in p.note]
    cli = [r.get("note", "") for r in _cli_json(path) if "does not foot" in r.get("note", "")]
    assert notes and notes == cli


def test_a_workbook_an_analyst_can_hand_on(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    target = tmp_path / "analysis.xlsx"
    result = runner.invoke(app, ["analyze", Q3, Q1, "-o", str(target), "-q"])
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(target)
    assert book.sheetnames == ["statements", "changes", "margins", "bridge", "data", "charts"]
    data = book["data"]
    header = [c.value for c in data[1]]
    first = dict(zip(header, [c.value for c in data[2]]))
    assert first["period_end"] == datetime.datetime(2008, 9, 30) and data.cell(2, header.index("period_end") + 1).is_date
    assert first["value"] == 14301428 and first["item"] == "Revenues"
    for sheet in (book[name] for name in book.sheetnames if name != "charts"):
        assert sheet.freeze_panes == "D2"  # the header row and the columns up to the line item's label
        assert sheet.page_setup.orientation == "landscape" and sheet.sheet_properties.pageSetUpPr.fitToPage
        assert sheet.column_dimensions["C"].width >= len("Revenues")
    margins = book["margins"]
    units = [c.value for c in margins["F"]] if margins["F"][0].value == "unit" else []
    percent_rows = [i for i, u in enumerate(units, start=1) if u == "%"]
    assert percent_rows and margins.cell(percent_rows[0], 7).number_format == '0.0"%";(0.0"%")'


def test_the_api_frame_has_dates():
    rows = fusion_cli.analyze([Q1]).rows
    assert str(rows["period_end"].dtype).startswith("datetime64") and rows["period_end"].min() == pd.Timestamp("2010-03-31")


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_a_large_batch_is_analyzed_one_company_at_a_time_with_the_same_output(tmp_path, monkeypatch, fmt):
    import fusion_cli.cli as cli

    rows = [("Revenues", "$ 10,000", "$ 9,000"), ("Cost of revenues", "6,000", "5,500"), ("Gross profit", "4,000", "3,500"),
            ("Operating expenses", "2,500", "2,350"), ("Operating income", "1,500", "1,150"), ("Net income", "$ 1,100", "$ 860")]
    for i in range(22):  # two releases of each of eleven companies, in no particular order
        name = f"Company {i % 11:02d} Holdings, Inc."
        write(tmp_path, f"r{(i * 7) % 22:02d}.txt", release(name, QUARTER_ONLY, rows, 2010 + i // 11))
    streamed = runner.invoke(app, ["analyze", str(tmp_path), "--format", fmt, "-q"])
    monkeypatch.setattr(cli, "STREAM_FROM", 10**9)
    at_once = runner.invoke(app, ["analyze", str(tmp_path), "--format", fmt, "-q"])
    assert streamed.exit_code == at_once.exit_code == 0
    assert streamed.stdout == at_once.stdout and streamed.stdout.count("Company 00 Holdings") > 10


def test_a_sparkline_runs_lowest_to_highest_with_gaps():
    from decimal import Decimal as D

    from fusion_cli.views import sparkline

    assert sparkline([D(1), D(5), None, D(9)]) == "▁▅ █"
    assert sparkline([D(3), D(3)]) == "▄▄" and sparkline([D(1), None]) == ""


def test_what_moved_leads_the_summary():
    from fusion_cli.views import what_moved

    lines = what_moved(fusion_cli.analyze([Q3, Q1]))
    assert lines[0] == "Fusion Telecommunications International, Inc. — what moved, Q1 2011 against a year before"
    assert lines[1] == "  Loss per common share narrowed 50.0%; Net loss narrowed 20.5%; EBITDA narrowed 19.3%"
    assert lines[3] == "  bridges that do not foot in Q3 2008, Q3 2009: see fusion check"


def test_colour_follows_meaning_not_sign():
    from decimal import Decimal as D

    from fusion_cli.views import _tone

    assert _tone(D(5), "revenue") == "pos" and _tone(D(5), "cost_of_revenue") == "neg"
    assert _tone(D(-5), "operating_expenses") == "pos" and _tone(D(-5), "gross_margin") == "neg"
    assert _tone(D(20), "net_income", "narrowed") == "pos" and _tone(D(-20), "net_income", "widened") == "neg"
    assert _tone(D(0), "revenue") == "" and _tone(None, "revenue") == ""


def test_the_workbook_has_trend_charts_and_a_waterfall_per_bridge(tmp_path):
    import zipfile

    target = tmp_path / "analysis.xlsx"
    assert runner.invoke(app, ["analyze", Q3, Q1, "-o", str(target), "-q"]).exit_code == 0
    with zipfile.ZipFile(target) as book:
        charts = sorted(n for n in book.namelist() if n.startswith("xl/charts/chart"))
        xml = [book.read(n).decode() for n in charts]
    assert len(charts) == 3  # revenue, margins, and the bridge of Q1 2011 (to EBITDA, then Adjusted EBITDA)
    assert "<c:lineChart>" in xml[0] and "Revenue" in xml[0] and "statements!" in xml[0]
    assert "<c:lineChart>" in xml[1] and "Gross margin" in "".join(xml)
    assert all('<c:grouping val="stacked"/>' in x for x in xml[2:]) and "Adjusted EBITDA (Q1 2011)" in "".join(xml)


def test_wide_csv_columns_are_in_period_order():
    header = invoke(Q1, Q3, "--format", "csv", "--wide", "-q").stdout.splitlines()[0].split(",")
    assert header[6:] == ["Q3 2008", "Q4 2008", "Q3 2009", "Q1 2010", "Q4 2010", "Q1 2011"]
