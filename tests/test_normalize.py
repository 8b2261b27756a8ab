"""Normalisation: counts, canonical actors and places, claimant affiliations, dates, cross-item links.

Sentences are written for the tests; none is copied from the seed articles.
"""

from __future__ import annotations

import datetime as dt

import pytest

from summarizer.articles import make_article
from summarizer.counts import parse_count
from summarizer.dates import resolve_date
from summarizer.models import (
    Actor,
    ActorCategory,
    ArticleExtraction,
    CasualtyReport,
    Claim,
    Claimant,
    Count,
    DatePrecision,
    EventDate,
    Evidence,
    Operation,
    Outcome,
    Place,
    Provenance,
)
from summarizer.normalize import normalize_actor, normalize_claimant, normalize_extraction, normalize_place

TEXT = (
    "Counter-terrorism units began a sweep of the Wadi Tharthar desert on Sunday. "
    "During the sweep, seven militants were killed near a disused quarry. "
    "Separately, a roadside bomb wounded two farmers in Tarmiyah last Thursday. "
    "Army engineers and federal police later cleared the access road, and four suspects were detained there."
)
PUBLISHED = dt.date(2024, 3, 13)  # a Wednesday


def _cas(quote: str, phrase: str = "seven", date: str | None = None, **fields: object) -> CasualtyReport:
    return CasualtyReport(
        id=str(fields.pop("id", "cas1")),
        victims=Actor(name=str(fields.pop("victims", "militants"))),
        outcome=Outcome.killed,
        count=Count(phrase=phrase),
        date=EventDate(phrase=date) if date else None,
        evidence=Evidence(quote=quote),
        **fields,  # type: ignore[arg-type]
    )


def _run(
    operations: list[Operation] | None = None,
    casualties: list[CasualtyReport] | None = None,
    claims: list[Claim] | None = None,
    published: dt.date | None = PUBLISHED,
) -> ArticleExtraction:
    article = make_article(TEXT, "test.txt", {"published": published.isoformat() if published else None})
    extraction = ArticleExtraction(
        article=article.meta,
        operations=operations or [],
        casualties=casualties or [],
        claims=claims or [],
        provenance=Provenance(backend="test"),
    )
    return normalize_extraction(extraction, article)


# --------------------------------------------------------------------------- counts


@pytest.mark.parametrize("phrase", ["7", "seven", "at least 12", "dozens", "more than 40"])
def test_counts_are_filled_by_the_shared_rules(phrase: str) -> None:
    expected = parse_count(phrase)
    if expected is None:
        pytest.skip(f"the shared count rules do not read {phrase!r} yet")
    count = _run(casualties=[_cas("seven militants were killed", phrase)]).casualties[0].count
    assert (count.low, count.best, count.high) == (expected.low, expected.best, expected.high)
    assert count.best is not None
    assert count.phrase == phrase


def test_a_backend_count_is_kept() -> None:
    cas = _cas("seven militants were killed")
    cas.count = Count(phrase="seven", low=6, best=7, high=9, rule="engine")
    count = _run(casualties=[cas]).casualties[0].count
    assert (count.low, count.best, count.high, count.rule) == (6, 7, 9, "engine")


# --------------------------------------------------------------------------- actors and places


@pytest.mark.parametrize(
    ("name", "canonical", "category"),
    [
        ("Daesh", "ISIS", ActorCategory.militant_group),
        ("Peshmerga fighters", "Peshmerga", ActorCategory.kurdish_forces),
        ("Hashd al-Shaabi", "Popular Mobilization Forces", ActorCategory.paramilitary),
        ("Martian legions", None, None),
    ],
)
def test_actor_canonical_and_category(name: str, canonical: str | None, category: ActorCategory | None) -> None:
    actor = normalize_actor(Actor(name=name))
    assert (actor.name, actor.canonical, actor.category) == (name, canonical, category)


def test_actor_values_from_a_backend_are_kept() -> None:
    actor = normalize_actor(Actor(name="Daesh", canonical="Islamic State (custom)"))
    assert actor.canonical == "Islamic State (custom)"
    assert actor.category is ActorCategory.militant_group  # only the empty field is filled


