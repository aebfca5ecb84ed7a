"""PDF text that prints a statement's labels as one block and its values as blocks after it -> rows of cells.

Some PDF converters print a table column by column: the labels, then the header, then the values of each
column in runs, the runs of the columns interleaved (`Net sales` ... `Diluted` / `13 Weeks Ended` /
`January 28,` / `2023` ... / `$ 3,226,773` / `2,014,270` / ... / `100.0%   $ 2,729,388` ...). Which run
belongs to which column is not printed. Every way of dealing the runs out to the columns (in order, the
first run to the first column) is tried, with every window of the labels, and a reading is kept only when
the statement's own arithmetic proves it: subtotals equal the rows above them, at least twice in every
column, and no other reading does as well. Otherwise nothing is taken from the block, and a warning
names it. Percent columns (`% of net sales`) are left out: they are not amounts.
"""
from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from decimal import Decimal
from typing import NamedTuple

from .amounts import detect_scale, parse_amount
from .model import Cell, Finding, Line, at, where

_CAPTION = re.compile(r"(?i)(?:assets|liabilities(?: and .*)?|(?:stockholders|shareholders)['’]? (?:equity|deficit).*|"
                      r"commitments and contingencies.*|(?:cash flows? (?:from|used in|provided by) )?(?:operating|investing|financing)"
                      r" activities|revenues?|costs? and expenses|operating expenses)")
_NOT_LABEL = re.compile(r"(?i)exhibit\s+\d+[a-z.]*|page\s+\d+.*|\(?unaudited\)?")
_SUBTOTAL = re.compile(r"(?i)total\b|gross (?:profit|margin)|net (?:income|earnings|loss|sales|revenues?|cash|increase|decrease)|"
                       r"(?:operating )?(?:income|earnings|loss|profit) (?:\(loss\) )?(?:from operations|before)|operating (?:income|profit|loss)")
_ASSETS = re.compile(r"(?i)total assets")
_LIABILITIES_AND_EQUITY = re.compile(r"(?i)total liabilities(?:,)? (?:\S+ )*(?:and|&) (?:\S+ )*(?:equity|deficit)")
_CLOSING = re.compile(r"(?i)\bend of (?:the )?(?:year|period)\b")
_YEAR = re.compile(r"(?:19|20)\d\d")
_MAX_RUNS = 40  # a block dealt out over more runs than this is not searched
_BUDGET = 50_000  # ways of dealing tried at most: a block with more is not read


class _TooMany(Exception):
    """More ways to deal a block's runs than are worth trying."""


class _Amount(NamedTuple):
    text: str
    value: Decimal
    line: int


def rebuild(run: list[Line], header_piece, findings: list[Finding] | None, name: str = "") -> list[Line] | None:
    """The run with each label-block table it holds rebuilt as a header and rows of cells (one that no reading
    proves left as it is, and named in a warning); None when it holds none."""
    kinds = [_kind(line, header_piece) for line in run]
    out: list[Line] = []
    k, found = 0, False
    while k < len(run):
        table = _next_table(run, kinds, k)
        if table is None:
            break
        found = True
        start, values_start, end = table
        rows = _read(run[start:values_start], run[values_start:end], header_piece)
        if rows is None:  # nothing is taken from it: its values are no rows of anything else either
            if findings is not None:
                findings.append(Finding("warning", at(name, run[values_start].number),
                                        f"lines {where(run[start].number)}-{where(run[end - 1].number)}: a block of labels and blocks of "
                                        f"values that no reading proves by its totals; not read"))
            out.extend(line for line, kind in zip(run[start:end], kinds[start:end]) if kind != "values")
        else:
            out.extend(rows)
        k = end
    out.extend(run[k:])
    return out if found else None


