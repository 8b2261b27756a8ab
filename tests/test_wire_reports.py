"""Three short wire reports written for the project (``tests/data/wire_reports/``), briefed end to end.

The expected briefing was labelled by hand from the texts before the code was changed: one incident per event, every
source's figure side by side (never added), victims as the text gives them (the briefing's convention,
``summarizer/briefing_victims.py``: "people" are unspecified victims unless the text says civilians; a hospital's
"bodies" are the same victims as the police's "people"), party claims kept as claims, and group totals as the range
the sources allow (IBC/UCDP: the most conservative credible low, the largest figure any source gives as the high,
open when that figure is open-ended).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from summarizer.briefing import Briefing, BriefingInput, Citation, FigureReport, _reconcile_reports, build_briefing
from summarizer.models import ActorCategory, Outcome
from summarizer.pipeline import RunOptions, extract_paths
from summarizer.render.markdown import render

WIRES = Path(__file__).parent / "data" / "wire_reports"

# (date, victims' category, outcome) -> (low, high, number of reports, sources that are a party's claim)
EXPECTED = {
    # Base attack: the army's own toll (3), an anonymous security source (9), ISWAP's claim (20).
    (dt.date(2025, 6, 4), ActorCategory.state_forces, Outcome.killed): (3, 20, 3, 1),
    # Restaurant bombing: police "at least 12", hospital 19 bodies, al-Shabaab's claim "more than 30" (open).
    (dt.date(2025, 6, 13), ActorCategory.other, Outcome.killed): (12, None, 3, 1),
    # ... hospital 41 wounded, an ambulance service's 35 injured.
    (dt.date(2025, 6, 13), ActorCategory.other, Outcome.wounded): (35, 41, 2, 0),
    # SDF raid: the SDF's own figure of ISIS dead (2, a party's claim) and a monitor's 4.
    (dt.date(2025, 6, 19), ActorCategory.militant_group, Outcome.killed): (4, 4, 2, 1),
    # ... three captured, by the SDF only (its claim is the only source).
    (dt.date(2025, 6, 19), ActorCategory.militant_group, Outcome.captured): (3, 3, 1, 1),
}


@pytest.fixture(scope="module")
def briefing() -> Briefing:
    report = extract_paths([WIRES], RunOptions())
    assert not report.failures
    return build_briefing(BriefingInput.from_report(report))


def test_one_incident_per_event_with_every_figure_side_by_side(briefing: Briefing) -> None:
    current = [i for i in briefing.incidents if not i.background]
    assert len(current) == 3
    got = {
        (i.date_start, f.category, f.outcome): (f.low, f.high, len(f.reports), sum(r.enemy_claim for r in f.reports))
        for i in current for f in i.figures
    }
    assert got == EXPECTED


def test_each_incident_is_one_event_on_one_day(briefing: Briefing) -> None:
    for incident in briefing.incidents:
        assert incident.date_start is not None and incident.date_start == incident.date_end
        assert incident.corroboration == 1


def test_totals_are_the_ranges_the_sources_allow(briefing: Briefing) -> None:
    totals = {(t.category, t.outcome): (t.low, t.high) for t in briefing.totals}
    assert totals == {
        (ActorCategory.state_forces, Outcome.killed): (3, 20),
        (ActorCategory.other, Outcome.killed): (12, None),
        (ActorCategory.other, Outcome.wounded): (35, 41),
        (ActorCategory.militant_group, Outcome.killed): (4, 4),
        (ActorCategory.militant_group, Outcome.captured): (3, 3),
    }


def test_a_party_claim_is_shown_as_its_claim(briefing: Briefing) -> None:
    md = render(briefing)
    assert "ISWAP: claim" in md and "Al-Shabaab: claim" in md
    claims = [r for i in briefing.incidents for f in i.figures for r in f.reports if r.enemy_claim]
    assert {r.party for r in claims} == {"ISWAP", "al-Shabaab", "Syrian Democratic Forces"}


def test_the_bottom_line_shows_one_line_per_event_with_the_claim_last(briefing: Briefing) -> None:
    md = render(briefing)
    bluf = md.split("## Bottom line up front")[1].split("## Operations")[0]
    events = [line for line in bluf.splitlines() if line.startswith("- 2025-")]
    assert len(events) == 3
    bombing = next(line for line in events if "bombing" in line)
    # compatible independent figures are alternatives ("or"); the perpetrator's claim is set against them ("vs")
    assert re.search(r"at least 12 \(.*Police spokesman\) \S+ or 19 \(.*hospital\) \S+ vs at least 31 "
                     r"\(Al-Shabaab: claim\)", bombing)


def test_an_open_figure_at_a_stated_one_leaves_the_stated_one_the_largest() -> None:
    def report(low: int, high: int | None, n: int) -> FigureReport:
        return FigureReport(low=low, best=low, high=high, phrase=str(low), source="s",
                            cite=Citation(n=n, item_id="cas1", quote=str(low)))

    # "five wounded" and "at least five wounded": 5..5; "more than 30" above a stated 19 stays open
    assert _reconcile_reports([report(5, 5, 1), report(5, None, 2)]).high == 5
    assert _reconcile_reports([report(19, 19, 1), report(31, None, 2)]).high is None
