"""Store schema versions: a store made by the previous release (0.1.0, no migrations table) opens and upgrades."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

from summarizer.articles import make_article
from summarizer.models import ArticleExtraction, Provenance
from summarizer.store import MIGRATIONS, Store

# The schema release 0.1.0 created, verbatim: it had no migrations table and no feed table.
RELEASE_0_1_0_SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (id TEXT PRIMARY KEY, source TEXT NOT NULL, meta_json TEXT NOT NULL,
    text TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS extractions (article_id TEXT NOT NULL, fingerprint TEXT NOT NULL, backend TEXT NOT NULL,
    created_at TEXT NOT NULL, json TEXT NOT NULL, PRIMARY KEY (article_id, fingerprint));
CREATE TABLE IF NOT EXISTS calls (id INTEGER PRIMARY KEY AUTOINCREMENT, created_at TEXT NOT NULL, article_id TEXT,
    backend TEXT NOT NULL, model TEXT, prompt_version TEXT, input_tokens INTEGER NOT NULL DEFAULT 0,
    output_tokens INTEGER NOT NULL DEFAULT 0, cost_usd REAL, latency_ms REAL NOT NULL DEFAULT 0,
    attempts INTEGER NOT NULL DEFAULT 1, outcome TEXT NOT NULL, error TEXT);
CREATE TABLE IF NOT EXISTS responses (key TEXT PRIMARY KEY, created_at TEXT NOT NULL, article_id TEXT,
    backend TEXT NOT NULL, model TEXT, prompt_version TEXT, response_json TEXT NOT NULL);
"""


def _old_store(path: Path) -> tuple[str, str]:
    """A store file as release 0.1.0 left it, holding one article and its extraction."""
    article = make_article("Gunmen killed two herders near a well on Monday, police said.", "old.txt")
    extraction = ArticleExtraction(article=article.meta, provenance=Provenance(backend="rules"))
    conn = sqlite3.connect(path)
    conn.executescript(RELEASE_0_1_0_SCHEMA)
    conn.execute("INSERT INTO articles VALUES (?, ?, ?, ?)",
                 (article.id, "old.txt", article.meta.model_dump_json(), article.text))
    conn.execute("INSERT INTO extractions VALUES (?, ?, ?, ?, ?)",
                 (article.id, "fp-old", "rules", "2026-01-01T00:00:00+00:00", extraction.model_dump_json()))
    conn.commit()
    conn.close()
    return article.id, article.text


def _tables(path: Path) -> set[str]:
    conn = sqlite3.connect(path)
    try:
        return {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    finally:
        conn.close()


def test_a_store_from_the_previous_release_opens_upgraded_with_its_data(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    article_id, text = _old_store(path)
    assert "_migrations" not in _tables(path) and "feed_entries" not in _tables(path)
    with Store(path) as store:
        assert store.schema_version() == len(MIGRATIONS)
        article = store.get_article(article_id)
        assert article is not None and article.text == text
        assert store.get_extraction(article_id, "fp-old") is not None
        store.mark_entries_seen("feed.xml", [("entry-1", article_id)])
        assert store.seen_entries("feed.xml") == {"entry-1"}
    assert {"_migrations", "feed_entries"} <= _tables(path)


def test_migrations_apply_once(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    with Store(path) as store:
        assert store.migrate() == []  # opening applied them all
    conn = sqlite3.connect(path)
    names = [row[0] for row in conn.execute("SELECT name FROM _migrations ORDER BY rowid")]
    conn.close()
    assert names == [name for name, _ in MIGRATIONS]
    with Store(path) as store:  # reopening applies nothing
        assert store.schema_version() == len(MIGRATIONS)


def test_a_new_migration_is_applied_to_an_existing_store(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "s.db"
    Store(path).close()
    import summarizer.store as store_module

    extra = (*MIGRATIONS, ("m999_example", ("CREATE TABLE example (id INTEGER PRIMARY KEY)",)))
    monkeypatch.setattr(store_module, "MIGRATIONS", extra)
    with Store(path) as store:
        assert store.schema_version() == len(extra)
    assert "example" in _tables(path)


def test_a_migration_may_be_one_script_of_several_statements(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "s.db"
    Store(path).close()
    import summarizer.store as store_module

    script = """
    CREATE TABLE IF NOT EXISTS one (id INTEGER PRIMARY KEY, note TEXT DEFAULT 'a; b');
    CREATE TABLE IF NOT EXISTS two (
        id INTEGER PRIMARY KEY
    );
    """
    assert len(store_module.split_statements(script)) == 2  # the ';' inside a string does not split
    monkeypatch.setattr(store_module, "MIGRATIONS", (*MIGRATIONS, ("m999_script", script)))
    with Store(path) as store:
        assert store.schema_version() == len(MIGRATIONS) + 1
    assert {"one", "two"} <= _tables(path)


def test_a_failing_migration_leaves_the_store_as_it_was(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "s.db"
    Store(path).close()
    import summarizer.store as store_module

    broken = (*MIGRATIONS, ("m999_broken", ("CREATE TABLE half (id INTEGER)", "THIS IS NOT SQL")))
    monkeypatch.setattr(store_module, "MIGRATIONS", broken)
    try:
        Store(path)
    except sqlite3.OperationalError:
        pass
    else:
        raise AssertionError("a broken migration must raise")
    assert "half" not in _tables(path)
    monkeypatch.setattr(store_module, "MIGRATIONS", MIGRATIONS)
    with Store(path) as store:
        assert store.schema_version() == len(MIGRATIONS)


def test_two_processes_opening_one_store_apply_each_migration_once(tmp_path: Path) -> None:
    path = tmp_path / "shared.db"
    errors: list[BaseException] = []

    def open_store() -> None:
        try:
            Store(path).close()
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=open_store) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    conn = sqlite3.connect(path)
    count = conn.execute("SELECT COUNT(*) FROM _migrations").fetchone()[0]
    conn.close()
    assert count == len(MIGRATIONS)
