"""Romanisation tables for Ukrainian, Russian and Belarusian Cyrillic, written as data.

Each table maps a lower-case Cyrillic letter to its Latin form in the middle of a word; the
``*_INITIAL`` tables give the forms that differ at the start of a word. Upper case is derived.
"""

from __future__ import annotations

#: Ukrainian national system (KMU 2010, Cabinet of Ministers resolution No. 55, 27 Jan 2010).
UK: dict[str, str] = {
    "а": "a",
    "б": "b",
    "в": "v",
    "г": "h",
    "ґ": "g",
    "д": "d",
    "е": "e",
    "є": "ie",
    "ж": "zh",
    "з": "z",
    "и": "y",
    "і": "i",
    "ї": "i",
    "й": "i",
    "к": "k",
    "л": "l",
    "м": "m",
    "н": "n",
    "о": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ф": "f",
    "х": "kh",
    "ц": "ts",
    "ч": "ch",
    "ш": "sh",
    "щ": "shch",
    "ь": "",  # KMU 2010: the soft sign is not rendered
    "ю": "iu",
    "я": "ia",
    "'": "",  # KMU 2010: the apostrophe is not rendered
}
#: KMU 2010: word-initial є ї й ю я are Ye Yi Y Yu Ya.
UK_INITIAL: dict[str, str] = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}

#: Russian: BGN/PCGN 1947 without diacritics, with the English press conventions that the
#: Wikipedia scheme uses (ё → yo, -ий/-ый → -y, soft and hard signs dropped): Красноармейск →
#: Krasnoarmeysk, Дмитров → Dmitrov, Нижний Новгород → Nizhny Novgorod.
RU: dict[str, str] = {
    "а": "a",
    "б": "b",
    "в": "v",
    "г": "g",
    "д": "d",
    "е": "e",
    "ё": "yo",
    "ж": "zh",
    "з": "z",
    "и": "i",
    "й": "y",
    "к": "k",
    "л": "l",
    "м": "m",
    "н": "n",
    "о": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ф": "f",
    "х": "kh",
    "ц": "ts",
    "ч": "ch",
    "ш": "sh",
    "щ": "shch",
    "ъ": "",
    "ы": "y",
    "ь": "",
    "э": "e",
    "ю": "yu",
    "я": "ya",
}
#: BGN/PCGN: е is ye at the start of a word and after a vowel or a sign.
RU_INITIAL: dict[str, str] = {"е": "ye"}

#: Belarusian: BGN/PCGN 1979 without diacritics (г → h, ў → w).
BE: dict[str, str] = {
    "а": "a",
    "б": "b",
    "в": "v",
    "г": "h",
    "ґ": "g",
    "д": "d",
    "е": "ye",
    "ё": "yo",
    "ж": "zh",
    "з": "z",
    "і": "i",
    "й": "y",
    "к": "k",
    "л": "l",
    "м": "m",
    "н": "n",
    "о": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ў": "w",
    "ф": "f",
    "х": "kh",
    "ц": "ts",
    "ч": "ch",
    "ш": "sh",
    "ы": "y",
    "ь": "",
    "э": "e",
    "ю": "yu",
    "я": "ya",
    "'": "",
}
BE_INITIAL: dict[str, str] = {}

TABLES: dict[str, tuple[dict[str, str], dict[str, str]]] = {
    "uk": (UK, UK_INITIAL),
    "ru": (RU, RU_INITIAL),
    "be": (BE, BE_INITIAL),
}

#: Letters that mark a language: і ї є ґ are Ukrainian (і also Belarusian), ў Belarusian,
#: ы э ъ ё Russian (ы э ё also Belarusian).
UKRAINIAN_LETTERS = frozenset("іїєґ")
BELARUSIAN_LETTERS = frozenset("ў")
RUSSIAN_LETTERS = frozenset("ыэъё")

#: Latin letters with a caron or other mark that stand for a digraph in the English readings
#: (ISO 9, scientific and Czech-style spellings), folded before the diacritics are stripped.
LATIN_DIGRAPHS: dict[str, str] = {
    "\u017e": "zh",  # LATIN SMALL LETTER Z WITH CARON
    "\u017c": "zh",  # LATIN SMALL LETTER Z WITH DOT ABOVE (Polish)
    "\u0161": "sh",  # LATIN SMALL LETTER S WITH CARON
    "\u010d": "ch",  # LATIN SMALL LETTER C WITH CARON
    "\u0109": "ch",  # LATIN SMALL LETTER C WITH CIRCUMFLEX (ISO 9 variants)
    "\u015d": "shch",  # LATIN SMALL LETTER S WITH CIRCUMFLEX (ISO 9: щ)
    "\u0142": "l",  # LATIN SMALL LETTER L WITH STROKE
    "\u00f8": "o",  # LATIN SMALL LETTER O WITH STROKE
    "\u0111": "d",  # LATIN SMALL LETTER D WITH STROKE
    "\u00df": "ss",  # LATIN SMALL LETTER SHARP S
    "\u00e6": "ae",  # LATIN SMALL LETTER AE
    "\u0153": "oe",  # LATIN SMALL LIGATURE OE
    "\u0131": "i",  # LATIN SMALL LETTER DOTLESS I
    "\u00fe": "th",  # LATIN SMALL LETTER THORN
    "\u00f0": "d",  # LATIN SMALL LETTER ETH
    "\u0127": "h",  # LATIN SMALL LETTER H WITH STROKE
}

#: Characters that look the same in Latin and Cyrillic (upper and lower case).
HOMOGLYPHS_CYRILLIC_TO_LATIN: dict[str, str] = {
    "\u0430": "a",
    "\u0435": "e",
    "\u043e": "o",
    "\u0440": "p",
    "\u0441": "c",
    "\u0443": "y",
    "\u0445": "x",
    "\u0456": "i",
    "\u0458": "j",
    "\u0455": "s",
    "\u04bb": "h",
    "\u0410": "A",
    "\u0412": "B",
    "\u0415": "E",
    "\u041a": "K",
    "\u041c": "M",
    "\u041d": "H",
    "\u041e": "O",
    "\u0420": "P",
    "\u0421": "C",
    "\u0422": "T",
    "\u0425": "X",
    "\u0423": "Y",
    "\u0406": "I",
    "\u0408": "J",
    "\u0405": "S",
}
HOMOGLYPHS_LATIN_TO_CYRILLIC: dict[str, str] = {
    v: k for k, v in HOMOGLYPHS_CYRILLIC_TO_LATIN.items()
}
