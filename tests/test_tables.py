"""Each layout real releases use, extracted from small inline documents and the two EDGAR/HTML fixtures."""
from decimal import Decimal as D

from conftest import facts_by

from fusion_cli.extract import extract_bytes, extract_path


def run(text: str, name: str = "r.txt"):
    return extract_bytes(name, text.encode())


TAB = """ACME Corp. and Subsidiaries
Consolidated Statements of Operations

\tThree Months En\tnded June 30,
\t2012\t2011
Revenues\t$ 1,500\t$ 1,200
Cost of revenues\t900\t800
Gross profit\t600\t400
Net loss\t$ (50)\t$ (75)
"""


def test_tab_layout():
    facts = run(TAB).facts
    assert facts_by(facts, "Revenues", "2012-06-30", 3) == [D(1500)]
    assert facts_by(facts, "Net loss", "2011-06-30", 3) == [D(-75)]
    assert {f.concept for f in facts} == {"revenue", "cost_of_revenue", "gross_profit", "net_income"}
    assert facts[0].line == 6 and facts[0].as_printed == "$ 1,500"


PIPE = """CONSOLIDATED BALANCE SHEET

|  | June 30, 2012 | December 31, 2011 |
|--|---------------|-------------------|
| Cash | \\$100 | \\$90 |
| Accounts receivable,<br>net of allowance | 50 | - |
|  | ----- | ----- |
| Total current assets | 150 | 90 |

|   |    |    |
|---|----|----|
| TOTAL ASSETS | <u>\\$150</u> | <u>\\$90</u> |
|   | ===== | ===== |
"""


def test_pipe_layout_with_wrapped_labels_rules_and_a_split_table():
    result = run(PIPE, "r.md")
    facts = result.facts
    assert facts_by(facts, "Accounts receivable, net of allowance", "2011-12-31", 0) == [D(0)]
    assert facts_by(facts, "TOTAL ASSETS", "2012-06-30", 0) == [D(150)]
    assert {f.statement for f in facts} == {"balance"}
    assert len(facts) == 8


def test_fixed_width_edgar_submission(fixtures):
    result = extract_path(fixtures / "edgar-8k-ex99.txt")
    facts = result.facts
    assert result.company == "Acme Widget Corporation"
    assert facts_by(facts, "Net sales", "1998-03-31", 3) == [D(12345000)]
    assert facts_by(facts, "Selling, general and administrative expenses", "1997-03-31", 3) == [D(2210000)]
    # a row with a blank first column is placed by position, its Change column dropped
    assert facts_by(facts, "Restructuring charge", "1997-03-31", 3) == [D(450000)]
    assert facts_by(facts, "Restructuring charge", "1998-03-31", 3) == []
    assert [f.value for f in facts if f.concept == "eps_diluted"] == [D("0.14"), D("0.03")]
    assert [f.value for f in facts if f.concept == "shares_basic"] == [D(4907000), D(4667000)]
    assert facts_by(facts, "Total liabilities and stockholders' equity", "1997-12-31", 0) == [D(21901000)]
    assert not any(f.value in (D(1358000), D("12.4")) for f in facts)  # change columns are not periods
    assert {f.scale for f in facts if f.unit == "USD"} == {"thousands"}
    assert len(facts) == 21 + 4 + 4 + 20  # income, EPS, shares, balance sheet


def test_workiva_html(fixtures):
    result = extract_path(fixtures / "workiva-ex991.htm")
    facts = result.facts
    assert result.company == "Acme Cloud, Inc."
    assert facts_by(facts, "Revenue", "2023-09-30", 9) == [D(118765000)]
    assert facts_by(facts, "Income (loss) from operations", "2023-09-30", 3) == [D(-2316000)]
    assert facts_by(facts, "Restructuring", "2024-09-30", 3) == [D(0)]
    assert facts_by(facts, "Restructuring", "2024-09-30", 9) == []  # an empty cell is not a number
    assert facts_by(facts, "Restructuring", "2023-09-30", 9) == [D(1250000)]
    assert facts_by(facts, "Provision for income taxes", "2024-09-30", 3) == [D(0)]
    eps = [(f.period_end, f.period_months, f.value) for f in facts if f.concept == "eps_basic"]
    assert eps[1] == ("2023-09-30", 3, D("-0.06"))
    assert facts_by(facts, "Total liabilities and stockholders’ equity", "2023-12-31", 0) == [D(90109000)]
    assert len(facts) == 71 + 22  # 18 rows x 4 periods less one empty cell, 11 rows x 2 dates


