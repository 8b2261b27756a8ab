"""Casualty figures: who did it and where, when the figure's own sentence does not say.

Reporters name the attacker and the place once, where they tell the incident, and then give its figures in
sentences of their own: "Gunmen of the X coalition attacked two villages on Tuesday. At least 14 people were
killed. Four residents were abducted." The figures are the incident's: they take its attacker and its place.

* **The scene** is the last incident told in the current paragraph: an operation (the attacker is its first
  ``by``, the target its first ``against``, the place its one town) or a figure whose sentence named who did it.
  A paragraph break ends the scene: the next paragraph usually tells another incident.
* **Whose hand**: a figure with no agent of its own takes the scene's attacker, unless its victims are that
  attacker's own people: then it takes the side the attacker fought ("The army killed 27 terrorists. Four soldiers
  fell."), when that side is an armed one.
* **An unclaimed insurgent attack**: soldiers or civilians hit in an ambush, a bombing, a raid whose author the
  sentence does not name, with no other armed party in it, were hit by the story's militants (the group it names
  most, else its country's, else unidentified); an air strike, shelling or a drone gets no such guess.
* **The speaker as the agent**: in "the army said it had neutralised 27 terrorists" or "a spokesman for the group
  said its fighters killed 40 soldiers", an active verb with no subject of its own in the figure's clause is the
  speaker's side's act, when the speaker speaks for an armed party other than the victims.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from summarizer import lexicon
from summarizer.backends.rules.casualties.figures import _Figure
from summarizer.backends.rules.casualties.vocabulary import UNSPECIFIED
from summarizer.gazetteer import ActorEntry, Gazetteer, Mention
from summarizer.models import Actor, ActorCategory, Claimant, Operation, Place

#: Sides that fight: a figure's victims' opponent is named only when it is one of these.
ARMED = frozenset({ActorCategory.state_forces, ActorCategory.militant_group, ActorCategory.coalition})


@dataclass(frozen=True)
class Scene:
    """The incident a figure belongs to when its sentence names no attacker or place."""

    attacker: Actor | None
    target: Actor | None
    place: Place | None


def _armed(actor: Actor | None) -> bool:
    return actor is not None and actor.category in ARMED and actor.canonical not in (None, UNSPECIFIED)


def scene_of_operation(op: Operation, gazetteer: Gazetteer) -> Scene | None:
    """The scene an operation sets: its first force, its first target, its one town (None without a force)."""
    attacker = next((a for a in op.by if _armed(a)), None)
    target = next((a for a in op.against if a.canonical), None)
    towns: list[Place] = []
    for place in op.places:
        if place.canonical is None and place.name:
            towns.append(place)  # a village no gazetteer knows, as the text names it: a town-level spot
            continue
        entry = gazetteer.place_entry(place.name)
        if entry is not None and entry.kind not in ("country", "province"):
            towns.append(place)
    spot = towns[0] if len({(p.canonical or p.name) for p in towns}) == 1 else None
    if attacker is None and spot is None:
        return None
    return Scene(attacker, target, spot)


_PARENTHESIS = re.compile(r"\([^()]*\)")


def heading_place(line: str, gazetteer: Gazetteer) -> Place | None:
    """The place a paragraph's heading names when the heading is nothing but a place ("Kenscoff (Ouest
    department).", "Lower Artibonite."): the scene of what the paragraph tells."""
    text = _PARENTHESIS.sub(" ", line).strip().rstrip(".:;-–— ")
    if not text or len(text.split()) > 4 or "," in text:
        return None
    found = gazetteer.find_places(text)
    if len(found) != 1 or text[found[0].start : found[0].end] != text.strip():
        return None
    return gazetteer.place(found[0].text)


# An insurgent's kind of attack, told with no author: "an ambush on a supply convoy", "a suicide bombing", "an
# explosive device". An air strike, shelling or a drone is a state's as often as not: no author is guessed for it.
_INSURGENT_ATTACK = re.compile(
    r"\b(?:ambush(?:ed|es)?|attack(?:ed|s)?|assault|raid(?:ed|s)?|suicide|bombing|car\s+bomb|roadside\s+bomb"
    r"|(?:improvised\s+)?explosive\s+device|IED|landmine|mine|kidnapp(?:ed|ing)|abduct(?:ed|ion)|gunmen|stormed)\b",
    re.IGNORECASE,
)
_STATE_WEAPON = re.compile(
    r"\b(?:air\s*strikes?|airstrikes?|strikes?|shelling|shells?|drones?|artillery|bombard\w*)\b", re.IGNORECASE
)


def unclaimed_attack(
    sentence: str, victims: Actor, mentions: Sequence[Mention], gazetteer: Gazetteer
) -> Actor | None:
    """The story's militants for soldiers or civilians hit in an insurgent's kind of attack whose author the text
    does not name ("15 soldiers died in an ambush on a convoy near Djibo"), when the sentence names no armed party
    besides the victims."""
    if victims.category not in (ActorCategory.state_forces, ActorCategory.civilians):
        return None
    if gazetteer.setting == (None, None):
        return None  # a story set nowhere the text says: no group by habit
    if not _INSURGENT_ATTACK.search(sentence) or _STATE_WEAPON.search(sentence):
        return None
    armed = [
        m
        for m in mentions
        if isinstance(m.entry, ActorEntry) and m.entry.category in ARMED and m.entry.canonical != victims.canonical
    ]
    if armed:
        return None
    militants = gazetteer.actor("militants")
    return militants if militants.category == ActorCategory.militant_group else None


