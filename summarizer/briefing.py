"""Aggregate many extractions into one briefing: sources, bottom line, operations, incidents, totals, claims.

Every figure in a :class:`Briefing` carries a :class:`Citation` (source number, item id, the verbatim quote), so
a renderer can always point a number back to the sentence it came from. Only ``verified`` items feed the
incidents, the totals and the bottom line; the others are listed apart as unverified. The same incident
reported by several articles is reconciled once (see :mod:`summarizer.reconcile`), so totals never count it
twice; a cumulative tally (a period's or a campaign's toll) is never added to the incidents it may include.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

from pydantic import BaseModel, Field

from summarizer.articles import Article
from summarizer.briefing_victims import as_civilians, as_unspecified, executed_ids, own_side, unspecified_ids
from summarizer.bulk import collector_paused
from summarizer.claimed_figures import claimed_sources
from summarizer.counts import WORDS_ONLY_RULES
from summarizer.gazetteer import admin1_name, default_gazetteer
from summarizer.models import (
    Actor,
    ActorCategory,
    ArticleExtraction,
    CasualtyReport,
    Claim,
    Claimant,
    ClaimKind,
    GroundingStatus,
    Operation,
    OperationKind,
    OperationStatus,
    Outcome,
    Place,
)
from summarizer.pipeline import ArticleFailure, RunReport
from summarizer.reconcile import (
    ItemRef,
    actor_key,
    cluster_casualties,
    cluster_operations,
    corroboration,
    date_range,
    inclusion_candidates,
    is_tally,
    may_include,
    operation_of,
    scope_places,
    sum_tallies,
)
from summarizer.reconcile import __doc__ as _RECONCILE_DOC
from summarizer.store import Store
from summarizer.story_events import story_fills
from summarizer.subset_figures import subset_ids

BLUF_INCIDENTS = 5  # main events named in the bottom line: the largest, shown by date


@dataclass
class BriefingInput:
    """What a briefing is built from: extractions, the articles' texts (for the HTML review) and failures."""

    extractions: list[ArticleExtraction]
    articles: dict[str, Article] = field(default_factory=dict)
    failures: list[ArticleFailure] = field(default_factory=list)

    @classmethod
    def from_report(cls, report: RunReport) -> BriefingInput:
        return cls(list(report.extractions), dict(report.articles), list(report.failures))


def briefing_from_store(db_path: Path, backend: str | None = None, *, texts: bool = True) -> BriefingInput:
    """Stored extractions (newest per article) and, with ``texts``, their articles, with no backend run."""
    with collector_paused(), Store(db_path) as store:
        extractions = list(store.iter_extractions(backend))
        articles = {e.article.id: a for e in extractions if (a := store.get_article(e.article.id)) is not None} \
            if texts else {}
    return BriefingInput(extractions, articles)


# --------------------------------------------------------------------------- the Briefing model


class Citation(BaseModel):
    """A pointer from a figure or statement to the quote that backs it."""

    n: int = Field(description="Number of the source in the source list.")
    item_id: str
    quote: str
    start: int | None = None
    end: int | None = None

    @property
    def key(self) -> str:
        return f"{self.n}:{self.item_id}"


class SourceEntry(BaseModel):
    n: int
    article_id: str
    source: str
    outlet: str | None = None
    title: str | None = None
    published: dt.date | None = None
    url: str | None = None
    backend: str
    model: str | None = None
    prompt_version: str | None = None
    warnings: list[str] = Field(default_factory=list)

    @property
    def label(self) -> str:
        """Outlet, else "source N": how a figure stated in the article's own voice is attributed (a file name
        is not a source an analyst can cite)."""
        return self.outlet or f"source {self.n}"


class Segment(BaseModel):
    """A piece of a generated sentence: plain text, or a citation."""

    text: str = ""
    cite: Citation | None = None


class Sentence(BaseModel):
    segments: list[Segment]

    @property
    def plain(self) -> str:
        return "".join(s.text if s.cite is None else f"[{s.cite.key}]" for s in self.segments)


class FigureReport(BaseModel):
    """One figure as one source stated it."""

    low: int | None = None
    best: int | None = None
    high: int | None = None
    phrase: str
    source: str = Field(description="reported_by when the article attributes the figure, else the outlet.")
    reported_by: str | None = None
    background: bool = False
    party: str | None = Field(
        default=None, description="The party to the fight that gives this figure (about its enemy or itself)."
    )
    enemy_claim: bool = Field(
        default=False, description="A party's claim about its enemy: shown as its claim; it sets the high, never "
        "the low, unless it is the only source."
    )
    words_only: bool = Field(default=False, description="'a number of', 'several': no figure to add up.")
    cite: Citation


class FigureGroup(BaseModel):
    """All reports of one group's outcome in one incident, reconciled to one range."""

    victims: str
    category: ActorCategory | None = None
    outcome: Outcome
    low: int | None = None
    best: int | None = None
    high: int | None = Field(default=None, description="Null when any report is open-ended or unknown.")
    conflict: bool = Field(default=False, description="Reports whose ranges cannot all be true: a disagreement.")
    alternatives: bool = Field(
        default=False, description="Reports that differ but can all be true ('over 100' and '150'): shown side by side."
    )
    corroboration: int = 1
    claim_only: bool = Field(
        default=False, description="Only a party's claim about its enemy gives this figure (no independent source)."
    )
    words_only: bool = Field(default=False, description="No report gives a number: shown as words, adds 0.")
    best_from: Citation | None = Field(default=None, description="The report whose best figure is used.")
    reports: list[FigureReport]


