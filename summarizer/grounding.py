"""Grounding: align every evidence quote to the article text and check what the aligned span supports.

Alignment, tried in order (offsets always index the text as read, in Python code points, so they stay
right on Arabic or Kurdish names, curly quotes and em dashes):

1. ``exact``: the quote is a substring of the text.
2. ``normalized``: equal after folding (see :func:`fold`): whitespace removed (which also absorbs glued
   words such as "over100 militants"), quote marks removed, dashes unified, accents and case folded.
   The folded copy keeps a map back to the original characters.
3. ``fuzzy``: token alignment in the manner of google/langextract's aligner: the quote's tokens are
   matched in order (longest common subsequence) against windows of the text's tokens. A window is accepted
   when at least :data:`FUZZY_MIN_COVERAGE` of the quote's tokens are found (coverage) and at least
   :data:`FUZZY_MIN_DENSITY` of the text tokens between the first and last match are matches (density, so a
   quote cannot be assembled from words scattered over a paragraph). Quotes shorter than
   :data:`FUZZY_MIN_TOKENS` tokens are never aligned fuzzily: too many places would match.
4. ``unaligned``: none of the above; the item is not supported.

When several items of one kind quote the same passage and the passage occurs several times, they are
mapped to successive occurrences. Items of different kinds quoting one passage (an operation and the
casualty figure of the same sentence) share it.

Support checks, recorded in ``item.grounding.problems`` in plain words:

* casualty: the figure must appear in the aligned span: the count phrase itself, or every number of the
  phrase (in digits or as a number word) and every vague quantity word ("dozens", "several"); a count
  whose ``best`` disagrees with the shared count rules for its phrase is a problem too, and so is a phrase
  that drops a qualifier the evidence puts before the figure ("a dozen" where the text says "nearly a dozen").
* claim: the claimant (a distinctive token of the name, e.g. the surname, or a gazetteer alias of the body)
  appears within :data:`CLAIMANT_WINDOW` characters of the span (:data:`CLAIMANT_PRONOUN_WINDOW` back when
  the span attributes by pronoun: "..., he added").
* operation: a given name appears somewhere in the text.
* every other field (:mod:`summarizer.support`): a casualty's victims, perpetrator, place, date phrase and
  source, an operation's forces, targets, places and date phrase must be written in the evidence's
  neighbourhood (gazetteer aliases count), except that a figure linked to a grounded operation may carry
  that operation's place, date phrase and one of its sides as perpetrator (the event's own evidence supports
  them: a toll told paragraphs after its event is of that event); text addressed to a model supports nothing.
  Victims are required (a figure about nobody named is a problem); a failed optional field is set to null under
  ``strict`` (a warning says so) and marked under ``flag``. ``grounding.fields`` names each failed field.
* claim content: a paraphrase may not carry a number or a name that its quote, evidence and claimant lack.
* summary: a summary may not state a number or a name absent from the article; otherwise it is
  ``summary_grounding.status = unverified`` and, under ``strict``, emptied.

Policy: ``strict`` drops items with problems (a warning names each one and why) and unlinks references to
dropped operations; ``flag`` keeps them with status ``unverified``. Items without problems are ``verified``.
"""

from __future__ import annotations

import contextlib
import itertools
import math
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Literal

from rapidfuzz.distance import LCSseq

from summarizer.articles import TextView
from summarizer.counts import parse_count
from summarizer.gazetteer import Gazetteer, default_gazetteer, story_gazetteer
from summarizer.models import (
    Actor,
    Alignment,
    ArticleExtraction,
    CasualtyReport,
    Claim,
    Evidence,
    Grounding,
    GroundingStatus,
    Operation,
    Place,
)
from summarizer.support import Neighbourhoods, blank_spans

GroundingPolicy = Literal["strict", "flag"]
POLICIES: tuple[GroundingPolicy, ...] = ("strict", "flag")

#: Share of the quote's tokens that must be found, in order, in the text span.
FUZZY_MIN_COVERAGE = 0.8
#: Share of the text span's tokens (first to last match) that must be matches.
FUZZY_MIN_DENSITY = 0.7
#: Shorter quotes are aligned exactly or by folding only.
FUZZY_MIN_TOKENS = 4
#: How far (characters, either side of the evidence span) a claimant's name may stand.
CLAIMANT_WINDOW = 300
#: How far back the name may stand when the evidence attributes by pronoun ("he added").
CLAIMANT_PRONOUN_WINDOW = 900

