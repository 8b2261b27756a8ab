"""An extractive summary: the lead sentences of the story, without the page furniture around them.

News puts the who/what/where in its first sentences (the inverted pyramid), so the lead is a strong,
honest summary. Skipped: headlines and section headers (a line with no closing punctuation), datelines
and bylines ("ERBIL, Kurdistan Region -", "Shafaq News/", "By X", "Updated at ..."), page dates and source
lines. A dateline prefix is cut from the sentence that carries it.
"""

from __future__ import annotations

import re

from summarizer.backends.rules.sentences import DATELINE
from summarizer.sentences import Sentence

SUMMARY_KIND = "extractive"
_MAX_SENTENCES = 2
_MAX_CHARS = 600

_FURNITURE = re.compile(
    r"(?i)^\W*(?:by\s+[A-Z]|updated|published|posted|source\s*:|from\s*:|date\b|photo|file\s+photo|image|read\s+more"
    r"|share|follow\s+us|copyright|©|all\s+rights)"
)


def is_headline(sentence: Sentence) -> bool:
    """A line of its own without closing punctuation: a headline, section header, byline or page date."""
    return (
        sentence.line_start
        and sentence.line_end
        and not re.search(r"[.!?\"”’)]$", sentence.text)
        and len(sentence.text.split()) <= 25
    )


def _is_furniture(sentence: Sentence) -> bool:
    text = sentence.text
    if _FURNITURE.match(text) or "|" in text:
        return True
    if is_headline(sentence):
        return True
    return len(text.split()) < 6


def lead_sentences(sentences: list[Sentence], limit: int = _MAX_SENTENCES) -> list[str]:
    """The first ``limit`` story sentences, dateline prefixes removed."""
    out: list[str] = []
    for sentence in sentences:
        if _is_furniture(sentence):
            continue
        text = DATELINE.sub("", sentence.text, count=1).strip() if not out else sentence.text
        text = " ".join(text.split())
        if text:
            out.append(text)
        if len(out) >= limit:
            break
    return out


def summarize(sentences: list[Sentence], limit: int = _MAX_SENTENCES) -> str:
    """A short extractive summary: up to ``limit`` lead sentences, cut at about 600 characters."""
    picked: list[str] = []
    total = 0
    for text in lead_sentences(sentences, limit):
        if picked and total + len(text) > _MAX_CHARS:
            break
        picked.append(text)
        total += len(text) + 1
    return " ".join(picked)
