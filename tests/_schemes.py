"""Published romanisation schemes applied to real Cyrillic names, for the measured-rate tests.

Ukrainian schemes come from ``translitua``, Russian ones from ``iuliia`` (both test-only
dependencies). Samples: Ukrainian places with at least 20,000 people and Russian places with at
least 100,000, each with the Cyrillic name that GeoNames gives in its own language.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable

import toponyms
from toponyms._normalize import ascii_key, cross_key, romanize

UKRAINIAN = (
    "UkrainianKMU",
    "UkrainianBGN",
    "UkrainianALALC",
    "UkrainianISO9",
    "UkrainianGerman",
    "UkrainianFrench",
    "UkrainianPassport2007",
    "UkrainianUNGEGN",
    "UkrainianNational1996",
    "UkrainianBritish",
    "UkrainianGOST1986",
    "UkrainianWWS",
)
RUSSIAN = (
    "BGN_PCGN",
    "ALA_LC",
    "GOST_779",
    "ISO_9_1954",
    "SCIENTIFIC",
    "ICAO_DOC_9303",
    "MVD_310",
    "MVD_310_FR",
    "UNGEGN_1987",
    "WIKIPEDIA",
    "MOSMETRO",
    "BS_2979",
)


def scheme(name: str) -> Callable[[str], str]:
    """The romaniser of a scheme by name."""
    if name.startswith("Ukrainian"):
        import translitua

        table = getattr(translitua, name)
        return lambda text: str(translitua.translit(text, table))
    import iuliia

    schema = getattr(iuliia, name)
    return lambda text: str(schema.translate(text))


def sample(country: str, min_population: int, lang: str) -> list[tuple[str, str]]:
    """(Cyrillic name, place id) for the country's places in the city sample."""
    gaz = toponyms.default_resolver().gazetteer
    out = []
    for where, record in enumerate(gaz.places):
        if record.country != country or record.population < min_population:
            continue
        if record.kind.value != "city":
            continue
        # The place's own-language Cyrillic name: the one that romanises to the display name,
        # else one that meets it at the cross-language key.
        cyrillic = [
            gaz.name_text[row]
            for row in gaz.names_of(where)
            if any("\u0400" <= c <= "\u04ff" for c in gaz.name_text[row])
        ]
        exact = [t for t in cyrillic if ascii_key(romanize(t, lang)) == ascii_key(record.name)]
        close = [t for t in cyrillic if cross_key(romanize(t, lang)) == cross_key(record.name)]
        chosen = sorted(exact) or sorted(close)
        if chosen:
            out.append((chosen[0], record.id))
    return sorted(out)


def rate(name: str, pairs: list[tuple[str, str]]) -> tuple[float, list[tuple[str, str, str]]]:
    """Share of romanised names that resolve to their place, and the misses."""
    romanise = scheme(name)
    misses = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for cyrillic, place_id in pairs:
            text = romanise(cyrillic)
            match = toponyms.resolve(text)
            if match is None or match.place.id != place_id:
                misses.append((text, place_id, match.place.id if match else "-"))
    return 1 - len(misses) / len(pairs), misses
