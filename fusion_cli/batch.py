"""Many releases at once: extraction in worker processes, results streamed in a fixed order."""
from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import NamedTuple

# The pipeline is imported here, before worker processes are forked, so they inherit its compiled patterns.
from .export import fact_record, facts_csv_rows
from .extract import Run, extract_path
from .model import Document, Fact
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


def stream_one(item: str, max_bytes: int, quiet: bool) -> FileResult:
    """Read one file in this process, its facts streamed (see FileResult)."""
    try:
        doc = load(Path(item), max_bytes)
    except ReadError as exc:
        return FileResult(item, "", (), (f"{item}: {exc}",), 0, True)
    return streamed(item, doc, quiet)


def streamed(item: str, doc: Document, quiet: bool) -> FileResult:
    """A read document's facts as a streamed result: tables are found now, facts made as they are taken."""
    run = Run(doc, keep_tables=False, headings=False)  # facts only: no tables kept, no sections for claims
    messages: list[str] = []

    def facts() -> Iterator[Fact]:
        yield from run.facts()
        messages.extend(message_lines(item, run.findings, quiet))

    return FileResult(item, "", facts(), messages, 0, False, run.company)


def extract_one(task: tuple[str, str, int, bool]) -> FileResult:
    """Read and extract one file; in a worker, format its facts as a JSON or CSV chunk to send back.

    Asked for format "facts", the facts themselves are returned, for the main process to write one
    by one without building the whole chunk in memory.
    """
    item, fmt, max_bytes, quiet = task
    try:
        result = extract_path(Path(item), max_bytes)
    except ReadError as exc:
        return FileResult(item, "", (), (f"{item}: {exc}",), 0, True)
    messages = tuple(message_lines(item, result.findings, quiet))
    if fmt == "json":
        chunk = ",\n".join(json.dumps(fact_record(f), ensure_ascii=False) for f in result.facts)
        return FileResult(item, chunk, (), messages, len(result.facts), False, result.company)
    if fmt == "csv":
        return FileResult(item, facts_csv_rows(list(result.facts)), (), messages, len(result.facts), False, result.company)
    return FileResult(item, "", result.facts, messages, len(result.facts), False, result.company)


def message_lines(item: str, findings, quiet: bool) -> Iterator[str]:
    """The stderr lines of a file's findings: errors always, warnings unless quiet."""
    for finding in findings:
        if finding.severity == "error":
            yield f"{item}: {finding.message}"
        elif finding.severity == "warning" and not quiet:
            yield f"{finding.source}: warning: {finding.message}"


def _ignore_interrupts() -> None:
    """Workers leave Ctrl-C to the main process, which stops them and removes any partial output."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


def extract_many(items: list[str], fmt: str, max_bytes: int, quiet: bool, jobs: int) -> Iterator[FileResult]:
    """Results in the order of items; with jobs > 1, files are read and parsed by that many processes."""
    if jobs <= 1 or len(items) < 2:
        yield from (stream_one(item, max_bytes, quiet) for item in items)
        return
    tasks = [(item, fmt, max_bytes, quiet) for item in items]
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    chunksize = max(1, min(16, len(tasks) // (jobs * 8)))
    with context.Pool(min(jobs, len(tasks)), initializer=_ignore_interrupts) as pool:
        yield from pool.imap(extract_one, tasks, chunksize)
