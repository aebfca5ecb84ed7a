"""How far `fusion check` can be trusted: every mismatch on the development releases, known or new.

    python bench/audit.py            # ../shared/corpus and ../shared/seeds beside the repository

A mismatch is `known` when its release is listed in ../shared/corpus/INCONSISTENCIES.md and its difference (or one
of its two amounts) is a figure that line of the list names; every other mismatch is `new` and, until the document
says otherwise, a misreading. Prints one line per mismatch and the precision (known / all mismatches).
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
    for path in paths:
        extraction = extract_path(path)
        if not extraction.facts:
            continue
        for c in audit(extraction):
            if c.status != "mismatch":
                continue
            ok = path.stem in figures and known(c, figures[path.stem])
            total, good = total + 1, good + ok
            print(f"{'known' if ok else 'new  '}  {path.name}: {c.kind} {c.subject[:50]!r} {c.period} found {c.found} expected {c.expected}")
    print(f"\n{total} mismatches, {good} known, {total - good} new: precision {good / total if total else 1:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
