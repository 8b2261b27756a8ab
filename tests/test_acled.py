"""The ACLED CSV: one row per event, ACLED's taxonomy and codes, fatalities coded once per event.

Every sentence here is written for these tests.
"""

from __future__ import annotations

import csv
import io

import pytest

from summarizer.acled import (
    COLUMNS,
    acled_rows,
    code_fatalities,
    event_type,
    inter_code,
    interaction,
    is_party_claim,
)
from summarizer.articles import make_article
from summarizer.briefing import BriefingInput, Citation, FigureGroup, FigureReport, build_briefing
from summarizer.models import Actor, ActorCategory, OperationKind, OperationStatus, Outcome, Place
from summarizer.render.documents import render_briefing

from .test_briefing import cas, day, extraction, op

SHABAAB = Actor(name="al-Shabaab", canonical="al-Shabaab", category=ActorCategory.militant_group)
SNA = Actor(name="soldiers", canonical="Somali National Army", category=ActorCategory.state_forces)
PEOPLE = Actor(name="people", canonical="Civilians", category=ActorCategory.civilians)
VILLAGERS = Actor(name="villagers", canonical="Civilians", category=ActorCategory.civilians)
MOGADISHU = Place(name="Mogadishu", canonical="Mogadishu", admin1="SO-BN", admin1_name="Banaadir", country="SO")
AFGOYE = Place(name="Afgoye", canonical="Afgoye", admin1="SO-SH", admin1_name="Lower Shabelle", country="SO")

POLICE = ("A car bomb tore through a tea house in Mogadishu on Friday evening, killing at least 12 people, a police "
          "officer said.")
HOSPITAL = ("Staff at a Mogadishu hospital said they had received 19 bodies and 41 wounded after Friday's car bomb at "
            "a tea house.")
CLAIM = ("Al-Shabaab said in a statement that its fighters killed more than 30 people in Friday's bombing in "
         "Mogadishu. Separately, soldiers raided a village near Afgoye on Saturday and killed five al-Shabaab "
         "fighters, the army said. Police arrested four suspects in Mogadishu on Sunday.")


def bombing_input() -> BriefingInput:
    """One car bombing told by three outlets (police, hospital, the group's claim) plus a raid and an arrest."""
    friday, saturday, sunday = day("2025-06-13", "on Friday"), day("2025-06-14", "on Saturday"), \
        day("2025-06-15", "on Sunday")
    a = make_article(POLICE, "a.txt", {"outlet": "Horn Wire", "published": "2025-06-14"})
    b = make_article(HOSPITAL, "b.txt", {"outlet": "Coast Radio", "published": "2025-06-14"})
    c = make_article(CLAIM, "c.txt", {"outlet": "Capital Daily", "published": "2025-06-16"})
    ex_a = extraction(a, [op(POLICE, "op1", "A car bomb tore through a tea house in Mogadishu on Friday evening",
                             OperationKind.bombing, places=[MOGADISHU], date=friday,
                             status=OperationStatus.completed)], [
        cas(POLICE, "cas1", "killing at least 12 people, a police officer said", PEOPLE, "at least 12", 12, 12, None,
            place=MOGADISHU, date=friday, by="a police officer", operation_id="op1"),
    ])
    ex_b = extraction(b, [], [
        cas(HOSPITAL, "cas1", "they had received 19 bodies and 41 wounded after Friday's car bomb", PEOPLE, "19",
            19, 19, 19, place=MOGADISHU, date=day("2025-06-13", "Friday's"), by="hospital staff"),
        cas(HOSPITAL, "cas2", "they had received 19 bodies and 41 wounded after Friday's car bomb", PEOPLE, "41",
            41, 41, 41, outcome=Outcome.wounded, place=MOGADISHU, date=day("2025-06-13", "Friday's"),
            by="hospital staff"),
    ])
    ex_c = extraction(c, [
        op(CLAIM, "op1", "soldiers raided a village near Afgoye on Saturday", OperationKind.raid, by=[SNA],
           against=[SHABAAB], places=[AFGOYE], date=saturday),
        op(CLAIM, "op2", "Police arrested four suspects in Mogadishu on Sunday", OperationKind.arrest,
           places=[MOGADISHU], date=sunday),
    ], [
        cas(CLAIM, "cas1", "its fighters killed more than 30 people in Friday's bombing in Mogadishu", PEOPLE,
            "more than 30", 31, 31, None, place=MOGADISHU, date=day("2025-06-13", "Friday's"), perpetrator=SHABAAB,
            by="Al-Shabaab"),
        cas(CLAIM, "cas2", "killed five al-Shabaab fighters, the army said", SHABAAB, "five", 5, 5, 5, place=AFGOYE,
            date=saturday, perpetrator=SNA, by="the army", operation_id="op1"),
    ])
    return BriefingInput([ex_a, ex_b, ex_c], {x.id: x for x in (a, b, c)})


