"""The row loop of ``toponyms normalize``: every record of the input, with its result fields.

The input is read in blocks of whole lines. A block whose lines all end alike, each line one
record, goes through list operations: its keys by a split at the delimiter (by the csv module,
strictly, for the lines with a quote character), its output by interleaving the lines with
their result fields. Any other block (a quoted field over several lines, blank or short rows,
mixed line endings, an unfinished last line) goes line by line: a record without a quote
character is its line split at the delimiter, and a record with one goes to a csv reader that
pulls exactly the physical lines of that record through the feed, so its raw text is at hand.
Either way every record goes out as it came in, with the fields appended.

Each distinct key (the value, and its hints when they come from columns) is resolved once:
here, or in helper processes (``toponyms._helpers``). Rows whose fields are still with a helper
wait, in order, and go out when the answers come.
"""

from __future__ import annotations

import csv
import io
import itertools
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from typing import IO, NamedTuple

from toponyms._columns import NAME_LIMIT
from toponyms._counts import Tally
from toponyms._csvio import split_eol
from toponyms._helpers import Helpers, Outcome

#: What a row's value is resolved under: the value alone when every row has the same hints,
#: else (value, country hint, admin-1 hint).
Key = str | tuple[str, str | None, str | None]
#: The hints a value is resolved with: (country, admin-1).
Hints = tuple[str | None, str | None]

#: Rows between two writes of the output (and two progress reports): a power of two minus one.
_BATCH = 0x1FFF
#: Rows that may wait for a helper's answers before the row loop waits with them.
_WAITING = 1 << 19
#: ... and characters per waiting row allowed on average (rows can be long: a count of rows
#: alone does not bound the memory): 64 M characters at most.
_WAITING_CHARS_PER_ROW = 128
#: Characters read at once by the block path (then up to the end of a line).
_CHUNK = 1 << 20
#: Whether blocks of simple lines take the list path (tests turn it off to compare the two).
_BLOCKS = True


class _Feed:
    """The lines one persistent ``csv.reader`` reads: a record's first line, then its others.

    The row loop hands the reader each record's first line through ``first``; when a quoted
    field runs on, the reader pulls the next lines from the input itself, and ``taken`` keeps
    them, so the record's raw text is at hand. ``ended`` tells that the input ran out while
    the reader wanted more: a quote that was never closed.
    """

    __slots__ = ("ended", "first", "lines", "taken")

    def __init__(self, lines: Iterator[str]) -> None:
        self.lines = lines
        self.first: str | None = None
        self.taken: list[str] = []
        self.ended = False

    def __iter__(self) -> _Feed:
        return self

    def __next__(self) -> str:
        line = self.first
        if line is not None:
            self.first = None
            return line
        try:
            line = next(self.lines)
        except StopIteration:
            self.ended = True
            raise
        self.taken.append(line)
        return line


class _Entry:
    """One distinct key: its value and hints, and its result fields once known."""

    __slots__ = ("hints", "key", "method", "tail", "value", "waiters")

    def __init__(self, key: Key, value: str, hints: Hints) -> None:
        self.key, self.value, self.hints = key, value, hints
        #: The result fields (with the delimiter before them), ``None`` while with a helper.
        self.tail: str | None = None
        self.method = ""
        #: The waiting blocks this entry's fields are missing from.
        self.waiters: list[_Wait] | None = None


class _Wait:
    """Rows that wait for result fields still with a helper.

    Either a batch of the line-by-line path (``text`` holds its pieces, with ``gaps`` where
    fields go: position, entry, line ending) or a block (``text`` holds its lines, ``keys``
    their keys, and ``missing`` counts its distinct keys whose fields are not known yet).
    """

    __slots__ = ("chars", "end", "gaps", "keys", "missing", "rows", "text")

    def __init__(
        self,
        text: list[str],
        rows: int,
        *,
        gaps: list[tuple[int, _Entry, str]] | None = None,
        keys: list[Key] | None = None,
        end: str = "",
    ) -> None:
        self.text, self.rows, self.gaps = text, rows, gaps or []
        self.keys, self.end, self.missing = keys, end, 0
        #: The characters of its rows (about).
        self.chars = sum(map(len, text))


