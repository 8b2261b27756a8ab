"""Operations and attacks: what happened, by whom, against whom, where and when.

One candidate per sentence, found by a trigger (a noun such as "operation", "airstrikes", "ambush" or
a verb such as "attacked", "raided"). Rules that generalise across outlets:

* plural attack nouns ("attacks", "bombings") describe a trend, not an event; so do habitual frames
  ("engages in", "has carried out regular", "tactics of");
* a definite or possessive mention ("the operation", "their operation", "this operation") refers back
  to the last operation of a compatible kind and is merged into it, adding its name, phase and places;
* a named operation mentioned again (even spelt differently: "Iraq Heroes" / "Iraqi Heroes") is one item;
* agents and targets come from the gazetteer: for militant attacks the militant group is ``by`` and the
  forces or civilians hit are ``against``; for state operations it is the other way round; a body that
  only speaks about the event ("the ministry said") is neither;
* an event dated by a month, a year or a "since" span is background (see ``dates.is_historical``).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cache, lru_cache

from rapidfuzz import fuzz

from summarizer.backends.rules.dates import POST_STAMP, WEEKDAY_HEADING, DatePhrase, find_dates, is_historical
from summarizer.backends.rules.sentences import DATELINE, Document, Sentence
from summarizer.dates import resolve_date
from summarizer.gazetteer import ActorEntry, Mention, PlaceEntry
from summarizer.models import (
    Actor,
    ActorCategory,
    Alignment,
    EventDate,
    Evidence,
    Operation,
    OperationKind,
    OperationStatus,
    Place,
)

_K = OperationKind

# Trigger families, most specific first; the first family that matches a sentence wins.
_TRIGGERS: list[tuple[OperationKind, re.Pattern[str]]] = [
    (
        _K.airstrike,
        re.compile(
            r"(?i)\b(?:air\s*-?\s*strikes(?=[a-z])|air\s*-?\s*strikes?|strikes?(?=\s+(?:killed|destroyed|hit|left))|air\s+raids?|drone\s+strikes?|aerial\s+(?:bombardments?|strikes?)"
            r"|(?:warplanes|jets|aircraft|drones?|aviation|F-1[56]s|F-35s|helicopters|gunships|bombers|Typhoons|Tornados"
            r"|Rafales|Sukhois|B-52s|Reapers|Apaches)"
            r"(?:\s+and\s+(?:[\w-]+\s+){0,2}?(?:helicopters|gunships|jets|drones|warplanes|aircraft))?"
            r"\s+(?:also\s+)?(?:(?:had|have|has)\s+)?(?:struck|bombed|pounded|hit|targeted|shelled|destroyed|strafed|rocketed"
            r"|killed))\b"
        ),
    ),
    (_K.ambush, re.compile(r"(?i)\bambush(?:ed)?\b")),
    (
        _K.bombing,
        re.compile(
            r"(?i)\b(?:suicide\s+(?:bomb(?:ing|er)|attack|blast)|car\s+bomb(?:ing)?|roadside\s+bomb|(?:improvised\s+)?"
            r"explosive\s+device|IEDs?|bomb(?:ing)?|(?:bomb\s+)?blast|explosion|detonated|landmine)\b"
        ),
    ),
    (_K.raid, re.compile(r"(?i)\b(?:raid(?:ed)?|stormed)\b")),
    (
        _K.clearance,
        re.compile(
            r"(?i)\b(?:(?:clearance|clearing|cleansing|sweep(?:ing)?|combing|mop-?up)\s+"
            r"(?:operation|campaign|mission)|swept|sweep|combed"
            r"|destr(?:oy|oyed|oying|uction\s+of)\s+(?:\w+\s+){0,2}(?:hideouts?|shelters?|tunnels?|dens|caves?|bases?|camps?))\b"
        ),
    ),
    (
        _K.arrest,
        re.compile(
            r"(?i)\b(?:arrest(?:ed)?\s+(?:campaign|operation)|arrested|detained|apprehended|rounded\s+up"
            # "announced the arrest of three men", "captured an ISIS member", "were caught at a checkpoint"
            r"|arrests?\s+of|(?:were|was)\s+caught(?=\s+(?:at|by|while|trying|hiding|near|with|red-handed))"
            r"|captured\s+(?:an?\s+|the\s+|\w+\s+)?(?:[\w/-]+\s+){0,2}?(?:members?|suspects?|leaders?|officials?"
            r"|militants?|fighters?|emirs?|commanders?|operatives?)"
            r"|dismantl(?:ed|ing)\s+(?!of\b)(?:\w+\s+){0,2}(?:cells?|networks?))\b"
        ),
    ),
    (_K.clash, re.compile(r"(?i)\b(?:clash(?:es|ed)?|firefights?|gunfights?|exchange\s+of\s+fire)\b")),
    (
        _K.attack,
        re.compile(
            r"(?i)\b(?:attack(?:ed)?|assault(?:ed)?|offensive|opened\s+fire|overran|targeted\s+(?:a|an|the)"
            r"|fired\s+(?:on|at|upon)|kidnapp(?:ed|ing)|abduct(?:ed|ing)"
            # an attack told only through its victims: "was killed by a sniper", "were shot dead in an orchard"
            r"|shot\s+dead|gunned\s+down|shot\s+and\s+killed|sniper(?:\s+(?:fire|attack|shot))?"
            r"|(?:gunmen|militants|attackers|assailants)\s+killed"
            r"|(?:mortar|rocket)\s+(?:fire|rounds?|shells?)|shelling)\b"
        ),
    ),
    (
        _K.operation,
        re.compile(
            r"(?i)\b(?:operations?|campaign|offensive|retook|retaken|recaptured|reclaimed|liberated"
            r"|(?:seized|gained|took)\s+control"
            # ground lost: "fell under ISIS control", "the first province to fall largely under ISIS control"
            r"|f[ae]ll(?:s|en)?\s+(?:\w+ly\s+)?under\s+(?:[\w-]+\s+){0,2}?control)\b"
        ),
    ),
]
_PLURAL_ATTACK = re.compile(
    r"(?i)\b(?:attacks|assaults|bombings|ambushes|explosions|blasts|offensives|clashes|raids)\b"
)
# Habitual or trend frames: a description of tactics, not an event.
_GENERIC = re.compile(
    r"(?i)\b(?:engag(?:es|ed|ing)\s+in|tactics|(?:has|have)\s+(?:been\s+)?carr(?:ied|y)\s+out\s+(?:regular|frequent|many|"
    r"several|numerous|dozens|hundreds|\d+)|regular(?:ly)?|frequent(?:ly)?|increase\s+in|surge\s+in|rise\s+in|wave\s+of"
    r"|series\s+of|threat\s+of|risk\s+of|capable\s+of|hit-and-run"
    # a tally of a history: "has been attacked by the group many times"
    r"|(?:many|several|numerous|countless|dozens\s+of|\d+)\s+times|repeatedly"
    # a breakdown of a tally: "Most were harassment: shots fired at posts, ..."
    r"|(?:most|many|some|all|none|the\s+rest)\s+(?:of\s+them\s+)?were\s+(?!killed|wounded)\w+\s*:)"
)
_LAUNCH = re.compile(
    r"(?i)\b(?:launch(?:ed|es|ing)?|initiat(?:ed|es)|beg[au]n|begins|kick(?:ed|s)\s+off|start(?:ed|s)|commenc(?:ed|es|e)"
    r"|conduct(?:ed|s)?|carr(?:ied|ies)\s+out|undert(?:ook|aken|akes)|intensifi(?:ed|es)|completed|conclud(?:ed|es)"
    r"|resum(?:ed|es)|continu(?:ed|es))\b"
)
_PLANNED = re.compile(
    r"(?i)\b(?:will\s+(?:launch|begin|start|commence|conduct|carry\s+out)|(?:plans?|planning|set|due|scheduled|expected|"
    r"anticipated|prepar(?:es|ing|ed))\s+to\s+(?:launch|begin|start|commence|conduct|carry\s+out)|to\s+launch)\b"
)
_EVENT_VERB = re.compile(
    r"(?i)\b(?:launch(?:ed|es)?|carr(?:ied|ies)\s+out|conduct(?:ed|s)?|target(?:ed|ing|s)|kill(?:ed|ing|s)|hit|struck"
    r"|destroy(?:ed|ing)|pound(?:ed|ing))\b"
)
_ANNOUNCE = re.compile(r"(?i)\b(?:announc(?:ed|es)|declar(?:ed|es)|unveil(?:ed|s))\b")
_COMPLETED = re.compile(r"(?i)\b(?:completed|concluded|ended|wrapped\s+up|finished)\b")
_ONGOING = re.compile(r"(?i)\b(?:ongoing|under\s*way|continu(?:es|ing)|is\s+being|are\s+being|still)\b")
_ANAPHOR = re.compile(r"(?i)\b(?:the|this|its|their|his|our|these)\s+(?:[\w-]+\s+){0,3}$")
_INDEFINITE = re.compile(r"(?i)\b(?:a|an|another|new)\s+(?:[\w-]+\s+){0,3}$")
_CLASH_EVENT = re.compile(r"(?i)\b(?:broke\s+out|erupted|flared|ensued|kill(?:ed|ing)|left|launched|carried\s+out)\b")
_MILITANT_WORD = re.compile(r"(?i)\b(?:ISIS|ISIL|IS|Daesh|Islamic\s+State|militants?|jihadists?|the\s+group)\b")
_SEIZE = re.compile(r"(?i)(?:seized|gained|took)\s+control|f[ae]ll(?:s|en)?\s+.*control")
_CLEAR_PURPOSE = re.compile(r"(?i)\s+(?:[\w-]+\s+){0,6}?to\s+(?:clear|clean|cleanse|purge|sweep|comb|search)\b")
_SAFE_DETONATION = re.compile(
    r"(?i)\bcontrolled\s+(?:detonation|explosion)|\bdetonated\s+(?:them\s+)?(?:under\s+control|safely|in\s+a\s+controlled)"
    r"|\b(?:defused|dismantled|disposed\s+of)\b"
    # a remnant of a past war going off is an accident, not an attack
    r"|\b(?:remnants?\s+of\s+war|left\s+(?:over\s+)?from\s+the\s+war|unexploded|war\s+remnants?|old\s+(?:mine|shell))"
)
_RECENT = re.compile(r"(?i)\b(?:recent(?:ly)?|previous(?:ly)?|earlier|past)\s+(?:[\w-]+\s+){0,2}$")
_DETERMINED = re.compile(r"(?i)\b(?:an?|the|this|that|its|their|another|deadly|latest)\s+(?:[\w'’-]+\s+){0,3}$")
_QUANTIFIED = re.compile(
    r"(?i)\b(?:several|many|numerous|regular|frequent|dozens\s+of|hundreds\s+of|some)\s+(?:[\w-]+\s+){0,2}$"
)

# Names: "dubbed: 'X'", "code-named X", "the 'X' operation", "Operation X".
_QUOTE_OPEN = "\"“‘'"
_QUOTE_CLOSE = "\"”’'"
_NAME_PATTERNS = [
    re.compile(
        r"(?<!so-)(?<!so\s)(?i:dubbed|code-?named|named|called|calls|call|titled|known\s+as)\s*:?\s*[\"“‘']([^\"”’']{2,80}?)[,.]?[\"”’']"
    ),
    re.compile(r"(?i:dubbed|code-?named)\s*:?\s*((?:[A-Z][\w'-]*)(?:\s+(?:of|for|the|and|al-)?\s*[A-Z][\w'-]*){0,5})"),
    re.compile(
        r"[\"“‘]([^\"”’]{2,60}?)[,.]?[\"”’]\s+(?:(?:military|security|joint|army|anti-ISIS|large|major)\s+){0,2}"
        r"(?i:operations?|campaign|offensive)"
    ),
    re.compile(r"\bOperation\s+[\"“‘]([^\"”’]{2,60}?)[,.]?[\"”’]"),  # Operation "Swords of Truth"
    re.compile(r"\bOperation\s+((?:[A-Z][\w'-]*)(?:\s+(?:of|for|the|al-)?\s*[A-Z][\w'-]*){0,4})"),
]
_PHASE = re.compile(
    r"(?i)\b((?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|final|last|next|new|\d+(?:st|nd|rd|th))"
    r"\s+(?:phase|stage)|(?:phase|stage)\s+(?:one|two|three|four|five|six|\d+))\b"
)
# A body that only speaks about the event: "X said", "according to X", "told X".
_SPEECH_AFTER = re.compile(
    r"^\W{0,3}(?:[\w'’-]+\s+){0,2}?(?:said|says|told|announced|stated|reported|added|noted|tweeted|confirmed|claimed"
    r"|revealed|denied|explained|stressed)\b"
)
_SPEECH_BEFORE = re.compile(
    r"(?i)(?:according\s+to|told|cited|quoted|statement\s+from|report\s+from|(?:information|intelligence|tip)\s+from)"
    r"\s+(?:the\s+)?$"
)

_FORCE_CATEGORIES = {
    ActorCategory.state_forces,
    ActorCategory.kurdish_forces,
    ActorCategory.paramilitary,
    ActorCategory.coalition,
}
_MILITANT_KINDS = {_K.attack, _K.ambush, _K.bombing}
_OPERATION_LIKE = {_K.operation, _K.clearance}


@dataclass
class _Candidate:
    sentence: Sentence
    kind: OperationKind
    trigger: re.Match[str]
    name: str | None = None
    phase: str | None = None
    status: OperationStatus = OperationStatus.unknown
    by: list[ActorEntry] = field(default_factory=list)
    against: list[ActorEntry] = field(default_factory=list)
    places: list[Mention] = field(default_factory=list)
    date: DatePhrase | None = None
    background: bool = False
    anaphoric: bool = False
    current: bool = False  # dated by a round-up's heading or told as "separately": never the lead's context


@dataclass
class OperationResult:
    """Operations found in an article and, for each, the sentence index (to link claims and casualties)."""

    operations: list[Operation]
    sentence_of: dict[str, list[int]]  # operation id -> indices of sentences that mention it

    def operation_of_sentence(self) -> dict[int, str]:
        """The sentence-to-operation map other extractors read: sentence index -> the first operation it mentions."""
        out: dict[int, str] = {}
        for op_id, indices in self.sentence_of.items():
            for index in indices:
                out.setdefault(index, op_id)
        return out


# All families in one pattern, in rank order: one scan finds the earliest trigger, and at one position the
# first (most specific) family wins ("clearance operation" before "operation").
_ALL_TRIGGERS = re.compile(
    "|".join(f"(?P<t{rank}>{pattern.pattern.removeprefix('(?i)')})" for rank, (_, pattern) in enumerate(_TRIGGERS)),
    re.IGNORECASE,
)


_SHARE_OF_TALLY = re.compile(
    r"(?i)\b(?:many|most|some|all|several|thousands|hundreds|dozens|half|none)\s+of\s+(?:them|whom)\s+"
    r"(?:(?:were|was|had|have|been|being)\s+)*$"
)
_TIME_REFERENCE = re.compile(
    r"(?i)\b(?:after|following|since|before)\s+(?:the|this|that|its|their)\s+(?:[\w-]+\s+){0,2}$"
)


def _find_trigger(text: str, blocked: list[tuple[int, int]] = ()) -> tuple[OperationKind, re.Match[str]] | None:  # type: ignore[assignment]
    """The earliest event trigger in ``text`` ("intensified operations ..., killing 100 in a series of
    airstrikes" is an operation); ``blocked`` spans (names of bodies such as "Joint Operations Command" or
    "Operation Inherent Resolve") never trigger."""
    for match in _ALL_TRIGGERS.finditer(text):
        if any(s <= match.start() and match.end() <= e for s, e in blocked):
            continue  # inside a body's name; a trigger running past one ("Iraqi F-16s struck") still counts
        if _TIME_REFERENCE.search(text, max(0, match.start() - 40), match.start()):
            continue  # "Hours after the attack, the SDF launched a raid": the attack only dates the raid
        kind = _TRIGGERS[int((match.lastgroup or "t0")[1:])][0]
        if _is_event_trigger(kind, match, text):
            return kind, match
    return None


def _is_event_trigger(kind: OperationKind, match: re.Match[str], text: str) -> bool:
    """Filter out trend words, habitual frames and non-event uses of a trigger word."""
    word = match.group(0).lower()
    before = text[: match.start()]
    if re.match(r"(?i)strike|arrests?\s", word) and not re.search(r"(?i)\bthe\s+$", before):
        return False  # only "the strike killed", "the arrest of" tell the event; "a strike" needs "air"
    if _SHARE_OF_TALLY.search(before):
        return False  # "holds 20,000 prisoners, many of them arrested after 2017": a tally, not an event
    if word.endswith("s") and _QUANTIFIED.search(before):
        return False  # "have launched several raids": a record of activity, not one event
    # plural attacks are a trend; plural clashes or raids with an event verb are one event
    if (
        kind in _MILITANT_KINDS | {_K.clash, _K.raid}
        and _PLURAL_ATTACK.fullmatch(word)
        and not (kind in (_K.clash, _K.raid) and _CLASH_EVENT.search(text) and not _GENERIC.search(text))
    ):
        return False
    if kind in _MILITANT_KINDS and _GENERIC.search(text):
        return False
    # "a bold offensive" is an event; "offensive" as an adjective ("offensive remarks") is not
    if (
        kind == _K.attack
        and word == "offensive"
        and re.match(r"\s+(?:against|on)\b", text[match.end() :]) is None
        and not re.search(r"(?i)\b(?:an?|the|its|their)\s+(?:[\w-]+\s+){0,2}$", before)
    ):
        return False
    if kind in (_K.airstrike, _K.raid) and word.endswith("s") and not _EVENT_VERB.search(text):
        return False  # "operations, including airstrikes, have weakened ISIS": a trend, not an event
    if kind == _K.raid and word == "raid" and re.search(r"(?i)\bair\s*$", before):
        return False
    if kind == _K.bombing and _SAFE_DETONATION.search(text[max(0, match.start() - 60) : match.end() + 40]):
        return False  # seized devices "detonated under control" by engineers: disposal, not a bombing
    if kind == _K.operation and re.match(r"(?i)f[ae]ll", word) and not _MILITANT_WORD.search(word):
        return False  # "fell under government control" is told through the forces' verbs instead
    if kind == _K.operation and not re.match(r"(?i)operation|campaign|offensive", word):
        return True  # a verb of taking ground ("retook", "seized control") is itself the event
    if kind == _K.operation:
        if re.match(r"\s+(?:rooms?|centres?|centers?|command)\b", text[match.end() :], re.IGNORECASE):
            return False  # "operations room", "Joint Operations Command" are bodies, not events
        if re.search(r"(?i)\b(?:joint|combined)\s*$", before) and re.match(r"\s*Command", text[match.end() :]):
            return False
        plural = word.endswith("s")
        has_verb = bool(_LAUNCH.search(text) or _PLANNED.search(text))
        named = any(p.search(text) for p in _NAME_PATTERNS)
        if plural and (not has_verb or _QUANTIFIED.search(before)):
            return False
        if not plural and not (has_verb or named or _ANAPHOR.search(before) or _INDEFINITE.search(before)):
            return False
    # the noun counts as one event only when determined: "an ISIS attack on", "a Thursday attack", "the attack"
    return not (
        kind == _K.attack and word.startswith("attack") and not word.endswith("ed") and not _DETERMINED.search(before)
    )


def _name_of(text: str, doc_actor_aliases: frozenset[str]) -> str | None:
    for pattern in _NAME_PATTERNS:
        for match in pattern.finditer(text):
            name = match.group(1).strip(" ,.:;\u00a0")
            if not name or name.casefold() in doc_actor_aliases:
                continue  # "Operation Inherent Resolve" names the coalition, not an event here
            if pattern is _NAME_PATTERNS[-1] and f"Operation {name}".casefold() in doc_actor_aliases:
                continue
            return name
    return None


def _status_of(text: str, kind: OperationKind) -> OperationStatus:
    if _PLANNED.search(text):
        return OperationStatus.announced if _ANNOUNCE.search(text) else OperationStatus.planned
    if _COMPLETED.search(text):
        return OperationStatus.completed
    if _ONGOING.search(text):
        return OperationStatus.ongoing
    if _LAUNCH.search(text):
        return OperationStatus.launched
    return OperationStatus.completed if kind not in _OPERATION_LIKE else OperationStatus.unknown


def _speaker_only(doc: Document, mention: Mention, sentence: Sentence) -> bool:
    """True when the mention is the source of a statement rather than a participant."""
    after = doc.text[mention.end : sentence.end]
    before = doc.text[sentence.start : mention.start]
    if _SPEECH_BEFORE.search(before):
        return True
    entry = mention.entry
    return bool(
        isinstance(entry, ActorEntry) and entry.category == ActorCategory.government and _SPEECH_AFTER.match(after)
    )


def _unique(entries: list[ActorEntry]) -> list[ActorEntry]:
    seen: dict[str, ActorEntry] = {}
    for entry in entries:
        seen.setdefault(entry.canonical, entry)
    return list(seen.values())


def _category(mention: Mention) -> ActorCategory | None:
    """The actor category of a gazetteer mention (None for a place)."""
    entry = mention.entry
    return entry.category if isinstance(entry, ActorEntry) else None


def _sides(
    doc: Document, sentence: Sentence, kind: OperationKind, trigger_at: int, end: int
) -> tuple[list[ActorEntry], list[ActorEntry]]:
    mentions = [m for m in doc.actors_in(sentence.start, end) if not _speaker_only(doc, m, sentence)]
    # "the Joint Operations Command said Iraqi warplanes struck": a force that reports another's act only speaks
    mentions = [
        m
        for m in mentions
        if not (
            m.start < trigger_at
            and _SPEECH_AFTER.match(doc.text[m.end : sentence.end])
            and any(o.start > m.end and o.start < trigger_at and _category(o) in _FORCE_CATEGORIES for o in mentions)
        )
    ]
    militants = [m.entry for m in mentions if _category(m) == ActorCategory.militant_group]
    forces = [m for m in mentions if _category(m) in _FORCE_CATEGORIES]
    civilians = [m for m in mentions if _category(m) == ActorCategory.civilians]
    if kind in _MILITANT_KINDS:
        hit = [m.entry for m in sorted(forces + civilians, key=lambda m: m.start)]
        return _unique(militants), _unique(hit)  # type: ignore[arg-type]
    return _unique([m.entry for m in forces]), _unique(militants)  # type: ignore[misc, arg-type]


_SCOPE_END = re.compile(
    r"(?i)\b(?:follows?|following|amid|(?<!shortly\s)(?<!just\s)(?<!soon\s)after(?!\s+(?:midnight|dawn|noon|sunset|sunrise"
    r"|nightfall|dusk|dark|\d))|since|as\s+(?:the|a)|(?<!in\s)which|who|while|whereas)\b|;|\s[-–—]\s|[\"”]\s*,"
)


def _scope_end(doc: Document, sentence: Sentence, trigger_end: int) -> int:
    """Where the trigger's clause ends: places and targets named after it belong to another event."""
    match = _SCOPE_END.search(doc.text, trigger_end, sentence.end)
    return match.start() if match else sentence.end


