"""toponyms: resolve any written form of a place name to the one place it means.

Offline, fast, and able to say why::

    >>> import toponyms
    >>> m = toponyms.resolve("Krasnoarmeysk")
    >>> m.place.name, m.place.country, m.matched, m.method.value
    ('Pokrovsk', 'UA', 'Krasnoarmeysk', 'alias')

The module-level functions delegate to one lazily built default ``Resolver`` over the embedded
data (GeoNames, CC BY 4.0, plus the curated alias table).
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from toponyms._errors import (
    AmbiguousPlaceError,
    DataError,
    InvalidNameError,
    PlaceNotFoundError,
    ResolutionError,
    ToponymsError,
)
from toponyms._kinds import MatchMethod, NameKind, PlaceKind

if TYPE_CHECKING:
    from toponyms._models import Match, Place
    from toponyms._resolver import Resolver

__version__ = "0.1.0"

__all__ = [
    "AmbiguousPlaceError",
    "DataError",
    "InvalidNameError",
    "Match",
    "MatchMethod",
    "NameKind",
    "Place",
    "PlaceKind",
    "PlaceNotFoundError",
    "ResolutionError",
    "Resolver",
    "ToponymsError",
    "__version__",
    "candidates",
    "clear_cache",
    "default_resolver",
    "lookup",
    "match_key",
    "normalize",
    "resolve",
    "resolve_many",
]

_DEFAULT: Resolver | None = None
_LOCK = threading.Lock()
# Imported on first use, so that ``import toponyms`` (and the command line, which forks its
# helpers before it needs them) does not pay for pydantic and the resolver up front.
_LAZY = {"Match": "toponyms._models", "Place": "toponyms._models", "Resolver": "toponyms._resolver"}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        msg = f"module 'toponyms' has no attribute {name!r}"
        raise AttributeError(msg)
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def default_resolver() -> Resolver:
    """The shared resolver over the embedded data (created on first use)."""
    global _DEFAULT
    if _DEFAULT is None:
        with _LOCK:
            if _DEFAULT is None:
                from toponyms._resolver import Resolver

                _DEFAULT = Resolver()
    return _DEFAULT


def clear_cache() -> None:
    """Drop the default resolver and its data, so the next call loads them afresh."""
    global _DEFAULT
    from toponyms._gazetteer import clear_default

    with _LOCK:
        _DEFAULT = None
    clear_default()


def normalize(text: str) -> str:
    """Clean a name for display and comparison: Unicode hygiene, spaces, apostrophes, homoglyphs.

    Raises:
        InvalidNameError: ``text`` is not a ``str`` or is longer than 1,000 characters.

    Examples:
        >>> normalize("  Pokr\u043evsk\u00a0 ")   # a Cyrillic o inside a Latin word, an NBSP
        'Pokrovsk'
    """
    from toponyms._normalize import clean
    from toponyms._resolver import _check_text

    return clean(_check_text(text))


def match_key(text: str) -> str:
    """The romanisation match key of a name: the form in which spelling variants meet.

    Raises:
        InvalidNameError: ``text`` is not a ``str`` or is longer than 1,000 characters.

    Examples:
        >>> match_key("Krasnoarmeisk") == match_key("Красноармейск")
        True
    """
    from toponyms._normalize import match_key as key_of
    from toponyms._resolver import _check_text

    return key_of(_check_text(text))


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
) -> list[Match]:
    """Rank the places a name may mean, best first; see ``Resolver.candidates``.

    Examples:
        >>> candidates("Pokrovsk", limit=1)[0].place.country
        'UA'
    """
    return default_resolver().candidates(
        name, limit=limit, country=country, kind=kind, admin1=admin1
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
