"""PDF -> lines of text laid out in columns, for the same table readers as every other layout.

Each page's characters come from pdfium (through pypdfium2) with their boxes. They are turned upright (rotated
pages and rotated text), grouped into lines by their vertical centres, into words at small gaps and into runs at
column gaps. Runs are then placed on a character grid: words at their left edges, amounts at their right edges, so
the columns of a statement line up as they do in fixed-width EDGAR text. Running headers and footers and page
numbers are dropped; ligatures are spelled out.
"""
from __future__ import annotations

import contextlib
import ctypes
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from typing import NamedTuple

from .model import PAGE_LINES, PAGED, Line


class Char(NamedTuple):
    text: str
    x0: float
    x1: float
    bottom: float
    top: float
    size: float  # about the em: 0.8 of the loose box's height (a font's size can hide in its matrix)
    spaced: int  # what comes before it: 0 nothing, 1 a space pdfium infers from a gap, 2 a printed space


class Run(NamedTuple):
    """Characters printed together on one line: a label, an amount, a `$`."""

    text: str
    x0: float
    x1: float


_AMOUNT = re.compile(r"^[($\-–—]{0,3}\d(?:[\d,.]{0,30}\d)?\)?%?$|^[—–-]$")


RawChar = tuple[str, float, float, float, float, float, int]  # text, left, right, bottom, top, angle, spaced


def _upright(chars: list[RawChar], box: tuple[float, float, float, float] | None = None) -> list[Char]:
    """Characters turned so the page's main writing direction runs left to right; others (margin notes) dropped,
    and so are characters whose centre lies off the page's box (left, bottom, right, top), which no reader sees."""
    votes: Counter[int] = Counter()
    for c in chars:
        votes[round(math.degrees(c[5]) / 90) % 4] += 1
    if not votes:
        return []
    quarter = votes.most_common(1)[0][0]
    out = []
    for text, left, right, bottom, top, angle, spaced in chars:
        if round(math.degrees(angle) / 90) % 4 != quarter:
            continue
        if box is not None and not (box[0] <= (left + right) / 2 <= box[2] and box[1] <= (bottom + top) / 2 <= box[3]):
            continue
        corners = [_turn(x, y, quarter) for x, y in ((left, bottom), (right, top))]
        xs, ys = [p[0] for p in corners], [p[1] for p in corners]
        out.append(Char(text, min(xs), max(xs), min(ys), max(ys), (max(ys) - min(ys)) * 0.8, spaced))
    return out


def _turn(x: float, y: float, quarter: int) -> tuple[float, float]:
    """A point in a frame turned back by quarter * 90 degrees (pdfium measures a character's angle clockwise)."""
    if quarter == 1:
        return -y, x
    if quarter == 2:
        return -x, -y
    if quarter == 3:
        return y, -x
    return x, y


