"""Run orchestration: the offline engine in a process pool, results streamed as they complete, inputs read
as they are needed (articles written for these tests)."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summarizer import workers as workers_module
from summarizer.articles import Article, ArticleError, make_article
from summarizer.cli import app
from summarizer.models import ArticleExtraction
from summarizer.pipeline import ArticleFailure, RunOptions, run_articles_sync
from summarizer.workers import default_workers

_real_extract = workers_module._extract

REPO = Path(__file__).resolve().parent.parent
SHORT = "Gunmen killed {n} shepherds near the village of Qasra on Friday, police said.\n"


def _short(n: int) -> Article:
    return make_article(SHORT.format(n=n + 2), f"short{n}.txt", {"published": "2024-05-10"})


def _long(chars: int) -> Article:
    sentence = "Patrols searched the farms east of the river on Monday and found nothing, a local official said. "
    text = (sentence * (chars // len(sentence) + 1))[:chars]
    return make_article(text, "long.txt", {"published": "2024-05-10"})


def test_a_long_article_does_not_hold_back_the_others() -> None:
    order: list[str] = []

    def record(result: ArticleExtraction | ArticleFailure) -> None:
        order.append(result.article.source if isinstance(result, ArticleExtraction) else result.source)

    inputs = [_long(60_000), *(_short(n) for n in range(6))]
    report = run_articles_sync(inputs, RunOptions(workers=2), on_result=record)
    assert report.ok and report.extracted == 7
    # The long article was first in; every short one came out before it did.
    assert order[-1] == "long.txt", order


def _counting(articles: list[Article], pulled: list[int]) -> Iterator[Article | ArticleError]:
    for article in articles:
        pulled.append(1)
        yield article


@pytest.mark.parametrize("workers", [1, 2])
def test_inputs_are_read_as_needed_and_results_stream(workers: int) -> None:
    articles = [_short(n) for n in range(40)]
    pulled: list[int] = []
    read_at_first_result: list[int] = []
    seen: list[str] = []

    def record(result: ArticleExtraction | ArticleFailure) -> None:
        if not read_at_first_result:
            read_at_first_result.append(len(pulled))
        assert isinstance(result, ArticleExtraction)
        seen.append(result.article.id)

    options = RunOptions(workers=workers, concurrency=2, keep_results=False)
    report = run_articles_sync(_counting(articles, pulled), options, on_result=record)
    assert read_at_first_result[0] < len(articles)  # the first result came before the input was read whole
    assert sorted(seen) == sorted(a.id for a in articles)
    assert report.extracted == len(articles) and report.extractions == [] and report.articles == {}


def test_pool_and_single_process_give_the_same_extractions() -> None:
    from summarizer.articles import load_articles

    articles, _ = load_articles([REPO / "seeds"])

    def run(workers: int) -> dict[str, str]:
        report = run_articles_sync(articles, RunOptions(workers=workers))
        return {
            e.article.id: e.model_dump_json(exclude={"provenance": {"latency_ms", "created_at"}})
            for e in report.extractions
        }

    assert run(2) == run(1)


def test_cli_extract_workers_option(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    for n in range(4):
        (tmp_path / f"a{n}.txt").write_text(SHORT.format(n=n + 2), encoding="utf-8")
    result = CliRunner().invoke(app, ["extract", str(tmp_path), "-o", str(out), "--workers", "2", "--no-store"])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == 4 and "4 extracted" in result.output
    bad = CliRunner().invoke(app, ["extract", str(tmp_path), "--workers", "0"])
    assert bad.exit_code == 2


def test_default_workers_is_the_usable_cores() -> None:
    expected = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    assert default_workers() == expected


def _fails_on_bad(article: Article, backend_name: str, policy: str) -> ArticleExtraction:
    if article.meta.source == "bad.txt":
        raise ValueError("planted engine fault")
    return _real_extract(article, backend_name, policy)  # type: ignore[arg-type]


def test_an_engine_fault_in_a_worker_fails_that_article_only(monkeypatch: pytest.MonkeyPatch) -> None:
    # Workers are forked from this process, so they run the patched function; skip where there is no fork.
    import multiprocessing

    if "fork" not in multiprocessing.get_all_start_methods():
        pytest.skip("needs the fork start method")
    monkeypatch.setattr(workers_module, "_extract", _fails_on_bad)
    inputs = [_short(1), make_article(SHORT.format(n=9), "bad.txt"), _short(2)]
    report = run_articles_sync(inputs, RunOptions(workers=2))
    assert report.extracted == 2
    (failure,) = report.failures
    assert failure.source == "bad.txt" and "planted engine fault" in failure.reason and "\n" not in failure.reason


def _sleeps(article: Article, backend_name: str, policy: str) -> ArticleExtraction:
    import time

    time.sleep(60)
    raise AssertionError("the pool should have been stopped")


def test_an_interrupted_pool_stops_at_once_and_cleanly(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tasks cancelled (as Ctrl-C does) while a worker is busy and others queue: closing the pool must not leave
    its manager thread failing on a cancelled future and the interpreter hanging on its way out."""
    import asyncio
    import multiprocessing
    import threading
    import time

    if "fork" not in multiprocessing.get_all_start_methods():
        pytest.skip("needs the fork start method")
    monkeypatch.setattr(workers_module, "_extract", _sleeps)
    failures: list[threading.ExceptHookArgs] = []
    monkeypatch.setattr(threading, "excepthook", failures.append)
    pool = workers_module.EnginePool(2)

    async def main() -> None:
        tasks = [asyncio.ensure_future(pool.extract(_short(n), "rules", "strict")) for n in range(10)]
        await asyncio.sleep(1.0)  # the workers are busy, the other tasks wait in the pool's queues
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)

    asyncio.run(main())
    assert pool._executor is not None
    manager = pool._executor._executor_manager_thread
    processes = list(pool._executor._processes.values())
    # No reference to the executor is kept here: as in a real run, it goes when the pool lets it go.
    started = time.monotonic()
    pool.close(interrupted=True)
    assert manager is not None
    assert not manager.is_alive()  # closing waits for the pool's own clean-up (nothing left for the exit hooks)
    assert time.monotonic() - started < 20
    assert not failures, [f"{f.exc_type.__name__}: {f.exc_value}" for f in failures]
    for process in processes:
        process.join(timeout=10)
        assert not process.is_alive()


