"""Hypothesis strategies over the embedded gazetteer, for property tests of data pipelines.

Requires the optional extra ``toponyms[testing]`` (Hypothesis). Every strategy draws from the
real data and shrinks toward the most populous places and the plainest spellings.

Examples:
    A downstream property test: whatever noise real data adds, the pipeline keeps the place.

    >>> from hypothesis import given, settings
    >>> from toponyms import resolve
    >>> from toponyms.testing import variants
    >>> @settings(max_examples=20, database=None, deadline=None)
    ... @given(variants(noise=("case", "whitespace", "apostrophe")))
    ... def test_pipeline_keeps_the_place(v):
    ...     assert resolve(v.text).place == v.place
    >>> test_pipeline_keeps_the_place()
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Literal, NamedTuple

try:
    from hypothesis import strategies as st
except ImportError as exc:  # pragma: no cover - exercised without Hypothesis installed
    msg = "toponyms.testing needs Hypothesis: pip install 'toponyms[testing]'"
    raise ImportError(msg) from exc

from toponyms._gazetteer import is_code
from toponyms._models import Place, PlaceKind
from toponyms._normalize import romanize
from toponyms._resolver import Resolver

__all__ = [
    "EXACT_NOISE",
    "NON_PLACES",
    "Name",
    "Noise",
    "Variant",
    "names",
    "non_places",
    "places",
    "variants",
]

#: Kinds of noise ``variants`` can add.
Noise = Literal[
    "none", "case", "whitespace", "apostrophe", "diacritics", "qualifier", "romanisation", "typo"
]
#: Noise kinds under which resolution must be exact (no measured error rate).
EXACT_NOISE: tuple[Noise, ...] = ("none", "case", "whitespace", "apostrophe", "qualifier")

#: Strings that are not places: person names, organisations, weekdays and months, military and
#: news-wire words, common English words (written for this project from everyday news usage).
NON_PLACES: tuple[str, ...] = (
    "Volodymyr Zelensky",
    "Vladimir Putin",
    "Oleksandr Syrskyi",
    "Valerii Zaluzhnyi",
    "Joe Biden",
    "Emmanuel Macron",
    "Olaf Scholz",
    "Jens Stoltenberg",
    "Sergei Shoigu",
    "NATO",
    "OSCE",
    "United Nations",
    "European Commission",
    "Gazprom",
    "Naftogaz",
    "Ukrzaliznytsia",
    "Red Cross",
    "Ministry of Defence",
    "General Staff",
    "Reuters",
    "Associated Press",
    "Thursday",
    "Monday",
    "Sunday",
    "February",
    "November",
    "понеділок",
    "четвер",
    "воскресенье",
    "январь",
    "brigade",
    "battalion",
    "frontline",
    "counteroffensive",
    "ceasefire",
    "artillery",
    "HIMARS",
    "Shahed",
    "drone strike",
    "air defence",
    "mobilisation",
    "the",
    "None",
    "null",
    "and",
    "correspondent",
    "breaking news",
    "press release",
    "spokesperson",
    "humanitarian corridor",
)


class Name(NamedTuple):
    """A known name of a place."""

    text: str
    """The name as the table writes it."""
    place: Place
    """The place it denotes."""


class Variant(NamedTuple):
    """A written form of a place and the noise that made it."""

    text: str
    """The text to resolve."""
    place: Place
    """The place it must resolve to."""
    noise: Noise
    """Which kind of noise made it."""


def _resolver() -> Resolver:
    from toponyms import default_resolver

    return default_resolver()


@lru_cache(maxsize=64)
def _place_indexes(
    country: str | None, kind: str | None, min_population: int | None
) -> tuple[int, ...]:
    gaz = _resolver().gazetteer
    chosen = [
        i
        for i, p in enumerate(gaz.places)
        if (country is None or p.country == country)
        and (kind is None or p.kind.value == kind)
        and (min_population is None or p.population >= min_population)
    ]
    # Most populous first, so examples shrink toward well-known places.
    chosen.sort(key=lambda i: (-gaz.places[i].population, gaz.places[i].id))
    return tuple(chosen)


def places(
    country: str | None = None,
    kind: str | PlaceKind | None = None,
    min_population: int | None = None,
) -> st.SearchStrategy[Place]:
    """Places of the gazetteer, most populous first when shrinking.

    Args:
        country: Only places in this country (ISO alpha-2).
        kind: Only places of this kind.
        min_population: Only places with at least this many people.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=10, database=None, deadline=None)
        ... @given(places(country="UA", kind="city", min_population=100_000))
        ... def test_ukrainian_cities_have_coordinates(place):
        ...     assert place.lat is not None and place.country == "UA"
        >>> test_ukrainian_cities_have_coordinates()
    """
    wanted = None if kind is None else PlaceKind(kind).value
    indexes = _place_indexes(country, wanted, min_population)
    if not indexes:
        msg = f"no place matches country={country!r} kind={kind!r} min_population={min_population}"
        raise ValueError(msg)
    gaz = _resolver().gazetteer
    return st.sampled_from(indexes).map(gaz.place)


def _resolves_to(text: str, place: Place) -> bool:
    match = _resolver().resolve(text)
    return match is not None and match.place.id == place.id


def names(
    country: str | None = None,
    kind: str | PlaceKind | None = None,
    min_population: int | None = None,
    *,
    unique: bool = True,
) -> st.SearchStrategy[Name]:
    """Known names of places, with the place each denotes.

    Codes ("UA", "UKR", "UA-14"), which are matched only as written, are left out.

    Args:
        country: Only places in this country.
        kind: Only places of this kind.
        min_population: Only places with at least this many people.
        unique: Only names that resolve to their own place (a name shared by a bigger place,
            "Odessa" of Texas, is left out).

    Examples:
        >>> from hypothesis import given, settings
        >>> from toponyms import resolve
        >>> @settings(max_examples=10, database=None, deadline=None)
        ... @given(names(country="UA", min_population=50_000))
        ... def test_known_names_resolve(name):
        ...     assert resolve(name.text).place == name.place
        >>> test_known_names_resolve()
    """
    gaz = _resolver().gazetteer

    def of(place: Place) -> st.SearchStrategy[Name]:
        where = gaz.by_id[place.id]
        texts = sorted(
            {
                gaz.name_text[r]
                for r in gaz.names_of(where)
                if not is_code(gaz.name_text[r], gaz.name_kind[r])
            },
            key=lambda t: (len(t), t),
        )
        texts = [place.name, *[t for t in texts if t != place.name]]
        if unique:
            texts = [t for t in texts if _resolves_to(t, place)]
        if not texts:
            return st.nothing()
        return st.sampled_from(texts).map(lambda t: Name(t, place))

    return places(country, kind, min_population).flatmap(of)


_APOSTROPHES = ("'", "\u2019", "\u02bc", "\u2018", "`", "")

#: Published schemes drawn by the "romanisation" noise when the libraries that implement them
#: are installed (``translitua`` for Ukrainian, ``iuliia`` for Russian); toponyms' own KMU 2010
#: and BGN/PCGN-style romanisers are always there.
_TRANSLITUA_SCHEMES = (
    "UkrainianKMU",
    "UkrainianBGN",
    "UkrainianISO9",
    "UkrainianGerman",
    "UkrainianFrench",
    "UkrainianPassport2007",
    "UkrainianALALC",
)
_IULIIA_SCHEMES = (
    "BGN_PCGN",
    "ISO_9_1954",
    "SCIENTIFIC",
    "GOST_779",
    "ICAO_DOC_9303",
    "MVD_310",
    "MVD_310_FR",
    "WIKIPEDIA",
)


@lru_cache(maxsize=1)
def _romanisers() -> tuple[Callable[[str], str], ...]:
    out: list[Callable[[str], str]] = [
        lambda text: romanize(text, "uk"),
        lambda text: romanize(text, "ru"),
    ]
    try:
        import translitua
    except ImportError:
        pass
    else:
        for name in _TRANSLITUA_SCHEMES:
            out.append(_with_table(translitua.translit, getattr(translitua, name)))
    try:
        import iuliia  # type: ignore[import-untyped]
    except ImportError:
        pass
    else:
        out.extend(getattr(iuliia, name).translate for name in _IULIIA_SCHEMES)
    return tuple(out)


def _with_table(translit: Callable[..., str], table: object) -> Callable[[str], str]:
    def romanise(text: str) -> str:
        return str(translit(text, table))

    return romanise


def _strip_marks(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize(
        "NFC", "".join(c for c in decomposed if not unicodedata.combining(c))
    )


@st.composite
def _variant(draw: st.DrawFn, place: Place, noise: Noise) -> Variant:
    base = place.name
    if noise == "none":
        return Variant(base, place, noise)
    if noise == "case":
        style = draw(st.sampled_from(("upper", "lower", "title", "swap")))
        return Variant(getattr(base, style if style != "swap" else "swapcase")(), place, noise)
    if noise == "whitespace":
        left = draw(st.sampled_from(("", " ", "  ", "\t", "\u00a0")))
        right = draw(st.sampled_from(("", " ", "\n", "\u00a0 ", "\u200b")))
        return Variant(left + base + right, place, noise)
    if noise == "apostrophe":
        # Only names that lead to this place: a former name may be shared with another.
        marked = [t for t in place.names if "'" in t or "\u2019" in t]
        texts = [t for t in marked if _resolves_to(t, place)] or [base]
        text = draw(st.sampled_from(texts))
        mark = draw(st.sampled_from(_APOSTROPHES))
        return Variant(text.replace("'", mark).replace("\u2019", mark), place, noise)
    if noise == "diacritics":
        return Variant(_strip_marks(base), place, noise)
    if noise == "qualifier":
        parts = [q for q in (place.admin1, place.country) if q]
        if not parts or place.kind is not PlaceKind.CITY:
            return Variant(base, place, noise)
        form = draw(st.sampled_from(("comma", "paren", "both")))
        if form == "comma" and place.admin1:
            return Variant(f"{base}, {place.admin1}", place, noise)
        if form == "paren" and place.country:
            return Variant(f"{base} ({place.country})", place, noise)
        return Variant(f"{base}, {', '.join(parts)}", place, noise)
    if noise == "romanisation":
        cyrillic = [t for t in place.names if any("\u0400" <= c <= "\u04ff" for c in t)]
        if not cyrillic:
            return Variant(base, place, noise)
        text = draw(st.sampled_from(sorted(cyrillic)))
        romanise = draw(st.sampled_from(_romanisers()))
        return Variant(romanise(text), place, noise)
    # typo: one edit inside the name (never the first letter)
    if len(base) < 4:
        return Variant(base, place, noise)
    i = draw(st.integers(1, len(base) - 2))
    op = draw(st.sampled_from(("swap", "drop", "double", "replace")))
    if op == "swap":
        text = base[:i] + base[i + 1] + base[i] + base[i + 2 :]
    elif op == "drop":
        text = base[:i] + base[i + 1 :]
    elif op == "double":
        text = base[:i] + base[i] + base[i:]
    else:
        text = base[:i] + draw(st.sampled_from("aeiouklmnrst")) + base[i + 1 :]
    return Variant(text, place, noise)


def variants(
    place: Place | None = None,
    noise: Sequence[Noise] = EXACT_NOISE,
    *,
    country: str | None = None,
    min_population: int | None = 20_000,
) -> st.SearchStrategy[Variant]:
    """Realistic written forms of a place, each with the place it must resolve to.

    Args:
        place: The place to vary; by default places whose display name resolves to themselves.
        noise: Which noise kinds to draw from (see ``Noise``). ``EXACT_NOISE`` (the default)
            never changes the answer; "diacritics", "romanisation" and "typo" resolve at a
            measured rate (see the project's property suite).
        country: With ``place=None``: only places in this country.
        min_population: With ``place=None``: only places with at least this many people.

    Examples:
        >>> from hypothesis import given, settings
        >>> from toponyms import resolve
        >>> @settings(max_examples=20, database=None, deadline=None)
        ... @given(variants(country="UA", noise=("case", "qualifier")))
        ... def test_noisy_forms_resolve(v):
        ...     assert resolve(v.text).place == v.place
        >>> test_noisy_forms_resolve()
    """
    kinds = tuple(noise)
    if not kinds:
        msg = "noise must name at least one kind"
        raise ValueError(msg)
    source = (
        st.just(place)
        if place is not None
        else places(country, PlaceKind.CITY, min_population).filter(
            lambda p: _resolves_to(p.name, p)
        )
    )
    return st.tuples(source, st.sampled_from(kinds)).flatmap(lambda pk: _variant(*pk))


def non_places() -> st.SearchStrategy[str]:
    """Strings that must not resolve to any place.

    Examples:
        >>> from hypothesis import given, settings
        >>> from toponyms import resolve
        >>> @settings(max_examples=20, database=None, deadline=None)
        ... @given(non_places())
        ... def test_junk_stays_junk(text):
        ...     assert resolve(text) is None
        >>> test_junk_stays_junk()
    """
    numbers = st.integers(0, 10**9).map(str)
    punctuation = st.text(alphabet="-.,;:!?()[]/'\"*#@&%+= ", min_size=1, max_size=8)
    return st.one_of(st.sampled_from(NON_PLACES), numbers, punctuation)
