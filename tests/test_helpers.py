"""Helper processes of `toponyms normalize`: same output with any number of jobs, no lost value."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

import toponyms
from toponyms._helpers import Helpers, Outcome, available

needs_fork = pytest.mark.skipif(not available(), reason="helpers need os.fork")


def _big_csv(path: Path, *, multiline_every: int = 97) -> None:
    """About 1.2 MB of real names in mixed forms, with quotes, embedded newlines and CRLF.

    A record with a newline inside a quoted field every ``multiline_every`` rows: often, every
    block goes line by line; rarely, most blocks take the list path and some do not.
    """
    gaz = toponyms.default_resolver().gazetteer
    texts = gaz.name_text
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(["id", "city", "note", "country"])
    for i in range(48_000):
        name = texts[(i * 7919) % len(texts)]
        if i % 5 == 0:
            name = name.upper()
        if i % 3 == 0:
            name = texts[(i * 13) % 4000]  # repeated values, as in real columns
        note = 'said "here"' if i % 4 == 0 else ""
        if i % multiline_every == 0:
            note = "two\nlines"
        writer.writerow([i, name, note, "UA" if i % 11 == 0 else ""])
    path.write_text(buf.getvalue(), encoding="utf-8", newline="")


def _normalize(src: Path, out: Path, *extra: str) -> str:
    command = [sys.executable, "-m", "toponyms.cli", "normalize", str(src), "--column", "city"]
    done = subprocess.run(
        [*command, "-o", str(out), *extra],
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stderr


@needs_fork
@pytest.mark.slow  # four runs of normalize on 1.2 MB with one and with three processes (~30 s)
@pytest.mark.parametrize("hints", [[], ["--country-column", "country"]])
@pytest.mark.parametrize("multiline_every", [97, 20_011])
def test_the_number_of_jobs_does_not_change_the_output(
    tmp_path: Path, hints: list[str], multiline_every: int
) -> None:
    src = tmp_path / "in.csv"
    _big_csv(src, multiline_every=multiline_every)
    assert src.stat().st_size > 1 << 20  # large enough to start helpers at once
    alone, shared = tmp_path / "one.csv", tmp_path / "three.csv"
    summary_alone = _normalize(src, alone, "--jobs", "1", *hints)
    summary_shared = _normalize(src, shared, "--jobs", "3", *hints)
    assert shared.read_bytes() == alone.read_bytes()
    assert summary_shared == summary_alone
    with (
        src.open(encoding="utf-8", newline="") as a,
        shared.open(encoding="utf-8", newline="") as b,
    ):
        before, after = list(csv.reader(a)), list(csv.reader(b))
    assert [row[:4] for row in after] == before
    assert sum(1 for row in after[1:] if row[4]) > len(after) // 2  # most rows resolved


@needs_fork
def test_standard_input_starts_helpers_after_a_full_block(tmp_path: Path) -> None:
    src = tmp_path / "in.csv"
    _big_csv(src, multiline_every=20_011)
    outputs = []
    for jobs in ("1", "3"):
        command = [sys.executable, "-m", "toponyms.cli", "normalize", "-", "--column", "city"]
        with src.open("rb") as stdin:
            done = subprocess.run(
                [*command, "--jobs", jobs, "--quiet"], stdin=stdin, capture_output=True, check=True
            )
        outputs.append(done.stdout)
    assert outputs[0] == outputs[1]
    assert outputs[0].count(b"\r\n") > 48_000


def _upper(value: str, hint: str | None) -> Outcome:
    return value.upper(), hint or "none"


def _drain(helpers: Helpers, wanted: int) -> dict[int, Outcome]:
    answers: dict[int, Outcome] = {}
    while len(answers) < wanted:
        for slot, outcome in helpers.collect(block=True):
            assert slot not in answers
            answers[slot] = outcome
    return answers


def _answer_all(helpers: Helpers, count: int) -> tuple[dict[int, Outcome], int]:
    """Offer ``value 0`` to ``value {count - 1}``, take every answer, stop the helpers; the
    answers, and how many helpers were left before they were stopped."""
    try:
        for slot in range(count):
            helpers.offer(slot, f"value {slot}", None)
        answers = _drain(helpers, count)
        return answers, len(helpers._helpers)
    finally:
        helpers.close()


@needs_fork
def test_helpers_answer_every_value_once() -> None:
    helpers = Helpers(2, _upper)
    try:
        for slot in range(1000):
            assert helpers.offer(slot, f"value {slot}", "UA" if slot % 2 else None)
        answers = _drain(helpers, 1000)
    finally:
        helpers.close()
    assert answers == {s: _upper(f"value {s}", "UA" if s % 2 else None) for s in range(1000)}


def test_a_set_without_helpers_takes_nothing() -> None:
    helpers = Helpers(0, _upper)
    assert not helpers.offer(0, "x", None)
    assert helpers.collect(block=True) == []


@needs_fork
def test_the_values_of_a_helper_that_dies_are_resolved_by_the_parent() -> None:
    parent = os.getpid()

    def fragile(value: str, hint: str | None) -> Outcome:
        if value == "value 300" and os.getpid() != parent:
            os._exit(3)  # the helper dies in the middle of a batch
        return _upper(value, hint)

    answers, left = _answer_all(Helpers(1, fragile), 600)
    assert left == 0  # it was lost
    assert answers == {s: _upper(f"value {s}", None) for s in range(600)}


@needs_fork
def test_a_helper_failing_before_its_loop_never_returns_into_the_parent(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Found by a review: an error in a new child unwound through the parent's code (and its
    clean-up removed the parent's output). The child exits; the parent resolves its values."""
    from toponyms import _helpers

    def broken(*_args: object) -> None:
        msg = "cannot start"
        raise RuntimeError(msg)

    monkeypatch.setattr(_helpers, "_serve", broken)
    me = os.getpid()
    answers, _left = _answer_all(Helpers(1, _upper), 40)
    assert os.getpid() == me
    assert answers == {s: _upper(f"value {s}", None) for s in range(40)}


def test_without_fork_or_poll_normalize_runs_in_one_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As on Windows: --jobs asks for helpers, there are none, and the job is done alone."""
    import select

    from toponyms.cli import main

    src = tmp_path / "in.csv"
    _big_csv(src)
    alone = tmp_path / "alone.csv"
    assert main(["normalize", str(src), "--column", "city", "-o", str(alone), "--jobs", "1"]) == 0
    monkeypatch.delattr(os, "fork")
    monkeypatch.delattr(select, "poll")
    assert not available()
    out = tmp_path / "out.csv"
    assert main(["normalize", str(src), "--column", "city", "-o", str(out), "--jobs", "3"]) == 0
    assert out.read_bytes() == alone.read_bytes()


@needs_fork
def test_a_stuck_helper_is_given_up_and_its_values_resolved_here(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Found by a review: the parent could wait for good on a helper that never answers."""
    import time

    from toponyms import _helpers

    monkeypatch.setattr(_helpers, "PATIENCE", 1)
    parent = os.getpid()

    def stuck(value: str, hint: str | None) -> Outcome:
        if value == "value 3" and os.getpid() != parent:
            time.sleep(3600)
        return _upper(value, hint)

    started = time.monotonic()
    answers, _left = _answer_all(Helpers(1, stuck), 50)
    assert answers == {s: _upper(f"value {s}", None) for s in range(50)}
    assert time.monotonic() - started < 30
