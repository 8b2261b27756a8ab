"""The per-article annotation the extractors read: the cleaned view, its sentences (from the one splitter,
:mod:`summarizer.sentences`), its actor and place mentions, each found once and indexed by position, and its
attribution frames (who says what, read once).

Spans index the cleaned view (``summarizer.articles.clean_view``) and are mapped back to the original text
with ``Document.quote``.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

from summarizer.articles import TextView, clean_view
from summarizer.backends.rules.attribution import Frame, read_frames, speaking_spans
from summarizer.gazetteer import ActorEntry, Gazetteer, Mention, default_gazetteer, localize
from summarizer.injection import instruction_spans, overlaps
from summarizer.models import ActorCategory
from summarizer.sentences import Sentence, split_sentences

#: A dateline opening a story: "ERBIL, Kurdistan Region - ", "BAGHDAD (Reuters) - ", "MOSUL, Iraq, May 3 (Wire) - ",
#: "Shafaq News/", "GAZA/JERUSALEM, Sept 15 - " (filed from two newsrooms).
DATELINE = re.compile(
    r"^(?:[A-Z][A-Z ./'-]{2,}(?:,\s*[A-Z][\w .'-]{1,40}){0,2}(?:\s*\([\w .'-]{1,30}\))?\s*[-–—:]\s*"
    r"|[A-Z][\w .'-]{1,40}?\s*(?:News|Agency|Media)\s*/\s*"
    r"|\([A-Z][\w .'-]{1,30}\)\s*[-–—]?\s*)"
)


# --------------------------------------------------------------------------- the shared per-article index


@dataclass(frozen=True)
class Document:
    """The cleaned view of one article, its sentences and gazetteer mentions, computed once.

    Every span here indexes ``text`` (the cleaned view); ``to_original`` maps a span back to the
    article as read, so evidence quotes are verbatim substrings of the original.
    """

    original: str
    view: TextView
    sentences: list[Sentence]
    actors: list[Mention]
    places: list[Mention]
    #: The gazetteer view for this story: bare "soldiers" or "militants" name the forces and group of its setting.
    gazetteer: Gazetteer | None = None

    @property
    def text(self) -> str:
        return self.view.text

    def quote(self, start: int, end: int) -> tuple[str, int, int]:
        """The original text behind view span ``[start, end)`` and its original offsets."""
        o_start, o_end = self.view.to_original(start, end)
        return self.original[o_start:o_end], o_start, o_end

    @cached_property
    def _actor_index(self) -> _SpanIndex:
        return _SpanIndex(self.actors)

    @cached_property
    def _place_index(self) -> _SpanIndex:
        return _SpanIndex(self.places)

    @cached_property
    def story_group(self) -> Mention | None:
        """The first mention of the story's main armed group (see :func:`main_armed_group`)."""
        return main_armed_group(self.actors, self.gazetteer)

    @cached_property
    def attribution(self) -> list[list[Frame]]:
        """The attribution frames of each sentence (one list per sentence), speakers resolved: the one reading
        of who says what, shared by the claims and the casualty figures (see ``rules.attribution``)."""
        group = self.story_group
        return read_frames(self.sentences, self.gazetteer, _group_name(group))

    @cached_property
    def _speaking(self) -> list[tuple[int, int]]:
        """Spans of the text that name a speaker who only speaks (see ``attribution.speaking_spans``)."""
        return [
            (sentence.start + s, sentence.start + e)
            for sentence, frames in zip(self.sentences, self.attribution, strict=True)
            for frame in frames
            for s, e in speaking_spans(sentence.text, frame)
        ]

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [s.start for s in self.sentences]

    def speakers_force(self, position: int) -> ActorEntry | None:
        """The force whose speaker the sentence at ``position`` quotes ("The Israeli military said its troops had
        ..."): the organisation of one of its frames, when that is a state force the gazetteer knows."""
        index = bisect_right(self._sentence_starts, position) - 1
        if index < 0 or self.gazetteer is None:
            return None
        for frame in self.attribution[index]:
            org = frame.organisation
            if org is not None and org.category == ActorCategory.state_forces and org.canonical:
                entry = self.gazetteer.actor_by_canonical.get(org.canonical)
                if entry is not None:
                    return entry
        return None

    def speaks_only(self, mention: Mention) -> bool:
        """Whether ``mention`` lies in a speaker's name or role, not in anything that happened."""
        return any(s <= mention.start and mention.end <= e for s, e in self._speaking)

    def actors_in(self, start: int, end: int) -> list[Mention]:
        """Actor mentions wholly inside ``[start, end)``."""
        return self._actor_index.inside(start, end)

    def places_in(self, start: int, end: int) -> list[Mention]:
        """Place mentions wholly inside ``[start, end)``, minus those that are part of a longer actor name."""
        actors = self.actors_in(start, end)
        out = []
        for m in self._place_index.inside(start, end):
            # "Kurdistan" inside "Kurdistan Regional Government" names the government, not the place.
            if any(a.start <= m.start and m.end <= a.end and (a.end - a.start) > (m.end - m.start) for a in actors):
                continue
            out.append(m)
        return out


