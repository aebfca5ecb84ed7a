"""typer CLI: options -> one library call -> render or export -> exit code. No parsing here."""
from __future__ import annotations

import contextlib
import itertools
import os
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from . import __version__

EXIT_OK, EXIT_NO_DATA, EXIT_USAGE, EXIT_UNREADABLE, EXIT_OUTPUT, EXIT_INTERNAL, EXIT_INTERRUPTED = 0, 1, 2, 3, 4, 70, 130

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    help=(
        "Find, parse and analyze the financial statements of earnings press releases.\n\n"
        "Exit codes: 0 ok; 1 no financial data in any input (check: a mismatch found); 2 usage error; "
        "3 an input could not be read (the others are still processed); 4 the output could not be written; "
        "70 internal error; 130 interrupted."
    ),
)


class FactFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


class AnalyzeFormat(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"
    md = "md"
    xlsx = "xlsx"


class View(str, Enum):
    summary = "summary"
    statements = "statements"
    changes = "changes"
    margins = "margins"
    bridge = "bridge"
    all = "all"


class Scale(str, Enum):
    auto = "auto"
    units = "units"
    thousands = "thousands"
    millions = "millions"


class _State:
    debug = False
    unreadable = False  # an input could not be read: the exit code says so even when the others succeed


def _version(value: bool) -> None:
    if value:
        typer.echo(f"fusion {__version__}")
        raise typer.Exit(EXIT_OK)


@app.callback()
def _main(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks for unexpected errors.")] = False,
) -> None:
    _State.debug = debug
    _State.unreadable = False


Inputs = Annotated[list[str], typer.Argument(help="Release files, folders of releases (.txt .md .htm .html), or - for standard input.", show_default=False)]
Output = Annotated[Optional[Path], typer.Option("--output", "-o", help="Write to this file (atomically) instead of standard output.")]
Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="Do not print warnings about tables and rows.")]
MaxSize = Annotated[int, typer.Option("--max-size", help="Largest input to read, in MB.", min=1)]


def _err(message: str) -> None:
    from .render import safe

    sys.stderr.write(f"fusion: {safe(message)}\n")


def _extract_all(inputs: list[str], quiet: bool, max_size: int):
    """Extract every input, ordered by period; read errors and findings go to stderr, one line each."""
    from .batch import message_lines
    from .extract import extract_path
    from .read import ReadError, expand_inputs

    results = []
    limit = max_size * 1024 * 1024
    for item in expand_inputs(inputs):
        try:
            result = _read_stdin(limit) if item == "-" else extract_path(Path(item), limit)
        except ReadError as exc:
            _err(f"{item}: {exc}")
            _State.unreadable = True
            continue
        for line in message_lines(item, result.findings, quiet):
            _err(line)
        results.append(result)
    return sorted(results, key=_release_order)


def _read_stdin(limit: int):
    """Standard input, read up to the size limit, as an extraction (a ReadError when it cannot be read)."""
    from .extract import extract
    from .read import parse_bytes

    return extract(parse_bytes("<stdin>", sys.stdin.buffer.read(limit + 1), limit))


def _release_order(result) -> tuple[str, str, str]:
    """Releases by the latest period they report, then by file name: output never depends on argument order."""
    latest = max((f.period_end for f in result.facts if f.period_end), default="")
    return (latest, Path(result.file).name, result.file)


def _emit(text: str, output: Optional[Path], inputs: list[str]) -> None:
    _refuse_input_as_output(output, inputs)
    with _output_stream(output) as out:
        out.write(text)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def _guard(func):
    """Run a command body: clean one-line errors, quiet broken pipes, tracebacks only with --debug."""
    try:
        func()
    except typer.Exit as exc:
        if exc.exit_code == EXIT_NO_DATA and _State.unreadable:
            raise typer.Exit(EXIT_UNREADABLE) from None
        raise
    except BrokenPipeError:
        try:
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - stdout is gone; swallow the final flush
        except OSError:
            pass
        raise typer.Exit(EXIT_OK) from None
    except KeyboardInterrupt:
        _err("interrupted; nothing was written")
        raise typer.Exit(EXIT_INTERRUPTED) from None
    except Exception as exc:  # noqa: BLE001 - the CLI edge turns every failure into one line
        if _State.debug:
            raise
        _err(f"internal error: {type(exc).__name__}: {exc} (run with --debug for details)")
        raise typer.Exit(EXIT_INTERNAL) from None
    if _State.unreadable:
        raise typer.Exit(EXIT_UNREADABLE)


