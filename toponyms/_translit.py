"""Character tables for the normaliser, written as data (``_normalize`` applies them).

The Ukrainian (KMU 2010), Russian (BGN/PCGN-like without diacritics) and Belarusian (national 2007
system) romanisation tables, the marker letters that tell the three languages apart, and the
character classes that ``clean()`` folds: apostrophe and dash look-alikes, invisible characters and
Latin/Cyrillic/Greek homoglyphs. Confusable characters are written by Unicode name, never as
look-alike literals.

Letter tables are lower case; ``_normalize`` derives the capitalised forms (``щ`` -> ``shch``,
``Щ`` -> ``Shch``). A scheme is a mapping of letters plus context rules: values used at the start
of a word, values used after certain letters, and letter clusters that are read together.
"""

from __future__ import annotations

import unicodedata
from types import MappingProxyType
from typing import Final, NamedTuple

# ---------------------------------------------------------------------------------------------
# Romanisation schemes
# ---------------------------------------------------------------------------------------------


class Scheme(NamedTuple):
    """One romanisation scheme, as data.

    Attributes:
        letters: Lower-case Cyrillic letter (or the ASCII apostrophe) -> its Latin value anywhere
            no context rule applies. An empty value drops the character.
        word_initial: Letters read differently at the start of a word (not preceded by a letter,
            digit or apostrophe).
        after: ``(preceding letters, values)`` pairs: the values apply to a letter that follows
            any of the preceding letters (or an apostrophe, if it is listed).
        clusters: Two-letter sequences read as a unit.
    """

    letters: MappingProxyType[str, str]
    word_initial: MappingProxyType[str, str]
    after: tuple[tuple[str, MappingProxyType[str, str]], ...]
    clusters: MappingProxyType[str, str]


def _frozen(mapping: dict[str, str]) -> MappingProxyType[str, str]:
    return MappingProxyType(mapping)


def _letters(*names: str) -> str:
    """The Cyrillic small letters with these Unicode names (CYRILLIC SMALL LETTER ...)."""
    return "".join(unicodedata.lookup(f"CYRILLIC SMALL LETTER {name}") for name in names)


#: Vowels of Russian and Belarusian other than и and і (each scheme adds what it needs).
_RU_BE_VOWELS = _letters("A", "IE", "IO", "O", "U", "YERU", "E", "YU", "YA")


#: Ukrainian national system, Cabinet of Ministers of Ukraine resolution No. 55 of 27 January 2010
#: ("KMU 2010"). It is the official romanisation of Ukrainian geographic names (adopted by UNGEGN
#: in 2012), so it is what the canonical English names of Ukrainian places follow.
UK_KMU_2010: Final = Scheme(
    letters=_frozen(
        {
            "\N{CYRILLIC SMALL LETTER A}": "a",
            "\N{CYRILLIC SMALL LETTER BE}": "b",
            "\N{CYRILLIC SMALL LETTER VE}": "v",
            "\N{CYRILLIC SMALL LETTER GHE}": "h",  # KMU 2010: г -> h (Hlukhiv, Horlivka)
            "\N{CYRILLIC SMALL LETTER GHE WITH UPTURN}": "g",  # KMU 2010: ґ -> g (Gorgany)
            "\N{CYRILLIC SMALL LETTER DE}": "d",
            "\N{CYRILLIC SMALL LETTER IE}": "e",
            "\N{CYRILLIC SMALL LETTER UKRAINIAN IE}": "ie",  # KMU 2010: є -> ie, Ye- at word start
            "\N{CYRILLIC SMALL LETTER ZHE}": "zh",
            "\N{CYRILLIC SMALL LETTER ZE}": "z",
            "\N{CYRILLIC SMALL LETTER I}": "y",  # KMU 2010: и -> y (Kryvyi Rih)
            "\N{CYRILLIC SMALL LETTER BYELORUSSIAN-UKRAINIAN I}": "i",
            "\N{CYRILLIC SMALL LETTER YI}": "i",  # KMU 2010: ї -> i, Yi- at word start
            "\N{CYRILLIC SMALL LETTER SHORT I}": "i",  # KMU 2010: й -> i, Y- at word start
            "\N{CYRILLIC SMALL LETTER KA}": "k",
            "\N{CYRILLIC SMALL LETTER EL}": "l",
            "\N{CYRILLIC SMALL LETTER EM}": "m",
            "\N{CYRILLIC SMALL LETTER EN}": "n",
            "\N{CYRILLIC SMALL LETTER O}": "o",
            "\N{CYRILLIC SMALL LETTER PE}": "p",
            "\N{CYRILLIC SMALL LETTER ER}": "r",
            "\N{CYRILLIC SMALL LETTER ES}": "s",
            "\N{CYRILLIC SMALL LETTER TE}": "t",
            "\N{CYRILLIC SMALL LETTER U}": "u",
            "\N{CYRILLIC SMALL LETTER EF}": "f",
            "\N{CYRILLIC SMALL LETTER HA}": "kh",
            "\N{CYRILLIC SMALL LETTER TSE}": "ts",
            "\N{CYRILLIC SMALL LETTER CHE}": "ch",
            "\N{CYRILLIC SMALL LETTER SHA}": "sh",
            "\N{CYRILLIC SMALL LETTER SHCHA}": "shch",
            "\N{CYRILLIC SMALL LETTER SOFT SIGN}": "",  # KMU 2010: the soft sign is not rendered
            "\N{CYRILLIC SMALL LETTER YU}": "iu",  # KMU 2010: ю -> iu, Yu- at word start
            "\N{CYRILLIC SMALL LETTER YA}": "ia",  # KMU 2010: я -> ia, Ya- at word start
            "'": "",  # KMU 2010: the apostrophe is not rendered (Znamianka)
        }
    ),
    # KMU 2010: "на початку слова" (at the start of a word) є ї й ю я -> Ye Yi Y Yu Ya.
    word_initial=_frozen(
        {
            "\N{CYRILLIC SMALL LETTER UKRAINIAN IE}": "ye",
            "\N{CYRILLIC SMALL LETTER YI}": "yi",
            "\N{CYRILLIC SMALL LETTER SHORT I}": "y",
            "\N{CYRILLIC SMALL LETTER YU}": "yu",
            "\N{CYRILLIC SMALL LETTER YA}": "ya",
        }
    ),
    after=(),
    # KMU 2010: зг -> zgh, so that it is not read as ж (Zghurivka, Rozghon).
    clusters=_frozen({"\N{CYRILLIC SMALL LETTER ZE}\N{CYRILLIC SMALL LETTER GHE}": "zgh"}),
)

