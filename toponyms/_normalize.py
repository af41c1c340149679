"""Pure string functions: clean a name, detect its Cyrillic language, romanise it, fold it to keys.

Three folded keys, after the measured study in the design notes: ``ascii_key`` (L1: transliterated,
diacritics and punctuation gone), ``match_key`` (L2: romanisation systems collapsed, safe
worldwide) and ``cross_key`` (L3: Ukrainian and Russian forms of one name meet; index it only for
the Cyrillic-using region). No data access here.
"""

from __future__ import annotations

import re
import unicodedata

from unidecode import unidecode

from toponyms._translit import (
    BELARUSIAN_LETTERS,
    HOMOGLYPHS_CYRILLIC_TO_LATIN,
    HOMOGLYPHS_LATIN_TO_CYRILLIC,
    LATIN_DIGRAPHS,
    RUSSIAN_LETTERS,
    TABLES,
    UKRAINIAN_LETTERS,
)

# Apostrophe and prime look-alikes, unified to the ASCII apostrophe before NFKC (NFKC would
# turn the acute accent into a space and a combining mark).
_APOSTROPHES = (
    "\u2019\u2018\u02bc\u02b9\u2032\u0060\u00b4\uff07\u201b\u02bb\u02bd\u02c8\u055a\ua78c"
)
# Dash look-alikes, unified to the ASCII hyphen-minus.
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2043\ufe63\uff0d"
_PRE = str.maketrans({**dict.fromkeys(_APOSTROPHES, "'"), **dict.fromkeys(_DASHES, "-")})
# Format characters (zero-width, joiners, bidi marks, embeddings and isolates, BOM, soft hyphen,
# Mongolian vowel separator), variation selectors, tag characters and controls are deleted.
_INVISIBLE = re.compile(
    "[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff\ufe00-\ufe0f"
    "\U000e0000-\U000e007f\U000e0100-\U000e01ef\x00-\x08\x0e-\x1f\x7f-\x9f]"
)
_SPACES = re.compile(r"\s+")
# Stress marks (combining acute and grave) left on Cyrillic letters.
_STRESS = re.compile("(?<=[\u0400-\u04ff])[\u0300\u0301]")
_CYRILLIC = re.compile("[\u0400-\u04ff]")
_LATIN_WORD_CHAR = re.compile("[A-Za-z\u00c0-\u024f]")
_TOKEN = re.compile(r"[^\s\-']+")


def _repair_token(match: re.Match[str]) -> str:
    token = match.group(0)
    cyrillic = sum(1 for ch in token if "\u0400" <= ch <= "\u04ff")
    latin = sum(1 for ch in token if (ch.isalpha() and ch.isascii()) or "\u00c0" <= ch <= "\u024f")
    if not cyrillic or not latin or cyrillic == latin:
        return token
    table = HOMOGLYPHS_CYRILLIC_TO_LATIN if latin > cyrillic else HOMOGLYPHS_LATIN_TO_CYRILLIC
    return "".join(table.get(ch, ch) for ch in token)


def clean(text: str) -> str:
    r"""Clean a name for display and comparison, losing nothing that matters for matching.

    NFKC; format characters, controls and variation selectors deleted; every run of Unicode
    space to one space, trimmed; dash and apostrophe look-alikes unified; stress marks on
    Cyrillic letters deleted; Latin/Cyrillic homoglyphs repaired toward the script that
    dominates the word. The result is NFC and ``clean(clean(s)) == clean(s)``.

    Examples:
        >>> clean("  Pokr\u043evsk\u00a0 ")
        'Pokrovsk'
        >>> clean("Luhans\u2019k\u200b")
        "Luhans'k"
    """
    if text.isascii() and text.isprintable() and "`" not in text and "  " not in text:
        return text.strip()
    text = text.translate(_PRE)
    text = unicodedata.normalize("NFKC", text)
    text = _INVISIBLE.sub("", text).translate(_PRE)
    text = _SPACES.sub(" ", text).strip()
    if not text.isascii():
        text = _STRESS.sub("", unicodedata.normalize("NFD", text))
        if _CYRILLIC.search(text) and _LATIN_WORD_CHAR.search(text):
            text = _TOKEN.sub(_repair_token, text)
        text = unicodedata.normalize("NFC", text)
    return text


