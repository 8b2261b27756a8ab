"""A briefing's events coded as ACLED codes them: one row per event, ACLED's columns, taxonomy and fatality rule.

The vocabulary (event types, the words that tell them apart, inter codes, regions) is data in
``data/acled.yaml``; this module holds the logic:

* **one row per event**: each current incident of the briefing (one event, however many sources told it) and
  each current operation with no casualty figure (an arrest, a strike with no toll) that is not only planned.
  Background incidents (earlier events recalled as context) and tallies (a period's toll) are not events of the
  period and get no row, so summing ``fatalities`` counts each death once, as the briefing's totals do.
* **event type**: from the event's operation kind, the words of its evidence ("suicide", "roadside bomb",
  "drone", "shelling", "kidnapped"...) and who was hit, in ACLED's hierarchy (Battles above Explosions/Remote
  violence above Violence against civilians; Air/drone strike above Suicide bomb above Shelling above IED).
* **fatalities**: per victim group the most conservative credible figure (the smallest stated best estimate); a
  party's claim about its enemy (a militant group about the soldiers it killed, an army about the militants it
  killed) is used only when no other source gives that group's figure. Groups are added; a figure that names
  nobody ("Unspecified") may include them, so the event counts the larger of it and their sum. Every other
  figure goes to ``notes`` with its source. No number reported is 0, as in ACLED.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml
from pydantic import BaseModel

from summarizer.briefing import (
    Briefing,
    BriefingInput,
    Citation,
    FigureGroup,
    FigureReport,
    Incident,
    OperationEntry,
    SourceEntry,
)
from summarizer.gazetteer import admin1_name, default_gazetteer
from summarizer.models import (
    ActorCategory,
    CasualtyReport,
    DatePrecision,
    Operation,
    OperationKind,
    OperationStatus,
    Outcome,
    Place,
)


class AcledRow(BaseModel):
    """One event in ACLED's columns, in ACLED's order (the CSV header is these field names)."""

    event_id_cnty: str
    event_date: dt.date | None = None
    year: int | None = None
    time_precision: int | None = None
    disorder_type: str
    event_type: str
    sub_event_type: str
    actor1: str = ""
    assoc_actor_1: str = ""
    inter1: int | None = None
    actor2: str = ""
    assoc_actor_2: str = ""
    inter2: int | None = None
    interaction: int | None = None
    civilian_targeting: str = ""
    iso: int | None = None
    region: str = ""
    country: str = ""
    admin1: str = ""
    admin2: str = ""
    admin3: str = ""
    location: str = ""
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int | None = None
    source: str = ""
    source_scale: str = ""
    notes: str = ""
    fatalities: int = 0
    tags: str = ""
    timestamp: int | None = None


COLUMNS = list(AcledRow.model_fields)
CIVILIAN_TARGETING = "Civilian targeting"
_HARM = (Outcome.killed, Outcome.wounded, Outcome.killed_or_wounded)
_ARMED = {ActorCategory.state_forces, ActorCategory.government, ActorCategory.militant_group,
          ActorCategory.kurdish_forces, ActorCategory.paramilitary, ActorCategory.coalition}
_PRECISION = {DatePrecision.day: 1, DatePrecision.week: 2, DatePrecision.month: 3, DatePrecision.year: 3}


# --------------------------------------------------------------------------- vocabulary


def _words(patterns: Iterable[str]) -> re.Pattern[str]:
    return re.compile(r"(?<![\w-])(?:" + "|".join(f"(?:{p})" for p in patterns) + r")", re.IGNORECASE)


@dataclass(frozen=True)
class Taxonomy:
    disorder_types: dict[str, str]
    explosive: list[tuple[str, re.Pattern[str]]]
    battle: re.Pattern[str]
    abduction: re.Pattern[str]
    disrupted: re.Pattern[str]
    arrest: re.Pattern[str]
    near: str
    state_claimant: re.Pattern[str]
    vague: re.Pattern[str]
    inter_codes: dict[ActorCategory, int]
    inter_overrides: dict[str, int]
    unspecified: frozenset[str]
    unidentified_name: str
    unidentified_inter: int
    unidentified_for: dict[str, tuple[ActorCategory, ...]]
    regions: dict[str, str]


@cache
def taxonomy() -> Taxonomy:
    """The table in ``data/acled.yaml``, compiled once."""
    data: dict[str, Any] = yaml.safe_load(
        resources.files("summarizer.data").joinpath("acled.yaml").read_text(encoding="utf-8"))
    return Taxonomy(
        disorder_types=dict(data["disorder_types"]),
        explosive=[(e["sub_event_type"], _words(e["words"])) for e in data["explosive_sub_events"]],
        battle=_words(data["battle_words"]),
        abduction=_words(data["abduction_words"]),
        disrupted=_words(data["disrupted_words"]),
        arrest=_words(data["arrest_words"]),
        near="|".join(f"(?:{p})" for p in data["near_words"]),
        state_claimant=_words(data["state_claimant_words"]),
        vague=_words(data["vague_words"]),
        inter_codes={ActorCategory(k): int(v) for k, v in data["inter_codes"].items()},
        inter_overrides={str(k): int(v) for k, v in data["inter_overrides"].items()},
        unspecified=frozenset(data["unspecified_victims"]),
        unidentified_name=data["unidentified_actor"]["name"],
        unidentified_inter=int(data["unidentified_actor"]["inter"]),
        unidentified_for={k: tuple(ActorCategory(c) for c in v) for k, v in data["unidentified_actor"]["for"].items()},
        regions={code: region for region, codes in data["regions"].items() for code in codes},
    )


# --------------------------------------------------------------------------- what the briefing points to


@dataclass
class _Event:
    """What one row is coded from: the briefing's entry and the items its citations point to."""

    key: str
    kinds: list[OperationKind]
    quotes: list[str]
    perpetrators: list[tuple[str, ActorCategory | None]]
    targets: list[tuple[str, ActorCategory | None]]
    figures: list[FigureGroup]
    places: list[Place]
    place_labels: list[str]
    countries: list[str]
    admin1: list[str]
    date_start: dt.date | None
    date_end: dt.date | None
    precisions: list[DatePrecision]
    cites: list[Citation]
    summary: str = ""


