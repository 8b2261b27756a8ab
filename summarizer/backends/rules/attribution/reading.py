"""Attribution: the one reading of a document's frames, sentence by sentence, with every speaker resolved.

Walks the sentences once, keeping the speakers named so far: a frame's ``said_by`` is its speaker with pronouns
("he said"), surnames ("Al-Khafaji praised"), definite titles ("the Major General revealed") and possessives ("his
office") resolved; a paragraph that is wholly a quotation right after a frame continues that speaker's words; a
bare '"...," she said.' right after her frame is marked ``restates``. The claims and the casualty figures both read
these frames.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from summarizer.backends.rules.attribution.frames import History, _resolve, find_in_sentence
from summarizer.backends.rules.attribution.speakers import (
    _NAME_TOKEN,
    _PRONOUN,
    _TITLE,
    _VERBS,
    Frame,
    Speaker,
    speaker_organisation,
    strip_speech,
)
from summarizer.backends.rules.attribution.turns import speaker_label
from summarizer.gazetteer import Gazetteer, default_gazetteer
from summarizer.sentences import Sentence

# A sentence that is only a quotation and a short tag: '"Then nothing," she said.' (no new point of its own)
_BARE_QUOTE = re.compile(r"^\s*[\"“][^\"“”]+[\"”]\s*,?\s*(?:[\w’'-]+\s*){0,3}[.!?]?\s*$")
# A sentence whose subject is a person introduced by relation and name: "His father, X Y, fought in ...".
_INTRODUCED = re.compile(
    rf"^(?:His|Her|Their)\s+(?:[a-z][\w'’-]*\s+){{0,2}}?[a-z][\w'’-]*,\s+((?:{_NAME_TOKEN}\s+){{1,3}}{_NAME_TOKEN}),"
)
_THE_GROUP = re.compile(r"(?i)^the\s+(group|militants|jihadists|insurgents|organi[sz]ation)$")
_WHOLE_QUOTE = re.compile(r"\s*[\"“](.+)[\"”]\s*")


class _Walk:
    """The state of the reading: the speakers so far and where the last frame and the last introduced person were."""

    def __init__(self) -> None:
        self.history = History()
        self.last_frame_sentence = -2
        self.last_name: str | None = None  # the resolved name of the last frame that made a point
        self.introduced: tuple[int, Speaker] | None = None  # the person a sentence last introduced by name
        self.last_person_frame = -1
        self.story_group: str | None = None


def read_frames(
    sentences: Sequence[Sentence], gazetteer: Gazetteer | None = None, story_group: str | None = None
) -> list[list[Frame]]:
    """The attribution frames of every sentence (one list per sentence, in order), speakers resolved and their
    organisations read with ``gazetteer`` (the story's view; default: the whole gazetteer). ``story_group`` (the
    story's main armed group as named, ``Document.story_group``) is who "the group said" is when no speaker named
    before is a group."""
    gazetteer = gazetteer or default_gazetteer()
    walk = _Walk()
    walk.story_group = story_group
    out: list[list[Frame]] = []
    turn: Speaker | None = None  # the speaker whose label opened this paragraph of a transcript
    for index, sentence in enumerate(sentences):
        found = find_in_sentence(sentence, walk.history)
        if sentence.line_start:
            label = speaker_label(sentence.text, gazetteer)
            turn = label[0] if label is not None else None
            if label is not None and label[0] is not None:
                words = strip_speech(sentence.text[label[1] :])
                found = [Frame(label[0], words, "said", words, sentence.start, sentence.end), *found]
        elif turn is not None and not found:
            # the turn's next sentences: its speaker's words, one point with the label's (a source, no new claim)
            words = strip_speech(sentence.text)
            found = [Frame(turn, words, "said", words, sentence.start, sentence.end, said_by=turn, restates=True)]
        nxt = sentences[index + 1].text if index + 1 < len(sentences) else ""
        if not found and walk.last_frame_sentence == index - 1 and walk.history and not _bare_tag(nxt):
            # a paragraph that is wholly a quotation continues the last speaker's words
            whole = _WHOLE_QUOTE.fullmatch(sentence.text)
            if whole and len(whole.group(1).split()) >= 4:
                said = strip_speech(whole.group(1))
                found = [Frame(walk.history[-1], said, "said", said, sentence.start, sentence.end)]
        for frame in found:
            _resolve_frame(frame, index, sentence, walk)
            frame.organisation = speaker_organisation(frame.who, gazetteer)
        out.append(found)
        if not found and (subject := _INTRODUCED.match(sentence.text)):
            walk.introduced = (index, Speaker(subject.group(1), None))
    return out


def _bare_tag(text: str) -> bool:
    """ "He said." / "Al-Khafaji added on Monday.": a sentence that only tags the quotation before it."""
    return re.match(rf"^\W*(?:He|She|They|It|[A-Z][\w'’-]+)\s+(?:{_VERBS})\b[^.]{{0,40}}\.?$", text) is not None


def _resolve_frame(frame: Frame, index: int, sentence: Sentence, walk: _Walk) -> None:
    frame.sentence = index
    if frame.speaker.name.lower() in ("he", "she") and walk.introduced and walk.introduced[0] > walk.last_person_frame:
        # "His father, X, fought in 2016. '...,' he said": the person just introduced, not an earlier body
        frame.speaker = walk.introduced[1]
    group = _THE_GROUP.match(frame.speaker.name)
    if group and walk.story_group and not any(group.group(1).lower() in h.name.lower() for h in reversed(walk.history)):
        # "The group said" with no group among the speakers so far: the story's armed group
        frame.speaker = Speaker(walk.story_group, frame.speaker.role)
    speaker = _resolve(frame.speaker, walk.history)
    if (
        walk.last_name is not None
        and walk.last_frame_sentence == index - 1
        and not sentence.line_start
        and _BARE_QUOTE.match(sentence.text)
        and speaker.name == walk.last_name
    ):
        # '"...," she said.' right after her frame in the same paragraph: the same point, in her words
        frame.said_by, frame.restates = speaker, True
        walk.last_frame_sentence = index
        return
    frame.said_by = _owned(speaker, sentence.text, walk.history)
    walk.last_name = frame.said_by.name
    if not _PRONOUN.match(frame.said_by.name):
        walk.history.append(frame.said_by)
        walk.last_person_frame = index
    walk.last_frame_sentence = index


def _owned(speaker: Speaker, sentence: str, history: History) -> Speaker:
    """ "according to his office": the titled person named earlier in the sentence, else the last speaker."""
    possessive = re.match(r"(?i)^(?:his|her|their)\s+(.+)$", speaker.name)
    if not possessive:
        return speaker
    person = re.search(
        rf"\b(?:{_TITLE}|President|Minister|Premier)\s+((?:{_NAME_TOKEN}\s+){{0,2}}{_NAME_TOKEN})", sentence
    )
    owner = person.group(1) if person else next((h.name for h in reversed(history)), None)
    return Speaker(f"{owner}’s {possessive.group(1)}", speaker.role) if owner else speaker
