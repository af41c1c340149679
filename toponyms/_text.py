"""The words of a running text and what stands around them, for ``find``.

Tokens with their offsets, the cue words before and after a word, capitals and sentence starts,
demonyms, and the names a text gives to people. Nothing here decides that words are a place.
"""

from __future__ import annotations

import re
import threading
import weakref
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from toponyms._lexicon import Lexicon, lexicon

if TYPE_CHECKING:
    from toponyms._gazetteer import Gazetteer
    from toponyms._resolver import Resolver

#: A word: letters with inner apostrophes (Luhans'k, Кам'янське) but not a possessive 's; or
#: an abbreviation of single letters with dots (U.S., U.K.).
_TOKEN = re.compile(r"(?:[^\W\d_]\.){2,}|[^\W\d_]+(?:['\u2019\u02bc](?![sS]\b)[^\W\d_]+)*")

#: What may stand between two words of one name: a space or two, a hyphen or dash (Ivano-
#: Frankivsk), or the dot of an abbreviation before a space (St. Louis).
_GAP = re.compile(r"[ \u00a0]{1,2}|\s?[-\u2010\u2011\u2013]\s?|\.[ \u00a0]|\.")

#: Characters that end a sentence (a capital after them says nothing about a name).
_SENTENCE_END = frozenset('.!?:;\n"\u201c\u201d\u00ab\u00bb\u2014|•')

#: Key folding of text slices (apostrophe and dash look-alikes, no-break space).
_FOLD = str.maketrans(
    {"\u2019": "'", "\u02bc": "'", "\u2018": "'", "\u00a0": " ", "\u2010": "-", "\u2011": "-"}
)

#: A text of at least this many words with at most this share of capitalised ones is read as
#: written without capitals: every word may start a name.
CASELESS_WORDS = 8

CASELESS_SHARE = 0.02

# Evidence a candidate has, strongest first; a frequent word needs at least MEDIUM.
STRONG, MEDIUM, WEAK = 3, 2, 1


def _fold(text: str) -> str:
    key = text.casefold()
    return key if key.isascii() else key.translate(_FOLD)


def _script_lang(word: str, lang: str | None) -> tuple[str, ...]:
    if lang is not None:
        return (lang,)
    return ("en",) if word.isascii() else ("uk", "ru")


def _person_patterns() -> tuple[re.Pattern[str], ...]:
    cues = lexicon().cues
    titles = "|".join(sorted((re.escape(t) for t in cues["title"]), key=len, reverse=True))
    speech = "|".join(sorted((re.escape(t) for t in cues["speech"]), key=len, reverse=True))
    name = r"([A-Z\u0400-\u042f][^\W\d_]+)"
    return (
        re.compile(rf"\b(?:{titles})\.?\s+(?:[A-Z][^\W\d_]+\s+)?{name}"),
        # "Vladimir Putin said" (a full name: "Ottawa said" is a government speaking)
        re.compile(rf"\b[A-Z][^\W\d_]+\s+{name}\s+(?:{speech})\b"),
        # '..., said Georgia.' (a name closing the clause: "said Missouri had" is a place)
        re.compile(rf"\b(?:{speech})\s+{name}[,.;]"),
    )


_PATTERNS: list[tuple[re.Pattern[str], ...]] = []


def _people(text: str) -> set[str]:
    """Capitalised words the text gives a person: "Mr Murphy", "said Georgia", "Putin said"."""
    if not _PATTERNS:
        _PATTERNS.append(_person_patterns())
    found: set[str] = set()
    for pattern in _PATTERNS[0]:
        found.update(pattern.findall(text))
    return found


class _Tokens:
    """The words of a text as ``(start, end, word)``, the word sliced only when asked for."""

    __slots__ = ("spans", "text")

    def __init__(self, text: str, spans: list[tuple[int, int]]) -> None:
        self.text = text
        self.spans = spans

    def __len__(self) -> int:
        return len(self.spans)

    def __getitem__(self, i: int) -> tuple[int, int, str]:
        start, end = self.spans[i]
        return start, end, self.text[start:end]


