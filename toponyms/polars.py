"""Resolve a Polars Series of place names: ``toponyms.polars.resolve_series``.

Requires the optional extra ``toponyms[polars]``. Each distinct (value, country) pair is resolved
once, as in ``toponyms.pandas``, and the results are joined back onto the rows in their order.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

try:
    import polars as pl
except ImportError as exc:  # pragma: no cover - exercised without polars installed
    msg = "toponyms.polars needs polars: pip install 'toponyms[polars]'"
    raise ImportError(msg) from exc

from toponyms._columns import DEFAULT_FIELDS, FIELDS, unknown_fields
from toponyms._kinds import PlaceKind

if TYPE_CHECKING:
    from toponyms._resolver import Resolver

__all__ = ["DEFAULT_FIELDS", "FIELDS", "resolve_series"]

_DTYPES: dict[str, Any] = {
    "name": pl.String,
    "country": pl.String,
    "admin1": pl.String,
    "geonames_id": pl.Int64,
    "method": pl.String,
    "score": pl.Float64,
    "lat": pl.Float64,
    "lon": pl.Float64,
    "id": pl.String,
}


def resolve_series(
    series: pl.Series,
    *,
    country: str | pl.Series | None = None,
    kind: str | PlaceKind | None = None,
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
        min_score: Lowest score for a fuzzy match.
        fields: Result columns to add, from ``FIELDS``.
        prefix: Prefix of the result columns (default: the Series name and ``_``, or none).
        resolver: The resolver to use (default: the shared one).

    Returns:
        One row per input row, in order; nulls where nothing matched.

    Raises:
        ValueError: an unknown field name, or a hint Series of another length.

    Examples:
        >>> import polars as pl
        >>> from toponyms.polars import resolve_series
        >>> s = pl.Series("city", ["Kiev", None, "Krasnoarmeysk"])
        >>> resolve_series(s, fields=["name", "country"]).rows()
        [('Kyiv', 'UA'), (None, None), ('Pokrovsk', 'UA')]
    """
    from toponyms import default_resolver

    wrong = unknown_fields(fields)
    if wrong:
        raise ValueError(wrong)
    fields = list(dict.fromkeys(fields))  # a field asked for twice is one column
    active = resolver or default_resolver()
    if prefix is None:
        prefix = f"{series.name}_" if series.name else ""
    values = _text(series)
    if isinstance(country, pl.Series):
        if len(country) != len(series):
            msg = f"the country Series has {len(country)} values for {len(series)} names"
            raise ValueError(msg)
        hints = _text(country)
    else:
        hints = pl.repeat(country, len(series), dtype=pl.String, eager=True)
    # A missing hint is "" here, so that it joins (nulls never do); it means no hint.
    rows = pl.DataFrame({"_v": values, "_h": hints.fill_null("")}).with_row_index("_row")
    pairs = rows.select("_v", "_h").unique(maintain_order=True).drop_nulls("_v")
    # The same decision as resolve(), once per distinct (value, hint), as plain values.
    found = [
        active._fields(value, country=hint or None, kind=kind, min_score=min_score)
        for value, hint in pairs.iter_rows()
    ]
    table = pairs.with_columns(
        pl.Series(
            prefix + field,
            [None if f is None else getattr(f, field) for f in found],
            dtype=_DTYPES[field],
        )
        for field in fields
    )
    joined = rows.join(table, on=["_v", "_h"], how="left")
    return joined.sort("_row").select(prefix + field for field in fields)


def _text(series: pl.Series) -> pl.Series:
    """The Series as text: strings and categories as they are, anything else as nulls."""
    if series.dtype == pl.String:
        return series
    if series.dtype in (pl.Categorical, pl.Enum) or isinstance(series.dtype, pl.Enum):
        return series.cast(pl.String)
    return pl.Series(series.name, [None] * len(series), dtype=pl.String)
