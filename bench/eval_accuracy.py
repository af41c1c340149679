"""Report the accuracy of resolve() on the labelled evaluation set in tests/eval/.

Hit rate by kind (right place / wrong place / unresolved), overall variant accuracy, and the
false-positive rate on non-places, at the default threshold and over a sweep of ``min_score``.
Writes bench/out/eval.json.
"""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from pathlib import Path

import toponyms

EVAL = Path(__file__).resolve().parent.parent / "tests" / "eval"
OUT = Path(__file__).resolve().parent / "out"
SWEEP = (80.0, 84.0, 85.0, 86.0, 88.0, 90.0, 92.0, 95.0)


def load(name: str) -> list[dict[str, str]]:
    with (EVAL / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


def evaluate(min_score: float | None = None) -> dict[str, object]:
    """Rates by kind; ``all`` is over variants.tsv, ``noisy`` over noisy.tsv (its kinds too)."""
    resolver = toponyms.default_resolver()
    by_kind: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    failures = []
    noisy = load("noisy.tsv") if (EVAL / "noisy.tsv").is_file() else []
    tagged = [(r, "all") for r in load("variants.tsv")] + [(r, "noisy") for r in noisy]
    for row, total in tagged:
        kind = row["kind"].split(":")[0]
        match = resolver.resolve(row["query"], min_score=min_score)
        slot = 2 if match is None else (0 if match.place.id == row["expected_id"] else 1)
        by_kind[kind][slot] += 1
        by_kind[total][slot] += 1
        if slot:
            failures.append((row["query"], row["expected_id"], match.place.id if match else None))
    non = load("non_places.tsv")
    false_pos = [r["query"] for r in non if resolver.resolve(r["query"], min_score=min_score)]
    return {
        "by_kind": {k: {"right": v[0], "wrong": v[1], "none": v[2]} for k, v in by_kind.items()},
        "accuracy": by_kind["all"][0] / sum(by_kind["all"]),
        "noisy_accuracy": by_kind["noisy"][0] / sum(by_kind["noisy"]) if noisy else None,
        "false_positive_rate": len(false_pos) / len(non),
        "false_positives": false_pos,
        "failures": failures,
    }


def main() -> int:
    default = evaluate()
    sweep = {str(s): evaluate(s) for s in SWEEP}
    OUT.mkdir(exist_ok=True)
    (OUT / "eval.json").write_text(
        json.dumps({"default": default, "sweep": sweep}, indent=2, ensure_ascii=False) + "\n",
        encoding="utf-8",
    )
    print(f"default min_score {toponyms.default_resolver().min_score}:")
    for kind, c in sorted(default["by_kind"].items()):  # type: ignore[union-attr]
        n = c["right"] + c["wrong"] + c["none"]
        print(f"  {kind:14} {c['right'] / n:6.1%} right, {c['wrong'] / n:5.1%} wrong, n={n}")
    print(
        f"  non-places resolved: {default['false_positive_rate']:.1%} {default['false_positives']}"
    )
    print("sweep: min_score -> variant accuracy / noisy accuracy / non-place false positives")
    for s, r in sweep.items():
        noisy = r["noisy_accuracy"]
        shown = "-" if noisy is None else f"{noisy:.1%}"
        print(f"  {s:>5}: {r['accuracy']:.1%} / {shown} / {r['false_positive_rate']:.1%}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
