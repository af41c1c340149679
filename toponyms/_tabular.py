"""The ``normalize`` subcommand: resolve one column of a CSV file, streaming, lossless, atomic.

Each input record is kept as the exact text that was read and the result fields are appended to
it, so every other field of every row comes back byte for byte (quoting, delimiter, line ending).
Each distinct value is resolved once. This module reads the command line, checks it, and ties
the input and output (``_csvio``), the row loop (``_rows``) and the summary together.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import io
import os
import sys
import time
from collections.abc import Callable
from typing import IO, NamedTuple

from toponyms._columns import (
    DEFAULT_FIELDS,
    FIELDS,
    OPTIONAL_FIELDS,
    FullFields,
    check_hints,
    fields_of,
    shorten,
    text_values,
    unknown_fields,
)
from toponyms._counts import BUDGET, Summary, Tally
from toponyms._csvio import (
    Input,
    Output,
    UsageError,
    check_delimiter,
    check_target,
    column_index,
    open_input,
    peek_line,
    records,
    say,
    sniff_delimiter,
    split_eol,
    text_encoding,
    undecodable,
    write_table,
)
from toponyms._gc import gc_paused
from toponyms._helpers import Outcome, available
from toponyms._kinds import PlaceKind
from toponyms._rows import CACHE_BUDGET, Columns, Hints, Result, RowLoop

__all__ = ["DEFAULT_FIELDS", "FIELDS", "UsageError", "add_normalize_parser", "run_normalize"]

#: Inputs of at least this many bytes start their helpers before the first row.
_LARGE = 1 << 20


_EPILOG = f"""\
examples:
  toponyms normalize events.csv --column city -o events_resolved.csv
  toponyms normalize events.csv --column 3 --country UA --fields name,admin1 -o out.csv
  toponyms normalize us.csv --column town --admin1-column state --unresolved missed.csv -o out.csv
  toponyms normalize - --column city < events.csv > out.csv

Every row comes back byte for byte with the result fields appended; the output is written to a
temporary file and renamed into place at the end.

Memory stays bounded however many distinct values the column holds: about
{CACHE_BUDGET >> 20} MB of resolved values are kept (the least recently used go first, and are
resolved again if they come back), and {BUDGET >> 20} MB of counts for the summary and
--unresolved (past that they go to a temporary folder).

Exit status: 0 done; 1 rows left unresolved with --strict; 2 a usage, input or output error
(one line on stderr)."""


def add_normalize_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register the ``normalize`` subcommand."""
    p = sub.add_parser(
        "normalize",
        help="resolve one column of a CSV file",
        description="Append the resolved place of COLUMN to every row of a CSV file.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("input", metavar="INPUT", help="CSV file, or - for standard input")
    p.add_argument("-c", "--column", required=True, help="column name, or its 1-based number")
    p.add_argument("-o", "--output", default="-", help="output file, or - (default)")
    p.add_argument("--fields", default=",".join(DEFAULT_FIELDS), help="result fields to add")
    p.add_argument("--prefix", help="prefix of the result columns (default: COLUMN_)")
    p.add_argument("--country", help="country hint for every row (ISO code or name)")
    p.add_argument(
        "--country-column", help="column holding a per-row country hint (empty: --country)"
    )
    p.add_argument("--admin1", help="first-level subdivision hint for every row")
    p.add_argument(
        "--admin1-column", help="column holding a per-row admin-1 hint (empty: --admin1)"
    )
    p.add_argument(
        "--context-column",
        help="column holding the text each row's name comes from: its places decide",
    )
    p.add_argument("--kind", choices=[k.value for k in PlaceKind], help="only this kind")
    p.add_argument("--min-score", type=float, help="lowest score for a fuzzy match")
    p.add_argument("-e", "--encoding", default="utf-8-sig", help="input encoding (default: UTF-8)")
    p.add_argument("--output-encoding", help="output encoding (default: as read)")
    p.add_argument("-d", "--delimiter", help="field delimiter (default: sniffed)")
    p.add_argument(
        "--no-header",
        action="store_true",
        help="the input has no header row: columns by number, and no header written",
    )
    p.add_argument("--in-place", action="store_true", help="allow OUTPUT to be INPUT")
    p.add_argument("--unresolved", metavar="FILE", help="write unresolved values and counts")
    p.add_argument("--strict", action="store_true", help="exit 1 if any row is unresolved")
    p.add_argument("--quiet", action="store_true", help="no summary on stderr")
    p.add_argument(
        "-j",
        "--jobs",
        type=int,
        help="processes resolving new values (default: one per CPU, at most 4; 1: no helpers)",
    )


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


def default_jobs() -> int:
    """Processes ``normalize`` uses by default: one per CPU, at most four, where it can fork."""
    if not available():
        return 1
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return max(1, min(4, cpus or 1))


class Terminated(BaseException):
    """The process was asked to end (SIGTERM, SIGHUP).

    Unwound like Ctrl-C, so that no temporary file is left behind.
    """

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _terminate(signum: int, _frame: object) -> None:
    raise Terminated(signum)


def run_normalize(args: argparse.Namespace) -> int:
    """Run ``toponyms normalize``; returns the exit status."""
    import signal

    # A termination signal unwinds as Ctrl-C does: the temporary output is removed and the
    # helpers are stopped (by default the process would die with its temporary file in place).
    wanted = [getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)]
    previous = {}
    for signum in wanted:
        with contextlib.suppress(ValueError, OSError):  # not the main thread: leave them
            previous[signum] = signal.signal(signum, _terminate)
    try:
        return _run(args)
    except UsageError as exc:
        say(f"toponyms: error: {exc}")
        return 2
    except KeyboardInterrupt:  # the output file was not written; helpers are stopped
        say("toponyms: interrupted")
        return 130
    except Terminated as exc:
        say("toponyms: terminated")
        return 128 + exc.signum
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


