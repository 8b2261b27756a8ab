"""Everything rich: progress bars, run summaries, diagnostics. Diagnostics go to stderr."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, Progress, ProgressColumn, Task, TaskID, TextColumn, TimeElapsedColumn
from rich.text import Text

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


class _Counted(ProgressColumn):
    """A column shown only once the inputs are counted: never "0/?" or an ETA guessed from nothing."""

    def __init__(self, kind: str) -> None:
        super().__init__()
        self.kind = kind

    def render(self, task: Task) -> Text:
        if task.total is None:
            return Text("")
        if self.kind == "count":
            return Text(f"{int(task.completed)}/{int(task.total)}")
        # The mean rate over the run so far: articles finish in bursts, and rich's windowed speed swings wildly.
        elapsed = task.elapsed or 0.0
        rate = task.completed / elapsed if elapsed > 0 and task.completed else None
        if self.kind == "rate":
            return Text(f"{rate:.1f} articles/s" if rate else "")
        if task.finished or rate is None:
            return Text("")
        remaining = (task.total - task.completed) / rate
        minutes, seconds = divmod(int(remaining + 0.5), 60)
        return Text(f"ETA {minutes}:{seconds:02d}")


class RunProgress:
    """A progress display over articles (counted, rate, ETA once the total is known); a no-op when quiet."""

    def __init__(self, quiet: bool) -> None:
        self.quiet = quiet
        self._progress: Progress | None = None
        self._task: TaskID | None = None
        self._label = ""

    def set_total(self, total: int) -> None:
        if self._progress is not None and self._task is not None:
            self._progress.update(self._task, total=total, description=self._label)

    def advance(self, result: ArticleExtraction | ArticleFailure) -> None:
        if isinstance(result, ArticleFailure):
            error(str(result))
        if self._progress is not None and self._task is not None:
            self._progress.advance(self._task)

    @contextmanager
    def running(self, label: str) -> Iterator[RunProgress]:
        if self.quiet:
            yield self
            return
        progress = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            _Counted("count"),
            _Counted("rate"),
            _Counted("eta"),
            TimeElapsedColumn(),
            console=stderr,
            transient=True,
        )
        self._label = label
        with progress:
            self._progress = progress
            # Until the inputs are counted the bar pulses under "reading inputs", with no count, rate or ETA.
            self._task = progress.add_task("reading inputs", total=None)
            yield self
        self._progress = None


def summary_counts(report: RunReport) -> str:
    """"5 articles: 3 extracted, 2 reused from the store, 0 failed": the parts add up to the whole."""
    extracted = report.extracted - report.reused
    total = report.extracted + len(report.failures)
    noun = "article" if total == 1 else "articles"
    failed = len(report.failures)
    return f"{total} {noun}: {extracted} extracted, {report.reused} reused from the store, {failed} failed"


def print_run_summary(report: RunReport, quiet: bool = False) -> None:
    """One line: what was done, what failed, what it cost."""
    for notice in report.notices:
        warn(notice)
    if quiet and report.ok:
        return
    parts = [summary_counts(report)]
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
