"""fusion check by statement form: a bank's and an insurer's statements foot by their own rules, a year beside its
quarters is their sum, and every false-alarm cause of real releases gives `ok`, `rounding` or `unverifiable`."""
from decimal import Decimal

from releases import QUARTER_ONLY, release

from fusion_cli.check import audit
from fusion_cli.extract import extract_bytes

INCOME = [("Revenues", "$ 10,000", "$ 9,000"), ("Cost of revenues", "6,000", "5,500"), ("Operating expenses", "2,500", "2,350"),
          ("Operating income", "1,500", "1,150"), ("Net income", "$ 1,500", "$ 1,150")]


def audit_text(text):
    return audit(extract_bytes("r.txt", text.encode()))


def audit_tables(*tables, header=QUARTER_ONLY):
    return audit_text("\n".join(release("Acme Bancorp, Inc.", header, rows, 2011, title=title) for title, rows in tables))


def status(checks, subject, period="Q1 2011", kind="footing"):
    return [(c.status, c.expected, c.found) for c in checks if c.kind == kind and c.subject == subject and c.period == period]


BANK = [
    ("Interest income:", "", ""), ("Loans, including fees", "$ 5,200", "$ 4,900"), ("Securities", "800", "700"),
    ("Total interest income", "6,000", "5,600"), ("Interest expense:", "", ""), ("Deposits", "1,500", "1,300"),
    ("Borrowings", "500", "400"), ("Total interest expense", "2,000", "1,700"), ("Net interest income", "4,000", "3,900"),
    ("Provision for credit losses", "300", "200"), ("Net interest income after provision for credit losses", "3,700", "3,700"),
    ("Noninterest income:", "", ""), ("Service charges on deposits", "400", "380"), ("Wealth management fees", "600", "520"),
    ("Total noninterest income", "1,000", "900"), ("Noninterest expense:", "", ""), ("Salaries and employee benefits", "1,800", "1,700"),
    ("Occupancy", "400", "390"), ("Total noninterest expense", "2,200", "2,090"), ("Income before income taxes", "2,500", "2,510"),
    ("Income tax expense", "600", "610"), ("Net income", "$ 1,900", "$ 1,900")]


def test_a_bank_income_statement_foots_by_a_banks_rules():
    checks = audit_tables(("Consolidated Statements of Income", BANK))
    assert not [c for c in checks if c.kind == "footing" and c.status != "ok"]
    assert status(checks, "Net interest income") == [("ok", Decimal(4_000), Decimal(4_000))]
    assert status(checks, "Net interest income after provision for credit losses") == [("ok", Decimal(3_700), Decimal(3_700))]
    assert status(checks, "Income before income taxes") == [("ok", Decimal(2_500), Decimal(2_500))]


def test_a_banks_net_interest_income_that_does_not_follow_is_found():
    rows = [r if r[0] != "Net interest income" else ("Net interest income", "4,100", "3,900") for r in BANK]
    checks = audit_tables(("Consolidated Statements of Income", rows))
    assert status(checks, "Net interest income") == [("mismatch", Decimal(4_000), Decimal(4_100))]


def test_pretax_income_is_pre_provision_income_less_the_provision():
    summary = [("Net interest income", "$ 50.57", "$ 37.68"), ("Total other income", "20.12", "18.94"),
               ("Total revenue", "70.69", "56.62"), ("Operating expenses", "52.30", "44.65"),
               ("Pretax income before provision for credit losses", "18.39", "11.97"), ("Provision for credit losses", "4.79", "1.22"),
               ("Pretax income", "13.60", "10.75"), ("Income tax expense", "3.97", "3.16"), ("Net income", "$ 9.63", "$ 7.59")]
    checks = audit_tables(("Consolidated Statements of Income (in millions)", summary))
    assert status(checks, "Pretax income before provision for credit losses")[0][0] == "ok"
    assert status(checks, "Pretax income")[0][0] == "ok"


def test_a_summary_in_millions_that_foots_its_own_rounded_lines_is_rounding_against_the_statement():
    # 13.60 = 18.39 - 4.79 in the summary; the statement's 18,397 - 4,790 = 13,607 rounds to 13.61
    summary = [("Total revenue", "$ 70.69", "$ 56.62"), ("Operating expenses", "52.30", "44.65"),
               ("Pretax income before provision for credit losses", "18.39", "11.97"),
               ("Provision for credit losses", "4.79", "1.22"), ("Pretax income", "$ 13.60", "$ 10.75")]
    statement = [("Total revenue", "$ 70,694", "$ 56,619"), ("Total operating expenses", "52,297", "44,649"),
                 ("Pretax income before provision for credit losses", "18,397", "11,970"),
                 ("Provision for credit losses", "4,790", "1,224"), ("Income before income taxes", "$ 13,607", "$ 10,746")]
    text = (release("Acme Bancorp, Inc.", QUARTER_ONLY, summary, 2011, title="Financial Summary (in millions)")
            + "\n" + release("Acme Bancorp, Inc.", QUARTER_ONLY, statement, 2011, title="Consolidated Statements of Income (in thousands)"))
    twice = [c for c in audit_text(text) if c.kind == "twice" and c.period == "Q1 2011" and "retax" in c.subject]
    assert twice and {c.status for c in twice} == {"rounding"}
    assert "adds up from its own rounded lines" in twice[0].note


