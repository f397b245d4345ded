"""satya.dask: NDJSON files and dask bags validated partition by partition, on
a two-process cluster and in one process, and Model classes sent to other
processes by value (cloudpickle)."""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
import textwrap
from typing import Optional

import pytest

pytest.importorskip("dask.bag", reason="satya.dask needs dask[bag]")
distributed = pytest.importorskip("distributed", reason="the cluster tests need dask.distributed")
cloudpickle = pytest.importorskip("cloudpickle", reason="classes are sent by value with cloudpickle")

import dask  # noqa: E402
import dask.bag as db  # noqa: E402

import satya.dask as sd  # noqa: E402
from satya import Field, Model, ValidationError  # noqa: E402

MODULE = "satya_dask_test_models"
MODULE_SOURCE = '''
from __future__ import annotations
from satya import Field, Model

class Address(Model):
    city: str = Field(min_length=1)
    zip: str = "00000"

class Person(Model):
    id: int = Field(gt=0)
    name: str = Field(min_length=1)
    address: Address = Field(default_factory=lambda: Address(city="nowhere"))
    tags: list[str] = []
'''


def local_models():
    """Models defined in a function: cloudpickle sends them by value. The
    annotations are strings (this module uses `from __future__ import
    annotations`), resolved from this function's scope."""

    class Point(Model):
        x: int = Field(ge=0)
        y: int = 0

    class Shape(Model):
        id: int = Field(gt=0)
        name: str = Field(min_length=1)
        origin: Point = Field(default_factory=lambda: Point(x=1))
        points: list[Point] = []
        label: Optional[str] = None

    return Shape, Point


def records(n: int, seed: int) -> list[str]:
    """NDJSON lines for Person and Shape alike: valid records, constraint and
    nested errors, missing fields, malformed JSON and blank lines."""
    lines = []
    for i in range(1, n + 1):
        k = (i * 7 + seed) % 23
        if k == 0:
            lines.append("")
        elif k == 1:
            lines.append('{"id": 3, "name": "broken"')
        elif k == 2:
            lines.append(json.dumps({"id": -i, "name": ""}))
        elif k == 3:
            lines.append(json.dumps({"name": f"n{i}"}))
        elif k == 4:
            lines.append(json.dumps({"id": i, "name": "x", "address": {"city": ""}, "origin": {"x": -1},
                                     "points": [{"x": 1}, {"x": "no"}]}))
        else:
            lines.append(json.dumps({"id": i, "name": f"n{i}", "tags": ["a", str(i)], "address": {"city": "c"},
                                     "points": [{"x": i, "y": -i}], "label": "L" if i % 2 else None}))
    return lines


def expected_from_lines(model, path, lines):
    """The oracle: every non-blank line through model_validate_json on its own."""
    valid, invalid = [], []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            valid.append(model.model_validate_json(line).model_dump())
        except ValidationError as error:
            invalid.append({"path": path, "line": number, "errors": json.loads(error.json())})
    return valid, invalid


def dumps(instances, model):
    assert all(type(m) is model for m in instances)
    return [m.model_dump() for m in instances]


# --- fixtures ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def models_dir(tmp_path_factory):
    directory = tmp_path_factory.mktemp("models")
    (directory / f"{MODULE}.py").write_text(textwrap.dedent(MODULE_SOURCE))
    sys.path.insert(0, str(directory))
    yield str(directory)
    sys.path.remove(str(directory))
    sys.modules.pop(MODULE, None)


@pytest.fixture(scope="module")
def client(models_dir):
    cluster = distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1,
                                       dashboard_address=None, worker_dashboard_address=None)
    with cluster, distributed.Client(cluster) as client:

        def prepend(path):
            if path not in sys.path:
                sys.path.insert(0, path)

        client.run(prepend, models_dir)
        yield client


@pytest.fixture(scope="module")
def person(models_dir):
    return importlib.import_module(MODULE).Person


