"""Attribution: the reporting verbs and speaker patterns, and the claimant parser (name and role of a speaker)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import cast

from summarizer import lexicon
from summarizer.backends.rules.dates import DATE_SCAN, POST_STAMP
from summarizer.caseless import Caseless
from summarizer.gazetteer import ActorEntry, Gazetteer, _trie_regex, default_gazetteer
from summarizer.models import Actor

_VERBS = (
    # the reporting verbs as a trie, one branch per first letter instead of one try per verb: the same matches (the
    # verbs that fit at one point are prefixes of one another, tried longest first either way)
    f"(?:{_trie_regex(set(lexicon.entries('reporting_verbs')))})"
    # reporting shapes around the verbs: tolls, records, disputes, blame
    + r"|put\s+the\s+(?:number|figure|strength|total)\s+(?:of\s+[\w\s]{1,30}?)?at"
    r"|(?:disputed|disputes|rejected|dismissed|blamed|blames)(?=\s+(?:the|a|an|this|that|these|those"
    r"|it|its|his|her|their|reports?|claims?|[A-Z]|[a-z]+\s+(?:of|for))\b)"
    r"|(?:has\s+|have\s+)?(?:recorded|documented)|put\s+the\s+(?:death\s+)?toll\s+at"
    r"|gave\s+(?:a|an|the|its|their)\s+(?:[\w-]+\s+)?(?:toll|tally|figure)"
)
_VERB = re.compile(rf"\b({_VERBS})\b")
# Reporting verbs used for something else: "declared victory", "tells a similar story", "claimed 41 attacks".
_NOT_ATTRIBUTION = re.compile(
    r"(?i)^\s+(?:(?:victory|war|a\s+(?:state|curfew|truce|ceasefire)|an\s+(?:emergency|end|offensive)|the\s+end)\b"
    r"|(?:a|the)\s+(?:[\w-]+\s+)?story\b|it\s+(?:differently|otherwise)\b)"
)
# "according to X", and its bookish forms "by the count of X", "by the tally of X"
_ACCORDING = re.compile(
    r"(?i)\b(?:according\s*to|by\s+(?:the|its|their)\s+(?:count|tally|reckoning|estimates?|figures?)\s+of)\s*(?=\S)"
)
_QUOTE = re.compile(r"[\"“]([^\"“”]{2,}?)[\"”]")
# "It said" opens a body's statement; "as it said" / "it was said" are not attributions of a new claim.
_NOUN_USES = frozenset({"estimates", "estimate", "reports", "claims", "states", "notes", "says", "count"})
_PASSIVE = re.compile(r"(?i)\b(?:was|were|been|being|is|are|be|widely|previously)\s+$|(?<!^)(?<!,\s)\bit\s+$")
# Words that open an adverbial, not a claimant: "In Kirkuk, X said"; "However, X pointed out".
_ADVERBIAL = re.compile(
    r"(?i)^(?:in|on|at|during|as|after|before|since|however|meanwhile|earlier|later|also|but|and|so|yet|still"
    r"|last|this|on\s+the\s+other\s+hand|for\s+(?:his|her|its|their)\s+part|separately|moreover|furthermore)\b"
)
_ROLE_WORDS = lexicon.alternation("role_nouns")
# "Jowhar (SVR) - Elders in ...": a dateline with the agency in brackets opens the story, not the speaker's name
_BRACKETED_DATELINE = re.compile(
    r"^\s*(?:(?:[A-Z][\w'.-]*\s+){0,3}\([A-Za-z .'-]{1,30}\)"
    r"|[A-Z][A-Z'.-]{2,}(?:\s+[A-Z][A-Z'.-]+){0,2}(?:,[^,\n]{1,25})?)\s*(?:--|[-–—:])\s+"
)  # "Mogadishu (SNB) - ", "GUSAU - ", "PESHAWAR: ": where the story was filed
_LEADING_CONJUNCTION = re.compile(r"^\s*(?:But|And|Yet|However|Meanwhile|Still)\s*,?\s+(?=\S)")
_ROLE_NOUN = re.compile(rf"(?i)\b(?:{_ROLE_WORDS})s?\b")
_TITLE = (
    r"(?:(?:Major|Brigadier|Lieutenant|Maj\.|Brig\.|Lt\.)\s+)?(?:General|Gen\.|Colonel|Col\.)"
    r"|Lieutenant|Lt\.|Major|Maj\.|Captain|Capt\.|Sheikh|Dr\.|Prof\.|Mr\.|Mrs\.|Ms\.|PM|Sergeant|Sgt\."
)
# Transliterated names may open with an ayn or a capital with a diacritic: "ʿAdnān", "Ṭāriq", "Ḥaydar".
_CAPITAL = "[ʿʾ]?[A-Z\u00c0-\u00de\u0100-\u017f\u1e00-\u1eff]"
_NAME_TOKEN = rf"(?:{_CAPITAL}[\w'’.-]*|al-[\w'’-]+|bin|ibn|Abu|abu|de|van|von)(?!\w)"
# A person's name at the end of a phrase, with a title: "Iraqi Prime Minister Mustafa al-Kadhimi".
_PERSON_AT_END = re.compile(rf"((?:{_TITLE})\s+)?((?:{_NAME_TOKEN}\s+){{0,3}}{_NAME_TOKEN})$")
_ORG_WORDS = re.compile(
    r"(?i)\b(?:ministry|office|command|cell|service|government|agency|council|committee|forces|army|police|media"
    r"|group|organi[sz]ation|coalition|centcom|pentagon|nations|department|military|embassy|authorities|statement"
    r"|report|release|unit|headquarters|militia|peshmerga|asayish|isis|daesh"
    # public bodies as other regions name them ("the secretariat said", "the observatory", "the ombudsman")
    r"|secretariat|directorate|bureau|observatory|commission|ombudsman|presidency|association|network|institute"
    # counters of violence: "a conflict monitoring project", "a think tank", "a database"
    r"|project|think\s+tank|database|tracker|centre|center|foundation|forum|initiative|league|federation|mission"
    r"|authority|gendarmerie|navy|hospital|tribunal)\b"
)
_PRONOUN = re.compile(
    r"(?i)^(?:he|she|they|it|one\s+of\s+(?:them|those)|the\s+(?:official|spokesman|spokesperson|expert|source|minister|mayor"
    r"|commander|officer|analyst|researcher|ministry|office|group|general|statement))$"
)
_REPORT_OF = re.compile(
    r"(?i)^(?:an?\s+|the\s+)?(?:official\s+)?(?:statements?|reports?|release|tweet|post|tally|count|estimates?|figures"
    r"|data|survey|study|analysis|communiqu[eé]s?|bulletins?|updates?)\s+(?:from|by|of)\s+(?:an?\s+)?"
)


@dataclass
class Speaker:
    """A speaker as a sentence names them: a person's or a body's name and the role written with it."""

    name: str
    role: str | None


def strip_speech(text: str) -> str:
    return text.strip(" ,;:.\u00a0\t\"“”'’‘[]")


def _split_parts(chunk: str) -> list[str]:
    """Comma parts of a subject phrase, ignoring commas inside parentheses."""
    parts, depth, last = [], 0, 0
    for i, ch in enumerate(chunk):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        elif ch == "," and depth == 0:
            parts.append(chunk[last:i])
            last = i + 1
    parts.append(chunk[last:])
    return [p.strip() for p in parts if p.strip()]


_EPITHET = re.compile(rf"(?i)^(?:(?:the|a|an)\s+)?(?:{lexicon.alternation('name_epithets')})\s+(?=\S)")


# "General Staff communiqué read on our antenna", "ISPR statement": the body whose document it is
_BODY_DOCUMENT = re.compile(
    r"^(?P<body>(?:the\s+)?(?:[A-Z][\w'’-]*\s+){0,5}[A-Z][\w'’-]*)\s+(?:communiqu[eé]s?|statements?|press\s+releases?)\b.*$"
)
# A document or a source told again stands for whoever issued it: "the communiqué adds", "the text states",
# "according to the same source"
DOCUMENT_SPEAKER = re.compile(
    r"(?i)^(?:the\s+)?(?:same\s+source|communiqu[eé]|text|statement|release|press\s+release|note|message|document)$"
)


def _clean_org(name: str) -> str:
    name = _REPORT_OF.sub("", name)
    body = _BODY_DOCUMENT.match(re.sub(r"(?i)^(?:the|a|an)\s+", "", name))
    if body:
        name = body.group("body")
    name = re.sub(r"\s*\([^)]*\)", "", name)
    name = _EPITHET.sub("", name)  # "the proscribed Baloch Liberation Army": the army
    name = re.sub(r"(?i)^(?:the|a|an)\s+", "", name)
    name = re.sub(r"(?i)\s+(?:report|statement|release)$", "", name)
    # "an earlier army statement": the army
    name = re.sub(r"^(?:earlier|previous|separate|later|latest|new|joint|brief|short|official)\s+(?=\S)", "", name)
    return strip_speech(name)


_ROLE_NOUN_SCAN = Caseless(_ROLE_NOUN)
# "commander of the Army's 20th Infantry Battalion", "spokesman for the police": a role noun in lower case that
# governs the body it serves
_ROLE_OF = re.compile(
    rf"^(?:(?:deputy|acting|senior|chief|former|regional|provincial)\s+)?(?:{_ROLE_WORDS})s?\s+(?:of|for|at|with|in)\s"
)
_DISCOURSE_ASIDE = re.compile(
    r"(?i)^(?:however|meanwhile|though|too|also|in\s+turn|for\s+(?:its|his|her|their)\s+part|in\s+response"
    r"|separately|instead|nonetheless|moreover|in\s+contrast|by\s+contrast|for\s+now)$"
)
# "in a statement sent to journalists", "via its Telegram channel", "in a video": the medium of a claim
_MEDIUM_ASIDE = re.compile(
    r"(?i)^(?:in|via|through|on)\s+(?:a|an|the|its|their|his|her)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:statement|message|post|video|communiqu[eé]|release|tweet|interview|briefing|channel|broadcast|audio"
    r"|(?:news\s+)?agency|outlet|account|website|page|mouthpiece|media\s+arm)s?\b"
)  # asked of every comma part of every claimant


# A body named by its own name ("The Observatory for Human Rights (OHR)"), described after it ("a rights group"):
# its name, not the description, is the speaker
_PROPER_BODY = re.compile(
    r"^(?:The\s+)?[A-Z][\w'’-]*(?:\s+(?:of|for|on|in|at|and|the|de|des|du|la|le|pour|del|[A-Z][\w'’-]*"
    r"|\([A-Z]{2,8}\))){1,8}$"
)


def _proper_body(part: str) -> bool:
    return _PROPER_BODY.match(part) is not None and _ORG_WORDS.search(part) is not None


def _is_pure_role(part: str) -> bool:
    """ "spokesperson for the JOC", "a security expert", "Iraqi Armed Forces spokesperson", "commander of the 8th
    Infantry Division": a role, no name."""
    if not _ROLE_NOUN_SCAN.search(part):
        return False
    if _ROLE_OF.match(part):
        return True  # a lower-case role noun governing its unit: the unit's capitals are no person's name
    tail = _PERSON_AT_END.search(part)
    if re.match(r"(?i)^(?:an?|the)\s", part) or part[0].islower():
        # "border guard spokesman Ali Hamid": a lower-case role that ends in a person's name is a name
        named = tail is not None and len(tail.group(2).split()) >= 2 and not _ORG_WORDS.search(tail.group(0))
        return not (named and not _ROLE_NOUN.fullmatch(part.split()[-1]))
    return tail is None or bool(_ROLE_NOUN.fullmatch(part.split()[-1]))


