"""Every curated name resolves to its own place, or is flagged ambiguous with it among the
candidates, or, when a bigger place of another kind shares it (Kyiv the city and Kyiv the
region), resolves to its place once that kind is asked for. A sweep over both curated name tables
(aliases.tsv, countries.tsv), one test id per row."""

import pytest

from toponyms import Resolver, candidates, resolve
from toponyms._data import read_tables

TABLES = read_tables()
ROWS = [
    row
    for _, row in [*TABLES.aliases, *TABLES.country_names]
    if row.kind != "block" and row.place_id != "*"
]
RESOLVER = Resolver()


@pytest.mark.parametrize("row", ROWS, ids=[f"{r.place_id}:{r.name}" for r in ROWS])
def test_alias_resolves_to_its_place(row) -> None:  # type: ignore[no-untyped-def]
    # Numeric codes ("810") are read only when a country is asked for.
    match = resolve(row.name, kind="country" if row.name.isdigit() else None)
    assert match is not None, row
    if match.place.id == row.place_id:
        return
    own = RESOLVER.place(row.place_id)
    assert own is not None
    if own.kind is not match.place.kind:
        by_kind = resolve(row.name, kind=own.kind)
        assert by_kind is not None, row
        assert by_kind.place.id == row.place_id, (row, by_kind)
        return
    assert match.ambiguous, (row, match)
    assert row.place_id in {m.place.id for m in candidates(row.name, limit=20)}


BLOCKED = [row for _, row in TABLES.aliases if row.kind == "block"]


@pytest.mark.parametrize("row", BLOCKED, ids=[f"{r.place_id}:{r.name}" for r in BLOCKED])
def test_blocked_name_no_longer_leads_to_that_place(row) -> None:  # type: ignore[no-untyped-def]
    match = resolve(row.name)
    if row.place_id == "*":
        assert (
            match is None
            or match.method.value not in ("exact", "alias")
            or (match.source != "geonames")
        ), match
    else:
        assert match is None or match.place.id != row.place_id or match.source != "geonames"
