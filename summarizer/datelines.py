"""A dateline says where a story was filed, not where its event happened, for every backend.

"Mogadishu (SNB) - The Somali National Army ... liberated Ceel Baraf village in Middle Shabelle", "Jowhar (SVR) -
Elders in Ceel Baraf said": read as a place, the dateline puts an offensive in the capital and splits one battle
into as many places as there are newsrooms.

* **The dateline** opens the story's first paragraph: a few capitalised words (a town, its province or country, a
  day), an optional outlet in parentheses, then a dash ("MAIDUGURI, Nigeria, June 8 (SWS) - ", "Jowhar (SVR) - ",
  "Mogadishu - "); a story filed from two newsrooms names both ("GAZA/JERUSALEM, Sept 15 - ").
* **A dateline place** is one the gazetteer finds in the dateline and that the text names nowhere else (by the
  name or its canonical form).
* An operation drops a dateline place when it has another place that is not that place's province or country; a
  casualty figure drops a dateline place when its operation (after that) names a place, so the figure takes its
  event's place when figures are linked to events (:mod:`summarizer.event_links`). A story whose only place is its
  dateline keeps it: a city's bombing is filed from the city.

* **The outlet's own name** is no place either: a place the text names only inside the outlet's name (the article's
  ``outlet``: "told Hiiraan Voice that", "Shabelle Valley Radio reported") is dropped from every item.

Run by :func:`summarizer.normalize.normalize_extraction` before figures are linked to their events.
"""

from __future__ import annotations

import re

from summarizer.gazetteer import Gazetteer
from summarizer.models import ArticleExtraction, Place

DATELINE = re.compile(
    r"^[ \t]*(?P<head>[A-Z][\w'.-]*(?:\s?/\s?[A-Z][\w'.-]*)*(?:,?[ \t]+[A-Z0-9][\w'.-]*){0,5})[ \t]*"
    r"(?:\([^()\n]{1,30}\))?[ \t]*[-–—]+[ \t]+"
)
LEAD_MIN = 60  # characters: a shorter line before the story is a byline or a standfirst, not its first paragraph


def dateline_places(text: str, gazetteer: Gazetteer) -> set[str]:
    """Folded names (as written and canonical) of the places named only in the story's dateline."""
    offset = 0
    for line in text.splitlines(keepends=True):
        if len(line.strip()) >= LEAD_MIN:
            break
        offset += len(line)
    else:
        return set()
    match = DATELINE.match(text, offset)
    if match is None:
        return set()
    rest = text[:match.start("head")] + " " + text[match.end():]
    out: set[str] = set()
    # "GAZA/JERUSALEM": two places, in capitals as datelines print them
    head = re.sub(r"[A-Z][A-Z'.-]{2,}", lambda m: m.group(0).title(), match.group("head").replace("/", ", "))
    for mention in gazetteer.find_places(head):
        names = {mention.text, getattr(mention.entry, "canonical", mention.text)}
        if not any(re.search(rf"\b{re.escape(n)}\b", rest, re.IGNORECASE) for n in names):
            out |= {n.casefold() for n in names}
    return out


def outlet_places(text: str, outlet: str | None, gazetteer: Gazetteer) -> set[str]:
    """Folded names of the places the text names only inside the outlet's own name ("told Hiiraan Voice that")."""
    name = re.sub(r"\s*\([^)]*\)", "", outlet or "").strip()
    if len(name) < 4 or name.casefold() not in text.casefold():
        return set()
    rest = re.sub(re.escape(name), " ", text, flags=re.IGNORECASE)
    out: set[str] = set()
    for mention in gazetteer.find_places(name):
        names = {mention.text, getattr(mention.entry, "canonical", mention.text)}
        if not any(re.search(rf"\b{re.escape(n)}\b", rest, re.IGNORECASE) for n in names):
            out |= {n.casefold() for n in names}
    return out


def _named(place: Place, names: set[str]) -> bool:
    return place.name.casefold() in names or (place.canonical or "").casefold() in names


def _contains(broad: Place, town: Place) -> bool:
    """Whether ``broad`` is ``town``'s province or country."""
    label = broad.canonical or broad.name
    return label in (town.admin1_name, town.country, town.admin1) or (
        broad.admin1 is None and broad.country is not None and broad.country == town.country)


def drop_dateline_places(extraction: ArticleExtraction, text: str, gazetteer: Gazetteer) -> None:
    """Drop the outlet's place from every item, and the dateline's from the items that name another (see the module
    doc); edits in place."""
    outlet = outlet_places(text, extraction.article.outlet, gazetteer)
    if outlet:
        for op in extraction.operations:
            op.places = [p for p in op.places if not _named(p, outlet)]
        for cas in extraction.casualties:
            if cas.place is not None and _named(cas.place, outlet):
                cas.place = None
    names = dateline_places(text, gazetteer)
    if not names:
        return
    for op in extraction.operations:
        filed = [p for p in op.places if _named(p, names)]
        others = [p for p in op.places if not _named(p, names)]
        if filed and any(not _contains(o, f) for o in others for f in filed):
            op.places = others
    by_id = {op.id: op for op in extraction.operations}
    for cas in extraction.casualties:
        linked = by_id.get(cas.operation_id or "")
        if cas.place is not None and _named(cas.place, names) and linked is not None and linked.places:
            cas.place = None