#: Russian: the BGN/PCGN 1947 system with its diacritics and its soft/hard-sign marks (’ ”)
#: removed. Of iuliia's schemes, WIKIPEDIA and MOSMETRO match English press spellings best
#: (Krasnoarmeysk, Zaporozhye, Yenakiyevo), but they write -ий/-ый as -y (Nizhny, Krasny); this
#: scheme keeps BGN's letter-by-letter -iy/-yy (Nizhniy Novgorod, Krasnyy Liman) and BGN's ye
#: after vowels (Makeyevka), which also gives Kiyev: the press form Kiev is a traditional exonym
#: and belongs in the alias table, not in a rule.
RU_BGN_PLAIN: Final = Scheme(
    letters=_frozen(
        {
            "\N{CYRILLIC SMALL LETTER A}": "a",
            "\N{CYRILLIC SMALL LETTER BE}": "b",
            "\N{CYRILLIC SMALL LETTER VE}": "v",
            "\N{CYRILLIC SMALL LETTER GHE}": "g",
            "\N{CYRILLIC SMALL LETTER DE}": "d",
            "\N{CYRILLIC SMALL LETTER IE}": "e",  # BGN: ye at word start and after vowels, ь, ъ
            "\N{CYRILLIC SMALL LETTER IO}": "yo",  # BGN ë written as in the press (Korolyov)
            "\N{CYRILLIC SMALL LETTER ZHE}": "zh",
            "\N{CYRILLIC SMALL LETTER ZE}": "z",
            "\N{CYRILLIC SMALL LETTER I}": "i",
            "\N{CYRILLIC SMALL LETTER SHORT I}": "y",  # BGN: й -> y (Krasnoarmeysk, Nizhniy)
            "\N{CYRILLIC SMALL LETTER KA}": "k",
            "\N{CYRILLIC SMALL LETTER EL}": "l",
            "\N{CYRILLIC SMALL LETTER EM}": "m",
            "\N{CYRILLIC SMALL LETTER EN}": "n",
            "\N{CYRILLIC SMALL LETTER O}": "o",
            "\N{CYRILLIC SMALL LETTER PE}": "p",
            "\N{CYRILLIC SMALL LETTER ER}": "r",
            "\N{CYRILLIC SMALL LETTER ES}": "s",
            "\N{CYRILLIC SMALL LETTER TE}": "t",
            "\N{CYRILLIC SMALL LETTER U}": "u",
            "\N{CYRILLIC SMALL LETTER EF}": "f",
            "\N{CYRILLIC SMALL LETTER HA}": "kh",
            "\N{CYRILLIC SMALL LETTER TSE}": "ts",
            "\N{CYRILLIC SMALL LETTER CHE}": "ch",
            "\N{CYRILLIC SMALL LETTER SHA}": "sh",
            "\N{CYRILLIC SMALL LETTER SHCHA}": "shch",
            "\N{CYRILLIC SMALL LETTER HARD SIGN}": "",  # BGN ” dropped, as the press does
            "\N{CYRILLIC SMALL LETTER YERU}": "y",
            "\N{CYRILLIC SMALL LETTER SOFT SIGN}": "",  # BGN ’ dropped (Lvov, Mariupol)
            "\N{CYRILLIC SMALL LETTER E}": "e",
            "\N{CYRILLIC SMALL LETTER YU}": "yu",
            "\N{CYRILLIC SMALL LETTER YA}": "ya",
            "'": "",  # an apostrophe typed for ъ
        }
    ),
    # BGN: е -> ye at the start of a word (Yekaterinburg, Yenakiyevo).
    word_initial=_frozen({"\N{CYRILLIC SMALL LETTER IE}": "ye"}),
    after=(
        # BGN: е -> ye after a vowel, й, ъ or ь (Zaporozhye, Makeyevka); an apostrophe stands for ъ.
        (
            _RU_BE_VOWELS + _letters("I", "SHORT I", "HARD SIGN", "SOFT SIGN") + "'",
            _frozen({"\N{CYRILLIC SMALL LETTER IE}": "ye"}),
        ),
        # ё after the hushing letters and ц is a plain o (Shcholkovo, not Shchyolkovo).
        (
            _letters("ZHE", "CHE", "SHA", "SHCHA", "TSE"),
            _frozen({"\N{CYRILLIC SMALL LETTER IO}": "o"}),
        ),
    ),
    clusters=_frozen({}),
)

