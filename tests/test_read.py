import pytest

from fusion_cli.read import ReadError, clean_text_line, decode, parse_bytes, read_html


def test_decoding_cascade():
    assert decode("Revenues — 10".encode()) == "Revenues — 10"
    assert decode(b"\xef\xbb\xbfNet sales") == "Net sales"
    assert decode("Net sales \u2014 5".encode("cp1252")) == "Net sales \u2014 5"
    assert decode("Net sales".encode("utf-16")) == "Net sales"


def test_line_ends_and_numbers_kept():
    doc = parse_bytes("x.txt", b"a\r\nb\rc\nd")
    assert [line.number for line in doc.lines] == [1, 2, 3, 4]
    assert [line.text for line in doc.lines] == ["a", "b", "c", "d"]


@pytest.mark.parametrize("data, word", [(b"%PDF-1.7 ...", "damaged PDF"), (b"PK\x03\x04xx", "ZIP"), (b"\x89PNG\r\n", "PNG"),
                                        (b"", "empty"), (b"  \n\t\n", "white space"), (b"ab\x00cd", "NUL")])
def test_bad_inputs_are_named(data, word):
    with pytest.raises(ReadError, match=word):
        parse_bytes("x", data)


def test_inline_clean_up():
    line = clean_text_line("Promissory notes\t$ 673 <b>,</b> 372\t$ 683,870", 5)
    assert [c.text for c in line.cells] == ["Promissory notes", "$ 673,372", "$ 683,870"]
    assert clean_text_line("Subsidiaries  $\\hbox{Reconciliation of Net Loss}$ ", 1).text.endswith("Reconciliation of Net Loss")
    pipe = clean_text_line("| Long-term debt, current portion-<br>related parties | <u>\\$ (1,810,989)</u> | x |", 1)
    assert [c.text for c in pipe.cells] == ["Long-term debt, current portion- related parties", "$ (1,810,989)", "x"]
    assert clean_text_line("## Long-term liabilities: 428,361", 1).text == "Long-term liabilities: 428,361"
    assert clean_text_line("Revenues............  $ 12", 1).text.split() == ["Revenues", "$", "12"]
    assert clean_text_line("- ---------------", 1).text.strip(" -") == ""
    assert clean_text_line("<PAGE>   2", 1).text.strip() == ""


def test_html_cells_keep_column_spans_and_lines():
    lines = read_html('<p>Title</p>\n<table>\n<tr><td></td><td colspan="3">Three Months Ended<br>March 31,</td></tr>\n'
                      '<tr><td>Revenue</td><td>$</td><td>1,234</td><td>&#160;</td></tr>\n</table>')
    assert lines[-1].layout == "break" and lines[-1].cells == ()  # the table element ends here
    row = lines[-2]
    assert row.number == 4 and row.layout == "html"
    assert [(c.text, c.start, c.end) for c in row.cells] == [("Revenue", 0, 1), ("$", 1, 2), ("1,234", 2, 3), ("", 3, 4)]
    assert lines[1].cells[1].text == "Three Months Ended March 31," and lines[1].cells[1].end == 4


def test_edgar_submission_keeps_line_numbers(fixtures):
    data = (fixtures / "edgar-8k-ex99.txt").read_bytes()
    doc = parse_bytes("edgar-8k-ex99.txt", data)
    sales = next(line for line in doc.lines if line.text.startswith("Net sales"))
    assert data.decode().split("\n")[sales.number - 1].startswith("Net sales....")


def test_html_reader_skips_scripts_comments_and_declarations():
    page = ('<!DOCTYPE html>\n<html><head><title>x</title><style>td {color: red}</style></head><body>\n'
            '<script>var s = "<table><tr><td>9</td></tr></table>";</script>\n<!-- <p>hidden</p> -->\n'
            '<p>Revenue rose &amp; margins held</p>\n<table>\n<tr><td>a < b</td><TD COLSPAN = "2">1&#160;200</TD></tr>\n</table>')
    lines = read_html(page)
    assert [(line.number, line.text, line.layout) for line in lines] == [
        (5, "Revenue rose & margins held", "text"), (7, "a < b | 1 200", "html"), (8, "", "break")]
    assert [(c.start, c.end) for c in lines[1].cells] == [(0, 1), (1, 3)]


def test_lines_are_read_from_the_text_each_walk_and_never_held():
    doc = parse_bytes("x.txt", b"Revenue\t1,000\nNet income\t(50)\n")
    assert not isinstance(doc.lines, (list, tuple))  # a 10 MB release is held as its text only
    first, second = list(doc.lines), list(doc.lines)
    assert first == second and [line.text for line in first] == ["Revenue | 1,000", "Net income | (50)", ""]
