"""The progress display and the run summary line."""

from __future__ import annotations

from rich.progress import Progress

from summarizer.pipeline import ArticleFailure, RunReport
from summarizer.render.terminal import _Counted, summary_counts


def _columns(progress: Progress, task_id: int) -> list[str]:
    task = progress.tasks[task_id]
    return [str(_Counted(kind).render(task)) for kind in ("count", "rate", "eta")]


def test_no_count_rate_or_eta_before_the_inputs_are_counted() -> None:
    clock = [0.0]
    progress = Progress(get_time=lambda: clock[0])
    task = progress.add_task("reading inputs", total=None)
    assert _columns(progress, task) == ["", "", ""]  # never "0/?"
    progress.update(task, total=10)
    assert _columns(progress, task)[0] == "0/10"
    for _ in range(4):
        clock[0] += 0.5
        progress.advance(task)
    count, rate, eta = _columns(progress, task)
    assert count == "4/10"
    assert rate == "2.0 articles/s"
    assert eta == "ETA 0:03"  # 6 left at 2 per second
    progress.advance(task, 6)
    assert _columns(progress, task)[2] == ""  # finished: no ETA


def test_summary_line_parts_add_up_to_the_whole() -> None:
    report = RunReport()
    report.extractions = [object(), object(), object(), object()]  # type: ignore[list-item]
    report.reused = 2
    report.failures = [ArticleFailure("bad.txt", "the article is empty (no text)")]
    assert summary_counts(report) == "5 articles: 2 extracted, 2 reused from the store, 1 failed"
    assert summary_counts(RunReport(failures=[ArticleFailure("x", "y")])) == (
        "1 article: 0 extracted, 0 reused from the store, 1 failed"
    )


def test_the_cli_prints_the_summary_line_on_a_rerun(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from typer.testing import CliRunner

    from summarizer.cli import app

    from .conftest import SEEDS

    runner = CliRunner()
    db = str(tmp_path / "s.db")
    first = runner.invoke(app, ["extract", str(SEEDS), "-o", str(tmp_path / "a.jsonl"), "--db", db])
    second = runner.invoke(app, ["extract", str(SEEDS), "-o", str(tmp_path / "b.jsonl"), "--db", db])
    assert "5 articles: 5 extracted, 0 reused from the store, 0 failed" in first.output
    assert "5 articles: 0 extracted, 5 reused from the store, 0 failed" in second.output
