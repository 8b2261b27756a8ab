"""Casualty figures: whose people a figure counts, from its own noun phrase, the story's forces and groups, and
the sentence around it.
"""

from __future__ import annotations

import re

from summarizer import lexicon
from summarizer.backends.rules.casualties.context import _TARGET_CUE, _context_victims
from summarizer.backends.rules.casualties.figures import _Figure
from summarizer.backends.rules.casualties.scene import ARMED, source_side
from summarizer.backends.rules.casualties.vocabulary import UNSPECIFIED, best_of_group
from summarizer.backends.rules.sentences import main_armed_group
from summarizer.gazetteer import ActorEntry, Gazetteer, Mention
from summarizer.models import (
    Actor,
    ActorCategory,
    Claimant,
    Outcome,
)

_CIVILIAN_NOUNS = lexicon.words("civilian_nouns")
_ENEMY_NAMES = lexicon.words("enemy_names")
_FORCE_MODIFIERS = {"security", "police", "army", "military", "intelligence", "defence", "defense", "militia", "rebel"}
_IRREGULAR_PLURALS: dict[str, str] = {k: str(v) for k, v in lexicon.mapping("irregular_plurals").items()}


def _plural(word: str) -> str:
    low = word.lower()
    if low in _IRREGULAR_PLURALS:
        return _IRREGULAR_PLURALS[low]
    return word if low.endswith("s") else word + "s"


def _np_actor(np_text: str, gazetteer: Gazetteer) -> Actor | None:
    """The canonical actor a figure's own noun phrase names ("ten Peshmerga fighters", "one soldier"); a militant's
    insult in it says nothing of whose men they were ("Kenyan crusader soldiers" are Kenyan soldiers)."""
    np_text = " ".join(w for w in np_text.split() if w.lower().strip("\"“”'‘’") not in _ENEMY_NAMES) or np_text
    for text in (np_text, re.sub(r"([A-Za-z]+)$", lambda m: _plural(m.group(1)), np_text)):
        found = gazetteer.find_actors(text)
        if found:
            return gazetteer.actor(best_of_group(found).text)
    head = np_text.split()[-1].lower() if np_text.split() else ""
    armed = _FORCE_MODIFIERS & {w.lower() for w in np_text.split()[:-1]}  # "two security officials": a force's
    if (head in _CIVILIAN_NOUNS or _plural(head) in _CIVILIAN_NOUNS) and not armed:
        return gazetteer.actor("civilians")
    for modifier in np_text.split()[:-1]:
        # "nine terrorist logistics suppliers", "two militant commanders": an actor noun used as a modifier names
        # who they are ("terrorist" as "terrorists")
        found = gazetteer.find_actors(_plural(modifier))
        if found:
            return gazetteer.actor(best_of_group(found).text)
    return None


_DETENTION = {Outcome.arrested, Outcome.captured, Outcome.surrendered}
_LONE_PERSON = {"man", "woman"}
# "a man said to be a local commander": described as someone else, not a civilian by default
_DESCRIBED = re.compile(
    r"\s*,?\s*(?:who\s+(?:was|is)\s+)?(?:said|believed|thought|reported|described|identified|suspected|alleged)\b"
)
_SUSPECTED = re.compile(
    r"^\s*,?\s*(?:who\s+(?:are|were)\s+)?(?:suspected|accused|believed|thought)\s+(?:of|to)\b[^,.;]{0,60}",
    re.IGNORECASE,
)
_NATIONALITY = {"american": "US Forces", "u.s.": "US Forces", "us": "US Forces", "iraqi": "Iraqi Security Forces"}
_MILITARY_HEADS = lexicon.words("military_heads")


def _suspected_of(rest: str, gazetteer: Gazetteer) -> Actor | None:
    """Detainees "suspected of belonging to ISIS" are counted as that group."""
    match = _SUSPECTED.match(rest)
    if match is None:
        return None
    found = [m for m in gazetteer.find_actors(match.group(0)) if _category(m) == ActorCategory.militant_group]
    return gazetteer.actor(best_of_group(found).text) if found else None