_ROUTE_BETWEEN = re.compile(
    r"(?i)\b(?:road|highway|route|stretch|area|villages?|towns?|border)\s+between\s+(?:\S+\s+){0,3}?(?:and\s+)?(?:the\s+)?$"
)
# "on the road to Tuz Khurmatu": the place a road leads to is a direction, not where the event happened
_ROAD_TO = re.compile(r"(?i)\b(?:road|highway|route|way)\s+(?:to|towards|from)\s+(?:the\s+)?$")
_REFERENCE = re.compile(
    r"(?i)\b(?:north|south|east|west|northeast|northwest|southeast|southwest|north-east|north-west|south-east"
    r"|south-west)(?:ern)?\s+of\s+(?:the\s+)?(?:[\w-]+\s+){0,2}$"
)


def _places(doc: Document, sentence: Sentence, end: int | None = None) -> list[Mention]:
    found = doc.places_in(sentence.start, end or sentence.end)
    # "disputed between Erbil and Baghdad": the two governments, not where the event happened
    # a dateline ("ERBIL, Kurdistan Region - ...") says where the story was filed, not where it happened
    dateline = DATELINE.match(sentence.text) if sentence.line_start else None
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
    # "near Abu Saida, northeast of Baqubah", "12 km east of Tikrit": a town named to locate the event is no
    # event place when the event has a place of its own
    own = [m for m in found if not _REFERENCE.search(doc.text[max(0, m.start - 40) : m.start])]
    # "Iraq's ministry said jets struck positions west of Mosul": a town that locates the event says more
    # than a country named in passing
    if all(isinstance(m.entry, PlaceEntry) and m.entry.kind in ("country", "region") for m in own):
        own = [m for m in found if m not in own] or own
    found = own or found
    specific = [m for m in found if isinstance(m.entry, PlaceEntry) and m.entry.kind not in ("country", "region")]
    chosen = specific or _regions_over_countries(found)
    seen: dict[str, Mention] = {}
    for m in chosen:
        seen.setdefault(m.entry.canonical, m)
    return list(seen.values())


