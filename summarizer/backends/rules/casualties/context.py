"""Casualty figures: the context of a figure in its sentence and article: perpetrator, victims named by the
sentence, event date, background (context rather than news) and place.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from summarizer import lexicon
from summarizer.backends.rules.casualties.figures import _Figure
from summarizer.backends.rules.casualties.vocabulary import (
    _BY_AGENT,
    _EARLIER_TAIL,
    _MONTHS,
    _PERP_VERBS,
    _WEEKDAYS,
    best_of_group,
)
from summarizer.backends.rules.dates import find_dates, is_background_text
from summarizer.backends.rules.localities import nearest as _nearest
from summarizer.gazetteer import ActorEntry, Gazetteer, Mention, national_weapon
from summarizer.models import (
    Actor,
    ActorCategory,
    EventDate,
    Outcome,
)

# --------------------------------------------------------------------------- context: actors, sources, time


def _group_mentions(sentence: str, mentions: list[Mention]) -> list[list[Mention]]:
    """Adjacent actor mentions form one noun phrase ('Kurdish "Asayesh" security forces')."""
    groups: list[list[Mention]] = []
    for mention in mentions:
        if groups and re.fullmatch(r"[\s\"'“”‘’-]*", sentence[groups[-1][-1].end : mention.start]):
            groups[-1].append(mention)
        else:
            groups.append([mention])
    return groups


def _actor_from(mention: Mention, gazetteer: Gazetteer) -> Actor:
    return gazetteer.actor(mention.text)


_ATTACK_BY = re.compile(
    r"\b(?:attacks?|assaults?|ambush(?:es)?|bombings?|offensive|raids?|strikes?)\s+(?:carried\s+out\s+)?by\s+(?:the\s+)?$",
    re.IGNORECASE,
)


# What may stand between a subject and its verb: its acronym, and who helped ("The Defence and Security Forces (FDS),
# with the support of the VDP, neutralised ...", "Troops, backed by air strikes, killed ...").
_SUPPORT_CLAUSE = re.compile(
    r"^\s*(?:\([^()]{1,40}\)\s*)?(?:,\s*(?:with\s+the\s+(?:support|help|backing)\s+of|supported\s+by|backed\s+by"
    r"|assisted\s+by|aided\s+by|alongside|together\s+with|in\s+coordination\s+with|in\s+cooperation\s+with)"
    r"[^,;.]{1,100},)?",
    re.IGNORECASE,
)


_SAYS_IT = re.compile(
    r"^\s*(?:says|said|claimed|announced|stated)\s+(?:that\s+)?(?:it|they|its\s+(?:fighters|men|forces|troops|units)"
    r"|their\s+(?:fighters|men))\s+(?=(?:had|has|have)\s+|\w+ed\b)",
    re.IGNORECASE,
)


_SURRENDERED_TO = re.compile(r"\bsurrender(?:ed|s|ing)?\s+to\s+(?:the\s+)?$", re.IGNORECASE)
_WHEN_BEFORE = re.compile(r"\b(?:when|as|after)\s+(?:the\s+|an?\s+)?(?:[\w-]+\s+)?$", re.IGNORECASE)


_BLAMED_BEFORE = re.compile(
    r"\b(?:attributed\s+to|blamed\s+on|claimed\s+by|blam(?:ed|ing)\s+(?:[\w'’-]+\s+){1,4}?on|carried\s+out\s+by"
    r"|perpetrated\s+by|committed\s+by)\s+(?:the\s+|an?\s+)?(?:suspected\s+|alleged\s+)?$",
    re.IGNORECASE,
)
_BLAMED_FOR = re.compile(r"\bblam(?:ed|es|ing)\s+(?:the\s+)?$", re.IGNORECASE)
_FOR_AFTER = re.compile(r"^\s+for\b", re.IGNORECASE)


def _blamed(sentence: str, groups: list[list[Mention]]) -> Mention | None:
    """The armed actor the sentence names as the author of what happened: "attributed to X", "blamed on X",
    "blaming the attack on X", "blamed X for", "claimed by X"."""
    for group in groups:
        before = sentence[max(0, group[0].start - 60) : group[0].start]
        if getattr(best_of_group(group).entry, "category", None) == ActorCategory.civilians:
            continue
        if _BLAMED_BEFORE.search(before) or (
            _BLAMED_FOR.search(before) and _FOR_AFTER.match(sentence[group[-1].end :])
        ):
            return best_of_group(group)
    return None


def blamed_author(sentence: str, gazetteer: Gazetteer) -> Actor | None:
    """:func:`_blamed` for a sentence with no figure: the author it gives sets the scene of the figures after it."""
    if not _BLAME_WORD.search(sentence):
        return None
    groups = [g for g in _group_mentions(sentence, gazetteer.find_actors(sentence)) if not _is_dateline(g)]
    found = _blamed(sentence, groups)
    return _actor_from(found, gazetteer) if found is not None else None


_BLAME_WORD = re.compile(
    r"\b(?:attributed|blam(?:ed|es|ing)|claimed\s+by|carried\s+out\s+by|perpetrated|committed)\b", re.IGNORECASE
)


def _perpetrator(
    sentence: str, figure: _Figure, gazetteer: Gazetteer, mentions: list[Mention], figures: list[_Figure]
) -> Actor | None:
    by = _BY_AGENT.match(sentence[figure.outcome_end :]) if figure.outcome_from == "post" else None
    if by:
        found = gazetteer.find_actors(by.group("agent"))
        if found:
            return gazetteer.actor(best_of_group(found).text)
    limit = figures[0].match.start  # the agent precedes the first of the figures it acted on
    best: Mention | None = None
    groups = [g for g in _group_mentions(sentence, mentions) if not _is_dateline(g)]
    for group in groups:
        mention = best_of_group(group)
        if group[-1].end > limit:
            break
        if getattr(mention.entry, "category", None) == ActorCategory.civilians:
            continue  # "the number of people killed": the people are the victims, not the killers
        after = _SUPPORT_CLAUSE.sub("", sentence[group[-1].end :], count=1)
        after = _SAYS_IT.sub("", after, count=1)  # "Hezbollah says it fired rockets": the group's own act
        if _PERP_VERBS.match(after) or _ATTACK_BY.search(sentence[: group[0].start]):
            best = mention
    if best is None:
        # "an attack attributed to ADF rebels", "blaming the attack on al-Shabaab", "blamed the rebels for the death",
        # "an attack ... claimed by the rebels": the author the text or a source gives anywhere in the sentence
        best = _blamed(sentence, groups)
    if best is None:
        # "seven terrorists were killed when Iraqi warplanes struck a hideout": the agent of the clause that tells how
        for group in groups:
            if (
                group[0].start > limit
                and _WHEN_BEFORE.search(sentence, max(0, group[0].start - 30), group[0].start)
                and _PERP_VERBS.match(sentence[group[-1].end :])
            ):
                best = best_of_group(group)
                break
    if best is None:
        # "... were killed in an ISIS attack", "the killing of 14 villagers in attacks by bandits", "12 rebels
        # surrendered to the 20th IB": a group named as the author of the attack, or the force surrendered to,
        # anywhere in the sentence
        for group in groups:
            if _inside_figure(group[0], figures):
                continue
            if (
                _ATTACK_NOUN_AFTER.match(sentence[group[-1].end :])
                or _ATTACK_BY.search(sentence[max(0, group[0].start - 60) : group[0].start])
                or (figure.outcome == Outcome.surrendered and _SURRENDERED_TO.search(sentence[: group[0].start]))
            ):
                best = best_of_group(group)
                break
    if best is None:
        # "A Russian FPV drone struck a minibus, killing two", "Israeli strikes killed 14": a nation's weapon is its
        # army's hand
        return _national_weapon(sentence, gazetteer)
    return _actor_from(best, gazetteer)


def _national_weapon(sentence: str, gazetteer: Gazetteer) -> Actor | None:
    """The army of the nation whose weapon the sentence names ("a Russian FPV drone", "Israeli strikes"), if any."""
    entry = national_weapon(sentence, gazetteer)
    return Actor(name=entry.canonical, canonical=entry.canonical, category=entry.category) if entry else None


_ATTACK_NOUN_AFTER = re.compile(
    r"[\s\"'”’-]*(?:suicide\s+|sniper\s+|rocket\s+|mortar\s+|drone\s+|car\s+bomb\s+)?"
    r"(?:attacks?|assaults?|ambush(?:es)?|bombings?|offensive|raid|militants\s+attacked|gunmen)\b",
    re.IGNORECASE,
)


def _is_dateline(group: list[Mention]) -> bool:
    # "BAGHDAD (Reuters) -": a place in capitals opening a report, not an actor doing anything
    return all(len(m.text) > 4 and m.text.isupper() for m in group)


def _inside_figure(mention: Mention, figures: list[_Figure]) -> bool:
    return any(f.match.start <= mention.start < f.np_end for f in figures)


_TARGET_CUE = re.compile(
    r"(?:\bon|\bagainst|\btargeting|\btargeted|\battacked|\bambushed|\bstormed|\bstruck|\bhit|\bat|\bof|\bcarrying"
    r"|\btransporting)"
    r"\s+(?:(?:an?|the|two|three|several|a\s+group\s+of)\s+)?(?:[\w'’-]+\s+|[\"“”‘]\s*){0,4}$",
    re.IGNORECASE,
)


def _context_victims(
    sentence: str, figure: _Figure, gazetteer: Gazetteer, mentions: list[Mention], perpetrator: Actor | None
) -> Actor | None:
    """The target of the attack the figure belongs to: the last actor after "on/against/attacked ..." before it."""
    excluded = {perpetrator.canonical} if perpetrator is not None and perpetrator.canonical else set()
    candidates: list[Mention] = []
    for group in _group_mentions(sentence, mentions):
        if group[-1].end > figure.match.start:
            break
        mention = best_of_group(group)
        entry = mention.entry
        if not isinstance(entry, ActorEntry) or entry.canonical in excluded:
            continue
        if entry.category == ActorCategory.government:
            continue
        if _TARGET_CUE.search(sentence[max(0, group[0].start - 40) : group[0].start]):
            candidates.append(mention)
    return _actor_from(candidates[-1], gazetteer) if candidates else None


# An incident named as the reason for the news ("in response to a recent surge in attacks that ...").
_CONTEXT_CUE = re.compile(
    r"\b(?:in\s+response\s+to|following|in\s+the\s+wake\s+of"
    r"|(?<!hours\s)(?<!minutes\s)(?<!shortly\s)(?<!soon\s)(?<!days\s)(?<!day\s)after|amid|comes?\s+after|follows?)\s+"
    r"(?:an?\s+|the\s+)?(?:recent\s+|series\s+of\s+|spate\s+of\s+|wave\s+of\s+|surge\s+(?:in|of)\s+)*"
    r"(?:[\w'’-]+\s+){0,3}?(?:attacks?|assaults?|ambush(?:es)?|bombings?|surge|series|spate|wave|offensives?)\b",
    re.IGNORECASE,
)
_DAY_LEVEL = re.compile(rf"{_WEEKDAYS}|following\s+day|day\s+before|last\s+night|yesterday", re.IGNORECASE)


def _date_key(phrase: str) -> str:
    day = re.search(rf"{_WEEKDAYS}|{_MONTHS}", phrase, re.IGNORECASE)
    return day.group(0).lower() if day else " ".join(phrase.lower().split())


def _lede_dates(view_text: str, spans: Sequence[tuple[int, int]]) -> tuple[tuple[int, int] | None, set[str]]:
    """The lede (first full sentence of twelve words or more) and the date keys of its news event."""
    for start, end in spans:
        sentence = view_text[start:end]
        if len(sentence.split()) >= 12 and sentence.rstrip("\"”’' ")[-1:] in ".!?":
            return (start, end), {_date_key(d.phrase) for d in find_dates(sentence)}
    return None, set()


_CLAUSE_BREAK = re.compile(r";|,\s+(?:and|but|while|whereas)\s+(?!(?:an?|the|its|their)?\s*\w+\s+(?:were|was)\b)")


def _clause_of(sentence: str, pos: int) -> str:
    """The clause holding ``pos``: "A dozen suspects were rounded up, and 30 caches have been seized since
    May" puts the time phrase in another clause than the arrests."""
    start = 0
    for match in _CLAUSE_BREAK.finditer(sentence):
        if match.end() <= pos:
            start = match.end()
        else:
            return sentence[start : match.start()]
    return sentence[start:]


