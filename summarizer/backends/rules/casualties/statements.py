"""Casualty figure statements: the figures of one sentence, read by :mod:`.figures`, then joined the way reporters
write them: names and ranks counted as people, bodies folded into the toll they raise, a breakdown folded into its
total, and an outcome shared by figures joined by "and".
"""

from __future__ import annotations

import re
from itertools import pairwise

from summarizer import lexicon
from summarizer.backends.rules.casualties.figures import (
    _candidates,
    _ends_in_abbreviation,
    _Figure,
    _in_aside,
    _is_trap,
    _noun_phrase,
    _post_outcome,
    _post_outcome_at,
    _pre_outcome,
)
from summarizer.backends.rules.casualties.names import apposed, object_list, rank_noun, ranked_people, subject_list
from summarizer.backends.rules.casualties.vocabulary import (
    _EARLIER_TAIL,
    _INCLUDING,
    _RESCUED,
    _RESCUED_AFTER,
)
from summarizer.counts import CountMatch, parse_count
from summarizer.gazetteer import Gazetteer
from summarizer.models import (
    Count,
    Outcome,
)

# Scare quotes around a figure or an outcome ('"tens" of militants were "liquidated"') do not change the reading;
# replacing them with spaces keeps every offset.
_DOUBLE_QUOTES = str.maketrans({'"': " ", "“": " ", "”": " "})


# A noun phrase followed by a reporting verb is the subject of an attribution clause ("a police officer said", "two
# residents told AFP"), not a count of victims; "said to be", "reported killed" still describe the people counted.
_SPEAKER_AFTER = re.compile(
    r"\s+(?:(?:also|later|then|has|had|have|earlier)\s+)?"
    rf"(?:{lexicon.alternation('reporting_verbs')})\b"
    r"(?!\s+(?:to|as|killed|dead|missing|wounded|injured|hurt|captured|kidnapped|abducted|arrested|detained)\b)"
    r"(?!-)"
)


_RESTATED_DIGITS = re.compile(r"\s*\(\s*\d[\d,]*\s*\)(?=\s)")


def _analyse(sentence: str, gazetteer: Gazetteer) -> list[_Figure]:
    quoted = sentence
    sentence = sentence.translate(_DOUBLE_QUOTES)
    figures: list[_Figure] = []
    for match in _candidates(sentence):
        if match.phrase != quoted[match.start : match.end]:
            match = CountMatch(match.start, match.end, quoted[match.start : match.end], match.count)
        if figures and match.start < figures[-1].np_end:
            continue  # inside the previous figure's noun phrase ("five members of one family")
        if figures and _in_aside(sentence, figures[-1], match.start):
            continue  # "One constable, X, 33, a father of three, embraced shahadat": the aside counts nobody
        if _is_trap(sentence, match) or _INCLUDING.search(sentence[max(0, match.start - 50) : match.start]):
            continue
        if _RESCUED.search(sentence, max(0, match.start - 40), match.start):
            continue  # "rescued 14 kidnapped victims": freed, not a casualty
        # "thirteen (13) khwarij", "more than fifty (50) soldiers": the digits in brackets restate the count
        restated = _RESTATED_DIGITS.match(sentence, match.end)
        np = _noun_phrase(sentence, restated.end() if restated else match.end, gazetteer)
        compared = figures and figures[-1].outcome is not None and _COMPARED.search(sentence, 0, match.start)
        if np is None and compared and _EARLIER_TAIL.match(sentence[match.end :]):
            np = (match.end, "none", None)
        if np is None:
            # "wounded more than 70 at a market": a figure with no noun after an outcome verb
            if _pre_outcome(sentence, match.start) is None or not _BARE_FIGURE_END.match(sentence[match.end :]):
                continue
            np = (match.end, "none", None)
        np_end, kind, head_outcome = np
        if _RESCUED_AFTER.match(sentence, np_end):
            continue  # "14 kidnapped victims were rescued": freed, not a casualty
        if _SPEAKER_AFTER.match(sentence, np_end):
            continue  # "killing two soldiers, a police officer said": the officer reports the toll, he is not in it
        figure = _Figure(match, match.end, np_end, quoted[match.end : np_end].strip(), kind)
        # "3 BIFF EKIA": an outcome abbreviation after the head is the figure's own outcome
        if head_outcome is not None and (kind != "person" or _ends_in_abbreviation(quoted, match.end, np_end)):
            figure.outcome, figure.outcome_from, figure.outcome_end = head_outcome, "head", np_end
        else:
            # a person head's outcome word is an adjective ("the bodies of two abducted farmers", "4x ISIS EKIA"):
            # an outcome said before or after the figure wins over it
            pre = _pre_outcome(sentence, match.start)
            if pre is not None and _LOST_TO.match(sentence, np_end) and _LOST.search(sentence, 0, match.start):
                pre = None  # "lost 12 members to defections": not a death
            post = _post_outcome(sentence, np_end) if pre is None else None
            if pre is not None:
                figure.outcome, figure.outcome_from, figure.outcome_end = pre, "pre", np_end
            elif post is not None:
                figure.outcome, figure.outcome_from, figure.outcome_end = post[0], "post", post[1]
            elif head_outcome is not None:
                figure.outcome, figure.outcome_from, figure.outcome_end = head_outcome, "head", np_end
            elif compared and figure.kind == "none":
                figure.outcome, figure.outcome_from, figure.outcome_end = figures[-1].outcome, "inherited", np_end
        figures.append(figure)
    _fold_breakdowns(sentence, figures)
    _coordinate(sentence, figures)
    _fold_bodies_into_toll(sentence, figures)
    _fold_ranked_pair(quoted, figures)
    if _NAME_LIST_HINT.search(sentence):
        _count_names(quoted, sentence, figures, gazetteer)
    _count_ranked_one(quoted, sentence, figures, gazetteer)
    if _VERB_BEFORE_NAME.search(sentence):
        _count_named_objects(quoted, sentence, figures, gazetteer)
    return [f for f in figures if f.outcome is not None]


