"""Facts that mean what they say: currency, units that are not money, the sign of losses (invented releases)."""
from decimal import Decimal as D

import pytest

from fusion_cli.extract import extract
from fusion_cli.read import parse_bytes
from fusion_cli.units import (
    currency_of,
    document_currency,
    measure_of,
    row_measure,
    states_currency,
)


def run(text: str, name: str = "r.md"):
    return extract(parse_bytes(name, text.encode()))


def by_label(extraction, label: str):
    return [f for f in extraction.facts if f.label == label]


INCOME = """Maple Corp. Reports Fourth Quarter Results

{note}

| | Three Months Ended December 31, | |
|---|---|---|
| | 2024 | 2023 |
| Revenue | $ 1,200 | $ 1,000 |
| Cost of revenue | 700 | 600 |
| Gross profit | 500 | 400 |
| Operating income | 200 | 150 |
| Net income | 120 | 90 |
| Net income per share, diluted | $ 0.45 | $ 0.40 |
"""


@pytest.mark.parametrize("note, unit", [
    ("(in thousands of Canadian dollars, except per unit amounts)", "CAD"),
    ("(EUR million)", "EUR"),
    ("(In millions of U.S. dollars)", "USD"),
    ("(in thousands)", "USD"),
    ("(in £ millions)", "GBP"),
])
def test_a_tables_note_names_its_currency(note, unit):
    extraction = run(INCOME.format(note=note))
    assert by_label(extraction, "Revenue")[0].unit == unit
    assert by_label(extraction, "Net income per share, diluted")[0].unit == f"{unit}/share"
    assert by_label(extraction, "Net income per share, diluted")[0].value == D("0.45")


def test_a_release_that_states_its_currency_once_prints_every_table_in_it():
    text = "(All amounts in Canadian dollars unless otherwise noted)\n\n" + INCOME.format(note="(in thousands)")
    extraction = run(text)
    assert {f.unit for f in extraction.facts} == {"CAD", "CAD/share"}
    assert by_label(extraction, "Revenue")[0].value == 1_200_000


def test_a_row_that_names_its_currency_keeps_it():
    text = INCOME.format(note="(in thousands of U.S. dollars)").replace("| Net income per share, diluted |",
                                                                         "| Dividend per share, EUR |")
    assert by_label(run(text), "Dividend per share, EUR")[0].unit == "EUR/share"


OPERATING = """Volt Utilities, Inc. Reports Third Quarter Results

| | Three Months Ended September 30, | |
|---|---|---|
| (in thousands) | 2025 | 2024 |
| Operating revenues | $ 5,000 | $ 4,500 |
| Operating expenses | 4,000 | 3,700 |
| Operating income | 1,000 | 800 |
| Net income | 600 | 500 |
| Headcount (in thousands) | 12 | 11 |
| Number of stores | 1,234 | 1,200 |
| Net interest margin (bps) | 310 | 295 |

Electric sales (millions of kWh)

| | Three Months Ended September 30, | |
|---|---|---|
| | 2025 | 2024 |
| Residential | 4,100 | 3,900 |
| Commercial | 3,000 | 2,800 |
| Total retail sales | 7,100 | 6,700 |
"""


def test_rows_counted_in_other_units_are_never_money():
    extraction = run(OPERATING)
    head = by_label(extraction, "Headcount (in thousands)")[0]
    assert (head.unit, head.value, head.concept) == ("employees", 12_000, None)  # its own note, for itself only
    stores = by_label(extraction, "Number of stores")[0]
    assert (stores.unit, stores.value) == ("stores", 1234)  # the table's thousands are money's
    assert by_label(extraction, "Net interest margin (bps)")[0].unit == "bps"
    assert by_label(extraction, "Operating revenues")[0].value == 5_000_000  # the headcount row rescales nothing else
    assert by_label(extraction, "Net income")[0].value == 600_000


def test_a_table_of_kilowatt_hours_is_not_revenue():
    extraction = run(OPERATING)
    sales = by_label(extraction, "Total retail sales")
    assert [(f.unit, f.value, f.concept) for f in sales] == [("kWh", 7_100_000_000, None), ("kWh", 6_700_000_000, None)]
    assert not [f for f in extraction.facts if f.unit == "USD" and f.table.startswith("Electric")]


LOSS = """Acme Widgets, Inc. Announces Results

| | Three Months Ended March 31, | |
|---|---|---|
| | 2025 | 2024 |
| Revenue | 9,000,000 | 8,000,000 |
| Operating expenses | 13,200,103 | 9,000,000 |
| OPERATING LOSS | 4,200,103 | 1,000,000 |
| Loss before income taxes | 4,200,103 | 1,000,000 |
| NET LOSS | 4,200,103 | 1,000,000 |
| Net loss per share | 0.12 | 0.03 |
| Loss on disposal of assets | 5,000 | 0 |
| Net (loss) income | (4,200,103) | 2,000 |
| Operating loss, as adjusted | (100) | 200 |
"""


