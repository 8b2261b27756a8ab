"""URLs and RSS/Atom feeds, against a loopback HTTP server (no test touches the network)."""

from __future__ import annotations

import datetime as dt
import email.utils
import json
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summarizer import __version__
from summarizer.cli import app
from summarizer.fetch import Fetcher, FetchError, FetchOptions

PAGES = Path(__file__).parent / "data" / "pages"
runner = CliRunner()


@dataclass
class Site:
    """What the loopback server serves: path -> (status, content type, body, seconds to wait first)."""

    routes: dict[str, tuple[int, str, bytes, float]] = field(default_factory=dict)
    requests: list[tuple[str, str, float]] = field(default_factory=list)  # (path, user agent, time)
    base: str = ""

    def add(self, path: str, body: str | bytes, content_type: str = "text/html; charset=utf-8", status: int = 200,
            wait: float = 0.0) -> str:
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.routes[path] = (status, content_type, data, wait)
        return self.base + path

    def hits(self, path: str) -> int:
        return sum(1 for p, _, _ in self.requests if p == path)


@pytest.fixture
def site() -> Iterator[Site]:
    state = Site()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            state.requests.append((self.path, self.headers.get("User-Agent", ""), time.monotonic()))
            status, ctype, body, wait = state.routes.get(self.path, (404, "text/plain", b"not found", 0.0))
            if wait:
                time.sleep(wait)
            try:
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    state.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()


def _page(name: str) -> str:
    return (PAGES / name).read_text(encoding="utf-8")


def _rss(site: Site, items: list[tuple[str, str, str]], dates: list[dt.date] | None = None) -> str:
    """An RSS 2.0 feed: items are (guid, title, link path), dated 2025-04-14 unless ``dates`` says otherwise."""
    days = dates or [dt.date(2025, 4, 14)] * len(items)
    entries = "".join(
        f"<item><guid>{guid}</guid><title>{title}</title><link>{site.base}{path}</link>"
        f"<pubDate>{email.utils.format_datetime(dt.datetime(d.year, d.month, d.day, 9, tzinfo=dt.UTC))}</pubDate>"
        "</item>"
        for (guid, title, path), d in zip(items, days, strict=True)
    )
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Desk Feed</title>'
            f"<link>{site.base}/</link><description>Test feed</description>{entries}</channel></rss>")


def _serve_three(site: Site) -> str:
    site.add("/ambush.html", _page("ambush.html"))
    site.add("/airstrike.html", _page("airstrike.html"))
    site.add("/bombing.htm", _page("bombing.htm"))
    items = [("e1", "Ambush", "/ambush.html"), ("e2", "Strikes", "/airstrike.html"), ("e3", "Bomb", "/bombing.htm")]
    return site.add("/feed.xml", _rss(site, items), "application/rss+xml")


def _brief(args: list[str], db: Path) -> tuple[int, dict[str, object], str]:
    result = runner.invoke(app, ["brief", *args, "--db", str(db), "--fetch-delay", "0", "-f", "json"])
    start = result.output.index("{")
    return result.exit_code, json.loads(result.output[start:result.output.rindex("}") + 1]), result.output


def test_a_feed_of_three_entries_gives_three_articles_and_a_second_run_none(site: Site, tmp_path: Path) -> None:
    feed = _serve_three(site)
    db = tmp_path / "desk.db"
    code, first, output = _brief(["--feed", feed], db)
    assert code == 0, output
    sources = first["sources"]
    assert isinstance(sources, list) and len(sources) == 3
    assert {s["outlet"] for s in sources} == {"Frontier Ledger", "Tigris Daily", "Coastal Herald"}  # page metadata
    assert all(s["source"].startswith(site.base) for s in sources)
    assert "3 articles: 3 extracted, 0 reused from the store, 0 failed" in output
    code, second, output = _brief(["--feed", feed], db)
    assert code == 0, output
    assert second["sources"] == [] and "0 articles:" in output
    assert site.hits("/ambush.html") == 1  # the seen entry was not fetched again
    # A new entry appears: only it is read.
    site.add("/feed.xml", _rss(site, [("e1", "Ambush", "/ambush.html"), ("e4", "Again", "/again.html")]),
             "application/rss+xml")
    site.add("/again.html", _page("ambush.html").replace("four soldiers", "five soldiers"))
    code, third, output = _brief(["--feed", feed], db)
    assert code == 0 and len(third["sources"]) == 1  # type: ignore[arg-type]


