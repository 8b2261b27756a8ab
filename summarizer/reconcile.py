"""Reconciliation: find the same incident (or operation) reported by several articles.

The rule, in one place (the briefing's "Method" section repeats it):

* **Vetoes** (two items are never merged when any holds):
  - both have resolved dates and the ranges do not overlap (so different days, and a fortiori different
    years, never merge);
  - one is dated and the other is not, and the undated one's article was published more than
    ``UNDATED_WINDOW_DAYS`` away from the dated event (or in another year);
  - both name a perpetrator and the canonical perpetrators differ, unless they are two sides of one fight
    (one figure's perpetrator is the other's victims: the attackers the police killed, the people the attackers
    killed), or one is unidentified ("unidentified militants") and both are of one kind;
  - both name places and they share neither a canonical place nor a province (``admin1``), or both name towns
    and share none (two towns of one province are two places; a town and the province it lies in are not a
    conflict, nor is a town and a name the gazetteer does not know, such as a village near it);
  - both have weekday/month words in their date phrases and those words differ;
  - (operations) both are named and the names differ.
* **Support** (a reason to merge; one is enough, given no veto):
  - same article and the same ``operation_id`` or overlapping evidence spans (one sentence, one incident);
  - both dated, overlapping, and at the same canonical place (a town: the same province named as the place
    is only the same province);
  - both dated, overlapping, the same province or a place unknown, and the same victims and outcome;
  - undated (either side): same victims and outcome, and the same canonical place, or the same province and
    agreeing date phrases ("on Thursday" and "a Thursday attack");
  - undated (either side), in two articles: same victims and outcome and the same figure (low and best, so
    "12" and "at least 12"), at least ``SAME_FIGURE_MIN``: one distinctive toll retold by another outlet
    (within the undated window, and no other veto);
  - (operations) the same name (after folding case, quotes and punctuation), or the same kind and place and
    no disagreeing forces, with overlapping dates or (undated) agreeing date phrases.
* **Tallies** (cumulative figures: a period's or a campaign's toll, not one event). A casualty report is a
  tally when its date phrase or quote marks a period or a total ("since November 27", "in recent weeks",
  "so far", "a total of", "over the past month"), or, when it is not pinned to one day, when its
  quote counts several events ("a series of airstrikes", "a surge in attacks", "campaign") or its
  operation spans several provinces; and, within one article, a figure that equals the sum of two or more
  of that article's other figures for the same group and outcome (a "total" of already-listed figures).
  - a tally and a single incident are never merged (different scope: one would be shown as a conflicting
    figure for the other);
  - two tallies of the same group and outcome, in one article or in articles close in time, with no date
    or place veto, are one tally told twice: shown side by side as alternatives, never summed (the
    perpetrator veto does not apply between allied forces, whose tallies nest in one campaign);
  - in the totals, a tally is never added: the totals count incidents only, and a tally is listed beside
    the incidents it may include (the same article, place or province, or a date inside its period, and no
    date or place veto; "since March 1" runs to the article's publication).
* **Repeats**: in one article, the same group, outcome and figure ("16" and "at least 16"), with no place,
  date or operation that tells them apart (a town and its province, or a date and none, do not), is one
  figure stated twice. One sentence and one operation is one incident even when
  the two figures' resolved dates disagree (an extraction slip, not two events).
* **Clustering**: an item joins the existing cluster in which no member vetoes it and the most members
  support it; otherwise it starts a new cluster. Vetoes are checked against every member (complete
  linkage), so a chain of weak links never joins two incidents on different days. Only clusters holding an
  item that could support the new one are compared (blocking: the same article; the same group and outcome
  or the same place with a date interval that no date veto excludes), which gives the same clusters as
  comparing every pair, in time near-linear in the number of items.

Before reconciling, each article links its figures to their event (``event_links``): a figure takes its
event's date and town, a one-event story's undated figures are that event's, and a hospital's town is not
the event's place; a paragraph's lead-in heading ("Mogadishu, 7 March.") dates and places what is told under
it, and neither a dateline, the outlet's own name nor the day a statement was made is the event's
(``paragraph_headings``, ``datelines``, ``statement_dates``). The briefing then reads each article once more: a
one-event story's undated figures take its day and town, or its lead's (``story_events``); "people" and
"bodies" are unspecified victims unless the text says civilians, and men put to death are civilians
(``briefing_victims``); a figure credited to a document takes the party of the claim in the same words
(``claimed_figures``); the wounded still in hospital are not another figure (``subset_figures``). An
incident's date is the days all its dated figures allow ("on Tuesday" inside "earlier
this month"); its place is its figures' (else their operations', else the one province every place its
article names lies in: the setting, at province precision), a province left out when a town inside it is
named.

Only grounded (``verified``) items are reconciled; the briefing keeps the rest apart.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from rapidfuzz import fuzz

from summarizer.models import (
    ActorCategory,
    ArticleExtraction,
    CasualtyReport,
    Claim,
    EventDate,
    Operation,
    Outcome,
    Place,
)

UNDATED_WINDOW_DAYS = 30
NAME_SIMILARITY = 85  # rapidfuzz token_set_ratio at or above which two operation names are one

_TIME_WORDS = re.compile(
    r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|july|"
    r"august|september|october|november|december)\b",
    re.IGNORECASE,
)

_MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december"}

Relation = Literal["veto", "none", "support"]


@dataclass(frozen=True)
class ItemRef:
    """One extracted item and where it came from: ``n`` is the article's number in the source list."""

    n: int
    extraction: ArticleExtraction
    item: Operation | CasualtyReport | Claim

    @functools.cached_property
    def article_id(self) -> str:
        return self.extraction.article.id

    @functools.cached_property
    def key(self) -> str:
        """The citation key, e.g. ``2:cas1``."""
        return f"{self.n}:{self.item.id}"

    @functools.cached_property
    def date(self) -> EventDate | None:
        """The item's date (a claim has none)."""
        return None if isinstance(self.item, Claim) else self.item.date

    @functools.cached_property
    def time_words(self) -> frozenset[str]:
        """The weekday and month words of the item's date phrase, once."""
        return _time_words(self.date)

    @functools.cached_property
    def victims_key(self) -> str | None:
        """A casualty report's victims (:func:`actor_key`), folded once; None for other items."""
        return actor_key(getattr(self.item, "victims", None))

    @functools.cached_property
    def perpetrator_key(self) -> str | None:
        """A casualty report's perpetrator (:func:`actor_key`), folded once; None when it names none."""
        return actor_key(getattr(self.item, "perpetrator", None))

    @property
    def casualty(self) -> CasualtyReport:
        """The item as a casualty report, for callers that hold only casualty references."""
        assert isinstance(self.item, CasualtyReport)
        return self.item

    @functools.cached_property
    def dates(self) -> tuple[dt.date, dt.date] | None:
        """The item's resolved (start, end), once."""
        return date_range(self.date)

    @functools.cached_property
    def published(self) -> dt.date | None:
        return self.extraction.article.published

    @functools.cached_property
    def forces(self) -> frozenset[str | None]:
        """An operation's forces (``by``), folded once."""
        return frozenset(actor_key(x) for x in getattr(self.item, "by", ()))

    @functools.cached_property
    def own_places(self) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
        """The item's own places, folded once: (canonical names, provinces, names of broad places)."""
        places = _places(self)
        broad = [p for p in places if _is_broad(p)]
        return frozenset(_place_names(places)), frozenset(_admin1(places)), frozenset(_place_names(broad))

    @functools.cached_property
    def towns(self) -> frozenset[str]:
        """The item's places that are known towns: not a province or country, and not a name as written that the
        gazetteer does not know (a village "near X" may lie by the town another source names: no conflict)."""
        names, _, broad = self.own_places
        written = _place_names([p for p in _places(self) if p.canonical is None])
        return names - broad - written


