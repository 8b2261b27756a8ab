"""The briefing: reconciliation across articles, traceable figures, totals, escaping, renderers.

Synthetic articles are written for these tests; only the seed test reads ``seeds/`` (through the pipeline).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summarizer.articles import Article, clean_view, make_article
from summarizer.briefing import Briefing, BriefingInput, briefing_from_store, build_briefing
from summarizer.cli import app
from summarizer.counts import find_counts
from summarizer.models import (
    Actor,
    ActorCategory,
    Alignment,
    ArticleExtraction,
    CasualtyReport,
    Claim,
    Claimant,
    ClaimKind,
    Count,
    DatePrecision,
    EventDate,
    Evidence,
    Grounding,
    GroundingStatus,
    Operation,
    OperationKind,
    OperationStatus,
    Outcome,
    Place,
    Provenance,
)
from summarizer.pipeline import ArticleFailure, RunOptions, extract_paths
from summarizer.render.documents import render_briefing
from summarizer.store import Store

from .conftest import SEEDS

GOLDEN = Path(__file__).parent / "data" / "briefing"
UPDATE_GOLDEN = os.environ.get("UPDATE_GOLDEN") == "1"

# --------------------------------------------------------------------------- synthetic builders

ISIS = Actor(name="militants", canonical="ISIS", category=ActorCategory.militant_group)
PESH = Actor(name="Peshmerga fighters", canonical="Peshmerga", category=ActorCategory.kurdish_forces)
ARMY = Actor(name="soldiers", canonical="Iraqi Army", category=ActorCategory.state_forces)
CIVS = Actor(name="civilians", canonical="Civilians", category=ActorCategory.civilians)
MAKHMOUR = Place(name="Makhmour", canonical="Makhmour", admin1="IQ-AR", admin1_name="Erbil", country="IQ")
DIBIS = Place(name="Dibis", canonical="Dibis", admin1="IQ-KI", admin1_name="Kirkuk", country="IQ")
ANBAR = Place(name="Anbar", canonical="Anbar", admin1="IQ-AN", admin1_name="Anbar", country="IQ")


def ev(text: str, quote: str) -> Evidence:
    start = text.index(quote)
    return Evidence(quote=quote, start=start, end=start + len(quote), alignment=Alignment.exact)


def day(value: str | None, phrase: str = "on Thursday") -> EventDate:
    if value is None:
        return EventDate(phrase=phrase)
    return EventDate(phrase=phrase, start=dt.date.fromisoformat(value), end=dt.date.fromisoformat(value),
                     precision=DatePrecision.day)


def ok() -> Grounding:
    return Grounding(status=GroundingStatus.verified)


def cas(text: str, item_id: str, quote: str, victims: Actor, phrase: str, low: int | None, best: int | None,
        high: int | None, *, outcome: Outcome = Outcome.killed, place: Place | None = None,
        date: EventDate | None = None,
        perpetrator: Actor | None = None, by: str | None = None, role: str | None = None, background: bool = False,
        grounding: Grounding | None = None, operation_id: str | None = None) -> CasualtyReport:
    return CasualtyReport(
        id=item_id, victims=victims, outcome=outcome, count=Count(phrase=phrase, low=low, best=best, high=high),
        perpetrator=perpetrator, place=place, date=date, reported_by=Claimant(name=by, role=role) if by else None,
        operation_id=operation_id, background=background, evidence=ev(text, quote), grounding=grounding or ok(),
    )


def op(text: str, item_id: str, quote: str, kind: OperationKind, *, name: str | None = None, phase: str | None = None,
       by: list[Actor] | None = None, against: list[Actor] | None = None, places: list[Place] | None = None,
       date: EventDate | None = None, status: OperationStatus = OperationStatus.launched) -> Operation:
    return Operation(id=item_id, name=name, phase=phase, kind=kind, status=status, by=by or [], against=against or [],
                     places=places or [], date=date, summary="", evidence=ev(text, quote), grounding=ok())


def claim(text: str, item_id: str, quote: str, who: str, kind: ClaimKind, content: str, *, role: str | None = None,
          direct: str | None = None) -> Claim:
    return Claim(id=item_id, claimant=Claimant(name=who, role=role), kind=kind, content=content, quote=direct,
                 evidence=ev(text, quote), grounding=ok())


def extraction(article: Article, operations: list[Operation] = (), casualties: list[CasualtyReport] = (),  # type: ignore[assignment]
               claims: list[Claim] = ()) -> ArticleExtraction:  # type: ignore[assignment]
    return ArticleExtraction(article=article.meta, operations=list(operations), casualties=list(casualties),
                             claims=list(claims), provenance=Provenance(backend="scripted", model="test-model",
                                                                        prompt_version="extract-v1"))


TEXT_A = (
    "Militants attacked a Peshmerga position near Makhmour on Thursday, killing 10 Peshmerga fighters, the Peshmerga "
    "ministry said. Three civilians were also killed in the attack. A local official said 50 soldiers died, a figure "
    "nobody else reported."
)
TEXT_B = (
    "The Islamic State claimed responsibility on Telegram for Thursday's attack near Makhmour, saying its fighters "
    "killed 13 Peshmerga. Peshmerga spokesman Karwan Aziz said: \"We will answer this attack.\""
)
TEXT_C = "A year earlier, militants killed 10 Peshmerga fighters near Makhmour on Thursday in a similar night attack."
TEXT_D = (
    "Iraqi forces began the second phase of Operation Desert Shield in Anbar on Sunday, the Defense Ministry said, "
    "killing at least 4 militants. On Tuesday night gunmen killed two soldiers in Dibis."
)


def synthetic() -> BriefingInput:
    """Four articles: one incident told by two (with an ISIS claim), its twin a year earlier, and another story."""
    a = make_article(TEXT_A, "wire/a.txt", {"outlet": "Kurdistan Wire", "title": "Attack near Makhmour",
                                            "published": "2024-03-08"})
    b = make_article(TEXT_B, "wire/b.txt", {"outlet": "Baghdad Daily", "published": "2024-03-09"})
    c = make_article(TEXT_C, "wire/c.txt", {"outlet": "Kurdistan Wire", "published": "2023-03-10"})
    d = make_article(TEXT_D, "wire/d.txt", {"outlet": "Anbar Today", "published": "2024-03-12"})
    thursday = day("2024-03-07")
    ex_a = extraction(a, [
        op(TEXT_A, "op1", "Militants attacked a Peshmerga position near Makhmour on Thursday", OperationKind.attack,
           by=[ISIS], against=[PESH], places=[MAKHMOUR], date=thursday, status=OperationStatus.completed),
    ], [
        cas(TEXT_A, "cas1", "killing 10 Peshmerga fighters, the Peshmerga ministry said", PESH, "10", 10, 10, 10,
            place=MAKHMOUR, date=thursday, perpetrator=ISIS, by="Peshmerga ministry", operation_id="op1"),
        cas(TEXT_A, "cas2", "Three civilians were also killed in the attack", CIVS, "Three", 3, 3, 3,
            place=MAKHMOUR, date=thursday, perpetrator=ISIS, operation_id="op1"),
        cas(TEXT_A, "cas3", "A local official said 50 soldiers died", ARMY, "50", 50, 50, 50, place=MAKHMOUR,
            date=thursday, grounding=Grounding(status=GroundingStatus.unverified,
                                               problems=["no other source; victims not supported"])),
    ])
    ex_b = extraction(b, [
        op(TEXT_B, "op1", "Thursday's attack near Makhmour", OperationKind.attack, by=[ISIS], against=[PESH],
           places=[MAKHMOUR], date=thursday, status=OperationStatus.completed),
    ], [
        cas(TEXT_B, "cas1", "saying its fighters killed 13 Peshmerga", PESH, "13", 13, 13, 13, place=MAKHMOUR,
            date=day("2024-03-07", "Thursday's"), perpetrator=ISIS, by="ISIS", role="claim via Telegram"),
    ], [
        claim(TEXT_B, "cl1", "The Islamic State claimed responsibility on Telegram for Thursday's attack near Makhmour",
              "Islamic State", ClaimKind.responsibility, "ISIS claimed the Thursday attack near Makhmour."),
        claim(TEXT_B, "cl2", "Peshmerga spokesman Karwan Aziz said: \"We will answer this attack.\"", "Karwan Aziz",
              ClaimKind.statement, "The Peshmerga will respond.", role="Peshmerga spokesman",
              direct="We will answer this attack."),
    ])
    ex_c = extraction(c, [], [
        cas(TEXT_C, "cas1", "militants killed 10 Peshmerga fighters near Makhmour on Thursday", PESH, "10", 10, 10, 10,
            place=MAKHMOUR, date=day("2023-03-09"), perpetrator=ISIS),
    ])
    sunday, tuesday = day("2024-03-10", "on Sunday"), day("2024-03-12", "On Tuesday night")
    ex_d = extraction(d, [
        op(TEXT_D, "op1", "Iraqi forces began the second phase of Operation Desert Shield in Anbar on Sunday",
           OperationKind.operation, name="Desert Shield", phase="second phase", by=[ARMY], against=[ISIS],
           places=[ANBAR], date=sunday),
    ], [
        cas(TEXT_D, "cas1", "killing at least 4 militants", ISIS, "at least 4", 4, 4, None, place=ANBAR, date=sunday,
            perpetrator=ARMY, by="Defense Ministry", operation_id="op1"),
        cas(TEXT_D, "cas2", "On Tuesday night gunmen killed two soldiers in Dibis", ARMY, "two", 2, 2, 2, place=DIBIS,
            date=tuesday, perpetrator=ISIS),
    ], [
        claim(TEXT_D, "cl1", "the Defense Ministry said, killing at least 4 militants", "Defense Ministry",
              ClaimKind.casualty_figure, "The ministry said at least 4 militants were killed."),
    ])
    return BriefingInput(
        [ex_a, ex_b, ex_c, ex_d], {x.id: x for x in (a, b, c, d)},
        [ArticleFailure("wire/e.txt", "the article is empty")],
    )


# --------------------------------------------------------------------------- tracing numbers to quotes

_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12,
}
_CITE = re.compile(r"\[(\d+):([^\]]+)\]\(#src-(\d+)\)")


def quote_numbers(quote: str) -> set[int]:
    """Every number a quote states: digits, number words, and the low/best/high that the project's one count
    rule table (``summarizer.counts``) reads from its phrases ("over 100" -> 101, "a number of" -> 3)."""
    text = quote.replace(",", "")
    values = {int(m) for m in re.findall(r"\d+", text)}
    for tens, unit in re.findall(r"(?i)\b(twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[- ](\w+)", text):
        if unit.lower() in _WORDS:
            values.add(_WORDS[tens.lower()] + _WORDS[unit.lower()])
    values |= {_WORDS[w.lower()] for w in re.findall(r"(?i)\b[a-z]+\b", text) if w.lower() in _WORDS}
    for match in (*find_counts(quote), *find_counts(clean_view(quote).text)):  # "over100" is glued in the text
        values |= {v for v in (match.count.low, match.count.best, match.count.high) if v is not None}
    return values


def supported(n: int, quote: str) -> bool:
    """N is stated by the quote (see :func:`quote_numbers`)."""
    return n in quote_numbers(quote)


def quote_index(source: BriefingInput, briefing: Briefing) -> dict[str, str]:
    """``n:item`` -> the item's evidence quote, read from the extractions themselves (not from the briefing)."""
    by_id = {e.article.id: e for e in source.extractions}
    out = {}
    for s in briefing.sources:
        ex = by_id[s.article_id]
        for item in (*ex.operations, *ex.casualties, *ex.claims):
            out[f"{s.n}:{item.id}"] = item.evidence.quote
    return out


