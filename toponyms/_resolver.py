"""The facade: ``Resolver`` and the module-level functions of the package.

Every verb builds one ``Query`` (``_query``), asks the one ``Search`` of its gazetteer for a
``Decision`` (``_search``) and presents it: a ``Match``, a list of them, an exception, or the
plain values of the result columns. Loading belongs to ``_store``.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from toponyms import _lazy, _store
from toponyms._errors import (
    AmbiguousPlaceError,
    InvalidHintError,
    InvalidNameError,
    PlaceNotFoundError,
)
from toponyms._gazetteer import Gazetteer
from toponyms._lazy import once
from toponyms._matcher import FuzzyIndex
from toponyms._models import Match, Place, PlaceKind
from toponyms._normalize import clean
from toponyms._normalize import match_key as _match_key
from toponyms._query import MAX_LENGTH, Query, check_text
from toponyms._search import DEFAULT_MIN_SCORE, Decision, Hit, Search, method_of

__all__ = [
    "DEFAULT_MIN_SCORE",
    "MAX_LENGTH",
    "Fields",
    "Resolver",
    "candidates",
    "clear_cache",
    "convert",
    "default_resolver",
    "lookup",
    "match_key",
    "normalize",
    "resolve",
    "resolve_many",
    "shared_resolver",
    "successors_of",
]

#: The most candidates one call lists.
MAX_LIMIT = 1_000


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


class Resolver:
    """Resolve place names against a gazetteer.

    Args:
        data_dir: A folder with the tables of ``data/`` to use instead of the embedded data.
        min_score: Lowest score a normalized or fuzzy match needs to be returned (names
            matched as written score 100).
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
        checked = Query.build("", min_score=min_score).min_score
        self._data_dir = None if data_dir is None else Path(data_dir)
        self.min_score = DEFAULT_MIN_SCORE if checked is None else checked
        self.fuzzy = fuzzy
        self._cache_size = cache_size
        self._decide = lru_cache(maxsize=cache_size)(self._decide_uncached)
        self._resolved = lru_cache(maxsize=cache_size)(self._resolve_uncached)
        # The hot path of repeated names: the arguments as given, before a Query is built.
        self._resolved_args = lru_cache(maxsize=cache_size)(self._resolve_args)

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

    @once
    def _search(self) -> Search:
        return Search(self.gazetteer)

    def _load_all(self) -> None:
        """Build everything that is otherwise built on first use (before a fork shares it)."""
        self._search.warm()

    def _fuzzy(self) -> FuzzyIndex:
        return self._search._fuzzy

    def place(self, place_id: str) -> Place | None:
        """The place with this id, or ``None``.

        Examples:
            >>> Resolver().place("gn:704422").name
            'Pokrovsk'
        """
        where = self.gazetteer.by_id.get(place_id)
        return None if where is None else self.gazetteer.place(where)

    # -- the one decision ----------------------------------------------------------------------

    def _query(self, name: object, **hints: object) -> Query:
        """A checked query, its country and admin-1 hints known to the data.

        Raises:
            InvalidNameError: ``name`` or a hint is not usable text.
            InvalidHintError: a hint names nothing known.
        """
        query = Query.build(name, **hints)
        if query.country is not None or query.admin1 is not None:
            self._checked_hints(query.country, query.admin1)
        return query

    @once
    def _checked_hints(self) -> Callable[[str | None, str | None], object]:
        """The search's hint check, remembered (raises for a hint that names nothing known)."""
        return lru_cache(maxsize=4_096)(self._search.hint_constraints)

    def _decide_uncached(self, query: Query) -> Decision | None:
        floor = self.min_score if query.min_score is None else query.min_score
        return self._search.decide(query, floor, fuzzy=self.fuzzy)

    def _match(self, text: str, hit: Hit, ambiguous: bool) -> Match:
        gaz = self.gazetteer
        return Match.model_construct(
            place=gaz.place(hit.where),
            query=text,
            matched=gaz.name_text[hit.row],
            method=method_of(gaz, hit),
            score=hit.score,
            ambiguous=ambiguous,
            name_kind=gaz.name_kind_of(hit.row),
            source=gaz.name_source[hit.row],
        )

    def _check_hints(
        self,
        *,
        country: object = None,
        kind: object = None,
        admin1: object = None,
        min_score: object = None,
    ) -> None:
        """Raise ``InvalidHintError`` (or ``InvalidNameError`` for a non-string) for a bad hint.

        For adapters that take hints once for many names (the command line, a column).
        """
        self._query("", country=country, kind=kind, admin1=admin1, min_score=min_score)

    # -- the verbs -----------------------------------------------------------------------------

    def resolve(
        self,
        name: str,
        *,
        country: str | None = None,
        kind: str | PlaceKind | None = None,
        admin1: str | None = None,
        min_score: float | None = None,
        context: str | None = None,
    ) -> Match | None:
        """Resolve a name to the one place it most likely means.

        Args:
            name: Any written form of a place name, optionally qualified ("Pokrovsk, Donetsk
                Oblast", "Kyiv, UA", "Krasnoarmeysk [Pokrovsk]").
            country: Only places in this country (ISO alpha-2 code or a country name).
            kind: Only places of this kind ("city", "region", "country", "area").
            admin1: Only places in this first-level subdivision (name or ISO/GeoNames code).
            min_score: Lowest score of a normalized or fuzzy match (default: the resolver's).
            context: A text the name comes from: its places decide, as ``find`` decides them.

        Returns:
            The best match, or ``None`` when nothing fits (empty text, unknown name, or only
            matches below ``min_score``).

        Raises:
            InvalidNameError: ``name`` is not a ``str`` or is longer than 1,000 characters.
            InvalidHintError: a hint names no known country, subdivision or kind, or
                ``min_score`` is not a number from 0 to 100.

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
        if context is not None:
            from toponyms._find import resolve_query_in_context

            query = self._query(
                name, country=country, kind=kind, admin1=admin1, min_score=min_score
            )
            return resolve_query_in_context(self, query, context)
        try:
            return self._resolved_args(name, country, kind, admin1, min_score)
        except TypeError:  # an unhashable argument: the checks below name it
            query = self._query(
                name, country=country, kind=kind, admin1=admin1, min_score=min_score
            )
            return self._resolved(query)

    def _resolve_args(
        self, name: object, country: object, kind: object, admin1: object, min_score: object
    ) -> Match | None:
        query = self._query(name, country=country, kind=kind, admin1=admin1, min_score=min_score)
        return self._resolved(query)

    def _resolve_uncached(self, query: Query) -> Match | None:
        found = self._decide(query)
        return None if found is None else self._match(query.text, found.hits[0], found.ambiguous)

    def _fields(
        self,
        name: object,
        *,
        country: object = None,
        kind: object = None,
        admin1: object = None,
        min_score: object = None,
    ) -> Fields | None:
        """What ``resolve`` finds, as the plain values of the result columns, or ``None``.

        For the column adapters (``normalize``, ``resolve_series``): the same decision as
        ``resolve`` without building the ``Match`` and ``Place`` models. Unusable text (not a
        string, too long) and a hint that names nothing known give ``None`` here rather than an
        error: in a column, one bad cell is one unresolved row.
        """
        try:
            query = self._query(
                name, country=country, kind=kind, admin1=admin1, min_score=min_score
            )
        except (InvalidNameError, InvalidHintError):
            return None
        found = self._decide(query)
        if found is None:
            return None
        hit = found.hits[0]
        gaz = self.gazetteer
        record = gaz.places[hit.where]
        return Fields(
            record.name,
            record.country,
            gaz.admin1_name(record),
            record.geonames_id,
            method_of(gaz, hit).value,
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
        min_score: float | None = None,
    ) -> Match:
        """Resolve a name or raise: ``resolve``'s decision, never ``None``.

        Raises:
            PlaceNotFoundError: ``resolve`` finds nothing (``.closest`` lists the nearest
                candidates).
            AmbiguousPlaceError: ``resolve``'s match is ambiguous (``.candidates``: the match
                and its rivals).
            InvalidNameError: ``name`` is not usable text.
            InvalidHintError: a hint names nothing known.

        Examples:
            >>> Resolver().lookup("Kiev").place.name
            'Kyiv'
        """
        query = self._query(name, country=country, kind=kind, admin1=admin1, min_score=min_score)
        found = self._decide(query)
        if found is None:
            closest = self._candidates(query, 3, None)
            raise PlaceNotFoundError(name, closest)
        if found.ambiguous:
            rivals = [self._match(name, h, True) for h in (found.hits[0], *found.rivals)]
            raise AmbiguousPlaceError(name, rivals)
        return self._match(name, found.hits[0], False)

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

        The first is the place ``resolve`` returns, when it returns one. Unlike ``resolve``
        this applies no score floor unless ``min_score`` is given, so it shows why a name did
        or did not resolve. Matches flagged ``ambiguous`` are about as likely as the first.

        Raises:
            InvalidNameError: ``name`` is not usable text.
            InvalidHintError: a hint names nothing known, or ``limit`` is not a whole number
                from 0 to 1,000.

        Examples:
            >>> from toponyms import candidates
            >>> [(m.place.country, m.place.population > 50_000) for m in candidates("Pokrovsk")][:2]
            [('UA', True), ('RU', False)]
        """
        query = self._query(name, country=country, kind=kind, admin1=admin1, min_score=min_score)
        return self._candidates(query, _check_limit(limit), query.min_score)

    def _candidates(self, query: Query, limit: int, floor: float | None) -> list[Match]:
        if limit == 0:
            return []
        ranked, close = self._search.ranked(query, fuzzy=self.fuzzy)
        decided = self._decide(query)
        if decided is not None:
            # resolve's answer first, whatever the wider ranking says.
            best = decided.hits[0]
            ranked = [best, *(h for h in ranked if h.where != best.where)]
            close = {best.where, *(h.where for h in decided.rivals)} if decided.ambiguous else set()
        if floor is not None:
            ranked = [h for h in ranked if h.score >= floor]
        return [self._match(query.text, h, h.where in close) for h in ranked[:limit]]

    def resolve_many(
        self,
        values: Iterable[object],
        *,
        country: str | Sequence[str | None] | None = None,
        kind: str | PlaceKind | None = None,
        admin1: str | None = None,
        min_score: float | None = None,
    ) -> list[Match | None]:
        """Resolve a column of values, each distinct (value, country) pair once.

        ``None``, NaN and empty or blank strings give ``None``; other non-strings are read as
        their ``str()``.

        Args:
            values: The cells, in order (a ``str`` is one name, not a column: an error).
            country: One country hint for all, or one per value (aligned with ``values``).
            kind: Only places of this kind.
            admin1: Only places in this first-level subdivision.
            min_score: Lowest score of a normalized or fuzzy match.

        Returns:
            One ``Match | None`` per value, in order.

        Raises:
            InvalidNameError: ``values`` is a string, or a per-value country list has another
                length than ``values``.
            InvalidHintError: a hint names nothing known.

        Examples:
            >>> from toponyms import resolve_many
            >>> [m.place.name if m else None for m in resolve_many(["Kiev", None, "Kiev", ""])]
            ['Kyiv', None, 'Kyiv', None]
        """
        if isinstance(values, str | bytes):
            msg = (
                f"values must be a column of names, not one {type(values).__name__}: {values!r:.80}"
            )
            raise InvalidNameError(msg, values)
        items = list(values)
        if country is None or isinstance(country, str):
            hints: Sequence[str | None] = [country] * len(items)
        else:
            hints = list(country)
            if len(hints) != len(items):
                msg = f"country has {len(hints)} hints for {len(items)} values"
                raise InvalidNameError(msg, country)
        self._query("", kind=kind, admin1=admin1, min_score=min_score)
        memo: dict[tuple[str, str | None], Match | None] = {}
        out: list[Match | None] = []
        for value, hint in zip(items, hints, strict=True):
            if value is None or (isinstance(value, float) and math.isnan(value)):
                out.append(None)
                continue
            text = value if isinstance(value, str) else str(value)
            key = (text, hint if isinstance(hint, str) and hint else None)  # NaN: no hint
            if key not in memo:
                memo[key] = self.resolve(
                    text, country=key[1], kind=kind, admin1=admin1, min_score=min_score
                )
            out.append(memo[key])
        return out

    def clear_cache(self) -> None:
        """Forget remembered queries (the data stays loaded)."""
        self._decide.cache_clear()
        self._resolved.cache_clear()
        self._resolved_args.cache_clear()


