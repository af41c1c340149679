"""The result columns the column adapters add: their names, types and text form, defined once.

``toponyms normalize`` writes them as text into CSV, ``toponyms.pandas`` and ``toponyms.polars``
as typed columns; all three read this table, so a column is added or changed in one place.
Importing this module imports nothing heavy (the resolver comes with the first value).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from toponyms._errors import InvalidHintError, InvalidNameError
from toponyms._query import MAX_LENGTH

if TYPE_CHECKING:
    from toponyms._kinds import PlaceKind
    from toponyms._models import Match
    from toponyms._resolver import Fields, Resolver

#: The longest text the resolver reads as a place name (from ``_query``, a light module: the
#: command's reading process never loads the resolver). Longer cells, and hints, are
#: unresolved without being sent anywhere.
NAME_LIMIT = MAX_LENGTH


def _text(value: str | None) -> str:
    return value or ""


def _number(value: float | None) -> str:
    return "" if value is None else f"{value}"


class FullFields(NamedTuple):
    """The result columns of a match, the optional ones too (built from a ``Match``)."""

    name: str
    country: str | None
    admin1: str | None
    geonames_id: int | None
    method: str
    score: float
    lat: float | None
    lon: float | None
    id: str
    ambiguous: bool
    code: str | None
    population: int

    @classmethod
    def of(cls, match: Match) -> FullFields:
        """The fields of a match."""
        place = match.place
        return cls(
            place.name,
            place.country,
            place.admin1,
            place.geonames_id,
            match.method.value,
            match.score,
            place.lat,
            place.lon,
            place.id,
            match.ambiguous,
            place.code,
            place.population,
        )


class Column(NamedTuple):
    """One result column: its type for the dataframe adapters and its text for CSV."""

    #: ``"text"``, ``"integer"``, ``"decimal"`` or ``"boolean"``: the column's type family.
    kind: str
    #: The pandas dtype (nullable).
    pandas: str
    #: The name of the Polars dtype (an attribute of ``polars``).
    polars: str
    #: The text written into a CSV cell for a match's fields (a ``Fields`` or ``FullFields``).
    text: Callable[[Any], str]


_TEXT = ("text", "string", "String")
_INTEGER = ("integer", "Int64", "Int64")
_DECIMAL = ("decimal", "Float64", "Float64")
_BOOLEAN = ("boolean", "boolean", "Boolean")

#: Every result column, in the order ``--fields`` lists them.
COLUMNS: dict[str, Column] = {
    "name": Column(*_TEXT, lambda f: f.name),
    "country": Column(*_TEXT, lambda f: _text(f.country)),
    "admin1": Column(*_TEXT, lambda f: _text(f.admin1)),
    "geonames_id": Column(*_INTEGER, lambda f: _number(f.geonames_id)),
    "method": Column(*_TEXT, lambda f: f.method),
    # One decimal: the score that is compared with min_score (87.5 is not 88).
    "score": Column(*_DECIMAL, lambda f: f"{f.score:.1f}"),
    "lat": Column(*_DECIMAL, lambda f: _number(f.lat)),
    "lon": Column(*_DECIMAL, lambda f: _number(f.lon)),
    "id": Column(*_TEXT, lambda f: f.id),
    # Optional: asked for by name only, they need the whole match (see ``OPTIONAL_FIELDS``).
    "ambiguous": Column(*_BOOLEAN, lambda f: "true" if f.ambiguous else "false"),
    "code": Column(*_TEXT, lambda f: _text(f.code)),
    "population": Column(*_INTEGER, lambda f: str(f.population)),
}

#: Every result column the command and the dataframe adapters can add.
FIELDS = tuple(COLUMNS)
#: The result columns added by default.
DEFAULT_FIELDS = ("name", "country", "admin1", "geonames_id", "method", "score")
#: The columns that ``Resolver._fields`` does not give: when one is asked for, each distinct
#: value is resolved through ``Resolver.resolve`` (the same decision, with the whole match).
OPTIONAL_FIELDS = ("ambiguous", "code", "population")


def fields_of(
    resolver: Resolver,
    value: str,
    *,
    full: bool,
    country: str | None = None,
    kind: str | PlaceKind | None = None,
    admin1: str | None = None,
    min_score: float | None = None,
) -> Fields | FullFields | None:
    """The result columns of one cell, or ``None`` for no match.

    Unusable text and a bad hint in a cell are one unresolved row, not an error.

    Args:
        resolver: The resolver.
        value: The cell.
        full: Whether optional columns are asked for (then the whole match is built).
        country: Country hint.
        kind: Kind of place.
        admin1: First-level subdivision hint.
        min_score: Lowest fuzzy score.

    Examples:
        >>> from toponyms import default_resolver
        >>> fields_of(default_resolver(), "Kiev", full=True).ambiguous
        False
    """
    if not full:
        return resolver._fields(
            value, country=country, kind=kind, admin1=admin1, min_score=min_score
        )
    if type(value) is not str or len(value) > NAME_LIMIT:
        return None
    try:
        match = resolver.resolve(
            value, country=country, kind=kind, admin1=admin1, min_score=min_score
        )
    except (InvalidHintError, InvalidNameError):
        return None
    return None if match is None else FullFields.of(match)


def unknown_fields(fields: Sequence[str]) -> str | None:
    """What is wrong with a choice of result columns, or ``None`` if they all exist.

    Examples:
        >>> unknown_fields(["name", "score"]) is None
        True
        >>> unknown_fields(["planet"]).split(";")[0]
        "unknown fields 'planet'"
    """
    unknown = [f for f in fields if f not in COLUMNS]
    if not unknown:
        return None
    shown = ", ".join(shorten(f, 40) for f in unknown[:5]) + (", ..." if len(unknown) > 5 else "")
    return f"unknown fields {shown}; choose from {', '.join(FIELDS)}"


def check_fields(fields: Sequence[str]) -> list[str]:
    """The result columns asked for, each once, in order.

    Raises:
        ValueError: a name that is not a result column (the message names it).

    Examples:
        >>> check_fields(["name", "country", "name"])
        ['name', 'country']
    """
    if isinstance(fields, str):  # "name" would otherwise be read as n, a, m, e
        fields = [fields]
    wrong = unknown_fields(fields)
    if wrong:
        raise ValueError(wrong)
    return list(dict.fromkeys(fields))


def text_values(found: Fields | FullFields | None, fields: Sequence[str]) -> list[str]:
    """The CSV text of each result column for a match's fields (all empty for no match).

    Examples:
        >>> text_values(None, ["name", "score"])
        ['', '']
    """
    if found is None:
        return [""] * len(fields)
    return [COLUMNS[f].text(found) for f in fields]


def shorten(text: str, limit: int = 200) -> str:
    """The text's ``repr``, cut to about ``limit`` characters with its full length when longer.

    For messages that echo what they were given: a 4.5 MB cell or header is named, not printed.

    Examples:
        >>> shorten("Kyiv")
        "'Kyiv'"
        >>> shorten("x" * 5000, 10)
        "'xxxxxxxxxx'... (5,000 characters)"
    """
    if len(text) <= limit:
        return repr(text)
    return f"{text[:limit]!r}... ({len(text):,} characters)"


def check_hints(
    resolver: Resolver | None = None,
    *,
    country: object = None,
    kind: str | PlaceKind | None = None,
    admin1: object = None,
    min_score: object = None,
) -> Resolver:
    """The resolver to use (default: the shared one), once hints for a whole column are good.

    The command line and the dataframe adapters take each hint once for many names: an unknown
    one is reported before the first row rather than leaving every row unresolved.

    Raises:
        InvalidHintError: an unknown country or admin-1, a bad kind, a min_score that is not a
            number from 0 to 100, a hint over 1,000 characters.
        InvalidNameError: a hint that is not a string.

    Examples:
        >>> check_hints(country="XX")
        Traceback (most recent call last):
        ...
        toponyms._errors.InvalidHintError: invalid country 'XX' (expected a country code or name)
    """
    if resolver is None:
        from toponyms import default_resolver

        resolver = default_resolver()
    resolver._check_hints(country=country, kind=kind, admin1=admin1, min_score=min_score)
    return resolver
