"""PDF releases read natively (fusion_cli.pdf): statements with known numbers written as PDFs by fpdf2 (the test
extra) and read back through the CLI, page furniture, provenance on pages, rotated pages, PDFs that cannot be read,
ligatures; and a real release of ../shared/corpus-pdf (skipped without it)."""
import csv
import io
import json
from decimal import Decimal

import layouts
import pytest
from conftest import SHARED
from layouts import PDF_MARGIN, pdf_document, pdf_lines
from typer.testing import CliRunner

from fusion_cli import pdf
from fusion_cli.cli import app
from fusion_cli.model import PAGE_LINES, PAGED

pytest.importorskip("fpdf")  # the test extra that writes the PDFs
runner = CliRunner()

INCOME_ROWS = [("Revenue", [120_500, 98_250, 350_000, 300_100]), ("Cost of revenue", [60_125, 50_040, 170_000, 150_300]),
               ("Gross profit", [60_375, 48_210, 180_000, 149_800]), ("Research and development", [12_000, 11_500, 36_250, 34_000]),
               ("Restructuring charges", [-1_234, 900, -2_468, 1_800]), ("Total operating expenses", [70_000, 60_000, 200_000, 190_000]),
               ("Net income (loss)", [-9_500, 1_200, -12_000, 3_400])]
BALANCE_ROWS = [("Cash and cash equivalents", [45_210, 39_876]), ("Accounts receivable, net", [12_345, 11_002]),
                ("Inventories", [8_765, 9_123]), ("Prepaid expenses", [1_234, 1_111]), ("Total current assets", [67_554, 61_112]),
                ("Property and equipment, net", [23_456, 22_001]), ("Goodwill", [5_000, 5_000]), ("Total assets", [96_010, 88_113]),
                ("Accounts payable", [7_654, 7_001]), ("Accrued liabilities", [3_210, 2_987]), ("Long-term debt", [20_000, 21_500]),
                ("Total liabilities", [30_864, 31_488]), ("Total stockholders' equity", [65_146, 56_625])]


def facts(path, *options):
    result = runner.invoke(app, ["facts", str(path), "--format", "json", *options])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def found(records) -> dict[tuple[str, str, int], Decimal]:
    """(label, period end, months) -> value of `facts --format json` records; a fact read twice fails."""
    out: dict[tuple[str, str, int], Decimal] = {}
    for r in records:
        key = (r["label"], r["period_end"], r["period_months"])
        assert key not in out, f"{key} read twice"
        out[key] = Decimal(str(r["value"]))
    return out


def one_line(result) -> str:
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    return lines[0]


