"""The vocabulary as data: every list loads as words, alternations prefer the longest entry, and each family
of entries reaches the rule that uses it (a row per family, on phrases written for these tests)."""

from __future__ import annotations

import re

import pytest
import yaml

from summarizer import lexicon
from summarizer.backends.rules import ENGINE_VERSION
from summarizer.counts import parse_count
from summarizer.dates import resolve_absolute


def test_every_list_is_words() -> None:
    data = yaml.safe_load(lexicon._raw())
    for name, value in data.items():
        if name == "vague_values":
            continue
        for entry in lexicon.entries(name):  # raises on a bare On/No that YAML turned into a boolean
            assert entry.strip() == entry and entry, (name, entry)
        if isinstance(value, dict):
            for sub in value.values():
                for word in sub if isinstance(sub, list) else []:
                    assert isinstance(word, str), (name, word)


def test_a_non_word_is_refused_with_the_list_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lexicon, "_data", lambda: {"openers": ["He", True]})
    with pytest.raises(ValueError, match=r"'openers'.*quote"):
        lexicon.entries("openers")


def test_an_unknown_list_is_named() -> None:
    with pytest.raises(KeyError, match="no list 'no_such_list'"):
        lexicon.entries("no_such_list")


def test_alternation_is_longest_first_and_escaped() -> None:
    pattern = re.compile(rf"\b(?:{lexicon.alternate(['told', 'told reporters', 'u.s'])})\b")
    assert pattern.search("He told  reporters on Monday")[0] == "told  reporters"
    assert pattern.search("the u.s army")[0] == "u.s"
    assert pattern.search("the uks army") is None  # the dot is escaped


def test_engine_version_folds_in_the_data_digest() -> None:
    assert re.fullmatch(r"[0-9a-f]{12}", lexicon.LEXICON_HASH)
    from summarizer.data import extraction_data_digest

    assert ENGINE_VERSION.endswith(f"+data.{extraction_data_digest()}")


@pytest.mark.parametrize(
    ("family", "sample"),
    [
        ("months", "september"),
        ("month_abbreviations", "sept"),
        ("weekdays", "thursday"),
        ("abbreviations", "brig"),
        ("person_nouns", "shepherds"),
        ("civilian_nouns", "pilgrims"),
        ("reporting_verbs", "pointed out"),
        ("role_nouns", "spokeswoman"),
        ("event_nouns", "airstrikes"),
        ("military_heads", "conscripts"),
        ("killed_phrases", "embraced martyrdom"),
        ("rescue_verbs", "rescued"),
        ("rank_titles", "lance naik"),
    ],
)
def test_families_hold_their_words(family: str, sample: str) -> None:
    assert sample in lexicon.words(family)


@pytest.mark.parametrize(
    ("phrase", "best"),
    [
        ("seventeen", 17),  # number_units
        ("forty-one", 41),  # number_tens
        ("two thousand", 2000),  # number_scales
        ("no fewer than six", 6),  # count_qualifiers
        ("a handful of", 3),  # vague_quantities -> vague_values
    ],
)
def test_number_words_reach_the_count_reader(phrase: str, best: int) -> None:
    count = parse_count(phrase)
    assert count is not None and count.best == best


@pytest.mark.parametrize(
    ("phrase", "start"),
    [("Sept. 4, 2021", "2021-09-04"), ("4 February 2019", "2019-02-04"), ("Dec 9, 2020", "2020-12-09")],
)
def test_month_words_reach_the_date_resolver(phrase: str, start: str) -> None:
    resolved = resolve_absolute(phrase)
    assert resolved is not None and resolved.start.isoformat() == start


def test_the_singular_of_the_vocabularys_plurals() -> None:
    from summarizer.lexicon import singular

    assert [singular(w) for w in ("fishermen", "militias", "casualties", "witness", "driver")] == [
        "fisherman", "militia", "casualty", "witness", "driver",
    ]
