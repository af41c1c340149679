"""Loading: the tables of a data folder into a gazetteer's records, name columns and indexes.

``load(gazetteer, tables)`` fills an empty ``Gazetteer`` in four steps: the place records (with
the country-status overlay), the curated rows' checks and blocks, the generated names (the hot
loop over names.tsv), then the curated names. Every inconsistency is a ``DataError`` that names
the file, the line and the value.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from toponyms._data import AliasRow, RawTables, read_names
from toponyms._errors import DataError
from toponyms._models import PlaceKind
from toponyms._normalize import ascii_key, clean, exact_key
from toponyms._records import (
    CYRILLIC_REGION,
    GENERATED_KINDS,
    PlaceRecord,
    add_bare,
    add_posting,
    freeze,
    is_code,
    place_record,
    stored_keys,
)

if TYPE_CHECKING:
    from toponyms._gazetteer import Gazetteer

__all__ = ["load"]

#: A curated row with where it stands: (path, line number, row).
_Curated = tuple[str, int, AliasRow]


@dataclass
class _Columns:
    """The name columns and index bookkeeping while names are loaded."""

    place: list[int] = field(default_factory=list)
    text: list[str] = field(default_factory=list)
    kind: list[str] = field(default_factory=list)
    pending: list[str] = field(default_factory=list)
    shared_exact: list[str] = field(default_factory=list)
    shared_codes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Blocks:
    """Names the curated tables remove: everywhere, or from one place (by ASCII key)."""

    everywhere: set[str]
    at: set[tuple[int, str]]

    def keys(self) -> set[str]:
        return self.everywhere | {key for _where, key in self.at}


def load(gaz: Gazetteer, tables: RawTables) -> None:
    """Fill an empty gazetteer from a data folder's tables.

    Raises:
        DataError: a row does not validate or points at nothing.
    """
    _load_places(gaz, tables)
    _apply_status(gaz, tables)
    _load_country_facts(gaz, tables)
    curated = [(str(tables.directory / "aliases.tsv"), n, a) for n, a in tables.aliases] + [
        (str(tables.directory / "countries.tsv"), n, a) for n, a in tables.country_names
    ]
    blocks = _check_curated(gaz, tables, curated)
    columns = _Columns()
    _load_generated_names(gaz, tables, blocks, columns)
    _load_curated_names(gaz, tables, curated, columns)
    # A curated official name becomes the display name; the old display name stays an alias.
    for where, text in gaz._display.items():
        gaz.places[where] = gaz.places[where]._replace(name=text)
    gaz.name_place, gaz.name_text = tuple(columns.place), tuple(columns.text)
    gaz.name_kind = tuple(columns.kind)
    gaz._pending_fold = tuple(columns.pending)
    freeze(gaz.exact, columns.shared_exact)
    freeze(gaz.codes, columns.shared_codes)


def _add_place(gaz: Gazetteer, record: PlaceRecord, path: str, number: int) -> None:
    if record.id in gaz.by_id:
        msg = "duplicate place id"
        raise DataError(msg, path=path, line=number, column="id", value=record.id)
    gaz.by_id[record.id] = len(gaz.places)
    if record.kind is PlaceKind.REGION and record.admin1_code:
        gaz.region_by_code.setdefault(record.admin1_code, len(gaz.places))
    gaz.places.append(record)


def _load_places(gaz: Gazetteer, tables: RawTables) -> None:
    path = str(tables.directory / "places.tsv")
    for number, row in enumerate(tables.places, start=2):
        _add_place(gaz, place_record(row, path, number), path, number)
    extra_path = str(tables.directory / "extra_places.tsv")
    for number, extra in tables.extra_places:
        record = PlaceRecord(
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
        )
        _add_place(gaz, record, extra_path, number)


def _apply_status(gaz: Gazetteer, tables: RawTables) -> None:
    """Apply data/country_status.tsv to the place records.

    Dependent territories and special regions get their sovereign's country code; constituent
    countries (subdivisions in the base data) become country records; former states get their
    end date and successors.
    """
    path = str(tables.directory / "country_status.tsv")
    places = gaz.places
    own = {r.code: i for i, r in enumerate(places) if r.code and r.kind is not PlaceKind.CITY}
    states = {r.code: i for i, r in enumerate(places) if r.kind is PlaceKind.COUNTRY and r.code}
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
            raise DataError(msg, path=path, line=number, column="sovereign", value=row.sovereign)
        record = places[where]
        if row.valid_to:
            gaz.valid_to[where] = row.valid_to
        if row.successors:
            gaz.successors[where] = tuple(places[states[c]].id for c in row.successors)
        if row.sovereign is None:
            continue
        if record.kind is PlaceKind.COUNTRY:
            places[where] = record._replace(country=row.sovereign)
            gaz.sovereign[row.code] = row.sovereign
        elif record.country == row.sovereign:
            places[where] = record._replace(kind=PlaceKind.COUNTRY)
        else:
            msg = "a subdivision can only be a constituent country of its own country"
            raise DataError(msg, path=path, line=number, column="sovereign", value=row.sovereign)


def _load_country_facts(gaz: Gazetteer, tables: RawTables) -> None:
    """Codes and regions of countries (country_codes.tsv); names by language (any place)."""
    path = str(tables.directory / "country_codes.tsv")
    for number, row in tables.country_codes:
        where = gaz.by_id.get(row.place_id, -1)
        if where < 0 or gaz.places[where].kind is not PlaceKind.COUNTRY:
            msg = "no country or territory has this id"
            raise DataError(msg, path=path, line=number, column="place_id", value=row.place_id)
        gaz.country_facts[where] = (row.alpha3, row.numeric, row.continent, row.region)
    path = str(tables.directory / "names_by_language.tsv")
    by_place: dict[int, list[tuple[str, str]]] = {}
    for number, name in tables.language_names:
        where = gaz.by_id.get(name.place_id, -1)
        if where < 0:
            msg = "name points at no known place"
            raise DataError(msg, path=path, line=number, column="place_id", value=name.place_id)
        if tables.sources and name.source not in tables.sources:
            msg = "unknown source key"
            raise DataError(msg, path=path, line=number, column="source", value=name.source)
        by_place.setdefault(where, []).append((name.lang, name.name))
    gaz.language_names = {where: tuple(pairs) for where, pairs in by_place.items()}


def _check_curated(gaz: Gazetteer, tables: RawTables, curated: list[_Curated]) -> _Blocks:
    """Check that every curated row has a known source and place; collect the blocks."""
    blocks = _Blocks(set(), set())
    for path, number, alias in curated:
        if alias.source not in tables.sources and tables.sources:
            msg = "unknown source key"
            raise DataError(msg, path=path, line=number, column="source", value=alias.source)
        if alias.place_id == "*":
            if alias.kind != "block":
                msg = "place_id '*' is only allowed with kind 'block'"
                raise DataError(msg, path=path, line=number, value=alias.place_id)
            blocks.everywhere.add(ascii_key(alias.name))
            continue
        target = gaz.by_id.get(alias.place_id)
        if target is None:
            msg = "alias points at no known place"
            raise DataError(msg, path=path, line=number, column="place_id", value=alias.place_id)
        if alias.kind == "block":
            blocks.at.add((target, ascii_key(alias.name)))
    return blocks


def _load_generated_names(
    gaz: Gazetteer, tables: RawTables, blocks: _Blocks, columns: _Columns
) -> None:
    """The rows of names.tsv (about 300,000: the index insertions are inlined)."""
    names_path = str(tables.directory / "names.tsv")
    alias_path = str(tables.directory / "aliases.tsv")
    by_id, exact, codes = gaz.by_id, gaz.exact, gaz.codes
    place_col, text_col, kind_col, pending = (
        columns.place,
        columns.text,
        columns.kind,
        columns.pending,
    )
    kinds = {k: sys.intern(k) for k in GENERATED_KINDS}
    code_kind = kinds["code"]
    blocked_keys, everywhere, at = blocks.keys(), blocks.everywhere, blocks.at
    exact_get = exact.get
    row_number = 0
    last_pid, where = "", -1
    starts: list[tuple[int, int]] = []
    for number, (pid, text, kind, folded) in read_names(tables):
        if pid != last_pid:
            where, last_pid = by_id.get(pid, -1), pid
            starts.append((where, row_number))
            if where < 0:
                msg = "name points at no known place"
                raise DataError(msg, path=names_path, line=number, column="place_id", value=pid)
        interned = kinds.get(kind)
        if interned is None:
            msg = f"unknown name kind (expected one of {sorted(kinds)})"
            raise DataError(msg, path=names_path, line=number, column="kind", value=kind)
        # A block removes the name and every spelling of it that folds to the same ASCII key
        # (the build romanised Слов'янськ to Sloviansk under Nikopol too). The ASCII key is the
        # first of the stored keys.
        a_key = folded.partition(" ")[0]
        if a_key in blocked_keys and (a_key in everywhere or (where, a_key) in at):
            if kind == "official":
                msg = "a block row removes the display name of a place"
                raise DataError(msg, path=alias_path, value=text)
            continue
        place_col.append(where)
        text_col.append(text)
        kind_col.append(interned)
        if interned is code_kind:
            add_posting(codes, text, row_number, columns.shared_codes)
            pending.append("")
            row_number += 1
            continue
        e_key = text.casefold()
        found = exact_get(e_key)
        if found is None:
            exact[e_key] = row_number
        elif found.__class__ is int:
            if found != row_number:
                exact[e_key] = [found, row_number]
                columns.shared_exact.append(e_key)
        else:
            found.append(row_number)  # type: ignore[union-attr]
        add_bare(exact, e_key, row_number, columns.shared_exact)
        pending.append(folded)
        row_number += 1
    gaz.generated_rows = row_number
    gaz._spans = _spans(starts, row_number)


def _spans(starts: list[tuple[int, int]], end_row: int) -> dict[int, tuple[int, int]] | None:
    """Each place's span of name rows, or ``None`` when names.tsv is not grouped by place."""
    spans: dict[int, tuple[int, int]] = {}
    for i, (owner, start) in enumerate(starts):
        end = starts[i + 1][1] if i + 1 < len(starts) else end_row
        if owner in spans:
            return None  # not grouped by place: names_of() groups on first use
        spans[owner] = (start, end)
    return spans


