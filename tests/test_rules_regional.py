"""The reporting language of other regions in the offline engine's casualty reader: army briefings, martyrdom
lists, breakdowns of a total, names and ranks, military abbreviations, bodies and remains, headlines.

A table per family, on sentences written for these tests. Rows check outcome and count (low, best, high); actor
names are the gazetteer's business and are checked only where the family decides them.
"""

from __future__ import annotations

import pytest

from summarizer.articles import clean_view, make_article
from summarizer.backends.rules import extract_article
from summarizer.backends.rules.casualties import extract_casualties
from summarizer.grounding import ground_extraction
from summarizer.models import CasualtyReport

Row = tuple[str, int | None, int | None, int | None]


def run(text: str) -> list[CasualtyReport]:
    view = clean_view(text)
    return extract_casualties(view.text, view.to_original, text)


def figures(text: str) -> list[Row]:
    return [(c.outcome.value, c.count.low, c.count.best, c.count.high) for c in run(text)]


# --------------------------------------------------------------------------- neutralised, eliminated, martyred


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Troops neutralised seven insurgents near the border.", [("killed", 7, 7, 7)]),
        ("The air force said it neutralized 12 terrorists in the strike.", [("killed", 12, 12, 12)]),
        ("Commandos eliminated five militants during a clearance operation.", [("killed", 5, 5, 5)]),
        ("Four militants were eliminated in the raid.", [("killed", 4, 4, 4)]),
        ("Three policemen were martyred when their vehicle hit a mine.", [("killed", 3, 3, 3)]),
        ("Two soldiers embraced martyrdom during the exchange of fire.", [("killed", 2, 2, 2)]),
        ("At least six soldiers attained martyrdom in the assault.", [("killed", 6, 6, None)]),
        ("A havildar paid the supreme sacrifice while repulsing the attack.", [("killed", 1, 1, 1)]),
        ("Eleven jawans made the supreme sacrifice in the ambush.", [("killed", 11, 11, 11)]),
        ("Two women were being treated for gunshot wounds at the district hospital.", [("wounded", 2, 2, 2)]),
        # "paid the supreme price", and the "others" after it are the same group's wounded
        (
            "He said two troopers paid the supreme price, while nine others were wounded in the attack.",
            [("killed", 2, 2, 2), ("wounded", 9, 9, 9)],
        ),
        ("Four constables laid down their lives defending the station.", [("killed", 4, 4, 4)]),
        ("Three terrorists were sent to hell in the exchange of fire.", [("killed", 3, 3, 3)]),
        # a clause set off by commas between the figure and its outcome
        (
            "Eight khwarij were sent to hell, while three soldiers, having fought valiantly, embraced shahadat.",
            [("killed", 8, 8, 8), ("killed", 3, 3, 3)],
        ),
        ("Four soldiers, who fought bravely, embraced martyrdom.", [("killed", 4, 4, 4)]),
        ("Two soldiers, who were on patrol, said they saw the attackers.", []),
        ("Three more soldiers succumbed to their wounds in hospital.", [("killed", 3, 3, 3)]),
        ("Two villagers succumbed to injuries on Monday.", [("killed", 2, 2, 2)]),
        ("Security forces killed four khawarij in the operation.", [("killed", 4, 4, 4)]),
        ("Five rebels and two gendarmes were killed in the clashes.", [("killed", 5, 5, 5), ("killed", 2, 2, 2)]),
        # the subject of an active verb is the one who neutralised, not the neutralised
        ("Two snipers neutralised the gunman on the roof.", []),
    ],
)
def test_neutralised_eliminated_martyred(text: str, expected: list[Row]) -> None:
    assert figures(text) == expected


# --------------------------------------------------------------------------- army briefing tallies


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Troops neutralised 19 terrorists, arrested 27 collaborators and rescued 14 kidnapped victims last week.",
            [("killed", 19, 19, 19), ("arrested", 27, 27, 27)],
        ),
        (
            "In the period under review, the troops eliminated 8 bandits, apprehended 12 suspects and freed 30 "
            "hostages.",
            [("killed", 8, 8, 8), ("arrested", 12, 12, 12)],
        ),
        (
            "Soldiers killed 6 insurgents, captured 4 others and released 9 abducted farmers.",
            [("killed", 6, 6, 6), ("captured", 4, 4, 4)],
        ),
        ("Police arrested 6 dacoits and 3 miscreants on the highway.", [("arrested", 6, 6, 6), ("arrested", 3, 3, 3)]),
        (
            "Troops arrested 33 perpetrators and 8 suspected oil thieves in the creeks.",
            [("arrested", 33, 33, 33), ("arrested", 8, 8, 8)],
        ),
        # rescued people are no casualties, whatever word follows the number
        ("Police rescued 22 kidnapped passengers on the highway.", []),
        ("The army said it had liberated 40 hostages held by the group.", []),
    ],
)
def test_army_briefing_tallies(text: str, expected: list[Row]) -> None:
    assert figures(text) == expected


