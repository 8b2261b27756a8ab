"""Resolve a date phrase as written ("on Sunday", "last month", "October 16, 2017") to a date range.

Relative phrases are resolved against the article's publication date. The rules, in the order tried:

* explicit dates: "October 16, 2017", "16 October 2017", "2023-12-03" (day); "October 2017" (month);
  "in 2017", "late 2017" (year). These need no publication date.
* "today", "tonight", "this morning" = the publication date; "yesterday", "last night" = the day before.
* weekdays: "Sunday", "on Sunday", "last Thursday", "Tuesday night", "late on Sunday" = the most recent such
  weekday on or before publication (a report published on a Sunday about "Sunday" means that same day;
  dateparser would answer the Sunday before, which is why this is a rule of our own); "last Sunday" in a report
  published on a Sunday is the Sunday before.
* "this week" / "last week" / "the past week" (week); "this month", "last month" (month); "this year",
  "last year" (year).
* a month without a year ("in late July", "last July", "July") = the latest such month not after
  publication (month); a month and day without a year ("November 27") = the latest such day (day).
* "the following day", "the next day", "a day later" / "the day before", "the previous day" = one day after
  / before ``previous`` (the date resolved just before in the same list), when given; "six days later", "two
  weeks earlier" = that many days from ``previous``; "later that day", "that evening", "the same day", "in the
  afternoon" = the day of ``previous`` (not "hours later": it may be past midnight).
* otherwise dateparser with ``RELATIVE_BASE`` = publication ("three days ago", "two weeks ago"), kept only
  when the result is not after publication; its ``period`` gives the precision.

A leading "since" keeps the start and extends the range to the publication date.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from summarizer import lexicon
from summarizer.models import DatePrecision

_MONTHS = {name.lower(): i for i, name in enumerate(lexicon.entries("months"), 1)}
_STEMS = {name[:3]: i for name, i in _MONTHS.items()}  # "may" is its own abbreviation
_MONTHS.update(_STEMS)
_MONTHS.update({name.lower(): _STEMS[name.lower()[:3]] for name in lexicon.entries("month_abbreviations")})
_WEEKDAYS = {name.lower(): i for i, name in enumerate(lexicon.entries("weekdays"))}
_MONTH_RE = "(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY_RE = "(" + "|".join(_WEEKDAYS) + ")"

_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_MDY = re.compile(rf"\b{_MONTH_RE}\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b", re.I)
_DMY = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH_RE},?\s+(\d{{4}})\b", re.I)
_MY = re.compile(rf"\b{_MONTH_RE},?\s+(\d{{4}})\b", re.I)
_YEAR = re.compile(r"\b(19\d{2}|20\d{2})\b")
_MD = re.compile(rf"\b{_MONTH_RE}\s+(\d{{1,2}})(?:st|nd|rd|th)?\b", re.I)
_DM = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH_RE}\b", re.I)
_WEEKDAY = re.compile(rf"\b{_WEEKDAY_RE}\b", re.I)
# a clock time alone ("17:40", a live page's post stamp) and "before dawn" name the day of the report
_SAME_DAY = re.compile(
    r"\b(today|tonight|this (?:morning|afternoon|evening)|(?:before|at) (?:dawn|daybreak))\b|^\d{1,2}:\d{2}$", re.I
)
_DAY_BEFORE = re.compile(r"\b(yesterday|last night)\b", re.I)
_NEXT_DAY = re.compile(r"\b(?:the )?(?:following|next) day\b|\ba day later\b", re.I)
_NUMBER_WORDS = {"a": 1, "an": 1} | {w: n for w, n in lexicon.mapping("number_units").items() if 1 <= n <= 10}
_SHIFT = re.compile(rf"\b({'|'.join(_NUMBER_WORDS)}|\d+) (days?|weeks?) (later|earlier)\b", re.I)
_SAME_AS_PREVIOUS = re.compile(
    # not "hours later": it may well be past midnight
    r"\b(?:(?:later|earlier) )?(?:that|the same) (?:day|morning|afternoon|evening|night)\b"
    r"|^in the (?:afternoon|evening)$",
    re.I,
)
_PREV_DAY = re.compile(r"\b(?:the )?(?:previous|preceding) day\b|\ba day (?:earlier|before)\b|\bthe day before\b", re.I)
_THIS_WEEK = re.compile(r"\bthis week\b", re.I)
_LAST_WEEK = re.compile(r"\blast week\b", re.I)
_PAST_WEEK = re.compile(r"\b(?:the )?past (?:week|seven days)\b", re.I)
_THIS_MONTH = re.compile(r"\bthis month\b", re.I)
_LAST_MONTH = re.compile(r"\blast month\b", re.I)
_THIS_YEAR = re.compile(r"\bthis year\b", re.I)
_LAST_YEAR = re.compile(r"\blast year\b", re.I)
_SINCE = re.compile(r"^\s*since\b", re.I)
# A month without day or year only when the phrase is little more than the month ("in late July", "last
# July", "earlier in July"): "may" and "march" are also ordinary words inside longer phrases.
_MONTH_CONTEXT = re.compile(
    rf"^\s*(?:(?:in|last|early|late|mid|during|earlier|later|the|end|beginning|start|of|this|past)[\s-]+)*{_MONTH_RE}\s*$",
    re.I,
)


@dataclass(frozen=True)
class Resolved:
    """A resolved date range (inclusive) and how precise it is."""

    start: dt.date
    end: dt.date
    precision: DatePrecision


def _day(value: dt.date) -> Resolved:
    return Resolved(value, value, DatePrecision.day)


def _month(year: int, month: int) -> Resolved:
    last = calendar.monthrange(year, month)[1]
    return Resolved(dt.date(year, month, 1), dt.date(year, month, last), DatePrecision.month)


def _year(year: int) -> Resolved:
    return Resolved(dt.date(year, 1, 1), dt.date(year, 12, 31), DatePrecision.year)


def _week_of(value: dt.date) -> Resolved:
    monday = value - dt.timedelta(days=value.weekday())
    return Resolved(monday, monday + dt.timedelta(days=6), DatePrecision.week)


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def resolve_absolute(phrase: str) -> Resolved | None:
    """Resolve a phrase that carries its own year (no publication date needed), else None."""
    if m := _ISO.search(phrase):
        found = _safe_date(int(m[1]), int(m[2]), int(m[3]))
        return _day(found) if found else None
    if m := _MDY.search(phrase):
        found = _safe_date(int(m[3]), _MONTHS[m[1].lower()], int(m[2]))
        return _day(found) if found else None
    if m := _DMY.search(phrase):
        found = _safe_date(int(m[3]), _MONTHS[m[2].lower()], int(m[1]))
        return _day(found) if found else None
    if m := _MY.search(phrase):
        return _month(int(m[2]), _MONTHS[m[1].lower()])
    if m := _YEAR.search(phrase):
        return _year(int(m[1]))
    return None


def is_relative(phrase: str) -> bool:
    """True when the phrase needs a reference date (publication or a previous date) to be resolved."""
    return resolve_absolute(phrase) is None


def _latest_month(month: int, published: dt.date) -> Resolved:
    year = published.year if month <= published.month else published.year - 1
    return _month(year, month)


def _latest_day(month: int, day: int, published: dt.date) -> Resolved | None:
    for year in (published.year, published.year - 1):
        found = _safe_date(year, month, day)
        if found is not None and found <= published:
            return _day(found)
    return None


def _relative(phrase: str, published: dt.date) -> Resolved | None:
    if _SAME_DAY.search(phrase):
        return _day(published)
    if _DAY_BEFORE.search(phrase):
        return _day(published - dt.timedelta(days=1))
    if _PAST_WEEK.search(phrase):
        return Resolved(published - dt.timedelta(days=7), published, DatePrecision.week)
    if _THIS_WEEK.search(phrase):
        return _week_of(published)
    if _LAST_WEEK.search(phrase):
        return _week_of(published - dt.timedelta(days=7))
    if _THIS_MONTH.search(phrase):
        return _month(published.year, published.month)
    if _LAST_MONTH.search(phrase):
        first = published.replace(day=1) - dt.timedelta(days=1)
        return _month(first.year, first.month)
    if _THIS_YEAR.search(phrase):
        return _year(published.year)
    if _LAST_YEAR.search(phrase):
        return _year(published.year - 1)
    if m := _WEEKDAY.search(phrase):
        # "last Thursday" in news copy means the most recent Thursday, as does a bare "Thursday".
        back = (published.weekday() - _WEEKDAYS[m[1].lower()]) % 7
        if back == 0 and re.search(rf"\blast\s+{m[1]}\b", phrase, re.I):
            back = 7  # published on a Saturday, "last Saturday" is the week before, not that day
        return _day(published - dt.timedelta(days=back))
    if m := _MD.search(phrase):
        return _latest_day(_MONTHS[m[1].lower()], int(m[2]), published)
    if m := _DM.search(phrase):
        return _latest_day(_MONTHS[m[2].lower()], int(m[1]), published)
    if m := _MONTH_CONTEXT.match(phrase):
        return _latest_month(_MONTHS[m[1].lower()], published)
    return _dateparser(phrase, published)


@lru_cache(maxsize=2048)  # ~1 ms a call; the same phrases recur across an article's items and a day's articles
def _dateparser(phrase: str, published: dt.date) -> Resolved | None:
    from dateparser.date import DateDataParser  # imported lazily: slow to import, rarely needed

    parser = DateDataParser(
        languages=["en"],
        settings={
            "RELATIVE_BASE": dt.datetime.combine(published, dt.time()),
            "PREFER_DATES_FROM": "past",
            "RETURN_AS_TIMEZONE_AWARE": False,
        },
    )
    data = parser.get_date_data(phrase)
    if data.date_obj is None:
        return None
    found = data.date_obj.date()
    if found > published:
        return None
    if data.period == "week":
        return Resolved(found, min(found + dt.timedelta(days=6), published), DatePrecision.week)
    if data.period == "month":
        return _month(found.year, found.month)
    if data.period == "year":
        return _year(found.year)
    return _day(found)


def resolve_date(phrase: str, published: dt.date | None, previous: dt.date | None = None) -> Resolved | None:
    """Resolve ``phrase`` to a date range, or None when it cannot be (or needs an unknown publication date).

    ``previous`` is the date resolved just before in the same list, for "the following day".
    """
    text = " ".join(phrase.split())
    if not text:
        return None
    resolved = resolve_absolute(text)
    if resolved is None and previous is not None:
        if m := _SHIFT.search(text):
            # "six days later", "two weeks earlier": counted from the event told just before
            n = int(m[1]) if m[1].isdigit() else _NUMBER_WORDS[m[1].lower()]
            days = n * (7 if m[2].lower().startswith("week") else 1)
            resolved = _day(previous + dt.timedelta(days=days if m[3].lower() == "later" else -days))
        elif _SAME_AS_PREVIOUS.search(text):
            resolved = _day(previous)  # "later that day", "in the afternoon"
        elif _NEXT_DAY.search(text):
            resolved = _day(previous + dt.timedelta(days=1))
        elif _PREV_DAY.search(text):
            resolved = _day(previous - dt.timedelta(days=1))
    if resolved is None and published is not None:
        resolved = _relative(text, published)
    if resolved is not None and published is not None and _SINCE.search(text) and resolved.start <= published:
        resolved = Resolved(resolved.start, published, resolved.precision)
    return resolved
