"""Who reports a figure: a small selection over the attribution frames of its sentence (the frame reading is the
one reader; nothing here reads reporting verbs of its own).

A frame is the source of a figure when the figure lies in the clause the frame covers and in what the frame says
(its content or quotation): "..., a local chief said, while the governor gave a lower toll of 8" gives each figure
the speaker of its clause; in "killed four soldiers, an attack officials say shows ..." the officials judge the
attack and the toll stays in the article's own voice. A claim of responsibility ("X claimed the bombing, which
killed 12") does not source the toll, unless the claimant goes on saying it ("..., saying its men had killed 9").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from summarizer import lexicon
from summarizer.backends.rules.attribution.speakers import Frame
from summarizer.models import Claimant

_CLAIMING = frozenset({"claimed", "claims"})
# "claimed that it killed 25", "claimed the attack, saying its men killed 9": the claimant gives the figure
_GIVES_FIGURE = re.compile(r"(?i)\bclaim(?:ed|s)\s+that\b|,\s*saying\b")
# What may follow a reporting verb that closes the clause of a figure before it: "..., the sources said, speaking
# on condition of anonymity", "..., officials said at the time", "..., the staff said in its update, bringing ...".
_TAG_AFTER = re.compile(r"^[^,;:\"“”]{0,60}?(?:[.!?]?\s*$|,\s*(?:who|on\s+condition|[a-z]+ing)\b)")
_TAG_WORDS = 8
# An event noun with words after it before the verb: a relative clause on the event ("killed four, an attack local
# officials say shows ..."), whose speakers judge the event rather than report the toll.
_EVENT_THEN_WORDS = re.compile(rf"(?i)\b(?:an?|the|this|that)\s+(?:{lexicon.alternation('event_nouns')})\s+\w")
# Pronouns the document reading could not resolve to anyone named before are nobody's name.
_NOBODY = frozenset({"he", "she", "they", "it"})


def figure_source(
    frames: Sequence[Frame], sentence: str, sentence_start: int, figure: tuple[int, int]
) -> Claimant | None:
    """The source of the figure at ``sentence[figure[0]:figure[1]]`` among the frames of its sentence
    (``sentence_start`` is the sentence's offset in the view the frames' clauses index), or None when the
    article states it in its own voice."""
    at, end = figure
    for frame in frames:
        start, stop = frame.start - sentence_start, frame.end - sentence_start
        if not start <= at < stop or frame.who.name.lower() in _NOBODY:
            continue
        if not _holds(frame, sentence[start:stop], at - start, end - start):
            continue
        if frame.verb.lower() in _CLAIMING and not _GIVES_FIGURE.search(sentence, 0, at):
            continue  # "X claimed the bombing, which killed 12": the toll is the article's
        return Claimant(name=frame.who.name, role=frame.who.role, affiliation=frame.organisation)
    return None


def _holds(frame: Frame, clause: str, at: int, end: int) -> bool:
    """Whether the frame says the figure: it is in what the speaker says, or the frame's verb closes the clause
    after it ("..., killing two soldiers, a police officer said on Monday")."""
    said = " ".join(f"{frame.content} {frame.quote or ''}".split())
    if " ".join(clause[at:end].split()) in said:
        return True
    verb = re.compile(rf"(?i)\b{re.escape(frame.verb)}\b").search(clause, end)
    if verb is None or _EVENT_THEN_WORDS.search(clause, end, verb.start()):
        return False
    after = clause[verb.end() :]
    return len(after.split()) <= _TAG_WORDS or _TAG_AFTER.match(after) is not None


def speaking_spans(text: str, frame: Frame) -> list[tuple[int, int]]:
    """Where ``text`` (the frame's sentence) writes a speaker who only speaks: one named after what they say
    ("..., a police commander said"), or a person and the role they hold ("police commander Superintendent X
    said"). A body speaking first ("The army said it killed 20") may be the one that acted, so it is not one."""
    content = frame.content.strip()
    at = text.find(content[:80]) if content else -1
    said = (at, at + len(content)) if at >= 0 else None
    person = frame.speaker.role is not None or bool(_PERSON_NAME.search(frame.speaker.name))
    out = []
    for written in (frame.speaker.name, frame.speaker.role):
        where = text.find(written) if written else -1
        if where < 0 or written is None:
            continue
        tail = said is not None and where >= said[1]
        if said is not None and said[0] <= where < said[1]:
            # the name is part of what is said, unless the said words run on into the speaker ("..., police
            # commander X said" read whole)
            if len(text[where + len(written) : said[1]].split()) > 4 or where == said[0]:
                continue
            tail = True
        if person or tail:
            out.append((where, where + len(written)))
    return out


# a person's name: two capitalised words with no body's word ("Amos Kiap", "Colonel Rami Haddad")
_PERSON_NAME = re.compile(r"^(?:[A-Z][\w'’.-]+\s+){1,3}[A-Z][\w'’-]+$")
