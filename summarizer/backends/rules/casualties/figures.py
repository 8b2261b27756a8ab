"""Casualty figures: the phrase-level reading of a figure in a sentence (a count of people, the noun phrase it
counts, the outcome words before or after it, and the numbers that are no figures: ages, dates, traps). Joining
one sentence's figures is :mod:`.statements`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from summarizer import lexicon
from summarizer.backends.rules.casualties.vocabulary import (
    _ACTIVE_OBJECT,
    _ARTICLE_FIGURE,
    _AUX_SEEN,
    _HEAD_OUTCOMES,
    _MODIFIERS,
    _NOT_A_FIGURE_AFTER,
    _NOT_A_FIGURE_BEFORE,
    _OTHERS,
    _PERSON_NOUNS,
    _POST_RE,
    _PRE_LAST_WORDS,
    _PRE_RE,
    _PRONOUN_TAIL,
    _STOP_WORDS,
    _TRANSITIVE,
)
from summarizer.counts import CountMatch, find_counts, parse_count
from summarizer.gazetteer import Gazetteer
from summarizer.models import (
    Actor,
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
# a word of a noun phrase; an age is one too ("a 51-year-old teacher")
_TOKEN = re.compile(
    r"(?:\s+|(?=[\"“”‘’']))(?:[\"“”‘’']\s*)?(\d{1,3}-years?-old|[A-Za-z][\w'’.-]*\w|[A-Za-z])[\"“”‘’']?"
)
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
        return pos + pronoun.end(), "own" if pronoun.group("own") else "pronoun", None
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
    r"^\s+(?:(?:who|that)\s+(?:[\w'’-]+\s+){1,6}?(?=(?:were|was|had|have|has|suffered|sustained|died)\b)"
    r"|of\s+(?:the\s+)?(?:[\w'’()-]+\s+){0,5}?"
    # "three soldiers of the Defence Forces fell on the field of honour": an active verb of dying counts too
    r"(?=(?:were|was|had|have|has|died|fell|perished|succumbed|embraced|attained|laid|paid|gave|lost)\b)|[a-z]+ing\s+(?:[\w'’-]+\s+){0,5}?(?=(?:were|was|had|have|has)\b))"
    # the rest of a unit's or force's name after "of <actor>": "two jawans of the CoBRA 210 Battalion were injured",
    # "a soldier of the Armed Forces of Haiti (FAd'H) was killed"
    r"|^\s+(?:(?:[A-Z0-9(][\w'’().-]*)\s+){1,3}(?=(?:were|was)\s)"
    r"|^\s*,\s*(?:(?:the|his|her|their|its)\s+[\w'’ -]{1,30}?|(?:including|among\s+them)\s+[^,;.]{1,40}?"
    r"|(?:having|who)\s+[^,;.]{1,60}?"
    # "four civilians, two of them children, died", "20 residents, mostly young people, had been taken"
    r"|(?:\w+\s+of\s+(?:them|whom)|mostly|mainly|most\s+of\s+them|all\s+of\s+them)\s+[^,;.]{1,40}?)\s*(?=,)"
    # "Seven passengers were offloaded from two coaches and shot dead": a first verb, then the outcome
    r"|^\s+(?:were|was)\s+[a-z]+ed\s+(?:[\w'’-]+\s+){0,6}?and\s+(?=(?:shot|killed|executed|gunned|beheaded|hacked)\b)"
    # an acronym after a name: "Three members of the New People's Army (NPA) were neutralized"
    r"|^\s*\([^()]{1,20}\)\s*(?=(?:were|was|had|have|has)\b)",
    re.IGNORECASE,
)


# A run of asides set off by commas between a figure and its outcome: "Three terrorists, believed to be foreign
# nationals, were killed", "One soldier, Sepoy Nadeem Khan, 26, a resident of Karak, embraced shahadat".
_ASIDE = (
    r"(?:(?:believed|thought|said|reported|suspected|understood|alleged)\s+to\s+[^,;.]{1,80}?"
    r"|(?:belonging|linked|loyal|affiliated|attached|identified|posted|deployed)\s+[^,;.]{1,60}?"
    # a description, but not a list of the people counted ("two passengers, a man and a woman, were hurt")
    r"|(?:[A-Z][\w'’.-]*\s+){0,3}[A-Z][\w'’.-]*|(?:aged\s+)?\d{1,2}|(?:an?|the)\s+[a-z](?:(?!\band\b)[^,;.]){1,40}?)"
)
_ASIDES = re.compile(rf"(?:\s*,\s*{_ASIDE}){{1,4}}\s*,|\s*\([^()]{{1,40}}\)")  # or "(CTG)" after a group's name


def _in_aside(sentence: str, figure: _Figure, pos: int) -> bool:
    """Whether ``pos`` lies in the asides between ``figure`` and the outcome said after them."""
    if figure.outcome_from != "post" or pos >= figure.outcome_end:
        return False
    asides = _ASIDES.match(sentence, figure.np_end)
    return asides is not None and pos < asides.end()


def _post_outcome(sentence: str, pos: int) -> tuple[Outcome, int] | None:
    found = _post_outcome_at(sentence, pos)
    if found is None:
        joined = _COORDINATED_NP.match(sentence[pos:]) or _INSERTED_CLAUSE.match(sentence[pos:])
        if joined:
            found = _post_outcome_at(sentence, pos + joined.end())
    if found is None and (asides := _ASIDES.match(sentence, pos)) is not None:
        found = _post_outcome_at(sentence, asides.end())
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


# how far before a figure its outcome words may start; a toll's subject may be told much further back ("The number
# of people killed when shells struck the camp on the edge of the city on Sunday has risen to 34")
_PRE_CHARS = 60
_TOLL_CHARS = 220
_TOLL_SUBJECT = re.compile(r"(?i)^(?:the\s+)?(?:(?:death\s+)?toll|death\s+count|number\s+of)\b")


def _pre_outcome(sentence: str, pos: int) -> Outcome | None:
    found = _pre_outcome_within(sentence, pos, _PRE_CHARS)
    if found is not None:
        return found
    longer = _pre_outcome_within(sentence, pos, _TOLL_CHARS, toll_only=True)
    return longer


def _pre_outcome_within(sentence: str, pos: int, reach: int, *, toll_only: bool = False) -> Outcome | None:
    # "the killing of (5) terrorists", 'had "eliminated" two militants': brackets and quotes are not words
    before = sentence[max(0, pos - reach) : pos].rstrip(" (\"“”‘’'") + " "
    # "killing all three of them", "wounding both": a quantifier between the verb and the figure
    before = _QUANTIFIER_END.sub(" ", before)
    words = before.rsplit(None, 1)
    if not words or words[-1].lower().strip("\"“”‘’'") not in _PRE_LAST_WORDS:
        return None
    for pattern, outcome in _PRE_RE:
        found = pattern.search(before)
        if found and (not toll_only or _TOLL_SUBJECT.match(found.group("out"))):
            return outcome
    return None


# "One officer was killed and another was wounded", "a third died in hospital": one more of the same victims.
_ANOTHER = re.compile(
    r"(?<![\w-])(?:another|a\s+(?:second|third|fourth|fifth))(?=\s+(?:was|were|had|has|died|is|later|also)\b"
    # "a volunteer was shot dead and another wounded": the verb left out after "and"
    r"|(?<=and\sanother)\s+(?:wounded|injured|hurt|killed)\b)",
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


# An age after one person's noun: "a man of 28", "a shopkeeper of 61" (Spanish and French "un hombre de 28 años")
_ONE_PERSON = sorted(
    {
        lexicon.singular(w)
        for w in (*lexicon.entries("person_nouns"), *lexicon.entries("civilian_nouns"))
        if " " not in w
    }
    # collective nouns count their members: "a family of 8"
    - {"family", "household", "tribe", "village", "displaced", "personnel", "people", "crew", "convoy"},
    key=len,
    reverse=True,
)
_AGE_OF = re.compile(
    rf"\b(?:{'|'.join(re.escape(w) for w in _ONE_PERSON)})\s+of\s+$", re.IGNORECASE
)
_AGE_OF_AFTER = re.compile(r"^(?!\s+(?:people|persons|others|more)\b)")


def _is_age(before: str, after: str, match: CountMatch) -> bool:
    value = match.count.best
    if not match.phrase.isdigit() or value is None or value > 110:
        return False
    if _AGE_OF.search(before) is not None and _AGE_OF_AFTER.match(after) is not None:
        return True
    return _AGE_BEFORE.search(before) is not None and _AGE_AFTER.match(after) is not None


# "Some were hit by stray bullets, while others were found shot": the dead told before, split into parts
_SOME_THEN_OTHERS = re.compile(r"(?i)^\s*(?:some|many|most)\s*$")
_SOME_OTHERS_REST = re.compile(r"(?i)\s+(?:were|was|had|have)\b[^.;]*?\b(?:others|the\s+rest)\b")


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
    if _SOME_THEN_OTHERS.match(match.phrase) and _SOME_OTHERS_REST.match(sentence, match.end):
        return True
    value = match.count.best or 0
    return match.phrase.isdigit() and len(match.phrase) == 4 and 1900 <= value <= 2100  # a year
