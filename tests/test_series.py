"""Series: one line per item across releases, periods relabelled, restatements kept, quarters derived."""
from decimal import Decimal
from decimal import Decimal as D

from releases import QUARTER_AND_YTD, QUARTER_ONLY, YEAR_ONLY, release

from fusion_cli.extract import extract_bytes
from fusion_cli.model import ItemKey
from fusion_cli.series import build_series, company_key, label_text, merge_orders

REVENUE = ItemKey.of_concept("income", "USD", "revenue")


def series_of(*texts, mapping=None, company=None):
    extractions = [extract_bytes(f"r{i}.txt", t.encode()) for i, t in enumerate(texts)]
    all_series, findings = build_series(extractions, mapping, company)
    return all_series, findings


def values(series, key):
    return {p.label: series.values[(key, p)].value for p in series.periods if (key, p) in series.values}


ACME_9M = release("Acme Widgets, Inc.", QUARTER_AND_YTD, [
    ("Revenues", "$ 1,300", "$ 1,000", "$ 3,600", "$ 2,900"),
    ("Cost of revenues", "800", "700", "2,200", "2,000"),
    ("Net income", "$ 150", "$ 80", "$ 380", "$ 300"),
], 2010)
ACME_FY = release("ACME WIDGETS INC", YEAR_ONLY, [
    ("Net revenues", "$ 5,100", "$ 4,000"),
    ("Cost of revenue", "3,100", "2,750"),
    ("Net income", "$ 550", "$ 390"),
], 2010)


def test_company_names_fold_case_punctuation_and_suffix():
    assert company_key("Acme Widgets, Inc.") == company_key("ACME WIDGETS INC") == "acme widgets"


def test_label_text_folds_plural_case_and_ampersand():
    assert label_text("Gains on Settlements of Debt:") == label_text("gain on settlement of debt")
    assert label_text("Accounts payable & accrued expenses") == label_text("Accounts Payable and Accrued Expenses")


def test_fourth_quarter_is_derived_from_year_minus_nine_months():
    [series], _ = series_of(ACME_9M, ACME_FY)
    revenue = values(series, REVENUE)
    assert revenue == {"Q3 2009": 1000, "9M 2009": 2900, "Q4 2009": 1100, "FY 2009": 4000,
                       "Q3 2010": 1300, "9M 2010": 3600, "Q4 2010": 1500, "FY 2010": 5100}
    q4 = next(p for p in series.periods if p.label == "Q4 2010")
    entry = series.values[(REVENUE, q4)]
    assert (entry.basis, entry.source, entry.note) == ("derived", "derived", "FY 2010 - 9M 2010")
    assert str(q4.end) == "2010-12-31" and q4.months == 3


def test_company_wording_latest_release_first():
    [series], _ = series_of(ACME_9M, ACME_FY)
    assert series.item(REVENUE).label == "Net revenues"
    assert series.company == "Acme Widgets, Inc."


def test_restated_value_keeps_the_later_release_and_remembers_the_earlier():
    earlier = release("Acme Widgets, Inc.", QUARTER_ONLY, [("Revenues", "$ 1,000", "$ 900")], 2010)
    later = release("Acme Widgets, Inc.", QUARTER_ONLY, [("Revenues", "$ 1,200", "$ 1,010")], 2011)
    [series], findings = series_of(later, earlier)  # argument order does not matter
    q1_2010 = next(p for p in series.periods if p.label == "Q1 2010")
    entry = series.values[(REVENUE, q1_2010)]
    assert entry.value == 1010 and entry.basis == "restated" and entry.source == "r0.txt:10"
    assert entry.previous == ((Decimal(1000), "r1.txt:10"),)
    assert any("restated" in f.message for f in findings)


def test_same_value_in_two_releases_is_one_value_not_restated():
    earlier = release("Acme Widgets, Inc.", QUARTER_ONLY, [("Revenues", "$ 1,000", "$ 900")], 2010)
    later = release("Acme Widgets, Inc.", QUARTER_ONLY, [("Revenues", "$ 1,200", "$ 1,000")], 2011)
    [series], _ = series_of(earlier, later)
    q1_2010 = next(p for p in series.periods if p.label == "Q1 2010")
    entry = series.values[(REVENUE, q1_2010)]
    assert (entry.value, entry.basis, entry.source) == (1000, "", "r1.txt:10")


