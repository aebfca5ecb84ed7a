"""The seed releases in samples/ (public filings) end to end."""
from decimal import Decimal as D

from conftest import ROOT, facts_by

from fusion_cli.extract import extract_path

SAMPLES = ROOT / "samples"


def test_q1_2011_statements_and_flattened_balance_sheet():
    result = extract_path(SAMPLES / "fusion-q1-2011.txt")
    facts = result.facts
    assert result.company == "Fusion Telecommunications International, Inc."
    assert len(facts) == 112
    assert facts_by(facts, "Revenues", "2011-03-31", 3) == [D(10204280)]
    assert facts_by(facts, "Promissory notes payable - non-related parties", "2011-03-31", 0) == [D(673372)]
    assert facts_by(facts, "Accumulated deficit", "2010-12-31", 0) == [D(-146219003) + D(1226584)]
    assert facts_by(facts, "TOTAL LIABILITIES AND STOCKHOLDERS' DEFICIT", "2011-03-31", 0) == [D(4427655)]
    assert [f.line for f in facts if f.label == "Capital in excess of par value"] == [92, 92]
    assert facts_by(facts, "Adjusted EBITDA", "2010-03-31", 3) == [D(-1192626)]
    assert {t.statement for t in result.tables} == {"income", "balance", "reconciliation"}


def test_q3_2009_pipe_tables():
    facts = extract_path(SAMPLES / "fusion-q3-2009.txt").facts
    assert len(facts) == 136  # 68 printed rows x 2 quarters, one fact per printed number
    assert facts_by(facts, "Long-term debt, current portion- related parties", "2008-12-31", 0) == [D(1012992)]
    assert facts_by(facts, "Other Taxes", "2009-09-30", 3) == [D(40321)]  # the reconciliation continues after a page break
    eps = [f for f in facts if f.concept == "eps_basic"]
    assert [(f.value, f.unit) for f in eps] == [(D("-0.03"), "USD/share"), (D("-0.07"), "USD/share")]


def test_certificate_is_not_a_release():
    result = extract_path(SAMPLES / "fusion-series-c-certificate.txt")
    assert result.facts == ()
    assert "no financial statements found" in result.findings[-1].message
