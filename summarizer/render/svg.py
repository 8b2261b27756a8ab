"""The briefing's timeline and map as inline SVG, drawn here: no script, no CDN, no map tiles, nothing fetched.

Both are accessible: ``role="img"`` with a ``<title>`` and ``<desc>``, a ``<title>`` on every mark (a tooltip and
what a screen reader reads), and the renderer adds a caption and a table of the same data. Text is escaped.
"""

from __future__ import annotations

import datetime as dt
import html
import math
from collections.abc import Sequence

from summarizer.models import Outcome
from summarizer.render.charts import DayFigure, IncidentMap, MapPoint, Timeline, country_name

#: Colour-blind-safe palette (Okabe-Ito), in order of use.
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442")
OTHER_COLOUR = "#999999"
#: Groups drawn with their own colour; the rest share one ("other groups").
MAX_GROUPS = 7
#: Event kinds and their colours on the map (the operation kinds of the data model, plus "unspecified").
KIND_COLOURS = {
    "airstrike": "#0072B2", "raid": "#009E73", "attack": "#D55E00", "bombing": "#CC79A7", "ambush": "#E69F00",
    "clash": "#56B4E9", "operation": "#000000", "clearance": "#7F7F7F", "arrest": "#B8860B", "other": "#8C564B",
    "unspecified": "#BBBBBB",
}
OTHER_GROUPS = "other groups"
#: Bar fill opacity: current incidents, and earlier ones mentioned as context (background).
BAR_OPACITY = 0.85
BACKGROUND_OPACITY = 0.35
#: Longest period drawn as a continuous calendar; a longer one shows only the days with figures.
CALENDAR_DAYS = 62
#: Widest bar, in pixels of the 900-wide drawing.
MAX_BAR_WIDTH = 36


def e(value: object) -> str:
    return html.escape(str(value), quote=True)


def _nice_max(value: float) -> tuple[float, float]:
    """A round axis maximum at or above ``value`` and its tick step."""
    if value <= 0:
        return 1.0, 1.0
    raw = value / 4
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    return step * math.ceil(value / step), step


def _text(x: float, y: float, body: str, size: float = 11, anchor: str = "start", extra: str = "") -> str:
    return (f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" '
            f'font-family="system-ui,sans-serif"{extra}>{e(body)}</text>')


def group_colours(groups: Sequence[str]) -> dict[str, str]:
    """A colour per group: the largest groups their own, the rest :data:`OTHER_COLOUR`."""
    return {g: PALETTE[i] if i < MAX_GROUPS else OTHER_COLOUR for i, g in enumerate(groups)}


def _figure_label(f: DayFigure) -> str:
    rng = f"{f.low}–{f.high}" if f.high is not None else f"{f.low} or more"
    value = str(f.best) if not f.ranged else f"{f.best} (range {rng})"
    context = " (background: mentioned as context)" if f.background else ""
    return f"{f.day}: {f.group} {f.outcome.value} {value}{context}; incidents {', '.join(f.incidents)}"


# --------------------------------------------------------------------------- timeline


