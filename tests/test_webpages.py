"""Saved web pages: the main text and metadata, through trafilatura.

``tests/data/pages/`` holds pages written for the tests (no real article), each beside the same article as plain
text with front matter stating what the page's metadata says. The pages carry navigation, share widgets, image
captions, "related" and "most read" links, newsletter boxes and comment sections, several with casualty figures of
their own, so that boilerplate left in the extracted text would show up as extra items.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from summarizer.articles import load_articles, make_article
from summarizer.models import ArticleExtraction
from summarizer.pipeline import RunOptions, run_articles_sync
from summarizer.webpage import read_page

PAGES = Path(__file__).parent / "data" / "pages"
NAMES = {"ambush": ".html", "airstrike": ".html", "bombing": ".htm"}


def _items(extraction: ArticleExtraction) -> list[tuple[object, ...]]:
    """Every item without its offsets (the page's text and the plain text lay paragraphs out differently)."""
    ops = [("op", o.kind, o.evidence.quote, o.date.start if o.date else None,
            tuple(a.canonical for a in (*o.by, *o.against)), tuple(p.canonical for p in o.places))
           for o in extraction.operations]
    cas = [("cas", c.outcome, c.count.low if c.count else None, c.count.best if c.count else None,
            c.victims.canonical, c.evidence.quote, c.date.start if c.date else None) for c in extraction.casualties]
    claims = [("claim", c.claimant.name, c.kind, c.evidence.quote) for c in extraction.claims]
    return sorted(map(repr, ops + cas + claims))  # type: ignore[arg-type]


def _extract(paths: list[Path]) -> dict[str, ArticleExtraction]:
    articles, errors = load_articles(paths)
    assert not errors
    report = run_articles_sync(articles, RunOptions())
    assert report.ok
    return {Path(e.article.source).name: e for e in report.extractions}


@pytest.mark.parametrize("name", sorted(NAMES))
def test_a_saved_page_gives_the_items_of_the_same_article_as_plain_text(name: str) -> None:
    page, text = PAGES / f"{name}{NAMES[name]}", PAGES / f"{name}.txt"
    got = _extract([page, text])
    from_page, from_text = got[page.name], got[text.name]
    assert from_page.casualties, "the article has casualty figures: an empty extraction would pass vacuously"
    assert _items(from_page) == _items(from_text)
    # Title, outlet and date come from the page's metadata, and match what the plain text states by hand.
    for key in ("title", "outlet", "published"):
        assert getattr(from_page.article, key) == getattr(from_text.article, key) is not None
    assert from_page.article.author and from_page.article.author.split()[-1].istitle()


def test_the_boilerplate_would_add_items_if_it_were_kept() -> None:
    """Control: the same pages read with every visible string kept do give extra figures, so the test above can fail."""
    import trafilatura

    for name, suffix in NAMES.items():
        markup = (PAGES / f"{name}{suffix}").read_text(encoding="utf-8")
        everything = make_article(trafilatura.html2txt(markup), f"{name}-all.txt", {"published": "2025-01-01"},
                                  html=False)
        main = make_article(markup, f"{name}{suffix}", html=True)
        report = run_articles_sync([everything, main], RunOptions())
        by_source = {e.article.source: e for e in report.extractions}
        assert len(by_source[f"{name}-all.txt"].casualties) > len(by_source[f"{name}{suffix}"].casualties)


def test_page_metadata_from_open_graph_json_ld_and_meta_tags() -> None:
    ambush = read_page((PAGES / "ambush.html").read_text(encoding="utf-8"))
    assert (ambush.title, ambush.outlet, ambush.author, ambush.published) == (
        "Patrol ambushed near river crossing", "Frontier Ledger", "Dana Okafor", "2025-04-14")
    assert ambush.url == "https://ledger.example/2025/04/14/patrol-ambushed"  # the canonical link
    airstrike = read_page((PAGES / "airstrike.html").read_text(encoding="utf-8"))  # schema.org JSON-LD
    assert (airstrike.outlet, airstrike.author, airstrike.published) == ("Tigris Daily", "Karim Haddad", "2024-11-06")
    for boilerplate in ("Most read", "Sign up", "50 were killed", "Breaking", "F-16"):
        assert boilerplate not in airstrike.text


def test_front_matter_and_manifest_win_over_page_metadata(tmp_path: Path) -> None:
    markup = (PAGES / "ambush.html").read_text(encoding="utf-8")
    (tmp_path / "page.html").write_text(markup, encoding="utf-8")
    (tmp_path / "manifest.yaml").write_text("page.html: {outlet: Desk copy, published: 2025-04-15}\n", encoding="utf-8")
    (article,), _ = load_articles([tmp_path])
    assert article.meta.outlet == "Desk copy" and article.meta.published == dt.date(2025, 4, 15)
    assert article.meta.title == "Patrol ambushed near river crossing"  # not in the manifest: from the page


def test_offsets_refer_to_the_extracted_text() -> None:
    got = _extract([PAGES / "ambush.html"])["ambush.html"]
    articles, _ = load_articles([PAGES / "ambush.html"])
    text = articles[0].text
    assert "<" not in text and "Comments policy" not in text and "Share on" not in text
    for item in (*got.operations, *got.casualties, *got.claims):
        assert item.evidence.start is not None and item.evidence.end is not None
        assert text[item.evidence.start : item.evidence.end] == item.evidence.quote


def test_a_page_without_article_text_is_one_clear_error(tmp_path: Path) -> None:
    page = tmp_path / "empty.html"
    page.write_text("<html><head><title>Nothing</title></head><body><nav><a href='/'>Home</a></nav></body></html>",
                    encoding="utf-8")
    articles, errors = load_articles([page])
    assert not articles and [str(e) for e in errors] == [f"{page}: the web page holds no article text"]
