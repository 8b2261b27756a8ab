"""Event links and who was hit, in the shared normalisation step (any backend's items go through it).

Every sentence is written for these tests. The items are built by hand, as a backend would return them, so
the rules are tested apart from any engine.
"""

from __future__ import annotations

import datetime as dt

from summarizer.articles import make_article
from summarizer.event_links import event_sides
from summarizer.models import (
    Actor,
    ActorCategory,
    ArticleExtraction,
    ArticleMeta,
    CasualtyReport,
    Claimant,
    Count,
    EventDate,
    Evidence,
    Operation,
    OperationKind,
    Outcome,
    Place,
    Provenance,
)
from summarizer.normalize import normalize_extraction

PUBLISHED = dt.date(2025, 3, 8)  # a Saturday

STORY = (
    "Gunmen stormed a police post in Hawija on Thursday, setting two vehicles alight. "
    "Police said four officers were killed in the attack. "
    "A hospital source said the dead included a nurse who was passing by. "
    "Medics carried 11 wounded people from the scene. "
    "In a separate incident in Tuz Khurmatu on Friday, a roadside bomb killed two farmers."
)


def _op(oid: str, quote: str, date: str, place: str, kind: OperationKind = OperationKind.attack) -> Operation:
    return Operation(id=oid, kind=kind, places=[Place(name=place)], date=EventDate(phrase=date),
                     evidence=Evidence(quote=quote))


def _cas(cid: str, quote: str, phrase: str, victims: str, outcome: Outcome = Outcome.killed,
         **fields: object) -> CasualtyReport:
    return CasualtyReport(id=cid, victims=Actor(name=victims), outcome=outcome, count=Count(phrase=phrase),
                          evidence=Evidence(quote=quote), **fields)  # type: ignore[arg-type]


def _run(text: str, operations: list[Operation], casualties: list[CasualtyReport]) -> ArticleExtraction:
    article = make_article(text, "story.txt", {"published": PUBLISHED.isoformat()})
    extraction = ArticleExtraction(
        article=ArticleMeta(id=article.id, source="story.txt", published=PUBLISHED, chars=len(text)),
        operations=operations, casualties=casualties, provenance=Provenance(backend="test"),
    )
    return normalize_extraction(extraction, article)


def test_a_figure_that_refers_back_to_the_attack_belongs_to_it_and_takes_its_date_and_place() -> None:
    out = _run(STORY, [
        _op("op1", "Gunmen stormed a police post in Hawija on Thursday", "on Thursday", "Hawija"),
        _op("op2", "a roadside bomb killed two farmers", "on Friday", "Tuz Khurmatu", OperationKind.bombing),
    ], [
        _cas("cas1", "four officers were killed in the attack", "four", "officers"),
        _cas("cas2", "Medics carried 11 wounded people from the scene", "11", "people", Outcome.wounded),
        _cas("cas3", "a roadside bomb killed two farmers", "two", "farmers", operation_id="op2"),
    ])
    cas1, cas2, cas3 = out.casualties
    assert cas1.operation_id == "op1" and cas2.operation_id == "op1"
    assert cas1.date is not None and cas1.date.start == dt.date(2025, 3, 6)
    assert cas1.place is not None and cas1.place.canonical == "Hawija"
    # the separate incident keeps its own event, day and place
    assert cas3.operation_id == "op2" and cas3.date is not None and cas3.date.start == dt.date(2025, 3, 7)


def test_a_figure_dated_before_the_event_is_not_linked_to_it() -> None:
    text = ("Militants attacked an army checkpoint near Baiji on Friday. "
            "The attack recalled a 2019 ambush in which 30 soldiers were killed.")
    out = _run(text, [_op("op1", "Militants attacked an army checkpoint near Baiji on Friday", "on Friday", "Baiji")],
               [_cas("cas1", "a 2019 ambush in which 30 soldiers were killed", "30", "soldiers",
                     date=EventDate(phrase="2019"))])
    assert out.casualties[0].operation_id is None
    assert out.casualties[0].date is not None and out.casualties[0].date.start == dt.date(2019, 1, 1)


