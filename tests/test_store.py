"""Loading: one gazetteer per data folder and process, and a saved copy that is never trusted.

The tests build a small data folder (see ``_small_data``) once, not the whole gazetteer.
"""

from __future__ import annotations

import os
import pickle
import shutil
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from tests._small_data import make_small_data
from toponyms import Resolver, _store
from toponyms._data import read_tables
from toponyms._gazetteer import Gazetteer
from toponyms._store import ENV, cache_dir

QUERIES = ["Kiev", "Krasnoarmeysk [Pokrovsk]", "Dimitrov", "Kharkov, UA", "Lugansk", "Pokrovsk"]


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_small_data(tmp_path_factory.mktemp("small") / "data")


@pytest.fixture(scope="module")
def fresh(small: Path) -> Gazetteer:
    return Gazetteer(read_tables(small))


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv(ENV, str(folder))
    _store.clear()
    yield folder
    _store.clear()


@pytest.fixture(scope="module")
def saved(small: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, bytes]:
    """The file a load of the small data saves: its name and content (made once)."""
    folder = tmp_path_factory.mktemp("saved")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(ENV, str(folder))
        _store.clear()
        _store.gazetteer(small)
        _store.clear()
    (path,) = folder.iterdir()
    return path.name, path.read_bytes()


def _place(cache: Path, saved: tuple[str, bytes]) -> Path:
    cache.mkdir(parents=True, exist_ok=True)
    path = cache / saved[0]
    path.write_bytes(saved[1])
    path.chmod(0o644)
    return path


def _copies(folder: Path) -> list[Path]:
    return sorted(folder.glob("gazetteer-*.pickle"))


def _loads_from_copy(small: Path) -> bool:
    """Load afresh; whether the saved copy was used (the tables were not read)."""
    _store.clear()
    before = _store.load_count()
    calls: list[Path] = []
    original = _store.read_tables
    try:
        _store.read_tables = lambda d=None: calls.append(d) or original(d)  # type: ignore[assignment,func-returns-value]
        _store.gazetteer(small)
    finally:
        _store.read_tables = original  # type: ignore[assignment]
    assert _store.load_count() == before + 1
    return not calls


def test_a_saved_copy_reads_back_as_the_gazetteer_built(
    cache: Path, small: Path, fresh: Gazetteer, saved: tuple[str, bytes]
) -> None:
    _place(cache, saved)
    assert _loads_from_copy(small)
    second = _store.gazetteer(small)
    assert second.to_state() == fresh.to_state()
    assert second.places[::500] == fresh.places[::500]


def test_resolution_over_a_saved_copy_is_the_same(
    cache: Path, small: Path, monkeypatch: pytest.MonkeyPatch, saved: tuple[str, bytes]
) -> None:
    monkeypatch.setenv(ENV, "")
    built = [Resolver(small).resolve(q) for q in QUERIES]
    monkeypatch.setenv(ENV, str(cache))
    _place(cache, saved)
    _store.clear()
    restored = [Resolver(small).resolve(q) for q in QUERIES]
    assert all(m is not None for m in built)
    assert [m.model_dump() for m in built if m] == [m.model_dump() for m in restored if m]


def _forged(saved: tuple[str, bytes]) -> bytes:
    """A well-formed copy (right digest) whose content says Kiev is somewhere else."""
    body = saved[1][len(_store._MAGIC) + _store._DIGEST :]
    state = list(pickle.loads(body))
    state[0] = "forged"
    import hashlib

    new = pickle.dumps(tuple(state))
    return _store._MAGIC + hashlib.sha256(new).digest() + new


class _Evil:
    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (os.system, ("echo pwned",))


def _with_digest(body: bytes) -> bytes:
    import hashlib

    return _store._MAGIC + hashlib.sha256(body).digest() + body


DAMAGES = {
    "empty": b"",
    "five bytes": b"\x00\x01\x02\x03\x04",
    "not a copy": b"not a saved gazetteer at all" * 10,
    "marshal crash": b"\xdb\x00\x00\x00\x80" + b"\xff" * 185,
    "code in it": _with_digest(pickle.dumps(_Evil())),
    "wrong layout": _with_digest(pickle.dumps(("a", "b"))),
}


@pytest.mark.parametrize("damage", list(DAMAGES), ids=list(DAMAGES))
def test_a_damaged_copy_is_ignored_and_replaced(
    cache: Path, small: Path, fresh: Gazetteer, damage: str, saved: tuple[str, bytes]
) -> None:
    path = _place(cache, (saved[0], DAMAGES[damage]))
    assert not _loads_from_copy(small)
    assert len(_store.gazetteer(small).places) == len(fresh.places)
    assert path.read_bytes() == saved[1]


