"""Locate, read and validate the tables in ``data/``.

The generated tables (places.tsv, names.tsv) are checked structurally at load (header, field
count, id references); the curated tables (aliases.tsv, extra_places.tsv, SOURCES.tsv) go through
pydantic row models, and every error names the file, the line and the value.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path
from typing import Annotated, Literal, TypeVar

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError

from toponyms._errors import DataError
from toponyms._models import PlaceKind

PLACE_HEADER = (
    "id",
    "geonames_id",
    "kind",
    "name",
    "country",
    "admin1_code",
    "lat",
    "lon",
    "population",
    "capital",
    "code",
)
NAME_HEADER = ("place_id", "name", "kind", "keys")
ALIAS_HEADER = (
    "place_id",
    "name",
    "lang",
    "script",
    "kind",
    "valid_from",
    "valid_to",
    "source",
    "note",
)
EXTRA_PLACE_HEADER = (
    "id",
    "name",
    "kind",
    "country",
    "admin1_code",
    "lat",
    "lon",
    "population",
    "geonames_id",
    "code",
    "source",
    "note",
)
STATUS_HEADER = ("code", "status", "sovereign", "valid_to", "successors", "source", "note")
SOURCE_HEADER = ("key", "title", "url", "accessed", "licence")
COUNTRY_CODE_HEADER = ("place_id", "code", "alpha3", "numeric", "continent", "region", "source")
LANGUAGE_NAME_HEADER = ("place_id", "lang", "name", "source")

_T = TypeVar("_T", bound=BaseModel)

_PLACE_ID = re.compile(r"^(gn:[1-9][0-9]*|tp:[a-z0-9][a-z0-9-]*)$")


def data_dir() -> Path:
    """Find the data folder: inside the installed package, else the checkout's ``data/``.

    Raises:
        DataError: neither location holds ``places.tsv``.
    """
    packaged = Path(str(files("toponyms"))) / "data"
    checkout = Path(__file__).resolve().parent.parent / "data"
    for candidate in (packaged, checkout):
        if (candidate / "places.tsv").is_file():
            return candidate
    msg = f"no data tables found (looked in {packaged} and {checkout})"
    raise DataError(msg, path=str(packaged))


def _empty_to_none(value: object) -> object:
    return None if value == "" else value


_Opt = BeforeValidator(_empty_to_none)


def _no_control(value: str) -> str:
    if any(ch in value for ch in "\t\r\n"):
        msg = "TAB or newline inside a field"
        raise ValueError(msg)
    return value


def _date_or_year(value: str | None) -> str | None:
    if value is None or value == "":
        return None
    if re.fullmatch(r"\d{4}", value):
        return value
    dt.date.fromisoformat(value)
    return value


class AliasRow(BaseModel):
    """One row of the curated alias table ``data/aliases.tsv``."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    place_id: str
    """The place the name belongs to (``gn:<id>``, ``tp:<slug>``, or ``*`` for a global block)."""
    name: Annotated[str, BeforeValidator(_no_control)]
    """The name as written."""
    lang: Annotated[str | None, _Opt] = None
    """ISO 639-1 language code of the name, if known."""
    script: Annotated[Literal["Latn", "Cyrl"] | None, _Opt] = None
    """ISO 15924 script code, if given."""
    kind: Literal[
        "official",
        "former",
        "russian",
        "exonym",
        "romanisation",
        "colloquial",
        "abbreviation",
        "code",
        "political",
        "block",
    ]
    """What sort of name this is; ``block`` removes a wrong GeoNames name instead."""
    valid_from: Annotated[str | None, _Opt, BeforeValidator(_date_or_year)] = None
    """First date (or year) the name was in official use, if known."""
    valid_to: Annotated[str | None, _Opt, BeforeValidator(_date_or_year)] = None
    """Last date (or year) of official use, for a former name."""
    source: str
    """Key of the source in ``data/SOURCES.tsv``."""
    note: Annotated[str | None, _Opt] = None
    """Free-text remark for reviewers."""


