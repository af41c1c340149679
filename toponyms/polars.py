"""Resolve a Polars Series of place names: ``toponyms.polars.resolve_series``.

Requires the optional extra ``toponyms[polars]``. Each distinct value, with its hints, is resolved
once, as in ``toponyms.pandas``, and the results are joined back onto the rows in their order.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

try:
    import polars as pl
except ImportError as exc:  # pragma: no cover - exercised without polars installed
    msg = "toponyms.polars needs polars: pip install 'toponyms[polars]'"
    raise ImportError(msg) from exc

from toponyms._columns import (
    COLUMNS,
    DEFAULT_FIELDS,
    FIELDS,
    OPTIONAL_FIELDS,
    FullFields,
    check_fields,
    check_hints,
    fields_of,
)

if TYPE_CHECKING:
    from toponyms._kinds import PlaceKind
    from toponyms._resolver import Fields, Resolver

__all__ = ["DEFAULT_FIELDS", "FIELDS", "resolve_series"]


def resolve_series(
    series: pl.Series,
    *,
    country: str | pl.Series | None = None,
    kind: str | PlaceKind | None = None,
    admin1: str | pl.Series | None = None,
    min_score: float | None = None,
    fields: Sequence[str] = DEFAULT_FIELDS,
    prefix: str | None = None,
    resolver: Resolver | None = None,
) -> pl.DataFrame:
    """Resolve every value of a Series; returns a DataFrame with one row per value, in order.

    Args:
        series: Place names. Nulls and empty strings give empty result rows; so does every
            value of a Series that holds no text (numbers, dates).
        country: One country hint for all rows, or a Series of hints of the same length.
        kind: Only places of this kind.
        admin1: One first-level subdivision hint for all rows, or a Series of them.
        min_score: Lowest score for a fuzzy match.
        fields: Result columns to add, from ``FIELDS``.
        prefix: Prefix of the result columns (default: the Series name and ``_``, or none).
        resolver: The resolver to use (default: the shared one).

    Returns:
        One row per input row, in order; nulls where nothing matched.

    Raises:
        ValueError: an unknown field name, or a hint Series of another length.
        InvalidHintError: a hint for all rows that names nothing known (a ``ValueError``). A
            bad hint in a hint Series gives its row an empty result instead.

    Examples:
        >>> import polars as pl
        >>> from toponyms.polars import resolve_series
        >>> s = pl.Series("city", ["Kiev", None, "Krasnoarmeysk"])
        >>> resolve_series(s, fields=["name", "country"]).rows()
        [('Kyiv', 'UA'), (None, None), ('Pokrovsk', 'UA')]
        >>> resolve_series(pl.Series(["Springfield"]), admin1="Illinois", fields=["admin1"]).rows()
        [('Illinois',)]
    """
    fields = check_fields(fields)
    active = check_hints(
        resolver,
        country=None if isinstance(country, pl.Series) else country,
        kind=kind,
        admin1=None if isinstance(admin1, pl.Series) else admin1,
        min_score=min_score,
    )
    if prefix is None:
        prefix = f"{series.name}_" if series.name else ""
    # One column per hint given per row (one given for all rows is no column): a missing hint
    # is "" there, so that it joins (nulls never do); it means no hint.
    columns = {"_v": _text(series)}
    for what, hint in (("_c", country), ("_a", admin1)):
        if isinstance(hint, pl.Series):
            columns[what] = _hint_column(series, hint, what[1:]).fill_null("")
    rows = pl.DataFrame(columns).with_row_index("_row")
    keys = list(columns)
    distinct = rows.select(keys).unique(maintain_order=True).drop_nulls("_v")
    found = _resolve_distinct(
        active,
        distinct,
        country=country,
        admin1=admin1,
        kind=kind,
        min_score=min_score,
        full=any(f in OPTIONAL_FIELDS for f in fields),
    )
    table = distinct.with_columns(
        pl.Series(
            prefix + field,
            [None if f is None else getattr(f, field) for f in found],
            dtype=getattr(pl, COLUMNS[field].polars),
        )
        for field in fields
    )
    joined = rows.join(table, on=keys, how="left")
    return joined.sort("_row").select(prefix + field for field in fields)


def _resolve_distinct(
    active: Resolver,
    distinct: pl.DataFrame,
    *,
    country: str | pl.Series | None,
    admin1: str | pl.Series | None,
    kind: str | PlaceKind | None,
    min_score: float | None,
    full: bool,
) -> list[Fields | FullFields | None]:
    """The fields of each distinct (value, hints), as plain values.

    The same decision as resolve(). A hint column (``_c``, ``_a``) holds a hint given per row.
    """
    found = []
    for key in distinct.iter_rows(named=True):
        hint_c = key.get("_c", country)
        hint_a = key.get("_a", admin1)
        found.append(
            fields_of(
                active,
                key["_v"],
                full=full,
                country=hint_c or None,
                kind=kind,
                admin1=hint_a or None,
                min_score=min_score,
            )
        )
    return found


def _hint_column(series: pl.Series, hint: pl.Series, what: str) -> pl.Series:
    """A hint Series as text, checked against the names."""
    if len(hint) != len(series):
        msg = f"the {what} Series has {len(hint)} values for {len(series)} names"
        raise ValueError(msg)
    return _text(hint)


def _text(series: pl.Series) -> pl.Series:
    """The Series as text: strings and categories as they are, anything else as nulls."""
    if series.dtype == pl.String:
        return series
    if series.dtype in (pl.Categorical, pl.Enum) or isinstance(series.dtype, pl.Enum):
        return series.cast(pl.String)
    return pl.Series(series.name, [None] * len(series), dtype=pl.String)
