"""fiscal.py: how a release names its fiscal periods, read from its words and matched to its columns."""
from collections import Counter
from datetime import date

import pytest
from conftest import SHARED

from fusion_cli.calendar_rules import fiscal_label
from fusion_cli.fiscal import (
    FiscalNaming,
    find_mentions,
    plain_text,
    read_fiscal_naming,
)
from fusion_cli.periods import Column, to_period


def named(text):
    """(quarter, year, end) of each period a text names; quarter 0 is a whole year."""
    return [(m.quarter, m.year, m.end) for m in find_mentions(plain_text([text]))]


# --- the phrases --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Net sales for the third quarter of fiscal 2024 rose 3%.",
    "Acme's fiscal 2024 third quarter sales rose 3%.",
    "Q3 fiscal 2024 sales rose 3%.",
    "Q3 FY24 sales rose 3%.",
    "FY24 Q3 sales rose 3%.",
    "Sales in Q3'24 rose 3%.",
    "3Q24 sales rose 3%.",
    "the third fiscal quarter of 2024",
    "the fiscal third quarter of fiscal year 2024",
    "Third-Quarter 2024 Results",
    "the 2024 third quarter",
])
def test_a_quarter_named_with_its_year(text):
    assert named(text) == [(3, 2024, None)]


def test_a_quarter_and_its_year_named_together():
    assert named("Acme Reports Fourth Quarter and Fiscal Year 2024 Results") == [(4, 2024, None), (0, 2024, None)]
    assert named("fourth quarter and full year 2024") == [(4, 2024, None), (0, 2024, None)]
    assert named("Fourth Quarter and Year-End 2024 Results") == [(4, 2024, None), (0, 2024, None)]


def test_a_whole_year():
    assert named("Net sales rose 18% compared to $8.6 billion in fiscal 2021.") == [(0, 2021, None)]
    assert named("For fiscal year 2024, revenue was up 3%.") == [(0, 2024, None)]
    assert named("Full-Year 2024 Highlights") == [(0, 2024, None)]
    assert named("revenue for 2024 rose") == []  # a bare year names no fiscal period


def test_a_year_without_the_word_fiscal():
    assert named("Results for the first quarter of 2025") == [(1, 2025, None)]


def test_a_period_named_with_its_end_date():
    feb1 = date(2025, 2, 1)
    assert named("for the fiscal year ended February 1, 2025.") == [(0, None, feb1)]
    assert named("Fiscal 2024 ended February 1, 2025.") == [(0, 2024, feb1)]
    assert named("in fiscal 2024 (52 weeks ended February 1, 2025)") == [(0, 2024, feb1)]
    assert named("the third fiscal quarter ended June 30, 2026") == [(3, None, date(2026, 6, 30))]
    assert named("RESULTS FOR THE FISCAL YEAR ENDED FEBRUARY 1, 2025") == [(0, None, feb1)]
    assert named("its fiscal fourth quarter and fiscal year ended May 31, 2014.") == [
        (4, None, date(2014, 5, 31)), (0, None, date(2014, 5, 31))]
    assert named("for its fourth quarter and fiscal year 2026, which ended June 28, 2026") == [
        (4, 2026, date(2026, 6, 28)), (0, 2026, date(2026, 6, 28))]


def test_a_date_after_a_comparison_is_not_the_periods_end():
    assert named("the first quarter of fiscal 2025 compared to the quarter ended December 30, 2023") == [(1, 2025, None)]
    assert named("the quarter ended December 28, 2024") == []  # no quarter's number: nothing to match


def test_dates_and_amounts_are_not_years():
    assert named("at December 31, 2024 fourth quarter backlog was up") == []
    assert named("up 5% to $2,024.5 million in the first quarter") == []


def test_a_phrase_may_wrap_across_lines():
    text = plain_text(["Ulta Beauty Announces Fourth Quarter", "Fiscal 2022 Results"])
    assert [(m.quarter, m.year) for m in find_mentions(text)] == [(4, 2022)]


# --- the naming -------------------------------------------------------------------------------------------

RETAILER = [  # fiscal 2024 ran from February 4, 2024 to February 1, 2025
    "Acme Stores Reports Third Quarter Fiscal 2024 Results",
    "Net sales for the third quarter of fiscal 2024 increased 4% to $2.1 billion compared to the third",
    "quarter of fiscal 2023. For fiscal 2024, the Company expects comparable sales growth of 2%.",
]
RETAILER_ENDS = [(date(2024, 11, 2), 3), (date(2024, 11, 2), 9), (date(2023, 10, 28), 3), (date(2023, 10, 28), 9),
                 (date(2024, 2, 3), 0)]


def test_a_retailer_numbers_its_year_by_the_year_it_starts_in():
    naming = read_fiscal_naming(RETAILER, RETAILER_ENDS, 1)
    assert (naming.fy_end, naming.offset) == (1, -1)
    assert "starts in" in naming.why and "Third Quarter Fiscal 2024" in naming.why
    assert fiscal_label(date(2024, 11, 2), 3, naming.fy_end, naming.offset) == "Q3 2024"
    assert fiscal_label(date(2024, 11, 2), 9, naming.fy_end, naming.offset) == "9M 2024"
    assert fiscal_label(date(2024, 11, 2), 3, 1) == "Q3 2025"  # what the columns alone say