def _interleave(lines: list[str], fields: Iterable[str | None]) -> str:
    """Each line followed by its result fields (and line ending), as one text."""
    merged: list[str | None] = [None] * (2 * len(lines))
    merged[0::2] = lines
    merged[1::2] = fields
    return "".join(merged)  # type: ignore[arg-type]  # every second item is a field


class Columns(NamedTuple):
    """Where a row's value and hints are, and the hints of rows that have none."""

    delimiter: str
    #: The 0-based position of the column to resolve.
    value: int
    #: The columns of per-row country and admin-1 hints (``None``: none).
    country: int | None = None
    admin1: int | None = None
    #: The hints for every row (and for a row whose hint cell is empty).
    defaults: Hints = (None, None)


class Unclosed(NamedTuple):
    """A quoted field that was still open at the end of the input."""

    #: The row it starts (1-based, after the header) and the lines it took in.
    row: int
    lines: int


class Result(NamedTuple):
    """What the row loop saw."""

    rows: int
    #: Rows that are blank lines.
    blank: int
    unclosed: Unclosed | None
    #: How often the cache of resolved values dropped its least recently used part.
    turns: int


def _ending(text: str) -> str:
    """The one line ending of a block ("" if it mixes them)."""
    if "\r" not in text:
        return "\n"
    if text.count("\r\n") == text.count("\n") == text.count("\r"):
        return "\r\n"
    return ""


def _too_long(value: str, hints: Hints) -> bool:
    """Whether a value or a hint is over the name limit: unresolved, without asking anyone."""
    return len(value) > NAME_LIMIT or any(h is not None and len(h) > NAME_LIMIT for h in hints)


#: Bytes of memory the keys met and their result fields may take (an estimate), in the row
#: loop's process; past it the least recently used go (and are resolved again if met again).
CACHE_BUDGET = 128 << 20
#: Bytes an entry takes beyond its text (objects, dictionary slots, counts), measured on a
#: column of millions of distinct values.
ENTRY_COST = 700


def _cost(entry: _Entry) -> int:
    size = ENTRY_COST + len(entry.value)
    for hint in entry.hints:
        if hint is not None:
            size += len(hint)
    return size


class _Known:
    """The keys met, with their entries, in about ``budget`` bytes: least recently used go.

    Two generations: ``young`` holds the entries used since the last turn, ``old`` those of
    the generation before. An old entry met again moves back to young; when young reaches half
    the budget the generations turn, and the old entries not met again are dropped (their row
    counts go to ``drop``). An entry is dropped only after a whole generation without use.
    ``tables`` hold, per line ending, the fields of young's resolved entries, for the block
    path's lookups; ``tally`` counts young's rows.
    """

    def __init__(self, budget: int, drop: Callable[[_Entry, int], object] | None) -> None:
        self._budget, self._drop = budget, drop
        self.young: dict[Key, _Entry] = {}
        self._old: dict[Key, _Entry] = {}
        self.tables: dict[str, dict[Key, str]] = {}
        self.tally: Counter[Key] = Counter()
        self._old_tally: Counter[Key] = Counter()
        self._size = 0
        #: How many times the generations turned (0: nothing was ever dropped).
        self.turns = 0

    def get(self, key: Key) -> _Entry | None:
        """The entry of a key, if it is known (an old one becomes young again)."""
        entry = self.young.get(key)
        if entry is None and self._old:
            entry = self._old.pop(key, None)
            if entry is not None:
                self.add(entry)
                if entry.tail is not None:
                    self.learned(entry)
                rows = self._old_tally.pop(key, 0)
                if rows:
                    self.tally[key] += rows
        return entry

    def add(self, entry: _Entry) -> None:
        """Take a new entry (young)."""
        self.young[entry.key] = entry
        self._size += _cost(entry)

    def learned(self, entry: _Entry) -> None:
        """Take in the fields of a young entry."""
        tail, key = entry.tail, entry.key
        assert tail is not None
        for end, table in self.tables.items():
            table[key] = tail + end
        self._size += len(tail) * (1 + len(self.tables))

    def table(self, end: str) -> dict[Key, str]:
        """The fields of young's resolved entries with line ending ``end``, by key."""
        table = self.tables.get(end)
        if table is None:
            table = self.tables[end] = {
                k: e.tail + end for k, e in self.young.items() if e.tail is not None
            }
        return table

    def full(self) -> bool:
        """Whether the young generation has reached half the budget."""
        return self._size > self._budget // 2

    def turn(self, keep: Iterable[Key]) -> None:
        """Drop the old generation and make young the old one; ``keep`` stays young."""
        if self._drop is not None:
            for key, entry in self._old.items():
                self._drop(entry, self._old_tally[key])
        self._old, self._old_tally = self.young, self.tally
        self.young, self.tally = {}, Counter()
        self.tables = {end: {} for end in self.tables}
        self._size = 0
        self.turns += 1
        for key in keep:
            self.get(key)

    def everything(self) -> Iterator[tuple[_Entry, int]]:
        """Every entry kept, with its rows: the old generation's, then young's."""
        for key, entry in self._old.items():
            yield entry, self._old_tally[key]
        for key, entry in self.young.items():
            yield entry, self.tally[key]


