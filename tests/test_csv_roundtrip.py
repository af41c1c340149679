"""`toponyms normalize` on real files: other columns byte-identical, atomic output, clear errors."""

import csv
import io
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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
        ("decode", "cannot decode as utf-8 at byte 21 (line 3)"),
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
    real = toponyms.Resolver._fields  # what the command resolves each value with

    def flaky(self, name, **kw):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        if calls["n"] > 2:
            msg = "disk on fire"
            raise RuntimeError(msg)
        return real(self, name, **kw)

    monkeypatch.setattr(toponyms.Resolver, "_fields", flaky)
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


_CELL = st.text(alphabet='ab ,;"\r\n\u00e9', max_size=6)


@settings(max_examples=40)
@given(
    rows=st.lists(st.lists(_CELL, min_size=1, max_size=4), min_size=1, max_size=6),
    terminator=st.sampled_from(["\r\n", "\n"]),
)
def test_any_well_formed_csv_comes_back_with_its_rows_and_bytes(
    tmp_path_factory: pytest.TempPathFactory, rows: list[list[str]], terminator: str
) -> None:
    """Quotes, delimiters, CR and LF inside cells, ragged rows: every record survives whole."""
    folder = tmp_path_factory.mktemp("csv")
    src, out = folder / "in.csv", folder / "out.csv"
    table = [["id", "city", "note"], *rows]
    buf = io.StringIO(newline="")
    csv.writer(buf, lineterminator=terminator).writerows(table)
    src.write_bytes(buf.getvalue().encode("utf-8"))
    args = ["normalize", str(src), "--column", "city", "-o", str(out), "--quiet"]
    assert main([*args, "--fields", "method", "--delimiter", ","]) == 0
    expected = read_rows(src)  # the oracle is the csv module's reading of the input
    produced = read_rows(out)
    assert len(produced) == len(expected)
    for before, after in zip(expected, produced, strict=True):
        if not before:
            assert after == []  # a blank line stays a blank line
            continue
        assert after[: len(before)] == before
        assert len(after) == len(before) + 1  # appended right after the fields of the row
    # Only the appended fields were added, to the byte.
    added = sum(len(f",{r[-1]}".encode()) for r in produced if r)
    assert len(out.read_bytes()) == len(src.read_bytes()) + added


def test_a_terminal_sees_progress_on_a_large_file(tmp_path: Path) -> None:
    """The real command under a pseudo-terminal: rows, rows/s and percent on stderr."""
    import os
    import pty
    import subprocess
    import sys

    src = tmp_path / "big.csv"
    # 20,000 distinct real names resolved in this one process (--jobs 1): a second or more.
    names = toponyms.default_resolver().gazetteer.name_text[::13][:20_000]
    lines = [f"{i},{names[i % len(names)].replace(',', ' ')},{'x' * 20}\n" for i in range(300_000)]
    src.write_text("id,city,note\n" + "".join(lines), encoding="utf-8")
    leader, follower = pty.openpty()
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "toponyms.cli",
            "normalize",
            str(src),
            "--column",
            "city",
            "-o",
            str(tmp_path / "out.csv"),
            "--jobs",
            "1",
        ],
        stderr=follower,
        stdout=subprocess.DEVNULL,
        check=False,
        timeout=300,
    )
    os.close(follower)
    shown = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:
            break
        if not chunk:
            break
        shown += chunk
    os.close(leader)
    assert proc.returncode == 0
    text = shown.decode("utf-8", "replace")
    assert re.search(r"toponyms: [\d,]+ rows, [\d,]+ rows/s, \d+%", text), text[:300]
    assert "300000 rows" in text  # the summary follows


_PIECE = st.sampled_from(["Kiev", "Lviv", "ab", ",", ",", '"', '""', "\r", "\n", "\r\n", " ", ";"])


@settings(max_examples=60)
@given(
    body=st.lists(_PIECE, max_size=60).map("".join),
    chunk=st.integers(min_value=1, max_value=40),
    hinted=st.booleans(),
)
def test_the_block_path_and_the_line_path_write_the_same_bytes(
    tmp_path_factory: pytest.TempPathFactory, body: str, chunk: int, hinted: bool
) -> None:
    """Any text at all (stray quotes, blank lines, CR, LF and CRLF mixed, short rows, no final
    newline), read in blocks of any size: the output is the line-by-line reading's, to the byte."""
    from toponyms import _rows

    folder = tmp_path_factory.mktemp("paths")
    src = folder / "in.csv"
    src.write_bytes(("id,city,note\n" + body).encode("utf-8"))
    produced = {}
    for blocks in (False, True):
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(_rows, "_BLOCKS", blocks)
            patch.setattr(_rows, "_CHUNK", chunk)
            out = folder / f"out-{blocks}.csv"
            args = ["normalize", str(src), "--column", "city", "-o", str(out), "--quiet"]
            hints = ["--country-column", "note", "--country", "UA"] if hinted else []
            assert main([*args, "--delimiter", ",", "--jobs", "1", *hints]) == 0
            produced[blocks] = out.read_bytes()
    assert produced[True] == produced[False]