def _kind(line: Line, header_piece) -> str:
    text = line.text.strip()
    if not text:
        return "blank"
    if _YEAR.fullmatch(text):
        return "header"  # `January 28,` / `2023`: a header's year on a line of its own
    if _values_line(text) or text == "$":
        return "values"
    if header_piece(line) or _NOT_LABEL.fullmatch(text):
        return "header"
    return "label"


def _values_line(text: str) -> bool:
    toks = text.split()
    return bool(toks) and all(t == "$" or _amount(t) is not None or _percent(t) for t in toks) and any(t != "$" for t in toks)


def _percent(tok: str) -> bool:
    return tok.rstrip(")").endswith("%") and parse_amount(tok) is not None


def _amount(tok: str) -> Decimal | None:
    if _percent(tok):
        return None
    amount = parse_amount(tok)
    return amount.value if amount is not None and amount.value is not None else None


def _next_table(run: list[Line], kinds: list[str], k: int) -> tuple[int, int, int] | None:
    """(start, values start, end) of the next table from k: labels and header lines (in either order),
    then lines of values."""
    n = len(run)
    while k < n:
        start, labels = k, 0
        while k < n and kinds[k] != "values":
            labels += kinds[k] == "label"
            k += 1
        if k >= n:
            return None
        values = k
        while k < n and kinds[k] in ("values", "blank"):
            k += 1
        amounts = sum(1 for i in range(values, k) for t in run[i].text.split() if _amount(t) is not None)
        if labels >= 3 and amounts >= 6 and any(kinds[i] == "header" for i in range(start, values)):
            return start, values, k
    return None


def _read(lines: list[Line], value_lines: list[Line], header_piece) -> list[Line] | None:
    from .dumps import (
        header_rows,  # the header is read as one printed one cell per line
    )

    pieces = [line for line in lines if line.text.strip() and _kind(line, header_piece) == "header" and not _NOT_LABEL.fullmatch(line.text.strip())]
    label_lines = [line for line in lines if line not in pieces]
    columns = sum(1 for p in pieces if re.search(r"(?:19|20)\d\d", p.text))
    runs = _runs(value_lines)
    total = sum(len(r) for r in runs)
    if columns < 1 or total % columns or not runs or len(runs) > _MAX_RUNS:
        return None
    size = total // columns
    labels = [line for line in label_lines if line.text.strip() and not _heading(line.text.strip())]
    best = _best_reading(labels, runs, columns, size)
    if best is None:
        return None
    window, dealt = best
    chosen = labels[window:window + size]
    after = label_lines.index(chosen[-1]) + 1
    rows: list[Line] = [line for line in label_lines[:label_lines.index(chosen[0])] + label_lines[after:] if line.text.strip()]
    rows += header_rows(pieces)
    at = label_lines.index(chosen[0])
    for i, label in enumerate(chosen):
        for line in label_lines[at:label_lines.index(label)]:
            if line.text.strip():
                rows.append(line)  # a heading between the rows
        at = label_lines.index(label) + 1
        cells = [Cell(label.text.strip(), 0, 1, label.number)]
        cells += [Cell(dealt[c][i].text, c + 1, c + 2, dealt[c][i].line) for c in range(columns)]
        rows.append(Line(label.number, " | ".join(c.text for c in cells), tuple(cells), "stack"))
    return rows


def _heading(text: str) -> bool:
    return text.endswith(":") or bool(_CAPTION.fullmatch(text)) or bool(detect_scale(text)) or bool(_NOT_LABEL.fullmatch(text))


def _runs(lines: list[Line]) -> list[list[_Amount]]:
    """The amounts in runs that one column holds: a run ends at a blank line, at a percent and at a line
    holding two amounts (which are two columns' values)."""
    runs: list[list[_Amount]] = []
    current: list[_Amount] = []
    for line in lines:
        toks = line.text.split()
        amounts = [_Amount(t, v, line.number) for t in toks if (v := _amount(t)) is not None]
        if not toks or any(_percent(t) for t in toks) or len(amounts) > 1:
            if current:
                runs.append(current)
            current = []
            if len(amounts) == 1:  # `100.0%   $ 2,729,388`: a percent, then the first amount of a run
                current = amounts
            else:
                runs.extend([a] for a in amounts)
            continue
        current.extend(amounts)
    if current:
        runs.append(current)
    return [r for r in runs if r]


