"""Values built once, on first use, under the package's one lock.

Every lazily built part of toponyms (a gazetteer's folded index, a resolver's fuzzy index, the
loaded gazetteers themselves) is built through ``once`` or under ``LOCK``: one re-entrant lock,
so a build that needs another lazy value (the qualifier index reads each place's names) never
waits on itself, and one fork handler, so a child forked while another thread was building
starts with a lock nobody holds.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from typing import Any, Generic, TypeVar, overload

__all__ = ["LOCK", "once"]

_T = TypeVar("_T")
_V = TypeVar("_V")

#: The lock of every lazy build in the package (re-entrant: builds may nest).
LOCK = threading.RLock()


def _fresh_lock_in_child() -> None:
    # A fork copies a held lock as held, with its owner thread gone: the child would wait on it
    # forever. The child starts with a free one (what was half built is simply built again).
    global LOCK
    LOCK = threading.RLock()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_fresh_lock_in_child)


class once(Generic[_T, _V]):
    """Like ``functools.cached_property``, built under ``LOCK`` so that threads build it once.

    The value is stored in the instance's ``__dict__`` under the method's name; later reads
    find it there without calling the descriptor. Deleting the attribute rebuilds it on the
    next read.
    """

    def __init__(self, build: Callable[[_T], _V]) -> None:
        self._build = build
        self._name = build.__name__
        self.__doc__ = build.__doc__

    def __set_name__(self, owner: type[Any], name: str) -> None:
        self._name = name

    @overload
    def __get__(self, instance: None, owner: type[Any] | None = None) -> once[_T, _V]: ...

    @overload
    def __get__(self, instance: _T, owner: type[Any] | None = None) -> _V: ...

    def __get__(self, instance: _T | None, owner: type[Any] | None = None) -> once[_T, _V] | _V:
        if instance is None:
            return self
        values = instance.__dict__
        try:
            return values[self._name]  # type: ignore[no-any-return]
        except KeyError:
            pass
        with LOCK:
            if self._name not in values:
                values[self._name] = self._build(instance)
            return values[self._name]  # type: ignore[no-any-return]
