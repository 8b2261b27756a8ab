"""The JSON schema a model is shown, generated from the draft model (never written by hand).

Two shapes, both from :class:`~summarizer.models.DraftExtraction`:

* :func:`lean_schema`: pydantic's schema without what costs tokens and tells the model nothing the
  system prompt does not already say: titles, defaults and field descriptions (the prompt's rules
  describe every field, once). Constraints (``required``, ``enum``, ``minLength``, ``minimum``,
  ``additionalProperties``) stay. This is what tool calls and the JSON modes carry.
* :func:`strict_schema`: the same, in the subset OpenAI's strict structured outputs accept
  (``response_format = {"type": "json_schema", "json_schema": {..., "strict": true}}``): every object
  lists every property as required and forbids others. The draft's optional fields are already
  nullable (``str | None``); a field with a value default (``kind``, ``background``, a list) must then be
  written out, which pydantic accepts. Keywords strict mode does not take (``minLength``, ``minimum``,
  ``default``, ``title``) are dropped: the server enforces a looser schema than pydantic, which still
  decides what is valid.
"""

from __future__ import annotations

import copy
from functools import lru_cache
from typing import Any

from pydantic import BaseModel

from summarizer.models import DraftExtraction

_NOISE = frozenset({"title", "default", "description", "examples"})
_NOT_STRICT = frozenset({"minLength", "maxLength", "minimum", "maximum", "pattern", "format", "minItems", "maxItems"})


def _strip(node: Any, drop: frozenset[str], *, in_properties: bool = False) -> Any:
    if isinstance(node, dict):
        # Under "properties" the keys are field names, which are never dropped.
        return {
            key: _strip(value, drop, in_properties=key == "properties" and not in_properties)
            for key, value in node.items()
            if in_properties or key not in drop
        }
    if isinstance(node, list):
        return [_strip(value, drop) for value in node]
    return node


def _strict(node: Any) -> Any:
    """Every object lists all its properties as required and allows no others."""
    if isinstance(node, list):
        return [_strict(value) for value in node]
    if not isinstance(node, dict):
        return node
    out = {key: _strict(value) for key, value in node.items()}
    if isinstance(node.get("properties"), dict):
        out["required"] = list(node["properties"])
        out["additionalProperties"] = False
    return out


def lean_schema_of(model: type[BaseModel]) -> dict[str, Any]:
    """``model``'s JSON schema without titles, defaults and descriptions (see the module docstring)."""
    schema: dict[str, Any] = _strip(model.model_json_schema(), _NOISE)  # an object in, an object out
    return schema


def strict_schema_of(model: type[BaseModel]) -> dict[str, Any]:
    """``model``'s JSON schema in OpenAI's strict structured-output subset (see the module docstring)."""
    schema: dict[str, Any] = _strict(_strip(model.model_json_schema(), _NOISE | _NOT_STRICT))  # an object stays one
    return schema


@lru_cache(maxsize=1)
def _lean() -> dict[str, Any]:
    return lean_schema_of(DraftExtraction)


@lru_cache(maxsize=1)
def _strict_draft() -> dict[str, Any]:
    return strict_schema_of(DraftExtraction)


def lean_schema() -> dict[str, Any]:
    """The draft's lean schema (a fresh copy: callers may edit it)."""
    return copy.deepcopy(_lean())


def strict_schema() -> dict[str, Any]:
    """The draft's strict schema (a fresh copy: callers may edit it)."""
    return copy.deepcopy(_strict_draft())


def strict_response_format(name: str = "DraftExtraction") -> dict[str, Any]:
    """The ``response_format`` of a strict structured-output request for the draft."""
    return {"type": "json_schema", "json_schema": {"name": name, "strict": True, "schema": strict_schema()}}
