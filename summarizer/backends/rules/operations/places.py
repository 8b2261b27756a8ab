"""Operations: where an event happened, read from the places its sentence names.

The places of a trigger's clause, less those that only locate another place or event: a dateline, a town a road leads
to, a division named to locate the town before it, a country that is a strike's subject, a place that names another
event ("the Konduga market bombing"), a province when a place inside it is named.
"""

from __future__ import annotations

import re

from summarizer import lexicon
from summarizer.backends.rules.sentences import DATELINE, Document
from summarizer.gazetteer import Mention, PlaceEntry
from summarizer.sentences import Sentence

_STATE_VERB = re.compile(
    r"(?i)^\s+(?:(?:has|have|had|also|again|reportedly|then|on\s+\w+)\s+){0,3}"
    r"(?:launched|struck|hit|fired|shelled|bombed|attacked|pounded|targeted|sent|carried\s+out)\b"
)


def _state_subject(doc: Document, sentence: Sentence, mention: Mention) -> bool:
    """A country opening the sentence as the subject of a strike verb ("Russia launched ...", "Israel struck ...")."""
    entry = mention.entry
    if not isinstance(entry, PlaceEntry) or entry.kind != "country":
        return False
    return doc.text[sentence.start : mention.start].strip() in ("", "the", "The") and bool(
        _STATE_VERB.match(doc.text[mention.end : mention.end + 60])
    )


_ROUTE_BETWEEN = re.compile(
    r"(?i)\b(?:road|highway|route|stretch|area|villages?|towns?|border)\s+between\s+(?:\S+\s+){0,3}?(?:and\s+)?(?:the\s+)?$"
)
# "on the road to Tuz Khurmatu": the place a road leads to is a direction, not where the event happened
_ROAD_TO = re.compile(r"(?i)\b(?:road|highway|route|way)\s+(?:to|towards|from)\s+(?:the\s+)?$")
_REFERENCE = re.compile(
    r"(?i)\b(?:north|south|east|west|northeast|northwest|southeast|southwest|north-east|north-west|south-east"
    r"|south-west)(?:ern)?\s+of\s+(?:the\s+)?(?:(?!(?:in|inside|near|at)\s)[\w-]+\s+){0,2}$"
)


# a dateline in title case with the agency in brackets: "Jayapura, Papua (ISNA) -", "Ouagadougou, 17 March 2026 (ABI) -"
_AGENCY_DATELINE = re.compile(
    r"^[A-Z][\w'’.-]+(?:\s[A-Z][\w'’.-]+){0,2}(?:,\s*[\w .'’-]{1,30}?){0,2}\s*\([A-Z][A-Za-z]{1,11}\)\s*[-–—]\s*"
)


def _dateline(sentence: Sentence) -> re.Match[str] | None:
    """Where the story was filed, opening its first line."""
    if not sentence.line_start:
        return None
    return DATELINE.match(sentence.text) or _AGENCY_DATELINE.match(sentence.text)


# "the Konduga market bombing", "the Mir Ali clash": a place naming an event by where it happened
_NAMES_EVENT = re.compile(
    r"\s+(?:(?!(?:after|before|following|during|since|in|on|at|of|to|for|by|with|and|or|the|a|an|its|their)\b)"
    rf"[a-z][\w-]*\s+){{0,2}}?(?:{lexicon.alternation('event_nouns')}|massacre|bombings?|killings?)\b"
)


def _other_event(doc: Document, mention: Mention, trigger_at: int | None) -> bool:
    """Whether ``mention`` names another event than the one at ``trigger_at`` ("In response to the Konduga market
    bombing, the air force struck a camp at Ukuba": Konduga is the bombing's place, not the strike's)."""
    if trigger_at is None:
        return False
    named = _NAMES_EVENT.match(doc.text, mention.end)
    return named is not None and not (mention.end <= trigger_at < named.end())


def _places(doc: Document, sentence: Sentence, end: int | None = None, trigger_at: int | None = None) -> list[Mention]:
    found = doc.places_in(sentence.start, end or sentence.end)
    found = [m for m in found if not _other_event(doc, m, trigger_at)]
    # "disputed between Erbil and Baghdad": the two governments, not where the event happened
    # a dateline ("ERBIL, Kurdistan Region - ...") says where the story was filed, not where it happened
    dateline = _dateline(sentence)
    cut = sentence.start + dateline.end() if dateline else sentence.start
    found = [m for m in found if m.start >= cut]
    found = [
        m
        for m in found
        if not re.search(
            r"(?i)\bbetween\s+(?:the\s+)?(?:[\w-]+\s+){0,2}$|\bbetween\s+\S+(?:\s+\S+)?\s+and\s+(?:the\s+)?$",
            doc.text[max(0, m.start - 40) : m.start],
        )
        # "on the road between Baqubah and Muqdadiya": the event lies between the two
        or _ROUTE_BETWEEN.search(doc.text[max(0, m.start - 60) : m.start])
    ]
    found = [m for m in found if not _ROAD_TO.search(doc.text[max(0, m.start - 30) : m.start])]
    found = _without_qualifiers(doc.text, found)
    # "Russia launched 143 drones at Ukraine": the state opening the sentence is the actor, not a place
    found = [m for m in found if not _state_subject(doc, sentence, m)]
    # "near Abu Saida, northeast of Baqubah", "12 km east of Tikrit": a town named to locate the event is no
    # event place when the event has a place of its own
    own = [m for m in found if not _REFERENCE.search(doc.text[max(0, m.start - 40) : m.start])]
    # "Iraq's ministry said jets struck positions west of Mosul": a town that locates the event says more
    # than a country named in passing (a province the text places the event in says where it was)
    if all(isinstance(m.entry, PlaceEntry) and m.entry.kind == "country" for m in own):
        own = [m for m in found if m not in own] or own
    found = own or found
    specific = [m for m in found if isinstance(m.entry, PlaceEntry) and m.entry.kind not in ("country", "region")]
    chosen = specific or _regions_over_countries(found)
    seen: dict[str, Mention] = {}
    for m in chosen:
        seen.setdefault(m.entry.canonical, m)
    return list(seen.values())


