"""The rules backend end to end: a written article in, a valid extraction with verbatim evidence out."""

from __future__ import annotations

import asyncio
import json

from summarizer.articles import make_article
from summarizer.backends import BackendConfig, create_backend
from summarizer.backends.rules import ENGINE_VERSION, RulesBackend
from summarizer.backends.rules.sentences import split_sentences
from summarizer.backends.rules.summary import summarize
from summarizer.models import ArticleExtraction, OperationKind

ARTICLE = """Army Pushes Into Desert Valleys After Checkpoint Attack

MOSUL, Nineveh - Iraqi troops and the Popular Mobilization Forces on Monday launched a joint operation to clear
ISIS hideouts in the valleys south of Mosul, the Joint Operations Command said in a statement.

The operation, dubbed “Northern Dawn,” follows an attack late on Saturday in which militants killed three
soldiers and wounded two others at a checkpoint near Tal Afar.

“Our units have already destroyed five tunnels,” Brigadier General Karim Hassan, a spokesman for the command,
told reporters. He added that the sweep would continue for several days.

In 2019, a similar campaign left 40 militants dead, according to the Defence Ministry.

Comments
Readers are welcome to comment on this story.
"""


def run(text: str = ARTICLE) -> ArticleExtraction:
    article = make_article(text, "written.txt", {"published": "2024-03-05"})
    return asyncio.run(RulesBackend().extract(article))


def test_extraction_validates_and_every_quote_is_verbatim() -> None:
    extraction = run()
    ArticleExtraction.model_validate_json(extraction.model_dump_json())
    items = [*extraction.operations, *extraction.casualties, *extraction.claims]
    assert items
    for item in items:
        ev = item.evidence
        assert ev.start is not None and ev.end is not None
        assert ARTICLE[ev.start : ev.end] == ev.quote
        assert ev.alignment.value == "exact"
    assert json.loads(extraction.model_dump_json())["provenance"]["backend"] == "rules"


def test_the_article_structure_is_found() -> None:
    extraction = run()
    ops = extraction.operations
    named = [op for op in ops if op.name == "Northern Dawn"]
    assert len(named) == 1
    assert {a.canonical for a in named[0].by} >= {"Iraqi Army", "Popular Mobilization Forces"}
    assert named[0].date is not None and named[0].date.phrase == "on Monday"
    attacks = [op for op in ops if op.kind is OperationKind.attack]
    assert attacks and attacks[0].places[0].canonical == "Tal Afar"
    claimants = {c.claimant.name for c in extraction.claims}
    assert "Brigadier General Karim Hassan" in claimants
    assert "Joint Operations Command" in claimants
    # the comments footer is cut: nothing comes from it
    assert not any("Readers" in c.evidence.quote for c in extraction.claims)


def test_ids_are_sequential_per_type() -> None:
    extraction = run()
    assert [op.id for op in extraction.operations] == [f"op{i}" for i in range(1, len(extraction.operations) + 1)]
    assert [c.id for c in extraction.claims] == [f"cl{i}" for i in range(1, len(extraction.claims) + 1)]
    assert [c.id for c in extraction.casualties] == [f"cas{i}" for i in range(1, len(extraction.casualties) + 1)]
    op_ids = {op.id for op in extraction.operations}
    assert all(c.operation_id in op_ids for c in extraction.claims if c.operation_id)


def test_summary_skips_headline_and_dateline() -> None:
    extraction = run()
    assert extraction.summary_kind == "extractive"
    assert extraction.summary.startswith("Iraqi troops and the Popular Mobilization Forces on Monday launched")
    assert "MOSUL" not in extraction.summary
    assert "Army Pushes" not in extraction.summary


def test_summary_skips_bylines_and_page_dates() -> None:
    text = "By Jane Roe\nUpdated 3 March 2024\nTroops entered the town of Baiji at dawn on Sunday after a siege.\n"
    assert summarize(split_sentences(text)) == "Troops entered the town of Baiji at dawn on Sunday after a siege."


def test_backend_is_registered_and_fingerprinted() -> None:
    backend = create_backend(BackendConfig(name="rules"))
    assert isinstance(backend, RulesBackend)
    assert backend.name == "rules"
    assert backend.fingerprint() == ENGINE_VERSION
    asyncio.run(backend.aclose())


def test_deterministic() -> None:
    a, b = run(), run()
    assert a.model_dump(exclude={"provenance"}) == b.model_dump(exclude={"provenance"})


def test_an_article_without_events_gives_empty_lists() -> None:
    extraction = run("The council met to discuss the budget for schools and roads in the province this year.")
    assert extraction.operations == [] and extraction.casualties == [] and extraction.claims == []
    assert extraction.summary


def test_gazetteer_trie_matcher_equals_a_flat_alternation() -> None:
    """The engine's speed rests on the gazetteer's trie regex; it must find exactly what a plain
    longest-first alternation of the aliases finds."""
    import re

    from summarizer.gazetteer import default_gazetteer

    gaz = default_gazetteer()
    aliases = {a for e in gaz.actors for a in (e.canonical, *e.aliases)}
    parts = []
    for alias in sorted(aliases, key=len, reverse=True):
        body = re.escape(alias).replace(r"\ ", r"\s+")
        parts.append(body if len(alias) <= 4 and alias.isupper() else f"(?i:{body})")
    flat = re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w-])")
    text = ARTICLE + " IS fighters, is it? ISIS militants and the U.S.-led coalition; Iraqi army soldiers, the ARMY."
    assert [(m.start, m.end) for m in gaz.find_actors(text)] == [m.span() for m in flat.finditer(text)]


def test_the_claim_extractor_names_the_source_of_a_figure_the_casualty_rules_cannot() -> None:
    from summarizer.backends.rules import extract_article

    text = (
        "Gunmen attacked a police post in Hit on Monday.\n\n"
        "A medic at the town hospital, who spoke on condition of anonymity, said four policemen were killed.\n\n"
        "The local monitor put the death toll at six policemen."
    )
    ex = extract_article(make_article(text, "hit.txt", {"published": "2024-05-06"}))
    sources = [(c.count.best, c.reported_by.name if c.reported_by else None) for c in ex.casualties]
    assert sources[0] == (4, "medic at the town hospital")
    assert sources[1] == (6, "local monitor")