def _category(mention: Mention) -> ActorCategory | None:
    return mention.entry.category if isinstance(mention.entry, ActorEntry) else None


def _nationality(np_text: str, gazetteer: Gazetteer) -> Actor | None:
    """ "one American service member", "two Iraqi officers": the nationality names the force."""
    words = np_text.lower().split()
    if not words or words[-1] not in _MILITARY_HEADS:
        return None
    for word in words:
        if word in _NATIONALITY:
            entry = gazetteer.actor_by_canonical.get(_NATIONALITY[word])
            if entry is not None:
                return Actor(name=np_text, canonical=entry.canonical, category=entry.category)
    return None


def _unspecified(name: str, gazetteer: Gazetteer) -> Actor:
    written = gazetteer.as_written(name)  # victims as written ("12 Fulani herders"): never unspecified when named
    if written is not None:
        return written
    entry = gazetteer.actor_by_canonical.get(UNSPECIFIED)
    category = entry.category if entry is not None else ActorCategory.other
    return Actor(name=name or "unspecified", canonical=UNSPECIFIED, category=category)


_HOSTILE_HEADS = {
    "attackers", "attacker", "assailants", "assailant", "raiders", "raider", "kidnappers", "kidnapper", "takfiris",
    "daeshis",
}  # fmt: skip
# A target's entourage ("two of his associates were detained"): the story's militants.
_ENTOURAGE_HEADS = {
    "associates", "associate", "aides", "aide", "accomplices", "accomplice", "companions", "bodyguards", "bodyguard",
    "followers", "henchmen",
}  # fmt: skip
_SUSPECT_HEADS = {"suspects", "suspect", "wanted", "persons", "people", "men", "individuals"}
_OWN_FORCE_HEADS = {
    "fighters", "fighter", "members", "member", "officers", "officer", "personnel", "soldiers", "soldier", "men",
    "combatants", "combatant",
    "guards", "troops", "elements", "heroes", "lieutenant", "captain", "colonel", "sergeant", "major", "commander",
}  # fmt: skip
_FORCE_CATEGORIES = {
    ActorCategory.state_forces, ActorCategory.kurdish_forces, ActorCategory.coalition, ActorCategory.paramilitary,
}  # fmt: skip


# "members of the group", "fighters of the armed movement": the article's group, named by what it is
_OF_THE_GROUP = re.compile(
    r"\s+of\s+the\s+(?:(?:armed|militant|terrorist|rebel|jihadist|insurgent|extremist)\s+)?"
    r"(?:(?:[A-Z0-9][\w'’-]*|al-[\w'’-]+)\s+){0,3}"  # "members of the 18th Street gang": the gang's own name
    r"(?:group|organi[sz]ation|movement|militia|gang|outfit|network|cell)\b",
    re.IGNORECASE,
)
# "a terrorist cell", "an armed gang", "the militant network": a group whose members "its members" are
_CELL_BEFORE = re.compile(
    r"\b(?:terrorist|militant|jihadist|armed|criminal|insurgent|extremist|rebel)\s+(?:cell|group|network|gang|ring)s?\b",
    re.IGNORECASE,
)
# "Troops pursued the attackers, killing 12 of them": the attackers named before "of them" in the sentence
_ATTACKERS_BEFORE = re.compile(
    rf"\b(?:the|their)\s+(?:{lexicon.alternation('attacker_nouns')}|raiders)\b", re.IGNORECASE
)


def _of_the_attackers(
    sentence: str, figure: _Figure, gazetteer: Gazetteer, prior: str, story: _StoryGroup | None
) -> Actor | None:
    """Whom "N of them" counts when the sentence named the attackers just before: the article's militant group,
    else the attackers as the story reads them (a group it names nowhere: "Unidentified Militants"), never the
    force that fought them."""
    if not figure.np_text.casefold().endswith("of them"):
        return None
    if not _ATTACKERS_BEFORE.search(sentence, max(0, figure.match.start - 120), figure.match.start):
        return None
    return _article_militants(prior + " " + sentence, gazetteer, story) or gazetteer.actor("attackers")


