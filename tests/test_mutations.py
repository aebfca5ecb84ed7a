"""Edges of the analysis and formatting code that the other tests left open, found by hand mutation.

Each test pins one behaviour that a small change (a comparison moved by one, a constant, a dropped condition or
branch) could break without any other test failing, or with only the corpus digests of test_golden failing, which
are skipped where ../shared/corpus is absent. Grouped by module: metrics, display, bridges, pipeline, views.
All releases are small and invented; nothing is read from the network.
"""
import functools
from decimal import Decimal

from releases import QUARTER_ONLY, release

from fusion_cli.analysis import analyze_extractions
from fusion_cli.check import release_view
from fusion_cli.display import figure, prose
from fusion_cli.extract import extract_bytes
from fusion_cli.metrics import rounded
from fusion_cli.model import Check, CheckKind, Point, Source, Status
from fusion_cli.pipeline import run, unfooted
from fusion_cli.views import Formatter, Grid, build, latest

D = Decimal
ACME = "Acme Widgets, Inc."
RECON = "Reconciliation of Net Income to Adjusted EBITDA"

# A quarter against a year-earlier quarter of zero revenue, with per-share lines and a balance sheet whose current
# liabilities are nil at the quarter end.
BALANCE = "\n".join([ACME, "Consolidated Balance Sheets", "", "\tMarch 31,\tDecember 31,", "\t2011\t2010",
                     "Total current assets\t500\t400", "Total current liabilities\t—\t400", "Total assets\t1,000\t900",
                     "Total liabilities\t600\t700", ""])
LOSSES = release(ACME, QUARTER_ONLY, [
    ("Revenues", "$ 1,200", "$ 0"), ("Net loss", "(150)", "(100)"), ("Operating loss", "(80)", "(20)"),
    ("Basic net loss per share", "$ (0.15)", "$ (0.10)"), ("Diluted net loss per share", "$ (0.15)", "$ (0.10)")], 2011, more=BALANCE)

# Operating income and selling and G&A printed apart on the income statement; D&A only on the cash-flow statement.
CASH_FLOW = "\n".join([ACME, "Condensed Consolidated Statements of Cash Flows", "", "\tThree Months Ended March 31,", "\t2011\t2010",
                       "Net loss\t(150)\t(100)", "Depreciation and amortization\t40\t30",
                       "Net cash provided by operating activities\t90\t70", ""])
DERIVED = release(ACME, QUARTER_ONLY, [
    ("Revenues", "$ 1,000", "$ 900"), ("Selling and marketing", "100", "90"), ("General and administrative", "50", "45"),
    ("Operating income", "200", "100"), ("Net loss", "(150)", "(100)")], 2011, more=CASH_FLOW)


@functools.cache
def analysis(text: str):
    return analyze_extractions([extract_bytes("r.txt", text.encode())])


def found(points, section, concept, period, basis="", unit=None):
    return [p for p in points if p.section == section and p.concept == concept and p.period == period
            and p.basis == basis and (unit is None or p.unit == unit)]


def pick(points, section, concept, period, basis="", unit=None):
    match = found(points, section, concept, period, basis, unit)
    assert len(match) == 1, match
    return match[0]


def bridge_rows(rows, period="Q1 2011"):
    """(basis, item, value, note) of the bridge rows of a one-table reconciliation, for one period."""
    points = analysis(release(ACME, QUARTER_ONLY, rows, 2011, title=RECON)).points
    return [(p.basis, p.item, p.value, p.note) for p in points if p.section == "bridge" and p.period == period]


def grids(text: str, view: str) -> dict[str, Grid]:
    return {g.title.split(" — ")[1]: g for g in build(analysis(text), view)}


def texts(grid: Grid) -> dict[str, list[str]]:
    return {label: [c.text for c in cells] for label, cells, _style in grid.rows}


# ---- metrics ---------------------------------------------------------------------------------------------------

def test_rounding_takes_ties_away_from_zero_even_after_an_even_digit():
    assert (rounded(D("0.125")), rounded(D("-0.125")), rounded(D("2.665"))) == (D("0.13"), D("-0.13"), D("2.67"))


def test_a_percent_line_changes_by_points_rounded_to_two_places():
    text = release(ACME, QUARTER_ONLY, [("Revenues", "$ 1,000", "$ 900"), ("Gross margin", "41.125%", "40.0%")], 2010)
    moves = [p for p in analysis(text).points if p.section == "change" and p.item == "Gross margin"]
    assert [(p.unit, str(p.value)) for p in moves] == [("pp", "1.13")]


def test_a_second_quarter_changes_against_the_first_quarter_of_its_year():
    text = release(ACME, ["\tThree Months Ended", "\tJune 30, 2010\tMarch 31, 2010"], [("Revenues", "$ 1,200", "$ 1,000")], 2010)
    points = analysis(text).points
    assert pick(points, "change", "revenue", "Q2 2010", "qoq", "%").value == D("20.00")
    assert pick(points, "change", "revenue", "Q2 2010", "qoq", "USD").value == 200