def _rows(source: BriefingInput) -> list[dict[str, str]]:
    text = render_briefing(build_briefing(source), "csv", source)
    return list(csv.DictReader(io.StringIO(text)))


def test_header_is_acleds_columns_in_acleds_order() -> None:
    text = render_briefing(build_briefing(bombing_input()), "csv", bombing_input())
    assert text.splitlines()[0].split(",") == COLUMNS
    assert COLUMNS == [
        "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
        "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
        "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude",
        "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
    ]


def test_a_multi_source_event_is_one_row_and_fatalities_never_double_count() -> None:
    source = bombing_input()
    briefing = build_briefing(source)
    rows = _rows(source)
    bombing = [r for r in rows if r["event_date"] == "2025-06-13"]
    assert len(bombing) == 1, rows  # police, hospital and the group's claim: one event
    row = bombing[0]
    # The most conservative credible figure (police: at least 12), not the hospital's 19 nor the claim's 30+.
    assert row["fatalities"] == "12"
    assert "19 (hospital staff" in row["notes"] and "31+ (Al-Shabaab; party claim, not used)" in row["notes"]
    assert "41" in row["notes"]  # the wounded are described, never counted as fatalities
    assert row["source"] == "Horn Wire; Coast Radio; Capital Daily"
    assert (row["event_type"], row["sub_event_type"]) == ("Explosions/Remote violence", "Remote explosive/landmine/IED")
    assert (row["country"], row["iso"], row["region"], row["admin1"], row["location"]) == (
        "Somalia", "706", "Eastern Africa", "Banaadir", "Mogadishu")
    assert row["time_precision"] == "1" and row["year"] == "2025"
    # Three events in all (bombing, raid, arrest): the column sums to 12 + 5, each death once, and never to the
    # sum of every figure reported (12 + 19 + 31 + 5).
    assert len(rows) == 3
    assert sum(int(r["fatalities"]) for r in rows) == 17
    # ... and agrees with the briefing's own totals.
    assert sum(t.best for t in briefing.totals if t.outcome == Outcome.killed) == 17


def test_an_armys_claim_is_used_only_when_it_is_the_only_figure() -> None:
    raid = next(r for r in _rows(bombing_input()) if r["event_date"] == "2025-06-14")
    assert (raid["event_type"], raid["sub_event_type"]) == ("Battles", "Armed clash")
    assert (raid["actor1"], raid["inter1"], raid["actor2"], raid["inter2"], raid["interaction"]) == (
        "Somali National Army", "1", "al-Shabaab", "2", "12")
    assert raid["fatalities"] == "5" and "a party claim: no other figure" in raid["notes"]
    assert raid["geo_precision"] == "2"  # "a village near Afgoye"


def test_an_operation_without_figures_is_its_own_event_with_no_fatalities() -> None:
    arrest = next(r for r in _rows(bombing_input()) if r["event_date"] == "2025-06-15")
    assert (arrest["disorder_type"], arrest["event_type"], arrest["sub_event_type"]) == (
        "Strategic developments", "Strategic developments", "Arrests")
    assert arrest["fatalities"] == "0" and arrest["event_id_cnty"].startswith("SOM-")


