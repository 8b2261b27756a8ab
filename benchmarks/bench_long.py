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

    python benchmarks/bench_long.py [--sizes 100000 400000 1000000] [--articles 1000] [--memory 1000 5000]
                                    [--timeout 120] [--skip long,throughput,memory]
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
from pathlib import Path

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


def run_child(args: list[str], timeout: float) -> tuple[list[dict], bool]:  # type: ignore[type-arg]
    """Run this script in ``args`` mode; its JSON lines, and whether it finished within ``timeout``."""
    command = [sys.executable, __file__, "--child", *args]
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, start_new_session=True)
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


def bench_long(sizes: list[int], timeout: float) -> None:
    print("== long one-line articles, each next to 20 short ones, --workers 2")
    for chars in sizes:
        lines, _ = run_child(["long", str(chars), "20", "2"], timeout)
        shorts = [line["t"] for line in lines if line["source"].startswith("short")]
        long_t = next((line["t"] for line in lines if line["source"] == "long.txt"), None)
        long_s = f"{long_t:7.2f}s" if long_t is not None else f"did not finish in {timeout:g}s"
        last_short = f"first at {min(shorts):.2f}s (workers starting), last at {max(shorts):.2f}s" if shorts else "none"
        shared, ok = run_child(["shared", str(chars)], timeout)
        shared_s = f"{shared[0]['t']:.2f}s" if ok and shared else f"> {timeout:g}s"
        print(
            f"{chars:>9,} chars: long article {long_s}; {len(shorts)}/20 short ones done, {last_short}; "
            f"shared step (screen + ground) on the text alone {shared_s}"
        )


def bench_throughput(n: int, timeout: float) -> None:
    print(f"== throughput on {n} articles")
    results: dict[int, dict[str, float]] = {}
    for workers in (1, 2):
        lines, finished = run_child(["throughput", str(n), str(workers)], timeout * 10)
        if not finished or not lines:
            print(f"--workers {workers}: did not finish")
            continue
        line = results[workers] = lines[0]
        print(
            f"--workers {workers}: {line['wall']:6.2f}s  {line['n'] / line['wall']:6.1f} articles/s  "
            f"({line['failed']} failed; CPU: main process {line['cpu_main']:.2f}s, workers {line['cpu_workers']:.2f}s)"
        )
    if 1 in results and 2 in results:
        one, two = results[1], results[2]
        print(f"speed-up with 2 workers, measured: {one['wall'] / two['wall']:.2f}x (target 1.7x)")
        # What two idle cores would give: the serial CPU over the larger of the main process's CPU and half of all.
        serial = one["cpu_main"]
        bound = max(two["cpu_main"], (two["cpu_main"] + two["cpu_workers"]) / 2)
        print(f"speed-up on two idle cores, from the CPU times: {serial / bound:.2f}x")


def bench_memory(sizes: list[int], timeout: float) -> None:
    print("== peak memory (store + output written as extract does, --workers 2)")
    for keep in (False, True):
        label = "results streamed (extract)" if not keep else "results kept for the end (brief)"
        for n in sizes:
            lines, finished = run_child(["memory", str(n), "2", "1" if keep else "0"], timeout * 20)
            if not finished or not lines:
                print(f"{label}, {n} articles: did not finish")
                continue
            line = lines[0]
            print(f"{label}, {n:>5} articles: main process {line['main_mb']:7.1f} MB, "
                  f"largest worker {line['worker_mb']:6.1f} MB")


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
    args = parser.parse_args(argv)
    skip = set(filter(None, args.skip.split(",")))
    print(f"cores usable: {len(os.sched_getaffinity(0))}; load average: {os.getloadavg()[0]:.2f}")
    if "long" not in skip:
        bench_long(args.sizes, args.timeout)
    if "throughput" not in skip:
        bench_throughput(args.articles, args.timeout)
    if "memory" not in skip:
        bench_memory(args.memory, args.timeout)
    print(f"load average at the end: {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
