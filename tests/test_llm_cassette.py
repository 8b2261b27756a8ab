"""Cassettes are written as the run goes: a killed ``--record`` run keeps a valid cassette of what it was answered."""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from summarizer.cassette import (
    CachedResponse,
    Cassette,
    CassetteError,
    CassetteRecorder,
    read_cassette,
)
from tests.llm_server import LLMServer, Reply, Request

DRAFT = {"summary": "s", "operations": [], "casualties": [], "claims": []}


def header() -> Cassette:
    return Cassette(
        created=dt.datetime(2024, 1, 1, tzinfo=dt.UTC), backend="openai", model="m", prompt_version="p",
        schema_version="1", settings={"mode": "tools"},
    )  # fmt: skip


def entry(i: int) -> CachedResponse:
    return CachedResponse(article_id=f"a{i}", draft=DRAFT)


@pytest.mark.parametrize("name", ["run.yaml", "run.json"])
def test_each_answer_is_on_disk_as_soon_as_it_is_added(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    recorder = CassetteRecorder(path, header())
    assert read_cassette(path).responses == {}  # valid from the start
    recorder.add("k1", entry(1))
    recorder.add("k1", entry(1))  # once per key
    recorder.add("k2", entry(2))
    cassette = read_cassette(path)  # not closed yet: what a killed run leaves
    assert sorted(cassette.responses) == ["k1", "k2"] and cassette.model == "m"
    recorder.close()
    if name.endswith(".yaml"):
        documents = list(yaml.safe_load_all(path.read_text(encoding="utf-8")))
        assert len(documents) == 3 and documents[0]["format"] == 2


def test_a_line_cut_short_by_a_crash_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "run.json"
    recorder = CassetteRecorder(path, header())
    recorder.add("k1", entry(1))
    recorder.close()
    with path.open("a", encoding="utf-8") as handle:
        handle.write('{"key": "k2", "response": {"article_id": "a2", "dra')  # no newline: the crash
    assert list(read_cassette(path).responses) == ["k1"]


def test_a_malformed_line_in_the_middle_is_an_error_naming_the_file(tmp_path: Path) -> None:
    path = tmp_path / "run.json"
    recorder = CassetteRecorder(path, header())
    recorder.close()
    with path.open("a", encoding="utf-8") as handle:
        handle.write("{broken\n")
        handle.write(json.dumps({"key": "k", "response": entry(1).model_dump(mode="json")}) + "\n")
    with pytest.raises(CassetteError, match=rf"{path.name}: malformed cassette line 2"):
        read_cassette(path)


def test_a_whole_document_cassette_of_format_1_is_still_read(tmp_path: Path) -> None:
    path = tmp_path / "old.yaml"
    data = {**header().model_dump(mode="json"), "format": 1, "responses": {"k": entry(1).model_dump(mode="json")}}
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    assert list(read_cassette(path).responses) == ["k"]


def test_a_killed_record_run_leaves_a_valid_cassette_that_replays(tmp_path: Path) -> None:
    articles = tmp_path / "articles"
    articles.mkdir()
    for i in range(6):
        (articles / f"a{i}.txt").write_text(f"Police arrested {i + 2} suspects in Tel Nasr. Bulletin {i}.\n")
    cassette = tmp_path / "run.yaml"

    def respond(request: Request) -> Reply:
        # Three articles are answered at once; the others hang until the run is killed.
        quick = any(f"Bulletin {i}." in request.text for i in range(3))
        return Reply(DRAFT, delay=0.0 if quick else 60.0)

    with LLMServer() as server:
        server.responder = respond
        command = [
            sys.executable, "-m", "summarizer", "extract", str(articles), "--backend", "openai",
            "--base-url", server.base_url, "--model", "m", "--db", str(tmp_path / "s.db"),
            "--record", str(cassette), "--concurrency", "6", "-q", "-o", str(tmp_path / "out.jsonl"),
        ]  # fmt: skip
        env = {**os.environ, "OPENAI_API_KEY": "sk-test"}
        process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                if cassette.exists() and cassette.read_text(encoding="utf-8").count("\n") >= 4:
                    break
                time.sleep(0.1)
            process.send_signal(signal.SIGKILL)
        finally:
            process.wait(timeout=10)
    recorded = read_cassette(cassette)
    assert len(recorded.responses) == 3  # the three answered articles; replaying them below proves which
    replay = subprocess.run(
        [sys.executable, "-m", "summarizer", "extract", *(str(articles / f"a{i}.txt") for i in range(3)),
         "--backend", "replay", "--cassette", str(cassette), "--no-store", "-q"],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert replay.returncode == 0, replay.stderr
    assert len(replay.stdout.splitlines()) == 3
