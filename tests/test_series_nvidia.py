"""Five consecutive real releases of one company (../shared/series/nvidia, skipped without it), against the checks
worked out by hand in its expected.json: levels, YoY, QoQ, margins, restatements, the stock split, the outlook traps."""
import functools
import json
from decimal import Decimal as D

import pytest
from conftest import SHARED

from fusion_cli.analysis import analyze

SERIES = SHARED / "series" / "nvidia"
pytestmark = pytest.mark.skipif(not (SERIES / "expected.json").is_file(), reason="../shared/series is not beside the checkout")
SCALE = {"units": 1, "thousands": 1_000, "millions": 1_000_000, "billions": 1_000_000_000}
CONCEPTS = {"revenue": "revenue", "gross profit": "gross_profit", "operating income": "operating_income", "net income": "net_income",
            "diluted EPS": "eps_diluted", "net cash provided by operating activities": "operating_cash_flow",
            "non-GAAP operating income": "adjusted_operating_income", "non-GAAP net income": "adjusted_net_income",
            "gross margin": "gross_margin", "operating margin": "operating_margin", "net margin": "net_margin"}
STATEMENTS = ("income", "balance", "cashflow", "reconciliation")


@functools.lru_cache(maxsize=1)
def result():
    return analyze(sorted(SERIES.glob("*.html")))


def checks(kind):
    return [c for c in json.loads((SERIES / "expected.json").read_text()) if c["kind"] == kind]


def _levels(check):
    concept = CONCEPTS.get(check["what"])
    return {p.value for p in result().points if p.section in STATEMENTS and p.period_end == check["period_end"]
            and p.period_months == check["months"]
            and (p.concept == concept if concept else "free cash flow" in p.item.lower())}


@pytest.mark.parametrize("check", checks("level"), ids=lambda c: f"{c['what']} {c['period']}")
def test_levels(check):
    assert _levels(check) == {D(str(check["value"])) * SCALE[check.get("scale", "units")]}


@pytest.mark.parametrize("check", checks("yoy") + checks("qoq"), ids=lambda c: f"{c['kind']} {c['what']} {c['period']}")
def test_changes(check):
    found = [p.value for p in result().points if p.section == "change" and p.basis == check["kind"] and p.unit == "%"
             and p.period == check["period"] and p.concept == CONCEPTS[check["what"]]]
    assert found and all(abs(v - D(str(check["value"]))) <= D("0.011") for v in found), found


@pytest.mark.parametrize("check", checks("margin"), ids=lambda c: f"{c['what']} {c['period']}")
def test_margins(check):
    found = [p.value for p in result().points if p.section == "margin" and not p.basis and p.period == check["period"]
             and p.concept == CONCEPTS[check["what"]]]
    assert found == [D(str(check["value"]))]


def test_the_split_restates_per_share_values_and_changes_stay_on_one_basis():
    points = result().points
    eps = {(p.period, p.basis): p for p in points if p.section == "income" and p.concept == "eps_diluted"}
    assert eps[("Q1 2025", "restated")].value == D("0.60") and eps[("Q1 2025", "restated")].previous[0][0] == D("5.98")
    assert eps[("Q1 2024", "pre-split")].value == D("0.82")  # printed before the split, and marked so
    yoy = [p.value for p in points if p.section == "change" and p.concept == "eps_diluted" and p.period == "Q1 2025"
           and p.basis == "yoy" and p.unit == "%"]
    assert yoy == [D("629.27")]  # 5.98 against 0.82, as the release says (+629%), never 0.60 against 0.82
    restated = {(p.concept, p.period): (p.value, p.previous[0][0]) for p in points if p.basis == "restated" and p.previous}
    assert restated[("shares_diluted", "Q1 2025")] == (D(24_890_000_000), D(2_489_000_000))


def test_outlook_tables_make_no_periods():
    ends = {p.period_end for p in result().points if p.period_end}
    assert max(ends) == "2025-04-27"  # the last release's quarter; the outlooks' next quarters never appear
    assert not [p for p in result().points if p.period in ("Q2 2026", "Q3 2026")]


def test_a_renamed_line_is_not_reported_as_restated():
    # `Other, net` 75 became `Other income (expense), net` 75, and the old subtotal's wording the new line's
    assert not [p for p in result().points if p.basis == "restated" and p.concept == "other_income_total"]
    assert not [f for f in result().findings if "Other income (expense), net Q1 2025: restated" in f.message]


@pytest.mark.parametrize("check", checks("bridge"), ids=lambda c: f"{c['what']} {c['period']}")
def test_bridges_foot(check):
    want = D(str(check["value"])) * SCALE[check.get("scale", "millions")]
    bridge = [p for p in result().points if p.section == "bridge" and p.period == check["period"]]
    names = {p.item for p in bridge if p.basis == "subtotal" and p.value == want}
    assert names, check["what"]
    verdicts = {p.note for p in bridge if p.basis == "difference" and p.item in names}
    assert verdicts == {"ok"}, verdicts


RESTATED = {"diluted EPS": ("eps_diluted", 1), "basic EPS": ("eps_basic", 1), "non-GAAP diluted EPS": ("adjusted_eps", 1),
            "diluted weighted average shares (millions)": ("shares_diluted", 1_000_000),
            "basic weighted average shares (millions)": ("shares_basic", 1_000_000)}


@pytest.mark.parametrize("check", checks("restatement"), ids=lambda c: f"{c['what']} {c['period']}")
def test_restatements(check):
    points = [p for p in result().points if p.period == check["period"] and p.section in STATEMENTS]
    if check["what"] not in RESTATED:  # a reclassification: nothing may be paired with the old line as restated
        assert not [p for p in points if p.basis == "restated" and any(v == check["earlier_value"] * 1_000_000 for v, _s in p.previous)]
        return
    concept, scale = RESTATED[check["what"]]
    found = {(p.value, p.previous[0][0]) for p in points if p.concept == concept and p.basis == "restated" and p.previous}
    assert (D(str(check["value"])) * scale, D(str(check["earlier_value"])) * scale) in found, found
