"""Transport retries for HTTP model endpoints, kept apart from validation re-asks.

An httpx transport that retries what is worth retrying (429 honouring Retry-After, 408/409/5xx,
timeouts, refused or dropped connections) with exponential backoff, full jitter and a total deadline,
and hands everything else (400, 401, 404...) straight back. It sits under the OpenAI client, whose own
retries are off, so these are the only transport retries; instructor sees only final answers and
re-asks only for answers that fail validation.
"""

from __future__ import annotations

import contextvars
import email.utils
import ipaddress
import time
import urllib.request
from dataclasses import dataclass, field

import aiohttp
import httpx
import httpx_aiohttp
from tenacity import AsyncRetrying, RetryCallState, retry_if_exception, stop_after_attempt, wait_random_exponential

RETRY_STATUSES = frozenset({408, 409, 429, 500, 502, 503, 504})


@dataclass
class RetryPolicy:
    """How hard to try: ``max_retries`` after the first try, within ``deadline`` seconds in all."""

    max_retries: int = 6
    deadline: float = 600.0
    backoff_base: float = 1.0  # seconds; the jittered wait grows as base * 2**n
    backoff_max: float = 30.0
    retry_after_max: float = 120.0  # never sleep longer than this on a server's say-so


@dataclass
class TransportState:
    """What the transport did for one unit of work (one article): shared across its requests."""

    deadline: float  # time.monotonic() after which no new try starts
    tries: int = 0
    retries: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def last_problem(self) -> str | None:
        return self.problems[-1] if self.problems else None


_STATE: contextvars.ContextVar[TransportState | None] = contextvars.ContextVar("transport_state", default=None)


def begin(deadline_s: float) -> TransportState:
    """Start a unit of work (one article) in the current task: its requests share one deadline."""
    state = TransportState(deadline=time.monotonic() + deadline_s)
    _STATE.set(state)
    return state


def current_state() -> TransportState | None:
    """The state of the unit of work running in the current task, if one was begun."""
    return _STATE.get()


class RetryableStatus(Exception):
    """A response whose status is worth another try."""

    def __init__(self, response: httpx.Response) -> None:
        super().__init__(f"HTTP {response.status_code}")
        self.response = response
        self.retry_after = retry_after_seconds(response.headers)


def retry_after_seconds(headers: httpx.Headers) -> float | None:
    """Seconds to wait from ``retry-after-ms`` or ``Retry-After`` (seconds or an HTTP date), if given."""
    value = headers.get("retry-after-ms")
    if value:
        try:
            return max(0.0, float(value) / 1000)
        except ValueError:
            pass
    value = headers.get("retry-after")
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def describe(exc: BaseException) -> str:
    """A short, key-free name for a transport problem (never the server's message)."""
    if isinstance(exc, RetryableStatus):
        return f"HTTP {exc.response.status_code}"
    if isinstance(exc, httpx.TimeoutException):
        return "timeout"
    if isinstance(exc, httpx.RemoteProtocolError):
        return "connection dropped"
    if isinstance(exc, httpx.ConnectError):
        return "connection refused"
    return "network error"


def _retryable(exc: BaseException) -> bool:
    return isinstance(exc, RetryableStatus | httpx.TimeoutException | httpx.NetworkError | httpx.RemoteProtocolError)


_LOOPBACK_NAMES = frozenset({"localhost", "localhost.localdomain"})


def proxy_for(url: str) -> httpx.Proxy | None:
    """The proxy the environment sets for ``url`` (``HTTPS_PROXY``/``HTTP_PROXY``/``ALL_PROXY``, ``NO_PROXY``).

    A loopback endpoint (a model server on this machine) is never proxied, whatever the environment says.
    """
    target = httpx.URL(url)
    host = target.host
    if host in _LOOPBACK_NAMES:
        return None
    try:
        if ipaddress.ip_address(host).is_loopback:
            return None
    except ValueError:
        pass  # a name, not an address
    proxies = urllib.request.getproxies()
    proxy = proxies.get(target.scheme) or proxies.get("all")
    if not proxy or urllib.request.proxy_bypass(host):
        return None
    return httpx.Proxy(proxy)


class AiohttpTransport(httpx_aiohttp.AiohttpTransport):
    """httpx-aiohttp's transport (aiohttp's connection pool behind httpx's interface), naming faults truly.

    httpx-aiohttp maps each aiohttp error to an httpx one by type, and a server that closes the
    connection without answering (``ServerDisconnectedError``, a reset) falls to its catch-all for
    connection errors, ``httpx.ConnectTimeout``: reported as a timeout, it would send a user looking in
    the wrong place. Here it becomes ``httpx.RemoteProtocolError``, what httpx's own transport raises.
    """

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        try:
            return await super().handle_async_request(request)
        except httpx.TransportError as exc:
            cause = exc.__cause__
            dropped = isinstance(cause, aiohttp.ServerDisconnectedError) or (
                isinstance(cause, aiohttp.ClientOSError) and not isinstance(cause, aiohttp.ClientConnectorError)
            )
            if dropped:
                raise httpx.RemoteProtocolError("connection dropped by the server", request=request) from cause
            raise


class RetryingTransport(httpx.AsyncBaseTransport):
    """Wraps another async transport with the retry policy."""

    def __init__(self, inner: httpx.AsyncBaseTransport, policy: RetryPolicy) -> None:
        self.inner = inner
        self.policy = policy

    def _wait(self, retry_state: RetryCallState) -> float:
        exc = retry_state.outcome.exception() if retry_state.outcome else None
        if isinstance(exc, RetryableStatus) and exc.retry_after is not None:
            return min(exc.retry_after, self.policy.retry_after_max)
        return wait_random_exponential(multiplier=self.policy.backoff_base, max=self.policy.backoff_max)(retry_state)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        state = _STATE.get() or TransportState(deadline=time.monotonic() + self.policy.deadline)

        def past_deadline(retry_state: RetryCallState) -> bool:
            # Stop when the next try could not even start before the deadline.
            return time.monotonic() + retry_state.upcoming_sleep >= state.deadline

        def note(retry_state: RetryCallState) -> None:
            state.retries += 1

        retrying = AsyncRetrying(
            # stop_base.__or__ is annotated for stop_base only, but stop_any just calls each stop, so a plain
            # callable works at run time.
            stop=stop_after_attempt(self.policy.max_retries + 1) | past_deadline,  # type: ignore[operator]
            wait=self._wait,
            retry=retry_if_exception(_retryable),
            before_sleep=note,
            reraise=True,
        )
        try:
            async for attempt in retrying:
                with attempt:
                    state.tries += 1
                    try:
                        response = await self.inner.handle_async_request(request)
                    except Exception as exc:
                        state.problems.append(describe(exc))
                        raise
                    if response.status_code in RETRY_STATUSES:
                        content = await response.aread()
                        await response.aclose()
                        # A fresh response with the body in memory: the client may still read it.
                        final = httpx.Response(
                            response.status_code, headers=response.headers, content=content, request=request
                        )
                        problem = RetryableStatus(final)
                        state.problems.append(describe(problem))
                        raise problem
                    return response
        except RetryableStatus as exc:
            # Out of tries: give the client the last answer so it raises its usual typed error.
            return exc.response
        raise AssertionError("unreachable: tenacity either returns or raises")  # pragma: no cover

    async def aclose(self) -> None:
        await self.inner.aclose()
