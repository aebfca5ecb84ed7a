"""The claims of a release's text, checked against its tables.

A sentence that names a metric (revenues, gross margin, SG&A, net loss, adjusted EBITDA, current
assets...) and states an amount, a percent or a direction is turned into claims: a level for a period,
a change between two periods, or a margin. Each is judged at the rounding it states: "$10.2 million"
is right for anything from 10.15 to 10.25 million. A change stated in percent that only matches the
rounded figures of the same sentence ("$10.2 million ... an increase of 6.3% ... $9.6 million") is
rounding, not a mismatch. Claims about data the tables lack (a segment, a quarter not shown) are
unverifiable.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal, TypeAlias

from .caveats import crowded, dated, elsewhere, section_of
from .display import prose
from .model import Check, CheckKind, ItemKey, Source, Status
from .periods import parse_date
from .series import Series, SeriesPeriod

METRICS: tuple[tuple[str, str, str], ...] = (  # concept, kind (flow | balance | ratio), pattern
    ("net_income_to_common", "flow", r"net (?:loss|income|earnings) (?:applicable|attributable|available) to (?:common (?:stockholders|shareholders)|(?!non|minority)[a-z][\w&.']*(?: [a-z][\w&.']*){0,2})"),
    ("adjusted_ebitda_margin", "ratio", r"adjusted ebitda margin"),
    ("ebitda_margin", "ratio", r"ebitda margin"),
    ("operating_margin", "ratio", r"operating (?:income )?margin"),
    ("net_margin", "ratio", r"net (?:income |loss |profit )?margin"),
    ("income_continuing_ops", "flow", r"(?:net )?(?:loss|income) from continuing operations"),
    ("adjusted_ebitda", "flow", r"adjusted ebitda(?: loss)?"),
    ("ebitda", "flow", r"ebitda(?: loss)?"),
    ("gross_margin", "ratio", r"gross margins?"),
    ("gross_profit", "flow", r"gross profit"),
    ("sga", "flow", r"selling,? general,? and administrative(?: \(\"?sg&a\"?\))?(?: expenses| costs)?|sg&a(?: expenses| costs)?"),
    ("operating_income", "flow", r"operating (?:income|loss)|(?:income|loss) from operations"),
    ("net_income", "flow", r"net (?:loss|income|earnings)"),
    ("revenue", "flow", r"(?:consolidated |total |net )*(?:revenues?|net sales)(?! orders?\b| units?\b| volumes?\b| backlog\b| bookings\b)"),
    ("total_current_assets", "balance", r"(?:total )?current assets"),
    ("total_current_liabilities", "balance", r"(?:total )?current liabilities"),
    ("total_assets", "balance", r"total assets"),
    ("total_equity", "balance", r"(?:total )?(?:stockholders|shareholders)['’]? (?:equity|deficit)(?:/\(?deficit\)?)?"),
    ("cash", "balance", r"cash and cash equivalents"),
)
_METRIC = re.compile("|".join(f"(?P<m{i}>\\b{p}\\b)" for i, (_c, _k, p) in enumerate(METRICS)), re.I)
_MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
_DATE = re.compile(rf"\b(?:{_MONTHS})\.? \d{{1,2}},? \d{{4}}", re.I)
_QUARTER = re.compile(r"\b(first|second|third|fourth) (?:fiscal )?quarter(?: of)?(?: fiscal)? (\d{4})|\b(\d{4}) (first|second|third|fourth) quarter|\bq([1-4]) (\d{4})", re.I)
_YEAR = re.compile(r"\b(?:in|for|during) (?:fiscal )?(\d{4})\b", re.I)
_RATIO = re.compile(r"percentage of|(?:%|percent) of (?:(?:consolidated|net|total|adjusted)\s+)*(?:revenues?|sales)", re.I)
_PRIOR_AFTER = re.compile(r"\s{0,4}(?:million|billion|thousand)?,?\s{0,4}(?:(?:in|for|during) the (?:prior|previous|same)[- ]year|a year ago|last year|in the prior[- ]year)", re.I)
_ANNUAL = re.compile(r"full[- ]year|fiscal year|year ended|twelve months|\bannual", re.I)
_PER_UNIT_AFTER = re.compile(r"\s{1,4}per (?!(?:diluted |basic |common |fully diluted )*(?:common )?share)[a-z]", re.I)
_PER_SHARE_AFTER = re.compile(r"\s{1,8}per (?:diluted |basic )?(?:common )?share", re.I)
_CHANGE_IN = re.compile(r"(?:increase|decrease|improvement|reduction|decline|change)s? in (?:the |its |our )?(?:company's )?$", re.I)
_AMOUNT = re.compile(r"(?P<neg>\()?\\?\$\s?\(?(?P<num>\d[\d,]*(?:\.\d+)?)\)?\s*(?P<unit>million|billion|thousand)?\)?(?P<share> per (?:diluted |basic )?share)?", re.I)
_PERCENT = re.compile(r"(?<![\d.])(?P<num>\d{1,15}(?:\.\d{1,8})?)\s?(?:%|percent\b)")
_UP = re.compile(r"\b(?:increase[ds]?|increasing|grew|grow(?:th|s)?|rose|higher|up)\b", re.I)
_DOWN = re.compile(r"\b(?:decrease[ds]?|decreasing|declined?|declining|fell|lower|down|reduc(?:ed|tion)|narrowed)\b", re.I)
_CHANGE_BEFORE = re.compile(r"(?:increase[ds]?|decrease[ds]?|improve(?:d|ment)?|grew|declined?|rose|fell|reduc(?:ed|tion)|change)\b[^$%]{0,40}$", re.I)
_PRIOR_BEFORE = re.compile(r"(?:compared (?:to|with)|versus|vs\.?|from)\b[^$%]{0,40}$", re.I)
_SEGMENT = re.compile(r"\bsegments?\b|\bdivision\b|\bsame[- ]store\b|\bconstant currency\b|\borganic\b|\bfx[- ]neutral\b|\bexcluding\b"
                      r"|\bvolumes?\b|\bpric(?:e|ing)\b|\bmix\b|\bchannel\b|\bcategory\b|\bwholesale\b|\bdirect[- ]to[- ]consumer\b|\binternational\b"
                      r"|\bdomestic\b|\bu\.s\.|\bguidance\b|\boutlook\b|\bexpects?\b|\banticipates?\b|\bper active\b|\btake rate\b"
                      r"|\badjusted basis\b|\bnon-gaap basis\b", re.I)
_NAMED_BEFORE = re.compile(r"\b([A-Z][A-Z&]{1,5})(?:['’]s)?\s+(?:total\s+|net\s+|operating\s+|consolidated\s+)?$")  # `SCS total revenue`
_NAMED_FIRST = re.compile(r"\W{0,4}([A-Z][A-Z&]{1,5})\s+(?![A-Z]{2})")  # a sentence whose subject is `FMS ...`
_NOT_A_NAME = frozenset(("GAAP", "US", "U", "EPS", "YOY", "FY", "Q", "TTM", "LTM", "YTD", "AND", "THE", "IFRS", "USD", "EBITDA"))
_PART_BEFORE = re.compile(r"(?:including|contribution of|impact of|benefit of|charge of|offset by|of which)\s*(?:approximately\s*)?\(?$", re.I)
_ADJUSTED_BEFORE = re.compile(r"(?:adjusted|non-gaap|pro forma|core|comparable)\s+(?:\w+\s+)?$", re.I)
_CHANGE_JUST_BEFORE = re.compile(r"(?:increase[ds]?|decrease[ds]?|improve(?:d|ment)|grew|declined?|rose|fell|reduc(?:ed|tion))(?: of| by)?\s*\(?\$?$", re.I)
_RATIO_AFTER = re.compile(r"\s{0,8}(?:of|as a percentage of) (?:(?:consolidated|net|total|adjusted)\s+)*(?:revenues?|sales)", re.I)
BOUND_WORDS = 15  # a number further than this from its metric (or from the metric's previous number) is not clearly about it
_SEQUENTIAL = re.compile(r"\bsequential|\bprevious quarter|\bprior quarter", re.I)
_SENTENCE = re.compile(r"(?<=[.;!?])\s+(?=[A-Z(\"“])")
_QUARTER_NUMBER = {"first": 1, "second": 2, "third": 3, "fourth": 4}
_SCALE = {"million": Decimal(10) ** 6, "billion": Decimal(10) ** 9, "thousand": Decimal(1000), None: Decimal(1)}

# A period a sentence names: a date, a quarter as (quarter, fiscal year), or a fiscal year.
_Ref: TypeAlias = tuple[Literal["date"], date] | tuple[Literal["quarter"], tuple[int, int]] | tuple[Literal["year"], int]


@dataclass(frozen=True, slots=True)
class Stated:
    """A number as the text states it: value, the unit of its last digit, and where it stands in the sentence."""

    value: Decimal
    step: Decimal  # one unit of the last stated digit, in the value's units
    kind: str  # amount | per_share | percent
    start: int
    end: int


def claims(series: Series, prose: tuple[tuple[int, str], ...], file: str, margin_values: dict,
           headings: tuple[tuple[int, str], ...] = (), segments: frozenset[str] = frozenset()) -> list[Check]:
    """Every checkable claim of the release's sentences. `segments`: the segments the tables name (folded)."""
    periods = _Periods(series)
    out: list[Check] = []
    for line, text in paragraphs(prose):
        section = section_of(headings, line, segments)
        for sentence in _SENTENCE.split(text.replace("\\$", "$")):
            found = _sentence_claims(sentence, Source(file, line), series, periods, margin_values)
            why = crowded(sentence) or section
            out.extend(_certain(_noted(c, reason), False)
                       if c.status == Status.MISMATCH and (reason := why or elsewhere(c, sentence) or dated(c, sentence, series))
                       else c for c in found)
    return out


