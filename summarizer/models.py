"""The data model: the single source of truth.

Every backend returns an :class:`ArticleExtraction`; the grounding and normalisation step fills in the
fields that code computes (character offsets, canonical names, count ranges, resolved dates); the
briefing and the eval harness read nothing else. ``schemas/*.schema.json`` is generated from these
classes by ``summarizer schema`` and a test fails when it drifts.

Three families live here:

* the output model (``ArticleExtraction`` and its parts);
* the *draft* model (``DraftExtraction``) that an LLM is asked to fill: quotes and phrases only, no
  offsets, canonical names or numbers computed by code;
* the gold model (``GoldFixture``) that hand-labelled eval fixtures validate against.
"""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

SCHEMA_VERSION = "1.0"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", use_enum_values=False)


# --------------------------------------------------------------------------- vocabularies


class Alignment(str, Enum):
    """How an evidence quote was found in the article text."""

    exact = "exact"  # verbatim substring
    normalized = "normalized"  # equal after folding whitespace, quotes/dashes and case
    fuzzy = "fuzzy"  # token alignment above the coverage and density thresholds
    unaligned = "unaligned"  # not found: the item is not supported by the text


class GroundingStatus(str, Enum):
    """The verdict of the grounding step on one item."""

    unchecked = "unchecked"  # grounding has not run yet (raw backend output)
    verified = "verified"  # quote aligned and every figure/name supported by it
    unverified = "unverified"  # kept under ``--grounding flag`` although a check failed


class ActorCategory(str, Enum):
    state_forces = "state_forces"
    kurdish_forces = "kurdish_forces"
    paramilitary = "paramilitary"
    coalition = "coalition"
    militant_group = "militant_group"
    civilians = "civilians"
    government = "government"
    other = "other"


class OperationKind(str, Enum):
    operation = "operation"  # a (named) security or military operation or campaign
    raid = "raid"
    airstrike = "airstrike"
    clearance = "clearance"
    attack = "attack"  # an attack by militants
    ambush = "ambush"
    bombing = "bombing"
    clash = "clash"
    arrest = "arrest"
    other = "other"


class OperationStatus(str, Enum):
    planned = "planned"
    announced = "announced"
    launched = "launched"
    ongoing = "ongoing"
    completed = "completed"
    unknown = "unknown"


class Outcome(str, Enum):
    killed = "killed"
    wounded = "wounded"
    killed_or_wounded = "killed_or_wounded"  # "casualties" with no split
    captured = "captured"
    arrested = "arrested"
    surrendered = "surrendered"
    missing = "missing"


class ClaimKind(str, Enum):
    statement = "statement"
    casualty_figure = "casualty_figure"
    responsibility = "responsibility"
    denial = "denial"
    assessment = "assessment"
    allegation = "allegation"
    forecast = "forecast"


class DatePrecision(str, Enum):
    day = "day"
    week = "week"
    month = "month"
    year = "year"
    unknown = "unknown"


# --------------------------------------------------------------------------- parts


class Evidence(_Model):
    """A verbatim quote from the article; offsets are filled by grounding, never by a model."""

    quote: str = Field(min_length=1, description="Verbatim text copied from the article.")
    start: int | None = Field(default=None, ge=0, description="Character offset of the quote in the text as read.")
    end: int | None = Field(default=None, ge=0, description="End offset (exclusive) in the text as read.")
    alignment: Alignment = Alignment.unaligned
    score: float | None = Field(default=None, ge=0, le=1, description="Alignment score for fuzzy matches.")

    @model_validator(mode="after")
    def _span_is_ordered(self) -> Evidence:
        if self.start is not None and self.end is not None and self.end < self.start:
            raise ValueError("evidence end precedes start")
        return self


class Grounding(_Model):
    """What the grounding step concluded about one item, and why."""

    status: GroundingStatus = GroundingStatus.unchecked
    problems: list[str] = Field(default_factory=list, description="Checks that failed, in plain words.")


class Count(_Model):
    """A figure as written and its normalised range. ``high`` is null when open-ended ("at least 10")."""

    phrase: str = Field(min_length=1, description="The figure as written, e.g. 'at least ten'.")
    low: int | None = Field(default=None, ge=0)
    best: int | None = Field(default=None, ge=0)
    high: int | None = Field(default=None, ge=0)
    rule: str | None = Field(default=None, description="Name of the normalisation rule applied.")

    @model_validator(mode="after")
    def _ordered(self) -> Count:
        if self.low is not None and self.high is not None and self.high < self.low:
            raise ValueError(f"count high {self.high} is below low {self.low}")
        if self.best is not None:
            if self.low is not None and self.best < self.low:
                raise ValueError(f"count best {self.best} is below low {self.low}")
            if self.high is not None and self.best > self.high:
                raise ValueError(f"count best {self.best} is above high {self.high}")
        return self


