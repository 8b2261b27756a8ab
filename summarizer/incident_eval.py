"""Score a briefing against a hand-labelled incident set (``evals/incidents/<set>/``).

The item eval asks whether each article's figures were read; this one asks whether the briefing built from many
articles tells the truth about events. For one set: run a backend over its articles (or take saved extractions),
build the briefing for the gold ``period`` (:func:`summarizer.briefing.build_briefing` with ``since``/``until``),
and compare it with the gold (:class:`summarizer.models.GoldIncidentSet`).

**Which briefing item is which gold mention.** A briefing item is a casualty item cited by a figure of a briefing
incident (``Briefing.incidents[*].figures[*].reports[*].cite``: source ``n`` -> the article, ``item_id`` -> its
casualty item). A gold mention (or gold tally) and a briefing item may match when they are from the same article,
the item's evidence overlaps the gold quote (their character spans in the text as read share at least one character,
a gold quote being located by its first occurrence, which the sets keep unique; or, for evidence without a span,
every word of the gold quote is in the evidence), and their outcomes are compatible (equal; ``killed_or_wounded``
with killed or wounded; captured, arrested, surrendered and missing with one another). Matching is one-to-one per
article: an optimal assignment maximises, over admissible pairs, 1 + the share of the gold quote the evidence covers
+ 0.5 when the counts agree (same low or same best), so two figures in one sentence go to the right items.

**Scores** (``incidents.<set>.<key>`` in the eval report; ``None`` when nothing could be measured, which fails a
threshold):

* ``clustering.precision/recall/f1``: B-cubed over the matched gold mentions of every incident. For a matched
  mention m, precision is the share of the matched mentions in m's briefing incident that are in m's gold incident,
  recall the share of the matched mentions of m's gold incident that are in m's briefing incident; both averaged
  over mentions, F1 their harmonic mean. No matched mention: 0 (there was gold to find).
* ``mentions.recall``: matched / gold mentions of in-period incidents; ``mentions.precision``: briefing items that
  match a gold mention or tally / all briefing items. ``missed`` and ``invented`` list the others.
* ``figures.accuracy``: for each in-period gold incident, the briefing incident holding most of its matched
  mentions (ties: the first in the briefing); for each gold figure (victims category, outcome), the briefing
  incident's figure groups of that category and outcome, summed (low, best; high null if any is null): correct when
  its low..high lies inside the gold low..high (a null high is unbounded; a null predicted high is inside only an
  unbounded gold range). No briefing incident or no group: wrong. ``figures.low_accuracy`` checks the low only.
  A group with no category, or whose victims are named "Unspecified", counts as ``unspecified``.
* ``totals.inside``: the share of gold totals (category, outcome) for which the briefing's total best (summed over
  its groups of that category and outcome; 0 when it has none) lies inside the gold range; ``totals.range_inside``
  asks the same of its low..high. ``totals.invented`` counts briefing totals for a category and outcome with no
  gold total.
* ``incidents.dated/placed/dated_placed``: the share of briefing incidents in the period (not background, not a
  tally) with a date, with a place, with both. ``incidents.date_correct``: of the in-period gold incidents known to
  the day, the share whose briefing incident is dated that day and no other; ``incidents.place_correct``: of the
  in-period gold incidents, the share whose briefing incident names the gold location among its places.
* ``tallies.kept_apart``: of the gold tallies a briefing item matched, the share whose briefing incident is marked
  as a tally.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import yaml
from pydantic import ValidationError
from scipy.optimize import linear_sum_assignment

from summarizer.articles import Article
from summarizer.briefing import Briefing, BriefingInput, FigureGroup, GroupTotal, Incident, build_briefing
from summarizer.evaluation import EvalError, load_seed_articles, place_name_key, predict_with_backend
from summarizer.incident_scores import (
    ClusterScores,
    FigureCheck,
    FigureScores,
    IncidentSetScores,
    IncidentShares,
    MentionRef,
    MentionScores,
    TallyScores,
    TotalCheck,
    TotalScores,
)
from summarizer.models import (
    ArticleExtraction,
    CasualtyReport,
    GoldFigure,
    GoldIncident,
    GoldIncidentSet,
    GoldMention,
    Outcome,
)
from summarizer.pipeline import RunOptions

GOLD_FILE = "gold.yaml"
ARTICLES_DIR = "articles"
UNSPECIFIED = "unspecified"

_HARM = {Outcome.killed, Outcome.wounded, Outcome.killed_or_wounded}
_HELD = {Outcome.captured, Outcome.arrested, Outcome.surrendered, Outcome.missing}


# --------------------------------------------------------------------------- loading


def load_incident_set(set_dir: Path) -> tuple[GoldIncidentSet, dict[str, Article]]:
    """The gold of one set and its articles (file name -> :class:`Article`), every quote checked to be verbatim."""
    if not set_dir.is_dir():
        raise EvalError(f"{set_dir}: no such incident set directory")
    path = set_dir / GOLD_FILE
    try:
        gold = GoldIncidentSet.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    except OSError as exc:
        raise EvalError(f"{path}: cannot read the incident gold: {exc.strerror or exc}") from None
    except yaml.YAMLError as exc:
        raise EvalError(f"{path}: malformed YAML: {str(exc).splitlines()[0]}") from None
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors()[:5])
        raise EvalError(f"{path}: invalid incident gold: {problems}") from None
    articles = load_seed_articles(set_dir / ARTICLES_DIR)
    quoted = [(m.article, m.quote) for i in gold.incidents for m in i.mentions]
    quoted += [(t.article, t.quote) for t in gold.tallies]
    for name, quote in quoted:
        article = articles.get(name)
        if article is None:
            raise EvalError(f"{path}: names article {name!r}, which is not in {set_dir / ARTICLES_DIR}")
        if quote not in article.text:
            raise EvalError(f"{path}: the quote {quote!r} is not in {name}")
    return gold, articles


# --------------------------------------------------------------------------- briefing items and gold targets


@dataclass(frozen=True)
class _Item:
    """A casualty item the briefing cites, with the incident it sits in."""

    key: str  # "n:item_id"
    article: str  # file name
    item: CasualtyReport
    incident: Incident


@dataclass(frozen=True)
class _Target:
    """A gold mention (with its incident) or a gold tally (incident None)."""

    article: str
    quote: str
    outcome: Outcome
    low: int | None
    best: int | None
    incident: GoldIncident | None


def _category(value: object, name: str | None = None) -> str:
    """A victims category as the gold names it: no category, or an actor named "Unspecified", is unspecified."""
    if value is None or (name is not None and name.casefold() == UNSPECIFIED):
        return UNSPECIFIED
    return str(getattr(value, "value", value))


def briefing_items(briefing: Briefing, extractions: Mapping[str, ArticleExtraction],
                   names: Mapping[str, str]) -> list[_Item]:
    """Every casualty item cited by a figure of a briefing incident (article id -> extraction, -> file name)."""
    by_n = {s.n: s.article_id for s in briefing.sources}
    items: list[_Item] = []
    seen: set[str] = set()
    for incident in briefing.incidents:
        for group in incident.figures:
            for report in group.reports:
                article_id = by_n.get(report.cite.n)
                extraction = extractions.get(article_id or "")
                if extraction is None or report.cite.key in seen:
                    continue
                found = next((c for c in extraction.casualties if c.id == report.cite.item_id), None)
                if found is not None:
                    seen.add(report.cite.key)
                    items.append(_Item(report.cite.key, names.get(extraction.article.id, extraction.article.source),
                                       found, incident))
    return items


def outcomes_compatible(gold: Outcome, predicted: Outcome) -> bool:
    """Equal; ``killed_or_wounded`` with killed or wounded; captured/arrested/surrendered/missing together."""
    if gold == predicted:
        return True
    if gold in _HELD and predicted in _HELD:
        return True
    return Outcome.killed_or_wounded in (gold, predicted) and gold in _HARM and predicted in _HARM


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z0-9]+", text.casefold()))


def pair_score(target: _Target, item: CasualtyReport, text: str) -> float:
    """0 when the pair may not match; else 1 + the covered share of the gold quote + 0.5 when the counts agree."""
    if not outcomes_compatible(target.outcome, item.outcome):
        return 0.0
    g_start = text.find(target.quote)
    g_end = g_start + len(target.quote)
    start, end = item.evidence.start, item.evidence.end
    if start is None or end is None:
        found = text.find(item.evidence.quote)
        start, end = (found, found + len(item.evidence.quote)) if found >= 0 else (None, None)
    if start is not None and end is not None and g_start >= 0:
        covered = max(0, min(end, g_end) - max(start, g_start))
        if covered == 0:
            return 0.0
        share = covered / max(1, g_end - g_start)
    elif _words(target.quote) <= _words(item.evidence.quote):
        share = 1.0
    else:
        return 0.0
    agree = item.count.low == target.low or (item.count.best is not None and item.count.best == target.best)
    return 1.0 + share + (0.5 if agree else 0.0)


def match(targets: Sequence[_Target], items: Sequence[_Item], texts: Mapping[str, str]) -> dict[int, int]:
    """Target index -> item index: the optimal one-to-one assignment per article over admissible pairs."""
    by_article: dict[str, tuple[list[int], list[int]]] = defaultdict(lambda: ([], []))
    for i, t in enumerate(targets):
        by_article[t.article][0].append(i)
    for j, it in enumerate(items):
        by_article[it.article][1].append(j)
    pairs: dict[int, int] = {}
    for article, (ts, its) in by_article.items():
        if not ts or not its:
            continue
        text = texts.get(article, "")
        scores = np.array([[pair_score(targets[i], items[j].item, text) for j in its] for i in ts])
        rows, cols = linear_sum_assignment(scores, maximize=True)
        pairs.update({ts[r]: its[c] for r, c in zip(rows, cols, strict=True) if scores[r, c] > 0})
    return pairs


# --------------------------------------------------------------------------- scores


def _share(hits: int, total: int) -> float | None:
    return hits / total if total else None


def bcubed(gold_labels: Sequence[str], predicted_labels: Sequence[str]) -> ClusterScores:
    """B-cubed precision, recall and F1 of one clustering of mentions against another (0 when empty)."""
    n = len(gold_labels)
    if n == 0:
        return ClusterScores(matched=0, precision=0.0, recall=0.0, f1=0.0)
    pairs = Counter(zip(gold_labels, predicted_labels, strict=True))
    gold_sizes, pred_sizes = Counter(gold_labels), Counter(predicted_labels)
    precision = sum(pairs[(g, p)] / pred_sizes[p] for g, p in zip(gold_labels, predicted_labels, strict=True)) / n
    recall = sum(pairs[(g, p)] / gold_sizes[g] for g, p in zip(gold_labels, predicted_labels, strict=True)) / n
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return ClusterScores(matched=n, precision=precision, recall=recall, f1=f1)


def inside(low: int | None, high: int | None, gold_low: int, gold_high: int | None) -> bool:
    """``low..high`` lies inside ``gold_low..gold_high`` (a null high is unbounded)."""
    if low is None or low < gold_low:
        return False
    if gold_high is None:
        return True
    return low <= gold_high and high is not None and high <= gold_high


def _sum_groups(groups: Sequence[FigureGroup | GroupTotal]) -> tuple[int, int, int | None]:
    low = sum(g.low or 0 for g in groups)
    best = sum(g.best if g.best is not None else (g.low or 0) for g in groups)
    high = None if any(g.high is None for g in groups) else sum(g.high or 0 for g in groups)
    return low, best, high


def _figure_check(incident: GoldIncident, figure: GoldFigure, predicted: Incident | None) -> FigureCheck:
    check = FigureCheck(incident=incident.id, predicted_incident=predicted.id if predicted else None,
                        victims=_category(figure.victims), outcome=figure.outcome.value,
                        gold_low=figure.low, gold_high=figure.high)
    groups = [g for g in (predicted.figures if predicted else [])
              if _category(g.category, g.victims) == check.victims and g.outcome == figure.outcome]
    if groups:
        check.low, check.best, check.high = _sum_groups(groups)
        check.consistent = inside(check.low, check.high, figure.low, figure.high)
    return check


def _total_checks(gold: GoldIncidentSet, briefing: Briefing) -> tuple[list[TotalCheck], int]:
    predicted: dict[tuple[str, str], list[GroupTotal]] = defaultdict(list)
    for total in briefing.totals:
        predicted[(_category(total.category, total.victims), total.outcome.value)].append(total)
    checks = []
    for t in gold.totals:
        key = (_category(t.victims), t.outcome.value)
        low, best, high = _sum_groups(predicted.get(key, []))
        check = TotalCheck(victims=key[0], outcome=key[1], gold_low=t.low, gold_high=t.high, low=low, best=best,
                           high=high, inside=inside(best, best, t.low, t.high))
        checks.append(check)
    gold_keys = {(_category(t.victims), t.outcome.value) for t in gold.totals}
    invented = sum(1 for key, totals in predicted.items() if key not in gold_keys and _sum_groups(totals)[1] > 0)
    return checks, invented


def _label(m: GoldMention) -> str:
    count = m.low if m.high == m.low else f"{m.low}..{m.high if m.high is not None else ''}"
    return f"{_category(m.victims)} {m.outcome.value} {count}"


def _item_label(it: _Item) -> str:
    victims = it.item.victims
    return f"{_category(victims.category, victims.canonical)} {it.item.outcome.value} {it.item.count.phrase}"


def score_briefing(gold: GoldIncidentSet, articles: Mapping[str, Article], briefing: Briefing,
                   extractions: Mapping[str, ArticleExtraction], backend: str | None = None) -> IncidentSetScores:
    """Score one briefing (built for ``gold.period``) against the set's gold."""
    names = {a.id: name for name, a in articles.items()}
    texts = {name: a.text for name, a in articles.items()}
    items = briefing_items(briefing, extractions, names)
    mentions = [(inc, m) for inc in gold.incidents for m in inc.mentions]
    targets = [_Target(m.article, m.quote, m.outcome, m.low, m.best, inc) for inc, m in mentions]
    targets += [_Target(t.article, t.quote, t.outcome, t.low, t.best, None) for t in gold.tallies]
    pairs = match(targets, items, texts)
    scores = IncidentSetScores(set=gold.set, backend=backend, articles=len(articles),
                               period_start=gold.period.start, period_end=gold.period.end)

    matched_mentions = [(targets[i].incident, items[j]) for i, j in pairs.items() if targets[i].incident]
    scores.clustering = bcubed([inc.id for inc, _ in matched_mentions if inc],
                               [it.incident.id for _, it in matched_mentions])

    in_period = [i for i, (inc, _) in enumerate(mentions) if inc.in_period]
    found = [i for i in in_period if i in pairs]
    used = set(pairs.values())
    scores.mentions = MentionScores(
        gold=len(in_period), predicted=len(items), matched=len(found),
        precision=_share(len(used), len(items)), recall=_share(len(found), len(in_period)) if in_period else None,
        missed=len(in_period) - len(found), invented=len(items) - len(used),
    )
    scores.missed = [MentionRef(article=mentions[i][1].article, id=mentions[i][0].id, label=_label(mentions[i][1]),
                                quote=mentions[i][1].quote) for i in in_period if i not in pairs]
    scores.invented = [MentionRef(article=it.article, id=it.key, quote=it.item.evidence.quote, label=_item_label(it))
                       for j, it in enumerate(items) if j not in used]

    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for inc, it in matched_mentions:
        if inc:
            votes[inc.id][it.incident.id] += 1
    order = {inc.id: k for k, inc in enumerate(briefing.incidents)}
    by_id = {inc.id: inc for inc in briefing.incidents}

    def best_incident(incident: GoldIncident) -> Incident | None:
        counts = votes.get(incident.id)
        if not counts:
            return None
        return by_id[min(counts, key=lambda p: (-counts[p], order[p]))]

    current = [inc for inc in gold.incidents if inc.in_period]
    checks = [_figure_check(inc, f, best_incident(inc)) for inc in current for f in inc.figures]
    scores.figure_checks = checks
    scores.figures = FigureScores(
        gold=len(checks), accuracy=_share(sum(c.consistent for c in checks), len(checks)),
        low_accuracy=_share(sum(c.low is not None and inside(c.low, c.low, c.gold_low, c.gold_high)
                                for c in checks), len(checks)),
    )

    total_checks, invented_totals = _total_checks(gold, briefing)
    scores.total_checks = total_checks
    scores.totals = TotalScores(
        gold=len(total_checks), inside=_share(sum(c.inside for c in total_checks), len(total_checks)),
        range_inside=_share(sum(inside(c.low, c.high, c.gold_low, c.gold_high) for c in total_checks),
                            len(total_checks)),
        invented=invented_totals,
    )

    predicted = [i for i in briefing.incidents if not i.background and not i.tally]
    day_known = [inc for inc in current if inc.time_precision == 1]

    def same_day(incident: GoldIncident) -> bool:
        p = best_incident(incident)
        return p is not None and p.date_start == incident.date and p.date_end in (None, incident.date)

    def same_place(incident: GoldIncident) -> bool:
        p = best_incident(incident)
        return p is not None and any(place_name_key(incident.location) in place_name_key(label) for label in p.places)

    scores.incidents = IncidentShares(
        gold=len(current), predicted=len(predicted),
        dated=_share(sum(i.date_start is not None for i in predicted), len(predicted)),
        placed=_share(sum(bool(i.places) for i in predicted), len(predicted)),
        dated_placed=_share(sum(i.date_start is not None and bool(i.places) for i in predicted), len(predicted)),
        date_correct=_share(sum(same_day(i) for i in day_known), len(day_known)),
        place_correct=_share(sum(same_place(i) for i in current), len(current)),
    )

    tally_items = [items[j] for i, j in pairs.items() if targets[i].incident is None]
    scores.tallies = TallyScores(gold=len(gold.tallies), matched=len(tally_items),
                                 kept_apart=_share(sum(it.incident.tally for it in tally_items), len(tally_items)))
    return scores