def _load_curated_names(
    gaz: Gazetteer, tables: RawTables, curated: list[_Curated], columns: _Columns
) -> None:
    """The display names of the extra places, then the names of the curated tables."""
    entries: list[tuple[int, str, str, str]] = [
        (gaz.by_id[extra.id], clean(extra.name), "official", extra.source)
        for _number, extra in tables.extra_places
    ]
    for _path, _number, alias in curated:
        if alias.kind == "block" or alias.place_id == "*":
            continue
        where = gaz.by_id[alias.place_id]
        text = clean(alias.name)
        if alias.kind == "official" and alias.script == "Latn" and alias.lang in ("uk", "en"):
            gaz._display[where] = text
        entries.append((where, text, alias.kind, alias.source))
    row_number = len(columns.place)
    sources = ["geonames"] * row_number
    for where, text, kind, source in entries:
        gaz._curated_rows.setdefault(where, []).append(row_number)
        columns.place.append(where)
        columns.text.append(text)
        columns.kind.append(kind)
        sources.append(source)
        if is_code(text, kind):
            add_posting(gaz.codes, text, row_number, columns.shared_codes)
            columns.pending.append("")
        else:
            e_key = exact_key(text)
            add_posting(gaz.exact, e_key, row_number, columns.shared_exact)
            add_bare(gaz.exact, e_key, row_number, columns.shared_exact)
            regional = gaz.places[where].country in CYRILLIC_REGION
            columns.pending.append(stored_keys(text, kind, regional=regional))
        row_number += 1
    gaz.name_source = tuple(sources)
