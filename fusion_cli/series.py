"""Facts of many releases -> one normalized time series per company.

Line items are keyed by canonical concept where one is known, else by their normalized wording;
unmapped wordings of different releases are joined only when they differ by spelling, never by
meaning. Periods are relabelled with the company's fiscal year; a period printed by two releases
keeps the later release's value and remembers the earlier one when they differ (restated); missing
quarters are derived from year-to-date columns and marked derived.
"""
from __future__ import annotations

import functools
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import lru_cache

from .amounts import SCALES
from .calendar_rules import fiscal_label, fiscal_quarter, voted_year_end
from .concepts import normalize_label
from .display import prose
from .model import Basis, Extraction, Fact, Finding, ItemKey, at
from .precedence import choose, confirmed, describe
from .restate import derive_quarters, restatement_findings, split_adjust
from .seriesdata import STATEMENTS, Entry, Item, Series, SeriesPeriod
from .statements import names_statement
from .units import is_money, is_per_share

_STOP = frozenset("a an and the of for to in on at by from as its".split())
_SUFFIX = re.compile(r"(?<![\s,.])[,.]?\s+(?:inc|incorporated|corp|corporation|co|company|ltd|limited|llc|plc|lp|l\.p|n\.v|s\.a)\.?$", re.I)


@dataclass(slots=True)
class _Row:
    """A fact on its way into the series."""

    fact: Fact
    period: SeriesPeriod
    key: ItemKey | None = None  # the item it joins, once placed
    order: int = 0


_NOT_ALNUM = re.compile(r"[^a-z0-9]+")


def company_key(name: str) -> str:
    """A company name folded for grouping: case, punctuation and legal suffixes ignored."""
    text = name.strip()
    while True:
        stripped = _SUFFIX.sub("", text).strip(" ,.")
        if stripped == text:
            break
        text = stripped
    return " ".join(_NOT_ALNUM.sub(" ", text.lower()).split())


@functools.lru_cache(maxsize=65536)
def label_text(label: str) -> str:
    """A label folded for matching: normalized wording, plurals singular, stop words kept."""
    words = normalize_label(label).replace("-", " ").split()
    return " ".join(_singular(w) for w in words)


def _singular(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def build_series(extractions: list[Extraction], mapping: dict[str, str] | None = None,
                 company: str | None = None) -> tuple[list[Series], list[Finding]]:
    """Group releases by company and build each company's series; findings say what was joined, skipped or derived."""
    findings: list[Finding] = []
    groups: dict[str, list[Extraction]] = defaultdict(list)
    names: dict[str, Counter[str]] = defaultdict(Counter)
    for ext in extractions:
        if not ext.facts:
            continue
        name = company or ext.company or ext.file
        key = company_key(name) or name
        groups[key].append(ext)
        names[key][name] += 1
    result = []
    for key, members in groups.items():
        name = names[key].most_common(1)[0][0]
        series, found = _company_series(name, members, mapping or {})
        result.append(series)
        findings.extend(found)
    result.sort(key=lambda s: s.company.lower())
    return result, findings


def _company_series(company: str, releases: list[Extraction], mapping: dict[str, str]) -> tuple[Series, list[Finding]]:
    findings: list[Finding] = []
    fy_end = _fiscal_year_end([f for r in releases for f in r.facts]) or _most([r.fy_end for r in releases], 12)
    offset = _most([r.fiscal_offset for r in releases], 0)
    per_release: list[tuple[Extraction, list[_Row]]] = []
    for ext in releases:
        kept, twice = choose(ext.facts)  # a line item printed twice: the table that owns it speaks for it
        rows, skipped = _rows(kept, fy_end, offset)
        ahead = _outlook(ext)
        if ahead:
            rows = [r for r in rows if id(r.fact) not in ahead]
            findings.append(Finding("info", ext.file, f"{len(ahead)} values of an outlook or guidance (periods after the "
                                                      f"release's own results) are left out of the series"))
        findings.extend(Finding("warning", at(ext.file, t.other.line), f"{t.other.label} {t.other.fiscal_period}: {describe(t)}")
                        for t in twice if not t.rounding and confirmed(t, ext.facts))
        if skipped:
            findings.append(Finding("warning", ext.file, f"{skipped} values in columns without a period length or end date are left out of the analysis"))
        per_release.append((ext, rows))
    per_release.sort(key=lambda pair: (max((r.period.end for r in pair[1]), default=date.min), pair[0].file))
    registry = Registry(mapping)
    for ext, rows in reversed(per_release):  # newest first: its wording and order lead
        findings.extend(registry.add_release(ext.file, rows))
    values = _values(per_release)
    findings.extend(restatement_findings(values, registry))
    findings.extend(split_adjust(values, registry.items))
    derived = derive_quarters(values, registry.items)
    values.update(derived)
    periods = sorted({p for _k, p in values}, key=lambda p: (p.end, p.months))
    series = Series(company, tuple(e.file for e, _r in per_release), tuple(registry.ordered()), tuple(periods),
                    values, fy_end, _main_scale(releases), _main_currency(releases), offset)
    return series, findings


def _most(values: list[int], default: int) -> int:
    """The value most releases give; the default when they tie."""
    ranked = Counter(values).most_common()
    return ranked[0][0] if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]) else default


