"""Write data/common_words.tsv: words of everyday text that are not place names as written.

The resolver reads it (``toponyms._words``) to tell a near miss of a place from an ordinary word
("Thursday", "Bloomberg"): a text in this table is not resolved through a folded key, an edit
or a fuzzy neighbour, and an unreviewed GeoNames alternate equal to such a word is no evidence
for a small place ("Iskander", a given name, is an alternate of Iskandar, Uzbekistan).

Source: ``wordfreq`` 3.1.1 (code Apache-2.0; word lists CC BY-SA 4.0, see data/README.md), in
the ``build-words`` extra. Rows: ``word`` (lower case, as wordfreq writes it), ``zipf`` (the
highest Zipf frequency over LANGUAGES, one decimal). Kept: words of at least MIN_LETTERS
letters with a Zipf value of at least FLOOR in English or OTHER_FLOOR in another language, and
the English words of at least ALTERNATE_FLOOR that are also the text of a name in names.tsv
(so the alternate rule needs no larger table). Deterministic: same input, same bytes.

    python scripts/make_common_words.py
"""

from __future__ import annotations

import csv
import math
import sys
from pathlib import Path

import wordfreq

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "data" / "common_words.tsv"
LANGUAGES = ("en", "fr", "de", "es", "it", "pl", "pt", "ro", "hu", "nl", "uk", "ru")
MIN_LETTERS = 4
FLOOR = 3.0
OTHER_FLOOR = 3.5
ALTERNATE_FLOOR = 2.0


def _zipf(frequency: float) -> float:
    return math.log10(frequency * 1e9)


def _names() -> set[str]:
    with (ROOT / "data" / "names.tsv").open(encoding="utf-8", newline="") as fh:
        rows = csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        next(rows)
        return {row[1].casefold() for row in rows}


def build() -> dict[str, float]:
    """The table: word -> highest Zipf frequency over the languages."""
    names = _names()
    table: dict[str, float] = {}
    for lang in LANGUAGES:
        floor = FLOOR if lang == "en" else OTHER_FLOOR
        for word, frequency in wordfreq.get_frequency_dict(lang).items():
            if len(word) < MIN_LETTERS or not word.isalpha():
                continue
            zipf = _zipf(frequency)
            wanted = zipf >= floor or (lang == "en" and zipf >= ALTERNATE_FLOOR and word in names)
            if wanted and zipf > table.get(word, 0.0):
                table[word] = zipf
    return table


def main() -> int:
    table = build()
    lines = ["word\tzipf\n"] + [f"{w}\t{z:.1f}\n" for w, z in sorted(table.items())]
    OUT.write_text("".join(lines), encoding="utf-8", newline="\n")
    print(f"{len(table):,} words -> {OUT.relative_to(ROOT)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