#: Belarusian national system of 2007 (the "Instruction on transliteration of Belarusian
#: geographical names", adopted by UNGEGN in 2007), with its diacritics: Mahilioŭ, Homieĺ,
#: Viciebsk. Used for display only.
BE_NATIONAL_2007: Final = Scheme(
    letters=_frozen(
        {
            "\N{CYRILLIC SMALL LETTER A}": "a",
            "\N{CYRILLIC SMALL LETTER BE}": "b",
            "\N{CYRILLIC SMALL LETTER VE}": "v",
            "\N{CYRILLIC SMALL LETTER GHE}": "h",
            "\N{CYRILLIC SMALL LETTER GHE WITH UPTURN}": "g",
            "\N{CYRILLIC SMALL LETTER DE}": "d",
            "\N{CYRILLIC SMALL LETTER IE}": "ie",  # 2007: ie after a consonant, je elsewhere
            "\N{CYRILLIC SMALL LETTER IO}": "io",
            "\N{CYRILLIC SMALL LETTER ZHE}": "\N{LATIN SMALL LETTER Z WITH CARON}",
            "\N{CYRILLIC SMALL LETTER ZE}": "z",
            "\N{CYRILLIC SMALL LETTER BYELORUSSIAN-UKRAINIAN I}": "i",
            "\N{CYRILLIC SMALL LETTER SHORT I}": "j",
            "\N{CYRILLIC SMALL LETTER KA}": "k",
            "\N{CYRILLIC SMALL LETTER EL}": "l",
            "\N{CYRILLIC SMALL LETTER EM}": "m",
            "\N{CYRILLIC SMALL LETTER EN}": "n",
            "\N{CYRILLIC SMALL LETTER O}": "o",
            "\N{CYRILLIC SMALL LETTER PE}": "p",
            "\N{CYRILLIC SMALL LETTER ER}": "r",
            "\N{CYRILLIC SMALL LETTER ES}": "s",
            "\N{CYRILLIC SMALL LETTER TE}": "t",
            "\N{CYRILLIC SMALL LETTER U}": "u",
            "\N{CYRILLIC SMALL LETTER SHORT U}": "\N{LATIN SMALL LETTER U WITH BREVE}",
            "\N{CYRILLIC SMALL LETTER EF}": "f",
            "\N{CYRILLIC SMALL LETTER HA}": "ch",  # 2007: х -> ch (Chojniki)
            "\N{CYRILLIC SMALL LETTER TSE}": "c",
            "\N{CYRILLIC SMALL LETTER CHE}": "\N{LATIN SMALL LETTER C WITH CARON}",
            "\N{CYRILLIC SMALL LETTER SHA}": "\N{LATIN SMALL LETTER S WITH CARON}",
            "\N{CYRILLIC SMALL LETTER YERU}": "y",
            # 2007: ь marks softness on the letter before it (see clusters); elsewhere dropped.
            "\N{CYRILLIC SMALL LETTER SOFT SIGN}": "",
            "\N{CYRILLIC SMALL LETTER E}": "e",
            "\N{CYRILLIC SMALL LETTER YU}": "iu",
            "\N{CYRILLIC SMALL LETTER YA}": "ia",
            "'": "",  # 2007: the apostrophe is not rendered; the vowel after it takes j
        }
    ),
    # 2007: е ё ю я -> je jo ju ja at the start of a word (Jeĺsk) ...
    word_initial=_frozen(
        {
            "\N{CYRILLIC SMALL LETTER IE}": "je",
            "\N{CYRILLIC SMALL LETTER IO}": "jo",
            "\N{CYRILLIC SMALL LETTER YU}": "ju",
            "\N{CYRILLIC SMALL LETTER YA}": "ja",
        }
    ),
    # ... and after a vowel, an apostrophe, ў or ь (Iŭje).
    after=(
        (
            _RU_BE_VOWELS + _letters("BYELORUSSIAN-UKRAINIAN I", "SHORT U", "SOFT SIGN") + "'",
            _frozen(
                {
                    "\N{CYRILLIC SMALL LETTER IE}": "je",
                    "\N{CYRILLIC SMALL LETTER IO}": "jo",
                    "\N{CYRILLIC SMALL LETTER YU}": "ju",
                    "\N{CYRILLIC SMALL LETTER YA}": "ja",
                }
            ),
        ),
    ),
    # 2007: the soft consonants зь ль нь сь ць -> ź ĺ ń ś ć (Homieĺ, Smarhoń).
    clusters=_frozen(
        {
            "\N{CYRILLIC SMALL LETTER ZE}\N{CYRILLIC SMALL LETTER SOFT SIGN}": (
                "\N{LATIN SMALL LETTER Z WITH ACUTE}"
            ),
            "\N{CYRILLIC SMALL LETTER EL}\N{CYRILLIC SMALL LETTER SOFT SIGN}": (
                "\N{LATIN SMALL LETTER L WITH ACUTE}"
            ),
            "\N{CYRILLIC SMALL LETTER EN}\N{CYRILLIC SMALL LETTER SOFT SIGN}": (
                "\N{LATIN SMALL LETTER N WITH ACUTE}"
            ),
            "\N{CYRILLIC SMALL LETTER ES}\N{CYRILLIC SMALL LETTER SOFT SIGN}": (
                "\N{LATIN SMALL LETTER S WITH ACUTE}"
            ),
            "\N{CYRILLIC SMALL LETTER TSE}\N{CYRILLIC SMALL LETTER SOFT SIGN}": (
                "\N{LATIN SMALL LETTER C WITH ACUTE}"
            ),
        }
    ),
)

