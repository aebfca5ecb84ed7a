"""Bytes -> Document: decoding, clean-up that keeps line numbers, EDGAR submissions, HTML tables as cell rows."""
from __future__ import annotations

import codecs
import html
import os
import re
from collections.abc import Iterator
from pathlib import Path

from .amounts import normalize_spaces
from .model import Cell, Document, Line

DEFAULT_MAX_BYTES = 50 * 1024 * 1024
SUFFIXES = (".txt", ".md", ".htm", ".html", ".text", ".markdown", ".pdf")


class ReadError(Exception):
    """An input that cannot be read as a release; the message names what is wrong and what to do."""


_MAGIC = (
    (b"\x89PNG", "a PNG image, not a text release"),
    (b"\xff\xd8\xff", "a JPEG image, not a text release"),
    (b"GIF8", "a GIF image, not a text release"),
    (b"\xd0\xcf\x11\xe0", "an old Office document; save the release as text or HTML first"),
)


def _zip_kind(data: bytes) -> str:
    if b"xl/workbook" in data:
        return "an Excel workbook (XLSX), not a release; give the release's text or HTML"
    if b"word/document" in data:
        return "a Word document (DOCX); save the release as text or HTML first"
    return "a ZIP archive; extract the release's text or HTML file from it first"


def load(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Read one file from disk into a Document, or raise ReadError with a one-line reason.

    At most max_bytes are ever read, so memory stays bounded whatever the file's size.
    """
    try:
        if path.is_dir():
            os.listdir(path)  # a folder that cannot be listed is reported as such below
            raise ReadError(f"a folder with no release files ({' '.join(SUFFIXES)}); give release files or a folder of them")
        size = path.stat().st_size
        if size > max_bytes:
            raise ReadError(f"the file is {_megabytes(size)}, over the {_megabytes(max_bytes)} limit; raise it with --max-size")
        with path.open("rb") as handle:
            data = _read_at_most(handle, size, max_bytes)
    except FileNotFoundError:
        raise ReadError("no such file or folder; check the path") from None
    except PermissionError:
        what = "folder" if path.is_dir() else "file"
        raise ReadError(f"permission denied; check the {what}'s read permission") from None
    except OSError as exc:
        raise ReadError(f"cannot be read ({exc.strerror or exc})") from None
    return parse_bytes(path.name, data, max_bytes)


def _read_at_most(handle, size: int, max_bytes: int) -> bytes:
    """The file's bytes, at most max_bytes + 1 of them, without asking for a buffer of the limit's size."""
    data = handle.read(min(size, max_bytes) + 1)  # the size it said it had, and a byte to see if it grew
    if len(data) <= size:
        return data
    return data + handle.read(max_bytes + 1 - len(data))  # a file that grew, or one without a size (a pipe)


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:,.1f} MB"


def parse_bytes(name: str, data: bytes, max_bytes: int | None = None) -> Document:
    """Decode and clean raw bytes of a release (text, markdown, HTML or an EDGAR submission)."""
    if max_bytes is not None and len(data) > max_bytes:
        raise ReadError(f"the input is over the {_megabytes(max_bytes)} limit; raise it with --max-size")
    if data.startswith(b"PK\x03\x04"):
        raise ReadError(f"this is {_zip_kind(data)}")
    if data[:1024].lstrip().startswith(b"%PDF"):
        from .pdf import PdfError, read_pdf

        try:
            return Document(name, list(read_pdf(data)), "text")
        except PdfError as exc:
            raise ReadError(f"this is {exc}") from None
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise ReadError(f"this is {what}")
    text = decode(data)
    if not text.strip():
        raise ReadError("the file is empty; give the text of a release" if not data
                        else "the file holds only white space; give the text of a release")
    text = strip_controls(text.replace("\r\n", "\n").replace("\r", "\n"))
    return Document(name, Lines(text), "html" if _looks_html(text) else "text")


class Lines:
    """A document's lines, read from its text each time they are walked: a 10 MB release is never held as
    a million line objects at once, only as its text."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text

    def __iter__(self) -> Iterator[Line]:
        return _read_lines(self.text)


_ESCAPES = re.compile(r"\x1b\[[0-9;?]{0,64}[ -/]{0,8}[@-~]|\x1b\][^\x07\x1b]{0,1024}(?:\x07|\x1b\\)?|\x1b[@-_]?")
_CONTROLS = dict.fromkeys([*range(9), *range(14, 32), 127, *range(0x80, 0xA0)])
_CONTROLS.update({0x0B: " ", 0x0C: " "})
_ANY_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def strip_controls(text: str) -> str:
    """Remove terminal escape sequences and control characters (tabs and line ends stay; form feeds become spaces)."""
    if not _ANY_CONTROL.search(text):
        return text
    if "\x1b" in text:
        text = _ESCAPES.sub("", text)
    return text.translate(_CONTROLS)


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM, then cp1252 and latin-1 for old EDGAR files."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace")
    if b"\x00" in data[:8192]:
        raise ReadError("this is binary data (NUL bytes), not text; give the release as text, markdown or HTML")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def _looks_html(text: str) -> bool:
    head = text[:20000].lower()
    return ("<table" in head or "<html" in head) and "<td" in text.lower()