def test_a_truncated_copy_is_ignored(
    cache: Path, small: Path, fresh: Gazetteer, saved: tuple[str, bytes]
) -> None:
    _place(cache, (saved[0], saved[1][: len(saved[1]) // 2]))
    assert not _loads_from_copy(small)
    assert len(_store.gazetteer(small).places) == len(fresh.places)


def test_a_flipped_byte_is_caught_by_the_digest(
    cache: Path, small: Path, saved: tuple[str, bytes]
) -> None:
    blob = bytearray(saved[1])
    blob[len(blob) // 2] ^= 0x55
    _place(cache, (saved[0], bytes(blob)))
    assert not _loads_from_copy(small)


def test_a_copy_writable_by_others_is_not_trusted(
    cache: Path, small: Path, saved: tuple[str, bytes]
) -> None:
    path = _place(cache, (saved[0], _forged(saved)))
    path.chmod(0o666)
    assert not _loads_from_copy(small)
    assert path.read_bytes() == saved[1]
    assert not path.stat().st_mode & (stat.S_IWGRP | stat.S_IWOTH)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_in_place_of_the_copy_does_not_hang(
    cache: Path, small: Path, saved: tuple[str, bytes]
) -> None:
    cache.mkdir(parents=True)
    os.mkfifo(cache / saved[0])
    assert not _loads_from_copy(small)


def test_an_edited_table_makes_a_new_copy_and_drops_the_old(cache: Path, small: Path) -> None:
    data = cache.parent / "data"
    shutil.copytree(small, data)
    _store.gazetteer(data)
    (old,) = _copies(cache)
    aliases = data / "aliases.tsv"
    row = "gn:704422\tKrasnoarmeyskoye Test\tru\tLatn\trussian\t\t\twikipedia-donbas\t\n"
    aliases.write_text(aliases.read_text(encoding="utf-8") + row, encoding="utf-8")
    edited = _store.gazetteer(data)  # the same process sees the edit too
    (new,) = _copies(cache)
    assert new != old
    assert "Krasnoarmeyskoye Test" in edited.name_text


def test_two_data_folders_keep_their_own_copies(
    cache: Path, small: Path, saved: tuple[str, bytes]
) -> None:
    data = cache.parent / "data"
    shutil.copytree(small, data)
    _place(cache, saved)
    _store.gazetteer(data)
    assert len(_copies(cache)) == 2


@pytest.mark.usefixtures("cache")
def test_a_folder_is_loaded_once_per_process(small: Path) -> None:
    before = _store.load_count()
    results: list[Gazetteer] = []
    threads = [
        threading.Thread(target=lambda: results.append(Resolver(small).gazetteer)) for _ in range(4)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert _store.load_count() == before + 1
    assert len({id(g) for g in results}) == 1


def test_an_empty_setting_turns_the_saved_copy_off(
    tmp_path: Path, small: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ENV, "")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_dir() is None
    _store.clear()
    _store.gazetteer(small)
    assert not (tmp_path / "xdg").exists()


def test_the_default_folder_follows_xdg(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache_dir() == tmp_path / "toponyms"


def test_a_folder_that_cannot_be_written_is_not_an_error(
    tmp_path: Path, small: Path, monkeypatch: pytest.MonkeyPatch, fresh: Gazetteer
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache folder would be", encoding="utf-8")
    monkeypatch.setenv(ENV, str(blocker / "cache"))
    _store.clear()
    assert len(_store.gazetteer(small).places) == len(fresh.places)
    assert os.listdir(tmp_path) == ["file"]


def test_names_not_grouped_by_place_do_not_deadlock(tmp_path: Path, small: Path) -> None:
    """A custom names.tsv in any order: the qualifier index reads names under the same lock."""
    data = tmp_path / "data"
    shutil.copytree(small, data)
    names = (data / "names.tsv").read_text(encoding="utf-8").splitlines(keepends=True)
    (data / "names.tsv").write_text(names[0] + "".join(reversed(names[1:])), encoding="utf-8")
    code = (
        "import os, sys; os.environ['TOPONYMS_CACHE_DIR'] = ''\n"
        "from toponyms import Resolver\n"
        f"print(Resolver({str(data)!r}).resolve('Pokrovsk, Donetsk Oblast').place.admin1)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "Donetsk Oblast"


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork here")
def test_a_fork_while_another_thread_loads_does_not_hang_the_child(small: Path) -> None:
    code = f"""
import os, sys, threading, time
os.environ['TOPONYMS_CACHE_DIR'] = ''
from toponyms import Resolver, _lazy
held = threading.Event(); release = threading.Event()
def hold():
    with _lazy.LOCK:
        held.set(); release.wait()
threading.Thread(target=hold, daemon=True).start()
held.wait()
pid = os.fork()
if pid == 0:
    r = Resolver({str(small)!r})
    os._exit(0 if r.resolve('Kiev').place.name == 'Kyiv' else 3)
release.set()
_, status = os.waitpid(pid, 0)
sys.exit(os.waitstatus_to_exitcode(status))
"""
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
