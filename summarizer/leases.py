"""Runs that share a store share their work: a lease per article, so no article is paid for twice.

Before a backend that costs money or time extracts an article, the run takes the article's lease in the
store. While another live run holds it, this run waits: when that run's extraction appears in the store
it is reused; when that run gives up or dies (its lease is not renewed and expires) this run takes the
lease and does the work. A run holding a lease renews it every third of its time to live.
"""

from __future__ import annotations

import asyncio
import contextlib
import uuid

from summarizer.models import ArticleExtraction
from summarizer.store import Store

DEFAULT_TTL = 60.0  # seconds: a killed run blocks an article for at most this long


def new_owner() -> str:
    """A name for one run's leases."""
    return uuid.uuid4().hex


class Lease:
    """The lease of one run on one article (see the module docstring)."""

    def __init__(self, store: Store, article_id: str, fingerprint: str, owner: str, ttl: float = DEFAULT_TTL) -> None:
        self.store = store
        self.article_id = article_id
        self.fingerprint = fingerprint
        self.owner = owner
        self.ttl = ttl
        self._renewal: asyncio.Task[None] | None = None

    def take(self) -> bool:
        """Take the lease now if no other live run holds it; while held, it is renewed in the background."""
        if not self.store.take_lease(self.article_id, self.fingerprint, self.owner, self.ttl):
            return False
        if self._renewal is None:
            self._renewal = asyncio.ensure_future(self._renew())
        return True

    async def wait(self, reuse: bool = True) -> ArticleExtraction | None:
        """Wait while another live run holds the lease; its extraction if one appeared (with ``reuse``), else None.

        None means the lease is free now (the holder finished without a result, failed, or died and its
        lease expired): the caller tries to take it.
        """
        poll = min(1.0, max(0.05, self.ttl / 20))
        while True:
            await asyncio.sleep(poll)
            if reuse:
                done = self.store.get_extraction(self.article_id, self.fingerprint)
                if done is not None:
                    return done
            if self.store.lease_is_free(self.article_id, self.fingerprint, self.owner):
                return None

    async def _renew(self) -> None:
        while True:
            await asyncio.sleep(self.ttl / 3)
            self.store.take_lease(self.article_id, self.fingerprint, self.owner, self.ttl)

    def release(self) -> None:
        """Stop renewing and give the lease up (done or failed: a waiting run may go on)."""
        if self._renewal is not None:
            self._renewal.cancel()
            self._renewal = None
        with contextlib.suppress(Exception):  # a store closed under us: the lease expires on its own
            self.store.release_lease(self.article_id, self.fingerprint, self.owner)
