"""The built wheel carries the data and resolves from outside the repository."""

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MAX_WHEEL_BYTES = 15 * 1024 * 1024


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("hatchling")
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(out),
            str(ROOT),
        ],
        check=True,
    )
    (built,) = out.glob("toponyms-*.whl")
    return built


def test_wheel_ships_data_and_marker(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    for required in ("places.tsv", "names.tsv", "aliases.tsv", "README.md", "MANIFEST.json"):
        assert f"toponyms/data/{required}" in names
    assert "toponyms/py.typed" in names
    assert wheel.stat().st_size <= MAX_WHEEL_BYTES


def test_installed_wheel_resolves_outside_the_repo(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "-q",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
    )
    code = (
        "import toponyms, toponyms._data as d; "
        "m = toponyms.resolve('Krasnoarmeysk'); "
        "print(m.place.name, d.data_dir().parent.name)"
    )
    env = {**os.environ, "PYTHONPATH": str(target)}
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.split() == ["Pokrovsk", "toponyms"]


def test_importing_the_package_or_the_command_loads_no_heavy_module() -> None:
    """pydantic, rapidfuzz and the resolver come with the first use, not with the import: the
    command's reading process, whose helpers resolve every value, never needs them."""
    import subprocess
    import sys

    code = (
        "import sys, toponyms, toponyms.cli, toponyms._tabular\n"
        "heavy = {'pydantic', 'rapidfuzz', 'toponyms._resolver', 'toponyms._gazetteer'}\n"
        "print(sorted(heavy & set(sys.modules)))\n"
        "toponyms.Resolver, toponyms.Match, toponyms.Place\n"
        "print(sorted(heavy & set(sys.modules)))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    before, after = done.stdout.splitlines()
    assert before == "[]"
    assert "pydantic" in after


def test_the_public_functions_have_type_hints_that_resolve() -> None:
    """Found by a review: with lazy imports, get_type_hints could not find ``Match``."""
    import subprocess
    import sys

    code = (
        "import typing, toponyms\n"
        "for name in ('resolve', 'lookup', 'candidates', 'resolve_many', 'default_resolver'):\n"
        "    typing.get_type_hints(getattr(toponyms, name))\n"
        "print(sorted({'Resolver', 'Match', 'Place', 'resolve'} - set(dir(toponyms))))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
