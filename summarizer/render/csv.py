"""The briefing as CSV: ACLED's event table (``csv``) or one row per figure as reported (``figures-csv``).

``csv``: one row per event in ACLED's columns, coded by :mod:`summarizer.acled`; summing ``fatalities`` counts
each death once. ``figures-csv``: one row per casualty figure per source, one per operation without figures;
its fatality columns hold killed figures only, other outcomes keep their count in ``notes``. Cells that a
spreadsheet would run as a formula (starting with ``=``, ``+``, ``-``, ``@``, tab or carriage return) are
prefixed with a quote mark.
"""

from __future__ import annotations

import csv
import io
import re
import time

from summarizer.acled import COLUMNS as COLUMNS  # re-exported: the CSV header is ACLED's columns
from summarizer.acled import acled_rows
from summarizer.briefing import Briefing, BriefingInput, FigureGroup, FigureReport, Incident, OperationEntry
from summarizer.models import ActorCategory, OperationKind, Outcome

FIGURE_COLUMNS = [
    "event_date", "event_type", "sub_event_type", "actor1", "actor2", "admin1", "location", "country",
    "fatalities_low", "fatalities_best", "fatalities_high", "outcome", "source", "source_quote", "notes",
]

# Operation kind -> (ACLED event type, sub-event type).
_EVENT_TYPES: dict[OperationKind, tuple[str, str]] = {
    OperationKind.airstrike: ("Explosions/Remote violence", "Air/drone strike"),
    OperationKind.bombing: ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
    OperationKind.attack: ("Battles", "Armed clash"),
    OperationKind.ambush: ("Battles", "Armed clash"),
    OperationKind.clash: ("Battles", "Armed clash"),
    OperationKind.raid: ("Battles", "Armed clash"),
    OperationKind.arrest: ("Strategic developments", "Arrests"),
    OperationKind.operation: ("Strategic developments", "Other"),
    OperationKind.clearance: ("Strategic developments", "Other"),
    OperationKind.other: ("Strategic developments", "Other"),
}
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe(value: object) -> str:
    """A cell value a spreadsheet will show, never evaluate."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def _locations(labels: list[str]) -> str:
    """Place names without the "(IQ-KI)" province suffix, which has its own column."""
    return ", ".join(re.sub(r" \([A-Z]{2}-[A-Z0-9]{1,3}\)$", "", label) for label in labels)


def _event_type(incident: Incident, fig: FigureGroup) -> tuple[str, str]:
    kind = incident.kinds[0] if incident.kinds else None
    if fig.category == ActorCategory.civilians and kind in (None, OperationKind.attack, OperationKind.ambush,
                                                             OperationKind.raid, OperationKind.clash):
        return "Violence against civilians", "Attack"
    if kind is not None:
        return _EVENT_TYPES[kind]
    if fig.category == ActorCategory.civilians:
        return "Violence against civilians", "Attack"
    if fig.outcome in (Outcome.arrested, Outcome.captured, Outcome.surrendered):
        return "Strategic developments", "Arrests"
    return "Battles", "Armed clash"


def _figure_row(incident: Incident, fig: FigureGroup, report: FigureReport) -> list[str]:
    event_type, sub_type = _event_type(incident, fig)
    killed = fig.outcome == Outcome.killed
    notes = [f"incident {incident.id}", f"articles {incident.corroboration}", f"cited [{report.cite.key}]"]
    if not killed:
        notes.append(f"count low={report.low} best={report.best} high={report.high}")
    if fig.conflict:
        notes.append("sources disagree on this figure")
    elif fig.alternatives:
        notes.append("alternative figures (can all be true); do not sum them")
    if incident.tally:
        notes.append("tally: a cumulative figure over several events, not one event; do not sum with its incidents")
    if report.background or incident.background:
        notes.append("background (earlier event mentioned as context)")
    if incident.date_start is None and incident.date_phrases:
        notes.append(f"date as written: {incident.date_phrases[0]}")
    return [
        str(incident.date_start or ""), event_type, sub_type,
        ", ".join(incident.perpetrators), fig.victims, ", ".join(incident.admin1), _locations(incident.places),
        ", ".join(incident.countries),
        str(report.low) if killed and report.low is not None else "",
        str(report.best) if killed and report.best is not None else "",
        str(report.high) if killed and report.high is not None else "",
        fig.outcome.value, report.source, report.cite.quote, "; ".join(notes),
    ]


def _operation_row(op: OperationEntry) -> list[str]:
    event_type, sub_type = _EVENT_TYPES[op.kind]
    notes = [f"operation {op.id}", f"articles {op.corroboration}", f"cited {' '.join(f'[{c.key}]' for c in op.cites)}"]
    if op.name:
        notes.append(f"name: {op.name}" + (f" ({', '.join(op.phases)})" if op.phases else ""))
    if op.background:
        notes.append("background (earlier event mentioned as context)")
    if op.date_start is None and op.date_phrases:
        notes.append(f"date as written: {op.date_phrases[0]}")
    admin1 = sorted({p.rsplit("(", 1)[1].rstrip(")") for p in op.places if p.endswith(")") and "(" in p})
    return [
        str(op.date_start or ""), event_type, sub_type, ", ".join(op.by), ", ".join(op.against), ", ".join(admin1),
        _locations(op.places), "", "", "", "", "", "", op.cites[0].quote if op.cites else "", "; ".join(notes),
    ]


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.4f}"  # ACLED's four decimals
    return safe(value)


def render(b: Briefing, source: BriefingInput | None = None, timestamp: int | None = None) -> str:
    """ACLED's event table: header first, one row per event, RFC 4180 quoting via the csv module.

    ``source`` lets rows read details the briefing does not keep (coordinates, date precision, claimants'
    affiliations); ``timestamp`` (Unix seconds) defaults to now."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    stamp = int(time.time()) if timestamp is None else timestamp
    for row in acled_rows(b, source, stamp):
        writer.writerow([_cell(v) for v in row.model_dump().values()])
    return buffer.getvalue()


def render_figures(b: Briefing) -> str:
    """One row per figure per source (and per operation without figures), header first."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow(FIGURE_COLUMNS)
    with_figures = {o for i in b.incidents for o in i.operations}
    for incident in b.incidents:
        for fig in incident.figures:
            for report in fig.reports:
                writer.writerow([safe(v) for v in _figure_row(incident, fig, report)])
    for op in b.operations:
        if op.id not in with_figures:
            writer.writerow([safe(v) for v in _operation_row(op)])
    return buffer.getvalue()
