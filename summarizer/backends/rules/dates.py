"""Date phrases as reporters write them ("on Sunday", "last Thursday", "late on Sunday", "in late July").

Only finds and classifies phrases; resolving them against the publication date is the shared
normalisation step's job. A phrase is *historical* when it names a month, a year or a span reaching back
("since November 27", "earlier this year"): news events of the day are dated by weekday or by a
full date, so an item dated this way is context (``background``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from summarizer import lexicon
from summarizer.caseless import Caseless, Hinted

_DAYS = rf"(?:{lexicon.alternation('weekdays')})"
# full names, or an abbreviation with its dot ("Jan.", "Sept.")
_DOTTED = (a + "." for a in lexicon.entries("month_abbreviations"))
_MONTHS = rf"(?:{lexicon.alternate([*lexicon.entries('months'), *_DOTTED])})"
# next to a day number a month may be abbreviated without its dot: "Sept 2", "Jan 5"
_MONTHS_BY_DAY = rf"(?:{_MONTHS}|(?:{lexicon.alternation('month_abbreviations')})\.?)"
_PART = r"(?:\s+(?:night|morning|evening|afternoon))"
_EDGE = r"(?:(?i:late|early|mid)[\s-]+)"
_YEAR = r"(?:19|20)\d{2}"

_PATTERNS: list[tuple[str, str]] = [
    # full dates: "on October 16, 2017", "16 October 2017", "October 16"
    ("day", rf"(?:(?i:on|since|by|until)\s+)?{_MONTHS_BY_DAY}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+{_YEAR})?\b"),
    ("day", rf"(?:(?i:on|since|by|until)\s+)?\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTHS_BY_DAY}(?:,?\s+{_YEAR})?\b"),
    # weekdays: "late on Sunday", "last Thursday", "Tuesday night", "on Sunday", "a Thursday attack"
    ("day", rf"(?:{_EDGE}(?i:on\s+))?(?:(?i:on|last|this|next|since|by|until|early|late)\s+)?{_DAYS}{_PART}?\b"),
    # months and years: "in late July", "last July", "in 2014", "in late 2017", "since 2014"
    ("month", rf"(?:(?i:in|last|since|during|until|by|from|early|late|mid)\s+)?{_EDGE}?{_MONTHS}(?:\s+{_YEAR})?\b"),
    ("year", rf"(?:(?i:in|since|during|until|by|from)\s+){_EDGE}?{_YEAR}\b"),
    # a year naming an event: "the 2016 battle to retake Fallujah", "the 2014 fall of Mosul", "the 2021 Palma attack"
    (
        "year",
        rf"(?i:the)\s+{_YEAR}(?=\s+(?:[\w'’-]+\s+){{0,2}}?(?i:{lexicon.alternation('event_nouns')}|battle|siege"
        r"|massacre|fall|war|invasion|uprising|insurgency|campaign|bombings?|killings?)\b)",
    ),
    # relative spans
    (
        "relative",
        r"(?i:(?:earlier|later)\s+this\s+(?:week|month|year)|(?:last|this|next|past|previous)\s+"
        r"(?:week|weekend|month|year|night)|over\s+the\s+(?:past|last)\s+(?:few\s+)?(?:days?|weeks?|months?)"
        r"|in\s+recent\s+(?:days|weeks|months)|(?:\w+|\d+)\s+(?:days?|weeks?|months?|years?)\s+ago"
        r"|on\s+the\s+following\s+day|the\s+following\s+day|the\s+day\s+before|yesterday|today|tonight"
        r"|overnight|(?:early\s+|late\s+)?this\s+(?:morning|afternoon|evening)"
        # "before dawn" alone dates the report's day; "at dawn on Tuesday" leaves the day to "on Tuesday"
        r"|(?:before|at)\s+(?:dawn|daybreak)(?!\s+(?:on|today|yesterday|this|last)\b)(?!\s+\w+day\b)"
        # a sequence told from the event before: "six days later", "later that day", "in the afternoon"
        r"|(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d+)\s+(?:days?|weeks?)\s+(?:later|earlier)"
        r"|(?:(?:later|earlier|on)\s+)?(?:that|the\s+same)\s+(?:day|morning|afternoon|evening|night)"
        r"|in\s+the\s+(?:afternoon|evening))\b",
    ),
]
# every phrase starts at a word boundary: anchoring there spares the alternation at every other position
DATE_RE = re.compile(r"\b(?:" + "|".join(f"(?P<{kind}{i}>{body})" for i, (kind, body) in enumerate(_PATTERNS)) + ")")
# The grammar is case-sensitive in places ("May" the month, not the verb) and runs over every clause that may hold a
# date: scanned through its case-insensitive twin, it is tried only where a phrase may start (the same matches).
DATE_SCAN = Hinted(DATE_RE)
_HISTORICAL_REL = re.compile(r"(?i)earlier this year|last (?:year|month)|\b(?:months?|years?) ago|since\b")

_HISTORICAL_SCAN = Caseless(_HISTORICAL_REL)

_MONTHS_ANY_CASE = rf"(?i:{lexicon.alternate([*lexicon.entries('month_abbreviations'), 'May'])})[a-zA-Z]*\.?"
#: A heading that dates the paragraph after it in a round-up or a factbox: "Tuesday", "Monday — Sinjar.",
#: "Friday: Mosul", "JAN. 5 - DEIR EZ-ZOR, SYRIA", "3 March".
WEEKDAY_HEADING = re.compile(
    rf"^\W*(?P<day>{_DAYS}|{_MONTHS_ANY_CASE}\s+\d{{1,2}}|\d{{1,2}}\s+{_MONTHS_ANY_CASE})\b"
    rf"(?:\s*[—–:-]+\s*(?P<rest>[^.!?]{{1,60}}))?[.:]?\s*$"
)
#: A live page's post stamp at the start of a line: "17:40 - ...", "09:30 GMT+3 — ...".
POST_STAMP = re.compile(
    r"^\s*(?P<stamp>\d{1,2}:\d{2})(?:\s*(?:GMT|UTC)(?:[+-]\d{1,2})?)?(?:\s*\([A-Za-z ]{1,20}\))?\s*(?:[-–—|]|--)\s+"
)
_YEAR_RE = re.compile(_YEAR)
_MONTH_NAME = re.compile(_MONTHS)


@dataclass(frozen=True)
class DatePhrase:
    """A date phrase found in a text: ``text[start:end]``; ``kind`` is day, month, year or relative."""

    start: int
    end: int
    phrase: str
    kind: str


def find_dates(text: str, start: int = 0, end: int | None = None) -> list[DatePhrase]:
    """Every date phrase in ``text[start:end]`` with spans into ``text``."""
    out = []
    for m in DATE_SCAN.finditer(text, start, end):
        kind = (m.lastgroup or "relative").rstrip("0123456789")  # "day0" -> "day"
        # "May" alone is more often the modal verb's capitalised form than the month
        if (
            kind == "month"
            and m.group(0) == "May"
            and not re.match(r"\s+(?:\d|19|20)", text[m.end() : m.end() + 3])
            and not re.search(r"(?i)\b(?:in|last|since|early|late|mid)\s+$", text[max(0, m.start() - 8) : m.start()])
        ):
            continue
        out.append(DatePhrase(m.start(), m.end(), m.group(0), kind))
    return out


def is_historical(phrase: DatePhrase, published_year: int | None = None) -> bool:
    """True when the phrase dates something before the article's news event (see the module docstring)."""
    text = phrase.phrase
    if phrase.kind in ("month", "year"):
        return True
    if phrase.kind == "day":
        years = _YEAR_RE.findall(text)
        if text.lower().startswith("since"):
            return True
        if years:
            return published_year is None or int(years[-1]) < published_year
        return False
    return bool(_HISTORICAL_SCAN.search(text))


