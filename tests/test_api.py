"""The Python API and the version: what a library user sees."""

from __future__ import annotations

import doctest
import importlib.metadata
import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

import summarizer
from summarizer import api
from summarizer.backends.rules import ENGINE_VERSION
from summarizer.cli import app

from .conftest import REPO, SEEDS


def test_public_names_are_exported_and_typed() -> None:
    assert set(summarizer.__all__) >= {"extract", "brief", "evaluate", "__version__"}
    for name in summarizer.__all__:
        assert getattr(summarizer, name) is not None
    assert (REPO / "summarizer" / "py.typed").is_file()
    with pytest.raises(AttributeError):
        _ = summarizer.no_such_function  # type: ignore[attr-defined]


def test_one_version_for_the_package_and_its_metadata() -> None:
    assert importlib.metadata.version("summarizer") == summarizer.__version__


def test_version_option_shows_package_and_engine() -> None:
    result = CliRunner().invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.output.strip() == (
        f"summarizer {summarizer.__version__} (engine {ENGINE_VERSION}, schema {summarizer.SCHEMA_VERSION})"
    )


def test_import_is_cheap() -> None:
    # The API functions import the pipeline only when called: `import summarizer` must not load the engine.
    code = "import sys, summarizer; print(any(m.startswith('summarizer.backends') for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_doctests_of_the_api(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    result = doctest.testmod(api, optionflags=doctest.ELLIPSIS)
    assert result.attempted >= 3 and result.failed == 0


def test_extract_reports_bad_inputs_without_raising(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("   \n", encoding="utf-8")
    report = summarizer.extract([SEEDS / "001_c1bfbb0919e142a7.txt", empty])
    assert len(report.extractions) == 1 and report.extractions[0].casualties
    assert [str(f) for f in report.failures] == [f"{empty}: the article is empty (no text)"]
    assert not report.ok


def test_extract_with_a_store_reuses_on_the_second_call(tmp_path: Path) -> None:
    db = tmp_path / "api.db"
    first = summarizer.extract([SEEDS], db=db)
    second = summarizer.extract([SEEDS], db=db)
    assert first.reused == 0 and second.reused == len(second.extractions) == 5


def test_a_single_path_is_one_input() -> None:
    assert len(summarizer.extract(str(SEEDS)).extractions) == 5
    assert len(summarizer.extract(SEEDS).extractions) == 5


def test_brief_formats(tmp_path: Path) -> None:
    data = json.loads(summarizer.brief([SEEDS], format="json"))
    assert len(data["sources"]) == 5 and data["incidents"]
    page = summarizer.brief([SEEDS], format="html")
    assert page.startswith("<!DOCTYPE html>")


def test_evaluate_scores_saved_predictions(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    out = tmp_path / "pred.jsonl"
    report = summarizer.extract([SEEDS])
    out.write_text("".join(e.model_dump_json() + "\n" for e in report.extractions), encoding="utf-8")
    from_file = summarizer.evaluate(predictions=out)
    direct = summarizer.evaluate(backend="rules")
    assert from_file.fixtures == direct.fixtures == 5
    assert from_file.casualties.f1 == direct.casualties.f1 > 0.5
    # An empty prediction file scores zero: the metric can fail.
    empty = tmp_path / "none.jsonl"
    empty.write_text("", encoding="utf-8")
    assert summarizer.evaluate(predictions=empty).casualties.f1 == 0.0
