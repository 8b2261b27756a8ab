from __future__ import annotations

import json
from pathlib import Path

import jsonschema
from typer.testing import CliRunner

from summarizer.cli import app

from .conftest import REPO, SEEDS

runner = CliRunner()


def test_extract_seeds_writes_one_valid_line_per_article(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["extract", str(SEEDS), "-o", str(out), "--quiet"])
    assert result.exit_code == 0, result.output
    schema = json.loads((REPO / "schemas" / "article_extraction.schema.json").read_text(encoding="utf-8"))
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 5
    for line in lines:
        record = json.loads(line)
        jsonschema.validate(record, schema)
        assert {"operations", "casualties", "claims"} <= set(record)
        assert record["provenance"]["backend"] == "rules"


def test_brief_writes_markdown(tmp_path: Path) -> None:
    out = tmp_path / "briefing.md"
    result = runner.invoke(app, ["brief", str(SEEDS), "-o", str(out), "--quiet"])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").startswith("# ")


def test_unknown_backend_is_a_usage_error_without_traceback() -> None:
    result = runner.invoke(app, ["extract", str(SEEDS), "--backend", "nope"])
    assert result.exit_code == 2
    assert "unknown backend" in result.output and "Traceback" not in result.output


def test_a_missing_input_fails_that_input_only(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    result = runner.invoke(
        app, ["extract", str(SEEDS / "000_315ef980977422ac.txt"), str(tmp_path / "gone.txt"), "-o", str(out), "-q"]
    )
    assert result.exit_code == 1
    assert "gone.txt: no such file or directory" in result.output
    assert len(out.read_text(encoding="utf-8").splitlines()) == 1


def test_schema_check_passes_on_the_committed_schemas() -> None:
    result = runner.invoke(app, ["schema", "--check", "--out", str(REPO / "schemas")])
    assert result.exit_code == 0, result.output
