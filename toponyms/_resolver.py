"""Resolution: qualifiers to hints, candidate tiers, ranking, ambiguity and caching.

``Resolver`` is the configurable object behind the module-level ``resolve()``, ``candidates()``
and ``resolve_many()``. It reads nothing but a ``Gazetteer`` and the pure normaliser.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from rapidfuzz.distance import Levenshtein

from toponyms import _lazy, _store
from toponyms._errors import (
    AmbiguousPlaceError,
    InvalidHintError,
    InvalidNameError,
    PlaceNotFoundError,
)
from toponyms._gazetteer import Gazetteer, PlaceRecord, postings
from toponyms._lazy import once
from toponyms._matcher import FuzzyIndex
from toponyms._models import Match, MatchMethod, Place, PlaceKind
from toponyms._normalize import ascii_key, clean, exact_key, keys, repair_mojibake
from toponyms._normalize import match_key as _match_key

#: Longest text accepted as a place name (longer input is an error, not a name).
MAX_LENGTH = 1_000
#: Keys shorter than this are matched exactly or not at all.
MIN_NORMALIZED_KEY = 5
#: Keys shorter than this are matched at the ASCII and romanisation levels only.
SHORT_KEY = 7
#: Default lowest score a normalized or fuzzy match needs to be returned by ``resolve``.
DEFAULT_MIN_SCORE = 88.0
#: A normalized (folded-key) hit whose ASCII form is less similar than this to the text is no
#: hit: folding collapses "aaaaa" and "Aja" to one key, but nobody writes one for the other.
#: Measured on tests/eval: correct folded hits are at 0.37 and above (one, Mhailyow for
#: Mahilyow), 97% at 0.85 and above; junk letter strings met folded keys at 0.0-0.45.
FOLDED_MIN_SIMILARITY = 0.45
#: A runner-up at least this share of the winner's population (same tier, close score) makes
#: the match ambiguous.
AMBIGUOUS_POPULATION_SHARE = 1 / 2
#: ... and within this many score points.
AMBIGUOUS_SCORE_GAP = 3.0

# Settlement-type words written before a name: they say "a populated place" and are dropped.
# м. (місто), г. (город), с. (село), смт / пгт (urban-type settlement), сел. (селище).
_SETTLEMENT_PREFIX = re.compile(
    r"^(?:м\.|г\.|с\.|сел\.|смт\.?|пгт\.?|місто|город|село|селище|"
    r"city of|town of|village of)\s*",
    re.IGNORECASE,
)
# Words that only say "first-level subdivision" in a qualifier ("Donetsk region").
_REGION_WORDS = re.compile(
    r"\s*(?:\b(?:region|oblast|obl\.?|province|state)|область|обл\.|регион|регіон)$",
    re.IGNORECASE,
)
_BRACKETS = re.compile(r"^(?P<head>.+?)\s*\[(?P<other>[^\[\]]+)\]$")
_PARENS = re.compile(r"^(?P<head>.+?)\s*\((?P<other>[^()]+)\)$")
_TRAILING_CODE = re.compile(r"^(?P<head>.+?)\s+(?P<code>[A-Z]{2})$")
# Country names as statistical publishers invert them: "Armenia, Rep. of", "Gambia, The",
# "Congo, Dem. Rep. of the"; and with a leading article: "the Gambia".
# Only words that tell no two countries apart are dropped: "Democratic" and "People's" do
# ("Congo, Democratic Republic of the" is not Congo, "Korea, Dem. Rep." is not Korea).
_DESIGNATION = (
    r"the|of|rep\.?|republic|islamic|arab|fed\.?|federal|federative|sts\.?|states|united"
    r"|kingdom|principality|grand duchy|sultanate|state|plurinational|bolivarian|socialist"
    r"|sar|special administrative region|commonwealth|union|islands"
)
_INVERTED = re.compile(rf"^(?P<head>[^,]+?),\s*(?:(?:{_DESIGNATION})\s*)+$", re.IGNORECASE)
_ARTICLE = re.compile(r"^the\s+(?P<rest>.+)$", re.IGNORECASE)
#: Order of kinds when tier, score and population tie ("Zaire": the former state first).
_KIND_RANK = {PlaceKind.COUNTRY: 0, PlaceKind.REGION: 1, PlaceKind.AREA: 2, PlaceKind.CITY: 3}

#: Tiers tried over all readings before the next: every reading's name and key matches come
#: before any reading's fuzzy neighbours ("Armenia, Rep. of" is Armenia, not a typo of a town).
_PASSES = ((0, 2), (3,))
#: Stands for "some first-level subdivision" in a constraint ("Georgia (US state)").
ANY_REGION = "*"

_TIER_METHOD = (MatchMethod.EXACT, MatchMethod.ALIAS, MatchMethod.NORMALIZED, MatchMethod.FUZZY)


@dataclass(frozen=True, slots=True)
class _Constraint:
    """One reading of a qualifier: a country, or a first-level subdivision."""

    country: str | None = None
    admin1: str | None = None


class Fields(NamedTuple):
    """The result columns of a match, as plain values (see ``Resolver._fields``)."""

    name: str
    country: str | None
    admin1: str | None
    geonames_id: int | None
    method: str
    score: float
    lat: float | None
    lon: float | None
    id: str


class _Reading(NamedTuple):
    """One way to read a text."""

    names: list[str]
    """Names of one place (two for the bracket form "A [B]")."""
    constraints: list[_Constraint] | None
    """What the text's qualifiers allow (``None``: anything)."""
    kind: str | None
    """The kind of place the reading implies ("м. Київ": a city; "the Gambia": a country)."""
    all_words: bool = False
    """Keys must account for every word: the text as written, when it carries a qualifier,
    may match "Korea, South" or "Virgin Islands, U.S.", but not through a key of its head
    alone that swallows the qualifier ("Blagodarnoje, UA" is not Blagodarnyy in Russia)."""