def _fiscal_year_end(facts: list[Fact]) -> int | None:
    """The fiscal year's last month, voted by the year-to-date columns of all releases."""
    return voted_year_end((date.fromisoformat(f.period_end), f.period_months) for f in facts
                          if f.period_end and f.period_months in (6, 9, 12))


@functools.lru_cache(maxsize=8192)  # one period object per period, shared by every value of it
def series_period(end: date, months: int, fy_end: int, offset: int = 0) -> SeriesPeriod:
    """The period of the series ending on a date and running some months, labelled with the fiscal year."""
    quarter, year = fiscal_quarter(end, fy_end, offset)  # the quarter the period ends in: FY is 4, 9M is 3, LTM Q2 is 2
    return SeriesPeriod(fiscal_label(end, months, fy_end, offset), months, end, year, quarter)


_OUTLOOK = re.compile(r"(?i)\boutlook\b|\bguidance\b|\bforecasts?\b|\bprojections?\b|\bexpectations?\b|\btargets?\b")


def _outlook(ext: Extraction) -> set[int]:
    """Facts that are forecasts, not results: in a table or under a heading named outlook or guidance, or for a period
    that ends after the latest period of the release's own statements. They never make periods, restatements or changes."""
    actual = [f.period_end for f in ext.facts if f.period_end and f.statement in ("income", "balance", "cashflow")
              and not _OUTLOOK.search(f"{f.table} {f.group}")]
    titled = [f.period_end for f in ext.facts if f.period_end and f.statement in ("income", "balance", "cashflow")
              and names_statement(f.table)]  # the statements' own dates, when the release titles them
    latest = max(titled or actual, default=None)
    return {id(f) for f in ext.facts if _OUTLOOK.search(f"{f.table} {f.group}") or (latest and f.period_end and f.period_end > latest)}


def _rows(kept: list[Fact], fy_end: int, offset: int = 0) -> tuple[list[_Row], int]:
    rows, skipped = [], 0
    for order, fact in enumerate(kept):
        if fact.statement not in STATEMENTS or fact.member:
            continue  # a member column (`Adj.`, `Domestic`) is not the company's line item
        if fact.period_end is None or fact.period_months is None:
            skipped += 1
            continue
        months = 0 if fact.statement == "balance" else fact.period_months
        rows.append(_Row(fact, series_period(date.fromisoformat(fact.period_end), months, fy_end, offset), order=order))
    return rows, skipped


