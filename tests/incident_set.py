"""An incident set with coordinates, written for the tests: six articles, five incidents on three days in Iraq
and Syria (one reported twice with figures that disagree, one with an open-ended toll, one placed only to its
province) and one incident whose place has no coordinates."""

from __future__ import annotations

from summarizer.articles import make_article
from summarizer.briefing import BriefingInput
from summarizer.models import Actor, ActorCategory, ArticleExtraction, OperationKind, Outcome, Place

from .test_briefing import ARMY, CIVS, ISIS, PESH, cas, day, extraction, op

HAWIJA = Place(name="Hawija", canonical="Hawija", admin1="IQ-KI", admin1_name="Kirkuk", country="IQ",
               lat=35.327, lon=43.772, geo_precision=1)
TUZ = Place(name="Tuz Khurmatu", canonical="Tuz Khurmatu", admin1="IQ-SD", admin1_name="Salah al-Din", country="IQ",
            lat=34.888, lon=44.633, geo_precision=1)
MAKHMOUR = Place(name="Makhmour", canonical="Makhmour", admin1="IQ-AR", admin1_name="Erbil", country="IQ",
                 lat=35.776, lon=43.581, geo_precision=1)
ANBAR = Place(name="Anbar", canonical="Anbar", admin1="IQ-AN", admin1_name="Anbar", country="IQ",
              lat=33.4, lon=42.2, geo_precision=3)
DEIR = Place(name="Deir ez-Zor", canonical="Deir ez-Zor", admin1="SY-DY", admin1_name="Deir ez-Zor", country="SY",
             lat=35.336, lon=40.141, geo_precision=1)
NOWHERE = Place(name="Albu Hayat", canonical="Albu Hayat", admin1="IQ-SD", admin1_name="Salah al-Din", country="IQ")
SDF = Actor(name="SDF fighters", canonical="SDF", category=ActorCategory.other)


Figure = tuple[str, Actor, str, int, int | None, Outcome]  # quote, victims, phrase, low, high (None: open), outcome


def _one(name: str, published: str, text: str, kind: OperationKind, place: Place, when: str,
         figures: list[Figure], by: Actor) -> tuple[ArticleExtraction, object]:
    article = make_article(text, f"{name}.txt", {"outlet": f"{name.title()} Wire", "published": published})
    d = day(when, "on Tuesday")
    operation = op(text, "op1", text.split(".")[0], kind, by=[by], places=[place], date=d)
    items = [
        cas(text, f"cas{i}", quote, victims, phrase, low, low, high, outcome=outcome,
            place=place, date=d, perpetrator=by, operation_id="op1")
        for i, (quote, victims, phrase, low, high, outcome) in enumerate(figures, start=1)
    ]
    return extraction(article, [operation], items), article


def incident_set() -> BriefingInput:
    rows = [
        _one("north", "2024-05-03", "Iraqi jets struck ISIS hideouts near Hawija, killing 12 militants.",
             OperationKind.airstrike, HAWIJA, "2024-05-02",
             [("killing 12 militants", ISIS, "12", 12, 12, Outcome.killed)], ARMY),
        _one("river", "2024-05-03", "Air strikes near Hawija killed 15 ISIS fighters, a commander said.",
             OperationKind.airstrike, HAWIJA, "2024-05-02",
             [("killed 15 ISIS fighters", ISIS, "15", 15, 15, Outcome.killed)], ARMY),
        _one("market", "2024-05-04", "A car bomb in Tuz Khurmatu killed four civilians and wounded nine.",
             OperationKind.bombing, TUZ, "2024-05-03",
             [("killed four civilians", CIVS, "four", 4, 4, Outcome.killed),
              ("wounded nine", CIVS, "nine", 9, 9, Outcome.wounded)], ISIS),
        _one("hills", "2024-05-04", "Militants attacked a post near Makhmour, killing two Peshmerga and wounding at "
             "least five.", OperationKind.attack, MAKHMOUR, "2024-05-03",
             [("killing two Peshmerga", PESH, "two", 2, 2, Outcome.killed),
              ("wounding at least five", PESH, "at least five", 5, None, Outcome.wounded)], ISIS),
        _one("valley", "2024-05-06", "SDF fighters raided an ISIS cell in Deir ez-Zor, killing six militants.",
             OperationKind.raid, DEIR, "2024-05-05",
             [("killing six militants", ISIS, "six", 6, 6, Outcome.killed)], SDF),
        _one("desert", "2024-05-07", "An ambush in Anbar killed three soldiers.", OperationKind.ambush, ANBAR,
             "2024-05-06", [("killed three soldiers", ARMY, "three", 3, 3, Outcome.killed)], ISIS),
        _one("village", "2024-05-07", "Gunmen killed a farmer in Albu Hayat.", OperationKind.attack, NOWHERE,
             "2024-05-06", [("killed a farmer", CIVS, "a", 1, 1, Outcome.killed)], ISIS),
    ]
    # Context, not news: a background figure, which the timeline and the totals leave out.
    text = "A bomb in Hawija killed 30 civilians in June 2022, residents recalled."
    old = make_article(text, "archive.txt", {"outlet": "Archive Wire", "published": "2024-05-07"})
    rows.append((extraction(old, [], [cas(text, "cas1", "killed 30 civilians in June 2022", CIVS, "30", 30, 30, 30,
                                          place=HAWIJA, date=day("2022-06-15", "in June 2022"), background=True)]),
                 old))
    extractions = [x for x, _ in rows]
    articles = {a.id: a for _, a in rows}  # type: ignore[attr-defined]
    return BriefingInput(extractions, articles)  # type: ignore[arg-type]
