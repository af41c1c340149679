"""The ``normalize`` subcommand: resolve one column of a CSV file, streaming, lossless, atomic.

Each input record is kept as the exact text that was read and the result fields are appended to
it, so every other field of every row comes back byte for byte (quoting, delimiter, line ending).
Each distinct value is resolved once. Output goes to a temporary file beside the target that is
renamed over it at the end, so a failed run leaves no partial output.
"""

from __future__ import annotations

import argparse
import codecs
import csv
import io
import itertools
import os
import stat
import sys
import tempfile
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING

from toponyms._errors import ToponymsError
from toponyms._gc import gc_paused
from toponyms._helpers import Helpers, Outcome, available
from toponyms._kinds import PlaceKind

if TYPE_CHECKING:
    from toponyms._resolver import Fields

#: Every result column the command and the dataframe adapters can add.
FIELDS = ("name", "country", "admin1", "geonames_id", "method", "score", "lat", "lon", "id")
#: The result columns added by default.
DEFAULT_FIELDS = ("name", "country", "admin1", "geonames_id", "method", "score")


def unknown_fields(fields: Sequence[str]) -> str | None:
    """What is wrong with a choice of result columns, or ``None`` if they all exist."""
    unknown = [f for f in fields if f not in FIELDS]
    return f"unknown fields {unknown}; choose from {list(FIELDS)}" if unknown else None


def say(message: str) -> None:
    """A line on stderr (none if the command was started with stderr closed)."""
    if sys.stderr is not None:
        print(message, file=sys.stderr)


class UsageError(ToponymsError):
    """A mistake in the command line or the input file, reported in one line."""


