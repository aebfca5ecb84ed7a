"""Values -> columns: each row's numbers put in their columns, by position, by header span or in order; never guessed."""
from __future__ import annotations

import re
from collections import Counter

from .model import Finding, at
from .periods import Column, tokens
from .rows import YEAR_LABEL, RawRow, RawTable, Value

# ---- placing values in columns ----------------------------------------------------------------

def place_values(table: RawTable, name: str) -> list[Finding]:
    """Put each row's numbers in their columns; rows that cannot be placed for sure are reported, not guessed."""
    findings: list[Finding] = []
    cols = table.columns
    n = len(cols)
    learned = _learn_positions(table.rows, n)
    spans = _header_spans(table)
    last = table.header[-1] if table.header else None
    leaf_cells = len(last.cells) if last is not None and last.cells is not None and last.layout == "tab" else 0
    compared = any(t.kind in ("change", "pct") for line in table.header for t in tokens(line))
    edges = Counter(round(r.values[0].end) for r in table.rows if r.values and r.layout == "text")
    common = edges.most_common(1)
    # where the first column's amounts end, when most rows say so
    amount_edges = frozenset(e for e, n in common if n >= 3 and n * 2 >= sum(edges.values()))
    for row in table.rows:
        for v in row.values:
            if v.unreadable:
                findings.append(Finding("warning", at(name, row.line),
                                        f"row '{row.label[:60]}': '{v.amount.text[:40]}' is not a readable amount "
                                        f"(out of range or malformed); left out"))
        placed = _in_order(row.values, cols, compared) if row.layout == "stack" else _place(row, cols, learned, spans, leaf_cells,
                                                                                                 amount_edges)
        if placed is None:
            findings.append(Finding("warning", at(name, row.line),
                                    f"row '{row.label[:60]}' has {len(row.values)} numbers for {n} columns; not placed"))
        row.placed = placed
    return findings


def _learn_positions(rows: list[RawRow], n: int) -> list[float] | None:
    full = [r.values for r in rows if len(r.values) == n]
    if not full:
        return None
    return [_median([v[j].pos for v in full]) for j in range(n)]


def _median(xs: list[float]) -> float:
    xs = sorted(xs)
    mid = len(xs) // 2
    return xs[mid] if len(xs) % 2 else (xs[mid - 1] + xs[mid]) / 2


def _header_spans(table: RawTable) -> list[tuple[float, float]]:
    """Each column's extent: the narrowest header cell holding it (cell layouts), else the column's own text."""
    spans = []
    for c in table.columns:
        cells = [(cell.end - cell.start, cell.start, cell.end) for line in table.header for cell in (line.cells or ())
                 if cell.text and cell.start <= c.start < cell.end]
        spans.append(min(cells)[1:] if cells else (c.start, max(c.end, c.start + 1)))
    return spans


def _place(row: RawRow, cols: list[Column], learned: list[float] | None, spans: list[tuple[float, float]],
           leaf_cells: int = 0, amount_edges: frozenset[int] = frozenset()) -> list[tuple[int, Value]] | None:
    values = row.values
    n = len(cols)
    periods = [j for j, c in enumerate(cols) if c.kind in _VALUED]
    if len(values) == n + 1 and not row.label and YEAR_LABEL.fullmatch(values[0].amount.text):
        values = values[1:]  # `2024   472   --   NM ...`: sub-rows labelled by a year under a heading
        row.label = row.values[0].amount.text
    elif len(values) == n + 1 and _footnote(values[0]) and not any(abs(values[0].end - e) <= 1 for e in amount_edges):
        # `Revenue (1)   1,234`; not `(77)` where the rows' first amounts end: a small negative amount
        values = values[1:]
        row.label = f"{row.label} {row.values[0].amount.text}".strip()
    if len(values) == n:
        return list(enumerate(values))
    if len(values) > n:
        plain = [v for v in values if not v.amount.percent]
        if len(plain) == n:
            return list(enumerate(plain))
        if len(plain) == len(periods):
            return list(zip(periods, plain))
        return _before_comparisons(values, cols, periods)
    if learned is not None:
        by_pos = _by_position(values, learned, row.layout)
        if by_pos is not None:
            return by_pos
    if len(values) == len(periods) and not any(v.amount.percent for v in values) and learned is None:
        return list(zip(periods, values))
    if row.layout in ("html", "pipe") or (row.cells and row.cells == leaf_cells):
        return _by_header(values, spans)
    if row.layout == "text" and learned is None:
        return _under_header(values, cols)
    return None


