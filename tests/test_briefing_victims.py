"""Who the briefing says was hit: "people" and the bodies counted with them are unspecified unless the text says
civilians (``summarizer/briefing_victims.py``). Sentences written for the tests."""

from __future__ import annotations

from summarizer.articles import make_article
from summarizer.briefing import BriefingInput, build_briefing
from summarizer.briefing_victims import unspecified_ids
from summarizer.models import Actor, ActorCategory, Outcome

from .test_briefing import cas, day, extraction

PEOPLE = Actor(name="people", canonical="Civilians", category=ActorCategory.civilians)
BODIES = Actor(name="bodies", canonical="Civilians", category=ActorCategory.civilians)
FARMERS = Actor(name="farmers", canonical="Civilians", category=ActorCategory.civilians)
SOLDIERS = Actor(name="soldiers", canonical="Iraqi Army", category=ActorCategory.state_forces)


def test_people_and_the_bodies_counted_with_them_are_unspecified() -> None:
    text = ("A car bomb killed at least nine people at a bus station on Monday. The morgue received 11 bodies. "
            "Two soldiers guarding the gate were also killed.")
    casualties = [
        cas(text, "cas1", "killed at least nine people", PEOPLE, "at least nine", 9, 9, None, operation_id="op1"),
        cas(text, "cas2", "The morgue received 11 bodies", BODIES, "11", 11, 11, 11, operation_id="op1"),
        cas(text, "cas3", "Two soldiers guarding the gate were also killed", SOLDIERS, "Two", 2, 2, 2,
            operation_id="op1"),
    ]
    assert unspecified_ids(casualties) == {"cas1", "cas2"}


def test_people_the_text_calls_civilians_and_bodies_of_named_civilians_stay_civilians() -> None:
    text = ("Gunmen killed 14 people, all of them civilians, in a village on Friday. They also shot five farmers "
            "in their fields; relatives buried five bodies.")
    casualties = [
        cas(text, "cas1", "Gunmen killed 14 people, all of them civilians", PEOPLE, "14", 14, 14, 14,
            operation_id="op1"),
        cas(text, "cas2", "They also shot five farmers", FARMERS, "five", 5, 5, 5, operation_id="op2"),
        cas(text, "cas3", "relatives buried five bodies", BODIES, "five", 5, 5, 5, operation_id="op2"),
    ]
    assert unspecified_ids(casualties) == set()


def test_the_briefing_shows_people_as_unspecified_and_keeps_the_extraction_as_read() -> None:
    text = "A suicide bomber killed 20 people at a market in the town on Sunday."
    art = make_article(text, "m.txt", {"published": "2025-04-07"})
    ex = extraction(art, [], [cas(text, "cas1", "killed 20 people", PEOPLE, "20", 20, 20, 20,
                                  date=day("2025-04-06", "on Sunday"))])
    b = build_briefing(BriefingInput([ex], {art.id: art}))
    [total] = [t for t in b.totals if t.outcome == Outcome.killed]
    assert (total.victims, total.category, total.best) == ("Unspecified", ActorCategory.other, 20)
    assert ex.casualties[0].victims.category == ActorCategory.civilians


def test_men_put_to_death_are_civilians_and_soldiers_killed_in_battle_are_not() -> None:
    from summarizer.briefing_victims import executed_ids

    men = Actor(name="men", canonical="Unspecified", category=ActorCategory.other)
    text = "The group said it had executed three men it accused of spying. Two soldiers were killed in the raid."
    casualties = [
        cas(text, "cas1", "The group said it had executed three men it accused of spying", men, "three", 3, 3, 3),
        cas(text, "cas2", "Two soldiers were killed in the raid", SOLDIERS, "Two", 2, 2, 2),
    ]
    assert executed_ids(casualties) == {"cas1"}


def test_the_wounded_still_in_hospital_are_part_of_the_wounded_already_given() -> None:
    from summarizer.subset_figures import subset_ids

    text = "The blast wounded 12 people. Four wounded people remained in hospital on Monday."
    hurt = [
        cas(text, "cas1", "The blast wounded 12 people", PEOPLE, "12", 12, 12, 12, outcome=Outcome.wounded),
        cas(text, "cas2", "Four wounded people remained in hospital on Monday", PEOPLE, "Four", 4, 4, 4,
            outcome=Outcome.wounded),
    ]
    assert subset_ids(hurt) == {"cas2"}
    assert subset_ids(hurt[1:]) == set()  # the only count of the wounded there is: kept


def test_a_partys_own_men_are_that_partys() -> None:
    from summarizer.briefing_victims import own_side
    from summarizer.models import Claimant

    group = Actor(name="the group", canonical="ISIS", category=ActorCategory.militant_group)
    own = Actor(name="of its own fighters", canonical="own fighters", category=ActorCategory.militant_group)
    text = "The group said its fighters killed 12 soldiers. It said three of its own fighters were killed."
    ex = extraction(make_article(text, "own.txt", {"published": "2025-03-17"}), [], [
        cas(text, "cas1", "The group said its fighters killed 12 soldiers", SOLDIERS, "12", 12, 12, 12),
        cas(text, "cas2", "three of its own fighters were killed", own, "three", 3, 3, 3),
    ])
    ex.casualties[0].reported_by = Claimant(name="The group", affiliation=group)
    found = own_side(ex)
    assert list(found) == ["cas2"] and found["cas2"].canonical == "ISIS"