def test_a_figure_somewhere_else_is_not_linked_to_the_attack() -> None:
    text = ("Gunmen stormed a police post in Hawija on Thursday. "
            "In Mosul, two soldiers were killed in the fighting.")
    out = _run(text, [_op("op1", "Gunmen stormed a police post in Hawija on Thursday", "on Thursday", "Hawija")],
               [_cas("cas1", "In Mosul, two soldiers were killed in the fighting", "two", "soldiers",
                     place=Place(name="Mosul"))])
    assert out.casualties[0].operation_id is None


def test_in_a_one_event_story_a_claim_with_no_event_of_its_own_belongs_to_that_event() -> None:
    text = ("Militants overran an army base in Baiji on Tuesday. "
            "The group said on its channel that its fighters killed 25 soldiers at the base.")
    out = _run(text, [_op("op1", "Militants overran an army base in Baiji on Tuesday", "on Tuesday", "Baiji")],
               [_cas("cas1", "its fighters killed 25 soldiers at the base", "25", "soldiers")])
    assert out.casualties[0].operation_id == "op1"


def test_a_period_toll_in_a_one_event_story_stays_apart() -> None:
    text = ("Militants overran an army base in Baiji on Tuesday. "
            "Some 140 soldiers have been killed in the province so far this year.")
    out = _run(text, [_op("op1", "Militants overran an army base in Baiji on Tuesday", "on Tuesday", "Baiji")],
               [_cas("cas1", "Some 140 soldiers have been killed in the province so far this year", "Some 140",
                     "soldiers")])
    assert out.casualties[0].operation_id is None


def test_bodies_counted_by_a_morgue_are_the_same_victims_as_the_other_figures_of_the_event() -> None:
    text = ("A car bomb exploded at a market in Kirkuk on Monday. "
            "Police said 9 people were killed. "
            "A morgue official said it had received 14 bodies.")
    out = _run(text, [_op("op1", "A car bomb exploded at a market in Kirkuk on Monday", "on Monday", "Kirkuk",
                          OperationKind.bombing)], [
        _cas("cas1", "Police said 9 people were killed", "9", "people", operation_id="op1"),
        _cas("cas2", "A morgue official said it had received 14 bodies", "14", "bodies", operation_id="op1",
             reported_by=Claimant(name="A morgue official")),
    ])
    assert [c.victims.canonical for c in out.casualties] == ["Civilians", "Civilians"]


def test_people_among_whom_the_text_names_fighters_are_unspecified() -> None:
    text = ("The siege of the prison in Hasakah ended on Sunday. "
            "At least 330 people were killed, most of them fighters, officials said.")
    out = _run(text, [_op("op1", "The siege of the prison in Hasakah ended on Sunday", "on Sunday", "Hasakah")], [
        _cas("cas1", "At least 330 people were killed, most of them fighters", "At least 330", "people"),
    ])
    assert out.casualties[0].victims.canonical == "Unspecified"
    # the attacker's side named in the sentence is not "fighters among the victims"
    text = "Gunmen killed 12 people at a wedding in Diyala on Sunday."
    out = _run(text, [], [_cas("cas1", "Gunmen killed 12 people at a wedding in Diyala on Sunday", "12", "people")])
    assert out.casualties[0].victims.category == ActorCategory.civilians


def test_a_hospital_count_is_never_of_the_attackers_men() -> None:
    text = ("Gunmen attacked a wedding party in Diyala on Sunday. "
            "The provincial hospital said it treated 8 wounded militants and guests.")
    out = _run(text, [_op("op1", "Gunmen attacked a wedding party in Diyala on Sunday", "on Sunday", "Diyala")], [
        _cas("cas1", "it treated 8 wounded militants and guests", "8", "militants", Outcome.wounded,
             reported_by=Claimant(name="The provincial hospital")),
    ])
    assert out.casualties[0].victims.category != ActorCategory.militant_group


def test_the_town_the_wounded_were_taken_to_is_not_where_they_were_hit() -> None:
    text = ("Gunmen stormed a police post in Hawija on Thursday. "
            "Nine wounded officers were taken to a hospital in Kirkuk, police said.")
    out = _run(text, [_op("op1", "Gunmen stormed a police post in Hawija on Thursday", "on Thursday", "Hawija")],
               [_cas("cas1", "Nine wounded officers were taken to a hospital in Kirkuk", "Nine", "officers",
                     Outcome.wounded, place=Place(name="Kirkuk"), operation_id="op1")])
    cas1 = out.casualties[0]
    assert cas1.place is not None and cas1.place.canonical == "Hawija"
    # a place named as where it happened stays, even when a hospital is named too
    text = "In Kirkuk, a hospital source said nine officers were wounded on Thursday."
    out = _run(text, [], [_cas("cas1", text, "nine", "officers", Outcome.wounded, place=Place(name="Kirkuk"))])
    assert out.casualties[0].place is not None and out.casualties[0].place.canonical == "Kirkuk"


