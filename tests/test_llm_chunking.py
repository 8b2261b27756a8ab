"""Chunking on sentence boundaries, the token estimate, and merging per-chunk answers."""

from __future__ import annotations

import itertools

from summarizer.chunking import chunk_text, estimate_tokens, merge_drafts, sentence_spans
from summarizer.costs import cost_usd, price_for
from summarizer.models import DraftExtraction

SENTENCES = [f"Patrol {i} reached the checkpoint at Qasr Nadim before noon." for i in range(30)]
LONG = " ".join(SENTENCES)


def test_short_text_is_one_chunk_identical_to_the_text() -> None:
    [chunk] = chunk_text("One sentence. Two sentences.", 100)
    assert (chunk.start, chunk.end, chunk.text) == (0, 28, "One sentence. Two sentences.")


def test_chunks_fit_the_budget_end_on_sentences_and_overlap() -> None:
    chunks = chunk_text(LONG, 60, overlap_sentences=1)
    assert len(chunks) > 3
    assert chunks[0].start == 0 and chunks[-1].end == len(LONG)
    for chunk in chunks:
        assert estimate_tokens(chunk.text) <= 60
        assert chunk.text == LONG[chunk.start : chunk.end]
        assert chunk.text.rstrip().endswith(".")
    for before, after in itertools.pairwise(chunks):
        assert after.start < before.end  # overlap
        assert after.start > before.start  # progress
    covered = set()
    for chunk in chunks:
        covered.update(range(chunk.start, chunk.end))
    assert covered == set(range(len(LONG)))


def test_a_sentence_longer_than_the_budget_is_cut_on_spaces() -> None:
    wall = "word " * 400
    chunks = chunk_text(wall, 50)
    assert len(chunks) > 5
    assert all(estimate_tokens(c.text) <= 50 for c in chunks)
    assert "".join(c.text for c in chunks if c.index == 0)  # non-empty


def test_sentence_spans_cover_the_text() -> None:
    text = 'He said "We won." Then left!\n\nNew paragraph without stop'
    spans = sentence_spans(text)
    assert "".join(text[s:e] for s, e in spans) == text
    assert len(spans) == 3


def test_estimate_is_about_four_characters_per_token() -> None:
    assert 20 <= estimate_tokens("x" * 100) <= 30


def test_merge_deduplicates_and_remaps_operation_indexes() -> None:
    first = DraftExtraction.model_validate(
        {
            "summary": "A.",
            "operations": [
                {"kind": "raid", "quote": "a raid in Tel Hawa"},
                {"name": "Iron Gate", "kind": "operation", "quote": "launched Operation Iron Gate"},
            ],
            "casualties": [
                {"victims": "gunmen", "outcome": "killed", "count_phrase": "three", "operation_index": 1,
                 "quote": "killing three gunmen"},
            ],
            "claims": [],
        }
    )
    second = DraftExtraction.model_validate(
        {
            "summary": "B.",
            "operations": [
                {"name": "Iron Gate", "kind": "operation", "quote": "the Iron Gate operation continued",
                 "date_phrase": "on Friday"},
                {"kind": "ambush", "quote": "an ambush near Sirwan"},
            ],
            "casualties": [
                {"victims": "gunmen", "outcome": "killed", "count_phrase": "three", "operation_index": 0,
                 "quote": "killing  three gunmen"},
                {"victims": "soldiers", "outcome": "wounded", "count_phrase": "two", "operation_index": 1,
                 "quote": "wounding two soldiers"},
            ],
            "claims": [
                {"claimant": "a spokesman", "content": "x", "operation_index": 1, "quote": "a spokesman said"},
            ],
        }
    )
    merged = merge_drafts([first, second])
    assert [op.kind.value for op in merged.operations] == ["raid", "operation", "ambush"]
    assert merged.operations[1].date_phrase == "on Friday"  # the later mention filled the date
    assert len(merged.casualties) == 2  # whitespace-different copy of the same quote merged
    assert merged.casualties[0].operation_index == 1
    assert merged.casualties[1].operation_index == 2  # "ambush" moved from 1 to 2
    assert merged.claims[0].operation_index == 2
    assert merged.summary == "A. B."


def test_prices_match_dated_snapshots_and_unknown_models() -> None:
    assert price_for("gpt-4o-mini-2024-07-18") == price_for("gpt-4o-mini")
    assert price_for("gpt-4o-2024-05-13") != price_for("gpt-4o")  # an exact entry wins over the prefix
    assert price_for("some-local-model") is None
    assert cost_usd("some-local-model", 10, 10) is None
    assert cost_usd("gpt-4o", 1_000_000, 1_000_000) == 12.5
