"""The public records: ``Place`` (a place of the gazetteer) and ``Match`` (why a name resolved).

Both are frozen pydantic models, so they hash, compare by value and cannot be changed by the
caller. They carry no behaviour beyond formatting: lookup lives in the resolver.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from toponyms._kinds import MatchMethod, NameKind, PlaceKind

__all__ = ["Match", "MatchMethod", "NameKind", "Place", "PlaceKind"]


_MODEL = ConfigDict(frozen=True, extra="forbid", use_enum_values=False)


class Place(BaseModel):
    """A place of the gazetteer.

    Examples:
        >>> from toponyms import resolve
        >>> place = resolve("Kyiv").place
        >>> place.name, place.country, place.kind.value, place.geonames_id
        ('Kyiv', 'UA', 'city', 703448)
    """

    model_config = _MODEL

    id: str = Field(description="Stable identifier: 'gn:<GeoNames id>', or 'tp:<slug>'.")
    """Stable identifier: ``gn:<GeoNames id>`` for GeoNames records, ``tp:<slug>`` otherwise."""
    name: str = Field(description="The current official name, in English or national romanisation.")
    """The display name: the current official name (KMU 2010 romanisation for Ukraine)."""
    kind: PlaceKind = Field(description="country, region, city or area.")
    """What sort of place this is."""
    country: str | None = Field(description="ISO 3166-1 alpha-2 code, upper case.")
    """ISO 3166-1 alpha-2 code of the country the place is in. For a sovereign state, its own
    code; for a dependent territory or special region, its sovereign's ("CN" for Hong Kong,
    whose own code is in ``code``); for a former state, its former alpha-2 code ("SU")."""
    admin1: str | None = Field(description="Display name of the first-level subdivision.")
    """Name of the first-level subdivision the place is in ("Donetsk Oblast"), if known."""
    admin1_code: str | None = Field(description="GeoNames admin-1 code, 'UA.05'.")
    """GeoNames code of that subdivision, ``<country>.<code>`` ("UA.05"), if known."""
    lat: float | None = Field(description="Latitude, WGS 84 degrees.")
    """Latitude in decimal degrees (WGS 84)."""
    lon: float | None = Field(description="Longitude, WGS 84 degrees.")
    """Longitude in decimal degrees (WGS 84)."""
    population: int = Field(description="Population from GeoNames; 0 when unknown.")
    """Population as recorded by GeoNames (0 when unknown)."""
    geonames_id: int | None = Field(description="GeoNames id, or None for curated places.")
    """The GeoNames record id, or ``None`` for places the curated table adds."""
    names: tuple[str, ...] = Field(description="Every known name, display name first.")
    """Every known name of the place, the display name first, then sorted."""
    code: str | None = Field(default=None, description="ISO code of the record itself.")
    """The record's own ISO code: 3166-1 alpha-2 for a country or territory ("HK"), 3166-3 for
    a former state ("SUHH"), 3166-2 for a subdivision or constituent country ("UA-14",
    "GB-ENG"); ``None`` for populated places and where there is none."""
    valid_to: str | None = Field(default=None, description="End date of a former state.")
    """The date (ISO 8601, or a year) a former state ceased to exist; ``None`` otherwise."""
    successors: tuple[str, ...] = Field(default=(), description="Ids of successor states.")
    """Ids of the places that succeeded a former state (empty otherwise); see
    ``toponyms.successors_of`` for the places themselves."""
    alpha3: str | None = Field(default=None, description="ISO 3166-1 alpha-3 code.")
    """A country's or territory's ISO 3166-1 alpha-3 code ("UKR"); ``None`` for other places
    (source: the GeoNames country table)."""
    numeric: str | None = Field(default=None, description="ISO 3166-1 numeric code.")
    """A country's or territory's ISO 3166-1 numeric code, three digits ("804")."""
    continent: str | None = Field(default=None, description="Continent of a country.")
    """A country's continent, one of GeoNames' seven ("Europe", "North America", ...)."""
    region: str | None = Field(default=None, description="UN M49 sub-region of a country.")
    """A country's UN M49 sub-region ("Eastern Europe"); ``None`` for former states."""
    names_by_language: tuple[tuple[str, str], ...] = Field(
        default=(), description="(language, name) pairs."
    )
    """Names of the place tagged with a language, ``(ISO 639 code, name)`` pairs: Unicode CLDR
    names of countries and territories in 12 languages, the Ukrainian name of Ukrainian places
    (GeoNames); empty where none is known."""

    def name_in(self, lang: str) -> str | None:
        """The place's name in a language (ISO 639 code), or ``None`` when none is known.

        Examples:
            >>> from toponyms import resolve
            >>> germany = resolve("Germany").place
            >>> germany.name_in("de"), germany.name_in("uk"), germany.name_in("xx")
            ('Deutschland', 'Німеччина', None)
        """
        wanted = lang.casefold()
        return next((name for code, name in self.names_by_language if code == wanted), None)

    def __str__(self) -> str:
        parts = [self.name]
        if self.admin1 and self.kind is not PlaceKind.REGION:
            parts.append(self.admin1)
        if self.country and self.kind is not PlaceKind.COUNTRY:
            parts.append(self.country)
        return ", ".join(parts)


class Match(BaseModel):
    """A place together with the evidence that a text names it.

    ``score`` is 0-100: 100 for an exact or alias match; 85-99 for a match through
    transliteration and romanisation folding (higher when the folded forms agree more
    closely); below that for fuzzy matches, where it is the similarity of the match keys.
    """

    model_config = _MODEL

    place: Place = Field(description="The place the text was resolved to.")
    """The place the text was resolved to."""
    query: str = Field(description="The text as given.")
    """The text as the caller gave it."""
    matched: str = Field(description="The name in the table that matched.")
    """The name in the table that was recognised ("Krasnoarmeysk")."""
    method: MatchMethod = Field(description="exact, alias, normalized or fuzzy.")
    """How the name was recognised."""
    score: float = Field(ge=0, le=100, description="Confidence, 0-100.")
    """Confidence from 0 to 100 (see the class docstring)."""
    ambiguous: bool = Field(description="True when another place is about as likely.")
    """True when another place is about as likely; ``candidates()`` lists them."""
    name_kind: NameKind = Field(description="What sort of name matched.")
    """What sort of name ``matched`` is (official, former, russian, ...)."""
    source: str = Field(description="Where the matched name comes from.")
    """Key of the source of the matched name (``geonames`` or a key of data/SOURCES.tsv)."""

    def __str__(self) -> str:
        flag = " (ambiguous)" if self.ambiguous else ""
        return (
            f"{self.query!r} -> {self.place} [{self.method.value} {self.score:g}"
            f" via {self.matched!r}]{flag}"
        )
