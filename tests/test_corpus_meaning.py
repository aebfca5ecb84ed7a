"""Meaning on the development corpus in ../shared (skipped without it): currency, units, one value per line item."""
import functools
from collections import defaultdict
from decimal import Decimal as D

import pytest
from conftest import SHARED

from fusion_cli.analysis import analyze_extractions
from fusion_cli.check import audit
from fusion_cli.extract import extract_path

CORPUS = SHARED / "corpus"
pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not beside the checkout")
RELEASES = sorted(p for p in CORPUS.iterdir() if p.suffix in (".md", ".txt", ".htm") and p.stem[0].islower())


@functools.cache
def extraction(stem: str):
    return extract_path(next(p for p in RELEASES if p.stem == stem))


def test_canadian_and_euro_releases_are_in_their_currency():
    assert {f.unit for f in extraction("ct-reit-q4-2024").facts} >= {"CAD", "CAD/share"}
    assert "USD" not in {f.unit for f in extraction("ct-reit-q4-2024").facts}
    assert {f.unit for f in extraction("kemira-q4-2024").facts} >= {"EUR", "EUR/share"}
    assert "USD" not in {f.unit for f in extraction("kemira-q4-2024").facts}


@pytest.mark.parametrize("stem", [p.stem for p in RELEASES])
def test_no_counted_or_percent_row_is_money(stem):
    for f in extraction(stem).facts:
        label = f.label.lower()
        if any(word in label for word in ("headcount", "employees", "kwh", "number of stores")) or label.endswith((", %", "(%)")):
            assert f.unit[:3] not in ("USD", "CAD", "EUR"), (f.label, f.unit)


def test_production_in_tonnes_and_ounces_is_not_money():
    facts = extraction("first-quantum-q4-2024").facts
    mines = {(f.label, f.unit) for f in facts if f.line in range(200, 220)}
    assert ("Kansanshi", "tonnes") in mines and ("Kansanshi", "ounces") in mines


def test_reit_units_printed_in_full_are_not_scaled():
    basic = [f for f in extraction("ct-reit-q4-2024").facts if f.label == "Basic" and f.unit == "shares"]
    assert basic and basic[0].value == 236_296_807


def _level(points, concept, period):
    values = {p.value for p in points if p.concept == concept and p.period == period and p.section in ("income", "reconciliation")
              and not p.basis}
    assert len(values) == 1, (concept, period, values)
    return values.pop()


def test_ebay_net_income_is_the_statements_and_its_margin_like_with_like():
    result = analyze_extractions([extraction("ebay-q3-2025")])
    assert _level(result.points, "net_income", "Q3 2025") == D(632_000_000)
    assert _level(result.points, "income_continuing_ops", "Q3 2025") == D(597_000_000)
    margin = [p.value for p in result.points if p.concept == "net_margin" and p.period == "Q3 2025" and not p.basis]
    assert margin == [D("22.41")]  # 632 / 2,820, not 597 / 2,820


def test_etsy_adjusted_ebitda_is_the_reconciliations_and_the_summary_is_reported():
    result = analyze_extractions([extraction("etsy-q3-2025")])
    assert _level(result.points, "adjusted_ebitda", "Q3 2025") == D(171_928_000)
    twice = [c for c in audit(extraction("etsy-q3-2025")) if c.kind == "twice"]
    assert [(c.subject, c.found, c.expected) for c in twice] == [("Adjusted EBITDA", D(172_000_000), D(171_928_000))]
    assert "printed twice" in twice[0].note


def test_a_release_that_prints_two_versions_of_a_line_is_reported():
    twice = [c for c in audit(extraction("first-quantum-q4-2024")) if c.kind == "twice"]
    assert {(c.subject, c.period, c.status) for c in twice} == {("Adjusted earnings (loss)", "Q4 2024", "mismatch"),
                                                               ("Adjusted earnings (loss)", "Q4 2023", "mismatch")}
    assert {abs(c.found / c.expected) for c in twice} == {D(34) / D(31), D(419) / D(259)}


def test_no_concept_has_two_values_in_a_period_across_the_corpus():
    result = analyze_extractions([extraction(p.stem) for p in RELEASES])
    seen = defaultdict(set)
    for p in result.points:
        if p.section in ("income", "balance", "cashflow", "reconciliation") and p.concept and p.basis != "restated":
            seen[(p.company, p.section, p.concept, p.period, p.unit)].add(p.value)
    assert not {k: v for k, v in seen.items() if len(v) > 1}
