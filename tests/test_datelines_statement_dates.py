"""Where a story was filed and when a statement was made are not where and when its event happened
(``summarizer/datelines.py``, ``summarizer/statement_dates.py``). Sentences written for the tests."""

from __future__ import annotations

import datetime as dt

from summarizer.articles import make_article
from summarizer.datelines import dateline_places
from summarizer.gazetteer import default_gazetteer
from summarizer.models import (
    Actor,
    ActorCategory,
    ArticleExtraction,
    CasualtyReport,
    Count,
    EventDate,
    Evidence,
    Operation,
    OperationKind,
    Place,
    Provenance,
)
from summarizer.normalize import normalize_extraction
from summarizer.statement_dates import event_day, statement_day

SOLDIERS = Actor(name="soldiers", canonical="Iraqi Army", category=ActorCategory.state_forces)


def _ev(text: str, quote: str) -> Evidence:
    start = text.index(quote)
    return Evidence(quote=quote, start=start, end=start + len(quote))


def test_a_place_named_only_in_the_dateline_is_found() -> None:
    text = ("Erbil (KNA) - Militants attacked an army post near Tuz Khurmatu on Monday, killing four soldiers, "
            "the ministry said.\n\nThe post guards the road south.\n")
    assert "erbil" in dateline_places(text, default_gazetteer())
    retold = text + "Erbil's governor condemned the attack.\n"
    assert dateline_places(retold, default_gazetteer()) == set()  # named again in the story: not only the dateline


def test_a_story_filed_from_two_newsrooms_names_both_in_its_dateline() -> None:
    text = ("KABUL/ISLAMABAD, May 4 (Wire) - Gunmen attacked a border post near Torkham on Monday, killing two "
            "guards, officials said.\n\nThe post guards the road.\n")
    assert {"kabul", "islamabad"} <= dateline_places(text, default_gazetteer())


def test_an_event_told_elsewhere_drops_the_dateline_and_takes_its_place() -> None:
    text = ("Erbil (KNA) - Militants attacked an army post near Tuz Khurmatu on Monday, killing four soldiers, "
            "the ministry said.\n")
    article = make_article(text, "post.txt", {"published": "2025-02-11"})
    quote = "Militants attacked an army post near Tuz Khurmatu on Monday, killing four soldiers"
    erbil, tuz = Place(name="Erbil"), Place(name="Tuz Khurmatu")
    raw = ArticleExtraction(
        article=article.meta,
        operations=[Operation(id="op1", kind=OperationKind.attack, places=[erbil, tuz], evidence=_ev(text, quote),
                              date=EventDate(phrase="on Monday"))],
        casualties=[CasualtyReport(id="cas1", victims=SOLDIERS, outcome="killed", place=erbil, operation_id="op1",
                                   count=Count(phrase="four", low=4, best=4, high=4), evidence=_ev(text, quote))],
        provenance=Provenance(backend="scripted"),
    )
    out = normalize_extraction(raw, article)
    assert [p.name for p in out.operations[0].places] == ["Tuz Khurmatu"]
    assert out.casualties[0].place is not None and out.casualties[0].place.name == "Tuz Khurmatu"


def test_a_statement_day_is_not_the_event_day() -> None:
    quote = "The group on Tuesday claimed that it had killed nine soldiers in an ambush near the border on Monday."
    assert statement_day(quote, "on Tuesday") and event_day(quote, "on Tuesday") == "on Monday"
    said = "The army said on Thursday that six soldiers were killed."
    assert statement_day(said, "on Thursday") and event_day(said, "on Thursday") is None  # no other day: kept
    assert not statement_day("Six soldiers were killed on Thursday, the army said.", "on Thursday")


def test_a_figure_dated_by_its_statement_takes_the_event_day() -> None:
    text = "The group on Tuesday claimed that it had killed nine soldiers in an ambush near the border on Monday."
    article = make_article(text, "claim.txt", {"published": "2025-02-12"})
    raw = ArticleExtraction(
        article=article.meta,
        casualties=[CasualtyReport(id="cas1", victims=SOLDIERS, outcome="killed", date=EventDate(phrase="on Tuesday"),
                                   count=Count(phrase="nine", low=9, best=9, high=9), evidence=_ev(text, text))],
        provenance=Provenance(backend="scripted"),
    )
    [cas] = normalize_extraction(raw, article).casualties
    assert cas.date is not None and (cas.date.phrase, cas.date.start) == ("on Monday", dt.date(2025, 2, 10))