def test_two_companies_never_share_lines():
    other = release("Bolt Industries Corp.", QUARTER_ONLY, [("Revenues", "$ 7,000", "$ 6,000")], 2010)
    all_series, _ = series_of(ACME_9M, other)
    assert [s.company for s in all_series] == ["Acme Widgets, Inc.", "Bolt Industries Corp."]
    assert values(all_series[1], REVENUE) == {"Q1 2009": 6000, "Q1 2010": 7000}


def test_related_and_non_related_lines_stay_apart():
    q1 = release("Acme Widgets, Inc.", QUARTER_ONLY, [
        ("Promissory notes payable - non-related parties", "100", "90"),
        ("Promissory notes payable - related parties", "200", "180")], 2011, title="Consolidated Balance Sheet")
    q2 = release("Acme Widgets, Inc.", QUARTER_ONLY, [
        ("Long-term debt, current portion-related parties", "300", "250")], 2012, title="Consolidated Balance Sheet")
    [series], _ = series_of(q1, q2)
    labels = sorted(i.label for i in series.items)
    assert labels == ["Long-term debt, current portion-related parties", "Promissory notes payable - non-related parties",
                      "Promissory notes payable - related parties"]


def test_a_misspelled_line_joins_its_earlier_wording_and_says_so():
    q1 = release("Acme Widgets, Inc.", QUARTER_ONLY, [("Revenues", "$ 1,000", "$ 900"), ("Warranty provisions", "12", "10")], 2010)
    q2 = release("Acme Widgets, Inc.", QUARTER_ONLY, [("Revenues", "$ 1,100", "$ 1,000"), ("Warrenty provisions", "14", "12")], 2011)
    [series], findings = series_of(q1, q2)
    warranty = [i for i in series.items if "provision" in i.label]
    assert len(warranty) == 1 and warranty[0].label == "Warrenty provisions"
    assert values(series, warranty[0].key) == {"Q1 2009": 10, "Q1 2010": 12, "Q1 2011": 14}
    assert any("same line" in f.message for f in findings)


def test_user_map_joins_lines_the_tool_keeps_apart():
    q1 = release("Acme Widgets, Inc.", QUARTER_ONLY, [("Revenues", "$ 1,000", "$ 900"), ("Escrow payable", "5", "4")], 2010)
    q2 = release("Acme Widgets, Inc.", QUARTER_ONLY, [("Revenues", "$ 1,100", "$ 1,000"), ("Amounts held in escrow", "6", "3")], 2011)
    [apart], _ = series_of(q1, q2)
    assert len(apart.items) == 3  # different wording, different amounts for the period both print: two lines
    [joined], _ = series_of(q1, q2, mapping={"Amounts held in escrow": "Escrow payable"})
    escrow = [i for i in joined.items if "escrow" in i.label.lower()]
    assert len(escrow) == 1 and values(joined, escrow[0].key) == {"Q1 2009": 4, "Q1 2010": 3, "Q1 2011": 6}


def test_a_reworded_line_with_the_same_amounts_is_joined_and_reported():
    q1 = release("Acme Widgets, Inc.", QUARTER_ONLY, [("Revenues", "$ 1,000", "$ 900"), ("Escrow payable", "5", "4")], 2010)
    q2 = release("Acme Widgets, Inc.", QUARTER_ONLY, [("Revenues", "$ 1,100", "$ 1,000"), ("Amounts held in escrow", "6", "5")], 2011)
    [series], findings = series_of(q1, q2)
    escrow = [i for i in series.items if "escrow" in i.label.lower()]
    assert len(escrow) == 1 and values(series, escrow[0].key) == {"Q1 2009": 4, "Q1 2010": 5, "Q1 2011": 6}
    assert any("'Escrow payable' read as the same line as 'Amounts held in escrow' (reworded" in f.message for f in findings)


def test_user_map_to_a_concept_wins_over_the_vocabulary():
    q1 = release("Acme Widgets, Inc.", QUARTER_ONLY, [("Net turnover from operations", "$ 1,000", "$ 900")], 2010)
    [series], _ = series_of(q1, mapping={"Net turnover from operations": "revenue"})
    assert values(series, REVENUE) == {"Q1 2009": 900, "Q1 2010": 1000}


