"""The gazetteer: canonical actors and places, looked up by alias.

Data lives in ``summarizer/data/gazetteer.yaml``; this module only indexes it. Matching is
case-insensitive on word boundaries and prefers the longest alias, so "Iraqi army soldiers" resolves
to the Iraqi Army rather than to generic "soldiers". Very short all-caps aliases ("IS", "OIR") match
only in their written case, so the verb "is" is never read as the Islamic State.

Bare nouns ("soldiers", "the army", "militants") are *generic*: which force or group they name depends on
where the story is set. :func:`story_country` reads that from the places and national forces a text names,
and :meth:`Gazetteer.localized` returns a view of the gazetteer in which the generic nouns resolve to that
country's army and to the militant group the story names (see the ``generic`` section of the YAML).
"""

from __future__ import annotations

import copy
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import yaml

from summarizer.models import Actor, ActorCategory, Place


@dataclass(frozen=True)
class ActorEntry:
    canonical: str
    category: ActorCategory
    aliases: tuple[str, ...]
    country: str | None = None  # ISO 3166-1 alpha-2 of a national force or a country's own militant group


@dataclass(frozen=True)
class GenericNouns:
    """Bare nouns for one side (forces or militants) and how they resolve (see the YAML's ``generic`` section)."""

    aliases: tuple[str, ...]
    by_country: dict[str, str] = field(default_factory=dict)
    fallback: str | None = None  # a country without an entry of its own


@dataclass(frozen=True)
class PlaceEntry:
    canonical: str
    kind: str
    admin1: str | None
    country: str | None
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class Mention:
    """An alias found in a text: ``text[start:end]`` names ``entry``."""

    start: int
    end: int
    text: str
    entry: ActorEntry | PlaceEntry


