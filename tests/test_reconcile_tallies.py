"""Tallies and overlapping figures: a campaign's toll is never summed with itself or with its own incidents.

Every article here is written for these tests (no seed text); extractions are built in code.
"""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest

from summarizer.articles import make_article
from summarizer.briefing import BriefingInput, GroupTotal, build_briefing
from summarizer.models import Actor, ActorCategory, OperationKind, Outcome, Place
from summarizer.reconcile import ItemRef, casualty_relation, is_tally, sum_tallies
from summarizer.render.documents import render_briefing

from .test_briefing import ANBAR, ARMY, DIBIS, ISIS, PESH, cas, check_markdown, day, extraction, op, quote_index

AIR_FORCE = Actor(name="warplanes", canonical="Iraqi Air Force", category=ActorCategory.state_forces)
KURDS = Actor(name="Kurdish forces", canonical="Kurdish Forces", category=ActorCategory.kurdish_forces)
KIRKUK = Place(name="Kirkuk", canonical="Kirkuk", admin1="IQ-KI", admin1_name="Kirkuk", country="IQ")
HAWIJA = Place(name="Hawija", canonical="Hawija", admin1="IQ-KI", admin1_name="Kirkuk", country="IQ")


def _total(source: BriefingInput, victims: str, outcome: Outcome = Outcome.killed) -> GroupTotal:
    return next(t for t in build_briefing(source).totals if t.victims == victims and t.outcome == outcome)


# --------------------------------------------------------------------------- the campaign told twice

CAMPAIGN = (
    "Allied units stepped up their hunt for the militants, killing more than 60 fighters in a series of raids "
    "across the north. Later, army helicopters carried out strikes on desert hideouts that left 75 militants dead."
)


def campaign_input() -> BriefingInput:
    art = make_article(CAMPAIGN, "campaign.txt", {"outlet": "North Desk", "published": "2025-02-01"})
    ex = extraction(art, casualties=[
        cas(CAMPAIGN, "cas1", "killing more than 60 fighters in a series of raids across the north", ISIS,
            "more than 60", 61, 61, None, perpetrator=KURDS),
        cas(CAMPAIGN, "cas2", "army helicopters carried out strikes on desert hideouts that left 75 militants dead",
            ISIS, "75", 75, 75, 75, perpetrator=AIR_FORCE, place=KIRKUK),
    ])
    return BriefingInput([ex], {art.id: art})


def test_two_tallies_of_one_campaign_are_alternatives_not_a_sum() -> None:
    source = campaign_input()
    b = build_briefing(source)
    assert len(b.incidents) == 1 and b.incidents[0].tally
    fig = b.incidents[0].figures[0]
    # "more than 60" is a floor that 75 satisfies: alternatives, not a disagreement; 75 is the best estimate.
    assert fig.alternatives and not fig.conflict
    assert (fig.low, fig.best, fig.high) == (61, 75, 75)  # the largest figure bounds the floor
    assert all(t.victims != "ISIS" for t in b.totals)  # a campaign's toll is no incident: never counted, not 136
    md = render_briefing(b, "md", source)
    assert "I1 (tally)" in md and " or 75 “75”" in md
    assert check_markdown(md, quote_index(source, b)) >= 3


def test_tallies_by_opposing_sides_are_not_merged() -> None:
    # Militants killed "in a series of raids" by two enemies of each other: no campaign to nest in.
    text = "Rival militias killed 30 militants in a series of raids, while militants killed 12 in clashes."
    art = make_article(text, "rivals.txt", {"published": "2025-02-01"})
    rival = Actor(name="rival militants", canonical="Rival Group", category=ActorCategory.militant_group)
    ex = extraction(art, casualties=[
        cas(text, "cas1", "Rival militias killed 30 militants in a series of raids", ISIS, "30", 30, 30, 30,
            perpetrator=KURDS),
        cas(text, "cas2", "militants killed 12 in clashes", ISIS, "12", 12, 12, 12, perpetrator=rival),
    ])
    assert len(build_briefing(BriefingInput([ex], {})).incidents) == 2


