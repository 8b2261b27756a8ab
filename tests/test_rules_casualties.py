"""The rule-based casualty extractor: each phrase family and each trap, on sentences written for the tests."""

from __future__ import annotations

import pytest

from summarizer.articles import clean_view, make_article
from summarizer.backends.rules import extract_article
from summarizer.backends.rules.casualties import extract_casualties
from summarizer.gazetteer import story_gazetteer
from summarizer.models import ActorCategory, CasualtyReport, Evidence, Operation, Outcome
from summarizer.sentences import split_sentences


def run(text: str, operations: list[Operation] | None = None) -> list[CasualtyReport]:
    view = clean_view(text)
    return extract_casualties(view.text, view.to_original, text, operations=operations or ())


def summary(text: str) -> list[tuple[str | None, str, int | None, int | None, int | None]]:
    return [(c.victims.canonical, c.outcome.value, c.count.low, c.count.best, c.count.high) for c in run(text)]


# --------------------------------------------------------------------------- phrase families


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # verbal, active, figure after the verb
        (
            "Gunmen opened fire on a checkpoint near Baiji, killing three policemen.",
            [("Iraqi Police", "killed", 3, 3, 3)],
        ),
        ("The blast wounded 14 civilians at a market in Tikrit.", [("Civilians", "wounded", 14, 14, 14)]),
        # passive
        ("Six Iraqi soldiers were killed when their patrol hit a roadside bomb.", [("Iraqi Army", "killed", 6, 6, 6)]),
        (
            "At least 9 Peshmerga fighters have been wounded since the clashes began.",
            [("Peshmerga", "wounded", 9, 9, None)],
        ),
        ("Four villagers were martyred in the shelling.", [("Civilians", "killed", 4, 4, 4)]),
        ("Two shepherds lost their lives after stepping on a mine.", [("Civilians", "killed", 2, 2, 2)]),
        # nominal
        ("The ambush resulted in the deaths of seven soldiers.", [("Iraqi Army", "killed", 7, 7, 7)]),
        ("The bombing left five militiamen dead, officials said.", []),  # "militiamen" unknown noun: no guess
        (
            "The bombing left 12 people dead and 30 others wounded.",
            [("Civilians", "killed", 12, 12, 12), ("Civilians", "wounded", 30, 30, 30)],
        ),
        (
            "A car bomb exploded in the square, leaving at least 15 casualties.",
            [("Unspecified", "killed_or_wounded", 15, 15, None)],
        ),
        # split figures and "others"
        (
            "The attackers killed 8 policemen and two civilians before fleeing.",
            [("Iraqi Police", "killed", 8, 8, 8), ("Civilians", "killed", 2, 2, 2)],
        ),
        (
            "Three were killed and eleven wounded in the explosion.",
            [("Unspecified", "killed", 3, 3, 3), ("Unspecified", "wounded", 11, 11, 11)],
        ),
        (
            "The mortar attack killed one soldier, with 4 others sustaining injuries.",
            [("Iraqi Army", "killed", 1, 1, 1), ("Iraqi Army", "wounded", 4, 4, 4)],
        ),
        (
            "Militants stormed the village, killing nine civilians and injuring six others.",
            [("Civilians", "killed", 9, 9, 9), ("Civilians", "wounded", 6, 6, 6)],
        ),
        (
            "An explosion in a Kirkuk market killed and injured 26 people.",
            [("Civilians", "killed_or_wounded", 26, 26, 26)],
        ),
        ("The militants left two guards and a cook dead.", [("Unspecified", "killed", 2, 2, 2)]),
        # capture, arrest, surrender, missing
        ("Security forces arrested 17 suspects in a dawn raid.", [("Unspecified", "arrested", 17, 17, 17)]),
        ("Police detained a dozen ISIS members in Fallujah.", [("ISIS", "arrested", 12, 12, 12)]),
        ("Five truffle hunters were abducted in the desert.", [("Civilians", "captured", 5, 5, 5)]),
        ("Militants kidnapped 3 shepherds near Rutba.", [("Civilians", "captured", 3, 3, 3)]),
        ("Twenty militants surrendered to the army in Hawija.", [("ISIS", "surrendered", 20, 20, 20)]),
        (
            "Two fishermen and four soldiers remain missing after the flood.",
            [("Civilians", "missing", 2, 2, 2), ("Iraqi Army", "missing", 4, 4, 4)],
        ),
        # vague quantities
        ("Airstrikes killed dozens of jihadists in the valley.", [("ISIS", "killed", 12, 12, None)]),
        ("Several civilians were injured by shrapnel.", [("Civilians", "wounded", 3, 3, None)]),
        ("The raid killed nearly 40 insurgents.", [("ISIS", "killed", 32, 39, 39)]),
        ("Around 50 terrorists were killed in the operation.", [("ISIS", "killed", 45, 50, 55)]),
        ("The strike killed an estimated 200 militants.", [("ISIS", "killed", 180, 200, 220)]),
        ("Scores of people were wounded in the blast.", [("Civilians", "wounded", 20, 20, None)]),
        (
            "A policeman was killed and a child injured.",
            [("Iraqi Police", "killed", 1, 1, 1), ("Civilians", "wounded", 1, 1, 1)],
        ),
    ],
)
def test_phrase_families(text: str, expected: list[tuple[str | None, str, int, int, int | None]]) -> None:
    assert summary(text) == expected


# --------------------------------------------------------------------------- traps


@pytest.mark.parametrize(
    "text",
    [
        "The offensive of 2016 drove the group out of the city.",  # a year
        "The 47th brigade and two battalions moved into the area.",  # ordinals and units
        "Officials counted 212 attacks in the province last year.",  # counts of attacks
        "The operation covered an area exceeding 900 kilometers of desert.",  # distances
        "Analysts estimate between 2,000 and 4,000 fighters remain in the region.",  # strength estimate
        "He believes there are over 60 militants hiding in the orchards.",  # strength estimate
        "The statement was issued at 10:15 am local time.",  # a time
        "No casualties were reported in the attack.",  # negation
        "No one was hurt when the rocket landed.",  # negation
        "The group demanded $50,000 for each hostage.",  # money
        "A 45-year-old shepherd told reporters the road was closed.",  # an age, no outcome
        "Police said 30 percent of the detainees were released.",  # a percentage
        "Forces destroyed 14 tunnels and seized 3 vehicles.",  # things, not people
    ],
)
def test_traps_give_no_casualties(text: str) -> None:
    assert run(text) == []


def test_active_voice_figure_is_the_killer_not_the_victim() -> None:
    result = run("Two suicide bombers killed 11 worshippers at the mosque.")
    assert [(c.victims.canonical, c.count.best) for c in result] == [("Civilians", 11)]


def test_including_a_subset_is_not_a_second_figure() -> None:
    result = run("The strikes killed 40 militants, including three commanders.")
    assert [(c.victims.canonical, c.count.best) for c in result] == [("ISIS", 40)]


# --------------------------------------------------------------------------- context fields


def test_victims_from_the_target_of_the_attack() -> None:
    result = run("A militant assault on Asayish headquarters left two officers dead.")
    assert [(c.victims.canonical, c.victims.name) for c in result] == [("Asayish", "officers")]


