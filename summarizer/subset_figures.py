"""A count of the wounded still in hospital is part of the wounded already given, in the briefing.

"Mortar shells wounded at least five ... Five wounded people remained in hospital": the second figure counts
those of the first who are still being treated; shown as a figure of its own it would be another incident's
wounded (or, added, counted twice). The rule, per article: a wounded figure whose own words say the wounded
*remain* or are *still* in hospital (``still_in_hospital`` in ``summarizer/data/event_links.yaml``) is left out of
the briefing when its article gives another wounded figure; alone, it is the only count there is and stays.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from importlib import resources

import yaml

from summarizer.models import CasualtyReport, Outcome


@cache
def _still() -> re.Pattern[str]:
    raw = resources.files("summarizer.data").joinpath("event_links.yaml").read_text(encoding="utf-8")
    words = sorted(yaml.safe_load(raw)["still_in_hospital"], key=len, reverse=True)
    alternation = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)
    return re.compile(rf"\b(?:{alternation})\b", re.IGNORECASE)


def subset_ids(casualties: Sequence[CasualtyReport]) -> set[str]:
    """Ids of one article's counts of the wounded still in hospital, when it gives another wounded figure."""
    still = {c.id for c in casualties if c.outcome == Outcome.wounded and _still().search(c.evidence.quote)}
    others = [c for c in casualties if c.outcome == Outcome.wounded and c.id not in still]
    return still if others else set()