# --------------------------------------------------------------------------- a tally and its own incidents

TOLL = (
    "Thirty soldiers have been killed since March 1 in the province. On Monday gunmen killed 4 soldiers in "
    "Hawija. On Friday a roadside bomb killed 3 soldiers in Dibis."
)


def toll_input(tally_place: Place | None = KIRKUK) -> BriefingInput:
    art = make_article(TOLL, "toll.txt", {"outlet": "Kirkuk Now", "published": "2025-03-20"})
    ex = extraction(art, casualties=[
        cas(TOLL, "cas1", "Thirty soldiers have been killed since March 1 in the province", ARMY, "Thirty", 30, 30,
            30, date=day(None, "since March 1"), place=tally_place),
        cas(TOLL, "cas2", "On Monday gunmen killed 4 soldiers in Hawija", ARMY, "4", 4, 4, 4,
            date=day("2025-03-17", "On Monday"), place=HAWIJA, perpetrator=ISIS),
        cas(TOLL, "cas3", "On Friday a roadside bomb killed 3 soldiers in Dibis", ARMY, "3", 3, 3, 3,
            date=day("2025-03-14", "On Friday"), place=DIBIS, perpetrator=ISIS),
    ])
    return BriefingInput([ex], {art.id: art})


def test_a_tally_is_not_added_to_the_incidents_it_includes() -> None:
    source = toll_input()
    b = build_briefing(source)
    assert [i.tally for i in b.incidents] == [False, False, True]  # incidents first, then the tally
    total = _total(source, "Iraqi Army")
    assert (total.low, total.best, total.high) == (7, 7, 7)  # the incidents, each once; the tally listed beside
    assert sorted((c.tally, c.counted) for c in total.components) == [(False, True), (False, True), (True, False)]
    assert total.overlapping
    md = render_briefing(b, "md", source)
    assert "not added: I3 (tally) 30 " in md
    assert check_markdown(md, quote_index(source, b)) >= 5
    html = render_briefing(b, "html", source)
    assert "not added:" in html and "(tally)" in html


def test_a_tally_resolved_to_its_first_day_still_covers_the_days_after() -> None:
    source = toll_input()
    tally = source.extractions[0].casualties[0]
    tally.date = day("2025-03-01", "since March 1")  # a backend that resolves "since" to its start day
    total = _total(source, "Iraqi Army")
    assert total.best == 7 and total.overlapping  # still listed beside the incidents of its period


def test_incidents_larger_than_their_tally_count_as_incidents() -> None:
    text = ("Five soldiers have been killed so far this month. On Monday 4 soldiers died in Hawija; "
            "on Friday 3 in Dibis.")
    art = make_article(text, "small.txt", {"published": "2025-03-20"})
    ex = extraction(art, casualties=[
        cas(text, "cas1", "Five soldiers have been killed so far this month", ARMY, "Five", 5, 5, 5),
        cas(text, "cas2", "On Monday 4 soldiers died in Hawija", ARMY, "4", 4, 4, 4,
            date=day("2025-03-17", "On Monday"), place=HAWIJA),
        cas(text, "cas3", "on Friday 3 in Dibis", ARMY, "3", 3, 3, 3, date=day("2025-03-14", "on Friday"),
            place=DIBIS),
    ])
    total = _total(BriefingInput([ex], {}), "Iraqi Army")
    assert (total.low, total.best) == (7, 7)
    assert sorted((c.tally, c.counted) for c in total.components) == [(False, True), (False, True), (True, False)]


