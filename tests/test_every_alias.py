"""Every curated alias resolves to its own place, or is flagged ambiguous with it among the
candidates (a sweep over the whole curated table, one test id per row)."""

import pytest

from toponyms import candidates, resolve
from toponyms._data import read_tables

ROWS = [row for _, row in read_tables().aliases if row.kind != "block" and row.place_id != "*"]


@pytest.mark.parametrize("row", ROWS, ids=[f"{r.place_id}:{r.name}" for r in ROWS])
def test_alias_resolves_to_its_place(row) -> None:  # type: ignore[no-untyped-def]
    match = resolve(row.name)
    assert match is not None, row
    if match.place.id == row.place_id:
        return
    assert match.ambiguous, (row, match)
    assert row.place_id in {m.place.id for m in candidates(row.name, limit=20)}


BLOCKED = [row for _, row in read_tables().aliases if row.kind == "block"]


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