def _article_militants(text: str, gazetteer: Gazetteer, story: _StoryGroup | None = None) -> Actor | None:
    """The militant group the article is about (its last mention so far, else the first in the whole story), for
    "the attackers", "suspects": a daily report may name the group only after the incident."""
    found = [m for m in gazetteer.find_actors(text) if _category(m) == ActorCategory.militant_group]
    if found:
        return gazetteer.actor(found[-1].text)
    return story.militants() if story is not None else None


class _StoryGroup:
    """The story's main armed group (the Document's one rule, :func:`main_armed_group`): given by the engine, or
    found in the article's text once and only when asked for."""

    def __init__(self, text: str, gazetteer: Gazetteer, given: Mention | None = None) -> None:
        self._text = text
        self._gazetteer = gazetteer
        self._given = given
        self._found: Actor | None = None
        self._done = False

    def militants(self) -> Actor | None:
        if not self._done:
            self._done = True
            group = self._given or main_armed_group(self._gazetteer.find_actors(self._text), self._gazetteer)
            self._found = self._gazetteer.actor(group.text) if group is not None else None
        return self._found


# Generic words ("soldiers", "terrorists") resolve to the Iraqi army and ISIS; an article that names another army or
# group by its proper name ("Syrian troops", "ISWAP") means that one.
_GENERIC_DEFAULTS = {"Iraqi Army": ActorCategory.state_forces, "ISIS": ActorCategory.militant_group}


# A tally over a war or a period, not one incident: "the insurgency has killed 40,000 people", "not counting militants".
_AGGREGATE = re.compile(
    r"\b(?:insurgency|conflict|war)\b[^.;]{0,40}\b(?:has|have)\s+killed\b|\bso\s+far\b|\bin\s+total\b|\boverall\b"
    r"|\bnot\s+counting\b|\bin\s+all\b|\bby\s+(?:our|its|their)\s+(?:count|tally)\b"
)


def _specific(actor: Actor, np_text: str, context: str, gazetteer: Gazetteer) -> Actor:
    """The army or group the article names, for a figure whose noun is generic ("nine soldiers" in Syria)."""
    category = _GENERIC_DEFAULTS.get(actor.canonical or "")
    if category is None or any(w[:1].isupper() for w in np_text.split()):
        return actor  # "Iraqi soldiers", "ISIS fighters": named in the figure itself
    named = [
        m
        for m in gazetteer.find_actors(context)
        if _category(m) == category
        and m.text[:1].isupper()
        and m.entry.canonical != actor.canonical
        and (category != ActorCategory.state_forces or m.entry.canonical.endswith("Army"))
    ]
    if not named:
        return actor
    return Actor(name=np_text, canonical=named[-1].entry.canonical, category=category)


_SUSPICION_TAIL = re.compile(
    r"^(?:\s+(?:in|at|from|near)\s+[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2})?"
    r"\s*,?\s*(?:who\s+(?:are|were)\s+)?(?:suspected|accused|believed|thought)\s+(?:of|to)\b|^\s+wanted\s+(?:for|by|under)\b",
    re.IGNORECASE,
)


def _is_suspect_phrase(words: list[str], rest: str) -> bool:
    """Detainees described as suspects: "wanted persons", "people suspected of links to ..."."""
    return "wanted" in words or "suspected" in words or _SUSPICION_TAIL.match(rest) is not None


_QUOTED_OF = re.compile(r"^\s+of\s+(?:the\s+)?[\"“‘']", re.IGNORECASE)


