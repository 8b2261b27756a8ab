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
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from summarizer.articles import Article
from summarizer.models import ArticleExtraction, ArticleMeta

DEFAULT_DB = Path(".summarizer") / "summarizer.db"
DB_ENV = "SUMMARIZER_DB"

# Tables of the LLM path (call details, batches, leases): migration m003.
_LLM_SCHEMA = """
CREATE TABLE IF NOT EXISTS call_details (
    call_id INTEGER PRIMARY KEY REFERENCES calls (id),
    transport_retries INTEGER NOT NULL DEFAULT 0,
    cached_input_tokens INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS batches (
    id TEXT PRIMARY KEY,
    created_at TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    config_json TEXT NOT NULL,
    status TEXT NOT NULL,
    total INTEGER NOT NULL DEFAULT 0,
    completed INTEGER NOT NULL DEFAULT 0,
    failed INTEGER NOT NULL DEFAULT 0,
    output_file_id TEXT,
    error_file_id TEXT,
    collected INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS batch_items (
    batch_id TEXT NOT NULL,
    custom_id TEXT NOT NULL,
    article_id TEXT NOT NULL,
    chunk_index INTEGER NOT NULL,
    chunk_count INTEGER NOT NULL,
    messages_json TEXT NOT NULL,
    PRIMARY KEY (batch_id, custom_id)
);
CREATE TABLE IF NOT EXISTS leases (
    article_id TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    owner TEXT NOT NULL,
    expires_at REAL NOT NULL,
    PRIMARY KEY (article_id, fingerprint)
);
"""


# The schema grows by migrations, as simonw/llm's store does: each has a name, is applied once in its own
# transaction, and is recorded in ``_migrations`` (the schema version is how many have been applied). Append
# new ones at the end, never edit or reorder applied ones: adding a table is one line here. The first one is
# the schema of release 0.1.0 (which had no migrations table), written with IF NOT EXISTS so that a store made
# by that release is adopted as it is. A migration's SQL is a tuple of statements or one script of several
# (``("m003_x", SOME_SCHEMA)``); a script is split into its statements, so that it runs inside the
# migration's transaction (``executescript`` would commit first).
MIGRATIONS: tuple[tuple[str, str | tuple[str, ...]], ...] = (
    ("m001_initial", (
        """CREATE TABLE IF NOT EXISTS articles (
            id TEXT PRIMARY KEY,
            source TEXT NOT NULL,
            meta_json TEXT NOT NULL,
            text TEXT NOT NULL
        )""",
        """CREATE TABLE IF NOT EXISTS extractions (
            article_id TEXT NOT NULL,
            fingerprint TEXT NOT NULL,
            backend TEXT NOT NULL,
            created_at TEXT NOT NULL,
            json TEXT NOT NULL,
            PRIMARY KEY (article_id, fingerprint)
        )""",
        """CREATE TABLE IF NOT EXISTS calls (
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
        )""",
        """CREATE TABLE IF NOT EXISTS responses (
            key TEXT PRIMARY KEY,
            created_at TEXT NOT NULL,
            article_id TEXT,
            backend TEXT NOT NULL,
            model TEXT,
            prompt_version TEXT,
            response_json TEXT NOT NULL
        )""",
    )),
    ("m002_feed_entries", (
        "CREATE TABLE feed_entries (feed TEXT NOT NULL, entry_id TEXT NOT NULL, article_id TEXT,"
        " seen_at TEXT NOT NULL, PRIMARY KEY (feed, entry_id))",
    )),
    ("m003_llm_tables", _LLM_SCHEMA),
)


def split_statements(sql: str | tuple[str, ...]) -> list[str]:
    """The statements of a migration: a tuple as it is, a script split where SQLite says a statement ends."""
    if not isinstance(sql, str):
        return list(sql)
    statements: list[str] = []
    pending = ""
    for line in sql.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            statements.append(pending.strip())
            pending = ""
    if pending.strip():
        statements.append(pending.strip())  # SQLite reports the unfinished statement itself
    return statements


