"""The files of ``toponyms normalize``: the input read, the outputs written atomically.

The input is read as text in its own encoding (UTF-8 with or without a byte order mark, UTF-16
with a mark, or any text encoding asked for) and split into raw records; an output goes to a
temporary file of our own naming beside its target, renamed over it at the end. A failure to
read, encode or write becomes a ``UsageError`` naming the file, never a traceback.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import errno
import io
import os
import stat
import sys
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO, Any, NamedTuple

from toponyms._columns import shorten
from toponyms._errors import ToponymsError


class UsageError(ToponymsError):
    """A mistake in the command line, the input or the output, reported in one line."""


def say(message: str) -> None:
    """Write a line on stderr (none if the command was started with stderr closed)."""
    if sys.stderr is not None:
        try:
            print(message, file=sys.stderr)
        except (OSError, ValueError):  # stderr gone or closed: nothing left to tell
            pass
        except UnicodeEncodeError:  # a terminal that cannot show the message's characters
            print(message.encode("ascii", "backslashreplace").decode("ascii"), file=sys.stderr)


# -- options -------------------------------------------------------------------------------


def text_encoding(name: str, option: str) -> str:
    """The name of a text encoding, checked: unknown ones and byte codecs are usage errors.

    Examples:
        >>> text_encoding("latin-1", "--encoding")
        'latin-1'
    """
    try:
        info = codecs.lookup(name)
    except (LookupError, ValueError):
        msg = f"{option}: unknown encoding {shorten(name, 60)}"
        raise UsageError(msg) from None
    if not getattr(info, "_is_text_encoding", True):  # base64, rot13, zlib: not for text
        msg = f"{option}: {shorten(name, 60)} is not a text encoding"
        raise UsageError(msg)
    return name


def check_delimiter(delimiter: str) -> str:
    """A delimiter given on the command line, checked: one character, not a quote or line end.

    Examples:
        >>> check_delimiter(";")
        ';'
    """
    if len(delimiter) != 1 or delimiter in '"\r\n':
        msg = (
            "--delimiter: one character other than a quote or a line end, "
            f"not {shorten(delimiter, 20)}"
        )
        raise UsageError(msg)
    return delimiter


# -- input --------------------------------------------------------------------------------


class Input(NamedTuple):
    """The input as text, and how it is written back."""

    stream: IO[str]
    #: The encoding it is read with.
    encoding: str
    #: The encoding the output keeps by default.
    written: str
    #: The byte order mark to write first ("" for none, or when the codec writes its own).
    mark: str


def open_input(path: str, encoding: str) -> Input:
    """Open the input (a file, or ``-`` for standard input) as text.

    UTF-16 with a byte order mark (found by itself, or read as "utf-16") is read as "utf-16",
    which takes the mark away, and written back in the same order with its mark.

    Raises:
        UsageError: a missing file, a folder, standard input closed, an unreadable file.
    """
    text_encoding(encoding, "--encoding")
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
        try:
            raw = open(path, "rb")  # noqa: SIM115 - closed by the caller through the wrapper
        except OSError as exc:
            msg = f"{path}: cannot read: {exc.strerror}"
            raise UsageError(msg) from None
    try:
        head = raw.peek(4)[:4] if hasattr(raw, "peek") else b""
    except OSError as exc:
        raw.close()
        msg = f"{path}: cannot read: {exc.strerror}"
        raise UsageError(msg) from None
    name = codecs.lookup(encoding).name
    written, mark = encoding, ""
    order = {codecs.BOM_UTF16_LE: "utf-16-le", codecs.BOM_UTF16_BE: "utf-16-be"}.get(head[:2])
    if order and name in ("utf-8", "utf-8-sig", "utf-16"):
        encoding, written, mark = "utf-16", order, "\ufeff"
    elif name == "utf-8-sig" and not head.startswith(codecs.BOM_UTF8):
        encoding = written = "utf-8"  # no BOM read, so none written
    text = io.TextIOWrapper(raw, encoding=encoding, errors="strict", newline="")
    return Input(text, encoding, written, mark)


def peek_line(source: Input) -> str:
    """The input's first line (or its first 64 KiB), without taking it from the stream."""
    raw = getattr(source.stream, "buffer", None)
    try:
        data = raw.peek(1 << 16) if raw is not None and hasattr(raw, "peek") else b""
    except OSError:
        return ""
    text = codecs.getincrementaldecoder(source.encoding)(errors="replace").decode(data)
    return text.lstrip("\ufeff").splitlines()[0] if text.strip() else ""


def records(text: Iterator[str], quotechar: str = '"') -> Iterator[str]:
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


def split_eol(record: str) -> tuple[str, str]:
    r"""A record's text and its line ending.

    Examples:
        >>> split_eol("a,b\r\n")
        ('a,b', '\r\n')
    """
    if record.endswith("\r\n"):
        return record[:-2], "\r\n"
    if record.endswith(("\n", "\r")):
        return record[:-1], record[-1]
    return record, ""


