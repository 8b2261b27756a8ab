"""Merging one event's figures across articles on evidence, and giving each incident a date and a place.

Every sentence is written for these tests.
"""

from __future__ import annotations

import datetime as dt

from summarizer.articles import make_article
from summarizer.briefing import BriefingInput, build_briefing
from summarizer.gazetteer import admin1_name
from summarizer.models import Actor, ActorCategory, DatePrecision, EventDate, OperationKind, Outcome, Place
from summarizer.reconcile import ItemRef, casualty_relation

from .test_briefing import ARMY, DIBIS, ISIS, cas, day, extraction, op

DAQUQ = Place(name="Daquq", canonical="Daquq", admin1="IQ-KI", admin1_name="Kirkuk", country="IQ")
KIRKUK_PROVINCE = Place(name="Kirkuk province", canonical="Kirkuk", admin1="IQ-KI", admin1_name="Kirkuk", country="IQ")


def _one(text: str, name: str, published: str, **fields: object) -> tuple[ItemRef, BriefingInput]:
    art = make_article(text, name, {"published": published, "outlet": name})
    report = cas(text, "cas1", text, ARMY, str(fields.pop("best")), fields.pop("low"), fields.pop("best_n"),
                 fields.pop("high"), **fields)  # type: ignore[arg-type]
    ex = extraction(art, casualties=[report])
    return ItemRef(int(published[-2:]), ex, report), BriefingInput([ex], {art.id: art})


def test_two_towns_of_one_province_are_two_places() -> None:
    a, _ = _one("Gunmen killed two soldiers in Dibis on Tuesday.", "a.txt", "2025-03-12", best="two", low=2,
                best_n=2, high=2, place=DIBIS, date=day("2025-03-11", "on Tuesday"))
    b, _ = _one("Gunmen killed three soldiers in Daquq on Tuesday.", "b.txt", "2025-03-13", best="three", low=3,
                best_n=3, high=3, place=DAQUQ, date=day("2025-03-11", "on Tuesday"))
    assert casualty_relation(a, b) == "veto"
    # a town and the province it lies in are not a conflict
    c, _ = _one("Two soldiers were killed in Kirkuk province on Tuesday.", "c.txt", "2025-03-14", best="Two", low=2,
                best_n=2, high=2, place=KIRKUK_PROVINCE, date=day("2025-03-11", "on Tuesday"))
    assert casualty_relation(a, c) == "support"


def test_a_village_the_gazetteer_does_not_know_does_not_conflict_with_a_town_of_its_province() -> None:
    village = Place(name="Kani Sur", admin1="IQ-KI", admin1_name="Kirkuk", country="IQ", geo_precision=2)
    a, _ = _one("Gunmen killed two soldiers in the village of Kani Sur on Tuesday.", "a.txt", "2025-03-12",
                best="two", low=2, best_n=2, high=2, place=village, date=day("2025-03-11", "on Tuesday"))
    b, _ = _one("Two soldiers were killed near Dibis on Tuesday, the army said.", "b.txt", "2025-03-13", best="Two",
                low=2, best_n=2, high=2, place=DIBIS, date=day("2025-03-11", "on Tuesday"))
    assert casualty_relation(a, b) == "support"
    # the village named by both is still one place, and two known towns still conflict
    c, _ = _one("Two soldiers died in Kani Sur on Tuesday.", "c.txt", "2025-03-14", best="Two", low=2, best_n=2,
                high=2, place=village, date=day("2025-03-11", "on Tuesday"))
    assert casualty_relation(a, c) == "support"
    d, _ = _one("Gunmen killed three soldiers in Daquq on Tuesday.", "d.txt", "2025-03-13", best="three", low=3,
                best_n=3, high=3, place=DAQUQ, date=day("2025-03-11", "on Tuesday"))
    assert casualty_relation(b, d) == "veto"
    # a village in another province still conflicts
    elsewhere = Place(name="Kani Sur", admin1="IQ-NI", admin1_name="Nineveh", country="IQ", geo_precision=2)
    e, _ = _one("Two soldiers were killed in Kani Sur on Tuesday.", "e.txt", "2025-03-15", best="Two", low=2,
                best_n=2, high=2, place=elsewhere, date=day("2025-03-11", "on Tuesday"))
    assert casualty_relation(b, e) == "veto"