# --------------------------------------------------------------------------- breakdowns of a total


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "A total of 145 fighters and their families comprising 30 men, 33 women and 82 children surrendered "
            "to troops.",
            [("surrendered", 145, 145, 145)],
        ),
        ("Some 60 fighters, consisting of 40 men and 20 boys, surrendered.", [("surrendered", 54, 60, 66)]),
        ("Twenty people, namely 12 women and 8 children, were abducted.", [("captured", 20, 20, 20)]),
        (
            "Gunmen kidnapped 30 villagers, made up of 18 women and 12 children, from the village.",
            [("captured", 30, 30, 30)],
        ),
        # the parts of a total already given are not more dead
        (
            "Ten people were killed in the attack. The dead included three soldiers and a police officer.",
            [("killed", 10, 10, 10)],
        ),
        ("Ten people were killed, including three soldiers and a police officer.", [("killed", 10, 10, 10)]),
        ("Eight soldiers were killed, among them two officers.", [("killed", 8, 8, 8)]),
        (
            "A total of 312 fighters and their families comprising 54 adult males, 97 adult females and 161 "
            "children surrendered.",
            [("surrendered", 312, 312, 312)],
        ),
        # the whole, not its parts, even when the second part has more words
        ("120 fighters and their family members surrendered to troops.", [("surrendered", 120, 120, 120)]),
    ],
)
def test_breakdowns_are_parts_of_a_total(text: str, expected: list[Row]) -> None:
    assert figures(text) == expected


def test_breakdown_total_keeps_the_victims_of_the_whole() -> None:
    (report,) = run("Twenty people, namely 12 women and 8 children, were abducted.")
    assert report.count.phrase == "Twenty"
    assert report.victims.canonical == "Civilians"


# --------------------------------------------------------------------------- EKIA / KIA / WIA / MIA


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The patrol reported two KIA, three WIA and one MIA.",
            [("killed", 2, 2, 2), ("wounded", 3, 3, 3), ("missing", 1, 1, 1)],
        ),
        ("Strike on a compound: 4x ISIS EKIA.", [("killed", 4, 4, 4)]),
        ("The raid left 3 EKIA and 2 EWIA, the task force said.", [("killed", 3, 3, 3), ("wounded", 2, 2, 2)]),
        # "x" as a multiplier needs a capitalised noun after it; a size is no figure
        ("The convoy carried 4x 20-litre fuel cans.", []),
    ],
)
def test_military_abbreviations(text: str, expected: list[Row]) -> None:
    assert figures(text) == expected


def test_abbreviation_after_a_group_names_the_group() -> None:
    (report,) = run("Strike on a compound: 4x ISIS EKIA.")
    assert report.victims.canonical == "ISIS"


# --------------------------------------------------------------------------- names, ranks and "X and a soldier"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Musa Bello and a soldier were killed while five others were wounded.",
            [("killed", 2, 2, 2), ("wounded", 5, 5, 5)],
        ),
        (
            "Captain Imran Ali and two soldiers, Sepoy Khan and Naik Raza, were martyred in the attack.",
            [("killed", 3, 3, 3)],
        ),
        ("Sepoy Ahmed, Naik Bashir and Lance Naik Karim embraced martyrdom.", [("killed", 3, 3, 3)]),
        ("On Sunday, Havildar Gul Zaman and Sepoy Tariq were martyred near the post.", [("killed", 2, 2, 2)]),
        ("Aisha Okoro, Fatima Danjuma and three other women were abducted from the farm.", [("captured", 5, 5, 5)]),
        # apposition: the names are the two soldiers, not two more
        ("Two soldiers, Sepoy Khan and Naik Raza, were martyred.", [("killed", 2, 2, 2)]),
        # a vague figure in the list is not summed
        ("Lieutenant Okafor and several soldiers were wounded.", [("wounded", 3, 3, None)]),
        # places and actors are not names; a single name is no list
        ("Mosul and Kirkuk were hit by rockets.", []),
        ("Musa Bello was killed in the raid.", []),
        # speakers are not victims
        ("Musa Bello and Ahmed Sani said the attackers were killed.", []),
        ("President Bola Tinubu and Governor Babagana Zulum were briefed on the attack.", []),
    ],
)
def test_figures_carried_by_names_and_ranks(text: str, expected: list[Row]) -> None:
    assert figures(text) == expected