class ExtraPlaceRow(BaseModel):
    """One row of ``data/extra_places.tsv``: a place the generated tables lack."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    """``tp:<slug>`` identifier."""
    name: str
    """Display name."""
    kind: PlaceKind
    """What sort of place it is."""
    country: Annotated[str | None, _Opt] = None
    """ISO 3166-1 alpha-2 code."""
    admin1_code: Annotated[str | None, _Opt] = None
    """GeoNames admin-1 code (``UA.05``)."""
    lat: Annotated[float | None, _Opt, Field(ge=-90, le=90, allow_inf_nan=False)] = None
    """Latitude, degrees north (-90 to 90)."""
    lon: Annotated[float | None, _Opt, Field(ge=-180, le=180, allow_inf_nan=False)] = None
    """Longitude, degrees east (-180 to 180)."""
    population: Annotated[int, BeforeValidator(lambda v: 0 if v == "" else v), Field(ge=0)] = 0
    """Population, 0 when unknown."""
    geonames_id: Annotated[int | None, _Opt] = None
    """GeoNames id, when there is one."""
    code: Annotated[str | None, _Opt] = None
    """The record's own ISO code (ISO 3166-3 for a former state: ``SUHH``)."""
    source: str
    """Key of the source in ``data/SOURCES.tsv``."""
    note: Annotated[str | None, _Opt] = None
    """Free-text remark for reviewers."""


class CountryCodeRow(BaseModel):
    """One row of ``data/country_codes.tsv``: the codes and regions of a country or territory."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    place_id: str
    """The country's record (``gn:<GeoNames id>``)."""
    code: Annotated[str, Field(pattern=r"^[A-Z]{2}$")]
    """ISO 3166-1 alpha-2 code (the former one, for a former state)."""
    alpha3: Annotated[str, Field(pattern=r"^[A-Z]{3}$")]
    """ISO 3166-1 alpha-3 code."""
    numeric: Annotated[Annotated[str, Field(pattern=r"^[0-9]{3}$")] | None, _Opt] = None
    """ISO 3166-1 numeric code, three digits (none for Kosovo)."""
    continent: Annotated[str | None, _Opt] = None
    """Continent (GeoNames' division of the world into seven)."""
    region: Annotated[str | None, _Opt] = None
    """UN M49 sub-region ("Eastern Europe")."""
    source: str
    """Keys of the sources in ``data/SOURCES.tsv``, space-separated."""


class LanguageNameRow(BaseModel):
    """One row of ``data/names_by_language.tsv``: a place's name in one language."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    place_id: str
    """The place."""
    lang: Annotated[str, Field(pattern=r"^[a-z]{2,3}$")]
    """ISO 639 language code."""
    name: Annotated[str, BeforeValidator(_no_control)]
    """The name in that language."""
    source: str
    """Key of the source in ``data/SOURCES.tsv``."""


class StatusRow(BaseModel):
    """One row of ``data/country_status.tsv``: a country record that is not a sovereign state."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    code: str
    """The record's code: ISO 3166-1 alpha-2 (``HK``), 3166-2 (``GB-ENG``) or 3166-3 (``SUHH``)."""
    status: Literal[
        "dependency",
        "overseas department",
        "special region",
        "constituent country",
        "autonomous region",
        "former state",
    ]
    """What the record is. A constituent country (``GB-ENG``) is a subdivision in the base data
    and becomes a country record."""
    sovereign: Annotated[str | None, _Opt] = None
    """ISO 3166-1 alpha-2 code of the sovereign state (none for a former state)."""
    valid_to: Annotated[str | None, _Opt, BeforeValidator(_date_or_year)] = None
    """Date (or year) a former state ceased to exist."""
    successors: Annotated[
        tuple[str, ...], BeforeValidator(lambda v: tuple(v.split()) if isinstance(v, str) else v)
    ] = ()
    """ISO 3166-1 alpha-2 codes of a former state's successors, space-separated."""
    source: str
    """Key of the source in ``data/SOURCES.tsv``."""
    note: Annotated[str | None, _Opt] = None
    """Free-text remark for reviewers."""


@dataclass(slots=True)
class RawTables:
    """The tables as read from disk, before indexing."""

    directory: Path
    places: list[list[str]]
    names_path: Path
    aliases: list[tuple[int, AliasRow]]
    extra_places: list[tuple[int, ExtraPlaceRow]]
    sources: dict[str, list[str]] = field(default_factory=dict)
    country_names: list[tuple[int, AliasRow]] = field(default_factory=list)
    statuses: list[tuple[int, StatusRow]] = field(default_factory=list)
    country_codes: list[tuple[int, CountryCodeRow]] = field(default_factory=list)
    language_names: list[tuple[int, LanguageNameRow]] = field(default_factory=list)