def add_normalize_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register the ``normalize`` subcommand."""
    p = sub.add_parser(
        "normalize",
        help="resolve one column of a CSV file",
        description="Append the resolved place of COLUMN to every row of a CSV file.",
    )
    p.add_argument("input", metavar="INPUT", help="CSV file, or - for standard input")
    p.add_argument("--column", required=True, help="column name, or its 1-based index")
    p.add_argument("-o", "--output", default="-", help="output file, or - (default)")
    p.add_argument("--fields", default=",".join(DEFAULT_FIELDS), help="result fields to add")
    p.add_argument("--prefix", help="prefix of the result columns (default: COLUMN_)")
    p.add_argument("--country", help="country hint for every row")
    p.add_argument("--country-column", help="column holding a per-row country hint")
    p.add_argument(
        "--context-column",
        help="column holding a text the row's name comes from: its places decide (one process)",
    )
    p.add_argument("--kind", choices=[k.value for k in PlaceKind])
    p.add_argument("--min-score", type=float)
    p.add_argument("--encoding", default="utf-8-sig", help="input encoding (default UTF-8)")
    p.add_argument("--output-encoding", help="output encoding (default: as read)")
    p.add_argument("--delimiter", help="field delimiter (default: sniffed)")
    p.add_argument("--in-place", action="store_true", help="allow OUTPUT to be INPUT")
    p.add_argument("--unresolved", metavar="FILE", help="write unresolved values and counts")
    p.add_argument("--strict", action="store_true", help="exit 1 if any row is unresolved")
    p.add_argument("--quiet", action="store_true", help="no summary on stderr")
    p.add_argument(
        "--jobs",
        type=int,
        help="processes resolving new values (default: one per CPU, at most 4; 1: no helpers)",
    )


def _records(text: Iterator[str], quotechar: str = '"') -> Iterator[str]:
    """Split a character stream into raw CSV records (newlines inside quotes stay inside)."""
    pending: list[str] = []
    quoted = False
    for line in text:
        pending.append(line)
        quoted ^= line.count(quotechar) % 2 == 1
        if not quoted:
            yield "".join(pending)
            pending = []
    if pending:
        yield "".join(pending)


class _Feed:
    """The lines one persistent ``csv.reader`` reads: a record's first line, then its others.

    The row loop hands the reader each record's first line through ``first``; when a quoted
    field runs on, the reader pulls the next lines from the input itself, and ``taken`` keeps
    them, so the record's raw text is at hand.
    """

    __slots__ = ("first", "lines", "taken")

    def __init__(self, lines: Iterator[str]) -> None:
        self.lines = lines
        self.first: str | None = None
        self.taken: list[str] = []

    def __iter__(self) -> _Feed:
        return self

    def __next__(self) -> str:
        line = self.first
        if line is not None:
            self.first = None
            return line
        line = next(self.lines)
        self.taken.append(line)
        return line


class _Progress:
    """A one-line progress report on stderr: rows, rows/s and, for a file, percent."""

    #: Inputs smaller than this finish too fast to need a report.
    LARGE = 8 * 1024 * 1024
    #: Seconds between two reports.
    EVERY = 0.5

    def __init__(self, raw: IO[bytes] | None, size: int | None) -> None:
        self._raw, self._size = raw, size
        self._started = self._shown = time.monotonic()

    @classmethod
    def start(cls, stream: IO[str], path: str, *, quiet: bool) -> _Progress | None:
        """A report for a terminal and a large input; ``None`` otherwise."""
        if quiet or sys.stderr is None or not sys.stderr.isatty():
            return None
        size = None if path == "-" else os.path.getsize(path)
        if size is not None and size < cls.LARGE:
            return None
        raw = getattr(stream, "buffer", None)
        return cls(raw if size is not None else None, size)

    def update(self, rows: int) -> None:
        """Show the report if the last one is old enough."""
        now = time.monotonic()
        if now - self._shown < self.EVERY:
            return
        self._shown = now
        rate = rows / max(now - self._started, 1e-9)
        line = f"toponyms: {rows:,} rows, {rate:,.0f} rows/s"
        if self._raw is not None and self._size:
            line += f", {min(100.0, 100.0 * self._raw.tell() / self._size):.0f}%"
        sys.stderr.write("\r" + line + "\x1b[K")
        sys.stderr.flush()

    def finish(self) -> None:
        """Clear the report line."""
        if self._shown != self._started:
            sys.stderr.write("\r\x1b[K")
            sys.stderr.flush()


def _split_eol(record: str) -> tuple[str, str]:
    if record.endswith("\r\n"):
        return record[:-2], "\r\n"
    if record.endswith(("\n", "\r")):
        return record[:-1], record[-1]
    return record, ""


def _open_input(path: str, encoding: str) -> tuple[IO[str], str, str, str]:
    """The input as text, and the encodings it is read with and written back with.

    Also the byte order mark to write first ("" for none, or when the codec writes its own).
    UTF-16 with a byte order mark (found by itself, or read as "utf-16") is read as "utf-16",
    which takes the mark away, and written back in the same order with its mark.
    """
    if path == "-":
        if sys.stdin is None:
            msg = "standard input is closed"
            raise UsageError(msg)
        raw: IO[bytes] = sys.stdin.buffer
    else:
        if Path(path).is_dir():
            msg = f"{path}: is a folder, not a file"
            raise UsageError(msg)
        if not Path(path).is_file():
            msg = f"{path}: no such file"
            raise UsageError(msg)
        raw = open(path, "rb")  # noqa: SIM115 - closed by the caller through the wrapper
    head = raw.peek(4)[:4] if hasattr(raw, "peek") else b""
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        raw.close()
        msg = f"unknown encoding {encoding!r}"
        raise UsageError(msg) from None
    written, mark = encoding, ""
    order = {codecs.BOM_UTF16_LE: "utf-16-le", codecs.BOM_UTF16_BE: "utf-16-be"}.get(head[:2])
    if order and name in ("utf-8", "utf-8-sig", "utf-16"):
        encoding, written, mark = "utf-16", order, "\ufeff"
    elif name == "utf-8-sig" and not head.startswith(codecs.BOM_UTF8):
        encoding = written = "utf-8"  # no BOM read, so none written
    text = io.TextIOWrapper(raw, encoding=encoding, errors="strict", newline="")
    return text, encoding, written, mark


def run_normalize(args: argparse.Namespace) -> int:
    """Run ``toponyms normalize``; returns the exit status."""
    try:
        return _run(args)
    except UsageError as exc:
        say(f"toponyms: error: {exc}")
        return 2
    except KeyboardInterrupt:  # the output file was not written; helpers are stopped
        say("toponyms: interrupted")
        return 130


def _run(args: argparse.Namespace) -> int:
    from toponyms import default_resolver

    # Real exports carry huge free-text cells; the csv module's default cap is 128 KiB.
    csv.field_size_limit(2**31 - 1)
    fields = [f.strip() for f in args.fields.split(",") if f.strip()]
    wrong = unknown_fields(fields)
    if wrong:
        msg = f"--fields: {wrong}"
        raise UsageError(msg)
    if args.output == "-" and sys.stdout is None:
        msg = "standard output is closed"
        raise UsageError(msg)
    if args.output != "-":
        out_path = Path(args.output)
        if out_path.is_dir():
            msg = f"{args.output}: is a folder, not a file"
            raise UsageError(msg)
        if not out_path.parent.resolve().is_dir():
            msg = f"{args.output}: output folder does not exist"
            raise UsageError(msg)
        if (
            args.input != "-"
            and out_path.exists()
            and out_path.resolve() == Path(args.input).resolve()
            and not args.in_place
        ):
            msg = f"{args.output}: would overwrite the input (use --in-place)"
            raise UsageError(msg)
    stream, encoding, written, mark = _open_input(args.input, args.encoding)
    out_encoding = args.output_encoding or written
    if args.output_encoding:
        mark = ""  # the encoding asked for writes a mark of its own, or none
    # The resolver (and the data) only where a value is resolved: a process whose helpers
    # resolve every value never imports or loads either.
    counts: Counter[str] = Counter()
    unresolved: Counter[str] = Counter()
    rows = blank = 0
    distinct: list[tuple[str, str, int]] = []
    tmp_name: str | None = None
    out_file: IO[str] | None = None
    try:
        lines = iter(stream)
        try:
            records = _records(lines)
            header_raw = next(records)
        except StopIteration:
            msg = f"{args.input}: empty file"
            raise UsageError(msg) from None
        except UnicodeDecodeError as exc:
            raise UsageError(_undecodable(args.input, encoding, -1, exc)) from None
        header_text, eol = _split_eol(header_raw)
        delimiter: str
        if args.delimiter:
            delimiter = str(args.delimiter)
        else:
            counts_d = {d: header_text.count(d) for d in (",", ";", "\t", "|")}
            delimiter = max(counts_d, key=lambda d: counts_d[d])
        header = next(csv.reader([header_text], delimiter=delimiter))
        column = _column_index(header, args.column, args.input)
        context_column = getattr(args, "context_column", None)
        if context_column is not None and args.country_column is not None:
            msg = "--context-column and --country-column cannot be used together"
            raise UsageError(msg)
        hint_column = (
            _column_index(header, context_column, args.input)
            if context_column is not None
            else None
            if args.country_column is None
            else _column_index(header, args.country_column, args.input)
        )
        prefix = args.prefix if args.prefix is not None else f"{header[column]}_"
        writer_buf = io.StringIO()
        writer = csv.writer(writer_buf, delimiter=delimiter, lineterminator="")

        def tail(values: list[str]) -> str:
            if not any(values):
                # csv writes a lone empty field as "" (a blank line would mean no row): here
                # the fields follow others on the line, so empty is empty.
                return delimiter * len(values)
            writer_buf.seek(0)
            writer_buf.truncate()
            writer.writerow(values)
            return delimiter + writer_buf.getvalue()

        # Through a link, the file it points to is replaced; the link stays.
        target = Path(args.output).resolve()
        if args.output == "-":
            out: IO[str] = io.TextIOWrapper(
                sys.stdout.buffer, encoding=out_encoding, newline="", write_through=False
            )
        elif target.exists() and not target.is_file():
            # A device or a pipe (/dev/null, a named pipe): written to as it is; renaming a
            # file over it would replace it.
            out = out_file = open(target, "w", encoding=out_encoding, newline="")  # noqa: SIM115
        else:
            fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.resolve().parent)
            # The mode a new file would get (mkstemp makes it private), or the replaced one's.
            os.chmod(tmp_name, _mode_for(target))
            out = out_file = open(fd, "w", encoding=out_encoding, newline="")  # noqa: SIM115
        out.write(mark + header_text + tail([prefix + f for f in fields]) + eol)
        kind, min_score = args.kind, args.min_score

        def work(value: str, hint: str | None) -> Outcome:
            """The result fields of a value, and how it matched."""
            found = default_resolver()._fields(value, country=hint, kind=kind, min_score=min_score)
            method = "unresolved" if found is None else found.method
            return tail(_values(found, fields)), method

        jobs = args.jobs if args.jobs is not None else default_jobs()
        hint_default = args.country
        row_work: Callable[[str, str | None], Outcome] = work
        if context_column is not None:
            # The hint slot carries each row's context; a context may be a whole article, so
            # the rows are resolved here rather than piped to helpers.
            row_work, hint_default, jobs = _context_work(args, fields, tail), None, 1
        large = _size(args.input) >= _LARGE
        try:
            progress = _Progress.start(stream, args.input, quiet=args.quiet)
            try:
                # Rows make no reference cycles: the collector would only revisit the data.
                with gc_paused():
                    rows, blank, distinct = _convert(
                        stream,
                        out,
                        delimiter=delimiter,
                        column=column,
                        hint_column=hint_column,
                        hint_default=hint_default,
                        work=row_work,
                        # Small files are done before helpers could pay for themselves;
                        # standard input, of unknown size, starts them after its first block.
                        helpers=max(0, jobs - 1) if large or args.input == "-" else 0,
                        before_fork=lambda: default_resolver()._load_all(),
                        fork_at_once=large,
                        progress=progress,
                        counting=not args.quiet or bool(args.unresolved) or args.strict,
                    )
            finally:
                if progress is not None:
                    progress.finish()
            for value, method, count in distinct:
                counts[method] += count
                if method == "unresolved" and value.strip():
                    unresolved[value] += count
        except _Undecodable as failure:
            msg = _undecodable(args.input, encoding, failure.rows, failure.error)
            raise UsageError(msg) from None
        out.flush()
        if out_file is not None:
            out_file.close()
            if tmp_name is not None:
                os.replace(tmp_name, Path(args.output).resolve())
                tmp_name = None
    finally:
        stream.close()
        if out_file is not None:
            out_file.close()
        if tmp_name is not None:
            Path(tmp_name).unlink(missing_ok=True)
    if args.unresolved:
        with open(args.unresolved, "w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh)
            w.writerow(["value", "count"])
            w.writerows(unresolved.most_common())
    if not args.quiet:
        # Blank lines are rows of the file, but hold no value to resolve.
        valued = rows - blank
        share = (valued - counts["unresolved"]) / valued if valued else 0.0
        by_method = ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))
        top = ", ".join(f"{v!r} ({n})" for v, n in unresolved.most_common(5))
        blanks = f" ({blank} blank)" if blank else ""
        if not valued:
            say(f"toponyms: {rows} rows{blanks}, no value to resolve")
        else:
            say(
                f"toponyms: {rows} rows{blanks}, {len(distinct)} distinct values, "
                f"{share:.1%} resolved ({by_method})"
                f"{'; most frequent unresolved: ' + top if top else ''}"
            )
    return 1 if args.strict and counts["unresolved"] else 0


def _context_work(
    args: argparse.Namespace, fields: list[str], tail: Callable[[list[str]], str]
) -> Callable[[str, str | None], Outcome]:
    """The ``work`` of ``normalize --context-column``: a value resolved in its row's text."""
    from toponyms import default_resolver
    from toponyms._resolver import Fields

    def work(value: str, context: str | None) -> Outcome:
        resolver = default_resolver()
        try:
            match = resolver.resolve(
                value,
                country=args.country,
                kind=args.kind,
                min_score=args.min_score,
                context=context or None,
            )
        except ToponymsError:
            match = None  # one bad cell is one unresolved row
        found = None
        if match is not None:
            place = match.place
            found = Fields(
                place.name,
                place.country,
                place.admin1,
                place.geonames_id,
                match.method.value,
                match.score,
                place.lat,
                place.lon,
                place.id,
            )
        return tail(_values(found, fields)), "unresolved" if found is None else found.method

    return work


