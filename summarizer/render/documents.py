"""Briefing documents: pick the renderer for a format (each renderer module only renders)."""

from __future__ import annotations

from summarizer.briefing import Briefing, BriefingInput
from summarizer.bulk import collector_paused

FORMATS = ("md", "json", "csv", "figures-csv", "html")


@collector_paused()
def render_briefing(briefing: Briefing, fmt: str, source: BriefingInput) -> str:
    """The briefing as ``md``, ``json``, ``csv`` (ACLED events), ``figures-csv`` or ``html`` text; ``source``
    supplies article texts for HTML and extracted details for the ACLED rows."""
    if fmt == "json":
        return briefing.model_dump_json(indent=2) + "\n"
    if fmt == "md":
        from summarizer.render.markdown import render as render_md

        return render_md(briefing)
    if fmt == "csv":
        from summarizer.render.csv import render as render_csv

        return render_csv(briefing, source)
    if fmt == "figures-csv":
        from summarizer.render.csv import render_figures

        return render_figures(briefing)
    if fmt == "html":
        from summarizer.render.html import render as render_html

        return render_html(briefing, source.articles, source.extractions)
    raise ValueError(f"unknown briefing format {fmt!r}; choose one of: {', '.join(FORMATS)}")
