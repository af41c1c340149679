"""Ordinary words: how often a text occurs in everyday writing (``data/common_words.tsv``).

A place is only *guessed* from a near miss when the text is not itself an ordinary word:
"Thursday" is a weekday before it is one edit from a town, "Bloomberg" a company before it is
Blomberg with a doubled letter. The table holds Zipf frequencies (log10 of occurrences per
billion words) from ``wordfreq`` word lists, derived by ``scripts/make_common_words.py``; it is
read once, on the first question that needs it.
"""

from __future__ import annotations

from pathlib import Path

from toponyms import _lazy
from toponyms._data import data_dir

__all__ = ["COMMON", "zipf"]

#: Zipf frequency from which a text is an ordinary word, never a near miss of a place
#: (3.0: once per million words; "Thursday" 4.6, "Bloomberg" 3.6, "Kyiv" 4.1 in Ukrainian).
COMMON = 3.0

_TABLE: dict[str, float] | None = None


def _read(path: Path) -> dict[str, float]:
    table: dict[str, float] = {}
    if not path.is_file():
        return table  # a data folder without the table: no word is known as common
    with path.open(encoding="utf-8") as fh:
        next(fh, None)
        for line in fh:
            word, _tab, value = line.rstrip("\n").partition("\t")
            table[word] = float(value)
    return table


def zipf(text: str) -> float:
    """The Zipf frequency of a text as an ordinary word (0.0 when the table lacks it).

    Args:
        text: A word, in any case.

    Examples:
        >>> zipf("Thursday") >= COMMON, zipf("Brabados")
        (True, 0.0)
    """
    global _TABLE
    table = _TABLE
    if table is None:
        with _lazy.LOCK:
            if _TABLE is None:
                _TABLE = _read(data_dir() / "common_words.tsv")
            table = _TABLE
    return table.get(text.casefold(), 0.0)
