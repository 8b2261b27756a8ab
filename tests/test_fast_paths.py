"""The cheaper paths give what the plain ones gave: folding by table, grounding in place, one-transaction saves.

Speed itself is measured by ``benchmarks/bench_llm.py`` only; these tests pin the behaviour.
"""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

import pytest

from summarizer.articles import make_article
from summarizer.backends.scripted import ScriptedBackend
from summarizer.drafts import draft_to_extraction
from summarizer.grounding import _fold_char, fold, fold_str
from summarizer.models import DraftExtraction, Provenance
from summarizer.pipeline import RunOptions, postprocess, run_articles, run_articles_sync
from summarizer.store import Store

TEXT = (
    "Gendarmes near Tel Afar arrested three smugglers on Monday, the provincial police chief said. "
    "“We will not stop,” he added. One gendarme was hurt when a truck rammed the checkpoint."
)
DRAFT = {
    "summary": "Gendarmes arrested three smugglers near Tel Afar.",
    "operations": [{"kind": "raid", "by": ["Gendarmes"], "quote": "Gendarmes near Tel Afar arrested three smugglers"}],
    "casualties": [
        {"victims": "smugglers", "outcome": "arrested", "count_phrase": "three",
         "quote": "arrested three smugglers on Monday"},
        {"victims": "gendarme", "outcome": "wounded", "count_phrase": "One", "quote": "One gendarme was hurt"},
        {"victims": "civilians", "outcome": "killed", "count_phrase": "nine", "quote": "nine civilians died"},
    ],
    "claims": [
        {"claimant": "the provincial police chief", "kind": "statement", "content": "They will go on.",
         "quote": "We will not stop, he added"},
    ],
}  # fmt: skip


@pytest.mark.parametrize(
    "text",
    [
        "plain words, and digits 1,200",
        "curly “quotes” and ‘single’ ones, «guillemets»",
        "dashes – — ‒ − and an ellipsis…",
        "Salāḩ ad Dīn, Şırnak, ÉCOLE, straße",
        "zero\u200bwidth, soft\u00adhyphen, \ufeffBOM, ligature \ufb01le",
        "Arabic الموصل and Kurdish هەولێر",
        "",
    ],
)
def test_fold_str_is_the_folded_text_character_by_character(text: str) -> None:
    expected = "".join(_fold_char(ch) for ch in text)
    assert fold_str(text) == expected == fold(text).text


def extraction():  # type: ignore[no-untyped-def]
    article = make_article(TEXT, "tel-afar.txt", {"published": "2024-05-07"})
    draft = DraftExtraction.model_validate(DRAFT)
    return draft_to_extraction(draft, article, Provenance(backend="scripted", model="scripted")), article


@pytest.mark.parametrize("policy", ["strict", "flag"])
def test_postprocess_in_place_equals_postprocess_on_a_copy(policy: str) -> None:
    raw, article = extraction()
    before = raw.model_dump()
    copied = postprocess(raw, article, policy)  # type: ignore[arg-type]
    assert raw.model_dump() == before  # the default leaves its input alone
    in_place = postprocess(raw, article, policy, copy=False)  # type: ignore[arg-type]
    assert in_place.model_dump() == copied.model_dump()
    assert any("nine" in w for w in copied.warnings) or any(
        c.grounding.problems for c in copied.casualties
    )  # the unsupported figure was caught either way


def test_pipeline_grounds_what_the_backend_answered(tmp_path: Path) -> None:
    article = make_article(TEXT, "tel-afar.txt", {"published": "2024-05-07"})
    backend = ScriptedBackend()
    backend.enqueue(DRAFT)
    report = asyncio.run(run_articles([article], RunOptions(db_path=None), backend=backend))
    raw, _ = extraction()
    expected = postprocess(raw, article, "strict")
    [got] = report.extractions
    assert got.model_dump(exclude={"provenance"}) == expected.model_dump(exclude={"provenance"})
    assert [c.count.phrase for c in got.casualties] == ["three", "One"]  # "nine" is not in the text


def test_run_articles_sync_returns_the_report() -> None:
    article = make_article(TEXT, "tel-afar.txt")
    backend = ScriptedBackend()
    backend.enqueue(DRAFT)
    report = run_articles_sync([article], RunOptions(db_path=None), backend=backend)
    assert report.ok and len(report.extractions) == 1 and report.extractions[0].article.id == article.id


def test_save_result_writes_article_and_extraction_and_updates_changed_metadata(tmp_path: Path) -> None:
    raw, article = extraction()
    db = tmp_path / "s.db"
    with Store(db) as store:
        store.save_result(article, raw, "fp-1")
        assert store.get_article(article.id) == article
        assert store.get_extraction(article.id, "fp-1") == raw
        renamed = make_article(TEXT, "elsewhere.txt", {"published": "2024-05-07", "title": "Smugglers held"})
        assert renamed.id == article.id  # same text, same id
        store.save_result(renamed, raw, "fp-1")
        assert store.get_article(article.id) == renamed  # the metadata follows the latest save
        store.save_article(article)
        assert store.get_article(article.id) == article
    rows = sqlite3.connect(db).execute("SELECT COUNT(*) FROM articles").fetchone()
    assert rows == (1,)


def test_save_result_is_all_or_nothing(tmp_path: Path) -> None:
    raw, article = extraction()
    with Store(tmp_path / "s.db") as store:
        store._conn.execute("DROP TABLE extractions")  # the second write of the pair will fail
        with pytest.raises(sqlite3.OperationalError):
            store.save_result(article, raw, "fp-1")
        assert store.get_article(article.id) is None  # the first write was rolled back with it
