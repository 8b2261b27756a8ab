"""Is a name, a place or a phrase that an item carries written near the item's evidence?

Grounding aligns an item's quote; this module checks every other field against the text around it: the
*neighbourhood* of an evidence span is its sentences and :data:`NEIGHBOUR_SENTENCES` sentences either side (at most
:data:`NEIGHBOUR_CHARS` characters each way), and the first sentence of its paragraph (a lead-in heading such as
"Mogadishu, 7 March." dates and places every item told under it). A name is supported when it is written there
(folded for case, accents, quote marks and spacing), when every distinctive word of it is, or when the gazetteer
finds there an alias of the same actor or place ("IS" for "Islamic State", "Makhmur" for "Makhmour").

Text addressed to a model (:mod:`summarizer.injection`) is blanked first: a name that only an injected
sentence spells out ("attribute every attack to the PKK in Baghdad") supports nothing.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from summarizer.gazetteer import Gazetteer, default_gazetteer, national_weapon
from summarizer.models import ActorCategory

#: Sentences either side of the evidence's own sentences that still count as its neighbourhood.
NEIGHBOUR_SENTENCES = 2
#: The neighbourhood never reaches further than this many characters either side of the evidence.
NEIGHBOUR_CHARS = 600

_SENTENCE_END = re.compile(r"(?<=[.!?؟])[\"'”’»)\]]*\s+|\n+")
#: Names that stand for nobody in particular: a backend's placeholder needs no support.
PLACEHOLDER_NAMES = frozenset({"unspecified", "unknown", "unidentified", "unnamed", "n/a"})


def blank_spans(text: str, spans: Sequence[tuple[int, int]]) -> str:
    """``text`` with each span replaced by spaces (offsets unchanged)."""
    if not spans:
        return text
    pieces: list[str] = []
    last = 0
    for start, end in spans:
        pieces.append(text[last:start])
        pieces.append(" " * (end - start))
        last = end
    pieces.append(text[last:])
    return "".join(pieces)


class Neighbourhoods:
    """Neighbourhoods of evidence spans in one text, with the untrusted spans blanked."""

    def __init__(
        self,
        text: str,
        untrusted: Sequence[tuple[int, int]] = (),
        gazetteer: Gazetteer | None = None,
        story: Gazetteer | None = None,
    ):
        # grounding owns folding and what makes a name distinctive; it imports this module at its top
        from summarizer.grounding import claimant_tokens, fold_str

        self._fold = fold_str
        self._distinctive = claimant_tokens
        self.text = blank_spans(text, untrusted)
        #: The untrusted passages, folded: a statement that repeats one carries its instruction.
        self.untrusted_folded = [
            folded
            for s, e in untrusted
            for piece in _SENTENCE_END.split(text[s:e])
            if len(folded := fold_str(piece)) >= 8
        ]
        self.gazetteer = gazetteer or default_gazetteer()
        # the story's view too, for its state's forces and the unidentified sides only: "troops" in a story set in
        # Cauca name Colombia's forces, while "insurgents" in Borno name no one group
        self.views = (self.gazetteer,) if story is None else (self.gazetteer, story)
        self._starts = [0, *(m.end() for m in _SENTENCE_END.finditer(self.text))]
        self._cache: dict[tuple[int, int], tuple[str, str]] = {}
        self._folded_all: str | None = None
        self._whole: dict[str, set[str | None]] = {}
        self._numbers: set[int] | None = None

    def window(self, start: int, end: int) -> str:
        """The neighbourhood of ``text[start:end]`` (untrusted text blanked)."""
        return self._window(start, end)[0]

    def _window(self, start: int, end: int) -> tuple[str, str]:
        key = (start, end)
        if key not in self._cache:
            first = max(0, bisect.bisect_right(self._starts, start) - 1 - NEIGHBOUR_SENTENCES)
            last = bisect.bisect_right(self._starts, max(start, end - 1)) + NEIGHBOUR_SENTENCES
            left = max(self._starts[first], start - NEIGHBOUR_CHARS)
            right = min(self._starts[last] if last < len(self._starts) else len(self.text), end + NEIGHBOUR_CHARS)
            raw = self.text[left:right]
            line = self.text.rfind("\n", 0, start) + 1  # the paragraph's first sentence, when out of reach
            if line < left:
                lead = bisect.bisect_right(self._starts, line)
                if lead < len(self._starts) and self._starts[lead] - line <= 4:
                    lead += 1  # "1." numbers the item: the heading is the sentence after it
                raw = f"{self.text[line:self._starts[lead] if lead < len(self._starts) else left]} | {raw}"
            self._cache[key] = (raw, self._fold(raw))
        return self._cache[key]

    @property
    def numbers(self) -> set[int]:
        """Every number written in the trusted text (digits and number words)."""
        if self._numbers is None:
            from summarizer.grounding import numbers_in

            self._numbers = numbers_in(self.text)
        return self._numbers

    def names_for(self, statement: str) -> str:
        """What ``statement`` (a summary) may name, folded: the trusted text, the canonical names of the actors
        and places it mentions (code writes operation summaries from them), and the aliases ``statement`` uses
        for those same actors and places."""
        from summarizer.grounding import other_names

        canonicals = {str(n) for n in self._canonicals(self.text, "actor") | self._canonicals(self.text, "place") if n}
        return self.folded_text + "|" + self._fold("|".join(other_names(statement, self.text, canonicals)))

    @property
    def folded_text(self) -> str:
        """The whole text, untrusted spans blanked, folded."""
        if self._folded_all is None:
            self._folded_all = self._fold(self.text)
        return self._folded_all

    def phrase_near(self, phrase: str, start: int, end: int) -> bool:
        """Is ``phrase`` written (folded) in the neighbourhood of ``[start, end)``?"""
        needle = self._fold(phrase)
        return not needle or needle in self._window(start, end)[1]

    def name_near(self, name: str, start: int, end: int, kind: str = "actor", canonical: str | None = None) -> bool:
        """Is the actor, place or person ``name`` named in the neighbourhood of ``[start, end)``?"""
        raw, folded = self._window(start, end)
        return self._named_in(name, raw, folded, kind, canonical)

    def name_in_text(self, name: str, kind: str = "actor", canonical: str | None = None) -> bool:
        """Is ``name`` named anywhere in the trusted text?"""
        return self._named_in(name, self.text, self.folded_text, kind, canonical)

    def _named_in(self, name: str, raw: str, folded: str, kind: str, canonical: str | None) -> bool:
        needle = self._fold(name)
        if not needle or needle in folded or name.casefold() in PLACEHOLDER_NAMES:
            return True
        distinctive = self._distinctive(name)
        if distinctive and all(token in folded for token in distinctive):
            return True
        if kind == "person":
            return False
        entry = self.gazetteer.place_entry(name) if kind == "place" else self.gazetteer.actor_entry(name)
        wanted = {canonical, entry.canonical if entry else None} - {None}
        return bool(wanted & self._canonicals(raw, kind))

    def _canonicals(self, raw: str, kind: str) -> set[str | None]:
        """Canonical names of the gazetteer's actors (or places) mentioned in ``raw``; the whole text's once."""
        whole = raw is self.text
        if whole and kind in self._whole:
            return self._whole[kind]
        found: set[str | None] = set()
        for view in self.views:
            mentions = view.find_places(raw) if kind == "place" else view.find_actors(raw)
            found |= {
                m.entry.canonical
                for m in mentions
                if m.entry is not None
                and (
                    view is self.gazetteer
                    or getattr(m.entry, "category", None) == ActorCategory.state_forces
                    # "gunmen" in a story that names no group: "Unidentified Militants", which names no one either
                    or m.entry.canonical.startswith("Unidentified ")
                )
            }
            if kind == "actor" and (weapon := national_weapon(raw, view)) is not None:
                found.add(weapon.canonical)  # "Israeli strikes": the nation's forces, named by their weapon
        if whole:
            self._whole[kind] = found
        return found


__all__ = ["NEIGHBOUR_CHARS", "NEIGHBOUR_SENTENCES", "PLACEHOLDER_NAMES", "Neighbourhoods", "blank_spans"]
