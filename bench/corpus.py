"""The benchmark's own corpus: seeded releases of a given layout and size, with the numbers they hold."""
from __future__ import annotations

import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

import layouts  # noqa: E402

_METRICS = ["Revenue", "Gross profit", "Operating income", "Net income", "Adjusted EBITDA", "Free cash flow"]
_QUARTERS = ["first", "second", "third", "fourth"]


def sentence(rng: random.Random) -> str:
    """One sentence of release prose with figures in it."""
    metric, quarter = rng.choice(_METRICS), rng.choice(_QUARTERS)
    now, before = rng.uniform(1, 900), rng.uniform(1, 900)
    change = (now - before) / before * 100
    return rng.choice([
        f"{metric} for the {quarter} quarter was ${now:,.1f} million, {'an increase' if change >= 0 else 'a decrease'} of "
        f"{abs(change):.1f}% compared to ${before:,.1f} million in the prior year period.",
        f"The company ended the quarter with ${now:,.1f} million in cash and cash equivalents and no borrowings "
        f"under its ${before:,.0f} million revolving credit facility.",
        f"Management expects full-year {metric.lower()} in the range of ${before:,.0f} million to ${before + now:,.0f} million, "
        f"reflecting continued demand across its markets.",
        "The conference call will be webcast live on the investor relations section of the company's website and "
        "archived for ninety days.",
    ])


def statement(rng: random.Random, scale: str) -> layouts.Statement:
    """A full statement as releases print them: every line of an income statement or balance sheet."""

    def values(n: int) -> list[int | None]:
        return [rng.choice([0, None]) if rng.random() < 0.05 else rng.randint(-999_999, 9_999_999) for _ in range(n)]

    kind = rng.random()
    year = rng.randint(1995, 2030)
    if kind < 0.4:
        rows = [(label, values(4)) for label in layouts.INCOME_LABELS]
        return layouts.income(rng.choice([3, 6, 9]), year, True, rows, scale)
    if kind < 0.8:
        return layouts.balance(rng.choice([3, 6, 9]), year, [(label, values(2)) for label in layouts.BALANCE_LABELS], scale)
    return layouts.annual(year, 3, [(label, values(3)) for label in layouts.INCOME_LABELS], scale)


# Statements take a third of a release's bytes: the share their header and row lines take in the ten real
# releases of ../shared (seeds and corpus, 0.33), the rest being prose, bullet points and notes.
STATEMENT_SHARE = 1 / 3


def release(rng: random.Random, layout: str, size: int) -> tuple[str, dict]:
    """A release of about `size` characters, statements and prose in the share real releases have; also what it holds."""
    statements: list[layouts.Statement] = []
    prose: list[str] = []
    expected: dict = {}
    length = statement_length = 0
    scale = rng.choice(["units", "thousands", "thousands", "millions"])  # one scale for the whole release
    while length < size:
        if not statements or (statement_length < size * STATEMENT_SHARE and rng.random() < 0.5):
            st = statement(rng, scale)
            statements.append(st)
            rendered = len(layouts.render(st, layout)) - 300
            length += rendered
            statement_length += rendered
            for key, value in layouts.expected(st).items():
                expected[(len(statements) - 1, *key)] = value
        else:
            paragraph = " ".join(sentence(rng) for _ in range(rng.randint(2, 5)))
            prose.append(paragraph)
            length += len(paragraph) + 2
    return layouts.document(statements, layout, prose), expected


def write_corpus(folder: Path, count: int, size: int, seed: int = 1) -> list[Path]:
    """`count` releases of about `size` characters in every layout in turn; returns their paths."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for k in range(count):
        layout = layouts.LAYOUTS[k % len(layouts.LAYOUTS)]
        text, _ = release(rng, layout, size)
        path = folder / f"release-{k:05d}.{'htm' if layout == 'html' else 'txt'}"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths
