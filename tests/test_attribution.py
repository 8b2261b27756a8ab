"""The attribution annotation (``rules/attribution``): who says what, read once per document, on sentences written
for these tests. One reader: each sentence gives its frames (speaker resolved, role, reporting verb), and a
figure's source (a casualty figure's ``reported_by``) is derived from the same frames: the speaker of the frame
whose clause and words hold the figure, or nobody when the article says it in its own voice."""

from __future__ import annotations

import pytest

from summarizer.backends.rules.attribution import figure_source, read_frames
from summarizer.backends.rules.sentences import build_document
from summarizer.sentences import Sentence, split_sentences

Reading = tuple[str, str | None, str]  # (speaker as resolved, role, verb)

# sentence, its frames, a figure in it (the words of the figure), the figure's source (name) or None
CASES: list[tuple[str, list[Reading], str, str | None]] = [
    (
        "The provincial health office said four farmers were wounded when a shell hit the market.",
        [("provincial health office", None, "said")],
        "four farmers",
        "provincial health office",
    ),
    (
        "According to a local council member, two guards died in the raid.",
        [("local council member", None, "according to")],
        "two guards",
        "local council member",
    ),
    (
        '"We lost three men at the checkpoint," said Colonel Rami Haddad, commander of the border unit.',
        [("Colonel Rami Haddad", None, "said")],
        "three men",
        "Colonel Rami Haddad",
    ),
    (
        "Five villagers were abducted overnight, the district governor told reporters.",
        [("district governor", None, "told reporters")],
        "Five villagers",
        "district governor",
    ),
    # a speaker after the content, with lower-case role words before the name
    (
        "Two guards were wounded, said border police spokesman Karim Salih.",
        [("Karim Salih", "border police spokesman", "said")],
        "Two guards",
        "Karim Salih",
    ),
    # an auxiliary before the verb, a live page's time stamp, a leading conjunction: no part of the name
    ("The army has said six soldiers were killed.", [("army", None, "said")], "six soldiers", "army"),
    (
        "10:45 - A hospital source says nine people were hurt.",
        [("hospital source", None, "says")],
        "nine people",
        "hospital source",
    ),
    (
        "But a medic at the clinic said two children died.",
        [("medic at the clinic", None, "said")],
        "two children",
        "medic at the clinic",
    ),
    # a dateline with the agency in brackets opens the story, not the speaker's name
    (
        "Baidoa (Wire) - Elders in the village said four herders were killed.",
        [("Elders in the village", None, "said")],
        "four herders",
        "Elders in the village",
    ),
    # the verb closes the clause of the figure: "..., the sources said, speaking on condition of anonymity"
    (
        "Troops killed six of the attackers in a long gunfight that lasted an hour, the sources said, speaking on "
        "condition of anonymity because they were not allowed to brief reporters.",
        [("sources", None, "said")],
        "six",
        "sources",
    ),
    # ... or is followed by a participle clause: "..., the ministry said in its update, bringing the total to ..."
    (
        "Twelve soldiers were killed over the past day, the defence ministry said in its morning update, bringing "
        "the toll of the month to 310.",
        [("defence ministry", None, "said")],
        "Twelve soldiers",
        "defence ministry",
    ),
    # a communiqué, a bulletin or a statement of a body: the body speaks
    (
        "Soldiers killed 14 fighters in the hills, according to a communiqué of the army command.",
        [("army command", None, "according to")],
        "14 fighters",
        "army command",
    ),
    # speakers who judge the event in a relative clause do not report its toll
    (
        "Three policemen were killed on Monday in an attack local officials say shows the group's reach.",
        [("local officials", None, "say")],
        "Three policemen",
        None,
    ),
    # a claim of the attack is no source of its toll; a claim of the figure is
    (
        "The militants claimed the bombing, which killed 12 people at the market.",
        [("militants", None, "claimed")],
        "12 people",
        None,
    ),
    (
        "The Harakat group claimed that it killed 25 soldiers.",
        [("Harakat group", None, "claimed")],
        "25 soldiers",
        "Harakat group",
    ),
    # two speakers, one clause each
    (
        "Raiders killed 12 herders near the lake, a local chief said, while the governor gave a lower toll of 8.",
        [("local chief", None, "said"), ("governor", None, "gave a lower toll")],
        "toll of 8",
        "governor",
    ),
    ("Heavy rain closed the road to the valley, killing two drivers.", [], "two drivers", None),
    (
        "The proscribed Harakat al-Nasr movement said its fighters killed six guards at the gate.",
        [("Harakat al-Nasr movement", None, "said")],
        "six guards",
        "Harakat al-Nasr movement",
    ),
    (
        "A councillor in Rawa, who asked that his name not be used, said by telephone that nine shepherds died.",
        [("councillor in Rawa", None, "said")],
        "nine shepherds",
        "councillor in Rawa",
    ),
]