# A sentence marked as another incident: a round-up's item, not context ("Separately, ...", "Meanwhile, ..."), or
# one opened by its own place ("In Sukma district, nine cadres surrendered on Tuesday").
_OWN_DAY_OPENING = re.compile(rf"^\W*(?:{lexicon.alternation('round_up_openings')})\b", re.IGNORECASE)
_PLACE_OPENING = re.compile(r"^\W*(?:(?:and|but|also)\s+)?in\s+(?P<place>[^,]{2,60}),", re.IGNORECASE)
# An incident the news is said to follow: "The attack came days after a soldier was killed", "comes a week after".
_CAME_AFTER = re.compile(
    r"\b(?:came|comes|follows|followed)\s+(?:(?:just|only|barely|some|a|one|two|three|four|five|six|several|few)\s+){0,2}"
    r"(?:days?|hours?|weeks?|months?)\s+(?:after|since)\b",
    re.IGNORECASE,
)


def _opens_own_item(sentence: str, gazetteer: Gazetteer | None) -> bool:
    if _OWN_DAY_OPENING.match(sentence):
        return True
    opening = _PLACE_OPENING.match(sentence)
    if opening is None or gazetteer is None:
        return False
    return bool(gazetteer.find_places(opening["place"]))


def _is_background(
    sentence: str,
    figure: _Figure,
    date: EventDate | None,
    victims: Actor,
    in_lede: bool,
    lede_keys: set[str],
    published_year: int | None = None,
    gazetteer: Gazetteer | None = None,
) -> bool:
    """An incident earlier than the article's news event, mentioned as context.

    Marked by a time phrase ("in late July", "since November 27", "last year", "in recent weeks"), by
    being the reason given for the news ("following a series of attacks that killed ..."), or, for an
    attack outside the lede, by a day ("on Thursday", "the following day") other than the lede's.
    """
    if is_background_text(_clause_of(sentence, figure.match.start), published_year):
        return True
    cue = next(reversed(list(_CONTEXT_CUE.finditer(sentence, 0, figure.match.start))), None)
    if cue is not None and "," not in sentence[cue.end() : figure.match.start]:
        # "following a series of attacks that killed 12": the figure belongs to the earlier attack; in "strikes
        # followed the ambush, ..., killing 30" a clause break puts it back in the news
        return True
    if _CAME_AFTER.search(sentence, 0, figure.match.start):
        return True
    if _EARLIER_TAIL.match(sentence[figure.np_end :]):
        return True  # "against eleven the week before": a comparison with an earlier tally
    if in_lede or date is None or not lede_keys or not _DAY_LEVEL.search(date.phrase):
        return False
    if _opens_own_item(sentence, gazetteer):
        return False  # "In a separate incident, a shepherd was killed on Sunday": a round-up's own item
    if victims.category == ActorCategory.militant_group or figure.outcome in (Outcome.arrested, Outcome.surrendered):
        return False  # militants killed, suspects arrested: the operation itself, not an attack told as context
    return _date_key(date.phrase) not in lede_keys