def test_of_them_takes_the_target_before() -> None:
    result = run("Militants ambushed a Peshmerga patrol on Monday, killing three of them.")
    assert result[0].victims.canonical == "Peshmerga"
    assert result[0].perpetrator is not None and result[0].perpetrator.canonical == "ISIS"


def test_perpetrator_from_subject_and_by_agent() -> None:
    first = run("ISIS militants attacked a police station, killing two officers.")[0]
    second = run("Three farmers were killed by Daesh in the orchards.")[0]
    assert first.perpetrator is not None and first.perpetrator.canonical == "ISIS"
    assert second.perpetrator is not None and second.perpetrator.canonical == "ISIS"
    assert second.victims.canonical == "Civilians"


def test_security_operation_kills_militants() -> None:
    result = run("Iraqi troops killed seven militants during a sweep of the Hamrin Mountains.")
    assert result[0].victims.canonical == "ISIS"
    assert result[0].perpetrator is not None and result[0].perpetrator.canonical == "Iraqi Army"
    assert result[0].place is not None and result[0].place.canonical == "Hamrin Mountains"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Five soldiers were killed in the attack, according to the Defense Ministry.", "the Defense Ministry"),
        ("The Security Media Cell said 4 terrorists were killed in the strike.", "The Security Media Cell"),
        ("Two guards were wounded, said police spokesman Karim Salih.", "police spokesman Karim Salih"),
    ],
)
def test_reported_by(text: str, name: str) -> None:
    result = run(text)
    assert result and result[0].reported_by is not None
    assert result[0].reported_by.name in name


def test_own_voice_has_no_source() -> None:
    assert run("Six soldiers were killed in the attack.")[0].reported_by is None


def test_a_source_is_named_as_written_with_the_apposition_as_role() -> None:
    # the frame reading's claimant: the name as written, title included (as ``Claimant.name`` asks), the
    # apposition as the role
    text = "Major General Hamid Rashid, commander of the operation, said 12 militants were killed."
    source = run(text)[0].reported_by
    assert source is not None
    assert (source.name, source.role) == ("Major General Hamid Rashid", "commander of the operation")


@pytest.mark.parametrize(
    ("text", "background"),
    [
        ("In early March, a bombing in Samarra killed 14 pilgrims.", True),
        ("Eleven soldiers have been killed since October 3.", True),
        ("In 2015, the group executed 40 prisoners in Mosul.", True),
        ("Last year, an ambush left 9 policemen dead.", True),
        ("On Monday, a bombing in Samarra killed 14 pilgrims.", False),
    ],
)
def test_background_time_phrases(text: str, background: bool) -> None:
    assert [c.background for c in run(text)] == [background]


def test_date_phrase_as_written() -> None:
    result = run("Gunmen killed two farmers near Daquq on Friday night.")
    assert result[0].date is not None and result[0].date.phrase == "on Friday night"
    assert result[0].date.start is None  # resolved later, by the shared normalisation step


# --------------------------------------------------------------------------- evidence and offsets


def test_evidence_is_verbatim_from_the_original_with_glued_words() -> None:
    text = "Heading\nThe raid killed over30 militants,officials said. Another line follows."
    result = run(text)
    assert len(result) == 1
    cas = result[0]
    assert (cas.count.low, cas.count.high) == (31, None)
    assert cas.evidence.start is not None and cas.evidence.end is not None
    assert text[cas.evidence.start : cas.evidence.end] == cas.evidence.quote
    assert "over30" in cas.evidence.quote
    assert cas.count.phrase == "over 30"  # the count phrase is read on the cleaned view


def test_operation_link_by_shared_sentence() -> None:
    text = "Forces launched an operation in Anbar. The operation killed 6 militants."
    start = text.index("The operation")
    op = Operation(id="op7", evidence=Evidence(quote="The operation killed", start=start, end=start + 20))
    assert [c.operation_id for c in run(text, [op])] == ["op7"]


def test_ids_are_sequential() -> None:
    result = run("Two soldiers were killed. Three civilians were wounded.")
    assert [c.id for c in result] == ["cas1", "cas2"]
    assert [c.outcome for c in result] == [Outcome.killed, Outcome.wounded]


def test_sentence_split_keeps_abbreviations() -> None:
    text = "Maj. Gen. Ali Hassan of the U.S. command spoke. Lt. Col. Omar agreed. A third one."
    spans = split_sentences(text)
    assert [text[s.start : s.end] for s in spans] == [
        "Maj. Gen. Ali Hassan of the U.S. command spoke.",
        "Lt. Col. Omar agreed.",
        "A third one.",
    ]


def test_incident_given_as_the_reason_for_the_news_is_background() -> None:
    text = "Troops began a sweep on Monday following a wave of attacks that killed 12 shepherds."
    assert [(c.victims.canonical, c.background) for c in run(text)] == [("Civilians", True)]


def test_attack_on_another_day_than_the_lede_is_background_but_the_lede_is_not() -> None:
    text = (
        "Iraqi and Kurdish forces on Friday launched a joint sweep of villages south of Kirkuk, killing 5 militants.\n"
        "On Tuesday, gunmen attacked a checkpoint near Daquq, killing three soldiers.\n"
        "The army said on Friday it had arrested 4 suspects."
    )
    result = run(text)
    assert [(c.count.best, c.background) for c in result] == [(5, False), (3, True), (4, False)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a bare figure after an outcome verb takes the victims of the figure it is joined to
        (
            "A car bomb killed at least 19 people and wounded more than 40 near a bus station.",
            [("Civilians", "killed", 19, 19, None), ("Civilians", "wounded", 41, 41, None)],
        ),
        ("The death toll from Monday's bombing in Tuz Khurmatu rose to 27.", [("Unspecified", "killed", 27, 27, 27)]),
        ("One American service member was killed in the rocket strike.", [("US Forces", "killed", 1, 1, 1)]),
        ("Police detained 9 men suspected of belonging to ISIS cells.", [("ISIS", "arrested", 9, 9, 9)]),
        (
            "Four pilgrims killed and six wounded were taken to the hospital.",
            [("Civilians", "killed", 4, 4, 4), ("Civilians", "wounded", 6, 6, 6)],
        ),
    ],
)
def test_more_wire_styles(text: str, expected: list[tuple[str | None, str, int, int, int | None]]) -> None:
    assert summary(text) == expected


def test_dateline_is_not_an_actor_and_an_event_is_not_a_source() -> None:
    text = "KIRKUK (AFP) - A blast killed five soldiers. The explosion claimed the lives of two guards."
    result = run(text)
    assert all(c.perpetrator is None for c in result)
    assert all(c.reported_by is None for c in result)


