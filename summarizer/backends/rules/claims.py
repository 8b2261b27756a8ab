"""Attributed statements: who said what, in their words when quoted, and what kind of claim it is.

Three frames cover most wire and regional reporting:

* subject first: "<claimant>[, <role>,] said/told <outlet>/announced/tweeted [that] <content>";
* quote first: "“<quote>,” <claimant> said" or "“<quote>,” said <claimant>";
* "according to <claimant>, <content>" (either order).

Claimants are split into name and role ("Major General X, spokesperson for Y"; "Security expert X";
"X, mayor of Y"); pronouns ("he said"), surnames ("Al-Khafaji praised") and definite titles ("the Major
General revealed") resolve to the last claimant they fit. A sentence that is wholly a quotation right
after a claim continues that claimant's words.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import cast

from summarizer import lexicon
from summarizer.backends.rules.dates import DATE_RE
from summarizer.backends.rules.sentences import DATELINE, Document, Sentence
from summarizer.gazetteer import ActorEntry, default_gazetteer
from summarizer.models import Actor, Alignment, Claim, Claimant, ClaimKind, Evidence

_VERBS = (
    lexicon.alternation("reporting_verbs")
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
    r"|(?:a|the)\s+(?:[\w-]+\s+)?story\b)"
)
_ACCORDING = re.compile(r"(?i)\baccording\s*to\s*(?=\S)")
_QUOTE = re.compile(r"[\"“]([^\"“”]{2,}?)[\"”]")
# "It said" opens a body's statement; "as it said" / "it was said" are not attributions of a new claim.
_NOUN_USES = frozenset({"estimates", "estimate", "reports", "claims", "states", "notes", "says"})
_PASSIVE = re.compile(r"(?i)\b(?:was|were|been|being|is|are|be|widely|previously)\s+$|(?<!^)(?<!,\s)\bit\s+$")
# Words that open an adverbial, not a claimant: "In Kirkuk, X said"; "However, X pointed out".
_ADVERBIAL = re.compile(
    r"(?i)^(?:in|on|at|during|as|after|before|since|however|meanwhile|earlier|later|also|but|and|so|yet|still"
    r"|last|this|on\s+the\s+other\s+hand|for\s+(?:his|her|its|their)\s+part|separately|moreover|furthermore)\b"
)
_ROLE_WORDS = lexicon.alternation("role_nouns")
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
    r"|report|release|unit|headquarters|militia|peshmerga|asayish|isis|daesh)\b"
)
_PRONOUN = re.compile(
    r"(?i)^(?:he|she|they|it|the\s+(?:official|spokesman|spokesperson|expert|source|minister|mayor"
    r"|commander|officer|analyst|researcher|ministry|office|group|general|statement))$"
)
_REPORT_OF = re.compile(
    r"(?i)^(?:an?\s+|the\s+)?(?:official\s+)?(?:statements?|reports?|release|tweet|post|tally|count|estimates?|figures"
    r"|data|survey|study|analysis)\s+(?:from|by|of)\s+(?:an?\s+)?"
)
_CASUALTY = re.compile(
    r"(?i)\b(?:killing|killed|wounding|wounded|injuring|injured|capturing|captured|arrest(?:ed|ing)|detain(?:ed|ing)"
    r"|neutrali[sz](?:ed|ing)|eliminat(?:ed|ing)|liquidat(?:ed|ing))"
    r"\s+(?:at\s+least\s+"
    r"|more\s+than\s+|over\s+|nearly\s+|about\s+|between\s+)?(?:\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten"
    r"|eleven|twelve|dozens|scores|hundreds|several|tens|a\s+number\s+of)\b"
    r"|\b(?:\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens?|scores|hundreds|several"
    r"|tens|a\s+number\s+of)"
    r"\b[^.;]{0,50}?\b(?:killed|dead|died|deaths?|wounded|injured|injuries|casualties|captured|arrested|detained"
    r"|killing|wounding|martyred|lost\s+their\s+lives|hurt|wounds|bodies|corpses|liquidated|eliminated|neutrali[sz]ed"
    r"|(?:were|was|been)\s+held)\b"
    r"|\b(?:bodies|corpses|remains)\s+of\s+(?:at\s+least\s+)?(?:\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten"
    r"|several|dozens)\b"
    r"|\b(?:death\s+)?toll\b"
)
_FORECAST = re.compile(
    r"(?i)\b(?:will|would|(?:is|are)\s+(?:expected|likely|set|going)\s+to|plans?\s+to|anticipat\w+|predict\w*|could)\b"
)
_ASSESS_VERB = re.compile(
    r"(?i)^(?:assess|assesses|estimated|estimates|estimate|believe|believes|argued|argues|assumed|assessed|praised|credited|pointed\s+out|points\s+out"
    r"|emphasi[sz]ed)$"
)
_ASSESS_ROLE = re.compile(r"(?i)\b(?:expert|analyst|researcher|observer|specialist|scholar|think\s+tank)\b")
_MAX_CONTENT = 240


@dataclass
class _Speaker:
    name: str
    role: str | None


def _strip(text: str) -> str:
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


def _clean_org(name: str) -> str:
    name = _REPORT_OF.sub("", name)
    name = re.sub(r"\s*\([^)]*\)", "", name)
    name = re.sub(r"(?i)^(?:the|a|an)\s+", "", name)
    name = re.sub(r"(?i)\s+(?:report|statement|release)$", "", name)
    return _strip(name)


def _is_pure_role(part: str) -> bool:
    """ "spokesperson for the JOC", "a security expert", "Iraqi Armed Forces spokesperson": a role, no name."""
    if not _ROLE_NOUN.search(part):
        return False
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
    """("Security researcher Hisham al-Hashimi") -> ("Hisham al-Hashimi", "Security researcher")."""
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
    name = _strip(parts[i - 1])
    if _PERSON_AT_END.fullmatch(name) is None:
        # "Retired staff general Imad Saleh, now an adviser at ...": a role, then the name
        ranked = _ROLE_THEN_NAME.match(name)
        if ranked is None or not ranked.group(2)[:1].isupper():
            return False
    return not _ORG_WORDS.search(name) and not _ADVERBIAL.match(name)


def parse_claimant(chunk: str) -> _Speaker | None:
    """Name and role from the phrase before an attribution verb, or None when it names no person or body.

    The claimant is the comma part nearest the verb that is not a bare role, with the bare roles around
    it ("Major General X, spokesperson for Y,"; "Official spokesperson for Y, Colonel X"); anything
    before that (an adverbial, or the reported content itself) is not part of the claimant.
    """
    if re.match(r"(?i)^\s*(?:no|nobody|none|neither)\b", chunk):
        return None  # "No group claimed responsibility": nobody is claiming anything
    if re.match(r"(?i)^\s*(?:our|we|us)\b", chunk):
        return None  # "Our own incident log recorded ...": the outlet's own voice, not an attributed claim
    if re.match(r"(?i)^\s*according\s+to\b[^,]*$", chunk):
        return None  # the "according to" frame has its own reading
    chunk = DATE_RE.sub(" ", chunk)
    chunk = re.sub(r"(?i)\b(?:also|later|earlier|again|further|previously|separately|now)\s*$", "", chunk.strip())
    parts = _split_parts(chunk)
    if len(parts) > 1 and (relative := re.match(r"(?i)^(?:where|when|as)\s+((?:[\w-]+\s+){0,3}[\w-]+)$", parts[-1])):
        # "..., where officials say": the officials; what comes before is the sentence's own content
        return _Speaker(_clean_org(relative.group(1)), None)
    # relative clauses and asides about the speaker: "who asked not to be named", "speaking on condition of ..."
    parts = [
        p
        for p in parts
        if not re.match(r"(?i)^(?:who|which|whose|where|speaking|asking|requesting|citing|quoting)\b", p)
    ]
    if len(parts) > 1 and re.match(r"(?i)^(?:an?)\s.*\b(?:that|who|which)\s", parts[-1]):
        parts = parts[:-1]  # "X, a Britain-based monitor that relies on ..., put": a description of X
    if not parts:
        return None
    i = len(parts) - 1
    trailing_roles: list[str] = []
    while i >= 0 and (_is_pure_role(parts[i]) or _described_name(parts, i)) and not _PRONOUN.match(_strip(parts[i])):
        trailing_roles.insert(0, parts[i])
        i -= 1
    named_before = i >= 0 and bool(_PERSON_AT_END.fullmatch(_strip(parts[i]))) and not _ADVERBIAL.match(parts[i])
    if i < 0 or (
        trailing_roles
        and re.match(r"(?i)^(?:the|a|an|two|three|several|one\s+of)\b", trailing_roles[-1])
        and not named_before
    ):
        # only a role ("a senior official", "..., the sources said"): the role is how the article names them
        only = _strip(trailing_roles[-1] if trailing_roles else parts[-1])
        return _Speaker(_clean_org(only), None) if len(only.split()) <= 10 else None
    name_part = _strip(parts[i])
    long_part = len(name_part.split()) > 8 or (not named_before and len(name_part.split()) >= 4)
    if trailing_roles and long_part and len(_strip(trailing_roles[-1]).split()) <= 6:
        # "..., police and health officials said": the long part is the content, the role names the source
        return _Speaker(_clean_org(_strip(trailing_roles[-1])), None)
    conjunction = re.match(r"(?i)^(?:but|and|yet|so|however|still)\s+(?=\S)", name_part)
    if conjunction:
        name_part = name_part[conjunction.end() :]  # "But a medical source at the hospital in X": the source
    if _ADVERBIAL.match(name_part):
        m = re.search(r"(?:\bthe\s+)?\b[A-Z][^,]*$", name_part[1:])
        if not m:
            return None
        name_part = _strip(m.group(0))
    leading_roles = [parts[i - 1]] if i > 0 and _is_pure_role(parts[i - 1]) and not trailing_roles else []
    if _PRONOUN.match(name_part):
        return _Speaker(name_part, None)
    known = re.search(r"(?i)\b(?:known|referred\s+to)\s+as\s+(.+)$", name_part)
    if known:  # "the US-led coalition known as Combined Joint Task Force (CJTF)": the name it is known by
        name_part = _strip(re.sub(r"\s*\([^)]*\)", "", known.group(1)))
    if len(name_part.split()) > 12 or not name_part:
        return None
    name_part = re.sub(r"(?<=[a-z]{3})(al-[A-Z])", r" \1", name_part)  # "Maythamal-Amerli": a glued Arabic article
    name, inner_role = _split_name(name_part)
    if inner_role is None and not re.search(r"[A-Z]", name) and not _ORG_WORDS.search(name):
        return None
    if inner_role is None and (_ORG_WORDS.search(name) or re.match(r"(?i)^(?:the|a|an)\s", name)):
        name = _clean_org(name)
    name = _strip(name)
    if not name or name.lower() in ("it", "this", "that"):
        return None
    roles = [*leading_roles, *([inner_role] if inner_role else []), *trailing_roles]
    role = ", ".join(_strip(re.sub(r"(?i)^(?:an?|the)\s+", "", r)) for r in roles if _strip(r)) or None
    role = re.sub(r"(?i)^(?:of|from|with|at)\s+", "", role) if role else None
    return _Speaker(name, role)


@dataclass
class _Found:
    speaker: _Speaker
    content: str
    verb: str
    quote: str | None


def _content_after(text: str) -> str:
    lead = re.match(r"^\s*((?:[^\s,.;]+\s+){0,6}?)that\s+", text)
    if lead:  # "told Kurdistan 24 on Monday that X", "said in a statement that X": the point is X
        return _after_participle(text[lead.end() :])
    text = re.sub(
        r"^\s*(?:(?:to\s+)?(?:reporters|journalists|[A-Z][\w’'-]*(?:\s+(?:[A-Z][\w’'-]*|al-[\w’'-]+)){0,3})\s*)?"
        r"(?:(?:in|on)\s+(?:a|an|the)?\s*(?:statement|tweet|interview|post|press\s+conference|Twitter|X|Facebook|Telegram)"
        r"\s*)?(?:on\s+\w+day\s*)?(?:,\s*)?(?:that\s+)?",
        "",
        text,
    )
    return _after_participle(text)


def _after_participle(text: str) -> str:
    # "echoed similar sentiments, noting that X": the point is X
    text = re.sub(r"^[^,]{0,40},\s*(?:noting|adding|saying|stressing|explaining|arguing)\s+(?:that\s+)?", "", text)
    return _strip(text)


def _quotes(text: str) -> list[str]:
    """Direct quotations (four words or more; shorter quoted bits are names or scare quotes)."""
    return [q.group(1).strip() for q in _QUOTE.finditer(text) if len(q.group(1).split()) >= 4]


def _unglue(text: str, known: list[str]) -> str:
    """Separate an attribution verb glued to a pronoun or a known claimant's surname ("Hehighlighted",
    "Al-Khafajipraised"), as scraped pages often print them."""
    heads = ["He", "She", "They"] + [re.escape(k) for k in known]
    return re.sub(rf"\b({'|'.join(heads)})(?=(?:{_VERBS})\b)", r"\1 ", text)


class _History:
    """The claimants named so far, each once, in the order of their latest claim; lookups read it from the most
    recent back. Kept distinct (a speaker claiming again moves to the end) so that resolving a pronoun or a surname
    costs the number of speakers, not the number of claims; the surnames that may glue to a verb are kept as they
    come instead of being rebuilt at every sentence."""

    def __init__(self) -> None:
        self._speakers: dict[tuple[str, str | None], _Speaker] = {}
        self._surnames: set[str] = set()
        self._ordered: list[str] = []

    def append(self, speaker: _Speaker) -> None:
        key = (speaker.name, speaker.role)
        self._speakers.pop(key, None)
        self._speakers[key] = speaker
        last = speaker.name.split()[-1]
        if len(last) > 3 and last[0].isalpha():
            new = {last[0].upper() + last[1:], last} - self._surnames
            if new:
                self._surnames |= new
                self._ordered = sorted(self._surnames, key=len, reverse=True)

    def surnames(self) -> list[str]:
        """Surnames of the claimants so far, longest first."""
        return self._ordered

    def __bool__(self) -> bool:
        return bool(self._speakers)

    def __getitem__(self, index: int) -> _Speaker:
        if index != -1:
            raise IndexError("only the last claimant is addressable")
        return next(reversed(self._speakers.values()))

    def __reversed__(self) -> Iterator[_Speaker]:
        return reversed(self._speakers.values())


_CITED = re.compile(
    r"(?i)\b(?:cited|quoted)\s+(?:an?|the)\s+((?:[\w’'-]+\s+){0,4}?)(?:release|statement|report|source|communiqu[eé])\b"
    r"[,\s]*(?:indicating|saying|stating|showing)?\s*(?:that\s+)?"
)


_APPOSITIVE_THAT = re.compile(r"^(?:The\s+)?[A-Z][^,]*,\s+(?:a|an|the)\s[^,]*?\b[a-z]+\s$")


# The dot of a title or an initial ("Gen.", "R.") does not end a claimant's name.
_NAME_DOT = re.compile(r"\b(Gen|Col|Maj|Brig|Lt|Capt|Sgt|Cpl|Gov|Sen|Rep|Adm|Dr|Mr|Ms|St|Jr|Sr|[A-Z])\.")


_INVERTED = re.compile(rf"^({_VERBS})\s+(.+?)(?:[,.]|$)")


def _mask_dots(text: str) -> str:
    """``text`` with the dots of titles and initials replaced by a middle dot (same length, same offsets)."""
    return _NAME_DOT.sub(r"\1·", text)


def _find_in_sentence(sentence: Sentence, history: _History | None = None) -> list[_Found]:
    contrast = _CONTRAST.search(sentence.text)
    if contrast:
        # "A said X, while B gave a lower toll": two claimants, one clause each
        head = Sentence(sentence.text[: contrast.start()], sentence.start, sentence.start + contrast.start())
        tail = Sentence(sentence.text[contrast.end() :], sentence.start + contrast.end(), sentence.end)
        first, second = _find_frames(head, history), _find_frames(tail, history)
        if first and second:
            return first + second
    return _find_frames(sentence, history)


_CONTRAST = re.compile(r",\s+(?:while|whereas)\s+(?=\S)")
# "The ministry's own figures, released on Thursday, show that ...": the figures' owner is the claimant
_RECORDS_SHOW = re.compile(
    r"^(?P<owner>(?:The\s+|the\s+)?[^,]{2,60}?)['’]s?\s+(?:own\s+|latest\s+|new\s+|official\s+)?(?:figures|data|records"
    r"|statistics|tally|count|numbers)\b[^.;]{0,60}?\b(?P<verb>show|shows|showed|indicate|indicates|suggest|suggests)"
    r"\s+(?:that\s+)?"
)


def _find_frames(sentence: Sentence, history: _History | None = None) -> list[_Found]:
    """The attribution frames of one sentence, trying the frames in order: whose records show, who cited a
    release, "according to X", a quotation first, the content first with the verb before the claimant at the
    end, and the subject first."""
    text = _unglue(sentence.text, history.surnames() if history else [])
    early = _records_frame(text) or _cited_frame(text)
    if early:
        return early
    quotes = _quotes(text)
    quote = " … ".join(_strip(q) for q in quotes) or None
    found, according_at = _according_frames(text, quote)
    quoted = _quote_first_frame(text)
    if quoted:
        return [*found, quoted]
    if not found:
        tail = _tail_frame(text, quote)
        if tail:
            return [tail]
    subject = _subject_frame(text, quotes, bool(found), according_at)
    return [*found, subject] if subject else found


def _records_frame(text: str) -> list[_Found]:
    """Records shown: "The ministry's own figures ... show that X" is the owner's claim X."""
    records = _RECORDS_SHOW.match(text)
    if records:
        speaker = parse_claimant(records.group("owner"))
        if speaker:
            return [_Found(speaker, _strip(text[records.end() :]), records.group("verb"), None)]
    return []


