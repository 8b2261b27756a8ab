"""Batch runs: many articles through the provider's Batch API (half the price, answers within 24 hours).

``summarizer extract PATHS --backend openai --batch`` builds one Chat Completions request per chunk not
answered yet (exactly what the backend would send), uploads them as a JSONL file, creates a batch and
records its id, its settings and its requests in the store. It then polls the batch (with a progress
line) until it ends, downloads the answers and validates each one. The run then goes through the normal
pipeline: a valid answer is used as it is (priced at the batch rate); an invalid one is re-asked through
the normal path with the validation error; a request the batch did not answer (it failed, expired or
errored) is sent through the normal path. Everything is resumable: after a restart, the same command (or
``summarizer batch collect``) finds the batch in the store and waits for it instead of submitting again;
``summarizer batch status`` shows the recorded batches.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from summarizer.articles import Article, ArticleError, iter_articles
from summarizer.backends.base import BackendConfig, BackendError
from summarizer.backends.batch_api import TERMINAL, BatchAPI, request_line
from summarizer.pipeline import ArticleFailure, ResultCallback, RunOptions, RunReport, run_articles
from summarizer.store import Store

DEFAULT_POLL_INTERVAL = 30.0  # seconds between status reads


@dataclass(frozen=True)
class BatchProgress:
    """One status read of a batch."""

    batch_id: str
    status: str
    total: int
    completed: int
    failed: int

    def __str__(self) -> str:
        return f"batch {self.batch_id}: {self.status}, {self.completed}/{self.total} answered, {self.failed} failed"


ProgressCallback = Callable[[BatchProgress], None]


def _config_of(config: BackendConfig) -> dict[str, Any]:
    """The settings a batch's answers depend on, as stored with it (never the key)."""
    options = {k: v for k, v in config.options.items() if k in ("temperature", "max_tokens", "chunk_tokens")}
    return {"model": config.model, "base_url": config.base_url, "mode": config.mode, "prompt": config.prompt,
            "options": options}  # fmt: skip


def _backend_config(stored: dict[str, Any], template: BackendConfig) -> BackendConfig:
    return replace(
        template,
        name="openai",
        model=stored.get("model"),
        base_url=stored.get("base_url") or template.base_url,
        mode=stored.get("mode"),
        prompt=stored.get("prompt"),
        options={**template.options, **stored.get("options", {})},
    )


def _backend(config: BackendConfig, store: Store) -> Any:
    from summarizer.backends.openai import OpenAIBackend

    try:
        return OpenAIBackend(config, store=store)
    except BackendError as exc:
        from summarizer.backends.base import BackendSetupError

        raise BackendSetupError(str(exc)) from None


async def _submit(articles: list[Article], backend: Any, store: Store, api: BatchAPI) -> str | None:
    """Submit the chunks of ``articles`` not yet answered nor in a pending batch; the new batch id, if any."""
    fingerprint = backend.fingerprint()
    pending = {
        item["custom_id"]
        for row in store.get_batches(uncollected=True)
        if row["fingerprint"] == fingerprint
        for item in store.get_batch_items(row["id"])
    }
    requests: list[dict[str, Any]] = []
    for article in articles:
        if store.get_extraction(article.id, fingerprint) is not None:
            continue
        requests.extend(r for r in backend.batch_requests(article) if r["custom_id"] not in pending)
    if not requests:
        return None
    for article in articles:  # a restart (batch collect) rebuilds the run from the store alone
        store.save_article(article)
    batch = await api.submit([request_line(r["custom_id"], r["body"]) for r in requests])
    store.add_batch(batch["id"], fingerprint, _config_of(backend.config), requests, str(batch.get("status")))
    return str(batch["id"])


async def _wait(
    batch_id: str, api: BatchAPI, store: Store, poll: float, on_progress: ProgressCallback | None
) -> dict[str, Any]:
    """Poll until the batch ends; its last status object (recorded in the store at each read)."""
    while True:
        batch = await api.status(batch_id)
        counts = batch.get("request_counts") or {}
        progress = BatchProgress(
            batch_id, str(batch.get("status")), int(counts.get("total") or 0), int(counts.get("completed") or 0),
            int(counts.get("failed") or 0),
        )  # fmt: skip
        store.update_batch(
            batch_id, status=progress.status, completed=progress.completed, failed=progress.failed,
            output_file_id=batch.get("output_file_id"), error_file_id=batch.get("error_file_id"),
        )  # fmt: skip
        if on_progress is not None:
            on_progress(progress)
        if progress.status in TERMINAL:
            return batch
        await asyncio.sleep(poll)


async def _collect(batch: dict[str, Any], items: list[dict[str, Any]], backend: Any, api: BatchAPI) -> int:
    """Hand the batch's valid answers (and the re-asks of invalid ones) to ``backend``; how many validated."""
    from summarizer.backends.chat_http import parse_completion

    if not batch.get("output_file_id"):
        return 0  # failed, or nothing answered: every request goes through the normal path
    by_id = {item["custom_id"]: item for item in items}
    valid = 0
    for row in await api.file_lines(str(batch["output_file_id"])):
        item = by_id.get(str(row.get("custom_id")))
        response = row.get("response") or {}
        if item is None or row.get("error") or response.get("status_code") != 200:
            continue  # not ours, or an error: the normal path asks again
        try:
            import json

            completion = parse_completion(json.dumps(response.get("body")).encode())
        except Exception:
            continue
        valid += backend.accept_batch_answer(item["custom_id"], item["messages"], completion)
    return valid