def _is_derogatory_members(words: list[str], rest: str, source: Claimant | None, perpetrator: Actor | None) -> bool:
    """ "members of the 'PKK militia'" in a militant group's claim: its own name for the force it attacked."""
    if not words or words[-1] not in _OWN_FORCE_HEADS or not _QUOTED_OF.match(rest):
        return False
    militant = ActorCategory.militant_group
    by_militants = source is not None and source.affiliation is not None and source.affiliation.category == militant
    return by_militants or (perpetrator is not None and perpetrator.category == militant)


def _militant_speaker_members(words: list[str], sentence: str, figure: _Figure, mentions: list[Mention]) -> bool:
    if not words or words[-1] not in _OWN_FORCE_HEADS or not _QUOTED_OF.match(sentence[figure.np_end :]):
        return False
    return _militant_speaker(sentence, figure.match.start, mentions)


def _militant_speaker(sentence: str, pos: int, mentions: list[Mention]) -> bool:
    """A militant group is named before ``pos`` and the sentence is its claim ("claimed ..., saying")."""
    militant = any(m.start < pos and _category(m) == ActorCategory.militant_group for m in mentions)
    return militant and _CLAIM_CUE.search(sentence[:pos]) is not None


_CLAIM_CUE = re.compile(r"\bclaim(?:ed|s|ing)\b|,\s+saying\b|\bsaid\b|\bstatement\b", re.IGNORECASE)


def _forces_in(text: str, gazetteer: Gazetteer) -> list[Mention]:
    return [m for m in gazetteer.find_actors(text) if _category(m) in _FORCE_CATEGORIES]


_PARTY_CATEGORIES = _FORCE_CATEGORIES | {ActorCategory.militant_group}


def _parties_in(text: str, gazetteer: Gazetteer) -> list[Mention]:
    """The armed parties named in ``text``: forces and armed groups."""
    return [m for m in gazetteer.find_actors(text) if _category(m) in _PARTY_CATEGORIES]


def _attacked_force(text: str, gazetteer: Gazetteer) -> Actor | None:
    """The force the story's attack targeted: the first force named after an attack cue, else the first force."""
    forces = _forces_in(text, gazetteer)
    for mention in forces:
        if _TARGET_CUE.search(text[max(0, mention.start - 40) : mention.start]):
            return gazetteer.actor(mention.text)
    return gazetteer.actor(forces[0].text) if forces else None


def _targeted_force(text: str, gazetteer: Gazetteer) -> Actor | None:
    """The force named after an attack cue ("ambushed a convoy of the PMF", "attacked a Syrian army post"), if any."""
    for mention in _forces_in(text, gazetteer):
        if _TARGET_CUE.search(text[max(0, mention.start - 40) : mention.start]):
            return gazetteer.actor(mention.text)
    return None


def _last_sentence(text: str) -> str:
    """The last sentence of ``text`` (a rough cut at the last full stop before it)."""
    cut = max(text.rfind(". ", 0, max(0, len(text) - 2)), text.rfind("\n", 0, max(0, len(text) - 2)))
    return text[cut + 1 :] if cut >= 0 else text


def _own_force(text: str, gazetteer: Gazetteer) -> Actor | None:
    """The force a statement speaks for ("our fighters"): the one it names most often, the first on a tie."""
    actors = [gazetteer.actor(m.text) for m in _forces_in(text, gazetteer)]
    names = [a.canonical for a in actors]
    if not names:
        return None
    best = max(names, key=lambda name: (names.count(name), -names.index(name)))
    return actors[names.index(best)]


# Who a bare figure's dead were, said after it: "the other five dead were civilians", "all 12 victims were soldiers".
_PREDICATE = re.compile(
    r"\s+(?:were|was)\s+(?:all\s+)?(?:(?:[\w-]+\s+){0,2}?)(?P<noun>civilians|villagers|residents|farmers|children|women"
    r"|soldiers|policemen|police\s+officers|fighters|militants|members\s+of\s+(?:the\s+)?[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,3})\b"
)


