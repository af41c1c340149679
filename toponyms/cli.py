"""The ``toponyms`` command: ``resolve`` names, ``find`` them in a text, ``normalize`` a column.

Exit status: 0 on success; 1 when ``resolve`` left a name unresolved (or ``normalize --strict``
left rows unresolved); 2 for usage, input, output or data errors, with one clear line on stderr;
130 when interrupted (Ctrl-C) and 143 when terminated (SIGTERM), leaving no partial file.
"""

from __future__ import annotations

import argparse
import codecs
import contextlib
import gc
import json
import os
import re
import sys
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from toponyms import __version__
from toponyms._columns import check_hints
from toponyms._csvio import UsageError, say
from toponyms._errors import ToponymsError
from toponyms._kinds import PlaceKind

if TYPE_CHECKING:
    from toponyms._models import Match

_RESOLVE_EXAMPLES = """\
examples:
  toponyms resolve Kiev Krasnoarmeysk "Pokrovsk, Donetsk Oblast"
  toponyms resolve --country RU Pokrovsk
  toponyms resolve --admin1 Illinois --candidates 3 Springfield
  toponyms resolve --json Dimitrov
  cut -d, -f3 events.csv | toponyms resolve --json -

Characters that standard output's encoding cannot show are written as backslash escapes
(\\u0141 for Ł); --json writes UTF-8 (or ASCII escapes when the output is not UTF-8)."""


def _add_resolve(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "resolve",
        help="resolve place names given as arguments",
        description="Resolve each NAME and print what it means and why.",
        epilog=_RESOLVE_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "names", nargs="+", metavar="NAME", help="place names to resolve (-: one per line of stdin)"
    )
    parser.add_argument("--country", help="only places in this country (ISO code or name)")
    parser.add_argument("--kind", choices=[k.value for k in PlaceKind], help="only this kind")
    parser.add_argument("--admin1", help="only places in this first-level subdivision")
    parser.add_argument("--min-score", type=float, help="lowest score for a fuzzy match")
    parser.add_argument("--json", action="store_true", help="print JSON lines for machines")
    parser.add_argument(
        "--candidates", type=int, default=0, metavar="N", help="also list N ranked candidates"
    )


def _row(name: str, match: Match | None) -> list[str]:
    if match is None:
        return [name, "-", "-", "-", "unresolved", "-"]
    place = match.place
    method = match.method.value + (" (ambiguous)" if match.ambiguous else "")
    return [
        name,
        place.name,
        place.country or "-",
        place.admin1 or "-",
        method,
        # One decimal: the score compared with min_score (87.5 is below 88, not "88").
        f"{match.score:.1f}",
    ]


def _table(rows: list[list[str]], encoding: str) -> str:
    """The rows as an aligned table, each cell in text that ``encoding`` can write."""
    header = ["input", "canonical", "country", "admin-1", "method", "score"]
    table = [header, *([_showable(cell, encoding) for cell in row] for row in rows)]
    widths = [max(len(r[i]) for r in table) for i in range(len(header))]
    lines = [
        "  ".join(cell.ljust(w) for cell, w in zip(r, widths, strict=True)).rstrip() for r in table
    ]
    return "".join(line + "\n" for line in lines)


def _showable(text: str, encoding: str) -> str:
    r"""The text, with backslash escapes for what ``encoding`` cannot write (\u0141 for Ł)."""
    try:
        text.encode(encoding)
    except UnicodeEncodeError:
        return text.encode(encoding, "backslashreplace").decode(encoding)
    except LookupError:
        pass
    return text


def _match_json(name: str, match: Match | None) -> dict[str, object]:
    if match is None:
        return {"input": name, "resolved": False}
    return {
        "input": name,
        "resolved": True,
        **match.model_dump(mode="json", exclude={"query"}),
    }


def _utf8(stream: object) -> bool:
    """Whether a text stream writes UTF-8."""
    try:
        return codecs.lookup(getattr(stream, "encoding", None) or "ascii").name == "utf-8"
    except LookupError:
        return False