def test_attack_named_after_the_figure_gives_the_perpetrator() -> None:
    result = run("Three policemen were killed in a Daesh ambush near Rutba.")
    assert result[0].perpetrator is not None and result[0].perpetrator.canonical == "ISIS"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # partitives and hostile nouns take the militant group the article names
        (
            "ISIS gunmen raided a border post; guards killed four of the attackers.",
            [("ISIS", "killed", 4, 4, 4)],
        ),
        ("Daesh cells struck again and police detained 6 suspects.", [("ISIS", "arrested", 6, 6, 6)]),
        # a force reporting its own losses
        (
            "The Peshmerga ministry said two of its fighters were killed and three others were wounded.",
            [("Peshmerga", "killed", 2, 2, 2), ("Peshmerga", "wounded", 3, 3, 3)],
        ),
        # bracketed figures of official statements, quoted verbs
        ("The outcome: the killing of (7) terrorists.", [("ISIS", "killed", 7, 7, 7)]),
        ('The commander said troops had "neutralized" three militants.', [("ISIS", "killed", 3, 3, 3)]),
        # a relative clause or unit between the figure and its outcome
        ("Two guards who tried to stop the car were also hurt.", [("Unspecified", "wounded", 2, 2, 2)]),
        ("Three soldiers of the 9th Division were killed.", [("Iraqi Army", "killed", 3, 3, 3)]),
        ("Four more policemen were admitted to hospital with gunshot wounds.", [("Iraqi Police", "wounded", 4, 4, 4)]),
        ("The shelling killed five members of one family.", [("Civilians", "killed", 5, 5, 5)]),
        ("Searchers found the remains of six fighters near Baiji.", [("Unspecified", "killed", 6, 6, 6)]),
    ],
)
def test_held_out_style_families(text: str, expected: list[tuple[str | None, str, int, int, int | None]]) -> None:
    assert summary(text) == expected


# --------------------------------------------------------------------------- generalisation round 2 families


def test_wanted_and_suspected_detainees_are_the_articles_militant_group() -> None:
    text = (
        "ISIS cells remain active in the hills near Kirkuk. "
        "Police arrested four wanted persons in a dawn sweep. "
        "Troops also detained six people suspected of ties to the cells."
    )
    assert summary(text) == [("ISIS", "arrested", 4, 4, 4), ("ISIS", "arrested", 6, 6, 6)]


def test_militant_claim_with_its_own_name_for_the_force_is_the_attacked_force() -> None:
    text = (
        "Militants attacked a Peshmerga outpost near Makhmour on Monday. "
        'ISIS claimed the raid in a statement, saying its men had killed 9 members of the "infidel guard".'
    )
    reports = run(text)
    assert [(r.victims.canonical, r.count.best) for r in reports] == [("Peshmerga", 9)]
    assert reports[0].reported_by is not None and "ISIS" in reports[0].reported_by.name


def test_our_fighters_in_a_forces_statement_are_the_force_it_names_most() -> None:
    text = (
        "Security forces said the 9th Division and the Diyala Operations Command began a search of the orchards, "
        "backed by the 9th Division's engineers. "
        "The search ended with the wounding of (3) of our brave fighters."
    )
    assert summary(text) == [("Iraqi Army", "wounded", 3, 3, 3)]


def test_another_and_a_third_count_one_more_of_the_same_victims() -> None:
    text = "Two policemen were killed and another was hurt at a checkpoint in Tuz Khurmatu."
    assert summary(text) == [("Iraqi Police", "killed", 2, 2, 2), ("Iraqi Police", "wounded", 1, 1, 1)]


def test_a_bare_toll_in_a_later_sentence_retells_the_earlier_victims() -> None:
    text = (
        "Five civilians were killed and eight others wounded on Monday when a mortar hit a market in Tarmiyah. "
        "The local hospital later gave its own toll on Tuesday: seven dead and ten wounded."
    )
    reports = run(text)
    assert [(r.victims.canonical, r.outcome.value, r.count.best) for r in reports] == [
        ("Civilians", "killed", 5),
        ("Civilians", "wounded", 8),
        ("Civilians", "killed", 7),
        ("Civilians", "wounded", 10),
    ]
    # "on Tuesday" dates the hospital's statement, not the attack: not an earlier incident
    assert [r.background for r in reports] == [False, False, False, False]


def test_bodies_of_a_group_count_its_dead() -> None:
    text = "ISIS cells attacked a post near Hawija. Villagers saw at least three bodies of attackers near the post."
    assert summary(text) == [("ISIS", "killed", 3, 3, None)]


def test_a_sequel_hours_after_the_attack_is_not_an_earlier_incident() -> None:
    text = (
        "Militants attacked a police post near Hit late on Friday. "
        "Hours after the attack, police detained four suspects in a nearby village on Saturday."
    )
    reports = run(text)
    assert [(r.outcome.value, r.background) for r in reports] == [("arrested", False)]


def test_a_time_phrase_in_another_clause_does_not_make_the_figure_background() -> None:
    text = "Police rounded up nine suspects on Monday, and 40 rifles have been seized since the start of the year."
    assert [r.background for r in run(text)] == [False]


def test_one_more_victim_in_the_next_sentence_keeps_the_source() -> None:
    text = "Two policemen were killed near Baiji, the police command said. A third policeman was wounded."
    reports = run(text)
    assert [(r.count.best, r.reported_by.name if r.reported_by else None) for r in reports] == [
        (2, "police command"),
        (1, "police command"),
    ]


def test_a_claim_posted_through_an_agency_on_a_later_day_is_not_an_earlier_incident() -> None:
    text = (
        "Militants attacked an army post near Rutba late on Saturday, killing two soldiers. "
        "ISIS claimed the attack through its news agency on Sunday, saying its men had killed 9 soldiers."
    )
    assert [r.background for r in run(text)] == [False, False]


# --------------------------------------------------------------------------- families found on the blind set


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an age after a name is not a toll (names with ages are counted as people: see test_rules_regional.py)
        ("The gunman shot Omar Fathi (45) outside his shop.", []),
        # officials and a target's entourage are people
        ("The strike killed a senior ISIS official in the valley.", [("ISIS", "killed", 1, 1, 1)]),
        ("Three of his aides were arrested in Mosul on the same night.", [("Unspecified", "arrested", 3, 3, 3)]),
        # kin of a victim are civilians
        (
            "A farmer was killed and his three daughters were hurt when the shell landed.",
            [("Civilians", "killed", 1, 1, 1), ("Civilians", "wounded", 3, 3, 3)],
        ),
        # scare quotes around the figure or the outcome
        ('Officials said "dozens" of militants were "eliminated" in the strikes.', [("ISIS", "killed", 12, 12, None)]),
        # passive verbs of killing by officials' wording
        ("Seven terrorists were neutralized during the sweep.", [("ISIS", "killed", 7, 7, 7)]),
        # an active "shot dead" makes the figure the killer, not the victim
        ("A gunman shot dead two policemen at the gate.", [("Iraqi Police", "killed", 2, 2, 2)]),
        # a quantifier between the verb and the figure
        ("The mine destroyed the car, killing all four of them.", [("Unspecified", "killed", 4, 4, 4)]),
        ("The rocket hit the truck, wounding both soldiers inside.", []),  # "both" alone: no number
        # one more of the same victims, at the end of a clause
        (
            "Commandos killed three militants and arrested a fourth near the river.",
            [("ISIS", "killed", 3, 3, 3), ("ISIS", "arrested", 1, 1, 1)],
        ),
        # a participle clause, an appositive or an aside between the figure and its outcome
        ("Nine people collecting firewood were killed by a mine.", [("Civilians", "killed", 9, 9, 9)]),
        ("A second officer, the unit's medic, survived with shrapnel wounds.", [("Unspecified", "wounded", 1, 1, 1)]),
        (
            "Six members of one household, including three women, were shot dead at night.",
            [("Civilians", "killed", 6, 6, 6)],
        ),
        # "held" after an auxiliary is a detention; "held talks" is not
        ("Twelve suspects were held after the raid.", [("Unspecified", "arrested", 12, 12, 12)]),
        ("Two delegations were held up at the crossing.", []),
        # bodies counted are the dead
        ("Rescuers said they had recovered 14 bodies from the rubble.", [("Unspecified", "killed", 14, 14, 14)]),
    ],
)
def test_blind_set_families(text: str, expected: list[tuple]) -> None:
    assert summary(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a generic noun means the army or group the article names by its proper name
        (
            "Syrian troops came under fire near Palmyra overnight. Six soldiers were killed.",
            [("Syrian Army", "killed", 6, 6, 6)],
        ),
        (
            "ISWAP fighters raided the town at dawn. The army said it killed 9 terrorists.",
            [("ISWAP", "killed", 9, 9, 9)],
        ),
        # no group named yet: the one the story names later
        (
            "Gunmen stormed a police post. Four of the attackers were killed. Police blamed ISIS for the raid.",
            [("ISIS", "killed", 4, 4, 4)],
        ),
        # "all three of them": the force the paragraph was about
        (
            "Three Peshmerga fighters were on patrol near the village. A mine exploded under their vehicle, "
            "killing all three of them.",
            [("Peshmerga", "killed", 3, 3, 3)],
        ),
        # a bare figure after the verb: the target of the attack
        (
            "Militants ambushed a convoy carrying Syrian soldiers, killing at least seven.",
            [("Syrian Army", "killed", 7, 7, None)],
        ),
    ],
)
def test_victims_from_the_story(text: str, expected: list[tuple]) -> None:
    assert summary(text) == expected


