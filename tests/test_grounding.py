"""Grounding: planted alignment cases, support checks, policies, and the scripted pipeline end to end.

Every sentence here is written for the tests; none is copied from the seed articles.
"""

from __future__ import annotations

import asyncio
import unicodedata
from collections.abc import Sequence

import pytest

from summarizer.articles import make_article
from summarizer.backends.scripted import ScriptedBackend
from summarizer.counts import parse_count
from summarizer.grounding import (
    CLAIMANT_WINDOW,
    Aligner,
    ground_extraction,
    numbers_in,
)
from summarizer.models import (
    Actor,
    Alignment,
    ArticleExtraction,
    ArticleMeta,
    CasualtyReport,
    Claim,
    Claimant,
    Count,
    Evidence,
    GroundingStatus,
    Operation,
    Outcome,
    Provenance,
)
from summarizer.pipeline import RunOptions, run_articles

# --------------------------------------------------------------------------- alignment table

SAMARRAI_NFD = unicodedata.normalize("NFD", "Colonel Ḥaydar al-Sāmarrāʾī")

ALIGNMENT_CASES = [
    # id, text, quote, expected alignment, expected text[start:end] (None: unaligned)
    (
        "exact",
        "Commandos raided a farmhouse near Tal Rish on Monday, killing seven militants. The road stayed shut.",
        "killing seven militants",
        Alignment.exact,
        "killing seven militants",
    ),
    (
        "whitespace",
        "At dawn the  convoy was\nattacked near the   bridge on Friday.",
        "the convoy was attacked near the bridge",
        Alignment.normalized,
        "the  convoy was\nattacked near the   bridge",
    ),
    (
        "glued words",
        "Police in the border town said over100 smugglers were detained overnight.",
        "over 100 smugglers were detained",
        Alignment.normalized,
        "over100 smugglers were detained",
    ),
    (
        "curly vs straight quotes",
        "The governor said the road “will reopen soon” after the raid ended.",
        'the road "will reopen soon" after the raid',
        Alignment.normalized,
        "the road “will reopen soon” after the raid",
    ),
    (
        "em dash vs hyphen",
        "The raid — the third this month — ended at dawn without losses.",
        "The raid - the third this month - ended at dawn",
        Alignment.normalized,
        "The raid — the third this month — ended at dawn",
    ),
    (
        "case",
        "In a statement, Security Forces Seized Two Trucks near the dam.",
        "security forces seized two trucks near the dam",
        Alignment.normalized,
        "Security Forces Seized Two Trucks near the dam",
    ),
    (
        "fuzzy paraphrase that passes (dropped and inflected words)",
        "Army units killed at least nine fighters in an ambush near the Zab river crossing late on Friday evening.",
        "Army units killed nine fighter in an ambush near the Zab river crossing on Friday evening",
        Alignment.fuzzy,
        "Army units killed at least nine fighters in an ambush near the Zab river crossing late on Friday evening",
    ),
    (
        "paraphrase that fails",
        "Army units killed at least nine fighters in an ambush near the Zab river crossing late on Friday evening.",
        "Soldiers shot nine insurgents during a gunfight by the river at the weekend",
        Alignment.unaligned,
        None,
    ),
    (
        "quote that does not exist",
        "Army units killed at least nine fighters in an ambush near the Zab river crossing late on Friday evening.",
        "Rockets struck the airport in Basra overnight, wounding three guards",
        Alignment.unaligned,
        None,
    ),
    (
        "non-ASCII exact",
        "Yesterday — قائد الشرطة — Colonel Ḥaydar al-Sāmarrāʾī said “three” attackers fled to Ṭūz Khurmātū.",
        "Colonel Ḥaydar al-Sāmarrāʾī said “three” attackers fled to Ṭūz",
        Alignment.exact,
        "Colonel Ḥaydar al-Sāmarrāʾī said “three” attackers fled to Ṭūz",
    ),
    (
        "non-ASCII normalized (quotes, dash, case)",
        "Yesterday — قائد الشرطة — Colonel Ḥaydar al-Sāmarrāʾī said “three” attackers fled to Ṭūz Khurmātū.",
        'قائد الشرطة - colonel ḥaydar al-sāmarrāʾī said "three" attackers',
        Alignment.normalized,
        "قائد الشرطة — Colonel Ḥaydar al-Sāmarrāʾī said “three” attackers",
    ),
    (
        "decomposed accents in the text, composed in the quote",
        f"On Monday {SAMARRAI_NFD} told reporters the checkpoint had been moved.",
        "Colonel Ḥaydar al-Sāmarrāʾī told reporters",
        Alignment.normalized,
        f"{SAMARRAI_NFD} told reporters",
    ),
]


