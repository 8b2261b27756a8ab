"""The blind set in ``evals/blind/``: articles written apart from the seeds and the first held-out set.

The first held-out set was used to tune the offline engine, so it no longer measures generalisation; this set
stands in for outlets nobody here has seen. The checks guard the set itself: each fixture validates, quotes its
article verbatim, uses canonical gazetteer names, ordered counts and consistent links (the checks of the seed
fixtures, imported from ``test_fixtures``), dates nothing after its article was published, names only claimants
and sources its article names, and no article borrows a run of words from a seed or a held-out article.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from summarizer.articles import Article
from summarizer.evaluation import load_fixture, load_seed_articles
from summarizer.gazetteer import default_gazetteer
from summarizer.models import GoldFixture

from .conftest import REPO, SEEDS
from .test_fixtures import (
    actor_problems,
    admin1_problems,
    count_problems,
    date_problems,
    evidence_problems,
    id_problems,
    link_problems,
    place_problems,
    reference_problems,
)
from .test_heldout_fixtures import shared_runs

BLIND = REPO / "evals" / "blind"
ARTICLES = BLIND / "articles"
FIXTURES = BLIND / "fixtures"
HELDOUT_ARTICLES = REPO / "evals" / "heldout" / "articles"
ARTICLE_FILES = sorted(ARTICLES.glob("*.txt"))
FIXTURE_FILES = sorted(FIXTURES.glob("*.yaml"))


# --------------------------------------------------------------------------- checks particular to this set


def future_date_problems(gold: GoldFixture) -> list[str]:
    """Items dated after the article's publication date (a relative day resolved the wrong way)."""
    if gold.published is None:
        return []
    dated: list[tuple[str, dt.date | None]] = [(op.id, op.date_start) for op in gold.operations]
    dated += [(op.id, op.date_end) for op in gold.operations]
    dated += [(cas.id, cas.date_start) for cas in gold.casualties]
    return [
        f"{item_id}: dated {day} after publication {gold.published}"
        for item_id, day in dated
        if day is not None and day > gold.published
    ]


def unnamed_source_problems(gold: GoldFixture, text: str) -> list[str]:
    """Claimants and ``reported_by`` sources that the article never names (a name from another article)."""
    folded = text.casefold()
    names = [(c.id, c.claimant) for c in gold.claims] + [(c.id, c.reported_by) for c in gold.casualties]
    return [
        f"{item_id}: {name!r} not in the article" for item_id, name in names if name and name.casefold() not in folded
    ]


# --------------------------------------------------------------------------- the real fixtures


@pytest.fixture(scope="module")
def articles() -> dict[str, Article]:
    return load_seed_articles(ARTICLES)


def test_one_fixture_per_article_and_no_extra() -> None:
    assert len(ARTICLE_FILES) >= 8
    assert [p.stem for p in FIXTURE_FILES] == [p.stem for p in ARTICLE_FILES]


@pytest.fixture(params=FIXTURE_FILES, ids=lambda p: p.stem)
def gold(request: pytest.FixtureRequest) -> GoldFixture:
    return load_fixture(request.param)


def test_fixture_names_its_article_and_date(gold: GoldFixture, articles: dict[str, Article]) -> None:
    article = articles[gold.article]
    assert article.meta.published == gold.published
    assert article.meta.title and article.meta.outlet


def test_fixture_has_items(gold: GoldFixture) -> None:
    assert gold.operations and gold.casualties and gold.claims


def test_evidence_is_verbatim(gold: GoldFixture, articles: dict[str, Article]) -> None:
    # Against the text as read (front matter removed): offsets and grounding see exactly this.
    assert evidence_problems(gold, articles[gold.article].text) == []


def test_ids_and_references(gold: GoldFixture) -> None:
    assert id_problems(gold) + reference_problems(gold) == []


def test_names_are_canonical(gold: GoldFixture) -> None:
    gaz = default_gazetteer()
    assert actor_problems(gold, gaz) + place_problems(gold, gaz) + admin1_problems(gold) == []


def test_counts_links_and_dates_are_consistent(gold: GoldFixture) -> None:
    assert count_problems(gold) + link_problems(gold) + date_problems(gold) + future_date_problems(gold) == []


def test_claimants_and_sources_are_named_in_the_article(gold: GoldFixture, articles: dict[str, Article]) -> None:
    assert unnamed_source_problems(gold, articles[gold.article].text) == []


# --------------------------------------------------------------------------- the set itself


@pytest.mark.parametrize("path", ARTICLE_FILES, ids=lambda p: p.stem)
def test_article_borrows_no_seed_or_heldout_text(path: Path, articles: dict[str, Article]) -> None:
    text = articles[path.name].text
    others = sorted(SEEDS.glob("*.txt")) + sorted(HELDOUT_ARTICLES.glob("*.txt"))
    borrowed = {other.name: shared_runs(text, other.read_text(encoding="utf-8")) for other in others}
    assert {name: runs for name, runs in borrowed.items() if runs} == {}


@pytest.mark.parametrize("path", ARTICLE_FILES, ids=lambda p: p.stem)
def test_article_length_is_realistic(path: Path, articles: dict[str, Article]) -> None:
    assert 150 <= len(articles[path.name].text.split()) <= 500


# --------------------------------------------------------------------------- the checks catch planted faults


def _planted(published: str | None, day: str, claimant: str) -> GoldFixture:
    return GoldFixture.model_validate(
        {
            "article": "planted.txt",
            "published": published,
            "operations": [{"id": "op1", "kind": "raid", "date_start": day, "evidence": "Troops raided a farm"}],
            "casualties": [
                {
                    "id": "cas1",
                    "victims": "ISIS",
                    "victims_category": "militant_group",
                    "outcome": "captured",
                    "low": 2,
                    "best": 2,
                    "high": 2,
                    "reported_by": claimant,
                    "evidence": "captured two men",
                }
            ],
            "claims": [{"id": "cl1", "claimant": claimant, "kind": "statement", "content": "x", "evidence": "y"}],
        }
    )


_TEXT = "Troops raided a farm on Monday and captured two men, the district governor said."


def test_planted_clean_fixture_passes() -> None:
    gold = _planted("2024-01-03", "2024-01-01", "district governor")
    assert future_date_problems(gold) + unnamed_source_problems(gold, _TEXT) == []


def test_future_date_is_caught() -> None:
    # "on Monday" resolved forward instead of back: a week after publication.
    problems = future_date_problems(_planted("2024-01-03", "2024-01-08", "district governor"))
    assert problems and all("after publication 2024-01-03" in p for p in problems)


def test_unknown_publication_date_checks_nothing() -> None:
    assert future_date_problems(_planted(None, "2024-01-08", "district governor")) == []


def test_source_from_another_article_is_caught() -> None:
    problems = unnamed_source_problems(_planted("2024-01-03", "2024-01-01", "Security Media Cell"), _TEXT)
    expected = [f"{item}: 'Security Media Cell' not in the article" for item in ("cl1", "cas1")]
    assert problems == expected
