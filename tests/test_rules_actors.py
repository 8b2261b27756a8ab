"""Actors by setting: bare "soldiers" or "militants" name the forces and the group of the story's own country.

Sentences are written for the tests. The rule: a story set outside Iraq (its places and national forces say
where) reads a bare force noun as that country's army, or as "Military Forces of <Country>" (ACLED's name) when
the gazetteer has no army of its own for it, and a bare militant noun as the group the story names, never as the
Iraqi Army or ISIS by habit.
"""

from __future__ import annotations

import pytest

from summarizer.articles import make_article
from summarizer.backends.rules import extract_article
from summarizer.backends.rules.operations import extract_operations
from summarizer.backends.rules.sentences import build_document
from summarizer.gazetteer import default_gazetteer, story_country, story_militants


def sides(text: str) -> list[tuple[list[str], list[str]]]:
    found = extract_operations(build_document(text)).operations
    return [([a.canonical or "" for a in o.by], [a.canonical or "" for a in o.against]) for o in found]


def victims(text: str) -> list[str | None]:
    extraction = extract_article(make_article(text, "test"))
    return [c.victims.canonical for c in extraction.casualties]


def setting(text: str) -> tuple[str | None, str | None]:
    doc = build_document(text)
    gaz = default_gazetteer()
    return story_country(gaz, doc.places, doc.actors), story_militants(gaz, doc.actors)


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Gunmen attacked a market in Monguno, a town in Nigeria's north-east, on Friday.", "NG"),
        ("Militants ambushed a patrol near Palmyra on Sunday. Homs province has seen such raids before.", "SY"),
        ("Soldiers raided a farm near Hawija on Monday.", "IQ"),
        ("Soldiers raided a farm on Monday.", None),  # nothing says where: the defaults stand
    ],
)
def test_the_story_country_is_the_one_its_places_name_most(text: str, country: str | None) -> None:
    assert setting(text)[0] == country


def test_bare_soldiers_in_a_syrian_story_are_the_syrian_army() -> None:
    text = (
        "Jihadists ambushed an army convoy on the road east of Palmyra on Thursday. "
        "Five soldiers were killed, a hospital in Homs said."
    )
    assert sides(text)[0] == (["ISIS"], ["Syrian Army"])
    assert victims(text) == ["Syrian Army"]


def test_bare_militants_are_the_group_the_story_names() -> None:
    text = (
        "Militants stormed a village near Maiduguri late on Tuesday, killing six farmers. "
        "Police blamed Boko Haram, which has camps in the forest nearby."
    )
    assert setting(text) == ("NG", "Boko Haram")
    assert sides(text)[0][0] == ["Boko Haram"]


def test_a_country_without_an_army_entry_gets_a_generic_force_not_the_iraqi_army() -> None:
    text = "Troops repelled an attack on a base in Cameroon's Far North on Saturday, the governor said in Cameroon."
    by_sides = sides(text)
    assert by_sides and "Iraqi Army" not in by_sides[0][1]
    assert "Military Forces of Cameroon" in by_sides[0][1]


def test_iraqi_stories_keep_the_home_theatre_reading() -> None:
    text = "Militants attacked an army post near Tuz Khurmatu on Monday night, wounding two soldiers."
    assert sides(text)[0] == (["ISIS"], ["Iraqi Army"])


def test_named_groups_outside_iraq_are_canonical_actors() -> None:
    gaz = default_gazetteer()
    for alias, canonical in [
        ("al-Shabab", "al-Shabaab"),
        ("ISIS-K", "ISKP"),
        ("Hay'at Tahrir al-Sham", "Hayat Tahrir al-Sham"),
        ("Syrian Arab Army", "Syrian Army"),
        ("Islamic State West Africa Province", "ISWAP"),
        ("Jama'at Nusrat al-Islam wal-Muslimin", "JNIM"),
    ]:
        entry = gaz.actor_entry(alias)
        assert entry is not None and entry.canonical == canonical, alias


def test_localized_views_are_cached_and_leave_the_default_alone() -> None:
    gaz = default_gazetteer()
    view = gaz.localized("SY")
    assert gaz.localized("SY") is view
    assert view.actor_entry("soldiers").canonical == "Syrian Army"  # type: ignore[union-attr]
    assert gaz.actor_entry("soldiers").canonical == "Iraqi Army"  # type: ignore[union-attr]
    assert gaz.localized("NE").actor_entry("troops").canonical == "Military Forces of Niger"  # type: ignore[union-attr]


def test_a_country_named_beside_a_region_inside_it_is_not_a_second_place() -> None:
    found = extract_operations(build_document("Egypt launched a new operation in Sinai on Sunday.")).operations
    assert [p.canonical for p in found[0].places] == ["Sinai Peninsula"]