FLAT = """Balance Sheet

\tMarch 31, 2012\tDecember 31, 2011
Total current liabilities\t1,000\t900
TOTAL ASSETS\t$ 1,500\t$ 1,400

Long-term liabilities: 20 Other long-term liabilities 30 Total long-term liabilities 20 30 Stockholders' equity: 100 110 Common stock Retained earnings 380 460 Total stockholders' equity 480 570 TOTAL LIABILITIES AND STOCKHOLDERS' EQUITY $ 1,500 $ 1,400
"""


def test_flattened_paragraph_is_realigned_and_confirmed():
    result = run(FLAT)
    facts = result.facts
    assert facts_by(facts, "Other long-term liabilities", "2012-03-31", 0) == [D(20)]
    assert facts_by(facts, "Retained earnings", "2011-12-31", 0) == [D(460)]
    assert facts_by(facts, "Total stockholders' equity", "2012-03-31", 0) == [D(480)]
    assert all(f.line == 7 for f in facts if f.label == "Common stock")
    assert any("realigned" in f.message for f in result.findings)


def test_flattened_paragraph_that_does_not_foot_gives_nothing():
    result = run(FLAT.replace("380 460", "381 460"))
    assert not [f for f in result.facts if f.line == 7]
    assert any("not aligned" in f.message for f in result.findings)


def test_section_context_tells_eps_from_share_counts():
    text = TAB + "Basic and diluted loss per common share:\t\t\nLoss per common share\t$ (0.01)\t$ (0.02)\n" \
                 "Weighted average common shares outstanding:\t\t\nBasic and diluted\t5,000,000\t4,000,000\n"
    facts = run(text).facts
    assert [f.concept for f in facts if f.label == "Loss per common share"] == ["eps_basic", "eps_basic"]
    assert [(f.concept, f.unit) for f in facts if f.label == "Basic and diluted"][0] == ("shares_basic", "shares")


def test_not_a_release():
    result = run("CERTIFICATE OF DESIGNATION\n\nThe Company is authorized to issue 10,000,000 shares at $0.01 per share.\n")
    assert result.facts == ()
    assert result.findings[-1].message.startswith("no financial statements found")


def test_a_run_streams_the_facts_extract_collects(fixtures):
    from fusion_cli.extract import Run, extract
    from fusion_cli.read import load

    path = fixtures / "edgar-8k-ex99.txt"
    whole = extract(load(path))
    run = Run(load(path), keep_tables=False)
    findings_before = len(run.findings)
    streamed = list(run.facts())
    assert streamed == list(whole.facts) and len(streamed) == 49
    assert run.tables == [] and len(whole.tables) >= 2  # tables are let go as their facts are made
    assert len(run.findings) >= findings_before and tuple(run.findings) == whole.findings
    assert run.company == whole.company and run.prose == whole.prose


def test_a_closed_table_keeps_each_number_as_printed(fixtures):
    from fusion_cli.read import load
    from fusion_cli.tables import find_tables

    tables, _ = find_tables(load(fixtures / "edgar-8k-ex99.txt"))
    row = next(r for t in tables for r in t.rows if r.out)
    assert row.values == [] and row.placed is None  # parsed values are let go when the table closes
    texts = row.out[1::2]
    assert all(isinstance(t, str) for t in texts)
    assert [a.text for _, a in row.amounts()] == list(texts)


def test_a_tables_periods_line_up_with_its_columns():
    from releases import release

    from fusion_cli.extract import extract_bytes

    header = ["\tThree Months Ended March 31,", "\t2011\t2010\t% Change"]
    rows = [("Revenues", "$ 1,100", "$ 1,000", "10.0%"), ("Cost of revenues", "600", "550", "9.1%"),
            ("Gross profit", "500", "450", "11.1%"), ("Net income", "$ 100", "$ 90", "11.1%")]
    extraction = extract_bytes("r.txt", release("Acme Widgets, Inc.", header, rows, 2011).encode())
    [table] = extraction.tables
    assert [p.fiscal if p else None for p in table.periods] == ["Q1 2011", "Q1 2010", None]
    revenue = next(r for r in table.rows if r.label == "Revenues")
    assert [(table.periods[j].fiscal, a.value) for j, a, _line in revenue.values if table.periods[j]] == [
        ("Q1 2011", 1100), ("Q1 2010", 1000)]
