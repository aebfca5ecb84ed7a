"""Development corpus in ../shared (real releases, not in this repo): recall floors, no wrong numbers, concepts.

Matching follows ../shared/tools/score-extraction: a truth fact is found when an extracted fact has its
period end and length and its label (letters and digits, case folded) or its concept, and its value as
printed or times the document's scale. A wrong number is an extracted fact on a missed truth fact's line
and period whose value is no truth value of that line.
"""
import functools
import json
import re

import pytest
from conftest import SHARED

from fusion_cli.export import number
from fusion_cli.extract import extract_path

CORPUS, TRUTH = SHARED / "corpus", SHARED / "corpus-truth"
pytestmark = pytest.mark.skipif(not TRUTH.is_dir(), reason="../shared/corpus-truth is not beside the checkout")
SCALE = {"units": 1, "thousands": 1_000, "millions": 1_000_000, "billions": 1_000_000_000}
# Floors at what the extractor reaches today; they only ratchet up. The first batch's truth (brbr, ebay, etsy,
# figs, krt, wayfair, yeti) keeps footnote markers in labels ('Transition costs(2)'), which fusion strips.
FLOORS = {
    "brbr": 0.97, "caterpillar": 1.0, "cathay": 1.0, "ct-reit": 0.94, "ebay": 0.97, "etsy": 0.97, "figs": 0.92,
    "first-quantum": 0.98, "kemira": 0.98, "krt": 0.95, "microsoft": 0.98, "oracle": 1.0, "peapack": 0.99, "strt": 1.0,
    "ufg": 1.0, "ulta": 0.85, "wayfair": 0.93, "yeti": 0.87,
}


def _key(label):
    return re.sub(r"[^0-9a-z]+", "", re.sub(r"<[^>]+>", " ", label or "").replace("%", " pct ").lower())


def _same(value, truth, scale):
    if truth == 0:
        return abs(value) <= 0.5
    tol = 0.006 if abs(truth) < 100 else 0.5
    return abs(value - truth) <= tol or abs(value - truth * scale) <= tol * scale


@functools.cache
def score(stem):
    """(found, total, wrong, concepts right, concepts total) for one document."""
    truth = json.loads(next(TRUTH.glob(f"{stem}-*.json")).read_text())
    facts = extract_path(CORPUS / truth["doc"]).facts
    by_label, by_concept = {}, {}
    for f in facts:
        by_label.setdefault((_key(f.label), f.period_end, f.period_months), []).append(f)
        if f.concept:
            by_concept.setdefault((f.concept, f.period_end, f.period_months), []).append(f)
    truth_values = {}
    for t in truth["facts"]:
        truth_values.setdefault((_key(t["label"]), t["period_end"], t["period_months"]), []).append(t)
    found = wrong = right = concepts = 0
    for t in truth["facts"]:
        scale = SCALE[t.get("scale", truth["scale"])]
        key = (_key(t["label"]), t["period_end"], t["period_months"])
        candidates = by_label.get(key, []) if key[0] else [
            f for f in facts if f.statement == t["statement"] and (f.period_end, f.period_months) == key[1:]]
        hits = [f for f in candidates if _same(float(number(f.value)), t["value"], scale)]
        if not hits and t.get("concept") not in (None, "other"):
            hits = [f for f in by_concept.get((t["concept"], *key[1:]), []) if _same(float(number(f.value)), t["value"], scale)]
        if hits:
            found += 1
            if t.get("concept") not in (None, "other"):
                concepts += 1
                right += any(f.concept == t["concept"] for f in hits)
        elif key[0]:
            wrong += any(not any(_same(float(number(f.value)), o["value"], SCALE[o.get("scale", truth["scale"])])
                                 for o in truth_values[key]) for f in candidates)
    return found, len(truth["facts"]), wrong, right, concepts


@pytest.mark.parametrize("stem", sorted(FLOORS))
def test_corpus_document(stem):
    found, total, wrong, _right, _concepts = score(stem)
    assert wrong == 0
    assert found / total >= FLOORS[stem], f"{stem}: {found}/{total}"


def test_corpus_as_a_whole():
    scores = [score(stem) for stem in FLOORS]
    found, total = sum(s[0] for s in scores), sum(s[1] for s in scores)
    right, concepts = sum(s[3] for s in scores), sum(s[4] for s in scores)
    assert found / total >= 0.97 and right / concepts >= 0.98, (found / total, right / concepts)


@pytest.mark.skipif(not (SHARED / "corpus").is_dir(), reason="../shared/corpus is not beside the repository")
def test_default_stderr_is_one_line_a_file_plus_the_findings_that_change_meaning():
    from typer.testing import CliRunner

    from fusion_cli.cli import app

    releases = sorted(str(p) for p in (SHARED / "corpus").iterdir() if p.suffix in (".md", ".txt", ".htm") and p.stem[0].islower())
    lines = CliRunner().invoke(app, ["analyze", *releases, "--format", "csv", "--no-pager"]).stderr.splitlines()
    per_file = [line for line in lines if ": check: " in line]
    assert len(per_file) == len(releases)  # one line a file, with its checks, facts and hidden warnings
    others = [line for line in lines if ": check: " not in line]
    assert all(": warning: " in line for line in others) and len(others) <= 3 * len(releases)