# A figure that adds to the previous sentence's toll: "another", "a third soldier", "two more", "five others".
_ONE_MORE = re.compile(
    r"(?i)(?:another|an?\s+(?:second|third|fourth|fifth)|(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten)"
    r"\s+(?:more|others?))\b"
)

#: How many sentences later a bare figure ("eleven dead") may still retell earlier victims.
_RETELL_WINDOW = 3
# A day right after a reporting verb dates the report, not the incident ("said in a statement on Sunday",
# "gave a higher toll on Thursday morning").
_REPORT_DATE = re.compile(
    r"\b(?:said|says|told|announced|reported|stated|confirmed|added|statement|toll|tally|figures?|agency"
    r"|posted|published|channel|Telegram)\b[^,;:]{0,25}$",
    re.IGNORECASE,
)


@lru_cache(maxsize=256)
def _event_date_spans(sentence: str) -> list[tuple[int, int, str]]:
    """Date phrases of a sentence, less the days that date a report (cached: every figure asks)."""
    return [
        (d.start, d.end, d.phrase)
        for d in find_dates(sentence)
        if not _REPORT_DATE.search(sentence, max(0, d.start - 60), d.start)
    ]


def _date(sentence: str, pos: int) -> EventDate | None:
    near = _nearest(_event_date_spans(sentence), pos)
    return EventDate(phrase=near[2].strip()) if near else None