# --------------------------------------------------------------------------- folding

_QUOTE_MARKS = frozenset("\"'`´‘’‚‛“”„‟«»‹›′″ʼʻ")
_DASHES = frozenset("-‐‑‒–—―−﹘﹣－")


@cache  # articles use few distinct characters; folding each once makes folding a text a cheap lookup
def _fold_char(ch: str) -> str:
    """What one original character becomes in the folded copy (possibly nothing, possibly several)."""
    if ch.isspace() or ch in _QUOTE_MARKS:
        return ""
    if ch in _DASHES:
        return "-"
    if ch == "…":
        return "..."
    if unicodedata.category(ch) == "Cf":  # zero-width joiners, soft hyphens, direction marks
        return ""
    decomposed = unicodedata.normalize("NFKD", ch)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def fold(text: str) -> TextView:
    """A folded copy of ``text`` for comparison, with a map from each folded character to the original."""
    out: list[str] = []
    offsets: list[int] = []
    for index, ch in enumerate(text):
        folded = _fold_char(ch)
        out.append(folded)
        offsets.extend([index] * len(folded))
    offsets.append(len(text))
    return TextView(text="".join(out), offsets=offsets)


# Code point -> folded form of every character met so far: folding a string is then ``str.translate`` (in C).
_FOLD_TABLE: dict[int, str] = {}


def fold_str(text: str) -> str:
    """Only the folded string (for containment tests): the same string as ``fold(text).text``."""
    for code in set(map(ord, text)).difference(_FOLD_TABLE):  # characters not met before: usually none
        _FOLD_TABLE[code] = _fold_char(chr(code))
    return text.translate(_FOLD_TABLE)


# --------------------------------------------------------------------------- tokens

# Letters and digits are separate tokens ("over100" -> "over", "100"), as are the halves of a glued
# lower-upper pair ("JointOperations" -> "Joint", "Operations").
_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+")
_CAMEL = re.compile(r"(?<=[^\W\d_])(?=[A-Z][a-z])")


@dataclass(frozen=True)
class Token:
    text: str
    start: int
    end: int


def tokenize(text: str) -> list[Token]:
    """Word and number tokens of ``text`` with their offsets in it."""
    tokens: list[Token] = []
    for match in _TOKEN.finditer(text):
        word, base = match.group(0), match.start()
        cuts = [0, *(m.start() for m in _CAMEL.finditer(word)), len(word)]
        tokens.extend(Token(word[a:b], base + a, base + b) for a, b in itertools.pairwise(cuts) if a < b)
    return tokens


def _token_key(word: str) -> str:
    # Light normalisation so "forces"/"force" and "killed"/"kill" still match; not a real stemmer.
    key = fold_str(word)
    for suffix in ("ing", "ed", "es", "s"):
        if len(key) > len(suffix) + 2 and key.endswith(suffix):
            return key[: -len(suffix)]
    return key


# --------------------------------------------------------------------------- alignment


@dataclass(frozen=True)
class Span:
    """Where a quote was found: ``text[start:end]``, how, and how well (1.0 for exact and normalized)."""

    start: int
    end: int
    alignment: Alignment
    score: float