@dataclass
class _Context:
    """What every row looks up, indexed once (a month of news has thousands of events)."""

    items: dict[tuple[int, str], Any]
    sources: dict[int, SourceEntry]
    operations: dict[str, OperationEntry]
    story_countries: dict[int, set[str]]
    timestamp: int | None


def _context(b: Briefing, source: BriefingInput | None, timestamp: int | None) -> _Context:
    """(source number, item id) -> the extracted item, for the details a briefing row does not keep; each
    source's countries; the briefing's sources and operations by key."""
    items: dict[tuple[int, str], Any] = {}
    countries: dict[int, set[str]] = defaultdict(set)
    by_article = {e.article.id: e for e in source.extractions} if source is not None else {}
    for s in b.sources:
        ex = by_article.get(s.article_id)
        if ex is None:
            continue
        for item in (*ex.operations, *ex.casualties, *ex.claims):
            items[(s.n, getattr(item, "id", ""))] = item
            for place in [getattr(item, "place", None), *getattr(item, "places", [])]:
                if place is not None and place.country:
                    countries[s.n].add(place.country)
    return _Context(items, {s.n: s for s in b.sources}, {o.id: o for o in b.operations}, countries, timestamp)


def _story_country(event: _Event, ctx: _Context) -> str | None:
    """The country an article's other items are placed in, when all agree: the event with no place of its own is
    in the story's country (a wire report about a Sinai attack), never guessed across countries."""
    countries = set().union(*(ctx.story_countries.get(n, set()) for n in {c.n for c in event.cites}))
    return countries.pop() if len(countries) == 1 else None


def _category(name: str) -> ActorCategory | None:
    entry = default_gazetteer().actor_entry(name)
    return getattr(entry, "category", None) if entry is not None else None


