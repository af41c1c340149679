"""Read the test tables in tests/cases/ (paths relative to this file, never to the cwd)."""

from __future__ import annotations

import csv
from pathlib import Path

CASES = Path(__file__).parent / "cases"


def load_cases(name: str) -> list[dict[str, str]]:
    """Rows of a TAB-separated case table as dicts (comments start with '#')."""
    with (CASES / name).open(encoding="utf-8", newline="") as fh:
        lines = [line for line in fh if line.strip() and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))
