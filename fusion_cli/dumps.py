"""Text dumps whose table structure was lost -> rows of cells.

Web pages copied as text and some PDF converters print a table ONE CELL PER LINE: a label line, then
one line per value (`$`, `)` and `%` sometimes on lines of their own), with the period header spread
over several lines (`Three Months Ended` / `June 30,` / `2024` / `2023`). This reader finds runs of
such lines and turns them back into rows of cells, one row per label, for the shared table reader.
It knows nothing of periods or concepts: it only proposes rows; placing values is done downstream,
where a row with too few values for the table's period columns is reported, not guessed.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from .amounts import detect_scale, parse_amount
from .blocks import rebuild as rebuild_blocks
from .model import Cell, Finding, Line
from .periods import is_dateline, is_header, names_period, unglue

CONNECTOR_END = re.compile(r"(?:,|-|–|/|&|\b(?:and|of|or|to|for|in|on|before|from|with|by|the|less|under|at|per|including|excluding|attributable|applicable|available))$", re.I)  # a label that goes on
_LIMIT = 20_000  # lines held at most before a run is decided
_AFFIXES = {"$", ")", "%", ")%", "%)", "$(", "($", "€", "£"}
_SENTENCE_END = re.compile(r"\b[a-z]{3,}[.;!?](?:\s|$)")
_YEAR = re.compile(r"(?:19|20)\d\d")


def is_prose(text: str) -> bool:
    """A sentence or paragraph, not a table line: many words, or several words ending a sentence."""
    words = text.split()
    if len(words) < 30 and _STOCK_CAPTION.search(text) and not text.rstrip().endswith("."):
        # `Preferred stock $0.005 par value; 100,000,000 shares authorized; none issued`, and its wrapped lines: an
        # equity row; a sentence on shares issued ends with its full stop
        return False
    if len(words) >= 20:
        return True
    return len(words) >= 9 and bool(_SENTENCE_END.search(text))


_STOCK_CAPTION = re.compile(r"(?i)\bpar value\b|\bshares? (?:authorized|issued)\b")


def is_value_line(text: str) -> bool:
    """A line that is one printed amount or one of its loose pieces (`$`, `)`, `%`)."""
    text = text.strip()
    if not text or len(text) > 24:
        return False
    if text in _AFFIXES:
        return True
    if sum(1 for tok in text.split() if any(ch.isdigit() for ch in tok)) > 1:
        return False  # `1995   1994`: two numbers, not one
    return parse_amount(text.replace(" ", "")) is not None and not text[:1].isalpha()


def restack(lines: Iterable[Line], findings: list[Finding] | None = None, name: str = "") -> Iterator[Line]:
    """The document's lines, with runs of one-cell-per-line tables and of label-block tables rebuilt as rows of cells."""
    run: list[Line] = []
    for line in lines:
        if line.cells is None and not is_prose(line.text) and len(run) < _LIMIT:
            run.append(line)
            continue
        if run:
            yield from _rebuild(run, findings, name)
            run = []
        if line.cells is None and not is_prose(line.text):
            run.append(line)
        else:
            yield line
    if run:
        yield from _rebuild(run, findings, name)


def _rebuild(run: list[Line], findings: list[Finding] | None, name: str) -> list[Line]:
    """Rows of cells for a run of short lines that is a one-cell-per-line table; the run as it was otherwise."""
    blocks = rebuild_blocks(run, _header_piece, findings, name)
    if blocks is not None:
        return blocks
    filled = [line for line in run if line.text.strip()]
    values = sum(1 for line in filled if is_value_line(line.text) and not _YEAR.fullmatch(line.text.strip()))
    first = next((k for k, line in enumerate(filled) if is_value_line(line.text) and not _YEAR.fullmatch(line.text.strip())), 0)
    head = next((k for k, line in enumerate(filled[:first]) if _header_piece(line)), None)  # a header before the values
    body = len(filled) - (head or 0)  # a small table counts from its header
    lone = sum(1 for line in filled if is_value_line(line.text))  # years of a header count here too
    small = head is not None and body <= 12  # a header, a row or two: too short to judge by proportions
    if values < (1 if head is not None else 6) or (lone < 0.3 * body and not small) or not _one_per_line(filled):
        return run
    return list(_rows(filled))


def _one_per_line(lines: list[Line]) -> bool:
    """Most lines hold one value, and labels stand alone: not a fixed-width table whose rows end in numbers."""
    with_numbers = 0
    for line in lines:
        if not is_value_line(line.text) and _ends_in_amount(line.text):
            with_numbers += 1
    return with_numbers <= 0.1 * len(lines)


def _ends_in_amount(text: str) -> bool:
    parts = text.split()
    return len(parts) > 1 and parse_amount(parts[-1]) is not None and not _YEAR.fullmatch(parts[-1].strip("(),"))


