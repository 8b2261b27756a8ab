"""Who the briefing says was hit: "people", "persons" and "bodies" are unspecified unless the text says civilians.

The extraction reads "at least 16 people" as civilians (the item fixtures' convention, the gazetteer's alias). An
analyst's total cannot: a market's dead may include soldiers or the attackers, and a siege's "330 people" were
mostly fighters. So the briefing (and only the briefing) shows such figures as ``Unspecified`` victims:

* a civilians figure whose victims are named only by a word for people (``people`` in
  ``summarizer/data/event_links.yaml``: "people", "persons") is unspecified, unless its own words say civilians
  ("12 people, all of them civilians");
* a civilians figure named only by a bare word for the hit (``bare_victims``: "bodies", "the dead", "wounded") is
  unspecified when the figures it was read with (the other named civilians figures of its event in its article)
  are all unspecified by the rule above: the hospital's "19 bodies" of a bombing that killed "16 people". A bare
  figure whose event names civilians ("seven farmers", then "seven bodies") stays civilians.

* a figure of men, women or people (``executed_persons``) killed by an execution (``executions``: "executed two
  men it accused of spying") is of civilians: a person killed in an armed group's power is not a combatant
  (ACLED's violence against civilians).

* a figure of a party's "own" men ("four of its own fighters were killed", "their own soldiers") is of the party
  that speaks in the article: its source's, else the one party of the victims' category whose claims or figures
  the article reports.

Figures of other groups (soldiers, militants) are left as read.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from importlib import resources

import yaml

from summarizer.event_links import UNSPECIFIED, vocabulary
from summarizer.models import Actor, ActorCategory, ArticleExtraction, CasualtyReport, Outcome

_SAYS_CIVILIANS = re.compile(r"\bcivilians?\b", re.IGNORECASE)


def _head(cas: CasualtyReport) -> str:
    words = cas.victims.name.casefold().split()
    return words[-1] if words else ""


def _people_only(cas: CasualtyReport) -> bool:
    """A civilians figure named only as "people" whose own words do not say civilians."""
    return (cas.victims.category == ActorCategory.civilians and _head(cas) in vocabulary().people
            and not _SAYS_CIVILIANS.search(cas.evidence.quote))


def unspecified_ids(casualties: Sequence[CasualtyReport]) -> set[str]:
    """Ids of one article's casualty figures that the briefing shows as unspecified victims (see module doc)."""
    vocab = vocabulary()
    out = {c.id for c in casualties if _people_only(c)}
    named: dict[str | None, list[CasualtyReport]] = {}
    for c in casualties:
        if c.victims.category == ActorCategory.civilians and _head(c) not in vocab.bare:
            named.setdefault(c.operation_id, []).append(c)
    for c in casualties:
        if c.victims.category != ActorCategory.civilians or _head(c) not in vocab.bare or c.operation_id is None:
            continue
        siblings = named.get(c.operation_id, [])
        if siblings and all(s.id in out for s in siblings) and not _SAYS_CIVILIANS.search(c.evidence.quote):
            out.add(c.id)
    return out


@cache
def _executions() -> tuple[re.Pattern[str], frozenset[str]]:
    raw = resources.files("summarizer.data").joinpath("event_links.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(raw)
    words = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(data["executions"], key=len, reverse=True))
    return re.compile(rf"\b(?:{words})\b", re.IGNORECASE), frozenset(w.casefold() for w in data["executed_persons"])


def executed_ids(casualties: Sequence[CasualtyReport]) -> set[str]:
    """Ids of one article's killed figures of men, women or people put to death (see module doc)."""
    verbs, persons = _executions()
    return {c.id for c in casualties if c.outcome == Outcome.killed and _head(c) in persons
            and c.victims.category in (None, ActorCategory.other, ActorCategory.civilians)
            and verbs.search(c.evidence.quote)}


def as_civilians(cas: CasualtyReport) -> CasualtyReport:
    """A copy of ``cas`` whose victims are civilians (their written name kept)."""
    victims = Actor(name=cas.victims.name, canonical="Civilians", category=ActorCategory.civilians)
    return cas.model_copy(update={"victims": victims})


def as_unspecified(cas: CasualtyReport) -> CasualtyReport:
    """A copy of ``cas`` whose victims are unspecified (their written name kept)."""
    victims = Actor(name=cas.victims.name, canonical=UNSPECIFIED, category=ActorCategory.other)
    return cas.model_copy(update={"victims": victims})


_OWN = re.compile(r"\b(?:its|their|our|his)\s+own\b|^\s*(?:of\s+)?own\b", re.IGNORECASE)


def own_side(extraction: ArticleExtraction) -> dict[str, Actor]:
    """Item id -> the party whose "own" men a figure counts (see module doc)."""
    parties: dict[str, Actor] = {}
    sources = [c.reported_by for c in extraction.casualties] + [c.claimant for c in extraction.claims]
    for source in sources:
        party = source.affiliation if source is not None else None
        if party is not None and party.canonical:
            parties[party.canonical] = party
    out: dict[str, Actor] = {}
    for cas in extraction.casualties:
        if not _OWN.search(cas.victims.name):
            continue
        speaker = cas.reported_by.affiliation if cas.reported_by is not None else None
        same = [p for p in parties.values() if p.category == cas.victims.category]
        party = speaker if speaker is not None and speaker.category == cas.victims.category else (
            same[0] if len(same) == 1 else None)
        if party is not None:
            out[cas.id] = Actor(name=cas.victims.name, canonical=party.canonical, category=party.category)
    return out
