"""The real `toponyms resolve` command, run as a user runs it."""

import csv
import json
import subprocess
import sys
from pathlib import Path

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


# -- issue 17: standard input, short flags, no header, help, optional fields, python -m ------


def test_resolve_dash_reads_names_from_standard_input() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "toponyms.cli", "resolve", "--json", "-", "Kharkov"],
        input="\ufeffKiev\r\nDimitrov\n\nQwxzvbn\n".encode(),
        capture_output=True,
        check=False,
    )
    assert done.returncode == 1  # the blank line and Qwxzvbn
    records = [json.loads(line) for line in done.stdout.decode("utf-8").splitlines()]
    assert [r["input"] for r in records] == ["Kiev", "Dimitrov", "", "Qwxzvbn", "Kharkov"]
    assert [r.get("place", {}).get("name") for r in records] == [
        "Kyiv",
        "Myrnohrad",
        None,
        None,
        "Kharkiv",
    ]


def test_python_dash_m_toponyms_is_the_command() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "toponyms", "resolve", "Kiev"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[1].split()[:2] == ["Kiev", "Kyiv"]


@pytest.mark.parametrize("command", ["resolve", "normalize"])
def test_help_shows_examples(capsys: pytest.CaptureFixture[str], command: str) -> None:
    with pytest.raises(SystemExit) as done:
        main([command, "--help"])
    assert done.value.code == 0
    out = capsys.readouterr().out
    assert "examples:" in out
    assert f"toponyms {command} " in out.split("examples:")[1]


def _normalize_out(folder: Path, *args: str, encoding: str = "utf-8") -> str:
    out = folder / "out.csv"
    assert main(["normalize", *args, "-o", str(out), "--quiet"]) == 0
    return out.read_bytes().decode(encoding)


def test_short_flags_are_the_long_ones(tmp_path: Path) -> None:
    src = tmp_path / "in.csv"
    src.write_bytes("id;city\n1;Kiev\n2;Львів\n".encode("cp1251"))
    long_flags = ["--column", "city", "--delimiter", ";", "--encoding", "cp1251", "--jobs", "1"]
    long = _normalize_out(tmp_path, str(src), *long_flags, encoding="cp1251")
    short_flags = ["-c", "city", "-d", ";", "-e", "cp1251", "-j", "1"]
    short = _normalize_out(tmp_path, str(src), *short_flags, encoding="cp1251")
    assert short == long
    assert "2;Львів;Lviv;UA" in short


def test_no_header_takes_every_line_as_a_row(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "in.csv"
    src.write_text("1;Kiev;UA\n2;Pokrovsk;RU\n", encoding="utf-8")
    out = _normalize_out(
        tmp_path,
        str(src),
        "-c",
        "2",
        "--no-header",
        "--country-column",
        "3",
        "--fields",
        "name,admin1",
    )
    assert out == "1;Kiev;UA;Kyiv;Kyiv\n2;Pokrovsk;RU;Pokrovsk;Sakha Republic\n"
    assert main(["normalize", str(src), "-c", "city", "--no-header"]) == 2
    assert "with --no-header, a column number" in capsys.readouterr().err


def test_a_decode_error_suggests_an_encoding(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "in.csv"
    src.write_bytes("id,city\n1,Київ\n".encode("cp1251"))
    assert main(["normalize", str(src), "-c", "city"]) == 2
    err = capsys.readouterr().err
    assert "cannot decode as utf-8" in err
    assert "--encoding" in err


def test_optional_fields_come_only_when_asked_and_agree_with_the_default_ones(
    tmp_path: Path,
) -> None:
    import toponyms

    src = tmp_path / "in.csv"
    names = toponyms.default_resolver().gazetteer.name_text[::2003][:150]
    cities = [n.replace('"', "") for n in names] + ["Springfield", "Hong Kong", "Qwxzvbn"]
    src.write_text("city\n" + "".join(f'"{c}"\n' for c in cities), encoding="utf-8")
    plain = _normalize_out(tmp_path, str(src), "-c", "city", "-j", "1")
    full = _normalize_out(
        tmp_path,
        str(src),
        "-c",
        "city",
        "-j",
        "1",
        "--fields",
        "name,country,admin1,geonames_id,method,score,ambiguous,code,population",
    )
    assert "ambiguous" not in plain.splitlines()[0]
    plain_rows = list(csv.reader(plain.splitlines()))
    full_rows = list(csv.reader(full.splitlines()))
    assert [row[:7] for row in full_rows] == plain_rows  # the same decision either way
    by_city = {row[0]: row[7:] for row in full_rows[1:]}
    assert by_city["Springfield"][0] == "true"
    assert by_city["Hong Kong"][1] == "HK"
    assert by_city["Qwxzvbn"] == ["", "", ""]
    assert int(by_city["Hong Kong"][2]) > 1_000_000
