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
to an outcome and so yield nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from summarizer import lexicon
from summarizer.counts import CountMatch, find_counts, parse_count
from summarizer.gazetteer import ActorEntry, Gazetteer, Mention, default_gazetteer
from summarizer.models import (
    Actor,
    ActorCategory,
    Alignment,
    CasualtyReport,
    Claimant,
    Count,
    EventDate,
    Evidence,
    Operation,
    Outcome,
    Place,
)
from summarizer.sentences import split_sentences

#: Canonical name for victims a text does not name (gazetteer entry shared with the gold fixtures).
UNSPECIFIED = "Unspecified"

SpanMap = Callable[[int, int], tuple[int, int]]

# --------------------------------------------------------------------------- vocabulary

_PERSON_NOUNS = lexicon.words("person_nouns")
_OTHERS = {"others", "other", "more"}
_MODIFIERS = lexicon.words("person_modifiers")
_PRONOUN_TAIL = re.compile(r"^\s+of\s+(?:them|those|whom|these)\b", re.IGNORECASE)

# Outcome words after a figure's noun phrase, most specific first.
_POST_OUTCOMES: list[tuple[str, Outcome]] = [
    (
        r"killed\s+(?:and|or)\s+(?:wounded|injured)|dead\s+(?:and|or)\s+(?:wounded|injured)|casualties",
        Outcome.killed_or_wounded,
    ),
    (
        r"shot\s+dead|shot\s+and\s+killed|gunned\s+down|lost\s+their\s+lives|lost\s+his\s+life|lost\s+her\s+life"
        r"|killed|dead|died|martyred|perished|slain|executed|beheaded|murdered|among\s+the\s+dead|fatalities"
        r"|liquidated|eliminated|neutrali[sz]ed",
        Outcome.killed,
    ),
    (
        r"(?:sustain(?:ing|ed)|suffer(?:ing|ed)|receiv(?:ing|ed))\s+(?:\w+\s+)?(?:injuries|wounds)|shot\s+and\s+wounded"
        r"|wounded|injured|hurt|hospitali[sz]ed|among\s+the\s+(?:wounded|injured)"
        r"|survived\s+with\s+(?:[\w-]+\s+){0,2}?(?:burns|injuries|wounds)|suffered\s+(?:[\w-]+\s+)?burns"
        r"|hit\s+by\s+(?:shrapnel|gunfire|bullets?|a\s+bullet|sniper\s+fire|stray\s+bullets?)"
        r"|(?:admitted|taken|rushed|evacuated)\s+(?:to\s+(?:a\s+|the\s+)?hospitals?\s+)?with\s+(?:[\w-]+\s+){0,4}?"
        r"(?:wounds|injuries)",
        Outcome.wounded,
    ),
    (r"taken\s+(?:prisoner|captive|hostage)|captured|abducted|kidnapped|seized", Outcome.captured),
    (
        # "held" only after an auxiliary ("27 suspects were held"): "held talks", "held responsible" are no arrests
        r"taken\s+into\s+custody|arrested|detained|apprehended|rounded\s+up|nabbed"
        r"|(?<=were\s)held(?!\s+(?:responsible|accountable|talks|a\s|an\s|the\s|meetings?))"
        r"|(?<=was\s)held(?!\s+(?:responsible|accountable|talks|a\s|an\s|the\s|meetings?))"
        r"|(?<=been\s)held(?!\s+(?:responsible|accountable|talks|a\s|an\s|the\s|meetings?))",
        Outcome.arrested,
    ),
    (r"surrendered|gave\s+themselves\s+up|turned\s+themselves\s+in|handed\s+themselves\s+over", Outcome.surrendered),
    (r"went\s+missing|unaccounted\s+for|missing", Outcome.missing),
]
_AUX = (
    r"(?:(?:who|that|were|was|have|has|had|are|is|got|being|been|also|reportedly|allegedly|later|all|each|both"
    r"|subsequently|remain|remained|remains|still|now|then|seriously|critically|severely|lightly|slightly|badly"
    r"|fatally|mortally|moderately)\s+){0,4}"
)
_POST_RE = [
    (re.compile(rf"^\s*,?\s*{_AUX}(?P<out>{words})(?![\w-])", re.IGNORECASE), outcome)
    for words, outcome in _POST_OUTCOMES
]
_AUX_SEEN = re.compile(r"\b(?:were|was|have|has|had|are|is|got|being|been)\b", re.IGNORECASE)
# An object after a bare past tense means active voice ("two gunmen killed three soldiers"): not an outcome.
_ACTIVE_OBJECT = re.compile(
    r"^\s+(?:the|a|an|his|her|their|its|several|dozens|scores|at\s+least|more\s+than|over|nearly|\d|one|two|three|four"
    r"|five|six|seven|eight|nine|ten|[A-Z])(?![a-z])",
)

# Outcome words immediately before a figure.
_PRE_OUTCOMES: list[tuple[str, Outcome]] = [
    (
        r"kill(?:ing|ed)\s+(?:and|or)\s+(?:wound|injur)(?:ing|ed)|wound(?:ing|ed)\s+(?:and|or)\s+kill(?:ing|ed)"
        r"|casualties\s+(?:among|of)",
        Outcome.killed_or_wounded,
    ),
    (
        r"kill(?:ing|ed|s)?(?:\s+of)?|deaths?\s+of|lives\s+of|execut(?:ing|ed|ion\s+of)|behead(?:ing|ed)|murder(?:ing|ed|\s+of)"
        r"|slaying(?:\s+of)?|shot\s+dead|gunned\s+down|martyrdom\s+of|(?:death\s+)?toll\s+(?:(?:has|had)\s+)?(?:of|at|to|"
        r"(?:[^.;]{0,60}?\b)?(?:rose|risen|climbed|reached|increased|jumped|stands|stood|hit)\s+(?:to|at))"
        r"|(?:bodies|corpses|remains)\s+of|eliminat(?:ed|ing)|neutrali[sz](?:ed|ing)|liquidat(?:ed|ing)",
        Outcome.killed,
    ),
    (r"wound(?:ing|ed|s)?(?:\s+of)?|injur(?:ing|ed|es|e)(?:\s+of)?|injur(?:ies|y)\s+(?:to|of)", Outcome.wounded),
    (
        r"captur(?:ing|ed|e\s+of)|abduct(?:ing|ed|ion\s+of)|kidnapp(?:ing|ed)(?:\s+of)?|took\s+(?:prisoner|hostage)"
        r"|taking\s+(?:prisoner|hostage)",
        Outcome.captured,
    ),
    (
        r"arrest(?:ing|ed|s|\s+of)|detain(?:ing|ed|s)|detention\s+of|apprehend(?:ing|ed)|round(?:ing|ed)\s+up|nabb(?:ing|ed)",
        Outcome.arrested,
    ),
    (r"surrender\s+of", Outcome.surrendered),
    (r"disappearance\s+of", Outcome.missing),
]
_PRE_RE = [(re.compile(rf"(?<![\w-])(?P<out>{words})\s+$", re.IGNORECASE), outcome) for words, outcome in _PRE_OUTCOMES]

# An outcome noun as the figure's head: "nearly a dozen casualties", "15 deaths".
_HEAD_OUTCOMES = {
    word: Outcome(outcome) for outcome, heads in lexicon.mapping("outcome_heads").items() for word in heads
}

