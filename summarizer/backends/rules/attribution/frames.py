"""Attribution: the frames of a sentence (records, cited release, according to, quote first, tail, subject
first), and pronouns and surnames resolved to earlier claimants.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from summarizer import lexicon
from summarizer.backends.rules.attribution.speakers import (
    _ACCORDING,
    _ADVERBIAL,
    _NOT_ATTRIBUTION,
    _NOUN_USES,
    _ORG_WORDS,
    _PASSIVE,
    _PERSON_AT_END,
    _PRONOUN,
    _QUOTE,
    _ROLE_NOUN,
    _VERB,
    _VERBS,
    DOCUMENT_SPEAKER,
    PERSON_HEAD,
    Frame,
    Speaker,
    parse_claimant,
    strip_speech,
)
from summarizer.caseless import Caseless
from summarizer.sentences import Sentence


def _content_after(text: str) -> str:
    lead = re.match(r"^\s*((?:[^\s,.;]+\s+){0,6}?)that\s+", text)
    if lead and re.search(r"(?i)\b(?:and|but|or)\s+$", lead.group(1)):
        lead = None  # "said 14 people were arrested and that officers seized rifles": both points are said
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
    return strip_speech(text)


def direct_quotes(text: str) -> list[str]:
    """Direct quotations (four words or more; shorter quoted bits are names or scare quotes)."""
    return [q.group(1).strip() for q in _QUOTE.finditer(text) if len(q.group(1).split()) >= 4]


def _unglue(text: str, known: list[str]) -> str:
    """Separate an attribution verb glued to a pronoun or a known claimant's surname ("Hehighlighted",
    "Al-Khafajipraised"), as scraped pages often print them."""
    if not any(head in text for head in _PRONOUN_HEADS) and not any(k in text for k in known):
        return text  # no pronoun and no known surname at all: nothing can be glued to a verb
    return _glued(tuple(known)).sub(r"\1 ", text)


_PRONOUN_HEADS = ("He", "She", "They")


@lru_cache(maxsize=64)
def _glued(known: tuple[str, ...]) -> re.Pattern[str]:
    """A pronoun or one of the ``known`` surnames glued to a reporting verb; built once per list of surnames (the
    list grows with an article's claimants, so one article asks for a handful)."""
    heads = [*_PRONOUN_HEADS, *(re.escape(k) for k in known)]
    return re.compile(rf"\b({'|'.join(heads)})(?=(?:{_VERBS})\b)")


class History:
    """The claimants named so far, each once, in the order of their latest claim; lookups read it from the most
    recent back. Kept distinct (a speaker claiming again moves to the end) so that resolving a pronoun or a surname
    costs the number of speakers, not the number of claims; the surnames that may glue to a verb are kept as they
    come instead of being rebuilt at every sentence."""

    def __init__(self) -> None:
        self._speakers: dict[tuple[str, str | None], Speaker] = {}
        self._surnames: set[str] = set()
        self._ordered: list[str] = []

    def append(self, speaker: Speaker) -> None:
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

    def __getitem__(self, index: int) -> Speaker:
        if index != -1:
            raise IndexError("only the last claimant is addressable")
        return next(reversed(self._speakers.values()))

    def __reversed__(self) -> Iterator[Speaker]:
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


def find_in_sentence(sentence: Sentence, history: History | None = None) -> list[Frame]:
    """The attribution frames of one sentence, each with the span of the clause it covers; ``history`` (the
    speakers named so far) lets a surname glued to its verb be read."""
    contrast = _CONTRAST.search(sentence.text)
    if contrast:
        # "A said X, while B gave a lower toll": two claimants, one clause each
        head = Sentence(sentence.text[: contrast.start()], sentence.start, sentence.start + contrast.start())
        tail = Sentence(sentence.text[contrast.end() :], sentence.start + contrast.end(), sentence.end)
        first, second = _spanned(head, history), _spanned(tail, history)
        if first and second:
            return first + second
    return _spanned(sentence, history)


def _spanned(clause: Sentence, history: History | None) -> list[Frame]:
    frames = _find_frames(clause, history)
    for frame in frames:
        frame.start, frame.end = clause.start, clause.end
    return frames


_CONTRAST = re.compile(r",\s+(?:while|whereas)\s+(?=\S)")
# "The ministry's own figures, released on Thursday, show that ...": the figures' owner is the claimant
_RECORDS_SHOW = re.compile(
    r"^(?P<owner>(?:The\s+|the\s+)?[^,]{2,60}?)['’]s?\s+(?:own\s+|latest\s+|new\s+|official\s+)?(?:figures|data|records"
    r"|statistics|tally|count|numbers)\b[^.;]{0,60}?\b(?P<verb>show|shows|showed|indicate|indicates|suggest|suggests)"
    r"\s+(?:that\s+)?"
)


def _find_frames(sentence: Sentence, history: History | None = None) -> list[Frame]:
    """The attribution frames of one sentence, trying the frames in order: whose records show, who cited a
    release, "according to X", a quotation first, the content first with the verb before the claimant at the
    end, and the subject first."""
    text = _unglue(sentence.text, history.surnames() if history else [])
    early = _records_frame(text) or _cited_frame(text)
    if early:
        return early
    quotes = direct_quotes(text)
    quote = " … ".join(strip_speech(q) for q in quotes) or None
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


# "Figures compiled by a think tank in Lahore show ...", "Data from the institute show that ...": the keeper named after
_RECORDS_BY = re.compile(
    r"^(?:[A-Z][\w ,]{0,40}?,\s*)?(?:the\s+|The\s+)?(?:latest\s+|new\s+|official\s+)?(?:[Ff]igures|[Dd]ata|[Rr]ecords"
    r"|[Ss]tatistics|[Nn]umbers|[Cc]ounts?)\s+(?:(?:compiled|collected|gathered|published|released|kept|issued)\s+)?"
    r"(?:by|from)\s+(?P<owner>[^,;]{2,80}?)\s+(?P<verb>show|shows|showed|indicate|indicates|suggest|suggests)\s+"
    r"(?:that\s+)?"
)


def _records_frame(text: str) -> list[Frame]:
    """Records shown: "The ministry's own figures ... show that X", "Figures compiled by Y show X" are the owner's
    claims."""
    records = _RECORDS_SHOW.match(text) or _RECORDS_BY.match(text)
    if records:
        speaker = parse_claimant(records.group("owner"))
        if speaker:
            return [Frame(speaker, strip_speech(text[records.end() :]), records.group("verb"), None)]
    return []


def _cited_frame(text: str) -> list[Frame]:
    """A cited release: in "state media cited a PMF release, indicating that X" the release's author claims X."""
    cited = _CITED.search(text)
    if cited and cited.group(1).strip():
        speaker = parse_claimant(cited.group(1))
        if speaker:
            return [Frame(speaker, strip_speech(text[cited.end() :]), "cited", None)]
    return []


def _according_frames(text: str, quote: str | None) -> tuple[list[Frame], int | None]:
    """The frames of "according to X, ..." / "..., according to X", and where the first such phrase starts."""
    found: list[Frame] = []
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
            rest = strip_speech(text[: m.start()] + " " + tail[resume:])
            found.append(Frame(speaker, rest or text, "according to", quote))
            according_at = m.start() if according_at is None else according_at
    if found and found[0].verb == "according to":
        inner = re.match(rf"^(?:the\s+)?[^,]{{2,160}}?\s({_VERBS})\s+that\b", found[0].content)
        if inner:
            return [], None  # "According to a report from X, Y reported that Z": Y's claim, X only carried it
    return found, according_at


def _quote_first_frame(text: str) -> Frame | None:
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
            return Frame(speaker, strip_speech(qm.group(1)), inverted.group(1), strip_speech(qm.group(1)))
    elif normal and normal.start() < 160:
        speaker = parse_claimant(after[: normal.start()])
        if speaker:
            return Frame(speaker, strip_speech(qm.group(1)), normal.group(1), strip_speech(qm.group(1)))
    return None


# Any reporting verb of the lexicon; the speaker: an article and a noun phrase, a name, or lower-case role words
# before a name ("..., said police spokesman Karim Salih.")
_TAIL_FRAME = re.compile(
    rf",\s*({lexicon.alternation('reporting_verbs')})\s+"
    r"((?:the|a|an)\s+(?:[\w’'-]+\s+){0,5}?[\w’'-]+|[A-Z](?:[\w’'-]+\s+){0,5}?[\w’'-]+"
    r"|(?:[a-z][\w’'-]*\s+){1,3}[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,3})"
    r"(?:\s+(?:in|on)\s+(?:a|an|the)?\s*(?:statement|tweet|interview|Twitter|X)\b[^,]*)?\s*[.]?$"
)


def _tail_frame(text: str, quote: str | None) -> Frame | None:
    """Content first, verb before the claimant at the end: "..., announced the service in a statement."."""
    tail_match = _TAIL_FRAME.search(text)
    if tail_match:
        speaker = parse_claimant(tail_match.group(2))
        if speaker:
            return Frame(speaker, strip_speech(text[: tail_match.start()]), tail_match.group(1), quote)
    return None


_PASSIVE_SCAN = Caseless(_PASSIVE)


# A determiner or possessive right before a word: "the states", "its claims", "their reports" are nouns.
_DETERMINED = re.compile(r"(?i)\b(?:the|its|their|his|her|our|these|those|such|of|in|on|from|by|with)\s+$")


_MEDIUM_BEFORE = re.compile(
    r"(?i)\b(?:statement|message|video|post|communiqu[eé]|release|tweet|audio|recording|footage)s?\s+$"
)


_COUNTED = re.compile(
    r"(?i)\s+(?:upwards|more|at\s+least|over|some|about|nearly|around|roughly|up\s+to|\d|the\s+(?:dead|bodies))"
)


_LIVES = re.compile(
    r"(?i)\s+(?:the\s+lives\s+of|(?:(?:at\s+least|more\s+than|over|some|nearly|about)\s+)?[\w,]+\s+lives\b)"
)


def _skip_verb(text: str, m: re.Match[str], found: bool, according_at: int | None) -> bool:
    """A reporting verb that opens no new frame: passive, a noun use, inside an "according to" already found."""
    before = text[: m.start()]
    # "reported by the agency" is passive; "said by telephone", "told by phone" name how the speaker spoke
    if _PASSIVE_SCAN.search(before) or re.match(r"\s+by\b(?!\s+(?:tele)?phone\b|\s+text\s+message\b)", text[m.end() :]):
        return True
    if found and re.search(r"(?i),\s*(?:which|who)\s+(?:also\s+)?$", before):
        return True  # "according to X, which said ...": X's claim, already found, goes on
    if _NOT_ATTRIBUTION.match(text[m.end() :]):
        return True
    if m.group(1).lower() in _NOUN_USES and re.match(r"\s+(?:of|on|about)\b", text[m.end() :]):
        return True  # "Intelligence estimates of the cells' size vary": a noun, not a verb
    if m.group(1).lower() in _NOUN_USES and _DETERMINED.search(before):
        return True  # "one of the states worst hit", "in its claims": a determiner makes it a noun
    if m.group(1).lower() in ("claimed", "claims") and _LIVES.match(text[m.end() :]):
        return True  # "the attack claimed the lives of four", "claimed 47 lives": a toll, not a claim
    if m.group(1).lower() == "estimated" and re.search(r"(?i)\ban\s+$", before):
        return True  # "served an estimated 2,300 people": a count, not a speaker's estimate
    if m.group(1).lower() == "count" and not _COUNTED.match(text[m.end() :]):
        return True  # "the body count rose": a noun; "UN agencies count upwards of 3.5 million": a verb
    if m.group(1).lower() in ("attributed", "attributes") and re.match(r"\s+to\b", text[m.end() :]):
        return True  # "an attack attributed to ADF rebels": the attack's author, no speaker
    if re.search(r"(?i)\baccording\s+to\b[^,;:]*$", before):
        return True  # "according to United Nations estimates": inside the source's name, no verb
    if m.group(1).lower() in ("posted", "published", "released", "issued", "tweeted") and _MEDIUM_BEFORE.search(before):
        return True  # "in a statement posted on its website": a participle of the medium, no new frame
    # "The group claimed 41 attacks, according to a tally by X": X's figure, already found
    return according_at is not None and m.start() < according_at


# A clause break before a subject; an event noun with the speakers right after it opens a relative clause on the
# event ("killed on Monday in an attack local officials say shows ..."): the speakers are the words after it.
_CLAUSE_BREAK = re.compile(
    rf"[\"”]\s*,?|;|\bthat\b|\bwhat\b|:\s|\b(?:an?|the|this|that)\s+(?:{lexicon.alternation('event_nouns')})\s+"
    r"(?!(?:in|on|at|near|by|of|for|with|from|to|against|into|across|and|or|but|that|which|who|the|a|an|was|were"
    r"|is|has|had|killed|left|claimed|attributed|blamed|carried|launched|staged|mounted|targeting)\b)(?=[a-z])"
)


_QUOTED_NAME = re.compile(
    r"(?i)\b(?:called|named|known\s+as|dubbed|nicknamed|alias)\s+[\"“][^\"”“]{1,40}[\"”]$"
)


def _subject_chunk(before: str) -> str:
    """The subject before a verb runs back to the last clause break: a closing quote, a semicolon, "that", "and"."""
    cut = max(
        (
            x.end()
            for x in _CLAUSE_BREAK.finditer(before)
            # "X, a monitor that relies on ..., put the toll at": a relative "that" inside an appositive
            if not (x.group(0) == "that" and _APPOSITIVE_THAT.match(before[: x.start()]))
            # "X, who asked that his name not be published, said": the "that" of an aside about the speaker
            and not (x.group(0) == "that" and re.search(r",\s*who\s+[^,;]*$", before[: x.start()]))
            # 'X, the branch often called "IS Sahel", claimed': a name in quotes, not a quotation
            and not _QUOTED_NAME.search(before[: x.start() + 1])
        ),
        default=0,
    )
    return before[cut:]


def _subject_frame(text: str, quotes: list[str], found: bool, according_at: int | None) -> Frame | None:
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
        prefix = strip_speech(re.sub(r"(?i)(?:^|\s)(?:a|an|the)\s*$", "", chunk[:at])) if at > 0 else ""
        after = text[m.end() :]
        at_end = not content or re.match(r"(?i)(?:noting|adding|saying|stressing|citing|explaining)\b", content)
        if len(prefix.split()) >= 2 and not _ADVERBIAL.match(prefix) and (at_end or after.lstrip().startswith(",")):
            # "Forces took part, the spokesman said in a tweet": the content came first
            # "These efforts, he argued, are vital": content on both sides
            content = prefix if at_end else strip_speech(f"{prefix} {content}")
        if m.group(1).lower().startswith(("gave ", "put ")):
            content = f"{m.group(1)} {content}"  # "gave a lower toll of 24": the figure is in the verb phrase
        elif m.group(1).lower() in ("claimed", "claims", "denied", "denies") and content:
            content = f"{m.group(1)} {content}"
        inner_quotes = [q for q in quotes if q in text[m.end() :]] or quotes
        return Frame(
            speaker,
            content or strip_speech(text),
            m.group(1),
            " … ".join(strip_speech(q) for q in inner_quotes) or None,
        )
    return None


def _resolve(speaker: Speaker, history: History) -> Speaker:
    """Pronouns, surnames and definite titles point back to an earlier claimant."""
    resolved = _resolve_back(speaker, history)
    if resolved is speaker and re.match(r"(?i)^the\s+\w", speaker.name):
        return Speaker(speaker.name[4:], speaker.role)  # nobody earlier fits: "the ministry" is the ministry
    return resolved


_RANKS = frozenset({"general", "colonel", "major", "captain", "brigadier", "lieutenant", "sergeant"})


def _one_person(speaker: Speaker) -> bool:
    """A speaker "he" or "she" can stand for: a named person, or a role held by one person (no body, no plural)."""
    head = re.split(r"\s+(?:of|for|at|in|with|from)\s+", speaker.name, maxsplit=1)[0].split()
    if len(head) < len(speaker.name.split()) and head:
        # "member of the rescue team", "Inspector General of Police": the head noun says whether one person speaks
        word = head[-1].casefold()
        # a singular noun that names no body: "a notable of Boni", "the head of the council"
        return (not word.endswith("s") and not _ORG_WORDS.search(word) and word.isalpha()) or word in _RANKS
    if _ORG_WORDS.search(speaker.name):
        return False
    if _PERSON_AT_END.search(speaker.name):
        return True
    last = speaker.name.split()[-1].casefold() if speaker.name.split() else ""
    return bool(_ROLE_NOUN.fullmatch(last)) and not last.endswith("s")


def _several(speaker: Speaker) -> bool:
    """A speaker that is several people: "Two military sources", "residents", "medics at the hospital"."""
    head = re.split(r"\s+(?:of|for|at|in|with|from)\s+", speaker.name, maxsplit=1)[0].split()
    return bool(head) and head[-1].casefold().endswith("s") and not _PERSON_AT_END.fullmatch(" ".join(head))


def _resolve_back(speaker: Speaker, history: History) -> Speaker:
    name = speaker.name
    if DOCUMENT_SPEAKER.match(name) and history:
        # "the communiqué adds", "according to the same source": whoever issued it, the body last heard
        # (never a person the article only describes: "a trader in the town" issues no communiqué)
        return next((h for h in reversed(history) if not PERSON_HEAD.match(h.name)), history[-1])
    if _PRONOUN.match(name) and history:
        if name.lower() == "they":
            # "they said": a body or a group of people, never one named person; none named before: as written
            return next((h for h in reversed(history) if _ORG_WORDS.search(h.name)), speaker)
        if name.lower().startswith("one of"):
            # '"...," one of them said': one of the several who spoke last ("Two military sources")
            return next((h for h in reversed(history) if _several(h)), history[-1])
        if name.lower() in ("he", "she"):
            # the last one person who spoke: a name ("Colonel X") or a singular role ("a traditional chief")
            person = next((h for h in reversed(history) if _one_person(h)), None)
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
