"""Everything rich: progress bars, run summaries, diagnostics. Diagnostics go to stderr."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from summarizer.models import ArticleExtraction
from summarizer.pipeline import ArticleFailure, RunReport

stderr = Console(stderr=True, highlight=False, soft_wrap=True)
stdout = Console(highlight=False, soft_wrap=True)


def error(message: str) -> None:
    stderr.print(f"[red]error:[/red] {escape(message)}")


def warn(message: str) -> None:
    stderr.print(f"[yellow]warning:[/yellow] {escape(message)}")


def info(message: str) -> None:
    stderr.print(escape(message))


class RunProgress:
    """A progress bar over articles; a no-op when quiet."""

    def __init__(self, quiet: bool) -> None:
        self.quiet = quiet
        self._progress: Progress | None = None
        self._task: int | None = None

    def set_total(self, total: int) -> None:
        if self._progress is not None and self._task is not None:
            self._progress.update(self._task, total=total)  # type: ignore[arg-type]

    def advance(self, result: ArticleExtraction | ArticleFailure) -> None:
        if isinstance(result, ArticleFailure):
            error(str(result))
        if self._progress is not None and self._task is not None:
            self._progress.advance(self._task)  # type: ignore[arg-type]

    @contextmanager
    def running(self, label: str) -> Iterator[RunProgress]:
        if self.quiet:
            yield self
            return
        progress = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=stderr,
            transient=True,
        )
        with progress:
            self._progress = progress
            self._task = progress.add_task(label, total=None)  # type: ignore[assignment]
            yield self
        self._progress = None


def print_run_summary(report: RunReport, quiet: bool = False) -> None:
    """One line: what was done, what failed, what it cost."""
    for notice in report.notices:
        warn(notice)
    if quiet and report.ok:
        return
    parts = [f"{len(report.extractions)} extracted"]
    if report.reused:
        parts.append(f"{report.reused} reused from the store")
    parts.append(f"{len(report.failures)} failed")
    if report.input_tokens or report.output_tokens:
        cached = getattr(report, "cached_input_tokens", 0)
        shown = f"{report.input_tokens} tokens in"
        if cached:
            shown += f" ({cached} cached, {report.input_tokens - cached} uncached)"
        parts.append(f"{shown}, {report.output_tokens} out")
    if report.cost_usd:
        parts.append(f"est. ${report.cost_usd:.4f}")
    parts.append(f"{report.elapsed_s:.2f}s")
    stderr.print(", ".join(parts))


def print_calls(calls: list[dict[str, object]]) -> None:
    """The model-call log as a table (newest first): what ran, what it cost, how it ended."""
    from rich.table import Table

    if not calls:
        info("no model calls logged yet")
        return
    table = Table(show_edge=False, pad_edge=False)
    for name, justify in (
        ("when", "left"), ("article", "left"), ("backend", "left"), ("model", "left"), ("prompt", "left"),
        ("in", "right"), ("cached", "right"), ("out", "right"), ("cost $", "right"), ("ms", "right"),
        ("answers", "right"), ("retries", "right"), ("outcome", "left"),
    ):
        table.add_column(name, justify=justify)  # type: ignore[arg-type]
    for call in calls:
        cost = call.get("cost_usd")
        outcome = str(call.get("outcome") or "")
        style = {"ok": "green", "cached": "cyan", "error": "red"}.get(outcome, "")
        shown = f"[{style}]{escape(outcome)}[/{style}]" if style else escape(outcome)
        if call.get("error"):
            shown += f": {escape(str(call['error']))}"
        table.add_row(
            escape(str(call.get("created_at") or "")),
            escape(str(call.get("article_id") or "")),
            escape(str(call.get("backend") or "")),
            escape(str(call.get("model") or "")),
            escape(str(call.get("prompt_version") or "")),
            str(call.get("input_tokens") or 0),
            str(call.get("cached_input_tokens") or 0),
            str(call.get("output_tokens") or 0),
            "-" if cost is None else f"{float(cost):.5f}",  # type: ignore[arg-type]
            f"{float(call.get('latency_ms') or 0):.0f}",  # type: ignore[arg-type]
            str(call.get("attempts") or 0),  # model answers: the first and each validation re-ask
            str(call.get("retries") or 0),  # transport retries, apart
            shown,
        )
    stdout.print(table)
