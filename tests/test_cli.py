"""The real `toponyms resolve` command, run as a user runs it."""

import json
import subprocess
import sys

import pytest

from toponyms.cli import main


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "toponyms.cli", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )


def test_resolve_prints_a_table() -> None:
    done = run("resolve", "Krasnoarmeysk", "Dimitrov", "Kiev")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].split() == ["input", "canonical", "country", "admin-1", "method", "score"]
    assert lines[1].split()[:3] == ["Krasnoarmeysk", "Pokrovsk", "UA"]
    assert lines[2].split()[:3] == ["Dimitrov", "Myrnohrad", "UA"]
    assert lines[3].split()[:3] == ["Kiev", "Kyiv", "UA"]


def test_resolve_json_lines() -> None:
    done = run("resolve", "--json", "Krasnoarmeysk [Pokrovsk]", "Qwxzvbn")
    assert done.returncode == 1
    first, second = (json.loads(line) for line in done.stdout.splitlines())
    assert first["resolved"] is True
    assert first["place"]["name"] == "Pokrovsk"
    assert first["place"]["geonames_id"] == 704422
    assert first["method"] == "alias"
    assert second == {"input": "Qwxzvbn", "resolved": False}


def test_unresolved_name_exits_one(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["resolve", "Kyiv", "Qwxzvbn"]) == 1
    out = capsys.readouterr().out
    assert "unresolved" in out


def test_country_hint(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["resolve", "--json", "--country", "RU", "Pokrovsk"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["place"]["country"] == "RU"


def test_candidates_flag(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["resolve", "--candidates", "3", "Pokrovsk"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 1 + 1 + 3


def test_usage_error_exits_two() -> None:
    done = run("resolve")
    assert done.returncode == 2
    assert "NAME" in done.stderr


def test_too_long_name_is_one_clear_line() -> None:
    done = run("resolve", "x" * 1001)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1
    assert "Traceback" not in done.stderr
