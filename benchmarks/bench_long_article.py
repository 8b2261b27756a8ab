"""Time of the offline engine on one-line articles of 100k, 400k and 1,000,000 characters (linear time check).

The article is built here from short sentences with titles, initials, acronyms, quotes, figures and
attributions, repeated without a line break. Prints the seconds per size (CPU time of this process) and the
ratio to the smallest size per 100k characters: a linear engine keeps it near 1.

    python benchmarks/bench_long_article.py [--sizes 100000 400000 999000]
"""

from __future__ import annotations

import argparse
import sys
import time

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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 400_000, 999_000])
    args = parser.parse_args(argv)
    extract_article(make_article("Troops left. Two soldiers were killed.", "warm.txt", {}))  # load the gazetteer
    base = None
    for size in args.sizes:
        article = make_article(one_line(size), f"long-{size}.txt", {})
        started = time.process_time()
        extraction = extract_article(article)
        seconds = time.process_time() - started
        per_100k = seconds / (size / 100_000)
        base = base or per_100k
        print(
            f"{size:>9,} chars: {seconds:6.1f} s  ({len(extraction.casualties)} casualty items)  "
            f"{per_100k:5.2f} s per 100k chars, x{per_100k / base:.2f} the smallest size's rate"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