def test_a_loss_printed_without_parentheses_is_negative():
    extraction = run(LOSS)
    for label in ("OPERATING LOSS", "Loss before income taxes", "NET LOSS"):
        fact = by_label(extraction, label)[0]
        assert (fact.value, fact.as_printed) == (D(-4_200_103), "4,200,103"), label
    assert by_label(extraction, "NET LOSS")[0].concept == "net_income"
    assert by_label(extraction, "Net loss per share")[0].value == D("-0.12")


def test_loss_items_and_signed_rows_keep_their_printed_sign():
    extraction = run(LOSS)
    assert by_label(extraction, "Loss on disposal of assets")[0].value == 5000  # a line item, not a result
    assert [f.value for f in by_label(extraction, "Net (loss) income")] == [-4_200_103, 2000]
    assert [f.value for f in by_label(extraction, "Operating loss, as adjusted")] == [-100, 200]
    assert "prints values of both signs" in " ".join(f.message for f in extraction.findings)


@pytest.mark.parametrize("text, code", [
    ("(in thousands of Canadian dollars)", "CAD"), ("C$0.45", "CAD"), ("EUR million", "EUR"), ("€ thousand", "EUR"),
    ("(In NT$ million)", "TWD"), ("US$ in millions", "USD"), ("(in millions of pounds sterling)", "GBP"),
    ("SEK m", "SEK"), ("(in thousands)", ""), ("Revenue", ""), ("Europe", ""),
])
def test_currency_words(text, code):
    assert currency_of(text) == code


def test_measures_and_statements():
    assert measure_of("(millions of kWh)") == "kWh"
    assert measure_of("Copper production (tonnes)") == "tonnes"
    assert row_measure("Accounts receivable") == ""
    assert row_measure("Revenue per customer") == ""  # money words win
    assert row_measure("Short-term borrowings – net < 90 days") == ""
    assert row_measure("Total customers") == "customers"
    assert states_currency("(In United States dollars, except where noted otherwise)") == "USD"
    assert states_currency("The weaker Canadian dollar reduced sales by 2%, or $40 million, in the quarter.") == ""
    assert document_currency(["", "CAD", "USD", "CAD"]) == "CAD"
    assert document_currency([""]) == "USD"


PRODUCTION = """Ore Mining Ltd. Reports Fourth Quarter Results

(In millions of U.S. dollars)

| | Q4 2024 | Q3 2024 |
|---|---|---|
| Revenue | $ 1,000 | $ 900 |
| Net earnings | 120 | 100 |
| Copper production (tonnes) | 100,000 | 90,000 |
| North mine | 60,000 | 50,000 |
| South mine | 40,000 | 40,000 |
| Gross profit | 400 | 350 |
"""


def test_parts_that_add_up_to_a_counted_total_are_counted_in_its_unit():
    extraction = run(PRODUCTION)
    north = by_label(extraction, "North mine")
    assert [(f.unit, f.value) for f in north] == [("tonnes", 60_000), ("tonnes", 50_000)]
    assert by_label(extraction, "Gross profit")[0].unit == "USD"
    assert by_label(extraction, "Gross profit")[0].value == 400_000_000


def test_parts_that_do_not_add_up_are_left_alone():
    extraction = run(PRODUCTION.replace("| South mine | 40,000 | 40,000 |", "| South mine | 41,000 | 40,000 |"))
    assert by_label(extraction, "North mine")[0].unit != "tonnes"


HIGHLIGHTS = """Acme Widgets, Inc. Reports Third Quarter Results

Financial Highlights
(in millions)

| | Three Months Ended September 30, | |
|---|---|---|
| | 2025 | 2024 |
| Revenue | $ 2,820 | $ 2,576 |
| Net income | $ 597 | $ 634 |
| Adjusted EBITDA | $ 172.0 | $ 160.0 |

Condensed Consolidated Statements of Income
(in thousands)

| | Three Months Ended September 30, | |
|---|---|---|
| | 2025 | 2024 |
| Revenue | $ 2,820,000 | $ 2,576,000 |
| Cost of revenue | 1,000,000 | 900,000 |
| Operating income | 800,000 | 760,000 |
| Net income | 632,000 | 634,000 |

Reconciliation of Net Income to Adjusted EBITDA
(in thousands)

| | Three Months Ended September 30, | |
|---|---|---|
| | 2025 | 2024 |
| Net income | $ 632,000 | $ 634,000 |
| Depreciation and amortization | 100,000 | 90,000 |
| Adjusted EBITDA | $ 171,928 | $ 160,020 |
"""


