"""RSS and Atom feeds (feedparser): each run reads only the entries not extracted before.

A feed is a URL or a file. Each entry's article is its link, fetched and read as a web page; an entry
without a link is read from the content the feed carries. The store remembers which entries of a feed
have been extracted (``feed_entries``): an entry counts as seen only once its article has an
extraction, so an entry that failed (a timeout, a 404) is tried again on the next run.
"""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from summarizer.articles import Article, ArticleError, make_article, read_url
from summarizer.fetch import Fetcher, FetchError, is_url
from summarizer.webpage import NO_TEXT


@dataclass(frozen=True)
class FeedEntry:
    id: str
    title: str | None
    link: str | None
    published: dt.date | None
    content: str | None  # the HTML or text the feed itself carries (full content, else the summary)
    content_html: bool = True  # feeds carry HTML unless they say text/plain


@dataclass(frozen=True)
class Feed:
    key: str  # the URL, or the file's resolved path: the name its seen entries are stored under
    title: str | None
    entries: tuple[FeedEntry, ...]


class FeedError(Exception):
    """A feed that could not be read; ``str()`` is one line naming the feed and the problem."""

    def __init__(self, source: str, problem: str) -> None:
        super().__init__(f"{source}: {problem}")
        self.source = source
        self.problem = problem


def _entry_date(entry: Any) -> dt.date | None:
    for name in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(name)
        if value:
            return dt.datetime.fromtimestamp(calendar.timegm(value), dt.UTC).date()
    return None


def _entry_content(entry: Any) -> tuple[str | None, bool]:
    """The entry's own text (full content, else the summary) and whether it is HTML."""
    for part in entry.get("content") or []:
        if part.get("value"):
            return str(part["value"]), part.get("type", "text/html") != "text/plain"
    summary = entry.get("summary")
    detail = entry.get("summary_detail") or {}
    return (str(summary), detail.get("type", "text/html") != "text/plain") if summary else (None, True)


def _entry_id(entry: Any) -> str:
    ident = entry.get("id") or entry.get("link")
    if ident:
        return str(ident)
    # No id and no link: the title and date are what identify it.
    basis = f"{entry.get('title', '')}|{entry.get('published', '')}|{_entry_content(entry)[0] or ''}"
    return "sha256:" + hashlib.sha256(basis.encode("utf-8")).hexdigest()[:16]


def parse_feed(data: bytes, key: str) -> Feed:
    """Parse RSS or Atom bytes; raises :class:`FeedError` when they hold no feed."""
    import feedparser  # lazily: only feed runs need it

    parsed = feedparser.parse(data)
    if parsed.get("bozo") and not parsed.entries:
        reason = parsed.get("bozo_exception")
        raise FeedError(key, f"not an RSS or Atom feed ({str(reason).splitlines()[0] if reason else 'unreadable'})")
    if not parsed.get("version") and not parsed.entries:
        raise FeedError(key, "not an RSS or Atom feed")
    entries = tuple(
        FeedEntry(
            id=_entry_id(e),
            title=str(e["title"]).strip() if e.get("title") else None,
            link=str(e["link"]) if e.get("link") else None,
            published=_entry_date(e),
            content=_entry_content(e)[0],
            content_html=_entry_content(e)[1],
        )
        for e in parsed.entries
    )
    title = parsed.feed.get("title")
    return Feed(key=key, title=str(title).strip() if title else None, entries=entries)


def read_feed(source: str, fetcher: Fetcher) -> Feed:
    """Read the feed at a URL or in a file; raises :class:`FeedError`."""
    if is_url(source):
        try:
            return parse_feed(fetcher.get(source).data, source)
        except FetchError as exc:
            raise FeedError(source, str(exc)) from None
    path = Path(source)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise FeedError(source, "no such file or directory") from None
    except OSError as exc:
        raise FeedError(source, f"cannot read: {exc.strerror or exc}") from None
    return parse_feed(data, str(path.resolve()))


@dataclass
class FeedRun:
    """The entries a run took from its feeds, to be marked seen once their articles are extracted."""

    taken: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # feed key -> [(entry id, article id)]

    def done(self, extracted: set[str]) -> dict[str, list[tuple[str, str]]]:
        """The entries (per feed) whose article has an extraction now."""
        return {feed: [(e, a) for e, a in pairs if a in extracted] for feed, pairs in self.taken.items()}


def _entry_article(feed: Feed, entry: FeedEntry, fetcher: Fetcher) -> Article | ArticleError:
    metadata: dict[str, Any] = {"title": entry.title, "published": entry.published}
    metadata = {k: v for k, v in metadata.items() if v is not None}
    item: Article | ArticleError | None = None
    if entry.link and is_url(entry.link):
        item = read_url(entry.link, fetcher, metadata)
        if isinstance(item, ArticleError) and item.problem == NO_TEXT and entry.content:
            item = None  # a page with no article body (a teaser, a paywall): the feed's own text is the article
    if item is None and entry.content:
        source = entry.link if entry.link else f"{feed.key}#{entry.id}"
        try:
            text = entry.content
            if entry.content_html and "<html" not in text[:500].lower():
                # A fragment, not a page: trafilatura finds a main text only inside a document's body.
                text = f"<html><body><article>{text}</article></body></html>"
            # The feed's title names the outlet of its own text (a guess from the URL's host would not).
            extra = {"url": entry.link, "outlet": feed.title}
            item = make_article(text, source, {**metadata, **extra}, html=entry.content_html)
        except ArticleError as exc:
            item = exc
    if item is None:
        return ArticleError(f"{feed.key}#{entry.id}", "the feed entry has no link and no content")
    if isinstance(item, Article) and item.meta.outlet is None and feed.title:
        item = Article(item.meta.model_copy(update={"outlet": feed.title}), item.text, item.warnings)
    return item


def iter_feed_articles(
    sources: Iterable[str],
    fetcher: Fetcher,
    seen: Callable[[str], set[str]],
    run: FeedRun,
    since: dt.date | None = None,
) -> Iterator[Article | ArticleError]:
    """The articles of the new entries of each feed (not in ``seen(feed key)``; published on or after ``since``).

    A feed that cannot be read is one error and the other feeds still run. ``run`` collects the entries taken.
    """
    for source in sources:
        try:
            feed = read_feed(source, fetcher)
        except FeedError as exc:
            yield ArticleError(exc.source, exc.problem)
            continue
        already = seen(feed.key)
        for entry in feed.entries:
            if entry.id in already:
                continue
            if since is not None and entry.published is not None and entry.published < since:
                continue
            item = _entry_article(feed, entry, fetcher)
            if isinstance(item, Article):
                run.taken.setdefault(feed.key, []).append((entry.id, item.id))
            yield item