_DOC_RE = re.compile(r"<DOCUMENT>(.*?)(?:</DOCUMENT>|\Z)", re.S | re.I)
_TYPE_RE = re.compile(r"<TYPE>\s*([^\s<]+)", re.I)
_SKIP_TYPES = ("GRAPHIC", "ZIP", "EXCEL", "XML", "JSON", "PDF", "EX-101", "XBRL", "JPG", "GIF")


def _read_lines(text: str) -> Iterator[Line]:
    """Split an EDGAR submission into its documents, or read the whole text as one."""
    if "<DOCUMENT>" not in text[:200000].upper():
        yield from _read_block(text, 1)
        return
    for m in _DOC_RE.finditer(text):
        body = m.group(1)
        kind = _TYPE_RE.search(body)
        doc_type = kind.group(1).upper() if kind else ""
        if doc_type.startswith(_SKIP_TYPES) or "\nbegin 6" in body[:2000]:
            continue
        first = text.count("\n", 0, m.start(1)) + 1
        yield Line(first, "", (), "break")  # a table never runs from one document into the next
        yield from _read_block(body, first)


def _read_block(text: str, first: int) -> Iterator[Line]:
    if _looks_html(text):
        yield from read_html(text, first)
        return
    start, number, find = 0, first, text.find
    while True:  # line by line, without a list of every line
        end = find("\n", start)
        if end < 0:
            yield clean_text_line(text[start:], number)
            return
        yield clean_text_line(text[start:end], number)
        start, number = end + 1, number + 1


# ---- text lines -------------------------------------------------------------------------------

_LATEX = re.compile(r"\$\s*\\(?:hbox|text|textbf|mathrm|mbox)\s*\{([^{}]*)\}\s*\$|\\(?:hbox|text|textbf|mathrm|mbox)\s*\{([^{}]*)\}")
_TAG_IN_NUMBER = re.compile(r"(\d)\s*(?:<[^<>]{0,40}>\s*)+([,.])\s*(?:<[^<>]{0,40}>\s*)*(\d)")
_BR = re.compile(r"<br\s*/?>", re.I)
_TAG = re.compile(r"</?[A-Za-z][^<>]{0,200}>")
_MD_LINK = re.compile(r"\[([^\[\]]{0,300})\]\([^()\s]{0,500}\)")
_MD_ESCAPE = re.compile(r"\\([\\$%&*_#\[\]()<>.+!`{}~-])")
_EDGAR_MARK = re.compile(r"</?(?:PAGE|TABLE|CAPTION|S|C|FN|F\d{1,2}|PRE|TEXT|DESCRIPTION|FILENAME|SEQUENCE|TYPE)>[^\n]*$|</?(?:S|C|CAPTION|TABLE|FN|F\d{1,2})>", re.I)
_LEADERS = re.compile(r"\. ?(?:\. ?){2,}\.?|_(?<!__)_{2,}(?=\s|$)")  # dotted leaders and rules of underscores
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_BOLD = re.compile(r"\*\*|__")
_EDGAR_DASH = re.compile(r"^- (?=-)")
_PIPE_SPLIT = re.compile(r"(?<!\\)\|")