def test_a_failed_entry_is_named_and_tried_again_next_run(site: Site, tmp_path: Path) -> None:
    site.add("/ambush.html", _page("ambush.html"))
    feed = site.add("/feed.xml", _rss(site, [("e1", "Ambush", "/ambush.html"), ("e2", "Gone", "/gone.html")]),
                    "application/rss+xml")
    db = tmp_path / "desk.db"
    code, first, output = _brief(["--feed", feed], db)
    assert code == 1 and len(first["sources"]) == 1  # type: ignore[arg-type]
    assert f"{site.base}/gone.html: HTTP 404 Not Found" in output
    code, _, output = _brief(["--feed", feed], db)
    assert code == 1 and site.hits("/gone.html") == 2 and site.hits("/ambush.html") == 1


def test_since_skips_older_entries(site: Site, tmp_path: Path) -> None:
    feed = _serve_three(site)  # every entry is dated 2025-04-14
    code, data, _ = _brief(["--feed", feed, "--since", "2025-04-15"], tmp_path / "d.db")
    assert code == 0 and data["sources"] == [] and site.hits("/ambush.html") == 0
    # The daily desk routine: an entry from today is taken, one from three days ago is not.
    today = dt.datetime.now(dt.UTC).date()
    site.add("/today.html", _page("ambush.html"))
    site.add("/old.html", _page("airstrike.html"))
    items = [("t1", "Today", "/today.html"), ("o1", "Old", "/old.html")]
    daily = site.add("/daily.xml", _rss(site, items, [today, today - dt.timedelta(days=3)]), "application/rss+xml")
    result = runner.invoke(app, ["extract", "--feed", daily, "--since", "yesterday", "--fetch-delay", "0",
                                 "--db", str(tmp_path / "e.db"), "-o", str(tmp_path / "o.jsonl")])
    assert result.exit_code == 0, result.output
    assert site.hits("/today.html") == 1 and site.hits("/old.html") == 0


def test_an_atom_file_whose_entries_carry_their_content(tmp_path: Path) -> None:
    atom = tmp_path / "desk.atom"
    body = _page("ambush.txt").split("---\n", 2)[2].replace("\n\n", "</p><p>")
    atom.write_text(
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Wire</title>'
        "<id>urn:wire</id><updated>2025-04-14T09:00:00Z</updated>"
        "<entry><id>urn:wire:1</id><title>Patrol ambushed</title><updated>2025-04-14T09:00:00Z</updated>"
        f'<content type="html"><![CDATA[<p>{body}</p>]]></content></entry></feed>',
        encoding="utf-8",
    )
    out = tmp_path / "out.jsonl"
    db = tmp_path / "s.db"
    result = runner.invoke(app, ["extract", "--feed", str(atom), "-o", str(out), "--db", str(db)])
    assert result.exit_code == 0, result.output
    (record,) = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert record["article"]["outlet"] == "Wire" and record["article"]["published"] == "2025-04-14"
    assert any(c["count"]["best"] == 4 for c in record["casualties"])
    again = runner.invoke(app, ["extract", "--feed", str(atom), "-o", str(out), "--db", str(db)])
    assert again.exit_code == 0 and out.read_text(encoding="utf-8") == ""


def test_bad_feeds_are_one_line_each_and_the_rest_completes(site: Site, tmp_path: Path) -> None:
    good = _serve_three(site)
    not_feed = site.add("/page.html", "<html><body><p>Just a page, not a feed at all.</p></body></html>")
    missing = tmp_path / "nope.xml"
    code, data, output = _brief(["--feed", not_feed, "--feed", str(missing), "--feed", good], tmp_path / "d.db")
    assert code == 1 and len(data["sources"]) == 3  # type: ignore[arg-type]
    assert f"{not_feed}: not an RSS or Atom feed" in output
    assert f"{missing}: no such file or directory" in output