class Aligner:
    """Aligns quotes to one text; remembers which occurrences each item kind has used."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._folded: TextView | None = None
        self._folded_text: str | None = None
        self._tokens: list[Token] | None = None
        self._keys: list[int] | None = None
        self._key_ids: dict[str, int] = {}
        self._used: dict[str, set[tuple[int, int]]] = {}

    @property
    def folded(self) -> TextView:
        if self._folded is None:
            self._folded = fold(self.text)
        return self._folded

    @property
    def folded_text(self) -> str:
        """``fold_str(text)``, once per text (cheaper than :attr:`folded` when the map is not needed)."""
        if self._folded_text is None:
            self._folded_text = self._folded.text if self._folded is not None else fold_str(self.text)
        return self._folded_text

    def _token_index(self) -> tuple[list[Token], list[int]]:
        # Token keys become small integers once per text: rapidfuzz compares integer lists much faster.
        if self._tokens is None or self._keys is None:
            self._tokens = tokenize(self.text)
            self._keys = [self._key_ids.setdefault(_token_key(t.text), len(self._key_ids)) for t in self._tokens]
        return self._tokens, self._keys

    def align(self, quote: str, kind: str = "", hint: tuple[int | None, int | None] = (None, None)) -> Span | None:
        """Find ``quote`` in the text; ``kind`` groups items whose repeated quotes take successive occurrences.

        ``hint`` is a span a backend already chose; it is kept when it holds the quote verbatim.
        """
        used = self._used.setdefault(kind, set())
        quote = quote.strip()
        if not quote:
            return None
        start, end = hint
        if start is not None and end is not None and self.text[start:end] == quote:
            span: Span | None = Span(start, end, Alignment.exact, 1.0)
        else:
            span = (
                self._pick(self._exact(quote), used)
                or self._pick(self._normalized(quote), used)
                or self._fuzzy(quote, used)
            )
        if span is not None:
            used.add((span.start, span.end))
        return span

    @staticmethod
    def _pick(spans: Iterable[Span], used: set[tuple[int, int]]) -> Span | None:
        """The first occurrence not used yet by an item of the same kind, else the first occurrence."""
        first = None
        for span in spans:
            if (span.start, span.end) not in used:
                return span
            first = first or span
        return first

    def _exact(self, quote: str) -> Iterable[Span]:
        start = self.text.find(quote)
        while start >= 0:
            yield Span(start, start + len(quote), Alignment.exact, 1.0)
            start = self.text.find(quote, start + 1)

    def _normalized(self, quote: str) -> Iterable[Span]:
        needle = fold_str(quote)
        if not needle:
            return
        view = self.folded
        pos = view.text.find(needle)
        while pos >= 0:
            start, end = view.to_original(pos, pos + len(needle))
            if _boundary(self.text, start) and _boundary(self.text, end):
                yield Span(*self._widen_quotes(quote, start, end), Alignment.normalized, 1.0)
            pos = view.text.find(needle, pos + 1)

    def _widen_quotes(self, quote: str, start: int, end: int) -> tuple[int, int]:
        # Folding drops quote marks; give them back to the span when the quote itself opens or closes with one.
        if quote[0] in _QUOTE_MARKS and start > 0 and self.text[start - 1] in _QUOTE_MARKS:
            start -= 1
        if quote[-1] in _QUOTE_MARKS and end < len(self.text) and self.text[end] in _QUOTE_MARKS:
            end += 1
        return start, end

    def _fuzzy(self, quote: str, used: set[tuple[int, int]]) -> Span | None:
        tokens, keys = self._token_index()
        wanted = [self._key_ids.get(_token_key(t.text), -1) for t in tokenize(quote)]  # -1: not in the text
        if len(wanted) < FUZZY_MIN_TOKENS:
            return None
        needed = math.ceil(FUZZY_MIN_COVERAGE * len(wanted))
        # An accepted span's first match is one of the first n - ceil(coverage * n) + 1 quote tokens, so only
        # text tokens equal to one of those can start a window (lossless, and ~5x fewer windows).
        anchors = set(wanted[: len(wanted) - needed + 1])
        width = int(len(wanted) / FUZZY_MIN_DENSITY) + 1  # no accepted span can be longer than this
        candidates: dict[tuple[int, int], float] = {}
        for i, key in enumerate(keys):
            if key not in anchors:
                continue
            window = keys[i : i + width]
            if not LCSseq.similarity(wanted, window, score_cutoff=needed):
                continue  # cheap length-only test first; the alignment itself only for promising windows
            matched = [op for op in LCSseq.opcodes(wanted, window) if op.tag == "equal"]
            hits = sum(op.src_end - op.src_start for op in matched)
            if not hits:
                continue
            first, last = matched[0].dest_start, matched[-1].dest_end - 1
            coverage = hits / len(wanted)
            density = hits / (last - first + 1)
            if coverage >= FUZZY_MIN_COVERAGE and density >= FUZZY_MIN_DENSITY:
                span = (tokens[i + first].start, tokens[i + last].end)
                candidates[span] = max(candidates.get(span, 0.0), round(coverage * density, 4))
        if not candidates:
            return None
        ranked = sorted(candidates.items(), key=lambda item: (-item[1], item[0][0]))
        best = ranked[0][1]
        spans = [Span(s, e, Alignment.fuzzy, score) for (s, e), score in ranked if score >= best - 1e-9]
        return self._pick(spans, used)


def _boundary(text: str, pos: int) -> bool:
    """Is ``pos`` a plausible word edge? Letter-digit and lower-upper joins count (glued words)."""
    if pos <= 0 or pos >= len(text):
        return True
    left, right = text[pos - 1], text[pos]
    if not (left.isalnum() and right.isalnum()):
        return True
    if left.isdigit() != right.isdigit():
        return True
    return left.islower() and right.isupper()


# --------------------------------------------------------------------------- figures

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
# Words that carry a quantity without a number; each must appear in the span when the phrase has it.
_VAGUE = {
    "dozen": "dozen", "dozens": "dozen", "several": "several", "few": "few", "couple": "couple",
    "scores": "score", "score": "score", "hundreds": "hundred", "thousands": "thousand", "tens": "tens",
    "number": "number", "many": "many", "some": "some", "handful": "handful",
}  # fmt: skip
_WORD = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?|[^\W\d_]+", re.UNICODE)


def _words(text: str) -> list[str]:
    # Number words are matched on the folded, un-hyphenated text, so "twenty-two" and "twenty two" agree.
    return [w.casefold() for w in _WORD.findall(text.replace("-", " ").replace("‑", " "))]


def numbers_in(text: str) -> set[int]:
    """Every number written in ``text``: digits ("3,000", glued "over100") and number words ("twenty-two")."""
    found: set[int] = set()
    words = _words(text)
    i = 0
    while i < len(words):
        word = words[i]
        if word[0].isdigit():
            with contextlib.suppress(ValueError):
                found.add(int(float(word.replace(",", ""))))
            i += 1
            continue
        if word in _UNITS or word in _TENS:
            value = _UNITS.get(word) or _TENS.get(word, 0)
            i += 1
            if word in _TENS and i < len(words) and words[i] in _UNITS and 0 < _UNITS[words[i]] < 10:
                value += _UNITS[words[i]]
                i += 1
            while i < len(words) and words[i] in _SCALES:
                value *= _SCALES[words[i]]
                i += 1
            found.add(value)
            continue
        i += 1
    return found


def figure_terms(phrase: str) -> tuple[set[int], set[str]]:
    """The numbers and the vague quantity words a count phrase carries."""
    vague = {_VAGUE[w] for w in _words(phrase) if w in _VAGUE}
    return numbers_in(phrase), vague


# --------------------------------------------------------------------------- checks


# Words that change what a figure means ("nearly a dozen" is not "a dozen"); dropping one inflates or narrows it.
_QUALIFIERS = (
    "at least", "no fewer than", "a minimum of", "more than", "over", "upwards of", "in excess of", "exceeding",
    "nearly", "almost", "just under", "close to", "about", "around", "approximately", "roughly", "some",
    "an estimated", "up to", "as many as",
)  # fmt: skip


def _dropped_qualifier(phrase: str, span_text: str) -> list[str]:
    """A problem when every mention of the phrase's figure in the span carries a qualifier the phrase lacks."""
    numbers, vague = figure_terms(phrase)
    phrase_text = " ".join(_words(phrase))
    words = _words(span_text)
    found: list[str] = []
    for i, word in enumerate(words):
        is_figure = bool(
            (word[0].isdigit() and numbers_in(word) & numbers)
            or ((word in _UNITS or word in _TENS) and numbers_in(" ".join(words[i : i + 4])) & numbers)
        )
        if word == "dozen" and "dozen" in vague:
            is_figure = True
            i -= 1 if i and words[i - 1] == "a" else 0  # "nearly a dozen": look before the article
        if not is_figure or (i and words[i - 1] in _UNITS | _TENS):
            continue
        before = " ".join(words[max(0, i - 3) : i])
        qualifier = next((q for q in _QUALIFIERS if before == q or before.endswith(" " + q)), None)
        if qualifier is None or qualifier in phrase_text:
            return []  # one mention says what the phrase says
        found.append(qualifier)
    if not found:
        return []
    return [f"the evidence says {found[0]!r} before the figure but the count phrase {phrase!r} does not"]


