"""The saved gazetteer: read back, it is the gazetteer that was built; any doubt means a rebuild."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from toponyms import Resolver
from toponyms._data import data_dir, read_tables
from toponyms._gazetteer import Gazetteer
from toponyms._snapshot import ENV, cache_dir, load_gazetteer

DATA = data_dir()
QUERIES = ["Kiev", "Krasnoarmeysk [Pokrovsk]", "Dimitrov", "Kharkov, UA", "Lugansk", "Pokrovsk"]


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv(ENV, str(folder))
    return folder


@pytest.fixture(scope="module")
def fresh() -> Gazetteer:
    return Gazetteer(read_tables(DATA))


@pytest.fixture(scope="module")
def saved(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, bytes]:
    """The file a load of the embedded data saves: its name and content (made once)."""
    folder = tmp_path_factory.mktemp("saved")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(ENV, str(folder))
        load_gazetteer(DATA)
    (path,) = folder.iterdir()
    return path.name, path.read_bytes()


def _place(cache: Path, saved: tuple[str, bytes]) -> Path:
    cache.mkdir(parents=True, exist_ok=True)
    path = cache / saved[0]
    path.write_bytes(saved[1])
    return path


def _saved(folder: Path) -> list[Path]:
    return sorted(folder.glob("gazetteer-*.marshal"))


def test_a_saved_gazetteer_reads_back_as_the_one_built(
    cache: Path, fresh: Gazetteer, saved: tuple[str, bytes]
) -> None:
    _place(cache, saved)
    second = load_gazetteer(DATA)
    assert second.to_state() == fresh.to_state()
    assert second._pending_fold == ()
    assert [second.places[i] for i in range(0, len(fresh.places), 500)] == fresh.places[::500]


def test_resolution_over_a_saved_gazetteer_is_the_same(
    cache: Path, monkeypatch: pytest.MonkeyPatch, saved: tuple[str, bytes]
) -> None:
    monkeypatch.setenv(ENV, "")
    built = Resolver(DATA)
    built.resolve(QUERIES[0])
    monkeypatch.setenv(ENV, str(cache))
    _place(cache, saved)
    restored = Resolver(DATA)
    for query in QUERIES:
        a, b = built.resolve(query), restored.resolve(query)
        assert a is not None
        assert b is not None
        assert a.model_dump() == b.model_dump(), query


@pytest.mark.parametrize("damage", [b"", b"not marshal"])
def test_a_damaged_copy_is_ignored_and_replaced(
    cache: Path, fresh: Gazetteer, damage: bytes, saved: tuple[str, bytes]
) -> None:
    path = _place(cache, (saved[0], damage))
    assert load_gazetteer(DATA).to_state() == fresh.to_state()
    assert path.read_bytes() == saved[1]


def test_a_truncated_copy_is_ignored(
    cache: Path, fresh: Gazetteer, saved: tuple[str, bytes]
) -> None:
    _place(cache, (saved[0], saved[1][: len(saved[1]) // 2]))
    assert len(load_gazetteer(DATA).places) == len(fresh.places)


def test_a_copy_made_for_other_code_is_not_used(
    cache: Path, fresh: Gazetteer, saved: tuple[str, bytes]
) -> None:
    """The header inside the file must carry the fingerprint its name says."""
    import marshal

    header, state = marshal.loads(saved[1])
    stale = marshal.dumps(((header[0], "0" * 32), (*state[:1], (), *state[2:])))
    _place(cache, (saved[0], stale))
    assert len(load_gazetteer(DATA).places) == len(fresh.places)


def test_an_edited_table_makes_a_new_copy_and_drops_the_old(cache: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    load_gazetteer(data)
    (old,) = _saved(cache)
    aliases = data / "aliases.tsv"
    row = "gn:704422\tKrasnoarmeyskoye Test\tru\tLatn\trussian\t\t\twikipedia-donbas\t\n"
    aliases.write_text(aliases.read_text(encoding="utf-8") + row, encoding="utf-8")
    edited = load_gazetteer(data)
    (new,) = _saved(cache)
    assert new != old
    assert "Krasnoarmeyskoye Test" in edited.name_text


def test_two_data_folders_keep_their_own_copies(
    cache: Path, tmp_path: Path, saved: tuple[str, bytes]
) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    _place(cache, saved)
    load_gazetteer(data)
    assert len(_saved(cache)) == 2


def test_an_empty_setting_turns_the_cache_off(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ENV, "")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache_dir() is None
    load_gazetteer(DATA)
    assert list(tmp_path.iterdir()) == []


def test_the_default_folder_follows_xdg(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache_dir() == tmp_path / "toponyms"


def test_a_folder_that_cannot_be_written_is_not_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh: Gazetteer
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache folder would be", encoding="utf-8")
    monkeypatch.setenv(ENV, str(blocker / "cache"))
    assert len(load_gazetteer(DATA).places) == len(fresh.places)
    assert os.listdir(tmp_path) == ["file"]
