"""Rendering of eval reports: rich tables for the terminal and a Markdown document."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console, Group
from rich.markup import escape
from rich.table import Table

from summarizer.evaluation import FIELDS, ITEM_TYPES, Delta, EvalReport, GateFailure, ItemRef
from summarizer.incident_scores import SCORE_KEYS, IncidentSetScores, MentionRef


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.3f}"


def _title(report: EvalReport) -> str:
    return f"eval: {report.backend or 'predictions'} on {report.fixtures} fixture(s)"


def scores_table(report: EvalReport) -> Table:
    """Precision, recall, F1, counts and grounding per item type."""
    table = Table(title=escape(_title(report)), title_justify="left")
    for column in ("type", "gold", "pred", "matched", "precision", "recall", "F1", "grounded"):
        table.add_column(column, justify="left" if column == "type" else "right")
    for kind in ITEM_TYPES:
        s = getattr(report, kind)
        table.add_row(
            kind, str(s.gold), str(s.predicted), str(s.matched), _pct(s.precision), _pct(s.recall), _pct(s.f1),
            _pct(s.grounding_rate),
        )  # fmt: skip
    table.caption = f"grounding rate over all predicted items: {_pct(report.grounding_rate)}"
    return table


def fields_table(report: EvalReport) -> Table:
    """Per-field accuracy on matched pairs."""
    table = Table(title="field accuracy on matched pairs", title_justify="left")
    table.add_column("type")
    table.add_column("field")
    table.add_column("accuracy", justify="right")
    for kind in ITEM_TYPES:
        for name in FIELDS[kind]:
            table.add_row(kind, name, _pct(getattr(report, kind).fields.get(name)))
    return table


def articles_table(report: EvalReport) -> Table:
    """F1 per article and type."""
    table = Table(title="per article (F1; gold/pred)", title_justify="left")
    table.add_column("article")
    for kind in ITEM_TYPES:
        table.add_column(kind, justify="right")
    for name, scores in report.per_article.items():
        cells = []
        for kind in ITEM_TYPES:
            s = getattr(scores, kind)
            cells.append(f"{s.f1:.2f} ({s.gold}/{s.predicted})")
        table.add_row(escape(name) + ("" if scores.predicted else " [red](no prediction)[/red]"), *cells)
    return table


def _range(low: int | None, high: int | None) -> str:
    if low is None:
        return "—"
    return f"{low}" if high == low else f"{low}..{'' if high is None else high}"


def _set_sizes(s: IncidentSetScores) -> str:
    return (f"{s.articles} articles, {s.incidents.gold} incidents in {s.period_start}..{s.period_end}; briefing: "
            f"{s.incidents.predicted} incidents, {s.mentions.predicted} items")


def incidents_table(report: EvalReport) -> Table:
    """The incident sets' scores: one column per set."""
    table = Table(title="incident sets: the briefing against the gold", title_justify="left")
    table.add_column("score")
    for name in report.incidents:
        table.add_column(escape(name), justify="right")
    for key in SCORE_KEYS:
        table.add_row(key, *(_pct(s.flat().get(key)) for s in report.incidents.values()))
    table.add_row("mentions missed / invented",
                  *(f"{s.mentions.missed} / {s.mentions.invented}" for s in report.incidents.values()))
    table.caption = "; ".join(f"{name}: {_set_sizes(s)}" for name, s in report.incidents.items())
    return table


def _print_incident_details(name: str, scores: IncidentSetScores, console: Console) -> None:
    for title, refs in (("missed gold mentions", scores.missed), ("briefing items matching no gold", scores.invented)):
        if refs:
            console.print(f"[bold]{escape(name)}: {title}[/bold]")
            for ref in refs:
                console.print(f"  {escape(ref.article)} {escape(ref.id)}: {escape(ref.label)}")
    wrong = [c for c in scores.figure_checks if not c.consistent]
    if wrong:
        console.print(f"[bold]{escape(name)}: incident figures outside the gold range[/bold]")
        for c in wrong:
            console.print(f"  {c.incident} -> {c.predicted_incident or 'none'} {c.victims} {c.outcome}: "
                          f"gold {_range(c.gold_low, c.gold_high)}, briefing {_range(c.low, c.high)}")


