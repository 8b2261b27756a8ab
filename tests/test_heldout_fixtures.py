"""The held-out set in ``evals/heldout/``: articles written apart from the seeds, and their gold fixtures.

The articles stand in for outlets the offline engine was not tuned on, so the checks here guard the set itself:
each fixture validates, quotes its article verbatim, uses canonical gazetteer names and ordered counts (the same
checks as the seed fixtures, imported from ``test_fixtures``), and no article borrows a run of words from a seed.
"""

from __future__ import annotations

import re
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

HELDOUT = REPO / "evals" / "heldout"
ARTICLES = HELDOUT / "articles"
FIXTURES = HELDOUT / "fixtures"
ARTICLE_FILES = sorted(ARTICLES.glob("*.txt"))
FIXTURE_FILES = sorted(FIXTURES.glob("*.yaml"))

# Long enough that a shared run is borrowed text, short enough to catch a lightly edited sentence.
SHARED_WORDS = 8


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
    assert count_problems(gold) + link_problems(gold) + date_problems(gold) == []


def test_claimants_and_sources_are_named_in_the_article(gold: GoldFixture, articles: dict[str, Article]) -> None:
    # A claimant or source the article never names would be a labelling slip (a name from another article).
    text = articles[gold.article].text.casefold()
    names = [(c.id, c.claimant) for c in gold.claims] + [(c.id, c.reported_by) for c in gold.casualties]
    missing = [f"{item_id}: {name!r}" for item_id, name in names if name and name.casefold() not in text]
    assert missing == []


# --------------------------------------------------------------------------- the set itself


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.casefold())


def shared_runs(text: str, other: str, size: int = SHARED_WORDS) -> set[tuple[str, ...]]:
    """Runs of ``size`` consecutive words that occur in both texts."""

    def grams(words: list[str]) -> set[tuple[str, ...]]:
        return {tuple(words[i : i + size]) for i in range(len(words) - size + 1)}

    return grams(_words(text)) & grams(_words(other))


def test_shared_runs_finds_a_borrowed_sentence() -> None:
    seed = "Forces launched a wide operation to hunt down the remnants of the group in the desert on Sunday."
    assert shared_runs("Yesterday forces launched a wide operation to hunt down the remnants of it.", seed)
    assert not shared_runs("Troops began a sweep of the desert to find the last cells of the group.", seed)


@pytest.mark.parametrize("path", ARTICLE_FILES, ids=lambda p: p.stem)
def test_article_borrows_no_seed_text(path: Path, articles: dict[str, Article]) -> None:
    text = articles[path.name].text
    borrowed = {seed.name: shared_runs(text, seed.read_text(encoding="utf-8")) for seed in sorted(SEEDS.glob("*.txt"))}
    assert {name: runs for name, runs in borrowed.items() if runs} == {}


@pytest.mark.parametrize("path", ARTICLE_FILES, ids=lambda p: p.stem)
def test_article_length_is_realistic(path: Path, articles: dict[str, Article]) -> None:
    assert 150 <= len(articles[path.name].text.split()) <= 500