def _read_tsv(
    path: Path, header: tuple[str, ...], *, optional: bool = False
) -> Iterator[tuple[int, list[str]]]:
    """Yield (line number, fields) of a TAB-separated file after checking its header."""
    if not path.is_file():
        if optional:
            return
        msg = "data file is missing"
        raise DataError(msg, path=str(path))
    lines = read_text(path, header).split("\n")
    if lines[-1] == "":
        lines.pop()
    first = lines[0].split("\t") if lines else []
    if tuple(first) != header:
        msg = f"unexpected header (expected {list(header)})"
        raise DataError(msg, path=str(path), line=1, value=first)
    width = len(header)
    for number, line in enumerate(lines[1:], start=2):
        fields = line.split("\t")
        if len(fields) != width:
            msg = f"expected {width} TAB-separated fields, found {len(fields)}"
            raise DataError(msg, path=str(path), line=number, value=line)
        yield number, fields


def read_text(path: Path, header: tuple[str, ...]) -> str:
    """A table's text, decoded as UTF-8.

    Raises:
        DataError: the file cannot be read, or a byte is not UTF-8 (naming its line and
            column).
    """
    try:
        blob = path.read_bytes()
    except OSError as exc:
        msg = f"cannot read the file ({exc.strerror})"
        raise DataError(msg, path=str(path)) from None
    try:
        return blob.decode("utf-8")
    except UnicodeDecodeError as exc:
        start = blob.rfind(b"\n", 0, exc.start) + 1
        line = blob.count(b"\n", 0, exc.start) + 1
        position = blob.count(b"\t", start, exc.start)
        column = header[position] if position < len(header) else None
        bad = blob[exc.start : exc.end]
        msg = "not UTF-8 text"
        raise DataError(msg, path=str(path), line=line, column=column, value=bad) from None


def _validate_rows(path: Path, header: tuple[str, ...], model: type[_T]) -> list[tuple[int, _T]]:
    rows: list[tuple[int, _T]] = []
    for number, fields in _read_tsv(path, header, optional=True):
        try:
            rows.append((number, model.model_validate(dict(zip(header, fields, strict=True)))))
        except ValidationError as exc:
            err = exc.errors()[0]
            column = ".".join(str(p) for p in err["loc"]) or None
            raise DataError(
                err["msg"], path=str(path), line=number, column=column, value=err.get("input")
            ) from None
    return rows


def read_tables(directory: Path | None = None) -> RawTables:
    """Read and validate every table of a data folder (the embedded one by default).

    Raises:
        DataError: a file is missing or a row does not validate.
    """
    directory = directory or data_dir()
    places = [f for _, f in _read_tsv(directory / "places.tsv", PLACE_HEADER)]
    names_path = directory / "names.tsv"
    if not names_path.is_file():
        msg = "data file is missing"
        raise DataError(msg, path=str(names_path))
    aliases = _validate_rows(directory / "aliases.tsv", ALIAS_HEADER, AliasRow)
    extra = _validate_rows(directory / "extra_places.tsv", EXTRA_PLACE_HEADER, ExtraPlaceRow)
    sources = {
        f[0]: f for _, f in _read_tsv(directory / "SOURCES.tsv", SOURCE_HEADER, optional=True)
    }
    country_names = _validate_rows(directory / "countries.tsv", ALIAS_HEADER, AliasRow)
    statuses = _validate_rows(directory / "country_status.tsv", STATUS_HEADER, StatusRow)
    codes = _validate_rows(directory / "country_codes.tsv", COUNTRY_CODE_HEADER, CountryCodeRow)
    by_language = _validate_rows(
        directory / "names_by_language.tsv", LANGUAGE_NAME_HEADER, LanguageNameRow
    )
    return RawTables(
        directory,
        places,
        names_path,
        aliases,
        extra,
        sources,
        country_names,
        statuses,
        codes,
        by_language,
    )


def read_names(tables: RawTables) -> Iterator[tuple[int, list[str]]]:
    """Rows of names.tsv with their line numbers (read in one go: it is the largest table)."""
    return _read_tsv(tables.names_path, NAME_HEADER)