def _regions_over_countries(found: list[Mention]) -> list[Mention]:
    """Drop a country when a region inside it is named too ("Egypt launched an operation in Sinai")."""
    inner = {m.entry.country for m in found if isinstance(m.entry, PlaceEntry) and m.entry.kind != "country"}
    return [
        m
        for m in found
        if not (isinstance(m.entry, PlaceEntry) and m.entry.kind == "country" and m.entry.country in inner)
    ]


def _date(doc: Document, sentence: Sentence, trigger_at: int, end: int) -> DatePhrase | None:
    """The date phrase nearest the trigger within its clause, passing over the date of a statement
    ("told X on Tuesday")."""
    best: tuple[int, DatePhrase] | None = None
    dateline = DATELINE.match(sentence.text) if sentence.line_start else None
    for phrase in find_dates(doc.text, sentence.start, max(end, min(sentence.end, trigger_at + 1))):
        if dateline and phrase.start < sentence.start + dateline.end():
            continue  # "EL-ARISH, Egypt, July 11 (Wire) -": the day the story was filed
        lead = doc.text[max(sentence.start, phrase.start - 40) : phrase.start]
        speech = bool(
            re.search(
                r"(?i)\b(?:said|says|told\s+[\w ]+?|announced|statement|tweeted|reported)\s*"
                r"(?:in\s+a\s+\w+\s+)?(?:on\s+)?$",
                lead,
            )
        )
        if speech:
            continue  # the day a statement was made, not the day of the event
        distance = abs(phrase.start - trigger_at)
        if best is None or distance < best[0]:
            best = (distance, phrase)
    return best[1] if best else None