class _Undecodable(Exception):
    """The input stopped decoding after this many rows."""

    def __init__(self, rows: int, error: UnicodeDecodeError) -> None:
        super().__init__(rows, error)
        self.rows, self.error = rows, error


#: Rows between two writes of the output (and two progress reports): a power of two minus one.
_BATCH = 0x1FFF
#: Rows that may wait for a helper's answers before the row loop waits with them.
_WAITING = 1 << 19


#: Inputs of at least this many bytes start their helpers before the first row.
_LARGE = 1 << 20


def _size(path: str) -> int:
    """Size of an input file in bytes (0 for standard input)."""
    return 0 if path == "-" else os.path.getsize(path)


def default_jobs() -> int:
    """Processes ``normalize`` uses by default: one per CPU, at most four, where it can fork."""
    if not available():
        return 1
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return max(1, min(4, cpus or 1))


class _Wait:
    """Rows that wait for result fields still with a helper.

    Either a batch of the line-by-line path (``text`` holds its pieces, with ``gaps`` where
    fields go: position, slot, line ending) or a block (``text`` holds its lines, ``keys``
    their keys, and ``missing`` counts its distinct keys whose fields are not known yet).
    """

    __slots__ = ("end", "gaps", "keys", "missing", "rows", "text")

    def __init__(
        self,
        text: list[str],
        rows: int,
        *,
        gaps: list[tuple[int, int, str]] | None = None,
        keys: list[str | tuple[str, str | None]] | None = None,
        end: str = "",
        missing: int = 0,
    ) -> None:
        self.text, self.rows, self.gaps = text, rows, gaps or []
        self.keys, self.end, self.missing = keys, end, missing