def test_periods_without_a_length_are_left_out_and_reported():
    text = release("Acme Widgets, Inc.", ["\t2010\t2009"], [("Revenues", "$ 1,000", "$ 900")], 2010)
    all_series, findings = series_of(text)
    assert [(s.company, s.values, s.periods) for s in all_series] == [("Acme Widgets, Inc.", {}, ())]
    assert [f.message for f in findings] == ["2 values in columns without a period length or end date are left out of the analysis"]


def test_merge_orders_places_new_lines_after_their_predecessor():
    assert merge_orders([["a", "b", "d"], ["a", "c", "d"], ["x", "a"]]) == ["x", "a", "b", "c", "d"]


# ---- stock splits and renamed lines (invented series) ----------------------------------------------

def _series_of(tmp_path, texts):
    from releases import write

    from fusion_cli.analysis import analyze

    return analyze([write(tmp_path, f"r{i}.txt", text) for i, text in enumerate(texts)])


def test_a_four_for_one_split_keeps_changes_on_one_basis(tmp_path):
    from releases import QUARTER_ONLY, release

    def rows(revenue, eps_now, eps_before):
        return [("Revenue", f"{revenue:,}", f"{revenue - 100:,}"), ("Net income", "400", "300"),
                ("Diluted earnings per share", eps_now, eps_before), ("Diluted weighted average shares", "1,000", "1,000")]

    first = release("Acme Corp.", QUARTER_ONLY, rows(1000, "4.00", "3.00"), 2024)  # Q1 2024 and Q1 2023, before the split
    second = release("Acme Corp.", QUARTER_ONLY, [("Revenue", "1,300", "1,000"), ("Net income", "500", "400"),
                                                   ("Diluted earnings per share", "1.25", "1.00"),
                                                   ("Diluted weighted average shares", "4,000", "4,000")], 2025)
    result = _series_of(tmp_path, [first, second])
    eps = {(p.period, p.basis): p.value for p in result.points if p.section == "income" and p.concept == "eps_diluted"}
    assert eps == {("Q1 2023", "pre-split"): D("3.00"), ("Q1 2024", "restated"): D("1.00"), ("Q1 2025", ""): D("1.25")}
    yoy = {p.period: p.value for p in result.points if p.section == "change" and p.concept == "eps_diluted"
           and p.basis == "yoy" and p.unit == "%"}
    assert yoy == {"Q1 2024": D("33.33"), "Q1 2025": D("25.00")}  # 4.00 against 3.00 (one basis), 1.25 against 1.00
    assert any("4-for-1 stock split" in f.message for f in result.findings)


def test_a_renamed_line_is_not_a_restatement(tmp_path):
    from releases import QUARTER_ONLY, release

    first = release("Acme Corp.", QUARTER_ONLY, [("Revenue", "1,000", "900"), ("Interest income", "20", "10"),
                                                  ("Other, net", "5", "4"), ("Other income (expense), net", "25", "14"),
                                                  ("Net income", "300", "200")], 2024)
    second = release("Acme Corp.", QUARTER_ONLY, [("Revenue", "1,100", "1,000"), ("Interest income", "30", "20"),
                                                   ("Other income (expense), net", "6", "5"),
                                                   ("Total other income (expense), net", "36", "25"),
                                                   ("Net income", "350", "300")], 2025)
    result = _series_of(tmp_path, [first, second])
    assert not [p for p in result.points if p.basis == "restated"]
    assert not [f for f in result.findings if "restated to" in f.message]


def test_an_outlook_table_makes_no_periods_and_restates_nothing(tmp_path):
    from releases import write

    from fusion_cli.analysis import analyze

    outlook = ("\n\nOutlook for the second quarter\n\n\tThree Months Ending June 30,\n\t2011\n"
               "Revenues\t1,200\nGross margin\t70.6%\n")
    q1 = release("Acme Widgets, Inc.", QUARTER_ONLY, [("Revenues", "$ 1,000", "$ 900"), ("Net income", "50", "40")], 2011,
                 more=outlook)
    result = analyze([write(tmp_path, "q1.txt", q1)])
    assert {p.period for p in result.points if p.section == "income"} == {"Q1 2010", "Q1 2011"}
    assert any("outlook or guidance" in f.message for f in result.findings)