# Words for a force's men, by rank or as a body: "a captain", "an officer", "eleven soldiers", "two policemen".
_SERVICE_HEADS = frozenset(
    word.casefold()
    for name in ("rank_titles", "military_heads", "force_nouns", "police_ranks")
    for entry in lexicon.entries(name)
    for word in (entry, f"{entry}s")
) - frozenset(title.casefold() for title in lexicon.entries("civil_titles"))


def _fold_ranked_pair(quoted: str, figures: list[_Figure]) -> None:
    """ "A captain and eleven soldiers were killed", "an officer and a soldier paid the supreme price": one man named
    by rank and the men with him are one figure of the force's losses (1 + 11), not two."""
    for i in range(len(figures) - 2, -1, -1):
        first, second = figures[i], figures[i + 1]
        if (
            first.kind != "person"
            or second.kind != "person"
            or first.match.phrase.casefold() not in ("a", "an", "one")
            or first.outcome is None
            or first.outcome != second.outcome
            or quoted[first.np_end : second.match.start].strip().casefold() != "and"
            or second.match.count.best is None
            or second.match.count.rule != "exact"
        ):
            continue
        heads = {f.np_text.casefold().split()[-1] for f in (first, second) if f.np_text.split()}
        if (len(heads) != 2 and first.np_text.casefold() != second.np_text.casefold()) or not heads <= _SERVICE_HEADS:
            continue
        phrase = quoted[first.match.start : second.np_end]
        count = parse_count(phrase)  # "A captain and eleven soldiers": the count rules (one owner) read 12
        if count is None or count.best != second.match.count.best + 1:
            continue
        second.match = CountMatch(first.match.start, second.np_end, phrase, count)
        del figures[i]


# The nouns a rank stands for (names.rank_noun), for a list of names: "Sergeant A and Private B" are soldiers.
_PLURAL_NOUNS = {"soldier": "soldiers", "policeman": "policemen", "civilian": "civilians", "commander": "commanders"}
# The end of a subject before a plural outcome: "..., Y and Z, were martyred", "A, B and C embraced martyrdom"; an
# aside may stand between ("A, aged 27, and B, having fought gallantly, embraced shahadat").
_LIST_OUTCOME = re.compile(
    r"(?<=\w)(?=(?P<aside>\s*,\s+having\s+[a-z][a-z ]{1,40}?,)?\s*,?\s+(?:were|have\s+been|had\s+been|all|both"
    r"|embraced|attained|achieved|received|laid|paid|made|died|succumbed|lost)\s)"
)
# A cheap test first: a list of names has a capitalised word before a comma or "and".
_NAME_LIST_HINT = re.compile(r"[A-Z][a-z'’]+(?:,|\s+and\s)")