def test_a_url_argument_is_fetched_and_read_as_a_page(site: Site, tmp_path: Path) -> None:
    url = site.add("/ambush.html", _page("ambush.html"))
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["extract", url, "-o", str(out), "--fetch-delay", "0"])
    assert result.exit_code == 0, result.output
    (record,) = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert record["article"]["source"] == url and record["article"]["title"] == "Patrol ambushed near river crossing"
    assert record["article"]["published"] == "2025-04-14" and record["casualties"]
    agents = {agent for path, agent, _ in site.requests}
    assert agents == {f"summarizer/{__version__} (news briefing tool; polite fetcher)"}
    assert site.hits("/robots.txt") == 1


def test_url_errors_are_one_line_and_other_inputs_complete(site: Site, tmp_path: Path) -> None:
    site.add("/robots.txt", "User-agent: *\nDisallow: /private/\n", "text/plain")
    private = site.add("/private/a.html", _page("ambush.html"))
    pdf = site.add("/report.pdf", b"%PDF-1.4 ...", "application/pdf")
    good = site.add("/ok.html", _page("airstrike.html"))
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["extract", private, pdf, good, "-o", str(out), "--fetch-delay", "0"])
    assert result.exit_code == 1
    assert f"{private}: the site's robots.txt disallows fetching it" in result.output
    assert f"{pdf}: not a web page or text (content type application/pdf)" in result.output
    assert site.hits("/private/a.html") == 0
    assert len(out.read_text(encoding="utf-8").splitlines()) == 1


def test_fetcher_timeout_size_cap_and_pacing(site: Site) -> None:
    slow = site.add("/slow.html", "<p>late</p>", wait=1.5)
    big = site.add("/big.html", "<p>" + "x" * 5000 + "</p>")
    small = site.add("/small.html", "<p>ok</p>")
    with Fetcher(FetchOptions(timeout=0.3, max_bytes=1000, delay=0.25, robots=False)) as fetcher:
        with pytest.raises(FetchError, match=r"^timed out after 0\.3s$"):
            fetcher.get(slow)
        with pytest.raises(FetchError, match=r"^larger than the 1,000-byte limit$"):
            fetcher.get(big)
        started = time.monotonic()
        for _ in range(3):
            assert fetcher.get(small).data == b"<p>ok</p>"
        assert time.monotonic() - started >= 0.5  # two gaps of 0.25 s between requests to one host


def test_crawl_delay_in_robots_txt_spaces_requests(site: Site) -> None:
    site.add("/robots.txt", "User-agent: *\nCrawl-delay: 1\n", "text/plain")
    page = site.add("/p.html", "<p>ok</p>")
    with Fetcher(FetchOptions(delay=0.0)) as fetcher:
        fetcher.get(page)
        fetcher.get(page)
    times = [t for path, _, t in site.requests if path == "/p.html"]
    assert times[1] - times[0] >= 0.95  # robotparser reads whole seconds


def test_entries_without_a_page_are_read_from_the_feeds_own_text(site: Site, tmp_path: Path) -> None:
    # One entry has no link and only a short HTML summary; another links to a teaser page with no article body.
    site.add("/teaser.html", "<html><body><nav><a href='/'>Home</a></nav><p>Subscribe</p></body></html>")
    rss = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Short Wire</title><link>x</link><description>d'
        "</description>"
        "<item><guid>s1</guid><title>Herders</title><pubDate>Tue, 15 Apr 2025 09:00:00 GMT</pubDate>"
        "<description>&lt;p&gt;Gunmen killed three herders near a well in Borno State on Monday, police said."
        "&lt;/p&gt;</description></item>"
        f"<item><guid>s2</guid><title>Teaser</title><link>{site.base}/teaser.html</link>"
        "<description>&lt;p&gt;A roadside bomb wounded four soldiers in Lower Shabelle region on Monday, the army "
        "said.&lt;/p&gt;</description></item></channel></rss>"
    )
    feed = site.add("/short.xml", rss, "application/rss+xml")
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["extract", "--feed", feed, "-o", str(out), "--fetch-delay", "0",
                                 "--db", str(tmp_path / "s.db")])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(records) == 2
    for record in records:
        assert record["casualties"] and "<" not in record["casualties"][0]["evidence"]["quote"]
    assert {r["article"]["outlet"] for r in records} == {"Short Wire"}
    assert site.hits("/teaser.html") == 1