@pytest.fixture(scope="module")
def ndjson_files(tmp_path_factory):
    """Two files, one of them without a final newline."""
    directory = tmp_path_factory.mktemp("ndjson")
    files = []
    for index, (n, trailing) in enumerate([(700, "\n"), (450, "")]):
        lines = records(n, seed=index)
        path = directory / f"part-{index}.ndjson"
        path.write_text("\n".join(lines) + trailing)
        files.append((str(path), lines))
    return files


def expected_files(model, files):
    valid, invalid = [], []
    for path, lines in files:
        v, i = expected_from_lines(model, path, lines)
        valid += v
        invalid += i
    return valid, invalid


def run_both(client, valid_bag, invalid_bag, model):
    """The bags computed on the cluster and with the one-process scheduler;
    the two must agree exactly."""
    on_cluster = client.compute([valid_bag, invalid_bag], sync=True)
    in_process = dask.compute(valid_bag, invalid_bag, scheduler="sync")
    cluster_valid, cluster_invalid = on_cluster
    local_valid, local_invalid = in_process
    assert dumps(cluster_valid, model) == dumps(local_valid, model)
    assert cluster_invalid == local_invalid
    return dumps(local_valid, model), local_invalid


# --- Model classes through cloudpickle ----------------------------------------------


LOAD_IN_FRESH_PROCESS = r"""
import json, sys, cloudpickle
(Shape, Point, Node, Child), shape = cloudpickle.loads(sys.stdin.buffer.read())
out = {
    "instance": [type(shape) is Shape, shape.model_dump()],
    "validated": Shape.model_validate({"id": 2, "name": "s", "points": [{"x": 3}]}).model_dump(),
    "json": Shape.model_validate_json(b'{"id": 4, "name": "t", "origin": {"x": 9, "y": 1}}').model_dump(),
    "defaults": [Shape(id=1, name="n").origin.x, Shape(id=1, name="n").points],
    "tree": Node.model_validate({"v": 1, "children": [{"v": 2, "children": [{"v": 3}]}]}).model_dump(),
    "child": Child.model_validate({"id": 5, "name": "c", "extra": "2.5"}).model_dump(),
    "required": [n for n, f in Shape.model_fields.items() if f.is_required()],
    "many": [m.model_dump()["id"] for m in Shape.model_validate_many([{"id": 7, "name": "z"}])],
}
try:
    Shape.model_validate({"id": 0, "name": "", "origin": {"x": -1}})
except Exception as error:
    out["errors"] = [(e["type"], e["loc"]) for e in json.loads(error.json())]
print(json.dumps(out))
"""


def test_a_class_defined_in_a_function_is_rebuilt_by_value_in_a_fresh_process():
    Shape, Point = local_models()

    class Node(Model):
        v: int
        children: list[Node] = []

    class Child(Shape):
        extra: float = 0.5

    payload = cloudpickle.dumps(((Shape, Point, Node, Child), Shape(id=3, name="a", points=[Point(x=2)])))
    run = subprocess.run([sys.executable, "-c", LOAD_IN_FRESH_PROCESS], input=payload, capture_output=True,
                         check=True, timeout=60)
    out = json.loads(run.stdout)
    assert out["instance"] == [True, {"id": 3, "name": "a", "origin": {"x": 1, "y": 0},
                                      "points": [{"x": 2, "y": 0}], "label": None}]
    assert out["validated"] == Shape.model_validate({"id": 2, "name": "s", "points": [{"x": 3}]}).model_dump()
    assert out["json"] == {"id": 4, "name": "t", "origin": {"x": 9, "y": 1}, "points": [], "label": None}
    assert out["defaults"] == [1, []]
    assert out["tree"] == {"v": 1, "children": [{"v": 2, "children": [{"v": 3, "children": []}]}]}
    assert out["child"] == {"id": 5, "name": "c", "origin": {"x": 1, "y": 0}, "points": [], "label": None,
                            "extra": 2.5}
    assert out["required"] == ["id", "name"]
    assert out["many"] == [7]
    assert out["errors"] == [["greater_than", ["id"]], ["string_too_short", ["name"]],
                             ["greater_than_equal", ["origin", "x"]]]