def _best_reading(labels: list[Line], runs: list[list[_Amount]], columns: int, size: int) -> tuple[int, list[list[_Amount]]] | None:
    """The window of labels and the dealing of runs to columns that the totals prove, if exactly one does best."""
    if len(labels) < size:
        return None
    scored: list[tuple[int, int, list[list[_Amount]]]] = []
    windows = [[line.text.strip() for line in labels[w:w + size]] for w in range(len(labels) - size + 1)]
    known: dict[tuple[int, tuple[Decimal, ...]], int] = {}  # a column's proofs, often met again in other dealings

    def proofs_of(window: int, column: list[_Amount]) -> int:
        key = (window, tuple(a.value for a in column))
        if key not in known:
            known[key] = _proofs(windows[window], list(key[1]))
        return known[key]

    try:
        for dealt in _deals(runs, columns, size):
            for window in range(len(windows)):
                proofs = [proofs_of(window, column) for column in dealt]
                if min(proofs) >= 2:
                    scored.append((sum(proofs), window, dealt))
    except _TooMany:
        return None
    if not scored:
        return None
    best = max(s[0] for s in scored)
    top = {(w, tuple(tuple(a.value for a in column) for column in dealt)): (w, dealt) for score, w, dealt in scored if score == best}
    if len(top) > 1:
        return None  # two readings the totals prove equally, giving different numbers: none is certain
    return next(iter(top.values()))


def _deals(runs: list[list[_Amount]], columns: int, size: int) -> Iterator[list[list[_Amount]]]:
    """Every way to deal the runs, in order, to columns of `size` amounts each; a column's first run comes after
    the previous column's first run."""
    dealt: list[list[_Amount]] = [[] for _ in range(columns)]
    budget = [_BUDGET]

    def deal(r: int, opened: int) -> Iterator[list[list[_Amount]]]:
        budget[0] -= 1
        if budget[0] < 0:
            raise _TooMany
        if r == len(runs):
            if all(len(c) == size for c in dealt):
                yield [list(c) for c in dealt]
            return
        for c in range(min(opened + 1, columns)):
            if len(dealt[c]) + len(runs[r]) <= size:
                dealt[c].extend(runs[r])
                yield from deal(r + 1, max(opened, c + 1))
                del dealt[c][len(dealt[c]) - len(runs[r]):]

    yield from deal(0, 0)


def _proofs(labels: list[str], values: list[Decimal]) -> int:
    """How many subtotals of one column equal the rows above them (all added, or the first less the others),
    and whether its total liabilities and equity equal its total assets (none, when they differ)."""
    proved = 0
    assets = [v for label, v in zip(labels, values) if _ASSETS.fullmatch(label)]
    claims = [v for label, v in zip(labels, values) if _LIABILITIES_AND_EQUITY.match(label)]
    if assets and claims and assets[0] == claims[-1] != 0:
        proved += 1
    elif assets and claims:
        return 0  # a balance sheet whose assets are not its liabilities and equity: a reading its own total refutes
    sums = [Decimal(0)]
    for v in values:
        sums.append(sums[-1] + v)
    for i, label in enumerate(labels):
        if i < 2 or values[i] == 0 or not _subtotal(label):
            continue
        for j in range(i - 2, max(-1, i - 31), -1):
            total = sums[i] - sums[j]  # rows j .. i-1 added; or the first less the others
            if total == values[i] or 2 * values[j] - total == values[i]:
                proved += 1
                break
    return proved


@functools.lru_cache(maxsize=4096)
def _subtotal(label: str) -> bool:
    return bool(_SUBTOTAL.match(label) or _CLOSING.search(label))
