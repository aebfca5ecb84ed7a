"""Small releases written for the tests: tab-separated tables, as newswire text comes."""
from __future__ import annotations

QUARTER_AND_YTD = ["\tThree Months Ended September 30,\t\tNine Months Ended September 30,", "\t{y}\t{p}\t{y}\t{p}"]
YEAR_ONLY = ["\tYear Ended December 31,", "\t{y}\t{p}"]
QUARTER_ONLY = ["\tThree Months Ended {month} {day},", "\t{y}\t{p}"]


def release(company: str, header: list[str], rows: list[tuple[str, ...]], year: int, month: str = "March", day: int = 31,
            title: str = "Consolidated Statements of Operations", more: str = "") -> str:
    """A release: headline, a company line, a titled table with the given header and rows, then more text."""
    head = [h.format(y=year, p=year - 1, month=month, day=day) for h in header]
    lines = [f"{company} Reports Results", "", f"{company} today announced its results.", "", company, title, "", *head]
    lines += ["\t".join(row) for row in rows]
    return "\n".join(lines) + "\n\n" + more


def write(folder, name: str, text: str):
    """Write a release into a folder and return its path."""
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path
