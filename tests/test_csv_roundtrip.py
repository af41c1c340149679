"""`toponyms normalize` on real files: other columns byte-identical, atomic output, clear errors."""

import csv
import io
from pathlib import Path

import pytest

import toponyms
from toponyms.cli import main

ROWS = [
    ["id", "city", "note"],
    ["1", "Kiev", 'quoted, with "quotes"'],
    ["2", "Krasnoarmeysk", "two\r\nlines"],
    ["3", "", "empty cell"],
    ["4", "Qwxzvbn", "unknown"],
    ["5", "Дніпро", "x" * 1_000_000],
]


def write_csv(path: Path, *, encoding: str = "utf-8", terminator: str = "\r\n") -> bytes:
    buf = io.StringIO(newline="")
    csv.writer(buf, lineterminator=terminator).writerows(ROWS)
    data = buf.getvalue().encode(encoding)
    path.write_bytes(data)
    return data


def read_rows(path: Path, encoding: str = "utf-8") -> list[list[str]]:
    with path.open(encoding=encoding, newline="") as fh:
        return list(csv.reader(fh))


@pytest.mark.parametrize(
    ("encoding", "terminator"),
    [("utf-8", "\r\n"), ("utf-8", "\n"), ("utf-8-sig", "\r\n"), ("cp1251", "\n")],
)
def test_original_columns_come_back_byte_identical(
    tmp_path: Path, encoding: str, terminator: str
) -> None:
    src, out = tmp_path / "in.csv", tmp_path / "out.csv"
    original = write_csv(src, encoding=encoding, terminator=terminator)
    args = ["normalize", str(src), "--column", "city", "-o", str(out), "--quiet"]
    if encoding == "cp1251":
        args += ["--encoding", "cp1251"]
    assert main(args) == 0
    produced = out.read_bytes()
    assert produced.startswith(b"\xef\xbb\xbf") == original.startswith(b"\xef\xbb\xbf")
    rows = read_rows(out, "utf-8-sig" if encoding == "utf-8-sig" else encoding)
    assert [r[:3] for r in rows] == ROWS
    assert rows[0][3:] == [
        "city_name",
        "city_country",
        "city_admin1",
        "city_geonames_id",
        "city_method",
        "city_score",
    ]
    assert rows[1][3] == "Kyiv"
    assert rows[2][3] == "Pokrovsk"
    assert rows[3][3:] == [""] * 6
    assert rows[5][3] == "Dnipro"
    # Every input record is a prefix of its output record, to the byte.
    assert produced.count(terminator.encode()) == original.count(terminator.encode())


def test_numeric_column_and_index(tmp_path: Path) -> None:
    src, out = tmp_path / "in.csv", tmp_path / "out.csv"
    write_csv(src)
    assert main(["normalize", str(src), "--column", "1", "-o", str(out), "--quiet"]) == 0
    assert [r[3] for r in read_rows(out)[1:]] == ["", "", "", "", ""]


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        ("missing", "no such file"),
        ("empty", "empty file"),
        ("column", "no column 'town' (columns: id, city, note)"),
        ("folder", "output folder does not exist"),
        ("inplace", "--in-place"),
        ("decode", "cannot decode"),
    ],
)
def test_user_errors_are_one_line_and_write_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], setup: str, message: str
) -> None:
    src, out = tmp_path / "in.csv", tmp_path / "out.csv"
    write_csv(src)
    column, target = "city", str(out)
    if setup == "missing":
        src = tmp_path / "nope.csv"
    elif setup == "empty":
        src.write_bytes(b"")
    elif setup == "column":
        column = "town"
    elif setup == "folder":
        target = str(tmp_path / "no" / "out.csv")
    elif setup == "inplace":
        target = str(src)
    elif setup == "decode":
        src.write_bytes("id,city\n1,Київ\n".encode() + b"2,\xff\xfe\n")
    before = src.read_bytes() if src.exists() else None
    assert main(["normalize", str(src), "--column", column, "-o", target]) == 2
    err = capsys.readouterr().err
    assert message in err
    assert err.count("\n") == 1
    assert not out.exists()
    if before is not None:
        assert src.read_bytes() == before


def test_a_run_failing_part_way_leaves_no_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    src, out = tmp_path / "in.csv", tmp_path / "out.csv"
    write_csv(src)
    out.write_bytes(b"previous content\n")
    calls = {"n": 0}
    real = toponyms.Resolver.resolve

    def flaky(self, name, **kw):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        if calls["n"] > 2:
            msg = "disk on fire"
            raise RuntimeError(msg)
        return real(self, name, **kw)

    monkeypatch.setattr(toponyms.Resolver, "resolve", flaky)
    with pytest.raises(RuntimeError):
        main(["normalize", str(src), "--column", "city", "-o", str(out), "--quiet"])
    assert out.read_bytes() == b"previous content\n"
    assert {p.name for p in tmp_path.iterdir()} == {"in.csv", "out.csv"}


def test_unresolved_file_and_strict(tmp_path: Path) -> None:
    src, out, bad = tmp_path / "in.csv", tmp_path / "out.csv", tmp_path / "bad.csv"
    write_csv(src)
    args = ["normalize", str(src), "--column", "city", "-o", str(out), "--quiet"]
    assert main([*args, "--unresolved", str(bad), "--strict"]) == 1
    assert read_rows(bad) == [["value", "count"], ["Qwxzvbn", "1"]]
