"""The Python API: the three things the command line does, as functions.

>>> import summarizer
>>> report = summarizer.extract(["seeds/"], backend="rules", db=None)
>>> len(report.extractions), len(report.failures)
(5, 0)
>>> summarizer.brief(["seeds/"], db=None).startswith("# Security operations briefing")
True
>>> summarizer.evaluate(backend="rules").casualties.f1   # the offline engine on the seeds' gold
1.0

Every function reads its inputs the way ``summarizer extract`` does (files, directories, ``-`` for stdin,
``http(s)://`` URLs) and never raises for a bad input: each one becomes a failure in the report, named with
its one-line reason, and the other inputs complete.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from summarizer.evaluation import EvalReport
    from summarizer.pipeline import RunOptions, RunReport

BriefFormat = Literal["md", "json", "csv", "html"]


def _paths(paths: str | Path | Sequence[str | Path]) -> list[str | Path]:
    """One path or URL, or several (a lone string is one input, not a sequence of characters)."""
    return [paths] if isinstance(paths, str | Path) else list(paths)


def _options(
    backend: str,
    model: str | None,
    base_url: str | None,
    grounding: Literal["strict", "flag"],
    db: str | Path | None,
    concurrency: int,
) -> RunOptions:
    from summarizer.backends import BackendConfig
    from summarizer.pipeline import RunOptions

    return RunOptions(
        backend=BackendConfig(name=backend, model=model, base_url=base_url),
        concurrency=concurrency,
        grounding=grounding,
        db_path=Path(db) if db is not None else None,
    )


def extract(
    paths: str | Path | Sequence[str | Path],
    *,
    backend: str = "rules",
    model: str | None = None,
    base_url: str | None = None,
    grounding: Literal["strict", "flag"] = "strict",
    db: str | Path | None = None,
    concurrency: int = 4,
) -> RunReport:
    """Extract operations, casualty figures and claims from every article under ``paths`` (one or several).

    ``backend`` is ``rules`` (offline, the default), ``openai``, ``local`` or ``replay``. With ``db`` (a
    SQLite file) finished articles are stored and reused on the next call, as the command line does; the
    default keeps nothing. Returns the run report: ``.extractions`` (one
    :class:`~summarizer.models.ArticleExtraction` per article), ``.failures`` (one per bad input, with its
    reason), ``.ok``.
    """
    from summarizer.pipeline import extract_paths

    return extract_paths(_paths(paths), _options(backend, model, base_url, grounding, db, concurrency))


def brief(
    paths: str | Path | Sequence[str | Path],
    *,
    format: BriefFormat = "md",
    since: dt.date | None = None,
    until: dt.date | None = None,
    backend: str = "rules",
    model: str | None = None,
    base_url: str | None = None,
    grounding: Literal["strict", "flag"] = "strict",
    db: str | Path | None = None,
    concurrency: int = 4,
) -> str:
    """The analyst briefing of the articles under ``paths`` as a document: ``md``, ``json``, ``csv`` or ``html``.

    ``format="json"`` gives the :class:`~summarizer.briefing.Briefing` model as JSON (read it back with
    ``Briefing.model_validate_json``). ``since``/``until`` keep events in that window, as ``--since``/``--until``.
    """
    from summarizer.briefing import BriefingInput, build_briefing
    from summarizer.pipeline import extract_paths
    from summarizer.render.documents import render_briefing

    report = extract_paths(_paths(paths), _options(backend, model, base_url, grounding, db, concurrency))
    source = BriefingInput.from_report(report)
    return render_briefing(build_briefing(source, since=since, until=until), format, source)


def evaluate(
    *,
    fixtures: str | Path = "evals/fixtures",
    seeds: str | Path = "seeds",
    backend: str = "rules",
    predictions: str | Path | None = None,
    model: str | None = None,
    base_url: str | None = None,
) -> EvalReport:
    """Score a backend (or a JSONL file of saved extractions, ``predictions``) against hand-labelled gold.

    Returns the :class:`~summarizer.evaluation.EvalReport`: precision, recall and F1 per item type
    (``report.casualties.f1``), per-field accuracy, per-article scores, misses. Raises
    :class:`~summarizer.evaluation.EvalError` when the fixtures or predictions cannot be read.
    """
    from summarizer import evaluation as ev

    gold = ev.load_gold(Path(fixtures), Path(seeds))
    if predictions is not None:
        return ev.score_predictions(gold, Path(predictions))
    return ev.score_backend(gold, _options(backend, model, base_url, "strict", None, 4))
