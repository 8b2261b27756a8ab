"""The backend's own Chat Completions post: the SDK's headers, answers read leniently, statuses named.

The backend posts through :class:`summarizer.backends.chat_http.ChatEndpoint` rather than the SDK's
request layer (see that module); these tests hold it to what the SDK would have done.
"""

from __future__ import annotations

import json

import httpx
import pytest

from summarizer.backends.base import BackendError
from summarizer.backends.chat_http import ChatEndpoint, EndpointAnswerError, parse_completion
from summarizer.backends.transport import proxy_for
from tests.llm_server import LLMServer, Reply, Status
from tests.test_llm_backend import DRAFT, KEY, config, extract_one


@pytest.fixture
def server():  # type: ignore[no-untyped-def]
    with LLMServer(default=Reply(DRAFT)) as srv:
        yield srv


def test_request_carries_the_sdk_headers(server: LLMServer, monkeypatch: pytest.MonkeyPatch) -> None:
    # The SDK reads the organisation and project from the environment; they must still reach the server.
    monkeypatch.setenv("OPENAI_ORG_ID", "org-planted")
    monkeypatch.setenv("OPENAI_PROJECT_ID", "proj-planted")
    extract_one(config(server))
    headers = server.requests[0].headers
    assert headers["authorization"] == f"Bearer {KEY}"
    assert headers["openai-organization"] == "org-planted"
    assert headers["openai-project"] == "proj-planted"
    assert headers["content-type"] == "application/json"
    assert headers["user-agent"].startswith("AsyncOpenAI/Python")
    assert server.requests[0].path.endswith("/v1/chat/completions")


def test_unset_organisation_sends_no_header(server: LLMServer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OPENAI_ORG_ID", raising=False)
    monkeypatch.delenv("OPENAI_PROJECT_ID", raising=False)
    extract_one(config(server))
    assert "openai-organization" not in server.requests[0].headers


def test_redirect_is_an_error_naming_the_base_url(server: LLMServer) -> None:
    server.default = Status(307, body={}, headers={"Location": "http://127.0.0.1:9/elsewhere"})
    with pytest.raises(BackendError, match=r"HTTP 307 \(unexpected status.*check --base-url\)"):
        extract_one(config(server))
    assert len(server.requests) == 1  # not followed, not retried


def test_error_body_never_reaches_the_reason(server: LLMServer) -> None:
    server.default = Status(403, body={"error": {"message": "PLANTED-SERVER-TEXT", "type": "x"}})
    with pytest.raises(BackendError) as caught:
        extract_one(config(server))
    assert "HTTP 403 (permission denied)" in str(caught.value)
    assert "PLANTED" not in str(caught.value)


def test_encoding_reuses_only_unchanged_members() -> None:
    import httpx
    from openai import AsyncOpenAI

    endpoint = ChatEndpoint(AsyncOpenAI(api_key="k", base_url="http://127.0.0.1:9/v1"), httpx.AsyncHTTPTransport(), 5)
    tools = [{"type": "function", "function": {"name": "F", "parameters": {"type": "object"}}}]
    first = {"model": "m", "messages": [{"role": "user", "content": "é"}], "tools": tools}
    assert json.loads(endpoint.encode(first)) == first
    # The same tools object again: its JSON is reused; new messages are encoded anew.
    second = {"model": "m", "messages": [{"role": "user", "content": "two"}], "tools": tools}
    assert json.loads(endpoint.encode(second)) == second
    # An equal but different tools object (a re-ask may build one) is encoded from itself.
    changed = [{"type": "function", "function": {"name": "G", "parameters": {"type": "object"}}}]
    third = {"model": "m", "messages": second["messages"], "tools": changed}
    assert json.loads(endpoint.encode(third)) == third
    assert "é".encode() in endpoint.encode(first)  # UTF-8, not \u escapes, as httpx sends json=


def test_sparse_answer_is_read_leniently() -> None:
    # Some OpenAI-compatible servers leave out id, created, object and usage.
    body = {"choices": [{"message": {"role": "assistant", "content": '{"operations": []}'}, "finish_reason": "stop"}]}
    completion = parse_completion(json.dumps(body).encode())
    assert completion.choices[0].message.content == '{"operations": []}'
    assert completion.choices[0].finish_reason == "stop"
    assert completion.usage is None


def test_full_answer_is_validated_into_typed_objects() -> None:
    body = {
        "id": "c1", "object": "chat.completion", "created": 1, "model": "m",
        "choices": [{"index": 0, "finish_reason": "stop", "message": {"role": "assistant", "content": "{}"}}],
        "usage": {"prompt_tokens": 7, "completion_tokens": 3, "total_tokens": 10},
    }  # fmt: skip
    completion = parse_completion(json.dumps(body).encode())
    assert completion.usage is not None and completion.usage.prompt_tokens == 7
    assert completion.model == "m"


@pytest.mark.parametrize("raw", [b"<html>gateway</html>", b"[1, 2]", b'{"choices": []}'])
def test_an_answer_that_is_not_a_json_object_is_named(raw: bytes) -> None:
    with pytest.raises(EndpointAnswerError, match=r"not JSON|not a JSON object|has no choices"):
        parse_completion(raw)


def test_a_2xx_answer_without_choices_fails_the_article_clearly(server: LLMServer) -> None:
    server.default = Status(200, body={"object": "list", "data": []})  # a wrong endpoint behind the base URL
    with pytest.raises(BackendError, match=r"^the model endpoint's answer has no choices$"):
        extract_one(config(server))


def test_proxy_from_the_environment_carries_the_request(server: LLMServer, monkeypatch: pytest.MonkeyPatch) -> None:
    # The loopback server plays the proxy: a proxied plain-HTTP request arrives in absolute form, and the server
    # answers it itself, so the made-up model host is never looked up.
    for name in ("NO_PROXY", "no_proxy", "HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy", "http_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HTTP_PROXY", server.base_url.removesuffix("/v1"))
    extract_one(config(server, base_url="http://model.example.invalid/v1"))
    assert server.requests[0].path == "http://model.example.invalid/v1/chat/completions"


def test_a_loopback_endpoint_is_never_proxied(server: LLMServer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HTTP_PROXY", "http://127.0.0.1:9")  # nothing listens there: a proxied request would fail
    monkeypatch.delenv("NO_PROXY", raising=False)
    monkeypatch.delenv("no_proxy", raising=False)
    extract_one(config(server))
    assert server.requests[0].path == "/v1/chat/completions"


@pytest.mark.parametrize(
    ("env", "url", "expected"),
    [
        ({"HTTPS_PROXY": "http://proxy.test:3128"}, "https://api.example.com/v1", "http://proxy.test:3128"),
        ({"HTTPS_PROXY": "http://proxy.test:3128", "NO_PROXY": "example.com"}, "https://api.example.com/v1", None),
        ({"HTTPS_PROXY": "http://proxy.test:3128"}, "http://api.example.com/v1", None),  # no HTTP_PROXY
        ({"ALL_PROXY": "http://proxy.test:3128"}, "http://api.example.com/v1", "http://proxy.test:3128"),
        ({"HTTP_PROXY": "http://proxy.test:3128"}, "http://localhost:8080/v1", None),
        ({"HTTP_PROXY": "http://proxy.test:3128"}, "http://[::1]:8080/v1", None),
        ({}, "https://api.example.com/v1", None),
    ],
)
def test_proxy_for(monkeypatch: pytest.MonkeyPatch, env: dict[str, str], url: str, expected: str | None) -> None:
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    proxy = proxy_for(url)
    assert (str(proxy.url) if proxy else None) == (str(httpx.URL(expected)) if expected else None)
