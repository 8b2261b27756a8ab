"""The offline engine's claim rules: attribution frames, claimants with roles, quotes, kinds, links."""

from __future__ import annotations

import pytest

from summarizer.backends.rules.claims import extract_claims, parse_claimant
from summarizer.backends.rules.operations import extract_operations
from summarizer.backends.rules.sentences import build_document
from summarizer.models import ClaimKind


def claims(text: str):
    doc = build_document(text)
    return extract_claims(doc, extract_operations(doc).operation_of_sentence())


# --------------------------------------------------------------------------- claimants and roles


@pytest.mark.parametrize(
    ("phrase", "name", "role"),
    [
        (
            "Brigadier General Saad Maan, head of the Security Media Cell,",
            "Brigadier General Saad Maan",
            "head of the Security Media Cell",
        ),
        ("Military analyst Ahmed al-Sharifi", "Ahmed al-Sharifi", "Military analyst"),
        ("Karim Nouri, mayor of Jalawla,", "Karim Nouri", "mayor of Jalawla"),
        ("Chief spokesperson for the army, Colonel Hamid Ali,", "Colonel Hamid Ali", "Chief spokesperson for the army"),
        (
            "Captain Yusuf Kareem of the Federal Police in Samarra",
            "Captain Yusuf Kareem",
            "the Federal Police in Samarra",
        ),
        ("In Diyala, Sheikh Raad Hussein, a tribal leader,", "Sheikh Raad Hussein", "tribal leader"),
        ("The Iraqi Defence Ministry", "Iraqi Defence Ministry", None),
        ("A senior Kurdish official", "senior Kurdish official", None),
        # a closing description the vocabulary has no role for: the speaker it describes
        ("the spokesman, a general,", "the spokesman", None),
        ("At the district hospital, a surgeon", "surgeon", None),
    ],
)
def test_claimant_name_and_role(phrase: str, name: str, role: str | None) -> None:
    speaker = parse_claimant(phrase)
    assert speaker is not None
    assert (speaker.name, speaker.role) == (name, role)


def test_a_lowercase_clause_is_no_claimant() -> None:
    assert parse_claimant("the weather ") is None


# --------------------------------------------------------------------------- frames


def test_subject_first_with_outlet_and_that_clause() -> None:
    (claim,) = claims("Karim Nouri, mayor of Jalawla, told Kurdistan 24 that the roads into the town were reopened.")
    assert claim.claimant.name == "Karim Nouri"
    assert claim.claimant.role == "mayor of Jalawla"
    assert claim.content == "the roads into the town were reopened"
    assert claim.kind is ClaimKind.statement


def test_quote_first_with_pronoun_resolved_to_the_last_named_claimant() -> None:
    text = "Police chief Adnan Hamid said the district was calm.\n“We have closed every road into the valley,” he said."
    first, second = claims(text)
    assert second.claimant.name == first.claimant.name == "Adnan Hamid"
    assert second.quote == "We have closed every road into the valley"


def test_inverted_quote_attribution() -> None:
    (claim,) = claims("“The militants fled before dawn,” said Colonel Rafid Jasim, a brigade commander.")
    assert claim.claimant.name == "Colonel Rafid Jasim"
    assert claim.quote == "The militants fled before dawn"


def test_according_to_either_order() -> None:
    first, second = claims(
        "According to the Interior Ministry, the convoy carried food.\n"
        "The bridge was repaired last week, according to local officials."
    )
    assert first.claimant.name == "Interior Ministry"
    assert "convoy carried food" in first.content
    assert second.claimant.name == "local officials"
    assert "bridge was repaired" in second.content


def test_content_before_the_attribution() -> None:
    (claim,) = claims("Two battalions moved into the valley at dawn, the ministry said in a statement.")
    assert claim.claimant.name == "ministry"
    assert claim.content == "Two battalions moved into the valley at dawn"


def test_statement_ending_with_verb_then_claimant() -> None:
    (claim,) = claims("Troops seized weapons caches in three villages, announced the army in a statement.")
    assert claim.claimant.name == "army"
    assert claim.content.startswith("Troops seized weapons caches")


def test_surname_and_definite_title_resolve_to_the_full_claimant() -> None:
    text = (
        "Major General Hazem Saleh, commander of the operation, told reporters the area was secured.\n"
        "Saleh added that patrols would continue.\n"
        "The Major General stressed that civilians should stay indoors."
    )
    found = claims(text)
    assert [c.claimant.name for c in found] == ["Major General Hazem Saleh"] * 3