def _section(md: str, title: str) -> list[str]:
    lines = md.splitlines()
    try:
        start = lines.index(f"## {title}")
    except ValueError:
        return []
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")), len(lines))
    return lines[start + 1:end]


def _cells(row: str) -> list[str]:
    return [c.strip() for c in re.split(r"(?<!\\)\|", row.strip())[1:-1]]


def _rows(lines: list[str]) -> list[list[str]]:
    return [_cells(x) for x in lines if x.startswith("| ") and not x.startswith("| ---")][1:]


def _mark(text: str) -> str:
    """Citations -> ``⟦n:item⟧`` tokens; dates and parenthesised labels removed (not figures)."""
    text = _CITE.sub(lambda m: f"⟦{m.group(1)}:{m.group(2).replace(chr(92), '')}⟧", text)
    text = re.sub(r"\d{4}-\d{2}-\d{2}", " ", text)
    text = re.sub(r"(?<=\d),(?=\d{3}\b)", "", text)  # 3,000
    # Labels in parentheses (a source, a province, a perpetrator) are not figures; a sum "(10 [c] + 3 [c])" is.
    return re.sub(r"\([^()⟦]*\)", " ", text)


def check_numbers(text: str, quotes: dict[str, str]) -> int:
    """Every number in ``text`` is found in the quote of the next citation; ``N (a [c] + b [c])`` sums check out."""
    text = _mark(text)
    checked = 0
    for m in re.finditer(r"(\d+) \(((?:\d+ ⟦[^⟧]+⟧(?: \+ )?)+)\)", text):
        parts = [int(x) for x in re.findall(r"(\d+) ⟦", m.group(2))]
        assert int(m.group(1)) == sum(parts), f"sum {m.group(0)!r} does not add up"
        checked += 1
    text = re.sub(r"(\d+) (\((?:\d+ ⟦[^⟧]+⟧(?: \+ )?)+\))", r"\2", text)
    for m in re.finditer(r"(?<![\w⟦:])\d+(?![\w⟧])", text):
        nxt = re.search(r"⟦([^⟧]+)⟧", text[m.end():])
        assert nxt, f"number {m.group(0)} in {text!r} has no citation after it"
        quote = quotes[nxt.group(1)]
        assert supported(int(m.group(0)), quote), f"{m.group(0)} is not in the cited quote {quote!r}"
        checked += 1
    return checked


