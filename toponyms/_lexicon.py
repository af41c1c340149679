"""The word lists of running text: demonyms, cue words and frequent words (``toponyms/lexicon``).

Read once, on the first call of ``find()``; each file names its source in its header. Nothing
here knows the gazetteer: ``_find`` joins the two.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from importlib.resources import files

from toponyms._errors import DataError

#: Roles of the cue words (see lexicon/cues.tsv).
ROLES = (
    "abbreviation",
    "settlement",
    "locative",
    "title",
    "never",
    "designation",
    "street",
    "speech",
    "compass",
    "world",
    "axis",
)


@dataclass(frozen=True)
class Lexicon:
    """The word lists, as lookup tables.

    Attributes:
        demonyms: Demonym or adjective (as written, e.g. "Turkish") -> country code, or "" for a
            region of the world ("European").
        demonym_stems: Cyrillic adjective stems (lower case) -> country code or "".
        cues: Role -> the phrases of that role. Latin phrases are kept as written (their case
            matters: "May" the month, "in" the preposition), Cyrillic ones in lower case.
        frequent: Language -> one-word names that are frequent words in it (lower case).
    """

    demonyms: dict[str, str]
    demonym_stems: dict[str, str]
    cues: dict[str, frozenset[str]]
    frequent: dict[str, frozenset[str]]
    #: Abbreviations of regions in running text ("Ky.", "B.C.") -> ISO 3166-2 code.
    regions: dict[str, str]


def _rows(name: str, columns: int) -> list[tuple[str, ...]]:
    """The data rows of a lexicon file: comment lines and the header skipped, fields checked."""
    path = files("toponyms").joinpath("lexicon", name)
    text = path.read_text(encoding="utf-8")
    out: list[tuple[str, ...]] = []
    header_seen = False
    for number, line in enumerate(text.splitlines(), 1):
        if not line or line.startswith("#"):
            continue
        if not header_seen:
            header_seen = True
            continue
        fields = tuple(line.split("\t"))
        if len(fields) != columns or not all(fields):
            msg = f"expected {columns} non-empty tab-separated fields"
            raise DataError(
                msg,
                path=str(path),
                line=number,
                value=line,
            )
        out.append(fields)
    return out


def _load() -> Lexicon:
    demonyms: dict[str, str] = {}
    stems: dict[str, str] = {}
    for form, country, _lang in _rows("demonyms.tsv", 3):
        code = "" if country == "-" else country
        if form.endswith("*"):
            stems[form[:-1].lower()] = code
        else:
            demonyms[form] = code
    cues: dict[str, set[str]] = {role: set() for role in ROLES}
    for phrase, role, lang in _rows("cues.tsv", 3):
        if role not in cues:
            msg = "unknown role"
            raise DataError(msg, path="lexicon/cues.tsv", column="role", value=role)
        cues[role].add(phrase if lang == "en" else phrase.lower())
    frequent: dict[str, set[str]] = {}
    for word, lang in _rows("frequent_words.tsv", 2):
        frequent.setdefault(lang, set()).add(word)
    regions: dict[str, str] = {}
    for form, code in _rows("region_abbreviations.tsv", 2):
        regions[form] = code
    return Lexicon(
        demonyms=demonyms,
        demonym_stems=stems,
        cues={role: frozenset(words) for role, words in cues.items()},
        frequent={lang: frozenset(words) for lang, words in frequent.items()},
        regions=regions,
    )


_LEXICON: Lexicon | None = None
_LOCK = threading.Lock()


def lexicon() -> Lexicon:
    """The word lists (read on first use, then shared).

    Examples:
        >>> lex = lexicon()
        >>> lex.demonyms["Ukrainian"], lex.demonym_stems["російськ"]
        ('UA', 'RU')
        >>> "March" in lex.cues["never"], "nice" in lex.frequent["en"]
        (True, True)
    """
    global _LEXICON
    if _LEXICON is None:
        with _LOCK:
            if _LEXICON is None:
                _LEXICON = _load()
    return _LEXICON
