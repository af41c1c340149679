"""The in-memory gazetteer: places, their names and the name indexes.

Built once from the tables of ``_data`` (generated base tables plus the curated overlay), then
immutable. It answers "which name rows carry this key" at four levels (exact, ASCII, romanisation,
cross-language) and turns place rows into public ``Place`` records on demand.
"""

from __future__ import annotations

import math
import sys
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NamedTuple

from toponyms._data import RawTables, read_names
from toponyms._errors import DataError
from toponyms._gc import gc_paused
from toponyms._lazy import once
from toponyms._matcher import build_blocks
from toponyms._models import NameKind, Place, PlaceKind
from toponyms._normalize import ascii_key, clean, exact_key, keys

#: Index values hold one name-row number, or a list of them when a key is shared.
_Posting = int | list[int] | tuple[int, ...]

#: Countries whose names get the cross-language (uk/ru) key: the study in the design notes found
#: it right for Ukrainian/Russian pairs and over-merging elsewhere in the world.
CYRILLIC_REGION = frozenset(
    {"UA", "RU", "BY", "MD", "KZ", "KG", "TJ", "UZ", "TM", "GE", "AM", "AZ"}
)

#: Name kinds that come from GeoNames without review; every other kind is curated.
GENERATED_KINDS = frozenset({"official", "alternate", "romanisation", "code"})

#: Names in capitals of at most this many letters are codes: matched only as written, so that
#: "UK" is the United Kingdom while "uk" is no more than a word.
SHORT_CAPITALS = 3


def is_code(text: str, kind: str) -> bool:
    """Whether a name is matched only as written (an ISO code, or short capitals: UK, DNR)."""
    if kind == "code":
        return True
    return len(text) <= SHORT_CAPITALS and text.isascii() and text.isalpha() and text.isupper()


def fold_keys(text: str, *, regional: bool) -> str:
    """The distinct folded keys of a name, space-separated (as names.tsv stores them).

    The ASCII and romanisation keys always; the cross-language key only for places in the
    Cyrillic-using region.
    """
    _e, a_key, m_key, c_key = keys(text)
    out = [a_key] if a_key else []
    for key in (m_key, c_key if regional else ""):
        if key and key not in out:
            out.append(key)
    return " ".join(out)


def latin_or_cyrillic(text: str) -> bool:
    """Whether every letter of the text is Latin or Cyrillic."""
    for ch in text:
        if ch.isalpha() and not unicodedata.name(ch, "").startswith(("LATIN", "CYRILLIC")):
            return False
    return True


def stored_keys(text: str, kind: str, *, regional: bool) -> str:
    """The keys column of names.tsv for a name.

    None for codes, and none for names in other scripts than Latin and Cyrillic: those are
    matched exactly only, as their unidecode readings would meet unrelated Latin names.
    """
    if kind == "code" or not latin_or_cyrillic(text):
        return ""
    return fold_keys(text, regional=regional)


class PlaceRecord(NamedTuple):
    """A place row, as stored (``Place`` is built from it on demand; a tuple is cheap to make)."""

    id: str
    geonames_id: int | None
    kind: PlaceKind
    name: str
    country: str | None
    admin1_code: str | None
    lat: float | None
    lon: float | None
    population: int
    capital: bool
    code: str | None


_PLACE_KINDS = {k.value: k for k in PlaceKind}
#: Columns of places.tsv read as numbers: (column, type, lowest, highest); empty is None.
_NUMBERS = (
    ("geonames_id", int, 1, None),
    ("lat", float, -90.0, 90.0),
    ("lon", float, -180.0, 180.0),
    ("population", int, 0, None),
)


def _number(text: str, kind: type[float], low: float, high: float | None) -> float | None:
    if not text:
        return None
    value = kind(text)
    if not math.isfinite(value) or value < low or (high is not None and value > high):
        msg = "out of range"
        raise ValueError(msg)
    return value


