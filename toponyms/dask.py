"""Resolve a Dask Series of place names: ``toponyms.dask.resolve_series``.

Requires the optional extra ``toponyms[dask]``. Each partition goes through
``toponyms.pandas.resolve_series`` with ``map_partitions``, so the result has the pandas
adapter's columns, dtypes and index; a worker process loads the data once and remembers the
values it has resolved across partitions.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, cast

try:
    import dask.dataframe as dd
except ImportError as exc:  # pragma: no cover - exercised without dask installed
    msg = "toponyms.dask needs dask: pip install 'toponyms[dask]'"
    raise ImportError(msg) from exc

from toponyms._columns import check_hints
from toponyms._partitions import resolve_partition
from toponyms.pandas import DEFAULT_FIELDS, FIELDS
from toponyms.pandas import resolve_series as _resolve_pandas

if TYPE_CHECKING:
    from toponyms._kinds import PlaceKind
    from toponyms._resolver import Resolver

__all__ = ["DEFAULT_FIELDS", "FIELDS", "resolve_series"]


def resolve_series(
    series: dd.Series,
    *,
    country: str | dd.Series | None = None,
    kind: str | PlaceKind | None = None,
    admin1: str | None = None,
    min_score: float | None = None,
    fields: Sequence[str] = DEFAULT_FIELDS,
    prefix: str | None = None,
    resolver: Resolver | None = None,
) -> dd.DataFrame:
    """Resolve every value of a Dask Series, partition by partition; returns a Dask DataFrame.

    Nothing is computed here: the result is a lazy frame whose partitions are the pandas
    adapter's results on the Series' partitions (same columns, dtypes, ``meta`` and index).

    Args:
        series: Place names (missing values, empty strings and non-string cells give empty
            result rows).
        country: One country hint for all rows, or a Dask Series of hints on the same index
            (aligned with the names as Dask aligns two Series).
        kind: Only places of this kind.
        admin1: Only places in this first-level subdivision (one hint for all rows).
        min_score: Lowest score for a fuzzy match.
        fields: Result columns to add, from ``FIELDS``.
        prefix: Prefix of the result columns (default: the Series name and ``_``, or none).
        resolver: The resolver to use (default: the shared one). It travels to the workers as
            a reference to its data and settings; each worker process loads that data once.

    Returns:
        A Dask DataFrame with one row per input row, on the Series' index.

    Raises:
        TypeError: ``series`` or ``country`` is not a Dask Series (or a string for ``country``).
        ValueError: an unknown field name.
        InvalidHintError: ``kind``, ``min_score`` or a single ``country`` names nothing known
            (checked here, before any task runs; a hint Series is checked cell by cell, and a
            bad cell is an unresolved row).

    Examples:
        >>> import dask.dataframe as dd
        >>> import pandas as pd
        >>> from toponyms.dask import resolve_series
        >>> s = dd.from_pandas(pd.Series(["Kiev", None, "Kharkov", "Dimitrov"], name="city"),
        ...                    npartitions=2)
        >>> resolved = resolve_series(s, fields=["name", "country"])
        >>> resolved.npartitions
        2
        >>> resolved.compute(scheduler="sync")
           city_name city_country
        0       Kyiv           UA
        1       <NA>         <NA>
        2    Kharkiv           UA
        3  Myrnohrad           UA
    """
    _check_type("series", series, "a dask Series")
    if country is not None and not isinstance(country, str):
        _check_type("country", country, "a string or a dask Series")
    # Checked on the client, before any task: a hint Series is checked cell by cell instead.
    single = country if isinstance(country, str) else None
    check_hints(resolver, country=single, kind=kind, min_score=min_score, admin1=admin1)
    options = {
        "kind": kind,
        "admin1": admin1,
        "min_score": min_score,
        "fields": fields,
        "prefix": prefix,
    }
    # The pandas adapter on the empty meta Series: one definition of columns and dtypes (and
    # it rejects unknown fields here, before any task runs).
    hints_meta = country._meta if isinstance(country, dd.Series) else country
    meta = _resolve_pandas(series._meta, country=hints_meta, **options)  # type: ignore[arg-type]
    if isinstance(country, dd.Series):
        parts = dd.map_partitions(  # type: ignore[no-untyped-call]
            resolve_partition, series, country, resolver=resolver, meta=meta, **options
        )
    else:
        parts = series.map_partitions(  # type: ignore[no-untyped-call]
            resolve_partition, country, resolver=resolver, meta=meta, **options
        )
    return cast("dd.DataFrame", parts)


def _check_type(name: str, value: object, expected: str) -> None:
    """Raise a ``TypeError`` naming the argument and what it was given, unless a Dask Series."""
    if not isinstance(value, dd.Series):
        given = f"{type(value).__module__}.{type(value).__name__}"
        msg = f"{name} must be {expected}, not {given}: {value!r:.80}"
        raise TypeError(msg)