def test_an_unidentified_hand_is_not_a_rival_author_of_the_same_kind() -> None:
    unknown = Actor(name="gunmen", canonical="Unidentified Militants", category=ActorCategory.militant_group)
    a, _ = _one("Unidentified gunmen killed two soldiers in Dibis on Tuesday.", "a.txt", "2025-03-12", best="two",
                low=2, best_n=2, high=2, place=DIBIS, date=day("2025-03-11", "on Tuesday"), perpetrator=unknown)
    b, _ = _one("ISIS militants killed two soldiers in Dibis on Tuesday.", "b.txt", "2025-03-13", best="two", low=2,
                best_n=2, high=2, place=DIBIS, date=day("2025-03-11", "on Tuesday"), perpetrator=ISIS)
    assert casualty_relation(a, b) == "support"
    # two named groups are two authors, and militants nobody named are not the army another source blames
    pesh = Actor(name="Peshmerga", canonical="Peshmerga", category=ActorCategory.kurdish_forces)
    c, _ = _one("Peshmerga fire killed two soldiers in Dibis on Tuesday.", "c.txt", "2025-03-14", best="two", low=2,
                best_n=2, high=2, place=DIBIS, date=day("2025-03-11", "on Tuesday"), perpetrator=pesh)
    assert casualty_relation(b, c) == "veto"
    assert casualty_relation(a, c) == "veto"


def test_a_distinctive_figure_retold_by_another_outlet_is_the_same_event() -> None:
    dated, _ = _one("Militants killed at least 12 soldiers at a base in Dibis on Tuesday.", "a.txt", "2025-03-12",
                    best="at least 12", low=12, best_n=12, high=None, place=DIBIS,
                    date=day("2025-03-11", "on Tuesday"))
    retold, _ = _one("The attack came after militants killed 12 soldiers at a base.", "b.txt", "2025-03-20",
                     best="12", low=12, best_n=12, high=12)
    assert casualty_relation(retold, dated) == "support"
    # a small figure coincides too often to say anything
    small, _ = _one("Militants killed two soldiers at a base in Dibis on Tuesday.", "c.txt", "2025-03-12",
                    best="two", low=2, best_n=2, high=2, place=DIBIS, date=day("2025-03-11", "on Tuesday"))
    small_retold, _ = _one("Two soldiers were killed at a checkpoint.", "d.txt", "2025-03-20", best="Two", low=2,
                           best_n=2, high=2)
    assert casualty_relation(small_retold, small) == "none"
    # the same figure outside the undated window is another event
    late, _ = _one("Militants killed 12 soldiers at a base.", "e.txt", "2025-05-20", best="12", low=12, best_n=12,
                   high=12)
    assert casualty_relation(late, dated) == "veto"


def test_an_approximate_date_joins_the_day_it_contains_and_the_incident_takes_that_day() -> None:
    t1 = "Militants killed at least 12 soldiers at a base in Dibis on Tuesday."
    t2 = "Earlier this month, militants killed at least 12 soldiers when they overran a base in Dibis."
    a1 = make_article(t1, "a.txt", {"published": "2025-03-12", "outlet": "A"})
    a2 = make_article(t2, "b.txt", {"published": "2025-03-20", "outlet": "B"})
    month = EventDate(phrase="Earlier this month", start=dt.date(2025, 3, 1), end=dt.date(2025, 3, 31),
                      precision=DatePrecision.month)
    ex1 = extraction(a1, casualties=[cas(t1, "cas1", t1, ARMY, "at least 12", 12, 12, None, place=DIBIS,
                                         date=day("2025-03-11", "on Tuesday"))])
    ex2 = extraction(a2, casualties=[cas(t2, "cas1", t2, ARMY, "at least 12", 12, 12, None, place=DIBIS,
                                         date=month)])
    b = build_briefing(BriefingInput([ex2, ex1], {a.id: a for a in (a1, a2)}))
    assert len(b.incidents) == 1
    assert (b.incidents[0].date_start, b.incidents[0].date_end) == (dt.date(2025, 3, 11), dt.date(2025, 3, 11))


def test_an_incident_is_placed_at_its_town_not_its_province_and_from_its_operation_when_figures_name_none() -> None:
    text = "A bomb exploded at a market in Dibis on Monday. Police said 6 people were killed in the blast."
    art = make_article(text, "m.txt", {"published": "2025-03-12"})
    bombing = op(text, "op1", "A bomb exploded at a market in Dibis on Monday", OperationKind.bombing,
                 places=[DIBIS, KIRKUK_PROVINCE], date=day("2025-03-10", "on Monday"))
    ex = extraction(art, operations=[bombing], casualties=[
        cas(text, "cas1", "Police said 6 people were killed in the blast", ARMY, "6", 6, 6, 6, operation_id="op1",
            date=day("2025-03-10", "on Monday")),
    ])
    incident = build_briefing(BriefingInput([ex], {art.id: art})).incidents[0]
    assert incident.places == ["Dibis (IQ-KI)"] and incident.admin1 == ["IQ-KI"] and incident.countries == ["IQ"]
    # a figure in the province and one in its town: the town is the place
    ex2 = extraction(art, operations=[bombing], casualties=[
        cas(text, "cas1", "Police said 6 people were killed in the blast", ARMY, "6", 6, 6, 6, operation_id="op1",
            place=KIRKUK_PROVINCE, date=day("2025-03-10", "on Monday")),
        cas(text, "cas2", "A bomb exploded at a market in Dibis on Monday", ARMY, "6", 6, 6, 6, operation_id="op1",
            place=DIBIS, date=day("2025-03-10", "on Monday")),
    ])
    incident = build_briefing(BriefingInput([ex2], {art.id: art})).incidents[0]
    assert incident.places == ["Dibis (IQ-KI)"]