def _unique(pairs: Iterable[tuple[str, ActorCategory | None]]) -> list[tuple[str, ActorCategory | None]]:
    out: dict[str, ActorCategory | None] = {}
    for name, category in pairs:
        if name and (name not in out or out[name] is None):
            out[name] = category
    return list(out.items())


def _actor(actor: Any) -> tuple[str, ActorCategory | None]:
    return (actor.canonical or actor.name), actor.category


def _incident_event(incident: Incident, ctx: _Context, companions: Sequence[OperationEntry] = ()) -> _Event:
    cites = [r.cite for f in incident.figures for r in f.reports]
    found = [ctx.items[(c.n, c.item_id)] for c in cites if (c.n, c.item_id) in ctx.items]
    casualties = [i for i in found if isinstance(i, CasualtyReport)]
    ops = [ctx.operations[o] for o in incident.operations if o in ctx.operations] + list(companions)
    dated = [o for o in companions if o.date_start is not None]
    # A companion's own day wins over a day taken only approximately from the article's publication.
    exact = incident.date_start is not None and not incident.date_approximate
    start = incident.date_start if exact or not dated else dated[0].date_start
    end = incident.date_end if exact or not dated else dated[0].date_end
    perpetrators = _unique([*(_actor(c.perpetrator) for c in casualties if c.perpetrator),
                            *((p, _category(p)) for p in incident.perpetrators),
                            *((p, _category(p)) for o in ops for p in o.by)])
    return _Event(
        key=incident.id, kinds=list(dict.fromkeys([*incident.kinds, *(o.kind for o in companions)])),
        quotes=[c.quote for c in cites] + [c.quote for o in ops for c in o.cites],
        perpetrators=perpetrators,
        targets=_unique([*((f.victims, f.category) for f in incident.figures),
                         *((a, _category(a)) for o in companions for a in o.against)]),
        figures=list(incident.figures), places=[c.place for c in casualties if c.place],
        place_labels=list(incident.places), countries=list(incident.countries), admin1=list(incident.admin1),
        date_start=start, date_end=end,
        precisions=[c.date.precision for c in casualties if c.date and c.date.start],
        cites=cites, summary=next((o.summary for o in ops if o.summary), ""),
    )


def _operation_event(op: OperationEntry, ctx: _Context) -> _Event:
    found = [ctx.items[(c.n, c.item_id)] for c in op.cites if (c.n, c.item_id) in ctx.items]
    operations = [i for i in found if isinstance(i, Operation)]
    places = [p for o in operations for p in o.places]
    return _Event(
        key=op.id, kinds=[op.kind], quotes=[c.quote for c in op.cites],
        perpetrators=_unique([*(_actor(a) for o in operations for a in o.by), *((p, _category(p)) for p in op.by)]),
        targets=_unique([*(_actor(a) for o in operations for a in o.against),
                         *((p, _category(p)) for p in op.against)]),
        figures=[], places=places, place_labels=list(op.places),
        countries=sorted({p.country for p in places if p.country}),
        admin1=sorted({p.admin1 for p in places if p.admin1}
                      | {lbl.rsplit("(", 1)[1].rstrip(")") for lbl in op.places if lbl.endswith(")") and "(" in lbl}),
        date_start=op.date_start, date_end=op.date_end,
        precisions=[o.date.precision for o in operations if o.date and o.date.start],
        cites=list(op.cites), summary=op.summary,
    )


# --------------------------------------------------------------------------- coding


