"""The one sentence splitter: sentences with character spans, aware of abbreviations and quotations.

Line breaks are hard boundaries (news text puts headlines, bylines and paragraphs on their own lines); inside a
line a sentence ends at ``.``, ``!`` or ``?`` followed by white space and a capital, digit or opening quote,
unless the dot closes a known abbreviation ("Maj. Gen.", "U.S.", "Lt. Col.", from the lexicon) or a single
initial, or a double quotation opened before it closes later in the line. Linear in the length of the text.

Used by the offline engine (on the cleaned view of an article), by chunking, by the casualty-to-operation links
and by the injection screen, so that every part of the package agrees on where a sentence ends.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from summarizer import lexicon

# Titles and abbreviations that end with a dot but rarely end a sentence. Lower-cased, without the dot.
ABBREVIATIONS = lexicon.words("abbreviations")

_LINE = re.compile(r"[^\n]+")
# A candidate end: terminal punctuation (possibly repeated or an ellipsis), closing quotes/brackets,
# then white space and something that can open a sentence.
_END = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])|(?<=[a-z]{2}\.)(?=[A-Z][a-z])")
_QUOTES = '"“”'
_QUOTE_RE = re.compile(f"[{_QUOTES}]")


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
        self.positions = [m.start() for m in _QUOTE_RE.finditer(line)]  # a C-speed scan, not one step per character

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


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Half-open spans that tile ``text`` from 0 to its end, one per sentence: the white space after a sentence
    belongs to it, text before the first sentence to the first."""
    starts = [s.start for s in split_sentences(text)]
    if not starts:
        return [(0, len(text))] if text else []
    starts[0] = 0
    return [(start, end) for start, end in zip(starts, [*starts[1:], len(text)], strict=True)]
