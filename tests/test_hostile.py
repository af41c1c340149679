"""No hang, no loss, no blind trust (issue 11): the command against hostile input and
surroundings. Each test here failed before the fix it names."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from toponyms import _csvio
from toponyms._columns import NAME_LIMIT
from toponyms._helpers import available
from toponyms.cli import main

COMMAND = [sys.executable, "-m", "toponyms.cli"]


def command(*args: str, **kwargs: object) -> subprocess.CompletedProcess[bytes]:
    if "stdout" in kwargs:
        kwargs["stderr"] = subprocess.PIPE
    else:
        kwargs["capture_output"] = True
    return subprocess.run([*COMMAND, *args], check=False, **kwargs)  # type: ignore[call-overload, no-any-return]


def one_line_error(done: subprocess.CompletedProcess[bytes], *words: str) -> None:
    err = done.stderr.decode("utf-8", "replace")
    assert done.returncode == 2, err
    assert err.count("\n") == 1, err
    assert "Traceback" not in err
    for word in words:
        assert word in err


# -- 1. hang ------------------------------------------------------------------------------


@pytest.mark.skipif(not available(), reason="helpers need os.fork")
def test_an_unclosed_quote_in_a_large_file_neither_hangs_nor_goes_unnoticed(
    tmp_path: Path,
) -> None:
    """Found in issue 11: with helpers, a value over ~258k characters (here one unclosed quote
    that takes in the rest of the file) was offered to a helper it could never fit, forever."""
    rows = [f"{i},Kiev\n" for i in range(200_000)]
    rows[100] = '100,"Kiev\n'
    src, out = tmp_path / "u.csv", tmp_path / "o.csv"
    src.write_text("id,city\n" + "".join(rows), encoding="utf-8")
    assert src.stat().st_size >= 1 << 20
    done = command(
        "normalize", str(src), "--column", "city", "-o", str(out), "--jobs", "2", timeout=120
    )
    err = done.stderr.decode()
    assert done.returncode == 0, err
    assert "warning" in err
    assert "row 101" in err
    assert "199,900 lines" in err
    produced = out.read_bytes()
    assert len(produced.splitlines()) == len(src.read_bytes().splitlines())
    assert produced.endswith(b"\n199999,Kiev,,,,,,\n")  # one unresolved value to the end


def test_values_over_the_name_limit_are_never_sent_to_be_resolved(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import toponyms

    src, out = tmp_path / "in.csv", tmp_path / "out.csv"
    long_value, long_hint = "K" * (NAME_LIMIT + 1), "U" * (NAME_LIMIT + 1)
    src.write_text(
        f"city,cc\n{long_value},\nKyiv,{long_hint}\n{'K' * NAME_LIMIT},\n", encoding="utf-8"
    )
    asked: list[int] = []
    real = toponyms.Resolver._fields

    def spy(self, name, **kw):  # type: ignore[no-untyped-def]
        asked.append(len(name))
        return real(self, name, **kw)

    monkeypatch.setattr(toponyms.Resolver, "_fields", spy)
    args = ["normalize", str(src), "--column", "city", "--country-column", "cc", "-o", str(out)]
    assert main([*args, "--fields", "method", "--quiet"]) == 0
    assert asked == [NAME_LIMIT]
    assert out.read_text().splitlines()[1:] == [
        f"{long_value},,",
        f"Kyiv,{long_hint},",
        f"{'K' * NAME_LIMIT},,",
    ]


def test_the_name_limit_is_the_resolvers() -> None:
    from toponyms._resolver import MAX_LENGTH

    assert NAME_LIMIT == MAX_LENGTH


# -- 2. --unresolved may not replace the input or the output --------------------------------


@pytest.mark.parametrize("target", ["input", "output", "link to input", "missing folder"])
def test_unresolved_file_is_checked_like_the_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], target: str
) -> None:
    """Found in issue 11: ``--unresolved in.csv`` exited 0 and in.csv held the unresolved list."""
    src, out = tmp_path / "in.csv", tmp_path / "out.csv"
    src.write_text("id,city\n1,Qwxzvbn\n", encoding="utf-8")
    out.write_text("before\n", encoding="utf-8")
    link = tmp_path / "link.csv"
    link.symlink_to(src)
    unresolved = {
        "input": src,
        "output": out,
        "link to input": link,
        "missing folder": tmp_path / "no" / "u.csv",
    }[target]
    args = ["normalize", str(src), "--column", "city", "-o", str(out)]
    assert main([*args, "--unresolved", str(unresolved)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "--unresolved" in err
    assert src.read_text(encoding="utf-8") == "id,city\n1,Qwxzvbn\n"
    assert out.read_text(encoding="utf-8") == "before\n"


def test_unresolved_file_is_written_atomically(tmp_path: Path) -> None:
    src, out, bad = tmp_path / "in.csv", tmp_path / "out.csv", tmp_path / "bad.csv"
    src.write_text("id,city\n1,Qwxzvbn\n", encoding="utf-8")
    bad.write_text("old\n", encoding="utf-8")
    bad.chmod(0o640)
    args = ["normalize", str(src), "--column", "city", "-o", str(out), "--quiet"]
    assert main([*args, "--unresolved", str(bad)]) == 0
    assert bad.read_text(encoding="utf-8").splitlines() == ["value,count", "Qwxzvbn,1"]
    assert bad.stat().st_mode & 0o777 == 0o640  # replaced, keeping its mode
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.csv", "in.csv", "out.csv"]


# -- 3. SIGTERM, and temporary files left by a killed run -----------------------------------


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP], ids=["TERM", "HUP"])
def test_a_termination_signal_leaves_no_temporary_file(tmp_path: Path, signum: int) -> None:
    """Found in issue 11: SIGTERM left a hidden 65-105 MB temporary file beside the output."""
    out = tmp_path / "out.csv"
    with subprocess.Popen(
        [*COMMAND, "normalize", "-", "--column", "city", "-o", str(out)],
        stdin=subprocess.PIPE,
        stderr=subprocess.PIPE,
    ) as proc:
        assert proc.stdin is not None
        assert proc.stderr is not None
        proc.stdin.write(b"id,city\n1,Kyiv\n")
        proc.stdin.flush()
        deadline = time.monotonic() + 60
        while not list(tmp_path.iterdir()) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert [p.name.startswith(".out.csv.toponyms-") for p in tmp_path.iterdir()] == [True]
        proc.send_signal(signum)
        assert proc.wait(timeout=60) == 128 + signum
        assert proc.stderr.read() == b"toponyms: terminated\n"
    assert list(tmp_path.iterdir()) == []


def test_stale_temporary_files_of_dead_runs_are_cleared(tmp_path: Path) -> None:
    src, out = tmp_path / "in.csv", tmp_path / "out.csv"
    src.write_text("id,city\n1,Kyiv\n", encoding="utf-8")
    dead_pid = _dead_pid()
    prefix = _csvio._tmp_prefix(out.resolve())
    stale = tmp_path / f"{prefix}{dead_pid}.abcd1234.tmp"
    alive = tmp_path / f"{prefix}{os.getpid()}.efgh5678.tmp"  # a run still going: kept
    other = tmp_path / ".out.csv.something-else"  # not ours: kept
    for path in (stale, alive, other):
        path.write_bytes(b"x" * 1000)
    assert main(["normalize", str(src), "--column", "city", "-o", str(out), "--quiet"]) == 0
    assert not stale.exists()
    assert alive.exists()
    assert other.exists()


def _dead_pid() -> int:
    """The pid of a process that has ended (and is not yet reused)."""
    proc = subprocess.Popen(["true"])
    proc.wait()
    return proc.pid


# -- 4. output encodings ----------------------------------------------------------------------


def test_a_result_the_output_encoding_cannot_hold_is_one_line(tmp_path: Path) -> None:
    """Found in issue 11: Łódź into a latin-1 output was a UnicodeEncodeError traceback."""
    src, out = tmp_path / "l.csv", tmp_path / "o.csv"
    src.write_bytes("id,city\n1,Lodz\n".encode("latin-1"))
    done = command(
        "normalize", str(src), "--column", "city", "--encoding", "latin-1", "-o", str(out)
    )
    one_line_error(done, "'Ł'", "latin-1", "--output-encoding utf-8")
    assert list(tmp_path.iterdir()) == [src]
    again = command(
        "normalize",
        str(src),
        "--column",
        "city",
        "--encoding",
        "latin-1",
        "-o",
        str(out),
        "--output-encoding",
        "utf-8",
    )
    assert again.returncode == 0
    assert "Łódź" in out.read_text(encoding="utf-8")


def test_resolve_on_an_ascii_terminal_writes_escapes() -> None:
    """Found in issue 11: under PYTHONIOENCODING=ascii, resolve crashed on Łódź."""
    env = {**os.environ, "PYTHONIOENCODING": "ascii"}
    done = command("resolve", "Lodz", env=env)
    assert done.returncode == 0, done.stderr
    assert b"\\u0141\\xf3d\\u017a" in done.stdout
    as_json = command("resolve", "--json", "Lodz", env=env)
    assert as_json.returncode == 0
    assert json.loads(as_json.stdout)["place"]["name"] == "Łódź"


# -- 5. one line and exit 2, never a traceback and exit 1 -------------------------------------


@pytest.mark.parametrize(
    ("extra", "named"),
    [
        (["--output-encoding", "klingon"], "--output-encoding: unknown encoding 'klingon'"),
        (["--encoding", "klingon"], "--encoding: unknown encoding 'klingon'"),
        (["--encoding", "rot13"], "is not a text encoding"),
        (["--output-encoding", "base64"], "is not a text encoding"),
        (["--delimiter", ",,"], "--delimiter"),
        (["--delimiter", '"'], "--delimiter"),
        (["--jobs", "0"], "--jobs"),
        (["--fields", "planet"], "unknown fields 'planet'"),
    ],
    ids=lambda v: v if isinstance(v, str) else " ".join(v),
)
def test_bad_options_are_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], extra: list[str], named: str
) -> None:
    src, out = tmp_path / "in.csv", tmp_path / "out.csv"
    src.write_text("id,city\n1,Kyiv\n", encoding="utf-8")
    assert main(["normalize", str(src), "--column", "city", "-o", str(out), *extra]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert named in err
    assert list(tmp_path.iterdir()) == [src]


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_full_disk_is_one_line(tmp_path: Path) -> None:
    src = tmp_path / "in.csv"
    src.write_text("id,city\n1,Kyiv\n", encoding="utf-8")
    to_device = command("normalize", str(src), "--column", "city", "-o", "/dev/full")
    one_line_error(to_device, "/dev/full", "No space left")
    with open("/dev/full", "wb") as full:
        to_stdout = command("normalize", str(src), "--column", "city", stdout=full)
        one_line_error(to_stdout, "standard output", "No space left")
        resolved = subprocess.run(
            [*COMMAND, "resolve", "Kyiv"], stdout=full, stderr=subprocess.PIPE, check=False
        )
        one_line_error(resolved, "standard output", "No space left")  # type: ignore[arg-type]


def test_a_file_size_limit_is_one_line_and_leaves_nothing(tmp_path: Path) -> None:
    import resource

    src, out = tmp_path / "in.csv", tmp_path / "out.csv"
    src.write_text("id,city\n" + "1,Kyiv\n" * 50_000, encoding="utf-8")

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (100_000, 100_000))

    done = subprocess.run(
        [*COMMAND, "normalize", str(src), "--column", "city", "-o", str(out), "--jobs", "1"],
        capture_output=True,
        preexec_fn=limit,
        check=False,
    )
    one_line_error(done, "out.csv", "File too large")
    assert list(tmp_path.iterdir()) == [src]


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_an_unwritable_output_folder_is_one_line(tmp_path: Path) -> None:
    src, folder = tmp_path / "in.csv", tmp_path / "locked"
    src.write_text("id,city\n1,Kyiv\n", encoding="utf-8")
    folder.mkdir()
    folder.chmod(0o500)
    try:
        done = command("normalize", str(src), "--column", "city", "-o", str(folder / "o.csv"))
    finally:
        folder.chmod(0o700)
    one_line_error(done, "o.csv", "Permission denied")


@pytest.mark.skipif(not Path("/proc/self").exists(), reason="needs /proc")
def test_a_folder_where_no_file_can_be_made_is_one_line(tmp_path: Path) -> None:
    src = tmp_path / "in.csv"
    src.write_text("id,city\n1,Kyiv\n", encoding="utf-8")
    done = command("normalize", str(src), "--column", "city", "-o", "/proc/toponyms-out.csv")
    one_line_error(done, "/proc/toponyms-out.csv", "cannot create")


def test_a_closed_stdout_is_an_error() -> None:
    done = subprocess.run(
        ["sh", "-c", f"{subprocess.list2cmdline([*COMMAND, 'resolve', 'Kyiv'])} >&-"],
        capture_output=True,
        check=False,
    )
    one_line_error(done, "standard output is closed")


def test_a_non_utf8_locale_reads_arguments_as_typed() -> None:
    """Found in issue 11: under LC_ALL=C, Київ arrived as surrogates and was unresolved."""
    env = {**os.environ, "LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONIOENCODING": ""}
    env.pop("PYTHONIOENCODING")
    done = subprocess.run(
        [*COMMAND, "resolve", "--json", "Київ".encode(), b"\xffKyiv"],
        capture_output=True,
        env=env,
        check=False,
    )
    first, second = done.stdout.decode("utf-8").splitlines()  # valid UTF-8, whatever came in
    assert json.loads(first)["place"]["name"] == "Kyiv"
    assert json.loads(second)["input"] == "\ufffdKyiv"


# -- 7. what is echoed is cut -------------------------------------------------------------------


def test_huge_values_and_headers_are_cut_in_messages(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found in issue 11: the summary printed a whole 4.5 MB value; "no column" an 8.9 MB header."""
    src, out = tmp_path / "in.csv", tmp_path / "out.csv"
    huge = "Q" * 4_500_000
    src.write_text(f"id,city\n1,{huge}\n", encoding="utf-8")
    assert main(["normalize", str(src), "--column", "city", "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert len(err) < 1000
    assert "(4,500,000 characters)" in err
    src.write_text(f"id,{huge}\n1,Kyiv\n", encoding="utf-8")
    assert main(["normalize", str(src), "--column", "city", "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert len(err) < 1000
    assert "no column 'city'" in err
    assert "characters)" in err


def test_a_reader_that_goes_away_stops_the_command_quietly(tmp_path: Path) -> None:
    """``toponyms normalize big.csv | head -1``: no traceback, no error line."""
    src = tmp_path / "in.csv"
    src.write_text("id,city\n" + "1,Kyiv\n" * 100_000, encoding="utf-8")
    with subprocess.Popen(
        [*COMMAND, "normalize", str(src), "--column", "city", "--jobs", "1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    ) as proc:
        assert proc.stdout is not None
        assert proc.stderr is not None
        assert proc.stdout.readline().startswith(b"id,city,city_name")
        proc.stdout.close()
        assert proc.wait(timeout=120) == 0
        assert proc.stderr.read() == b""
