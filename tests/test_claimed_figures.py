"""A figure told in a party's claim is that party's claim in the briefing (``summarizer/claimed_figures.py``).
Sentences written for the tests."""

from __future__ import annotations

from summarizer.articles import make_article
from summarizer.briefing import BriefingInput, build_briefing
from summarizer.claimed_figures import claimed_sources
from summarizer.models import Actor, ActorCategory, Claimant, ClaimKind

from .test_briefing import ARMY, DIBIS, cas, claim, day, extraction

TEXT = ("Militants stormed an army post in Dibis on Monday. The army said three soldiers were killed. "
        "The statement said the group's fighters killed 20 soldiers.")
GROUP = Actor(name="the group", canonical="ISIS", category=ActorCategory.militant_group)


def _source() -> BriefingInput:
    art = make_article(TEXT, "claim.txt", {"published": "2025-03-11"})
    ex = extraction(art, casualties=[
        cas(TEXT, "cas1", "The army said three soldiers were killed", ARMY, "three", 3, 3, 3, place=DIBIS,
            date=day("2025-03-10", "on Monday"), by="The army"),
        cas(TEXT, "cas2", "the group's fighters killed 20 soldiers", ARMY, "20", 20, 20, 20, place=DIBIS,
            date=day("2025-03-10", "on Monday"), by="The statement"),
    ], claims=[claim(TEXT, "cl1", "The statement said the group's fighters killed 20 soldiers", "ISIS",
                     ClaimKind.casualty_figure, "the group's fighters killed 20 soldiers")])
    ex.casualties[0].reported_by = Claimant(name="The army", affiliation=ARMY)
    ex.claims[0].claimant = Claimant(name="ISIS", affiliation=GROUP)
    return BriefingInput([ex], {art.id: art})


def test_a_figure_credited_to_a_document_takes_the_claimant_of_its_claim() -> None:
    [ex] = _source().extractions
    found = claimed_sources(ex)
    assert list(found) == ["cas2"]  # the army's own figure already speaks for a party
    source = found["cas2"].reported_by
    assert source is not None and source.affiliation is not None and source.affiliation.canonical == "ISIS"
    assert ex.casualties[1].reported_by is not None and ex.casualties[1].reported_by.name == "The statement"


def test_the_attackers_claim_does_not_raise_the_best_estimate() -> None:
    b = build_briefing(_source())
    [group] = [f for i in b.incidents for f in i.figures]
    assert [r.enemy_claim for r in group.reports] == [False, True]
    assert (group.low, group.best, group.high) == (3, 3, 20)