class Registry:
    """Assigns item keys release by release (newest first) and keeps the company's order and wording."""

    def __init__(self, mapping: dict[str, str]) -> None:
        self.mapping = {label_text(k): v for k, v in mapping.items()}
        self.items: dict[ItemKey, Item] = {}
        self.orders: dict[str, list[list[ItemKey]]] = defaultdict(list)
        self.seen_in: dict[ItemKey, set[str]] = defaultdict(set)  # item key -> files
        self.samples: dict[ItemKey, dict[SeriesPeriod, Decimal]] = defaultdict(dict)

    def add_release(self, file: str, rows: list[_Row]) -> list[Finding]:
        findings: list[Finding] = []
        local: dict[ItemKey, dict[SeriesPeriod, Decimal]] = {}
        aliases: dict[ItemKey, ItemKey] = {}
        order: dict[str, list[ItemKey]] = defaultdict(list)
        self.mine: dict[ItemKey, dict[SeriesPeriod, Decimal]] = defaultdict(dict)  # this release's values by wording
        for row in rows:
            self.mine[self._base_key(row.fact)].setdefault(row.period, row.fact.value)
        for row in sorted(rows, key=lambda r: r.order):
            fact = row.fact
            base = self._base_key(fact)
            key = aliases.get(base) or self._match(base, fact, file, findings)
            aliases[base] = key
            placed = self._place(key, row, local)
            if placed is None:
                continue  # a repeat: the row keeps no key
            key = row.key = placed
            local.setdefault(key, {})[row.period] = fact.value
            if key not in order[fact.statement]:
                order[fact.statement].append(key)
            if key not in self.items:
                label = _display(fact)
                if key != (aliases.get(base) or base) and fact.group.strip(" :"):
                    label = f"{label} ({' '.join(fact.group.split()).rstrip(':')})"
                # a second line of one concept in a release (`Cash and due from banks`, then `Total cash`) is a line of its
                # own: the concept stays with the first, so no concept has two values in a period
                concept = self._concept(fact) if key == (aliases.get(base) or base) else None
                self.items[key] = Item(key, fact.statement, label, concept, fact.unit)
            self.seen_in[key].add(file)
        for section, keys in order.items():
            self.orders[section].append(keys)
        for key, vals in local.items():
            for period, value in vals.items():
                self.samples[key].setdefault(period, value)
        return findings

    def _concept(self, fact: Fact) -> str | None:
        target = self.mapping.get(label_text(fact.label))
        if target is not None:
            return target if _is_concept(target) else None
        return fact.concept

    def _base_key(self, fact: Fact) -> ItemKey:
        text = label_text(fact.label)
        target = self.mapping.get(text)
        if target is not None:
            name = f"c:{target}" if _is_concept(target) else f"l:{label_text(target)}"
        elif fact.concept:
            name = f"c:{fact.concept}"
        else:
            name = f"l:{text}"
        return ItemKey(fact.statement, fact.unit, name)

    def _place(self, key: ItemKey, row: _Row, local: dict[ItemKey, dict[SeriesPeriod, Decimal]]) -> ItemKey | None:
        """The key of a row within its release: a repeated row joins its first; a different one gets its heading."""
        fact = row.fact
        for n in range(1, 10):
            variant = "" if n == 1 else f"@{label_text(fact.group or fact.table) or n}" if n == 2 else f"#{n}"
            candidate = key._replace(variant=variant)
            seen = local.get(candidate)
            if seen is None or seen.get(row.period, fact.value) == fact.value:
                if seen is not None and row.period in seen:
                    return None  # the same number printed again (a subtotal repeated, an EPS block)
                return candidate
        return None

    def _match(self, base: ItemKey, fact: Fact, file: str, findings: list[Finding]) -> ItemKey:
        """An unmapped wording joins an earlier release's item only when it differs by spelling alone."""
        text = base.wording
        if base in self.items or text is None:
            return base
        best, best_score = None, 0.0
        for key in self.items:
            other = key.wording
            if other is None or key[:2] != base[:2] or file in self.seen_in[key] or key.variant:
                continue
            score = _spelling_match(text, other)
            if score > best_score:
                best, best_score = key, score
        if best is None:
            return self._match_values(base, fact, file, findings)
        findings.append(Finding("info", at(file, fact.line), f"'{fact.label}' read as the same line as '{self.items[best].label}' (spelling differs)"))
        return best

    def _match_values(self, base: ItemKey, fact: Fact, file: str, findings: list[Finding]) -> ItemKey:
        """A reworded line joins a later release's line when both print the same amounts for the periods both print
        (at least one of them not zero), and no other line of that release does: overlapping values are the strongest
        evidence there is. A wording the later release also prints is never joined."""
        mine = {p: v for p, v in self.mine.get(base, {}).items()}
        found = []
        for key, samples in self.samples.items():
            if key[:2] != base[:2] or file in self.seen_in[key] or key.variant or key in self.mine:
                continue
            shared = [p for p in mine if p in samples]
            if shared and all(mine[p] == samples[p] for p in shared) and any(mine[p] for p in shared):
                found.append((key, shared))
        if len(found) != 1:
            return base
        key, shared = found[0]
        periods = ", ".join(p.label for p in shared[:3])
        findings.append(Finding("info", at(file, fact.line), f"'{fact.label}' read as the same line as '{self.items[key].label}' "
                                                             f"(reworded; both print the same amounts for {periods})"))
        return key

    def ordered(self) -> list[Item]:
        keys: list[ItemKey] = []
        for section in STATEMENTS:
            keys.extend(merge_orders(self.orders.get(section, [])))
        return [self.items[k] for k in keys]


@lru_cache(maxsize=1)
def _concepts() -> frozenset[str]:
    from .concepts import describe

    return frozenset(c for c, _s in describe())


def _is_concept(name: str) -> bool:
    return name in _concepts()


_SHARE_WORD = re.compile(r"share|eps|per\b", re.I)


