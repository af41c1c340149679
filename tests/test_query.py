"""The parser (``_query.parse``) and the query (``_query.Query``): table-driven and properties."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

import toponyms
from tests._cases import load_cases
from toponyms._normalize import clean
from toponyms._query import Query, Reading, parse

SEARCH = toponyms.default_resolver()._search
READINGS = load_cases("readings.tsv")


def _split(cell: str) -> tuple[str, ...]:
    return tuple(cell.split("|")) if cell else ()


@pytest.mark.parametrize("row", READINGS, ids=[r["text"] for r in READINGS])
def test_the_first_reading_of_each_form(row: dict[str, str]) -> None:
    first = parse(clean(row["text"]), SEARCH.is_qualifier)[0]
    expected = Reading(_split(row["names"]), _split(row["qualifiers"]), row["kind"] or None)
    assert (first.names, first.qualifiers, first.kind) == (
        expected.names,
        expected.qualifiers,
        expected.kind,
    )


def test_a_name_that_keeps_a_comma_is_read_too() -> None:
    readings = parse("Mianzhu, Deyang, Sichuan", SEARCH.is_qualifier)
    assert Reading(("Mianzhu, Deyang",), ("Sichuan",)) in readings


def test_the_whole_text_is_always_a_reading() -> None:
    text = "Pokrovsk, Donetsk Oblast"
    readings = parse(text, SEARCH.is_qualifier)
    assert Reading((text,), all_words=True) in readings


def test_a_region_word_gives_region_readings() -> None:
    readings = parse("Donetsk Region", SEARCH.is_qualifier)
    assert [r.names for r in readings if r.kind == "region"] == [
        ("Donetsk Oblast",),
        ("Donetsk",),
    ]


words = st.text(alphabet="abcdefgh ,()[]", max_size=30)


@given(words)
def test_parse_is_pure_and_total(text: str) -> None:
    """Any text gives at least its whole reading, the same twice, with no empty name first."""
    first = parse(text, lambda part: part.strip() in {"ab", "cd"})
    again = parse(text, lambda part: part.strip() in {"ab", "cd"})
    assert first == again
    assert Reading((text,), all_words=any(r.qualifiers for r in first)) in first


@given(st.text(alphabet="Kyiv ,[]()Lw", max_size=40))
def test_known_is_asked_only_about_parts_of_the_text(text: str) -> None:
    asked: list[str] = []

    def known(part: str) -> bool:
        asked.append(part)
        return False

    parse(text, known)
    assert all(part in text for part in asked)


# -- Query: every hint checked once, for every verb -------------------------------------------


@pytest.mark.parametrize(
    ("hints", "hint"),
    [
        ({"kind": "town"}, "kind"),
        ({"kind": ["city"]}, "kind"),
        ({"min_score": math.nan}, "min_score"),
        ({"min_score": math.inf}, "min_score"),
        ({"min_score": -1}, "min_score"),
        ({"min_score": 100.5}, "min_score"),
        ({"min_score": [1]}, "min_score"),
        ({"min_score": True}, "min_score"),
        ({"country": "x" * 1001}, "country"),
        ({"admin1": "x" * 1001}, "admin1"),
    ],
)
def test_a_bad_hint_is_refused_before_any_search(hints: dict[str, object], hint: str) -> None:
    with pytest.raises(toponyms.InvalidHintError) as caught:
        Query.build("Kyiv", **hints)
    assert caught.value.hint == hint
    for verb in (toponyms.resolve, toponyms.lookup, toponyms.candidates):
        with pytest.raises(toponyms.InvalidHintError):
            verb("Kyiv", **hints)  # type: ignore[operator]


@pytest.mark.parametrize("limit", [1e9, math.nan, -1, 1001, "3", True, None])
def test_a_bad_limit_is_refused(limit: object) -> None:
    with pytest.raises(toponyms.InvalidHintError, match="limit"):
        toponyms.candidates("Kyiv", limit=limit)  # type: ignore[arg-type]


@pytest.mark.parametrize("value", ["Kyiv", b"Kyiv"])
def test_resolve_many_refuses_one_string(value: object) -> None:
    with pytest.raises(toponyms.InvalidNameError, match="column"):
        toponyms.resolve_many(value)  # type: ignore[arg-type]


def test_queries_are_values() -> None:
    a = Query.build("Kyiv", country="UA", kind=toponyms.PlaceKind.CITY, min_score=90)
    b = Query.build("Kyiv", country="UA", kind="city", min_score=90.0)
    assert a == b
    assert hash(a) == hash(b)