def timeline_svg(t: Timeline, width: int = 900) -> str:
    """Killed (top panel) and wounded (bottom) per day, a bar per group, ranges as whiskers."""
    days = t.days
    groups = t.groups
    colours = group_colours(groups)
    lanes = groups[:MAX_GROUPS] + ([OTHER_GROUPS] if len(groups) > MAX_GROUPS else [])
    left, right, panel_h, gap, top = 56, 16, 150, 46, 40
    panels = [o for o in (Outcome.killed, Outcome.wounded) if any(f.outcome == o for f in t.figures)]
    legend_rows = math.ceil((len(lanes) + 2) / 4)
    height = top + len(panels) * (panel_h + gap) + 18 * legend_rows + 10
    plot_w = width - left - right
    first, last = days[0], days[-1]
    # A continuous calendar for up to CALENDAR_DAYS; beyond that only the days with figures (labelled), so a
    # year between two incidents does not squeeze every bar to a hairline.
    continuous = (last - first).days < CALENDAR_DAYS
    slots = [first + dt.timedelta(days=i) for i in range((last - first).days + 1)] if continuous else days
    span = len(slots)
    slot = plot_w / span
    out = [
        f'<svg viewBox="0 0 {width} {height}" width="100%" role="img" '
        f'aria-labelledby="tl-title tl-desc" class="chart timeline">',
        '<title id="tl-title">Killed and wounded per day, by group</title>',
        f'<desc id="tl-desc">Bars show the best estimate per day and group from {first} to {last}'
        f'{"" if continuous else " (only the days with figures)"}; whiskers show the range of conflicting or '
        'open-ended figures; a dashed whisker with an arrow marks a range with no upper bound.</desc>',
        f'<rect x="0" y="0" width="{width}" height="{height}" fill="#ffffff"/>',
    ]
    for p_index, outcome in enumerate(panels):
        y0 = top + p_index * (panel_h + gap)
        figures = [f for f in t.figures if f.outcome == outcome]
        # Merge the groups past MAX_GROUPS into one lane per day.
        lanes_of: dict[tuple[dt.date, str, bool], list[DayFigure]] = {}
        for f in figures:
            lane = f.group if f.group in lanes[:MAX_GROUPS] else OTHER_GROUPS
            lanes_of.setdefault((f.day, lane, f.background), []).append(f)
        tops = [sum((g.high if g.high is not None else g.best) for g in fs) for fs in lanes_of.values()]
        ymax, step = _nice_max(max([*tops, 1]) * 1.05)

        def y(value: float, y0: float = y0, ymax: float = ymax) -> float:
            return y0 + panel_h - value / ymax * panel_h

        out.append(_text(left, y0 - 10, f"{outcome.value.capitalize()} per day", 13, extra=' font-weight="600"'))
        tick = 0.0
        while tick <= ymax + 1e-9:
            out.append(f'<line x1="{left}" x2="{width - right}" y1="{y(tick):.1f}" y2="{y(tick):.1f}" '
                       'stroke="#e3e3e3"/>')
            out.append(_text(left - 6, y(tick) + 4, f"{tick:g}", 10, "end"))
            tick += step
        out.append(f'<line x1="{left}" x2="{width - right}" y1="{y(0):.1f}" y2="{y(0):.1f}" stroke="#555"/>')
        label_every = max(1, math.ceil(span / 12))
        for i in range(0, span, label_every):
            day = slots[i]
            new_year = i == 0 or day.year != slots[i - label_every].year
            out.append(_text(left + (i + 0.5) * slot, y0 + panel_h + 14, day.strftime("%d %b %Y" if new_year else
                             "%d %b"), 10, "middle"))
        bar_w = min(slot * 0.8 / len(lanes), MAX_BAR_WIDTH)
        inset = (slot - bar_w * len(lanes)) / 2  # the day's bars centred in its slot
        for (day, lane, background), fs in sorted(lanes_of.items()):
            i = slots.index(day)
            # A day holding current and background figures of one group: the background bar is the narrower one.
            shared = (day, lane, not background) in lanes_of
            x = left + i * slot + inset + lanes.index(lane) * bar_w + (bar_w / 2 if shared and background else 0)
            width_here = bar_w / 2 if shared else bar_w
            best = sum(f.best for f in fs)
            low = sum(f.low for f in fs)
            high = None if any(f.high is None for f in fs) else sum(f.high or 0 for f in fs)
            colour = colours.get(lane, OTHER_COLOUR)
            label = "; ".join(_figure_label(f) for f in fs)
            opacity = BACKGROUND_OPACITY if background else BAR_OPACITY
            out.append(f'<g class="bar{" background" if background else ""}"><title>{e(label)}</title>'
                       f'<rect x="{x:.1f}" y="{y(best):.1f}" width="{max(width_here - 1, 1):.1f}" '
                       f'height="{max(y(0) - y(best), 0.5):.1f}" fill="{colour}" fill-opacity="{opacity}"/>')
            cx = x + width_here / 2
            ranged = high is None or low != best or best != high
            if ranged:
                top_y = y(high) if high is not None else y0 + 4  # open-ended: up to the top of the panel
                dash = "" if high is not None else ' stroke-dasharray="3 2"'
                out.append(f'<line x1="{cx:.1f}" x2="{cx:.1f}" y1="{y(low):.1f}" y2="{top_y:.1f}" stroke="#222" '
                           f'stroke-width="1.5"{dash}/>')
                out.append(f'<line x1="{cx - 4:.1f}" x2="{cx + 4:.1f}" y1="{y(low):.1f}" y2="{y(low):.1f}" '
                           'stroke="#222" stroke-width="1.5"/>')
                if high is not None:
                    out.append(f'<line x1="{cx - 4:.1f}" x2="{cx + 4:.1f}" y1="{top_y:.1f}" y2="{top_y:.1f}" '
                               'stroke="#222" stroke-width="1.5"/>')
                else:
                    out.append(f'<path d="M{cx - 4:.1f},{top_y + 6:.1f} L{cx:.1f},{top_y:.1f} '
                               f'L{cx + 4:.1f},{top_y + 6:.1f}" fill="none" stroke="#222" stroke-width="1.5"/>')
            out.append("</g>")
    # Legend
    ly = top + len(panels) * (panel_h + gap) - 8
    entries = [(lane, colours.get(lane, OTHER_COLOUR)) for lane in lanes]
    for index, (name, colour) in enumerate(entries):
        lx = left + (index % 4) * (plot_w / 4)
        row_y = ly + (index // 4) * 18
        out.append(f'<rect x="{lx:.1f}" y="{row_y - 9:.1f}" width="12" height="12" fill="{colour}"/>')
        out.append(_text(lx + 17, row_y + 1, name, 11))
    index = len(entries)
    lx = left + (index % 4) * (plot_w / 4)
    row_y = ly + (index // 4) * 18
    out.append(f'<line x1="{lx + 6:.1f}" x2="{lx + 6:.1f}" y1="{row_y - 10:.1f}" y2="{row_y + 3:.1f}" stroke="#222" '
               'stroke-width="1.5"/>')
    out.append(_text(lx + 17, row_y + 1, "range of reported figures", 11))
    index += 1
    lx = left + (index % 4) * (plot_w / 4)
    row_y = ly + (index // 4) * 18
    out.append(f'<rect x="{lx:.1f}" y="{row_y - 9:.1f}" width="12" height="12" fill="{PALETTE[0]}" '
               f'fill-opacity="{BACKGROUND_OPACITY}"/>')
    out.append(_text(lx + 17, row_y + 1, "lighter: background", 11))
    out.append("</svg>")
    return "".join(out)


# --------------------------------------------------------------------------- map


def _radius(fatalities: int) -> float:
    return 4.0 + 2.6 * math.sqrt(max(fatalities, 0))


def map_svg(m: IncidentMap, width: int = 900, height: int = 520) -> str:
    """The incidents at their coordinates on a plain latitude/longitude frame (no basemap)."""
    points = m.points
    lats = [p.lat for p in points]
    lons = [p.lon for p in points]
    mid_lat = (min(lats) + max(lats)) / 2
    kx = math.cos(math.radians(mid_lat))  # equirectangular: a degree of longitude is shorter away from the equator
    lat_span = max(max(lats) - min(lats), 1.0)
    lon_span = max(max(lons) - min(lons), 1.0)
    pad = 0.2
    lat0, lat1 = min(lats) - lat_span * pad - 0.3, max(lats) + lat_span * pad + 0.3
    lon0, lon1 = min(lons) - lon_span * pad - 0.3, max(lons) + lon_span * pad + 0.3
    left, top, legend_w = 40, 20, 190
    plot_w, plot_h = width - left - legend_w - 10, height - top - 40
    scale = min(plot_w / ((lon1 - lon0) * kx), plot_h / (lat1 - lat0))
    used_w, used_h = (lon1 - lon0) * kx * scale, (lat1 - lat0) * scale
    ox, oy = left + (plot_w - used_w) / 2, top + (plot_h - used_h) / 2

    def xy(lat: float, lon: float) -> tuple[float, float]:
        return ox + (lon - lon0) * kx * scale, oy + (lat1 - lat) * scale

    out = [
        f'<svg viewBox="0 0 {width} {height}" width="100%" role="img" '
        f'aria-labelledby="map-title map-desc" class="chart map">',
        '<title id="map-title">Map of incidents</title>',
        f'<desc id="map-desc">{len(points)} incidents at their coordinates between latitudes {min(lats):.2f} and '
        f'{max(lats):.2f} and longitudes {min(lons):.2f} and {max(lons):.2f}; circle area grows with the killed; '
        'colour is the event kind; no basemap.</desc>',
        f'<rect x="0" y="0" width="{width}" height="{height}" fill="#ffffff"/>',
        f'<rect x="{ox:.1f}" y="{oy:.1f}" width="{used_w:.1f}" height="{used_h:.1f}" fill="#f4f7fa" stroke="#9aa"/>',
    ]
    # Graticule every 1, 2 or 5 degrees.
    grid = next(g for g in (0.5, 1, 2, 5, 10, 20) if max(lat1 - lat0, lon1 - lon0) / g <= 8)
    lat = math.ceil(lat0 / grid) * grid
    while lat <= lat1:
        _, gy = xy(lat, lon0)
        out.append(f'<line x1="{ox:.1f}" x2="{ox + used_w:.1f}" y1="{gy:.1f}" y2="{gy:.1f}" stroke="#dde3e8"/>')
        out.append(_text(ox - 4, gy + 3, f"{lat:g}°", 9, "end", ' fill="#667"'))
        lat += grid
    lon = math.ceil(lon0 / grid) * grid
    while lon <= lon1:
        gx, _ = xy(lat0, lon)
        out.append(f'<line x1="{gx:.1f}" x2="{gx:.1f}" y1="{oy:.1f}" y2="{oy + used_h:.1f}" stroke="#dde3e8"/>')
        out.append(_text(gx, oy + used_h + 12, f"{lon:g}°", 9, "middle", ' fill="#667"'))
        lon += grid
    # Country and province labels at the centre of their incidents.
    for key, size, style in (("country", 20, ' fill="#9aa6b2" font-weight="700" letter-spacing="2"'),
                             ("admin1", 11, ' fill="#556" font-style="italic"')):
        groups: dict[str, list[MapPoint]] = {}
        for p in points:
            name = country_name(p.country) if key == "country" else p.admin1
            if name:
                groups.setdefault(name, []).append(p)
        for name, members in sorted(groups.items()):
            cx, cy = xy(sum(p.lat for p in members) / len(members), sum(p.lon for p in members) / len(members))
            dy = -max(_radius(p.fatalities) for p in members) - 6 if key == "admin1" else -28
            label = name.upper() if key == "country" else name
            out.append(_text(cx, cy + dy, label, size, "middle", style + ' class="label-' + key + '"'))
    for p in sorted(points, key=lambda p: -p.fatalities):  # small circles drawn over large ones
        cx, cy = xy(p.lat, p.lon)
        colour = KIND_COLOURS.get(p.kind, KIND_COLOURS["other"])
        coarse = (p.geo_precision or 1) >= 3
        fill = f'fill="{colour}" fill-opacity="0.25" stroke="{colour}" stroke-dasharray="3 2"' if coarse else \
            f'fill="{colour}" fill-opacity="0.75" stroke="#fff"'
        where = ", ".join(x for x in (p.place, p.admin1, country_name(p.country)) if x)
        tip = f"{p.incident} · {p.day or 'undated'} · {p.kind} · {where} · killed {p.fatalities}"
        out.append(f'<circle class="incident" cx="{cx:.1f}" cy="{cy:.1f}" r="{_radius(p.fatalities):.1f}" {fill} '
                   f'stroke-width="1.5"><title>{e(tip)}</title></circle>')
    # Legend: kinds present, then sizes.
    lx = width - legend_w + 5
    out.append(_text(lx, top + 10, "Event kind", 12, extra=' font-weight="600"'))
    kinds = sorted({p.kind for p in points})
    for i, kind in enumerate(kinds):
        ly = top + 30 + i * 18
        out.append(f'<circle cx="{lx + 6}" cy="{ly - 4}" r="6" fill="{KIND_COLOURS.get(kind, KIND_COLOURS["other"])}" '
                   'fill-opacity="0.75"/>')
        out.append(_text(lx + 18, ly, kind, 11))
    sy = top + 40 + len(kinds) * 18
    out.append(_text(lx, sy, "Killed", 12, extra=' font-weight="600"'))
    cy = sy + 12
    for value in (1, 10, 50):
        r = _radius(value)
        cy += r + 4
        out.append(f'<circle cx="{lx + 24}" cy="{cy:.1f}" r="{r:.1f}" fill="none" stroke="#555"/>')
        out.append(_text(lx + 54, cy + 4, str(value), 11))
        cy += r
    out.append(_text(lx, cy + 24, "dashed: place known only", 10, extra=' fill="#555"'))
    out.append(_text(lx, cy + 37, "to province or country", 10, extra=' fill="#555"'))
    out.append("</svg>")
    return "".join(out)