@pytest.mark.parametrize(("text", "frames", "figure", "source"), CASES)
def test_one_reading_gives_the_frames_and_the_figure_source(
    text: str, frames: list[Reading], figure: str, source: str | None
) -> None:
    (found,) = read_frames([Sentence(text, 0, len(text))])
    assert [(f.who.name, f.who.role, f.verb) for f in found] == frames
    at = text.index(figure)
    claimant = figure_source(found, text, 0, (at, at + len(figure)))
    assert (claimant.name if claimant else None) == source


def test_a_pronoun_is_the_person_named_before_for_claims_and_figures_alike() -> None:
    text = "Colonel Rami Haddad said the convoy was hit near the bridge. Two drivers were killed, he said."
    frames = read_frames(split_sentences(text))
    assert [[f.who.name for f in found] for found in frames] == [["Colonel Rami Haddad"], ["Colonel Rami Haddad"]]
    second = split_sentences(text)[1]
    claimant = figure_source(frames[1], second.text, second.start, (0, len("Two drivers")))
    assert claimant is not None and claimant.name == "Colonel Rami Haddad"


def test_he_is_the_last_one_person_who_spoke_a_role_as_well_as_a_name() -> None:
    text = (
        "The army said the post was overrun. A village chief in Kaiga said the attackers came by boat. "
        '"They were only fishermen," he said.'
    )
    frames = read_frames(split_sentences(text))
    assert [f.who.name for f in frames[2]] == ["village chief in Kaiga"]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ('The Sahel branch of the group, often called "IS Sahel", claimed responsibility for the ambush.', "IS Sahel"),
        ("The Ansar Brigade owned up to the raid in a message on its channel.", "Ansar Brigade"),
        ("The UN mission, UNAMI, called on all parties to cease hostilities.", "UNAMI"),
    ],
)
def test_a_name_in_quotes_an_owned_claim_and_an_appeal_are_frames(text: str, speaker: str) -> None:
    (found,) = read_frames([Sentence(text, 0, len(text))])
    assert [f.who.name for f in found] == [speaker]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # where the sources are is no part of who they are
        ("Doctors at the General Hospital, Kaduna, said 11 soldiers were brought in.", "Doctors"),
        # a relative clause about the body, and how its text reached the outlet
        ("The Islamic State, to which the local insurgents are linked, claimed the killings.", "Islamic State"),
        ("The Observatory, based in Britain, said six members of the security forces were killed.", "Observatory"),
        (
            "According to a communique from the General Staff received in our newsroom, 40 rebels were killed.",
            "General Staff",
        ),
        # what the speaker was doing, and a conjunction before the speaker
        (
            "The governor of the state, touring the burnt market in Gusau, said 30 traders were killed.",
            "governor of the state",
        ),
        ("Gunmen raided Kauran Namoda on Friday, and residents said nine people were killed.", "residents"),
    ],
)
def test_a_place_a_relative_clause_and_a_delivery_are_no_part_of_the_speaker(text: str, speaker: str) -> None:
    (found,) = read_frames([Sentence(text, 0, len(text))])
    assert [f.who.name for f in found] == [speaker]


@pytest.mark.parametrize(
    "text",
    [
        # a toll, not a claim; a count, not a speaker's estimate
        "The blast claimed the lives of six people near the market.",
        "The week's violence claimed 47 lives across the two provinces.",
        "The clinic served an estimated 4,000 people before it was hit.",
    ],
)
def test_a_verb_of_saying_used_for_a_toll_or_a_count_is_no_frame(text: str) -> None:
    assert read_frames([Sentence(text, 0, len(text))]) == [[]]


