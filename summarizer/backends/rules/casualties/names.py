"""Figures carried by names and ranks: "Captain X and two soldiers, Y and Z, were martyred" counts three people,
"Sepoy A, Naik B and Lance Naik C embraced martyrdom" three, "Musa Bello and a soldier were killed" two.

The subject of an outcome is read back from the outcome as a list of items joined by commas and "and"; each item
is a counted figure or a personal name (a rank title and a name, or a first and last name that the gazetteer does
not know as an actor or place). Names right after a figure of N, set off by a comma, that number exactly N are
that figure's apposition ("two soldiers, Y and Z"), not more people. Names after an outcome verb are read forward
the same way ("killing Musa Bello, a farmer, and his wife": two). Rank titles, honorifics and the relatives or
companions a possessive names ("his wife", "her driver") are lexicon lists.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from summarizer import lexicon
from summarizer.caseless import Hinted
from summarizer.gazetteer import Gazetteer

_RANKS = rf"(?:{lexicon.alternation('rank_titles')})"
_NAME_WORD = r"(?:[A-Z][a-z'’]+(?:-[A-Z]?[a-z'’]+)?|[A-Z]\.)"
_NAME_TAIL = rf"{_NAME_WORD}(?:\s+(?:(?:bin|ibn|al|el|de|da|dos|van|von)[\s-]+)?{_NAME_WORD}){{0,3}}"
# A rank and a name, or two or more capitalised words; a name alone at the start of the list may follow words
# that are not part of it ("On Monday, Captain X and ..."): the leftmost item is searched at the segment's end.
_RANKED_NAME = re.compile(rf"(?:(?i:{_RANKS})\.?\s+){{1,3}}{_NAME_TAIL}$")
_FULL_NAME = re.compile(rf"{_NAME_WORD}(?:\s+(?:(?:bin|ibn|al|el|de|da|van|von)[\s-]+)?{_NAME_WORD}){{1,3}}$")
# One person by rank and name before a singular outcome: "Head Constable Sodhi Ramesh attained martyrdom",
# "Sergeant Musa Ali, 31, was killed".
_RANKED_ONE = re.compile(
    rf"(?<![\w-])(?:(?i:{_RANKS})\.?\s+){{1,3}}{_NAME_TAIL}(?:\s*,\s*\d{{1,2}}\s*,)?"
    r"(?=\s+(?:was|has\s+been|had\s+been|embraced|attained|achieved|received|laid|paid|made|succumbed)\b)"
)
# read over every sentence with an outcome: tried only where its case-insensitive twin says it may match
_RANKED_ONE_SCAN = Hinted(_RANKED_ONE)
_POLICE_RANKS = lexicon.words("police_ranks")
_CIVIL_TITLES = lexicon.words("civil_titles")
_NOT_NAMES = lexicon.words("months") | lexicon.words("weekdays")
# Separators of list items, read right to left.
_SEPARATOR = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+")
_WINDOW = 240
_AGE = re.compile(r"(?:aged\s+)?\d{1,2}")
_KIN = re.compile(rf"(?:his|her|their)\s+(?:{lexicon.alternation('kin_nouns')})", re.IGNORECASE)
_POSSESSIVE = re.compile(r"(?:(?:his|her|their)\s+)?")
_UNIT_TAIL = re.compile(r"\s+(?:of|from)\s+(?:the\s+)?[^,;:]{1,60}$")


@dataclass(frozen=True)
class Item:
    """One item of a subject list: a personal name, or the figure at ``figure`` (its index in the sentence)."""

    start: int
    end: int
    figure: int | None = None
    comma_before: bool = False  # set off from the item before by a comma ("X, Y" or "X, and Y")
    and_before: bool = False  # joined to the item before by "and"


def _is_name(text: str, gazetteer: Gazetteer, *, anchored: bool) -> int | None:
    """Where a personal name starts in ``text`` (which it ends), or None. ``anchored``: the name is all of it."""
    for pattern in (_RANKED_NAME, _FULL_NAME):
        match = pattern.search(text)
        if match is None or (anchored and match.start() != 0):
            continue
        if match.start() and text[match.start() - 1].isalnum():
            continue  # a rank starts a word
        name = match.group(0)
        words = {w.lower().strip(".") for w in name.split()}
        if words & _NOT_NAMES or gazetteer.find_actors(name) or gazetteer.find_places(name):
            continue
        return match.start()
    return None


def subject_list(sentence: str, end: int, spans: list[tuple[int, int]], gazetteer: Gazetteer) -> list[Item] | None:
    """The list of names and figures that ends at ``end`` (the start of its outcome), left to right; None unless
    it holds a name and at least two items. ``spans`` are the sentence's figures (count start, noun phrase end)."""
    floor = max(0, end - _WINDOW)
    items: list[Item] = []
    right = end
    # "Private X and Corporal Y of the 5th Infantry Battalion were killed": the unit is not part of the last name
    unit = _UNIT_TAIL.search(sentence, floor, end)
    if unit and _is_name(sentence[floor : unit.start()], gazetteer, anchored=False) is not None:
        right = unit.start()
    while right > floor:
        text = sentence[floor:right]
        separators = list(_SEPARATOR.finditer(text))
        left = floor + separators[-1].end() if separators else floor
        segment = sentence[left:right]
        # a figure, or a figure after a possessive: "Ahmed Musa and his two sons"
        figure = next(
            (
                i
                for i, (s, e) in enumerate(spans)
                if e == right and left <= s and _POSSESSIVE.fullmatch(sentence, left, s)
            ),
            None,
        )
        if _AGE.fullmatch(segment) and separators:
            right = floor + separators[-1].start()  # "Major X, 29, and two soldiers": an age set off by commas
            continue
        if figure is not None:
            items.append(Item(left, right, figure))
        elif _KIN.fullmatch(segment):
            items.append(Item(left, right, None))  # one person, counted like a name
        elif (start := _is_name(segment, gazetteer, anchored=True)) is not None:
            items.append(Item(left + start, right))
        else:
            start = _is_name(segment, gazetteer, anchored=False)
            if start is not None:
                items.append(Item(left + start, right))
            break
        if not separators:
            break
        separator = separators[-1].group(0)
        items[-1] = Item(items[-1].start, items[-1].end, items[-1].figure, "," in separator, "and" in separator)
        right = floor + separators[-1].start()
    items.reverse()
    names = sum(1 for item in items if item.figure is None)
    if names == 0 or len(items) < 2:
        return None  # a single name is no list; ages between names ("Sergeant A, 31, and Private B, 19") are skipped
    return items


