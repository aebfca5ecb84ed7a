"""Header rows -> columns, resolved on the header's grid as a whole.

A header is one or more rows of cells (or of runs of text, in fixed-width tables). The row with the most
cells names the leaf columns; every other row's cells are laid over the leaves they span (by colspan in
HTML, by position in fixed-width text, by count in other layouts). Each leaf then reads what is printed
over it, nearest first: a length (`Three Months Ended`, `Q2`, `Oct-Dec`, `Fiscal 2025` over `Q1 ... Total`),
an end (`April 28,` + `2024`, `December` alone), `As of`, a comparison (`% Change`, `vs.`), a percent of
sales, or a member (`GAAP | Adj. | Non-GAAP`, `Consolidated`, `Average Yield/Rate`). A header that says
nothing of periods is read from the table's title.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from typing import NamedTuple

from .model import Line
from .periods import (
    FILLER,
    Column,
    duration_months,
    find_tokens,
    month_number,
    parse_date,
    quarter_number,
    segments,
)

_LEAF_KINDS = frozenset(("fulldate", "iso", "numdate", "year", "qyear", "fyyear"))
_DATE_KINDS = _LEAF_KINDS | {"monthday", "mrange"}
_LENGTH_KINDS = ("duration", "quarter", "quarterly", "half", "annual", "mrange", "asof")
_COLUMN_KINDS = frozenset(("fulldate", "iso", "numdate", "qyear", "fyyear", "year", "monthday", "mrange", "duration", "quarter", "quarterly", "half",
                           "annual", "ytd", "change", "pct", "amounts", "asof"))
_SPLIT_FAMILIES = frozenset(("date", "length", "monthday"))  # two of one family in one run of text are two columns
_CAPTION_KINDS = frozenset(("monthday", "duration", "quarterly", "annual", "half", "ytd", "asof"))
_TOTAL = re.compile(r"(?i)(?:total|full[- ]year|fy|year|ytd)")
_EXCEPT = re.compile(r"(?i)\bexcept\b[^)|]*")  # `(in millions, except LTM net revenue per active customer)` names rows, not columns
_TRAILING = re.compile(r"(?i)\btrailing[- ](?:twelve|12|four|4)[- ](?:months?|quarters?)\b|\bttm\b|\bltm\b|\blast twelve months\b")
_BARE_MONTH = re.compile(r"\b(January|February|March|April|May|June|July|August|September|October|November|December|"
                         r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\b\.?(?!\s*\d)")
_TOTAL_WORD = re.compile(r"(?i)\btotal\b")
_FISCAL = re.compile(r"(?i)\bfiscal\b|\bFY\s?(?:19|20)?\d\d\b")
_WORD = re.compile(r"[A-Za-z][A-Za-z./&'\-]*")
_NOT_MEMBER = re.compile(r"(?i)unaudited|audited|restated|financial|summary|highlights?|results|selected|overview|key|data|amounts?|thousand|million|billion|usd|eur|cad|gbp|\(?\d\)?")  # scale and audit words


class Unit(NamedTuple):
    """One cell of a header row (or one column's run of text): its text, extent, row and period tokens."""

    text: str
    start: float
    end: float
    row: int
    kinds: tuple[str, ...]
    tokens: tuple[tuple[str, str], ...]  # (kind, text) in order
    shared: int = -1  # units cut from one run of text share its words: the run's number


def read_columns(header: list[Line], context: str = "") -> list[Column]:
    """Leaf columns of a header block, each with what the rows over it say (length, end, member, comparison)."""
    if any(line.cells is not None for line in header) and any(line.cells is None for line in header):
        # a table of cells under a line of text (`Q4 FISCAL 2014 FINANCIAL RESULTS`): the text is the title
        context = " ".join([*(line.text for line in header if line.cells is None), context])
        header = [line for line in header if line.cells is not None]
    rows = [units for i, line in enumerate(header) if (units := _units(line, i))]
    if not rows:
        return []
    # the leaf row names most columns; spans, month-days and lengths are never leaves
    leaf_row = max(range(len(rows)), key=lambda i: (sum(1 for u in rows[i] if not _caption(u)), len(rows[i]), i))
    leaves = rows[leaf_row]
    captions = [u for u in leaves if _caption(u)]
    if captions and len(captions) < len(leaves):  # `September 30, | 2025 | 2024`: the month and day head the years
        rows.append(captions)
        leaves = rows[leaf_row] = [u for u in leaves if u not in captions]
    spans = any(line.layout == "html" for line in header)
    positional = all(line.cells is None for line in header) and _spaced(leaves)
    covers: list[list[Unit]] = [[] for _ in leaves]
    weak: list[tuple[int, Unit]] = []
    for i in sorted((i for i in range(len(rows)) if i != leaf_row), key=lambda i: abs(i - leaf_row)):
        contained = _contained(rows[i], leaves) if spans else None
        if contained is not None:  # HTML: a cell spans the leaves its colspan covers, and no others
            for j, unit in contained:
                covers[j].append(unit)
            continue
        for group in _groups(rows[i]):
            for j, unit in _lay_over(group, leaves, positional, weak):
                covers[j].append(unit)
    for j, unit in weak:
        covers[j].append(unit)
    cols = [_interpret(leaf, covers[j]) for j, leaf in enumerate(leaves)]
    cols = _siblings(cols, leaves)
    cols = _borrow_dates(cols)
    cols = _members_between(cols)
    cols = _from_context(cols, context)
    cols = _label_caption(cols, header)
    if _TRAILING.search(_EXCEPT.sub(" ", " ".join([context, *(line.text for line in header)]))):
        # `FREE CASH FLOW—TRAILING 4-QUARTERS`: each quarter's column holds the twelve months to its end
        cols = [c._replace(months=12, why="trailing twelve months") if c.kind == "period" and c.months != 0 else c for c in cols]
    return cols if spans or positional else _trust_spans(cols, covers)


def _label_caption(cols: list[Column], header: list[Line]) -> list[Column]:
    """`6 months to 30 June 2022 | Food Trading | Banking | ... | Group` in cells: the period printed over the label
    column is the caption of the member columns to its right, never a column of values itself."""
    if (len(cols) < 2 or cols[0].kind != "period" or cols[0].start > 0 or any(line.cells is None for line in header)
            or not all(c.kind == "other" and c.member for c in cols[1:])):
        return cols
    p = cols[0]
    return [c._replace(kind="period", year=p.year, month=p.month, day=p.day, months=p.months, quarter=p.quarter, asof=p.asof)
            for c in cols[1:]]


# ---- units: the cells of each header row -----------------------------------------------------

def _caption(unit: Unit) -> bool:
    """A cell that spans columns or qualifies them (`Three Months Ended`, `June 30,`, `As of`), never one itself."""
    return bool(unit.kinds) and set(unit.kinds) <= _CAPTION_KINDS


def _units(line: Line, row: int) -> list[Unit]:
    out: list[Unit] = []
    segs = segments(line)
    for k, (text, start, end) in enumerate(segs):
        toks = [(m.lastgroup or "", m.group(0), m.start(), m.end()) for m in find_tokens(text)]
        toks += [("total", m.group(0), m.start(), m.end()) for m in _TOTAL_WORD.finditer(text)]
        toks.sort(key=lambda t: t[2])
        if _several(toks):
            width = 1.0 if line.cells is None else (end - start) / (len(text) + 1)
            out.extend(u._replace(shared=row * 1000 + k) for u in _split(text, start, width, toks, row))
            continue
        out.append(_unit(text, start, end, row, toks))
    first = out[0] if out else None
    if first is not None and len(out) > 1 and _is_label(first) and first.start < (1 if line.cells is not None else 2) \
            and all(u.text != first.text for u in out[1:]):
        out = out[1:]  # the label column's cell: a caption such as `(in thousands)` or `Capital ratios`
    return [u for u in out if u.text.strip()]


def _unit(text: str, start: float, end: float, row: int, toks: list[tuple[str, str, int, int]]) -> Unit:
    return Unit(text, start, end, row, tuple(t[0] for t in toks), tuple((t[0], t[1]) for t in toks))


def _several(toks: list[tuple[str, str, int, int]]) -> bool:
    families = [_family(t[0]) for t in toks if _family(t[0]) in _SPLIT_FAMILIES]
    return len(families) > len(set(families))


def _split(text: str, start: float, width: float, toks: list[tuple[str, str, int, int]], row: int) -> list[Unit]:
    """A run of text holding several columns (`2024 2023`, `Q1 2025 Q4 2024`, `Three Months Ended Nine Months
    Ended`): one unit per column, cut where a kind of word comes a second time."""
    cuts = [0]
    seen: set[str] = set()
    for kind, _text, a, _b in toks:
        family = _family(kind)
        if family not in _SPLIT_FAMILIES:
            continue
        if family in seen:
            cuts.append(_cut_before(text, a, cuts[-1]))
            seen = set()
        seen.add(family)
    cuts.append(len(text))
    out = []
    for a, b in zip(cuts, cuts[1:]):
        piece = text[a:b].strip()
        if piece:
            lead = len(text[a:b]) - len(text[a:b].lstrip())
            sub = [(k, t, x - a - lead, y - a - lead) for k, t, x, y in toks if a <= x < b]
            out.append(_unit(piece, start + (a + lead) * width, start + (a + lead + len(piece)) * width, row, sub))
    return out


_LEAD_WORDS = re.compile(r"(?i)(?:fiscal|fy|for|the|three|six|nine|twelve|thirteen|twenty|thirty|fifty|first|second|third|fourth|full|\d{1,2})[\s-]*$")


def _cut_before(text: str, at: int, floor: int) -> int:
    """Where a second column starts: before the words that lead into its token (`Fiscal` 2026, `Nine` Months)."""
    cut = at
    while cut > floor:
        head = text[floor:cut].rstrip()
        space = head.rfind(" ")
        if space < 0 or not _LEAD_WORDS.fullmatch(head[space + 1:] + " "):
            break
        cut = floor + space + 1
    return cut


def _is_label(unit: Unit) -> bool:
    """A cell that is no column: no period, comparison or percent words (its words are a caption or a label)."""
    return not any(k in _COLUMN_KINDS for k in unit.kinds) and not _TOTAL.fullmatch(unit.text.strip())


# ---- laying a row over the leaves -------------------------------------------------------------

def _spaced(leaves: list[Unit]) -> bool:
    """Fixed-width text: columns set apart by runs of spaces, so a span's position says what it spans.
    Text with single spaces between columns (PDF text) keeps their order and nothing more."""
    return all(b.start - a.end >= 2 for a, b in zip(leaves, leaves[1:]))


def _groups(row: list[Unit]) -> list[list[Unit]]:
    """A row's cells by what they say (lengths, month-days, members...): a header printed one cell per line
    interleaves `Three Months Ended` with `June 30,`, and each kind spans the leaves on its own."""
    groups: dict[tuple[str, ...], list[Unit]] = {}
    for unit in row:
        signature = tuple(sorted({_family(k) for k in unit.kinds})) or ("member",)
        groups.setdefault(signature, []).append(unit)
    return list(groups.values())


def _family(kind: str) -> str:
    if kind in ("fulldate", "iso", "numdate", "year", "qyear", "fyyear"):
        return "date"
    if kind in ("quarter", "total"):
        return "length"
    if kind in ("duration", "quarter", "quarterly", "half", "annual", "ytd", "mrange"):
        return "length"
    return kind


def _contained(row: list[Unit], leaves: list[Unit]) -> list[tuple[int, Unit]] | None:
    """Leaves under each cell's colspan; None when no cell of the row spans any leaf (colspans not kept).

    A leaf that no cell spans, to the right of one that stops short of it (a colspan one cell too narrow, as
    filing agents print them), is under the nearest cell before it."""
    out = []
    for j, leaf in enumerate(leaves):
        over = [(min(u.end, leaf.end) - max(u.start, leaf.start), -k) for k, u in enumerate(row)]
        best = max(over)
        if best[0] > 0:  # the cell overlapping the leaf most (filing agents misalign colspans by a cell)
            out.append((j, row[-best[1]]))
    if not out:
        return None
    covered = {j for j, _ in out}
    for j, leaf in enumerate(leaves):
        before = [u for u in row if u.end <= leaf.start]
        if j not in covered and before and not any(u.start > before[-1].start and u.start <= leaf.start for u in row):
            out.append((j, before[-1]))
    return out


def _lay_over(group: list[Unit], leaves: list[Unit], positional: bool, weak: list[tuple[int, Unit]]) -> Iterable[tuple[int, Unit]]:
    """Which leaf each unit of a group stands over: by position in fixed-width text, else by count. A caption
    that stands beside a column, not over it, goes to `weak`: it is read only after every caption over it."""
    n, k = len(leaves), len(group)
    over = [[u for u in group if u.start - 2 <= (leaf.start + leaf.end) / 2 < u.end + 2] for leaf in leaves]
    for j, leaf in enumerate(leaves):
        middle = (leaf.start + leaf.end) / 2
        if positional:
            inside = over[j]
            if len(inside) == 1:
                yield j, inside[0]
                continue
            if len(inside) > 1:  # centred captions: the nearest centre
                yield j, min(inside, key=lambda u: abs((u.start + u.end) / 2 - middle))
                continue
            if k > 1:  # none stands over this column: the nearest counts only if nothing over it says otherwise
                weak.append((j, min(group, key=lambda u: abs((u.start + u.end) / 2 - middle))))
                continue
            if k == 1 and any(over):  # a caption beside this column, over others: it counts only if no other does
                weak.append((j, group[0]))
                continue
        if k == n:
            yield j, group[j]
        elif k == 1:
            yield j, group[0]
        elif n % k == 0 and not positional:
            yield j, group[j // (n // k)]
        else:  # the nearest unit starting at or before the leaf
            before = [u for u in group if u.start <= leaf.start + 0.5] or group[:1]
            yield j, before[-1]


# ---- reading a leaf ---------------------------------------------------------------------------

def _interpret(leaf: Unit, covers: list[Unit]) -> Column:
    own = set(leaf.kinds)
    over = {k for u in covers for k in u.kinds}
    versus = any(k == "change" and t.lower().startswith(("vs", "versus")) for k, t in leaf.tokens)
    if ("change" in own and (versus or not own & _DATE_KINDS)) or (
            "change" in over and not own & (_LEAF_KINDS | {"quarter"}) and not _member(leaf)):
        return Column("change", leaf.start, leaf.end, leaf.text)
    if "pct" in own or ("pct" in over and not own & _LEAF_KINDS and not _member(leaf)):
        return Column("pct", leaf.start, leaf.end, leaf.text)
    year = month = day = months = quarter = None
    asof = total = ytd = False
    for unit in [leaf, *covers]:  # nearest first: a leaf's own words beat the spans over it
        for kind, text in unit.tokens:
            if kind in ("qyear", "fyyear") and year is None:  # `4Q24`, `Q4'24`, `FY24`
                digits = "".join(ch for ch in text if ch.isdigit())
                year = 2000 + int(digits[-2:])
                if kind == "qyear":
                    quarter = quarter or int(digits[0] if text[0].isdigit() else digits[0])
                    months = 3 if months is None else months
            elif kind in ("fulldate", "iso", "numdate") and year is None:
                d = parse_date(text)
                if d is not None:
                    year = d.year
                    if month is None:
                        month, day = d.month, d.day
            elif kind == "year" and year is None:
                year = int(text)
            elif kind == "monthday" and month is None:
                d = parse_date(f"{text} 2000")
                if d is not None:
                    month, day = d.month, d.day
            elif kind == "mrange":
                if month is None:
                    month = month_number(text.replace("\u2013", "-").replace("\u2014", "-").split("-")[-1].strip(" ."))
                if months is None:
                    months = duration_months(kind, text)
            elif kind == "asof":
                asof = True  # a balance only if no length is printed too (`As of or for the three months ended`)
            elif kind == "ytd":
                ytd = True
            elif kind in _LENGTH_KINDS and months is None:
                months = duration_months(kind, text.lower())
                quarter = quarter or quarter_number(text.lower())
            elif kind == "quarter":
                quarter = quarter or quarter_number(text.lower())
    why = ""
    if month is None and not quarter:  # `3 Months Ended December`: a month with no day ends on its last day
        named = next((m for u in [leaf, *covers] if (m := _BARE_MONTH.search(u.text))), None)
        if named is not None:
            month, why = month_number(named.group(1)), f"the day is not printed; the end of {named.group(1)} is taken"
    if asof and months is None:
        months = 0
    elif asof:
        asof = False
    if months is None and _TOTAL.fullmatch(leaf.text.strip()) and any(u.kinds for u in covers):
        months, total = 12, True  # `Total` under `Fiscal 2025`, beside the quarters
    elif months is None and _FISCAL.search(" ".join([leaf.text, *(u.text for u in covers)])) and not quarter:
        months = 12  # `Fiscal 2025` as a column of its own is the fiscal year
    kind = "period" if year is not None else "other"
    return Column(kind, leaf.start, leaf.end, leaf.text, year=year, month=month, day=day, months=months, quarter=quarter,
                  asof=asof, member=_member(leaf) or _cover_member(covers), total=total, why=why, ytd=ytd and months is None)


def _member(unit: Unit) -> str:
    """The words of a cell that are not periods or fillers: `GAAP`, `Non-GAAP`, `Adj.`, `Average Balance`."""
    text = unit.text
    for _kind, tok in unit.tokens:
        text = text.replace(tok, " ")
    words = [w for w in _WORD.findall(text) if w.lower().strip(".") not in FILLER and len(w.strip(".")) > 0]
    words = [w for w in words if not _NOT_MEMBER.fullmatch(w)]
    return " ".join(words).strip()


def _cover_member(covers: list[Unit]) -> str:
    for unit in covers:
        if not unit.kinds:
            member = _member(unit)
            if member:
                return member
    return ""


def row_period(label: str, captions: str) -> tuple[Column | None, str]:
    """The period a transposed table's row names (`2023 As Reported (GAAP)` under `Three Months Ended June 30,`)
    and the rest of its label (`GAAP`); (None, "") for a row that names no year."""
    toks = [(m.lastgroup or "", m.group(0)) for m in find_tokens(label)]
    if not any(k in _LEAF_KINDS for k, _ in toks):
        return None, ""
    unit = Unit(label, 0, 0, 0, tuple(k for k, _ in toks), tuple(toks))
    over = [(m.lastgroup or "", m.group(0)) for m in find_tokens(captions)]
    cover = Unit(captions, 0, 0, -1, tuple(k for k, _ in over), tuple(over))
    col = _interpret(unit, [cover] if captions else [])
    return (col, _member(unit)) if col.year is not None else (None, "")


# ---- whole-header rules -----------------------------------------------------------------------

def _siblings(cols: list[Column], leaves: list[Unit]) -> list[Column]:
    """Columns cut from one run of text (`Third Quarter 2025 2024`) share the length printed once for them."""
    out = list(cols)
    for j in range(1, len(cols)):
        prev, c = out[j - 1], out[j]
        if leaves[j].shared >= 0 and leaves[j].shared == leaves[j - 1].shared and c.kind == prev.kind == "period" \
                and c.months is None and not c.quarter:
            out[j] = c._replace(months=prev.months, asof=prev.asof)
    return out


def _borrow_dates(cols: list[Column]) -> list[Column]:
    """`September 30, 2025 | 2024`: a bare year takes the month and day of the full date before it."""
    out, last = [], None
    for c in cols:
        if c.kind == "period" and c.month is not None and c.day is not None:
            last = c
        elif c.kind == "period" and last is not None and c.month is None and c.quarter is None and not c.total:
            c = c._replace(month=last.month, day=last.day)
        out.append(c)
    return out


def _members_between(cols: list[Column]) -> list[Column]:
    """`2014 GAAP | Adj. | 2014 Non-GAAP`: a member column between two columns of one period is of that period.

    A column between two different periods (a bridge's `Sales Volume` between two quarters) stays what it is.
    """
    out = list(cols)
    for j, c in enumerate(cols):
        if c.kind != "other" or not c.member:
            continue
        left = next((cols[i] for i in range(j - 1, -1, -1) if cols[i].kind == "period"), None)
        right = next((cols[i] for i in range(j + 1, len(cols)) if cols[i].kind == "period"), None)
        if left is not None and right is not None and (left.year, left.month, left.day, left.months) == (right.year, right.month, right.day, right.months):
            out[j] = c._replace(kind="period", year=left.year, month=left.month, day=left.day, months=left.months,
                                quarter=left.quarter, asof=left.asof)
    return out


def _from_context(cols: list[Column], context: str) -> list[Column]:
    """What the header does not print comes from the table's title: a length, a month and day, or, for a
    table whose columns are entities or measures, the whole period (`For the Three Months Ended March 31, 2022`)."""
    if not context:
        return cols
    toks = [(m.lastgroup or "", m.group(0)) for m in find_tokens(context)]
    if not toks:
        return cols
    found = Unit(context, 0, 0, -1, tuple(k for k, _ in toks), tuple(toks))
    periods = [c for c in cols if c.kind == "period"]
    if not periods:
        dated = _interpret(Unit("", 0, 0, -1, (), ()), [found])
        if dated.year is None or dated.month is None or dated.day is None or dated.months is None:
            return cols
        return [c._replace(kind="period", year=dated.year, month=dated.month, day=dated.day, months=dated.months,
                           quarter=dated.quarter, asof=dated.asof) if c.kind == "other" else c for c in cols]
    lengths = [t for t in toks if t[0] in ("duration", "annual")][:1]
    days = [t for t in toks if t[0] == "monthday"][:1]
    out = []
    for c in cols:
        if c.kind == "period" and c.months is None and lengths:
            c = c._replace(months=duration_months(lengths[0][0], lengths[0][1].lower()))
        if c.kind == "period" and c.month is None and c.quarter is None and days:
            d = parse_date(f"{days[0][1]} 2000")
            if d is not None:
                c = c._replace(month=d.month, day=d.day)
        out.append(c)
    return out


def _trust_spans(cols: list[Column], covers: list[list[Unit]]) -> list[Column]:
    """Spans laid over their columns by count, giving them different lengths, must repeat the same years; when they do not
    (`Three months ended | Nine months ended` over `2025 | 2024`: a converter dropped the second span's
    columns), the first span is taken for all the columns, and the reading says so."""
    periods = [c for c in cols if c.kind == "period"]
    lengths = {c.months for c in periods}
    if len(periods) < 2 or len(lengths) < 2 or None in lengths or any(c.quarter or c.total for c in periods):
        return cols
    spans = {id(u) for c, cov in zip(cols, covers) if c.kind == "period" for u in cov if "duration" in u.kinds or "annual" in u.kinds}
    if len(spans) < 2:
        return cols
    by_length: dict[int | None, list[int]] = {}
    for c in periods:
        assert c.year is not None  # a column is a period only with its year (see `_interpret`)
        by_length.setdefault(c.months, []).append(c.year)
    years = list(by_length.values())
    if all(sorted(y) == sorted(years[0]) for y in years):
        return cols
    first = periods[0].months
    if len({c.year for c in periods}) == len(periods):
        why = f"the header's spans do not repeat their years; all its columns read as the first span ({first} months)"
        return [c._replace(months=first, why=why) if c.kind == "period" else c for c in cols]
    return [c._replace(months=None) if c.kind == "period" else c for c in cols]
