"""The HTML briefing in a real browser: evidence spans are highlighted and a planted script never runs."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from summarizer.articles import make_article
from summarizer.briefing import BriefingInput, build_briefing
from summarizer.models import ClaimKind, OperationKind
from summarizer.render.documents import render_briefing

from .test_briefing import CIVS, DIBIS, ISIS, cas, claim, day, extraction, op, synthetic

pytestmark = pytest.mark.browser

CHROMIUM = next((p for name in ("chromium", "chromium-browser", "google-chrome") if (p := shutil.which(name))), None)
TITLE = "Security operations briefing"
PLANTED = (
    "<script>document.title='pwned';var b=document.createElement('blink');b.id='planted';"
    "document.body.appendChild(b)</script>"
)


def planted_input() -> BriefingInput:
    """The synthetic articles plus one whose text, claim and figure source carry a script."""
    text = f"A statement read: {PLANTED} Militants killed 3 civilians in Dibis on Sunday."
    art = make_article(text, "planted.txt", {"outlet": "Planted <script>alert(1)</script>", "published": "2024-03-11"})
    ex = extraction(art, [
        op(text, "op1", "Militants killed 3 civilians in Dibis on Sunday", OperationKind.attack, by=[ISIS],
           places=[DIBIS], date=day("2024-03-10", "on Sunday")),
    ], [
        cas(text, "cas1", "Militants killed 3 civilians in Dibis on Sunday", CIVS, "3", 3, 3, 3, place=DIBIS,
            date=day("2024-03-10", "on Sunday"), perpetrator=ISIS, by=PLANTED),
    ], [
        claim(text, "cl1", f"A statement read: {PLANTED}", PLANTED, ClaimKind.statement, PLANTED, direct=PLANTED),
    ])
    base = synthetic()
    return BriefingInput([*base.extractions, ex], {**base.articles, art.id: art}, base.failures)


def dump_dom(page: Path, profile: Path) -> str:
    assert CHROMIUM is not None
    result = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={profile}",
         "--virtual-time-budget=2000", "--dump-dom", page.as_uri()],
        capture_output=True, text=True, timeout=120, check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


@pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium is not installed (Debian package 'chromium')")
def test_html_opens_with_highlights_and_the_planted_script_does_not_run(tmp_path: Path) -> None:
    source = planted_input()
    briefing = build_briefing(source)
    page = tmp_path / "briefing.html"
    page.write_text(render_briefing(briefing, "html", source), encoding="utf-8")
    dom = dump_dom(page, tmp_path / "profile")

    assert f"<title>{TITLE}</title>" in dom  # the planted script would have renamed the page
    assert 'id="planted"' not in dom and "<blink" not in dom
    assert "&lt;script&gt;document.title='pwned'" in dom  # shown as text instead
    marks = re.findall(r"<mark\b[^>]*>", dom)
    ids = set(re.findall(r'<mark\b[^>]*\bid="(ev-[^"]+)"', dom))
    cited = {f"ev-{r.cite.n}-{r.cite.item_id}" for i in briefing.incidents for f in i.figures for r in f.reports}
    assert marks and cited <= ids | set(re.findall(r'<span id="(ev-[^"]+)"', dom))
    # Every mark names its items, and every citation link in the tables points at a mark that exists.
    assert all("data-items=" in m for m in marks)
    targets = set(re.findall(r'class="cite" href="#(ev-[^"]+)"', dom))
    anchors = set(re.findall(r'\bid="(ev-[^"]+)"', dom))
    assert targets and targets <= anchors


@pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium is not installed (Debian package 'chromium')")
def test_the_planted_script_would_run_without_escaping(tmp_path: Path) -> None:
    """Control: the same browser does run an unescaped script, so the test above can fail."""
    page = tmp_path / "control.html"
    page.write_text(f"<!DOCTYPE html><html><head><title>{TITLE}</title></head><body>{PLANTED}</body></html>",
                    encoding="utf-8")
    dom = dump_dom(page, tmp_path / "profile")
    assert "<title>pwned</title>" in dom and 'id="planted"' in dom
