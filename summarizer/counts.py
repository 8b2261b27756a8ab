"""Count normalisation: a figure as written -> low/best/high. One implementation for every backend.

FIRST CUT (interface only); the offline-engine issue implements and documents every rule here.
"""

from __future__ import annotations

from summarizer.models import Count


def parse_count(phrase: str) -> Count | None:
    """Normalise a count phrase ("at least ten", "over 100", "nearly a dozen"); None if it holds no figure."""
    digits = "".join(ch for ch in phrase if ch.isdigit())
    if not digits:
        return None
    value = int(digits)
    return Count(phrase=phrase, low=value, best=value, high=value, rule="exact")
