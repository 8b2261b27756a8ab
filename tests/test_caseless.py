"""A case-insensitive pattern's lower-cased twin (summarizer.caseless) finds exactly what the pattern finds."""

from __future__ import annotations

import random
import re

import pytest

from summarizer import lexicon
from summarizer.articles import _GLUE, clean_view
from summarizer.backends.rules import dates
from summarizer.backends.rules.attribution import frames, speakers
from summarizer.backends.rules.casualties import names
from summarizer.backends.rules.claims import kinds
from summarizer.backends.rules.dates import DATE_RE, DATE_SCAN
from summarizer.backends.rules.operations import patterns, reading
from summarizer.backends.rules.operations.patterns import (
    _ALL_TRIGGERS,
    ATTACKERS_TOLD,
    FORCES_ACTED,
    FORCES_ON_CIVILIANS,
    FORCES_TOLD,
    KILLERS_TOLD,
)
from summarizer.caseless import Caseless
from summarizer.gazetteer import _trie_regex, default_gazetteer

SENTENCES = [
    "Iraqi F-16s STRUCK an ISIS hideout near Kirkuk on Monday, the Joint Operations Command said.",
    "Gunmen Abducted 23 passengers on the highway; Troops Neutralised 19 terrorists and arrested 27 others.",
    "AIRSTRIKES hit the village while Militants stormed a checkpoint and a car bomb exploded.",
    "The Nigerian army and Malian Soldiers fought JNIM fighters near Ménaka in the Gao region.",
    # characters the lower-cased twin cannot read in the pattern's place: the original pattern answers
    "Dotless ı and long ſ: the ſoldiers attacked; İstanbul police raided a house.",
    "Kelvin \u212a and Angstrom \u212b signs, ÉCOLE, Straße, and “curly quotes” around an offensive.",
    "",
    "MAOISTS Killed two villagers on Sunday night, and Gang Members had killed at least 15 people in the town.",
    "The Army said it had Dislodged the jihadists; SOLDIERS intercepted a convoy of fighters near the river.",
    "Soldiers And Allied MILITIA massacred at least 21 Civilians in the village.",
]


# every pattern the engine runs through a twin, with sentences that exercise it
CUES = [
    "The army LAUNCHED a new offensive, still ongoing, after it completed a sweep; more raids are planned to begin.",
    "According to officials, the militants have regularly carried out attacks; dozens of them were arrested earlier.",
    "Many of them were killed in a series of raids, the spokesman told reporters, citing a report from the ministry.",
    "Head Constable Sodhi Ramesh was killed and SERGEANT Musa Ali, 31, embraced martyrdom last year, police said.",
    "An attack was blamed on the group; a security analyst said the threat must be taken seriously as Phase Two began.",
    "Forces PLAN TO LAUNCH an operation; about 120 Fighters remain in the mountains, officials said.",
    # the readers ask some patterns about the words before a trigger or a name: they end there
    "The figures came according to the ",
    "It holds 20,000 prisoners, many of them were ",
    "The group has launched Several ",
    "It was the deadly ",
    "Since the Beginning of 2026 the brigade has killed 40 BANDITS, and In 2025 a total of 90 were arrested.",
]
TWINNED = [
    _ALL_TRIGGERS, ATTACKERS_TOLD, FORCES_TOLD, FORCES_ON_CIVILIANS, KILLERS_TOLD, FORCES_ACTED, reading._LAUNCH,
    reading._PLANNED, reading._COMPLETED, reading._ONGOING, reading._SPEECH_BEFORE, reading._SCOPE_END,
    reading._GENERIC, reading._SHARE_OF_TALLY, reading._QUANTIFIED, reading._DETERMINED, reading._EVENT_VERB,
    reading._CLASH_EVENT,
    kinds._CASUALTY, kinds._STRENGTH, kinds._EVALUATIVE, kinds._JUDGEMENT, speakers._PASSIVE, speakers._ROLE_NOUN,
    dates._HISTORICAL_REL, dates.PERIOD_TALLY,
]  # fmt: skip


def test_the_engine_uses_the_twins_tested_here() -> None:
    used = {
        twin.pattern
        for module in (reading, kinds, frames, speakers, dates)
        for twin in vars(module).values()
        if isinstance(twin, Caseless)
    }
    assert used <= set(TWINNED)
    assert len(used) >= 15


@pytest.mark.parametrize("pattern", TWINNED)
@pytest.mark.parametrize("text", SENTENCES + CUES)
def test_twin_finds_the_same_matches(pattern: re.Pattern[str], text: str) -> None:
    fast = Caseless(pattern)
    expected = [(m.span(), m.lastgroup, m.group(0)) for m in pattern.finditer(text)]
    assert [(m.span(), m.lastgroup, m.group(0)) for m in fast.finditer(text)] == expected
    assert fast.spans(text) == [span for span, _, _ in expected]
    first = pattern.search(text)
    found = fast.search(text)
    assert (found.span() if found else None) == (first.span() if first else None)