@dataclass(slots=True)
class Span:
    """A candidate mention before its place is decided (shared with ``_context``)."""

    start: int
    end: int
    text: str
    key: str
    #: place position -> (tier, name row): tier 0 current or curated name, 1 other GeoNames
    #: name, 2 an inflected form.
    places: dict[int, tuple[int, int]]
    evidence: int = WEAK
    #: Country code of a demonym span ("" for a region of the world), else None.
    demonym: str | None = None
    #: Qualifiers written after it ("X, Donetsk Oblast"): (country, admin-1 code) pairs.
    within: list[tuple[str | None, str | None]] = field(default_factory=list)
    #: A designation or settlement word says it is a place even without a name row.
    certain: bool = False
    #: Kind asked by a settlement word ("the village of X": a city).
    settlement: bool = False
    #: A one-word name that is a frequent word: kept only if the text backs its place.
    frequent: bool = False


class _Names:
    """What the finder needs from a gazetteer beyond its indexes (built once per gazetteer)."""

    def __init__(self, gaz: Gazetteer) -> None:
        prefixes: set[str] = set()
        for key in gaz.exact:
            for pos, ch in enumerate(key):
                if ch in " -." and pos:
                    prefixes.add(key[:pos])
        #: Places whose display name has a comma, by the key of its head: "Washington" is
        #: "Washington, D.C." in running text (place, name row of the display name).
        self.heads: dict[str, list[tuple[int, int]]] = {}
        for where, record in enumerate(gaz.places):
            if ", " in record.name:
                rows = [r for r in gaz.names_of(where) if gaz.name_text[r] == record.name]
                if rows:
                    head = _fold(record.name.split(", ", 1)[0])
                    self.heads.setdefault(head, []).append((where, rows[0]))
                    prefixes.add(head)
        self.prefixes = frozenset(prefixes)
        cues = lexicon().cues
        #: words after a name that make it a place the gazetteer may lack ("County", "Road")
        self.triggers = cues["street"] | cues["designation"]
        #: the first four letters of the Cyrillic demonym stems (a quick test before the stems)
        self.stem_heads = frozenset(stem[:4] for stem in lexicon().demonym_stems)
        #: regions of the world and seas by their first word, longest first
        self.world: dict[str, list[str]] = {}
        for phrase in sorted(cues["world"], key=len, reverse=True):
            first = _TOKEN.match(phrase)
            if first is not None:
                self.world.setdefault(first.group().lower(), []).append(phrase)
        #: region abbreviations by their first word ("Ky" -> [("Ky.", "US-KY")])
        self.region_forms: dict[str, list[tuple[str, str]]] = {}
        for form, code in lexicon().regions.items():
            first = _TOKEN.match(form)
            if first is not None:
                self.region_forms.setdefault(first.group(), []).append((form, code))


_NAMES: weakref.WeakKeyDictionary[Gazetteer, _Names] = weakref.WeakKeyDictionary()


_NAMES_LOCK = threading.Lock()


def _names(gaz: Gazetteer) -> _Names:
    found = _NAMES.get(gaz)
    if found is None:
        with _NAMES_LOCK:
            found = _NAMES.get(gaz)
            if found is None:
                found = _Names(gaz)
                _NAMES[gaz] = found
    return found


