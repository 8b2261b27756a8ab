"""Never read our own output: briefings and extractions written into a folder are skipped when it is briefed again."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from typer.testing import CliRunner

from summarizer.articles import ARTICLE_SUFFIXES, load_articles
from summarizer.cli import app
from summarizer.generated import SkippedOutput, is_generated, mark

from .conftest import SEEDS

runner = CliRunner()


def _brief(folder: Path, out: Path, fmt: str = "json") -> tuple[dict, str]:  # type: ignore[type-arg]
    result = runner.invoke(app, ["brief", str(folder), "-f", fmt, "-o", str(out), "--no-store", "-q"])
    assert result.exit_code == 0, result.output
    return (json.loads(out.read_text(encoding="utf-8")) if fmt == "json" else {}), result.output


def _totals(briefing: dict) -> list[tuple[str, str, int]]:  # type: ignore[type-arg]
    return [(t["victims"], t["outcome"], t["best"]) for t in briefing["totals"]]


def test_briefing_a_folder_twice_gives_the_same_totals_and_one_warning_per_output(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    shutil.copytree(SEEDS, folder)
    first, output = _brief(folder, tmp_path / "first.json")
    assert "warning" not in output and first["totals"]
    # Every format the tool writes, and an extract JSONL, now sit among the articles.
    for fmt, name in (("md", "briefing.md"), ("json", "briefing.json"), ("html", "briefing.html"),
                      ("csv", "events.csv"), ("figures-csv", "figures.csv")):
        _brief(folder, folder / name, fmt)
    result = runner.invoke(app, ["extract", str(folder), "-o", str(folder / "extract.jsonl"), "--no-store", "-q"])
    assert result.exit_code == 0, result.output
    written = ("briefing.md", "briefing.json", "briefing.html", "events.csv", "figures.csv", "extract.jsonl")
    assert all(is_generated(folder / name) for name in written)
    assert not any(is_generated(p) for p in SEEDS.iterdir())
    again, output = _brief(folder, tmp_path / "again.json")
    assert _totals(again) == _totals(first)
    assert len(again["sources"]) == len(first["sources"]) and not again["failures"]
    # One warning per file the tool wrote that the walker reads (CSV is no article suffix).
    walked = [name for name in written if Path(name).suffix in ARTICLE_SUFFIXES]
    assert {"briefing.md", "briefing.html", "briefing.json", "extract.jsonl"} <= set(walked)
    for name in walked:
        assert output.count(name) == 1, output
    assert output.count("skipped: written by summarizer") == len(walked)


def test_each_mark_is_recognised_and_articles_are_not(tmp_path: Path) -> None:
    html = "<!DOCTYPE html>\n<html><head><title>t</title></head><body>x</body></html>"
    cases = {
        "b.md": mark("# Briefing\n\nText.\n", "md"),
        "b.html": mark(html, "html"),
        "b.json": mark('{"title": "Briefing"}', "json"),
        "e.jsonl": '{"schema_version":"1.0","article":{"id":"x"},"provenance":{"backend":"rules"}}\n',
    }
    for name, text in cases.items():
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        assert is_generated(path), name
    assert mark("# Briefing\n\nText.\n", "md").startswith("# Briefing\n<!-- generator: summarizer")
    assert json.loads(cases["b.json"])["title"] == "Briefing"
    # Articles (even ones that talk about generators, or are records with a text field) are read as before.
    article = tmp_path / "article.md"
    article.write_text("Power generator: summarizer of the week said the grid failed in Basra on Monday.\n",
                       encoding="utf-8")
    record = tmp_path / "records.jsonl"
    record.write_text('{"text": "Gunmen killed two guards in Dibis on Monday.", "schema_version": "1"}\n',
                      encoding="utf-8")
    assert not is_generated(article) and not is_generated(record)


def test_the_walker_yields_a_skip_notice_not_an_article(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Gunmen killed two guards in Dibis on Monday.", encoding="utf-8")
    (tmp_path / "brief.md").write_text(mark("# Briefing\n\nGunmen killed two guards.\n", "md"), encoding="utf-8")
    articles, errors = load_articles([tmp_path])
    assert [a.meta.source for a in articles] == [str(tmp_path / "a.txt")]
    assert len(errors) == 1 and isinstance(errors[0], SkippedOutput)
    assert str(errors[0]).startswith(f"{tmp_path / 'brief.md'}: skipped")