def _place_record(row: list[str], path: str, number: int) -> PlaceRecord:
    """A row of places.tsv, checked column by column.

    Raises:
        DataError: a value is not of its column's type or out of its range (a latitude of 999,
            NaN, a negative population, an unknown kind).
    """
    pid, gid, kind, name, country, admin1, lat, lon, pop, capital, code = row
    numbers: list[float | None] = []
    for (column, typ, low, high), text in zip(_NUMBERS, (gid, lat, lon, pop), strict=True):
        try:
            numbers.append(_number(text, typ, low, high))
        except ValueError:
            msg = f"not a valid {column}"
            raise DataError(msg, path=path, line=number, column=column, value=text) from None
    if kind not in _PLACE_KINDS:
        msg = "unknown kind"
        raise DataError(msg, path=path, line=number, column="kind", value=kind)
    geonames_id, latitude, longitude, population = numbers
    return PlaceRecord(
        pid,
        None if geonames_id is None else int(geonames_id),
        _PLACE_KINDS[kind],
        name,
        country or None,
        admin1 or None,
        latitude,
        longitude,
        int(population or 0),
        capital == "1",
        code or None,
    )


def _add(index: dict[str, _Posting], key: str, row: int, shared: list[str]) -> None:
    """File a row under a key; ``shared`` collects the keys that get a list."""
    if not key:
        return
    found = index.get(key)
    if found is None:
        index[key] = row
    elif isinstance(found, int):
        if found != row:
            index[key] = [found, row]
            shared.append(key)
    elif isinstance(found, list):
        if found[-1] != row:
            found.append(row)
    elif found[-1] != row:
        index[key] = (*found, row)  # an index already frozen to tuples


def _add_bare(exact: dict[str, _Posting], e_key: str, row: int, shared: list[str]) -> None:
    """File a name with an apostrophe under its key without it too: "Luan" is Lu'an."""
    if "'" in e_key:
        _add(exact, e_key.replace("'", ""), row, shared)


def _freeze(index: dict[str, _Posting], shared: list[str]) -> None:
    """Make the posting lists of a built index (under the ``shared`` keys) tuples.

    The cyclic garbage collector visits every list at each full collection, but stops visiting
    a tuple of ints: with some 100,000 posting lists, a full collection (which a busy caller
    triggers every few thousand resolutions) cost a fifth of a second.
    """
    for key in shared:
        found = index[key]
        if isinstance(found, list):
            index[key] = tuple(found)


def postings(index: dict[str, _Posting], key: str) -> Sequence[int]:
    """Name rows filed under a key in one of the indexes."""
    found = index.get(key)
    if found is None:
        return ()
    if isinstance(found, int):
        return (found,)
    return found


#: The attributes of a ``Gazetteer`` saved as they are (see ``to_state``), in this order after the
#: data folder and the place records.
_SAVED = (
    "by_id",
    "region_by_code",
    "name_place",
    "name_text",
    "name_kind",
    "name_source",
    "exact",
    "codes",
    "valid_to",
    "sovereign",
    "successors",
    "generated_rows",
    "_display",
    "_spans",
    "_curated_rows",
    "fold",
    "fuzzy_blocks",
    "qualifiers",
)