@dataclass(slots=True)
class _Hit:
    """The best evidence found for one place."""

    where: int
    tier: int
    score: float
    row: int


def _check_text(name: object) -> str:
    if not isinstance(name, str):
        msg = f"a place name must be a str, not {type(name).__name__}: {name!r}"
        raise InvalidNameError(msg, name)
    if len(name) > MAX_LENGTH:
        msg = f"a place name is at most {MAX_LENGTH} characters, got {len(name)}: {name[:40]!r}..."
        raise InvalidNameError(msg, name)
    return name


class Resolver:
    """Resolve place names against a gazetteer.

    Args:
        data_dir: A folder with the tables of ``data/`` to use instead of the embedded data.
        min_score: Lowest score a fuzzy match needs (exact, alias and normalized matches always
            score 85 or more).
        fuzzy: Whether to fall back to fuzzy matching when no key matches.
        cache_size: How many distinct queries to remember.

    Examples:
        >>> from toponyms import Resolver
        >>> resolver = Resolver()
        >>> resolver.resolve("Dimitrov").place.name
        'Myrnohrad'
    """

    def __init__(
        self,
        data_dir: str | Path | None = None,
        *,
        min_score: float = DEFAULT_MIN_SCORE,
        fuzzy: bool = True,
        cache_size: int = 65_536,
    ) -> None:
        self._data_dir = None if data_dir is None else Path(data_dir)
        self.min_score = float(min_score)
        self.fuzzy = fuzzy
        self._cache_size = cache_size
        self._cached_resolve = lru_cache(maxsize=cache_size)(self._resolve_one)

    def __reduce__(self) -> tuple[object, tuple[object, ...]]:
        """Pickle as a reference to the data and the settings, never as the loaded indexes.

        Unpickled in another process (a Dask or Spark worker), it is that process's one
        resolver for these settings, loaded at most once for the process's lifetime.
        """
        data_dir = None if self._data_dir is None else str(self._data_dir)
        return (shared_resolver, (data_dir, self.min_score, self.fuzzy, self._cache_size))

    # -- data --------------------------------------------------------------------------------

    @property
    def loaded(self) -> bool:
        """Whether this resolver's data is loaded in this process (it loads on first use)."""
        return "gazetteer" in self.__dict__

    @once
    def gazetteer(self) -> Gazetteer:
        """The gazetteer this resolver reads (loaded on first use)."""
        return _store.gazetteer(self._data_dir)

    def _load_all(self) -> None:
        """Build everything that is otherwise built on first use (before a fork shares it)."""
        self._fuzzy()
        self._qualifier_index()

    @once
    def _fuzzy_index(self) -> FuzzyIndex:
        return FuzzyIndex(self.gazetteer)

    def _fuzzy(self) -> FuzzyIndex:
        return self._fuzzy_index

    def place(self, place_id: str) -> Place | None:
        """The place with this id, or ``None``.

        Examples:
            >>> Resolver().place("gn:704422").name
            'Pokrovsk'
        """
        where = self.gazetteer.by_id.get(place_id)
        return None if where is None else self.gazetteer.place(where)

    # -- qualifiers --------------------------------------------------------------------------

    @once
    def _qualifiers(self) -> dict[str, tuple[_Constraint, ...]]:
        return {
            key: tuple(_Constraint(country, admin1) for country, admin1 in pairs)
            for key, pairs in self.gazetteer.qualifiers.items()
        }

    def _qualifier_index(self) -> dict[str, tuple[_Constraint, ...]]:
        return self._qualifiers

    def _parse_qualifier(self, text: str) -> list[_Constraint]:
        index = self._qualifier_index()
        key = exact_key(text)
        found = index.get(key)
        if found:
            return list(found)
        stripped = _REGION_WORDS.sub("", text).strip()
        if stripped and stripped != text:
            found = index.get(exact_key(stripped), ())
            regions = [c for c in found if c.admin1]
            if regions:
                return regions
            # "US state", "Russian region": some first-level subdivision of that country.
            return [_Constraint(c.country, ANY_REGION) for c in found if c.country]
        return []

    def _hint_constraints(
        self, country: str | None, admin1: str | None
    ) -> list[_Constraint] | None:
        """Turn the caller's hints into constraints (None: no constraint)."""
        result: list[_Constraint] | None = None
        if country is not None:
            parsed = self._parse_qualifier(country)
            readings = [c for c in parsed if c.admin1 is None] or [
                # A constituent country (England) is a country with an admin-1 code.
                c
                for c in parsed
                if c.admin1 in self.gazetteer.region_by_code
                and self.gazetteer.places[self.gazetteer.region_by_code[c.admin1]].kind
                is PlaceKind.COUNTRY
            ]
            if not readings:
                # An unknown country is a mistake to report, not a filter that matches nothing.
                raise InvalidHintError(
                    hint="country", value=country, expected="a country code or name"
                )
            result = readings
        if admin1 is not None:
            regions = [c for c in self._parse_qualifier(admin1) if c.admin1]
            if not regions:
                raise InvalidHintError(
                    hint="admin1", value=admin1, expected="a first-level subdivision name or code"
                )
            if result is not None:
                allowed = {c.country for c in result}
                regions = [c for c in regions if c.country in allowed]
            result = regions
        return result

    # -- candidate tiers ---------------------------------------------------------------------

    def _key_hits(
        self,
        name: str,
        tier: int,
        *,
        strict: bool = True,
        numeric_codes: bool = False,
        all_words: bool = False,
        floor: float | None = None,
    ) -> dict[int, _Hit]:
        """Hits of one tier: 0-1 exact/alias, 2 normalized, 3 fuzzy (at least ``floor``)."""
        gaz = self.gazetteer
        hits: dict[int, _Hit] = {}

        def offer(row: int, hit_tier: int, score: float) -> None:
            where = gaz.name_place[row]
            old = hits.get(where)
            if old is None or (hit_tier, -score) < (old.tier, -old.score):
                hits[where] = _Hit(where, hit_tier, score, row)

        if tier == 0:
            # Codes are matched as written: "UK" and "DNR" here, "uk" (a word) below. Numeric
            # codes ("804") only when a country is asked for.
            if numeric_codes or not name.isdigit():
                for row in postings(gaz.codes, name):
                    offer(row, 0, 100.0)
            # The place's current name and curated names rank first; GeoNames alternates next.
            for row in postings(gaz.exact, exact_key(name)):
                first = gaz.is_curated(row) or gaz.is_display_name(row)
                offer(row, 0 if first else 1, 100.0)
        elif tier == 2:
            _e, a_key, m_key, c_key = keys(name)
            if len(a_key) < MIN_NORMALIZED_KEY:
                return hits  # "June" would meet "Un'e": very short names match exactly or not
            # Short names meet too many others at the cross-language level ("None" and
            # "Nuino" share one): below SHORT_KEY letters only the ASCII and romanisation
            # keys count.
            wanted = (a_key, m_key) if len(a_key) < SHORT_KEY else (a_key, m_key, c_key)
            words = _word_count(name) if all_words else 0
            for key in dict.fromkeys(wanted):
                for row in postings(gaz.fold, key):
                    if words and _word_count(gaz.name_text[row]) < words:
                        continue
                    other = ascii_key(gaz.name_text[row])
                    similarity = Levenshtein.normalized_similarity(a_key, other)
                    if similarity >= FOLDED_MIN_SIMILARITY:
                        offer(row, 2, round(85.0 + 14.0 * similarity, 1))
        elif tier == 3 and self.fuzzy:
            words = _word_count(name)
            found = self._fuzzy().search(name, limit=25, strict=strict, floor=floor)
            for row, score in found:
                # A typo does not add or remove a word: "Oleksandr Syrskyi" (a person) is not
                # "Oleksandrivskyi" (a village).
                if strict and _word_count(gaz.name_text[row]) != words:
                    continue
                offer(row, 3, score)
        return hits

    def _allowed(
        self, record: PlaceRecord, constraints: list[_Constraint] | None, kind: str | None
    ) -> bool:
        if kind is not None and record.kind.value != kind:
            return False
        if constraints is None:
            return True
        # A country hint names a country by its code: a territory's own ("HK") or its
        # sovereign's ("CN" admits Kowloon, whose country code is HK).
        own = record.code if record.kind is PlaceKind.COUNTRY else None
        sovereign = self.gazetteer.sovereign.get(record.country or "")
        for c in constraints:
            if c.country is not None and c.country not in (record.country, own, sovereign):
                continue
            if c.admin1 is None:
                return True
            if c.admin1 == ANY_REGION:
                if record.admin1_code and record.kind is not PlaceKind.CITY:
                    return True
            elif record.admin1_code == c.admin1:
                return True
        return False

    def _rank(
        self,
        name: str,
        constraints: list[_Constraint] | None,
        kind: str | None,
        *,
        exhaustive: bool = False,
        stages: tuple[int, ...] = (0, 2, 3),
        numeric_codes: bool = False,
        all_words: bool = False,
        floor: float | None = None,
    ) -> list[_Hit]:
        """Hits for a name, best first; stops at the first tier with a survivor unless asked."""
        gaz = self.gazetteer
        ranked: list[_Hit] = []
        seen: set[int] = set()
        for stage in stages:
            hits = [
                h
                for h in self._key_hits(
                    name,
                    stage,
                    strict=not exhaustive,
                    numeric_codes=numeric_codes,
                    all_words=all_words,
                    floor=floor,
                ).values()
                if h.where not in seen and self._allowed(gaz.places[h.where], constraints, kind)
            ]
            hits.sort(
                key=lambda h: (
                    h.tier,
                    -h.score,
                    -gaz.places[h.where].population,
                    _KIND_RANK[gaz.places[h.where].kind],
                    gaz.places[h.where].id,
                )
            )
            ranked.extend(hits)
            seen.update(h.where for h in hits)
            if ranked and not exhaustive:
                break
        return ranked

    def _is_close(self, best: _Hit, other: _Hit) -> bool:
        if other.tier != best.tier or other.score < best.score - AMBIGUOUS_SCORE_GAP:
            return False
        a, b = self.gazetteer.places[best.where], self.gazetteer.places[other.where]
        # A territory and a place inside it (Hong Kong the region, Hong Kong the city) are not
        # rivals: either answers "which Hong Kong".
        for outer, inner in ((a, b), (b, a)):
            if outer.kind is PlaceKind.COUNTRY and outer.code and inner.country == outer.code:
                return False
        return b.population >= a.population * AMBIGUOUS_POPULATION_SHARE

    def _method(self, hit: _Hit) -> MatchMethod:
        if hit.tier <= 1:
            exact = self.gazetteer.is_display_name(hit.row)
            return MatchMethod.EXACT if exact else MatchMethod.ALIAS
        return _TIER_METHOD[hit.tier]

    def _match(self, query: str, hit: _Hit, ambiguous: bool) -> Match:
        gaz = self.gazetteer
        method = self._method(hit)
        return Match.model_construct(
            place=gaz.place(hit.where),
            query=query,
            matched=gaz.name_text[hit.row],
            method=method,
            score=hit.score,
            ambiguous=ambiguous,
            name_kind=gaz.name_kind_of(hit.row),
            source=gaz.name_source[hit.row],
        )

    # -- parsing -----------------------------------------------------------------------------

    def _readings(self, text: str) -> list[_Reading]:
        """Ways to read a text, in order of preference."""
        readings: list[_Reading] = []
        kind: str | None = None
        body = text
        prefix = _SETTLEMENT_PREFIX.match(body)
        if prefix and prefix.end() < len(body):
            body = body[prefix.end() :]
            kind = PlaceKind.CITY.value
        names = [body]
        constraints: list[_Constraint] | None = None
        bracket = _BRACKETS.match(body)
        if bracket:
            names = [bracket["head"], bracket["other"]]
        else:
            paren = _PARENS.match(body)
            if paren:
                found = self._parse_qualifier(paren["other"])
                if found:
                    names, constraints = [paren["head"]], found
                else:
                    names = [paren["head"], paren["other"]]
        later: list[_Reading] = []
        if "," in names[0]:
            parts = [part.strip() for part in names[0].split(",")]
            head = parts[0]
            # Each part after the first, parsed once (an empty part parses to nothing).
            parsed = [self._parse_qualifier(q) if q else [] for q in parts[1:]]
            found_all: list[list[_Constraint]] = [r for r in parsed if r]
            # A name may hold commas itself ("Mianzhu, Deyang, Sichuan"): each longer head
            # whose remaining parts are all qualifiers is a reading too.
            for cut in range(2, len(parts)):
                groups = parsed[cut - 1 :]
                if all(groups):
                    longer = ", ".join(parts[:cut])
                    later.append(
                        _Reading([longer, *names[1:]], _combine(constraints, groups), kind)
                    )
            if head and found_all:
                names = [head, *names[1:]]
                constraints = _combine(constraints, found_all)
        else:
            code = _TRAILING_CODE.match(names[0])
            if code and len(names) == 1:
                found = self._parse_qualifier(code["code"])
                if found:
                    readings.append(_Reading([code["head"]], _combine(constraints, [found]), kind))
        if names != [text] or constraints is not None or kind is not None:
            readings.insert(0, _Reading(names, constraints, kind))
        readings += later
        qualified = any(r.constraints is not None for r in readings)
        readings.append(_Reading([text], None, None, all_words=qualified))
        # "Donetsk Region", "Донецкая обл.": a first-level subdivision. "Oblast" is Ukrainian
        # and Russian for "region": "Kyiv Region" is Kyiv Oblast, not the city of Kyiv.
        stem = _REGION_WORDS.sub("", text).strip()
        if stem and stem != text and constraints is None:
            region = PlaceKind.REGION.value
            readings += [_Reading([f"{stem} Oblast"], None, region), _Reading([stem], None, region)]
        country = PlaceKind.COUNTRY.value
        for pattern, group in ((_INVERTED, "head"), (_ARTICLE, "rest")):
            found_name = pattern.match(text)
            if found_name:
                readings.append(_Reading([found_name[group]], None, country))
        return readings

    # -- public operations -------------------------------------------------------------------

    def _all_readings(self, texts: list[str]) -> list[_Reading]:
        return [reading for text in texts for reading in self._readings(text)]

    def _resolve_uncached(
        self,
        texts: list[str],
        country: str | None,
        kind: str | None,
        admin1: str | None,
        floor: float | None = None,
    ) -> tuple[tuple[_Hit, ...], bool] | None:
        hint = self._hint_constraints(country, admin1)
        readings = self._all_readings(texts)
        # The floor spares the fuzzy search neighbours too weak to be returned or to make the
        # winner ambiguous. With a single reading of a single name that changes nothing; with
        # more, a reading's weak neighbours still count (they stop the search at that reading,
        # and the second name of "A [B]" that has only weak ones still disagrees), so the
        # search there gets no floor.
        if len(readings) != 1 or len(readings[0].names) != 1:
            floor = None
        # A name found by its keys under any reading beats a fuzzy neighbour under an earlier
        # one: "Korea, Dem. People's Rep." is a name as written, "Armenia, Rep. of" is Armenia.
        for stages in _PASSES:
            found = self._first_reading(readings, hint, kind, stages, floor=floor)
            if found is not None:
                return found[1]
        return None

    def _usable(
        self, reading: _Reading, hint: list[_Constraint] | None, kind: str | None
    ) -> tuple[list[_Constraint] | None, str | None] | None:
        """The constraints and kind to search a reading with, or ``None`` if it cannot apply."""
        merged = _intersect(hint, reading.constraints)
        if merged is not None and not merged:
            return None
        if kind is not None and reading.kind is not None and kind != reading.kind:
            return None  # "the Gambia" is read as a country, not as a city
        return merged, kind if kind is not None else reading.kind

    def _first_reading(
        self,
        readings: list[_Reading],
        hint: list[_Constraint] | None,
        kind: str | None,
        stages: tuple[int, ...],
        *,
        floor: float | None = None,
    ) -> tuple[_Reading, tuple[tuple[_Hit, ...], bool]] | None:
        """The first reading with hits at these stages, and its hits."""
        # Numeric codes need the caller's kind="country": a reading's own kind ("the 100") is
        # no such request.
        numeric = kind == PlaceKind.COUNTRY.value
        for reading in readings:
            usable = self._usable(reading, hint, kind)
            if usable is None:
                continue
            merged, want_kind = usable
            # One ranking per name: two for the bracket form "A [B]".
            per_name = [
                self._rank(
                    part,
                    merged,
                    want_kind,
                    stages=stages,
                    numeric_codes=numeric,
                    all_words=reading.all_words,
                    floor=floor,
                )
                for part in reading.names
            ]
            ranked = per_name[0]
            if len(per_name) > 1:
                other = per_name[1]
                if not ranked or not other:
                    ranked = ranked or other
                elif ranked[0].where != other[0].where:
                    common = {h.where for h in other}
                    shared = [h for h in ranked if h.where in common]
                    if shared:
                        return reading, ((shared[0], *ranked), False)
                    return reading, (tuple(ranked), True)
            if ranked:
                return reading, (tuple(ranked), False)
        return None

    def _check_hints(
        self,
        *,
        country: object = None,
        kind: object = None,
        admin1: object = None,
        min_score: object = None,
    ) -> None:
        """Raise ``InvalidHintError`` (or ``InvalidNameError`` for a non-string) for a bad hint.

        For adapters that take hints once for many names (the command line, a column): the
        same checks that ``resolve`` makes, done before the first row.
        """
        self._hint_constraints(_opt_str(country, "country"), _opt_str(admin1, "admin1"))
        self._normalize_kind(kind)  # type: ignore[arg-type]
        _check_min_score(min_score)

    def _normalize_kind(self, kind: str | PlaceKind | None) -> str | None:
        if kind is None:
            return None
        try:
            return PlaceKind(kind).value
        except (ValueError, TypeError):
            expected = "one of " + ", ".join(k.value for k in PlaceKind)
            raise InvalidHintError(hint="kind", value=kind, expected=expected) from None

    def resolve(
        self,
        name: str,
        *,
        country: str | None = None,
        kind: str | PlaceKind | None = None,
        admin1: str | None = None,
        min_score: float | None = None,
    ) -> Match | None:
        """Resolve a name to the one place it most likely means.

        Args:
            name: Any written form of a place name, optionally qualified ("Pokrovsk, Donetsk
                Oblast", "Kyiv, UA", "Krasnoarmeysk [Pokrovsk]").
            country: Only places in this country (ISO alpha-2 code or a country name).
            kind: Only places of this kind ("city", "region", "country", "area").
            admin1: Only places in this first-level subdivision (name or GeoNames code).
            min_score: Lowest score for a fuzzy match (default: the resolver's ``min_score``).

        Returns:
            The best match, or ``None`` when nothing fits (empty text, unknown name, or only
            fuzzy neighbours below ``min_score``).

        Raises:
            InvalidNameError: ``name`` is not a ``str`` or is longer than 1,000 characters.

        Examples:
            >>> from toponyms import resolve
            >>> m = resolve("Krasnoarmeysk")
            >>> m.place.name, m.place.admin1, m.matched, m.method.value
            ('Pokrovsk', 'Donetsk Oblast', 'Krasnoarmeysk', 'alias')
            >>> resolve("Pokrovsk", country="RU").place.country
            'RU'
            >>> resolve("") is None
            True
        """
        if type(name) is not str:
            _check_text(name)
        for hint, what in ((country, "country"), (admin1, "admin1")):
            if hint is not None and type(hint) is not str:
                _opt_str(hint, what)
        return self._cached_resolve(name, country, kind, admin1, min_score)

    def _resolve_one(
        self,
        name: str,
        country: str | None,
        kind: str | PlaceKind | None,
        admin1: str | None,
        min_score: float | None,
    ) -> Match | None:
        found = self._decide(name, country, kind, admin1, min_score)
        return None if found is None else self._match(name, *found)

    def _decide(
        self,
        name: str,
        country: str | None,
        kind: str | PlaceKind | None,
        admin1: str | None,
        min_score: float | None,
    ) -> tuple[_Hit, bool] | None:
        """The winning hit for a name and whether it is ambiguous (``None``: no match)."""
        texts = _texts(_check_text(name))
        text = texts[-1]
        want = self._normalize_kind(kind)
        # Empty, numbers, punctuation: never a place name, except an ISO 3166-1 numeric code
        # ("804") when a country is asked for.
        numeric_code = want == PlaceKind.COUNTRY.value and text.isdigit() and len(text) == 3
        if not numeric_code and not any(ch.isalpha() for ch in text):
            return None
        floor = self.min_score if min_score is None else float(min_score)
        # A fuzzy neighbour that cannot be returned (below the floor) nor make the winner
        # ambiguous (a gap below the floor) is not searched for at all.
        found = self._resolve_uncached(
            texts,
            _opt_str(country, "country"),
            want,
            _opt_str(admin1, "admin1"),
            floor - AMBIGUOUS_SCORE_GAP,
        )
        if found is None:
            return None
        hits, disagree = found
        best = hits[0]
        # min_score governs every tier but names matched as written (exact and alias).
        if best.tier >= 2 and best.score < floor:
            return None
        ambiguous = disagree or any(
            self._is_close(best, other) for other in hits[1:] if other.where != best.where
        )
        return best, ambiguous

    def _fields(
        self,
        name: str,
        *,
        country: str | None = None,
        kind: str | PlaceKind | None = None,
        admin1: str | None = None,
        min_score: float | None = None,
    ) -> Fields | None:
        """What ``resolve`` finds, as the plain values of the result columns, or ``None``.

        For the column adapters (``normalize``, ``resolve_series``): the same decision as
        ``resolve`` without building the ``Match`` and ``Place`` models. Unusable text (not a
        string, too long) and a hint that names nothing known give ``None`` here rather than an
        error: in a column, one bad cell is one unresolved row.
        """
        if type(name) is not str or len(name) > MAX_LENGTH:
            return None
        try:
            found = self._decide(name, country, kind, admin1, min_score)
        except InvalidHintError:
            return None
        if found is None:
            return None
        hit = found[0]
        gaz = self.gazetteer
        record = gaz.places[hit.where]
        return Fields(
            record.name,
            record.country,
            gaz.admin1_name(record),
            record.geonames_id,
            self._method(hit).value,
            hit.score,
            record.lat,
            record.lon,
            record.id,
        )

    def lookup(
        self,
        name: str,
        *,
        country: str | None = None,
        kind: str | PlaceKind | None = None,
        admin1: str | None = None,
    ) -> Match:
        """Resolve a name or raise: like ``resolve`` but never returns ``None``.

        Raises:
            PlaceNotFoundError: nothing matches (``.closest`` lists the nearest candidates).
            AmbiguousPlaceError: several places are about as likely (``.candidates``).
            InvalidNameError: ``name`` is not usable text.

        Examples:
            >>> Resolver().lookup("Kiev").place.name
            'Kyiv'
        """
        match = self.resolve(name, country=country, kind=kind, admin1=admin1)
        if match is None:
            closest = self.candidates(name, limit=3, country=country, kind=kind, admin1=admin1)
            raise PlaceNotFoundError(name, closest)
        if match.ambiguous:
            found = self.candidates(name, limit=10, country=country, kind=kind, admin1=admin1)
            close = [m for m in found if m.ambiguous]
            if len(close) >= 2:
                raise AmbiguousPlaceError(name, close)
        return match

    def candidates(
        self,
        name: str,
        *,
        limit: int = 5,
        country: str | None = None,
        kind: str | PlaceKind | None = None,
        admin1: str | None = None,
        min_score: float | None = None,
    ) -> list[Match]:
        """Rank the places a name may mean, fuzzy neighbours included, best first.

        Unlike ``resolve`` this applies no score floor unless ``min_score`` is given, so it
        shows why a name did or did not resolve. Matches flagged ``ambiguous`` are about as
        likely as the first.

        Examples:
            >>> from toponyms import candidates
            >>> [(m.place.country, m.place.population > 50_000) for m in candidates("Pokrovsk")][:2]
            [('UA', True), ('RU', False)]
        """
        texts = _texts(_check_text(name))
        if not texts[-1] or limit <= 0:
            return []
        hint = self._hint_constraints(_opt_str(country, "country"), _opt_str(admin1, "admin1"))
        want = self._normalize_kind(kind)
        floor = _check_min_score(min_score)
        readings = self._all_readings(texts)
        # The first reading with a name or key match, as resolve() takes it; failing that, each
        # in turn with its fuzzy neighbours (near misses).
        found = self._first_reading(readings, hint, want, _PASSES[0])
        chosen = [found[0]] if found is not None else readings
        numeric = want == PlaceKind.COUNTRY.value
        for reading in chosen:
            usable = self._usable(reading, hint, want)
            if usable is None:
                continue
            merged, want_kind = usable
            ranked: list[_Hit] = []
            for part in reading.names:  # both names of "A [B]": places both lead to first
                more = self._rank(
                    part,
                    merged,
                    want_kind,
                    exhaustive=True,
                    numeric_codes=numeric,
                    all_words=reading.all_words,
                )
                if ranked and more:
                    common = {h.where for h in more}
                    ranked.sort(key=lambda h: h.where not in common)  # stable: order kept
                have = {h.where for h in ranked}
                ranked += [h for h in more if h.where not in have]
            if ranked:
                best = ranked[0]
                close = {h.where for h in ranked[1:] if self._is_close(best, h)}
                if close:
                    close.add(best.where)
                if floor is not None:
                    ranked = [h for h in ranked if h.score >= floor]
                return [self._match(name, h, h.where in close) for h in ranked[:limit]]
        return []

    def resolve_many(
        self,
        values: Iterable[object],
        *,
        country: str | Sequence[str | None] | None = None,
        kind: str | PlaceKind | None = None,
        min_score: float | None = None,
    ) -> list[Match | None]:
        """Resolve a column of values, each distinct (value, country) pair once.

        ``None``, NaN and empty or blank strings give ``None``; other non-strings are read as
        their ``str()``.

        Args:
            values: The cells, in order.
            country: One country hint for all, or one per value (aligned with ``values``).
            kind: Only places of this kind.
            min_score: Lowest score for a fuzzy match.

        Returns:
            One ``Match | None`` per value, in order.

        Examples:
            >>> from toponyms import resolve_many
            >>> [m.place.name if m else None for m in resolve_many(["Kiev", None, "Kiev", ""])]
            ['Kyiv', None, 'Kyiv', None]
        """
        items = list(values)
        if country is None or isinstance(country, str):
            hints: Sequence[str | None] = [country] * len(items)
        else:
            hints = list(country)
            if len(hints) != len(items):
                msg = f"country has {len(hints)} hints for {len(items)} values"
                raise InvalidNameError(msg, country)
        memo: dict[tuple[str, str | None], Match | None] = {}
        out: list[Match | None] = []
        for value, hint in zip(items, hints, strict=True):
            if value is None or (isinstance(value, float) and math.isnan(value)):
                out.append(None)
                continue
            text = value if isinstance(value, str) else str(value)
            if not isinstance(hint, str):
                hint = None  # None or a missing cell (NaN) of a hint column
            key = (text, hint or None)
            if key not in memo:
                memo[key] = self.resolve(text, country=hint or None, kind=kind, min_score=min_score)
            out.append(memo[key])
        return out

    def clear_cache(self) -> None:
        """Forget remembered queries (the data stays loaded)."""
        self._cached_resolve.cache_clear()


