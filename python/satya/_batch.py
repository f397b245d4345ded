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
        return len(self.valid_indices) + len(self.errors)

    def __iter__(self):
        return iter(self.valid)

    def __repr__(self) -> str:
        shown = ", ".join(str(i) for i, _ in self.errors[:5])
        more = ", ..." if len(self.errors) > 5 else ""
        where = f" at [{shown}{more}]" if self.errors else ""
        return f"BatchResult({len(self)} records: {len(self.valid_indices)} valid, {len(self.errors)} invalid{where})"


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
    valid, indices, errors, _line_ends = out
    return BatchResult(valid, indices, errors, nbytes)


def validate_many(cls, objects: Iterable[Any], *, strict=None, context=None, from_attributes=None,
                  errors: str = "raise"):
    collect = _check_errors(errors)
    out = _satya.validate_many(cls, objects, strict, context, bool(from_attributes), collect)
    return _result(out, collect, 0)


def validate_json_many(cls, data, *, format: str = "array", strict=None, context=None,
                       errors: str = "raise", threads: int | None = None, _build: bool = True):
    """`_build=False` validates every record but makes no instance for the
    valid ones (`valid` stays empty, `valid_indices` is filled)."""
    collect = _check_errors(errors)
    if format not in _FORMATS:
        raise ValueError(f"format must be 'array' or 'ndjson', got {format!r}")
    if not isinstance(data, (str, bytes, bytearray)):
        try:
            data = bytes(memoryview(data))
        except TypeError:
            pass  # not a buffer: the native call reports json_type
    out = _satya.validate_json_many(cls, data, format == "ndjson", strict, context, collect,
                                    thread_count(threads), 0, _build, 0, None)
    return _result(out, collect, len(data) if isinstance(data, (str, bytes, bytearray)) else 0)


def validate_ndjson_iter(cls, source, *, chunk_bytes: int = DEFAULT_CHUNK_BYTES, threads: int | None = None,
                         strict=None, context=None, _build: bool = True) -> Iterator[BatchResult]:
    """Reads NDJSON from a path or a binary file in chunks of about `chunk_bytes`,
    cut after a newline, so memory follows the chunk size, not the file size."""
    if not isinstance(chunk_bytes, int) or chunk_bytes < 1:
        raise ValueError(f"chunk_bytes must be a positive integer, got {chunk_bytes!r}")
    workers = thread_count(threads)
    if isinstance(source, (str, bytes, os.PathLike)):
        with open(source, "rb") as f:
            yield from _chunks(cls, f, chunk_bytes, workers, strict, context, _build)
    elif hasattr(source, "read"):
        yield from _chunks(cls, source, chunk_bytes, workers, strict, context, _build)
    else:
        raise TypeError(f"expected a path or a binary file, got {type(source).__name__}")


def _chunks(cls, f: BinaryIO, chunk_bytes: int, threads: int, strict, context, build: bool) -> Iterator[BatchResult]:
    """Each block read is validated in place, up to its last line end; the
    line cut by a block's end is joined with the start of the next block."""
    carry: list[bytes] = []  # the pieces of a line cut by block ends
    line_base = 0

    def run(data: bytes, start: int, end: int) -> tuple[BatchResult, int]:
        valid, indices, errors, line_ends = _satya.validate_json_many(
            cls, data, True, strict, context, True, threads, line_base, build, start, end)
        return BatchResult(valid, indices, errors, end - start), line_ends

    while True:
        block = f.read(chunk_bytes)
        if not isinstance(block, (bytes, bytearray)):
            raise TypeError("the file must be opened in binary mode")
        if not block:
            break
        block = bytes(block)
        start = 0
        joined = None
        if carry:
            first = block.find(b"\n") + 1
            if first == 0:
                carry.append(block)  # one line longer than a block: keep reading
                continue
            carry.append(block[:first])
            line = b"".join(carry)
            carry, start = [], first
            joined, ends = run(line, 0, len(line))
            line_base += ends
        cut = block.rfind(b"\n") + 1
        if cut > start:
            result, ends = run(block, start, cut)
            line_base += ends
            if joined is not None:
                result = _merge(joined, result)
        else:
            result = joined
        if cut < len(block):
            carry.append(block[max(cut, start):])
        if result is not None:
            yield result
    if carry:
        line = b"".join(carry)
        yield run(line, 0, len(line))[0]


def _merge(first: BatchResult, second: BatchResult) -> BatchResult:
    return BatchResult(first.valid + second.valid, first.valid_indices + second.valid_indices,
                       first.errors + second.errors, first.nbytes + second.nbytes)
