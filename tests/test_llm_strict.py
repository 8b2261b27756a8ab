"""Strict answers: an answer off the draft schema is invalid and re-asked, never read as "nothing found"."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from pydantic import ValidationError

from summarizer.articles import make_article
from summarizer.backends import answer_schema
from summarizer.backends.base import BackendConfig, BackendError
from summarizer.backends.openai import OpenAIBackend
from summarizer.models import DraftExtraction
from tests.llm_server import LLMServer, Reply

TEXT = "Gunmen attacked a checkpoint in Kafr Dara on Sunday, killing three guards, a police spokesman said."
GOOD = {
    "summary": "Gunmen killed three guards at a checkpoint.",
    "operations": [{"kind": "attack", "places": ["Kafr Dara"], "quote": "Gunmen attacked a checkpoint in Kafr Dara"}],
    "casualties": [
        {"victims": "guards", "outcome": "killed", "count_phrase": "three", "quote": "killing three guards"}
    ],
    "claims": [],
}


def run(server: LLMServer, mode: str, max_attempts: int = 3) -> Any:
    config = BackendConfig(
        name="openai", model="gpt-4o-mini", base_url=server.base_url, api_key="sk-test", mode=mode,
        timeout=5.0, max_attempts=max_attempts, max_retries=0, options={"backoff_base": 0.01},
    )  # fmt: skip

    async def go() -> Any:
        backend = OpenAIBackend(config)
        try:
            return await backend.extract(make_article(TEXT, "kafr.txt", {}))
        finally:
            await backend.aclose()

    return asyncio.run(go())


@pytest.fixture
def server():  # type: ignore[no-untyped-def]
    with LLMServer() as srv:
        yield srv


# --------------------------------------------------------------------------- the model


@pytest.mark.parametrize(
    "answer",
    [
        {},  # nothing at all
        {"unexpected": True},  # none of the schema's keys
        {"summary": "Quiet day."},  # the summary alone: the lists are required
        {**GOOD, "notes": "extra"},  # an unknown top-level key
    ],
)
def test_off_schema_answers_are_invalid(answer: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        DraftExtraction.model_validate(answer)


def test_empty_lists_are_a_valid_answer() -> None:
    draft = DraftExtraction.model_validate({"operations": [], "casualties": [], "claims": []})
    assert (draft.operations, draft.casualties, draft.claims, draft.summary) == ([], [], [], "")


# --------------------------------------------------------------------------- against the loopback server


@pytest.mark.parametrize("mode", ["tools", "json_schema", "json", "md_json"])
def test_an_off_schema_answer_is_re_asked_with_the_validation_error(server: LLMServer, mode: str) -> None:
    server.enqueue(Reply({"unexpected": True}), Reply(GOOD))
    extraction = run(server, mode)
    assert len(server.requests) == 2
    assert extraction.provenance.attempts == 2
    assert [c.count.phrase for c in extraction.casualties] == ["three"]
    reask = server.requests[1].text
    assert "operations" in reask and "Field required" in reask  # the model is told what was wrong
    assert "unexpected" in reask  # ... and shown its own answer


def test_an_answer_that_never_fits_fails_the_article_with_a_clear_line(server: LLMServer) -> None:
    server.enqueue(Reply({"unexpected": True}), Reply({"unexpected": True}))
    with pytest.raises(BackendError, match=r"failed validation after 2 attempts") as info:
        run(server, "tools", max_attempts=2)
    assert "\n" not in str(info.value)
    assert len(server.requests) == 2


# --------------------------------------------------------------------------- the schema shown to the model


def _objects(node: Any) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    if isinstance(node, dict):
        if isinstance(node.get("properties"), dict):
            found.append(node)
        for key, value in node.items():
            if key != "properties":
                found.extend(_objects(value))
            else:
                for sub in value.values():
                    found.extend(_objects(sub))
    elif isinstance(node, list):
        for value in node:
            found.extend(_objects(value))
    return found


def test_strict_schema_requires_every_property_and_forbids_others() -> None:
    schema = answer_schema.strict_schema()
    objects = _objects(schema)
    assert len(objects) == 4  # the draft and its three item types
    for node in objects:
        assert node["additionalProperties"] is False
        assert set(node["required"]) == set(node["properties"])
    casualty = schema["$defs"]["DraftCasualty"]["properties"]
    # Optional fields are nullable; fields with a value default must be written out; no unsupported keywords.
    assert {"type": "null"} in casualty["perpetrator"]["anyOf"]
    assert casualty["background"] == {"type": "boolean"}
    text = str(schema)
    for keyword in ("'default'", "'title'", "'minLength'", "'minimum'", "'description'"):
        assert keyword not in text


def test_every_answer_the_strict_schema_allows_for_optional_fields_validates() -> None:
    # All optional fields written as null, as a strict server writes them.
    nulls = {
        "summary": "s",
        "operations": [
            {"name": None, "phase": None, "kind": "raid", "status": "unknown", "by": [], "against": [], "places": [],
             "date_phrase": None, "summary": "", "background": False, "quote": "q"}
        ],
        "casualties": [
            {"victims": "v", "outcome": "killed", "count_phrase": "two", "perpetrator": None, "place": None,
             "date_phrase": None, "reported_by": None, "reported_by_role": None, "operation_index": None,
             "background": False, "quote": "q"}
        ],
        "claims": [
            {"claimant": "c", "claimant_role": None, "kind": "statement", "content": "x", "direct_quote": None,
             "operation_index": None, "quote": "q"}
        ],
    }  # fmt: skip
    strict = answer_schema.strict_schema()["$defs"]
    for field, item in (("operations", "DraftOperation"), ("casualties", "DraftCasualty"), ("claims", "DraftClaim")):
        assert set(nulls[field][0]) == set(strict[item]["required"])  # type: ignore[index]
    DraftExtraction.model_validate(nulls)


def test_json_schema_mode_sends_the_strict_schema_and_tools_mode_the_lean_one(server: LLMServer) -> None:
    server.enqueue(Reply(GOOD), Reply(GOOD))
    run(server, "json_schema")
    run(server, "tools")
    strict_body, tools_body = (r.body for r in server.requests)
    assert strict_body["response_format"] == answer_schema.strict_response_format()
    assert strict_body["response_format"]["json_schema"]["strict"] is True
    parameters = tools_body["tools"][0]["function"]["parameters"]
    assert sorted(parameters["required"]) == ["casualties", "claims", "operations"]
    assert parameters["additionalProperties"] is False
    assert "description" not in str(parameters["$defs"])


@pytest.mark.parametrize("mode", ["tools", "json_schema", "json"])
def test_requests_for_different_articles_differ_only_in_the_last_message(server: LLMServer, mode: str) -> None:
    # The constant part first (schema, rules, example), the article last: a prompt cache can serve the prefix.
    config = BackendConfig(
        name="openai", model="gpt-4o-mini", base_url=server.base_url, api_key="sk-test", mode=mode, max_retries=0
    )

    async def go() -> None:
        backend = OpenAIBackend(config)
        try:
            for i, place in enumerate(["Kafr Dara", "Tel Sabr"]):
                server.enqueue(Reply(GOOD))
                await backend.extract(make_article(TEXT.replace("Kafr Dara", place), f"{i}.txt", {}))
        finally:
            await backend.aclose()

    asyncio.run(go())
    first, second = (dict(r.body) for r in server.requests)
    first_messages, second_messages = first.pop("messages"), second.pop("messages")
    assert first == second  # model, schema, tool choice: byte for byte
    assert first_messages[:-1] == second_messages[:-1] and first_messages[-1] != second_messages[-1]
    assert "Tel Sabr" not in str(second_messages[:-1]) and "article-" not in str(first_messages[0]).replace(
        "article-…", ""
    )