def _check_limit(limit: object) -> int:
    if isinstance(limit, bool) or not isinstance(limit, int) or not 0 <= limit <= MAX_LIMIT:
        expected = f"a whole number from 0 to {MAX_LIMIT:,}"
        raise InvalidHintError(hint="limit", value=limit, expected=expected)
    return limit


# -- the module-level functions of the package (``toponyms.resolve`` and the rest) -----------
# They live here, beside what their signatures name, so that ``typing.get_type_hints`` finds
# ``Match`` and ``Resolver``; ``toponyms`` imports them on first use.

_DEFAULT: Resolver | None = None
_SHARED: dict[tuple[str | None, float, bool, int], Resolver] = {}


def default_resolver() -> Resolver:
    """The shared resolver over the embedded data (created on first use)."""
    global _DEFAULT
    if _DEFAULT is None:
        with _lazy.LOCK:
            if _DEFAULT is None:
                _DEFAULT = Resolver()
    return _DEFAULT


def shared_resolver(
    data_dir: str | None = None,
    min_score: float = DEFAULT_MIN_SCORE,
    fuzzy: bool = True,
    cache_size: int = 65_536,
) -> Resolver:
    """This process's one resolver for these settings (what an unpickled ``Resolver`` is)."""
    where = None if data_dir is None else str(Path(data_dir).resolve())
    key = (where, min_score, fuzzy, cache_size)
    if key == (None, DEFAULT_MIN_SCORE, True, 65_536):
        return default_resolver()
    found = _SHARED.get(key)
    if found is None:
        with _lazy.LOCK:
            found = _SHARED.get(key)
            if found is None:
                found = Resolver(where, min_score=min_score, fuzzy=fuzzy, cache_size=cache_size)
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
    return clean(check_text(text))