def write(tmp_path, name: str, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def text_lines(data: bytes) -> dict[tuple[int, int], str]:
    """(page, line on the page) -> the text the reader laid out."""
    return {(page, i): text for page, lines in pdf.page_lines(data) for i, text in lines}


# ---- statements read back ------------------------------------------------------------------------------

def test_two_periods_dollar_signs_parentheses_and_thousands(tmp_path):
    statement = layouts.income(3, 2024, False, INCOME_ROWS, "thousands")
    path = write(tmp_path, "q1.pdf", layouts.render_pdf(statement, dates="full", note="(in thousands)"))
    lines = text_lines(path.read_bytes())
    assert any("March 31, 2024" in t and "March 31, 2023" in t for t in lines.values())  # the header read as printed
    records = facts(path)
    assert found(records) == layouts.expected(statement)
    by_key = {(r["label"], r["period_end"]): r for r in records}
    assert by_key[("Revenue", "2024-03-31")]["value"] == 120_500_000 and by_key[("Revenue", "2023-03-31")]["value"] == 98_250_000
    assert by_key[("Revenue", "2024-03-31")]["as_printed"] == "$120,500"  # the `$` of its own cell, read with its amount
    assert by_key[("Restructuring charges", "2024-03-31")]["value"] == -1_234_000
    assert by_key[("Net income (loss)", "2024-03-31")]["value"] == -9_500_000
    assert by_key[("Net income (loss)", "2023-03-31")]["value"] == 1_200_000
    assert {r["period_months"] for r in records} == {3}
    assert {r["scale"] for r in records} == {"thousands"}
    assert {r["statement"] for r in records} == {"income"}


@pytest.mark.parametrize("hang", [True, False], ids=["paren-hung", "paren-inline"])
def test_four_periods_three_and_nine_months(tmp_path, hang):
    statement = layouts.income(9, 2024, True, INCOME_ROWS, "thousands")
    path = write(tmp_path, "q3.pdf", layouts.render_pdf(statement, hang=hang))
    records = facts(path)
    assert found(records) == layouts.expected(statement)
    months = {(r["period_end"], r["period_months"]) for r in records}
    assert months == {("2024-09-30", 3), ("2023-09-30", 3), ("2024-09-30", 9), ("2023-09-30", 9)}
    got = found(records)
    assert got[("Net income (loss)", "2024-09-30", 9)] == -12_000_000
    assert got[("Restructuring charges", "2023-09-30", 9)] == 1_800_000


@pytest.mark.parametrize("font", ["Helvetica", "Times", "Courier"])
@pytest.mark.parametrize("kind", ["quarter", "year-to-date", "balance"])
def test_core_fonts(tmp_path, font, kind):
    if kind == "balance":
        statement = layouts.balance(6, 2024, BALANCE_ROWS, "millions")
    else:
        statement = layouts.income(6, 2024, kind == "year-to-date", INCOME_ROWS, "thousands",
                                   eps=[Decimal("1.25"), Decimal("-0.40"), Decimal("2.10"), Decimal("0.95")])
    path = write(tmp_path, f"{font}.pdf", layouts.render_pdf(statement, font))
    got = found(facts(path))
    want = layouts.expected(statement)
    assert got == want
    if kind == "balance":
        assert got[("Total assets", "2024-06-30", 0)] == 96_010_000_000 and got[("Total assets", "2023-12-31", 0)] == 88_113_000_000
    else:
        assert got[(layouts.EPS_LABEL, "2024-06-30", 3)] == Decimal("1.25")  # per share: never scaled
        assert got[(layouts.EPS_LABEL, "2023-06-30", 3)] == Decimal("-0.40")


def test_zero_printed_as_a_dash(tmp_path):
    rows = [("Revenue", [1_000, 900]), ("Impairment", [0, 250]), ("Net income", [400, 0])]
    statement = layouts.income(3, 2024, False, rows)
    got = found(facts(write(tmp_path, "dash.pdf", layouts.render_pdf(statement))))
    assert got == layouts.expected(statement)
    assert got[("Impairment", "2024-03-31", 3)] == 0 and got[("Net income", "2023-03-31", 3)] == 0


def test_dollar_printed_with_its_amount(tmp_path):
    """`$120,500` right-aligned in one cell, as well as `$` in a cell of its own."""
    statement = layouts.income(9, 2024, True, INCOME_ROWS, "thousands")
    lines = []
    for cells in pdf_lines(statement):
        dollar = any(text == "$" for _l, _w, text, _a in cells)
        lines.append([(left, width, "$" + text if dollar and align == "R" else text, align)
                      for left, width, text, align in cells if text != "$"])
    got = found(facts(write(tmp_path, "attached.pdf", pdf_document([lines]))))
    assert got == layouts.expected(statement)


def test_text_printed_twice_for_a_bold_effect_is_read_once(tmp_path):
    statement = layouts.income(9, 2024, True, INCOME_ROWS, "thousands")
    lines = [cells + [(left + 0.3, width, text, align) for left, width, text, align in cells] for cells in pdf_lines(statement)]
    laid = text_lines(pdf_document([lines]))
    assert any(t.startswith("Total operating expenses ") and t.count("70,000") == 1 for t in laid.values())
    got = found(facts(write(tmp_path, "bold.pdf", pdf_document([lines]))))
    assert got == layouts.expected(statement)


@pytest.mark.parametrize("size", [6.5, 11.0])
def test_small_and_large_type(tmp_path, size):
    statement = layouts.income(9, 2024, True, INCOME_ROWS, "thousands")
    data = pdf_document([pdf_lines(statement)], size=size)
    assert found(facts(write(tmp_path, "size.pdf", data))) == layouts.expected(statement)


# ---- pages: a statement over two, running lines, page numbers --------------------------------------------

FOOTERS = {"number": str, "dashes": lambda n: f"- {n} -", "page-of": lambda n: f"Page {n} of 2"}


@pytest.mark.parametrize("footer", sorted(FOOTERS))
def test_balance_sheet_over_two_pages(tmp_path, footer):
    statement = layouts.balance(3, 2024, BALANCE_ROWS, "thousands")
    lines = pdf_lines(statement)
    header_rows = len(lines) - len(BALANCE_ROWS)
    split = header_rows + 6  # six rows on page 1, the rest on page 2 under no header
    data = pdf_document([lines[:split], lines[split:]], header=lambda n: f"Acme Widget Corp. Quarterly Report Page {n}",
                        footer=FOOTERS[footer])
    path = write(tmp_path, "balance.pdf", data)
    laid = text_lines(data)
    assert laid[(1, 1)].strip() == "Acme Widget Corp. Quarterly Report Page 1"  # the first running line is kept
    assert (2, 1) not in laid  # the second is dropped, and so is each page's number
    assert not any(text.strip() in ("1", "2", "- 1 -", "- 2 -", "Page 1 of 2", "Page 2 of 2") for text in laid.values())
    records = facts(path)
    assert found(records) == layouts.expected(statement)  # every row, and nothing from the page furniture
    printed = [sum(1 for cells in lines[:i] if cells) for i in range(len(lines))]  # lines printed above each line
    for r in records:
        row = header_rows + [label for label, _ in BALANCE_ROWS].index(r["label"])
        if row < split:
            assert (r["page"], r["line"]) == (1, 1 + printed[row] + 1), r  # the running line, then the statement's lines
        else:
            assert (r["page"], r["line"]) == (2, 1 + printed[row] - printed[split] + 1), r
    last = next(r for r in records if r["label"] == "Total stockholders' equity" and r["period_end"] == "2024-03-31")
    assert (last["page"], last["line"], last["value"]) == (2, 8, 65_146_000)
    first_on_2 = next(r for r in records if r["label"] == "Goodwill" and r["period_end"] == "2023-12-31")
    assert (first_on_2["page"], first_on_2["line"], first_on_2["value"]) == (2, 2, 5_000_000)


def test_a_running_header_with_a_year_on_three_pages(tmp_path):
    """A running line is dropped after its first page, whatever its page number; prose pages around the statement."""
    statement = layouts.income(3, 2024, False, INCOME_ROWS[:3], "thousands")
    prose = [[(PDF_MARGIN, 500.0, "Acme Widget Corp. today announced results for its first quarter.", "L")]]
    data = pdf_document([prose, pdf_lines(statement), prose], header=lambda n: f"Acme Widget Corp. Quarterly Report Page {n}",
                        footer=lambda n: f"Page {n} of 3")
    laid = text_lines(data)
    assert [key for key, text in laid.items() if "Quarterly Report" in text] == [(1, 1)]
    records = facts(write(tmp_path, "three.pdf", data))
    assert found(records) == layouts.expected(statement)
    assert {r["page"] for r in records} == {2}


def test_a_scale_note_repeated_at_the_top_of_each_page_still_scales(tmp_path):
    """Company and scale note at the top of three statement pages: dropped as running lines after the first, the
    note's scale still applies to the later pages' statements."""
    statements = [layouts.income(3, 2024, False, INCOME_ROWS, "thousands"), layouts.balance(3, 2024, BALANCE_ROWS, "thousands"),
                  layouts.income(3, 2024, False, [("Capital expenditures", [5_000, 4_000])], "thousands")]
    pages, want = [], {}
    for statement in statements:
        lines = pdf_lines(statement)
        lines[1], lines[2] = lines[2], lines[1]  # company, note, then the statement's title
        pages.append(lines)
        want.update(layouts.expected(statement))
    data = pdf_document(pages)
    laid = text_lines(data)
    assert [key for key, text in laid.items() if "in thousands" in text] == [(1, 2)]
    records = facts(write(tmp_path, "three.pdf", data))
    assert found(records) == want
    assert {(r["page"], r["scale"]) for r in records} == {(1, "thousands"), (2, "thousands"), (3, "thousands")}


def test_a_folder_of_pdfs(tmp_path):
    """The README says `.pdf` files in folders are read (read.SUFFIXES once left them out)."""
    statement = layouts.income(3, 2024, False, INCOME_ROWS, "thousands")
    write(tmp_path, "q1.pdf", layouts.render_pdf(statement))
    result = runner.invoke(app, ["facts", str(tmp_path), "--format", "json"])
    assert result.exit_code == 0, result.stderr
    assert found(json.loads(result.stdout)) == layouts.expected(statement)


# ---- provenance ------------------------------------------------------------------------------------------

def test_facts_carry_page_and_line_on_the_page(tmp_path):
    statement = layouts.income(3, 2024, False, INCOME_ROWS, "thousands")
    path = write(tmp_path, "acme-q1.pdf", layouts.render_pdf(statement))
    laid = text_lines(path.read_bytes())
    records = facts(path)
    for r in records:
        assert r["page"] == 1 and r["file"] == "acme-q1.pdf"
        assert laid[(1, r["line"])].startswith(r["label"])  # the line the reader printed the row on
    csv_rows = list(csv.DictReader(io.StringIO(runner.invoke(app, ["facts", str(path), "--format", "csv"]).stdout)))
    revenue = next(r for r in csv_rows if r["label"] == "Revenue")
    assert (revenue["page"], revenue["line"]) == ("1", str(next(r["line"] for r in records if r["label"] == "Revenue")))


def test_text_releases_have_no_page(fixtures):
    records = facts(fixtures / "edgar-8k-ex99.txt")
    assert {r["page"] for r in records} == {None} and records[0]["line"] == 88


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_analyze_sources_name_the_page(tmp_path, fmt):
    statement = layouts.income(3, 2024, False, INCOME_ROWS, "thousands")
    path = write(tmp_path, "acme-q1.pdf", layouts.render_pdf(statement))
    revenue_line = next(r["line"] for r in facts(path) if r["label"] == "Revenue")
    result = runner.invoke(app, ["analyze", str(path), "--format", fmt])
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout))) if fmt == "csv" else json.loads(result.stdout)
    revenue = [r for r in rows if r["section"] == "income" and r["item"] == "Revenue"]
    assert {r["source"] for r in revenue} == {f"acme-q1.pdf:p1:{revenue_line}"}
    assert {str(r["value"]).removesuffix(".0") for r in revenue} == {"120500000", "98250000"}
    printed = [r["source"] for r in rows if r["source"] not in ("", "derived")]
    assert printed and all(s.startswith("acme-q1.pdf:p1:") for s in printed)


