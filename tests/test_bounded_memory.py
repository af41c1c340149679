"""Memory that does not grow with the distinct values of a column (issue 11, item 6).

A 200 MB file with 9.3 million distinct values peaked at 3.8 GB: every value was kept, with its
fields and its count. The row loop now keeps the keys it met in a cache bounded in bytes (least
recently used dropped first) and the counts in memory up to a budget, then on disk; the output
and the counts must not depend on either bound.
"""

from __future__ import annotations

import csv
import io
import random
import sys
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from toponyms import _counts, _rows, _tabular
from toponyms._counts import BUDGET, Tally
from toponyms._rows import CACHE_BUDGET, Columns, RowLoop
from toponyms.cli import main


def _table(rows: int, seed: int) -> str:
    """A column of recurring names, one-off junk, quoted cells, and hints."""
    rng = random.Random(seed)
    names = ["Kiev", "Lviv", "Kharkov", "Dnipro", "Odesa", "Pokrovsk", "Springfield", "Qwxzvbn"]
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(["id", "city", "cc"])
    for i in range(rows):
        city = rng.choice(names) if rng.random() < 0.6 else f"junk{rng.randrange(10**6)}"
        if i % 17 == 0:
            city = f"{city}, UA"  # quoted by the writer
        writer.writerow([i, city, rng.choice(["", "UA", "RU", "US"])])
    return buf.getvalue()


def _run(src: Path, out: Path, *extra: str) -> tuple[bytes, list[list[str]]]:
    unresolved = out.with_suffix(".unresolved.csv")
    args = ["normalize", str(src), "--column", "city", "-o", str(out), "--jobs", "1"]
    assert main([*args, "--unresolved", str(unresolved), *extra]) == 0
    with unresolved.open(encoding="utf-8", newline="") as fh:
        listing = list(csv.reader(fh))
    return out.read_bytes(), listing


@pytest.mark.parametrize("hints", [[], ["--country-column", "cc"]], ids=["plain", "hinted"])
@pytest.mark.parametrize("blocks", [True, False], ids=["blocks", "lines"])
def test_tiny_bounds_change_nothing_but_the_order_of_ties(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    hints: list[str],
    blocks: bool,
) -> None:
    src = tmp_path / "in.csv"
    src.write_text(_table(6000, seed=len(hints)), encoding="utf-8")
    monkeypatch.setattr(_rows, "_BLOCKS", blocks)
    monkeypatch.setattr(_rows, "_CHUNK", 4096)  # many blocks, so that the cache turns often
    roomy, roomy_list = _run(src, tmp_path / "roomy.csv", *hints)
    roomy_summary = capsys.readouterr().err
    monkeypatch.setattr(_tabular, "CACHE_BUDGET", 40_000)  # a few dozen entries
    monkeypatch.setattr(_counts, "BUDGET", 20_000)  # spilled to disk every few dozen keys
    tight, tight_list = _run(src, tmp_path / "tight.csv", *hints)
    tight_summary = capsys.readouterr().err
    assert tight == roomy
    assert tight_summary.split("; most frequent")[0] == roomy_summary.split("; most frequent")[0]
    assert tight_list[0] == roomy_list[0] == ["value", "count"]
    assert sorted(tight_list[1:]) == sorted(roomy_list[1:])
    counts = [int(n) for _, n in tight_list[1:]]
    assert counts == sorted(counts, reverse=True)