def match_key(text: str) -> str:
    """The romanisation match key of a name: the form in which spelling variants meet.

    Raises:
        InvalidNameError: ``text`` is not a ``str`` or is longer than 1,000 characters.

    Examples:
        >>> match_key("Krasnoarmeisk") == match_key("Красноармейск")
        True
    """
    return _match_key(check_text(text))


def resolve(
    name: str,
    *,
    country: str | None = None,
    kind: str | PlaceKind | None = None,
    admin1: str | None = None,
    min_score: float | None = None,
    context: str | None = None,
) -> Match | None:
    """Resolve a name with the default resolver; see ``Resolver.resolve``.

    Examples:
        >>> resolve("Dimitrov").place.name
        'Myrnohrad'
        >>> resolve("Georgia", kind="country").place.country
        'GE'
        >>> resolve("Paris", context="Storms hit Dallas, Texas.").place.admin1
        'Texas'
    """
    return default_resolver().resolve(
        name, country=country, kind=kind, admin1=admin1, min_score=min_score, context=context
    )


def lookup(
    name: str,
    *,
    country: str | None = None,
    kind: str | PlaceKind | None = None,
    admin1: str | None = None,
    min_score: float | None = None,
) -> Match:
    """Resolve a name or raise ``PlaceNotFoundError`` / ``AmbiguousPlaceError``.

    Examples:
        >>> lookup("Artemivsk").place.name
        'Bakhmut'
    """
    return default_resolver().lookup(
        name, country=country, kind=kind, admin1=admin1, min_score=min_score
    )


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
    admin1: str | None = None,
    min_score: float | None = None,
) -> list[Match | None]:
    """Resolve a column of values; see ``Resolver.resolve_many``.

    Examples:
        >>> [m.place.name for m in resolve_many(["Kiev", "Kharkov"])]
        ['Kyiv', 'Kharkiv']
    """
    return default_resolver().resolve_many(
        values, country=country, kind=kind, admin1=admin1, min_score=min_score
    )


