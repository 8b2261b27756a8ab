"""The backend's prepared call sends what instructor's own ``create`` sends, and ends the same way.

The backend prepares instructor's request, parse and re-ask pieces once per run instead of letting
``create`` re-derive them per call. These tests run both paths against the loopback server with the
same script and compare what the server received, request by request, and what came back.
"""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from summarizer.backends import answer_schema
from summarizer.backends.base import BackendConfig
from summarizer.backends.openai import OpenAIBackend
from tests.llm_server import LLMServer, Reply, Status

DRAFT = {
    "summary": "Border guards stopped a truck near Qasr Shirin.",
    "operations": [{"kind": "raid", "by": ["border guards"], "quote": "Border guards stopped a truck"}],
    "casualties": [],
    "claims": [],
}
BAD = {"operations": [{"kind": "levitation", "quote": "Border guards stopped a truck"}], "casualties": [], "claims": []}
# A number as a string: accepted by lax validation, refused by strict (instructor's default).
LAX = {
    **DRAFT,
    "casualties": [
        {
            "victims": "driver",
            "outcome": "wounded",
            "count_phrase": "one",
            "operation_index": "0",
            "quote": "Border guards stopped a truck",
        }
    ],
}
MESSAGES = [
    {"role": "system", "content": "You read articles and answer with the schema."},
    {"role": "user", "content": "<a>Border guards stopped a truck near Qasr Shirin on Friday.</a>"},
]


def backend(server: LLMServer, mode: str, create: bool, **overrides: Any) -> OpenAIBackend:
    values: dict[str, Any] = {
        "name": "openai", "model": "gpt-4o-mini", "base_url": server.base_url, "api_key": "sk-test",
        "mode": mode, "timeout": 5.0, "max_attempts": 3, "max_retries": 0,
        "options": {"instructor_create": create, "temperature": 0.0},
    }  # fmt: skip
    values.update(overrides)
    return OpenAIBackend(BackendConfig(**values))


def ask(server: LLMServer, mode: str, create: bool, *steps: Reply | Status, **overrides: Any) -> tuple[Any, list]:
    """Run one call with ``steps`` scripted; return (answer or exception, request bodies received)."""
    server.requests.clear()
    server.enqueue(*steps)

    async def go() -> Any:
        client = backend(server, mode, create, **overrides)
        try:
            return await client._ask([dict(m) for m in MESSAGES])
        except Exception as exc:  # the failure itself is what is compared
            return exc
        finally:
            await client.aclose()

    outcome = asyncio.run(go())
    return outcome, [r.body for r in server.requests]


@pytest.fixture
def server():  # type: ignore[no-untyped-def]
    with LLMServer() as srv:
        yield srv


@pytest.mark.parametrize("mode", ["tools", "json_schema", "json", "md_json"])
def test_same_requests_and_answer_with_a_re_ask(server: LLMServer, mode: str) -> None:
    fast, fast_bodies = ask(server, mode, False, Reply(BAD), Reply(DRAFT))
    slow, slow_bodies = ask(server, mode, True, Reply(BAD), Reply(DRAFT))
    assert len(fast_bodies) == len(slow_bodies) == 2
    if mode == "json_schema":
        # The one intended difference: strict structured outputs, generated from the same model.
        for body in fast_bodies:
            assert body.pop("response_format") == answer_schema.strict_response_format()
        for body in slow_bodies:
            assert body.pop("response_format")["json_schema"].get("strict") is not True
    assert fast_bodies == slow_bodies  # the schema, the messages and the re-ask text, byte for byte as JSON
    assert fast.draft.model_dump() == slow.draft.model_dump()
    assert (fast.attempts, fast.input_tokens, fast.output_tokens) == (slow.attempts, slow.input_tokens, 2 * 20)
    assert type(fast.draft).__name__ == type(slow.draft).__name__ == "DraftExtraction"


@pytest.mark.parametrize(("mode", "answer"), [("tools", BAD), ("json", BAD), ("json_schema", LAX)])
def test_same_failure_when_every_answer_is_invalid(server: LLMServer, mode: str, answer: dict) -> None:
    fast, fast_bodies = ask(server, mode, False, Reply(answer), Reply(answer), max_attempts=2)
    slow, slow_bodies = ask(server, mode, True, Reply(answer), Reply(answer), max_attempts=2)
    for body in fast_bodies + slow_bodies:
        body.pop("response_format", None)  # strict on the prepared path only (see the test above)
    assert fast_bodies == slow_bodies and len(fast_bodies) == 2
    assert str(fast) == str(slow) and "failed validation after 2 attempts" in str(fast)


def test_same_failure_on_a_client_error(server: LLMServer) -> None:
    fast, fast_bodies = ask(server, "tools", False, Status(401))
    slow, slow_bodies = ask(server, "tools", True, Status(401))
    assert fast_bodies == slow_bodies and len(fast_bodies) == 1
    assert str(fast) == str(slow) and "HTTP 401" in str(fast)


def test_same_failure_when_the_server_fails_during_a_re_ask(server: LLMServer) -> None:
    fast, fast_bodies = ask(server, "json", False, Reply("not json at all"), Status(500))
    slow, slow_bodies = ask(server, "json", True, Reply("not json at all"), Status(500))
    assert fast_bodies == slow_bodies and len(fast_bodies) == 2
    assert "not json at all" in str(fast_bodies[1]["messages"])  # the re-ask quotes the bad answer
    assert str(fast) == str(slow) and "HTTP 500" in str(fast)