_PERSON_OF = re.compile(
    rf"^((?:(?:{_TITLE})\s+)?(?:{_NAME_TOKEN}\s+){{0,3}}{_NAME_TOKEN})\s+((?:of|from|with|at)\s+.+)$"
)
_ROLE_THEN_NAME = re.compile(
    rf"^(.*\b(?:{_ROLE_WORDS}|(?-i:general|colonel|brigadier|major|captain))s?)\s+((?:(?:{_TITLE})\s+)?(?:{_NAME_TOKEN}\s+){{0,3}}{_NAME_TOKEN})$",
    re.IGNORECASE,
)


def _split_name(part: str) -> tuple[str, str | None]:
    """("Security researcher Hisham al-Hashimi") -> ("Hisham al-Hashimi", "Security researcher"); ("Volunteers of
    the Red Cross") -> ("Red Cross", "volunteers")."""
    name, role = _split_person(part)
    return _body_of_members(name, role) or (name, role)


def _split_person(part: str) -> tuple[str, str | None]:
    m = _PERSON_OF.match(part)
    if m and not _ORG_WORDS.search(m.group(1)):
        return m.group(1), m.group(2)  # "Lieutenant Colonel X of the Peshmerga intelligence"
    m = _ROLE_THEN_NAME.match(part)
    if m and m.group(2)[0].isupper() and not _ORG_WORDS.search(m.group(2)):
        return m.group(2), m.group(1)
    return part, None