@pytest.mark.parametrize(
    ("text", "quote", "alignment", "expected"),
    [case[1:] for case in ALIGNMENT_CASES],
    ids=[case[0] for case in ALIGNMENT_CASES],
)
def test_alignment_table(text: str, quote: str, alignment: Alignment, expected: str | None) -> None:
    span = Aligner(text).align(quote)
    if expected is None:
        assert span is None
        return
    assert span is not None
    assert span.alignment == alignment
    assert text[span.start : span.end] == expected
    if alignment is Alignment.fuzzy:
        assert 0 < span.score < 1
    else:
        assert span.score == 1.0


def test_repeated_sentence_maps_to_successive_occurrences() -> None:
    sentence = "A roadside bomb killed two soldiers."
    text = f"{sentence} Hours later a second convoy was hit on the same road. {sentence} Nobody claimed either attack."
    aligner = Aligner(text)
    first = aligner.align(sentence, "casualties")
    second = aligner.align(sentence, "casualties")
    assert first is not None and second is not None
    assert (first.start, second.start) == (text.index(sentence), text.rindex(sentence))
    assert first.start != second.start
    # Another kind of item quoting the same passage starts again at the first occurrence.
    other = aligner.align(sentence, "operations")
    assert other is not None and other.start == first.start


def test_backend_offsets_are_kept_when_they_hold_the_quote() -> None:
    sentence = "Gunmen fired on a checkpoint."
    text = f"{sentence} {sentence}"
    span = Aligner(text).align(sentence, hint=(len(sentence) + 1, len(text)))
    assert span is not None and span.start == len(sentence) + 1


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        ("killing twenty-two recruits and 3,000 sheep", {22, 3000}),
        ("over100 militants", {100}),
        ("seven hundred families", {700}),
        ("no figure at all", set()),
    ],
)
def test_numbers_in(text: str, numbers: set[int]) -> None:
    assert numbers_in(text) == numbers


# --------------------------------------------------------------------------- support checks

TEXT = (
    "Federal police launched Operation Desert Lantern on Monday against cells hiding in the Jazira plains. "
    "Brigadier General Karim Hadad said the first wave killed ten militants and wounded dozens of others. "
    "A car bomb in the market wounded four guards, according to hospital staff. "
    "Medics said nearly a dozen recruits were hurt in the stampede. "
    + "Traffic resumed along the highway after engineers cleared the debris and inspected the bridges. " * 5
    + "Local shepherds said they feared the fighting would spread to their villages before the harvest."
)


def _extraction(
    operations: Sequence[Operation] = (), casualties: Sequence[CasualtyReport] = (), claims: Sequence[Claim] = ()
) -> ArticleExtraction:
    return ArticleExtraction(
        article=ArticleMeta(id="t", source="test", chars=len(TEXT)),
        operations=list(operations),
        casualties=list(casualties),
        claims=list(claims),
        provenance=Provenance(backend="test"),
    )


def _op(quote: str, name: str | None = None, id: str = "op1") -> Operation:
    return Operation(id=id, name=name, evidence=Evidence(quote=quote))


def _cas(quote: str, phrase: str, best: int | None, id: str = "cas1", op: str | None = None) -> CasualtyReport:
    return CasualtyReport(
        id=id,
        victims=Actor(name="militants"),
        outcome=Outcome.killed,
        count=Count(phrase=phrase, low=best, best=best, high=best),
        operation_id=op,
        evidence=Evidence(quote=quote),
    )


def _claim(quote: str, claimant: str) -> Claim:
    return Claim(id="cl1", claimant=Claimant(name=claimant), content="x", evidence=Evidence(quote=quote))