_MONTHS = rf"(?:{lexicon.alternate([*lexicon.entries('months'), *lexicon.entries('month_abbreviations')])})\.?"
_WEEKDAYS = rf"(?:{lexicon.alternation('weekdays')})"
_DATE_RE = re.compile(
    rf"\b(?:(?:(?:late|early)\s+(?:on\s+)?)?(?:on\s+)?(?:last\s+|this\s+|next\s+|the\s+following\s+)?{_WEEKDAYS}(?:\s+(?:night|morning|evening|afternoon))?"
    rf"|(?:(?:in|since|during|until|by|from)\s+)?(?:(?:early|late|mid)[\s-]+)?{_MONTHS}(?:\s+\d{{1,2}})?(?:,?\s+\d{{4}})?(?!\w)"
    rf"|(?:on\s+)?\d{{1,2}}\s+{_MONTHS}(?:\s+\d{{4}})?"
    r"|(?:(?:in|since|during)\s+(?:(?:early|late|mid)[\s-]+)?)?(?:19|20)\d\d(?!\w)"
    r"|last\s+(?:night|week|month|year|weekend)|yesterday|today|tonight|this\s+(?:morning|week|month|year)"
    r"|earlier\s+(?:this|last)\s+(?:week|month|year)|(?:in|over)\s+(?:recent|the\s+past|the\s+last)\s+(?:few\s+)?(?:days|weeks|months|years|week|month|year)"
    r"|on\s+the\s+following\s+day|the\s+following\s+day|the\s+day\s+before)",
    re.IGNORECASE,
)
# Time phrases that place an incident before the article's news event (context, not news).
_BACKGROUND_RE = re.compile(
    rf"\b(?:in|since|during|until|by|from|throughout)\s+(?:the\s+month\s+of\s+)?(?:(?:early|late|mid)[\s-]+)?"
    rf"(?:{_MONTHS}|(?:19|20)\d\d)(?!\w)|\blast\s+(?:week|month)['’]s\b"
    r"|\blast\s+(?:year|month|summer|winter|spring|autumn|fall)\b|\bearlier\s+this\s+year\b|\ba\s+year\s+ago\b"
    r"|\b(?:in|over)\s+(?:recent|the\s+past|the\s+last|previous)\s+(?:few\s+)?(?:weeks|months|years)\b"
    r"|\bsince\s+(?:the\s+(?:start|beginning)|its|their|the\s+group's|then)\b|\bin\s+the\s+past\b|\bpreviously\b",
    re.IGNORECASE,
)

_ATTRIBUTION_VERBS = (
    lexicon.alternation("casualty_reporting_verbs")
    + r"|gave\s+(?:a|an|the|its|their)\s+(?:[\w-]+\s+)?(?:toll|tally|figure)"
)
_ACCORDING = re.compile(
    r"\baccording\s+to\s+(?P<src>[^,;.\"“”]+?)(?=\s*[,;.\"“”]|\s+(?:on|in|at)\s+\w+day\b|$)", re.IGNORECASE
)
_VERB_ONLY = re.compile(rf"\s+(?:(?:also|later|then|had|has|have)\s+)?(?P<verb>{_ATTRIBUTION_VERBS})\b")
_ANY_ATTRIBUTION = re.compile(rf"\b(?:{_ATTRIBUTION_VERBS}|according)\b")
_VERB_SUBJECT = re.compile(
    rf"[,\"”]\s*(?:{_ATTRIBUTION_VERBS})\s+(?P<src>(?:the|its)\s+[a-z]+|(?:the\s+|a\s+)?(?:[a-z][\w-]*\s+){{0,3}}[A-Z][^,;.\"“”]*?)"
    r"(?=\s+in\s+a\s+statement|\s*[,;.]|$)"
)
_TITLES = re.compile(
    r"^(?:(?:Iraqi|Kurdish|Kurdistan|US|U\.S\.|Army|Police|Staff|Deputy|Acting|Retired|the|The|Major|Brigadier|Lieutenant|"
    r"Lt\.|Maj\.|Gen\.|Col\.|Brig\.|Capt\.|Sgt\.|General|Colonel|Captain|Sergeant|Commander|Colonel|Governor|Minister|"
    r"Prime|Spokesperson|Spokesman|spokesperson|spokesman|Mayor|President|Vice|Sheikh|Dr\.|Mr\.|Ms\.|official|"
    r"Official|Security|security|expert|researcher|Peshmerga|Defense|Interior)\s+)+"
)
_PRONOUN_SOURCES = {"he", "she", "they", "it", "the official", "the source", "the spokesman", "the spokesperson"}
_DATE_TAIL = re.compile(
    rf"\s+(?:(?:late|early)\s+)?(?:on|in|at|last)\s+(?:{_WEEKDAYS}|{_MONTHS}|Twitter|a\s+statement)\b.*$"
)

