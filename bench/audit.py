"""How far `fusion check` can be trusted: every mismatch on the development releases, known or new.

    python bench/audit.py            # ../shared/corpus and ../shared/seeds beside the repository

A mismatch is `known` when its release is listed in ../shared/corpus/INCONSISTENCIES.md and its difference (or one
of its two amounts) is a figure that line of the list names; every other mismatch is `new` and, until the document
says otherwise, a misreading. Prints one line per mismatch and the precision (known / all mismatches).

Recall is over the listed inconsistencies that `check` covers (footing, years against their quarters, ties,
bridges, a line printed twice): each must be reported as a mismatch, or as rounding at its printed precision.
COVERED below transcribes them from the list (release, kind, the difference in units); NOT_COVERED names the rest
and why (a division, a figure summarised from another table's lines, two definitions that are not an error).
"""
from __future__ import annotations

import re
import sys
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from fusion_cli.check import audit  # noqa: E402
from fusion_cli.extract import extract_path  # noqa: E402

SHARED = ROOT.parent / "shared"
_FIGURE = re.compile(r"\(?\d[\d,]*(?:\.\d+)?\)?")


COVERED = (
    ("yeti-q3-2025", "bridge", 2_760_000), ("oracle-q4-fy2014", "footing", 3_000_000),
    ("wayfair-q3-2025", "twice", 119_000_000), ("first-quantum-q4-2024", "twice", 3_000_000),
    ("first-quantum-q4-2024", "twice", 160_000_000), ("strt-q4-fy2026", "footing", 1_000), ("strt-q4-fy2026", "bridge", 1_000),
    ("ufg-q4-2024", "twice", 1_000), ("ufg-q4-2024", "footing", 1_000),
    ("fusion-q3-2009", "bridge", 1_992), ("fusion-q3-2009", "bridge", 29_059),
)
NOT_COVERED = (
    "oracle-q4-fy2014: non-GAAP EPS 12,957 / 4,844 (a division, not a sum)",
    "wayfair-q3-2025: adjusted EPS 33 / 155 and the share denominators (divisions)",
    "peapack-q3-2025: summary 'Other income' against components printed in another table's lines",
    "etsy-q3-2025: stock compensation under two definitions (not an error; reported unverifiable)",
)


def listed() -> dict[str, set[Decimal]]:
    """The figures INCONSISTENCIES.md names, by release stem."""
    out: dict[str, set[Decimal]] = {}
    for line in (SHARED / "corpus" / "INCONSISTENCIES.md").read_text().splitlines():
        m = re.match(r"\|\s*(?:seed\s+)?`([^`]+)`\s*\|(.*)", line)
        if m:
            figures = {Decimal(f.strip("()").replace(",", "")) for f in _FIGURE.findall(m.group(2))}
            out[Path(m.group(1)).stem] = figures
    return out


def known(check, figures: set[Decimal]) -> bool:
    scales = (Decimal(1), Decimal(1_000), Decimal(1_000_000))
    amounts = [abs(a) for a in (check.difference, check.found, check.expected) if a is not None]
    return any(a / s in figures for a in amounts for s in scales)


def main() -> int:
    figures = listed()
    paths = sorted(p for p in (SHARED / "corpus").iterdir() if p.suffix in (".md", ".txt", ".htm") and p.stem[0].islower())
    paths += sorted((SHARED / "seeds").glob("*.txt"))
    total = good = 0
    reported: set[tuple[str, str, Decimal]] = set()
    for path in paths:
        extraction = extract_path(path)
        if not extraction.facts:
            continue
        for c in audit(extraction):
            if c.status in ("mismatch", "rounding") and c.difference is not None:
                reported.add((path.stem, c.kind, abs(c.difference)))
            if c.status != "mismatch":
                continue
            ok = path.stem in figures and known(c, figures[path.stem])
            total, good = total + 1, good + ok
            print(f"{'known' if ok else 'new  '}  {path.name}: {c.kind} {c.subject[:50]!r} {c.period} found {c.found} expected {c.expected}")
    print(f"\n{total} mismatches, {good} known, {total - good} new: precision {good / total if total else 1:.2f}")
    found = [(stem, kind, figure) for stem, kind, figure in COVERED if (stem, kind, Decimal(figure)) in reported]
    for stem, kind, figure in COVERED:
        print(f"{'reported' if (stem, kind, figure) in found else 'MISSED  '}  {stem}: {kind} off by {figure:,}")
    print(f"recall {len(found) / len(COVERED):.2f} ({len(found)}/{len(COVERED)} listed inconsistencies that check covers); "
          f"not covered: " + "; ".join(NOT_COVERED))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
