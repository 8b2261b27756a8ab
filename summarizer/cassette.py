"""Response cache keys and recorded runs ("cassettes").

A cached model answer is keyed on everything that changes it: the article, the prompt version, the
schema version, the model, the backend settings (mode, chunk budget...) and the chunk text. A cassette
is a file holding the answers one run used, by the same keys, so that ``--backend replay`` can re-run
without a network. Cassettes hold answers and token counts only: never a key, a header or a prompt.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

CASSETTE_FORMAT = 1


def cache_key(
    article_id: str,
    prompt_version: str,
    schema_version: str,
    model: str,
    settings: dict[str, Any],
    chunk_text: str,
) -> str:
    """sha256 over everything that changes a model's answer for one chunk."""
    payload = json.dumps(
        {
            "article": article_id,
            "prompt": prompt_version,
            "schema": schema_version,
            "model": model,
            "settings": settings,
            "chunk": hashlib.sha256(chunk_text.encode("utf-8")).hexdigest(),
        },
        sort_keys=True,
        separators=(",", ":"),
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


class CachedUsage(BaseModel):
    model_config = ConfigDict(extra="forbid")

    input_tokens: int = 0
    output_tokens: int = 0


class CachedResponse(BaseModel):
    """One chunk's validated answer, as cached in the store and written to cassettes."""

    model_config = ConfigDict(extra="forbid")

    article_id: str
    chunk_index: int = 0
    chunk_count: int = 1
    draft: dict[str, Any]
    usage: CachedUsage = Field(default_factory=CachedUsage)
    attempts: int = 1
    served_model: str | None = None


class Cassette(BaseModel):
    """A recorded run: the settings the keys were computed with and the answers by key."""

    model_config = ConfigDict(extra="forbid")

    format: int = CASSETTE_FORMAT
    created: dt.datetime
    backend: str
    model: str
    prompt_version: str
    schema_version: str
    settings: dict[str, Any] = Field(default_factory=dict)
    responses: dict[str, CachedResponse] = Field(default_factory=dict)


class CassetteError(Exception):
    """A cassette cannot be read or written; the message names the file."""


def write_cassette(path: str | Path, cassette: Cassette) -> Path:
    """Write ``cassette`` as YAML (``.yaml``/``.yml``) or JSON (anything else)."""
    path = Path(path)
    data = cassette.model_dump(mode="json")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.suffix.lower() in (".yaml", ".yml"):
            text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
        else:
            text = json.dumps(data, indent=1, ensure_ascii=False) + "\n"
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise CassetteError(f"{path}: cannot write the cassette: {exc.strerror or exc}") from None
    return path


def read_cassette(path: str | Path) -> Cassette:
    """Read and validate a cassette written by :func:`write_cassette`."""
    path = Path(path)
    try:
        raw = path.read_text(encoding="utf-8")
        data = yaml.safe_load(raw) if path.suffix.lower() in (".yaml", ".yml") else json.loads(raw)
    except OSError as exc:
        raise CassetteError(f"{path}: cannot read the cassette: {exc.strerror or exc}") from None
    except (ValueError, yaml.YAMLError) as exc:
        raise CassetteError(f"{path}: malformed cassette: {str(exc).splitlines()[0]}") from None
    try:
        cassette = Cassette.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "(top)"
        raise CassetteError(f"{path}: not a cassette: {where}: {first['msg']}") from None
    if cassette.format != CASSETTE_FORMAT:
        raise CassetteError(f"{path}: cassette format {cassette.format} is not supported (expected {CASSETTE_FORMAT})")
    return cassette