def sources(text: str) -> list[str | None]:
    return [c.reported_by.name if c.reported_by else None for c in run(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a body named with its "of", a country's possessive dropped
        ("Jordan's Ministry of Interior said border guards killed four smugglers.", ["Jordan's Ministry of Interior"]),
        # "the ministry" is the body named in full earlier, even one the gazetteer does not know
        (
            "The Ministry of Water announced repairs on Monday. "
            "Two engineers were wounded at the dam, the ministry said.",
            ["Ministry of Water"],
        ),
        # two sources in one sentence: each figure takes the one of its clause
        (
            "Raiders killed 12 herders near the lake, a local chief said, while the governor gave a lower toll of 8.",
            ["local chief", "governor"],
        ),
        # a group's claim "..., saying" names the group
        (
            "The Islamic State group claimed the attack on its Telegram channel, saying its men had killed "
            "nine soldiers.",
            ["Islamic State group"],
        ),
        # a leading conjunction is not part of the source
        (
            "But a doctor at the city hospital said 5 civilians had died of their wounds.",
            ["doctor at the city hospital"],
        ),
    ],
)
def test_sources_of_figures(text: str, expected: list[str | None]) -> None:
    assert sources(text) == expected


def test_a_judgement_on_the_attack_does_not_source_its_toll() -> None:
    from summarizer.articles import make_article
    from summarizer.backends.rules import extract_article

    text = (
        "Two guards were killed at the gate on Friday, an attack local leaders say proves the town needs more "
        "police and better lighting on the main road."
    )
    extraction = extract_article(make_article(text, "t.txt", {}))
    assert [c.reported_by for c in extraction.casualties] == [None]


def backgrounds(text: str) -> list[tuple[str, bool]]:
    return [(c.count.phrase, c.background) for c in run(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a tally over a named month, and a comparison with an earlier tally
        ("Troops killed 19 militants during the month of March, the command said.", [("19", True)]),
        (
            "At least seven people died in attacks across the province this week, against twelve the week before.",
            [("At least seven", False), ("twelve", True)],
        ),
        # "last week's operation" is earlier than the news
        ("It said 14 suspects were held in last week's sweep of the valley.", [("14", True)]),
        # a reason given for the news: the figure sits in the earlier attack's clause
        (
            "Patrols were doubled following an attack that killed four guards.",
            [("four", True)],
        ),
        # ...but not when a clause break puts it back in the news
        (
            "Jets struck the hideouts after the ambush, the ministry said, killing 30 militants.",
            [("30", False)],
        ),
    ],
)
def test_background_families(text: str, expected: list[tuple[str, bool]]) -> None:
    assert backgrounds(text) == expected


def test_a_round_up_item_opened_by_its_own_day_is_news() -> None:
    text = (
        "Two policemen were killed on Tuesday when a bomb hit their car near the market in the town centre.\n\n"
        "In a separate incident, a farmer was killed by a mine near the river on Sunday.\n\n"
        "The attack came days after a soldier was killed on Friday."
    )
    assert backgrounds(text) == [("Two", False), ("a", False), ("a", True)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a subset described or a victim identified is no new figure
        ("Police detained six suspects, one of whom carried a rifle.", [("Unspecified", "arrested", 6, 6, 6)]),
        ("The army said one of the dead was a local commander.", []),
        # a target's entourage belongs to the story's group
        (
            "ISIS cells have regrouped in the hills. Two of his bodyguards were detained in the raid.",
            [("ISIS", "arrested", 2, 2, 2)],
        ),
        # "people" in a tally over a war is not only civilians
        (
            "The insurgency has killed more than 2,000 people since it began.",
            [("Unspecified", "killed", 2001, 2001, None)],
        ),
    ],
)
def test_subsets_entourage_and_tallies(text: str, expected: list[tuple]) -> None:
    assert summary(text) == expected


def test_people_killed_in_one_incident_this_week_are_civilians() -> None:
    assert summary("A car bomb killed 12 people at a market in the city this week.") == [
        ("Civilians", "killed", 12, 12, 12)
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Two Tribal Mobilization fighters were wounded in a raid on a checkpoint near Akashat.",
        "One Tribal Mobilisation fighter was wounded when gunmen opened fire near Akashat.",
        "Three tribal Hashd fighters were killed in the ambush near Akashat.",
        "Two tribal fighters were wounded in a raid on a checkpoint near Akashat.",
    ],
)
def test_a_head_that_is_also_a_modifier_reads_on_to_the_real_head(text: str) -> None:
    # "tribal" is a person noun ("two tribal fighters") and a modifier ("two Tribal Mobilization fighters").
    (report,) = run(text)
    assert report.victims.canonical == "Tribal Mobilization Forces"
    assert report.outcome in (Outcome.wounded, Outcome.killed)


# --------------------------------------------------------------------------- attribution clauses are not victims


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Gunmen attacked a checkpoint near Baiji on Monday, killing two soldiers, a police officer said.",
            [("Iraqi Army", "killed", 2, 2, 2)],
        ),
        ("A blast killed four civilians, a security official said.", [("Civilians", "killed", 4, 4, 4)]),
        ("The ambush wounded three policemen, an official told reporters.", [("Iraqi Police", "wounded", 3, 3, 3)]),
        ("Mortar fire killed two shepherds, two residents also said.", [("Civilians", "killed", 2, 2, 2)]),
        # the same nouns as victims stay victims (as written when the gazetteer has no actor for them): joined by
        # "and", or before a passive report
        (
            "A blast killed two soldiers and a police officer, the ministry said.",
            [("Iraqi Army", "killed", 2, 2, 2), ("Iraqi Police", "killed", 1, 1, 1)],
        ),
        ("A security official was killed in the blast, police said.", [("security official", "killed", 1, 1, 1)]),
        ("The strike killed a man said to be a local commander.", [("Unspecified", "killed", 1, 1, 1)]),
    ],
)
def test_attribution_clause_is_not_a_victim(text: str, expected: list[tuple[str, str, int, int, int]]) -> None:
    assert summary(text) == expected


