"""The timeline and the map render in headless Chromium, with every network request refused.

The screenshot is read back (a small PNG reader below) and the colours of the bars and of the map's circles, as
Chromium blends them over the page, must be on screen in the numbers the figures call for.
"""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest

from summarizer.briefing import BriefingInput, build_briefing
from summarizer.pipeline import RunOptions, extract_paths
from summarizer.render.charts import incident_map, timeline
from summarizer.render.documents import render_briefing
from summarizer.render.svg import BACKGROUND_OPACITY, BAR_OPACITY, KIND_COLOURS, PALETTE

from .conftest import SEEDS
from .incident_set import incident_set

pytestmark = pytest.mark.browser

CHROMIUM = next((p for name in ("chromium", "chromium-browser", "google-chrome") if (p := shutil.which(name))), None)
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium is not installed (Debian 'chromium')")


def read_png(path: Path) -> tuple[int, int, list[bytes]]:
    """Width, height and rows of RGB(A) bytes of an 8-bit, non-interlaced PNG (what Chromium writes)."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, header = 8, b"", b""
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        chunk = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            header = chunk
        elif kind == b"IDAT":
            idat += chunk
        pos += 12 + length
    width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", header)
    assert depth == 8 and colour in (2, 6) and interlace == 0
    bpp = 3 if colour == 2 else 4
    raw = zlib.decompress(idat)
    rows: list[bytes] = []
    prev = bytearray(width * bpp)
    stride = width * bpp
    for y in range(height):
        kind = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b = prev[x]
            c = prev[x - bpp] if x >= bpp else 0
            if kind == 1:
                line[x] = (line[x] + a) & 255
            elif kind == 2:
                line[x] = (line[x] + b) & 255
            elif kind == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line) if bpp == 3 else bytes(v for i, v in enumerate(line) if i % 4 != 3))
        prev = line
    return width, height, rows


def blend(colour: str, opacity: float, under: tuple[int, int, int]) -> tuple[int, int, int]:
    rgb = [int(colour[i:i + 2], 16) for i in (1, 3, 5)]
    return tuple(round(opacity * c + (1 - opacity) * u) for c, u in zip(rgb, under, strict=True))  # type: ignore[return-value]


def count_colour(rows: list[bytes], target: tuple[int, int, int], tolerance: int = 6) -> int:
    hits = 0
    for row in rows:
        for i in range(0, len(row), 3):
            if all(abs(row[i + k] - target[k]) <= tolerance for k in range(3)):
                hits += 1
    return hits


def screenshot(page: Path, out: Path, profile: Path, height: int = 2600) -> list[bytes]:
    assert CHROMIUM is not None
    result = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars",
         "--host-resolver-rules=MAP * ~NOTFOUND", "--force-device-scale-factor=1", f"--user-data-dir={profile}",
         f"--window-size=1200,{height}", f"--screenshot={out}", page.as_uri()],
        capture_output=True, text=True, timeout=120, check=False,
    )
    assert result.returncode == 0 and out.is_file(), result.stderr[-2000:]
    width, _, rows = read_png(out)
    assert width == 1200
    return rows


@needs_chromium
def test_the_incident_set_shows_a_timeline_and_a_map(tmp_path: Path) -> None:
    source = incident_set()
    briefing = build_briefing(source)
    page = tmp_path / "incidents.html"
    page.write_text(render_briefing(briefing, "html", source), encoding="utf-8")
    rows = screenshot(page, tmp_path / "incidents.png", tmp_path / "profile")
    white, sea = (255, 255, 255), (244, 247, 250)
    # Timeline bars: the largest group's colour (ISIS, two days of bars) fills many pixels.
    groups = timeline(briefing).groups
    assert count_colour(rows, blend(PALETTE[0], BAR_OPACITY, white)) > 2000, groups[0]
    # Every kind on the map shows as a filled circle, except the coarse place, drawn faint and dashed.
    points = incident_map(briefing, source.extractions).points
    for p in points:
        opacity, least = (0.25, 10) if (p.geo_precision or 1) >= 3 else (0.75, 60)
        assert count_colour(rows, blend(KIND_COLOURS[p.kind], opacity, sea)) > least, p


@needs_chromium
def test_the_seed_briefing_shows_its_timeline_and_map_offline(tmp_path: Path) -> None:
    report = extract_paths([SEEDS], RunOptions())
    source = BriefingInput.from_report(report)
    briefing = build_briefing(source)
    html = render_briefing(briefing, "html", source)
    page = tmp_path / "seeds.html"
    page.write_text(html, encoding="utf-8")
    rows = screenshot(page, tmp_path / "seeds.png", tmp_path / "profile", height=5200)
    t = timeline(briefing)
    first = [f for f in t.figures if f.group == t.groups[0]]
    assert first, "the seeds have dated figures to plot"
    opacity = BAR_OPACITY if any(not f.background for f in first) else BACKGROUND_OPACITY
    assert count_colour(rows, blend(PALETTE[0], opacity, (255, 255, 255))) > 300
    # The seeds' places carry coordinates (GeoNames and the curated gazetteer): the map is drawn, with its circles.
    points = incident_map(briefing, source.extractions).points
    assert points, "the seed incidents have coordinates"
    assert re.search(r'class="chart map"', html)
    sea = (244, 247, 250)
    assert any(
        count_colour(rows, blend(KIND_COLOURS[p.kind], 0.25 if (p.geo_precision or 1) >= 3 else 0.75, sea)) > 10
        for p in points
    )


@needs_chromium
def test_the_check_can_fail_a_page_without_charts(tmp_path: Path) -> None:
    """Control: the same page with its SVGs cut out shows none of the chart colours."""
    source = incident_set()
    html = render_briefing(build_briefing(source), "html", source)
    page = tmp_path / "bare.html"
    page.write_text(re.sub(r"<svg\b.*?</svg>", "", html, flags=re.DOTALL), encoding="utf-8")
    rows = screenshot(page, tmp_path / "bare.png", tmp_path / "profile")
    assert count_colour(rows, blend(PALETTE[0], BAR_OPACITY, (255, 255, 255))) < 50
    assert count_colour(rows, blend(KIND_COLOURS["bombing"], 0.75, (244, 247, 250))) < 10
