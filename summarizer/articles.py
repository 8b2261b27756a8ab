"""Reading articles: files, directories, JSON/JSONL records and stdin.

The text of an article is kept exactly as read: every character offset in an extraction refers to it.
Cleaning (cutting a comments-policy footer, un-gluing words such as ``over100``) happens in a
:class:`TextView`, which carries a map from each of its characters back to the original text.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

import yaml

from summarizer.models import ArticleMeta
from summarizer.webpage import HTML_SUFFIXES, PageError, read_page

if TYPE_CHECKING:
    from summarizer.fetch import Fetched, Fetcher

#: File endings read as articles when a directory is walked.
TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
RECORD_SUFFIXES = {".json", ".jsonl", ".ndjson"}
ARTICLE_SUFFIXES = TEXT_SUFFIXES | RECORD_SUFFIXES | HTML_SUFFIXES

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.DOTALL)
_META_KEYS = {"title", "author", "outlet", "published", "url", "language"}
MANIFEST_NAME = "manifest.yaml"
LEGACY_ENCODINGS = ("cp1252", "cp1256")
#: Longest article accepted, in characters (a book-length input is almost certainly a mistake).
MAX_ARTICLE_CHARS = 1_000_000


class ArticleError(Exception):
    """One input that could not be read. ``str()`` is a one-line message naming the input."""

    def __init__(self, source: str, problem: str) -> None:
        super().__init__(f"{source}: {problem}")
        self.source = source
        self.problem = problem


@dataclass(frozen=True)
class Article:
    """An article as read: metadata plus the exact text that offsets refer to."""

    meta: ArticleMeta
    text: str
    warnings: tuple[str, ...] = ()

    @property
    def id(self) -> str:
        return self.meta.id


def content_id(text: str) -> str:
    """The article id: the first 16 hex digits of the SHA-256 of the text as read."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _parse_date(value: Any, source: str) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        pass
    import dateparser  # imported lazily: it is slow to import and only needed for free-form dates

    parsed: dt.datetime | None = dateparser.parse(
        text, settings={"PREFER_DAY_OF_MONTH": "first", "RETURN_AS_TIMEZONE_AWARE": False}
    )
    if parsed is None:
        raise ArticleError(source, f"cannot read the publication date {text!r}")
    return parsed.date()


_HTML_START = re.compile(r"\A\s*(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>])", re.IGNORECASE)
_HTML_TAG = re.compile(r"</?(?:p|div|span|a|br|h[1-6]|article|section|script|style|li|ul|table)\b[^>]*>", re.IGNORECASE)


def looks_like_html(text: str) -> bool:
    """True for an HTML page (a doctype/html/body opening, or dense block tags) rather than article text."""
    if _HTML_START.match(text):
        return True
    tags = len(_HTML_TAG.findall(text[:20000]))
    return tags >= 5 and tags * 40 > min(len(text), 20000) / 10


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the article's language (py3langid), or None for too little text."""
    sample = text[:5000]
    if sum(ch.isalpha() for ch in sample) < 40:
        return None
    import py3langid  # lazily: loading its model takes a moment

    code, _ = py3langid.classify(sample)
    return str(code)


def make_article(
    text: str, source: str, metadata: dict[str, Any] | None = None, *, html: bool | None = None
) -> Article:
    """Build an :class:`Article` from text and optional metadata (title, author, outlet, published, url, language).

    A web page (``html=True``, or by default markup that looks like one) is reduced to its main text, and its
    own metadata fills what ``metadata`` leaves empty.
    """
    metadata = dict(metadata or {})
    warnings: list[str] = []
    if not text.strip():
        raise ArticleError(source, "the article is empty (no text)")
    if html or (html is None and looks_like_html(text)):
        try:
            page = read_page(text, _as_str(metadata.get("url")))
        except PageError as exc:
            raise ArticleError(source, str(exc)) from None
        text = page.text
        # Metadata given with the input (front matter, a manifest, a feed entry) wins over the page's own.
        for key, value in page.metadata().items():
            if metadata.get(key) in (None, ""):
                metadata[key] = value
        warnings.append("HTML page: main text extracted (navigation, comments, captions dropped); offsets refer to it")
    if len(text) > MAX_ARTICLE_CHARS:
        raise ArticleError(source, f"the article is {len(text):,} characters; the limit is {MAX_ARTICLE_CHARS:,}")
    language = _as_str(metadata.get("language")) or detect_language(text)
    if language not in (None, "en"):
        warnings.append(f"the article looks like language {language!r}, not English: extraction may miss items")
    meta = ArticleMeta(
        id=content_id(text),
        source=source,
        title=_as_str(metadata.get("title")),
        author=_as_str(metadata.get("author")),
        outlet=_as_str(metadata.get("outlet")),
        published=_parse_date(metadata.get("published"), source),
        url=_as_str(metadata.get("url")),
        language=language,
        encoding=_as_str(metadata.get("encoding")),
        chars=len(text),
    )
    return Article(meta=meta, text=text, warnings=tuple(warnings))