_BULLET = re.compile(r"\s*(?:[•▪◦‣●○■□–—*-]|\(?[a-z0-9]\))\s")
_GOES_ON = re.compile(r"(?:,|\b(?:and|or|of|to|from|by|for|in|on|at|with|the|a|an|was|were|is|are|compared|versus|vs\.?))\s*$", re.I)


def paragraphs(prose: tuple[tuple[int, str], ...]) -> list[tuple[int, str]]:
    """Sentences wrapped over lines joined again (`... charges, operating income increased` / `20% ...`): a line
    goes on into the next when they are consecutive, the next is no bullet, and it starts in lower case or the
    line ends on a comma or a word that cannot end a sentence. Each paragraph keeps its first line."""
    out: list[tuple[int, str]] = []
    last = -2
    for line, text in prose:
        if (out and line == last + 1 and not _BULLET.match(text)
                and (text.lstrip()[:1].islower() or _GOES_ON.search(out[-1][1])) and len(out[-1][1]) < 1200):
            out[-1] = (out[-1][0], out[-1][1].rstrip() + " " + text.strip())
        else:
            out.append((line, text))
        last = line
    return out


class _Periods:
    """Which period a phrase means: a date, a named quarter, a year; the release's current and comparative."""

    def __init__(self, series: Series) -> None:
        self.series = series
        flows = [p for p in series.periods if p.months == 3] or [p for p in series.periods if p.months]
        balances = [p for p in series.periods if p.months == 0]
        self.current_flow = flows[-1] if flows else None
        self.current_balance = balances[-1] if balances else None

    def prior_year(self, period: SeriesPeriod | None) -> SeriesPeriod | None:
        from .metrics import prior

        return prior(self.series, period, "yoy") if period is not None else None

    def prior_balance(self, period: SeriesPeriod | None) -> SeriesPeriod | None:
        earlier = [p for p in self.series.periods if p.months == 0 and period is not None and p.end < period.end]
        return earlier[-1] if earlier else None

    def annual(self) -> tuple[SeriesPeriod | None, SeriesPeriod | None]:
        years = [p for p in self.series.periods if p.months == 12]
        return (years[-1] if years else None), (self.prior_year(years[-1]) if years else None)

    def resolve(self, ref: _Ref, kind: str, annual: bool = False) -> SeriesPeriod | None | str:
        """A period of the series, None when the tables do not have it, "" when the phrase names none."""
        months = 0 if kind == "balance" else 12 if annual else (self.current_flow.months if self.current_flow else 3)
        if annual and ref[0] == "year" and kind != "balance":
            year = ref[1]
            return next((p for p in self.series.periods if p.fy == year and p.months == 12), None)
        if ref[0] == "date":
            when = ref[1]
            candidates = [p for p in self.series.periods if p.end == when and (p.months == months or (kind != "balance" and p.months))]
            exact = [p for p in candidates if p.months == months]
            found = exact or candidates
            return found[0] if found else None
        if ref[0] == "quarter":
            quarter, year = ref[1]
            return next((p for p in self.series.periods if p.fy == year and p.quarter == quarter and p.months == (0 if kind == "balance" else 3)), None)
        if ref[0] == "year":
            year = ref[1]
            current = self.current_balance if kind == "balance" else self.current_flow
            if current is None:
                return None
            return next((p for p in self.series.periods if p.fy == year and p.quarter == current.quarter and p.months == current.months), None)
        return ""