def _casualty_problems(item: CasualtyReport, span_text: str) -> list[str]:
    problems: list[str] = []
    count = item.count
    if count.best is None:
        problems.append(f"count phrase {count.phrase!r} holds no figure the count rules can read")
    expected = parse_count(count.phrase)
    if expected is not None and count.best is not None and expected.best != count.best:
        problems.append(
            f"count best {count.best} disagrees with the phrase {count.phrase!r} (rules give {expected.best})"
        )
    problems += _dropped_qualifier(count.phrase, span_text)
    if fold_str(count.phrase) in fold_str(span_text):
        return problems
    numbers, vague = figure_terms(count.phrase)
    if not numbers and not vague:
        problems.append(f"count phrase {count.phrase!r} does not appear in its evidence")
        return problems
    present_numbers = numbers_in(span_text)
    present_vague = {_VAGUE[w] for w in _words(span_text) if w in _VAGUE}
    for number in sorted(numbers - present_numbers):
        problems.append(f"figure {number} (from {count.phrase!r}) does not appear in its evidence")
    for word in sorted(vague - present_vague):
        problems.append(f"quantity word {word!r} (from {count.phrase!r}) does not appear in its evidence")
    return problems


_TITLES = {
    "mr", "mrs", "ms", "dr", "sheikh", "sayyid", "general", "gen", "major", "maj", "lieutenant", "lt", "colonel",
    "col", "brigadier", "brig", "captain", "capt", "commander", "sergeant", "staff", "chief", "minister", "prime",
    "president", "vice", "deputy", "spokesperson", "spokesman", "spokeswoman", "official", "officials", "the", "of",
    "for", "and", "al", "el", "abu", "bin", "ibn", "ministry", "office", "media", "statement", "source", "sources",
    "iraqi", "kurdish", "us", "u", "s", "forces", "force", "security", "army", "head", "mayor", "expert",
}  # fmt: skip


