"""The older API's names (`parse_obj`, `parse_raw`, `from_orm`, `schema`,
`schema_json`) and `model_validate_strings`, against pydantic: the same
results, and a DeprecationWarning naming the replacement."""

import warnings

import pydantic
import pytest

import satya

LIBRARIES = [satya, pydantic]


def define(lib):
    class User(lib.BaseModel):
        model_config = lib.ConfigDict(from_attributes=True)
        id: int
        name: str = "a"

    class Plain(lib.BaseModel):
        id: int

    return User, Plain


CLASSES = {lib: define(lib) for lib in LIBRARIES}


class Row:
    id = 3
    name = "r"


def warned(call):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            result = call()
        except (satya.ValidationError, pydantic.ValidationError) as exc:
            result = ("err", exc.errors(include_url=False))
    return result, [w for w in caught if issubclass(w.category, DeprecationWarning)]


def first_sentence(message) -> str:
    text = str(message)
    return text[:text.index(" instead.") + len(" instead.")]


@pytest.mark.parametrize("name,call", [
    ("parse_obj", lambda cls: cls.parse_obj({"id": "1"})),
    ("parse_obj", lambda cls: cls.parse_obj({"id": "x"})),
    ("parse_raw", lambda cls: cls.parse_raw('{"id": 2}')),
    ("parse_raw", lambda cls: cls.parse_raw(b'{"id": 2, "name": "b"}')),
    ("from_orm", lambda cls: cls.from_orm(Row())),
])
def test_v1_methods_warn_and_validate_as_pydantic(name, call):
    (mine, mine_warnings), (theirs, their_warnings) = [warned(lambda: call(CLASSES[lib][0])) for lib in LIBRARIES]
    if isinstance(mine, tuple):
        assert mine == theirs
    else:
        assert mine.model_dump() == theirs.model_dump()
    assert mine_warnings and issubclass(mine_warnings[0].category, DeprecationWarning)
    assert mine_warnings[0].category is satya.SatyaDeprecationWarning
    assert first_sentence(mine_warnings[0].message) == first_sentence(their_warnings[0].message)
    assert f"`{name}`" in str(mine_warnings[0].message)
    assert mine_warnings[0].filename == __file__


def test_from_orm_needs_from_attributes():
    for lib, error in ((satya, satya.SchemaError), (pydantic, pydantic.PydanticUserError)):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with pytest.raises(error, match="from_attributes=True"):
                CLASSES[lib][1].from_orm(Row())


@pytest.mark.parametrize("method", ["schema", "schema_json"])
def test_schema_methods_warn(method):
    their = warned(lambda: getattr(CLASSES[pydantic][0], method)())
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        mine = getattr(CLASSES[satya][0], method)()
    assert mine == their[0]
    assert caught and caught[0].category is satya.SatyaDeprecationWarning
    assert first_sentence(caught[0].message) == first_sentence(their[1][0].message)


@pytest.mark.parametrize("data", [{"id": "1"}, {"id": "x"}, {"id": 1}, {"id": "1", "name": "b"}, "1", {"id": ["1"]},
                                  {"id": "x", "name": "b"}])
def test_model_validate_strings_equals_pydantic(data):
    results = []
    for lib in LIBRARIES:
        try:
            results.append(("ok", CLASSES[lib][0].model_validate_strings(data).model_dump()))
        except (satya.ValidationError, pydantic.ValidationError) as exc:
            results.append(("err", exc.title, exc.errors(include_url=False)))
    assert results[0] == results[1]
