"""The eval harness: score extractions against hand-labelled gold fixtures.

Gold fixtures (``evals/fixtures/*.yaml``, model :class:`~summarizer.models.GoldFixture`) name the seed
file they label; the article id is the content hash of that seed as the loader reads it, so gold and
predictions meet on the same key whatever produced the predictions (a backend run here, or a JSONL file
written by ``summarizer extract``).

Matching is one-to-one per article and per item type: a similarity in [0, 1] is computed for every
(gold, predicted) pair, pairs below the type's minimum are made inadmissible, and
:func:`scipy.optimize.linear_sum_assignment` picks the assignment with the largest total similarity.
Greedy matching is not used because it can strand a gold item whose only admissible partner was taken
by a slightly better-scoring neighbour.

Scoring rules that decide what an empty or degenerate prediction earns (a harness whose metric cannot
fail is worse than none):

* precision with no predictions is 0 when there was gold to find (1 only when both sides are empty);
* recall with no gold is 1 (nothing to miss); F1 is the harmonic mean, 0 when either side is 0;
* per-field accuracy is measured on matched pairs only and is ``None`` (not measured) when nothing
  matched; :meth:`EvalReport.flat` leaves such keys out, and a threshold on an unmeasured key fails;
* the grounding rate is the share of predicted items whose evidence was aligned to the text
  (``alignment != unaligned`` and ``start`` set); ``None`` when nothing was predicted.

Casualty fields (``casualties.fields.*``): ``victims`` is the canonical name and ``victims_category`` the category,
apart; ``perpetrator`` (canonical), ``place`` (the canonical name or the name as written, diacritics, apostrophes
and hyphens aside: :func:`place_name_key`), ``admin1`` (ISO 3166-2) and ``country`` (the gold's is
its province code's prefix, else the gazetteer's country for its place), ``date`` (the resolved start against gold
``date_start``), ``background``, ``reported_by`` (name similarity) and ``operation`` (the figure links the predicted
operation matched to the gold one it links, or neither links one) are each right when both sides agree, a value
missing on both sides included.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import numpy as np
import yaml
from pydantic import BaseModel, Field, ValidationError
from rapidfuzz import fuzz, utils
from scipy.optimize import linear_sum_assignment

from summarizer.articles import Article, load_articles
from summarizer.gazetteer import default_gazetteer
from summarizer.geo import name_key
from summarizer.incident_scores import SCORE_KEYS as INCIDENT_SCORE_KEYS
from summarizer.incident_scores import IncidentSetScores
from summarizer.models import (
    Actor,
    ActorCategory,
    Alignment,
    ArticleExtraction,
    ArticleMeta,
    CasualtyReport,
    Claim,
    Claimant,
    ClaimKind,
    Count,
    DatePrecision,
    EventDate,
    Evidence,
    GoldCasualty,
    GoldClaim,
    GoldFixture,
    GoldOperation,
    Operation,
    OperationKind,
    Outcome,
    Place,
    Provenance,
)
from summarizer.pipeline import RunOptions, extract_paths

ItemType = Literal["operations", "casualties", "claims"]
ITEM_TYPES: tuple[ItemType, ...] = ("operations", "casualties", "claims")

#: Per-field accuracies measured on matched pairs, per item type (the keys of ``<type>.fields``).
FIELDS: dict[ItemType, tuple[str, ...]] = {
    "operations": ("kind", "name", "phase", "date", "places", "background"),
    "casualties": (
        "count_exact", "count_in_range", "outcome", "victims", "background", "reported_by",
        "victims_category", "perpetrator", "place", "admin1", "country", "date", "operation",
    ),
    "claims": ("claimant", "kind"),
}

#: Minimum similarity for a (gold, predicted) pair to count as a match, per item type.
MIN_SIMILARITY: dict[ItemType, float] = {"operations": 0.55, "casualties": 0.65, "claims": 0.7}

#: Claimant similarity below which two claims are never the same claim (a claim is its attribution).
MIN_CLAIMANT_SIMILARITY = 0.5

#: Name similarity (rapidfuzz token-set ratio / 100) at which two names count as the same for field accuracy.
SAME_NAME = 0.9


class EvalError(Exception):
    """A fixture, a seed or a predictions file could not be used; the message names it."""


# --------------------------------------------------------------------------- report model


class TypeScores(BaseModel):
    """Scores for one item type (over all articles, or for one article)."""

    gold: int = 0
    predicted: int = 0
    matched: int = 0
    precision: float = 0.0
    recall: float = 0.0
    f1: float = 0.0
    fields: dict[str, float | None] = Field(default_factory=dict, description="Accuracy on matched pairs.")
    grounding_rate: float | None = None


class ArticleScores(BaseModel):
    article: str = Field(description="Seed file name the fixture labels.")
    article_id: str
    predicted: bool = Field(description="False when no prediction existed for this article (scored as empty).")
    operations: TypeScores
    casualties: TypeScores
    claims: TypeScores


class ItemRef(BaseModel):
    """A gold item nobody found, or a predicted item that matched no gold item."""

    article: str
    type: str
    id: str
    label: str = Field(description="A one-line description of the item.")
    quote: str
    best_similarity: float = Field(description="Its best similarity to any item on the other side (below the minimum).")


class FieldError(BaseModel):
    """A matched pair that disagrees on one field."""

    article: str
    type: str
    field: str
    gold_id: str
    predicted_id: str
    gold: str
    predicted: str
    quote: str


class EvalReport(BaseModel):
    """Everything the harness measured. ``report.json`` is this model; its keys are stable."""

    backend: str | None = None
    fixtures: int = 0
    operations: TypeScores = Field(default_factory=TypeScores)
    casualties: TypeScores = Field(default_factory=TypeScores)
    claims: TypeScores = Field(default_factory=TypeScores)
    grounding_rate: float | None = None
    per_article: dict[str, ArticleScores] = Field(default_factory=dict)
    unmatched: list[ItemRef] = Field(default_factory=list, description="Predicted items that matched no gold item.")
    missed: list[ItemRef] = Field(default_factory=list, description="Gold items no prediction matched.")
    field_errors: list[FieldError] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
    incidents: dict[str, IncidentSetScores] = Field(
        default_factory=dict, description="Incident sets scored (``--incidents``), by set name."
    )

    def flat(self, per_article: bool = False) -> dict[str, float]:
        """Dotted keys -> value (``casualties.f1``, ``casualties.fields.count_exact``, ``grounding_rate``).

        Unmeasured values (``None``) are left out. With ``per_article`` the per-article scores are added
        as ``per_article.<seed file>.<type>.<metric>``.
        """
        out: dict[str, float] = {}
        _flatten_scores(out, "", self)
        if self.grounding_rate is not None:
            out["grounding_rate"] = self.grounding_rate
        for name, set_scores in self.incidents.items():
            out.update({f"incidents.{name}.{key}": value for key, value in set_scores.flat().items()})
        if per_article:
            for name, scores in self.per_article.items():
                _flatten_scores(out, f"per_article.{name}.", scores)
        return out


def _flatten_scores(out: dict[str, float], prefix: str, holder: Any) -> None:
    for kind in ITEM_TYPES:
        scores: TypeScores = getattr(holder, kind)
        for metric in ("precision", "recall", "f1"):
            out[f"{prefix}{kind}.{metric}"] = getattr(scores, metric)
        if scores.grounding_rate is not None:
            out[f"{prefix}{kind}.grounding_rate"] = scores.grounding_rate
        for name, value in scores.fields.items():
            if value is not None:
                out[f"{prefix}{kind}.fields.{name}"] = value


def known_keys() -> set[str]:
    """Every top-level key :meth:`EvalReport.flat` can produce: thresholds must name one of these."""
    keys = {"grounding_rate"}
    for kind in ITEM_TYPES:
        keys |= {f"{kind}.{metric}" for metric in ("precision", "recall", "f1", "grounding_rate")}
        keys |= {f"{kind}.fields.{name}" for name in FIELDS[kind]}
    return keys


def unknown_keys(keys: Iterable[str]) -> list[str]:
    """The threshold keys no report can produce: not in :func:`known_keys` nor ``incidents.<set>.<score>``."""
    def known(key: str) -> bool:
        parts = key.split(".", 2)
        return key in known_keys() or (len(parts) == 3 and parts[0] == "incidents" and parts[2] in INCIDENT_SCORE_KEYS)

    return sorted(key for key in keys if not known(key))


# --------------------------------------------------------------------------- loading


def load_seed_articles(seeds_dir: Path) -> dict[str, Article]:
    """Seed file name -> :class:`Article`, read exactly as the pipeline reads it (manifest metadata merged)."""
    if not seeds_dir.is_dir():
        raise EvalError(f"{seeds_dir}: no such seeds directory")
    articles, errors = load_articles([seeds_dir])
    if errors:
        raise EvalError("; ".join(str(error) for error in errors))
    return {Path(article.meta.source).name: article for article in articles}


def load_fixture(path: Path) -> GoldFixture:
    """Read and validate one gold fixture file."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        return GoldFixture.model_validate(data)
    except (OSError, yaml.YAMLError) as exc:
        raise EvalError(f"{path}: cannot read the fixture: {exc}") from None
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors()[:5])
        raise EvalError(f"{path}: invalid fixture: {problems}") from None


