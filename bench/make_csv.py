"""Write a large CSV of place names in mixed spellings, for bench/bench_csv.py.

The names come from the embedded gazetteer (current names, GeoNames alternates, Russian forms,
Cyrillic), weighted toward Ukraine and Russia and toward populous places, with realistic noise
(case, stray spaces, apostrophe look-alikes, one-letter typos) and a Zipf-like frequency, so
about 20,000 distinct values make up the column. Fixed seed: the same file every time.

    python bench/make_csv.py [ROWS] [PATH]      # default 1,000,000 rows, bench/out/places.csv
    python bench/make_csv.py --distinct ROWS PATH   # every value distinct (a memory test)
"""

from __future__ import annotations

import csv
import random
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent / "out"


def distinct_values(rng: random.Random, target: int = 20_000) -> list[str]:
    import toponyms

    gaz = toponyms.default_resolver().gazetteer
    weight = {"UA": 30.0, "RU": 10.0, "BY": 3.0, "PL": 3.0}
    rows = list(range(len(gaz.name_text)))
    weights = [
        weight.get(gaz.places[gaz.name_place[r]].country or "", 1.0)
        * (1 + gaz.places[gaz.name_place[r]].population) ** 0.3
        for r in rows
    ]
    picked = rng.choices(rows, weights=weights, k=target)
    values: dict[str, None] = {}
    for r in picked:
        text = gaz.name_text[r]
        roll = rng.random()
        if roll < 0.15:
            text = text.upper()
        elif roll < 0.25:
            text = f"  {text} "
        elif roll < 0.30:
            text = text.replace("'", "\u2019")
        elif roll < 0.38 and len(text) > 6:
            i = rng.randrange(1, len(text) - 1)
            text = text[:i] + text[i + 1] + text[i] + text[i + 2 :]
        values[text] = None
    return list(values)


def distinct_csv(rows: int, path: Path) -> None:
    """A column in which no value comes twice (digits: each resolves to nothing at once, so the
    run measures the command's own memory, not the resolver's time)."""
    rng = random.Random(5)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as fh:
        fh.write("id,city,note\n")
        for start in range(0, rows, 100_000):
            stop = min(rows, start + 100_000)
            fh.write(
                "".join(
                    f"{i},{rng.randrange(10**12):012d}{i},n{i % 7}\n" for i in range(start, stop)
                )
            )
    print(f"wrote {path}: {rows:,} rows, {rows:,} distinct city values")


def main(argv: list[str]) -> int:
    if len(argv) > 1 and argv[1] == "--distinct":
        distinct_csv(int(argv[2]), Path(argv[3]))
        return 0
    rows = int(argv[1]) if len(argv) > 1 else 1_000_000
    path = Path(argv[2]) if len(argv) > 2 else OUT / "places.csv"
    path.parent.mkdir(parents=True, exist_ok=True)
    rng = random.Random(20261124)
    values = distinct_values(rng)
    # Zipf-like: value k is drawn with weight 1 / (k + 10).
    cum = [1.0 / (k + 10) for k in range(len(values))]
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\r\n")
        writer.writerow(["event_id", "date", "city", "casualties", "note"])
        chosen = rng.choices(values, weights=cum, k=rows)
        for i, city in enumerate(chosen):
            writer.writerow(
                [
                    i,
                    f"2025-{1 + i % 12:02d}-{1 + i % 28:02d}",
                    city,
                    i % 17,
                    f'report {i}, source "wire"' if i % 5 == 0 else "",
                ]
            )
    print(f"wrote {path}: {rows:,} rows, {len(values):,} distinct city values")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
