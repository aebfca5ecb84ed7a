"""Fuzz the whole pipeline (read, extract, check, analyze) for a given time.

    python bench/fuzz.py --minutes 10 [--seed 1] [--shared ../shared]

Three kinds of input, in turn:
  round-trip  a random statement rendered in a random layout (tab, pipe, fixed-width EDGAR, HTML) must
              come back with no number wrong or invented and every missing number reported;
  mutation    a release (generated, a test fixture, or a ../shared document) with random damage: bytes
              flipped, ranges cut or repeated, lines swapped, hostile fragments spliced in, re-encoded;
  noise       release-like fragments in random order.
Every input must be read or refused with a ReadError; any other exception, or a round-trip failure,
is a failure, saved under bench/crashes/ with its traceback. Prints inputs tried and failures.
"""
from __future__ import annotations

import argparse
import random
import sys
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

import layouts  # noqa: E402

from fusion_cli.analysis import analyze_extractions  # noqa: E402
from fusion_cli.check import audit  # noqa: E402
from fusion_cli.extract import extract  # noqa: E402
from fusion_cli.read import ReadError, parse_bytes  # noqa: E402

HOSTILE = ["\x00", "\r", "\r\n", "\t", "|", " | ", "$", "(", ")", "%", "\u2014", "\u2212", "\u2012", "\u00a0", "\u2009", "\uff11",
           "1e400", "9" * 40, "<table>", "</table>", "<tr>", "<td colspan=\"99999\">", "<td colspan=\"-3\">", "<br>", "&#160;",
           "&#x110000;", "<!--", "<![CDATA[", "<script>", "<DOCUMENT>", "<TYPE>EX-99.1", "<TABLE>", "<S>", "<C>", "<PAGE>",
           "- -----", "\x1b[31m", "[bold red]", "=HYPERLINK(\"x\")", "Three Months Ended", "December 31,", "2024", "Q4 2023",
           "(in thousands)", "Total", "Net loss", "EBITDA", "Adjusted EBITDA", "\n" * 50, " " * 500, "." * 300, "_" * 300,
           "revenue increased 12% to $1.2 million from $1.1 million in the prior year.", "\ufeff", "\ud800"]


def round_trip(rng: random.Random) -> tuple[bytes, str | None]:
    """Render a statement and read it back; the error text when a number is wrong, invented or silently lost."""
    st = layouts.random_statement(rng)
    layout = rng.choice(layouts.LAYOUTS)
    data = layouts.render(st, layout).encode()
    extraction = extract(parse_bytes("fuzz.htm" if layout == "html" else "fuzz.txt", data))
    found = {(f.label, f.period_end, f.period_months): f.value for f in extraction.facts}
    want = layouts.expected(st)
    wrong = {k: v for k, v in found.items() if want.get(k) != v}
    warnings = " ".join(f.message for f in extraction.findings if f.severity == "warning")
    silent = [k for k in want if k not in found and f"row '{k[0]}'" not in warnings]
    if wrong or silent:
        return data, f"{layout}: wrong or invented {sorted(wrong.items())[:5]}; lost without a warning {silent[:5]}"
    return data, None


def mutate(rng: random.Random, data: bytes) -> bytes:
    """One to eight random damages to a document."""
    out = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        op = rng.randrange(7)
        at = rng.randrange(len(out) + 1)
        if op == 0 and out:
            out[min(at, len(out) - 1)] = rng.randrange(256)
        elif op == 1:
            out[at:at] = rng.choice(HOSTILE).encode("utf-8", "surrogatepass")
        elif op == 2:
            out[at:at + rng.randint(1, 400)] = b""
        elif op == 3:
            piece = out[at:at + rng.randint(1, 400)]
            out[at:at] = piece * rng.randint(1, 5)
        elif op == 4:
            lines = bytes(out).split(b"\n")
            rng.shuffle(lines) if rng.random() < 0.1 else lines.insert(rng.randrange(len(lines) + 1), lines[rng.randrange(len(lines))])
            out = bytearray(b"\n".join(lines))
        elif op == 5:
            out = bytearray(bytes(out).decode("utf-8", "replace").encode(rng.choice(["utf-16", "cp1252", "latin-1"]), "replace"))
        else:
            out = out.replace(b"\n", rng.choice([b"\r\n", b"\r", b"\n\n", b"\t\n"]))
    return bytes(out)


def survives(data: bytes, name: str = "fuzz.txt") -> None:
    """Read, extract, audit and analyze; a ReadError is the only exception allowed."""
    try:
        doc = parse_bytes(name, data)
    except ReadError:
        return
    extraction = extract(doc)
    audit(extraction)
    analyze_extractions([extraction])


def seeds(shared: Path | None, rng: random.Random) -> list[bytes]:
    docs = [p.read_bytes() for p in sorted((ROOT / "tests" / "fixtures").iterdir())]
    docs += [p.read_bytes() for p in sorted((ROOT / "samples").glob("*.txt"))]
    if shared is not None:
        for folder in ("seeds", "corpus"):
            docs += [p.read_bytes() for p in sorted((shared / folder).glob("*")) if p.suffix in (".txt", ".md")]
    docs += [layouts.render(layouts.random_statement(rng), layout).encode() for layout in layouts.LAYOUTS for _ in range(4)]
    return docs


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    corpus = seeds(args.shared if args.shared.is_dir() else None, rng)
    crashes = ROOT / "bench" / "crashes"
    tried, failures, counts = 0, 0, {"round-trip": 0, "mutation": 0, "noise": 0}
    stop = time.monotonic() + args.minutes * 60
    while time.monotonic() < stop:
        kind = ("round-trip", "mutation", "mutation", "noise")[tried % 4]
        data, problem = b"", None
        try:
            if kind == "round-trip":
                data, problem = round_trip(rng)
            elif kind == "mutation":
                data = mutate(rng, rng.choice(corpus))
                survives(data, rng.choice(["fuzz.txt", "fuzz.htm"]))
            else:
                data = " ".join(rng.choice(HOSTILE) for _ in range(rng.randint(1, 300))).encode("utf-8", "surrogatepass")
                survives(data)
        except Exception:
            problem = traceback.format_exc()
        tried += 1
        counts[kind] += 1
        if problem:
            failures += 1
            crashes.mkdir(exist_ok=True)
            (crashes / f"{kind}-{args.seed}-{tried}.bin").write_bytes(data)
            (crashes / f"{kind}-{args.seed}-{tried}.txt").write_text(problem)
            print(f"failure {failures} ({kind}, input {tried}): {problem.strip().splitlines()[-1][:200]}", flush=True)
    detail = ", ".join(f"{k} {v:,}" for k, v in counts.items())
    print(f"{tried:,} inputs tried in {args.minutes:g} min ({detail}); {failures} failures"
          + (f", saved in {crashes}" if failures else ""))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
