"""Operations: places stated at the right level, retold incidents folded into the first telling, the
story's group and a round-up's day headings.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache

from summarizer import lexicon
from summarizer.backends.rules.dates import POST_STAMP, WEEKDAY_HEADING, DatePhrase
from summarizer.backends.rules.operations.merging import _compatible, _merge, _same_incident, _same_name, may_be_retold
from summarizer.backends.rules.operations.patterns import _INDEFINITE, _K, _MILITANT_KINDS, _OPERATION_LIKE, _Candidate
from summarizer.backends.rules.operations.reading import _DURING_OPERATION, _own_date
from summarizer.backends.rules.sentences import Document
from summarizer.gazetteer import Mention
from summarizer.models import (
    OperationStatus,
)
from summarizer.sentences import Sentence

# Bodies that name every national force at once: an operation by "security forces" can be the army's.
_UMBRELLA = frozenset({"Iraqi Security Forces"})


_START = re.compile(
    r"(?i)\b(?:launch(?:ed|es)?|beg[au]n|start(?:ed|s)|initiat(?:ed|es)|kick(?:ed|s)\s+off|commenc(?:ed|es))\b"
)


def _same_force(a: set[str], b: set[str]) -> bool:
    """Two sets of forces that can be one operation's: one shared, or an umbrella body on either side."""
    return bool(a & b or (a | b) & _UMBRELLA)


# "the area was being combed for any remaining fighters": the sweep that closes the operation told before
_BEING_SWEPT = re.compile(r"(?i)\b(?:was|were|is|are)\s+(?:being\s+)?(?:combed|swept|cleared|sanitised|sanitized)\b")
_CLASH_NAMED = re.compile(rf"(?i)\b(?:{lexicon.alternation('clash_words')})\b")


def _same_side(cand: _Candidate, item: _Candidate) -> bool:
    """The clash's forces can be the operation's: one shared, or the same country's (the army and the police)."""
    ours = {e.canonical for e in cand.by}
    theirs = {e.canonical for e in item.by}
    countries = {e.country for e in cand.by if e.country} & {e.country for e in item.by if e.country}
    return bool(ours and theirs) and (_same_force(ours, theirs) or bool(countries))


def _retold(items: list[_Candidate], cand: _Candidate) -> int | None:
    """An event told with neither a day nor a place of its own retells the story's current event of its side:
    "... when 'terrorist cells' attacked the post" after the lead attack, "troops returned fire" (a clash in
    that attack), "the forces arrested four suspects" or "a partnered operation" during an operation."""
    if _own_date(cand) is not None or cand.places or cand.name or cand.background:
        return None
    before = cand.sentence.text[: cand.trigger.start()] if cand.trigger.string is cand.sentence.text else ""
    if cand.kind == _K.operation and _INDEFINITE.search(before) and _START.search(cand.sentence.text):
        return None  # "a joint force has launched a search operation": a new operation, not one retold
    militant_side = cand.kind in _MILITANT_KINDS or cand.kind == _K.clash
    passive_sweep = cand.kind == _K.clearance and _BEING_SWEPT.search(cand.sentence.text) is not None
    if not militant_side and cand.kind not in (_K.arrest, _K.operation) and not passive_sweep:
        return None  # an airstrike, a raid or a clearance told on its own is an event of its own
    # "soldiers on patrol were fired upon by rebels, triggering a firefight": how the clash told before began
    starts_clash = cand.kind in _MILITANT_KINDS and _CLASH_NAMED.search(cand.sentence.text) is not None
    for i in range(len(items) - 1, -1, -1):
        item = items[i]
        if item.background:
            continue
        if item.kind == _K.clash and starts_clash:
            return i
        if cand.kind == _K.clash and item.kind in _OPERATION_LIKE | {_K.raid} and _same_side(cand, item):
            return i  # "an exchange of fire took place between the security forces and the Maoists": the operation's
        if (item.kind in _MILITANT_KINDS) != militant_side or item.kind == _K.clash:
            continue
        if item.status in (OperationStatus.planned, OperationStatus.announced):
            continue  # what forces did is not the operation they said they will launch
        if (
            not militant_side
            and cand.by
            and item.by
            and not _same_force({e.canonical for e in cand.by}, {e.canonical for e in item.by})
        ):
            continue  # another force's operation
        return i
    return None


