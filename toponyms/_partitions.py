"""One partition's job for the Dask and Spark adapters: the pandas adapter, with a memory.

A worker process resolves many partitions (Dask) or Arrow batches (Spark) of the same column, so
it remembers each (value, hint) it has resolved for its lifetime, one memory per resolver: a
value met again in a later partition costs a dictionary lookup, not a second search.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Any, cast

import pandas as pd

from toponyms.pandas import resolve_series

if TYPE_CHECKING:
    from toponyms._kinds import PlaceKind
    from toponyms._resolver import Fields, Resolver

#: Distinct (value, hint, kind, admin1, min_score) queries a worker remembers per resolver.
MEMORY = 262_144

_MEMORIES: weakref.WeakKeyDictionary[Resolver, _Remembering] = weakref.WeakKeyDictionary()
_LOCK = threading.Lock()


class _Remembering:
    """A resolver whose column lookups (``_fields``) are remembered, as its ``resolve`` is.

    Everything else is the resolver's own. It holds the resolver weakly, so a resolver made
    by the caller (threaded scheduler) is freed with its memory.
    """

    def __init__(self, resolver: Resolver) -> None:
        self._of = weakref.ref(resolver)
        self._remembered = lru_cache(maxsize=MEMORY)(self._look_up)

    def _look_up(
        self,
        name: str,
        country: str | None,
        kind: str | PlaceKind | None,
        admin1: str | None,
        score: float | None,
    ) -> Fields | None:
        return self._resolver._fields(
            name, country=country, kind=kind, admin1=admin1, min_score=score
        )

    @property
    def _resolver(self) -> Resolver:
        resolver = self._of()
        assert resolver is not None, "used only while the caller holds the resolver"
        return resolver

    def _fields(
        self,
        name: str,
        *,
        country: str | None = None,
        kind: str | PlaceKind | None = None,
        admin1: str | None = None,
        min_score: float | None = None,
    ) -> Fields | None:
        return self._remembered(name, country, kind, admin1, min_score)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._resolver, name)


def remembering(resolver: Resolver | None) -> Resolver:
    """This process's remembering stand-in for a resolver (the default one for ``None``)."""
    from toponyms import default_resolver

    active = resolver or default_resolver()
    found = _MEMORIES.get(active)
    if found is None:
        with _LOCK:
            found = _MEMORIES.get(active)
            if found is None:
                found = _MEMORIES[active] = _Remembering(active)
    # It answers what the pandas adapter asks of a resolver: a stand-in, not a subclass.
    return cast("Resolver", found)


def resolve_partition(
    names: pd.Series,
    hints: pd.Series | str | None,
    *,
    kind: str | PlaceKind | None,
    min_score: float | None,
    fields: Sequence[str],
    prefix: str | None,
    resolver: Resolver | None,
    admin1: str | None = None,
) -> pd.DataFrame:
    """``toponyms.pandas.resolve_series`` on one partition, through the worker's memory."""
    return resolve_series(
        names,
        country=hints,
        kind=kind,
        admin1=admin1,
        min_score=min_score,
        fields=fields,
        prefix=prefix,
        resolver=remembering(resolver),
    )
