"""The offline extraction engine (backend ``rules``): deterministic, fast, every item quoted verbatim.

It reads the cleaned view of an article (glued words separated, comment footers cut), splits it into
sentences once, finds gazetteer mentions once, and then runs the extractors: operations, casualty
figures (``casualties.py``), attributed claims and an extractive summary. Every evidence span is mapped
back to the original text, so ``article.text[start:end] == evidence.quote``. Dates are left as the
phrases written; resolving them is the shared normalisation step's job.
"""

from __future__ import annotations

import asyncio
import time

from summarizer.articles import Article
from summarizer.backends.base import BackendConfig
from summarizer.backends.rules.casualties import extract_casualties
from summarizer.backends.rules.claims import extract_claims
from summarizer.backends.rules.operations import extract_operations
from summarizer.backends.rules.sentences import build_document
from summarizer.backends.rules.summary import is_headline, summarize
from summarizer.data import extraction_data_digest
from summarizer.models import ArticleExtraction, Provenance

#: Bump on any change of the rules that alters output: stored extractions are keyed on the fingerprint. A digest
#: of the data files (lexicon, gazetteer, world actors...) is folded in, so a change of data alone also makes stored
#: extractions stale.
ENGINE_VERSION = f"rules-0.14.0+data.{extraction_data_digest()}"


def extract_article(article: Article, backend_name: str = "rules") -> ArticleExtraction:
    """Run the whole engine on one article, synchronously."""
    started = time.perf_counter()
    doc = build_document(article.text)
    published_year = article.meta.published.year if article.meta.published else None
    ops = extract_operations(doc, published_year, article.meta.published)
    claims = extract_claims(doc, ops.operation_of_sentence())
    casualties = extract_casualties(
        doc.text,
        doc.view.to_original,
        article.text,
        operations=ops.operations,
        # a headline repeats the story's lead figure: count it once, from the body
        sentences=[(s.start, s.end) for s in doc.sentences if not is_headline(s)],
        # the one reading of who says what: a figure's source is the speaker of the frame that holds it
        frames={(s.start, s.end): found for s, found in zip(doc.sentences, doc.attribution, strict=True)},
        gazetteer=doc.gazetteer,
        story_group=doc.story_group,
        published_year=published_year,
    )
    return ArticleExtraction(
        article=article.meta,
        summary=summarize(doc.sentences),
        summary_kind="extractive",
        operations=ops.operations,
        casualties=casualties,
        claims=claims,
        provenance=Provenance(
            backend=backend_name,
            model=ENGINE_VERSION,
            latency_ms=(time.perf_counter() - started) * 1000,
        ),
    )


class RulesBackend:
    """The offline engine behind ``--backend rules``."""

    name = "rules"

    def __init__(self, config: BackendConfig | None = None) -> None:
        self.config = config or BackendConfig()

    def fingerprint(self) -> str:
        """The engine version: rules have no model, prompt or settings that change the answer."""
        return ENGINE_VERSION

    async def extract(self, article: Article) -> ArticleExtraction:
        """Extract one article. The work is CPU-bound and quick, so it runs inline; yielding once keeps
        other coroutines of the pipeline responsive between articles."""
        await asyncio.sleep(0)
        return extract_article(article, self.name)

    async def aclose(self) -> None:
        return None


__all__ = ["ENGINE_VERSION", "RulesBackend", "extract_article"]
