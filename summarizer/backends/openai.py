"""The LLM backend: any OpenAI-compatible Chat Completions endpoint, through instructor.

Per article: split into chunks that fit the budget, answer each chunk from the response cache or by
asking the model for a :class:`DraftExtraction` (validation failures re-asked with the error, at most
``config.max_attempts`` answers), merge the chunks, and convert the draft. Grounding and normalisation
happen later, in the pipeline. Transport faults are retried underneath, separately (see
``backends/transport.py``). Every call is logged to the store; the API key goes nowhere but the
``Authorization`` header.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import ssl
import time
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import httpx
from pydantic import ValidationError

from summarizer.articles import Article
from summarizer.backends import answer_schema, structured
from summarizer.backends.base import BackendConfig, BackendError
from summarizer.backends.chat_http import ChatEndpoint, EndpointAnswerError, EndpointStatusError, body_problem
from summarizer.backends.structured import StructuredCall
from summarizer.backends.transport import (
    DEFAULT_BREAKER_THRESHOLD,
    AiohttpTransport,
    CircuitOpen,
    DeadlineExceeded,
    Fault,
    RetryingTransport,
    RetryPolicy,
    TooLarge,
    TransportState,
    begin,
    current_state,
    proxy_for,
)
from summarizer.cassette import (
    CachedResponse,
    CachedUsage,
    Cassette,
    CassetteError,
    CassetteRecorder,
    cache_key,
    write_cassette,
)
from summarizer.chunking import DEFAULT_CHUNK_TOKENS, DEFAULT_OVERLAP_SENTENCES, chunk_text, merge_drafts
from summarizer.costs import cost_usd
from summarizer.drafts import draft_to_extraction
from summarizer.models import SCHEMA_VERSION, ArticleExtraction, DraftExtraction, Provenance, Usage
from summarizer.prompts import PromptError, PromptTemplate, load_prompt
from summarizer.store import CallRecord, Store

DEFAULT_MODEL = "gpt-4o-mini"
MODES = ("json_schema", "tools", "json", "md_json")
_STATUS_WORDS = {
    400: "bad request",
    401: "authentication failed (check OPENAI_API_KEY)",
    403: "permission denied",
    404: "not found (check --model and --base-url)",
    408: "request timeout",
    409: "conflict",
    413: "request too large",
    422: "unprocessable request",
    429: "rate limited",
}


def _instructor_mode(name: str) -> Any:
    from instructor import Mode

    return {"json_schema": Mode.JSON_SCHEMA, "tools": Mode.TOOLS, "json": Mode.JSON, "md_json": Mode.MD_JSON}[name]


def default_mode(base_url: str | None) -> str:
    """Structured outputs (JSON schema) for OpenAI itself; tool calls, the most widely served, elsewhere."""
    if base_url is None or "api.openai.com" in base_url:
        return "json_schema"
    return "tools"


@lru_cache(maxsize=1)
def response_model() -> type[DraftExtraction]:
    """The response model handed to instructor, built once.

    instructor wraps a plain model in a fresh class on every call, which defeats its schema cache,
    and JSON-schema mode regenerates the schema per request: together tens of milliseconds per call.
    A pre-wrapped class with a memoised schema keeps the per-call overhead small. Same name; the schema is
    the lean one of ``backends/answer_schema.py``.
    """
    from instructor import response_schema

    base: Any = response_schema(DraftExtraction)

    # mypy cannot check a base class computed at run time, so `base` is Any and subclassing it is allowed here.
    class Wrapped(base):  # type: ignore[misc]
        @classmethod
        def model_json_schema(cls, *args: Any, **kwargs: Any) -> dict[str, Any]:
            # The lean schema (no titles, defaults or descriptions: the prompt explains every field) in every
            # mode that shows the model a schema; a fresh copy, as callers may edit what they get.
            return {"title": "DraftExtraction", **answer_schema.lean_schema()}  # instructor names tools by title

    Wrapped.__name__ = Wrapped.__qualname__ = "DraftExtraction"
    Wrapped.__doc__ = DraftExtraction.__doc__
    return Wrapped


@dataclass
class _Answer:
    draft: DraftExtraction
    input_tokens: int
    output_tokens: int
    attempts: int
    served_model: str | None
    cached_input_tokens: int = 0


def _field(value: Any, name: str) -> Any:
    # Usage objects are typed when the answer validated, plain dicts when it was read leniently.
    return value.get(name) if isinstance(value, dict) else getattr(value, name, None)


class _CallStats:
    """Counts model answers and their tokens for one call, across re-asks (fed by instructor's hooks)."""

    def __init__(self) -> None:
        self.answers = 0
        self.input_tokens = 0
        self.output_tokens = 0
        self.cached_input_tokens = 0
        self.served_model: str | None = None

    def on_response(self, response: Any) -> None:
        self.answers += 1
        usage = getattr(response, "usage", None)
        self.input_tokens += int(_field(usage, "prompt_tokens") or 0)
        self.output_tokens += int(_field(usage, "completion_tokens") or 0)
        # OpenAI, vLLM and llama.cpp's server report prompt-cache hits as prompt_tokens_details.cached_tokens.
        details = _field(usage, "prompt_tokens_details")
        self.cached_input_tokens += int(_field(details, "cached_tokens") or 0) if details is not None else 0
        self.served_model = getattr(response, "model", None) or self.served_model


class OpenAIBackend:
    """:class:`summarizer.backends.base.Backend` over an OpenAI-compatible endpoint."""

    name = "openai"
    shares_work = True  # runs sharing a store take a lease per article: each is paid for once

    def __init__(self, config: BackendConfig, store: Store | None = None, prompt: PromptTemplate | None = None) -> None:
        self.config = config
        self.store = store
        try:
            self.prompt = prompt or load_prompt(config.prompt or "extract")
        except PromptError as exc:
            raise BackendError(str(exc)) from None
        self.model = config.model or DEFAULT_MODEL
        self.base_url = config.resolved_base_url()
        if not config.resolved_api_key() and self.base_url is None:
            raise BackendError("OPENAI_API_KEY is not set; set it, or pass --base-url for a local server")
        mode = config.mode or default_mode(self.base_url)
        if mode not in MODES:
            raise BackendError(f"unknown mode {mode!r}; choose one of: {', '.join(MODES)}")
        self.mode = mode
        options = config.options
        self.chunk_tokens = int(options.get("chunk_tokens", DEFAULT_CHUNK_TOKENS))  # type: ignore[call-overload]
        self.overlap = int(options.get("overlap_sentences", DEFAULT_OVERLAP_SENTENCES))  # type: ignore[call-overload]
        self.temperature = options.get("temperature")
        self.max_tokens = options.get("max_tokens")
        self.policy = RetryPolicy(
            max_retries=config.max_retries,
            deadline=config.deadline,
            backoff_base=float(options.get("backoff_base", 1.0)),  # type: ignore[arg-type]
            backoff_max=float(options.get("backoff_max", 30.0)),  # type: ignore[arg-type]
            retry_after_max=float(options.get("retry_after_max", 120.0)),  # type: ignore[arg-type]
            timeout=config.timeout,
            max_response_bytes=config.max_response_bytes,
            breaker_threshold=int(options.get("breaker_threshold", DEFAULT_BREAKER_THRESHOLD)),  # type: ignore[call-overload]
            breaker_cooldown=float(options.get("breaker_cooldown", 30.0)),  # type: ignore[arg-type]
        )
        self.max_connections = int(options.get("max_connections", 128))  # type: ignore[call-overload]
        self.record_path = options.get("record")
        self._client: Any = None
        self._openai: Any = None
        self._transport: RetryingTransport | None = None
        self._call: StructuredCall | None = None
        # Tests compare the prepared path with instructor's own create; nothing else needs this switch.
        self._use_create = bool(options.get("instructor_create", False))
        # Answers this run used (cached or fresh), by cache key: what --record writes, each as it comes in.
        self.used: dict[str, CachedResponse] = {}
        self._recorder: CassetteRecorder | None = None
        # Answers from a Batch API run, by cache key (see backends/batch.py): valid ones are used as they are
        # (at batch prices); an invalid one's re-ask request is sent through the normal path.
        self._prepaid: dict[str, _Answer] = {}
        self._reasks: dict[str, tuple[dict[str, Any], _Answer]] = {}
        if self.record_path:
            try:
                self._recorder = CassetteRecorder(str(self.record_path), self.cassette())
            except CassetteError as exc:
                raise BackendError(str(exc)) from None

    # ------------------------------------------------------------------ protocol

    @property
    def settings(self) -> dict[str, Any]:
        """Backend settings that change the answer: part of every cache key and of the fingerprint."""
        return {
            "mode": self.mode,
            "chunk_tokens": self.chunk_tokens,
            "overlap_sentences": self.overlap,
            "temperature": self.temperature,
            "max_tokens": self.max_tokens,
        }

    def fingerprint(self) -> str:
        payload = json.dumps(
            {"model": self.model, "prompt": self.prompt.version, "schema": SCHEMA_VERSION, "settings": self.settings},
            sort_keys=True,
        )
        digest = hashlib.sha256(payload.encode()).hexdigest()[:16]
        return f"{self.name}:{self.model}:{self.prompt.version}:{digest}"

    def attach_store(self, store: Store | None) -> None:
        """Use ``store`` for the response cache and the call log (the pipeline hands over its store)."""
        self.store = store

    async def extract(self, article: Article) -> ArticleExtraction:
        started = time.perf_counter()
        begin(self.config.deadline)  # one transport deadline for all of this article's requests
        chunks = chunk_text(article.text, self.chunk_tokens, self.overlap)
        drafts: list[DraftExtraction] = []
        input_tokens = output_tokens = cached_input = attempts = 0
        cost: float | None = 0.0
        all_cached = True
        for chunk in chunks:
            key = cache_key(article.id, self.prompt.version, SCHEMA_VERSION, self.model, self.settings, chunk.text)
            cached = self._cached(key)
            if cached is not None:
                drafts.append(cached)
                self._log(article.id, _Usage(), 0.0, 0, "cached", None)
                continue
            all_cached = False
            call_started = time.perf_counter()
            state = current_state()
            retries_before = state.retries if state is not None else 0
            prepaid = self._prepaid.pop(key, None)
            reask = self._reasks.pop(key, None)
            batch_part = prepaid or (reask[1] if reask else None)  # what the Batch API answered, at its prices
            if batch_part is not None:
                usage = _Usage(batch_part.input_tokens, batch_part.output_tokens, batch_part.cached_input_tokens)
                self._log(article.id, usage, 0.0, batch_part.attempts, "batch", None, batch=True)
                input_tokens += batch_part.input_tokens
                output_tokens += batch_part.output_tokens
                cached_input += batch_part.cached_input_tokens
                attempts += batch_part.attempts
                cost = _add(cost, self._cost(usage, batch=True))
            if prepaid is not None:
                answer = prepaid
            else:
                messages = self.prompt.render_messages(article, chunk.text, chunk.index, len(chunks))
                try:
                    answer = await self._ask(messages, reask)
                except _CallFailed as failure:
                    latency = (time.perf_counter() - call_started) * 1000
                    retries = (state.retries if state is not None else 0) - retries_before
                    usage = _Usage(failure.input_tokens, failure.output_tokens, failure.cached_input_tokens)
                    self._log(article.id, usage, latency, failure.attempts, "error", failure.reason, retries)
                    raise BackendError(failure.reason) from None
                latency = (time.perf_counter() - call_started) * 1000
                retries = (state.retries if state is not None else 0) - retries_before
                input_tokens += answer.input_tokens
                output_tokens += answer.output_tokens
                cached_input += answer.cached_input_tokens
                attempts += answer.attempts
                usage = _Usage(answer.input_tokens, answer.output_tokens, answer.cached_input_tokens)
                cost = _add(cost, self._cost(usage))
                self._log(article.id, usage, latency, answer.attempts, "ok", None, retries)
            entry = CachedResponse(
                article_id=article.id,
                chunk_index=chunk.index,
                chunk_count=len(chunks),
                draft=answer.draft.model_dump(mode="json"),
                usage=CachedUsage(
                    input_tokens=answer.input_tokens + (reask[1].input_tokens if reask else 0),
                    output_tokens=answer.output_tokens + (reask[1].output_tokens if reask else 0),
                ),
                attempts=answer.attempts + (reask[1].attempts if reask else 0),
                served_model=answer.served_model,
            )
            self._use(key, entry)
            if self.store is not None:
                self.store.put_response(
                    key, entry.model_dump(mode="json"), article_id=article.id, backend=self.name, model=self.model,
                    prompt_version=self.prompt.version,
                )
            drafts.append(answer.draft)
        provenance = Provenance(
            backend=self.name,
            model=self.model,
            prompt_version=self.prompt.version,
            usage=Usage(input_tokens=input_tokens, output_tokens=output_tokens, cached_input_tokens=cached_input),
            cost_usd=cost,
            latency_ms=(time.perf_counter() - started) * 1000,
            attempts=max(1, attempts),
            cached=all_cached,
            created_at=dt.datetime.now(dt.UTC),
        )
        return draft_to_extraction(merge_drafts(drafts), article, provenance)

    async def aclose(self) -> None:
        """Close the HTTP client and the cassette being recorded (``options['record']``)."""
        if self._recorder is not None:
            self._recorder.close()
            self._recorder = None
        if self._openai is not None:
            await self._openai.close()  # closes the transport too
            self._openai = None
            self._client = None
            self._call = None
            self._transport = None

    # ------------------------------------------------------------------ cache and cassette

    def _cached(self, key: str) -> DraftExtraction | None:
        if self.store is None:
            return None
        raw = self.store.get_response(key)
        if raw is None:
            return None
        try:
            entry = CachedResponse.model_validate(raw)
            draft = DraftExtraction.model_validate(entry.draft)
        except ValidationError:
            return None  # an entry from an older layout: ask again rather than fail
        self._use(key, entry)
        return draft

    def _use(self, key: str, entry: CachedResponse) -> None:
        self.used[key] = entry
        if self._recorder is not None:
            try:
                self._recorder.add(key, entry)
            except CassetteError as exc:
                raise BackendError(str(exc)) from None

    def _log(
        self,
        article_id: str,
        usage: _Usage,
        latency_ms: float,
        attempts: int,
        outcome: str,
        error: str | None,
        retries: int = 0,
        *,
        batch: bool = False,
    ) -> None:
        # The log holds counts and a one-line reason only: never a prompt, a header or the key.
        if self.store is None:
            return
        self.store.log_call(
            CallRecord(
                article_id=article_id,
                backend=self.name,
                model=self.model,
                prompt_version=self.prompt.version,
                input_tokens=usage.input,
                output_tokens=usage.output,
                cost_usd=self._cost(usage, batch=batch),
                latency_ms=latency_ms,
                attempts=attempts,
                outcome=outcome,
                error=error,
                retries=retries,
                cached_input_tokens=usage.cached,
            )
        )

    def _cost(self, usage: _Usage, *, batch: bool = False) -> float | None:
        return cost_usd(self.model, usage.input, usage.output, cached_input_tokens=usage.cached, batch=batch)

    # ------------------------------------------------------------------ Batch API answers (backends/batch.py)

    def batch_requests(self, article: Article) -> list[dict[str, Any]]:
        """The requests this backend would send for ``article``, one per chunk not answered yet (cache misses).

        Each: ``custom_id`` (the cache key), ``article_id``, ``chunk_index``, ``chunk_count``, ``messages`` and
        the Chat Completions ``body``.
        """
        call = self._structured()
        if call is None:
            raise BackendError("--batch needs instructor's mode registry (instructor >= 1.10)")
        chunks = chunk_text(article.text, self.chunk_tokens, self.overlap)
        requests = []
        for chunk in chunks:
            key = cache_key(article.id, self.prompt.version, SCHEMA_VERSION, self.model, self.settings, chunk.text)
            if self.store is not None and self.store.get_response(key) is not None:
                continue
            messages = self.prompt.render_messages(article, chunk.text, chunk.index, len(chunks))
            requests.append(
                {
                    "custom_id": key,
                    "article_id": article.id,
                    "chunk_index": chunk.index,
                    "chunk_count": len(chunks),
                    "messages": messages,
                    "body": call.request(messages, model=self.model, **self._extra()),
                }
            )
        return requests

    def accept_batch_answer(self, key: str, messages: list[dict[str, str]], completion: Any) -> bool:
        """Take one answer of a batch for the chunk ``key``: True when it validates (used as is by
        :meth:`extract`), False when it does not (then :meth:`extract` sends the re-ask, with the error)."""
        call = self._structured()
        assert call is not None  # checked when the requests were built
        stats = _CallStats()
        stats.on_response(completion)
        body = call.request(messages, model=self.model, **self._extra())
        answered = _Answer(
            DraftExtraction.model_validate({"operations": [], "casualties": [], "claims": []}),
            stats.input_tokens, stats.output_tokens, 1, stats.served_model, stats.cached_input_tokens,
        )  # fmt: skip
        try:
            draft = call.parse(completion)
        except structured.PARSE_ERRORS as exc:
            self._reasks[key] = (call.reask(body, completion, exc), answered)
            return False
        answered.draft = draft
        self._prepaid[key] = answered
        return True

    def cassette(self) -> Cassette:
        """The answers this backend used so far, as a cassette."""
        return Cassette(
            created=dt.datetime.now(dt.UTC),
            backend=self.name,
            model=self.model,
            prompt_version=self.prompt.version,
            schema_version=SCHEMA_VERSION,
            settings=self.settings,
            responses=dict(sorted(self.used.items())),
        )

    def export_cassette(self, path: str) -> None:
        """Write the answers this run used to ``path`` (JSON, or YAML by suffix)."""
        write_cassette(path, self.cassette())

    # ------------------------------------------------------------------ the call

    def _openai_client(self) -> Any:
        """The OpenAI client over the retrying transport, built on first use."""
        if self._openai is None:
            from openai import AsyncOpenAI

            pool = httpx.Limits(max_connections=self.max_connections, max_keepalive_connections=self.max_connections)
            # aiohttp under httpx's interface: its connection pool costs a fraction of httpcore's CPU per
            # request, which is what many requests in flight on one event loop wait on.
            # Given a transport, httpx no longer reads proxy variables: the endpoint's proxy is looked up here.
            proxy = proxy_for(str(self.base_url or "https://api.openai.com/v1"))
            inner = AiohttpTransport(verify=_ssl_context(), limits=pool, proxy=proxy)
            self._transport = RetryingTransport(inner, self.policy, check_body=body_problem)
            http_client = httpx.AsyncClient(
                transport=self._transport,
                timeout=httpx.Timeout(self.config.timeout),
            )
            # max_retries=0: the transport above does all transport retries, with one policy.
            self._openai = AsyncOpenAI(
                api_key=self.config.resolved_api_key() or "no-key",  # local servers need no key but the client does
                base_url=self.base_url,
                max_retries=0,
                timeout=self.config.timeout,
                http_client=http_client,  # type: ignore[arg-type]  # the SDK takes an httpx client as well as httpx2
            )
        return self._openai

    def _instructor(self) -> Any:
        if self._client is None:
            import instructor

            self._client = instructor.from_openai(self._openai_client(), mode=_instructor_mode(self.mode))
        return self._client

    def _structured(self) -> StructuredCall | None:
        """instructor's request, parse and re-ask for this mode, prepared once (None: use instructor's create).

        Its requests go out through a :class:`ChatEndpoint` on the SDK client's own transport and headers.
        """
        if self._call is None and structured.AVAILABLE and not self._use_create:
            client = self._openai_client()
            assert self._transport is not None  # built with the client
            endpoint = ChatEndpoint(client, self._transport, self.config.timeout)
            self._call = StructuredCall(endpoint.post, _instructor_mode(self.mode), response_model())
        return self._call

    def _extra(self) -> dict[str, Any]:
        extra: dict[str, Any] = {}
        if self.temperature is not None:
            extra["temperature"] = self.temperature
        if self.max_tokens is not None:
            extra["max_tokens"] = self.max_tokens
        return extra

    async def _ask(
        self, messages: list[dict[str, str]], reask: tuple[dict[str, Any], _Answer] | None = None
    ) -> _Answer:
        """Ask for one chunk's draft; with ``reask``, start from the re-ask of an invalid batch answer."""
        stats = _CallStats()
        extra = self._extra()
        try:
            call = self._structured()
            if call is not None:
                body = call.request(messages, model=self.model, **extra) if reask is None else reask[0]
                left = max(1, self.config.max_attempts - (reask[1].attempts if reask else 0))
                draft = await call.ask(body, left, stats.on_response)
            else:
                draft = await self._ask_with_create(messages, extra, stats)
        except Exception as exc:  # every failure becomes one clear, key-free reason
            raise _CallFailed(_reason(exc, stats, current_state()), stats) from None
        return _Answer(
            draft, stats.input_tokens, stats.output_tokens, max(1, stats.answers), stats.served_model,
            stats.cached_input_tokens,
        )  # fmt: skip

    async def _ask_with_create(self, messages: list[dict[str, str]], extra: dict[str, Any], stats: _CallStats) -> Any:
        """The same call through instructor's public ``create`` (slower: it re-prepares everything per call)."""
        from instructor.core import Hooks

        hooks = Hooks()
        hooks.on("completion:response", stats.on_response)
        draft, _completion = await self._instructor().chat.completions.create_with_completion(
            model=self.model,
            messages=messages,
            response_model=response_model(),
            max_retries=max(0, self.config.max_attempts - 1),
            hooks=hooks,
            **extra,
        )
        return draft


def _add(total: float | None, cost: float | None) -> float | None:
    # An unknown price anywhere makes the total unknown: never a guessed figure.
    return None if total is None or cost is None else total + cost


@lru_cache(maxsize=1)
def _ssl_context() -> ssl.SSLContext:
    # Loading the CA bundle costs tens of milliseconds; one context serves every client of the process.
    return httpx.create_ssl_context()


@dataclass(frozen=True)
class _Usage:
    input: int = 0
    output: int = 0
    cached: int = 0


class _CallFailed(Exception):
    def __init__(self, reason: str, stats: _CallStats) -> None:
        super().__init__(reason)
        self.reason = reason
        self.attempts = stats.answers
        self.input_tokens = stats.input_tokens
        self.output_tokens = stats.output_tokens
        self.cached_input_tokens = stats.cached_input_tokens


def _tries(state: TransportState | None) -> str:
    return f" after {state.tries} tries" if state is not None and state.tries > 1 else ""


def _status_class(status: int) -> str:
    if status >= 500:
        return "server error"
    if status >= 400:
        return "client error"
    return "unexpected status: a redirect or no answer (check --base-url)"


def _fault(exc: BaseException) -> Fault | None:
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        if isinstance(current, Fault):
            return current
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return None


def _transport_reason(fault: Fault, state: TransportState | None) -> str:
    """One line for a transport fault, naming what happened: refused, timed out, reset, bad body..."""
    if isinstance(fault, CircuitOpen):
        return (
            f"model endpoint unreachable ({fault.problem}): {fault.failures} consecutive failures,"
            " no more requests started"
        )
    if isinstance(fault, DeadlineExceeded):
        return f"model endpoint: the article's deadline passed ({fault.problem}){_tries(state)}"
    if isinstance(fault, TooLarge):
        return f"the model endpoint's answer is larger than {fault.limit:,} bytes (raise --max-response-mb)"
    if fault.problem.startswith("bad body") or fault.problem == "truncated body":
        return f"model endpoint sent a {fault.problem}{_tries(state)}"
    if fault.problem == "timed out":
        return f"model endpoint timed out{_tries(state)}"
    return f"model endpoint unreachable ({fault.problem}){_tries(state)}"


def _reason(exc: BaseException, stats: _CallStats, state: TransportState | None) -> str:
    """One line naming what failed, built from types and status codes only: never a server's message."""
    import json as _json

    import openai
    from instructor.core import IncompleteOutputException, InstructorRetryException

    cause: BaseException = exc
    if isinstance(exc, InstructorRetryException) and exc.__cause__ is not None:
        cause = exc.__cause__
    fault = _fault(cause)
    if fault is not None:
        return _transport_reason(fault, state)
    if isinstance(cause, openai.APIStatusError | EndpointStatusError):
        status = cause.status_code
        words = _STATUS_WORDS.get(status, _status_class(status))
        return f"model endpoint answered HTTP {status} ({words}){_tries(state)}"
    if isinstance(cause, openai.APITimeoutError | httpx.TimeoutException):
        return f"model endpoint timed out{_tries(state)}"
    if isinstance(cause, openai.APIConnectionError | httpx.TransportError):
        problem = state.last_problem if state is not None and state.last_problem else "connection failed"
        return f"model endpoint unreachable ({problem}){_tries(state)}"
    if isinstance(cause, EndpointAnswerError):
        return str(cause)
    if isinstance(cause, IncompleteOutputException):
        return "the model's answer was cut off (output token limit reached)"
    if isinstance(cause, ValidationError):
        errors = cause.errors()
        first = errors[0] if errors else {"loc": (), "msg": "invalid"}
        where = ".".join(str(p) for p in first["loc"]) or "(top)"
        return (
            f"the model's answer failed validation after {max(1, stats.answers)} attempts "
            f"({len(errors)} problems; first: {where}: {first['msg']})"
        )
    if isinstance(cause, _json.JSONDecodeError):
        return f"the model's answer was not valid JSON after {max(1, stats.answers)} attempts"
    return f"model call failed: {type(cause).__name__}"
