"""The held-out (``evals/heldout/``) and blind (``evals/blind/``, ``evals/blind2/``, ``evals/blind3/``) sets: articles
written apart from the seeds.

The held-out set was used to find families of misses in the offline engine, so it guards against regressions;
the blind sets were never shown to the engine's developers and measure generalisation (each later one was written
when the engine was about to be tuned on the one before). The checks here guard the
sets themselves: each fixture validates, quotes its article verbatim, uses canonical gazetteer names, ordered counts
and consistent links (the checks of the seed fixtures, imported from ``test_fixtures``), dates nothing after its
article was published, names only claimants and sources its article names, and no article borrows a run of words
from a seed or from an earlier set.
"""

from __future__ import annotations

import datetime as dt
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

EVALS = REPO / "evals"
#: Each set, in the order written: an article may borrow text from none of the sets before it nor from the seeds.
SETS = ("heldout", "blind", "blind2", "blind3")
# Long enough that a shared run is borrowed text, short enough to catch a lightly edited sentence.
SHARED_WORDS = 8
#: Words per article (inclusive bounds): the later set holds longer formats (bulletins, reviews, live blogs).
LENGTHS = {"heldout": (150, 500), "blind": (150, 500), "blind2": (250, 900), "blind3": (250, 900)}


def _articles(name: str) -> list[Path]:
    return sorted((EVALS / name / "articles").glob("*.txt"))


def _fixtures(name: str) -> list[Path]:
    return sorted((EVALS / name / "fixtures").glob("*.yaml"))


FIXTURE_CASES = [pytest.param(name, path, id=f"{name}/{path.stem}") for name in SETS for path in _fixtures(name)]
ARTICLE_CASES = [pytest.param(name, path, id=f"{name}/{path.stem}") for name in SETS for path in _articles(name)]


@pytest.fixture(scope="module")
def articles() -> dict[str, dict[str, Article]]:
    return {name: load_seed_articles(EVALS / name / "articles") for name in SETS}


# --------------------------------------------------------------------------- checks particular to these sets


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


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.casefold())


def shared_runs(text: str, other: str, size: int = SHARED_WORDS) -> set[tuple[str, ...]]:
    """Runs of ``size`` consecutive words that occur in both texts."""

    def grams(words: list[str]) -> set[tuple[str, ...]]:
        return {tuple(words[i : i + size]) for i in range(len(words) - size + 1)}

    return grams(_words(text)) & grams(_words(other))


# --------------------------------------------------------------------------- the fixtures


@pytest.mark.parametrize("name", SETS)
def test_one_fixture_per_article_and_no_extra(name: str) -> None:
    assert len(_articles(name)) >= 8
    assert [p.stem for p in _fixtures(name)] == [p.stem for p in _articles(name)]


@pytest.mark.parametrize(("name", "path"), FIXTURE_CASES)
def test_fixture_holds_every_check(name: str, path: Path, articles: dict[str, dict[str, Article]]) -> None:
    gold = load_fixture(path)
    article = articles[name][gold.article]
    assert article.meta.published == gold.published
    assert article.meta.title and article.meta.outlet
    assert gold.operations and gold.casualties and gold.claims
    gaz = default_gazetteer()
    problems = (
        evidence_problems(gold, article.text)  # against the text as read: offsets and grounding see exactly this
        + id_problems(gold)
        + reference_problems(gold)
        + actor_problems(gold, gaz)
        + place_problems(gold, gaz)
        + admin1_problems(gold)
        + count_problems(gold)
        + link_problems(gold)
        + date_problems(gold)
        + future_date_problems(gold)
        + unnamed_source_problems(gold, article.text)
    )
    assert problems == []


# --------------------------------------------------------------------------- the articles


@pytest.mark.parametrize(("name", "path"), ARTICLE_CASES)
def test_article_borrows_no_earlier_text(name: str, path: Path, articles: dict[str, dict[str, Article]]) -> None:
    text = articles[name][path.name].text
    earlier = sorted(SEEDS.glob("*.txt")) + [p for s in SETS[: SETS.index(name)] for p in _articles(s)]
    borrowed = {other.name: shared_runs(text, other.read_text(encoding="utf-8")) for other in earlier}
    assert {other: runs for other, runs in borrowed.items() if runs} == {}


@pytest.mark.parametrize(("name", "path"), ARTICLE_CASES)
def test_article_length_is_realistic(name: str, path: Path, articles: dict[str, dict[str, Article]]) -> None:
    low, high = LENGTHS[name]
    assert low <= len(articles[name][path.name].text.split()) <= high


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


def test_shared_runs_finds_a_borrowed_sentence() -> None:
    seed = "Forces launched a wide operation to hunt down the remnants of the group in the desert on Sunday."
    assert shared_runs("Yesterday forces launched a wide operation to hunt down the remnants of it.", seed)
    assert not shared_runs("Troops began a sweep of the desert to find the last cells of the group.", seed)