def load_fixtures(fixtures_dir: Path, seeds_dir: Path) -> dict[str, GoldFixture]:
    """Article id -> fixture for every ``*.yaml``/``*.yml`` in ``fixtures_dir``.

    The id is :func:`summarizer.articles.content_id` of the seed file the fixture names, read from
    ``seeds_dir``; a fixture naming a missing seed is an error, not a silent skip.
    """
    return {article_id: fixture for article_id, (fixture, _) in load_gold(fixtures_dir, seeds_dir).items()}


def load_gold(fixtures_dir: Path, seeds_dir: Path) -> dict[str, tuple[GoldFixture, Article]]:
    """Article id -> (fixture, seed article): :func:`load_fixtures` keeping the article text."""
    if not fixtures_dir.is_dir():
        raise EvalError(f"{fixtures_dir}: no such fixtures directory")
    paths = sorted(p for p in fixtures_dir.iterdir() if p.suffix in (".yaml", ".yml"))
    if not paths:
        raise EvalError(f"{fixtures_dir}: no fixtures (*.yaml)")
    seeds = load_seed_articles(seeds_dir)
    gold: dict[str, tuple[GoldFixture, Article]] = {}
    for path in paths:
        fixture = load_fixture(path)
        article = seeds.get(fixture.article)
        if article is None:
            raise EvalError(f"{path}: names seed {fixture.article!r}, which is not in {seeds_dir}")
        if article.id in gold:
            raise EvalError(f"{path}: a second fixture for {fixture.article}")
        gold[article.id] = (fixture, article)
    return gold