def check_markdown(md: str, quotes: dict[str, str]) -> int:
    """Parse the briefing mechanically and trace every figure to its quote; returns how many were checked."""
    checked = 0
    for line in _section(md, "Bottom line up front"):
        if line.startswith("- "):
            checked += check_numbers(line, quotes)
    for row in _rows(_section(md, "Casualties by incident")):
        low, best, high, figures = row[6], row[7], row[8], row[9]
        keys = re.findall(r"⟦([^⟧]+)⟧", _mark(figures))
        for value in (low, best, high):
            if value.isdigit():
                assert any(supported(int(value), quotes[k]) for k in keys), f"{value} not in any quote of {keys}"
                checked += 1
        for part in re.findall(r".*?\[\d+:[^\]]+\]\(#src-\d+\)", figures):  # one report per citation
            checked += check_numbers(part, quotes)
    for row in _rows(_section(md, "Casualties by group")):
        best, parts = int(row[4]), _mark(row[6])
        added, _, left = parts.partition("; not added: ")  # a tally's overlap: listed, not summed
        components = re.findall(r"I\d+\s+(\d+) ⟦([^⟧]+)⟧", added)
        assert sum(int(v) for v, _ in components) == best, row
        for value, key in components + re.findall(r"I\d+\s+(\d+) ⟦([^⟧]+)⟧", left):
            assert supported(int(value), quotes[key]), (value, quotes[key])
            checked += 1
    for line in _section(md, "Claims by claimant"):
        if line.startswith("| ") and "⟦" in _mark(line):
            cells = _cells(line)
            checked += check_numbers(" ".join(cells[1:3]) + " " + cells[3], quotes)
    return checked


