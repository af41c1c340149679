"""The in-memory gazetteer: places, their names and the name indexes.

Built once from the tables of ``_data`` (generated base tables plus the curated overlay), then
immutable. It answers "which name rows carry this key" at four levels (exact, ASCII, romanisation,
cross-language) and turns place rows into public ``Place`` records on demand.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from toponyms._data import RawTables
from toponyms._gc import gc_paused
from toponyms._lazy import once
from toponyms._loader import load
from toponyms._matcher import build_blocks
from toponyms._models import NameKind, Place, PlaceKind
from toponyms._normalize import exact_key
from toponyms._records import (
    CYRILLIC_REGION,
    PlaceRecord,
    Posting,
    freeze,
    is_code,
    latin_or_cyrillic,
    postings,
    stored_keys,
)

__all__ = [
    "CYRILLIC_REGION",
    "Gazetteer",
    "PlaceRecord",
    "Posting",
    "is_code",
    "latin_or_cyrillic",
    "postings",
    "stored_keys",
]

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
    "country_facts",
    "language_names",
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
        self.exact: dict[str, Posting] = {}
        self.codes: dict[str, Posting] = {}
        self.valid_to: dict[int, str] = {}
        #: Sovereign state of each territory with its own ISO code ("HK" -> "CN").
        self.sovereign: dict[str, str] = {}
        self.successors: dict[int, tuple[str, ...]] = {}
        #: A country's alpha-3 and numeric codes, continent and UN M49 sub-region, by position.
        self.country_facts: dict[int, tuple[str, str | None, str | None, str | None]] = {}
        #: A place's names by language, ``(lang, name)`` pairs, by position.
        self.language_names: dict[int, tuple[tuple[str, str], ...]] = {}
        self._pending_fold: Sequence[str] = ()
        self.generated_rows = 0
        self.region_by_code: dict[str, int] = {}
        self._display: dict[int, str] = {}
        self._place_cache: dict[int, Place] = {}
        # names.tsv holds each place's names together: their rows are a span, found at load.
        self._spans: dict[int, tuple[int, int]] | None = {}
        self._curated_rows: dict[int, list[int]] = {}
        with gc_paused():
            load(self, tables)

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

    # -- queries -----------------------------------------------------------------------------

    @once
    def fold(self) -> dict[str, Posting]:
        """Index from every folded key to name rows (built on first use)."""
        fold: dict[str, Posting] = {}
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
        freeze(fold, shared)
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
        # Tuples: the garbage collector stops visiting them (see _records.freeze).
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
        facts: tuple[str | None, ...] = self.country_facts.get(where, (None, None, None, None))
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
            alpha3=facts[0],
            numeric=facts[1],
            continent=facts[2],
            region=facts[3],
            names_by_language=self.language_names.get(where, ()),
        )
        self._place_cache[where] = place
        return place

    def name_kind_of(self, row: int) -> NameKind:
        """Public kind of a name row."""
        kind = self.name_kind[row]
        if kind == "official" and not self.is_display_name(row):
            return NameKind.OFFICIAL
        return NameKind(kind)
