"""One query, one search: every column entry point takes the same hints, checks them up front,
and passes them all on (issue 10)."""

from __future__ import annotations

from pathlib import Path

import pytest

import toponyms
from toponyms.cli import main

pd = pytest.importorskip("pandas")
pl = pytest.importorskip("polars")

from toponyms import pandas as pandas_adapter  # noqa: E402
from toponyms import polars as polars_adapter  # noqa: E402

#: (option, value, the words the one-line error must name)
BAD_HINTS = [
    ("--country", "XX", "invalid country 'XX'"),
    ("--country", "Ruritania", "invalid country 'Ruritania'"),
    ("--admin1", "Narnia", "invalid admin1 'Narnia'"),
    ("--min-score", "nan", "invalid min_score nan"),
    ("--min-score", "inf", "invalid min_score inf"),
    ("--min-score", "101", "invalid min_score 101.0"),
    ("--min-score", "-1", "invalid min_score -1.0"),
    ("--country", "U" * 1001, "invalid country 'UUUU"),
]
IDS = [f"{option}={value[:12]}" for option, value, _ in BAD_HINTS]


@pytest.fixture
def springfield(tmp_path: Path) -> Path:
    src = tmp_path / "in.csv"
    src.write_text(
        "id,city,state\n1,Springfield,Illinois\n2,Springfield,\n3,Springfield,Missouri\n",
        encoding="utf-8",
    )
    return src