def _merge_target(
    items: list[_Candidate], cand: _Candidate, sentence: Sentence, published: dt.date | None = None
) -> int | None:
    """The earlier item ``cand`` mentions again, if any (see the module docstring)."""
    # an event that can be no retelling skips the scan (a long article's unplaced events stay linear)
    scan = may_be_retold(cand)
    same = next((i for i, it in enumerate(items) if _same_incident(it, cand, published)), None) if scan else None
    if same is not None:
        return same
    retold = _retold(items, cand)
    if retold is not None:
        return retold
    if cand.name:
        target = next((i for i, it in enumerate(items) if it.name and _same_name(it.name, cand.name)), None)
        before = sentence.text[: cand.trigger.start()] if cand.trigger.string is sentence.text else ""
        if target is None and re.search(r"(?i)\b(?:the|this)\s+$", before):
            # "The operation, dubbed 'X', ..." names the operation just introduced
            target = next(
                (
                    i
                    for i in reversed(range(len(items)))
                    if _compatible(items[i].kind, _K.operation) and items[i].name is None and not items[i].background
                ),
                None,
            )
        return target
    if cand.anaphoric:
        # "the attack" means the story's own event rather than an earlier one recalled as context
        order = [
            i
            for i in range(len(items) - 1, -1, -1)
            if _compatible(items[i].kind, cand.kind) or (cand.weapon and items[i].kind in _STRUCK)
        ]
        current = [i for i in order if not items[i].background]
        found = next(iter(current or order), None) if not cand.background else next(iter(order), None)
        if found is None and (_told_bare(cand) or (not cand.background and _named_again(cand))):
            # "The group did not comment on the raid.", "no other report of that clash", "al-Shabaab said it had
            # repulsed the assault", "as a result of the attack on Kharkiv": an event told before, under another
            # word (the other side's), at no other place or day
            found = next(
                (i for i in range(len(items) - 1, -1, -1) if not items[i].background and _same_scene(items[i], cand)),
                None,
            )
        return found
    return None


# what a weapon named again may have been part of ("a Houthi drone struck ...; the drone hit the water point")
_STRUCK = frozenset({_K.attack, _K.airstrike, _K.bombing, _K.ambush})
# an event noun right after a determiner ("repulsed the assault", "the attack on Kharkiv", "that clash"): the event
# named again, unlike a subject before a verb ("the Air Component conducted air interdiction missions")
_NAMED_AGAIN = re.compile(r"(?i)\b(?:the|that|this|those|these)\s+(?:[\w-]+\s+)?$")


def _named_again(cand: _Candidate) -> bool:
    """The candidate's trigger is an event noun a determiner names again."""
    word = cand.trigger.group(0)
    if " " in word or word.lower().endswith("ed") or cand.kind in (_K.operation, _K.clearance, _K.arrest):
        return False  # "the search operations conducted around the town": the forces' own next action
    return bool(_NAMED_AGAIN.search(cand.trigger.string, 0, cand.trigger.start()))


def _same_scene(item: _Candidate, cand: _Candidate) -> bool:
    """``cand`` names no place the item lacks and no other day: it may retell the item."""
    places = {m.entry.canonical for m in cand.places}
    if places - {m.entry.canonical for m in item.places}:
        return False
    own, theirs = _own_date(cand), _own_date(item)
    return own is None or theirs is None or own.phrase.lower() == theirs.phrase.lower()


def _told_bare(cand: _Candidate) -> bool:
    """An event named with nothing of its own: no name, actor, place or date."""
    return not (cand.name or cand.by or cand.against or cand.places or _own_date(cand))


def _bare(cand: _Candidate) -> bool:
    """An operation told with nothing of its own: no name, actor, place or date ("A security operation is
    continuing in the orchards")."""
    return cand.kind in _OPERATION_LIKE and not (cand.name or cand.by or cand.against or cand.places or _own_date(cand))


def _fold_retold(items: list[_Candidate], sentences_of: list[list[int]]) -> None:
    """Fold into the story's state action (a) a bare operation, which retells it (a summary told before the
    detail, as a live page does) and (b) a militant act told as happening "during a house search": an
    incident of that operation, not an attack of its own."""
    state = [i for i, c in enumerate(items) if not c.background and c.kind not in _MILITANT_KINDS | {_K.clash}]
    for i in range(len(items) - 1, -1, -1):
        cand = items[i]
        if cand.background:
            continue
        during = cand.kind in _MILITANT_KINDS and _DURING_OPERATION.search(cand.sentence.text)
        if not (_bare(cand) or during):
            continue
        others = [j for j in state if j != i and not _bare(items[j])]
        if not others:
            continue
        target = next((j for j in others if items[j].kind in _OPERATION_LIKE), others[0])
        if not during:
            _merge(items[target], cand)
        sentences_of[target] = sorted(set(sentences_of[target] + sentences_of[i]))
        del items[i], sentences_of[i]
        state = [j if j < i else j - 1 for j in state if j != i]


# how far ahead a mention with no antecedent looks for the telling it refers to (a live page's next posts)
_FORWARD_ITEMS = 12