def sniff_delimiter(header: str) -> str:
    """The most frequent of ``,``, ``;``, tab and ``|`` in the header (``,`` if none).

    Examples:
        >>> sniff_delimiter("id;city;note")
        ';'
    """
    counts = {d: header.count(d) for d in (",", ";", "\t", "|")}
    return max(counts, key=lambda d: counts[d])


def column_index(header: Sequence[str], column: str, path: str) -> int:
    """The position of a column given by name or 1-based number.

    Raises:
        UsageError: no such column (the message lists the header, cut if it is long).
    """
    if column in header:
        return header.index(column)
    if column.isdigit() and 1 <= int(column) <= len(header):
        return int(column) - 1
    listed = shorten(", ".join(header), 300)[1:-1] if header else "none"
    msg = f"{path}: no column {shorten(column, 100)} (columns: {listed})"
    raise UsageError(msg)


def undecodable(path: str, encoding: str, rows: int, error: UnicodeDecodeError) -> str:
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
    hint = ""
    if codecs.lookup(encoding).name in ("utf-8", "utf-8-sig"):
        hint = "; if the file is in another encoding, name it with --encoding (e.g. cp1252)"
    return f"{path}: cannot decode as {encoding} {place}: {reason}{hint}"


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


# -- output -------------------------------------------------------------------------------


def _same_file(a: str, b: str) -> bool:
    """Whether two paths name one file (the same path, a link to it, or a hard link)."""
    pa, pb = Path(a), Path(b)
    if pa.resolve() == pb.resolve():
        return True
    try:
        return os.path.samefile(pa, pb)
    except OSError:  # one of them does not exist (yet)
        return False


def check_target(path: str, option: str, *, keep: Iterable[tuple[str, str]] = ()) -> None:
    """Refuse an output that cannot be written, or that would replace a file to keep.

    Args:
        path: The output path (``-``: standard output).
        option: How the command line names it, for the message.
        keep: (path, what) of the files it must not be: the input, the other outputs.

    Raises:
        UsageError: a folder, a missing folder, or one of the files to keep.
    """
    if path == "-":
        if sys.stdout is None:
            msg = "standard output is closed"
            raise UsageError(msg)
        return
    target = Path(path)
    if target.is_dir():
        msg = f"{option} {path}: is a folder, not a file"
        raise UsageError(msg)
    if not target.parent.resolve().is_dir():
        msg = f"{option} {path}: output folder does not exist"
        raise UsageError(msg)
    regular = not target.exists() or target.resolve().is_file()  # /dev/null may be shared
    for other, what in keep:
        if regular and other != "-" and _same_file(path, other):
            msg = f"{option} {path}: would overwrite the {what}"
            raise UsageError(msg)


#: Temporary outputs are named ``.TARGET.toponyms-HOST-PID.RANDOM.tmp``, so that a later run can
#: tell its own leftovers (from a process that was killed) from anything else.
_TMP_TAG = ".toponyms-"


def _tmp_prefix(target: Path) -> str:
    return f".{target.name}{_TMP_TAG}{os.uname().nodename if hasattr(os, 'uname') else 'host'}-"


def clear_stale(target: Path) -> list[Path]:
    """Remove temporary outputs of ``target`` left by runs of this machine that are gone.

    A run killed outright (SIGKILL, a power cut) cannot remove its temporary file; the next
    run for the same target does, if the process named in the file's name no longer exists.

    Returns:
        The files removed.
    """
    prefix = _tmp_prefix(target)
    removed: list[Path] = []
    try:
        entries = list(os.scandir(target.parent))
    except OSError:
        return removed
    for entry in entries:
        if not (entry.name.startswith(prefix) and entry.name.endswith(".tmp")):
            continue
        pid = entry.name[len(prefix) :].split(".", 1)[0]
        if not pid.isdigit() or alive(int(pid)):
            continue
        try:
            Path(entry.path).unlink()
            removed.append(Path(entry.path))
        except OSError:
            pass
    return removed


def alive(pid: int) -> bool:
    """Whether a process of this machine exists."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # it exists, and is someone else's
        return True
    return True


def _mode_for(target: Path) -> int:
    """Permission bits for an output file: those of the file it replaces, else the default."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


class _Whole(io.RawIOBase):
    """A file descriptor every write to which is whole, or an error.

    A pipe whose reader goes away in the middle of a large write takes part of it and returns
    that count; Python's buffered writer then took the write as done, so the rest was lost and
    the command reported success (found by a test of ``normalize ... | head``). The descriptor
    is closed with this object only if ``closefd``.
    """

    def __init__(self, fd: int, *, closefd: bool = False) -> None:
        super().__init__()
        self._fd, self._closefd = fd, closefd

    def close(self) -> None:
        """Close (the descriptor too, if it is ours)."""
        if not self.closed and self._closefd:
            os.close(self._fd)
        super().close()

    def writable(self) -> bool:
        """It is written to."""
        return True

    def fileno(self) -> int:
        """The descriptor."""
        return self._fd

    def write(self, data: Any) -> int:
        """Write all of ``data`` (``OSError`` if that cannot be done)."""
        view = memoryview(data).cast("B")
        done = 0
        while done < len(view):
            done += os.write(self._fd, view[done:])
        return done