def _described_name(parts: list[str], i: int) -> bool:
    """ "Omar Saleh, a farmer from Dibis,": an indefinite description right after a person's name is a role."""
    if i < 1 or not re.match(r"^(?:(?:now|currently|formerly|later|also)\s+)?(?:an?)\s+[a-z]", parts[i]):
        return False
    if len(parts[i].split()) > 10:
        return False
    name = strip_speech(parts[i - 1])
    if _PERSON_AT_END.fullmatch(name) is None:
        # "Retired staff general Imad Saleh, now an adviser at ...": a role, then the name
        ranked = _ROLE_THEN_NAME.match(name)
        if ranked is None or not ranked.group(2)[:1].isupper():
            return False
    return not _ORG_WORDS.search(name) and not _ADVERBIAL.match(name)


# People who speak for the body they serve: "Volunteers of the Red Cross", "staff of the Emergency Response Room"
_MEMBERS = re.compile(
    r"(?i)^(?:volunteers|members|staff|workers|officials|medics|doctors|rescuers|paramedics|spokespeople|employees)$"
)
_BODY = re.compile(
    r"^(?:of|from|with|at)\s+(?:the\s+)?(?:[\w'’-]+\s+){0,3}?(?P<body>(?:[A-Z][\w'’-]*\s+){0,5}[A-Z][\w'’-]*)$"
)
_BODY_WORDS = re.compile(
    r"(?i)\b(?:cross|crescent|room|network|committee|council|agency|service|society|foundation|organi[sz]ation"
    r"|association|office|union|federation|mission|commission|centre|center|ministry|group|team|unit|brigade)$"
)


