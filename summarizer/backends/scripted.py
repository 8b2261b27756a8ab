"""A scripted backend for tests: it answers what was enqueued, as a model would, and records history.

In the spirit of simonw/llm's MockModel: ``backend.enqueue(draft)`` then run the pipeline; every
answer goes through the same draft conversion and grounding step as a real model's.
"""

from __future__ import annotations

from collections import deque

from summarizer.articles import Article
from summarizer.backends.base import BackendConfig, BackendError
from summarizer.drafts import draft_to_extraction
from summarizer.models import ArticleExtraction, DraftExtraction, Provenance


class ScriptedBackend:
    name = "scripted"

    def __init__(self, config: BackendConfig | None = None) -> None:
        self.config = config or BackendConfig(name="scripted", model="scripted")
        self._queue: deque[DraftExtraction | Exception] = deque()
        self.history: list[Article] = []

    def enqueue(self, answer: DraftExtraction | dict[str, object] | Exception) -> None:
        """Queue the next answer: a draft (or its dict form), or an exception to raise."""
        if isinstance(answer, dict):
            # Tests script only what matters to them; the lists a model must always send default to empty here.
            answer = DraftExtraction.model_validate({"operations": [], "casualties": [], "claims": [], **answer})
        self._queue.append(answer)

    def fingerprint(self) -> str:
        return "scripted"

    async def extract(self, article: Article) -> ArticleExtraction:
        self.history.append(article)
        if not self._queue:
            raise BackendError("scripted backend has no answer queued")
        answer = self._queue.popleft()
        if isinstance(answer, Exception):
            raise answer
        provenance = Provenance(backend=self.name, model=self.config.model or "scripted")
        return draft_to_extraction(answer, article, provenance)

    async def aclose(self) -> None:
        return None
