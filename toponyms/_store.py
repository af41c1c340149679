"""The one owner of loading: gazetteers by data folder, cached per process, and a saved copy.

``gazetteer(directory)`` returns the process's gazetteer over a data folder (the embedded one by
default), loading it at most once per version of the folder's tables. Building the indexes from
the tables takes over a second, so the built indexes are also saved to the user's cache folder
and read back by later processes.

The saved copy is a cache, and it is not trusted: it is read only if it is a regular file owned
by the current user and writable by nobody else, and only after the SHA-256 of its whole content
matches the digest in its header; it is decoded by an unpickler that refuses every class and
function (only strings, numbers, tuples, lists and dicts can come out of it). Anything else (a
missing, foreign, damaged, forged or stale copy) is ignored, and the tables are read, checked
and saved afresh over it.

The copy is keyed by the data (size, modification time and inode of every table) and by the
format: a version number and the source of the modules that decide what is built. Editing the
command line or the resolver does not make a new copy; editing the normaliser does.
``TOPONYMS_CACHE_DIR`` moves the folder (default: the platform's user cache folder, through
``platformdirs``: ``$XDG_CACHE_HOME/toponyms`` or ``~/.cache/toponyms`` on Linux,
``~/Library/Caches/toponyms`` on macOS, ``%LOCALAPPDATA%/toponyms/Cache`` on Windows); set it to
an empty string to turn the saved copy off.
"""

from __future__ import annotations

import hashlib
import io
import os
import pickle
import stat
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from toponyms import _lazy
from toponyms._data import data_dir, read_tables
from toponyms._gazetteer import Gazetteer
from toponyms._gc import gc_paused

__all__ = ["ENV", "FORMAT", "cache_dir", "clear", "gazetteer", "load_count"]

#: Bump when the layout of ``Gazetteer.to_state`` changes.
FORMAT = 2
#: The environment variable that moves (or, empty, disables) the cache folder.
ENV = "TOPONYMS_CACHE_DIR"
#: The modules whose code decides what a saved copy holds (besides the tables).
_BUILDERS = (
    "_data",
    "_gazetteer",
    "_kinds",
    "_loader",
    "_matcher",
    "_normalize",
    "_records",
    "_store",
    "_translit",
)
_MAGIC = b"toponyms-gazetteer\n"
_DIGEST = 32
#: A saved copy larger than this is not read (the embedded data's is about 30 MB).
_MAX_BYTES = 1 << 31
#: Temporary files of a writer that was killed are removed once they are this old (seconds).
_STALE_AFTER = 3600.0

_LOADED: dict[tuple[str, str], Gazetteer] = {}
_LOADS = 0


def gazetteer(directory: Path | None = None) -> Gazetteer:
    """The process's gazetteer over a data folder (the embedded data by default).

    Loaded once per version of the folder's tables: a table edited since gives a fresh load.

    Raises:
        DataError: a table is missing or a row does not validate.
    """
    folder = (directory or data_dir()).resolve()
    key = (str(folder), _tables_fingerprint(folder))
    found = _LOADED.get(key)
    if found is None:
        with _lazy.LOCK:
            found = _LOADED.get(key)
            if found is None:
                found = _load(folder, key[1])
                for old in [k for k in _LOADED if k[0] == key[0]]:
                    del _LOADED[old]  # an older version of the same folder's tables
                _LOADED[key] = found
    return found


def clear() -> None:
    """Forget every loaded gazetteer (the next use loads afresh)."""
    with _lazy.LOCK:
        _LOADED.clear()


def load_count() -> int:
    """How many gazetteers this process has loaded (from the tables or a saved copy)."""
    return _LOADS


def cache_dir() -> Path | None:
    """The folder of saved gazetteers, or ``None`` when saving is turned off."""
    configured = os.environ.get(ENV)
    if configured is not None:
        return Path(configured) if configured.strip() else None
    import platformdirs  # the platform's cache folder: XDG on Linux, Library/Caches on macOS

    return Path(platformdirs.user_cache_dir("toponyms", appauthor=False))


