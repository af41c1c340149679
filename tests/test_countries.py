"""Countries and first-level regions: every convention their names come in.

tests/cases/countries.tsv is a labelled table of country-name variants (ISO 3166-1 names and
codes, World Bank, IMF and UN M49 conventions, CLDR names in nine languages, abbreviations,
historical names, former states, mojibake, constituent countries and special regions), each
with its source; tests/cases/countries_must_not.tsv lists what ``kind="country"`` must refuse.
Run with ``-s`` to see the hit rates by convention.
"""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import toponyms
from tests._cases import load_cases
from toponyms import InvalidHintError, NameKind, PlaceKind, Resolver, resolve
from toponyms._normalize import clean, repair_mojibake
from toponyms.testing import names

COUNTRIES = load_cases("countries.tsv")
MUST_NOT = load_cases("countries_must_not.tsv")
UA_REGIONS = load_cases("ua_regions.tsv")
RU_REGIONS = load_cases("ru_regions.tsv")
#: Floor for the share of labelled country variants resolved right: the issue asks for 98%;
#: measured 100%, so the floor lets at most two rows regress before the test says so.
COUNTRY_HIT_FLOOR = 0.995

RESOLVER = Resolver()


def _got(query: str) -> str | None:
    match = resolve(query, kind="country")
    return None if match is None else match.place.code or match.place.id


def test_the_labelled_tables_are_big_enough_and_sourced() -> None:
    assert len(COUNTRIES) >= 300
    assert all(row["source"] for row in COUNTRIES + MUST_NOT)


def test_country_variants_resolve() -> None:
    got = [_got(r["query"]) for r in COUNTRIES]
    misses = [(r["query"], r["expected"], g) for r, g in zip(COUNTRIES, got, strict=True)]
    misses = [m for m in misses if m[1] != m[2]]
    total: Counter[str] = Counter(r["convention"] for r in COUNTRIES)
    missed: Counter[str] = Counter(
        r["convention"] for r, g in zip(COUNTRIES, got, strict=True) if g != r["expected"]
    )
    for convention in sorted(total):
        right = total[convention] - missed[convention]
        print(f"{convention:24} {right:4}/{total[convention]:<4} {right / total[convention]:.1%}")
    rate = 1 - len(misses) / len(COUNTRIES)
    print(f"{'all':24} {len(COUNTRIES) - len(misses):4}/{len(COUNTRIES):<4} {rate:.1%}")
    assert rate >= COUNTRY_HIT_FLOOR, misses


def test_nothing_that_is_not_a_country_resolves_as_one() -> None:
    false_positives = [
        (row["query"], str(m)) for row in MUST_NOT if (m := resolve(row["query"], kind="country"))
    ]
    assert false_positives == []


@pytest.mark.parametrize(
    "row",
    UA_REGIONS + RU_REGIONS,
    ids=[f"{r['expected']}:{r['form']}:{r['query']}" for r in UA_REGIONS + RU_REGIONS],
)
def test_every_ukrainian_region_and_russian_subject_by_its_names(row: dict[str, str]) -> None:
    match = resolve(row["query"], kind="region")
    assert match is not None
    assert match.place.code == row["expected"]


def test_every_iso_3166_2_code_resolves_to_its_region() -> None:
    gaz = RESOLVER.gazetteer
    codes = {r.code: r.id for r in gaz.places if r.code and "-" in r.code}
    assert len(codes) > 3_000
    wrong = {
        code: (m.place.id if m else None)
        for code, pid in codes.items()
        if (m := resolve(code)) is None or m.place.id != pid
    }
    assert wrong == {}


# --- codes ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "code"), [("IN", "IN"), ("US", "US"), ("UK", "GB"), ("UKR", "UA"), ("DNR", "UA-14")]
)
def test_codes_match_in_capitals(text: str, code: str) -> None:
    match = resolve(text)
    assert match is not None
    assert match.place.code == code
    assert match.name_kind in (NameKind.CODE, NameKind.ABBREVIATION, NameKind.POLITICAL)


@pytest.mark.parametrize("word", ["in", "us", "it", "is", "me", "no", "de"])
def test_a_lower_case_word_is_not_a_country_code(word: str) -> None:
    assert resolve(word, kind="country") is None
    match = resolve(word)
    assert match is None or match.place.kind is not PlaceKind.COUNTRY


