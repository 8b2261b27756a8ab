"""Answers from a recorded run (``--record``): the same pipeline with zero network.

The cassette carries the settings its cache keys were computed with; each article is chunked the same
way and every chunk's answer is looked up by key. An article the cassette does not hold fails clearly.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import time

from pydantic import ValidationError

from summarizer.articles import Article
from summarizer.backends.base import BackendConfig, BackendError
from summarizer.cassette import Cassette, CassetteError, cache_key, read_cassette
from summarizer.chunking import DEFAULT_CHUNK_TOKENS, DEFAULT_OVERLAP_SENTENCES, chunk_text, merge_drafts
from summarizer.drafts import draft_to_extraction
from summarizer.models import ArticleExtraction, DraftExtraction, Provenance


class ReplayBackend:
    """:class:`summarizer.backends.base.Backend` answering from a cassette file."""

    name = "replay"

    def __init__(self, config: BackendConfig, cassette: Cassette | None = None) -> None:
        self.config = config
        if cassette is None:
            if not config.cassette:
                raise BackendError("--backend replay needs --cassette FILE (written by 'extract --record FILE')")
            try:
                cassette = read_cassette(config.cassette)
            except CassetteError as exc:
                raise BackendError(str(exc)) from None
        self.cassette = cassette
        self.source = config.cassette or "cassette"
        settings = cassette.settings
        self.chunk_tokens = int(settings.get("chunk_tokens", DEFAULT_CHUNK_TOKENS))
        self.overlap = int(settings.get("overlap_sentences", DEFAULT_OVERLAP_SENTENCES))

    def fingerprint(self) -> str:
        digest = hashlib.sha256(self.cassette.model_dump_json().encode()).hexdigest()[:16]
        return f"{self.name}:{self.cassette.model}:{self.cassette.prompt_version}:{digest}"

    async def extract(self, article: Article) -> ArticleExtraction:
        started = time.perf_counter()
        c = self.cassette
        chunks = chunk_text(article.text, self.chunk_tokens, self.overlap)
        drafts: list[DraftExtraction] = []
        for chunk in chunks:
            key = cache_key(article.id, c.prompt_version, c.schema_version, c.model, c.settings, chunk.text)
            entry = c.responses.get(key)
            if entry is None:
                where = f" (chunk {chunk.index + 1} of {len(chunks)})" if len(chunks) > 1 else ""
                raise BackendError(f"article {article.id}{where} is not in the cassette {self.source}")
            try:
                drafts.append(DraftExtraction.model_validate(entry.draft))
            except ValidationError as exc:
                raise BackendError(
                    f"cassette {self.source}: the answer for article {article.id} no longer fits the draft schema"
                    f" ({exc.error_count()} problems)"
                ) from None
        provenance = Provenance(
            backend=self.name,
            model=c.model,
            prompt_version=c.prompt_version,
            cost_usd=0.0,
            latency_ms=(time.perf_counter() - started) * 1000,
            cached=True,
            created_at=dt.datetime.now(dt.UTC),
        )
        return draft_to_extraction(merge_drafts(drafts), article, provenance)

    async def aclose(self) -> None:
        return None
