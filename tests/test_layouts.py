"""Layout families read by general rules: round trips from tests/layouts.py and small inline releases."""
from decimal import Decimal as D

import layouts
from conftest import facts_by
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from fusion_cli.extract import extract
from fusion_cli.read import parse_bytes

AMOUNTS = st.integers(-99_999_999, 99_999_999)


def run(text: str, name: str = "r.txt"):
    return extract(parse_bytes(name, text.encode()))


def warnings(extraction) -> str:
    return " ".join(f.message for f in extraction.findings if f.severity == "warning")


# ---- quarter labels ------------------------------------------------------------------------------

@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(year=st.integers(2000, 2030), quarter=st.integers(1, 4),
       values=st.lists(st.lists(AMOUNTS, min_size=3, max_size=3), min_size=1, max_size=4))
def test_quarter_labels_come_back_at_their_quarter_ends(year, quarter, values):
    labels = ["Revenue", "Operating income", "Net income", "Total assets"][:len(values)]
    statement = layouts.quarters(year, quarter, list(zip(labels, values)))
    extraction = run(layouts.quarter_labels(statement), "r.md")
    found = {(f.label, f.period_end, f.period_months): f.value for f in extraction.facts}
    assert found == {(k[0], k[1], k[2]): v for k, v in layouts.expected(statement).items()}
    assert "is not printed; inferred as" in warnings(extraction)  # no date printed: every end is said to be inferred


def test_a_sequential_quarter_in_the_middle():
    statement = layouts.quarters(2025, 1, [("Revenue", [120, 110, 100])])
    facts = run(layouts.quarter_labels(statement), "r.md").facts
    assert [(f.period_end, f.value) for f in facts] == [("2025-03-31", 120), ("2024-12-31", 110), ("2024-03-31", 100)]


# ---- a block of labels, then blocks of values, proved by their totals ---------------------------------

@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.integers(50_000, 900_000), st.integers(1_000, 40_000), st.integers(1_000, 9_000),
                          st.integers(100, 5_000)), min_size=2, max_size=2, unique_by=(lambda d: d[0], lambda d: d[1], lambda d: d[2], lambda d: d[3])))