INSURER = [("Net loss ratio", "57.3%", "64.8%"), ("Underwriting expense ratio", "37.1%", "34.4%"), ("Combined ratio", "94.4%", "99.2%"),
           ("Underlying loss ratio", "55.7%", "60.0%"), ("Underwriting expense ratio", "37.1%", "34.4%"),
           ("Underlying combined ratio", "92.8%", "94.4%")]


INSURER_INCOME = [("Net earned premiums", "$ 308,137", "$ 264,366"), ("Net investment income", "23,156", "19,098"),
                  ("Total revenues", "331,293", "283,464"), ("Losses and loss settlement expenses", "176,486", "171,289"),
                  ("Other underwriting expenses", "114,244", "90,860"), ("Total benefits, losses and expenses", "290,730", "262,149"),
                  ("Income before income taxes", "40,563", "21,315"), ("Federal income tax expense", "8,103", "4,523"),
                  ("Net income", "$ 32,460", "$ 16,792")]


def test_an_insurers_income_statement_foots():
    checks = audit_tables(("Consolidated Statements of Income", INSURER_INCOME))
    assert status(checks, "Income before income taxes")[0][0] == "ok"
    assert not [c for c in checks if c.kind == "footing" and c.status != "ok"]


def test_an_insurers_combined_ratio_is_its_loss_and_expense_ratios():
    checks = audit_tables(("Consolidated Statements of Income", INSURER_INCOME), ("Insurance Operations Highlights", INSURER))
    assert status(checks, "Combined ratio") == [("ok", Decimal("94.4"), Decimal("94.4"))]
    assert status(checks, "Underlying combined ratio") == [("ok", Decimal("92.8"), Decimal("92.8"))]


def test_a_combined_ratio_with_a_ratio_not_printed_is_unverifiable_not_a_mismatch():
    rows = [("Loss ratio", "62.8%", "60.6%"), ("Expense ratio", "30.0%", "31.2%"), ("Combined ratio", "93.1%", "92.1%")]
    checks = audit_tables(("Consolidated Statements of Income", INSURER_INCOME), ("Property & Casualty Operations", rows))
    found = status(checks, "Combined ratio")
    assert found == [("unverifiable", Decimal("92.8"), Decimal("93.1"))]


TREND = ["\tFiscal 2011\t\t\t\t\tFiscal 2012", "\tQ1\tQ2\tQ3\tQ4\tTotal\tQ1\tQ2\tQ3\tQ4\tTotal"]


STATEMENT = [("Revenues", "$ 10,000", "$ 9,000"), ("Cost of revenues", "6,000", "5,500"), ("Operating expenses", "2,500", "2,350"),
             ("Operating income", "1,500", "1,150"), ("Net income", "$ 1,500", "$ 1,150")]


def trend(rows):
    statement = release("Acme Software Corp.", ["\tThree Months Ended May 31,", "\t{y}\t{p}"], STATEMENT, 2012)
    text = statement + "\nQUARTERLY REVENUES TREND\n($ in millions)\n" + "\n".join(TREND) + "\n"
    return audit_text(text + "\n".join("\t".join(r) for r in rows) + "\n")


def test_a_year_beside_its_quarters_is_their_sum():
    rows = [("Services revenues", "995", "1,010", "935", "975", "3,914", "918", "959", "884", "940", "3,704"),
            ("License revenues", "2,000", "2,100", "2,200", "2,300", "8,600", "2,100", "2,200", "2,300", "2,400", "9,000")]
    checks = [c for c in trend(rows) if c.note == "sum of the four quarters"]
    by = {(c.subject, c.period): (c.status, c.difference) for c in checks}
    assert by[("Services revenues", "FY 2011")] == ("rounding", Decimal(-1_000_000))
    assert by[("Services revenues", "FY 2012")] == ("mismatch", Decimal(3_000_000))
    assert by[("License revenues", "FY 2012")] == ("ok", Decimal(0))


