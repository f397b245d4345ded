"""Validating NDJSON files and dask bags into Model instances, partition by
partition, each partition through the batch path (`model_validate_json_many`,
`model_validate_ndjson_iter`, `model_validate_many`).

Both functions return `(valid_bag, invalid_bag)`, built from one task per
file, block or partition: `dask.compute(valid, invalid)` validates each once.
Computing the two bags in separate calls validates twice.

Requires `dask[bag]` (and `distributed` to run on a cluster). A Model class
defined in a function or in `__main__` is sent to the workers by value and
compiled again there.
"""

from __future__ import annotations

import json
import operator
import uuid

try:
    import dask
    import dask.bag as db
    import fsspec
    from dask.bytes import read_bytes
except ImportError as exc:  # pragma: no cover - depends on the environment
    raise ImportError("satya.dask requires dask: pip install 'dask[bag]'") from exc

from ._model import Model as _Model
from .errors import ValidationError

__all__ = ["read_ndjson", "validate_bag"]


def read_ndjson(urlpath_or_paths, Model, *, blocksize=None, **storage_options):
    """Validates NDJSON files (a path, a glob, a URL or a list of them) into
    `(valid_bag, invalid_bag)`.

    `valid_bag` holds `Model` instances in file order. `invalid_bag` holds
    `{"path", "line", "errors"}` dicts: `line` is 1-based (blank lines count)
    and `errors` is the pydantic-style error list, JSON-safe.

    With `blocksize=None` each file is one partition, read in chunks so memory
    follows the chunk size. With a `blocksize` (bytes or a string such as
    "64 MiB") files are split into blocks cut after a newline; line numbers
    are then unknown and `line` is absent. `path` is the file's path as its
    filesystem names it. `storage_options` go to fsspec (with `blocksize=None`,
    `compression="infer"` reads compressed files).

    Each partition validates on satya's own threads (`satya.config.threads`,
    else `SATYA_THREADS`, else the core count); on workers that already run a
    thread per core, `SATYA_THREADS` in their environment avoids
    oversubscription.
    """
    _check_model(Model)
    name = f"satya-read-ndjson-{uuid.uuid4().hex}"
    if blocksize is None:
        files = fsspec.open_files(urlpath_or_paths, mode="rb", **storage_options)
        if not files:
            raise OSError(f"{urlpath_or_paths} resolved to no files")
        parts = [
            dask.delayed(_validate_file)(f, Model, dask_key_name=(name, i))
            for i, f in enumerate(files)
        ]
    else:
        _, blocks, paths = read_bytes(
            urlpath_or_paths, delimiter=b"\n", blocksize=blocksize, sample=False,
            include_path=True, **storage_options,
        )
        parts = []
        for path, file_blocks in zip(paths, blocks):
            for block in file_blocks:
                key = (name, len(parts))
                parts.append(dask.delayed(_validate_block)(block, Model, path, dask_key_name=key))
    return _split(parts, name)


def validate_bag(bag, Model):
    """Validates every item of a dask bag into `(valid_bag, invalid_bag)`.

    str and bytes items are JSON documents (one per item; a trailing newline,
    as `dask.bag.read_text` leaves, is ignored); any other item (a dict, or
    anything `Model.model_validate` takes) is validated as a Python object. `valid_bag` keeps the order of the items; it has the partitions of
    `bag`. `invalid_bag` holds `{"partition", "index", "errors"}` dicts:
    `index` is the item's position within partition number `partition` of
    `bag` (a global position would need every partition's length first).
    """
    _check_model(Model)
    if not isinstance(bag, db.Bag):
        raise TypeError(f"validate_bag() expects a dask.bag.Bag, got {type(bag).__name__}")
    name = f"satya-validate-bag-{uuid.uuid4().hex}"
    parts = [
        dask.delayed(_validate_partition)(part, Model, i, dask_key_name=(name, i))
        for i, part in enumerate(bag.to_delayed())
    ]
    return _split(parts, name)


def _check_model(Model) -> None:
    if not (isinstance(Model, type) and issubclass(Model, _Model)):
        raise TypeError(f"expected a satya Model class, got {Model!r}")
    if "__satya_pending__" in Model.__dict__:
        # Resolve forward references here, where the defining scope exists,
        # and report a schema error before anything runs.
        Model.model_rebuild()


def _split(parts, name):
    """Two bags over the same `(valid, invalid)` tasks."""
    valid = [dask.delayed(operator.getitem)(p, 0, dask_key_name=(f"{name}-valid", i)) for i, p in enumerate(parts)]
    invalid = [dask.delayed(operator.getitem)(p, 1, dask_key_name=(f"{name}-invalid", i)) for i, p in enumerate(parts)]
    return db.from_delayed(valid), db.from_delayed(invalid)


def _errors(error: ValidationError) -> list:
    return json.loads(error.json())


def _validate_file(openfile, Model):
    valid, invalid = [], []
    path = openfile.path
    with openfile as f:
        for result in Model.model_validate_ndjson_iter(f):
            valid.extend(result.valid)
            invalid.extend({"path": path, "line": index + 1, "errors": _errors(error)}
                           for index, error in result.errors)
    return valid, invalid


def _validate_block(block: bytes, Model, path):
    result = Model.model_validate_json_many(block, format="ndjson", errors="collect")
    return result.valid, [{"path": path, "errors": _errors(error)} for _, error in result.errors]


def _validate_partition(items, Model, partition: int):
    items = list(items)
    lines, line_at = [], []      # JSON items batched as NDJSON, and their positions
    objects, object_at = [], []  # everything else, validated as Python objects
    found = []                   # (position, instance or ValidationError)
    for position, item in enumerate(items):
        if isinstance(item, (str, bytes, bytearray)):
            item = _without_newline(item)
            line = _as_line(item)
            if line is None:
                found.append((position, _validate_json_one(Model, item)))
            else:
                lines.append(line)
                line_at.append(position)
        else:
            objects.append(item)
            object_at.append(position)
    if lines:
        result = Model.model_validate_json_many(b"\n".join(lines), format="ndjson", errors="collect")
        found.extend(_positioned(result, line_at))
    if objects:
        result = Model.model_validate_many(objects, errors="collect")
        found.extend(_positioned(result, object_at))
    found.sort(key=operator.itemgetter(0))
    valid = [value for _, value in found if not isinstance(value, ValidationError)]
    invalid = [{"partition": partition, "index": position, "errors": _errors(value)}
               for position, value in found if isinstance(value, ValidationError)]
    return valid, invalid


def _without_newline(item):
    ending = "\n" if isinstance(item, str) else b"\n"
    return item[:-1] if item.endswith(ending) else item


def _as_line(item):
    """`item` as one NDJSON line, or None when it cannot be one: it spans
    lines, or is blank (NDJSON skips a blank line; an item is a record)."""
    if isinstance(item, str):
        try:
            item = item.encode()
        except UnicodeEncodeError:
            return None
    if b"\n" in item or not item.strip():
        return None
    return bytes(item)


def _validate_json_one(Model, item):
    try:
        return Model.model_validate_json(item)
    except ValidationError as error:
        return error


def _positioned(result, positions):
    for index, instance in zip(result.valid_indices, result.valid):
        yield positions[index], instance
    for index, error in result.errors:
        yield positions[index], error
