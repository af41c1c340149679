"""resolve_series: aligned on the index, missing cells give empty rows, per-row hints."""

import pytest

pd = pytest.importorskip("pandas")

from toponyms.pandas import resolve_series  # noqa: E402


def test_aligned_on_a_non_default_index() -> None:
    s = pd.Series(["Kharkov", None, "Kiev", float("nan"), "", "Kharkov", 42], index=list("abcdefg"))
    out = resolve_series(s, fields=["name", "geonames_id", "score"], prefix="p_")
    assert list(out.index) == list("abcdefg")
    assert list(out.columns) == ["p_name", "p_geonames_id", "p_score"]
    assert out["p_name"].tolist() == ["Kharkiv", pd.NA, "Kyiv", pd.NA, pd.NA, "Kharkiv", pd.NA]
    assert str(out["p_geonames_id"].dtype) == "Int64"


def test_per_row_country_series() -> None:
    s = pd.Series(["Pokrovsk", "Pokrovsk"], index=[5, 7], name="town")
    hints = pd.Series(["UA", "RU"], index=[5, 7])
    out = resolve_series(s, country=hints)
    assert out["town_country"].tolist() == ["UA", "RU"]


def test_misaligned_hints_and_unknown_fields_are_errors() -> None:
    s = pd.Series(["Kyiv"])
    with pytest.raises(ValueError, match="same index"):
        resolve_series(s, country=pd.Series(["UA"], index=[9]))
    with pytest.raises(ValueError, match="planet"):
        resolve_series(s, fields=["planet"])


def test_import_toponyms_does_not_import_pandas() -> None:
    import subprocess
    import sys

    code = "import sys, toponyms; toponyms.resolve('Kyiv'); print('pandas' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


def test_without_pandas_the_import_error_says_how_to_install() -> None:
    import subprocess
    import sys

    code = (
        "import sys; sys.modules['pandas'] = None\n"
        "try:\n    import toponyms.pandas\nexcept ImportError as e:\n    print(e)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "pip install 'toponyms[pandas]'" in done.stdout


def test_optional_fields_have_their_dtypes() -> None:
    s = pd.Series(["Hong Kong", "Springfield", None], name="c")
    out = resolve_series(s, fields=["name", "ambiguous", "code", "population"])
    assert [str(out[c].dtype) for c in out.columns] == ["string", "boolean", "string", "Int64"]
    assert out["c_code"].tolist() == ["HK", pd.NA, pd.NA]
    assert out["c_ambiguous"].tolist() == [False, True, pd.NA]
