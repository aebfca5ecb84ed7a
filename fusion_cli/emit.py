"""What the CLI writes: standard output or an atomic file, a progress bar on stderr, facts streamed by format,
analysis grids and workbooks. No analysis here: each function renders a result the library gave."""
from __future__ import annotations

import contextlib
import itertools
import os
import sys
from pathlib import Path


class OutputError(Exception):
    """The output could not be written; nothing was."""


class NothingFound(Exception):
    """No input had a figure to write: the output is left as it was."""


def err(message: str) -> None:
    """One line on stderr, prefixed `fusion:`, with control characters made visible."""
    from .render import safe

    sys.stderr.write(f"fusion: {safe(message)}\n")


def same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def stdin_result(limit: int, verbosity: int):
    """Standard input read in this process (workers cannot share it), as a streamed batch result."""
    from .batch import FileResult, streamed
    from .read import ReadError, parse_bytes

    try:
        doc = parse_bytes("<stdin>", sys.stdin.buffer.read(limit + 1), limit)
    except ReadError as exc:
        return FileResult("-", "", (), (f"-: {exc}",), 0, True)
    return streamed("-", doc, verbosity)


def write_facts(out, result, fmt: str, first: bool) -> int:
    """One file's facts on the stream, its chunk from a worker or record by record; returns how many."""
    from .export import csv_header, fact_record, facts_csv_rows

    if result.chunk:
        out.write(("[\n" if first else ",\n") if fmt == "json" else csv_header() if first else "")
        out.write(result.chunk)
        return result.found
    written = 0
    if fmt == "json":
        import json

        for fact in result.facts:
            out.write(("[\n" if first else ",\n") if not written else ",\n")
            out.write(json.dumps(fact_record(fact), ensure_ascii=False))
            written += 1
        return written
    batch: list = []
    for fact in itertools.chain(result.facts, [None]):  # rows written 500 at a time
        if fact is not None:
            batch.append(fact)
        if batch and (fact is None or len(batch) == 500):
            out.write((csv_header() if first and not written else "") + facts_csv_rows(batch))
            written += len(batch)
            batch = []
    return written


@contextlib.contextmanager
def paged():
    """A console whose output, on a terminal, goes through a pager (`less -FRX`: colours kept, one screen printed as
    it is); elsewhere, or with --no-pager, straight to stdout."""
    from rich.console import Console

    console = Console()
    from .options import State

    if not State.paging or not console.is_terminal:
        yield console
        return
    os.environ.setdefault("LESS", "-FRX")
    with console.pager(styles=True):
        yield console


def print_facts(result, facts: list, console=None) -> None:
    from rich.console import Console

    from .render import facts_table

    title = f"{Path(result.item).name if result.item != '-' else '<stdin>'} — {result.company or 'company not named'}"
    console = console or Console()
    from .options import State

    console.print(facts_table(facts, title, console.width, State.sources))