class Actor(_Model):
    """A force, group or population as named in the text, with its canonical form from the gazetteer."""

    name: str = Field(min_length=1, description="As written in the article.")
    canonical: str | None = None
    category: ActorCategory | None = None


class Place(_Model):
    name: str = Field(min_length=1, description="As written in the article.")
    canonical: str | None = None
    admin1: str | None = Field(default=None, description="ISO 3166-2 province code, e.g. IQ-KI.")
    admin1_name: str | None = None
    country: str | None = Field(default=None, description="ISO 3166-1 alpha-2, e.g. IQ.")


class EventDate(_Model):
    """When something happened: the phrase as written and, where resolvable, the dates it covers."""

    phrase: str = Field(min_length=1)
    start: dt.date | None = None
    end: dt.date | None = None
    precision: DatePrecision = DatePrecision.unknown


class Claimant(_Model):
    """A person or body to whom the article attributes something."""

    name: str = Field(min_length=1, description="As written, e.g. 'Major General Tahsin al-Khafaji'.")
    role: str | None = Field(default=None, description="e.g. 'spokesperson for the Joint Operations Command'.")
    affiliation: Actor | None = None


class Operation(_Model):
    id: str = Field(description="Stable within the article, e.g. 'op1'.")
    name: str | None = Field(default=None, description="Named operation, e.g. 'Will of Victory'.")
    phase: str | None = Field(default=None, description="e.g. 'fourth phase'.")
    kind: OperationKind = OperationKind.operation
    status: OperationStatus = OperationStatus.unknown
    by: list[Actor] = Field(default_factory=list)
    against: list[Actor] = Field(default_factory=list)
    places: list[Place] = Field(default_factory=list)
    date: EventDate | None = None
    summary: str = ""
    background: bool = Field(default=False, description="An earlier event mentioned as context.")
    evidence: Evidence
    grounding: Grounding = Field(default_factory=Grounding)


class CasualtyReport(_Model):
    id: str = Field(description="Stable within the article, e.g. 'cas1'.")
    victims: Actor
    outcome: Outcome
    count: Count
    perpetrator: Actor | None = None
    place: Place | None = None
    date: EventDate | None = None
    reported_by: Claimant | None = Field(
        default=None, description="Who the article attributes the figure to; null in the article's own voice."
    )
    operation_id: str | None = None
    background: bool = Field(default=False, description="An earlier incident mentioned as context.")
    evidence: Evidence
    grounding: Grounding = Field(default_factory=Grounding)


class Claim(_Model):
    id: str = Field(description="Stable within the article, e.g. 'cl1'.")
    claimant: Claimant
    kind: ClaimKind = ClaimKind.statement
    content: str = Field(min_length=1, description="Paraphrase of what was claimed.")
    quote: str | None = Field(default=None, description="The claimant's own words when the article quotes them.")
    operation_id: str | None = None
    evidence: Evidence
    grounding: Grounding = Field(default_factory=Grounding)


class ArticleMeta(_Model):
    id: str = Field(description="Content hash of the text as read (sha256, first 16 hex digits).")
    source: str = Field(description="Where it was read from: a path, 'path:line' for JSONL, or '-' for stdin.")
    title: str | None = None
    outlet: str | None = None
    published: dt.date | None = None
    url: str | None = None
    language: str | None = None
    encoding: str | None = None
    chars: int = Field(ge=0)


class Usage(_Model):
    input_tokens: int = 0
    output_tokens: int = 0

    @property
    def total_tokens(self) -> int:
        return self.input_tokens + self.output_tokens


class Provenance(_Model):
    backend: str
    model: str | None = None
    prompt_version: str | None = None
    schema_version: str = SCHEMA_VERSION
    usage: Usage = Field(default_factory=Usage)
    cost_usd: float | None = None
    latency_ms: float = 0.0
    attempts: int = 1
    cached: bool = False
    created_at: dt.datetime | None = None