def test_named_people_survive_grounding_with_their_ranks_ages_and_asides() -> None:
    # the whole engine and the grounding that every backend shares: a list of names is a figure the count rules
    # read, and people named by rank are named as written (the rank's noun is not in the text)
    text = (
        "Corporal Ama Mensah, 29, and Private Kofi Adu, 22, died at the scene near Bawku on Friday. "
        "Sergeant Yaw Boateng, aged 31, and Lance Corporal Eric Tetteh, aged 25, having resisted bravely, "
        "embraced martyrdom. Chief Inspector Kwame Asare was killed the next day."
    )
    article = make_article(text, source="t.txt", metadata={"published": "2026-05-02"})
    grounded = ground_extraction(extract_article(article), article.text)
    assert [(c.count.best, c.victims.category.value if c.victims.category else None) for c in grounded.casualties] == [
        (2, "state_forces"),
        (2, "state_forces"),
        (1, "state_forces"),
    ]
    assert grounded.casualties[2].victims.name == "Chief Inspector Kwame Asare"


def test_named_list_is_the_figure_phrase() -> None:
    (report,) = run("Sepoy Ahmed, Naik Bashir and Lance Naik Karim embraced martyrdom.")
    assert report.count.phrase == "Sepoy Ahmed, Naik Bashir and Lance Naik Karim"


# --------------------------------------------------------------------------- bodies and remains


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Villagers recovered 12 bodies from the river.", [("Unspecified", "killed", 12)]),
        ("Rescuers recovered seven more bodies from the rubble.", [("Unspecified", "killed", 7)]),
        ("Police found 3 decomposed bodies in the bush.", [("Unspecified", "killed", 3)]),
        ("Eight charred bodies were pulled from the bus.", [("Unspecified", "killed", 8)]),
        ("Troops recovered 9 bullet-riddled bodies and 3 AK-47 rifles.", [("Unspecified", "killed", 9)]),
        ("A mass grave containing 20 corpses was found near the town.", [("Unspecified", "killed", 20)]),
        # the text says who: the victims are theirs
        ("The bodies of 12 villagers were found on the road.", [("Civilians", "killed", 12)]),
        ("The remains of five farmers were handed to their families.", [("Civilians", "killed", 5)]),
        # an outcome used as an adjective does not override the bodies: they are dead, not abducted
        ("Soldiers recovered the bodies of two abducted farmers.", [("Civilians", "killed", 2)]),
        ("Two abducted farmers were killed by their captors.", [("Civilians", "killed", 2)]),
        # counted things are no bodies
        ("Investigators examined 4 bodies of evidence.", []),
    ],
)
def test_bodies_and_remains(text: str, expected: list[tuple[str, str, int]]) -> None:
    assert [(c.victims.canonical, c.outcome.value, c.count.best) for c in run(text)] == expected


def test_an_outcome_adjective_without_another_outcome_still_counts() -> None:
    assert figures("Three injured soldiers were evacuated by helicopter.") == [("wounded", 3, 3, 3)]


# --------------------------------------------------------------------------- headline figures


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a title line that restates the lead is not a second figure, whatever ends it
        (
            "Gunmen kill 12 villagers in Borno.\n\nGunmen killed 12 villagers in an overnight attack in Borno "
            "State, police said on Sunday.\n",
            [("killed", 12, 12, 12)],
        ),
        (
            "Nigeria: 12 Killed In Borno Attack (Updated)\n\nGunmen killed 12 villagers in an overnight raid in "
            "Borno State, police said.\n",
            [("killed", 12, 12, 12)],
        ),
        # a title figure the body does not restate is kept (here the body gives a new toll)
        (
            "Gunmen kill 12 villagers in Borno.\n\nThe toll from the overnight raid in Borno State rose to 15, "
            "police said on Monday.\n",
            [("killed", 12, 12, 12), ("killed", 15, 15, 15)],
        ),
        # a lead that is a paragraph of its own is no title: two sentences of the body both count
        (
            "Gunmen killed 12 villagers and wounded four others in an overnight raid on a farming village, police "
            "said.\nSeparately, 12 soldiers were killed in an ambush on a convoy near the border on Monday.\n",
            [("killed", 12, 12, 12), ("wounded", 4, 4, 4), ("killed", 12, 12, 12)],
        ),
    ],
)
def test_headline_figures(text: str, expected: list[Row]) -> None:
    assert figures(text) == expected


