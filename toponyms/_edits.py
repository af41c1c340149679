"""The noisy channel: how a writer, a keyboard or a scanner turns a place name into a text.

Two halves, both over ASCII keys (``_normalize.ascii_key``):

- ``rewrites``: the keys a text may have been written from under a systematic practice (how
  French, German, Polish, Hungarian, Italian, Spanish or Romanian writers spell sounds: tch,
  sch, cz, cs, ou ...) or a scanner's confusions (rn for m, cl for d, 0 for o, 1 for l). Each
  comes with its cost, in edits.
- ``cost``: a weighted edit distance (optimal string alignment) in which the slips people make
  cost less than an arbitrary substitution: two neighbours swapped, a vowel for a vowel, a key
  for its neighbour on a QWERTY keyboard, a dropped vowel, a scanner's confusion.

``budget`` is how much of that a text of a given length may carry and still be read as a name.
"""

from __future__ import annotations

from itertools import pairwise
from typing import Final

__all__ = ["budget", "cost", "rewrites"]

#: Costs of the cheap edits (an arbitrary substitution, insertion or deletion costs 1).
SWAP: Final = 0.6
VOWEL: Final = 0.6
NEIGHBOUR: Final = 0.7
SCAN: Final = 0.5
DROPPED_VOWEL: Final = 0.7
#: Cost of a text read under another language's spelling practice (a whole practice, once).
PRACTICE: Final = 0.3

_VOWELS: Final = frozenset("aeiouy")
_ROWS: Final = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
# Single characters a scanner mistakes for each other (both ways).
_SCAN_PAIRS: Final = ("0o", "1l", "1i", "li", "ce", "5s", "8b", "nu", "hb", "ao", "ft", "gq")
# Several characters a scanner reads as others: written form -> meant form.
_SCAN_CLUSTERS: Final = (
    ("rn", "m"), ("m", "rn"), ("cl", "d"), ("d", "cl"), ("li", "h"), ("h", "li"),
    ("vv", "w"), ("w", "vv"), ("nn", "m"), ("ii", "u"), ("iii", "m"), ("in", "m"),
    ("0", "o"), ("1", "l"), ("1", "i"), ("5", "s"), ("8", "b"), ("6", "b"),
)  # fmt: skip
#: Spelling practices: the letters a writer of that language uses for a sound -> the English
#: (BGN-like) spelling that the keys hold. Applied all at once, longest first.
PRACTICES: Final[dict[str, tuple[tuple[str, str], ...]]] = {
    "fr": (("tch", "ch"), ("dj", "dzh"), ("ch", "sh"), ("ou", "u"), ("j", "zh"), ("gu", "g"),
           ("qu", "k"), ("c", "k"), ("ï", "i")),
    "de": (("tsch", "ch"), ("sch", "sh"), ("dsch", "j"), ("ch", "kh"), ("w", "v"), ("z", "ts"),
           ("j", "y"), ("ei", "ai")),
    "pl": (("szcz", "shch"), ("cz", "ch"), ("sz", "sh"), ("rz", "zh"), ("ch", "kh"), ("w", "v"),
           ("c", "ts"), ("j", "y")),
    "hu": (("cs", "ch"), ("zs", "zh"), ("sz", "s"), ("s", "sh"), ("gy", "d"), ("ny", "n"),
           ("ly", "y"), ("c", "ts")),
    "it": (("sci", "shi"), ("sce", "she"), ("ci", "chi"), ("ce", "che"), ("gi", "ji"),
           ("ge", "je"), ("ch", "k"), ("gh", "g"), ("z", "ts")),
    "es": (("ch", "ch"), ("ll", "y"), ("j", "kh"), ("qu", "k"), ("gu", "g"), ("z", "s"),
           ("c", "k")),
    "ro": (("ci", "chi"), ("ce", "che"), ("gi", "dzhi"), ("ge", "dzhe"), ("ch", "k"),
           ("ș", "sh"), ("ț", "ts"), ("j", "zh")),
}  # fmt: skip


def _neighbours() -> frozenset[tuple[str, str]]:
    pairs: set[tuple[str, str]] = set()
    for row in _ROWS:
        for a, b in pairwise(row):
            pairs |= {(a, b), (b, a)}
    for upper, lower in pairwise(_ROWS):
        for i, a in enumerate(upper):
            for b in lower[max(0, i - 1) : i + 1]:
                pairs |= {(a, b), (b, a)}
    return frozenset(pairs)


_NEIGHBOURS: Final = _neighbours()
_SCAN: Final = frozenset((a, b) for a, b in _SCAN_PAIRS) | frozenset((b, a) for a, b in _SCAN_PAIRS)