class Words:
    """A text's tokens and the words around each: the base of the finder."""

    def __init__(
        self, text: str, gaz: Gazetteer, lang: str | None, resolver: Resolver | None = None
    ) -> None:
        self.text = text
        self.resolver = resolver
        self.gaz = gaz
        self.lang = lang
        self.lex: Lexicon = lexicon()
        self.names = _names(gaz)
        found = _TOKEN.finditer(text)
        self.tokens = _Tokens(text, [m.span() for m in found])
        self.spans: list[Span] = []
        #: Words met as surnames ("George Washington"): not a city elsewhere in the text either.
        self.persons: set[str] = set()
        #: Whether the text is written without capitals (see ``scan``).
        self.caseless = False
        #: Names the text gives a person: after a title, beside a verb of saying.
        self.people = _people(text)

    def sentence_initial(self, i: int) -> bool:
        """Whether token ``i`` starts a sentence (or a line, a quotation, a heading)."""
        start = self.tokens[i][0]
        stop = self.tokens[i - 1][1] if i else 0
        for pos in range(start - 1, stop - 1, -1):
            ch = self.text[pos]
            if ch in _SENTENCE_END:
                return True
            if not (ch.isspace() or ch in "'(\u2018[-\u2013"):
                return False
        return i == 0 or self.tokens[i - 1][2].endswith(".") or self._dot_before(i)

    def _dot_before(self, i: int) -> bool:
        end = self.tokens[i - 1][1]
        gap = self.text[end : self.tokens[i][0]]
        return "." in gap or "!" in gap or "?" in gap

    def before(self, i: int, words: int) -> str:
        """The ``words`` words before token ``i`` as written, with what separates them."""
        if i - words < 0:
            return ""
        spans = self.tokens.spans
        return self.text[spans[i - words][0] : spans[i][0]].strip()

    def cue_before(self, i: int, role: str) -> bool:
        phrases = self.lex.cues[role]
        for words in (1, 2):
            phrase = self.before(i, words)
            if not phrase:
                continue
            if phrase in phrases or phrase.lower() in phrases:
                return True
            if phrase.endswith(".") and phrase[:-1] in phrases:
                return True  # "Lt. Michael", "Gov. Cuomo"
            # "in Texas and Paris": the last word alone may be the cue, punctuation after it aside
            bare = phrase.rstrip(",")
            if bare != phrase and (bare in phrases or bare.lower() in phrases):
                return role != "locative"
        return False

    def capitalised(self, i: int) -> bool:
        return 0 <= i < len(self.tokens) and self.text[self.tokens.spans[i][0]].isupper()

    def informative(self, i: int) -> bool:
        """Whether the capital of token ``i`` says "a name" (not a sentence start or shouting)."""
        word = self.tokens[i][2]
        if self.caseless or (word.isupper() and len(word) > 3):
            return False
        return not self.sentence_initial(i)

    def adjacent_capital(self, i: int, step: int) -> bool:
        """Whether the word next to token ``i`` (-1: before, +1: after) is capitalised.

        Only a word joined by a plain space counts: "Edmonton Police Service".
        """
        k = i + step
        if not self.capitalised(k):
            return False
        a, b = (k, i) if step < 0 else (i, k)
        if self.text[self.tokens[a][1] : self.tokens[b][0]] != " ":
            return False
        return (
            step > 0
            or not self.sentence_initial(k)
            or self.tokens[k][2] not in self.lex.cues["never"]
        )

    def dateline(self, i: int, j: int) -> bool:
        """Whether tokens ``i..j`` are capitals opening a line: "WASHINGTON (AP) -"."""
        start = self.tokens[i][0]
        if start and self.text[start - 1] != "\n" and self.text[:start].strip():
            return False
        word = self.text[start : self.tokens[j][1]]
        after = self.text[self.tokens[j][1] : self.tokens[j][1] + 3]
        return word.isupper() and (
            after[:1] == "," or after[:2] in (" (", " -", " \u2014", " \u2013")
        )

    def designation_after(self, j: int, role: str = "designation") -> int | None:
        """The token of a designation (or street) word right after token ``j``."""
        k = j + 1
        if k >= len(self.tokens) or self.text[self.tokens[j][1] : self.tokens[k][0]] != " ":
            return None
        word = self.tokens[k][2]
        designations = self.lex.cues[role]
        if word in designations or (not word.isascii() and word.lower() in designations):
            return k
        return None

    def demonym(self, i: int) -> str | None:
        word = self.tokens[i][2]
        found = self.lex.demonyms.get(word.capitalize() if self.caseless else word)
        if found is not None:
            return found
        if word.isascii():
            return None
        low = word.lower()
        stems = self.lex.demonym_stems
        for cut in range(len(low) - 1, 2, -1):
            code = stems.get(low[:cut])
            if code is not None:
                return code
        return None

    def lower_demonym(self, i: int) -> None:
        """Add a Cyrillic adjective of a country written in lower case, if token ``i`` is one."""
        code = self.demonym(i)
        if code is not None:
            start, end, word = self.tokens[i]
            self.spans.append(Span(start, end, word, word.casefold(), {}, demonym=code))
