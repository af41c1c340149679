"""A saved copy of the built gazetteer, so that a new process skips the build.

Building the indexes from the TSV tables takes well over a second; reading them back with
``marshal`` takes about a fifth of that. The copy lives in the user's cache folder, under a name
derived from the data folder, the Python version, and the size, modification time and inode of
every data table and every module of the package (as Python does for its own bytecode caches,
plus the inode, so that a copy keeping times is a new file): an edit to either makes a new
copy, and the old copy of that data folder is removed.

It is a cache only: a missing, unreadable or stale copy is ignored and the tables are read and
checked as before; a folder that cannot be written to is not written to.

``TOPONYMS_CACHE_DIR`` moves the folder (default ``$XDG_CACHE_HOME/toponyms``, or
``~/.cache/toponyms``); set it to an empty string to turn the cache off.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import sys
import tempfile
import time
from pathlib import Path

from toponyms._data import data_dir, read_tables
from toponyms._gazetteer import Gazetteer
from toponyms._gc import gc_paused

#: Bump when the layout of ``Gazetteer.to_state`` changes in a way the fingerprint misses.
FORMAT = 1
#: The environment variable that moves (or, empty, disables) the cache folder.
ENV = "TOPONYMS_CACHE_DIR"


def cache_dir() -> Path | None:
    """The folder of saved gazetteers, or ``None`` when caching is turned off."""
    configured = os.environ.get(ENV)
    if configured is not None:
        return Path(configured) if configured.strip() else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "toponyms"


def _fingerprint(directory: Path) -> str:
    digest = hashlib.blake2b(digest_size=16)
    digest.update(f"{FORMAT} {sys.version} {marshal.version}".encode())
    code = Path(__file__).resolve().parent
    for folder, suffix in ((directory, ".tsv"), (code, ".py")):
        for path in sorted(folder.glob(f"*{suffix}")):
            stat = path.stat()
            # The inode too: a copy that keeps sizes and times (cp -p, tar) is a new file.
            facts = f"{path.name} {stat.st_size} {stat.st_mtime_ns} {stat.st_ino}\n"
            digest.update(facts.encode())
    return digest.hexdigest()


def _stems(directory: Path) -> tuple[str, str]:
    """The file-name prefixes of copies made from one data folder, by any Python and by this one.

    Two interpreters sharing the cache folder keep a copy each.
    """
    where = hashlib.blake2b(str(directory.resolve()).encode(), digest_size=6).hexdigest()
    folder = f"gazetteer-{where}-"
    return folder, f"{folder}py{sys.version_info[0]}{sys.version_info[1]}-"


def load_gazetteer(directory: Path | None = None) -> Gazetteer:
    """The gazetteer over a data folder (the embedded one by default), from the cache if it can.

    Raises:
        DataError: a table is missing or a row does not validate (only when read afresh: a
            saved copy exists only for tables that validated).
    """
    directory = directory or data_dir()
    folder = cache_dir()
    if folder is None:
        return Gazetteer(read_tables(directory))
    try:
        fingerprint = _fingerprint(directory)
    except OSError:
        return Gazetteer(read_tables(directory))
    stems = _stems(directory)
    path = folder / f"{stems[1]}{fingerprint}.marshal"
    saved = _read(path, fingerprint)
    if saved is not None:
        return saved
    gazetteer = Gazetteer(read_tables(directory))
    _write(path, stems, fingerprint, gazetteer)
    return gazetteer


def _read(path: Path, fingerprint: str) -> Gazetteer | None:
    try:
        blob = path.read_bytes()
    except OSError:
        return None
    try:
        with gc_paused():
            header, state = marshal.loads(blob)
            if header != (FORMAT, fingerprint):
                return None
            return Gazetteer.from_state(state)
    except (EOFError, ValueError, TypeError, IndexError, KeyError):
        return None  # truncated or foreign: read the tables instead


def _write(path: Path, stems: tuple[str, str], fingerprint: str, gazetteer: Gazetteer) -> None:
    """Save a copy atomically (a temporary file renamed into place); failures are ignored."""
    tmp: str | None = None
    try:
        blob = marshal.dumps(((FORMAT, fingerprint), gazetteer.to_state()))
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=".marshal", dir=path.parent)
        with open(fd, "wb") as fh:
            fh.write(blob)
        os.replace(tmp, path)
        tmp = None
        folder, mine = stems
        for old in path.parent.glob(f"{folder}*.marshal"):
            # This version's older copies, and copies named before the version was part of
            # the name (other versions' copies stay).
            if old != path and (old.name.startswith(mine) or "-py" not in old.name):
                old.unlink(missing_ok=True)
        # Temporary files of writers that were killed, an hour old or more.
        for stale in path.parent.glob(".tmp-*.marshal"):
            if time.time() - stale.stat().st_mtime > 3600:
                stale.unlink(missing_ok=True)
    except (OSError, ValueError):  # ValueError: a value marshal cannot save
        pass
    finally:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
