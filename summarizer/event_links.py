"""Which event each casualty figure belongs to, and who was hit: read from the article, for every backend.

Run by :func:`summarizer.normalize.normalize_extraction` after counts, names and dates are filled.

* **Event links.** A figure whose sentence refers back to an event already told ("killed in the attack",
  "carried from the scene", "the dead included") belongs to the last current event told before it (the
  *antecedent*: an operation whose own evidence is not itself only such a reference; "an air strike on the
  hideout from where the attack was planned" is a new event), or the last one of the kind its noun names
  ("the strike killed 17" is the air strike, not the attack before it). It is linked to that
  operation and takes its date and, when it names none, its place; it is current news when that event is (a
  plural noun, "the strikes killed scores", is that event's figure, not a tally, unless a period's words say
  so). A
  figure is not linked when its own place is elsewhere, or its own date falls before the event or more than
  ``AFTERMATH_DAYS`` after it (an earlier event recalled, or another one). A figure already linked to an
  operation of its own sentence that is not a reference back keeps that link, and gets that operation's date
  and place when it has none. An event's place is its one town (a town and its province: the town); a figure
  placed only in that town's province or country takes the town.
* **One-event stories.** When an article tells one current, dated event, a figure with no date of its own,
  no place elsewhere and no tally words is of that event (the army's toll, the attacker's claim).
* **Where the victims were taken.** A place named only after "taken to", "headed for", "a hospital in" and
  the like (``destinations`` and ``medical_sources``) is where the wounded or dead were brought, not where
  they were hit: the figure drops it (and takes its event's).
* **Who was hit.** "people" and "persons" are civilians only where the text says so: civilians or a civilian
  setting (a market, a village, a bus, "among them two children") named in the figure's sentence or just before
  it; otherwise, and when the sentence says fighters were among them ("330 people, most of them fighters"), they
  are unspecified, and stay so whoever else the event hit. A hospital's, an ambulance service's or a morgue's count is
  of the attack's victims, never of the militants (the attacker's men); a count of "bodies", "the dead" or
  "wounded" with no group named is of the same victims as the other figures of its
  event when those name one group (a breakdown or a rival count of one toll, not another group).
* **An event's sides from its figures.** An event told with no target ("a drone struck a market in X") is against
  those its current figures say it hit: by an armed group or an air strike, the civilians or forces hit; by a
  force's raid, sweep or arrest, the group it hit; never its author's own side, never "Unspecified". An event with
  no author takes the one side its figures name as the hand that hit them. A clash keeps what its words say.

Vocabulary lives in ``summarizer/data/event_links.yaml``.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

from summarizer.grounding import Aligner
from summarizer.models import (
    Actor,
    ActorCategory,
    ArticleExtraction,
    CasualtyReport,
    Operation,
    OperationKind,
    Outcome,
    Place,
)
from summarizer.reconcile import ItemRef, is_tally

AFTERMATH_DAYS = 3  # a figure dated up to this many days after its event is the event's toll told later
UNSPECIFIED = "Unspecified"  # the gazetteer's canonical for victims the text does not identify

_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s+|\n+")


@dataclass(frozen=True)
class Vocabulary:
    anaphora: re.Pattern[str]
    people: frozenset[str]
    bare: frozenset[str]
    medical: re.Pattern[str]
    fighters: re.Pattern[str]
    new_event: re.Pattern[str]
    kinds: dict[str, str]
    destination: re.Pattern[str]
    civilian_setting: re.Pattern[str]
    armed: frozenset[str] = frozenset()


def _words(words: list[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


@cache
def vocabulary() -> Vocabulary:
    """The linking vocabulary from ``summarizer/data/event_links.yaml``, compiled once."""
    raw = resources.files("summarizer.data").joinpath("event_links.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(raw)
    return Vocabulary(
        # "the attack", "the suicide bombing", "the deadly attack": "the", at most two modifiers, the noun
        anaphora=re.compile(rf"\bthe\s+(?:[a-z-]+\s+){{0,2}}?(?:{_words(data['anaphora'])})\b", re.IGNORECASE),
        people=frozenset(w.casefold() for w in data["people"]),
        bare=frozenset(w.casefold() for w in data["bare_victims"]),
        medical=re.compile(rf"\b(?:{_words(data['medical_sources'])})\b", re.IGNORECASE),
        # "including soldiers", "most of them fighters", "among them 40 inmates": fighters among the people hit
        # "an air strike", "a suicide bombing", "another attack": an event told for the first time
        new_event=re.compile(
            rf"\b(?:an?|another)\s+(?:[a-z-]+\s+){{0,2}}?(?:{_words(data['anaphora'])})\b", re.IGNORECASE
        ),
        kinds={" ".join(k.casefold().split()): v for k, v in data["anaphora_kinds"].items()},
        fighters=re.compile(
            rf"\b(?:{_words(data['among'])})\b[^.;]{{0,40}}?\b(?:{_words(data['fighters'])})\b", re.IGNORECASE
        ),
        civilian_setting=re.compile(rf"\b(?:{_words(data['civilian_settings'])})\b", re.IGNORECASE),
        armed=frozenset(w.casefold() for w in data["armed_heads"]),
        # "taken to a hospital in", "State Specialist Hospital in": the words just before a destination
        destination=re.compile(
            rf"\b(?:{_words(data['destinations'])}|(?:{_words(data['medical_sources'])})\b"
            rf"[^.,;]{{0,30}}?\bin)\b[^.,;]{{0,40}}$",
            re.IGNORECASE,
        ),
    )


@cache
def heading_fillers() -> frozenset[str]:
    """Words a paragraph's lead-in heading may hold besides its day and places ("near", "town", "area"): see
    :mod:`summarizer.paragraph_headings`."""
    raw = resources.files("summarizer.data").joinpath("event_links.yaml").read_text(encoding="utf-8")
    return frozenset(w.casefold() for w in yaml.safe_load(raw)["heading_fillers"])


def refers_back(text: str) -> bool:
    """Whether ``text`` refers back to an event already told ("in the attack", "from the scene")."""
    return bool(vocabulary().anaphora.search(text))


def _named_kind(text: str) -> str | None:
    """The operation kind the first reference back names ("the strike" -> airstrike), if any."""
    vocab = vocabulary()
    for match in vocab.anaphora.finditer(text):
        noun = " ".join(match.group(0).casefold().split()[1:])
        for word, kind in vocab.kinds.items():
            if noun == word or noun.endswith(f" {word}"):
                return kind
    return None


class _Sentences:
    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0, *(m.end() for m in _SENTENCE_END.finditer(text))]

    def around(self, start: int, end: int) -> tuple[int, int]:
        """The span of the sentences holding ``text[start:end]``."""
        first = bisect_right(self.starts, start) - 1
        last = bisect_right(self.starts, max(start, end - 1))
        stop = self.starts[last] if last < len(self.starts) else len(self.text)
        return self.starts[first], stop


def taken_to(place: Place | None, sentence: str) -> bool:
    """Whether ``place`` is named in ``sentence`` only as where the victims were taken ("taken to a hospital in
    Maiduguri"), not where they were hit."""
    if place is None or not place.name.strip():
        return False
    mentions = list(re.finditer(rf"\b{re.escape(place.name)}\b", sentence, re.IGNORECASE))
    destination = vocabulary().destination
    return bool(mentions) and all(destination.search(sentence[: m.start()]) for m in mentions)


def _same_place(place: Place | None, op: Operation) -> bool:
    if place is None or not op.places:
        return True
    names = {(p.canonical or p.name).casefold() for p in op.places}
    provinces = {p.admin1 for p in op.places if p.admin1}
    return (place.canonical or place.name).casefold() in names or bool(place.admin1 and place.admin1 in provinces)


def _in_aftermath(cas: CasualtyReport, op: Operation) -> bool:
    own = cas.date.start if cas.date is not None else None
    if own is None:
        return True
    if op.date is None or op.date.start is None:
        return False
    end = op.date.end or op.date.start
    return op.date.start <= own <= end + dt.timedelta(days=AFTERMATH_DAYS)


def link_events(extraction: ArticleExtraction, text: str) -> None:
    """Link each casualty figure to the event its sentence tells of (see the module doc); edits in place."""
    if not extraction.operations or not extraction.casualties:
        return
    aligner = Aligner(text)
    sentences = _Sentences(text)
    antecedents: list[tuple[int, Operation]] = []  # (start, operation) of events told in their own words
    referring: set[str] = set()
    for op in extraction.operations:
        span = aligner.align(op.evidence.quote, "operations", (op.evidence.start, op.evidence.end))
        if span is None:
            continue
        told_again = refers_back(op.evidence.quote) and not vocabulary().new_event.search(op.evidence.quote)
        if told_again and any(s < span.start for s, _ in antecedents):
            referring.add(op.id)
        elif not op.background:
            antecedents.append((span.start, op))
    antecedents.sort(key=lambda pair: pair[0])
    starts = [start for start, _ in antecedents]
    events = [op for _, op in antecedents]
    by_id = {op.id: op for op in extraction.operations}
    for cas in extraction.casualties:
        span = aligner.align(cas.evidence.quote, "casualties", (cas.evidence.start, cas.evidence.end))
        if span is None:
            continue
        s_start, s_end = sentences.around(span.start, span.end)
        if taken_to(cas.place, text[s_start:s_end]):
            cas.place = None  # the hospital's town is not the event's place
        own = by_id.get(cas.operation_id) if cas.operation_id else None
        if own is not None and own.id not in referring:
            _inherit(cas, own)
            continue
        before = events[: bisect_left(starts, s_start)]  # the events told before this sentence (sorted by start)
        told_again = bool(before) and refers_back(text[s_start:s_end])
        if not told_again:
            if is_tally(ItemRef(0, extraction, cas)):
                continue
            sole = _sole_event(antecedents, cas) or _same_day_event(antecedents, cas) or _victims_event(before, cas)
            if sole is not None and sole.id not in referring:
                cas.operation_id = sole.id
                _inherit(cas, sole)
            continue
        kind = _named_kind(text[s_start:s_end])
        event = next((op for op in reversed(before) if op.kind.value == kind), before[-1])
        if _tally_of(extraction, cas, event):
            continue
        if not _same_place(cas.place, event) or not _in_aftermath(cas, event):
            continue
        cas.operation_id = event.id
        cas.background = event.background
        if event.date is not None and event.date.start is not None:
            cas.date = event.date.model_copy()
        _inherit(cas, event)


# Whom an event of each kind hits, as its figures tell: an armed group's attack or an air strike hits civilians and
# forces; a force's raid, sweep or arrest hits an armed group (an air strike on a group's men hits the group too).
_FORCES = frozenset({
    ActorCategory.state_forces, ActorCategory.paramilitary, ActorCategory.kurdish_forces, ActorCategory.coalition
})
_TARGETS: dict[OperationKind, frozenset[ActorCategory]] = {
    **dict.fromkeys(
        (OperationKind.attack, OperationKind.ambush, OperationKind.bombing), _FORCES | {ActorCategory.civilians}
    ),
    OperationKind.airstrike: _FORCES | {ActorCategory.civilians, ActorCategory.militant_group},
    **dict.fromkeys(
        (OperationKind.raid, OperationKind.clearance, OperationKind.operation, OperationKind.arrest),
        frozenset({ActorCategory.militant_group}),
    ),
}
_HIT = (Outcome.killed, Outcome.wounded, Outcome.arrested, Outcome.captured)


def event_sides(extraction: ArticleExtraction) -> None:
    """Fill an event's empty sides from its current figures (see the module doc); edits in place."""
    for op in extraction.operations:
        if op.background or op.kind not in _TARGETS or (op.by and op.against):
            continue
        figures = [
            c for c in extraction.casualties if c.operation_id == op.id and not c.background and c.outcome in _HIT
        ]
        if not figures:
            continue
        if not op.against:
            own = {_side(a) for a in op.by}
            hit: dict[str, Actor] = {}
            for cas in figures:
                victims = cas.victims
                if victims.canonical in (None, UNSPECIFIED) or _side(victims) in own:
                    continue
                if victims.category in _TARGETS[op.kind]:
                    hit.setdefault(_side(victims), victims)
            op.against = [a.model_copy() for a in hit.values()]
        if not op.by:
            hands = {_side(c.perpetrator): c.perpetrator for c in figures if c.perpetrator is not None}
            hands = {k: a for k, a in hands.items() if a.canonical not in (None, UNSPECIFIED)}
            if len(hands) == 1 and not {_side(a) for a in op.against} & set(hands):
                op.by = [next(iter(hands.values())).model_copy()]


def _tally_of(extraction: ArticleExtraction, cas: CasualtyReport, event: Operation) -> bool:
    """Whether a figure told of ``event`` ("the strikes neutralised scores") is still a period's toll: a plural
    event noun alone does not make it one once the event pins it to one day; a period's words ("so far") do."""
    pinned = cas
    if (cas.date is None or cas.date.start is None) and event.date is not None and event.date.start is not None:
        pinned = cas.model_copy(update={"date": event.date})
    return is_tally(ItemRef(0, extraction, pinned))


def _sole_event(antecedents: list[tuple[int, Operation]], cas: CasualtyReport) -> Operation | None:
    """The article's one current, dated event, when it tells only one and the figure has no date of its own
    and no place elsewhere: a figure of a one-event story is of that event."""
    current = [op for _, op in antecedents if not op.background]
    if len(current) != 1 or cas.background or (cas.date is not None and cas.date.start is not None):
        return None
    event = current[0]
    if event.date is None or event.date.start is None or not _same_place(cas.place, event):
        return None
    return event


def _same_day_event(antecedents: list[tuple[int, Operation]], cas: CasualtyReport) -> Operation | None:
    """The one current event told on the day a figure gives for itself, when no other is ("the hospital received
    two bodies on Sunday" in a story of Sunday's bombing and Monday's raid), at the figure's place if it has one."""
    day = cas.date.start if cas.date is not None else None
    if day is None or cas.background:
        return None
    same = {
        op.id: op
        for _, op in antecedents
        if not op.background and op.date is not None and op.date.start == day and _same_place(cas.place, op)
    }
    return next(iter(same.values())) if len(same) == 1 else None


def _victims_event(before: list[Operation], cas: CasualtyReport) -> Operation | None:
    """The one current event told before a figure whose targets are the figure's victims, when the figure gives no
    day of its own ("the coordinator said his team had counted 38 bodies of civilians" after a massacre of villagers
    and an army raid on the rebels: the massacre's)."""
    if cas.background or (cas.date is not None and cas.date.start is not None):
        return None
    victims = cas.victims.canonical
    if victims is None or victims == UNSPECIFIED:
        return None
    hit = [
        op
        for op in before
        if not op.background and _same_place(cas.place, op) and victims in {a.canonical for a in op.against}
    ]
    current = [op for op in before if not op.background]
    # a side that was the target of one event and fought in another is no clue; a fight told with no day and no
    # place of its own ("in the pursuit that followed, our forces ...") is that event's sequel, not another
    fought = [
        op
        for op in current
        if op not in hit
        and victims in {a.canonical for a in (*op.by, *op.against)}
        and ((op.date is not None and op.date.start is not None) or op.places)
    ]
    return hit[0] if len(hit) == 1 and not fought else None


def _is_broad(place: Place) -> bool:
    return (place.canonical or place.name) in (place.admin1_name, place.country, place.admin1)


def _spot(op: Operation) -> Place | None:
    """The one town an operation is at: its only place, or its only town when the others are its province or
    country ("Dikwa, Borno" is at Dikwa)."""
    towns = {(p.canonical or p.name): p for p in op.places if not _is_broad(p)}
    if len(towns) == 1:
        return next(iter(towns.values()))
    if not towns and len({(p.canonical or p.name) for p in op.places}) == 1:
        return op.places[0]
    return None


def _inherit(cas: CasualtyReport, op: Operation) -> None:
    """A figure with no date, place or perpetrator of its own takes its event's (its place only when it names
    one; its perpetrator by :func:`_hand`); a figure placed only in a province or country takes its event's town
    inside it."""
    if (cas.date is None or cas.date.start is None) and op.date is not None and op.date.start is not None:
        cas.date = op.date.model_copy()
    if cas.perpetrator is None:
        hand = _hand(cas, op)
        cas.perpetrator = hand.model_copy() if hand is not None else None
    spot = _spot(op)
    if spot is None:
        return
    if cas.place is None or _inside(spot, cas.place):
        cas.place = spot.model_copy()


def _side(actor: Actor) -> str:
    return (actor.canonical or actor.name).casefold()


def _hand(cas: CasualtyReport, op: Operation) -> Actor | None:
    """Who hit the figure's victims in its event: the event's one author when the victims are its target or no
    side of it ("the bombardment killed 26 civilians": the shelling side), the event's one target when the
    victims are the author's own ("four soldiers fell" in the army's operation: the militants it fought). A side
    is known by its name, else by its category (the army's allied militia is on the army's side); civilians
    hit no one."""
    victims = _side(cas.victims)
    by, against = op.by, op.against
    author = by[0] if len(by) == 1 else None
    target = against[0] if len(against) == 1 and against[0].category != ActorCategory.civilians else None
    if victims in {_side(a) for a in against}:
        return author
    if victims in {_side(a) for a in by}:
        return target
    category = cas.victims.category
    if author is not None and category is not None and category == author.category:
        return target  # the author's own side by kind
    return author if author is not None and _side(author) != victims else None


def _inside(town: Place, broad: Place) -> bool:
    """Whether ``broad`` is a province or country and ``town`` a town inside it."""
    if not _is_broad(broad) or _is_broad(town):
        return False
    return town.admin1 == broad.admin1 if broad.admin1 is not None else town.country == broad.country


def classify_victims(extraction: ArticleExtraction, text: str) -> None:
    """:func:`who_was_hit` for every casualty figure, each read with its own sentence; edits in place."""
    if not extraction.casualties:
        return
    aligner, sentences = Aligner(text), _Sentences(text)
    told = {op.id: op.evidence.quote for op in extraction.operations if op.id}
    for cas in extraction.casualties:
        span = aligner.align(cas.evidence.quote, "casualties", (cas.evidence.start, cas.evidence.end))
        if span is None:
            who_was_hit(cas, cas.evidence.quote)
            continue
        start, end = sentences.around(span.start, span.end)
        # the words before the figure, its event's own words ("the attack on the Wuhailat market") and the next
        # sentence of its paragraph ("Rescuers recovered the body of a woman from a block of flats") may say who
        event = told.get(cas.operation_id or "", "")
        last_of_paragraph = text[start:end].rstrip(" \t").endswith("\n") or text[end : end + 1] == "\n"
        following = "" if last_of_paragraph else text[end : sentences.around(end, end + 1)[1]].split("\n", 1)[0]
        context = f"{event} {text[max(0, start - _BEFORE_CHARS) : start]} {following}"
        who_was_hit(cas, text[start:end], context)
    _same_event_victims(extraction)


_PASSIVE_TOLL = re.compile(
    r"\b(?:people|persons)\s+(?:(?:were|have\s+been|had\s+been|was|are)\s+)(?:killed|dead)\b", re.IGNORECASE
)
_BY_AGENT_AFTER = re.compile(r"\s+by\b", re.IGNORECASE)
_MOSTLY = re.compile(r"\b(?:people|persons),\s+(?:most|many|the\s+majority)\s+of\s+(?:them|whom)\b", re.IGNORECASE)
_PERIOD = re.compile(
    r"\b(?:throughout|over\s+the\s+(?:past|last)\s+\w+"
    r"|between\s+(?:January|February|March|April|May|June|July|August|September|October|November|December)\b)",
    re.IGNORECASE,
)


# a part of a toll that says some of its dead were civilians ("12, among them three civilians")
_SOME_CIVILIANS = re.compile(
    r"\b(?:among\s+them|including|of\s+whom|of\s+them)\s+(?:at\s+least\s+)?(?:\d+|a|one|two|three|four|five|six"
    r"|seven|eight|nine|ten|several|some)\s+(?:were\s+)?civilians?\b",
    re.IGNORECASE,
)
_CIVILIAN_HEADS = frozenset({"civilians", "civilian", "villagers", "residents"})


def _unspecified(name: str) -> Actor:
    return Actor(name=name, canonical=UNSPECIFIED, category=ActorCategory.other)


# how much of the text before a figure's sentence may say its "people" were civilians
_BEFORE_CHARS = 600
# a toll counted over many attacks ("ten bombings and four armed attacks, which killed 315 people") is no one event's
_MANY_ATTACKS = re.compile(
    r"(?i)\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten|many|several|dozens\s+of|scores\s+of)\s+"
    r"(?:[\w-]+\s+){0,2}?(?:attacks|bombings|strikes|raids|massacres)\b"
)


def who_was_hit(cas: CasualtyReport, sentence: str, before: str = "") -> None:
    """Who a figure's victims are when its words do not say: see the module doc.

    ``sentence`` is the figure's own sentence: "330 people, most of them fighters" are not civilians; ``before`` the
    text around it (just before it, its event's words, the next sentence), where the story may say they were
    civilians.
    """
    vocab = vocabulary()
    victims = cas.victims
    head = victims.name.casefold().split()[-1] if victims.name.split() else ""
    fighters = vocab.fighters.search(sentence)
    if head in vocab.people and victims.category in (None, ActorCategory.civilians) and fighters:
        cas.victims = _unspecified(victims.name)
        return
    if victims.category == ActorCategory.civilians and head not in _CIVILIAN_HEADS and _SOME_CIVILIANS.search(sentence):
        # "the toll has risen to 12, among them three civilians": the others were not
        cas.victims = _unspecified(victims.name)
        return
    if head in vocab.people and victims.category in (None, ActorCategory.civilians):
        passive = _PASSIVE_TOLL.search(sentence) if cas.background else None
        unattributed = passive is not None and not _BY_AGENT_AFTER.match(sentence, passive.end())
        if unattributed or _PERIOD.search(sentence) or _MOSTLY.search(sentence):
            # "more than 6,500 people have been killed", "at least 55 people were killed in the assault", "114 acts of
            # violence throughout 2024 left 33 people dead, most of them civilians": an earlier toll told with no hand
            # behind it, a period's, or one the text says is mixed, counts fighters and civilians alike
            cas.victims = _unspecified(victims.name)
            return
        if not vocab.civilian_setting.search(f"{before} {sentence}") and not _MANY_ATTACKS.search(sentence):
            cas.victims = _unspecified(victims.name)  # "a missile struck the town, killing 11 people": unspecified
            return
    source = cas.reported_by
    medical = source is not None and bool(vocab.medical.search(f"{source.name} {source.role or ''}"))
    if medical and victims.category == ActorCategory.militant_group:
        cas.victims = _unspecified(victims.name)


def _same_event_victims(extraction: ArticleExtraction) -> None:
    """A count of "bodies", "the dead" or "wounded" (no group named), or one that was left unspecified, is of
    the same victims as the other figures of its event when
    those name one group: the 19 bodies a hospital received are the police's 12 people killed."""
    vocab = vocabulary()
    named: dict[str, set[tuple[str | None, ActorCategory | None]]] = {}
    for cas in extraction.casualties:
        if cas.operation_id and cas.victims.canonical != UNSPECIFIED and not _bare(cas, vocab):
            named.setdefault(cas.operation_id, set()).add((cas.victims.canonical, cas.victims.category))
    # events whose "people" the text did not say were civilians: their bare counts ("eleven dead") are unspecified too
    unsaid = {
        cas.operation_id
        for cas in extraction.casualties
        if cas.operation_id and cas.victims.canonical == UNSPECIFIED and _head(cas.victims.name) in vocab.people
    }
    for cas in extraction.casualties:
        if (
            cas.operation_id in unsaid
            and cas.victims.category == ActorCategory.civilians
            and _head(cas.victims.name) in (*vocab.bare, "others")
            and not vocab.civilian_setting.search(cas.evidence.quote)
        ):
            cas.victims = _unspecified(cas.victims.name)
    for cas in extraction.casualties:
        groups = named.get(cas.operation_id or "", set())
        if len(groups) != 1 or not (_bare(cas, vocab) or cas.victims.canonical == UNSPECIFIED):
            continue
        if _head(cas.victims.name).strip("\"“”'’") in vocab.armed:
            continue  # "eight 'suspects' killed" beside "two officers wounded": the other side, not the officers
        if cas.victims.canonical == UNSPECIFIED and (
            vocab.fighters.search(cas.evidence.quote) or _head(cas.victims.name) in (*vocab.people, "others")
        ):
            # "people" the text does not say were civilians, and "eleven others" after them, stay unspecified
            continue
        canonical, category = next(iter(groups))
        if canonical is not None:
            cas.victims = Actor(name=cas.victims.name, canonical=canonical, category=category)


def _head(name: str) -> str:
    return name.casefold().split()[-1] if name.split() else ""


def _bare(cas: CasualtyReport, vocab: Vocabulary) -> bool:
    """A figure whose victims are only "bodies", "the dead", "wounded" and the like: no group named."""
    head = cas.victims.name.casefold().split()[-1] if cas.victims.name.split() else ""
    return head in vocab.bare