def _cited_frame(text: str) -> list[_Found]:
    """A cited release: in "state media cited a PMF release, indicating that X" the release's author claims X."""
    cited = _CITED.search(text)
    if cited and cited.group(1).strip():
        speaker = parse_claimant(cited.group(1))
        if speaker:
            return [_Found(speaker, _strip(text[cited.end() :]), "cited", None)]
    return []


def _according_frames(text: str, quote: str | None) -> tuple[list[_Found], int | None]:
    """The frames of "according to X, ..." / "..., according to X", and where the first such phrase starts."""
    found: list[_Found] = []
    according_at: int | None = None
    for m in _ACCORDING.finditer(text):
        tail = text[m.end() :]
        stop = re.search(r",|\.$|\bwhich\b|\bwho\b|\bthat\b", tail)
        claimant = tail[: stop.start()] if stop else tail
        speaker = parse_claimant(claimant)
        if speaker:
            resume = stop.end() if stop else len(tail)
            if stop and stop.group(0) != ",":  # skip the relative clause: "a report which covers X, ..."
                comma = tail.find(",", stop.end())
                resume = comma + 1 if comma >= 0 else len(tail)
            rest = _strip(text[: m.start()] + " " + tail[resume:])
            found.append(_Found(speaker, rest or text, "according to", quote))
            according_at = m.start() if according_at is None else according_at
    if found and found[0].verb == "according to":
        inner = re.match(rf"^(?:the\s+)?[^,]{{2,160}}?\s({_VERBS})\s+that\b", found[0].content)
        if inner:
            return [], None  # "According to a report from X, Y reported that Z": Y's claim, X only carried it
    return found, according_at


