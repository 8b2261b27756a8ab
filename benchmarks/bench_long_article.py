"""Time of the offline engine on one-line articles of 100k, 400k and 1,000,000 characters (linear time check).

The article is built here from short sentences with titles, initials, acronyms, quotes, figures and
attributions, repeated without a line break. Prints the seconds per size (CPU time of this process) and the
ratio to the smallest size per 100k characters: a linear engine keeps it near 1.

``--compare-ref REF`` also runs the measurement with the code of a git ref (checked out with ``git worktree`` into a
temporary folder) and prints its lines beside this tree's; a tree that takes over ``--timeout`` seconds is stopped.

    python benchmarks/bench_long_article.py [--sizes 100000 400000 999000] [--compare-ref HEAD~1] [--timeout 900]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

from _ref import ROOT, checkout

from summarizer.articles import make_article
from summarizer.backends.rules import extract_article

PIECES = [
    "Gunmen killed two soldiers near the checkpoint on Monday, a police officer said.",
    "Maj. Gen. A. Karim told reporters the U.S.-backed unit arrested 5 suspects.",
    '"We saw smoke. Then we ran," a farmer said.',
    "Residents said three civilians were wounded in the shelling.",
]


def one_line(chars: int) -> str:
    out, size, i = [], 0, 0
    while size < chars:
        out.append(PIECES[i % len(PIECES)])
        size += len(out[-1]) + 1
        i += 1
    return " ".join(out)[:chars]


def measure(sizes: list[int]) -> None:
    extract_article(make_article("Troops left. Two soldiers were killed.", "warm.txt", {}))  # load the gazetteer
    base = None
    for size in sizes:
        article = make_article(one_line(size), f"long-{size}.txt", {})
        started = time.process_time()
        extraction = extract_article(article)
        seconds = time.process_time() - started
        per_100k = seconds / (size / 100_000)
        base = base or per_100k
        print(
            f"{size:>9,} chars: {seconds:6.1f} s  ({len(extraction.casualties)} casualty items)  "
            f"{per_100k:5.2f} s per 100k chars, x{per_100k / base:.2f} the smallest size's rate",
            flush=True,
        )


def _run_tree(label: str, code: Path, sizes: list[int], timeout: float) -> None:
    """The measurement in a child process importing the package from ``code``; its lines, labelled."""
    env = dict(os.environ)
    env["PYTHONPATH"] = str(code) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    command = [sys.executable, str(Path(__file__).resolve()), "--sizes", *map(str, sizes)]
    try:
        done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=timeout, check=True)
    except subprocess.TimeoutExpired as exc:
        out = exc.stdout.decode() if isinstance(exc.stdout, bytes) else exc.stdout or ""
        for line in out.splitlines():
            print(f"[{label}] {line}")
        print(f"[{label}] stopped after {timeout:g} s")
        return
    for line in done.stdout.splitlines():
        print(f"[{label}] {line}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 400_000, 999_000])
    parser.add_argument("--compare-ref", help="git ref whose code to measure too (e.g. HEAD~1, main)")
    parser.add_argument("--timeout", type=float, default=900.0, help="seconds before the ref's run is stopped")
    args = parser.parse_args(argv)
    if not args.compare_ref:
        measure(args.sizes)
        return 0
    with checkout(args.compare_ref, "bench-long-article-") as old:
        _run_tree("this tree", ROOT, args.sizes, args.timeout)
        _run_tree(args.compare_ref, old, args.sizes, args.timeout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
