"""`StreamValidator`'s JSON methods: `validate_json` in its three modes, the
per-record result variants, `validate_from_bytes` and `validate_json_stream`.
Each record validates as pydantic's model_validate_json would; JSON batches
give the same results on one thread as on several."""

import io
import json
import random

import pytest
from stream_support import PERSON, expected, new_validator, records, seen, twin
from support import satya_only

import satya

PERSON_TWIN = twin(PERSON)
GOOD = {"name": "John", "age": 30, "email": "john@example.com"}
LINES = [json.dumps(GOOD), '{"name": "Jane", "age": "25", "extra": [1]}', '{"name": "Invalid", "age": "wrong"}',
         "{bad json", "[1, 2]", "7", '{"name": null, "age": 1.5}']


def expected_json(text):
    try:
        return expected(PERSON_TWIN, json.loads(text))
    except json.JSONDecodeError:
        return None


@pytest.fixture
def person():
    return new_validator(PERSON)


def test_ndjson_records_validate_as_pydantic(person):
    results = person.validate_ndjson("\n".join(LINES))
    assert len(results) == len(LINES)
    for line, result in zip(LINES, results):
        want = expected_json(line)
        if want is None or not isinstance(json.loads(line), dict):
            # not an object: one error for the whole line
            assert not result.is_valid and [e.path for e in result.errors] == [[]]
        else:
            assert seen(result) == want


@satya_only
def test_validate_json_object_gives_a_bool(person):
    assert person.validate_json(json.dumps(GOOD).encode(), mode="object") is True
    assert person.validate_json(json.dumps(GOOD)) is True
    assert person.validate_json(bytearray(b'{"name": 123, "age": "thirty", "email": false}')) is False
    assert person.validate_json(memoryview(b'{"name": "a", "age": 1}'), mode="OBJECT") is True
    assert person.validate_json(b'{"name": "a", "age": 1}', streaming=True) is True


@satya_only
@pytest.mark.parametrize("data,mode,message", [
    (b'[{"name": "John", "age": 30}]', "object", "Expected top-level JSON object, got array"),
    (b'"text"', "object", "Expected top-level JSON object, got string"),
    (b'{"name": "John", "age": 30, "email":}', "object", "Invalid JSON: expected value"),
    (b"", "object", "Invalid JSON: EOF"),
    (b'{"a": 1}', "array", "Expected top-level JSON array, got object"),
    (b"[{}, ", "array", "Invalid JSON: EOF"),
    (b'{"a": 1}', "invalid_mode", "Unknown mode: 'invalid_mode'"),
    (b'{"a": 1}', None, "Unknown mode: None"),
])
def test_validate_json_raises_for_unreadable_input(person, data, mode, message):
    with pytest.raises(ValueError, match=message.replace("[", r"\[")):
        person.validate_json(data, mode=mode)


@satya_only
def test_validate_json_refuses_what_is_not_json_text(person):
    for data in [5, None, {"name": "a"}, ["{}"]]:
        with pytest.raises(TypeError, match="expected JSON as str or bytes"):
            person.validate_json(data, mode="array")


@satya_only
def test_validate_json_array_gives_a_bool_per_item(person):
    data = [GOOD, {"name": "Jane", "age": 25, "email": "jane@example.com"}, {"name": "Invalid", "age": "wrong"}, 3]
    assert person.validate_json(json.dumps(data).encode(), mode="array") == [True, True, False, False]
    assert person.validate_json("[]", mode="array") == []
    assert person.validate_json(json.dumps(data), mode="array") == person.validate_batch(data)


@satya_only
def test_validate_json_ndjson_skips_blank_lines_and_fails_malformed_ones(person):
    text = "\n".join(LINES)
    assert person.validate_json(text.encode(), mode="ndjson") == [True, True, False, False, False, False, False]
    spaced = "\r\n\r\n".join(LINES) + "\n  \n"
    assert person.validate_json(spaced, mode="ndjson") == person.validate_json(text, mode="ndjson")
    assert person.validate_json(b"", mode="ndjson") == []
    assert person.validate_json(b"\n\n \n", mode="ndjson") == []
    assert person.validate_json(b"\xff\n" + LINES[0].encode(), mode="ndjson") == [False, True]