_PRONOUN_ATTRIBUTION = re.compile(
    r"\b(?:he|she|they)\s+(?:also\s+)?(?:said|added|noted|explained|told|stated|argued|stressed|continued|warned)\b"
    r"|\baccording to (?:him|her|them)\b",
    re.IGNORECASE,
)


def claimant_tokens(name: str) -> list[str]:
    """Distinctive tokens of a claimant's name (surname, body name), folded; all tokens if none is distinctive."""
    parts = [t.text for t in tokenize(name) if len(t.text) >= 3]
    distinctive = [p for p in parts if p.casefold() not in _TITLES]
    return [fold_str(p) for p in (distinctive or parts)]


def _source_named(name: str, text: str, start: int, end: int) -> bool:
    """Is the claimant or source ``name`` named within the claimant window of ``text[start:end]``?"""
    back = CLAIMANT_WINDOW
    if _PRONOUN_ATTRIBUTION.search(text, start, end):
        # "..., he added." names its speaker sentences earlier: follow the chain further back.
        back = CLAIMANT_PRONOUN_WINDOW
    window = text[max(0, start - back) : end + CLAIMANT_WINDOW]
    folded = fold_str(window)
    if any(token in folded for token in claimant_tokens(name)):
        return True
    gazetteer = default_gazetteer()
    entry = gazetteer.actor_entry(name)
    if entry is not None and any(m.entry is entry for m in gazetteer.find_actors(window)):
        return True
    return _named_before_as_the(name, text, start, window)


def _named_before_as_the(name: str, text: str, start: int, window: str) -> bool:
    """ "The Ministry of National Defence announced ... The ministry also said": a body named in full earlier in the
    article and again as "the ministry" near the evidence."""
    words = [t.text.casefold() for t in tokenize(name)]
    heads = [w for w in words if w in _BODY_HEADS]
    if not heads or not re.search(rf"(?i)\bthe\s+(?:[\w-]+\s+)?(?:{'|'.join(heads)})\b", window):
        return False
    earlier = fold_str(text[:start])
    return all(token in earlier for token in claimant_tokens(name))


# The head nouns a body is named by again ("the ministry", "the office", "the agency", "the network")
_BODY_HEADS = frozenset(
    {"ministry", "office", "agency", "network", "commission", "committee", "council", "directorate", "bureau",
     "command", "mission", "service", "centre", "center", "department", "authority", "group", "movement", "army"}
)  # fmt: skip


def _claim_problems(item: Claim, text: str, start: int, end: int) -> list[str]:
    name = item.claimant.name
    if _source_named(name, text, start, end):
        return []
    return [f"claimant {name!r} is not named within {CLAIMANT_WINDOW} characters of the evidence"]


_NAME_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_SENTENCE_OPENING = re.compile(r"(?:^|[.!?:]\s*)[\"'“‘(\[]*\s*$")


def _in_gazetteer(gazetteer: Gazetteer, word: str) -> bool:
    return bool(gazetteer.place_entry(word) or gazetteer.actor_entry(word))


