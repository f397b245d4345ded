"""Batches: `model_validate_many`, `model_validate_json_many` and
`model_validate_ndjson_iter`.

A batch must be indistinguishable from validating its records one at a time
(same instances in the same order, the same errors for each invalid record),
and, raising, give pydantic's one ValidationError for `list[Model]`. Also
covered: NDJSON line handling, chunked reading, thread-count resolution, that
the JSON path really releases the GIL, and that `model_validate_many` pauses
the cyclic GC and always restores it."""

import gc
import io
import json
import os
import subprocess
import sys
import threading
import time

import pydantic
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import support

if support.ORACLE:
    pytest.skip("batches are satya's own API; pydantic has no counterpart to test", allow_module_level=True)

from batch_support import (  # noqa: E402
    batch_outcomes,
    code_batches,
    define_code,
    define_order,
    define_user,
    first_line,
    json_outcome,
    ok_view,
    order_batches,
    pydantic_list_errors,
    python_outcome,
    raised_errors,
    render,
    same,
    to_python,
    user_batches,
)
from support import errors_of, without_urls  # noqa: E402

import satya  # noqa: E402
import satya._batch  # noqa: E402
from satya import BatchResult, ValidationError  # noqa: E402

PYD_USER = define_user(pydantic)
PYD_ORDER = define_order(pydantic)
PYD_CODE = define_code(pydantic)
PYDANTIC = {"user": PYD_USER, "order": PYD_ORDER, "code": PYD_CODE}
BUILDERS = {"user": define_user, "order": define_order, "code": define_code}
BATCHES = {"user": user_batches, "order": order_batches, "code": code_batches}
NATIVE = {"user": True, "order": True, "code": False}


