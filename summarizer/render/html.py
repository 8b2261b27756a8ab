"""The briefing as one self-contained HTML page for review.

Inline CSS only, no script, no external resource, and a Content-Security-Policy that forbids scripts anyway.
Every article's full text follows the briefing with each evidence span in a ``<mark>`` carrying the item's
citation key; every citation in the tables links to its mark. All article-derived text goes through
:func:`html.escape`.
"""

from __future__ import annotations

import html
import itertools
import re
from collections.abc import Iterable, Mapping, Sequence

from summarizer.articles import Article
from summarizer.briefing import (
    Briefing,
    Citation,
    FigureGroup,
    FigureReport,
    GroupTotal,
    Incident,
    Sentence,
    TotalComponent,
    evidence_citations,
)
from summarizer.models import ArticleExtraction
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
from summarizer.render.markdown import OPERATION_COLUMNS

CSP = (
    "default-src 'none'; script-src 'none'; style-src 'unsafe-inline'; img-src 'none'; "
    "connect-src 'none'; font-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'"
)

_CSS = """
body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:2rem auto;max-width:75rem;
padding:0 1rem;color:#1b1b1b;line-height:1.45}
h1{font-size:1.6rem}h2{margin-top:2rem;border-bottom:1px solid #ccc}
table{border-collapse:collapse;width:100%;margin:.5rem 0;font-size:.9rem}
th,td{border:1px solid #ccc;padding:.3rem .45rem;vertical-align:top;text-align:left}
th{background:#f0f0f0}td.num{text-align:right;white-space:nowrap}
a.cite{font-size:.8rem;text-decoration:none;white-space:nowrap}
.article{white-space:pre-wrap;border:1px solid #ddd;padding:1rem;background:#fcfcfc}
mark{background:#fff2a8}mark.unverified{background:#f8c9c9}
.warn{color:#8a1c1c}.meta{color:#555}
figure.chart{margin:.5rem 0 1rem;border:1px solid #ddd;padding:.5rem;background:#fff}
figure.chart figcaption{font-size:.85rem;color:#444;margin-top:.3rem}
details.fallback{margin:.3rem 0 1rem}details.fallback summary{cursor:pointer;color:#245;font-size:.9rem}
.method{border:1px solid #ddd;padding:.5rem 1rem;background:#fcfcfc}
"""

_UNSAFE_ID = re.compile(r"[^A-Za-z0-9_-]")


def e(value: object) -> str:
    """Escape text (and attribute values) for HTML."""
    return html.escape("" if value is None else str(value), quote=True)


def anchor(c: Citation) -> str:
    """The id of an evidence mark: ``ev-<n>-<item id>`` with unsafe characters replaced."""
    return f"ev-{c.n}-{_UNSAFE_ID.sub('_', c.item_id)}"


def cite(c: Citation) -> str:
    return f'<a class="cite" href="#{anchor(c)}" title="{e(c.quote)}">[{e(c.key)}]</a>'


def _cell(value: object, cls: str = "") -> str:
    return f'<td class="{cls}">{value}</td>' if cls else f"<td>{value}</td>"


