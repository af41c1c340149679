"""Junk in, a clear answer out: every public function meets junk without a foreign traceback."""

from pathlib import Path

import pytest

import toponyms
from toponyms import InvalidNameError, ToponymsError

JUNK_TEXT = [
    "€",
    "😴",
    "3²",
    "ⅷ",
    "⑱",
    "\x00",
    "\ufeff",
    "'",
    "-",
    "...",
    "[]",
    "()",
    "[ ]",
    ",",
    "Kyiv [",
    "] Kyiv",
    "(",
    "a, , ,",
    "\u202e",
    "м.",
    "г. ",
    "\U0010ffff",
]
JUNK_OBJECTS = [None, 0, 1.5, object(), b"Kyiv", ["Kyiv"], {"Kyiv": 1}]


@pytest.mark.parametrize("text", JUNK_TEXT, ids=repr)
def test_junk_text_resolves_to_nothing(text: str) -> None:
    """Symbols, marks and stray brackets are no name: ``None``, and at most fuzzy neighbours."""
    assert toponyms.resolve(text) is None
    with pytest.raises(toponyms.PlaceNotFoundError):
        toponyms.lookup(text)
    assert all(m.method.value == "fuzzy" for m in toponyms.candidates(text))


@pytest.mark.parametrize("value", JUNK_OBJECTS, ids=repr)
@pytest.mark.parametrize(
    "func", [toponyms.resolve, toponyms.candidates, toponyms.lookup, toponyms.normalize]
)
def test_junk_objects_raise_our_type_error(func, value: object) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(TypeError) as info:
        func(value)
    if func is not toponyms.normalize:
        assert isinstance(info.value, InvalidNameError)
        assert info.value.value is value


@pytest.mark.parametrize("hint", [42, ["UA"], b"UA"])
def test_junk_hints_raise_our_error(hint: object) -> None:
    with pytest.raises(InvalidNameError):
        toponyms.resolve("Kyiv", country=hint)  # type: ignore[arg-type]


def test_unknown_kind_is_named() -> None:
    with pytest.raises(toponyms.InvalidHintError, match="planet") as caught:
        toponyms.resolve("Kyiv", kind="planet")
    assert isinstance(caught.value, ValueError)
    assert (caught.value.hint, caught.value.value) == ("kind", "planet")


@pytest.mark.parametrize(
    ("hints", "named"),
    [
        ({"country": "XX"}, "XX"),
        ({"country": "Ruritania"}, "Ruritania"),
        ({"admin1": "Narnia Oblast"}, "Narnia Oblast"),
        ({"country": "UA", "kind": "town"}, "town"),
        ({"country": "x" * 40_000}, "xxx"),
    ],
)
def test_an_unknown_hint_is_an_error_that_names_it(hints: dict[str, str], named: str) -> None:
    for call in (toponyms.resolve, toponyms.candidates, toponyms.lookup):
        with pytest.raises(toponyms.InvalidHintError, match=named):
            call("Kyiv", **hints)  # type: ignore[operator]


def test_errors_form_one_tree() -> None:
    for cls in (
        toponyms.PlaceNotFoundError,
        toponyms.AmbiguousPlaceError,
        toponyms.DataError,
        InvalidNameError,
    ):
        assert issubclass(cls, ToponymsError)


def test_the_garbage_collector_is_back_on_after_a_batch_even_a_failing_one() -> None:
    import gc

    from toponyms import InvalidNameError, resolve_many

    assert gc.isenabled()
    resolve_many(["Kiev", "Kramatrosk", None])
    assert gc.isenabled()
    with pytest.raises(InvalidNameError):
        resolve_many(["Kiev", "x" * 5_000])
    assert gc.isenabled()
    gc.disable()
    try:
        resolve_many(["Kiev"])
        assert not gc.isenabled()  # left as the caller had it
    finally:
        gc.enable()


def _small_copy(tmp_path: Path) -> Path:
    from tests._small_data import make_small_data

    return make_small_data(tmp_path / "data")


@pytest.mark.parametrize(
    ("column", "value"),
    [("lat", "999"), ("lat", "nan"), ("lon", "-180.5"), ("lon", "inf"), ("population", "-5")],
)
def test_a_bad_number_in_places_is_a_data_error_naming_it(
    tmp_path: Path, column: str, value: str
) -> None:
    data = _small_copy(tmp_path)
    places = data / "places.tsv"
    lines = places.read_text(encoding="utf-8").splitlines(keepends=True)
    header = lines[0].rstrip("\n").split("\t")
    fields = lines[5].rstrip("\n").split("\t")
    fields[header.index(column)] = value
    lines[5] = "\t".join(fields) + "\n"
    places.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(toponyms.DataError) as caught:
        toponyms.Resolver(data).resolve("Kyiv")
    error = caught.value
    assert (error.path, error.line, error.column, error.value) == (str(places), 6, column, value)


@pytest.mark.parametrize("table", ["places.tsv", "names.tsv", "aliases.tsv"])
def test_a_byte_that_is_not_utf8_is_a_data_error_with_its_line(tmp_path: Path, table: str) -> None:
    data = _small_copy(tmp_path)
    path = data / table
    blob = path.read_bytes().split(b"\n")
    blob[3] = blob[3].replace(b"\t", b"\t\xff", 1)
    path.write_bytes(b"\n".join(blob))
    with pytest.raises(toponyms.DataError) as caught:
        toponyms.Resolver(data).resolve("Kyiv")
    error = caught.value
    assert (error.path, error.line, error.value) == (str(path), 4, b"\xff")
    assert error.column == blob[0].decode().split("\t")[1]


def test_every_error_survives_pickling_with_its_attributes() -> None:
    """An error raised in a worker process (Dask, Spark) reaches the caller whole."""
    import pickle

    errors: list[ToponymsError] = []
    for call in (
        lambda: toponyms.lookup("Mordor"),
        lambda: toponyms.lookup("Kyiv [Lviv]"),
        lambda: toponyms.resolve("Kyiv", country="XX"),
        lambda: toponyms.resolve(42),  # type: ignore[arg-type]
    ):
        with pytest.raises(ToponymsError) as caught:
            call()
        errors.append(caught.value)
    errors.append(toponyms.DataError("bad", path="p.tsv", line=3, column="lat", value="999"))
    for error in errors:
        again = pickle.loads(pickle.dumps(error))
        assert type(again) is type(error)
        assert (str(again), again.__dict__.keys()) == (str(error), error.__dict__.keys())