@app.command()
def facts(
    inputs: Inputs,
    format: Annotated[Optional[FactFormat], typer.Option("--format", "-f", help="table (default on a terminal), json (default otherwise) or csv.")] = None,
    output: Output = None,
    quiet: Quiet = False,
    max_size: MaxSize = 50,
    jobs: Annotated[int, typer.Option("--jobs", "-j", help="Files read at once, each in its own process (0: one per CPU).", min=0)] = 1,
) -> None:
    """Every number of every financial table, with its line item, period and source line.

    Files are processed in the order of their names and each file's facts are written as soon as it
    is read, so memory stays flat however many files there are.

    \b
    Examples:
      fusion facts release.txt
      fusion facts q3-2009.txt q1-2011.txt --format csv -o facts.csv
      fusion facts archive/ --jobs 0 --format csv -o archive.csv
      cat release.htm | fusion facts - --format json
    """

    def body() -> None:
        from .batch import extract_many

        chosen = format or (FactFormat.table if sys.stdout.isatty() and output is None else FactFormat.json)
        items = sorted(_expanded(inputs), key=lambda item: (item != "-", item))
        _refuse_input_as_output(output, inputs)
        limit = max_size * 1024 * 1024
        stream = extract_many([i for i in items if i != "-"], chosen.value, limit, quiet, jobs or os.cpu_count() or 1)
        if "-" in items:
            stream = itertools.chain([_stdin_result(limit, quiet)], stream)
        found = 0
        with _progress(len(items)) as advance, _output_stream(output) as out:
            for result in stream:
                _State.unreadable |= result.unreadable
                if chosen is FactFormat.table:  # a table is drawn whole
                    facts = list(result.facts)
                    if facts:
                        _print_facts(result, facts)
                    found += len(facts)
                else:
                    found += _write_facts(out, result, chosen, first=not found)
                advance(result.messages)  # a streamed file's messages are complete once its facts are out
            if not found:
                raise typer.Exit(EXIT_NO_DATA)
            if chosen is FactFormat.json:
                out.write("\n]\n")

    _guard(body)


@app.command()
def analyze(
    inputs: Inputs,
    view: Annotated[Optional[View], typer.Option("--view", "-v", help="summary (default on a terminal), statements, changes, margins, bridge or all (default for csv/json).")] = None,
    format: Annotated[Optional[AnalyzeFormat], typer.Option("--format", "-f", help="table (default on a terminal), csv (default otherwise), json, md, or xlsx (with --output).")] = None,
    wide: Annotated[bool, typer.Option("--wide", help="csv/json: one column per period instead of one row per value.")] = False,
    mapping: Annotated[Optional[Path], typer.Option("--map", help="TOML file of your own synonyms: \"label\" = \"concept or label\".")] = None,
    scale: Annotated[Scale, typer.Option("--scale", help="Display scale of USD amounts (table and md only).")] = Scale.auto,
    sources: Annotated[bool, typer.Option("--sources", help="Show the file:line each value was read from (table and md).")] = False,
    company: Annotated[Optional[str], typer.Option("--company", help="Treat every input as a release of this company.")] = None,
    output: Output = None,
    quiet: Quiet = False,
    max_size: MaxSize = 50,
) -> None:
    """Normalize releases into one time series per company: statements, changes, margins and non-GAAP bridges.

    \b
    Examples:
      fusion analyze q3-2009.txt q1-2011.txt
      fusion analyze releases/ --view bridge
      fusion analyze *.txt --format csv -o analysis.csv
      fusion analyze *.txt --format csv --wide --view statements
    """

    def body() -> None:
        from .analysis import MappingError, analyze_extractions, load_mapping

        try:
            synonyms = load_mapping(mapping) if mapping else None
        except MappingError as exc:
            _err(str(exc))
            raise typer.Exit(EXIT_USAGE) from None
        if (format is AnalyzeFormat.xlsx or (format is None and output is not None and output.suffix.lower() == ".xlsx")) and output is None:
            _err("--format xlsx writes a workbook: give the file with --output FILE.xlsx")
            raise typer.Exit(EXIT_USAGE)
        results = _extract_all(inputs, quiet, max_size)
        result = analyze_extractions(results, synonyms, company)
        _check_summaries(result, results, quiet)
        for finding in result.findings:
            if finding.severity == "warning" and not quiet:
                _err(f"{finding.source}: warning: {finding.message}")
            elif finding.severity == "info" and not quiet:
                _err(f"{finding.source}: note: {finding.message}")
        if not result.points:
            raise typer.Exit(EXIT_NO_DATA)
        chosen = format or _format_for(output)
        shown = view or (View.summary if chosen in (AnalyzeFormat.table, AnalyzeFormat.md) else View.all)
        if chosen is AnalyzeFormat.table:
            _print_grids(result, shown.value, scale.value, sources)
            return
        if chosen is AnalyzeFormat.xlsx:
            _write_xlsx(result, shown.value, output, inputs)
            return
        _emit(_analysis_text(result, chosen, shown.value, wide, scale.value, sources), output, inputs)

    _guard(body)


