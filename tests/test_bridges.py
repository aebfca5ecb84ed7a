"""Bridges: waterfalls from a GAAP line through adjustments to each non-GAAP subtotal."""
from decimal import Decimal

from releases import QUARTER_ONLY, release

from fusion_cli.analysis import analyze_extractions
from fusion_cli.extract import extract_bytes

D = Decimal
RECON = "Reconciliation of Net Loss to Adjusted EBITDA"


def bridge(rows, year=2011):
    text = release("Acme Widgets, Inc.", QUARTER_ONLY, rows, year, title=RECON)
    result = analyze_extractions([extract_bytes("r.txt", text.encode())])
    return [p for p in result.points if p.section == "bridge" and p.period == f"Q1 {year}"], result


def steps(points):
    return [(p.basis, p.item, p.value, p.note) for p in points]


def test_a_bridge_that_foots():
    points, result = bridge([
        ("Net loss", "$ (1,000)", "$ (900)"), ("Interest expense, net", "50", "40"),
        ("Depreciation and amortization", "150", "140"), ("EBITDA", "(800)", "(720)"),
        ("Stock-based compensation", "30", "20"), ("Adjusted EBITDA", "$ (770)", "$ (700)")])
    assert steps(points) == [
        ("start", "Net loss", -1000, ""), ("adjustment", "Interest expense, net", 50, ""),
        ("adjustment", "Depreciation and amortization", 150, ""),
        ("subtotal", "EBITDA", -800, ""), ("computed", "EBITDA", -800, "sum of the lines above"), ("difference", "EBITDA", 0, "ok"),
        ("adjustment", "Stock-based compensation", 30, ""),
        ("subtotal", "Adjusted EBITDA", -770, ""), ("computed", "Adjusted EBITDA", -770, "sum of the lines above"),
        ("difference", "Adjusted EBITDA", 0, "ok")]
    assert not [f for f in result.findings if f.severity == "warning"]


def test_a_missing_item_is_shown_not_hidden():
    points, result = bridge([
        ("Net loss", "(1,000)", "(900)"), ("Depreciation and amortization", "150", "140"),
        ("EBITDA", "(800)", "(720)")])
    difference = [p for p in points if p.basis == "difference"][0]
    assert (difference.value, difference.note) == (50, "does not foot")
    assert any("EBITDA printed -800, its lines sum to -850 (difference 50)" in f.message for f in result.findings)


def test_a_difference_within_printed_rounding_is_rounding():
    points, _ = bridge([
        ("Net income", "10.4", "9.0"), ("Depreciation", "2.3", "2.0"), ("Stock compensation", "1.4", "1.0"),
        ("Adjusted EBITDA", "14.0", "12.0")])
    difference = [p for p in points if p.basis == "difference"][0]
    assert (difference.value, difference.note) == (D("-0.1"), "rounding")


def test_total_adjustments_is_checked_against_the_adjustments_alone():
    points, _ = bridge([
        ("Net earnings", "100", "90"), ("Restructuring", "10", "0"), ("Legal matters", "5", "0"),
        ("Total adjustments", "15", "0"), ("Income tax effect on adjustments", "(4)", "0"),
        ("Adjusted net earnings", "111", "90")])
    checks = {(p.item, p.basis): p.value for p in points if p.basis in ("computed", "difference")}
    assert checks == {("Total adjustments", "computed"): 15, ("Total adjustments", "difference"): 0,
                      ("Adjusted net earnings", "computed"): 111, ("Adjusted net earnings", "difference"): 0}


def test_less_lines_printed_positive_are_subtracted_when_that_foots():
    points, _ = bridge([
        ("Net cash provided by operating activities", "500", "400"),
        ("Less: purchases of property and equipment", "120", "100"), ("Free cash flow", "380", "300")])
    assert [p.value for p in points if p.basis == "difference"] == [0]
    assert points[0].note == "lines marked 'Less' are subtracted"


def test_an_adjusted_line_bridges_from_its_own_gaap_line():
    points, _ = bridge([
        ("Gross profit", "500", "450"), ("Transition costs", "10", "5"), ("Adjusted gross profit", "510", "455"),
        ("Selling, general and administrative expenses", "300", "280"), ("Stock-based compensation", "(20)", "(15)"),
        ("Adjusted selling, general and administrative expenses", "280", "265")])
    starts = [p.item for p in points if p.basis == "start"]
    assert starts == ["Gross profit", "Selling, general and administrative expenses"]
    assert [p.value for p in points if p.basis == "difference"] == [0, 0]


def test_kpi_tables_do_not_become_bridges():
    points, _ = bridge([
        ("Net cash provided by operating activities", "155", "140"), ("Active customers", "21", "22"),
        ("Adjusted EBITDA", "208", "200"), ("Gross merchandise sales", "2,700", "2,600")])
    assert points == []


def test_per_share_bridge_in_its_own_unit():
    points, _ = bridge([
        ("Diluted earnings per share", "$ 0.29", "$ 0.25"), ("Restructuring", "0.05", "0.00"),
        ("Tax effect", "(0.01)", "0.00"), ("Adjusted diluted earnings per share", "$ 0.33", "$ 0.25")])
    assert {p.unit for p in points} == {"USD/share"}
    assert [p.value for p in points if p.basis == "difference"] == [0]


def test_a_total_impact_line_right_after_the_start_is_the_adjustments_itemized_elsewhere():
    points, result = bridge([
        ("GAAP net income", "2,043", "1,600"), ("Total pre-tax impact of non-GAAP adjustments", "927", "800"),
        ("Income tax impact of non-GAAP adjustments", "(257)", "(200)"), ("Non-GAAP net income", "2,713", "2,200")])
    checks = {(p.item, p.basis): (p.value, p.note) for p in points if p.basis in ("computed", "difference")}
    assert checks == {("Non-GAAP net income", "computed"): (2713, "sum of the lines above"),
                      ("Non-GAAP net income", "difference"): (0, "ok")}
    assert not [f for f in result.findings if "does not foot" in f.message or "its lines sum" in f.message]
