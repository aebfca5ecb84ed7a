"""Flattened paragraphs (PDF-to-text runs labels and numbers of several rows together) -> rows, when totals confirm them."""
from __future__ import annotations

import re

from .amounts import parse_amount
from .model import Finding, Line, at
from .rows import DIGIT_RUN, TOKEN, RawRow, RawTable, Value

# ---- flattened paragraphs ---------------------------------------------------------------------

def is_flattened(line: Line, table: RawTable) -> bool:
    """A paragraph where labels and numbers of several rows were run together (PDF-to-text)."""
    n = sum(1 for c in table.columns if c.kind == "period")
    if n != len(table.columns) or not 40 <= len(line.text) <= 20_000:  # a flattened table is a paragraph, not a book
        return False
    if len(DIGIT_RUN.findall(line.text)) < 2 * n:  # it needs two full rows of numbers at least
        return False
    runs, run, texts = [], 0, 0
    for tok in line.text.split():
        amount = parse_amount(tok)
        if (amount is not None and amount.value is not None and not amount.percent) or tok == "$":
            run += tok != "$"
        else:
            if run:
                runs.append(run)
            run = 0
            texts += 1
    if run:
        runs.append(run)
    return n >= 1 and texts >= 3 and sum(1 for r in runs if r >= n) >= 2 and sum(runs) % n == 0 and len(runs) >= 3


_CONNECTORS = {"and", "of", "or", "to", "for", "in", "on", "from", "with", "by", "the", "net", "less", "at", "per", "as"}


_AMOUNT_SPLIT = re.compile(r"(?:\$\s{0,8})?(?:\(?-?[\d,.]{1,40}\)?%?)(?=\s|$)|\s\$\s")
_AFTER_COLON = re.compile(r"(?<=:)\s+")


def label_items(text: str) -> list[str]:
    """The labels of a flattened paragraph, in order: split at colons and at a capital after a lower-case word."""
    pieces = [p for p in _AMOUNT_SPLIT.split(text) if p and p.strip(" $")]
    items: list[str] = []
    for piece in pieces:
        for part in _AFTER_COLON.split(piece.strip()):
            words = part.split()
            start = 0
            for j in range(1, len(words)):
                prev, word = words[j - 1], words[j]
                if prev.islower() and prev.isalpha() and prev not in _CONNECTORS and word[:1].isupper():
                    items.append(" ".join(words[start:j]))
                    start = j
            if words[start:]:
                items.append(" ".join(words[start:]))
    return [i.strip() for i in items if i.strip(" $")]



def paragraph_amounts(line: Line) -> list[Value]:
    out: list[Value] = []
    prefix = ""
    for m in TOKEN.finditer(line.text):
        tok = m.group(0)
        if tok == "$":
            prefix = "$ "
            continue
        amount = parse_amount(prefix + tok)
        prefix = ""
        if amount is not None and amount.value is not None:
            out.append(Value(amount, float(m.end()), float(m.start()), float(m.end()), line.number))
    return out


_CAPTION = re.compile(r"^(?:commitments and contingencies.*|assets|liabilities(?: and .*)?|(?:stockholders|shareholders)['’]? (?:equity|deficit).*)$", re.I)


def realign_paragraph(table: RawTable, line: Line, amounts: list[Value], items: list[str], name: str) -> list[Finding]:
    """Pair a flattened paragraph's labels with its numbers by row order; keep them only if the totals confirm it."""
    n = len(table.columns)
    where = at(name, line.number)
    value_items = [i for i in items if not i.endswith(":") and not (_CAPTION.match(i) and not i.lower().startswith("total"))]
    chunks = [amounts[k:k + n] for k in range(0, len(amounts), n)]
    if len(value_items) != len(chunks) or any(len(c) != n for c in chunks):
        return [Finding("warning", where, f"flattened paragraph: {len(value_items)} labels for {len(chunks)} rows of numbers; nothing taken from it")]
    rows = dict(zip(value_items, chunks))
    ok, failed = _confirm(items, rows, table, n)
    if failed or not ok:
        why = failed[0] if failed else "no total to confirm the alignment"
        return [Finding("warning", where, f"flattened paragraph not aligned ({why}); nothing taken from it")]
    section = table.section
    for item in items:
        if item.endswith(":"):
            section = item
        elif item in rows:
            table.rows.append(RawRow(line.number, item, section, rows[item], "text", list(enumerate(rows[item]))))
    return [Finding("info", where, f"flattened paragraph realigned into {len(rows)} rows; {ok} totals confirm it")]


_NOT_LOWER = re.compile(r"[^a-z]+")


def _confirm(items: list[str], rows: dict[str, list[Value]], table: RawTable, n: int) -> tuple[int, list[str]]:
    """Check the totals of realigned rows against their components and against total assets."""
    ok, failed = 0, []  # type: tuple[int, list[str]]
    components: list[str] = []
    assets = next((r for r in table.rows if _NOT_LOWER.sub("", r.label.lower()) == "totalassets" and r.placed), None)
    for item in items:
        if item.endswith(":"):
            components = []
            continue
        if item not in rows:
            continue
        low = item.lower()
        if low.startswith("total") and " and " in low and assets is not None:
            same = all(rows[item][j].amount.value == v.amount.value for j, v in assets.placed or [])
            ok, failed = (ok + 1, failed) if same else (ok, failed + [f"'{item}' differs from total assets"])
        elif low.startswith("total") and components:
            sums = [sum(rows[c][j].amount.value or 0 for c in components) for j in range(n)]
            same = all(sums[j] == rows[item][j].amount.value for j in range(n))
            ok, failed = (ok + 1, failed) if same else (ok, failed + [f"'{item}' is not the sum of its components"])
            components = []
        elif not low.startswith("total"):
            components.append(item)
    return ok, failed