def _run_resolve(args: argparse.Namespace) -> int:
    if sys.stdout is None:
        msg = "standard output is closed"
        raise UsageError(msg)
    hints = {
        "country": args.country,
        "kind": args.kind,
        "admin1": args.admin1,
        "min_score": args.min_score,
    }
    resolver = check_hints(**hints)
    unresolved = 0
    rows: list[list[str]] = []
    lines: list[str] = []
    # JSON is UTF-8; where standard output is not, ASCII escapes keep it valid in any encoding.
    ascii_only = not _utf8(sys.stdout)
    for name in _names(args.names):
        match = resolver.resolve(name, **hints)
        unresolved += match is None
        ranked = (
            resolver.candidates(name, limit=args.candidates, **hints) if args.candidates > 0 else []
        )
        if args.json:
            record = _match_json(name, match)
            if args.candidates > 0:
                record["candidates"] = [_match_json(name, m) for m in ranked]
            lines.append(json.dumps(record, ensure_ascii=ascii_only) + "\n")
            if len(lines) >= 1000:  # JSON lines stream: a long standard input goes out as it comes
                _print("".join(lines))
                lines.clear()
        else:
            rows.append(_row(name, match))
            rows.extend(_row(f"  ~ {m.matched}", m) for m in ranked)
    encoding = getattr(sys.stdout, "encoding", None) or "utf-8"
    _print("".join(lines) if args.json else _table(rows, encoding))
    return 1 if unresolved else 0


def _add_find(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "find",
        help="find the place names in a text",
        description=(
            "Print every place mention of a text, with the place it names in the context of "
            "the whole text. Offsets count characters of the decoded text."
        ),
    )
    parser.add_argument("input", metavar="FILE", help="a text file, or - for standard input")
    parser.add_argument("--country", help="the country the text is about (a prior, not a filter)")
    parser.add_argument("--lang", help="language code of the text (default: by script)")
    parser.add_argument("--demonyms", action="store_true", help="also report demonyms")
    parser.add_argument("--encoding", default="utf-8-sig", help="input encoding (default UTF-8)")
    parser.add_argument("--json", action="store_true", help="print JSON lines with offsets")


def _read_text(path: str, encoding: str) -> str:
    """The text of a file, or of standard input for "-".

    Raises:
        UsageError: the file cannot be read or decoded.
    """
    try:
        if path == "-":
            if sys.stdin is None:
                msg = "standard input is closed"
                raise OSError(msg)
            return sys.stdin.buffer.read().decode(encoding)
        with open(path, encoding=encoding) as handle:
            return handle.read()
    except (OSError, UnicodeDecodeError, LookupError) as exc:
        msg = f"{path}: {exc}"
        raise UsageError(msg) from None


def _run_find(args: argparse.Namespace) -> int:
    from toponyms import find

    if sys.stdout is None:
        msg = "standard output is closed"
        raise UsageError(msg)
    text = _read_text(args.input, args.encoding)
    mentions = find(text, country=args.country, lang=args.lang, demonyms=args.demonyms)
    encoding = getattr(sys.stdout, "encoding", None) or "utf-8"
    if args.json:
        ascii_only = not _utf8(sys.stdout)
        lines = []
        for m in mentions:
            record: dict[str, object] = {"start": m.start, "end": m.end, "text": m.text}
            if m.demonym:
                record["demonym"] = True
            record.update(_match_json(m.text, m.match))
            del record["input"]
            lines.append(json.dumps(record, ensure_ascii=ascii_only) + "\n")
        _print("".join(lines))
        return 0
    header = ["start", "end", "mention", "canonical", "country", "admin-1", "method", "score"]
    rows = [header, *([str(m.start), str(m.end), *_row(m.text, m.match)] for m in mentions)]
    table = [[_showable(cell, encoding) for cell in row] for row in rows]
    widths = [max(len(r[i]) for r in table) for i in range(len(header))]
    lines = [
        "  ".join(cell.ljust(w) for cell, w in zip(r, widths, strict=True)).rstrip() for r in table
    ]
    _print("".join(line + "\n" for line in lines))
    return 0


def _names(arguments: list[str]) -> Iterator[str]:
    """The names to resolve: the arguments, with ``-`` standing for standard input's lines."""
    for name in arguments:
        if name != "-":
            yield name
            continue
        if sys.stdin is None:
            msg = "standard input is closed"
            raise UsageError(msg)
        try:
            for number, line in enumerate(sys.stdin.buffer):
                if number == 0 and line.startswith(codecs.BOM_UTF8):
                    line = line[3:]
                yield _line_text(line)
        except OSError as exc:
            msg = f"standard input: cannot read: {exc.strerror or exc}"
            raise UsageError(msg) from None