def test_ids_follow_on_after_a_title_figure_is_dropped() -> None:
    reports = run("Three soldiers killed in Kaduna.\n\nGunmen killed three soldiers in Kaduna, wounding two others.\n")
    assert [(r.id, r.outcome.value, r.count.best) for r in reports] == [("cas1", "killed", 3), ("cas2", "wounded", 2)]


@pytest.mark.parametrize(
    ("text", "best"),
    [
        # a person set off by commas after a name describes that name
        ("Musa Bello, a farmer, and Ahmed Sani were killed.", 2),
        ("Lieutenant Cruz, a platoon leader, and two soldiers were killed.", 3),
        # a unit after the last name is not part of the list
        ("Private Reyes and Corporal Santos of the 5th Infantry Battalion were killed.", 2),
        ("Musa Bello and Ahmed Sani were killed while five others were wounded.", 2),
        # a relative or a figure after a possessive
        ("Ahmed Musa and his two sons were killed.", 3),
        ("Halima Garba and her daughter were killed in the blast.", 2),
        # civil titles and companions
        ("Alhaji Musa Bello and his driver were killed.", 2),
        ("Father John Okafor and two parishioners were killed.", 3),
        ("Gunmen killed Chief Adamu Sule and his wife on Sunday.", 2),
        # several rank words before one name
        ("Lt. Col. Ahmed Raza and a soldier were martyred while five others were injured.", 2),
        ("Brigadier General Dzarma Zirkusu and three soldiers were killed.", 4),
    ],
)
def test_named_lists_count_people_not_descriptions(text: str, best: int) -> None:
    assert [c.count.best for c in run(text) if c.outcome.value == "killed"] == [best]


# --------------------------------------------------------------------------- named victims after the verb


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Gunmen attacked the village, killing Musa Bello and his wife.", [("killed", 2, 2, 2)]),
        ("The gunmen abducted Aisha Musa, Hauwa Ali and Zainab Idris from their homes.", [("captured", 3, 3, 3)]),
        ("Gunmen shot dead Musa Bello, a farmer, and his wife on Sunday.", [("killed", 2, 2, 2)]),
        ("Gunmen killed Captain Musa Ali and two soldiers.", [("killed", 3, 3, 3)]),
        # the speaker after the victim is not a victim
        ("The attack killed Musa Bello, police spokesman Ali Said told reporters.", [("killed", 1, 1, 1)]),
        # places are not people; a name must end the clause
        ("Gunmen killed Mosul Governor Ali in Mosul.", []),
        ("Soldiers killed Boko Haram commander Abu Musa near the border.", []),
    ],
)
def test_named_victims_after_the_verb(text: str, expected: list[Row]) -> None:
    assert figures(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the bodies found are part of the toll they raise
        ("The death toll rose to 30 after rescuers recovered 7 more bodies from the rubble.", [("killed", 30, 30, 30)]),
        ("The toll climbed to 12 as the bodies of 3 soldiers were found.", [("killed", 12, 12, 12)]),
        # without a toll, bodies and deaths are separate figures
        (
            "Rescuers recovered 7 bodies, and 4 people were killed in a second blast.",
            [("killed", 7, 7, 7), ("killed", 4, 4, 4)],
        ),
        # the noun of "neutralised"
        ("The army announced the neutralisation of 12 terrorists.", [("killed", 12, 12, 12)]),
        ("The elimination of 5 militants was confirmed.", [("killed", 5, 5, 5)]),
    ],
)
def test_bodies_raising_a_toll_and_nouns_of_outcomes(text: str, expected: list[Row]) -> None:
    assert figures(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an army that "lost" soldiers lost them to death
        ("The military said it lost 4 soldiers in the clash.", [("killed", 4, 4, 4)]),
        ("The army lost 6 soldiers to a roadside bomb.", [("killed", 6, 6, 6)]),
        ("The party lost 12 members to defections.", []),
        ("The unit lost contact with 3 soldiers.", []),
        ("Nine persons were confirmed dead.", [("killed", 9, 9, 9)]),
        (
            "Three of the terrorists were killed while two escaped with gunshot wounds.",
            [("killed", 3, 3, 3), ("wounded", 2, 2, 2)],
        ),
    ],
)
def test_military_reporting_of_losses(text: str, expected: list[Row]) -> None:
    assert figures(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Troops neutralised 19 terrorists, while 14 kidnapped victims were rescued.",
        "Five abducted farmers have been freed.",
        "Three hostages were later released unharmed.",
    ],
)
def test_people_rescued_after_the_figure_are_no_casualties(text: str) -> None:
    assert [r for r in figures(text) if r[0] == "captured"] == []


