"""Time and peak memory of ``summarizer brief --from-db`` over 1,000, 10,000 and 50,000 stored extractions.

The stored extractions are synthetic but shaped like real ones: the offline engine reads the seed articles once,
and each synthetic article is a copy of one seed's extraction moved to another day (over two years) and other
places (the gazetteer's towns and provinces, several countries), with its figures varied. About a third of the
articles retell the previous article's events (same days and places, another outlet), so the briefing has real
incidents told by several sources to reconcile. Data is generated once per size into a temporary SQLite store.

Each measurement runs in a fresh process (``--run-one``): load the store, build the briefing, render Markdown. It
prints wall and CPU seconds (CPU time is what one core gives when the machine is shared) and the process's peak
RSS. ``--compare-ref REF`` runs the same measurement with the code of a git ref (checked out with ``git worktree``
into a temporary folder) and prints both side by side; a run over ``--timeout`` seconds is stopped and shown as
such (the quadratic code needs hours for 10,000).

    python benchmarks/bench_brief.py [--sizes 1000 10000 50000] [--compare-ref HEAD~1] [--timeout 600]

Exit 1 when 10,000 extractions (if measured) take ``--target`` CPU seconds or more (default 60).
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


# --------------------------------------------------------------------------- synthetic data


def _templates() -> list[tuple[object, object]]:
    """(article, extraction) for each seed, read once by the offline engine and normalised like a real run."""
    from summarizer.articles import load_articles
    from summarizer.backends.rules import extract_article
    from summarizer.pipeline import postprocess

    articles, _ = load_articles([SEEDS])
    return [(article, postprocess(extract_article(article), article, "strict")) for article in articles]


def _places() -> list[tuple[str, str | None, str | None]]:
    from summarizer.gazetteer import default_gazetteer

    return [(p.canonical, p.admin1, p.country) for p in default_gazetteer().places if p.admin1]


def _shift(date: object, days: int) -> object:
    if date is None:
        return None
    update = {k: getattr(date, k) + dt.timedelta(days=days) for k in ("start", "end") if getattr(date, k) is not None}
    return date.model_copy(update=update)  # type: ignore[attr-defined]


def _vary(count: object, delta: int) -> object:
    update = {k: getattr(count, k) + delta for k in ("low", "best", "high") if getattr(count, k) is not None}
    return count.model_copy(update=update)  # type: ignore[attr-defined]


def _move(place: object, mapping: dict[str, tuple[str, str | None, str | None]], rng: random.Random,
          places: list[tuple[str, str | None, str | None]]) -> object:
    """``place`` moved to the synthetic story's place for it (one story keeps one mapping)."""
    if place is None:
        return None
    key = place.canonical or place.name  # type: ignore[attr-defined]
    if key not in mapping:
        mapping[key] = rng.choice(places)
    name, admin1, country = mapping[key]
    return place.model_copy(update={"name": name, "canonical": name, "admin1": admin1,  # type: ignore[attr-defined]
                                    "admin1_name": admin1, "country": country})


def generate(db: Path, size: int, seed: int = 13) -> None:
    """Write ``size`` synthetic articles and extractions into the store at ``db``."""
    from summarizer.articles import make_article
    from summarizer.store import Store

    rng = random.Random(seed)
    templates = _templates()
    places = _places()
    base_day = dt.date(2023, 1, 1)
    shift = 0
    mapping: dict[str, tuple[str, str | None, str | None]] = {}
    rows: list[tuple[object, object]] = []
    with Store(db) as store:
        for i in range(size):
            article, template = templates[i % len(templates)]
            retold = i > 0 and rng.random() < 0.33
            if not retold:  # a new story: another day and other places
                shift = rng.randint(0, 730)
                mapping = {}
            published = base_day + dt.timedelta(days=shift)
            text = f"{article.text}\nSynthetic copy {i}.\n"  # type: ignore[attr-defined]
            meta = {"published": published, "outlet": f"Outlet {i % 37}"}
            new_article = make_article(text, f"bench/{i:06d}.txt", meta)
            ex = template.model_copy(deep=True)  # type: ignore[attr-defined]
            ex.article = new_article.meta

            days = (published - (template.article.published or published)).days  # type: ignore[attr-defined]
            for op in ex.operations:
                op.date = _shift(op.date, days)
                op.places = [p for p in (_move(p, mapping, rng, places) for p in op.places) if p is not None]
            for cas in ex.casualties:
                cas.date = _shift(cas.date, days)
                cas.place = _move(cas.place, mapping, rng, places)
                cas.count = _vary(cas.count, rng.choice((0, 0, 1, 2)))
            rows.append((new_article, ex))
            if len(rows) == 500 or i == size - 1:  # one transaction per batch: one commit, not one per article
                store.save_results(rows, f"bench-{seed}")
                rows = []