def event_type(kinds: Sequence[OperationKind], text: str, victims: Sequence[ActorCategory | None],
               harmed: bool, perpetrator: ActorCategory | None = None) -> tuple[str, str]:
    """(event_type, sub_event_type) from the operation kinds, the evidence's words and who was hit.

    ``victims`` are the categories of the groups hit (None: unknown); ``harmed`` says anyone was killed or wounded.
    """
    tax = taxonomy()
    armed_hit = any(v in _ARMED for v in victims)
    civilians_only = bool(victims) and all(v == ActorCategory.civilians for v in victims)
    explosive = next((sub for sub, words in tax.explosive if words.search(text)), None)
    if explosive is None and OperationKind.airstrike in kinds:
        explosive = "Air/drone strike"
    if explosive is None and OperationKind.bombing in kinds:
        explosive = "Remote explosive/landmine/IED"
    arrest = OperationKind.arrest in kinds or (not kinds and bool(tax.arrest.search(text)))
    if tax.disrupted.search(text) and not harmed and not arrest:
        return "Strategic developments", "Disrupted weapons use"
    fight = bool(tax.battle.search(text)) or OperationKind.clash in kinds
    if fight and (armed_hit or not harmed):
        return "Battles", "Armed clash"
    if explosive is not None:
        return "Explosions/Remote violence", explosive
    if tax.abduction.search(text) and not harmed and not armed_hit:
        return "Violence against civilians", "Abduction/forced disappearance"
    if (arrest or tax.arrest.search(text)) and not harmed:
        non_state = perpetrator is not None and perpetrator not in (ActorCategory.state_forces,
                                                                    ActorCategory.government)
        if non_state and not armed_hit:  # civilians "arrested" by a non-state group are abducted (ACLED)
            return "Violence against civilians", "Abduction/forced disappearance"
        return "Strategic developments", "Arrests"
    violent = harmed or any(k in kinds for k in (OperationKind.attack, OperationKind.ambush, OperationKind.raid))
    known = [v for v in victims if v is not None]
    if violent and not armed_hit and (civilians_only or (harmed and not known)):
        return "Violence against civilians", "Attack"  # civilians hit, or people hit by an attack on nobody armed
    if violent:
        return "Battles", "Armed clash"
    return "Strategic developments", "Other"


def inter_code(name: str, category: ActorCategory | None) -> int | None:
    tax = taxonomy()
    if name in tax.inter_overrides:
        return tax.inter_overrides[name]
    return tax.inter_codes.get(category) if category is not None else None


def interaction(inter1: int | None, inter2: int | None) -> int | None:
    """ACLED's numeric interaction: both codes, smaller first (12); a one-sided event is the code and 0 (20)."""
    codes = sorted(c for c in (inter1, inter2) if c is not None)
    if not codes:
        return None
    return codes[0] * 10 + (codes[1] if len(codes) > 1 else 0)


def _value(report: FigureReport) -> int | None:
    return report.best if report.best is not None else report.low


def is_party_claim(report: FigureReport, victims: ActorCategory | None, perpetrators: Sequence[str],
                   item: Any = None) -> bool:
    """A figure a party to the fight gives about its enemy: the attacker counting its victims, or forces counting
    the militants they killed (or the reverse)."""
    who = " ".join(x for x in (report.reported_by, report.source) if x)
    affiliation = getattr(getattr(item, "reported_by", None), "affiliation", None)
    side_name = (affiliation.canonical or affiliation.name) if affiliation is not None else None
    side = affiliation.category if affiliation is not None else None
    parties = [p.casefold() for p in perpetrators if p]
    if side_name and side_name.casefold() in parties:
        return True
    if report.reported_by and any(p in who.casefold() or who.casefold() in p for p in parties):
        return True
    if side is None and report.reported_by and taxonomy().state_claimant.search(who):
        side = ActorCategory.state_forces
    if side is None or victims is None:
        return False
    state = {ActorCategory.state_forces, ActorCategory.government, ActorCategory.coalition}
    rebel = {ActorCategory.militant_group}
    return (side in state and victims in rebel) or (side in rebel and victims in state)


@dataclass
class Fatalities:
    total: int
    used: list[str]  # "Peshmerga 10 (Peshmerga ministry)"
    others: list[str]  # rival figures, with their sources


def _fmt(report: FigureReport) -> str:
    """"12+", or with the words the number was read from when they give none ("3+ (a number of)")."""
    value = _value(report)
    if value is None:
        return report.phrase
    text = str(value) + ("+" if report.high is None else "")
    return f"{text} ({report.phrase})" if taxonomy().vague.search(report.phrase) else text