# --------------------------------------------------------------------------- reconciliation


def test_one_incident_told_by_two_articles_is_one_cluster_with_the_conflict_shown() -> None:
    b = build_briefing(synthetic())
    thursday = dt.date(2024, 3, 7)
    pesh = [(i, f) for i in b.incidents for f in i.figures if f.victims == "Peshmerga" and i.date_start == thursday]
    assert len(pesh) == 1
    incident, fig = pesh[0]
    assert incident.corroboration == 2
    assert fig.conflict and sorted(r.best for r in fig.reports) == [10, 13]
    assert {r.source for r in fig.reports} == {"Peshmerga ministry", "ISIS, claim via Telegram"}
    assert (fig.low, fig.best, fig.high) == (10, 10, 13)
    # The civilians of the same attack belong to the same incident, not to a new one.
    assert {f.victims for f in incident.figures} == {"Peshmerga", "Civilians"}
    md = render_briefing(b, "md", synthetic())
    assert "10 “10” (Peshmerga ministry) [1:cas1](#src-1) vs 13 “13” (ISIS, claim via Telegram) [2:cas1](#src-2)" in md


def test_similar_incidents_in_different_years_stay_apart() -> None:
    b = build_briefing(synthetic())
    makhmour_pesh = [i for i in b.incidents if any(f.victims == "Peshmerga" for f in i.figures)]
    assert sorted(str(i.date_start) for i in makhmour_pesh) == ["2023-03-09", "2024-03-07"]
    total = next(t for t in b.totals if t.victims == "Peshmerga" and t.outcome == Outcome.killed)
    assert total.best == 20 and len(total.components) == 2  # 10 (2024, conservative) + 10 (2023), not 33