# A trigger that is a verb ("its forces destroyed 14 hideouts", "their jets struck") tells a new act; only a noun
# ("the raid", "their operation") can refer back to one already told.
_VERB_TRIGGER = re.compile(
    r"(?i)\b(?:\w+ed|swept|struck|hit|stormed|overran|took|seized|destroy|opened|fired|shot|gunned|f[ae]ll(?:s|en)?"
    r"|retaken|retook|caught|rounded)\b"
)
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


_PASSIVE_VICTIM = re.compile(
    r"(?i)\b(?:was|were|been|being)\s+(?:\w+ly\s+)?(?:killed|arrested|captured|detained|wounded|neutrali[sz]ed)\b"
)


_SUBCLAUSE = re.compile(r"(?i)\b(?:when|as|after|while|where|because)\b")


def _militant_subject(doc: Document, clause: Sentence, trigger_at: int) -> bool:
    """The actors named before the trigger are militants only ("Islamic State militants stormed ...")."""
    # "three soldiers were killed when militants stormed a checkpoint": the clause holding the trigger
    start = clause.start
    for cut in _SUBCLAUSE.finditer(doc.text, clause.start, trigger_at):
        start = cut.end()
    before = [m for m in doc.actors_in(start, trigger_at) if not _speaker_only(doc, m, clause)]
    categories = {m.entry.category for m in before}  # type: ignore[union-attr]
    if _PASSIVE_VICTIM.search(doc.text, start, trigger_at):
        return False  # "two militants were killed in a raid by the CTS": the militants are its targets
    return ActorCategory.militant_group in categories and not categories & _FORCE_CATEGORIES