# --------------------------------------------------------------------------- sources read with every reporting verb


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("Two soldiers were killed in the ambush, the governor tells reporters.", "governor"),
        ("The blast killed four civilians, the mayor warned.", "mayor"),
        ("Five fighters died in the clashes, the group posted on Telegram.", "group"),
        # a live page's time stamp is no part of the source's name
        ("09:30 - A hospital source says three civilians were wounded in the shelling.", "hospital source"),
        # speakers judging the event in a relative clause do not report the toll
        ("Three policemen were killed on Monday in an attack local officials say shows the group's reach.", None),
    ],
)
def test_figure_sources_read_every_reporting_verb(text: str, source: str | None) -> None:
    (report,) = run(text)
    assert (report.reported_by.name if report.reported_by else None) == source


def test_a_round_up_item_opened_by_its_own_place_or_a_meanwhile_is_news() -> None:
    text = (
        "Iraqi and Kurdish forces on Friday launched a joint sweep of villages south of Kirkuk, killing 5 militants.\n"
        "In Daquq district, gunmen attacked a checkpoint on Tuesday, killing three soldiers.\n"
        "Meanwhile, a roadside bomb killed two policemen near Hawija on Wednesday.\n"
        "The sweep came two days after a mortar round killed a farmer."
    )
    assert backgrounds(text) == [("5", False), ("three", False), ("two", False), ("a", True)]


# --------------------------------------------------------------------------- the incident's attacker and place


def _cas(text: str) -> list[tuple[str | None, str | None, str | None]]:
    """(victims, perpetrator, place) of each figure, read in the story's setting as the engine reads it."""
    view = clean_view(text)
    found = extract_casualties(view.text, view.to_original, text, gazetteer=story_gazetteer(text))
    return [
        (c.victims.canonical, c.perpetrator.canonical if c.perpetrator else None, c.place.name if c.place else None)
        for c in found
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the speaker's side is the agent of an active verb with no subject of its own
        (
            "The Nigerian Army said it neutralised 12 terrorists near Damboa on Friday.",
            [("ISWAP", "Nigerian Army", "Damboa")],
        ),
        # ... but not of a passive figure: who killed the soldiers is not the army that counts them
        ("The Nigerian Army said three soldiers were killed near Damboa.", [("Nigerian Army", None, "Damboa")]),
        # a subject with its acronym and its helpers between it and the verb
        (
            "The Nigerian Army (NA), with the support of local hunters, neutralised nine terrorists in Damboa.",
            [("ISWAP", "Nigerian Army", "Damboa")],
        ),
    ],
)
def test_who_did_it_from_the_speaker_and_a_subject_with_helpers(
    text: str, expected: list[tuple[str | None, str | None, str | None]]
) -> None:
    assert _cas(text) == expected


def test_a_later_figure_of_the_paragraph_takes_the_incident_attacker_and_the_attacker_own_dead_its_opponent() -> None:
    text = (
        "Al-Shabaab fighters stormed a Somali army base near Afgooye on Monday, killing four soldiers. "
        "Two more soldiers were wounded. Eleven al-Shabaab fighters were killed in the counter-attack.\n\n"
        "In a separate incident, two civilians were wounded by a stray bullet."
    )
    found = _cas(text)
    assert found[0][:2] == ("Somali National Army", "al-Shabaab")
    assert found[1][:2] == ("Somali National Army", "al-Shabaab")  # the incident's attacker
    assert found[2][:2] == ("al-Shabaab", "Somali National Army")  # the attacker's own dead: its opponent
    assert found[1][2] == "Afgooye"  # and the incident's place
    assert found[3] == ("Civilians", None, None)  # a new paragraph is another incident


def test_a_village_too_small_for_the_gazetteer_is_the_place_as_written_but_not_a_nationality() -> None:
    assert _cas("Insurgents killed a man in the village of Quelimbwe on Sunday.")[0][2] == "Quelimbwe"
    assert _cas("Rockets fired at Israeli positions wounded two soldiers.")[0][2] is None


def test_a_paragraph_heading_that_is_only_a_place_places_its_figures() -> None:
    text = "Summary of the week.\n\nKenscoff (Ouest department).\nGang members killed nine residents on Tuesday."
    assert _cas(text)[0][2] == "Kenscoff"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a revised toll names the new figure: it replaces the old one and is no range
        ("The toll was revised from 10 to 17 after more bodies were found.", [("Unspecified", "killed", 17, 17, 17)]),
        ("Officials revised the death toll from 10 to 17.", [("Unspecified", "killed", 17, 17, 17)]),
        ("The death toll rose from 10 to 17 overnight.", [("Unspecified", "killed", 17, 17, 17)]),
        ("The toll has risen to 21, officials said.", [("Unspecified", "killed", 21, 21, 21)]),
        ("The number of dead has risen to 21.", [("Unspecified", "killed", 21, 21, 21)]),
        ("The number of people killed in the attack rose to 21 on Monday.", [("Civilians", "killed", 21, 21, 21)]),
        # a range that is no revision stays a range
        ("Some 10 to 17 people were killed in the attack.", [("Civilians", "killed", 10, 10, 17)]),
    ],
)
def test_revised_and_risen_tolls(text: str, expected: list[tuple[str | None, str, int, int, int | None]]) -> None:
    assert summary(text) == expected


def test_the_people_in_a_toll_are_its_victims_not_its_authors() -> None:
    assert _cas("The number of people killed in the attack rose to 21 on Monday.")[0][1] is None


def test_a_militant_claim_names_the_attacked_force_apostates_only_when_the_text_names_the_target() -> None:
    text = (
        "Militants ambushed a convoy of the Popular Mobilization Forces near Khanaqin on Monday. "
        "The Islamic State said its fighters killed 12 apostates and wounded five murtads."
    )
    assert [(v, p) for v, p, _ in _cas(text)] == [
        ("Popular Mobilization Forces", "ISIS"),
        ("Popular Mobilization Forces", "ISIS"),
    ]
    # no force named as the target: the word says only whom the group hates
    found = _cas("A spokesman for the group said the bombing of the market had killed 40 apostates.")
    assert [v for v, _, _ in found] == ["Unspecified"]


@pytest.mark.parametrize(
    ("text", "perpetrator"),
    [
        # the group says it did it: its own act
        ("Al-Shabaab says it fired mortars at the base; two soldiers were wounded.", "al-Shabaab"),
        # the agent told after the figure, in the clause that says how
        (
            "Seven militants were killed when Somali warplanes struck a hideout near Jilib, officials said.",
            "Somali National Army",
        ),
        # a subjectless second verb shares the first one's agent
        ("Al-Shabaab fighters overran the post, killed four soldiers and captured two others.", "al-Shabaab"),
        # a source that is no warring party gives no agent
        ("A police officer at the scene told reporters that the blast killed five people.", None),
    ],
)
def test_whose_hand_from_the_claim_the_manner_and_the_first_verb(text: str, perpetrator: str | None) -> None:
    found = _cas(text)
    assert found and all(p == perpetrator for _, p, _ in found)


