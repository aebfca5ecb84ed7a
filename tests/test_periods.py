from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from fusion_cli import periods as reading
from fusion_cli.calendar_rules import fiscal_label
from fusion_cli.headers import read_columns
from fusion_cli.model import Cell, Line
from fusion_cli.periods import Column, is_header, to_period
from fusion_cli.read import clean_text_line


def periods(*lines, statement="income"):
    cols = read_columns([clean_text_line(text, i + 1) for i, text in enumerate(lines)])
    return [(c.kind, to_period(c, statement) if c.kind == "period" else None) for c in cols]


def ends(*lines, statement="income"):
    return [(p.end, p.months) for kind, p in periods(*lines, statement=statement) if kind == "period"]


def test_tab_header_broken_by_a_stray_tab():
    assert ends("\tThree Months En\tnded March 31,", "\t2011\t2010") == [(date(2011, 3, 31), 3), (date(2010, 3, 31), 3)]


def test_pipe_header_over_three_lines():
    got = ends("|   | Three Months Ended |   |", "|   | September 30,  |   |", "|   | 2009   | 2008  |")
    assert got == [(date(2009, 9, 30), 3), (date(2008, 9, 30), 3)]


def test_balance_sheet_dates_have_zero_months():
    got = ends("\tMarch 31, 2011\tDecember 31, 2010", statement="balance")
    assert got == [(date(2011, 3, 31), 0), (date(2010, 12, 31), 0)]


def test_three_and_twelve_month_groups():
    got = ends("Three Months Ended | Twelve Months Ended", "June 28, 2026 | June 29, 2025 | June 28, 2026 | June 29, 2025")
    assert [m for _, m in got] == [3, 3, 12, 12]


def test_fixed_width_with_change_columns():
    got = periods("                  Three Months Ended          Nine Months Ended",
                  "                     September 30,              September 30,",
                  "                 2009     2008   Change     2009     2008  % Change")
    assert [k for k, _ in got] == ["period", "period", "change", "period", "period", "change"]
    assert [p.months for k, p in got if p] == [3, 3, 9, 9]


def test_bare_year_borrows_the_date_beside_it():
    got = ends("| | Three Months Ended | | Nine Months Ended | |", "| | September 30, 2025 | 2024 | September 30, 2025 | 2024 |")
    assert got == [(date(2025, 9, 30), 3), (date(2024, 9, 30), 3), (date(2025, 9, 30), 9), (date(2024, 9, 30), 9)]


def test_spans_that_do_not_repeat_their_years_take_the_first_span_and_say_so():
    cols = read_columns([clean_text_line(t, i + 1) for i, t in enumerate(
        ["Three months ended | Nine months ended", "September 30, 2025 | September 30, 2024"])])
    assert [(c.year, c.months) for c in cols] == [(2025, 3), (2024, 3)]  # a converter dropped the nine-month columns
    assert all("do not repeat their years" in c.why for c in cols)
    cols = read_columns([clean_text_line(t, i + 1) for i, t in enumerate(
        ["Three months ended | Nine months ended", "September 30, 2025 | September 30, 2025 | September 30, 2024"])])
    assert [c.months for c in cols] == [None, None, None]  # nothing says which span is whose


def test_weeks_and_quarter_words():
    assert [m for _, m in ends("13 Weeks Ended | 39 Weeks Ended", "September 27, 2025 | September 27, 2025")] == [3, 9]
    got = periods("Third Quarter 2025 2024 | Change")
    assert got[0][1].end == date(2025, 9, 30) and got[0][1].guessed


def test_an_undated_quarter_of_a_fiscal_year_ends_in_the_year_before_when_the_year_ends_mid_calendar():
    def quarter(q, year):
        return Column("period", 0, 1, f"Q{q} {year}", year=year, months=3, quarter=q)

    first, third = to_period(quarter(1, 2026), "income", fy_end=6), to_period(quarter(3, 2026), "income", fy_end=6)
    assert (first.end, first.fiscal, first.guessed) == (date(2025, 9, 30), "Q1 2026", True)  # fiscal 2026 began July 2025
    assert (third.end, third.fiscal) == (date(2026, 3, 31), "Q3 2026")
    assert to_period(quarter(1, 2026), "income").end == date(2026, 3, 31)  # a calendar fiscal year