def _quote_first_frame(text: str) -> _Found | None:
    """'"<quote>," X said' or '"<quote>," said X'."""
    qm = re.match(r"^\s*[\"“](.+?)[\"”]\s*,?\s*(.*)$", text)
    if not qm:
        return None
    after = qm.group(2)
    # "said Gen. Dale R. Harmon, commander of ...": a title's or an initial's dot does not end the claimant
    inverted = _INVERTED.match(_mask_dots(after))
    normal = _VERB.search(after)
    if inverted:
        speaker = parse_claimant(after[inverted.start(2) : inverted.end(2)])
        if speaker:
            return _Found(speaker, _strip(qm.group(1)), inverted.group(1), _strip(qm.group(1)))
    elif normal and normal.start() < 160:
        speaker = parse_claimant(after[: normal.start()])
        if speaker:
            return _Found(speaker, _strip(qm.group(1)), normal.group(1), _strip(qm.group(1)))
    return None


_TAIL_FRAME = re.compile(
    r",\s*(said|announced|added|stated|noted|reported|explained|stressed|confirmed|declared)\s+"
    r"((?:the|a|an)\s+(?:[\w’'-]+\s+){0,5}?[\w’'-]+|[A-Z](?:[\w’'-]+\s+){0,5}?[\w’'-]+)"
    r"(?:\s+(?:in|on)\s+(?:a|an|the)?\s*(?:statement|tweet|interview|Twitter|X)\b[^,]*)?\s*[.]?$"
)


