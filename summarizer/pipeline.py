"""The one orchestrator: articles -> backend -> normalise + ground -> store -> results.

Articles run concurrently (bounded); each result is committed to the store and handed to the caller
as soon as it completes, so a failure or an interruption never loses finished work. A re-run reuses
stored extractions whose backend fingerprint matches, doing only what is missing.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from summarizer.articles import Article, ArticleError, iter_articles
from summarizer.backends import Backend, BackendConfig, BackendError, create_backend
from summarizer.generated import SkippedOutput
from summarizer.grounding import GroundingPolicy, ground_extraction
from summarizer.injection import screen_extraction
from summarizer.models import ArticleExtraction
from summarizer.normalize import normalize_extraction
from summarizer.store import Store


@dataclass(frozen=True)
class ArticleFailure:
    """One input that produced no extraction, with a one-line reason."""

    source: str
    reason: str
    article_id: str | None = None

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"


@dataclass
class RunOptions:
    backend: BackendConfig = field(default_factory=BackendConfig)
    concurrency: int = 4
    grounding: GroundingPolicy = "strict"
    db_path: Path | None = None  # None: no store (nothing reused, nothing saved)
    reuse: bool = True  # reuse stored extractions with the same fingerprint (resume)
    max_cost: float | None = None  # USD: stop starting new articles once spent


@dataclass
class RunReport:
    extractions: list[ArticleExtraction] = field(default_factory=list)
    failures: list[ArticleFailure] = field(default_factory=list)
    articles: dict[str, Article] = field(default_factory=dict)
    notices: list[str] = field(default_factory=list)  # "source: warning" lines about inputs
    reused: int = 0
    skipped_for_budget: int = 0
    cost_usd: float = 0.0
    input_tokens: int = 0
    output_tokens: int = 0
    elapsed_s: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.failures


ResultCallback = Callable[[ArticleExtraction | ArticleFailure], None]


def postprocess(
    extraction: ArticleExtraction, article: Article, policy: GroundingPolicy, *, copy: bool = True
) -> ArticleExtraction:
    """The shared step every backend's output goes through: normalise, ground, screen out injected text.

    The steps work on one deep copy, so ``extraction`` is left as it was; ``copy=False`` works on
    ``extraction`` itself, for a caller that owns it (a deep copy of a long article's items costs ~1 ms).
    """
    extraction = normalize_extraction(extraction, article, copy=copy)
    extraction = ground_extraction(extraction, article.text, policy, copy=False)
    extraction = screen_extraction(extraction, article.text, policy, copy=False)
    if article.warnings:
        extraction = extraction.model_copy(update={"warnings": [*article.warnings, *extraction.warnings]})
    return extraction


async def run_articles(
    inputs: Iterable[Article | ArticleError],
    options: RunOptions,
    backend: Backend | None = None,
    on_result: ResultCallback | None = None,
    on_total: Callable[[int], None] | None = None,
) -> RunReport:
    """Extract every article in ``inputs``; load errors become failures and the rest still run."""
    report = RunReport()
    started = time.perf_counter()
    items = list(inputs)
    if on_total:
        on_total(sum(1 for item in items if not isinstance(item, SkippedOutput)))
    own_backend = backend is None
    store = Store(options.db_path) if options.db_path else None

    def emit(result: ArticleExtraction | ArticleFailure) -> None:
        if isinstance(result, ArticleFailure):
            report.failures.append(result)
        else:
            report.extractions.append(result)
        if on_result:
            on_result(result)

    try:
        if backend is None:
            backend = create_backend(options.backend)
        attach_store = getattr(backend, "attach_store", None)
        if store is not None and callable(attach_store):
            attach_store(store)  # LLM backends keep their response cache and call log in the run's store
        fingerprint = backend.fingerprint()
        semaphore = asyncio.Semaphore(max(1, options.concurrency))

        async def one(article: Article) -> None:
            async with semaphore:
                if options.max_cost is not None and report.cost_usd >= options.max_cost:
                    report.skipped_for_budget += 1
                    reason = f"not started: cost budget ${options.max_cost:.4f} reached"
                    emit(ArticleFailure(article.meta.source, reason, article.id))
                    return
                if store and options.reuse:
                    stored = store.get_extraction(article.id, fingerprint)
                    if stored is not None:
                        report.reused += 1
                        emit(stored)
                        return
                try:
                    raw = await backend.extract(article)  # type: ignore[union-attr]
                except BackendError as exc:
                    emit(ArticleFailure(article.meta.source, str(exc), article.id))
                    return
                # Counted before the slot is freed: the budget check of the next article must see this cost.
                report.cost_usd += raw.provenance.cost_usd or 0.0
                report.input_tokens += raw.provenance.usage.input_tokens
                report.output_tokens += raw.provenance.usage.output_tokens
            # The slot bounds the backend calls in flight; grounding and storing need none. Yielding once lets
            # the article the slot just woke send its request before this one's CPU work, so requests are not
            # held back behind a queue of answers being grounded (answers arrive in bursts at a fixed latency).
            await asyncio.sleep(0)
            try:
                # The backend's answer is the pipeline's alone (backends build a fresh one per call): no copy.
                extraction = postprocess(raw, article, options.grounding, copy=False)
            except BackendError as exc:
                emit(ArticleFailure(article.meta.source, str(exc), article.id))
                return
            if store:
                store.save_result(article, extraction, fingerprint)
            emit(extraction)

        tasks = []
        for item in items:
            if isinstance(item, SkippedOutput):  # a file this tool wrote: a warning, not a failure
                report.notices.append(str(item))
                continue
            if isinstance(item, ArticleError):
                emit(ArticleFailure(item.source, item.problem))
                continue
            report.articles[item.id] = item
            report.notices.extend(f"{item.meta.source}: {warning}" for warning in item.warnings)
            tasks.append(asyncio.ensure_future(one(item)))
        await asyncio.gather(*tasks)
    finally:
        if own_backend and backend is not None:
            await backend.aclose()
        if store:
            store.close()
        report.elapsed_s = time.perf_counter() - started
    return report


def extract_paths(
    paths: Sequence[str | Path],
    options: RunOptions,
    *,
    backend: Backend | None = None,
    on_result: ResultCallback | None = None,
    on_total: Callable[[int], None] | None = None,
    stdin: TextIO | None = None,
) -> RunReport:
    """Read ``paths`` and extract every article: the library entry point behind ``summarizer extract``."""
    return run_articles_sync(iter_articles(paths, stdin), options, backend, on_result, on_total)


def run_articles_sync(
    inputs: Iterable[Article | ArticleError],
    options: RunOptions,
    backend: Backend | None = None,
    on_result: ResultCallback | None = None,
    on_total: Callable[[int], None] | None = None,
) -> RunReport:
    """:func:`run_articles` from synchronous code, in a fresh event loop."""
    holder: list[RunReport] = []

    async def main() -> None:
        # The main task returns nothing on purpose: on its way out asyncio.run looks up the SIGINT handler,
        # and Python 3.11's enum lookup formats the handler's repr (the task and its result: every
        # extraction of the run) into an error message it then discards, a cost that grows with the run.
        holder.append(await run_articles(inputs, options, backend, on_result, on_total))

    asyncio.run(main())
    return holder[0]
