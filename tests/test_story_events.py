"""A one-event story's undated figures are of its event, in the briefing (``summarizer/story_events.py``).
Sentences written for the tests."""

from __future__ import annotations

import datetime as dt

from summarizer.articles import Article, make_article
from summarizer.briefing import BriefingInput, build_briefing
from summarizer.models import Actor, ActorCategory, ArticleExtraction
from summarizer.story_events import story_fills

from .test_briefing import DIBIS, cas, day, extraction

SOLDIERS = Actor(name="soldiers", canonical="Iraqi Army", category=ActorCategory.state_forces)
TEXT = ("Villagers said at least nine soldiers died in Saturday's battle for Dibis. The ministry said six soldiers "
        "were killed. The militants claimed they killed 20 soldiers. The clash came a week after two soldiers were "
        "killed on the same road. Separately, a mine killed three soldiers.")


def _story() -> tuple[Article, ArticleExtraction]:
    art = make_article(TEXT, "battle.txt", {"published": "2025-03-17"})
    ex = extraction(art, [], [
        cas(TEXT, "cas1", "at least nine soldiers died in Saturday's battle for Dibis", SOLDIERS, "at least nine", 9, 9,
            None, date=day("2025-03-15", "Saturday's"), place=DIBIS),
        cas(TEXT, "cas2", "The ministry said six soldiers were killed", SOLDIERS, "six", 6, 6, 6),
        cas(TEXT, "cas3", "The militants claimed they killed 20 soldiers", SOLDIERS, "20", 20, 20, 20),
        cas(TEXT, "cas4", "The clash came a week after two soldiers were killed on the same road", SOLDIERS, "two",
            2, 2, 2),
        cas(TEXT, "cas5", "Separately, a mine killed three soldiers", SOLDIERS, "three", 3, 3, 3),
    ])
    return art, ex


def test_undated_figures_of_a_one_event_story_take_its_day_and_place() -> None:
    _, ex = _story()
    fills = story_fills(ex, lambda c: False)
    assert sorted(fills) == ["cas2", "cas3"]  # "a week after": another time; "separately": another event
    for filled in fills.values():
        assert filled.date is not None and filled.date.start == dt.date(2025, 3, 15)
        assert filled.place is not None and filled.place.canonical == "Dibis"
    assert ex.casualties[1].date is None  # the extraction keeps what its text says


def test_a_story_of_two_days_fills_nothing() -> None:
    text = "Gunmen killed four soldiers on Monday. On Tuesday a bomb killed six soldiers. Medics counted 12 soldiers."
    art = make_article(text, "two.txt", {"published": "2025-03-19"})
    ex = extraction(art, [], [
        cas(text, "cas1", "Gunmen killed four soldiers on Monday", SOLDIERS, "four", 4, 4, 4,
            date=day("2025-03-17", "on Monday")),
        cas(text, "cas2", "On Tuesday a bomb killed six soldiers", SOLDIERS, "six", 6, 6, 6,
            date=day("2025-03-18", "On Tuesday")),
        cas(text, "cas3", "Medics counted 12 soldiers", SOLDIERS, "12", 12, 12, 12),
    ])
    assert story_fills(ex, lambda c: False) == {}


def test_the_briefing_sets_the_story_figures_side_by_side_in_one_incident() -> None:
    art, ex = _story()
    b = build_briefing(BriefingInput([ex], {art.id: art}))
    current = [i for i in b.incidents if not i.background]
    battle = next(i for i in current if i.date_start == dt.date(2025, 3, 15))
    [group] = battle.figures
    assert len(group.reports) == 3 and (group.low, group.high) == (6, 20)


def test_a_story_whose_items_carry_no_day_takes_its_leads() -> None:
    text = ("Dibis - Relatives of those caught in Sunday night's attack on a wedding hall in Dibis said the gunmen "
            "fired from two cars.\n\nA doctor said nine people had died.\n")
    art = make_article(text, "lead.txt", {"published": "2025-03-18"})
    ex = extraction(art, [], [cas(text, "cas1", "A doctor said nine people had died", SOLDIERS, "nine", 9, 9, 9)])
    [filled] = story_fills(ex, lambda c: False, text).values()
    assert filled.date is not None and filled.date.start == dt.date(2025, 3, 16)
    assert filled.place is not None and filled.place.canonical == "Dibis"
    assert story_fills(ex, lambda c: False) == {}  # without the text there is no lead to read


def test_two_sides_of_one_fight_are_one_incident() -> None:
    text = ("Gunmen stormed a hotel in Dibis on Sunday, killing 12 guests. "
            "Police killed four of the gunmen in the hotel on Sunday.")
    art = make_article(text, "sides.txt", {"published": "2025-03-17"})
    guests = Actor(name="guests", canonical="Civilians", category=ActorCategory.civilians)
    gunmen = Actor(name="gunmen", canonical="ISIS", category=ActorCategory.militant_group)
    police = Actor(name="Police", canonical="Iraqi Police", category=ActorCategory.state_forces)
    ex = extraction(art, [], [
        cas(text, "cas1", "Gunmen stormed a hotel in Dibis on Sunday, killing 12 guests", guests, "12", 12, 12, 12,
            date=day("2025-03-16", "on Sunday"), place=DIBIS, perpetrator=gunmen),
        cas(text, "cas2", "Police killed four of the gunmen in the hotel on Sunday", gunmen, "four", 4, 4, 4,
            date=day("2025-03-16", "on Sunday"), place=DIBIS, perpetrator=police),
    ])
    current = [i for i in build_briefing(BriefingInput([ex], {art.id: art})).incidents if not i.background]
    assert len(current) == 1 and {f.victims for f in current[0].figures} == {"Civilians", "ISIS"}