#: Belarusian for the match keys: BGN/PCGN's English-convention values in plain ASCII (Vitsyebsk,
#: Mahilyow, Homyel), so that Belarusian forms fold like the Ukrainian and Russian ones do. The 2007
#: system's х -> ch would fall together with ч in the keys.
BE_KEY: Final = Scheme(
    letters=_frozen(
        {
            **UK_KMU_2010.letters,
            "\N{CYRILLIC SMALL LETTER IE}": "ye",  # BGN Belarusian: е -> ye everywhere
            "\N{CYRILLIC SMALL LETTER IO}": "yo",
            "\N{CYRILLIC SMALL LETTER SHORT I}": "y",
            "\N{CYRILLIC SMALL LETTER SHORT U}": "w",  # BGN Belarusian: ў -> w (Shklow)
            "\N{CYRILLIC SMALL LETTER YERU}": "y",
            "\N{CYRILLIC SMALL LETTER E}": "e",
            "\N{CYRILLIC SMALL LETTER YU}": "yu",
            "\N{CYRILLIC SMALL LETTER YA}": "ya",
        }
    ),
    word_initial=_frozen({}),
    after=(),
    clusters=_frozen({}),
)

#: Cyrillic letters of other languages (Serbian, Macedonian, Kazakh, Tajik ...), in plain ASCII,
#: so that no Cyrillic letter a scheme lacks falls through to a generic transliterator.
OTHER_CYRILLIC: Final = _frozen(
    {
        "\N{CYRILLIC SMALL LETTER DJE}": "dj",
        "\N{CYRILLIC SMALL LETTER JE}": "j",
        "\N{CYRILLIC SMALL LETTER LJE}": "lj",
        "\N{CYRILLIC SMALL LETTER NJE}": "nj",
        "\N{CYRILLIC SMALL LETTER TSHE}": "c",
        "\N{CYRILLIC SMALL LETTER DZHE}": "dzh",
        "\N{CYRILLIC SMALL LETTER GJE}": "gj",
        "\N{CYRILLIC SMALL LETTER KJE}": "kj",
        "\N{CYRILLIC SMALL LETTER DZE}": "dz",
        "\N{CYRILLIC SMALL LETTER SCHWA}": "a",
        "\N{CYRILLIC SMALL LETTER GHE WITH STROKE}": "gh",
        "\N{CYRILLIC SMALL LETTER KA WITH DESCENDER}": "k",
        "\N{CYRILLIC SMALL LETTER EN WITH DESCENDER}": "ng",
        "\N{CYRILLIC SMALL LETTER BARRED O}": "o",
        "\N{CYRILLIC SMALL LETTER STRAIGHT U WITH STROKE}": "u",
        "\N{CYRILLIC SMALL LETTER STRAIGHT U}": "u",
        "\N{CYRILLIC SMALL LETTER SHHA}": "h",
        "\N{CYRILLIC SMALL LETTER HA WITH DESCENDER}": "h",
        "\N{CYRILLIC SMALL LETTER CHE WITH DESCENDER}": "j",
        "\N{CYRILLIC SMALL LETTER I WITH MACRON}": "i",
        "\N{CYRILLIC SMALL LETTER U WITH MACRON}": "u",
    }
)

# ---------------------------------------------------------------------------------------------
# Telling Ukrainian, Russian and Belarusian apart
# ---------------------------------------------------------------------------------------------

#: Only Belarusian has ў.
BELARUSIAN_ONLY: Final = "\N{CYRILLIC SMALL LETTER SHORT U}"
#: Only Ukrainian has ї є ґ (ґ is rare in Belarusian and then only in the classical orthography).
UKRAINIAN_ONLY: Final = (
    "\N{CYRILLIC SMALL LETTER YI}"
    "\N{CYRILLIC SMALL LETTER UKRAINIAN IE}"
    "\N{CYRILLIC SMALL LETTER GHE WITH UPTURN}"
)
#: і is Ukrainian and Belarusian; with ы, э or ё beside it the text is Belarusian.
UKRAINIAN_OR_BELARUSIAN: Final = "\N{CYRILLIC SMALL LETTER BYELORUSSIAN-UKRAINIAN I}"
#: ы э ё are Russian and Belarusian, ъ only Russian; none of them is Ukrainian.
RUSSIAN_OR_BELARUSIAN: Final = (
    "\N{CYRILLIC SMALL LETTER YERU}"
    "\N{CYRILLIC SMALL LETTER E}"
    "\N{CYRILLIC SMALL LETTER IO}"
    "\N{CYRILLIC SMALL LETTER HARD SIGN}"
)
#: Spellings that only Ukrainian uses, for Cyrillic without a marker letter: the soft sign in the
#: suffixes -ськ/-зьк/-цьк (Покровськ, Донецьк; Russian writes -ск, -цк) and after ц (Кременець),
#: and an apostrophe between letters (Кам'янське; Russian writes ъ or ь). Regular expressions.
UKRAINIAN_SPELLINGS: Final = (
    f"[{_letters('ES', 'ZE', 'TSE')}]{_letters('SOFT SIGN', 'KA')}",
    "\N{CYRILLIC SMALL LETTER TSE}\N{CYRILLIC SMALL LETTER SOFT SIGN}",
    "[\u0430-\u044f\u0456\u0457\u0454\u0491]'[\u0430-\u044f\u0456\u0457\u0454\u0491]",
)