def test_numeric_codes_only_when_a_country_is_asked_for() -> None:
    assert resolve("804") is None
    match = resolve("804", kind="country")
    assert match is not None
    assert match.place.code == "UA"
    assert resolve("076", kind="country").place.code == "BR"  # type: ignore[union-attr]
    assert resolve("999", kind="country") is None


# --- what a country record is ---------------------------------------------------------------


def test_a_former_state_carries_its_end_date_and_successors() -> None:
    ussr = resolve("USSR")
    assert ussr is not None
    assert (ussr.place.kind, ussr.place.code, ussr.place.valid_to) == (
        PlaceKind.COUNTRY,
        "SUHH",
        "1991-12-26",
    )
    ukraine = resolve("Ukraine", kind="country")
    assert ukraine is not None
    assert ukraine.place.id in ussr.place.successors
    assert len(ussr.place.successors) == 15


def test_a_former_state_as_a_qualifier_stands_for_its_successors() -> None:
    match = resolve("Kiev, USSR")
    assert match is not None
    assert match.place.name == "Kyiv"
    assert resolve("Kiev, USSR", kind="country") is None


@pytest.mark.parametrize(
    ("text", "code", "sovereign"),
    [
        ("England", "GB-ENG", "GB"),
        ("Scotland", "GB-SCT", "GB"),
        ("Hong Kong", "HK", "CN"),
        ("Macao", "MO", "CN"),
        ("Greenland", "GL", "DK"),
        ("Zanzibar", None, "TZ"),
    ],
)
def test_constituent_countries_and_special_regions_name_their_sovereign(
    text: str, code: str | None, sovereign: str
) -> None:
    match = resolve(text, kind="country")
    assert match is not None
    assert (match.place.code, match.place.country) == (code, sovereign)


def test_a_special_region_still_qualifies_its_own_places() -> None:
    assert resolve("Manchester, England").place.country == "GB"  # type: ignore[union-attr]
    kowloon = resolve("Kowloon", country="Hong Kong")
    assert kowloon is not None
    assert kowloon.place.country == "HK"
    assert resolve("Hong Kong", country="HK") is not None


@pytest.mark.parametrize(
    "text", ["Pokrovsk, Donetska oblast", "Pokrovsk, DNR", "Pokrovsk (Donetsk Region)"]
)
def test_a_region_name_is_a_hint_inside_a_qualified_name(text: str) -> None:
    match = resolve(text)
    assert match is not None
    assert (match.place.name, match.place.admin1) == ("Pokrovsk", "Donetsk Oblast")


@pytest.mark.parametrize(
    ("text", "code"), [("DNR", "UA-14"), ("ЛНР", "UA-09"), ("Donetsk People's Republic", "UA-14")]
)
def test_occupation_names_resolve_to_the_oblast_with_their_kind(text: str, code: str) -> None:
    match = resolve(text)
    assert match is not None
    assert (match.place.code, match.name_kind) == (code, NameKind.POLITICAL)


# --- properties -------------------------------------------------------------------------------


@given(names(kind="city", min_population=15_000))
def test_kind_country_never_returns_anything_else(name) -> None:  # type: ignore[no-untyped-def]
    match = resolve(name.text, kind="country")
    assert match is None or match.place.kind is PlaceKind.COUNTRY


@given(names(kind="country"))
def test_utf8_read_as_latin1_resolves_like_the_name(name) -> None:  # type: ignore[no-untyped-def]
    assume(repair_mojibake(name.text) == name.text)
    garbled = name.text.encode("utf-8").decode("latin-1")
    assert repair_mojibake(garbled) == name.text
    match = resolve(garbled, kind="country")
    assert match is not None
    assert match.place == name.place


@given(st.text(min_size=1, max_size=40))
def test_mojibake_repair_is_a_fixed_point(text: str) -> None:
    garbled = text.encode("utf-8").decode("latin-1")
    repaired = repair_mojibake(garbled)
    assert repair_mojibake(repaired) == repaired


@given(st.text(max_size=40))
def test_mojibake_repair_undoes_latin1(text: str) -> None:
    assume(repair_mojibake(text) == text)  # text that is not itself mojibake
    repaired = repair_mojibake(text.encode("utf-8").decode("latin-1"))
    assert clean(repaired) == clean(text)