def test_the_cache_holds_about_its_budget_whatever_the_distinct_values(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(_rows, "_CHUNK", 4096)  # a block, and a chance to turn, every 400 rows
    budget = 200_000
    values = [f"junk{i}" for i in range(20_000)]
    text = "".join(f"{v}\n" for v in values)
    written: list[str] = []
    loop = RowLoop(
        written.append,
        Columns(",", 0),
        lambda _value, _hints: (",x", "unresolved"),
        unresolved=(",", "unresolved"),
        tally=Tally(),
        budget=budget,
    )
    held = []
    real_emit = loop._emit

    def emit(batch_rows: int) -> None:
        real_emit(batch_rows)
        known = loop._known
        held.append(len(known.young) + len(known._old))

    loop._emit = emit  # type: ignore[method-assign]
    result = loop.run(io.StringIO(text, newline=""))
    assert "".join(written) == "".join(f"{v},x\n" for v in values)
    assert result.turns > 10
    # The budget, and what one block can bring before the next turn.
    per_entry = _rows.ENTRY_COST + len("junk10000")
    per_block = 4096 // len("junk1000\n") + 1
    assert max(held) <= budget // per_entry + per_block
    assert max(held) < len(values) // 10


@settings(max_examples=40)
@given(
    adds=st.lists(
        st.tuples(
            st.text(alphabet="ab ", max_size=3),
            st.sampled_from([None, "UA", "RU"]),
            st.sampled_from(["unresolved", "alias", "exact"]),
            st.integers(1, 5),
        ),
        max_size=60,
    ),
    budget=st.integers(0, 3000),
)
def test_the_counts_are_the_same_in_memory_and_on_disk(
    adds: list[tuple[str, str | None, str, int]], budget: int
) -> None:
    """The method of a key is the same each time it is counted (it is resolved the same)."""
    method_of: dict[tuple[str, str | None], str] = {}
    roomy, tight = Tally(), Tally(budget)
    try:
        for value, hint, method, rows in adds:
            method = method_of.setdefault((value, hint), method)
            key = value if hint is None else (value, hint, None)
            for tally in (roomy, tight):
                tally.add(key, value, method, rows)
        expected, got = roomy.summary(listing=True), tight.summary(listing=True)
        assert got.methods == expected.methods
        assert got.distinct == expected.distinct
        assert [n for _, n in got.top] == [n for _, n in expected.top]
        listed = list(tight.unresolved())
        assert Counter(dict(listed)) == Counter(dict(roomy.unresolved()))
        assert len(listed) == len({v for v, _ in listed})
        assert [n for _, n in listed] == sorted((n for _, n in listed), reverse=True)
    finally:
        roomy.close()
        tight.close()


def test_spill_folders_of_killed_runs_are_cleared(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import subprocess
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    proc = subprocess.Popen(["true"])
    proc.wait()
    stale = tmp_path / f"{_counts._PREFIX}{proc.pid}-abc"
    stale.mkdir()
    (stale / "0.run").write_bytes(b"x")
    tally = Tally(0)
    tally.add("a", "a", "unresolved", 1)  # spills at once
    assert not stale.exists()
    assert [p.name.startswith(_counts._PREFIX) for p in tmp_path.iterdir()] == [True]
    tally.close()
    assert list(tmp_path.iterdir()) == []


@pytest.mark.slow
def test_peak_memory_of_a_column_of_a_million_distinct_values(tmp_path: Path) -> None:
    """The distinct values add a bounded amount to the loaded data (before: 2.8 GB for six
    million)."""
    import subprocess

    src = tmp_path / "distinct.csv"
    rng = random.Random(7)
    with src.open("w", encoding="utf-8", newline="") as fh:
        fh.write("id,city\n")
        for start in range(0, 1_500_000, 100_000):
            fh.write(
                "".join(
                    f"{i},{rng.randrange(10**12):012d}{i}\n" for i in range(start, start + 100_000)
                )
            )
    small = tmp_path / "small.csv"
    small.write_text("id,city\n1,123\n2,Kyiv\n", encoding="utf-8")

    def peak(path: Path) -> float:
        """Peak RSS (MB) of normalize on a file, measured in a process of its own."""
        command = [sys.executable, "-m", "toponyms.cli", "normalize", str(path), "-c", "city"]
        command += ["-o", str(tmp_path / "out.csv"), "--jobs", "1"]
        command += ["--unresolved", str(tmp_path / "u.csv")]
        measure = (
            "import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True, "
            "capture_output=True); print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
        )
        done = subprocess.run(
            [sys.executable, "-c", measure, *command], check=True, capture_output=True, text=True
        )
        return int(done.stdout) / 1024

    # What the distinct values may add to the loaded data: the cache and the counts' budgets,
    # and one input block; before, 1.5 million distinct values added about 600 MB.
    allowed = (CACHE_BUDGET + BUDGET) / 2**20 + 64
    base, big = peak(small), peak(src)
    assert big - base < allowed, (base, big)