def test_an_incident_with_no_place_of_its_own_is_placed_in_its_articles_province() -> None:
    text = "Gunmen killed two soldiers in Dibis on Tuesday. Separately, 7 police officers were abducted on Monday."
    art = make_article(text, "s.txt", {"published": "2025-03-12"})
    ex = extraction(art, casualties=[
        cas(text, "cas1", "Gunmen killed two soldiers in Dibis on Tuesday", ARMY, "two", 2, 2, 2, place=DIBIS,
            date=day("2025-03-11", "on Tuesday")),
        cas(text, "cas2", "7 police officers were abducted on Monday", ARMY, "7", 7, 7, 7,
            date=day("2025-03-10", "on Monday")),
    ])
    places = {i.date_start: i.places for i in build_briefing(BriefingInput([ex], {art.id: art})).incidents}
    assert places[dt.date(2025, 3, 11)] == ["Dibis (IQ-KI)"]
    # the province only (by its ISO 3166-2 name), not a town it did not name
    assert places[dt.date(2025, 3, 10)] == [f"{admin1_name('IQ-KI')} (IQ-KI)"]
    # an article naming places in two provinces gives no setting
    text2 = ("Gunmen killed two soldiers in Makhmour on Tuesday. A bomb killed 3 soldiers in Dibis on Sunday. "
             "Separately, 7 police officers were abducted on Monday.")
    art2 = make_article(text2, "s2.txt", {"published": "2025-03-12"})
    makhmour = Place(name="Makhmour", canonical="Makhmour", admin1="IQ-AR", admin1_name="Erbil", country="IQ")
    ex2 = extraction(art2, casualties=[
        cas(text2, "cas1", "Gunmen killed two soldiers in Makhmour on Tuesday", ARMY, "two", 2, 2, 2, place=makhmour,
            date=day("2025-03-11", "on Tuesday")),
        cas(text2, "cas2", "A bomb killed 3 soldiers in Dibis on Sunday", ARMY, "3", 3, 3, 3, place=DIBIS,
            date=day("2025-03-09", "on Sunday")),
        cas(text2, "cas3", "7 police officers were abducted on Monday", ARMY, "7", 7, 7, 7, outcome=Outcome.captured,
            date=day("2025-03-10", "on Monday")),
    ])
    places = {i.date_start: i.places for i in build_briefing(BriefingInput([ex2], {art2.id: art2})).incidents}
    assert places[dt.date(2025, 3, 10)] == []


def test_a_village_in_no_known_province_does_not_conflict_with_a_province() -> None:
    # "Elders in Wardhiigley said ...": a village no gazetteer knows, its province not named in the sentence
    unplaced = Place(name="Wardhiigley", country="IQ")
    a, _ = _one("Elders in Wardhiigley said two soldiers died on Tuesday.", "a.txt", "2025-03-12", best="two", low=2,
                best_n=2, high=2, place=unplaced, date=day("2025-03-11", "on Tuesday"))
    b, _ = _one("Two soldiers were killed in Kirkuk province on Tuesday.", "b.txt", "2025-03-13", best="Two", low=2,
                best_n=2, high=2, place=KIRKUK_PROVINCE, date=day("2025-03-11", "on Tuesday"))
    assert casualty_relation(a, b) == "support"
    # a known town still conflicts with a town of another province
    c, _ = _one("Gunmen killed three soldiers in Daquq on Tuesday.", "c.txt", "2025-03-13", best="three", low=3,
                best_n=3, high=3, place=DAQUQ, date=day("2025-03-11", "on Tuesday"))
    d, _ = _one("Gunmen killed three soldiers in Dibis on Tuesday.", "d.txt", "2025-03-14", best="three", low=3,
                best_n=3, high=3, place=DIBIS, date=day("2025-03-11", "on Tuesday"))
    assert casualty_relation(c, d) == "veto"
