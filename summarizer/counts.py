"""Count normalisation: a figure as written -> low/best/high. One implementation for every backend.

This module is the project's single place for the count rules; the gold fixtures, the offline engine and
the normalisation of LLM drafts all call :func:`parse_count`. ``high`` is ``None`` when the phrase is
open-ended. ``Count.rule`` names the row applied.

=========  ===========================================================  ==================  ====  ===================
rule       phrase family (case-insensitive)                             low                 best  high
=========  ===========================================================  ==================  ====  ===================
exact      "N", "3,000", number words ("ten", "twenty-two", "a          N                   N     N
           hundred"), "a"/"an"/"one" + singular noun ("an officer")
dozen      "a dozen" ("two dozen" = 24, "half a dozen" = 6)              12                  12    12
at_least   "at least N", "no fewer than N", "no less than N",           N                   N     null
           "a minimum of N", "as few as N"
more_than  "more than N", "over N", "upwards of N", "in excess of N",   N+1                 N+1   null
           "exceeding N"
nearly     "nearly N", "almost N", "just under N", "close to N"         N - max(1, r(N/5))  N-1   N-1
about      "about/around/approximately/roughly/some/an estimated N"     N - max(1, r(N/10)) N     N + max(1, r(N/10))
up_to      "up to N", "as many as N", "no more than N", "at most N"        1                   N     N
fewer_than "fewer than N", "less than N", "under N"                     1                   N-1   N-1
range      "N to M", "N-M", "N or M", "between N and M"; a scale word   N                   N     M
           on M applies to N ("two to three dozen" = 24-36)
couple     "a couple of"                                                2                   2     2
several    "a few", "several", "a number of", "a handful of", "some"    3                   3     null
           (no number)
tens       "tens of"                                                    10                  10    null
dozens     "dozens (of)", "several dozen", "a few dozen" (ACLED:         12                  12    null
           conservative)
scores     "scores of"                                                  20                  20    null
hundreds   "hundreds (of)"                                              100                 100   null
thousands  "thousands (of)"                                             1000                1000  null
=========  ===========================================================  ==================  ====  ===================

``r(x)`` rounds half up (``r(2.5) == 3``), so the bands do not depend on Python's banker's rounding.
A qualifier applies to any number, written in words or digits ("nearly a dozen" is ``nearly`` with N = 12:
10/11/11). Numbers are read with a small table (units, teens, tens, "hundred", "thousand", "million",
"dozen"), which is all that news figures need and keeps the engine dependency-free and fast.

:func:`find_counts` finds every count phrase in a text with its span; the offline engine decides which
of them are casualty figures.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from summarizer import lexicon
from summarizer.models import Count

# --------------------------------------------------------------------------- number words

_UNITS: dict[str, int] = dict(lexicon.mapping("number_units"))
_TENS: dict[str, int] = dict(lexicon.mapping("number_tens"))
_SCALES: dict[str, int] = dict(lexicon.mapping("number_scales"))

_UNIT_RE = "|".join(sorted(_UNITS, key=len, reverse=True))
_TENS_RE = "|".join(_TENS)
# "twenty-two", "twenty two", "seventeen", "ten"
_DIGIT_WORDS = "|".join(word for word, value in _UNITS.items() if 1 <= value <= 9)
_SMALL = rf"(?:(?:{_TENS_RE})(?:[-\s](?:{_DIGIT_WORDS})(?![\w-]))?|{_UNIT_RE})"
_SCALE_RE = rf"(?:{'|'.join(_SCALES)})"
# "one hundred and fifty", "two thousand five hundred", "a hundred", "3,000", "1.5 million", "2 dozen"
_WORD_NUMBER = rf"(?:(?:{_SMALL}|a)\s+{_SCALE_RE}(?:\s+(?:and\s+)?(?:{_SMALL})(?:\s+{_SCALE_RE})?)*|{_SMALL})"
_DIGITS = r"(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s+(?:thousand|million))?"
_DOZEN = rf"(?:half\s+a\s+dozen|(?:a|{_SMALL}|\d+)\s+dozen)"
NUMBER = rf"(?:{_DOZEN}|{_DIGITS}|{_WORD_NUMBER})"
#: Count rules with no number ("several", "a number of"): the briefing shows them as words and adds 0.
WORDS_ONLY_RULES = frozenset({"several"})

_QUALIFIERS: dict[str, str] = dict(lexicon.mapping("count_qualifiers"))
_VAGUE: dict[str, str] = dict(lexicon.mapping("vague_quantities"))
_VAGUE_VALUES: dict[str, tuple[int, int, int | None]] = {
    word: (low, best, high) for word, (low, best, high) in lexicon.mapping("vague_values").items()
}

_QUAL_RE = lexicon.alternation("count_qualifiers")
_VAGUE_RE = lexicon.alternation("vague_quantities")

#: A count phrase: a range, a qualified number or a vague quantity. Named groups drive :func:`_to_count`.
COUNT_PATTERN = re.compile(
    r"(?<![\w$£€.,:/-])(?<![Nn]o )(?<![Nn]ot )(?:"  # "no one", "not one": negations, not figures
    rf"(?P<between>between\s+(?P<b1>{NUMBER})\s+and\s+(?P<b2>{NUMBER}))"
    rf"|(?:(?P<qual>{_QUAL_RE})\s+)?(?:(?P<r1>{NUMBER})\s+(?:to|or)\s+(?P<r2>{NUMBER})"
    rf"|(?P<d1>{_DIGITS})\s*[-–—]\s*(?P<d2>{_DIGITS})"
    rf"|(?P<num>{NUMBER}))"
    rf"|(?P<vague>{_VAGUE_RE})"
    r")(?![\w%]|[.,:]\d)",
    re.IGNORECASE,
)

#: "a"/"an"/"one" + singular noun: handled by :func:`parse_count` for whole phrases only.
_ARTICLE_NOUN = re.compile(r"^(?:a|an|one)\s+[a-z][\w'’-]*", re.IGNORECASE)


def _round_half_up(value: float) -> int:
    return math.floor(value + 0.5)


def parse_number(text: str) -> int | None:
    """The value of a number written in digits or words ("3,000", "twenty-two", "a hundred", "two dozen")."""
    text = " ".join(text.lower().replace("-", " ").split())
    if not text:
        return None
    digits = re.fullmatch(r"(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s+(thousand|million))?", text)
    if digits:
        value = float(digits.group(1).replace(",", ""))
        if digits.group(2):
            value *= _SCALES[digits.group(2)]
        return round(value)
    if text == "half a dozen":
        return 6
    total = 0
    current = 0
    seen = False
    for word in text.split():
        if word == "and":
            continue
        if word == "a":
            current = max(current, 1)
            seen = True
        elif word.isdigit():
            current += int(word)
            seen = True
        elif word in _UNITS:
            current += _UNITS[word]
            seen = True
        elif word in _TENS:
            current += _TENS[word]
            seen = True
        elif word == "dozen":
            current = max(current, 1) * 12
            seen = True
        elif word == "hundred":
            current = max(current, 1) * 100
            seen = True
        elif word in ("thousand", "million"):
            total += max(current, 1) * _SCALES[word]
            current = 0
            seen = True
        else:
            return None
    return total + current if seen else None


def _qualified(phrase: str, rule: str, n: int) -> Count:
    if rule == "at_least":
        return Count(phrase=phrase, low=n, best=n, high=None, rule=rule)
    if rule == "more_than":
        return Count(phrase=phrase, low=n + 1, best=n + 1, high=None, rule=rule)
    if rule == "nearly":
        if n <= 1:  # "nearly one" cannot go below one person
            return Count(phrase=phrase, low=n, best=n, high=n, rule=rule)
        return Count(phrase=phrase, low=n - max(1, _round_half_up(n * 0.2)), best=n - 1, high=n - 1, rule=rule)
    if rule == "about":
        band = max(1, _round_half_up(n * 0.1))
        return Count(phrase=phrase, low=max(0, n - band), best=n, high=n + band, rule=rule)
    if rule == "up_to":
        return Count(phrase=phrase, low=min(1, n), best=n, high=n, rule=rule)
    if rule == "fewer_than":
        top = max(n - 1, 0)
        return Count(phrase=phrase, low=min(1, top), best=top, high=top, rule=rule)
    return Count(phrase=phrase, low=n, best=n, high=n, rule=rule)


def _exact_rule(number_text: str) -> str:
    return "dozen" if "dozen" in number_text.lower() else "exact"


_RANGE_SCALE = re.compile(r"\b(?:dozen|hundred|thousand|million)$", re.IGNORECASE)


def _to_count(match: re.Match[str], phrase: str) -> Count | None:
    if match.group("between") or match.group("r1") or match.group("d1"):
        first_text = match.group("b1") or match.group("r1") or match.group("d1")
        second_text = match.group("b2") or match.group("r2") or match.group("d2")
        first = parse_number(first_text)
        second = parse_number(second_text)
        if first is None or second is None:
            return None
        scale = _RANGE_SCALE.search(second_text)
        if scale and not _RANGE_SCALE.search(first_text) and first < 100:
            # "two to three dozen", "two or three hundred": the scale of the second number applies to both
            first *= parse_number(f"a {scale.group(0).lower()}") or 1
        low, high = sorted((first, second))
        return Count(phrase=phrase, low=low, best=low, high=high, rule="range")
    if match.group("num"):
        value = parse_number(match.group("num"))
        if value is None:
            return None
        qual = match.group("qual")
        rule = _QUALIFIERS[" ".join(qual.lower().split())] if qual else _exact_rule(match.group("num"))
        if rule == "exact" and qual is None:
            rule = _exact_rule(match.group("num"))
        return _qualified(phrase, rule, value)
    vague = match.group("vague")
    if vague:
        rule = _VAGUE[" ".join(vague.lower().split())]
        vague_low, vague_best, vague_high = _VAGUE_VALUES[rule]
        return Count(phrase=phrase, low=vague_low, best=vague_best, high=vague_high, rule=rule)
    return None


@dataclass(frozen=True)
class CountMatch:
    """A count phrase found in a text: ``text[start:end]`` is ``phrase``."""

    start: int
    end: int
    phrase: str
    count: Count


# Words a count phrase can open with: the full pattern is tried only where one of them (or a digit) starts,
# which keeps scanning a long article cheap.
_FIRST_WORDS = frozenset(
    {*_UNITS, *_TENS, "a", "an", "half", "between"} | {phrase.split()[0] for phrase in (*_QUALIFIERS, *_VAGUE)}
)
_WORD_START = re.compile(r"[A-Za-z]+|\d")


def find_counts(text: str) -> list[CountMatch]:
    """Every count phrase in ``text`` with its span, left to right (no overlaps)."""
    found: list[CountMatch] = []
    resume = 0
    for token in _WORD_START.finditer(text):
        start = token.start()
        if start < resume or not (token.group(0).isdigit() or token.group(0).lower() in _FIRST_WORDS):
            continue
        match = COUNT_PATTERN.match(text, start)
        if match is None:
            continue
        phrase = match.group(0)
        count = _to_count(match, phrase)
        if count is not None:
            found.append(CountMatch(match.start(), match.end(), phrase, count))
            resume = match.end()
    return found


# "A captain and eleven soldiers": one person by a noun, then "and" and a count of more (the engine joins them)
_ONE_AND_MORE = re.compile(r"(?i)^(?:a|an|one)\s+(?:[a-z][\w'’-]*\s+){1,3}?and\s+(?P<more>(?:an?\s|\d|[a-z]+\b).*)$")


# People counted by name: "Captain Musa Ali and two soldiers, Y and Z", "Sepoy A, 24, and Sepoy B, 31". Items are
# joined by commas and "and"; a personal name (two or more capitalised words, a rank included) or one relative ("his
# wife") is one person, a count phrase its number; an age after a name ("31", "aged 27") and a description set off by
# commas after it (", a farmer,") are no people; names set off by a comma after a figure of as many people are that
# figure's apposition ("two soldiers, Y and Z").
_LIST_SEPARATOR = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+")
_PERSON_NAME = re.compile(
    r"(?:[A-Z][\w'’.-]*)(?:\s+(?:(?:bin|ibn|al|el|de|da|dos|van|von)[\s-]+)?[A-Z][\w'’.-]*)*"
)
_LIST_AGE = re.compile(r"(?:aged\s+)?\d{1,2}")
_RELATIVE = re.compile(r"(?:his|her|their)\s+[a-z][\w'’-]*")
_DESCRIPTION = re.compile(r"(?:an?|the)\s+[a-z][\w'’ -]*")


def _named_list(text: str) -> Count | None:
    """The people a list of names and figures counts (see ``_PERSON_NAME``), or None when ``text`` is no such list."""
    if "," not in text and " and " not in text:
        return None
    parts = _LIST_SEPARATOR.split(text)
    separators = [m.group(0) for m in _LIST_SEPARATOR.finditer(text)]
    kinds: list[tuple[str, int]] = []  # (name | figure | skip, people)
    for index, part in enumerate(parts):
        previous = kinds[-1][0] if kinds else None
        comma = index > 0 and "," in separators[index - 1]
        if previous == "name" and comma and _LIST_AGE.fullmatch(part):
            kinds.append(("skip", 0))  # "Sepoy A, 24": an age
        elif _PERSON_NAME.fullmatch(part) and " " in part and not COUNT_PATTERN.match(part):
            kinds.append(("name", 1))
        elif previous == "name" and comma and _DESCRIPTION.fullmatch(part) and index + 1 < len(parts):
            kinds.append(("skip", 0))  # "Musa Bello, a farmer, and his wife": who the name is
        elif _RELATIVE.fullmatch(part):
            kinds.append(("name", 1))
        else:
            count = _simple_count(part)
            if count is None or count.rule != "exact" or count.best is None:
                return None
            kinds.append(("figure", count.best))
    if len(kinds) < 2 or not any(kind == "name" for kind, _ in kinds):
        return None
    for index, (kind, value) in enumerate(kinds):
        if kind != "figure" or index + 1 >= len(kinds) or "," not in separators[index]:
            continue
        run = [later for later in range(index + 1, len(kinds)) if kinds[later][0] != "skip"]
        names = []
        for later in run:
            if kinds[later][0] != "name":
                break
            names.append(later)
        if len(names) == value:
            for later in names:
                kinds[later] = ("skip", 0)
    total = sum(value for _, value in kinds)
    return Count(phrase=text, low=total, best=total, high=total, rule="exact")


def parse_count(phrase: str) -> Count | None:
    """Normalise a count phrase ("at least ten", "over 100", "nearly a dozen"); None if it holds no figure.

    The phrase may carry the noun it counts ("ten civilians", "an officer"); the first count in it is used
    and ``Count.phrase`` keeps the phrase as given. A list of people by name and by figure ("Captain Musa Ali and
    two soldiers") counts them all.
    """
    text = " ".join(phrase.split())
    if not text:
        return None
    return _named_list(text) or _simple_count(text)


def _simple_count(text: str) -> Count | None:
    if not text:
        return None
    pair = _ONE_AND_MORE.match(text)
    if pair is not None:
        # "a captain and eleven soldiers", "an officer and a soldier": one man named and the men with him
        more = parse_count(pair.group("more"))
        if more is not None and more.best is not None and more.rule == "exact":
            total = more.best + 1
            return Count(phrase=text, low=total, best=total, high=total, rule="exact")
    match = COUNT_PATTERN.search(text)
    if match is not None:
        count = _to_count(match, text)
        if count is not None:
            return count
    if _ARTICLE_NOUN.match(text):
        return Count(phrase=text, low=1, best=1, high=1, rule="exact")
    return None