def load_predictions(path: Path) -> dict[str, ArticleExtraction]:
    """Article id -> extraction from a JSONL file of :class:`ArticleExtraction` (``summarizer extract`` output)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise EvalError(f"{path}: cannot read predictions: {exc.strerror or exc}") from None
    predictions: dict[str, ArticleExtraction] = {}
    for lineno, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            extraction = ArticleExtraction.model_validate_json(line)
        except ValidationError as exc:
            raise EvalError(f"{path}:{lineno}: not an ArticleExtraction: {exc.errors()[0]['msg']}") from None
        predictions[extraction.article.id] = extraction
    return predictions


def load_thresholds(path: Path) -> dict[str, float]:
    """Dotted key -> minimum from a TOML file (``"casualties.f1" = 0.4``, or nested tables)."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise EvalError(f"{path}: cannot read thresholds: {exc.strerror or exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise EvalError(f"{path}: malformed TOML: {exc}") from None
    out: dict[str, float] = {}

    def walk(prefix: str, table: Mapping[str, Any]) -> None:
        for key, value in table.items():
            name = f"{prefix}{key}"
            if isinstance(value, Mapping):
                walk(f"{name}.", value)
            elif isinstance(value, int | float) and not isinstance(value, bool):
                out[name] = float(value)
            else:
                raise EvalError(f"{path}: threshold {name!r} must be a number")

    walk("", data)
    return out


# --------------------------------------------------------------------------- gold as predictions


def _located(quote: str, text: str | None) -> Evidence:
    start = text.find(quote) if text is not None else -1
    if start < 0:
        return Evidence(quote=quote)
    return Evidence(quote=quote, start=start, end=start + len(quote), alignment=Alignment.exact)


def _gold_actor(name: str, category: ActorCategory | None = None) -> Actor:
    entry = default_gazetteer().actor_entry(name)
    return Actor(name=name, canonical=name, category=category or (entry.category if entry else None))


def _gold_places(names: Sequence[str], admin1: Sequence[str]) -> list[Place]:
    gazetteer = default_gazetteer()
    places = []
    for name in names:
        entry = gazetteer.place_entry(name)
        admin1_code = entry.admin1 if entry else None
        country = entry.country if entry and entry.country else admin1_code.split("-")[0] if admin1_code else None
        places.append(Place(name=name, canonical=name, admin1=admin1_code, country=country))
    covered = {p.admin1 for p in places}
    # A province code with no named place in gold still has to survive the round trip.
    places.extend(Place(name=code, admin1=code) for code in admin1 if code not in covered)
    return places


def _gold_date(start: Any, end: Any, phrase: str | None) -> EventDate | None:
    if start is None and not phrase:
        return None
    return EventDate(
        phrase=phrase or str(start),
        start=start,
        end=end,
        precision=DatePrecision.day if start is not None else DatePrecision.unknown,
    )


def _count_phrase(low: int | None, best: int | None, high: int | None) -> str:
    if low is not None and high is None:
        return f"at least {low}"
    if low is not None and high is not None and low != high:
        return f"{low} to {high}"
    value = best if best is not None else low
    return str(value) if value is not None else "unknown"


def gold_as_extraction(
    fixture: GoldFixture, article: Article | None = None, *, article_id: str | None = None
) -> ArticleExtraction:
    """The extraction a perfect backend would produce for ``fixture`` (used to test the harness on itself).

    With ``article`` the evidence quotes are located in its text (so grounding is exact); without it the
    ``article_id`` must be given and evidence stays unaligned.
    """
    text = article.text if article is not None else None
    if article is not None:
        meta = article.meta
    elif article_id is not None:
        meta = ArticleMeta(id=article_id, source=fixture.article, published=fixture.published, chars=0)
    else:
        raise ValueError("gold_as_extraction needs the article or its id")
    operations = [
        Operation(
            id=op.id,
            name=op.name,
            phase=op.phase,
            kind=op.kind,
            by=[_gold_actor(a) for a in op.by],
            against=[_gold_actor(a) for a in op.against],
            places=_gold_places(op.places, op.admin1),
            date=_gold_date(op.date_start, op.date_end, op.date_phrase),
            background=op.background,
            evidence=_located(op.evidence, text),
        )
        for op in fixture.operations
    ]
    casualties = [
        CasualtyReport(
            id=c.id,
            victims=_gold_actor(c.victims, c.victims_category),
            outcome=c.outcome,
            count=Count(phrase=_count_phrase(c.low, c.best, c.high), low=c.low, best=c.best, high=c.high),
            perpetrator=_gold_actor(c.perpetrator) if c.perpetrator else None,
            place=_gold_places([c.place], [c.admin1] if c.admin1 else [])[0] if c.place else None,
            date=_gold_date(c.date_start, None, None),
            reported_by=Claimant(name=c.reported_by) if c.reported_by else None,
            operation_id=c.operation,
            background=c.background,
            evidence=_located(c.evidence, text),
        )
        for c in fixture.casualties
    ]
    claims = [
        Claim(
            id=c.id,
            claimant=Claimant(name=c.claimant, role=c.claimant_role),
            kind=c.kind,
            content=c.content or c.evidence,
            operation_id=c.operation,
            evidence=_located(c.evidence, text),
        )
        for c in fixture.claims
    ]
    return ArticleExtraction(
        article=meta,
        operations=operations,
        casualties=casualties,
        claims=claims,
        provenance=Provenance(backend="gold"),
    )


# --------------------------------------------------------------------------- similarity

# Words that carry no evidence either way (articles, prepositions, reporting verbs).
_STOPWORDS = frozenset(
    re.split(
        r"\s+",
        "a an the of in on at to for and or by with from as is was were be been that this it its their his her "
        "they he she said says",
    )
)


def _tokens(text: str | None) -> set[str]:
    return {t for t in re.findall(r"[a-z0-9]+", (text or "").casefold()) if t not in _STOPWORDS}


def text_overlap(a: str | None, b: str | None) -> float:
    """Token containment of two texts: |A ∩ B| / min(|A|, |B|) over lower-cased content words, in [0, 1].

    Containment rather than Jaccard because a gold quote is often a clause of the sentence a backend
    quotes; both count as the same evidence.
    """
    left, right = _tokens(a), _tokens(b)
    if not left or not right:
        return 0.0
    return len(left & right) / min(len(left), len(right))


def name_similarity(a: str | None, b: str | None) -> float:
    """How alike two names of people or bodies are, in [0, 1].

    1.0 when both resolve exactly (the whole name is an alias) to the same gazetteer actor ("Defense
    Ministry" vs "Iraqi Ministry of Defense"); otherwise rapidfuzz's token-set ratio / 100 on
    case-folded names, which scores a name inside a longer one as equal ("Tahsin al-Khafaji" vs "Major
    General Tahsin al-Khafaji" = 1.0; a comma is no part of a word: "Director, Defence Media Operations" holds
    "director"). Two missing names are equal (1.0); one missing is 0.0.
    """
    if not a or not b:
        return 1.0 if not a and not b else 0.0
    left, right = _exact_actor(a), _exact_actor(b)
    if left is not None and left == right:
        return 1.0
    # the default processor case-folds and drops punctuation: "Director, Defence Media Operations" holds "director"
    return float(fuzz.token_set_ratio(a, b, processor=utils.default_process)) / 100.0


def _exact_actor(name: str) -> str | None:
    # Only a whole-name alias counts: "Peshmerga commander Sirwan Barzani" must not equal "Peshmerga".
    cleaned = re.sub(r"^(?:the)\s+", "", name.strip(), flags=re.IGNORECASE)
    mentions = default_gazetteer().find_actors(cleaned)
    for mention in mentions:
        if mention.start == 0 and mention.end == len(cleaned):
            return mention.entry.canonical
    return None


def _actor_key(actor: Actor | None) -> tuple[str | None, ActorCategory | None]:
    """(canonical name, category) of a predicted actor, resolving ``name`` when normalisation left it empty."""
    if actor is None:
        return None, None
    if actor.canonical:
        category = actor.category
        if category is None:
            entry = default_gazetteer().actor_by_canonical.get(actor.canonical)
            category = entry.category if entry else None
        return actor.canonical, category
    resolved = default_gazetteer().actor(actor.name)
    return resolved.canonical or actor.name, resolved.category


def _same(a: str | None, b: str | None) -> bool:
    return (a or "").casefold().strip() == (b or "").casefold().strip()


def place_name_key(name: str | None) -> str:
    """The comparison key of a place name: no diacritics, apostrophes or hyphens, case-folded ("Culiacán" and
    "Culiacan", "Dembech'a" and "Dembecha" are one key)."""
    return name_key(name or "").replace("'", "")


def _place_alternatives(place: Place) -> frozenset[str]:
    """The keys a predicted place answers to: its canonical name and the name as the text wrote it (a place
    the gazetteer does not know, such as a village, has only the latter)."""
    gazetteer = default_gazetteer()
    canonical = place.canonical
    if canonical is None:
        entry = gazetteer.place_entry(place.name)
        canonical = entry.canonical if entry else None
    return frozenset(place_name_key(n) for n in (canonical, place.name) if n)


def _place_keys(places: Iterable[Place]) -> tuple[list[frozenset[str]], set[str]]:
    """(for each predicted place, the name keys it answers to; admin1 codes), resolving names when needed."""
    gazetteer = default_gazetteer()
    names: list[frozenset[str]] = []
    codes: set[str] = set()
    for place in places:
        admin1 = place.admin1
        if place.canonical is None and admin1 is None:
            entry = gazetteer.place_entry(place.name)
            admin1 = entry.admin1 if entry else None
        names.append(_place_alternatives(place))
        if admin1:
            codes.add(admin1)
    return names, codes


def place_names_overlap(gold: Iterable[str], predicted: Sequence[frozenset[str]]) -> tuple[int, int]:
    """(places in common, places in either) of gold place names and predicted places, each predicted place
    counted once however many of its names match."""
    wanted = {place_name_key(g) for g in gold}
    common = sum(1 for alternatives in predicted if alternatives & wanted)
    covered = {k for alternatives in predicted for k in alternatives & wanted}
    return min(common, len(covered)), len(wanted) + len(predicted) - min(common, len(covered))


def _place_jaccard(gold: Iterable[str], predicted: Sequence[frozenset[str]]) -> float:
    common, either = place_names_overlap(gold, predicted)
    return common / either if either else 1.0


def _jaccard(a: set[str], b: set[str]) -> float:
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)