def _tail_frame(text: str, quote: str | None) -> _Found | None:
    """Content first, verb before the claimant at the end: "..., announced the service in a statement."."""
    tail_match = _TAIL_FRAME.search(text)
    if tail_match:
        speaker = parse_claimant(tail_match.group(2))
        if speaker:
            return _Found(speaker, _strip(text[: tail_match.start()]), tail_match.group(1), quote)
    return None


def _skip_verb(text: str, m: re.Match[str], found: bool, according_at: int | None) -> bool:
    """A reporting verb that opens no new frame: passive, a noun use, inside an "according to" already found."""
    before = text[: m.start()]
    if _PASSIVE.search(before) or re.match(r"\s+by\b", text[m.end() :]):
        return True
    if found and re.search(r"(?i),\s*(?:which|who)\s+(?:also\s+)?$", before):
        return True  # "according to X, which said ...": X's claim, already found, goes on
    if _NOT_ATTRIBUTION.match(text[m.end() :]):
        return True
    if m.group(1).lower() in _NOUN_USES and re.match(r"\s+(?:of|on|about)\b", text[m.end() :]):
        return True  # "Intelligence estimates of the cells' size vary": a noun, not a verb
    # "The group claimed 41 attacks, according to a tally by X": X's figure, already found
    return according_at is not None and m.start() < according_at


