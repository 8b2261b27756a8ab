"""Grounding: align every evidence quote to the article text and check what it supports.

FIRST CUT: exact alignment only. The grounding issue replaces this with normalised and fuzzy alignment
and the per-item support checks; the public surface (``ground_extraction``) stays.
"""

from __future__ import annotations

from typing import Literal

from summarizer.models import Alignment, ArticleExtraction, GroundingStatus

GroundingPolicy = Literal["strict", "flag"]
POLICIES: tuple[GroundingPolicy, ...] = ("strict", "flag")


def ground_extraction(extraction: ArticleExtraction, text: str, policy: GroundingPolicy = "strict") -> ArticleExtraction:
    """Return a copy with offsets, alignment and a grounding verdict on every item.

    ``strict`` drops unsupported items (recording why in ``warnings``); ``flag`` keeps them marked
    ``unverified``.
    """
    result = extraction.model_copy(deep=True)
    warnings = list(result.warnings)
    for field in ("operations", "casualties", "claims"):
        kept = []
        for item in getattr(result, field):
            start = text.find(item.evidence.quote)
            if start >= 0:
                item.evidence.start, item.evidence.end = start, start + len(item.evidence.quote)
                item.evidence.alignment = Alignment.exact
                item.grounding.status = GroundingStatus.verified
                kept.append(item)
                continue
            item.grounding.problems.append("evidence quote not found in the article")
            if policy == "flag":
                item.grounding.status = GroundingStatus.unverified
                kept.append(item)
            else:
                warnings.append(f"dropped {item.id}: evidence quote not found in the article")
        setattr(result, field, kept)
    result.warnings = warnings
    return result
