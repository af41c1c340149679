"""Pausing the cyclic garbage collector around bursts of allocation that make no cycles."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["gc_paused"]


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for a burst of allocations that make no cycles.

    Loading the tables and the command line's row loop allocate many small objects; each
    allocation burst triggers collections that visit every long-lived object for nothing.
    Reference counting still frees everything; the collector runs again as before once the
    block exits (it is left off if it was off). The switch is process-wide, so the library uses
    it only where it owns the moment: the one-time load, and the ``normalize`` command.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