def _before_comparisons(values: list[Value], cols: list[Column], periods: list[int]) -> list[tuple[int, Value]] | None:
    """`3,587.5   3,262.8   324.7   10` under `2023   2022   Inc/ (Dec)`: a comparison header over an amount and a
    percent. The periods come first and every later column compares them, so the leading values are the periods',
    when each sits nearer its own column than any other column and every other value stands right of them all
    (`$ 23,706   100.0   $ 24,804   100.0` under `2022   2021`, with percents of sales between, is not placed)."""
    k = len(periods)
    if not periods or periods != list(range(k)) or any(c.kind not in ("change", "pct") for c in cols[k:]) or k == len(cols):
        return None
    centres = [(c.start + c.end) / 2 for c in cols]
    for j, v in enumerate(values[:k]):
        middle = (v.start + v.end) / 2
        if min(range(len(cols)), key=lambda i: abs(centres[i] - middle)) != j:
            return None
    if any(v.start < cols[k - 1].start for v in values[k:]):
        return None
    return list(zip(periods, values[:k]))


def _in_order(values: list[Value], cols: list[Column], compared: bool) -> list[tuple[int, Value]] | None:
    """A row printed one cell per line has no positions: its values fill the columns in order.

    Extra values are comparisons (`Change`, `%`) only when the header has such columns after its periods;
    fewer values than periods cannot be placed for certain.
    """
    periods = [j for j, c in enumerate(cols) if c.kind in _VALUED]
    if periods != list(range(len(periods))):
        return None
    if len(values) == len(cols):
        return list(enumerate(values))
    if len(values) == len(periods) or (len(values) > len(periods) and compared):
        return list(zip(periods, values))
    return None


_VALUED = ("period", "measure")  # columns whose cells are facts
_FOOTNOTE = re.compile(r"\(\d{1,2}\)|\([a-z]\)|\*+")


def _footnote(value: Value) -> bool:
    text = value.amount.text.strip()
    return bool(_FOOTNOTE.fullmatch(text))


def _by_position(values: list[Value], learned: list[float], layout: str) -> list[tuple[int, Value]] | None:
    placed: list[tuple[int, Value]] = []
    used: set[int] = set()
    gaps = [b - a for a, b in zip(learned, learned[1:])]
    tolerance = (min(gaps) / 2 if gaps else 4.0) if layout == "text" else 0.01
    for v in values:
        j = min(range(len(learned)), key=lambda k: abs(learned[k] - v.pos))
        if abs(learned[j] - v.pos) > tolerance or j in used:
            return None
        used.add(j)
        placed.append((j, v))
    return placed


def _by_header(values: list[Value], spans: list[tuple[float, float]]) -> list[tuple[int, Value]] | None:
    """Cells under exactly one header cell each (HTML colspans, pipe cells); otherwise not placed."""
    placed: list[tuple[int, Value]] = []
    used: set[int] = set()
    for v in values:
        hits = [j for j, (start, end) in enumerate(spans) if int(start) <= v.start < int(end)]
        if len(hits) != 1 or hits[0] in used:
            return None
        used.add(hits[0])
        placed.append((hits[0], v))
    return placed


def _under_header(values: list[Value], cols: list[Column]) -> list[tuple[int, Value]] | None:
    """Fixed-width text with no complete row to learn from: each number under the nearest header, when clearly nearest."""
    centres = [(c.start + c.end) / 2 for c in cols]
    gaps = [b - a for a, b in zip(centres, centres[1:])]
    reach = 0.4 * min(gaps) if gaps else 8.0
    placed: list[tuple[int, Value]] = []
    used: set[int] = set()
    for v in values:
        middle = (v.start + v.end) / 2
        j = min(range(len(cols)), key=lambda k: abs(centres[k] - middle))
        c = cols[j]
        if abs(centres[j] - middle) > reach or v.end < c.start or v.start > c.end + reach or j in used:
            return None
        used.add(j)
        placed.append((j, v))
    return placed