# An item read forward: a name (with an optional rank), one relative, or a description set off by commas after a
# name ("Musa Bello, a farmer, and his wife").
_FORWARD_NAME = re.compile(rf"(?:(?i:{_RANKS})\.?\s+){{0,3}}{_NAME_TAIL}")
_FORWARD_SEPARATOR = re.compile(r",?\s+and\s+|,\s*")
_DESCRIPTION = re.compile(r"(?:an?|the)\s+[\w'’ -]{1,40}?(?=,)")
# What may follow the last object: the clause ends, or a place, time or circumstance begins.
_OBJECT_END = re.compile(
    r"\s*(?:[,.;:)]|$|\s*(?:in|on|at|near|from|while|when|after|during|as|inside|outside|before|and|who|last|early"
    r"|late|overnight|yesterday|today)\b)"
)


def object_list(sentence: str, start: int, gazetteer: Gazetteer) -> tuple[int, int] | None:
    """The named people after an outcome verb at ``start``: ``(end, people)``, or None when no name opens it
    ("killing Musa Bello and his wife" is two people, "abducted Aisha Musa, Hauwa Ali and Zainab Idris" three)."""
    pos, people, last_end = start, 0, None
    named = False
    while True:
        kin = _KIN.match(sentence, pos)
        name = _FORWARD_NAME.match(sentence, pos)
        if kin:
            pos, last_end = kin.end(), kin.end()
        elif name and _is_name(name.group(0), gazetteer, anchored=True) is not None:
            pos, last_end, named = name.end(), name.end(), True
        else:
            break
        people += 1
        separator = _FORWARD_SEPARATOR.match(sentence, pos)
        if separator is None:
            break
        after = separator.end()
        description = _DESCRIPTION.match(sentence, after) if "," in separator.group(0) else None
        if description and named:  # ", a farmer," describes the name before it
            closing = _FORWARD_SEPARATOR.match(sentence, description.end())
            if closing is None:
                break
            after = closing.end()
        pos = after
    if not named or last_end is None or not _OBJECT_END.match(sentence, last_end):
        return None
    return last_end, people


def apposed(items: list[Item], values: dict[int, int]) -> set[int]:
    """Indexes of items that are the apposition of the item before them: names after a figure of as many people
    ("two soldiers, Y and Z"), one person set off by commas after a name ("Lieutenant X, a platoon leader, and")."""
    out: set[int] = set()
    for index, item in enumerate(items[1:-1], start=1):
        if (
            item.figure is not None
            and values.get(item.figure) == 1
            and items[index - 1].figure is None
            and item.comma_before
            and items[index + 1].comma_before
        ):
            out.add(index)
    for index, item in enumerate(items):
        if item.figure is None or index in out or index + 1 >= len(items):
            continue
        if not items[index + 1].comma_before or items[index + 1].and_before:
            continue
        run = []
        for later in range(index + 1, len(items)):
            if items[later].figure is not None:
                break
            run.append(later)
        if len(run) == values.get(item.figure, -1):
            out.update(run)
    return out


__all__ = ["Item", "apposed", "object_list", "rank_noun", "subject_list"]


def ranked_people(sentence: str, gazetteer: Gazetteer) -> list[tuple[int, int, str]]:
    """One person each, named by rank and name before a singular outcome (see ``_RANKED_ONE``): the span and
    the noun the rank stands for ("Head Constable": a policeman; "Sergeant": a soldier; "Alhaji": a civilian)."""
    out = []
    for match in _RANKED_ONE_SCAN.finditer(sentence):
        if _is_name(match.group(0).split(",")[0], gazetteer, anchored=False) is not None:
            out.append((match.start(), match.end(), rank_noun(match.group(0)) or "soldier"))
    return out


_RANK_START = re.compile(rf"(?:(?i:{_RANKS})\.?\s+){{1,3}}")


def rank_noun(name: str) -> str | None:
    """The noun the rank title opening ``name`` stands for ("Head Constable": a policeman; "Sergeant": a soldier;
    "Alhaji": a civilian; a commander of either side), or None when it opens with no rank title."""
    rank = _RANK_START.match(name)
    if rank is None:
        return None
    title = " ".join(rank.group(0).lower().replace(".", " ").split())
    if title.endswith("commander"):
        return "commander"  # either side's: the story decides
    if any(title.endswith(r) for r in _POLICE_RANKS):
        return "policeman"
    return "civilian" if title in _CIVIL_TITLES else "soldier"
