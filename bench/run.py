"""Speed and scale of fusion, each figure beside a baseline measured in the same run.

    python bench/run.py            # the full run (about 5 minutes on 2 cores)
    python bench/run.py --quick    # every figure on less work, under two minutes

Figures (medians over repeated runs):
  1. start-up: `fusion facts` / `fusion analyze` on one release vs `python -c pass`, vs importing
     typer and rich (and pandas), the floor of a CLI built on them; and what analyze costs beside facts on the
     same real releases (CPU time), and how its memory grows as releases are added;
  2. extraction throughput per layout on ~20 KB releases: releases/s and MB/s, in one process; and on the
     real releases of ../shared (seeds and corpus) when they are beside the repository;
  3. scaling: extraction time from 5 KB to 10 MB, the fitted exponent, and peak RSS on the largest;
  4. batch: `fusion facts DIR --jobs N` over the corpus for N = 1 and 2: files/s and peak RSS;
  5. peer: `pandas.read_html` on the HTML releases (tables found, numbers recovered) vs fusion;
  6. PDF: pages/s reading the releases of ../shared/corpus-pdf (pypdfium2 characters laid out), the whole
     extraction, a cold `fusion facts` on the longest, and pdfplumber's word extraction on the same pages.
The corpus is generated (bench/corpus.py) from a fixed seed, so every run measures the same work.
Prints a table and writes bench/results.json.
"""
from __future__ import annotations

import argparse
import io
import json
import math
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench"), str(ROOT / "tests")]

import corpus  # noqa: E402
import layouts  # noqa: E402

PYTHON = sys.executable
FUSION = [PYTHON, "-m", "fusion_cli"]
RELEASE = ROOT / "samples" / "fusion-q1-2011.txt"
SHARED = ROOT.parent / "shared"


# Commands run as users run them: with the bytecode cache written and used (some shells turn it off).
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def wall(command: list[str], runs: int) -> float:
    """Median wall time of a command, in seconds (output discarded), after one warm-up run."""
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, env=ENV)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, env=ENV)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


_MEASURE = ("import resource, subprocess, sys, time; t = time.perf_counter(); "
            "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL); "
            "r = resource.getrusage(resource.RUSAGE_CHILDREN); "
            "print(time.perf_counter() - t, r.ru_maxrss, r.ru_utime + r.ru_stime)")


def peak_rss(command: list[str]) -> tuple[float, float]:
    """Wall time and peak resident memory (MB, the largest of the command's processes) of one run."""
    wall_time, rss, _cpu = measure(command)
    return wall_time, rss


def measure(command: list[str]) -> tuple[float, float, float]:
    """Wall time, peak resident memory (MB, the largest of its processes) and CPU seconds (all of its
    processes) of one run of a command."""
    out = subprocess.run([PYTHON, "-c", _MEASURE, *command], capture_output=True, text=True, check=True, env=ENV).stdout.split()
    return float(out[0]), int(out[1]) / 1024, float(out[2])


def startup(runs: int) -> dict:
    python = wall([PYTHON, "-c", "pass"], runs)
    floor = wall([PYTHON, "-c", "import typer, rich"], runs)
    floor_pd = wall([PYTHON, "-c", "import typer, rich, pandas"], runs)
    facts = wall([*FUSION, "facts", str(RELEASE), "--format", "json"], runs)
    analyze = wall([*FUSION, "analyze", str(RELEASE), "--format", "csv", "-q"], runs)
    return {"python -c pass": python, "import typer, rich": floor, "import typer, rich, pandas": floor_pd,
            "fusion facts": facts, "fusion analyze": analyze,
            "facts / typer+rich": facts / floor, "analyze / typer+rich+pandas": analyze / floor_pd,
            "facts / python": facts / python}