@satya_only
def test_result_variants_report_records_or_the_whole_input(person):
    assert person.validate_json_object(json.dumps(GOOD)).value == GOOD
    assert records(person.validate_json_object(b'{"name": "a", "age": "x"}')) == [
        ("age", ["age"], "Input should be a valid integer, unable to parse string as an integer")]
    unreadable = person.validate_json_object(b"{")
    assert not unreadable.is_valid and unreadable.errors[0].message.startswith("Invalid JSON: EOF")
    array = person.validate_json_array(json.dumps([GOOD, {"name": "x"}]))
    assert [seen(r) for r in array] == [("ok", GOOD), ("err", [("age", ["age"], "Field required", {"name": "x"})])]
    (whole,) = person.validate_json_array(b'{"a": 1}')
    assert [(e.path, e.message) for e in whole.errors] == [([], "Input should be a valid array")]
    lines = person.validate_ndjson(b"\n" + LINES[0].encode() + b"\n\n{x\n")
    assert [r.is_valid for r in lines] == [True, False]
    assert lines[1].errors[0].message.startswith("Invalid JSON: key must be a string")


@satya_only
def test_validate_from_bytes(person):
    assert person.validate_from_bytes(b'{"name": "John", "age": 30}') is True
    assert person.validate_from_bytes(bytearray(b'{"name": "John", "age": 300, "active": "x"}')) is False
    assert person.validate_from_bytes(b'{"name": "test", "age": 1}', streaming=False, zero_copy=False) is True
    with pytest.raises(TypeError, match="Expected bytes"):
        person.validate_from_bytes('{"name": "John", "age": 30}')
    with pytest.raises(ValueError, match="Invalid JSON"):
        person.validate_from_bytes(b'{"name": ')


@satya_only
@pytest.mark.parametrize("chunk_size", [1, 7, 8192])
def test_validate_json_stream_reads_ndjson_in_chunks(person, chunk_size):
    data = ("\n".join(LINES) + "\n\n").encode()
    results = list(person.validate_json_stream(io.BytesIO(data), chunk_size=chunk_size))
    assert results == person.validate_json(data, mode="ndjson")


@satya_only
def test_validate_json_stream_takes_a_path_and_refuses_text_files(person, tmp_path):
    path = tmp_path / "people.ndjson"
    path.write_text("\n".join(LINES))
    assert list(person.validate_json_stream(str(path))) == [True, True, False, False, False, False, False]
    with pytest.raises(TypeError, match="binary mode"):
        list(person.validate_json_stream(io.StringIO("\n".join(LINES))))
    with pytest.raises(TypeError, match="a path or a binary file"):
        list(person.validate_json_stream(12))


def records_batch(count, seed):
    rng = random.Random(seed)
    out = []
    for n in range(count):
        record = {"name": f"user{n}", "age": rng.choice([rng.randint(0, 99), "x", None]),
                  "email": rng.choice([f"u{n}@x.io", 5])}
        if rng.random() < 0.1:
            del record["name"]
        out.append(record)
    return out


@satya_only
@pytest.mark.parametrize("mode", ["array", "ndjson"])
def test_parallel_results_equal_one_thread(person, monkeypatch, mode):
    batch = records_batch(6000, seed=len(mode))
    data = (json.dumps(batch) if mode == "array" else "\n".join(map(json.dumps, batch))).encode()
    assert len(data) > 256 << 10  # large enough to be split between threads
    person.set_constraints("name", min_length=5)
    outcomes = {}
    for threads in (1, 2, 4):
        monkeypatch.setattr(satya.config, "threads", threads)
        results = (person.validate_json_array if mode == "array" else person.validate_ndjson)(data)
        outcomes[threads] = (person.validate_json(data, mode=mode), [seen(r) for r in results])
    assert outcomes[1] == outcomes[2] == outcomes[4]
    bools, views = outcomes[1]
    assert bools == person.validate_batch(batch) and 0 < sum(bools) < len(bools)
    assert views == [seen(person.validate(record)) for record in batch]


@satya_only
def test_changes_after_validation_rebuild_the_model(person):
    assert person.validate_json(b'{"name": "a", "age": 1}') is True
    person.add_field("id", int)
    assert person.validate_json(b'{"name": "a", "age": 1}') is False
    assert person.validate_json(b'{"name": "a", "age": 1, "id": 2}', mode="ndjson") == [True]
    person.set_constraints("id", gt=5)
    assert person.validate_json(b'[{"name": "a", "age": 1, "id": 2}]', mode="array") == [False]
