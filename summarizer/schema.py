"""JSON Schema export of the data model (``schemas/*.schema.json``)."""

from __future__ import annotations

import json
from pathlib import Path

from summarizer.models import EXPORTED_SCHEMAS


def schema_documents() -> dict[str, str]:
    """File name -> JSON text for every exported model, exactly as ``summarizer schema`` writes it."""
    return {
        f"{stem}.schema.json": json.dumps(model.model_json_schema(), indent=2, sort_keys=True, ensure_ascii=False)
        + "\n"
        for stem, model in EXPORTED_SCHEMAS.items()
    }


def write_schemas(directory: Path) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in schema_documents().items():
        path = directory / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def stale_schemas(directory: Path) -> list[str]:
    """Names of schema files that are missing or differ from the models."""
    return [
        name
        for name, text in schema_documents().items()
        if not (directory / name).is_file() or (directory / name).read_text(encoding="utf-8") != text
    ]