class Incident(BaseModel):
    id: str
    date_start: dt.date | None = None
    date_end: dt.date | None = None
    date_phrases: list[str] = Field(default_factory=list)
    places: list[str] = Field(default_factory=list)
    admin1: list[str] = Field(default_factory=list)
    perpetrators: list[str] = Field(default_factory=list)
    countries: list[str] = Field(default_factory=list)
    kinds: list[OperationKind] = Field(default_factory=list, description="Kinds of the operations it belongs to.")
    operations: list[str] = Field(default_factory=list, description="Ids of the briefing operations it belongs to.")
    background: bool = Field(default=False, description="Only mentioned as context (an earlier event).")
    in_period: bool = Field(
        default=True, description="Counted in the totals: current news, or context dated inside the briefing's period "
        "(or told as of the article's week: 'on Thursday', 'last night'). Context from before the period is not."
    )
    date_approximate: bool = Field(
        default=False, description="No figure gives a date: date_start/date_end are the earliest publication date "
        "of its articles (ACLED time precision 2-3), shown as approximate."
    )
    tally: bool = Field(
        default=False, description="A cumulative figure (a period's or campaign's toll), not one event: never added "
        "to the incidents it may include."
    )
    corroboration: int = Field(description="Number of distinct articles reporting it.")
    figures: list[FigureGroup]


class OperationEntry(BaseModel):
    id: str
    name: str | None = None
    phases: list[str] = Field(default_factory=list)
    kind: OperationKind
    status: OperationStatus = OperationStatus.unknown
    by: list[str] = Field(default_factory=list)
    against: list[str] = Field(default_factory=list)
    places: list[str] = Field(default_factory=list, description="Canonical place and province: 'Dibis (IQ-KI)'.")
    date_start: dt.date | None = None
    date_end: dt.date | None = None
    date_phrases: list[str] = Field(default_factory=list)
    background: bool = False
    summary: str = ""
    corroboration: int = 1
    cites: list[Citation]


class TotalComponent(BaseModel):
    incident: str
    low: int | None = None
    best: int | None = None
    high: int | None = None
    cite: Citation | None = None
    tally: bool = False
    counted: bool = Field(default=True, description="Its best is added into the group's best.")
    overlaps: list[str] = Field(
        default_factory=list, description="Incidents or tallies it may overlap (a tally and what it may include)."
    )


class WordsFigure(BaseModel):
    """A figure with no number ('a number of', 'several'), kept as its words."""

    phrase: str
    cite: Citation


class GroupTotal(BaseModel):
    """One group's outcome summed over distinct incidents (background incidents excluded)."""

    victims: str
    category: ActorCategory | None = None
    outcome: Outcome
    low: int
    best: int
    high: int | None = Field(default=None, description="Null when open-ended.")
    unquantified: int = Field(default=0, description="Incidents with no number for this group.")
    overlapping: bool = Field(
        default=False, description="Some components may overlap: a tally is listed beside the incidents it may "
        "include and never added."
    )
    components: list[TotalComponent]
    in_words: list[WordsFigure] = Field(
        default_factory=list, description="Figures given only in words ('a number of'): shown, never added."
    )


class ClaimEntry(BaseModel):
    kind: ClaimKind
    content: str
    quote: str | None = Field(default=None, description="The claimant's own words, shown as a quote.")
    cite: Citation


class ClaimantGroup(BaseModel):
    claimant: str
    role: str | None = None
    claims: list[ClaimEntry]


class UnverifiedEntry(BaseModel):
    kind: str = Field(description="operation, casualty or claim")
    text: str
    status: GroundingStatus
    problems: list[str] = Field(default_factory=list)
    cite: Citation


class FailureEntry(BaseModel):
    source: str
    reason: str


class Briefing(BaseModel):
    """The briefing as data (``--format json``); every renderer reads only this and the articles' texts."""

    title: str = "Security operations briefing"
    since: dt.date | None = None
    until: dt.date | None = None
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    engines: list[str] = Field(default_factory=list, description="backend / model / prompt version combinations.")
    sources: list[SourceEntry] = Field(default_factory=list)
    bluf: list[Sentence] = Field(default_factory=list)
    operations: list[OperationEntry] = Field(default_factory=list)
    incidents: list[Incident] = Field(default_factory=list)
    totals: list[GroupTotal] = Field(default_factory=list)
    claimants: list[ClaimantGroup] = Field(default_factory=list)
    unverified: list[UnverifiedEntry] = Field(default_factory=list)
    failures: list[FailureEntry] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)
    method: str = Field(default="", description="The reconciliation rule, as applied.")


# --------------------------------------------------------------------------- building

_CATEGORY_ORDER = {
    ActorCategory.civilians: 0,
    ActorCategory.state_forces: 1,
    ActorCategory.kurdish_forces: 2,
    ActorCategory.paramilitary: 3,
    ActorCategory.coalition: 4,
    ActorCategory.government: 5,
    ActorCategory.militant_group: 6,
    ActorCategory.other: 7,
}
_OUTCOME_ORDER = {o: i for i, o in enumerate(Outcome)}


def _group_order(group: FigureGroup | GroupTotal) -> tuple[int, str, int]:
    """Civilians first, then security forces, then militants; by name, then outcome."""
    return _CATEGORY_ORDER.get(group.category or ActorCategory.other, 9), group.victims, _OUTCOME_ORDER[group.outcome]


def _low_key(report: FigureReport) -> tuple[int, int]:
    return report.low or 0, report.cite.n


def _cite(ref: ItemRef) -> Citation:
    ev = ref.item.evidence
    return Citation(n=ref.n, item_id=ref.item.id, quote=ev.quote, start=ev.start, end=ev.end)


def _name(actor: object) -> str:
    return cast(str, getattr(actor, "canonical", None) or getattr(actor, "name", ""))


def _place_label(place: object) -> str:
    name = cast(str, getattr(place, "canonical", None) or getattr(place, "name", ""))
    admin1 = getattr(place, "admin1", None)
    return f"{name} ({admin1})" if admin1 and admin1 != name else name


def _unique(values: Iterable[str | None]) -> list[str]:
    """The values in first-seen order, each once (a dict keeps the order: linear on a large cluster)."""
    return list(dict.fromkeys(v for v in values if v))


