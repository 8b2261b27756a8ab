"""Throughput and memory of the offline engine (backend ``rules``) on one core.

Runs the engine over the seed articles repeated to N articles, each copy varied slightly (a numbered
sentence appended and a figure changed) so that no cache or memo can answer for it, and prints
articles/second plus peak traced memory and RSS after 100 and after 500 articles: memory must stay flat
(no per-article state kept). Exit 1 when the throughput target is missed.

``--compare-ref REF`` also runs the benchmark with the code of a git ref (checked out with ``git worktree`` into a
temporary folder, imported through PYTHONPATH) on the same articles, and prints its lines beside this tree's with
the ratio of the two CPU-time rates.

    python benchmarks/bench_rules.py [--articles 500] [--target 50] [--compare-ref 44a725f]
"""

from __future__ import annotations

import argparse
import gc
import os
import re
import resource
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

from _ref import ROOT, checkout

from summarizer.articles import load_articles, make_article
from summarizer.backends.rules import extract_article

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def variants(n: int) -> list:
    """``n`` distinct articles built from the seeds."""
    seeds, _ = load_articles([SEEDS])
    out = []
    for i in range(n):
        base = seeds[i % len(seeds)]
        text = base.text.replace("two", f"{2 + i % 7}", 1) + f"\nOfficials said patrol {i} returned safely on Monday.\n"
        out.append(make_article(text, f"bench-{i}.txt", {"published": base.meta.published}))
    return out


def rss_mb() -> float:
    """Peak resident set size of this process, in MB (Linux reports KB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _run_tree(label: str, code: Path, args: argparse.Namespace) -> float | None:
    """The benchmark in a child process importing the package from ``code``: its lines, labelled, and its rate."""
    env = dict(os.environ)
    env["PYTHONPATH"] = str(code) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    command = [sys.executable, str(Path(__file__).resolve()), "--articles", str(args.articles), "--target", "0"]
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    for line in (done.stdout + done.stderr).splitlines():
        print(f"[{label}] {line}", flush=True)
    rate = re.search(r"\(([\d.]+) articles/s on one core", done.stdout)
    return float(rate.group(1)) if rate else None


def compare(args: argparse.Namespace) -> int:
    """This tree and ``args.compare_ref`` side by side (the seeds of this tree for both: the same articles)."""
    with checkout(args.compare_ref, "bench-rules-") as old:
        mine = _run_tree("this tree", ROOT, args)
        theirs = _run_tree(args.compare_ref, old, args)
    if mine is None or theirs is None:
        print("a run failed: no comparison")
        return 1
    print(f"this tree {mine:.1f} articles/s, {args.compare_ref} {theirs:.1f} articles/s: x{mine / theirs:.2f}")
    return 0 if mine >= args.target else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--target", type=float, default=50.0, help="minimum articles/second")
    parser.add_argument("--compare-ref", help="git ref whose code to measure too (e.g. 44a725f, main)")
    args = parser.parse_args(argv)
    if args.compare_ref:
        return compare(args)
    articles = variants(max(args.articles, 100))
    extract_article(articles[0])  # warm-up: compiles the regexes and loads the gazetteer once

    # pass 1, speed: wall clock and CPU time of this process (CPU time is what one core gives when the
    # machine is shared)
    items = 0
    wall, cpu = time.perf_counter(), time.process_time()
    for article in articles:
        extraction = extract_article(article)
        items += len(extraction.operations) + len(extraction.casualties) + len(extraction.claims)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    rate = len(articles) / cpu
    print(f"articles: {len(articles)}  items: {items}  wall: {wall:.2f}s ({len(articles) / wall:.1f}/s)  "
          f"cpu: {cpu:.2f}s ({rate:.1f} articles/s on one core; target {args.target:g})")

    # pass 2, memory: traced peak and process RSS after 100 articles and after all of them
    gc.collect()
    tracemalloc.start()
    checkpoints: dict[int, tuple[float, float]] = {}
    for n, article in enumerate(articles, start=1):
        extract_article(article)
        if n in (100, len(articles)):
            checkpoints[n] = (tracemalloc.get_traced_memory()[1] / 1e6, rss_mb())
    tracemalloc.stop()
    for n, (traced, rss) in checkpoints.items():
        print(f"after {n:>4} articles: tracemalloc peak {traced:6.2f} MB   peak RSS {rss:6.1f} MB")
    first, last = checkpoints[100], checkpoints[len(articles)]
    growth = f"tracemalloc peak {last[0] - first[0]:+.2f} MB, RSS {last[1] - first[1]:+.1f} MB"
    print(f"growth 100 -> {len(articles)}: {growth}")
    return 0 if rate >= args.target else 1


if __name__ == "__main__":
    sys.exit(main())