def print_report(report: EvalReport, console: Console, details: bool = False) -> None:
    """Print the score tables; with ``details`` also the missed and unmatched items."""
    console.print(Group(scores_table(report), fields_table(report), articles_table(report)))
    if report.incidents:
        console.print(incidents_table(report))
    for warning in report.warnings + [w for s in report.incidents.values() for w in s.warnings]:
        console.print(f"[yellow]warning:[/yellow] {escape(warning)}")
    if details:
        for name, scores in report.incidents.items():
            _print_incident_details(name, scores, console)
    if details:
        for title, items in (("missed gold items", report.missed), ("unmatched predictions", report.unmatched)):
            if items:
                console.print(f"[bold]{title}[/bold]")
                for item in items:
                    console.print(f"  {escape(item.article)} {item.type} {escape(item.id)}: {escape(item.label)}")


def print_gate(failures: Sequence[GateFailure], thresholds: int, console: Console) -> None:
    """Print the gate verdict."""
    if not failures:
        console.print(f"[green]gate passed[/green] ({thresholds} threshold(s))")
        return
    console.print(f"[red]gate failed[/red]: {len(failures)} of {thresholds} threshold(s) missed")
    for failure in failures:
        console.print(f"  {escape(str(failure))}")


def print_comparison(deltas: Sequence[Delta], console: Console, label: str = "") -> None:
    """Print old, new and change per key; improvements green, regressions red."""
    table = Table(title=escape(f"compared with the previous report{label}"), title_justify="left")
    table.add_column("key")
    table.add_column("old", justify="right")
    table.add_column("new", justify="right")
    table.add_column("change", justify="right")
    for delta in deltas:
        change = delta.change
        if change is None:
            shown = "—"
        elif change > 0:
            shown = f"[green]+{change:.4f}[/green]"
        elif change < 0:
            shown = f"[red]{change:.4f}[/red]"
        else:
            shown = "0"
        table.add_row(delta.key, _pct(delta.old), _pct(delta.new), shown)
    console.print(table)


# --------------------------------------------------------------------------- markdown


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _items_section(title: str, items: Sequence[ItemRef]) -> list[str]:
    lines = [f"## {title} ({len(items)})", ""]
    if not items:
        return [*lines, "None.", ""]
    lines += ["| article | type | id | item | best sim. | quote |", "|---|---|---|---|---:|---|"]
    for item in items:
        lines.append(
            f"| {_cell(item.article)} | {item.type} | {_cell(item.id)} | {_cell(item.label)} | "
            f"{item.best_similarity:.2f} | {_cell(item.quote)} |"
        )
    return [*lines, ""]


def _mention_rows(title: str, refs: Sequence[MentionRef]) -> list[str]:
    lines = [f"#### {title} ({len(refs)})", ""]
    if not refs:
        return [*lines, "None.", ""]
    lines += ["| article | id | figure | quote |", "|---|---|---|---|"]
    lines += [f"| {_cell(r.article)} | {_cell(r.id)} | {_cell(r.label)} | {_cell(r.quote)} |" for r in refs]
    return [*lines, ""]


