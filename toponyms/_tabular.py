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
import os
import sys
import tempfile
import time
from collections import Counter, deque
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO

from toponyms._errors import ToponymsError
from toponyms._gazetteer import gc_paused
from toponyms._helpers import Helpers, Outcome, available
from toponyms._models import PlaceKind
from toponyms._resolver import Fields

FIELDS = ("name", "country", "admin1", "geonames_id", "method", "score", "lat", "lon", "id")
DEFAULT_FIELDS = ("name", "country", "admin1", "geonames_id", "method", "score")


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
        if quiet or not sys.stderr.isatty():
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


def _open_input(path: str, encoding: str) -> tuple[IO[str], str]:
    if path == "-":
        raw: IO[bytes] = sys.stdin.buffer
    else:
        if not Path(path).is_file():
            msg = f"{path}: no such file"
            raise UsageError(msg)
        raw = open(path, "rb")  # noqa: SIM115 - closed by the caller through the wrapper
    head = raw.peek(4)[:4] if hasattr(raw, "peek") else b""
    if encoding.lower().replace("_", "-") in ("utf-8", "utf-8-sig") and head[:2] in (
        codecs.BOM_UTF16_LE,
        codecs.BOM_UTF16_BE,
    ):
        encoding = "utf-16"
    elif encoding.lower().replace("_", "-") == "utf-8-sig" and not head.startswith(codecs.BOM_UTF8):
        encoding = "utf-8"  # no BOM read, so none written
    return io.TextIOWrapper(raw, encoding=encoding, errors="strict", newline=""), encoding


def run_normalize(args: argparse.Namespace) -> int:
    """Run ``toponyms normalize``; returns the exit status."""
    try:
        return _run(args)
    except UsageError as exc:
        print(f"toponyms: error: {exc}", file=sys.stderr)
        return 2


def _run(args: argparse.Namespace) -> int:
    from toponyms import default_resolver

    # Real exports carry huge free-text cells; the csv module's default cap is 128 KiB.
    csv.field_size_limit(2**31 - 1)
    fields = [f.strip() for f in args.fields.split(",") if f.strip()]
    unknown = [f for f in fields if f not in FIELDS]
    if unknown:
        msg = f"unknown --fields {unknown} (choose from {list(FIELDS)})"
        raise UsageError(msg)
    if args.output != "-":
        out_path = Path(args.output)
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
    stream, encoding = _open_input(args.input, args.encoding)
    out_encoding = args.output_encoding or encoding
    resolver = default_resolver()
    counts: Counter[str] = Counter()
    unresolved: Counter[str] = Counter()
    rows = 0
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
            msg = f"{args.input}: cannot decode as {encoding} (byte {exc.start}): {exc.reason}"
            raise UsageError(msg) from None
        header_text, eol = _split_eol(header_raw)
        delimiter: str
        if args.delimiter:
            delimiter = str(args.delimiter)
        else:
            counts_d = {d: header_text.count(d) for d in (",", ";", "\t", "|")}
            delimiter = max(counts_d, key=lambda d: counts_d[d])
        header = next(csv.reader([header_text], delimiter=delimiter))
        column = _column_index(header, args.column, args.input)
        hint_column = (
            None
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

        if args.output == "-":
            out: IO[str] = io.TextIOWrapper(
                sys.stdout.buffer, encoding=out_encoding, newline="", write_through=False
            )
        else:
            fd, tmp_name = tempfile.mkstemp(
                prefix=f".{Path(args.output).name}.", dir=Path(args.output).resolve().parent
            )
            out = out_file = open(fd, "w", encoding=out_encoding, newline="")  # noqa: SIM115
        out.write(header_text + tail([prefix + f for f in fields]) + eol)
        kind, min_score = args.kind, args.min_score

        def work(value: str, hint: str | None) -> Outcome:
            """The result fields of a value, and how it matched."""
            found = resolver._fields(value, country=hint, kind=kind, min_score=min_score)
            method = "unresolved" if found is None else found.method
            return tail(_values(found, fields)), method

        jobs = args.jobs if args.jobs is not None else default_jobs()
        try:
            progress = _Progress.start(stream, args.input, quiet=args.quiet)
            try:
                # Rows make no reference cycles: the collector would only revisit the data.
                with gc_paused():
                    rows, distinct = _convert(
                        lines,
                        out,
                        delimiter=delimiter,
                        column=column,
                        hint_column=hint_column,
                        hint_default=args.country,
                        work=work,
                        helpers=max(0, jobs - 1),
                        before_fork=resolver._load_all,
                        fork_at_once=_size(args.input) >= _LARGE,
                        progress=progress,
                    )
            finally:
                if progress is not None:
                    progress.finish()
            for value, method, count in distinct:
                counts[method] += count
                if method == "unresolved" and value.strip():
                    unresolved[value] += count
        except _Undecodable as failure:
            error = failure.error
            msg = (
                f"{args.input}: cannot decode as {encoding} near row {failure.rows + 2} "
                f"(byte {error.start} of the chunk): {error.reason}"
            )
            raise UsageError(msg) from None
        out.flush()
        if out_file is not None:
            out_file.close()
            os.replace(str(tmp_name), args.output)
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
        resolved = rows - counts["unresolved"]
        share = resolved / rows if rows else 0.0
        by_method = ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))
        top = ", ".join(f"{v!r} ({n})" for v, n in unresolved.most_common(5))
        print(
            f"toponyms: {rows} rows, {len(distinct)} distinct values, {share:.1%} resolved"
            f" ({by_method}){'; most frequent unresolved: ' + top if top else ''}",
            file=sys.stderr,
        )
    return 1 if args.strict and counts["unresolved"] else 0