def _as_str(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def split_front_matter(raw: str, source: str) -> tuple[dict[str, Any], str]:
    """Split optional YAML front matter (between ``---`` lines) from the body."""
    match = _FRONT_MATTER.match(raw)
    if not match:
        return {}, raw
    try:
        data = yaml.safe_load(match.group(1)) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 2}" if mark is not None else ""
        raise ArticleError(source, f"malformed front matter{where}: {getattr(exc, 'problem', exc)}") from None
    if not isinstance(data, dict):
        raise ArticleError(source, "malformed front matter: expected 'key: value' lines")
    return {str(k).lower(): v for k, v in data.items()}, raw[match.end() :]


def decode_bytes(data: bytes, source: str) -> tuple[str, str]:
    """Decode article bytes; returns ``(text, encoding)``.

    UTF-8 (with or without BOM) first; otherwise the likelier of the two legacy code pages that
    regional news text arrives in, cp1252 (Western) and cp1256 (Arabic), chosen by charset-normalizer.
    Binary data (NUL bytes) is refused.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    if b"\x00" in data:
        raise ArticleError(source, "binary file (contains NUL bytes), not an article")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=list(LEGACY_ENCODINGS)).best()
    if best is None:
        raise ArticleError(source, f"not valid UTF-8 and not readable as {' or '.join(LEGACY_ENCODINGS)}")
    return str(best), best.encoding


def _text_article(raw: str, source: str, encoding: str, defaults: dict[str, Any] | None = None) -> Article:
    metadata, body = split_front_matter(raw, source)
    for key, value in (defaults or {}).items():
        if key in _META_KEYS and metadata.get(key) is None:
            metadata[key] = value
    metadata.setdefault("encoding", encoding)
    html = True if Path(source).suffix.lower() in HTML_SUFFIXES else None
    article = make_article(body, source, metadata, html=html)
    if encoding not in ("utf-8", "utf-8-sig"):
        notice = f"not UTF-8, decoded as {encoding}"
        article = Article(article.meta, article.text, (notice, *article.warnings))
    return article


def _record_article(record: Any, source: str) -> Article:
    if not isinstance(record, dict):
        raise ArticleError(source, "expected a JSON object with a 'text' field")
    text = record.get("text")
    if not isinstance(text, str):
        raise ArticleError(source, "the record has no 'text' string")
    return make_article(text, source, {k: record.get(k) for k in _META_KEYS if k in record})


def _read_records(path: Path, raw: str) -> Iterator[Article | ArticleError]:
    if path.suffix.lower() == ".json":
        try:
            data = json.loads(raw)
        except json.JSONDecodeError as exc:
            yield ArticleError(str(path), f"malformed JSON at line {exc.lineno}: {exc.msg}")
            return
        records = data if isinstance(data, list) else [data]
        for index, record in enumerate(records):
            source = f"{path}[{index}]" if isinstance(data, list) else str(path)
            try:
                yield _record_article(record, source)
            except ArticleError as exc:
                yield exc
        return
    for lineno, line in enumerate(raw.splitlines(), start=1):
        if not line.strip():
            continue
        source = f"{path}:{lineno}"
        try:
            yield _record_article(json.loads(line), source)
        except json.JSONDecodeError as exc:
            yield ArticleError(source, f"malformed JSON line: {exc.msg}")
        except ArticleError as exc:
            yield exc


def read_manifest(directory: Path) -> tuple[dict[str, dict[str, Any]], ArticleError | None]:
    """Metadata for the articles of a folder from its ``manifest.yaml`` (file name -> fields), if any."""
    path = directory / MANIFEST_NAME
    if not path.is_file():
        return {}, None
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        return {}, ArticleError(str(path), f"malformed manifest: {getattr(exc, 'problem', None) or exc}")
    if not isinstance(data, dict) or not all(isinstance(v, dict) for v in data.values()):
        return {}, ArticleError(str(path), "malformed manifest: expected 'file name: {title, outlet, published, url}'")
    return {str(k): {str(f).lower(): v for f, v in fields.items()} for k, fields in data.items()}, None


def read_path(path: Path, defaults: dict[str, Any] | None = None) -> Iterator[Article | ArticleError]:
    """Read one file (text or records); ``defaults`` is metadata from a manifest."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield ArticleError(str(path), f"cannot read: {exc.strerror or exc}")
        return
    try:
        raw, encoding = decode_bytes(data, str(path))
    except ArticleError as exc:
        yield exc
        return
    if path.suffix.lower() in RECORD_SUFFIXES:
        yield from _read_records(path, raw)
        return
    try:
        yield _text_article(raw, str(path), encoding, defaults)
    except ArticleError as exc:
        yield exc


