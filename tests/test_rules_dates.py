"""Dates of operations beyond a single "on Sunday": round-up headings, sequences and follow-ups.

Sentences are written for the tests.
"""

from __future__ import annotations

import datetime as dt

import pytest

from summarizer.articles import make_article
from summarizer.backends.rules import extract_article
from summarizer.backends.rules.dates import find_dates, is_background_text
from summarizer.dates import resolve_date
from summarizer.normalize import normalize_extraction

PUBLISHED = dt.date(2024, 4, 12)  # a Friday


def operations(text: str, published: dt.date | None = PUBLISHED):
    article = make_article(text, "test", {"published": published.isoformat()} if published else None)
    return normalize_extraction(extract_article(article), article).operations


def test_a_weekday_heading_dates_and_places_the_incident_under_it() -> None:
    text = (
        "Regional digest\n\n"
        "Tuesday — Kirkuk. A shepherd was shot dead near a village outside the city.\n\n"
        "Wednesday\n"
        "Militants ambushed a police patrol in Tikrit.\n\n"
        "Thursday — Mosul. Jets struck hideouts in the desert overnight.\n"
    )
    found = operations(text)
    assert [(o.kind.value, o.date.start if o.date else None) for o in found] == [
        ("attack", dt.date(2024, 4, 9)),
        ("ambush", dt.date(2024, 4, 10)),
        ("airstrike", dt.date(2024, 4, 11)),
    ]
    assert [[p.canonical for p in o.places] for o in found] == [["Kirkuk"], ["Tikrit"], ["Mosul"]]
    assert not any(o.background for o in found)  # a round-up's days are all news, not context


def test_a_section_without_a_day_ends_the_heading() -> None:
    text = "Monday — Baiji. Gunmen attacked a checkpoint.\n\nOutlook\nPolice arrested four suspects in Ramadi."
    found = operations(text)
    assert found[0].date is not None and found[0].date.start == dt.date(2024, 4, 8)
    assert found[-1].date is None


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("Six days later", dt.date(2024, 4, 8)),
        ("two weeks earlier", dt.date(2024, 3, 19)),
        ("a day later", dt.date(2024, 4, 3)),
        ("later that day", dt.date(2024, 4, 2)),
        ("in the afternoon", dt.date(2024, 4, 2)),
        ("That evening", dt.date(2024, 4, 2)),
        ("on the same day", dt.date(2024, 4, 2)),
        ("hours later", None),  # may be past midnight: left unresolved
    ],
)
def test_sequence_phrases_count_from_the_event_before(phrase: str, expected: dt.date | None) -> None:
    found = resolve_date(phrase, PUBLISHED, dt.date(2024, 4, 2))
    assert (found.start if found else None) == expected


def test_a_follow_up_after_the_lead_event_is_news_not_context() -> None:
    text = (
        "Militants attacked an army post near Hawija on Tuesday, killing two soldiers. "
        "Three days later, Iraqi F-16s struck a cave near Hawija."
    )
    found = operations(text)
    assert [(o.kind.value, o.date.start if o.date else None, o.background) for o in found] == [
        ("attack", dt.date(2024, 4, 9), False),
        ("airstrike", dt.date(2024, 4, 12), False),
    ]


def test_an_earlier_day_is_context_unless_told_as_separate() -> None:
    text = (
        "Militants attacked an army post near Hawija on Thursday, killing two soldiers. "
        "On Monday, a roadside bomb hit a police car in Tikrit. "
        "Separately, on Tuesday, gunmen attacked a checkpoint near Baiji."
    )
    found = operations(text)
    assert [o.background for o in found] == [False, True, False]


def test_without_a_publication_date_other_days_stay_context() -> None:
    text = "Militants attacked an army post near Hawija on Thursday. On Saturday, gunmen attacked a post in Baiji."
    assert [o.background for o in operations(text, None)] == [False, True]


def test_a_deadline_weekday_keeps_its_by() -> None:
    from summarizer.backends.rules.dates import find_dates

    assert [d.phrase for d in find_dates("Forty men had been held by Sunday night.")] == ["by Sunday night"]


def test_before_dawn_and_this_morning_are_phrases_but_at_dawn_on_a_weekday_leaves_the_weekday() -> None:
    from summarizer.backends.rules.dates import find_dates

    found = [d.phrase for d in find_dates("Gunmen struck before dawn. Jets hit at dawn on Friday, early this morning.")]
    assert found == ["before dawn", "on Friday", "early this morning"]


def test_a_clock_time_and_before_dawn_resolve_to_the_publication_day() -> None:
    import datetime as dt

    from summarizer.dates import resolve_date

    day = dt.date(2025, 4, 12)
    assert resolve_date("17:40", day).start == day
    assert resolve_date("before dawn", day).start == day


@pytest.mark.parametrize(
    ("text", "background"),
    [
        ("Last September, a bombing near the market killed four people.", True),
        ("In the raid of March 2019, which the group claimed, ten guards were killed.", True),
        ("The group has previously attacked the same convoy route.", True),
        ("In recent weeks, two shepherds were killed by mines.", True),
        ("Since 2014 the insurgency has displaced thousands.", True),
        ("On October 16, 2023, gunmen killed two soldiers.", False),  # the year of publication
        ("On October 16, 2021, gunmen killed two soldiers.", True),
        ("Gunmen killed two soldiers on Sunday.", False),
        ("Gunmen killed two soldiers late on Tuesday night.", False),
    ],
)
def test_one_period_rule(text: str, background: bool) -> None:
    assert is_background_text(text, published_year=2023) is background


@pytest.mark.parametrize(
    ("text", "phrases"),
    [
        ("Gunmen struck overnight near the river.", ["overnight"]),
        ("BAMA, Nigeria, Sept 2 (Wire) - Two soldiers died.", ["Sept 2"]),  # an abbreviation without its dot
        ("The raid on Jan. 5 left two dead.", ["on Jan. 5"]),
        ("Police found more bodies over the following days.", []),  # "days" is no "the following day"
        ("Two soldiers died two days later in hospital.", ["two days later"]),
        ("They may 3 times have tried.", []),  # the modal verb, lower case, is no month
    ],
)
def test_the_one_date_grammar(text: str, phrases: list[str]) -> None:
    assert [d.phrase for d in find_dates(text)] == phrases


@pytest.mark.parametrize(
    ("text", "phrases"),
    [
        ("Veterans of the 2016 battle to retake the city met on Friday.", ["the 2016", "on Friday"]),
        ("It was the worst since the 2014 fall of the city.", ["the 2014"]),
        ("The 2021 market bombing is remembered here.", ["The 2021"]),
        ("The 2016 budget was cut and the 2019 census delayed.", []),
    ],
)
def test_a_year_naming_an_event_dates_it(text: str, phrases: list[str]) -> None:
    assert [d.phrase for d in find_dates(text)] == phrases
    assert all(resolve_date(d.phrase, PUBLISHED) is not None for d in find_dates(text))


def test_last_weekday_in_a_report_published_on_that_weekday_is_the_week_before() -> None:
    saturday = dt.date(2025, 4, 12)
    assert resolve_date("last Saturday", saturday).start == dt.date(2025, 4, 5)
    assert resolve_date("on Saturday", saturday).start == saturday  # the same day, as before
    assert resolve_date("last Friday", saturday).start == dt.date(2025, 4, 11)
