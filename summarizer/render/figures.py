"""Plain-text forms shared by the renderers (each renderer escapes them for its own format)."""

from __future__ import annotations

from summarizer.briefing import FigureReport


def figure_value(report: FigureReport) -> str:
    """'10' for an exact figure, '10–13' for a range, '10+' when open-ended, 'unquantified' without a number."""
    if report.best is not None and report.low == report.best == report.high:
        return str(report.best)
    if report.low is not None:
        return f"{report.low}–{report.high}" if report.high is not None else f"{report.low}+"
    return "unquantified"