def _body_of_members(name: str, role: str | None) -> tuple[str, str] | None:
    """("Volunteers", "of the camp's Emergency Response Room") -> ("Emergency Response Room", "volunteers"): a
    body's members speak for the body; the residents of a place stay the residents."""
    if role is None or not _MEMBERS.match(name):
        return None
    m = _BODY.match(role.strip())
    if m is None or not _BODY_WORDS.search(m.group("body")):
        return None
    return m.group("body"), name.lower()


# "Rakhine State", "Bijapur district": a place named with its division word
_DIVISION_NAME = re.compile(
    rf"^(?:{_NAME_TOKEN}\s+){{1,3}}(?:{lexicon.alternation('division_words')})$", re.IGNORECASE
)


_RECEIVED_TAIL = re.compile(
    r"(?i)\s+(?:received|obtained|seen|sent|read|shared|circulated|relayed)\s+(?:by|in|on|to|at|through|with)\s+"
    r"(?:our|the|this|a|an)\b(?![^,]*\bfrom\b)[^,]*$"
)
# "Sources at the State Specialist Hospital", "Doctors at the general hospital": people named by where they work
_SPEAKERS_AT = re.compile(r"(?i)^(?:the\s+)?(?:[\w-]+\s+){0,2}[\w-]+\s+(?:at|in|of)\s+(?:the\s+)?[A-Z]")


