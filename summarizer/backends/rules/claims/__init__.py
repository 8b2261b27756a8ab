"""Attributed statements: who said what, in their words when quoted, and what kind of claim it is.

Three frames cover most wire and regional reporting:

* subject first: "<claimant>[, <role>,] said/told <outlet>/announced/tweeted [that] <content>";
* quote first: "“<quote>,” <claimant> said" or "“<quote>,” said <claimant>";
* "according to <claimant>, <content>" (either order).

Claimants are split into name and role ("Major General X, spokesperson for Y"; "Security expert X";
"X, mayor of Y"); pronouns ("he said"), surnames ("Al-Khafaji praised") and definite titles ("the Major
General revealed") resolve to the last claimant they fit. A sentence that is wholly a quotation right
after a claim continues that claimant's words."""

from __future__ import annotations

import re
from collections.abc import Mapping

from summarizer.backends.rules.attribution.frames import _find_in_sentence, _History, _resolve
from summarizer.backends.rules.attribution.speakers import (
    _NAME_TOKEN,
    _PRONOUN,
    _TITLE,
    _VERBS,
    _Found,
    _Speaker,
    _strip,
    parse_claimant,
)
from summarizer.backends.rules.claims.kinds import _affiliation, _kind
from summarizer.backends.rules.claims.points import _split_points
from summarizer.backends.rules.sentences import DATELINE, Document
from summarizer.models import Alignment, Claim, Claimant, Evidence

_MAX_CONTENT = 240
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
                    claimant=Claimant(
                        name=speaker.name, role=speaker.role, affiliation=_affiliation(speaker, doc.gazetteer)
                    ),
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


__all__ = ["extract_claims", "parse_claimant"]
