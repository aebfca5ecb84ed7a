"""pdfplumber (pdfminer.six) beside pypdfium2 as the character source of the PDF reader (issue 18's choice).

    python bench/pdf_probe.py OUT_DIR      # ../shared/corpus-pdf/*.pdf read with pdfplumber's characters
    ../shared/tools/score-extraction --cmd .venv/bin/fusion OUT_DIR ../shared/corpus-pdf-truth

Each page's characters come from pdfplumber (with its printed spaces) and go through the same layout as
fusion_cli.pdf (upright, lines, runs, reading order, grid, furniture); the written files keep the .pdf name
for the scorer only and hold the laid-out text. Measured 2026-12-02 on the six corpus PDFs: pdfplumber
recall 0.919 (1,575/1,714), 0 wrong, 0.6-3.0 s a release (7 pages/s for its characters alone); pypdfium2 in
fusion: recall 0.981 (1,682/1,714), 0 wrong, 28 pages/s read, 23 pages/s extracted. The difference is Best
Buy's member headers (397 against 504 of 536): pdfplumber gives no spaces inferred from the layout, so words
set apart with no printed space stay one run.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from fusion_cli import pdf  # noqa: E402


def layout_text(path: Path) -> str:
    import pdfplumber

    pages = []
    with pdfplumber.open(path) as document:
        for number, page in enumerate(document.pages, 1):
            raw: list[pdf.RawChar] = []
            spaced = 0
            for c in page.chars:
                if c["text"].isspace():
                    spaced = 2
                    continue
                text = pdf.UNMAPPED if c["text"] in ("\x00", "\ufffd") else c["text"]
                raw.append((text, c["x0"], c["x1"], page.height - c["bottom"], page.height - c["top"], 0.0, spaced))
                spaced = 0
            chars = pdf._upright(raw)
            lines = [[r._replace(text=pdf.restore_ligatures(r.text)) for r in pdf._runs(line)] for line in pdf._lines(chars)]
            lines = pdf.reading_order([line for line in lines if line])
            pages.append((number, list(enumerate(pdf._layout(lines), 1))))
    return "\n".join(text for _n, lines in pdf.drop_furniture(pages) for _i, text in lines)


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