def test_undated_reports_only_merge_when_everything_else_agrees() -> None:
    text1 = "Gunmen killed two soldiers in Dibis on Tuesday night."
    text2 = "Two soldiers were killed in Dibis on Tuesday, police said."
    text3 = "Gunmen killed two soldiers near Makhmour on Tuesday."
    arts = [make_article(t, f"u{i}.txt", {"outlet": f"Outlet {i}"}) for i, t in enumerate((text1, text2, text3))]
    exs = [
        extraction(arts[0], casualties=[cas(text1, "cas1", text1, ARMY, "two", 2, 2, 2, place=DIBIS,
                                            date=day(None, "on Tuesday night"))]),
        extraction(arts[1], casualties=[cas(text2, "cas1", text2, ARMY, "Two", 2, 2, 2, place=DIBIS,
                                            date=day(None, "on Tuesday"), by="police")]),
        extraction(arts[2], casualties=[cas(text3, "cas1", text3, ARMY, "two", 2, 2, 2, place=MAKHMOUR,
                                            date=day(None, "on Tuesday"))]),
    ]
    b = build_briefing(BriefingInput(exs, {a.id: a for a in arts}))
    assert sorted(i.corroboration for i in b.incidents) == [1, 2]  # Dibis x2 merge; Makhmour (other province) apart
    # Different weekdays veto a merge even at the same place.
    text4 = "Gunmen killed two soldiers in Dibis on Friday."
    art4 = make_article(text4, "u4.txt", {})
    ex4 = extraction(art4, casualties=[cas(text4, "cas1", text4, ARMY, "two", 2, 2, 2, place=DIBIS,
                                           date=day(None, "on Friday"))])
    b = build_briefing(BriefingInput([exs[0], ex4], {}))
    assert len(b.incidents) == 2


def test_named_operation_reported_twice_is_one_operation() -> None:
    t1 = "The army launched Operation Desert Shield in Anbar on Sunday."
    t2 = "Operation \u201cDesert Shield\u201d continued in the Anbar desert."
    a1 = make_article(t1, "o1.txt", {"published": "2024-03-10"})
    a2 = make_article(t2, "o2.txt", {"published": "2024-03-11"})
    exs = [
        extraction(a1, [op(t1, "op1", t1, OperationKind.operation, name="Desert Shield", places=[ANBAR],
                           date=day("2024-03-10", "on Sunday"))]),
        extraction(a2, [op(t2, "op1", t2, OperationKind.operation, name="\u201cDesert Shield\u201d", places=[ANBAR])]),
    ]
    b = build_briefing(BriefingInput(exs, {}))
    assert len(b.operations) == 1 and b.operations[0].corroboration == 2
    # Unnamed and undated: one attack when kind, place and weekday agree; another weekday is another attack.
    t3 = ("On Thursday militants attacked Makhmour. The Thursday attack on Makhmour villages was claimed. "
          "On Friday Makhmour.")
    a3 = make_article(t3, "o3.txt", {})
    ops = [op(t3, f"op{i}", q, OperationKind.attack, by=[ISIS], places=[MAKHMOUR], date=day(None, w))
           for i, (q, w) in enumerate([("On Thursday militants attacked Makhmour", "On Thursday"),
                                       ("The Thursday attack on Makhmour villages", "Thursday"),
                                       ("On Friday Makhmour", "On Friday")], 1)]
    b = build_briefing(BriefingInput([extraction(a3, ops)], {}))
    assert sorted(len(o.cites) for o in b.operations) == [1, 2]


# --------------------------------------------------------------------------- grounding, totals, filters


def test_unverified_items_never_reach_totals_or_the_bottom_line() -> None:
    source = synthetic()
    b = build_briefing(source)
    assert all(f.victims != "Iraqi Army" or i.date_start != dt.date(2024, 3, 7) for i in b.incidents for f in i.figures)
    army = next(t for t in b.totals if t.victims == "Iraqi Army")
    assert army.best == 2  # only the verified Dibis figure, not the unverified 50
    assert [u.cite.key for u in b.unverified] == ["1:cas3"]
    md = render_briefing(b, "md", source)
    bluf = "\n".join(_section(md, "Bottom line up front"))
    assert "50" not in bluf
    unverified = "\n".join(_section(md, "Unverified items (not stated as fact)"))
    assert "50 Iraqi Army killed" in unverified and "unverified" in unverified


