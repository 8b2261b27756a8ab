"""The offline extraction engine. FIRST CUT: summary only; the offline-engine issue fills it in."""

from __future__ import annotations

import re

from summarizer.articles import Article, clean_view
from summarizer.backends.base import BackendConfig
from summarizer.models import ArticleExtraction, Provenance

ENGINE_VERSION = "rules-0.1"


class RulesBackend:
    name = "rules"

    def __init__(self, config: BackendConfig | None = None) -> None:
        self.config = config or BackendConfig()

    def fingerprint(self) -> str:
        return ENGINE_VERSION

    async def extract(self, article: Article) -> ArticleExtraction:
        view = clean_view(article.text)
        sentences = re.split(r"(?<=[.!?])\s+", view.text.strip())
        return ArticleExtraction(
            article=article.meta,
            summary=" ".join(sentences[:2]),
            summary_kind="extractive",
            provenance=Provenance(backend=self.name, model=ENGINE_VERSION),
        )

    async def aclose(self) -> None:
        return None