def budget(length: int) -> float:
    """The most edits (as ``cost`` counts them) a text of this many letters may carry.

    None below four letters, one from four, two from nine.

    Examples:
        >>> [budget(n) for n in (3, 4, 8, 9, 20)]
        [0.0, 1.0, 1.0, 2.0, 2.0]
    """
    if length < 4:
        return 0.0
    return 1.0 if length < 9 else 2.0


def _substitution(a: str, b: str) -> float:
    if a == b:
        return 0.0
    if (a, b) in _SCAN:
        return SCAN
    if a in _VOWELS and b in _VOWELS:
        return VOWEL
    if (a, b) in _NEIGHBOURS:
        return NEIGHBOUR
    return 1.0


def _indel(text: str, i: int) -> float:
    """Cost of inserting or deleting ``text[i]``: a doubled letter is cheap, a vowel cheaper."""
    ch = text[i]
    if (i and text[i - 1] == ch) or (i + 1 < len(text) and text[i + 1] == ch):
        return SCAN
    return DROPPED_VOWEL if ch in _VOWELS else 1.0


def cost(written: str, meant: str, limit: float = 2.0) -> float:
    """The weighted edit distance from a name to the text written for it.

    Args:
        written: The key of the text.
        meant: The key of a name.
        limit: Stop and return a value above it once the distance must exceed it.

    Examples:
        >>> cost("brabados", "barbados"), cost("ukrane", "ukraine"), cost("kyiv", "kyiv")
        (0.6, 0.7, 0.0)
        >>> cost("germny", "germany"), cost("paris", "pwris"), cost("abcd", "wxyz")
        (0.7, 0.7, 2.1)
    """
    n, m = len(written), len(meant)
    if abs(n - m) > limit:
        return limit + 0.1
    prev2: list[float] = []
    prev = [float(j) for j in range(m + 1)]
    for j in range(1, m + 1):
        prev[j] = prev[j - 1] + _indel(meant, j - 1)
    for i in range(1, n + 1):
        row = [prev[0] + _indel(written, i - 1)] + [0.0] * m
        a = written[i - 1]
        for j in range(1, m + 1):
            b = meant[j - 1]
            best = min(
                prev[j - 1] + _substitution(a, b),
                prev[j] + _indel(written, i - 1),
                row[j - 1] + _indel(meant, j - 1),
            )
            if i > 1 and j > 1 and a == meant[j - 2] and written[i - 2] == b and a != b:
                best = min(best, prev2[j - 2] + SWAP)
            row[j] = best
        if min(row) > limit:
            return limit + 0.1
        prev2, prev = prev, row
    return round(prev[m], 2)


def _replace_each(key: str, old: str, new: str) -> list[str]:
    out: list[str] = []
    start = key.find(old)
    while start >= 0:
        out.append(key[:start] + new + key[start + len(old) :])
        start = key.find(old, start + 1)
    return out


def _practice(key: str, rules: tuple[tuple[str, str], ...]) -> str:
    out: list[str] = []
    i = 0
    while i < len(key):
        for old, new in rules:
            if key.startswith(old, i):
                out.append(new)
                i += len(old)
                break
        else:
            out.append(key[i])
            i += 1
    return "".join(out)


def rewrites(key: str) -> dict[str, float]:
    """Keys a text may have been written from, each with its cost (the text's own key: 0).

    Args:
        key: An ASCII key (``ascii_key``) or a lower-case text.

    Examples:
        >>> found = rewrites("tchernigov")
        >>> found["chernigov"]
        0.3
        >>> rewrites("kharkov")["kharkov"], rewrites("0dessa")["odessa"]
        (0.0, 0.5)
        >>> rewrites("yvvarsaw")["ywarsaw"], rewrites("krakovv")["krakow"]
        (0.5, 0.5)
    """
    found: dict[str, float] = {key: 0.0}

    def add(candidate: str, price: float) -> None:
        if candidate and price < found.get(candidate, 9.0):
            found[candidate] = price

    for rules in PRACTICES.values():
        add(_practice(key, tuple(sorted(rules, key=lambda r: -len(r[0])))), PRACTICE)
    for old, new in _SCAN_CLUSTERS:
        for candidate in _replace_each(key, old, new):
            add(candidate, SCAN)
    if any(ch.isdigit() for ch in key):
        repaired = key
        for old, new in _SCAN_CLUSTERS:
            if old.isdigit():
                repaired = repaired.replace(old, new)
        add(repaired, SCAN)
    return found