def code_fatalities(figures: Sequence[FigureGroup], perpetrators: Sequence[str],
                    items: dict[tuple[int, str], Any] | None = None) -> Fatalities:
    """ACLED's fatalities for one event: the most conservative credible killed figure per group, summed once."""
    items = items or {}
    tax = taxonomy()
    named, unnamed = 0, 0
    used: list[str] = []
    others: list[str] = []
    for fig in figures:
        if fig.outcome != Outcome.killed:
            continue
        credible: list[FigureReport] = []
        claims: list[FigureReport] = []
        for r in fig.reports:
            party = is_party_claim(r, fig.category, perpetrators, items.get((r.cite.n, r.cite.item_id)))
            (claims if party else credible).append(r)
        pool = [r for r in credible if _value(r) is not None] or [r for r in claims if _value(r) is not None]
        chosen = min(pool, key=lambda r: (_value(r), r.cite.n)) if pool else None
        value = _value(chosen) if chosen is not None else 0
        if fig.victims in tax.unspecified:
            unnamed = max(unnamed, value or 0)
        else:
            named += value or 0
        if chosen is not None:
            why = ", a party claim: no other figure" if chosen in claims else ""
            used.append(f"{fig.victims} {_fmt(chosen)} ({chosen.source}{why})")
        for r in fig.reports:
            if r is not chosen:
                label = "party claim, not used" if r in claims and chosen not in claims else "not used"
                others.append(f"{fig.victims} {_fmt(r)} ({r.source}; {label})")
    return Fatalities(max(named, unnamed), used, others)


def _time_precision(event: _Event) -> int | None:
    if event.date_start is None:
        return None
    span = ((event.date_end or event.date_start) - event.date_start).days
    from_span = 1 if span == 0 else 2 if span <= 7 else 3
    stated = [_PRECISION[p] for p in event.precisions if p in _PRECISION]
    return max(from_span, min(stated)) if stated else from_span


def _geo_precision(place: Place | None, location: str, admin1: str, country: str, text: str) -> int | None:
    given = getattr(place, "geo_precision", None)
    if isinstance(given, int):
        return given
    if not location:
        return 3 if admin1 or country else None
    if location in (admin1, country):
        return 3
    near = re.compile(rf"(?:{taxonomy().near})\s+(?:the\s+)?(?:\w+\s+){{0,3}}{re.escape(location)}", re.IGNORECASE)
    return 2 if near.search(text) else 1


def _country(code: str | None) -> tuple[str, int | None, str]:
    """(name, ISO numeric, alpha-3) from an alpha-2 code."""
    if not code:
        return "", None, "XXX"
    import pycountry

    c = pycountry.countries.get(alpha_2=code)
    if c is None:
        return code, None, "XXX"
    return getattr(c, "common_name", None) or c.name, int(c.numeric), c.alpha_3


def _actor_name(name: str, category: ActorCategory | None, country: str) -> str:
    """ACLED names civilians by country: "Civilians (Nigeria)"."""
    if category == ActorCategory.civilians and country:
        return f"Civilians ({country})"
    return name


def _label(label: str) -> str:
    return re.sub(r" \([A-Z]{2}-[A-Z0-9]{1,3}\)$", "", label)


