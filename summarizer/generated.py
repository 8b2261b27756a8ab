"""Our own output is never an input: every briefing carries a generator mark, and the input walker skips files
that carry one (or that are ``extract`` JSONL) with a one-line warning.

The marks survive their format: an HTML comment under the title of Markdown, a ``<meta name="generator">`` tag
in HTML, a ``"generator"`` key first in JSON; the CSV formats are recognised by their header row (a comment line
would break spreadsheet and ACLED tooling) and ``extract`` JSONL by the ``schema_version``, ``article`` and
``provenance`` keys that open every extraction.
"""

from __future__ import annotations

import json
import re
from importlib import metadata
from pathlib import Path

from summarizer.articles import ArticleError

NAME = "summarizer"
#: Bytes read from the start of a file to recognise a mark.
HEAD_BYTES = 4096


def generator() -> str:
    """``summarizer <version>``: the value every mark carries."""
    try:
        return f"{NAME} {metadata.version(NAME)}"
    except metadata.PackageNotFoundError:  # running from a source tree that is not installed
        return NAME


def _csv_headers() -> set[str]:
    from summarizer.render.csv import COLUMNS, FIGURE_COLUMNS

    return {",".join(COLUMNS), ",".join(FIGURE_COLUMNS)}


def mark(text: str, fmt: str) -> str:
    """``text`` (a briefing in ``fmt``) with the generator mark the format keeps."""
    stamp = generator()
    if fmt == "md":  # after the title line, so the document still opens with its title
        title, sep, rest = text.partition("\n")
        return f"{title}\n<!-- generator: {stamp} -->\n{rest}" if sep else f"{text}\n<!-- generator: {stamp} -->\n"
    if fmt == "html":
        tag = f'<meta name="generator" content="{stamp}">'
        marked, n = re.subn(r"<head(?:\s[^>]*)?>", lambda m: f"{m.group(0)}\n{tag}", text, count=1, flags=re.I)
        return marked if n else f"<!-- generator: {stamp} -->\n{text}"
    if fmt == "json":
        data = json.loads(text)
        return json.dumps({"generator": stamp, **data}, indent=2, ensure_ascii=False) + "\n"
    return text  # CSV: the header row is the mark


_MARKS = (
    re.compile(r"<!-- generator: summarizer\b"),
    re.compile(r"<meta\s+name=\"generator\"\s+content=\"summarizer\b", re.I),
    re.compile(r"\A\ufeff?\s*\{\s*\"generator\"\s*:\s*\"summarizer\b"),
    re.compile(r"\A\ufeff?\s*\{\"schema_version\":\s*\"[^\"]*\",\s*\"article\":\s*\{"),  # extract JSONL
)


def is_generated(path: Path) -> bool:
    """True when ``path`` starts with one of the marks this tool writes (unreadable files are left to the reader)."""
    try:
        with path.open("rb") as handle:
            head = handle.read(HEAD_BYTES).decode("utf-8", errors="replace")
    except OSError:
        return False
    if any(m.search(head) for m in _MARKS):
        return True
    first = head.lstrip("\ufeff").split("\n", 1)[0].rstrip("\r")
    return first in _csv_headers()


class SkippedOutput(ArticleError):
    """An input the tool wrote itself: skipped with a warning, not a failure."""

    def __init__(self, source: str) -> None:
        super().__init__(source, "skipped: written by summarizer (an earlier briefing or extraction), not an article")


def skip_own_output(path: Path) -> SkippedOutput | None:
    """The walker's check: a :class:`SkippedOutput` notice for a file this tool wrote, else None."""
    return SkippedOutput(str(path)) if is_generated(path) else None