def _actor_set(actors: Iterable[Actor]) -> set[str]:
    return {(_actor_key(a)[0] or a.name).casefold() for a in actors}


def _range(low: int | None, best: int | None, high: int | None, open_high: bool) -> tuple[float, float] | None:
    """[low, high] of a figure; a known low with no high is open-ended (infinity) when ``open_high``."""
    lo = low if low is not None else best
    if lo is None:
        lo = high
    if lo is None:
        return None
    if high is not None:
        hi: float = high
    elif low is not None and open_high:
        hi = float("inf")
    else:
        hi = best if best is not None else lo
    return float(lo), float(hi)


def _pred_range(count: Count) -> tuple[float, float] | None:
    if count.low is None and count.best is None and count.high is None:
        # Normalisation did not run: read the phrase the same way it would.
        from summarizer.counts import parse_count

        parsed = parse_count(count.phrase)
        if parsed is None:
            return None
        count = parsed
    return _range(count.low, count.best, count.high, open_high=True)


def counts_overlap(gold: GoldCasualty, count: Count) -> bool:
    """True when the gold [low, high] and the predicted [low, high] intersect (open high = infinity)."""
    left = _range(gold.low, gold.best, gold.high, open_high=True)
    right = _pred_range(count)
    if left is None or right is None:
        return left is None and right is None
    return left[0] <= right[1] and right[0] <= left[1]


def outcome_similarity(gold: Outcome, predicted: Outcome) -> float:
    """1 when equal; 0.5 between killed_or_wounded and killed or wounded (an unsplit figure); else 0."""
    if gold == predicted:
        return 1.0
    pair = {gold, predicted}
    if Outcome.killed_or_wounded in pair and pair & {Outcome.killed, Outcome.wounded}:
        return 0.5
    return 0.0


def casualty_similarity(gold: GoldCasualty, pred: CasualtyReport) -> float:
    """Similarity of a gold and a predicted casualty figure, in [0, 1].

    ``0.35 * victims + 0.25 * outcome + 0.25 * count + 0.15 * evidence`` where victims is 1 for the same
    canonical actor and 0.5 for the same category, outcome is :func:`outcome_similarity`, count is 1 when
    the [low, high] ranges intersect (:func:`counts_overlap`) and evidence is :func:`text_overlap` of
    the quotes. Pairs whose victims or outcome score 0 are never similar (0.0). The minimum to match is
    ``MIN_SIMILARITY["casualties"]`` = 0.65: a figure with the right victims and outcome but a disjoint
    count still matches when it quotes the same sentence (0.75: a wrong number, scored by the count
    fields), but not when it comes from elsewhere in the article (0.6: an invented figure).
    """
    canonical, category = _actor_key(pred.victims)
    if _same(canonical, gold.victims):
        victims = 1.0
    elif category is not None and category == gold.victims_category:
        victims = 0.5
    else:
        return 0.0
    outcome = outcome_similarity(gold.outcome, pred.outcome)
    if outcome == 0.0:
        return 0.0
    count = 1.0 if counts_overlap(gold, pred.count) else 0.0
    return 0.35 * victims + 0.25 * outcome + 0.25 * count + 0.15 * text_overlap(gold.evidence, pred.evidence.quote)


