"""What a caller asks (``Query``) and how a text is read (``parse``): pure, no index.

``Query`` holds the text and every hint, checked once; it is the key of the resolver's cache and
the one argument of its search, so a new hint is one field here. ``parse`` reads a text the way
a parser does: it strips each qualifier it recognises from the end (", Donetsk Oblast", "(US
state)", "[Pokrovsk]", " UA"), in any order and combination, parses what is left again, and
drops a settlement word in front ("м.", "village of"). Whether a piece is a qualifier (a country
or a first-level subdivision) is the one question it asks of the caller, through ``known``.
Its readings are tried in order by the search; ``tests/cases/readings.tsv`` documents each form.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass

from toponyms._errors import InvalidHintError, InvalidNameError
from toponyms._kinds import PlaceKind

__all__ = ["MAX_LENGTH", "Query", "Reading", "expand_abbreviations", "parse", "region_stem"]

#: Longest text accepted as a place name or a hint (longer input is an error, not a name).
MAX_LENGTH = 1_000

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

# Abbreviated words in country names as datasets write them ("Bosnia and Herz.", "Cayman Is.",
# "Eq. Guinea", "Fr. Polynesia", "Turks and Caicos Isds"), expanded in a reading of their own.
_ABBREVIATIONS = {
    "is": ("Islands", "Island"), "isds": ("Islands",), "isl": ("Island", "Islands"),
    "i": ("Island",), "rep": ("Republic",), "dem": ("Democratic",), "herz": ("Herzegovina",),
    "eq": ("Equatorial",), "fr": ("French",), "br": ("British",), "brit": ("British",),
    "ter": ("Territory",), "terr": ("Territory",), "terrs": ("Territories",),
    "st": ("Saint",), "ste": ("Sainte",), "sts": ("States",), "fed": ("Federated", "Federation"),
    "n": ("North", "Northern"), "s": ("South", "Southern"), "w": ("West", "Western"),
    "e": ("East", "Eastern"), "u.s": ("US",), "u.k": ("UK",), "barb": ("Barbuda",),
    "gr": ("Great",), "gd": ("Grand",), "mt": ("Mount",), "adm": ("Administrative",),
}  # fmt: skip
#: Most spellings one text expands to (each ambiguous abbreviation doubles them).
_MAX_EXPANSIONS = 4
_ABBREVIATED = re.compile(r"(?<![\w.])(u\.s|u\.k|[A-Za-z]+)(\.|\b(?=\s*$|\s*[,)]))")
_AND = re.compile(r"\s*&\s*")
# "X excluding Y", "X (excl. Y)": X. "X: Y", "Y, Province of X": Y, a part of X with its own
# record (a territory).
_EXCLUDING = re.compile(
    r"^(?P<whole>.+?)\s*[(,]?\s*\b(?:excluding|excl\.|without|except)\s+[^)]+\)?$",
    re.IGNORECASE,
)
_PART = re.compile(r"^(?P<whole>[^:]+?)\s*:\s*(?P<part>.+)$")
_PART_OF = re.compile(
    r"^(?P<part>[^,]+?),\s*(?:province|territory|region|part|department|dependency)\s+of"
    r"(?:\s+the)?\s+(?P<whole>.+)$",
    re.IGNORECASE,
)

_KINDS = {k.value: k.value for k in PlaceKind} | {k: k.value for k in PlaceKind}


@dataclass(frozen=True, slots=True)
class Query:
    """One question to the resolver: a text and every hint, checked.

    Build it with ``Query.build``, which checks what can be checked without the data; whether a
    country or admin-1 hint names a known place is checked by the search.

    Attributes:
        text: The text as given.
        country: Only places in this country (a code or a name), or ``None``.
        admin1: Only places in this first-level subdivision (a name or a code), or ``None``.
        kind: Only places of this kind (a ``PlaceKind`` value), or ``None``.
        min_score: Lowest score of a normalized or fuzzy match, or ``None`` for the resolver's.
    """

    text: str
    country: str | None = None
    admin1: str | None = None
    kind: str | None = None
    min_score: float | None = None

    @classmethod
    def build(
        cls,
        text: object,
        *,
        country: object = None,
        admin1: object = None,
        kind: object = None,
        min_score: object = None,
    ) -> Query:
        """A checked query.

        Raises:
            InvalidNameError: ``text`` or a hint is not a ``str``, or the text is longer than
                1,000 characters.
            InvalidHintError: a hint is longer than 1,000 characters, ``kind`` is not a kind,
                or ``min_score`` is not a number from 0 to 100.
        """
        return cls(
            check_text(text),
            hint_text(country, "country"),
            hint_text(admin1, "admin1"),
            check_kind(kind),
            check_min_score(min_score),
        )


def check_text(name: object) -> str:
    """``name`` if it is usable text (a ``str`` of at most 1,000 characters)."""
    if not isinstance(name, str):
        msg = f"a place name must be a str, not {type(name).__name__}: {name!r}"
        raise InvalidNameError(msg, name)
    if len(name) > MAX_LENGTH:
        msg = f"a place name is at most {MAX_LENGTH} characters, not {len(name)}"
        raise InvalidNameError(msg, name)
    return name


def hint_text(value: object, what: str) -> str | None:
    """A country or admin-1 hint, stripped (``None`` for none or blank)."""
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


def check_kind(kind: object) -> str | None:
    """The value of a ``PlaceKind`` given as itself or its value."""
    if kind is None:
        return None
    try:
        return _KINDS[kind]  # type: ignore[index]
    except (KeyError, TypeError):
        expected = "one of " + ", ".join(k.value for k in PlaceKind)
        raise InvalidHintError(hint="kind", value=kind, expected=expected) from None


def check_min_score(value: object) -> float | None:
    """A usable ``min_score``: ``None`` or a finite number from 0 to 100."""
    if value is None:
        return None
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or not math.isfinite(value)
        or not 0 <= value <= 100
    ):
        raise InvalidHintError(hint="min_score", value=value, expected="a number from 0 to 100")
    return float(value)


@dataclass(frozen=True, slots=True)
class Reading:
    """One way to read a text.

    Attributes:
        names: The names it holds: one, or two for "A [B]" and "A (B)" (two names of one place).
        qualifiers: Texts that each name a country or a first-level subdivision the place is in.
        kind: The kind of place the text says it is ("м. X": a city; "X Region": a region;
            "the X": a country), or ``None``.
        all_words: Whether a normalized match must account for every word of the name (the
            whole text read as one name although qualifiers were found in it).
    """

    names: tuple[str, ...]
    qualifiers: tuple[str, ...] = ()
    kind: str | None = None
    all_words: bool = False


def region_stem(text: str) -> str:
    """The text without a trailing region word ("Donetsk region" -> "Donetsk")."""
    return _REGION_WORDS.sub("", text).strip()


def parse(text: str, known: Callable[[str], bool]) -> tuple[Reading, ...]:
    """The ways to read a cleaned text, in order of preference.

    Args:
        text: A cleaned name (see ``_normalize.clean``).
        known: Whether a piece of text names a country or a first-level subdivision.
    """
    readings: list[Reading] = []
    kind: str | None = None
    body = text
    prefix = _SETTLEMENT_PREFIX.match(body)
    if prefix and prefix.end() < len(body):
        body, kind = body[prefix.end() :], PlaceKind.CITY.value
    head, names, qualifiers, longer = _consume(body, known)
    first = Reading((head, *names), tuple(qualifiers), kind)
    if first.names != (text,) or qualifiers or kind is not None:
        readings.append(first)
    readings += [Reading((name, *names), tuple(q), kind) for name, q in longer]
    qualified = any(r.qualifiers for r in readings)
    # Abbreviations written out come first: "S. Sudan" is South Sudan before "ssudan" folds to
    # Sudan.
    readings += [r for r in _dataset_readings(text) if r.kind is None]
    readings.append(Reading((text,), all_words=qualified))
    # "Donetsk Region", "Донецкая обл.": a first-level subdivision. "Oblast" is Ukrainian and
    # Russian for "region": "Kyiv Region" is Kyiv Oblast, not the city of Kyiv.
    stem = region_stem(text)
    if stem and stem != text and not qualifiers:
        region = PlaceKind.REGION.value
        readings += [Reading((f"{stem} Oblast",), kind=region), Reading((stem,), kind=region)]
    for pattern, group in ((_INVERTED, "head"), (_ARTICLE, "rest")):
        found = pattern.match(text)
        if found:
            readings.append(Reading((found[group],), kind=PlaceKind.COUNTRY.value))
    return tuple(readings + [r for r in _dataset_readings(text) if r.kind is not None])


def expand_abbreviations(text: str) -> list[str]:
    """The text with the abbreviated words of dataset country names written out, each way.

    Examples:
        >>> expand_abbreviations("Bosnia and Herz."), expand_abbreviations("Russian Fed.")
        (['Bosnia and Herzegovina'], ['Russian Federated', 'Russian Federation'])
        >>> expand_abbreviations("St. Vincent & the Grenadines")
        ['Saint Vincent and the Grenadines']
        >>> expand_abbreviations("Kyiv"), expand_abbreviations("is")
        ([], [])
    """
    text = _AND.sub(" and ", text)
    if len(text.split()) < 2:
        return []  # a word alone is itself ("is", "IS"), not an abbreviation
    found = list(_ABBREVIATED.finditer(text))
    spellings = [""]
    done = 0
    for match in found:
        ways = _ABBREVIATIONS.get(match[1].casefold(), (match[0],))
        before = text[done : match.start()]
        spellings = [s + before + w for s in spellings for w in ways][:_MAX_EXPANSIONS]
        done = match.end()
    out = [re.sub(r"\s+", " ", s + text[done:]).strip(" .") for s in spellings]
    return [s for s in dict.fromkeys(out) if s != text]


def _dataset_readings(text: str) -> list[Reading]:
    """Readings of country names as datasets compose and abbreviate them."""
    country = PlaceKind.COUNTRY.value
    readings = [Reading((spelling,)) for spelling in expand_abbreviations(text)]
    for pattern, group in ((_PART_OF, "part"), (_PART, "part"), (_EXCLUDING, "whole")):
        found = pattern.match(text)
        if found:
            part = found[group].strip()
            readings.append(Reading((part,), kind=country))
            readings += [Reading((s,), kind=country) for s in expand_abbreviations(part)]
    return readings


def _consume(
    body: str, known: Callable[[str], bool]
) -> tuple[str, list[str], list[str], list[tuple[str, list[str]]]]:
    """Strip qualifiers and second names from the end of a text until none is left.

    Returns:
        The head name, the second names ("[B]", or "(B)" when B is no qualifier), the
        qualifiers in text order, and the longer heads that keep a comma part that is no
        qualifier ("Mianzhu, Deyang" of "Mianzhu, Deyang, Sichuan"), each with the
        qualifiers after it.
    """
    names: list[str] = []
    qualifiers: list[str] = []
    longer: list[tuple[str, list[str]]] = []
    whole: str | None = None  # the text before the first comma part that was dropped
    while True:
        bracket = _BRACKETS.match(body)
        paren = None if bracket else _PARENS.match(body)
        code = _TRAILING_CODE.match(body)
        if bracket:
            names.insert(0, bracket["other"])
            body = bracket["head"]
        elif paren:
            (qualifiers if known(paren["other"]) else names).insert(0, paren["other"])
            body = paren["head"]
        elif code and known(code["code"]):
            qualifiers.insert(0, code["code"])
            body = code["head"]
        elif "," in body:
            rest, part = (p.strip() for p in body.rsplit(",", 1))
            if not rest:
                break
            if whole is None and qualifiers:
                # A name may hold commas itself ("Mianzhu, Deyang, Sichuan"): while every part
                # after it is a qualifier, the head that keeps this part is a reading too.
                longer.insert(0, (body, list(qualifiers)))
            if not part or known(part):
                qualifiers[:0] = [part] if part else []
            elif whole is None:
                whole = body  # the first part dropped: no longer heads beyond it
            body = rest
        else:
            break
    if not qualifiers:
        # Commas but no qualifier: the commas are the name's own ("Korea, South").
        return whole or body, names, [], []
    return body, names, qualifiers, longer
