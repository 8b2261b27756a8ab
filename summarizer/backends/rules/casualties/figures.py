"""Casualty figures: finding a figure statement in a sentence (a count of people tied to an outcome) and
sharing outcomes across figures joined by "and".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from summarizer import lexicon
from summarizer.backends.rules.casualties.names import apposed, object_list, ranked_people, subject_list
from summarizer.backends.rules.casualties.vocabulary import (
    _ACTIVE_OBJECT,
    _ARTICLE_FIGURE,
    _AUX_SEEN,
    _EARLIER_TAIL,
    _HEAD_OUTCOMES,
    _INCLUDING,
    _MODIFIERS,
    _NOT_A_FIGURE_AFTER,
    _NOT_A_FIGURE_BEFORE,
    _OTHERS,
    _PERSON_NOUNS,
    _POST_RE,
    _PRE_LAST_WORDS,
    _PRE_RE,
    _PRONOUN_TAIL,
    _RESCUED,
    _RESCUED_AFTER,
    _STOP_WORDS,
    _TRANSITIVE,
)
from summarizer.counts import CountMatch, find_counts, parse_count
from summarizer.gazetteer import Gazetteer
from summarizer.models import (
    Actor,
    Count,
    Outcome,
)

# --------------------------------------------------------------------------- figure analysis


@dataclass
class _Figure:
    match: CountMatch  # span relative to the sentence
    np_start: int
    np_end: int
    np_text: str
    kind: str  # person | others | pronoun | none | head-outcome
    outcome: Outcome | None = None
    outcome_from: str = ""  # pre | post | head | inherited
    outcome_end: int = 0  # end of the outcome words (sentence-relative)
    victims: Actor | None = None


_PARTITIVE = re.compile(r"^\s+of\s+(?:the|its|their|our|his|her|these|those)\s", re.IGNORECASE)
_TOKEN = re.compile(r"(?:\s+|(?=[\"“”‘’']))(?:[\"“”‘’']\s*)?([A-Za-z][\w'’.-]*\w|[A-Za-z])[\"“”‘’']?")
_OF_ACTOR = re.compile(r"\s+of\s+(?:the\s+)?", re.IGNORECASE)
_NONE_FOLLOWERS = {
    "were", "was", "have", "has", "had", "are", "is", "got", "being", "been", "also", "reportedly", "who", "killed",
    "dead", "died", "wounded", "injured", "lost", "and", "sustaining", "suffering", "among", "missing", "remain",
    "captured", "arrested", "detained", "abducted", "kidnapped", "surrendered", "martyred", "hurt", "all", "went",
    "escaped",
}  # fmt: skip


_REMAINS = {"bodies", "corpses", "body", "corpse"}
# Up to two describing words before "bodies": "seven more bodies", "nine bullet-riddled bodies", "3 decomposed
# bodies" (lower-case words, so "three ISIS bodies" is left to the actor reading).
_COUNTED_REMAINS = re.compile(r"(?:\s+[a-z][a-z-]*){0,2}?\s+(?:[Bb]odies|[Cc]orpses)(?![\w-])")
_OF_PERSON = re.compile(r"\s+of\s+(?=\S)", re.IGNORECASE)


def _is_person_word(word: str, gazetteer: Gazetteer) -> bool:
    low = word.lower()
    if low.endswith(("'s", "’s")):
        return False  # a possessive modifies the head after it: "a New People's Army rebel"
    if low in _PERSON_NOUNS:
        return True
    return word[:1].isupper() and gazetteer.actor_entry(word) is not None and low not in _MODIFIERS


def _head_follows(rest: str, pos: int, gazetteer: Gazetteer) -> bool:
    token = _TOKEN.match(rest, pos)
    return token is not None and _is_person_word(token.group(1), gazetteer)


def _noun_phrase(sentence: str, pos: int, gazetteer: Gazetteer) -> tuple[int, str, Outcome | None] | None:
    """Read the noun phrase after a count at ``pos``: ``(end, kind, head_outcome)``; None if it counts things."""
    if sentence[pos : pos + 1] == ")":
        pos += 1  # "(5) terrorists"
    rest = sentence[pos:]
    pronoun = _PRONOUN_TAIL.match(rest)
    if pronoun:
        return pos + pronoun.end(), "pronoun", None
    # A partitive: "three of its fighters", "six of the attackers": read the noun phrase after "of".
    remains = _COUNTED_REMAINS.match(rest)
    if remains and not _OF_PERSON.match(rest, remains.end()):
        return pos + remains.end(), "head-outcome", Outcome.killed  # "37 bodies", "seven more charred bodies"
    partitive = _PARTITIVE.match(rest)
    offset = partitive.end() - 1 if partitive else 0
    head_end: int | None = None
    kind = ""
    unknown = 0
    adjective: Outcome | None = None
    # A head that is also a modifier ("tribal", "security", "militant") may modify a later head: "two Tribal
    # Mobilization fighters" is one phrase, read on while modifiers follow.
    tentative = False
    for index in range(7):
        token = _TOKEN.match(rest, offset)
        if token is None:
            break
        word = token.group(1)
        low = word.lower()
        if index == 0 and low in _REMAINS and (of := _OF_PERSON.match(rest, token.end())) is not None:
            # "at least two bodies of attackers": the dead, counted by their bodies
            inner = _noun_phrase(sentence, pos + of.end() - 1, gazetteer)
            if inner is not None and inner[1] == "person":
                return inner[0], "person", Outcome.killed
        if index == 0 and low in _HEAD_OUTCOMES and low not in _REMAINS and _head_follows(rest, token.end(), gazetteer):
            adjective = _HEAD_OUTCOMES[low]  # "two abducted farmers": an outcome used as an adjective
        elif low in _HEAD_OUTCOMES and (
            index == 0
            or (word.isupper() and (head_end is None or kind == "person"))
            or (tentative and kind == "person")
        ):
            # "15 deaths"; an abbreviation after modifiers: "4x ISIS EKIA", "two Taliban KIA"; after a person word
            # used as a modifier: "612 civilian deaths", "three police casualties"
            return pos + token.end(), "person" if index else "head-outcome", _HEAD_OUTCOMES[low]
        if _is_person_word(word, gazetteer):
            head_end, kind = token.end(), "person"
            tentative = low in _MODIFIERS
        elif low in _OTHERS and index <= 1 and head_end is None and not _head_follows(rest, token.end(), gazetteer):
            head_end, kind = token.end(), "others"
            break
        elif (head_end is None or tentative) and (low in _MODIFIERS or word[:1].isupper() or "-" in word):
            pass  # a modifier: only kept if a head follows
        elif head_end is None and unknown == 0 and low.isalpha() and low not in _STOP_WORDS:
            unknown += 1  # one unknown word may modify a person noun ("truffle hunters")
        else:
            break
        offset = token.end()
    if head_end is None and offset:
        # A run of modifiers that names a force: "three security forces were killed".
        run = rest[:offset]
        found = [m for m in gazetteer.find_actors(run) if m.end == len(run.rstrip(" \"'”’"))]
        if found:
            head_end, kind = offset, "person"
    if head_end is not None:
        if kind == "person":
            head_end = _of_whom(rest, head_end, gazetteer)
        return pos + head_end, kind, adjective
    first = re.match(r"\s*([A-Za-z]+)", rest)
    if first is None or re.match(r"\s*[,.;)\]]", rest):
        return pos, "none", None
    if first.group(1).lower() in _NONE_FOLLOWERS:
        return pos, "none", None
    return None


def _of_whom(rest: str, head_end: int, gazetteer: Gazetteer) -> int:
    """A person head read on through "of <actor>" or "of one family": "two members of the PKK"."""
    of = _OF_ACTOR.match(rest, head_end)
    if not of:
        return head_end
    tail = rest[of.end() : of.end() + 80]
    # "members of a Maoist militia", "members of the communist New People's Army": an article and a lower-case
    # description before the actor are read through
    skip = len(tail) - len(re.sub(r"^[\"“”‘’'\s]*(?:an?\s+(?=[A-Za-z]))?(?:[a-z][\w-]*\s+){0,2}(?=[A-Z])", "", tail))
    found = [m for m in gazetteer.find_actors(tail[skip:]) if m.start == 0]
    family = re.match(r"(?:one|a|their|the\s+same)\s+(family|families|village|tribe|household)\b", tail)
    if found:
        return of.end() + skip + found[0].end
    if family:
        return of.end() + family.end()
    return head_end




_COORDINATED_NP = re.compile(r"^\s+and\s+(?:(?:an?|the|their|his|one|other)\s+)?(?:[\w'’-]+\s+){0,2}?[\w'’-]+(?=\s)")
_COORDINATED_LONGER = [
    re.compile(rf"\s+and\s+(?:(?:an?|the|their|his|one|other)\s+)?(?:[\w'’-]+\s+){{{n}}}[\w'’-]+(?=\s)") for n in (1, 2)
]


# "two soldiers who rushed to help were also hurt", "two soldiers of the 5th Brigade were killed"
# "18 people gathering firewood were killed", "a fourth soldier, the driver, survived with burns", "four members of
# one family, including two children, were shot dead": a participle clause, an appositive or an aside
_INSERTED_CLAUSE = re.compile(
    r"^\s+(?:(?:who|that)\s+(?:[\w'’-]+\s+){1,6}?(?=(?:were|was|had|have|has)\b)|of\s+(?:the\s+)?(?:[\w'’-]+\s+){0,4}?"
    r"(?=(?:were|was|had|have|has)\b)|[a-z]+ing\s+(?:[\w'’-]+\s+){0,5}?(?=(?:were|was|had|have|has)\b))"
    # the rest of a unit's or force's name after "of <actor>": "two jawans of the CoBRA 210 Battalion were injured",
    # "a soldier of the Armed Forces of Haiti (FAd'H) was killed"
    r"|^\s+(?:(?:[A-Z0-9(][\w'’().-]*)\s+){1,3}(?=(?:were|was)\s)"
    r"|^\s*,\s*(?:(?:the|his|her|their|its)\s+[\w'’ -]{1,30}?|(?:including|among\s+them)\s+[^,;.]{1,40}?"
    r"|(?:having|who)\s+[^,;.]{1,60}?"
    # "four civilians, two of them children, died", "20 residents, mostly young people, had been taken"
    r"|(?:\w+\s+of\s+(?:them|whom)|mostly|mainly|most\s+of\s+them|all\s+of\s+them)\s+[^,;.]{1,40}?)\s*(?=,)"
    # an acronym after a name: "Three members of the New People's Army (NPA) were neutralized"
    r"|^\s*\([^()]{1,20}\)\s*(?=(?:were|was|had|have|has)\b)",
    re.IGNORECASE,
)


def _post_outcome(sentence: str, pos: int) -> tuple[Outcome, int] | None:
    found = _post_outcome_at(sentence, pos)
    if found is None:
        joined = _COORDINATED_NP.match(sentence[pos:]) or _INSERTED_CLAUSE.match(sentence[pos:])
        if joined:
            found = _post_outcome_at(sentence, pos + joined.end())
    if found is None:
        # "and their family members surrendered": a longer coordinated noun phrase
        for pattern in _COORDINATED_LONGER:
            joined = pattern.match(sentence, pos)
            if joined and (found := _post_outcome_at(sentence, joined.end())) is not None:
                break
    return found


def _post_outcome_at(sentence: str, pos: int) -> tuple[Outcome, int] | None:
    rest = sentence[pos:]
    for pattern, outcome in _POST_RE:
        match = pattern.match(rest)
        if match is None:
            continue
        words = match.group("out").lower()
        bare = not _AUX_SEEN.search(match.group(0)[: match.start("out")])
        if bare and words.split()[0] in _TRANSITIVE and _ACTIVE_OBJECT.match(rest[match.end() :]):
            return None  # active voice: the figure did the killing
        return outcome, pos + match.end()
    return None




_QUANTIFIER_END = re.compile(r"(?<=\s)(?:all(?:\s+the)?|both|the)\s+$", re.IGNORECASE)


def _pre_outcome(sentence: str, pos: int) -> Outcome | None:
    # "the killing of (5) terrorists", 'had "eliminated" two militants': brackets and quotes are not words
    before = sentence[max(0, pos - 60) : pos].rstrip(" (\"“”‘’'") + " "
    # "killing all three of them", "wounding both": a quantifier between the verb and the figure
    before = _QUANTIFIER_END.sub(" ", before)
    words = before.rsplit(None, 1)
    if not words or words[-1].lower().strip("\"“”‘’'") not in _PRE_LAST_WORDS:
        return None
    for pattern, outcome in _PRE_RE:
        if pattern.search(before):
            return outcome
    return None


# "One officer was killed and another was wounded", "a third died in hospital": one more of the same victims.
_ANOTHER = re.compile(
    r"(?<![\w-])(?:another|a\s+(?:second|third|fourth|fifth))(?=\s+(?:was|were|had|has|died|is|later|also)\b)",
    re.IGNORECASE,
)


# "killed two militants and captured a third": one more person, ending the clause after an outcome verb.
_ONE_MORE_AT_END = re.compile(
    r"(?<![\w-])(?:another|a\s+(?:second|third|fourth|fifth))(?=\s*(?:[,.;]|$|\s+(?:in|at|on|during|near|when|while"
    r"|after|before|as|and)\b))",
    re.IGNORECASE,
)


_TIMES = re.compile(r"(?<![\w.,])(\d{1,4})\s?[x×](?=\s+[A-Z])")


def _ends_in_abbreviation(quoted: str, start: int, end: int) -> bool:
    words = quoted[start:end].split()
    return bool(words) and words[-1].isupper() and len(words[-1]) > 1


# A revised toll: "revised from 10 to 17", "rose from 10 to 17 overnight" names the new figure, which replaces the old;
# it is no range of 10 to 17.
_REVISION = re.compile(
    r"\b(?:revised|raised|rose|risen|climbed|increased|jumped|updated|corrected|lowered|reduced|cut|went\s+up|grew"
    r"|toll|tally|count)\b(?:\s+(?:upwards?|downwards?|up|down))?\s+from\s+$",
    re.IGNORECASE,
)
_RANGE_TO = re.compile(r"\s+to\s+", re.IGNORECASE)


def _revised(sentence: str, match: CountMatch) -> CountMatch:
    """The new figure of a revision read as a range ("from 10 to 17": 17), else ``match`` itself."""
    if not _REVISION.search(sentence, max(0, match.start - 60), match.start):
        return match
    to = _RANGE_TO.search(match.phrase)
    if to is None:
        return match
    start = match.start + to.end()
    count = parse_count(sentence[start : match.end])
    return CountMatch(start, match.end, sentence[start : match.end], count) if count is not None else match


def _candidates(sentence: str) -> list[CountMatch]:
    found = [_revised(sentence, c) for c in find_counts(sentence)]
    taken = [(c.start, c.end) for c in found]
    for match in _ONE_MORE_AT_END.finditer(sentence):
        if not any(s <= match.start() < e for s, e in taken) and _pre_outcome(sentence, match.start()) is not None:
            count = parse_count("one person")
            if count is not None:
                found.append(CountMatch(match.start(), match.end(), match.group(0), count))
                taken.append((match.start(), match.end()))
    for match in _TIMES.finditer(sentence):  # "4x ISIS EKIA": a tally written as a multiplier
        if not any(s <= match.start() < e for s, e in taken):
            count = parse_count(match.group(1))
            if count is not None:
                found.append(CountMatch(match.start(), match.end(), match.group(0), count))
                taken.append((match.start(), match.end()))
    for match in _ANOTHER.finditer(sentence):
        if not any(s <= match.start() < e for s, e in taken):
            count = parse_count("one person")
            if count is not None:
                found.append(CountMatch(match.start(), match.end(), match.group(0), count))
    for match in _ARTICLE_FIGURE.finditer(sentence):
        if any(s <= match.start() < e for s, e in taken):
            continue
        word = match.group(0).strip()
        count = parse_count("one person" if word.lower() == "another" else f"{word} person")
        if count is not None:
            found.append(CountMatch(match.start(), match.start() + len(word), word, count))
    return sorted(found, key=lambda c: c.start)


# An age after a name: "Ahmed Salim, 34, was killed", "Private Ali Hassan (22)".
_AGE_BEFORE = re.compile(r"[A-Z\u00c0-\u024f\u1e00-\u1eff][\w'’.-]*(?:,\s*|\s+\()$")
_AGE_AFTER = re.compile(r"^\s*[,)]")


# "one of the dead was a commander": identifies a victim already counted.
_ONE_OF_THE_DEAD = re.compile(r"^\s+of\s+(?:the|those)\s+(?:dead|killed|wounded|injured|victims|casualties)\b", re.I)


def _is_age(before: str, after: str, match: CountMatch) -> bool:
    value = match.count.best
    return (
        match.phrase.isdigit()
        and value is not None
        and value <= 110
        and _AGE_BEFORE.search(before) is not None
        and _AGE_AFTER.match(after) is not None
    )


def _is_trap(sentence: str, match: CountMatch) -> bool:
    before = sentence[max(0, match.start - 20) : match.start]
    after = sentence[match.end : match.end + 20]
    if _is_age(before, after, match) or _ONE_OF_THE_DEAD.match(after):
        return True
    if _NOT_A_FIGURE_BEFORE.search(before) and not re.search(r"\bthe\s*$", before):
        return True
    if re.search(r"\bthe\s*$", before) and match.count.rule == "exact" and not match.phrase[0].isdigit():
        return False  # "the two soldiers" is fine; "the 52" is caught by the ordinal rule
    if _NOT_A_FIGURE_AFTER.match(after):
        return True
    value = match.count.best or 0
    return match.phrase.isdigit() and len(match.phrase) == 4 and 1900 <= value <= 2100  # a year


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


def _analyse(sentence: str, gazetteer: Gazetteer) -> list[_Figure]:
    quoted = sentence
    sentence = sentence.translate(_DOUBLE_QUOTES)
    figures: list[_Figure] = []
    for match in _candidates(sentence):
        if match.phrase != quoted[match.start : match.end]:
            match = CountMatch(match.start, match.end, quoted[match.start : match.end], match.count)
        if figures and match.start < figures[-1].np_end:
            continue  # inside the previous figure's noun phrase ("five members of one family")
        if _is_trap(sentence, match) or _INCLUDING.search(sentence[max(0, match.start - 25) : match.start]):
            continue
        if _RESCUED.search(sentence, max(0, match.start - 40), match.start):
            continue  # "rescued 14 kidnapped victims": freed, not a casualty
        np = _noun_phrase(sentence, match.end, gazetteer)
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
    if _NAME_LIST_HINT.search(sentence):
        _count_names(quoted, sentence, figures, gazetteer)
    _count_ranked_one(quoted, sentence, figures, gazetteer)
    if _VERB_BEFORE_NAME.search(sentence):
        _count_named_objects(quoted, sentence, figures, gazetteer)
    return [f for f in figures if f.outcome is not None]


# The end of a subject before a plural outcome: "..., Y and Z, were martyred", "A, B and C embraced martyrdom".
_LIST_OUTCOME = re.compile(
    r"(?<=\w)(?=\s*,?\s+(?:were|have\s+been|had\s+been|all|both|embraced|attained|achieved|received|laid|paid"
    r"|made)\s)"
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
        post = _post_outcome_at(sentence, end.start())
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
        figure = _Figure(
            CountMatch(start, stop, phrase, count),
            stop,
            stop,
            head.np_text if head else phrase,
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
