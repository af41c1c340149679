"""MkDocs hooks: the parts of the documentation that come from the code and the data.

A page asks for a generated block with a line ``<!-- generated: NAME -->`` (indented to put
the block inside an admonition); at build time the line is replaced by the block, so the
command-line reference follows the argument parsers and the coverage tables follow the tables
in ``data/``, with nothing to regenerate by hand.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import json
import os
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data"
MARKER = re.compile(r"^( *)<!-- generated: ([a-z-]+) -->$", re.MULTILINE)


def on_page_markdown(markdown: str, **_: object) -> str:
    r"""Replace each generated-block marker of a page by its block (the MkDocs hook).

    Args:
        markdown: The page's Markdown.
        **_: What MkDocs passes besides (page, config, files).

    Returns:
        The Markdown with every marker replaced.

    Raises:
        KeyError: A marker names no known block.

    Examples:
        >>> page = on_page_markdown("Intro\n\n<!-- generated: exit-status -->\n")
        >>> page.splitlines()[2].startswith("Exit status")
        True
    """
    return MARKER.sub(lambda m: _indent(BLOCKS[m.group(2)](), m.group(1)), markdown)


def _indent(block: str, margin: str) -> str:
    return "\n".join(margin + line if line else line for line in block.splitlines())


# ----------------------------------------------------------------------------- command line
@contextlib.contextmanager
def _columns(width: int) -> Iterator[None]:
    """Format help at a fixed width, whatever the terminal that builds the site."""
    old = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = str(width)
    try:
        yield
    finally:
        if old is None:
            del os.environ["COLUMNS"]
        else:
            os.environ["COLUMNS"] = old


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _option_rows(parser: argparse.ArgumentParser) -> list[str]:
    rows = ["| argument | value | default | what it does |", "|---|---|---|---|"]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction) or action.help == argparse.SUPPRESS:
            continue
        name = (
            ", ".join(f"`{s}`" for s in action.option_strings)
            or f"`{action.metavar or action.dest}`"
        )
        if action.choices is not None:
            value = " \\| ".join(f"`{c}`" for c in action.choices)
        elif action.nargs == 0:
            value = "(flag)"
        else:
            value = f"`{action.metavar or action.dest.upper()}`"
            if action.nargs in ("+", "*"):
                value += " ..."
        default = action.default
        shown = (
            ""
            if default in (None, False, argparse.SUPPRESS) or action.nargs == 0
            else f"`{default}`"
        )
        if not action.option_strings:
            shown = "(required)" if action.nargs != "?" else shown
        elif action.required:
            shown = "(required)"
        rows.append(f"| {name} | {value} | {shown} | {_cell(action.help or '')} |")
    return rows


def _subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def cli_reference() -> str:
    """The reference of the ``toponyms`` command, from its argument parsers.

    Returns:
        Markdown: for the command and each subcommand, its usage, description and a table of
        every argument.

    Examples:
        >>> text = cli_reference()
        >>> "## `toponyms resolve`" in text and "`--json`" in text
        True
    """
    from toponyms.cli import build_parser

    parser = build_parser()
    parts: list[str] = []
    with _columns(80):
        for name, sub in [("", parser), *_subcommands(parser).items()]:
            title = f"toponyms {name}".strip()
            parts += [
                f"## `{title}`",
                "",
                sub.description or "",
                "",
                "```console",
                sub.format_usage().strip(),
                "```",
                "",
                *_option_rows(sub),
                "",
                f'??? note "`{title} --help`"',
                "",
                "    ```text",
                *(f"    {line}".rstrip() for line in sub.format_help().strip().splitlines()),
                "    ```",
                "",
            ]
    return "\n".join(parts)


def exit_status() -> str:
    """The exit statuses of the command, as its module docstring states them.

    Returns:
        The paragraph of ``toponyms.cli``'s docstring that starts with "Exit status".

    Raises:
        LookupError: The docstring has no such paragraph (keep it there: this page shows it).

    Examples:
        >>> exit_status().startswith("Exit status")
        True
    """
    import toponyms.cli

    for paragraph in (toponyms.cli.__doc__ or "").split("\n\n"):
        if paragraph.strip().startswith("Exit status"):
            return " ".join(paragraph.split())
    msg = "toponyms.cli's docstring has no 'Exit status' paragraph"
    raise LookupError(msg)


# ----------------------------------------------------------------------------- the data
def _rows(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


def _places() -> list[dict[str, str]]:
    places = _rows("places.tsv")
    if (DATA / "extra_places.tsv").exists():
        places += _rows("extra_places.tsv")
    return places


def coverage_summary() -> str:
    """What the embedded data holds, by kind of place and kind of name, and how it was selected.

    Returns:
        Markdown: two tables counted from ``data/`` and the selection rules and source editions
        of ``data/MANIFEST.json``.

    Examples:
        >>> "| city |" in coverage_summary()
        True
    """
    places = _places()
    kinds = Counter(p["kind"] for p in places)
    name_kinds = Counter(r["kind"] for r in _rows("names.tsv"))
    manifest = json.loads((DATA / "MANIFEST.json").read_text(encoding="utf-8"))
    sel = manifest.get("selection", {})
    lines = ["| kind of place | places |", "|---|---:|"]
    lines += [f"| {k} | {n:,} |" for k, n in kinds.most_common()]
    lines += [f"| **all** | **{sum(kinds.values()):,}** |", ""]
    lines += ["| kind of name (names.tsv) | names |", "|---|---:|"]
    lines += [f"| {k} | {n:,} |" for k, n in name_kinds.most_common()]
    lines += [f"| **all** | **{sum(name_kinds.values()):,}** |", ""]
    if sel:
        lines += [
            "Selection (from `data/MANIFEST.json`): every populated place of "
            f"{', '.join(sel.get('all_places_in', []))} in GeoNames cities500; places of at least "
            f"{sel.get('regional_min_population', 0):,} people in "
            f"{', '.join(sel.get('regional_countries', []))}; every place of at least "
            f"{sel.get('world_min_population', 0):,} people elsewhere; the "
            f"{sel.get('capitals', 0)} national capitals; every country and every first-level "
            "subdivision.",
            "",
        ]
    sources = manifest.get("sources", {})
    if sources:
        lines += ["| source package | version used by the build |", "|---|---|"]
        lines += [f"| `{k}` | {v} |" for k, v in sorted(sources.items())]
        lines.append("")
    return "\n".join(lines)


def coverage_by_country() -> str:
    """One row per country: its cities and regions, the smallest city, and its names.

    Returns:
        A Markdown table counted from ``data/``, sorted by country code.

    Examples:
        >>> "| UA | Ukraine |" in coverage_by_country()
        True
    """
    places = _places()
    country_name = {p["country"]: p["name"] for p in places if p["kind"] == "country"}
    of_place = {p["id"]: p["country"] for p in places}
    cities: dict[str, list[int]] = defaultdict(list)
    regions: Counter[str] = Counter()
    for p in places:
        if p["kind"] == "city":
            cities[p["country"]].append(int(p["population"] or 0))
        elif p["kind"] == "region":
            regions[p["country"]] += 1
    names: Counter[str] = Counter()
    for r in _rows("names.tsv"):
        names[of_place.get(r["place_id"], "")] += 1
    lines = [
        "| code | country | cities | of 15,000+ people | smallest city | regions | names |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for code in sorted(set(cities) | set(regions) | set(country_name)):
        if not code:
            continue
        pops = cities.get(code, [])
        big = sum(1 for n in pops if n >= 15_000)
        small = f"{min(pops):,}" if pops else ""
        lines.append(
            f"| {code} | {_cell(country_name.get(code, ''))} | {len(pops):,} | {big:,} | {small} "
            f"| {regions[code]:,} | {names[code]:,} |"
        )
    return "\n".join(lines) + "\n"


def sources_table() -> str:
    """The sources the curated tables cite, from ``data/SOURCES.tsv``.

    Returns:
        A Markdown table: key, title (linked), access date, licence.

    Examples:
        >>> "| `geonames` |" in sources_table()
        True
    """
    lines = ["| key | source | accessed | licence |", "|---|---|---|---|"]
    for r in _rows("SOURCES.tsv"):
        title = f"[{_cell(r['title'])}]({r['url']})" if r["url"] else _cell(r["title"])
        lines.append(f"| `{r['key']}` | {title} | {r['accessed']} | {_cell(r['licence'])} |")
    return "\n".join(lines) + "\n"


BLOCKS: dict[str, Callable[[], str]] = {
    "cli": cli_reference,
    "exit-status": exit_status,
    "coverage": coverage_summary,
    "coverage-by-country": coverage_by_country,
    "sources": sources_table,
}