def _line_text(line: bytes) -> str:
    """A line of standard input as text, without its line ending.

    Read as UTF-8 if it is that, else in the locale's encoding (what does not decode becomes
    U+FFFD).
    """
    line = line.rstrip(b"\r\n")
    try:
        return line.decode("utf-8")
    except UnicodeDecodeError:
        return line.decode(getattr(sys.stdin, "encoding", None) or "utf-8", "replace")


def _print(text: str) -> None:
    """Write the command's output, all of it or a one-line error (no traceback).

    Raises:
        UsageError: standard output cannot be written (a full disk, a closed descriptor).
    """
    stream = sys.stdout
    try:
        stream.write(text)
        stream.flush()
    except BrokenPipeError:
        raise
    except (OSError, ValueError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        msg = f"standard output: cannot write: {reason}"
        raise UsageError(msg) from None


#: Lone surrogates: bytes the locale's encoding could not decode.
_SURROGATES = re.compile("[\ud800-\udfff]")


def argv_text(text: str) -> str:
    r"""A command-line argument as the text that was typed.

    Python decodes arguments with the locale's encoding, keeping the bytes it cannot decode as
    lone surrogates (``surrogateescape``): under a non-UTF-8 locale (``LC_ALL=C``), "Київ" typed
    in a UTF-8 terminal arrives as surrogates and would resolve to nothing. Such an argument is
    read again as UTF-8; bytes that are not UTF-8 either become U+FFFD, so no surrogate reaches
    the resolver or the output.

    Examples:
        >>> argv_text("Kyiv")
        'Kyiv'
        >>> argv_text("\udcd0\udc9a\udcd0\udcb8\udcd1\udc97\udcd0\udcb2")
        'Київ'
    """
    if text.isascii() or not _SURROGATES.search(text):
        return text
    locale_encoding = sys.getfilesystemencoding()
    try:
        raw = text.encode(locale_encoding, "surrogateescape")
        return raw.decode("utf-8")
    except UnicodeEncodeError:  # surrogates that no byte stands for (from Python, not argv)
        return _SURROGATES.sub("\ufffd", text)
    except UnicodeDecodeError:
        if codecs.lookup(locale_encoding).name == "ascii":  # the C locale: all else was bytes
            return raw.decode("utf-8", "replace")
        return _SURROGATES.sub("\ufffd", text)


#: The options whose values are text (names, hints, column names), not paths.
_TEXT_OPTIONS = (
    "names",
    "country",
    "admin1",
    "column",
    "country_column",
    "admin1_column",
    "context_column",
    "prefix",
    "fields",
    "delimiter",
)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``toponyms`` command."""
    from toponyms._tabular import add_normalize_parser

    parser = argparse.ArgumentParser(
        prog="toponyms",
        description="Resolve written forms of place names to the places they mean (offline).",
    )
    parser.add_argument("--version", action="version", version=f"toponyms {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    _add_resolve(sub)
    _add_find(sub)
    add_normalize_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    for option in _TEXT_OPTIONS:
        value = getattr(args, option, None)
        if isinstance(value, str):
            setattr(args, option, argv_text(value))
        elif isinstance(value, list):
            setattr(args, option, [argv_text(v) for v in value])
    try:
        if args.command == "resolve":
            return _run_resolve(args)
        if args.command == "find":
            return _run_find(args)
        from toponyms._tabular import run_normalize

        return run_normalize(args)
    except ToponymsError as exc:
        say(f"toponyms: error: {exc}")
        return 2
    except BrokenPipeError:  # the reader went away (``| head``): nothing left to tell
        return 0


def run() -> None:
    """Entry point of the installed command: ``main`` in a process that ends as soon as it is done.

    The command's process makes no reference cycles worth collecting, so the cyclic garbage
    collector stays off (it would walk the loaded gazetteer, millions of objects, for nothing);
    and freeing those objects one by one at interpreter exit takes a good part of a second, so
    once the output is flushed the process leaves at once (``os._exit``) and the operating
    system takes the memory back. ``main`` itself, called from Python, does neither.
    """
    gc.disable()
    code = main()
    for stream in (sys.stdout, sys.stderr):
        # None when the command was started with that stream closed.
        if stream is not None:
            # A reader that went away, a stream already closed: nothing left to tell.
            with contextlib.suppress(OSError, ValueError):
                stream.flush()
    os._exit(code)


if __name__ == "__main__":
    run()
