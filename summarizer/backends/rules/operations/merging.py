"""Operations: building a candidate and merging candidates that describe the same incident; marking context."""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from rapidfuzz import fuzz

from summarizer.backends.rules.dates import is_historical
from summarizer.backends.rules.operations.patterns import (
    _ANAPHOR,
    _CLEAR_PURPOSE,
    _K,
    _MILITANT_KINDS,
    _OPERATION_LIKE,
    _PHASE,
    _RECENT,
    _SEIZE,
    FORCES_ON_CIVILIANS,
    KILLERS_TOLD,
    _Candidate,
)
from summarizer.backends.rules.operations.places import _places, _specific_places
from summarizer.backends.rules.operations.reading import (
    _date,
    _find_trigger,
    _forces_subject,
    _last_determiner_definite,
    _militant_subject,
    _name_of,
    _own_date,
    _scope_end,
    _sides,
    _status_of,
    _unique,
)
from summarizer.backends.rules.sentences import Document
from summarizer.dates import resolve_date
from summarizer.gazetteer import ActorEntry, Mention, PlaceEntry
from summarizer.models import (
    Actor,
    ActorCategory,
    OperationKind,
    OperationStatus,
    Place,
)
from summarizer.sentences import Sentence

# A trigger that is a verb ("its forces destroyed 14 hideouts", "their jets struck") tells a new act; only a noun
# ("the raid", "their operation") can refer back to one already told.
_VERB_TRIGGER = re.compile(
    r"(?i)\b(?:\w+ed|swept|struck|hit|stormed|overran|took|seized|destroy|opened|fired|shot|gunned|f[ae]ll(?:s|en)?"
    r"|retaken|retook|caught|rounded)\b"
)
_WEAPON_AGAIN = re.compile(r"(?i)(?:drones?|missiles?|shells?|rockets?|bombs?|mortars?|mortar\s+rounds?)\b")
_FOLLOW_CUE = re.compile(r"(?i)\b(?:follows?|followed|following|after|in\s+response\s+to|in\s+retaliation\s+for)\b")


def _candidates(
    doc: Document, sentence: Sentence, aliases: frozenset[str], published_year: int | None
) -> list[_Candidate]:
    """The sentence's event and, when it says it "follows" another one ("The operation follows an attack
    late on Saturday in which..."), that earlier event too, each described from its own clause."""
    blocked = [
        (m.start - sentence.start, m.end - sentence.start)
        for m in doc.actors_in(sentence.start, sentence.end)
        if len(m.text.split()) > 1
    ]
    found = _find_trigger(sentence.text, blocked)
    if found is None:
        return []
    first = _build(doc, sentence, sentence, found, aliases, published_year)
    out = [first]
    cue = _FOLLOW_CUE.search(sentence.text, found[1].end())
    if cue:
        rest = Sentence(sentence.text[cue.end() :], sentence.start + cue.end(), sentence.end)
        shift = cue.end()
        second = _find_trigger(rest.text, [(s - shift, e - shift) for s, e in blocked])
        if second is not None and (second[0] in _MILITANT_KINDS) != (first.kind in _MILITANT_KINDS):
            out.append(_build(doc, sentence, rest, second, aliases, published_year, secondary=True))
    return out


_BY = re.compile(r"\s+by\s+(?:the\s+|an?\s+)?")


_TARGETED_BASE = re.compile(
    r"(?i)\s+(?:[\w-]+\s+){0,3}?(?:targeted|struck|stormed|hit|raided)\s+(?:an?|the|their|its|a\s+suspected)\s+"
    r"(?:[\w-]+\s+){0,2}?(?:base|camp|hideout|den|stronghold|compound|safe\s+house)s?\b"
)


_WEAPON_AFTER = re.compile(r"\s+(?:[\w-]+\s+)?(?:drones?|missiles?|rockets?|UAVs?)\b", re.IGNORECASE)
_LAUNCHED_BY = re.compile(r"(?:fired|launched|sent|flown|operated)\s+by\s+(?:the\s+)?$", re.IGNORECASE)