def _read_with_manifest(files: list[Path]) -> Iterator[Article | ArticleError]:
    from summarizer.generated import skip_own_output  # our own briefings and extractions are never articles

    manifests: dict[Path, dict[str, dict[str, Any]]] = {}
    for file in files:
        if (skipped := skip_own_output(file)) is not None:
            yield skipped
            continue
        if file.parent not in manifests:
            manifests[file.parent], problem = read_manifest(file.parent)
            if problem is not None:
                yield problem
        yield from read_path(file, manifests[file.parent].get(file.name))


#: Content types read as articles when fetched (an empty one is sniffed like a file's text).
_TEXT_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "")


def article_from_fetched(source: str, fetched: Fetched, metadata: dict[str, Any] | None = None) -> Article:
    """An :class:`Article` from a fetched document: a web page (main text and metadata) or plain text."""
    if fetched.content_type not in _TEXT_TYPES:
        raise ArticleError(source, f"not a web page or text (content type {fetched.content_type})")
    if fetched.charset:
        try:
            raw = fetched.data.decode(fetched.charset)
        except (LookupError, UnicodeDecodeError):
            raw, _ = decode_bytes(fetched.data, source)
    else:
        raw, _ = decode_bytes(fetched.data, source)
    html = {"text/plain": False, "": None}.get(fetched.content_type, True)
    return make_article(raw, source, {"url": fetched.url, **(metadata or {})}, html=html)


def read_url(url: str, fetcher: Fetcher, metadata: dict[str, Any] | None = None) -> Article | ArticleError:
    """Fetch ``url`` and read it as an article; a failure is an :class:`ArticleError` naming the URL."""
    from summarizer.fetch import FetchError

    try:
        return article_from_fetched(url, fetcher.get(url), metadata)
    except FetchError as exc:
        return ArticleError(url, str(exc))
    except ArticleError as exc:
        return exc


def unique(items: Iterable[Article | ArticleError]) -> Iterator[Article | ArticleError]:
    """Drop an article whose content hash was already seen (duplicates are processed once)."""
    seen: set[str] = set()
    for item in items:
        if isinstance(item, Article):
            if item.id in seen:
                continue
            seen.add(item.id)
        yield item


def iter_articles(
    paths: Sequence[str | Path], stdin: TextIO | None = None, fetcher: Fetcher | None = None
) -> Iterator[Article | ArticleError]:
    """Yield every article under ``paths`` in a stable order, or an :class:`ArticleError` per bad input.

    Directories are walked recursively (files with an article suffix, sorted); ``-`` reads stdin; an
    ``http(s)://`` URL is fetched (with ``fetcher``, or a default polite one). An article whose content
    hash was already seen is skipped (duplicates are processed once).
    """
    yield from unique(_iter_inputs(paths, stdin, fetcher))


def _iter_inputs(
    paths: Sequence[str | Path], stdin: TextIO | None, fetcher: Fetcher | None
) -> Iterator[Article | ArticleError]:
    own: Fetcher | None = None
    try:
        for entry in paths:
            if isinstance(entry, str) and entry.lower().startswith(("http://", "https://")):
                if fetcher is None:
                    from summarizer.fetch import Fetcher

                    fetcher = own = Fetcher()
                yield read_url(entry, fetcher)
                continue
            yield from _iter_local([entry], stdin)
    finally:
        if own is not None:
            own.close()