# An outcome verb before a capitalised word: "killing Musa Bello and his wife", "abducted Aisha Musa".
_VERB_BEFORE_NAME = re.compile(
    r"(?<![\w-])(?:kill(?:ing|ed)|abduct(?:ing|ed)|kidnapp(?:ing|ed)|wound(?:ing|ed)|injur(?:ing|ed)|execut(?:ing|ed)"
    r"|behead(?:ing|ed)|murder(?:ing|ed)|assassinat(?:ing|ed)|arrest(?:ing|ed)|detain(?:ing|ed)|captur(?:ing|ed)"
    r"|shot\s+dead|gunned\s+down)\s+(?=[A-Z])"
)


def _count_named_objects(quoted: str, sentence: str, figures: list[_Figure], gazetteer: Gazetteer) -> None:
    """Named people after an outcome verb are a figure of as many people, unless a figure already covers them."""
    added: list[_Figure] = []
    for verb in _VERB_BEFORE_NAME.finditer(sentence):
        start = verb.end()
        if any(f.match.start <= start < max(f.np_end, f.match.end) for f in figures):
            continue
        outcome = _pre_outcome(sentence, start)
        found = object_list(sentence, start, gazetteer) if outcome is not None else None
        if outcome is None or found is None:
            continue
        stop, people = found
        np_text = ""
        # "killed Captain Musa Ali and two soldiers": a figure joined to the names is counted with them
        joined = next(
            (
                f
                for f in figures
                if f.match.start > stop
                and f.outcome is None
                and f.match.count.rule == "exact"
                and _JOIN.match(sentence[stop : f.match.start])
            ),
            None,
        )
        if joined is not None:
            figures[:] = [f for f in figures if f is not joined]
            people += joined.match.count.best or 0
            stop, np_text = joined.np_end, joined.np_text
        phrase = quoted[start:stop]
        count = Count(phrase=phrase, low=people, best=people, high=people, rule="exact")
        figure = _Figure(CountMatch(start, stop, phrase, count), stop, stop, np_text or phrase, "person")
        figure.outcome, figure.outcome_from, figure.outcome_end = outcome, "pre", stop
        added.append(figure)
    if added:
        figures[:] = sorted([*figures, *added], key=lambda f: f.match.start)


def _count_ranked_one(quoted: str, sentence: str, figures: list[_Figure], gazetteer: Gazetteer) -> None:
    """One person named by rank before a singular outcome, when no figure covers the name already."""
    for start, stop, rank in ranked_people(sentence, gazetteer):
        post = _post_outcome_at(sentence, stop)
        if post is None or any(f.match.start <= start < max(f.np_end, f.outcome_end) for f in figures):
            continue
        count = Count(phrase=quoted[start:stop], low=1, best=1, high=1, rule="exact")
        figure = _Figure(CountMatch(start, stop, count.phrase, count), stop, stop, rank, "person", *post[:1], "post")
        figure.outcome_end = post[1]
        figures[:] = sorted([*figures, figure], key=lambda f: f.match.start)


def _count_names(quoted: str, sentence: str, figures: list[_Figure], gazetteer: Gazetteer) -> None:
    """Figures carried by names and ranks: the whole subject list becomes one figure (see ``names.py``)."""
    for end in _LIST_OUTCOME.finditer(sentence):
        post = _post_outcome_at(sentence, end.end("aside") if end.group("aside") else end.start())
        if post is None:
            continue
        spans = [(f.match.start, f.np_end) for f in figures]
        items = subject_list(sentence, end.start(), spans, gazetteer)
        if items is None:
            continue
        members = [figures[item.figure] for item in items if item.figure is not None]
        if any(member.match.count.rule != "exact" or member.match.count.best is None for member in members):
            continue
        values = {i: figures[i].match.count.best or 0 for i in (item.figure for item in items) if i is not None}
        skip = apposed(items, values)
        total = sum(
            values[item.figure] if item.figure is not None else 1
            for index, item in enumerate(items)
            if index not in skip
        )
        start, stop = items[0].start, items[-1].end
        phrase = quoted[start:stop]
        count = Count(phrase=phrase, low=total, best=total, high=total, rule="exact")
        counted = [
            figures[item.figure] for index, item in enumerate(items) if item.figure is not None and index not in skip
        ]
        heads = counted or members
        head = heads[0] if heads else None
        # names alone: the first one's rank says whose people they are ("Sergeant A and Private B": soldiers)
        ranked = next((rank_noun(quoted[item.start : item.end]) for item in items if item.figure is None), None)
        figure = _Figure(
            CountMatch(start, stop, phrase, count),
            stop,
            stop,
            head.np_text if head else _PLURAL_NOUNS.get(ranked or "", phrase),
            "person",
            post[0],
            "post",
            post[1],
        )
        taken = {id(member) for member in members}
        figures[:] = sorted([f for f in figures if id(f) not in taken] + [figure], key=lambda f: f.match.start)