def _lines(chars: list[Char]) -> list[list[Char]]:
    """Characters grouped into printed lines by their vertical centres, top of the page first. A mark of a few
    small characters set high or low (a footnote's `4`, `(1)`, `TM`) then joins the line it stands in, so it
    never parts a label from its amounts; lines of small type stay lines."""
    if not chars:
        return []
    heights = sorted(c.top - c.bottom for c in chars)
    usual = heights[len(heights) // 2]
    rows = _rows(chars)
    marks: list[list[Char]] = []
    kept: list[list] = []
    for row in rows:
        if all(c.top - c.bottom < 0.75 * usual for c in row[2]):
            groups = _groups(sorted(row[2], key=lambda c: c.x0), usual)
            if all(len(g) <= 3 for g in groups):
                marks.extend(groups)
                continue
        kept.append(row)
    for group in marks:
        middle = sum(c.bottom + c.top for c in group) / (2 * len(group))
        near = min(kept, key=lambda r: abs(r[0] - middle), default=None)
        if near is not None and abs(near[0] - middle) <= near[1] * 0.75:
            near[2].extend(group)
        else:
            kept.append([middle, max(c.top - c.bottom for c in group), list(group)])
    kept.sort(key=lambda r: -r[0])
    return _settle_centred([sorted(r[2], key=lambda c: c.x0) for r in kept])


def _rows(chars: list[Char]) -> list[list]:
    """[centre, height, characters] of each line, by vertical centre (the line's mean)."""
    rows: list[list] = []
    for c in sorted(chars, key=lambda c: -(c.bottom + c.top)):
        middle, height = (c.bottom + c.top) / 2, c.top - c.bottom
        if rows and abs(rows[-1][0] - middle) <= max(rows[-1][1], height) * 0.4:
            row = rows[-1]
            row[2].append(c)
            row[0] += (middle - row[0]) / len(row[2])
            continue
        rows.append([middle, height, [c]])
    return rows


def _groups(line: list[Char], em: float) -> list[list[Char]]:
    """A line's characters parted where a gap of an em or more stands between them."""
    out: list[list[Char]] = []
    for c in line:
        if out and c.x0 - out[-1][-1].x1 < em:
            out[-1].append(c)
        else:
            out.append([c])
    return out


def _overlap(a: list[Char], b: list[Char]) -> float:
    """How much of line a's height line b's covers."""
    a0, a1 = min(c.bottom for c in a), max(c.top for c in a)
    b0, b1 = min(c.bottom for c in b), max(c.top for c in b)
    return max(0.0, min(a1, b1) - max(a0, b0)) / max(a1 - a0, 0.1)


def _apart(a: list[Char], b: list[Char]) -> bool:
    """No character of one line stands over a character of the other."""
    return all(c.x1 <= d.x0 or d.x1 <= c.x0 for c in a for d in b)


def _settle_centred(lines: list[list[Char]]) -> list[list[Char]]:
    """A cell centred against a cell of two lines (`May 7, 2023` beside `August 28, / 2022`) is set on the lower
    line, where a fixed-width header puts its last line: a line half-covered by the lines on both sides, standing
    clear of them, joins the one below."""
    out: list[list[Char]] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        above = out[-1] if out else None
        below = lines[i + 1] if i + 1 < len(lines) else None
        if (above is not None and below is not None and len(line) + len(below) < 400 and _overlap(line, above) >= 0.3
                and _overlap(line, below) >= 0.3 and _apart(line, below) and _apart(line, above)):
            lines[i + 1] = sorted(line + below, key=lambda c: c.x0)
        else:
            out.append(line)
        i += 1
    return out


def _runs(line: list[Char]) -> list[Run]:
    """A line's characters joined into words and words into runs: a printed space or a small gap parts words; a
    gap a column leaves parts runs. Words set apart with no space character between them were placed apart by the
    writer, so a smaller gap parts them (`Domestic International` over two columns)."""
    words: list[tuple[list[Char], bool]] = []  # (chars, a space comes before it)
    for c in line:
        if words:
            last = words[-1][0][-1]
            if abs(c.x0 - last.x0) < 0.1 * max(c.size, 1) and c.text == last.text:
                continue  # printed twice for a bold effect
            if not c.spaced and c.x0 - last.x1 <= 0.3 * max(c.size, last.size, 1):
                words[-1][0].append(c)
                continue
        words.append(([c], c.spaced == 2))
    runs: list[Run] = []
    previous: list[Char] | None = None
    for word, space in words:
        text = "".join(c.text for c in word)
        if runs and previous is not None:
            gap = word[0].x0 - previous[-1].x1
            size = max(word[0].size, previous[-1].size, 1)
            both = _AMOUNT.match(text) and _AMOUNT.match(runs[-1].text.rsplit(" ", 1)[-1])
            if gap <= (0.45 if both or not space else 0.9) * size:
                runs[-1] = Run(runs[-1].text + " " + text, runs[-1].x0, word[-1].x1)
                previous = word
                continue
        runs.append(Run(text, word[0].x0, word[-1].x1))
        previous = word
    return runs


def _prose(runs: list[Run]) -> bool:
    """Words of a sentence: four words or more, at most half of them amounts; or words with no amount at all
    (a paragraph's short last line)."""
    if len(runs) != 1:
        return False  # words standing apart in runs: a table's cells
    words = runs[0].text.split()
    amounts = sum(1 for w in words if _AMOUNT.match(w.rstrip(",;.")))
    return (len(words) >= 4 and amounts * 2 <= len(words)) or (amounts == 0 and len(words) < 4)


def reading_order(lines: list[list[Run]]) -> list[list[Run]]:
    """Lines in reading order: where a page sets prose in two columns (a gutter no run crosses, prose on both
    sides for four lines or more), the left column's lines come first, then the right's. Tables, whose labels
    and amounts also stand apart, are never split: one side of a split line must be prose, and so must the
    other."""
    if len(lines) < 4:
        return lines
    left = min(r.x0 for line in lines for r in line)
    right = max(r.x1 for line in lines for r in line)
    votes: Counter[int] = Counter()
    for line in lines:  # a right-hand column's lines start at one edge
        for b in line[1:]:
            if left + 0.3 * (right - left) < b.x0 < left + 0.7 * (right - left):
                votes[math.floor(b.x0 / 4)] += 1
    for key, count in votes.most_common(3):
        if count < 4:
            break
        gutter = key * 4.0 - 0.5
        out = _split_at(lines, gutter)
        if out is not None:
            return out
    return lines


def _split_at(lines: list[list[Run]], gutter: float) -> list[list[Run]] | None:
    out: list[list[Run]] = []
    block: list[tuple[list[Run], list[Run]]] = []
    split = 0

    def flush() -> None:
        nonlocal split
        if split >= 4:
            out.extend(left for left, _right in block if left)
            out.extend(right for _left, right in block if right)
        else:
            out.extend(left + right for left, right in block)
        block.clear()
        split = 0

    for line in lines:
        crossing = any(r.x0 < gutter < r.x1 for r in line)
        left = [r for r in line if r.x1 <= gutter]
        right = [r for r in line if r.x0 >= gutter]
        if crossing or (left and not _prose(left)) or (right and not _prose(right)):
            flush()
            out.append(line)
            continue
        split += bool(left and right)
        block.append((left, right))
    flush()
    return out if out != lines else None


_COLUMNS = 1000  # the widest grid a page is laid out on


def _layout(lines: list[list[Run]]) -> list[str]:
    """Runs placed on a character grid: words at their left edges, amounts at their right edges."""
    widths = sorted((r.x1 - r.x0) / len(r.text) for line in lines for r in line if len(r.text) > 2)
    if not widths:
        return [""] * len(lines)
    cell = widths[len(widths) // 2]
    left = min(r.x0 for line in lines for r in line if line)
    floor = (max(r.x1 for line in lines for r in line if line) - left) / _COLUMNS  # no line wider than the page allows
    for line in lines:  # narrow the grid until every run fits before the next with two spaces to spare
        for a, b in zip(line, line[1:]):
            room = b.x0 - a.x0
            if room > 0 and len(a.text) > 2:  # a footnote mark or a lone `%` may crowd what follows it
                cell = min(cell, max(room / (len(a.text) + 2), widths[len(widths) // 2] / 3))
    cell = max(cell, floor, 1e-3)
    out = []
    above: tuple[float, int] | None = None  # the left edge and column of the line above's first words
    for line in lines:
        text = ""
        for k, run in enumerate(line):
            if _AMOUNT.match(run.text):
                start = round((run.x1 - left) / cell) - len(run.text)
            else:
                start = round((run.x0 - left) / cell)
                if k == 0:
                    start = _indent(start, run.x0, above, cell)
                    above = (run.x0, start)
            text += " " * max(start - len(text), 2 if text else 0) + run.text
        out.append(text)
    return out


def _indent(start: int, x0: float, above: tuple[float, int] | None, cell: float) -> int:
    """A label set in from the one above by a visible step sits two columns in at least: in fixed-width text
    one column more is a wrapped label's hanging indent, which a PDF never draws so."""
    if above is None or abs(start - above[1]) != 1 or abs(x0 - above[0]) < 0.3 * cell:
        return start
    return above[1] + 2 * (start - above[1])


_LIGATURES = str.maketrans({"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
                            "\ufb05": "st", "\ufb06": "st"})


def _chars(textpage, unmapped: list[int] | None = None) -> list[RawChar]:
    """The page's printed characters. Characters a clipping path hides (a row cut off at a page's foot, printed
    again on the next page) are left out. `unmapped` counts control characters printed as text: glyph ids of a
    font with no map to characters."""
    import pypdfium2.raw as pdfium_c

    count = pdfium_c.FPDFText_CountChars(textpage)
    rect = pdfium_c.FS_RECTF()
    clips: dict[int, tuple[float, float, float, float] | None] = {}
    out: list[RawChar] = []
    spaced, last_object = 0, 0
    for i in range(count):
        code = pdfium_c.FPDFText_GetUnicode(textpage, i)
        if code in (32, 9, 10, 13, 0xA0) or pdfium_c.FPDFText_IsGenerated(textpage, i):
            spaced = max(spaced, 1 if pdfium_c.FPDFText_IsGenerated(textpage, i) else 2)
            continue
        if 0xE000 <= code <= 0xF8FF:
            continue  # a private-use glyph: an icon font's picture (set inside `283` it would part the number)
        if (code < 32 and code != 0) or 0xD800 <= code < 0xE000:
            if unmapped is not None and code < 32:
                unmapped[0] += 1  # a glyph id passed off as a character: the font has no map to characters
            continue
        if not pdfium_c.FPDFText_GetLooseCharBox(textpage, i, rect):
            continue
        obj = pdfium_c.FPDFText_GetTextObject(textpage, i)
        key = ctypes.cast(obj, ctypes.c_void_p).value or 0
        if key != last_object and out and _TOUCHING.fullmatch(out[-1][0] + chr(code)):
            spaced = max(spaced, 1)  # `2024December`: a cell set by a separate object right against the one before
        last_object = key
        clip = _clip(pdfium_c, obj, clips)
        if clip is not None and not (clip[0] <= (rect.left + rect.right) / 2 <= clip[2]
                                     and clip[1] <= (rect.bottom + rect.top) / 2 <= clip[3]):
            continue
        text = UNMAPPED if code == 0 or code == 0xFFFD else chr(code).translate(_LIGATURES)
        out.append((text, rect.left, rect.right, rect.bottom, rect.top, pdfium_c.FPDFText_GetCharAngle(textpage, i), spaced))
        spaced = 0
    return out


_TOUCHING = re.compile(r"[\d)%][A-Z$(]")  # the end of one amount or date and the start of another cell
UNMAPPED = "\ufffd"  # a glyph the font maps to no character: a ligature, as a rule


def _clip(pdfium_c, obj, clips: dict[int, tuple[float, float, float, float] | None]) -> tuple[float, float, float, float] | None:
    """The bounding box of a text object's clipping path (one rectangle, as a page's frame), cached per object."""
    key = ctypes.cast(obj, ctypes.c_void_p).value or 0
    if key in clips:
        return clips[key]
    box = None
    path = pdfium_c.FPDFPageObj_GetClipPath(obj) if key else None
    if path and pdfium_c.FPDFClipPath_CountPaths(path) == 1:
        x, y = ctypes.c_float(), ctypes.c_float()
        xs, ys = [], []
        for k in range(min(pdfium_c.FPDFClipPath_CountPathSegments(path, 0), 64)):
            segment = pdfium_c.FPDFClipPath_GetPathSegment(path, 0, k)
            if segment and pdfium_c.FPDFPathSegment_GetPoint(segment, ctypes.byref(x), ctypes.byref(y)):
                xs.append(x.value)
                ys.append(y.value)
        if xs and max(xs) - min(xs) > 72 and max(ys) - min(ys) > 72:  # a frame, not a clip in glyph space
            box = (min(xs), min(ys), max(xs), max(ys))
    clips[key] = box
    return box


_LIGATURE_WORD = re.compile("[A-Za-z\ufffd]{1,40}")
_CHOICES = ("fi", "fl", "ff", "ffi", "ffl")
_words: dict[str, int] | None = None


def _frequencies() -> dict[str, int]:
    """English word frequencies (pyspellchecker's list), loaded the first time a ligature must be spelled out."""
    global _words
    if _words is None:
        from spellchecker import SpellChecker

        _words = SpellChecker(language="en").word_frequency.dictionary
    return _words


def restore_ligatures(text: str) -> str:
    """Spell out glyphs a font maps to no character: `\ufffdrst` is `first`, `cash \ufffdows` is `cash flows`,
    `e\ufffdect` is `effect`: of fi, fl, ff, ffi and ffl, the spelling that makes the commonest English word
    (fi when none makes a word). A lone unmapped glyph (a bullet, a check box) is dropped."""
    if UNMAPPED not in text:
        return text

    def spell(m: re.Match[str]) -> str:
        word = m.group(0)
        if word == UNMAPPED * len(word):
            return ""
        if word.count(UNMAPPED) > 3:
            return word.replace(UNMAPPED, "fi")
        words = _frequencies()
        options = [""]
        for ch in word:
            options = [o + c for o in options for c in (_CHOICES if ch == UNMAPPED else (ch,))]
        best = max(options, key=lambda o: words.get(o.lower(), 0))
        return best if words.get(best.lower(), 0) else word.replace(UNMAPPED, "fi")

    return _LIGATURE_WORD.sub(spell, text).replace(UNMAPPED, "")


MAX_PAGES = 1000
MAX_CHARS = 200_000  # on one page; a release's densest page holds about 10,000
DEADLINE = 60.0  # seconds for a whole file


class PdfError(Exception):
    """A PDF that cannot be read as a release: damaged, locked, scanned or hostile. The message says which."""


def _open(data: bytes):
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError:
        code = pdfium_c.FPDF_GetLastError()
        if code == pdfium_c.FPDF_ERR_PASSWORD:
            raise PdfError("an encrypted PDF that needs a password; give an unlocked copy (for example "
                           "`qpdf --decrypt --password=... in.pdf out.pdf`)") from None
        if code == pdfium_c.FPDF_ERR_SECURITY:
            raise PdfError("a PDF locked with a security handler fusion cannot open; give an unlocked copy") from None
        raise PdfError("a damaged PDF that cannot be parsed; save or print it to PDF again") from None


PageItem = tuple[int, list[tuple[int, str]]]  # a page's number and its (line, text)


def page_lines(data: bytes) -> list[PageItem]:
    """Each page's lines as (line on the page, text), page furniture left out, read in this process. Raises
    PdfError for a PDF that cannot be opened, has no text layer (a scan), or is over the bounds of pages,
    characters or time."""
    return drop_furniture(list(_pages(data)))


def _pages(data: bytes) -> Iterator[PageItem]:
    """The pages one by one; after the last, PdfError when the text layer is no text (`_verdict`)."""
    import time

    import pypdfium2 as pdfium

    document = _open(data)
    started = time.monotonic()
    try:
        count = len(document)
        if count > MAX_PAGES:
            raise PdfError(f"a PDF of {count:,} pages, over the {MAX_PAGES:,} a release can have")
        printed, unmapped = 0, [0]
        for number in range(count):
            try:
                page = document[number]
                textpage = page.get_textpage()
                box = page.get_bbox()  # the visible box, inherited from the page tree when the page names none
            except pdfium.PdfiumError:
                raise PdfError(f"a damaged PDF that cannot be parsed (page {number + 1} cannot be loaded); save or print it "
                               "to PDF again") from None
            if _count(textpage) > MAX_CHARS:
                raise PdfError(f"a PDF whose page {number + 1} holds over {MAX_CHARS:,} characters; not a release "
                               f"(damaged or hostile?)")
            chars = _upright(_chars(textpage, unmapped), box)
            printed += len(chars)
            lines = [[r._replace(text=restore_ligatures(unicodedata.normalize("NFKC", r.text))) for r in _runs(line)]
                     for line in _lines(chars)]
            lines = reading_order([line for line in lines if line])
            yield number + 1, list(enumerate(_layout(lines), 1))
            if time.monotonic() - started > DEADLINE:
                raise PdfError(f"a PDF that took over {DEADLINE:.0f} s to read, stopped at page {number + 1} "
                               f"(damaged or hostile?)")
    finally:
        document.close()
    _verdict(printed, unmapped[0], count)


def _verdict(printed: int, unmapped: int, count: int) -> None:
    if unmapped * 10 > max(printed, 1):
        raise PdfError("a PDF whose fonts map their glyphs to no characters, so its text layer cannot be read; "
                       "run OCR first (for example ocrmypdf --force-ocr)")
    if printed < 40 * max(count, 1) ** 0.5:
        raise PdfError("a PDF with no text layer; run OCR first (for example ocrmypdf)")


PAGE_SECONDS = 20.0  # one page read in a child process, at most; then the child is stopped
MEMORY = 2 * 1024 ** 3  # the child's address space, at most


def bounded_page_lines(data: bytes) -> list[PageItem]:
    """`page_lines` in a child process bounded in time per page (PAGE_SECONDS) and in memory (MEMORY): a page
    pdfium never finishes, or one that would take all memory, is refused with one line, never a hang. Where
    processes cannot fork, in this process."""
    import os

    if not hasattr(os, "fork"):
        return page_lines(data)
    parent = os.getpid()
    try:
        read_end, write_end = os.pipe()
    except OSError:
        return page_lines(data)  # no descriptor left for a pipe: read here, bounded between pages only
    try:
        pid = os.fork()
    except OSError:
        os.close(read_end)
        os.close(write_end)
        return page_lines(data)  # no process left to fork: the same
    if pid == 0:  # the child: read, send each page, and never return into the caller's code
        try:
            os.close(read_end)
            _child(data, write_end, parent)
        finally:
            os._exit(0)
    os.close(write_end)
    try:
        return drop_furniture(_receive(read_end, pid))
    finally:
        os.close(read_end)
        _reap(pid)


def _child(data: bytes, fd: int, parent: int) -> None:
    import os
    import pickle
    import resource
    import signal

    signal.signal(signal.SIGINT, signal.SIG_DFL)  # Ctrl-C ends the reader too, whatever its parent ignores
    with contextlib.suppress(Exception):  # Linux: the reader dies with its parent (PR_SET_PDEATHSIG)
        ctypes.CDLL(None).prctl(1, signal.SIGKILL)
    if os.getppid() != parent:
        return  # the parent is gone already
    signal.alarm(int(DEADLINE + PAGE_SECONDS) + 1)  # a time bound of its own: SIGALRM ends it
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))

    def send(item: object) -> None:
        blob = pickle.dumps(item)
        os.write(fd, len(blob).to_bytes(8, "big"))
        view = memoryview(blob)
        while view:
            view = view[os.write(fd, view):]

    with contextlib.suppress(ValueError, OSError):  # a limit above the hard one: the hard one holds
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))
    try:
        for item in _pages(data):
            send(("page", item))
        send(("done", None))
    except PdfError as exc:
        send(("error", str(exc)))
    except MemoryError:
        send(("error", f"a PDF whose reading needs over {MEMORY // 1024 ** 2:,} MB of memory (damaged or hostile?)"))
    except BaseException as exc:
        send(("error", f"a PDF the reader failed on ({type(exc).__name__}); damaged or hostile?"))


def _receive(fd: int, pid: int) -> list[PageItem]:
    import os
    import pickle
    import select

    pages: list[PageItem] = []
    buffer = b""
    while True:
        ready, _w, _x = select.select([fd], [], [], PAGE_SECONDS)
        if not ready:
            raise PdfError(f"a PDF whose page {len(pages) + 1} took over {PAGE_SECONDS:g} s to read (damaged or hostile?)")
        chunk = os.read(fd, 1 << 20)
        if not chunk:
            raise PdfError(f"a PDF the reader stopped on at page {len(pages) + 1} (damaged or hostile?)")
        buffer += chunk
        while len(buffer) >= 8 and len(buffer) >= 8 + int.from_bytes(buffer[:8], "big"):
            size = int.from_bytes(buffer[:8], "big")
            kind, item = pickle.loads(buffer[8:8 + size])
            buffer = buffer[8 + size:]
            if kind == "error":
                raise PdfError(item)
            if kind == "done":
                return pages
            pages.append(item)


def _reap(pid: int) -> None:
    import os
    import signal

    try:
        done, _status = os.waitpid(pid, os.WNOHANG)
        if done == 0:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
    except (ChildProcessError, ProcessLookupError):
        pass


def _count(textpage) -> int:
    import pypdfium2.raw as pdfium_c

    return int(pdfium_c.FPDFText_CountChars(textpage))


_PAGE_NUMBER = re.compile(r"(?i)\s{0,200}(?:page\s{1,3})?[-–—]?\s{0,3}\d{1,4}\s{0,3}[-–—]?(?:\s{1,3}of\s{1,3}\d{1,4})?\s{0,3}")
_EDGE = 2  # lines at a page's top and at its foot where running headers, footers and page numbers are printed
_DIGITS = re.compile(r"\d+")


def _names_period(text: str) -> bool:
    """A column header's line (`Three Months Ended`, `2024   2023`), not a running title that names a period."""
    from .periods import is_header

    return is_header(Line(0, text))


def drop_furniture(pages: list[tuple[int, list[tuple[int, str]]]]) -> list[tuple[int, list[tuple[int, str]]]]:
    """Page numbers, and running headers and footers, left out: a line at a page's top or foot that is a page
    number (`4`, `- 4 -`, `Page 4 of 12`), or whose words (numbers aside) stand at the top or foot of other pages
    too, after its first appearance (the first keeps a company's name for the release)."""
    def edges(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
        return lines[:_EDGE] + lines[max(_EDGE, len(lines) - _EDGE):]

    seen: dict[str, set[int]] = {}
    for page, lines in pages:
        for _i, text in edges(lines):
            seen.setdefault(_DIGITS.sub("#", " ".join(text.split())), set()).add(page)
    running = {key for key, where in seen.items() if len(where) >= 3 or (len(where) >= 2 and len(where) * 2 >= len(pages))}
    out, shown = [], set()
    for page, lines in pages:
        drop = set()
        for i, text in edges(lines):
            key = _DIGITS.sub("#", " ".join(text.split()))
            if _PAGE_NUMBER.fullmatch(text) or (key in running and key in shown and len(_DIGITS.findall(text)) < 2
                                                and not _names_period(text)):
                drop.add(i)  # (a column header repeated over a table's next page is no running header)
            shown.add(key)
        out.append((page, [(i, text) for i, text in lines if i not in drop]))
    return out


def read_pdf(data: bytes) -> Iterator[Line]:
    from .read import clean_text_line

    for page, lines in bounded_page_lines(data):
        for i, text in lines:
            yield clean_text_line(text, PAGED + page * PAGE_LINES + i)