# --------------------------------------------------------------------------- one person by an article, and more heads


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a lone "a"/"an" counts one person of other regions' fighters and victims
        ("A rebel was killed in the clash near the river.", [("killed", 1, 1, 1)]),
        ("A gendarme was wounded when the convoy came under fire.", [("wounded", 1, 1, 1)]),
        ("An Abu Sayyaf sub-leader was shot dead by troops.", [("killed", 1, 1, 1)]),
        # a possessive modifies the head after it: the rebel, not "People's", heads the figure
        ("A New People's Army rebel was killed in the encounter.", [("killed", 1, 1, 1)]),
        # "paid the supreme price" is a death; "martyring" before a figure is a killing
        (
            "Two soldiers paid the supreme price while four others were wounded.",
            [("killed", 2, 2, 2), ("wounded", 4, 4, 4)],
        ),
        ("Gunmen opened fire on a police van, martyring two constables.", [("killed", 2, 2, 2)]),
        # briefings' suppliers and couriers are people
        ("Troops arrested six logistics suppliers at the market.", [("arrested", 6, 6, 6)]),
        # a lone article before a word that is no person counts nothing
        ("A vehicle was destroyed in the blast.", []),
    ],
)
def test_one_person_by_an_article_and_more_heads(text: str, expected: list[Row]) -> None:
    assert figures(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # one person by rank and name before a singular outcome
        ("Head Constable Sodhi Ramesh attained martyrdom in the exchange of fire.", [("killed", 1, 1, 1)]),
        ("Sergeant Musa Ali, 31, was killed when the convoy was ambushed.", [("killed", 1, 1, 1)]),
        ("Alhaji Musa Bello was abducted from his farm.", [("captured", 1, 1, 1)]),
        ("Lieutenant Colonel Ahmed Khan was appointed commander of the brigade.", []),
        ("Commander Ali Dheere was among those killed in the raid.", [("killed", 1, 1, 1)]),
        # the rest of a unit's or force's name between the figure and its outcome
        ("Two jawans of the CoBRA 210 Battalion were injured in the blast.", [("wounded", 2, 2, 2)]),
        ("A soldier of the Armed Forces of Haiti (FAd'H) was killed in the town.", [("killed", 1, 1, 1)]),
    ],
)
def test_one_person_by_rank_and_name_and_unit_names(text: str, expected: list[Row]) -> None:
    assert figures(text) == expected


def test_a_rank_says_whose_people_a_named_victim_is() -> None:
    assert [c.victims.category.value for c in run("Head Constable Sodhi Ramesh attained martyrdom.")] == [
        "state_forces"
    ]
    assert [c.victims.canonical for c in run("Alhaji Musa Bello was abducted from his farm.")] == ["Civilians"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Francophone communiqués in translation, and agencies' "fell in the line of duty"
        (
            "Four soldiers and three VDP fell with arms in hand during the fighting.",
            [("killed", 4, 4, 4), ("killed", 3, 3, 3)],
        ),
        ("At least 11 terrorists were put out of action.", [("killed", 11, 11, None)]),
        ("The riposte made it possible to neutralise 27 terrorists.", [("killed", 27, 27, 27)]),
        ("One soldier fell in the line of duty after being shot in the chest.", [("killed", 1, 1, 1)]),
        # no outcome word other than the phrase itself
        ("Two soldiers paid the supreme price.", [("killed", 2, 2, 2)]),
        # "fell" alone is no death
        ("Prices fell by 12 percent as four traders closed their shops.", []),
    ],
)
def test_communique_phrases(text: str, expected: list[Row]) -> None:
    assert figures(text) == expected


def test_a_group_reporting_its_own_losses_names_them() -> None:
    from summarizer.articles import make_article
    from summarizer.backends.rules import extract_article

    text = "The rebels of the TPNPB said in a statement that only two of its fighters had been killed in the clash."
    article = make_article(text, "test")
    assert [(c.victims.canonical, c.count.best) for c in extract_article(article).casualties] == [("TPNPB", 2)]


def test_who_a_bare_figure_counts_said_after_it() -> None:
    found = run("The group said two of its fighters had been killed and that the other five dead were civilians.")
    assert [(c.count.best, c.victims.canonical) for c in found][-1] == (5, "Civilians")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("More than 30 people had been laid to rest by Tuesday.", [("killed", 31, 31, None)]),
        ("An elderly man was found dead on his farm on Thursday.", [("killed", 1, 1, 1)]),
        ("Five other people were brought in with gunshot wounds.", [("wounded", 5, 5, 5)]),
    ],
)
def test_burials_bodies_found_and_the_wounded_brought_in(text: str, expected: list[Row]) -> None:
    assert figures(text) == expected


