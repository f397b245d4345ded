"""`pathlib` fields: lax from a str (never bytes), strict from an instance of
the declared class (Python) or a str (JSON); pydantic's path_type error
names the class; dumps give the path (python) or its text (JSON)."""

import json
import pathlib
from pathlib import Path, PosixPath, PurePath, PurePosixPath

import pydantic
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import support
from net_support import assert_matches, attempt, model_pair
from support import MyStr, lib, one_field_model

TYPES = [Path, PurePath, PosixPath, PurePosixPath]
PAIRS = {}


def pair(tp, strict=False):
    if (tp, strict) not in PAIRS:
        PAIRS[(tp, strict)] = model_pair(tp, strict=strict)
    return PAIRS[(tp, strict)]


SAMPLES = ["a/b", "", "/", ".", "a\x00b", "\ud800", "é/ü", MyStr("s/t"), b"a/b", bytearray(b"a"), 1, 1.5, None,
           True, ["a"], Path("p"), PurePosixPath("q"), PurePath("r"), pathlib.PurePosixPath("/abs")]


@pytest.mark.parametrize("tp", TYPES, ids=lambda t: t.__name__)
@pytest.mark.parametrize("strict", [False, True])
def test_samples_match_pydantic(tp, strict):
    for value in SAMPLES:
        assert_matches(pair(tp), value, strict=strict)
        assert_matches(pair(tp, strict=True), value)


def test_lax_str_becomes_the_declared_class(inputs):
    cls = one_field_model(Path)
    result = inputs.validate_v(cls, "a/b")
    assert type(result) is PosixPath and result == Path("a/b")


def test_an_instance_is_kept_as_the_same_object():
    value = Path("x")
    assert support.validate_v(one_field_model(Path, strict=True), value) is value


def test_path_type_names_the_class(inputs):
    error = inputs.single_error(one_field_model(PurePath), 5)
    # the class as it prints: pathlib._local.PurePath on 3.13
    assert error == {"type": "path_type", "loc": ("v",), "msg": f"Input is not a valid path for {PurePath!r}", "input": 5}


def test_strict_python_is_is_instance_of():
    error = support.single_error(one_field_model(Path, strict=True), "a")
    assert error["type"] == "is_instance_of" and error["ctx"] == {"class": "Path"}


def test_strict_json_reads_a_str_and_refuses_others():
    cls = one_field_model(Path, strict=True)
    assert cls.model_validate_json('{"v": "q"}').v == Path("q")
    with pytest.raises(support.ValidationError) as info:
        cls.model_validate_json('{"v": 1}')
    assert support.errors_of(info.value)[0]["type"] == "string_type"


def test_dumps():
    m = one_field_model(Path)(v="a/b")
    assert m.model_dump() == {"v": Path("a/b")} and type(m.model_dump()["v"]) is PosixPath
    assert m.model_dump(mode="json") == {"v": "a/b"}
    assert m.model_dump_json() == '{"v":"a/b"}'


def test_optional_and_list_of_paths(inputs):
    from typing import Optional

    cls = one_field_model(list[Optional[Path]])
    assert inputs.validate_v(cls, ["a", None]) == [Path("a"), None]


@settings(max_examples=200, deadline=None)
@given(value=st.one_of(st.text(max_size=10), st.binary(max_size=4), st.integers(), st.none(),
                       st.text(max_size=5).map(Path), st.text(max_size=5).map(PurePosixPath)),
       tp=st.sampled_from(TYPES), strict=st.booleans())
def test_hypothesis_matches_pydantic(value, tp, strict):
    assert_matches(pair(tp), value, strict=strict)


@settings(max_examples=50, deadline=None)
@given(value=st.text(max_size=10), tp=st.sampled_from(TYPES))
def test_json_strict_matches_pydantic(value, tp):
    mine, oracle = pair(tp, strict=True)
    data = json.dumps({"v": value})
    assert attempt(mine, "json", data) == attempt(oracle, "json", data)


def test_a_path_type_error_pickles_with_its_message():
    import pickle

    with pytest.raises(support.ValidationError) as info:
        one_field_model(PurePosixPath).model_validate({"v": 1})
    (error,) = support.errors_of(pickle.loads(pickle.dumps(info.value)))
    assert error["msg"] == f"Input is not a valid path for {PurePosixPath!r}"


@pytest.mark.skipif(support.ORACLE, reason="satya's definition-time errors")
def test_constraints_are_refused_at_definition():
    with pytest.raises(lib.SchemaError):
        one_field_model(Path, {"gt": 1})


CHECKED = ["FilePath", "DirectoryPath", "NewPath"]


@pytest.fixture
def tree(tmp_path):
    (tmp_path / "file").write_text("x")
    (tmp_path / "dir").mkdir()
    return tmp_path


def checked_pair(name, strict=False):
    return (one_field_model(getattr(lib, name), strict=strict),
            one_field_model(getattr(pydantic, name), strict=strict, lib=pydantic))


@pytest.mark.parametrize("name", CHECKED)
@pytest.mark.parametrize("strict", [False, True])
def test_file_directory_and_new_paths_match_pydantic(tree, name, strict):
    for value in [tree / "file", tree / "dir", tree / "none", tree / "none" / "deeper", tree, "", 1]:
        for value in (value, str(value)) if isinstance(value, Path) else (value,):
            assert_matches(checked_pair(name, strict), value)


def test_file_path_errors(inputs, tree):
    cls = one_field_model(lib.FilePath)
    assert inputs.validate_v(cls, str(tree / "file")) == tree / "file"
    error = inputs.single_error(cls, str(tree / "dir"))
    assert error == {"type": "path_not_file", "loc": ("v",), "msg": "Path does not point to a file", "input": str(tree / "dir")}


def test_new_path_errors(inputs, tree):
    cls = one_field_model(lib.NewPath)
    assert inputs.single_error(cls, str(tree / "file"))["type"] == "path_exists"
    error = inputs.single_error(cls, str(tree / "no" / "child"))
    assert (error["type"], error["msg"]) == ("parent_does_not_exist", "Parent directory does not exist")


def test_socket_path_refuses_a_file(inputs, tree):
    error = inputs.single_error(one_field_model(lib.SocketPath), str(tree / "file"))
    assert (error["type"], error["msg"]) == ("path_not_socket", "Path does not point to a socket")


@pytest.mark.skipif(support.ORACLE, reason="satya's definition-time errors")
def test_path_type_applies_to_paths_only():
    from typing import Annotated

    from satya.types import PathType

    with pytest.raises(lib.SchemaError):
        one_field_model(Annotated[int, PathType("file")])
    with pytest.raises(ValueError):
        PathType("fifo")
