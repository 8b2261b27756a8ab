"""Attributed statements: who said what, in their words when quoted, and what kind of claim it is.

The claims are built on the document's attribution frames (the annotation :mod:`summarizer.backends.rules.attribution`,
read once per document); three frames cover most wire and regional reporting:

* subject first: "<claimant>[, <role>,] said/told <outlet>/announced/tweeted [that] <content>";
* quote first: "“<quote>,” <claimant> said" or "“<quote>,” said <claimant>";
* "according to <claimant>, <content>" (either order).

Claimants are split into name and role ("Major General X, spokesperson for Y"; "Security expert X";
"X, mayor of Y"); pronouns ("he said"), surnames ("Al-Khafaji praised") and definite titles ("the Major
General revealed") resolve to the last claimant they fit. A sentence that is wholly a quotation right
after a claim continues that claimant's words. This extractor splits a frame's second point off and decides
each claim's kind."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace

from summarizer import lexicon
from summarizer.backends.rules.attribution import parse_claimant, strip_speech
from summarizer.backends.rules.claims.kinds import _kind
from summarizer.backends.rules.claims.points import _split_points
from summarizer.backends.rules.dates import POST_STAMP
from summarizer.backends.rules.sentences import DATELINE, Document
from summarizer.models import Alignment, Claim, Claimant, Evidence

_MAX_CONTENT = 240
_WHOLE_QUOTE = re.compile(r"\s*[\"“](.+)[\"”]\s*")


# a list item's bullet left on a speaker's name: "- Lebanon's health ministry says ..."
_LEADING_THE = re.compile(r"^(?:[Tt]he)\s+")
_BULLET = re.compile(r"^[-–—•*·]\s+(?:[Tt]he\s+)?")


# "ISMP's own claim said", "the army's communique said": the body whose text speaks
_OWN_TEXT = re.compile(
    r"(?i)^(?P<owner>.+?)['’]s\s+(?:own\s+)?(?:claim|statement|communiqu[eé]|press\s+release|bulletin|newsletter"
    r"|update|message)$"
)


def _claimant_name(name: str) -> str:
    """The claimant's name as written, without a list bullet or a dateline, and a text of its own standing for
    its owner ("ISMP's own claim" is ISMP)."""
    name = _BULLET.sub("", name) or name
    name = _LEADING_THE.sub("", DATELINE.sub("", name, count=1)) or name  # "GUSAU - The ... Police Command"
    own = _OWN_TEXT.match(name)
    if own:
        name = own.group("owner")
    return name


# the words of greeting, thanks, assent and address a turn may hold and still make no point
_COURTESY = re.compile(rf"(?i)\b(?:{lexicon.alternation('courtesies')})\b")


def _courtesy(content: str) -> bool:
    """Content that is only courtesy: "Thank you, and good morning to your listeners", "Yes.", "Madam, I am aware"."""
    if len(content) > 80:
        return False  # courtesy is short; a long turn makes a point
    words = re.findall(r"[A-Za-z0-9]+", _COURTESY.sub(" ", strip_speech(content)))
    return len(words) <= 1 and len(words) < len(re.findall(r"[A-Za-z0-9]+", content))


def _stamp_heading(text: str, whole_line: bool) -> bool:
    """A live page's post heading: a line of its own opening with a time stamp and ending without a full stop."""
    return whole_line and POST_STAMP.match(text) is not None and not re.search(r"[.!?\"”]$", text.rstrip())


def extract_claims(doc: Document, op_of_sentence: Mapping[int, str] | None = None) -> list[Claim]:
    """Every attributed statement in ``doc`` (one per point of each attribution frame the document reading found,
    :attr:`Document.attribution`), ids ``cl1``, ``cl2``..., linked to the operation its sentence mentions
    (``op_of_sentence``: sentence index -> operation id)."""
    op_of_sentence = op_of_sentence or {}
    claims: list[Claim] = []
    for index, (sentence, frames) in enumerate(zip(doc.sentences, doc.attribution, strict=True)):
        if _stamp_heading(sentence.text, sentence.line_start and sentence.line_end):
            continue  # "16:02 - Hezbollah claims missile attack": a live page's post heading restates its post
        for item in _split_points(frames, sentence.text):
            if item.restates:
                continue  # '"...," she said.' right after her claim: the same point, in her words
            if _courtesy(item.content or sentence.text):
                continue  # a transcript's "Thank you, and good morning", "Yes.": no point is made
            speaker = item.who
            if not item.content or (item.content == strip_speech(sentence.text) and item.quote is None and index > 0):
                # "He told Shafaq News." after a quotation: the quotation is what was said
                prev = doc.sentences[index - 1].text if index > 0 else ""
                whole = _WHOLE_QUOTE.fullmatch(prev)
                if whole:
                    item = replace(item, content=strip_speech(whole.group(1)), quote=strip_speech(whole.group(1)))
            if item.content and sentence.line_start:
                item = replace(item, content=DATELINE.sub("", item.content, count=1))
            quote, start, end = doc.quote(sentence.start, sentence.end)
            content = item.content if len(item.content) <= _MAX_CONTENT else item.content[: _MAX_CONTENT - 1] + "…"
            claims.append(
                Claim(
                    id=f"cl{len(claims) + 1}",
                    claimant=Claimant(
                        name=_claimant_name(speaker.name),
                        role=speaker.role,
                        affiliation=item.organisation,
                    ),
                    kind=_kind(item, speaker),
                    content=content or strip_speech(sentence.text)[:_MAX_CONTENT],
                    quote=item.quote,
                    operation_id=op_of_sentence.get(index),
                    evidence=Evidence(quote=quote, start=start, end=end, alignment=Alignment.exact),
                )
            )
    return claims


__all__ = ["extract_claims", "parse_claimant"]
