from __future__ import annotations

import json

import jsonschema

from summarizer.models import ArticleExtraction, Count, GoldFixture
from summarizer.schema import schema_documents, stale_schemas

from .conftest import REPO


def test_committed_schemas_match_the_models() -> None:
    assert stale_schemas(REPO / "schemas") == [], "run 'summarizer schema' and commit schemas/"


def test_schema_documents_are_valid_json_schema() -> None:
    for text in schema_documents().values():
        jsonschema.Draft202012Validator.check_schema(json.loads(text))  # raises on an invalid schema


def test_count_rejects_inverted_ranges() -> None:
    import pytest
    from pydantic import ValidationError

    with pytest.raises(ValidationError):
        Count(phrase="x", low=5, high=2)
    with pytest.raises(ValidationError):
        Count(phrase="x", low=5, best=4)


def test_extraction_schema_has_the_three_lists() -> None:
    props = ArticleExtraction.model_json_schema()["properties"]
    assert {"operations", "casualties", "claims", "provenance", "article"} <= set(props)
    assert "casualties" in GoldFixture.model_json_schema()["properties"]
