"""Write toponyms/lexicon/frequent_words.tsv: one-word place names that are frequent words.

A name listed there is taken in running text only with evidence (see toponyms/_find.py). The
list is the single-word exact keys of the gazetteer whose word frequency in English (Latin
script) or Ukrainian and Russian (Cyrillic) is at least ZIPF, by ``wordfreq`` (Apache-2.0 code;
its frequency data CC BY-SA 4.0): only the words are kept, not the figures.

Run: python scripts/build_frequent_words.py  (needs ``pip install wordfreq``).
"""

from __future__ import annotations

import re
from pathlib import Path

from wordfreq import zipf_frequency

from toponyms._resolver import default_resolver

ZIPF = 4.0
OUT = Path(__file__).resolve().parents[1] / "toponyms" / "lexicon" / "frequent_words.tsv"
_LATIN = re.compile(r"^[a-z]+$")
_CYRILLIC = re.compile(r"^[а-яёєіїґ']+$")


def main() -> None:
    gaz = default_resolver().gazetteer
    rows: list[tuple[str, str, float]] = []
    for key in gaz.exact:
        if _LATIN.match(key):
            langs = ("en",)
        elif _CYRILLIC.match(key):
            langs = ("uk", "ru")
        else:
            continue
        for lang in langs:
            zipf = zipf_frequency(key, lang)
            if zipf >= ZIPF:
                rows.append((key, lang, zipf))
    rows.sort(key=lambda r: (r[1], r[0]))
    header = (
        "# One-word place names that are frequent words: taken in running text only with "
        "evidence.\n"
        f"# source: wordfreq 3.1 zipf_frequency >= {ZIPF} in the language (en for Latin, uk and "
        "ru for Cyrillic) over the gazetteer's one-word names; built by "
        "scripts/build_frequent_words.py. Licence: CC BY-SA 4.0 (wordfreq's word lists), as "
        "data/common_words.tsv\n"
        "word\tlang\n"
    )
    OUT.write_text(header + "".join(f"{w}\t{lang}\n" for w, lang, _z in rows), encoding="utf-8")
    print(len(rows), "words")


if __name__ == "__main__":
    main()
