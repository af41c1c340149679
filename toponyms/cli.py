"""The ``toponyms`` command: ``resolve`` names given as arguments, ``normalize`` a CSV column.

Exit status: 0 on success; 1 when ``resolve`` left a name unresolved (or ``normalize --strict``
left rows unresolved); 2 for usage, input or data errors, with one clear line on stderr.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import json
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from toponyms import __version__
from toponyms._errors import ToponymsError
from toponyms._kinds import PlaceKind

if TYPE_CHECKING:
    from toponyms._models import Match


def _add_resolve(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "resolve",
        help="resolve place names given as arguments",
        description="Resolve each NAME and print what it means and why.",
    )
    parser.add_argument("names", nargs="+", metavar="NAME", help="place names to resolve")
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
        f"{match.score:.1f}",
    ]


def _print_table(rows: list[list[str]]) -> None:
    header = ["input", "canonical", "country", "admin-1", "method", "score"]
    table = [header, *rows]
    widths = [max(len(r[i]) for r in table) for i in range(len(header))]
    for r in table:
        print("  ".join(cell.ljust(w) for cell, w in zip(r, widths, strict=True)).rstrip())


def _match_json(name: str, match: Match | None) -> dict[str, object]:
    if match is None:
        return {"input": name, "resolved": False}
    return {
        "input": name,
        "resolved": True,
        **match.model_dump(mode="json", exclude={"query"}),
    }


def _run_resolve(args: argparse.Namespace) -> int:
    from toponyms import candidates, resolve

    unresolved = 0
    rows: list[list[str]] = []
    for name in args.names:
        match = resolve(
            name,
            country=args.country,
            kind=args.kind,
            admin1=args.admin1,
            min_score=args.min_score,
        )
        unresolved += match is None
        if args.json:
            record = _match_json(name, match)
            if args.candidates:
                record["candidates"] = [
                    _match_json(name, m)
                    for m in candidates(
                        name, limit=args.candidates, country=args.country, kind=args.kind
                    )
                ]
            print(json.dumps(record, ensure_ascii=False))
        else:
            rows.append(_row(name, match))
            if args.candidates:
                for m in candidates(
                    name, limit=args.candidates, country=args.country, kind=args.kind
                ):
                    rows.append(_row(f"  ~ {m.matched}", m))
    if not args.json:
        _print_table(rows)
    return 1 if unresolved else 0


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
    add_normalize_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "resolve":
            return _run_resolve(args)
        from toponyms._tabular import run_normalize

        return run_normalize(args)
    except ToponymsError as exc:
        from toponyms._csvio import say

        say(f"toponyms: error: {exc}")
        return 2
    except BrokenPipeError:
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