def test_a_lone_man_killed_is_a_civilian_and_suspects_held_in_a_town_are_the_groups() -> None:
    assert [c.victims.canonical for c in run("An elderly man was found dead on his farm on Thursday.")] == ["Civilians"]
    text = (
        "Islamic State Mozambique Province fighters raided the village on Monday. The police said it had arrested"
        " five people in Pemba suspected of recruiting young men for the insurgency."
    )
    assert [c.victims.canonical for c in run(text) if c.outcome.value == "arrested"] == [
        "Islamic State Mozambique Province"
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a spot report's abbreviations after a named head, and after "were"
        ("The spot report listed 3 BIFF EKIA and 1 Army WIA.", [("killed", 3, 3, 3), ("wounded", 1, 1, 1)]),
        ("Two soldiers were KIA and three WIA in the firefight.", [("killed", 2, 2, 2), ("wounded", 3, 3, 3)]),
        # "another" before a head counts one more person
        ("Police apprehended another NPA rebel in the town.", [("arrested", 1, 1, 1)]),
    ],
)
def test_spot_report_abbreviations_and_another(text: str, expected: list[Row]) -> None:
    assert figures(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # trades and passers-by are people, each counted by its article
        (
            "A police constable and a passer-by were martyred while five others were injured.",
            [("killed", 1, 1, 1), ("killed", 1, 1, 1), ("wounded", 5, 5, 5)],
        ),
        ("Two gold miners were shot dead by the gunmen.", [("killed", 2, 2, 2)]),
        # an age set off by commas inside a list of names and ranks
        (
            "Major Ahmed Khan, 29, and two soldiers, Naik Ali Raza and Sepoy Imran Shah, embraced shahadat.",
            [("killed", 3, 3, 3)],
        ),
    ],
)
def test_trades_passers_by_and_ages_in_name_lists(text: str, expected: list[Row]) -> None:
    assert figures(text) == expected


# --------------------------------------------------------------------------- an actor noun as a modifier


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("Troops raided the camp, arresting seven terrorist arms couriers, the army said.", "militant_group"),
        ("The police detained four militant recruiters near the market on Friday.", "militant_group"),
        ("Gunmen shot dead three civilian contractors at the depot on Monday.", "civilians"),
    ],
)
def test_an_actor_noun_before_the_head_names_who_they_are(text: str, category: str) -> None:
    assert [c.victims.category.value for c in run(text)] == [category]


# --------------------------------------------------------------------------- parts told after a figure


def test_some_then_others_splits_a_figure_told_before() -> None:
    text = (
        "A local chief said nine villagers were killed on Sunday. "
        "Some were shot in their fields, while others were burned in their huts."
    )
    assert figures(text) == [("killed", 9, 9, 9)]


# --------------------------------------------------------------------------- whose side "of them" and "we" count


def test_of_them_after_the_attackers_counts_the_attackers_even_when_no_group_is_named() -> None:
    text = "Our defence forces repelled the attackers and neutralised 14 of them, the government spokesman said."
    (found,) = run(text)
    assert (found.count.best, found.victims.category.value) == (14, "militant_group")


def test_military_sources_losing_men_are_the_army() -> None:
    text = (
        "Two military sources said the losses were heavier than announced. "
        '"We lost eleven men at the base," one of them said.'
    )
    (found,) = run(text)
    assert (found.count.best, found.victims.category.value) == (11, "state_forces")
    assert found.reported_by is not None and found.reported_by.name == "Two military sources"


@pytest.mark.parametrize(
    "text",
    [
        "A fisherman of 28 died in hospital overnight, relatives said.",
        "A shopkeeper of 61 was shot dead outside his store, police said.",
    ],
)
def test_an_age_after_one_persons_noun_is_no_figure(text: str) -> None:
    assert [best for _o, _l, best, _h in figures(text)] in ([], [1])


def test_members_of_a_gang_named_by_its_own_name_are_the_gang_not_the_force() -> None:
    text = (
        "Police carried out a raid in the Los Pinos sector, where three alleged members of the 13th Avenue gang "
        "were killed in an exchange of fire, the ministry said."
    )
    (found,) = run(text)
    assert (found.count.best, found.victims.category.value) == (3, "militant_group")