class _Header(NamedTuple):
    """What the header row tells: its text and ending, the delimiter, the columns."""

    text: str
    eol: str
    columns: Columns
    names: list[str]


def _fields(args: argparse.Namespace) -> list[str]:
    fields = [f.strip() for f in args.fields.split(",") if f.strip()]
    wrong = unknown_fields(fields)
    if wrong:
        msg = f"--fields: {wrong}"
        raise UsageError(msg)
    return fields


def _check_options(args: argparse.Namespace) -> list[str]:
    """Check every option that can be checked before reading: the fields asked for."""
    fields = _fields(args)
    if args.delimiter is not None:
        check_delimiter(args.delimiter)
    text_encoding(args.encoding, "--encoding")
    if args.output_encoding:
        text_encoding(args.output_encoding, "--output-encoding")
    if args.jobs is not None and args.jobs < 1:
        msg = f"--jobs: at least 1, not {args.jobs}"
        raise UsageError(msg)
    if args.context_column is not None and (args.country_column or args.admin1_column):
        msg = "--context-column: not with --country-column or --admin1-column"
        raise UsageError(msg)
    _check_outputs(args)
    if args.country is not None or args.admin1 is not None or args.min_score is not None:
        # Checked before any row: a bad hint is one line and exit 2, not a file of unresolved
        # rows. (With a country or admin-1 this loads the data here; helpers then share it.)
        hints = {"country": args.country, "admin1": args.admin1, "min_score": args.min_score}
        check_hints(kind=args.kind, **hints)
    return fields


def _check_outputs(args: argparse.Namespace) -> None:
    """Refuse outputs that cannot be written or would replace a file to keep, before any work."""
    keep = [] if args.in_place else [(args.input, "input (use --in-place)")]
    check_target(args.output, "-o", keep=keep)
    if args.unresolved:
        if args.unresolved == "-" and args.output == "-":
            msg = "--unresolved -: the output already goes to standard output"
            raise UsageError(msg)
        keep = [(args.input, "input"), (args.output, "output")]
        check_target(args.unresolved, "--unresolved", keep=keep)