@pytest.mark.parametrize(
    ("quote", "phrase", "best", "problem"),
    [
        ("the first wave killed ten militants", "ten", 10, None),
        ("the first wave killed ten militants", "10", 10, None),  # digits for a number word
        ("wounded dozens of others", "dozens", 12, None),
        ("A car bomb in the market wounded four guards", "fourteen", 14, "figure 14"),  # number not in its quote
        ("A car bomb in the market wounded four guards", "several", 3, "quantity word 'several'"),
        ("A car bomb in the market wounded four guards", "4", 40, "disagrees"),  # best not what the phrase says
        ("nearly a dozen recruits were hurt", "a dozen", 12, "says 'nearly'"),  # a qualifier dropped
        ("nearly a dozen recruits were hurt", "nearly a dozen", None, None),  # None: best from the count rules
    ],
)
def test_casualty_figure_must_be_in_its_span(quote: str, phrase: str, best: int | None, problem: str | None) -> None:
    if best is None:
        parsed = parse_count(phrase)
        assert parsed is not None
        best = parsed.best
    result = ground_extraction(_extraction(casualties=[_cas(quote, phrase, best)]), TEXT, "flag")
    item = result.casualties[0]
    if problem is None:
        assert item.grounding.status is GroundingStatus.verified, item.grounding.problems
    else:
        assert item.grounding.status is GroundingStatus.unverified
        assert any(problem in p for p in item.grounding.problems), item.grounding.problems


def test_claimant_surname_near_the_evidence_is_enough() -> None:
    quote = "the first wave killed ten militants"
    result = ground_extraction(_extraction(claims=[_claim(quote, "Gen. Karim Hadad")]), TEXT, "flag")
    assert result.claims[0].grounding.status is GroundingStatus.verified


def test_claimant_absent_from_the_neighbourhood_is_a_problem() -> None:
    quote = "Local shepherds said they feared the fighting would spread"
    assert TEXT.index(quote) - TEXT.index("Hadad") > CLAIMANT_WINDOW  # the name is in the article, but far away
    result = ground_extraction(_extraction(claims=[_claim(quote, "Brigadier General Karim Hadad")]), TEXT, "flag")
    claim = result.claims[0]
    assert claim.grounding.status is GroundingStatus.unverified
    assert "not named within" in claim.grounding.problems[0]


def test_operation_name_must_appear_in_the_text() -> None:
    quote = "Federal police launched Operation Desert Lantern on Monday"
    good, bad = _op(quote, "Desert Lantern"), _op(quote, "Iron Harvest", id="op2")
    result = ground_extraction(_extraction(operations=[good, bad]), TEXT, "flag")
    assert [o.grounding.status for o in result.operations] == [GroundingStatus.verified, GroundingStatus.unverified]
    assert "Iron Harvest" in result.operations[1].grounding.problems[0]


def test_strict_drops_and_unlinks_while_flag_keeps() -> None:
    invented = "Federal police stormed the oil refinery at dawn with tanks"
    extraction = _extraction(
        operations=[_op(invented)],
        casualties=[_cas("the first wave killed ten militants", "ten", 10, op="op1")],
    )
    strict = ground_extraction(extraction, TEXT, "strict")
    assert strict.operations == []
    assert strict.casualties[0].operation_id is None
    assert any("dropped op1" in w and "not found" in w for w in strict.warnings)
    flagged = ground_extraction(extraction, TEXT, "flag")
    assert flagged.operations[0].grounding.status is GroundingStatus.unverified
    assert flagged.operations[0].evidence.alignment is Alignment.unaligned
    assert flagged.casualties[0].operation_id == "op1"


def test_grounding_twice_gives_the_same_verdict() -> None:
    extraction = _extraction(casualties=[_cas("A car bomb in the market wounded four guards", "fourteen", 14)])
    once = ground_extraction(extraction, TEXT, "flag")
    twice = ground_extraction(once, TEXT, "flag")
    assert twice.casualties[0].grounding == once.casualties[0].grounding
    assert len(twice.casualties[0].grounding.problems) == 1


# --------------------------------------------------------------------------- through the pipeline

ARTICLE = (
    "Peshmerga units repelled an attack on a hilltop post near the village of Kani Sard on Saturday night. "
    "Two Peshmerga fighters were killed and three were wounded, the regional ministry said in a statement. "
    "Commander Dilshad Rekani said the attackers withdrew toward the river valley."
)


def _answer() -> dict[str, object]:
    return {
        "summary": "An attack on a Peshmerga post.",
        "casualties": [
            {  # real quote, real figure
                "victims": "Peshmerga fighters",
                "outcome": "killed",
                "count_phrase": "Two",
                "quote": "Two Peshmerga fighters were killed",
            },
            {  # invented quote
                "victims": "civilians",
                "outcome": "killed",
                "count_phrase": "five",
                "quote": "Five villagers were killed when a mortar round hit their home",
            },
            {  # real quote, invented count
                "victims": "Peshmerga fighters",
                "outcome": "wounded",
                "count_phrase": "thirty",
                "quote": "three were wounded, the regional ministry said",
            },
        ],
        "claims": [
            {
                "claimant": "Commander Dilshad Rekani",
                "content": "The attackers withdrew.",
                "quote": "Commander Dilshad Rekani said the attackers withdrew toward the river valley.",
            }
        ],
    }