def successors_of(place: Place | str, *, resolver: Resolver | None = None) -> list[Place]:
    """The places that succeeded a former state, in table order (empty for other places).

    Args:
        place: A ``Place`` or a place id.
        resolver: Whose data to read (the default resolver's by default).

    Examples:
        >>> [p.name for p in successors_of(resolve("Zaire").place)]
        ['Democratic Republic of the Congo']
        >>> len(successors_of(resolve("USSR").place))
        15
    """
    gaz = (resolver or default_resolver()).gazetteer
    where = gaz.by_id.get(place.id if isinstance(place, Place) else place)
    if where is None:
        return []
    return [gaz.place(gaz.by_id[pid]) for pid in gaz.successors.get(where, ())]


#: What ``convert`` can give for a country.
_CONVERT_TO: dict[str, Callable[[Place], str | None]] = {
    "alpha2": lambda p: p.code if p.code and len(p.code) == 2 else None,
    "alpha3": lambda p: p.alpha3,
    "numeric": lambda p: p.numeric,
    "name": lambda p: p.name,
    "continent": lambda p: p.continent,
    "region": lambda p: p.region,
    "code": lambda p: p.code,
}


def convert(
    names: Iterable[object],
    *,
    to: str = "alpha3",
    not_found: str | None = None,
    resolver: Resolver | None = None,
) -> list[str | None]:
    """Convert country names, in any form toponyms reads, to one code or name.

    Each value is resolved with ``kind="country"``; a value that names no country gives
    ``not_found``.

    Args:
        names: The values (a list, a pandas Series, any iterable; see ``resolve_many``).
        to: ``alpha2`` (a territory's own code: "HK"), ``alpha3``, ``numeric``, ``name``,
            ``continent``, ``region`` (UN M49 sub-region) or ``code`` (the record's own ISO
            code, ISO 3166-3 for a former state).
        not_found: What an unresolved value gives.
        resolver: The resolver to use (the default one by default).

    Raises:
        InvalidHintError: ``to`` is none of the above.

    Examples:
        >>> convert(["Korea, Rep.", "Burma", "Côte d'Ivoire", "Narnia"])
        ['KOR', 'MMR', 'CIV', None]
        >>> convert(["UK", "Deutschland", "Україна"], to="numeric")
        ['826', '276', '804']
        >>> convert(["Kenya", "Peru"], to="continent")
        ['Africa', 'South America']
    """
    if to not in _CONVERT_TO:
        expected = "one of " + ", ".join(_CONVERT_TO)
        raise InvalidHintError(hint="to", value=to, expected=expected)
    out: list[str | None] = []
    for match in (resolver or default_resolver()).resolve_many(names, kind=PlaceKind.COUNTRY):
        value = None if match is None else _CONVERT_TO[to](match.place)
        out.append(not_found if value is None else value)
    return out