# "the army's losses at four dead", "the group's own casualties at two": whose losses a bare figure counts
_LOSSES_BEFORE = re.compile(
    r"['’]s?\s+(?:own\s+)?(?:losses|casualties|toll|dead)\s+(?:at|to|of|as|were|was|stood\s+at|came\s+to)\s+"
    r"(?:(?:at\s+least|more\s+than|about|some|nearly)\s+)?$",
    re.IGNORECASE,
)


_NUMBER_OF = re.compile(
    r"\bnumber\s+of\s+(?:the\s+)?(?P<noun>[\w-]+(?:\s+[\w-]+)?)\s+(?:who\s+(?:fell|died|were\s+killed|lost)|killed|dead)"
    r"\b[^.;]{0,60}$",
    re.IGNORECASE,
)


def _number_of(sentence: str, pos: int, gazetteer: Gazetteer) -> Actor | None:
    """Whom "the number of soldiers who fell in Djibo at six" counts: the noun after "number of"."""
    found = _NUMBER_OF.search(sentence, max(0, pos - 100), pos)
    if found is None or found["noun"].lower() in ("people", "persons", "those", "the"):
        return None
    return _np_actor(found["noun"], gazetteer)


def _losses_of(sentence: str, pos: int, mentions: list[Mention], gazetteer: Gazetteer) -> Actor | None:
    """The actor whose losses the figure at ``pos`` counts ("the army's losses at four dead"), if the text says."""
    before = _LOSSES_BEFORE.search(sentence, max(0, pos - 60), pos)
    if before is None:
        return None
    owner = [m for m in mentions if m.end == before.start() and isinstance(m.entry, ActorEntry)]
    return gazetteer.actor(owner[-1].text) if owner else None


# A speaker's own side's losses: "It put its own losses at 17 dead", "We lost eleven men", "our casualties were 4"
_OWN_LOSSES = re.compile(
    r"(?:\b(?:its|their|our)\s+(?:own\s+)?(?:losses|casualties|dead)\s+(?:at|to|as|were|was|stood\s+at|came\s+to)"
    r"|\bwe\s+(?:have\s+|had\s+)?lost)\s+(?:(?:at\s+least|more\s+than|about|some|nearly)\s+)?$",
    re.IGNORECASE,
)


_ENEMY_LOSSES = re.compile(
    r"\b(?:those\s+of\s+the\s+enemy|the\s+enemy['’]s(?:\s+losses)?|enemy\s+losses)\s+(?:at|to|as)\s+"
    r"(?:(?:at\s+least|more\s+than|about|some|nearly)\s+)?$",
    re.IGNORECASE,
)
_DEFENCE_MINISTRY = re.compile(r"(?i)\b(?:defen[cs]e\s+ministry|ministry\s+of\s+(?:national\s+)?defen[cs]e)\b")
# a communiqué's own side, as francophone armies write it ("côté ami"): "the toll on the friendly side had been
# revised to six dead", "On the friendly side: four soldiers killed"
_FRIENDLY_SIDE = re.compile(r"\b(?:on\s+)?(?:the\s+)?friendly\s+side\b[^.;]{0,60}$", re.IGNORECASE)


def _whose_losses(
    sentence: str, figure: _Figure, source: Claimant | None, gazetteer: Gazetteer, prior: str, story: _StoryGroup | None
) -> Actor | None:
    """Whose losses a figure counts when the words before it say: the speaker's own, or the enemy's."""
    own = _own_losses(sentence, figure, source, gazetteer, prior)
    if own is None and _FRIENDLY_SIDE.search(sentence, max(0, figure.match.start - 80), figure.match.start):
        side = (source_side(source, gazetteer) if source is not None else None) or gazetteer.actor("army")
        if side is not None and side.canonical and side.category in _FORCE_CATEGORIES:
            return Actor(name=figure.np_text or side.name, canonical=side.canonical, category=side.category)
    if own is not None or not _ENEMY_LOSSES.search(sentence, max(0, figure.match.start - 40), figure.match.start):
        return own
    # "... and those of the enemy at 68 killed": the militants the story is about, not the speaker's men
    enemy = _article_militants(prior + " " + sentence, gazetteer, story)
    if enemy is None:
        return None
    return Actor(name=figure.np_text or enemy.name, canonical=enemy.canonical, category=enemy.category)