def _run(policy: str) -> ArticleExtraction:
    backend = ScriptedBackend()
    backend.enqueue(_answer())
    article = make_article(ARTICLE, "planted.txt", {"published": "2024-05-12"})
    report = asyncio.run(run_articles([article], RunOptions(grounding=policy), backend=backend))  # type: ignore[arg-type]
    assert not report.failures, report.failures
    return report.extractions[0]


def test_pipeline_strict_keeps_invented_quote_and_count_out() -> None:
    result = _run("strict")
    assert [c.count.phrase for c in result.casualties] == ["Two"]
    kept = result.casualties[0]
    assert kept.grounding.status is GroundingStatus.verified
    assert ARTICLE[kept.evidence.start : kept.evidence.end] == "Two Peshmerga fighters were killed"
    assert kept.count.best == 2
    assert any("dropped cas2" in w and "not found" in w for w in result.warnings)
    assert any("dropped cas3" in w and "figure 30" in w for w in result.warnings)
    assert result.claims[0].grounding.status is GroundingStatus.verified


def test_pipeline_flag_marks_invented_items_unverified() -> None:
    result = _run("flag")
    statuses = {c.id: c.grounding.status for c in result.casualties}
    assert statuses == {
        "cas1": GroundingStatus.verified,
        "cas2": GroundingStatus.unverified,
        "cas3": GroundingStatus.unverified,
    }
    assert result.casualties[1].evidence.alignment is Alignment.unaligned
    assert any("figure 30" in p for p in result.casualties[2].grounding.problems)
    assert not any(w.startswith("dropped") for w in result.warnings)


def test_pronoun_attribution_reaches_further_back_for_the_claimant() -> None:
    filler = "The valley roads were closed for most of the week while convoys waited at the checkpoints. " * 5
    text = f"Analyst Rawand Sabir said the cells move at night. {filler}Smuggling routes stay open, he added."
    quote = "Smuggling routes stay open, he added."
    assert text.index(quote) - text.index("Sabir") > CLAIMANT_WINDOW
    for evidence, status in (
        (quote, GroundingStatus.verified),
        ("Smuggling routes stay open", GroundingStatus.unverified),  # without the pronoun it is too far
    ):
        claim = Claim(id="cl1", claimant=Claimant(name="Rawand Sabir"), content="x", evidence=Evidence(quote=evidence))
        assert ground_extraction(_extraction(claims=[claim]), text, "flag").claims[0].grounding.status is status


def test_a_body_is_found_by_any_of_its_gazetteer_aliases() -> None:
    text = "The terror group claimed the attack on the pumping station in a message on Telegram."
    quote = "claimed the attack on the pumping station"
    for claimant, status in (("ISIS", GroundingStatus.verified), ("Peshmerga", GroundingStatus.unverified)):
        claim = Claim(id="cl1", claimant=Claimant(name=claimant), content="x", evidence=Evidence(quote=quote))
        assert ground_extraction(_extraction(claims=[claim]), text, "flag").claims[0].grounding.status is status


def test_a_body_named_in_full_earlier_and_again_as_the_ministry_near_the_evidence_is_named() -> None:
    filler = "Fighting went on in the hills for a second day and the roads to the north stayed closed. " * 6
    text = (
        "The Ministry of Water Resources said on Monday that two dams were damaged. " + filler
        + "The ministry also said that three engineers were missing."
    )
    quote = "three engineers were missing"
    assert text.index(quote) - text.index("Water Resources") > CLAIMANT_WINDOW
    claim = Claim(id="cl1", claimant=Claimant(name="Ministry of Water Resources"), content="x",
                  evidence=Evidence(quote=quote))
    extraction = _extraction(claims=[claim]).model_copy(update={"article": ArticleMeta(id="t", source="t",
                                                                                         chars=len(text))})
    assert ground_extraction(extraction, text, "flag").claims[0].grounding.status is GroundingStatus.verified
    # with no "the ministry" near the evidence, the full name far away is not enough
    far = text.replace("The ministry also said", "Officials also said")
    assert ground_extraction(extraction, far, "flag").claims[0].grounding.status is GroundingStatus.unverified
