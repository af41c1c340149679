"""The counts behind ``normalize``'s summary, ``--unresolved`` and ``--strict``.

They are exact, in bounded memory. Rows are counted per distinct key (a value, with its hints
when they come from columns), kept in memory up to a budget in bytes; past it they go, sorted,
to files in a temporary folder (as ``sort`` does), and are merged back at the end. Small jobs
never touch the disk and report exactly as before; a column of millions of distinct values
costs disk, not memory.
"""

from __future__ import annotations

import heapq
import marshal
import os
import shutil
import tempfile
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, NamedTuple

from toponyms._csvio import alive

#: Bytes of memory the counts may take before they are spilled to disk (an estimate).
BUDGET = 64 << 20
#: Bytes an entry takes beyond its text: the dictionary slot, the list, the strings' headers.
ENTRY_COST = 300
#: Records written to a spill file at once.
_CHUNK = 4096
#: The prefix of our temporary folders (with the process id, so that leftovers of a run that
#: was killed outright can be told and cleared).
_PREFIX = "toponyms-counts-"


def _sort_key(key: str | tuple[str, str | None, str | None]) -> tuple[str, str, str]:
    """A key as three strings, for sorting (a missing hint is "", which no hint is)."""
    if isinstance(key, str):
        return (key, "", "")
    return (key[0], key[1] or "", key[2] or "")


class Summary(NamedTuple):
    """What the counts say."""

    #: Rows per method ("unresolved" included).
    methods: Counter[str]
    #: Distinct keys met.
    distinct: int
    #: The most frequent unresolved values, most frequent first (at most five).
    top: list[tuple[str, int]]


class Spill:
    """Sorted runs of records in a temporary folder, merged back in order."""

    def __init__(self) -> None:
        _clear_stale()
        self._folder = Path(tempfile.mkdtemp(prefix=f"{_PREFIX}{os.getpid()}-"))
        self._runs: list[Path] = []

    def write(self, records: list[Any]) -> None:
        """Write one run of records (sorted here)."""
        records.sort()
        path = self._folder / f"{len(self._runs)}.run"
        with path.open("wb") as fh:
            for start in range(0, len(records), _CHUNK):
                data = marshal.dumps(records[start : start + _CHUNK])
                fh.write(len(data).to_bytes(8, "little"))
                fh.write(data)
        self._runs.append(path)

    def merged(self, more: list[Any] | None = None) -> Iterator[Any]:
        """Every record written (and ``more``), in order."""
        streams: list[Iterable[Any]] = [_read(path) for path in self._runs]
        if more:
            more.sort()
            streams.append(more)
        return heapq.merge(*streams)

    def close(self) -> None:
        """Remove the folder and its runs."""
        shutil.rmtree(self._folder, ignore_errors=True)


def _read(path: Path) -> Iterator[Any]:
    with path.open("rb") as fh:
        while size := fh.read(8):
            yield from marshal.loads(fh.read(int.from_bytes(size, "little")))


def _clear_stale() -> None:
    """Remove the temporary folders of runs that are gone (killed before they could)."""
    try:
        entries = list(os.scandir(tempfile.gettempdir()))
    except OSError:
        return
    for entry in entries:
        if not entry.name.startswith(_PREFIX):
            continue
        pid = entry.name[len(_PREFIX) :].split("-", 1)[0]
        if pid.isdigit() and not alive(int(pid)):
            shutil.rmtree(entry.path, ignore_errors=True)


class Sorter:
    """Records put in one by one and read back in order, in bounded memory.

    About ``budget`` bytes of them are sorted in memory at a time, the rest in runs on disk.

    Args:
        budget: Bytes of records to sort in memory at once.
        size: The estimated bytes of one record beyond its strings' lengths.
    """

    def __init__(self, budget: int, size: int) -> None:
        self._budget, self._size = budget, size
        self._spill: Spill | None = None
        self._batch: list[Any] = []
        self._used = 0

    def add(self, record: tuple[Any, ...]) -> None:
        """Put a record in (a tuple of strings, numbers or None)."""
        self._batch.append(record)
        self._used += self._size + sum(len(part) for part in record if isinstance(part, str))
        if self._used > self._budget:
            self._spill = self._spill or Spill()
            self._spill.write(self._batch)
            self._batch, self._used = [], 0

    def sorted(self) -> Iterator[Any]:
        """Every record put in, in order."""
        if self._spill is None:
            self._batch.sort()
            return iter(self._batch)
        return self._spill.merged(self._batch)

    def close(self) -> None:
        """Remove what went to disk."""
        if self._spill is not None:
            self._spill.close()