def test_no_margins_for_a_period_of_zero_revenue():
    points = analysis(LOSSES).points
    assert [p for p in points if p.section == "margin" and p.period == "Q1 2010"] == []
    assert pick(points, "margin", "net_margin", "Q1 2011").value == D("-12.50")
    assert pick(points, "change", "revenue", "Q1 2011", "yoy", "%").note == "n/m: zero base"


def test_no_current_ratio_when_current_liabilities_are_nil():
    points = analysis(LOSSES).points
    assert pick(points, "margin", "working_capital", "Q1 2011").value == 500
    assert found(points, "margin", "current_ratio", "Q1 2011") == []
    assert pick(points, "margin", "current_ratio", "Q4 2010").value == D("1.00")


def test_sga_ratio_adds_selling_and_administrative_lines_printed_apart():
    ratio = pick(analysis(DERIVED).points, "margin", "sga_ratio", "Q1 2011")
    assert (ratio.value, ratio.note) == (D("15.00"), "(sales and marketing + general and administrative) / revenue")


# ---- display ---------------------------------------------------------------------------------------------------

def test_multiples_show_two_decimals():
    assert (figure(D("2.5"), "x"), figure(D("0.784"), "x"), figure(D("-0.18"), "x", signed=True)) == ("2.50x", "0.78x", "(0.18x)")


def test_prose_gives_a_negative_number_above_one_two_decimals_and_below_one_four():
    assert (prose(D("-13.8449")), prose(D("-0.041234")), prose(D("-1.005"))) == ("-13.84", "-0.0412", "-1")


# ---- bridges ---------------------------------------------------------------------------------------------------

def test_an_anchor_followed_directly_by_a_subtotal_is_no_bridge():
    assert bridge_rows([("Net income", "100", "100"), ("Adjusted EBITDA", "100", "100")]) == []


def test_a_second_anchor_before_any_adjustment_restarts_the_bridge():
    rows = bridge_rows([("Revenues", "1,000", "900"), ("Net income", "100", "90"),
                        ("Depreciation and amortization", "50", "40"), ("EBITDA", "150", "130")])
    assert [(basis, item) for basis, item, _v, _n in rows] == [
        ("start", "Net income"), ("adjustment", "Depreciation and amortization"),
        ("subtotal", "EBITDA"), ("computed", "EBITDA"), ("difference", "EBITDA")]
    assert rows[-1][2:] == (0, "ok")


def test_total_adjustments_is_allowed_the_rounding_of_the_adjustments_not_of_the_start():
    # three one-decimal terms allow 0.15; the start's half unit would have allowed 0.65
    rows = bridge_rows([("Net earnings", "100", "100"), ("Restructuring", "10.0", "10.0"), ("Legal matters", "5.0", "5.0"),
                        ("Total adjustments", "15.2", "15.0"), ("Adjusted net earnings", "115", "115")])
    assert ("difference", "Total adjustments", D("0.2"), "does not foot") in rows
    assert ("difference", "Adjusted net earnings", 0, "ok") in rows


def test_a_difference_of_exactly_the_tolerance_is_rounding_and_one_more_does_not_foot():
    rows = [("Net income", "100", "100"), ("Depreciation and amortization", "20", "20"),
            ("Stock-based compensation", "5", "5"), ("Adjusted EBITDA", "127", "128")]  # four whole terms: 2 allowed
    assert bridge_rows(rows, "Q1 2011")[-1] == ("difference", "Adjusted EBITDA", 2, "rounding")
    assert bridge_rows(rows, "Q1 2010")[-1] == ("difference", "Adjusted EBITDA", 3, "does not foot")


def test_a_bridge_within_rounding_keeps_its_less_lines_as_printed():
    rows = bridge_rows([("Net cash provided by operating activities", "500", "500"), ("Other", "10", "10"),
                        ("Less: gains", "(1)", "(1)"), ("Free cash flow", "511", "509")])
    assert rows[0] == ("start", "Net cash provided by operating activities", 500, "")
    assert rows[-3:] == [("subtotal", "Free cash flow", 511, ""), ("computed", "Free cash flow", 509, "sum of the lines above"),
                         ("difference", "Free cash flow", 2, "rounding")]


def test_only_the_start_row_carries_the_bridge_note():
    rows = bridge_rows([("Net cash provided by operating activities", "500", "400"),
                        ("Less: purchases of property and equipment", "120", "100"), ("Free cash flow", "380", "300")])
    assert [(basis, note) for basis, _i, _v, note in rows if basis in ("start", "adjustment")] == [
        ("start", "lines marked 'Less' are subtracted"), ("adjustment", "")]


