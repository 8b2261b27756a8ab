"""Speaker labels in transcripts, on lines written for these tests."""

from __future__ import annotations

import pytest

from summarizer.backends.rules.attribution import read_frames
from summarizer.sentences import split_sentences

TRANSCRIPT = (
    "ANCHOR: Good evening. Gunmen attacked a market in the district this morning.\n"
    "MAJOR KHALID OMAR (army spokesman): Our troops killed four of the attackers. Two soldiers were wounded.\n"
    "REPORTER (voice-over): Residents said the shooting lasted an hour.\n"
    "Q: How many people died?\n"
    "COMMISSIONER: We have counted eleven bodies so far.\n"
    "KALAT: Three passengers were shot dead on the highway.\n"
)


def _speakers() -> list[tuple[str, list[tuple[str, str | None]]]]:
    sentences = split_sentences(TRANSCRIPT)
    frames = read_frames(sentences)
    return [(s.text, [(f.who.name, f.who.role) for f in found]) for s, found in zip(sentences, frames, strict=True)]


def test_a_labelled_turn_is_its_speakers_to_the_end_of_the_paragraph() -> None:
    found = dict(_speakers())
    assert found["MAJOR KHALID OMAR (army spokesman): Our troops killed four of the attackers."] == [
        ("Major Khalid Omar", "army spokesman")
    ]
    assert found["Two soldiers were wounded."] == [("Major Khalid Omar", "army spokesman")]
    assert found["COMMISSIONER: We have counted eleven bodies so far."] == [("Commissioner", None)]


@pytest.mark.parametrize(
    "line",
    [
        "ANCHOR: Good evening.",
        "Gunmen attacked a market in the district this morning.",
        "Q: How many people died?",
        "KALAT: Three passengers were shot dead on the highway.",
    ],
)
def test_the_outlets_own_voices_and_datelines_are_no_speakers(line: str) -> None:
    assert dict(_speakers())[line] == []


def test_a_speaker_the_reporter_quotes_keeps_the_frame_of_the_verb() -> None:
    assert dict(_speakers())["REPORTER (voice-over): Residents said the shooting lasted an hour."] == [
        ("Residents", None)
    ]
