"""Changes and margins over a series: percent on the magnitude of the base, n/m, points, ratios."""
from decimal import Decimal

import pytest
from releases import QUARTER_AND_YTD, QUARTER_ONLY, release

from fusion_cli.analysis import analyze_extractions
from fusion_cli.extract import extract_bytes
from fusion_cli.metrics import direction, percent_change, rounded

D = Decimal


@pytest.mark.parametrize("old, new, expected", [
    ("100", "120", ("20.00", "")),
    ("-200", "-150", ("25.00", "")),  # a loss that narrows is an improvement: divided by the magnitude
    ("-150", "-200", ("-33.33", "")),
    ("0", "50", (None, "n/m: zero base")),
    ("-10", "10", (None, "n/m: sign change")),
    ("10", "-10", (None, "n/m: sign change")),
])
def test_percent_change(old, new, expected):
    value, note = percent_change(D(old), D(new))
    assert (None if value is None else str(value), note) == expected


def test_direction_of_losses():
    assert direction(D(-200), D(-150)) == "narrowed"
    assert direction(D(-150), D(-200)) == "widened"
    assert direction(D(-1), D(5)) == "turned positive"
    assert direction(D(100), D(120)) == ""


def test_rounded_is_half_up_to_two_places():
    assert str(rounded(D("21.175"))) == "21.18" and str(rounded(D("-9.7437"))) == "-9.74"


def rows_of(*texts):
    extractions = [extract_bytes(f"r{i}.txt", t.encode()) for i, t in enumerate(texts)]
    return analyze_extractions(extractions).points


def pick(points, section, concept, period, basis="", unit=None):
    found = [p for p in points if p.section == section and p.concept == concept and p.period == period
             and p.basis == basis and (unit is None or p.unit == unit)]
    assert len(found) == 1, found
    return found[0]


ACME = release("Acme Widgets, Inc.", QUARTER_AND_YTD, [
    ("Revenues", "$ 1,300", "$ 1,000", "$ 3,600", "$ 2,900"),
    ("Cost of revenues", "800", "700", "2,200", "2,000"),
    ("Selling, general and administrative", "260", "250", "780", "700"),
    ("Depreciation and amortization", "40", "30", "120", "90"),
    ("Operating income (loss)", "200", "(50)", "500", "110"),
    ("Net income (loss)", "$ 150", "$ (80)", "$ 380", "$ 60"),
], 2010)


def test_yoy_change_absolute_and_percent_with_sign_flip():
    points = rows_of(ACME)
    assert pick(points, "change", "revenue", "Q3 2010", "yoy", "USD").value == 300
    assert pick(points, "change", "revenue", "Q3 2010", "yoy", "%").value == D("30.00")
    flipped = pick(points, "change", "net_income", "Q3 2010", "yoy", "%")
    assert flipped.value is None and flipped.note == "n/m: sign change"
    assert pick(points, "change", "net_income", "9M 2010", "yoy", "%").value == D("533.33")


def test_no_qoq_without_the_quarter_before():
    points = rows_of(ACME)
    assert not [p for p in points if p.basis == "qoq"]


def test_margins_derive_gross_profit_and_change_in_points():
    points = rows_of(ACME)
    assert pick(points, "margin", "gross_margin", "Q3 2010").value == D("38.46")  # (1300 - 800) / 1300
    assert pick(points, "margin", "gross_margin", "Q3 2009").value == D("30.00")
    move = pick(points, "margin", "gross_margin", "Q3 2010", "yoy")
    assert (move.value, move.unit) == (D("8.46"), "pp")
    assert pick(points, "margin", "sga_ratio", "9M 2010").value == D("21.67")
    assert pick(points, "margin", "operating_margin", "Q3 2009").value == D("-5.00")


def test_ebitda_is_derived_from_operating_income_and_dna_when_not_printed():
    points = rows_of(ACME)
    ebitda = pick(points, "bridge", "ebitda", "Q3 2010", "computed")
    assert (ebitda.value, ebitda.source) == (240, "derived") and "derived" in ebitda.note
    assert pick(points, "margin", "ebitda_margin", "Q3 2010").value == D("18.46")


def test_quarter_over_quarter_and_balance_ratios():
    q4 = release("Acme Widgets, Inc.", ["\tDecember 31,\tSeptember 30,", "\t2010\t2010"], [
        ("Total current assets", "500", "400"), ("Total current liabilities", "250", "400"),
        ("Total assets", "1,000", "900"), ("Total liabilities", "600", "700")], 2010, title="Consolidated Balance Sheets")
    points = rows_of(q4)
    assert pick(points, "margin", "current_ratio", "Q4 2010").value == D("2.00")
    assert pick(points, "margin", "working_capital", "Q4 2010").value == 250
    assert pick(points, "margin", "liabilities_to_assets", "Q3 2010").value == D("0.78")
    qoq = pick(points, "change", "total_current_assets", "Q4 2010", "qoq", "%")
    assert qoq.value == D("25.00")
    assert pick(points, "margin", "current_ratio", "Q4 2010", "qoq").value == D("1.00")


def test_percent_lines_change_in_points_only():
    text = release("Acme Widgets, Inc.", QUARTER_ONLY, [("Revenues", "$ 1,000", "$ 900"), ("Gross margin", "41.5%", "40.0%")], 2010)
    points = rows_of(text)
    moves = [p for p in points if p.section == "change" and p.item == "Gross margin"]
    assert [(p.unit, p.value) for p in moves] == [("pp", D("1.50"))]