def throughput(count: int, rng: random.Random) -> dict:
    from fusion_cli.extract import extract
    from fusion_cli.read import parse_bytes

    out = {}
    for layout in layouts.LAYOUTS:
        docs = [corpus.release(rng, layout, 20_000)[0].encode() for _ in range(count)]
        name = "r.htm" if layout == "html" else "r.txt"
        extract(parse_bytes(name, docs[0]))  # warm the caches of compiled patterns
        start = time.perf_counter()
        facts = sum(len(extract(parse_bytes(name, d)).facts) for d in docs)
        elapsed = time.perf_counter() - start
        out[layout] = {"releases/s": count / elapsed, "MB/s": sum(map(len, docs)) / elapsed / 1e6,
                       "facts/s": facts / elapsed, "mean KB": sum(map(len, docs)) / count / 1e3,
                       "facts/KB": facts / sum(map(len, docs)) * 1e3}
    real = sorted(p for folder in ("seeds", "corpus") for p in (SHARED / folder).glob("*")
                  if p.suffix in (".txt", ".md") and p.name != "SOURCES.md")
    if real:  # the real releases beside the repository, at their own sizes
        docs = [p.read_bytes() for p in real]
        rounds = max(2, count // len(docs))
        for p, d in zip(real, docs):  # warm the caches, as the generated layouts do
            extract(parse_bytes(p.name, d))
        start = time.perf_counter()
        facts = sum(len(extract(parse_bytes(p.name, d)).facts) for _ in range(rounds) for p, d in zip(real, docs))
        elapsed = time.perf_counter() - start
        size = sum(map(len, docs)) * rounds
        out["real releases"] = {"releases/s": len(docs) * rounds / elapsed, "MB/s": size / elapsed / 1e6,
                                "facts/s": facts / elapsed, "mean KB": size / len(docs) / rounds / 1e3,
                                "facts/KB": facts / size * 1e3, "releases/s at 20 KB": size / elapsed / 20_000}
    return out


def cost(rounds: int, rng: random.Random) -> dict:
    """What `analyze` costs beside `facts` on the same real releases (CPU time in this process: reading and extracting
    for facts; reading, extracting, series, bridges, checks and points for analyze), and how its memory grows as
    releases are added (traced peak for 5 and 40 generated releases of different companies)."""
    import tracemalloc

    from fusion_cli.extract import extract
    from fusion_cli.pipeline import run
    from fusion_cli.read import parse_bytes

    real = sorted(p for folder in ("seeds", "corpus") for p in (SHARED / folder).glob("*")
                  if p.suffix in (".txt", ".md", ".htm") and p.stem[0].islower())
    docs = [(p.name, p.read_bytes()) for p in real] or [(f"r{i}.txt", corpus.release(rng, "tab", 20_000)[0].encode())
                                                        for i in range(10)]
    run([extract(parse_bytes(n, d)) for n, d in docs])  # warm the caches

    def cpu(job) -> float:
        times = []
        for _ in range(rounds):
            start = time.process_time()
            job()
            times.append(time.process_time() - start)
        return statistics.median(times)

    facts = cpu(lambda: [extract(parse_bytes(n, d)) for n, d in docs])
    analyze = cpu(lambda: run([extract(parse_bytes(n, d), keep_tables=False) for n, d in docs]))
    generated = [corpus.release(rng, "tab", 20_000)[0].replace("Acme", f"Firm{i:03d}").encode() for i in range(40)]

    def peak(count: int) -> float:
        tracemalloc.start()
        run([extract(parse_bytes(f"r{i}.txt", d), keep_tables=False) for i, d in enumerate(generated[:count])])
        _size, top = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        return top / 1e6

    small, large = peak(5), peak(40)

    def cli_peak(count: int) -> float:  # `fusion analyze DIR --format csv`: from 20 inputs, one company at a time
        with tempfile.TemporaryDirectory() as folder:
            for i, d in enumerate(generated[:count] * (count // len(generated) + 1)):
                if i == count:
                    break
                Path(folder, f"r{i:03d}.txt").write_bytes(d.replace(b"Firm", b"Co%03d" % i))
            return peak_rss([*FUSION, "analyze", folder, "--format", "csv", "-q", "-o", str(Path(folder, "out.csv"))])[1]

    few, many = cli_peak(20), cli_peak(80)
    folders = [str(SHARED / f) for f in ("seeds", "corpus") if (SHARED / f).is_dir()]
    if folders:  # the commands themselves, start-up included, on the same real releases
        cli_facts = statistics.median(measure([*FUSION, "facts", *folders, "--format", "csv", "-q"])[2] for _ in range(rounds))
        cli_analyze = statistics.median(measure([*FUSION, "analyze", *folders, "--format", "csv", "-q"])[2] for _ in range(rounds))
    else:
        cli_facts = cli_analyze = float("nan")
    return {"releases": len(docs), "facts CPU s": facts, "analyze CPU s": analyze, "analyze / facts": analyze / facts,
            "peak MB, 5 releases": small, "peak MB, 40 releases": large, "MB per release added": (large - small) / 35,
            "CLI peak RSS MB, 20 releases": few, "CLI peak RSS MB, 80 releases": many,
            "CLI MB per release added": (many - few) / 60,
            "CLI facts CPU s": cli_facts, "CLI analyze CPU s": cli_analyze, "CLI analyze / facts": cli_analyze / cli_facts}


def scaling(sizes: list[int], rng: random.Random, folder: Path) -> dict:
    from fusion_cli.extract import extract
    from fusion_cli.read import parse_bytes

    points = []
    for size in sizes:
        data = corpus.release(rng, "tab", size)[0].encode()
        runs = 5 if size <= 100_000 else 1
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            extract(parse_bytes("r.txt", data, len(data) + 1))
            times.append(time.perf_counter() - start)
        points.append((len(data), statistics.median(times)))
    xs, ys = [math.log(s) for s, _ in points], [math.log(t) for _, t in points]
    mx, my = statistics.mean(xs), statistics.mean(ys)
    exponent = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)
    largest = folder / "largest.txt"
    largest.write_bytes(corpus.release(rng, "tab", sizes[-1])[0].encode())
    elapsed, rss = peak_rss([*FUSION, "facts", str(largest), "--format", "json", "-q", "--max-size", "100",
                             "-o", str(folder / "largest.json")])
    floor_elapsed, floor_rss = peak_rss([PYTHON, "-c", "import typer, rich"])
    return {"points": [{"bytes": s, "seconds": t, "MB/s": s / t / 1e6} for s, t in points], "exponent": exponent,
            "largest MB": largest.stat().st_size / 1e6, "largest CLI seconds": elapsed, "largest peak RSS MB": rss,
            "import typer, rich peak RSS MB": floor_rss}


def _spin(n: int) -> int:
    total = 0
    for i in range(n):
        total += i * i % 7
    return total


def parallel_ceiling(n: int) -> float:
    """How much faster this machine runs two CPU-bound Python processes at once than one after the other."""
    import multiprocessing

    start = time.perf_counter()
    _spin(n)
    _spin(n)
    serial = time.perf_counter() - start
    start = time.perf_counter()
    with multiprocessing.get_context("fork").Pool(2) as pool:
        pool.map(_spin, [n, n])
    return serial / (time.perf_counter() - start)


def batch(count: int, folder: Path, runs: int) -> dict:
    """`fusion facts DIR --jobs N` for N = 1 and 2, run in turn `runs` times (the shared machine drifts):
    median times, the largest peak RSS, and the machine's own ceiling measured between them."""
    docs = folder / "batch"
    corpus.write_corpus(docs, count, 20_000, seed=3)
    size = sum(p.stat().st_size for p in docs.iterdir())
    times: dict[int, list[float]] = {1: [], 2: []}
    cpu: dict[int, list[float]] = {1: [], 2: []}
    peaks: dict[int, float] = {1: 0.0, 2: 0.0}
    ceilings = []
    for _ in range(runs):
        for jobs in (1, 2):
            elapsed, rss, seconds = measure([*FUSION, "facts", str(docs), "--format", "csv", "-q", "--jobs", str(jobs),
                                             "-o", str(folder / f"batch-{jobs}.csv")])
            times[jobs].append(elapsed)
            cpu[jobs].append(seconds)
            peaks[jobs] = max(peaks[jobs], rss)
        ceilings.append(parallel_ceiling(5_000_000 if count < 500 else 20_000_000))
    out = {"files": count, "MB": size / 1e6, "runs": runs}
    for jobs in (1, 2):
        elapsed = statistics.median(times[jobs])
        out[f"jobs {jobs}"] = {"seconds": elapsed, "files/s": count / elapsed, "peak RSS MB": peaks[jobs],
                               "CPU seconds": statistics.median(cpu[jobs])}
    out["speed-up"] = out["jobs 1"]["seconds"] / out["jobs 2"]["seconds"]
    # the work two processes do, over the work one does: 1.0 when nothing is spent on running in parallel
    out["CPU time, jobs 2 / jobs 1"] = out["jobs 2"]["CPU seconds"] / out["jobs 1"]["CPU seconds"]
    out["machine ceiling (two CPU-bound processes)"] = statistics.median(ceilings)
    out["same output"] = (folder / "batch-1.csv").read_bytes() == (folder / "batch-2.csv").read_bytes()
    return out


def peer(count: int, rng: random.Random) -> dict:
    """pandas.read_html against fusion on the same HTML releases: time, and numbers recovered."""
    from fusion_cli.extract import extract
    from fusion_cli.read import parse_bytes

    docs = [corpus.release(rng, "html", 20_000) for _ in range(count)]
    want = [{(key[1], key[2], key[3]): value for key, value in expected.items()} for _text, expected in docs]
    start = time.perf_counter()
    ours = [extract(parse_bytes("r.htm", text.encode())) for text, _ in docs]
    ours_time = time.perf_counter() - start
    ours_found = sum(sum(1 for f in ex.facts if w.get((f.label, f.period_end, f.period_months)) == f.value)
                     for ex, w in zip(ours, want))
    from fusion_cli.tables import find_tables

    start = time.perf_counter()
    for text, _ in docs:  # the same stage as read_html: the document's tables as rows of cells
        find_tables(parse_bytes("r.htm", text.encode()))
    tables_time = time.perf_counter() - start
    result = {"documents": count, "numbers": sum(map(len, want)),
              "fusion": {"seconds": ours_time, "releases/s": count / ours_time,
                         "recall (number with its label and period)": ours_found / sum(map(len, want))},
              "fusion tables only": {"seconds": tables_time, "releases/s": count / tables_time}}
    try:
        import pandas as pd

        pd.read_html(io.StringIO("<table><tr><td>1</td></tr></table>"))
    except ImportError as exc:
        result["pandas.read_html"] = f"skipped: {exc} (pip install -r bench/requirements.txt)"
        return result
    start = time.perf_counter()
    frames = [pd.read_html(io.StringIO(text)) for text, _ in docs]
    pd_time = time.perf_counter() - start
    result["pandas.read_html"] = {"seconds": pd_time, "releases/s": count / pd_time,
                                  "recall (number found in any cell, no label or period)": _cell_recall(frames, want)}
    result["fusion / pandas speed"] = pd_time / ours_time
    result["fusion tables / pandas speed"] = pd_time / tables_time
    try:
        from edgar.documents import parse_html
    except ImportError as exc:
        result["edgartools"] = f"skipped: {exc} (pip install -r bench/requirements.txt)"
        return result
    start = time.perf_counter()
    frames = [[table.to_dataframe() for table in parse_html(text).tables] for text, _ in docs]
    edgar_time = time.perf_counter() - start
    result["edgartools"] = {"seconds": edgar_time, "releases/s": count / edgar_time,
                            "recall (number found in any cell, no label or period)": _cell_recall(frames, want)}
    result["fusion tables / edgartools speed"] = edgar_time / tables_time
    return result


def _cell_recall(frames: list, want: list[dict]) -> float:
    """Share of the expected numbers found in some cell of a document's tables (cells carry no period)."""
    from fusion_cli.amounts import parse_amount

    found = 0
    for tables, expected in zip(frames, want):
        seen: set[Decimal] = set()
        for frame in tables:
            for value in frame.to_numpy().ravel():
                if isinstance(value, str):
                    amount = parse_amount(value.strip())
                    if amount is not None and amount.value is not None:
                        seen.add(amount.value)
                elif isinstance(value, (int, float)) and value == value:
                    seen.add(Decimal(str(value)))
        found += sum(1 for v in expected.values() if any(v / factor in seen for factor in (1, 1000, 1_000_000)))
    return found / sum(map(len, want))


def pdf_speed(runs: int) -> dict | str:
    """Pages per second on the real PDF releases beside the repository, one core."""
    folder = ROOT.parent / "shared" / "corpus-pdf"
    files = sorted(folder.glob("*.pdf"))
    if not files:
        return "../shared/corpus-pdf absent"
    from fusion_cli.extract import extract_path
    from fusion_cli.pdf import page_lines

    counts: dict[Path, int] = {}
    read_s, extract_s = 0.0, 0.0
    for f in files:
        data = f.read_bytes()
        counts[f] = len(page_lines(data))
        read_s += statistics.median(_timed(lambda data=data: page_lines(data)) for _ in range(runs))
        extract_s += statistics.median(_timed(lambda f=f: extract_path(f)) for _ in range(runs))
    pages = sum(counts.values())
    longest = max(files, key=counts.__getitem__)
    out: dict = {"files": len(files), "pages": pages, "read pages/s": pages / read_s, "extract pages/s": pages / extract_s,
                 "longest": longest.name, "longest pages": counts[longest],
                 "cold fusion facts on the longest s": wall([sys.executable, "-m", "fusion_cli", "facts", str(longest),
                                                             "--format", "csv", "-q"], max(1, runs))}
    out["15 pages s (extract)"] = 15 / out["extract pages/s"]
    try:
        import pdfplumber
    except ImportError:
        out["pdfplumber"] = "not installed"
        return out
    plumber_s = 0.0
    for f in files:
        def words(f: Path = f) -> None:
            with pdfplumber.open(f) as pdf:
                for page in pdf.pages:
                    page.extract_words()
        plumber_s += statistics.median(_timed(words) for _ in range(max(1, runs // 2)))
    out["pdfplumber words pages/s"] = pages / plumber_s
    return out


def _timed(work) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="every figure on less work (under two minutes)")
    parser.add_argument("--output", type=Path, default=ROOT / "bench" / "results.json")
    args = parser.parse_args()
    quick = args.quick
    rng = random.Random(7)
    results: dict = {"machine": {"python": platform.python_version(), "platform": platform.platform(),
                                 "cpus": os.cpu_count(), "processor": platform.processor() or platform.machine()},
                     "quick": quick, "date": time.strftime("%Y-%m-%d")}
    folder = Path(tempfile.mkdtemp(prefix="fusion-bench-"))
    try:
        steps = [("startup", lambda: startup(3 if quick else 11)),
                 ("throughput", lambda: throughput(10 if quick else 200, rng)),  # 1,000 releases in the full run
                 ("cost", lambda: cost(3 if quick else 7, rng)),
                 ("scaling", lambda: scaling([5_000, 50_000, 500_000] + ([2_000_000] if quick else [5_000_000, 10_000_000]), rng, folder)),
                 ("batch", lambda: batch(100 if quick else 1000, folder, 1 if quick else 3)),
                 ("peer", lambda: peer(10 if quick else 50, rng)),
                 ("pdf", lambda: pdf_speed(1 if quick else 5))]
        for name, step in steps:
            start = time.perf_counter()
            results[name] = step()
            print(f"{name}: done in {time.perf_counter() - start:.1f} s", file=sys.stderr, flush=True)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    report(results)
    args.output.write_text(json.dumps(results, indent=1) + "\n")
    print(f"\nwritten: {args.output}")
    return 0


def report(r: dict) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"fusion benchmark ({'quick' if r['quick'] else 'full'}; {r['machine']['cpus']} CPUs, Python {r['machine']['python']})")
    for name in ("figure", "value", "baseline", "ratio", "target"):
        table.add_column(name, justify="left" if name in ("figure", "target") else "right")
    s = r["startup"]
    table.add_row("start-up: fusion facts", f"{s['fusion facts']:.3f} s", f"{s['import typer, rich']:.3f} s (import typer, rich)",
                  f"{s['facts / typer+rich']:.2f}x", "<= 1.3x")
    table.add_row("start-up: fusion analyze", f"{s['fusion analyze']:.3f} s", f"{s['import typer, rich, pandas']:.3f} s (+ pandas)",
                  f"{s['analyze / typer+rich+pandas']:.2f}x", "<= 1.3x")
    table.add_row("start-up: python -c pass", f"{s['python -c pass']:.3f} s", "", "", "")
    c = r["cost"]
    table.add_row(f"analyze CPU on {c['releases']} real releases", f"{c['analyze CPU s']:.2f} s", f"{c['facts CPU s']:.2f} s (facts)",
                  f"{c['analyze / facts']:.2f}x", "<= 1.4x")
    table.add_row("analyze memory per release added (in-process run of all)", f"{c['MB per release added']:.2f} MB",
                  f"{c['peak MB, 5 releases']:.1f} MB at 5, {c['peak MB, 40 releases']:.1f} MB at 40", "", "")
    table.add_row("fusion analyze vs fusion facts, CPU on the same real releases", f"{c['CLI analyze CPU s']:.2f} s",
                  f"{c['CLI facts CPU s']:.2f} s", f"{c['CLI analyze / facts']:.2f}x", "<= 1.4x")
    table.add_row("fusion analyze DIR --format csv, peak RSS per release added", f"{c['CLI MB per release added']:.2f} MB",
                  f"{c['CLI peak RSS MB, 20 releases']:.0f} MB at 20, {c['CLI peak RSS MB, 80 releases']:.0f} MB at 80", "", "flat")
    for layout, t in r["throughput"].items():
        per_20k = t.get("releases/s at 20 KB", t["releases/s"])
        table.add_row(f"extraction, {layout} (~{t['mean KB']:.0f} KB, {t['facts/KB']:.0f} facts/KB)",
                      f"{t['releases/s']:.1f} releases/s", f"{t['MB/s']:.2f} MB/s", f"{per_20k / 400:.3f}x of target",
                      ">= 400/s" + (" (at 20 KB)" if "releases/s at 20 KB" in t else ""))
    sc = r["scaling"]
    for p in sc["points"]:
        table.add_row(f"scaling, {p['bytes'] / 1e3:,.0f} KB", f"{p['seconds']:.3f} s", f"{p['MB/s']:.2f} MB/s", "", "")
    table.add_row("scaling exponent", f"{sc['exponent']:.2f}", "1.00 (linear)", f"{sc['exponent']:.2f}", "<= 1.1")
    table.add_row(f"peak RSS, {sc['largest MB']:.1f} MB input", f"{sc['largest peak RSS MB']:.0f} MB",
                  f"{sc['import typer, rich peak RSS MB']:.0f} MB (import typer, rich)", "", "< 200 MB")
    b = r["batch"]
    for jobs in (1, 2):
        j = b[f"jobs {jobs}"]
        table.add_row(f"batch {b['files']} files, --jobs {jobs} (median of {b.get('runs', 1)})", f"{j['files/s']:.1f} files/s",
                      f"{j['seconds']:.1f} s, {j['CPU seconds']:.1f} CPU s", f"{j['peak RSS MB']:.0f} MB peak", "")
    ceiling = b["machine ceiling (two CPU-bound processes)"]
    table.add_row("batch speed-up, --jobs 2", f"{b['speed-up']:.2f}x", f"{ceiling:.2f}x (this machine, 2 spinning processes)",
                  f"{b['speed-up'] / ceiling:.2f} of ceiling", ">= 1.7x" + ("" if b["same output"] else " (OUTPUT DIFFERS)"))
    table.add_row("batch CPU time, --jobs 2 / --jobs 1", f"{b['CPU time, jobs 2 / jobs 1']:.2f}x", "1.00x (no cost of parallelism)", "", "")
    p = r["peer"]
    table.add_row("HTML: fusion", f"{p['fusion']['releases/s']:.1f} releases/s",
                  f"recall {p['fusion']['recall (number with its label and period)']:.3f}", "", "")
    pd = p["pandas.read_html"]
    if isinstance(pd, dict):
        table.add_row("HTML: fusion, tables only", f"{p['fusion tables only']['releases/s']:.1f} releases/s", "",
                      f"{p['fusion tables / pandas speed']:.2f}x pandas", ">= 1x")
        table.add_row("HTML: pandas.read_html", f"{pd['releases/s']:.1f} releases/s",
                      f"recall {pd['recall (number found in any cell, no label or period)']:.3f}",
                      f"fusion {p['fusion / pandas speed']:.2f}x its speed", ">= 1x, >= its recall")
    else:
        table.add_row("HTML: pandas.read_html", pd, "", "", "")
    ed = p.get("edgartools")
    if isinstance(ed, dict):
        table.add_row("HTML: edgartools parse_html", f"{ed['releases/s']:.1f} releases/s",
                      f"recall {ed['recall (number found in any cell, no label or period)']:.3f}",
                      f"fusion tables {p['fusion tables / edgartools speed']:.2f}x its speed", ">= 1x")
    elif ed:
        table.add_row("HTML: edgartools", ed, "", "", "")
    pdf = r.get("pdf")
    if isinstance(pdf, dict):
        table.add_row(f"PDF: reading pages ({pdf['files']} releases, {pdf['pages']} pages)", f"{pdf['read pages/s']:.1f} pages/s",
                      f"{pdf.get('pdfplumber words pages/s', 0):.1f} pages/s (pdfplumber words only)", "", "")
        table.add_row("PDF: whole extraction", f"{pdf['extract pages/s']:.1f} pages/s", f"{pdf['15 pages s (extract)']:.2f} s for 15 pages",
                      f"{pdf['extract pages/s'] / 10:.1f}x of target", ">= 10 pages/s")
        table.add_row(f"PDF: cold fusion facts, {pdf['longest']} ({pdf['longest pages']} pages)",
                      f"{pdf['cold fusion facts on the longest s']:.2f} s", "", "", "< 2 s")
    elif pdf:
        table.add_row("PDF", pdf, "", "", "")
    Console(width=150).print(table)


if __name__ == "__main__":
    sys.exit(main())
