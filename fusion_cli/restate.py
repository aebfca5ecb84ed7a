"""What a series learns from several releases at once: stock splits (earlier per-share figures restated on one
basis), restatements (a later release printing another value for a period), and quarters derived from a
year-to-date figure less the quarters before it."""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import replace
from decimal import Decimal
from typing import TYPE_CHECKING

from .display import prose
from .model import Basis, Finding, ItemKey
from .seriesdata import ADDITIVE, Entry, Item, SeriesPeriod
from .units import is_money, is_per_share

if TYPE_CHECKING:
    from .series import Registry


_SPLIT_FACTORS = tuple(Decimal(f) for f in (2, 3, 4, 5, 6, 8, 10, 15, 20, 25, 30, 40, 50, 100))


def _split_factor(ratio: Decimal) -> Decimal | None:
    """The round split factor a ratio of printed values shows (9.97 -> 10; 0.1 -> 1/10 for a reverse split), or None."""
    for factor in _SPLIT_FACTORS:
        for f in (factor, 1 / factor):
            if abs(ratio / f - 1) <= Decimal("0.03"):
                return f
    return None


def split_adjust(values: dict[tuple[ItemKey, SeriesPeriod], Entry], items: dict[ItemKey, Item]) -> list[Finding]:
    """A stock split: per-share values and share counts restated by one round factor in at least two places. The values
    only pre-split releases printed keep their printed value and are marked `pre-split`, so that a change is computed
    on one basis (the later period's own pre-split print) or not at all."""
    votes: Counter[Decimal] = Counter()
    before: dict[Decimal, set[str]] = defaultdict(set)
    for (key, _period), entry in values.items():
        unit = items[key].unit
        if entry.basis != "restated" or not (is_per_share(unit) or unit == "shares") or not entry.value:
            continue
        for old, source in entry.previous:
            factor = _split_factor(old / entry.value if is_per_share(unit) else entry.value / old) if old else None
            if factor is not None and factor != 1:
                votes[factor] += 1
                before[factor].add(source.rsplit(":", 1)[0])
    if not votes or votes.most_common(1)[0][1] < 2:
        return []
    factor = votes.most_common(1)[0][0]
    adjusted = 0
    for (key, period), entry in list(values.items()):
        unit = items[key].unit
        if entry.basis or entry.source.rsplit(":", 1)[0] not in before[factor] or not (is_per_share(unit) or unit == "shares"):
            continue
        adjusted_value = entry.value / factor if is_per_share(unit) else entry.value * factor
        values[(key, period)] = replace(entry, basis=Basis.PRE_SPLIT, note=f"printed before the {_ratio(factor)} stock split; "
                                                                      f"{prose(adjusted_value)} split-adjusted")
        adjusted += 1
    return [Finding("info", ", ".join(sorted(before[factor])), f"a {_ratio(factor)} stock split: per-share values and share "
                                                               f"counts restated by that factor in later releases; {adjusted} "
                                                               f"values printed only before it are marked pre-split, and "
                                                               f"changes are computed on one basis")]


def _ratio(factor: Decimal) -> str:
    return f"{factor:f}-for-1" if factor >= 1 else f"1-for-{1 / factor:f}"


def restatement_findings(values: dict[tuple[ItemKey, SeriesPeriod], Entry], registry: Registry) -> list[Finding]:
    found = []
    for (key, period), entry in values.items():
        if entry.basis == "restated":
            label = registry.items[key].label
            was = ", ".join(f"{prose(v)} ({s})" for v, s in entry.previous)
            found.append(Finding("info", entry.source, f"{label} {period.label}: restated to {prose(entry.value)}; earlier {was}"))
    return found


def derive_quarters(values: dict[tuple[ItemKey, SeriesPeriod], Entry], items: dict[ItemKey, Item]) -> dict[tuple[ItemKey, SeriesPeriod], Entry]:
    """Quarters no release printed: year-to-date minus the year-to-date before it, or the year minus its earlier quarters."""
    spans: dict[ItemKey, dict[tuple[int, int, int], tuple[SeriesPeriod, Entry]]] = defaultdict(dict)
    for (key, period), entry in values.items():
        item = items[key]
        if item.section in ADDITIVE and is_money(item.unit) and period.months:
            spans[key][(period.fy, period.quarter, period.months)] = (period, entry)
    derived = {}
    for key, known in spans.items():
        for fy, quarter, months in list(known):
            if months == quarter * 3 and months > 3 and (fy, quarter, 3) not in known:
                got = _derive_one(known, fy, quarter)
                if got:
                    derived[(key, got[0])] = got[1]
    return derived


def _derive_one(known: dict[tuple[int, int, int], tuple[SeriesPeriod, Entry]], fy: int,
                quarter: int) -> tuple[SeriesPeriod, Entry] | None:
    total_period, total = known[(fy, quarter, quarter * 3)]
    target = SeriesPeriod(f"Q{quarter} {fy}", 3, total_period.end, fy, quarter)
    before = known.get((fy, quarter - 1, (quarter - 1) * 3))
    if before:
        return target, Entry(total.value - before[1].value, "derived", Basis.DERIVED, f"{total_period.label} - {before[0].label}")
    earlier = [e for q in range(1, quarter) if (e := known.get((fy, q, 3))) is not None]
    if len(earlier) == quarter - 1:  # every quarter before is known
        rest = sum((e[1].value for e in earlier), Decimal(0))
        note = f"{total_period.label} - " + " - ".join(e[0].label for e in earlier)
        return target, Entry(total.value - rest, "derived", Basis.DERIVED, note)
    return None
