"""`list[T]` fields: accepted sequences, item coercion and locations, lengths."""

import collections
from typing import Annotated, List

import pytest

from support import Field, ValidationError, divergence, one_field_model, single_error, validate_v

IntList = one_field_model(list[int])
StrictIntList = one_field_model(list[int], strict=True)


@pytest.fixture
def Bounded(backend_models):
    return backend_models.one_field(list[int], dict(min_length=1, max_length=3))

INT_PARSING = "Input should be a valid integer, unable to parse string as an integer"


def generator():
    yield 1
    yield "2"


_mapping = {"a": 1, "b": "2"}


@pytest.mark.parametrize(
    "value",
    [
        [1, "2"],
        (1, "2"),
        collections.deque([1, "2"]),
        _mapping.values(),
        generator(),
    ],
    ids=["list", "tuple", "deque", "dict_values", "generator"],
)
def test_lax_list_accepts_sequences_and_coerces_items(inputs, value):
    assert inputs.validate_v(IntList, value) == [1, 2]


@pytest.mark.parametrize("value", [{1, 2}, frozenset([1, 2]), {1: "a", 2: "b"}.keys()])
def test_lax_list_accepts_sets_and_dict_keys(value):
    assert sorted(validate_v(IntList, value)) == [1, 2]


@pytest.mark.parametrize("value", ["ab", b"ab", bytearray(b"ab"), {"a": 1}, None, 5, object()])
def test_lax_list_rejects_strings_mappings_and_scalars(inputs, value):
    error = inputs.single_error(IntList, value)
    # pydantic's JSON input says "array" where Python input says "list"
    msg = inputs.pick(python="Input should be a valid list", json="Input should be a valid array")
    assert error == {"type": "list_type", "loc": ("v",), "msg": msg, "input": value}


@pytest.mark.parametrize(
    "make_value, expected",
    [(lambda: range(3), [0, 1, 2]), (lambda: iter([0, "1"]), [0, 1]), (lambda: map(int, "01"), [0, 1])],
    ids=["range", "list_iterator", "map"],
)
def test_lax_list_accepts_any_iterable_pydantic_accepts(make_value, expected):
    assert validate_v(IntList, make_value()) == expected


def test_lax_list_accepts_dict_items_as_pairs():
    assert validate_v(one_field_model(list), {"a": 1}.items()) == [("a", 1)]
    with pytest.raises(ValidationError) as info:
        IntList.model_validate({"v": {"a": 1}.items()})
    assert [(e["type"], e["loc"]) for e in info.value.errors()] == [("int_type", ("v", 0))]


def test_all_item_errors_are_collected_with_their_index(inputs):
    errors = inputs.errors(IntList, {"v": [1, "x", 3.5, None, "4"]})
    assert [(e["type"], e["loc"], e["input"]) for e in errors] == [
        ("int_parsing", ("v", 1), "x"),
        ("int_from_float", ("v", 2), 3.5),
        ("int_type", ("v", 3), None),
    ]


def test_nested_lists_report_the_full_location(inputs):
    Matrix = one_field_model(list[list[int]])
    assert inputs.validate_v(Matrix, [[1], inputs.pick(python=("2", 3), json=["2", 3])]) == [[1], [2, 3]]
    errors = inputs.errors(Matrix, {"v": [[1], [2, "x"], 5]})
    assert [(e["type"], e["loc"]) for e in errors] == [
        ("int_parsing", ("v", 1, 1)),
        ("list_type", ("v", 2)),
    ]


def test_validated_list_is_a_new_list():
    source = [1, 2]
    result = validate_v(IntList, source)
    assert result == source and result is not source
    source.append(3)
    assert result == [1, 2]


@pytest.mark.parametrize("annotation", [list, List])
def test_bare_list_keeps_items_unchanged(annotation):
    marker = object()
    result = validate_v(one_field_model(annotation), (marker, "1"))
    assert result[0] is marker and result[1] == "1"


def test_typing_list_alias_is_a_list(inputs):
    assert inputs.validate_v(one_field_model(List[int]), inputs.pick(python=("1",), json=["1"])) == [1]


def test_strict_list_accepts_only_lists(inputs):
    assert inputs.validate_v(StrictIntList, [1, 2]) == [1, 2]
    json_values = ["[1]", {"0": 1}, 1]  # what JSON can send instead of an array
    for value in inputs.pick(python=[(1,), {1}, collections.deque([1])], json=json_values):
        assert inputs.single_error(StrictIntList, value)["type"] == "list_type"


def test_strict_model_makes_items_strict_too(inputs):
    error = inputs.single_error(StrictIntList, [1, "2"])
    assert (error["type"], error["loc"]) == ("int_type", ("v", 1))


def test_strict_field_keyword_makes_only_the_list_strict(inputs):
    StrictOuter = one_field_model(list[int], dict(strict=True))
    assert inputs.validate_v(StrictOuter, ["1"]) == [1]
    assert inputs.single_error(StrictOuter, inputs.pick(python=("1",), json="1"))["type"] == "list_type"