def _in_window(rng: tuple[dt.date, dt.date] | None, published: dt.date | None, since: dt.date | None,
               until: dt.date | None) -> bool | None:
    """True/False when the item can be placed in time; None when it has neither a date nor a publication date."""
    if since is None and until is None:
        return True
    start, end = rng if rng else (published, published) if published else (None, None)
    if start is None or end is None:
        return None
    return (since is None or end >= since) and (until is None or start <= until)


def _figure_source(report: CasualtyReport, source: SourceEntry, enemy_claim: bool = False) -> str:
    if report.reported_by is None:
        return source.label
    who = report.reported_by.name
    who = f"{who}, {report.reported_by.role}" if report.reported_by.role else who
    return f"{who}: claim" if enemy_claim else who


_FORCES = {ActorCategory.state_forces, ActorCategory.kurdish_forces, ActorCategory.paramilitary,
           ActorCategory.coalition}


def party_claim(report: CasualtyReport, operation: Operation | None = None) -> tuple[str | None, bool]:
    """(the party whose figure this is, whether it is about its enemy): a figure is a party's when the body its
    source speaks for fought in the event: the victims themselves, the perpetrator, the side that carried out
    the operation, a militant group speaking of others, or a force speaking of militants it fought."""
    source = report.reported_by
    party = source.affiliation if source is not None else None
    if party is None or party.category not in (*_FORCES, ActorCategory.militant_group):
        return None, False
    who, victims = actor_key(party), actor_key(report.victims)
    if who == victims:
        return _name(party), False
    attackers = {actor_key(a) for a in operation.by} if operation is not None else set()
    enemy = (who == actor_key(report.perpetrator) or who in attackers
             or party.category == ActorCategory.militant_group
             or (party.category in _FORCES and report.victims.category == ActorCategory.militant_group))
    return (_name(party), True) if enemy else (None, False)


def _figure_group(refs: list[ItemRef], sources: dict[int, SourceEntry]) -> FigureGroup:
    reports: list[FigureReport] = []
    for ref in refs:
        c = ref.item
        assert isinstance(c, CasualtyReport)
        party, enemy = party_claim(c, operation_of(ref))
        reports.append(
            FigureReport(
                low=c.count.low, best=c.count.best, high=c.count.high, phrase=c.count.phrase,
                source=_figure_source(c, sources[ref.n], enemy),
                reported_by=c.reported_by.name if c.reported_by else None,
                background=c.background, party=party, enemy_claim=enemy,
                words_only=c.count.rule in WORDS_ONLY_RULES, cite=_cite(ref),
            )
        )
    first = refs[0].item
    assert isinstance(first, CasualtyReport)
    group = _reconcile_reports(reports)
    return group.model_copy(update={
        "victims": _name(first.victims), "category": first.victims.category, "outcome": first.outcome,
        "corroboration": len({ref.article_id for ref in refs}),
    })


def _reconcile_reports(all_reports: list[FigureReport]) -> FigureGroup:
    """One group's figures reconciled (IBC/UCDP style, the incident gold's rule): ``low`` and ``best`` are the most
    conservative credible figures (a party's claim about its enemy counts only when it is the only source; words
    with no number count 0), ``high`` the largest figure any source gives, claims included (open when that figure
    is open-ended and starts above every closed one: "more than 30" bounds nothing above it). An open-ended
    figure ("over 100") is only a floor: when a closed figure at or above every floor is stated ("150"), that
    figure is the best estimate."""
    independent = [r for r in all_reports if not r.enemy_claim]
    numbered = [r for r in (independent or all_reports) if not r.words_only]
    words_only = not numbered
    reports = numbered or independent or all_reports
    lowest = [r for r in reports if r.low is not None]
    lows = [r.low for r in lowest if r.low is not None]
    bests = [r for r in reports if r.best is not None]
    floors = [r.low for r in reports if r.high is None and r.low is not None]
    top_floor = max(floors, default=None)  # once, not per report
    precise = [r for r in bests if r.high is not None and top_floor is not None and (r.best or 0) >= top_floor]
    best_report = min(precise or bests, key=lambda r: (r.best, r.cite.n)) if bests else None
    tops = [(r.high if r.high is not None else r.low, r.high is None) for r in all_reports if not r.words_only
            and (r.high is not None or r.low is not None)]
    # an open-ended figure bounds nothing above it only when it starts above every closed one: "at least 5"
    # beside a stated 5 leaves 5 the largest figure given
    top = max(tops, key=lambda t: (t[0] or 0, not t[1]), default=(None, True))
    high = None if top[1] else top[0]
    values = {(r.low, r.best, r.high) for r in reports}
    # Every report can be true at once when their ranges share a value (an open high is unbounded).
    ceiling = min((r.high for r in reports if r.high is not None), default=None)
    starts = [v for r in reports if (v := r.low if r.low is not None else r.best) is not None]
    floor = max(starts, default=None)
    compatible = floor is None or ceiling is None or floor <= ceiling
    claims = {(r.low, r.best, r.high) for r in all_reports if r.enemy_claim and independent and not r.words_only}
    return FigureGroup(
        victims="", outcome=Outcome.killed,
        low=None if words_only else min(lows) if lows else None,
        best=None if words_only else best_report.best if best_report else None, high=None if words_only else high,
        conflict=(len(values) > 1 and not compatible) or bool(claims - values),
        alternatives=len(values) > 1 and compatible, claim_only=not independent, words_only=words_only,
        best_from=best_report.cite if best_report else (min(lowest, key=_low_key).cite if lowest else None),
        reports=all_reports,
    )


RECENT_DAYS = 7  # context dated up to a week before the earliest article is inside the default period
_RECENT = re.compile(r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|last night|overnight|"
                     r"this morning|the following day|the day before|earlier (?:today|this week))\b", re.IGNORECASE)


