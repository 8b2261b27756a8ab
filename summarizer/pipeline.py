"""The one orchestrator: articles -> backend -> normalise + ground -> store -> results.

Articles run concurrently (bounded); each result is committed to the store and handed to the caller
as soon as it completes, so a failure or an interruption never loses finished work. A re-run reuses
stored extractions whose backend fingerprint matches, doing only what is missing.

Inputs are read as they are needed (a bounded window of articles is in flight, never the whole input),
and with ``keep_results=False`` results go only to the caller and the store, so memory stays flat
however long the run. The offline engine runs in a pool of processes (:mod:`summarizer.workers`):
one slow article never blocks the others, and every core works.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from summarizer.articles import Article, ArticleError, iter_articles
from summarizer.backends import Backend, BackendConfig, BackendError, create_backend
from summarizer.event_links import event_sides
from summarizer.generated import SkippedOutput
from summarizer.grounding import GroundingPolicy, ground_extraction
from summarizer.injection import instruction_spans, screen_extraction
from summarizer.leases import DEFAULT_TTL as DEFAULT_LEASE_TTL
from summarizer.leases import Lease, new_owner
from summarizer.models import ArticleExtraction
from summarizer.normalize import normalize_extraction
from summarizer.store import Store
from summarizer.workers import EngineFailure, EnginePool, default_workers


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
    workers: int | None = None  # offline engine processes; None: one per core; 1: in this process
    keep_results: bool = True  # False: results go to the callback and the store only (flat memory)
    lease_ttl: float = DEFAULT_LEASE_TTL  # seconds: runs sharing a store take turns per article (see leases.py)


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
    cached_input_tokens: int = 0  # of input_tokens, served from the provider's prompt cache
    elapsed_s: float = 0.0
    extracted: int = 0  # extractions produced or reused, kept in ``extractions`` or not

    @property
    def ok(self) -> bool:
        return not self.failures


ResultCallback = Callable[[ArticleExtraction | ArticleFailure], None]


def postprocess(
    extraction: ArticleExtraction, article: Article, policy: GroundingPolicy, *, copy: bool = True
) -> ArticleExtraction:
    """The shared step every backend's output goes through: normalise, ground, screen out injected text, then
    fill an event's empty sides from its figures (:func:`summarizer.event_links.event_sides`).

    The steps work on one deep copy, so ``extraction`` is left as it was; ``copy=False`` works on
    ``extraction`` itself, for a caller that owns it (a deep copy of a long article's items costs ~1 ms).
    """
    untrusted = instruction_spans(article.text)  # text addressed to a model: found once, used by both steps
    extraction = normalize_extraction(extraction, article, copy=copy)
    extraction = ground_extraction(extraction, article.text, policy, copy=False, untrusted=untrusted)
    extraction = screen_extraction(extraction, article.text, policy, copy=False, spans=untrusted)
    # after grounding: an event's sides read from its figures are the figures' grounded victims and hands, and
    # never lend a figure's unsupported hand the event's support
    event_sides(extraction)
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
    """Extract every article in ``inputs``; load errors become failures and the rest still run.

    ``inputs`` is read lazily, as slots free up; ``on_total`` is told the number of articles read so far.
    """
    run = _Run(options, on_result)
    interrupted = True  # until the inputs are all done: Ctrl-C (a cancelled task) or an error ends the run early
    try:
        await run.start(backend)
        await _feed(run, inputs, on_total)
        interrupted = False
    finally:
        await run.close(interrupted=interrupted)
    return run.report


class _Run:
    """One run's state and its steps: start, extract one article (reuse, lease, pool or backend), store and
    emit its result, and close (the pool at once when the run was interrupted)."""

    def __init__(self, options: RunOptions, on_result: ResultCallback | None) -> None:
        self.options = options
        self.on_result = on_result
        self.report = RunReport()
        self.started = time.perf_counter()
        self.store = Store(options.db_path) if options.db_path else None
        self.backend: Backend | None = None
        self.own_backend = False
        self.pool: EnginePool | None = None
        self.fingerprint = ""
        self.slots = 1
        self.semaphore = asyncio.Semaphore(1)
        self.owner = new_owner()
        self.share = False

    async def start(self, backend: Backend | None) -> None:
        if backend is None:
            self.own_backend = True
            backend = create_backend(self.options.backend)
        self.backend = backend
        attach_store = getattr(backend, "attach_store", None)
        if self.store is not None and callable(attach_store):
            attach_store(self.store)  # LLM backends keep their response cache and call log in the run's store
        self.fingerprint = backend.fingerprint()
        self.pool = _engine_pool(backend, self.options)
        self.slots = max(1, self.options.concurrency, self.pool.workers if self.pool else 1)
        self.semaphore = asyncio.Semaphore(self.slots)
        # Backends that cost money or time take a lease per article, so runs sharing the store share the work.
        self.share = self.store is not None and bool(getattr(backend, "shares_work", False))

    async def close(self, *, interrupted: bool) -> None:
        try:
            if self.pool is not None:
                self.pool.close(interrupted=interrupted)
            if self.own_backend and self.backend is not None:
                await self.backend.aclose()
        finally:
            if self.store:
                self.store.close()
            self.report.elapsed_s = time.perf_counter() - self.started

    # ------------------------------------------------------------------ results

    def emit(self, result: ArticleExtraction | ArticleFailure) -> None:
        if isinstance(result, ArticleFailure):
            self.report.failures.append(result)
        else:
            self.report.extracted += 1
            if self.options.keep_results:
                self.report.extractions.append(result)
        if self.on_result:
            self.on_result(result)

    def fail(self, article: Article, reason: str) -> bool:
        self.emit(ArticleFailure(article.meta.source, reason, article.id))
        return True

    def reused(self, article: Article) -> bool:
        """Emit the stored extraction of ``article`` when there is one to reuse."""
        store, options = self.store, self.options
        stored = store.get_extraction(article.id, self.fingerprint) if store and options.reuse else None
        if stored is None:
            return False
        self.report.reused += 1
        self.emit(stored)
        return True

    def finished(self, article: Article, extraction: ArticleExtraction) -> bool:
        """Store a new extraction (so a rerun resumes) and emit it."""
        if self.store:
            self.store.save_result(article, extraction, self.fingerprint)
        self.emit(extraction)
        return True

    # ------------------------------------------------------------------ one article

    async def one(self, article: Article) -> None:
        """Extract ``article``, or take another run's extraction of it when that run holds its lease."""
        store, options = self.store, self.options
        share = self.share and store is not None
        lease = Lease(store, article.id, self.fingerprint, self.owner, options.lease_ttl) if share and store else None
        try:
            while not await self.work(article, lease):  # False: another live run holds the article's lease
                assert lease is not None
                done = await lease.wait(reuse=options.reuse)  # outside the slot: others go on meanwhile
                if done is not None:  # that run extracted it
                    self.report.reused += 1
                    self.emit(done)
                    return
        finally:
            if lease is not None:
                lease.release()

    async def work(self, article: Article, lease: Lease | None = None) -> bool:
        """True once the article is dealt with (extracted, reused or failed); False when its lease is taken."""
        async with self.semaphore:
            max_cost = self.options.max_cost
            if max_cost is not None and self.report.cost_usd >= max_cost:
                self.report.skipped_for_budget += 1
                return self.fail(article, f"not started: cost budget ${max_cost:.4f} reached")
            if self.reused(article):
                return True
            if lease is not None:
                if not lease.take():
                    return False
                # Checked again under the lease: another run may have finished the article between the
                # first look and the moment its lease was released.
                if self.reused(article):
                    return True
            if self.pool is not None:
                return await self.in_pool(article, self.pool)
            raw = await self.call_backend(article)
        if raw is None:
            return True
        # The slot bounds the backend calls in flight; grounding and storing need none. Yielding once lets
        # the article the slot just woke send its request before this one's CPU work, so requests are not
        # held back behind a queue of answers being grounded (answers arrive in bursts at a fixed latency).
        await asyncio.sleep(0)
        try:
            # The backend's answer is the pipeline's alone (backends build a fresh one per call): no copy.
            extraction = postprocess(raw, article, self.options.grounding, copy=False)
        except BackendError as exc:
            return self.fail(article, str(exc))
        return self.finished(article, extraction)

    async def in_pool(self, article: Article, pool: EnginePool) -> bool:
        """The offline engine in a worker process (extracted, normalised and grounded there)."""
        assert self.backend is not None
        try:
            extraction = await pool.extract(article, self.backend.name, self.options.grounding)
        except EngineFailure as exc:
            return self.fail(article, str(exc))
        return self.finished(article, extraction)

    async def call_backend(self, article: Article) -> ArticleExtraction | None:
        """The backend's raw answer, its cost counted; None when it failed (the failure is emitted)."""
        assert self.backend is not None
        try:
            raw = await self.backend.extract(article)
        except BackendError as exc:
            self.fail(article, str(exc))
            return None
        # Counted before the slot is freed: the budget check of the next article must see this cost.
        report, usage = self.report, raw.provenance.usage
        report.cost_usd += raw.provenance.cost_usd or 0.0
        report.input_tokens += usage.input_tokens
        report.output_tokens += usage.output_tokens
        report.cached_input_tokens += usage.cached_input_tokens
        return raw


async def _feed(run: _Run, inputs: Iterable[Article | ArticleError], on_total: Callable[[int], None] | None) -> None:
    """A bounded window of articles in flight: the next input is read only when one completes."""
    pending: set[asyncio.Future[None]] = set()
    try:
        for article in _articles(run, inputs, on_total):
            while len(pending) >= 2 * run.slots:
                done, pending = await asyncio.wait(pending, return_when=asyncio.FIRST_COMPLETED)
                for task in done:
                    task.result()  # an unexpected error ends the run, as before
            pending.add(asyncio.ensure_future(run.one(article)))
        if pending:
            await asyncio.gather(*pending)
    finally:
        await _stop(pending)


def _articles(
    run: _Run, inputs: Iterable[Article | ArticleError], on_total: Callable[[int], None] | None
) -> Iterator[Article]:
    """The articles of ``inputs``, read one at a time; load errors are emitted as failures, skips as notices."""
    report = run.report
    read = 0
    for item in inputs:
        if isinstance(item, SkippedOutput):  # a file this tool wrote: a warning, not a failure
            report.notices.append(str(item))
            continue
        if isinstance(item, ArticleError):
            run.emit(ArticleFailure(item.source, item.problem))
            continue
        read += 1
        if on_total:
            on_total(read)
        if run.options.keep_results:
            report.articles[item.id] = item
        report.notices.extend(f"{item.meta.source}: {warning}" for warning in item.warnings)
        yield item


async def _stop(pending: set[asyncio.Future[None]]) -> None:
    """Cancel the articles still in flight and wait for them, so that none stores or emits a result after the
    run has closed its store (an interrupted run: Ctrl-C, or an unexpected error in one article)."""
    unfinished = [task for task in pending if not task.done()]
    for task in unfinished:
        task.cancel()
    if pending:
        await asyncio.gather(*pending, return_exceptions=True)  # also retrieves their errors: none is logged


def _engine_pool(backend: Backend, options: RunOptions) -> EnginePool | None:
    """A process pool for the offline engine, unless one process was asked for (or the backend is a model)."""
    if backend.name != "rules":
        return None
    from summarizer.backends.rules import RulesBackend

    workers = options.workers or default_workers()
    if not isinstance(backend, RulesBackend) or workers < 2:
        return None
    return EnginePool(workers)


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