def date_range(date: EventDate | None) -> tuple[dt.date, dt.date] | None:
    """The resolved (start, end) of an event date, or None when it is not resolved."""
    if date is None or date.start is None:
        return None
    return date.start, date.end or date.start


def _places(ref: ItemRef) -> list[Place]:
    item = ref.item
    if isinstance(item, Operation):
        return list(item.places)
    if isinstance(item, CasualtyReport) and item.place is not None:
        return [item.place]
    return []


def _place_names(places: Sequence[Place]) -> set[str]:
    return {(p.canonical or p.name).casefold() for p in places}


def _admin1(places: Sequence[Place]) -> set[str]:
    return {p.admin1 for p in places if p.admin1}


def actor_key(actor: object) -> str | None:
    """The canonical name of an actor (its written name when not in the gazetteer), folded for comparison."""
    if actor is None:
        return None
    canonical = getattr(actor, "canonical", None) or getattr(actor, "name", None)
    return canonical.casefold() if canonical else None


@functools.lru_cache(maxsize=4096)
def normalize_name(name: str | None) -> str | None:
    """An operation name folded for comparison: case, quotes, dashes and punctuation removed."""
    if not name:
        return None
    folded = re.sub(r"[^\w\s]", " ", name.casefold())
    return " ".join(folded.split()) or None