def _own_losses(
    sentence: str, figure: _Figure, source: Claimant | None, gazetteer: Gazetteer, prior: str
) -> Actor | None:
    """The speaker's side, when the figure counts its own losses and the speaker speaks for an armed party; "It put
    its own losses at 17" with no speaker named in the sentence: the armed party the sentence before opens with."""
    if not _OWN_LOSSES.search(sentence, max(0, figure.match.start - 60), figure.match.start):
        return None
    side = source_side(source, gazetteer) if source is not None else None
    if side is None and re.match(r"(?i)\s*(?:it|they)\b", sentence):
        found = [m for m in gazetteer.find_actors(_last_sentence(prior)) if isinstance(m.entry, ActorEntry)]
        side = gazetteer.actor(found[0].text) if found else None
    if side is None or side.canonical in (None, UNSPECIFIED) or side.category not in ARMED:
        return None
    return Actor(name=figure.np_text or side.name, canonical=side.canonical, category=side.category)


_SAID_THAT = re.compile(r"\b(?:said|says|told|added|stated|announced|reported)\b(?:\s+\w+){0,3}?\s+(?:that\s+)?")


def _pronoun_victims(
    sentence: str, figure: _Figure, gazetteer: Gazetteer, mentions: list[Mention], perpetrator: Actor | None, prior: str
) -> Actor | None:
    """Whom "five of them" counts: the group a speaker's words, or the sentence, named last before it ('said the
    "terrorists" were repelled and that five of them were neutralised', "detected the terrorists in a cave and
    neutralised all four of them"), else the force the paragraph was about ("killing all three of them")."""
    said = _SAID_THAT.search(sentence, 0, figure.match.start)
    told = [m for m in mentions if (said is None or m.start >= said.end()) and m.end <= figure.match.start]
    if said is not None:  # the speaker's words: never the hand that did it
        told = [m for m in told if perpetrator is None or m.entry.canonical != perpetrator.canonical]
    if told:  # else the last group the sentence named: "tracked the rebels ... and neutralised all four of them"
        return gazetteer.actor(told[-1].text)
    nearby = [
        m
        for m in _forces_in(prior[-400:], gazetteer)
        if perpetrator is None or m.entry.canonical != perpetrator.canonical
    ]
    return gazetteer.actor(nearby[-1].text) if nearby else None


_AND_BARE_NOUN = re.compile(r"^\s+and\s+(?:(?:other|local|government)\s+)?(?P<noun>[a-z][\w-]*s)\b(?!\s+(?:of|who)\b)")


def _of_both_sides(actor: Actor, head: str, sentence: str, figure: _Figure, gazetteer: Gazetteer) -> bool:
    """Whether one count covers fighters and civilians alike: a war's tally of "people" ("the war has killed 40,000
    people"), or a noun coordinated with another side's ("thousands of civilians and soldiers")."""
    if actor.canonical == "Civilians" and head in ("people", "persons") and _AGGREGATE.search(sentence):
        return True
    inner = figure.np_text.lower().split(" and ", 1)
    tail = f" and {inner[1]}" if len(inner) == 2 else sentence[figure.np_end :]
    return _mixed_with(tail, actor, gazetteer)


def _mixed_with(rest: str, actor: Actor, gazetteer: Gazetteer) -> bool:
    """Whether the figure's noun is coordinated with a bare plural of another side, with no count of its own
    ("thousands of civilians and soldiers"): the one count covers both."""
    joined = _AND_BARE_NOUN.match(rest)
    if joined is None:
        return False
    other = _np_actor(joined["noun"], gazetteer)
    return other is not None and other.category is not None and other.category != actor.category


