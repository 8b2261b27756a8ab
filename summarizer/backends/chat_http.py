"""Post one Chat Completions request over httpx and read the answer as the SDK's ``ChatCompletion``.

The OpenAI SDK's request layer costs about 2 ms of CPU per call on top of httpx: it builds a typed
request options object, merges headers per call, walks the response through its recursive
``construct`` and runs httpx's cookie and redirect machinery. With many articles in flight on one event
loop that CPU is paid serially, and it is what held the backend's concurrency efficiency down. This
module sends the same request straight to the transport the SDK would use (the retrying transport of
``backends/transport.py``), with the headers the SDK itself computes, taken once from its public
``default_headers`` and ``auth_headers``; the answer is read with pydantic's validator in Rust, falling
back to the SDK's lenient ``construct`` for servers whose answers do not fit the type exactly.

Errors: a final status outside 2xx (redirects are not followed) raises :class:`EndpointStatusError` (status code only: a
server's message never travels further); timeouts, network faults and bodies that are not JSON (see
:func:`body_problem`) surface as the transport's named faults once its retries are spent.
"""

from __future__ import annotations

import json
from typing import Any

import httpx
from openai import AsyncOpenAI
from openai.types.chat import ChatCompletion
from pydantic import ValidationError


class EndpointStatusError(Exception):
    """The endpoint's final answer was not a 2xx. Holds the status code, never the body."""

    def __init__(self, status_code: int) -> None:
        super().__init__(f"HTTP {status_code}")
        self.status_code = status_code


class EndpointAnswerError(Exception):
    """The endpoint answered 2xx with something that is not a Chat Completions JSON object."""


class ChatEndpoint:
    """``POST {base_url}chat/completions`` through ``transport``, with the SDK client's headers and timeout."""

    def __init__(self, client: AsyncOpenAI, transport: httpx.AsyncBaseTransport, timeout: float) -> None:
        self.transport = transport
        self.url = httpx.URL(str(client.base_url)).join("chat/completions")
        headers: dict[str, str] = {}
        for name, value in {**client.default_headers, **client.auth_headers}.items():
            if isinstance(value, str):  # the SDK marks headers it leaves out with an Omit sentinel
                headers[name] = value
        self.headers = headers
        self.timeout = httpx.Timeout(timeout).as_dict()
        # Per top-level key, the last value seen (by identity) and its JSON: the schema a mode adds
        # (tools, response_format) is the same object in every request and the largest part of the body.
        self._encoded: dict[str, tuple[object, str]] = {}

    def encode(self, body: dict[str, Any]) -> bytes:
        """``body`` as compact UTF-8 JSON (as httpx encodes ``json=``), re-encoding only what changed.

        A member is reused only when it is the very object encoded last time for that key; the bodies
        this endpoint is given are built fresh per call and never edited after posting.
        """
        members = []
        for key, value in body.items():
            last = self._encoded.get(key)
            if last is not None and last[0] is value and key != "messages":
                text = last[1]
            else:
                text = _dumps(value)
                if isinstance(value, dict | list) and key != "messages":
                    self._encoded[key] = (value, text)
            members.append(f"{_dumps(key)}:{text}")
        return ("{" + ",".join(members) + "}").encode()

    def request(self, body: dict[str, Any]) -> httpx.Request:
        """The HTTP request for ``body``."""
        extensions = {"timeout": self.timeout}
        return httpx.Request("POST", self.url, headers=self.headers, content=self.encode(body), extensions=extensions)

    async def post(self, body: dict[str, Any]) -> ChatCompletion:
        """Send ``body`` and return the completion; raise :class:`EndpointStatusError` on an error status."""
        response = await self.transport.handle_async_request(self.request(body))
        try:
            content = await response.aread()
        finally:
            await response.aclose()
        if not 200 <= response.status_code < 300:  # redirects are not followed: an API answers in place
            raise EndpointStatusError(response.status_code)
        return parse_completion(content)


def body_problem(request: httpx.Request, status: int, body: bytes) -> str | None:
    """What is wrong with a 2xx Chat Completions body, if anything: the transport retries a named problem.

    Only a body that is not JSON at all (an HTML error page from a proxy, a body cut short) is named:
    a JSON answer of the wrong shape comes from the wrong endpoint and would come again.
    """
    if not request.url.path.endswith("/chat/completions"):
        return None
    try:
        json.loads(body)
    except ValueError:
        return "empty" if not body.strip() else "not JSON"
    return None


def _dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def parse_completion(content: bytes) -> ChatCompletion:
    """A ``ChatCompletion`` from a response body: validated when it fits, else built as leniently as the SDK does."""
    try:
        return ChatCompletion.model_validate_json(content)
    except ValidationError:
        pass
    try:
        data = json.loads(content)
    except ValueError:
        raise EndpointAnswerError("the model endpoint's answer is not JSON") from None
    if not isinstance(data, dict):
        raise EndpointAnswerError("the model endpoint's answer is not a JSON object") from None
    if not isinstance(data.get("choices"), list) or not data["choices"]:
        raise EndpointAnswerError("the model endpoint's answer has no choices")
    # The SDK's own reading of an answer: no validation, nested types built where they fit.
    return ChatCompletion.model_construct(**data)
