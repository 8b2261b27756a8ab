"""A one-event story's undated figures are of its event, in the briefing.

A follow-up or a desk bulletin dates its event once ("in Saturday's battle for the village") and then lists who
says what: "The government said six soldiers were killed. Al-Shabaab has claimed that it killed 25 soldiers." Read
alone those figures are undated and unplaced, so the briefing could not set them beside the other outlets'
figures for the same battle. The rule, per article:

* **The story's day**: the one day that every current (not background, not tally) operation and figure dated to a
  single day falls on. Two days, or none, and there is no story day. Wider dates ("earlier this month") are not
  counted either way. A story none of whose items carries a day takes its lead's (when the briefing has the
  article's text; ``brief --from-db`` loads none): the first sentence of its first paragraph, when it names an event
  ("attack", "bombing") and one weekday ("Survivors of Friday night's attack on a hotel"), and the one town that
  sentence names.
* **The story's place**: the one town those dated items name (a town and its province: the town); no town and
  one province: that province; else none.
* **Which figures take them**: a current figure, not a tally, with no resolved date, not linked to an event the
  story tells at another time, not a figure in words only ("a number of"), and whose own words do not place it at
  another time ("a week after", "before insurgents overran", "ago", "earlier", "later", "last week", "in 2022",
  "since"; "after the fighting" is the event's own aftermath), or at another event ("separately", "elsewhere", "in
  another attack"), takes the story's day (and, when one dated operation tells the story, is linked to it); it takes
  the story's place when it has none of its own, or only the province or country the story's town lies in. A place
  of its own elsewhere keeps it out.

Only the briefing's view changes (as :mod:`summarizer.briefing_victims` does for victims): the extraction keeps
what its text says.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from summarizer import lexicon
from summarizer.counts import WORDS_ONLY_RULES
from summarizer.datelines import LEAD_MIN
from summarizer.dates import resolve_date
from summarizer.event_links import refers_back
from summarizer.gazetteer import story_gazetteer
from summarizer.models import ArticleExtraction, CasualtyReport, EventDate, Place
from summarizer.normalize import normalize_place

# Another time: "ago", "since", "in 2022", "a week after", "later"; "after" or "before" unless it points at the event
# itself ("after the fighting": the event's aftermath).
_OTHER_TIME = re.compile(
    r"\b(?:ago|earlier|later|previous|previously|since|last\s+(?:week|month|year)|in\s+(?:19|20)\d\d)\b"
    r"|\b(?:days?|weeks?|months?|years?)\s+(?:after|before)\b|\b(?:after|before)\s+(?!(?:the|this)\b)"
    # another event told in the same story: "separately", "elsewhere", "in another attack"
    r"|\b(?:separately|elsewhere|in\s+(?:a\s+)?separate\s+\w+|in\s+another\s+\w+)\b",
    re.IGNORECASE,
)


def _is_broad(place: Place) -> bool:
    return place.admin1 is None or (place.canonical or place.name) in (place.admin1_name, place.country, place.admin1)


def _one_day(date: EventDate | None) -> dt.date | None:
    if date is None or date.start is None or (date.end is not None and date.end != date.start):
        return None
    return date.start


@dataclass(frozen=True)
class StoryEvent:
    """A one-event story's day (as one of its items dates it), place, and operation (when one dated operation
    tells it)."""

    date: EventDate
    place: Place | None
    operation: str | None


def story_event(extraction: ArticleExtraction, tally: Callable[[CasualtyReport], bool],
                lead: str | None = None) -> StoryEvent | None:
    """The story's day, place and operation, or None (see the module doc); ``lead`` is the article's text, read
    when no item carries a day."""
    dated: list[tuple[EventDate, list[Place]]] = []
    ops = [op for op in extraction.operations
           if not op.background and op.date is not None and _one_day(op.date) is not None]
    for op in ops:
        dated.append((op.date, list(op.places)))  # type: ignore[arg-type]
    for cas in extraction.casualties:
        if not cas.background and cas.date is not None and _one_day(cas.date) is not None and not tally(cas):
            dated.append((cas.date, [cas.place] if cas.place is not None else []))
    days = {_one_day(date) for date, _ in dated}
    if not dated and lead is not None:
        return lead_event(lead, extraction.article.published)
    if len(days) != 1:
        return None
    places = [p for _, ps in dated for p in ps]
    towns = {(p.canonical or p.name): p for p in places if not _is_broad(p)}
    provinces = {p.admin1: p for p in places if p.admin1 is not None and _is_broad(p)}
    place = next(iter(towns.values())) if len(towns) == 1 else (
        next(iter(provinces.values())) if not towns and len(provinces) == 1 else None)
    return StoryEvent(dated[0][0], place, ops[0].id if len(ops) == 1 else None)


_LEAD_DAY = re.compile(rf"\b(?:{lexicon.alternation('weekdays')})(?:\s+(?:night|morning|evening|afternoon))?\b")


def lead_event(text: str, published: dt.date | None) -> StoryEvent | None:
    """The day (and town) the story's lead sentence gives its event ("Survivors of Friday night's attack on a hotel
    in Hodan"), when its first paragraph's first sentence names an event and one weekday."""
    lead = next((line for line in text.splitlines() if len(line.strip()) >= LEAD_MIN), "")
    sentence = re.split(r"(?<=[.!?])\s+", lead.strip(), maxsplit=1)[0]
    days = {m.group(0) for m in _LEAD_DAY.finditer(sentence)}
    if len(days) != 1 or not refers_back(f"the {_event_noun(sentence)}") or _OTHER_TIME.search(sentence):
        return None
    phrase = next(iter(days))
    resolved = resolve_date(phrase, published)
    if resolved is None or resolved.end != resolved.start:
        return None
    gazetteer = story_gazetteer(text)
    found = [normalize_place(gazetteer.place(m.text), gazetteer) for m in gazetteer.find_places(sentence)]
    towns = {(p.canonical or p.name): p for p in found if not _is_broad(p)}
    date = EventDate(phrase=phrase, start=resolved.start, end=resolved.end, precision=resolved.precision)
    return StoryEvent(date, next(iter(towns.values())) if len(towns) == 1 else None, None)