def test_background_and_tallies_get_no_row() -> None:
    text = ("Gunmen killed six villagers in Dibis on Monday. Since January, 140 militants have been killed across "
            "Kirkuk, the army said. In 2019, a similar attack in Dibis killed nine people.")
    art = make_article(text, "t.txt", {"published": "2025-03-04"})
    dibis = Place(name="Dibis", canonical="Dibis", admin1="IQ-KI", admin1_name="Kirkuk", country="IQ")
    isis = Actor(name="Gunmen", canonical="ISIS", category=ActorCategory.militant_group)
    ex = extraction(art, [], [
        cas(text, "cas1", "Gunmen killed six villagers in Dibis on Monday", VILLAGERS, "six", 6, 6, 6, place=dibis,
            date=day("2025-03-03", "on Monday"), perpetrator=isis),
        cas(text, "cas2", "Since January, 140 militants have been killed across Kirkuk", isis, "140", 140, 140, 140,
            date=day("2025-01-01", "Since January").model_copy(update={"end": None}), by="the army"),
        cas(text, "cas3", "In 2019, a similar attack in Dibis killed nine people", PEOPLE, "nine", 9, 9, 9,
            place=dibis, date=day("2019-05-01", "In 2019"), background=True),
    ])
    source = BriefingInput([ex], {art.id: art})
    b = build_briefing(source)
    assert sorted((i.background, i.tally) for i in b.incidents) == [(False, False), (False, True), (True, False)]
    rows = acled_rows(b, source, timestamp=0)
    assert [(r.event_date.isoformat() if r.event_date else None, r.fatalities) for r in rows] == [("2025-03-03", 6)]
    civ = rows[0]
    assert (civ.event_type, civ.sub_event_type, civ.civilian_targeting, civ.actor2, civ.inter2) == (
        "Violence against civilians", "Attack", "Civilian targeting", "Civilians (Iraq)", 7)


@pytest.mark.parametrize(("kinds", "text", "victims", "harmed", "expected"), [
    ([OperationKind.attack], "A suicide bomber blew himself up at a checkpoint", [ActorCategory.state_forces], True,
     ("Explosions/Remote violence", "Suicide bomb")),
    ([OperationKind.attack], "A roadside bomb struck a minibus", [ActorCategory.civilians], True,
     ("Explosions/Remote violence", "Remote explosive/landmine/IED")),
    ([], "A drone strike hit a car carrying two commanders", [ActorCategory.militant_group], True,
     ("Explosions/Remote violence", "Air/drone strike")),
    ([OperationKind.airstrike], "Jets pounded hideouts in the hills", [ActorCategory.militant_group], True,
     ("Explosions/Remote violence", "Air/drone strike")),
    ([], "Mortar rounds landed on a market", [ActorCategory.civilians], True,
     ("Explosions/Remote violence", "Shelling/artillery/missile attack")),
    ([], "Attackers threw a grenade into a bar", [ActorCategory.civilians], True,
     ("Explosions/Remote violence", "Grenade")),
    ([OperationKind.attack], "Gunmen kidnapped 20 passengers from a bus", [ActorCategory.civilians], False,
     ("Violence against civilians", "Abduction/forced disappearance")),
    ([OperationKind.attack], "Gunmen shot dead five farmers", [ActorCategory.civilians], True,
     ("Violence against civilians", "Attack")),
    ([OperationKind.clash], "Troops and insurgents fought for hours", [ActorCategory.militant_group], True,
     ("Battles", "Armed clash")),
    ([OperationKind.ambush], "Insurgents ambushed a patrol with a roadside bomb and gunfire",
     [ActorCategory.state_forces], True, ("Battles", "Armed clash")),
    ([OperationKind.operation], "Engineers defused a bomb planted under a bridge", [], False,
     ("Strategic developments", "Disrupted weapons use")),
    ([OperationKind.raid], "Soldiers seized weapons and ammunition in a cache", [], False,
     ("Strategic developments", "Disrupted weapons use")),
    ([OperationKind.arrest], "Police arrested three suspects", [], False, ("Strategic developments", "Arrests")),
    ([OperationKind.arrest], "Police dismantled a cell and seized weapons, arresting its leader", [], False,
     ("Strategic developments", "Arrests")),
    ([OperationKind.operation], "Troops dismantled two explosive devices on the highway", [], False,
     ("Strategic developments", "Disrupted weapons use")),
    ([OperationKind.operation], "The army announced a new campaign", [], False, ("Strategic developments", "Other")),
    ([OperationKind.raid], "Special forces raided a compound at dawn", [], False, ("Battles", "Armed clash")),
    ([OperationKind.attack], "Gunmen opened fire in a market", [None], True, ("Violence against civilians", "Attack")),
])
def test_event_types_follow_the_kind_the_words_and_who_was_hit(
        kinds: list[OperationKind], text: str, victims: list[ActorCategory | None], harmed: bool,
        expected: tuple[str, str]) -> None:
    assert event_type(kinds, text, victims, harmed) == expected