@contextlib.contextmanager
def progress(total: int):
    """A progress bar on stderr, on a terminal, for a run of several files once it has taken a second (or at once for
    20 files or more); yields a function to call once per file with that file's messages."""
    if total < 2 or not sys.stderr.isatty():
        def plain(messages) -> None:
            for message in messages:
                err(message)

        yield plain
        return
    import time

    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
    from rich.text import Text

    from .render import safe

    started, done = time.monotonic(), 0
    bar: Progress | None = None
    task = None

    def start() -> None:
        nonlocal bar, task
        bar = Progress(TextColumn("fusion"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                       console=Console(stderr=True), transient=True, redirect_stdout=False, redirect_stderr=False)
        bar.start()
        task = bar.add_task("files", total=total, completed=done)

    def advance(messages) -> None:
        nonlocal done
        for message in messages:
            if bar is not None:
                bar.console.print(Text(safe(f"fusion: {message}")))
            else:
                err(message)
        done += 1
        if bar is not None and task is not None:
            bar.advance(task)
        elif done < total and (total >= 20 or time.monotonic() - started > 1):
            start()

    try:
        yield advance
    finally:
        if bar is not None:
            bar.stop()


@contextlib.contextmanager
def output_stream(output: Path | None):
    """Standard output, or a temporary file renamed over --output only when everything was written."""
    if output is None:
        yield sys.stdout
        sys.stdout.flush()
        return
    from .export import atomic_path

    try:
        with atomic_path(output) as tmp, open(tmp, "w", encoding="utf-8", newline="") as handle:
            yield handle
    except OSError as exc:
        raise OutputError(f"{output}: cannot write ({exc.strerror or exc}); nothing was written") from None


def print_grids(result, view: str, scale: str, sources: bool) -> None:
    """An analysis's grids on the terminal (through the pager when long), the summary led by what moved."""
    with paged() as console:
        _print_grids(console, result, view, scale, sources)


def _print_grids(console, result, view: str, scale: str, sources: bool) -> None:
    from rich.text import Text

    from .render import grid_tables, safe
    from .views import build, latest, what_moved

    if view == "summary":
        for line in what_moved(result):
            console.print(Text(safe(line), style="bold"))
        console.print()
    for grid in build(result, view, scale):
        if view == "summary" and console.width < 160:
            grid = latest(grid, 8)  # a long series on a narrow terminal: the latest eight periods, and a note
        for table in grid_tables(grid, sources, console.width):
            console.print(table)
            console.print()


def write_xlsx(result, view: str, output: Path) -> None:
    """A workbook: one sheet per view with a column per period, and the tidy rows on a `data` sheet."""
    from .analysis import VIEW_SECTIONS, wide_frame
    from .export import frames_xlsx

    names = [v for v in ("statements", "changes", "margins", "bridge") if view in (v, "all", "summary")]
    sheets = []
    for name in names:
        points = [p for p in result.points if p.section in VIEW_SECTIONS[name]]
        if points:
            sheets.append((name, wide_frame(result.frame(VIEW_SECTIONS[name]), points)))
    sections = VIEW_SECTIONS.get(view)
    sheets.append(("data", result.frame(sections)))
    try:
        frames_xlsx(output, sheets, _chart_specs(result))
    except OSError as exc:
        raise OutputError(f"{output}: cannot write ({exc.strerror or exc}); nothing was written") from None


def _chart_specs(result) -> list[tuple]:
    """The workbook's charts: revenue across periods, margins across periods, and each bridge of the latest period
    as a waterfall."""
    specs: list[tuple] = []
    revenue = sorted({p.item for p in result.points if p.section == "income" and p.concept == "revenue" and not p.basis})
    if revenue:
        specs.append(("line", "Revenue", "statements", revenue[:1]))
    margins = [p.item for p in result.points if p.section == "margin" and p.unit == "%" and not p.basis
               and p.concept in ("gross_margin", "operating_margin", "net_margin", "adjusted_ebitda_margin")]
    if margins:
        specs.append(("line", "Margins", "margins", list(dict.fromkeys(margins))))
    for company in result.bridges.values():
        latest = max((b.period.end for b in company), default=None)
        for bridge in (b for b in company if b.period.end == latest):
            steps = [(s.fact.label[:40], s.fact.value, s.kind) for s in bridge.steps if s.kind != "adjustments"]
            specs.append(("waterfall", f"{bridge.name} ({bridge.period.label})", steps))
    return specs


def analysis_text(result, fmt: str, view: str, wide: bool, scale: str, sources: bool) -> str:
    from .analysis import VIEW_SECTIONS

    if fmt == "md":
        from .export import grid_markdown
        from .views import build

        return "\n".join(grid_markdown(g, sources) for g in build(result, view, scale))
    sections = VIEW_SECTIONS.get(view)
    points = [p for p in result.points if sections is None or p.section in sections]
    if wide:
        from .analysis import wide_frame
        from .export import frame_csv, frame_json

        frame = wide_frame(result.frame(sections), points)
        return frame_csv(frame) if fmt == "csv" else frame_json(frame)
    from .export import points_csv, points_json

    return points_csv(points) if fmt == "csv" else points_json(points)


def write_stream(stream, fmt: str, total: int, output: Path | None, sink: list | None = None) -> tuple[int, bool]:
    """Each file's facts as it comes (a table drawn whole, JSON and CSV record by record), with progress on stderr;
    returns how many facts were written and whether an input could not be read; NothingFound when none was.
    Nothing is half-written."""
    found, unreadable = 0, False
    with progress(total) as advance, output_stream(output) as out, \
            (paged() if fmt == "table" else contextlib.nullcontext(None)) as console:
        for result in stream:
            unreadable |= result.unreadable
            if fmt == "table":
                facts = list(result.facts)
                if facts:
                    print_facts(result, facts, console)
                found += len(facts)
            else:
                found += write_facts(out, result, fmt, first=not found)
            advance(result.messages)  # a streamed file's messages are complete once its facts are out
            if sink is not None:
                sink.extend((result.item, f) for f in result.findings)
        if not found:
            raise NothingFound(unreadable)  # inside the output's context: nothing is written
        if fmt == "json":
            out.write("\n]\n")
    return found, unreadable


def print_checks(results: list, problems: bool) -> None:
    """Each release's checks as rich tables (through the pager when long), then its summary line."""
    with paged() as console:
        _print_checks(console, results, problems)


def _print_checks(console, results: list, problems: bool) -> None:
    from .check import summary
    from .render import checks_tables, safe

    for file, company, checks in results:
        for table in checks_tables(f"{file} ({company or 'company not named'})", checks, problems, console.width):
            console.print(table)
        console.print(safe(f"{file}: {summary(checks)}"), highlight=False, markup=False)


def report(result, verbosity: int) -> None:
    """An analysis's warnings (a bridge that does not foot), and one line per release: its checks, its facts and
    tables, and how many of its warnings -v would list. Notes (joins, restatements) with -v only."""
    from .batch import file_line, sorted_findings
    from .check import summary

    if verbosity == 0:
        return
    for finding in result.findings:
        if finding.severity == "warning" or verbosity >= 2:
            err(f"{finding.source}: {'note' if finding.severity == 'info' else finding.severity}: {finding.message}")
    for extraction in result.extractions:
        if extraction.file in result.checks:
            _shown, hidden = sorted_findings(extraction.findings, verbosity)  # shown as the file was read
            err(file_line(extraction.file, len(extraction.facts), len({f.table_line for f in extraction.facts}), hidden,
                          summary(result.checks[extraction.file])))


def stream_analysis(inputs: list[str], read, mapping, company, fmt: str, view: str, output: Path | None, verbosity: int,
                    max_bytes: int, sink: list | None = None) -> None:
    """The CSV or JSON rows of a large batch, company by company (pipeline.by_company): the same bytes as one analysis
    of them all, with the memory of the largest company. `read(group)` reads a group's inputs and reports their
    findings. NothingFound, and nothing written, when no input has financial data."""
    from .analysis import VIEW_SECTIONS
    from .export import points_csv, points_json_items
    from .pipeline import by_company, run

    sections = VIEW_SECTIONS.get(view)
    written = 0
    with output_stream(output) as out:
        for group in by_company(inputs, max_bytes, company):
            result = run(read(group), mapping, company)
            report(result, verbosity)
            if sink is not None:
                sink.extend((f.source.split(":", 1)[0], f) for f in result.findings)
            points = [p for p in result.points if sections is None or p.section in sections]
            if fmt == "csv":
                out.write(points_csv(points, header=not written))
            elif points:
                out.write(("[\n" if not written else ",\n") + points_json_items(points))
            written += len(points)
        if not written:
            raise NothingFound(False)
        if fmt == "json":
            out.write("\n]\n")


def print_concepts(found: list[tuple[str, str, str]], fmt: str) -> None:
    """`fusion concepts`: a table on a terminal, else CSV or JSON of concept, meaning and example labels."""
    records: list[dict[str, object]] = [{"concept": c, "meaning": w, "examples": e} for c, w, e in found]
    if fmt == "table":
        from rich.console import Console
        from rich.table import Table

        table = Table("concept", "what it is", "labels releases print", title="fusion concepts")
        for concept, what, examples in found:
            table.add_row(concept, what, examples)
        Console().print(table)
    elif fmt == "json":
        import json

        sys.stdout.write(json.dumps(records, indent=1) + "\n")
    else:
        from .export import to_csv

        sys.stdout.write(to_csv(records, ("concept", "meaning", "examples")))


def write_warnings(path: Path, found: list) -> None:
    """--warnings FILE: every finding as a line of JSON (`file`, `source`, `severity`, `message`), for scripts;
    written atomically."""
    import json

    from .export import atomic_path

    try:
        with atomic_path(path) as tmp, open(tmp, "w", encoding="utf-8") as out:
            for item, f in found:
                out.write(json.dumps({"file": item, "source": f.source, "severity": f.severity, "message": f.message},
                                     ensure_ascii=False) + "\n")
    except OSError as exc:
        raise OutputError(f"{path}: cannot write ({exc.strerror or exc}); nothing was written") from None


def read_reporting(inputs: list[str], level: int, max_bytes: int, state) -> list:
    """Every input read and extracted (pipeline.read), with a progress bar on a terminal for long batches; an
    unreadable one and each file's findings go to stderr as it is read (and to `state.sink` for --warnings)."""
    from .batch import message_lines
    from .pipeline import read
    from .read import expand_inputs

    stdin = sys.stdin.buffer.read(max_bytes + 1) if "-" in inputs else None
    with progress(len(expand_inputs(inputs))) as advance:
        def unreadable(item: str, reason: str) -> None:
            state.unreadable = True
            advance([f"{item}: {reason}"])

        def findings(item: str, extraction) -> None:  # under the name the input was given
            advance(list(message_lines(item, extraction.findings, level)))
            if state.sink is not None:
                state.sink.extend((item, f) for f in extraction.findings)

        return read(inputs, max_bytes, unreadable, stdin, findings)