@lru_cache(maxsize=4096)
def _is_place(part: str) -> bool:
    """The whole comma part is a place ("Rakhine State", "Mogadishu"): where a speaker is, never their name."""
    part = strip_speech(part)
    if not part or not part[0].isupper():
        return False
    if _DIVISION_NAME.match(part) and part.split()[-1][0].isupper():
        return True
    from summarizer import geo  # the place index is built on first use, not on import

    gaz = default_gazetteer()
    if any(m.start == 0 and m.end == len(part) for m in gaz.find_places(part)) and not gaz.find_actors(part):
        return True
    return any(p.start == 0 and p.end == len(part) for p in geo.find_places(part))


def _place_qualifies_role(parts: list[str], i: int, trailing_roles: list[str]) -> str | None:
    """The role a place part qualifies: "Inspector General of Police (IGP), Kashmir, told": the inspector general
    of that place speaks; "... in Kyaukphyu Township, Rakhine State, residents said": the residents. None when
    the part at ``i`` is somebody's name."""
    part = strip_speech(parts[i])
    if trailing_roles:
        return trailing_roles[-1] if _is_place(part) else None
    if i < 1 or not _is_pure_role(parts[i - 1]):
        return None
    single = re.fullmatch(rf"{_CAPITAL}[\w'’-]+", part) is not None and not _ROLE_NOUN.fullmatch(part)
    return parts[i - 1] if _is_place(part) or single else None


def _names_no_claimant(chunk: str) -> bool:
    """The phrase before the verb says nobody claims anything, or the outlet itself speaks, or "according to" does."""
    return bool(
        # "No group claimed responsibility", "Al-Shabaab has not claimed the shelling": nobody claims anything
        re.match(r"(?i)^\s*(?:no|nobody|none|neither)\b", chunk)
        or re.search(r"(?i)\b(?:has|have|had|did|does|do|would|could|will)\s+not\s*$|\b(?:never|not)\s*$", chunk)
        # "Our own incident log recorded ...": the outlet's own voice, not an attributed claim
        or re.match(r"(?i)^\s*(?:our|we|us)\b", chunk)
        # the "according to" frame has its own reading
        or re.match(r"(?i)^\s*according\s+to\b[^,]*$", chunk)
    )


# "a woman of 52", "an elderly farmer", "the mother of one of the victims": a person described, not named
def _people_nouns() -> list[str]:
    """Nouns for people (persons, civilians' trades, roles), with the singular of each plural."""
    words = {*lexicon.entries("person_nouns"), *lexicon.entries("civilian_nouns"), *lexicon.entries("role_nouns")}
    return sorted(words | {lexicon.singular(w) for w in words}, key=len, reverse=True)


PERSON_HEAD = re.compile(
    rf"^(?:(?:[Aa]n?|[Tt]he)\s+)?(?:[a-z-]+\s+)?(?:{lexicon.alternate(_people_nouns())})"
    r"(?:\s+(?:of|in|from|at)\b.*)?$"
)