_KIND_FAMILY = {
    OperationKind.operation: "security",
    OperationKind.clearance: "security",
    OperationKind.raid: "security",
    OperationKind.arrest: "security",
    OperationKind.airstrike: "security",
    OperationKind.attack: "militant",
    OperationKind.ambush: "militant",
    OperationKind.bombing: "militant",
    OperationKind.clash: "militant",
    OperationKind.other: "other",
}


def kind_similarity(gold: OperationKind, predicted: OperationKind) -> float:
    """1 when equal; 0.5 within a family (security: operation, clearance, raid, arrest, airstrike;
    militant: attack, ambush, bombing, clash); else 0."""
    if gold == predicted:
        return 1.0
    return 0.5 if _KIND_FAMILY[gold] == _KIND_FAMILY[predicted] != "other" else 0.0


def _date_similarity(gold: GoldOperation, pred: Operation) -> float:
    start = pred.date.start if pred.date else None
    if gold.date_start is None:
        return 0.5  # nothing to judge against: neutral
    if start is None:
        return 0.0
    if start == gold.date_start:
        return 1.0
    return 0.5 if abs((start - gold.date_start).days) <= 1 else 0.0


def _optional_name_similarity(gold: str | None, pred: str | None, neutral: float = 1.0) -> float:
    if not gold and not pred:
        return neutral
    if not gold or not pred:
        return 0.0
    return float(fuzz.token_set_ratio(_strip_quotes(gold), _strip_quotes(pred), processor=None)) / 100.0


def _strip_quotes(name: str) -> str:
    return re.sub(r"[\"'“”‘’«»]", "", name).casefold().strip()


def operation_similarity(gold: GoldOperation, pred: Operation) -> float:
    """Similarity of a gold and a predicted operation, in [0, 1].

    ``0.25 * kind + 0.2 * actors + 0.15 * places + 0.1 * date + 0.15 * name + 0.15 * evidence`` where
    kind is :func:`kind_similarity`; actors is the mean Jaccard of the canonical ``by`` and ``against``
    sets (two empty sets agree); places is the Jaccard of place names (a predicted place answers to its
    canonical name and its name as written, compared by :func:`place_name_key`), or half the Jaccard of
    admin1 codes when that is higher (right province, other town); date is 1 for the same start day,
    0.5 within a day or when gold has no date, else 0; name is the token-set ratio of the names (both
    unnamed = 0.5, neutral: agreeing on nothing is weak evidence; one unnamed = 0); evidence is
    :func:`text_overlap` of the quotes, which also breaks ties between look-alike unnamed operations.
    Minimum to match: ``MIN_SIMILARITY["operations"]`` = 0.55, so an unnamed operation of the right kind
    and actors but with no place, date or quote in common (0.525) is not a match.
    """
    kind = kind_similarity(gold.kind, pred.kind)
    by = _jaccard({a.casefold() for a in gold.by}, _actor_set(pred.by))
    against = _jaccard({a.casefold() for a in gold.against}, _actor_set(pred.against))
    names, codes = _place_keys(pred.places)
    places = max(_place_jaccard(gold.places, names), 0.5 * _jaccard(set(gold.admin1), codes))
    return (
        0.25 * kind
        + 0.2 * (by + against) / 2
        + 0.15 * places
        + 0.1 * _date_similarity(gold, pred)
        + 0.15 * _optional_name_similarity(gold.name, pred.name, neutral=0.5)
        + 0.15 * text_overlap(gold.evidence, pred.evidence.quote)
    )


def claim_kind_similarity(gold: ClaimKind, predicted: ClaimKind) -> float:
    """1 when equal; 0.5 when one side is the catch-all ``statement``; else 0."""
    if gold == predicted:
        return 1.0
    return 0.5 if ClaimKind.statement in (gold, predicted) else 0.0


def claim_similarity(gold: GoldClaim, pred: Claim) -> float:
    """Similarity of a gold and a predicted claim, in [0, 1].

    ``0.4 * claimant + 0.15 * kind + 0.45 * text`` where claimant is :func:`name_similarity`, kind is
    :func:`claim_kind_similarity` and text is the better :func:`text_overlap` of content with content
    and of evidence with evidence. A claim is its attribution: a claimant below
    ``MIN_CLAIMANT_SIMILARITY`` = 0.5 makes the pair dissimilar (0.0), so a claim given to the wrong
    person is both a miss and a false positive. Minimum to match: ``MIN_SIMILARITY["claims"]`` = 0.7:
    the right claimant and kind give 0.55, so what was claimed must overlap by a third too. (On the seed
    fixtures, two different claims by one claimant share at most 0.44 of their words, which the
    one-to-one assignment resolves when both are predicted.)
    """
    claimant = name_similarity(gold.claimant, pred.claimant.name)
    if claimant < MIN_CLAIMANT_SIMILARITY:
        return 0.0
    text = max(text_overlap(gold.content, pred.content), text_overlap(gold.evidence, pred.evidence.quote))
    return 0.4 * claimant + 0.15 * claim_kind_similarity(gold.kind, pred.kind) + 0.45 * text


SIMILARITY: dict[ItemType, Callable[[Any, Any], float]] = {
    "operations": operation_similarity,
    "casualties": casualty_similarity,
    "claims": claim_similarity,
}


# --------------------------------------------------------------------------- assignment


@dataclass(frozen=True)
class Matching:
    pairs: list[tuple[int, int, float]]  # (gold index, predicted index, similarity)
    similarity: np.ndarray  # gold x predicted