def test_a_warring_party_counting_its_enemys_dead_counts_its_own_act_in_either_voice() -> None:
    found = _cas("The Nigerian Army said 14 terrorists were neutralised near Damboa.")
    assert found == [("ISWAP", "Nigerian Army", "Damboa")]


@pytest.mark.parametrize(
    ("text", "perpetrator"),
    [
        (
            "Junta airstrikes killed 20 civilians in a village in Sagaing, Myanmar, on Tuesday.",
            "Military Forces of Myanmar",
        ),
        ("In Mali, junta forces killed 12 herders near Gao on Monday, residents said.", "Malian Armed Forces"),
        (
            "In Burkina Faso, junta soldiers killed nine villagers near Djibo, residents said.",
            "Military Forces of Burkina Faso",
        ),
        # no country said: no country's army by habit
        ("Junta forces shelled a village, killing five people.", "Unidentified State Forces"),
    ],
)
def test_a_junta_is_the_military_of_the_storys_country(text: str, perpetrator: str) -> None:
    assert [p for _, p, _ in _cas(text)] == [perpetrator]


def test_of_them_after_a_speakers_words_takes_the_group_those_words_named() -> None:
    text = (
        "In Bamenda, Cameroon, the army spokesperson said the fighters' attack was repelled and that the "
        '"terrorists" fled, and that five of them were neutralised.'
    )
    assert _cas(text) == [("Ambazonian Separatists", "Military Forces of Cameroon", "Bamenda")]


def test_a_rebellions_bare_words_name_the_storys_group_or_the_countrys() -> None:
    found = _cas("Troops neutralised a separatist commander and two rebels near Bamenda, Cameroon, on Monday.")
    assert [v for v, _, _ in found] == ["Ambazonian Separatists", "Ambazonian Separatists"]


def test_a_passive_repelled_names_no_agent_an_active_one_does() -> None:
    assert (
        _cas("In Mexico, troops repelled the aggression, killing four attackers.")[0][1] == "Military Forces of Mexico"
    )
    found = _cas("In Mexico, the attackers were repelled on Monday, and four soldiers were wounded.")
    assert [p for _, p, _ in found] == [None]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "members of a <group>": the group named after the article
        (
            "Three members of a Maoist militia were arrested in Bijapur district, India, on Tuesday.",
            [("CPI (Maoist)", "arrested", 3)],
        ),
        # ... but "members of a family" are still a family's members
        (
            "On Sunday, gunmen killed three members of a family of herders west of Rutba.",
            [("Civilians", "killed", 3)],
        ),
        # a wound suffered, a clinic's count of people with injuries
        ("Another soldier suffered a gunshot wound to the arm.", [("Unidentified State Forces", "wounded", 1)]),
        (
            "The clinic in Port-au-Prince, Haiti, treated nine people with blast injuries.",
            [("Civilians", "wounded", 9)],
        ),
    ],
)
def test_members_of_a_group_and_wounds_suffered(text: str, expected: list[tuple[str, str, int]]) -> None:
    view = clean_view(text)
    found = extract_casualties(view.text, view.to_original, text, gazetteer=story_gazetteer(text))
    assert [(c.victims.canonical, c.outcome.value, c.count.best) for c in found] == expected


def test_whose_losses_a_bare_figure_counts() -> None:
    text = "In El Fasher, Sudan, a military source put the army's losses at four dead and 13 wounded."
    assert [(v, p) for v, p, _ in _cas(text)] == [("Sudanese Armed Forces", None), ("Sudanese Armed Forces", None)]


@pytest.mark.parametrize(
    ("text", "place"),
    [
        # a village the gazetteer does not know, located by a known town or district: the village
        (
            "In Somalia, troops attacked the village of Qoryoley Dheer near Afgooye, killing 23 militants.",
            "Qoryoley Dheer",
        ),
        (
            "Security forces killed nine terrorists in the Gulzar Khel area of North Waziristan district, Pakistan.",
            "Gulzar Khel",
        ),
        # a known town not used to locate another place stays the place
        ("Gunmen killed four soldiers near Afgooye, Somalia, on Monday.", "Afgooye"),
        # a dateline is where the story was filed
        ("Jowhar (SVR) - Elders in Qoryoley Dheer said nine soldiers died, Somalia's army said.", "Qoryoley Dheer"),
        # a language is no place
        ("In Somalia, militants killed ten civilians in Afgooye, known as Afgoye in Somali.", "Afgooye"),
    ],
)
def test_the_smallest_place_named_is_the_figures(text: str, place: str) -> None:
    assert [p for _, _, p in _cas(text)][:1] == [place]


def test_a_village_located_by_a_known_place_takes_its_province_and_point() -> None:
    view_text = "In Somalia, troops attacked the village of Qoryoley Dheer near Afgooye, killing 23 militants."
    view = clean_view(view_text)
    found = extract_casualties(view.text, view.to_original, view_text, gazetteer=story_gazetteer(view_text))
    place = found[0].place
    assert place is not None and (place.country, place.admin1, place.geo_precision) == ("SO", "SO-SH", 2)
    assert place.lat is not None and place.lon is not None


@pytest.mark.parametrize(
    "text",
    [
        "In Ituri, Congo, at least 31 people were killed in an attack attributed to ADF rebels on Sunday.",
        "In Beni, Congo, eleven others were wounded, the mayor said, blaming the attack on the ADF.",
        "In Beni, Congo, the army blamed the ADF for the deaths of 12 villagers.",
        "In Beni, Congo, an attack on a mining site claimed by the ADF left 17 people dead.",
    ],
)
def test_the_author_a_text_or_source_blames_is_the_perpetrator(text: str) -> None:
    assert [p for _, p, _ in _cas(text)] == ["ADF"]


def test_a_sentence_that_only_blames_sets_the_scene_of_the_figures_after_it() -> None:
    text = "In Beni, Congo, police blamed the attack on the ADF. Nine villagers were killed and four were wounded."
    assert [p for _, p, _ in _cas(text)] == ["ADF", "ADF"]


def test_a_numbered_point_goes_on_with_the_incident_a_new_place_does_not() -> None:
    text = (
        "1. Troops of the Nigerian Army launched an operation against ISWAP near Damboa on Monday.\n\n"
        "2. During the exchange of fire, two soldiers were wounded.\n\n"
        "In Gwoza, a farmer was found dead on Tuesday."
    )
    found = extract_article(make_article(text, "note.txt")).casualties
    wounded = next(c for c in found if c.outcome == Outcome.wounded)
    farmer = next(c for c in found if c.outcome == Outcome.killed)
    # the operation's own men, told in the next point: hit by the side it fought, at its place
    assert wounded.perpetrator is not None and wounded.perpetrator.canonical == "ISWAP"
    assert wounded.place is not None and wounded.place.name == "Damboa"
    # a paragraph opened by its own place is another incident
    assert farmer.perpetrator is None and farmer.place is not None and farmer.place.name == "Gwoza"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Volunteers in El Fasher, Sudan, said they had laid 41 people to rest.", [("Civilians", "killed", 41)]),
        ("In 2025 the network recorded 612 civilian deaths in North Darfur, Sudan.", [("Civilians", "killed", 612)]),
        (
            "In Ituri, Congo, at least 20 residents, mostly young people, had been taken into the bush by attackers.",
            [("Civilians", "captured", 20)],
        ),
        (
            "The Islamic State said its fighters killed more than 40 Christians in Ituri, Congo.",
            [("Civilians", "killed", 41)],
        ),
        (
            "In Mir Ali, Pakistan, four civilians, two of them children, died when a shell landed on a house.",
            [("Civilians", "killed", 4)],
        ),
        ("Three members of the communist New People's Army (NPA) were neutralized in Samar.", [("NPA", "killed", 3)]),
        (
            "The PDF said two resistance members lost their lives in Sagaing, Myanmar.",
            [("People's Defence Force", "killed", 2)],
        ),
    ],
)
def test_burials_civilian_deaths_abductions_faiths_asides_and_resistance(
    text: str, expected: list[tuple[str, str, int]]
) -> None:
    view = clean_view(text)
    found = extract_casualties(view.text, view.to_original, text, gazetteer=story_gazetteer(text))
    assert [(c.victims.canonical, c.outcome.value, c.count.best) for c in found] == expected