def _in_period(incident: Incident, window: tuple[dt.date | None, dt.date | None] | None) -> bool:
    """Whether a background incident is counted: dated inside the period, or undated but told as of its
    article's week ('on Thursday', 'last night'); a tally told as context, or an older event, is not."""
    if not incident.background:
        return True
    if incident.tally:
        return False  # a period's toll told as context ("since 2009") is no event of the period
    if incident.date_start is not None and not incident.date_approximate:
        if window is None:
            return False
        start, end = window
        return (start is None or (incident.date_end or incident.date_start) >= start) and (
            end is None or incident.date_start <= end)
    return any(_RECENT.search(p) for p in incident.date_phrases)


def _force_country(actor: Actor) -> str | None:
    """The country of a state force (its gazetteer entry's), None for any other actor."""
    if actor.category not in _FORCES or not actor.canonical:
        return None
    entry = default_gazetteer().actor_by_canonical.get(actor.canonical)
    return entry.country if entry is not None else None


def _fold_enemy_claims(groups: dict[tuple[str, Outcome], list[ItemRef]]) -> None:
    """A figure only an enemy's claim gives, for a country's forces ("nine Kenyan crusader soldiers", the group
    said), is of the same men as the one other figure of that country's forces in the incident ("four police
    officers"): the claim joins that figure, where it sets the high, instead of adding a second group to the toll."""
    for key, refs in list(groups.items()):
        if not all(party_claim(cast(CasualtyReport, r.item))[1] for r in refs):
            continue
        country = _force_country(cast(CasualtyReport, refs[0].item).victims)
        if country is None:
            continue
        peers = [
            other
            for other, found in groups.items()
            if other != key
            and other[1] == key[1]
            and _force_country(cast(CasualtyReport, found[0].item).victims) == country
        ]
        if len(peers) == 1:
            groups[peers[0]].extend(refs)
            del groups[key]


def _incident(index: int, members: list[ItemRef], sources: dict[int, SourceEntry],
              op_ids: dict[tuple[int, str], str], tallies: frozenset[str] = frozenset()) -> Incident:
    groups: dict[tuple[str, Outcome], list[ItemRef]] = defaultdict(list)
    for ref in members:
        c = ref.item
        assert isinstance(c, CasualtyReport)
        groups[(_name(c.victims), c.outcome)].append(ref)
    _fold_enemy_claims(groups)
    figures = [_figure_group(refs, sources) for refs in groups.values()]
    figures.sort(key=_group_order)
    items = [m.casualty for m in members]
    ranges = [r for i in items if (r := date_range(i.date))]
    by_id: dict[int, dict[str, list[Operation]]] = {}  # each extraction's operations by id, built once per call
    for m in members:
        if id(m.extraction) not in by_id:
            ops_of: dict[str, list[Operation]] = {}
            for op in m.extraction.operations:
                ops_of.setdefault(op.id, []).append(op)
            by_id[id(m.extraction)] = ops_of
    linked = [(m.n, op) for m in members for op in by_id[id(m.extraction)].get(m.casualty.operation_id or "", [])]
    published = [p for m in members if (p := m.extraction.article.published) is not None]
    approximate = not ranges and bool(published) and not all(i.background for i in items)
    # The days every dated figure allows ("on Tuesday" inside "earlier this month"), else the span of them all.
    first, last = (max(r[0] for r in ranges), min(r[1] for r in ranges)) if ranges else (None, None)
    if first is not None and last is not None and first > last:
        first, last = min(r[0] for r in ranges), max(r[1] for r in ranges)
    places = _incident_places(members, tallies)
    return Incident(
        id=f"I{index}",
        date_start=first if ranges else min(published) if approximate else None,
        date_end=last if ranges else min(published) if approximate else None,
        date_approximate=approximate,
        date_phrases=_unique(i.date.phrase for i in items if i.date),
        places=_unique(_place_label(p) for p in places),
        admin1=sorted({p.admin1 for p in places if p.admin1}),
        perpetrators=_unique(_name(i.perpetrator) for i in items if i.perpetrator),
        countries=sorted({p.country for p in places if p.country}),
        kinds=list(dict.fromkeys(op.kind for _, op in linked)),
        operations=_unique(op_ids.get((n, op.id)) for n, op in linked),
        background=all(i.background for i in items),
        tally=any(m.key in tallies for m in members),
        corroboration=corroboration(members),
        figures=figures,
    )


def _incident_places(members: list[ItemRef], tallies: frozenset[str]) -> list[Place]:
    """Where an incident happened: its figures' places, else (none placed) their operations'; a province or
    country is left out when a town inside it is named. A tally with no place of its own covers its
    operation's ("across Kirkuk, Diyala and Saladin")."""
    places = [p for m in members
              for p in (scope_places(m) if m.key in tallies else [m.casualty.place])
              if p is not None]
    if not places:
        places = [p for m in members for p in scope_places(m)]
    if not places:
        places = [p for p in (_setting(m.extraction) for m in members) if p is not None][:1]
    towns = [p for p in places if not _broad(p)]
    return [p for p in places if not _broad(p) or not any(
        (t.admin1 == p.admin1 if p.admin1 else t.country == p.country) for t in towns)]


def _setting(extraction: ArticleExtraction) -> Place | None:
    """An article's setting: the one province (admin1) every place it names lies in, as a place; None when it
    names none or several."""
    places = [p for o in extraction.operations for p in o.places]
    places += [c.place for c in extraction.casualties if c.place is not None]
    provinces = {(p.admin1, p.admin1_name, p.country) for p in places}
    if len(provinces) != 1:
        return None
    admin1, name, country = next(iter(provinces))
    name = admin1_name(admin1) or name  # the province's one name (ISO 3166-2), as the ACLED export names it
    if admin1 is None or name is None:
        return None
    return Place(name=name, canonical=name, admin1=admin1, admin1_name=name, country=country)


def _broad(place: Place) -> bool:
    """A province or a country named as the place."""
    return (place.canonical or place.name) in (place.admin1_name, place.country, place.admin1)