def test_a_figure_with_no_date_in_a_one_event_story_takes_the_event_day_and_town() -> None:
    text = ("Militants overran an army base in Baiji on Tuesday. "
            "A military source said 25 soldiers were killed and 14 wounded.")
    out = _run(text, [_op("op1", "Militants overran an army base in Baiji on Tuesday", "on Tuesday", "Baiji")], [
        _cas("cas1", "25 soldiers were killed", "25", "soldiers"),
        _cas("cas2", "14 wounded", "14", "soldiers", Outcome.wounded),
    ])
    for c in out.casualties:
        assert c.operation_id == "op1" and c.date is not None and c.date.start == dt.date(2025, 3, 4)
        assert c.place is not None and c.place.canonical == "Baiji"
    # two events told: nothing to say which one an unlinked figure is of
    text2 = text + " In Tikrit, gunmen attacked a checkpoint on Wednesday."
    out = _run(text2, [_op("op1", "Militants overran an army base in Baiji on Tuesday", "on Tuesday", "Baiji"),
                       _op("op2", "In Tikrit, gunmen attacked a checkpoint on Wednesday", "on Wednesday", "Tikrit")],
               [_cas("cas1", "25 soldiers were killed", "25", "soldiers")])
    assert out.casualties[0].operation_id is None and out.casualties[0].date is None


def test_the_strikes_told_again_are_that_events_figure_not_a_tally() -> None:
    text = ("Jets bombed a militant camp near Hawija on Tuesday. The strikes killed 14 militants, the ministry said. "
            "So far the strikes have killed 200 militants in the province.")
    out = _run(text, [_op("op1", "Jets bombed a militant camp near Hawija on Tuesday", "on Tuesday", "Hawija",
                          OperationKind.airstrike)],
               [_cas("cas1", "The strikes killed 14 militants", "14", "militants"),
                _cas("cas2", "So far the strikes have killed 200 militants in the province", "200", "militants")])
    one, period = out.casualties
    assert one.operation_id == "op1" and one.date is not None and one.date.start == dt.date(2025, 3, 4)
    assert period.operation_id is None  # "so far": a period's toll, whatever event it names


def test_an_earlier_toll_of_people_told_with_no_hand_behind_it_is_unspecified() -> None:
    text = ("Gunmen raided the market in Diyala on Sunday. "
            "More than 2,000 people have been killed in the province since 2019.")
    quote = "More than 2,000 people have been killed in the province since 2019"
    out = _run(text, [], [_cas("cas1", quote, "More than 2,000", "people", background=True)])
    assert out.casualties[0].victims.canonical == "Unspecified"
    # an earlier attack told with its author killed civilians
    text = "Gunmen raided the market in Diyala on Sunday. In 2019 the group killed 40 people at a wedding."
    quote = "In 2019 the group killed 40 people at a wedding"
    out = _run(text, [], [_cas("cas1", quote, "40", "people", background=True)])
    assert out.casualties[0].victims.category == ActorCategory.civilians
    # today's news keeps the reading of people as civilians
    text = "At least 12 people were killed when a bomb exploded at the market in Diyala on Sunday."
    quote = "At least 12 people were killed when a bomb exploded at the market in Diyala on Sunday"
    out = _run(text, [], [_cas("cas1", quote, "At least 12", "people")])
    assert out.casualties[0].victims.category == ActorCategory.civilians


def test_a_periods_toll_of_people_or_one_the_text_says_is_mixed_is_unspecified() -> None:
    text = "Throughout 2024 the group made 90 attacks in Diyala that left 30 people dead, most of them civilians."
    quote = "Throughout 2024 the group made 90 attacks in Diyala that left 30 people dead, most of them civilians"
    out = _run(text, [], [_cas("cas1", quote, "30", "people")])
    assert out.casualties[0].victims.canonical == "Unspecified"