# A closing description of the speaker set off by commas: "the spokesman, a general,"
_DESCRIBED_TAIL = re.compile(r",\s*(an?\s+[^,]{1,60}?)\s*,?\s*$", re.IGNORECASE)


def parse_claimant(chunk: str) -> Speaker | None:
    """Name and role from the phrase before an attribution verb, or None when it names no person or body; when
    only a closing description fails to name anyone ("the spokesman, a general,"), the speaker it describes."""
    tail = _DESCRIBED_TAIL.search(chunk)
    if tail is not None and _proper_body(strip_speech(chunk[: tail.start()])):
        # "The Observatory for Human Rights (OHR), a rights group in the capital, said": the body, so described
        inner = _parse_claimant(chunk[: tail.start()])
        if inner is not None:
            return Speaker(inner.name, inner.role or strip_speech(re.sub(r"(?i)^an?\s+", "", tail.group(1))))
    speaker = _parse_claimant(chunk)
    if speaker is None and tail is not None:
        head = chunk[: tail.start()]
        # "At the hospital, a surgeon": the head is where the speaker is, not who
        speaker = None if _ADVERBIAL.match(head.strip()) else _parse_claimant(head)
    return speaker


def _without_where_and_how(parts: list[str]) -> list[str]:
    """The comma parts before the verb without where the speakers are ("Sources at the State Specialist Hospital,
    Maiduguri,"), what they were doing ("visiting the wounded"), how their text reached the outlet ("a statement ...
    received in our newsroom") and a conjunction before them ("and residents")."""
    if len(parts) > 1 and re.match(r"^[a-z]{3,}ing\s", parts[-1].strip()) and _ROLE_NOUN.search(parts[-2]):
        parts = parts[:-1]  # "the Governor, visiting the wounded at the hospital, announced": what he was doing
    if len(parts) > 1 and _SPEAKERS_AT.match(strip_speech(parts[-2])) and _is_place(parts[-1]):
        parts = parts[:-1]
    if not parts:
        return parts
    # "..., killing two soldiers, and residents accused": the speaker after a conjunction
    last = re.sub(r"^\s*(?:and|but|while|whereas)\s+(?=\S)", "", _RECEIVED_TAIL.sub("", parts[-1]))
    return [*parts[:-1], last]


