"""A first measure for reading PDF releases natively (issue 18): pypdfium2's text runs laid out as fixed-width text.

    pip install pypdfium2
    python bench/pdf_probe.py OUT_DIR      # ../shared/corpus-pdf/*.pdf -> OUT_DIR/<name>.pdf, as layout text
    ../shared/tools/score-extraction --cmd .venv/bin/fusion OUT_DIR ../shared/corpus-pdf-truth

Each page's text runs (pdfium's rectangles of one line's text) are grouped into lines by their vertical centres and
placed at columns of the page's median character width, two spaces at least between runs, so the fixed-width
reader takes them as it takes EDGAR text. The written files keep the .pdf name for the scorer only; they hold
text. Measured 2026-12-02: recall 0.602 (1,032/1,714) with 122 wrong numbers (Costco 58, Best Buy 64: columns
shifted where a run spans two cells), Ulta 0/160 (not yet looked at); 0.04-0.76 s a release. Not shippable as is:
wrong numbers first, then the page furniture and provenance of the issue.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def layout_text(path: Path) -> str:
    import pypdfium2 as pdfium

    pages = []
    for page in pdfium.PdfDocument(str(path)):
        text_page = page.get_textpage()
        runs = []
        for i in range(text_page.count_rects()):
            left, bottom, right, top = text_page.get_rect(i)
            text = text_page.get_text_bounded(left, bottom, right, top).replace("\r", " ").replace("\n", " ").strip()
            if text:
                runs.append((left, bottom, right, top, text))
        if not runs:
            pages.append("")
            continue
        width = sorted((r - left) / max(len(t), 1) for left, _b, r, _t, t in runs)[len(runs) // 2]
        lines: list[list] = []
        for run in sorted(runs, key=lambda u: -(u[1] + u[3]) / 2):
            middle = (run[1] + run[3]) / 2
            if lines and abs(lines[-1][0] - middle) <= max(2.0, (run[3] - run[1]) * 0.45):
                lines[-1][1].append(run)
            else:
                lines.append([middle, [run]])
        out = []
        for _middle, line in lines:
            text = ""
            for left, _b, _r, _t, piece in sorted(line, key=lambda u: u[0]):
                text += " " * max(int(round(left / width)) - len(text), 2 if text else 0) + piece
            out.append(text.rstrip())
        pages.append("\n".join(out))
    return "\n\n".join(pages)


def main() -> int:
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    for path in sorted((ROOT.parent / "shared" / "corpus-pdf").glob("*.pdf")):
        start = time.perf_counter()
        (out / path.name).write_text(layout_text(path), encoding="utf-8")
        print(f"{path.name}: {time.perf_counter() - start:.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