def test_a_standalone_quotation_continues_the_previous_claimant() -> None:
    text = (
        "Analyst Noor Hadi said the cells are weaker than a year ago.\n"
        "“They can still strike isolated checkpoints at night.”"
    )
    first, second = claims(text)
    assert second.claimant.name == first.claimant.name == "Noor Hadi"
    assert second.quote == "They can still strike isolated checkpoints at night"


def test_short_scare_quotes_are_not_quotations() -> None:
    (claim,) = claims("Officials said the “emir” of the cell was arrested in Hawija.")
    assert claim.quote is None


def test_passive_and_participle_uses_are_not_attributions() -> None:
    assert claims("The town is claimed by both Baghdad and Erbil.") == []


# --------------------------------------------------------------------------- kinds


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("The Islamic State claimed responsibility for the bombing on Telegram.", ClaimKind.responsibility),
        ("The ministry denied that any civilians were hurt in the strike.", ClaimKind.denial),
        ("The army said it had killed 12 militants in the raid.", ClaimKind.casualty_figure),
        ("The governor said the road will reopen next week.", ClaimKind.forecast),
        ("Security expert Ali Hamza said the cells are regrouping in the desert.", ClaimKind.assessment),
        ("Local officials accused the militia of burning farmland.", ClaimKind.allegation),
        ("The spokesman said the visit was routine.", ClaimKind.statement),
    ],
)
def test_claim_kinds(sentence: str, kind: ClaimKind) -> None:
    (claim,) = claims(sentence)
    assert claim.kind is kind


def test_claimant_affiliation_from_the_gazetteer() -> None:
    (claim,) = claims("The Peshmerga ministry said its units were on alert.")
    assert claim.claimant.affiliation is not None
    assert claim.claimant.affiliation.canonical == "Peshmerga"


def test_claim_links_to_an_operation_in_the_same_sentence() -> None:
    text = "The army said it launched an operation against ISIS in the Hamrin Mountains on Monday."
    doc = build_document(text)
    ops = extract_operations(doc)
    (claim,) = extract_claims(doc, ops.operation_of_sentence())
    assert claim.operation_id == ops.operations[0].id == "op1"


def test_evidence_is_verbatim() -> None:
    text = "Security forces are on alert,the commander said.\n“Nobody will cross the river tonight,” he added."
    for claim in claims(text):
        assert text[claim.evidence.start : claim.evidence.end] == claim.evidence.quote


# --------------------------------------------------------------------------- families found on real pages


def test_verbs_glued_to_a_pronoun_or_known_surname_are_attributions() -> None:
    text = (
        "Colonel Samir Qadir told reporters the town was quiet.\n"
        "Hestressed that the road stays closed.\n"
        "Qadirpraised the work of the engineers."
    )
    found = claims(text)
    assert [c.claimant.name for c in found] == ["Colonel Samir Qadir"] * 3


def test_a_cited_release_is_its_authors_claim() -> None:
    (claim,) = claims("State television cited a Peshmerga ministry statement, saying that two bridges were reopened.")
    assert claim.claimant.name == "Peshmerga ministry"
    assert claim.content == "two bridges were reopened"


def test_a_body_known_as_a_name_and_a_report_carrying_it() -> None:
    text = (
        "According to a report from the auditor which covers May, the mission known as Task Force Falcon (TFF) "
        "reported that militants are moving south."
    )
    (claim,) = claims(text)
    assert claim.claimant.name == "Task Force Falcon"
    assert claim.kind is ClaimKind.assessment  # a judgement about the enemy's situation


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("The minister announced that troops will launch a new offensive in Anbar.", ClaimKind.statement),
        ("The commander said the brigades played a crucial role in securing the border.", ClaimKind.assessment),
        ("The governor said the militants are regrouping in the desert.", ClaimKind.assessment),
        ("The spokesman said a number of militants were killed in the raid.", ClaimKind.casualty_figure),
        ("The mayor said the bridge reopened on Monday.", ClaimKind.statement),
    ],
)
def test_kind_rules_from_verb_lexicon_and_subject(sentence: str, kind: ClaimKind) -> None:
    (claim,) = claims(sentence)
    assert claim.kind is kind


def test_a_role_before_the_verb_is_the_claimant_and_no_one_claims_nothing() -> None:
    found = claims(
        "Two soldiers were wounded near the river, two police sources said.\n"
        "No group claimed responsibility for the attack."
    )
    assert [c.claimant.name for c in found] == ["two police sources"]