@functools.lru_cache(maxsize=4096)
def _phrase_time_words(phrase: str) -> frozenset[str]:
    return frozenset(w.casefold() for w in _TIME_WORDS.findall(phrase))


def _time_words(date: EventDate | None) -> frozenset[str]:
    return _phrase_time_words(date.phrase) if date is not None else frozenset()


def _spans_overlap(a: ItemRef, b: ItemRef) -> bool:
    ea, eb = a.item.evidence, b.item.evidence
    if None in (ea.start, ea.end, eb.start, eb.end):
        return ea.quote.strip() == eb.quote.strip()
    return ea.start < eb.end and eb.start < ea.end  # type: ignore[operator]


def _is_broad(place: Place) -> bool:
    """A province or a country named as the place: it does not say two events were at one spot."""
    return (place.canonical or place.name) in (place.admin1_name, place.country, place.admin1)


def _place_relation(a: ItemRef, b: ItemRef) -> Literal["same", "province", "unknown", "conflict"]:
    (na, aa, ba), (nb, ab, bb) = a.own_places, b.own_places
    if not na or not nb:
        return "unknown"
    shared = na & nb
    if shared - ba - bb:
        return "same"
    if a.towns and b.towns:
        return "conflict"  # two towns, none shared: one province does not make them one place
    if shared or aa & ab:
        return "province"
    if _unlocated(a) or _unlocated(b):
        return "unknown"  # a village no gazetteer knows, in a province the text does not name: it may lie anywhere
    return "conflict"


def _unlocated(ref: ItemRef) -> bool:
    """Whether the item's only places are names the gazetteer does not know, with no province."""
    places = _places(ref)
    return bool(places) and all(p.canonical is None and p.admin1 is None for p in places)


def _date_vetoes(a: ItemRef, b: ItemRef, words: bool = True) -> bool:
    ra, rb = a.dates, b.dates
    if ra and rb:
        return not (ra[0] <= rb[1] and rb[0] <= ra[1])
    for undated, rng in ((b, ra), (a, rb)):
        published = undated.published
        if rng and published is not None:
            if published.year != rng[0].year and published.year != rng[1].year:
                return True
            # An undated mention in an article published before the event, or long after it, is another event.
            if published < rng[0] - dt.timedelta(days=1) or (published - rng[1]).days > UNDATED_WINDOW_DAYS:
                return True
    if not ra and not rb:
        pa, pb = a.published, b.published
        if pa and pb and abs((pa - pb).days) > UNDATED_WINDOW_DAYS:
            return True
    if not words:
        return False
    wa, wb = a.time_words, b.time_words
    return bool(wa and wb and not (wa & wb))


# A period or a total: the figure counts many events (strong signal, whatever the date).
_TALLY_STRONG = re.compile(
    r"\b(so far|to date|in total|a total of|altogether|cumulative|bringing the total|in recent (?:days|weeks|months)|"
    r"(?:over|during|in|throughout) the (?:past|last) (?:\w+ )?(?:days?|weeks?|months?|years?)|"
    r"(?:during|over|throughout) the (?:week|month)|"
    r"since the (?:start|beginning) of)\b",
    re.IGNORECASE,
)
# Several events behind one figure (a weaker signal: ignored when the figure is pinned to one day). A single
# attack's rising "death toll" is not here on purpose: that is one incident's figure updated.
_TALLY_WEAK = re.compile(
    r"\b(?:campaign\b|surge (?:in|of)|spate of|string of|wave of|series of|"
    # plural event nouns with no closing word boundary: texts glue words ("airstrikestargeting")
    r"(?:air ?)?strikes|attacks|raids|ambushes|bombings|clashes|offensives|"
    r"operations(?!\s*(?:command|cent(?:er|re)|room)))",
    re.IGNORECASE,
)
_ONE_DAY = re.compile(r"\b(yesterday|today|tonight|last night|overnight|this morning|dawn)\b", re.IGNORECASE)


