"""Development corpus in ../shared (real releases, not in this repo): recall floors and no wrong numbers."""
import json
import re

import pytest

from conftest import SHARED
from fusion_cli.extract import extract_path
from fusion_cli.export import number

CORPUS, TRUTH = SHARED / "corpus", SHARED / "corpus-truth"
pytestmark = pytest.mark.skipif(not TRUTH.is_dir(), reason="../shared/corpus-truth is not beside the checkout")
SCALE = {"units": 1, "thousands": 1_000, "millions": 1_000_000}
# floors at what the extractor reaches today; they only ratchet up
FLOORS = {"brbr": 0.97, "ebay": 0.94, "etsy": 0.95, "figs": 0.82, "krt": 0.91, "strt": 0.36, "wayfair": 0.89, "yeti": 0.84}


def _key(label):
    return re.sub(r"[^0-9a-z]+", "", (label or "").lower())


@pytest.mark.parametrize("stem", sorted(FLOORS))
def test_corpus_recall(stem):
    truth_file = next(TRUTH.glob(f"{stem}-*.json"))
    truth = json.loads(truth_file.read_text())
    facts = extract_path(CORPUS / truth["doc"]).facts
    scale = SCALE[truth["scale"]]
    have = {}
    for f in facts:
        have.setdefault((_key(f.label), f.period_end, f.period_months), []).append(float(number(f.value)))
    found = 0
    for t in truth["facts"]:
        values = have.get((_key(t["label"]), t["period_end"], t["period_months"]), [])
        tol = 0.006 if abs(t["value"]) < 100 else 0.5
        found += any(abs(v - t["value"]) <= tol or abs(v - t["value"] * scale) <= tol * scale for v in values)
    assert found / len(truth["facts"]) >= FLOORS[stem]