def test_source_of_a_fact_on_the_second_page(tmp_path):
    statement = layouts.balance(3, 2024, BALANCE_ROWS, "thousands")
    lines = pdf_lines(statement)
    split = len(lines) - 4  # the last four rows on page 2, from its first line
    path = write(tmp_path, "bs.pdf", pdf_document([lines[:split], lines[split:]]))
    rows = list(csv.DictReader(io.StringIO(runner.invoke(app, ["analyze", str(path), "--format", "csv"]).stdout)))
    equity = {r["source"] for r in rows if r["section"] == "balance" and r["item"] == "Total stockholders' equity"}
    assert equity == {"bs.pdf:p2:4"}
    cash = {r["source"] for r in rows if r["section"] == "balance" and r["item"] == "Cash and cash equivalents"}
    assert len(cash) == 1 and cash.pop().startswith("bs.pdf:p1:")


# ---- rotated pages ---------------------------------------------------------------------------------------

def _rotate(data: bytes, degrees: int) -> bytes:
    """Every page given a /Rotate attribute (how a viewer turns it), through pypdfium2."""
    import pypdfium2

    document = pypdfium2.PdfDocument(data)
    for page in document:
        page.set_rotation(degrees)
    out = io.BytesIO()
    document.save(out)
    document.close()
    return out.getvalue()


