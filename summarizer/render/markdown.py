"""The briefing as Markdown: tables, citations that link to the source list, everything article-derived escaped.

A citation is written ``[n:item](#src-n)``: the source number and the item id, whose quote is listed under
"Evidence". No other link is produced, and article text can never open one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from summarizer.briefing import (
    Briefing,
    Citation,
    FigureGroup,
    FigureReport,
    Incident,
    OperationEntry,
    Sentence,
    evidence_citations,
)
from summarizer.render.figures import (
    INCIDENTS_NOTE,
    TOTALS_NOTE,
    component_label,
    figure_value,
    incident_label,
    joiner,
    outcome_label,
    report_tag,
    total_parts,
)

_SPACES = re.compile(r"\s+")
_SPECIAL = re.compile(r"([\\`*_\[\]<>|#!~&])")
# Bare URLs are turned into links by GitHub-flavoured Markdown: break the scheme and "www." so none is.
_SCHEME = re.compile(r"(?i)\b([a-z][a-z0-9+.-]{1,15}):(?=//|[a-z])")
_WWW = re.compile(r"(?i)\bwww\.")
# Whatever :func:`escape` would change: whitespace other than one space, a special character, a scheme's colon,
# "www.". Most cells (ids, names, numbers) hold none, and one search is cheaper than four substitutions.
_TO_ESCAPE = re.compile(r"(?i)[^\S ]|\s\s|[\\`*_\[\]<>|#!~&:]|www\.")

OPERATION_COLUMNS = ["ID", "Operation", "Phase", "Kind", "By", "Against", "Where (province)", "When", "Status",
                     "Articles", "Cited"]


def escape(text: object) -> str:
    """Escape text for a Markdown table cell or paragraph: one line, no markup, no link, no HTML."""
    flat = str(text)
    if not _TO_ESCAPE.search(flat):
        return flat
    flat = _SPACES.sub(" ", flat)  # newlines would end a table row
    flat = _SPECIAL.sub(r"\\\1", flat)
    flat = _SCHEME.sub(r"\1\\:", flat)
    return _WWW.sub(r"www\\.", flat)


def cite(c: Citation) -> str:
    """``[n:item](#src-n)``: a link to the source list entry, named by the item's id."""
    return f"[{c.n}:{escape(c.item_id)}](#src-{c.n})"


def cites(items: Iterable[Citation]) -> str:
    return " ".join(cite(c) for c in items)


def sentence(s: Sentence) -> str:
    return "".join(cite(seg.cite) if seg.cite is not None else escape(seg.text) for seg in s.segments)


def num(value: int | None, open_ended: bool = False) -> str:
    if value is None:
        return "open" if open_ended else "?"
    return str(value)


def _table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines.extend("| " + " | ".join(row) + " |" for row in rows)
    return lines


def when(start: object, end: object, phrases: Sequence[str]) -> str:
    if start is None:
        return "undated" + (f" ({escape(phrases[0])})" if phrases else "")
    return str(start) if end in (None, start) else f"{start} to {end}"


def _report(incident: Incident, r: FigureReport) -> str:
    value = "in words" if r.words_only else figure_value(r)  # "a number of" is no number
    return f"{value} “{escape(r.phrase)}” ({escape(r.source)}){report_tag(incident, r)} {cite(r.cite)}"


def _figure_cell(incident: Incident, fig: FigureGroup) -> str:
    # "vs" only between figures that disagree, "or" between alternatives; agreeing reports are corroboration.
    return joiner(fig).join(_report(incident, r) for r in fig.reports)


def _incident_rows(incident: Incident) -> Iterable[list[str]]:
    where = escape(", ".join(incident.places)) or "?"
    who = escape(", ".join(incident.perpetrators)) or "?"
    label = incident_label(incident)
    for fig in incident.figures:
        yield [
            label,
            f"≈{incident.date_start} (published)" if incident.date_approximate
            else when(incident.date_start, incident.date_end, incident.date_phrases),
            where,
            who,
            escape(fig.victims),
            outcome_label(fig.outcome),
            num(fig.low),
            num(fig.best),
            num(fig.high, open_ended=fig.low is not None),
            _figure_cell(incident, fig),
            str(fig.corroboration),
        ]


def _operation_row(op: OperationEntry) -> list[str]:
    name = escape(op.name) if op.name else "(unnamed)"
    return [
        op.id + (" (background)" if op.background else ""),
        name,
        escape(", ".join(op.phases)),
        op.kind.value,
        escape(", ".join(op.by)),
        escape(", ".join(op.against)),
        escape(", ".join(op.places)),
        when(op.date_start, op.date_end, op.date_phrases),
        op.status.value,
        str(op.corroboration),
        cites(op.cites),
    ]


def render(b: Briefing) -> str:
    """The whole briefing as one Markdown document."""
    out: list[str] = [f"# {escape(b.title)}", ""]
    period = f"{b.period_start} to {b.period_end}" if b.period_start else "unknown"
    out.append(f"- Period covered: {period}")
    if b.since or b.until:
        out.append(f"- Events filtered to: {b.since or 'start'} to {b.until or 'now'}")
    out.append(f"- Extraction: {escape('; '.join(b.engines)) or 'none'}")
    out.extend(f"- Note: {escape(n)}" for n in b.notes)
    out += ["", "## Bottom line up front", ""]
    out.extend(f"- {sentence(s)}" for s in b.bluf)

    out += ["", "## Operations", ""]
    if b.operations:
        out += _table(
            OPERATION_COLUMNS,
            (_operation_row(op) for op in b.operations),
        )
    else:
        out.append("No verified operation.")

    out += ["", "## Casualties by incident", ""]
    if b.incidents:
        out.append(INCIDENTS_NOTE)
        out.append("")
        out += _table(
            ["Incident", "When", "Where (province)", "Perpetrator", "Group", "Outcome", "Low", "Best", "High",
             "Figures as reported (source)", "Articles"],
            (row for incident in b.incidents for row in _incident_rows(incident)),
        )
        conflicts = [(i, f) for i in b.incidents for f in i.figures if f.conflict or f.alternatives]
        if conflicts:
            out += ["", "### Conflicting and alternative figures", ""]
            for incident, fig in conflicts:
                kind = "disagree" if fig.conflict else "alternatives, not summed"
                out.append(f"- {incident_label(incident)} {escape(fig.victims)} {outcome_label(fig.outcome)} "
                           f"({kind}): {_figure_cell(incident, fig)}")
    else:
        out.append("No verified casualty figure.")

    out += ["", "## Casualties by group", ""]
    if b.totals:
        out.append(TOTALS_NOTE)
        out.append("")
        rows = []
        for t in b.totals:
            added, left = total_parts(t)
            parts = " + ".join(
                f"{component_label(c)} {num(c.best)} {cite(c.cite) if c.cite else ''}".rstrip() for c in added
            )
            if left:
                parts += "; not added: " + ", ".join(
                    f"{component_label(c)} {num(c.best)} {cite(c.cite) if c.cite else ''}".rstrip() for c in left
                )
            extra = f"; {t.unquantified} unquantified" if t.unquantified else ""
            rows.append([escape(t.victims), t.category.value if t.category else "?", outcome_label(t.outcome),
                         str(t.low), str(t.best), num(t.high, open_ended=True), parts + extra])
        out += _table(["Group", "Category", "Outcome", "Low", "Best", "High", "Best = sum of"], rows)
    else:
        out.append("No verified figure to total.")

    out += timeline_section(b)
    out += ["", "## Claims by claimant", ""]
    if not b.claimants:
        out.append("No verified claim.")
    for group in b.claimants:
        role = f" ({escape(group.role)})" if group.role else ""
        out += [f"### {escape(group.claimant)}{role}", ""]
        out += _table(
            ["Kind", "Claim", "Direct quote", "Cited"],
            ([c.kind.value, escape(c.content), f"“{escape(c.quote)}”" if c.quote else "", cite(c.cite)]
             for c in group.claims),
        )
        out.append("")

    if b.unverified:
        out += ["", "## Unverified items (not stated as fact)", ""]
        out.append("The quotes below did not pass grounding; nothing here feeds the totals or the bottom line.")
        out.append("")
        out += _table(
            ["Kind", "Item", "Status", "Problems", "Cited"],
            ([u.kind, escape(u.text), u.status.value, escape("; ".join(u.problems)), cite(u.cite)]
             for u in b.unverified),
        )

    out += ["", "## Sources", ""]
    for s in b.sources:
        bits = [escape(s.outlet or "outlet unknown")]
        if s.title:
            bits.append(f"*{escape(s.title)}*")
        bits.append(str(s.published) if s.published else "date unknown")
        bits.append(escape(s.source))
        engine = f"{escape(s.backend)}" + (f" / {escape(s.model)}" if s.model else "")
        out.append(f"{s.n}. <a id=\"src-{s.n}\"></a>{' — '.join(bits)} ({engine})")
    if not b.sources:
        out.append("None.")

    if b.failures:
        out += ["", "## Articles that failed", ""]
        out.extend(f"- {escape(f.source)}: {escape(f.reason)}" for f in b.failures)

    evidence = evidence_citations(b)
    if evidence:
        out += ["", "## Evidence", ""]
        out += _table(["Cited", "Quote"], ([cite(c), f"“{escape(c.quote)}”"] for c in evidence))

    if b.method:
        out += ["", "## Method: how incidents are reconciled", "", b.method]
    return "\n".join(out).rstrip() + "\n"


def timeline_section(b: Briefing) -> list[str]:
    """The timeline as a small table: killed and wounded per day and group, ranges in brackets."""
    from summarizer.render.charts import figure_text, timeline, timeline_rows

    t = timeline(b)
    out = ["", "## Timeline", ""]
    if not t.figures:
        return [*out, "No dated casualty figure."]
    out.append("Killed and wounded per day and group, each incident once (tallies left out; background: an earlier "
               "incident mentioned as context); a bracket is the range of conflicting or open-ended figures."
               + (f" {t.undated} undated incident(s) not shown." if t.undated else ""))
    out.append("")
    out += _table(["Day", "Group", "Killed", "Wounded", "Incidents"],
                  ([str(day), escape(group), figure_text(k), figure_text(w), ", ".join(ids)]
                   for day, group, k, w, ids in timeline_rows(t)))
    return out