def _refs(sentence: str) -> list[tuple[int, _Ref]]:
    """The periods a sentence names, each with where it stands, in order."""
    refs: list[tuple[int, _Ref]] = []
    for m in _DATE.finditer(sentence):
        when = parse_date(m.group(0))
        if when is not None:
            refs.append((m.start(), ("date", when)))
    for m in _QUARTER.finditer(sentence):
        if m.group(1):
            refs.append((m.start(), ("quarter", (_QUARTER_NUMBER[m.group(1).lower()], int(m.group(2))))))
        elif m.group(3):
            refs.append((m.start(), ("quarter", (_QUARTER_NUMBER[m.group(4).lower()], int(m.group(3))))))
        else:
            refs.append((m.start(), ("quarter", (int(m.group(5)), int(m.group(6))))))
    for m in _YEAR.finditer(sentence):
        refs.append((m.start(), ("year", int(m.group(1)))))
    return sorted(refs, key=lambda r: r[0])


_OF_BEFORE = re.compile(r"(?:percentage|%|percent) of (?:consolidated )?$|\bof (?:consolidated )?$")


def _mentions(sentence: str) -> list[tuple[int, int, str, str]]:
    found = []
    for m in _METRIC.finditer(sentence):
        assert m.lastgroup is not None  # every alternative of _METRIC is a named group `m<index>`
        index = int(m.lastgroup[1:])
        before = sentence[max(0, m.start() - 20):m.start()].lower()
        if _OF_BEFORE.search(before) and METRICS[index][0] == "revenue":
            continue  # "as a percentage of revenues": the denominator, not a claim about revenue
        found.append((m.start(), m.end(), METRICS[index][0], METRICS[index][1]))
    return found


