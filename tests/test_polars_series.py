"""toponyms.polars.resolve_series: one row per value in order, nulls for nothing, per-row hints."""

import subprocess
import sys

import pytest

pl = pytest.importorskip("polars")
pd = pytest.importorskip("pandas")

import toponyms  # noqa: E402
from toponyms import pandas as pandas_adapter  # noqa: E402
from toponyms.polars import resolve_series  # noqa: E402


def test_rows_in_order_with_nulls_for_missing_and_empty() -> None:
    s = pl.Series("city", ["Kharkov", None, "Kiev", "", "Kharkov", "Qwxzvbn"])
    out = resolve_series(s, fields=["name", "geonames_id", "score"], prefix="p_")
    assert out.columns == ["p_name", "p_geonames_id", "p_score"]
    assert out["p_name"].to_list() == ["Kharkiv", None, "Kyiv", None, "Kharkiv", None]
    assert out.schema["p_geonames_id"] == pl.Int64
    assert out.schema["p_score"] == pl.Float64


def test_per_row_country_series_and_a_whole_column_hint() -> None:
    s = pl.Series("town", ["Pokrovsk", "Pokrovsk", "Pokrovsk"])
    out = resolve_series(s, country=pl.Series(["UA", "RU", None]))
    assert out["town_country"].to_list() == ["UA", "RU", "UA"]
    assert resolve_series(s, country="RU")["town_country"].to_list() == ["RU"] * 3


def test_text_in_categories_and_no_text_at_all() -> None:
    cats = pl.Series("c", ["Lviv", "Kyiv", "Lviv"]).cast(pl.Categorical)
    assert resolve_series(cats, fields=["name"])["c_name"].to_list() == ["Lviv", "Kyiv", "Lviv"]
    numbers = resolve_series(pl.Series("n", [1, 2]), fields=["name"])
    assert numbers["n_name"].to_list() == [None, None]
    empty = resolve_series(pl.Series("e", [], dtype=pl.String), fields=["name"])
    assert empty.height == 0


def test_the_same_answers_as_the_pandas_adapter() -> None:
    texts = toponyms.default_resolver().gazetteer.name_text[::997][:300]
    names = [t if i % 7 else t.upper() for i, t in enumerate(texts)] + [None, ""]
    fields = list(pandas_adapter.FIELDS)
    ours = resolve_series(pl.Series("x", names), fields=fields)
    theirs = pandas_adapter.resolve_series(pd.Series(names, name="x"), fields=fields)
    for field in fields:
        column = f"x_{field}"
        expected = [None if v is pd.NA else v for v in theirs[column].tolist()]
        assert ours[column].to_list() == expected, field


def test_a_field_asked_for_twice_is_one_column() -> None:
    out = resolve_series(pl.Series("c", ["Kyiv"]), fields=["name", "name"])
    assert out.columns == ["c_name"]


def test_bad_arguments_are_value_errors() -> None:
    s = pl.Series(["Kyiv"])
    with pytest.raises(ValueError, match="2 values for 1 names"):
        resolve_series(s, country=pl.Series(["UA", "UA"]))
    with pytest.raises(ValueError, match="planet"):
        resolve_series(s, fields=["planet"])


def test_without_polars_the_import_error_says_how_to_install() -> None:
    code = (
        "import sys; sys.modules['polars'] = None\n"
        "try:\n    import toponyms.polars\nexcept ImportError as e:\n    print(e)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "pip install 'toponyms[polars]'" in done.stdout
