from __future__ import annotations

import io
import json
from pathlib import Path

from summarizer.articles import Article, ArticleError, clean_view, content_id, iter_articles, load_articles

from .conftest import SEEDS


def test_text_with_front_matter_keeps_body_exact(tmp_path: Path) -> None:
    body = "Militants attacked a checkpoint on Monday.\n"
    (tmp_path / "a.md").write_text(
        "---\ntitle: Checkpoint attack\noutlet: Test Wire\npublished: 2021-03-04\nurl: https://example.org/a\n---\n"
        + body,
        encoding="utf-8",
    )
    (article,), errors = load_articles([tmp_path / "a.md"])
    assert errors == []
    assert article.text == body
    assert article.meta.title == "Checkpoint attack"
    assert article.meta.outlet == "Test Wire"
    assert str(article.meta.published) == "2021-03-04"
    assert article.meta.url == "https://example.org/a"
    assert article.id == content_id(body)


def test_malformed_front_matter_is_one_clear_error(tmp_path: Path) -> None:
    (tmp_path / "bad.md").write_text("---\ntitle: [unclosed\n---\nBody.\n", encoding="utf-8")
    articles, (error,) = load_articles([tmp_path / "bad.md"])
    assert articles == []
    assert "bad.md" in str(error) and "front matter" in str(error)
    assert "\n" not in str(error)


def test_json_and_jsonl_records(tmp_path: Path) -> None:
    records = [
        {"id": "x1", "title": "One", "text": "A raid was carried out in the village.", "published": "2020-01-02"},
        {"id": "x2", "title": "Two", "text": "Two soldiers were wounded in a blast."},
    ]
    (tmp_path / "many.json").write_text(json.dumps(records), encoding="utf-8")
    (tmp_path / "lines.jsonl").write_text(
        json.dumps({"text": "An airstrike hit a hideout.", "outlet": "Wire"}) + "\n\n{not json}\n", encoding="utf-8"
    )
    articles, errors = load_articles([tmp_path / "many.json", tmp_path / "lines.jsonl"])
    assert [a.meta.title for a in articles] == ["One", "Two", None]
    assert articles[2].meta.outlet == "Wire"
    assert str(articles[0].meta.published) == "2020-01-02"
    assert len(errors) == 1 and "lines.jsonl:3" in str(errors[0]) and "malformed JSON" in str(errors[0])


def test_stdin_is_read_with_dash() -> None:
    (article,), errors = load_articles(["-"], stdin=io.StringIO("Police arrested three suspects on Friday."))
    assert errors == [] and article.meta.source == "-"
    assert article.text == "Police arrested three suspects on Friday."


def test_directory_is_walked_recursively_in_order_and_duplicates_are_read_once(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text("Second article text.", encoding="utf-8")
    (tmp_path / "1.txt").write_text("First article text.", encoding="utf-8")
    (tmp_path / "copy.txt").write_text("First article text.", encoding="utf-8")
    (tmp_path / "ignored.csv").write_text("a,b", encoding="utf-8")
    articles, errors = load_articles([tmp_path])
    assert errors == []
    assert [a.text for a in articles] == ["First article text.", "Second article text."]


def test_missing_path_and_empty_dir_are_errors_and_others_still_load(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    (tmp_path / "ok.txt").write_text("A clash broke out near the border.", encoding="utf-8")
    items = list(iter_articles([tmp_path / "nope.txt", tmp_path / "empty", tmp_path / "ok.txt"]))
    assert [type(i) for i in items] == [ArticleError, ArticleError, Article]
    assert "no such file" in str(items[0]) and "no articles" in str(items[1])


def test_seed_manifest_metadata_is_merged_without_touching_text() -> None:
    articles, errors = load_articles([SEEDS])
    assert errors == [] and len(articles) == 5
    first = articles[0]
    assert first.meta.outlet == "Gulan Media" and str(first.meta.published) == "2023-12-03"
    assert first.text == (SEEDS / "000_315ef980977422ac.txt").read_text(encoding="utf-8")


def test_clean_view_unglues_words_and_maps_offsets_back() -> None:
    text = "Troops killed over100 fighters in the campaign,bolstered by JointOperations support."
    view = clean_view(text)
    assert "over 100" in view.text and "campaign, bolstered" in view.text and "Joint Operations" in view.text
    start = view.text.index("100 fighters")
    s, e = view.to_original(start, start + len("100 fighters"))
    assert text[s:e] == "100 fighters"


def test_clean_view_cuts_a_comments_footer_but_keeps_ordinals() -> None:
    text = "The 52nd brigade moved in.\nMore text here about the raid.\nComments\nWe moderate all comments.\n"
    view = clean_view(text)
    assert "52nd" in view.text and "moderate" not in view.text