def _names(statement: str) -> list[str]:
    """Capitalised words within a sentence, and sentence-initial words that are all capitals or that the
    gazetteer knows ("PKK attacked...", "Baghdad was hit..."): the names a statement carries."""
    gazetteer = default_gazetteer()
    names: list[str] = []
    for match in _NAME_WORD.finditer(statement):
        word = match.group(0).rstrip("'’-")
        if not word[:1].isupper():
            continue
        opening = _SENTENCE_OPENING.search(statement, max(0, match.start() - 4), match.start()) is not None
        opening = opening or not statement[: match.start()].strip()
        known = opening and len(word) > 1 and (word.isupper() or _in_gazetteer(gazetteer, word))
        if not opening or known:
            names.append(word)
    return names


def unsupported_terms(statement: str, source_folded: str, source_numbers: set[int]) -> list[str]:
    """Numbers and names of ``statement`` that its source lacks, in plain words (numbers 0 and 1 are free).

    A source supports a name when its folded text contains it.
    """
    problems: list[str] = []
    for number in sorted(numbers_in(statement) - source_numbers - {0, 1}):
        problems.append(f"number {number}")
    seen: set[str] = set()
    for name in _names(statement):
        key = fold_str(name.removesuffix("'s").removesuffix("’s"))
        if len(key) < 2 or key in seen:
            continue
        seen.add(key)
        if key not in source_folded:
            problems.append(f"name {name!r}")
    return problems


def other_names(statement: str, source: str, source_canonicals: set[str] | None = None) -> list[str]:
    """Names ``statement`` may use for what ``source`` names: the canonical names of the gazetteer's actors and
    places in ``source``, and the aliases ``statement`` uses for those same entries ("Islamic State" where the
    source says "IS")."""
    gazetteer = default_gazetteer()
    if source_canonicals is None:
        mentions = [*gazetteer.find_actors(source), *gazetteer.find_places(source)]
        source_canonicals = {m.entry.canonical for m in mentions if m.entry is not None}
    used = [*gazetteer.find_actors(statement), *gazetteer.find_places(statement)]
    same = [m.text for m in used if m.entry is not None and m.entry.canonical in source_canonicals]
    return [*source_canonicals, *same]


def _content_problems(item: Claim, span_text: str) -> list[str]:
    source = " ".join([span_text, item.quote or "", item.claimant.name, item.claimant.role or ""])
    folded = fold_str(source) + "|" + fold_str("|".join(other_names(item.content, source)))
    missing = unsupported_terms(item.content, folded, numbers_in(source))
    if not missing:
        return []
    return [f"claim content carries {', '.join(missing)} that its quote lacks"]


def _operation_problems(item: Operation, folded_text: str) -> list[str]:
    if item.name and fold_str(item.name) not in folded_text:
        return [f"operation name {item.name!r} does not appear in the article"]
    return []


# --------------------------------------------------------------------------- the step


def _apply(evidence: Evidence, span: Span | None) -> None:
    if span is None:
        evidence.start = evidence.end = None
        evidence.alignment = Alignment.unaligned
        evidence.score = 0.0
        return
    evidence.start, evidence.end = span.start, span.end
    evidence.alignment = span.alignment
    evidence.score = span.score


def _describe(item: Operation | CasualtyReport | Claim) -> str:
    if isinstance(item, CasualtyReport):
        return f"{item.id} ({item.count.phrase} {item.victims.name} {item.outcome.value})"
    if isinstance(item, Claim):
        return f"{item.id} (claim by {item.claimant.name})"
    return f"{item.id} ({item.name or item.kind.value})"


def check_item(
    item: Operation | CasualtyReport | Claim, aligner: Aligner, kind: str, hood: Neighbourhoods | None = None
) -> list[str]:
    """Align one item's evidence (setting its offsets) and return the support problems found.

    With ``hood`` (the text's neighbourhoods, untrusted text blanked), names are looked up there, so a
    name written only in text addressed to a model supports nothing.
    """
    evidence = item.evidence
    span = aligner.align(evidence.quote, kind, (evidence.start, evidence.end))
    _apply(evidence, span)
    text = hood.text if hood is not None else aligner.text
    problems: list[str] = []
    if span is None:
        problems.append("evidence quote not found in the article")
    if isinstance(item, Operation):
        problems += _operation_problems(item, aligner.folded_text)
    elif span is not None and isinstance(item, CasualtyReport):
        problems += _casualty_problems(item, aligner.text[span.start : span.end])
        victims = item.victims
        if hood is not None and not hood.name_near(victims.name, span.start, span.end, "actor", victims.canonical):
            problems.append(f"victims {item.victims.name!r} are not named near the evidence")
    elif span is not None and isinstance(item, Claim):
        problems += _claim_problems(item, text, span.start, span.end)
        problems += _content_problems(item, aligner.text[span.start : span.end])
    elif isinstance(item, CasualtyReport) and item.count.best is None:
        problems.append(f"count phrase {item.count.phrase!r} holds no figure the count rules can read")
    return problems