def test_a_class_unpickled_where_it_exists_is_the_same_class_with_its_schema_kept():
    Shape, _ = local_models()
    schema = Shape.__dict__["__satya_schema__"]
    fields = list(Shape.model_fields)
    again, instance = cloudpickle.loads(cloudpickle.dumps((Shape, Shape(id=1, name="a"))))
    assert again is Shape and type(instance) is Shape
    assert Shape.__dict__["__satya_schema__"] is schema
    assert list(Shape.model_fields) == fields
    assert Shape(id=2, name="b").model_dump()["id"] == 2


def test_module_level_instances_still_pickle_by_reference(person):
    import pickle

    instance = person(id=1, name="a")
    for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
        clone = pickle.loads(pickle.dumps(instance, protocol=protocol))
        assert type(clone) is person and clone == instance


def test_a_field_without_default_stays_required_after_pickling():
    import pickle

    Shape, _ = local_models()
    info = pickle.loads(pickle.dumps(Shape.model_fields["id"]))
    assert info.is_required() and info.gt == 0
    assert not pickle.loads(pickle.dumps(Shape.model_fields["label"])).is_required()


# --- read_ndjson --------------------------------------------------------------------


@pytest.mark.parametrize("where", ["module", "function"])
def test_read_ndjson_one_partition_per_file(client, person, ndjson_files, where):
    model = person if where == "module" else local_models()[0]
    valid_bag, invalid_bag = sd.read_ndjson([path for path, _ in ndjson_files], model)
    assert valid_bag.npartitions == invalid_bag.npartitions == 2
    valid, invalid = run_both(client, valid_bag, invalid_bag, model)
    assert (valid, invalid) == expected_files(model, ndjson_files)
    assert {e["errors"][0]["type"] for e in invalid} >= {"json_invalid", "greater_than", "missing"}


@pytest.mark.parametrize("where", ["module", "function"])
def test_read_ndjson_in_blocks(client, person, ndjson_files, where):
    model = person if where == "module" else local_models()[0]
    directory = ndjson_files[0][0].rsplit("/", 1)[0]
    valid_bag, invalid_bag = sd.read_ndjson(f"{directory}/*.ndjson", model, blocksize=8000)
    assert valid_bag.npartitions > 4
    valid, invalid = run_both(client, valid_bag, invalid_bag, model)
    expected_valid, expected_invalid = expected_files(model, ndjson_files)
    assert valid == expected_valid
    assert invalid == [{"path": e["path"], "errors": e["errors"]} for e in expected_invalid]


def test_read_ndjson_validates_each_file_once_for_both_bags(ndjson_files, person, monkeypatch):
    calls = []
    validate_file = sd._validate_file

    def counted(*args):
        calls.append(args[0].path)
        return validate_file(*args)

    monkeypatch.setattr(sd, "_validate_file", counted)
    valid_bag, invalid_bag = sd.read_ndjson([path for path, _ in ndjson_files], person)
    dask.compute(valid_bag, invalid_bag, scheduler="sync")
    assert sorted(calls) == sorted(path for path, _ in ndjson_files)


def test_read_ndjson_counts_blank_lines_and_reads_past_a_chunk(tmp_path, person):
    lines = ["", json.dumps({"id": 1, "name": "a"}), "   ", "{oops", json.dumps({"id": 2, "name": "b"})] * 3
    path = tmp_path / "small.ndjson"
    path.write_text("\n".join(lines) + "\n")
    valid, invalid = dask.compute(*sd.read_ndjson(str(path), person), scheduler="sync")
    assert [m.id for m in valid] == [1, 2] * 3
    assert [e["line"] for e in invalid] == [4, 9, 14]
    assert all(e["path"] == str(path) and e["errors"][0]["type"] == "json_invalid" for e in invalid)


