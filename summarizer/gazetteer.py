"""The gazetteer: canonical actors and places, looked up by alias.

Data lives in ``summarizer/data/gazetteer.yaml``; this module only indexes it. Matching is
case-insensitive on word boundaries and prefers the longest alias, so "Iraqi army soldiers" resolves
to the Iraqi Army rather than to generic "soldiers". Very short all-caps aliases ("IS", "OIR") match
only in their written case, so the verb "is" is never read as the Islamic State.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
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
            ActorEntry(a["canonical"], ActorCategory(a["category"]), tuple(a.get("aliases") or ()))
            for a in data.get("actors", [])
        ]
        self.places = [
            PlaceEntry(
                p["canonical"], p.get("kind", "place"), p.get("admin1"), p.get("country"), tuple(p.get("aliases") or ())
            )
            for p in data.get("places", [])
        ]
        self._actor_alias = self._alias_map(self.actors)
        self._place_alias = self._alias_map(self.places)
        self._actor_re = self._pattern(self.actors)
        self._place_re = self._pattern(self.places)
        self.actor_by_canonical = {a.canonical: a for a in self.actors}
        self.place_by_canonical = {p.canonical: p for p in self.places}

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
        return [Mention(s, e, text[s:e], self._lookup(self._actor_alias, text[s:e])) for s, e in spans]

    def find_places(self, text: str) -> list[Mention]:
        spans = self._place_re.spans(fold_diacritics(text))
        return [Mention(s, e, text[s:e], self._lookup(self._place_alias, text[s:e])) for s, e in spans]


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
