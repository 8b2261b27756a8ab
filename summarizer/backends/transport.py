"""Transport retries for HTTP model endpoints, kept apart from validation re-asks.

An httpx transport that runs each try as one bounded exchange (send, then read the whole body with a
size cap, then check it) and retries what is worth retrying (429 honouring Retry-After, 408/409/5xx,
timeouts, refused, reset or dropped connections, a body cut short, a 2xx body that is not what the
endpoint speaks) with exponential backoff, full jitter and a total deadline, and hands everything else
(400, 401, 404...) straight back. It sits under the OpenAI client, whose own retries are off, so these
are the only transport retries; instructor sees only final answers and re-asks only for answers that
fail validation.

Each try is bounded by the per-request timeout (and by what is left of the article's deadline); a
circuit breaker per endpoint stops starting requests after ``breaker_threshold`` consecutive connection
failures, so a run against a dead endpoint fails its remaining articles at once instead of waiting out
every article's retries. Every fault has a short name (``connection refused``, ``timed out``,
``connection reset``, ``truncated body``, ``bad body (not JSON)``, ``HTTP 503``) and never carries the
server's words.
"""

from __future__ import annotations

import asyncio
import contextvars
import email.utils
import errno
import ipaddress
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field

import aiohttp
import httpx
import httpx_aiohttp
from tenacity import AsyncRetrying, RetryCallState, retry_if_exception, stop_after_attempt, wait_random_exponential

from summarizer.backends.base import DEFAULT_DEADLINE, DEFAULT_MAX_RESPONSE_MB, DEFAULT_TIMEOUT

RETRY_STATUSES = frozenset({408, 409, 429, 500, 502, 503, 504})
DEFAULT_MAX_RESPONSE_BYTES = int(DEFAULT_MAX_RESPONSE_MB * 1024 * 1024)
DEFAULT_BREAKER_THRESHOLD = 5  # consecutive connection failures before the endpoint is given up on


@dataclass
class RetryPolicy:
    """How hard to try: ``max_retries`` after the first try, within ``deadline`` seconds in all."""

    max_retries: int = 6
    deadline: float = DEFAULT_DEADLINE
    backoff_base: float = 1.0  # seconds; the jittered wait grows as base * 2**n
    backoff_max: float = 30.0
    retry_after_max: float = 120.0  # never sleep longer than this on a server's say-so
    timeout: float = DEFAULT_TIMEOUT  # one try, start to last byte
    max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES
    breaker_threshold: int = DEFAULT_BREAKER_THRESHOLD  # 0: no breaker
    breaker_cooldown: float = 30.0  # an open breaker lets one probe through after this long


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


# --------------------------------------------------------------------------- faults, each with a short name


class Fault(httpx.TransportError):
    """A transport fault with a short, key-free name (``problem``); never the server's message."""

    problem = "network error"
    connection = False  # a failure to reach the endpoint at all: counted by the circuit breaker
    retryable = True

    def __init__(self, request: httpx.Request | None = None, problem: str | None = None) -> None:
        if problem is not None:
            self.problem = problem
        super().__init__(self.problem, request=request)


class Refused(Fault):
    problem = "connection refused"
    connection = True


class Unreachable(Fault):
    problem = "host unreachable"
    connection = True


class TimedOut(Fault):
    problem = "timed out"
    connection = True  # a hung endpoint: as dead as a refusing one for the breaker


class Reset(Fault):
    problem = "connection reset"


class Dropped(Fault):
    problem = "connection dropped"


class Truncated(Fault):
    problem = "truncated body"


class BadBody(Fault):
    problem = "bad body"


class TooLarge(Fault):
    """The answer is larger than the cap: not retried (the next one would be as large)."""

    retryable = False

    def __init__(self, request: httpx.Request | None, limit: int) -> None:
        super().__init__(request, f"answer larger than {limit:,} bytes")
        self.limit = limit


class CircuitOpen(Fault):
    """The endpoint failed too often in a row: no request is started until the cool-down has passed."""

    retryable = False

    def __init__(self, request: httpx.Request | None, problem: str, failures: int) -> None:
        super().__init__(request, problem)
        self.failures = failures


