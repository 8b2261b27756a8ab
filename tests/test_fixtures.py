"""The hand-labelled gold fixtures in ``evals/fixtures/``: their shape and their fidelity to the seeds.

Each check is a function returning a list of problems in plain words, so a failure names every bad item at
once; the same functions are run on planted bad fixtures to show that each check can fail.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pycountry
import pytest
import yaml

from summarizer.gazetteer import Gazetteer, default_gazetteer
from summarizer.models import GoldFixture

from .conftest import REPO, SEEDS

FIXTURES = REPO / "evals" / "fixtures"
SEED_FILES = sorted(SEEDS.glob("*.txt"))
FIXTURE_FILES = sorted(FIXTURES.glob("*.yaml"))


def _seed_text(name: str) -> str:
    # Decode the bytes ourselves: evidence must match the text as stored, with no newline translation.
    return (SEEDS / name).read_bytes().decode("utf-8")


def _load(path: Path) -> GoldFixture:
    return GoldFixture.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))


def _manifest() -> dict[str, Any]:
    return yaml.safe_load((SEEDS / "manifest.yaml").read_text(encoding="utf-8"))


# --------------------------------------------------------------------------- checks


def evidence_problems(gold: GoldFixture, text: str) -> list[str]:
    """Items whose evidence quote is not a verbatim substring of the seed text."""
    items = [*gold.operations, *gold.casualties, *gold.claims]
    return [f"{item.id}: evidence not verbatim: {item.evidence!r}" for item in items if item.evidence not in text]


def id_problems(gold: GoldFixture) -> list[str]:
    """Ids used more than once within the fixture (across all three lists)."""
    seen: set[str] = set()
    problems = []
    for item in [*gold.operations, *gold.casualties, *gold.claims]:
        if item.id in seen:
            problems.append(f"duplicate id {item.id}")
        seen.add(item.id)
    return problems


def reference_problems(gold: GoldFixture) -> list[str]:
    """``operation:`` references that do not name an operation of the same fixture."""
    op_ids = {op.id for op in gold.operations}
    return [
        f"{item.id}: operation {item.operation!r} not found"
        for item in [*gold.casualties, *gold.claims]
        if item.operation is not None and item.operation not in op_ids
    ]


def actor_problems(gold: GoldFixture, gaz: Gazetteer) -> list[str]:
    """Actor names that are not canonical gazetteer actors, and victim categories that disagree with it."""
    problems = []
    for op in gold.operations:
        for name in [*op.by, *op.against]:
            if name not in gaz.actor_by_canonical:
                problems.append(f"{op.id}: {name!r} is not a canonical actor")
    for cas in gold.casualties:
        entry = gaz.actor_by_canonical.get(cas.victims)
        if entry is None:
            problems.append(f"{cas.id}: victims {cas.victims!r} is not a canonical actor")
        elif entry.category != cas.victims_category:
            problems.append(f"{cas.id}: victims_category {cas.victims_category.value} != {entry.category.value}")
        if cas.perpetrator is not None and cas.perpetrator not in gaz.actor_by_canonical:
            problems.append(f"{cas.id}: perpetrator {cas.perpetrator!r} is not a canonical actor")
    return problems


def place_problems(gold: GoldFixture, gaz: Gazetteer) -> list[str]:
    """Places that are not canonical, and admin1 codes that disagree with the places they go with."""
    problems = []
    for op in gold.operations:
        for name in op.places:
            entry = gaz.place_by_canonical.get(name)
            if entry is None:
                problems.append(f"{op.id}: {name!r} is not a canonical place")
            elif entry.admin1 is not None and entry.admin1 not in op.admin1:
                problems.append(f"{op.id}: admin1 lacks {entry.admin1} of {name}")
    for cas in gold.casualties:
        if cas.place is None:
            continue
        entry = gaz.place_by_canonical.get(cas.place)
        if entry is None:
            problems.append(f"{cas.id}: {cas.place!r} is not a canonical place")
        elif cas.admin1 != entry.admin1:
            problems.append(f"{cas.id}: admin1 {cas.admin1} != {entry.admin1} of {cas.place}")
    return problems


def admin1_problems(gold: GoldFixture) -> list[str]:
    """admin1 values that are not ISO 3166-2 subdivision codes."""
    codes = [(op.id, code) for op in gold.operations for code in op.admin1]
    codes += [(cas.id, cas.admin1) for cas in gold.casualties if cas.admin1 is not None]
    return [
        f"{item_id}: {code!r} is not ISO 3166-2"
        for item_id, code in codes
        if pycountry.subdivisions.get(code=code) is None
    ]


def count_problems(gold: GoldFixture) -> list[str]:
    """Casualty counts without a best figure, or not ordered low <= best <= high (high null = open-ended)."""
    problems = []
    for cas in gold.casualties:
        low, best, high = cas.low, cas.best, cas.high
        if low is None or best is None:
            problems.append(f"{cas.id}: low and best are required")
            continue
        if not (low <= best and (high is None or best <= high)):
            problems.append(f"{cas.id}: not low <= best <= high ({low}, {best}, {high})")
    return problems


def link_problems(gold: GoldFixture) -> list[str]:
    """Casualties that disagree with the operation they are linked to (background flag, place, parties)."""
    ops = {op.id: op for op in gold.operations}
    problems = []
    for cas in gold.casualties:
        op = ops.get(cas.operation or "")
        if op is None:
            continue
        if cas.background != op.background:
            problems.append(f"{cas.id}: background {cas.background} differs from {op.id}")
        if cas.place is not None and op.places and cas.place not in op.places:
            problems.append(f"{cas.id}: place {cas.place} is not among {op.id}'s places")
        if cas.victims not in [*op.against, *op.by]:
            problems.append(f"{cas.id}: victims {cas.victims} are not a party to {op.id}")
    return problems


def date_problems(gold: GoldFixture) -> list[str]:
    """Operation date ranges that end before they start."""
    return [
        f"{op.id}: date_end {op.date_end} before date_start {op.date_start}"
        for op in gold.operations
        if op.date_start is not None and op.date_end is not None and op.date_end < op.date_start
    ]


# --------------------------------------------------------------------------- the real fixtures


def test_one_fixture_per_seed_and_no_extra() -> None:
    assert SEED_FILES, "no seeds found"
    assert [p.stem for p in FIXTURE_FILES] == [p.stem for p in SEED_FILES]


@pytest.fixture(params=FIXTURE_FILES, ids=lambda p: p.stem)
def gold(request: pytest.FixtureRequest) -> GoldFixture:
    return _load(request.param)


def test_fixture_names_its_seed_and_date(gold: GoldFixture) -> None:
    seed = gold.article
    assert (SEEDS / seed).is_file()
    assert (FIXTURES / f"{Path(seed).stem}.yaml").is_file()
    assert gold.published == _manifest()[seed].get("published")


def test_fixture_has_items(gold: GoldFixture) -> None:
    # Every seed reports at least one operation and one attributed statement.
    assert gold.operations and gold.claims


def test_evidence_is_verbatim(gold: GoldFixture) -> None:
    assert evidence_problems(gold, _seed_text(gold.article)) == []


def test_ids_are_unique(gold: GoldFixture) -> None:
    assert id_problems(gold) == []


def test_operation_references_resolve(gold: GoldFixture) -> None:
    assert reference_problems(gold) == []


def test_actors_are_canonical(gold: GoldFixture) -> None:
    assert actor_problems(gold, default_gazetteer()) == []


def test_places_are_canonical(gold: GoldFixture) -> None:
    assert place_problems(gold, default_gazetteer()) == []


def test_admin1_codes_are_iso_3166_2(gold: GoldFixture) -> None:
    assert admin1_problems(gold) == []


def test_counts_are_ordered(gold: GoldFixture) -> None:
    assert count_problems(gold) == []


def test_casualties_agree_with_their_operation(gold: GoldFixture) -> None:
    assert link_problems(gold) == []


def test_dates_are_ordered(gold: GoldFixture) -> None:
    assert date_problems(gold) == []


# --------------------------------------------------------------------------- the checks catch planted faults

_TEXT = "Gunmen attacked a checkpoint in Dibis on Monday, killing three policemen, the ministry said."


def _planted(**changes: Any) -> GoldFixture:
    data: dict[str, Any] = {
        "article": "planted.txt",
        "operations": [
            {
                "id": "op1",
                "kind": "attack",
                "by": ["ISIS"],
                "against": ["Iraqi Police"],
                "places": ["Dibis"],
                "admin1": ["IQ-KI"],
                "evidence": "Gunmen attacked a checkpoint in Dibis",
            },
        ],
        "casualties": [
            {
                "id": "cas1",
                "victims": "Iraqi Police",
                "victims_category": "state_forces",
                "outcome": "killed",
                "low": 3,
                "best": 3,
                "high": 3,
                "place": "Dibis",
                "admin1": "IQ-KI",
                "operation": "op1",
                "evidence": "killing three policemen",
            },
        ],
        "claims": [
            {
                "id": "cl1",
                "claimant": "the ministry",
                "kind": "casualty_figure",
                "content": "Three policemen died.",
                "operation": "op1",
                "evidence": "killing three policemen, the ministry said",
            },
        ],
    }
    for path, value in changes.items():
        section, field = path.split("__")
        data[section][0][field] = value
    return GoldFixture.model_validate(data)


def test_planted_fixture_is_clean() -> None:
    gold, gaz = _planted(), default_gazetteer()
    problems = evidence_problems(gold, _TEXT) + id_problems(gold) + reference_problems(gold)
    problems += actor_problems(gold, gaz) + place_problems(gold, gaz) + admin1_problems(gold) + count_problems(gold)
    problems += link_problems(gold) + date_problems(gold)
    assert problems == []


@pytest.mark.parametrize(
    ("changes", "check", "expected"),
    [
        ({"casualties__evidence": "killing 3 policemen"}, "evidence", "cas1: evidence not verbatim"),
        ({"claims__id": "op1"}, "ids", "duplicate id op1"),
        ({"claims__operation": "op9"}, "refs", "cl1: operation 'op9' not found"),
        ({"operations__by": ["Islamic State"]}, "actors", "op1: 'Islamic State' is not a canonical actor"),
        ({"casualties__victims_category": "civilians"}, "actors", "cas1: victims_category civilians"),
        ({"casualties__perpetrator": "gunmen"}, "actors", "cas1: perpetrator 'gunmen'"),
        ({"operations__places": ["Dibs"]}, "places", "op1: 'Dibs' is not a canonical place"),
        ({"operations__admin1": ["IQ-DI"]}, "places", "op1: admin1 lacks IQ-KI of Dibis"),
        ({"casualties__admin1": "IQ-AR"}, "places", "cas1: admin1 IQ-AR != IQ-KI of Dibis"),
        ({"casualties__admin1": "IQ-XX"}, "admin1", "cas1: 'IQ-XX' is not ISO 3166-2"),
        ({"casualties__best": None}, "counts", "cas1: low and best are required"),
        ({"casualties__high": None, "casualties__low": 4}, "counts", "cas1: not low <= best <= high"),
        ({"casualties__background": True}, "links", "cas1: background True differs from op1"),
        ({"operations__places": ["Kirkuk"]}, "links", "cas1: place Dibis is not among op1's places"),
        ({"operations__against": ["Civilians"]}, "links", "cas1: victims Iraqi Police are not a party to op1"),
        ({"operations__date_start": "2020-05-02", "operations__date_end": "2020-05-01"}, "dates", "op1: date_end"),
    ],
)
def test_each_check_catches_its_fault(changes: dict[str, Any], check: str, expected: str) -> None:
    gold, gaz = _planted(**changes), default_gazetteer()
    checks = {
        "evidence": lambda: evidence_problems(gold, _TEXT),
        "ids": lambda: id_problems(gold),
        "refs": lambda: reference_problems(gold),
        "actors": lambda: actor_problems(gold, gaz),
        "places": lambda: place_problems(gold, gaz),
        "admin1": lambda: admin1_problems(gold),
        "counts": lambda: count_problems(gold),
        "links": lambda: link_problems(gold),
        "dates": lambda: date_problems(gold),
    }
    problems = checks[check]()
    assert any(p.startswith(expected) for p in problems), problems