def _load(folder: Path, tables: str) -> Gazetteer:
    global _LOADS
    _LOADS += 1
    cache = cache_dir()
    if cache is None or not tables:
        return Gazetteer(read_tables(folder))
    digest = hashlib.blake2b(f"{tables} {_format()}".encode(), digest_size=16).hexdigest()
    prefix = _prefix(folder)
    path = cache / f"{prefix}{digest}.pickle"
    saved = _read(path)
    if saved is not None:
        return saved
    built = Gazetteer(read_tables(folder))
    _write(path, prefix, built)
    return built


def _tables_fingerprint(folder: Path) -> str:
    """Size, modification time and inode of every table ("" when the folder cannot be read)."""
    try:
        facts = []
        for path in sorted(folder.glob("*.tsv")):
            info = path.stat()
            # The inode too: a copy that keeps sizes and times (cp -p, tar) is a new file.
            facts.append(f"{path.name} {info.st_size} {info.st_mtime_ns} {info.st_ino}")
    except OSError:
        return ""
    return "\n".join(facts)


_FORMAT_CACHE: list[str] = []


def _format() -> str:
    """The format version, the Python version and the builders' source, as one digest."""
    if not _FORMAT_CACHE:
        digest = hashlib.sha256(f"{FORMAT} {sys.version_info[:2]}".encode())
        here = Path(__file__).resolve().parent
        for module in _BUILDERS:
            try:
                digest.update((here / f"{module}.py").read_bytes())
            except OSError:
                digest.update(module.encode())  # no source (a frozen install): its name
        _FORMAT_CACHE.append(digest.hexdigest())
    return _FORMAT_CACHE[0]


def _prefix(folder: Path) -> str:
    """The file-name prefix of the copies made from one data folder by this Python."""
    where = hashlib.blake2b(str(folder).encode(), digest_size=6).hexdigest()
    # Two interpreters sharing the cache folder keep a copy each.
    return f"gazetteer-{where}-py{sys.version_info[0]}{sys.version_info[1]}-"


class _PlainUnpickler(pickle.Unpickler):
    """An unpickler that builds only plain values: it refuses every class and function."""

    def find_class(self, module: str, name: str) -> Any:
        msg = f"a saved gazetteer holds only plain values, not {module}.{name}"
        raise pickle.UnpicklingError(msg)


def _trusted_bytes(path: Path) -> bytes | None:
    """The content of a saved copy if it is ours and whole, else ``None``."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        return None
    with open(fd, "rb") as fh:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
            return None
        if hasattr(os, "getuid") and info.st_uid != os.getuid():
            return None
        if not len(_MAGIC) + _DIGEST < info.st_size <= _MAX_BYTES:
            return None
        head, digest = fh.read(len(_MAGIC)), fh.read(_DIGEST)
        if head != _MAGIC:
            return None
        body = fh.read()  # read apart from the header: no second copy of 30 MB
    if hashlib.sha256(body).digest() != digest:
        return None
    return body


def _read(path: Path) -> Gazetteer | None:
    body = _trusted_bytes(path)
    if body is None:
        return None
    try:
        with gc_paused():
            return Gazetteer.from_state(_PlainUnpickler(io.BytesIO(body)).load())
    except (pickle.UnpicklingError, EOFError, ValueError, TypeError, IndexError, KeyError):
        return None  # right digest, wrong layout: read the tables instead
    except (AttributeError, MemoryError, RecursionError):
        return None


def _write(path: Path, prefix: str, built: Gazetteer) -> None:
    """Save a copy atomically (a temporary file renamed into place); failures are ignored."""
    tmp: str | None = None
    try:
        body = pickle.dumps(built.to_state(), protocol=pickle.HIGHEST_PROTOCOL)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=".pickle", dir=path.parent)
        with open(fd, "wb") as fh:
            fh.write(_MAGIC + hashlib.sha256(body).digest() + body)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)  # over a bad copy too
        tmp = None
        _clear_old(path, prefix)
    except (OSError, ValueError, pickle.PicklingError):
        pass
    finally:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)


def _clear_old(path: Path, prefix: str) -> None:
    """Remove this data folder's older copies, copies of the old format, and stale temporaries."""
    folder = path.parent
    for old in [*folder.glob(f"{prefix}*.pickle"), *folder.glob("gazetteer-*.marshal")]:
        if old != path:
            old.unlink(missing_ok=True)
    for stale in folder.glob(".tmp-*.pickle"):
        if time.time() - stale.stat().st_mtime > _STALE_AFTER:
            stale.unlink(missing_ok=True)
