"""Normalisation: counts to low/best/high, canonical actors and places, dates.

FIRST CUT: the grounding/normalisation issue fills this in; ``normalize_extraction`` is the entry
point the pipeline calls for every backend.
"""

from __future__ import annotations

from summarizer.articles import Article
from summarizer.models import ArticleExtraction


def normalize_extraction(extraction: ArticleExtraction, article: Article) -> ArticleExtraction:
    """Fill computed fields (count ranges, canonical names, resolved dates) left empty by a backend."""
    return extraction