def _parse_claimant(chunk: str) -> Speaker | None:
    """Name and role from the phrase before an attribution verb, or None when it names no person or body.

    The claimant is the comma part nearest the verb that is not a bare role, with the bare roles around
    it ("Major General X, spokesperson for Y,"; "Official spokesperson for Y, Colonel X"); anything
    before that (an adverbial, or the reported content itself) is not part of the claimant.
    """
    if _names_no_claimant(chunk):
        return None
    # "09:30 - A hospital source": a live page's time stamp; "But a doctor at ...": a leading conjunction
    chunk = _LEADING_CONJUNCTION.sub("", _BRACKETED_DATELINE.sub("", POST_STAMP.sub("", chunk)))
    if re.match(r"(?i)^\s*(?:an?|the)\s", chunk):
        chunk = _REPORT_OF.sub("", chunk.strip())  # "a communiqué of the General Staff": the staff speaks
    chunk = DATE_SCAN.sub(" ", chunk)
    # "Al-Shabaab has said", "The army also said": an auxiliary or an adverb before the verb is no part of the name
    chunk = re.sub(
        r"(?i)(?:\b(?:also|later|earlier|again|further|previously|separately|now|has|have|had|routinely|often"
        r"|usually|regularly|frequently|typically|always)\s*)+$",
        "",
        chunk.strip(),
    )
    parts = _split_parts(chunk)
    if len(parts) > 1 and (relative := re.match(r"(?i)^(?:where|when|as)\s+((?:[\w-]+\s+){0,3}[\w-]+)$", parts[-1])):
        # "..., where officials say": the officials; what comes before is the sentence's own content
        return Speaker(_clean_org(relative.group(1)), None)
    # relative clauses and asides about the speaker: "who asked not to be named", "speaking on condition of ..."
    parts = [
        p
        for p in parts
        if not re.match(
            r"(?i)^(?:who|which|whose|where|speaking|asking|requesting|citing|quoting"
            # "The Islamic State, to which the insurgents are linked, claimed": a relative clause about the body
            r"|(?:to|of|with|by|in|for|from|under)\s+(?:which|whom|whose)"
            # "Reached by telephone, a notable of Boni said": how the reporter reached the speaker
            r"|(?:reached|contacted|interviewed|approached)\b"
            # "the so-called Observatory, based in Britain, claimed": where the body sits, not who it is
            r"|based\s+(?:in|at|out\s+of)\b"
            r"|(?:published|issued|released|posted|carried|broadcast|circulated)\s+(?:by|on|in|through)\b)\b",
            p.strip(),
        )
        # "Residents of Hassu Khel village, near Mir Ali, told": where the speakers are, not who they are
        and not (len(parts) > 1 and re.match(r"^(?:near|outside|in|at|from)\s+[A-Z]", p.strip()))
        # "The TTP, in a statement sent to journalists, claimed": how the speaker spoke, not who
        and not (len(parts) > 1 and _MEDIUM_ASIDE.match(p.strip()))
        # "The provincial police office, however, reported": a discourse adverb between commas
        and not (len(parts) > 1 and _DISCOURSE_ASIDE.match(strip_speech(p)))
    ]
    parts = _without_where_and_how(parts)
    if parts and (relative := re.search(r"\s+(?:who|whom)\s", parts[-1])) and len(parts[-1].split()) > 6:
        # "a notable of Boni who asked that his name be withheld": the relative clause is no part of the name
        parts[-1] = parts[-1][: relative.start()]
    if len(parts) > 1 and re.match(r"(?i)^(?:an?)\s.*\b(?:that|who|which)\s", parts[-1]):
        parts = parts[:-1]  # "X, a Britain-based monitor that relies on ..., put": a description of X

    if not parts:
        return None
    i = len(parts) - 1
    trailing_roles: list[str] = []
    while (
        i >= 0 and (_is_pure_role(parts[i]) or _described_name(parts, i)) and not _PRONOUN.match(strip_speech(parts[i]))
    ):
        trailing_roles.insert(0, parts[i])
        i -= 1
    if i >= 0 and (qualified := _place_qualifies_role(parts, i, trailing_roles)) is not None:
        only = strip_speech(qualified)
        return Speaker(_clean_org(only), None) if len(only.split()) <= 10 else None
    named_before = (
        i >= 0
        and (bool(_PERSON_AT_END.fullmatch(strip_speech(parts[i]))) or _proper_body(strip_speech(parts[i])))
        and not _ADVERBIAL.match(parts[i])
    )
    if i < 0 or (
        trailing_roles
        and re.match(r"(?i)^(?:the|a|an|two|three|several|one\s+of)\b", trailing_roles[-1])
        and not named_before
    ):
        # only a role ("a senior official", "..., the sources said"): the role is how the article names them
        only = strip_speech(trailing_roles[-1] if trailing_roles else parts[-1])
        return Speaker(_clean_org(only), None) if len(only.split()) <= 10 else None
    name_part = strip_speech(parts[i])
    long_part = len(name_part.split()) > 8 or (not named_before and len(name_part.split()) >= 4)
    if trailing_roles and long_part and len(strip_speech(trailing_roles[-1]).split()) <= 6:
        # "..., police and health officials said": the long part is the content, the role names the source
        return Speaker(_clean_org(strip_speech(trailing_roles[-1])), None)
    conjunction = re.match(r"(?i)^(?:but|and|yet|so|however|still)\s+(?=\S)", name_part)
    if conjunction:
        name_part = name_part[conjunction.end() :]  # "But a medical source at the hospital in X": the source
    if _ADVERBIAL.match(name_part):
        m = re.search(r"(?:\bthe\s+)?\b[A-Z][^,]*$", name_part[1:])
        if not m:
            return None
        name_part = strip_speech(m.group(0))
    leading_roles = [parts[i - 1]] if i > 0 and _is_pure_role(parts[i - 1]) and not trailing_roles else []
    if _PRONOUN.match(name_part) or DOCUMENT_SPEAKER.match(name_part):
        return Speaker(name_part, None)
    known = re.search(r"(?i)\b(?:known|referred\s+to)\s+as\s+(.+)$", name_part)
    if known:  # "the US-led coalition known as Combined Joint Task Force (CJTF)": the name it is known by
        name_part = strip_speech(re.sub(r"\s*\([^)]*\)", "", known.group(1)))
    if len(name_part.split()) > 12 or not name_part:
        return None
    name_part = re.sub(r"(?<=[a-z]{3})(al-[A-Z])", r" \1", name_part)  # "Maythamal-Amerli": a glued Arabic article
    name, inner_role = _split_name(name_part)
    described = PERSON_HEAD.match(name) is not None  # "a woman of 52": a person the article describes
    if inner_role is None and not re.search(r"[A-Z]", name) and not _ORG_WORDS.search(name) and not described:
        return None
    if inner_role is None and (_ORG_WORDS.search(name) or re.match(r"(?i)^(?:the|a|an)\s", name)):
        name = _clean_org(name)
    name = strip_speech(name)
    if not name or name.lower() in ("it", "this", "that"):
        return None
    roles = [*leading_roles, *([inner_role] if inner_role else []), *trailing_roles]
    role = ", ".join(strip_speech(re.sub(r"(?i)^(?:an?|the)\s+", "", r)) for r in roles if strip_speech(r)) or None
    role = re.sub(r"(?i)^(?:of|from|with|at)\s+", "", role) if role else None
    return Speaker(name, role)


