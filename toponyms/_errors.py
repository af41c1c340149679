"""The exception tree of toponyms.

Every error a caller can meet is one of these, and each subclasses the builtin that fits::

    ToponymsError(Exception)
    ├── ResolutionError(ToponymsError, LookupError)      .query
    │   ├── PlaceNotFoundError                           .closest
    │   └── AmbiguousPlaceError                          .candidates
    ├── DataError(ToponymsError, ValueError)             .path .line .column .value
    ├── InvalidNameError(ToponymsError, TypeError, ValueError)   .value
    └── InvalidHintError(ToponymsError, ValueError)      .hint .value
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from toponyms._models import Match


class ToponymsError(Exception):
    """Base class of every error raised by toponyms."""

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickle with the message and the attributes, whatever the constructor takes.

        An error raised in a Dask or Spark worker reaches the caller whole.
        """
        return (_rebuild, (type(self), self.args, dict(self.__dict__)))


def _rebuild(cls: type[ToponymsError], args: tuple[Any, ...], state: dict[str, Any]) -> Any:
    error = cls.__new__(cls)
    Exception.__init__(error, *args)
    error.__dict__.update(state)
    return error


class ResolutionError(ToponymsError, LookupError):
    """A name could not be resolved to exactly one place.

    Attributes:
        query: The text that was being resolved.
    """

    def __init__(self, message: str, query: str) -> None:
        super().__init__(message)
        self.query = query


class PlaceNotFoundError(ResolutionError):
    """No place matches the name.

    Attributes:
        closest: The nearest candidates, best first (may be empty).
    """

    def __init__(self, query: str, closest: list[Match]) -> None:
        hint = ""
        if closest:
            best = closest[0]
            hint = (
                f" (closest: {best.matched} -> {best.place.name} "
                f"{best.place.country}, {best.score:.1f})"
            )
        super().__init__(f"no place matches {query!r}{hint}", query)
        self.closest = closest


class AmbiguousPlaceError(ResolutionError):
    """Several places match the name about equally well.

    Attributes:
        candidates: The competing matches, best first (at least two).
    """

    def __init__(self, query: str, candidates: list[Match]) -> None:
        listed = ", ".join(f"{m.place.name} {m.place.country} ({m.place.id})" for m in candidates)
        super().__init__(f"{query!r} is ambiguous: {listed}", query)
        self.candidates = candidates


class DataError(ToponymsError, ValueError):
    """A data table is missing or does not validate.

    Attributes:
        path: The file at fault.
        line: The 1-based line number, or ``None`` for a whole-file problem.
        column: The column name, or ``None``.
        value: The offending value, or ``None``.
    """

    def __init__(
        self,
        message: str,
        *,
        path: str,
        line: int | None = None,
        column: str | None = None,
        value: Any = None,
    ) -> None:
        where = path if line is None else f"{path}:{line}"
        if column is not None:
            where += f" [{column}]"
        tail = "" if value is None else f": {value!r}"
        super().__init__(f"{where}: {message}{tail}")
        self.path = path
        self.line = line
        self.column = column
        self.value = value


class InvalidNameError(ToponymsError, TypeError, ValueError):
    """The value given as a place name is not usable text.

    Raised for non-strings (a ``TypeError``) and for absurdly long input (a
    ``ValueError``); it is both, so callers can catch either.

    Attributes:
        value: The offending value (long strings are kept whole).
    """

    def __init__(self, message: str, value: object) -> None:
        super().__init__(message)
        self.value = value


class InvalidHintError(ToponymsError, ValueError):
    """A hint (``country``, ``admin1``, ``kind``, ``min_score``) names nothing toponyms knows.

    An unknown hint is an error rather than a filter that matches nothing, so that a typo in
    ``country="UKR "`` or ``--country XX`` is reported instead of leaving every row unresolved.

    Attributes:
        hint: Which hint is at fault ("country", "admin1", "kind", "min_score", ...).
        value: The offending value (long strings are cut in the message, kept whole here).
    """

    def __init__(self, hint: str, value: object, expected: str) -> None:
        shown = repr(value)
        if len(shown) > 80:
            shown = shown[:77] + "..."
        super().__init__(f"invalid {hint} {shown} (expected {expected})")
        self.hint = hint
        self.value = value
