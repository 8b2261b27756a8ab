"""The day a statement was made is not the day of the event it tells, for every backend.

"Al-Shabaab on Sunday claimed that its fighters had killed 25 soldiers ... in fighting at Ceel Baraf, on Saturday":
the claim is Sunday's, the fighting Saturday's. A figure dated by a day written next to a verb of saying ("on
Sunday claimed", "said on Sunday", "told reporters on Sunday that") takes the other day its evidence names, when
it names exactly one more; otherwise its date is left as read (the statement's day bounds the event's).

Verbs of saying are the lexicon's ``reporting_verbs`` (``summarizer/data/lexicon.yaml``). Run by
:func:`summarizer.normalize.normalize_extraction` after dates are resolved.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

from summarizer import lexicon
from summarizer.dates import resolve_date
from summarizer.models import ArticleExtraction, EventDate

_GAP = r"[ \t]+(?:[\w'’-]+[ \t]+){0,2}?"  # at most two words between the day and the verb ("told reporters")


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    verbs = lexicon.alternation("reporting_verbs")
    days = lexicon.alternation("weekdays")
    months = lexicon.alternation("months")
    day = rf"(?:(?:on|late on|early on)[ \t]+)?(?:{days}|\d{{1,2}}[ \t]+(?:{months})|(?:{months})[ \t]+\d{{1,2}})"
    any_day = re.compile(rf"(?<![\w'’])(?P<day>{day})(?![\w'’])")
    stated = re.compile(
        rf"(?:\b(?:{verbs})(?:{_GAP})?(?P<after>{day})\b|(?P<before>{day})(?:{_GAP})?(?:{verbs})\b)",
        re.IGNORECASE,
    )
    return any_day, stated


def statement_day(quote: str, phrase: str) -> bool:
    """Whether ``phrase`` is written in ``quote`` as the day of a statement ("on Sunday claimed")."""
    _, stated = _patterns()
    folded = phrase.casefold().strip()
    return any(folded.endswith(((m.group("after") or m.group("before")) or "").casefold().split()[-1])
               for m in stated.finditer(quote))


def event_day(quote: str, phrase: str) -> str | None:
    """The one other day ``quote`` names besides the statement's ``phrase``, if exactly one."""
    any_day, stated = _patterns()
    said = {(m.group("after") or m.group("before")).casefold().split()[-1] for m in stated.finditer(quote)}
    others = {m.group("day") for m in any_day.finditer(quote)
              if m.group("day").casefold().split()[-1] not in said and m.group("day").casefold() != phrase.casefold()}
    return next(iter(others)) if len(others) == 1 else None


def redate_statements(extraction: ArticleExtraction, published: dt.date | None) -> None:
    """Give each figure dated by its statement's day the event's day its evidence names (see the module doc)."""
    for cas in extraction.casualties:
        date = cas.date
        if date is None or date.start is None or not statement_day(cas.evidence.quote, date.phrase):
            continue
        other = event_day(cas.evidence.quote, date.phrase)
        resolved = resolve_date(other, published) if other else None
        if other is None or resolved is None or (published is not None and resolved.start > published):
            continue
        cas.date = EventDate(phrase=other, start=resolved.start, end=resolved.end, precision=resolved.precision)
