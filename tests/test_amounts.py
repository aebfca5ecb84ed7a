from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fusion_cli import amounts
from fusion_cli.amounts import detect_scale, is_year, parse_amount


@pytest.mark.parametrize("text, value, percent", [
    ("$ 10,204,280", Decimal("10204280"), False),
    ("(1,275,204)", Decimal("-1275204"), False),
    ("$ (0.01)", Decimal("-0.01"), False),
    ("($1,109,057)", Decimal("-1109057"), False),
    ("-", Decimal(0), False),
    ("—", Decimal(0), False),
    ("$ —", Decimal(0), False),
    ("15.6 %", Decimal("15.6"), True),
    ("(6.5)%", Decimal("-6.5"), True),
    ("(37", Decimal("-37"), False),          # closing parenthesis lost in conversion
    ("−45", Decimal("-45"), False),          # unicode minus
    ("1\u00a0234", Decimal("1234"), False),   # non-breaking space inside a number
    ("１２３", Decimal("123"), False),        # full-width digits
    (".15", Decimal("0.15"), False),
])
def test_parse_amount_values(text, value, percent):
    amount = parse_amount(text)
    assert amount is not None
    assert amount.value == value
    assert amount.percent is percent


@pytest.mark.parametrize("text", ["abc", "12,34", "1e400", "1" * 40, "", "$", "(", "2009-10"])
def test_parse_amount_rejects_non_numbers(text):
    assert parse_amount(text) is None


def test_placeholders_have_no_value():
    assert parse_amount("n/m").value is None
    assert parse_amount("NM").value is None


def test_per_share_decimals_are_kept():
    assert parse_amount("$ (0.07)").decimals == 2


def test_years():
    assert is_year("2011") and not is_year("2,011") and not is_year("1234")


def test_scale_notes():
    note = detect_scale("(in thousands, except per share data)")
    assert (note.scale, note.shares_scale) == ("thousands", "thousands")
    note = detect_scale("(In thousands, except share and per share data)")
    assert (note.scale, note.shares_scale) == ("thousands", "units")
    assert detect_scale("(Dollars in millions)").scale == "millions"
    assert detect_scale("revenues of $10.2 million for the quarter") is None


@given(st.integers(min_value=-10**12, max_value=10**12), st.booleans(), st.booleans())
def test_printed_amounts_round_trip(n, dollar, parens):
    text = f"{abs(n):,}"
    if n < 0:
        text = f"({text})" if parens else f"-{text}"
    if dollar:
        text = "$ " + text
    assert parse_amount(text).value == n


@given(st.text(max_size=60))
def test_parse_amount_never_raises(text):
    parse_amount(text)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="0123456789,.()$%- \tn/am*\u2014\u2212", max_size=14))
def test_fast_paths_read_what_the_full_reader_reads(text):
    assert parse_amount(text) == amounts._parse_amount(text)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="0123456789,.()$%- \tn/am*\u2014\u2212\u00a0", max_size=16))
def test_an_amount_reads_the_same_from_its_printed_text(text):
    # closed tables keep each amount's printed text and read it again when facts are made
    amount = parse_amount(text)
    if amount is not None:
        assert parse_amount(amount.text) == amount


def test_one_formatter_for_every_number_a_person_reads():
    from fusion_cli.display import figure, prose

    assert figure(Decimal("-1234.5"), "USD") == "(1,234.50)"
    assert figure(Decimal("-1234"), "USD") == "(1,234)"
    assert figure(Decimal("10200000"), "USD", Decimal(1_000_000)) == "10.2"
    assert figure(Decimal("10204312"), "USD", Decimal(1_000)) == "10,204"
    assert figure(Decimal("-1"), "USD", Decimal(1_000)) == "(0.001)"  # a rounding difference, never `(0)`
    assert figure(Decimal("6.42"), "%") == "6.4%" and figure(Decimal("-1.25"), "pp", signed=True) == "-1.2 pp"
    assert figure(Decimal("0.37"), "USD/share") == "0.37" and figure(Decimal("1500.0"), "shares") == "1,500"
    assert figure(Decimal("250"), "USD", signed=True) == "+250" and figure(None, "%", missing="n/m") == "n/m"
    assert prose(Decimal("13.84492684993644543030182190")) == "13.84" and prose(Decimal("-9127401")) == "-9,127,401"
    assert prose(Decimal("13600000.00")) == "13,600,000" and prose(Decimal("0.0412345")) == "0.0412"


def test_facts_check_and_grid_cells_format_alike():
    from fusion_cli.model import Fact
    from fusion_cli.render import format_value
    from fusion_cli.views import Formatter

    fact = Fact("r.txt", "Acme", "income", "t", "Net loss", "net_income", "2011-03-31", 3, "Q1 2011",
                Decimal("-1234.5"), "units", "(1,234.5)", 10)
    assert format_value(fact) == Formatter("units").value(Decimal("-1234.5"), "USD") == "(1,234.50)"
