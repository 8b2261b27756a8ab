"""The eval harness scores what it should, and every metric can fail.

The articles and gold fixtures under ``tests/data/eval/`` were written for these tests.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from typer.testing import CliRunner

from summarizer import evaluation as ev
from summarizer.articles import content_id
from summarizer.cli import app
from summarizer.models import (
    Actor,
    ActorCategory,
    Alignment,
    ArticleExtraction,
    CasualtyReport,
    Claimant,
    ClaimKind,
    Count,
    EventDate,
    Evidence,
    GoldCasualty,
    GoldFixture,
    Outcome,
    Place,
)

DATA = Path(__file__).resolve().parent / "data" / "eval"
FIXTURES = DATA / "fixtures"
SEEDS = DATA / "seeds"
HAWIJA = "a_hawija.txt"

runner = CliRunner()


@pytest.fixture(scope="module")
def gold_set() -> dict[str, tuple[GoldFixture, object]]:
    return ev.load_gold(FIXTURES, SEEDS)


@pytest.fixture(scope="module")
def gold(gold_set: dict) -> dict[str, GoldFixture]:
    return {article_id: fixture for article_id, (fixture, _) in gold_set.items()}


def perfect(gold_set: dict) -> dict[str, ArticleExtraction]:
    """Gold converted to predictions: a perfect backend's output (a fresh deep copy each call)."""
    return {i: ev.gold_as_extraction(fixture, article) for i, (fixture, article) in gold_set.items()}


def hawija_id(gold: dict[str, GoldFixture]) -> str:
    return next(i for i, f in gold.items() if f.article == HAWIJA)


# --------------------------------------------------------------------------- loading


def test_fixtures_are_keyed_by_the_content_id_of_the_seed_they_name(gold: dict[str, GoldFixture]) -> None:
    text = (SEEDS / HAWIJA).read_text(encoding="utf-8")
    assert gold[content_id(text)].article == HAWIJA
    assert sorted(f.article for f in gold.values()) == ["a_hawija.txt", "b_makhmour.txt"]


def test_a_fixture_naming_a_missing_seed_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "x.yaml").write_text("article: nowhere.txt\n", encoding="utf-8")
    with pytest.raises(ev.EvalError, match=r"nowhere\.txt"):
        ev.load_fixtures(tmp_path, SEEDS)