def _pinned_to_one_day(date: EventDate | None) -> bool:
    if date is None:
        return False
    if date.start is not None and (date.end is None or date.end == date.start):
        return True
    return bool(_time_words(date) - _MONTHS or _ONE_DAY.search(date.phrase))


def operation_of(ref: ItemRef) -> Operation | None:
    """The operation a casualty report or claim is linked to in its article, if any."""
    return _operation_of(ref)


def _operation_of(ref: ItemRef) -> Operation | None:
    op_id = getattr(ref.item, "operation_id", None)
    return next((o for o in ref.extraction.operations if o.id == op_id), None) if op_id else None


def scope_places(ref: ItemRef) -> list[Place]:
    """The places an item covers: its own, else (a casualty report with none) those of its operation."""
    places = _places(ref)
    op = _operation_of(ref)
    return places or (list(op.places) if op is not None else [])


def is_tally(ref: ItemRef) -> bool:
    """Whether a casualty report is a cumulative figure (a period's or campaign's toll) by its own words.

    See the module doc; :func:`sum_tallies` adds the figures that are totals of an article's other figures.
    """
    c = ref.item
    assert isinstance(c, CasualtyReport)
    phrase = c.date.phrase if c.date is not None else ""
    # "since" opens a period in a date phrase; in a quote it often dates one event ("the first attack since 2017").
    if re.search(r"\bsince\b", phrase, re.IGNORECASE) or _TALLY_STRONG.search(f"{phrase} | {c.evidence.quote}"):
        return True
    if _pinned_to_one_day(c.date):
        return False
    return bool(_TALLY_WEAK.search(c.evidence.quote)) or len(_admin1(scope_places(ref))) > 1


def _broad_place(ref: ItemRef) -> bool:
    """No place, or a province or country rather than a town: a total can cover the towns inside it."""
    c = ref.item
    assert isinstance(c, CasualtyReport)
    p = c.place
    return p is None or p.admin1 is None or (p.canonical or p.name) in (p.admin1_name, p.country, p.admin1)


def sum_tallies(refs: Sequence[ItemRef], max_parts: int = 4) -> set[str]:
    """Keys of figures that equal the sum of 2..``max_parts`` other figures of their article for the same group
    and outcome (a "total" of figures already listed), when they are not pinned to one day or one town and are
    stated exactly (an open-ended figure such as "more than 30" is a rival toll, not a sum)."""
    by_group: dict[tuple[str, str | None, Outcome], list[ItemRef]] = {}
    for ref in refs:
        c = ref.item
        if isinstance(c, CasualtyReport) and c.count.best is not None:
            by_group.setdefault((ref.article_id, actor_key(c.victims), c.outcome), []).append(ref)
    out: set[str] = set()
    for members in by_group.values():
        for total in members:
            t = total.item
            assert isinstance(t, CasualtyReport)
            if _pinned_to_one_day(t.date) or not _broad_place(total):
                continue
            if t.count.high is None:  # "more than 30", "at least 12": a total of figures already listed is exact
                continue
            others = [m for m in members if m is not total and not _spans_overlap(m, total)
                      and (m.casualty.count.best or 0) < (t.count.best or 0)]
            values = [m.casualty.count.best or 0 for m in others]
            if any(sum(combo) == t.count.best for k in range(2, min(max_parts, len(values)) + 1)
                   for combo in itertools.combinations(values, k)):
                out.add(total.key)
    return out


def _allied(a: object, b: object) -> bool:
    """Neither perpetrator is a militant group: forces on one side, whose tallies can nest in one campaign."""
    cats = {getattr(a, "category", None), getattr(b, "category", None)}
    return ActorCategory.militant_group not in cats


def _close_in_time(a: ItemRef, b: ItemRef) -> bool:
    """Both dated and overlapping, or (undated) both articles published within the undated window."""
    ra, rb = a.dates, b.dates
    if ra and rb:
        return ra[0] <= rb[1] and rb[0] <= ra[1]
    pa, pb = a.published, b.published
    return pa is not None and pb is not None and abs((pa - pb).days) <= UNDATED_WINDOW_DAYS


