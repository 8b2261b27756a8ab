"""Reconciliation: find the same incident (or operation) reported by several articles.

The rule, in one place (the briefing's "Method" section repeats it):

* **Vetoes** (two items are never merged when any holds):
  - both have resolved dates and the ranges do not overlap (so different days, and a fortiori different
    years, never merge);
  - one is dated and the other is not, and the undated one's article was published more than
    ``UNDATED_WINDOW_DAYS`` away from the dated event (or in another year);
  - both name a perpetrator and the canonical perpetrators differ;
  - both name places and they share neither a canonical place nor a province (``admin1``);
  - both have weekday/month words in their date phrases and those words differ;
  - (operations) both are named and the names differ.
* **Support** (a reason to merge; one is enough, given no veto):
  - same article and the same ``operation_id`` or overlapping evidence spans (one sentence, one incident);
  - both dated, overlapping, and at the same canonical place;
  - both dated, overlapping, the same province or a place unknown, and the same victims and outcome;
  - undated (either side): same victims and outcome, and the same canonical place, or the same province and
    agreeing date phrases ("on Thursday" and "a Thursday attack");
  - (operations) the same name (after folding case, quotes and punctuation), or the same kind and place and
    no disagreeing forces, with overlapping dates or (undated) agreeing date phrases.
* **Clustering**: an item joins the existing cluster in which no member vetoes it and the most members
  support it; otherwise it starts a new cluster. Vetoes are checked against every member (complete
  linkage), so a chain of weak links never joins two incidents on different days.

Only grounded (``verified``) items are reconciled; the briefing keeps the rest apart.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

from rapidfuzz import fuzz

from summarizer.models import ArticleExtraction, CasualtyReport, Claim, EventDate, Operation, Place

UNDATED_WINDOW_DAYS = 30
NAME_SIMILARITY = 85  # rapidfuzz token_set_ratio at or above which two operation names are one

_TIME_WORDS = re.compile(
    r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|july|"
    r"august|september|october|november|december)\b",
    re.IGNORECASE,
)

Relation = Literal["veto", "none", "support"]


@dataclass(frozen=True)
class ItemRef:
    """One extracted item and where it came from: ``n`` is the article's number in the source list."""

    n: int
    extraction: ArticleExtraction
    item: Operation | CasualtyReport | Claim

    @property
    def article_id(self) -> str:
        return self.extraction.article.id

    @property
    def key(self) -> str:
        """The citation key, e.g. ``2:cas1``."""
        return f"{self.n}:{self.item.id}"


def date_range(date: EventDate | None) -> tuple[dt.date, dt.date] | None:
    """The resolved (start, end) of an event date, or None when it is not resolved."""
    if date is None or date.start is None:
        return None
    return date.start, date.end or date.start


def _places(ref: ItemRef) -> list[Place]:
    item = ref.item
    if isinstance(item, Operation):
        return list(item.places)
    if isinstance(item, CasualtyReport) and item.place is not None:
        return [item.place]
    return []


def _place_names(places: Sequence[Place]) -> set[str]:
    return {(p.canonical or p.name).casefold() for p in places}


def _admin1(places: Sequence[Place]) -> set[str]:
    return {p.admin1 for p in places if p.admin1}


def actor_key(actor: object) -> str | None:
    """The canonical name of an actor (its written name when not in the gazetteer), folded for comparison."""
    if actor is None:
        return None
    canonical = getattr(actor, "canonical", None) or getattr(actor, "name", None)
    return canonical.casefold() if canonical else None


def normalize_name(name: str | None) -> str | None:
    """An operation name folded for comparison: case, quotes, dashes and punctuation removed."""
    if not name:
        return None
    folded = re.sub(r"[^\w\s]", " ", name.casefold())
    return " ".join(folded.split()) or None


def _time_words(date: EventDate | None) -> set[str]:
    return {w.casefold() for w in _TIME_WORDS.findall(date.phrase)} if date is not None else set()


def _spans_overlap(a: ItemRef, b: ItemRef) -> bool:
    ea, eb = a.item.evidence, b.item.evidence
    if None in (ea.start, ea.end, eb.start, eb.end):
        return ea.quote.strip() == eb.quote.strip()
    return ea.start < eb.end and eb.start < ea.end  # type: ignore[operator]


def _place_relation(a: ItemRef, b: ItemRef) -> Literal["same", "province", "unknown", "conflict"]:
    pa, pb = _places(a), _places(b)
    if not pa or not pb:
        return "unknown"
    if _place_names(pa) & _place_names(pb):
        return "same"
    if _admin1(pa) & _admin1(pb):
        return "province"
    return "conflict"


