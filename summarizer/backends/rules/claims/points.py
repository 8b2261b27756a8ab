"""Claims: a speaker's second point ("..., adding that X") split off as its own claim when it is another kind of
point."""

from __future__ import annotations

import re
from dataclasses import replace

from summarizer.backends.rules.attribution import Frame, direct_quotes
from summarizer.backends.rules.attribution import strip_speech as _strip
from summarizer.backends.rules.claims.kinds import _kind

# A second point in one attribution: "..., adding that X" (split only when it is another kind of point).
_SECOND_POINT = re.compile(
    r",\s*(?:adding|and\s+added|noting)\s+that\s+(?=\S)"
    r"|\s+and\s+(?P<verb>complained|accused|blamed|warned|denied|insisted|argued)\s+(?:that\s+)?(?=\S)"
)


def _split_points(found: list[Frame], text: str) -> list[Frame]:
    """One claim per point: the part after "adding that" / ", and that" is the speaker's second claim."""
    out: list[Frame] = []
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
        inner = direct_quotes(text[second.end() :])
        verb = second.group("verb") or "added"
        added = replace(
            item,
            content=f"{verb} {point}" if verb == "accused" else point,
            verb=verb,
            quote=" … ".join(map(_strip, inner)) or None,
        )
        head = Frame(item.speaker, first or item.content, item.verb, item.quote)
        same_verb = Frame(item.speaker, point, item.verb, added.quote)
        if _kind(head, item.speaker) == _kind(same_verb, item.speaker):
            continue  # the same kind of point goes on ("..., adding that strength has declined"): one claim
        out[-1] = replace(item, content=head.content)  # the document's frame itself stays as read
        out.append(added)
    return out
