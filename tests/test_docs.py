"""The documentation site stays true: generated blocks, the API page, the benchmark page."""

from __future__ import annotations

import argparse
import csv
import importlib.util
import json
import re
from pathlib import Path
from types import ModuleType

import pytest

import toponyms
from toponyms.cli import build_parser

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"


def _module(path: Path, name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec
    assert spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def hooks() -> ModuleType:
    return _module(DOCS / "hooks.py", "docs_hooks")


def _parsers() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    out = {"toponyms": parser}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            out.update({f"toponyms {k}": v for k, v in action.choices.items()})
    return out


def test_the_cli_page_names_every_subcommand_and_option(hooks: ModuleType) -> None:
    page = hooks.on_page_markdown((DOCS / "cli.md").read_text(encoding="utf-8"))
    missing = [
        f"{command} {option}"
        for command, parser in _parsers().items()
        for action in parser._actions
        for option in action.option_strings
        if f"`{option}`" not in page
    ]
    missing += [command for command in _parsers() if f"## `{command}`" not in page]
    assert missing == []
    assert "Exit status: 0" in page


def test_every_marker_of_every_page_is_replaced(hooks: ModuleType) -> None:
    left = [
        page.name
        for page in sorted(DOCS.glob("*.md"))
        if "<!-- generated:" in hooks.on_page_markdown(page.read_text(encoding="utf-8"))
    ]
    assert left == []


def test_an_unknown_marker_fails_the_build(hooks: ModuleType) -> None:
    with pytest.raises(KeyError, match="no-such-block"):
        hooks.on_page_markdown("<!-- generated: no-such-block -->\n")


def test_coverage_by_country_adds_up_to_the_tables(hooks: ModuleType) -> None:
    table = hooks.coverage_by_country().splitlines()[2:]
    cells = [[c.strip() for c in line.strip("|").split("|")] for line in table]
    with (ROOT / "data" / "places.tsv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    cities = sum(1 for r in rows if r["kind"] == "city")
    regions = sum(1 for r in rows if r["kind"] == "region")
    assert sum(int(c[2].replace(",", "")) for c in cells) == cities
    assert sum(int(c[5].replace(",", "")) for c in cells) == regions
    ua = next(c for c in cells if c[0] == "UA")
    assert ua[1] == "Ukraine"
    assert int(ua[2].replace(",", "")) > int(ua[3].replace(",", ""))  # small places too


def test_the_api_page_documents_every_public_name() -> None:
    page = (DOCS / "api.md").read_text(encoding="utf-8")
    missing = [
        n for n in toponyms.__all__ if n != "__version__" and f"::: toponyms.{n}\n" not in page
    ]
    assert missing == []


def test_every_page_is_in_the_nav_and_every_nav_entry_exists() -> None:
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    nav = set(re.findall(r"^\s+- [^:]+: (\S+\.md)$", config, flags=re.MULTILINE))
    pages = {p.name for p in DOCS.glob("*.md")}
    assert nav == pages


def test_the_benchmark_page_is_rendered_from_its_json() -> None:
    report = _module(ROOT / "bench" / "report.py", "bench_report")
    data = json.loads((DOCS / "benchmarks.json").read_text(encoding="utf-8"))
    assert (DOCS / "benchmarks.md").read_text(encoding="utf-8") == report.render_page(data)
    machine = data["machine"]
    assert machine["cpu_count"] >= 1
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC", machine["date"])


def test_the_figures_of_the_benchmark_page_exist_and_are_small() -> None:
    page = (DOCS / "benchmarks.md").read_text(encoding="utf-8")
    figures = re.findall(r"\]\((figures/[^)]+)\)", page)
    assert figures
    sizes = {f: (DOCS / f).stat().st_size for f in figures}
    assert {f: s for f, s in sizes.items() if s > 150_000} == {}
