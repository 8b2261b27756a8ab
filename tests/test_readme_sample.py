"""The README's sample briefing is the real output of `summarizer brief seeds/`: this test fails when they drift.

Run with ``UPDATE_README=1`` to rewrite the sample from the current output (then review the diff).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from summarizer.briefing import BriefingInput, build_briefing
from summarizer.pipeline import RunOptions, extract_paths
from summarizer.render.documents import render_briefing

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
# the sample: the block after this sentence, up to "..." (the rest of the briefing is left out)
SAMPLE = re.compile(r"(The start of `summarizer brief seeds/`:\n\n```markdown\n)(.*?)(\n\.\.\.\n```)", re.DOTALL)


def _sample_of(markdown: str) -> str:
    """The briefing's head: the title, the notes, the bottom line, and the operations table's first row."""
    lines = markdown.splitlines()
    ops = lines.index("## Operations")
    return "\n".join(lines[: ops + 5])  # the heading, a blank line, the table header, its rule and the first row


def test_the_readme_sample_is_the_real_seed_briefing() -> None:
    report = extract_paths([ROOT / "seeds"], RunOptions())
    source = BriefingInput.from_report(report)
    expected = _sample_of(render_briefing(build_briefing(source), "md", source))
    text = README.read_text(encoding="utf-8")
    match = SAMPLE.search(text)
    assert match, "README.md has no sample block after 'The start of `summarizer brief seeds/`:'"
    if os.environ.get("UPDATE_README") == "1":
        README.write_text(text[: match.start(2)] + expected + text[match.end(2):], encoding="utf-8")
        return
    assert match.group(2) == expected, "README sample drifted from `brief seeds/`: rerun with UPDATE_README=1"
