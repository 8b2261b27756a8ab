"""Turn a model's :class:`DraftExtraction` into an :class:`ArticleExtraction`.

The draft holds only what a model may say: phrases and verbatim quotes. Everything computed (offsets,
canonical names, count ranges, dates) is left empty here and filled by the shared grounding and
normalisation step, exactly as for the offline engine.
"""

from __future__ import annotations

from summarizer.articles import Article
from summarizer.models import (
    Actor,
    ArticleExtraction,
    CasualtyReport,
    Claim,
    Claimant,
    Count,
    DraftExtraction,
    EventDate,
    Evidence,
    Operation,
    Place,
    Provenance,
)


def _date(phrase: str | None) -> EventDate | None:
    return EventDate(phrase=phrase) if phrase and phrase.strip() else None


def _actors(names: list[str]) -> list[Actor]:
    return [Actor(name=n.strip()) for n in names if n and n.strip()]


def draft_to_extraction(draft: DraftExtraction, article: Article, provenance: Provenance) -> ArticleExtraction:
    """Map a draft onto the output model; ids are assigned in order (op1, cas1, cl1, ...)."""
    operations = [
        Operation(
            id=f"op{i}",
            name=(op.name or "").strip().strip("\"“”'‘’") or None,
            phase=op.phase,
            kind=op.kind,
            status=op.status,
            by=_actors(op.by),
            against=_actors(op.against),
            places=[Place(name=p.strip()) for p in op.places if p and p.strip()],
            date=_date(op.date_phrase),
            summary=op.summary,
            background=op.background,
            evidence=Evidence(quote=op.quote),
        )
        for i, op in enumerate(draft.operations, start=1)
    ]

    def op_id(index: int | None) -> str | None:
        return operations[index].id if index is not None and 0 <= index < len(operations) else None

    casualties = [
        CasualtyReport(
            id=f"cas{i}",
            victims=Actor(name=c.victims),
            outcome=c.outcome,
            count=Count(phrase=c.count_phrase),
            perpetrator=Actor(name=c.perpetrator) if c.perpetrator else None,
            place=Place(name=c.place) if c.place else None,
            date=_date(c.date_phrase),
            reported_by=Claimant(name=c.reported_by, role=c.reported_by_role) if c.reported_by else None,
            operation_id=op_id(c.operation_index),
            background=c.background,
            evidence=Evidence(quote=c.quote),
        )
        for i, c in enumerate(draft.casualties, start=1)
    ]
    claims = [
        Claim(
            id=f"cl{i}",
            claimant=Claimant(name=c.claimant, role=c.claimant_role),
            kind=c.kind,
            content=c.content,
            quote=c.direct_quote,
            operation_id=op_id(c.operation_index),
            evidence=Evidence(quote=c.quote),
        )
        for i, c in enumerate(draft.claims, start=1)
    ]
    return ArticleExtraction(
        article=article.meta,
        summary=draft.summary,
        summary_kind="abstractive",
        operations=operations,
        casualties=casualties,
        claims=claims,
        provenance=provenance,
    )