# ---------------------------------------------------------------------------------------------
# Latin letters for the ASCII key
# ---------------------------------------------------------------------------------------------

#: Caron and similar letters whose English reading is a digraph, mapped before diacritics are
#: stripped (ISO 9 / Czech / Polish spellings of Cyrillic names: Žytomyr, Čerkasy, Żytomierz).
LATIN_DIGRAPH_LETTERS: Final = _frozen(
    {
        "\N{LATIN SMALL LETTER Z WITH CARON}": "zh",
        "\N{LATIN SMALL LETTER S WITH CARON}": "sh",
        "\N{LATIN SMALL LETTER C WITH CARON}": "ch",
        "\N{LATIN SMALL LETTER S WITH CIRCUMFLEX}": "shch",  # ISO 9: щ -> ŝ
        "\N{LATIN SMALL LETTER Z WITH DOT ABOVE}": "zh",  # Polish ż = ж
    }
)

#: Latin letters that have no decomposition, so NFKD leaves them whole: their ASCII reading.
LATIN_UNDECOMPOSABLE: Final = _frozen(
    {
        "\N{LATIN SMALL LETTER L WITH STROKE}": "l",
        "\N{LATIN SMALL LETTER O WITH STROKE}": "o",
        "\N{LATIN SMALL LETTER D WITH STROKE}": "d",
        "\N{LATIN SMALL LETTER SHARP S}": "ss",
        "\N{LATIN SMALL LETTER AE}": "ae",
        "\N{LATIN SMALL LIGATURE OE}": "oe",
        "\N{LATIN SMALL LETTER DOTLESS I}": "i",
        "\N{LATIN SMALL LETTER THORN}": "th",
        "\N{LATIN SMALL LETTER ETH}": "d",
        "\N{LATIN SMALL LETTER H WITH STROKE}": "h",
        "\N{LATIN SMALL LETTER T WITH STROKE}": "t",
        "\N{LATIN SMALL LETTER ENG}": "ng",
    }
)

#: Whole words that mean "saint" in place names, and the key word they become
#: (St. Petersburg, Sankt-Peterburg, Saint-Pétersbourg -> st...).
SAINT_WORDS: Final = _frozen({"saint": "st", "sankt": "st", "sainte": "ste"})

# ---------------------------------------------------------------------------------------------
# Unicode noise for clean()
# ---------------------------------------------------------------------------------------------

#: Characters written for an apostrophe (Ukrainian Кам'янське, Luhans'k, Ternopil`), all -> "'".
APOSTROPHES: Final = (
    "\N{RIGHT SINGLE QUOTATION MARK}",
    "\N{LEFT SINGLE QUOTATION MARK}",
    "\N{SINGLE HIGH-REVERSED-9 QUOTATION MARK}",
    "\N{MODIFIER LETTER APOSTROPHE}",  # the Ukrainian apostrophe of the standard, U+02BC
    "\N{MODIFIER LETTER PRIME}",  # ISO 9 / BGN soft sign
    "\N{MODIFIER LETTER DOUBLE PRIME}",  # BGN hard sign
    "\N{MODIFIER LETTER TURNED COMMA}",
    "\N{MODIFIER LETTER REVERSED COMMA}",
    "\N{MODIFIER LETTER ACUTE ACCENT}",
    "\N{MODIFIER LETTER GRAVE ACCENT}",
    "\N{MODIFIER LETTER RIGHT HALF RING}",
    "\N{MODIFIER LETTER LEFT HALF RING}",
    "\N{LATIN SMALL LETTER SALTILLO}",
    "\N{PRIME}",
    "\N{REVERSED PRIME}",
    "\N{GRAVE ACCENT}",
    # NFKC turns the next four into a space plus a combining mark, so they are mapped before it.
    "\N{ACUTE ACCENT}",
    "\N{GREEK TONOS}",
    "\N{GREEK OXIA}",
    "\N{GREEK PSILI}",
    "\N{GREEK VARIA}",
    "\N{FULLWIDTH APOSTROPHE}",
    "\N{FULLWIDTH GRAVE ACCENT}",
    "\N{ARMENIAN APOSTROPHE}",
)

#: Characters written for a hyphen in compound names (Ivano-Frankivsk), all -> "-".
DASHES: Final = (
    "\N{HYPHEN}",
    "\N{NON-BREAKING HYPHEN}",
    "\N{FIGURE DASH}",
    "\N{EN DASH}",
    "\N{EM DASH}",
    "\N{HORIZONTAL BAR}",
    "\N{MINUS SIGN}",
    "\N{HYPHEN BULLET}",
    "\N{TWO-EM DASH}",
    "\N{THREE-EM DASH}",
    "\N{DOUBLE HYPHEN}",
    "\N{SMALL EM DASH}",
    "\N{SMALL HYPHEN-MINUS}",
    "\N{FULLWIDTH HYPHEN-MINUS}",
    "\N{ARMENIAN HYPHEN}",
    "\N{HEBREW PUNCTUATION MAQAF}",
)

#: Every character of general category Zs, Zl, Zp, and the white-space controls: all -> " ".
SPACES: Final = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f\x85"
    "\N{SPACE}\N{NO-BREAK SPACE}\N{OGHAM SPACE MARK}"
    "\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\N{LINE SEPARATOR}\N{PARAGRAPH SEPARATOR}\N{NARROW NO-BREAK SPACE}"
    "\N{MEDIUM MATHEMATICAL SPACE}\N{IDEOGRAPHIC SPACE}"
)