def test_they_is_a_body_named_before_never_one_person() -> None:
    text = (
        "Colonel Rami Haddad said the convoy was hit near the bridge. "
        "Troops moved into the valley, where they said they killed two fighters."
    )
    frames = read_frames(split_sentences(text))
    assert [f.who.name for f in frames[1]] == ["they"]
    second = split_sentences(text)[1]
    at = second.text.index("two fighters")
    assert figure_source(frames[1], second.text, second.start, (at, at + len("two fighters"))) is None


def test_the_group_is_the_story_group_when_no_group_has_spoken() -> None:
    text = (
        "Islamic State fighters attacked an army post near Rutba. "
        "The group said in a statement that its men had killed nine soldiers."
    )
    doc = build_document(text)
    assert [f.who.name for found in doc.attribution for f in found] == ["ISIS"]


def test_an_aside_on_where_a_statement_appeared_is_not_its_author() -> None:
    text = (
        "The Harakat group claimed that it had killed 25 soldiers. "
        "The statement, published by the group's news agency, said three of its fighters were killed."
    )
    frames = read_frames(split_sentences(text))
    assert [f.who.name for f in frames[1]] == ["Harakat group"]


def test_the_document_reads_its_frames_once() -> None:
    doc = build_document("The ministry said two soldiers were killed.")
    assert doc.attribution is doc.attribution
    assert [f.sentence for found in doc.attribution for f in found] == [0]


def test_an_aside_on_where_the_speakers_are_is_not_their_name() -> None:
    text = "Residents of Hassu Khel village, near Mir Ali, told this newspaper that four civilians died."
    frames = read_frames(split_sentences(text))
    assert [f.who.name for f in frames[0]] == ["Residents of Hassu Khel village"]


@pytest.mark.parametrize(
    "text",
    [
        "GUSAU - The Zamfara State Police Command has confirmed that 14 villagers were killed.",
        "PESHAWAR: The Zamfara State Police Command said that 14 villagers were killed.",
    ],
)
def test_a_dateline_in_capitals_is_not_part_of_the_speakers_name(text: str) -> None:
    frames = read_frames(split_sentences(text))
    assert [f.who.name for f in frames[0]] == ["Zamfara State Police Command"]


@pytest.mark.parametrize(
    ("text", "readings"),
    [
        # a ranked name, then the role that governs its unit: the person speaks, the unit is the role
        ("Brig. Gen. Tomas Reyes, commander of the 4th Marine Brigade, said six rebels were killed.",
         [("Brig. Gen. Tomas Reyes", "commander of the 4th Marine Brigade", "said")]),
        # the medium of a claim between commas is no part of the speaker
        ("The Arakan Army, in a statement posted on its website, claimed it had killed 30 soldiers.",
         [("Arakan Army", None, "claimed")]),
        # a reporting word after a determiner or inside "according to" is a noun, not a verb
        ("Borno is one of the states hardest hit by the insurgency.", []),
        ("The militia often inflates its figures in its claims.", []),
        ("The clashes have killed thousands, according to United Nations estimates.",
         [("United Nations estimates", None, "according to")]),
        # "by the count of X" is X's figure; "count" is a verb only before what is counted
        ("By the count of a monitoring group, the fighting has killed 400 people this year.",
         [("monitoring group", None, "according to")]),
        ("Aid agencies count more than 20,000 people displaced by the fighting.",
         [("Aid agencies", None, "count")]),
        ("The body count rose to 12 by nightfall.", []),
        # a discourse adverb between commas is no speaker; an attack "attributed to" a group has no speaker
        ("The provincial police office, however, reported that five militants were killed.",
         [("provincial police office", None, "reported")]),
        ("Nine people were killed in an attack attributed to the rebels, the district commissioner said.",
         [("district commissioner", None, "said")]),
        # a body's members speak for the body; the residents of a place are still its residents
        ("Volunteers of the Red Crescent said they had recovered 14 bodies.", [("Red Crescent", "volunteers", "said")]),
        ("Residents of Kaura village said three people were abducted.", [("Residents of Kaura village", None, "said")]),
    ],
)
def test_how_reporters_name_a_source(text: str, readings: list[Reading]) -> None:
    frames = read_frames(split_sentences(text))
    assert [(f.who.name, f.who.role, f.verb) for f in frames[0]] == readings


