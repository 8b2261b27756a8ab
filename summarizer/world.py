"""The world's national forces and armed groups, as gazetteer entries built from data.

* National forces (``data/world_forces.yaml``): for every country, "<demonym> <noun>" names its military
  ("Malian army", "Pakistani security personnel", "Philippine Marines") or its police ("Somali police").
  A country whose army has an entry of its own in ``gazetteer.yaml`` (``generic.forces.by_country``) keeps
  that name; any other's is "Military Forces of <Country>" / "Police Forces of <Country>", ACLED's names
  without its regime years. Every state force also carries that ACLED-style name (:func:`acled_name`).
* Armed groups (``data/armed_groups.yaml``): canonical name, category, country or region, aliases, and
  "<alias> <member noun>" forms ("JNIM fighters", "Abu Sayyaf bandits"); aliases that name another group
  in some countries ("al-Shabaab" in Mozambique) are listed under ``ambiguous``.

This module only reads data and returns plain records; :mod:`summarizer.gazetteer` indexes them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache, cached_property
from importlib import resources
from typing import Any

import yaml

UNIDENTIFIED_STATE_FORCES = "Unidentified State Forces"


@dataclass(frozen=True)
class Country:
    code: str  # ISO 3166-1 alpha-2
    name: str  # as in "Military Forces of <name>"
    demonyms: tuple[str, ...]
    names: tuple[str, ...]  # other names reporters write for the country


@dataclass(frozen=True)
class ActorRecord:
    """An actor entry in the shape of ``gazetteer.yaml``'s ``actors`` items."""

    canonical: str
    category: str
    aliases: tuple[str, ...]
    country: str | None = None
    acled: str | None = None


@dataclass(frozen=True)
class World:
    countries: dict[str, Country]
    military_nouns: tuple[str, ...]
    police_nouns: tuple[str, ...]
    groups: tuple[ActorRecord, ...]
    member_nouns: tuple[str, ...]
    #: country -> {alias as written -> canonical}: aliases that name another group in that country
    ambiguous: dict[str, dict[str, str]] = field(default_factory=dict)
    #: country -> {"military"|"police" -> names of that force without a demonym ("ISPR")}
    force_names: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)

    def country_name(self, code: str) -> str:
        country = self.countries.get(code)
        return country.name if country else code

    def military_name(self, code: str) -> str:
        """ACLED's name for a country's armed forces: "Military Forces of Nigeria"."""
        return f"Military Forces of {self.country_name(code)}"

    def police_name(self, code: str) -> str:
        """ACLED's name for a country's police: "Police Forces of Somalia"."""
        return f"Police Forces of {self.country_name(code)}"

    @cached_property
    def demonyms(self) -> frozenset[str]:
        """Every country's demonyms ("Nigerian", "Burkinabe"), computed once."""
        return frozenset(d for c in self.countries.values() for d in c.demonyms)


def _load(name: str) -> dict[str, Any]:
    text = resources.files("summarizer.data").joinpath(name).read_text(encoding="utf-8")
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}  # the C loader when built


@cache
def world() -> World:
    """The world data shipped with the package."""
    forces = _load("world_forces.yaml")
    extra_names = forces.get("country_names") or {}
    countries = {
        code: Country(code, spec["name"], tuple(spec.get("demonyms") or ()), tuple(extra_names.get(code) or ()))
        for code, spec in (forces.get("countries") or {}).items()
    }
    groups_data = _load("armed_groups.yaml")
    groups = tuple(
        ActorRecord(g["canonical"], g["category"], tuple(g.get("aliases") or ()), g.get("country"))
        for g in groups_data.get("groups") or ()
    )
    ambiguous: dict[str, dict[str, str]] = {}
    for item in groups_data.get("ambiguous") or ():
        for code, canonical in (item.get("by_country") or {}).items():
            for alias in item.get("aliases") or ():
                ambiguous.setdefault(code, {})[alias] = canonical
    return World(
        countries=countries,
        military_nouns=tuple(forces.get("military_nouns") or ()),
        police_nouns=tuple(forces.get("police_nouns") or ()),
        groups=groups,
        member_nouns=tuple(groups_data.get("member_nouns") or ()),
        ambiguous=ambiguous,
        force_names={
            code: {kind: tuple(names or ()) for kind, names in spec.items()}
            for code, spec in (forces.get("force_names") or {}).items()
        },
    )


def national_forces(
    armies: dict[str, str], police: dict[str, str]
) -> tuple[list[ActorRecord], list[tuple[str, str]], list[tuple[str, str]]]:
    """Entries for every country's military and police, and aliases of them.

    ``armies`` and ``police`` map a country to the canonical name of an existing entry for its military or
    police (the gazetteer's own); other countries get "Military Forces of X" / "Police Forces of X".
    Returns (new entries, without aliases; "<demonym> <noun>" aliases as (alias, canonical) pairs, found by a
    pattern; names without a demonym ("ISPR") as (alias, canonical) pairs, to match one by one).
    """
    data = world()
    entries: list[ActorRecord] = []
    demonym_aliases: list[tuple[str, str]] = []
    named: list[tuple[str, str]] = []
    for code, country in data.countries.items():
        names = data.force_names.get(code, {})
        for kind, nouns, existing, acled in (
            ("military", data.military_nouns, armies.get(code), data.military_name(code)),
            ("police", data.police_nouns, police.get(code), data.police_name(code)),
        ):
            canonical = existing or acled
            if not existing:
                entries.append(ActorRecord(acled, "state_forces", (), code, acled))
            demonym_aliases.extend((f"{d} {noun}", canonical) for d in country.demonyms for noun in nouns)
            named.extend((name, canonical) for name in names.get(kind, ()))
    return entries, demonym_aliases, named


def group_aliases(aliases: tuple[str, ...], member_nouns: tuple[str, ...] | None = None) -> tuple[str, ...]:
    """A group's aliases with their member-noun forms: "JNIM" -> "JNIM", "JNIM fighters", "JNIM militants"..."""
    nouns = world().member_nouns if member_nouns is None else member_nouns
    return (*aliases, *(f"{alias} {noun}" for alias in aliases for noun in nouns))


def acled_name(canonical: str, category: str | None, country: str | None, police: bool = False) -> str | None:
    """The ACLED-style name of a state force with a country ("Military Forces of Iraq"), else None."""
    if category not in ("state_forces", "coalition") or not country:
        return None
    data = world()
    return data.police_name(country) if police else data.military_name(country)


__all__ = [
    "UNIDENTIFIED_STATE_FORCES",
    "ActorRecord",
    "Country",
    "World",
    "acled_name",
    "group_aliases",
    "national_forces",
    "world",
]
