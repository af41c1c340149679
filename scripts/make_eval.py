"""Write the labelled evaluation set in tests/eval/ (deterministic; see tests/eval/README.md).

Variants of real places, by kind:
- ``romanisation:<scheme>``: the place's own-language Cyrillic name from GeoNames, romanised
  under a published scheme (Ukrainian schemes from ``translitua``, Russian ones from ``iuliia``);
- ``cyrillic``: the Cyrillic names themselves;
- ``typo``: one edit (transposition, deletion, doubling, substitution) of the display name;
- ``format``: case, spacing, apostrophe look-alikes, a Latin/Cyrillic homoglyph, a qualifier.
Non-places: tests/eval/non_places_curated.tsv (hand-written, reviewed) plus the strings of
``toponyms.testing.NON_PLACES``.

    python scripts/make_eval.py       # needs the test extra (translitua, iuliia)
"""

from __future__ import annotations

import csv
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import toponyms  # noqa: E402
from tests._schemes import RUSSIAN, UKRAINIAN, sample, scheme  # noqa: E402

EVAL = ROOT / "tests" / "eval"
HOMOGLYPH = {"a": "\u0430", "o": "\u043e", "e": "\u0435", "p": "\u0440", "c": "\u0441"}


def _typo(rng: random.Random, text: str) -> str:
    i = rng.randrange(1, len(text) - 2)
    op = rng.choice(("swap", "drop", "double", "replace"))
    if op == "swap":
        return text[:i] + text[i + 1] + text[i] + text[i + 2 :]
    if op == "drop":
        return text[:i] + text[i + 1 :]
    if op == "double":
        return text[:i] + text[i] + text[i:]
    return text[:i] + rng.choice("aeiouklmnrst") + text[i + 1 :]


def _format(rng: random.Random, place: toponyms.Place) -> tuple[str, str]:
    name = place.name
    choice = rng.choice(("upper", "lower", "spaces", "apostrophe", "homoglyph", "qualifier"))
    if choice == "upper":
        return name.upper(), "case"
    if choice == "lower":
        return name.lower(), "case"
    if choice == "spaces":
        return f"  {name}\u00a0 ", "spaces"
    if choice == "apostrophe":
        with_mark = [n for n in place.names if "'" in n and n.isascii()]
        if with_mark:
            return rng.choice(with_mark).replace("'", "\u2019"), "apostrophe"
        return name + ".", "punctuation"
    if choice == "homoglyph":
        for latin, cyr in HOMOGLYPH.items():
            if latin in name[1:]:
                i = name.index(latin, 1)
                return name[:i] + cyr + name[i + 1 :], "homoglyph"
        return name.upper(), "case"
    if place.admin1:
        return f"{name}, {place.admin1}", "qualifier"
    return f"{name} ({place.country})", "qualifier"


def main() -> int:
    rng = random.Random(20261124)
    resolver = toponyms.default_resolver()
    rows: list[tuple[str, str, str, str]] = []
    seen: set[str] = set()

    def add(query: str, place_id: str, kind: str, source: str) -> None:
        if query and query not in seen:
            seen.add(query)
            rows.append((query, place_id, kind, source))

    ua = sample("UA", 20_000, "uk")
    ru = sample("RU", 100_000, "ru")
    for name in UKRAINIAN + RUSSIAN:
        pairs = ua if name.startswith("Ukrainian") else ru
        romanise = scheme(name)
        lib = "translitua" if name.startswith("Ukrainian") else "iuliia"
        for cyrillic, pid in rng.sample(pairs, 40):
            add(romanise(cyrillic), pid, f"romanisation:{name}", f"scheme:{lib}.{name} on GeoNames")
    for cyrillic, pid in rng.sample(ua, 60) + rng.sample(ru, 60):
        add(cyrillic, pid, "cyrillic", "geonames")
    gaz = resolver.gazetteer
    cities = [
        gaz.place(i)
        for i, p in enumerate(gaz.places)
        if p.kind.value == "city" and p.population >= 50_000
    ]
    cities = [p for p in cities if (m := resolver.resolve(p.name)) and m.place.id == p.id]
    for place in rng.sample(cities, 400):
        if len(place.name) >= 7 and place.name.replace(" ", "").isalpha():
            add(_typo(rng, place.name), place.id, "typo", f"synthetic:one-edit of {place.name}")
    for place in rng.sample(cities, 300):
        text, kind = _format(rng, place)
        add(text, place.id, f"format:{kind}", "synthetic:format noise on the GeoNames name")
    rows.sort(key=lambda r: (r[2], r[1], r[0]))
    EVAL.mkdir(exist_ok=True)
    with (EVAL / "variants.tsv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(
            fh, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE, escapechar=None
        )
        writer.writerow(("query", "expected_id", "kind", "source"))
        writer.writerows(rows)
    print(f"wrote {len(rows)} variants")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