def _date_vetoes(a: ItemRef, b: ItemRef) -> bool:
    ra, rb = date_range(a.item.date), date_range(b.item.date)  # type: ignore[union-attr]
    if ra and rb:
        return not (ra[0] <= rb[1] and rb[0] <= ra[1])
    for undated, rng in ((b, ra), (a, rb)):
        published = undated.extraction.article.published
        if rng and published is not None:
            if published.year != rng[0].year and published.year != rng[1].year:
                return True
            # An undated mention in an article published before the event, or long after it, is another event.
            if published < rng[0] - dt.timedelta(days=1) or (published - rng[1]).days > UNDATED_WINDOW_DAYS:
                return True
    if not ra and not rb:
        pa, pb = a.extraction.article.published, b.extraction.article.published
        if pa and pb and abs((pa - pb).days) > UNDATED_WINDOW_DAYS:
            return True
    wa, wb = _time_words(a.item.date), _time_words(b.item.date)  # type: ignore[union-attr]
    return bool(wa and wb and not (wa & wb))


def casualty_relation(a: ItemRef, b: ItemRef) -> Relation:
    """Whether two casualty reports may be one incident: ``veto``, ``support`` or ``none`` (see module doc)."""
    ca, cb = a.item, b.item
    assert isinstance(ca, CasualtyReport) and isinstance(cb, CasualtyReport)
    if _date_vetoes(a, b):
        return "veto"
    pa, pb = actor_key(ca.perpetrator), actor_key(cb.perpetrator)
    if pa and pb and pa != pb:
        return "veto"
    place = _place_relation(a, b)
    if place == "conflict":
        return "veto"
    if a.article_id == b.article_id and (
        (ca.operation_id and ca.operation_id == cb.operation_id) or _spans_overlap(a, b)
    ):
        return "support"
    same_group = actor_key(ca.victims) == actor_key(cb.victims) and ca.outcome == cb.outcome
    dated = date_range(ca.date) is not None and date_range(cb.date) is not None
    if dated:
        if place == "same":
            return "support"
        return "support" if same_group else "none"
    if not same_group:
        return "none"
    if place == "same":
        return "support"
    if place == "province" and _time_words(ca.date) & _time_words(cb.date):
        return "support"
    return "none"


def operation_relation(a: ItemRef, b: ItemRef) -> Relation:
    """Whether two operation items are one operation: ``veto``, ``support`` or ``none`` (see module doc)."""
    oa, ob = a.item, b.item
    assert isinstance(oa, Operation) and isinstance(ob, Operation)
    if _date_vetoes(a, b):
        return "veto"
    place = _place_relation(a, b)
    na, nb = normalize_name(oa.name), normalize_name(ob.name)
    if na and nb:
        if fuzz.token_set_ratio(na, nb) < NAME_SIMILARITY:
            return "veto"
        return "support"  # one named operation may span provinces: the name wins over the place
    if place == "conflict":
        return "veto"
    if a.article_id == b.article_id and _spans_overlap(a, b):
        return "support"
    dated = date_range(oa.date) is not None and date_range(ob.date) is not None
    by_a, by_b = {actor_key(x) for x in oa.by}, {actor_key(x) for x in ob.by}
    same_forces = not by_a or not by_b or bool(by_a & by_b)
    same_time = dated or bool(_time_words(oa.date) & _time_words(ob.date))
    if oa.kind == ob.kind and place == "same" and same_forces and same_time:
        return "support"
    return "none"


def cluster(refs: Sequence[ItemRef], relation: Callable[[ItemRef, ItemRef], Relation]) -> list[list[ItemRef]]:
    """Group ``refs`` with ``relation(a, b)``: no veto against any member, most support wins (see module doc).

    Dated items are placed first (earliest first) so that undated ones join the best-anchored cluster.
    """
    def order(ref: ItemRef) -> tuple[int, dt.date, int, str]:
        rng = date_range(getattr(ref.item, "date", None))
        return (0 if rng else 1, rng[0] if rng else dt.date.min, ref.n, ref.item.id)

    clusters: list[list[ItemRef]] = []
    for ref in sorted(refs, key=order):
        best: tuple[int, int] | None = None
        for index, members in enumerate(clusters):
            verdicts = [relation(ref, m) for m in members]
            if "veto" in verdicts:
                continue
            support = verdicts.count("support")
            if support and (best is None or support > best[0]):
                best = (support, index)
        if best is None:
            clusters.append([ref])
        else:
            clusters[best[1]].append(ref)
    return clusters


def cluster_casualties(refs: Sequence[ItemRef]) -> list[list[ItemRef]]:
    """Casualty reports grouped into incidents."""
    return cluster(refs, casualty_relation)


def cluster_operations(refs: Sequence[ItemRef]) -> list[list[ItemRef]]:
    """Operation items grouped into operations."""
    return cluster(refs, operation_relation)


def corroboration(members: Sequence[ItemRef]) -> int:
    """How many distinct articles report a cluster."""
    return len({m.article_id for m in members})
