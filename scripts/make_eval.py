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
    python scripts/make_eval.py --noisy   # tests/eval/noisy.tsv only (see make_noisy)
"""

from __future__ import annotations

import csv
import random
import re
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


# A scanner's confusions: what is printed -> what is read.
OCR = (("m", "rn"), ("d", "cl"), ("h", "li"), ("w", "vv"), ("o", "0"), ("l", "1"), ("i", "1"),
       ("e", "c"), ("rn", "m"), ("n", "u"))  # fmt: skip
# How writers of other languages spell the sounds of an English-style romanisation.
PRACTICES = {
    "fr": (("ch", "tch"), ("sh", "ch"), ("u", "ou"), ("kh", "kh"), ("zh", "j")),
    "de": (("shch", "schtsch"), ("sh", "sch"), ("ch", "tsch"), ("zh", "sch"), ("v", "w"),
           ("y", "j")),
    "pl": (("shch", "szcz"), ("ch", "cz"), ("sh", "sz"), ("zh", "rz"), ("kh", "ch"), ("v", "w"),
           ("y", "j")),
    "hu": (("ch", "cs"), ("sh", "s"), ("zh", "zs"), ("ts", "c")),
}  # fmt: skip
# Words that datasets abbreviate in country names (Natural Earth, the World Bank, sports tables).
ABBREVIATE = (("Islands", "Is."), ("Republic", "Rep."), ("Democratic", "Dem."), ("Saint", "St."),
              ("North", "N."), ("South", "S."), ("Equatorial", "Eq."), ("French", "Fr."),
              ("British", "Br."), ("Territory", "Ter."), ("Federated", "Fed."),
              ("Herzegovina", "Herz."), ("and", "&"))  # fmt: skip
KEYBOARD = {"a": "sq", "e": "wr", "i": "uo", "o": "ip", "u": "yi", "n": "bm", "r": "et",
            "s": "ad", "t": "ry", "l": "k", "m": "n", "g": "fh", "d": "sf", "b": "vn"}  # fmt: skip


def _respell(text: str, rules: tuple[tuple[str, str], ...]) -> str:
    out, i, low = [], 0, text.lower()
    while i < len(text):
        for old, new in rules:
            if low.startswith(old, i):
                piece = new.capitalize() if text[i].isupper() else new
                out.append(piece)
                i += len(old)
                break
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


def _short_typo(rng: random.Random, text: str) -> str:
    i = rng.randrange(1, len(text) - 1)
    op = rng.choice(("swap", "drop", "double", "neighbour"))
    if op == "swap" and i + 1 < len(text):
        return text[:i] + text[i + 1] + text[i] + text[i + 2 :]
    if op == "drop":
        return text[:i] + text[i + 1 :]
    if op == "double":
        return text[:i] + text[i] + text[i:]
    near = KEYBOARD.get(text[i].lower(), "e")
    return text[:i] + rng.choice(near) + text[i + 1 :]


def make_noisy() -> list[tuple[str, str, str, str]]:
    """Rows of tests/eval/noisy.tsv: kinds that variants.tsv lacks (see tests/eval/README.md)."""
    rng = random.Random(20261207)
    resolver = toponyms.default_resolver()
    gaz = resolver.gazetteer
    rows: list[tuple[str, str, str, str]] = []
    seen: set[str] = set()

    def add(query: str, place: toponyms.Place, kind: str, source: str) -> None:
        if query and query != place.name and query not in seen:
            seen.add(query)
            rows.append((query, place.id, kind, source))

    def known(p: toponyms.Place) -> bool:
        found = resolver.resolve(p.name)
        return found is not None and found.place.id == p.id

    records = [gaz.place(i) for i in range(len(gaz.places))]
    cities = [p for p in records if p.kind.value == "city" and p.population >= 100_000]
    latin = [p for p in cities if p.name.isascii() and p.name.replace(" ", "").isalpha()]
    latin = [p for p in rng.sample(latin, 400) if known(p)]
    for place in latin[:200]:
        rules = [(a, b) for a, b in OCR if a in place.name[1:]]
        if rules:
            a, b = rng.choice(rules)
            i = place.name.index(a, 1)
            text = place.name[:i] + b + place.name[i + len(a) :]
            add(text, place, "ocr", f"synthetic:scanner confusion {a}->{b} of {place.name}")
    famous = [
        gaz.place(i)
        for i, r in enumerate(gaz.places)
        if r.kind.value == "country" or (r.capital and r.population)
    ]
    famous = [p for p in famous if p.name.isalpha() and p.name.isascii() and known(p)]
    for place in rng.sample(famous, min(150, len(famous))):
        if 4 <= len(place.name) <= 8:
            add(_short_typo(rng, place.name), place, "short_typo",
                f"synthetic:one slip in a short famous name ({place.name})")  # fmt: skip
    east = [p for p in cities if p.country in ("UA", "RU", "BY", "KZ") and known(p)]
    for place in rng.sample(east, min(160, len(east))):
        lang = rng.choice(sorted(PRACTICES))
        add(_respell(place.name, PRACTICES[lang]), place, f"practice:{lang}",
            f"synthetic:{lang} spelling practice of {place.name}")  # fmt: skip
    countries = [p for p in records if p.kind.value == "country" and known(p)]
    for place in countries:
        text = place.name
        for word, short in ABBREVIATE:
            text = re.sub(rf"\b{word}\b", short, text)
        add(text, place, "dataset_country", "synthetic:dataset abbreviations of the ISO name")
        sovereign = resolver.resolve(place.country, kind="country") if place.code else None
        if sovereign and sovereign.place.id != place.id:
            add(f"{sovereign.place.name}: {place.name}", place, "dataset_country",
                "synthetic:'sovereign: territory' as statistical tables write it")  # fmt: skip
    rows.sort(key=lambda r: (r[2], r[1], r[0]))
    return rows


def main() -> int:
    if "--noisy" in sys.argv:
        return _write("noisy.tsv", make_noisy())
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
    return _write("variants.tsv", rows)


def _write(name: str, rows: list[tuple[str, str, str, str]]) -> int:
    EVAL.mkdir(exist_ok=True)
    with (EVAL / name).open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(
            fh, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE, escapechar=None
        )
        writer.writerow(("query", "expected_id", "kind", "source"))
        writer.writerows(rows)
    print(f"wrote {len(rows)} rows to {name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