def test_a_tally_in_another_province_is_distinct_and_still_not_added() -> None:
    text = "Forty militants have been killed in Anbar since January. Troops killed 6 militants in Dibis on Sunday."
    art = make_article(text, "two.txt", {"published": "2025-03-20"})
    ex = extraction(art, casualties=[
        cas(text, "cas1", "Forty militants have been killed in Anbar since January", ISIS, "Forty", 40, 40, 40,
            place=ANBAR, date=day(None, "since January")),
        cas(text, "cas2", "Troops killed 6 militants in Dibis on Sunday", ISIS, "6", 6, 6, 6, place=DIBIS,
            date=day("2025-03-16", "on Sunday")),
    ])
    total = _total(BriefingInput([ex], {}), "ISIS")
    assert total.best == 6 and not total.overlapping  # a period's toll is no incident of the period
    assert sorted((c.tally, c.counted) for c in total.components) == [(False, True), (True, False)]


def test_a_tally_from_another_undated_article_with_no_link_is_not_added() -> None:
    t1 = "Forty militants have been killed in recent weeks."
    t2 = "Troops killed 6 militants in Dibis."
    a1, a2 = make_article(t1, "t1.txt", {}), make_article(t2, "t2.txt", {})
    e1 = extraction(a1, casualties=[cas(t1, "cas1", t1, ISIS, "Forty", 40, 40, 40, date=day(None, "in recent weeks"))])
    e2 = extraction(a2, casualties=[cas(t2, "cas1", t2, ISIS, "6", 6, 6, 6, place=DIBIS)])
    assert _total(BriefingInput([e1, e2], {}), "ISIS").best == 6  # the tally is listed, never counted


def test_a_total_of_already_listed_figures_is_found_by_its_sum() -> None:
    text = "Gunmen killed 2 Peshmerga near Kifri and 5 near Qara Tapa. The attacks left 7 Peshmerga dead."
    art = make_article(text, "sum.txt", {"published": "2025-03-20"})
    ex = extraction(art, casualties=[
        cas(text, "cas1", "Gunmen killed 2 Peshmerga near Kifri", PESH, "2", 2, 2, 2),
        cas(text, "cas2", "and 5 near Qara Tapa", PESH, "5", 5, 5, 5),
        cas(text, "cas3", "The attacks left 7 Peshmerga dead", PESH, "7", 7, 7, 7),
    ])
    refs = [ItemRef(1, ex, c) for c in ex.casualties]
    assert sum_tallies(refs) == {"1:cas3"}
    total = _total(BriefingInput([ex], {}), "Peshmerga")
    assert total.best == 7  # not 14


def test_a_sum_is_not_a_total_when_the_figure_is_one_days_event_in_one_town() -> None:
    text = "On Sunday 7 soldiers were killed in Dibis. Elsewhere 2 died in Hawija and 5 in Kirkuk city."
    art = make_article(text, "coincidence.txt", {"published": "2025-03-20"})
    ex = extraction(art, casualties=[
        cas(text, "cas1", "On Sunday 7 soldiers were killed in Dibis", ARMY, "7", 7, 7, 7, place=DIBIS,
            date=day("2025-03-16", "On Sunday")),
        cas(text, "cas2", "2 died in Hawija", ARMY, "2", 2, 2, 2, place=HAWIJA),
        cas(text, "cas3", "5 in Kirkuk city", ARMY, "5", 5, 5, 5, place=KIRKUK),
    ])
    assert sum_tallies([ItemRef(1, ex, c) for c in ex.casualties]) == set()


# --------------------------------------------------------------------------- what makes a tally


def _ref(quote: str, phrase: str | None = None, start: str | None = None) -> ItemRef:
    art = make_article(quote, "x.txt", {})
    date = day(start, phrase) if phrase else None
    report = cas(quote, "cas1", quote, ISIS, "9", 9, 9, 9, date=date)
    return ItemRef(1, extraction(art, casualties=[report]), report)