# "The toll rose to 30 after rescuers recovered 7 more bodies": the bodies found are part of the toll they raise.
_TOLL_BEFORE = re.compile(r"\btoll\b[^.;\d]{0,50}$", re.IGNORECASE)
_BODIES = re.compile(r"\b(?:bodies|corpses|remains)\b", re.IGNORECASE)


def _fold_bodies_into_toll(sentence: str, figures: list[_Figure]) -> None:
    toll = any(
        f.outcome == Outcome.killed and _TOLL_BEFORE.search(sentence, max(0, f.match.start - 60), f.match.start)
        for f in figures
    )
    if toll:
        figures[:] = [
            f
            for f in figures
            if not (
                f.outcome == Outcome.killed
                and _BODIES.search(sentence, max(0, f.match.start - 16), f.np_end)
                and not _TOLL_BEFORE.search(sentence, max(0, f.match.start - 60), f.match.start)
            )
        ]


# A breakdown of a total: "145 terrorists and their families comprising 30 men, 33 women and 82 children
# surrendered" is one figure of 145; the men, women and children are its parts, not more people.
_BREAKDOWN = re.compile(
    r"(?<![\w-])(?:comprising|comprised\s+of|consisting\s+of|made\s+up\s+of|broken\s+down\s+(?:as|into)|namely"
    r"|that\s+is|i\.e\.)\s*[:,]?\s*$",
    re.IGNORECASE,
)


def _fold_breakdowns(sentence: str, figures: list[_Figure]) -> None:
    """Drop the parts of a total; the total takes the outcome said of the whole list ("... 82 children surrendered")."""
    kept: list[_Figure] = []
    index = 0
    while index < len(figures):
        total = figures[index]
        kept.append(total)
        index += 1
        if index == len(figures):
            break
        between = sentence[total.np_end : figures[index].match.start]
        if len(between) > 60 or not _BREAKDOWN.search(between) or re.search(r"[.;]", between):
            continue
        last = figures[index]
        index += 1
        while index < len(figures) and _JOIN.match(sentence[last.np_end : figures[index].match.start]):
            last = figures[index]
            index += 1
        if total.outcome is None and last.outcome is not None:
            total.outcome, total.outcome_from, total.outcome_end = last.outcome, "post", last.outcome_end
    figures[:] = kept


_LOST = re.compile(r"\blost\s+$", re.IGNORECASE)
_LOST_TO = re.compile(
    r"\s+to\s+(?:the\s+)?(?:defections?|desertions?|resignations?|retirement|rivals?|other|another|opposition)\b",
    re.IGNORECASE,
)
_BARE_FIGURE_END = re.compile(
    r"\s*(?:[,.;:)]|$|(?:at|in|on|near|during|when|after|across|and|as|while|from|including|inside|outside|overnight"
    r"|today|yesterday|by|since|following|with)\b)",
    re.IGNORECASE,
)
_JOIN = re.compile(r"^\s*(?:,\s*)?(?:and|as\s+well\s+as|along\s+with|plus)?\s*$", re.IGNORECASE)
# A comparison with an earlier figure: "five killed this week, against eleven the week before".
_COMPARED = re.compile(r",\s*(?:against|compared\s+(?:with|to)|down\s+from|up\s+from)\s+$", re.IGNORECASE)


def _coordinate(sentence: str, figures: list[_Figure]) -> None:
    """Share outcomes across figures joined by "and": "killed 3 civilians and 10 fighters", "left 2 and 3 dead"."""
    for left, right in pairwise(figures):
        between = sentence[left.np_end : right.match.start]
        if not _JOIN.match(between):
            continue
        # "detained five suspects, one of whom ...": a subset described, not another figure
        if (
            right.outcome is None
            and left.outcome is not None
            and left.outcome_from == "pre"
            and right.kind != "pronoun"
        ):
            right.outcome, right.outcome_from, right.outcome_end = left.outcome, "inherited", right.np_end
    for left, right in reversed(list(pairwise(figures))):
        between = sentence[left.np_end : right.match.start]
        if _JOIN.match(between) and left.outcome is None and right.outcome is not None and right.outcome_from == "post":
            left.outcome, left.outcome_from, left.outcome_end = right.outcome, "inherited", right.outcome_end