def test_too_short_and_too_long_messages_and_ctx(inputs, Bounded):
    assert inputs.single_error(Bounded, []) == {
        "type": "too_short",
        "loc": ("v",),
        "msg": "List should have at least 1 item after validation, not 0",
        "input": [],
        "ctx": {"field_type": "List", "min_length": 1, "actual_length": 0},
    }
    error = inputs.single_error(Bounded, [1, 2, 3, 4])
    assert error["type"] == "too_long"
    assert error["msg"] == "List should have at most 3 items after validation, not 4"
    assert error["ctx"] == {"field_type": "List", "max_length": 3, "actual_length": 4}


def test_lengths_count_items_of_tuples_and_generators(Bounded):
    assert validate_v(Bounded, (1, 2, 3)) == [1, 2, 3]
    assert single_error(Bounded, (x for x in range(5)))["type"] == "too_long"


def test_item_errors_win_over_a_too_short_list(inputs, backend_models):
    TwoOrMore = backend_models.one_field(list[int], dict(min_length=2))
    assert inputs.single_error(TwoOrMore, ["x"])["type"] == "int_parsing"


def test_too_long_list_with_invalid_items_reports_too_long(inputs, Bounded):
    error = inputs.single_error(Bounded, [1, "x", 3, 4])
    assert error["type"] == "too_long"
    assert error["ctx"]["actual_length"] == 4


def test_list_of_lists_with_inner_constraint(inputs, backend_models):
    from typing import Annotated

    # Checks below the top level of a field are interpreted on both backends.
    Rows = backend_models.one_field(list[Annotated[list[int], Field(max_length=1)]], native=False)
    error = inputs.single_error(Rows, [[1], [1, 2]])
    assert (error["type"], error["loc"]) == ("too_long", ("v", 1))


@divergence(
    "a too-long generator reports 'not 5' with actual_length=5; pydantic, which cannot know the "
    "length of an iterator, reports 'not more' with actual_length=None"
)
def test_too_long_generator_message_matches_pydantic(Bounded):
    error = single_error(Bounded, (x for x in range(5)))
    assert error["msg"] == "List should have at most 3 items after validation, not more"
    assert error["ctx"] == {"field_type": "List", "max_length": 3, "actual_length": None}


@pytest.mark.parametrize("length", [0, 1, 3, 4, 5, 8, 9, 100])
def test_item_bounds_report_every_failing_item_whatever_the_length(inputs, backend_models, length):
    # Lengths around the native loop's four-item steps; odd indices fail.
    Items = backend_models.one_field(list[Annotated[float, Field(ge=0.0, lt=1.0)]])
    values = [0.5 if i % 2 == 0 else (1.0 if i % 4 == 1 else float("nan")) for i in range(length)]
    if length < 2:
        assert inputs.validate_v(Items, values) == values
        return
    errors = inputs.errors(Items, {"v": values})
    assert [(e["type"], e["loc"]) for e in errors] == [
        ("less_than", ("v", i)) for i in range(1, length, 2)
    ]


def test_item_lengths_of_a_list_of_str(inputs, backend_models):
    Words = backend_models.one_field(list[Annotated[str, Field(min_length=1, max_length=2)]], dict(max_length=4))
    assert inputs.validate_v(Words, ["a", "\U0001f600\U0001f600", "ab"]) == ["a", "\U0001f600\U0001f600", "ab"]
    errors = inputs.errors(Words, {"v": ["", "abc", "ok"]})
    assert [(e["type"], e["loc"], e["ctx"]) for e in errors] == [
        ("string_too_short", ("v", 0), {"min_length": 1}),
        ("string_too_long", ("v", 1), {"max_length": 2}),
    ]


def test_constrained_items_of_mixed_kinds_take_the_per_item_path(inputs, backend_models):
    # Ints in a float list become floats; strs and bools need coercion, so the
    # whole list goes item by item, with the same errors.
    Items = backend_models.one_field(list[Annotated[float, Field(ge=0, le=10)]])
    result = inputs.validate_v(Items, [1, 0, 2.5])
    assert result == [1.0, 0.0, 2.5] and all(type(x) is float for x in result)
    assert inputs.validate_v(Items, [1, "2.5", True]) == [1.0, 2.5, 1.0]
    errors = inputs.errors(Items, {"v": [11, "x", -1.0]})
    assert [(e["type"], e["loc"]) for e in errors] == [
        ("less_than_equal", ("v", 0)),
        ("float_parsing", ("v", 1)),
        ("greater_than_equal", ("v", 2)),
    ]


def test_constrained_int_items_keep_exact_ints(inputs, backend_models):
    Items = backend_models.one_field(list[Annotated[int, Field(gt=0, multiple_of=2)]])
    assert inputs.validate_v(Items, [2, 4, 2**62]) == [2, 4, 2**62]
    errors = inputs.errors(Items, {"v": [2, 3, 0, 2**70]})
    assert [(e["type"], e["loc"], e["input"]) for e in errors] == [
        ("multiple_of", ("v", 1), 3),
        ("greater_than", ("v", 2), 0),
    ]