class DeadlineExceeded(Fault):
    """The article's deadline passed before another try could start."""

    retryable = False

    def __init__(self, request: httpx.Request | None, last_problem: str | None) -> None:
        super().__init__(request, last_problem or "deadline passed")


def _causes(exc: BaseException) -> list[BaseException]:
    chain: list[BaseException] = []
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        chain.append(current)
        current = current.__cause__ or current.__context__
    return chain


def classify(exc: BaseException, request: httpx.Request | None = None) -> BaseException:
    """The :class:`Fault` an exception from the HTTP stack stands for (by type and cause, never by message).

    httpx-aiohttp maps aiohttp's errors by type and files a refused connection under ``ConnectTimeout``
    and a server that hangs up under its catch-all: named by what actually happened here instead.
    """
    if isinstance(exc, Fault):
        return exc
    if isinstance(exc, TimeoutError | asyncio.TimeoutError):
        return TimedOut(request)
    chain = _causes(exc)
    for cause in chain:
        if isinstance(cause, aiohttp.ClientConnectorDNSError):
            return Unreachable(request, "host not found")
        if isinstance(cause, aiohttp.ClientConnectorError):
            refused = cause.os_error.errno == errno.ECONNREFUSED if cause.os_error else False
            return Refused(request) if refused else Unreachable(request)
        if isinstance(cause, ConnectionRefusedError):
            return Refused(request)
        if isinstance(cause, aiohttp.ServerTimeoutError | aiohttp.ConnectionTimeoutError | aiohttp.SocketTimeoutError):
            return TimedOut(request)
        if isinstance(cause, aiohttp.ClientPayloadError):
            # aiohttp keeps the connection error of a payload cut short only in its own message text (the
            # server's bytes never reach it): a reset while reading is named a reset, a clean close a truncation.
            reset = "ConnectionResetError" in str(cause) or any(
                isinstance(c, ConnectionResetError | aiohttp.ClientConnectionResetError) for c in chain
            )
            return Reset(request) if reset else Truncated(request)
        if isinstance(cause, ConnectionResetError | aiohttp.ClientConnectionResetError):
            return Reset(request)
        if isinstance(cause, aiohttp.ServerDisconnectedError):
            return Dropped(request)
        if isinstance(cause, aiohttp.ClientOSError):
            return Reset(request) if cause.errno == errno.ECONNRESET else Dropped(request)
    if isinstance(exc, httpx.TimeoutException):
        return TimedOut(request)
    if isinstance(exc, httpx.ConnectError):
        return Refused(request)
    if isinstance(exc, httpx.RemoteProtocolError):
        return Dropped(request)
    if isinstance(exc, httpx.ReadError):
        return Truncated(request)
    if isinstance(exc, httpx.NetworkError):
        return Fault(request)
    return exc


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
    fault = classify(exc)
    if isinstance(fault, Fault):
        return fault.problem
    return "network error"


