"""Briefing documents: Markdown, JSON, CSV, HTML. FIRST CUT (the briefing issue deepens it)."""

from __future__ import annotations

from summarizer.briefing import Briefing, BriefingInput


def render_briefing(briefing: Briefing, fmt: str, source: BriefingInput) -> str:
    if fmt == "json":
        return briefing.model_dump_json(indent=2) + "\n"
    lines = [f"# {briefing.title}", ""]
    for i, ex in enumerate(briefing.extractions, start=1):
        lines.append(f"## [{i}] {ex.article.title or ex.article.source}")
        lines.append(ex.summary)
        for c in ex.casualties:
            lines.append(f"- {c.count.phrase} {c.victims.name} {c.outcome.value}: “{c.evidence.quote}”")
        lines.append("")
    return "\n".join(lines) + "\n"