def exact_key(text: str) -> str:
    """The key for exact lookups: the cleaned text, casefolded.

    Examples:
        >>> exact_key(" KYIV ") == exact_key("kyiv")
        True
    """
    return clean(text).casefold()


def cyrillic_language(text: str) -> str | None:
    """Guess which Cyrillic orthography a text is written in, from its marker letters.

    ``"uk"`` if it has і ї є ґ (and no Russian-only letter), ``"be"`` if it has ў, ``"ru"`` if it
    has ы э ъ ё, and ``"ru"`` for Cyrillic without any marker (the Russian reading is the
    commoner one for such text in the world's data); ``None`` when there is no Cyrillic.

    Examples:
        >>> cyrillic_language("Київ"), cyrillic_language("Киев"), cyrillic_language("Kyiv")
        ('uk', 'ru', None)
    """
    lowered = text.lower()
    letters = set(lowered)
    if letters & BELARUSIAN_LETTERS:
        return "be"
    has_uk = bool(letters & UKRAINIAN_LETTERS)
    has_ru = bool(letters & RUSSIAN_LETTERS)
    if has_uk and not has_ru:
        return "uk"
    if has_uk and has_ru:
        # і with ы/э is Belarusian spelling (Гомель is not marked, Магілёў is).
        return "be"
    if has_ru or _CYRILLIC.search(text):
        return "ru"
    return None


_VOWELS_CYR = frozenset("аеєиіїоуюяыэё")


def romanize(text: str, lang: str | None = None) -> str:
    """Romanise Cyrillic text, keeping case and punctuation; other scripts via unidecode.

    Args:
        text: The text to romanise.
        lang: ``"uk"`` (KMU 2010), ``"ru"`` (BGN/PCGN without diacritics, press conventions) or
            ``"be"`` (BGN/PCGN without diacritics); detected from the letters when ``None``.

    Examples:
        >>> romanize("Покровськ", "uk"), romanize("Згурівка", "uk"), romanize("Яготин", "uk")
        ('Pokrovsk', 'Zghurivka', 'Yahotyn')
        >>> romanize("Красноармейск"), romanize("Нижний Новгород")
        ('Krasnoarmeysk', 'Nizhny Novgorod')
    """
    text = clean(text)
    if text.isascii():
        return text
    lang = lang or cyrillic_language(text) or "ru"
    table, initial = TABLES.get(lang, TABLES["ru"])
    out: list[str] = []
    n = len(text)
    i = 0
    while i < n:
        ch = text[i]
        low = ch.lower()
        if low not in table:
            out.append(ch if ch.isascii() else unidecode(ch))
            i += 1
            continue
        prev = text[i - 1].lower() if i else ""
        at_start = not prev or not (prev.isalpha() or prev == "'")
        latin = table[low]
        if at_start and low in initial:
            latin = initial[low]
        elif lang == "ru" and low == "е" and (prev in _VOWELS_CYR or prev in "ъь"):
            latin = "ye"
        elif lang == "uk" and low == "г" and prev == "з":
            latin = "gh"  # KMU 2010: зг is zgh, to keep it apart from ж (zh)
        elif lang == "ru" and low in "иы" and i + 1 < n and text[i + 1].lower() == "й":
            after = text[i + 2] if i + 2 < n else ""
            if not after.isalpha():
                # Wikipedia practice: -ий / -ый at the end of a word are -y.
                out.append(_case("y", ch, text, i))
                i += 2
                continue
        out.append(_case(latin, ch, text, i))
        i += 1
    return "".join(out)


def _case(latin: str, ch: str, text: str, i: int) -> str:
    if not latin or not ch.isupper():
        return latin
    word_upper = (i + 1 < len(text) and text[i + 1].isupper()) or (i > 0 and text[i - 1].isupper())
    return latin.upper() if word_upper and len(latin) > 1 else latin[0].upper() + latin[1:]


def _key_tables() -> dict[str, dict[int, str]]:
    tables: dict[str, dict[int, str]] = {}
    for lang, (table, _initial) in TABLES.items():
        mapping = {ord(k): v for k, v in table.items()}
        mapping.update({ord(k): v for k, v in LATIN_DIGRAPHS.items()})
        tables[lang] = mapping
    return tables