_DETERMINER = re.compile(r"(?i)\b(?:the|this|its|their|his|our|these|a|an|another|new)\b")


def _last_determiner_definite(before: str) -> bool:
    """The determiner nearest the trigger is definite: "a statement that the strike killed" refers back."""
    found = _DETERMINER.findall(before[-60:])
    return bool(found) and found[-1].lower() not in ("a", "an", "another", "new")


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
    if kind == _K.raid and _militant_subject(doc, clause, trigger_at):
        kind = _K.attack  # "militants stormed a checkpoint": a militant attack, not a raid
        by, against = _sides(doc, clause, kind, trigger_at, scope)
    if kind == _K.operation and _CLEAR_PURPOSE.match(text, match.end()):
        kind = _K.clearance  # "an operation to clear out remnants": a clearance operation
    before = text[: match.start()]
    return _Candidate(
        sentence=sentence,
        kind=kind,
        trigger=match,
        name=name,
        phase=phase_match.group(1) if phase_match else None,
        status=_status_of(text[: scope - clause.start], kind),
        by=by,
        against=against,
        places=_places(doc, clause, scope),
        date=date,
        background=bool(date and is_historical(date, published_year)) or bool(_RECENT.search(before) and not date),
        anaphoric=bool(_ANAPHOR.search(before))
        and _last_determiner_definite(before)
        and name is None
        and not secondary
        and not _VERB_TRIGGER.search(match.group(0)),
    )