def _numbers(clause: str, offset: int) -> list[Stated]:
    numbers = []
    for m in _AMOUNT.finditer(clause):
        text = m.group("num").replace(",", "")
        decimals = len(text.split(".")[1]) if "." in text else 0
        scale = _SCALE[(m.group("unit") or "").lower() or None]
        value = Decimal(text) * scale
        step = Decimal(1).scaleb(-decimals) * scale
        kind = "per_share" if m.group("share") or (scale == 1 and decimals == 2 and Decimal(text) < 10) else "amount"
        numbers.append(Stated(value, step, kind, offset + m.start(), offset + m.end()))
    for m in _PERCENT.finditer(clause):
        text = m.group("num")
        decimals = len(text.split(".")[1]) if "." in text else 0
        numbers.append(Stated(Decimal(text), Decimal(1).scaleb(-decimals), "percent", offset + m.start(), offset + m.end()))
    return sorted(numbers, key=lambda n: n.start)


def _sentence_claims(sentence: str, source: Source, series: Series, periods: _Periods, margins: dict) -> list[Check]:
    mentions = _mentions(sentence)
    if not mentions:
        return []
    refs = _refs(sentence)
    out = []
    for i, (start, end, concept, kind) in enumerate(mentions):
        stop = mentions[i + 1][0] if i + 1 < len(mentions) else len(sentence)
        clause = sentence[end:stop]
        numbers = _numbers(clause, end)
        if not numbers:
            continue
        subject = sentence[start:end]
        same = [n for j, (s2, e2, c2, _k) in enumerate(mentions) if c2 == concept
                for n in _numbers(sentence[e2:mentions[j + 1][0] if j + 1 < len(mentions) else len(sentence)], e2)]
        context = _Context(sentence, source, series, periods, margins, concept, kind, subject, refs, numbers, start, same)
        out.extend(context.checks())
    return out


