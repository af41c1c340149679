"""The junk sweeps of test_property_suite, through the command line and ``normalize`` rather
than the API: any text in a cell or in an argument gives a clean exit 0, 1 or 2, every row and
every other cell intact, and no traceback (issue 11, item 8)."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from toponyms.cli import main
from toponyms.testing import names, non_places

#: Any text a UTF-8 file can hold (no lone surrogates), NUL and line ends included.
TEXT = st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=40)
#: Mostly short junk, now and then a cell over the name limit.
CELL = st.one_of(TEXT, TEXT, TEXT, st.builds(lambda t: (t or "x") * 600, TEXT))
#: Hints: junk, real codes, nothing.
HINT = st.one_of(st.sampled_from(["", "UA", "RU", "Ruritania", "US"]), TEXT)


def _read(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))


@settings(max_examples=30, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    cells=st.lists(st.tuples(CELL, HINT, TEXT), min_size=1, max_size=12),
    hinted=st.booleans(),
)
def test_any_cells_through_normalize_keep_every_row_and_cell(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    cells: list[tuple[str, str, str]],
    hinted: bool,
) -> None:
    src, out = tmp_path / "in.csv", tmp_path / "out.csv"
    buf = io.StringIO(newline="")
    csv.writer(buf, lineterminator="\n").writerows([("city", "cc", "note"), *cells])
    src.write_bytes(buf.getvalue().encode("utf-8"))
    args = ["normalize", str(src), "--column", "city", "-o", str(out), "--jobs", "1"]
    args += ["--fields", "name,method", "--delimiter", ","]
    if hinted:
        args += ["--country-column", "cc"]
    code = main(args)
    err = capsys.readouterr().err
    assert code == 0, err
    assert err.count("\n") == 1  # the summary
    before, after = _read(src.read_bytes()), _read(out.read_bytes())
    assert len(after) == len(before)
    # Each record as it was, with the two fields right after its own (a blank line stays one).
    assert [row[: len(was)] for row, was in zip(after, before, strict=True)] == before
    assert [len(row) - len(was) for row, was in zip(after, before, strict=True)] == [
        2 if was else 0 for was in before
    ]


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(words=st.lists(st.one_of(TEXT, non_places()), min_size=1, max_size=4))
def test_any_arguments_through_resolve_exit_cleanly(
    capsys: pytest.CaptureFixture[str], words: list[str]
) -> None:
    for argv in (
        ["resolve", "--", *words],
        ["resolve", "--json", "--candidates", "2", "--", *words],
    ):
        try:
            code = main(argv)
        except SystemExit as exc:  # argparse: an option it does not know
            code = exc.code  # type: ignore[assignment]
        captured = capsys.readouterr()
        assert code in (0, 1, 2), captured.err
        assert "Traceback" not in captured.err
        if code == 2:
            assert captured.err.count("\n") == 1
        if "--json" in argv and code in (0, 1):
            assert len(captured.out.splitlines()) == len(words)


@settings(max_examples=20, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=names(min_population=15_000))
def test_known_names_resolve_through_the_command(capsys: pytest.CaptureFixture[str], name) -> None:  # type: ignore[no-untyped-def]
    assert main(["resolve", "--json", "--", name.text]) == 0
    assert f'"id": "{name.place.id}"' in capsys.readouterr().out


@settings(max_examples=4, deadline=None)
@given(
    words=st.lists(
        st.binary(min_size=1, max_size=30).filter(lambda b: b"\x00" not in b),
        min_size=1,
        max_size=3,
    )
)
def test_any_argv_bytes_through_the_real_command(words: list[bytes]) -> None:
    """The installed command as a shell runs it: argv as bytes, decoded by the locale."""
    done = subprocess.run(
        [sys.executable, "-m", "toponyms.cli", "resolve", "--json", "--", *words],
        capture_output=True,
        check=False,
        timeout=120,
    )
    assert done.returncode in (0, 1, 2), done.stderr
    assert b"Traceback" not in done.stderr
    done.stdout.decode("utf-8")  # valid UTF-8, whatever came in