# Words that place an event before the news without a date phrase: "previously", "in the past", "in recent weeks".
_BACKGROUND_CUE = re.compile(
    r"\blast\s+(?:week|month)['’]s\b|\blast\s+(?:summer|winter|spring|autumn|fall)\b|\ba\s+year\s+ago\b"
    r"|\b(?:in|over)\s+(?:recent|the\s+past|the\s+last|previous)\s+(?:few\s+)?(?:weeks|months|years)\b"
    r"|\bsince\s+(?:the\s+(?:start|beginning)|its|their|the\s+group's|then)\b|\bin\s+the\s+past\b|\bpreviously\b",
    re.IGNORECASE,
)


def is_background_text(text: str, published_year: int | None = None) -> bool:
    """The one period rule: ``text`` places what it tells before the article's news event when it holds a
    historical date phrase (:func:`is_historical`) or a background cue ("previously", "in recent weeks")."""
    if _BACKGROUND_CUE.search(text):
        return True
    # a historical phrase needs a month's name, a year or a historical relative phrase ("since", "last year"):
    # without one, the date grammar need not run
    if not (_MONTH_NAME.search(text) or _YEAR_RE.search(text) or _HISTORICAL_SCAN.search(text)):
        return False
    return any(is_historical(phrase, published_year) for phrase in find_dates(text))


# A period a tally is counted over: "since 1 January 2026", "since the beginning of 2026", "in 2025", "during the
# year", "so far this year", "in the same period", "over the past six months", "since then", "last year", a daily
# summary's "over the past day" or "in the past 24 hours". A weekday ("since Monday") is no period: forces that "have
# neutralised six terrorists since Monday" tell this week's operation.
PERIOD_TALLY = re.compile(
    rf"(?i)\b(?:since\s+(?:the\s+(?:start|beginning|turn)\s+of\s+(?:the\s+|this\s+)?(?:year|month|{_YEAR}|{_MONTHS})"
    rf"|(?:\d{{1,2}}\s+)?{_MONTHS}(?:\s+\d{{1,2}})?(?:,?\s+{_YEAR})?|{_YEAR}|then)"
    rf"|(?:in|during|throughout|across|over)\s+(?:(?:{_MONTHS}\s+)?{_YEAR}|the\s+(?:same|whole)\s+period|the\s+year"
    r"|this\s+year|the\s+(?:past|last|first)\s+(?:\w+\s+)?(?:years?|months?|day|24\s+hours))"
    r"|so\s+far\s+(?:this|in)\s+(?:\w+\s+)?(?:year|month)|a\s+total\s+of|last\s+year)\b"
)