def assign(similarity: np.ndarray, minimum: float) -> list[tuple[int, int, float]]:
    """One-to-one pairs (gold, predicted, score) maximising total similarity over pairs scoring >= ``minimum``."""
    if similarity.size == 0:
        return []
    admissible = np.where(similarity >= minimum, similarity, 0.0)
    rows, cols = linear_sum_assignment(admissible, maximize=True)
    return [
        (int(r), int(c), float(similarity[r, c]))
        for r, c in zip(rows, cols, strict=True)
        if similarity[r, c] >= minimum
    ]


def match_items(kind: ItemType, gold: Sequence[Any], predicted: Sequence[Any]) -> Matching:
    """Match one article's gold and predicted items of one type."""
    function = SIMILARITY[kind]
    matrix = np.zeros((len(gold), len(predicted)))
    for i, g in enumerate(gold):
        for j, p in enumerate(predicted):
            matrix[i, j] = function(g, p)
    return Matching(assign(matrix, MIN_SIMILARITY[kind]), matrix)


# --------------------------------------------------------------------------- field checks


def _count_text(low: int | None, best: int | None, high: int | None) -> str:
    return f"{low}/{best}/{high}"


def _casualty_fields(gold: GoldCasualty, pred: CasualtyReport) -> dict[str, tuple[bool, str, str]]:
    count = pred.count
    pred_range = _pred_range(count)
    target = gold.best if gold.best is not None else gold.low
    in_range = target is not None and pred_range is not None and pred_range[0] <= target <= pred_range[1]
    canonical, category = _actor_key(pred.victims)
    gold_by, pred_by = gold.reported_by, pred.reported_by.name if pred.reported_by else None
    perpetrator, _ = _actor_key(pred.perpetrator)
    place = pred.place.canonical or pred.place.name if pred.place else None
    admin1 = pred.place.admin1 if pred.place else None
    country = pred.place.country if pred.place else None
    start = pred.date.start if pred.date else None
    gold_category = gold.victims_category.value
    return {
        "count_exact": (
            (gold.low, gold.best, gold.high) == (count.low, count.best, count.high),
            _count_text(gold.low, gold.best, gold.high),
            _count_text(count.low, count.best, count.high),
        ),
        "count_in_range": (in_range, str(target), f"[{count.low}, {count.high}]"),
        "outcome": (gold.outcome == pred.outcome, gold.outcome.value, pred.outcome.value),
        "victims": (_same(canonical, gold.victims), gold.victims, str(canonical)),
        "background": (gold.background == pred.background, str(gold.background), str(pred.background)),
        "reported_by": (name_similarity(gold_by, pred_by) >= SAME_NAME, str(gold_by), str(pred_by)),
        # Each field below is right when both sides agree, a missing value on both sides included.
        "victims_category": (category is not None and category.value == gold_category, gold_category,
                             str(category.value if category else None)),
        "perpetrator": (_same(perpetrator, gold.perpetrator), str(gold.perpetrator), str(perpetrator)),
        "place": (_same_place(pred.place, gold.place, gold.admin1), str(gold.place), str(place)),
        "admin1": (_same(admin1, gold.admin1), str(gold.admin1), str(admin1)),
        "country": (_same(country, _gold_country(gold)), str(_gold_country(gold)), str(country)),
        "date": (start == gold.date_start, str(gold.date_start), str(start)),
    }


def _gold_place_in(name: str, admin1: str) -> bool:
    """Whether gold's place ``name`` lies in province ``admin1`` (as far as the gazetteer knows; unknown: no)."""
    entry = default_gazetteer().place_entry(name)
    return entry is not None and entry.admin1 == admin1


def _same_place(pred: Place | None, gold: str | None, gold_admin1: str | None = None) -> bool:
    """A figure's place agrees with gold's: both missing, or gold's name is the predicted place's canonical name
    or its name as written (diacritics, apostrophes and hyphens aside). Gold gives a place spread over a province
    by the province's code alone (the sets' convention): a predicted province with that code says the same."""
    if pred is None or gold is None:
        return (pred is None and gold is None) or (gold is None and _division_of(pred, gold_admin1))
    return place_name_key(gold) in _place_alternatives(pred)


def _division_of(place: Place | None, admin1: str | None) -> bool:
    """Whether ``place`` is the first-level division ``admin1`` itself (a province, not a town in it)."""
    return (
        place is not None
        and admin1 is not None
        and place.admin1 == admin1
        and place.geo_precision is not None
        and place.geo_precision >= _PROVINCE_PRECISION
    )


_PROVINCE_PRECISION = 3  # ACLED's geo_precision of a place known only to its province


def _gold_country(gold: GoldCasualty) -> str | None:
    """The country of a gold figure's place: its province code's prefix, else the gazetteer's country for it."""
    if gold.admin1:
        return gold.admin1.split("-")[0]
    entry = default_gazetteer().place_entry(gold.place) if gold.place else None
    return entry.country if entry else None


def operation_link_check(
    gold: GoldCasualty, pred: CasualtyReport, operations: Mapping[str, str]
) -> tuple[bool, str, str]:
    """The figure's operation link: right when gold links none and the prediction none, or the prediction links
    the operation matched to the gold one (``operations``: gold operation id -> matched predicted id)."""
    want = operations.get(gold.operation) if gold.operation else None
    ok = pred.operation_id is None if gold.operation is None else want is not None and pred.operation_id == want
    return ok, f"{gold.operation} (= {want})", str(pred.operation_id)


