"""A paragraph's lead-in heading dates and places what is told under it, for every backend.

Flash updates, claims digests and round-ups open each item with where and when, then tell it:
"1. Konduga town (Konduga LGA), 15 June. A suicide bombing at the weekly market killed 18 people",
"Mandera, Kenya, 11 March. The group claimed an explosive device attack". The figures after such a heading rarely
repeat its date or place, so read alone they are undated and unplaced and never meet the other outlets' reports of
the same event.

* **A heading** is the first sentence of a line (after an item number such as "1." or "b)") that holds a day
  ("15 June", "March 7", "Tuesday") and little else: once the day, the places the gazetteer finds, any
  parenthesis ("(Konduga LGA)") and the filler words of ``heading_fillers`` in
  ``summarizer/data/event_links.yaml`` ("near", "town", "area") are taken out, at most ``MAX_LEFT`` words remain,
  each capitalised (a place the gazetteer does not know, not a verb: "Militants struck on Monday." is no heading).
  A day the publication date cannot resolve makes no heading.
* **What it dates and places**: every operation and casualty figure whose evidence starts after the heading on its
  line. One with no resolved date takes the heading's day; one with no place of its own, or with only the province
  or country the heading's town lies in, takes that town (a town of its own is kept: the heading may name only the
  province).

Run by :func:`summarizer.normalize.normalize_extraction` before figures are linked to their events.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from summarizer import lexicon
from summarizer.dates import resolve_date
from summarizer.event_links import heading_fillers
from summarizer.gazetteer import Gazetteer
from summarizer.grounding import Aligner
from summarizer.models import ArticleExtraction, CasualtyReport, EventDate, Operation, Place

MAX_LEFT = 2  # words a heading may hold besides its day, places, parenthesis and fillers ("Sabon Gari")

_MONTHS = "|".join(lexicon.entries("months"))
_DAYS = "|".join(lexicon.entries("weekdays"))
_DAY = re.compile(
    rf"\b(?:\d{{1,2}}\s+(?:{_MONTHS})|(?:{_MONTHS})\s+\d{{1,2}}(?:st|nd|rd|th)?|(?:{_DAYS}))(?:,?\s+(?:19|20)\d\d)?\b"
)
_SPAN = re.compile(r"\d\s*(?:[-–]|to)\s*$")
_ENUMERATOR = re.compile(r"^\s*(?:\(?\d{1,3}[.)]|\(?[a-z][.)]|[-*•–])\s+")
_FIRST_SENTENCE = re.compile(r"^(.{3,100}?[.:])(?=\s+\S)")


@dataclass(frozen=True)
class Heading:
    """A heading's day and town, and the span of the line it governs (``start`` is where the heading ends)."""

    start: int
    end: int
    date: EventDate
    place: Place | None


def _is_broad(place: Place) -> bool:
    """A province or a country (a place with no province is a country, or unknown)."""
    return place.admin1 is None or (place.canonical or place.name) in (place.admin1_name, place.country, place.admin1)


def find_headings(text: str, published: dt.date | None, gazetteer: Gazetteer,
                  place_of: Callable[[str], Place] | None = None) -> list[Heading]:
    """Every lead-in heading of ``text`` (see the module doc); ``place_of`` turns a place's name as written into
    a :class:`Place` (default: the gazetteer's)."""
    place_of = place_of or gazetteer.place
    fillers = heading_fillers()
    out: list[Heading] = []
    offset = 0
    for line in text.splitlines(keepends=True):
        start, offset = offset, offset + len(line)
        enumerator = _ENUMERATOR.match(line)
        body_at = enumerator.end() if enumerator else 0
        first = _FIRST_SENTENCE.match(line[body_at:])
        if first is None:
            continue
        heading = first.group(1)
        day = _DAY.search(heading)
        resolved = resolve_date(day.group(0), published) if day else None
        if day is None or resolved is None or _SPAN.search(heading[:day.start()]):
            continue  # no day, or a span of days ("8-12 March"): the items under it are not dated by it
        places = gazetteer.find_places(heading)
        rest = heading[:day.start()] + " " + heading[day.end():]
        for mention in places:
            rest = rest.replace(mention.text, " ")
        rest = re.sub(r"\([^)]*\)", " ", rest)
        left = [w for w in re.findall(r"[A-Za-z][\w'-]*", rest) if w.casefold() not in fillers]
        if len(left) > MAX_LEFT or not all(w[0].isupper() for w in left):
            continue  # more than a name or two the gazetteer does not know, or a verb: a sentence, not a heading
        found = [place_of(m.text) for m in places]
        # the most precise place: a town, else a province, else a country
        found.sort(key=lambda p: 0 if not _is_broad(p) else 1 if p.admin1 else 2)
        date = EventDate(phrase=day.group(0), start=resolved.start, end=resolved.end, precision=resolved.precision)
        out.append(Heading(start + body_at + first.end(), offset, date, found[0] if found else None))
    return out


def apply_headings(extraction: ArticleExtraction, text: str, published: dt.date | None, gazetteer: Gazetteer,
                   place_of: Callable[[str], Place] | None = None) -> None:
    """Date and place the items under each heading of ``text`` (see the module doc); edits in place."""
    headings = find_headings(text, published, gazetteer, place_of)
    if not headings:
        return
    aligner = Aligner(text)
    items: list[tuple[str, Operation | CasualtyReport]] = [("operations", o) for o in extraction.operations]
    items += [("casualties", c) for c in extraction.casualties]
    for kind, item in items:
        span = aligner.align(item.evidence.quote, kind, (item.evidence.start, item.evidence.end))
        heading = next((h for h in headings if span is not None and h.start <= span.start < h.end), None)
        if heading is None:
            continue
        if item.date is None or item.date.start is None:
            item.date = heading.date.model_copy()
        if heading.place is not None:
            _place(item, heading.place)


def _place(item: Operation | CasualtyReport, town: Place) -> None:
    if isinstance(item, Operation):
        if not item.places or all(_inside(town, p) for p in item.places):
            item.places = [town.model_copy()]
    elif item.place is None or _inside(town, item.place):
        item.place = town.model_copy()


def _inside(town: Place, broad: Place) -> bool:
    """Whether ``broad`` is a province or country and ``town`` lies in it (or is it)."""
    if not _is_broad(broad):
        return False
    return town.admin1 == broad.admin1 if broad.admin1 is not None else town.country == broad.country
