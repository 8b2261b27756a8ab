"""One structured answer from a Chat Completions endpoint, on instructor's own pieces, prepared once.

instructor's ``create`` re-derives everything on every call: it walks the response model's whole class
graph for async validators about seven times, prepares the model and the request again, and then the
OpenAI SDK walks the request (the model's JSON schema included) against its typed parameter
declarations. For a schema of our size that was most of the client's CPU per article.

Here the same pieces are taken from instructor's mode registry and prepared once per backend: the
request shape of the mode (tools and tool_choice, or response_format, or the schema in the system
message), its response parser and its re-ask messages. The request goes out through ``post``: the
backend's :class:`~summarizer.backends.chat_http.ChatEndpoint` (the same headers, the same transport
and its retries, none of the SDK's per-call request machinery). So the server sees the requests
instructor would send, in the same order, and the model is re-asked with instructor's words; only the
per-call re-derivation is gone.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from typing import Any

from openai.types.chat import ChatCompletion
from pydantic import BaseModel, ValidationError

from summarizer.backends import answer_schema

try:  # instructor's v2 mode registry (1.1x and later); without it the backend calls instructor's create
    from instructor import Mode
    from instructor.v2.core.errors import AsyncValidationError, ResponseParsingError
    from instructor.v2.core.providers import Provider
    from instructor.v2.core.registry import mode_registry
    from instructor.v2.core.response_model import prepare_response_model
except ImportError:  # pragma: no cover - depends on the installed instructor
    AVAILABLE = False
else:
    AVAILABLE = True

Message = dict[str, Any]
Post = Callable[[dict[str, Any]], Awaitable[ChatCompletion]]
# The answers instructor re-asks for (its retry loop's list): anything else ends the call at once.
PARSE_ERRORS: tuple[type[Exception], ...] = (
    (ValidationError, json.JSONDecodeError, AsyncValidationError, ResponseParsingError)
    if AVAILABLE
    else (ValidationError, json.JSONDecodeError)
)
_PROBE = ({"role": "system", "content": "\x00system\x00"}, {"role": "user", "content": "\x00user\x00"})


class StructuredCall:
    """Asks ``post`` for a ``response_model`` in one instructor ``mode``, re-asking invalid answers."""

    def __init__(self, post: Post, mode: Mode, response_model: type[BaseModel]) -> None:
        self.post = post
        self.handlers = mode_registry.get_handlers(Provider.OPENAI, mode)
        self.response_model: Any = prepare_response_model(response_model)
        self._fixed = self._fixed_part()

    def _fixed_part(self) -> dict[str, Any] | None:
        """What the mode adds to every request (tools, response_format), when it leaves the messages alone.

        Found by asking the mode's own request handler once about probe messages. Modes that write the
        schema into the messages (json, md_json) return None and run the handler on every call.
        """
        probe = [dict(m) for m in _PROBE]
        _, kwargs = self.handlers.request_handler(response_model=self.response_model, kwargs={"messages": probe})
        if kwargs.pop("messages", None) != list(_PROBE):
            return None
        response_format = kwargs.get("response_format")
        if isinstance(response_format, dict) and response_format.get("type") == "json_schema":
            # Strict structured outputs: the server decodes to the schema (all properties required, optional
            # ones nullable, no others), generated from the same pydantic model.
            name = response_format.get("json_schema", {}).get("name", "DraftExtraction")
            kwargs["response_format"] = answer_schema.strict_response_format(name)
        return kwargs

    def request(self, messages: list[Message], **params: Any) -> dict[str, Any]:
        """The request body instructor would send for ``messages`` (a fresh dict and message list each call)."""
        if self._fixed is not None:
            kwargs = {**params, "messages": [dict(m) for m in messages], **self._fixed}
        else:
            _, kwargs = self.handlers.request_handler(
                response_model=self.response_model, kwargs={**params, "messages": [dict(m) for m in messages]}
            )
        if self.handlers.message_converter is not None:
            kwargs["messages"] = self.handlers.message_converter(kwargs["messages"], autodetect_images=False)
        return kwargs

    def parse(self, completion: ChatCompletion) -> Any:
        """The mode's reading of one answer; raises one of :data:`PARSE_ERRORS` when it does not validate."""
        return self.handlers.response_parser(
            response=completion,
            response_model=self.response_model,
            validation_context=None,
            strict=True,  # instructor's default for create
            stream=False,
            is_async=True,
        )

    def reask(self, body: dict[str, Any], completion: ChatCompletion, exc: Exception) -> dict[str, Any]:
        """The request that re-asks after ``completion`` failed with ``exc`` (instructor's words)."""
        result: dict[str, Any] = self.handlers.reask_handler(kwargs=body, response=completion, exception=exc)
        return result

    async def ask(self, body: dict[str, Any], max_attempts: int, on_response: Callable[[ChatCompletion], None]) -> Any:
        """Post ``body``; parse the answer as the mode does; re-ask (instructor's messages) up to ``max_attempts``.

        The last parse error is raised as is when every answer failed; transport errors are ``post``'s.
        """
        attempt = 0
        while True:
            attempt += 1
            completion = await self.post(body)
            on_response(completion)
            try:
                return self.parse(completion)
            except PARSE_ERRORS as exc:
                if attempt >= max_attempts:
                    raise
                body = self.reask(body, completion, exc)
