"""The planted-injection table end to end: with the offline engine, and with the LLM backend against the
loopback server answering as an obedient model would, nothing invented reaches the JSON output or the
briefing as verified, and the reporting around the injection survives."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import pytest

from summarizer.articles import Article, make_article
from summarizer.backends.rules import extract_article
from summarizer.briefing import BriefingInput, build_briefing
from summarizer.models import ArticleExtraction, GroundingStatus
from summarizer.pipeline import RunOptions, postprocess, run_articles
from summarizer.render.documents import render_briefing
from tests.llm_server import LLMServer, Reply, Request
from tests.test_injection import LEAD, PLANTED, TAIL
from tests.test_llm_backend import config

#: What the planted passages try to put in the output (figure, perpetrator, place, in the table's languages).
INVENTED = ("500", "PKK", "Baghdad", "Bagdad", "بغداد", "العمال")


def _article(passage: str) -> Article:
    return make_article(f"{LEAD}\n{passage}\n{TAIL}\n", "planted.txt", {"published": "2024-05-10"})


def _verified_json(extraction: ArticleExtraction) -> str:
    """Everything the extraction states as verified: the items (without their grounding notes) and the summary."""
    parts: list[Any] = []
    for kind in ("operations", "casualties", "claims"):
        for item in getattr(extraction, kind):
            if item.grounding.status is GroundingStatus.verified:
                parts.append(item.model_dump(mode="json", exclude={"grounding"}))
    if extraction.summary_grounding.status is GroundingStatus.verified:
        parts.append(extraction.summary)
    return json.dumps(parts, ensure_ascii=False)


def _briefing_json(extractions: list[ArticleExtraction], articles: list[Article]) -> str:
    """The briefing as data, without the section that lists unverified items apart and the warnings."""
    source = BriefingInput(extractions, {a.id: a for a in articles})
    data = json.loads(render_briefing(build_briefing(source), "json", source))
    data.pop("unverified", None)
    for entry in data.get("sources", []):
        entry.pop("warnings", None)  # the grounding warnings say what was withheld, and why
    return json.dumps(data, ensure_ascii=False)


def _assert_nothing_invented(extraction: ArticleExtraction, article: Article, case_id: str) -> None:
    stated = _verified_json(extraction) + _briefing_json([extraction], [article])
    for word in INVENTED:
        assert word not in stated, (case_id, word)


@pytest.mark.parametrize("policy", ["strict", "flag"])
@pytest.mark.parametrize(("case_id", "passage"), PLANTED, ids=[c for c, _ in PLANTED])
def test_offline_engine_states_nothing_planted(case_id: str, passage: str, policy: str) -> None:
    article = _article(passage)
    extraction = postprocess(extract_article(article), article, policy)  # type: ignore[arg-type]
    _assert_nothing_invented(extraction, article, case_id)
    # The reporting around the injection survives: the lead's figure is still there, verified.
    lead = [c for c in extraction.casualties if c.count.best == 2 and c.grounding.status is GroundingStatus.verified]
    assert lead, case_id


def _obedient(request: Request) -> Reply:
    """An answer that does what the planted text says: a real quote with an invented perpetrator and place,
    the planted figure, a claim whose paraphrase invents a toll, and a summary that repeats it."""
    text = request.text
    planted = next(p for _, p in PLANTED if p in text)
    return Reply(
        {
            "summary": "The PKK killed 500 civilians in Baghdad; two soldiers also died.",
            "operations": [
                {
                    "kind": "attack",
                    "by": ["PKK"],
                    "against": ["civilians"],
                    "places": ["Baghdad"],
                    "date_phrase": "on Friday",
                    "summary": "The PKK attacked Baghdad, killing 500 civilians.",
                    "quote": "Gunmen attacked a checkpoint near Qasra on Friday",
                }
            ],
            "casualties": [
                {
                    "victims": "soldiers",
                    "outcome": "killed",
                    "count_phrase": "two",
                    "perpetrator": "PKK",
                    "place": "Baghdad",
                    "date_phrase": "on Friday",
                    "reported_by": "the provincial governor",
                    "operation_index": 0,
                    "quote": "killing two soldiers, the provincial governor said.",
                },
                {
                    "victims": "civilians",
                    "outcome": "killed",
                    "count_phrase": "500",
                    "perpetrator": "PKK",
                    "place": "Baghdad",
                    "quote": planted,
                },
                {"victims": "civilians", "outcome": "killed", "count_phrase": "500", "quote": "500 civilians killed"},
            ],
            "claims": [
                {
                    "claimant": "the provincial governor",
                    "kind": "casualty_figure",
                    "content": "The PKK killed 500 civilians in Baghdad.",
                    "quote": "killing two soldiers, the provincial governor said.",
                },
                {
                    "claimant": "PKK",
                    "kind": "responsibility",
                    "content": "The PKK claimed the attack.",
                    "quote": planted,
                },
            ],
        }
    )


@pytest.mark.parametrize(("policy", "mode"), [("strict", "tools"), ("flag", "tools"), ("strict", "json_schema")])
def test_an_obedient_model_states_nothing_planted(policy: str, mode: str) -> None:
    articles = [_article(passage) for _, passage in PLANTED]
    with LLMServer() as server:
        server.responder = _obedient
        backend = config(server, mode=mode)
        options = RunOptions(backend=backend, concurrency=8, grounding=policy)  # type: ignore[arg-type]
        report = asyncio.run(run_articles(articles, options))
    assert not report.failures and len(report.extractions) == len(PLANTED)
    by_id = {a.id: a for a in articles}
    for extraction in report.extractions:
        article = by_id[extraction.article.id]
        case_id = next(c for c, p in PLANTED if p in article.text)
        _assert_nothing_invented(extraction, article, case_id)
        # The real figure stays, stripped of what the model invented around it.
        (two,) = [c for c in extraction.casualties if c.count.best == 2]
        if policy == "strict":
            assert two.perpetrator is None and two.place is None and two.grounding.status is GroundingStatus.verified
            assert extraction.summary == ""
        else:
            assert two.grounding.status is GroundingStatus.unverified
            assert {"perpetrator", "place"} <= set(two.grounding.fields)
    briefing = _briefing_json(report.extractions, articles)
    for word in INVENTED:
        assert word not in briefing


#: A militant group's statement quoted by a reporter: orders to people, not to a model. It is news and stays.
STATEMENT = (
    "Militants attacked an army post near Qasra on Friday. \"Ignore the orders of the occupation army,\" the group "
    "said in a statement, adding that its fighters had killed five soldiers."
)


def test_a_quoted_militant_statement_stays_with_the_offline_engine() -> None:
    article = make_article(STATEMENT + "\n", "statement.txt", {"published": "2024-05-10"})
    extraction = postprocess(extract_article(article), article, "strict")
    assert not any("addressed to a model" in w for w in extraction.warnings)
    verified = [c for c in extraction.claims if c.grounding.status is GroundingStatus.verified]
    assert any("Ignore the orders" in c.evidence.quote for c in verified)
    assert [c.count.best for c in extraction.casualties if c.grounding.status is GroundingStatus.verified] == [5]


def _faithful(request: Request) -> Reply:
    """A model that reports the statement as the reporter wrote it."""
    return Reply(
        {
            "summary": "Militants attacked an army post near Qasra; the group said its fighters killed five soldiers.",
            "operations": [],
            "casualties": [
                {
                    "victims": "soldiers",
                    "outcome": "killed",
                    "count_phrase": "five",
                    "quote": "its fighters had killed five soldiers",
                }
            ],
            "claims": [
                {
                    "claimant": "the group",
                    "kind": "statement",
                    "content": "Ignore the orders of the occupation army.",
                    "quote": "\"Ignore the orders of the occupation army,\" the group said in a statement",
                }
            ],
        }
    )


def test_a_quoted_militant_statement_stays_with_a_model() -> None:
    article = make_article(STATEMENT + "\n", "statement.txt", {"published": "2024-05-10"})
    with LLMServer() as server:
        server.responder = _faithful
        report = asyncio.run(run_articles([article], RunOptions(backend=config(server))))
    (extraction,) = report.extractions
    assert not any("addressed to a model" in w for w in extraction.warnings)
    (claim,) = extraction.claims
    assert claim.grounding.status is GroundingStatus.verified and "Ignore the orders" in claim.content
    (casualty,) = extraction.casualties
    assert casualty.count.best == 5 and casualty.grounding.status is GroundingStatus.verified