@pytest.mark.parametrize(
    ("quote", "phrase", "start", "expected"),
    [
        ("Nine militants have been killed since the offensive began", "since the offensive began", None, True),
        ("A total of 9 militants were killed", None, None, True),
        ("Nine militants were killed over the past two weeks", None, None, True),
        ("the campaign has killed 9 militants", None, None, True),
        ("intensive airstrikestargeting hideouts killed 9 militants", None, None, True),  # glued words
        ("a series of raids killed 9 militants", "on Tuesday", None, False),  # pinned to one day
        ("the raid killed 9 militants", None, None, False),
        ("the first attack since 2019 killed 9 militants", None, None, False),  # 'since' dates one event
        ("the death toll of the bombing rose to 9", None, None, False),  # one incident's figure updated
        ("9 were killed, the Joint Operations Command said", None, None, False),
    ],
)
def test_what_makes_a_tally(quote: str, phrase: str | None, start: str | None, expected: bool) -> None:
    assert is_tally(_ref(quote, phrase, start)) is expected


def test_a_tally_and_an_incident_never_merge() -> None:
    text = "Nine militants have been killed in Dibis so far. Troops killed 9 militants in Dibis."
    art = make_article(text, "m.txt", {})
    c1 = cas(text, "cas1", "Nine militants have been killed in Dibis so far", ISIS, "Nine", 9, 9, 9, place=DIBIS)
    c2 = cas(text, "cas2", "Troops killed 9 militants in Dibis", ISIS, "9", 9, 9, 9, place=DIBIS)
    ex = extraction(art, casualties=[c1, c2])
    assert casualty_relation(ItemRef(1, ex, c1), ItemRef(1, ex, c2)) == "veto"


# --------------------------------------------------------------------------- repeats and extraction slips


def test_one_sentence_one_operation_is_one_incident_despite_disagreeing_dates() -> None:
    text = "The next day gunmen attacked a post in Dibis, killing one soldier and wounding five."
    art = make_article(text, "slip.txt", {"published": "2025-03-20"})
    quote = "gunmen attacked a post in Dibis, killing one soldier and wounding five"
    ex = extraction(art, casualties=[
        cas(text, "cas1", quote, ARMY, "one", 1, 1, 1, place=DIBIS, date=day("2025-03-18", "The next day"),
            operation_id="op1"),
        cas(text, "cas2", quote, ARMY, "five", 5, 5, 5, outcome=Outcome.wounded, place=DIBIS,
            date=day("2025-03-19", "The next day"), operation_id="op1"),
    ])
    b = build_briefing(BriefingInput([ex], {}))
    assert len(b.incidents) == 1
    assert (b.incidents[0].date_start, b.incidents[0].date_end) == (dt.date(2025, 3, 18), dt.date(2025, 3, 19))


def test_a_figure_repeated_in_one_article_is_counted_once() -> None:
    text = "Troops killed 12 militants, the ministry said. The 12 militants killed included two commanders."
    art = make_article(text, "rep.txt", {"published": "2025-03-20"})
    ex = extraction(art, casualties=[
        cas(text, "cas1", "Troops killed 12 militants, the ministry said", ISIS, "12", 12, 12, 12, by="ministry"),
        cas(text, "cas2", "The 12 militants killed included two commanders", ISIS, "12", 12, 12, 12),
    ])
    source = BriefingInput([ex], {})
    assert len(build_briefing(source).incidents) == 1 and _total(source, "ISIS").best == 12
    # A different figure with nothing to tie it is another statement, kept apart (and summed, as before).
    text2 = "Troops killed 12 militants. Police killed 3 militants."
    art2 = make_article(text2, "rep2.txt", {})
    ex2 = extraction(art2, casualties=[
        cas(text2, "cas1", "Troops killed 12 militants", ISIS, "12", 12, 12, 12),
        cas(text2, "cas2", "Police killed 3 militants", ISIS, "3", 3, 3, 3),
    ])
    assert _total(BriefingInput([ex2], {}), "ISIS").best == 15


