"""Vocabulary and reference data, kept as files (YAML, TSV) beside the code that compiles them."""

from __future__ import annotations

import hashlib
from importlib import resources

#: Files that do not change what is extracted or normalised (prices of model calls).
_NOT_EXTRACTION = frozenset({"prices.yaml"})


def extraction_data_digest() -> str:
    """A digest of every data file that the offline engine and the shared normalisation read (the lexicon, the
    gazetteer, world forces and armed groups, place stop words, event links...): part of the engine's version, so a
    change of data alone makes stored extractions stale."""
    digest = hashlib.sha256()
    for entry in sorted(resources.files(__name__).iterdir(), key=lambda e: e.name):
        if entry.name.endswith((".yaml", ".tsv")) and entry.name not in _NOT_EXTRACTION:
            digest.update(entry.name.encode("utf-8"))
            digest.update(entry.read_bytes())
    return digest.hexdigest()[:12]
