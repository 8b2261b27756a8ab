"""Runs that share a store share their work: each article is requested once, a dead run's lease expires."""

from __future__ import annotations

import asyncio
import threading
import time
from pathlib import Path
from typing import Any

from summarizer.articles import Article, make_article
from summarizer.backends.base import BackendConfig
from summarizer.backends.openai import OpenAIBackend
from summarizer.pipeline import RunOptions, RunReport, run_articles, run_articles_sync
from summarizer.store import Store
from tests.llm_server import LLMServer, Reply, Status

DRAFT = {
    "summary": "s",
    "operations": [],
    "casualties": [{"victims": "guards", "outcome": "wounded", "count_phrase": "two", "quote": "wounding two guards"}],
    "claims": [],
}


def articles(n: int) -> list[Article]:
    text = "Gunmen fired on a post in Tel Rumman, wounding two guards, police said. Report {}."
    return [make_article(text.format(i), f"r{i}.txt", {}) for i in range(n)]


def options(server: LLMServer, db: Path, **overrides: Any) -> RunOptions:
    config = BackendConfig(
        name="openai", model="gpt-4o-mini", base_url=server.base_url, api_key="sk-test", mode="tools",
        max_retries=0, options={"backoff_base": 0.01},
    )  # fmt: skip
    values: dict[str, Any] = {"backend": config, "concurrency": 4, "db_path": db, "lease_ttl": 2.0}
    values.update(overrides)
    return RunOptions(**values)


def test_two_concurrent_runs_over_one_store_make_each_request_once(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    # Two slots each and 0.4 s per answer: one run alone would need 1.6 s, so the other surely joins in time.
    with LLMServer(default=Reply(DRAFT, delay=0.4)) as server:
        reports: list[RunReport] = []

        def run() -> None:
            reports.append(run_articles_sync(articles(8), options(server, db, concurrency=2)))

        threads = [threading.Thread(target=run) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        bodies = [r.text for r in server.requests]
    assert len(reports) == 2
    for report in reports:
        assert len(report.extractions) == 8 and not report.failures
    assert len(bodies) == 8  # each article paid for once
    assert len(set(bodies)) == 8
    assert sum(len(r.extractions) - r.reused for r in reports) == 8  # the work was split, not repeated
    assert all(len(r.extractions) - r.reused > 0 for r in reports)  # and both runs did some of it


def test_a_killed_runs_lease_expires_and_the_article_is_done(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    [article] = articles(1)
    with LLMServer(default=Reply(DRAFT)) as server:
        probe = OpenAIBackend(options(server, db).backend)
        fingerprint = probe.fingerprint()
        with Store(db) as store:  # a run that took the lease and was killed: nobody renews it
            assert store.take_lease(article.id, fingerprint, "killed-run", ttl=1.0)
        started = time.perf_counter()
        report = asyncio.run(run_articles([article], options(server, db)))
        waited = time.perf_counter() - started
    assert len(report.extractions) == 1 and report.reused == 0
    assert 0.8 <= waited < 5
    assert len(server.requests) == 1


def test_a_live_lease_is_waited_for_and_its_result_reused(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    [article] = articles(1)
    with LLMServer(default=Reply(DRAFT)) as server:
        first = run_articles_sync([article], options(server, db, reuse=False, db_path=tmp_path / "other.db"))
        fingerprint = OpenAIBackend(options(server, db).backend).fingerprint()
        store = Store(db)
        assert store.take_lease(article.id, fingerprint, "other-run", ttl=30.0)

        def finish() -> None:  # the other run finishes its article a moment later
            time.sleep(0.5)
            with Store(db) as other:
                other.save_result(article, first.extractions[0], fingerprint)
                other.release_lease(article.id, fingerprint, "other-run")

        threading.Thread(target=finish).start()
        server.requests.clear()
        report = asyncio.run(run_articles([article], options(server, db)))
        store.close()
    assert report.reused == 1 and len(report.extractions) == 1
    assert server.requests == []  # not paid for twice


def test_a_failed_article_frees_its_lease_for_the_next_run(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    [article] = articles(1)
    with LLMServer(default=Status(400)) as server:
        report = asyncio.run(run_articles([article], options(server, db)))
        assert len(report.failures) == 1
        server.default = Reply(DRAFT)
        started = time.perf_counter()
        again = asyncio.run(run_articles([article], options(server, db, lease_ttl=60.0)))
    assert len(again.extractions) == 1
    assert time.perf_counter() - started < 5  # no waiting for the failed run's lease to expire