_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*")


def _word_count(text: str) -> int:
    return len(_WORD.findall(text))


def _texts(name: str) -> list[str]:
    """The cleaned texts to read a name as: its mojibake repair first, if it has one."""
    text = clean(name)
    repaired = repair_mojibake(name)
    if repaired == name:
        return [text]
    return [clean(repaired), text]


def _opt_str(value: object, what: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        msg = f"{what} must be a str or None, not {type(value).__name__}: {value!r}"
        raise InvalidNameError(msg, value)
    if len(value) > MAX_LENGTH:
        raise InvalidHintError(
            hint=what, value=value, expected=f"at most {MAX_LENGTH:,} characters"
        )
    return value.strip() or None


def _check_min_score(value: object) -> float | None:
    """A usable ``min_score``: ``None`` or a finite number from 0 to 100."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 100:
        raise InvalidHintError(hint="min_score", value=value, expected="a number from 0 to 100")
    return float(value)


def _combine(
    base: list[_Constraint] | None, groups: list[list[_Constraint]]
) -> list[_Constraint] | None:
    result = base
    for group in groups:
        result = _intersect(result, group)
    return result


def _intersect(
    a: list[_Constraint] | None, b: list[_Constraint] | None
) -> list[_Constraint] | None:
    """Readings allowed by both (``None`` allows everything)."""
    if a is None:
        return b
    if b is None:
        return a
    out: list[_Constraint] = []
    for x in a:
        for y in b:
            if x.country and y.country and x.country != y.country:
                continue
            if (
                x.admin1
                and y.admin1
                and ANY_REGION not in (x.admin1, y.admin1)
                and x.admin1 != y.admin1
            ):
                continue
            admin1 = x.admin1 if x.admin1 not in (None, ANY_REGION) else y.admin1 or x.admin1
            merged = _Constraint(x.country or y.country, admin1)
            if merged not in out:
                out.append(merged)
    return out


# -- the module-level functions of the package (``toponyms.resolve`` and the rest) -----------
# They live here, beside what their signatures name, so that ``typing.get_type_hints`` finds
# ``Match`` and ``Resolver``; ``toponyms`` imports them on first use.

_DEFAULT: Resolver | None = None


def default_resolver() -> Resolver:
    """The shared resolver over the embedded data (created on first use)."""
    global _DEFAULT
    if _DEFAULT is None:
        with _lazy.LOCK:
            if _DEFAULT is None:
                _DEFAULT = Resolver()
    return _DEFAULT


_SHARED: dict[tuple[str | None, float, bool, int], Resolver] = {}


def shared_resolver(
    data_dir: str | None = None,
    min_score: float = DEFAULT_MIN_SCORE,
    fuzzy: bool = True,
    cache_size: int = 65_536,
) -> Resolver:
    """This process's one resolver for these settings (what an unpickled ``Resolver`` is)."""
    key = (
        None if data_dir is None else str(Path(data_dir).resolve()),
        min_score,
        fuzzy,
        cache_size,
    )
    if key == (None, DEFAULT_MIN_SCORE, True, 65_536):
        return default_resolver()
    found = _SHARED.get(key)
    if found is None:
        with _lazy.LOCK:
            found = _SHARED.get(key)
            if found is None:
                found = Resolver(key[0], min_score=min_score, fuzzy=fuzzy, cache_size=cache_size)
                _SHARED[key] = found
    return found


def clear_cache() -> None:
    """Drop the default resolver and its data, so the next call loads them afresh."""
    global _DEFAULT
    with _lazy.LOCK:
        _DEFAULT = None
        _SHARED.clear()
    _store.clear()


def normalize(text: str) -> str:
    """Clean a name for display and comparison: Unicode hygiene, spaces, apostrophes, homoglyphs.

    Raises:
        InvalidNameError: ``text`` is not a ``str`` or is longer than 1,000 characters.

    Examples:
        >>> normalize("  Pokr\u043evsk\u00a0 ")   # a Cyrillic o inside a Latin word, an NBSP
        'Pokrovsk'
    """
    return clean(_check_text(text))


def match_key(text: str) -> str:
    """The romanisation match key of a name: the form in which spelling variants meet.

    Raises:
        InvalidNameError: ``text`` is not a ``str`` or is longer than 1,000 characters.

    Examples:
        >>> match_key("Krasnoarmeisk") == match_key("Красноармейск")
        True
    """
    return _match_key(_check_text(text))


def resolve(
    name: str,
    *,
    country: str | None = None,
    kind: str | PlaceKind | None = None,
    admin1: str | None = None,
    min_score: float | None = None,
) -> Match | None:
    """Resolve a name with the default resolver; see ``Resolver.resolve``.

    Examples:
        >>> resolve("Dimitrov").place.name
        'Myrnohrad'
        >>> resolve("Georgia", kind="country").place.country
        'GE'
    """
    return default_resolver().resolve(
        name, country=country, kind=kind, admin1=admin1, min_score=min_score
    )


def lookup(
    name: str,
    *,
    country: str | None = None,
    kind: str | PlaceKind | None = None,
    admin1: str | None = None,
) -> Match:
    """Resolve a name or raise ``PlaceNotFoundError`` / ``AmbiguousPlaceError``.

    Examples:
        >>> lookup("Artemivsk").place.name
        'Bakhmut'
    """
    return default_resolver().lookup(name, country=country, kind=kind, admin1=admin1)


def candidates(
    name: str,
    *,
    limit: int = 5,
    country: str | None = None,
    kind: str | PlaceKind | None = None,
    admin1: str | None = None,
    min_score: float | None = None,
) -> list[Match]:
    """Rank the places a name may mean, best first; see ``Resolver.candidates``.

    Examples:
        >>> candidates("Pokrovsk", limit=1)[0].place.country
        'UA'
    """
    return default_resolver().candidates(
        name, limit=limit, country=country, kind=kind, admin1=admin1, min_score=min_score
    )


def resolve_many(
    values: Iterable[object],
    *,
    country: str | Sequence[str | None] | None = None,
    kind: str | PlaceKind | None = None,
    min_score: float | None = None,
) -> list[Match | None]:
    """Resolve a column of values; see ``Resolver.resolve_many``.

    Examples:
        >>> [m.place.name for m in resolve_many(["Kiev", "Kharkov"])]
        ['Kyiv', 'Kharkiv']
    """
    return default_resolver().resolve_many(values, country=country, kind=kind, min_score=min_score)