def _rows(lines: list[Line]) -> Iterator[Line]:
    """Group the lines: header pieces into header rows, each label with the values under it into one row.

    Labels with no values right before a row whose label names a period (`Revenue` / `Operating Income` /
    then `2023 As Reported (GAAP)` and its values) are the captions of a transposed table's columns."""
    groups = list(_groups(lines))
    k = 0
    while k < len(groups):
        kind, group = groups[k]
        if kind == "label":
            run = k
            while run < len(groups) and groups[run][0] == "label":
                run += 1
            if run - k >= 2 and run < len(groups) and groups[run][0] == "row" and names_period(groups[run][1][0].text):
                measures = [Cell("", 0, 1, group[0].number)]
                measures += [Cell(g[1][0].text.strip(), i + 1, i + 2, g[1][0].number) for i, g in enumerate(groups[k:run])]
                yield Line(group[0].number, " | ".join(c.text for c in measures[1:]), tuple(measures), "stack")
                k = run
                continue
            yield group[0]
        elif kind == "header":
            yield from header_rows(group)
        elif kind == "value":
            yield group[0]
        else:
            yield _row_line(group)
        k += 1


def _groups(lines: list[Line]) -> Iterator[tuple[str, list[Line]]]:
    """(`header`, pieces), (`label`, [line]) for a label with no values, (`row`, [label, values...]) or
    (`value`, [line]) for a line kept as it is (a value under no label, a scale note)."""
    k = 0
    n = len(lines)
    while k < n:
        line = lines[k]
        if _header_piece(line) and not _heads_values(lines, k):
            pieces = [line]
            k += 1
            while k < n and ((_header_piece(lines[k]) and not _heads_values(lines, k)) or _header_extra(lines[k].text)):
                pieces.append(lines[k])
                k += 1
            yield "header", pieces
            continue
        if is_value_line(line.text):  # values with no label before them: kept as their own line
            yield "value", [line]
            k += 1
            continue
        label = [line]
        values: list[Line] = []
        k += 1
        while k < n and CONNECTOR_END.search(label[-1].text.strip()) and not is_value_line(lines[k].text) and not _header_piece(lines[k]):
            label.append(lines[k])  # `TOTAL LIABILITIES AND` / `SHAREHOLDERS' EQUITY`
            k += 1
        while k < n:
            nxt = lines[k]
            if is_value_line(nxt.text):
                values.append(nxt)
                k += 1
            elif values and _continues(nxt.text) and not _header_piece(nxt):
                label += values + [nxt]  # `net of allowance of` / `$830` / `and $650`: numbers inside a label
                values = []
                k += 1
            else:
                break
        if not values and detect_scale(line.text):
            yield "value", [line]  # a scale note: text, never a caption
        elif not values:
            yield "label", [label[0] if len(label) == 1 else _joined(label)]
        else:
            yield "row", [_joined(label)] + values


def _heads_values(lines: list[Line], k: int) -> bool:
    """A header-like line followed by amounts (not by a year) labels a row: `2023 As Reported (GAAP)` / `$56,189`."""
    nxt = lines[k + 1].text.strip() if k + 1 < len(lines) else ""
    return is_value_line(nxt) and not _YEAR.fullmatch(nxt) and not _header_extra(nxt)


# Lines that belong to a header spread one cell per line without being periods: a bare year, a comparison
# caption (`Change`, `Increase/(Decrease)`, `% Change`) and the `$` / `%` sub-captions under it.
_COMPARISON_WORDS = frozenset("change chg increase decrease variance growth y yoy vs".split())
_PUNCTUATION = re.compile(r"[\s$%()/.]+")


def _header_extra(text: str) -> bool:
    text = text.strip()
    if _YEAR.fullmatch(text) or text in ("$", "%"):
        return True
    words = [w for w in _PUNCTUATION.split(text.lower()) if w]
    return bool(words) and all(w in _COMPARISON_WORDS for w in words)
_LEAF = re.compile(r"(?:19|20)\d\d")


def header_rows(pieces: list[Line]) -> list[Line]:
    """A header printed one cell per line, as the two rows it had: captions above, dated columns below.

    The pieces' order mixes the rows (`Three Months Ended` / `June 30,` / ... / `2024` / `2023`), so the
    dated pieces go on one row and everything else on the row above it, where spans are read from.
    """
    leaves = [p for p in pieces if _LEAF.search(p.text)]
    leaves += [p for p in pieces if not _LEAF.search(p.text) and _header_extra(p.text)]  # comparisons come last
    captions = [p for p in pieces if p not in leaves]
    rows = [_row_line(captions, header=True)] if captions else []
    return rows + ([_row_line(leaves, header=True)] if leaves else [])


def _header_piece(line: Line) -> bool:
    text = line.text.strip()
    text = unglue(text)
    return not is_value_line(text) and (is_header(Line(line.number, text)) or is_dateline(text))


_CONTINUATION = re.compile(r"^(?:and|or|of|to|at|in|for|net|less|plus)\b|^[a-z]")


def _continues(text: str) -> bool:
    """A line that carries on the label above it (`and $650`, `outstanding`)."""
    return bool(_CONTINUATION.match(text.strip()))


def _joined(lines: list[Line]) -> Line:
    first = lines[0]
    return Line(first.number, " ".join(line.text.strip() for line in lines))


def _row_line(lines: list[Line], header: bool = False) -> Line:
    cells = tuple(Cell(unglue(line.text.strip()) if header else line.text.strip(), k, k + 1, line.number)
                  for k, line in enumerate(lines))
    return Line(lines[0].number, " | ".join(c.text for c in cells), cells, "stack")