def speaker_organisation(speaker: Speaker, gazetteer: Gazetteer | None = None) -> Actor | None:
    """The force or body a speaker speaks for, when the gazetteer knows it: the longest actor in the name, else in
    the role ("Peshmerga ministry", "spokesperson for the Joint Operations Command"); ``gazetteer`` is the story's
    view, so "the army" of a Malian story is the Malian army."""
    return _organisation_of(speaker.name, speaker.role or "", gazetteer or default_gazetteer())


@lru_cache(maxsize=4096)
def _organisation_of(name: str, role: str, gaz: Gazetteer) -> Actor | None:
    for text in (name, role):
        mentions = gaz.find_actors(text)
        if mentions:
            # find_actors only yields actor mentions, so the entry is never a PlaceEntry
            entry = cast(ActorEntry, max(mentions, key=lambda m: m.end - m.start).entry)
            return Actor(name=entry.canonical, canonical=entry.canonical, category=entry.category)
    return None


@dataclass
class Frame:
    """One attribution frame: who (``speaker``, as written) says what (``content``, ``quote``) with which reporting
    verb (``verb``, or "according to"), over the clause ``[start, end)`` of the cleaned view.

    The document reading (:func:`summarizer.backends.rules.attribution.reading.read_frames`) fills in ``said_by``
    (the speaker with pronouns, surnames, titles and "his office" resolved to the speakers named before),
    ``organisation`` (the force or body the resolved speaker speaks for, when the gazetteer knows it),
    ``sentence`` (the index of its sentence) and ``restates`` (a bare '"...," she said.' right after her frame:
    the same point again)."""

    speaker: Speaker
    content: str
    verb: str
    quote: str | None
    start: int = 0
    end: int = 0
    said_by: Speaker | None = None
    organisation: Actor | None = None
    sentence: int = -1
    restates: bool = False

    @property
    def who(self) -> Speaker:
        """The speaker resolved when the document reading has resolved it, else as written."""
        return self.said_by or self.speaker