def test_read_ndjson_reads_a_compressed_file(tmp_path, person):
    import gzip

    path = tmp_path / "people.ndjson.gz"
    path.write_bytes(gzip.compress(b'{"id": 1, "name": "a"}\n{"id": "x", "name": "b"}\n'))
    valid, invalid = dask.compute(*sd.read_ndjson(str(path), person, compression="infer"), scheduler="sync")
    assert [m.id for m in valid] == [1]
    assert [(e["line"], e["errors"][0]["type"]) for e in invalid] == [(2, "int_parsing")]


def test_read_ndjson_refuses_what_it_cannot_read(tmp_path, person):
    with pytest.raises(OSError, match="no files"):
        sd.read_ndjson(str(tmp_path / "missing-*.ndjson"), person)
    with pytest.raises(TypeError, match="satya Model class"):
        sd.read_ndjson(str(tmp_path / "x.ndjson"), dict)


# --- validate_bag -------------------------------------------------------------------


def mixed_items(lines):
    """The same records as str lines (with the newline read_text keeps), as
    bytes, as dicts, plus documents spanning lines and blank items."""
    items = []
    for i, line in enumerate(lines):
        if not line.strip():
            items.append(line if i % 2 else b" ")
        elif i % 4 == 0:
            items.append(line + "\n")
        elif i % 4 == 1:
            items.append(line.encode())
        elif i % 4 == 2:
            try:
                items.append(json.loads(line))
            except ValueError:
                items.append(line)
        else:
            items.append(line.replace(", ", ",\n  "))
    return items


def expected_items(model, items, npartitions):
    bag = db.from_sequence(items, npartitions=npartitions)
    valid, invalid = [], []
    for partition, part in enumerate(bag.to_delayed()):
        for index, item in enumerate(part.compute(scheduler="sync")):
            try:
                if isinstance(item, (str, bytes)):
                    # the newline read_text leaves is not part of the document
                    item = item[:-1] if item[-1:] in ("\n", b"\n") else item
                    valid.append(model.model_validate_json(item).model_dump())
                else:
                    valid.append(model.model_validate(item).model_dump())
            except ValidationError as error:
                invalid.append({"partition": partition, "index": index, "errors": json.loads(error.json())})
    return valid, invalid


@pytest.mark.parametrize("where", ["module", "function"])
def test_validate_bag_of_lines_dicts_and_bytes(client, person, where):
    model = person if where == "module" else local_models()[0]
    items = mixed_items(records(400, seed=5))
    bag = db.from_sequence(items, npartitions=5)
    valid_bag, invalid_bag = sd.validate_bag(bag, model)
    assert valid_bag.npartitions == 5
    valid, invalid = run_both(client, valid_bag, invalid_bag, model)
    assert (valid, invalid) == expected_items(model, items, 5)
    assert {e["errors"][0]["type"] for e in invalid} >= {"json_invalid", "greater_than", "missing"}


def test_validate_bag_of_read_text_lines(ndjson_files, person):
    path, lines = ndjson_files[0]
    valid, invalid = dask.compute(*sd.validate_bag(db.read_text(path), person), scheduler="sync")
    expected_valid, expected_invalid = expected_from_lines(person, path, lines)
    assert dumps(valid, person) == expected_valid
    # read_text keeps blank lines as items: each is a json_invalid record
    blank = [number for number, line in enumerate(lines, 1) if not line.strip()]
    assert blank
    assert [(e["partition"], e["index"] + 1) for e in invalid] == [
        (0, number) for number in sorted(blank + [e["line"] for e in expected_invalid])]
    assert [e["errors"] for e in invalid if e["index"] + 1 not in blank] == [e["errors"] for e in expected_invalid]


def test_validate_bag_refuses_a_non_bag(person):
    with pytest.raises(TypeError, match="dask.bag.Bag"):
        sd.validate_bag([{"id": 1}], person)