# --------------------------------------------------------------------------- generalisation round 2 families


def test_it_said_continues_the_body_named_before() -> None:
    found = claims(
        "The Peshmerga ministry said on Monday that two of its posts came under mortar fire. "
        "It said its gunners silenced the mortar team within minutes."
    )
    assert [c.claimant.name for c in found] == ["Peshmerga ministry", "Peshmerga ministry"]
    assert "gunners silenced" in found[1].content


def test_platform_initial_ends_the_sentence_before_a_pronoun() -> None:
    found = claims(
        "Police detained seven smugglers near Rabia, border guard spokesman Ali Hamid said on X. "
        "He said the men carried forged permits."
    )
    assert [c.claimant.name for c in found] == ["Ali Hamid", "Ali Hamid"]
    assert found[0].kind == ClaimKind.casualty_figure


def test_plural_anonymous_sources_at_the_end_of_a_long_sentence() -> None:
    found = claims(
        "Three shepherds were wounded when a mine exploded on a dirt track south of Tuz Khurmatu on Friday, "
        "local security sources said."
    )
    assert [(c.claimant.name, c.kind) for c in found] == [("local security sources", ClaimKind.casualty_figure)]


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        ("The monitoring group put the death toll at nine.", "monitoring group", ClaimKind.casualty_figure),
        ("A village elder disputed the army's account of the raid.", "village elder", ClaimKind.denial),
        ("The governor blamed the militants for the blackout in Hit.", "governor", ClaimKind.allegation),
        ("Local officials estimate that 200 families fled the villages.", "Local officials", ClaimKind.assessment),
    ],
)
def test_reporting_verbs_other_than_said(text: str, name: str, kind: ClaimKind) -> None:
    found = claims(text)
    assert [(c.claimant.name, c.kind) for c in found] == [(name, kind)]


def test_disputed_as_an_adjective_is_no_claim() -> None:
    assert claims("Joint brigades will patrol the disputed areas between Erbil and Kirkuk.") == []


def test_a_descriptive_appositive_with_a_relative_clause_is_not_the_claimant() -> None:
    found = claims(
        "The Kurdistan Region Security Council, a body that coordinates the Kurdish agencies, "
        "said the cell had been planning an attack on Erbil."
    )
    assert [c.claimant.name for c in found] == ["Kurdistan Region Security Council"]


def test_which_said_after_according_to_is_the_same_claim() -> None:
    found = claims(
        "Twelve militants were killed in the strikes, according to the Security Media Cell, which said the "
        "dead included two local leaders."
    )
    assert [c.claimant.name for c in found] == ["Security Media Cell"]


def test_reporting_verbs_used_for_something_else_are_no_claims() -> None:
    assert claims("The province declared victory over the insurgents in 2018 and rebuilt the market.") == []
    assert claims("The rising price of bread tells a different story about the war.") == []


def test_what_a_body_estimates_inside_a_long_sentence() -> None:
    found = claims(
        "After years of raids, the network has shrunk from thousands of fighters to what Kurdish intelligence "
        "now estimates are fewer than 300 members."
    )
    assert [(c.claimant.name, c.kind) for c in found] == [("Kurdish intelligence", ClaimKind.assessment)]


def test_a_tally_by_someone_is_that_someones_claim_once() -> None:
    found = claims(
        "The militants claimed 19 attacks in Nineveh in March, according to a tally by a local monitor, "
        "down from 30 in February."
    )
    assert [c.claimant.name for c in found] == ["local monitor"]


def test_asides_and_relative_where_clauses_do_not_hide_the_speaker() -> None:
    found = claims("A police officer, speaking on condition of anonymity, said the convoy took a back road.")
    assert [c.claimant.name for c in found] == ["police officer"]
    found = claims("The gunmen fled toward the marshes near Hawija, where residents say the cell hides.")
    assert [c.claimant.name for c in found] == ["residents"]


def test_transliterated_names_with_diacritics_are_names() -> None:
    found = claims("Sheikh ʿUmar al-Ḥadīthī, a tribal elder in Rawa, said the road had been closed for a week.")
    assert [c.claimant.name for c in found] == ["Sheikh ʿUmar al-Ḥadīthī"]


