"""Sentence splitting with character spans, aware of abbreviations and quotations.

Works on the cleaned view of an article (``summarizer.articles.clean_view``); spans index that view and
are mapped back to the original text by the caller. Line breaks are hard boundaries (news text puts
headlines, bylines and paragraphs on their own lines); inside a line a sentence ends at ``.``, ``!`` or
``?`` followed by white space and a capital, digit or opening quote, unless the dot closes a known
abbreviation ("Maj. Gen.", "U.S.", "Lt. Col.") or a single initial.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import cached_property

from summarizer import lexicon
from summarizer.articles import TextView, clean_view
from summarizer.gazetteer import Gazetteer, Mention, default_gazetteer, localize

# Titles and abbreviations that end with a dot but rarely end a sentence. Lower-cased, without the dot.
ABBREVIATIONS = lexicon.words("abbreviations")

_LINE = re.compile(r"[^\n]+")
# A candidate end: terminal punctuation (possibly repeated or an ellipsis), closing quotes/brackets,
# then white space and something that can open a sentence.
_END = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])|(?<=[a-z]{2}\.)(?=[A-Z][a-z])")
_QUOTES = '"“”'

#: A dateline opening a story: "ERBIL, Kurdistan Region - ", "BAGHDAD (Reuters) - ", "MOSUL, Iraq, May 3 (Wire) - ",
#: "Shafaq News/".
DATELINE = re.compile(
    r"^(?:[A-Z][A-Z .'-]{2,}(?:,\s*[A-Z][\w .'-]{1,40}){0,2}(?:\s*\([\w .'-]{1,30}\))?\s*[-–—:]\s*"
    r"|[A-Z][\w .'-]{1,40}?\s*(?:News|Agency|Media)\s*/\s*"
    r"|\([A-Z][\w .'-]{1,30}\)\s*[-–—]?\s*)"
)


@dataclass(frozen=True)
class Sentence:
    """One sentence: ``text`` is ``view[start:end]``; ``line_start`` marks the first sentence of a line."""

    text: str
    start: int
    end: int
    line_start: bool = False
    line_end: bool = False


_SENTENCE_OPENER = re.compile(rf"\s+[\"“]?(?:{lexicon.alternation('sentence_openers')})\s")


_ASCII_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")


def _word_before(line: str, dot: int) -> str | None:
    """The word of letters and dots that ends at ``line[dot]`` and starts with a letter ("U.S", "Gen"), or
    None. Read backwards from the dot, stopping at the first dot inside the word: only whether the word holds a
    dot matters then, so each call reads at most one run of letters (linear over the whole line)."""
    start = None
    pending_dot = False
    i = dot
    while i > 0:
        ch = line[i - 1]
        if ch in _ASCII_LETTERS:
            if pending_dot:  # a dot inside the word: "U.S", "a.m"
                return line[i - 1 : dot]
            start = i - 1
        elif ch == ".":
            pending_dot = start is not None or pending_dot
        else:
            break
        i -= 1
    return None if start is None else line[start:dot]


def _is_abbreviation(line: str, dot: int) -> bool:
    """True when the dot at ``line[dot]`` closes an abbreviation or an initial rather than a sentence."""
    word = _word_before(line, dot)
    if not word:
        return False
    if "." in word:  # "U.S", "a.m": dotted acronyms
        return True
    if len(word) == 1 and word.isupper():  # an initial: "George W. Bush"
        # ...unless a sentence-opening word follows: 'said on X. He added' ends at the platform's name
        return _SENTENCE_OPENER.match(line, dot + 1) is None
    return word.lower() in ABBREVIATIONS and word[0].isupper()


class _Quotes:
    """The double quotes of one line, indexed once: how many open before a position, and where the last is."""

    def __init__(self, line: str) -> None:
        self.positions = [i for i, ch in enumerate(line) if ch in _QUOTES]

    def open_at(self, pos: int) -> bool:
        """True when an odd number of double quotes precede ``pos`` and one closes later in the line."""
        before = bisect_left(self.positions, pos)
        return before % 2 == 1 and before < len(self.positions)


_OPEN_END = re.compile(r"[^.!?…\"'”’:)\]]\s*$")


def _blocks(text: str) -> list[tuple[int, int]]:
    """Lines, or paragraphs of hard-wrapped lines when the text is wrapped at a fixed width.

    A text is taken as hard-wrapped when at least three long lines (40+ characters) run on into a
    non-empty next line without closing punctuation; then such lines are joined with the next. Otherwise
    each line is its own block (headlines and bylines stand on their own lines).
    """
    spans = [(m.start(), m.end()) for m in _LINE.finditer(text)]
    runs_on = [
        i
        for i, (s, e) in enumerate(spans[:-1])
        if e - s >= 40 and _OPEN_END.search(text[s:e]) and text[e : spans[i + 1][0]].count("\n") == 1
    ]
    if len(runs_on) < 3:
        return spans
    joined: list[tuple[int, int]] = []
    run_set = set(runs_on)
    start = None
    for i, (s, e) in enumerate(spans):
        start = s if start is None else start
        if i not in run_set:
            joined.append((start, e))
            start = None
    if start is not None:
        joined.append((start, spans[-1][1]))
    return joined


def split_sentences(text: str) -> list[Sentence]:
    """Split ``text`` into sentences with spans; white space around each sentence is excluded."""
    out: list[Sentence] = []
    for block_start, block_end in _blocks(text):
        line = text[block_start:block_end]
        base = block_start
        pieces: list[tuple[int, int]] = []
        last = 0
        quotes = _Quotes(line)
        for end in _END.finditer(line):
            punct = end.group(0)
            if punct.startswith(".") and len(punct.rstrip("\"'”’)]")) == 1 and _is_abbreviation(line, end.start()):
                continue
            if quotes.open_at(end.end()):  # keep a quoted passage whole: its attribution follows
                continue
            pieces.append((last, end.end()))
            last = end.end()
        pieces.append((last, len(line)))
        kept = []
        for s, e in pieces:
            chunk = line[s:e]
            stripped = chunk.strip()
            if not stripped:
                continue
            lead = len(chunk) - len(chunk.lstrip())
            kept.append((base + s + lead, base + s + lead + len(stripped)))
        for i, (s, e) in enumerate(kept):
            # a hard-wrapped sentence reads as one line; same length, so spans still index ``text``
            out.append(Sentence(text[s:e].replace("\n", " "), s, e, line_start=i == 0, line_end=i == len(kept) - 1))
    return out


# --------------------------------------------------------------------------- the shared per-article index


@dataclass(frozen=True)
class Document:
    """The cleaned view of one article, its sentences and gazetteer mentions, computed once.

    Every span here indexes ``text`` (the cleaned view); ``to_original`` maps a span back to the
    article as read, so evidence quotes are verbatim substrings of the original.
    """

    original: str
    view: TextView
    sentences: list[Sentence]
    actors: list[Mention]
    places: list[Mention]
    #: The gazetteer view for this story: bare "soldiers" or "militants" name the forces and group of its setting.
    gazetteer: Gazetteer | None = None

    @property
    def text(self) -> str:
        return self.view.text

    def quote(self, start: int, end: int) -> tuple[str, int, int]:
        """The original text behind view span ``[start, end)`` and its original offsets."""
        o_start, o_end = self.view.to_original(start, end)
        return self.original[o_start:o_end], o_start, o_end

    @cached_property
    def _actor_index(self) -> _SpanIndex:
        return _SpanIndex(self.actors)

    @cached_property
    def _place_index(self) -> _SpanIndex:
        return _SpanIndex(self.places)

    def actors_in(self, start: int, end: int) -> list[Mention]:
        """Actor mentions wholly inside ``[start, end)``."""
        return self._actor_index.inside(start, end)

    def places_in(self, start: int, end: int) -> list[Mention]:
        """Place mentions wholly inside ``[start, end)``, minus those that are part of a longer actor name."""
        actors = self.actors_in(start, end)
        out = []
        for m in self._place_index.inside(start, end):
            # "Kurdistan" inside "Kurdistan Regional Government" names the government, not the place.
            if any(a.start <= m.start and m.end <= a.end and (a.end - a.start) > (m.end - m.start) for a in actors):
                continue
            out.append(m)
        return out


class _SpanIndex:
    """Mentions indexed by start, so the mentions of one sentence are found without reading all the others."""

    def __init__(self, mentions: list[Mention]) -> None:
        self._mentions = mentions
        order = sorted(range(len(mentions)), key=lambda i: mentions[i].start)
        self._starts = [mentions[i].start for i in order]
        self._order = order

    def inside(self, start: int, end: int) -> list[Mention]:
        """Mentions wholly inside ``[start, end)``, in the order of the list given."""
        lo = bisect_left(self._starts, start)
        hi = bisect_left(self._starts, end, lo)
        picked = sorted(i for i in self._order[lo:hi] if self._mentions[i].end <= end)
        return [self._mentions[i] for i in picked]


def build_document(text: str, gazetteer: Gazetteer | None = None) -> Document:
    """Clean ``text``, split it into sentences and find every actor and place mention once; generic nouns
    ("soldiers", "militants") are resolved for the story's setting (:func:`summarizer.gazetteer.localize`)."""
    gaz = gazetteer or default_gazetteer()
    view = clean_view(text)
    places = gaz.find_places(view.text)
    story_gaz, actors = localize(gaz, places, gaz.find_actors(view.text))
    return Document(
        original=text,
        view=view,
        sentences=split_sentences(view.text),
        actors=actors,
        places=places,
        gazetteer=story_gaz,
    )
