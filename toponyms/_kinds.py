"""The kinds of places, names and matches: plain string enumerations.

Apart from ``_models`` so that code which only needs a kind (the command line's choices) does not
import pydantic.
"""

from __future__ import annotations

from enum import StrEnum


class PlaceKind(StrEnum):
    """What sort of place a record is."""

    COUNTRY = "country"
    """A sovereign state, a territory with its own ISO 3166-1 code, a constituent country or
    special region (England, Hong Kong, Zanzibar), or a former state (USSR, Yugoslavia)."""
    REGION = "region"
    """A first-level subdivision (oblast, federal subject, state, province, ...)."""
    CITY = "city"
    """A populated place: city, town, village or settlement."""
    AREA = "area"
    """A named geographic or historical region that is not an administrative unit (Donbas)."""


class NameKind(StrEnum):
    """What sort of name a name of a place is."""

    OFFICIAL = "official"
    """The current official name (in any language or romanisation of it)."""
    FORMER = "former"
    """A name the place had before a rename."""
    RUSSIAN = "russian"
    """The Russian-language form, where it differs from the official one."""
    EXONYM = "exonym"
    """A name used in another language (Kiew, Lemberg, Charkiw)."""
    ROMANISATION = "romanisation"
    """A romanisation of a Cyrillic name under a published or customary scheme."""
    COLLOQUIAL = "colloquial"
    """An informal or journalistic name."""
    ABBREVIATION = "abbreviation"
    """A short form (UK, UAE, DRC)."""
    CODE = "code"
    """An ISO code: 3166-1 alpha-2, alpha-3 or numeric, 3166-3, or 3166-2 (UA-14)."""
    POLITICAL = "political"
    """A name of a political claim or an occupation regime, not of the place's own
    administration (DNR and LNR for the occupied parts of Donetsk and Luhansk oblasts)."""
    ALTERNATE = "alternate"
    """An alternate name from GeoNames that the curated table does not classify."""


class MatchMethod(StrEnum):
    """How a name was recognised, from the most to the least certain."""

    EXACT = "exact"
    """The text is the place's own current name (case and Unicode noise aside)."""
    ALIAS = "alias"
    """The text is another known name of the place (former, foreign, Russian, ...)."""
    NORMALIZED = "normalized"
    """The text meets a known name after transliteration and romanisation folding."""
    FUZZY = "fuzzy"
    """The text is close to a known name (a typo or an unlisted spelling)."""