_TO_BEFORE = re.compile(r"\b(?:to|at|of \$?)\s{0,8}\(?$")
_OR_BEFORE = re.compile(r",?\s{0,8}\bor\s{0,8}$")
_PARENTHESES = re.compile(r"\([^()]*\)")
_OVER_FROM = re.compile(r"\b(?:over|from)\b")


@dataclass
class _Context:
    sentence: str
    source: Source
    series: Series
    periods: _Periods
    margins: dict
    concept: str
    kind: str
    subject: str
    refs: list[tuple[int, _Ref]]
    numbers: list[Stated]
    mention: int = 0  # where the metric's name starts
    same: list | None = None  # every number the sentence states for this metric

    @property
    def annual(self) -> bool:
        return bool(_ANNUAL.search(self.sentence[max(0, self.mention - 40):max((n.end for n in self.numbers), default=self.mention)]))

    @property
    def per_share(self) -> bool:
        return bool(_PER_SHARE_AFTER.match(self.sentence, self.mention + len(self.subject)))

    def _current(self) -> SeriesPeriod | None:
        if self.annual and self.kind != "balance":
            return self.periods.annual()[0]
        return self.periods.current_balance if self.kind == "balance" else self.periods.current_flow

    def checks(self) -> list[Check]:
        if _SEGMENT.search(self.sentence):
            return [self._unverifiable(n, "the sentence is about a segment or measure the tables do not break out") for n in self.numbers]
        m = _NAMED_BEFORE.search(self.sentence[max(0, self.mention - 30):self.mention]) or _NAMED_FIRST.match(self.sentence[:self.mention])
        if m and m.group(1) not in _NOT_A_NAME:
            return [self._unverifiable(n, f"'{m.group(1)}' before the metric names a part of the company") for n in self.numbers]
        if _PER_UNIT_AFTER.match(self.sentence, self.mention + len(self.subject)):
            return [self._unverifiable(n, "about the metric per unit (per ton, per store, per customer), not the line itself")
                    for n in self.numbers]
        if not self.concept.startswith("adjusted") and _ADJUSTED_BEFORE.search(self.sentence[max(0, self.mention - 25):self.mention]):
            return [self._unverifiable(n, "about an adjusted measure, not the GAAP line") for n in self.numbers]
        bound = self._bound()
        out = [self._unverifiable(n, "not clearly about this metric (too far from its name)") for n in self.numbers if n not in bound]
        levels = []
        ratio = bool(_RATIO.search(self.sentence))
        change_in = bool(_CHANGE_IN.search(self.sentence[max(0, self.mention - 40):self.mention]))
        for i, n in enumerate(n for n in self.numbers if n in bound):
            before = self.sentence[max(0, n.start - 45):n.start]
            if n.kind == "percent" and (self.kind == "ratio" or ratio):
                levels.append(n)
            elif n.kind == "percent" or (n.kind == "amount" and (
                    (_CHANGE_BEFORE.search(before) and not _TO_BEFORE.search(before)) or (change_in and i == 0))):
                certain = bool(_CHANGE_JUST_BEFORE.search(before)) or (change_in and i == 0) or bool(
                    i > 0 and _OR_BEFORE.search(before))
                out.append(_certain(self._change(n), certain))
            else:
                levels.append(n)
        out.extend(self._levels(levels))
        return out

    def _bound(self) -> list[Stated]:
        """Numbers close to the metric's name, or close to a number already bound to it."""
        bound, anchor = [], self.mention
        for n in self.numbers:
            gap = len(_PARENTHESES.sub(" ", self.sentence[anchor:n.start]).split())  # a definition in parentheses does not count
            if gap > BOUND_WORDS + len(self.subject.split()):
                break
            anchor = n.end
            if _PART_BEFORE.search(self.sentence[max(0, n.start - 30):n.start]):
                continue  # "including a contribution of $20.2 million": a part, not the line
            bound.append(n)
        return bound

    def _period_after(self, n: Stated):
        """The period named right after a number when no other number stands between, else the one before it."""
        numbers = self.same or self.numbers
        clause_end = max((m.end for m in self.numbers), default=n.end) + 60
        after = [(pos, r) for pos, r in self.refs if n.end <= pos < clause_end]
        if after and not any(n.end <= m.start < after[0][0] for m in numbers if m is not n and m.kind == n.kind):
            return self.periods.resolve(after[0][1], self.kind, self.annual)
        before = [r for pos, r in self.refs if pos < n.start]
        if before:
            return self.periods.resolve(before[-1], self.kind, self.annual)
        return ""

    def _levels(self, levels: list[Stated]) -> list[Check]:
        out = []
        respectively = "respectively" in self.sentence.lower()
        dated = [r for _pos, r in self.refs]
        current = self._current()
        comparative = self.periods.prior_balance(current) if self.kind == "balance" else self.periods.prior_year(current)
        for j, n in enumerate(levels):
            if respectively and len(dated) >= len(levels):
                period = self.periods.resolve(dated[j], self.kind, self.annual)
            elif _PRIOR_AFTER.match(self.sentence, n.end) or _PRIOR_BEFORE.search(self.sentence[max(0, n.start - 20):n.start]) and not self._period_after(n):
                period = comparative
            else:
                period = self._period_after(n)
            explicit = period != "" or bool(_PRIOR_AFTER.match(self.sentence, n.end))
            if period == "":
                before = self.sentence[max(0, n.start - 45):n.start]
                period = comparative if (j > 0 or _PRIOR_BEFORE.search(before)) else current
            check = self._level(n, period)
            if check.status == Status.MISMATCH:
                other = self.other_period(n, "per_share" if self.per_share and n.kind == "amount" else n.kind)
                if other:
                    explicit, check = False, _noted(check, f"matches {other}")
            out.append(_certain(check, explicit and (n.kind != "percent" or self.kind == "ratio" or bool(_RATIO_AFTER.match(self.sentence, n.end)))))
        return out

    def _level(self, n: Stated, period) -> Check:
        label = f"{self.subject} {self._show(n)}"
        if period is None:
            return self._unverifiable(n, "names a period the tables do not have")
        kind = "per_share" if self.per_share and n.kind == "amount" else n.kind
        actual = self._actual(period, kind)
        if actual is None:
            return self._unverifiable(n, f"the tables have no {self.concept.replace('_', ' ')} for {period.label}")
        other = next((v for v in self._alternatives(period, kind) if abs(n.value - v) <= n.step / 2), None)
        if other is not None and abs(n.value - actual) > n.step / 2:
            actual = other  # basic where the tables' first is diluted; a margin on net income attributable to the company
        stated = n.value
        if n.kind != "percent" and actual < 0:
            stated = -stated  # "a loss of $1.2 million" states a magnitude
        if n.kind == "amount" and actual != 0 and not Decimal("0.5") <= abs(stated / actual) <= 2:
            return self._unverifiable(n, f"far from the table's {prose(abs(actual))}: probably a part of {self.concept.replace('_', ' ')} (a segment or product line)")
        return self._judge(label, period.label, stated, actual, n.step, "")

    def _alternatives(self, period: SeriesPeriod, kind: str) -> list[Decimal]:
        """The other readings a release gives the same words: basic per share beside diluted, a net margin on net income
        attributable to the company beside net income (before non-controlling interests)."""
        if kind == "per_share":
            entry = self.series.get(ItemKey.of_concept("income", f"{self.series.currency}/share", "eps_basic"), period)
            return [entry.value] if entry is not None else []
        if self.concept == "net_margin":
            common = self.series.get(ItemKey.of_concept("income", self.series.currency, "net_income_to_common"), period)
            revenue = self.series.get(ItemKey.of_concept("income", self.series.currency, "revenue"), period)
            if common is not None and revenue is not None and revenue.value:
                return [common.value / revenue.value * 100]
        return []

    def _actual(self, period: SeriesPeriod, kind: str) -> Decimal | None:
        if self.kind == "ratio" or (kind == "percent" and self.concept in ("sga", "revenue", "gross_profit")):
            concept = {"gross_profit": "gross_margin", "sga": "sga_ratio", "revenue": None}.get(self.concept, self.concept)
            return self.margins.get((concept, period.label))
        if kind == "per_share":
            for concept in ("eps_diluted", "eps_basic"):
                entry = self.series.get(ItemKey.of_concept("income", f"{self.series.currency}/share", concept), period)
                if entry is not None:
                    return entry.value
            return None
        section = "balance" if self.kind == "balance" else "income"
        for sec in (section, "reconciliation"):
            entry = self.series.get(ItemKey.of_concept(sec, self.series.currency, self.concept), period)
            if entry is not None:
                return entry.value
        return None

    def _change(self, n: Stated) -> Check:
        current = self._current()
        sequential = _SEQUENTIAL.search(self.sentence)
        named = [self.periods.resolve(r, self.kind) for pos, r in self.refs if pos > n.end and r[0] == "quarter"]
        base = named[0] if named and _OVER_FROM.search(self.sentence[n.end:n.end + 30]) else (
            None if sequential else self.periods.prior_year(current) if self.kind != "balance" else self.periods.prior_balance(current))
        if current is None or base is None or isinstance(base, str):  # a str is "": the phrase names no period
            return self._unverifiable(n, "compares with a period the tables do not have")
        value_kind = "per_share" if n.kind == "per_share" or self.per_share else "amount"
        new, old = self._actual(current, value_kind), self._actual(base, value_kind)
        if new is None or old is None:
            return self._unverifiable(n, f"the tables lack {self.concept.replace('_', ' ')} for {current.label} or {base.label}")
        direction = self._direction(n, new, old)
        label = f"{self.subject} change {self._show(n)}"
        if n.kind == "percent":
            if old == 0:
                return self._unverifiable(n, "the earlier value is zero")
            exact = (abs(new) - abs(old)) / abs(old) * 100 if new < 0 and old < 0 else (new - old) / abs(old) * 100
            check = self._judge(label, current.label, n.value, abs(exact), n.step, direction, f"vs {base.label}")
            if check.status == Status.MISMATCH:
                check = self._from_rounded(check, n, exact) or check
            if check.status == Status.MISMATCH and not direction:
                other = self._other_change(n, value_kind)
                if other:
                    check = _certain(_noted(check, f"matches the change for {other}"), False)
            return check
        return self._judge(label, current.label, n.value, abs(abs(new) - abs(old)) if new < 0 and old < 0 else abs(new - old), n.step, direction, f"vs {base.label}")

    def _direction(self, n: Stated, new: Decimal, old: Decimal) -> str:
        window = self.sentence[max(0, n.start - 60):n.end + 10]
        up, down = _UP.search(window), _DOWN.search(window)
        if not up and not down:
            return ""
        grew = abs(new) > abs(old) if new < 0 and old < 0 else new > old
        said_up = up is not None and not (down and down.start() > up.start())
        if said_up != grew:
            return f"the text says {'up' if said_up else 'down'}, the tables go {'up' if grew else 'down'}"
        return ""

    def _from_rounded(self, check: Check, n: Stated, exact: Decimal) -> Check | None:
        """A percent change that matches the rounded figures stated in the same sentence."""
        amounts = [m for m in (self.same or self.numbers) if m.kind == "amount" and m is not n]
        if len(amounts) < 2:
            return None
        a, b = amounts[0].value, amounts[1].value
        if b == 0:
            return None
        rounded = abs((a - b) / b * 100)
        if abs(rounded - n.value) <= n.step / 2:
            note = f"matches the rounded figures of the sentence ({_short(a)} vs {_short(b)}: {rounded:.2f}%); the tables give {abs(exact):.2f}%"
            return Check(CheckKind.CLAIM, Status.ROUNDING, check.subject, check.period, check.expected, check.found, check.difference, check.source, check.other, note)
        return None

    def _other_change(self, n: Stated, kind: str) -> str:
        """Another period whose year-over-year change in percent the stated figure matches, if any."""
        for period in self.series.periods:
            base = self.periods.prior_year(period)
            new, old = (self._actual(period, kind), self._actual(base, kind)) if base else (None, None)
            if new is not None and old:
                change = abs((new - old) / abs(old) * 100)
                if abs(change - n.value) <= n.step / 2:
                    return period.label
        return ""

    def other_period(self, n: Stated, kind: str) -> str:
        """The label of another period whose value the stated figure matches, if any."""
        for period in self.series.periods:
            actual = self._actual(period, kind)
            if actual is not None and abs(abs(actual) - n.value) <= n.step / 2:
                return period.label
        return ""

    def _judge(self, label: str, period: str, stated: Decimal, actual: Decimal, step: Decimal, direction: str, versus: str = "") -> Check:
        difference = stated - actual
        shown = _rounded_to(actual, step)
        if direction:
            status, note = Status.MISMATCH, direction
        elif abs(difference) <= step / 2:
            status, note = Status.OK, f"the tables give {prose(actual)} ({prose(shown)} at the stated precision)"
        elif abs(difference) <= step:
            status, note = Status.ROUNDING, f"the tables give {prose(actual)}, which is {prose(shown)} at the stated precision"
        else:
            status, note = Status.MISMATCH, f"the tables give {prose(actual)}"
        if versus:
            note = f"{versus}: {note}"
        return Check(CheckKind.CLAIM, status, label, period, actual, stated, difference, self.source, Source(""), note)

    def _unverifiable(self, n: Stated, why: str) -> Check:
        return Check(CheckKind.CLAIM, Status.UNVERIFIABLE, f"{self.subject} {self._show(n)}", "", None, n.value, None, self.source, Source(""), why)

    def _show(self, n: Stated) -> str:
        return self.sentence[n.start:n.end].strip()


def _noted(check: Check, more: str) -> Check:
    return Check(check.kind, check.status, check.subject, check.period, check.expected, check.found, check.difference,
                 check.source, check.other, f"{check.note}; {more}")


def _certain(check: Check, certain: bool) -> Check:
    """A disagreement is a mismatch only when the sentence is read for certain; otherwise it is unverifiable."""
    if check.status != Status.MISMATCH or certain:
        return check
    note = f"{check.note}; the sentence does not tie this figure to a line and period for certain"
    return Check(check.kind, Status.UNVERIFIABLE, check.subject, check.period, check.expected, check.found, check.difference,
                 check.source, check.other, note)


def _rounded_to(value: Decimal, step: Decimal) -> Decimal:
    return (value / step).quantize(Decimal(1), rounding=ROUND_HALF_UP) * step


def _short(value: Decimal) -> str:
    return f"${value / 10**6:,.1f} million" if abs(value) >= 10**6 else f"${value:,}"

