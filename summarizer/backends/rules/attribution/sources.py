"""Who reports a sentence's figures ("X said", "according to X", a pronoun or a body named before): the source
reader the casualty extractor reads for a figure's ``reported_by``."""

from __future__ import annotations

import re

from summarizer import lexicon
from summarizer.backends.rules.dates import POST_STAMP
from summarizer.gazetteer import Gazetteer, Mention
from summarizer.models import (
    Claimant,
)

_MONTHS = rf"(?:{lexicon.alternate([*lexicon.entries('months'), *lexicon.entries('month_abbreviations')])})\.?"
_WEEKDAYS = rf"(?:{lexicon.alternation('weekdays')})"
_ATTRIBUTION_VERBS = (
    lexicon.alternation("reporting_verbs") + r"|gave\s+(?:a|an|the|its|their)\s+(?:[\w-]+\s+)?(?:toll|tally|figure)"
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


def best_of_group(group: list[Mention]) -> Mention:
    # A proper name ("Asayesh") says more than a generic head ("security forces").
    return max(group, key=lambda m: (m.text[:1].isupper(), m.end - m.start))


_LEADING_CONJUNCTION = re.compile(r"^(?:But|And|Yet|However|Meanwhile|Still)\s*,?\s+")


def _clean_source(text: str) -> str:
    text = _DATE_TAIL.sub("", " ".join(text.split())).strip(" -–—'\"“”")
    return POST_STAMP.sub("", text)  # "09:30 - A medical source": a live page's stamp is no part of the name


_EVENT_NOUNS = {
    "attack", "attacks", "blast", "blasts", "bombing", "bombings", "explosion", "explosions", "strike", "strikes",
    "airstrike", "airstrikes", "operation", "operations", "ambush", "clashes", "assault", "raid", "offensive", "fire",
}  # fmt: skip
# An event noun with words after it before the reporting verb: a relative clause on the event ("an attack local
# officials say shows ..."), whose speakers judge the event rather than report the sentence's toll.
_EVENT_THEN_WORDS = re.compile(rf"(?i)\b(?:an?|the|this|that)\s+(?:{'|'.join(sorted(_EVENT_NOUNS))})\s+\w")
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
        return Claimant(name=name, affiliation=gazetteer.actor(best_of_group(found).text) if found else None)
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
        affiliation = gazetteer.actor(best_of_group(mentions).text)
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


def reported_by(sentence: str, gazetteer: Gazetteer, last_person: Claimant | None, prior: str = "") -> Claimant | None:
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
# a clause starts after a comma, semicolon, colon (not one inside a clock time, "09:30"), quote or bracket
_CLAUSE_START = re.compile(r"(?:[,;\"“”()\[\]]|:(?!\d))(?:[^,;:\"“”()\[\]]|:(?=\d))*$")


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
        if _EVENT_THEN_WORDS.search(source):
            continue  # "... in an attack local officials say shows ...": the speakers judge the event, not the toll
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


_CONTRAST = re.compile(r",\s+(?:while|whereas)\s+")
_SAY_VERB = re.compile(rf"\b(?:{_ATTRIBUTION_VERBS}|say|according\s+to)\b")


def contrast_at(sentence: str) -> re.Match[str] | None:
    """Where a second speaker's clause starts ("..., a chief said, while the governor gave ..."), if anywhere."""
    return _CONTRAST.search(sentence)


def claim_covers(sentence: str, figure_at: int) -> bool:
    """Whether the sentence's attribution covers a figure at ``figure_at``: the figure follows the verb, or the
    verb closes the sentence ("..., officials said on Sunday"). In "killed four soldiers, an attack officials say
    shows ..." the officials judge the attack; the toll is the article's own."""
    verb = _SAY_VERB.search(sentence)
    if verb is None or verb.start() < figure_at:
        return True
    return len(sentence[verb.end() :].split()) <= 8


def person_in(sentence: str, gazetteer: Gazetteer) -> Claimant | None:
    """The named source of a sentence, remembered so that a later "he said" can be attributed."""
    if not _ANY_ATTRIBUTION.search(sentence):
        return None
    claimant = reported_by(sentence, gazetteer, None)
    if claimant is not None and claimant.name[:1].isupper():
        return claimant
    return None
