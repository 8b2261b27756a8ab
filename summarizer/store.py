"""SQLite storage: articles, extractions, the model-call log and the response cache.

One file holds a whole project's work. Each article's result is committed as soon as it completes, so
an interrupted run loses nothing and a re-run does only what is missing. WAL mode and a busy timeout
let two processes share one database.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from summarizer.articles import Article
from summarizer.models import ArticleExtraction, ArticleMeta

DEFAULT_DB = Path(".summarizer") / "summarizer.db"
DB_ENV = "SUMMARIZER_DB"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY,
    source TEXT NOT NULL,
    meta_json TEXT NOT NULL,
    text TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS extractions (
    article_id TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    backend TEXT NOT NULL,
    created_at TEXT NOT NULL,
    json TEXT NOT NULL,
    PRIMARY KEY (article_id, fingerprint)
);
CREATE TABLE IF NOT EXISTS calls (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at TEXT NOT NULL,
    article_id TEXT,
    backend TEXT NOT NULL,
    model TEXT,
    prompt_version TEXT,
    input_tokens INTEGER NOT NULL DEFAULT 0,
    output_tokens INTEGER NOT NULL DEFAULT 0,
    cost_usd REAL,
    latency_ms REAL NOT NULL DEFAULT 0,
    attempts INTEGER NOT NULL DEFAULT 1,
    outcome TEXT NOT NULL,
    error TEXT
);
CREATE TABLE IF NOT EXISTS responses (
    key TEXT PRIMARY KEY,
    created_at TEXT NOT NULL,
    article_id TEXT,
    backend TEXT NOT NULL,
    model TEXT,
    prompt_version TEXT,
    response_json TEXT NOT NULL
);
"""


def default_db_path() -> Path:
    """``$SUMMARIZER_DB`` if set, else ``.summarizer/summarizer.db`` under the working directory."""
    return Path(os.environ.get(DB_ENV) or DEFAULT_DB)


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


@dataclass(frozen=True)
class CallRecord:
    """One model call as logged (never holds a key or a prompt)."""

    article_id: str | None
    backend: str
    model: str | None
    prompt_version: str | None
    input_tokens: int = 0
    output_tokens: int = 0
    cost_usd: float | None = None
    latency_ms: float = 0.0
    attempts: int = 1
    outcome: str = "ok"
    error: str | None = None


# The id is the hash of the text, so a stored row already holds this text: only the metadata may change
# (and is rewritten only when it does); re-writing the text of every article on every run cost a full
# row write each.
_SAVE_ARTICLE = (
    "INSERT INTO articles (id, source, meta_json, text) VALUES (?, ?, ?, ?)"
    " ON CONFLICT (id) DO UPDATE SET source = excluded.source, meta_json = excluded.meta_json"
    " WHERE source IS NOT excluded.source OR meta_json IS NOT excluded.meta_json"
)
_SAVE_EXTRACTION = (
    "INSERT OR REPLACE INTO extractions (article_id, fingerprint, backend, created_at, json) VALUES (?, ?, ?, ?, ?)"
)


def _article_row(article: Article) -> tuple[str, tuple[Any, ...]]:
    return _SAVE_ARTICLE, (article.id, article.meta.source, article.meta.model_dump_json(), article.text)


def _extraction_row(extraction: ArticleExtraction, fingerprint: str) -> tuple[str, tuple[Any, ...]]:
    values = (extraction.article.id, fingerprint, extraction.provenance.backend, _now(), extraction.model_dump_json())
    return _SAVE_EXTRACTION, values


