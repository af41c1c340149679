"""Write the accuracy and speed page of the documentation from one run of the benchmarks.

``python bench/report.py`` (after ``pip install -e ".[dev,bench]"``) runs, in one session:

- the accuracy evaluation of ``bench/eval_accuracy.py`` (its ``evaluate``, at the default
  ``min_score`` and over its sweep), and a calibration table: every labelled variant and
  non-place resolved with a low floor, binned by the score toponyms gave, with the share right;
- the peer comparison of ``bench/peers.py`` (same name lists, fresh processes, medians).

It writes ``docs/benchmarks.json`` (every figure, the machine and the date), the figures in
``docs/figures/`` (SVG) and ``docs/benchmarks.md``, rendered from the JSON alone by
``render_page`` (a test renders it again and compares, so the page cannot drift from the run).
``python bench/report.py --page-only`` re-renders the page and figures from the committed JSON.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
JSON_PATH = DOCS / "benchmarks.json"
PAGE_PATH = DOCS / "benchmarks.md"
FIGURES = DOCS / "figures"
CALIBRATION_FLOOR = 70.0
BINS = ((70.0, 80.0), (80.0, 85.0), (85.0, 88.0), (88.0, 90.0), (90.0, 95.0), (95.0, 100.0))


# ----------------------------------------------------------------------------- measuring
def _machine() -> dict[str, Any]:
    cpu = platform.processor()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as fh:
            cpu = next(x.split(":", 1)[1].strip() for x in fh if x.startswith("model name"))
    except (OSError, StopIteration):
        pass
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    changed = subprocess.run(
        ["git", "status", "--porcelain", "--", "toponyms", "data"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    ).stdout.strip()
    return {
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "library_changed_since_commit": bool(changed),
        "cpu_count": os.cpu_count(),
        "cpu": cpu,
        "python": platform.python_version(),
        "platform": platform.platform(terse=True),
        "commit": commit,
    }


def _calibration(resolver: Any, eval_accuracy: Any) -> list[dict[str, Any]]:
    """Share right per score bin, over variants and non-places resolved with a low floor."""
    scored: list[tuple[float, bool]] = []
    for row in eval_accuracy.load("variants.tsv"):
        m = resolver.resolve(row["query"], min_score=CALIBRATION_FLOOR)
        if m is not None:
            scored.append((m.score, m.place.id == row["expected_id"]))
    for row in eval_accuracy.load("non_places.tsv"):
        m = resolver.resolve(row["query"], min_score=CALIBRATION_FLOOR)
        if m is not None:
            scored.append((m.score, False))
    bins: list[dict[str, Any]] = []
    for lo, hi in (*BINS, (100.0, 100.0)):
        inside = [ok for s, ok in scored if (s == 100.0 if lo == hi else lo <= s < hi)]
        label = "100" if lo == hi else f"{lo:g}-{hi:g}"
        share = sum(inside) / len(inside) if inside else None
        bins.append({"bin": label, "low": lo, "high": hi, "n": len(inside), "right": share})
    return bins


def accuracy() -> dict[str, Any]:
    """The evaluation (default and sweep, by eval_accuracy.evaluate) and the calibration."""
    sys.path.insert(0, str(ROOT / "bench"))
    import eval_accuracy

    import toponyms

    resolver = toponyms.default_resolver()
    default = eval_accuracy.evaluate()
    sweep = {str(s): eval_accuracy.evaluate(s) for s in eval_accuracy.SWEEP}
    trim = ("failures", "false_positives")
    return {
        "min_score": resolver.min_score,
        "variants": len(eval_accuracy.load("variants.tsv")),
        "non_places": len(eval_accuracy.load("non_places.tsv")),
        "default": {k: v for k, v in default.items() if k != "failures"},
        "sweep": {s: {k: v for k, v in r.items() if k not in trim} for s, r in sweep.items()},
        "calibration_floor": CALIBRATION_FLOOR,
        "calibration": _calibration(resolver, eval_accuracy),
    }


# ----------------------------------------------------------------------------- figures
def _style() -> Any:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.rcParams.update(
        {
            "svg.fonttype": "none",  # text stays text: small files
            "svg.hashsalt": "toponyms",  # stable ids: the same run gives the same file
            "font.size": 9,
            "axes.spines.top": False,
            "axes.spines.right": False,
        }
    )
    return plt


def figure_accuracy(data: dict[str, Any], path: Path) -> None:
    """Right / wrong / unresolved by kind of variant, and the calibration curve."""
    plt = _style()
    acc = data["accuracy"]
    by_kind = acc["default"]["by_kind"]
    kinds = sorted((k for k in by_kind if k != "all"), key=lambda k: -_share(by_kind[k]))
    kinds.append("all")
    fig, (left, right) = plt.subplots(1, 2, figsize=(9, 3.2), width_ratios=(1.1, 1))
    start = [0.0] * len(kinds)
    for part, colour in (("right", "#2e7d32"), ("wrong", "#c62828"), ("none", "#9e9e9e")):
        shares = [by_kind[k][part] / sum(by_kind[k].values()) * 100 for k in kinds]
        left.barh(kinds, shares, left=start, color=colour, label=part)
        start = [a + b for a, b in zip(start, shares, strict=True)]
    left.invert_yaxis()
    left.set_xlabel("% of the variants of that kind")
    left.set_title(f"Labelled variants at min_score {acc['min_score']:g}")
    left.legend(loc="lower left", ncols=3, fontsize=8, frameon=False, bbox_to_anchor=(0, -0.42))
    cal = [b for b in acc["calibration"] if b["n"]]
    xs = [(b["low"] + b["high"]) / 2 for b in cal]
    ys = [b["right"] * 100 for b in cal]
    right.plot(xs, ys, marker="o", color="#1565c0")
    for x, y, b in zip(xs, ys, cal, strict=True):
        right.annotate(
            f"n={b['n']}",
            (x, y),
            textcoords="offset points",
            xytext=(0, 6),
            ha="center",
            fontsize=7,
        )
    right.axvline(acc["min_score"], color="#555", linestyle=":", linewidth=1)
    right.text(acc["min_score"], 5, " default min_score", fontsize=7, color="#555")
    right.set_xlabel("score toponyms gave (bin centre)")
    right.set_ylabel("% right")
    right.set_ylim(0, 105)
    right.set_title("Calibration: how often a score is right")
    fig.tight_layout()
    fig.savefig(path, metadata={"Date": None})
    plt.close(fig)


def _share(counts: dict[str, int]) -> float:
    return counts["right"] / sum(counts.values())


def figure_peers(data: dict[str, Any], path: Path) -> None:
    """Hit rate, names per second and memory of each peer on each list."""
    plt = _style()
    results = data["peers"]["results"]
    lists = list(data["peers"]["lists"])
    counts = [len([r for r in results if r["list"] == name]) for name in lists]
    fig, axes = plt.subplots(
        len(lists),
        3,
        figsize=(10, 0.6 + 0.3 * sum(counts) + 0.45 * len(lists)),
        gridspec_kw={"height_ratios": counts},
    )
    for row, name in enumerate(lists):
        mine = [r for r in results if r["list"] == name]
        labels = [
            f"{r['label']}" + (f" (n={r['names']})" if r["names"] != mine[0]["names"] else "")
            for r in mine
        ]
        colours = ["#1565c0" if r["peer"] == "toponyms" else "#90a4ae" for r in mine]
        metrics = (
            ("hit_rate", "% right", 100.0),
            ("names_per_s", "names/s (log)", 1.0),
            ("rss_delta_mb", "RSS delta, MB", 1.0),
        )
        for col, (key, title, scale) in enumerate(metrics):
            ax = axes[row][col]
            values = [r[key] * scale for r in mine]
            ax.barh(range(len(mine)), values, color=colours)
            ax.set_yticks(range(len(mine)), labels if col == 0 else [""] * len(mine), fontsize=7)
            ax.invert_yaxis()
            if key == "names_per_s":
                ax.set_xscale("log")
            elif key == "hit_rate":
                ax.set_xlim(0, 100)
            for i, v in enumerate(values):
                ax.text(
                    v,
                    i,
                    f" {v:,.0f}" if key != "hit_rate" else f" {v:.1f}",
                    va="center",
                    fontsize=7,
                )
            if row == 0:
                ax.set_title(title)
            if col == 0:
                ax.set_ylabel(name, fontsize=8)
    fig.tight_layout()
    fig.savefig(path, metadata={"Date": None})
    plt.close(fig)


# ----------------------------------------------------------------------------- the page
def _pct(x: float | None) -> str:
    return "-" if x is None else f"{x * 100:.1f}%"


def _accuracy_section(acc: dict[str, Any]) -> list[str]:
    d = acc["default"]
    lines = [
        "## Accuracy",
        "",
        f"On the labelled evaluation set ({acc['variants']:,} written forms of real places and "
        f"{acc['non_places']} strings that are not places, described in "
        "[tests/eval](https://github.com/toponyms/toponyms/tree/main/tests/eval)), `resolve()` at "
        f"the default `min_score` {acc['min_score']:g} finds the right place for "
        f"**{_pct(d['accuracy'])}** of the variants and resolves "
        f"**{_pct(d['false_positive_rate'])}** of the non-places "
        f"({', '.join(repr(x) for x in d['false_positives']) or 'none'}).",
        "",
        "![Accuracy by kind of variant, and calibration](figures/accuracy.svg)",
        "",
        "| kind of variant | n | right | wrong place | unresolved |",
        "|---|---:|---:|---:|---:|",
    ]
    for kind, c in sorted(d["by_kind"].items(), key=lambda kv: (kv[0] == "all", kv[0])):
        n = sum(c.values())
        lines.append(
            f"| {kind} | {n:,} | {_pct(c['right'] / n)} | {_pct(c['wrong'] / n)} | "
            f"{_pct(c['none'] / n)} |"
        )
    lines += [
        "",
        "**Calibration.** Every variant and non-place resolved with `min_score` "
        f"{acc['calibration_floor']:g}, grouped by the score toponyms gave; a non-place that "
        "resolves counts as wrong. Scores of 100 are exact, alias and code matches; 85-99 are "
        "mostly normalized matches; fuzzy matches spread below.",
        "",
        "| score | n | right |",
        "|---|---:|---:|",
        *(f"| {b['bin']} | {b['n']:,} | {_pct(b['right'])} |" for b in acc["calibration"]),
        "",
        "**The `min_score` sweep** (the evaluation run at each floor):",
        "",
        "| min_score | variants right | non-places resolved |",
        "|---:|---:|---:|",
        *(
            f"| {s} | {_pct(r['accuracy'])} | {_pct(r['false_positive_rate'])} |"
            for s, r in acc["sweep"].items()
        ),
        "",
    ]
    return lines


def _peers_section(peers: dict[str, Any]) -> list[str]:
    lines = [
        "## Against the packages a user would otherwise pick",
        "",
        "Every package below was installed from the package index and run in the same session "
        "on the same name lists, each (package, list) in a fresh process, "
        f"{peers['repeats']} times (medians). *right*: the answer is the expected place "
        "(GeoNames id for cities, ISO code for countries); *answered*: any answer at all; "
        "*load*: import and one warm-up query; *RSS delta*: resident memory after the run "
        "less before the import (peak in brackets). Where a package returns several places, "
        "the answer is the most populous of those with its best score (for pycities' prefix "
        "search, of the hits whose name is the query, if any): the rule a user would write. "
        "toponyms' load is that of a second process, which reads its saved gazetteer from the "
        "user's cache folder. The adapters are in "
        "[bench/peers.py](https://github.com/toponyms/toponyms/blob/main/bench/peers.py).",
        "",
        "![Hit rate, speed and memory against the peers](figures/peers.svg)",
        "",
    ]
    for name, spec in peers["lists"].items():
        lines += [
            f"### {name}: {spec['names']:,} {spec['job']}",
            "",
            f"{spec['source']}.",
            "",
            "| package (version) | n | right | answered | names/s | load | RSS delta (peak) |",
            "|---|---:|---:|---:|---:|---:|---:|",
        ]
        notes = []
        for r in (r for r in peers["results"] if r["list"] == name):
            mark = ""
            if "toponyms_hit_rate_same_names" in r:
                mark = " ¹"
                notes.append(
                    f"¹ every {round(spec['names'] / r['names'])}th name only (its search scans "
                    "every city on each query); toponyms on the same names: "
                    f"{_pct(r['toponyms_hit_rate_same_names'])} right."
                )
            if r.get("shim"):
                mark += " ²"
                notes.append(
                    "² country_converter 1.3.2 fails under pandas 3 "
                    f"(`{r['shim']}`, from its empty ISO2 cells read as NaN); measured with its "
                    "own table read with those cells as empty strings, as pandas 2 read them."
                )
            lines.append(
                f"| {r['label']} ({r['version']}){mark} | {r['names']:,} | "
                f"{_pct(r['hit_rate'])} | {_pct(r['answered'])} | {r['names_per_s']:,.0f} | "
                f"{r['load_s']:.2f} s | {r['rss_delta_mb']:,.0f} MB "
                f"({r['peak_rss_delta_mb']:,.0f}) |"
            )
        lines += ["", *(f"{n}  " for n in dict.fromkeys(notes)), ""] if notes else [""]
    lines += [
        "No equivalent, so not measured: "
        + "; ".join(f"{x['peer']} for {x['job']} ({x['why']})" for x in peers["no_equivalent"])
        + ".",
        "",
    ]
    return lines


def render_page(data: dict[str, Any]) -> str:
    """The Markdown of docs/benchmarks.md, from the JSON of one run and nothing else."""
    m = data["machine"]
    lines = [
        "<!-- Generated by bench/report.py from docs/benchmarks.json: do not edit by hand. -->",
        "# Accuracy and speed",
        "",
        f"Measured on {m['date']}, with toponyms {data['toponyms']} (its code and data as at "
        f"commit `{m['commit']}`"
        f"{', with local changes' if m.get('library_changed_since_commit') else ''}), on "
        f"{m['cpu_count']} CPUs ({m['cpu']}), Python {m['python']}, {m['platform']}. The "
        "machine was shared with other work: read the speeds as orders of magnitude and the "
        "ratios measured side by side as the result. Every number here comes from that one run "
        "(`python bench/report.py`, which writes "
        "[benchmarks.json](benchmarks.json) and this page).",
        "",
        *_accuracy_section(data["accuracy"]),
        *_peers_section(data["peers"]),
    ]
    return "\n".join(lines).rstrip() + "\n"


def write_outputs(data: dict[str, Any]) -> None:
    FIGURES.mkdir(exist_ok=True)
    figure_accuracy(data, FIGURES / "accuracy.svg")
    figure_peers(data, FIGURES / "peers.svg")
    PAGE_PATH.write_text(render_page(data), encoding="utf-8")


def main(argv: list[str]) -> int:
    if argv[:1] == ["--page-only"]:
        write_outputs(json.loads(JSON_PATH.read_text(encoding="utf-8")))
        return 0
    sys.path.insert(0, str(ROOT / "bench"))
    import peers

    import toponyms

    data = {
        "machine": _machine(),
        "toponyms": toponyms.__version__,
        "accuracy": accuracy(),
        "peers": peers.compare(),
    }
    JSON_PATH.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    write_outputs(data)
    print(f"wrote {JSON_PATH.relative_to(ROOT)}, {PAGE_PATH.relative_to(ROOT)} and figures")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
