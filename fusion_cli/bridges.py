"""Non-GAAP bridges: each reconciliation read as a waterfall from its GAAP line to its non-GAAP subtotals.

A bridge starts at a GAAP line (net income, operating income, operating cash flow, EPS), adds every
adjustment in printed order, and meets each subtotal (EBITDA, Adjusted EBITDA, adjusted net income,
free cash flow...) with the sum computed next to the printed figure and their difference. Differences
within the rounding of the printed terms are called rounding; anything larger is shown as not footing.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from .amounts import SCALES
from .concepts import normalize_label
from .model import Extraction, Fact, Point, at
from .series import Series, SeriesPeriod, label_text, series_period
from .units import is_money, is_per_share

ANCHORS = frozenset({"net_income", "net_income_to_common", "income_continuing_ops", "operating_income", "income_before_tax",
                     "gross_profit", "operating_cash_flow", "revenue", "eps_basic", "eps_diluted", "eps_continuing_ops"})
NON_GAAP = frozenset({"ebitda", "adjusted_ebitda", "adjusted_net_income", "adjusted_eps"})
_NON_GAAP_LABEL = re.compile(r"^(?:total )?(?:adjusted|non-?gaap|ebitda|ebita|ebit|free cash flow|pro forma|core|normalized|underlying)\b")
_MARKED_NON_GAAP = re.compile(r"\bas adjusted\b|\(non-?gaap\)", re.I)
_ADJUSTMENTS_TOTAL = re.compile(r"^total\b.*\badjustments?\b|\badjustments?,? total$|^(?:total )?(?:net )?adjustments$")
_GAAP_LABEL = re.compile(r"^(?:gaap|reported)\b|\(gaap\)|\bas reported\b", re.I)
_LESS = re.compile(r"^\s*(?:less|deduct)\b", re.I)
_DECIMALS = re.compile(r"\d\.(\d+)")


@dataclass(frozen=True, slots=True)
class Step:
    """One line of a bridge: the start, an adjustment, or a subtotal with its computed value and difference."""

    kind: str  # start | adjustment | subtotal | adjustments
    fact: Fact
    computed: Decimal | None = None
    difference: Decimal | None = None
    tolerance: Decimal = Decimal(0)


@dataclass(frozen=True, slots=True)
class Bridge:
    """A waterfall for one period of one reconciliation table."""

    name: str  # the last subtotal's wording: "Adjusted EBITDA"
    period: SeriesPeriod
    unit: str
    steps: tuple[Step, ...]
    note: str = ""

    @property
    def signature(self) -> str:
        """What makes two periods' bridges the same bridge: the subtotal they end at, with its qualifiers (`Non-GAAP net
        income (as adjusted to exclude H20 ... charges)` is a second bridge beside `Non-GAAP net income`), and the unit."""
        return f"{' '.join(_WORDS.findall(self.name.lower()))} [{self.unit}]"


def bridges(series: Series, releases: list[Extraction]) -> list[Bridge]:
    """Every bridge of a company's releases; a period printed by two releases keeps the later release's."""
    found: dict[tuple[SeriesPeriod, str, str], Bridge] = {}
    by_file = {r.file: r for r in releases}
    for file in series.files:  # oldest first: later releases replace
        tables: dict[int, list[Fact]] = {}
        for fact in by_file[file].facts:
            if fact.statement == "reconciliation" and fact.period_end and fact.period_months and not fact.member:
                tables.setdefault(fact.table_line, []).append(fact)
        for facts in tables.values():
            for bridge in _table_bridges(facts, series.fy_end, series.offset):
                found[(bridge.period, bridge.unit, bridge.signature)] = bridge
    return sorted(found.values(), key=lambda b: (b.period.end, b.period.months))


def _table_bridges(facts: list[Fact], fy_end: int, offset: int = 0) -> list[Bridge]:
    """The bridges of one reconciliation table, from its facts that have an end and a length."""
    runs: dict[tuple[str, int, str], list[Fact]] = {}
    for fact in facts:
        assert fact.period_end is not None and fact.period_months is not None  # `bridges` passes dated facts only
        if is_money(fact.unit) or is_per_share(fact.unit):
            runs.setdefault((fact.period_end, fact.period_months, fact.unit), []).append(fact)
    out = []
    for (end, months, unit), rows in runs.items():
        period = series_period(date.fromisoformat(end), months, fy_end, offset)
        for steps in _structure(sorted(rows, key=lambda f: f.line)):
            out.append(_compute(steps, period, unit))
    return out


def _kind(fact: Fact) -> str:
    norm = normalize_label(fact.label)
    if not norm or _ADJUSTMENTS_TOTAL.search(norm):  # an unlabeled line under adjustments is their total
        return "adjustments"
    if "adjustment" in norm:
        return "adjustment"
    if fact.concept in NON_GAAP or _NON_GAAP_LABEL.match(norm) or _MARKED_NON_GAAP.search(fact.label):
        return "subtotal"
    if fact.concept in ANCHORS or _GAAP_LABEL.search(fact.label):
        return "anchor"
    return "adjustment"


def _cash(fact: Fact) -> bool:
    return fact.concept == "operating_cash_flow" or "cash" in fact.label.lower()


def _structure(rows: list[Fact]) -> list[list[tuple[str, Fact]]]:
    """Split a run of rows into bridges: (kind, fact) lists that start at an anchor and end at a non-GAAP subtotal."""
    bridges: list[list[tuple[str, Fact]]] = []
    steps: list[tuple[str, Fact]] = []
    reached = False  # a non-GAAP subtotal has been met

    def close() -> None:
        last = max((i for i, (k, f) in enumerate(steps) if k == "subtotal" and _non_gaap(f)), default=None)
        if last is not None and any(k in ("adjustment", "adjustments") for k, _f in steps[:last]):
            bridges.append(steps[:last + 1])

    for fact in rows:
        kind = _kind(fact)
        if not steps:
            if kind == "anchor":
                steps, reached = [("start", fact)], False
            continue
        if kind == "anchor":
            if reached:
                close()
                steps, reached = [("start", fact)], False
            elif not any(k == "adjustment" for k, _f in steps):
                steps = [("start", fact)]
            else:
                steps.append(("subtotal", fact))
        elif kind == "subtotal":
            restart = _own_start(steps, fact)
            if restart:  # "Adjusted SG&A" bridges from the "SG&A" line above it, not from the previous bridge
                close()
                steps = [("start", steps[restart][1])] + steps[restart + 1:]
            if _cash(steps[0][1]) != ("cash flow" in fact.label.lower()):
                steps, reached = [], False  # an operating-cash start never reaches EBITDA: not one bridge
                continue
            steps.append(("subtotal", fact))
            reached = True
        else:
            steps.append((kind, fact))
    close()
    return bridges


_WORDS = re.compile(r"[a-z0-9]+")
_ADJUSTED_PREFIX = re.compile(r"^(?:total )?(?:adjusted|non gaap|non-gaap)\s+")
_GAAP_PREFIX = re.compile(r"^(?:gaap|reported)\s+")


def _own_start(steps: list[tuple[str, Fact]], subtotal: Fact) -> int | None:
    """Index of the line an "Adjusted X" subtotal adjusts, when that line sits after the previous subtotal."""
    base = _ADJUSTED_PREFIX.sub("", label_text(subtotal.label))
    last = max((i for i, (k, f) in enumerate(steps) if k == "subtotal"), default=0)
    for i in range(len(steps) - 1, last, -1):
        if _GAAP_PREFIX.sub("", label_text(steps[i][1].label)) == base and steps[i][0] != "start":
            return i
    return None


def _non_gaap(fact: Fact) -> bool:
    return _kind(fact) == "subtotal"


def _compute(steps: list[tuple[str, Fact]], period: SeriesPeriod, unit: str, flip: frozenset[int] = frozenset()) -> Bridge:
    """Running sums through the steps; subtotals get computed value, difference and rounding tolerance."""
    out: list[Step] = []
    running = Decimal(0)
    terms: list[Fact] = []  # what the running sum is made of since the last subtotal
    adjustments: list[Decimal] = []
    for i, (kind, fact) in enumerate(steps):
        value = -fact.value if i in flip else fact.value
        if kind == "start":
            running, terms, adjustments = value, [fact], []
            out.append(Step("start", fact))
        elif kind == "adjustment":
            running += value
            terms.append(fact)
            adjustments.append(value)
            out.append(Step("adjustment", fact))
        elif kind == "adjustments" and not adjustments:
            # `Total pre-tax impact of non-GAAP adjustments` right after the start: the adjustments, itemized elsewhere
            running += value
            terms.append(fact)
            adjustments.append(value)
            out.append(Step("adjustment", fact))
        elif kind == "adjustments":
            total = sum(adjustments, Decimal(0))
            out.append(Step("adjustments", fact, total, fact.value - total, _tolerance(terms[1:] + [fact])))
        else:
            out.append(Step("subtotal", fact, running, fact.value - running, _tolerance(terms + [fact])))
            running, terms, adjustments = fact.value, [fact], []
    bridge = Bridge(steps[-1][1].label, period, unit, tuple(out))
    if not flip and not _foots(bridge):
        # `Less: gains (losses) | (1,041)`: a line marked Less is subtracted, whatever its printed sign, when that foots
        less = frozenset(i for i, (k, f) in enumerate(steps) if k == "adjustment" and _LESS.match(f.label))
        if less:
            retry = _compute(steps, period, unit, less)
            if _foots(retry):
                return Bridge(retry.name, period, unit, retry.steps, "lines marked 'Less' are subtracted")
    return bridge


def _foots(bridge: Bridge) -> bool:
    return all(s.difference is None or abs(s.difference) <= s.tolerance for s in bridge.steps)


def precision(fact: Fact) -> Decimal:
    """The unit of the last printed digit, in the fact's (scaled) units; none for a dash, which is exactly zero."""
    return _precision(fact.as_printed, fact.scale)


@functools.lru_cache(maxsize=16384)
def _precision(printed: str, scale: str) -> Decimal:
    if not any(ch.isdigit() for ch in printed):
        return Decimal(0)
    m = _DECIMALS.search(printed)
    digits = len(m.group(1)) if m else 0
    return Decimal(1).scaleb(-digits) * SCALES.get(scale, 1)


def _tolerance(terms: list[Fact]) -> Decimal:
    """Each printed term may be off by half its last digit."""
    return sum((precision(f) / 2 for f in terms), Decimal(0))


def verdict(step: Step) -> str:
    """ok, rounding or does not foot, for a subtotal step."""
    if step.difference is None:
        return ""
    if step.difference == 0:
        return "ok"
    return "rounding" if abs(step.difference) <= step.tolerance else "does not foot"


def derived_ebitda(series: Series) -> tuple[list[Point], dict[SeriesPeriod, tuple[Decimal, str]]]:
    """EBITDA = operating income + D&A for periods whose releases print none, marked derived."""
    from .metrics import lookup, point

    points, values = [], {}
    for period in series.periods:
        if not period.months or lookup(series, "ebitda", period, ("reconciliation", "income")) is not None:
            continue
        operating = lookup(series, "operating_income", period, ("income",))
        dna = lookup(series, "depreciation_amortization", period, ("income", "cashflow"))
        if operating is None or dna is None:
            continue
        total = operating[0] + dna[0]
        key = "derived ebitda"  # the bridge's name in each row's (bridge, step) key
        points += [
            point(series, "bridge", "Operating income", "operating_income", period, "start", operating[0], series.currency, operating[1], key=(key, "start")),
            point(series, "bridge", "Depreciation and amortization", "depreciation_amortization", period, "adjustment", dna[0], series.currency, dna[1], key=(key, "dna")),
            point(series, "bridge", "EBITDA", "ebitda", period, "computed", total, series.currency, "derived",
                  "derived: operating income + depreciation and amortization", key=(key, "ebitda")),
        ]
        values[period] = (total, "derived")
    return points, values


def bridge_points(series: Series, bridge: Bridge) -> list[Point]:
    """A bridge as tidy points: start, adjustments, and for each subtotal its printed, computed and difference rows."""
    from .metrics import point

    points = []
    for step in bridge.steps:
        f = step.fact
        source = at(f.file, f.line)
        key = (bridge.signature, f.concept or label_text(f.label))
        if step.kind in ("start", "adjustment"):
            points.append(point(series, "bridge", f.label, f.concept, bridge.period, step.kind, f.value, bridge.unit, source,
                                bridge.note if step.kind == "start" else "", key=key))
            continue
        points.append(point(series, "bridge", f.label, f.concept, bridge.period, "subtotal", f.value, bridge.unit, source, key=key))
        what = "sum of the adjustments above" if step.kind == "adjustments" else "sum of the lines above"
        points.append(point(series, "bridge", f.label, f.concept, bridge.period, "computed", step.computed, bridge.unit, "derived", what, key=key))
        points.append(point(series, "bridge", f.label, f.concept, bridge.period, "difference", step.difference, bridge.unit, "derived", verdict(step), key=key))
    return points