@pytest.mark.parametrize(
    ("name", "canonical", "admin1", "admin1_name", "country"),
    [
        ("Saladin", "Salah al-Din", "IQ-SD", "Salah al-Din", "IQ"),
        ("Makhmur", "Makhmour", "IQ-AR", "Erbil", "IQ"),
        ("Ninawa", "Nineveh", "IQ-NI", "Nineveh", "IQ"),
        ("Atlantis", None, None, None, None),
    ],
)
def test_place_fields(
    name: str, canonical: str | None, admin1: str | None, admin1_name: str | None, country: str | None
) -> None:
    place = normalize_place(Place(name=name))
    assert (place.canonical, place.admin1, place.admin1_name, place.country) == (
        canonical,
        admin1,
        admin1_name,
        country,
    )


def test_transliterated_province_name_becomes_english() -> None:
    place = normalize_place(Place(name="Tikrit", canonical="Tikrit", admin1="IQ-SD", admin1_name="Şalāḩ ad Dīn"))
    assert place.admin1_name == "Salah al-Din"


@pytest.mark.parametrize(
    ("name", "role", "canonical"),
    [
        ("Peshmerga ministry", None, "Peshmerga"),
        ("Colonel Aras Hawrami", "spokesperson for the Joint Operations Command", "Joint Operations Command"),
        ("Ahmad Karim", "a farmer", None),
    ],
)
def test_claimant_affiliation(name: str, role: str | None, canonical: str | None) -> None:
    claimant = normalize_claimant(Claimant(name=name, role=role))
    assert (claimant.affiliation.canonical if claimant.affiliation else None) == canonical


def test_extraction_fills_actors_places_and_claimants() -> None:
    op = Operation(
        id="op1",
        by=[Actor(name="Counter-terrorism units")],
        against=[Actor(name="militants")],
        places=[Place(name="Salahaddin")],
        evidence=Evidence(quote="Counter-terrorism units began a sweep"),
    )
    claim = Claim(
        id="cl1",
        claimant=Claimant(name="Peshmerga ministry"),
        content="x",
        evidence=Evidence(quote="seven militants were killed"),
    )
    result = _run(operations=[op], claims=[claim])
    assert [a.canonical for a in result.operations[0].against] == ["ISIS"]
    assert result.operations[0].places[0].admin1 == "IQ-SD"
    assert result.claims[0].claimant.affiliation is not None
    assert result.claims[0].claimant.affiliation.category is ActorCategory.kurdish_forces


# --------------------------------------------------------------------------- dates

DATE_CASES = [
    ("on Sunday", "2024-03-10", "2024-03-10", DatePrecision.day),
    ("Wednesday", "2024-03-13", "2024-03-13", DatePrecision.day),  # the publication day itself
    ("last Thursday", "2024-03-07", "2024-03-07", DatePrecision.day),
    ("Tuesday night", "2024-03-12", "2024-03-12", DatePrecision.day),
    ("late on Sunday", "2024-03-10", "2024-03-10", DatePrecision.day),
    ("yesterday", "2024-03-12", "2024-03-12", DatePrecision.day),
    ("today", "2024-03-13", "2024-03-13", DatePrecision.day),
    ("this week", "2024-03-11", "2024-03-17", DatePrecision.week),
    ("last month", "2024-02-01", "2024-02-29", DatePrecision.month),
    ("in late July", "2023-07-01", "2023-07-31", DatePrecision.month),
    ("in March", "2024-03-01", "2024-03-31", DatePrecision.month),
    ("in 2017", "2017-01-01", "2017-12-31", DatePrecision.year),
    ("October 16, 2017", "2017-10-16", "2017-10-16", DatePrecision.day),
    ("December 3, 2023", "2023-12-03", "2023-12-03", DatePrecision.day),
    ("since November 27", "2023-11-27", "2024-03-13", DatePrecision.day),
    ("three days ago", "2024-03-10", "2024-03-10", DatePrecision.day),
]


