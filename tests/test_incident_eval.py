"""The incident eval scores a briefing against incident gold, and every score can fail.

A tiny set is written here (two articles, two events and a tally, in sentences written for the tests), and
briefings are built by hand, so each test plants one fault (a split, a merge, a summed total, an invented figure)
and checks that exactly the scores it should move, move.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from summarizer.briefing import Briefing, Citation, FigureGroup, FigureReport, GroupTotal, Incident, SourceEntry
from summarizer.cli import app
from summarizer.evaluation import EvalError, EvalReport
from summarizer.incident_eval import (
    _Item,
    _Target,
    bcubed,
    inside,
    load_incident_set,
    match,
    outcomes_compatible,
    score_briefing,
)
from summarizer.models import (
    Actor,
    ActorCategory,
    Alignment,
    ArticleExtraction,
    ArticleMeta,
    CasualtyReport,
    Count,
    Evidence,
    Grounding,
    GroundingStatus,
    Outcome,
    Provenance,
)

runner = CliRunner()

WIRE = "x1_wire.txt"
CLAIM = "x2_claim.txt"
TEXTS = {
    WIRE: "Gunmen attacked the market in Alpha on Wednesday, killing at least 6 people, police said. The town "
          "hospital said it had received 9 bodies. In a separate attack on Wednesday in Beta, two soldiers were "
          "killed when their truck hit a mine.",
    CLAIM: "The group said its fighters killed 20 people at the Alpha market. Since January, 40 people have been "
           "killed in the province, a rights group said.",
}
GOLD = {
    "set": "tiny",
    "period": {"start": "2024-05-01", "end": "2024-05-31"},
    "incidents": [
        {"id": "e01", "summary": "attack on the Alpha market", "date": "2024-05-01", "time_precision": 1,
         "location": "Alpha", "country": "NG", "event_type": "Violence against civilians", "sub_event_type": "Attack",
         "actor1": "Gunmen", "in_period": True,
         "mentions": [
             {"article": WIRE, "quote": "killing at least 6 people", "victims": "unspecified", "outcome": "killed",
              "low": 6, "best": 6, "high": None, "reported_by": "police"},
             {"article": WIRE, "quote": "received 9 bodies", "victims": "unspecified", "outcome": "killed",
              "low": 9, "best": 9, "high": 9, "reported_by": "The town hospital"},
             {"article": CLAIM, "quote": "killed 20 people", "victims": "unspecified", "outcome": "killed",
              "low": 20, "best": 20, "high": 20, "reported_by": "The group", "party_claim": True},
         ],
         "figures": [{"victims": "unspecified", "outcome": "killed", "low": 6, "high": 20}]},
        {"id": "e02", "summary": "mine in Beta", "date": "2024-05-01", "time_precision": 1, "location": "Beta",
         "country": "NG", "event_type": "Explosions/Remote violence",
         "sub_event_type": "Remote explosive/landmine/IED", "actor1": "Unidentified Armed Group", "in_period": True,
         "mentions": [{"article": WIRE, "quote": "two soldiers were killed", "victims": "state_forces",
                       "outcome": "killed", "low": 2, "best": 2, "high": 2}],
         "figures": [{"victims": "state_forces", "outcome": "killed", "low": 2, "high": 2}]},
    ],
    "tallies": [{"article": CLAIM, "quote": "40 people have been killed", "victims": "unspecified",
                 "outcome": "killed", "low": 40, "best": 40, "high": 40}],
    "totals": [{"victims": "unspecified", "outcome": "killed", "low": 6, "high": 20},
               {"victims": "state_forces", "outcome": "killed", "low": 2, "high": 2}],
}
DAY = dt.date(2024, 5, 1)
# (article, item id, quote, victims, category, outcome, low, high)
ITEMS = [
    (WIRE, "cas1", "killing at least 6 people", "Unspecified", ActorCategory.other, Outcome.killed, 6, None),
    (WIRE, "cas2", "The town hospital said it had received 9 bodies.", "Unspecified", ActorCategory.other,
     Outcome.killed, 9, 9),
    (WIRE, "cas3", "two soldiers were killed", "Nigerian Army", ActorCategory.state_forces, Outcome.killed, 2, 2),
    (CLAIM, "cas1", "its fighters killed 20 people", "Unspecified", None, Outcome.killed, 20, 20),
    (CLAIM, "cas2", "40 people have been killed", "Unspecified", ActorCategory.other, Outcome.killed, 40, 40),
]
N = {WIRE: 1, CLAIM: 2}


@pytest.fixture()
def tiny(tmp_path: Path) -> Path:
    folder = tmp_path / "tiny"
    (folder / "articles").mkdir(parents=True)
    for name, text in TEXTS.items():
        front = f"---\ntitle: {name}\noutlet: Test Outlet {name[:2]}\npublished: 2024-05-02\n---\n"
        (folder / "articles" / name).write_text(front + text + "\n", encoding="utf-8")
    (folder / "gold.yaml").write_text(yaml.safe_dump(GOLD, sort_keys=False), encoding="utf-8")
    return folder


def _extractions(articles: dict, extra: list[tuple] | None = None) -> dict[str, ArticleExtraction]:
    out: dict[str, ArticleExtraction] = {}
    for name, article in articles.items():
        casualties = []
        for art, item_id, quote, victims, category, outcome, low, high in ITEMS + (extra or []):
            if art != name:
                continue
            start = article.text.index(quote)
            casualties.append(CasualtyReport(
                id=item_id, victims=Actor(name=victims, canonical=victims, category=category), outcome=outcome,
                count=Count(phrase=str(low), low=low, best=low, high=high),
                evidence=Evidence(quote=quote, start=start, end=start + len(quote), alignment=Alignment.exact),
                grounding=Grounding(status=GroundingStatus.verified),
            ))
        meta = ArticleMeta(id=article.id, source=article.meta.source, published=DAY, chars=len(article.text))
        out[article.id] = ArticleExtraction(article=meta, casualties=casualties, provenance=Provenance(backend="test"))
    return out


def _group(keys: list[tuple[str, str]], rows_known: list[tuple]) -> list[FigureGroup]:
    groups: dict[tuple[str, Outcome], list[tuple]] = {}
    for art, item_id in keys:
        row = next(r for r in rows_known if r[0] == art and r[1] == item_id)
        groups.setdefault((row[3], row[5]), []).append(row)
    out = []
    for (victims, outcome), rows in groups.items():
        reports = [FigureReport(low=r[6], best=r[6], high=r[7], phrase=str(r[6]), source="s",
                                cite=Citation(n=N[r[0]], item_id=r[1], quote=r[2])) for r in rows]
        # A right briefing bounds an open figure by a larger closed one ("at least 6" and "20": 6..20).
        closed = [r[7] for r in rows if r[7] is not None]
        floors = [r[6] for r in rows if r[7] is None]
        high = max(closed) if closed and max(floors, default=0) <= max(closed) else None
        out.append(FigureGroup(victims=victims, category=rows[0][4], outcome=outcome, low=min(r[6] for r in rows),
                               best=min(r[6] for r in rows), high=high, reports=reports))
    return out


def _briefing(clusters: list[list[tuple[str, str]]], totals: list[GroupTotal], tally: int | None = None,
              dated: bool = True, places: tuple[str, ...] = ("Alpha (NG-X)", "Beta (NG-X)"),
              extra: list[tuple] | None = None) -> Briefing:
    sources = [SourceEntry(n=N[name], article_id="", source=name, backend="test") for name in TEXTS]
    incidents = [
        Incident(id=f"I{k}", date_start=DAY if dated else None, date_end=DAY if dated else None,
                 places=[places[min(k - 1, len(places) - 1)]] if places else [], tally=(k - 1 == tally),
                 corroboration=1, figures=_group(keys, ITEMS + (extra or [])))
        for k, keys in enumerate(clusters, 1)
    ]
    return Briefing(sources=sources, incidents=incidents, totals=totals)


def _total(victims: str, category: ActorCategory | None, low: int, best: int, high: int | None) -> GroupTotal:
    return GroupTotal(victims=victims, category=category, outcome=Outcome.killed, low=low, best=best, high=high,
                      components=[])


GOOD_TOTALS = [_total("Unspecified", ActorCategory.other, 6, 9, 20), _total("Nigerian Army",
                                                                            ActorCategory.state_forces, 2, 2, 2)]
ONE_EVENT = [(WIRE, "cas1"), (WIRE, "cas2"), (CLAIM, "cas1")]


def _score(tiny: Path, briefing: Briefing, extra: list[tuple] | None = None):  # type: ignore[no-untyped-def]
    gold, articles = load_incident_set(tiny)
    extractions = _extractions(articles, extra)
    ids = {N[name]: a.id for name, a in articles.items()}
    for source in briefing.sources:
        source.article_id = ids[source.n]
    return score_briefing(gold, articles, briefing, extractions, "test")


# --------------------------------------------------------------------------- the rules


def test_bcubed_of_known_clusterings() -> None:
    perfect = bcubed(["a", "a", "b"], ["x", "x", "y"])
    assert (perfect.precision, perfect.recall, perfect.f1) == (1.0, 1.0, 1.0)
    merged = bcubed(["a", "a", "b"], ["x", "x", "x"])
    assert merged.recall == 1.0 and merged.precision == pytest.approx((2 / 3 + 2 / 3 + 1 / 3) / 3)
    split = bcubed(["a", "a", "b"], ["x", "y", "z"])
    assert split.precision == 1.0 and split.recall == pytest.approx((1 / 2 + 1 / 2 + 1) / 3)
    assert bcubed([], []).f1 == 0.0


@pytest.mark.parametrize(("gold", "predicted", "ok"), [
    (Outcome.killed, Outcome.killed, True),
    (Outcome.killed, Outcome.wounded, False),
    (Outcome.killed, Outcome.killed_or_wounded, True),
    (Outcome.killed_or_wounded, Outcome.wounded, True),
    (Outcome.captured, Outcome.arrested, True),
    (Outcome.missing, Outcome.captured, True),
    (Outcome.arrested, Outcome.killed, False),
])
def test_outcome_compatibility(gold: Outcome, predicted: Outcome, ok: bool) -> None:
    assert outcomes_compatible(gold, predicted) is ok


@pytest.mark.parametrize(("low", "high", "gold_low", "gold_high", "ok"), [
    (6, 20, 6, 20, True),
    (9, 9, 6, 20, True),
    (5, 20, 6, 20, False),   # below the most conservative credible figure
    (6, 35, 6, 20, False),   # summed sources above the largest figure given
    (6, None, 6, 20, False),  # open-ended where the sources bound it
    (6, None, 6, None, True),
    (40, 40, 6, None, True),
    (None, None, 0, None, False),  # no figure at all
])
def test_inside(low: int | None, high: int | None, gold_low: int, gold_high: int | None, ok: bool) -> None:
    assert inside(low, high, gold_low, gold_high) is ok


def test_two_figures_in_one_sentence_go_to_the_items_whose_counts_agree() -> None:
    text = "Militants killed 3 soldiers and 5 police officers at the gate."
    targets = [_Target("a.txt", "killed 3 soldiers", Outcome.killed, 3, 3, None),
               _Target("a.txt", "5 police officers", Outcome.killed, 5, 5, None)]
    incident = Incident(id="I1", corroboration=1, figures=[])

    def item(key: str, low: int) -> _Item:
        report = CasualtyReport(id=key, victims=Actor(name="x"), outcome=Outcome.killed,
                                count=Count(phrase=str(low), low=low, best=low, high=low),
                                evidence=Evidence(quote=text, start=0, end=len(text)))
        return _Item(key, "a.txt", report, incident)

    # The police item comes first: without the count tie-break the assignment could cross them.
    assert match(targets, [item("police", 5), item("soldiers", 3)], {"a.txt": text}) == {0: 1, 1: 0}
    wounded = CasualtyReport(id="w", victims=Actor(name="x"), outcome=Outcome.wounded,
                             count=Count(phrase="3", low=3, best=3, high=3),
                             evidence=Evidence(quote=text, start=0, end=len(text)))
    assert match(targets, [_Item("w", "a.txt", wounded, incident)], {"a.txt": text}) == {}


# --------------------------------------------------------------------------- loading


def test_loading_checks_every_quote(tiny: Path) -> None:
    gold, articles = load_incident_set(tiny)
    assert gold.set == "tiny" and set(articles) == set(TEXTS)
    broken = dict(GOLD, tallies=[dict(GOLD["tallies"][0], quote="41 people")])  # type: ignore[arg-type]
    (tiny / "gold.yaml").write_text(yaml.safe_dump(broken), encoding="utf-8")
    with pytest.raises(EvalError, match=r"gold.yaml: the quote '41 people' is not in x2_claim.txt"):
        load_incident_set(tiny)
    with pytest.raises(EvalError, match="no such incident set directory"):
        load_incident_set(tiny / "nope")
    (tiny / "gold.yaml").write_text("set: tiny\nperiod: {start: 2024-05-01}\nincidents: []\n", encoding="utf-8")
    with pytest.raises(EvalError, match=r"invalid incident gold: period.end"):
        load_incident_set(tiny)


# --------------------------------------------------------------------------- whole briefings


def test_a_right_briefing_scores_one_everywhere(tiny: Path) -> None:
    scores = _score(tiny, _briefing([ONE_EVENT, [(WIRE, "cas3")], [(CLAIM, "cas2")]], GOOD_TOTALS, tally=2))
    assert scores.flat() == {key: 1.0 for key in scores.flat()}
    assert len(scores.flat()) == 15 and scores.missed == scores.invented == []
    assert scores.mentions.matched == 4 and scores.tallies.matched == 1


def test_an_event_split_by_source_lowers_clustering_recall_and_its_figures(tiny: Path) -> None:
    split = [[(WIRE, "cas1")], [(WIRE, "cas2")], [(CLAIM, "cas1")], [(WIRE, "cas3")], [(CLAIM, "cas2")]]
    scores = _score(tiny, _briefing(split, GOOD_TOTALS, tally=4))
    assert scores.clustering.precision == 1.0
    assert scores.clustering.recall == pytest.approx((3 * (1 / 3) + 1) / 4)
    # e01's incident is the first holding its mentions: "at least 6" alone is open where the sources say 20 at most.
    assert scores.figures.accuracy == 0.5 and scores.figures.low_accuracy == 1.0
    assert scores.mentions.recall == 1.0 and scores.totals.inside == 1.0


def test_two_events_merged_lower_clustering_precision(tiny: Path) -> None:
    scores = _score(tiny, _briefing([[*ONE_EVENT, (WIRE, "cas3")], [(CLAIM, "cas2")]], GOOD_TOTALS, tally=1))
    assert scores.clustering.recall == 1.0
    assert scores.clustering.precision == pytest.approx((3 * 0.75 + 0.25) / 4)


def test_sources_added_up_put_the_total_outside_the_gold_range(tiny: Path) -> None:
    summed = [_total("Unspecified", ActorCategory.other, 35, 35, 35), GOOD_TOTALS[1]]
    scores = _score(tiny, _briefing([ONE_EVENT, [(WIRE, "cas3")], [(CLAIM, "cas2")]], summed, tally=2))
    assert scores.totals.inside == 0.5 and scores.totals.range_inside == 0.5
    assert [c.inside for c in scores.total_checks] == [False, True]
    assert scores.clustering.f1 == 1.0


def test_a_tally_added_as_an_incident_is_not_kept_apart(tiny: Path) -> None:
    scores = _score(tiny, _briefing([ONE_EVENT, [(WIRE, "cas3")], [(CLAIM, "cas2")]], GOOD_TOTALS, tally=None))
    assert scores.tallies.kept_apart == 0.0 and scores.clustering.f1 == 1.0


def test_an_invented_figure_lowers_mention_precision_and_is_listed(tiny: Path) -> None:
    extra = [(WIRE, "cas9", "Gunmen attacked the market", "Civilians", ActorCategory.civilians, Outcome.wounded,
              3, 3)]
    briefing = _briefing([[*ONE_EVENT, (WIRE, "cas9")], [(WIRE, "cas3")], [(CLAIM, "cas2")]], GOOD_TOTALS, tally=2,
                         extra=extra)
    scores = _score(tiny, briefing, extra=extra)
    assert scores.mentions.precision == pytest.approx(5 / 6) and scores.mentions.recall == 1.0
    assert [r.id for r in scores.invented] == ["1:cas9"]


def test_a_missed_figure_lowers_mention_recall_and_is_listed(tiny: Path) -> None:
    scores = _score(tiny, _briefing([[(WIRE, "cas1"), (WIRE, "cas2")], [(WIRE, "cas3")], [(CLAIM, "cas2")]],
                                    GOOD_TOTALS, tally=2))
    assert scores.mentions.recall == 0.75 and [m.quote for m in scores.missed] == ["killed 20 people"]
    assert scores.clustering.f1 == 1.0  # clustering is scored on what was found


def test_undated_unplaced_incidents_lower_the_shares(tiny: Path) -> None:
    scores = _score(tiny, _briefing([ONE_EVENT, [(WIRE, "cas3")], [(CLAIM, "cas2")]], GOOD_TOTALS, tally=2,
                                    dated=False, places=()))
    assert scores.incidents.dated == scores.incidents.placed == scores.incidents.dated_placed == 0.0
    assert scores.incidents.date_correct == scores.incidents.place_correct == 0.0
    assert scores.incidents.predicted == 2  # the tally is not an incident of the period


def test_an_empty_briefing_measures_what_it_can_and_scores_zero(tiny: Path) -> None:
    scores = _score(tiny, _briefing([], []))
    assert scores.clustering.f1 == 0.0 and scores.mentions.recall == 0.0 and scores.figures.accuracy == 0.0
    assert scores.totals.inside == 0.0
    assert "mentions.precision" not in scores.flat() and "incidents.dated" not in scores.flat()


# --------------------------------------------------------------------------- the command


def test_cli_scores_an_incident_set_with_stable_keys_and_gates_on_them(tiny: Path, tmp_path: Path) -> None:
    report_path, markdown = tmp_path / "r.json", tmp_path / "r.md"
    empty = tmp_path / "none.toml"
    empty.write_text("", encoding="utf-8")
    args = ["eval", "--backend", "rules", "--incidents", str(tiny), "--thresholds", str(empty)]
    result = runner.invoke(app, [*args, "--report", str(report_path), "--markdown", str(markdown)])
    assert result.exit_code == 0, result.output
    data = json.loads(report_path.read_text(encoding="utf-8"))
    flat = EvalReport.model_validate(data).flat()
    assert {"incidents.tiny.clustering.f1", "incidents.tiny.mentions.recall", "incidents.tiny.totals.inside"} <= set(
        flat)
    assert "## Incident sets" in markdown.read_text(encoding="utf-8")
    failed = runner.invoke(app, [*args, "--fail-under", "incidents.tiny.mentions.recall=1.01"])
    assert failed.exit_code == 1 and "incidents.tiny.mentions.recall" in failed.output
    unknown = runner.invoke(app, [*args, "--fail-under", "incidents.tiny.bogus=0.5"])
    assert unknown.exit_code == 2 and "incidents.tiny.bogus" in unknown.output
    missing = runner.invoke(app, [*args[:4], str(tmp_path / "absent"), *args[5:]])
    assert missing.exit_code == 2 and "no such incident set directory" in missing.output


def test_saved_extractions_score_as_the_backend_run_does(tiny: Path, tmp_path: Path) -> None:
    out, empty = tmp_path / "out.jsonl", tmp_path / "none.toml"
    empty.write_text("", encoding="utf-8")
    extracted = runner.invoke(app, ["extract", str(tiny / "articles"), "-o", str(out), "--no-store", "--quiet"])
    assert extracted.exit_code == 0, extracted.output
    runs = {}
    for name, source in (("saved", ["-p", str(out)]), ("run", ["--backend", "rules"])):
        report = tmp_path / f"{name}.json"
        result = runner.invoke(app, ["eval", *source, "--incidents", str(tiny), "--thresholds", str(empty),
                                     "--report", str(report), "--no-gate"])
        assert result.exit_code == 0, result.output  # --no-gate: the seeds lack saved predictions (scored empty)
        runs[name] = json.loads(report.read_text(encoding="utf-8"))["incidents"]["tiny"]
    for scores in runs.values():
        scores.pop("backend")
    assert runs["saved"] == runs["run"]