class _Stalls:
    """A backend that answers its first ``quick`` articles at once and never answers the others."""

    name = "stalling"

    def __init__(self, quick: int) -> None:
        self.quick = quick
        self.calls = 0

    def fingerprint(self) -> str:
        return "stalling:1"

    async def extract(self, article: Article) -> ArticleExtraction:
        import asyncio

        from summarizer.backends.rules import extract_article

        self.calls += 1
        if self.calls > self.quick:
            await asyncio.Event().wait()
        return extract_article(article, self.name)

    async def aclose(self) -> None:
        return None


def test_an_interrupted_run_stops_its_articles_before_it_closes_the_store(tmp_path: Path) -> None:
    import asyncio

    from summarizer.pipeline import run_articles
    from summarizer.store import Store

    articles = [_short(n) for n in range(12)]
    done: list[str] = []

    def record(result: ArticleExtraction | ArticleFailure) -> None:
        assert isinstance(result, ArticleExtraction)
        done.append(result.article.id)

    async def main() -> list[asyncio.Task[object]]:
        options = RunOptions(db_path=tmp_path / "run.db", concurrency=4)
        run = asyncio.ensure_future(run_articles(articles, options, _Stalls(quick=3), on_result=record))
        while len(done) < 3:
            await asyncio.sleep(0.01)
        run.cancel()  # what Ctrl-C does to the run
        with pytest.raises(asyncio.CancelledError):
            await run
        return [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]

    assert asyncio.run(main()) == []  # no article is left running (to write to a closed store)
    with Store(tmp_path / "run.db") as store:
        kept = [a.id for a in articles if store.get_extraction(a.id, "stalling:1") is not None]
    assert sorted(kept) == sorted(done) and len(done) == 3  # what completed is kept