def _same_name(a: str, b: str) -> bool:
    return fuzz.partial_ratio(a.casefold(), b.casefold()) >= 85 or fuzz.token_set_ratio(a, b) >= 85


def _compatible(a: OperationKind, b: OperationKind) -> bool:
    """Kinds one definite mention can refer back to: "the attack" after an ambush, "the campaign" after an operation."""
    if b == _K.operation and a not in _MILITANT_KINDS and a != _K.clash:
        return True  # "the operation" after a raid, an airstrike or an arrest sweep names that action
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
            cand.background = day < lead_day
        elif _day_of(cand) and _day_of(cand) != _day_of(lead):
            cand.background = True


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


# Bodies that name every national force at once: an operation by "security forces" can be the army's.
_UMBRELLA = frozenset({"Iraqi Security Forces"})


_START = re.compile(
    r"(?i)\b(?:launch(?:ed|es)?|beg[au]n|start(?:ed|s)|initiat(?:ed|es)|kick(?:ed|s)\s+off|commenc(?:ed|es))\b"
)


def _same_force(a: set[str], b: set[str]) -> bool:
    """Two sets of forces that can be one operation's: one shared, or an umbrella body on either side."""
    return bool(a & b or (a | b) & _UMBRELLA)


def _retold(items: list[_Candidate], cand: _Candidate) -> int | None:
    """An event told with neither a day nor a place of its own retells the story's current event of its side:
    "... when 'terrorist cells' attacked the post" after the lead attack, "troops returned fire" (a clash in
    that attack), "the forces arrested four suspects" or "a partnered operation" during an operation."""
    if _own_date(cand) is not None or cand.places or cand.name or cand.background:
        return None
    before = cand.sentence.text[: cand.trigger.start()] if cand.trigger.string is cand.sentence.text else ""
    if cand.kind == _K.operation and _INDEFINITE.search(before) and _START.search(cand.sentence.text):
        return None  # "a joint force has launched a search operation": a new operation, not one retold
    militant_side = cand.kind in _MILITANT_KINDS or cand.kind == _K.clash
    if not militant_side and cand.kind not in (_K.arrest, _K.operation):
        return None  # an airstrike, a raid or a clearance told on its own is an event of its own
    for i in range(len(items) - 1, -1, -1):
        item = items[i]
        if item.background or (item.kind in _MILITANT_KINDS) != militant_side or item.kind == _K.clash:
            continue
        if item.status in (OperationStatus.planned, OperationStatus.announced):
            continue  # what forces did is not the operation they said they will launch
        if (
            not militant_side
            and cand.by
            and item.by
            and not _same_force({e.canonical for e in cand.by}, {e.canonical for e in item.by})
        ):
            continue  # another force's operation
        return i
    return None