def test_a_row_whose_year_is_not_a_sum_gives_no_check():
    rows = [("Average deposits", "100", "110", "120", "130", "115", "140", "150", "160", "170", "155")]
    assert not [c for c in trend(rows) if c.note == "sum of the four quarters"]


def test_an_unlabeled_total_of_adjustments_is_checked_not_added_again():
    recon = [("Net income", "$ 1,100", "$ 860"), ("Interest expense", "100", "90"), ("Provision for income taxes", "300", "200"),
             ("Operating income", "1,500", "1,150"), ("Adjustments:", "", ""), ("Depreciation", "500", "450"),
             ("Stock-based compensation", "120", "100"), ("", "620", "550"), ("Adjusted EBITDA", "2,120", "1,700")]
    checks = audit_tables(("Reconciliation of GAAP to Non-GAAP Financial Measures", recon))
    bridges = {(c.subject, c.period): c.status for c in checks if c.kind == "bridge"}
    assert bridges[("Adjusted EBITDA", "Q1 2011")] == "ok"
    assert bridges[("(unlabeled total of the adjustments)", "Q1 2011")] == "ok"


def test_two_columns_read_under_one_period_are_footed_apart():
    # a quarter and a year both dated December 31 where the header gives no length: one key, two columns
    text = ("Acme Realty Trust\nquarter ended December 31, 2011\n\nNOI AT SHARE BY SEGMENT\n(in thousands)\n"
            "\tDecember 31,\tDecember 31,\n\t2011\t2011\n"
            "New York:\nOffice\t193,215\t706,592\nRetail\t48,238\t191,379\nTotal New York\t241,453\t897,971\n")
    checks = audit_text(text)
    assert not [c for c in checks if c.status == "mismatch"]


def claims_under(text):
    release_text = release("Acme Widgets, Inc.", QUARTER_ONLY, INCOME, 2011, more=text)
    return [c for c in audit_text(release_text) if c.kind == "claim"]


def test_a_claim_under_a_product_heading_is_not_judged_against_the_company():
    claims = claims_under("WIDGETPRO\n\n* Revenues for the first quarter of 2011 grew 37% compared to the first quarter of 2010.\n")
    assert claims and not [c for c in claims if c.status == "mismatch"]
    assert any("under the heading 'WIDGETPRO'" in c.note for c in claims)


def test_a_claim_under_a_full_year_heading_is_about_the_year():
    claims = claims_under("Full-Year 2011 Summary\n\n* Net income increased 18 percent versus the prior year period.\n")
    assert not [c for c in claims if c.status == "mismatch"]


def test_a_claim_under_a_company_heading_is_still_judged():
    claims = claims_under("First Quarter 2011 Highlights\n\n* Revenues for the first quarter of 2011 grew 37% compared to the first quarter of 2010.\n")
    assert [c.status for c in claims if "37%" in c.subject] == ["mismatch"]


def test_a_sentence_about_an_abbreviated_segment_is_not_the_company():
    claims = claims_under("\n* FMS total revenue increased 3% for the first quarter of 2011, compared to the first quarter of 2010.\n")
    assert claims and not [c for c in claims if c.status == "mismatch"]


def test_a_row_read_with_shifted_columns_is_not_a_line_printed_twice():
    # the highlights print the same row as the statement, but one reading put the year's figure under the quarter
    from fusion_cli.check import _shifted
    from fusion_cli.model import Fact

    def fact(line, value, end):
        return Fact("r.txt", "Acme", "income", "t", "Net income", "net_income", end, 3, "Q", Decimal(value), "units",
                    str(value), line, "USD", table_line=line)
    facts = [fact(10, 760, "2011-12-31"), fact(10, 201, "2011-09-30"), fact(20, 201, "2011-12-31"), fact(20, 760, "2010-12-31")]
    assert _shifted(facts[0], facts[2], facts)
    assert not _shifted(facts[0], fact(30, 199, "2011-12-31"), facts + [fact(30, 199, "2011-12-31")])


def test_a_column_missing_a_line_the_others_have_is_not_a_confirmed_mismatch():
    rows = [("Segment revenue:", "", ""), ("Fleet", "", "1,481"), ("Supply chain", "1,340", "1,301"),
            ("Dedicated", "615", "443"), ("Eliminations", "(251)", "(202)"), ("Total revenue", "3,189", "3,023")]
    checks = audit_tables(("Consolidated Statements of Operations", INCOME), ("Segment Revenue", rows))
    assert not [c for c in checks if c.status == "mismatch"]