def _subject_chunk(before: str) -> str:
    """The subject before a verb runs back to the last clause break: a closing quote, a semicolon, "that", "and"."""
    cut = max(
        (
            x.end()
            for x in re.finditer(r"[\"”]\s*,?|;|\bthat\b|\bwhat\b|:\s", before)
            # "X, a monitor that relies on ..., put the toll at": a relative "that" inside an appositive
            if not (x.group(0) == "that" and _APPOSITIVE_THAT.match(before[: x.start()]))
        ),
        default=0,
    )
    return before[cut:]


def _subject_frame(text: str, quotes: list[str], found: bool, according_at: int | None) -> _Found | None:
    """Subject first: "X[, role,] said that ...". One frame per sentence: later verbs ("adding", "noting")
    extend it."""
    for m in _VERB.finditer(text):
        if _skip_verb(text, m, found, according_at):
            continue
        chunk = _subject_chunk(text[: m.start()])
        if not chunk.strip():
            continue
        speaker = parse_claimant(chunk)
        if speaker is None:
            continue
        content = _content_after(text[m.end() :])
        at = chunk.rfind(speaker.name.split()[0]) if speaker.name.split() else -1
        # "..., a village chief said": the article before the claimant's role is not part of the content
        prefix = _strip(re.sub(r"(?i)(?:^|\s)(?:a|an|the)\s*$", "", chunk[:at])) if at > 0 else ""
        after = text[m.end() :]
        at_end = not content or re.match(r"(?i)(?:noting|adding|saying|stressing|citing|explaining)\b", content)
        if len(prefix.split()) >= 2 and not _ADVERBIAL.match(prefix) and (at_end or after.lstrip().startswith(",")):
            # "Forces took part, the spokesman said in a tweet": the content came first
            # "These efforts, he argued, are vital": content on both sides
            content = prefix if at_end else _strip(f"{prefix} {content}")
        if m.group(1).lower().startswith(("gave ", "put ")):
            content = f"{m.group(1)} {content}"  # "gave a lower toll of 24": the figure is in the verb phrase
        elif m.group(1).lower() in ("claimed", "claims", "denied", "denies") and content:
            content = f"{m.group(1)} {content}"
        inner_quotes = [q for q in quotes if q in text[m.end() :]] or quotes
        return _Found(speaker, content or _strip(text), m.group(1), " … ".join(_strip(q) for q in inner_quotes) or None)
    return None


# A second point in one attribution: "..., adding that X" (split only when it is another kind of point).
_SECOND_POINT = re.compile(
    r",\s*(?:adding|and\s+added|noting)\s+that\s+(?=\S)"
    r"|\s+and\s+(?P<verb>complained|accused|blamed|warned|denied|insisted|argued)\s+(?:that\s+)?(?=\S)"
)