@pytest.mark.parametrize(
    "text",
    [
        "The Ansar Brigade has not claimed the shelling.",
        "Figures in claims are the group's own and are often inflated.",
    ],
)
def test_a_negated_verb_or_a_noun_claims_attributes_nothing(text: str) -> None:
    (found,) = read_frames([Sentence(text, 0, len(text))])
    assert found == []


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # a place between the content and the speakers is where they are, not who they are
        (
            "Six traders were killed near the cattle market in Mubi, Adamawa State, on Friday, relatives and a "
            "vigilante leader told reporters.",
            "relatives and a vigilante leader",
        ),
        # an office, then the place it serves: the office speaks ("SP, Sukma" in South Asian reporting)
        ("The Senior Superintendent of Police (SSP), Baramulla, said two militants had been arrested.",
         "Senior Superintendent of Police"),
        ("The Deputy Commissioner, Kupwara, told journalists that schools would stay shut.", "Deputy Commissioner"),
    ],
)
def test_a_place_beside_a_role_qualifies_it_and_names_nobody(text: str, speaker: str) -> None:
    (found,) = read_frames([Sentence(text, 0, len(text))])
    assert [f.who.name for f in found] == [speaker]


def test_he_is_a_role_held_by_one_person_whatever_body_it_serves() -> None:
    text = (
        "Colonel Idris Bako said the post held. "
        '"We carried nine bodies to the road," said a member of the village defence committee. '
        "He said more were missing. "
        "The Inspector General of Police told reporters the area was sealed. He said raids would go on."
    )
    frames = read_frames(split_sentences(text))
    assert [f.who.name for f in frames[2]] == ["member of the village defence committee"]
    assert [f.who.name for f in frames[4]] == ["Inspector General of Police"]


def test_telling_a_story_differently_is_no_claim() -> None:
    (found,) = read_frames([Sentence("The state broadcaster told it differently.", 0, 42)])
    assert found == []


def test_a_secretariat_is_a_body_and_and_that_adds_a_second_point() -> None:
    text = (
        "In a statement released at night, the secretariat said two officers were hurt. "
        "It said nine people were detained and that officers seized six rifles."
    )
    frames = read_frames(split_sentences(text))
    assert [[f.who.name for f in found] for found in frames] == [["secretariat"], ["secretariat"]]
    second = split_sentences(text)[1]
    at = second.text.index("nine people")
    claimant = figure_source(frames[1], second.text, second.start, (at, at + len("nine people")))
    assert claimant is not None and claimant.name == "secretariat"


def test_a_communique_speaks_for_its_author_and_a_described_person_speaks() -> None:
    text = (
        "Troops repelled an attack on the camp, according to a General Staff communique read on state radio. "
        '"The units held their ground," the communique adds. '
        "Reached by telephone, a trader in the town who asked not to be named said shops were shut. "
        "A patrol detained two men, the text specifies. "
        '"Nobody tells us anything," said a woman of 60 who had come from the camp.'
    )
    frames = read_frames(split_sentences(text))
    assert [[f.who.name for f in found] for found in frames] == [
        ["General Staff"], ["General Staff"], ["trader in the town"], ["General Staff"], ["woman of 60"],
    ]


def test_an_earlier_statement_is_its_bodys() -> None:
    (found,) = read_frames([Sentence("Guards arrested three men, according to an earlier army statement.", 0, 67)])
    assert [f.who.name for f in found] == ["army"]


def test_a_transcript_turn_of_courtesy_makes_no_claim() -> None:
    from summarizer.backends.rules.claims import _courtesy

    assert _courtesy("Thank you, and good morning to your listeners.")
    assert _courtesy("Madam, I am aware.")
    assert not _courtesy("No soldier was killed in the attack.")
    assert not _courtesy("Yes, we lost four men at the checkpoint.")