def test_figures_per_unit_and_unit_counts_are_not_the_line():
    per_ton = claims_under("\nAdjusted EBITDA per ton declined 17% to $19.17 for the first quarter of 2011.\n")
    orders = claims_under("\n* Net sales orders increased 37% year over year to 2,621 for the first quarter of 2011.\n")
    assert not [c for c in per_ton + orders if c.status == "mismatch"]


def test_basic_per_share_beside_diluted_is_judged_against_basic():
    statement = INCOME + [("Basic", "$ 0.89", "$ 1.05"), ("Diluted", "$ 0.88", "$ 1.04")]
    text = release("Acme Widgets, Inc.", QUARTER_ONLY, statement, 2011,
                   more="Net income for the first quarter of 2011 was $1,500, or $0.89 per share ($0.88 per share on a diluted basis).\n")
    claims = [c for c in audit_text(text) if c.kind == "claim" and "0.89" in c.subject]
    assert [c.status for c in claims] == ["ok"]


def test_ebit_beside_operating_income_is_not_one_line_printed_twice():
    kpis = [("Revenues", "$ 10,000", "$ 9,000"), ("EBIT*", "1,600", "1,200")]
    checks = audit_tables(("Consolidated Statements of Operations", INCOME), ("Non-GAAP measures", kpis))
    assert not [c for c in checks if c.kind == "twice" and c.status == "mismatch"]


def test_a_header_only_table_above_a_titled_table_is_not_its_caption():
    text = ("Acme Bank Reports\n\n| Year Ended December 31 | Fourth Quarter | Third Quarter | Fourth Quarter |\n|---|---|---|---|\n"
            "| 2024 | 2023 | 2024 | 2024 | 2023 |\n\nReconciliation of income before income taxes to pretax, pre-provision income\n\n"
            "| | Fourth Quarter 2024 | Third Quarter 2024 | Fourth Quarter 2023 |\n|---|---|---|---|\n"
            "| Income before income taxes | $ 7,108 | $ 7,324 | $ 3,124 |\n| Provision for credit losses | 1,452 | 1,542 | 1,104 |\n"
            "| Pretax, pre-provision income | $ 8,560 | $ 8,866 | $ 4,228 |\n\nConsolidated Statement of Income\n\n"
            "| | Fourth Quarter 2024 | Third Quarter 2024 |\n|---|---|---|\n| Net interest income | 100 | 90 |\n"
            "| Noninterest income | 50 | 40 |\n| Total revenue | 150 | 130 |\n| Net income | 20 | 10 |\n")
    facts = extract_bytes("r.md", text.encode()).facts
    ppnr = {f.period_end: f.value for f in facts if f.concept == "pre_provision_income"}
    assert ppnr == {"2024-12-31": Decimal(8560), "2024-09-30": Decimal(8866), "2023-12-31": Decimal(4228)}


def test_lines_of_text_between_two_fixed_width_headers_end_the_first_one():
    text = ("Acme Brands Reports Fourth Quarter Results\n\n"
            "                   CONDENSED CONSOLIDATED STATEMENTS OF INCOME\n                         (in thousands)\n"
            "                         Quarters Ended                 Years Ended\n"
            "                   December 28,  December 30,  December 28,    December 30,\n"
            "                       2024          2023           2024            2023\n"
            "Net sales          $890,000      $850,000      $3,500,000      $3,600,000\n"
            "Cost of sales       500,000       509,000       2,140,000       2,308,000\n"
            "Gross profit        390,000       341,000       1,360,000       1,292,000\n"
            "Net income           60,000        31,000         160,000         142,000\n\n"
            "Debt extinguishment            Represents the loss on the redemption of the\n"
            "                               notes at the time of settlement in the first quarter of\n"
            "                               2023.\n"
            "Headcount actions              Represents severance paid in connection with the\n"
            "                               closing of the distribution centers in the year.\n\n"
            "                         Quarters Ended                 Years Ended\n"
            "                   December 28,  December 30,  December 28,    December 30,\n"
            "                       2024          2023           2024            2023\n"
            "Gross profit, as\n reported under GAAP $390,000   $341,000      $1,360,000      $1,292,000\n"
            "Headcount actions\n and related severance  --         156              36           1,025\n"
            "Gross profit, as\n adjusted          $390,000      $341,156      $1,360,036      $1,293,025\n")
    facts = [f for f in extract_bytes("r.txt", text.encode()).facts if f.label.startswith("Headcount")]
    assert [(f.period_end, f.period_months, f.unit, f.value) for f in facts] == [
        ("2024-12-28", 3, "USD", Decimal(0)), ("2023-12-30", 3, "USD", Decimal(156_000)),
        ("2024-12-28", 12, "USD", Decimal(36_000)), ("2023-12-30", 12, "USD", Decimal(1_025_000))]