@pytest.mark.parametrize("turn, rotate", [(0, 90), (0, 180), (0, 270), (180, 0), (180, 180), (90, 0), (90, 90), (270, 0), (270, 270)])
def test_rotated_pages(tmp_path, turn, rotate):
    """turn: the content drawn turned (counter-clockwise); rotate: the page's /Rotate. (90, 90) is a landscape table
    printed sideways on a portrait page, turned upright for the viewer. pdfium measures a character's angle
    clockwise: text a quarter turn counter-clockwise reports 270 degrees (read reversed, characters and lines, when
    the quarters were taken the other way)."""
    statement = layouts.income(9, 2024, True, INCOME_ROWS, "thousands")
    data = pdf_document([pdf_lines(statement)], turn=turn)
    path = write(tmp_path, "turned.pdf", _rotate(data, rotate) if rotate else data)
    result = runner.invoke(app, ["facts", str(path), "--format", "json"])
    assert result.exit_code == 0, result.stderr
    assert found(json.loads(result.stdout)) == layouts.expected(statement)


@pytest.mark.parametrize("inherit_box", [False, True], ids=["own-box", "inherited-box"])
def test_landscape_page_box(tmp_path, inherit_box):
    """A landscape page whose /MediaBox is its own, or its page tree's (inherited, as fpdf2 writes it when every page
    has the document's size): the amounts right of x=612 (the portrait width) are read either way, none cut."""
    rows = [*INCOME_ROWS, ("Marketing", [0, None, 9_333_393, 101_234_567])]
    statement = layouts.income(9, 2024, True, rows, "thousands")
    data = pdf_document([pdf_lines(statement)], inherit_box=inherit_box)
    assert data.count(b"/MediaBox [0 0 792.00 612.00]") == 1 and data.count(b"/MediaBox") == (1 if inherit_box else 2)
    got = found(facts(write(tmp_path, "landscape.pdf", data)))
    assert {k: v for k, v in got.items() if layouts.expected(statement).get(k) != v} == {}  # no number wrong or invented
    assert got == layouts.expected(statement)
    assert got[("Revenue", "2023-09-30", 9)] == 300_100_000  # the rightmost column, at x 620-660
    assert got[("Marketing", "2023-09-30", 9)] == 101_234_567_000


def test_text_at_another_angle_is_left_out(tmp_path):
    """A margin note printed sideways (a filing stamp) neither joins nor breaks the statement."""
    statement = layouts.income(3, 2024, False, INCOME_ROWS, "thousands")

    def stamp(pdf_):
        pdf_.page = 1
        with pdf_.rotation(90, 20, 400):
            pdf_.set_xy(20, 400)
            pdf_.cell(200, 10, "FILED 2024-04-30 12345")

    data = pdf_document([pdf_lines(statement)], setup=stamp)
    assert not any("FILED" in t or "DELIF" in t for t in text_lines(data).values())
    assert found(facts(write(tmp_path, "stamp.pdf", data))) == layouts.expected(statement)


# ---- PDFs that cannot be read ------------------------------------------------------------------------------

def _statement_pdf(**options) -> bytes:
    return pdf_document([pdf_lines(layouts.income(3, 2024, False, INCOME_ROWS, "thousands"))], **options)


def _drawing_only(pdf_):
    pdf_.rect(100, 100, 300, 200, style="F")


