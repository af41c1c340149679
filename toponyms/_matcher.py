"""Fuzzy matching over the gazetteer's match keys, with blocking so a query never scans them all.

Choices are the distinct folded keys of every name (ASCII, romanisation and, for the
Cyrillic-using region, cross-language keys); the query's romanisation and cross-language keys
are searched among them. They are grouped into blocks by their
first two and by their last two characters, each split by length; a query is scored with
``rapidfuzz.distance.OSA.normalized_similarity`` (edits with adjacent transpositions counting
one, as 0-100) against the blocks of its own key
within a small length band only. A typo in the first two letters is still found through the
ending block, and a typo in the last two through the beginning block.

When the floor allows a single edit at most, only the keys that share the query's first
*three* (or last three) characters are scored: far fewer, and the same neighbours. In a key of
seven letters or more the first three and the last three positions are apart, and one edit (a
substitution, an insertion, a deletion, or a transposition of two neighbours) touches at most
one side, so every key one edit away shares the query's first three or last three characters.
A beginning block is sorted, and an ending block sorted by its keys read backwards, so those
keys are one slice of it, found by bisection.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Mapping
from typing import TYPE_CHECKING

from rapidfuzz import process
from rapidfuzz.distance import OSA

from toponyms._normalize import keys

if TYPE_CHECKING:
    from toponyms._gazetteer import Gazetteer
    from toponyms._records import Posting

#: How far (in characters) a choice's key length may differ from the query's when explaining
#: near misses (``strict=False``); in strict mode the band follows from the length floor.
LENGTH_BAND = 2
#: Lowest similarity reported when the length floor is not applied.
LOOSE_FLOOR = 60.0
#: In strict mode (``resolve``) keys shorter than this are not fuzzy-matched at all: one edit in
#: five or six letters turns a surname or a weekday into a place (Putin -> Putian).
STRICT_MIN_KEY_LENGTH = 7
#: Points taken off a similarity measured on cross-language keys.
CROSS_PENALTY = 10.0
#: Keys shorter than this are never fuzzy-matched: one edit changes too much of them.
MIN_KEY_LENGTH = 5


def length_floor(key_length: int) -> float:
    """The lowest similarity (0-100) worth reporting for a key of this length.

    One edit in a short key is a bigger change than in a long one, so short keys need a higher
    score: the floor allows roughly one edit per five characters, and never below 70.

    Examples:
        >>> length_floor(4), length_floor(5), length_floor(10), length_floor(20)
        (101.0, 80.0, 80.0, 80.0)
    """
    if key_length < MIN_KEY_LENGTH:
        return 101.0
    return max(70.0, 100.0 - 100.0 * max(1, key_length // 5) / key_length)


#: Queries at least this long may be narrowed to three shared characters (one edit at most).
WIDE_KEY = 7
#: Sorts after any character a key can hold.
_LAST = "\U0010ffff"


def _backwards(key: str) -> str:
    return key[::-1]


def build_blocks(index: Mapping[str, object]) -> dict[tuple[str, int], tuple[str, ...]]:
    """Group the keys of an index by their first and by their last two characters, and by length.

    ``("ab", 7)`` holds the 7-letter keys starting "ab", sorted; ``("$yz", 7)`` those ending
    "yz", sorted by the key read backwards.
    """
    blocks: dict[tuple[str, int], list[str]] = {}
    for key in index:
        n = len(key)
        if n < MIN_KEY_LENGTH - LENGTH_BAND:
            continue
        blocks.setdefault((key[:2], n), []).append(key)
        blocks.setdefault(("$" + key[-2:], n), []).append(key)
    for block, members in blocks.items():
        members.sort(key=_backwards if block[0].startswith("$") else None)
    # Tuples of strings, which the garbage collector does not visit (see _records.freeze).
    return {block: tuple(keys) for block, keys in blocks.items()}


class FuzzyIndex:
    """Blocked fuzzy search over the keys of a gazetteer.

    Args:
        gazetteer: The gazetteer whose ``match`` and ``cross`` indexes supply the choices.
    """

    def __init__(self, gazetteer: Gazetteer) -> None:
        self._gazetteer = gazetteer
        self._index: dict[str, Posting] = gazetteer.fold
        self._blocks = gazetteer.fuzzy_blocks

    def search(
        self, text: str, *, limit: int = 10, strict: bool = True, floor: float | None = None
    ) -> list[tuple[int, float]]:
        """Name rows whose keys are close to the text's, with similarity scores, best first.

        Args:
            text: The (cleaned) query.
            limit: How many keys to keep per key space before expanding to name rows.
            strict: Apply the length-dependent floor (``length_floor``); otherwise report any
                neighbour scoring ``LOOSE_FLOOR`` or more (to explain near misses).
            floor: In strict mode, a score (0-100, after the cross-language penalty) below
                which a neighbour is of no use to the caller: the search then asks for more
                than the length floor, and scores fewer key lengths.

        Returns:
            ``(name row, score)`` pairs, highest score first; empty for keys that are too short.
        """
        _e, _a, m_key, c_key = keys(text)
        index, blocks = self._index, self._blocks
        best: dict[int, float] = {}
        # Cross-language keys are coarser, so their similarities run high: they pay a penalty.
        searches = [(m_key, 0.0)] if c_key == m_key else [(m_key, 0.0), (c_key, CROSS_PENALTY)]
        shortest = STRICT_MIN_KEY_LENGTH if strict else MIN_KEY_LENGTH
        for key, penalty in searches:
            n = len(key)
            if n < shortest:
                continue
            # The band of key lengths worth scoring: a key d letters longer than the query scores
            # at most 1 - d / (n + d), which reaches the floor f only while d <= n (1 - f) / f.
            if strict:
                cutoff = max(length_floor(n), -1.0 if floor is None else floor + penalty)
                if cutoff > 100.0:
                    continue  # no neighbour can score enough (a short key, a high floor)
                share = cutoff / 100.0
                band = max(1, int(n * (1.0 - share) / share + 1e-9))
                # The most edits a neighbour can be away: similarity is 1 - edits / length.
                edits = int((1.0 - share) * (n + band) + 1e-9)
            else:
                cutoff = LOOSE_FLOOR
                band = LENGTH_BAND
                edits = n
            narrow = edits <= 1 and n >= WIDE_KEY
            head, tail = key[:3], key[-3:][::-1]
            choices: list[str] = []
            for length in range(n - band, n + band + 1):
                block = blocks.get((key[:2], length), ())
                if narrow and block:
                    block = block[bisect_left(block, head) : bisect_left(block, head + _LAST)]
                choices.extend(block)
                block = blocks.get(("$" + key[-2:], length), ())
                if narrow and block:
                    block = block[
                        bisect_left(block, tail, key=_backwards) : bisect_left(
                            block, tail + _LAST, key=_backwards
                        )
                    ]
                choices.extend(block)
            if not choices:
                continue
            found = process.extract(
                key,
                choices,
                scorer=OSA.normalized_similarity,
                processor=None,
                limit=limit * 2,
                # A hair below the floor: one edit in n letters scores exactly 1 - 1 / n, and
                # rapidfuzz must not lose that case to rounding.
                score_cutoff=(cutoff - 0.01) / 100,
            )
            for choice, similarity, _pos in found:
                posting = index[choice]
                score = round(100.0 * float(similarity) - penalty, 1)
                for row in [posting] if isinstance(posting, int) else posting:
                    if score > best.get(row, -1.0):
                        best[row] = score
        return sorted(best.items(), key=lambda item: (-item[1], item[0]))