_PERP_VERBS = re.compile(
    r"^(?:(?!\b(?:said|says|told|announced|reported|stated)\b)[^,;.]){0,40}?\b(?:attack(?:ed|s)?|kill(?:ed|s)?|ambush(?:ed|es)?|target(?:ed|s)|stormed|struck|bomb(?:ed|ing)|"
    r"shelled|opened\s+fire|claimed\s+responsibility|carried\s+out|executed|kidnapped|abducted|detonated|assault|"
    r"offensive|raid(?:ed)?|airstrikes?|strikes?|shot|launched|snipers?|operations?|campaign|intensified|conducted|"
    r"arrested|detained|captured|apprehended|rounded\s+up)\b",
    re.IGNORECASE,
)
_BY_AGENT = re.compile(r"^\s+by\s+(?:an?\s+|the\s+)?(?P<agent>[^,;.]{1,60})")
_INCLUDING = re.compile(r"(?:including|among\s+them|of\s+whom|among\s+whom)\s+$", re.IGNORECASE)
_NOT_A_FIGURE_BEFORE = re.compile(
    rf"(?:\$|£|€|\bNo\.|\bnumber|\bbrigade|\bdivision|\bregiment|\bbattalion|\broute|\bhighway|\bpage|\baged"
    rf"|\bage|\b{_MONTHS}|\bthe)\s*$",
    re.IGNORECASE,
)
_NOT_A_FIGURE_AFTER = re.compile(
    rf"^(?:-|–|\s*%|\s*percent|\s*per\s*cent|\s+(?:years?|months?|days?|hours?|minutes?)\b|\s+{_MONTHS}(?!\w)|\s*(?:am|pm|a\.m\.|p\.m\.)\b"
    r"|\s+(?:km|kilometers?|kilometres?|miles?|meters?|metres?|dollars?|dinars?|million|billion)\b|st\b|nd\b|rd\b|th\b)",
    re.IGNORECASE,
)
_ARTICLE_FIGURE = re.compile(
    r"(?<![\w-])(?:an?|one)\s+(?=(?:[\w'’-]+\s+){0,3}?(?:soldier|civilian|officer|policeman|policewoman|fighter|militant|"
    r"terrorist|member|man|woman|child|boy|girl|guard|commander|leader|emir|suspect|shepherd|farmer|worker|villager|"
    r"resident|person|jihadist|gunman|insurgent|trooper|serviceman|journalist|sniper|bomber|Peshmerga|mukhtar|sheikh|"
    r"official|judge|cleric|imam|employee|engineer|teacher|doctor|driver|student|contractor|pilgrim|hostage|attacker|"
    r"assailant|raider|kidnapper|lieutenant|captain|colonel|sergeant|major|shopper|passenger)\b)",
    re.IGNORECASE,
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


_STOP_WORDS = {
    "and", "or", "but", "in", "on", "at", "to", "from", "by", "for", "with", "near", "into", "across", "after",
    "before",
    "during", "since", "of", "were", "was", "are", "is", "have", "has", "had", "be", "been", "being", "that", "which",
    "who", "this", "these", "those", "there", "their", "they", "it", "its", "while", "when", "as", "than", "per",
}  # fmt: skip
_PARTITIVE = re.compile(r"^\s+of\s+(?:the|its|their|our|his|her|these|those)\s", re.IGNORECASE)
_TOKEN = re.compile(r"(?:\s+|(?=[\"“”‘’']))(?:[\"“”‘’']\s*)?([A-Za-z][\w'’.-]*\w|[A-Za-z])[\"“”‘’']?")
_OF_ACTOR = re.compile(r"\s+of\s+(?:the\s+)?", re.IGNORECASE)
_NONE_FOLLOWERS = {
    "were", "was", "have", "has", "had", "are", "is", "got", "being", "been", "also", "reportedly", "who", "killed",
    "dead", "died", "wounded", "injured", "lost", "and", "sustaining", "suffering", "among", "missing", "remain",
    "captured", "arrested", "detained", "abducted", "kidnapped", "surrendered", "martyred", "hurt", "all", "went",
}  # fmt: skip


_REMAINS = {"bodies", "corpses", "body", "corpse"}
_OF_PERSON = re.compile(r"\s+of\s+(?=\S)", re.IGNORECASE)


def _is_person_word(word: str, gazetteer: Gazetteer) -> bool:
    low = word.lower()
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
    partitive = _PARTITIVE.match(rest)
    offset = partitive.end() - 1 if partitive else 0
    head_end: int | None = None
    kind = ""
    unknown = 0
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
        if index == 0 and low in _REMAINS and low.endswith("s") and not _OF_PERSON.match(rest, token.end()):
            return pos + token.end(), "head-outcome", Outcome.killed  # "we recovered 37 bodies"
        if index == 0 and low in _HEAD_OUTCOMES:
            return pos + token.end(), "head-outcome", _HEAD_OUTCOMES[low]
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
        return pos + head_end, kind, None
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
    found = [m for m in gazetteer.find_actors(tail.lstrip("\"“”‘’' ")) if m.start == 0]
    family = re.match(r"(?:one|a|their|the\s+same)\s+(family|families|village|tribe|household)\b", tail)
    if found:
        return of.end() + (len(tail) - len(tail.lstrip("\"“”‘’' "))) + found[0].end
    if family:
        return of.end() + family.end()
    return head_end


_TRANSITIVE = {
    "shot", "gunned", "liquidated", "eliminated", "neutralised", "neutralized", "killed", "wounded", "injured",
    "captured", "abducted", "kidnapped", "seized", "arrested", "detained", "executed", "beheaded", "murdered", "slain",
}  # fmt: skip


_COORDINATED_NP = re.compile(r"^\s+and\s+(?:(?:an?|the|their|his|one|other)\s+)?(?:[\w'’-]+\s+){0,2}?[\w'’-]+(?=\s)")


# "two soldiers who rushed to help were also hurt", "two soldiers of the 5th Brigade were killed"
# "18 people gathering firewood were killed", "a fourth soldier, the driver, survived with burns", "four members of
# one family, including two children, were shot dead": a participle clause, an appositive or an aside
_INSERTED_CLAUSE = re.compile(
    r"^\s+(?:(?:who|that)\s+(?:[\w'’-]+\s+){1,6}?(?=(?:were|was|had|have|has)\b)|of\s+(?:the\s+)?(?:[\w'’-]+\s+){0,4}?"
    r"(?=(?:were|was|had|have|has)\b)|[a-z]+ing\s+(?:[\w'’-]+\s+){0,5}?(?=(?:were|was|had|have|has)\b))"
    r"|^\s*,\s*(?:(?:the|his|her|their|its)\s+[\w'’ -]{1,30}?|(?:including|among\s+them)\s+[^,;.]{1,40}?)\s*(?=,)",
    re.IGNORECASE,
)


def _post_outcome(sentence: str, pos: int) -> tuple[Outcome, int] | None:
    found = _post_outcome_at(sentence, pos)
    if found is None:
        joined = _COORDINATED_NP.match(sentence[pos:]) or _INSERTED_CLAUSE.match(sentence[pos:])
        if joined:
            found = _post_outcome_at(sentence, pos + joined.end())
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


# Last words that can end an outcome phrase before a figure: a set lookup saves seven regex searches.
_PRE_LAST_WORDS = {
    "kill", "kills", "killing", "killed", "of", "wound", "wounds", "wounding", "wounded", "injure", "injures",
    "injuring", "injured", "to", "at", "dead", "down", "capturing", "captured", "abducting", "abducted", "kidnapping",
    "kidnapped",
    "prisoner", "hostage", "arresting", "arrested", "arrests", "detaining", "detained", "detains", "apprehending",
    "apprehended", "up", "nabbing", "nabbed", "executing", "executed", "beheading", "beheaded", "murdering", "murdered",
    "slaying", "among", "eliminated", "eliminating", "neutralized", "neutralised", "neutralizing", "liquidated",
    "injury",
}  # fmt: skip


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


def _candidates(sentence: str) -> list[CountMatch]:
    found = find_counts(sentence)
    taken = [(c.start, c.end) for c in found]
    for match in _ONE_MORE_AT_END.finditer(sentence):
        if not any(s <= match.start() < e for s, e in taken) and _pre_outcome(sentence, match.start()) is not None:
            count = parse_count("one person")
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
        count = parse_count(f"{word} person")
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
    rf"(?:{lexicon.alternate([*lexicon.entries('reporting_verbs'), *lexicon.entries('casualty_reporting_verbs')])})\b"
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
        if _SPEAKER_AFTER.match(sentence, np_end):
            continue  # "killing two soldiers, a police officer said": the officer reports the toll, he is not in it
        figure = _Figure(match, match.end, np_end, quoted[match.end : np_end].strip(), kind)
        if head_outcome is not None:
            figure.outcome, figure.outcome_from, figure.outcome_end = head_outcome, "head", np_end
        else:
            pre = _pre_outcome(sentence, match.start)
            if pre is not None:
                figure.outcome, figure.outcome_from, figure.outcome_end = pre, "pre", np_end
            else:
                post = _post_outcome(sentence, np_end)
                if post is not None:
                    figure.outcome, figure.outcome_from, figure.outcome_end = post[0], "post", post[1]
                elif compared and figure.kind == "none":
                    figure.outcome, figure.outcome_from, figure.outcome_end = figures[-1].outcome, "inherited", np_end
        figures.append(figure)
    _coordinate(sentence, figures)
    return [f for f in figures if f.outcome is not None]


_BARE_FIGURE_END = re.compile(
    r"\s*(?:[,.;:)]|$|(?:at|in|on|near|during|when|after|across|and|as|while|from|including|inside|outside)\b)",
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


# --------------------------------------------------------------------------- context: actors, sources, time


def _group_mentions(sentence: str, mentions: list[Mention]) -> list[list[Mention]]:
    """Adjacent actor mentions form one noun phrase ('Kurdish "Asayesh" security forces')."""
    groups: list[list[Mention]] = []
    for mention in mentions:
        if groups and re.fullmatch(r"[\s\"'“”‘’-]*", sentence[groups[-1][-1].end : mention.start]):
            groups[-1].append(mention)
        else:
            groups.append([mention])
    return groups


def _best_of_group(group: list[Mention]) -> Mention:
    # A proper name ("Asayesh") says more than a generic head ("security forces").
    return max(group, key=lambda m: (m.text[:1].isupper(), m.end - m.start))


def _actor_from(mention: Mention, gazetteer: Gazetteer) -> Actor:
    return gazetteer.actor(mention.text)


_ATTACK_BY = re.compile(
    r"\b(?:attacks?|assaults?|ambush(?:es)?|bombings?|offensive|raids?|strikes?)\s+(?:carried\s+out\s+)?by\s+(?:the\s+)?$",
    re.IGNORECASE,
)


def _perpetrator(
    sentence: str, figure: _Figure, gazetteer: Gazetteer, mentions: list[Mention], figures: list[_Figure]
) -> Actor | None:
    by = _BY_AGENT.match(sentence[figure.outcome_end :]) if figure.outcome_from == "post" else None
    if by:
        found = gazetteer.find_actors(by.group("agent"))
        if found:
            return gazetteer.actor(_best_of_group(found).text)
    limit = figures[0].match.start  # the agent precedes the first of the figures it acted on
    best: Mention | None = None
    groups = [g for g in _group_mentions(sentence, mentions) if not _is_dateline(g)]
    for group in groups:
        mention = _best_of_group(group)
        if group[-1].end > limit:
            break
        if _PERP_VERBS.match(sentence[group[-1].end :]) or _ATTACK_BY.search(sentence[: group[0].start]):
            best = mention
    if best is None:
        # "... were killed in an ISIS attack": a group named as the author of the attack anywhere in the sentence
        for group in groups:
            if _ATTACK_NOUN_AFTER.match(sentence[group[-1].end :]) and not _inside_figure(group[0], figures):
                best = _best_of_group(group)
                break
    return _actor_from(best, gazetteer) if best is not None else None


_ATTACK_NOUN_AFTER = re.compile(
    r"[\s\"'”’-]*(?:suicide\s+|sniper\s+|rocket\s+|mortar\s+|drone\s+|car\s+bomb\s+)?"
    r"(?:attacks?|assaults?|ambush(?:es)?|bombings?|offensive|raid|militants\s+attacked|gunmen)\b",
    re.IGNORECASE,
)


def _is_dateline(group: list[Mention]) -> bool:
    # "BAGHDAD (Reuters) -": a place in capitals opening a report, not an actor doing anything
    return all(len(m.text) > 4 and m.text.isupper() for m in group)


def _inside_figure(mention: Mention, figures: list[_Figure]) -> bool:
    return any(f.match.start <= mention.start < f.np_end for f in figures)


_TARGET_CUE = re.compile(
    r"(?:\bon|\bagainst|\btargeting|\btargeted|\battacked|\bambushed|\bstormed|\bstruck|\bhit|\bat|\bof|\bcarrying"
    r"|\btransporting)"
    r"\s+(?:(?:an?|the|two|three|several|a\s+group\s+of)\s+)?(?:[\w'’-]+\s+|[\"“”‘]\s*){0,4}$",
    re.IGNORECASE,
)


def _context_victims(
    sentence: str, figure: _Figure, gazetteer: Gazetteer, mentions: list[Mention], perpetrator: Actor | None
) -> Actor | None:
    """The target of the attack the figure belongs to: the last actor after "on/against/attacked ..." before it."""
    excluded = {perpetrator.canonical} if perpetrator is not None and perpetrator.canonical else set()
    candidates: list[Mention] = []
    for group in _group_mentions(sentence, mentions):
        if group[-1].end > figure.match.start:
            break
        mention = _best_of_group(group)
        entry = mention.entry
        if not isinstance(entry, ActorEntry) or entry.canonical in excluded:
            continue
        if entry.category == ActorCategory.government:
            continue
        if _TARGET_CUE.search(sentence[max(0, group[0].start - 40) : group[0].start]):
            candidates.append(mention)
    return _actor_from(candidates[-1], gazetteer) if candidates else None


_LEADING_CONJUNCTION = re.compile(r"^(?:But|And|Yet|However|Meanwhile|Still)\s*,?\s+")


def _clean_source(text: str) -> str:
    text = _DATE_TAIL.sub("", " ".join(text.split())).strip(" -–—'\"“”")
    return text


_EVENT_NOUNS = {
    "attack", "attacks", "blast", "blasts", "bombing", "bombings", "explosion", "explosions", "strike", "strikes",
    "airstrike", "airstrikes", "operation", "operations", "ambush", "clashes", "assault", "raid", "offensive", "fire",
}  # fmt: skip
_INSTITUTIONS = {
    "ministry", "command", "cell", "service", "office", "council", "committee", "department", "directorate",
    "agency", "forces", "army", "police", "government", "authorities", "coalition", "military", "headquarters",
}  # fmt: skip


_INSTITUTION_OF = re.compile(
    r"^(?:[A-Z][\w'’-]*['’]s\s+)?(?P<name>(?:the\s+)?(?:Ministry|Office|Council|Directorate|Department|Command|Committee"
    r"|Commission|Agency|Service|Cell|Authority|Government)\s+of\s+(?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3})$"
)


def _claimant(text: str, gazetteer: Gazetteer) -> Claimant | None:
    text = _LEADING_CONJUNCTION.sub("", _clean_source(text))
    institution = _INSTITUTION_OF.match(text)
    if institution:
        # "Iraq's Ministry of Defence": one body, named with its "of"; the country's possessive is not its name
        name = institution.group("name")
        found = gazetteer.find_actors(name)
        return Claimant(name=name, affiliation=gazetteer.actor(_best_of_group(found).text) if found else None)
    if not text or len(text.split()) > 16:
        return None
    role: str | None = None
    name = text
    head, sep, tail = text.partition(" of ")
    titles = _TITLES.match(head)
    whole = gazetteer.find_actors(text)
    last = text.split()[-1].lower()
    if last in _EVENT_NOUNS:
        return None  # "the attack claimed the lives of ...": an event, not a source
    if whole and whole[0].end - whole[0].start >= len(text.removeprefix("the ").removeprefix("The ")) - 1:
        pass  # a body the gazetteer knows ("the Iraqi Defense Ministry"): no title to split off
    elif last in _INSTITUTIONS:
        pass  # "the Interior Ministry": a body, not a titled person
    elif titles and titles.end() < len(head) and head[titles.end() :][:1].isupper():
        role = titles.group(0).strip()
        name = head[titles.end() :].strip()
        if sep:
            role = f"{role} of {tail}".strip()
    elif sep and head[:1].isupper() and len(head.split()) <= 4 and not gazetteer.find_actors(head):
        name, role = head, tail
    affiliation = None
    mentions = gazetteer.find_actors(text)
    if mentions:
        affiliation = gazetteer.actor(_best_of_group(mentions).text)
    return Claimant(name=name, role=role, affiliation=affiliation)


_APPOSITIVE = re.compile(
    rf"(?P<name>[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|al-[\w'’-]+|bin|ibn|abu|Abu))+)\s*,\s*(?P<role>[a-z][^,;\"“”]*?)\s*,"
    rf"\s+(?:(?:also|later|then|has|had|have)\s+)?(?:{_ATTRIBUTION_VERBS})\b"
)
_NAMED_BODY = re.compile(
    r"\b(?:(?:Ministry|Office|Council|Directorate|Department|Command|Committee|Agency|Service|Cell|Authority)\s+of"
    r"\s+(?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3}"
    r"|(?:(?!The\b)[A-Z][\w'’-]*\s+){1,4}(?:Ministry|Office|Council|Directorate|Department|Command|Committee|Agency|Service|Cell))"
)
_GENERIC_BODY = re.compile(r"^(?:the|its)\s+(?P<head>[a-z]+)$", re.IGNORECASE)
_POSSESSIVE_BODY = re.compile(
    r"^(?:his|her)\s+(?P<head>office|spokesman|spokesperson|aide|ministry|party)$", re.IGNORECASE
)
_LEADING_NAME = re.compile(r"^(?:[A-Z][\w.'’-]*\s+){0,3}?(?P<last>[A-Z][\w'’-]+)\s+[a-z]")


def _reported_by(sentence: str, gazetteer: Gazetteer, last_person: Claimant | None, prior: str = "") -> Claimant | None:
    """Who the sentence attributes its content to, or None in the article's own voice."""
    claimant: Claimant | None = None
    match = _ACCORDING.search(sentence)
    if match:
        claimant = _claimant(match.group("src"), gazetteer)
    elif (apposition := _APPOSITIVE.search(sentence)) is not None:
        named = _claimant(apposition.group("name"), gazetteer)
        if named is not None:
            role = " ".join(filter(None, [named.role, apposition.group("role")]))
            claimant = Claimant(name=named.name, role=role or None, affiliation=named.affiliation)
    elif (inverted := _VERB_SUBJECT.search(sentence)) is not None:
        claimant = _claimant(inverted.group("src"), gazetteer)
    else:
        claimant = _subject_source(sentence, gazetteer, last_person)
    if claimant is None and (saying := _SAYING_SUBJECT.match(sentence)) is not None:
        claimant = _claimant(re.sub(r"^The\s+", "", saying.group("src")), gazetteer)
    if claimant is None:
        return None
    return _resolve_reference(claimant, sentence, prior, gazetteer, last_person)


# "The Islamic State claimed responsibility ..., saying its fighters had killed ...": the subject says it.
_SAYING_SUBJECT = re.compile(
    r"^(?P<src>(?:The\s+)?[A-Z][\w'’-]*(?:\s+(?:[A-Z][\w'’-]*|of|al-[\w'’-]+)){0,5}?"
    r"(?:\s+(?:group|organi[sz]ation|movement|militia|command|ministry))?)\s+"
    r"(?:claimed|issued|posted|released|published|announced)\b[^.;]*?,\s+saying\b"
)
_CLAUSE_START = re.compile(r"[,;:\"“”()\[\]][^,;:\"“”()\[\]]*$")


def _subject_source(sentence: str, gazetteer: Gazetteer, last_person: Claimant | None) -> Claimant | None:
    # Find the verb first, then read its subject back to the clause start: linear, unlike a lazy regex.
    for match in _VERB_ONLY.finditer(sentence):
        if match.group("verb") == "claimed" and re.match(r"\s+responsibility", sentence[match.end() :]):
            continue  # claiming an attack is a claim of its own, not the source of the figure
        before = sentence[: match.start()]
        clause = _CLAUSE_START.search(before)
        source = (before[clause.start() + 1 :] if clause else before).strip()
        if not source:
            continue
        source = re.split(r"\b(?:that|and|but|while|when|as)\s+(?=[A-Z])", source)[-1]
        words = source.split()
        if len(words) > 14:
            source = " ".join(words[-14:])
        if _clean_source(source).lower() in _PRONOUN_SOURCES:
            return last_person
        claimant = _claimant(source, gazetteer)
        if claimant is not None:
            return claimant
    return None


def _resolve_reference(
    claimant: Claimant, sentence: str, prior: str, gazetteer: Gazetteer, last_person: Claimant | None
) -> Claimant:
    """ "the service" -> the body named earlier; "his office" -> "<subject>'s office"."""
    generic = _GENERIC_BODY.match(claimant.name)
    if generic:
        head = generic.group("head").lower()
        for mention in reversed(gazetteer.find_actors(prior + " " + sentence)):
            if mention.text.lower().split()[-1] == head:
                return Claimant(name=mention.text, role=claimant.role, affiliation=gazetteer.actor(mention.text))
        # a body the gazetteer does not know, named in full earlier: "the Ministry of Defence ... the ministry said"
        named = [
            m.group(0)
            for m in _NAMED_BODY.finditer(prior + " " + sentence)
            if head in m.group(0).lower().split() and m.group(0).lower() != f"the {head}"
        ]
        if named:
            return Claimant(name=named[-1], role=claimant.role)
        return claimant
    possessive = _POSSESSIVE_BODY.match(claimant.name)
    if possessive:
        subject = _LEADING_NAME.match(sentence)
        owner = subject.group("last") if subject else None
        if owner is None and last_person is not None:
            owner = last_person.name.split()[-1]
        if owner:
            return Claimant(name=f"{owner}'s {possessive.group('head')}", role=claimant.role)
    return claimant


# An incident named as the reason for the news ("in response to a recent surge in attacks that ...").
_CONTEXT_CUE = re.compile(
    r"\b(?:in\s+response\s+to|following|in\s+the\s+wake\s+of"
    r"|(?<!hours\s)(?<!minutes\s)(?<!shortly\s)(?<!soon\s)(?<!days\s)(?<!day\s)after|amid|comes?\s+after|follows?)\s+"
    r"(?:an?\s+|the\s+)?(?:recent\s+|series\s+of\s+|spate\s+of\s+|wave\s+of\s+|surge\s+(?:in|of)\s+)*"
    r"(?:[\w'’-]+\s+){0,3}?(?:attacks?|assaults?|ambush(?:es)?|bombings?|surge|series|spate|wave|offensives?)\b",
    re.IGNORECASE,
)
_DAY_LEVEL = re.compile(rf"{_WEEKDAYS}|following\s+day|day\s+before|last\s+night|yesterday", re.IGNORECASE)


def _date_key(phrase: str) -> str:
    day = re.search(rf"{_WEEKDAYS}|{_MONTHS}", phrase, re.IGNORECASE)
    return day.group(0).lower() if day else " ".join(phrase.lower().split())


def _lede_dates(view_text: str, spans: Sequence[tuple[int, int]]) -> tuple[tuple[int, int] | None, set[str]]:
    """The lede (first full sentence of twelve words or more) and the date keys of its news event."""
    for start, end in spans:
        sentence = view_text[start:end]
        if len(sentence.split()) >= 12 and sentence.rstrip("\"”’' ")[-1:] in ".!?":
            return (start, end), {_date_key(m.group(0)) for m in _DATE_RE.finditer(sentence)}
    return None, set()


_CLAUSE_BREAK = re.compile(r";|,\s+(?:and|but|while|whereas)\s+(?!(?:an?|the|its|their)?\s*\w+\s+(?:were|was)\b)")


def _clause_of(sentence: str, pos: int) -> str:
    """The clause holding ``pos``: "A dozen suspects were rounded up, and 30 caches have been seized since
    May" puts the time phrase in another clause than the arrests."""
    start = 0
    for match in _CLAUSE_BREAK.finditer(sentence):
        if match.end() <= pos:
            start = match.end()
        else:
            return sentence[start : match.start()]
    return sentence[start:]


# A comparison with an earlier figure: "..., against eleven the week before", "up from 9 a month earlier".
_EARLIER_TAIL = re.compile(
    r"^\s*(?:(?:killed|dead|deaths|wounded|people|in)\s+)?(?:the\s+(?:week|month|year|day)\s+before|the\s+previous\s+"
    r"(?:week|month|year|day)|a\s+(?:week|month|year)\s+(?:earlier|before)|(?:last|a\s+year\s+ago))\b",
    re.IGNORECASE,
)
# A sentence marked as another incident: a round-up's item, not context.
_OWN_DAY_OPENING = re.compile(
    r"^(?:in\s+(?:a|another)\s+separate\s+(?:incident|attack)|in\s+another\s+(?:incident|attack)|separately|elsewhere)\b",
    re.IGNORECASE,
)


def _is_background(
    sentence: str, figure: _Figure, date: EventDate | None, victims: Actor, in_lede: bool, lede_keys: set[str]
) -> bool:
    """An incident earlier than the article's news event, mentioned as context.

    Marked by a time phrase ("in late July", "since November 27", "last year", "in recent weeks"), by
    being the reason given for the news ("following a series of attacks that killed ..."), or, for an
    attack outside the lede, by a day ("on Thursday", "the following day") other than the lede's.
    """
    if _BACKGROUND_RE.search(_clause_of(sentence, figure.match.start)):
        return True
    cue = next(reversed(list(_CONTEXT_CUE.finditer(sentence, 0, figure.match.start))), None)
    if cue is not None and "," not in sentence[cue.end() : figure.match.start]:
        # "following a series of attacks that killed 12": the figure belongs to the earlier attack; in "strikes
        # followed the ambush, ..., killing 30" a clause break puts it back in the news
        return True
    if _EARLIER_TAIL.match(sentence[figure.np_end :]):
        return True  # "against eleven the week before": a comparison with an earlier tally
    if in_lede or date is None or not lede_keys or not _DAY_LEVEL.search(date.phrase):
        return False
    if _OWN_DAY_OPENING.match(sentence):
        return False  # "In a separate incident, a shepherd was killed on Sunday": a round-up's own item
    if victims.category == ActorCategory.militant_group:
        return False  # militants killed: the operation itself, not an attack told as context
    return _date_key(date.phrase) not in lede_keys


def _nearest(spans: list[tuple[int, int, str]], pos: int) -> tuple[int, int, str] | None:
    if not spans:
        return None
    return min(spans, key=lambda s: min(abs(s[0] - pos), abs(s[1] - pos)))


# A figure that adds to the previous sentence's toll: "another", "a third soldier", "two more", "five others".
_ONE_MORE = re.compile(
    r"(?i)(?:another|an?\s+(?:second|third|fourth|fifth)|(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten)"
    r"\s+(?:more|others?))\b"
)

#: How many sentences later a bare figure ("eleven dead") may still retell earlier victims.
_RETELL_WINDOW = 3
# A day right after a reporting verb dates the report, not the incident ("said in a statement on Sunday",
# "gave a higher toll on Thursday morning").
_REPORT_DATE = re.compile(
    r"\b(?:said|says|told|announced|reported|stated|confirmed|added|statement|toll|tally|figures?|agency"
    r"|posted|published|channel|Telegram)\b[^,;:]{0,25}$",
    re.IGNORECASE,
)


@lru_cache(maxsize=256)
def _event_date_spans(sentence: str) -> list[tuple[int, int, str]]:
    """Date phrases of a sentence, less the days that date a report (cached: every figure asks)."""
    return [
        (m.start(), m.end(), m.group(0))
        for m in _DATE_RE.finditer(sentence)
        if not _REPORT_DATE.search(sentence, max(0, m.start() - 60), m.start())
    ]


def _date(sentence: str, pos: int) -> EventDate | None:
    near = _nearest(_event_date_spans(sentence), pos)
    return EventDate(phrase=near[2].strip()) if near else None


def _place(sentence: str, pos: int, gazetteer: Gazetteer) -> Place | None:
    mentions = [m for m in gazetteer.find_places(sentence) if getattr(m.entry, "kind", "") != "country"]
    near = _nearest([(m.start, m.end, m.text) for m in mentions], pos)
    return gazetteer.place(near[2]) if near else None


# --------------------------------------------------------------------------- entry point

# Stems of every outcome word: a sentence without any of them holds no casualty figure. Substring tests on
# the lower-cased sentence are far cheaper than a regex scan, and most sentences fail them.
_OUTCOME_STEMS = (
    "kill", "dead", "death", "die", "wound", "injur", "casualt", "arrest", "detain", "captur", "abduct", "kidnap",
    "surrender", "missing", "martyr", "lives", "life", "toll", "execut", "behead", "murder", "slain", "slay", "hurt",
    "fatalit", "hostage", "prisoner", "custody", "seized", "shot", "gunned", "perish", "hospitali", "apprehend",
    "rounded", "nabbed", "unaccounted", "disappear", "bodies", "neutrali", "eliminat", "liquidat", "remains", "corpses",
    "hit by", "admitted", "were held", "was held", "been held", "survived",
)  # fmt: skip


def extract_casualties(
    view_text: str,
    to_original: SpanMap,
    original_text: str,
    gazetteer: Gazetteer | None = None,
    operations: Sequence[Operation] = (),
    sentences: Sequence[tuple[int, int]] | None = None,
    id_prefix: str = "cas",
    attributions: Mapping[tuple[int, int], Claimant] | None = None,
) -> list[CasualtyReport]:
    """Every casualty figure in an article.

    ``view_text`` is the cleaned view (``clean_view(article.text).text``), ``to_original`` maps a view span
    to the original text (``TextView.to_original``) and ``original_text`` is ``article.text``: evidence
    quotes are cut from it, so they are verbatim. ``operations`` (with evidence offsets into the original)
    let a figure link to the operation whose evidence shares its sentence. ``sentences`` are view spans
    (default: :func:`split_sentences`). Ids are ``f"{id_prefix}{n}"`` from 1. ``attributions`` maps a
    sentence's original span to the claimant the claim extractor found there: it names the source when the
    figure's own reading finds none ("X, who spoke on condition of anonymity, said", "put the toll at").
    """
    gazetteer = gazetteer or default_gazetteer()
    spans = list(sentences) if sentences is not None else [(x.start, x.end) for x in split_sentences(view_text)]
    reports: list[CasualtyReport] = []
    last_person: Claimant | None = None
    lede, lede_keys = _lede_dates(view_text, spans)
    recent: dict[Outcome, tuple[int, Actor]] = {}
    last_source: tuple[int, Claimant] | None = None
    story = _StoryGroup(view_text, gazetteer)
    for index, (s_start, s_end) in enumerate(spans):
        sentence = view_text[s_start:s_end]
        # Cheap pre-filters: a figure needs an outcome word and a number; most sentences have neither.
        lowered = sentence.lower()
        may_have = any(stem in lowered for stem in _OUTCOME_STEMS)
        figures = _analyse(sentence, gazetteer) if may_have else []
        prior = view_text[max(0, s_start - 3000) : s_start]
        source = _reported_by(sentence, gazetteer, last_person, prior) if figures else None
        if figures:
            mentions = gazetteer.find_actors(sentence)
            o_start, o_end = to_original(s_start, s_end)
            if source is None and attributions and _claim_covers(sentence, figures[0].match.start):
                source = attributions.get((o_start, o_end))
            one_more = _ONE_MORE.match(sentence[figures[0].match.start :])
            if source is None and one_more and last_source is not None and last_source[0] == index - 1:
                source = last_source[1]  # "..., the army said. A third soldier was wounded."
            quote = original_text[o_start:o_end]
            operation_id = _operation_for(operations, o_start, o_end)
            previous: Actor | None = None
            contrast = _CONTRAST.search(sentence)
            clause_source = (
                _reported_by(sentence[contrast.end() :], gazetteer, last_person, prior) if contrast else None
            )
            for figure in figures:
                assert figure.outcome is not None
                # "X said ..., while Y gave a lower toll of 24": the second clause has its own source
                figure_source = (
                    clause_source
                    if clause_source is not None and contrast and figure.match.start >= contrast.end()
                    else source
                )
                perpetrator = _perpetrator(sentence, figure, gazetteer, mentions, figures)
                if previous is None and figure.kind in ("none", "head-outcome") and figure.outcome in recent:
                    # "The health directorate gave a higher toll: eleven dead": a bare figure retells the
                    # victims of the same outcome a sentence or two before
                    seen_at, actor = recent[figure.outcome]
                    previous = actor if index - seen_at <= _RETELL_WINDOW else None
                victims = _figure_victims(
                    sentence, figure, gazetteer, mentions, perpetrator, previous, source, prior, story
                )
                previous = victims
                if victims.canonical != UNSPECIFIED:
                    recent[figure.outcome] = (index, victims)
                if perpetrator is not None and perpetrator.canonical == victims.canonical:
                    perpetrator = None
                date = _date(sentence, figure.match.start)
                background = _is_background(sentence, figure, date, victims, lede == (s_start, s_end), lede_keys)
                reports.append(
                    CasualtyReport(
                        id=f"{id_prefix}{len(reports) + 1}",
                        victims=victims,
                        outcome=figure.outcome,
                        count=Count(**{**figure.match.count.model_dump(), "phrase": figure.match.phrase}),
                        perpetrator=perpetrator,
                        place=_place(sentence, figure.match.start, gazetteer),
                        date=date,
                        reported_by=figure_source,
                        operation_id=operation_id,
                        background=background,
                        evidence=Evidence(quote=quote, start=o_start, end=o_end, alignment=Alignment.exact),
                    )
                )
        if figures and source is not None:
            last_source = (index, source)
        last_person = _person_in(sentence, gazetteer) or last_person
    return reports


_CIVILIAN_NOUNS = lexicon.words("civilian_nouns")
_IRREGULAR_PLURALS = dict(lexicon.mapping("irregular_plurals"))


def _plural(word: str) -> str:
    low = word.lower()
    if low in _IRREGULAR_PLURALS:
        return _IRREGULAR_PLURALS[low]
    return word if low.endswith("s") else word + "s"


def _np_actor(np_text: str, gazetteer: Gazetteer) -> Actor | None:
    """The canonical actor a figure's own noun phrase names ("ten Peshmerga fighters", "one soldier")."""
    for text in (np_text, re.sub(r"([A-Za-z]+)$", lambda m: _plural(m.group(1)), np_text)):
        found = gazetteer.find_actors(text)
        if found:
            return gazetteer.actor(_best_of_group(found).text)
    head = np_text.split()[-1].lower() if np_text.split() else ""
    if head in _CIVILIAN_NOUNS or _plural(head) in _CIVILIAN_NOUNS:
        return gazetteer.actor("civilians")
    return None


_DETENTION = {Outcome.arrested, Outcome.captured, Outcome.surrendered}
_SUSPECTED = re.compile(
    r"^\s*,?\s*(?:who\s+(?:are|were)\s+)?(?:suspected|accused|believed|thought)\s+(?:of|to)\b[^,.;]{0,60}",
    re.IGNORECASE,
)
_NATIONALITY = {"american": "US Forces", "u.s.": "US Forces", "us": "US Forces", "iraqi": "Iraqi Security Forces"}
_MILITARY_HEADS = lexicon.words("military_heads")


def _suspected_of(rest: str, gazetteer: Gazetteer) -> Actor | None:
    """Detainees "suspected of belonging to ISIS" are counted as that group."""
    match = _SUSPECTED.match(rest)
    if match is None:
        return None
    found = [m for m in gazetteer.find_actors(match.group(0)) if _category(m) == ActorCategory.militant_group]
    return gazetteer.actor(_best_of_group(found).text) if found else None


def _category(mention: Mention) -> ActorCategory | None:
    return mention.entry.category if isinstance(mention.entry, ActorEntry) else None


def _nationality(np_text: str, gazetteer: Gazetteer) -> Actor | None:
    """ "one American service member", "two Iraqi officers": the nationality names the force."""
    words = np_text.lower().split()
    if not words or words[-1] not in _MILITARY_HEADS:
        return None
    for word in words:
        if word in _NATIONALITY:
            entry = gazetteer.actor_by_canonical.get(_NATIONALITY[word])
            if entry is not None:
                return Actor(name=np_text, canonical=entry.canonical, category=entry.category)
    return None


def _unspecified(name: str, gazetteer: Gazetteer) -> Actor:
    entry = gazetteer.actor_by_canonical.get(UNSPECIFIED)
    category = entry.category if entry is not None else ActorCategory.other
    return Actor(name=name or "unspecified", canonical=UNSPECIFIED, category=category)


_HOSTILE_HEADS = {
    "attackers", "attacker", "assailants", "assailant", "raiders", "raider", "kidnappers", "kidnapper", "takfiris",
    "daeshis",
}  # fmt: skip
# A target's entourage ("two of his associates were detained"): the story's militants.
_ENTOURAGE_HEADS = {
    "associates", "associate", "aides", "aide", "accomplices", "accomplice", "companions", "bodyguards", "bodyguard",
    "followers", "henchmen",
}  # fmt: skip
_SUSPECT_HEADS = {"suspects", "suspect", "wanted", "persons", "people", "men", "individuals"}
_OWN_FORCE_HEADS = {
    "fighters", "fighter", "members", "member", "officers", "officer", "personnel", "soldiers", "soldier", "men",
    "guards", "troops", "elements", "heroes", "lieutenant", "captain", "colonel", "sergeant", "major", "commander",
}  # fmt: skip
_FORCE_CATEGORIES = {
    ActorCategory.state_forces, ActorCategory.kurdish_forces, ActorCategory.coalition, ActorCategory.paramilitary,
}  # fmt: skip


def _article_militants(text: str, gazetteer: Gazetteer, story: _StoryGroup | None = None) -> Actor | None:
    """The militant group the article is about (its last mention so far, else the first in the whole story), for
    "the attackers", "suspects": a daily report may name the group only after the incident."""
    found = [m for m in gazetteer.find_actors(text) if _category(m) == ActorCategory.militant_group]
    if found:
        return gazetteer.actor(found[-1].text)
    return story.militants() if story is not None else None


class _StoryGroup:
    """The first militant group named anywhere in the article, looked up once and only when asked for."""

    def __init__(self, text: str, gazetteer: Gazetteer) -> None:
        self._text = text
        self._gazetteer = gazetteer
        self._found: Actor | None = None
        self._done = False

    def militants(self) -> Actor | None:
        if not self._done:
            self._done = True
            found = [m for m in self._gazetteer.find_actors(self._text) if _category(m) == ActorCategory.militant_group]
            self._found = self._gazetteer.actor(found[0].text) if found else None
        return self._found


# Generic words ("soldiers", "terrorists") resolve to the Iraqi army and ISIS; an article that names another army or
# group by its proper name ("Syrian troops", "ISWAP") means that one.
_GENERIC_DEFAULTS = {"Iraqi Army": ActorCategory.state_forces, "ISIS": ActorCategory.militant_group}


# A tally over a war or a period, not one incident: "the insurgency has killed 40,000 people", "not counting militants".
_AGGREGATE = re.compile(
    r"\b(?:insurgency|conflict|war)\b[^.;]{0,40}\b(?:has|have)\s+killed\b|\bso\s+far\b|\bin\s+total\b|\boverall\b"
    r"|\bnot\s+counting\b|\bin\s+all\b|\bby\s+(?:our|its|their)\s+(?:count|tally)\b"
)


def _specific(actor: Actor, np_text: str, context: str, gazetteer: Gazetteer) -> Actor:
    """The army or group the article names, for a figure whose noun is generic ("nine soldiers" in Syria)."""
    category = _GENERIC_DEFAULTS.get(actor.canonical or "")
    if category is None or any(w[:1].isupper() for w in np_text.split()):
        return actor  # "Iraqi soldiers", "ISIS fighters": named in the figure itself
    named = [
        m
        for m in gazetteer.find_actors(context)
        if _category(m) == category
        and m.text[:1].isupper()
        and m.entry.canonical != actor.canonical
        and (category != ActorCategory.state_forces or m.entry.canonical.endswith("Army"))
    ]
    if not named:
        return actor
    return Actor(name=np_text, canonical=named[-1].entry.canonical, category=category)


_SUSPICION_TAIL = re.compile(
    r"^\s*,?\s*(?:who\s+(?:are|were)\s+)?(?:suspected|accused|believed|thought)\s+(?:of|to)\b|^\s+wanted\s+(?:for|by|under)\b",
    re.IGNORECASE,
)


def _is_suspect_phrase(words: list[str], rest: str) -> bool:
    """Detainees described as suspects: "wanted persons", "people suspected of links to ..."."""
    return "wanted" in words or "suspected" in words or _SUSPICION_TAIL.match(rest) is not None


_QUOTED_OF = re.compile(r"^\s+of\s+(?:the\s+)?[\"“‘']", re.IGNORECASE)


def _is_derogatory_members(words: list[str], rest: str, source: Claimant | None, perpetrator: Actor | None) -> bool:
    """ "members of the 'PKK militia'" in a militant group's claim: its own name for the force it attacked."""
    if not words or words[-1] not in _OWN_FORCE_HEADS or not _QUOTED_OF.match(rest):
        return False
    militant = ActorCategory.militant_group
    by_militants = source is not None and source.affiliation is not None and source.affiliation.category == militant
    return by_militants or (perpetrator is not None and perpetrator.category == militant)


def _militant_speaker_members(words: list[str], sentence: str, figure: _Figure, mentions: list[Mention]) -> bool:
    if not words or words[-1] not in _OWN_FORCE_HEADS or not _QUOTED_OF.match(sentence[figure.np_end :]):
        return False
    return _militant_speaker(sentence, figure.match.start, mentions)


def _militant_speaker(sentence: str, pos: int, mentions: list[Mention]) -> bool:
    """A militant group is named before ``pos`` and the sentence is its claim ("claimed ..., saying")."""
    militant = any(m.start < pos and _category(m) == ActorCategory.militant_group for m in mentions)
    return militant and _CLAIM_CUE.search(sentence[:pos]) is not None


_CLAIM_CUE = re.compile(r"\bclaim(?:ed|s|ing)\b|,\s+saying\b|\bsaid\b|\bstatement\b", re.IGNORECASE)


def _forces_in(text: str, gazetteer: Gazetteer) -> list[Mention]:
    return [m for m in gazetteer.find_actors(text) if _category(m) in _FORCE_CATEGORIES]


def _attacked_force(text: str, gazetteer: Gazetteer) -> Actor | None:
    """The force the story's attack targeted: the first force named after an attack cue, else the first force."""
    forces = _forces_in(text, gazetteer)
    for mention in forces:
        if _TARGET_CUE.search(text[max(0, mention.start - 40) : mention.start]):
            return gazetteer.actor(mention.text)
    return gazetteer.actor(forces[0].text) if forces else None


def _own_force(text: str, gazetteer: Gazetteer) -> Actor | None:
    """The force a statement speaks for ("our fighters"): the one it names most often, the first on a tie."""
    actors = [gazetteer.actor(m.text) for m in _forces_in(text, gazetteer)]
    names = [a.canonical for a in actors]
    if not names:
        return None
    best = max(names, key=lambda name: (names.count(name), -names.index(name)))
    return actors[names.index(best)]


def _figure_victims(
    sentence: str,
    figure: _Figure,
    gazetteer: Gazetteer,
    mentions: list[Mention],
    perpetrator: Actor | None,
    previous: Actor | None,
    source: Claimant | None = None,
    prior: str = "",
    story: _StoryGroup | None = None,
) -> Actor:
    if figure.kind == "person":
        words = figure.np_text.lower().replace("“", " ").replace('"', " ").split()
        head = words[-1] if words else ""
        actor = _suspected_of(sentence[figure.np_end :], gazetteer) if figure.outcome in _DETENTION else None
        if actor is None and figure.outcome in _DETENTION and _is_suspect_phrase(words, sentence[figure.np_end :]):
            # "wanted persons", "five people suspected of links to the cells": detainees of the article's group
            actor = _article_militants(prior + " " + sentence, gazetteer, story)
        if actor is None and _is_derogatory_members(
            words, sentence[figure.np_end :], source, perpetrator
        ) | _militant_speaker_members(words, sentence, figure, mentions):
            # a militant claim's "11 members of the 'apostate army'": the force the story's attack targeted
            actor = _attacked_force(prior + " " + sentence[: figure.match.start], gazetteer)
        if actor is None and "our" in words and head in _OWN_FORCE_HEADS:
            # "two of our heroic fighters" in a force's own statement: the force it names most
            actor = _own_force(prior + " " + sentence, gazetteer)
        actor = actor or _np_actor(figure.np_text, gazetteer) or _nationality(figure.np_text, gazetteer)
        if actor is None and (
            head in _HOSTILE_HEADS
            or head in _ENTOURAGE_HEADS
            or "takfiri" in words
            or (figure.outcome in _DETENTION and head in _SUSPECT_HEADS)
        ):
            # "the attackers", "takfiri elements", detained "suspects": the militant group the article is about
            actor = _article_militants(prior + " " + sentence, gazetteer, story)
        affiliation = source.affiliation if source is not None else None
        if actor is None and head in _OWN_FORCE_HEADS and affiliation and affiliation.category in _FORCE_CATEGORIES:
            actor = affiliation  # "three of its fighters were killed", the SDF said: a force reporting its own losses
        if actor is None and head in _CIVILIAN_NOUNS:
            actor = gazetteer.actor("civilians")
        if actor is None:
            actor = _context_victims(sentence, figure, gazetteer, mentions, perpetrator)
        if (
            actor is not None
            and actor.canonical == "Civilians"
            and head in ("people", "persons")
            and _AGGREGATE.search(sentence)
        ):
            actor = None  # "the war has killed 40,000 people": a tally over a war mixes fighters and civilians
        if actor is not None and actor.canonical:
            actor = _specific(actor, figure.np_text, prior + " " + sentence[: figure.match.start], gazetteer)
            return Actor(name=figure.np_text, canonical=actor.canonical, category=actor.category)
        return _unspecified(figure.np_text, gazetteer)
    if figure.kind in ("others", "pronoun", "none", "head-outcome") and previous is not None:
        return previous  # "injuring five others", "killed 32 people and wounded more than 70"
    if figure.kind in ("pronoun", "none") and figure.outcome_from in ("pre", "inherited"):
        # "ambushed a bus carrying Syrian soldiers, killing at least nine": the target of the attack
        context = _context_victims(sentence, figure, gazetteer, mentions, perpetrator)
        if context is not None:
            return _specific(context, context.name, prior + " " + sentence[: figure.match.start], gazetteer)
    if figure.kind == "pronoun":
        # "killing all three of them": the people the paragraph was about
        nearby = [
            m
            for m in _forces_in(prior[-400:], gazetteer)
            if perpetrator is None or m.entry.canonical != perpetrator.canonical
        ]
        if nearby:
            return gazetteer.actor(nearby[-1].text)
    # No noun ("three were killed", "15 casualties"): the text does not say who.
    return _unspecified(figure.np_text, gazetteer)


_CONTRAST = re.compile(r",\s+(?:while|whereas)\s+")
_SAY_VERB = re.compile(rf"\b(?:{_ATTRIBUTION_VERBS}|say|according\s+to)\b")


def _claim_covers(sentence: str, figure_at: int) -> bool:
    """Whether the sentence's attribution covers a figure at ``figure_at``: the figure follows the verb, or the
    verb closes the sentence ("..., officials said on Sunday"). In "killed four soldiers, an attack officials say
    shows ..." the officials judge the attack; the toll is the article's own."""
    verb = _SAY_VERB.search(sentence)
    if verb is None or verb.start() < figure_at:
        return True
    return len(sentence[verb.end() :].split()) <= 8


def _person_in(sentence: str, gazetteer: Gazetteer) -> Claimant | None:
    """The named source of a sentence, remembered so that a later "he said" can be attributed."""
    if not _ANY_ATTRIBUTION.search(sentence):
        return None
    claimant = _reported_by(sentence, gazetteer, None)
    if claimant is not None and claimant.name[:1].isupper():
        return claimant
    return None


def _operation_for(operations: Sequence[Operation], start: int, end: int) -> str | None:
    for operation in operations:
        ev = operation.evidence
        if ev.start is not None and ev.end is not None and ev.start < end and start < ev.end:
            return operation.id
    return None