def _stdout_bytes() -> IO[bytes] | io.BufferedWriter:
    """Standard output as a binary stream whose writes are whole or fail."""
    try:
        sys.stdout.flush()
        fd = sys.stdout.fileno()
    except (OSError, ValueError, AttributeError):  # not a real file (a test's capture)
        return sys.stdout.buffer
    return _binary_over(fd, closefd=False)


def _binary_over(fd: int, *, closefd: bool) -> io.BufferedWriter:
    """A buffered binary stream over a descriptor, whose writes are whole or fail."""
    return io.BufferedWriter(_Whole(fd, closefd=closefd), buffer_size=1 << 16)


class Output:
    """An output of the command: standard output, a device written in place, or a file.

    A file is written to a temporary file beside it, renamed over it by ``commit``; ``discard``
    removes it, so a failed or interrupted run leaves no partial file. Through a link, the
    file it points to is replaced and the link stays. Every failure to write or to encode is a
    ``UsageError`` naming the output.
    """

    def __init__(self, path: str, encoding: str, *, label: str | None = None) -> None:
        self.path = path
        self.encoding = encoding
        self.label = label or ("standard output" if path == "-" else path)
        self._tmp: str | None = None
        self._owned = path != "-"
        self._closed = False
        try:
            self._stream = self._open(path, encoding)
        except OSError as exc:
            raise self._failed(exc, "cannot create") from None

    def _open(self, path: str, encoding: str) -> IO[str]:
        if path == "-":
            return io.TextIOWrapper(
                _stdout_bytes(), encoding=encoding, newline="", write_through=False
            )
        target = Path(path).resolve()
        if target.exists() and not target.is_file():
            # A device or a pipe (/dev/null, a named pipe): written to as it is; renaming a
            # file over it would replace it.
            fd = os.open(target, os.O_WRONLY | os.O_TRUNC)
        else:
            clear_stale(target)
            fd, self._tmp = tempfile.mkstemp(
                prefix=f"{_tmp_prefix(target)}{os.getpid()}.", suffix=".tmp", dir=target.parent
            )
            # The mode a new file would get (mkstemp makes it private), or the replaced one's.
            os.chmod(self._tmp, _mode_for(target))
        binary = _binary_over(fd, closefd=True)
        return io.TextIOWrapper(binary, encoding=encoding, newline="", write_through=False)

    def _failed(self, exc: OSError, doing: str = "cannot write") -> UsageError:
        reason = exc.strerror or str(exc)
        if exc.errno == errno.EPIPE:
            reason = "the reader went away"
        return UsageError(f"{self.label}: {doing}: {reason}")

    def _unencodable(self, exc: UnicodeEncodeError) -> UsageError:
        bad = shorten(exc.object[exc.start : exc.end], 20)
        return UsageError(
            f"{self.label}: cannot write {bad} in {self.encoding}; "
            "use --output-encoding utf-8 (or another encoding that has it)"
        )

    def write(self, text: str) -> None:
        """Write text (encoded when the buffer fills, or at ``commit``)."""
        try:
            self._stream.write(text)
        except BrokenPipeError:
            if self._owned:
                raise self._failed(BrokenPipeError(errno.EPIPE, "broken pipe")) from None
            raise  # standard output's reader went away (``| head``): the command stops quietly
        except OSError as exc:
            raise self._failed(exc) from None
        except UnicodeEncodeError as exc:
            raise self._unencodable(exc) from None

    def commit(self) -> None:
        """Flush, close and put the finished file in place."""
        try:
            if self._owned:
                self._stream.close()  # which flushes
            else:
                self._stream.flush()
            if self._tmp is not None:
                os.replace(self._tmp, Path(self.path).resolve())
                self._tmp = None
        except BrokenPipeError:
            if self._owned:
                raise self._failed(BrokenPipeError(errno.EPIPE, "broken pipe")) from None
            raise  # as in ``write``
        except OSError as exc:
            raise self._failed(exc) from None
        except UnicodeEncodeError as exc:
            raise self._unencodable(exc) from None
        finally:
            self.discard()

    def discard(self) -> None:
        """Close without finishing: a temporary file is removed (the target stays as it was).

        Standard output stays open (only our text layer over it is let go).
        """
        if not self._closed:
            self._closed = True
            with contextlib.suppress(OSError, UnicodeEncodeError, ValueError):
                if self._owned:
                    self._stream.close()
                else:
                    self._stream.detach()  # type: ignore[attr-defined]  # a TextIOWrapper
        if self._tmp is not None:
            Path(self._tmp).unlink(missing_ok=True)
            self._tmp = None


def write_table(path: str, header: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
    """Write a small UTF-8 CSV table atomically (``-``: standard output)."""
    out = Output(path, "utf-8")
    try:
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(header)
        for row in rows:
            writer.writerow(row)
            if buffer.tell() > 1 << 16:
                out.write(buffer.getvalue())
                buffer.seek(0)
                buffer.truncate()
        out.write(buffer.getvalue())
        out.commit()
    finally:
        out.discard()