#: Code point ranges (inclusive) deleted by clean(): every format character (Unicode category Cf:
#: zero-width space/joiners, bidi marks, embeddings and isolates, BOM, soft hyphen, tags ...), the
#: non-space control characters, variation selectors, the combining grapheme joiner and lone
#: surrogates (from ``surrogateescape`` decoding). The test suite checks this against the
#: running Python's Unicode database.
DELETED_RANGES: Final = (
    (0x0000, 0x0008),  # C0 controls, less the white-space ones in SPACES
    (0x000E, 0x001B),
    (0x007F, 0x0084),  # DEL and C1 controls, less NEL (in SPACES)
    (0x0086, 0x009F),
    (0x00AD, 0x00AD),  # SOFT HYPHEN
    (0x034F, 0x034F),  # COMBINING GRAPHEME JOINER
    (0x0600, 0x0605),  # Arabic number signs
    (0x061C, 0x061C),  # ARABIC LETTER MARK
    (0x06DD, 0x06DD),
    (0x070F, 0x070F),
    (0x0890, 0x0891),
    (0x08E2, 0x08E2),
    (0x180B, 0x180F),  # Mongolian free variation selectors and vowel separator
    (0x200B, 0x200F),  # ZERO WIDTH SPACE, ZWNJ, ZWJ, LRM, RLM
    (0x202A, 0x202E),  # bidi embeddings and overrides
    (0x2060, 0x2064),  # WORD JOINER, invisible operators
    (0x2066, 0x206F),  # bidi isolates, deprecated format characters
    (0xD800, 0xDFFF),  # surrogates
    (0xFE00, 0xFE0F),  # VARIATION SELECTOR-1..16
    (0xFEFF, 0xFEFF),  # ZERO WIDTH NO-BREAK SPACE (BOM)
    (0xFFF9, 0xFFFB),  # interlinear annotation
    (0x110BD, 0x110BD),
    (0x110CD, 0x110CD),
    (0x13430, 0x1343F),  # Egyptian hieroglyph format controls
    (0x1BCA0, 0x1BCA3),  # shorthand format controls
    (0x1D173, 0x1D17A),  # musical symbol format controls
    (0xE0001, 0xE0001),  # LANGUAGE TAG
    (0xE0020, 0xE007F),  # tag characters
    (0xE0100, 0xE01EF),  # VARIATION SELECTOR-17..256
)

#: Combining marks that are stress accents when they sit on a Cyrillic vowel (Ки́їв, Запоро́жье).
#: NFC composes е and и with the grave into ѐ and ѝ; they are taken apart and lose the accent too.
#: (In Bulgarian and Macedonian ѐ and ѝ mark homographs, which no place name depends on.) Marks on
#: consonants stay: Macedonian ѓ and ќ are г and к with an acute.
STRESS_MARKS: Final = "\N{COMBINING GRAVE ACCENT}\N{COMBINING ACUTE ACCENT}"

#: The Cyrillic vowels of Ukrainian, Russian and Belarusian, in their NFD base form (ё is е with a
#: diaeresis, ї is і with one).
CYRILLIC_VOWELS: Final = (
    "\N{CYRILLIC SMALL LETTER A}\N{CYRILLIC SMALL LETTER IE}\N{CYRILLIC SMALL LETTER I}"
    "\N{CYRILLIC SMALL LETTER O}\N{CYRILLIC SMALL LETTER U}\N{CYRILLIC SMALL LETTER YERU}"
    "\N{CYRILLIC SMALL LETTER E}\N{CYRILLIC SMALL LETTER YU}\N{CYRILLIC SMALL LETTER YA}"
    "\N{CYRILLIC SMALL LETTER BYELORUSSIAN-UKRAINIAN I}\N{CYRILLIC SMALL LETTER UKRAINIAN IE}"
    "\N{CYRILLIC CAPITAL LETTER A}\N{CYRILLIC CAPITAL LETTER IE}\N{CYRILLIC CAPITAL LETTER I}"
    "\N{CYRILLIC CAPITAL LETTER O}\N{CYRILLIC CAPITAL LETTER U}\N{CYRILLIC CAPITAL LETTER YERU}"
    "\N{CYRILLIC CAPITAL LETTER E}\N{CYRILLIC CAPITAL LETTER YU}\N{CYRILLIC CAPITAL LETTER YA}"
    "\N{CYRILLIC CAPITAL LETTER BYELORUSSIAN-UKRAINIAN I}\N{CYRILLIC CAPITAL LETTER UKRAINIAN IE}"
)

# ---------------------------------------------------------------------------------------------
# Homoglyphs: letters of one script that look like letters of another
# ---------------------------------------------------------------------------------------------
# Used only inside a word that mixes scripts, to move the minority script's letters to the
# majority's. Not a full Unicode TR39 confusable skeleton: that maps real letters to odd look-alikes
# and is meant for spoof detection, not for names.

