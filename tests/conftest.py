import pathlib

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
SHARED = ROOT.parent / "shared"


@pytest.fixture
def fixtures() -> pathlib.Path:
    return FIXTURES


def facts_by(facts, label, period_end, months=None):
    """Values of the facts with this label and period (months optional)."""
    return [f.value for f in facts if f.label == label and f.period_end == period_end
            and (months is None or f.period_months == months)]
