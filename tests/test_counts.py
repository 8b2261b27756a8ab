"""Every count normalisation rule, number words and digit separators."""

from __future__ import annotations

import pytest

from summarizer.counts import find_counts, parse_count, parse_number


@pytest.mark.parametrize(
    ("phrase", "low", "best", "high", "rule"),
    [
        ("7", 7, 7, 7, "exact"),
        ("3,000", 3000, 3000, 3000, "exact"),
        ("eleven", 11, 11, 11, "exact"),
        ("twenty-two", 22, 22, 22, "exact"),
        ("an officer", 1, 1, 1, "exact"),
        ("a policeman", 1, 1, 1, "exact"),
        ("one guard", 1, 1, 1, "exact"),
        ("a dozen", 12, 12, 12, "dozen"),
        ("two dozen", 24, 24, 24, "dozen"),
        ("half a dozen", 6, 6, 6, "dozen"),
        ("at least 8", 8, 8, None, "at_least"),
        ("no fewer than nine", 9, 9, None, "at_least"),
        ("a minimum of 30", 30, 30, None, "at_least"),
        ("more than 60", 61, 61, None, "more_than"),
        ("over twenty", 21, 21, None, "more_than"),
        ("upwards of 200", 201, 201, None, "more_than"),
        ("in excess of 1,500", 1501, 1501, None, "more_than"),
        ("exceeding 40", 41, 41, None, "more_than"),
        ("nearly a dozen", 10, 11, 11, "nearly"),
        ("almost 50", 40, 49, 49, "nearly"),
        ("just under 30", 24, 29, 29, "nearly"),
        ("close to 4", 3, 3, 3, "nearly"),
        ("about 40", 36, 40, 44, "about"),
        ("around 6", 5, 6, 7, "about"),
        ("approximately 200", 180, 200, 220, "about"),
        ("roughly 25", 22, 25, 28, "about"),  # the band rounds half up: 2.5 -> 3
        ("some 70", 63, 70, 77, "about"),
        ("an estimated 1,000", 900, 1000, 1100, "about"),
        ("up to 15", 1, 15, 15, "up_to"),
        ("as many as forty", 1, 40, 40, "up_to"),
        ("6 to 9", 6, 6, 9, "range"),
        ("12-18", 12, 12, 18, "range"),
        ("between 30 and 45", 30, 30, 45, "range"),
        ("two or three", 2, 2, 3, "range"),
        ("a couple of", 2, 2, 2, "couple"),
        ("a few", 3, 3, None, "several"),
        ("several", 3, 3, None, "several"),
        ("a number of", 3, 3, None, "several"),
        ("some", 3, 3, None, "several"),
        ("tens of", 10, 10, None, "tens"),
        ("dozens of", 12, 12, None, "dozens"),
        ("scores of", 20, 20, None, "scores"),
        ("hundreds of", 100, 100, None, "hundreds"),
        ("thousands of", 1000, 1000, None, "thousands"),
    ],
)
def test_every_rule(phrase: str, low: int, best: int, high: int | None, rule: str) -> None:
    count = parse_count(phrase)
    assert count is not None
    assert (count.low, count.best, count.high, count.rule) == (low, best, high, rule)
    assert count.phrase == phrase


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("seventeen", 17),
        ("ninety-nine", 99),
        ("sixty six", 66),
        ("a hundred", 100),
        ("one hundred and twenty", 120),
        ("two thousand five hundred", 2500),
        ("12,400", 12400),
        ("1,000,000", 1_000_000),
        ("1.5 million", 1_500_000),
        ("four dozen", 48),
    ],
)
def test_number_words_and_separators(text: str, value: int) -> None:
    assert parse_number(text) == value


def test_a_phrase_with_its_noun_keeps_the_whole_phrase() -> None:
    count = parse_count("at least fourteen villagers")
    assert count is not None
    assert (count.low, count.high, count.phrase) == (14, None, "at least fourteen villagers")


