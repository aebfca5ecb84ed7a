"""The CLI's vocabulary: exit codes, the choices of its options, the options every command shares, and how a
command's failure becomes one line and an exit code (`guarded`)."""
from __future__ import annotations

import contextlib
import os
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

EXIT_OK, EXIT_NO_DATA, EXIT_USAGE, EXIT_UNREADABLE, EXIT_OUTPUT, EXIT_INTERNAL, EXIT_INTERRUPTED = 0, 1, 2, 3, 4, 70, 130

def _by_suffix(kind, output: Path | None, terminal: bool, default):
    """`-o FILE.csv` writes CSV, `.json` JSON, `.md` Markdown, `.xlsx` a workbook, where the command has that format;
    another suffix, or standard output that is not a terminal, gets the command's default; a terminal a table."""
    if output is not None:
        suffix = output.suffix.lower().lstrip(".")
        if suffix in ("csv", "json", "md", "xlsx") and suffix not in kind.__members__:
            names = ", ".join(f".{m}" for m in kind.__members__ if m != "table")
            raise typer.BadParameter(f"{output}: this command writes {names}, not .{suffix}; choose one of those, "
                                     f"or --format", param_hint="--output")
        return kind(suffix) if suffix in kind.__members__ and suffix != "table" else default
    return kind.table if terminal else default


class _Format(str, Enum):
    """A command's output formats; `-o FILE` picks one by its suffix (see _by_suffix)."""

    @classmethod
    def for_output(cls, output: Path | None, terminal: bool):
        """The format an output file's suffix names; a table on a terminal; else the command's default."""
        return _by_suffix(cls, output, terminal, cls("csv" if "md" in cls.__members__ else "json"))


class FactFormat(_Format):
    """The formats of facts, check and concepts (JSON by default off a terminal)."""

    table = "table"
    json = "json"
    csv = "csv"


class AnalyzeFormat(_Format):
    """The formats of analyze (CSV by default off a terminal)."""

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


CheckFormat = FactFormat  # check and concepts write what facts writes: a table, JSON or CSV


Inputs = Annotated[list[str], typer.Argument(help="Release files, folders of releases (.txt .md .htm .html), or - for standard input.", show_default=False)]
Output = Annotated[Optional[Path], typer.Option("--output", "-o", help="Write to this file (atomically) instead of standard output.")]
Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="Print errors only.")]
Verbose = Annotated[bool, typer.Option("--verbose", "-v", help="List every warning and note, each with its line (by default: "
                                                                 "those that change what a number means, and one line per file).")]


NoPager = Annotated[bool, typer.Option("--no-pager", help="On a terminal, print long tables straight out instead of through a pager.")]
WarningsFile = Annotated[Optional[Path], typer.Option("--warnings", help="Also write every warning and note to this file, "
                                                                        "as JSON lines (file, source, severity, message).")]


def verbosity(quiet: bool, verbose: bool) -> int:
    """0 errors only (-q), 1 the default, 2 everything (-v)."""
    return 0 if quiet else 2 if verbose else 1
MaxSize = Annotated[int, typer.Option("--max-size", help="Largest input to read, in MB.", min=1)]


class State:
    """This run's settings that reach past the command's own call: debug, findings for --warnings, paging, --sources."""

    sink: list | None = None  # (file, finding) of every finding, when --warnings asks for them
    paging = True  # long tables through a pager on a terminal (off with --no-pager)
    sources = False  # facts --sources: each period's end date and length
    debug = False
    unreadable = False  # an input could not be read: the exit code says so even when the others succeed


def guarded(func, state, warnings: Path | None = None, no_pager: bool = False) -> None:
    """Run a command body: clean one-line errors, quiet broken pipes, tracebacks only with --debug; with --warnings,
    every finding also goes to that file as JSON lines, whatever the command's outcome."""
    state.paging = not no_pager
    state.sink = [] if warnings is not None else None

    def body() -> None:
        try:
            func()
        finally:
            if warnings is not None and state.sink is not None:
                from .emit import write_warnings

                write_warnings(warnings, state.sink)

    _guarded(body, state)


def _guarded(func, state) -> None:
    """Run a command body: clean one-line errors, quiet broken pipes, tracebacks only with --debug."""
    from .emit import OutputError, err

    try:
        func()
    except typer.Exit as exc:
        if exc.exit_code == EXIT_NO_DATA and state.unreadable:
            raise typer.Exit(EXIT_UNREADABLE) from None
        raise
    except BrokenPipeError:
        with contextlib.suppress(OSError):
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - stdout is gone; swallow the final flush
        raise typer.Exit(EXIT_OK) from None
    except OutputError as exc:
        err(str(exc))
        raise typer.Exit(EXIT_OUTPUT) from None
    except typer.BadParameter as exc:  # a choice only known once the command runs (an output's suffix)
        err(exc.format_message())
        raise typer.Exit(EXIT_USAGE) from None
    except KeyboardInterrupt:
        err("interrupted; nothing was written")
        raise typer.Exit(EXIT_INTERRUPTED) from None
    except Exception as exc:
        if state.debug:
            raise
        err(f"internal error: {type(exc).__name__}: {exc} (run with --debug for details)")
        raise typer.Exit(EXIT_INTERNAL) from None
    if state.unreadable:
        raise typer.Exit(EXIT_UNREADABLE)


STREAM_FROM = 20  # inputs from which analyze reads and writes one company at a time, so memory stays flat


def refuse_input_as_output(output: Path | None, inputs: list[str]) -> None:
    """A usage error when --output names one of the inputs: a release is never overwritten."""
    from .emit import err, same_file

    if output is not None and any(p != "-" and same_file(Path(p), output) for p in inputs):
        err(f"{output}: refusing to overwrite an input file; choose another --output")
        raise typer.Exit(EXIT_USAGE)


def expand_inputs(inputs: list[str]) -> list[str]:
    """read.expand_inputs, imported when a command runs: --help and --version stay light."""
    from .read import expand_inputs as expand

    return expand(inputs)