def _split_points(found: list[_Found], text: str) -> list[_Found]:
    """One claim per point: the part after "adding that" / ", and that" is the speaker's second claim."""
    out: list[_Found] = []
    for item in found:
        out.append(item)
        if item.verb == "according to":
            continue
        second = _SECOND_POINT.search(text)
        if second is None or len(text[second.end() :].split()) < 4:
            continue
        point = _strip(text[second.end() :])
        first = item.content
        if point in first:
            first = re.sub(
                r"(?:,\s*(?:adding|and\s+added|noting)(?:\s+that)?|,?\s+and(?:\s+that)?)$",
                "",
                first[: first.find(point)],
            )
            first = _strip(first)
        inner = _quotes(text[second.end() :])
        verb = second.group("verb") or "added"
        added = _Found(
            item.speaker,
            f"{verb} {point}" if verb == "accused" else point,
            verb,
            " … ".join(map(_strip, inner)) or None,
        )
        head = _Found(item.speaker, first or item.content, item.verb, item.quote)
        same_verb = _Found(item.speaker, point, item.verb, added.quote)
        if _kind(head, item.speaker) == _kind(same_verb, item.speaker):
            continue  # the same kind of point goes on ("..., adding that strength has declined"): one claim
        item.content = head.content
        out.append(added)
    return out


def _resolve(speaker: _Speaker, history: _History) -> _Speaker:
    """Pronouns, surnames and definite titles point back to an earlier claimant."""
    resolved = _resolve_back(speaker, history)
    if resolved is speaker and re.match(r"(?i)^the\s+\w", speaker.name):
        return _Speaker(speaker.name[4:], speaker.role)  # nobody earlier fits: "the ministry" is the ministry
    return resolved


def _resolve_back(speaker: _Speaker, history: _History) -> _Speaker:
    name = speaker.name
    if _PRONOUN.match(name) and history:
        if name.lower() in ("he", "she"):
            person = next(
                (h for h in reversed(history) if _PERSON_AT_END.search(h.name) and not _ORG_WORDS.search(h.name)), None
            )
            return person or history[-1]
        if name.lower() == "it":
            # "it said": the last claimant unless that is a named person; never a title holding the letters "it"
            last = history[-1]
            named = bool(_PERSON_AT_END.fullmatch(last.name)) and len(last.name.split()) >= 2
            return (
                last
                if not named or _ORG_WORDS.search(last.name)
                else next((h for h in reversed(history) if _ORG_WORDS.search(h.name)), last)
            )
        title = name.split()[-1].lower()
        match = next((h for h in reversed(history) if title in f"{h.name} {h.role or ''}".lower()), None)
        return match or history[-1]
    if re.match(r"(?i)^the\s", name) or len(name.split()) <= 2:
        key = re.sub(r"(?i)^the\s+", "", name).casefold()
        for h in reversed(history):
            full = h.name.casefold()
            if full != key and (full.endswith(key) or (f"{key} " in f"{full} " and len(key) > 3)):
                return h
    return speaker


_ANNOUNCE_VERBS = frozenset({"announced", "announces", "tweeted", "declared", "stated", "states", "revealed"})
_SAY_FORECAST = frozenset({"said", "says", "told", "added", "warned", "warns", "predicted", "expects", "expected"})
# Words of judgement: a claim using them evaluates a situation rather than reporting a fact.
_EVALUATIVE = re.compile(
    r"(?i)\b(?:crucial|essential|vital|instrumental|significant(?:ly)?|professional(?:ly|ism)?|stable|stability"
    r"|different|improv(?:ed|ing)|weaken(?:ed|ing)|declin(?:ed|ing)|reassuring|positive(?:ly)?|negative(?:ly)?"
    r"|difficult|concern(?:s|ed|ing)?|threat|dangerous|effective(?:ly)?|successful(?:ly)?|key\s+role|need\s+for"
    r"|gaps?|resurgence|preparedness|most\s+\w+|largest|weakest|strongest)\b"
)
# A claim whose subject is the enemy judges the enemy's situation ("ISIS is trying to expand", "the group's
# activities have been reduced").
_ENEMY_SUBJECT = re.compile(
    r"(?i)^(?:the\s+)?(?:ISIS|IS|ISIL|Daesh|Islamic\s+State|(?:terrorist\s+|militant\s+|terror\s+)?"
    r"(?:group|organi[sz]ation)|militants|extremists)(?:['’]s)?\b"
)


