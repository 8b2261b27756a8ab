"""Transport faults against the loopback server: each retried with its name, dead endpoints fail fast."""

from __future__ import annotations

import asyncio
import socket
import time
from pathlib import Path
from typing import Any

import pytest

from summarizer.articles import Article, make_article
from summarizer.backends.base import BackendConfig, BackendError
from summarizer.backends.openai import OpenAIBackend
from summarizer.pipeline import RunOptions, run_articles
from summarizer.store import Store
from tests.llm_server import ChunkedCut, Drop, Huge, LLMServer, Raw, Reply, ResetMidBody, Status, Step, Truncated

TEXT = "Border police arrested two smugglers near Qasr Dalia on Monday, the provincial governor said."
DRAFT = {
    "summary": "Border police arrested two smugglers.",
    "operations": [{"kind": "arrest", "by": ["Border police"], "quote": "Border police arrested two smugglers"}],
    "casualties": [
        {"victims": "smugglers", "outcome": "arrested", "count_phrase": "two", "quote": "arrested two smugglers"}
    ],
    "claims": [],
}


def config(base_url: str, **overrides: Any) -> BackendConfig:
    options: dict[str, object] = {"backoff_base": 0.01, "backoff_max": 0.05}
    options.update(overrides.pop("options", {}))
    values: dict[str, Any] = {
        "name": "openai", "model": "gpt-4o-mini", "base_url": base_url, "api_key": "sk-test", "mode": "tools",
        "timeout": 5.0, "max_attempts": 3, "max_retries": 3, "deadline": 30.0, "options": options,
    }  # fmt: skip
    values.update(overrides)
    return BackendConfig(**values)


def article(n: int = 0) -> Article:
    return make_article(f"{TEXT} Bulletin {n}.", f"b{n}.txt", {})


def extract_one(cfg: BackendConfig, store: Store | None = None) -> Any:
    async def go() -> Any:
        backend = OpenAIBackend(cfg, store=store)
        try:
            return await backend.extract(article())
        finally:
            await backend.aclose()

    return asyncio.run(go())


