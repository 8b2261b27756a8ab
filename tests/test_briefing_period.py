"""Honest totals: every incident of the period counted once, recent context included, old context and words out.

Every article here is written for these tests; extractions are built in code.
"""

from __future__ import annotations

import datetime as dt

from summarizer.articles import make_article
from summarizer.briefing import BriefingInput, build_briefing
from summarizer.models import Actor, ActorCategory, Claimant, Outcome
from summarizer.render.markdown import render

from .test_briefing import ARMY, CIVS, DIBIS, ISIS, MAKHMOUR, cas, check_markdown, day, extraction, quote_index

TEXT = (
    "Troops killed five militants in Dibis on Monday, the army said. The raid came after militants killed three "
    "civilians near Makhmour on Saturday. In 2019, a bombing in the same market killed 40 soldiers. "
    "Officials said 200 soldiers have been killed since 2014. Troops also killed a number of militants."
)
PUBLISHED = "2025-05-13"  # a Tuesday


def _source() -> BriefingInput:
    art = make_article(TEXT, "period.txt", {"outlet": "Test Desk", "published": PUBLISHED})
    ex = extraction(art, casualties=[
        cas(TEXT, "cas1", "Troops killed five militants in Dibis on Monday", ISIS, "five", 5, 5, 5,
            place=DIBIS, date=day("2025-05-12", "on Monday")),
        cas(TEXT, "cas2", "militants killed three civilians near Makhmour on Saturday", CIVS, "three", 3, 3, 3,
            place=MAKHMOUR, date=day("2025-05-10", "on Saturday"), background=True),
        cas(TEXT, "cas3", "In 2019, a bombing in the same market killed 40 soldiers", ARMY, "40", 40, 40, 40,
            date=day("2019-01-01", "In 2019"), background=True),
        cas(TEXT, "cas4", "Officials said 200 soldiers have been killed since 2014", ARMY, "200", 200, 200, 200,
            date=day("2014-01-01", "since 2014"), background=True),
        cas(TEXT, "cas5", "Troops also killed a number of militants", ISIS, "a number of", 3, 3, None),
    ])
    ex.casualties[4].count.rule = "several"
    return BriefingInput([ex], {art.id: art})


def test_recent_context_is_counted_and_old_context_is_not() -> None:
    b = build_briefing(_source())
    totals = {(t.victims, t.outcome): t for t in b.totals}
    assert totals[("Civilians", Outcome.killed)].best == 3  # told as context, but two days before: in the period
    assert ("Iraqi Army", Outcome.killed) not in totals  # 2019 and a tally since 2014: outside, never counted
    assert b.period_start == dt.date(2025, 5, 10)


def test_a_figure_in_words_is_shown_in_words_and_adds_nothing() -> None:
    source = _source()
    b = build_briefing(source)
    isis = next(t for t in b.totals if t.victims == "ISIS")
    assert (isis.low, isis.best) == (5, 5) and [w.phrase for w in isis.in_words] == ["a number of"]
    md = render(b)
    bluf = md.split("## Bottom line up front")[1].split("## Operations")[0]
    assert "“a number of”" in bluf and "at least 3" not in bluf
    assert check_markdown(md, quote_index(source, b)) > 0  # every number in the briefing is in its cited quote


def test_a_party_claim_never_sets_the_low_unless_it_is_the_only_source() -> None:
    text = "The group said it killed 30 soldiers in Dibis on Monday. The army said four soldiers died in Dibis."
    art = make_article(text, "claim.txt", {"outlet": "Test Desk", "published": PUBLISHED})
    group = Actor(name="the group", canonical="ISIS", category=ActorCategory.militant_group)
    claim = cas(text, "cas1", "The group said it killed 30 soldiers in Dibis on Monday", ARMY, "30", 30, 30, 30,
                place=DIBIS, date=day("2025-05-12", "on Monday"), perpetrator=group)
    claim.reported_by = Claimant(name="The group", affiliation=group)
    army = cas(text, "cas2", "The army said four soldiers died in Dibis", ARMY, "four", 4, 4, 4, place=DIBIS,
               date=day("2025-05-12", "on Monday"), by="army")
    b = build_briefing(BriefingInput([extraction(art, casualties=[claim, army])], {art.id: art}))
    fig = b.incidents[0].figures[0]
    assert (fig.low, fig.best, fig.high) == (4, 4, 30) and fig.conflict and not fig.claim_only
    assert [r.enemy_claim for r in fig.reports] == [True, False]
    alone = build_briefing(BriefingInput([extraction(art, casualties=[claim])], {art.id: art}))
    only = alone.incidents[0].figures[0]
    assert (only.low, only.high) == (30, 30) and only.claim_only
    assert "only a party's claim" in render(alone)