def _read_header(args: argparse.Namespace, source: Input) -> _Header:
    """Read the header record (the stream then holds the rows)."""
    if args.no_header:
        return _no_header(args, source)
    try:
        header_raw = next(records(iter(source.stream)))
    except StopIteration:
        msg = f"{args.input}: empty file"
        raise UsageError(msg) from None
    except UnicodeDecodeError as exc:
        raise UsageError(undecodable(args.input, source.encoding, -1, exc)) from None
    text, eol = split_eol(header_raw)
    delimiter = args.delimiter if args.delimiter is not None else sniff_delimiter(text)
    names = next(csv.reader([text], delimiter=delimiter))
    value = column_index(names, args.column, args.input)
    if args.context_column is not None:
        # The first hint slot carries each row's text (see _context_work).
        context = column_index(names, args.context_column, args.input)
        columns = Columns(delimiter, value, context, None, (None, None))
        return _Header(text, eol, columns, names)
    country, admin1 = (
        None if option is None else column_index(names, option, args.input)
        for option in (args.country_column, args.admin1_column)
    )
    columns = Columns(delimiter, value, country, admin1, (args.country, args.admin1))
    return _Header(text, eol, columns, names)


def _no_header(args: argparse.Namespace, source: Input) -> _Header:
    """The columns of an input without a header row: given by number; nothing is read."""
    numbers = []
    for option, value in (
        ("--column", args.column),
        ("--country-column", args.country_column),
        ("--admin1-column", args.admin1_column),
    ):
        if value is not None and (not value.isdigit() or int(value) < 1):
            msg = f"{option}: with --no-header, a column number from 1, not {shorten(value, 40)}"
            raise UsageError(msg)
        numbers.append(None if value is None else int(value) - 1)
    delimiter = args.delimiter
    if delimiter is None:
        delimiter = sniff_delimiter(peek_line(source))
    value, country, admin1 = numbers
    assert value is not None  # --column is required
    columns = Columns(delimiter, value, country, admin1, (args.country, args.admin1))
    return _Header("", "", columns, [])


def _tail_writer(delimiter: str) -> Callable[[list[str]], str]:
    """The text appended to a row for its result values: the delimiter, then the fields."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="")

    def tail(values: list[str]) -> str:
        if not any(values):
            # csv writes a lone empty field as "" (a blank line would mean no row): here
            # the fields follow others on the line, so empty is empty.
            return delimiter * len(values)
        buffer.seek(0)
        buffer.truncate()
        writer.writerow(values)
        return delimiter + buffer.getvalue()

    return tail


def _run(args: argparse.Namespace) -> int:
    # Real exports carry huge free-text cells; the csv module's default cap is 128 KiB.
    csv.field_size_limit(2**31 - 1)
    fields = _check_options(args)
    source = open_input(args.input, args.encoding)
    out_encoding, mark = source.written, source.mark
    if args.output_encoding:
        out_encoding = args.output_encoding
        mark = ""  # the encoding asked for writes a mark of its own, or none
    output: Output | None = None
    counting = not args.quiet or bool(args.unresolved) or args.strict
    tally = Tally() if counting else None
    try:
        header = _read_header(args, source)
        output = Output(args.output, out_encoding)
        tail = _tail_writer(header.columns.delimiter)
        if header.names:
            prefix = args.prefix
            if prefix is None:
                prefix = f"{header.names[header.columns.value]}_"
            output.write(mark + header.text + tail([prefix + f for f in fields]) + header.eol)
        else:  # --no-header: rows only
            output.write(mark)
        result = _convert(args, source, output, header.columns, fields, tail, tally)
        output.commit()
        if result.unclosed is not None:
            row, lines = result.unclosed
            say(
                f"toponyms: warning: {args.input}: the quoted field that opens in row {row:,} "
                f"is never closed: the {lines:,} lines from there to the end of the input were "
                "read as one row (is a quote missing?)"
            )
        return _report(args, result, tally)
    finally:
        source.stream.close()
        if output is not None:
            output.discard()
        if tally is not None:
            tally.close()


def _work(
    args: argparse.Namespace, fields: list[str], tail: Callable[[list[str]], str]
) -> Callable[[str, Hints], Outcome]:
    """How a value is resolved: its result fields as text, and how it matched."""
    kind, min_score = args.kind, args.min_score
    if args.context_column is not None:
        return _context_work(args, fields, tail)
    full = any(f in OPTIONAL_FIELDS for f in fields)

    def work(value: str, hints: Hints) -> Outcome:
        # The resolver (and the data) only where a value is resolved: a process whose
        # helpers resolve every value never imports or loads either.
        from toponyms import default_resolver

        found = fields_of(
            default_resolver(),
            value,
            full=full,
            country=hints[0],
            admin1=hints[1],
            kind=kind,
            min_score=min_score,
        )
        return tail(text_values(found, fields)), "unresolved" if found is None else found.method

    return work


def _context_work(
    args: argparse.Namespace, fields: list[str], tail: Callable[[list[str]], str]
) -> Callable[[str, Hints], Outcome]:
    """The ``work`` of ``--context-column``: a value resolved in its row's text."""

    def work(value: str, hints: Hints) -> Outcome:
        from toponyms import default_resolver
        from toponyms._errors import ToponymsError

        try:
            match = default_resolver().resolve(
                value,
                country=args.country,
                admin1=args.admin1,
                kind=args.kind,
                min_score=args.min_score,
                context=hints[0] or None,
            )
        except ToponymsError:
            match = None  # one bad cell is one unresolved row
        found = None if match is None else FullFields.of(match)
        return tail(text_values(found, fields)), "unresolved" if found is None else found.method

    return work