def _group_weapon(doc: Document, clause: Sentence) -> bool:
    """An armed group owns the drones or missiles of the clause: "a Houthi drone", "missiles fired by the group"."""
    for m in doc.actors_in(clause.start, clause.end):
        if getattr(m.entry, "category", None) != ActorCategory.militant_group:
            continue
        if _WEAPON_AFTER.match(doc.text, m.end) or _LAUNCHED_BY.search(doc.text, max(0, m.start - 30), m.start):
            return True
    return False


def _militant_agent(doc: Document, clause: Sentence, trigger_end: int) -> bool:
    """ "a new raid by the Gran Grif gang on Liancourt": a group named as the raid's agent."""
    by = _BY.match(clause.text, trigger_end)
    if by is None:
        return False
    at = clause.start + by.end()
    return any(
        m.start == at and getattr(m.entry, "category", None) == ActorCategory.militant_group
        for m in doc.actors_in(at, clause.end)
    )


def _build(
    doc: Document,
    sentence: Sentence,
    clause: Sentence,
    found: tuple[OperationKind, re.Match[str]],
    aliases: frozenset[str],
    published_year: int | None,
    secondary: bool = False,
) -> _Candidate:
    kind, match = found
    text = clause.text
    trigger_at = clause.start + match.start()
    name = None if secondary else _name_of(text, aliases)
    phase_match = None if secondary else _PHASE.search(text)
    scope = _scope_end(doc, clause, clause.start + match.end())
    by, against = _sides(doc, clause, kind, trigger_at, scope)
    date = _date(doc, clause, trigger_at, scope if not secondary else clause.end)
    if kind in (_K.operation, _K.attack) and match.group(0).lower() == "offensive":
        # a militant offensive on a given day is an attack; a campaign to take territory is an operation
        militant_agent = re.search(r"(?i)\b(?:ISIS|IS|Daesh|militants?|jihadists?|group)\b", text[: match.start()])
        kind = _K.attack if militant_agent and date is not None and date.kind == "day" else _K.operation
        by, against = _sides(doc, clause, kind, trigger_at, scope)
    if kind == _K.operation and _SEIZE.fullmatch(match.group(0)):
        # "ISIS seized control of ...": the militants are the agent here
        militants, _ = _sides(doc, clause, _K.attack, trigger_at, scope)
        if militants:
            by, against = militants, []
    if kind == _K.attack and _forces_subject(doc, clause, trigger_at, match.group(0)):
        kind = _K.raid  # "army forces attacked al-Shabaab positions": the forces' raid
        by, against = _sides(doc, clause, kind, trigger_at, scope)
    if kind == _K.raid and (_militant_subject(doc, clause, trigger_at) or _militant_agent(doc, clause, match.end())):
        kind = _K.attack  # "militants stormed a checkpoint": a militant attack, not a raid
        by, against = _sides(doc, clause, kind, trigger_at, scope)
    if kind == _K.airstrike and not by and _group_weapon(doc, clause):
        # "a Houthi drone hit a camp", "drones fired by the Houthis struck the town": a group's strike is its attack
        kind = _K.attack
        by, against = _sides(doc, clause, kind, trigger_at, scope)
    if match.re is FORCES_ON_CIVILIANS and doc.gazetteer is not None:
        # "soldiers killed 21 civilians": the force's violence against civilians, not an attack on the force
        by, _ = _sides(doc, clause, _K.operation, trigger_at, scope)
        civilians = doc.gazetteer.actor_by_canonical.get("Civilians")
        against = [civilians] if civilians is not None else []
    if match.re is KILLERS_TOLD and not against and doc.gazetteer is not None:
        civilians = doc.gazetteer.actor_by_canonical.get("Civilians")
        against = [civilians] if civilians is not None else []  # "Maoists killed a villager": the dead were civilians
    if kind == _K.operation and _TARGETED_BASE.match(text, match.end()):
        kind = _K.raid  # "an air-land operation on Saturday targeted a terrorist base": a raid on that base
    if kind == _K.operation and _CLEAR_PURPOSE.match(text, match.end()):
        kind = _K.clearance  # "an operation to clear out remnants": a clearance operation
    before = text[: match.start()]
    # "the drone hit", "the shells landed": the weapon of an event told before, named again
    weapon = _WEAPON_AGAIN.match(match.group(0)) is not None and re.search(r"(?i)\bthe\s+$", before) is not None
    return _Candidate(
        sentence=sentence,
        kind=kind,
        trigger=match,
        name=name,
        phase=phase_match.group(1) if phase_match else None,
        status=_status_of(text[: scope - clause.start], kind),
        by=by,
        against=against,
        places=_places(doc, clause, scope, trigger_at),
        date=date,
        background=bool(date and is_historical(date, published_year)) or bool(_RECENT.search(before) and not date),
        anaphoric=bool(_ANAPHOR.search(before))
        and _last_determiner_definite(before)
        and name is None
        and not secondary
        and (not _VERB_TRIGGER.search(match.group(0)) or weapon),
        weapon=weapon,
    )