def test_stacked_year_to_date_headers_give_each_period_its_own_column(tmp_path):
    from releases import write

    from fusion_cli.analysis import analyze

    header = ["\tThree Months Ended\t\tNine Months Ended", "\tSeptember 30,\t\tSeptember 30,", "\t{y}\t{p}\t{y}\t{p}"]
    rows = [("Revenues", "$ 1,000", "$ 900", "$ 2,900", "$ 2,600"), ("Net income", "100", "90", "280", "250")]
    result = analyze([write(tmp_path, "q3.txt", release("Acme Widgets, Inc.", header, rows, 2011))])
    revenue = {p.period: p.value for p in result.points if p.section == "income" and p.concept == "revenue" and not p.basis}
    assert revenue == {"Q3 2010": 900, "Q3 2011": 1000, "9M 2010": 2600, "9M 2011": 2900}
    yoy = [p for p in result.points if p.section == "change" and p.concept == "revenue" and p.unit == "%" and p.period == "Q3 2011"]
    assert [p.value for p in yoy] == [D("11.11")]  # one YoY for the quarter, none mixing in the nine months


def test_a_restated_balance_sheet_and_point_in_time_rows_under_year_to_date_columns(tmp_path):
    from releases import write

    from fusion_cli.analysis import analyze

    def balance(year, cash, cash_before):
        return release("Acme Widgets, Inc.", ["\tDecember 31,", "\t{y}\t{p}"],
                       [("Cash and cash equivalents", cash, cash_before), ("Total assets", "5,000", "4,000")], year,
                       title="Consolidated Balance Sheets")

    flows = release("Acme Widgets, Inc.", ["\tYear Ended December 31,", "\t{y}\t{p}"],
                    [("Net cash provided by operating activities", "700", "600"),
                     ("Cash and cash equivalents at beginning of period", "400", "300"),
                     ("Cash and cash equivalents at end of period", "500", "400")], 2011, title="Consolidated Statements of Cash Flows")
    paths = [write(tmp_path, "a.txt", balance(2010, "410", "300")), write(tmp_path, "b.txt", balance(2011, "500", "400") + flows)]
    result = analyze(paths)
    cash = {(p.period_end, p.basis): p.value for p in result.points if p.section == "balance" and p.concept == "cash"}
    assert cash[("2010-12-31", "restated")] == 400  # the later release's value for the same date, the earlier kept
    assert cash[("2011-12-31", "")] == 500
    derived = [p for p in result.points if p.basis == "derived" and "beginning" in p.item.lower()]
    assert not derived  # balances at a date are never differenced into quarters


def test_a_long_summary_shows_the_latest_periods_and_says_so():
    from fusion_cli.views import Cell, Grid, _without_empty_columns, latest

    grid = Grid("Acme — summary", ["", *(f"Q{q} {y}" for y in (2023, 2024, 2025) for q in (1, 2, 3, 4))],
                [("Revenue", [Cell(str(i)) for i in range(12)], "")], "legend")
    short = latest(grid, 8)
    assert short.columns[1:] == ["Q1 2024", "Q2 2024", "Q3 2024", "Q4 2024", "Q1 2025", "Q2 2025", "Q3 2025", "Q4 2025"]
    assert [c.text for c in short.rows[0][1]] == [str(i) for i in range(4, 12)]
    assert "the latest 8 of 12 periods" in short.caption
    sparse = Grid("t", ["", "Q1", "Q2", "Q3"], [("Revenue", [Cell("1"), Cell(""), Cell("3")], "")])
    assert _without_empty_columns(sparse).columns == ["", "Q1", "Q3"]


def test_item_keys_are_typed_and_print_as_before():
    [series], _ = series_of(ACME_9M, ACME_FY)
    key = series.item(REVENUE).key
    assert key == ItemKey("income", "USD", "c:revenue") and str(key) == "income|USD|c:revenue" and key.wording is None
    q1 = release("Acme Widgets, Inc.", QUARTER_ONLY, [("Revenues", "$ 1,000", "$ 900"), ("Escrow payable", "5", "4")], 2010)
    [worded], _ = series_of(q1)
    escrow = next(i.key for i in worded.items if i.key.wording)
    assert escrow == ItemKey("balance" if escrow.section == "balance" else "income", "USD", "l:escrow payable")
    assert str(escrow) == f"{escrow.section}|USD|l:escrow payable" and escrow.wording == "escrow payable"