class Store:
    """A thread-safe handle on the SQLite database."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        if str(path) != ":memory:":
            self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._conn = sqlite3.connect(str(path), timeout=30.0, check_same_thread=False, isolation_level=None)
        self._conn.execute("PRAGMA busy_timeout = 30000")
        if str(path) != ":memory:":
            self._conn.execute("PRAGMA journal_mode = WAL")
        self._conn.execute("PRAGMA synchronous = NORMAL")
        with self._lock:
            self._conn.executescript(_SCHEMA)

    # ------------------------------------------------------------------ plumbing

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _write(self, sql: str, params: tuple[Any, ...]) -> None:
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                self._conn.execute(sql, params)
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")

    def _write_many(self, statements: list[tuple[str, tuple[Any, ...]]]) -> None:
        """Several writes in one transaction: one commit (one WAL append) instead of one each."""
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                for sql, params in statements:
                    self._conn.execute(sql, params)
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")

    def _query(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        with self._lock:
            return list(self._conn.execute(sql, params))

    # ------------------------------------------------------------------ articles and extractions

    def save_article(self, article: Article) -> None:
        self._write(*_article_row(article))

    def get_article(self, article_id: str) -> Article | None:
        rows = self._query("SELECT meta_json, text FROM articles WHERE id = ?", (article_id,))
        if not rows:
            return None
        return Article(meta=ArticleMeta.model_validate_json(rows[0][0]), text=rows[0][1])

    def save_extraction(self, extraction: ArticleExtraction, fingerprint: str) -> None:
        self._write(*_extraction_row(extraction, fingerprint))

    def save_result(self, article: Article, extraction: ArticleExtraction, fingerprint: str) -> None:
        """:meth:`save_article` and :meth:`save_extraction` in one transaction."""
        self._write_many([_article_row(article), _extraction_row(extraction, fingerprint)])

    def save_results(self, results: Sequence[tuple[Article, ArticleExtraction]], fingerprint: str) -> None:
        """Many articles and their extractions in one transaction (a bulk import: one commit, not one each)."""
        self._write_many([row for a, e in results for row in (_article_row(a), _extraction_row(e, fingerprint))])

    def get_extraction(self, article_id: str, fingerprint: str) -> ArticleExtraction | None:
        rows = self._query(
            "SELECT json FROM extractions WHERE article_id = ? AND fingerprint = ?", (article_id, fingerprint)
        )
        return ArticleExtraction.model_validate_json(rows[0][0]) if rows else None

    def iter_extractions(self, backend: str | None = None) -> Iterator[ArticleExtraction]:
        """The newest stored extraction of each article (optionally of one backend), by article id."""
        where, params = ("WHERE backend = ?", (backend,)) if backend else ("", ())
        rows = self._query(
            f"SELECT article_id, rowid FROM extractions {where} ORDER BY article_id, created_at DESC", params
        )
        seen: set[str] = set()
        newest: list[int] = []
        for article_id, rowid in rows:
            if article_id not in seen:
                seen.add(article_id)
                newest.append(rowid)
        # the JSON in batches: a month of stored news is never held as text all at once
        for i in range(0, len(newest), 256):
            batch = newest[i:i + 256]
            marks = ",".join("?" * len(batch))
            found = dict(self._query(f"SELECT rowid, json FROM extractions WHERE rowid IN ({marks})", tuple(batch)))
            for rowid in batch:
                yield ArticleExtraction.model_validate_json(found[rowid])

    # ------------------------------------------------------------------ calls and response cache

    def log_call(self, call: CallRecord) -> None:
        self._write(
            "INSERT INTO calls (created_at, article_id, backend, model, prompt_version, input_tokens,"
            " output_tokens, cost_usd, latency_ms, attempts, outcome, error)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                _now(),
                call.article_id,
                call.backend,
                call.model,
                call.prompt_version,
                call.input_tokens,
                call.output_tokens,
                call.cost_usd,
                call.latency_ms,
                call.attempts,
                call.outcome,
                call.error,
            ),
        )

    def iter_calls(self, limit: int = 50) -> list[dict[str, Any]]:
        with self._lock:
            cursor = self._conn.execute("SELECT * FROM calls ORDER BY id DESC LIMIT ?", (limit,))
            names = [d[0] for d in cursor.description]
            return [dict(zip(names, row, strict=True)) for row in cursor]

    def get_response(self, key: str) -> dict[str, Any] | None:
        rows = self._query("SELECT response_json FROM responses WHERE key = ?", (key,))
        return json.loads(rows[0][0]) if rows else None

    def put_response(
        self,
        key: str,
        response: dict[str, Any],
        *,
        article_id: str | None,
        backend: str,
        model: str | None,
        prompt_version: str | None,
    ) -> None:
        self._write(
            "INSERT OR REPLACE INTO responses (key, created_at, article_id, backend, model, prompt_version,"
            " response_json) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (key, _now(), article_id, backend, model, prompt_version, json.dumps(response, sort_keys=True)),
        )

    def iter_responses(self) -> list[dict[str, Any]]:
        with self._lock:
            cursor = self._conn.execute("SELECT * FROM responses ORDER BY created_at, key")
            names = [d[0] for d in cursor.description]
            return [dict(zip(names, row, strict=True)) for row in cursor]
