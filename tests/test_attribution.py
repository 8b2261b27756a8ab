"""The attribution annotation (``rules/attribution``): who says what in a sentence, on sentences written for
these tests. Both readers live in the annotation package: the frame reader the claims are built on and the
figure-source reader the casualty extractor uses for ``reported_by``. The table pins what each reads today,
so unifying them shows as a diff of this table."""

from __future__ import annotations

import pytest

from summarizer.backends.rules.attribution import find_in_sentence as _find_in_sentence
from summarizer.backends.rules.attribution import reported_by as _reported_by
from summarizer.gazetteer import default_gazetteer
from summarizer.sentences import Sentence

# sentence, (frame speaker, frame verb) or None, (figure source name, role) or None
CASES = [
    (
        "The provincial health office said four farmers were wounded when a shell hit the market.",
        ("provincial health office", "said"),
        ("The provincial health office", None),
    ),
    (
        "According to a local council member, two guards died in the raid.",
        ("local council member", "according to"),
        ("a local council member", None),
    ),
    (
        '"We lost three men at the checkpoint," said Colonel Rami Haddad, commander of the border unit.',
        ("Colonel Rami Haddad", "said"),
        ("Rami Haddad", "Colonel"),
    ),
    (
        "Five villagers were abducted overnight, the district governor told reporters.",
        ("district governor", "told reporters"),
        ("the district governor", None),
    ),
    ("Heavy rain closed the road to the valley on Tuesday.", None, None),
]


@pytest.mark.parametrize(("text", "frame", "source"), CASES)
def test_both_readers_on_one_table(
    text: str, frame: tuple[str, str] | None, source: tuple[str, str | None] | None
) -> None:
    found = _find_in_sentence(Sentence(text, 0, len(text)))
    assert [(f.speaker.name, f.verb) for f in found] == ([frame] if frame else [])
    claimant = _reported_by(text, default_gazetteer(), None)
    assert (None if claimant is None else (claimant.name, claimant.role)) == source


def test_a_pronoun_source_is_the_person_named_before() -> None:
    before = _reported_by("Colonel Rami Haddad said the convoy was hit.", default_gazetteer(), None)
    assert before is not None
    later = _reported_by("Two drivers were killed, he said.", default_gazetteer(), before)
    assert later == before