def test_bare_men_a_police_commander_reports_are_not_the_polices_own() -> None:
    text = "Three men were killed in an ambush near Kopa on Tuesday, provincial police commander Luke Tamb said."
    (found,) = run(text)
    assert found.victims.category is None or found.victims.category.value != "state_forces"


# --------------------------------------------------------------------------- communiqués: own side, martyrs, cells


@pytest.mark.parametrize(
    ("text", "best"),
    [
        ("The General Staff said the toll on the friendly side had been revised to five dead.", 5),
        ('"We bow before the memory of the three soldiers fallen on the field of honour," the statement said.', 3),
        ("Four border guards attained the lofty status of martyrdom in the attack, the governor said.", 4),
        ("The police command said the number of martyrs of the Saravan incident had risen to seven.", 7),
    ],
)
def test_a_communiques_own_dead(text: str, best: int) -> None:
    (found,) = [c for c in run(text) if c.outcome.value == "killed"]
    assert found.count.best == best


def test_the_members_of_a_dismantled_cell_are_militants() -> None:
    text = "The intelligence ministry said it had dismantled a terrorist cell in Zabol and arrested six of its members."
    (found,) = run(text)
    assert (found.outcome.value, found.count.best, found.victims.category.value) == ("arrested", 6, "militant_group")


def test_a_defence_ministrys_members_are_its_army() -> None:
    text = (
        "Fighting broke out in the capital of Libya on Sunday. The Defence Ministry said two of its members had "
        "been killed and four wounded."
    )
    assert {c.victims.category.value for c in run(text)} == {"state_forces"}


def test_a_partys_count_of_its_enemy_does_not_name_another_sources_bodies() -> None:
    text = (
        "The army said its aircraft had eliminated two rebel fighters near the ridge. "
        "A civil defence official said rescuers had pulled three bodies from the rubble of a house."
    )
    found = run(text)
    assert found[0].victims.category is not None and found[0].victims.category.value == "militant_group"
    assert found[1].victims.category is None or found[1].victims.category.value != "militant_group"


def test_smugglers_are_an_armed_group() -> None:
    (found,) = run("Border guards killed four smugglers at dawn, a military source said.")
    assert found.victims.canonical == "Smugglers"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"Two of our fighters rose as martyrs while three others were injured," the commission said.',
         [("killed", 2, 2, 2), ("wounded", 3, 3, 3)]),
        ("During the raid our forces arrested six members of the cell.", [("arrested", 6, 6, 6)]),
    ],
)
def test_statements_in_translation(text: str, expected: list[Row]) -> None:
    assert figures(text) == expected


def test_the_members_of_a_cell_and_the_martyrs_of_an_attack_keep_their_side() -> None:
    cell = run("During the raid in al-Busayrah our forces arrested six members of the cell.")
    assert cell[0].victims.category is not None and cell[0].victims.category.value == "militant_group"
    text = (
        "Two fighters of the Popular Mobilisation Forces were martyred when militants attacked a post south of "
        "Kirkuk on Saturday. The commission said one of the wounded had died, bringing the number of martyrs of the "
        "attack to three."
    )
    assert [c.victims.canonical for c in run(text)] == ["Popular Mobilization Forces"] * 2


def test_syrias_internal_security_forces_are_its_police() -> None:
    text = "Three members of the internal security forces were killed at a checkpoint near Jableh in Syria on Monday."
    from summarizer.backends.rules.sentences import build_document

    doc = build_document(text)
    assert any(m.entry is not None and m.entry.canonical == "Police Forces of Syria" for m in doc.actors)


def test_rangers_are_their_armys_and_a_live_pages_next_entry_tells_no_figure_again() -> None:
    from summarizer.articles import make_article
    from summarizer.backends.rules import extract_article

    text = (
        "NARATHIWAT: Four rangers were killed when a bomb went off as their patrol passed in Bacho district of "
        "Thailand on Tuesday, police said.\n\n"
        "10:40\nPort hit\nA spokesman for the navy said two dock workers were killed at the port.\n\n"
        "09:15\nToll rises\nThe toll now stands at eight dead and 25 injured."
    )
    found = extract_article(make_article(text, "page.txt")).casualties
    assert found[0].victims.canonical == "Military Forces of Thailand"
    assert [c.victims.name for c in found if c.count.best in (8, 25)] != ["dock workers", "dock workers"]