def test_arrests_by_a_non_state_group_are_abductions_of_civilians_only() -> None:
    assert event_type([OperationKind.arrest], "Militants detained two traders", [ActorCategory.civilians], False,
                      ActorCategory.militant_group) == ("Violence against civilians", "Abduction/forced disappearance")
    assert event_type([OperationKind.arrest], "The militia detained five fighters of a rival group",
                      [ActorCategory.militant_group], False, ActorCategory.kurdish_forces) == (
        "Strategic developments", "Arrests")


def test_an_event_without_a_place_is_in_its_storys_country_when_the_story_has_one() -> None:
    text = "Soldiers repelled an attack on a base near Afgoye on Monday. Two soldiers were killed, the army said."
    art = make_article(text, "s.txt", {"published": "2025-06-17"})
    monday = day("2025-06-16", "on Monday")
    ex = extraction(art, [op(text, "op1", "Soldiers repelled an attack on a base near Afgoye on Monday",
                             OperationKind.attack, against=[SNA], places=[AFGOYE], date=monday)], [
        cas(text, "cas1", "Two soldiers were killed, the army said", SNA, "Two", 2, 2, 2, date=monday,
            by="the army"),
    ])
    source = BriefingInput([ex], {art.id: art})
    rows = acled_rows(build_briefing(source), source, timestamp=0)
    killed = next(r for r in rows if r.fatalities == 2)
    # the story names places in one province only: the event is placed there, at province precision
    assert (killed.country, killed.iso, killed.admin1, killed.geo_precision) == ("Somalia", 706,
                                                                               "Shabeellaha Hoose", 3)


def test_inter_codes_and_interaction() -> None:
    assert [inter_code("x", c) for c in (ActorCategory.state_forces, ActorCategory.militant_group,
                                         ActorCategory.paramilitary, ActorCategory.civilians,
                                         ActorCategory.coalition, None)] == [1, 2, 3, 7, 8, None]
    assert inter_code("Peshmerga", ActorCategory.kurdish_forces) == 1
    assert (interaction(2, 1), interaction(1, 7), interaction(2, None), interaction(None, None)) == (12, 17, 20, None)


def _report(best: int, source: str, n: int, reported_by: str | None = None) -> FigureReport:
    return FigureReport(low=best, best=best, high=best, phrase=str(best), source=source,
                        reported_by=reported_by, cite=Citation(n=n, item_id=f"cas{n}", quote="q"))


def test_an_unspecified_toll_is_not_added_to_the_named_groups_it_may_include() -> None:
    soldiers = FigureGroup(victims="Somali National Army", category=ActorCategory.state_forces,
                           outcome=Outcome.killed, reports=[_report(3, "Horn Wire", 1)])
    anyone = FigureGroup(victims="Unspecified", category=ActorCategory.other, outcome=Outcome.killed,
                         reports=[_report(10, "Coast Radio", 2)])
    assert code_fatalities([soldiers, anyone], ["al-Shabaab"]).total == 10
    assert code_fatalities([soldiers], ["al-Shabaab"]).total == 3


def test_party_claims_are_told_from_independent_figures() -> None:
    claim = _report(30, "al-Shabaab", 1, reported_by="al-Shabaab")
    army = _report(9, "Defence Ministry", 2, reported_by="Defence Ministry")
    medic = _report(4, "a doctor", 3, reported_by="a doctor")
    assert is_party_claim(claim, ActorCategory.state_forces, ["al-Shabaab"])
    assert is_party_claim(army, ActorCategory.militant_group, ["Somali National Army"])
    assert not is_party_claim(medic, ActorCategory.civilians, ["al-Shabaab"])
    assert not is_party_claim(_report(6, "Horn Wire", 4), ActorCategory.militant_group, ["Somali National Army"])
    # A spokesman whose name says nothing: his affiliation, resolved by normalisation, makes it the group's claim.
    spokesman = _report(25, "Abdi Warsame, spokesman", 5, reported_by="Abdi Warsame")
    text = "Abdi Warsame, a spokesman for the group, said its fighters killed 25 soldiers."
    item = cas(text, "cas5", "its fighters killed 25 soldiers", SNA, "25", 25, 25, 25, by="Abdi Warsame")
    assert item.reported_by is not None
    item = item.model_copy(update={"reported_by": item.reported_by.model_copy(update={"affiliation": SHABAAB})})
    assert not is_party_claim(spokesman, ActorCategory.state_forces, ["Unidentified Armed Group"])
    assert is_party_claim(spokesman, ActorCategory.state_forces, ["al-Shabaab"], item)
    assert is_party_claim(spokesman, ActorCategory.state_forces, [], item)  # a militant group about soldiers


