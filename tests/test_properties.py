"""Property-based tests: statements with known numbers survive every layout; no input makes the parser raise."""
from decimal import Decimal

import layouts
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fusion_cli.analysis import analyze_extractions
from fusion_cli.check import audit
from fusion_cli.extract import extract
from fusion_cli.read import ReadError, parse_bytes

AMOUNTS = st.one_of(st.integers(-999_999_999, 999_999_999), st.integers(-999, 999), st.just(0))
CELL = st.one_of(AMOUNTS, AMOUNTS, AMOUNTS, AMOUNTS, st.none())


def _rows(labels):
    row = st.lists(CELL, min_size=4, max_size=4).filter(lambda values: any(v is not None for v in values))
    return st.lists(st.sampled_from(labels), min_size=1, max_size=12, unique=True).flatmap(
        lambda chosen: st.tuples(*[st.tuples(st.just(label), row) for label in chosen]).map(list))


EPS = st.lists(st.decimals(min_value=-20, max_value=20, places=2, allow_nan=False, allow_infinity=False), min_size=4, max_size=4)


@st.composite
def statements(draw):
    scale = draw(st.sampled_from(["units", "thousands", "millions"]))
    kind = draw(st.sampled_from(["quarter", "annual", "balance"]))
    year = draw(st.integers(1995, 2030))
    if kind == "balance":
        return layouts.balance(draw(st.sampled_from([3, 6, 9])), year, draw(_rows(layouts.BALANCE_LABELS)), scale)
    if kind == "annual":
        return layouts.annual(year, draw(st.integers(2, 3)), draw(_rows(layouts.INCOME_LABELS)), scale)
    eps = draw(st.none() | EPS)
    return layouts.income(draw(st.sampled_from([3, 6, 9, 12])), year, draw(st.booleans()), draw(_rows(layouts.INCOME_LABELS)), scale, eps)


def _read_back(statement, layout):
    text = layouts.render(statement, layout)
    extraction = extract(parse_bytes("release.htm" if layout == "html" else "release.txt", text.encode()))
    return {(f.label, f.period_end, f.period_months): f.value for f in extraction.facts}, extraction


@pytest.mark.parametrize("layout", layouts.LAYOUTS + layouts.FAMILIES)
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(statement=statements())
def test_every_number_returns_with_its_label_and_period(layout, statement):
    found, extraction = _read_back(statement, layout)
    expected = layouts.expected(statement)
    warnings = " ".join(f.message for f in extraction.findings if f.severity == "warning")
    assert {k: v for k, v in found.items() if expected.get(k) != v} == {}, "a number returned wrong or invented"
    full = {label for label, values in statement.rows if None not in values}
    for (label, end, months), _value in expected.items():
        if (label, end, months) not in found:  # only a row that cannot be placed for certain, and it is reported
            assert label not in full and f"row '{label}'" in warnings, (label, end, months, warnings)
    assert all(f.company == statement.company for f in extraction.facts)


def test_a_known_statement_in_every_layout():
    rows = [("Revenue", [1200, 1000, 3600, 3000]), ("Cost of revenue", [-700, None, 2100, 0]), ("Net income", [200, 150, 600, 500])]
    statement = layouts.income(9, 2024, True, rows, "thousands", [Decimal("0.12"), Decimal("-0.05"), Decimal("0.30"), Decimal("0.20")])
    for layout in layouts.LAYOUTS:
        found, _ = _read_back(statement, layout)
        assert found[("Revenue", "2024-09-30", 9)] == 3_600_000
        assert found[("Cost of revenue", "2024-09-30", 3)] == -700_000
        assert ("Cost of revenue", "2023-09-30", 3) not in found
        assert found[("Cost of revenue", "2023-09-30", 9)] == 0
        assert found[("Net income per share - diluted", "2023-09-30", 3)] == Decimal("-0.05")
        assert len(found) == 15, layout


def _survives(data: bytes) -> None:
    """Read, extract, audit and analyze: a ReadError is the only failure allowed."""
    try:
        doc = parse_bytes("fuzz.txt", data)
    except ReadError:
        return
    extraction = extract(doc)
    audit(extraction)
    analyze_extractions([extraction])


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=2000))
def test_arbitrary_bytes_never_raise(data):
    _survives(data)


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=2000))
def test_arbitrary_text_never_raises(text):
    _survives(text.encode("utf-8", "surrogatepass"))


FRAGMENTS = ["\n", "\n", "\t", "\t", " | ", "|", "  ", "$", "(", ")", "%", "1,234", "(5,678)", "0.12", "—", "-", "2024", "2023",
             "March 31,", "December 31, 2023", "Three Months Ended", "Nine Months Ended", "Year Ended", "Q1 2024", "fiscal",
             "Revenue", "Net income", "Net loss", "Total assets", "EBITDA", "Adjusted EBITDA", "Depreciation and amortization",
             "Interest expense", "Total", "(in thousands)", "(in millions, except per share data)", "<table>", "<tr>", "<td>",
             "</td>", "<td colspan=\"3\">", "<br>", "&#160;", "</table>", "<TABLE>", "<S>", "<C>", "<PAGE>", "- -----",
             "<DOCUMENT>", "<TYPE>EX-99.1", "Condensed Consolidated Statements of Operations", "Balance Sheets",
             "Reconciliation of Net Loss to EBITDA", "revenue increased 12% to $1.2 million compared to the prior year.",
             "Acme Corp.", "1e400", "9" * 30, "\u2212", "\u00a0", "\uff11", "n/m", "**", "(1)", "Change", "% Change"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=300))
def test_release_like_noise_never_raises(parts):
    _survives(" ".join(parts).encode())
