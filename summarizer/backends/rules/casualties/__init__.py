"""Casualty figures from conflict reporting, by rule: (victims, outcome, count) per figure statement.

A figure is a count phrase (:mod:`summarizer.counts`) that counts people and is tied to an outcome in one
of the ways reporters write it:

* an outcome word before it: "killing two soldiers", "the deaths of at least ten civilians", "arrested 5
  suspects", "killed and injured 13";
* an outcome word after its noun phrase: "two soldiers were killed", "four officers dead", "17 others
  sustaining injuries", "three killed and five wounded", "lost their lives";
* an outcome noun as its head: "nearly a dozen casualties", "15 deaths".

Figures joined by "and" share an outcome ("killed three civilians and ten fighters", "left 10 fighters and
three civilians dead"); "others"/"of them" take the victims of the figure before. Victims come from the
figure's own noun phrase through the gazetteer, else from the sentence (the target of the attack). Counts
of things (attacks, brigades, kilometres), dates, ages, times, money and strength estimates are not tied
to an outcome and so yield nothing."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from summarizer import lexicon
from summarizer.backends.rules.attribution import Frame, figure_source, read_frames
from summarizer.backends.rules.casualties.context import (
    _ONE_MORE,
    _RETELL_WINDOW,
    _date,
    _is_background,
    _lede_dates,
    _opens_own_item,
    _perpetrator,
    blamed_author,
)
from summarizer.backends.rules.casualties.figures import _Figure
from summarizer.backends.rules.casualties.headlines import drop_restated_titles
from summarizer.backends.rules.casualties.scene import (
    ARMED,
    Scene,
    heading_place,
    perpetrator_from_scene,
    scene_of_operation,
    source_side,
    speaker_agent,
    unclaimed_attack,
)
from summarizer.backends.rules.casualties.statements import _analyse
from summarizer.backends.rules.casualties.victims import _figure_victims, _StoryGroup
from summarizer.backends.rules.casualties.vocabulary import UNSPECIFIED, SpanMap
from summarizer.backends.rules.dates import POST_STAMP
from summarizer.backends.rules.localities import sentence_place as _place
from summarizer.gazetteer import Gazetteer, Mention, default_gazetteer
from summarizer.models import (
    Actor,
    Alignment,
    CasualtyReport,
    Claimant,
    Count,
    Evidence,
    Operation,
    Outcome,
)
from summarizer.sentences import Sentence, split_sentences

# --------------------------------------------------------------------------- entry point

# Stems of every outcome word: a sentence without any of them holds no casualty figure. Substring tests on
# the lower-cased sentence are far cheaper than a regex scan, and most sentences fail them.
_OUTCOME_STEMS = (
    "kill", "dead", "death", "die", "wound", "injur", "casualt", "arrest", "detain", "captur", "abduct", "kidnap",
    "surrender", "missing", "martyr", "lives", "life", "toll", "execut", "behead", "murder", "slain", "slay", "hurt",
    "fatalit", "hostage", "prisoner", "custody", "seized", "shot", "gunned", "perish", "hospitali", "apprehend",
    "rounded", "nabbed", "unaccounted", "disappear", "bodies", "neutrali", "eliminat", "liquidat", "remains", "corpses",
    "hit by", "admitted", "were held", "was held", "been held", "survived", "sacrifice", "kia", "wia", "mia",
    "sent to hell", "succumb", "lost", "fell ", "out of action", "price", "laid to rest", "brought in with", "to rest",
    "buried", "burying", "shahadat", "shaheed", "bullet", "shrapnel", "sacrificed",
    "taken into", "taken away", "led away", "carried off",
)  # fmt: skip


def extract_casualties(
    view_text: str,
    to_original: SpanMap,
    original_text: str,
    gazetteer: Gazetteer | None = None,
    operations: Sequence[Operation] = (),
    sentences: Sequence[tuple[int, int]] | None = None,
    id_prefix: str = "cas",
    frames: Mapping[tuple[int, int], Sequence[Frame]] | None = None,
    story_group: Mention | None = None,
    published_year: int | None = None,
) -> list[CasualtyReport]:
    """Every casualty figure in an article.

    ``view_text`` is the cleaned view (``clean_view(article.text).text``), ``to_original`` maps a view span
    to the original text (``TextView.to_original``) and ``original_text`` is ``article.text``: evidence
    quotes are cut from it, so they are verbatim. ``operations`` (with evidence offsets into the original)
    let a figure link to the operation whose evidence shares its sentence. ``sentences`` are view spans
    (default: :func:`split_sentences`). Ids are ``f"{id_prefix}{n}"`` from 1. ``frames`` maps a sentence's view
    span to its attribution frames (``Document.attribution``, the one reading of who says what); a figure's
    ``reported_by`` is the speaker of the frame whose clause holds it (default: the frames read here from
    ``sentences``).
    ``story_group`` is the first mention of the story's main armed group (``Document.story_group``); without it
    the same rule is applied to the text. ``published_year`` tells a dated day in the year of publication from
    an earlier one (the period rule of :func:`summarizer.backends.rules.dates.is_background_text`).
    """
    gazetteer = gazetteer or default_gazetteer()
    spans = list(sentences) if sentences is not None else [(x.start, x.end) for x in split_sentences(view_text)]
    reports: list[CasualtyReport] = []
    origins: list[int] = []  # the sentence of each report
    lede, lede_keys = _lede_dates(view_text, spans)
    # the victims last counted per outcome: (sentence index, victims, the source's armed side when a party spoke)
    recent: dict[Outcome, tuple[int, Actor, str | None]] = {}
    last_source: tuple[int, Claimant] | None = None
    story = _StoryGroup(view_text, gazetteer, story_group)
    evidence_index = _evidence_index(operations)
    scenes: dict[int, Scene | None] = {}  # each operation's scene, read once
    if frames is None:
        read = read_frames([Sentence(view_text[a:b], a, b) for a, b in spans], gazetteer)
        frames = {span: found for span, found in zip(spans, read, strict=True)}
    scene: Scene | None = None  # the incident told last in the paragraph (module scene)
    previous_end = 0
    after_heading = False
    for index, (s_start, s_end) in enumerate(spans):
        sentence = view_text[s_start:s_end]
        gap = view_text[previous_end:s_start]
        if "\n" in gap:
            scene = _new_paragraph(gap, sentence, scene, after_heading, gazetteer, recent)
        after_heading = heading_place(sentence, gazetteer) is not None  # a heading on a line of its own
        previous_end = s_end
        found_scene: Scene | None = None
        here = _scene_here(operations, to_original(s_start, s_end), evidence_index, gazetteer, sentence, scenes)
        # Cheap pre-filters: a figure needs an outcome word and a number; most sentences have neither.
        lowered = sentence.lower()
        may_have = any(stem in lowered for stem in _OUTCOME_STEMS)
        figures = _analyse(sentence, gazetteer) if may_have else []
        prior = view_text[max(0, s_start - 3000) : s_start]
        said = frames.get((s_start, s_end), ())
        figures = _without_speakers(sentence, figures, said)
        source: Claimant | None = None
        if figures:
            mentions = gazetteer.find_actors(sentence)
            o_start, o_end = to_original(s_start, s_end)
            source = figure_source(said, sentence, s_start, (figures[0].match.start, figures[0].np_end))
            one_more = _ONE_MORE.match(sentence[figures[0].match.start :])
            if source is None and one_more and last_source is not None and last_source[0] == index - 1:
                source = last_source[1]  # "..., the army said. A third soldier was wounded."
            quote = original_text[o_start:o_end]
            operation_id = _operation_for(operations, o_start, o_end, evidence_index)
            previous: Actor | None = None
            sentence_agent: Actor | None = None
            subjects: list[Actor] = []  # victims of the figures that share the last one's outcome ("X and Y died")
            last_outcome: Outcome | None = None
            for figure in figures:
                assert figure.outcome is not None
                # "X said ..., while Y gave a lower toll of 24": each figure takes the speaker of its clause
                by = (
                    figure_source(said, sentence, s_start, (figure.match.start, figure.np_end))
                    if figure is not figures[0]
                    else None
                ) or source
                perpetrator = _perpetrator(sentence, figure, gazetteer, mentions, figures)
                if previous is None and figure.kind in ("none", "head-outcome"):
                    previous = _retold(recent.get(figure.outcome), sentence, figure, index, by, gazetteer)
                if figure.kind == "others" and len({a.canonical for a in subjects}) > 1:
                    # "two Levies personnel and a passer-by were killed and four others injured": of either
                    previous = Actor(name=figure.np_text, canonical=UNSPECIFIED)
                victims = _figure_victims(
                    sentence, figure, gazetteer, mentions, perpetrator, previous, source, prior, story
                )
                if figure.np_text and figure.np_text.casefold() not in sentence.casefold():
                    # people named by rank ("Head Constable X": read as a policeman) are named as written
                    victims = victims.model_copy(update={"name": figure.match.phrase})
                subjects = [*subjects, victims] if subjects and figure.outcome == last_outcome else [victims]
                last_outcome = figure.outcome
                previous = victims
                if victims.canonical != UNSPECIFIED:
                    recent[figure.outcome] = (index, victims, _party(by, gazetteer))
                if perpetrator is not None and perpetrator.canonical == victims.canonical:
                    perpetrator = None
                told = perpetrator or speaker_agent(sentence, figure, by, victims, gazetteer)
                if told is None and sentence_agent is not None and figure.outcome_from == "pre":
                    # "killed 40 soldiers and captured 12 others": the second verb has the first one's subject
                    told = sentence_agent if sentence_agent.canonical != victims.canonical else None
                if told is not None:
                    sentence_agent = told
                date = _date(sentence, figure.match.start)
                in_lede = lede == (s_start, s_end)
                background = _is_background(
                    sentence, figure, date, victims, in_lede, lede_keys, published_year, gazetteer
                )
                if told is None:
                    perpetrator = perpetrator_from_scene(here or scene, victims) or unclaimed_attack(
                        sentence, victims, mentions, gazetteer
                    )
                else:
                    perpetrator = told
                    found_scene = Scene(told, victims, None)
                place = _place(sentence, figure.match.start, gazetteer)
                if place is None and not background:  # a tally or an earlier incident told as context is elsewhere
                    place = (here or _NO_SCENE).place or (scene or _NO_SCENE).place
                reports.append(
                    CasualtyReport(
                        id=f"{id_prefix}{len(reports) + 1}",
                        victims=victims,
                        outcome=figure.outcome,
                        count=Count(**{**figure.match.count.model_dump(), "phrase": figure.match.phrase}),
                        perpetrator=perpetrator,
                        place=place,
                        date=date,
                        reported_by=by,
                        operation_id=operation_id,
                        background=background,
                        evidence=Evidence(quote=quote, start=o_start, end=o_end, alignment=Alignment.exact),
                    )
                )
                origins.append(index)
        if figures and source is not None:
            last_source = (index, source)
        if here is not None:
            scene = here if here.place is not None or scene is None else Scene(here.attacker, here.target, scene.place)
        if not figures and (author := blamed_author(sentence, gazetteer)) is not None:
            # "Police blamed the attack on the khwarij.": the figures told after it are that group's
            scene = Scene(author, (scene or _NO_SCENE).target, (scene or _NO_SCENE).place)
        if figures and found_scene is not None and not reports[-1].background:
            scene = Scene(found_scene.attacker, found_scene.target, reports[-1].place or (scene or _NO_SCENE).place)
    return drop_restated_titles(reports, origins, view_text, spans)


def _new_paragraph(
    gap: str,
    sentence: str,
    scene: Scene | None,
    after_heading: bool,
    gazetteer: Gazetteer,
    recent: dict[Outcome, tuple[int, Actor, str | None]],
) -> Scene | None:
    """The scene at a new paragraph: usually another incident, under its own heading when it opens with one. A
    headline or a time stamp skipped between (a live page's next entry) also ends what figures tell again."""
    if gap.strip() or POST_STAMP.match(sentence):
        recent.clear()  # a live page's next entry, under a time stamp of its own line or opening its first sentence
    heading = heading_place(gap.rsplit("\n", 1)[1] or sentence, gazetteer)
    if heading is not None:
        return Scene(None, None, heading)
    if not after_heading and (_CONTINUES.match(sentence) is None or _opens_own_item(sentence, gazetteer)):
        return None
    return scene


def _retold(
    seen: tuple[int, Actor, str | None] | None,
    sentence: str,
    figure: _Figure,
    index: int,
    by: Claimant | None,
    gazetteer: Gazetteer,
) -> Actor | None:
    """The victims a bare figure ("The health directorate gave a higher toll: eleven dead") retells: those of the
    same outcome counted a sentence or two before, or however far back for a revised toll ("the toll had risen to
    19"); never a party's count of its enemy ("eliminated two Hezbollah operatives") for another source's "three
    bodies"."""
    if seen is None:
        return None
    seen_at, actor, party = seen
    revised = _TOLL_BEFORE.search(sentence, max(0, figure.match.start - 80), figure.match.start)
    if index - seen_at > _RETELL_WINDOW and not revised:
        return None
    enemy = party is not None and actor.canonical != party and actor.category in ARMED
    return None if enemy and _party(by, gazetteer) != party else actor


def _party(source: Claimant | None, gazetteer: Gazetteer) -> str | None:
    """The armed side a figure's source speaks for (a force or group), or None for anyone else."""
    side = source_side(source, gazetteer) if source is not None else None
    return side.canonical if side is not None and side.category in ARMED else None


# A paragraph that goes on with the incident before it: a numbered press note's next point ("2. On 23.09.2025 ..."), a
# sentence about "the" fighting, the bodies, the spot ("During the exchange of fire, ...").
_CONTINUES = re.compile(
    r"^\W*(?:\d{1,2}[.)](?:\s|$)|(?:[\w'’-]+\s+){0,6}?(?:the\s+(?:exchange|fighting|clash(?:es)?|encounter|battle|operation"
    r"|attack|raid|ambush|search|spot|bodies|assault|gunfight|firefight)|search\s+of)\b)",
    re.IGNORECASE,
)

_TOLL_BEFORE = re.compile(
    r"\b(?:toll|number\s+of\s+(?:the\s+)?(?:dead|deaths|people\s+killed|victims|martyrs)|death\s+count)\b[^.;]{0,60}$",
    re.IGNORECASE,
)

# A reporting verb right after a noun phrase (a place or unit may come between): the phrase is who speaks ("a man
# said to be a commander" is no speaker).
_SPEAKS_AFTER = re.compile(
    r"^(?:\s+(?:in|of|from|at|with|near)\s+[\w'’ -]{1,40}?)?,?\s+"
    rf"(?:{lexicon.alternation('reporting_verbs')})\b(?!\s+to\b)",
    re.IGNORECASE,
)


def _without_speakers(sentence: str, figures: list[_Figure], frames: Sequence[Frame]) -> list[_Figure]:
    """The figures less any one-person figure that is the speaker of its sentence's frame ("..., killing three
    soldiers, an army officer in the town said"): a source of the figures, not one of them."""

    def speaks(figure: _Figure) -> bool:
        if (figure.match.count.best or 0) != 1 or not _SPEAKS_AFTER.match(sentence[figure.np_end :]):
            return False
        head = " ".join(figure.np_text.lower().split()[-2:])
        return bool(head) and any(head in frame.who.name.lower() for frame in frames)

    return [f for f in figures if not speaks(f)]


_BLOCK = 512  # characters per block of the evidence index
_NO_SCENE = Scene(None, None, None)


def _scene_here(
    operations: Sequence[Operation],
    span: tuple[int, int],
    index: dict[int, list[int]],
    gazetteer: Gazetteer,
    sentence: str,
    scenes: dict[int, Scene | None],
) -> Scene | None:
    """The scene set by the last current operation whose evidence overlaps the sentence at ``span`` (original
    offsets), if any; ``scenes`` keeps each operation's scene once read."""
    start, end = span
    near = {i for block in range(start // _BLOCK, max(start, end - 1) // _BLOCK + 1) for i in index.get(block, ())}
    found: Scene | None = None
    told = False
    for i in sorted(near):
        op = operations[i]
        ev = op.evidence
        if op.background or ev.start is None or ev.end is None or not (ev.start < end and start < ev.end):
            continue
        told = True
        if i not in scenes:
            scenes[i] = scene_of_operation(op, gazetteer)
        found = scenes[i] or found
    if told and (found is None or found.place is None):
        # an operation told in this sentence at a village the gazetteer does not know ("ambushed a column near the
        # village of Thayet Kan"): the sentence's own locality is the scene's place
        spot = _place(sentence, 0, gazetteer)
        if spot is not None and (spot.canonical is None or spot.canonical not in (spot.admin1_name, spot.country)):
            found = Scene(found.attacker if found else None, found.target if found else None, spot)
    return found


def _evidence_index(operations: Sequence[Operation]) -> dict[int, list[int]]:
    """Block of text -> the operations (by position in ``operations``) whose evidence overlaps it."""
    index: dict[int, list[int]] = {}
    for i, operation in enumerate(operations):
        ev = operation.evidence
        if ev.start is not None and ev.end is not None:
            for block in range(ev.start // _BLOCK, max(ev.start, ev.end - 1) // _BLOCK + 1):
                index.setdefault(block, []).append(i)
    return index


def _operation_for(
    operations: Sequence[Operation], start: int, end: int, index: dict[int, list[int]] | None = None
) -> str | None:
    """The first operation whose evidence overlaps ``start:end`` (looked up by block: linear on long articles)."""
    index = _evidence_index(operations) if index is None else index
    near = {i for block in range(start // _BLOCK, max(start, end - 1) // _BLOCK + 1) for i in index.get(block, ())}
    for i in sorted(near):
        ev = operations[i].evidence
        if ev.start is not None and ev.end is not None and ev.start < end and start < ev.end:
            return operations[i].id
    return None


__all__ = ["UNSPECIFIED", "extract_casualties"]
