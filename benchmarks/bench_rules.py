"""Throughput and memory of the offline engine (backend ``rules``) on one core.

Runs the engine over the seed articles repeated to N articles, each copy varied slightly (a numbered
sentence appended and a figure changed) so that no cache or memo can answer for it, and prints
articles/second plus peak traced memory and RSS after 100 and after 500 articles: memory must stay flat
(no per-article state kept). Exit 1 when the throughput target is missed.

    python benchmarks/bench_rules.py [--articles 500] [--target 50]
"""

from __future__ import annotations

import argparse
import gc
import resource
import sys
import time
import tracemalloc
from pathlib import Path

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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--target", type=float, default=50.0, help="minimum articles/second")
    args = parser.parse_args(argv)
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