def clean_inline(text: str) -> str:
    """Remove markup inside a piece of text: LaTeX boxes, tags, links, escapes, entities, bold marks."""
    if "\\" in text:
        text = _LATEX.sub(lambda m: m.group(1) or m.group(2) or "", text)
    if "<" in text:
        text = _TAG_IN_NUMBER.sub(r"\1\2\3", text)
        text = _BR.sub(" ", text)
        text = _TAG.sub("", text)
    if "[" in text:
        text = _MD_LINK.sub(r"\1", text)
    if "\\" in text:
        text = _MD_ESCAPE.sub(r"\1", text)
    if "&" in text:
        text = html.unescape(text)
    if "*" in text or "__" in text:
        text = _BOLD.sub("", text)
    return normalize_spaces(text)


def clean_text_line(raw: str, number: int) -> Line:
    """Clean one input line and recognise its layout (tab, markdown pipe, ` | ` cells, or free text)."""
    if "<" in raw and _EDGAR_MARK.search(raw):
        raw = _EDGAR_MARK.sub(lambda m: " " * len(m.group(0)), raw)
    stripped = raw.strip()
    if "\t" in stripped or (raw.startswith("\t") and stripped):
        return _cells_line(number, raw.rstrip("\n").split("\t"), "tab")
    if stripped.startswith("|") and stripped.count("|") >= 2:
        inner = stripped[1:-1] if stripped.endswith("|") and not stripped.endswith("\\|") else stripped[1:]
        return _cells_line(number, _PIPE_SPLIT.split(inner), "pipe")
    if " | " in stripped:
        return _cells_line(number, stripped.split(" | "), "bar")
    text = _EDGAR_DASH.sub("  ", raw) if raw.startswith("- -") else raw
    if "#" in text:
        text = _HEADING.sub("", text)
    text = clean_inline(text)
    if _has_leaders(text):
        text = _LEADERS.sub(lambda m: " " * len(m.group(0)), text)
    return Line(number, text.rstrip().expandtabs())


def _has_leaders(text: str) -> bool:
    return ".." in text or ". ." in text or "___" in text


def _cells_line(number: int, parts: list[str], layout: str) -> Line:
    cells = []
    for i, part in enumerate(parts):
        text = clean_inline(part)
        if i == 0 and "#" in text:
            text = _HEADING.sub("", text)
        if _has_leaders(text):
            text = _LEADERS.sub(" ", text)
        cells.append(Cell(" ".join(text.split()), i, i + 1))
    return Line(number, " | ".join(c.text for c in cells if c.text), tuple(cells), layout)


# ---- HTML -------------------------------------------------------------------------------------

_BLOCKS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "center", "title", "caption", "font", "pre", "br", "tr", "table"}
_SKIP = {"script", "style", "head"}


_HTML_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]{0,20})((?:[\s/][^<>]{0,4000})?)>")
_COLSPAN = re.compile(r"colspan\s*=\s*[\"']?\s*(\d{1,4})", re.I)
_RAW_END = {name: re.compile(rf"</{name}\s*>", re.I) for name in ("script", "style")}