def test_label_blocks_come_back_when_their_totals_prove_the_reading(draws):
    """Columns whose numbers differ: only one reading foots (columns alike could be dealt either way, and then
    nothing is taken, as the next test shows for totals that do not foot)."""
    columns = []
    for (revenue, cost, opex, tax), when in zip(draws, ("January 28, 2023", "January 29, 2022")):
        columns.append((when, layouts.footing_income(revenue, revenue - cost * 10, [opex, opex // 2], tax)))
    assume(all(a != b for (_la, a), (_lb, b) in zip(columns[0][1], columns[1][1])))  # every line differs between columns
    facts = run(layouts.label_blocks(columns)).facts
    for when, rows in columns:
        end = {"January 28, 2023": "2023-01-28", "January 29, 2022": "2022-01-29"}[when]
        for label, value in rows:
            assert facts_by(facts, label, end, 3) == [D(value) * 1000], (label, end)


def test_label_blocks_whose_totals_do_not_foot_give_nothing_and_say_so():
    good = layouts.footing_income(500_000, 300_000, [50_000, 20_000], 30_000)
    broken = [(label, value + 7 if label == "Net income" else value) for label, value in good]
    other = [(label, value + 13 if label in ("Gross profit", "Operating income") else value) for label, value in good]
    extraction = run(layouts.label_blocks([("January 28, 2023", broken), ("January 29, 2022", other)]))
    assert extraction.facts == ()
    assert "no reading proves by its totals; not read" in " ".join(f.message for f in extraction.findings)


# ---- one cell per line, values first, repeated captions ------------------------------------------

def test_a_header_and_rows_printed_one_cell_per_line():
    text = "\n".join(["Acme Corp. Reports Results", "", "Acme Corp.", "INCOME STATEMENTS", "(In millions)", "Three Months Ended",
                      "June 30,", "Twelve Months Ended", "June 30,", "2024", "2023", "2024", "2023", "Revenue:", "Product",
                      "$13,217", "$16,853", "$64,773", "$64,699", "Accounts receivable, net of allowance of", "$830", "and $650",
                      "56,924", "48,688", "48,000", "47,000", "Net income", "$22,036", "$20,081", "$88,136", "$72,361"])
    facts = run(text, "r.md").facts
    assert facts_by(facts, "Product", "2023-06-30", 12) == [D(64_699_000_000)]
    assert facts_by(facts, "Accounts receivable, net of allowance of $830 and $650", "2024-06-30", 3) == [D(56_924_000_000)]
    assert facts_by(facts, "Net income", "2024-06-30", 12) == [D(88_136_000_000)]


def test_a_caption_repeated_in_every_cell_spans_its_own_columns():
    text = ("Acme Corp.\nConsolidated Statements of Operations\n"
            "| EUR million | Oct-Dec | Oct-Dec | Jan-Dec | Jan-Dec |\n| --- | --- | --- | --- | --- |\n| 2024 | 2023 | 2024 | 2023 |\n"
            "| Revenue | 723.7 | 808.8 | 2,948.1 | 3,383.7 |\n| Net profit for the period | 51.1 | -27.1 | 262.7 | 211.3 |\n")
    facts = run(text, "r.md").facts
    assert facts_by(facts, "Revenue", "2024-12-31", 3) == [D("723700000.0")]
    assert facts_by(facts, "Revenue", "2023-12-31", 12) == [D("3383700000.0")]
    assert facts_by(facts, "Net profit for the period", "2023-12-31", 3) == [D("-27100000.0")]


# ---- columns that are not periods --------------------------------------------------------------------

MEMBERS = """Acme Corp.
Reconciliation of GAAP to Non-GAAP Measures
(in millions)
| | Three Months Ended May 31, 2014 | | | Three Months Ended May 31, 2013 | | |
| --- | --- | --- | --- | --- | --- | --- |
| | GAAP | Adj. | Non-GAAP | GAAP | Adj. | Non-GAAP |
| Total revenues | 11,320 | 6 | 11,326 | 10,947 | 14 | 10,961 |
| Net income | 3,653 | 650 | 4,303 | 3,575 | 525 | 4,100 |
"""


def test_member_columns_keep_their_member_and_period():
    facts = run(MEMBERS, "r.md").facts
    got = {(f.label, f.period_end, f.member): f.value for f in facts}
    assert got[("Net income", "2014-05-31", "GAAP")] == 3_653_000_000
    assert got[("Net income", "2014-05-31", "Adj.")] == 650_000_000
    assert got[("Net income", "2013-05-31", "Non-GAAP")] == 4_100_000_000
    concepts = {(f.label, f.member): f.concept for f in facts}
    assert concepts[("Net income", "GAAP")] == "net_income" and concepts[("Net income", "Non-GAAP")] == "adjusted_net_income"
    assert concepts[("Net income", "Adj.")] is None  # the adjustment is no line item


BRIDGE = """Acme Corp.
Consolidated Results of Operations
(Millions of dollars)
| Sales and Revenues by Segment | First Quarter 2021 | Sales Volume | Price Realization | Currency | First Quarter 2022 | $ Change | % Change |
| --- | --- | --- | --- | --- | --- | --- | --- |
| Construction Industries | $ 5,459 | $ 325 | $ 421 | $ (101) | $ 6,115 | $ 656 | 12% |
| Resource Industries | 2,178 | 426 | 202 | (1) | 2,830 | 652 | 30% |
"""


def test_a_bridge_keeps_only_its_two_periods():
    facts = run(BRIDGE, "r.md").facts
    assert {(f.label, f.period_end, f.period_months, f.value) for f in facts} == {
        ("Construction Industries", "2021-03-31", 3, 5_459_000_000), ("Construction Industries", "2022-03-31", 3, 6_115_000_000),
        ("Resource Industries", "2021-03-31", 3, 2_178_000_000), ("Resource Industries", "2022-03-31", 3, 2_830_000_000)}


TRANSPOSED = """Acme Corp.
Reconciliation of adjusted results
| (Dollars in millions except per share data) | Operating Profit | Operating Profit Margin | Profit | Profit per Share |
| --- | --- | --- | --- | --- |
| Three Months Ended March 31, 2022 - U.S. GAAP | $ 1,855 | 13.7 % | $ 1,537 | $ 2.86 |
| Restructuring costs | 13 | 0.1 % | 11 | $ 0.02 |
| Three Months Ended March 31, 2022 - Adjusted | $ 1,868 | 13.8 % | $ 1,548 | $ 2.88 |
"""


def test_a_transposed_table_reads_periods_from_its_rows():
    facts = run(TRANSPOSED, "r.md").facts
    got = {(f.label, f.member): (f.period_end, f.period_months, f.value) for f in facts}
    assert got[("Operating Profit", "U.S. GAAP")] == ("2022-03-31", 3, 1_855_000_000)
    assert got[("Operating Profit", "Adjusted")] == ("2022-03-31", 3, 1_868_000_000)
    assert got[("Restructuring costs", "Operating Profit")] == ("2022-03-31", 3, 13_000_000)
    assert got[("Profit per Share", "Adjusted")] == ("2022-03-31", 3, D("2.88"))  # per share: never scaled


# ---- points in time inside tables of flows ----------------------------------------------------------

CASH = """Acme Corp.
Condensed Consolidated Statements of Cash Flows
(in thousands)
| | Three Months Ended March 31, | |
| --- | --- | --- |
| | 2022 | 2021 |
| Net cash provided by operating activities | 1,200 | 900 |
| Cash and cash equivalents at beginning of period | 9,263 | 9,366 |
| Cash and cash equivalents at end of period | 6,532 | 11,351 |
"""


def test_cash_at_the_ends_of_a_period_is_a_balance_at_each_end():
    extraction = run(CASH, "r.md")
    got = {(f.label[:28], f.period_end, f.period_months): f.value for f in extraction.facts}
    assert got[("Cash and cash equivalents at", "2021-12-31", 0)] == 9_263_000  # the end of the quarter before
    assert got[("Cash and cash equivalents at", "2022-03-31", 0)] == 6_532_000
    assert got[("Net cash provided by operati", "2022-03-31", 3)] == 1_200_000
    assert "is a balance at the start of the period" in warnings(extraction)  # no date printed for it: said so


# ---- documents that are not releases --------------------------------------------------------------

@settings(max_examples=25, deadline=None)
@given(month=st.sampled_from(["January", "April", "July", "October"]), day=st.integers(1, 28), year=st.integers(2000, 2030),
       file=st.integers(10000, 99999), zip_code=st.integers(10000, 99999))
def test_8k_covers_are_refused(month, day, year, file, zip_code):
    text = layouts.COVER.format(month=month, day=day, year=year, company="Acme Widget Corp.", file=file, ein=file * 10 + 1,
                                zip=zip_code)
    extraction = run(text)
    assert extraction.facts == ()
    assert [f.severity for f in extraction.findings] == ["error"] and "no financial statements found" in extraction.findings[0].message


def test_an_announcement_with_a_table_of_highlights_is_refused():
    text = ("Acme Corp. to Acquire Widget Holdings for $1.2 Billion\n\nAcme Corp. today announced that it has entered into a "
            "definitive agreement to acquire Widget Holdings, Inc. for $1.2 billion in cash.\n\nTransaction highlights\n"
            "                                   2023          2022\nWidget Holdings revenue        $   410.2     $  380.1\n"
            "Expected synergies                  35.0         --\n")
    extraction = run(text)
    assert extraction.facts == () and "not a release" in extraction.findings[-1].message


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(AMOUNTS, min_size=6, max_size=6), min_size=1, max_size=4), st.sampled_from(["pipe", "html"]))
def test_member_columns_round_trip(rows, layout):
    labels = ["Revenue", "Operating income", "Net income", "Diluted EPS basis"][:len(rows)]
    members = ["GAAP", "Adj.", "Non-GAAP"]

    def cell(v):
        return f"({-v:,})" if v < 0 else f"{v:,}"

    if layout == "pipe":
        lines = ["Acme Corp.", "Reconciliation of GAAP to Non-GAAP Measures",
                 "| | Three Months Ended May 31, 2014 | | | Three Months Ended May 31, 2013 | | |", "|" + "---|" * 7,
                 "| | " + " | ".join(members * 2) + " |"]
        lines += ["| " + label + " | " + " | ".join(cell(v) for v in values) + " |" for label, values in zip(labels, rows)]
        text, name = "\n".join(lines) + "\n", "r.md"
    else:
        head = ("<tr><td></td><td colspan=3>Three Months Ended May 31, 2014</td><td colspan=3>Three Months Ended May 31, 2013</td></tr>"
                "<tr><td></td>" + "".join(f"<td>{m}</td>" for m in members * 2) + "</tr>")
        body = "".join("<tr><td>" + label + "</td>" + "".join(f"<td>{cell(v)}</td>" for v in values) + "</tr>"
                       for label, values in zip(labels, rows))
        text, name = f"<p>Acme Corp.</p><p>Reconciliation of GAAP to Non-GAAP Measures</p><table>{head}{body}</table>", "r.htm"
    facts = run(text, name).facts
    got = {(f.label, f.period_end, f.member): f.value for f in facts}
    expected = {(label, end, member): D(v) for label, values in zip(labels, rows)
                for (end, member), v in zip([(e, m) for e in ("2014-05-31", "2013-05-31") for m in members], values)}
    assert got == expected


def test_labels_in_the_second_or_third_cell():
    text = ("Acme Corp.\nConsolidated Statements of Operations\n| | | | Three Months Ended March 31, | |\n|---|---|---|---|---|\n"
            "| | | | 2024 | 2023 |\n| | Revenue | | 1,200 | 1,000 |\n| | | Cost of revenue | (700) | (600) |\n")
    facts = run(text, "r.md").facts
    assert facts_by(facts, "Revenue", "2023-03-31", 3) == [D(1000)]
    assert facts_by(facts, "Cost of revenue", "2024-03-31", 3) == [D(-700)]


def test_a_label_block_reading_its_balance_refutes_proves_nothing():
    """Sums of rows that happen to match prove nothing when the reading's total assets differ from its total
    liabilities and equity (a scrambled balance sheet had been read with two coincidences per column)."""
    from decimal import Decimal

    from fusion_cli.blocks import _proofs

    labels = ["Cash", "Receivables", "Total current assets", "Goodwill", "Total assets", "Payables", "Equity",
              "Total liabilities and equity"]
    right = [Decimal(v) for v in (10, 5, 15, 20, 35, 12, 23, 35)]
    assert _proofs(labels, right) == 4  # the three subtotals, and assets = liabilities and equity
    wrong = [Decimal(v) for v in (10, 5, 15, 20, 35, 12, 23, 34)]
    assert _proofs(labels, wrong) == 0


_MEMBERS = """Example Corp.
SEGMENT RESULTS
(in millions)
                                    Three Months Ended                   Three Months Ended
                                      March 31, 2024                       March 31, 2023
                              Domestic    Foreign    Total       Domestic    Foreign    Total
Revenue                       $    800    $   200    $ 1,000     $    700    $   150    $   850
Cost of revenue                    500        120        620          450        100        550
Gross profit                       300         80        380          250         50        300
"""

_STACKED = """Example Corp.
RECONCILIATION
(in thousands)
                      Quarter Ended March 31, 2024
                                                        Quarter
                              Impact from               Ended       % Change,    % Change,
                      As          Foreign      Constant   March          As         Constant
                   Reported     Currency       Currency  31, 2023     Reported      Currency
Net sales          $ 888,469   $   (9,241)     $ 897,710  $850,283      4.5%         5.6%
Gross profit         390,271       (3,078)       393,349   341,593     14.3         15.2
"""


def test_a_line_naming_the_same_members_under_each_period_is_the_columns_members():
    got = {(f.label, f.period_end, f.member): f.value for f in run(_MEMBERS, "segments.txt").facts}
    assert got[("Revenue", "2024-03-31", "Domestic")] == 800_000_000
    assert got[("Revenue", "2023-03-31", "Foreign")] == 150_000_000
    assert got[("Gross profit", "2023-03-31", "")] == 300_000_000  # `Total`: the ordinary column


def test_captions_stacked_over_lines_are_no_members_and_no_period_is_guessed_from_them():
    facts = run(_STACKED, "stacked.txt").facts
    assert not any(f.member in ("As", "Foreign") for f in facts)  # the stacked line is no row of members
    # no currency impact, constant-currency figure or percent change is read as an ordinary quarter's sales
    assert not any(f.label == "Net sales" and f.member == "" and f.value in (D(-9_241_000), D(897_710_000), D("4.5"))
                   for f in facts)


def test_day_first_dates_and_two_quarters_date_their_columns():
    text = """Example SE
CONSOLIDATED BALANCE SHEET
(In millions of euros)
                               30th June 2026      31st December 2025
Goodwill                              2,894.5               2,865.1
Total assets                         14,172.3              14,245.3

CONSOLIDATED INCOME STATEMENT
(in thousands)
                              Quarter Ended             Two Quarters Ended
                           June 28,     June 29,      June 28,     June 29,
                             2026         2025          2026         2025
Net revenues               $ 400,000    $ 380,000     $ 790,000    $ 760,000
Net income                    10,000        9,000        18,000       17,000
"""
    got = {(f.label, f.period_end, f.period_months): f.value for f in run(text, "eu.txt").facts}
    assert got[("Total assets", "2025-12-31", 0)] == D("14245300000.0")
    assert got[("Goodwill", "2026-06-30", 0)] == D("2894500000.0")
    assert got[("Net revenues", "2026-06-28", 6)] == 790_000_000  # 26 weeks: six months, not a quarter
    assert got[("Net income", "2025-06-29", 3)] == 9_000_000


def test_shares_in_parentheses_and_dates_ending_a_sentence():
    from fusion_cli.amounts import detect_scale

    assert detect_scale("(in millions, except shares (thousands) and per share data)").shares_scale == "thousands"
    from fusion_cli.model import Line
    from fusion_cli.rows import row_values

    assert row_values(Line(1, "reflecting the quarters ended June 30, 2025 and 2026"))[1] == []
    assert row_values(Line(1, "General Meeting of Shareholders : May 27, 2025"))[1] == []
    assert [v.amount.value for v in row_values(Line(1, "Revenue     2,025     1,900"))[1]] == [2025, 1900]


def test_a_sentence_on_shares_ends_a_table_and_a_record_date_row_is_no_header():
    text = """Example Inc.
CONSOLIDATED STATEMENTS OF INCOME
(in thousands)
                                   Three Months Ended
                                 June 30,      June 30,
                                   2024          2023
Revenue                          $ 12,345      $ 11,000
Net income                          2,100         1,900
Dividends payable to holders of record     July 15, 2024   July 14, 2023
Diluted earnings per share       $   0.45      $   0.35

As of June 30, 2024, the Company had 120,000,000 shares issued and outstanding.

                                     Low          High
Revenue                            50,000       52,000
Net income                          2,000        2,400
"""
    got = {(f.label, f.period_end): f.value for f in run(text, "prose.txt").facts}
    assert got[("Diluted earnings per share", "2024-06-30")] == D("0.45")  # still the quarter's, under the same header
    assert got[("Revenue", "2024-06-30")] == 12_345_000
    assert 50_000_000 not in got.values() and 52_000_000 not in got.values()  # the guidance range is no quarter


def test_a_column_header_repeated_at_page_tops_is_kept():
    from fusion_cli import pdf

    pages = [(n, [(1, "                 Three Months Ended"), (2, "                   2024       2023"),
                  (3, f"Line {n}          {n},000      {n},100"), (4, f"                   {n}")]) for n in (1, 2, 3)]
    kept = pdf.drop_furniture(pages)
    assert [[i for i, _t in lines] for _p, lines in kept] == [[1, 2, 3], [1, 2, 3], [1, 2, 3]]


def test_a_period_over_the_label_column_captions_the_segment_columns():
    html = """<html><body><p>Example Group Limited</p><p>FINANCIAL INFORMATION BY OPERATING SEGMENT</p>
<table>
<tr><th rowspan="2">6 months to 30 June 2022</th><th>Food $'000</th><th>Banking $'000</th><th>Group $'000</th></tr>
<tr><th>REVENUE</th><th></th><th></th></tr>
<tr><td>Total revenue</td><td>3,000</td><td>1,000</td><td>4,000</td></tr>
<tr><td>Profit before taxation</td><td>300</td><td>100</td><td>400</td></tr>
</table></body></html>"""
    facts = run(html, "segments.htm").facts
    got = {(f.label, f.member): (f.period_end, f.period_months, f.value) for f in facts}
    assert got[("Profit before taxation", "Food")] == ("2022-06-30", 6, 300)
    assert not any(f.member == "" and f.value == 300 for f in facts)  # no segment's figure as an ordinary column's


def test_a_month_over_a_date_split_across_header_lines_is_no_caption():
    from fusion_cli.model import Line
    from fusion_cli.periods import header_line

    line = Line(1, "                    December    December    December   December 30,")
    blanked = header_line(line)
    assert blanked is None or blanked.text.split()[0] == "December" and blanked.text.count("December") == 4
    assert header_line(Line(1, "Domestic Segment Results          July 29, 2023      July 30, 2022")) is not None
