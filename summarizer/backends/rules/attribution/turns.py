"""Transcripts: a speaker label opening a paragraph ("COL. AHMED NUR (army commander): Our forces ...") makes the
paragraph that speaker's words, as a reporting verb would.

* **A label** opens a line: a name in capitals with a title or role word in it ("COMMISSIONER:", "DR AMINA
  YUSUF:"), or any name with a role in brackets, then a colon. The outlet's own voices (anchor, presenter, host,
  reporter, correspondent, interviewer, a question "Q:") say nothing a claim is made of; a dateline in capitals
  ("QUETTA:", "LANDI KOTAL:"), a heading ("UPDATE:") and a time stamp are no label.
* **A turn** lasts to the end of its paragraph: the sentences after the label that name no speaker of their own
  are the label's speaker's.

Vocabulary lives in ``summarizer/data/lexicon.yaml`` (``role_nouns``, ``rank_titles``, ``civil_titles``,
``outlet_voices``).
"""

from __future__ import annotations

import re
from functools import cache

from summarizer import lexicon
from summarizer.backends.rules.attribution.speakers import Speaker
from summarizer.gazetteer import Gazetteer

_LABEL = re.compile(
    r"^\s*(?P<name>[A-Z][A-Za-z'’.\- ]{0,48}?[A-Za-z.])\s*(?:\((?P<role>[^()\n]{1,80})\))?\s*:\s+(?=\S)"
)


@cache
def _words() -> tuple[frozenset[str], frozenset[str]]:
    roles = {
        w.casefold()
        for w in (*lexicon.entries("role_nouns"), *lexicon.entries("rank_titles"), *lexicon.entries("civil_titles"))
    }
    return frozenset(roles), frozenset(w.casefold() for w in lexicon.entries("outlet_voices"))


def speaker_label(text: str, gazetteer: Gazetteer) -> tuple[Speaker | None, int] | None:
    """The speaker a line's label names and where the words after it start; (None, end) for the outlet's own voice;
    None when the line opens with no label."""
    match = _LABEL.match(text)
    if match is None:
        return None
    name, role = match.group("name").strip(), match.group("role")
    roles, voices = _words()
    words = name.casefold().replace(".", " ").split()
    if not words or re.fullmatch(r"[\d.: ]+", name):
        return None
    if words[0] in voices or (role and role.strip().casefold().split()[0] in {"voice-over", "voiceover", "off"}):
        return None, match.end()
    capitals = name.upper() == name
    if not capitals and role is None:
        return None  # "Update: ...", "Note: ...": a heading, no speaker
    if role is None and not set(words) & roles:
        return None  # "QUETTA:", "LANDI KOTAL:", "UPDATE:": a dateline or a heading; a bare name needs a title
    if role is None and len(words) == 1 and gazetteer.find_places(name.title()):
        return None  # a place that is also a title's word
    shown = name.title() if capitals else name
    return Speaker(shown, role.strip() if role else None), match.end()


__all__ = ["speaker_label"]