def _retryable(exc: BaseException) -> bool:
    if isinstance(exc, Fault):
        return exc.retryable
    return isinstance(exc, RetryableStatus)


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

    httpx-aiohttp maps each aiohttp error to an httpx one by type: a refused connection becomes
    ``httpx.ConnectTimeout`` and a server that hangs up falls to the same catch-all. Reported as timeouts
    they would send a user looking in the wrong place; :func:`classify` names them by their cause.
    """

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        try:
            return await super().handle_async_request(request)
        except Exception as exc:
            fault = classify(exc, request)
            if fault is exc:
                raise
            raise fault from exc


class CircuitBreaker:
    """Counts consecutive connection failures to one endpoint; past the threshold, refuses to start requests.

    Any answer from the endpoint (even an error status) closes it again. Once open, one probe request
    is let through per ``cooldown`` seconds, so an endpoint that comes back is used again.
    """

    def __init__(self, threshold: int, cooldown: float) -> None:
        self.threshold = threshold
        self.cooldown = cooldown
        self.failures = 0
        self.problem: str | None = None
        self._opened_at: float | None = None

    @property
    def open(self) -> bool:
        return self._opened_at is not None

    def check(self, request: httpx.Request) -> None:
        """Raise :class:`CircuitOpen` unless a request may start now."""
        if self._opened_at is None:
            return
        now = time.monotonic()
        if now - self._opened_at < self.cooldown:
            raise CircuitOpen(request, self.problem or "connection failed", self.failures)
        self._opened_at = now  # this request is the probe; the others keep failing fast until it answers

    def success(self) -> None:
        self.failures = 0
        self._opened_at = None

    def failure(self, fault: Fault) -> None:
        if not fault.connection:
            return
        self.failures += 1
        self.problem = fault.problem
        if self.threshold > 0 and self.failures >= self.threshold:
            self._opened_at = time.monotonic()


BodyCheck = Callable[[httpx.Request, int, bytes], str | None]


def _plain_headers(headers: httpx.Headers) -> list[tuple[str, str]]:
    # The body is kept decoded: its encoding and length headers no longer describe it.
    return [(k, v) for k, v in headers.multi_items() if k.lower() not in ("content-encoding", "content-length")]


class RetryingTransport(httpx.AsyncBaseTransport):
    """Wraps another async transport with the retry policy, the size cap, the body check and the breaker.

    The response it returns has its body in memory (read within the try, under the cap and the
    timeout). ``check_body(request, status, body)`` names what is wrong with a body (``"not JSON"``) or
    returns None; a named problem is retried like a dropped connection.
    """

    def __init__(
        self, inner: httpx.AsyncBaseTransport, policy: RetryPolicy, check_body: BodyCheck | None = None
    ) -> None:
        self.inner = inner
        self.policy = policy
        self.check_body = check_body
        self.breaker = CircuitBreaker(policy.breaker_threshold, policy.breaker_cooldown)

    def _wait(self, retry_state: RetryCallState) -> float:
        exc = retry_state.outcome.exception() if retry_state.outcome else None
        if isinstance(exc, RetryableStatus) and exc.retry_after is not None:
            return min(exc.retry_after, self.policy.retry_after_max)
        return wait_random_exponential(multiplier=self.policy.backoff_base, max=self.policy.backoff_max)(retry_state)

    async def _exchange(self, request: httpx.Request) -> httpx.Response:
        """One try: send, read the whole body under the cap, check it."""
        response = await self.inner.handle_async_request(request)
        limit = self.policy.max_response_bytes
        declared = response.headers.get("content-length")
        chunks: list[bytes] = []
        size = 0
        try:
            if declared and declared.isdigit() and int(declared) > limit:
                raise TooLarge(request, limit)  # refused before reading a byte
            async for chunk in response.aiter_bytes():  # decoded: the cap also bounds a compressed bomb
                size += len(chunk)
                if size > limit:
                    raise TooLarge(request, limit)
                chunks.append(chunk)
        finally:
            await response.aclose()
        body = b"".join(chunks)
        final = httpx.Response(
            response.status_code,
            headers=_plain_headers(response.headers),
            content=body,
            request=request,
            extensions=response.extensions,
        )
        if 200 <= response.status_code < 300 and self.check_body is not None:
            problem = self.check_body(request, response.status_code, body)
            if problem is not None:
                raise BadBody(request, f"bad body ({problem})")
        return final

    async def _try(self, request: httpx.Request, state: TransportState) -> httpx.Response:
        self.breaker.check(request)
        remaining = state.deadline - time.monotonic()
        if remaining <= 0:
            raise DeadlineExceeded(request, state.last_problem)
        state.tries += 1
        try:
            async with asyncio.timeout(min(self.policy.timeout, remaining)):
                response = await self._exchange(request)
        except Exception as exc:
            fault = classify(exc, request)
            if isinstance(fault, Fault):
                self.breaker.failure(fault)
                if not isinstance(fault, CircuitOpen | DeadlineExceeded):
                    state.problems.append(fault.problem)
            if fault is exc:
                raise
            raise fault from exc
        self.breaker.success()  # the endpoint answered: it is there, whatever it said
        if response.status_code in RETRY_STATUSES:
            problem = RetryableStatus(response)
            state.problems.append(describe(problem))
            raise problem
        return response

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
                    return await self._try(request, state)
        except RetryableStatus as exc:
            # Out of tries: give the client the last answer so it raises its usual typed error.
            return exc.response
        raise AssertionError("unreachable: tenacity either returns or raises")  # pragma: no cover

    async def aclose(self) -> None:
        await self.inner.aclose()