def _interleave(lines: list[str], fields: Iterable[str | None]) -> str:
    """Each line followed by its result fields (and line ending), as one text."""
    merged: list[str | None] = [None] * (2 * len(lines))
    merged[0::2] = lines
    merged[1::2] = fields
    return "".join(merged)  # type: ignore[arg-type]  # every second item is a field


#: Characters read at once by the block path of the row loop (then up to the end of a line).
_CHUNK = 1 << 20
#: Whether blocks of simple lines take the list path (tests turn it off to compare the two).
_BLOCKS = True


def _convert(
    stream: IO[str],
    out: IO[str],
    *,
    delimiter: str,
    column: int,
    hint_column: int | None,
    hint_default: str | None,
    work: Callable[[str, str | None], Outcome],
    helpers: int,
    before_fork: Callable[[], object],
    fork_at_once: bool,
    progress: _Progress | None,
    counting: bool = True,
) -> tuple[int, int, list[tuple[str, str, int]]]:
    """Copy the rows after the header to ``out``, each with its result fields appended.

    The input is read in blocks of whole lines. A block whose lines all end alike, each line
    one record, goes through list operations: its keys by a split at the delimiter (by the
    csv module, strictly, for the lines with a quote character), its output by interleaving
    the lines with their result fields. Any other block (a quoted field over several lines,
    blank or short rows, mixed line endings, an unfinished last line) goes line by line:
    a record without a quote character is its line split at the delimiter, and a record with
    one goes to a csv reader that pulls exactly the physical lines of that record through the
    feed, so its raw text is at hand. Either way every record goes out as it came in.

    Each distinct value (or value and hint) is resolved once, by ``work``: here, or, if
    ``helpers`` is above zero, in helper processes (see ``_helpers``) started before the first
    row (``fork_at_once``: then this process never loads the data) or, with the data loaded,
    after the first block. Rows whose value is still with a helper wait in order; when too
    many wait, the loop waits for answers until the oldest can go out.

    Returns:
        The number of rows, how many of them are blank lines, and (value, method, rows) for
        each distinct key, in order of first appearance (rows 0 unless ``counting``: only
        the summary and ``--unresolved`` need them).
    """
    feed = _Feed(iter(()))
    taken = feed.taken
    reader = csv.reader(feed, delimiter=delimiter)
    split_at = 1 + (column if hint_column is None else max(column, hint_column))
    memo: dict[str | tuple[str, str | None], int] = {}
    memo_get = memo.get
    slot_keys: list[str | tuple[str, str | None]] = []
    tails: list[str | None] = []
    methods: list[str] = []
    values: list[str] = []
    #: Per line ending: each key whose fields are known, to its fields and that ending.
    ended: dict[str, dict[str | tuple[str, str | None], str]] = {}
    tally: Counter[str | tuple[str, str | None]] = Counter()
    pending: list[str] = []
    push = pending.append
    seen: list[str | tuple[str, str | None]] = []
    note = seen.append
    # (position in pending, slot, line ending) of result fields not known yet.
    holes: list[tuple[int, int, str]] = []
    waiting: deque[_Wait] = deque()
    waiting_rows = 0
    # The waiting blocks each slot's fields are missing from.
    waiters: dict[int, list[_Wait]] = {}
    forked = helpers > 0 and fork_at_once
    # A large input starts its helpers before the first row, and before the data is loaded:
    # each helper loads it while this process starts on the rows, which it then never needs.
    pool = Helpers(helpers if forked else 0, work, parent_helps=False)
    rows = blank = 0
    more = False
    key: str | tuple[str, str | None]

    def learn(slot: int, tail: str, method: str) -> None:
        tails[slot], methods[slot] = tail, method
        known = slot_keys[slot]
        for end, table in ended.items():
            table[known] = tail + end
        for entry in waiters.pop(slot, ()):
            entry.missing -= 1

    def add(key: str | tuple[str, str | None], value: str, hint: str | None) -> int:
        """A slot for a new key, its fields resolved here or handed to a helper."""
        slot = memo[key] = len(tails)
        slot_keys.append(key)
        values.append(value)
        tails.append(None)
        methods.append("")
        if not pool.offer(slot, value, hint):
            learn(slot, *work(value, hint))
        return slot

    def settle(*, block: bool) -> None:
        for slot, (tail, method) in pool.collect(block=block):
            learn(slot, tail, method)

    def ready(entry: _Wait) -> bool:
        """Whether waiting rows have all their fields now (filling in those that came)."""
        if entry.keys is None:
            # Fill the gaps in order, dropping each filled one, up to the first still open.
            filled = 0
            for pos, slot, end in entry.gaps:
                known = tails[slot]
                if known is None:
                    break
                entry.text[pos] = known + end
                filled += 1
            del entry.gaps[:filled]
            return not entry.gaps
        return not entry.missing

    def drain(limit: int) -> None:
        """Write the waiting rows whose fields are known; wait while more than ``limit``."""
        nonlocal waiting_rows
        settle(block=False)
        while waiting:
            entry = waiting[0]
            if not ready(entry):
                if waiting_rows <= limit:
                    return
                settle(block=True)
                continue
            if entry.keys is None:
                out.write("".join(entry.text))
            else:
                out.write(_interleave(entry.text, map(ended[entry.end].get, entry.keys)))
            waiting.popleft()
            waiting_rows -= entry.rows

    def emit(batch_rows: int) -> None:
        """Hand on the rows read so far (they wait if some fields are not known yet)."""
        nonlocal pool, forked, waiting_rows
        if pending and (holes or waiting):
            waiting.append(_Wait(pending[:], batch_rows, gaps=holes[:]))
            waiting_rows += batch_rows
            holes.clear()
        elif pending:
            out.write("".join(pending))
        pending.clear()
        if counting:
            tally.update(seen)
        seen.clear()
        if waiting:
            drain(_WAITING)
        elif helpers and not forked and more:
            # Past a first full block the job is big enough to share: fork now, with the data
            # loaded, so that the helpers share it.
            before_fork()
            pool = Helpers(helpers, work)
            forked = True
        if progress is not None:
            progress.update(rows)

    def block(lines: list[str], end: str) -> bool:
        """Take a block of whole lines ending in ``end``, if each line is one record.

        Returns ``False`` (having taken nothing) for any other block.
        """
        nonlocal rows, waiting_rows
        if "" in lines:
            return False  # a blank line: it stays blank, without result fields
        try:
            if hint_column is None:
                keys: list[str | tuple[str, str | None]] = [
                    line.split(delimiter, split_at)[column] for line in lines
                ]
            else:
                keys = [
                    (cells[column], cells[hint_column] or hint_default)
                    for cells in [line.split(delimiter, split_at) for line in lines]
                ]
            quoted = [i for i, line in enumerate(lines) if '"' in line]
            if quoted:
                # Strict: an error, or fewer records than lines, means some line is not a
                # record on its own (a quoted field goes on, or a quote is out of place).
                parsed = list(
                    csv.reader([lines[i] for i in quoted], delimiter=delimiter, strict=True)
                )
                if len(parsed) != len(quoted):
                    return False
                for i, cells in zip(quoted, parsed, strict=True):
                    keys[i] = (
                        cells[column]
                        if hint_column is None
                        else (cells[column], cells[hint_column] or hint_default)
                    )
        except (IndexError, csv.Error):
            return False
        table = ended.get(end)
        if table is None:
            table = ended[end] = {
                k: t + end for k, t in zip(slot_keys, tails, strict=True) if t is not None
            }
        fields = list(map(table.get, keys))
        rows += len(lines)
        if counting:
            seen.extend(keys)
        if None not in fields and not waiting:
            pending.append(_interleave(lines, fields))
            return True
        # New keys get their slots in the order they first appear; the block waits for those
        # still with a helper (or behind rows already waiting) and goes out whole.
        entry = _Wait(lines, len(lines), keys=keys, end=end)
        for key in [k for k in dict.fromkeys(keys) if k not in table]:
            slot = memo_get(key)
            if slot is None:
                value, hint = key if isinstance(key, tuple) else (key, hint_default)
                slot = add(key, value, hint)
            if tails[slot] is None:
                waiters.setdefault(slot, []).append(entry)
                entry.missing += 1
        if not entry.missing and not waiting:
            pending.append(_interleave(lines, map(table.get, keys)))
        else:
            waiting.append(entry)
            waiting_rows += len(lines)
        return True

    try:
        while True:
            text = stream.read(_CHUNK)
            if not text:
                break
            more = len(text) >= _CHUNK  # a full block: there may well be more
            if text[-1] not in "\r\n" or text[-1] == "\r":
                text += stream.readline()  # up to the end of the line (a CR may have its LF)
            if "\r" not in text:
                end = "\n"
            elif text.count("\r\n") == text.count("\n") == text.count("\r"):
                end = "\r\n"
            else:
                end = ""
            if _BLOCKS and end and text.endswith(end):
                lines = text.split(end)
                lines.pop()
                if block(lines, end):
                    emit(0)
                    continue
            # Line by line, from this block and, for a record that goes on past it, beyond.
            emitted = rows
            source = iter(io.StringIO(text, newline=""))
            feed.lines = itertools.chain(source, stream)
            for line in source:
                if '"' in line:
                    feed.first = line
                    cells = next(reader)
                    if taken:
                        raw = line + "".join(taken)
                        taken.clear()
                        # Only the record's own line ending: an unclosed quote at the end of
                        # the file keeps its newlines inside the field.
                        body = _split_eol(raw)[0]
                    else:
                        raw = line
                        body = line.rstrip("\r\n")
                else:
                    raw = line
                    body = line.rstrip("\r\n")
                    if not body:  # a blank line stays a blank line
                        push(raw)
                        rows += 1
                        blank += 1
                        continue
                    cells = body.split(delimiter, split_at)
                value = cells[column] if column < len(cells) else ""
                hint = hint_default
                if hint_column is None:
                    key = value  # one hint for all: the value is the key
                else:
                    if hint_column < len(cells):
                        hint = cells[hint_column] or hint_default
                    key = (value, hint)
                slot = memo_get(key)
                if slot is None:
                    slot = add(key, value, hint)
                if counting:
                    note(key)
                tail = tails[slot]
                if tail is None:
                    holes.append((len(pending) + 1, slot, ""))
                    tail = ""
                push(body)
                push(tail)
                push(raw[len(body) :])
                rows += 1
                if not rows & _BATCH:
                    emit(rows - emitted)
                    emitted = rows
            emit(rows - emitted)
        drain(0)
    except UnicodeDecodeError as exc:
        raise _Undecodable(rows, exc) from None
    finally:
        pool.close()
    distinct = [(values[s], methods[s], tally[slot_keys[s]]) for s in range(len(values))]
    return rows, blank, distinct