def test_the_command_with_its_output_streams_closed_still_succeeds(tmp_path: Path) -> None:
    """Found by a review: with stdout closed, the installed command's exit path failed."""
    import shlex
    import subprocess
    import sys

    src, out = tmp_path / "in.csv", tmp_path / "out.csv"
    write_csv(src)
    words = [sys.executable, "-m", "toponyms.cli", "normalize", str(src), "--column", "city"]
    command = shlex.join([*words, "-o", str(out)])
    done = subprocess.run(["sh", "-c", f"{command} >&- 2>&-"], check=False)
    assert done.returncode == 0
    assert [r[:3] for r in read_rows(out)] == ROWS


@pytest.mark.skipif(not Path("/dev/null").exists(), reason="needs /dev/null")
def test_a_device_as_output_is_written_to_not_replaced(tmp_path: Path) -> None:
    """Found by a review: the rename of the finished file replaced /dev/null itself."""
    import stat

    src = tmp_path / "in.csv"
    write_csv(src)
    assert main(["normalize", str(src), "--column", "city", "-o", "/dev/null", "--quiet"]) == 0
    assert stat.S_ISCHR(Path("/dev/null").stat().st_mode)


def test_output_files_get_the_usual_mode_or_keep_the_one_they_had(tmp_path: Path) -> None:
    import os
    import stat

    src, new, old = tmp_path / "in.csv", tmp_path / "new.csv", tmp_path / "old.csv"
    write_csv(src)
    umask = os.umask(0o022)
    try:
        assert main(["normalize", str(src), "--column", "city", "-o", str(new), "--quiet"]) == 0
        old.write_text("x\n", encoding="utf-8")
        old.chmod(0o640)
        assert main(["normalize", str(src), "--column", "city", "-o", str(old), "--quiet"]) == 0
    finally:
        os.umask(umask)
    assert stat.S_IMODE(new.stat().st_mode) == 0o644
    assert stat.S_IMODE(old.stat().st_mode) == 0o640


@pytest.mark.parametrize(("bom", "codec"), [("\ufeff", "utf-16-be"), ("\ufeff", "utf-16-le")])
def test_utf16_comes_back_in_its_own_byte_order(tmp_path: Path, bom: str, codec: str) -> None:
    src, out = tmp_path / "in.csv", tmp_path / "out.csv"
    src.write_bytes((bom + "id,city\r\n1,Київ\r\n").encode(codec))
    assert main(["normalize", str(src), "--column", "city", "-o", str(out), "--quiet"]) == 0
    produced = out.read_bytes()
    assert produced.startswith(src.read_bytes()[:2])  # the same byte order mark
    text = produced.decode(codec)
    assert text.startswith(bom + "id,city,city_name")
    assert "1,Київ,Kyiv,UA" in text


def test_blank_lines_are_rows_but_not_resolved_ones(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by a review: two blank lines and one unknown name read as 66.7% resolved."""
    src, out = tmp_path / "in.csv", tmp_path / "out.csv"
    src.write_text("id,city\n\n1,Qwxzvbn\n\n", encoding="utf-8")
    assert main(["normalize", str(src), "--column", "city", "-o", str(out)]) == 0
    assert "3 rows (2 blank), 1 distinct values, 0.0% resolved" in capsys.readouterr().err


def test_utf16_read_with_an_encoding_asked_for_keeps_one_mark(tmp_path: Path) -> None:
    """Found by a review: --encoding utf-16-le on a file with a mark wrote two marks."""
    src, out = tmp_path / "in.csv", tmp_path / "out.csv"
    src.write_bytes("\ufeffid,city\n1,Lviv\n".encode("utf-16-le"))
    args = ["normalize", str(src), "--column", "city", "-o", str(out), "--quiet"]
    assert main([*args, "--encoding", "utf-16-le"]) == 0
    assert out.read_bytes().decode("utf-16-le").startswith("\ufeffid,city,")
    assert not out.read_bytes().decode("utf-16-le").startswith("\ufeff\ufeff")
    src.write_bytes("\ufeffid,city\n1,Lviv\n".encode("utf-16-be"))
    assert main([*args, "--encoding", "utf-16"]) == 0
    assert out.read_bytes()[:2] == b"\xfe\xff"  # big-endian in, big-endian out


def test_through_a_link_the_file_is_replaced_and_the_link_stays(tmp_path: Path) -> None:
    src, real, link = tmp_path / "in.csv", tmp_path / "real.csv", tmp_path / "link.csv"
    write_csv(src)
    real.write_text("old\n", encoding="utf-8")
    link.symlink_to(real)
    assert main(["normalize", str(src), "--column", "city", "-o", str(link), "--quiet"]) == 0
    assert link.is_symlink()
    assert [r[:3] for r in read_rows(real)] == ROWS


def test_folders_and_empty_tables_get_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "in.csv"
    write_csv(src)
    assert main(["normalize", str(src), "--column", "city", "-o", str(tmp_path)]) == 2
    assert main(["normalize", str(tmp_path), "--column", "city", "-o", "x.csv"]) == 2
    err = capsys.readouterr().err
    assert err.count("is a folder, not a file") == 2
    assert err.count("\n") == 2
    src.write_text("id,city\n\n\n", encoding="utf-8")
    assert main(["normalize", str(src), "--column", "city", "-o", str(tmp_path / "o.csv")]) == 0
    assert "2 rows (2 blank), no value to resolve" in capsys.readouterr().err