def test_the_statement_and_the_reconciliation_speak_for_their_line_items():
    from fusion_cli.analysis import analyze_extractions
    from fusion_cli.check import audit

    extraction = run(HIGHLIGHTS)
    result = analyze_extractions([extraction])
    level = {(p.concept, p.period): p.value for p in result.points if p.section in ("income", "reconciliation") and not p.basis}
    assert level[("net_income", "Q3 2025")] == 632_000_000  # not the highlights' 597
    assert level[("adjusted_ebitda", "Q3 2025")] == 171_928_000  # the reconciliation's, not the summary's 172.0
    assert level[("revenue", "Q3 2025")] == 2_820_000_000
    twice = {(c.subject, c.period): (c.status, c.found, c.expected) for c in audit(extraction) if c.kind == "twice"}
    assert twice[("Net income", "Q3 2025")] == ("mismatch", D(597_000_000), D(632_000_000))
    assert ("Net income", "Q3 2024") not in twice  # the tables agree on 2024: that confirms they print the same line
    assert twice[("Adjusted EBITDA", "Q3 2025")] == ("mismatch", D(172_000_000), D(171_928_000))
    assert twice[("Adjusted EBITDA", "Q3 2024")] == ("rounding", D(160_000_000), D(160_020_000))  # 160.0 is 160,020 rounded
    assert ("Revenue", "Q3 2025") not in twice  # printed twice with one value: nothing to report
    assert any("printed twice" in f.message for f in result.findings)


def test_a_non_gaap_heading_qualifies_generic_rows_and_a_gaap_row_stays_gaap():
    text = """Acme Widgets, Inc. Reports Results

| (in millions, except per share data) | Three Months Ended September 30, | |
|---|---|---|
| | 2025 | 2024 |
| Net revenues | $ 2,820 | $ 2,576 |
| GAAP – Continuing Operations | | |
| Net income | $ 597 | $ 636 |
| Earnings per diluted share | $ 1.28 | $ 1.29 |
| Non-GAAP – Continuing Operations | | |
| Net income | $ 636 | $ 588 |
| Earnings per diluted share | $ 1.36 | $ 1.19 |
| Non-GAAP EPS | | |
| GAAP diluted EPS | $ 1.30 | $ 1.20 |
"""
    concepts = [(f.concept, f.value) for f in run(text).facts if f.period_end == "2025-09-30"]
    assert concepts == [("revenue", 2_820_000_000), ("income_continuing_ops", 597_000_000), ("eps_continuing_ops", D("1.28")),
                        ("adjusted_net_income", 636_000_000), ("adjusted_eps", D("1.36")), ("eps_diluted", D("1.30"))]


STATED = """Ore Mining Ltd. Reports Fourth Quarter Results

In Q4 2024, Ore Mining reported gross profit of $405 million, EBITDA of $455 million and revenue of $1,297 million.
Cash flows from operating activities of $583 million for the quarter were $323 million higher than in Q3 2024.

| | Q4 2024 | Q3 2024 |
|---|---|---|
| Sales revenues | 1,297 | 1,200 |
| Gross profit | 405 | 376 |
| EBITDA | 455 | 520 |
| Cash flows from operating activities | 583 | 260 |
| Net earnings | 99 | 108 |
| Realized copper price (per lb) | $4.17 | $4.24 |
| Basic earnings per share | $0.12 | $0.13 |
"""


def test_tables_that_lost_their_note_take_the_scale_their_text_states():
    extraction = run(STATED)
    assert by_label(extraction, "Gross profit")[0].value == 405_000_000
    assert by_label(extraction, "Net earnings")[0].value == 99_000_000
    price = by_label(extraction, "Realized copper price (per lb)")[0]
    assert (price.value, price.unit) == (D("4.17"), "USD/lb")  # a price per pound is never scaled
    assert by_label(extraction, "Basic earnings per share")[0].value == D("0.12")
    assert "amounts the text states in millions are printed in the tables" in " ".join(f.message for f in extraction.findings)


def test_a_text_that_does_not_match_the_tables_scales_nothing():
    extraction = run(STATED.replace("$405 million", "$40.5 million").replace("$455 million", "$4.5 billion"))
    assert by_label(extraction, "Gross profit")[0].value == 405


