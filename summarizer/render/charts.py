"""What the briefing's timeline and map show, computed once for every renderer (HTML draws it, Markdown tabulates).

Timeline: killed and wounded per day and victim group, each incident once, as the briefing's own reconciled
low/best/high. A day's range is the sum of its incidents' ranges, open-ended when any of them is. A tally is a
period's toll, not an event of one day, and stays out. An earlier incident an article mentions as context
(background) did happen on its day: it is plotted apart, marked as background, never summed with current ones.

Map: one point per current incident whose place has coordinates, found through the incident's citations (the
casualty items, then the operations, of the articles it cites), sized by the incident's reported fatalities and
coloured by its event kind.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from summarizer.briefing import Briefing, Citation, Incident
from summarizer.models import ArticleExtraction, Outcome, Place

#: The outcomes the timeline plots, in order.
TIMELINE_OUTCOMES = (Outcome.killed, Outcome.wounded)


@dataclass
class DayFigure:
    """One group's killed (or wounded) on one day: the sum over that day's incidents."""

    day: dt.date
    group: str
    outcome: Outcome
    low: int = 0
    best: int = 0
    high: int | None = 0  # None: open-ended (some incident's figure has no upper bound)
    incidents: list[str] = field(default_factory=list)
    background: bool = False  # earlier incidents mentioned as context

    @property
    def ranged(self) -> bool:
        """True when the sources' figures leave a range (conflicting or open-ended), not one number."""
        return self.high is None or self.low != self.best or self.best != self.high


@dataclass(frozen=True)
class Timeline:
    figures: list[DayFigure]
    undated: int  # incidents (not tallies) with a figure but no date: not plotted

    @property
    def days(self) -> list[dt.date]:
        return sorted({f.day for f in self.figures})

    @property
    def groups(self) -> list[str]:
        """Groups by their total best, largest first."""
        totals: dict[str, int] = {}
        for f in self.figures:
            totals[f.group] = totals.get(f.group, 0) + f.best
        return sorted(totals, key=lambda g: (-totals[g], g))


def _plotted(incident: Incident) -> bool:
    return not incident.background and not incident.tally


def timeline(b: Briefing) -> Timeline:
    """Killed and wounded per day and group, from the briefing's incidents (tallies left out)."""
    cells: dict[tuple[dt.date, str, Outcome, bool], DayFigure] = {}
    undated = 0
    for incident in b.incidents:
        if incident.tally:
            continue
        figures = [f for f in incident.figures if f.outcome in TIMELINE_OUTCOMES and f.low is not None]
        if not figures:
            continue
        if incident.date_start is None:
            undated += 1
            continue
        for fig in figures:
            key = (incident.date_start, fig.victims, fig.outcome, incident.background)
            cell = cells.setdefault(
                key, DayFigure(incident.date_start, fig.victims, fig.outcome, background=incident.background)
            )
            low = fig.low or 0
            best = fig.best if fig.best is not None else low
            cell.low += low
            cell.best += best
            cell.high = None if cell.high is None or fig.high is None else cell.high + fig.high
            cell.incidents.append(incident.id)
    ordered = sorted(cells.values(), key=lambda f: (f.day, f.outcome != Outcome.killed, f.background, -f.best, f.group))
    return Timeline(ordered, undated)


def figure_text(f: DayFigure | None) -> str:
    """'3', '3 (2–5)' for a range, '3 (2 or more)' when open-ended; '' for no figure."""
    if f is None:
        return ""
    if not f.ranged:
        return str(f.best)
    return f"{f.best} ({f.low}–{f.high})" if f.high is not None else f"{f.best} ({f.low} or more)"


TimelineRow = tuple[dt.date, str, "DayFigure | None", "DayFigure | None", list[str]]


def timeline_rows(t: Timeline) -> list[TimelineRow]:
    """One row per day and group: (day, group, killed, wounded, incident labels), for tables.

    Background incidents get rows of their own, their group marked "(background)".
    """
    cells: dict[tuple[dt.date, bool, str], dict[Outcome, DayFigure]] = {}
    for f in t.figures:
        cells.setdefault((f.day, f.background, f.group), {})[f.outcome] = f
    rows: list[TimelineRow] = []
    for (day, background, group), by_outcome in sorted(cells.items(), key=lambda kv: kv[0]):
        ids = sorted({i for f in by_outcome.values() for i in f.incidents}, key=lambda i: (len(i), i))
        label = f"{group} (background)" if background else group
        rows.append((day, label, by_outcome.get(Outcome.killed), by_outcome.get(Outcome.wounded), ids))
    return rows


# --------------------------------------------------------------------------- the map


@dataclass(frozen=True)
class MapPoint:
    incident: str
    lat: float
    lon: float
    fatalities: int  # best killed, all groups
    kind: str  # event kind, or "unspecified"
    place: str
    admin1: str | None
    country: str | None
    geo_precision: int | None
    day: dt.date | None


@dataclass(frozen=True)
class IncidentMap:
    points: list[MapPoint]
    unplaced: list[str]  # incidents with no coordinates (listed, not drawn)


def _item_places(extraction: ArticleExtraction, item_id: str) -> list[Place]:
    for c in extraction.casualties:
        if c.id == item_id:
            return [c.place] if c.place is not None else []
    for o in extraction.operations:
        if o.id == item_id:
            return list(o.places)
    return []


def _located(places: Iterable[Place]) -> Place | None:
    """The most precise place with coordinates (a town before a province before a country)."""
    located = [p for p in places if p.lat is not None and p.lon is not None]
    return min(located, key=lambda p: p.geo_precision or 3) if located else None


def incident_map(b: Briefing, extractions: Iterable[ArticleExtraction]) -> IncidentMap:
    """A point per incident whose cited items name a place with coordinates."""
    by_article = {e.article.id: e for e in extractions}
    article_of = {s.n: s.article_id for s in b.sources}
    operations = {op.id: op for op in b.operations}

    def places(cites: Iterable[Citation]) -> list[Place]:
        out: list[Place] = []
        for c in cites:
            extraction = by_article.get(article_of.get(c.n, ""))
            if extraction is not None:
                out.extend(_item_places(extraction, c.item_id))
        return out

    points: list[MapPoint] = []
    unplaced: list[str] = []
    for incident in b.incidents:
        if not _plotted(incident):
            continue  # a tally or background is no event to place
        cites = [r.cite for fig in incident.figures for r in fig.reports]
        place = _located(places(cites)) or _located(
            places(c for op_id in incident.operations if op_id in operations for c in operations[op_id].cites)
        )
        if place is None or place.lat is None or place.lon is None:
            unplaced.append(incident.id)
            continue
        killed = sum(f.best or f.low or 0 for f in incident.figures if f.outcome == Outcome.killed)
        points.append(MapPoint(
            incident=incident.id,
            lat=place.lat,
            lon=place.lon,
            fatalities=killed,
            kind=incident.kinds[0].value if incident.kinds else "unspecified",
            place=place.canonical or place.name,
            admin1=place.admin1_name or place.admin1,
            country=place.country,
            geo_precision=place.geo_precision,
            day=incident.date_start,
        ))
    return IncidentMap(points, unplaced)


def country_name(code: str | None) -> str | None:
    """'Iraq' for 'IQ' (pycountry); the code itself when unknown."""
    if not code:
        return None
    import pycountry

    country = pycountry.countries.get(alpha_2=code.upper())
    return str(getattr(country, "common_name", None) or country.name) if country is not None else code