def _expanded(inputs: list[str]) -> list[str]:
    from .read import expand_inputs

    return expand_inputs(inputs)


def _refuse_input_as_output(output: Optional[Path], inputs: list[str]) -> None:
    if output is not None and any(p != "-" and _same_file(Path(p), output) for p in inputs):
        _err(f"{output}: refusing to overwrite an input file; choose another --output")
        raise typer.Exit(EXIT_USAGE)


def _stdin_result(limit: int, quiet: bool):
    """Standard input read in this process (workers cannot share it), as a streamed batch result."""
    from .batch import FileResult, streamed
    from .read import ReadError, parse_bytes

    try:
        doc = parse_bytes("<stdin>", sys.stdin.buffer.read(limit + 1), limit)
    except ReadError as exc:
        return FileResult("-", "", (), (f"-: {exc}",), 0, True)
    return streamed("-", doc, quiet)


def _write_facts(out, result, chosen: "FactFormat", first: bool) -> int:
    """One file's facts on the stream, its chunk from a worker or record by record; returns how many."""
    from .export import csv_header, fact_record, facts_csv_rows

    if result.chunk:
        out.write(("[\n" if first else ",\n") if chosen is FactFormat.json else csv_header() if first else "")
        out.write(result.chunk)
        return result.found
    written = 0
    if chosen is FactFormat.json:
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


def _print_facts(result, facts: list) -> None:
    from rich.console import Console

    from .render import facts_table

    title = f"{Path(result.item).name if result.item != '-' else '<stdin>'} — {result.company or 'company not named'}"
    Console().print(facts_table(facts, title))