class ArticleExtraction(_Model):
    """Everything extracted from one article."""

    schema_version: str = SCHEMA_VERSION
    article: ArticleMeta
    summary: str = ""
    summary_kind: Literal["extractive", "abstractive"] = "extractive"
    operations: list[Operation] = Field(default_factory=list)
    casualties: list[CasualtyReport] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    provenance: Provenance
    warnings: list[str] = Field(default_factory=list)


# --------------------------------------------------------------------------- draft (what an LLM fills)


class _Draft(BaseModel):
    # Drafts tolerate unknown keys from a model but never carry offsets or computed values.
    model_config = ConfigDict(extra="ignore")


class DraftOperation(_Draft):
    name: str | None = Field(
        default=None, description="Operation name exactly as written, without quotes; null if unnamed."
    )
    phase: str | None = Field(default=None, description="Phase as written, e.g. 'second phase'.")
    kind: OperationKind = OperationKind.operation
    status: OperationStatus = OperationStatus.unknown
    by: list[str] = Field(default_factory=list, description="Forces carrying it out, as written.")
    against: list[str] = Field(default_factory=list, description="Targets, as written.")
    places: list[str] = Field(default_factory=list, description="Places, as written.")
    date_phrase: str | None = Field(default=None, description="When, as written, e.g. 'on Sunday'.")
    summary: str = Field(default="", description="One sentence.")
    background: bool = False
    quote: str = Field(min_length=1, description="Verbatim sentence or clause from the article.")


class DraftCasualty(_Draft):
    victims: str = Field(min_length=1, description="Who was hit, as written, e.g. 'Peshmerga fighters'.")
    outcome: Outcome
    count_phrase: str = Field(min_length=1, description="The figure exactly as written, e.g. 'at least ten'.")
    perpetrator: str | None = None
    place: str | None = None
    date_phrase: str | None = None
    reported_by: str | None = Field(default=None, description="Source the article attributes the figure to.")
    reported_by_role: str | None = None
    operation_index: int | None = Field(default=None, ge=0, description="Index into operations, if it belongs to one.")
    background: bool = False
    quote: str = Field(min_length=1, description="Verbatim text containing the figure.")


class DraftClaim(_Draft):
    claimant: str = Field(min_length=1, description="Person or body, as written.")
    claimant_role: str | None = None
    kind: ClaimKind = ClaimKind.statement
    content: str = Field(min_length=1, description="Paraphrase of the claim.")
    direct_quote: str | None = Field(default=None, description="The claimant's words if quoted in the article.")
    operation_index: int | None = Field(default=None, ge=0)
    quote: str = Field(min_length=1, description="Verbatim text from the article carrying the claim.")


class DraftExtraction(_Draft):
    """The response model an LLM is asked to produce for one article (or one chunk of it)."""

    summary: str = Field(default="", description="One paragraph summary of the article.")
    operations: list[DraftOperation] = Field(default_factory=list)
    casualties: list[DraftCasualty] = Field(default_factory=list)
    claims: list[DraftClaim] = Field(default_factory=list)


# --------------------------------------------------------------------------- gold (hand-labelled fixtures)


class _Gold(BaseModel):
    model_config = ConfigDict(extra="forbid")


class GoldOperation(_Gold):
    id: str
    kind: OperationKind
    name: str | None = None
    phase: str | None = None
    by: list[str] = Field(default_factory=list, description="Canonical actor names from the gazetteer.")
    against: list[str] = Field(default_factory=list, description="Canonical actor names.")
    places: list[str] = Field(default_factory=list, description="Canonical place names.")
    admin1: list[str] = Field(default_factory=list, description="ISO 3166-2 province codes.")
    date_start: dt.date | None = None
    date_end: dt.date | None = None
    date_phrase: str | None = None
    background: bool = False
    evidence: str = Field(min_length=1, description="Verbatim quote from the seed text.")


class GoldCasualty(_Gold):
    id: str
    victims: str = Field(description="Canonical actor name of who was hit, e.g. 'Peshmerga', 'Civilians', 'ISIS'.")
    victims_category: ActorCategory
    outcome: Outcome
    low: int | None = None
    best: int | None = None
    high: int | None = None
    perpetrator: str | None = None
    place: str | None = None
    admin1: str | None = None
    date_start: dt.date | None = None
    reported_by: str | None = Field(default=None, description="Source named by the article, or null for its own voice.")
    operation: str | None = Field(default=None, description="Gold operation id this figure belongs to.")
    background: bool = False
    evidence: str = Field(min_length=1)