def _merge_target(
    items: list[_Candidate], cand: _Candidate, sentence: Sentence, published: dt.date | None = None
) -> int | None:
    """The earlier item ``cand`` mentions again, if any (see the module docstring)."""
    same = next((i for i, it in enumerate(items) if _same_incident(it, cand, published)), None)
    if same is not None:
        return same
    retold = _retold(items, cand)
    if retold is not None:
        return retold
    if cand.name:
        target = next((i for i, it in enumerate(items) if it.name and _same_name(it.name, cand.name)), None)
        before = sentence.text[: cand.trigger.start()] if cand.trigger.string is sentence.text else ""
        if target is None and re.search(r"(?i)\b(?:the|this)\s+$", before):
            # "The operation, dubbed 'X', ..." names the operation just introduced
            target = next(
                (
                    i
                    for i in reversed(range(len(items)))
                    if _compatible(items[i].kind, _K.operation) and items[i].name is None and not items[i].background
                ),
                None,
            )
        return target
    if cand.anaphoric:
        # "the attack" means the story's own event rather than an earlier one recalled as context
        order = [i for i in range(len(items) - 1, -1, -1) if _compatible(items[i].kind, cand.kind)]
        current = [i for i in order if not items[i].background]
        return next(iter(current or order), None) if not cand.background else next(iter(order), None)
    return None


_DURING_OPERATION = re.compile(
    r"(?i)\b(?:during|in\s+the\s+course\s+of)\s+(?:a|an|the|this)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:search|raid|operation|sweep|campaign|inspection)\b"
)


def _own_date(cand: _Candidate) -> DatePhrase | None:
    """The item's date unless it only comes from a live page's post stamp (which dates every post alike) or is
    a running tally's deadline ("detained by Wednesday evening")."""
    date = cand.date
    if date is None or POST_STAMP.match(date.phrase + " - ") or date.phrase.lower().startswith("by "):
        return None
    return date


def _bare(cand: _Candidate) -> bool:
    """An operation told with nothing of its own: no name, actor, place or date ("A security operation is
    continuing in the orchards")."""
    return cand.kind in _OPERATION_LIKE and not (cand.name or cand.by or cand.against or cand.places or _own_date(cand))


def _fold_retold(items: list[_Candidate], sentences_of: list[list[int]]) -> None:
    """Fold into the story's state action (a) a bare operation, which retells it (a summary told before the
    detail, as a live page does) and (b) a militant act told as happening "during a house search": an
    incident of that operation, not an attack of its own."""
    state = [i for i, c in enumerate(items) if not c.background and c.kind not in _MILITANT_KINDS | {_K.clash}]
    for i in range(len(items) - 1, -1, -1):
        cand = items[i]
        if cand.background:
            continue
        during = cand.kind in _MILITANT_KINDS and _DURING_OPERATION.search(cand.sentence.text)
        if not (_bare(cand) or during):
            continue
        others = [j for j in state if j != i and not _bare(items[j])]
        if not others:
            continue
        target = next((j for j in others if items[j].kind in _OPERATION_LIKE), others[0])
        if not during:
            _merge(items[target], cand)
        sentences_of[target] = sorted(set(sentences_of[target] + sentences_of[i]))
        del items[i], sentences_of[i]
        state = [j if j < i else j - 1 for j in state if j != i]


def _story_militants(doc: Document) -> ActorEntry | None:
    """The militant group the story names most (the first on a tie), or None."""
    found = [m.entry for m in doc.actors_in(0, len(doc.text)) if m.entry.category == ActorCategory.militant_group]  # type: ignore[union-attr]
    if not found:
        return None
    names = [e.canonical for e in found]
    best = max(names, key=lambda n: (names.count(n), -names.index(n)))
    return found[names.index(best)]  # type: ignore[return-value]


@cache
def _actor_aliases() -> frozenset[str]:
    """Every actor alias, case-folded: a quoted or "Operation X" name that is one names a body, not an event."""
    from summarizer.gazetteer import default_gazetteer

    return frozenset(a.casefold() for entry in default_gazetteer().actors for a in (entry.canonical, *entry.aliases))


