"""What an analysis gives (`Analysis`: series, tidy points, bridges, checks, findings) and its tables as pandas
DataFrames. The stages that make it are listed once, in `pipeline.run`; `analyze(paths)` is the library entry
point (notebooks), the same call the CLI makes.
"""
from __future__ import annotations

import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .bridges import Bridge
from .model import Check, Extraction, Finding, Point
from .series import Series

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
    checks: dict[str, list[Check]] = field(default_factory=dict)  # each release's audit, by file

    @property
    def companies(self) -> list[str]:
        """The companies analyzed, one group each."""
        return [s.company for s in self.series]

    def frame(self, sections: Iterable[str] | None = None) -> pandas.DataFrame:
        """Tidy rows (one per value) as a DataFrame with the documented columns, optionally for some sections."""
        import pandas as pd

        wanted = set(sections) if sections else None
        records = [point_row(p) for p in self.points if wanted is None or p.section in wanted]
        frame = pd.DataFrame.from_records(records, columns=list(COLUMNS))
        frame["value"] = pd.to_numeric(frame["value"], errors="coerce")
        frame["period_end"] = pd.to_datetime(frame["period_end"], errors="coerce")  # dates, not text
        frame["period_months"] = frame["period_months"].astype("Int64")
        return frame

    @property
    def rows(self) -> pandas.DataFrame:
        """Every row of the analysis."""
        return self.frame()

    @property
    def statements(self) -> pandas.DataFrame:
        """Income statement, balance sheet, cash flow and reconciliation lines."""
        return self.frame(VIEW_SECTIONS["statements"])

    @property
    def changes(self) -> pandas.DataFrame:
        """YoY and QoQ changes, absolute and percent."""
        return self.frame(("change",))

    @property
    def margins(self) -> pandas.DataFrame:
        """Margins, balance-sheet ratios and their changes in points."""
        return self.frame(("margin",))

    @property
    def bridge(self) -> pandas.DataFrame:
        """Non-GAAP bridges: start, adjustments, printed subtotals, computed sums and differences."""
        return self.frame(("bridge",))

    def wide(self, sections: Iterable[str] | None = None) -> pandas.DataFrame:
        """Periods pivoted into columns (oldest first), one row per line item, basis and unit."""
        return wide_frame(self.frame(sections), self.points)


def point_row(p: Point) -> dict[str, object]:
    """A point as a plain dict in the documented column order (value as Decimal or None)."""
    return {name: getattr(p, name) for name in COLUMNS}


def wide_frame(frame: pandas.DataFrame, points: list[Point]) -> pandas.DataFrame:
    """Pivot tidy rows to one column per period; repeated lines keep their own rows."""
    import pandas as pd

    if frame.empty:
        return pd.DataFrame(columns=["company", "section", "item", "concept", "basis", "unit"])
    order: dict[str, tuple[str, int]] = {}  # period -> (end, months), how periods sort
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
    """Read, extract, analyze and audit release files (or folders of them). An input that cannot be read raises
    `pipeline.InputError` naming it; a file that is not a release gives a finding and no rows."""
    from .pipeline import read, run
    from .read import DEFAULT_MAX_BYTES

    if isinstance(mapping, (str, Path)):
        mapping = load_mapping(Path(mapping))
    extractions = read(paths, max_bytes or DEFAULT_MAX_BYTES)
    result = run(extractions, mapping, company)
    result.findings[:0] = [f for e in extractions for f in e.findings]
    return result


def analyze_extractions(extractions: list[Extraction], mapping: dict[str, str] | None = None,
                        company: str | None = None) -> Analysis:
    """Series, bridges, changes and margins for releases already extracted, without their audit."""
    from .pipeline import run

    return run(extractions, mapping, company, checks=False)
