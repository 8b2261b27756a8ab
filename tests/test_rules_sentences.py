"""The sentence splitter: a table of sentences written for these tests, and linear time on long one-line text."""

from __future__ import annotations

import time
from itertools import pairwise

import pytest

from summarizer.backends.rules.sentences import build_document
from summarizer.chunking import sentence_spans as chunk_spans
from summarizer.sentences import sentence_spans, split_sentences


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Troops left at dawn. They returned at noon.", ["Troops left at dawn.", "They returned at noon."]),
        # a title's dot, an initial, a dotted acronym: no boundary
        ("Maj. Gen. Tariq Aziz spoke. He was brief.", ["Maj. Gen. Tariq Aziz spoke.", "He was brief."]),
        ("Col. R. Stone led the unit.", ["Col. R. Stone led the unit."]),
        ("The U.S. Army sent help. Aid arrived.", ["The U.S. Army sent help.", "Aid arrived."]),
        # an initial followed by a sentence opener ends the sentence: 'said on X. He added'
        ("He posted it on X. He added more.", ["He posted it on X.", "He added more."]),
        # a quotation is kept whole until its close
        ('"We held. Then we left," he said. Calm returned.', ['"We held. Then we left," he said.', "Calm returned."]),
        # lines are hard boundaries
        ("A headline here\nThe body starts. It ends.", ["A headline here", "The body starts.", "It ends."]),
        # a missing space after a full stop between two words
        ("The patrol came back.Nobody was hurt.", ["The patrol came back.", "Nobody was hurt."]),
        ("It ended! Was it over? Yes.", ["It ended!", "Was it over?", "Yes."]),
    ],
)
def test_split(text: str, expected: list[str]) -> None:
    assert [s.text for s in split_sentences(text)] == expected


def test_spans_index_the_text() -> None:
    text = "  Gen. Hana Rami arrived.  Rain fell on the camp.\nA second line. "
    for sentence in split_sentences(text):
        assert text[sentence.start : sentence.end] == sentence.text


def test_spans_tile_the_text_for_chunking_and_links() -> None:
    text = "  Gen. Hana Rami arrived.  Rain fell.\nA second line. "
    spans = sentence_spans(text)
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in pairwise(spans))
    assert [text[s:e].strip() for s, e in spans] == ["Gen. Hana Rami arrived.", "Rain fell.", "A second line."]
    assert chunk_spans(text) == spans  # chunking uses the one splitter


def _one_line(chars: int) -> str:
    """A long one-line article of short sentences with titles, initials, acronyms and quotes (written here)."""
    pieces = [
        "Lt. Col. A. Noor said the U.S. team left.",
        '"We saw smoke. Then we ran," a farmer said.',
        "Patrols went out at dawn on Tuesday.",
        "Mr. Sami told reporters it was calm.",
    ]
    out, size, i = [], 0, 0
    while size < chars:
        out.append(pieces[i % len(pieces)])
        size += len(out[-1]) + 1
        i += 1
    return " ".join(out)


@pytest.mark.parametrize("chars", [100_000, 1_000_000])
def test_splitting_a_long_line_is_linear(chars: int) -> None:
    text = _one_line(chars)
    started = time.process_time()
    sentences = split_sentences(text)
    spans = sentence_spans(text)
    elapsed = time.process_time() - started
    assert len(sentences) >= chars // 60 and len(spans) == len(sentences)
    # linear: about a second for a million characters on a slow shared core; quadratic took over 600 s
    assert elapsed < 15, f"{chars} characters split in {elapsed:.1f} s"


def test_mentions_of_a_sentence_come_from_the_index() -> None:
    doc = build_document("Iraqi Army units entered Kirkuk. ISIS fighters fled to Hawija. Calm returned.")
    first, second, third = doc.sentences
    assert [m.text for m in doc.actors_in(first.start, first.end)] == ["Iraqi Army"]
    assert [m.text for m in doc.places_in(second.start, second.end)] == ["Hawija"]
    assert doc.actors_in(third.start, third.end) == []
    everything = [m for s in doc.sentences for m in doc.actors_in(s.start, s.end)]
    assert everything == [m for m in doc.actors if any(s.start <= m.start and m.end <= s.end for s in doc.sentences)]


@pytest.mark.parametrize(
    ("text", "group"),
    [
        # named most by a name of its own, over a group named once
        ("ISWAP fighters attacked Monguno in Borno. Boko Haram later raided a village. ISWAP claimed it.", "ISWAP"),
        # a tie goes to the group named first
        ("JNIM fighters attacked an army post in Mali. Islamic State fighters attacked another post.", "JNIM"),
        # a named group outvotes any number of bare nouns
        ("Militants attacked a village in Borno. Boko Haram was blamed; militants fled into the forest.", "Boko Haram"),
        # no named group: the group the story's bare nouns stand for in its setting
        ("Militants attacked a checkpoint near Kirkuk. Iraqi troops repelled the militants.", "ISIS"),
        ("Troops patrolled Mosul on Monday.", None),
    ],
)
def test_story_group_is_one_rule(text: str, group: str | None) -> None:
    doc = build_document(text)
    found = doc.story_group
    assert (found.entry.canonical if found is not None and found.entry is not None else None) == group


def test_the_whole_engine_is_linear_on_a_long_line() -> None:
    from summarizer.articles import make_article
    from summarizer.backends.rules import extract_article

    extract_article(make_article("Troops left. Two soldiers were killed.", "warm.txt", {}))
    times = {}
    for chars in (50_000, 200_000):
        article = make_article(_one_line(chars), f"long-{chars}.txt", {})
        started = time.process_time()
        extraction = extract_article(article)
        times[chars] = time.process_time() - started
        assert extraction.claims  # the attributions of the text are read, not skipped
    # four times the text may take a little more than four times as long, never sixteen (quadratic); the absolute
    # bound is generous for a slow shared core (a million characters take about 11 s on a quiet one)
    assert times[200_000] < 8 * max(times[50_000], 0.05), times
    assert times[200_000] < 60, times
