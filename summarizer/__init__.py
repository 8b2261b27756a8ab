"""summarizer: structured extraction and analyst briefings from conflict news.

The Python API mirrors the command line::

    import summarizer
    report = summarizer.extract(["articles/"], backend="rules")    # RunReport: .extractions, .failures
    page = summarizer.brief(["articles/"], format="html")          # the briefing document as text
    scores = summarizer.evaluate(backend="rules")                  # EvalReport against the gold fixtures

The functions are imported lazily, so ``import summarizer`` stays cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from summarizer._version import __version__

# ``__version__`` (summarizer/_version.py) is one number for the tool; the offline engine's own version is
# ``summarizer.backends.rules.ENGINE_VERSION``.

if TYPE_CHECKING:
    from summarizer.api import brief, evaluate, extract
    from summarizer.models import SCHEMA_VERSION

__all__ = ["SCHEMA_VERSION", "__version__", "brief", "evaluate", "extract", "versions"]


def versions() -> dict[str, str]:
    """The package version beside the offline engine's and the data model's (what ``--version`` prints)."""
    from summarizer.backends.rules import ENGINE_VERSION
    from summarizer.models import SCHEMA_VERSION

    return {"summarizer": __version__, "engine": ENGINE_VERSION, "schema": SCHEMA_VERSION}


def __getattr__(name: str) -> Any:
    if name == "SCHEMA_VERSION":  # the data model loads pydantic: only when asked
        from summarizer.models import SCHEMA_VERSION

        return SCHEMA_VERSION
    if name in ("extract", "brief", "evaluate"):
        from summarizer import api

        return getattr(api, name)
    raise AttributeError(f"module 'summarizer' has no attribute {name!r}")
