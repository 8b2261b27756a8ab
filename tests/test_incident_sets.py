"""The incident sets (``evals/incidents/<set>/``): their gold holds together and follows the written rules.

Each set's gold is checked as data: it validates, every quote is verbatim in its article, every article is used,
each incident's figures follow from its mentions by the rule in the format (the low is one of the credible lows and
no credible low is below it; the high is the largest closed figure unless an open-ended figure starts above it),
the totals are the sums over in-period incidents, in-period dates fall in the period, and the articles are
original (no run of words shared with the seeds or any earlier set) and of news length.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pytest

from summarizer.evaluation import load_thresholds, unknown_keys
from summarizer.incident_eval import load_incident_set
from summarizer.models import GoldFigure, GoldIncidentSet, GoldMention

from .conftest import REPO, SEEDS

INCIDENTS = REPO / "evals" / "incidents"
SETS = ("north", "south", "honest", "honest2")
NEVER_TUNED = ("honest", "honest2")
EARLIER = ("heldout", "blind", "blind2", "blind3")
SHARED_WORDS = 8
Key = tuple[str, str]


def _present() -> list[str]:
    return [name for name in SETS if (INCIDENTS / name / "gold.yaml").exists()]


def derived_figure(mentions: list[GoldMention]) -> tuple[set[int], int | None]:
    """(the lows a figure may take, its high) by the format's rule for one category and outcome."""
    numeric = [m for m in mentions if not m.words_only and m.low is not None]
    if not numeric:
        return {0}, None
    credible = [m for m in numeric if not m.party_claim] or numeric
    closed = [m.high for m in numeric if m.high is not None]
    open_lows = [m.low for m in numeric if m.high is None and m.low is not None]
    top = max(closed, default=-1)
    high = None if (open_lows and max(open_lows) > top) or not closed else top
    floor = min(m.low for m in credible if m.low is not None)
    # A party's figure about itself may be the most conservative: any numeric low at or below every credible low.
    lows = {m.low for m in numeric if m.low is not None and m.low <= floor}
    return lows, high


def figure_problems(gold: GoldIncidentSet) -> list[str]:
    problems: list[str] = []
    for incident in gold.incidents:
        groups: dict[Key, list[GoldMention]] = defaultdict(list)
        for m in incident.mentions:
            groups[(str(getattr(m.victims, "value", m.victims)), m.outcome.value)].append(m)
        figures = {(str(getattr(f.victims, "value", f.victims)), f.outcome.value): f for f in incident.figures}
        if set(groups) != set(figures):
            problems.append(f"{incident.id}: figures {sorted(figures)} but mentions {sorted(groups)}")
            continue
        for key, mentions in groups.items():
            lows, high = derived_figure(mentions)
            if figures[key].low not in lows or figures[key].high != high:
                problems.append(f"{incident.id} {key}: {figures[key].low}..{figures[key].high}, rule {lows}..{high}")
    return problems


def total_problems(gold: GoldIncidentSet) -> list[str]:
    sums: dict[Key, list[GoldFigure]] = defaultdict(list)
    for incident in gold.incidents:
        if incident.in_period:
            for f in incident.figures:
                sums[(str(getattr(f.victims, "value", f.victims)), f.outcome.value)].append(f)
    expected = {
        key: (sum(f.low for f in fs), None if any(f.high is None for f in fs) else sum(f.high or 0 for f in fs))
        for key, fs in sums.items()
    }
    stated = {(str(getattr(t.victims, "value", t.victims)), t.outcome.value): (t.low, t.high) for t in gold.totals}
    return [f"total {k}: {stated.get(k)} != {expected.get(k)}" for k in sorted(set(expected) | set(stated))
            if stated.get(k) != expected.get(k)]


def mention_problems(gold: GoldIncidentSet) -> list[str]:
    problems = []
    for incident in gold.incidents:
        inside = gold.period.start <= incident.date <= gold.period.end
        if inside != incident.in_period:
            problems.append(f"{incident.id}: dated {incident.date}, in_period {incident.in_period}")
        for m in incident.mentions:
            values = [v for v in (m.low, m.best, m.high) if v is not None]
            if values != sorted(values) or (m.low is None and not m.words_only):
                problems.append(f"{incident.id}: {m.quote!r} has an unordered or missing count")
    ids = [i.id for i in gold.incidents]
    if len(ids) != len(set(ids)):
        problems.append("duplicate incident ids")
    return problems


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.casefold())


def _grams(text: str) -> set[tuple[str, ...]]:
    words = _words(text)
    return {tuple(words[i : i + SHARED_WORDS]) for i in range(len(words) - SHARED_WORDS + 1)}


@pytest.mark.parametrize("name", _present())
def test_gold_holds_together(name: str) -> None:
    gold, articles = load_incident_set(INCIDENTS / name)  # validates; every quote verbatim
    assert gold.set == name
    assert len(gold.incidents) >= 8
    assert figure_problems(gold) + total_problems(gold) + mention_problems(gold) == []
    quoted = [(m.article, m.quote) for i in gold.incidents for m in i.mentions]
    quoted += [(t.article, t.quote) for t in gold.tallies]
    # The harness locates a gold quote by its first occurrence: each must occur once.
    assert [q for q in quoted if articles[q[0]].text.count(q[1]) != 1] == []
    assert {article for article, _ in quoted} == set(articles)
    for article in articles.values():
        assert article.meta.title and article.meta.outlet and article.meta.published
        assert 150 <= len(article.text.split()) <= 450, article.meta.source
    assert (INCIDENTS / name / "README.md").exists() and (INCIDENTS / name / "thresholds.toml").exists()


@pytest.mark.parametrize("name", _present())
def test_articles_borrow_no_earlier_text(name: str) -> None:
    earlier: list[Path] = sorted(SEEDS.glob("*.txt"))
    earlier += [p for s in EARLIER for p in sorted((REPO / "evals" / s / "articles").glob("*.txt"))]
    earlier += [p for s in SETS[: SETS.index(name)] for p in sorted((INCIDENTS / s / "articles").glob("*.txt"))]
    seen = {p: _grams(p.read_text(encoding="utf-8")) for p in earlier}
    for path in sorted((INCIDENTS / name / "articles").glob("*.txt")):
        grams = _grams(path.read_text(encoding="utf-8"))
        assert {p.name: grams & g for p, g in seen.items() if grams & g} == {}, path.name


def test_rule_checks_catch_planted_faults() -> None:
    def mention(low: int, high: int | None, claim: bool = False) -> GoldMention:
        return GoldMention(article="a.txt", quote="q", victims="civilians", outcome="killed", low=low, best=low,
                           high=high, party_claim=claim)

    # police 5, NGO "at least 9", perpetrator 40: low 5, high 40.
    assert derived_figure([mention(5, 5), mention(9, None), mention(40, 40, claim=True)]) == ({5}, 40)
    # "at least 9" above every closed figure: open-ended.
    assert derived_figure([mention(5, 5), mention(9, None)]) == ({5}, None)
    # an enemy's claim alone is the only source
    assert derived_figure([mention(31, None, claim=True)]) == ({31}, None)


@pytest.mark.parametrize("name", _present())
def test_thresholds_name_this_sets_scores_and_the_honest_sets_have_none(name: str) -> None:
    thresholds = load_thresholds(INCIDENTS / name / "thresholds.toml")
    assert unknown_keys(thresholds) == []
    assert all(key.startswith(f"incidents.{name}.") and 0.0 < value <= 1.0 for key, value in thresholds.items())
    assert (thresholds == {}) == (name in NEVER_TUNED)