def test_every_number_in_the_synthetic_markdown_is_in_its_cited_quote() -> None:
    source = synthetic()
    b = build_briefing(source)
    md = render_briefing(b, "md", source)
    assert check_markdown(md, quote_index(source, b)) >= 15


def test_the_number_checker_catches_an_invented_figure() -> None:
    quotes = {"1:cas1": "killing 10 Peshmerga fighters"}
    with pytest.raises(AssertionError):
        check_numbers("Peshmerga 14 [1:cas1](#src-1)", quotes)
    with pytest.raises(AssertionError):
        check_numbers("Peshmerga 14 (10 [1:cas1](#src-1) + 3 [1:cas1](#src-1))", quotes)
    assert check_numbers("Peshmerga 10 [1:cas1](#src-1)", quotes) == 1


def test_every_number_in_the_seed_briefing_is_in_its_cited_quote() -> None:
    report = extract_paths([SEEDS], RunOptions())
    source = BriefingInput.from_report(report)
    b = build_briefing(source)
    md = render_briefing(b, "md", source)
    figures = sum(len(f.reports) for i in b.incidents for f in i.figures)
    checked = check_markdown(md, quote_index(source, b))
    assert checked >= figures  # at least one traced number per reported figure
    assert len(b.sources) == 5


def test_since_until_filter_by_event_date_then_publication_date_and_keep_undated() -> None:
    source = synthetic()
    b = build_briefing(source, since=dt.date(2024, 3, 9), until=dt.date(2024, 3, 31))
    dates = {i.date_start for i in b.incidents}
    assert dates == {dt.date(2024, 3, 10), dt.date(2024, 3, 12)}
    assert b.period_start is not None and b.period_start >= dt.date(2024, 3, 8)
    text = "Gunmen killed two soldiers in Dibis."
    art = make_article(text, "nodate.txt", {})
    undated = extraction(art, casualties=[cas(text, "cas1", text, ARMY, "two", 2, 2, 2, place=DIBIS)])
    b = build_briefing(BriefingInput([undated], {}), since=dt.date(2024, 1, 1))
    assert len(b.incidents) == 1 and any("kept" in n for n in b.notes)


def test_background_incidents_are_listed_but_not_totalled() -> None:
    text = "Twenty-two Kurdish soldiers have been killed since November 27. On Sunday ISIS killed four Peshmerga."
    art = make_article(text, "bg.txt", {"published": "2024-03-12"})
    ex = extraction(art, casualties=[
        cas(text, "cas1", "Twenty-two Kurdish soldiers have been killed since November 27", PESH, "Twenty-two", 22, 22,
            22, background=True, date=day(None, "since November 27")),
        cas(text, "cas2", "On Sunday ISIS killed four Peshmerga", PESH, "four", 4, 4, 4,
            date=day("2024-03-10", "On Sunday"),
            perpetrator=ISIS),
    ])
    b = build_briefing(BriefingInput([ex], {}))
    assert len(b.incidents) == 2 and sum(i.background for i in b.incidents) == 1
    assert next(t for t in b.totals if t.victims == "Peshmerga").best == 4


def test_sources_engines_period_and_failures_are_listed() -> None:
    source = synthetic()
    b = build_briefing(source)
    assert [s.label for s in b.sources] == ["Kurdistan Wire", "Baghdad Daily", "Kurdistan Wire", "Anbar Today"]
    assert b.engines == ["scripted / test-model / prompt extract-v1"]
    assert (b.period_start, b.period_end) == (dt.date(2023, 3, 9), dt.date(2024, 3, 12))
    md = render_briefing(b, "md", source)
    assert "- wire/e.txt: the article is empty" in md
    claimants = {g.claimant: g for g in b.claimants}
    assert claimants["ISIS"].claims[0].kind == ClaimKind.responsibility  # "Islamic State" shown canonically
    assert "“We will answer this attack.”" in md


# --------------------------------------------------------------------------- golden file and formats


def test_markdown_matches_the_golden_file() -> None:
    source = synthetic()
    md = render_briefing(build_briefing(source), "md", source)
    path = GOLDEN / "synthetic.md"
    if UPDATE_GOLDEN:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(md, encoding="utf-8")
    assert md == path.read_text(encoding="utf-8"), "briefing changed: review, then rerun with UPDATE_GOLDEN=1"


def test_json_round_trips_to_the_model() -> None:
    source = synthetic()
    b = build_briefing(source)
    again = Briefing.model_validate_json(render_briefing(b, "json", source))
    assert again == b


