"""The briefing's timeline and map: the data they show, the SVG, the table fallbacks, and graceful degradation."""

from __future__ import annotations

import datetime as dt
import re

from summarizer.briefing import BriefingInput, build_briefing
from summarizer.models import Outcome
from summarizer.render.charts import figure_text, incident_map, timeline
from summarizer.render.documents import render_briefing
from summarizer.render.svg import KIND_COLOURS

from .incident_set import incident_set
from .test_briefing import synthetic


def test_timeline_sums_each_days_incidents_and_keeps_ranges() -> None:
    t = timeline(build_briefing(incident_set()))
    cells = {(f.day, f.group, f.outcome): f for f in t.figures}
    hawija = cells[(dt.date(2024, 5, 2), "ISIS", Outcome.killed)]
    assert (hawija.low, hawija.best, hawija.high, hawija.incidents) == (12, 12, 15, ["I1"])  # 12 vs 15: one incident
    assert figure_text(hawija) == "12 (12–15)"
    wounded = cells[(dt.date(2024, 5, 3), "Peshmerga", Outcome.wounded)]
    assert wounded.high is None and figure_text(wounded) == "5 (5 or more)"
    assert cells[(dt.date(2024, 5, 6), "Civilians", Outcome.killed)].best == 1
    assert t.days == [dt.date(2022, 6, 15), *(dt.date(2024, 5, d) for d in (2, 3, 5, 6))] and t.undated == 0


def test_background_is_plotted_apart_and_tallies_not_at_all() -> None:
    b = build_briefing(incident_set())
    (old,) = [f for f in timeline(b).figures if f.background]
    assert (old.day, old.group, old.best) == (dt.date(2022, 6, 15), "Civilians", 30)
    assert all(not f.background for f in timeline(b).figures if f.day != old.day)
    # An incident the briefing calls a tally (a period's toll) is no event of one day.
    as_tally = b.model_copy(update={"incidents": [i.model_copy(update={"tally": i.id == "I1"}) for i in b.incidents]})
    assert "I1" in {i for f in timeline(b).figures for i in f.incidents}
    assert "I1" not in {i for f in timeline(as_tally).figures for i in f.incidents}
    assert "I1" not in {p.incident for p in incident_map(as_tally, incident_set().extractions).points}


def test_map_points_come_from_the_cited_items_places() -> None:
    source = incident_set()
    b = build_briefing(source)
    m = incident_map(b, source.extractions)
    by_incident = {p.incident: p for p in m.points}
    assert set(by_incident) == {"I1", "I2", "I3", "I4", "I5"} and m.unplaced == ["I6"]
    assert (by_incident["I1"].lat, by_incident["I1"].lon, by_incident["I1"].fatalities) == (35.327, 43.772, 12)
    assert by_incident["I4"].country == "SY" and by_incident["I5"].geo_precision == 3
    assert by_incident["I3"].kind == "bombing"


def test_html_has_an_accessible_inline_timeline_and_map() -> None:
    source = incident_set()
    page = render_briefing(build_briefing(source), "html", source)
    svgs = re.findall(r"<svg\b[^>]*>", page)
    assert len(svgs) == 2 and all('role="img"' in s and "aria-labelledby" in s for s in svgs)
    assert '<title id="tl-title">' in page and '<title id="map-title">' in page
    assert page.count("<figcaption>") == 2 and page.count('<details class="fallback">') == 2
    # Points sized by fatalities: the 12-killed incident's circle is larger than the 2-killed one's.
    radii = {m.group(2): float(m.group(1)) for m in re.finditer(
        r'<circle class="incident" [^>]*?r="([\d.]+)"[^>]*><title>(I\d)', page)}
    assert radii["I1"] > radii["I4"] > radii["I2"]
    for kind in ("airstrike", "bombing", "attack", "raid", "ambush"):
        assert KIND_COLOURS[kind] in page
    assert ">IRAQ<" in page and ">SYRIA<" in page and ">Kirkuk<" in page and ">Deir ez-Zor<" in page
    assert "Not on the map (no coordinates): I6." in page
    # Nothing to fetch: no script, no external resource, no address at all (inline SVG needs no namespace).
    assert "<script" not in page and not re.search(r"(?i)src=|href=\"(?!#)|https?://", page)


def test_the_map_degrades_gracefully_without_coordinates() -> None:
    source = synthetic()  # its places have no coordinates
    page = render_briefing(build_briefing(source), "html", source)
    assert "No incident has coordinates, so there is no map" in page
    assert 'class="chart map"' not in page and 'class="chart timeline"' in page


def test_an_empty_briefing_has_neither_chart() -> None:
    page = render_briefing(build_briefing(BriefingInput([], {})), "html", BriefingInput([], {}))
    assert "No dated casualty figure to plot." in page and "<svg" not in page


def test_markdown_has_the_timeline_table() -> None:
    source = incident_set()
    md = render_briefing(build_briefing(source), "md", source)
    section = md.split("## Timeline", 1)[1].split("\n## ", 1)[0]
    assert "| Day | Group | Killed | Wounded | Incidents |" in section
    assert "| 2024-05-02 | ISIS | 12 (12–15) |  | I1 |" in section
    assert "| 2024-05-03 | Peshmerga | 2 | 5 (5 or more) | I2 |" in section
    assert "| 2022-06-15 | Civilians (background) | 30 |  | I7 |" in section


def test_the_method_block_is_html_not_raw_markdown() -> None:
    source = synthetic()
    page = render_briefing(build_briefing(source), "html", source)
    method = page.split('<h2 id="method">', 1)[1]
    assert "<li><strong>Vetoes</strong>" in method
    assert "* **" not in method and "**Vetoes**" not in method


def test_svg_edge_cases_one_point_and_many_groups() -> None:
    from summarizer.render.charts import DayFigure, IncidentMap, MapPoint, Timeline
    from summarizer.render.svg import MAX_GROUPS, OTHER_GROUPS, map_svg, timeline_svg

    one = map_svg(IncidentMap([MapPoint("I1", 2.04, 45.34, 0, "attack", "Mogadishu", "Banaadir", "SO", 1,
                                        dt.date(2025, 3, 1))], []))
    assert one.count('<circle class="incident"') == 1 and ">SOMALIA<" in one and "nan" not in one
    groups = [f"Group {chr(65 + i)}" for i in range(MAX_GROUPS + 3)]
    figures = [DayFigure(dt.date(2025, 3, 1), g, Outcome.killed, i + 1, i + 1, i + 1, [f"I{i}"])
               for i, g in enumerate(groups)]
    svg = timeline_svg(Timeline(figures, 0))
    legend = re.findall(r">(Group [A-Z]|other groups)</text>", svg)
    assert len(legend) == MAX_GROUPS + 1 and legend[-1] == OTHER_GROUPS
    # The three smallest groups share one bar whose tooltip names each of them.
    shared = [t for t in re.findall(r"<title>([^<]*)</title>", svg) if "Group A" in t and "Group B" in t]
    assert shared and "incidents I0" in shared[0]
