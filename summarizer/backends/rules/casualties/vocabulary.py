"""Casualty figures: the vocabulary and patterns of outcomes, person nouns, dates and attribution that the
figure, source and victim readers share (word lists come from the lexicon).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from summarizer import lexicon
from summarizer.gazetteer import Mention
from summarizer.models import (
    Outcome,
)

#: Canonical name for victims a text does not name (gazetteer entry shared with the gold fixtures).
UNSPECIFIED = "Unspecified"

SpanMap = Callable[[int, int], tuple[int, int]]


def best_of_group(group: list[Mention]) -> Mention:
    """The mention that names a group of actor mentions best: a proper name ("Asayesh") says more than a generic
    head ("security forces"), a longer name more than a shorter one."""
    return max(group, key=lambda m: (m.text[:1].isupper(), m.end - m.start))


# --------------------------------------------------------------------------- vocabulary

_PERSON_NOUNS = lexicon.words("person_nouns")
_OTHERS = {"others", "other", "more"}
_MODIFIERS = lexicon.words("person_modifiers")
# "three of them"; "lost three of their own", "four of our own" (group "own"): the people of the party that speaks
# or is named before
_PRONOUN_TAIL = re.compile(
    r"^\s+of\s+(?:(?:them|those|whom|these)\b|(?P<own>(?:their|its|our|his|her)\s+own\b(?!\s+[a-z]+(?:s|men)\b)))",
    re.IGNORECASE,
)

# Outcome words after a figure's noun phrase, most specific first.
_POST_OUTCOMES: list[tuple[str, Outcome]] = [
    (
        r"killed\s+(?:and|or)\s+(?:wounded|injured)|dead\s+(?:and|or)\s+(?:wounded|injured)|casualties",
        Outcome.killed_or_wounded,
    ),
    (
        r"shot\s+dead|shot\s+and\s+killed|gunned\s+down|lost\s+their\s+lives|lost\s+his\s+life|lost\s+her\s+life"
        r"|killed|dead|died|martyred|perished|slain|executed|beheaded|murdered|among\s+(?:the|those)\s+(?:dead|killed)|fatalities"
        r"|liquidated|eliminated|neutrali[sz]ed|e?kia"
        # "was hit by a stray bullet and died on the way to hospital"
        r"|hit\s+(?:in\s+the\s+[a-z]+\s+)?by\s+(?:a\s+)?(?:stray\s+)?(?:bullets?|shrapnel|gunfire|sniper\s+fire)"
        r"\s+(?:[^.;]{0,40}?\s)?and\s+(?:later\s+)?died|" + lexicon.alternation("killed_phrases"),
        Outcome.killed,
    ),
    (
        r"(?:sustain(?:ing|ed)|suffer(?:ing|ed)|receiv(?:ing|ed))\s+(?:an?\s+)?(?:\w+\s+)?(?:injur(?:ies|y)|wounds?)"
        r"(?:\s+to\s+(?:the|his|her|their)\s+\w+)?|shot\s+and\s+wounded"
        # "nine people with blast injuries" (a clinic's count)
        r"|with\s+(?:[\w-]+\s+){0,2}?(?:wounds|injuries)"
        r"|wounded|injured|hurt|hospitali[sz]ed|among\s+the\s+(?:wounded|injured)|e?wia"
        r"|(?:survived|escaped)\s+with\s+(?:[\w-]+\s+){0,2}?(?:burns|injuries|wounds)|suffered\s+(?:[\w-]+\s+)?burns"
        r"|hit\s+(?:in\s+the\s+[a-z]+\s+)?by\s+(?:shrapnel|gunfire|bullets?|a\s+bullet|sniper\s+fire|(?:a\s+)?stray\s+bullets?)"
        r"|(?:admitted|taken|rushed|evacuated|brought(?:\s+in)?)\s+(?:to\s+(?:a\s+|the\s+)?hospitals?\s+)?with\s+(?:[\w-]+\s+){0,4}?"
        r"(?:wounds|injuries)"
        # "one woman was being treated for gunshot wounds"
        r"|(?:being\s+)?treated\s+(?:in\s+hospital\s+)?for\s+(?:[\w-]+\s+){0,2}?(?:wounds|injuries|burns)",
        Outcome.wounded,
    ),
    (
        r"taken\s+(?:prisoner|captive|hostage|away|into\s+(?:the\s+bush|captivity))|led\s+away|carried\s+off"
        r"|captured|abducted|kidnapped|seized",
        Outcome.captured,
    ),
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
    # hedged: "six BIFF members were believed killed", "three villagers were feared dead"
    r"|fatally|mortally|moderately|confirmed|believed|feared|presumed|thought|probably|likely)\s+){0,4}"
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
        r"kill(?:ing|ed|s)?(?:\s+of)?|killings\s+of|buried|burying|deaths?\s+of|lives\s+of|execut(?:ing|ed|ions?\s+of)"
        r"|behead(?:ing|ed)|murder(?:ing|ed|s?\s+of)"
        r"|slaying(?:\s+of)?|martyr(?:ing|ed)|(?<=[a-z]\s)lost|shot\s+dead|gunned\s+down|martyrdom\s+of|(?:(?:death\s+)?toll|death\s+count|number\s+of\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?"
        r"(?:killed|dead|deaths|fatalities|martyrs)|number\s+of\s+(?:[\w-]+\s+){1,2}?who\s+(?:fell|died|were\s+killed)"
        r"(?:\s+(?:in|at|near)\s+[A-Z][\w'’-]*)?)\s+(?:(?:has|had)\s+)?(?:of|at|to|from\s+[\w,.]+\s+to|"
        # "bringing the number of officers killed in the attack to five"
        r"(?:in|at|near|during|since|across|of)\s+[^.;,]{0,60}?\s+to|"
        r"(?:[^.;]{0,160}?\b)?(?:rose|risen|climbed|reached|increased|jumped|stands|stood|hit|revised|raised|updated"
        r"|corrected|lowered|reduced|brought|put)(?:\s+(?:upwards?|downwards?|up|down))?(?:\s+from\s+[\w,.]+)?"
        r"\s+(?:to|at)|(?:[^.;]{0,160}?\b)?(?:reached|hit|topped|passed|surpassed|exceeded))"  # "had reached 27"
        r"|(?:bodies|corpses|remains)\s+of|eliminat(?:e|ed|ing|ion\s+of)|neutrali[sz](?:e|ed|ing|ation\s+of)"
        r"|liquidat(?:ed|ing|ion\s+of)",
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
_PERP_VERBS = re.compile(
    r"^(?:(?!\b(?:said|says|told|announced|reported|stated)\b)[^,;.]){0,40}?\b(?:attack(?:ed|s)?|kill(?:ed|s)?|ambush(?:ed|es)?|target(?:ed|s)|stormed|struck|bomb(?:ed|ing)|"
    r"shelled|opened\s+fire|claimed\s+responsibility|carried\s+out|executed|kidnapped|abducted|detonated|assault|"
    r"offensive|raid(?:ed)?|airstrikes?|strikes?|shot|launched|snipers?|operations?|campaign|intensified|conducted|"
    r"arrested|detained|captured|apprehended|rounded\s+up|neutrali[sz]ed|eliminated|dismantled|(?<!were\s)(?<!was\s)(?<!been\s)(?:repelled|repulsed)"
    r"|overran|fired|pounded)\b",
    re.IGNORECASE,
)
_BY_AGENT = re.compile(r"^\s+by\s+(?:an?\s+|the\s+)?(?P<agent>[^,;.]{1,60})")
# a part of a figure told before: "including", "among them", "Among the civilians killed was a 12-year-old boy"
_INCLUDING = re.compile(
    r"(?:including|among\s+them|of\s+whom|among\s+whom"
    r"|among\s+(?:the|those)\s+(?:[\w-]+\s+){0,2}?(?:killed|dead|wounded|injured)\s+(?:was|were))\s+$",
    re.IGNORECASE,
)
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
    rf"(?<![\w-])(?:an?|one|another)\s+(?=(?:[\w'’-]+\s+){{0,3}}?(?:{lexicon.alternation('article_heads')})\b)",
    re.IGNORECASE,
)


# A comparison with an earlier figure: "..., against eleven the week before", "up from 9 a month earlier".
_EARLIER_TAIL = re.compile(
    r"^\s*(?:(?:killed|dead|deaths|wounded|people|in)\s+)?(?:the\s+(?:week|month|year|day)\s+before|the\s+previous\s+"
    r"(?:week|month|year|day)|a\s+(?:week|month|year)\s+(?:earlier|before)|(?:last|a\s+year\s+ago))\b",
    re.IGNORECASE,
)


# A rescue verb before a figure ends a captivity: "rescued 14 kidnapped victims", "freed 20 hostages" count no
# casualties (the rescued people were counted, if at all, when they were taken).
_RESCUED = re.compile(
    rf"(?<![\w-])(?:{lexicon.alternation('rescue_verbs')})\s+(?:(?:all|the|some|another)\s+)?$", re.IGNORECASE
)
_RESCUED_AFTER = re.compile(
    rf"\s*,?\s+(?:(?:were|was|have\s+been|had\s+been|also|later|safely|successfully)\s+){{1,3}}"
    rf"(?:{lexicon.alternation('rescue_verbs')})\b",
    re.IGNORECASE,
)


_STOP_WORDS = {
    "and", "or", "but", "in", "on", "at", "to", "from", "by", "for", "with", "near", "into", "across", "after",
    "before",
    "during", "since", "of", "were", "was", "are", "is", "have", "has", "had", "be", "been", "being", "that", "which",
    "who", "this", "these", "those", "there", "their", "they", "it", "its", "while", "when", "as", "than", "per",
}  # fmt: skip

_TRANSITIVE = {
    "shot", "gunned", "liquidated", "eliminated", "neutralised", "neutralized", "killed", "wounded", "injured",
    "captured", "abducted", "kidnapped", "seized", "arrested", "detained", "executed", "beheaded", "murdered", "slain",
}  # fmt: skip

# Last words that can end an outcome phrase before a figure: a set lookup saves seven regex searches.
_PRE_LAST_WORDS = {
    "kill", "kills", "killing", "killed", "of", "wound", "wounds", "wounding", "wounded", "injure", "injures",
    "injuring", "injured", "to", "at", "dead", "down", "capturing", "captured", "abducting", "abducted", "kidnapping",
    "kidnapped",
    "prisoner", "hostage", "arresting", "arrested", "arrests", "detaining", "detained", "detains", "apprehending",
    "apprehended", "up", "nabbing", "nabbed", "executing", "executed", "beheading", "beheaded", "murdering", "murdered",
    "slaying", "among", "lost", "eliminated", "eliminating", "neutralized", "neutralised", "neutralizing",
    "neutralising", "liquidated", "liquidating",
    "injury", "martyring", "martyred", "neutralise", "neutralize", "eliminate", "buried", "burying",
    # a toll that "had reached 27", "passed 40"
    "reached", "hit", "topped", "passed", "surpassed", "exceeded",
}  # fmt: skip