# --------------------------------------------------------------------------- who fell, told with their unit


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "of <unit>" before an active verb of dying
        ("Two soldiers of the Border Regiment fell on the field of honour at dawn.", [("killed", 2, 2, 2)]),
        ("One officer of the rapid response unit lost his life in the exchange.", [("killed", 1, 1, 1)]),
        ("A sergeant gave his life shielding the convoy.", [("killed", 1, 1, 1)]),
        # a local defence member named by what he guards, and a second one with the verb left out
        ("A village defence volunteer was shot dead and another wounded on the hill road.",
         [("killed", 1, 1, 1), ("wounded", 1, 1, 1)]),
    ],
)
def test_who_fell_told_with_their_unit_or_duty(text: str, expected: list[Row]) -> None:
    assert figures(text) == expected


def test_others_after_two_groups_are_of_either() -> None:
    found = run("Three guardsmen and a street vendor were killed and six others injured in the blast.")
    assert [(c.outcome.value, c.victims.canonical) for c in found][-1] == ("wounded", "Unspecified")
    found = run("Three guardsmen were killed and six others injured in the blast.")
    assert found[-1].victims.category == found[0].victims.category
    assert found[0].victims.category is not None and found[0].victims.category.value == "state_forces"


def test_uniformed_men_are_state_forces() -> None:
    (found,) = run("Four uniformed men were wounded when the patrol was ambushed.")
    assert found.victims.category is not None and found.victims.category.value == "state_forces"


@pytest.mark.parametrize(
    "text",
    [
        "Two members of the Public Force were killed and nine were wounded in the ambush.",
        "Three jawans were injured when the patrol came under fire near the camp.",
    ],
)
def test_forces_named_as_their_country_names_them(text: str) -> None:
    found = run(text)
    assert found and all(c.victims.category is not None and c.victims.category.value == "state_forces" for c in found)


def test_a_town_that_only_names_the_speakers_clinic_is_not_where_the_wounded_were_hit() -> None:
    found = run("At least 14 people were killed in an attack on Kenscoff; our Petion-Ville clinic received 22 wounded.")
    assert [c.place.name if c.place else None for c in found] == ["Kenscoff", "Kenscoff"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a toll that "had reached" or "passed" a figure, with no "to"
        ("The provincial health office said the death toll had reached 19 by Thursday.", [("killed", 19, 19, 19)]),
        ("The number of dead has passed 40, a hospital director said.", [("killed", 40, 40, 40)]),
        ("The patrol reached 30 villages before dark.", []),
        # asides between a figure and its outcome: a belief, a name with an age, a description, an abbreviation
        ("Four gunmen, believed to be members of a kidnapping gang, were killed near Gusau.", [("killed", 4, 4, 4)]),
        (
            "One constable, Babar Iqbal, 33, a father of three, embraced shahadat near Tank on Friday.",
            [("killed", 1, 1, 1)],
        ),
        ("Three members of the Dawlah Islamiyah (DI) died in the firefight.", [("killed", 3, 3, 3)]),
    ],
)
def test_tolls_reached_and_asides_before_the_outcome(text: str, expected: list[Row]) -> None:
    assert figures(text) == expected


def test_a_pronoun_counts_the_group_its_sentence_named_and_a_live_entry_starts_afresh() -> None:
    # "all four of them" are the rebels the sentence named, not the soldier counted a paragraph before
    text = (
        "A soldier was killed near Kidal on Monday. \n\nTroops tracked the rebels to a cave near Aguelhok on Tuesday "
        "and neutralised all four of them, the army said."
    )
    assert [c.victims.category.value for c in run(text) if c.victims.category] == ["state_forces", "militant_group"]
    # a live page's next entry, stamped "19:30 --", does not retell the figures of the entry before it
    live = (
        "18:05 -- Funeral prayers were held for five policemen killed in the blast.\n\n"
        "19:30 -- The death toll has now reached 16, a health official said."
    )
    assert [c.victims.canonical for c in run(live)] == ["Iraqi Police", "Unspecified"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # hedged outcomes
        ("At least six rebels were believed killed in the firefight.", [("killed", 6, 6, None)]),
        ("Three villagers were feared dead after the raid.", [("killed", 3, 3, 3)]),
        ("Four members of the security forces had sacrificed their lives in the fighting.", [("killed", 4, 4, 4)]),
        # a stray bullet: wounded, or killed when the victim died of it
        ("A girl of 12 was hit in the leg by a stray bullet near the market.", [("wounded", 1, 1, 1)]),
        ("A 16-year-old boy was hit by a stray bullet and died on the way to hospital.", [("killed", 1, 1, 1)]),
        # a part of a figure told before counts nobody more
        ("Among the civilians killed was a 12-year-old boy who was hit by a stray bullet.", []),
    ],
)
def test_hedged_outcomes_stray_bullets_and_parts(text: str, expected: list[Row]) -> None:
    assert figures(text) == expected