# --------------------------------------------------------------------------- the other fields


@dataclass
class FieldFailure:
    """An optional field of an item that its evidence's neighbourhood does not support."""

    field: str
    value: str
    clear: Callable[[], None]  # sets the field to null (or drops the entry from its list)
    why: str = "is not written near the evidence"

    @property
    def problem(self) -> str:
        return f"{self.field} {self.value!r} {self.why}"


_NOT_NAMED = "is not named in the article"


def _actor_near(actor: Actor, hood: Neighbourhoods, start: int, end: int) -> bool:
    return hood.name_near(actor.name, start, end, "actor", actor.canonical)


def _place_near(place: Place, hood: Neighbourhoods, start: int, end: int) -> bool:
    return hood.name_near(place.name, start, end, "place", place.canonical)


def _from_event(cas: CasualtyReport, event: Operation | None) -> tuple[bool, bool, bool]:
    """Whether the figure's place, date and perpetrator are those of the grounded operation it is linked to: a
    figure told paragraphs after its event ("the volunteers had buried 41 people") takes the event's place, day
    and sides, and the text supports them through the event's own evidence."""
    if event is None:
        return False, False, False
    names = {(p.canonical or p.name).casefold() for p in event.places}
    place = cas.place is not None and (cas.place.canonical or cas.place.name).casefold() in names
    date = cas.date is not None and event.date is not None and cas.date.phrase == event.date.phrase
    sides = {(a.canonical or a.name).casefold() for a in (*event.by, *event.against)}
    hand = cas.perpetrator is not None and (cas.perpetrator.canonical or cas.perpetrator.name).casefold() in sides
    return place, date, hand


def field_failures(
    item: Operation | CasualtyReport | Claim, hood: Neighbourhoods, event: Operation | None = None
) -> list[FieldFailure]:
    """The optional fields of an aligned item that are not written near its evidence (a casualty figure's place
    and date may instead be those of ``event``, the grounded operation it is linked to)."""
    start, end = item.evidence.start, item.evidence.end
    if start is None or end is None or isinstance(item, Claim):
        return []
    failures: list[FieldFailure] = []
    if isinstance(item, CasualtyReport):
        cas = item
        event_place, event_date, event_hand = _from_event(cas, event)
        if cas.perpetrator is not None and not event_hand and not _actor_near(cas.perpetrator, hood, start, end):
            failures.append(FieldFailure("perpetrator", cas.perpetrator.name, lambda: setattr(cas, "perpetrator", None)))  # noqa: E501
        if cas.place is not None and not event_place and not _place_near(cas.place, hood, start, end):
            failures.append(FieldFailure("place", cas.place.name, lambda: setattr(cas, "place", None)))
        if cas.date is not None and not event_date and not hood.phrase_near(cas.date.phrase, start, end):
            failures.append(FieldFailure("date", cas.date.phrase, lambda: setattr(cas, "date", None)))
        if cas.reported_by is not None and not _source_named(cas.reported_by.name, hood.text, start, end):
            failures.append(FieldFailure("reported_by", cas.reported_by.name, lambda: setattr(cas, "reported_by", None)))  # noqa: E501
        return failures
    # An operation is told over a story (its forces gathered from several paragraphs): its forces, targets
    # and places must be named in the article's trusted text, its date phrase near its evidence.
    op = item
    for field in ("by", "against"):
        actors: list[Actor] = getattr(op, field)
        for actor in [a for a in actors if not hood.name_in_text(a.name, "actor", a.canonical)]:
            failures.append(FieldFailure(field, actor.name, lambda a=actor, lst=actors: lst.remove(a), _NOT_NAMED))  # type: ignore[misc]
    for place in [p for p in op.places if not hood.name_in_text(p.name, "place", p.canonical)]:
        failures.append(FieldFailure("places", place.name, lambda p=place: op.places.remove(p), _NOT_NAMED))  # type: ignore[misc]
    if op.date is not None and not hood.phrase_near(op.date.phrase, start, end):
        failures.append(FieldFailure("date", op.date.phrase, lambda: setattr(op, "date", None)))
    missing = unsupported_terms(op.summary, hood.names_for(op.summary), hood.numbers) if op.summary else []
    if missing:
        why = f"states {', '.join(missing)} absent from the article"
        failures.append(FieldFailure("summary", op.summary, lambda: setattr(op, "summary", ""), why))
    return failures