def test_a_planned_operation_is_no_event() -> None:
    text = "The army will launch an operation against militants in Anbar next month, a spokesman said."
    art = make_article(text, "plan.txt", {"published": "2025-03-04"})
    anbar = Place(name="Anbar", canonical="Anbar", admin1="IQ-AN", admin1_name="Anbar", country="IQ")
    planned = op(text, "op1", "The army will launch an operation against militants in Anbar next month",
                 OperationKind.operation, places=[anbar], status=OperationStatus.planned)
    done = planned.model_copy(update={"status": OperationStatus.launched})
    for operation, expected in ((planned, 0), (done, 1)):
        source = BriefingInput([extraction(art, [operation])], {art.id: art})
        assert len(acled_rows(build_briefing(source), source, timestamp=0)) == expected


class _GeoPlace(Place):
    """A place with the coordinates and precision the gazetteer may give (read with getattr by the ACLED coder)."""

    lat: float | None = None
    lon: float | None = None
    geo_precision: int | None = None


def test_coordinates_and_geo_precision_come_from_the_place_when_it_has_them() -> None:
    text = "A roadside bomb killed three soldiers on a road outside Afgoye on Monday."
    art = make_article(text, "g.txt", {"outlet": "Horn Wire", "published": "2025-06-17"})
    afgoye = _GeoPlace(**{**AFGOYE.model_dump(), "lat": 2.139, "lon": 45.1218, "geo_precision": 2})
    ex = extraction(art, [], [
        cas(text, "cas1", "A roadside bomb killed three soldiers on a road outside Afgoye on Monday", SNA, "three",
            3, 3, 3, place=afgoye, date=day("2025-06-16", "on Monday")),
    ])
    source = BriefingInput([ex], {art.id: art})
    row = next(csv.DictReader(io.StringIO(render_briefing(build_briefing(source), "csv", source))))
    assert (row["latitude"], row["longitude"], row["geo_precision"]) == ("2.1390", "45.1218", "2")
    assert (row["event_type"], row["sub_event_type"], row["actor2"], row["inter2"], row["fatalities"]) == (
        "Explosions/Remote violence", "Remote explosive/landmine/IED", "Somali National Army", "1", "3")
    assert row["admin1"] == "Lower Shabelle" and row["civilian_targeting"] == ""
    # Nobody named the bombers: ACLED's unidentified armed group, inter code 3.
    assert (row["actor1"], row["inter1"], row["interaction"]) == ("Unidentified Armed Group (Somalia)", "3", "13")


def test_an_operation_told_apart_from_its_toll_gives_the_event_its_kind_and_no_row_of_its_own() -> None:
    text = ("Kenyan jets bombed an al-Shabaab hideout in Gedo on Wednesday. The strike killed 17 militants, officials "
            "said. Separately, police arrested two men in Mandera.")
    art = make_article(text, "k.txt", {"outlet": "Border Post", "published": "2025-03-13"})
    wednesday = day("2025-03-12", "on Wednesday")
    ex = extraction(art, [
        op(text, "op1", "Kenyan jets bombed an al-Shabaab hideout in Gedo on Wednesday", OperationKind.airstrike,
           against=[SHABAAB], date=wednesday),
        op(text, "op2", "police arrested two men in Mandera", OperationKind.arrest, date=wednesday),
    ], [
        cas(text, "cas1", "The strike killed 17 militants, officials said", SHABAAB, "17", 17, 17, 17,
            by="officials"),  # no operation link and no date of its own
    ])
    source = BriefingInput([ex], {art.id: art})
    rows = acled_rows(build_briefing(source), source, timestamp=0)
    strike = [r for r in rows if r.sub_event_type == "Air/drone strike"]
    assert len(strike) == 1 and strike[0].fatalities == 17 and strike[0].actor2 == "al-Shabaab"
    assert strike[0].event_date is not None and strike[0].event_date.isoformat() == "2025-03-12"
    assert [r.sub_event_type for r in rows if r.fatalities == 0] == ["Arrests"]  # not a companion: nobody in common