def _operation(index: int, members: list[ItemRef]) -> OperationEntry:
    items = [m.item for m in members]
    assert all(isinstance(o, Operation) for o in items)
    ops = cast(list[Operation], items)  # all() does not narrow the list for the type checker
    ranges = [r for o in ops if (r := date_range(o.date))]
    statuses = [o.status for o in ops if o.status != OperationStatus.unknown]
    kinds = [o.kind for o in ops if o.kind != OperationKind.other]
    return OperationEntry(
        id=f"O{index}",
        name=next((o.name for o in ops if o.name), None),
        phases=_unique(o.phase for o in ops),
        kind=kinds[0] if kinds else OperationKind.other,
        status=statuses[-1] if statuses else OperationStatus.unknown,
        by=_unique(_name(a) for o in ops for a in o.by),
        against=_unique(_name(a) for o in ops for a in o.against),
        places=_unique(_place_label(p) for o in ops for p in o.places),
        date_start=min(r[0] for r in ranges) if ranges else None,
        date_end=max(r[1] for r in ranges) if ranges else None,
        date_phrases=_unique(o.date.phrase for o in ops if o.date),
        background=all(o.background for o in ops),
        summary=next((o.summary for o in ops if o.summary), ""),
        corroboration=corroboration(members),
        cites=[_cite(m) for m in members],
    )


def _lo(f: FigureGroup) -> int:
    return f.low if f.low is not None else (f.best or 0)


def _be(f: FigureGroup) -> int:
    return f.best if f.best is not None else (f.low or 0)