def dead_url() -> str:
    """A loopback URL on a port nothing listens on: every connection is refused."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/v1"


@pytest.fixture
def server():  # type: ignore[no-untyped-def]
    with LLMServer() as srv:
        yield srv


FAULTS: list[tuple[str, Step]] = [
    ("429", Status(429, headers={"Retry-After": "0"})),
    ("500", Status(500)),
    ("non-JSON 200 body", Raw()),
    ("empty 200 body", Raw(b"")),
    ("truncated body", Truncated(Reply(DRAFT))),
    ("incomplete chunked body", ChunkedCut(Reply(DRAFT))),
    ("reset while reading", ResetMidBody(Reply(DRAFT))),
    ("dropped connection", Drop()),
]


@pytest.mark.parametrize(("name", "fault"), FAULTS, ids=[n for n, _ in FAULTS])
def test_a_transient_fault_is_retried_and_the_article_completes(server: LLMServer, name: str, fault: Step) -> None:
    server.enqueue(fault, Reply(DRAFT))
    store = Store(":memory:")
    extraction = extract_one(config(server.base_url), store=store)
    assert [c.count.phrase for c in extraction.casualties] == ["two"]
    assert len(server.requests) == 2
    assert server.requests[0].body == server.requests[1].body  # the same request, re-sent
    assert extraction.provenance.attempts == 1  # a transport retry is not a re-ask


EXHAUSTED: list[tuple[Step, str]] = [
    (Raw(), r"^model endpoint sent a bad body \(not JSON\) after 3 tries$"),
    (Raw(b""), r"^model endpoint sent a bad body \(empty\) after 3 tries$"),
    (Truncated(Reply(DRAFT)), r"^model endpoint sent a truncated body after 3 tries$"),
    (ChunkedCut(Reply(DRAFT)), r"^model endpoint sent a truncated body after 3 tries$"),
    (ResetMidBody(Reply(DRAFT)), r"^model endpoint unreachable \(connection reset\) after 3 tries$"),
    (Drop(), r"^model endpoint unreachable \(connection dropped\) after 3 tries$"),
    (Status(503), r"^model endpoint answered HTTP 503 \(server error\) after 3 tries$"),
]


@pytest.mark.parametrize(("fault", "message"), EXHAUSTED, ids=[m for _, m in EXHAUSTED])
def test_retries_spent_name_what_happened_and_never_the_body(server: LLMServer, fault: Step, message: str) -> None:
    server.default = fault
    with pytest.raises(BackendError, match=message) as info:
        extract_one(config(server.base_url, max_retries=2))
    assert len(server.requests) == 3
    assert "PLANTED" not in str(info.value) and "html" not in str(info.value)


def test_an_answer_over_the_size_cap_is_refused_while_read_and_not_retried(server: LLMServer) -> None:
    server.default = Huge(size=20 * 1024 * 1024)
    started = time.perf_counter()
    message = r"^the model endpoint's answer is larger than 1,048,576 bytes \(raise --max-response-mb\)$"
    with pytest.raises(BackendError, match=message):
        extract_one(config(server.base_url, max_response_bytes=1024 * 1024))
    assert time.perf_counter() - started < 10
    assert len(server.requests) == 1


def test_a_declared_length_over_the_cap_is_refused_before_reading(server: LLMServer) -> None:
    server.default = Raw(b"x" * 5000)
    with pytest.raises(BackendError, match="answer is larger than 4,096 bytes"):
        extract_one(config(server.base_url, max_response_bytes=4096))
    assert len(server.requests) == 1


def test_a_refused_connection_is_named_refused() -> None:
    with pytest.raises(BackendError, match=r"^model endpoint unreachable \(connection refused\) after 2 tries$"):
        extract_one(config(dead_url(), max_retries=1))


def test_timeout_bounds_each_request(server: LLMServer) -> None:
    server.enqueue(Reply(DRAFT, delay=3.0), Reply(DRAFT))
    started = time.perf_counter()
    extraction = extract_one(config(server.base_url, timeout=0.5))
    assert time.perf_counter() - started < 2.5
    assert len(extraction.casualties) == 1 and len(server.requests) == 2


def test_deadline_bounds_the_article(server: LLMServer) -> None:
    server.default = Reply(DRAFT, delay=3.0)
    started = time.perf_counter()
    with pytest.raises(BackendError, match=r"timed out|deadline"):
        extract_one(config(server.base_url, timeout=10.0, deadline=1.0, max_retries=5))
    assert time.perf_counter() - started < 2.5


# --------------------------------------------------------------------------- dead endpoints fail the run fast


def run(cfg: BackendConfig, n: int, db: Path | None, concurrency: int = 4) -> Any:
    options = RunOptions(backend=cfg, concurrency=concurrency, db_path=db)
    return asyncio.run(run_articles([article(i) for i in range(n)], options))


def test_a_dead_endpoint_fails_a_50_article_run_in_seconds_with_one_clear_line(tmp_path: Path) -> None:
    # The shipped retry policy (backoff from 1 s, 6 retries, 300 s deadline): only the breaker makes this fast.
    cfg = config(dead_url(), max_retries=6, deadline=300.0, options={"backoff_base": 1.0, "backoff_max": 30.0})
    started = time.perf_counter()
    report = run(cfg, 50, tmp_path / "s.db")
    elapsed = time.perf_counter() - started
    assert elapsed < 30, elapsed
    assert len(report.failures) == 50 and not report.extractions
    for failure in report.failures:
        assert "connection refused" in failure.reason and "\n" not in failure.reason
    assert sum("no more requests started" in f.reason for f in report.failures) >= 40


def test_articles_failed_by_the_breaker_run_again_on_resume(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    report = run(config(dead_url(), max_retries=1), 12, db)
    assert len(report.failures) == 12
    with LLMServer(default=Reply(DRAFT)) as server:
        again = run(config(server.base_url), 12, db)
    assert len(again.extractions) == 12 and not again.failures and again.reused == 0


def test_a_hung_endpoint_opens_the_breaker_too(server: LLMServer, tmp_path: Path) -> None:
    server.default = Reply(DRAFT, delay=5.0)
    started = time.perf_counter()
    report = run(config(server.base_url, timeout=0.3, max_retries=6), 20, tmp_path / "s.db")
    assert time.perf_counter() - started < 10
    assert len(report.failures) == 20
    assert all("timed out" in f.reason for f in report.failures)


def test_the_breaker_closes_when_the_endpoint_answers_again(server: LLMServer) -> None:
    # Four failures in a row stay under the threshold of five; an answer resets the count.
    server.enqueue(Drop(), Status(503), Reply(DRAFT))
    extraction = extract_one(config(server.base_url))
    assert len(extraction.casualties) == 1


# --------------------------------------------------------------------------- the call log tells the truth


def test_logs_count_transport_retries_and_re_asks_apart(server: LLMServer, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from summarizer.cli import app

    # Two transport faults, then an off-schema answer (a re-ask), then a good answer.
    server.enqueue(Status(500), Raw(), Reply({"unexpected": True}), Reply(DRAFT))
    store = Store(tmp_path / "s.db")
    extract_one(config(server.base_url), store=store)
    [call] = store.iter_calls()
    assert (call["attempts"], call["retries"], call["outcome"]) == (2, 2, "ok")
    store.close()
    result = CliRunner().invoke(app, ["logs", "--db", str(tmp_path / "s.db"), "--json"])
    assert result.exit_code == 0
    assert '"attempts": 2' in result.output and '"retries": 2' in result.output


def test_cached_input_tokens_are_reported_and_priced(server: LLMServer, tmp_path: Path) -> None:
    server.enqueue(Reply(DRAFT, input_tokens=2000, output_tokens=100, cached_tokens=1536))
    store = Store(tmp_path / "s.db")
    extraction = extract_one(config(server.base_url), store=store)
    usage = extraction.provenance.usage
    assert (usage.input_tokens, usage.cached_input_tokens) == (2000, 1536)
    # gpt-4o-mini: 0.15 per 1M uncached input, 0.075 cached, 0.60 output.
    expected = (464 * 0.15 + 1536 * 0.075 + 100 * 0.60) / 1_000_000
    assert extraction.provenance.cost_usd == pytest.approx(expected)
    [call] = store.iter_calls()
    assert call["cached_input_tokens"] == 1536


def test_the_run_summary_reports_cached_and_uncached_input_tokens(server: LLMServer, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from summarizer.cli import app

    server.default = Reply(DRAFT, input_tokens=2000, output_tokens=100, cached_tokens=1536)
    path = tmp_path / "a.txt"
    path.write_text(TEXT + "\n", encoding="utf-8")
    result = CliRunner().invoke(
        app,
        ["extract", str(path), "--backend", "openai", "--base-url", server.base_url, "--model", "gpt-4o-mini",
         "--db", str(tmp_path / "s.db"), "-o", str(tmp_path / "out.jsonl")],
        env={"OPENAI_API_KEY": "sk-test"},
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "2000 tokens in (1536 cached, 464 uncached), 100 out" in result.output
