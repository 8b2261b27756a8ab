"""The LLM options on the command line: usage errors exit 2 with one line; the clock options reach the backend."""

from __future__ import annotations

import socket
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summarizer.cli import app

runner = CliRunner()
ARTICLE = "Police detained three suspects in Tel Warda on Friday, a ministry spokesman said.\n"


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def _lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


def test_an_unknown_mode_is_a_usage_error(article: Path, tmp_path: Path) -> None:
    result = runner.invoke(
        app,
        ["extract", str(article), "--backend", "openai", "--base-url", "http://127.0.0.1:9/v1", "--mode", "bogus",
         "--db", str(tmp_path / "s.db"), "-q"],
    )  # fmt: skip
    assert result.exit_code == 2, result.output
    assert "unknown mode 'bogus'" in result.output
    assert "BackendError" not in result.output and "Traceback" not in result.output


def test_a_missing_cassette_is_a_usage_error(article: Path, tmp_path: Path) -> None:
    missing = tmp_path / "none.yaml"
    result = runner.invoke(
        app, ["extract", str(article), "--backend", "replay", "--cassette", str(missing), "--no-store", "-q"]
    )
    assert result.exit_code == 2, result.output
    assert str(missing) in result.output and "cannot read the cassette" in result.output
    assert "BackendError" not in result.output


def test_replay_without_a_cassette_is_a_usage_error(article: Path) -> None:
    result = runner.invoke(app, ["extract", str(article), "--backend", "replay", "--no-store", "-q"])
    assert result.exit_code == 2 and "--cassette" in result.output


@pytest.mark.parametrize("option", ["--timeout", "--deadline", "--max-response-mb"])
def test_clock_and_size_options_refuse_nonsense(article: Path, option: str) -> None:
    result = runner.invoke(app, ["extract", str(article), option, "0", "--no-store", "-q"])
    assert result.exit_code == 2


def test_a_dead_endpoint_fails_every_article_fast_from_the_command_line(tmp_path: Path) -> None:
    for i in range(50):
        (tmp_path / f"a{i:02}.txt").write_text(f"{ARTICLE}Report {i}.\n", encoding="utf-8")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    started = time.perf_counter()
    result = runner.invoke(
        app,
        ["extract", str(tmp_path), "--backend", "openai", "--base-url", f"http://127.0.0.1:{port}/v1",
         "--model", "m", "--db", str(tmp_path / "s.db"), "--timeout", "5", "--deadline", "60", "-q"],
    )  # fmt: skip
    assert time.perf_counter() - started < 30
    assert result.exit_code == 1
    failures = [line for line in _lines(result.output) if line.endswith(")") or "refused" in line]
    assert len([line for line in failures if "connection refused" in line]) == 50


def test_eval_with_a_missing_cassette_is_a_usage_error(tmp_path: Path) -> None:
    missing = tmp_path / "none.yaml"
    result = runner.invoke(app, ["eval", "--backend", "replay", "--cassette", str(missing)])
    assert result.exit_code == 2, result.output
    assert "cannot read the cassette" in result.output and "BackendSetupError" not in result.output