def _same_name(a: str, b: str) -> bool:
    return fuzz.partial_ratio(a.casefold(), b.casefold()) >= 85 or fuzz.token_set_ratio(a, b) >= 85


def _compatible(a: OperationKind, b: OperationKind) -> bool:
    """Kinds one definite mention can refer back to: "the attack" after an ambush, "the campaign" after an operation."""
    if b == _K.operation and a not in _MILITANT_KINDS:
        # "the operation" after a raid, an airstrike or an arrest sweep names that action; after an encounter
        # ("killed in an encounter ... injured in the operation"), the operation the fighting was part of
        return True
    if b == _K.clash and a in _OPERATION_LIKE | {_K.raid}:
        return True  # "in the firefight that followed" after an operation: the fighting in that operation
    return a == b or (a in _OPERATION_LIKE and b in _OPERATION_LIKE) or (a in _MILITANT_KINDS and b in _MILITANT_KINDS)


def _actor(entry: ActorEntry) -> Actor:
    return Actor(name=entry.canonical, canonical=entry.canonical, category=entry.category)


def _place(doc: Document, mention: Mention) -> Place:
    entry = mention.entry
    from summarizer.gazetteer import admin1_name

    assert isinstance(entry, PlaceEntry)
    return Place(
        name=mention.text,
        canonical=entry.canonical,
        admin1=entry.admin1,
        admin1_name=admin1_name(entry.admin1),
        country=entry.country,
    )


def _summary(c: _Candidate) -> str:
    parts = [f"{c.name!r} " if c.name else "", f"{c.phase} of " if c.phase and c.name else "", c.kind.value]
    if c.by:
        parts.append(" by " + ", ".join(e.canonical for e in c.by))
    if c.against:
        parts.append(" against " + ", ".join(e.canonical for e in c.against))
    if c.places:
        parts.append(" in " + ", ".join(m.entry.canonical for m in _specific_places(c.places)))
    if c.date:
        parts.append(f" ({c.date.phrase})")
    return "".join(parts).strip()


def _merge(into: _Candidate, other: _Candidate) -> None:
    if into.kind == _K.arrest and other.kind in _OPERATION_LIKE and (other.name or other.phase) and not into.name:
        into.kind = other.kind  # an arrest sweep the story then calls "the operation, the second phase of X"
    into.name = into.name or other.name
    into.phase = into.phase or other.phase
    if into.kind in _MILITANT_KINDS and other.kind not in _MILITANT_KINDS:
        # "troops returned fire" in the attack: the forces fighting back are the ones attacked
        into.against = _unique(into.against + [e for e in other.by if e.category != ActorCategory.militant_group])
        return
    into.by = _unique(into.by + other.by)
    into.against = _unique(into.against + other.against)
    if not into.places:  # a later mention locates an operation only when the first did not
        into.places = list(other.places)
    into.date = into.date or _own_date(other)
    if into.status in (
        OperationStatus.unknown,
        OperationStatus.planned,
        OperationStatus.announced,
    ) and other.status in (OperationStatus.launched, OperationStatus.ongoing, OperationStatus.completed):
        into.status = other.status


_DAY_RELATIVE = re.compile(r"(?i)following\s+day|day\s+before|yesterday|today|tonight|last\s+night|overnight")
_WEEKDAY = re.compile(r"(?i)monday|tuesday|wednesday|thursday|friday|saturday|sunday")


