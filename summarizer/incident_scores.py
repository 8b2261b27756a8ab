"""The report model of the incident eval (one :class:`IncidentSetScores` per incident set).

Kept apart from :mod:`summarizer.incident_eval` so that :class:`summarizer.evaluation.EvalReport` can hold it
without an import cycle. Scores are ``None`` when nothing could be measured; :meth:`IncidentSetScores.flat` leaves
those out, so a threshold on an unmeasured score fails.
"""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, Field

#: Every score :meth:`IncidentSetScores.flat` can produce (``incidents.<set>.<key>`` in the eval report).
SCORE_KEYS = (
    "clustering.precision", "clustering.recall", "clustering.f1",
    "figures.accuracy", "figures.low_accuracy",
    "totals.inside", "totals.range_inside",
    "incidents.dated", "incidents.placed", "incidents.dated_placed", "incidents.date_correct",
    "incidents.place_correct",
    "mentions.precision", "mentions.recall",
    "tallies.kept_apart",
)  # fmt: skip


class ClusterScores(BaseModel):
    """B-cubed over the gold mentions a briefing item matched."""

    matched: int = 0
    precision: float | None = None
    recall: float | None = None
    f1: float | None = None


class FigureScores(BaseModel):
    gold: int = Field(default=0, description="Gold figures of in-period incidents.")
    accuracy: float | None = Field(default=None, description="Predicted range inside the gold range.")
    low_accuracy: float | None = Field(default=None, description="Predicted low inside the gold range.")


class TotalScores(BaseModel):
    gold: int = 0
    inside: float | None = Field(default=None, description="Share of gold totals whose predicted best is inside.")
    range_inside: float | None = Field(default=None, description="Share whose predicted low..high is inside.")
    invented: int = Field(default=0, description="Predicted totals for a category and outcome the gold lacks.")


class IncidentShares(BaseModel):
    gold: int = 0
    predicted: int = Field(default=0, description="Predicted incidents in the period (no background, no tally).")
    dated: float | None = None
    placed: float | None = None
    dated_placed: float | None = None
    date_correct: float | None = Field(default=None, description="Gold incidents known to the day: same day.")
    place_correct: float | None = Field(default=None, description="Gold incidents: location among the places.")


class MentionScores(BaseModel):
    gold: int = Field(default=0, description="Mentions of in-period gold incidents.")
    predicted: int = Field(default=0, description="Casualty items the briefing cites.")
    matched: int = 0
    precision: float | None = None
    recall: float | None = None
    missed: int = 0
    invented: int = 0


class TallyScores(BaseModel):
    gold: int = 0
    matched: int = 0
    kept_apart: float | None = Field(default=None, description="Matched tallies the briefing marks as tallies.")


class MentionRef(BaseModel):
    """A gold mention nobody found, or a briefing item that matched no gold mention or tally."""

    article: str
    id: str = Field(description="Gold incident id, or the briefing's source:item key.")
    label: str
    quote: str


class FigureCheck(BaseModel):
    """One gold figure against the briefing incident that holds most of its incident's mentions."""

    incident: str
    predicted_incident: str | None = None
    victims: str
    outcome: str
    gold_low: int
    gold_high: int | None = None
    low: int | None = None
    best: int | None = None
    high: int | None = None
    consistent: bool = False


class TotalCheck(BaseModel):
    victims: str
    outcome: str
    gold_low: int
    gold_high: int | None = None
    low: int = 0
    best: int = 0
    high: int | None = 0
    inside: bool = False


class IncidentSetScores(BaseModel):
    set: str
    backend: str | None = None
    articles: int = 0
    period_start: dt.date
    period_end: dt.date
    clustering: ClusterScores = Field(default_factory=ClusterScores)
    figures: FigureScores = Field(default_factory=FigureScores)
    totals: TotalScores = Field(default_factory=TotalScores)
    incidents: IncidentShares = Field(default_factory=IncidentShares)
    mentions: MentionScores = Field(default_factory=MentionScores)
    tallies: TallyScores = Field(default_factory=TallyScores)
    missed: list[MentionRef] = Field(default_factory=list)
    invented: list[MentionRef] = Field(default_factory=list)
    figure_checks: list[FigureCheck] = Field(default_factory=list)
    total_checks: list[TotalCheck] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)

    def flat(self) -> dict[str, float]:
        """``<group>.<score>`` -> value for every measured score in :data:`SCORE_KEYS`."""
        out: dict[str, float] = {}
        for key in SCORE_KEYS:
            group, name = key.split(".")
            value = getattr(getattr(self, group), name)
            if value is not None:
                out[key] = float(value)
        return out
