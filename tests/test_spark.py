"""toponyms.spark.resolve_column on a local Spark session: the pandas adapter's result, row for row.

One ``local[2]`` session serves the module, with small Arrow batches so that every partition is
several batches (a worker remembers values across them). It is left running for the doctests of
``toponyms/spark.py`` and ``docs/scale.md``, which ask for the active session; Spark stops it when
the process ends.
"""

import random
import subprocess
import sys

import pytest

pyspark_sql = pytest.importorskip("pyspark.sql")

import pandas as pd  # noqa: E402
from pyspark.sql import types as st  # noqa: E402

from tests._cases import load_cases  # noqa: E402
from toponyms import InvalidHintError  # noqa: E402
from toponyms.pandas import resolve_series  # noqa: E402
from toponyms.spark import FIELDS, resolve_column  # noqa: E402

# PySpark 4 warns that it does not fully support pandas 3 when the test converts frames; the
# results are checked here, under pandas 3, against the pandas adapter.
# A local Spark session costs ~10 s to start: the module runs with the slow sweeps, which
# .ci/run runs too (TOPONYMS_SLOW=1).
pytestmark = [
    pytest.mark.slow,
    pytest.mark.filterwarnings("ignore:PySpark does not yet fully support pandas:FutureWarning"),
]

SPARK_TYPES = {
    "string": st.StringType(),
    "Int64": st.LongType(),
    "Float64": st.DoubleType(),
    "boolean": st.BooleanType(),
}


def _rows(count: int = 400) -> pd.DataFrame:
    """Real names of the case tables with their hints, missing and odd cells, shuffled."""
    cases = load_cases("resolve.tsv") + load_cases("ua_regions.tsv")
    pairs = [(c["query"], c.get("country_hint") or None) for c in cases]
    pairs += [(cell, None) for cell in (None, "", "   ", "42", "x" * 1001, "Kramatrosk")]
    pairs += [("Pokrovsk", "RU"), ("Pokrovsk", "Ukraine"), ("Kiev", "XX"), (None, "UA")]
    chosen = random.Random(16).choices(pairs, k=count)
    return pd.DataFrame(
        {
            "event": range(count),
            "city": pd.Series([v for v, _ in chosen], dtype=object),
            "cc": pd.Series([h for _, h in chosen], dtype=object),
        }
    )