def _mode_for(target: Path) -> int:
    """Permission bits for an output file: those of the file it replaces, else the default."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _undecodable(path: str, encoding: str, rows: int, error: UnicodeDecodeError) -> str:
    """The one-line message for an input that does not decode, pointing at the bad byte."""
    where = None if path == "-" else _undecodable_at(path, encoding)
    if where is None:  # standard input: it cannot be read again to point at the byte
        if rows < 0:
            place = "in the header"
        else:
            place = f"in the rows after row {rows + 1}" if rows else "in the first rows"
        place += " (standard input cannot be read again to find the byte)"
        reason = error.reason
    else:
        line, offset, reason = where
        place = f"at byte {offset}" + (f" (line {line})" if line else "")
    return f"{path}: cannot decode as {encoding} {place}: {reason}"


def _undecodable_at(path: str, encoding: str) -> tuple[int, int, str] | None:
    """Where a file first fails to decode: (line, byte offset, reason).

    The file is decoded again piece by piece up to each byte 10. For an encoding that writes a
    line end as that one byte (UTF-8, the single-byte code pages) the line and the offset are
    exact; for others (UTF-16) the line is 0 (unknown) and the offset near.
    """
    decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
    counts_lines = "\n".encode(encoding) == b"\n"
    offset = 0
    try:
        with open(path, "rb") as fh:
            for number, chunk in enumerate(fh, start=1):
                try:
                    decoder.decode(chunk)
                except UnicodeDecodeError as exc:
                    return (number if counts_lines else 0), offset + exc.start, exc.reason
                offset += len(chunk)
            decoder.decode(b"", final=True)
    except UnicodeDecodeError as exc:
        return 0, offset, exc.reason
    except OSError:
        return None
    return None


def _column_index(header: list[str], column: str, path: str) -> int:
    if column in header:
        return header.index(column)
    if column.isdigit() and 1 <= int(column) <= len(header):
        return int(column) - 1
    msg = f"{path}: no column {column!r} (columns: {', '.join(header)})"
    raise UsageError(msg)


def _values(found: Fields | None, fields: list[str]) -> list[str]:
    if found is None:
        return [""] * len(fields)
    by_name = {
        "name": found.name,
        "country": found.country or "",
        "admin1": found.admin1 or "",
        "geonames_id": "" if found.geonames_id is None else str(found.geonames_id),
        "method": found.method,
        "score": f"{found.score:.1f}",
        "lat": "" if found.lat is None else f"{found.lat}",
        "lon": "" if found.lon is None else f"{found.lon}",
        "id": found.id,
    }
    return [by_name[f] for f in fields]