def _default_sigint() -> None:
    import signal

    # What a terminal's Ctrl-C reaches: a process that has not inherited "ignore SIGINT" (as a command started
    # in the background by a non-interactive shell does, and so then the test runner and its children).
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.mark.slow
def test_ctrl_c_stops_a_run_at_once_even_with_a_long_article_in_a_worker(tmp_path: Path) -> None:
    import signal
    import sqlite3
    import subprocess
    import sys
    import time

    corpus, db = tmp_path / "corpus", tmp_path / "run.db"
    corpus.mkdir()
    # Near the input limit: the linear engine needs seconds for each, the short ones are done well before.
    (corpus / "0000_long.txt").write_text(_long(990_000).text, encoding="utf-8")
    for n in range(40):
        (corpus / f"{n + 1:04d}.txt").write_text(SHORT.format(n=n + 2), encoding="utf-8")
    (corpus / "0041_long.txt").write_text(_long(980_000).text, encoding="utf-8")  # the run outlasts the signal
    cmd = [sys.executable, "-m", "summarizer", "extract", str(corpus), "-o", os.devnull, "--db", str(db), "-q"]
    proc = subprocess.Popen(
        [*cmd, "--workers", "2"], stderr=subprocess.PIPE, text=True, preexec_fn=_default_sigint
    )

    def stored() -> int:
        try:
            with sqlite3.connect(db) as conn:
                return int(conn.execute("SELECT COUNT(*) FROM extractions").fetchone()[0])
        except sqlite3.OperationalError:
            return 0

    deadline = time.monotonic() + 90
    done = 0
    while time.monotonic() < deadline and proc.poll() is None and done < 5:
        time.sleep(0.2)
        done = stored() if db.exists() else 0
    assert proc.poll() is None, "the run ended before it could be interrupted"
    assert done >= 5  # short articles completed while the long one was still running
    interrupted = time.monotonic()
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert time.monotonic() - interrupted < 15  # not after the long articles
    assert proc.returncode == 130, err
    assert "interrupted:" in err and "kept in the store" in err and "Traceback" not in err, err
    assert stored() >= done  # what completed before the interrupt is kept


@pytest.mark.slow
@pytest.mark.parametrize("after", [0.3, 0.8, 1.5])
def test_ctrl_c_at_any_moment_ends_with_130_and_one_line(tmp_path: Path, after: float) -> None:
    """While the command starts (its imports), while it sets up, or while it runs: the same exit and line."""
    import signal
    import subprocess
    import sys
    import time

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "0000_long.txt").write_text(_long(990_000).text, encoding="utf-8")  # seconds of work
    for n in range(4):
        (corpus / f"{n + 1:04d}.txt").write_text(SHORT.format(n=n + 2), encoding="utf-8")
    cmd = [sys.executable, "-m", "summarizer", "extract", str(corpus), "-o", os.devnull, "--no-store", "-q"]
    proc = subprocess.Popen(
        [*cmd, "--workers", "2"], stderr=subprocess.PIPE, text=True, preexec_fn=_default_sigint
    )
    time.sleep(after)
    assert proc.poll() is None
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert "interrupted" in err and "Traceback" not in err, err


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    return "\nState:\tZ" not in status


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_workers_do_not_outlive_a_killed_run(tmp_path: Path) -> None:
    import signal
    import subprocess
    import sys
    import time

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    # Near the input limit: the linear engine needs seconds for it, the short ones are done well before.
    (corpus / "0000_long.txt").write_text(_long(990_000).text, encoding="utf-8")
    for n in range(10):
        (corpus / f"{n + 1:04d}.txt").write_text(SHORT.format(n=n + 2), encoding="utf-8")
    cmd = [sys.executable, "-m", "summarizer", "extract", str(corpus), "-o", os.devnull, "--no-store", "-q"]
    proc = subprocess.Popen([*cmd, "--workers", "2"], stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    workers: list[int] = []
    while time.monotonic() < deadline and proc.poll() is None and len(workers) < 2:
        time.sleep(0.2)
        workers = _children(proc.pid)
    if proc.poll() is not None:
        pytest.skip("the run ended before its workers could be seen")
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(_alive(pid) for pid in workers):
        time.sleep(0.2)
    assert not [pid for pid in workers if _alive(pid)]
