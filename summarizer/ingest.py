"""Everything a run reads, in one stream: paths, URLs and the new entries of feeds.

:class:`Ingestion` owns the run's polite :class:`~summarizer.fetch.Fetcher` and, for feeds, reads which
entries the store has already seen and, after the run, records those whose article is now extracted.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TextIO

from summarizer.articles import Article, ArticleError, iter_articles, unique
from summarizer.feeds import FeedRun, iter_feed_articles
from summarizer.fetch import Fetcher, FetchOptions
from summarizer.models import ArticleExtraction
from summarizer.store import Store


class Ingestion:
    """The inputs of one run. Use as a context manager; call :meth:`record` with the run's extractions."""

    def __init__(
        self,
        paths: Sequence[str | Path] = (),
        feeds: Sequence[str] = (),
        *,
        fetch: FetchOptions | None = None,
        db_path: Path | None = None,
        since: dt.date | None = None,
        stdin: TextIO | None = None,
    ) -> None:
        self.paths = list(paths)
        self.feeds = list(feeds)
        self.db_path = db_path
        self.since = since
        self.stdin = stdin
        self.fetcher = Fetcher(fetch)
        self.feed_run = FeedRun()

    def __enter__(self) -> Ingestion:
        return self

    def __exit__(self, *exc: object) -> None:
        self.fetcher.close()

    def _seen(self, feed: str) -> set[str]:
        if self.db_path is None:
            return set()  # no store: every entry is new
        with Store(self.db_path) as store:
            return store.seen_entries(feed)

    def articles(self) -> Iterator[Article | ArticleError]:
        """Paths and URLs first, then the feeds' new entries; duplicates (same content) once."""

        def everything() -> Iterator[Article | ArticleError]:
            if self.paths:
                yield from iter_articles(self.paths, self.stdin, self.fetcher)
            if self.feeds:
                yield from iter_feed_articles(self.feeds, self.fetcher, self._seen, self.feed_run, self.since)

        return unique(everything())

    def record(self, extracted: Iterable[ArticleExtraction | str]) -> int:
        """Mark the feed entries whose article has an extraction (or article id) here as seen; returns how many."""
        if self.db_path is None or not self.feed_run.taken:
            return 0
        done = self.feed_run.done({x if isinstance(x, str) else x.article.id for x in extracted})
        with Store(self.db_path) as store:
            for feed, pairs in done.items():
                if pairs:
                    store.mark_entries_seen(feed, pairs)
        return sum(len(pairs) for pairs in done.values())
