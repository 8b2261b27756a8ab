"""Web pages: the main text of an HTML page and its metadata, through trafilatura.

trafilatura finds the article body and drops navigation, share widgets, captions, "related" links and
comment sections; its metadata reader takes the title, author, site name, publication date and canonical
URL from the page's own markup (Open Graph, schema.org JSON-LD, ``<meta>`` tags). The text it returns is
the article text as kept: every offset of an extraction refers to it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

#: File endings read as web pages when a directory is walked.
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
#: Largest page parsed, in characters: a saved page above this is a mistake or a trap, not an article.
MAX_PAGE_CHARS = 10_000_000

NO_TEXT = "the web page holds no article text"
#: Fewest words of main text that make an article.
MIN_WORDS = 4

# htmldate, left to guess, reads a date from any year in the text or the URL: only the page's own metadata
# and markup may date an article (a wrong publication date would misdate every "on Sunday" in it).
_DATE_PARAMS = {"extensive_search": False, "original_date": True}


# Boilerplate trafilatura's own rules miss on some sites, by the class names sites give it: photo captions
# and credits written as paragraphs, "read more" boxes, comment threads, share bars, newsletter sign-ups.
# Matched as whole class tokens, so an article body of class "commentary" stays.
BOILERPLATE_CLASSES = (
    "caption", "photo-caption", "image-caption", "wp-caption-text", "credit", "photo-credit",
    "readmore", "read-more", "related", "related-stories", "more-stories", "most-read",
    "comments", "comment", "comment-list", "share", "sharing", "social", "social-share",
    "newsletter", "promo", "advert", "ad", "tags", "breadcrumb", "byline", "cookie-banner",
)
_PRUNE_XPATH = [
    "//figcaption",
    *(f"//*[contains(concat(' ', normalize-space(@class), ' '), ' {name} ')]" for name in BOILERPLATE_CLASSES),
]


class PageError(ValueError):
    """A page with no article text in it (the message is the problem, without the input's name)."""


@dataclass(frozen=True)
class Page:
    """The main text of a page and what its metadata says about it."""

    text: str
    title: str | None = None
    author: str | None = None
    outlet: str | None = None
    published: str | None = None  # ISO date as the page states it
    url: str | None = None  # the canonical URL when the page names one
    language: str | None = None

    def metadata(self) -> dict[str, Any]:
        """The fields an article's metadata takes from the page (those the page states)."""
        fields = {"title": self.title, "author": self.author, "outlet": self.outlet, "published": self.published,
                  "url": self.url, "language": self.language}
        return {key: value for key, value in fields.items() if value}


def read_page(markup: str, url: str | None = None) -> Page:
    """The main text and metadata of an HTML page; ``url`` is where it came from (a canonical link wins)."""
    if len(markup) > MAX_PAGE_CHARS:
        raise PageError(f"the page is {len(markup):,} characters; the limit is {MAX_PAGE_CHARS:,}")
    import trafilatura  # lazily: it loads lxml and its language data

    logging.getLogger("trafilatura").setLevel(logging.ERROR)  # its "discarding data" chatter is not the user's
    doc = trafilatura.bare_extraction(
        markup,
        url=url,
        with_metadata=True,
        include_comments=False,
        # Off: old sites lay out whole pages in tables, and their navigation cells would join the text.
        include_tables=False,
        include_images=False,
        include_links=False,
        include_formatting=False,
        deduplicate=False,
        date_extraction_params=_DATE_PARAMS,
        prune_xpath=_PRUNE_XPATH,
    )
    text = "" if doc is None else str(getattr(doc, "text", "") or "")
    # No fallback to "all visible text": on a page with no article body that is navigation, and it would
    # become items. Fewer words than the shortest report ("Police arrested two gunmen.") is no article: what
    # trafilatura scrapes from a page without one is a menu entry ("Home").
    if len(text.split()) < MIN_WORDS:
        raise PageError(NO_TEXT)

    def field(name: str) -> str | None:
        value = getattr(doc, name, None) if doc is not None else None
        return str(value).strip() or None if value else None

    language = field("language")
    return Page(
        text=text if text.endswith("\n") else text + "\n",
        title=field("title"),
        author=field("author"),
        outlet=field("sitename"),
        published=field("date"),
        url=field("url") or url,
        language=language.split("-")[0].lower() if language else None,
    )
