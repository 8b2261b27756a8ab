"""Aggregate many extractions into one briefing.

FIRST CUT: lists what each article yielded. The briefing issue replaces this with clustering and
reconciliation across sources; the public surface (``BriefingInput``, ``build_briefing``,
``briefing_from_store``) stays.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, Field

from summarizer.articles import Article
from summarizer.models import ArticleExtraction
from summarizer.pipeline import ArticleFailure, RunReport
from summarizer.store import Store


@dataclass
class BriefingInput:
    """What a briefing is built from: extractions, the articles' texts (for the HTML review) and failures."""

    extractions: list[ArticleExtraction]
    articles: dict[str, Article] = field(default_factory=dict)
    failures: list[ArticleFailure] = field(default_factory=list)

    @classmethod
    def from_report(cls, report: RunReport) -> BriefingInput:
        return cls(list(report.extractions), dict(report.articles), list(report.failures))


def briefing_from_store(db_path: Path, backend: str | None = None) -> BriefingInput:
    """Stored extractions (newest per article) and their articles, with no backend run."""
    with Store(db_path) as store:
        extractions = list(store.iter_extractions(backend))
        articles = {e.article.id: a for e in extractions if (a := store.get_article(e.article.id)) is not None}
    return BriefingInput(extractions, articles)


class Briefing(BaseModel):
    title: str
    extractions: list[ArticleExtraction] = Field(default_factory=list)
    failures: list[str] = Field(default_factory=list)


def build_briefing(source: BriefingInput, since: dt.date | None = None, until: dt.date | None = None) -> Briefing:
    return Briefing(
        title="Security operations briefing",
        extractions=sorted(source.extractions, key=lambda e: e.article.source),
        failures=[str(f) for f in source.failures],
    )