@contextlib.contextmanager
def _progress(total: int):
    """A progress bar on stderr for long batches on a terminal; yields a function to call once per file."""
    if total < 20 or not sys.stderr.isatty():
        def advance(messages) -> None:
            for message in messages:
                _err(message)

        yield advance
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
    from rich.text import Text

    from .render import safe

    with Progress(TextColumn("fusion"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                  console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("files", total=total)

        def advance(messages) -> None:
            for message in messages:
                bar.console.print(Text(safe(f"fusion: {message}")))
            bar.advance(task)

        yield advance


@contextlib.contextmanager
def _output_stream(output: Optional[Path]):
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
        _err(f"{output}: cannot write ({exc.strerror or exc}); nothing was written")
        raise typer.Exit(EXIT_OUTPUT) from None


def _check_summaries(result, extractions, quiet: bool) -> None:
    """One line per release: what `fusion check` finds; totals that do not foot are marked in the analysis."""
    from .analysis import mark_unfooted
    from .check import audit, summary

    for extraction in extractions:
        if not extraction.facts:
            continue
        checks = audit(extraction)
        mark_unfooted(result, checks)
        if not quiet:
            _err(f"{extraction.file}: check: {summary(checks)}")


def _format_for(output: Optional[Path]) -> "AnalyzeFormat":
    if output is not None:
        suffix = output.suffix.lower().lstrip(".")
        return AnalyzeFormat(suffix) if suffix in ("csv", "json", "md", "xlsx") else AnalyzeFormat.csv
    return AnalyzeFormat.table if sys.stdout.isatty() else AnalyzeFormat.csv


def _print_grids(result, view: str, scale: str, sources: bool) -> None:
    from rich.console import Console

    from .render import grid_tables
    from .views import build, latest

    console = Console()
    for grid in build(result, view, scale):
        if view == "summary" and console.width < 160:
            grid = latest(grid, 8)  # a long series on a narrow terminal: the latest eight periods, and a note
        for table in grid_tables(grid, sources, console.width):
            console.print(table)
            console.print()


def _write_xlsx(result, view: str, output: Path, inputs: list[str]) -> None:
    """A workbook: one sheet per view with a column per period, and the tidy rows on a `data` sheet."""
    from .analysis import VIEW_SECTIONS, wide_frame
    from .export import frames_xlsx

    _refuse_input_as_output(output, inputs)
    names = [v for v in ("statements", "changes", "margins", "bridge") if view in (v, "all", "summary")]
    sheets = []
    for name in names:
        points = [p for p in result.points if p.section in VIEW_SECTIONS[name]]
        if points:
            sheets.append((name, wide_frame(result.frame(VIEW_SECTIONS[name]), points)))
    sections = VIEW_SECTIONS.get(view)
    sheets.append(("data", result.frame(sections)))
    try:
        frames_xlsx(output, sheets)
    except OSError as exc:
        _err(f"{output}: cannot write ({exc.strerror or exc}); nothing was written")
        raise typer.Exit(EXIT_OUTPUT) from None


def _analysis_text(result, chosen: "AnalyzeFormat", view: str, wide: bool, scale: str, sources: bool) -> str:
    from .analysis import VIEW_SECTIONS

    if chosen is AnalyzeFormat.md:
        from .export import grid_markdown
        from .views import build

        return "\n".join(grid_markdown(g, sources) for g in build(result, view, scale))
    sections = VIEW_SECTIONS.get(view)
    points = [p for p in result.points if sections is None or p.section in sections]
    if wide:
        from .analysis import wide_frame
        from .export import frame_csv, frame_json

        frame = wide_frame(result.frame(sections), points)
        return frame_csv(frame) if chosen is AnalyzeFormat.csv else frame_json(frame)
    from .export import points_csv, points_json

    return points_csv(points) if chosen is AnalyzeFormat.csv else points_json(points)


class CheckFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


@app.command()
def check(
    inputs: Inputs,
    format: Annotated[Optional[CheckFormat], typer.Option("--format", "-f", help="table (default on a terminal), json (default otherwise) or csv.")] = None,
    tolerance: Annotated[float, typer.Option("--tolerance", help="Absolute difference (in units) still counted as rounding.", min=0)] = 0.0,
    rel_tolerance: Annotated[float, typer.Option("--rel-tolerance", help="Relative difference, in percent, still counted as rounding.", min=0)] = 0.0,
    problems: Annotated[bool, typer.Option("--problems", help="List only checks that are not ok.")] = False,
    output: Output = None,
    quiet: Quiet = False,
    max_size: MaxSize = 50,
) -> None:
    """Audit releases: totals foot, statements tie, non-GAAP bridges add up, the text matches the tables.

    Exit 0 when nothing mismatches, 1 when anything does (or no input has financial data), 2 on usage errors.

    \b
    Examples:
      fusion check release.txt
      fusion check *.txt --problems
      fusion check release.txt --format json --tolerance 1000
    """

    def body() -> None:
        from decimal import Decimal

        from .check import Tolerance, audit, summary

        limits = Tolerance(Decimal(str(tolerance)), Decimal(str(rel_tolerance)) / 100)
        results = [(r.file, r.company, audit(r, limits)) for r in _extract_all(inputs, quiet, max_size) if r.facts]
        if not results:
            raise typer.Exit(EXIT_NO_DATA)
        chosen = format or (CheckFormat.table if sys.stdout.isatty() and output is None else CheckFormat.json)
        if chosen is CheckFormat.table:
            from rich.console import Console

            from .render import checks_tables, safe

            console = Console()
            for file, company, checks in results:
                for table in checks_tables(f"{file} ({company or 'company not named'})", checks, problems):
                    console.print(table)
                console.print(safe(f"{file}: {summary(checks)}"), highlight=False, markup=False)
        else:
            from .export import checks_csv, checks_json

            shown = [(f, [c for c in checks if not (problems and c.status == "ok")]) for f, _c, checks in results]
            _emit(checks_json(shown) if chosen is CheckFormat.json else checks_csv(shown), output, inputs)
            for file, _company, checks in results:
                _err(f"{file}: {summary(checks)}") if not quiet else None
        if any(c.status == "mismatch" for _f, _c, checks in results for c in checks):
            raise typer.Exit(EXIT_NO_DATA)

    _guard(body)


@app.command()
def concepts() -> None:
    """List the canonical concepts and the synonyms that map a label to each.

    \b
    Example:
      fusion concepts
    """
    from .concepts import describe

    for concept, synonyms in describe():
        typer.echo(f"{concept}\t{synonyms}")


def main() -> None:
    """Console entry point."""
    app()
