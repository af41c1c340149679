"""Resolve a pandas Series of place names: ``toponyms.pandas.resolve_series``.

Requires the optional extra ``toponyms[pandas]``. Each distinct (value, country) pair is resolved
once, then the results are spread back over the rows by their codes, so a column of a million
repeated names costs about as much as its few thousand distinct values.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

try:
    import pandas as pd
except ImportError as exc:  # pragma: no cover - exercised without pandas installed
    msg = "toponyms.pandas needs pandas: pip install 'toponyms[pandas]'"
    raise ImportError(msg) from exc

from toponyms._columns import DEFAULT_FIELDS, FIELDS, unknown_fields
from toponyms._kinds import PlaceKind

if TYPE_CHECKING:
    from toponyms._resolver import Resolver

__all__ = ["DEFAULT_FIELDS", "FIELDS", "resolve_series"]


_DTYPES = {
    "name": "string",
    "country": "string",
    "admin1": "string",
    "geonames_id": "Int64",
    "method": "string",
    "score": "Float64",
    "lat": "Float64",
    "lon": "Float64",
    "id": "string",
}


def resolve_series(
    series: pd.Series,
    *,
    country: str | pd.Series | None = None,
    kind: str | PlaceKind | None = None,
    min_score: float | None = None,
    fields: Sequence[str] = DEFAULT_FIELDS,
    prefix: str | None = None,
    resolver: Resolver | None = None,
) -> pd.DataFrame:
    """Resolve every value of a Series; returns a DataFrame aligned on the Series' index.

    Args:
        series: Place names (missing values, NaN, empty strings and non-string cells give
            empty result rows).
        country: One country hint for all rows, or a Series of hints aligned on the index.
        kind: Only places of this kind.
        min_score: Lowest score for a fuzzy match.
        fields: Result columns to add, from ``FIELDS``.
        prefix: Prefix of the result columns (default: the Series name and ``_``, or none).
        resolver: The resolver to use (default: the shared one).

    Returns:
        One row per input row, same index, nullable dtypes.

    Raises:
        ValueError: an unknown field name, or a hint Series with another index.

    Examples:
        >>> import pandas as pd
        >>> from toponyms.pandas import resolve_series
        >>> s = pd.Series(["Kiev", None, "Krasnoarmeysk"], index=[10, 20, 30], name="city")
        >>> resolve_series(s, fields=["name", "country"])
           city_name city_country
        10      Kyiv           UA
        20      <NA>         <NA>
        30  Pokrovsk           UA
    """
    from toponyms import default_resolver

    wrong = unknown_fields(fields)
    if wrong:
        raise ValueError(wrong)
    fields = list(dict.fromkeys(fields))  # a field asked for twice is one column
    active = resolver or default_resolver()
    if prefix is None:
        prefix = f"{series.name}_" if series.name is not None else ""
    if isinstance(country, pd.Series):
        if not country.index.equals(series.index):
            msg = "the country Series must have the same index as the names"
            raise ValueError(msg)
        keys = pd.MultiIndex.from_arrays([series.astype("object"), country.astype("object")])
        codes, uniques = pd.factorize(keys)
        pairs = [(v, c) for v, c in uniques]
    else:
        codes, uniques = pd.factorize(series.astype("object"))
        pairs = [(v, country) for v in uniques]
    # The same decision as resolve(), once per distinct (value, hint), without building the
    # Match and Place models: the columns need only their plain values.
    found = [
        active._fields(
            value,
            country=hint if isinstance(hint, str) else None,
            kind=kind,
            min_score=min_score,
        )
        if isinstance(value, str)
        else None
        for value, hint in pairs
    ]
    # Missing cells have code -1: point them at an extra empty slot after the uniques.
    slots = codes.copy()
    slots[slots < 0] = len(found)
    columns: dict[str, Any] = {}
    for field in fields:
        cells: list[Any] = [*(None if f is None else getattr(f, field) for f in found), None]
        table: Any = pd.array(cells, dtype=_DTYPES[field])  # type: ignore[call-overload]
        columns[prefix + field] = table.take(slots)
    # Fresh arrays, in the rows' order: no alignment, and no copy, needed.
    return pd.DataFrame(columns, index=series.index, copy=False)