class GoldClaim(_Gold):
    id: str
    claimant: str = Field(description="Person or body as named, e.g. 'Tahsin al-Khafaji'.")
    claimant_role: str | None = None
    kind: ClaimKind
    content: str
    operation: str | None = None
    evidence: str = Field(min_length=1)


class GoldFixture(_Gold):
    """Hand-labelled truth for one seed article (``evals/fixtures/<seed-id>.yaml``)."""

    article: str = Field(description="Seed file name, e.g. '000_315ef980977422ac.txt'.")
    published: dt.date | None = None
    notes: str | None = None
    operations: list[GoldOperation] = Field(default_factory=list)
    casualties: list[GoldCasualty] = Field(default_factory=list)
    claims: list[GoldClaim] = Field(default_factory=list)


# --------------------------------------------------------------------------- gold incident sets (evals/incidents/)

#: Who was hit, as an incident set labels it: an actor category, or ``unspecified`` ("people", "bodies").
GoldVictims = ActorCategory | Literal["unspecified"]


class GoldMention(_Gold):
    """One casualty figure one article gives for one incident."""

    article: str = Field(description="File name in the set's articles/ folder.")
    quote: str = Field(min_length=1, description="Verbatim substring of that article holding the figure.")
    victims: GoldVictims
    outcome: Outcome
    low: int | None = Field(default=None, ge=0)
    best: int | None = Field(default=None, ge=0)
    high: int | None = Field(default=None, ge=0, description="Null when open-ended ('at least').")
    reported_by: str | None = Field(default=None, description="Who the article says gives it; null = the outlet.")
    party_claim: bool = Field(default=False, description="A party to the fight claims it (about its enemy or itself).")
    words_only: bool = Field(default=False, description="'Several', 'a number of': no figure to add up.")


class GoldFigure(_Gold):
    """The range the sources allow for one victim category and outcome of one incident (high null = open)."""

    victims: GoldVictims
    outcome: Outcome
    low: int = Field(ge=0)
    high: int | None = Field(default=None, ge=0)

    @model_validator(mode="after")
    def _ordered(self) -> GoldFigure:
        if self.high is not None and self.high < self.low:
            raise ValueError(f"figure high {self.high} is below low {self.low}")
        return self


class GoldIncident(_Gold):
    """One event (ACLED-style: one day, one place), with every casualty figure any article gives for it."""

    id: str
    summary: str
    date: dt.date
    time_precision: Literal[1, 2, 3] = Field(description="ACLED: 1 day known, 2 week, 3 month.")
    location: str
    admin1: str | None = None
    admin1_code: str | None = Field(default=None, description="ISO 3166-2, null if unsure.")
    country: str = Field(min_length=2, max_length=2, description="ISO 3166-1 alpha-2.")
    event_type: str
    sub_event_type: str
    actor1: str
    actor2: str | None = None
    in_period: bool = Field(description="False for an event outside the set's period, recalled as context.")
    mentions: list[GoldMention] = Field(default_factory=list)
    figures: list[GoldFigure] = Field(default_factory=list)


class GoldTally(_Gold):
    """A figure for a period or a campaign, not one event: never an incident."""

    article: str
    quote: str = Field(min_length=1)
    victims: GoldVictims
    outcome: Outcome
    low: int | None = Field(default=None, ge=0)
    best: int | None = Field(default=None, ge=0)
    high: int | None = Field(default=None, ge=0)
    reported_by: str | None = None


class GoldPeriod(_Gold):
    start: dt.date
    end: dt.date

    @model_validator(mode="after")
    def _ordered(self) -> GoldPeriod:
        if self.end < self.start:
            raise ValueError("period end precedes start")
        return self


class GoldIncidentSet(_Gold):
    """Hand-labelled truth for one incident set (``evals/incidents/<set>/gold.yaml``)."""

    set: str
    period: GoldPeriod = Field(description="The briefing window the totals are for.")
    notes: str | None = None
    incidents: list[GoldIncident]
    tallies: list[GoldTally] = Field(default_factory=list)
    totals: list[GoldFigure] = Field(
        default_factory=list, description="Per category and outcome over the in-period incidents, each counted once."
    )


#: Models exported to ``schemas/`` by ``summarizer schema`` (file stem -> model).
EXPORTED_SCHEMAS: dict[str, type[BaseModel]] = {
    "article_extraction": ArticleExtraction,
    "draft_extraction": DraftExtraction,
    "gold": GoldFixture,
    "gold_incidents": GoldIncidentSet,
}
