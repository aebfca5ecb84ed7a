"""typer CLI: options -> one library call -> render or export -> exit code. No parsing here."""
from __future__ import annotations

import itertools
import os
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from . import __version__
from .options import (
    EXIT_NO_DATA,
    EXIT_OK,
    EXIT_USAGE,
    STREAM_FROM,
    AnalyzeFormat,
    CheckFormat,
    FactFormat,
    Inputs,
    MaxSize,
    NoPager,
    Output,
    Quiet,
    Scale,
    State,
    Verbose,
    View,
    WarningsFile,
    expand_inputs,
    refuse_input_as_output,
    verbosity,
)

app = typer.Typer(
    add_completion=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    no_args_is_help=True,
    rich_markup_mode=None,
    help=(
        "Find, parse and analyze the financial statements of earnings press releases.\n\n"
        "Exit codes: 0 ok; 1 no financial data in any input (check: a mismatch found); 2 usage error; "
        "3 an input could not be read (the others are still processed); 4 the output could not be written; "
        "70 internal error; 130 interrupted."
    ),
)


_State = State  # this run's settings (options.State)


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


def _err(message: str) -> None:
    from .emit import err

    err(message)


def _read(inputs: list[str], level: int, max_size: int):
    from .emit import read_reporting

    return read_reporting(inputs, level, max_size * 1024 * 1024, _State)


def _emit(text: str, output: Optional[Path], inputs: list[str]) -> None:
    from .emit import output_stream

    refuse_input_as_output(output, inputs)
    with output_stream(output) as out:
        out.write(text)


def _guard(func, warnings: Optional[Path] = None, no_pager: bool = False) -> None:
    """Run a command body through options.guarded (one-line errors, --warnings), paging unless --no-pager."""
    from .options import guarded

    guarded(func, _State, warnings, no_pager)