def test_a_headline_names_the_release_period_not_the_year_ago_column():
    # under offset 0 both mentions would name the year-ago column (Q3 2024 = quarter to October 2023)
    prose = ["Acme Stores Reports Third Quarter Fiscal 2024 Results",
             "Sales in the third quarter of fiscal 2024 rose 4% over the prior-year quarter."]
    assert read_fiscal_naming(prose, RETAILER_ENDS, 1)[:2] == (1, -1)


def test_a_retailers_year_named_with_its_end_date():
    prose = ["Acme Stores reported net sales of $9.1 billion for fiscal 2024 ended February 1, 2025."]
    ends = [(date(2025, 2, 1), 12), (date(2024, 2, 3), 12)]
    assert read_fiscal_naming(prose, ends, 1)[:2] == (1, -1)
    assert fiscal_label(date(2025, 2, 1), 12, 1, -1) == "FY 2024"


def test_walmart_numbers_its_year_by_the_year_it_ends_in():
    prose = [
        "Walmart Releases Q4 FY25 Earnings",
        "Walmart Inc. reported results for the fourth quarter of fiscal 2025, compared to the fourth quarter of fiscal 2024.",
        "For the fiscal year ended January 31, 2025, revenue was $681 billion. Fiscal 2026 guidance follows.",
    ]
    ends = [(date(2025, 1, 31), 3), (date(2025, 1, 31), 12), (date(2024, 1, 31), 3), (date(2024, 1, 31), 12)]
    naming = read_fiscal_naming(prose, ends, 1)
    assert (naming.fy_end, naming.offset) == (1, 0)
    assert fiscal_label(date(2025, 1, 31), 12, naming.fy_end, naming.offset) == "FY 2025"


def test_a_september_year_end_read_from_a_release_with_only_quarter_columns():
    prose = [
        "Ark Restaurants Announces Financial Results for the First Quarter of Fiscal 2025",
        "Total revenues for the 13-week first quarter of fiscal 2025 ended December 28, 2024 were $43.2 million",
        "compared to $46.4 million for the first quarter of fiscal 2024.",
    ]
    ends = [(date(2024, 12, 28), 3), (date(2023, 12, 30), 3), (date(2024, 9, 28), 0)]
    naming = read_fiscal_naming(prose, ends, None)
    assert (naming.fy_end, naming.offset) == (9, 0)
    assert "from the text" in naming.why
    assert fiscal_label(date(2024, 12, 28), 3, naming.fy_end, naming.offset) == "Q1 2025"
    assert fiscal_label(date(2024, 12, 28), 3) == "Q4 2024"  # what the default year end says


def test_a_headline_alone_sets_the_year_end():
    naming = read_fiscal_naming(["Ark Restaurants Reports First Quarter Fiscal 2025 Results"],
                                [(date(2024, 12, 28), 3)], None)
    assert (naming.fy_end, naming.offset) == (9, 0)


def test_a_calendar_year_company_is_left_as_it_is():
    prose = ["XYZ Corp. Reports Third Quarter 2025 Results",
             "Revenue for the third quarter of 2025 was $1.2 billion, up from the third quarter of 2024.",
             "Full year 2025 outlook raised."]
    ends = [(date(2025, 9, 30), 3), (date(2025, 9, 30), 9), (date(2024, 9, 30), 3), (date(2024, 9, 30), 9)]
    for fy_end in (12, None):
        naming = read_fiscal_naming(prose, ends, fy_end)
        assert (naming.fy_end, naming.offset) == (12, 0)
        assert "Third Quarter 2025" in naming.why


def test_a_calendar_year_is_never_numbered_by_the_year_before():
    # the headline names the prior year's column, yet a January-December year is never `fiscal 2024` in 2025
    naming = read_fiscal_naming(["XYZ Reports Fourth Quarter 2024 Results"], [(date(2025, 12, 31), 3)], 12)
    assert (naming.fy_end, naming.offset) == (12, 0)


def test_conflicting_names_keep_the_default():
    prose = ["Acme Stores Reports Third Quarter Fiscal 2024 Results",
             "Net sales in the third quarter of fiscal 2025 rose 4%."]  # one quarter, two year numbers
    naming = read_fiscal_naming(prose, [(date(2024, 11, 2), 3)], 1)
    assert naming == FiscalNaming(1, 0, naming.why)
    assert "two ways" in naming.why and "kept month 1" in naming.why


def test_one_mention_that_is_not_the_headline_is_too_little():
    prose = ["Acme expects fiscal 2026 comparable sales to grow.", "Sales in the third quarter of fiscal 2024 rose."]
    naming = read_fiscal_naming(prose, [(date(2024, 11, 2), 3)], 1)
    assert (naming.fy_end, naming.offset) == (1, 0)
    assert naming.why.startswith("only 'third quarter of fiscal 2024'")