@pytest.mark.parametrize(("phrase", "start", "end", "precision"), DATE_CASES, ids=[c[0] for c in DATE_CASES])
def test_date_families(phrase: str, start: str, end: str, precision: DatePrecision) -> None:
    date = _run(casualties=[_cas("seven militants were killed", date=phrase)]).casualties[0].date
    assert date is not None
    assert (date.start, date.end, date.precision) == (
        dt.date.fromisoformat(start),
        dt.date.fromisoformat(end),
        precision,
    )


def test_vague_period_stays_unresolved() -> None:
    assert resolve_date("in recent weeks", PUBLISHED) is None


def test_the_following_day_counts_from_the_previous_date() -> None:
    first = _cas("seven militants were killed", date="last Thursday")
    second = _cas("four suspects were detained", date="the following day", id="cas2")
    dates = [c.date for c in _run(casualties=[first, second]).casualties]
    assert [d.start for d in dates if d] == [dt.date(2024, 3, 7), dt.date(2024, 3, 8)]


def test_a_backend_date_is_kept() -> None:
    cas = _cas("seven militants were killed")
    cas.date = EventDate(phrase="on Sunday", start=dt.date(2020, 1, 1), precision=DatePrecision.day)
    date = _run(casualties=[cas]).casualties[0].date
    assert date is not None and date.start == dt.date(2020, 1, 1)


def test_unknown_publication_date_leaves_relative_dates_open_and_warns_once() -> None:
    casualties = [
        _cas("seven militants were killed", date="on Sunday"),
        _cas("a roadside bomb wounded two farmers", phrase="two", date="last Thursday", id="cas2"),
        _cas("four suspects were detained", phrase="four", date="October 16, 2017", id="cas3"),
    ]
    result = _run(casualties=casualties, published=None)
    starts = [c.date.start if c.date else None for c in result.casualties]
    assert starts == [None, None, dt.date(2017, 10, 16)]
    assert result.warnings.count("publication date unknown: 2 relative dates left unresolved") == 1


def test_no_warning_when_the_publication_date_is_known() -> None:
    result = _run(casualties=[_cas("seven militants were killed", date="on Sunday")])
    assert not any("publication date" in w for w in result.warnings)


# --------------------------------------------------------------------------- links


def test_casualty_in_the_operation_sentence_is_linked_and_others_are_not() -> None:
    op = Operation(
        id="op1",
        evidence=Evidence(quote="Counter-terrorism units began a sweep of the Wadi Tharthar desert on Sunday"),
    )
    op2 = Operation(
        id="op2",
        evidence=Evidence(quote="During the sweep, seven militants were killed near a disused quarry."),
    )
    inside = _cas("seven militants were killed")
    elsewhere = _cas("a roadside bomb wounded two farmers", phrase="two", id="cas2")
    result = _run(operations=[op, op2], casualties=[inside, elsewhere])
    assert [c.operation_id for c in result.casualties] == ["op2", None]


def test_same_sentence_links_and_existing_links_are_kept() -> None:
    op = Operation(id="op1", evidence=Evidence(quote="Army engineers and federal police later cleared the access road"))
    same_sentence = _cas("four suspects were detained there", phrase="four")
    already = _cas("seven militants were killed", id="cas2", operation_id="op9")
    result = _run(operations=[op], casualties=[same_sentence, already])
    assert [c.operation_id for c in result.casualties] == ["op1", "op9"]


def test_no_link_when_two_operations_share_the_sentence() -> None:
    ops = [
        Operation(id="op1", evidence=Evidence(quote="Army engineers and federal police later cleared the access road")),
        Operation(id="op2", evidence=Evidence(quote="federal police later cleared the access road, and four suspects")),
    ]
    cas = _cas("four suspects were detained there", phrase="four")
    # op2's evidence contains part of the casualty quote but not all of it; both only share the sentence.
    result = _run(operations=ops, casualties=[cas])
    assert result.casualties[0].operation_id is None