#: Cyrillic -> Latin, for Latin words with a Cyrillic letter inside (Pokrоvsk).
CYRILLIC_TO_LATIN: Final = _frozen(
    {
        "\N{CYRILLIC SMALL LETTER A}": "a",
        "\N{CYRILLIC SMALL LETTER IE}": "e",
        "\N{CYRILLIC SMALL LETTER IO}": "\N{LATIN SMALL LETTER E WITH DIAERESIS}",
        "\N{CYRILLIC SMALL LETTER DZE}": "s",
        "\N{CYRILLIC SMALL LETTER BYELORUSSIAN-UKRAINIAN I}": "i",
        "\N{CYRILLIC SMALL LETTER YI}": "\N{LATIN SMALL LETTER I WITH DIAERESIS}",
        "\N{CYRILLIC SMALL LETTER JE}": "j",
        "\N{CYRILLIC SMALL LETTER KA}": "k",
        "\N{CYRILLIC SMALL LETTER O}": "o",
        "\N{CYRILLIC SMALL LETTER ER}": "p",
        "\N{CYRILLIC SMALL LETTER ES}": "c",
        "\N{CYRILLIC SMALL LETTER U}": "y",
        "\N{CYRILLIC SMALL LETTER STRAIGHT U}": "y",
        "\N{CYRILLIC SMALL LETTER HA}": "x",
        "\N{CYRILLIC SMALL LETTER SHHA}": "h",
        "\N{CYRILLIC SMALL LETTER KOMI DE}": "d",
        "\N{CYRILLIC SMALL LETTER QA}": "q",
        "\N{CYRILLIC SMALL LETTER WE}": "w",
        "\N{CYRILLIC SMALL LETTER PALOCHKA}": "l",
        "\N{CYRILLIC CAPITAL LETTER A}": "A",
        "\N{CYRILLIC CAPITAL LETTER VE}": "B",
        "\N{CYRILLIC CAPITAL LETTER IE}": "E",
        "\N{CYRILLIC CAPITAL LETTER IO}": "\N{LATIN CAPITAL LETTER E WITH DIAERESIS}",
        "\N{CYRILLIC CAPITAL LETTER DZE}": "S",
        "\N{CYRILLIC CAPITAL LETTER BYELORUSSIAN-UKRAINIAN I}": "I",
        "\N{CYRILLIC CAPITAL LETTER YI}": "\N{LATIN CAPITAL LETTER I WITH DIAERESIS}",
        "\N{CYRILLIC CAPITAL LETTER JE}": "J",
        "\N{CYRILLIC CAPITAL LETTER KA}": "K",
        "\N{CYRILLIC CAPITAL LETTER EM}": "M",
        "\N{CYRILLIC CAPITAL LETTER EN}": "H",
        "\N{CYRILLIC CAPITAL LETTER O}": "O",
        "\N{CYRILLIC CAPITAL LETTER ER}": "P",
        "\N{CYRILLIC CAPITAL LETTER ES}": "C",
        "\N{CYRILLIC CAPITAL LETTER TE}": "T",
        "\N{CYRILLIC CAPITAL LETTER U}": "Y",
        "\N{CYRILLIC CAPITAL LETTER STRAIGHT U}": "Y",
        "\N{CYRILLIC CAPITAL LETTER HA}": "X",
        "\N{CYRILLIC CAPITAL LETTER SHHA}": "H",
        "\N{CYRILLIC CAPITAL LETTER QA}": "Q",
        "\N{CYRILLIC CAPITAL LETTER WE}": "W",
        "\N{CYRILLIC LETTER PALOCHKA}": "I",
    }
)

#: Latin -> Cyrillic, for Cyrillic words with a Latin letter inside (Latin i typed for Ukrainian і
#: is the most common real case). Only letters a Russian/Ukrainian/Belarusian word can contain.
LATIN_TO_CYRILLIC: Final = _frozen(
    {
        "a": "\N{CYRILLIC SMALL LETTER A}",
        "c": "\N{CYRILLIC SMALL LETTER ES}",
        "e": "\N{CYRILLIC SMALL LETTER IE}",
        "\N{LATIN SMALL LETTER E WITH DIAERESIS}": "\N{CYRILLIC SMALL LETTER IO}",
        "i": "\N{CYRILLIC SMALL LETTER BYELORUSSIAN-UKRAINIAN I}",
        "\N{LATIN SMALL LETTER I WITH DIAERESIS}": "\N{CYRILLIC SMALL LETTER YI}",
        "j": "\N{CYRILLIC SMALL LETTER JE}",
        "k": "\N{CYRILLIC SMALL LETTER KA}",
        "o": "\N{CYRILLIC SMALL LETTER O}",
        "p": "\N{CYRILLIC SMALL LETTER ER}",
        "x": "\N{CYRILLIC SMALL LETTER HA}",
        "y": "\N{CYRILLIC SMALL LETTER U}",
        "A": "\N{CYRILLIC CAPITAL LETTER A}",
        "B": "\N{CYRILLIC CAPITAL LETTER VE}",
        "C": "\N{CYRILLIC CAPITAL LETTER ES}",
        "E": "\N{CYRILLIC CAPITAL LETTER IE}",
        "\N{LATIN CAPITAL LETTER E WITH DIAERESIS}": "\N{CYRILLIC CAPITAL LETTER IO}",
        "H": "\N{CYRILLIC CAPITAL LETTER EN}",
        "I": "\N{CYRILLIC CAPITAL LETTER BYELORUSSIAN-UKRAINIAN I}",
        "\N{LATIN CAPITAL LETTER I WITH DIAERESIS}": "\N{CYRILLIC CAPITAL LETTER YI}",
        "J": "\N{CYRILLIC CAPITAL LETTER JE}",
        "K": "\N{CYRILLIC CAPITAL LETTER KA}",
        "M": "\N{CYRILLIC CAPITAL LETTER EM}",
        "O": "\N{CYRILLIC CAPITAL LETTER O}",
        "P": "\N{CYRILLIC CAPITAL LETTER ER}",
        "T": "\N{CYRILLIC CAPITAL LETTER TE}",
        "X": "\N{CYRILLIC CAPITAL LETTER HA}",
        "Y": "\N{CYRILLIC CAPITAL LETTER U}",
    }
)