def _case_sensitive(alias: str) -> bool:
    return len(alias) <= 4 and alias.isupper()


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

    def depth(node: dict[str, Any]) -> int:
        return max([0] + [1 + depth(child) for key, child in node.items() if key])

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
        self._folded = re.compile(edge.format(_trie_regex(folded)), re.IGNORECASE) if folded else None
        self._exact = re.compile(edge.format(_trie_regex(exact))) if exact else None

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Leftmost-longest, non-overlapping matches, as ``(start, end)``."""
        found = [
            (m.start(), -m.end()) for pattern in (self._folded, self._exact) if pattern for m in pattern.finditer(text)
        ]
        out: list[tuple[int, int]] = []
        last = -1
        for start, neg_end in sorted(found):
            if start >= last:
                out.append((start, -neg_end))
                last = -neg_end
        return out


class Gazetteer:
    """An index over actor and place entries."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.actors = [
            ActorEntry(a["canonical"], ActorCategory(a["category"]), tuple(a.get("aliases") or ()), a.get("country"))
            for a in data.get("actors", [])
        ]
        generic = data.get("generic") or {}
        self.generic = {
            side: GenericNouns(
                tuple(spec.get("aliases") or ()),
                dict(spec.get("by_country") or {}),
                spec.get("fallback"),
            )
            for side, spec in generic.items()
        }
        self.places = [
            PlaceEntry(
                p["canonical"], p.get("kind", "place"), p.get("admin1"), p.get("country"), tuple(p.get("aliases") or ())
            )
            for p in data.get("places", [])
        ]
        self.actor_by_canonical = {a.canonical: a for a in self.actors}
        self.place_by_canonical = {p.canonical: p for p in self.places}
        self._actor_alias = self._alias_map(self.actors)
        self._place_alias = self._alias_map(self.places)
        # the generic nouns are aliases of the home theatre's entries, which they name by default
        self._generic_alias = {
            alias.casefold(): side for side, nouns in self.generic.items() for alias in nouns.aliases
        }
        self._actor_re = self._pattern(self.actors)
        self._place_re = self._pattern(self.places)
        self._views: dict[tuple[str | None, str | None], Gazetteer] = {}
        #: The country and militant group this view resolves generic nouns to (None, None: the defaults).
        self.setting: tuple[str | None, str | None] = (None, None)

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
        country without an entry maps to the side's ``fallback``; with no country the forces keep their
        home-theatre entry. The views share the compiled matchers, so one costs a dictionary copy; each is
        built once.
        """
        key = (country, militants)
        if key == (None, None):
            return self
        view = self._views.get(key)
        if view is None:
            targets: dict[str, str | None] = {}
            for side, nouns in self.generic.items():
                if side == "militants" and militants:
                    targets[side] = militants
                elif country is not None:
                    targets[side] = nouns.by_country.get(country, nouns.fallback)
            view = copy.copy(self)
            view._actor_alias = dict(self._actor_alias)
            view._views = {}
            view.setting = key
            view._bind_generic(targets)
            self._views[key] = view
        return view

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

    def place_entry(self, name: str) -> PlaceEntry | None:
        entry = self._lookup(self._place_alias, name.strip())
        if entry is None:
            mentions = self.find_places(name)
            entry = max(mentions, key=lambda m: m.end - m.start).entry if mentions else None
        return entry  # type: ignore[no-any-return]

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
        return Place(
            name=name,
            canonical=entry.canonical,
            admin1=entry.admin1,
            admin1_name=admin1_name(entry.admin1),
            country=entry.country,
        )

    def find_actors(self, text: str) -> list[Mention]:
        spans = self._actor_re.spans(fold_diacritics(text))
        found = [Mention(s, e, text[s:e], self._lookup(self._actor_alias, text[s:e])) for s, e in spans]
        return [m for m in found if m.entry is not None]  # a generic noun left unbound names nobody

    def find_places(self, text: str) -> list[Mention]:
        spans = self._place_re.spans(fold_diacritics(text))
        return [Mention(s, e, text[s:e], self._lookup(self._place_alias, text[s:e])) for s, e in spans]


def story_country(gazetteer: Gazetteer, places: list[Mention], actors: list[Mention]) -> str | None:
    """The country a story is set in: the one its places and national forces name most (None if none).

    Every place mention votes for its country and every national force or a country's own group for its
    country; a tie goes to the country named first. A dateline is only where the story was filed, but it
    is one mention among many and rarely decides.
    """
    votes: Counter[str] = Counter()
    first: dict[str, int] = {}
    for mention in [*places, *actors]:
        country = getattr(mention.entry, "country", None)
        if country and not (isinstance(mention.entry, ActorEntry) and gazetteer.generic_side(mention.text)):
            votes[country] += 1
            first[country] = min(first.get(country, mention.start), mention.start)
    if not votes:
        return None
    return max(votes, key=lambda c: (votes[c], -first[c]))


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


def localize(gazetteer: Gazetteer, places: list[Mention], actors: list[Mention]) -> tuple[Gazetteer, list[Mention]]:
    """The gazetteer view for a story and its actor mentions re-resolved through it (generic nouns only)."""
    country = story_country(gazetteer, places, actors)
    militants = story_militants(gazetteer, actors)
    view = gazetteer.localized(country, militants)
    if view is gazetteer:
        return view, actors
    out = []
    for m in actors:
        if gazetteer.generic_side(m.text):
            entry = view._lookup(view._actor_alias, m.text)
            m = Mention(m.start, m.end, m.text, entry) if entry is not None else m
        out.append(m)
    return view, out


@cache
def admin1_name(code: str | None) -> str | None:
    """The ISO 3166-2 subdivision name for a code such as ``IQ-KI`` (from pycountry)."""
    if not code:
        return None
    import pycountry

    sub = pycountry.subdivisions.get(code=code)
    return sub.name if sub is not None else None


@cache
def default_gazetteer() -> Gazetteer:
    """The gazetteer shipped with the package."""
    text = resources.files("summarizer.data").joinpath("gazetteer.yaml").read_text(encoding="utf-8")
    return Gazetteer(yaml.safe_load(text))
