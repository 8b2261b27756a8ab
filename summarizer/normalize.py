"""Normalisation: counts to low/best/high, canonical actors and places, dates, cross-item links.

Runs on every backend's output before grounding and only fills what a backend left empty, so an engine
that knows better keeps its values:

* counts: ``low``/``best``/``high`` from ``Count.phrase`` with :func:`summarizer.counts.parse_count`, the one
  implementation of the project's count rules;
* actors (operation forces and targets, victims, perpetrators, claimant affiliations) and places: canonical
  name, category, province code, English province name, country, coordinates and geo precision from the
  gazetteer, read in the story's setting (:func:`story_gazetteer`: bare "soldiers" in a Somali story are
  Somali forces, "Gao" in a Malian story is the Malian town); an actor no entry fits keeps its phrase with
  the category its head noun supports (victims as written);
* dates: resolved against the publication date (:mod:`summarizer.dates`); when it is unknown, relative
  phrases stay unresolved and one warning says how many;
* links: a casualty figure without an operation is linked to the operation whose evidence contains it or
  shares its sentence (same background flag, and only when exactly one operation qualifies); then
  :mod:`summarizer.event_links` links figures that refer back to an event ("in the attack") and says who
  was hit when the text does not ("people", a hospital's count).
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from functools import cache

from summarizer.articles import Article
from summarizer.counts import parse_count
from summarizer.datelines import drop_dateline_places
from summarizer.dates import is_relative, resolve_date
from summarizer.event_links import classify_victims, link_events
from summarizer.gazetteer import Gazetteer, admin1_name, default_gazetteer, story_gazetteer
from summarizer.grounding import Aligner
from summarizer.models import (
    Actor,
    ArticleExtraction,
    CasualtyReport,
    Claimant,
    Count,
    EventDate,
    Operation,
    Place,
)
from summarizer.paragraph_headings import apply_headings
from summarizer.sentences import sentence_spans
from summarizer.statement_dates import redate_statements

# --------------------------------------------------------------------------- counts


def normalize_count(count: Count) -> Count:
    """Fill an empty range from the phrase; a count with any value set is left as the backend gave it."""
    if count.low is not None or count.best is not None or count.high is not None:
        return count
    parsed = parse_count(count.phrase)
    if parsed is None:
        return count
    return parsed.model_copy(update={"phrase": count.phrase})


# --------------------------------------------------------------------------- actors and places


@cache
def english_province_names(gazetteer: Gazetteer) -> dict[str, str]:
    """Province code -> English name, from the gazetteer's province entries (pycountry's are transliterations).

    The first province entry of a code wins (Sulaymaniyah before Halabja, which shares IQ-SU here).
    """
    names: dict[str, str] = {}
    for entry in gazetteer.places:
        if entry.kind == "province" and entry.admin1:
            names.setdefault(entry.admin1, entry.canonical)
    return names


def normalize_actor(actor: Actor, gazetteer: Gazetteer | None = None) -> Actor:
    """Fill ``canonical`` and ``category`` from the gazetteer where empty."""
    if actor.canonical is not None and actor.category is not None:
        return actor
    gazetteer = gazetteer or default_gazetteer()
    entry = gazetteer.actor_entry(actor.name)
    if entry is None and actor.canonical:
        entry = gazetteer.actor_by_canonical.get(actor.canonical)
    if entry is None:
        written = gazetteer.as_written(actor.name) if actor.category is None else None
        return actor.model_copy(update={"category": written.category}) if written is not None else actor
    return actor.model_copy(
        update={"canonical": actor.canonical or entry.canonical, "category": actor.category or entry.category}
    )


def normalize_place(place: Place, gazetteer: Gazetteer | None = None) -> Place:
    """Fill canonical name, province code and English name, country, coordinates and geo precision from the
    gazetteer where empty (coordinates only from an entry in the place's own country)."""
    gazetteer = gazetteer or default_gazetteer()
    entry = gazetteer.place_entry(place.name, place.country)
    if entry is None and place.canonical:
        entry = gazetteer.place_by_canonical.get(place.canonical)
        entry = entry or gazetteer.place_entry(place.canonical, place.country)
    update: dict[str, str | float | int | None] = {}
    if entry is not None:
        update["canonical"] = place.canonical or entry.canonical
        update["admin1"] = place.admin1 or entry.admin1
        update["country"] = place.country or entry.country
        if place.lat is None and place.lon is None and update["country"] == entry.country:
            lat, lon = gazetteer.coordinates(entry)
            update.update(lat=lat, lon=lon, geo_precision=place.geo_precision or entry.geo_precision)
    code = update.get("admin1") or place.admin1
    # A pycountry transliteration ("Şalāḩ ad Dīn") counts as empty: analysts read the English name.
    if isinstance(code, str) and (place.admin1_name is None or place.admin1_name == admin1_name(code)):
        update["admin1_name"] = english_province_names(gazetteer).get(code) or admin1_name(code)
    return place.model_copy(update=update) if update else place


def _affiliation(claimant: Claimant, gazetteer: Gazetteer) -> Actor | None:
    """The body a claimant speaks for: the name itself ("Peshmerga ministry") or the longest body in the role."""
    # The body as written: the longest gazetteer mention in the name ("Peshmerga" in "Peshmerga Commander
    # Sirwan Barzani"), else in the role ("spokesperson for the Joint Operations Command").
    for source in (claimant.name, claimant.role or ""):
        mentions = gazetteer.find_actors(source)
        if mentions:
            best = max(mentions, key=lambda m: m.end - m.start)
            entry = best.entry
            return Actor(name=best.text, canonical=entry.canonical, category=entry.category)  # type: ignore[union-attr]
    return None


def normalize_claimant(claimant: Claimant, gazetteer: Gazetteer | None = None) -> Claimant:
    """Fill the claimant's affiliation (or its canonical form) where resolvable."""
    gazetteer = gazetteer or default_gazetteer()
    if claimant.affiliation is not None:
        return claimant.model_copy(update={"affiliation": normalize_actor(claimant.affiliation, gazetteer)})
    affiliation = _affiliation(claimant, gazetteer)
    return claimant.model_copy(update={"affiliation": affiliation}) if affiliation else claimant


# --------------------------------------------------------------------------- dates


class _DateResolver:
    """Resolves the dates of one extraction, counting relative phrases left open for lack of a publication date."""

    def __init__(self, published: dt.date | None) -> None:
        self.published = published
        self.unresolved_relative = 0

    def __call__(self, date: EventDate | None, previous: dt.date | None) -> EventDate | None:
        if date is None or date.start is not None:
            return date
        resolved = resolve_date(date.phrase, self.published, previous)
        if resolved is None:
            if self.published is None and is_relative(date.phrase):
                self.unresolved_relative += 1
            return date
        return date.model_copy(update={"start": resolved.start, "end": resolved.end, "precision": resolved.precision})


# --------------------------------------------------------------------------- links


def _sentence_starts(text: str) -> list[int]:
    return [start for start, _ in sentence_spans(text)] or [0]


def link_casualties(extraction: ArticleExtraction, text: str) -> None:
    """Link casualties whose evidence lies inside, or in the sentence of, exactly one operation's evidence."""
    if not extraction.operations or not any(c.operation_id is None for c in extraction.casualties):
        return
    aligner = Aligner(text)
    starts = _sentence_starts(text)

    def sentences(start: int, end: int) -> set[int]:
        return set(range(bisect_right(starts, start) - 1, bisect_right(starts, max(start, end - 1))))

    op_spans: list[tuple[Operation, int, int]] = []
    by_sentence: dict[int, list[int]] = {}  # sentence -> the operations whose evidence touches it (linear, not pairs)
    for op in extraction.operations:
        span = aligner.align(op.evidence.quote, "operations", (op.evidence.start, op.evidence.end))
        if span is not None:
            for index in sentences(span.start, span.end):
                by_sentence.setdefault(index, []).append(len(op_spans))
            op_spans.append((op, span.start, span.end))
    for cas in extraction.casualties:
        span = aligner.align(cas.evidence.quote, "casualties", (cas.evidence.start, cas.evidence.end))
        if cas.operation_id is not None or span is None:
            continue
        # an operation whose evidence holds the figure's shares its sentences, so these are every candidate
        touching = sorted({i for index in sentences(span.start, span.end) for i in by_sentence.get(index, ())})
        peers = [op_spans[i] for i in touching if op_spans[i][0].background == cas.background]
        inside = [op for op, s, e in peers if s <= span.start and span.end <= e]
        near = [op for op, s, e in peers]
        chosen = inside if inside else near
        if len(chosen) == 1:
            cas.operation_id = chosen[0].id


# --------------------------------------------------------------------------- the step


def _normalize_casualty(cas: CasualtyReport, gazetteer: Gazetteer) -> None:
    cas.count = normalize_count(cas.count)
    cas.victims = normalize_actor(cas.victims, gazetteer)
    if cas.perpetrator is not None:
        cas.perpetrator = normalize_actor(cas.perpetrator, gazetteer)
    if cas.place is not None:
        cas.place = normalize_place(cas.place, gazetteer)
    if cas.reported_by is not None:
        cas.reported_by = normalize_claimant(cas.reported_by, gazetteer)


def _normalize_operation(op: Operation, gazetteer: Gazetteer) -> None:
    op.by = [normalize_actor(a, gazetteer) for a in op.by]
    op.against = [normalize_actor(a, gazetteer) for a in op.against]
    op.places = [normalize_place(p, gazetteer) for p in op.places]


def normalize_extraction(extraction: ArticleExtraction, article: Article, *, copy: bool = True) -> ArticleExtraction:
    """Fill computed fields (count ranges, canonical names, resolved dates, links) left empty by a backend.

    Works on a deep copy; ``copy=False`` edits ``extraction`` itself (for a caller that already holds a copy).
    """
    result = extraction.model_copy(deep=True) if copy else extraction
    gazetteer = story_gazetteer(article.text)
    resolve = _DateResolver(article.meta.published)
    previous: dt.date | None = None
    for op in result.operations:
        _normalize_operation(op, gazetteer)
        op.date = resolve(op.date, previous)
        previous = op.date.start if op.date and op.date.start else previous
    previous = None
    for cas in result.casualties:
        _normalize_casualty(cas, gazetteer)
        cas.date = resolve(cas.date, previous)
        previous = cas.date.start if cas.date and cas.date.start else previous
    for claim in result.claims:
        claim.claimant = normalize_claimant(claim.claimant, gazetteer)
    apply_headings(
        result,
        article.text,
        article.meta.published,
        gazetteer,
        lambda name: normalize_place(gazetteer.place(name), gazetteer),
    )
    redate_statements(result, article.meta.published)
    link_casualties(result, article.text)
    drop_dateline_places(result, article.text, gazetteer)
    link_events(result, article.text)
    classify_victims(result, article.text)
    if resolve.unresolved_relative:
        result.warnings.append(
            f"publication date unknown: {resolve.unresolved_relative} relative dates left unresolved"
        )
    return result