def _operation_fields(gold: GoldOperation, pred: Operation) -> dict[str, tuple[bool, str, str]]:
    start = pred.date.start if pred.date else None
    # a province gold gives by its code alone (no town of gold's in it) is said by that code, not a place name
    told = {code for code in gold.admin1 if not any(_gold_place_in(name, code) for name in gold.places)}
    places = [p for p in pred.places if not any(_division_of(p, code) for code in told)]
    names, _ = _place_keys(places)
    common, either = place_names_overlap(gold.places, names)
    written = sorted(sorted(alternatives)[0] for alternatives in names)
    return {
        "kind": (gold.kind == pred.kind, gold.kind.value, pred.kind.value),
        "name": (_optional_name_similarity(gold.name, pred.name) >= SAME_NAME, str(gold.name), str(pred.name)),
        "phase": (_optional_name_similarity(gold.phase, pred.phase) >= SAME_NAME, str(gold.phase), str(pred.phase)),
        "date": (gold.date_start == start, str(gold.date_start), str(start)),
        "places": (common == either, ", ".join(sorted(gold.places)), ", ".join(written)),
        "background": (gold.background == pred.background, str(gold.background), str(pred.background)),
    }


def _claim_fields(gold: GoldClaim, pred: Claim) -> dict[str, tuple[bool, str, str]]:
    return {
        "claimant": (
            name_similarity(gold.claimant, pred.claimant.name) >= SAME_NAME,
            gold.claimant,
            pred.claimant.name,
        ),
        "kind": (gold.kind == pred.kind, gold.kind.value, pred.kind.value),
    }


FIELD_CHECKS: dict[ItemType, Callable[[Any, Any], dict[str, tuple[bool, str, str]]]] = {
    "operations": _operation_fields,
    "casualties": _casualty_fields,
    "claims": _claim_fields,
}


# --------------------------------------------------------------------------- labels


def _gold_label(kind: ItemType, item: Any) -> str:
    if kind == "casualties":
        return f"{item.victims} {item.outcome.value} {_count_text(item.low, item.best, item.high)}"
    if kind == "operations":
        by, against = ", ".join(item.by) or "?", ", ".join(item.against) or "?"
        return f"{item.kind.value} {item.name or ''} by {by} against {against}"
    return f"{item.claimant} ({item.kind.value}): {item.content}"


def _pred_label(kind: ItemType, item: Any) -> str:
    if kind == "casualties":
        count = item.count
        figure = _count_text(count.low, count.best, count.high)
        return f"{_actor_key(item.victims)[0]} {item.outcome.value} {count.phrase!r} ({figure})"
    if kind == "operations":
        by = ", ".join(str(_actor_key(a)[0]) for a in item.by) or "?"
        against = ", ".join(str(_actor_key(a)[0]) for a in item.against) or "?"
        return f"{item.kind.value} {item.name or ''} by {by} against {against}"
    return f"{item.claimant.name} ({item.kind.value}): {item.content}"


# --------------------------------------------------------------------------- metrics


@dataclass
class _Tally:
    gold: int = 0
    predicted: int = 0
    matched: int = 0
    grounded: int = 0
    correct: dict[str, int] = field(default_factory=dict)

    def scores(self, fields: Sequence[str]) -> TypeScores:
        precision = self.matched / self.predicted if self.predicted else (1.0 if self.gold == 0 else 0.0)
        recall = self.matched / self.gold if self.gold else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return TypeScores(
            gold=self.gold,
            predicted=self.predicted,
            matched=self.matched,
            precision=round(precision, 4),
            recall=round(recall, 4),
            f1=round(f1, 4),
            fields={
                name: round(self.correct.get(name, 0) / self.matched, 4) if self.matched else None for name in fields
            },
            grounding_rate=round(self.grounded / self.predicted, 4) if self.predicted else None,
        )


def is_grounded(evidence: Evidence) -> bool:
    """The evidence was aligned to the article text."""
    return evidence.alignment != Alignment.unaligned and evidence.start is not None


def evaluate(
    gold: Mapping[str, GoldFixture],
    predictions: Mapping[str, ArticleExtraction],
    backend: str | None = None,
) -> EvalReport:
    """Score ``predictions`` (article id -> extraction) against ``gold`` (article id -> fixture).

    An article with gold but no prediction is scored as an empty prediction (and noted in ``warnings``);
    predictions for articles without gold are ignored (also noted).
    """
    report = EvalReport(backend=backend, fixtures=len(gold))
    totals = {kind: _Tally() for kind in ITEM_TYPES}
    for article_id, fixture in sorted(gold.items(), key=lambda item: item[1].article):
        extraction = predictions.get(article_id)
        if extraction is None:
            report.warnings.append(f"{fixture.article}: no prediction; scored as empty")
        article_scores: dict[str, TypeScores] = {}
        linked: dict[str, str] = {}
        for kind in ITEM_TYPES:
            gold_items = getattr(fixture, kind)
            pred_items = getattr(extraction, kind) if extraction is not None else []
            tally = _Tally(gold=len(gold_items), predicted=len(pred_items))
            tally.grounded = sum(is_grounded(p.evidence) for p in pred_items)
            matching = match_items(kind, gold_items, pred_items)
            tally.matched = len(matching.pairs)
            if kind == "operations":  # evaluated first: the casualties' operation links are checked against it
                linked = {gold_items[gi].id: pred_items[pj].id for gi, pj, _ in matching.pairs}
            for gi, pj, _score in matching.pairs:
                checks = FIELD_CHECKS[kind](gold_items[gi], pred_items[pj])
                if kind == "casualties":
                    checks["operation"] = operation_link_check(gold_items[gi], pred_items[pj], linked)
                for name, (ok, gold_value, pred_value) in checks.items():
                    tally.correct[name] = tally.correct.get(name, 0) + ok
                    if not ok:
                        report.field_errors.append(
                            FieldError(
                                article=fixture.article,
                                type=kind,
                                field=name,
                                gold_id=gold_items[gi].id,
                                predicted_id=pred_items[pj].id,
                                gold=gold_value,
                                predicted=pred_value,
                                quote=gold_items[gi].evidence,
                            )
                        )
            _record_leftovers(report, fixture.article, kind, gold_items, pred_items, matching)
            article_scores[kind] = tally.scores(FIELDS[kind])
            total = totals[kind]
            total.gold += tally.gold
            total.predicted += tally.predicted
            total.matched += tally.matched
            total.grounded += tally.grounded
            for name, value in tally.correct.items():
                total.correct[name] = total.correct.get(name, 0) + value
        report.per_article[fixture.article] = ArticleScores(
            article=fixture.article, article_id=article_id, predicted=extraction is not None, **article_scores
        )
    for kind in ITEM_TYPES:
        setattr(report, kind, totals[kind].scores(FIELDS[kind]))
    predicted = sum(t.predicted for t in totals.values())
    grounded = sum(t.grounded for t in totals.values())
    report.grounding_rate = round(grounded / predicted, 4) if predicted else None
    extra = sorted(predictions[i].article.source for i in predictions if i not in gold)
    if extra:
        report.warnings.append(f"{len(extra)} prediction(s) without a fixture, not scored: {', '.join(extra)}")
    return report