class _Undecodable(Exception):
    """The input stopped decoding after this many rows."""

    def __init__(self, rows: int, error: UnicodeDecodeError) -> None:
        super().__init__(rows, error)
        self.rows, self.error = rows, error


#: Rows between two writes of the output (and two progress reports): a power of two minus one.
_BATCH = 0x1FFF
#: Batches of rows that may wait for a helper's answers before the row loop waits with them.
_WAITING = 32


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


def _convert(
    lines: Iterator[str],
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
) -> tuple[int, list[tuple[str, str, int]]]:
    """Copy the rows after the header to ``out``, each with its result fields appended.

    A record without a quote character is one physical line whose fields are its text split
    at the delimiter: that is how the csv module reads it too, so the common case is a split.
    A record with a quote character goes to one csv reader, which pulls exactly the physical
    lines of that record through the feed: the raw text of every record is at hand and goes out
    unchanged.

    Each distinct value (or value and hint) is resolved once, by ``work``: here, or, if
    ``helpers`` is above zero, in helper processes (see ``_helpers``) started before the first
    row (``fork_at_once``: then this process never loads the data) or, with the data loaded,
    after the first batch of rows. Rows whose value is still with a
    helper wait in order, in batches; when too many batches wait, the loop resolves values of
    the helpers' backlog itself (or waits for answers) until the oldest batch can go out.

    Returns:
        The number of rows, and (value, method, rows) for each distinct key, in order of
        first appearance.
    """
    feed = _Feed(lines)
    taken = feed.taken
    reader = csv.reader(feed, delimiter=delimiter)
    split_at = 1 + (column if hint_column is None else max(column, hint_column))
    memo: dict[str | tuple[str, str | None], int] = {}
    memo_get = memo.get
    tails: list[str | None] = []
    methods: list[str] = []
    values: list[str] = []
    hits: list[int] = []
    pending: list[str] = []
    push = pending.append
    holes: list[tuple[int, int]] = []  # (position in pending, slot) of tails not known yet
    waiting: deque[tuple[list[str], list[tuple[int, int]]]] = deque()
    # A large input starts its helpers before the first row, and before the data is loaded:
    # each helper loads it while this process starts on the rows, which it then never needs.
    forked = helpers > 0 and fork_at_once
    pool = Helpers(helpers if forked else 0, work, parent_helps=False)
    rows = 0
    key: str | tuple[str, str | None]

    def settle(*, block: bool) -> None:
        for slot, (tail, method) in pool.collect(block=block):
            tails[slot], methods[slot] = tail, method

    def drain(limit: int) -> None:
        """Write the waiting batches whose tails are known; wait while more than ``limit``."""
        settle(block=False)
        while waiting:
            batch, gaps = waiting[0]
            # Fill the gaps in order, dropping each filled one, up to the first still open.
            filled = 0
            for pos, slot in gaps:
                known = tails[slot]
                if known is None:
                    break
                batch[pos] = known
                filled += 1
            del gaps[:filled]
            if gaps:
                if len(waiting) <= limit:
                    return
                settle(block=True)
                continue
            out.write("".join(batch))
            waiting.popleft()

    try:
        for line in lines:
            if '"' in line:
                feed.first = line
                cells = next(reader)
                if taken:
                    raw = line + "".join(taken)
                    taken.clear()
                    # Only the record's own line ending: an unclosed quote at the end of the
                    # file keeps its newlines inside the field.
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
                slot = memo[key] = len(tails)
                values.append(value)
                hits.append(0)
                if pool.offer(slot, value, hint):
                    tails.append(None)
                    methods.append("")
                else:
                    made, method = work(value, hint)
                    tails.append(made)
                    methods.append(method)
            hits[slot] += 1
            tail = tails[slot]
            if tail is None:
                holes.append((len(pending) + 1, slot))
                tail = ""
            push(body)
            push(tail)
            push(raw[len(body) :])
            rows += 1
            if not rows & _BATCH:
                if holes or waiting:
                    waiting.append((pending[:], holes[:]))
                    holes.clear()
                else:
                    out.write("".join(pending))
                pending.clear()
                if waiting:
                    drain(_WAITING)
                elif helpers and not forked:
                    # Past the first batch the job is big enough to share: fork now, with the
                    # data loaded, so that the helpers share it.
                    before_fork()
                    pool = Helpers(helpers, work)
                    forked = True
                if progress is not None:
                    progress.update(rows)
        waiting.append((pending[:], holes[:]))
        drain(0)
    except UnicodeDecodeError as exc:
        raise _Undecodable(rows, exc) from None
    finally:
        pool.close()
    return rows, [(values[s], methods[s], hits[s]) for s in range(len(values))]


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