def _event_noun(sentence: str) -> str:
    """The first word of ``sentence`` that names an event told ("attack", "bombing"), or ""."""
    return next((w for w in re.findall(r"[a-z]+", sentence.casefold()) if refers_back(f"the {w}")
                 and w not in _NOT_EVENTS), "")


_NOT_EVENTS = frozenset({"dead", "wounded", "injured", "casualties", "victims", "scene"})


def _inside(town: Place, broad: Place) -> bool:
    if not _is_broad(broad) or _is_broad(town):
        return False
    return town.admin1 == broad.admin1 if broad.admin1 is not None else town.country == broad.country


def story_fills(extraction: ArticleExtraction, tally: Callable[[CasualtyReport], bool],
                text: str | None = None) -> dict[str, CasualtyReport]:
    """Item id -> a copy of each undated figure of a one-event story, dated and placed as that event (``text``:
    the article's, for a story whose items carry no day)."""
    event = story_event(extraction, tally, text)
    if event is None:
        return {}
    date, place = event.date, event.place
    undated_ops = {op.id for op in extraction.operations if not op.background
                   and (op.date is None or op.date.start is None) and _OTHER_TIME.search(op.evidence.quote)}
    out: dict[str, CasualtyReport] = {}
    for cas in extraction.casualties:
        if cas.background or (cas.date is not None and cas.date.start is not None) or tally(cas):
            continue
        if cas.count.rule in WORDS_ONLY_RULES:
            continue  # "a number of": shown in words beside the totals, never folded into a figure
        if _OTHER_TIME.search(cas.evidence.quote) or cas.operation_id in undated_ops:
            continue  # another time, or an event the story tells without a day (a search "later")
        own = cas.place
        if own is not None and place is not None and not _inside(place, own) and (
                (own.canonical or own.name) != (place.canonical or place.name)):
            continue
        if own is not None and place is None and not _is_broad(own):
            continue  # a town of its own where the story names none: not known to be the story's
        update: dict[str, object] = {"date": date.model_copy()}
        if cas.operation_id is None and event.operation is not None:
            update["operation_id"] = event.operation  # the story's one event: one incident with its figures
        if place is not None and (own is None or _inside(place, own)):
            update["place"] = place.model_copy()
        out[cas.id] = cas.model_copy(update=update)
    return out