def examples(n: int) -> int:
    """`n` under the default hypothesis profile, proportionally more under a
    wider one (SATYA_HYPOTHESIS_PROFILE=explore)."""
    return n * max(1, settings.default.max_examples // 250)


VALID_USER = {"id": 1, "name": "Ann", "age": 30, "email": "a@b.co", "score": 50.5}


def user_line(**changes) -> str:
    return json.dumps({**VALID_USER, **changes})


# ---------------------------------------------------------------------------
# Checking one batch against the records validated one at a time.


def check_raising(cls, expected: dict, call, sources=None):
    """`call()` validates with errors="raise": the instances in order, or one
    ValidationError titled list[Model] with every record's errors."""
    errors = raised_errors(expected)
    title = f"list[{cls.__name__}]"
    if not errors:
        got = call()
        order = sorted(expected)
        assert type(got) is list and len(got) == len(order)
        views = [ok_view(inst, None if sources is None else sources[i]) for inst, i in zip(got, order)]
        assert same(views, [expected[i] for i in order])
        return
    with pytest.raises(ValidationError) as info:
        call()
    exc = info.value
    assert exc.title == title
    assert str(exc).splitlines()[0] == first_line(len(errors), title)
    assert same(errors_of(exc), errors)


def check_collecting(cls, expected: dict, result, sources=None):
    got = batch_outcomes(result, cls, sources)
    assert sorted(got) == sorted(expected)
    for index in sorted(expected):
        assert same(got[index], expected[index]), (index, got[index], expected[index])


def ndjson_document(texts, blank_before, final_newline, as_bytes):
    """NDJSON of `texts` with `blank_before[k]` empty lines before record k;
    returns the document and each record's index (its line number - 1)."""
    lines, indices = [], []
    for text, blanks in zip(texts, blank_before):
        lines.extend([""] * blanks)
        indices.append(len(lines))
        lines.append(text)
    doc = "\n".join(lines) + ("\n" if final_newline and lines else "")
    return (doc.encode() if as_bytes else doc), indices


def array_document(texts, space, as_bytes):
    doc = "[" + space + ("," + space).join(texts) + space + "]"
    return doc.encode() if as_bytes else doc


# ---------------------------------------------------------------------------
# 1. JSON batches against one record at a time.


# Damage done to a record's text now and then: (record, position, inserted text;
# "" cuts the text there). Never a newline, which would split an NDJSON record.
DAMAGE = ["", "{", "}", "[", "]", ",", ":", '"', "\\", "x", "\x00", "\ufeff", "01", "-", ".", "\r", " \t"]


def damaged(texts, damage):
    texts = list(texts)
    for k, position, insert in damage:
        if k < len(texts):
            text = texts[k]
            cut = 1 + position % len(text)  # a record never becomes a blank line
            texts[k] = text[:cut] if insert == "" else text[:cut] + insert + text[cut:]
    return texts


@pytest.mark.parametrize("which", ["user", "order", "code"])
def test_json_batches_match_validating_each_record(backend_models, which):
    cls = backend_models.define(BUILDERS[which], native=NATIVE[which])

    @settings(max_examples=examples(150), deadline=None)
    @given(
        recs=BATCHES[which],
        ascii_only=st.booleans(),
        space=st.sampled_from(["", " ", "\t"]),
        gap=st.sampled_from(["", " ", "\n", "\r\n  "]),
        blank_before=st.lists(st.integers(0, 2), min_size=10, max_size=10),
        final_newline=st.booleans(),
        as_bytes=st.booleans(),
        damage=st.lists(st.tuples(st.integers(0, 9), st.integers(0, 10**4), st.sampled_from(DAMAGE)), max_size=2),
    )
    def check(recs, ascii_only, space, gap, blank_before, final_newline, as_bytes, damage):
        texts = damaged([render(r, ascii_only, space) for r in recs], damage)
        encoded = [t.encode() if as_bytes else t for t in texts]
        array = array_document(texts, gap, as_bytes)
        ndjson, lines = ndjson_document(texts, blank_before, final_newline, as_bytes)
        for strict in (None, True):
            alone = [json_outcome(cls, t, strict) for t in encoded]
            check_json_batches(cls, PYDANTIC[which], alone, array, ndjson, lines, strict)
            check_past_the_parallel_threshold(cls, texts, alone, as_bytes, strict)

    check()


def check_past_the_parallel_threshold(cls, texts, alone, as_bytes, strict):
    """The same records repeated to a few hundred, so that the workers and the
    calling thread share the batch (below 128 records it runs on the calling thread)."""
    if not texts:
        return
    reps = -(-160 // len(texts))
    doc = "\n".join(texts * reps)
    doc = doc.encode() if as_bytes else doc
    expected = dict(enumerate(alone * reps))
    got = cls.model_validate_json_many(doc, format="ndjson", errors="collect", strict=strict, threads=2)
    check_collecting(cls, expected, got)


def is_json_invalid(outcome) -> bool:
    return outcome[0] == "err" and outcome[3][0]["type"] == "json_invalid"


def check_json_batches(cls, pyd_cls, alone, array, ndjson, lines, strict):
    """Both formats, both error modes, one and two threads, against `alone`
    (each record validated by itself). A record that is not JSON makes the
    whole array so, as for pydantic; in NDJSON it is that line's error."""
    for threads in (1, 2):
        options = dict(strict=strict, threads=threads)
        expected = dict(zip(lines, alone))
        check_collecting(cls, expected, cls.model_validate_json_many(ndjson, format="ndjson", errors="collect", **options))
        check_raising(cls, expected, lambda: cls.model_validate_json_many(ndjson, format="ndjson", **options))
        if any(is_json_invalid(o) for o in alone) and is_json(array):
            # a damaged record that reads as several values ("1,0"): the array
            # holds other records than `alone`, so pydantic's list is the reference
            check_against_pydantic_list(cls, pyd_cls, array, strict, threads)
        elif any(is_json_invalid(o) for o in alone):
            with pytest.raises(pydantic.ValidationError) as info:
                pydantic.TypeAdapter(list[pyd_cls]).validate_json(array, strict=strict)
            for errors in ("raise", "collect"):
                with pytest.raises(ValidationError) as mine:
                    cls.model_validate_json_many(array, errors=errors, **options)
                assert mine.value.title == f"list[{cls.__name__}]"
                assert same(errors_of(mine.value), info.value.errors(include_url=False))
        else:
            expected = dict(enumerate(alone))
            check_collecting(cls, expected, cls.model_validate_json_many(array, errors="collect", **options))
            check_raising(cls, expected, lambda: cls.model_validate_json_many(array, **options))


def is_json(text) -> bool:
    try:
        json.loads(text)
    except ValueError:
        return False
    return True


def check_against_pydantic_list(cls, pyd_cls, array, strict, threads):
    try:
        theirs = pydantic.TypeAdapter(list[pyd_cls]).validate_json(array, strict=strict)
    except pydantic.ValidationError as exc:
        with pytest.raises(ValidationError) as mine:
            cls.model_validate_json_many(array, strict=strict, threads=threads)
        assert same(errors_of(mine.value), exc.errors(include_url=False))
        return
    assert len(cls.model_validate_json_many(array, strict=strict, threads=threads)) == len(theirs)


# Targeted records, all through one batch.
TARGETED = [
    "5",
    "[]",
    "null",
    '"x"',
    "true",
    "[1, 2]",
    user_line(),
    user_line(id=2**64),
    user_line(id=-(2**70)),
    user_line(id=123456789012345678901234567890),
    user_line(id=1.0),
    user_line(id=1.5),
    user_line(id=1e20),
    user_line(id="12"),
    user_line(id=" 12 "),
    user_line(id="1.0"),
    user_line(age="150"),
    user_line(score="50.5"),
    user_line(score=1),
    user_line(name="\u00e9t\u00e9 \U0001f600"),
    json.dumps({**VALID_USER, "name": "\u00e9t\u00e9 \U0001f600"}, ensure_ascii=True),
    '{"id": 1, "name": "\\ud83d\\ude00", "age": 1, "email": "a@b.co", "score": 1}',
    '{"id": 1, "name": "\\ud800", "age": 1, "email": "a@b.co", "score": 1}',
    '{"id": 1, "name": "a", "age": 1, "email": "a@b.co", "score": 1, "id": 0}',
    '{"id": 0, "name": "a", "age": 1, "email": "a@b.co", "score": 1, "id": 7}',
    '{"n\\u0061me": "b", "id": 1, "age": 1, "email": "a@b.co", "score": 1}',
    json.dumps({**VALID_USER, "unknown": [[[[[[1]]]]]], "x": {"y": None}}),
    json.dumps({**VALID_USER, "unknown": "[" * 300}),
    '{"id": 1, "name": "a", "age": 1, "email": "a@b.co", "score": 1, "deep": ' + "[" * 300 + "]" * 300 + "}",
    '{"id": ' + "[" * 50 + "]" * 50 + ', "name": "a", "age": 1, "email": "a@b.co", "score": 1}',
    '{"id": 1, "name": "a", "age": 1, "email": "a@b.co", "score": NaN}',
    '{"id": 1, "name": "a", "age": 1, "email": "a@b.co", "score": 1e400}',
    '{"id": 1, "name": "a", "age": 1, "email": "a@b.co", "score": -0.0}',
    "{}",
]


@pytest.mark.parametrize("strict", [None, True])
def test_targeted_records_match_validating_each_record(backend_models, strict):
    User = backend_models.define(define_user)
    alone = [json_outcome(User, t, strict) for t in TARGETED]
    assert sum(o[0] == "ok" for o in alone) >= 5  # the list does hold valid records
    assert sum(is_json_invalid(o) for o in alone) >= 2  # and records that are not JSON
    ndjson = "\n".join(TARGETED) + "\n"
    check_json_batches(User, PYD_USER, alone, "[" + ",\n".join(TARGETED) + "]", ndjson, range(len(TARGETED)), strict)
    # the array again, without the records that are not JSON
    kept = [i for i, o in enumerate(alone) if not is_json_invalid(o)]
    array = "[" + ",\n".join(TARGETED[i] for i in kept) + "]"
    check_json_batches(User, PYD_USER, [alone[i] for i in kept], array, "", [], strict)


# Text that looks like record boundaries, inside strings and keys.
LOOKALIKES = ['"},{"id": 1, "name": "x"},{', "\\", '"', '\\"]}', "],[{", "}\n{", '{"id":', "]", "[", ",", "}", "\u2028", "\r\n"]


def test_strings_that_look_like_record_boundaries():
    User = define_user()
    texts = []
    for i in range(600):
        tricky = LOOKALIKES[i % len(LOOKALIKES)] * (1 + i % 3)
        doc = {"id": i % 40, "name": tricky[:50], "age": 5, "email": "a@b.co", "score": 1, "k" + tricky: [tricky]}
        texts.append(json.dumps(doc, ensure_ascii=bool(i % 2)))
    alone = [json_outcome(User, t) for t in texts]
    assert 0 < sum(o[0] == "ok" for o in alone) < 600
    for threads in (1, 2, 3, 8):
        for fmt, data in (("array", "[" + ",".join(texts) + "]"), ("ndjson", "\n".join(texts))):
            result = User.model_validate_json_many(data, format=fmt, errors="collect", threads=threads)
            check_collecting(User, dict(enumerate(alone)), result)


@pytest.mark.parametrize("strict", [None, False, True])
def test_a_strict_model_and_the_strict_argument(strict):
    class Strict(satya.Model):
        model_config = {"strict": True}
        id: int = satya.Field(gt=0)
        name: str
        score: float

    docs = [{"id": "5", "name": "a", "score": 1}, {"id": 5, "name": "a", "score": "1.5"}, {"id": 5, "name": "a", "score": 1},
            {"id": 5.0, "name": "a", "score": 1}, {"id": 5, "name": b"a", "score": 1}]
    python = {i: python_outcome(Strict, d, strict) for i, d in enumerate(docs)}
    assert [o[0] for o in python.values()] == (["ok"] * 5 if strict is False else ["err", "err", "ok", "err", "err"])
    check_collecting(Strict, python, Strict.model_validate_many(docs, strict=strict, errors="collect"), sources=docs)
    texts = [json.dumps(d) for d in docs[:4]]
    expected = {i: json_outcome(Strict, t, strict) for i, t in enumerate(texts)}
    for threads in (1, 2):
        for fmt, data in (("array", "[" + ",".join(texts) + "]"), ("ndjson", "\n".join(texts))):
            result = Strict.model_validate_json_many(data, format=fmt, strict=strict, threads=threads, errors="collect")
            check_collecting(Strict, expected, result)


def test_defaults_are_not_shared_between_instances():
    class Defaults(satya.Model):
        id: int
        tags: list[str] = []
        meta: dict[str, int] = {}

    docs = [{"id": 1}, {"id": 2}]
    for batch in (
        Defaults.model_validate_many(docs),
        Defaults.model_validate_json_many(json.dumps(docs), threads=1),
        Defaults.model_validate_json_many(json.dumps(docs), threads=2),
        Defaults.model_validate_json_many("\n".join(map(json.dumps, docs)), format="ndjson", threads=2),
    ):
        assert batch[0].tags == [] and batch[0].tags is not batch[1].tags and batch[0].meta is not batch[1].meta
        batch[0].tags.append("x")
        assert batch[1].tags == [] and Defaults.model_validate({"id": 3}).tags == []


def test_json_batches_from_two_python_threads_at_once():
    User = define_user()
    docs = [{**VALID_USER, "id": i % 9} for i in range(3000)]
    data = json.dumps(docs)
    reference = User.model_validate_json_many(data, errors="collect", threads=1)
    results, failures = [], []

    def work():
        try:
            for _ in range(3):
                results.append(User.model_validate_json_many(data, errors="collect", threads=2))
        except BaseException as exc:  # reported below
            failures.append(exc)

    workers = [threading.Thread(target=work) for _ in range(2)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    assert failures == [] and len(results) == 6
    for result in results:
        assert result.valid_indices == reference.valid_indices
        assert [u.id for u in result.valid] == [u.id for u in reference.valid]
        assert [(i, e.errors()) for i, e in result.errors] == [(i, e.errors()) for i, e in reference.errors]


# ---------------------------------------------------------------------------
# 1b. Python batches against one object at a time.


class Attrs:
    def __init__(self, **values):
        self.__dict__.update(values)


@pytest.mark.parametrize("which", ["user", "order", "code"])
def test_python_batches_match_validating_each_object(backend_models, which):
    cls = backend_models.define(BUILDERS[which], native=NATIVE[which])

    @settings(max_examples=examples(80), deadline=None)
    @given(
        recs=BATCHES[which],
        extras=st.lists(st.sampled_from(["instance", "subclass", "object", "tuple", "set"]), max_size=3),
        container=st.sampled_from([list, tuple, iter, "generator"]),
    )
    def check(recs, extras, container):
        objects = [to_python(r) for r in recs]
        valid = [o for o in objects if python_outcome(cls, o)[0] == "ok"]
        for extra in extras:
            if extra in ("instance", "subclass") and valid:
                target = cls if extra == "instance" else type("Sub" + cls.__name__, (cls,), {})
                objects.append(target.model_validate(valid[0]))
            elif extra == "object":
                objects.append(object())
            elif extra == "tuple":
                objects.append(tuple(valid[0].items()) if valid else ())
            elif extra == "set":
                objects.append({1, 2})
        for strict in (None, True):
            expected = {i: python_outcome(cls, o, strict) for i, o in enumerate(objects)}

            def batch(errors):
                items = (o for o in objects) if container == "generator" else container(objects)
                return cls.model_validate_many(items, strict=strict, errors=errors)

            check_collecting(cls, expected, batch("collect"), sources=objects)
            check_raising(cls, expected, lambda: batch("raise"), sources=objects)

    check()


def test_python_batches_read_attributes_when_asked():
    User = define_user()
    objects = [Attrs(**VALID_USER), Attrs(**{**VALID_USER, "id": 0}), VALID_USER, Attrs(id=3)]
    for from_attributes in (None, False, True):
        expected = {i: python_outcome(User, o, None, from_attributes) for i, o in enumerate(objects)}
        got = User.model_validate_many(objects, from_attributes=from_attributes, errors="collect")
        check_collecting(User, expected, got, sources=objects)
    assert User.model_validate_many(objects[:1], from_attributes=True)[0].id == 1


def test_an_instance_comes_back_as_itself():
    User = define_user()
    inst = User(**VALID_USER)
    assert User.model_validate_many([inst, inst])[0] is inst
    result = User.model_validate_many([VALID_USER, inst], errors="collect")
    assert result.valid[1] is inst and result.valid_indices == [0, 1]


# ---------------------------------------------------------------------------
# 2. errors="raise" is pydantic's TypeAdapter(list[Model]).


def check_against_pydantic(exc_info, pyd_cls, data, *, json_input):
    expected = pydantic_list_errors(pyd_cls, data, json_input=json_input)
    if expected is None:
        assert exc_info is None, errors_of(exc_info)
        return
    assert exc_info is not None, f"pydantic refuses: {expected[2]}"
    title, line, errors = expected
    assert exc_info.title == title
    assert str(exc_info).splitlines()[0] == line
    fields = ("type", "loc", "msg", "input")
    assert same([{k: e[k] for k in fields} for e in errors_of(exc_info)], [{k: e[k] for k in fields} for e in errors])


def raised(call):
    try:
        call()
    except ValidationError as exc:
        return exc
    return None


@pytest.mark.parametrize("which", ["user", "order"])
def test_raising_batches_are_pydantics_list_validation(backend_models, which):
    cls = backend_models.define(BUILDERS[which])
    pyd = {"user": PYD_USER, "order": PYD_ORDER}[which]

    @settings(max_examples=examples(60), deadline=None)
    @given(recs=BATCHES[which], as_bytes=st.booleans())
    def check(recs, as_bytes):
        objects = [to_python(r) for r in recs]
        check_against_pydantic(raised(lambda: cls.model_validate_many(objects)), pyd, objects, json_input=False)
        doc = array_document([render(r) for r in recs], " ", as_bytes)
        for threads in (1, 2):
            exc = raised(lambda: cls.model_validate_json_many(doc, threads=threads))
            check_against_pydantic(exc, pyd, doc, json_input=True)

    check()


def test_raising_batch_text_is_pydantics():
    User = define_user()
    records = [VALID_USER, {**VALID_USER, "id": 0, "name": ""}, 5, {"id": "x"}]
    exc = raised(lambda: User.model_validate_many(records))
    with pytest.raises(pydantic.ValidationError) as info:
        pydantic.TypeAdapter(list[PYD_USER]).validate_python(records)
    assert str(exc) == without_urls(str(info.value))
    doc = json.dumps(records)
    exc = raised(lambda: User.model_validate_json_many(doc, threads=2))
    with pytest.raises(pydantic.ValidationError) as info:
        pydantic.TypeAdapter(list[PYD_USER]).validate_json(doc)
    assert str(exc) == without_urls(str(info.value))


def test_one_invalid_record_is_one_error_for_the_list():
    User = define_user()
    exc = raised(lambda: User.model_validate_json_many(json.dumps([VALID_USER, {**VALID_USER, "age": -1}])))
    assert str(exc).splitlines()[0] == "1 validation error for list[User]"
    assert [e["loc"] for e in exc.errors()] == [(1, "age")]


# ---------------------------------------------------------------------------
# 3. errors="collect".


def test_collect_result_shape():
    User = define_user()
    docs = [VALID_USER, {**VALID_USER, "id": 0}, {**VALID_USER, "id": 2}, "nope", {**VALID_USER, "id": 3}]
    data = json.dumps(docs).encode()
    for result in (
        User.model_validate_json_many(data, errors="collect", threads=2),
        User.model_validate_many(docs, errors="collect"),
    ):
        assert isinstance(result, BatchResult)
        assert len(result) == 5
        assert [u.id for u in result.valid] == [1, 2, 3]
        assert [u.id for u in result] == [1, 2, 3]
        assert result.valid_indices == [0, 2, 4]
        assert [i for i, _ in result.errors] == [1, 3]
        assert result.errors[0][1].errors()[0]["loc"] == ("id",)
        assert result.errors[1][1].errors()[0]["type"] == "model_type"
        text = repr(result)
        assert text.startswith("BatchResult(") and "5 records" in text and "3 valid" in text and "2 invalid" in text
        assert "1, 3" in text
    assert User.model_validate_json_many(data, errors="collect").nbytes == len(data)
    assert User.model_validate_many(docs, errors="collect").nbytes == 0


def test_collect_never_raises_for_invalid_items():
    User = define_user()
    docs = [{"id": -1}] * 50 + [7, None, "x", [1]]
    result = User.model_validate_json_many(json.dumps(docs), errors="collect", threads=2)
    assert result.valid == [] and len(result) == 54 and [i for i, _ in result.errors] == list(range(54))
    result = User.model_validate_many(docs, errors="collect")
    assert result.valid == [] and len(result) == 54
    empty = User.model_validate_json_many("[]", errors="collect")
    assert len(empty) == 0 and empty.valid == [] and empty.errors == [] and "0 records" in repr(empty)


def test_repr_of_many_errors_stays_short():
    User = define_user()
    result = User.model_validate_many([{}] * 1000, errors="collect")
    assert len(repr(result)) < 200 and "1000 invalid" in repr(result)


MALFORMED_ARRAYS = [
    "",
    "   ",
    "[",
    "[1,]",
    "[,1]",
    "[{}]]",
    "[] x",
    "[{}] [{}]",
    '[{"id": 1,}]',
    '[{"id": 1}, {"id": 2]',
    '[{"id": 1}, {"id": 02}]',
    '[{"id": 1}\n, {"id": "\\x"}]',
    '[{"id": 1}, {"id": "abc}]',
    '[{"id": 1},\n{"id": 2},\n{"id": 3}\n',
    '[{"id": 1}, tru]',
    "[" + "[" * 300 + "]" * 300 + "]",
    '[{"x": ' + "[" * 300 + "]" * 300 + "}]",
    b'[{"id": 1, "name": "ok"}, {"id": 2, "name": "\xff\xfe"}]',
    b'[{"id": 1}, {"id": 2, "name": "\xc3"}]',
    "\ufeff[]",
]


@pytest.mark.parametrize("doc", MALFORMED_ARRAYS, ids=range(len(MALFORMED_ARRAYS)))
@pytest.mark.parametrize("errors", ["raise", "collect"])
def test_a_malformed_array_is_pydantics_json_invalid(doc, errors):
    User = define_user()
    with pytest.raises(pydantic.ValidationError) as info:
        pydantic.TypeAdapter(list[PYD_USER]).validate_json(doc)
    expected = info.value.errors(include_url=False)
    assert expected[0]["type"] == "json_invalid"
    for threads in (1, 2):
        with pytest.raises(ValidationError) as info:
            User.model_validate_json_many(doc, errors=errors, threads=threads)
        assert info.value.title == "list[User]"
        assert same(errors_of(info.value), expected)


@pytest.mark.parametrize("doc", ['{"id": 1}', "5", "null", '"x"', "true", " {} ", "1.5"])
@pytest.mark.parametrize("errors", ["raise", "collect"])
def test_a_document_that_is_not_an_array_is_pydantics_list_type(doc, errors):
    User = define_user()
    with pytest.raises(pydantic.ValidationError) as info:
        pydantic.TypeAdapter(list[PYD_USER]).validate_json(doc)
    expected = info.value.errors(include_url=False)
    with pytest.raises(ValidationError) as info:
        User.model_validate_json_many(doc, errors=errors)
    assert info.value.title == "list[User]"
    assert same(errors_of(info.value), expected)


@pytest.mark.parametrize("as_type", [str, bytes, bytearray, memoryview])
def test_every_input_type_reads_the_same(as_type):
    User = define_user()
    docs = [VALID_USER, {**VALID_USER, "name": "\u00e9t\u00e9"}, {**VALID_USER, "id": 0}, 5]
    reference = None
    for fmt, text in (("array", json.dumps(docs)), ("ndjson", "\n".join(json.dumps(d) for d in docs))):
        data = text if as_type is str else as_type(text.encode())
        result = User.model_validate_json_many(data, format=fmt, errors="collect")
        view = (result.valid_indices, [u.model_dump() for u in result.valid], [(i, e.errors()) for i, e in result.errors])
        assert reference is None or view == reference
        reference = view
    assert reference[0] == [0, 1]


def test_bad_arguments_are_refused():
    User = define_user()
    with pytest.raises(ValueError):
        User.model_validate_json_many("[]", errors="ignore")
    with pytest.raises(ValueError):
        User.model_validate_json_many("[]", format="csv")
    with pytest.raises(ValueError):
        User.model_validate_many([], errors="warn")



@pytest.mark.parametrize("data", [12, None, 1.5, ["[]"]])
def test_input_that_is_not_json_text_is_refused_like_model_validate_json(data):
    """As `model_validate_json` and pydantic's `validate_json` do: one json_type error."""
    User = define_user()
    with pytest.raises(ValidationError) as alone:
        User.model_validate_json(data)
    with pytest.raises(pydantic.ValidationError) as info:
        pydantic.TypeAdapter(list[PYD_USER]).validate_json(data)
    assert errors_of(alone.value)[0]["type"] == "json_type"
    for fmt in ("array", "ndjson"):
        with pytest.raises(ValidationError) as mine:
            User.model_validate_json_many(data, format=fmt)
        assert mine.value.title == "list[User]"
        assert same(errors_of(mine.value), info.value.errors(include_url=False))


# ---------------------------------------------------------------------------
# 4. NDJSON specifics.


def ndjson_collect(cls, data, threads=2):
    return cls.model_validate_json_many(data, format="ndjson", errors="collect", threads=threads)


def test_ndjson_blank_lines_are_skipped_but_counted():
    User = define_user()
    data = "\n" + user_line(id=1) + "\n\n\n" + user_line(id=0) + "\n\n" + user_line(id=3) + "\n\n"
    result = ndjson_collect(User, data)
    assert result.valid_indices == [1, 6] and [u.id for u in result.valid] == [1, 3]
    assert [i for i, _ in result.errors] == [4]
    assert len(result) == 3
    exc = raised(lambda: User.model_validate_json_many(data, format="ndjson"))
    assert [e["loc"] for e in exc.errors()] == [(4, "id")]


def test_ndjson_whitespace_only_lines_are_blank():
    User = define_user()
    data = user_line(id=1) + "\n   \n\t\n" + user_line(id=2) + "\n \t \n"
    result = ndjson_collect(User, data)
    assert result.valid_indices == [0, 3] and result.errors == [] and len(result) == 2


def test_ndjson_crlf_line_ends():
    User = define_user()
    lines = [user_line(id=1), user_line(id=0), "", user_line(id=3), "7"]
    lf = ndjson_collect(User, "\n".join(lines) + "\n")
    crlf = ndjson_collect(User, "\r\n".join(lines) + "\r\n")
    assert crlf.valid_indices == lf.valid_indices == [0, 3]
    assert [u.model_dump() for u in crlf.valid] == [u.model_dump() for u in lf.valid]
    assert [(i, e.errors()) for i, e in crlf.errors] == [(i, e.errors()) for i, e in lf.errors]
    assert [i for i, _ in crlf.errors] == [1, 4]
    assert User.model_validate_json_many(b"\r\n".join(line.encode() for line in lines[:1]) + b"\r\n", format="ndjson")[0].id == 1


@pytest.mark.parametrize(
    "bad",
    ['{"id": 1,', "{", "}", "[1,]", '{"id": 1} {"id": 2}', '{"id": 1}, ', "nul", '"abc', '{"id": 01}', "\ufeff{}"],
)
@pytest.mark.parametrize("as_bytes", [False, True])
def test_a_malformed_line_is_an_error_for_that_line_only(bad, as_bytes):
    User = define_user()
    lines = [user_line(id=1), bad, user_line(id=3)]
    data = "\n".join(lines) + "\n"
    if as_bytes:
        data, bad = data.encode(), bad.encode()
    expected = {0: json_outcome(User, lines[0]), 1: json_outcome(User, bad), 2: json_outcome(User, lines[2])}
    assert expected[1][3][0]["type"] == "json_invalid"
    for threads in (1, 2):
        check_collecting(User, expected, ndjson_collect(User, data, threads))
        check_raising(User, expected, lambda: User.model_validate_json_many(data, format="ndjson", threads=threads))


def test_invalid_utf8_in_one_line():
    User = define_user()
    bad = b'{"id": 2, "name": "a\xff\xfeb", "age": 1, "email": "a@b.co", "score": 1}'
    data = user_line(id=1).encode() + b"\n" + bad + b"\n" + user_line(id=3).encode() + b"\n"
    expected = {0: json_outcome(User, user_line(id=1).encode()), 1: json_outcome(User, bad), 2: json_outcome(User, user_line(id=3).encode())}
    assert expected[1][3][0]["type"] == "json_invalid"
    result = ndjson_collect(User, data)
    check_collecting(User, expected, result)
    assert [u.id for u in result.valid] == [1, 3]


def test_the_last_line_needs_no_newline():
    User = define_user()
    data = user_line(id=1) + "\n" + user_line(id=2)
    assert [u.id for u in User.model_validate_json_many(data, format="ndjson")] == [1, 2]
    truncated = user_line(id=1) + "\n" + user_line(id=2)[:-7]
    result = ndjson_collect(User, truncated)
    assert result.valid_indices == [0] and [i for i, _ in result.errors] == [1]
    assert same(errors_of(result.errors[0][1]), json_outcome(User, user_line(id=2)[:-7])[3])


@pytest.mark.parametrize("data", ["", b"", "\n", "\n\n\n", "  \n\t\n", b"\r\n\r\n"])
def test_ndjson_without_records(data):
    User = define_user()
    result = ndjson_collect(User, data)
    assert len(result) == 0 and result.valid == [] and result.errors == [] and result.nbytes == len(data)
    assert User.model_validate_json_many(data, format="ndjson") == []


class Doc(satya.Model):
    id: int
    body: str


def test_a_five_megabyte_line():
    body = ("\u00e9t\u00e9 \\ \" \n" * 10) + "x" * (5 << 20)
    line = json.dumps({"id": 1, "body": body})
    assert len(line) > 5 << 20 and "\n" not in line
    data = (user_line() + "\n" + line + "\n" + json.dumps({"id": 2, "body": "b"}) + "\n").encode()
    result = Doc.model_validate_json_many(data, format="ndjson", errors="collect", threads=2)
    assert result.valid_indices == [1, 2] and [i for i, _ in result.errors] == [0]
    assert result.valid[0].body == body
    array = Doc.model_validate_json_many("[" + line + "]", threads=2)
    assert array[0].body == body


# ---------------------------------------------------------------------------
# 5. Thread count.


@pytest.fixture
def clean_threads(monkeypatch):
    monkeypatch.setattr(satya.config, "threads", None)
    monkeypatch.delenv("SATYA_THREADS", raising=False)
    return monkeypatch


def test_thread_count_precedence(clean_threads):
    mp = clean_threads
    count = satya._batch.thread_count
    mp.setattr(os, "cpu_count", lambda: 5)
    assert count(None) == 5
    mp.setattr(os, "cpu_count", lambda: None)
    assert count(None) == 1
    mp.setenv("SATYA_THREADS", "3")
    assert count(None) == 3
    mp.setenv("SATYA_THREADS", " 4 ")
    assert count(None) == 4
    mp.setattr(satya.config, "threads", 6)
    assert count(None) == 6
    assert count(7) == 7


def test_each_source_of_the_thread_count_is_consulted_in_order(clean_threads):
    """A bad value at one level is seen only when no level above it is set."""
    mp = clean_threads
    User = define_user()
    data = json.dumps([VALID_USER] * 3)
    mp.setenv("SATYA_THREADS", "0")
    with pytest.raises(ValueError, match="SATYA_THREADS"):
        User.model_validate_json_many(data)
    mp.setattr(satya.config, "threads", 2)
    assert len(User.model_validate_json_many(data)) == 3
    mp.setattr(satya.config, "threads", 0)
    with pytest.raises(ValueError, match="satya.config.threads"):
        User.model_validate_json_many(data)
    assert len(User.model_validate_json_many(data, threads=2)) == 3
    with pytest.raises(ValueError, match="satya.config.threads"):
        next(User.model_validate_ndjson_iter(io.BytesIO(b"")))


@pytest.mark.parametrize("bad", [0, -1, "2", True, False, 2.0])
def test_invalid_thread_counts_are_refused(clean_threads, bad):
    User = define_user()
    with pytest.raises(ValueError):
        User.model_validate_json_many("[]", threads=bad)
    with pytest.raises(ValueError):
        list(User.model_validate_ndjson_iter(io.BytesIO(b"{}\n"), threads=bad))
    clean_threads.setattr(satya.config, "threads", bad)
    with pytest.raises(ValueError):
        User.model_validate_json_many("[]")


@pytest.mark.parametrize("env", ["0", "-1", "two", "1.5", "true"])
def test_invalid_thread_counts_from_the_environment_are_refused(clean_threads, env):
    User = define_user()
    clean_threads.setenv("SATYA_THREADS", env)
    with pytest.raises(ValueError, match="SATYA_THREADS"):
        User.model_validate_json_many("[]", format="ndjson")


def test_results_do_not_depend_on_the_thread_count():
    User = define_user()
    docs = []
    for i in range(300):
        docs.append({**VALID_USER, "id": i % 7, "age": i % 170, "name": "n" * (i % 60)} if i % 11 else i)
    array, ndjson = json.dumps(docs), "\n".join(json.dumps(d) for d in docs)

    def view(result):
        return result.valid_indices, [u.model_dump() for u in result.valid], [(i, e.errors()) for i, e in result.errors]

    for fmt, data in (("array", array), ("ndjson", ndjson)):
        views = [view(User.model_validate_json_many(data, format=fmt, errors="collect", threads=t)) for t in (1, 2, 3, 8, 1000)]
        assert all(v == views[0] for v in views)
        assert 0 < len(views[0][0]) < 300
    two = json.dumps(docs[1:3])
    assert all(len(User.model_validate_json_many(two, threads=t, errors="collect")) == 2 for t in (1, 8, 64))


# ---------------------------------------------------------------------------
# 6. The GIL is released while a JSON batch is parsed and checked.


class Row(satya.Model):
    id: int = satya.Field(gt=0)
    name: str = satya.Field(min_length=1, max_length=200)
    score: float = satya.Field(ge=0, le=1e6)
    active: bool = True


def _busy_milliseconds(call):
    """Runs `call()` while a Python thread counts and timestamps its progress;
    returns the number of distinct milliseconds in the middle of the call (a
    tenth of its length and 2 ms away from either end) in which the counter
    made progress, and the call's length in seconds.

    The counter needs the GIL. A call that holds it throughout leaves the
    counter only the ends, where the caller's own bytecode hands the GIL over
    for a switch interval; with the collector off (its callbacks are Python
    code that would hand it over mid-call too) the middle stays silent."""
    stamps = []
    stop = [False]
    keep = []

    def count():
        n = 0
        while not stop[0]:
            n += 1
            if n & 255 == 0:
                stamps.append(time.perf_counter())

    worker = threading.Thread(target=count, daemon=True)
    worker.start()
    time.sleep(0.02)
    t0 = time.perf_counter()
    keep.append(call())  # freed after t1, so its freeing is not timed
    t1 = time.perf_counter()
    stop[0] = True
    worker.join()
    margin = 0.1 * (t1 - t0) + 0.002
    return len({int((s - t0) * 1000) for s in stamps if t0 + margin < s < t1 - margin}), t1 - t0


def test_json_batches_release_the_gil():
    # An ignored key per record: parsed and skipped on the worker threads,
    # never built, so that most of the batch can run without the GIL.
    payload = json.dumps([[i, i * 0.5, "x%d" % i, None, True] for i in range(6)])
    row = '{"id": %d, "name": "row %d", "score": %d.25, "active": true, "payload": ' + payload + "}"
    data = ("[" + ",".join(row % (i + 1, i, i) for i in range(100_000)) + "]").encode()
    assert len(Row.model_validate_json_many("[" + row % (1, 1, 1) + "]", threads=2)) == 1
    previous = sys.getswitchinterval()
    sys.setswitchinterval(1e-4)  # a free GIL goes to the counter within 0.1 ms
    gc.disable()
    try:
        # The measure reads (almost) nothing for a C call that holds the GIL.
        held, held_time = _busy_milliseconds(lambda: json.loads(data[: len(data) // 4].rsplit(b",{", 1)[0] + b"]"))
        assert held <= 5, (held, held_time)
        best = 0
        for _ in range(3):  # a busy machine may starve the counter once
            busy, elapsed = _busy_milliseconds(lambda: Row.model_validate_json_many(data, threads=2))
            best = max(best, busy)
            if best >= 20:
                break
    finally:
        gc.enable()
        sys.setswitchinterval(previous)
    assert best >= 20, f"the counter ran in only {best} ms of the middle of a {elapsed * 1000:.0f} ms batch"


# ---------------------------------------------------------------------------
# 7. model_validate_many pauses the cyclic GC.


def define_bag():
    class Bag(satya.Model):
        id: int
        tags: list[str]
        meta: dict[str, int]

    return Bag


class Boom(Exception):
    pass


def test_the_gc_is_paused_while_a_python_batch_runs():
    User = define_user()
    seen = []

    def feed():
        for i in range(50):
            seen.append(gc.isenabled())
            yield {**VALID_USER, "id": i + 1}

    assert gc.isenabled()
    assert len(User.model_validate_many(feed())) == 50
    assert seen and not any(seen)
    assert gc.isenabled()


def _collections_mid_batch(run, n):
    """Runs `run(feed)` and counts the collections that started while `feed`
    had yielded some but not all of its `n` records. (One right after the last
    record may be the collector catching up once it is resumed.)"""
    progress = [0]
    mid = []
    bags = [{"id": i, "tags": ["a", "b"], "meta": {"k": i}} for i in range(n)]

    def feed():
        for record in bags:
            progress[0] += 1
            yield record

    def callback(phase, info):
        if phase == "start" and 0 < progress[0] < n:
            mid.append(progress[0])

    gc.callbacks.append(callback)
    try:
        run(feed())
    finally:
        gc.callbacks.remove(callback)
    return len(mid)


def test_no_collection_runs_during_a_python_batch():
    Bag = define_bag()
    n = 20_000
    gc.collect()
    # Validating the same records one by one lets the collector run many times,
    # so its silence during the batch is the batch's doing.
    control = _collections_mid_batch(lambda feed: [Bag.model_validate(r) for r in feed], n)
    assert control >= 5, control
    assert _collections_mid_batch(lambda feed: Bag.model_validate_many(feed), n) == 0
    assert _collections_mid_batch(lambda feed: Bag.model_validate_many(feed, errors="collect"), n) == 0
    assert gc.isenabled()


def test_the_gc_is_restored_when_the_batch_raises():
    User = define_user()
    with pytest.raises(ValidationError):
        User.model_validate_many([VALID_USER, {"id": 0}])
    assert gc.isenabled()


@pytest.mark.parametrize("errors", ["raise", "collect"])
def test_an_exception_from_the_iterable_propagates_unchanged(errors):
    User = define_user()
    boom = Boom("from the iterable")

    def feed():
        yield VALID_USER
        yield {"id": 0}
        raise boom

    with pytest.raises(Boom) as info:
        User.model_validate_many(feed(), errors=errors)
    assert info.value is boom
    assert gc.isenabled()

    class BadIterable:
        def __iter__(self):
            raise boom

    with pytest.raises(Boom) as info:
        User.model_validate_many(BadIterable(), errors=errors)
    assert info.value is boom
    assert gc.isenabled()


def test_a_disabled_gc_stays_disabled():
    User = define_user()
    gc.disable()
    try:
        User.model_validate_many([VALID_USER])
        assert not gc.isenabled()
        with pytest.raises(ValidationError):
            User.model_validate_many([{"id": 0}])
        assert not gc.isenabled()

        def feed():
            yield VALID_USER
            raise Boom()

        with pytest.raises(Boom):
            User.model_validate_many(feed())
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_batch_inside_a_batch_keeps_the_gc_paused_until_the_outer_one_ends():
    User = define_user()
    seen = []

    def outer():
        yield VALID_USER
        assert len(User.model_validate_many(iter([VALID_USER]))) == 1
        seen.append(gc.isenabled())
        yield VALID_USER

    assert len(User.model_validate_many(outer())) == 2
    assert seen == [False]
    assert gc.isenabled()


def test_overlapping_batches_in_two_threads_restore_the_gc():
    """A starts, B starts, A ends, B ends: B must not restore the paused state
    it found when it started."""
    User = define_user()
    a_started, b_started, a_done = threading.Event(), threading.Event(), threading.Event()
    done, failures = [], []

    def feed_a():
        yield VALID_USER
        a_started.set()
        assert b_started.wait(10)
        yield VALID_USER

    def feed_b():
        assert a_started.wait(10)
        yield VALID_USER
        b_started.set()
        assert a_done.wait(10)
        yield VALID_USER

    def run(feed, after=None):
        try:
            done.append(len(User.model_validate_many(feed())))
        except BaseException as exc:  # reported below
            failures.append(exc)
        finally:
            if after is not None:
                after.set()

    threads = [threading.Thread(target=run, args=(feed_a, a_done)), threading.Thread(target=run, args=(feed_b,))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert failures == [] and done == [2, 2]
    assert gc.isenabled()


def test_scalar_only_instances_are_untracked():
    User, Bag = define_user(), define_bag()
    docs = [{**VALID_USER, "id": i + 1} for i in range(20)]
    batches = [
        User.model_validate_many(docs),
        User.model_validate_many(docs, errors="collect").valid,
        User.model_validate_json_many(json.dumps(docs), threads=1),
        User.model_validate_json_many(json.dumps(docs), threads=2),
        User.model_validate_json_many("\n".join(map(json.dumps, docs)), format="ndjson", threads=2, errors="collect").valid,
    ]
    for batch in batches:
        assert len(batch) == 20 and not any(gc.is_tracked(u) for u in batch)
    bag = {"id": 1, "tags": ["a"], "meta": {}}
    assert all(gc.is_tracked(b) for b in Bag.model_validate_many([bag, bag]))
    assert all(gc.is_tracked(b) for b in Bag.model_validate_json_many(json.dumps([bag, bag]), threads=2))


# ---------------------------------------------------------------------------
# 8. model_validate_ndjson_iter.


def _iter_document(line_end="\n"):
    lines = []
    for i in range(60):
        if i % 9 == 4:
            lines.append("")
        elif i % 13 == 5:
            lines.append('{"id": %d, "name": "x"' % i)  # malformed
        elif i % 7 == 3:
            lines.append(user_line(id=0, name="\u00e9" * (i % 5 + 1)))
        elif i % 17 == 8:
            lines.append(json.dumps({**VALID_USER, "name": "z" * 45, "email": "long.address@example.org"}))
        else:
            lines.append(user_line(id=i + 1, name="n\u00e9" * (i % 4 + 1)))
    return (line_end.join(lines) + line_end + user_line(id=999)).encode()  # no line end at the end


def _view(result):
    return (
        result.valid_indices,
        [u.model_dump() for u in result.valid],
        [(i, e.title, str(e), e.errors()) for i, e in result.errors],
    )


def _merged(results):
    merged = BatchResult([], [], [], 0)
    for r in results:
        assert isinstance(r, BatchResult)
        merged.valid += r.valid
        merged.valid_indices += r.valid_indices
        merged.errors += r.errors
        merged.nbytes += r.nbytes
    return merged


@pytest.mark.parametrize("chunk_bytes", [7, 64, 1000, 8 << 20])
@pytest.mark.parametrize("source", ["path", "bytesio", "file"])
@pytest.mark.parametrize("line_end", ["\n", "\r\n"])
def test_ndjson_iter_matches_one_batch(tmp_path, chunk_bytes, source, line_end):
    User = define_user()
    data = _iter_document(line_end)
    whole = User.model_validate_json_many(data, format="ndjson", errors="collect", threads=2)
    assert len(whole.valid) > 20 and len(whole.errors) > 5
    path = tmp_path / "records.ndjson"
    path.write_bytes(data)
    if source == "path":
        results = list(User.model_validate_ndjson_iter(path, chunk_bytes=chunk_bytes, threads=2))
        assert _view(_merged(User.model_validate_ndjson_iter(str(path), chunk_bytes=chunk_bytes))) == _view(whole)
    elif source == "bytesio":
        results = list(User.model_validate_ndjson_iter(io.BytesIO(data), chunk_bytes=chunk_bytes, threads=2))
    else:
        with open(path, "rb") as f:
            results = list(User.model_validate_ndjson_iter(f, chunk_bytes=chunk_bytes, threads=1))
    merged = _merged(results)
    assert _view(merged) == _view(whole)
    assert merged.nbytes == len(data) == sum(r.nbytes for r in results)
    if chunk_bytes == 7:
        assert len(results) > 10


def test_ndjson_iter_passes_strict_through():
    User = define_user()
    data = (user_line(id="5") + "\n" + user_line() + "\n").encode()
    lax = _merged(User.model_validate_ndjson_iter(io.BytesIO(data), chunk_bytes=16))
    strict = _merged(User.model_validate_ndjson_iter(io.BytesIO(data), chunk_bytes=16, strict=True))
    assert lax.valid_indices == [0, 1] and strict.valid_indices == [1]
    assert strict.errors[0][1].errors()[0]["type"] == "int_type"


def test_ndjson_iter_of_an_empty_file():
    User = define_user()
    assert sum(len(r) for r in User.model_validate_ndjson_iter(io.BytesIO(b""))) == 0
    assert sum(len(r) for r in User.model_validate_ndjson_iter(io.BytesIO(b"\n\n"), chunk_bytes=1)) == 0


def test_ndjson_iter_refuses_text_files_and_bad_chunk_sizes(tmp_path):
    User = define_user()
    path = tmp_path / "records.ndjson"
    path.write_text(user_line() + "\n")
    with pytest.raises(TypeError):
        list(User.model_validate_ndjson_iter(io.StringIO(user_line() + "\n")))
    with open(path) as f, pytest.raises(TypeError):
        list(User.model_validate_ndjson_iter(f))
    with pytest.raises(TypeError):
        list(User.model_validate_ndjson_iter(12))
    for bad in (0, -1, "64", 1.5):
        with pytest.raises(ValueError):
            list(User.model_validate_ndjson_iter(path, chunk_bytes=bad))


# ---------------------------------------------------------------------------
# 9. A pattern only Python's `re` runs.


def test_a_lookahead_pattern_batches_like_one_by_one(backend_models):
    Code = backend_models.define(define_code, native=False)
    docs = [{"id": 1, "code": "a1"}, {"id": 2, "code": "abc"}, {"id": 3, "code": "9"}, {"id": 0, "code": ""}, 5,
            {"id": 4, "code": "\u00e9\u0663"}, {"id": 5, "code": "x\n1"}] * 30
    texts = [json.dumps(d) for d in docs]
    expected = {i: json_outcome(Code, t) for i, t in enumerate(texts)}
    assert {o[0] for o in expected.values()} == {"ok", "err"}
    for threads in (1, 2):
        for fmt, data in (("array", "[" + ",".join(texts) + "]"), ("ndjson", "\n".join(texts))):
            check_collecting(Code, expected, Code.model_validate_json_many(data, format=fmt, errors="collect", threads=threads))
            check_raising(Code, expected, lambda: Code.model_validate_json_many(data, format=fmt, threads=threads))
    expected = {i: python_outcome(Code, d) for i, d in enumerate(docs)}
    check_collecting(Code, expected, Code.model_validate_many(docs, errors="collect"), sources=docs)
    check_raising(Code, expected, lambda: Code.model_validate_many(docs), sources=docs)
    check_against_pydantic(raised(lambda: Code.model_validate_json_many("[" + ",".join(texts) + "]", threads=2)),
                           PYD_CODE, "[" + ",".join(texts) + "]", json_input=True)


# ---------------------------------------------------------------------------
# Hostile documents run in a child process, so that a crash is a failure of
# this test, not the end of the run.

HOSTILE = r"""
import json, sys
sys.path.insert(0, {tests!r})
import pydantic
from batch_support import define_order
from support import error_class_name, errors_of
Order = define_order()
POrder = define_order(pydantic)
valid = '{{"item": {{"x": 1, "tags": []}}, "nums": [1], "counts": {{}}, "blob": "b", "extra": %s}}'
failures = []
for depth in (10_000, 1_000_000):
    deep = "[" * depth + "]" * depth
    for doc in ("[" + valid % deep + "]", "[" * depth, "[" + valid % "1" + "," + "{{" * depth + "]"):
        for threads in (1, 2):
            try:
                Order.model_validate_json_many(doc, threads=threads)
                got = None
            except Exception as exc:
                got = (error_class_name(exc), errors_of(exc))
            try:
                pydantic.TypeAdapter(list[POrder]).validate_json(doc)
                want = None
            except pydantic.ValidationError as exc:
                want = ("ValidationError", exc.errors(include_url=False))
            if repr(got) != repr(want):
                failures.append((doc[:40], threads, repr(got)[:300], repr(want)[:300]))
    lines = valid % "1" + "\n" + valid % deep + "\n" + "[" * depth + "\n" + valid % "2" + "\n"
    for threads in (1, 2):
        result = Order.model_validate_json_many(lines, format="ndjson", threads=threads, errors="collect")
        alone = []
        for line in lines.splitlines():
            try:
                Order.model_validate_json(line)
            except Exception as exc:
                alone.append(errors_of(exc))
        if result.valid_indices != [0, 3] or [e.errors(include_url=False) for _, e in result.errors] != alone:
            failures.append(("ndjson", depth, threads, result.valid_indices))
print(json.dumps([repr(f) for f in failures]))
"""


def test_deeply_nested_documents_in_a_child_process():
    script = HOSTILE.format(tests=os.path.dirname(__file__))
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, (proc.returncode, proc.stderr[-2000:])
    assert json.loads(proc.stdout.strip().splitlines()[-1]) == []


FORK_SCRIPT = """
import json, os
from satya import Model
class R(Model):
    id: int
    name: str
data = "\\n".join(json.dumps({"id": i, "name": "x"}) for i in range(2000))
assert len(R.model_validate_json_many(data, format="ndjson", threads=2)) == 2000
pid = os.fork()
if pid == 0:
    n = len(R.model_validate_json_many(data, format="ndjson", threads=2))
    os._exit(0 if n == 2000 else 3)
_, status = os.waitpid(pid, 0)
raise SystemExit(os.waitstatus_to_exitcode(status))
"""


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")
def test_a_forked_child_runs_parallel_batches():
    # The child inherits the parent's worker pools but not their threads.
    done = subprocess.run([sys.executable, "-c", FORK_SCRIPT], capture_output=True, timeout=120)
    assert done.returncode == 0, done.stderr.decode(errors="replace")