def casualty_relation(a: ItemRef, b: ItemRef, tallies: frozenset[str] = frozenset(), *,
                      flags_complete: bool = False) -> Relation:
    """Whether two casualty reports may be one incident: ``veto``, ``support`` or ``none`` (see module doc).

    ``tallies`` holds the keys of reports known to be cumulative beyond their own words (:func:`sum_tallies`);
    with ``flags_complete`` it holds every tally's key, and no report's words are read again.
    """
    ca, cb = a.item, b.item
    assert isinstance(ca, CasualtyReport) and isinstance(cb, CasualtyReport)
    if flags_complete:
        tally_a, tally_b = a.key in tallies, b.key in tallies
    else:
        tally_a, tally_b = a.key in tallies or is_tally(a), b.key in tallies or is_tally(b)
    if tally_a != tally_b:
        return "veto"  # a period's toll and one of its incidents are different things, not conflicting figures
    same_article = a.article_id == b.article_id
    same_group = a.victims_key == b.victims_key and ca.outcome == cb.outcome
    one_sentence_one_op = (same_article and ca.operation_id is not None and ca.operation_id == cb.operation_id
                           and _spans_overlap(a, b))
    if _date_vetoes(a, b) and not one_sentence_one_op:
        return "veto"
    pa, pb = a.perpetrator_key, b.perpetrator_key
    # two sides of one fight (the attackers killed by the police, the people killed by the attackers) do not veto
    sides = pa == b.victims_key or pb == a.victims_key
    if pa and pb and pa != pb and not sides and _hands_differ(ca, cb) and not (
            tally_a and same_group and _allied(ca.perpetrator, cb.perpetrator)):
        return "veto"
    place = _place_relation(a, b)
    if place == "conflict":
        return "veto"
    if same_article and ((ca.operation_id and ca.operation_id == cb.operation_id) or _spans_overlap(a, b)):
        return "support"
    if tally_a and same_group and (same_article or (_close_in_time(a, b) and place != "unknown")):
        return "support"  # one campaign's toll told twice: alternatives, never a sum
    if a.dates is not None and b.dates is not None:
        if place == "same":
            return "support"
        return "support" if same_group else "none"
    if not same_group:
        return "none"
    if place == "same":
        return "support"
    if place == "province" and a.time_words & b.time_words:
        return "support"
    if same_article and _repeated_figure(a, b, place):
        return "support"
    if not same_article and _same_figure(ca, cb):
        return "support"  # one distinctive toll ("at least 12 soldiers") retold by another outlet
    return "none"


def _hands_differ(ca: CasualtyReport, cb: CasualtyReport) -> bool:
    """Two named perpetrators that tell two events apart. An unidentified hand ("unidentified militants",
    "unspecified") is what one source does not know, not a rival author: it differs only from a perpetrator of
    another kind (militants a source could not name are not the army another source blames)."""
    pa, pb = ca.perpetrator, cb.perpetrator
    if pa is None or pb is None:
        return False
    if _unidentified(actor_key(pa)) or _unidentified(actor_key(pb)):
        return pa.category != pb.category
    return True


def _unidentified(key: str | None) -> bool:
    return key is not None and (key.startswith("unidentified") or key == "unspecified")


SAME_FIGURE_MIN = 5  # an identical figure at or above this is evidence of one event; small ones coincide


def _same_figure(ca: CasualtyReport, cb: CasualtyReport) -> bool:
    """The same figure (low and best), at least ``SAME_FIGURE_MIN`` (the caller checks group and outcome)."""
    return ((ca.count.low, ca.count.best) == (cb.count.low, cb.count.best)  # "12" and "at least 12"
            and (ca.count.best or 0) >= SAME_FIGURE_MIN)


def _repeated_figure(a: ItemRef, b: ItemRef, place: str) -> bool:
    """One article stating the same figure twice with nothing that tells the two apart."""
    ca, cb = a.item, b.item
    assert isinstance(ca, CasualtyReport) and isinstance(cb, CasualtyReport)
    same_count = (ca.count.low, ca.count.best) == (cb.count.low, cb.count.best)  # "16" and "at least 16"
    other_ops = ca.operation_id is not None and cb.operation_id is not None and ca.operation_id != cb.operation_id
    wa, wb = a.time_words, b.time_words
    return same_count and not other_ops and place != "conflict" and (not wa or not wb or wa == wb)