def incidents_markdown(report: EvalReport) -> list[str]:
    """The incident sets section: scores per set, then per set its totals, wrong figures and mentions."""
    if not report.incidents:
        return []
    names = list(report.incidents)
    lines = ["## Incident sets", "", "How each score is computed: `summarizer/incident_eval.py`.", ""]
    lines += ["| score | " + " | ".join(names) + " |", "|---|" + "---:|" * len(names)]
    for key in SCORE_KEYS:
        lines.append(f"| {key} | " + " | ".join(_pct(report.incidents[n].flat().get(key)) for n in names) + " |")
    lines.append("| mentions missed / invented | "
                 + " | ".join(f"{report.incidents[n].mentions.missed} / {report.incidents[n].mentions.invented}"
                              for n in names) + " |")
    lines.append("")
    for name, s in report.incidents.items():
        lines += [f"### {name}", "", _set_sizes(s) + ".", ""]
        lines += ["| totals: victims | outcome | gold | briefing (best; low..high) | inside |", "|---|---|---|---|---|"]
        for t in s.total_checks:
            lines.append(f"| {t.victims} | {t.outcome} | {_range(t.gold_low, t.gold_high)} | "
                         f"{t.best}; {_range(t.low, t.high)} | {'yes' if t.inside else 'no'} |")
        lines += ["", "| incident | briefing incident | victims | outcome | gold | briefing | consistent |",
                  "|---|---|---|---|---|---|---|"]
        for c in s.figure_checks:
            lines.append(f"| {c.incident} | {c.predicted_incident or '—'} | {c.victims} | {c.outcome} | "
                         f"{_range(c.gold_low, c.gold_high)} | {_range(c.low, c.high)} | "
                         f"{'yes' if c.consistent else 'no'} |")
        lines.append("")
        lines += _mention_rows("Missed gold mentions", s.missed)
        lines += _mention_rows("Briefing items matching no gold mention or tally", s.invented)
        lines += [f"- warning: {_cell(w)}" for w in s.warnings]
    return lines


def render_markdown(report: EvalReport, failures: Sequence[GateFailure] | None = None) -> str:
    """A Markdown report: scores, field accuracy, per-article scores, gate, misses and false positives."""
    lines = [f"# {_title(report)}", ""]
    lines += [
        "| type | gold | predicted | matched | precision | recall | F1 | grounded |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for kind in ITEM_TYPES:
        s = getattr(report, kind)
        lines.append(
            f"| {kind} | {s.gold} | {s.predicted} | {s.matched} | {_pct(s.precision)} | {_pct(s.recall)} | "
            f"{_pct(s.f1)} | {_pct(s.grounding_rate)} |"
        )
    lines += ["", f"Grounding rate over all predicted items: {_pct(report.grounding_rate)}.", ""]
    lines += ["## Field accuracy on matched pairs", "", "| type | field | accuracy |", "|---|---|---:|"]
    for kind in ITEM_TYPES:
        for name in FIELDS[kind]:
            lines.append(f"| {kind} | {name} | {_pct(getattr(report, kind).fields.get(name))} |")
    lines += ["", "## Per article (F1, gold/predicted)", "", "| article | " + " | ".join(ITEM_TYPES) + " |"]
    lines.append("|---|" + "---:|" * len(ITEM_TYPES))
    for name, scores in report.per_article.items():
        cells = [
            f"{getattr(scores, k).f1:.2f} ({getattr(scores, k).gold}/{getattr(scores, k).predicted})"
            for k in ITEM_TYPES
        ]
        lines.append(f"| {_cell(name)}{'' if scores.predicted else ' (no prediction)'} | " + " | ".join(cells) + " |")
    lines.append("")
    lines += incidents_markdown(report)
    if failures is not None:
        lines += ["## Gate", ""]
        lines += [f"- missed: {_cell(str(f))}" for f in failures] or ["All thresholds met."]
        lines.append("")
    if report.warnings:
        lines += ["## Warnings", "", *[f"- {_cell(w)}" for w in report.warnings], ""]
    lines += _items_section("Missed gold items", report.missed)
    lines += _items_section("Unmatched predictions", report.unmatched)
    lines += [f"## Field errors on matched pairs ({len(report.field_errors)})", ""]
    if report.field_errors:
        lines += ["| article | type | field | gold id | pred id | gold | predicted |", "|---|---|---|---|---|---|---|"]
        for e in report.field_errors:
            lines.append(
                f"| {_cell(e.article)} | {e.type} | {e.field} | {_cell(e.gold_id)} | {_cell(e.predicted_id)} | "
                f"{_cell(e.gold)} | {_cell(e.predicted)} |"
            )
    else:
        lines.append("None.")
    return "\n".join(lines) + "\n"