def _row(event: _Event, ctx: _Context) -> AcledRow:
    tax = taxonomy()
    sources = ctx.sources
    text = " ".join([*event.quotes, event.summary])
    harmed = any(f.outcome in _HARM and (f.best or f.low or f.high) for f in event.figures)
    victims = [f.category for f in event.figures if f.victims not in tax.unspecified]
    hit = victims or [c for _, c in event.targets]
    perp_category = event.perpetrators[0][1] if event.perpetrators else None
    etype, sub = event_type(event.kinds, text, hit, harmed, perp_category)
    place = next((p for p in event.places if p.country), event.places[0] if event.places else None)
    code = (place.country if place and place.country else None) or (event.countries[0] if event.countries else None) \
        or _story_country(event, ctx)
    country, iso, alpha3 = _country(code)
    admin1_code = (place.admin1 if place and place.admin1 else None) or (event.admin1[0] if event.admin1 else None)
    admin1 = (place.admin1_name if place and place.admin1_name and place.admin1 == admin1_code else None) \
        or admin1_name(admin1_code) or ""
    location = (place.canonical or place.name) if place else (_label(event.place_labels[0]) if event.place_labels
                                                               else "")
    # Actors: the perpetrator first; the side hit second (Violence against civilians: the civilians, always).
    perps = [(n, c) for n, c in event.perpetrators if n not in tax.unspecified]
    targets = [(n, c) for n, c in event.targets if n not in tax.unspecified and n not in dict(perps)]
    if etype == "Violence against civilians":  # the civilians are always actor 2
        targets = sorted(targets, key=lambda t: t[1] != ActorCategory.civilians)
    else:  # the armed side hit is actor 2; civilians caught in a battle are no actor (ACLED), only in the notes
        targets = sorted(targets, key=lambda t: t[1] not in _ARMED)
        if etype == "Battles" and any(c in _ARMED for _, c in targets):
            targets = [t for t in targets if t[1] != ActorCategory.civilians]
    actor1, cat1 = perps[0] if perps else ("", None)
    actor2, cat2 = targets[0] if targets else ("", None)
    inter1 = inter_code(actor1, cat1) if actor1 else None
    # Civilians or forces hit by nobody named: ACLED's unidentified armed group (militants hit by nobody named were
    # most likely hit by the forces reporting it, so they get no invented attacker).
    unknown = tax.unidentified_for.get(etype, ())
    if not actor1 and actor2 and cat2 in unknown and harmed:
        actor1 = f"{tax.unidentified_name} ({country})" if country else tax.unidentified_name
        inter1 = tax.unidentified_inter
    inter2 = inter_code(actor2, cat2) if actor2 else None
    civilians_targeted = etype == "Violence against civilians" or (
        etype == "Explosions/Remote violence" and bool(hit) and all(c == ActorCategory.civilians for c in hit))
    date = event.date_start
    date_note = ""
    if date is None:
        published = [p for c in event.cites if (p := sources[c.n].published) is not None] if event.cites else []
        if published:
            date = min(published)
            date_note = "Date not given: the publication date is used."
    precision = _time_precision(event) if event.date_start else (2 if date else None)
    fat = code_fatalities(event.figures, [n for n, _ in event.perpetrators], ctx.items)
    outlets = list(dict.fromkeys(sources[c.n].label for c in event.cites if c.n in sources))
    return AcledRow(
        event_id_cnty=f"{alpha3}-{event.key}", event_date=date, year=date.year if date else None,
        time_precision=precision, disorder_type=tax.disorder_types.get(etype, ""), event_type=etype,
        sub_event_type=sub,
        actor1=_actor_name(actor1, cat1, country), assoc_actor_1="; ".join(n for n, _ in perps[1:]), inter1=inter1,
        actor2=_actor_name(actor2, cat2, country),
        assoc_actor_2="; ".join(_actor_name(n, c, country) for n, c in targets[1:]), inter2=inter2,
        interaction=interaction(inter1, inter2), civilian_targeting=CIVILIAN_TARGETING if civilians_targeted else "",
        iso=iso, region=tax.regions.get(code or "", ""), country=country, admin1=admin1, location=location,
        latitude=getattr(place, "lat", None), longitude=getattr(place, "lon", None),
        geo_precision=_geo_precision(place, location, admin1, country, text), source="; ".join(outlets),
        notes=_notes(event, date, sub, actor1, actor2, location, admin1, country, fat, date_note),
        fatalities=fat.total, timestamp=ctx.timestamp,
    )