def _period(ref: ItemRef) -> tuple[dt.date, dt.date] | None:
    """A tally's period: "since November 27" runs from that day to the article's publication (or is open)."""
    date = ref.date
    rng = date_range(date)
    if rng and date is not None and re.search(r"\bsince\b", date.phrase, re.IGNORECASE):
        return rng[0], max(rng[1], ref.extraction.article.published or dt.date.max)
    return rng


def may_include(tally: Sequence[ItemRef], part: Sequence[ItemRef]) -> bool:
    """Whether the tally cluster may already count the incident cluster ``part`` (see module doc, totals).

    No member pair may veto (date or place; perpetrators are ignored: a tally counts every force's kills), and
    one positive link is needed: the same article, place, province or operation, or a date inside the period.
    """
    linked = False
    for t in tally:
        for p in part:
            # Weekday and month words do not veto here: "since March 1" covers "on Monday".
            rt, rp = _period(t), date_range(p.date)
            if rt and rp and not (rt[0] <= rp[1] and rp[0] <= rt[1]):
                return False
            if not (rt and rp) and _date_vetoes(t, p, words=False):
                return False
            places_t, places_p = scope_places(t), scope_places(p)
            if places_t and places_p and not (_place_names(places_t) & _place_names(places_p)
                                              or _admin1(places_t) & _admin1(places_p)):
                return False
            linked = linked or t.article_id == p.article_id or bool(places_t and places_p) or bool(
                rt and rp and rt[0] <= rp[0] and rp[1] <= rt[1])
    return linked


def inclusion_candidates(blocks: Sequence[Sequence[ItemRef]], tallies: Sequence[int]) -> dict[int, set[int]]:
    """For each index in ``tallies``, the indexes of ``blocks`` (clusters of one group's figures) that
    :func:`may_include` can hold true for, either way round: a superset found by blocking (the same article;
    dates that do not veto, a tally's period included; places that do not conflict), so the totals need not
    compare every tally with every incident."""
    index = _Index()
    for b, members in enumerate(blocks):
        for ref in members:
            add: list[tuple[object, bool]] = [(("article", ref.article_id), False), (("all",), True)]
            places = scope_places(ref)
            add.extend((("place", n), True) for n in _place_names(places))
            add.extend((("province", a), True) for a in _admin1(places))
            if not places:
                add.append((("placeless",), True))
            index.add(b, add, _inclusion_interval(ref))
    out: dict[int, set[int]] = {}
    for t in tallies:
        found: set[int] = set()
        for ref in blocks[t]:
            query: list[tuple[object, bool]] = [(("article", ref.article_id), False)]
            places = scope_places(ref)
            if places:
                query.extend((("place", n), True) for n in _place_names(places))
                query.extend((("province", a), True) for a in _admin1(places))
                query.append((("placeless",), True))
            else:
                query.append((("all",), True))
            found |= index.candidates(query, _inclusion_interval(ref))
        out[t] = found - {t}
    return out


def _inclusion_interval(ref: ItemRef) -> tuple[dt.date, dt.date] | None:
    """:func:`_interval`, with a tally's period ("since March 1" runs to the article's publication)."""
    rng = _period(ref) if isinstance(ref.item, CasualtyReport) else None
    if rng is None:
        return _interval(ref)
    if rng[1] == dt.date.max:
        return None
    return rng


def operation_relation(a: ItemRef, b: ItemRef) -> Relation:
    """Whether two operation items are one operation: ``veto``, ``support`` or ``none`` (see module doc)."""
    oa, ob = a.item, b.item
    assert isinstance(oa, Operation) and isinstance(ob, Operation)
    if _date_vetoes(a, b):
        return "veto"
    place = _place_relation(a, b)
    na, nb = normalize_name(oa.name), normalize_name(ob.name)
    if na and nb:
        if fuzz.token_set_ratio(na, nb) < NAME_SIMILARITY:
            return "veto"
        return "support"  # one named operation may span provinces: the name wins over the place
    if place == "conflict":
        return "veto"
    if a.article_id == b.article_id and _spans_overlap(a, b):
        return "support"
    dated = a.dates is not None and b.dates is not None
    by_a, by_b = a.forces, b.forces
    same_forces = not by_a or not by_b or bool(by_a & by_b)
    same_time = dated or bool(a.time_words & b.time_words)
    if oa.kind == ob.kind and place == "same" and same_forces and same_time:
        return "support"
    return "none"


