"""Row label as printed -> the label a fact carries: footnote markers and formula keys taken off.

Releases mark labels with footnote references in every style: `Revenue (1)`, `Other income (loss)(2)`,
`(2,4,5)`, `Tangible equity (b)`, `ratio (a)/(c)`, digits glued to the word (`Revenue1`, `EBITDA1,2`,
`Panamá3,6`, `(per lb)3,4`) or raised and set apart (`Profit 1`, `– Diluted 2`). None of them is part of the
line item. Names that end in digits (`C1`, `Q4`, `Tier 1`, `Level 3`, `COVID-19`, `FY2024`) are kept.
"""
from __future__ import annotations

import functools
import re

_PAREN_REF = re.compile(r"\(\s*+\d{1,2}(?:\s*+[,;&]\s*+\d{1,2})*+\s*+\)")
_LETTER_KEYS = re.compile(r"\(\s*+[a-zA-Z]\s*+\)(?:\s*+/?\s*+\(\s*+[a-zA-Z]\s*+\))*+\s*+\Z")
# digits glued to a word of two letters or more, or to a closing parenthesis, and ending the word
_GLUED = re.compile(r"(?<=[^\W\d_]{2})\d{1,2}(?:,\d{1,2})*(?![\w.,/-]*\d)(?=[\s),:;]|$)|(?<=\))\d{1,2}(?:,\d{1,2})*(?=\s|$)")
# a digit set apart at the end of a label, after a word that does not take a number
_TRAILING = re.compile(r"(?<=[^\W\d_])\s+\d(?:\s*,\s*\d)*\s*$")
_TAKES_NUMBER = frozenset(
    "tier level class series phase type note notes schedule stage group section region segment area unit units plant "
    "fund step zone quarter year years week weeks day days month months grade item part category district division "
    "block lot line lines option plan facility mine site well wells store stores no number route rule chapter "
    "article exhibit table page appendix tranche covid".split()
)
_STARS = re.compile(r"(?<![*\\])(?:\\?\*)++(?=\s*+(?:[,:;)]|$))|[\u2020\u2021]++")


@functools.lru_cache(maxsize=8192)
def strip_markers(label: str) -> str:
    """The label without footnote markers and formula keys; labels without them are returned as they are."""
    if not label:
        return label
    text = _PAREN_REF.sub("", label) if "(" in label else label
    if "(" in text:
        text = _LETTER_KEYS.sub("", text)
    if "*" in text or "\u2020" in text or "\u2021" in text:
        text = _STARS.sub("", text)
    if any(ch.isdigit() for ch in text):
        text = _GLUED.sub("", text)
        m = _TRAILING.search(text)
        if m is not None:
            before = text[: m.start()].split()
            if before and before[-1].lower().strip(".,:") not in _TAKES_NUMBER and len(before) > 0:
                text = text[: m.start()]
    text = " ".join(text.split())
    return text or label