async def _finish(
    rows: list[dict[str, Any]],
    store: Store,
    template: BackendConfig,
    options: RunOptions,
    extra: list[Article],
    poll: float,
    on_progress: ProgressCallback | None,
    on_result: ResultCallback | None,
    report: RunReport,
) -> None:
    """Wait for each batch, collect it, and run its articles (and ``extra``) through the pipeline."""
    done_ids: set[str] = set()
    groups: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        groups.setdefault(row["fingerprint"], []).append(row)
    for group in groups.values():
        config = _backend_config(group[0]["config"], template)
        backend = _backend(config, store)
        api = BatchAPI(config, backend.policy)
        try:
            article_ids: list[str] = []
            for row in group:
                batch = await _wait(row["id"], api, store, poll, on_progress)
                items = store.get_batch_items(row["id"])
                await _collect(batch, items, backend, api)
                article_ids.extend(i["article_id"] for i in items)
            articles = {a.id: a for a in extra}
            for article_id in dict.fromkeys(article_ids):
                if article_id not in articles:
                    article = store.get_article(article_id)
                    if article is not None:
                        articles[article_id] = article
            done_ids.update(articles)
            part = await run_articles(articles.values(), options, backend=backend, on_result=on_result)
            _merge(report, part)
            for row in group:
                store.update_batch(row["id"], collected=1)
        finally:
            await api.aclose()
            await backend.aclose()
    leftover = [a for a in extra if a.id not in done_ids]
    if leftover:  # nothing of theirs was batched (already stored): the normal run reuses or does them
        config = replace(template, name="openai")
        backend = _backend(config, store)
        try:
            _merge(report, await run_articles(leftover, options, backend=backend, on_result=on_result))
        finally:
            await backend.aclose()


def _merge(report: RunReport, part: RunReport) -> None:
    report.extractions.extend(part.extractions)
    report.failures.extend(part.failures)
    report.articles.update(part.articles)
    report.notices.extend(part.notices)
    report.reused += part.reused
    report.skipped_for_budget += part.skipped_for_budget
    report.cost_usd += part.cost_usd
    report.input_tokens += part.input_tokens
    report.output_tokens += part.output_tokens
    report.cached_input_tokens += part.cached_input_tokens


def _store_path(options: RunOptions) -> Path:
    if options.db_path is None:
        from summarizer.backends.base import BackendSetupError

        raise BackendSetupError("--batch needs the store (it records the batch to resume it); drop --no-store")
    return options.db_path


def run_batch(
    inputs: Iterable[Article | ArticleError],
    options: RunOptions,
    *,
    poll_interval: float = DEFAULT_POLL_INTERVAL,
    on_progress: ProgressCallback | None = None,
    on_result: ResultCallback | None = None,
) -> RunReport:
    """Extract ``inputs`` through the Batch API (see the module docstring); resumes a pending batch."""
    started = time.perf_counter()
    report = RunReport()
    articles: list[Article] = []
    for item in inputs:
        if isinstance(item, ArticleError):
            failure = ArticleFailure(item.source, item.problem)
            report.failures.append(failure)
            if on_result:
                on_result(failure)
        else:
            articles.append(item)

    async def main() -> None:
        with Store(_store_path(options)) as store:
            backend = _backend(replace(options.backend, name="openai"), store)
            api = BatchAPI(backend.config, backend.policy)
            try:
                await _submit(articles, backend, store, api)
                fingerprint = backend.fingerprint()
            finally:
                await api.aclose()
                await backend.aclose()
            rows = [r for r in store.get_batches(uncollected=True) if r["fingerprint"] == fingerprint]
            await _finish(rows, store, options.backend, options, articles, poll_interval, on_progress, on_result,
                          report)  # fmt: skip

    asyncio.run(main())
    report.elapsed_s = time.perf_counter() - started
    return report


def batch_extract_paths(
    paths: Sequence[str | Path],
    options: RunOptions,
    *,
    poll_interval: float = DEFAULT_POLL_INTERVAL,
    on_progress: ProgressCallback | None = None,
    on_result: ResultCallback | None = None,
) -> RunReport:
    """Read ``paths`` and extract them through the Batch API: the library entry point of ``extract --batch``."""
    return run_batch(
        iter_articles(paths), options, poll_interval=poll_interval, on_progress=on_progress, on_result=on_result
    )


def collect_batches(
    options: RunOptions,
    batch_id: str | None = None,
    *,
    poll_interval: float = DEFAULT_POLL_INTERVAL,
    on_progress: ProgressCallback | None = None,
    on_result: ResultCallback | None = None,
) -> RunReport:
    """Wait for and collect the store's uncollected batches (or one): ``summarizer batch collect``."""
    started = time.perf_counter()
    report = RunReport()

    async def main() -> None:
        with Store(_store_path(options)) as store:
            rows = [r for r in store.get_batches(uncollected=True) if batch_id is None or r["id"] == batch_id]
            if batch_id is not None and not rows:
                from summarizer.backends.base import BackendSetupError

                raise BackendSetupError(f"no uncollected batch {batch_id!r} in the store")
            await _finish(rows, store, options.backend, options, [], poll_interval, on_progress, on_result, report)

    asyncio.run(main())
    report.elapsed_s = time.perf_counter() - started
    return report


def batch_status(db_path: Path) -> list[dict[str, Any]]:
    """The store's batches as recorded at their last status read: ``summarizer batch status``."""
    with Store(db_path) as store:
        return store.get_batches()
