from datetime import date

from fusion_cli.periods import Column, fiscal_label, is_header, read_columns, to_period
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


def test_spans_that_do_not_repeat_their_years_are_not_trusted():
    got = ends("Three months ended | Nine months ended", "September 30, 2025 | September 30, 2024")
    assert [m for _, m in got] == [None, None]


def test_weeks_and_quarter_words():
    assert [m for _, m in ends("13 Weeks Ended | 39 Weeks Ended", "September 27, 2025 | September 27, 2025")] == [3, 9]
    got = periods("Third Quarter 2025 2024 | Change")
    assert got[0][1].end == date(2025, 9, 30) and got[0][1].guessed


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