BUCKET_DAYS = 8  # width of the date buckets items are indexed by
WIDE_BUCKETS = 92  # an item spanning more buckets (about two years) is compared with every item of its keys


def _interval(ref: ItemRef) -> tuple[dt.date, dt.date] | None:
    """The days an item can share with an item it does not veto: its resolved dates, or (undated) the undated
    window around its article's publication; None when it has neither (no date veto can apply to it)."""
    rng = date_range(getattr(ref.item, "date", None))
    if rng:
        return rng
    published = ref.extraction.article.published
    if published is None:
        return None
    try:
        return published - dt.timedelta(days=UNDATED_WINDOW_DAYS + 1), published + dt.timedelta(days=1)
    except OverflowError:
        return None


class _Index:
    """Which earlier items may support an item: items sharing a key (an article, a group, a place) whose date
    interval overlaps its own. Keys come from ``keys(ref)``: ``(key, windowed)`` pairs; a windowed key only
    matches items whose intervals share a date bucket, an unwindowed one (the same article) matches all."""

    def __init__(self) -> None:
        self.all: dict[object, list[int]] = {}
        self.wide: dict[object, list[int]] = {}
        self.buckets: dict[tuple[object, int], list[int]] = {}

    @staticmethod
    def _span(interval: tuple[dt.date, dt.date] | None) -> range | None:
        if interval is None:
            return None
        first, last = interval[0].toordinal() // BUCKET_DAYS, interval[1].toordinal() // BUCKET_DAYS
        return range(first, last + 1) if last - first < WIDE_BUCKETS else None

    def add(self, i: int, keys: Sequence[tuple[object, bool]], interval: tuple[dt.date, dt.date] | None) -> None:
        span = self._span(interval)
        for key, windowed in keys:
            self.all.setdefault(key, []).append(i)
            if not windowed:
                continue
            if span is None:
                self.wide.setdefault(key, []).append(i)
            else:
                for b in span:
                    self.buckets.setdefault((key, b), []).append(i)

    def candidates(self, keys: Sequence[tuple[object, bool]], interval: tuple[dt.date, dt.date] | None) -> set[int]:
        span = self._span(interval)
        out: set[int] = set()
        for key, windowed in keys:
            if not windowed or span is None:
                out.update(self.all.get(key, ()))
                continue
            out.update(self.wide.get(key, ()))
            for b in span:
                out.update(self.buckets.get((key, b), ()))
        return out


Keys = tuple[list[tuple[object, bool]], list[tuple[object, bool]]]  # (keys to index an item under, keys to look up)


def cluster(refs: Sequence[ItemRef], relation: Callable[[ItemRef, ItemRef], Relation],
            keys: Callable[[ItemRef], Keys] | None = None) -> list[list[ItemRef]]:
    """Group ``refs`` with ``relation(a, b)``: no veto against any member, most support wins (see module doc).

    Dated items are placed first (one-day dates before ranges such as "earlier this month", then earliest first)
    so that approximate and undated ones join the best-anchored cluster.
    ``keys(ref)`` (blocking) gives the keys to index ``ref`` under and the keys to look up: what any item that
    can support ``ref`` shares with it (its article; its group and place, within its date interval). Only
    clusters holding such an item are compared, which gives the same clusters as comparing all of them when
    every supporting pair is found by a key. A cluster is left at its first veto.
    """
    def order(ref: ItemRef) -> tuple[int, int, dt.date, int, str]:
        rng = date_range(getattr(ref.item, "date", None))
        wide = rng is not None and rng[1] > rng[0]
        return (0 if rng else 1, int(wide), rng[0] if rng else dt.date.min, ref.n, ref.item.id)

    clusters: list[list[ItemRef]] = []
    cluster_of: list[int] = []  # position in the sorted refs -> cluster index
    index = _Index()
    for pos, ref in enumerate(sorted(refs, key=order)):
        add_keys, query_keys = keys(ref) if keys is not None else ([], [])
        interval = _interval(ref)
        if keys is None:
            candidates: Iterable[int] = range(len(clusters))
        else:
            candidates = sorted({cluster_of[i] for i in index.candidates(query_keys, interval)})
        best: tuple[int, int] | None = None
        for c in candidates:
            support = 0
            for member in clusters[c]:
                verdict = relation(ref, member)
                if verdict == "veto":
                    support = 0
                    break
                support += verdict == "support"
            if support and (best is None or support > best[0]):
                best = (support, c)
        if best is None:
            clusters.append([ref])
            cluster_of.append(len(clusters) - 1)
        else:
            clusters[best[1]].append(ref)
            cluster_of.append(best[1])
        if keys is not None:
            index.add(pos, add_keys, interval)
    return clusters


