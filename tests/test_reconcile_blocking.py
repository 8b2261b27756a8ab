"""Blocking gives the clusters that comparing every pair gives.

``cluster`` compares an item only with the clusters holding an item found by its keys; that is exact only when
every pair that can support a merge shares a key. Here many small articles (written for this test, from
templates) vary everything the rules read: days, ranges and undated figures, towns, provinces and a country,
victims, perpetrators, figures, tally words and weekday words. The blocked clustering must equal the clustering
that compares every cluster.
"""

from __future__ import annotations

import datetime as dt
import random

import pytest

from summarizer.articles import make_article
from summarizer.models import Actor, ActorCategory, EventDate, OperationKind, Outcome, Place
from summarizer.reconcile import (
    ItemRef,
    casualty_relation,
    cluster,
    cluster_casualties,
    cluster_operations,
    is_tally,
    operation_relation,
    sum_tallies,
)

from .test_briefing import ARMY, CIVS, DIBIS, ISIS, MAKHMOUR, PESH, cas, day, extraction, op

HAWIJA = Place(name="Hawija", canonical="Hawija", admin1="IQ-KI", admin1_name="Kirkuk", country="IQ")
KIRKUK = Place(name="Kirkuk", canonical="Kirkuk", admin1="IQ-KI", admin1_name="Kirkuk", country="IQ")
ERBIL = Place(name="Erbil", canonical="Erbil", admin1="IQ-AR", admin1_name="Erbil", country="IQ")
IRAQ = Place(name="Iraq", canonical="Iraq", country="IQ")
NINEVEH = Place(name="Nineveh", canonical="Nineveh", admin1_name="Nineveh", country="IQ")  # a province, no code
PLACES = [DIBIS, HAWIJA, MAKHMOUR, KIRKUK, ERBIL, IRAQ, NINEVEH, None]
GUNMEN = Actor(name="gunmen", canonical="Unknown gunmen", category=ActorCategory.other)
PHRASES = ["on Monday", "on Tuesday", "in March", "this week", "since March 1", "last night", "recently"]
QUOTES = ["killed {n} people in the attack", "{n} were killed so far in a series of raids", "left {n} dead",
          "{n} died in clashes on the road"]
START = dt.date(2024, 3, 1)


def _date(rng: random.Random) -> EventDate | None:
    phrase = rng.choice(PHRASES)
    roll = rng.random()
    if roll < 0.35:
        return None if rng.random() < 0.5 else day(None, phrase)
    first = START + dt.timedelta(days=rng.randint(0, 40))
    if roll < 0.85:
        return day(first.isoformat(), phrase)
    return EventDate(phrase=phrase, start=first, end=first + dt.timedelta(days=rng.randint(1, 12)))


def _refs(seed: int, articles: int = 60) -> tuple[list[ItemRef], list[ItemRef]]:
    rng = random.Random(seed)
    casualties: list[ItemRef] = []
    operations: list[ItemRef] = []
    for n in range(1, articles + 1):
        sentences, figures = [], []
        for i in range(rng.randint(1, 4)):
            figures.append(rng.choice([2, 3, 5, 7, 12, 12, 30]))
            sentences.append(f"Item {i}: " + rng.choice(QUOTES).format(n=figures[-1]) + ".")
        text = " ".join(sentences)
        published = START + dt.timedelta(days=rng.randint(0, 50))
        art = make_article(text, f"blocking/{seed}-{n}.txt", {"published": published.isoformat()})
        ops = [op(text, f"op{i}", s, rng.choice([OperationKind.attack, OperationKind.airstrike]),
                  name=rng.choice([None, None, "Desert Shield", "Desert Shield II", "Iron Wall"]),
                  by=rng.sample([ARMY, PESH], rng.randint(0, 1)),
                  places=[p for p in rng.sample(PLACES, rng.randint(0, 2)) if p is not None], date=_date(rng))
               for i, s in enumerate(sentences) if rng.random() < 0.5]
        cases = []
        for i, (s, figure) in enumerate(zip(sentences, figures, strict=True)):
            high = figure if rng.random() < 0.8 else None
            cases.append(cas(text, f"cas{i}", s, rng.choice([CIVS, ARMY, ISIS]), str(figure), figure, figure, high,
                             outcome=rng.choice([Outcome.killed, Outcome.killed, Outcome.wounded]),
                             place=rng.choice(PLACES), date=_date(rng),
                             perpetrator=rng.choice([None, ISIS, GUNMEN, PESH]),
                             operation_id=rng.choice([None, *(o.id for o in ops)])))
        ex = extraction(art, ops, cases)
        casualties.extend(ItemRef(n, ex, c) for c in ex.casualties)
        operations.extend(ItemRef(n, ex, o) for o in ex.operations)
    return casualties, operations


def _keys(clusters: list[list[ItemRef]]) -> list[list[str]]:
    return [[m.key for m in members] for members in clusters]


@pytest.mark.parametrize("seed", range(1, 25))
def test_blocked_casualty_clusters_equal_all_pairs(seed: int) -> None:
    refs, _ = _refs(seed)
    flagged = frozenset(sum_tallies(refs)) | {r.key for r in refs if is_tally(r)}
    blocked = _keys(cluster_casualties(refs))
    every = _keys(cluster(refs, lambda a, b: casualty_relation(a, b, flagged, flags_complete=True)))
    assert blocked == every
    assert sum(len(c) > 1 for c in blocked) >= 10  # incidents told several times: the merges are exercised
    assert 0 < sum(r.key in flagged for r in refs) < len(refs)  # tallies and single incidents both


@pytest.mark.parametrize("seed", range(1, 25))
def test_blocked_operation_clusters_equal_all_pairs(seed: int) -> None:
    _, refs = _refs(seed)
    blocked = _keys(cluster_operations(refs))
    assert blocked == _keys(cluster(refs, operation_relation))
    assert sum(len(c) > 1 for c in blocked) >= 5