def test_a_revised_toll_is_of_the_incidents_victims_however_far_back() -> None:
    text = (
        "Bandits killed 14 villagers in Tsafe, Nigeria, on Sunday. The police said the attackers came on motorcycles. "
        "They burnt houses and shops. Residents fled to the town. The governor visited the area. "
        "An official later said the toll had risen to 19."
    )
    assert [v for v, _, _ in _cas(text)] == ["Civilians", "Civilians"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # one count of two sides is unspecified; two counts are two figures
        ("Attacks since 2015 have cost the lives of thousands of civilians and soldiers.", ["Unspecified"]),
        ("Gunmen killed 8 policemen and two civilians in Gao, Mali.", ["Police Forces of Mali", "Civilians"]),
        # whom "the number of X who fell" counts
        (
            "In Djibo, Burkina Faso, the army put the number of soldiers who fell at six.",
            ["Military Forces of Burkina Faso"],
        ),
        # in Lebanon the bare words for militants name Hezbollah
        ("In Tyre, southern Lebanon, the army said eight terrorists were killed.", ["Hezbollah"]),
    ],
)
def test_mixed_counts_numbers_of_and_lebanons_militants(text: str, expected: list[str]) -> None:
    assert [v for v, _, _ in _cas(text)] == expected


def test_unarmed_officials_are_civilians_a_forces_are_not() -> None:
    found = _cas("Al-Shabaab has killed more than 20 district officials across Somalia since 2022.")
    assert [v for v, _, _ in found] == ["Civilians"]
    assert [v for v, _, _ in _cas("Two security officials were wounded in Kirkuk.")] != ["Civilians"]


def test_a_name_the_stop_words_split_is_whole_before_its_kind() -> None:
    text = "In Pakistan, security forces killed nine terrorists in the Mir Ali area of North Waziristan district."
    assert [p for _, _, p in _cas(text)] == ["Mir Ali"]


@pytest.mark.parametrize(
    ("text", "perpetrator"),
    [
        ("In Sumy, Ukraine, a Russian FPV drone struck a minibus, killing two people.", "Russian Armed Forces"),
        (
            "In Diyala, Iraq, five terrorists were killed in air strikes carried out by Iraqi F-16 aircraft.",
            "Iraqi Air Force",
        ),
        ("In southern Lebanon, Israeli shelling killed three shepherds.", "Military Forces of Israel"),
    ],
)
def test_a_nations_weapon_is_its_armys_hand(text: str, perpetrator: str) -> None:
    assert [p for _, p, _ in _cas(text)] == [perpetrator]


def test_attacks_by_a_group_after_the_figure_and_the_force_surrendered_to() -> None:
    text = "In Tsafe, Nigeria, police confirmed the killing of 14 villagers in coordinated attacks by bandits."
    assert [p for _, p, _ in _cas(text)] == ["Bandits"]
    text = "In Catarman, Philippines, 12 former rebels surrendered to the Philippine Army on Monday."
    assert [p for _, p, _ in _cas(text)] == ["Military Forces of the Philippines"]


def test_an_unclaimed_insurgent_attack_is_the_storys_militants_an_air_strike_is_nobodys_guess() -> None:
    text = "In Djibo, Burkina Faso, 15 soldiers died in an ambush on a supply convoy."
    assert [p for _, p, _ in _cas(text)] == ["Unidentified Militants"]
    text = "In Djibo, Burkina Faso, 15 civilians died in an air strike on a market."
    assert [p for _, p, _ in _cas(text)] == [None]


def test_a_place_inside_a_bodys_name_is_not_the_figures() -> None:
    text = "The Zamfara State Police Command confirmed the killing of 14 villagers in Tsafe, Nigeria, by bandits."
    assert [p for _, _, p in _cas(text)] == ["Tsafe"]


@pytest.mark.parametrize(
    ("text", "victims"),
    [
        # the one person named right before the reporting verb is the source, not a victim
        ("A roadside bomb hit an army truck near Afgooye on Friday, killing four soldiers, an army officer in the "
         "town said.", [("Somali National Army", 4)]),
        ("Gunmen killed five villagers overnight, a local official told reporters.", [("Civilians", 5)]),
        # ... but one person killed is still a figure
        ("A police officer was killed in the attack, the ministry said.", [("Police Forces of Somalia", 1)]),
    ],
)
def test_the_speaker_of_a_figure_is_no_victim(text: str, victims: list[tuple[str, int]]) -> None:
    view = clean_view(text)
    found = extract_casualties(view.text, view.to_original, text, gazetteer=story_gazetteer(text + " Somalia."))
    assert [(c.victims.canonical, c.count.best) for c in found] == victims


@pytest.mark.parametrize(
    ("text", "place"),
    [
        # every place of a dateline is where the story was filed, not where the figure was hit
        ("CATARMAN, Northern Samar - Two soldiers were killed in an encounter with rebels in Las Navas town on "
         "Sunday, the army said.", "Las Navas"),
        # a body named after a place ("the Kharkiv regional military administration") is no scene
        ("Two people were killed in Chuhuiv on Monday, the head of the Kharkiv regional military administration "
         "said.", "Chuhuiv"),
    ],
)
def test_a_datelines_places_and_a_bodys_name_are_not_where_a_figure_was_hit(text: str, place: str) -> None:
    view = clean_view(text)
    found = extract_casualties(view.text, view.to_original, text, gazetteer=story_gazetteer(text))
    assert [c.place.name if c.place else None for c in found] == [place]


def test_a_toll_whose_subject_is_told_long_before_its_number_is_a_figure() -> None:
    text = (
        "The number of people killed when drones and shells struck the market on the southern edge of Tal Afar "
        "on Friday has risen to 23, the provincial health office said on Sunday."
    )
    found = extract_article(make_article(text, "wire.txt", {"published": "2025-04-13"})).casualties
    assert [(c.outcome, c.count.best) for c in found] == [(Outcome.killed, 23)]


