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

from typing import TYPE_CHECKING, Any

from toponyms._errors import (
    AmbiguousPlaceError,
    DataError,
    InvalidHintError,
    InvalidNameError,
    PlaceNotFoundError,
    ResolutionError,
    ToponymsError,
)
from toponyms._kinds import MatchMethod, NameKind, PlaceKind

if TYPE_CHECKING:
    from toponyms._find import Mention, find
    from toponyms._models import Match, Place
    from toponyms._resolver import (
        Resolver,
        candidates,
        clear_cache,
        convert,
        default_resolver,
        lookup,
        match_key,
        normalize,
        resolve,
        resolve_many,
        successors_of,
    )

__version__ = "0.1.0"

__all__ = [
    "AmbiguousPlaceError",
    "DataError",
    "InvalidHintError",
    "InvalidNameError",
    "Match",
    "MatchMethod",
    "Mention",
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
    "convert",
    "default_resolver",
    "find",
    "lookup",
    "match_key",
    "normalize",
    "resolve",
    "resolve_many",
    "successors_of",
]

# Imported on first use, so that ``import toponyms`` (and the command line, which forks its
# helpers before it needs them) does not pay for pydantic, rapidfuzz and the resolver.
_LAZY = {
    "Mention": "toponyms._find",
    "find": "toponyms._find",
    "Match": "toponyms._models",
    "Place": "toponyms._models",
    **dict.fromkeys(
        (
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
            "successors_of",
        ),
        "toponyms._resolver",
    ),
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        msg = f"module 'toponyms' has no attribute {name!r}"
        raise AttributeError(msg)
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