def test_figures_csv_has_one_row_per_figure() -> None:
    source = synthetic()
    b = build_briefing(source)
    rows = list(csv.DictReader(io.StringIO(render_briefing(b, "figures-csv", source))))
    figures = [r for r in rows if r["outcome"]]
    assert len(figures) == sum(len(f.reports) for i in b.incidents for f in i.figures)
    row = next(r for r in figures if r["source"] == "ISIS, claim via Telegram")
    assert (row["event_date"], row["actor1"], row["actor2"], row["admin1"], row["fatalities_best"]) == (
        "2024-03-07", "ISIS", "Peshmerga", "IQ-AR", "13")
    assert row["source_quote"] == "saying its fighters killed 13 Peshmerga"
    civ = next(r for r in figures if r["actor2"] == "Civilians")
    assert (civ["event_type"], civ["sub_event_type"]) == ("Violence against civilians", "Attack")
    assert civ["fatalities_best"] == "3"
    assert civ["location"] == "Makhmour" and civ["country"] == "IQ"


# --------------------------------------------------------------------------- escaping

NASTY = "Op | <script>document.title='pwned'</script> [x](javascript:alert(1)) *bold* _u_ `code`\nnext line"


def nasty_input() -> BriefingInput:
    text = f"Officials said: {NASTY}. Militants killed 3 civilians in Dibis on Sunday."
    art = make_article(text, "nasty.txt", {"outlet": "Evil <b>Outlet</b> | x", "published": "2024-03-11"})
    ex = extraction(art, [
        op(text, "op1", "Militants killed 3 civilians in Dibis on Sunday", OperationKind.attack, name=NASTY, by=[ISIS],
           places=[DIBIS], date=day("2024-03-10", "on Sunday")),
    ], [
        cas(text, "cas1", "Militants killed 3 civilians in Dibis on Sunday", CIVS, "3", 3, 3, 3, place=DIBIS,
            date=day("2024-03-10", "on Sunday"), perpetrator=ISIS, by=NASTY),
    ], [
        claim(text, "cl1", f"Officials said: {NASTY}", NASTY, ClaimKind.statement, NASTY, direct=NASTY),
    ])
    return BriefingInput([ex], {art.id: art})


def test_markdown_escapes_pipes_html_and_links() -> None:
    source = nasty_input()
    md = render_briefing(build_briefing(source), "md", source)
    assert "<script>" not in md and "<b>" not in md
    assert not re.search(r"(?<!\\)\]\(javascript", md) and "[x]" not in md
    assert "\\<script\\>" in md and "\\[x\\]" in md and "javascript\\:" in md
    assert "Op \\| " in md
    # No line break leaks from article text: every table row keeps its column count.
    for title in ("Operations", "Casualties by incident"):
        lines = [x for x in _section(md, title) if x.startswith("|")]
        assert lines and len({len(_cells(x)) for x in lines}) == 1
    links = re.findall(r"(?<!\\)\]\(([^)]*)\)", md)
    assert links and all(re.fullmatch(r"#src-\d+", link) for link in links)


@pytest.mark.parametrize("text", [
    "plain words, 12 soldiers", "two  spaces", "tab\there", "line\nbreak", "nbsp\u00a0here", " edge ",
    "a | b", "x_y", "*bold*", "[link](javascript:alert(1))", "see https://example.org", "WWW.Example.org",
    "time 10:30", "Note: mailto:x", "<b>&amp;</b>", "#tag!~", "back\\slash", "`code`", "",
])
def test_markdown_escape_fast_path_matches_every_substitution(text: str) -> None:
    """The one-search shortcut returns what the four substitutions would (all of them run when any applies)."""
    from summarizer.render.markdown import _SCHEME, _SPECIAL, _WWW, escape

    slow = _WWW.sub(r"www\\.", _SCHEME.sub(r"\1\\:", _SPECIAL.sub(r"\\\1", re.sub(r"\s+", " ", text))))
    assert escape(text) == slow


def test_html_escapes_everything_article_derived() -> None:
    source = nasty_input()
    page = render_briefing(build_briefing(source), "html", source)
    assert "<script" not in page.lower().replace("script-src", "")
    assert "&lt;script&gt;" in page and "&lt;b&gt;Outlet&lt;/b&gt;" in page
    assert 'href="javascript' not in page
    assert "Content-Security-Policy" in page and "script-src 'none'" in page
    assert not re.search(r"(?i)<(link|img|iframe|object|embed)\b|src=|https?://", page)


