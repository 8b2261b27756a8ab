"""Plain-text forms shared by the renderers (each renderer escapes them for its own format)."""

from __future__ import annotations

from summarizer.briefing import FigureGroup, FigureReport, GroupTotal, Incident, TotalComponent
from summarizer.models import Outcome

INCIDENTS_NOTE = (
    "Each incident once; figures from different sources side by side (“vs” where they disagree, “or” where they "
    "differ but can all be true). Low/Best/High reconcile them conservatively (smallest low and best, largest high; "
    "open when any report is open-ended; an open-ended figure such as “over 100” is a floor, so a stated figure "
    "above it is the best). A tally is a period's or a campaign's toll, not one event."
)
TOTALS_NOTE = (
    "Verified figures over distinct incidents in the period (each incident once; context from before the period "
    "excluded, recent context counted). A tally (a period's or a campaign's toll) is no incident: it is never "
    "added, and is listed after “not added” beside the incidents it may include."
)


def figure_value(report: FigureReport) -> str:
    """'10' for an exact figure, '10–13' for a range, '10+' when open-ended, 'unquantified' without a number."""
    if report.best is not None and report.low == report.best == report.high:
        return str(report.best)
    if report.low is not None:
        return f"{report.low}–{report.high}" if report.high is not None else f"{report.low}+"
    return "unquantified"


def joiner(fig: FigureGroup) -> str:
    """Between a group's reports: 'vs' where they disagree, 'or' for alternatives, '; ' where they agree."""
    return " vs " if fig.conflict else " or " if fig.alternatives else "; "


def outcome_label(outcome: Outcome) -> str:
    """'killed or wounded' rather than the enum's 'killed_or_wounded'."""
    return outcome.value.replace("_", " ")


def incident_label(incident: Incident) -> str:
    """'I3', 'I3 (tally)', 'I3 (background)' or 'I3 (background tally)'."""
    tags = " ".join(t for t, on in (("background", incident.background), ("tally", incident.tally)) if on)
    return f"{incident.id} ({tags})" if tags else incident.id


def report_tag(incident: Incident, report: FigureReport) -> str:
    """' (background)' for a background report in a current incident; nothing when the whole incident is."""
    return " (background)" if report.background and not incident.background else ""


def total_parts(total: GroupTotal) -> tuple[list[TotalComponent], list[TotalComponent]]:
    """The components added into the best, and those not added (a tally or the incidents it may include)."""
    return [c for c in total.components if c.counted], [c for c in total.components if not c.counted]


def component_label(c: TotalComponent) -> str:
    """'I4' or 'I4 (tally)'."""
    return f"{c.incident} (tally)" if c.tally else c.incident
