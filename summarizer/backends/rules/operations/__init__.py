"""Operations and attacks: what happened, by whom, against whom, where and when.

One candidate per sentence, found by a trigger (a noun such as "operation", "airstrikes", "ambush" or
a verb such as "attacked", "raided"). Rules that generalise across outlets:

* plural attack nouns ("attacks", "bombings") describe a trend, not an event; so do habitual frames
  ("engages in", "has carried out regular", "tactics of");
* a definite or possessive mention ("the operation", "their operation", "this operation") refers back
  to the last operation of a compatible kind and is merged into it, adding its name, phase and places;
* a named operation mentioned again (even spelt differently: "Iraq Heroes" / "Iraqi Heroes") is one item;
* agents and targets come from the gazetteer: for militant attacks the militant group is ``by`` and the
  forces or civilians hit are ``against``; for state operations it is the other way round; a body that
  only speaks about the event ("the ministry said") is neither;
* an event dated by a month, a year or a "since" span is background (see ``dates.is_historical``)."""

from __future__ import annotations

import datetime as dt
import re

from summarizer.backends.rules.localities import sentence_place
from summarizer.backends.rules.operations.folding import (
    _actor_aliases,
    _apply_heading,
    _fold_forward,
    _fold_retold,
    _Heading,
    _heading,
    _merge_target,
    _post_stamp,
    opens_own_item,
)
from summarizer.backends.rules.operations.merging import _actor, _candidates, _mark_context, _merge, _place, _summary
from summarizer.backends.rules.operations.patterns import _MILITANT_KINDS, OperationResult, _Candidate
from summarizer.backends.rules.operations.places import _other_event, _specific_places
from summarizer.backends.rules.sentences import Document
from summarizer.gazetteer import ActorEntry, Mention
from summarizer.models import (
    ActorCategory,
    Alignment,
    EventDate,
    Evidence,
    Operation,
    Place,
)

# the heading of a list of key points that the body then tells in full ("KEY POINTS", "Summary", "Highlights")
_SUMMARY_HEADING = re.compile(
    r"(?i)^\s*(?:key\s+(?:points|developments|facts|figures)|summary|highlights|at\s+a\s+glance|in\s+brief"
    r"|main\s+points|the\s+latest)\s*:?\s*$"
)
_BULLET = re.compile(r"^\s*[-–—•*·]\s+")
# a memo's or press note's subject line: "Subject: Encounter in the forests of ...; six cadres neutralised."
_SUBJECT_LINE = re.compile(r"(?i)\s*(?:subject|sub|re|ref)\s*[:.-]\s")


def _is_bullet(text: str) -> bool:
    return _BULLET.match(text) is not None


def extract_operations(
    doc: Document, published_year: int | None = None, published: dt.date | None = None
) -> OperationResult:
    """Find the operations and attacks in ``doc`` (ids ``op1``, ``op2``... in order of first mention).

    ``published`` (the publication date) lets a follow-up dated after the lead event stay news rather
    than context (see :func:`_mark_context`).
    """
    aliases = _actor_aliases()
    items: list[_Candidate] = []
    sentences_of: list[list[int]] = []
    heading: _Heading | None = None
    in_summary = False
    line_from = scanned = 0  # where the current sentence's line starts; the text before ``scanned`` is read
    for index, sentence in enumerate(doc.sentences):
        newline = doc.text.rfind("\n", scanned, sentence.start)
        line_from, scanned = (newline + 1 if newline >= 0 else line_from), sentence.start
        if sentence.line_start:
            in_summary = bool(_SUMMARY_HEADING.match(sentence.text)) or (in_summary and _is_bullet(sentence.text))
        if in_summary or _SUBJECT_LINE.match(doc.text, line_from, sentence.end):
            continue  # "KEY POINTS" bullets and a memo's "Subject:" line restate the incidents the body tells
        found_heading = _heading(doc, sentence)
        if found_heading is not None:
            heading = found_heading
            continue
        stamp = _post_stamp(sentence)
        heading = stamp or heading
        if sentence.line_start and sentence.line_end and not re.search(r"[.!?\"”]$", sentence.text):
            if stamp is None:
                heading = None  # another section ("The week's total") ends the day's incidents
            continue  # a headline or section header ("16:02 - Hezbollah claims attack"): it repeats the body
        for cand in _candidates(doc, sentence, aliases, published_year):
            if heading is not None and not cand.background:
                _apply_heading(cand, heading)
            if opens_own_item(doc, sentence):
                cand.current = True
            target = _merge_target(items, cand, sentence, published)
            if target is not None:
                _merge(items[target], cand)
                if index not in sentences_of[target]:
                    sentences_of[target].append(index)
                continue
            items.append(cand)
            sentences_of.append([index])
    _fold_retold(items, sentences_of)
    _fold_forward(items, sentences_of)
    _mark_context(items, published)
    group = doc.story_group.entry if doc.story_group is not None else None
    militants = group if isinstance(group, ActorEntry) else None
    for cand in items:
        state_side = all(e.category != ActorCategory.militant_group for e in cand.by)
        if militants is not None and cand.by and state_side and not cand.against and cand.kind not in _MILITANT_KINDS:
            cand.against = [militants]  # forces "pounded suspected hideouts": the story's militant group
    operations: list[Operation] = []
    mapping: dict[str, list[int]] = {}
    for n, (cand, where) in enumerate(zip(items, sentences_of, strict=True), start=1):
        quote, start, end = doc.quote(cand.sentence.start, cand.sentence.end)
        op_id = f"op{n}"
        operations.append(
            Operation(
                id=op_id,
                name=cand.name,
                phase=cand.phase,
                kind=cand.kind,
                status=cand.status,
                by=[_actor(e) for e in cand.by],
                against=[_actor(e) for e in cand.against],
                places=_event_places(doc, cand),
                date=EventDate(phrase=cand.date.phrase) if cand.date else None,
                summary=_summary(cand),
                background=cand.background,
                evidence=Evidence(quote=quote, start=start, end=end, alignment=Alignment.exact),
            )
        )
        mapping[op_id] = where
    return OperationResult(operations, mapping)


def _event_places(doc: Document, cand: _Candidate) -> list[Place]:
    """Where the operation happened: the places its sentence names, or the village the sentence names that no
    gazetteer knows when the known places only locate it ("the village of Bariire near Afgooye", "near Eringeti,
    in Beni territory"): the localities annotation's rule, the one figures are placed by."""
    places = [_place(doc, m) for m in _specific_places(cand.places, doc.text)]
    if doc.gazetteer is None:
        return places
    start = cand.sentence.start
    trigger_at = start + cand.trigger.start()
    village = sentence_place(
        cand.sentence.text,
        cand.trigger.start(),
        doc.gazetteer,
        lambda m: _other_event(doc, Mention(start + m.start, start + m.end, m.text, m.entry), trigger_at),
    )
    return [village] if village is not None and village.canonical is None else places


__all__ = ["OperationResult", "extract_operations"]