def _table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    head = "".join(f"<th>{e(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _num(value: int | None, open_ended: bool = False) -> str:
    return str(value) if value is not None else ("open" if open_ended else "?")


def _sentence(s: Sentence) -> str:
    return "".join(cite(seg.cite) if seg.cite is not None else e(seg.text) for seg in s.segments)


def _when(start: object, end: object, phrases: Sequence[str]) -> str:
    if start is None:
        return "undated" + (f" ({e(phrases[0])})" if phrases else "")
    return e(start) if end in (None, start) else f"{e(start)} to {e(end)}"


def _report(incident: Incident, r: FigureReport) -> str:
    value = figure_value(r)
    return f"{value} “{e(r.phrase)}” ({e(r.source)}){e(report_tag(incident, r))} {cite(r.cite)}"


def _figures(incident: Incident, fig: FigureGroup) -> str:
    sep = joiner(fig)
    sep = f" <strong>{sep.strip()}</strong> " if fig.conflict or fig.alternatives else sep  # only vs / or
    return sep.join(_report(incident, r) for r in fig.reports)


def _components(items: Sequence[TotalComponent], sep: str = " + ") -> str:
    return sep.join(f"{e(component_label(c))} {_num(c.best)} {cite(c.cite) if c.cite else ''}" for c in items)


def _total_cell(t: GroupTotal) -> str:
    added, left = total_parts(t)
    out = _components(added)
    if left:
        out += f"; not added: {_components(left, ', ')}"
    return out + (f"; {t.unquantified} unquantified" if t.unquantified else "")


def _highlight(text: str, cites: Sequence[tuple[Citation, bool]]) -> str:
    """The article text with every evidence span in a ``<mark>``; overlapping spans are split into segments."""
    spans = [
        (c, unverified) for c, unverified in cites
        if c.start is not None and c.end is not None and 0 <= c.start < c.end <= len(text)
    ]
    # spans already has no open ends; the repeated checks narrow the types for the type checker
    starts = [c.start for c, _ in spans if c.start is not None]
    ends = [c.end for c, _ in spans if c.end is not None]
    bounds = sorted({0, len(text), *starts, *ends})
    out: list[str] = []
    for lo, hi in itertools.pairwise(bounds):
        covering = [(c, u) for c, u in spans if c.start <= lo and hi <= c.end]  # type: ignore[operator]
        chunk = e(text[lo:hi])
        if not covering:
            out.append(chunk)
            continue
        starting = [c for c, _ in covering if c.start == lo]
        extra = "".join(f'<span id="{anchor(c)}"></span>' for c in starting[1:])
        ident = f' id="{anchor(starting[0])}"' if starting else ""
        cls = ' class="unverified"' if all(u for _, u in covering) else ""
        keys = " ".join(c.key for c, _ in covering)
        out.append(f'{extra}<mark{ident}{cls} data-items="{e(keys)}" title="{e(keys)}">{chunk}</mark>')
    return "".join(out)


def _timeline_section(b: Briefing) -> list[str]:
    from summarizer.render.charts import figure_text, timeline, timeline_rows
    from summarizer.render.svg import timeline_svg

    t = timeline(b)
    parts = ['<h2 id="timeline">Timeline</h2>']
    if not t.figures:
        return [*parts, "<p>No dated casualty figure to plot.</p>"]
    undated = f" {t.undated} undated incident(s) are not shown." if t.undated else ""
    parts.append(
        f'<figure class="chart">{timeline_svg(t)}<figcaption>Killed and wounded per day and group, {e(t.days[0])} to '
        f"{e(t.days[-1])}, each incident once; tallies (a period's toll) are left out, and earlier incidents the "
        "articles mention as context are lighter. Bars are the best estimate; whiskers the range of conflicting or "
        f"open-ended figures.{e(undated)}</figcaption></figure>"
    )
    rows = ([_cell(e(day)), _cell(e(group)), _cell(e(figure_text(k)), "num"), _cell(e(figure_text(w)), "num"),
             _cell(e(", ".join(ids)))] for day, group, k, w, ids in timeline_rows(t))
    parts.append('<details class="fallback"><summary>The timeline as a table</summary>'
                 + _table(["Day", "Group", "Killed", "Wounded", "Incidents"], rows) + "</details>")
    return parts


def _map_section(b: Briefing, extractions: Sequence[ArticleExtraction]) -> list[str]:
    from summarizer.render.charts import country_name, incident_map
    from summarizer.render.svg import map_svg

    m = incident_map(b, extractions)
    parts = ['<h2 id="map">Map of incidents</h2>']
    if not m.points:
        return [*parts, "<p>No incident has coordinates, so there is no map; the incident table lists the places."
                        "</p>"]
    missing = f" Not on the map (no coordinates): {', '.join(m.unplaced)}." if m.unplaced else ""
    parts.append(
        f'<figure class="chart">{map_svg(m)}<figcaption>{len(m.points)} current incident(s) at their coordinates, '
        "sized by the killed reported and coloured by event kind, with province and country labels. A plain "
        f"latitude and longitude frame: no basemap, nothing fetched.{e(missing)}</figcaption></figure>"
    )
    rows = ([_cell(e(p.incident)), _cell(e(p.day or "undated")), _cell(e(p.kind)), _cell(e(p.place)),
             _cell(e(p.admin1 or "")), _cell(e(country_name(p.country) or "")), _cell(f"{p.lat:.4f}", "num"),
             _cell(f"{p.lon:.4f}", "num"), _cell(e(p.geo_precision or "?"), "num"), _cell(p.fatalities, "num")]
            for p in m.points)
    parts.append('<details class="fallback"><summary>The map as a table</summary>' + _table(
        ["Incident", "Day", "Kind", "Place", "Province", "Country", "Lat", "Lon", "Geo precision", "Killed"], rows
    ) + "</details>")
    return parts


def method_html(text: str) -> str:
    """The Method block (Markdown) as HTML, with markdown-it; raw HTML in it stays text."""
    from markdown_it import MarkdownIt

    return str(MarkdownIt("commonmark", {"html": False}).render(text))


def render(b: Briefing, articles: Mapping[str, Article], extractions: Sequence[ArticleExtraction] = ()) -> str:
    """The whole page; ``extractions`` (the briefing's sources) place incidents on the map."""
    parts: list[str] = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{e(b.title)}</title><style>{_CSS}</style></head><body>",
        f"<h1>{e(b.title)}</h1>",
    ]
    period = f"{e(b.period_start)} to {e(b.period_end)}" if b.period_start else "unknown"
    meta = [f"Period covered: {period}", f"Extraction: {e('; '.join(b.engines)) or 'none'}"]
    if b.since or b.until:
        meta.append(f"Events filtered to: {e(b.since or 'start')} to {e(b.until or 'now')}")
    meta.extend(f"Note: {e(n)}" for n in b.notes)
    parts.append('<ul class="meta">' + "".join(f"<li>{m}</li>" for m in meta) + "</ul>")

    parts.append('<h2 id="bluf">Bottom line up front</h2><ul>')
    parts.extend(f"<li>{_sentence(s)}</li>" for s in b.bluf)
    parts.append("</ul>")

    parts.extend(_timeline_section(b))
    parts.extend(_map_section(b, extractions))

    parts.append('<h2 id="operations">Operations</h2>')
    if b.operations:
        parts.append(_table(
            OPERATION_COLUMNS,
            ([_cell(e(op.id) + (" (background)" if op.background else "")), _cell(e(op.name or "(unnamed)")),
              _cell(e(", ".join(op.phases))), _cell(e(op.kind.value)), _cell(e(", ".join(op.by))),
              _cell(e(", ".join(op.against))), _cell(e(", ".join(op.places))),
              _cell(_when(op.date_start, op.date_end, op.date_phrases)), _cell(e(op.status.value)),
              _cell(op.corroboration, "num"), _cell(" ".join(cite(c) for c in op.cites))]
             for op in b.operations),
        ))
    else:
        parts.append("<p>No verified operation.</p>")

    parts.append('<h2 id="incidents">Casualties by incident</h2>')
    if b.incidents:
        rows = []
        for i in b.incidents:
            for fig in i.figures:
                rows.append([
                    _cell(e(incident_label(i))),
                    _cell(_when(i.date_start, i.date_end, i.date_phrases)), _cell(e(", ".join(i.places)) or "?"),
                    _cell(e(", ".join(i.perpetrators)) or "?"), _cell(e(fig.victims)),
                    _cell(e(outcome_label(fig.outcome))),
                    _cell(_num(fig.low), "num"), _cell(_num(fig.best), "num"),
                    _cell(_num(fig.high, fig.low is not None), "num"),
                    _cell(_figures(i, fig)), _cell(i.corroboration, "num"),
                ])
        parts.append(f"<p>{e(INCIDENTS_NOTE)}</p>")
        parts.append(_table(["Incident", "When", "Where (province)", "Perpetrator", "Group", "Outcome", "Low", "Best",
                             "High", "Figures as reported (source)", "Articles"], rows))
        conflicts = [(i, f) for i in b.incidents for f in i.figures if f.conflict or f.alternatives]
        if conflicts:
            parts.append("<h3>Conflicting and alternative figures</h3><ul>")
            parts.extend(
                f"<li>{e(incident_label(i))} {e(f.victims)} {e(outcome_label(f.outcome))} "
                f"({'disagree' if f.conflict else 'alternatives, not summed'}): {_figures(i, f)}</li>"
                for i, f in conflicts
            )
            parts.append("</ul>")
    else:
        parts.append("<p>No verified casualty figure.</p>")

    parts.append('<h2 id="totals">Casualties by group</h2>')
    if b.totals:
        parts.append(f"<p>{e(TOTALS_NOTE)}</p>")
        parts.append(_table(
            ["Group", "Category", "Outcome", "Low", "Best", "High", "Best = sum of"],
            ([_cell(e(t.victims)), _cell(e(t.category.value if t.category else "?")),
              _cell(e(outcome_label(t.outcome))), _cell(t.low, "num"), _cell(t.best, "num"),
              _cell(_num(t.high, True), "num"),
              _cell(_total_cell(t))]
             for t in b.totals),
        ))
    else:
        parts.append("<p>No verified figure to total.</p>")

    parts.append('<h2 id="claims">Claims by claimant</h2>')
    if not b.claimants:
        parts.append("<p>No verified claim.</p>")
    for g in b.claimants:
        role = f" <span class=\"meta\">({e(g.role)})</span>" if g.role else ""
        parts.append(f"<h3>{e(g.claimant)}{role}</h3>")
        parts.append(_table(
            ["Kind", "Claim", "Direct quote", "Cited"],
            ([_cell(e(c.kind.value)), _cell(e(c.content)), _cell(f"<q>{e(c.quote)}</q>" if c.quote else ""),
              _cell(cite(c.cite))] for c in g.claims),
        ))

    if b.unverified:
        parts.append('<h2 id="unverified" class="warn">Unverified items (not stated as fact)</h2>')
        parts.append("<p>These did not pass grounding; nothing here feeds the totals or the bottom line.</p>")
        parts.append(_table(
            ["Kind", "Item", "Status", "Problems", "Cited"],
            ([_cell(e(u.kind)), _cell(e(u.text)), _cell(e(u.status.value)), _cell(e("; ".join(u.problems))),
              _cell(cite(u.cite))] for u in b.unverified),
        ))

    parts.append('<h2 id="sources">Sources</h2><ol>')
    for s in b.sources:
        bits = [e(s.outlet or "outlet unknown")]
        if s.title:
            bits.append(f"<em>{e(s.title)}</em>")
        bits.append(e(s.published) if s.published else "date unknown")
        bits.append(f"<code>{e(s.source)}</code>")
        engine = e(s.backend) + (f" / {e(s.model)}" if s.model else "")
        parts.append(f'<li id="src-{s.n}" value="{s.n}">{" — ".join(bits)} ({engine}) '
                     f'<a href="#article-{s.n}">full text</a></li>')
    parts.append("</ol>")

    if b.failures:
        parts.append('<h2 id="failures" class="warn">Articles that failed</h2><ul>')
        parts.extend(f"<li><code>{e(f.source)}</code>: {e(f.reason)}</li>" for f in b.failures)
        parts.append("</ul>")

    unverified_keys = {u.cite.key for u in b.unverified}
    evidence = evidence_citations(b)
    parts.append('<h2 id="articles">Articles with evidence highlighted</h2>')
    for s in b.sources:
        article = articles.get(s.article_id)
        parts.append(f'<h3 id="article-{s.n}">[{s.n}] {e(s.title or s.outlet or s.source)}</h3>')
        if article is None:
            parts.append("<p class=\"meta\">The article's text is not available.</p>")
            continue
        cites = [(c, c.key in unverified_keys) for c in evidence if c.n == s.n]
        parts.append(f'<div class="article">{_highlight(article.text, cites)}</div>')

    if b.method:
        parts.append('<h2 id="method">Method: how incidents are reconciled</h2>')
        parts.append(f'<div class="method">{method_html(b.method)}</div>')
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"