def _load_all() -> None:
    from toponyms import default_resolver

    default_resolver()._load_all()


def _convert(
    args: argparse.Namespace,
    source: Input,
    output: Output,
    columns: Columns,
    fields: list[str],
    tail: Callable[[list[str]], str],
    tally: Tally | None,
) -> Result:
    """Run the row loop over the rows, with helpers for a large input or standard input."""
    jobs = args.jobs if args.jobs is not None else default_jobs()
    large = args.input != "-" and os.path.getsize(args.input) >= _LARGE
    contextual = args.context_column is not None
    stream = source.stream
    progress = _Progress.start(stream, args.input, quiet=args.quiet)
    loop = RowLoop(
        output.write,
        columns,
        _work(args, fields, tail),
        unresolved=(tail([""] * len(fields)), "unresolved"),
        # Small files are done before helpers could pay for themselves; standard input, of
        # unknown size, starts them after its first block. A row's context may be a whole
        # article: those rows are resolved here rather than piped to helpers.
        helpers=max(0, jobs - 1) if (large or args.input == "-") and not contextual else 0,
        before_fork=_load_all,
        fork_at_once=large,
        progress=None if progress is None else progress.update,
        tally=tally,
        budget=CACHE_BUDGET,
    )
    try:
        # Rows make no reference cycles: the collector would only revisit the data.
        with gc_paused():
            return loop.run(stream)
    except UnicodeDecodeError as exc:
        raise UsageError(undecodable(args.input, source.encoding, loop.rows, exc)) from None
    finally:
        if progress is not None:
            progress.finish()


def _report(args: argparse.Namespace, result: Result, tally: Tally | None) -> int:
    """Write the unresolved values and the summary; the exit status."""
    if tally is None:  # --quiet without --unresolved or --strict: nothing to tell
        return 0
    summary = tally.summary(listing=bool(args.unresolved))
    if args.unresolved:
        write_table(args.unresolved, ["value", "count"], tally.unresolved())
    if not args.quiet:
        say(_summary(result, summary))
    return 1 if args.strict and summary.methods["unresolved"] else 0


def _summary(result: Result, summary: Summary) -> str:
    """The summary line: rows, distinct values, the resolved share, the methods."""
    # Blank lines are rows of the file, but hold no value to resolve.
    rows, blank, counts = result.rows, result.blank, summary.methods
    valued = rows - blank
    blanks = f" ({blank} blank)" if blank else ""
    if not valued:
        return f"toponyms: {rows} rows{blanks}, no value to resolve"
    share = (valued - counts["unresolved"]) / valued
    by_method = ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))
    top = ", ".join(f"{shorten(v)} ({n})" for v, n in summary.top)
    return (
        f"toponyms: {rows} rows{blanks}, {summary.distinct} distinct values, "
        f"{share:.1%} resolved ({by_method})"
        f"{'; most frequent unresolved: ' + top if top else ''}"
    )
