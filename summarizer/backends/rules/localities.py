"""Where a sentence's event happened: the places it names that a gazetteer knows, and the villages it names that
none knows ("in the village of Thayet Kan", "near Metoro", "Hassu Khel village"), placed in the province of the
known place that locates them ("the village of Bariire near Afgooye"). An annotation read by every extractor that
places an item (figures and operations alike), so both place an event the same way."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from summarizer import geo
from summarizer.datelines import DATELINE
from summarizer.gazetteer import Gazetteer, Mention
from summarizer.models import Place


def nearest(spans: list[tuple[int, int, str]], pos: int) -> tuple[int, int, str] | None:
    """The span closest to ``pos``."""
    if not spans:
        return None
    return min(spans, key=lambda s: min(abs(s[0] - pos), abs(s[1] - pos)))


# What follows a dateline's place at the head of a story: "Jowhar (SVR) - ", "Mandera, Kenya, 11 March (ABC) - ".
_DATELINE_TAIL = re.compile(r"(?:,[^,\n]{1,25}){0,2}\s*(?:\([^()\n]{1,30}\))?\s*[-–—]+\s")


_OWN_FACILITY_BEFORE = re.compile(r"\b(?:our|its|their)\s+$", re.IGNORECASE)
_FACILITY_AFTER = re.compile(r"\s+(?:hospital|clinic|health\s+cent(?:re|er)|morgue|mortuary)\b", re.IGNORECASE)
_ORG_AFTER = re.compile(
    r"\s+(?:State\s+|District\s+|(?i:regional|provincial|oblast)\s+|County\s+)?(?:(?i:military|civil)\s+)?"
    r"(?:Police|Command|Hospital|University|Council|Government|Ministry|Press|Radio|Television|TV|Governor"
    r"|Commissioner|Health|Emergency|Red\s+Cross|(?i:administration))\b"
)


@lru_cache(maxsize=256)
def place_candidates(sentence: str, gazetteer: Gazetteer) -> tuple[list[Mention], list[tuple[int, int, str]]]:
    """The known places a figure of ``sentence`` may be at, and the villages it names that no gazetteer knows
    (cached: every figure of a sentence asks)."""
    known = gazetteer.find_places(sentence)
    # a place in capitals is a dateline ("NAIROBI, Oct 27 (INA) -"), and so is every place of a dateline
    # ("CATARMAN, Northern Samar - "): where the story was filed, not the incident
    dateline = DATELINE.match(sentence)
    filed = dateline.end("head") if dateline else 0
    mentions = [
        m
        for m in known
        if getattr(m.entry, "kind", "") != "country"
        and m.end > filed
        and not (len(m.text) > 3 and m.text.isupper())
        and not (not sentence[: m.start].strip() and _DATELINE_TAIL.match(sentence, m.end))
        and not _ORG_AFTER.match(sentence, m.end)  # "the Zamfara State Police Command": a body's name, no scene
        # "our Petion-Ville clinic received 22 wounded": where they were treated, not where they were hit
        and not (_OWN_FACILITY_BEFORE.search(sentence, 0, m.start) and _FACILITY_AFTER.match(sentence, m.end))
    ]
    # a village too small for the gazetteer, named after "in", "near", "the village of": the place as written, in
    # the story's country
    written = [
        w
        for w in geo.written_places(sentence)
        if not any(k.start < w[1] and w[0] < k.end for k in known)  # part of a known name ("Kifri-Garmaser front")
        and not gazetteer.find_actors(w[2])
        and not gazetteer.find_places(w[2])
    ]
    return mentions, written


def sentence_place(
    sentence: str, pos: int, gazetteer: Gazetteer, elsewhere: Callable[[Mention], bool] | None = None
) -> Place | None:
    """Where the event told at ``pos`` of ``sentence`` happened: a village the sentence names that no gazetteer
    knows when its known places only locate it, else the known place nearest ``pos``. ``elsewhere`` marks known
    places the caller knows are another event's ("the Konduga market bombing" in a sentence about a strike)."""
    mentions, written = place_candidates(sentence, gazetteer)
    if elsewhere is not None:
        mentions = [m for m in mentions if not elsewhere(m)]
    if written and all(_reference_point(sentence, m) for m in mentions):
        # "the village of Bariire near Afgooye", "the Mir Ali area of North Waziristan district", "near Eringeti, in
        # Beni territory": the known places only locate the village, which is where it happened
        near = nearest(written, pos)
        if near is None:
            return None
        # the village lies in the province of the place that locates it
        ref = nearest([(m.start, m.end, m.text) for m in mentions], near[0])
        located = gazetteer.place(ref[2]) if ref is not None else None
        if located is not None and located.country is not None:
            # placed at the point of the place that locates it, at ACLED's "near a town" precision
            return Place(
                name=near[2],
                country=located.country,
                admin1=located.admin1,
                lat=located.lat,
                lon=located.lon,
                geo_precision=2 if located.lat is not None else None,
            )
        return Place(name=near[2], country=gazetteer.setting[0])
    near = nearest([(m.start, m.end, m.text) for m in mentions], pos)
    return gazetteer.place(near[2]) if near is not None else None


# The words that make a known place a reference point for a smaller one: "near Afgooye", "12 km from Komanda",
# "of North Waziristan district", "in Beni territory", "of Depayin Township".
_REFERENCE_BEFORE = re.compile(r"\b(?:near|from|outside|of|off)\s+(?:the\s+)?$", re.IGNORECASE)
_ADMIN_AFTER = re.compile(
    r"^\s+(?:district|territory|region|province|township|state|county|division|zone|governorate|department|regency"
    r"|municipality|prefecture|LGA)\b",
    re.IGNORECASE,
)


def _reference_point(sentence: str, mention: Mention) -> bool:
    """Whether a known place is named as the larger area or the landmark a smaller place is located by."""
    if getattr(mention.entry, "kind", "") in ("province", "region", "state"):
        return True
    return bool(
        _REFERENCE_BEFORE.search(sentence, max(0, mention.start - 20), mention.start)
        or _ADMIN_AFTER.match(sentence[mention.end :])
    )


__all__ = ["nearest", "place_candidates", "sentence_place"]
