"""Resolve a pandas Series of place names: ``toponyms.pandas.resolve_series``.

Requires the optional extra ``toponyms[pandas]``. Each distinct value, with its hints, is resolved
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
    series: pd.Series,
    *,
    country: str | pd.Series | None = None,
    kind: str | PlaceKind | None = None,
    admin1: str | pd.Series | None = None,
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
        admin1: One first-level subdivision hint for all rows, or a Series of them.
        min_score: Lowest score for a fuzzy match.
        fields: Result columns to add, from ``FIELDS``.
        prefix: Prefix of the result columns (default: the Series name and ``_``, or none).
        resolver: The resolver to use (default: the shared one).

    Returns:
        One row per input row, same index, nullable dtypes.

    Raises:
        ValueError: an unknown field name, or a hint Series with another index.
        InvalidHintError: a hint for all rows that names nothing known (a ``ValueError``). A
            bad hint in a hint Series gives its row an empty result instead.

    Examples:
        >>> import pandas as pd
        >>> from toponyms.pandas import resolve_series
        >>> s = pd.Series(["Kiev", None, "Krasnoarmeysk"], index=[10, 20, 30], name="city")
        >>> resolve_series(s, fields=["name", "country"])
           city_name city_country
        10      Kyiv           UA
        20      <NA>         <NA>
        30  Pokrovsk           UA
        >>> resolve_series(pd.Series(["Springfield"]), admin1="Illinois", fields=["admin1"])
             admin1
        0  Illinois
    """
    fields = check_fields(fields)
    per_row = {
        what: hint
        for what, hint in (("country", country), ("admin1", admin1))
        if isinstance(hint, pd.Series)
    }
    for what, hint in per_row.items():
        if not hint.index.equals(series.index):
            msg = f"the {what} Series must have the same index as the names"
            raise ValueError(msg)
    active = check_hints(
        resolver,
        country=None if "country" in per_row else country,
        kind=kind,
        admin1=None if "admin1" in per_row else admin1,
        min_score=min_score,
    )
    if prefix is None:
        prefix = f"{series.name}_" if series.name is not None else ""
    hints = {"country": country, "admin1": admin1, **per_row}
    codes, found = _resolve_distinct(active, series, hints, fields, kind=kind, min_score=min_score)
    # Missing cells have code -1: point them at an extra empty slot after the uniques.
    slots = codes.copy()
    slots[slots < 0] = len(found)
    columns: dict[str, Any] = {}
    for field in fields:
        cells: list[Any] = [*(None if f is None else getattr(f, field) for f in found), None]
        dtype = COLUMNS[field].pandas
        table: Any = pd.array(cells, dtype=dtype)  # type: ignore[call-overload]
        columns[prefix + field] = table.take(slots)
    # Fresh arrays, in the rows' order: no alignment, and no copy, needed.
    return pd.DataFrame(columns, index=series.index, copy=False)


def _resolve_distinct(
    active: Resolver,
    series: pd.Series,
    hints: dict[str, Any],
    fields: list[str],
    *,
    kind: str | PlaceKind | None,
    min_score: float | None,
) -> tuple[Any, list[Fields | FullFields | None]]:
    """Each row's code, and the fields of each distinct (value, hints) the codes point to.

    The same decision as resolve(), once per distinct (value, hints), without building the
    Match and Place models: the columns need only their plain values.
    """
    per_row = [what for what, hint in hints.items() if isinstance(hint, pd.Series)]
    arrays = [series.astype("object"), *(hints[what].astype("object") for what in per_row)]
    if per_row:
        codes, uniques = pd.factorize(pd.MultiIndex.from_arrays(arrays))
    else:
        codes, uniques = pd.factorize(arrays[0])
    full = any(f in OPTIONAL_FIELDS for f in fields)
    found: list[Fields | FullFields | None] = []
    for unique in uniques:
        parts = iter(unique if per_row else (unique,))
        value = next(parts)
        country, admin1 = (next(parts) if w in per_row else hints[w] for w in ("country", "admin1"))
        found.append(
            fields_of(
                active,
                value,
                full=full,
                country=_text(country),
                kind=kind,
                admin1=_text(admin1),
                min_score=min_score,
            )
            if isinstance(value, str)
            else None
        )
    return codes, found


def _text(hint: object) -> str | None:
    """A hint cell as a hint: text, or none (NaN, None, numbers)."""
    return hint if isinstance(hint, str) else None
