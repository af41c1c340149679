"""The project's own properties: junk never raises, answers are stable under noise, and the
measured rates of the noisy kinds stay above their floors."""

import unicodedata

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import toponyms
from toponyms import InvalidNameError, resolve
from toponyms._gazetteer import is_code
from toponyms.testing import EXACT_NOISE, names, non_places, variants

from ._schemes import RUSSIAN, UKRAINIAN, rate, sample


@given(st.text(max_size=300))
def test_a_match_of_any_text_explains_itself(text: str) -> None:
    """Any text resolves without an error, and a match names a known name of its place."""
    match = resolve(text)
    if match is not None:
        assert match.query == text
        assert match.matched.casefold() in {n.casefold() for n in match.place.names}
        assert 0 < match.score <= 100


@given(st.text(alphabet=st.characters(categories=["Cc", "Cf", "Zs", "Po", "Mn"]), max_size=50))
def test_control_and_format_characters_alone_resolve_to_nothing(text: str) -> None:
    assert resolve(text) is None


@given(st.integers(1001, 5000))
def test_over_a_thousand_characters_is_an_error(length: int) -> None:
    with pytest.raises(InvalidNameError):
        resolve("k" * length)


@given(names(min_population=15_000))
def test_known_names_resolve_to_their_place_and_deterministically(name) -> None:  # type: ignore[no-untyped-def]
    first = resolve(name.text)
    assert first is not None
    assert first.place == name.place
    assert resolve(name.text) == first


@given(names(min_population=15_000), st.sampled_from(["NFC", "NFD", "NFKC", "NFKD"]))
def test_unicode_normal_form_never_changes_the_place(name, form: str) -> None:  # type: ignore[no-untyped-def]
    match = resolve(unicodedata.normalize(form, name.text))
    assert match is not None
    assert match.place == name.place


@given(names(min_population=15_000), st.sampled_from([str.upper, str.lower, str.title]))
def test_case_never_changes_the_place(name, change) -> None:  # type: ignore[no-untyped-def]
    # Documented exception: two or three capitals are a code ("BO" is Bolivia, "Bo" a city).
    assume(not is_code(change(name.text), "alternate"))
    match = resolve(change(name.text))
    assert match is not None
    assert match.place == name.place


@given(variants(noise=EXACT_NOISE))
def test_exact_noise_keeps_the_place(variant) -> None:  # type: ignore[no-untyped-def]
    match = resolve(variant.text)
    assert match is not None, variant
    assert match.place == variant.place, variant


@given(non_places())
def test_non_places_do_not_resolve(text: str) -> None:
    assert resolve(text) is None


def test_results_survive_a_cold_reload() -> None:
    before = [resolve(q) for q in ("Kiev", "Kramatrosk", "Pokrovsk, Donetsk Oblast")]
    toponyms.clear_cache()
    assert [resolve(q) for q in ("Kiev", "Kramatrosk", "Pokrovsk, Donetsk Oblast")] == before


# --- measured rates (fixed samples, floors a little under the figures measured on 2026-11-24) ---

UA = sample("UA", 20_000, "uk")
RU = sample("RU", 100_000, "ru")
FLOORS = {
    # Ukrainian schemes over 299 places with >= 20,000 people (measured %).
    "UkrainianKMU": 96,  # 99.0
    "UkrainianBGN": 94,  # 97.0
    "UkrainianALALC": 94,  # 97.0
    "UkrainianISO9": 86,  # 89.0
    "UkrainianGerman": 83,  # 85.3
    "UkrainianFrench": 83,  # 85.6
    "UkrainianPassport2007": 95,  # 98.0
    "UkrainianUNGEGN": 96,  # 99.0
    "UkrainianNational1996": 95,  # 98.0
    "UkrainianBritish": 95,  # 97.7
    "UkrainianGOST1986": 92,  # 94.3
    "UkrainianWWS": 90,  # 92.6
    # Russian schemes over 208 places with >= 100,000 people.
    "BGN_PCGN": 96,  # 98.1
    "ALA_LC": 97,  # 99.0
    "GOST_779": 93,  # 95.7
    "ISO_9_1954": 96,  # 98.6
    "SCIENTIFIC": 94,  # 96.6
    "ICAO_DOC_9303": 96,  # 98.1
    "MVD_310": 95,  # 97.6
    "MVD_310_FR": 90,  # 92.8
    "UNGEGN_1987": 96,  # 98.6
    "WIKIPEDIA": 97,  # 99.5
    "MOSMETRO": 96,  # 98.6
    "BS_2979": 97,  # 99.0
}


@pytest.mark.parametrize("scheme", UKRAINIAN + RUSSIAN)
def test_romanisation_scheme_rate(scheme: str) -> None:
    pytest.importorskip("translitua" if scheme.startswith("Ukrainian") else "iuliia")
    pairs = UA if scheme.startswith("Ukrainian") else RU
    measured, misses = rate(scheme, pairs)
    print(f"{scheme}: {measured:.1%} of {len(pairs)}; misses {misses[:5]}")
    assert measured * 100 >= FLOORS[scheme], misses[:10]


