"""toponyms.dask.resolve_series on a real local cluster: the pandas adapter's result, row for row.

One ``LocalCluster`` with 2 worker processes serves the module. Its workers load the data once
each, whatever the number of partitions, and receive a resolver as a reference to its data.
"""

import pickle
import random
import subprocess
import sys
from collections.abc import Iterator

import pytest
from hypothesis import given
from hypothesis import strategies as st

# A local cluster of two worker processes: with the slow sweeps, which .ci/run runs too.
pytestmark = pytest.mark.slow

dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")

import dask  # noqa: E402
import pandas as pd  # noqa: E402

from tests._cases import load_cases  # noqa: E402
from toponyms import InvalidHintError, Resolver, default_resolver  # noqa: E402
from toponyms.dask import FIELDS, resolve_series  # noqa: E402
from toponyms.pandas import resolve_series as resolve_pandas  # noqa: E402

ODD_CELLS = [None, float("nan"), "", "   ", 42, 3.5, "x" * 1001, "Kramatrosk", "Thursday"]


def _column(rows: int = 400) -> tuple[pd.Series, pd.Series]:
    """Real names of the case tables with their hints, odd cells, repeated and shuffled."""
    cases = load_cases("resolve.tsv") + load_cases("ua_regions.tsv")
    pairs: list[tuple[object, object]] = [(c["query"], c.get("country_hint")) for c in cases]
    pairs += [(cell, None) for cell in ODD_CELLS]
    pairs += [("Pokrovsk", "RU"), ("Pokrovsk", "Ukraine"), ("Kiev", "XX"), ("Kiev", 7)]
    rng = random.Random(16)
    chosen = rng.choices(pairs, k=rows)
    # A sorted index that is not 0..n-1, so alignment and the index are both checked.
    index = pd.Index([10 * i + 3 for i in range(rows)], name="event")
    names = pd.Series([v for v, _ in chosen], index=index, name="city", dtype=object)
    hints = pd.Series([h for _, h in chosen], index=index, name="cc", dtype=object)
    return names, hints


def _dask(series: pd.Series, npartitions: int = 5) -> dd.Series:
    # Keep the cells as they are: by default Dask turns an object column into strings, 42 -> "42".
    with dask.config.set({"dataframe.convert-string": False}):
        return dd.from_pandas(series, npartitions=npartitions)


@pytest.fixture(scope="module")
def client() -> Iterator[distributed.Client]:
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
        ) as cluster,
        distributed.Client(cluster) as connected,
    ):
        yield connected


def test_with_a_hint_column_the_cluster_gives_the_pandas_result(
    client: distributed.Client,
) -> None:
    names, hints = _column()
    lazy = resolve_series(_dask(names), country=_dask(hints), fields=FIELDS)
    got = client.compute(lazy).result()
    assert lazy.npartitions >= 4
    pd.testing.assert_frame_equal(got, resolve_pandas(names, country=hints, fields=FIELDS))
    assert got["city_name"].notna().sum() > 100  # the comparison is not between empty frames


@pytest.mark.parametrize(
    ("options"),
    [
        {"country": "UA"},
        {"kind": "region", "prefix": "p_", "fields": ["id", "score", "name", "id"]},
        {"min_score": 95, "fields": ["method", "lat", "lon"]},
        {"admin1": "Donetsk Oblast", "fields": ["name", "admin1"]},
    ],
    ids=["one-country", "kind-prefix-fields", "min-score", "admin1"],
)
def test_hints_and_options_give_the_pandas_result(
    client: distributed.Client, options: dict[str, object]
) -> None:
    names, _ = _column()
    got = client.compute(resolve_series(_dask(names), **options)).result()  # type: ignore[arg-type]
    pd.testing.assert_frame_equal(got, resolve_pandas(names, **options))  # type: ignore[arg-type]


def test_meta_is_the_pandas_result_on_no_rows() -> None:
    names, hints = _column(20)
    lazy = resolve_series(_dask(names), country=_dask(hints))
    empty = resolve_pandas(names.iloc[:0], country=hints.iloc[:0])
    pd.testing.assert_frame_equal(lazy._meta, empty)
    assert lazy.dtypes.to_dict() == lazy.compute(scheduler="sync").dtypes.to_dict()


def test_workers_load_the_data_once_each_however_many_partitions(
    client: distributed.Client,
) -> None:
    # A resolver of its own settings: no earlier test has loaded it anywhere.
    resolver = Resolver(min_score=87.5, cache_size=1234)
    assert len(pickle.dumps(resolver)) < 200  # a reference to the data, not its indexes
    names, _ = _column(2000)

    def loaded() -> tuple[bool, bool]:
        from toponyms._resolver import shared_resolver

        return shared_resolver(None, 87.5, True, 1234).loaded, default_resolver().loaded

    before = client.run(loaded)
    lazy = resolve_series(_dask(names, npartitions=12), resolver=resolver)
    got = client.compute(lazy).result()
    after = client.run(loaded)
    assert len(after) == 2
    assert [own for own, _ in before.values()] == [False, False]
    assert [own for own, _ in after.values()] == [True, True]  # 12 partitions, 2 loads
    assert not resolver.loaded  # the client never needed the data
    pd.testing.assert_frame_equal(got, resolve_pandas(names, resolver=resolver))


@given(
    cells=st.lists(st.sampled_from([c["query"] for c in load_cases("resolve.tsv")] + ODD_CELLS)),
    npartitions=st.integers(min_value=1, max_value=6),
)
def test_partitioning_never_changes_a_row(cells: list[object], npartitions: int) -> None:
    names = pd.Series(cells, dtype=object, name="c")
    lazy = resolve_series(_dask(names, npartitions), fields=["name", "geonames_id", "score"])
    pd.testing.assert_frame_equal(
        lazy.compute(scheduler="sync"),
        resolve_pandas(names, fields=["name", "geonames_id", "score"]),
    )


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda s: resolve_series(s.compute()), TypeError, "dask Series, not pandas"),
        (lambda s: resolve_series(s, country=pd.Series(["UA"])), TypeError, "country"),
        (lambda s: resolve_series(s, fields=["planet"]), ValueError, "planet"),
        (lambda s: resolve_series(s, kind="planet"), InvalidHintError, "planet"),
        (lambda s: resolve_series(s, min_score=101), InvalidHintError, "101"),
        (lambda s: resolve_series(s, country="Atlantis"), InvalidHintError, "Atlantis"),
        (lambda s: resolve_series(s, admin1="Narnia Oblast"), InvalidHintError, "Narnia"),
    ],
    ids=["pandas-series", "pandas-hints", "field", "kind", "min-score", "country", "admin1"],
)
def test_bad_arguments_are_named_before_any_task(
    call: object, error: type[Exception], message: str
) -> None:
    names = _dask(pd.Series(["Kyiv", "Lviv"]), npartitions=2)
    with pytest.raises(error, match=message):
        call(names)  # type: ignore[operator]


def test_neither_engine_is_imported_by_toponyms() -> None:
    code = (
        "import sys, toponyms, toponyms.pandas\n"
        "print(sorted(m for m in ('dask', 'distributed', 'pyspark') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_without_dask_the_import_error_says_how_to_install() -> None:
    code = (
        "import sys; sys.modules['dask'] = None; sys.modules['dask.dataframe'] = None\n"
        "try:\n    import toponyms.dask\nexcept ImportError as e:\n    print(e)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "pip install 'toponyms[dask]'" in done.stdout