def test_adding_that_gives_a_second_claim_only_for_another_kind_of_point() -> None:
    two = claims(
        "Colonel Ali Hassan said his troops had killed four militants near Baiji, adding that the "
        "search of the villages is still going on."
    )
    assert [(c.claimant.name, c.kind) for c in two] == [
        ("Colonel Ali Hassan", ClaimKind.casualty_figure),
        ("Colonel Ali Hassan", ClaimKind.statement),
    ]
    assert "still going on" not in two[0].content
    one = claims(
        "Colonel Ali Hassan said the soldiers had reached the river, adding that the engineers had reached the bridge."
    )
    assert len(one) == 1


def test_a_complaint_after_a_toll_is_a_second_claim_of_its_own_kind() -> None:
    found = claims(
        "A police colonel in Hawija said gunmen had killed two officers on Monday and complained that the "
        "checkpoint had been left without night-vision equipment."
    )
    assert [(c.claimant.name, c.kind) for c in found] == [
        ("police colonel in Hawija", ClaimKind.casualty_figure),
        ("police colonel in Hawija", ClaimKind.allegation),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "The ministry said troops found the remains of six militants in a tunnel.",
        "A hospital source said three more soldiers had been admitted with shrapnel wounds.",
    ],
)
def test_remains_and_wounds_make_a_casualty_figure(text: str) -> None:
    assert [c.kind for c in claims(text)] == [ClaimKind.casualty_figure]


def test_a_bare_quote_after_a_claim_in_the_same_paragraph_is_the_same_claim() -> None:
    text = (
        "Omar Saleh, a farmer from Dibis, said the patrols had stopped coming to his village. "
        '"We are alone out here," he said.\n\n'
        '"The road is mined," Omar Saleh told reporters, adding that two tractors had been destroyed.'
    )
    found = claims(text)
    assert [c.claimant.name for c in found] == ["Omar Saleh", "Omar Saleh"]
    assert "patrols had stopped" in found[0].content
    assert found[1].quote is not None and "road is mined" in found[1].quote


# --------------------------------------------------------------------------- families found on the blind set


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a title's dot and an initial do not end the claimant's name
        ('"The network is weaker every month," said Gen. John K. Miles, head of the task force.', "Gen. John K. Miles"),
        # ", it said": the body of the previous claim
        ("The army said troops repelled the raid overnight. One soldier was wounded, it said.", "army"),
        # a leading conjunction is not part of the claimant
        ("But a medical source in Basra told reporters that six bodies had arrived.", "medical source in Basra"),
        # a lowercase rank before the name is a role; "now an adviser at ..." describes the person
        (
            "Retired general Omar Aziz, now an adviser at the Tigris Centre for Studies, said the cells had shrunk.",
            "Omar Aziz",
        ),
        # ordinary people who speak for themselves
        ("Two houses burned down in the night, villagers said.", "villagers"),
        # "blamed <noun> of ...": an allegation frame
        ("Farmers blamed members of the local militia for the fires.", "Farmers"),
    ],
)
def test_claimant_families(text: str, name: str) -> None:
    assert claims(text)[-1].claimant.name == name


def test_a_noun_use_of_a_reporting_verb_is_no_claim() -> None:
    assert claims("Official estimates of the group's strength vary widely.") == []


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        # responsibility: "claimed" with an attack as its object
        ("The group claimed the bombing in a post on its news channel.", ClaimKind.responsibility),
        # allegation: blame inside the content, with no blame verb of the claimant's own
        ("Her brother said the village blamed the checkpoint guards for the delay.", ClaimKind.allegation),
        # casualty figures in scare quotes, with officials' verbs and ranges
        ('The ministry said jets had "eliminated 14 terrorists" in the valley.', ClaimKind.casualty_figure),
        ("The source said police detained between 8 and 12 suspects at the market.", ClaimKind.casualty_figure),
        ("It said 30 suspects were held in the sweep, the command added.", ClaimKind.casualty_figure),
        # not casualties: animals, and naming one of the dead
        ("A farmer said nine of his goats were killed by the blast.", ClaimKind.statement),
        # assessment without a judgement verb: a modal, a state of things, a strength estimate
        ("The governor said the border cannot be watched and needs a wall.", ClaimKind.assessment),
        ("The mayor said kidnappings had become rare in the district.", ClaimKind.assessment),
        ("A colonel told reporters there were about 200 fighters left in the hills.", ClaimKind.assessment),
        ("A tribal leader, Saad Obeid, put the number at around 90.", ClaimKind.assessment),
        ("Analysts say the corridor is where smugglers cross.", ClaimKind.assessment),
        ("The command assesses that the cells have lost their leaders.", ClaimKind.assessment),
        # a report of facts with a modal in a second point stays a statement
        (
            'He said the gunmen had fled toward the river before dawn and that "the road must be closed".',
            ClaimKind.statement,
        ),
    ],
)
def test_claim_kind_families(sentence: str, kind: ClaimKind) -> None:
    assert claims(sentence)[0].kind == kind