def test_romanisations_overall_reach_the_target() -> None:
    pytest.importorskip("translitua")
    pytest.importorskip("iuliia")
    hits = total = 0
    for scheme in UKRAINIAN + RUSSIAN:
        pairs = UA if scheme.startswith("Ukrainian") else RU
        measured, _ = rate(scheme, pairs)
        hits += round(measured * len(pairs))
        total += len(pairs)
    print(f"all schemes: {hits / total:.1%} of {total}")
    assert hits / total >= 0.95  # the target; measured 95.7% on 2026-11-24


def _fixed_variants(noise: str) -> list[tuple[str, str]]:
    """A fixed, seeded sample of (text, place id) for one noise kind, over cities >= 50,000."""
    import random

    gaz = toponyms.default_resolver().gazetteer
    rng = random.Random(20261124)
    out = []
    for record in gaz.places:
        if record.kind.value != "city" or record.population < 50_000:
            continue
        name = record.name
        if noise == "diacritics":
            if name.isascii():
                continue
            text = "".join(
                c for c in unicodedata.normalize("NFD", name) if not unicodedata.combining(c)
            )
        else:
            if len(name) < 7 or not name.isalpha():
                continue
            i = rng.randrange(1, len(name) - 2)
            text = name[:i] + name[i + 1] + name[i] + name[i + 2 :]  # swap two letters
        own = resolve(name)
        if own is not None and own.place.id == record.id:
            out.append((text, record.id))
    return out


@pytest.mark.parametrize(("noise", "floor"), [("typo", 0.32), ("diacritics", 0.91)])
def test_noisy_kinds_rate(noise: str, floor: float) -> None:
    """Transposition typos and stripped diacritics resolve at a measured rate (a floor)."""
    samples = _fixed_variants(noise)
    right = sum(
        1 for text, pid in samples if (m := resolve(text)) is not None and m.place.id == pid
    )
    measured = right / len(samples)
    print(f"{noise}: {measured:.1%} of {len(samples)}")
    assert len(samples) >= 100
    assert measured >= floor


@pytest.mark.parametrize(("noise", "floor"), [("romanisation", 0.85), ("typo", 0.45)])
def test_variant_strategy_rates(noise: str, floor: float) -> None:
    """The strategy's noisy kinds, drawn derandomised (200 examples), resolve at a floor rate.

    Measured on 2026-11-24: romanisation 87.5% (Ukrainian places >= 20,000 people, toponyms'
    own and the translitua/iuliia schemes), typo 52.0% (one edit in a short name is
    often below the default min_score; see tests/eval for the calibrated figures).
    """
    from hypothesis import settings

    tally = {"right": 0, "all": 0}

    @settings(max_examples=200, derandomize=True, database=None, deadline=None)
    @given(variants(country="UA", noise=(noise,), min_population=20_000))
    def draw(variant) -> None:  # type: ignore[no-untyped-def]
        tally["all"] += 1
        match = resolve(variant.text)
        tally["right"] += match is not None and match.place == variant.place

    draw()
    measured = tally["right"] / tally["all"]
    print(f"{noise}: {measured:.1%} of {tally['all']}")
    assert measured >= floor


_ANY_FORM = st.one_of(
    variants(noise=("none", "case", "qualifier", "typo", "romanisation", "diacritics")).map(
        lambda v: v.text
    ),
    names().map(lambda n: n.text),
    non_places(),
    st.tuples(names(), names()).map(lambda ab: f"{ab[0].text} [{ab[1].text}]"),
    st.text(max_size=40),
)


@given(_ANY_FORM)
def test_resolve_lookup_and_candidates_make_one_decision(text: str) -> None:
    """lookup raises AmbiguousPlaceError iff resolve's match is ambiguous, PlaceNotFoundError
    iff resolve finds nothing; candidates lists resolve's place first."""
    match = resolve(text)
    outcome, found = _lookup_outcome(text)
    if match is None:
        assert (outcome, found) == ("not found", [])
    elif match.ambiguous:
        assert outcome == "ambiguous"
        assert found[0].place == match.place
        assert len(found) >= 2
    else:
        assert outcome == "found"
        assert [m.place for m in found] == [match.place]
    if match is not None:
        assert toponyms.candidates(text, limit=3)[0].place == match.place


def _lookup_outcome(text: str) -> tuple[str, list[toponyms.Match]]:
    try:
        return "found", [toponyms.lookup(text)]
    except toponyms.AmbiguousPlaceError as error:
        return "ambiguous", error.candidates
    except toponyms.PlaceNotFoundError:
        return "not found", []