# --- what the review found (each was wrong once) ----------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Congo, Democratic Republic of the",
        "Korea, Dem. Rep.",
        "Korea, Democratic People's Republic",
        "Yemen, People's Democratic Republic",
    ],
)
def test_an_inverted_name_keeps_the_words_that_tell_countries_apart(text: str) -> None:
    match = resolve(text, kind="country")
    wrong = {"Korea": "KR", "Congo": "CG", "Yemen": "YE"}[text.split(",")[0]]
    assert match is None or match.place.code != wrong


@pytest.mark.parametrize("text", ["Blagodarnoje, UA", "Moskovskiy, UA", "Kharkov, UA"])
def test_a_country_qualifier_is_never_left_behind(text: str) -> None:
    match = resolve(text)
    assert match is None or match.place.country == "UA"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Kharkov, UA", None),  # a city: checked by name below
        ("Korea, South", "KR"),
        ("Virgin Islands, US", "VI"),
        ("China, Hong Kong SAR", "HK"),
        ("Comoros, Union of the", "KM"),
        ("Myanmar, Union of", "MM"),
    ],
)
def test_a_qualified_text_still_matches_as_a_whole(text: str, code: str | None) -> None:
    match = resolve(text)
    assert match is not None
    if code is None:
        assert match.place.name == "Kharkiv"
    else:
        assert match.place.code == code


@pytest.mark.parametrize("text", ["The 100", "the 404", "100, The"])
def test_a_reading_of_its_own_is_no_request_for_numeric_codes(text: str) -> None:
    assert resolve(text) is None


def test_a_sovereign_hint_does_not_make_a_territory_ambiguous() -> None:
    assert RESOLVER.lookup("Hong Kong", country="CN").place.code == "HK"
    gibraltar = RESOLVER.lookup("Gibraltar", country="GB")
    assert gibraltar.place.kind is PlaceKind.COUNTRY
    assert not gibraltar.ambiguous


def test_candidates_of_a_bracket_form_rank_both_names() -> None:
    assert resolve("Qwxzvb [Kyiv]").place.name == "Kyiv"  # type: ignore[union-attr]
    assert [m.place.name for m in RESOLVER.candidates("Qwxzvb [Kyiv]", limit=1)] == ["Kyiv"]


def test_a_constituent_country_or_a_territory_works_as_a_country_hint() -> None:
    london = resolve("London", country="England")
    assert london is not None
    assert london.place.country == "GB"
    kowloon = resolve("Kowloon, China")
    assert kowloon is not None
    assert kowloon.place.country == "HK"  # in China, through Hong Kong's sovereign
    # A subdivision's code is not a country hint: it is reported, not read as Lviv's oblast.
    with pytest.raises(InvalidHintError, match="UA-46"):
        resolve("Lviv", country="UA-46")


def test_candidates_read_a_text_as_resolve_does() -> None:
    assert [m.place.code for m in RESOLVER.candidates("the Gambia", limit=1)] == ["GM"]
    assert [m.place.code for m in RESOLVER.candidates("Kyiv Region", limit=1)] == ["UA-32"]
    assert RESOLVER.candidates("804") == []
    assert [m.place.code for m in RESOLVER.candidates("804", kind="country")] == ["UA"]


def test_a_cldr_qualifier_in_brackets_is_no_name_of_the_place() -> None:
    # CLDR writes Hong Kong as "RAE de Hong Kong (China)": "China" is not a name of Hong Kong.
    hong_kong = RESOLVER.place(resolve("Hong Kong", kind="country").place.id)  # type: ignore[union-attr]
    assert hong_kong is not None
    assert "China" not in hong_kong.names
    kinshasa = resolve("Кіншаса")
    assert kinshasa is not None
    assert kinshasa.place.kind is PlaceKind.CITY


def test_every_iso_3166_1_code_resolves_to_its_country() -> None:
    """Alpha-2 (with or without kind), alpha-3 and numeric codes of every record with one."""
    gaz = RESOLVER.gazetteer
    states = {
        r.code: r.id
        for r in gaz.places
        if r.kind is PlaceKind.COUNTRY and r.code and len(r.code) == 2
    }
    assert len(states) >= 249
    wrong = []
    for code, pid in states.items():
        place = RESOLVER.place(pid)
        if place is None:
            wrong.append((pid, code, "no such place"))
            continue
        codes = [n for n in place.names if n.isupper() and n.isalpha() and len(n) == 3]
        codes += [n for n in place.names if n.isdigit() and len(n) == 3]
        for text, kind in [(code, None), (code, "country"), *[(c, "country") for c in codes]]:
            match = resolve(text, kind=kind)
            if match is None or match.place.id != pid:
                wrong.append((text, code, None if match is None else match.place.id))
    assert wrong == []


