"""The engine's vocabulary, loaded once from ``summarizer/data/lexicon.yaml``.

The word lists are data; the regex shapes that combine them live with the code that uses them. This module
offers the lists as sets (:func:`words`), mappings (:func:`mapping`) and longest-first regex alternations
(:func:`alternation`), plus :data:`LEXICON_HASH`, a digest of the file that the offline engine folds into its
version so stored extractions are not reused across a change of vocabulary.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping
from functools import cache, lru_cache
from importlib import resources
from typing import Any

import yaml


@lru_cache(maxsize=1)
def _raw() -> str:
    return resources.files("summarizer.data").joinpath("lexicon.yaml").read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def _data() -> dict[str, Any]:
    data = yaml.safe_load(_raw())
    if not isinstance(data, dict):
        raise ValueError("lexicon.yaml: expected a mapping of list names to entries")
    return data


def _entry(name: str) -> Any:
    try:
        return _data()[name]
    except KeyError:
        raise KeyError(f"lexicon.yaml has no list {name!r}") from None


def entries(name: str) -> list[str]:
    """The entries of one list, in the file's order (the keys, for a mapping)."""
    value = _entry(name)
    items = list(value) if isinstance(value, dict | list) else [value]
    odd = [item for item in items if not isinstance(item, str)]
    if odd:  # YAML reads a bare On/No/Yes as a boolean: such words must be quoted in the file
        raise ValueError(f"lexicon.yaml: list {name!r} holds non-words {odd!r} (quote them)")
    return items


@cache
def words(name: str, *, lower: bool = True) -> frozenset[str]:
    """One list as a set, lower-cased unless ``lower`` is false."""
    return frozenset(w.lower() for w in entries(name)) if lower else frozenset(entries(name))


def mapping(name: str) -> Mapping[str, Any]:
    """One list that maps words to values (numbers, kinds)."""
    value = _entry(name)
    if not isinstance(value, dict):
        raise TypeError(f"lexicon.yaml: {name!r} is not a mapping")
    return {str(k): v for k, v in value.items()}


def alternate(phrases: Iterable[str], *, flexible_space: bool = True) -> str:
    """A regex alternation of ``phrases``, longest first (so "told reporters" wins over "told"), each escaped;
    a space matches any white space when ``flexible_space``."""
    ordered = sorted(dict.fromkeys(phrases), key=len, reverse=True)
    parts = (re.escape(p) for p in ordered)
    if flexible_space:
        parts = (p.replace(r"\ ", r"\s+") for p in parts)
    return "|".join(parts)


@cache
def alternation(name: str, *, flexible_space: bool = True) -> str:
    """The longest-first alternation of one list (see :func:`alternate`), without a group around it."""
    return alternate(entries(name), flexible_space=flexible_space)


def singular(noun: str) -> str:
    """The singular of a plural noun of the vocabulary ("fishermen" -> "fisherman", "militias" -> "militia")."""
    if noun.endswith("men"):
        return noun[:-3] + "man"
    if noun.endswith("ies"):
        return noun[:-3] + "y"
    return noun[:-1] if noun.endswith("s") and not noun.endswith("ss") else noun


#: A digest of the vocabulary: part of the offline engine's version.
LEXICON_HASH = hashlib.sha256(_raw().encode("utf-8")).hexdigest()[:12]