_DEQUOTE = str.maketrans({'"': " ", "“": " ", "”": " "})
# "claimed the shooting": the object is an attack, so the claim is one of responsibility
_CLAIMED_ATTACK = re.compile(
    r"(?i)^claim(?:ed|s)\s+(?:the|a|an|this|that|its|last\s+\w+['’]s|\w+['’]s)?\s*(?:[\w-]+\s+){0,2}?"
    r"(?:attack|shooting|bombing|ambush|blast|killing|assassination|explosion|raid|strike|operation|kidnapping)s?\b"
)
_BLAME = re.compile(r"(?i)\b(?:blam(?:ed|es|ing)|accus(?:ed|es|ing)|held\s+(?:\w+\s+){1,3}?responsible)\b")
# Figures that are not casualties: animals, and "one of the dead was ...", which identifies a victim
_NOT_CASUALTY = re.compile(
    r"(?i)\b(?:sheep|goats|cattle|cows|camels|horses|donkeys|livestock|animals|dogs|birds|poultry)\b"
    r"|^one\s+of\s+(?:the|those)\s+(?:dead|killed|wounded|victims)"
)
# Judgement without a judgement verb: a modal of obligation or ability, a state of things
_JUDGEMENT = re.compile(
    r"(?i)\b(?:should|cannot|can\s+not|can['’]t|must|ought\s+to|needs?|needed|(?:prime|main|key|likely|easy|soft)\s+target"
    r"|at\s+risk|rare|rarely|increasingly\s+common|vulnerable|(?:shows?|showed)\s+(?:how|that)|proves?|reflects?|suggests?"
    r"|remains?\s+(?:a|an|at\s+large))\b"
)
# A count of the enemy's strength, not of its losses: "about 120 fighters are in the mountains"
_STRENGTH = re.compile(
    r"(?i)\b(?:\d[\d,]*|dozens|hundreds|scores|sixty|seventy|eighty|ninety|fifty|forty|thirty|twenty)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:fighters|militants|members|elements|jihadists|insurgents|cells)\b(?:[\s\"”]+(?:[\w-]+\s+){0,3}?)"
    r"(?:remain|remaining|left|active|at\s+large|still|hiding|hide|are\s+(?:in|hiding|based|active)|in\s+the"
    r"\s+(?:mountains|desert|hills|area|region|valley))\b"
    r"|(?i:\bthere\s+(?:are|were|remain)\s+[^.;]{0,30}?(?:fighters|militants|members|jihadists|insurgents)\b)"
)
_PRESENT_STATE = re.compile(r"(?i)\b(?:is|are|remains?|has\s+become|have\s+become|shows?|means?)\b")


def _casualty_in(content: str) -> bool:
    """Whether a figure of people killed, wounded or detained is the point of ``content``."""
    for match in _CASUALTY.finditer(content):
        if not _NOT_CASUALTY.search(content[max(0, match.start() - 20) : match.end() + 20]):
            return True
    return False


def _kind(found: _Found, resolved: _Speaker) -> ClaimKind:
    """The claim kind from the verb, the content and the claimant's role (see ``ClaimKind``)."""
    verb = found.verb.lower()
    said = f"{found.content} {found.quote or ''}"
    content = found.content.translate(_DEQUOTE)
    if re.search(r"(?i)\bclaim(?:ed|s)?\s+responsibility", said) or (verb == "claimed" and "responsib" in said):
        return ClaimKind.responsibility
    if verb in ("claimed", "claims") and _CLAIMED_ATTACK.match(content):
        return ClaimKind.responsibility
    if verb in ("denied", "denies", "disputed", "disputes", "rejected", "dismissed", "questioned", "challenged"):
        return ClaimKind.denial
    if verb in ("accused", "alleged", "blamed", "blames", "complained", "complains"):
        return ClaimKind.allegation
    if _BLAME.search(content):
        return ClaimKind.allegation  # "said the family blamed those who ...": the point is the blame
    if _casualty_in(content) or re.search(r"\b(?:toll|tally)\b", verb):
        return ClaimKind.casualty_figure
    if verb.startswith("put") or _STRENGTH.search(content):
        return ClaimKind.assessment  # "put the number at about 120", "no more than 60 fighters": strength estimates
    if _ASSESS_VERB.match(verb) or re.search(r"(?i)\b(?:believes?|estimat\w+)\b", found.content):
        return ClaimKind.assessment
    if verb in _ANNOUNCE_VERBS:
        return ClaimKind.statement  # an announcement of one's own plans or acts: "announced forces will launch"
    if verb in _SAY_FORECAST and _FORECAST.search(found.content):
        return ClaimKind.forecast
    if (
        _EVALUATIVE.search(said)
        # a judgement in the claim's one point; "X happened and that Y must be done" reports first
        or (_JUDGEMENT.search(found.content) and " and that " not in found.content)
        or (verb in ("say", "says") and _PRESENT_STATE.search(found.content))
        or _ENEMY_SUBJECT.match(found.content)
        or _ASSESS_ROLE.search(resolved.role or "")
        or _ASSESS_ROLE.search(resolved.name)
    ):
        return ClaimKind.assessment
    return ClaimKind.statement


def _affiliation(speaker: _Speaker) -> Actor | None:
    """The force or body the claimant speaks for, when the gazetteer knows it ("Peshmerga ministry", "terror group")."""
    return _affiliation_of(speaker.name, speaker.role or "")


