"""The pipeline, written once: read -> extract -> series -> bridges -> checks -> points.

Every entry point is one call of `run` (the CLI's `analyze` and `check`, `fusion_cli.analyze()`), so the CLI
and the Python API give the same answer, and the analysis runs once per call: each release's checks are built
from the series and bridges the analysis already has, never from a second analysis.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path

from .analysis import Analysis
from .bridges import Bridge, bridge_points, bridges, derived_ebitda
from .check import Release, Tolerance, audit, margin_values, release_view
from .display import prose
from .metrics import changes, margins, statement_points
from .model import Check, Extraction, Finding, Point, at
from .read import DEFAULT_MAX_BYTES, ReadError
from .series import build_series


class InputError(Exception):
    """An input that cannot be read: its path and the reason, in one line."""


def read(inputs: str | Path | Iterable[str | Path], max_bytes: int = DEFAULT_MAX_BYTES,
         on_error: Callable[[str, str], None] | None = None, stdin: bytes | None = None,
         on_read: Callable[[str, Extraction], None] | None = None) -> list[Extraction]:
    """Stage 1-2: paths, folders of releases or `-` (standard input, given as `stdin`) -> extractions, ordered by
    the latest period each reports, then by file name, so no output depends on the order of the arguments.

    An input that cannot be read raises InputError, unless `on_error(item, reason)` is given: then it is told and
    the others are read (the CLI reports it and goes on). `on_read(item, extraction)` is told of each input read,
    under the name it was given (the CLI prints its findings)."""
    from .extract import extract, extract_path
    from .read import expand_inputs, parse_bytes

    items = [str(inputs)] if isinstance(inputs, (str, Path)) else [str(p) for p in inputs]
    out = []
    for item in expand_inputs(items):
        try:
            if item == "-":
                out.append(extract(parse_bytes("<stdin>", stdin or b"", max_bytes), keep_tables=False))
            else:
                out.append(extract_path(Path(item), max_bytes, keep_tables=False))
            if on_read is not None:
                on_read(item, out[-1])
        except ReadError as exc:
            if on_error is None:
                raise InputError(f"{item}: {exc}") from None
            on_error(item, str(exc))
    return sorted(out, key=_release_order)


def by_company(inputs: Iterable[str], max_bytes: int = DEFAULT_MAX_BYTES, company: str | None = None) -> list[list[str]]:
    """Inputs grouped by the company each names in its first lines, in the order the analysis shows companies: what
    `build_series` groups by, read from each file's head only, so a large batch can be analyzed one company at a
    time with the memory of one company (`run` on each group gives that company's rows exactly). An input that
    cannot be read goes alone, for `read` to report."""
    import itertools

    from .issuer import detect_issuer
    from .read import expand_inputs, load
    from .series import company_key

    groups: dict[str, list[str]] = {}
    names: dict[str, Counter[str]] = {}
    for item in expand_inputs([str(i) for i in inputs]):
        try:
            doc = load(Path(item), max_bytes)
            name = company or detect_issuer(itertools.islice(doc.lines, 400)) or doc.name
        except ReadError:
            name = item
        key = company_key(name) or name
        groups.setdefault(key, []).append(item)
        names.setdefault(key, Counter())[name] += 1
    return [groups[key] for key in sorted(groups, key=lambda k: names[k].most_common(1)[0][0].lower())]


def _release_order(extraction: Extraction) -> tuple[str, str, str]:
    latest = max((f.period_end for f in extraction.facts if f.period_end), default="")
    return (latest, Path(extraction.file).name, extraction.file)


def run(extractions: list[Extraction], mapping: dict[str, str] | None = None, company: str | None = None,
        tolerance: Tolerance = Tolerance(), checks: bool = True, points: bool = True) -> Analysis:
    """Stages 3-6 on releases already read: series, bridges, checks, points. `checks=False` leaves the audit out,
    `points=False` the changes, margins and tidy rows (what `fusion check` does not show)."""
    all_series, findings = build_series(extractions, mapping, company)  # 3. one series per company
    unfooting: list[Finding] = []  # subtotals of bridges that do not foot
    found: dict[str, list[Bridge]] = {}
    out: list[Point] = []
    audits: dict[str, list[Check]] = {}
    for series in all_series:
        members = [e for e in extractions if e.file in series.files]
        company_bridges = found[series.company] = bridges(series, members)  # 4. reconciliations as waterfalls
        unfooting += _bridge_findings(company_bridges)
        derived_points, derived_values = derived_ebitda(series)
        ratios = margins(series, derived_values)
        if checks:  # 5. footing, ties, bridges, lines printed twice, claims
            for extraction in members:
                own = Release(series, company_bridges, margin_values(ratios)) if len(series.files) == 1 else None
                audits[extraction.file] = audit(extraction, tolerance, own or release_view(extraction))
        if points:  # 6. statements, changes, margins and bridges as tidy points
            bridge_rows = [p for b in company_bridges for p in bridge_points(series, b)] + derived_points
            out += statement_points(series) + changes(series) + ratios + bridge_rows
    if checks:
        for extraction in extractions:  # a release no series took (no dated figures) is still audited
            if extraction.facts and extraction.file not in audits:
                audits[extraction.file] = audit(extraction, tolerance, Release(None, [], {}))
        out = unfooted(out, [c for file_checks in audits.values() for c in file_checks])
        # a bridge that does not foot is a warning only where the audit confirms it (a mismatch, not a misreading)
        confirmed = {(str(c.source), c.period) for file_checks in audits.values() for c in file_checks
                     if c.kind == "bridge" and c.status == "mismatch"}
        unfooting = [f for f in unfooting if (f.source, f.message.split(":", 1)[0]) in confirmed]
    findings += unfooting
    return Analysis(all_series, out, found, findings, list(extractions), audits)


def unfooted(points: list[Point], checks: list[Check]) -> list[Point]:
    """Values printed on a total or subtotal that does not foot, with a note saying so (pure)."""
    bad = {str(c.source): c for c in checks if c.kind == "footing" and c.status == "mismatch"}
    if not bad:
        return points
    out = []
    for p in points:
        check = bad.get(p.source)
        if check is not None and p.period == check.period:
            note = f"does not foot: its lines give {prose(check.expected)} (fusion check)"
            p = p._replace(note=f"{p.note}; {note}" if p.note else note)
        out.append(p)
    return out


def _bridge_findings(found: list[Bridge]) -> list[Finding]:
    from .bridges import verdict

    out = []
    for bridge in found:
        for step in bridge.steps:
            if verdict(step) == "does not foot":
                f = step.fact
                out.append(Finding("warning", at(f.file, f.line),
                                   f"{bridge.period.label}: {f.label} printed {prose(f.value)}, its lines sum to "
                                   f"{prose(step.computed)} (difference {prose(step.difference)})"))
    return out