def _display(fact: Fact) -> str:
    label = " ".join(fact.label.split()).rstrip(":")
    if (is_per_share(fact.unit) or fact.unit == "shares") and not _SHARE_WORD.search(label):
        heading = " ".join(fact.group.split()).rstrip(":")
        return f"{label} ({heading})" if heading else f"{label} ({'per share' if is_per_share(fact.unit) else 'shares'})"
    return label


def _spelling_match(a: str, b: str) -> float:
    """How alike two folded labels are when every word of one has a look-alike in the other; 0 otherwise."""
    from rapidfuzz import fuzz
    from rapidfuzz.distance import Levenshtein

    wa = [w for w in a.split() if w not in _STOP]
    wb = [w for w in b.split() if w not in _STOP]
    if not wa or len(wa) != len(wb) or sorted(wa) == sorted(wb) and a == b:
        return 0.0
    for x, y in zip(sorted(wa), sorted(wb)):
        if x == y:
            continue
        if min(len(x), len(y)) < 5 or x.isdigit() or y.isdigit() or Levenshtein.distance(x, y) > 1 + (min(len(x), len(y)) >= 9):
            return 0.0
    score = fuzz.ratio(a, b)
    return score if score >= 90 else 0.0


def merge_orders(orders: list[list]) -> list:
    """One order from several (newest first): a line the first order lacks goes between its neighbours in its own order."""
    result: list[str] = []
    for order in orders:
        for i, key in enumerate(order):
            if key in result:
                continue
            before = next((result.index(k) + 1 for k in reversed(order[:i]) if k in result), None)
            after = next((result.index(k) for k in order[i + 1:] if k in result), None)
            if after is not None and (before is None or after >= before):
                result.insert(after, key)  # just before the line that follows it: the newer order stays together
            else:
                result.insert(before if before is not None else len(result), key)
    return result


def _values(per_release: list[tuple[Extraction, list[_Row]]]) -> dict[tuple[ItemKey, SeriesPeriod], Entry]:
    """One entry per (item, period): the latest release wins; earlier different values are kept as restated."""
    candidates: dict[tuple[ItemKey, SeriesPeriod], list[Fact]] = defaultdict(list)
    printed: dict[tuple, dict[Decimal, ItemKey]] = defaultdict(dict)  # (file, statement, unit, period) -> {value: key}
    for _ext, rows in per_release:  # oldest first
        for row in rows:
            if row.key:
                candidates[(row.key, row.period)].append(row.fact)
                printed[(row.fact.file, row.fact.statement, row.fact.unit, row.period)].setdefault(row.fact.value, row.key)
    values = {}
    for key, facts in candidates.items():
        latest = facts[-1]
        # an earlier value the latest release still prints for the period under another line was renamed, not restated
        # (`Other income (expense), net` 370 became `Total other income (expense), net` 370)
        still = printed[(latest.file, latest.statement, latest.unit, key[1])]
        earlier = [f for f in facts[:-1] if not _agree(f, latest) and (not f.value or still.get(f.value, key[0]) == key[0])]
        best = min(reversed([f for f in facts if _agree(f, latest)]), key=lambda f: SCALES.get(f.scale, 1))
        source = at(best.file, best.line)
        worded = {label_text(f.label): f for f in facts}
        joined = "; ".join(f"also printed as '{f.label}' ({at(f.file, f.line)})" for text, f in worded.items()
                           if text != label_text(latest.label))  # a join of wordings, in the JSON too
        if earlier:
            previous = tuple((f.value, at(f.file, f.line)) for f in earlier)
            note = "restated: earlier release printed " + ", ".join(prose(v) for v, _s in previous)
            values[key] = Entry(best.value, source, Basis.RESTATED, f"{note}; {joined}" if joined else note, previous, best.scale)
        else:
            values[key] = Entry(best.value, source, note=joined, scale=best.scale)
    return values


def _agree(a: Fact, b: Fact) -> bool:
    """Equal, or equal at the coarser of the two printed scales (thousands against units)."""
    if a.value == b.value:
        return True
    coarse = max(SCALES.get(a.scale, 1), SCALES.get(b.scale, 1))
    return coarse > 1 and abs(a.value - b.value) * 2 <= coarse


def _main_scale(releases: list[Extraction]) -> str:
    votes = Counter(f.scale for r in releases for f in r.facts if is_money(f.unit))
    return votes.most_common(1)[0][0] if votes else "units"


def _main_currency(releases: list[Extraction]) -> str:
    votes = Counter(f.unit for r in releases for f in r.facts if is_money(f.unit))
    return votes.most_common(1)[0][0] if votes else "USD"