def test_two_claimants_across_while_each_get_their_clause() -> None:
    found = claims(
        "Rebels killed 20 herders near the lake, a village chief said on Monday, "
        "while the governor gave a lower toll of 8."
    )
    assert [(c.claimant.name, c.kind, c.content) for c in found] == [
        ("village chief", ClaimKind.casualty_figure, "Rebels killed 20 herders near the lake"),
        ("governor", ClaimKind.casualty_figure, "gave a lower toll of 8"),
    ]


def test_records_that_show_belong_to_their_owner() -> None:
    (claim,) = claims(
        "The interior ministry's own figures, released on Friday, show that police made 300 arrests in June."
    )
    assert (claim.claimant.name, claim.content) == ("interior ministry", "police made 300 arrests in June")


def test_the_outlets_own_voice_is_no_claim() -> None:
    assert claims("Our own count recorded 14 attacks in May.") == []


def test_he_said_after_a_person_is_introduced_by_relation_and_name() -> None:
    found = claims(
        "The Security Media Cell said a bomb hit a patrol. His mother, Layla Hassan, waited at the gate. "
        '"They never told us anything about the convoy," she said.'
    )
    assert found[-1].claimant.name == "Layla Hassan"


def test_it_said_resolves_to_the_last_body_not_to_a_named_person() -> None:
    found = claims(
        "The army said troops chased the raiders into the marshes. Ahmed Karim, a farmer, said the village burned. "
        "Two soldiers were wounded, it said."
    )
    assert found[-1].claimant.name == "army"


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        # a force's own numbers taking part are no strength estimate of the enemy
        ("The brigade commander said 300 fighters joined the operation at dawn.", ClaimKind.statement),
        # evidence shown is a report, not a judgement
        ("The ministry said a video shows the convoy leaving the base.", ClaimKind.statement),
    ],
)
def test_narrow_judgement_cues_leave_reports_alone(sentence: str, kind: ClaimKind) -> None:
    assert claims(sentence)[0].kind == kind


@pytest.mark.parametrize(
    ("text", "claimant", "kind"),
    [
        # blame and condemnation verbs attribute a statement like "said"
        ("Local officials blamed the militants for the bombing of the bus.", "Local officials", ClaimKind.allegation),
        ("Security sources attributed the attack to the group's remaining cells.", "Security sources",
         ClaimKind.allegation),
        ("The governor condemned the attack on the market as cowardly.", "governor", ClaimKind.statement),
        ("The rebels rejected the army's account of the clash.", "rebels", ClaimKind.denial),
    ],
)
def test_blame_condemnation_and_rejection_verbs(text: str, claimant: str, kind: ClaimKind) -> None:
    found = claims(text)
    assert [(c.claimant.name, c.kind) for c in found] == [(claimant, kind)]


@pytest.mark.parametrize(
    "text",
    [
        "The General Staff said Russia lost 1,030 soldiers over the past day.",
        "The ISPR said six khawarij were sent to hell in the exchange of fire.",
        "The military said two soldiers embraced shahadat during the operation.",
    ],
)
def test_regional_casualty_phrasing_makes_a_casualty_claim(text: str) -> None:
    assert [c.kind for c in claims(text)] == [ClaimKind.casualty_figure]


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        # one victim told with an article, the dead told by their burial or their duty, a count that rose
        ("The army said a soldier was killed near the bridge on Monday.", ClaimKind.casualty_figure),
        ("The rescue service said a man in his sixties was seriously wounded by shrapnel.", ClaimKind.casualty_figure),
        ("Local sources said two fishermen were beheaded on the beach.", ClaimKind.casualty_figure),
        ("A resident said more than 30 people had been laid to rest in the churchyard.", ClaimKind.casualty_figure),
        ("The army said one soldier fell in the line of duty after being shot.", ClaimKind.casualty_figure),
        ("The governor said the number of people killed had risen to five.", ClaimKind.casualty_figure),
        # a party telling its own strike claims it
        ("The group said it fired rockets at army positions on the hill.", ClaimKind.responsibility),
        ("The movement said its fighters targeted a gathering of soldiers with a missile.", ClaimKind.responsibility),
        # ... but a ministry's record of operations is a statement
        ("The ministry said its forces carried out 146 operations in October.", ClaimKind.statement),
        # a denial told in what is said
        ("The coalition's spokesman said none of its members had died.", ClaimKind.denial),
        ("The military said the claim of three soldiers killed was untrue.", ClaimKind.denial),
    ],
)
def test_claim_kinds_in_other_regions_styles(sentence: str, kind: ClaimKind) -> None:
    assert claims(sentence)[0].kind == kind