def _record_leftovers(
    report: EvalReport, article: str, kind: ItemType, gold: Sequence[Any], pred: Sequence[Any], matching: Matching
) -> None:
    matched_gold = {gi for gi, _, _ in matching.pairs}
    matched_pred = {pj for _, pj, _ in matching.pairs}
    matrix = matching.similarity
    for i, item in enumerate(gold):
        if i not in matched_gold:
            best = float(matrix[i].max()) if matrix.shape[1] else 0.0
            report.missed.append(
                ItemRef(
                    article=article,
                    type=kind,
                    id=item.id,
                    label=_gold_label(kind, item),
                    quote=item.evidence,
                    best_similarity=round(best, 3),
                )
            )
    for j, item in enumerate(pred):
        if j not in matched_pred:
            best = float(matrix[:, j].max()) if matrix.shape[0] else 0.0
            report.unmatched.append(
                ItemRef(
                    article=article,
                    type=kind,
                    id=item.id,
                    label=_pred_label(kind, item),
                    quote=item.evidence.quote,
                    best_similarity=round(best, 3),
                )
            )


# --------------------------------------------------------------------------- predictions from a backend


def predict_with_backend(
    articles: Sequence[Article], options: RunOptions
) -> tuple[dict[str, ArticleExtraction], list[str]]:
    """Run the pipeline over the seed articles (``options.db_path`` None: nothing reused or stored).

    Returns article id -> extraction and one line per article that failed (scored as empty).
    """
    report = extract_paths([a.meta.source for a in articles], options)
    return {e.article.id: e for e in report.extractions}, [str(f) for f in report.failures]


# --------------------------------------------------------------------------- gate and comparison


@dataclass(frozen=True)
class GateFailure:
    key: str
    minimum: float
    value: float | None  # None: not measured

    def __str__(self) -> str:
        if self.value is None:
            return f"{self.key}: not measured (minimum {self.minimum:g})"
        return f"{self.key}: {self.value:.4f} < {self.minimum:g}"


def parse_fail_under(items: Sequence[str]) -> dict[str, float]:
    """``KEY=VALUE`` strings -> thresholds."""
    out: dict[str, float] = {}
    for item in items:
        key, sep, value = item.partition("=")
        try:
            if not sep:
                raise ValueError
            out[key.strip()] = float(value)
        except ValueError:
            raise EvalError(f"--fail-under {item!r}: expected KEY=VALUE, e.g. casualties.f1=0.5") from None
    return out


def check_thresholds(report: EvalReport, thresholds: Mapping[str, float]) -> list[GateFailure]:
    """The thresholds ``report`` misses. An unknown key is an error; an unmeasured one a failure."""
    unknown = unknown_keys(thresholds)
    if unknown:
        raise EvalError(f"unknown threshold key(s): {', '.join(unknown)}")
    flat = report.flat()
    failures = []
    for key, minimum in sorted(thresholds.items()):
        value = flat.get(key)
        if value is None or value < minimum - 1e-9:
            failures.append(GateFailure(key, minimum, value))
    return failures


def flatten_report_json(data: Mapping[str, Any]) -> dict[str, float]:
    """Dotted numeric keys of a stored ``report.json`` (any version; ``per_article`` and lists skipped)."""
    out: dict[str, float] = {}

    def walk(prefix: str, value: Any) -> None:
        if isinstance(value, Mapping):
            for key, inner in value.items():
                if prefix == "" and key in ("per_article", "fixtures"):
                    continue
                walk(f"{prefix}{key}.", inner)
        elif isinstance(value, int | float) and not isinstance(value, bool):
            out[prefix.rstrip(".")] = float(value)

    walk("", data)
    # Item counts (gold/predicted/matched) are sizes, not scores: leave them out of comparisons.
    return {k: v for k, v in out.items() if k.rsplit(".", 1)[-1] not in ("gold", "predicted", "matched")}


@dataclass(frozen=True)
class Delta:
    key: str
    old: float | None
    new: float | None

    @property
    def change(self) -> float | None:
        return None if self.old is None or self.new is None else round(self.new - self.old, 4)


def compare_reports(old: Mapping[str, float], new: Mapping[str, float]) -> list[Delta]:
    """Per-key deltas between two flat reports (keys present in either)."""
    return [Delta(key, old.get(key), new.get(key)) for key in sorted(set(old) | set(new))]


# --------------------------------------------------------------------------- one entry point per source


def score_backend(gold: Mapping[str, tuple[GoldFixture, Article]], options: RunOptions) -> EvalReport:
    """Run the backend named by ``options.backend`` over the fixtures' seeds and score it.

    Articles the backend failed on are scored as empty predictions; each failure is a report warning.
    """
    articles = [article for _, article in gold.values()]
    predictions, failures = predict_with_backend(articles, options)
    report = evaluate({i: fixture for i, (fixture, _) in gold.items()}, predictions, backend=options.backend.name)
    report.warnings = [f"extraction failed: {failure}" for failure in failures] + report.warnings
    return report


def score_predictions(gold: Mapping[str, tuple[GoldFixture, Article]], path: Path) -> EvalReport:
    """Score a JSONL file of extractions (matched to fixtures by article id)."""
    predictions = load_predictions(path)
    backends = sorted({p.provenance.backend for p in predictions.values()})
    report = evaluate({i: fixture for i, (fixture, _) in gold.items()}, predictions, backend=",".join(backends) or None)
    return report
