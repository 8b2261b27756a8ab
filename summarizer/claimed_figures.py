"""A figure told in a party's claim is that party's claim, in the briefing.

"The statement said the group's fighters 'killed 19 soldiers of the Nigerian army'": the casualty reader credits
the figure to "The statement", a document that speaks for nobody, while the claims reader has already found whose
statement it is (ISWAP's). Without the party, the briefing cannot tell the attacker's claim from an independent toll,
and the claim raises the best estimate above what independent sources report.

The rule, per article: a casualty figure whose source has no affiliation (no party it speaks for) takes the
claimant of the one casualty-figure claim whose evidence overlaps its own and whose claimant speaks for a party.
Only the briefing's view changes (as :mod:`summarizer.briefing_victims` does for victims); the extraction keeps
what each reader found.
"""

from __future__ import annotations

from summarizer.models import ArticleExtraction, CasualtyReport, ClaimKind


def _span(item: object) -> tuple[int, int] | None:
    evidence = getattr(item, "evidence", None)
    start, end = getattr(evidence, "start", None), getattr(evidence, "end", None)
    return (start, end) if start is not None and end is not None else None


def claimed_sources(extraction: ArticleExtraction) -> dict[str, CasualtyReport]:
    """Item id -> a copy of each figure whose source is a party's claim found by the claims reader."""
    claims = [(span, c) for c in extraction.claims
              if c.kind == ClaimKind.casualty_figure and c.claimant.affiliation is not None
              and (span := _span(c)) is not None]
    out: dict[str, CasualtyReport] = {}
    for cas in extraction.casualties:
        source = cas.reported_by
        span = _span(cas)
        if source is None or source.affiliation is not None or span is None:
            continue
        found = {c.claimant.affiliation.canonical or c.claimant.affiliation.name: c  # type: ignore[union-attr]
                 for (start, end), c in claims if start < span[1] and span[0] < end}
        if len(found) == 1:
            claim = next(iter(found.values()))
            out[cas.id] = cas.model_copy(update={"reported_by": claim.claimant.model_copy()})
    return out
