"""The fiscal calendar, in one place: 52/53-week years, the month a fiscal year ends, fiscal quarters and labels.

A 52/53-week year (a retailer's, a restaurant chain's) ends on a weekday near a month's end, sometimes in the
first days of the next month (February 1, 2025 closes January); `closing_month` is that rule, used by every
other function here and by every module that needs it.
"""
from __future__ import annotations

import calendar
import functools
from collections import Counter
from collections.abc import Iterable
from datetime import date, timedelta
from typing import NamedTuple


def closing_month(end: date) -> int:
    """The month a period ending on `end` closes: a 52/53-week period ending in a month's first week closes the one
    before (February 1, 2025 closes January)."""
    return end.month if end.day > 7 else (end.month - 2) % 12 + 1


def year_end_month(end: date, months: int) -> int:
    """The fiscal year's last month implied by a year-to-date period (6, 9 or 12 months) ending on `end`."""
    return (closing_month(end) - months - 1) % 12 + 1


def voted_year_end(periods: Iterable[tuple[date, int]]) -> int | None:
    """The year-end month most year-to-date periods (end, months) imply; None when none is year-to-date."""
    votes: Counter[int] = Counter()
    for end, months in periods:
        if months in (6, 9, 12):  # an end in a month's first week closes the month before only perhaps: it weighs less
            votes[year_end_month(end, months)] += 10 if end.day > 7 else 9
    return votes.most_common(1)[0][0] if votes else None


def months_from_year_start(end: date, fy_end: int) -> int:
    """Months from the start of the fiscal year to `end` (a 52/53-week period ends early in the month after)."""
    return (closing_month(end) - fy_end - 1) % 12 + 1


def anchored(end: date, quarter: int | None, anchors: frozenset[date]) -> date:
    """An inferred month end moved onto the release's own dates: the printed date near it, else thirteen
    weeks per quarter back from the printed end of its fiscal year when that year ends on a weekday."""
    near = min(anchors, key=lambda a: abs((a - end).days))
    if abs((near - end).days) <= 10:
        return near
    if not quarter:
        return end
    year_end = _month_end(end, 3 * (4 - quarter))
    near = min(anchors, key=lambda a: abs((a - year_end).days))
    if abs((near - year_end).days) <= 10 and near.day != calendar.monthrange(near.year, near.month)[1]:
        return near - timedelta(weeks=13 * (4 - quarter))
    return end


_WEEKS = {3: 13, 6: 26, 9: 39, 12: 52}


def opening_date(end: date, months: int, anchors: frozenset[date] = frozenset()) -> tuple[date, bool]:
    """The day before a period began: the end of the one before it (a balance at the beginning of a period).

    True with it when the release prints that date (a balance sheet's prior column), False when inferred."""
    if end.day == calendar.monthrange(end.year, end.month)[1]:
        start = _month_end(end, -months)
    else:  # a 52/53-week year: whole weeks back
        start = end - timedelta(weeks=_WEEKS.get(months, round(months * 4.345)))
    if anchors:
        near = min(anchors, key=lambda a: abs((a - start).days))
        if abs((near - start).days) <= 7:
            return near, True
    return start, False


def _month_end(day: date, months: int) -> date:
    """The last day of the month `months` after `day`'s month."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, calendar.monthrange(year, month + 1)[1])


class FiscalQuarter(NamedTuple):
    """The fiscal quarter a date closes, and the number of that quarter's fiscal year."""

    quarter: int  # 1-4
    year: int  # the fiscal year as the company numbers it


@functools.lru_cache(maxsize=8192)
def fiscal_quarter(end: date, fy_end: int = 12, offset: int = 0) -> FiscalQuarter:
    """Which quarter of which fiscal year ends on `end`, for a year ending in month `fy_end`.

    `offset` is how the company numbers its years: 0 by the calendar year the fiscal year ends in
    (Microsoft's year to June 30, 2024 is fiscal 2024), -1 by the year it starts in (a retailer's
    year to February 1, 2025 is fiscal 2024)."""
    month = closing_month(end)
    year = end.year if end.day > 7 or end.month != 1 else end.year - 1
    fy = year if month <= fy_end else year + 1
    return FiscalQuarter(((month - fy_end - 1) % 12) // 3 + 1, fy + offset)


@functools.lru_cache(maxsize=8192)  # one string per period label, shared by every value of it
def fiscal_label(end: date | None, months: int | None, fy_end: int = 12, offset: int = 0) -> str:
    """`Q1 2011`, `6M 2010`, `9M 2009`, `FY 2010`; a balance-sheet date gets its quarter's label.

    `offset` (see `fiscal_quarter`) changes only the year's number, never the label's form."""
    if end is None:
        return ""
    quarter, fy = fiscal_quarter(end, fy_end, offset)
    if months in (0, 3, None):
        return f"Q{quarter} {fy}"
    if months == 12:  # twelve months to the end of another quarter are the trailing year, not a fiscal year
        return f"FY {fy}" if quarter == 4 else f"LTM Q{quarter} {fy}"
    return f"{months}M {fy}"