def casualty_keys(ref: ItemRef, tally: bool = False) -> Keys:
    """Blocking keys of a casualty report. Every support rule needs the same article; or (both dated) the same
    town; or the same group and outcome with a shared place, or a shared province where one of the two names
    no town (two towns of one province conflict); or (both dated) the same group and outcome with one place
    unknown; or (one undated, one place unknown) the same figure. All but the same-article rules also need
    dates that do not veto (the window). A tally and a single incident never support each other: ``tally``
    (whether ``ref`` is a tally) is part of every key."""
    c = ref.item
    assert isinstance(c, CasualtyReport)
    group = (ref.victims_key, c.outcome, tally)
    names, provinces, broad = ref.own_places
    add: list[tuple[object, bool]] = [(("article", ref.article_id, tally), False)]
    query: list[tuple[object, bool]] = [(("article", ref.article_id, tally), False)]
    shared: list[tuple[object, ...]] = [("place", group, n) for n in names]
    if ref.dates is not None:  # two dated reports at one town are one incident whatever the groups
        shared += [("dated town", n, tally) for n in names - broad]
    add.extend((k, True) for k in shared)
    query.extend((k, True) for k in shared)
    # in its province, a report naming a town looks up only the reports that name none; one naming none, all
    townless = not ref.towns
    add.extend((("province", group, a), True) for a in provinces)
    if townless:
        add.extend((("townless province", group, a), True) for a in provinces)
    query.extend(((("province" if townless else "townless province"), group, a), True) for a in provinces)
    if c.count.best is not None and c.count.best >= SAME_FIGURE_MIN:  # the same figure retold elsewhere
        # (with a place on both sides, the place and province keys already find the pairs it can support)
        figure = (group, c.count.low, c.count.best)
        add.append((("figure", *figure), True))
        if not names:
            add.append((("placeless figure", *figure), True))
        query.append((("figure" if not names else "placeless figure", *figure), True))
    if date_range(c.date) is not None:  # a group with a place unknown supports only between dated reports
        add.append((("dated group", group), True))
        if names:
            query.append((("dated placeless", group), True))
        else:
            add.append((("dated placeless", group), True))
            query.append((("dated group", group), True))
    return add, query


def operation_keys(ref: ItemRef) -> Keys:
    """Blocking keys of an operation: the same article, any name (names are compared fuzzily), or the same kind
    at a place that is no province or country on either side (what "the same place" needs) at the same time:
    both dated, or a weekday or month word in common."""
    op = ref.item
    assert isinstance(op, Operation)
    keys: list[tuple[object, bool]] = [(("article", ref.article_id), False)]
    if normalize_name(op.name):
        keys.append((("named",), True))
    names, _, broad = ref.own_places
    times: list[tuple[str, ...]] = [("dated",)] if ref.dates is not None else []
    times += [("word", w) for w in ref.time_words]
    keys.extend((("place", op.kind, name, *t), True) for name in names - broad for t in times)
    return keys, keys


def cluster_casualties(refs: Sequence[ItemRef], tallies: frozenset[str] | None = None, *,
                       flags_complete: bool = False) -> list[list[ItemRef]]:
    """Casualty reports grouped into incidents (and tallies); ``tallies`` defaults to :func:`sum_tallies`
    (with ``flags_complete`` it holds every tally's key, as :func:`casualty_relation` takes it).

    Whether each report is a tally is worked out once, not once per pair compared.
    """
    known = frozenset(sum_tallies(refs)) if tallies is None else tallies
    flagged = known if flags_complete else known | {r.key for r in refs if is_tally(r)}
    return cluster(refs, lambda a, b: casualty_relation(a, b, flagged, flags_complete=True),
                   lambda ref: casualty_keys(ref, ref.key in flagged))


def cluster_operations(refs: Sequence[ItemRef]) -> list[list[ItemRef]]:
    """Operation items grouped into operations."""
    return cluster(refs, operation_relation, operation_keys)


def corroboration(members: Sequence[ItemRef]) -> int:
    """How many distinct articles report a cluster."""
    return len({m.article_id for m in members})