@pytest.mark.parametrize("phrase", ["", "   ", "none", "no one", "the army", "a"])
def test_no_figure(phrase: str) -> None:
    assert parse_count(phrase) is None


def test_find_counts_gives_spans_and_skips_times_ordinals_and_percentages() -> None:
    text = "At 09:30 the 41st regiment said 7.5% of roads were shut and at least six guards were hurt."
    found = find_counts(text)
    assert [c.phrase for c in found] == ["at least six"]
    assert text[found[0].start : found[0].end] == "at least six"


def test_hyphenated_words_are_one_number_not_a_range() -> None:
    found = find_counts("Thirty-four recruits and 5-7 guards")
    assert [(c.phrase, c.count.rule) for c in found] == [("Thirty-four", "exact"), ("5-7", "range")]


def test_count_is_valid_for_small_numbers() -> None:
    # the "nearly" band never crosses below zero or above best
    count = parse_count("almost two")
    assert count is not None
    assert count.low is not None and count.best is not None and count.high is not None
    assert 0 <= count.low <= count.best <= count.high


@pytest.mark.parametrize(
    ("phrase", "low", "best", "high", "rule"),
    [
        # upper bounds: below N, or N at most
        ("fewer than ten", 1, 9, 9, "fewer_than"),
        ("less than 20", 1, 19, 19, "fewer_than"),
        ("under 50", 1, 49, 49, "fewer_than"),
        ("no more than 60", 1, 60, 60, "up_to"),
        ("at most eight", 1, 8, 8, "up_to"),
        # a lower bound in other words
        ("as few as five", 5, 5, None, "at_least"),
        # a scale word on the second number of a range applies to both
        ("two to three dozen", 24, 24, 36, "range"),
        ("four or five hundred", 400, 400, 500, "range"),
        ("between 15 and 20", 15, 15, 20, "range"),
        # a vague multiple of a dozen
        ("a few dozen", 12, 12, None, "dozens"),
    ],
)
def test_bounds_and_scaled_ranges(phrase: str, low: int, best: int, high: int | None, rule: str) -> None:
    count = parse_count(phrase)
    assert count is not None
    assert (count.low, count.best, count.high, count.rule) == (low, best, high, rule)


def test_no_more_than_is_read_whole_in_running_text() -> None:
    (found,) = find_counts("officers said no more than 40 fighters remained")
    assert (found.phrase, found.count.high) == ("no more than 40", 40)


@pytest.mark.parametrize(
    ("phrase", "best"),
    [("A captain and eleven soldiers", 12), ("an officer and a soldier", 2), ("a soldier", 1), ("at least ten", 10)],
)
def test_one_named_by_a_noun_and_the_men_with_him_are_counted_together(phrase: str, best: int) -> None:
    count = parse_count(phrase)
    assert count is not None and count.best == best


@pytest.mark.parametrize(
    ("phrase", "best"),
    [
        ("Major Okon Bassey and three soldiers", 4),
        ("Corporal Ama Mensah, 29, and Private Kofi Adu, 22", 2),
        ("Inspector Dlamini, aged 44, and two constables, Sipho Nkosi and Thabo Mokoena", 3),
        ("Juan Pablo Restrepo, a shopkeeper, and his daughter", 2),
        ("Farid Haidari and his three brothers", 4),
    ],
)
def test_people_counted_by_name_and_by_figure(phrase: str, best: int) -> None:
    # each name (a rank included) or relative is one person; ages and descriptions are none; names after a figure
    # of as many people are that figure's apposition
    count = parse_count(phrase)
    assert count is not None and (count.low, count.best, count.high, count.rule) == (best, best, best, "exact")


@pytest.mark.parametrize(
    ("phrase", "best"), [("12 Shabaab fighters and three Somali soldiers", 12), ("Kano and Kaduna", None)]
)
def test_lists_without_a_personal_name_are_read_as_before(phrase: str, best: int | None) -> None:
    count = parse_count(phrase)
    assert (count.best if count else None) == best
