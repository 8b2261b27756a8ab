"""Score a briefing against a hand-labelled incident set (``evals/incidents/<set>/``)."""

from __future__ import annotations

from pathlib import Path

import yaml
from pydantic import ValidationError

from summarizer.articles import Article
from summarizer.evaluation import EvalError, load_seed_articles
from summarizer.models import GoldIncidentSet

GOLD_FILE = "gold.yaml"
ARTICLES_DIR = "articles"


def load_incident_set(set_dir: Path) -> tuple[GoldIncidentSet, dict[str, Article]]:
    """The gold of one set and its articles (file name -> :class:`Article`), every quote checked to be verbatim."""
    if not set_dir.is_dir():
        raise EvalError(f"{set_dir}: no such incident set directory")
    path = set_dir / GOLD_FILE
    try:
        gold = GoldIncidentSet.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    except OSError as exc:
        raise EvalError(f"{path}: cannot read the incident gold: {exc.strerror or exc}") from None
    except yaml.YAMLError as exc:
        raise EvalError(f"{path}: malformed YAML: {str(exc).splitlines()[0]}") from None
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors()[:5])
        raise EvalError(f"{path}: invalid incident gold: {problems}") from None
    articles = load_seed_articles(set_dir / ARTICLES_DIR)
    quoted = [(m.article, m.quote) for i in gold.incidents for m in i.mentions]
    quoted += [(t.article, t.quote) for t in gold.tallies]
    for name, quote in quoted:
        article = articles.get(name)
        if article is None:
            raise EvalError(f"{path}: names article {name!r}, which is not in {set_dir / ARTICLES_DIR}")
        if quote not in article.text:
            raise EvalError(f"{path}: the quote {quote!r} is not in {name}")
    return gold, articles