# --------------------------------------------------------------------------- entry points


def _score_extractions(gold: GoldIncidentSet, articles: Mapping[str, Article],
                       extractions: Mapping[str, ArticleExtraction], backend: str | None,
                       warnings: list[str]) -> IncidentSetScores:
    wanted = {a.id for a in articles.values()}
    mine = {i: e for i, e in extractions.items() if i in wanted}
    missing = sorted(name for name, a in articles.items() if a.id not in mine)
    warnings += [f"no extraction for {name}: scored as empty" for name in missing]
    source = BriefingInput(list(mine.values()), {a.id: a for a in articles.values()})
    briefing = build_briefing(source, since=gold.period.start, until=gold.period.end)
    scores = score_briefing(gold, articles, briefing, mine, backend)
    scores.warnings = warnings
    return scores


def score_incident_backend(set_dir: Path, options: RunOptions) -> IncidentSetScores:
    """Run the backend of ``options`` over one set's articles, brief them for its period and score the briefing."""
    gold, articles = load_incident_set(set_dir)
    extractions, failures = predict_with_backend(list(articles.values()), options)
    return _score_extractions(gold, articles, extractions, options.backend.name,
                              [f"extraction failed: {f}" for f in failures])


def score_incident_predictions(set_dir: Path, predictions: Mapping[str, ArticleExtraction]) -> IncidentSetScores:
    """Score saved extractions (article id -> extraction) of one set's articles."""
    gold, articles = load_incident_set(set_dir)
    backends = sorted({p.provenance.backend for p in predictions.values()})
    return _score_extractions(gold, articles, predictions, ",".join(backends) or None, [])