_KEY_TABLES = _key_tables()
_SAINT = re.compile(r"\b(?:saint|sankt|st\.?)(?=[\s\-.]|$)")
_SAINTE = re.compile(r"\b(?:sainte|ste\.?)(?=[\s\-.]|$)")
_NON_KEY = re.compile(r"[^a-z0-9]+")


def ascii_key(text: str) -> str:
    """L1 key: transliterated (language-aware for Cyrillic), no diacritics, ``[a-z0-9]`` only.

    Examples:
        >>> ascii_key("Luhans'k"), ascii_key("Київ"), ascii_key("St. Petersburg")
        ('luhansk', 'kyiv', 'stpetersburg')
    """
    text = exact_key(text)
    if not text.isascii():
        lang = cyrillic_language(text) or "ru"
        text = text.translate(_KEY_TABLES[lang])
        if not text.isascii():
            text = "".join(
                ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch)
            )
            if not text.isascii():
                text = unidecode(text).lower()
    if "s" in text:
        text = _SAINTE.sub("ste", _SAINT.sub("st", text))
    return _NON_KEY.sub("", text)


_L2_STEPS = (
    ("x", "ks"),
    ("w", "v"),
    ("zgh", "zg"),
    ("shch", "Q"),
    ("zh", "Z"),
    ("kh", "X"),
    ("ch", "C"),
    ("sh", "S"),
    ("ts", "T"),
    ("tz", "T"),
    ("c", "T"),
    ("j", "i"),
    ("y", "i"),
)
_DOUBLES = re.compile(r"(.)\1+")
_GLIDE_START = re.compile(r"^i(?=[aeiou])")
_GLIDE_MID = re.compile(r"(?<=[aeiou])i(?=[aeiou])")


def _l2(key: str) -> str:
    for old, new in _L2_STEPS:
        if old in key:
            key = key.replace(old, new)
    key = _DOUBLES.sub(r"\1", key)
    key = _GLIDE_MID.sub("", _GLIDE_START.sub("", key))
    return _DOUBLES.sub(r"\1", key)


def match_key(text: str) -> str:
    """L2 key: the differences between romanisation systems collapsed (safe worldwide).

    Examples:
        >>> match_key("Krasnoarmeysk") == match_key("Krasnoarmiysk") == match_key("Красноармейск")
        False
        >>> match_key("Kiyev") == match_key("Киев")
        True
    """
    return _l2(ascii_key(text))


_VOWEL_RUN = re.compile(r"[aeiou]+")
_H_AFTER = re.compile(r"(?<=[ZXCSQ])h")


def _final_class(run: str) -> str:
    if set(run) == {"i"}:
        return "I"
    if "e" in run or "o" in run or ("i" in run and ("a" in run or "u" in run)):
        return "V"
    return run


def _l3(key: str) -> str:
    key = key.replace("g", "h").replace("sC", "Q")
    key = _H_AFTER.sub("", key)
    end = len(key)

    def vowel_class(match: re.Match[str]) -> str:
        run = match.group(0)
        if match.end() == end:
            return _final_class(run)
        return "E" if ("e" in run or "i" in run or "o" in run) else run

    key = _VOWEL_RUN.sub(vowel_class, key)
    return _DOUBLES.sub(r"\1", key)


def cross_key(text: str) -> str:
    """L3 key: Ukrainian and Russian forms of one name meet (Kharkiv/Kharkov, Kyiv/Kiev).

    Too eager for names elsewhere in the world: index it only for the Cyrillic-using region.

    Examples:
        >>> cross_key("Kharkiv") == cross_key("Kharkov") == cross_key("Харків")
        True
        >>> cross_key("Dimitrov") == cross_key("Dmitrov")
        False
        >>> cross_key("Pokrovsk") == cross_key("Pokrovske")
        False
    """
    return _l3(_l2(ascii_key(text)))


def keys(text: str) -> tuple[str, str, str, str]:
    """All four keys at once: ``(exact_key, ascii_key, match_key, cross_key)``.

    Examples:
        >>> keys("Київ")
        ('київ', 'kyiv', 'kiv', 'kEv')
    """
    exact = exact_key(text)
    a_key = ascii_key(exact)
    m_key = _l2(a_key)
    return exact, a_key, m_key, _l3(m_key)