def perpetrator_from_scene(scene: Scene | None, victims: Actor) -> Actor | None:
    """Whose hand a figure with no agent of its own is by, read from its scene (see the module doc)."""
    if scene is None or scene.attacker is None:
        return None
    if victims.canonical is not None and victims.canonical == scene.attacker.canonical:
        # the attacker's own dead: the side it fought did it
        target = scene.target
        return target if _armed(target) and target is not None and target.canonical != victims.canonical else None
    if victims.category in ARMED and victims.category == scene.attacker.category == ActorCategory.state_forces:
        return None  # soldiers hit in a story of an army's operation: not by that army
    return scene.attacker


# An active verb right before the figure whose subject is the speaker's side: a pronoun or the side's own men ("it
# had neutralised 27", "its fighters killed 40"), or none at all after the reporting verb or a comma ("said they
# killed 12", "held the town for hours, killed 40 soldiers"). "the attack killed five" has a subject of its own.
_ACTIVE_BEFORE = re.compile(
    rf"(?:\b(?:it|they|we|(?:its|their|our)\s+(?:own\s+)?(?:{lexicon.alternation('own_side_nouns')}))"
    r"|\b(?:said|says|saying|claimed|announced|reported|that)|,)\s+"
    r"(?:(?:had|have|has|also|then|later|reportedly|successfully)\s+)*"
    r"(?:kill(?:ed|ing)?|neutrali[sz](?:ed|ing|e)|eliminat(?:ed|ing|e)|captur(?:ed|ing)|arrest(?:ed|ing)|detain(?:ed|ing)"
    r"|wound(?:ed|ing)|injur(?:ed|ing)|shot\s+dead|liquidat(?:ed|ing)|abduct(?:ed|ing)|seiz(?:ed|ing)|put\s+out\s+of"
    r"\s+action)\s+(?:(?:at\s+least|more\s+than|over|nearly|about|around|some|dozens\s+of|scores\s+of)\s+)?$",
    re.IGNORECASE,
)


def speaker_agent(
    sentence: str, figure: _Figure, source: Claimant | None, victims: Actor, gazetteer: Gazetteer
) -> Actor | None:
    """The speaker's side as the agent of an active verb that has no subject of its own (see the module doc)."""
    if source is None:
        return None
    side = source_side(source, gazetteer)
    if not _armed(side) or side is None or side.canonical == victims.canonical:
        return None
    if _opposed(side, victims):
        return side  # a warring party's count of its enemy's dead is of its own act, whatever the voice
    if victims.category == ActorCategory.civilians and side.category == ActorCategory.state_forces:
        return None  # '"They killed three villagers," the police commander said': the attackers, not his men
    if figure.outcome_from != "pre" or not _ACTIVE_BEFORE.search(sentence, 0, figure.match.start):
        return None
    if _EVENT_SUBJECT.match(sentence[: figure.match.start]):
        return None  # "The blast in the centre of the town, north of X, killed seven": the event is the subject
    before = [m for m in gazetteer.find_actors(sentence[: figure.match.start]) if isinstance(m.entry, ActorEntry)]
    if any(m.entry.category in ARMED and m.entry.canonical != side.canonical for m in before):  # type: ignore[union-attr]
        return None  # "Al-Shabaab fighters set off a car bomb, killing 11, a police officer said": theirs, not his
    return side

# The sentence opens with an event as its subject and no one speaks before the figure: "The blast in the centre
# of the town, about 30 kilometres north of X, killed ..." (the comma closes an aside, not a reporting clause).
_EVENT_SUBJECT = re.compile(
    rf"^\W*(?:the|a|an|this|that|another|one)\s+(?:[\w'’-]+\s+){{0,3}}?(?:{lexicon.alternation('event_nouns')})\b"
    rf"(?![^.;]*\b(?:{lexicon.alternation('reporting_verbs')}|that)\b)",
    re.IGNORECASE,
)


def _opposed(side: Actor, victims: Actor) -> bool:
    """A state force and a militant group: the two sides of the conflicts this engine reads."""
    pair = {side.category, victims.category}
    return pair == {ActorCategory.state_forces, ActorCategory.militant_group} and victims.canonical not in (
        None,
        UNSPECIFIED,
    )


def source_side(source: Claimant, gazetteer: Gazetteer) -> Actor | None:
    """The armed party a source speaks for: its affiliation, else the longest actor named in its name or role."""
    side = source.affiliation
    if side is None or side.canonical is None:
        for text in (source.name, source.role or ""):
            found = [m for m in gazetteer.find_actors(text) if isinstance(m.entry, ActorEntry)]
            if found:
                best = max(found, key=lambda m: m.end - m.start)
                side = gazetteer.actor(best.text)
                break
    return side


__all__ = [
    "ARMED",
    "Scene",
    "heading_place",
    "perpetrator_from_scene",
    "scene_of_operation",
    "speaker_agent",
    "unclaimed_attack",
]