def test_fiscal_labels():
    assert fiscal_label(date(2011, 3, 31), 3) == "Q1 2011"
    assert fiscal_label(date(2009, 9, 30), 9) == "9M 2009"
    assert fiscal_label(date(2010, 12, 31), 12) == "FY 2010"
    assert fiscal_label(date(2026, 6, 28), 3, fy_end=6) == "Q4 2026"
    assert fiscal_label(date(2025, 10, 2), 3, fy_end=12) == "Q3 2025"  # 52/53-week quarter ending early in a month


def test_header_detection():
    assert is_header(clean_text_line("\t2011\t2010", 1))
    assert is_header(clean_text_line("| EBITDA Calculations | Three Months Ended | |", 1))
    assert not is_header(clean_text_line("As of March 31, 2011 and December 31, 2010, the Company had current assets of $2.4 million", 1))
    assert not is_header(clean_text_line("Revenues\t$ 10,204,280\t$ 9,588,632", 1))


def test_cash_flow_columns_with_only_a_date_run_from_the_fiscal_year_start():
    def column(year, month, day):
        return Column("period", 0, 1, f"{month}/{day}/{year}", year=year, month=month, day=day)

    nine = to_period(column(2025, 9, 30), "cashflow")
    assert (nine.end, nine.months, nine.fiscal, nine.assumed_length) == (date(2025, 9, 30), 9, "9M 2025", True)
    assert to_period(column(2026, 6, 28), "cashflow", fy_end=6).months == 12  # a 52/53-week year end
    assert to_period(column(2025, 11, 2), "cashflow", fy_end=1).months == 9  # a quarter ending early in a month
    assert to_period(column(2025, 9, 30), "income").months is None  # only cash flows are read this way
    assert to_period(column(2025, 8, 31), "cashflow").months is None  # not a quarter end: left unknown


# Header-like text: period words, fillers, label words, numbers and the punctuation tables print.
_WORDS = ["Three", "months", "ended", "September", "Sept.", "30,", "2025", "2024", "Q3", "3Q", "1st", "quarter", "fiscal",
          "Year", "to", "date", "YTD", "weeks", "13", "% of net sales", "% Change", "change", "increase/(decrease)", "Y/Y",
          "as of", "Balance at", "(unaudited)", "in thousands", "Revenue", "Net income", "Total", "1,234", "(567)", "12.5",
          "$", "%", "—", "|", "June 30,123", "1.5", "ſales", "İncome", "K", "2025-09-30", "H1", "half", "first", "fifty-two"]
_HEADERISH = st.lists(st.sampled_from(_WORDS) | st.text(alphabet="abcdefghijklmnopqrstuvwxyzQ0123456789 ,.()$%-/", max_size=8),
                      max_size=12)


@settings(max_examples=600, deadline=None)
@given(_HEADERISH, st.sampled_from([" ", "  ", ""]))
def test_fast_token_scan_finds_what_the_token_pattern_finds(words, sep):
    text = sep.join(words)
    expected = [(m.start(), m.end(), m.lastgroup) for m in reading._TOKEN.finditer(text)]
    assert [(m.start(), m.end(), m.lastgroup) for m in reading.find_tokens(text)] == expected


@settings(max_examples=600, deadline=None)
@given(_HEADERISH, st.booleans())
def test_quick_refusals_never_refuse_a_header(words, as_cells):
    if as_cells:
        cells = tuple(Cell(w, i, i + 1) for i, w in enumerate(words))
        line = Line(1, " | ".join(w for w in words if w), cells, "pipe")
    else:
        line = Line(1, "  ".join(words))
    if reading._reads_as_header(line):
        assert reading._HEADER_HINT.search(reading._folded(line.text))
        assert not reading._plainly_not_header(line)


def test_quick_refusals():
    assert reading._plainly_not_header(clean_text_line("Cost of revenue  1,234  1,100", 1))  # an amount with separators
    assert reading._plainly_not_header(clean_text_line("| Net income | 11.3 | 5.4 |", 1))  # a cell holding a decimal
    assert reading._plainly_not_header(clean_text_line("Management expects strong demand next quarter", 1))  # plain words
    assert not reading._plainly_not_header(clean_text_line("Three Months Ended September 30, 2025", 1))
    assert not reading._plainly_not_header(clean_text_line("June 30,123", 1))  # could be a date: read in full