def _members_of_a_group(sentence: str, figure: _Figure) -> bool:
    """ "neutralised 46 members of the group", "two members of the 18th Street gang", "dismantled a terrorist cell
    and arrested seven of its members": members of the group the article is about (or, named by no known name,
    of its militants as the story reads them), not of the force that acted."""
    if figure.np_text.casefold().endswith("of its members") and _CELL_BEFORE.search(
        sentence, max(0, figure.match.start - 150), figure.match.start
    ):
        return True
    return _OF_THE_GROUP.match(sentence, figure.np_end) is not None


def _speaking_force(source: Claimant | None, gazetteer: Gazetteer) -> Actor | None:
    """The body a figure's source speaks for; a defence ministry speaks for its army ("two of its members")."""
    affiliation = source.affiliation if source is not None else None
    if affiliation is not None and _DEFENCE_MINISTRY.search(affiliation.canonical or affiliation.name):
        return gazetteer.actor("army") or affiliation
    return affiliation


def _own_people(sentence: str, figure: _Figure, gazetteer: Gazetteer, source: Claimant | None, prior: str) -> Actor:
    """ "The group said it had lost three of its own": the speaker's party, else the sentence's subject (the first
    party named: "X's fighters had killed 40 soldiers and lost three of their own"), else the last sentence's."""
    named = _parties_in(source.name, gazetteer) if source else []
    named = named or _parties_in(sentence[: figure.match.start], gazetteer)
    named = named or _parties_in(_last_sentence(prior), gazetteer)
    own = gazetteer.actor(named[0].text) if named else None
    if own is None:
        return _unspecified(figure.np_text, gazetteer)
    return Actor(name=figure.np_text, canonical=own.canonical, category=own.category)