#: Greek -> Latin, for Latin words with a Greek letter inside (Αlchevsk with a capital alpha).
GREEK_TO_LATIN: Final = _frozen(
    {
        "\N{GREEK CAPITAL LETTER ALPHA}": "A",
        "\N{GREEK CAPITAL LETTER BETA}": "B",
        "\N{GREEK CAPITAL LETTER EPSILON}": "E",
        "\N{GREEK CAPITAL LETTER ZETA}": "Z",
        "\N{GREEK CAPITAL LETTER ETA}": "H",
        "\N{GREEK CAPITAL LETTER IOTA}": "I",
        "\N{GREEK CAPITAL LETTER KAPPA}": "K",
        "\N{GREEK CAPITAL LETTER MU}": "M",
        "\N{GREEK CAPITAL LETTER NU}": "N",
        "\N{GREEK CAPITAL LETTER OMICRON}": "O",
        "\N{GREEK CAPITAL LETTER RHO}": "P",
        "\N{GREEK CAPITAL LETTER TAU}": "T",
        "\N{GREEK CAPITAL LETTER UPSILON}": "Y",
        "\N{GREEK CAPITAL LETTER CHI}": "X",
        "\N{GREEK CAPITAL LUNATE SIGMA SYMBOL}": "C",
        "\N{GREEK SMALL LETTER ALPHA}": "a",
        "\N{GREEK SMALL LETTER IOTA}": "i",
        "\N{GREEK SMALL LETTER KAPPA}": "k",
        "\N{GREEK SMALL LETTER NU}": "v",
        "\N{GREEK SMALL LETTER OMICRON}": "o",
        "\N{GREEK SMALL LETTER RHO}": "p",
        "\N{GREEK SMALL LETTER UPSILON}": "u",
        "\N{GREEK SMALL LETTER CHI}": "x",
        "\N{GREEK LUNATE SIGMA SYMBOL}": "c",
        "\N{GREEK LETTER YOT}": "j",
    }
)

#: Greek -> Cyrillic, for Cyrillic words with a Greek letter inside.
GREEK_TO_CYRILLIC: Final = _frozen(
    {
        "\N{GREEK CAPITAL LETTER ALPHA}": "\N{CYRILLIC CAPITAL LETTER A}",
        "\N{GREEK CAPITAL LETTER BETA}": "\N{CYRILLIC CAPITAL LETTER VE}",
        "\N{GREEK CAPITAL LETTER GAMMA}": "\N{CYRILLIC CAPITAL LETTER GHE}",
        "\N{GREEK CAPITAL LETTER EPSILON}": "\N{CYRILLIC CAPITAL LETTER IE}",
        "\N{GREEK CAPITAL LETTER ETA}": "\N{CYRILLIC CAPITAL LETTER EN}",
        "\N{GREEK CAPITAL LETTER IOTA}": "\N{CYRILLIC CAPITAL LETTER BYELORUSSIAN-UKRAINIAN I}",
        "\N{GREEK CAPITAL LETTER KAPPA}": "\N{CYRILLIC CAPITAL LETTER KA}",
        "\N{GREEK CAPITAL LETTER MU}": "\N{CYRILLIC CAPITAL LETTER EM}",
        "\N{GREEK CAPITAL LETTER OMICRON}": "\N{CYRILLIC CAPITAL LETTER O}",
        "\N{GREEK CAPITAL LETTER PI}": "\N{CYRILLIC CAPITAL LETTER PE}",
        "\N{GREEK CAPITAL LETTER RHO}": "\N{CYRILLIC CAPITAL LETTER ER}",
        "\N{GREEK CAPITAL LETTER TAU}": "\N{CYRILLIC CAPITAL LETTER TE}",
        "\N{GREEK CAPITAL LETTER UPSILON}": "\N{CYRILLIC CAPITAL LETTER U}",
        "\N{GREEK CAPITAL LETTER PHI}": "\N{CYRILLIC CAPITAL LETTER EF}",
        "\N{GREEK CAPITAL LETTER CHI}": "\N{CYRILLIC CAPITAL LETTER HA}",
        "\N{GREEK CAPITAL LUNATE SIGMA SYMBOL}": "\N{CYRILLIC CAPITAL LETTER ES}",
        "\N{GREEK SMALL LETTER ALPHA}": "\N{CYRILLIC SMALL LETTER A}",
        "\N{GREEK SMALL LETTER KAPPA}": "\N{CYRILLIC SMALL LETTER KA}",
        "\N{GREEK SMALL LETTER OMICRON}": "\N{CYRILLIC SMALL LETTER O}",
        "\N{GREEK SMALL LETTER RHO}": "\N{CYRILLIC SMALL LETTER ER}",
        "\N{GREEK SMALL LETTER PHI}": "\N{CYRILLIC SMALL LETTER EF}",
        "\N{GREEK SMALL LETTER CHI}": "\N{CYRILLIC SMALL LETTER HA}",
        "\N{GREEK LUNATE SIGMA SYMBOL}": "\N{CYRILLIC SMALL LETTER ES}",
    }
)