class _TableReader:
    """Collects text blocks and table rows (cells with column spans), each with its source line.

    A single pass over the text: tags are matched where a `<` stands, comments, declarations and the
    content of scripts and styles are skipped, and everything else is text. Forgiving like a browser:
    unclosed cells, rows and tables end where the next one starts or where the document ends.
    """

    def __init__(self, first: int) -> None:
        self.first = first
        self.line_now = first
        self.source, self.counted, self.at = "", 0, 0  # the text, how far its lines are counted, where we are
        self.lines: list[Line] = []
        self.depth = 0  # table nesting
        self.skip = 0
        self.row: list[tuple[str, int]] | None = None
        self.row_line = 0
        self.cell: list[str] | None = None
        self.colspan = 1
        self.text: list[str] = []
        self.text_line = 0

    def _line(self) -> int:
        """The line the current tag or text starts on, counted on demand: most tags never ask."""
        if self.at > self.counted:
            self.line_now += self.source.count("\n", self.counted, self.at)
            self.counted = self.at
        return self.line_now

    def feed(self, text: str) -> None:
        self.source, self.counted, self.at, self.line_now = text, 0, 0, self.first
        pos, size, find, match = 0, len(text), text.find, _HTML_TAG.match
        while pos < size:
            lt = find("<", pos)
            if lt < 0:
                lt = size
            if lt > pos and not self.skip and (self.cell is not None or not self.depth):  # text that is kept
                self.at = pos
                chunk = text[pos:lt]
                self.handle_data(html.unescape(chunk) if "&" in chunk else chunk)
            if lt >= size:
                break
            end, m = lt + 1, None
            mark = text[lt + 1:lt + 2]
            if mark != "!" and mark != "?":
                m = match(text, lt)
            elif text.startswith("<!--", lt):
                close = find("-->", lt + 4)
                end = size if close < 0 else close + 3
            else:
                close = find(">", lt)
                end = size if close < 0 else close + 1
            self.at = lt
            if m is not None:
                closing, name, attrs = m.groups()
                name = name.lower()
                end = m.end()
                if closing:
                    self.handle_endtag(name)
                else:
                    self.handle_starttag(name, attrs)
                    if name in _RAW_END:  # script and style content is not text
                        close_tag = _RAW_END[name].search(text, end)
                        end = size if close_tag is None else close_tag.end()
                        self.handle_endtag(name)
            elif end == lt + 1:  # a `<` that starts no tag is text
                self.handle_data("<")
            pos = end

    def handle_starttag(self, tag: str, attrs: str) -> None:
        if tag in _SKIP:
            self.skip += 1
            return
        if tag == "table":
            self._flush_text()
            self.depth += 1
        elif tag == "tr" and self.depth:
            self._end_row()
            self.row, self.row_line = [], self._line()
        elif tag in ("td", "th") and self.depth:
            if self.row is None:
                self.row, self.row_line = [], self._line()
            self._end_cell()
            self.cell = []
            span = _COLSPAN.search(attrs) if attrs else None
            self.colspan = max(1, min(int(span.group(1)), 50)) if span else 1
        elif tag == "br":
            (self.cell if self.cell is not None else self.text).append(" ")
            if self.cell is None and not self.depth:
                self._flush_text()
        elif tag in _BLOCKS and not self.depth:
            self._flush_text()

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag == "table" and self.depth:
            self._end_row()
            self.depth -= 1
            if not self.depth:
                self.lines.append(Line(self._line(), "", (), "break"))  # a new table element is a new table
        elif tag == "tr":
            self._end_row()
        elif tag in ("td", "th"):
            self._end_cell()
        elif tag in _BLOCKS and not self.depth:
            self._flush_text()

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        if self.cell is not None:
            self.cell.append(data)
        elif not self.depth:
            if not self.text and data.strip():
                self.text_line = self._line()
            self.text.append(data)

    def _end_cell(self) -> None:
        if self.cell is not None and self.row is not None:
            self.row.append((" ".join(normalize_spaces("".join(self.cell)).split()), self.colspan))
        self.cell = None

    def _end_row(self) -> None:
        self._end_cell()
        if self.row:
            cells, col = [], 0
            for text, span in self.row:
                cells.append(Cell(text, col, col + span))
                col += span
            joined = " | ".join(c.text for c in cells if c.text)
            self.lines.append(Line(self.row_line, joined, tuple(cells), "html"))
        self.row = None

    def _flush_text(self) -> None:
        text = " ".join(normalize_spaces("".join(self.text)).split())
        if text:
            self.lines.append(Line(self.text_line or self._line(), text))
        self.text = []

    def close(self) -> None:
        self._end_row()
        self._flush_text()


def read_html(text: str, first: int = 1) -> list[Line]:
    """Read an HTML exhibit into text lines and table rows, in document order."""
    reader = _TableReader(first)
    reader.feed(text)
    reader.close()
    return sorted(reader.lines, key=lambda line: line.number)


def expand_inputs(paths: list[str]) -> list[str]:
    """Files as given, directories as their readable documents (sorted), `-` for standard input."""
    out: list[str] = []
    for p in paths:
        path = Path(p)
        if p != "-" and path.is_dir():
            try:
                found = sorted(str(f) for f in path.iterdir()
                               if f.is_file() and f.suffix.lower() in SUFFIXES and not f.name.startswith("."))
            except OSError:
                found = []  # load() names the problem
            out.extend(found if found else [p])
        else:
            out.append(p)
    return out
