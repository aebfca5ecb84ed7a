"""The analysis, written down once: extract -> series -> bridges -> changes and margins -> tidy points.

`analyze(paths)` is the library entry point (notebooks); the CLI calls `analyze_extractions` on what it
has already read and reported. Problems are returned as findings, never raised.
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Iterable

from .bridges import Bridge, bridge_points, bridges, derived_ebitda
from .metrics import changes, margins, statement_points
from .model import Extraction, Finding, Point
from .series import Series, build_series

if TYPE_CHECKING:
    import pandas

COLUMNS = ("company", "section", "item", "concept", "period", "period_end", "period_months", "basis", "value", "unit", "source")
VIEW_SECTIONS = {
    "statements": ("income", "balance", "cashflow", "reconciliation"),
    "changes": ("change",),
    "margins": ("margin",),
    "bridge": ("bridge",),
}


class MappingError(ValueError):
    """A --map file that cannot be read or has the wrong shape."""


@dataclass
class Analysis:
    """What analyzing a set of releases gives: per-company series, bridges, tidy points and findings."""

    series: list[Series]
    points: list[Point]
    bridges: dict[str, list[Bridge]] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    extractions: list[Extraction] = field(default_factory=list)

    @property
    def companies(self) -> list[str]:
        """The companies analyzed, one group each."""
        return [s.company for s in self.series]

    def frame(self, sections: Iterable[str] | None = None) -> "pandas.DataFrame":
        """Tidy rows (one per value) as a DataFrame with the documented columns, optionally for some sections."""
        import pandas as pd

        wanted = set(sections) if sections else None
        records = [point_row(p) for p in self.points if wanted is None or p.section in wanted]
        frame = pd.DataFrame.from_records(records, columns=list(COLUMNS))
        frame["value"] = pd.to_numeric(frame["value"], errors="coerce")
        frame["period_months"] = frame["period_months"].astype("Int64")
        return frame

    @property
    def rows(self) -> "pandas.DataFrame":
        """Every row of the analysis."""
        return self.frame()

    @property
    def statements(self) -> "pandas.DataFrame":
        """Income statement, balance sheet, cash flow and reconciliation lines."""
        return self.frame(VIEW_SECTIONS["statements"])

    @property
    def changes(self) -> "pandas.DataFrame":
        """YoY and QoQ changes, absolute and percent."""
        return self.frame(("change",))

    @property
    def margins(self) -> "pandas.DataFrame":
        """Margins, balance-sheet ratios and their changes in points."""
        return self.frame(("margin",))

    @property
    def bridge(self) -> "pandas.DataFrame":
        """Non-GAAP bridges: start, adjustments, printed subtotals, computed sums and differences."""
        return self.frame(("bridge",))

    def wide(self, sections: Iterable[str] | None = None) -> "pandas.DataFrame":
        """Periods pivoted into columns (oldest first), one row per line item, basis and unit."""
        return wide_frame(self.frame(sections), self.points)


def point_row(p: Point) -> dict[str, object]:
    """A point as a plain dict in the documented column order (value as Decimal or None)."""
    return {name: getattr(p, name) for name in COLUMNS}


def wide_frame(frame: "pandas.DataFrame", points: list[Point]) -> "pandas.DataFrame":
    """Pivot tidy rows to one column per period; repeated lines keep their own rows."""
    import pandas as pd

    if frame.empty:
        return pd.DataFrame(columns=["company", "section", "item", "concept", "basis", "unit"])
    order = {}
    for p in points:
        order.setdefault(p.period, (p.period_end or "", p.period_months or 0))
    index = ["company", "section", "item", "concept", "basis", "unit"]
    frame = frame.copy()
    frame["concept"] = frame["concept"].fillna("")
    frame["n"] = frame.groupby(index + ["period"], sort=False).cumcount()
    pivot = frame.pivot_table(index=index + ["n"], columns="period", values="value", aggfunc="first", sort=False, dropna=False)
    pivot = pivot.dropna(how="all")
    columns = sorted(pivot.columns, key=lambda c: order.get(c, ("", 0)))
    return pivot[columns].reset_index().drop(columns="n").rename_axis(columns=None)


def load_mapping(path: Path) -> dict[str, str]:
    """A TOML file of `"label" = "concept or label"` pairs, at top level or under [labels] / [map]."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise MappingError(f"{path}: cannot read ({exc.strerror or exc})") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise MappingError(f"{path}: not valid TOML ({exc})") from None
    table = {}
    for key, value in data.items():
        if isinstance(value, dict) and key in ("labels", "map", "synonyms"):
            table.update(value)
        else:
            table[key] = value
    bad = [k for k, v in table.items() if not isinstance(v, str)]
    if bad:
        raise MappingError(f"{path}: every entry must be \"label\" = \"concept or label\"; '{bad[0]}' is not")
    return table


def analyze(paths: str | Path | Iterable[str | Path], mapping: dict[str, str] | str | Path | None = None,
            company: str | None = None, max_bytes: int | None = None) -> Analysis:
    """Read, extract and analyze release files (or folders of them); unreadable inputs become findings."""
    from .extract import extract_path
    from .read import ReadError, expand_inputs

    items = [str(paths)] if isinstance(paths, (str, Path)) else [str(p) for p in paths]
    if isinstance(mapping, (str, Path)):
        mapping = load_mapping(Path(mapping))
    extractions, findings = [], []
    for item in expand_inputs(items):
        try:
            extractions.append(extract_path(Path(item), max_bytes))
        except ReadError as exc:
            findings.append(Finding("error", item, str(exc)))
    result = analyze_extractions(extractions, mapping, company)
    result.findings[:0] = findings + [f for e in extractions for f in e.findings]
    return result


def analyze_extractions(extractions: list[Extraction], mapping: dict[str, str] | None = None,
                        company: str | None = None) -> Analysis:
    """Series, bridges, changes and margins for releases already extracted."""
    all_series, findings = build_series(extractions, mapping, company)
    points: list[Point] = []
    found: dict[str, list[Bridge]] = {}
    for series in all_series:
        members = [e for e in extractions if e.file in series.files]
        company_bridges = bridges(series, members)
        found[series.company] = company_bridges
        derived_points, derived_values = derived_ebitda(series)
        bridge_rows = [p for b in company_bridges for p in bridge_points(series, b)] + derived_points
        points += statement_points(series) + changes(series) + margins(series, derived_values) + bridge_rows
        findings += _bridge_findings(company_bridges)
    return Analysis(all_series, points, found, findings, list(extractions))


def mark_unfooted(result: Analysis, checks: list) -> None:
    """Values printed on a total or subtotal that does not foot carry a note saying so."""

    bad = {c.source: c for c in checks if c.kind == "footing" and c.status == "mismatch"}
    if not bad:
        return
    for i, p in enumerate(result.points):
        check = bad.get(p.source)
        if check is not None and p.period == check.period:
            note = f"does not foot: its lines give {check.expected:,} (fusion check)"
            result.points[i] = p._replace(note=f"{p.note}; {note}" if p.note else note)


def _bridge_findings(found: list[Bridge]) -> list[Finding]:
    from .bridges import verdict

    out = []
    for bridge in found:
        for step in bridge.steps:
            if verdict(step) == "does not foot":
                f = step.fact
                out.append(Finding("warning", f"{f.file}:{f.line}",
                                   f"{bridge.period.label}: {f.label} printed {f.value:,}, its lines sum to {step.computed:,} (difference {step.difference:,})"))
    return out
