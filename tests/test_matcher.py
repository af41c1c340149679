"""The fuzzy index (``_matcher.FuzzyIndex``) on its own: blocking loses nothing, floors cut."""

from __future__ import annotations

import pytest

import toponyms
from toponyms._matcher import STRICT_MIN_KEY_LENGTH, length_floor
from toponyms._normalize import keys

FUZZY = toponyms.default_resolver()._fuzzy()


def _typo_names() -> list[str]:
    """Real names of 7 letters or more with one letter doubled, dropped or swapped."""
    gaz = toponyms.default_resolver().gazetteer
    names = [gaz.name_text[r] for r in range(0, len(gaz.name_text), 211)]
    out = []
    for i, name in enumerate(n for n in names if len(n) >= 7):
        k = 1 + i % (len(name) - 2)
        edit = i % 3
        if edit == 0:
            out.append(name[:k] + name[k] + name[k:])
        elif edit == 1:
            out.append(name[:k] + name[k + 1 :])
        else:
            out.append(name[:k] + name[k + 1] + name[k] + name[k + 2 :])
    return out


@pytest.mark.parametrize("floor", [80.0, 85.0, 95.0])
def test_a_fuzzy_floor_only_drops_neighbours_below_it(floor: float) -> None:
    """The resolver asks the fuzzy search for nothing it cannot use: what it gets back is
    exactly what a search without the floor finds at or above it."""
    fuzzy = FUZZY
    for text in _typo_names():
        full = fuzzy.search(text, limit=25)
        cut = fuzzy.search(text, limit=25, floor=floor)
        assert cut == [(row, score) for row, score in full if score >= floor], text


@pytest.mark.slow  # scores every key by brute force (~10 s)
def test_the_blocked_fuzzy_search_finds_what_scoring_every_key_finds() -> None:
    """Blocks (and, with one edit at most, three shared characters) lose no neighbour: the
    search equals rapidfuzz over every key of a suitable length, for real names with a typo."""
    from rapidfuzz import process
    from rapidfuzz.distance import OSA

    from toponyms._matcher import CROSS_PENALTY, length_floor
    from toponyms._normalize import keys

    fuzzy = FUZZY
    index = fuzzy._index
    by_length: dict[int, list[str]] = {}
    for key in index:
        by_length.setdefault(len(key), []).append(key)
    pools: dict[int, list[str]] = {}
    floor = 85.0
    for text in _typo_names()[::10]:
        _e, _a, m_key, c_key = keys(text)
        expected: dict[int, float] = {}
        searches = [(m_key, 0.0)] if c_key == m_key else [(m_key, 0.0), (c_key, CROSS_PENALTY)]
        for key, penalty in searches:
            n = len(key)
            cutoff = max(length_floor(n), floor + penalty)
            if n < 7 or cutoff > 100:
                continue
            if n not in pools:
                pools[n] = [k for m in range(n - 3, n + 4) for k in by_length.get(m, [])]
            pool = pools[n]
            found = process.extract(
                key,
                pool,
                scorer=OSA.normalized_similarity,
                processor=None,
                limit=None,
                score_cutoff=(cutoff - 0.01) / 100,
            )
            if len(found) > 50:
                break  # more than the search keeps: ties decide, nothing to compare
            for choice, similarity, _pos in found:
                posting = index[choice]
                score = round(100.0 * float(similarity) - penalty, 1)
                for row in [posting] if isinstance(posting, int) else posting:
                    expected[row] = max(expected.get(row, -1.0), score)
        else:
            got = dict(fuzzy.search(text, limit=25, floor=floor))
            assert got == expected, text


def test_a_known_key_is_its_own_best_neighbour() -> None:
    gaz = toponyms.default_resolver().gazetteer
    texts = [gaz.name_text[r] for r in range(0, len(gaz.name_text), 401)]
    # Names whose key is long enough to be searched, and stored as the query's key (some
    # stored keys use a regional romanisation).
    texts = [
        t
        for t in texts
        if len(keys(t)[2]) >= STRICT_MIN_KEY_LENGTH and t.isalpha() and keys(t)[2] in FUZZY._index
    ]
    missing = [t for t in texts if not any(score == 100.0 for _, score in FUZZY.search(t))]
    assert len(texts) > 100
    assert missing == []


def test_strict_search_skips_short_keys_and_loose_search_does_not() -> None:
    short = "Kramat"  # six letters
    assert len(short) < STRICT_MIN_KEY_LENGTH
    assert FUZZY.search(short) == []
    assert FUZZY.search(short, strict=False) != []


def test_the_length_floor_admits_one_edit_from_five_letters_and_one_per_five_after() -> None:
    """One edit in a key of n letters scores 100 - 100/n: always enough from 5 letters on."""
    one_edit = {n: 100 - 100 / n for n in range(1, 40)}
    assert [n for n in range(5, 40) if one_edit[n] < length_floor(n)] == []
    assert [n for n in range(1, 5) if length_floor(n) <= 100] == []


def test_results_are_sorted_best_first_and_limited() -> None:
    found = FUZZY.search("Kramatrosk", limit=5)
    scores = [score for _, score in found]
    assert scores == sorted(scores, reverse=True)
    assert found
    assert toponyms.default_resolver().gazetteer.name_text[found[0][0]] == "Kramatorsk"