def test_an_invalid_fixture_names_the_file_and_field(tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text(
        "article: a_hawija.txt\noperations: [{id: op1, kind: party}]\n", encoding="utf-8"
    )
    with pytest.raises(ev.EvalError, match=r"bad\.yaml.*operations"):
        ev.load_fixtures(tmp_path, SEEDS)


# --------------------------------------------------------------------------- self and empty


def test_gold_scored_against_itself_is_perfect_everywhere(gold_set: dict, gold: dict) -> None:
    report = ev.evaluate(gold, perfect(gold_set))
    flat = report.flat(per_article=True)
    assert set(flat) >= ev.known_keys()  # every metric measured...
    assert all(value == 1.0 for value in flat.values()), {k: v for k, v in flat.items() if v != 1.0}  # ...and perfect
    assert not report.missed and not report.unmatched and not report.field_errors


def test_an_empty_prediction_scores_zero_and_measures_no_field(gold: dict) -> None:
    report = ev.evaluate(gold, {})
    for kind in ev.ITEM_TYPES:
        scores = getattr(report, kind)
        assert (scores.precision, scores.recall, scores.f1) == (0.0, 0.0, 0.0)
        assert all(value is None for value in scores.fields.values())
    assert report.grounding_rate is None and "grounding_rate" not in report.flat()
    assert len(report.missed) == sum(len(getattr(f, k)) for f in gold.values() for k in ev.ITEM_TYPES)
    assert all("no prediction" in w for w in report.warnings)


# --------------------------------------------------------------------------- what moves


def _scores(report: ev.EvalReport) -> dict[str, tuple[float, float, float]]:
    return {k: (getattr(report, k).precision, getattr(report, k).recall, getattr(report, k).f1) for k in ev.ITEM_TYPES}


def test_dropping_one_casualty_lowers_casualty_recall_only(gold_set: dict, gold: dict) -> None:
    predictions = perfect(gold_set)
    target = predictions[hawija_id(gold)]
    dropped = target.casualties.pop(2)
    report = ev.evaluate(gold, predictions)
    total = report.casualties.gold
    assert report.casualties.recall == round((total - 1) / total, 4)
    assert report.casualties.precision == 1.0
    assert _scores(report)["operations"] == _scores(report)["claims"] == (1.0, 1.0, 1.0)
    assert [(m.id, m.quote) for m in report.missed] == [(dropped.id, dropped.evidence.quote)]
    assert report.per_article[HAWIJA].casualties.recall == 0.75
    assert report.per_article["b_makhmour.txt"].casualties.recall == 1.0


def _set_count(casualty: CasualtyReport, low: int, best: int, high: int | None) -> None:
    casualty.count = Count(phrase=str(best), low=low, best=best, high=high)


def test_an_overlapping_count_change_moves_count_exact_only(gold_set: dict, gold: dict) -> None:
    predictions = perfect(gold_set)
    _set_count(predictions[hawija_id(gold)].casualties[0], 3, 4, 5)  # gold: 4/4/4
    report = ev.evaluate(gold, predictions)
    assert report.casualties.f1 == 1.0
    assert report.casualties.fields["count_in_range"] == 1.0
    assert report.casualties.fields["count_exact"] == round(6 / 7, 4)
    assert [(e.field, e.gold, e.predicted) for e in report.field_errors] == [("count_exact", "4/4/4", "3/4/5")]


@pytest.mark.parametrize(
    ("plant", "fields"),
    [
        (lambda c: setattr(c, "perpetrator", Actor(name="JNIM", canonical="JNIM")), {"perpetrator"}),
        (lambda c: setattr(c.victims, "category", ActorCategory.civilians), {"victims_category"}),
        (lambda c: setattr(c, "place", Place(name="Daquq", canonical="Daquq", admin1="IQ-KI", country="IQ")),
         {"place", "admin1", "country"}),
        (lambda c: setattr(c, "date", EventDate(phrase="on Sunday", start=dt.date(2024, 3, 10))), {"date"}),
        (lambda c: setattr(c, "operation_id", None), {"operation"}),
        (lambda c: setattr(c, "operation_id", "op1"), {"operation"}),  # linked to another (matched) operation
    ],
    ids=["perpetrator", "category", "place", "date", "unlinked", "wrong-link"],
)
def test_each_casualty_field_moves_alone(gold_set: dict, gold: dict, plant: Any, fields: set[str]) -> None:
    predictions = perfect(gold_set)
    plant(predictions[hawija_id(gold)].casualties[0])  # gold: Iraqi Army killed 4 by ISIS, op2, no place or date
    report = ev.evaluate(gold, predictions)
    assert report.casualties.f1 == 1.0
    assert {e.field for e in report.field_errors} == fields
    assert {k for k, v in report.casualties.fields.items() if v != 1.0} == fields


def test_a_wrong_number_in_the_same_quote_is_a_field_error_not_a_miss(gold_set: dict, gold: dict) -> None:
    predictions = perfect(gold_set)
    _set_count(predictions[hawija_id(gold)].casualties[0], 40, 40, 40)
    report = ev.evaluate(gold, predictions)
    assert report.casualties.f1 == 1.0
    assert report.casualties.fields["count_exact"] == report.casualties.fields["count_in_range"] == round(6 / 7, 4)


def test_a_wrong_number_from_another_sentence_is_a_miss_and_a_false_positive(gold_set: dict, gold: dict) -> None:
    predictions = perfect(gold_set)
    casualty = predictions[hawija_id(gold)].casualties[0]
    _set_count(casualty, 40, 40, 40)
    casualty.evidence = Evidence(quote="Local officials said", alignment=Alignment.exact, start=0, end=20)
    report = ev.evaluate(gold, predictions)
    assert report.casualties.precision == report.casualties.recall == round(6 / 7, 4)
    assert report.casualties.fields["count_exact"] == 1.0  # the remaining matches are right
    assert [m.id for m in report.missed] == ["cas1"] and [u.id for u in report.unmatched] == ["cas1"]


def test_swapping_two_claimants_lowers_claims_metrics_only(gold_set: dict, gold: dict) -> None:
    predictions = perfect(gold_set)
    claims = predictions[hawija_id(gold)].claims
    claims[1].claimant, claims[2].claimant = claims[2].claimant, claims[1].claimant  # al-Tamimi <-> Local officials
    report = ev.evaluate(gold, predictions)
    assert report.claims.precision == report.claims.recall == round(5 / 7, 4)
    assert _scores(report)["operations"] == _scores(report)["casualties"] == (1.0, 1.0, 1.0)
    assert sorted(m.id for m in report.missed) == ["cl2", "cl3"]


def test_a_claimant_with_a_title_still_matches_and_counts_as_the_same_claimant(gold_set: dict, gold: dict) -> None:
    predictions = perfect(gold_set)
    predictions[hawija_id(gold)].claims[1].claimant = Claimant(name="Brigadier General Karim al-Tamimi")
    report = ev.evaluate(gold, predictions)
    assert report.claims.f1 == 1.0 and report.claims.fields["claimant"] == 1.0


@pytest.mark.parametrize(
    ("gold_name", "predicted", "same"),
    [
        ("Director, Defence Media Operations", "the director", True),  # a comma is no part of a word
        ("Major General Tahsin al-Khafaji", "Tahsin al-Khafaji", True),
        ("Police spokesman", "Ministry of Health", False),
    ],
)
def test_a_claimant_is_the_same_whatever_the_punctuation(gold_name: str, predicted: str, same: bool) -> None:
    assert (ev.name_similarity(gold_name, predicted) >= ev.MIN_CLAIMANT_SIMILARITY) is same


def test_a_wrong_claim_kind_moves_kind_accuracy(gold_set: dict, gold: dict) -> None:
    predictions = perfect(gold_set)
    predictions[hawija_id(gold)].claims[1].kind = ClaimKind.statement
    report = ev.evaluate(gold, predictions)
    assert report.claims.f1 == 1.0
    assert report.claims.fields["kind"] == round(6 / 7, 4)


def test_an_invented_casualty_lowers_precision_only(gold_set: dict, gold: dict) -> None:
    predictions = perfect(gold_set)
    predictions[hawija_id(gold)].casualties.append(
        CasualtyReport(
            id="cas9",
            victims=Actor(name="civilians", canonical="Civilians", category="civilians"),
            outcome=Outcome.killed,
            count=Count(phrase="seven", low=7, best=7, high=7),
            evidence=Evidence(
                quote="The operation follows an attack on Thursday", alignment=Alignment.exact, start=0, end=5
            ),
        )
    )
    report = ev.evaluate(gold, predictions)
    assert report.casualties.precision == round(7 / 8, 4)
    assert report.casualties.recall == 1.0
    assert [u.id for u in report.unmatched] == ["cas9"]


def test_victims_without_canonical_are_resolved_with_the_gazetteer(gold_set: dict, gold: dict) -> None:
    predictions = perfect(gold_set)
    for casualty in predictions[hawija_id(gold)].casualties:
        casualty.victims = Actor(name={"Iraqi Army": "Iraqi soldiers", "ISIS": "militants"}.get(
            casualty.victims.canonical or "", "civilians"))  # fmt: skip
    report = ev.evaluate(gold, predictions)
    assert report.casualties.f1 == 1.0 and report.casualties.fields["victims"] == 1.0


def test_an_unsplit_figure_matches_killed_partially_and_misses_the_outcome(gold_set: dict, gold: dict) -> None:
    predictions = perfect(gold_set)
    predictions[hawija_id(gold)].casualties[0].outcome = Outcome.killed_or_wounded
    report = ev.evaluate(gold, predictions)
    assert report.casualties.f1 == 1.0
    assert report.casualties.fields["outcome"] == round(6 / 7, 4)
    predictions[hawija_id(gold)].casualties[0].outcome = Outcome.captured  # no partial credit: a miss
    assert ev.evaluate(gold, predictions).casualties.recall == round(6 / 7, 4)


def test_unaligned_evidence_lowers_the_grounding_rate(gold_set: dict, gold: dict) -> None:
    predictions = perfect(gold_set)
    operation = predictions[hawija_id(gold)].operations[0]
    operation.evidence = Evidence(quote=operation.evidence.quote)  # as a backend leaves it before grounding
    report = ev.evaluate(gold, predictions)
    assert report.operations.grounding_rate == round(4 / 5, 4)
    assert report.grounding_rate == round(18 / 19, 4)
    assert report.operations.f1 == 1.0  # grounding is measured apart from matching


def test_a_wrong_operation_date_and_name_move_their_fields(gold_set: dict, gold: dict) -> None:
    predictions = perfect(gold_set)
    operation = predictions[hawija_id(gold)].operations[0]
    assert operation.date is not None
    operation.date.start = operation.date.start.replace(day=3)
    operation.name = "Iron Fist"
    report = ev.evaluate(gold, predictions)
    assert report.operations.f1 == 1.0
    assert report.operations.fields["date"] == report.operations.fields["name"] == 0.8


# --------------------------------------------------------------------------- assignment


def _greedy(matrix: np.ndarray, minimum: float) -> list[tuple[int, int]]:
    pairs = sorted(((matrix[i, j], i, j) for i in range(matrix.shape[0]) for j in range(matrix.shape[1])), reverse=True)
    used_rows: set[int] = set()
    used_cols: set[int] = set()
    out = []
    for score, i, j in pairs:
        if score >= minimum and i not in used_rows and j not in used_cols:
            out.append((i, j))
            used_rows.add(i)
            used_cols.add(j)
    return out


def test_optimal_assignment_beats_greedy_on_a_crafted_case() -> None:
    def gold_item(cid: str, value: int, quote: str) -> GoldCasualty:
        return GoldCasualty(
            id=cid, victims="Civilians", victims_category="civilians", outcome="killed", low=value, best=value,
            high=value, evidence=quote,
        )  # fmt: skip

    def pred_item(cid: str, low: int, high: int, quote: str) -> CasualtyReport:
        return CasualtyReport(
            id=cid, victims=Actor(name="civilians"), outcome=Outcome.killed,
            count=Count(phrase=f"{low} to {high}", low=low, best=low, high=high), evidence=Evidence(quote=quote),
        )  # fmt: skip

    gold_items = [
        gold_item("a", 10, "ten villagers were killed in the market"),
        gold_item("b", 12, "twelve shepherds died near the bridge"),
    ]
    # x overlaps both gold counts and quotes a's sentence; y has a's number but quotes an unrelated line.
    predicted = [
        pred_item("x", 10, 12, "ten villagers were killed in the market"),
        pred_item("y", 10, 10, "a statement from the governor followed"),
    ]
    matching = ev.match_items("casualties", gold_items, predicted)
    assert len(_greedy(matching.similarity, ev.MIN_SIMILARITY["casualties"])) == 1
    assert sorted((g, p) for g, p, _ in matching.pairs) == [(0, 1), (1, 0)]


def test_assign_ignores_pairs_below_the_minimum() -> None:
    matrix = np.array([[0.4, 0.0], [0.0, 0.9]])
    assert [(g, p) for g, p, _ in ev.assign(matrix, 0.5)] == [(1, 1)]
    assert ev.assign(np.zeros((0, 3)), 0.5) == []


# --------------------------------------------------------------------------- thresholds and comparison


def test_thresholds_read_quoted_and_nested_keys(tmp_path: Path) -> None:
    path = tmp_path / "t.toml"
    path.write_text('"casualties.f1" = 0.25\n[claims]\nrecall = 0.5\n', encoding="utf-8")
    assert ev.load_thresholds(path) == {"casualties.f1": 0.25, "claims.recall": 0.5}


def test_an_unmeasured_threshold_fails_and_an_unknown_key_is_an_error(gold: dict) -> None:
    report = ev.evaluate(gold, {})
    failures = ev.check_thresholds(report, {"casualties.fields.count_exact": 0.0, "claims.f1": 0.0})
    assert [(f.key, f.value) for f in failures] == [("casualties.fields.count_exact", None)]
    with pytest.raises(ev.EvalError, match=r"casualties\.f2"):
        ev.check_thresholds(report, {"casualties.f2": 0.1})


def test_compare_reports_gives_signed_deltas(gold_set: dict, gold: dict) -> None:
    old = ev.flatten_report_json(ev.evaluate(gold, {}).model_dump(mode="json"))
    new = ev.flatten_report_json(ev.evaluate(gold, perfect(gold_set)).model_dump(mode="json"))
    deltas = {d.key: d for d in ev.compare_reports(old, new)}
    assert deltas["casualties.f1"].change == 1.0
    assert deltas["grounding_rate"].old is None and deltas["grounding_rate"].change is None
    assert "casualties.gold" not in deltas


# --------------------------------------------------------------------------- command line


def _write_predictions(path: Path, predictions: dict[str, ArticleExtraction]) -> None:
    path.write_text("".join(p.model_dump_json() + "\n" for p in predictions.values()), encoding="utf-8")


def _eval_args(*extra: str, thresholds: Path) -> list[str]:
    return ["eval", "--fixtures", str(FIXTURES), "--seeds", str(SEEDS), "--thresholds", str(thresholds), *extra]


def test_cli_scores_a_predictions_file_and_writes_stable_keys(gold_set: dict, tmp_path: Path) -> None:
    predictions = tmp_path / "out.jsonl"
    _write_predictions(predictions, perfect(gold_set))
    thresholds = tmp_path / "t.toml"
    thresholds.write_text('"casualties.f1" = 0.9\n', encoding="utf-8")
    report_path, markdown = tmp_path / "report.json", tmp_path / "report.md"
    result = runner.invoke(
        app,
        _eval_args(
            "-p", str(predictions), "--report", str(report_path), "--markdown", str(markdown), thresholds=thresholds
        ),
    )
    assert result.exit_code == 0, result.output
    assert "gate passed" in result.output
    data = json.loads(report_path.read_text(encoding="utf-8"))
    assert data["casualties"]["f1"] == data["operations"]["precision"] == data["claims"]["recall"] == 1.0
    assert data["casualties"]["fields"]["count_exact"] == 1.0 and data["grounding_rate"] == 1.0
    assert {"per_article", "unmatched", "missed"} <= set(data) and set(data["per_article"]) == {
        HAWIJA,
        "b_makhmour.txt",
    }
    assert markdown.read_text(encoding="utf-8").startswith("# eval: gold")
    from summarizer.generated import is_generated

    assert is_generated(markdown)  # a report left among articles is never read as one


def test_cli_fail_under_exits_1_naming_the_key(gold_set: dict, tmp_path: Path) -> None:
    predictions = tmp_path / "out.jsonl"
    partial = perfect(gold_set)
    for extraction in partial.values():
        extraction.claims = []
    _write_predictions(predictions, partial)
    empty = tmp_path / "none.toml"
    empty.write_text("", encoding="utf-8")
    result = runner.invoke(
        app, _eval_args("-p", str(predictions), "--fail-under", "claims.recall=0.5", thresholds=empty)
    )
    assert result.exit_code == 1
    assert "claims.recall" in result.output and "gate failed" in result.output
    ignored = runner.invoke(
        app, _eval_args("-p", str(predictions), "--fail-under", "claims.recall=0.5", "--no-gate", thresholds=empty)
    )
    assert ignored.exit_code == 0
    passed = runner.invoke(
        app, _eval_args("-p", str(predictions), "--fail-under", "casualties.recall=1", thresholds=empty)
    )
    assert passed.exit_code == 0, passed.output


def test_cli_rejects_unknown_threshold_keys_and_compares_reports(gold_set: dict, tmp_path: Path) -> None:
    empty = tmp_path / "none.toml"
    empty.write_text("", encoding="utf-8")
    predictions = tmp_path / "out.jsonl"
    _write_predictions(predictions, perfect(gold_set))
    bad = runner.invoke(app, _eval_args("-p", str(predictions), "--fail-under", "casualties.f9=1", thresholds=empty))
    assert bad.exit_code == 2 and "casualties.f9" in bad.output
    old = tmp_path / "old.json"
    old.write_text(ev.evaluate({}, {}).model_dump_json(), encoding="utf-8")
    compared = runner.invoke(app, _eval_args("-p", str(predictions), "--compare", str(old), thresholds=empty))
    assert compared.exit_code == 0 and "compared with the previous report" in compared.output


def test_cli_runs_a_backend_over_the_seeds(tmp_path: Path) -> None:
    empty = tmp_path / "none.toml"
    empty.write_text("", encoding="utf-8")
    report_path = tmp_path / "report.json"
    result = runner.invoke(app, _eval_args("--backend", "rules", "--report", str(report_path), thresholds=empty))
    assert result.exit_code == 0, result.output
    data = json.loads(report_path.read_text(encoding="utf-8"))
    assert data["backend"] == "rules" and data["fixtures"] == 2


def test_the_committed_thresholds_name_known_keys_only() -> None:
    path = Path(__file__).resolve().parent.parent / "evals" / "thresholds.toml"
    thresholds = ev.load_thresholds(path)
    assert thresholds and set(thresholds) <= ev.known_keys()
    assert all(0.0 <= value <= 1.0 for value in thresholds.values())


@pytest.mark.parametrize(
    ("gold", "predicted", "agree"),
    [
        ("Culiacan", Place(name="Culiacán", canonical="Culiacán"), True),  # diacritics aside
        ("Dembecha", Place(name="Dembech’a", canonical="Dembech’a"), True),  # an apostrophe of transliteration
        ("Zaporizhzhia", Place(name="Zaporizhzhia", canonical="Zaporizhzhya"), True),  # as written counts
        ("Kupiansk-Vuzlovyi", Place(name="Kupiansk Vuzlovyi"), True),  # a village only the text knows
        ("Kenscoff", Place(name="Port-au-Prince", canonical="Port-au-Prince"), False),
        ("Tsafe", None, False),
    ],
)
def test_a_place_agrees_by_its_canonical_name_or_as_written(gold: str, predicted: Place | None, agree: bool) -> None:
    assert ev._same_place(predicted, gold) is agree


def test_an_operation_scores_its_places_as_a_set_of_names() -> None:
    written = [ev._place_alternatives(Place(name="Culiacán", canonical="Culiacán"))]
    assert ev.place_names_overlap(["Culiacan"], written) == (1, 1)
    both = [*written, ev._place_alternatives(Place(name="Sinaloa", canonical="Sinaloa"))]
    assert ev.place_names_overlap(["Culiacan"], both) == (1, 2)  # a province beside its town is one place too many
    assert ev.place_names_overlap([], []) == (0, 0)


def test_a_predicted_province_says_what_gold_gives_by_the_provinces_code() -> None:
    from summarizer.evaluation import _same_place
    from summarizer.models import Place

    province = Place(name="South West", admin1="CM-SW", country="CM", geo_precision=3)
    town = Place(name="Buea", admin1="CM-SW", country="CM", geo_precision=1)
    assert _same_place(province, None, "CM-SW")
    assert not _same_place(town, None, "CM-SW")  # a town is more than gold says, and may be wrong
    assert not _same_place(province, None, "CM-NW")
    assert not _same_place(province, None, None)