class Tally:
    """Rows per distinct key, with each key's value and method, in bounded memory.

    Args:
        budget: Bytes of memory the counts may take before they are spilled to disk (default:
            ``BUDGET``).
    """

    def __init__(self, budget: int | None = None) -> None:
        self._budget = BUDGET if budget is None else budget
        #: key -> [value, method, rows], in order of first appearance.
        self._keys: dict[Any, list[Any]] = {}
        self._used = 0
        self._spill: Spill | None = None
        self._sorter: Sorter | None = None
        self._listing: Iterator[tuple[str, int]] = iter(())

    @property
    def spilled(self) -> bool:
        """Whether the counts went to disk (then ties among the unresolved go by value)."""
        return self._spill is not None

    def add(self, key: Any, value: str, method: str, rows: int) -> None:
        """Count ``rows`` more rows of a key."""
        known = self._keys.get(key)
        if known is not None:
            known[2] += rows
            return
        self._keys[key] = [value, method, rows]
        self._used += ENTRY_COST + 2 * len(value) + (0 if isinstance(key, str) else 16)
        if self._used > self._budget:
            self._spill = self._spill or Spill()
            self._spill.write([(_sort_key(k), *v) for k, v in self._keys.items()])
            self._keys.clear()
            self._used = 0

    def _distinct(self) -> Iterator[tuple[str, str, int]]:
        """(value, method, rows) per distinct key.

        In order of first appearance if all is in memory, else in key order, merged from disk
        (what was still in memory goes to disk first, so the counts can be read again).
        """
        if self._spill is None:
            yield from ((value, method, rows) for value, method, rows in self._keys.values())
            return
        if self._keys:
            self._spill.write([(_sort_key(k), *v) for k, v in self._keys.items()])
            self._keys.clear()
        # A key is in one record per run it went to: add up the neighbours with its key.
        last: Any = None
        for key, value, method, rows in self._spill.merged():
            if last is not None and key == last[0]:
                last[3] += rows
                continue
            if last is not None:
                yield last[1], last[2], last[3]
            last = [key, value, method, rows]
        if last is not None:
            yield last[1], last[2], last[3]

    def summary(self, *, listing: bool = False) -> Summary:
        """The counts by method, the distinct keys, and the five most frequent unresolved.

        With ``listing``, also prepare the list of every unresolved value (``unresolved``).
        """
        if self._spill is None:
            methods: Counter[str] = Counter()
            counts: Counter[str] = Counter()
            for value, method, rows in self._keys.values():
                methods[method] += rows
                if method == "unresolved" and value.strip():
                    counts[value] += rows
            self._listing = iter(counts.most_common())
            return Summary(methods, len(self._keys), counts.most_common(5))
        scan = _Scan(self._distinct(), Sorter(self._budget, 100) if listing else None)
        self._sorter = scan.sorter
        least = heapq.nsmallest(5, scan)
        return Summary(scan.methods, scan.distinct, [(value, -n) for n, value in least])

    def unresolved(self) -> Iterator[tuple[str, int]]:
        """Each distinct unresolved value (blank ones aside) with its rows, most rows first.

        Read after ``summary(listing=True)``. Ties keep the order of first appearance when
        everything fit in memory, else go by value.
        """
        if self._sorter is None:
            yield from self._listing
            return
        for negative, value in self._sorter.sorted():
            yield value, -negative

    def close(self) -> None:
        """Remove what went to disk."""
        if self._spill is not None:
            self._spill.close()
        if self._sorter is not None:
            self._sorter.close()


class _Scan:
    """One pass over the merged counts.

    Rows by method and distinct keys are counted on the way; each unresolved value comes out as
    (-rows, value), and goes into ``sorter`` too.
    """

    def __init__(self, distinct: Iterator[tuple[str, str, int]], sorter: Sorter | None) -> None:
        self._distinct, self.sorter = distinct, sorter
        self.methods: Counter[str] = Counter()
        self.distinct = 0

    def __iter__(self) -> Iterator[tuple[int, str]]:
        methods, sorter = self.methods, self.sorter
        last, total = None, 0
        for value, method, rows in self._distinct:
            methods[method] += rows
            self.distinct += 1
            if method != "unresolved" or not value.strip():
                continue
            if value == last:  # keys come in order: one value's keys are neighbours
                total += rows
                continue
            if last is not None:
                if sorter is not None:
                    sorter.add((-total, last))
                yield -total, last
            last, total = value, rows
        if last is not None:
            if sorter is not None:
                sorter.add((-total, last))
            yield -total, last