def _page_number_only() -> bytes:
    def scan(pdf_):
        pdf_.rect(50, 50, 500, 650)

    return pdf_document([[]], footer=lambda n: f"Page {n} of 1", setup=scan)


def _raw_pdf(contents: list[bytes], kids: bytes | None = None) -> bytes:
    """A PDF written by hand: one page a content stream (Helvetica as /F1), a correct cross-reference table; kids
    replaces the page tree's list of pages."""
    objects = [b"<</Type/Catalog/Pages 2 0 R>>",
               b"<</Type/Pages/Kids[" + (kids if kids is not None else b" ".join(b"%d 0 R" % (4 + 2 * i) for i in range(len(contents))))
               + b"]/Count %d>>" % len(contents), b"<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>"]
    for i, content in enumerate(contents):
        objects.append(b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]/Resources<</Font<</F1 3 0 R>>>>/Contents %d 0 R>>" % (5 + 2 * i))
        objects.append(b"<</Length %d>>stream\n" % len(content) + content + b"\nendstream")
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1) + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    return bytes(out + b"trailer\n<</Size %d/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))


ROWS_CONTENT = b"".join(b"BT /F1 9 Tf 72 %d Td (Revenue    1,200    1,000 and words enough for a text layer) Tj ET\n" % (700 - 12 * i)
                        for i in range(5))
GLYPH_IDS = b"".join(b"BT /F1 9 Tf 72 %d Td (\x04\x05\x06\x07 \x08\x0e\x0f\x10 \x11\x12\x13\x14\x15 \x16\x17) Tj ET\n" % (700 - 12 * i)
                    for i in range(20))
DAMAGED = "this is a damaged PDF that cannot be parsed"
NO_TEXT = "no text layer; run OCR first (for example ocrmypdf)"


@pytest.mark.parametrize("make, words", [
    pytest.param(lambda: _statement_pdf()[: len(_statement_pdf()) // 2], DAMAGED, id="half"),
    pytest.param(lambda: b"%PDF-1.7\n" + bytes((i * 7919 + 13) % 256 for i in range(4096)), DAMAGED, id="garbage"),
    pytest.param(lambda: _statement_pdf(setup=lambda p: p.set_encryption(owner_password="owner", user_password="secret")),
                 "this is an encrypted PDF that needs a password; give an unlocked copy", id="user-password"),
    pytest.param(lambda: pdf_document([[]], setup=_drawing_only), NO_TEXT, id="drawing-only"),
    pytest.param(_page_number_only, NO_TEXT, id="page-number-only"),
    pytest.param(lambda: pdf_document([[], []]), NO_TEXT, id="blank"),
    pytest.param(lambda: _raw_pdf([b"BT /F1 9 Tf 72 700 Td (Revenue 1,200 1,000) Tj ET"] * 2), NO_TEXT, id="two-lines-of-text"),
    # /Kids names a page object the file lacks: pypdfium2's PdfiumError('Failed to load page.') once escaped as exit 70
    pytest.param(lambda: _raw_pdf([ROWS_CONTENT], kids=b"9 0 R"), DAMAGED, id="missing-page-object"),
    # glyph ids printed as text, as a font with no map to characters gives them (a real release read as `\x04\x05`)
    pytest.param(lambda: _raw_pdf([GLYPH_IDS]), "its text layer cannot be read; run OCR first (for example ocrmypdf --force-ocr)",
                 id="glyph-ids"),
])
def test_unreadable_pdfs_exit_3_with_one_line(tmp_path, make, words):
    path = write(tmp_path, "bad.pdf", make())
    for command in ("facts", "analyze", "check"):
        result = runner.invoke(app, [command, str(path), "--format", "json"])
        assert result.exit_code == 3, (command, result.stderr)
        assert one_line(result).startswith(f"fusion: {path}: ") and words in result.stderr
        assert result.stdout == ""


def test_text_stretched_far_off_the_page_is_bounded():
    """Text stretched far past the page's edge (Tz 10000000: five characters ending 2.4 million points right) once
    made a line of 500,000 characters; at Tz 1000000000 one of 50 million that took 9 s to read, and characters at
    1e10 points (font widths damaged, found by bench/fuzz.py) a MemoryError."""
    data = _raw_pdf([ROWS_CONTENT + b"BT /F1 9 Tf 10000000 Tz 72 500 Td (AB 12) Tj ET"])
    laid = text_lines(data)
    assert sum(1 for t in laid.values() if t.startswith("Revenue")) == 5
    assert max(len(t) for t in laid.values()) <= 2_000


def test_an_unreadable_pdf_does_not_stop_the_others(tmp_path):
    bad = write(tmp_path, "locked.pdf", _statement_pdf(setup=lambda p: p.set_encryption(owner_password="o", user_password="u")))
    good = write(tmp_path, "good.pdf", _statement_pdf())
    result = runner.invoke(app, ["facts", str(bad), str(good), "--format", "json"])
    assert result.exit_code == 3 and "locked.pdf: this is an encrypted PDF" in result.stderr
    assert {r["file"] for r in json.loads(result.stdout)} == {"good.pdf"}


@pytest.mark.parametrize("method", ["RC4", "AES_128", "AES_256"])
def test_owner_password_only_reads_normally(tmp_path, method):
    from fpdf.enums import EncryptionMethod

    statement = layouts.income(3, 2024, False, INCOME_ROWS, "thousands")

    def lock(pdf_):
        pdf_.set_encryption(owner_password="owner-only", encryption_method=getattr(EncryptionMethod, method))

    data = pdf_document([pdf_lines(statement)], setup=lock)
    assert b"/Encrypt" in data
    assert found(facts(write(tmp_path, "owner.pdf", data))) == layouts.expected(statement)


def test_pdf_limits_are_reported(monkeypatch, tmp_path):
    data = pdf_document([pdf_lines(layouts.income(3, 2024, False, INCOME_ROWS))] * 3)
    path = write(tmp_path, "long.pdf", data)
    monkeypatch.setattr(pdf, "MAX_PAGES", 2)
    result = runner.invoke(app, ["facts", str(path), "--format", "json"])
    assert result.exit_code == 3 and "a PDF of 3 pages, over the 2 a release can have" in one_line(result)
    monkeypatch.setattr(pdf, "MAX_PAGES", 1000)
    monkeypatch.setattr(pdf, "MAX_CHARS", 100)
    result = runner.invoke(app, ["facts", str(path), "--format", "json"])
    assert result.exit_code == 3 and "page 1 holds over 100 characters" in one_line(result)


# ---- ligatures and page furniture -------------------------------------------------------------------------

U = pdf.UNMAPPED


@pytest.mark.parametrize("text, spelled", [
    (f"{U}rst", "first"), (f"cash {U}ows", "cash flows"), (f"e{U}ect", "effect"), (f"Gross pro{U}t", "Gross profit"),
    (U, ""), (f"{U} Revenue", " Revenue"), (f"o{U}ce", "office"), ("no ligature here", "no ligature here"),
    (f"Net cash {U}ows from operating activities", "Net cash flows from operating activities"),
])
def test_restore_ligatures(text, spelled):
    assert pdf.restore_ligatures(text) == spelled


def _pages(*pages: list[str]) -> list[tuple[int, list[tuple[int, str]]]]:
    return [(n, list(enumerate(lines, 1))) for n, lines in enumerate(pages, 1)]


def _kept(pages) -> list[list[str]]:
    return [[text for _i, text in lines] for _page, lines in pdf.drop_furniture(pages)]


BODY = ["Revenue    1,200    1,000", "Net income    200    150", "Prose of the page that is long enough to read."]


def _page(n: int, top: list[str] = (), foot: list[str] = ()) -> list[str]:
    """A page's lines: the furniture given, around lines of its own at its top and foot and a body between."""
    name = ("", "one", "two", "three", "four", "five")[n]  # words, not digits: a line's numbers are set aside
    return [*top, f"Heading of page {name} alone", f"Words only page {name} prints", *BODY, f"Closing words of page {name}",
            f"Last words of page {name} alone", *foot]


@pytest.mark.parametrize("number", ["4", "   4", "- 4 -", "-4-", "\u2013 4 \u2013", "Page 4", "Page 4 of 12", "page 4 of 12"])
@pytest.mark.parametrize("where", ["top", "foot"])
def test_page_numbers_are_dropped(number, where):
    lines = _page(4, top=[number]) if where == "top" else _page(4, foot=[number])
    assert _kept(_pages(lines)) == [_page(4)]


@pytest.mark.parametrize("number", ["4", "Page 4 of 12"])
def test_a_page_number_second_from_the_edge_is_dropped(number):
    assert _kept(_pages(_page(4, foot=[number, "Acme Widget Corp. confidential"]))) == [_page(4, foot=["Acme Widget Corp. confidential"])]


def test_a_page_number_inside_a_page_is_kept():
    lines = _page(4)
    lines.insert(4, "4")
    assert _kept(_pages(lines)) == [lines]


def test_running_header_kept_on_its_first_page_only():
    pages = _pages(*[_page(n, top=[f"Acme Widget Corp. Quarterly Report Page {n}"], foot=[f"{n}"]) for n in (1, 2, 3)])
    assert _kept(pages) == [_page(1, top=["Acme Widget Corp. Quarterly Report Page 1"]), _page(2), _page(3)]
    numbered = pdf.drop_furniture(pages)
    assert [i for i, _t in numbered[1][1]][:2] == [2, 3]  # lines keep their numbers on the page


def test_running_footer_on_two_of_two_pages():
    pages = _pages(_page(1, foot=["Acme Widget Corp."]), _page(2, foot=["Acme Widget Corp."]))
    assert _kept(pages) == [_page(1, foot=["Acme Widget Corp."]), _page(2)]


def test_a_line_on_two_of_five_pages_is_kept():
    pages = _pages(*[_page(n, top=["Supplemental information"] if n in (2, 4) else []) for n in range(1, 6)])
    assert _kept(pages)[3] == _page(4, top=["Supplemental information"])


@pytest.mark.parametrize("line", ["Revenue    1,200    1,000", "Net income    200    150", "March 31, 2024    December 31, 2023",
                                  "Total assets    96,010"])
def test_a_line_with_two_numbers_is_never_dropped(line):
    pages = _pages(*[_page(n, top=[line], foot=[line]) for n in (1, 2, 3)])
    assert _kept(pages) == [_page(n, top=[line], foot=[line]) for n in (1, 2, 3)]


def test_a_line_on_one_page_only_is_kept():
    pages = _pages(_page(1, top=["Acme Widget Corp."]), _page(2, top=["Other company"]), _page(3, top=["Third"]))
    assert _kept(pages) == [_page(1, top=["Acme Widget Corp."]), _page(2, top=["Other company"]), _page(3, top=["Third"])]


def test_lines_inside_a_page_are_never_dropped_even_when_repeated():
    inner = ["Acme Widget Corp.", "Acme Widget Corp."]
    pages = _pages(*[[*_page(n)[:3], *inner, *_page(n)[3:]] for n in (1, 2, 3)])
    assert _kept(pages) == [[*_page(n)[:3], *inner, *_page(n)[3:]] for n in (1, 2, 3)]


# ---- a real release (../shared/corpus-pdf) ----------------------------------------------------------------

CORPUS_PDF, CORPUS_PDF_TRUTH = SHARED / "corpus-pdf", SHARED / "corpus-pdf-truth"
COSTCO = "costco-2023q3-earnings"


@pytest.fixture(scope="module")
def costco():
    path = CORPUS_PDF / f"{COSTCO}.pdf"
    if not path.is_file() or not (CORPUS_PDF_TRUTH / f"{COSTCO}.json").is_file():
        pytest.skip("../shared/corpus-pdf is not beside the checkout")
    from fusion_cli.extract import extract_path

    truth = json.loads((CORPUS_PDF_TRUTH / f"{COSTCO}.json").read_text())
    return extract_path(path), truth


def _truth(truth, label, end, months) -> Decimal:
    values = [t["value"] for t in truth["facts"] if (t["label"], t["period_end"], t["period_months"]) == (label, end, months)]
    assert len(values) == 1, (label, end, months)
    return Decimal(str(values[0])) * 1_000_000


@pytest.mark.parametrize("label, end, months, page", [
    ("Net sales", "2023-05-07", 3, 3), ("Net sales", "2022-05-08", 3, 3), ("Net sales", "2023-05-07", 9, 3),
    ("Total revenue", "2022-05-08", 9, 3), ("Merchandise costs", "2023-05-07", 3, 3),
    ("NET INCOME ATTRIBUTABLE TO COSTCO", "2023-05-07", 3, 3), ("Cash and cash equivalents", "2023-05-07", 0, 3),
    ("Short-term investments", "2023-05-07", 0, 4), ("Short-term investments", "2022-08-28", 0, 4),
    ("TOTAL ASSETS", "2023-05-07", 0, 4), ("TOTAL ASSETS", "2022-08-28", 0, 4), ("Total current liabilities", "2022-08-28", 0, 4),
])
def test_costco_values_and_pages(costco, label, end, months, page):
    extraction, truth = costco
    hits = [f for f in extraction.facts if (f.label, f.period_end, f.period_months) == (label, end, months)]
    assert len(hits) == 1, hits  # the clipped copy of `Short-term investments` at page 3's foot is not read
    assert hits[0].value == _truth(truth, label, end, months)
    assert hits[0].page == page


def test_costco_provenance_and_no_wrong_numbers(costco):
    extraction, truth = costco
    by_key = {(f.label, f.period_end, f.period_months): f for f in extraction.facts if f.unit != "shares"}
    net_sales = by_key[("Net sales", "2023-05-07", 3)]
    assert (net_sales.page, net_sales.line % PAGE_LINES, net_sales.value) == (3, 8, Decimal(52_604_000_000))
    assert net_sales.line == PAGED + 3 * PAGE_LINES + 8
    assert by_key[("Short-term investments", "2023-05-07", 0)].line == PAGED + 4 * PAGE_LINES + 1
    truth_values: dict[tuple, set[Decimal]] = {}
    for t in truth["facts"]:  # `Basic` and `Diluted` stand for earnings per share and for share counts
        truth_values.setdefault((t["label"], t["period_end"], t["period_months"]), set()).add(Decimal(str(t["value"])))
    checked = 0
    for fact in extraction.facts:
        printed = truth_values.get((fact.label, fact.period_end, fact.period_months))
        if printed is None:
            continue
        assert fact.value in {v * factor for v in printed for factor in (1, 1_000, 1_000_000)}, fact
        checked += 1
    assert checked >= 90


# ---- two columns of prose ----------------------------------------------------------------------

def _two_columns() -> bytes:
    from fpdf import FPDF

    left = ["Revenue for the third quarter was $1,234 million,", "up 12% from $1,100 million a year ago. Gross",
            "margin was 45.2% compared with 43.1% last year.", "Operating income rose to $310 million from",
            "$250 million. Net income was $205 million."]
    right = ["Cash at the end of the quarter was $820 million", "compared with $700 million at year end. The",
             "company expects fourth quarter revenue of $1,300", "million to $1,350 million and earnings of $0.95",
             "to $1.00 per diluted share."]
    document = FPDF(unit="pt", format="letter")
    document.set_font("Helvetica", size=9)
    document.add_page()
    y = 60
    for a, b in zip(left, right):
        document.set_xy(40, y)
        document.cell(250, 11, a)
        document.set_xy(320, y)
        document.cell(250, 11, b)
        y += 11
    y += 20
    for text in ("CONDENSED CONSOLIDATED STATEMENTS OF OPERATIONS", "(in millions)", "Three Months Ended September 30,"):
        document.set_xy(40, y)
        document.cell(530, 11, text, align="C")
        y += 11
    for label, a, b in [("", "2024", "2023"), ("Revenue", "1,234", "1,100"), ("Cost of revenue", "676", "627"),
                        ("Gross profit", "558", "473"), ("Net income", "205", "160")]:
        document.set_xy(40, y)
        document.cell(260, 11, label)
        document.set_xy(300, y)
        document.cell(90, 11, a, align="R")
        document.cell(90, 11, b, align="R")
        y += 11
    return bytes(document.output())


def test_two_columns_of_prose_read_column_by_column_and_the_table_across(tmp_path):
    (_page, lines), = pdf.page_lines(_two_columns())
    texts = [" ".join(text.split()) for _i, text in lines]
    assert texts[:5] == ["Revenue for the third quarter was $1,234 million,", "up 12% from $1,100 million a year ago. Gross",
                         "margin was 45.2% compared with 43.1% last year.", "Operating income rose to $310 million from",
                         "$250 million. Net income was $205 million."]
    assert texts[5] == "Cash at the end of the quarter was $820 million"
    assert "Revenue 1,234 1,100" in texts  # the statement's rows are not split at the prose's gutter
    records = facts(write(tmp_path, "two.pdf", _two_columns()))
    assert {(r["label"], r["period_end"], r["value"]) for r in records} == {
        ("Revenue", "2024-09-30", 1_234_000_000), ("Revenue", "2023-09-30", 1_100_000_000),
        ("Cost of revenue", "2024-09-30", 676_000_000), ("Cost of revenue", "2023-09-30", 627_000_000),
        ("Gross profit", "2024-09-30", 558_000_000), ("Gross profit", "2023-09-30", 473_000_000),
        ("Net income", "2024-09-30", 205_000_000), ("Net income", "2023-09-30", 160_000_000)}


# ---- bounds: a page read in a child process, in time and memory ------------------------------------

def test_a_page_that_never_finishes_is_stopped_and_refused(monkeypatch):
    import time

    monkeypatch.setattr(pdf, "PAGE_SECONDS", 0.5)
    monkeypatch.setattr(pdf, "_layout", lambda lines: time.sleep(30) or [])  # the child inherits the stall
    started = time.monotonic()
    with pytest.raises(pdf.PdfError, match=r"page 1 took over 0.5 s to read \(damaged or hostile\?\)"):
        pdf.bounded_page_lines(_statement_pdf())
    assert time.monotonic() - started < 10  # stopped, not waited for


def test_a_page_that_would_take_all_memory_is_refused(monkeypatch):
    def hungry(lines):
        raise MemoryError

    monkeypatch.setattr(pdf, "_layout", hungry)
    with pytest.raises(pdf.PdfError, match="reading needs over 2,048 MB of memory"):
        pdf.bounded_page_lines(_statement_pdf())


def test_a_reader_that_dies_mid_file_is_one_clear_refusal(monkeypatch, tmp_path):
    import os

    monkeypatch.setattr(pdf, "_layout", lambda lines: os._exit(9))
    path = write(tmp_path, "dies.pdf", _statement_pdf())
    result = runner.invoke(app, ["facts", str(path), "--format", "json"])
    assert result.exit_code == 3
    assert one_line(result) == f"fusion: {path}: this is a PDF the reader stopped on at page 1 (damaged or hostile?)"


def test_the_bounded_reader_gives_what_the_reader_gives():
    data = _statement_pdf()
    assert pdf.bounded_page_lines(data) == pdf.page_lines(data)


def test_no_process_left_to_fork_reads_in_this_process(monkeypatch):
    import os

    data = _statement_pdf()
    want = pdf.page_lines(data)

    def no_fork():
        raise OSError(12, "Cannot allocate memory")

    monkeypatch.setattr(os, "fork", no_fork)
    assert pdf.bounded_page_lines(data) == want