def test_the_sentences_do_exercise_the_patterns() -> None:
    assert sum(len(list(_ALL_TRIGGERS.finditer(text))) for text in SENTENCES) >= 6
    assert ATTACKERS_TOLD.search(SENTENCES[1]) and FORCES_TOLD.search(SENTENCES[1])
    unexercised = [p.pattern[:40] for p in TWINNED if not any(p.search(text) for text in SENTENCES + CUES)]
    assert not unexercised


@pytest.mark.parametrize("text", SENTENCES + CUES)
def test_hinted_ranked_names_as_the_pattern(text: str) -> None:
    assert [m.span() for m in names._RANKED_ONE_SCAN.finditer(text)] == [
        m.span() for m in names._RANKED_ONE.finditer(text)
    ]


def test_ranked_names_are_found_by_rank_and_capitals() -> None:
    found = [m.group(0) for m in names._RANKED_ONE_SCAN.finditer(CUES[3])]
    assert found == ["Head Constable Sodhi Ramesh", "SERGEANT Musa Ali, 31,"]


@pytest.mark.parametrize("text", SENTENCES)
def test_gazetteer_matchers_answer_as_their_patterns(text: str) -> None:
    gaz = default_gazetteer()
    for fast in (gaz._actor_re._folded, gaz._place_re._folded, gaz._force_re):
        assert fast is not None
        assert fast.spans(text) == [m.span() for m in fast.pattern.finditer(text)]


def test_lower_refuses_text_whose_lower_case_moves_offsets_or_misleads() -> None:
    assert Caseless.lower("Mosul AND Raqqa") == "mosul and raqqa"
    assert Caseless.lower("İstanbul") is None  # lower-cases to two characters
    assert Caseless.lower("ſoldiers") is None  # the engine reads the long s as an s; str.lower does not
    assert Caseless.lower("Dotless ı") is None


def test_twin_keeps_escapes_and_drops_the_case_flag_and_its_groups() -> None:
    fast = Caseless(re.compile(r"(?i)\bAl-(?P<Name>Q\w+)\S*\s+(?i:Said)", re.IGNORECASE))
    assert fast.lowered.pattern == r"\bal-(?:q\w+)\S*\s+(?:said)"  # the groups are the pattern's to give
    assert not fast.lowered.flags & re.IGNORECASE
    match = fast.search("Leaders of AL-QAEDA's SAID so")
    assert match is not None and match.group("Name") == "QAEDA" and match.group(0) == "AL-QAEDA's SAID"


def test_twin_reads_classes_whole() -> None:
    fast = Caseless(re.compile(r"[](A]+(B)[^)]", re.IGNORECASE))
    assert fast.lowered.pattern == r"[](a]+(?:b)[^)]"
    assert fast.spans("x](AaBc ]b)") == [m.span() for m in fast.pattern.finditer("x](AaBc ]b)")] == [(1, 7)]


@pytest.mark.parametrize(
    "source",
    [
        r"(?i)caf\xe9", r"(?i)(a)\1", r"(?i)(?P<a>a)(?P=a)", r"(?i)(a)?(?(1)b|c)", r"(?i)ab(?-i:C)", "(?i)σ",
        "case-sensitive",
    ],
)
def test_twin_refuses_what_it_cannot_lower(source: str) -> None:
    flags = 0 if source == "case-sensitive" else re.IGNORECASE
    with pytest.raises(ValueError):
        Caseless(re.compile(source, flags))


DATED = [
    "Late on Sunday night gunmen attacked the post; on October 16, 2017 and 3 Sept 2019 the army said so.",
    "The raid came two days later, in late July, and again earlier this year, MONDAY MORNING and last week.",
    "Officials may meet in May 2024; the may-day rally of May was calm. Since 2014 the group has regrouped.",
    "At dawn on Tuesday, before dawn, in the afternoon, the following day, yesterday, tonight and overnight.",
    "ſunday and İstanbul on Monday: the engine's own letters send the scan back to the grammar itself.",
    "No date here at all, only words.",
    "",
]


