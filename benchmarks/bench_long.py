"""Long articles, throughput on several cores and memory of long runs, for the offline engine (``rules``).

Three measurements, each through the pipeline as ``summarizer extract`` runs it (engine, normalisation,
grounding, screening; no store unless said):

1. **Long one-line articles** of 100k, 400k and 1,000,000 characters (no newline), each run next to 20
   short articles with ``--workers 2``: the time the long one takes (or that it did not finish within
   ``--timeout``), and when the last short one completed (they must complete at once, not after the long
   one). Also the shared step's own cost on the long text (screening and grounding an empty extraction).
2. **Throughput** with ``--workers 1`` (the engine in the main process) and ``--workers 2`` on N articles
   built from the seeds (each varied so that no memo answers for it): articles/s and the speed-up.
3. **Peak memory** of runs of 1,000 and 5,000 articles, inputs generated as read, results written to a
   store and to /dev/null as ``extract`` does: peak RSS of the main process and of the largest worker.

Each run is a child process (killed with its workers at the timeout), so one measurement cannot disturb
the next. The machine's core count and load average are printed: on a shared machine, speed-ups are lower.

``--compare-ref REF`` measures the code of a git ref too (checked out with ``git worktree`` into a temporary
folder, imported by the same children) and prints its lines beside this tree's, labelled by the ref.

    python benchmarks/bench_long.py [--sizes 100000 400000 1000000] [--articles 1000] [--memory 1000 5000]
                                    [--timeout 120] [--skip long,throughput,memory] [--compare-ref HEAD~1]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

from _ref import checkout

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SHORT = "Gunmen killed {n} shepherds near the village of Qasra on Friday, police said."
# Sentences of a long one-line article: reporting of the kind the engine reads, varied by a number.
LONG_SENTENCES = (
    "Security forces raided a farm near the river village of Qasra {i} on Monday, killing two militants, police said.",
    "The provincial governor said {i} families had returned to their homes after the operation ended.",
    "A roadside bomb wounded three soldiers on the road to the market, according to a security source.",
    "Officials said patrol {i} returned safely before dawn and that the bridge would reopen on Friday.",
)


# --------------------------------------------------------------------------- inputs


def long_text(chars: int) -> str:
    """A one-line article of exactly ``chars`` characters."""
    parts: list[str] = []
    size = 0
    i = 0
    while size < chars:
        sentence = LONG_SENTENCES[i % len(LONG_SENTENCES)].format(i=i)
        parts.append(sentence)
        size += len(sentence) + 1
        i += 1
    return " ".join(parts)[:chars]


def seed_variants(n: int) -> Iterator:  # type: ignore[type-arg]
    """``n`` distinct articles built from the seeds, generated one at a time (never all in memory)."""
    from summarizer.articles import load_articles, make_article

    seeds, _ = load_articles([SEEDS])
    for i in range(n):
        base = seeds[i % len(seeds)]
        text = base.text.replace("two", f"{2 + i % 7}", 1) + f"\nOfficials said patrol {i} returned safely on Monday.\n"
        yield make_article(text, f"bench-{i}.txt", {"published": base.meta.published})


def peak_rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # Linux reports KB


# --------------------------------------------------------------------------- child modes (one run each)


def child_long(chars: int, shorts: int, workers: int) -> None:
    """Run one long article first, then ``shorts`` short ones; print one JSON line per completed article."""
    from summarizer.articles import make_article
    from summarizer.pipeline import RunOptions, run_articles_sync

    articles = [make_article(long_text(chars), "long.txt", {"published": "2024-05-10"})]
    meta = {"published": "2024-05-10"}
    articles += [make_article(SHORT.format(n=n + 2), f"short{n}.txt", meta) for n in range(shorts)]
    started = time.perf_counter()

    def done(result: object) -> None:
        source = getattr(getattr(result, "article", None), "source", None) or getattr(result, "source", "?")
        print(json.dumps({"source": source, "t": time.perf_counter() - started}), flush=True)

    run_articles_sync(articles, RunOptions(workers=workers, keep_results=False), on_result=done)


def child_shared_step(chars: int) -> None:
    """Time the shared step (screening, grounding, summary check) on a long text with no items."""
    from summarizer.articles import make_article
    from summarizer.models import ArticleExtraction, Provenance
    from summarizer.pipeline import postprocess

    article = make_article(long_text(chars), "long.txt", {"published": "2024-05-10"})
    empty = ArticleExtraction(article=article.meta, summary=article.text[:300], provenance=Provenance(backend="x"))
    started = time.perf_counter()
    postprocess(empty, article, "strict")
    print(json.dumps({"t": time.perf_counter() - started}), flush=True)


def child_throughput(n: int, workers: int) -> None:
    from summarizer.backends.rules import extract_article
    from summarizer.pipeline import RunOptions, run_articles_sync

    extract_article(next(iter(seed_variants(1))))  # warm-up in this process, as each worker does
    started, cpu = time.perf_counter(), time.process_time()
    report = run_articles_sync(seed_variants(n), RunOptions(workers=workers, keep_results=False))
    wall, cpu = time.perf_counter() - started, time.process_time() - cpu
    children = resource.getrusage(resource.RUSAGE_CHILDREN)  # the workers, reaped when the run closed its pool
    result = {"n": report.extracted, "failed": len(report.failures), "wall": wall, "cpu_main": cpu}
    result["cpu_workers"] = children.ru_utime + children.ru_stime
    print(json.dumps(result), flush=True)


def child_memory(n: int, workers: int, keep: bool) -> None:
    from summarizer.pipeline import RunOptions, run_articles_sync

    with tempfile.TemporaryDirectory() as folder, open(os.devnull, "w", encoding="utf-8") as sink:

        def write(result: object) -> None:
            dump = getattr(result, "model_dump_json", None)
            if dump is not None:
                sink.write(dump() + "\n")

        options = RunOptions(workers=workers, keep_results=keep, db_path=Path(folder) / "bench.db")
        report = run_articles_sync(seed_variants(n), options, on_result=write)
    print(
        json.dumps(
            {
                "n": report.extracted,
                "main_mb": peak_rss_mb(),
                "worker_mb": peak_rss_mb(resource.RUSAGE_CHILDREN),
            }
        ),
        flush=True,
    )


# --------------------------------------------------------------------------- the parent

ROOT = Path(__file__).resolve().parent.parent
Tree = tuple[str, "Path | None"]  # a label, and the code to import (None: this tree)


def run_child(args: list[str], timeout: float, code: Path | None = None) -> tuple[list[dict], bool]:  # type: ignore[type-arg]
    """Run this script in ``args`` mode (with the package from ``code`` when given); its JSON lines, and whether
    it finished within ``timeout``."""
    command = [sys.executable, __file__, "--child", *args]
    env = dict(os.environ)
    if code is not None:
        env["PYTHONPATH"] = str(code) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, start_new_session=True, env=env)
    lines: list[dict] = []  # type: ignore[type-arg]

    def read() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            lines.append(json.loads(line))

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        finished = proc.wait(timeout=timeout) == 0
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)  # the child and its engine workers
        proc.wait()
        finished = False
    reader.join(timeout=5)
    return lines, finished


def bench_long(sizes: list[int], timeout: float, trees: list[Tree]) -> None:
    print("== long one-line articles, each next to 20 short ones, --workers 2 (target: 1,000,000 chars in < 30 s, "
          "the short ones done at once)")
    for chars in sizes:
        for label, code in trees:
            lines, _ = run_child(["long", str(chars), "20", "2"], timeout, code)
            shorts = [line["t"] for line in lines if line["source"].startswith("short")]
            long_t = next((line["t"] for line in lines if line["source"] == "long.txt"), None)
            long_s = f"{long_t:7.2f}s" if long_t is not None else f"did not finish in {timeout:g}s"
            last = f"first at {min(shorts):.2f}s (workers starting), last at {max(shorts):.2f}s" if shorts else "none"
            shared, ok = run_child(["shared", str(chars)], timeout, code)
            shared_s = f"{shared[0]['t']:.2f}s" if ok and shared else f"> {timeout:g}s"
            verdict = ""
            if chars >= 1_000_000:
                at_once = len(shorts) == 20 and (long_t is None or max(shorts) < long_t)
                in_time = long_t is not None and long_t < 30
                verdict = f"  [{'met' if in_time and at_once else 'NOT met'}]"
            print(
                f"{chars:>9,} chars [{label}]: long article {long_s}; {len(shorts)}/20 short ones done, {last}; "
                f"shared step (screen + ground) on the text alone {shared_s}{verdict}",
                flush=True,
            )


def bench_throughput(n: int, timeout: float, trees: list[Tree]) -> None:
    print(f"== throughput on {n} articles, --workers 1 beside --workers 2 (target: 1.7x on two cores)")
    for label, code in trees:
        results: dict[int, dict[str, float]] = {}
        for workers in (1, 2):
            lines, finished = run_child(["throughput", str(n), str(workers)], timeout * 10, code)
            if not finished or not lines:
                print(f"[{label}] --workers {workers}: did not finish")
                continue
            line = results[workers] = lines[0]
            print(
                f"[{label}] --workers {workers}: {line['wall']:6.2f}s  {line['n'] / line['wall']:6.1f} articles/s  "
                f"({line['failed']} failed; CPU: main process {line['cpu_main']:.2f}s, "
                f"workers {line['cpu_workers']:.2f}s)",
                flush=True,
            )
        if 1 in results and 2 in results:
            one, two = results[1], results[2]
            print(f"[{label}] speed-up with 2 workers, measured: {one['wall'] / two['wall']:.2f}x (target 1.7x)")
            # What two idle cores would give: the serial CPU over the larger of the main process's CPU and half
            # of all.
            serial = one["cpu_main"]
            bound = max(two["cpu_main"], (two["cpu_main"] + two["cpu_workers"]) / 2)
            print(f"[{label}] speed-up on two idle cores, from the CPU times: {serial / bound:.2f}x; "
                  f"main-process CPU per article with 2 workers: {1000 * two['cpu_main'] / two['n']:.2f} ms")


def bench_memory(sizes: list[int], timeout: float, trees: list[Tree]) -> None:
    print("== peak memory (store + output written as extract does, --workers 2)")
    for keep in (False, True):
        kind = "results streamed (extract)" if not keep else "results kept for the end (brief)"
        for n in sizes:
            for label, code in trees:
                lines, finished = run_child(["memory", str(n), "2", "1" if keep else "0"], timeout * 20, code)
                if not finished or not lines:
                    print(f"[{label}] {kind}, {n} articles: did not finish")
                    continue
                line = lines[0]
                print(f"[{label}] {kind}, {n:>5} articles: main process {line['main_mb']:7.1f} MB, "
                      f"largest worker {line['worker_mb']:6.1f} MB", flush=True)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "--child":
        mode, *rest = argv[1:]
        if mode == "long":
            child_long(int(rest[0]), int(rest[1]), int(rest[2]))
        elif mode == "shared":
            child_shared_step(int(rest[0]))
        elif mode == "throughput":
            child_throughput(int(rest[0]), int(rest[1]))
        elif mode == "memory":
            child_memory(int(rest[0]), int(rest[1]), rest[2] == "1")
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 400_000, 1_000_000])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--memory", type=int, nargs="+", default=[1000, 5000])
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds for one long article")
    parser.add_argument("--skip", default="", help="comma-separated: long, throughput, memory")
    parser.add_argument("--compare-ref", help="git ref whose code to measure too, side by side (e.g. HEAD~1, main)")
    args = parser.parse_args(argv)
    skip = set(filter(None, args.skip.split(",")))
    print(f"cores usable: {len(os.sched_getaffinity(0))}; load average: {os.getloadavg()[0]:.2f}")
    with ExitStack() as stack:
        trees: list[Tree] = [("this tree", None)]
        if args.compare_ref:
            trees.append((args.compare_ref, stack.enter_context(checkout(args.compare_ref, "bench-long-"))))
        if "long" not in skip:
            bench_long(args.sizes, args.timeout, trees)
        if "throughput" not in skip:
            bench_throughput(args.articles, args.timeout, trees)
        if "memory" not in skip:
            bench_memory(args.memory, args.timeout, trees)
    print(f"load average at the end: {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