_SEQUENCE = re.compile(r"(?i)following|before|later|earlier|ago|yesterday|week|month|year")
_SEPARATE = re.compile(
    r"(?i)^\W*(?:separately|elsewhere|in\s+(?:a|another)\s+separate\s+\w+|in\s+another\s+incident)\b"
)


@dataclass
class _Heading:
    """A round-up's day heading ("Tuesday", "Monday — Sinjar."): it dates and places what follows it."""

    date: DatePhrase | None
    places: list[Mention]


def _heading(doc: Document, sentence: Sentence) -> _Heading | None:
    """A day heading, or a section heading that names a place ("Kirkuk - INNS" in a news agency's bulletin):
    each section of a round-up is news of its own, not context of the first one."""
    if not sentence.line_start:
        return None
    match = WEEKDAY_HEADING.match(sentence.text)
    if match is None:
        if not sentence.line_end or re.search(r"[.!?\"”]$", sentence.text) or len(sentence.text) > 80:
            return None
        places = doc.places_in(sentence.start, sentence.end)
        rest = doc.text[sentence.start : sentence.end]
        for m in places:
            rest = rest.replace(m.text, " ")
        # the line is little more than a place ("Kirkuk - INNS"), not a headline that names one
        return _Heading(None, places) if places and len(re.findall(r"\w+", rest)) <= 2 else None
    day = DatePhrase(sentence.start + match.start("day"), sentence.start + match.end("day"), match["day"], "day")
    return _Heading(day, doc.places_in(sentence.start, sentence.end))


def _post_stamp(sentence: Sentence) -> _Heading | None:
    """A live page's post stamp ("17:40 - ..."): the post is news of the day of publication."""
    match = POST_STAMP.match(sentence.text) if sentence.line_start else None
    if match is None:
        return None
    start = sentence.start + match.start("stamp")
    return _Heading(DatePhrase(start, start + len(match["stamp"]), match["stamp"], "relative"), [])


def _apply_heading(cand: _Candidate, heading: _Heading) -> None:
    """An event under a day heading happened that day unless it names a day of its own ("overnight" does not;
    "the following day" does)."""
    if heading.date is None:
        pass
    elif cand.date is None or (cand.date.kind == "relative" and not _SEQUENCE.search(cand.date.phrase)):
        cand.date = heading.date
    elif cand.date.kind not in ("day", "relative"):
        return  # "in March": an earlier event recalled under the heading
    if not cand.places:
        cand.places = list(heading.places)
    cand.current = True


def extract_operations(
    doc: Document, published_year: int | None = None, published: dt.date | None = None
) -> OperationResult:
    """Find the operations and attacks in ``doc`` (ids ``op1``, ``op2``... in order of first mention).

    ``published`` (the publication date) lets a follow-up dated after the lead event stay news rather
    than context (see :func:`_mark_context`).
    """
    aliases = _actor_aliases()
    items: list[_Candidate] = []
    sentences_of: list[list[int]] = []
    heading: _Heading | None = None
    for index, sentence in enumerate(doc.sentences):
        found_heading = _heading(doc, sentence)
        if found_heading is not None:
            heading = found_heading
            continue
        heading = _post_stamp(sentence) or heading
        if sentence.line_start and sentence.line_end and not re.search(r"[.!?\"”]$", sentence.text):
            heading = None  # another section ("The week's total") ends the day's incidents
            continue  # a headline or section header: it repeats the body
        for cand in _candidates(doc, sentence, aliases, published_year):
            if heading is not None and not cand.background:
                _apply_heading(cand, heading)
            if _SEPARATE.match(sentence.text):
                cand.current = True
            target = _merge_target(items, cand, sentence, published)
            if target is not None:
                _merge(items[target], cand)
                if index not in sentences_of[target]:
                    sentences_of[target].append(index)
                continue
            items.append(cand)
            sentences_of.append([index])
    _fold_retold(items, sentences_of)
    _mark_context(items, published)
    militants = _story_militants(doc)
    for cand in items:
        state_side = all(e.category != ActorCategory.militant_group for e in cand.by)
        if militants is not None and cand.by and state_side and not cand.against and cand.kind not in _MILITANT_KINDS:
            cand.against = [militants]  # forces "pounded suspected hideouts": the story's militant group
    operations: list[Operation] = []
    mapping: dict[str, list[int]] = {}
    for n, (cand, where) in enumerate(zip(items, sentences_of, strict=True), start=1):
        quote, start, end = doc.quote(cand.sentence.start, cand.sentence.end)
        op_id = f"op{n}"
        operations.append(
            Operation(
                id=op_id,
                name=cand.name,
                phase=cand.phase,
                kind=cand.kind,
                status=cand.status,
                by=[_actor(e) for e in cand.by],
                against=[_actor(e) for e in cand.against],
                places=[_place(doc, m) for m in _specific_places(cand.places, doc.text)],
                date=EventDate(phrase=cand.date.phrase) if cand.date else None,
                summary=_summary(cand),
                background=cand.background,
                evidence=Evidence(quote=quote, start=start, end=end, alignment=Alignment.exact),
            )
        )
        mapping[op_id] = where
    return OperationResult(operations, mapping)