@lru_cache(maxsize=1024)
def _resolved_day(phrase: str, published: dt.date) -> str | None:
    """The day a phrase names, resolved against the publication date (memoised: pairs of items ask often)."""
    found = resolve_date(phrase, published)
    return found.start.isoformat() if found is not None and found.precision.value == "day" else None


def _day_of(cand: _Candidate, published: dt.date | None = None) -> str | None:
    if cand.date is None:
        return None
    if published is not None:
        # "before dawn", "early this morning" and a post stamped "07:50" are one day on a live page
        found = _resolved_day(cand.date.phrase, published)
        if found is not None:
            return found
    if cand.date.kind == "relative" and _DAY_RELATIVE.search(cand.date.phrase):
        return cand.date.phrase.lower()  # "on the following day", "yesterday", "last night": a day of its own
    if cand.date.kind != "day":
        return None
    day = _WEEKDAY.search(cand.date.phrase)
    # "on 21 June" and "21 June" are one day
    return day.group(0).lower() if day else re.sub(r"(?i)^(?:on|by)\s+", "", cand.date.phrase).lower()


def _same_incident(a: _Candidate, b: _Candidate, published: dt.date | None = None) -> bool:
    """A militant attack retold (often from another source): same family, same day, same place or target.
    A state action of one kind in one named place, undated in one of the tellings, is retold too: a lead
    ("five were killed in air strikes on a hideout in the X mountains") and the statement it quotes."""
    if a.kind not in _MILITANT_KINDS and a.kind == b.kind and not (a.background or b.background):
        if a.name and b.name and not _same_name(a.name, b.name):
            return False
        day_a, day_b = _day_of(a, published), _day_of(b, published)
        if day_a and day_b and day_a != day_b:
            return False
        local = {m.entry.canonical for m in a.places if isinstance(m.entry, PlaceEntry) and m.entry.kind != "country"}
        return bool(local & {m.entry.canonical for m in b.places})
    if (a.kind in _MILITANT_KINDS) != (b.kind in _MILITANT_KINDS) or a.kind not in _MILITANT_KINDS:
        return False
    if _day_of(a, published) is None or _day_of(a, published) != _day_of(b, published):
        return False
    places_a = {m.entry.canonical for m in a.places}
    places_b = {m.entry.canonical for m in b.places}
    return bool(places_a & places_b) or bool({e.canonical for e in a.against} & {e.canonical for e in b.against})


def may_be_retold(b: _Candidate) -> bool:
    """Whether :func:`_same_incident` can hold for ``b`` with any earlier item: it needs a shared place, or, between
    militant attacks, a shared place or target; a candidate with neither is no retelling (kept beside that rule)."""
    return bool(b.places) or (b.kind in _MILITANT_KINDS and bool(b.against))


def _resolved_days(items: list[_Candidate], published: dt.date | None) -> list[dt.date | None]:
    """Each item's day, resolved as normalisation will resolve it (in order, for "six days later")."""
    out: list[dt.date | None] = []
    previous: dt.date | None = None
    for cand in items:
        found = resolve_date(cand.date.phrase, published, previous) if cand.date and published else None
        day = found.start if found and found.precision.value == "day" else None
        out.append(day)
        previous = day or previous
    return out


def _mark_context(items: list[_Candidate], published: dt.date | None = None) -> None:
    """Events dated to an earlier day than the article's lead event are its context (background).

    The lead event is the first one with a day date that is not itself background; news reports the
    latest event, so another dated day is usually an earlier one ("Last Thursday, ... On the following
    day, ..."). When both days resolve against the publication date, only an earlier day is context: a
    follow-up ("six days later", "on Sunday morning" after Saturday's attack) is news too. Planned
    operations, events under a round-up's day heading and events told as "separately" are not context.
    """
    lead = next((c for c in items if not c.background and _day_of(c)), None)
    if lead is None:
        return
    days = _resolved_days(items, published)
    lead_day = days[items.index(lead)]
    for cand, day in zip(items, days, strict=True):
        if cand is lead or cand.background or cand.current:
            continue
        if cand.status in (OperationStatus.planned, OperationStatus.announced):
            continue
        if lead_day is not None and day is not None:
            cand.background = (lead_day - day).days > 1
        elif _day_of(cand) and _day_of(cand) != _day_of(lead):
            cand.background = True