def _enable_wal(conn: sqlite3.Connection, tries: int = 40) -> None:
    """Switch a store to WAL. Two processes creating one new store at once can make SQLite refuse the switch at
    once with "database is locked" (its busy handler does not cover it), so it is retried briefly."""
    for attempt in range(tries):
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or attempt == tries - 1:
                raise
            time.sleep(0.025 * (attempt + 1))


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
    attempts: int = 1  # model answers: the first and each validation re-ask
    outcome: str = "ok"
    error: str | None = None
    retries: int = 0  # transport retries (429, 5xx, dropped connections...), apart from re-asks
    cached_input_tokens: int = 0  # of input_tokens, served from the provider's prompt cache


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
            _enable_wal(self._conn)
        self._conn.execute("PRAGMA synchronous = NORMAL")
        self.migrate()

    # ------------------------------------------------------------------ plumbing

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def migrate(self) -> list[str]:
        """Apply the migrations this store lacks, each in its own transaction; returns the names applied.

        Safe when two processes open one store at once: the check and the migration run under SQLite's write
        lock, so each migration is applied exactly once.
        """
        applied: list[str] = []
        with self._lock:
            self._conn.execute(
                "CREATE TABLE IF NOT EXISTS _migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"
            )
            done = {row[0] for row in self._conn.execute("SELECT name FROM _migrations")}
            for name, statements in MIGRATIONS:
                if name in done:
                    continue
                self._conn.execute("BEGIN IMMEDIATE")
                try:
                    if self._conn.execute("SELECT 1 FROM _migrations WHERE name = ?", (name,)).fetchone() is None:
                        for sql in split_statements(statements):
                            self._conn.execute(sql)
                        self._conn.execute("INSERT INTO _migrations (name, applied_at) VALUES (?, ?)", (name, _now()))
                        applied.append(name)
                except BaseException:
                    self._conn.execute("ROLLBACK")
                    raise
                self._conn.execute("COMMIT")
        return applied

    def schema_version(self) -> int:
        """How many migrations this store has applied (``len(MIGRATIONS)`` once opened by this release)."""
        return int(self._query("SELECT COUNT(*) FROM _migrations")[0][0])

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
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                cursor = self._conn.execute(
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
                if call.retries or call.cached_input_tokens:
                    self._conn.execute(
                        "INSERT INTO call_details (call_id, transport_retries, cached_input_tokens) VALUES (?, ?, ?)",
                        (cursor.lastrowid, call.retries, call.cached_input_tokens),
                    )
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")

    def iter_calls(self, limit: int = 50) -> list[dict[str, Any]]:
        """The newest calls first; ``attempts`` counts model answers (re-asks), ``retries`` transport retries."""
        with self._lock:
            cursor = self._conn.execute(
                "SELECT calls.*, COALESCE(d.transport_retries, 0) AS retries,"
                " COALESCE(d.cached_input_tokens, 0) AS cached_input_tokens"
                " FROM calls LEFT JOIN call_details AS d ON d.call_id = calls.id"
                " ORDER BY calls.id DESC LIMIT ?",
                (limit,),
            )
            names = [d[0] for d in cursor.description]
            return [dict(zip(names, row, strict=True)) for row in cursor]

    # ------------------------------------------------------------------ batches (the provider's Batch API)

    def add_batch(
        self, batch_id: str, fingerprint: str, config: dict[str, Any], items: list[dict[str, Any]], status: str
    ) -> None:
        """Record a submitted batch and its requests (``custom_id``, ``article_id``, chunk, messages)."""
        statements: list[tuple[str, tuple[Any, ...]]] = [
            (
                "INSERT OR REPLACE INTO batches (id, created_at, fingerprint, config_json, status, total)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (batch_id, _now(), fingerprint, json.dumps(config, sort_keys=True), status, len(items)),
            )
        ]
        statements.extend(
            (
                "INSERT OR REPLACE INTO batch_items (batch_id, custom_id, article_id, chunk_index, chunk_count,"
                " messages_json) VALUES (?, ?, ?, ?, ?, ?)",
                (
                    batch_id,
                    item["custom_id"],
                    item["article_id"],
                    item["chunk_index"],
                    item["chunk_count"],
                    json.dumps(item["messages"], ensure_ascii=False),
                ),
            )
            for item in items
        )
        self._write_many(statements)

    def update_batch(self, batch_id: str, **fields: Any) -> None:
        """Set ``status``, ``completed``, ``failed``, ``output_file_id``, ``error_file_id`` or ``collected``."""
        allowed = {"status", "completed", "failed", "output_file_id", "error_file_id", "collected"}
        names = sorted(set(fields) & allowed)
        if names:
            assignments = ", ".join(f"{name} = ?" for name in names)
            self._write(f"UPDATE batches SET {assignments} WHERE id = ?", (*(fields[n] for n in names), batch_id))

    def get_batches(self, *, uncollected: bool = False) -> list[dict[str, Any]]:
        """Recorded batches, oldest first (``config`` decoded)."""
        where = " WHERE collected = 0" if uncollected else ""
        with self._lock:
            cursor = self._conn.execute(f"SELECT * FROM batches{where} ORDER BY created_at, id")
            names = [d[0] for d in cursor.description]
            rows = [dict(zip(names, row, strict=True)) for row in cursor]
        for row in rows:
            row["config"] = json.loads(row.pop("config_json"))
        return rows

    def get_batch_items(self, batch_id: str) -> list[dict[str, Any]]:
        rows = self._query(
            "SELECT custom_id, article_id, chunk_index, chunk_count, messages_json FROM batch_items"
            " WHERE batch_id = ? ORDER BY article_id, chunk_index",
            (batch_id,),
        )
        return [
            {"custom_id": c, "article_id": a, "chunk_index": i, "chunk_count": n, "messages": json.loads(m)}
            for c, a, i, n, m in rows
        ]

    # ------------------------------------------------------------------ leases (runs that share a store share work)

    def take_lease(self, article_id: str, fingerprint: str, owner: str, ttl: float) -> bool:
        """Take (or renew) the lease on extracting an article; False while another owner's lease is live.

        A lease expires ``ttl`` seconds after it was last taken or renewed, so the lease of a run that was
        killed frees itself. Wall-clock time: the runs sharing the store may be different processes.
        """
        now = time.time()
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                row = self._conn.execute(
                    "SELECT owner, expires_at FROM leases WHERE article_id = ? AND fingerprint = ?",
                    (article_id, fingerprint),
                ).fetchone()
                free = row is None or row[0] == owner or row[1] <= now
                if free:
                    self._conn.execute(
                        "INSERT OR REPLACE INTO leases (article_id, fingerprint, owner, expires_at)"
                        " VALUES (?, ?, ?, ?)",
                        (article_id, fingerprint, owner, now + ttl),
                    )
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")
        return free

    def lease_is_free(self, article_id: str, fingerprint: str, owner: str) -> bool:
        """True when ``owner`` could take the lease now (no lease, its own, or an expired one)."""
        rows = self._query(
            "SELECT owner, expires_at FROM leases WHERE article_id = ? AND fingerprint = ?", (article_id, fingerprint)
        )
        return not rows or rows[0][0] == owner or rows[0][1] <= time.time()

    def release_lease(self, article_id: str, fingerprint: str, owner: str) -> None:
        """Give up a lease this owner holds (done, or failed: another run may try)."""
        self._write(
            "DELETE FROM leases WHERE article_id = ? AND fingerprint = ? AND owner = ?",
            (article_id, fingerprint, owner),
        )

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

    # ------------------------------------------------------------------ feeds

    def seen_entries(self, feed: str) -> set[str]:
        """Ids of the entries of ``feed`` already extracted by an earlier run."""
        return {row[0] for row in self._query("SELECT entry_id FROM feed_entries WHERE feed = ?", (feed,))}

    def mark_entries_seen(self, feed: str, entries: Sequence[tuple[str, str | None]]) -> None:
        """Record ``(entry id, article id)`` pairs of ``feed`` as done, so the next run skips them."""
        now = _now()
        self._write_many([
            ("INSERT OR IGNORE INTO feed_entries (feed, entry_id, article_id, seen_at) VALUES (?, ?, ?, ?)",
             (feed, entry_id, article_id, now))
            for entry_id, article_id in entries
        ])

    def iter_responses(self) -> list[dict[str, Any]]:
        with self._lock:
            cursor = self._conn.execute("SELECT * FROM responses ORDER BY created_at, key")
            names = [d[0] for d in cursor.description]
            return [dict(zip(names, row, strict=True)) for row in cursor]