@pytest.mark.parametrize("text", DATED)
def test_hinted_date_scan_finds_what_the_grammar_finds(text: str) -> None:
    expected = [(m.span(), m.lastgroup) for m in DATE_RE.finditer(text)]
    assert [(m.span(), m.lastgroup) for m in DATE_SCAN.finditer(text)] == expected
    assert DATE_SCAN.sub(" ", text) == DATE_RE.sub(" ", text)
    for start, end in ((5, None), (10, 40), (0, len(text) // 2)):
        window = [m.span() for m in DATE_RE.finditer(text, start, len(text) if end is None else end)]
        assert [m.span() for m in DATE_SCAN.finditer(text, start, end)] == window


def test_hinted_scan_keeps_the_grammars_case() -> None:
    # "May" the month is capitalised; the twin finds "may" too, and the grammar turns it down there
    assert [m.group(0) for m in DATE_SCAN.finditer("They may strike in May 2024 or on monday.")] == ["in May 2024"]
    assert len([m for m in DATE_RE.finditer(" ".join(DATED))]) >= 15


def _glued_apart(text: str) -> str:
    """The text with a space at every point where the plain scan of the glue pattern separates words (the
    reference for the hinted scan in ``clean_view``)."""
    points = [match.start() for match in _GLUE.finditer(text)]
    bounds = zip([0, *points], [*points, len(text)], strict=True)
    return "".join(text[a:b] + (" " if b in points else "") for a, b in bounds)


@pytest.mark.parametrize(
    "text",
    [
        "Troops killed over100 militants;100militants fled,the army said. JointOperations Command in 52nd brigade.",
        "a1b2c3 ABc aB1 9km 10kg 3rd 7s x,y a;B ٣militants killed٣ Mosul,Iraq",
        "",
    ],
)
def test_clean_view_separates_glued_words_where_the_glue_pattern_says(text: str) -> None:
    assert clean_view(text).text == _glued_apart(text)
    assert clean_view(text).text != text or not text


def test_clean_view_glue_points_on_random_text() -> None:
    rng = random.Random(12)
    for _ in range(3000):
        text = "".join(rng.choice("aZ9٣,; bCx1kms\n") for _ in range(14))
        assert clean_view(text).text == _glued_apart(text)


NAMED = [
    "The army launched an operation DUBBED 'Swords of Truth' and code-named Desert Lion against the group.",
    "So-called 'liberation' forces and the so called 'martyrs' brigade, known as \"the Lions\", joined the offensive.",
    "So-Called 'Free' units took part in the \"Roar of the Lion\" military operation, Operation Inherent Resolve said.",
    "Operation \"Dawn\", OPERATION \"Dusk\" and Operation Northern Shield began; a drive Called 'Final Push' came.",
]


@pytest.mark.parametrize("index", range(5))
@pytest.mark.parametrize("text", NAMED + SENTENCES + CUES)
def test_name_scans_find_what_the_name_patterns_find(index: int, text: str) -> None:
    pattern, scan = patterns._NAME_PATTERNS[index], reading._NAME_SCANS[index]
    assert scan.pattern is pattern
    assert [m.span() for m in scan.finditer(text)] == [m.span() for m in pattern.finditer(text)]


def test_name_scans_are_exercised_and_keep_the_case_sensitive_lookbehind() -> None:
    for pattern in patterns._NAME_PATTERNS:
        assert any(pattern.search(text) for text in NAMED)
    # "So-called" is not "so-called" to the first pattern: its twin (the naming words alone) must not skip it
    first = [m.group(1) for m in reading._NAME_SCANS[0].finditer(NAMED[2])]
    assert first == ["Free"]


def test_unglue_separates_pronouns_and_known_surnames_and_leaves_other_text_alone() -> None:
    assert frames._unglue("Hehighlighted gains in Hezbollah areas.", []) == "He highlighted gains in Hezbollah areas."
    assert frames._unglue("Al-Khafajipraised the troops.", ["Al-Khafaji"]) == "Al-Khafaji praised the troops."
    assert frames._unglue("Al-Khafajipraised the troops.", []) == "Al-Khafajipraised the troops."
    untouched = "The ministry said nothing about Health workers."
    assert frames._unglue(untouched, ["Qadir"]) == untouched


VERB_SENTENCES = [
    "The ministry said on Monday that troops had pointed   out the cells, he told reporters, and she told them so.",
    "Officials stated, claimed and reiterated the figure; the monitor put the death toll at 30 and gave a toll of 12.",
    "The army disputed the report, has recorded 41 attacks and highlighted gains; Hesaid nothing and they saidthat.",
]


@pytest.mark.parametrize("text", VERB_SENTENCES + SENTENCES + CUES + NAMED)
def test_reporting_verbs_as_a_trie_match_as_the_longest_first_alternation(text: str) -> None:
    trie = f"(?:{_trie_regex(set(lexicon.entries('reporting_verbs')))})"
    assert speakers._VERBS.startswith(trie + "|")
    flat = re.compile(rf"\b({lexicon.alternation('reporting_verbs')}{speakers._VERBS.removeprefix(trie)})\b")
    found = [(m.span(), m.group(1)) for m in speakers._VERB.finditer(text)]
    assert found == [(m.span(), m.group(1)) for m in flat.finditer(text)]


def test_reporting_verbs_trie_prefers_the_longest_verb() -> None:
    found = [m.group(1) for m in speakers._VERB.finditer(VERB_SENTENCES[0])]
    assert "told reporters" in found and "pointed   out" in found and "told" in found