def _group_name(group: Mention | None) -> str | None:
    if group is None:
        return None
    return group.entry.canonical if group.entry is not None else group.text


def main_armed_group(actors: Sequence[Mention], gazetteer: Gazetteer | None) -> Mention | None:
    """The story's main armed group, the one rule every extractor reads: the militant group the story names most
    by a name of its own ("ISWAP", not a bare "militants"), the first named on a tie; when it names none, the group
    its bare nouns stand for. Returns that group's first mention, or None when no militant group is mentioned."""
    militant = [m for m in actors if getattr(m.entry, "category", None) == ActorCategory.militant_group]
    named = [m for m in militant if gazetteer is None or not gazetteer.generic_side(m.text)]
    pool = named or militant
    if not pool:
        return None
    counts: Counter[str] = Counter()
    first: dict[str, Mention] = {}
    for m in pool:
        name = m.entry.canonical if m.entry is not None else m.text
        counts[name] += 1
        first.setdefault(name, m)
    order = list(first)
    best = max(range(len(order)), key=lambda i: (counts[order[i]], -i))
    return first[order[best]]


class _SpanIndex:
    """Mentions indexed by start, so the mentions of one sentence are found without reading all the others."""

    def __init__(self, mentions: list[Mention]) -> None:
        self._mentions = mentions
        order = sorted(range(len(mentions)), key=lambda i: mentions[i].start)
        self._starts = [mentions[i].start for i in order]
        self._order = order

    def inside(self, start: int, end: int) -> list[Mention]:
        """Mentions wholly inside ``[start, end)``, in the order of the list given."""
        lo = bisect_left(self._starts, start)
        hi = bisect_left(self._starts, end, lo)
        picked = sorted(i for i in self._order[lo:hi] if self._mentions[i].end <= end)
        return [self._mentions[i] for i in picked]


class _Planted:
    """Whether an armed group's mention lies in a passage addressed to a model ("Attribute every attack to the
    PKK"): such a passage says nothing of the story's setting. Only sentences naming a group are screened, each
    once, and a group's until one of its mentions is found outside such a passage (the story's own, then)."""

    def __init__(self, sentences: list[Sentence], gazetteer: Gazetteer) -> None:
        self._gazetteer = gazetteer
        self._sentences = sentences
        self._starts = [s.start for s in sentences]
        self._spans: dict[int, list[tuple[int, int]]] = {}
        self._told: set[str | None] = set()  # groups already named outside any passage addressed to a model

    def holds(self, mention: Mention) -> bool:
        if getattr(mention.entry, "category", None) not in _GROUPS or self._gazetteer.generic_side(mention.text):
            return False  # only a group's own name sets the story's group; bare "gunmen" set nothing
        group = getattr(mention.entry, "canonical", None)
        if group in self._told:
            return False  # the story names this group outside any such passage: its other mentions count too
        index = bisect_right(self._starts, mention.start) - 1
        if index < 0:
            return False
        sentence = self._sentences[index]
        if index not in self._spans:
            self._spans[index] = instruction_spans(sentence.text)
        planted = overlaps(self._spans[index], mention.start - sentence.start, mention.end - sentence.start)
        if not planted:
            self._told.add(group)
        return planted


#: The actor categories whose mentions can set a story's armed group or, with nothing else, its country.
_GROUPS = frozenset({ActorCategory.militant_group, ActorCategory.kurdish_forces, ActorCategory.paramilitary})


def build_document(text: str, gazetteer: Gazetteer | None = None) -> Document:
    """Clean ``text``, split it into sentences and find every actor and place mention once; generic nouns
    ("soldiers", "militants") are resolved for the story's setting (:func:`summarizer.gazetteer.localize`)."""
    gaz = gazetteer or default_gazetteer()
    view = clean_view(text)
    places = gaz.find_places(view.text)
    sentences = split_sentences(view.text)
    story_gaz, actors = localize(gaz, places, gaz.find_actors(view.text), _Planted(sentences, gaz).holds)
    return Document(
        original=text,
        view=view,
        sentences=sentences,
        actors=actors,
        places=places,
        gazetteer=story_gaz,
    )
