"""A paragraph's lead-in heading ("2. Dibis, 5 May.") dates and places what is told under it
(``summarizer/paragraph_headings.py``). Sentences written for the tests."""

from __future__ import annotations

import datetime as dt

from summarizer.articles import make_article
from summarizer.gazetteer import default_gazetteer
from summarizer.models import Actor, ActorCategory, ArticleExtraction, CasualtyReport, Count, Evidence, Provenance
from summarizer.paragraph_headings import find_headings
from summarizer.pipeline import postprocess

TEXT = (
    "Monthly protection update for Kirkuk province.\n\n"
    "1. Dibis town (Dibis district), 3 May. A roadside bomb hit a patrol on the main road. The driver escaped. "
    "Police later defused a second device. Medics said two shepherds were killed.\n\n"
    "2. Lower Zab valley, 8-12 May. Several mortar rounds fell on farms.\n\n"
    "The army said on 20 May that it had cleared the villages around the town.\n\n"
    "Militants struck on 21 May. Two guards were hurt.\n"
)
PUBLISHED = dt.date(2025, 5, 31)


def test_a_lead_in_heading_is_a_day_and_a_place_and_little_else() -> None:
    headings = find_headings(TEXT, PUBLISHED, default_gazetteer())
    assert len(headings) == 1  # a span of days dates nothing; a sentence with a day in it is no heading
    [heading] = headings
    assert heading.date.start == dt.date(2025, 5, 3) and heading.date.phrase == "3 May"
    assert heading.place is not None and heading.place.canonical == "Dibis"
    assert TEXT[heading.start:heading.end].startswith(" A roadside bomb")


def test_a_figure_told_under_a_heading_takes_its_day_and_town_and_stays_grounded() -> None:
    article = make_article(TEXT, "update.txt", {"published": PUBLISHED.isoformat()})
    quote = "Medics said two shepherds were killed"
    start = TEXT.index(quote)
    figure = CasualtyReport(
        id="cas1", victims=Actor(name="shepherds", canonical="Civilians", category=ActorCategory.civilians),
        outcome="killed", count=Count(phrase="two", low=2, best=2, high=2),
        evidence=Evidence(quote=quote, start=start, end=start + len(quote)),
    )
    raw = ArticleExtraction(article=article.meta, casualties=[figure], provenance=Provenance(backend="scripted"))
    [cas] = postprocess(raw, article, "strict").casualties
    assert cas.date is not None and cas.date.start == dt.date(2025, 5, 3)  # three sentences after the heading
    assert cas.place is not None and cas.place.canonical == "Dibis"
