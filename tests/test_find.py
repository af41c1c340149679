"""find(): place mentions in running text (spans, places, rules) and its invariants."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests._cases import load_cases
from toponyms import InvalidHintError, InvalidNameError
from toponyms._find import Mention, find
from toponyms._inflect import nominatives

_MARK = re.compile(r"\[\[([^\[\]|]+)\|([^\]|]+)\]\]")

CASES = load_cases("find.tsv")


def _parse(annotated: str) -> tuple[str, list[tuple[int, int, str, str]]]:
    """Plain text and gold mentions (start, end, text, place id or '-' or '?')."""
    plain: list[str] = []
    gold: list[tuple[int, int, str, str]] = []
    pos = 0
    length = 0
    for m in _MARK.finditer(annotated):
        before = annotated[pos : m.start()]
        plain.append(before)
        length += len(before)
        gold.append((length, length + len(m[1]), m[1], m[2]))
        plain.append(m[1])
        length += len(m[1])
        pos = m.end()
    plain.append(annotated[pos:])
    return "".join(plain), gold


def _found(mention: Mention) -> tuple[int, int, str, str]:
    if mention.match is None:
        tag = "-"
    elif mention.match.ambiguous:
        tag = "?"
    else:
        tag = mention.match.place.id
    return mention.start, mention.end, mention.text, tag


@pytest.mark.parametrize("case", CASES, ids=[c["case"] for c in CASES])
def test_annotated_text(case: dict[str, str]) -> None:
    text, gold = _parse(case["text"])
    assert [_found(m) for m in find(text, lang=case["lang"])] == gold


def test_annotations_parse() -> None:
    text, gold = _parse("In [[Kyiv|gn:703448]] [[[Kiev|gn:703448]]].")
    assert text == "In Kyiv [Kiev]."
    assert [(s, e, t) for s, e, t, _ in gold] == [(3, 7, "Kyiv"), (9, 13, "Kiev")]


def test_demonyms_on_request() -> None:
    text = "Ukrainian and Russian officials met in Istanbul."
    found = [(m.text, m.demonym, m.match.place.country if m.match else None) for m in find(text)]
    assert found == [("Istanbul", False, "TR")]
    with_adjectives = find(text, demonyms=True)
    assert [
        (m.text, m.demonym, m.match.place.id if m.match else None) for m in with_adjectives
    ] == [
        ("Ukrainian", True, "gn:690791"),
        ("Russian", True, "gn:2017370"),
        ("Istanbul", False, "gn:745044"),
    ]


def test_cyrillic_adjectives_are_not_places() -> None:
    text = "Російські та українські військові говорили про Харків."
    assert [m.text for m in find(text)] == ["Харків"]
    assert [m.text for m in find(text, demonyms=True) if m.demonym] == ["Російські", "українські"]


def test_country_hint_is_a_prior() -> None:
    # Alone, "Paris" is the capital; a text about the US makes the Texas one likelier only
    # with more evidence, but the caller's country settles it.
    assert find("Paris is quiet.")[0].match.place.country == "FR"
    assert find("Paris is quiet.", country="US")[0].match.place.country == "US"


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"text": 42}, InvalidNameError),
        ({"text": b"Kyiv"}, InvalidNameError),
        ({"text": "Kyiv", "country": "Narnia"}, InvalidHintError),
        ({"text": "Kyiv", "lang": "english"}, InvalidHintError),
        ({"text": "Kyiv", "lang": 7}, InvalidHintError),
    ],
    ids=["int", "bytes", "unknown-country", "long-lang", "non-str-lang"],
)
def test_bad_input_names_the_value(kwargs: dict[str, object], error: type[Exception]) -> None:
    with pytest.raises(error) as raised:
        find(**kwargs)  # type: ignore[arg-type]
    assert any(repr(v)[:20] in str(raised.value) for v in kwargs.values() if v != "Kyiv")


INFLECTED = load_cases("find_inflected.tsv")


@pytest.mark.parametrize("case", INFLECTED, ids=[c["form"] for c in INFLECTED])
def test_nominative_forms(case: dict[str, str]) -> None:
    assert case["nominative"] in nominatives(case["form"])


# -- invariants --------------------------------------------------------------------------------

_WORDS = [
    "Kyiv",
    "Kiev",
    "New",
    "York",
    "New York",
    "Paris",
    "Texas",
    ",",
    ".",
    " ",
    "\n",
    "the",
    "village",
    "of",
    "Лиман",
    "у",
    "Києві",
    "Донецької",
    "області",
    "St.",
    "Louis",
    "U.S.",
    "Metcalfe",
    "County",
    "Road",
    "said",
    "Mr",
    "Nice",
    "in",
    "North",
    "London",
    "Ky.",
    "'s",
    "Russian",
    "-",
    "[",
    "]",
    "(",
    ")",
    "\u2019",
    "\u00a0",
    "KYIV",
    "Ivano",
    "Frankivsk",
]


@given(st.text(max_size=200))
def test_any_text_gives_sorted_disjoint_exact_spans(text: str) -> None:
    _check_spans(text, find(text, demonyms=True))


@given(st.lists(st.sampled_from(_WORDS), max_size=40).map(" ".join))
def test_place_like_text_gives_sorted_disjoint_exact_spans(text: str) -> None:
    _check_spans(text, find(text, demonyms=True))


def _check_spans(text: str, mentions: list[Mention]) -> None:
    problems = [m for m in mentions if text[m.start : m.end] != m.text or m.start >= m.end]
    ends = [m.end for m in mentions]
    starts = [m.start for m in mentions]
    overlapping = [(a, b) for a, b in zip(ends, starts[1:], strict=False) if b < a]
    assert (problems, overlapping) == ([], [])


# -- the command ---------------------------------------------------------------------------------


def test_command_prints_json_lines_with_offsets(
    tmp_path: pytest.TempPathFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    from toponyms.cli import main

    text = "Shelling hit Kramatorsk.\nЛиман, Харківська область."
    path = tmp_path / "bulletin.txt"  # type: ignore[operator]
    path.write_text(text, encoding="utf-8")
    assert main(["find", str(path), "--json"]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    spans = [(r["start"], r["end"], r["text"], r["place"]["id"]) for r in records]
    assert spans == [
        (13, 23, "Kramatorsk", "gn:704508"),
        (25, 30, "Лиман", "gn:703071"),
        (32, 50, "Харківська область", "gn:706482"),
    ]
    assert all(text[s:e] == t for s, e, t, _ in spans)


def test_command_reports_a_missing_file(capsys: pytest.CaptureFixture[str]) -> None:
    from toponyms.cli import main

    assert main(["find", "/nonexistent/bulletin.txt"]) == 2
    assert "/nonexistent/bulletin.txt" in capsys.readouterr().err
