r"""Pure string functions: clean a name, tell its Cyrillic language, romanise it, fold it to keys.

``clean`` removes Unicode noise without losing anything that matters for matching; ``exact_key``
casefolds it. Three folded keys follow the measured study in the design notes: ``ascii_key`` (L1:
transliterated, no diacritics or punctuation), ``match_key`` (L2: romanisation systems collapsed,
safe worldwide) and ``cross_key`` (L3: Ukrainian and Russian forms of one name meet; index it only
for places in the Cyrillic-using region). The character tables live in ``_translit``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from typing import Final, NamedTuple

from unidecode import unidecode

from toponyms import _translit as tables

__all__ = [
    "ascii_key",
    "clean",
    "cross_key",
    "cyrillic_language",
    "exact_key",
    "keys",
    "match_key",
    "match_of_ascii",
    "repair_mojibake",
    "romanize",
]

# ---------------------------------------------------------------------------------------------
# clean()
# ---------------------------------------------------------------------------------------------


def _noise_table() -> dict[int, str | None]:
    table: dict[int, str | None] = {}
    for first, last in tables.DELETED_RANGES:
        table.update(dict.fromkeys(range(first, last + 1)))
    table.update(dict.fromkeys(map(ord, tables.SPACES), " "))
    table.update(dict.fromkeys(map(ord, tables.DASHES), "-"))
    table.update(dict.fromkeys(map(ord, tables.APOSTROPHES), "'"))
    return table


#: One translation does all the character-level cleaning. It runs before NFKC (which would turn
#: the acute accent used as an apostrophe into a space and a combining mark) and again after it
#: (NFKC makes U+2010 of the non-breaking hyphen and a prime pair of the double prime).
_NOISE: Final = _noise_table()

_CYRILLIC_LETTERS = "\u0400-\u0482\u048a-\u052f"
_LATIN_LETTERS = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff"
_GREEK_LETTERS = "\u0370-\u03ff\u1f00-\u1fff"

#: Combining diacritical marks (the blocks that Latin, Greek and Cyrillic use).
_MARKS = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
#: Composed text that may hold a stress mark: a bare acute or grave, or ѐ ѝ Ѐ Ѝ.
_MAY_BE_STRESSED: Final = re.compile(f"[{tables.STRESS_MARKS}\u0400\u040d\u0450\u045d]")
#: In NFD: a Cyrillic vowel and the combining marks on it.
_VOWEL_MARKS: Final = re.compile(f"([{tables.CYRILLIC_VOWELS}])([{_MARKS}]+)")
_DROP_STRESS: Final = str.maketrans(dict.fromkeys(tables.STRESS_MARKS))
_HAS_CYRILLIC: Final = re.compile(f"[{_CYRILLIC_LETTERS}]")
_HAS_LATIN: Final = re.compile(f"[{_LATIN_LETTERS}]")
_HAS_GREEK: Final = re.compile(f"[{_GREEK_LETTERS}]")
_LATIN_OR_CYRILLIC: Final = re.compile(f"[{_LATIN_LETTERS}{_CYRILLIC_LETTERS}]")
#: A word for the homoglyph repair: letters with their combining marks, and apostrophes inside
#: (Кам'янське). A mark must not split a word: NFC may later fold it into the letter.
_WORD: Final = re.compile(rf"(?:[^\W\d_][{_MARKS}]*)+(?:'(?:[^\W\d_][{_MARKS}]*)+)*")
_TO_LATIN: Final = str.maketrans({**tables.GREEK_TO_LATIN, **tables.CYRILLIC_TO_LATIN})
_TO_CYRILLIC: Final = str.maketrans({**tables.GREEK_TO_CYRILLIC, **tables.LATIN_TO_CYRILLIC})


def _mojibake_bytes() -> dict[str, int]:
    """Each character that Latin-1 or Windows-1252 decodes a byte 0x80-0xFF to, and the byte."""
    table = {chr(b): b for b in range(0x80, 0x100)}
    for b in range(0x80, 0xA0):
        try:
            table[bytes([b]).decode("cp1252")] = b
        except UnicodeDecodeError:
            continue  # five bytes Windows-1252 leaves undefined: Latin-1 reads them as C1
    return table


_MOJIBAKE_BYTES: Final = _mojibake_bytes()
_LEAD: Final = "\u00c2-\u00f4"
_CONTINUATION: Final = "".join(re.escape(ch) for ch, b in _MOJIBAKE_BYTES.items() if b < 0xC0)
#: A UTF-8 lead byte read as Latin-1/Windows-1252 (Â-ô) followed by a continuation byte
#: (0x80-0xBF) read the same way: the mark of UTF-8 text decoded with the wrong codec.
_MOJIBAKE: Final = re.compile(f"[{_LEAD}][{_CONTINUATION}]")
#: A soft hyphen is byte 0xAD of mojibake only after a lead or continuation byte ("Ã\u00ad" is
#: í, "ä¸\u00ad" is 中); anywhere else it is only a soft hyphen.
_LONE_SOFT_HYPHEN: Final = re.compile(f"(?<![{_LEAD}{_CONTINUATION}])\u00ad")
#: The deletions of clean() outside the C1 controls and the soft hyphen, which mojibake needs
#: (U+0081 stands for byte 0x81): so that an invisible character cannot hide mojibake.
_INVISIBLE: Final = {
    k: v for k, v in _NOISE.items() if v is None and not (0x80 <= k <= 0x9F or k == 0xAD)
}


def repair_mojibake(text: str) -> str:
    """Undo UTF-8 read as Latin-1 or Windows-1252, or return the text unchanged.

    Text that holds a UTF-8 lead byte followed by a continuation byte, as Latin-1/Windows-1252
    shows them ("Ã´"), and whose characters all stand for bytes that decode as UTF-8, is
    decoded; again while it still looks so (text garbled twice). Anything else comes back as it
    is: the repair is a reading the resolver tries beside the text, not part of ``clean``, whose
    invariants (case, white space, apostrophes) hold for text, not for bytes.

    Examples:
        >>> repair_mojibake("CÃ´te d'Ivoire"), repair_mojibake("ÐšÐ¸Ñ—Ð²")
        ("Côte d'Ivoire", 'Київ')
        >>> repair_mojibake("Ærøskøbing")
        'Ærøskøbing'
    """
    if text.isascii():
        return text
    current = text
    while True:
        # Invisible characters must not hide mojibake; they go only if the text decodes.
        candidate = _LONE_SOFT_HYPHEN.sub("", _nfc(current).translate(_INVISIBLE))
        if not _MOJIBAKE.search(candidate):
            return current
        raw = bytearray()
        for ch in candidate:
            byte = ord(ch) if ch < "\x80" else _MOJIBAKE_BYTES.get(ch)
            if byte is None:
                return current
            raw.append(byte)
        try:
            current = raw.decode("utf-8")
        except UnicodeDecodeError:
            return current


def _nfc(text: str) -> str:
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


def _unstress_vowel(match: re.Match[str]) -> str:
    return match.group(1) + match.group(2).translate(_DROP_STRESS)


def _unstress(text: str) -> str:
    """Delete stress marks on Cyrillic vowels from NFC text; the result is NFC."""
    if not _MAY_BE_STRESSED.search(text):
        return text
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", _VOWEL_MARKS.sub(_unstress_vowel, decomposed))


def _repair_word(match: re.Match[str]) -> str:
    word = match.group()
    latin = len(_HAS_LATIN.findall(word))
    cyrillic = len(_HAS_CYRILLIC.findall(word))
    greek = len(_HAS_GREEK.findall(word))
    if (latin > 0) + (cyrillic > 0) + (greek > 0) < 2 or greek > max(latin, cyrillic):
        # One script, or a Greek word: nothing to repair.
        return word
    if latin == cyrillic:
        # A tie goes to the script of the first Latin or Cyrillic letter. The repair moves letters
        # to the winner, so the winner still wins on a second pass (clean() is idempotent).
        first = _LATIN_OR_CYRILLIC.search(word)
        to_latin = first is not None and _HAS_LATIN.match(first.group()) is not None
    else:
        to_latin = latin > cyrillic
    return word.translate(_TO_LATIN if to_latin else _TO_CYRILLIC)


def clean(text: str) -> str:
    r"""Clean a name for display and comparison, losing nothing that matters for matching.

    NFKC; format characters (zero-width, joiners, bidi marks, BOM, soft hyphen), controls and
    variation selectors deleted; every run of Unicode white space made one space and trimmed;
    dash and apostrophe look-alikes unified to ``-`` and ``'``; stress marks (acute, grave) on
    Cyrillic vowels deleted; Latin/Cyrillic (and Greek) homoglyphs inside a word that mixes
    scripts moved to the word's majority script. Case is kept. The result is NFC, and
    ``clean(clean(s)) == clean(s)``.

    Args:
        text: Any string.

    Returns:
        The cleaned text.

    Examples:
        >>> clean("  Pokr\u043evsk\u00a0 ")  # a Cyrillic o inside a Latin word, an NBSP
        'Pokrovsk'
        >>> clean("Luhans\u2019k\u200b"), clean("Ivano\u2013Frankivsk")
        ("Luhans'k", 'Ivano-Frankivsk')
        >>> clean("\u041a\u0438\u0301\u0457\u0432")  # a stress mark on и
        'Київ'
    """
    if text.isascii():
        if "`" in text or not text.isprintable():
            text = text.translate(_NOISE)
        return " ".join(text.split())
    text = text.translate(_NOISE)
    if not unicodedata.is_normalized("NFKC", text):
        text = unicodedata.normalize("NFKC", text).translate(_NOISE)
    text = " ".join(text.split())
    if text.isascii():
        return text
    # Stress marks and homoglyphs are judged on composed text, so that canonically equivalent
    # inputs (NFC, NFD) come out the same.
    text = _unstress(_nfc(text))
    scripts = (
        (_HAS_LATIN.search(text) is not None)
        + (_HAS_CYRILLIC.search(text) is not None)
        + (_HAS_GREEK.search(text) is not None)
    )
    if scripts > 1:
        repaired = _WORD.sub(_repair_word, text)
        if repaired != text:
            # A Latin letter moved to Cyrillic may carry a combining accent: a stress mark now.
            text = _unstress(_nfc(repaired))
    return text


def exact_key(text: str) -> str:
    """Return the key for exact and alias lookup: the cleaned text, casefolded, in NFC.

    Args:
        text: Any string.

    Returns:
        ``clean(text).casefold()`` in NFC.

    Examples:
        >>> exact_key(" KYIV "), exact_key("Straße"), exact_key("КИЇВ")
        ('kyiv', 'strasse', 'київ')
    """
    key = clean(text).casefold()
    if not key.isascii():
        # Casefolding can make text that clean() would change: ǰ decomposes (no longer NFC),
        # a Greek ypogegrammeni becomes ι beside Latin letters (a homoglyph now).
        key = clean(key)
    return key


# ---------------------------------------------------------------------------------------------
# Cyrillic: language and romanisation
# ---------------------------------------------------------------------------------------------

_MARKERS: Final = re.compile(
    f"[{tables.BELARUSIAN_ONLY}{tables.UKRAINIAN_ONLY}"
    f"{tables.UKRAINIAN_OR_BELARUSIAN}{tables.RUSSIAN_OR_BELARUSIAN}]"
)
_UKRAINIAN_SPELLING: Final = re.compile("|".join(tables.UKRAINIAN_SPELLINGS))
_UKRAINIAN_ONLY: Final = frozenset(tables.UKRAINIAN_ONLY)
_BELARUSIAN_WITH_I: Final = frozenset(tables.RUSSIAN_OR_BELARUSIAN) - {"\u044a"}  # ы э ё, not ъ


def _language(lowered: str) -> str:
    """The language of lower-case text that contains Cyrillic (see ``cyrillic_language``)."""
    found = set(_MARKERS.findall(lowered))
    if found:
        if tables.BELARUSIAN_ONLY in found:
            return "be"
        if found & _UKRAINIAN_ONLY:
            return "uk"
        if tables.UKRAINIAN_OR_BELARUSIAN in found:
            return "be" if found & _BELARUSIAN_WITH_I else "uk"
        return "ru"
    if _UKRAINIAN_SPELLING.search(lowered):
        return "uk"
    return "ru"


def cyrillic_language(text: str) -> str | None:
    """Tell which orthography Cyrillic text is written in, from the letters it uses.

    The rule, first match wins: ``"be"`` if it has ў; ``"uk"`` if it has ї, є or ґ; for і,
    ``"be"`` if ы, э or ё stand beside it, else ``"uk"``; ``"ru"`` if it has ы, э, ъ or ё. Text
    with none of these letters is ``"uk"`` when it has a spelling only Ukrainian uses (-ськ,
    -цьк, ць, an apostrophe between letters: Покровськ, Донецьк, Кам'янське) and ``"ru"``
    otherwise, which is the study's default reading (Киев, Бахмут, Мирноград). Callers that know
    the place is Ukrainian should pass ``lang="uk"`` to ``romanize`` rather than trust the guess.

    Args:
        text: Any string.

    Returns:
        ``"uk"``, ``"ru"`` or ``"be"``; ``None`` when the text has no Cyrillic letter.

    Examples:
        >>> cyrillic_language("Київ"), cyrillic_language("Чернігів"), cyrillic_language("Покровськ")
        ('uk', 'uk', 'uk')
        >>> cyrillic_language("Красный Лиман"), cyrillic_language("Киев")
        ('ru', 'ru')
        >>> cyrillic_language("Магілёў"), cyrillic_language("Kyiv")
        ('be', None)
    """
    if text.isascii() or not _HAS_CYRILLIC.search(text):
        return None
    return _language(text.lower())


def _capitalized(value: str) -> str:
    return value[:1].upper() + value[1:]


class _Compiled(NamedTuple):
    """A scheme turned into one regular expression for its context rules and a translation."""

    context: re.Pattern[str]
    replacements: tuple[Mapping[str, str], ...]
    table: Mapping[int, str]

    def apply(self, text: str) -> str:
        replacements = self.replacements

        def replace(match: re.Match[str]) -> str:
            return replacements[(match.lastindex or 1) - 1][match.group()]

        return self.context.sub(replace, text).translate(self.table)


def _compile(
    scheme: tables.Scheme, fallbacks: tuple[Mapping[str, str], ...], cased: bool
) -> _Compiled:
    def variants(mapping: Mapping[str, str]) -> dict[str, str]:
        out = dict(mapping)
        if cased:
            for key, value in mapping.items():
                out.setdefault(_capitalized(key), _capitalized(value))
                out.setdefault(key.upper(), value.upper() if len(key) > 1 else _capitalized(value))
        return out

    def letters(mapping: Mapping[str, str]) -> str:
        keys = "".join(mapping)
        return re.escape(keys + keys.upper() if cased else keys)

    cyrillic = _CYRILLIC_LETTERS
    alternatives: list[str] = []
    replacements: list[Mapping[str, str]] = []
    if scheme.clusters:
        clusters = variants(scheme.clusters)
        alternatives.append("|".join(map(re.escape, sorted(clusters, key=len, reverse=True))))
        replacements.append(clusters)
    if scheme.word_initial:
        alternatives.append(rf"(?<![\w'])[{letters(scheme.word_initial)}]")
        replacements.append(variants(scheme.word_initial))
    for preceding, values in scheme.after:
        before = preceding + preceding.upper() if cased else preceding
        alternatives.append(f"(?<=[{re.escape(before)}])[{letters(values)}]")
        replacements.append(variants(values))
    # The apostrophe is a letter of the word between Cyrillic letters (KMU 2010: not rendered);
    # elsewhere it is punctuation and stays.
    alternatives.append(f"(?<=[{cyrillic}])'(?=[{cyrillic}])")
    replacements.append({"'": scheme.letters.get("'", "")})
    single: dict[str, str] = {}
    for mapping in (*fallbacks, scheme.letters):
        single.update(mapping)
    single.pop("'", None)
    return _Compiled(
        context=re.compile("|".join(f"({alt})" for alt in alternatives)),
        replacements=tuple(replacements),
        table=str.maketrans(variants(single)),
    )


def _fallbacks(*schemes: tables.Scheme) -> tuple[Mapping[str, str], ...]:
    # Letters a scheme lacks (і in text read as Russian ...) come from the other schemes.
    return (tables.OTHER_CYRILLIC, *(scheme.letters for scheme in schemes))


_DISPLAY: Final = {
    "uk": _compile(tables.UK_KMU_2010, _fallbacks(tables.BE_KEY, tables.RU_BGN_PLAIN), cased=True),
    "ru": _compile(tables.RU_BGN_PLAIN, _fallbacks(tables.BE_KEY, tables.UK_KMU_2010), cased=True),
    "be": _compile(
        tables.BE_NATIONAL_2007, _fallbacks(tables.RU_BGN_PLAIN, tables.BE_KEY), cased=True
    ),
}
_KEY: Final = {
    "uk": _compile(tables.UK_KMU_2010, _fallbacks(tables.BE_KEY, tables.RU_BGN_PLAIN), cased=False),
    "ru": _compile(tables.RU_BGN_PLAIN, _fallbacks(tables.BE_KEY, tables.UK_KMU_2010), cased=False),
    "be": _compile(tables.BE_KEY, _fallbacks(tables.UK_KMU_2010, tables.RU_BGN_PLAIN), cased=False),
}

_CYRILLIC_WORD: Final = re.compile(f"[{_CYRILLIC_LETTERS}]+(?:'[{_CYRILLIC_LETTERS}]+)*")
_CAPS: Final = re.compile("[\u0400-\u042f\u0460-\u052f]{2}")
#: Letters of scripts other than Latin (Cyrillic left over after the tables, Greek, Armenian,
#: Georgian, Hebrew, Arabic, Indic, CJK ...): these go to unidecode.
_OTHER_SCRIPT: Final = re.compile(
    "[\u0370-\u1cff\u1f00-\u1fff\u2c00-\u2c5f\u2c80-\u2dff\u2e80-\u2fff\u3040-\ua69f"
    "\ua6a0-\ua71f\uac00-\ud7ff\uf900-\ufaff\ufb1d-\ufdff\ufe70-\ufefe"
    "\U00010000-\U0001efff\U00020000-\U0003ffff]+"
)


def _unidecode_match(match: re.Match[str]) -> str:
    return unidecode(match.group())


def romanize(text: str, lang: str | None = None) -> str:
    """Romanise a name for display, keeping case and punctuation.

    Ukrainian follows the national system, KMU 2010 (Cabinet of Ministers resolution No. 55 of
    27 January 2010), exactly: Ye Yi Y Yu Ya at the start of a word and ie i i iu ia elsewhere,
    зг as zgh, the soft sign and the apostrophe dropped. Russian follows BGN/PCGN without
    diacritics or sign marks, which gives the usual press forms (Krasnoarmeysk, Zaporozhye,
    Nizhniy Novgorod). Belarusian follows the national 2007 system, diacritics included
    (Mahilioŭ). Letters of other scripts go through unidecode; Latin text comes back as
    ``clean()`` leaves it.

    Args:
        text: Any string.
        lang: ``"uk"``, ``"ru"`` or ``"be"``; ``None`` to use ``cyrillic_language(text)``.

    Returns:
        The romanised text.

    Raises:
        ValueError: ``lang`` is not ``None``, ``"uk"``, ``"ru"`` or ``"be"``.

    Examples:
        >>> romanize("Покровськ"), romanize("Згурівка"), romanize("Єнакієве", "uk")
        ('Pokrovsk', 'Zghurivka', 'Yenakiieve')
        >>> romanize("Кам'янське"), romanize("ЩАСТЯ", "uk"), romanize("Мирноград", "uk")
        ('Kamianske', 'SHCHASTIA', 'Myrnohrad')
        >>> romanize("Красноармейск"), romanize("Нижний Новгород"), romanize("Ростов-на-Дону")
        ('Krasnoarmeysk', 'Nizhniy Novgorod', 'Rostov-na-Donu')
        >>> romanize("Магілёў"), romanize("Αθήνα"), romanize("Kyiv")
        ('Mahilioŭ', 'Athena', 'Kyiv')
    """
    if lang is not None and lang not in _DISPLAY:
        message = f"unknown Cyrillic language {lang!r}: expected 'uk', 'ru', 'be' or None"
        raise ValueError(message)
    text = clean(text)
    if text.isascii():
        return text
    if _HAS_CYRILLIC.search(text):
        scheme = _DISPLAY[lang or _language(text.lower())]
        if _CAPS.search(text):
            # A word in capitals is romanised in capitals (ЩАСТЯ -> SHCHASTIA, not ShchASTIA).
            def capitals(match: re.Match[str]) -> str:
                word = match.group()
                if len(word) > 1 and word.isupper():
                    return scheme.apply(word.lower()).upper()
                return word

            text = _CYRILLIC_WORD.sub(capitals, text)
        text = scheme.apply(text)
    if _OTHER_SCRIPT.search(text):
        text = " ".join(_OTHER_SCRIPT.sub(_unidecode_match, text).split())
    return text


# ---------------------------------------------------------------------------------------------
# The folded keys
# ---------------------------------------------------------------------------------------------

_DIGRAPH_LETTERS: Final = str.maketrans(dict(tables.LATIN_DIGRAPH_LETTERS))
_UNDECOMPOSABLE: Final = str.maketrans(dict(tables.LATIN_UNDECOMPOSABLE))
_COMBINING: Final = re.compile(
    "[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+"
)
_SAINT: Final = re.compile(r"\b(?:{})\b".format("|".join(tables.SAINT_WORDS)))
_NOT_KEY: Final = re.compile("[^a-z0-9]+")


def _saint(match: re.Match[str]) -> str:
    return tables.SAINT_WORDS[match.group()]


def _ascii_of_exact(text: str) -> str:
    """L1 from an exact key (cleaned and casefolded)."""
    if not text.isascii():
        # Caron letters first: ž is zh before the diacritics go (Žytomyr).
        text = text.translate(_DIGRAPH_LETTERS)
        if _HAS_CYRILLIC.search(text):
            text = _KEY[_language(text)].apply(text)
        if not text.isascii():
            text = _COMBINING.sub("", unicodedata.normalize("NFKD", text))
            text = text.translate(_UNDECOMPOSABLE)
            if not text.isascii():
                # Other scripts (Greek, Georgian, Arabic, CJK ...) and what the tables lack.
                text = unidecode(text).lower()
    if "sa" in text:
        text = _SAINT.sub(_saint, text)
    text = _NOT_KEY.sub("", text)
    # A key that is a whole "saint" word (from "sain t") folds too, so that L1 is idempotent.
    return tables.SAINT_WORDS.get(text, text)


def ascii_key(text: str) -> str:
    """Return the L1 key: transliterated to ASCII, no diacritics, letters and digits only.

    Cyrillic goes through the hand tables of the language ``cyrillic_language`` finds (KMU 2010
    for Ukrainian, BGN/PCGN-like for Russian and Belarusian); caron letters become digraphs
    (ž -> zh) before diacritics are stripped; other scripts go through unidecode; the words
    saint, sankt and sainte become st and ste. Idempotent.

    Args:
        text: Any string.

    Returns:
        A string of ``[a-z0-9]``, possibly empty.

    Examples:
        >>> ascii_key("Luhans'k"), ascii_key("Київ"), ascii_key("St. Petersburg")
        ('luhansk', 'kyiv', 'stpetersburg')
        >>> ascii_key("Санкт-Петербург"), ascii_key("Žytomyr"), ascii_key("Lwów")
        ('stpeterburg', 'zhytomyr', 'lwow')
    """
    return _ascii_of_exact(exact_key(text))


#: L2 digraphs, longest first, each to one symbol (upper case keeps them apart from letters).
_L2_DIGRAPHS: Final = (
    ("shch", "Q"),
    ("zgh", "zg"),  # KMU's zgh is a plain z+g (Zghurivka / Zgurivka)
    ("zh", "Z"),
    ("kh", "X"),
    ("ch", "C"),
    ("sh", "S"),
    ("ts", "T"),
    ("tz", "T"),
    ("c", "T"),  # a lone c is ts (Vinnica, Chernivci)
)
_L2_LETTERS: Final = str.maketrans({"x": "ks", "w": "v", "j": "i", "y": "i"})
_DOUBLE: Final = re.compile(r"(.)\1+")
#: The glide i: at the start before a vowel (Yenakiieve / Enakievo) and between vowels
#: (Novaya / Nova, Zaporojie).
_GLIDE: Final = re.compile("^i(?=[aeiou])|(?<=[aeiou])i(?=[aeiou])")


def match_of_ascii(key: str) -> str:
    """The L2 key (``match_key``) of an L1 key (``ascii_key``), without cleaning it again.

    Examples:
        >>> match_of_ascii("kharkov") == match_key("Kharkov")
        True
    """
    key = key.translate(_L2_LETTERS)
    for digraph, symbol in _L2_DIGRAPHS:
        if digraph in key:
            key = key.replace(digraph, symbol)
    key = _DOUBLE.sub(r"\1", key)
    if "i" in key:
        glided = _GLIDE.sub("", key)
        if glided != key:
            key = _DOUBLE.sub(r"\1", glided)
    return key


def match_key(text: str) -> str:
    """Return the L2 key: the differences between romanisation systems collapsed.

    From L1: x -> ks, w -> v; shch zh kh ch sh ts/tz/c each one symbol; j, y -> i; doubled
    letters collapsed; the glide i dropped at the start before a vowel and between vowels. Safe
    to index worldwide. Not a display string (it has upper-case symbols).

    Args:
        text: Any string.

    Returns:
        The key; ``match_key(ascii_key(s)) == match_key(s)``.

    Examples:
        >>> match_key("Krasnoarmeysk") == match_key("Krasnoarmeisk") == match_key("Красноармейск")
        True
        >>> match_key("Kiyev") == match_key("Kiev") == match_key("Киев")
        True
        >>> match_key("Kharkiv")
        'Xarkiv'
    """
    return match_of_ascii(ascii_key(text))


_H_AFTER_DIGRAPH: Final = re.compile("(?<=[ZXCSQ])h+")
_VOWEL_RUN_WITH_EIO: Final = re.compile("[aeiou]*[eio][aeiou]*")


def _cross_of_match(key: str) -> str:
    """L3 from L2."""
    if "g" in key:
        key = key.replace("g", "h")  # Ukrainian г is h, Russian г is g (Horlivka / Gorlovka)
    if "sC" in key:
        key = key.replace("sC", "Q")  # сч ~ щ (Schastye / Shchastia)
    if "h" in key:
        key = _H_AFTER_DIGRAPH.sub("", key)  # Vyshhorod / Vyshgorod
    body = key.rstrip("aeiou")
    tail = key[len(body) :]
    # A vowel run inside the word is E when it has e, i or o (Kyiv / Kiev, Kharkiv / Kharkov).
    body = _VOWEL_RUN_WITH_EIO.sub("E", body)
    # The word-final run keeps a coarse class, so Pokrovsk / Pokrovske and Dobra / Dobre /
    # Dobryi stay apart: only i -> I; e or o, or i with a or u -> V; only a and u -> kept.
    if tail:
        if tail.strip("i") == "":
            tail = "I"
        elif "e" in tail or "o" in tail or "i" in tail:
            tail = "V"
    return _DOUBLE.sub(r"\1", body + tail)


def cross_key(text: str) -> str:
    """Return the L3 key: Ukrainian and Russian forms of one name meet.

    From L2: g -> h; sch -> shch; h after a digraph symbol dropped; a vowel run with e, i or o
    inside the word -> E; the final vowel run -> I (only i), V (e or o, or i with a or u), or
    kept. It merges too many unrelated names elsewhere in the world: index it only for places in
    the Cyrillic-using region.

    Args:
        text: Any string.

    Returns:
        The key; ``cross_key(ascii_key(s)) == cross_key(s)``.

    Examples:
        >>> cross_key("Kharkiv") == cross_key("Kharkov") == cross_key("Харків")
        True
        >>> cross_key("Krasnoarmiisk"), cross_key("Красноармейск")
        ('krasnErmEsk', 'krasnErmEsk')
        >>> [cross_key(name) for name in ("Dimitrov", "Dmitrov", "Pokrovsk", "Pokrovske")]
        ['dEmEtrEv', 'dmEtrEv', 'pEkrEvsk', 'pEkrEvskV']
    """
    return _cross_of_match(match_of_ascii(ascii_key(text)))


def keys(text: str) -> tuple[str, str, str, str]:
    """Return all four keys at once, each level computed from the one before.

    Args:
        text: Any string.

    Returns:
        ``(exact_key, ascii_key, match_key, cross_key)`` of the text.

    Examples:
        >>> keys("Київ")
        ('київ', 'kyiv', 'kiv', 'kEv')
        >>> keys("  Zaporozhye ")
        ('zaporozhye', 'zaporozhye', 'zaporoZie', 'zapErEZV')
    """
    exact = exact_key(text)
    a_key = _ascii_of_exact(exact)
    m_key = match_of_ascii(a_key)
    return exact, a_key, m_key, _cross_of_match(m_key)