def test_derived_ebitda_takes_depreciation_from_the_cash_flow_statement():
    points = analysis(DERIVED).points
    ebitda = pick(points, "bridge", "ebitda", "Q1 2011", "computed")
    assert (ebitda.value, ebitda.source) == (240, "derived")
    assert pick(points, "bridge", "depreciation_amortization", "Q1 2011", "adjustment").source == "r.txt:22"
    assert pick(points, "margin", "ebitda_margin", "Q1 2011").value == D("24.00")


# ---- pipeline --------------------------------------------------------------------------------------------------

def test_only_the_period_whose_total_does_not_foot_is_noted():
    rows = [("Current assets:", "", ""), ("Cash", "1,000", "900"), ("Receivables", "2,000", "1,800"),
            ("Total current assets", "4,000", "2,700")]
    text = release(ACME, ["\tMarch 31,\tDecember 31,", "\t{y}\t{p}"], rows, 2011, title="Balance Sheets")
    points = run([extract_bytes("a.txt", text.encode())]).points
    notes = {p.period: p.note for p in points if p.section == "balance" and p.concept == "total_current_assets"}
    assert notes == {"Q4 2010": "", "Q1 2011": "does not foot: its lines give 3,000 (fusion check)"}


def test_a_does_not_foot_note_follows_a_points_own_note():
    def total(period, note):
        return Point(ACME, "income", "Total costs", "total_costs", period, "2011-03-31", 3, "", D(900), "USD", "a.txt:14", note)

    check = Check(CheckKind.FOOTING, Status.MISMATCH, "Total costs", "Q1 2011", D("850.5"), D(900), D("49.5"), Source("a.txt", 14))
    points = unfooted([total("Q1 2011", "restated"), total("Q1 2010", "")], [check])
    assert [p.note for p in points] == ["restated; does not foot: its lines give 850.5 (fusion check)", ""]


def test_a_release_view_has_the_margins_of_its_derived_ebitda():
    margins = release_view(extract_bytes("r.txt", DERIVED.encode())).margins
    assert (margins[("ebitda_margin", "Q1 2011")], margins[("ebitda_margin", "Q1 2010")]) == (D("24.00"), D("14.44"))


# ---- views -----------------------------------------------------------------------------------------------------

def test_marks_restated_pre_split_and_derived_values_but_not_margins():
    fmt = Formatter("units")

    def cell(section, basis, source="r.txt:3", unit="USD/share", value="0.6"):
        return fmt.cell(Point(ACME, section, "x", None, "Q1 2011", "2011-03-31", 3, basis, D(value), unit, source))

    assert [cell("income", b).text for b in ("", "restated", "pre-split", "derived")] == ["0.60", "0.60†", "0.60‡", "0.60*"]
    assert cell("margin", "", "derived", "%", "38.46").text == "38.5%"
    assert texts(grids(LOSSES, "margins")["margins (% of revenue)"]) == {"Operating margin": ["(6.7%)"], "Net margin": ["(12.5%)"]}


def test_the_summary_shows_diluted_and_not_basic_earnings_per_share():
    rows = texts(grids(LOSSES, "summary")["summary"])
    assert rows["Diluted net loss per share"] == ["(0.10)", "(0.15)"] and "Basic net loss per share" not in rows


def test_latest_leaves_a_grid_that_already_fits_as_it_is():
    grid = Grid("t", ["", "Q1", "Q2"], [("Revenue", [], "")], "legend")
    assert latest(grid, 2) is grid
    assert latest(grid, 1).caption.startswith("legend\nthe latest 1 of 2 periods")


def test_the_summary_checks_subtotals_not_a_total_of_adjustments():
    text = release(ACME, QUARTER_ONLY, [("Net earnings", "100", "90"), ("Restructuring", "10", "0"), ("Legal matters", "5", "0"),
                                        ("Total adjustments", "16", "0"), ("Adjusted net earnings", "115", "90")], 2011, title=RECON)
    rows = texts(grids(text, "summary")["summary"])
    assert rows["Adjusted net earnings check"] == ["ok", "ok"] and "Total adjustments check" not in rows


def test_a_change_cell_says_when_a_loss_widened():
    rows = texts(grids(LOSSES, "changes")["income statement, change year over year"])
    assert rows["Net loss"] == ["(50) (-50.0%) widened"] and rows["Revenues"] == ["+1,200 (n/m)"]


def test_computed_bridge_rows_are_not_starred():
    rows = texts(grids(DERIVED, "bridge")["bridge to EBITDA"])
    assert rows == {"Operating income": ["100", "200"], "Depreciation and amortization": ["30", "40"], "  computed": ["130", "240"]}


def test_statement_columns_are_flows_or_balance_dates_never_both():
    found = grids(LOSSES, "statements")
    assert found["income statement"].columns == ["", "Q1 2010", "Q1 2011"]
    assert found["balance sheet"].columns == ["", "2010-12-31", "2011-03-31"]