def test_no_named_period_keeps_the_default():
    naming = read_fiscal_naming(["Revenue rose 4% in the quarter."], [(date(2024, 6, 30), 3)], None)
    assert naming == FiscalNaming(12, 0, naming.why)
    assert naming.why.startswith("no fiscal period")
    assert read_fiscal_naming([], [], 6)[:2] == (6, 0)


def test_a_stray_column_is_not_the_release_period():
    # a financial calendar's `Interim report January-March 2025` printed once among many Q4 2024 columns
    ends = [(date(2024, 12, 31), 3)] * 6 + [(date(2024, 12, 31), 12)] * 6 + [(date(2025, 3, 31), 3)]
    naming = read_fiscal_naming(["Kemira Q4 2024: good volume growth in Q4 2024"], ends, 12)
    assert "headline 'Q4 2024' names the latest period" in naming.why


# --- the label and the undated columns follow the offset ------------------------------------------------

def test_fiscal_label_offset_changes_only_the_year():
    assert fiscal_label(date(2023, 1, 28), 3, 1, -1) == "Q4 2022"
    assert fiscal_label(date(2023, 1, 28), 12, 1, -1) == "FY 2022"
    assert fiscal_label(date(2022, 7, 30), 6, 1, -1) == "6M 2022"
    assert fiscal_label(date(2023, 1, 28), 3, 1) == "Q4 2023"  # offset 0 is today's label


def test_an_undated_column_of_a_year_numbered_by_its_start():
    quarter = Column("period", 0, 1, "Q3 2024", year=2024, months=3, quarter=3)
    year = Column("period", 0, 1, "Fiscal 2024", year=2024, months=12)
    q3, fy = to_period(quarter, "income", fy_end=1, offset=-1), to_period(year, "income", fy_end=1, offset=-1)
    assert (q3.end, q3.fiscal) == (date(2024, 10, 31), "Q3 2024")
    assert (fy.end, fy.fiscal) == (date(2025, 1, 31), "FY 2024")
    assert to_period(quarter, "income", fy_end=1).end == date(2023, 10, 31)  # offset 0: fiscal 2024 ends January 2024


# --- the corpus -------------------------------------------------------------------------------------------

CORPUS = SHARED / "corpus"
EXPECTED = {  # file: (fy_end, offset, label of the latest quarter, label of the latest year or None)
    "ulta-q4-fy2022.md": (1, -1, "Q4 2022", "FY 2022"),  # fiscal 2022 ended January 28, 2023
    "microsoft-q4-fy2024.md": (6, 0, "Q4 2024", "FY 2024"),
    "strt-q4-fy2026.md": (6, 0, "Q4 2026", "FY 2026"),  # a 52/53-week year ended June 28, 2026
    "oracle-q4-fy2014.txt": (5, 0, "Q4 2014", "FY 2014"),
    "brbr-q3-fy2026.md": (9, 0, "Q3 2026", None),
}
CALENDAR = ["caterpillar-q1-2022.txt", "cathay-q3-2025.htm", "ct-reit-q4-2024.md", "ebay-q3-2025.md", "etsy-q3-2025.md",
            "figs-q3-2025.md", "first-quantum-q4-2024.md", "kemira-q4-2024.md", "krt-q2-2026.md", "peapack-q3-2025.md",
            "ufg-q4-2024.md", "wayfair-q3-2025.md", "yeti-q3-2025.md"]


def _corpus_naming(name):
    from fusion_cli.extract import extract_path
    from fusion_cli.read import load

    path = CORPUS / name
    if not path.is_file():
        pytest.skip(f"{path} is not beside the checkout")
    prose = [line.text for line in load(path).lines if line.cells is None]
    ends = [(date.fromisoformat(f.period_end), f.period_months) for f in extract_path(path).facts
            if f.period_end and f.period_months is not None]
    return read_fiscal_naming(prose, ends, _year_end_of(ends)), ends


def _year_end_of(ends):
    """The year-end month the year-to-date columns show (as the extraction votes it), None without one."""
    votes = Counter()
    for end, months in ends:  # one vote a fact, as series.py counts them
        if months in (6, 9, 12):
            month = end.month if end.day > 7 else (end.month - 2) % 12 + 1
            votes[(month - months - 1) % 12 + 1] += 1
    return votes.most_common(1)[0][0] if votes else None


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_corpus_fiscal_naming(name):
    fy_end, offset, quarter, year = EXPECTED[name]
    naming, ends = _corpus_naming(name)
    assert (naming.fy_end, naming.offset) == (fy_end, offset), naming.why
    latest = max(e for e, m in ends if m == 3)
    assert fiscal_label(latest, 3, naming.fy_end, naming.offset) == quarter
    if year:  # the year the latest quarter closes
        assert (latest, 12) in ends and fiscal_label(latest, 12, naming.fy_end, naming.offset) == year


@pytest.mark.parametrize("name", CALENDAR)
def test_corpus_calendar_years_unchanged(name):
    naming, _ends = _corpus_naming(name)
    assert (naming.fy_end, naming.offset) == (12, 0), naming.why
