"""Resolution in context: one text's places decided together, and resolve_in_context."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests._cases import load_cases
from toponyms._context import distance_km, geography
from toponyms._find import _cached_analyse, find, resolve_in_context
from toponyms._resolver import default_resolver

CASES = load_cases("find_context.tsv")


def _tag(match: object) -> str:
    if match is None:
        return "-"
    return "?" if match.ambiguous else match.place.id  # type: ignore[attr-defined]


@pytest.mark.parametrize("case", CASES, ids=[c["case"] for c in CASES])
def test_name_in_context(case: dict[str, str]) -> None:
    match = resolve_in_context(default_resolver(), case["name"], case["context"])
    assert _tag(match) == case["expected"]


def test_context_is_analysed_once_for_many_names() -> None:
    resolver = default_resolver()
    text = "Shelling hit Kramatorsk, Sloviansk and Druzhkivka; Lyman and Siversk were quiet."
    names = ["Kramatorsk", "Lyman", "Siversk", "Bakhmut", "Pokrovsk", "Lyman"] * 8
    before = _cached_analyse.cache_info()
    answers = {resolve_in_context(resolver, n, text).place.admin1 for n in names}  # type: ignore[union-attr]
    after = _cached_analyse.cache_info()
    assert (after.misses - before.misses, answers) == (1, {"Donetsk Oblast"})


def test_same_name_same_place_in_one_text() -> None:
    text = "Paris, Texas, was hit first. Later the storm left Paris for Dallas."
    places = {m.match.place.id for m in find(text) if m.text == "Paris" and m.match}
    assert places == {"gn:4717560"}


def test_region_named_after_its_city_is_the_city() -> None:
    found = [
        (m.text, m.match.place.kind.value) for m in find("Fighting raged in Aleppo.") if m.match
    ]
    assert found == [("Aleppo", "city")]


def test_regions_have_derived_points() -> None:
    resolver = default_resolver()
    gaz = resolver.gazetteer
    texas = gaz.by_id["gn:4736286"]
    dallas = (math.radians(32.78), math.radians(-96.80))
    point = geography(gaz).point[texas]
    assert point is not None
    assert distance_km(point, dallas) < 500


_TEXTS = [
    "Shelling hit Kramatorsk, Sloviansk and Lyman overnight.",
    "Storms hit Texas. In Dallas and Paris, roofs were torn off.",
    "Обстріл у Харківській області: Ізюм, Балаклія, Лиман.",
    "Police in Ontario said London and Toronto were quiet.",
]


@given(st.sampled_from(_TEXTS), st.data())
def test_resolve_in_context_agrees_with_find(text: str, data: st.DataObject) -> None:
    mentions = [m for m in find(text) if m.match is not None]
    mention = data.draw(st.sampled_from(mentions))
    match = resolve_in_context(default_resolver(), mention.text, text)
    assert match is not None
    assert (match.place.id, match.ambiguous) == (mention.match.place.id, mention.match.ambiguous)  # type: ignore[union-attr]


def test_normalize_with_a_context_column(tmp_path: pytest.TempPathFactory) -> None:
    from toponyms.cli import main

    source = tmp_path / "in.csv"  # type: ignore[operator]
    target = tmp_path / "out.csv"  # type: ignore[operator]
    source.write_text(
        "city,story\n"
        'Paris,"Storms hit Dallas, Texas, on Monday."\n'
        'Paris,"The summit ended; ministers flew to Berlin."\n'
        'Лиман,"Обстріл у Харківській області: Ізюм, Балаклія."\n',
        encoding="utf-8",
    )
    args = ["normalize", str(source), "--column", "city", "--context-column", "story"]
    assert main([*args, "-o", str(target), "--fields", "geonames_id", "--quiet"]) == 0
    ids = [line.rsplit(",", 1)[1] for line in target.read_text(encoding="utf-8").splitlines()]
    assert ids == ["city_geonames_id", "4717560", "2988507", "703071"]


def test_context_and_country_columns_exclude_each_other(tmp_path: pytest.TempPathFactory) -> None:
    from toponyms.cli import main

    source = tmp_path / "in.csv"  # type: ignore[operator]
    source.write_text("city,story\nParis,Texas\n", encoding="utf-8")
    args = ["normalize", str(source), "--column", "city", "--quiet"]
    assert main([*args, "--context-column", "story", "--country-column", "story"]) == 2
