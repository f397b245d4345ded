"""Batches: many records validated in one call.

JSON arrays and NDJSON are split on record boundaries and, when the schema
needs no Python, parsed and validated on worker threads with the GIL released;
the instances are built afterwards, in input order. Anything else runs through
the same model validator one record at a time, with the cyclic GC paused.
"""

from __future__ import annotations

import os
from typing import Any, BinaryIO, Iterable, Iterator

from . import _satya
from . import config as _settings

_ERROR_MODES = ("raise", "collect")
_FORMATS = ("array", "ndjson")
DEFAULT_CHUNK_BYTES = 8 << 20


class BatchResult:
    """The outcome of a batch validated with `errors="collect"`.

    `valid` holds the valid instances and `valid_indices` their record numbers,
    `errors` holds `(index, ValidationError)` pairs; both in input order. An
    index is the record's position (for NDJSON, its line number minus one,
    blank lines included). `nbytes` is how much input this result covers.
    """

    __slots__ = ("valid", "valid_indices", "errors", "nbytes")

    def __init__(self, valid: list, valid_indices: list[int], errors: list, nbytes: int = 0):
        self.valid = valid
        self.valid_indices = valid_indices
        self.errors = errors
        self.nbytes = nbytes

    def __len__(self) -> int:
        return len(self.valid) + len(self.errors)

    def __iter__(self):
        return iter(self.valid)

    def __repr__(self) -> str:
        shown = ", ".join(str(i) for i, _ in self.errors[:5])
        more = ", ..." if len(self.errors) > 5 else ""
        where = f" at [{shown}{more}]" if self.errors else ""
        return f"BatchResult({len(self)} records: {len(self.valid)} valid, {len(self.errors)} invalid{where})"


def thread_count(threads: int | None) -> int:
    """The per-call value, then `satya.config.threads`, then `SATYA_THREADS`,
    then the number of cores."""
    for source, value in (("threads=", threads), ("satya.config.threads", _settings.threads)):
        if value is not None:
            return _positive(source, value)
    env = os.environ.get("SATYA_THREADS", "").strip()
    if env:
        try:
            return _positive("SATYA_THREADS", int(env))
        except ValueError:
            raise ValueError(f"SATYA_THREADS must be a positive integer, got {env!r}") from None
    return os.cpu_count() or 1


def _positive(source: str, value) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError(f"{source} must be a positive integer, got {value!r}")
    return value


def _check_errors(errors: str) -> bool:
    if errors not in _ERROR_MODES:
        raise ValueError(f"errors must be 'raise' or 'collect', got {errors!r}")
    return errors == "collect"


def _result(out, collect: bool, nbytes: int):
    if not collect:
        return out
    valid, indices, errors = out
    return BatchResult(valid, indices, errors, nbytes)


def validate_many(cls, objects: Iterable[Any], *, strict=None, context=None, from_attributes=None,
                  errors: str = "raise"):
    collect = _check_errors(errors)
    out = _satya.validate_many(cls, objects, strict, context, bool(from_attributes), collect)
    return _result(out, collect, 0)


def validate_json_many(cls, data, *, format: str = "array", strict=None, context=None,
                       errors: str = "raise", threads: int | None = None, _index_base: int = 0):
    collect = _check_errors(errors)
    if format not in _FORMATS:
        raise ValueError(f"format must be 'array' or 'ndjson', got {format!r}")
    if not isinstance(data, (str, bytes, bytearray)):
        try:
            data = bytes(memoryview(data))
        except TypeError:
            pass  # not a buffer: the native call reports json_type
    out = _satya.validate_json_many(cls, data, format == "ndjson", strict, context, collect,
                                    thread_count(threads), _index_base)
    return _result(out, collect, len(data))


def validate_ndjson_iter(cls, source, *, chunk_bytes: int = DEFAULT_CHUNK_BYTES, threads: int | None = None,
                         strict=None, context=None) -> Iterator[BatchResult]:
    """Reads NDJSON from a path or a binary file in chunks of about `chunk_bytes`,
    cut after a newline, so memory follows the chunk size, not the file size."""
    if not isinstance(chunk_bytes, int) or chunk_bytes < 1:
        raise ValueError(f"chunk_bytes must be a positive integer, got {chunk_bytes!r}")
    workers = thread_count(threads)
    if isinstance(source, (str, bytes, os.PathLike)):
        with open(source, "rb") as f:
            yield from _chunks(cls, f, chunk_bytes, workers, strict, context)
    elif hasattr(source, "read"):
        yield from _chunks(cls, source, chunk_bytes, workers, strict, context)
    else:
        raise TypeError(f"expected a path or a binary file, got {type(source).__name__}")


def _chunks(cls, f: BinaryIO, chunk_bytes: int, threads: int, strict, context) -> Iterator[BatchResult]:
    carry = b""
    line_base = 0
    while True:
        block = f.read(chunk_bytes)
        if not isinstance(block, (bytes, bytearray)):
            raise TypeError("the file must be opened in binary mode")
        if not block:
            break
        data = carry + block if carry else bytes(block)
        cut = data.rfind(b"\n") + 1
        if cut == 0:
            carry = data  # one line longer than a chunk: keep reading
            continue
        carry = data[cut:]
        yield validate_json_many(cls, data[:cut], format="ndjson", strict=strict, context=context,
                                 errors="collect", threads=threads, _index_base=line_base)
        line_base += data.count(b"\n", 0, cut)
    if carry:
        yield validate_json_many(cls, carry, format="ndjson", strict=strict, context=context,
                                 errors="collect", threads=threads, _index_base=line_base)