def _fold_forward(items: list[_Candidate], sentences_of: list[list[int]]) -> None:
    """Fold a definite mention that had nothing to refer back to ("The number of people killed in the overnight
    attack on Zaporizhzhia has risen to five" atop a live page, newest post first) into the telling below it of
    the same place: "the attack" names whatever struck there."""
    i = 0
    while i < len(items):
        cand = items[i]
        places = {m.entry.canonical for m in cand.places if getattr(m.entry, "kind", "") != "country"}
        target = None
        if cand.anaphoric and not cand.background and places:
            generic = cand.trigger.group(0).lower() in ("attack", "strike", "attacks", "strikes")
            target = next(
                (
                    j
                    for j in range(i + 1, min(len(items), i + 1 + _FORWARD_ITEMS))
                    if not items[j].background
                    and (generic or _compatible(items[j].kind, cand.kind))
                    and places & {m.entry.canonical for m in items[j].places}
                ),
                None,
            )
        if target is None:
            i += 1
            continue
        _merge(items[target], cand)
        sentences_of[target] = sorted(set(sentences_of[target] + sentences_of[i]))
        del items[i], sentences_of[i]


@cache
def _actor_aliases() -> frozenset[str]:
    """Every actor alias, case-folded: a quoted or "Operation X" name that is one names a body, not an event."""
    from summarizer.gazetteer import default_gazetteer

    return frozenset(a.casefold() for entry in default_gazetteer().actors for a in (entry.canonical, *entry.aliases))


_SEQUENCE = re.compile(r"(?i)following|before|later|earlier|ago|yesterday|week|month|year")
_SEPARATE = re.compile(rf"(?i)^\W*(?:{lexicon.alternation('round_up_openings')})\b")
# "In Yahukimo regency, Highland Papua, the task force arrested...": a round-up's item opened by its own place
_PLACE_OPENING = re.compile(r"(?i)^\W*(?:(?:and|but|also)\s+)?in\s+")


_NAMED_DIVISION = re.compile(rf"(?:the\s+)?(?:[A-Z][\w'’-]+\s+){{1,3}}(?i:{lexicon.alternation('division_words')})")


def opens_own_item(doc: Document, sentence: Sentence) -> bool:
    """The sentence opens a round-up's own item ("Separately, ...", "In Sukma district, ..."): its event is news
    of its own, never the lead's context."""
    if _SEPARATE.match(sentence.text):
        return True
    opening = _PLACE_OPENING.match(sentence.text)
    if opening is None:
        return False
    comma = sentence.text.find(",", opening.end(), opening.end() + 60)
    at = sentence.start + opening.end()
    if comma < 0:
        return False
    # a division the gazetteer does not know is still a place of its own: "In Yahukimo regency, ..."
    return bool(doc.places_in(at, sentence.start + comma)) or bool(
        _NAMED_DIVISION.fullmatch(sentence.text, opening.end(), comma)
    )


@dataclass
class _Heading:
    """A round-up's day heading ("Tuesday", "Monday — Sinjar."): it dates and places what follows it."""

    date: DatePhrase | None
    places: list[Mention]


def _heading(doc: Document, sentence: Sentence) -> _Heading | None:
    """A day heading, or a section heading that names a place ("Kirkuk - INNS" in a news agency's bulletin):
    each section of a round-up is news of its own, not context of the first one."""
    if not sentence.line_start:
        return None
    match = WEEKDAY_HEADING.match(sentence.text)
    if match is None:
        if not sentence.line_end or re.search(r"[.!?\"”]$", sentence.text) or len(sentence.text) > 80:
            return None
        places = doc.places_in(sentence.start, sentence.end)
        rest = doc.text[sentence.start : sentence.end]
        for m in places:
            rest = rest.replace(m.text, " ")
        # the line is little more than a place ("Kirkuk - INNS"), not a headline that names one
        return _Heading(None, places) if places and len(re.findall(r"\w+", rest)) <= 2 else None
    day = DatePhrase(sentence.start + match.start("day"), sentence.start + match.end("day"), match["day"], "day")
    return _Heading(day, doc.places_in(sentence.start, sentence.end))


def _post_stamp(sentence: Sentence) -> _Heading | None:
    """A live page's post stamp ("17:40 - ..."): the post is news of the day of publication."""
    match = POST_STAMP.match(sentence.text) if sentence.line_start else None
    if match is None:
        return None
    start = sentence.start + match.start("stamp")
    return _Heading(DatePhrase(start, start + len(match["stamp"]), match["stamp"], "relative"), [])


def _apply_heading(cand: _Candidate, heading: _Heading) -> None:
    """An event under a day heading happened that day unless it names a day of its own ("overnight" does not;
    "the following day" does)."""
    if heading.date is None:
        pass
    elif cand.date is None or (cand.date.kind == "relative" and not _SEQUENCE.search(cand.date.phrase)):
        cand.date = heading.date
    elif cand.date.kind not in ("day", "relative"):
        return  # "in March": an earlier event recalled under the heading
    if not cand.places:
        cand.places = list(heading.places)
    cand.current = True