@lru_cache(maxsize=4096)
def _affiliation_of(name: str, role: str) -> Actor | None:
    gaz = default_gazetteer()
    for text in (name, role):
        mentions = gaz.find_actors(text)
        if mentions:
            # find_actors only yields actor mentions, so the entry is never a PlaceEntry
            entry = cast(ActorEntry, max(mentions, key=lambda m: m.end - m.start).entry)
            return Actor(name=entry.canonical, canonical=entry.canonical, category=entry.category)
    return None


# A sentence that is only a quotation and a short tag: '"Then nothing," she said.' (no new point of its own)
_BARE_QUOTE = re.compile(r"^\s*[\"“][^\"“”]+[\"”]\s*,?\s*(?:[\w’'-]+\s*){0,3}[.!?]?\s*$")


def extract_claims(doc: Document, op_of_sentence: Mapping[int, str] | None = None) -> list[Claim]:
    """Every attributed statement in ``doc``, ids ``cl1``, ``cl2``..., linked to the operation its sentence
    mentions (``op_of_sentence``: sentence index -> operation id)."""
    op_of_sentence = op_of_sentence or {}
    history = _History()
    claims: list[Claim] = []
    last_claim_sentence = -2
    introduced: tuple[int, _Speaker] | None = None  # the person a sentence last introduced by name
    last_person_claim = -1
    for index, sentence in enumerate(doc.sentences):
        found = _split_points(_find_in_sentence(sentence, history), sentence.text)
        nxt = doc.sentences[index + 1].text if index + 1 < len(doc.sentences) else ""
        bare_next = re.match(rf"^\W*(?:He|She|They|It|[A-Z][\w'’-]+)\s+(?:{_VERBS})\b[^.]{{0,40}}\.?$", nxt)
        if not found and last_claim_sentence == index - 1 and history and not bare_next:
            # a paragraph that is wholly a quotation continues the last speaker's words
            whole = re.fullmatch(r"\s*[\"“](.+)[\"”]\s*", sentence.text)
            if whole and len(whole.group(1).split()) >= 4:
                found = [_Found(history[-1], _strip(whole.group(1)), "said", _strip(whole.group(1)))]
        for item in found:
            if item.speaker.name.lower() in ("he", "she") and introduced and introduced[0] > last_person_claim:
                # "His father, X, fought in 2016. '...,' he said": the person just introduced, not an earlier body
                item = _Found(introduced[1], item.content, item.verb, item.quote)
            speaker = _resolve(item.speaker, history)
            if (
                claims
                and last_claim_sentence == index - 1
                and not sentence.line_start
                and _BARE_QUOTE.match(sentence.text)
                and speaker.name == claims[-1].claimant.name
            ):
                # '"...," she said.' right after her claim in the same paragraph: the same point, in her words
                last_claim_sentence = index
                continue
            possessive = re.match(r"(?i)^(?:his|her|their)\s+(.+)$", speaker.name)
            if possessive:
                # "according to his office": the titled person named earlier in the sentence, else the last one
                person = re.search(
                    rf"\b(?:{_TITLE}|President|Minister|Premier)\s+((?:{_NAME_TOKEN}\s+){{0,2}}{_NAME_TOKEN})",
                    sentence.text,
                )
                owner = person.group(1) if person else next((h.name for h in reversed(history)), None)
                if owner:
                    speaker = _Speaker(f"{owner}’s {possessive.group(1)}", speaker.role)
            if not item.content or (item.content == _strip(sentence.text) and item.quote is None and index > 0):
                # "He told Shafaq News." after a quotation: the quotation is what was said
                prev = doc.sentences[index - 1].text if index > 0 else ""
                whole = re.fullmatch(r"\s*[\"“](.+)[\"”]\s*", prev)
                if whole:
                    item = _Found(item.speaker, _strip(whole.group(1)), item.verb, _strip(whole.group(1)))
            if item.content and sentence.line_start:
                item.content = DATELINE.sub("", item.content, count=1)
            quote, start, end = doc.quote(sentence.start, sentence.end)
            content = item.content if len(item.content) <= _MAX_CONTENT else item.content[: _MAX_CONTENT - 1] + "…"
            claims.append(
                Claim(
                    id=f"cl{len(claims) + 1}",
                    claimant=Claimant(name=speaker.name, role=speaker.role, affiliation=_affiliation(speaker)),
                    kind=_kind(item, speaker),
                    content=content or _strip(sentence.text)[:_MAX_CONTENT],
                    quote=item.quote,
                    operation_id=op_of_sentence.get(index),
                    evidence=Evidence(quote=quote, start=start, end=end, alignment=Alignment.exact),
                )
            )
            if not _PRONOUN.match(speaker.name):
                history.append(speaker)
                last_person_claim = index
            last_claim_sentence = index
        subject = _INTRODUCED.match(sentence.text) if not found else None
        if subject:
            introduced = (index, _Speaker(subject.group(1), None))
    return claims


# A sentence whose subject is a person introduced by relation and name: "His father, X Y, fought in ...".
_INTRODUCED = re.compile(
    rf"^(?:His|Her|Their)\s+(?:[a-z][\w'’-]*\s+){{0,2}}?[a-z][\w'’-]*,\s+((?:{_NAME_TOKEN}\s+){{1,3}}{_NAME_TOKEN}),"
)