def _figure_victims(
    sentence: str,
    figure: _Figure,
    gazetteer: Gazetteer,
    mentions: list[Mention],
    perpetrator: Actor | None,
    previous: Actor | None,
    source: Claimant | None = None,
    prior: str = "",
    story: _StoryGroup | None = None,
) -> Actor:
    losses = (_own_people(sentence, figure, gazetteer, source, prior) if figure.kind == "own" else None) or (
        _whose_losses(sentence, figure, source, gazetteer, prior, story)
    ) or (
        # "put the army's losses at four dead and 13 wounded": the army's dead
        _losses_of(sentence, figure.match.start, mentions, gazetteer)
        or _number_of(sentence, figure.match.start, gazetteer)
        if figure.kind in ("none", "head-outcome")
        else None
    )
    if losses is not None:
        return losses
    if figure.kind == "person":
        words = figure.np_text.lower().replace("“", " ").replace('"', " ").split()
        head = words[-1] if words else ""
        actor = _suspected_of(sentence[figure.np_end :], gazetteer) if figure.outcome in _DETENTION else None
        if actor is None and figure.outcome in _DETENTION and _is_suspect_phrase(words, sentence[figure.np_end :]):
            # "wanted persons", "five people suspected of links to the cells": detainees of the article's group
            actor = _article_militants(prior + " " + sentence, gazetteer, story)
        if actor is None and _is_derogatory_members(
            words, sentence[figure.np_end :], source, perpetrator
        ) | _militant_speaker_members(words, sentence, figure, mentions):
            # a militant claim's "11 members of the 'apostate army'": the force the story's attack targeted
            actor = _attacked_force(prior + " " + sentence[: figure.match.start], gazetteer)
        if actor is None and "our" in words and head in _OWN_FORCE_HEADS:
            # "two of our heroic fighters" in a force's own statement: the force it names most
            actor = _own_force(prior + " " + sentence, gazetteer)
        if actor is None and head in _ENEMY_NAMES:
            # a militant claim's "12 apostates", "nine murtads": the force its attack targeted, named as the target
            # in the claim or the sentence before it; without one the word says only who the group hates
            actor = _targeted_force(_last_sentence(prior) + " " + sentence[: figure.match.start], gazetteer)
        if actor is None and _members_of_a_group(sentence, figure):
            actor = _article_militants(prior + " " + sentence, gazetteer, story) or gazetteer.actor("militants")
        actor = actor or _np_actor(figure.np_text, gazetteer) or _nationality(figure.np_text, gazetteer)
        if actor is None and (
            head in _HOSTILE_HEADS
            or head in _ENTOURAGE_HEADS
            or "takfiri" in words
            or (figure.outcome in _DETENTION and head in _SUSPECT_HEADS)
            or (head in ("suspects", "suspect") and perpetrator is not None
                and perpetrator.category in _FORCE_CATEGORIES)
        ):
            # "the attackers", "takfiri elements", detained "suspects", suspects a force killed: the militant group
            # the article is about
            actor = _article_militants(prior + " " + sentence, gazetteer, story)
        affiliation = _speaking_force(source, gazetteer)
        own = affiliation is not None and (
            affiliation.category in _FORCE_CATEGORIES
            # a group reporting its own losses: "only two of its fighters had been killed", the TPNPB said
            or (affiliation.category == ActorCategory.militant_group and bool({"its", "their", "our"} & set(words)))
        )
        # "three men were killed, a police commander said": bare men are no force's own without "its", "our", "his"
        possessed = bool({"its", "their", "our", "his", "her"} & set(words))
        if actor is None and head in _OWN_FORCE_HEADS and own and (head != "men" or possessed):
            actor = affiliation  # "three of its fighters were killed", the SDF said: a force reporting its own losses
        lone = head in _LONE_PERSON and figure.outcome not in _DETENTION
        lone = lone and not _DESCRIBED.match(sentence, figure.np_end)
        if actor is None and ((head in _CIVILIAN_NOUNS and not _FORCE_MODIFIERS & set(words)) or lone):
            # "an elderly man was found dead": a man or woman killed or hurt, named by no force, is a civilian
            actor = gazetteer.actor("civilians")
        if actor is None:
            actor = _context_victims(sentence, figure, gazetteer, mentions, perpetrator)
        if actor is not None and _of_both_sides(actor, head, sentence, figure, gazetteer):
            entry = gazetteer.actor_by_canonical.get(UNSPECIFIED)
            return Actor(name=figure.np_text, canonical=UNSPECIFIED, category=entry.category if entry else None)
        if actor is not None and actor.canonical:
            actor = _specific(actor, figure.np_text, prior + " " + sentence[: figure.match.start], gazetteer)
            return Actor(name=figure.np_text, canonical=actor.canonical, category=actor.category)
        return _unspecified(figure.np_text, gazetteer)
    named = _PREDICATE.match(sentence, figure.outcome_end or figure.np_end)
    if figure.kind in ("none", "head-outcome") and named and (actor := _np_actor(named["noun"], gazetteer)):
        # "the other five dead were civilians": who they were is said after the figure
        return Actor(name=named["noun"], canonical=actor.canonical, category=actor.category)
    if figure.kind in ("others", "pronoun", "none", "head-outcome") and previous is not None:
        return previous  # "injuring five others", "killed 32 people and wounded more than 70"
    if figure.kind in ("pronoun", "none") and figure.outcome_from in ("pre", "inherited"):
        # "ambushed a bus carrying Syrian soldiers, killing at least nine": the target of the attack
        context = _context_victims(sentence, figure, gazetteer, mentions, perpetrator)
        if context is not None:
            return _specific(context, context.name, prior + " " + sentence[: figure.match.start], gazetteer)
    if figure.kind == "pronoun":
        found = _pronoun_victims(sentence, figure, gazetteer, mentions, perpetrator, prior) or _of_the_attackers(
            sentence, figure, gazetteer, prior, story
        )
        if found is not None:
            return found
    # No noun ("three were killed", "15 casualties"): the text does not say who.
    return _unspecified(figure.np_text, gazetteer)