def test_twelve_months_to_another_quarter_are_the_trailing_year():
    from datetime import date

    from fusion_cli.calendar_rules import fiscal_label

    assert fiscal_label(date(2012, 8, 31), 12, 5) == "LTM Q1 2013"  # a May year: August closes the first quarter
    assert fiscal_label(date(2013, 5, 31), 12, 5) == "FY 2013"
    assert fiscal_label(date(2024, 9, 30), 12, 12) == "LTM Q3 2024"


def test_a_guidance_range_is_not_an_amount():
    text = INCOME.format(note="(in thousands)") + "\nOutlook\n\n| | Fiscal 2025 |\n|---|---|\n| Net sales growth | |\n| 4% to | 5% |\n"
    assert not [f for f in run(text).facts if f.label.startswith("4%")]


def test_qualified_and_sector_labels_find_their_line_items():
    from fusion_cli.concepts import map_concept
    from fusion_cli.model import Amount

    amount = Amount(D(100), "100")
    expected = {"Sales, net of discounts": "revenue", "Net earnings as reported (Note 2)": "net_income",
                "Reported GAAP operating income": "operating_income", "Non-GAAP EBITDA": "ebitda",
                "Finance costs": "interest_expense", "Profit before income and other taxes": "income_before_tax",
                "Interest charges": "interest_expense", "Net interest income": "net_interest_income",
                "Provision for credit losses": "provision_credit_losses", "Net premiums earned": "premiums_earned",
                "Losses and loss adjustment expenses": "losses_lae", "FFO": "ffo", "Adjusted funds from operations": "affo",
                "Net operating income": "noi", "Operating costs and expenses": "operating_expenses"}
    assert {label: map_concept(label, "", "income", amount) for label in expected} == expected


def test_a_row_that_prints_only_a_qualifier_takes_the_line_item_above_it():
    text = """Acme Widgets, Inc. Reports Results

| (in thousands) | Three Months Ended March 31, | |
|---|---|---|
| | 2025 | 2024 |
| Net sales | 1,000 | 900 |
| - As reported | 1,000 | 900 |
| - As adjusted | 1,050 | 940 |
| Operating income | 200 | 150 |
"""
    concepts = [(f.label, f.concept) for f in run(text).facts if f.period_end == "2025-03-31"]
    assert ("- As reported", "revenue") in concepts and ("- As adjusted", None) in concepts


def test_an_unlabeled_row_that_closes_a_block_and_foots_is_its_total():
    text = """Acme Widgets, Inc. Reports Results

Condensed Consolidated Statements of Operations
(in thousands)

| | Three Months Ended March 31, | |
|---|---|---|
| | 2025 | 2024 |
| Revenue | 1,000 | 900 |
| Operating expenses: | | |
| Selling and marketing | 300 | 290 |
| General and administrative | 150 | 130 |
| | 450 | 420 |
| Costs of operations: | | |
| Hosting | 10 | 9 |
| Support | 20 | 19 |
| | 31 | 28 |
| Operating income | 550 | 480 |
"""
    facts = run(text).facts
    assert [(f.concept, f.value) for f in facts if f.label == "" and f.as_printed == "450"] == [("operating_expenses", 450_000)]
    assert {f.concept for f in facts if f.as_printed in ("31", "28")} == {None}  # does not foot: not a total


def test_two_tables_that_agree_on_no_period_may_measure_different_things():
    from fusion_cli.check import audit

    text = HIGHLIGHTS.replace("| Net income | $ 597 | $ 634 |", "| Net income | $ 597 | $ 636 |")
    twice = {(c.subject, c.period): c for c in audit(run(text)) if c.kind == "twice"}
    assert twice[("Net income", "Q3 2025")].status == "unverifiable"
    assert "agree on no other period" in twice[("Net income", "Q3 2025")].note


def test_a_summary_total_that_adds_up_from_rounded_lines_is_rounding_against_the_exact_figure():
    from fusion_cli.check import audit

    text = """Acme Bancorp Reports Results

Financial Summary
(in millions)

| | Three Months Ended September 30, | |
|---|---|---|
| | 2025 | 2024 |
| Net interest income | 144.37 | 120.00 |
| Total other income | 60.43 | 46.29 |
| Total revenue | 204.80 | 166.29 |

Consolidated Statements of Income
(in thousands)

| | Three Months Ended September 30, | |
|---|---|---|
| | 2025 | 2024 |
| Net interest income | 144,368 | 120,002 |
| Total other income | 60,426 | 46,290 |
| Total revenue | 204,794 | 166,292 |
"""
    twice = {(c.subject, c.period): c for c in audit(run(text)) if c.kind == "twice"}
    assert twice[("Total revenue", "Q3 2025")].status == "rounding"
    assert "adds up from its own rounded lines" in twice[("Total revenue", "Q3 2025")].note