def test_the_other_words_for_an_event_already_told_refer_back_to_it() -> None:
    text = (
        "Gunmen ambushed an army convoy near Tuz Khurmatu on Wednesday. "
        "Rebel shells struck a displacement camp outside Hawija on Thursday, residents said. "
        "Medics said the bombardment killed 12 people. "
        "The toll later rose to 15, a local official said. "
        "Two guards died during the gunfight that followed."
    )
    out = _run(text, [
        _op("op0", "Gunmen ambushed an army convoy near Tuz Khurmatu on Wednesday", "on Wednesday", "Tuz Khurmatu",
            OperationKind.ambush),
        _op("op1", "Rebel shells struck a displacement camp outside Hawija on Thursday", "on Thursday", "Hawija",
            OperationKind.airstrike),
    ], [
        _cas("cas1", "the bombardment killed 12 people", "12", "people"),
        _cas("cas2", "The toll later rose to 15", "15", "people"),
        _cas("cas3", "Two guards died during the gunfight that followed", "Two", "guards"),
    ])
    assert [c.operation_id for c in out.casualties] == ["op1", "op1", "op1"]
    assert all(c.place is not None and c.place.canonical == "Hawija" for c in out.casualties)


def test_a_linked_figure_with_no_hand_of_its_own_takes_the_side_its_event_says_hit_it() -> None:
    text = (
        "Soldiers raided a militant camp near Hawija on Thursday, the army said. "
        "Twelve militants were killed in the raid. "
        "Two soldiers died in the raid and a shepherd was wounded in the raid."
    )
    army = Actor(name="Iraqi Army", canonical="Iraqi Army", category=ActorCategory.state_forces)
    isis = Actor(name="ISIS", canonical="ISIS", category=ActorCategory.militant_group)
    raid = Operation(id="op1", kind=OperationKind.raid, by=[army], against=[isis], places=[Place(name="Hawija")],
                     date=EventDate(phrase="on Thursday"),
                     evidence=Evidence(quote="Soldiers raided a militant camp near Hawija on Thursday"))
    out = _run(text, [raid], [
        _cas("cas1", "Twelve militants were killed in the raid", "Twelve", "ISIS"),
        _cas("cas2", "Two soldiers died in the raid", "Two", "soldiers"),
        _cas("cas3", "a shepherd was wounded in the raid", "a", "shepherd", Outcome.wounded),
    ])
    hands = [c.perpetrator.canonical if c.perpetrator else None for c in out.casualties]
    # the raid's target hit the raiders' own men; the raiders hit the militants and (unnamed in the text) the
    # shepherd caught in it
    assert hands == ["Iraqi Army", "ISIS", "Iraqi Army"]


def test_people_are_civilians_only_where_the_text_says_so() -> None:
    # a town struck, and nothing said of who the dead were: fighters and civilians alike
    text = "A missile struck the centre of Hit on Monday, killing 11 people, officials said."
    out = _run(text, [], [_cas("cas1", "killing 11 people", "11", "people")])
    assert out.casualties[0].victims.canonical == "Unspecified"
    # a civilian setting named in the sentence or just before it
    text = "A car bomb tore through a crowded market in Hit on Monday. It killed 11 people, officials said."
    out = _run(text, [], [_cas("cas1", "It killed 11 people", "11", "people")])
    assert out.casualties[0].victims.category == ActorCategory.civilians
    # ... or in the next sentence of the paragraph, where the story says who the dead were
    text = ("Drones hit Rutba overnight, killing four people, the governor said. Rescuers pulled the body of a "
            "teacher from the rubble of a five-storey block.")
    out = _run(text, [], [_cas("cas1", "killing four people", "four", "people")])
    assert out.casualties[0].victims.category == ActorCategory.civilians
    # the next paragraph is another matter
    text = ("Drones hit Rutba overnight, killing four people, the governor said.\n\n"
            "In another town, a shell hit a school.")
    out = _run(text, [], [_cas("cas1", "killing four people", "four", "people")])
    assert out.casualties[0].victims.canonical == "Unspecified"