@pytest.fixture(scope="module")
def spark() -> pyspark_sql.SparkSession:
    session = (
        pyspark_sql.SparkSession.builder.master("local[2]")
        .appName("toponyms-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.pyspark.python", sys.executable)
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.sql.execution.arrow.maxRecordsPerBatch", "32")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    return session


def _frame(spark: pyspark_sql.SparkSession, rows: pd.DataFrame, schema: str, parts: int = 5):  # type: ignore[no-untyped-def]
    """A DataFrame of these rows in this order, in several partitions (no shuffle)."""
    records = [tuple(None if pd.isna(v) else v for v in r) for r in rows.itertuples(index=False)]
    return spark.sparkContext.parallelize(records, parts).toDF(schema)


def _as_pandas_result(frame, expected: pd.DataFrame) -> pd.DataFrame:  # type: ignore[no-untyped-def]
    """The result columns collected back (in order), in the pandas adapter's dtypes."""
    records = [tuple(row) for row in frame.select(*map(_quoted, expected.columns)).collect()]
    got = pd.DataFrame.from_records(records, columns=expected.columns)
    return got.astype(expected.dtypes.to_dict())


def _quoted(name: str) -> str:
    return "`" + name.replace("`", "``") + "`"


def _column(frame, name: str) -> list[object]:  # type: ignore[no-untyped-def]
    return [row[0] for row in frame.select(_quoted(name)).collect()]


def test_with_a_hint_column_spark_gives_the_pandas_result(
    spark: pyspark_sql.SparkSession,
) -> None:
    rows = _rows()
    df = _frame(spark, rows, "event long, city string, cc string")
    out = resolve_column(df, "city", country_column="cc", fields=FIELDS)
    expected = resolve_series(rows["city"], country=rows["cc"], fields=FIELDS)
    assert df.rdd.getNumPartitions() == 5
    assert out.columns == ["event", "city", "cc", *expected.columns]
    assert _column(out, "event") == list(range(len(rows)))
    pd.testing.assert_frame_equal(_as_pandas_result(out, expected), expected)
    assert expected["city_name"].notna().sum() > 100  # not a comparison of empty frames
    types = {f.name: f.dataType for f in out.schema.fields}
    assert {c: types[c] for c in expected} == {
        c: SPARK_TYPES[str(t)] for c, t in expected.dtypes.items()
    }


@pytest.mark.parametrize(
    "options",
    [
        {"kind": "region", "prefix": "p_", "fields": ["id", "score", "name", "id"]},
        {"min_score": 95, "fields": ["method", "lat", "lon"]},
        {"admin1": "Donetsk Oblast", "fields": ["name", "admin1"]},
    ],
    ids=["kind-prefix-fields", "min-score", "admin1"],
)
def test_options_give_the_pandas_result(
    spark: pyspark_sql.SparkSession, options: dict[str, object]
) -> None:
    rows = _rows()
    out = resolve_column(
        _frame(spark, rows, "event long, city string, cc string"), "city", **options
    )  # type: ignore[arg-type]
    expected = resolve_series(rows["city"], **options)  # type: ignore[arg-type]
    pd.testing.assert_frame_equal(_as_pandas_result(out, expected), expected)


def test_a_column_without_text_and_an_odd_name(spark: pyspark_sql.SparkSession) -> None:
    rows = pd.DataFrame({"where.raw": [804, None, 42], "b`q": ["Kyiv", "Lviv", None]}, dtype=object)
    df = _frame(spark, rows, "`where.raw` long, `b``q` string", parts=2)
    numbers = resolve_column(df, "where.raw", kind="country")
    texts = resolve_column(df, "b`q", prefix="t_", fields=["name"])
    expected = resolve_series(
        pd.Series([804, None, 42], dtype=object), kind="country", prefix="where.raw_"
    )
    pd.testing.assert_frame_equal(_as_pandas_result(numbers, expected), expected)
    assert _column(texts, "t_name") == ["Kyiv", "Lviv", None]


def test_the_udf_runs_once_per_row(
    spark: pyspark_sql.SparkSession, capsys: pytest.CaptureFixture[str]
) -> None:
    df = _frame(spark, _rows(10), "event long, city string, cc string", parts=2)
    resolve_column(df, "city", fields=FIELDS).explain()
    plan = capsys.readouterr().out
    assert plan.count("ArrowEvalPython") == 1, plan


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda _: resolve_column(_rows(4), "city"), TypeError, "Spark DataFrame, not pandas"),
        (lambda df: resolve_column(df, "town"), ValueError, "'town'"),
        (lambda df: resolve_column(df, "city", country_column="cc2"), ValueError, "'cc2'"),
        (lambda df: resolve_column(df, "city", fields=["planet"]), ValueError, "planet"),
        (lambda df: resolve_column(df, "city", kind="planet"), InvalidHintError, "planet"),
        (lambda df: resolve_column(df, "city", min_score=-1), InvalidHintError, "-1"),
        (lambda df: resolve_column(resolve_column(df, "city"), "city"), ValueError, "city_name"),
    ],
    ids=["pandas-frame", "column", "hint-column", "field", "kind", "min-score", "clash"],
)
def test_bad_arguments_are_named_before_any_task(
    spark: pyspark_sql.SparkSession, call: object, error: type[Exception], message: str
) -> None:
    df = _frame(spark, _rows(4), "event long, city string, cc string", parts=1)
    with pytest.raises(error, match=message):
        call(df)  # type: ignore[operator]


def test_without_pyspark_the_import_error_says_how_to_install() -> None:
    code = (
        "import sys; sys.modules['pyspark'] = None\n"
        "try:\n    import toponyms.spark\nexcept ImportError as e:\n    print(e)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "pip install 'toponyms[spark]'" in done.stdout