class Gazetteer:
    """Places, names and the indexes over them.

    Attributes:
        places: Place rows, addressed by position.
        by_id: Place position by place id.
        name_place, name_text, name_kind, name_source: Name rows, one list per column.
        exact: Index from the exact key (cleaned, casefolded) to name rows.
        codes: Index from codes as written (``UA``, ``UKR``, ``804``, ``UA-14``, ``DNR``) to
            name rows; codes are not in ``exact``.
        fold: Index from every folded key (ASCII, romanisation, cross-language) to name rows.
        generated_rows: Name rows below this number come from GeoNames; the rest are curated.
    """

    def __init__(self, tables: RawTables) -> None:
        self.directory: Path = tables.directory
        self.places: list[PlaceRecord] = []
        self.by_id: dict[str, int] = {}
        # Per name row, as tuples once loaded (the garbage collector does not visit them).
        self.name_place: Sequence[int] = ()
        self.name_text: Sequence[str] = ()
        self.name_kind: Sequence[str] = ()
        self.name_source: Sequence[str] = ()
        self.exact: dict[str, _Posting] = {}
        self.codes: dict[str, _Posting] = {}
        self.valid_to: dict[int, str] = {}
        #: Sovereign state of each territory with its own ISO code ("HK" -> "CN").
        self.sovereign: dict[str, str] = {}
        self.successors: dict[int, tuple[str, ...]] = {}
        self._pending_fold: Sequence[str] = ()
        self.generated_rows = 0
        self.region_by_code: dict[str, int] = {}
        self._display: dict[int, str] = {}
        self._place_cache: dict[int, Place] = {}
        # names.tsv holds each place's names together: their rows are a span, found at load.
        self._spans: dict[int, tuple[int, int]] | None = {}
        self._curated_rows: dict[int, list[int]] = {}
        with gc_paused():
            self._load(tables)

    # -- saving and restoring (see _store) ------------------------------------------------

    def to_state(self) -> tuple[Any, ...]:
        """Everything built from the tables, as plain values ``marshal`` can store.

        The lazily built indexes (folded keys, fuzzy blocks, qualifiers) are built first.
        """
        _built = self.fold, self.fuzzy_blocks, self.qualifiers
        places = [(*r[:2], r.kind.value, *r[3:]) for r in self.places]
        return (str(self.directory), places, *(getattr(self, name) for name in _SAVED))

    @classmethod
    def from_state(cls, state: tuple[Any, ...]) -> Gazetteer:
        """A gazetteer from ``to_state``'s values, without reading or checking the tables.

        Raises:
            ValueError, TypeError, KeyError: the values do not have the expected layout.
        """
        directory, places, *saved = state
        if len(saved) != len(_SAVED):
            msg = "inconsistent saved gazetteer"
            raise ValueError(msg)
        self = cls.__new__(cls)
        self.directory = Path(directory)
        place_kinds = {k.value: k for k in PlaceKind}
        self.places = [PlaceRecord(r[0], r[1], place_kinds[r[2]], *r[3:]) for r in places]
        for name, value in zip(_SAVED, saved, strict=True):
            setattr(self, name, value)
        self._pending_fold = ()
        self._place_cache = {}
        if len(self.places) != len(places) or len(self.name_text) != len(self.name_place):
            msg = "inconsistent saved gazetteer"
            raise ValueError(msg)
        return self

    # -- loading -----------------------------------------------------------------------------

    def _load(self, tables: RawTables) -> None:
        path = str(tables.directory / "places.tsv")
        for number, row in enumerate(tables.places, start=2):
            record = _place_record(row, path, number)
            self._add_place(record, path, number)
        extra_path = str(tables.directory / "extra_places.tsv")
        for number, extra in tables.extra_places:
            self._add_place(
                PlaceRecord(
                    extra.id,
                    extra.geonames_id,
                    extra.kind,
                    extra.name,
                    extra.country,
                    extra.admin1_code,
                    extra.lat,
                    extra.lon,
                    extra.population,
                    False,
                    extra.code,
                ),
                extra_path,
                number,
            )
        self._apply_status(tables)

        blocked_everywhere: set[str] = set()
        blocked: set[tuple[int, str]] = set()
        alias_path = str(tables.directory / "aliases.tsv")
        curated = [(alias_path, number, alias) for number, alias in tables.aliases] + [
            (str(tables.directory / "countries.tsv"), n, a) for n, a in tables.country_names
        ]
        for path_of, number, alias in curated:
            if alias.source not in tables.sources and tables.sources:
                msg = "unknown source key"
                raise DataError(msg, path=path_of, line=number, column="source", value=alias.source)
            if alias.place_id == "*":
                if alias.kind != "block":
                    msg = "place_id '*' is only allowed with kind 'block'"
                    raise DataError(msg, path=path_of, line=number, value=alias.place_id)
                blocked_everywhere.add(ascii_key(alias.name))
                continue
            target = self.by_id.get(alias.place_id)
            if target is None:
                msg = "alias points at no known place"
                raise DataError(
                    msg, path=path_of, line=number, column="place_id", value=alias.place_id
                )
            if alias.kind == "block":
                blocked.add((target, ascii_key(alias.name)))

        names_path = str(tables.directory / "names.tsv")
        by_id = self.by_id
        exact = self.exact
        name_place: list[int] = []
        name_text: list[str] = []
        name_kind: list[str] = []
        kinds = {k: sys.intern(k) for k in GENERATED_KINDS}
        code_kind = kinds["code"]
        codes = self.codes
        row_number = 0
        blocked_keys = blocked_everywhere | {key for _w, key in blocked}
        exact_get = exact.get
        # Folded keys are indexed on first use (most queries are answered by the exact index).
        pending: list[str] = []
        shared_exact: list[str] = []
        shared_codes: list[str] = []
        last_pid, where = "", -1
        starts: list[tuple[int, int]] = []
        # The hot loop of loading: about 300,000 rows, so the index insertions are inlined.
        for number, fields in read_names(tables):
            pid, text, kind, folded = fields
            if pid != last_pid:
                where = by_id.get(pid, -1)
                last_pid = pid
                starts.append((where, row_number))
                if where < 0:
                    msg = "name points at no known place"
                    raise DataError(msg, path=names_path, line=number, column="place_id", value=pid)
            interned = kinds.get(kind)
            if interned is None:
                msg = f"unknown name kind (expected one of {sorted(kinds)})"
                raise DataError(msg, path=names_path, line=number, column="kind", value=kind)
            e_key = text.casefold()
            # A block removes the name and every spelling of it that folds to the same ASCII
            # key (the build romanised Слов'янськ to Sloviansk under Nikopol too). The ASCII
            # key is the first of the stored keys.
            a_key = folded.partition(" ")[0]
            if a_key in blocked_keys and (a_key in blocked_everywhere or (where, a_key) in blocked):
                if kind == "official":
                    msg = "a block row removes the display name of a place"
                    raise DataError(msg, path=alias_path, value=text)
                continue
            name_place.append(where)
            name_text.append(text)
            name_kind.append(interned)
            if interned is code_kind:
                _add(codes, text, row_number, shared_codes)
                pending.append("")
                row_number += 1
                continue
            found = exact_get(e_key)
            if found is None:
                exact[e_key] = row_number
            elif found.__class__ is int:
                if found != row_number:
                    exact[e_key] = [found, row_number]
                    shared_exact.append(e_key)
            else:
                found.append(row_number)  # type: ignore[union-attr]
            _add_bare(exact, e_key, row_number, shared_exact)
            pending.append(folded)
            row_number += 1
        self.generated_rows = row_number
        name_source = ["geonames"] * row_number
        spans: dict[int, tuple[int, int]] = {}
        for i, (owner, start) in enumerate(starts):
            end = starts[i + 1][1] if i + 1 < len(starts) else row_number
            if owner in spans:
                break  # not grouped by place: names_of() groups on first use
            spans[owner] = (start, end)
        self._spans = spans if len(spans) == len(starts) else None

        # Curated names: the display names of the extra places, then the curated tables.
        entries: list[tuple[int, str, str, str]] = [
            (by_id[extra.id], clean(extra.name), "official", extra.source)
            for _number, extra in tables.extra_places
        ]
        for _path, _number, alias in curated:
            if alias.kind == "block" or alias.place_id == "*":
                continue
            where = by_id[alias.place_id]
            text = clean(alias.name)
            if alias.kind == "official" and alias.script == "Latn" and alias.lang in ("uk", "en"):
                self._display[where] = text
            entries.append((where, text, alias.kind, alias.source))
        for where, text, kind, source in entries:
            self._curated_rows.setdefault(where, []).append(row_number)
            name_place.append(where)
            name_text.append(text)
            name_kind.append(kind)
            name_source.append(source)
            if is_code(text, kind):
                _add(codes, text, row_number, shared_codes)
                pending.append("")
            else:
                e_key = exact_key(text)
                _add(exact, e_key, row_number, shared_exact)
                _add_bare(exact, e_key, row_number, shared_exact)
                regional = self.places[where].country in CYRILLIC_REGION
                pending.append(stored_keys(text, kind, regional=regional))
            row_number += 1

        # A curated official name becomes the display name; the old display name stays an alias.
        for where, text in self._display.items():
            self.places[where] = self.places[where]._replace(name=text)

        self.name_place, self.name_text = tuple(name_place), tuple(name_text)
        self.name_kind, self.name_source = tuple(name_kind), tuple(name_source)
        self._pending_fold = tuple(pending)
        _freeze(exact, shared_exact)
        _freeze(codes, shared_codes)

    def _apply_status(self, tables: RawTables) -> None:
        """Apply data/country_status.tsv to the place records.

        Dependent territories and special regions get their sovereign's country code;
        constituent countries (subdivisions in the base data) become country records; former
        states get their end date and successors.
        """
        path = str(tables.directory / "country_status.tsv")
        own = {
            r.code: i for i, r in enumerate(self.places) if r.code and r.kind is not PlaceKind.CITY
        }
        states = {
            r.code: i for i, r in enumerate(self.places) if r.kind is PlaceKind.COUNTRY and r.code
        }
        for number, row in tables.statuses:
            where = own.get(row.code)
            if where is None:
                msg = "status row names no place's code"
                raise DataError(msg, path=path, line=number, column="code", value=row.code)
            for column, codes in (
                ("sovereign", (row.sovereign or "",)),
                ("successors", row.successors),
            ):
                for code in codes:
                    if code and code not in states:
                        msg = "no country has this code"
                        raise DataError(msg, path=path, line=number, column=column, value=code)
            if (row.status == "former state") != (row.sovereign is None):
                msg = "a former state has no sovereign; every other status has one"
                raise DataError(
                    msg, path=path, line=number, column="sovereign", value=row.sovereign
                )
            record = self.places[where]
            if row.valid_to:
                self.valid_to[where] = row.valid_to
            if row.successors:
                self.successors[where] = tuple(self.places[states[c]].id for c in row.successors)
            if row.sovereign is None:
                continue
            if record.kind is PlaceKind.COUNTRY:
                self.places[where] = record._replace(country=row.sovereign)
                self.sovereign[row.code] = row.sovereign
            elif record.country == row.sovereign:
                self.places[where] = record._replace(kind=PlaceKind.COUNTRY)
            else:
                msg = "a subdivision can only be a constituent country of its own country"
                raise DataError(
                    msg, path=path, line=number, column="sovereign", value=row.sovereign
                )

    def _add_place(self, record: PlaceRecord, path: str, number: int) -> None:
        if record.id in self.by_id:
            msg = "duplicate place id"
            raise DataError(msg, path=path, line=number, column="id", value=record.id)
        self.by_id[record.id] = len(self.places)
        if record.kind is PlaceKind.REGION and record.admin1_code:
            self.region_by_code.setdefault(record.admin1_code, len(self.places))
        self.places.append(record)

    # -- queries -----------------------------------------------------------------------------

    @once
    def fold(self) -> dict[str, _Posting]:
        """Index from every folded key to name rows (built on first use)."""
        fold: dict[str, _Posting] = {}
        fold_get = fold.get
        shared: list[str] = []
        with gc_paused():
            for row, folded in enumerate(self._pending_fold):
                if not folded:
                    continue
                for key in folded.split(" "):
                    found = fold_get(key)
                    if found is None:
                        fold[key] = row
                    elif found.__class__ is int:
                        if found != row:
                            fold[key] = [found, row]
                            shared.append(key)
                    elif found[-1] != row:  # type: ignore[index]
                        found.append(row)  # type: ignore[union-attr]
        self._pending_fold = ()
        _freeze(fold, shared)
        return fold

    @once
    def fuzzy_blocks(self) -> dict[tuple[str, int], tuple[str, ...]]:
        """The folded keys grouped for the fuzzy search (built on first use; see ``_matcher``)."""
        return build_blocks(self.fold)

    @once
    def qualifiers(self) -> dict[str, tuple[tuple[str | None, str | None], ...]]:
        """What a qualifier's exact key may stand for: ``(country, admin1 code)`` pairs.

        Built on first use from the names of every country and first-level subdivision: a
        subdivision's names (and the letters of its code, "Kyiv, 30") stand for that
        subdivision; a country's code stands for the country, a former state's for each of its
        successors ("Kiev, USSR").
        """
        index: dict[str, list[tuple[str | None, str | None]]] = {}

        def add(key: str, pair: tuple[str | None, str | None]) -> None:
            bucket = index.setdefault(key, [])
            if pair not in bucket:
                bucket.append(pair)

        for where, record in enumerate(self.places):
            if record.kind is PlaceKind.CITY or not record.country:
                continue
            group: list[tuple[str | None, str | None]]
            if record.admin1_code:
                # A subdivision, or a constituent country (England): an admin-1 reading.
                group = [(record.country, record.admin1_code)]
                suffix = record.admin1_code.split(".", 1)[1]
                if suffix.isalpha() and record.kind is PlaceKind.REGION:
                    add(suffix.casefold(), group[0])
            elif record.kind is PlaceKind.COUNTRY:
                own = record.code or record.country
                group = [
                    (self.places[self.by_id[pid]].code, None)
                    for pid in self.successors.get(where, ())
                ] or [(own, None)]
                for pair in group:
                    add(own.casefold(), pair)
            else:
                continue
            for row in self.names_of(where):
                for pair in group:
                    add(exact_key(self.name_text[row]), pair)
        # Tuples: the garbage collector stops visiting them (see _freeze).
        return {key: tuple(bucket) for key, bucket in index.items()}

    def is_curated(self, row: int) -> bool:
        """Whether a name row comes from the curated alias table."""
        return row >= self.generated_rows

    def is_display_name(self, row: int) -> bool:
        """Whether a name row is its place's current display name."""
        # Stored names are already clean, so casefolding gives their exact keys.
        return self.name_text[row].casefold() == self.places[self.name_place[row]].name.casefold()

    def names_of(self, where: int) -> list[int]:
        """Name rows of a place, in table order."""
        if self._spans is not None:
            span = self._spans.get(where)
            rows = list(range(*span)) if span else []
            return rows + self._curated_rows.get(where, [])
        return self._names_by_place.get(where, [])

    @once
    def _names_by_place(self) -> dict[int, list[int]]:
        """Name rows by place, for tables whose names are not grouped by place."""
        grouped: dict[int, list[int]] = {}
        for row, place in enumerate(self.name_place):
            grouped.setdefault(place, []).append(row)
        return grouped

    def admin1_name(self, record: PlaceRecord) -> str | None:
        """Display name of the first-level subdivision a place lies in."""
        if record.kind is PlaceKind.REGION or not record.admin1_code:
            return None
        where = self.region_by_code.get(record.admin1_code)
        if where is None or self.places[where].id == record.id:
            return None  # a constituent country is not inside itself
        return self.places[where].name

    def place(self, where: int) -> Place:
        """The public record of a place (built once, then cached)."""
        cached = self._place_cache.get(where)
        if cached is not None:
            return cached
        record = self.places[where]
        text = self.name_text
        # One spelling per casefolded name, the first in table order (hence reversed: later
        # entries of the comprehension overwrite earlier ones), the display name aside.
        spellings = {t.casefold(): t for t in reversed([text[r] for r in self.names_of(where)])}
        spellings.pop(record.name.casefold(), None)
        others = sorted(spellings.values())
        place = Place.model_construct(
            id=record.id,
            name=record.name,
            kind=record.kind,
            country=record.country,
            admin1=self.admin1_name(record),
            admin1_code=record.admin1_code,
            lat=record.lat,
            lon=record.lon,
            population=record.population,
            geonames_id=record.geonames_id,
            names=(record.name, *others),
            code=record.code,
            valid_to=self.valid_to.get(where),
            successors=self.successors.get(where, ()),
        )
        self._place_cache[where] = place
        return place

    def name_kind_of(self, row: int) -> NameKind:
        """Public kind of a name row."""
        kind = self.name_kind[row]
        if kind == "official" and not self.is_display_name(row):
            return NameKind.OFFICIAL
        return NameKind(kind)