_DIVISION_WORDS = rf"(?:{lexicon.alternation('division_words')})"
# "Kupiansk-Vuzlovyi in Kharkiv region", "Celaya, in Guanajuato state", "Seytenga, in the province of Seno", "Debre
# Tabor, the capital of South Gondar zone": the words between a town and the division that locates it
_QUALIFIER_GAP = re.compile(
    rf"(?i)^\s*,?\s*(?:(?:in|of)\s+(?:the\s+)?(?:{_DIVISION_WORDS}\s+of\s+(?:the\s+)?)?"
    r"|(?:the\s+)?(?:capital|chief\s+town|seat)\s+of\s+(?:the\s+)?)?"
    r"(?:(?:north|south|east|west|central|upper|lower)(?:-?(?:east|west))?(?:ern)?\s+)?$"
)
_DIVISION_AFTER = re.compile(rf"(?i)^\s+{_DIVISION_WORDS}\b")
_DIVISION_BEFORE = re.compile(
    rf"(?i)\b(?:{_DIVISION_WORDS}\s+of|capital\s+of|chief\s+town\s+of|seat\s+of)\s+(?:the\s+)?$"
)


def _without_qualifiers(text: str, found: list[Mention]) -> list[Mention]:
    """Drop a division named only to locate the town just before it ("a drone struck Bilopillia in Sumy region",
    "in Celaya, in Guanajuato state"): the town is where it happened. The division stays when no town precedes it."""
    kept: list[Mention] = []
    previous: Mention | None = None
    for m in found:
        town_before = (
            previous is not None
            and isinstance(previous.entry, PlaceEntry)
            and previous.entry.kind not in ("country", "region", "province")
            and _QUALIFIER_GAP.match(text[previous.end : m.start]) is not None
        )
        division = _DIVISION_AFTER.match(text[m.end : m.end + 20]) or _DIVISION_BEFORE.search(
            text[max(0, m.start - 30) : m.start]
        )
        if town_before and division:
            continue
        kept.append(m)
        previous = m
    return kept


def _regions_over_countries(found: list[Mention]) -> list[Mention]:
    """Drop a country when a region inside it is named too ("Egypt launched an operation in Sinai")."""
    inner = {m.entry.country for m in found if isinstance(m.entry, PlaceEntry) and m.entry.kind != "country"}
    return [
        m
        for m in found
        if not (isinstance(m.entry, PlaceEntry) and m.entry.kind == "country" and m.entry.country in inner)
    ]


_PROVINCE_WORD = re.compile(r"(?i)\b(?:province|governorate|state|region)$")
_PROVINCE_AFTER = re.compile(r"(?i)^\s+(?:province|governorate|state|region)\b(?![’']s)|^\s+(?:city|town)\s+of\b")
_PROVINCE_BEFORE = re.compile(r"(?i)\b(?:north|south|east|west)(?:-?(?:east|west))?ern\s+$")
_GENITIVE_BEFORE = re.compile(
    r"(?i)\b(?:(?:district|sub-?district|town|city|village|area|outskirts)\s+of|(?:border|boundary)\s+(?:with|of))"
    r"\s+(?:the\s+)?$"
)


def _stated_province(text: str, mention: Mention) -> bool:
    """A province the text names as a place of its own ("in Hasakah province", "in eastern Deir ez-Zor", "the
    North Sinai city of Arish"), not as a qualifier of a town ("Diyala's Muqdadiya", "the Hawija district of
    Kirkuk province", a bare "in Kirkuk")."""
    before = text[max(0, mention.start - 40) : mention.start]
    after = text[mention.end : mention.end + 20]
    if _GENITIVE_BEFORE.search(before) or re.match(r"^(?:\s+(?:province|governorate|state))?[’']s\b", after):
        return False
    if re.match(r"(?i)^(?:\s+(?:province|governorate|state|region))?\s+(?:capital|city|town|seat)\b", after):
        return False  # "Maiduguri, the Borno State capital": the province qualifies a town
    return bool(_PROVINCE_WORD.search(mention.text) or _PROVINCE_AFTER.match(after) or _PROVINCE_BEFORE.search(before))


def _specific_places(mentions: list[Mention], text: str = "") -> list[Mention]:
    """Drop a province when a place inside it is named too ("Makhmour" over "Erbil, Makhmour"), unless the
    text states the province as a place of its own (:func:`_stated_province`)."""
    inner = {m.entry.admin1 for m in mentions if isinstance(m.entry, PlaceEntry) and m.entry.kind != "province"}
    return [
        m
        for m in mentions
        if not (
            isinstance(m.entry, PlaceEntry)
            and m.entry.kind == "province"
            and m.entry.admin1 in inner
            and not (text and _stated_province(text, m))
        )
    ]
