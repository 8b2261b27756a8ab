"""Operations: reading one sentence: its trigger, name, status, sides, places and date phrase, as a candidate."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence

from summarizer import lexicon
from summarizer.backends.rules.dates import PERIOD_TALLY, POST_STAMP, DatePhrase, find_dates
from summarizer.backends.rules.operations.patterns import (
    _ALL_TRIGGERS,
    _ANAPHOR,
    _ANNOUNCE,
    _CLASH_EVENT,
    _COMPLETED,
    _DETERMINED,
    _EVENT_VERB,
    _FORCE_CATEGORIES,
    _GENERIC,
    _INDEFINITE,
    _K,
    _LAUNCH,
    _LAUNCHED_BEFORE,
    _MILITANT_KINDS,
    _MILITANT_WORD,
    _NAME_PATTERNS,
    _ONGOING,
    _OPERATION_LIKE,
    _PLANNED,
    _PLURAL_ATTACK,
    _QUANTIFIED,
    _SAFE_DETONATION,
    _SHARE_OF_TALLY,
    _SPEECH_AFTER,
    _SPEECH_BEFORE,
    _TIME_REFERENCE,
    _TRIGGERS,
    ATTACKERS_TOLD,
    CAPABLE_OF,
    FORCES_ACTED,
    FORCES_ON_CIVILIANS,
    FORCES_TOLD,
    KILLERS_TOLD,
    NAMING_WORDS,
    _Candidate,
)
from summarizer.backends.rules.operations.places import _dateline
from summarizer.backends.rules.sentences import Document
from summarizer.caseless import Caseless, Hinted
from summarizer.gazetteer import ActorEntry, Mention, national_weapon
from summarizer.models import (
    ActorCategory,
    OperationKind,
    OperationStatus,
)
from summarizer.sentences import Sentence
from summarizer.world import world

# a running tally opening with its period: "Since 1 January 2025, 241 Maoists have been neutralised", "So far this
# year, 914 suspects have been arrested"
_RUNNING_TALLY = re.compile(
    r"(?i)\s*(?:since|so\s+far\s+(?:this|in)|(?:in|over)\s+the\s+(?:first|past|last))\b[^,;]{1,40},\s+"
    r"(?:[\w-]+\s+){0,3}?(?:\d[\d,]*|dozens|hundreds|thousands)\s+(?:[\w-]+\s+){0,3}?(?:have|has)\s+been\b"
)


_DURING = re.compile(r"(?i)\b(?:during|in)\s+(?:an?|the|their|its)\s+(?:[\w-]+\s+){0,2}$")
# fighting the outlet itself calls a clash stays one: "troops neutralised four militants in a clash in Butig"
_CLASH_NAMED = re.compile(r"(?i)clash|skirmish")
# the largest case-insensitive patterns, run over every sentence: their case-sensitive twins over the lower-cased
# text find the same matches faster (see summarizer.caseless)
_FAST_TRIGGERS = Caseless(_ALL_TRIGGERS)
_FAST_ATTACKERS_TOLD = Caseless(ATTACKERS_TOLD)
_FAST_FORCES_TOLD = Caseless(FORCES_TOLD)
_FAST_PERIOD_TALLY = Caseless(PERIOD_TALLY)
_FAST_FORCES_ON_CIVILIANS = Caseless(FORCES_ON_CIVILIANS)
_FAST_KILLERS_TOLD = Caseless(KILLERS_TOLD)
_FAST_FORCES_ACTED = Caseless(FORCES_ACTED)
_FAST_LAUNCH = Caseless(_LAUNCH)
_FAST_PLANNED = Caseless(_PLANNED)
_FAST_COMPLETED = Caseless(_COMPLETED)
_FAST_ONGOING = Caseless(_ONGOING)
_FAST_SPEECH_BEFORE = Caseless(_SPEECH_BEFORE)
_FAST_GENERIC = Caseless(_GENERIC)
_FAST_SHARE_OF_TALLY = Caseless(_SHARE_OF_TALLY)
_FAST_QUANTIFIED = Caseless(_QUANTIFIED)
_FAST_DETERMINED = Caseless(_DETERMINED)
_FAST_EVENT_VERB = Caseless(_EVENT_VERB)
_FAST_CLASH_EVENT = Caseless(_CLASH_EVENT)
# the name patterns are case-sensitive in places (capitalised names): tried only where their twins say they may
# match; the first one's twin is its naming words alone (the pattern is not after "so-", as written)
_NAME_SCANS = [Hinted(_NAME_PATTERNS[0], NAMING_WORDS), *(Hinted(p) for p in _NAME_PATTERNS[1:])]


def _find_trigger(text: str, blocked: list[tuple[int, int]] = ()) -> tuple[OperationKind, re.Match[str]] | None:  # type: ignore[assignment]
    """The earliest event trigger in ``text`` ("intensified operations ..., killing 100 in a series of
    airstrikes" is an operation); ``blocked`` spans (names of bodies such as "Joint Operations Command" or
    "Operation Inherent Resolve") never trigger."""
    if _RUNNING_TALLY.match(text):
        return None  # "Since 1 January, 241 Maoists have been neutralised, 914 arrested": a tally, not an event
    found = _first_trigger(text, blocked)
    if found is not None and _counted_over_period(text, *found):
        return None  # "since 1 January, troops have neutralised 214 terrorists": a period's tally, not an event
    if found is not None and found[0] == OperationKind.arrest and _NO_ARREST_YET.search(text, 0, found[1].start()):
        return None  # "a reward for information leading to the arrest of", "release those detained": none made here
    return found


# an arrest asked for, offered for or undone, not made: "leading to the arrest of", "a warrant for the arrest of",
# "called for the arrest of", "to release those detained"
_NO_ARREST_YET = re.compile(
    r"(?i)\b(?:leading\s+to|warrants?\s+for|call(?:s|ed|ing)?\s+for|demand(?:s|ed|ing)?|seek(?:s|ing)?|sought"
    r"|release|releasing|released|free|freeing)\s+(?:of\s+)?(?:the|those|all|their)?\s*(?:[\w-]+\s+)?$"
)


# a trigger that counts many events ("killed in IED attacks", "the arrest of 150 people in operations")
_PLURAL_TRIGGER = re.compile(
    r"(?i)(?:attacks|strikes|raids|operations|bombings|ambushes|arrests?(?:\s+of)?|fighting|clashes|encounters"
    r"|gunfights|firefights|battles|skirmishes|incidents|settlements|villages|localities)$"
)
# people killed in plural events, or plural events that killed people, in a period's tally ("have been killed in
# clashes in Bandarban since then", "attacks claimed by the group killed 112 civilians in 2025")
_EVENTS = (
    r"(?:attacks|airstrikes|air\s+strikes|drone\s+strikes|raids|bombings|ambushes|clashes|encounters|gunfights"
    r"|firefights|battles|skirmishes)"
)
_PLURAL_EVENTS = re.compile(
    rf"(?i)\b(?:(?:killed|died|dead|wounded|injured)\s+(?:in|during)\s+(?:[a-z-]+\s+){{0,2}}{_EVENTS}"
    rf"|{_EVENTS}\s+(?:claimed\s+by|carried\s+out\s+by|attributed\s+to)\s+(?:[\w-]+\s+){{1,4}}?(?:killed|left))\b"
)


def _counted_over_period(text: str, kind: OperationKind, match: re.Match[str]) -> bool:
    """The trigger tells a tally over a period ("since the beginning of 2026, the army has killed 27 smugglers",
    "at least 30 officers were killed in IED attacks in 2025"), not one event: the forces' outcomes or a plural
    event word, beside a period (:data:`summarizer.backends.rules.dates.PERIOD_TALLY`)."""
    if not _FAST_PERIOD_TALLY.search(text) or _SUPERLATIVE_SINCE.search(text):
        return False  # "the most serious fighting since January, when clashes ...": a comparison, no tally
    told = match.re in (FORCES_TOLD, _FAST_FORCES_TOLD.lowered)
    # the trigger or the word after it ("IED attacks", "roadside bomb attacks")
    after = _NEXT_WORD.match(text, match.end())
    words = (match.group(0), match.group(0) + after.group(0)) if after else (match.group(0),)
    return told or any(_PLURAL_TRIGGER.search(w) for w in words) or _PLURAL_EVENTS.search(text) is not None


_SUPERLATIVE_SINCE = re.compile(
    r"(?i)\b(?:most\s+[a-z]+|deadliest|worst|bloodiest|biggest|largest|heaviest|fiercest|first)\b[^.;]{0,60}?\bsince\b"
)
_NEXT_WORD = re.compile(r"(?:\s+\d[\d,]*)?\s+[\w-]+")  # "attacked 16 settlements": the count read through


def _first_trigger(text: str, blocked: list[tuple[int, int]]) -> tuple[OperationKind, re.Match[str]] | None:
    """The earliest event trigger (see :func:`_find_trigger`)."""
    lowered = Caseless.lower(text)  # the scans read the lower-cased text once
    told = _FAST_ATTACKERS_TOLD.search(text, lowered)
    tally = _FAST_FORCES_TOLD.search(text, lowered)
    killers = _FAST_KILLERS_TOLD.search(text, lowered)
    on_civilians = _FAST_FORCES_ON_CIVILIANS.search(text, lowered)
    dated_only: tuple[OperationKind, re.Match[str]] | None = None
    for match in _FAST_TRIGGERS.finditer(text, lowered):
        if told is not None and told.start() <= match.start() < told.end():
            return _K.attack, told  # "separatist fighters stormed a checkpoint": the fighters' attack, not a raid
        if on_civilians is not None and on_civilians.start() <= match.start() < on_civilians.end():
            return _K.attack, on_civilians  # "troops and militia shot dead nine villagers": the force's killing
        if killers is not None and killers.start() < match.start() and not _FAST_GENERIC.search(text):
            return _K.attack, killers  # "gang members killed 115 people in X, the deadliest massacre": the killing
        kind = _TRIGGERS[int((match.lastgroup or "t0")[1:])][0]
        after_tally = tally is not None and tally.end() <= match.start()
        if after_tally and kind == _K.attack and _DURING.search(text, 0, match.start()):
            return _K.raid, match  # "troops neutralised seven rebels ... during an assault on a rebel camp": their raid
        outcome_first = kind == _K.arrest or (kind == _K.clash and not _CLASH_NAMED.match(match.group(0)))
        if tally is not None and after_tally and outcome_first:
            # "troops neutralised 19 terrorists, arrested 27 ...", "forces neutralised seven rebels in a firefight":
            # the forces' operation, told through its outcome
            return _K.operation, tally
        if any(s <= match.start() and match.end() <= e for s, e in blocked):
            continue  # inside a body's name; a trigger running past one ("Iraqi F-16s struck") still counts
        if _TIME_REFERENCE.search(text, max(0, match.start() - 40), match.start()):
            if kind == _K.clash and dated_only is None and _is_event_trigger(kind, match, text):
                dated_only = (kind, match)  # "since the army began fighting the militia": the war's start, if alone
            continue  # "Hours after the attack, the SDF launched a raid": the attack only dates the raid
        if _is_event_trigger(kind, match, text):
            return kind, match
    # no trigger word: the attackers', the killers' or the forces' deed is the event, unless the sentence is generic
    if _FAST_GENERIC.search(text):
        return dated_only
    fallbacks: tuple[tuple[re.Match[str] | None, Callable[[], Iterator[re.Match[str]]], OperationKind], ...] = (
        (told, lambda: _FAST_ATTACKERS_TOLD.finditer(text, lowered), _K.attack),
        (killers, lambda: _FAST_KILLERS_TOLD.finditer(text, lowered), _K.attack),
        (on_civilians, lambda: _FAST_FORCES_ON_CIVILIANS.finditer(text, lowered), _K.attack),
        (tally, lambda: _FAST_FORCES_TOLD.finditer(text, lowered), _K.operation),
        (_FAST_FORCES_ACTED.search(text, lowered), lambda: _FAST_FORCES_ACTED.finditer(text, lowered), _K.operation),
    )
    for first, matches, kind in fallbacks:
        if first is None:
            continue
        for match in matches():
            if not any(s <= match.start() and match.end() <= e for s, e in blocked):
                return kind, match
    return dated_only


_SEIZED_BEFORE = re.compile(
    r"(?i)\b(?:recovered|seized|confiscated|recovery\s+of|cache\s+of|found\s+(?:with|in\s+(?:his|their)\s+possession))"
    r"\b[^.;]{0,80}$"
)
_NEGATED = re.compile(
    r"(?i)\b(?:made\s+no\s+mention\s+of|no\s+mention\s+of|did\s+not\s+(?:mention|report|confirm)|denied\s+(?:any|that\s+an?)"
    r"|no\s+(?:reports?|sign|evidence)\s+of)\b[^.;]{0,60}$"
)
_ONE_DAY = re.compile(
    rf"(?i)\b(?:(?:on|early\s+on|late\s+on|hours\s+of)\s+(?:{lexicon.alternation('weekdays')})|overnight|last\s+night"
    r"|this\s+morning|since\s+dawn|at\s+dawn|early\s+hours)\b"
)


def _figurative_battle(word: str, text: str, end: int) -> bool:
    """"The battle for Mosul" is an offensive on a place; "the battle for hearts and minds" is none."""
    return bool(re.match(r"battle\s+(?:for|of)\b", word)) and not text[end : end + 1].isupper()


_STRIKE_COUNTED = re.compile(
    r"(?i)\b(?:one|another|second|third|fourth|fifth|first|fresh|new|separate|further|latest|overnight|retaliatory"
    r"|two|three|several)\s+$"
)
_WORD_BEFORE = re.compile(r"([\w-]+)\s+$")


def _strike_told_by(before: str) -> bool:
    """A side ("Israeli", "US-led": a nation's demonym, as the world data has it) or a count ("One", "A second")
    right before a strike word."""
    if _STRIKE_COUNTED.search(before):
        return True
    word = _WORD_BEFORE.search(before)
    side = word.group(1).removesuffix("-led") if word else ""
    return side in world().demonyms or side in ("US", "U.S.")


def _bare_strike_or_arrest(word: str, before: str) -> bool:
    """Only "the strike killed", "the arrest of" tell the event; "a strike" needs "air", or a side or a count that
    makes it one of a war's strikes ("Israeli strikes on southern Lebanon", "One strike hit a car")."""
    if not re.match(r"(?i)strike|arrests?\s", word) or re.search(r"(?i)\bthe\s+$", before):
        return False
    return not (word.startswith("strike") and _strike_told_by(before))


def _strikes_since(word: str, after: str) -> bool:
    """ "Israeli strikes on the south since dawn have killed 14": a tally of the day's strikes, not one event."""
    return word == "strikes" and re.match(r"[^.;:]{0,50}?\bsince\b", after) is not None


def _is_event_trigger(kind: OperationKind, match: re.Match[str], text: str) -> bool:
    """Filter out trend words, habitual frames and non-event uses of a trigger word."""
    word = match.group(0).lower()
    before = text[: match.start()]
    if _bare_strike_or_arrest(word, before) or _strikes_since(word, text[match.end() :]):
        return False
    if _NEGATED.search(before[-80:]) or _figurative_battle(word, text, match.end()) or CAPABLE_OF.search(before[-40:]):
        # "It made no mention of civilian casualties or of an air strike", "has shown the intent and the
        # capability to attack U.S. forces": no event told
        return False
    if _FAST_SHARE_OF_TALLY.search(before):
        return False  # "holds 20,000 prisoners, many of them arrested after 2017": a tally, not an event
    if word.endswith("s") and _FAST_QUANTIFIED.search(before):
        return False  # "have launched several raids": a record of activity, not one event
    # plural attacks are a trend; plural clashes or raids with an event verb are one event, and so are plural
    # assaults one verb launched ("launched air and ground assaults against the rebels, killing five")
    launched = (
        _LAUNCHED_BEFORE.search(before[-60:]) is not None
        and _FAST_EVENT_VERB.search(text, pos=match.end()) is not None
    )
    # "coordinated attacks by bandits on two communities ... on Sunday night": the attacks of one night are one event
    def one_night_attacks() -> bool:  # read only for a plural attack word
        return bool(_ONE_DAY.search(text) or re.search(r"(?i)\bcoordinated\s+$", before))

    if (
        kind in _MILITANT_KINDS | {_K.clash, _K.raid}
        and _PLURAL_ATTACK.fullmatch(word)
        and not (kind in (_K.clash, _K.raid) and _FAST_CLASH_EVENT.search(text) and not _FAST_GENERIC.search(text))
        and not launched
        and not (one_night_attacks() and not _FAST_QUANTIFIED.search(before) and not _FAST_GENERIC.search(text))
    ):
        return False
    if kind in _MILITANT_KINDS and _FAST_GENERIC.search(text):
        return False
    # "a bold offensive" is an event; "offensive" as an adjective ("offensive remarks") is not
    if (
        kind == _K.attack
        and word == "offensive"
        and re.match(r"\s+(?:against|on)\b", text[match.end() :]) is None
        and not re.search(r"(?i)\b(?:an?|the|its|their)\s+(?:[\w-]+\s+){0,2}$", before)
    ):
        return False
    # "operations, including airstrikes, have weakened ISIS": a trend, not an event; "residents reported intense
    # airstrikes in the early hours of Tuesday": strikes of one night
    one_night = kind == _K.airstrike and _ONE_DAY.search(text) is not None
    if kind in (_K.airstrike, _K.raid) and word.endswith("s") and not _FAST_EVENT_VERB.search(text) and not one_night:
        return False
    if kind == _K.raid and word == "raid" and re.search(r"(?i)\bair\s*$", before):
        return False
    if kind == _K.bombing and _SEIZED_BEFORE.search(before[-100:]):
        return False  # "recovered from the site were four firearms, an improvised explosive device": a seizure
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
        has_verb = bool(_FAST_LAUNCH.search(text) or _FAST_PLANNED.search(text))
        named = any(scan.search(text) for scan in _NAME_SCANS)
        if plural and (not has_verb or _FAST_QUANTIFIED.search(before)):
            return False
        if not plural and not (has_verb or named or _ANAPHOR.search(before) or _INDEFINITE.search(before)):
            return False
    # the noun counts as one event only when determined: "an ISIS attack on", "a Thursday attack", "the attack"
    return not (
        kind == _K.attack
        and word.startswith("attack")
        and not word.endswith("ed")
        and not _FAST_DETERMINED.search(before)
        and not (word == "attacks" and one_night_attacks())
    )


def _name_of(text: str, doc_actor_aliases: frozenset[str]) -> str | None:
    for scan in _NAME_SCANS:
        for match in scan.finditer(text):
            name = match.group(1).strip(" ,.:;\u00a0")
            if not name or name.casefold() in doc_actor_aliases:
                continue  # "Operation Inherent Resolve" names the coalition, not an event here
            if scan is _NAME_SCANS[-1] and f"Operation {name}".casefold() in doc_actor_aliases:
                continue
            return name
    return None


def _status_of(text: str, kind: OperationKind) -> OperationStatus:
    if _FAST_PLANNED.search(text):
        return OperationStatus.announced if _ANNOUNCE.search(text) else OperationStatus.planned
    if _FAST_COMPLETED.search(text):
        return OperationStatus.completed
    if _FAST_ONGOING.search(text):
        return OperationStatus.ongoing
    if _FAST_LAUNCH.search(text):
        return OperationStatus.launched
    return OperationStatus.completed if kind not in _OPERATION_LIKE else OperationStatus.unknown


# a source named in a closing tag: ", the air force said.", ", Ukraine's General Staff reported on Friday."
_TAIL_SPEAKER_BEFORE = re.compile(r",\s*(?:the\s+|[\w-]+['’]s\s+)?(?:[\w'’-]+\s+){0,3}$")
_TAIL_SPEECH = re.compile(
    r"^\W{0,3}(?:[\w'’-]+\s+){0,3}?(?:said|says|reported|announced|stated|added|confirmed|wrote)"
    r"(?:\s+(?:on|in|late|early|last|this)\b[^,;.]{0,30})?\s*[.!]?[\"”]?\s*$"
)


def _speaker_only(doc: Document, mention: Mention, sentence: Sentence) -> bool:
    """True when the mention is the source of a statement rather than a participant."""
    after = doc.text[mention.end : sentence.end]
    before = doc.text[sentence.start : mention.start]
    if _FAST_SPEECH_BEFORE.search(before):
        return True
    if _TAIL_SPEAKER_BEFORE.search(before) and _TAIL_SPEECH.match(after):
        return True  # "Russia launched 143 drones at Ukraine overnight, the air force said.": only the source
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


def _owned_by_speaker(doc: Document, mention: Mention) -> Mention:
    """ "The Israeli military said its troops had detained three men": "its troops" are the speaking force's, not
    the story country's."""
    if doc.gazetteer is None or not doc.gazetteer.generic_side(mention.text):
        return mention
    if not re.search(r"(?i)\b(?:its|their)\s+$", doc.text[max(0, mention.start - 8) : mention.start]):
        return mention
    force = doc.speakers_force(mention.start)
    return Mention(mention.start, mention.end, mention.text, force) if force is not None else mention


def _sides(
    doc: Document, sentence: Sentence, kind: OperationKind, trigger_at: int, end: int
) -> tuple[list[ActorEntry], list[ActorEntry]]:
    mentions = [
        _owned_by_speaker(doc, m)
        for m in doc.actors_in(sentence.start, end)
        if not _speaker_only(doc, m, sentence) and not doc.speaks_only(m)
    ]
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
    # "repelled a fresh RSF assault", "an ISIS attack on": the actor naming the attack is its agent; so is a nation
    # named by its weapons before the verb ("Russian drones and missiles hit an apartment block")
    agent = next((m for m in mentions if m.end < trigger_at and not doc.text[m.end : trigger_at].strip()), None)
    if agent is None and doc.gazetteer is not None:
        agent = next(
            (m for m in mentions if m.end <= trigger_at and national_weapon(m.text, doc.gazetteer) is not None), None
        )
    if kind in _MILITANT_KINDS and agent is not None and _category(agent) in _FORCE_CATEGORIES:
        hit_by_agent = [
            m.entry for m in mentions if m is not agent and isinstance(m.entry, ActorEntry) and m.entry != agent.entry
        ]
        return [agent.entry], _unique(hit_by_agent)  # type: ignore[list-item]
    militants = [m.entry for m in mentions if _category(m) == ActorCategory.militant_group]
    forces = [m for m in mentions if _category(m) in _FORCE_CATEGORIES]
    civilians = [m for m in mentions if _category(m) == ActorCategory.civilians]
    if kind in _MILITANT_KINDS and not _forces_launched(doc, forces, militants, mentions, trigger_at):
        hit = [m.entry for m in sorted(forces + civilians, key=lambda m: m.start)]
        # "the Taliban said their special forces had raided an ISKP hideout": a group named before the verb acts
        # on one named after it
        agents = [m.entry for m in mentions if _category(m) == ActorCategory.militant_group and m.end <= trigger_at]
        objects = [m.entry for m in mentions if _category(m) == ActorCategory.militant_group and m.start > trigger_at]
        if agents and objects and not {id(a) for a in agents} & {id(o) for o in objects}:
            return _unique(agents), _unique([*objects, *hit])  # type: ignore[arg-type,list-item]
        if not militants and kind == _K.attack and (weapon := _weapon_of(doc, sentence, trigger_at, end)) is not None:
            # "Russian shells struck a school": shelling told by the nation of its shells is its forces'
            return [weapon], _unique([h for h in hit if h != weapon])  # type: ignore[misc]
        return _unique(militants), _unique(hit)  # type: ignore[arg-type]
    if kind == _K.airstrike and forces and all(_struck(doc, sentence, m, trigger_at) for m in forces):
        # "a drone dropped explosives on the police station", "explosives dropped from drones wounded three soldiers":
        # the forces named are what the strike hit; the armed group named beside them flew the drone, else the
        # story's own group
        hit = [m.entry for m in sorted(forces + civilians, key=lambda m: m.start)]
        group = doc.story_group.entry if doc.story_group is not None else None
        authors = militants or ([group] if isinstance(group, ActorEntry) else [])
        return _unique(authors), _unique(hit)  # type: ignore[arg-type]
    by = _unique([m.entry for m in forces])  # type: ignore[misc]
    if not by and kind not in _MILITANT_KINDS:
        by = _country_subject(doc, sentence, trigger_at) or _speaker_subject(doc, sentence)
    if not by and kind == _K.airstrike:
        # "Israeli strikes on southern Lebanon", "a Russian drone struck": the nation's weapon is its forces' act
        weapon = _weapon_of(doc, sentence, trigger_at, end)
        by = [weapon] if weapon is not None else []
    return by, _unique(militants)  # type: ignore[arg-type]


def _weapon_of(doc: Document, sentence: Sentence, trigger_at: int, end: int) -> ActorEntry | None:
    """The force of the nation whose weapon the clause names up to just past its trigger ("Russian shells struck")."""
    if doc.gazetteer is None:
        return None
    return national_weapon(doc.text[sentence.start : min(end, trigger_at + 40)], doc.gazetteer)


_SUBJECT_GAP = re.compile(r"^\s+(?:(?:has|have|had|also|again|reportedly|then|on\s+\w+)\s+){0,3}$")


def _country_subject(doc: Document, sentence: Sentence, trigger_at: int) -> list[ActorEntry]:
    """A state named as the subject of a strike is its military: "Russia launched 143 drones at", "Israel struck"."""
    for mention in doc.places_in(sentence.start, trigger_at):
        entry = mention.entry
        if getattr(entry, "kind", "") != "country" or not getattr(entry, "country", None):
            continue
        before = doc.text[sentence.start : mention.start]
        if before.strip() not in ("", "the", "The") or not _SUBJECT_GAP.match(doc.text[mention.end : trigger_at]):
            continue
        army = doc.gazetteer.localized(entry.country).actor_entry("army") if doc.gazetteer is not None else None
        return [army] if army is not None else []
    return []


# Words before a force that make it what a strike hit: "on the police station", "wounded three soldiers"
_STRUCK_BEFORE = re.compile(
    r"(?i)\b(?:on|at|against|targeting|wounded|wounding|killed|killing|injured|injuring|hit|struck)\s+"
    r"(?:[\w'’-]+\s+){0,3}$"
)
# ... or after it, told first in the passive: "A police patrolman was killed ... when a drone dropped explosives"
_STRUCK_AFTER = re.compile(r"(?i)^(?:\s+[\w'’-]+){0,3}\s+(?:was|were)\s+(?:killed|wounded|injured|hurt|hit)\b")


def _struck(doc: Document, sentence: Sentence, mention: Mention, trigger_at: int) -> bool:
    """Whether a force named in a strike's sentence is what the strike hit rather than who struck."""
    if mention.start > trigger_at:
        return _STRUCK_BEFORE.search(doc.text, max(sentence.start, mention.start - 40), mention.start) is not None
    return _STRUCK_AFTER.match(doc.text[mention.end : min(sentence.end, mention.end + 60)]) is not None


# The speaker's own side as the subject of an act in the clause: "said that it had arrested", "our forces
# neutralised", "its units raided" (not of saying or judging: "it said", "we condemned").
_OWN_ACT_VERBS = "|".join(
    lexicon.alternation(name) for name in ("own_act_verbs", "force_outcome_verbs", "force_action_verbs", "launch_verbs")
)
_SPEAKER_SUBJECT = re.compile(
    rf"(?i)\b(?:it|we|(?:its|our)\s+(?:own\s+)?(?:{lexicon.alternation('own_side_nouns')}))\s+"
    r"(?:(?:had|have|has|also|then|later|successfully|immediately|swiftly)\s+)*"
    rf"(?:{_OWN_ACT_VERBS})\b"
)


def _speaker_subject(doc: Document, sentence: Sentence) -> list[ActorEntry]:
    """A state force that tells of its own act: the organisation speaking in the sentence, when the sentence's
    acts have "it", "we" or "its/our forces" for subject ("In the sweep that came after, our units ...")."""
    if not _SPEAKER_SUBJECT.search(doc.text, sentence.start, sentence.end):
        return []
    force = doc.speakers_force(sentence.start)
    return [force] if force is not None else []


def _forces_launched(
    doc: Document, forces: list[Mention], militants: Sequence[object], mentions: list[Mention], trigger_at: int
) -> bool:
    """Forces, and no group, named before a launch verb that governs the trigger: "troops launched air and ground
    assaults against the rebels" is the forces' act, not an attack on them."""
    before = [m for m in forces if m.end <= trigger_at]
    if not before or any(m.end <= trigger_at and m.entry in militants for m in mentions):
        return False
    return _LAUNCHED_BEFORE.search(doc.text[before[-1].end : trigger_at]) is not None


_SCOPE_END = re.compile(
    r"(?i)\b(?:follows?|following|amid|(?<!shortly\s)(?<!just\s)(?<!soon\s)after(?!\s+(?:midnight|dawn|noon|sunset|sunrise"
    r"|nightfall|dusk|dark|\d))|since|as\s+(?:the|a)|(?<!in\s)which|who|while|whereas)\b|;|\s[-–—]\s|[\"”]\s*,"
)


_FAST_SCOPE_END = Caseless(_SCOPE_END)


def _scope_end(doc: Document, sentence: Sentence, trigger_end: int) -> int:
    """Where the trigger's clause ends: places and targets named after it belong to another event."""
    match = _FAST_SCOPE_END.search(doc.text, pos=trigger_end, endpos=sentence.end)
    return match.start() if match else sentence.end


_ASIDE_OPEN = re.compile(
    r",\s+(?:the|a|an|which|who|whose|set\s+up|formed|founded|created|established|recognised|recognized)\s[^,]*$"
)


def _in_aside(text: str, start: int, at: int, trigger_at: int) -> bool:
    """``at`` lies in an aside set off by commas before the trigger: "Members of the Local Force, the community
    militia recognised by law in 2023, clashed with ..."."""
    close = text.find(",", at, trigger_at)
    return close >= 0 and _ASIDE_OPEN.search(text, start, at) is not None


def _date(doc: Document, sentence: Sentence, trigger_at: int, end: int) -> DatePhrase | None:
    """The date phrase nearest the trigger within its clause, passing over the date of a statement
    ("told X on Tuesday")."""
    best: tuple[int, DatePhrase] | None = None
    dateline = _dateline(sentence)
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
        if phrase.end <= trigger_at and _in_aside(doc.text, sentence.start, phrase.start, trigger_at):
            continue  # "the Local Force, the militia recognised by law in 2023, clashed ...": the aside's date
        distance = abs(phrase.start - trigger_at)
        if best is None or distance < best[0]:
            best = (distance, phrase)
    return best[1] if best else None


# an ally named in passing: "backed by local clan fighters", "with the support of the VDP"
_BACKING = re.compile(
    r"(?i)\b(?:backed|supported|assisted|aided|accompanied)\s+by\s+(?:the\s+)?(?:[\w-]+\s+){0,3}$"
    r"|\bwith\s+the\s+support\s+of\s+(?:the\s+)?(?:[\w-]+\s+){0,3}$"
)
_ATTACK_VERB = re.compile(r"(?i)(?:attacked|assaulted|stormed|raided|overran)$")


def _forces_subject(doc: Document, clause: Sentence, trigger_at: int, trigger: str) -> bool:
    """Forces, and no group, are the subject of an attack verb: "Somali National Army forces, backed by clan
    fighters, attacked al-Shabaab positions" is the army's raid, not an attack on it."""
    if not _ATTACK_VERB.match(trigger):
        return False
    start = clause.start
    for cut in _SUBCLAUSE.finditer(doc.text, clause.start, trigger_at):
        start = cut.end()
    before = [
        m
        for m in doc.actors_in(start, trigger_at)
        if not _speaker_only(doc, m, clause) and not _BACKING.search(doc.text, max(start, m.start - 40), m.start)
    ]
    if not before or re.search(r"(?i)\b(?:was|were|been|being|came\s+under)\b", doc.text[before[-1].end : trigger_at]):
        return False
    categories = {m.entry.category for m in before}  # type: ignore[union-attr]
    return bool(categories & _FORCE_CATEGORIES) and ActorCategory.militant_group not in categories


_PASSIVE_VICTIM = re.compile(
    r"(?i)\b(?:was|were|been|being)\s+(?:\w+ly\s+)?(?:killed|arrested|captured|detained|wounded|neutrali[sz]ed)\b"
)


_SUBCLAUSE = re.compile(
    # "as" opens a clause, not "described as", "known as", "such as", "as well as"
    r"(?i)\b(?:when|(?<!described\s)(?<!known\s)(?<!such\s)(?<!identified\s)(?<!well\s)(?<!named\s)as"
    r"|after|while|where|because)\b"
)


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


_DETERMINER = re.compile(
    r"(?i)\b(?:the|this|its|their|his|our|these|both|(?:mon|tues|wednes|thurs|fri|satur|sun)day['’]s"
    r"|yesterday['’]s|a|an|another|new)(?!\w)"
)


def _last_determiner_definite(before: str) -> bool:
    """The determiner nearest the trigger is definite: "a statement that the strike killed" refers back."""
    found = _DETERMINER.findall(before[-60:])
    return bool(found) and found[-1].lower() not in ("a", "an", "another", "new")


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
