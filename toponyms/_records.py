"""Rows and postings: the place record, the keys a name is filed under, and index postings.

The lowest layer of the gazetteer, shared by the loader (``_loader``), the gazetteer's queries
(``_gazetteer``) and the data build (``scripts/build_data.py``).
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Sequence
from typing import NamedTuple

from toponyms._errors import DataError
from toponyms._models import PlaceKind
from toponyms._normalize import keys

#: Index values hold one name-row number, or a list of them when a key is shared.
Posting = int | list[int] | tuple[int, ...]

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


def place_record(row: list[str], path: str, number: int) -> PlaceRecord:
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


def add_posting(index: dict[str, Posting], key: str, row: int, shared: list[str]) -> None:
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


def add_bare(exact: dict[str, Posting], e_key: str, row: int, shared: list[str]) -> None:
    """File a name with an apostrophe under its key without it too: "Luan" is Lu'an."""
    if "'" in e_key:
        add_posting(exact, e_key.replace("'", ""), row, shared)


def freeze(index: dict[str, Posting], shared: list[str]) -> None:
    """Make the posting lists of a built index (under the ``shared`` keys) tuples.

    The cyclic garbage collector visits every list at each full collection, but stops visiting
    a tuple of ints: with some 100,000 posting lists, a full collection (which a busy caller
    triggers every few thousand resolutions) cost a fifth of a second.
    """
    for key in shared:
        found = index[key]
        if isinstance(found, list):
            index[key] = tuple(found)


def postings(index: dict[str, Posting], key: str) -> Sequence[int]:
    """Name rows filed under a key in one of the indexes."""
    found = index.get(key)
    if found is None:
        return ()
    if isinstance(found, int):
        return (found,)
    return found