def test_a_figure_told_on_the_day_of_one_event_only_is_that_events() -> None:
    text = ("A suicide bomber struck a checkpoint in Tarmiyah on Monday. "
            "Troops raided a hideout near Samarra on Tuesday. "
            "A hospital director said his staff had received six bodies on Monday.")
    out = _run(text, [_op("op1", "A suicide bomber struck a checkpoint in Tarmiyah on Monday", "on Monday", "Tarmiyah",
                          OperationKind.bombing),
                      _op("op2", "Troops raided a hideout near Samarra on Tuesday", "on Tuesday", "Samarra",
                          OperationKind.raid)],
               [_cas("cas1", "his staff had received six bodies on Monday", "six", "bodies",
                     date=EventDate(phrase="on Monday"))])
    cas1 = out.casualties[0]
    assert cas1.operation_id == "op1"
    assert cas1.place is not None and cas1.place.canonical == "Tarmiyah"


def test_an_undated_figure_belongs_to_the_one_event_whose_targets_its_victims_are() -> None:
    text = ("Militants killed villagers in Jalawla on Friday. "
            "Troops raided a militant hideout near Samarra on Thursday. "
            "A relief worker said her team had counted 19 bodies of civilians.")
    villagers = _op("op1", "Militants killed villagers in Jalawla on Friday", "on Friday", "Jalawla")
    villagers.against = [Actor(name="villagers", canonical="Civilians", category=ActorCategory.civilians)]
    raid = _op("op2", "Troops raided a militant hideout near Samarra on Thursday", "on Thursday", "Samarra",
               OperationKind.raid)
    out = _run(text, [villagers, raid], [_cas("cas1", "her team had counted 19 bodies of civilians", "19",
                                              "civilians")])
    assert out.casualties[0].operation_id == "op1"
    # when the same side also fought in the other event, nothing says which
    raid.against = [Actor(name="villagers", canonical="Civilians", category=ActorCategory.civilians)]
    out = _run(text, [villagers, raid], [_cas("cas1", "her team had counted 19 bodies of civilians", "19",
                                              "civilians")])
    assert out.casualties[0].operation_id is None


def test_suspects_an_event_counts_are_never_the_other_sides_named_victims() -> None:
    text = ("Police raided a hideout in Kirkuk on Monday. "
            "The police said five suspects were killed and two officers were wounded.")
    quote = "The police said five suspects were killed and two officers were wounded"
    officers = Actor(name="officers", canonical="Iraqi Police", category=ActorCategory.state_forces)
    out = _run(text, [_op("op1", "Police raided a hideout in Kirkuk on Monday", "on Monday", "Kirkuk",
                          OperationKind.raid)], [
        CasualtyReport(id="cas1", victims=Actor(name="suspects", canonical="Unspecified", category=ActorCategory.other),
                       outcome=Outcome.killed, count=Count(phrase="five"), evidence=Evidence(quote=quote),
                       operation_id="op1"),
        CasualtyReport(id="cas2", victims=officers, outcome=Outcome.wounded, count=Count(phrase="two"),
                       evidence=Evidence(quote=quote), operation_id="op1"),
    ])
    assert out.casualties[0].victims.canonical != "Iraqi Police"


def test_a_toll_said_to_include_some_civilians_is_not_all_civilians() -> None:
    text = "Clashes in the city have killed 14 people, among them four civilians, the health office said."
    quote = "Clashes in the city have killed 14 people, among them four civilians, the health office said"
    people = Actor(name="people", canonical="Civilians", category=ActorCategory.civilians)
    out = _run(text, [], [CasualtyReport(id="cas1", victims=people, outcome=Outcome.killed, count=Count(phrase="14"),
                                         evidence=Evidence(quote=quote))])
    assert out.casualties[0].victims.canonical == "Unspecified"



def _fight(oid: str, quote: str, by: str, against: str, kind: OperationKind, date: str | None,
           place: str | None) -> Operation:
    side = {"Iraqi Army": ActorCategory.state_forces, "ISIS": ActorCategory.militant_group}
    return Operation(
        id=oid, kind=kind, evidence=Evidence(quote=quote),
        by=[Actor(name=by, canonical=by, category=side[by])],
        against=[Actor(name=against, canonical=against, category=side[against])],
        date=EventDate(phrase=date) if date else None, places=[Place(name=place)] if place else [],
    )