# --------------------------------------------------------------------------- one measurement (child process)


def run_one(db: Path) -> dict[str, object]:
    """Brief from the store at ``db`` (load, reconcile, render Markdown): seconds and peak memory."""
    import summarizer
    from summarizer.briefing import briefing_from_store, build_briefing
    from summarizer.render.documents import render_briefing

    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    wall, cpu = time.perf_counter(), time.process_time()
    try:  # what `brief --from-db -f md` loads: no article texts (code from before that option loads them)
        source = briefing_from_store(db, texts=False)
    except TypeError:
        source = briefing_from_store(db)
    loaded = time.process_time() - cpu
    briefing = build_briefing(source)
    text = render_briefing(briefing, "md", source)
    return {
        "code": str(Path(summarizer.__file__).parent.parent),
        "extractions": len(source.extractions),
        "incidents": len(briefing.incidents),
        "operations": len(briefing.operations),
        "chars": len(text),
        # the briefing's content, less its method text (which documents the code, so may change with it)
        "sha": hashlib.sha256(briefing.model_dump_json(exclude={"method"}).encode()).hexdigest()[:12],
        "wall_s": round(time.perf_counter() - wall, 2),
        "cpu_s": round(time.process_time() - cpu, 2),
        "load_cpu_s": round(loaded, 2),
        "rss_start_mb": round(rss0, 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def _measure(db: Path, code: Path | None, timeout: float) -> dict[str, object] | None:
    env = dict(os.environ)
    if code is not None:
        env["PYTHONPATH"] = str(code) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    cmd = [sys.executable, str(Path(__file__).resolve()), "--run-one", str(db)]
    try:
        done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=timeout, check=True)
    except subprocess.TimeoutExpired:
        return None
    except subprocess.CalledProcessError as exc:
        raise SystemExit(f"benchmark run failed: {exc.stderr.strip().splitlines()[-1:]}") from exc
    return json.loads(done.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def _cell(result: dict[str, object] | None, timeout: float) -> str:
    if result is None:
        return f"> {timeout:g} s (stopped)".ljust(30)
    return f"{result['cpu_s']:>7} s cpu {result['peak_rss_mb']:>7} MB".ljust(30)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 50000])
    parser.add_argument("--compare-ref", help="git ref whose code to measure too (e.g. HEAD~1, main)")
    parser.add_argument("--timeout", type=float, default=600.0, help="seconds before a run is stopped")
    parser.add_argument("--target", type=float, default=60.0, help="maximum CPU seconds for 10,000 extractions")
    parser.add_argument("--keep", type=Path, help="folder to keep the generated stores in (reused when present)")
    parser.add_argument("--run-one", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.run_one:
        print(json.dumps(run_one(args.run_one)))
        return 0

    work = Path(tempfile.mkdtemp(prefix="bench-brief-"))
    data = args.keep or work
    data.mkdir(parents=True, exist_ok=True)
    old: Path | None = None
    try:
        if args.compare_ref:
            old = work / "old"
            subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "-q", str(old), args.compare_ref],
                           check=True)
        header = f"{'extractions':>11}  {'this tree':<30}"
        if old is not None:
            header += f"  {args.compare_ref:<30}"
        print(header + "  incidents")
        ok = True
        for size in args.sizes:
            db = data / f"bench-{size}.db"
            if not db.exists():
                generate(db, size)
            new = _measure(db, None, args.timeout)
            line = f"{size:>11}  {_cell(new, args.timeout)}"
            same = ""
            if old is not None:
                before = _measure(db, old, args.timeout)
                line += f"  {_cell(before, args.timeout)}"
                if new is not None and before is not None:
                    same = "  (same briefing)" if new["sha"] == before["sha"] else "  (the briefings differ)"
            print(line + f"  {new['incidents'] if new else '?'}{same}", flush=True)
            if size == 10000 and (new is None or float(new["cpu_s"]) >= args.target):  # type: ignore[arg-type]
                ok = False
        return 0 if ok else 1
    finally:
        if old is not None:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(old)], check=False)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