class RowLoop:
    """Copy the rows after the header to an output, each with its result fields appended.

    Args:
        write: Writes text to the output.
        columns: Where each row's value and hints are.
        work: Resolves a value under its hints: (result fields, method).
        unresolved: The outcome of a value or hint too long to be a name, given without
            asking ``work`` (nor any helper: such text could fill a helper's pipe).
        helpers: Helper processes to share the work with (0: every value is resolved here).
        before_fork: Called before helpers are forked after a first full block (so that they
            share what it loads).
        fork_at_once: Start the helpers before the first row, before anything is loaded: each
            loads the data, which this process then never needs.
        progress: Called with the number of rows so far, after each batch.
        tally: Where the rows of each key are counted (``None``: nowhere; only the summary,
            ``--unresolved`` and ``--strict`` need them).
        budget: Bytes of memory the keys met and their fields may take (an estimate).
    """

    def __init__(
        self,
        write: Callable[[str], object],
        columns: Columns,
        work: Callable[[str, Hints], Outcome],
        *,
        unresolved: Outcome,
        helpers: int = 0,
        before_fork: Callable[[], object] = lambda: None,
        fork_at_once: bool = False,
        progress: Callable[[int], object] | None = None,
        tally: Tally | None = None,
        budget: int = CACHE_BUDGET,
    ) -> None:
        self._write, self._columns, self._work = write, columns, work
        self._unresolved = unresolved
        self._helpers, self._before_fork = helpers, before_fork
        self._progress, self._tally = progress, tally
        self._counting = tally is not None
        hint_columns = [c for c in (columns.country, columns.admin1) if c is not None]
        self._hinted = bool(hint_columns)
        self._split_at = 1 + max([columns.value, *hint_columns])
        self._known = _Known(budget, None if tally is None else self._dropped)
        # The current batch: its output pieces, its keys, and where fields not known yet go.
        self._pending: list[str] = []
        self._seen: list[Key] = []
        self._holes: list[tuple[int, _Entry, str]] = []
        self._waiting: deque[_Wait] = deque()
        self._waiting_rows = self._waiting_chars = 0
        #: The entries whose values are with a helper, by the slot they were sent under.
        self._inflight: dict[int, _Entry] = {}
        self._slots = itertools.count()
        self._forked = helpers > 0 and fork_at_once
        self._pool: Helpers[Hints, Outcome] = Helpers(
            helpers if self._forked else 0, work, parent_helps=False
        )
        self._more = False
        self._feed = _Feed(iter(()))
        self._reader = csv.reader(self._feed, delimiter=columns.delimiter)
        self.rows = self.blank = 0
        self._unclosed: Unclosed | None = None

    def run(self, stream: IO[str]) -> Result:
        """Read the rest of ``stream`` (the rows after the header) and write every row out.

        Raises:
            UnicodeDecodeError: the input stopped decoding (after ``self.rows`` rows).
        """
        try:
            while True:
                text = stream.read(_CHUNK)
                if not text:
                    break
                self._more = len(text) >= _CHUNK  # a full block: there may well be more
                if text[-1] not in "\r\n" or text[-1] == "\r":
                    text += stream.readline()  # up to the end of the line (a CR may have its LF)
                end = _ending(text)
                if _BLOCKS and end and text.endswith(end):
                    lines = text.split(end)
                    lines.pop()
                    if self._block(lines, end):
                        self._emit(0)
                        continue
                # Line by line, from this block and, for a record that goes on past it, beyond.
                self._by_line(text, stream)
            self._drain(0)
        finally:
            self._pool.close()
        if self._tally is not None:
            for entry, rows in self._known.everything():
                self._dropped(entry, rows)
        return Result(self.rows, self.blank, self._unclosed, self._known.turns)

    def _dropped(self, entry: _Entry, rows: int) -> None:
        """Count the rows of an entry that leaves the cache (or is there at the end)."""
        assert self._tally is not None
        self._tally.add(entry.key, entry.value, entry.method, rows)

    def _key_of(self, cells: list[str]) -> Key:
        """The key of a row's cells when hints come from columns (``IndexError``: too short)."""
        c = self._columns
        country, admin1 = c.defaults
        if c.country is not None:
            country = cells[c.country] or country
        if c.admin1 is not None:
            admin1 = cells[c.admin1] or admin1
        return (cells[c.value], country, admin1)

    def _keys(self, lines: list[str]) -> list[Key] | None:
        """The keys of a block's lines, or ``None`` if some line is not one whole record."""
        delimiter, column, split_at = self._columns.delimiter, self._columns.value, self._split_at
        try:
            if self._hinted:
                key_of = self._key_of
                keys = [key_of(line.split(delimiter, split_at)) for line in lines]
            else:
                keys = [line.split(delimiter, split_at)[column] for line in lines]
            quoted = [i for i, line in enumerate(lines) if '"' in line]
            if quoted:
                # Strict: an error, or fewer records than lines, means some line is not a
                # record on its own (a quoted field goes on, or a quote is out of place).
                parsed = list(
                    csv.reader([lines[i] for i in quoted], delimiter=delimiter, strict=True)
                )
                if len(parsed) != len(quoted):
                    return None
                for i, cells in zip(quoted, parsed, strict=True):
                    keys[i] = self._key_of(cells) if self._hinted else cells[column]
        except (IndexError, csv.Error):
            return None
        return keys

    def _block(self, lines: list[str], end: str) -> bool:
        """Take a block of whole lines ending in ``end``, if each line is one record.

        Returns ``False`` (having taken nothing) for any other block.
        """
        if "" in lines:
            return False  # a blank line: it stays blank, without result fields
        keys = self._keys(lines)
        if keys is None:
            return False
        table = self._known.table(end)
        fields = list(map(table.get, keys))
        self.rows += len(lines)
        if self._counting:
            self._seen.extend(keys)
        if None not in fields and not self._waiting:
            self._pending.append(_interleave(lines, fields))
            return True
        # New keys get their entries in the order they first appear; the block waits for those
        # still with a helper (or behind rows already waiting) and goes out whole.
        wait = _Wait(lines, len(lines), keys=keys, end=end)
        for key in [k for k in dict.fromkeys(keys) if k not in table]:
            entry = self._known.get(key)
            if entry is None:
                entry = self._add_key(key)
            if entry.tail is None:
                if entry.waiters is None:
                    entry.waiters = []
                entry.waiters.append(wait)
                wait.missing += 1
        if not wait.missing and not self._waiting:
            self._pending.append(_interleave(lines, map(table.get, keys)))
        else:
            self._waiting.append(wait)
            self._waiting_rows += len(lines)
            self._waiting_chars += wait.chars
        return True

    def _by_line(self, text: str, stream: IO[str]) -> None:
        """Take a block line by line; a record that runs on past it takes lines from beyond."""
        columns, split_at, counting = self._columns, self._split_at, self._counting
        delimiter, column = columns.delimiter, columns.value
        feed, reader, known = self._feed, self._reader, self._known
        memo_get = known.young.get
        taken, pending, holes = feed.taken, self._pending, self._holes
        push, note = pending.append, self._seen.append
        rows = emitted = self.rows
        source = iter(io.StringIO(text, newline=""))
        feed.lines = itertools.chain(source, stream)
        for line in source:
            if '"' in line:
                feed.first = line
                cells = next(reader)
                if taken:
                    raw = line + "".join(taken)
                    if feed.ended and self._unclosed is None:
                        self._unclosed = Unclosed(rows + 1, 1 + len(taken))
                    taken.clear()
                    # Only the record's own line ending: an unclosed quote at the end of
                    # the file keeps its newlines inside the field.
                    body = split_eol(raw)[0]
                else:
                    raw = line
                    body = line.rstrip("\r\n")
            else:
                raw = line
                body = line.rstrip("\r\n")
                if not body:  # a blank line stays a blank line
                    push(raw)
                    rows += 1
                    self.blank += 1
                    continue
                cells = body.split(delimiter, split_at)
            value = cells[column] if column < len(cells) else ""
            key: Key = value  # one hint for all: the value is the key
            if self._hinted:
                if len(cells) < split_at:  # a short row: its missing hints are the defaults
                    cells = cells + [""] * (split_at - len(cells))
                key = self._key_of(cells)
            entry = memo_get(key)
            if entry is None:
                entry = known.get(key) or self._add_key(key)
            if counting:
                note(key)
            tail = entry.tail
            if tail is None:
                holes.append((len(pending) + 1, entry, ""))
                tail = ""
            push(body)
            push(tail)
            push(raw[len(body) :])
            rows += 1
            if not rows & _BATCH:
                self.rows = rows
                self._emit(rows - emitted)
                emitted = rows
                memo_get = known.young.get  # a new generation may have begun
        self.rows = rows
        self._emit(rows - emitted)

    def _add_key(self, key: Key) -> _Entry:
        """An entry for a new key, its fields resolved here or handed to a helper."""
        if isinstance(key, tuple):
            value, hints = key[0], (key[1], key[2])
        else:
            value, hints = key, self._columns.defaults
        entry = _Entry(key, value, hints)
        self._known.add(entry)
        if _too_long(value, hints):
            self._learn(entry, *self._unresolved)
        else:
            slot = next(self._slots)
            if self._pool.offer(slot, value, hints):
                self._inflight[slot] = entry
            else:
                self._learn(entry, *self._work(value, hints))
        return entry

    def _learn(self, entry: _Entry, tail: str, method: str) -> None:
        entry.tail, entry.method = tail, method
        self._known.learned(entry)
        if entry.waiters is not None:
            for wait in entry.waiters:
                wait.missing -= 1
            entry.waiters = None

    def _settle(self, *, block: bool) -> None:
        inflight = self._inflight
        for slot, (tail, method) in self._pool.collect(block=block):
            self._learn(inflight.pop(slot), tail, method)

    def _ready(self, wait: _Wait) -> bool:
        """Whether waiting rows have all their fields now (filling in those that came)."""
        if wait.keys is None:
            # Fill the gaps in order, dropping each filled one, up to the first still open.
            filled = 0
            for pos, entry, end in wait.gaps:
                known = entry.tail
                if known is None:
                    break
                wait.text[pos] = known + end
                filled += 1
            del wait.gaps[:filled]
            return not wait.gaps
        return not wait.missing

    def _drain(self, limit: int) -> None:
        """Write the waiting rows whose fields are known; wait while more than ``limit``."""
        self._settle(block=False)
        waiting = self._waiting
        while waiting:
            wait = waiting[0]
            if not self._ready(wait):
                if (
                    self._waiting_rows <= limit
                    and self._waiting_chars <= limit * _WAITING_CHARS_PER_ROW
                ):
                    return
                self._settle(block=True)
                continue
            if wait.keys is None:
                self._write("".join(wait.text))
            else:
                table = self._known.tables[wait.end]
                self._write(_interleave(wait.text, map(table.get, wait.keys)))
            waiting.popleft()
            self._waiting_rows -= wait.rows
            self._waiting_chars -= wait.chars

    def _emit(self, batch_rows: int) -> None:
        """Hand on the rows read so far (they wait if some fields are not known yet)."""
        pending = self._pending
        if pending and (self._holes or self._waiting):
            self._waiting.append(_Wait(pending[:], batch_rows, gaps=self._holes[:]))
            self._waiting_rows += batch_rows
            self._waiting_chars += self._waiting[-1].chars
            self._holes.clear()
        elif pending:
            self._write("".join(pending))
        pending.clear()
        if self._counting:
            self._known.tally.update(self._seen)
        self._seen.clear()
        if self._waiting:
            self._drain(_WAITING)
        elif self._helpers and not self._forked and self._more:
            # Past a first full block the job is big enough to share: fork now, with the data
            # loaded, so that the helpers share it.
            self._before_fork()
            self._pool = Helpers(self._helpers, self._work)
            self._forked = True
        if self._known.full():
            # What must stay: the values with a helper, and the keys of waiting blocks.
            keep = [entry.key for entry in self._inflight.values()]
            for wait in self._waiting:
                keep.extend(wait.keys or ())
            self._known.turn(keep)
        if self._progress is not None:
            self._progress(self.rows)