@pytest.mark.parametrize("fmt", ["csv", "figures-csv"])
def test_csv_quotes_pipes_html_and_links_and_defuses_formulas(fmt: str) -> None:
    source = nasty_input()
    text = render_briefing(build_briefing(source), fmt, source)
    rows = list(csv.reader(io.StringIO(text)))
    assert len({len(r) for r in rows}) == 1  # the newline inside the source did not split a row
    row = dict(zip(rows[0], rows[1], strict=True))
    if fmt == "figures-csv":
        assert row["source"] == NASTY  # kept verbatim, quoted by the csv module
    else:
        assert len(rows) == 2  # one event: the attack and its casualty figure are one row
        assert row["source"] == "Evil <b>Outlet</b> | x"  # the outlet, verbatim
    from summarizer.render.csv import safe

    assert safe("=HYPERLINK(\"x\")") == "'=HYPERLINK(\"x\")" and safe("-2") == "'-2" and safe("ok") == "ok"


# --------------------------------------------------------------------------- store and command line


def test_brief_from_db_runs_no_backend(tmp_path: Path) -> None:
    source = synthetic()
    db = tmp_path / "brief.db"
    with Store(db) as store:
        for ex in source.extractions:
            store.save_article(source.articles[ex.article.id])
            store.save_extraction(ex, "fixture")
    loaded = briefing_from_store(db)
    assert len(loaded.extractions) == 4 and len(loaded.articles) == 4
    out = tmp_path / "b.json"
    result = CliRunner().invoke(app, ["brief", "--from-db", "--db", str(db), "-f", "json", "-o", str(out),
                                      "--since", "2024-01-01"])
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert len(data["sources"]) == 4
    assert all(i["date_start"] >= "2024-01-01" for i in data["incidents"])
    assert any(i["corroboration"] == 2 for i in data["incidents"])


def test_brief_html_and_csv_from_the_command_line(tmp_path: Path) -> None:
    starts = {"html": "<!DOCTYPE html>", "csv": "event_id_cnty,event_date,", "figures-csv": "event_date,"}
    for fmt, start in starts.items():
        out = tmp_path / f"b.{fmt}"
        result = CliRunner().invoke(app, ["brief", str(SEEDS), "-f", fmt, "-o", str(out), "--no-store", "-q"])
        assert result.exit_code == 0, result.output
        assert out.read_text(encoding="utf-8").startswith(start)


def test_an_enemys_claim_about_a_countrys_forces_joins_the_one_figure_of_that_countrys_forces() -> None:
    police = Actor(name="police officers", canonical="Police Forces of Kenya", category=ActorCategory.state_forces)
    army = Actor(name="Kenyan soldiers", canonical="Military Forces of Kenya", category=ActorCategory.state_forces)
    elwak = Place(name="Elwak", admin1="KE-24", country="KE")
    text_1 = "Four police officers were killed when a bomb hit their patrol near Elwak on Tuesday."
    text_2 = "Al-Shabaab said it had killed nine Kenyan soldiers near Elwak on Tuesday."
    one = make_article(text_1, "wire/k1.txt", {"published": "2025-03-12"})
    two = make_article(text_2, "wire/k2.txt", {"published": "2025-03-13"})
    tuesday = day("2025-03-11", "on Tuesday")
    ex_1 = extraction(one, casualties=[
        cas(text_1, "cas1", "Four police officers were killed", police, "Four", 4, 4, 4, place=elwak, date=tuesday),
    ])
    claimed = cas(text_2, "cas1", "it had killed nine Kenyan soldiers", army, "nine", 9, 9, 9, place=elwak,
                  date=tuesday, by="Al-Shabaab")
    assert claimed.reported_by is not None
    claimed.reported_by.affiliation = Actor(name="Al-Shabaab", canonical="al-Shabaab",
                                            category=ActorCategory.militant_group)
    ex_2 = extraction(two, casualties=[claimed])
    b = build_briefing(BriefingInput([ex_1, ex_2], {one.id: one, two.id: two}))
    figures = [f for i in b.incidents for f in i.figures if f.outcome == Outcome.killed]
    assert len(figures) == 1, figures  # one toll of the patrol, not the police's four plus the claim's nine
    assert (figures[0].low, figures[0].high) == (4, 9)
