"""Many releases at once: extraction in worker processes, results streamed in a fixed order."""
from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import NamedTuple

# The pipeline is imported here, before worker processes are forked, so they inherit its compiled patterns.
from .export import fact_record, facts_csv_rows
from .extract import Run, extract_path
from .model import Document, Fact, Finding
from .read import ReadError, load


class FileResult(NamedTuple):
    """What one input gives: its output chunk from a worker, or its facts; stderr lines, and counts.

    A file read in this process streams: `facts` yields each fact as it is made and `messages` is
    filled once they have all been taken, so the file is never held as a list of facts.
    """

    item: str
    chunk: str
    facts: Iterable[Fact]
    messages: Sequence[str]
    found: int  # facts in the chunk (a streamed result counts them as they are written)
    unreadable: bool
    company: str = ""
    findings: Sequence[Finding] = ()  # every finding, for --warnings (a streamed result's, once its facts are taken)


def stream_one(item: str, max_bytes: int, verbosity: int) -> FileResult:
    """Read one file in this process, its facts streamed (see FileResult)."""
    try:
        doc = load(Path(item), max_bytes)
    except ReadError as exc:
        return FileResult(item, "", (), (f"{item}: {exc}",), 0, True)
    return streamed(item, doc, verbosity)


def streamed(item: str, doc: Document, verbosity: int) -> FileResult:
    """A read document's facts as a streamed result: tables are found now, facts made as they are taken."""
    run = Run(doc, keep_tables=False, headings=False)  # facts only: no tables kept, no sections for claims
    messages: list[str] = []

    def facts() -> Iterator[Fact]:
        count, tables = 0, set()
        for fact in run.facts():
            count += 1
            tables.add(fact.table_line)
            yield fact
        messages.extend(message_lines(item, run.findings, verbosity, count, len(tables)))

    return FileResult(item, "", facts(), messages, 0, False, run.company, run.findings)


def extract_one(task: tuple[str, str, int, int]) -> FileResult:
    """Read and extract one file; in a worker, format its facts as a JSON or CSV chunk to send back.

    Asked for format "facts", the facts themselves are returned, for the main process to write one
    by one without building the whole chunk in memory.
    """
    item, fmt, max_bytes, verbosity = task
    try:
        result = extract_path(Path(item), max_bytes)
    except ReadError as exc:
        return FileResult(item, "", (), (f"{item}: {exc}",), 0, True)
    messages = tuple(message_lines(item, result.findings, verbosity, len(result.facts), len({f.table_line for f in result.facts})))
    if fmt == "json":
        chunk = ",\n".join(json.dumps(fact_record(f), ensure_ascii=False) for f in result.facts)
        return FileResult(item, chunk, (), messages, len(result.facts), False, result.company, result.findings)
    if fmt == "csv":
        return FileResult(item, facts_csv_rows(list(result.facts)), (), messages, len(result.facts), False, result.company,
                          result.findings)
    return FileResult(item, "", result.facts, messages, len(result.facts), False, result.company, result.findings)


# Warnings that change what a number means are shown by default; the rest (rows not read, numbers left out) are
# counted on the file's line and listed with -v.
SHOWN = 3  # by default, a file's first three such warnings; the rest are counted on its line
MEANING = re.compile(r"inferred|assumed|guess|ambiguous|not printed|does not foot|not the row|conflict|differs?\b")


def sorted_findings(findings, verbosity: int) -> tuple[list, int]:
    """The warnings and notes a file shows at this verbosity (each once), and how many warnings it leaves to -v:
    with 1 (the default) the first SHOWN warnings that change what a number means, with 2 (-v) all, with 0 none."""
    shown: list = []
    seen: set[tuple[str, str]] = set()
    hidden = 0
    for finding in findings:
        if finding.severity == "error" or (finding.source, finding.message) in seen or verbosity == 0:
            continue
        if verbosity >= 2 or (finding.severity == "warning" and MEANING.search(finding.message) and len(seen) < SHOWN):
            seen.add((finding.source, finding.message))
            shown.append(finding)
        elif finding.severity == "warning":
            hidden += 1
    return shown, hidden


def file_line(item: str, facts: int, tables: int, hidden: int, check: str = "") -> str:
    """A file's one line: `x.md: [check: ...; ]508 facts from 10 tables[; 19 more warnings (-v lists them)]`."""
    more = f"; {hidden} more warning{'s' if hidden != 1 else ''} (-v lists them)" if hidden else ""
    return f"{item}: {f'check: {check}; ' if check else ''}{facts} facts from {tables} table{'s' if tables != 1 else ''}{more}"


def message_lines(item: str, findings, verbosity: int = 1, facts: int | None = None, tables: int = 0) -> Iterator[str]:
    """The stderr lines of a file's findings: errors always, then what sorted_findings shows, then the file's line
    when its facts are counted (not with -q)."""
    for finding in findings:
        if finding.severity == "error":
            yield f"{item}: {finding.message}"
    shown, hidden = sorted_findings(findings, verbosity)
    for finding in shown:
        yield f"{finding.source}: {'note' if finding.severity == 'info' else finding.severity}: {finding.message}"
    if facts and verbosity >= 1:
        yield file_line(item, facts, tables, hidden)


def _ignore_interrupts() -> None:
    """Workers leave Ctrl-C to the main process, which stops them and removes any partial output."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


def extract_many(items: list[str], fmt: str, max_bytes: int, verbosity: int, jobs: int) -> Iterator[FileResult]:
    """Results in the order of items; with jobs > 1, files are read and parsed by that many processes."""
    if jobs <= 1 or len(items) < 2:
        yield from (stream_one(item, max_bytes, verbosity) for item in items)
        return
    tasks = [(item, fmt, max_bytes, verbosity) for item in items]
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    chunksize = max(1, min(16, len(tasks) // (jobs * 8)))
    with context.Pool(min(jobs, len(tasks)), initializer=_ignore_interrupts) as pool:
        yield from pool.imap(extract_one, tasks, chunksize)
