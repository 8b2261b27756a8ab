"""Headline figures: a title line ("12 killed in attack on Borno village.") that restates the lead's figure is not
a second figure. The engine already leaves out title lines without closing punctuation; this rule covers the
titles that end with a full stop or a bracket ("... (Updated)") by what they say: a figure in a short line of
its own near the top (the first such line with a figure) is dropped when a body sentence soon after gives the
same outcome and number.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from summarizer.models import CasualtyReport

_TITLE_WORDS = 14  # a title is short (a lead that is a paragraph of its own is longer)
_TOP = 3  # a title is among the article's first sentences
_RESTATED_WITHIN = 6  # the lead that restates it comes soon after


def _own_line(text: str, start: int, end: int) -> bool:
    before = text[:start].rstrip(" \t")
    after = text[end:].lstrip(" \t")
    return (not before or before.endswith("\n")) and (not after or after.startswith("\n"))


def drop_restated_titles(
    reports: list[CasualtyReport], origins: Sequence[int], text: str, spans: Sequence[tuple[int, int]]
) -> list[CasualtyReport]:
    """``reports`` without title figures that a body sentence restates; ``origins[i]`` is the index in ``spans``
    of the sentence that gave ``reports[i]``. Ids are renumbered in order when a report is dropped."""
    if not reports or origins[0] >= _TOP:
        return reports
    start, end = spans[origins[0]]
    if not _own_line(text, start, end) or len(text[start:end].split()) > _TITLE_WORDS:
        return reports
    titles = {origins[0]}  # the first line with a figure, near the top
    dropped: set[int] = set()
    for i, (report, origin) in enumerate(zip(reports, origins, strict=True)):
        if origin not in titles:
            continue
        for later, later_origin in zip(reports, origins, strict=True):
            if (
                origin < later_origin <= origin + _RESTATED_WITHIN
                and later_origin not in titles
                and later.outcome == report.outcome
                and later.count.best == report.count.best
            ):
                dropped.add(i)
                break
    if not dropped:
        return reports
    kept = [report for i, report in enumerate(reports) if i not in dropped]
    prefix = re.sub(r"\d+$", "", reports[0].id)
    return [report.model_copy(update={"id": f"{prefix}{n}"}) for n, report in enumerate(kept, start=1)]


__all__ = ["drop_restated_titles"]
