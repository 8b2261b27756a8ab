"""Batch runs against the loopback server's Files and Batches endpoints: complete, restart, expire, fail."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest

from summarizer.articles import Article, make_article
from summarizer.backends.base import BackendConfig
from summarizer.batch import BatchProgress, batch_status, collect_batches, run_batch
from summarizer.pipeline import RunOptions, run_articles
from summarizer.store import Store
from tests.llm_server import BatchPlan, LLMServer, Reply, Request

TEXT = "Troops cleared the village of Umm Shuf on Sunday, killing {n} militants, the army said."


def draft(n: int) -> dict[str, Any]:
    return {
        "summary": "Troops cleared a village.",
        "operations": [{"kind": "clearance", "by": ["Troops"], "quote": "Troops cleared the village of Umm Shuf"}],
        "casualties": [
            {"victims": "militants", "outcome": "killed", "count_phrase": str(n), "quote": f"killing {n} militants"}
        ],
        "claims": [],
    }


def articles(count: int = 5) -> list[Article]:
    return [make_article(TEXT.format(n=n + 2), f"v{n}.txt", {}) for n in range(count)]


def answer(request: Request) -> Reply:
    """The right answer for whichever article the request holds (batch or chat)."""
    for n in range(2, 40):
        if f"killing {n} militants" in request.text:
            return Reply(draft(n), input_tokens=1000, output_tokens=200)
    raise AssertionError("unknown article")


def options(server: LLMServer, db: Path) -> RunOptions:
    config = BackendConfig(
        name="openai", model="gpt-4o-mini", base_url=server.base_url, api_key="sk-test", mode="tools",
        max_retries=1, options={"backoff_base": 0.01},
    )  # fmt: skip
    return RunOptions(backend=config, concurrency=4, db_path=db)


def chat_requests(server: LLMServer) -> list[Request]:
    return [r for r in server.requests if r.path == "/v1/chat/completions"]


def counts(report: Any) -> list[str]:
    return sorted(c.count.phrase for e in report.extractions for c in e.casualties)


@pytest.fixture
def server():  # type: ignore[no-untyped-def]
    with LLMServer() as srv:
        srv.responder = answer
        yield srv


def test_a_batch_run_completes_at_half_the_price(server: LLMServer, tmp_path: Path) -> None:
    progress: list[BatchProgress] = []
    report = run_batch(articles(), options(server, tmp_path / "s.db"), poll_interval=0.01, on_progress=progress.append)
    assert counts(report) == ["2", "3", "4", "5", "6"] and not report.failures
    assert chat_requests(server) == []  # every answer came from the batch
    [upload] = [r for r in server.requests if r.path.endswith("/v1/files")]
    assert upload.body["file_bytes"] > 0
    assert [p.status for p in progress][-1] == "completed" and progress[-1].completed == 5
    # gpt-4o-mini at batch prices: half of (1000 x 0.15 + 200 x 0.60) per 1M tokens, per article.
    assert report.cost_usd == pytest.approx(5 * 0.5 * (1000 * 0.15 + 200 * 0.60) / 1_000_000)
    [row] = batch_status(tmp_path / "s.db")
    assert (row["status"], row["completed"], row["collected"]) == ("completed", 5, 1)
    with Store(tmp_path / "s.db") as store:
        outcomes = [c["outcome"] for c in store.iter_calls(20)]
    assert outcomes.count("batch") == 5


def test_the_same_batch_command_again_does_nothing_new(server: LLMServer, tmp_path: Path) -> None:
    run_batch(articles(), options(server, tmp_path / "s.db"), poll_interval=0.01)
    server.requests.clear()
    again = run_batch(articles(), options(server, tmp_path / "s.db"), poll_interval=0.01)
    assert again.reused == 5 and not again.failures
    assert server.requests == []


def test_a_restart_mid_poll_resumes_the_recorded_batch(server: LLMServer, tmp_path: Path) -> None:
    server.batch_plan = BatchPlan(polls=4)
    db = tmp_path / "s.db"

    def stop_after_first_read(progress: BatchProgress) -> None:
        raise KeyboardInterrupt  # the user's Ctrl-C while the batch is in progress

    with pytest.raises(KeyboardInterrupt):
        run_batch(articles(), options(server, db), poll_interval=0.01, on_progress=stop_after_first_read)
    [row] = batch_status(db)
    assert row["status"] in ("validating", "in_progress") and row["collected"] == 0
    # After the restart: collect from the store alone (no article paths), the same batch, no resubmission.
    report = collect_batches(options(server, db), poll_interval=0.01)
    assert counts(report) == ["2", "3", "4", "5", "6"]
    assert len(server.batches) == 1 and chat_requests(server) == []
    assert batch_status(db)[0]["collected"] == 1


def test_a_restart_with_the_same_command_waits_for_the_batch_instead_of_submitting_again(
    server: LLMServer, tmp_path: Path
) -> None:
    server.batch_plan = BatchPlan(polls=3)
    db = tmp_path / "s.db"

    def interrupt(progress: BatchProgress) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_batch(articles(), options(server, db), poll_interval=0.01, on_progress=interrupt)
    report = run_batch(articles(), options(server, db), poll_interval=0.01)
    assert len(report.extractions) == 5 and len(server.batches) == 1


def test_a_batch_that_expires_partly_done_finishes_the_rest_through_the_normal_path(
    server: LLMServer, tmp_path: Path
) -> None:
    server.batch_plan = BatchPlan(polls=1, outcome="expired", done=2)
    report = run_batch(articles(), options(server, tmp_path / "s.db"), poll_interval=0.01)
    assert counts(report) == ["2", "3", "4", "5", "6"] and not report.failures
    assert len(chat_requests(server)) == 3  # the three the batch never ran
    full, half = (1000 * 0.15 + 200 * 0.60) / 1_000_000, 0.5 * (1000 * 0.15 + 200 * 0.60) / 1_000_000
    assert report.cost_usd == pytest.approx(2 * half + 3 * full)


def test_a_failed_batch_sends_every_request_through_the_normal_path(server: LLMServer, tmp_path: Path) -> None:
    server.batch_plan = BatchPlan(polls=1, outcome="failed")
    report = run_batch(articles(), options(server, tmp_path / "s.db"), poll_interval=0.01)
    assert counts(report) == ["2", "3", "4", "5", "6"]
    assert len(chat_requests(server)) == 5
    assert batch_status(tmp_path / "s.db")[0]["status"] == "failed"


def test_an_invalid_batch_answer_is_re_asked_with_the_error(server: LLMServer, tmp_path: Path) -> None:
    def off_schema_for_one(request: Request) -> Reply:
        if not request.path.startswith("batch ") or "killing 4 militants" not in request.text:
            return answer(request)
        return Reply({"unexpected": True})

    server.responder = off_schema_for_one
    report = run_batch(articles(), options(server, tmp_path / "s.db"), poll_interval=0.01)
    assert counts(report) == ["2", "3", "4", "5", "6"]
    [reask] = chat_requests(server)
    assert "unexpected" in reask.text and "Field required" in reask.text  # the batch answer and the error
    [fixed] = [e for e in report.extractions if e.casualties[0].count.phrase == "4"]
    assert fixed.provenance.attempts == 2


def test_batch_needs_the_store(server: LLMServer) -> None:
    from summarizer.backends.base import BackendSetupError

    opts = options(server, Path("unused.db"))
    opts.db_path = None
    with pytest.raises(BackendSetupError, match="needs the store"):
        run_batch(articles(1), opts, poll_interval=0.01)


def test_batch_results_are_what_a_normal_run_gives(server: LLMServer, tmp_path: Path) -> None:
    batch = run_batch(articles(), options(server, tmp_path / "a.db"), poll_interval=0.01)
    normal = asyncio.run(run_articles(articles(), options(server, tmp_path / "b.db")))

    def items(report: Any) -> list[Any]:
        return sorted(
            (e.article.id, [c.model_dump(exclude={"id"}) for c in e.casualties]) for e in report.extractions
        )

    assert items(batch) == items(normal)


# --------------------------------------------------------------------------- the command line


def test_batch_from_the_command_line_with_status_and_collect(server: LLMServer, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from summarizer.cli import app

    runner = CliRunner()
    folder = tmp_path / "articles"
    folder.mkdir()
    for article in articles(3):
        (folder / article.meta.source).write_text(article.text, encoding="utf-8")
    db = str(tmp_path / "s.db")
    common = ["--base-url", server.base_url, "--db", db]
    server.batch_plan = BatchPlan(polls=2)
    result = runner.invoke(
        app,
        ["extract", str(folder), "--backend", "openai", "--model", "gpt-4o-mini", "--mode", "tools", "--batch",
         "--poll-interval", "0.01", "-o", str(tmp_path / "out.jsonl"), *common],
        env={"OPENAI_API_KEY": "sk-test"},
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "batch batch_1: completed, 3/3 answered, 0 failed" in result.output
    assert len((tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()) == 3
    status = runner.invoke(app, ["batch", "status", "--db", db])
    assert status.exit_code == 0 and "batch_1  completed  3/3 answered, 0 failed, collected" in status.output
    collect = runner.invoke(app, ["batch", "collect", "--db", db, "-q"], env={"OPENAI_API_KEY": "sk-test"})
    assert collect.exit_code == 0 and collect.output.strip() == ""  # nothing left to collect


def test_batch_with_another_backend_is_a_usage_error(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from summarizer.cli import app

    path = tmp_path / "a.txt"
    path.write_text(TEXT.format(n=3), encoding="utf-8")
    result = CliRunner().invoke(app, ["extract", str(path), "--backend", "rules", "--batch", "--no-store"])
    assert result.exit_code == 2 and "--batch needs --backend openai" in result.output
