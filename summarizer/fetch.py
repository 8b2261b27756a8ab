"""Fetching articles and feeds over HTTP, politely.

One :class:`Fetcher` per run: a user agent naming the tool, a timeout, a size cap (a page is read as a
stream and abandoned past the cap), redirects followed (at most five), and pacing per site: requests to
one host are spaced by ``delay`` seconds, or by the site's ``Crawl-delay`` when its robots.txt asks for
more, and a URL the site's robots.txt disallows for us is not fetched. Every failure is a
:class:`FetchError` whose message is one line naming the problem.
"""

from __future__ import annotations

import threading
import time
import urllib.robotparser
from dataclasses import dataclass, field

import httpx

#: Longest wait a site's Crawl-delay may impose between two of our requests.
MAX_CRAWL_DELAY = 30.0


def is_url(value: object) -> bool:
    """True for an ``http://`` or ``https://`` address."""
    return isinstance(value, str) and value.lower().startswith(("http://", "https://"))


class FetchError(Exception):
    """A URL that could not be fetched; ``str()`` is the problem, without the URL."""


@dataclass(frozen=True)
class FetchOptions:
    timeout: float = 20.0  # seconds, for connecting and for each read
    max_bytes: int = 5_000_000  # a news page is rarely over 1 MB
    delay: float = 1.0  # seconds between two requests to one host
    robots: bool = True  # honour the site's robots.txt (Disallow and Crawl-delay)
    user_agent: str = field(default="")

    def agent(self) -> str:
        if self.user_agent:
            return self.user_agent
        from summarizer._version import __version__

        return f"summarizer/{__version__} (news briefing tool; polite fetcher)"


@dataclass(frozen=True)
class Fetched:
    """A fetched document: its bytes, where it ended up after redirects, and what the server says it is."""

    url: str
    data: bytes
    content_type: str  # e.g. "text/html", lower case, without parameters
    charset: str | None


class Fetcher:
    """A polite HTTP client for a run (thread-safe; pacing and robots.txt are per host)."""

    def __init__(self, options: FetchOptions | None = None) -> None:
        self.options = options or FetchOptions()
        direct = httpx.HTTPTransport()  # this machine is never reached through a proxy from the environment
        self._client = httpx.Client(
            headers={"User-Agent": self.options.agent(), "Accept": "text/html,application/xhtml+xml,application/"
                     "rss+xml,application/atom+xml,application/xml;q=0.9,text/plain;q=0.8,*/*;q=0.5"},
            timeout=self.options.timeout,
            follow_redirects=True,
            max_redirects=5,
            mounts={"all://127.0.0.1": direct, "all://localhost": direct, "all://[::1]": direct},
        )
        self._lock = threading.Lock()
        self._last: dict[str, float] = {}
        self._robots: dict[str, urllib.robotparser.RobotFileParser | None] = {}

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ politeness

    def _rules(self, url: httpx.URL) -> urllib.robotparser.RobotFileParser | None:
        """The site's robots.txt, read once per host; None when it has none (everything allowed)."""
        origin = f"{url.scheme}://{url.netloc.decode('ascii')}"
        if origin in self._robots:
            return self._robots[origin]
        rules: urllib.robotparser.RobotFileParser | None = None
        try:
            self._pace(origin)
            response = self._client.get(f"{origin}/robots.txt")
            if response.status_code == 200 and len(response.content) <= self.options.max_bytes:
                rules = urllib.robotparser.RobotFileParser()
                rules.parse(response.text.splitlines())
        except httpx.HTTPError:
            rules = None  # no robots.txt to read: the site sets no rules
        self._robots[origin] = rules
        return rules

    def _pace(self, origin: str, crawl_delay: float = 0.0) -> None:
        delay = max(self.options.delay, min(crawl_delay, MAX_CRAWL_DELAY))
        with self._lock:
            wait = self._last.get(origin, -1e9) + delay - time.monotonic()
            self._last[origin] = time.monotonic() + max(wait, 0.0)
        if wait > 0:
            time.sleep(wait)

    # ------------------------------------------------------------------ fetching

    def get(self, url: str) -> Fetched:
        """Fetch ``url`` (paced, robots.txt honoured, size-capped); raises :class:`FetchError`."""
        try:
            target = httpx.URL(url)
        except httpx.InvalidURL as exc:
            raise FetchError(f"not a valid URL: {exc}") from None
        origin = f"{target.scheme}://{target.netloc.decode('ascii')}"
        crawl_delay = 0.0
        if self.options.robots:
            rules = self._rules(target)
            agent = self.options.agent()
            if rules is not None and not rules.can_fetch(agent, url):
                raise FetchError("the site's robots.txt disallows fetching it")
            crawl_delay = float(rules.crawl_delay(agent) or 0) if rules is not None else 0.0
        self._pace(origin, crawl_delay)
        try:
            with self._client.stream("GET", url) as response:
                if response.status_code >= 400:
                    raise FetchError(f"HTTP {response.status_code} {response.reason_phrase}".rstrip())
                declared = response.headers.get("content-length")
                if declared and declared.isdigit() and int(declared) > self.options.max_bytes:
                    raise FetchError(self._too_large())
                chunks: list[bytes] = []
                size = 0
                for chunk in response.iter_bytes():
                    size += len(chunk)
                    if size > self.options.max_bytes:
                        raise FetchError(self._too_large())
                    chunks.append(chunk)
                content_type = response.headers.get("content-type", "")
                return Fetched(
                    url=str(response.url),
                    data=b"".join(chunks),
                    content_type=content_type.split(";")[0].strip().lower(),
                    charset=response.charset_encoding,
                )
        except httpx.TimeoutException:
            raise FetchError(f"timed out after {self.options.timeout:g}s") from None
        except httpx.TooManyRedirects:
            raise FetchError("too many redirects") from None
        except httpx.HTTPError as exc:
            raise FetchError(f"cannot fetch: {type(exc).__name__}: {exc}".rstrip(": ")) from None

    def _too_large(self) -> str:
        return f"larger than the {self.options.max_bytes:,}-byte limit"