@pytest.mark.parametrize(("option", "value", "named"), BAD_HINTS, ids=IDS)
def test_resolve_refuses_a_bad_hint_in_one_line(
    capsys: pytest.CaptureFixture[str], option: str, value: str, named: str
) -> None:
    assert main(["resolve", option, value, "Kyiv"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1
    assert named in captured.err


@pytest.mark.parametrize(("option", "value", "named"), BAD_HINTS, ids=IDS)
def test_normalize_refuses_a_bad_hint_before_writing_anything(
    capsys: pytest.CaptureFixture[str], springfield: Path, option: str, value: str, named: str
) -> None:
    """Found in issue 10: ``--country XX`` exited 0 with "0.0% resolved"."""
    out = springfield.parent / "out.csv"
    args = ["normalize", str(springfield), "--column", "city", "-o", str(out)]
    assert main([*args, option, value]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert named in err
    assert len(err) < 300  # a long hint is cut in the message
    assert not out.exists()
    assert [p.name for p in springfield.parent.iterdir()] == ["in.csv"]


def test_candidates_take_the_admin1_hint(capsys: pytest.CaptureFixture[str]) -> None:
    """Found in issue 10: with --admin1 Illinois, Springfield listed Missouri and Massachusetts."""
    assert main(["resolve", "--admin1", "Illinois", "--candidates", "3", "Springfield"]) == 0
    rows = [line.split() for line in capsys.readouterr().out.splitlines()[1:]]
    assert rows
    assert {row[-3] for row in rows} == {"Illinois"}
    assert main(["resolve", "--candidates", "3", "Springfield"]) == 0
    unhinted = [line.split() for line in capsys.readouterr().out.splitlines()[1:]]
    assert len({row[-4] for row in unhinted}) > 1  # without the hint, several states


def test_candidates_take_the_min_score(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["resolve", "--candidates", "5", "Bakhmutt"]) == 0
    loose = capsys.readouterr().out.count("~")
    assert main(["resolve", "--candidates", "5", "--min-score", "80", "Bakhmutt"]) == 0
    strict = capsys.readouterr().out.count("~")
    assert loose > strict


def test_the_table_shows_the_score_compared_with_min_score(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """One decimal: a fuzzy 87.5 must not read as 88, which the default floor would accept."""
    expected = [f"{m.score:.1f}" for m in toponyms.candidates("Bakhmutt", limit=3)]
    assert any(not s.endswith(".0") for s in expected)
    assert main(["resolve", "--candidates", "3", "Bakhmutt"]) == 0
    shown = [line.split()[-1] for line in capsys.readouterr().out.splitlines()[2:]]
    assert shown == expected


def test_normalize_takes_admin1_for_every_row_and_per_row(
    capsys: pytest.CaptureFixture[str], springfield: Path
) -> None:
    args = ["normalize", str(springfield), "--column", "city", "--fields", "admin1", "--quiet"]
    assert main([*args, "--admin1", "Massachusetts"]) == 0
    assert capsys.readouterr().out.split()[1:] == [
        f"{i},Springfield,{s},Massachusetts" for i, s in [(1, "Illinois"), (2, ""), (3, "Missouri")]
    ]
    assert main([*args, "--admin1-column", "state", "--admin1", "Massachusetts"]) == 0
    rows = capsys.readouterr().out.split()[1:]
    assert [row.rsplit(",", 1)[1] for row in rows] == ["Illinois", "Massachusetts", "Missouri"]


def test_normalize_with_both_hint_columns(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    src = tmp_path / "in.csv"
    src.write_text("city,cc,state\nPokrovsk,RU,\nSpringfield,US,Illinois\nPokrovsk,,\n", "utf-8")
    args = ["normalize", str(src), "--column", "city", "--fields", "country,admin1", "--quiet"]
    assert main([*args, "--country-column", "cc", "--admin1-column", "state"]) == 0
    rows = capsys.readouterr().out.splitlines()[1:]
    assert [row.split(",", 3)[3] for row in rows] == [
        "RU,Sakha Republic",
        "US,Illinois",
        "UA,Donetsk Oblast",
    ]


@pytest.mark.parametrize(
    "adapter",
    [pandas_adapter.resolve_series, polars_adapter.resolve_series],
    ids=["pandas", "polars"],
)
def test_the_dataframe_adapters_take_admin1(adapter) -> None:  # type: ignore[no-untyped-def]
    names = ["Springfield", "Springfield", "Springfield"]
    states = ["Illinois", None, "Missouri"]
    series = pd.Series(names) if adapter is pandas_adapter.resolve_series else pl.Series(names)
    hints = pd.Series(states) if adapter is pandas_adapter.resolve_series else pl.Series(states)
    one = adapter(series, admin1="Massachusetts", fields=["admin1"], prefix="")
    per_row = adapter(series, admin1=hints, fields=["admin1"], prefix="")
    assert list(one["admin1"]) == ["Massachusetts"] * 3
    assert list(per_row["admin1"])[0::2] == ["Illinois", "Missouri"]


@pytest.mark.parametrize(
    "hints",
    [{"country": "XX"}, {"admin1": "Narnia"}, {"min_score": float("nan")}, {"kind": "planet"}],
    ids=repr,
)
@pytest.mark.parametrize(
    "adapter",
    [pandas_adapter.resolve_series, polars_adapter.resolve_series],
    ids=["pandas", "polars"],
)
def test_the_dataframe_adapters_refuse_a_bad_hint_for_all_rows(adapter, hints) -> None:  # type: ignore[no-untyped-def]
    series = (
        pd.Series(["Kyiv"]) if adapter is pandas_adapter.resolve_series else pl.Series(["Kyiv"])
    )
    with pytest.raises(toponyms.InvalidHintError) as caught:
        adapter(series, **hints)
    assert isinstance(caught.value, ValueError)


def test_a_bad_hint_in_a_hint_column_is_one_empty_row(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    src = tmp_path / "in.csv"
    src.write_text("city,cc\nKyiv,XX\nKyiv,UA\n", "utf-8")
    args = ["normalize", str(src), "--column", "city", "--country-column", "cc", "--fields", "name"]
    assert main(args) == 0
    assert capsys.readouterr().out.splitlines()[1:] == ["Kyiv,XX,", "Kyiv,UA,Kyiv"]
