"""Response cache keys and recorded runs ("cassettes").

A cached model answer is keyed on everything that changes it: the article, the prompt version, the
schema version, the model, the backend settings (mode, chunk budget...) and the chunk text. A cassette
is a file holding the answers one run used, by the same keys, so that ``--backend replay`` can re-run
without a network. Cassettes hold answers and token counts only: never a key, a header or a prompt.

A cassette is written as the run goes (format 2): a journal of one JSON object per line, the run's
settings first and then one line per answer, each appended with a single ``write`` as soon as the answer
is in. A run killed half-way leaves a valid cassette of what it was answered; a line cut short by a crash
is skipped on reading. With a ``.yaml``/``.yml`` name each line starts with ``--- `` (a YAML document
holding JSON, which is YAML), so the file is also a valid YAML stream. Whole-document cassettes
(format 1) are still read.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import threading
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

CASSETTE_FORMAT = 2  # the journal; format 1 (one YAML/JSON document) is still read
_READABLE_FORMATS = (1, 2)
_YAML_SUFFIXES = (".yaml", ".yml")


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


def _is_yaml(path: Path) -> bool:
    return path.suffix.lower() in _YAML_SUFFIXES


def _line(path: Path, data: dict[str, Any]) -> bytes:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
    return (("--- " if _is_yaml(path) else "") + text + "\n").encode("utf-8")


def _header(cassette: Cassette) -> dict[str, Any]:
    return cassette.model_dump(mode="json", exclude={"responses"})


class CassetteRecorder:
    """Appends each answer to a cassette file as it comes in (see the module docstring). Thread-safe."""

    def __init__(self, path: str | Path, cassette: Cassette) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()
        self._keys: set[str] = set()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            # Truncate, then append only: every line goes out in one write on an O_APPEND descriptor.
            self._fd: int | None = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_APPEND, 0o644)
            os.write(self._fd, _line(self.path, _header(cassette)))
        except OSError as exc:
            raise CassetteError(f"{self.path}: cannot write the cassette: {exc.strerror or exc}") from None
        for key, entry in cassette.responses.items():
            self.add(key, entry)

    def add(self, key: str, entry: CachedResponse) -> None:
        """Append one answer (once per key); it is on disk when this returns."""
        data = _line(self.path, {"key": key, "response": entry.model_dump(mode="json")})
        with self._lock:
            if key in self._keys or self._fd is None:
                return
            try:
                os.write(self._fd, data)
            except OSError as exc:
                raise CassetteError(f"{self.path}: cannot write the cassette: {exc.strerror or exc}") from None
            self._keys.add(key)

    def close(self) -> None:
        with self._lock:
            if self._fd is not None:
                try:
                    os.fsync(self._fd)
                finally:
                    os.close(self._fd)
                    self._fd = None


def write_cassette(path: str | Path, cassette: Cassette) -> Path:
    """Write ``cassette`` whole (the journal format, YAML-prefixed for ``.yaml``/``.yml``), atomically."""
    path = Path(path)
    temporary = path.with_name(f".{path.name}.tmp")
    recorder = CassetteRecorder(temporary, cassette)
    recorder.close()
    try:
        os.replace(temporary, path)
    except OSError as exc:
        raise CassetteError(f"{path}: cannot write the cassette: {exc.strerror or exc}") from None
    return path


def _journal_lines(raw: str) -> list[dict[str, Any]] | None:
    """The journal's objects, or None when ``raw`` is not a journal (a format-1 document)."""
    lines = raw.splitlines(keepends=True)
    objects: list[dict[str, Any]] = []
    for number, line in enumerate(lines):
        text = line.strip()
        if text.startswith("---"):
            text = text[3:].strip()
        if not text:
            continue
        try:
            value = json.loads(text)
        except ValueError:
            if not objects:
                return None  # not a journal
            if number == len(lines) - 1 and not line.endswith("\n"):
                break  # the last line, cut short by a crash: what came before stands
            raise CassetteError(f"malformed cassette line {number + 1}") from None
        if not isinstance(value, dict) or (not objects and "format" not in value):
            return None
        objects.append(value)
    return objects or None


def read_cassette(path: str | Path) -> Cassette:
    """Read and validate a cassette written by :class:`CassetteRecorder` or :func:`write_cassette`."""
    path = Path(path)
    try:
        raw = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise CassetteError(f"{path}: cannot read the cassette: {exc.strerror or exc}") from None
    try:
        journal = _journal_lines(raw)
    except CassetteError as exc:
        raise CassetteError(f"{path}: {exc}") from None
    if journal is not None:
        header, entries = journal[0], journal[1:]
        data: Any = {**header, "responses": {}}
        for entry in entries:
            if not isinstance(entry.get("key"), str):
                raise CassetteError(f"{path}: not a cassette: an answer line without a key")
            data["responses"][entry["key"]] = entry.get("response")
    else:
        try:
            data = yaml.safe_load(raw) if _is_yaml(path) else json.loads(raw)
        except (ValueError, yaml.YAMLError) as exc:
            raise CassetteError(f"{path}: malformed cassette: {str(exc).splitlines()[0]}") from None
    try:
        cassette = Cassette.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "(top)"
        raise CassetteError(f"{path}: not a cassette: {where}: {first['msg']}") from None
    if cassette.format not in _READABLE_FORMATS:
        raise CassetteError(
            f"{path}: cassette format {cassette.format} is not supported (expected one of {_READABLE_FORMATS})"
        )
    return cassette