def test_an_event_that_is_the_subject_of_the_verb_leaves_the_speaker_out_of_it() -> None:
    text = (
        "The blast at the gate of the district office, about 20 kilometres south of Mosul in Nineveh province, "
        "killed six people, a police spokesman told reporters."
    )
    found = extract_article(make_article(text, "wire.txt", {"published": "2025-04-13"})).casualties
    assert found and all(c.perpetrator is None or c.perpetrator.category != ActorCategory.state_forces for c in found)


def test_a_town_named_only_to_locate_the_event_is_not_its_place_and_the_province_is() -> None:
    text = (
        "A suicide bombing hit the market of a small town about 40 kilometres north of Baghdad in Salahuddin "
        "province on Monday, killing nine people."
    )
    ops = extract_article(make_article(text, "wire.txt", {"published": "2025-04-13"})).operations
    assert ops and all("Baghdad" not in [p.canonical or p.name for p in op.places] for op in ops)
    assert any(p.admin1 == "IQ-SD" for op in ops for p in op.places)


def test_a_speakers_own_losses_and_the_enemys_are_told_apart() -> None:
    text = (
        "The army said Boko Haram fighters attacked its post on the island on Sunday. It put its own losses at "
        "nine dead and 14 wounded, and those of the enemy at 40 killed."
    )
    found = extract_article(make_article(text, "wire.txt", {"published": "2025-04-13"})).casualties
    sides = [(c.count.best, c.victims.category) for c in found]
    assert sides == [
        (9, ActorCategory.state_forces), (14, ActorCategory.state_forces), (40, ActorCategory.militant_group),
    ]
    said = '"We lost seven men at the bridge," a Malian army officer said.'
    found = extract_article(make_article(said, "wire.txt", {"published": "2025-04-13"})).casualties
    assert [(c.count.best, c.victims.category) for c in found] == [(7, ActorCategory.state_forces)]


def test_one_man_by_rank_and_the_men_with_him_are_one_figure() -> None:
    text = '"A major and six soldiers were killed while nine others were wounded," the Chadian army spokesman said.'
    found = extract_article(make_article(text, "wire.txt", {"published": "2025-04-13"})).casualties
    assert [(c.outcome, c.count.best) for c in found] == [(Outcome.killed, 7), (Outcome.wounded, 9)]
    # men of two sides stay two figures
    text = "A soldier and two civilians were killed when the bomb went off in Gao, the Malian army said."
    found = extract_article(make_article(text, "wire.txt", {"published": "2025-04-13"})).casualties
    assert sorted(c.count.best for c in found) == [1, 2]


@pytest.mark.parametrize(
    ("text", "best"),
    [
        ("A wounded guard died on Tuesday, bringing the number of guards killed in the raid to four, police said.", 4),
        ("Two more bodies were found, bringing the number of villagers killed to 15.", 15),
        ('"We buried eight people this morning, all of them farmers," the village head said.', 8),
    ],
)
def test_more_ways_a_toll_is_told(text: str, best: int) -> None:
    found = extract_article(make_article(text, "wire.txt", {"published": "2025-04-13"})).casualties
    assert best in [c.count.best for c in found if c.outcome == Outcome.killed]


def test_buried_things_are_no_toll() -> None:
    found = extract_article(make_article("Gunmen buried three landmines on the road.", "w.txt", {})).casualties
    assert found == []


@pytest.mark.parametrize(
    "follow_up",
    [
        "The joint forces neutralised 46 members of the group on Monday, the army said.",
        "Troops pursued the attackers, killing 46 of them.",
    ],
)
def test_the_group_or_the_attackers_named_in_passing_are_the_articles_militants(follow_up: str) -> None:
    text = "Fighters of the Oromo Liberation Army (OLA) attacked Haru on Sunday, killing 20 villagers. " + follow_up
    found = extract_article(make_article(text, "wire.txt", {"published": "2025-04-13"})).casualties
    assert [c.victims.canonical for c in found if c.count.best == 46] == ["OLA"]


@pytest.mark.parametrize(
    ("text", "best", "outcome"),
    [
        ("Six travellers were pulled from a bus and shot dead near the bridge.", 6, Outcome.killed),
        ("Nine citizens were killed on the road, the minister said.", 9, Outcome.killed),
        ("Two guards who were on duty at the gate suffered injuries, police said.", 2, Outcome.wounded),
    ],
)
def test_an_outcome_after_a_first_verb_or_an_aside(text: str, best: int, outcome: Outcome) -> None:
    found = extract_article(make_article(text, "wire.txt", {"published": "2025-04-13"})).casualties
    assert [(c.count.best, c.outcome) for c in found] == [(best, outcome)]


def test_an_age_before_the_noun_keeps_who_was_hit() -> None:
    found = extract_article(make_article("Gunmen killed a 45-year-old farmer in his field.", "w.txt", {})).casualties
    assert [(c.count.best, c.victims.canonical) for c in found] == [(1, "Civilians")]


@pytest.mark.parametrize(
    "text",
    [
        "Rebel fighters set off a car bomb at the market gate, killing 11 people, a police officer said.",
        '"They killed three villagers and burned six houses," the county police commander said.',
    ],
)
def test_a_police_speaker_is_not_the_hand_behind_the_dead_he_reports(text: str) -> None:
    found = extract_article(make_article(text, "wire.txt", {"published": "2025-04-13"})).casualties
    assert found and all(c.perpetrator is None or c.perpetrator.category != ActorCategory.state_forces for c in found)


@pytest.mark.parametrize(
    "text",
    [
        # British spellings of the forces' verbs, before the figure
        "Troops repelled the raiders near Gubio on Monday, neutralising 17 of them.",
        "Troops repelled the raiders near Gubio on Monday, liquidating 17 of them.",
    ],
)
def test_a_participle_in_british_spelling_reads_the_figure_after_it(text: str) -> None:
    view = clean_view(text)
    found = extract_casualties(view.text, view.to_original, text, gazetteer=story_gazetteer(text))
    assert [(c.outcome, c.count.best) for c in found] == [(Outcome.killed, 17)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a porter or a vaccinator is a civilian; Syria's General Security is its police
        ("Two soldiers and a civilian porter were killed near Poonch on Monday.", ["Civilians"]),
        ("Gunmen shot dead a polio vaccinator near Bajaur on Monday.", ["Civilians"]),
        ("Three members of the General Security forces were killed near Jableh, Syria, on Monday.",
         ["Police Forces of Syria"]),
    ],
)
def test_trades_of_other_regions_and_a_renamed_force(text: str, expected: list[str]) -> None:
    found = [victims for victims, _, _ in _cas(text)]
    assert [v for v in found if v in expected] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # killings told by a plural noun; a Philippine group by its two-letter acronym
        ("Rights groups denounced the summary executions of at least 12 civilians near Djibo on Friday.", "Civilians"),
        ("Troops said four DI members were killed near Datu Hoffer on Friday.", "Dawlah Islamiyah"),
    ],
)
def test_plural_killing_nouns_and_an_acronym_name_the_victims(text: str, expected: str) -> None:
    assert [victims for victims, _, _ in _cas(text)] == [expected]


def test_digits_in_brackets_restating_a_count_leave_its_noun_to_it() -> None:
    # "two (02) soldiers": the communiqué's digits repeat the count; the soldiers are still who was hit
    text = "The General Staff said that more than thirty (30) soldiers were killed near Mopti, Mali."
    assert [victims for victims, _, _ in _cas(text)] == ["Malian Armed Forces"]