def test_a_sides_losses_belong_to_the_attack_on_it_not_to_the_chase_told_as_its_sequel() -> None:
    text = ("Militants stormed an army outpost in Baiji on Tuesday, the army said. "
            "In the chase that came after, troops killed six of the raiders. "
            "Officers later put the army's own losses at five dead.")
    attack = _fight("op1", "Militants stormed an army outpost in Baiji on Tuesday", "ISIS", "Iraqi Army",
                    OperationKind.attack, "on Tuesday", "Baiji")

    def losses() -> CasualtyReport:
        return CasualtyReport(
            id="cas1", outcome=Outcome.killed, count=Count(phrase="five"),
            victims=Actor(name="army", canonical="Iraqi Army", category=ActorCategory.state_forces),
            evidence=Evidence(quote="Officers later put the army's own losses at five dead"),
        )

    chase = _fight("op2", "In the chase that came after, troops killed six of the raiders", "Iraqi Army", "ISIS",
                   OperationKind.clearance, None, None)
    out = _run(text, [attack, chase], [losses()])
    assert out.casualties[0].operation_id == "op1"
    # a fight of its own, at a place of its own, leaves it open which of the two the losses are from
    text = text.replace("In the chase that came after, troops", "Near Tikrit, troops")
    elsewhere = _fight("op2", "Near Tikrit, troops killed six of the raiders", "Iraqi Army", "ISIS",
                       OperationKind.clearance, None, "Tikrit")
    out = _run(text, [attack, elsewhere], [losses()])
    assert out.casualties[0].operation_id is None


def _hit(cid: str, victims: str, category: ActorCategory, operation_id: str | None,
         perpetrator: str | None = None, background: bool = False) -> CasualtyReport:
    return CasualtyReport(
        id=cid, outcome=Outcome.killed, count=Count(phrase="four"), operation_id=operation_id, background=background,
        victims=Actor(name=victims, canonical=victims, category=category),
        perpetrator=Actor(name=perpetrator, canonical=perpetrator, category=ActorCategory.militant_group)
        if perpetrator else None,
        evidence=Evidence(quote="four were killed"),
    )


def _extraction(operations: list[Operation], casualties: list[CasualtyReport]) -> ArticleExtraction:
    return ArticleExtraction(
        article=ArticleMeta(id="a", source="story.txt", published=PUBLISHED, chars=100),
        operations=operations, casualties=casualties, provenance=Provenance(backend="test"),
    )


def test_an_event_told_with_no_target_is_against_those_its_figures_say_it_hit() -> None:
    strike = Operation(id="op1", kind=OperationKind.airstrike, evidence=Evidence(quote="A drone struck a market."))
    out = _extraction([strike], [
        _hit("cas1", "Civilians", ActorCategory.civilians, "op1", perpetrator="RSF"),
        _hit("cas2", "Unspecified", ActorCategory.other, "op1"),
        _hit("cas3", "Civilians", ActorCategory.civilians, None),
    ])
    event_sides(out)
    assert [a.canonical for a in out.operations[0].against] == ["Civilians"]
    assert [a.canonical for a in out.operations[0].by] == ["RSF"]


def test_a_raid_is_against_the_group_it_hit_not_its_own_dead_nor_a_background_toll() -> None:
    raid = Operation(id="op1", kind=OperationKind.raid, evidence=Evidence(quote="Troops raided a camp."),
                     by=[Actor(name="Iraqi Army", canonical="Iraqi Army", category=ActorCategory.state_forces)])
    out = _extraction([raid], [
        _hit("cas1", "Iraqi Army", ActorCategory.state_forces, "op1"),
        _hit("cas2", "ISIS", ActorCategory.militant_group, "op1"),
        _hit("cas3", "Civilians", ActorCategory.civilians, "op1"),
        _hit("cas4", "PKK", ActorCategory.militant_group, "op1", background=True),
    ])
    event_sides(out)
    assert [a.canonical for a in out.operations[0].against] == ["ISIS"]


def test_a_clash_keeps_the_sides_its_words_give() -> None:
    clash = Operation(id="op1", kind=OperationKind.clash, evidence=Evidence(quote="Fighting broke out."))
    out = _extraction([clash], [_hit("cas1", "ISIS", ActorCategory.militant_group, "op1", perpetrator="ISIS")])
    event_sides(out)
    assert out.operations[0].against == [] and out.operations[0].by == []