# --------------------------------------------------------------------------- presentation


def test_floors_and_figures_agree_but_disjoint_figures_conflict() -> None:
    t1, t2 = "Gunmen killed at least 10 soldiers in Dibis on Sunday.", "Twelve soldiers died in Dibis on Sunday."
    a1 = make_article(t1, "f1.txt", {"outlet": "One", "published": "2025-03-17"})
    a2 = make_article(t2, "f2.txt", {"outlet": "Two", "published": "2025-03-17"})
    sunday = day("2025-03-16", "on Sunday")
    e1 = extraction(a1, casualties=[cas(t1, "cas1", t1, ARMY, "at least 10", 10, 10, None, place=DIBIS, date=sunday)])
    e2 = extraction(a2, casualties=[cas(t2, "cas1", t2, ARMY, "Twelve", 12, 12, 12, place=DIBIS, date=sunday)])
    b = build_briefing(BriefingInput([e1, e2], {}))
    fig = b.incidents[0].figures[0]
    assert fig.alternatives and not fig.conflict and (fig.low, fig.best, fig.high) == (10, 12, 12)
    assert not any("disagree" in s.plain for s in b.bluf)


def test_an_article_without_outlet_is_cited_by_its_number_not_its_file_name() -> None:
    text = "Gunmen killed 2 soldiers in Dibis on Sunday."
    art = make_article(text, "folder/0042_abcdef.txt", {"published": "2025-03-17"})
    ex = extraction(art, casualties=[cas(text, "cas1", text, ARMY, "2", 2, 2, 2, place=DIBIS,
                                         date=day("2025-03-16", "on Sunday"))])
    source = BriefingInput([ex], {})
    b = build_briefing(source)
    assert b.incidents[0].figures[0].reports[0].source == "source 1"
    assert "0042_abcdef" not in "\n".join(row for row in render_briefing(b, "md", source).splitlines()
                                          if row.startswith("| I1"))


def test_current_events_come_before_tallies_and_background() -> None:
    source = toll_input()
    text = "Back in 2019 an ambush killed 8 soldiers in Dibis."
    art = make_article(text, "old.txt", {"published": "2025-03-21"})
    old = extraction(art, casualties=[cas(text, "cas1", text, ARMY, "8", 8, 8, 8, place=DIBIS, background=True,
                                          date=day("2019-05-01", "in 2019"))])
    b = build_briefing(BriefingInput([*source.extractions, old], {}))
    assert [(i.background, i.tally) for i in b.incidents] == [(False, False), (False, False), (False, True),
                                                             (True, False)]
    assert [i.id for i in b.incidents] == ["I1", "I2", "I3", "I4"]


def test_csv_rows_say_which_figures_are_tallies_and_alternatives() -> None:
    source = campaign_input()
    rows = list(csv.DictReader(io.StringIO(render_briefing(build_briefing(source), "figures-csv", source))))
    figures = [r for r in rows if r["outcome"]]
    assert len(figures) == 2
    assert all("tally" in r["notes"] and "alternative figures" in r["notes"] for r in figures)


def test_a_tally_without_a_place_of_its_own_shows_its_operations_provinces() -> None:
    text = "Joint forces pressed their campaign in Kirkuk and Anbar, killing 40 militants in a series of raids."
    art = make_article(text, "scope.txt", {"published": "2025-03-20"})
    ex = extraction(art, [
        op(text, "op1", "Joint forces pressed their campaign in Kirkuk and Anbar", OperationKind.operation,
           places=[KIRKUK, ANBAR]),
    ], [
        cas(text, "cas1", "killing 40 militants in a series of raids", ISIS, "40", 40, 40, 40, operation_id="op1"),
    ])
    incident = build_briefing(BriefingInput([ex], {})).incidents[0]
    assert incident.tally and incident.places == ["Kirkuk (IQ-KI)", "Anbar (IQ-AN)"]