def test_a_live_pages_post_heading_is_no_claim_and_a_bullet_is_no_name() -> None:
    text = (
        "16:02 - The group claims rocket attack\n\n"
        "The group said it fired rockets at army positions on the hill.\n\n"
        "- The health ministry says two people were killed in the strike."
    )
    found = claims(text)
    assert [c.claimant.name for c in found] == ["group", "health ministry"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a text of its own stands for its owner
        ("ISMP's own claim, published in its newsletter, said that a truck had been burned.", "ISMP"),
        ("The army's communique said that a truck had been burned.", "army"),
    ],
)
def test_claimant_names_as_reports_go_on_to_give_them(text: str, name: str) -> None:
    assert claims(text)[0].claimant.name == name


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        # a party's own strike with a toll told apart is its claim of the strike
        ("The group said it fired rockets at army positions; a man was wounded in the town.", ClaimKind.responsibility),
        ("The group's agency said its fighters detonated a bomb on a patrol.", ClaimKind.responsibility),
        # another's denial reported inside the claim does not make it a denial
        ("The group said it killed three soldiers, which the army said was untrue.", ClaimKind.casualty_figure),
    ],
)
def test_own_strikes_and_reported_denials(sentence: str, kind: ClaimKind) -> None:
    assert claims(sentence)[0].kind == kind


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        # a dateline left on the speaker is no part of its name
        ("KANO - The Police Command confirmed the killing of 14 people.", "Police Command", "casualty_figure"),
        # the lexicon's phrases for the dead: "paid the supreme price", "succumbed"
        ("The army said one soldier paid the supreme price.", "army", "casualty_figure"),
        ("The officer said two of the injured policemen succumbed at the hospital.", "officer", "casualty_figure"),
    ],
)
def test_datelines_and_phrases_for_the_dead_in_claims(text: str, name: str, kind: str) -> None:
    (claim,) = claims(text)
    assert (claim.claimant.name, claim.kind) == (name, ClaimKind(kind))


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        # an act put on someone is an allegation
        ("Sources said the attack was carried out by gunmen believed to be loyal to a kingpin.", ClaimKind.allegation),
        ("The spokesman said the attackers were rebel fighters who had crossed the river.", ClaimKind.allegation),
        ("The division said the rebels are to blame for the death of a farmer.", ClaimKind.allegation),
        # ... not what was done to the attackers
        ("The police said the attackers were arrested near the bridge.", ClaimKind.statement),
    ],
)
def test_acts_put_on_someone_are_allegations(sentence: str, kind: ClaimKind) -> None:
    assert claims(sentence)[0].kind == kind


@pytest.mark.parametrize(
    ("text", "claimant"),
    [
        # a keeper of figures named after them
        ("Figures compiled by a think tank in Karachi show at least 40 police officers were killed this year.",
         "think tank in Karachi"),
        ("Data from the Institute for Security Studies show that 310 people died in attacks in 2025.",
         "Institute for Security Studies"),
        # the medium between a claimant and its verb
        ("The Islamic State, through its Amaq news agency, claimed the bombing of the bridge.", "Islamic State"),
        # a counter of violence quoted with a relative clause on what it does
        ("The fighting has killed 900 people this year, according to a monitoring project that tracks violence "
         "in the region.", "monitoring project"),
        # a body's own name, then what it is
        ("The Centre for Civilians in Conflict (CCC), a rights group based in Nairobi, said 14 villagers were "
         "killed.", "Centre for Civilians in Conflict"),
        # a tally kept and an event named
        ("The same observatory recorded 52 deaths in the district in May.", "same observatory"),
        ('The rebel committee termed the clash "staged" and said no fighter had died.', "rebel committee"),
    ],
)
def test_claimants_of_counters_records_and_described_bodies(text: str, claimant: str) -> None:
    found = claims(text)
    assert found, text
    assert found[0].claimant.name == claimant