def _iter_local(paths: Sequence[str | Path], stdin: TextIO | None) -> Iterator[Article | ArticleError]:
    for entry in paths:
        if str(entry) == "-":
            stream = stdin if stdin is not None else sys.stdin
            raw = stream.read()
            try:
                yield _text_article(raw, "-", "utf-8")
            except ArticleError as exc:
                yield exc
            continue
        path = Path(entry)
        if not path.exists():
            yield ArticleError(str(path), "no such file or directory")
        elif path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES)
            if not files:
                yield ArticleError(str(path), "directory holds no articles (.txt, .md, .html, .json, .jsonl)")
            yield from _read_with_manifest(files)
        else:
            yield from _read_with_manifest([path])


def load_articles(paths: Sequence[str | Path], stdin: TextIO | None = None) -> tuple[list[Article], list[ArticleError]]:
    """Read everything eagerly: ``(articles, errors)``."""
    articles: list[Article] = []
    errors: list[ArticleError] = []
    for item in iter_articles(paths, stdin):
        (articles if isinstance(item, Article) else errors).append(item)  # type: ignore[arg-type]
    return articles, errors


# --------------------------------------------------------------------------- cleaned views


@dataclass(frozen=True)
class TextView:
    """A cleaned copy of an article's text with a map back to the original.

    ``offsets[i]`` is the index in the original text of ``text[i]``; inserted characters (a space put
    between glued words) map to the original character they precede. ``offsets`` has one extra entry
    at the end, the original length, so that an end offset maps too.
    """

    text: str
    offsets: list[int] = field(repr=False)

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a half-open span of the view to a half-open span of the original text."""
        if start >= end:
            return self.offsets[start], self.offsets[start]
        return self.offsets[start], self.offsets[end - 1] + 1


# Glued words: a letter followed by a digit ("over100"), a digit by a letter ("100militants"), a comma
# or closing punctuation directly followed by a letter ("campaign,bolstered"), and a lower-case letter
# followed by an upper-case one ("JointOperations"). Ordinals ("52nd") and unit-like tokens stay.
_GLUE = re.compile(
    r"(?<=[a-z])(?=\d)"
    r"|(?<=\d)(?=[A-Za-z]{3,})(?!(?:st|nd|rd|th|km|kg|mm|s)\b)"
    r"|(?<=[a-z][,;])(?=[A-Za-z])"
    r"|(?<=[a-z])(?=[A-Z][a-z])"
)
# Where a glue point may be: after a lower-case letter before a digit or a capital, a digit before a letter, or a
# comma or semicolon before a letter. _GLUE is made of lookarounds only, so its own scan tries all four at every
# character; this one consumes the character before the point, which the engine finds by its first character.
_GLUE_HINT = re.compile(r"[a-z](?=[\dA-Z])|\d(?=[A-Za-z])|[,;](?=[A-Za-z])")

# A footer such as a comments policy: a line that opens a comments section, and everything after it.
_FOOTER = re.compile(
    r"^[ \t]*(?:comments?|post a comment|leave a (?:comment|reply)|\d+ comments?|related (?:articles|news|stories)"
    r"|share this(?: article)?|read more|tags?:)[ \t]*:?[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)


def clean_view(text: str) -> TextView:
    """Cut trailing boilerplate (a comments section) and separate glued words, keeping an offset map."""
    # only in the back half: a heading early on is content (a footer is one line, so none found in the front half
    # can run past the middle and hide one that starts there)
    footer = _FOOTER.search(text, (len(text) + 1) // 2)
    cut = footer.start() if footer is not None else len(text)
    out: list[str] = []
    offsets: list[int] = []
    last = 0
    body = text[:cut]
    for hint in _GLUE_HINT.finditer(body):
        pos = hint.end()
        if _GLUE.match(body, pos) is None:
            continue
        out.append(body[last:pos])
        offsets.extend(range(last, pos))
        out.append(" ")
        offsets.append(pos)
        last = pos
    out.append(body[last:])
    offsets.extend(range(last, len(body)))
    offsets.append(len(body))
    return TextView(text="".join(out), offsets=offsets)