def _blocks(pairs: list[tuple[Incident, FigureGroup]], members: dict[str, list[ItemRef]]) -> list[list[int]]:
    """Indexes of ``pairs`` grouped into blocks that may overlap: a tally with the incidents (and tallies) it may
    include, joined transitively; every other incident is a block of its own."""
    parent = list(range(len(pairs)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    tallies = [i for i, (a, _) in enumerate(pairs) if a.tally]
    candidates = inclusion_candidates([members[a.id] for a, _ in pairs], tallies)
    for i in tallies:
        a = pairs[i][0]
        for j in sorted(candidates[i]):
            b = pairs[j][0]
            if may_include(members[a.id], members[b.id]) or (b.tally and may_include(members[b.id], members[a.id])):
                parent[root(j)] = root(i)
    blocks: dict[int, list[int]] = defaultdict(list)
    for i in range(len(pairs)):
        blocks[root(i)].append(i)
    return list(blocks.values())


def _totals(incidents: Sequence[Incident], members: dict[str, list[ItemRef]] | None = None) -> list[GroupTotal]:
    """Each group's outcome over distinct incidents of the period, each once. A tally (a period's or a campaign's
    toll) is no incident: it is listed beside the incidents it may include ("not added"), never added to them or
    counted in their place, so a campaign told twice or a total of listed figures is never counted at all."""
    members = members or {}
    parts: dict[tuple[str, Outcome], list[tuple[Incident, FigureGroup]]] = defaultdict(list)
    for incident in incidents:
        if not incident.in_period:
            continue  # context from before the period, or a tally told as context: it would count events twice
        for fig in incident.figures:
            parts[(fig.victims, fig.outcome)].append((incident, fig))
    totals: list[GroupTotal] = []
    for (victims, outcome), pairs in parts.items():
        quantified = [(i, f) for i, f in pairs if f.best is not None or f.low is not None]
        if not quantified:
            continue
        low = best = 0
        high: int | None = 0
        components: list[TotalComponent] = []
        overlapping = False
        if all(i.tally for i, _ in quantified):
            continue  # only tallies: no incident to count (they stay in the incidents table, marked)
        for block in _blocks(quantified, {i.id: members.get(i.id, []) for i, _ in quantified}):
            items = [quantified[k] for k in block]
            singles = [(i, f) for i, f in items if not i.tally]
            counted = {i.id for i, _ in singles}  # incidents only: a tally is shown beside them, never added
            low += sum(_lo(f) for _, f in singles)
            best += sum(_be(f) for _, f in singles)
            highs = [f.high for _, f in singles]
            high = None if high is None or any(h is None for h in highs) else high + sum(h or 0 for h in highs)
            overlapping = overlapping or len(items) > 1
            ids = [i.id for i, _ in items]
            components.extend(
                TotalComponent(incident=i.id, low=f.low, best=_be(f), high=f.high, cite=f.best_from, tally=i.tally,
                               counted=i.id in counted, overlaps=[x for x in ids if x != i.id])
                for i, f in items
            )
        order = {i.id: n for n, (i, _) in enumerate(quantified)}
        components.sort(key=lambda c: (not c.counted, order[c.incident]))
        totals.append(
            GroupTotal(
                victims=victims, category=pairs[0][1].category, outcome=outcome, low=low, best=best, high=high,
                unquantified=len(pairs) - len(quantified), overlapping=overlapping, components=components,
                in_words=[WordsFigure(phrase=r.phrase, cite=r.cite) for _, f in pairs if f.words_only
                          for r in f.reports[:1]],
            )
        )
    totals.sort(key=_group_order)
    return totals


def _fold_name(token: str) -> str:
    """One spelling for common transliteration variants of Arabic names: Yehia/Yahya, Rasool/Rasul,
    Mostafa/Mustafa, Ahmed/Ahmad, Mohammed/Mohamed; 'al-Kadhimi' and 'Kadhimi' alike."""
    t = re.sub(r"^(?:al|el)-", "", token)
    t = t.replace("ee", "i").replace("oo", "u").replace("ou", "u").replace("e", "a").replace("o", "u")
    t = re.sub(r"(?<=[^aiu])y", "i", t)  # 'y' after a consonant is a vowel: Yahya -> Yahia
    return re.sub(r"(.)\1+", r"\1", t)  # doubled letters: Mohammed -> Mohamed


def _claimant_key(name: str) -> frozenset[str]:
    honorifics = {"major", "general", "brigadier", "colonel", "lieutenant", "lt", "maj", "gen", "col", "brig", "mr",
                  "dr", "sheikh", "the", "prime", "minister", "pm", "president", "mayor"}
    return frozenset(_fold_name(t) for t in name.casefold().replace(".", " ").split() if t not in honorifics)


def _claimant_name(claimant: Claimant) -> str:
    """A claimant named only by a generic alias ("the militant group", "the police") is shown under the actor it
    speaks for, so one body's claims are not split across its descriptions: its affiliation as the story reads it
    ("police" in a Kenyan story are Kenya's), else the gazetteer's canonical actor."""
    name = claimant.name
    bare = " ".join(name.split()).removeprefix("the ").removeprefix("The ")
    entry = default_gazetteer().actor_entry(bare)
    if entry is None or bare.casefold() not in {a.casefold() for a in (entry.canonical, *entry.aliases)}:
        return name
    affiliation = claimant.affiliation
    return str(affiliation.canonical if affiliation is not None and affiliation.canonical else entry.canonical)


def _claimants(refs: Sequence[ItemRef]) -> list[ClaimantGroup]:
    """Claims grouped by claimant; 'al-Khafaji' joins 'Major General Tahsin al-Khafaji' (token subset)."""
    groups: list[tuple[frozenset[str], list[ItemRef]]] = []
    by_token: dict[str, set[int]] = defaultdict(set)  # a token -> the groups whose key holds it
    names: dict[str, frozenset[str]] = {}
    for ref in refs:
        claim = ref.item
        assert isinstance(claim, Claim)
        name = claim.claimant.name
        if name not in names:
            names[name] = _claimant_key(_claimant_name(claim.claimant))
        key = names[name]
        # a key that is a subset or superset of a group's shares a token with it: only those are compared
        candidates = sorted(set().union(*(by_token.get(t, set()) for t in key))) if key else []
        for i in candidates:
            other, members = groups[i]
            if other and (key <= other or other <= key):
                members.append(ref)
                groups[i] = (key | other, members)
                for t in key:
                    by_token[t].add(i)
                break
        else:
            groups.append((key, [ref]))
            for t in key:
                by_token[t].add(len(groups) - 1)
    out: list[ClaimantGroup] = []
    for _, members in groups:
        # every member was checked to be a Claim when the groups were built
        claims = cast(list[Claim], [m.item for m in members])
        name = max((_claimant_name(c.claimant) for c in claims), key=len)
        role = next((c.claimant.role for c in claims if c.claimant.role), None)
        entries = [
            ClaimEntry(kind=c.kind, content=c.content, quote=c.quote, cite=_cite(m))
            for m, c in zip(members, claims, strict=True)
        ]
        out.append(ClaimantGroup(claimant=name, role=role, claims=entries))
    return sorted(out, key=lambda g: (-len(g.claims), g.claimant.casefold()))


def _unverified_text(item: Operation | CasualtyReport | Claim) -> tuple[str, str]:
    if isinstance(item, CasualtyReport):
        return "casualty", f"{item.count.phrase} {_name(item.victims)} {item.outcome.value}"
    if isinstance(item, Operation):
        return "operation", item.name or item.summary or item.kind.value
    return "claim", f"{item.claimant.name}: {item.content}"


def _sources(extractions: Sequence[ArticleExtraction]) -> list[SourceEntry]:
    return [
        SourceEntry(
            n=n, article_id=e.article.id, source=e.article.source, outlet=e.article.outlet, title=e.article.title,
            published=e.article.published, url=e.article.url, backend=e.provenance.backend, model=e.provenance.model,
            prompt_version=e.provenance.prompt_version, warnings=list(e.warnings),
        )
        for n, e in enumerate(extractions, start=1)
    ]


def _fmt_range(low: int | None, best: int | None, high: int | None) -> str:
    if best is not None and low == best == high:
        return str(best)
    if low is not None and high is None:
        return f"at least {low}"
    if low is not None and high is not None:
        return f"{low}–{high}"
    return str(best) if best is not None else "an unknown number of"


def _when(start: dt.date | None, end: dt.date | None, phrases: Sequence[str]) -> str:
    if start is None:
        return f"undated ({phrases[0]})" if phrases else "undated"
    return start.isoformat() if end in (None, start) else f"{start.isoformat()} to {end.isoformat()}"


def _figure_words(low: int | None, high: int | None, best: int | None = None) -> str:
    """A range in words for the bottom line: '12', '3–20', 'at least 12'."""
    if low is not None and high is not None:
        return str(low) if low == high else f"{low}–{high}"
    if low is not None:
        return f"at least {low}"
    return str(best) if best is not None else "an unknown number of"


def _report_words(report: FigureReport) -> str:
    if report.words_only:
        return f"“{report.phrase}”"
    if report.best is not None and report.low == report.best == report.high:
        return str(report.best)
    return _figure_words(report.low, report.high, report.best)


def _event_line(incident: Incident) -> Sentence:
    """'2024-06-04, Borno (NG-BO): attack by ISWAP: Nigerian Army killed: 3 (army) [c] vs 20 (ISWAP: claim) [c].'"""
    if incident.date_start is None:
        when = "Undated"
    elif incident.date_approximate:
        when = f"About {incident.date_start.isoformat()} (publication date)"
    else:
        when = _when(incident.date_start, incident.date_end, incident.date_phrases)
    head = f"{when}, {', '.join(incident.places)}" if incident.places else when
    by = f"by {'/'.join(incident.perpetrators)}" if incident.perpetrators else ""
    what = " ".join(x for x in (incident.kinds[0].value if incident.kinds else "", by) if x)
    segs = [Segment(text=f"{head}: {what}: " if what else f"{head}: ")]
    for j, fig in enumerate(incident.figures):
        # every source's figure side by side: "vs" where they disagree, "or" where all can be true
        outcome = fig.outcome.value.replace("_", " ")
        segs.append(Segment(text=f"{'; ' if j else ''}{fig.victims} {outcome}: "))
        independent = {(x.low, x.best, x.high) for x in fig.reports if not x.enemy_claim}
        between = " or " if fig.alternatives else " vs " if len(independent) > 1 else ", "
        reports = sorted(fig.reports, key=lambda x: x.enemy_claim)  # the parties' claims last, each "vs"
        for r, report in enumerate(reports):
            sep = (" vs " if report.enemy_claim else between) if r else ""
            segs.append(Segment(text=f"{sep}{_report_words(report)} ({report.source}) "))
            segs.append(Segment(cite=report.cite))
        if fig.claim_only:
            segs.append(Segment(text=", only a party's claim"))
    articles = "one article" if incident.corroboration == 1 else "several articles"  # a count would read as a toll
    segs.append(Segment(text=f"; reported by {articles}."))
    return Sentence(segments=segs)


def _totals_line(outcome: Outcome, totals: Sequence[GroupTotal]) -> Sentence | None:
    """'Killed in the period, each incident once: Nigerian Army 9 [c]; Civilians 13 (10 [c] + 3 [c]) or more.'"""
    groups = [t for t in totals if t.outcome == outcome]
    if not groups:
        return None
    label = outcome.value.replace("_", " ")
    segs = [Segment(text=f"{label[:1].upper()}{label[1:]} in the period, each incident counted once: ")]
    for k, total in enumerate(groups):
        # the best as a cited sum; "or more" when any part is open-ended (the low and high are in the table)
        segs.append(Segment(text=f"{'; ' if k else ''}{total.victims} "))
        comps = [c for c in total.components if c.counted and c.cite is not None and c.best is not None]
        if len(comps) == 1:
            segs.append(Segment(text=f"{comps[0].best} "))
            segs.append(Segment(cite=comps[0].cite))
        elif comps:
            segs.append(Segment(text=f"{total.best} ("))
            for j, comp in enumerate(comps):
                segs.append(Segment(text=f"{' + ' if j else ''}{comp.best} "))
                segs.append(Segment(cite=comp.cite))
            segs.append(Segment(text=")"))
        if total.high is None:
            segs.append(Segment(text=" or more"))
        elif total.high != total.best or total.low != total.best:
            segs.append(Segment(text=" (a range; see the table)"))
        for words in total.in_words:
            segs.append(Segment(text=f", and “{words.phrase}” "))
            segs.append(Segment(cite=words.cite))
    if any(not c.counted for t in groups for c in t.components):
        segs.append(Segment(text="; a tally (a period's toll) is never added"))
    segs.append(Segment(text="."))
    return Sentence(segments=segs)


def _bluf(incidents: Sequence[Incident], totals: Sequence[GroupTotal], operations: Sequence[OperationEntry],
          sources: Sequence[SourceEntry]) -> list[Sentence]:
    """The bottom line up front, from templates: the main events of the period one line each (date, place,
    what, who, each group's range with every source's figure), then each group's totals as ranges. Every
    number is a stored figure with its citation; a figure with no number stays words."""
    out: list[Sentence] = []
    if not sources:
        return [Sentence(segments=[Segment(text="No article could be read; see the failures below.")])]
    current = [i for i in incidents if i.in_period and not i.tally]
    if not current and not operations:
        out.append(Sentence(segments=[Segment(text="No verified operation or casualty figure was extracted.")]))

    def weight(incident: Incident) -> int:
        return max((f.high or f.best or f.low or 0 for f in incident.figures), default=0)

    main = sorted(current, key=lambda i: (-weight(i), i.id))[:BLUF_INCIDENTS]
    main.sort(key=lambda i: (i.date_start is None, i.date_start or dt.date.min, i.id))
    out.extend(_event_line(i) for i in main)
    for outcome in Outcome:
        line = _totals_line(outcome, totals)
        if line is not None:
            out.append(line)
    named = [o for o in operations if o.name and not o.background]
    if named:
        segs = [Segment(text="Named operations: ")]
        for j, op in enumerate(named):
            phases = f" ({', '.join(op.phases)})" if op.phases else ""
            segs.append(Segment(text=f"{'; ' if j else ''}{op.name}{phases}"))
            if op.places:
                segs.append(Segment(text=f" in {', '.join(op.places)}"))
            segs.append(Segment(text=" "))
            segs.append(Segment(cite=op.cites[0]))
        segs.append(Segment(text="."))
        out.append(Sentence(segments=segs))
    conflicts = sum(1 for i in current for f in i.figures if f.conflict)
    if conflicts:
        text = "Sources disagree on some figures; see the conflicts under Casualties."
        out.append(Sentence(segments=[Segment(text=text)]))
    return out


@collector_paused()
def build_briefing(source: BriefingInput, since: dt.date | None = None, until: dt.date | None = None) -> Briefing:
    """Reconcile every article's extraction into one :class:`Briefing` (optionally for events in a date window).

    ``since``/``until`` keep items whose event dates overlap the window; items with no resolved date are judged
    by their article's publication date, and those with neither are kept and counted in ``notes``.
    """
    extractions = sorted(source.extractions, key=lambda e: (e.article.source, e.article.id))
    sources = _sources(extractions)
    by_n = {s.n: s for s in sources}
    verified: dict[str, list[ItemRef]] = {"operations": [], "casualties": [], "claims": []}
    unverified: list[UnverifiedEntry] = []
    undated_kept = 0
    dates: list[dt.date] = []
    for n, ex in enumerate(extractions, start=1):
        unspecified = unspecified_ids(ex.casualties)  # "people", "bodies": not civilians unless the text says so
        executed = executed_ids(ex.casualties)  # men put to death by an armed group: civilians
        subsets = subset_ids(ex.casualties)  # the wounded still in hospital: part of the wounded already given
        own = own_side(ex)  # "its own fighters": the party that speaks
        # a one-event story's undated figures are of its event
        article = source.articles.get(ex.article.id)
        fills = story_fills(ex, lambda c, n=n, ex=ex: is_tally(ItemRef(n, ex, c)),  # type: ignore[misc]
                            article.text if article is not None else None)
        claimed = claimed_sources(ex)  # a figure told in a party's claim is that party's
        for kind in verified:
            for item in getattr(ex, kind):
                if kind == "casualties" and item.id in subsets:
                    continue
                if kind == "casualties":
                    item = fills.get(item.id, item)
                    if item.id in claimed:
                        item = item.model_copy(update={"reported_by": claimed[item.id].reported_by})
                if kind == "casualties" and item.id in own:
                    item = item.model_copy(update={"victims": own[item.id]})
                if kind == "casualties" and item.id in executed:
                    item = as_civilians(item)
                elif kind == "casualties" and item.id in unspecified:
                    item = as_unspecified(item)
                ref = ItemRef(n, ex, item)
                rng = date_range(getattr(item, "date", None))
                inside = _in_window(rng, ex.article.published, since, until)
                if inside is False:
                    continue
                if inside is None:
                    undated_kept += 1
                if item.grounding.status != GroundingStatus.verified:
                    label, text = _unverified_text(item)
                    unverified.append(UnverifiedEntry(kind=label, text=text, status=item.grounding.status,
                                                      problems=list(item.grounding.problems), cite=_cite(ref)))
                    continue
                if not getattr(item, "background", False):  # context (the 2014 offensive) is not the period
                    dates.extend(rng or ())
                    dates.extend([ex.article.published] if ex.article.published else [])
                verified[kind].append(ref)
    op_clusters = _ordered(cluster_operations(verified["operations"]))
    operations = [_operation(i, members) for i, members in enumerate(op_clusters, 1)]
    op_ids = {(m.n, m.item.id): op.id for op, members in zip(operations, op_clusters, strict=True) for m in members}
    casualties = verified["casualties"]
    summed = frozenset(sum_tallies(casualties))  # "totals" of figures the same article lists
    tallies = summed | {r.key for r in casualties if is_tally(r)}
    cas_clusters = _ordered(cluster_casualties(casualties, tallies, flags_complete=True), tallies)
    incidents = [_incident(i, members, by_n, op_ids, tallies) for i, members in enumerate(cas_clusters, 1)]
    published = [s.published for s in sources if s.published is not None]
    window = (since, until) if since or until else (
        (min(published) - dt.timedelta(days=RECENT_DAYS), max(published)) if published else None)
    incidents = [i.model_copy(update={"in_period": _in_period(i, window)}) for i in incidents]
    dates.extend(d for i in incidents if i.background and i.in_period and not i.date_approximate
                 for d in (i.date_start, i.date_end) if d is not None)
    totals = _totals(incidents, {i.id: members for i, members in zip(incidents, cas_clusters, strict=True)})
    notes: list[str] = []
    if undated_kept:
        notes.append("Items with neither an event date nor a publication date are kept although a date window was set.")
    if any(i.background and not i.in_period for i in incidents):
        notes.append("Background incidents from before the period (earlier events mentioned as context) are listed "
                     "but not counted in totals; context dated in the period, or told as of the article's week, is "
                     "counted.")
    if any(i.tally for i in incidents if not i.background):
        notes.append("Tallies (a period's or a campaign's toll) are never added to the incidents they may include.")
    undated = [s.n for s in sources if s.published is None]
    if undated:
        which = ", ".join(str(n) for n in undated)
        notes.append(f"Source{'s' if len(undated) > 1 else ''} {which} give{'' if len(undated) > 1 else 's'} no "
                     "publication date: their undated items cannot be placed in the period covered.")
    engines = _unique(
        f"{e.provenance.backend} / {e.provenance.model or 'no model'} / prompt {e.provenance.prompt_version or 'n/a'}"
        for e in extractions
    )
    return Briefing(
        since=since, until=until,
        period_start=min(dates) if dates else None, period_end=max(dates) if dates else None,
        engines=engines, sources=sources,
        bluf=_bluf(incidents, totals, operations, sources),
        operations=operations, incidents=incidents, totals=totals,
        claimants=_claimants(verified["claims"]), unverified=unverified,
        failures=[FailureEntry(source=f.source, reason=f.reason) for f in source.failures],
        notes=notes, method=_method_text(),
    )


def _ordered(clusters: list[list[ItemRef]], tallies: frozenset[str] = frozenset()) -> list[list[ItemRef]]:
    """Clusters in reading order: current events before tallies before background (context), then dated first by
    date, then by their first citation, so the tables open with what happened in the period."""
    def key(members: list[ItemRef]) -> tuple[bool, bool, int, dt.date, int, str]:
        ranges = [r for m in members if (r := date_range(getattr(m.item, "date", None)))]
        first = min(members, key=lambda m: (m.n, m.item.id))
        return (all(getattr(m.item, "background", False) for m in members), any(m.key in tallies for m in members),
                0 if ranges else 1, min(r[0] for r in ranges) if ranges else dt.date.min, first.n, first.item.id)

    return sorted(([*sorted(c, key=lambda m: (m.n, m.item.id))] for c in clusters), key=key)


def _method_text() -> str:
    doc = _RECONCILE_DOC or ""
    start = doc.find("* **Vetoes**")
    end = doc.find("Only grounded")
    return doc[start:end].strip() if start >= 0 else doc.strip()


def evidence_citations(b: Briefing) -> list[Citation]:
    """Every citation the briefing makes, once each, in source order."""
    seen: dict[str, Citation] = {}
    for s in b.bluf:
        for seg in s.segments:
            if seg.cite:
                seen.setdefault(seg.cite.key, seg.cite)
    for op in b.operations:
        for c in op.cites:
            seen.setdefault(c.key, c)
    for incident in b.incidents:
        for fig in incident.figures:
            for r in fig.reports:
                seen.setdefault(r.cite.key, r.cite)
    for group in b.claimants:
        for claim in group.claims:
            seen.setdefault(claim.cite.key, claim.cite)
    for u in b.unverified:
        seen.setdefault(u.cite.key, u.cite)
    return sorted(seen.values(), key=lambda c: (c.n, c.item_id))
