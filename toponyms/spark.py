"""Resolve a column of a Spark DataFrame: ``toponyms.spark.resolve_column``.

Requires the optional extra ``toponyms[spark]``. The column (and its hint column) goes to the
Python workers through a pandas UDF over Arrow, each batch through
``toponyms.pandas.resolve_series``: the same values as the pandas adapter, in Spark types. A
worker process loads the data once and remembers the values it has resolved across batches.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

try:
    import pandas as pd
    from pyspark.sql import DataFrame
    from pyspark.sql import functions as sf
    from pyspark.sql import types as st
    from pyspark.sql.pandas.functions import pandas_udf
except ImportError as exc:  # pragma: no cover - exercised without pyspark installed
    msg = "toponyms.spark needs pyspark: pip install 'toponyms[spark]'"
    raise ImportError(msg) from exc

from toponyms._columns import check_hints
from toponyms._partitions import resolve_partition
from toponyms.pandas import DEFAULT_FIELDS, FIELDS
from toponyms.pandas import resolve_series as _resolve_pandas

if TYPE_CHECKING:
    from toponyms._kinds import PlaceKind
    from toponyms._resolver import Resolver

__all__ = ["DEFAULT_FIELDS", "FIELDS", "resolve_column"]

#: The Spark type of each pandas dtype the pandas adapter gives its result columns.
_SPARK_TYPES: dict[str, st.DataType] = {
    "string": st.StringType(),
    "Int64": st.LongType(),
    "Float64": st.DoubleType(),
    "boolean": st.BooleanType(),
}

_PANDAS_3 = "PySpark does not yet fully support pandas >= 3"

# The struct the UDF returns, under a name no caller's column has.
_RESULT = "__toponyms_result__"


def resolve_column(
    df: DataFrame,
    column: str,
    *,
    country_column: str | None = None,
    kind: str | PlaceKind | None = None,
    admin1: str | None = None,
    min_score: float | None = None,
    fields: Sequence[str] = DEFAULT_FIELDS,
    prefix: str | None = None,
    resolver: Resolver | None = None,
) -> DataFrame:
    """Add the resolved place of a column to every row of a Spark DataFrame (lazily).

    Args:
        df: The DataFrame.
        column: The column of place names (nulls, empty strings and a column that holds no
            text give null result fields).
        country_column: A column holding a per-row country hint (a bad hint in a cell leaves
            that row unresolved).
        kind: Only places of this kind.
        admin1: Only places in this first-level subdivision (one hint for all rows).
        min_score: Lowest score for a fuzzy match.
        fields: Result columns to add, from ``FIELDS``.
        prefix: Prefix of the result columns (default: ``column`` and ``_``).
        resolver: The resolver to use (default: the shared one). It travels to the workers as
            a reference to its data and settings; each Python worker loads that data once.

    Returns:
        ``df`` with the result columns appended (``string``, ``bigint`` and ``double``, all
        nullable), its rows in their order.

    Raises:
        TypeError: ``df`` is not a Spark DataFrame.
        ValueError: an unknown field name or column, or a result column that ``df`` already
            has.
        InvalidHintError: ``kind`` or ``min_score`` names nothing known (checked here, before
            any task runs).

    Examples:
        >>> from pyspark.sql import SparkSession
        >>> from toponyms.spark import resolve_column
        >>> spark = SparkSession.builder.getOrCreate()
        >>> df = spark.createDataFrame([("Kiev",), (None,)], "city string")
        >>> resolve_column(df, "city", fields=["name", "country"]).show()
        +----+---------+------------+
        |city|city_name|city_country|
        +----+---------+------------+
        |Kiev|     Kyiv|          UA|
        |NULL|     NULL|        NULL|
        +----+---------+------------+
        <BLANKLINE>
    """
    given: object = df
    if not isinstance(given, DataFrame):
        kind_of = f"{type(given).__module__}.{type(given).__name__}"
        msg = f"df must be a Spark DataFrame, not {kind_of}: {given!r:.80}"
        raise TypeError(msg)
    missing = [c for c in (column, country_column) if c is not None and c not in df.columns]
    if missing:
        msg = f"no column {missing[0]!r} (columns: {', '.join(df.columns)})"
        raise ValueError(msg)
    check_hints(resolver, country=None, kind=kind, min_score=min_score, admin1=admin1)
    prefix = f"{column}_" if prefix is None else prefix
    options: dict[str, Any] = {
        "kind": kind,
        "admin1": admin1,
        "min_score": min_score,
        "fields": fields,
    }
    meta = _resolve_pandas(pd.Series([], dtype=object), prefix="", **options)
    clash = [prefix + str(f) for f in meta.columns if prefix + str(f) in df.columns]
    if clash:
        msg = f"the DataFrame already has the result columns {clash} (choose another prefix)"
        raise ValueError(msg)
    types = {str(f): _SPARK_TYPES[str(t)] for f, t in meta.dtypes.items()}
    schema = st.StructType([st.StructField(f, t, nullable=True) for f, t in types.items()])
    with warnings.catch_warnings():
        # PySpark warns about pandas 3 when a pandas UDF is made; this one's results are tested
        # equal to the pandas adapter's under pandas 3 (tests/test_spark.py).
        warnings.filterwarnings("ignore", _PANDAS_3, FutureWarning)
        udf = _udf(schema, country_column is not None, resolver, options)
    resolved = udf(*(sf.col(_quoted(c)) for c in (column, country_column) if c is not None))
    # The struct is computed once, in its own column, then spread into the result columns.
    with_result = df.withColumn(_RESULT, resolved)
    spread = {prefix + f: sf.col(_RESULT).getField(f) for f in types}
    return with_result.withColumns(spread).drop(_RESULT)


def _quoted(name: str) -> str:
    """A column name as Spark reads it literally (a dot would otherwise reach into a struct)."""
    return "`" + name.replace("`", "``") + "`"


def _udf(
    schema: st.StructType, hinted: bool, resolver: Resolver | None, options: dict[str, Any]
) -> Any:
    """The pandas UDF of one call: one Arrow batch of names (and hints) in, a frame out."""
    if hinted:

        def resolve_hinted(names: pd.Series, hints: pd.Series) -> pd.DataFrame:
            return resolve_partition(names, hints, prefix="", resolver=resolver, **options)

        return pandas_udf(resolve_hinted, returnType=schema)  # type: ignore[call-overload]

    def resolve(names: pd.Series) -> pd.DataFrame:
        return resolve_partition(names, None, prefix="", resolver=resolver, **options)

    return pandas_udf(resolve, returnType=schema)  # type: ignore[call-overload]