def _notes(event: _Event, date: dt.date | None, sub: str, actor1: str, actor2: str, location: str, admin1: str,
           country: str, fat: Fatalities, date_note: str) -> str:
    where = ", ".join(dict.fromkeys(x for x in (location, admin1, country) if x))
    line = f"{date.isoformat() if date else 'Undated'}: {sub}"
    line += f" by {actor1}" if actor1 else ""
    line += f" against {actor2}" if actor2 else ""
    line += f" in {where}." if where else "."
    parts = [line]
    if len(event.place_labels) > 1:
        parts.append("Places: " + ", ".join(_label(p) for p in event.place_labels) + ".")
    if fat.used:
        parts.append("Fatalities coded: " + "; ".join(fat.used) + ".")
    if fat.others:
        parts.append("Other figures: " + "; ".join(fat.others) + ".")
    hurt = [f"{f.victims} {f.outcome.value.replace('_', ' ')} "
            + " vs ".join(f"{_fmt(r)} ({r.source})" for r in f.reports)
            for f in event.figures if f.outcome != Outcome.killed]
    if hurt:
        parts.append("; ".join(hurt) + ".")
    if date_note:
        parts.append(date_note)
    return " ".join(parts)


def acled_rows(b: Briefing, source: BriefingInput | None = None, timestamp: int | None = None) -> list[AcledRow]:
    """One row per event of the period: current incidents, then current operations with no casualty figure."""
    ctx = _context(b, source, timestamp)
    current = [i for i in b.incidents if not i.background and not i.tally]
    told = _Told(b.incidents)
    unlinked = [op for op in b.operations if op.id not in told.operations and not op.background
                and op.status != OperationStatus.planned]
    companions = _companions(current, [op for op in unlinked if not told.same_event(op)])
    taken = {op.id for ops in companions.values() for op in ops}
    rows = [_row(_incident_event(i, ctx, companions.get(i.id, [])), ctx) for i in current]
    rows += [_row(_operation_event(op, ctx), ctx) for op in unlinked
             if op.id not in taken and not told.same_event(op)]
    return rows


def _companions(incidents: Sequence[Incident], operations: Sequence[OperationEntry]) -> dict[str, list[OperationEntry]]:
    """Operations the briefing did not link to any incident that one article tells as the same event as exactly
    one incident (ACLED's aggregation: the same actors, place and day are one event): same article, same day (or an
    undated incident, or one dated only approximately by its article's publication), a side in common (the
    operation's target among the incident's victims, or its force among the perpetrators) and no place that
    differs. They give the incident its kind ("the strike killed 17") and get no row of their own."""
    by_source: dict[int, list[Incident]] = defaultdict(list)
    for i in incidents:
        for n in {r.cite.n for f in i.figures for r in f.reports}:
            by_source[n].append(i)
    out: dict[str, list[OperationEntry]] = defaultdict(list)
    for op in operations:
        matches = {i.id: i for c in op.cites for i in by_source.get(c.n, ())
                   if (i.date_start is None or i.date_approximate or i.date_start == op.date_start)
                   and (set(op.against) & {f.victims for f in i.figures} or set(op.by) & set(i.perpetrators))
                   and (not op.places or not i.places or set(op.places) & set(i.places))}
        if len(matches) == 1:
            out[next(iter(matches))].append(op)
    return out


class _Told:
    """What the incidents already tell, indexed: their operations, quotes (by source) and (day, place) keys."""

    def __init__(self, incidents: Sequence[Incident]) -> None:
        self.operations = {o for i in incidents for o in i.operations}
        self.cites: dict[int, list[Citation]] = defaultdict(list)
        self.day_place: dict[tuple[dt.date, str], set[str]] = defaultdict(set)
        for i in incidents:
            for f in i.figures:
                for r in f.reports:
                    self.cites[r.cite.n].append(r.cite)
            if i.date_start is not None:
                for place in i.places:
                    self.day_place[(i.date_start, place)].update(i.perpetrators)

    def same_event(self, op: OperationEntry) -> bool:
        """An operation the briefing did not link to an incident that tells the same event: a quote they share, or
        the same day, place and perpetrator."""
        if any(_overlap(c, other) for c in op.cites for other in self.cites.get(c.n, ())):
            return True
        if op.date_start is None:
            return False
        return any(set(op.by) & self.day_place.get((op.date_start, place), set()) for place in op.places)


def _overlap(a: Citation, b: Citation) -> bool:
    if a.n != b.n:
        return False
    if a.start is None or a.end is None or b.start is None or b.end is None:
        return a.quote == b.quote
    return a.start < b.end and b.start < a.end