# --- codes, regions, names by language, successors (what users of the peers expect) -------

COUNTRY_RECORDS = [r for r in RESOLVER.gazetteer.places if r.kind is PlaceKind.COUNTRY and r.code]


def test_every_country_with_an_iso_code_has_its_alpha3_numeric_and_continent() -> None:
    missing = []
    for record in COUNTRY_RECORDS:
        place = RESOLVER.place(record.id)
        assert place is not None
        if len(record.code or "") != 2:
            continue  # a former state's ISO 3166-3 code; a few carry the table's codes too
        if not (place.alpha3 and place.continent and (place.numeric or record.code == "XK")):
            missing.append(record.code)
    assert missing == []


def test_codes_agree_with_pycountry() -> None:
    pycountry = pytest.importorskip("pycountry")
    wrong = []
    for country in pycountry.countries:
        match = resolve(country.alpha_2, kind="country")
        got = None if match is None else (match.place.alpha3, match.place.numeric)
        if got != (country.alpha_3, country.numeric):
            wrong.append((country.alpha_2, got))
    assert wrong == []


@pytest.mark.parametrize(
    ("text", "region"),
    [("Ukraine", "Eastern Europe"), ("Peru", "South America"), ("Japan", "Eastern Asia")],
)
def test_a_country_carries_its_un_m49_sub_region(text: str, region: str) -> None:
    match = resolve(text, kind="country")
    assert match is not None
    assert match.place.region == region


@pytest.mark.parametrize(
    ("text", "lang", "name"),
    [
        ("Germany", "de", "Deutschland"),
        ("Germany", "uk", "Німеччина"),
        ("Ukraine", "fr", "Ukraine"),
        ("Ukraine", "ru", "Украина"),
        ("Japan", "zh", "日本"),
        ("Japan", "EN", "Japan"),
    ],
)
def test_a_country_has_its_name_in_each_cldr_language(text: str, lang: str, name: str) -> None:
    match = resolve(text, kind="country")
    assert match is not None
    assert match.place.name_in(lang) == name


@pytest.mark.parametrize(
    ("text", "name"), [("Krasnoarmeysk", "Покровськ"), ("Kiev", "Київ"), ("Dimitrov", "Мирноград")]
)
def test_a_ukrainian_place_has_its_ukrainian_name(text: str, name: str) -> None:
    match = resolve(text)
    assert match is not None
    assert match.place.name_in("uk") == name


def test_a_name_in_an_unknown_language_or_of_a_town_is_none() -> None:
    assert resolve("Germany").place.name_in("xx") is None  # type: ignore[union-attr]
    assert resolve("Kramatorsk").place.name_in("en") is None  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("former", "successors"),
    [("Zaire", ["CD"]), ("Czechoslovakia", ["CZ", "SK"]), ("USSR", None)],
)
def test_a_former_state_leads_to_its_successors(former: str, successors: list[str] | None) -> None:
    match = resolve(former)
    assert match is not None
    codes = sorted(p.code or "" for p in toponyms.successors_of(match.place))
    if successors is None:
        assert len(codes) == 15
        assert "UA" in codes
    else:
        assert codes == successors
    assert toponyms.successors_of(resolve("Kyiv").place) == []  # type: ignore[union-attr]
    assert toponyms.successors_of("no such id") == []


@pytest.mark.parametrize(
    ("to", "expected"),
    [
        ("alpha3", ["UKR", "KOR", "HKG", None, "CIV"]),
        ("alpha2", ["UA", "KR", "HK", None, "CI"]),
        ("numeric", ["804", "410", "344", None, "384"]),
        ("name", ["Ukraine", "South Korea", "Hong Kong", None, "Ivory Coast"]),
        ("continent", ["Europe", "Asia", "Asia", None, "Africa"]),
    ],
)
def test_convert_a_list_of_country_names(to: str, expected: list[str | None]) -> None:
    names = ["Україна", "Korea, Rep.", "Hong Kong SAR, China", "Narnia", "Côte d'Ivoire"]
    assert toponyms.convert(names, to=to) == expected


def test_convert_names_what_it_cannot_give() -> None:
    assert toponyms.convert(["Narnia"], to="alpha3", not_found="not found") == ["not found"]
    with pytest.raises(toponyms.InvalidHintError, match="to"):
        toponyms.convert(["Kenya"], to="iso4")