@app.command()
def facts(
    inputs: Inputs,
    format: Annotated[Optional[FactFormat], typer.Option("--format", "-f", help="table (default on a terminal), json (default otherwise) or csv.")] = None,
    output: Output = None,
    quiet: Quiet = False,
    verbose: Verbose = False,
    warnings: WarningsFile = None,
    no_pager: NoPager = False,
    max_size: MaxSize = 50,
    sources: Annotated[bool, typer.Option("--sources", help="Table: each period's end date and length too.")] = False,
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
        from .emit import NothingFound, stdin_result, write_stream

        _State.sources = sources
        chosen = format or FactFormat.for_output(output, sys.stdout.isatty())
        items = sorted(expand_inputs(inputs), key=lambda item: (item != "-", item))
        refuse_input_as_output(output, inputs)
        limit = max_size * 1024 * 1024
        level = verbosity(quiet, verbose)
        stream = extract_many([i for i in items if i != "-"], chosen.value, limit, level, jobs or os.cpu_count() or 1)
        if "-" in items:
            stream = itertools.chain([stdin_result(limit, level)], stream)
        try:
            _found, unreadable = write_stream(stream, chosen.value, len(items), output, _State.sink)
        except NothingFound as exc:
            _State.unreadable |= bool(exc.args[0])
            raise typer.Exit(EXIT_NO_DATA) from None
        _State.unreadable |= unreadable

    _guard(body, warnings, no_pager)


@app.command()
def analyze(
    inputs: Inputs,
    view: Annotated[Optional[View], typer.Option("--view", help="summary (default on a terminal), statements, changes, margins, bridge or all (default for csv/json).")] = None,
    format: Annotated[Optional[AnalyzeFormat], typer.Option("--format", "-f", help="table (default on a terminal), csv (default otherwise), json, md, or xlsx (with --output).")] = None,
    wide: Annotated[bool, typer.Option("--wide", help="csv/json: one column per period instead of one row per value.")] = False,
    mapping: Annotated[Optional[Path], typer.Option("--map", help="TOML file of your own synonyms: \"label\" = \"concept or label\".")] = None,
    scale: Annotated[Scale, typer.Option("--scale", help="Display scale of USD amounts (table and md only).")] = Scale.auto,
    sources: Annotated[bool, typer.Option("--sources", help="Show the file:line each value was read from (table and md).")] = False,
    company: Annotated[Optional[str], typer.Option("--company", help="Treat every input as a release of this company.")] = None,
    output: Output = None,
    quiet: Quiet = False,
    verbose: Verbose = False,
    warnings: WarningsFile = None,
    no_pager: NoPager = False,
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
        from .analysis import MappingError, load_mapping
        from .emit import NothingFound, report, stream_analysis
        from .pipeline import run

        try:
            synonyms = load_mapping(mapping) if mapping else None
        except MappingError as exc:
            _err(str(exc))
            raise typer.Exit(EXIT_USAGE) from None
        if (format is AnalyzeFormat.xlsx or (format is None and output is not None and output.suffix.lower() == ".xlsx")) and output is None:
            _err("--format xlsx writes a workbook: give the file with --output FILE.xlsx")
            raise typer.Exit(EXIT_USAGE)
        level = verbosity(quiet, verbose)
        chosen = format or AnalyzeFormat.for_output(output, sys.stdout.isatty())
        shown = view or (View.summary if chosen in (AnalyzeFormat.table, AnalyzeFormat.md) else View.all)
        if chosen in (AnalyzeFormat.csv, AnalyzeFormat.json) and not wide and "-" not in inputs and len(expand_inputs(inputs)) >= STREAM_FROM:
            refuse_input_as_output(output, inputs)
            try:  # one company at a time
                stream_analysis(inputs, lambda group: _read(group, level, max_size), synonyms, company, chosen.value,
                                shown.value, output, level, max_size * 1024 * 1024, _State.sink)
            except NothingFound:
                raise typer.Exit(EXIT_NO_DATA) from None
            return
        result = run(_read(inputs, level, max_size), synonyms, company)
        report(result, level)
        if _State.sink is not None:
            _State.sink.extend((f.source.split(":", 1)[0], f) for f in result.findings)
        if not result.points:
            raise typer.Exit(EXIT_NO_DATA)
        _show_analysis(result, chosen, shown, wide, scale.value, sources, output, inputs)

    _guard(body, warnings, no_pager)


def _show_analysis(result, chosen: AnalyzeFormat, view: View, wide: bool, scale: str, sources: bool,
                   output: Optional[Path], inputs: list[str]) -> None:
    from .emit import analysis_text, print_grids, write_xlsx

    shown = view.value
    if chosen is AnalyzeFormat.table:
        print_grids(result, shown, scale, sources)
    elif chosen is AnalyzeFormat.xlsx:
        assert output is not None  # analyze refuses xlsx without --output before reading anything
        refuse_input_as_output(output, inputs)
        write_xlsx(result, shown, output)
    else:
        _emit(analysis_text(result, chosen.value, shown, wide, scale, sources), output, inputs)


@app.command()
def check(
    inputs: Inputs,
    format: Annotated[Optional[CheckFormat], typer.Option("--format", "-f", help="table (default on a terminal), json (default otherwise) or csv.")] = None,
    tolerance: Annotated[float, typer.Option("--tolerance", help="Absolute difference (in units) still counted as rounding.", min=0)] = 0.0,
    rel_tolerance: Annotated[float, typer.Option("--rel-tolerance", help="Relative difference, in percent, still counted as rounding.", min=0)] = 0.0,
    problems: Annotated[bool, typer.Option("--problems", help="List only checks that are not ok.")] = False,
    output: Output = None,
    quiet: Quiet = False,
    verbose: Verbose = False,
    warnings: WarningsFile = None,
    no_pager: NoPager = False,
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

        from .check import Tolerance, summary
        from .emit import print_checks
        from .pipeline import run

        limits = Tolerance(Decimal(str(tolerance)), Decimal(str(rel_tolerance)) / 100)
        analysis = run(_read(inputs, verbosity(quiet, verbose), max_size), tolerance=limits, points=False)
        results = [(r.file, r.company, analysis.checks[r.file]) for r in analysis.extractions if r.file in analysis.checks]
        if not results:
            raise typer.Exit(EXIT_NO_DATA)
        chosen = format or CheckFormat.for_output(output, sys.stdout.isatty())
        if chosen is CheckFormat.table:
            print_checks(results, problems)
        else:
            from .export import checks_csv, checks_json

            shown = [(f, [c for c in checks if not (problems and c.status == "ok")]) for f, _c, checks in results]
            _emit(checks_json(shown) if chosen is CheckFormat.json else checks_csv(shown), output, inputs)
            for file, _company, checks in [] if quiet else results:
                _err(f"{file}: {summary(checks)}")
        if any(c.status == "mismatch" for _f, _c, checks in results for c in checks):
            raise typer.Exit(EXIT_NO_DATA)

    _guard(body, warnings, no_pager)


@app.command()
def concepts(
    search: Annotated[Optional[str], typer.Option("--search", "-s", help="Only concepts whose name, meaning or labels hold these words.")] = None,
    format: Annotated[Optional[CheckFormat], typer.Option("--format", "-f", help="table (default on a terminal), csv or json.")] = None,
) -> None:
    """The canonical concepts line items are normalized to: what each means and labels releases print for it.

    \b
    Examples:
      fusion concepts
      fusion concepts --search interest
      fusion concepts --format csv > concepts.csv
    """

    def body() -> None:
        from .emit import print_concepts
        from .glossary import rows

        found = rows(search or "")
        print_concepts(found, (format or (CheckFormat.table if sys.stdout.isatty() else CheckFormat.csv)).value)
        if not found:
            raise typer.Exit(EXIT_NO_DATA)

    _guard(body)


def main() -> None:
    """Console entry point."""
    app()