def _failed_fields(problems: list[str]) -> list[str]:
    fields = []
    for problem in problems:
        head = problem.split(" ", 1)[0]
        field = {
            "figure": "count", "quantity": "count", "count": "count", "the": "count", "claim": "content",
            "operation": "name",
        }.get(head, head if head in ("victims", "claimant") else "evidence")  # fmt: skip
        if field not in fields:
            fields.append(field)
    return fields


def summary_problems(extraction: ArticleExtraction, hood: Neighbourhoods) -> list[str]:
    """Numbers and names of the article summary that the (trusted) article text lacks."""
    if not extraction.summary.strip():
        return []
    missing = unsupported_terms(extraction.summary, hood.names_for(extraction.summary), hood.numbers)
    problems = [f"the summary states {m} absent from the article" for m in missing]
    folded = fold_str(extraction.summary)
    if any(passage in folded for passage in hood.untrusted_folded):
        problems.append("the summary repeats text addressed to a model")
    return problems


def ground_extraction(
    extraction: ArticleExtraction,
    text: str,
    policy: GroundingPolicy = "strict",
    *,
    copy: bool = True,
    untrusted: Sequence[tuple[int, int]] = (),
) -> ArticleExtraction:
    """Return a copy with offsets, alignment and a grounding verdict on every item.

    ``strict`` drops unsupported items (recording why in ``warnings``) and sets unsupported optional
    fields to null; ``flag`` keeps them marked ``unverified``, naming the failed fields. ``untrusted`` are
    spans of text addressed to a model (sorted): nothing written only there supports a field.
    ``copy=False`` edits ``extraction`` itself (for a caller that already holds a copy).
    """
    result = extraction.model_copy(deep=True) if copy else extraction
    warnings = list(result.warnings)
    aligner = Aligner(text)
    # a story's own forces named by generic nouns ("troops" in a Cauca story are Colombia's) are named by them
    hood = Neighbourhoods(text, untrusted, story=story_gazetteer(blank_spans(text, untrusted)))
    dropped_ops: set[str] = set()
    grounded_ops: dict[str, Operation] = {}
    for field in ("operations", "casualties", "claims"):
        kept = []
        for item in getattr(result, field):
            problems = check_item(item, aligner, field, hood)
            failed = _failed_fields(problems)
            if not problems:
                event = grounded_ops.get(item.operation_id or "") if isinstance(item, CasualtyReport) else None
                for failure in field_failures(item, hood, event):
                    if policy == "flag":
                        problems.append(failure.problem)
                        failed.append(failure.field)
                    else:
                        failure.clear()
                        warnings.append(f"{item.id}: {failure.problem}; set to null")
            if not problems:
                item.grounding = Grounding(status=GroundingStatus.verified)
                kept.append(item)
                if isinstance(item, Operation):
                    grounded_ops[item.id] = item
            elif policy == "flag":
                item.grounding = Grounding(status=GroundingStatus.unverified, problems=problems, fields=failed)
                kept.append(item)
            else:
                item.grounding = Grounding(status=GroundingStatus.unverified, problems=problems, fields=failed)
                warnings.append(f"dropped {_describe(item)}: {'; '.join(problems)}")
                if isinstance(item, Operation):
                    dropped_ops.add(item.id)
        setattr(result, field, kept)
    summary = summary_problems(result, hood)
    result.summary_grounding = Grounding(
        status=GroundingStatus.unverified if summary else GroundingStatus.verified,
        problems=summary,
        fields=["summary"] if summary else [],
    )
    if summary and policy == "strict":
        warnings.append(f"summary withheld: {'; '.join(summary)}")
        result.summary = ""
    linked: list[CasualtyReport | Claim] = [*result.casualties, *result.claims]
    for item in linked:
        if item.operation_id in dropped_ops:
            warnings.append(f"{item.id}: unlinked from dropped operation {item.operation_id}")
            item.operation_id = None
    result.warnings = warnings
    return result
