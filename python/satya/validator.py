"""`StreamValidator`, satya 0.x's validator of plain dicts, kept working.

Fields are added one at a time; the first validation compiles them into a
hidden Model class, so records go through the compiled model and JSON batches
through the batch path, on several threads with the GIL released. Results keep
the 0.x shapes: `validate` gives a `ValidationResult` holding a dict,
`validate_batch` and `validate_json` give booleans.
"""

from __future__ import annotations

import heapq
import itertools
import sys
import types
from typing import Any, Iterable, Iterator

from . import _batch
from ._stream_schema import StreamSchema
from ._v0_errors import ValidationResult, records_of
from ._v1_names import warn_v0
from .errors import ValidationError

_MODES = ("object", "array", "ndjson")
DEFAULT_BATCH_SIZE = 1000
_WHOLE_INPUT = ("json_invalid", "json_type", "list_type", "model_type", "model_attributes_type")


class StreamValidator:
    """Validates dicts against fields added with `add_field`.

    Deprecated: define a Model (or use `create_model`) and validate with
    `Model.model_validate_many`, `Model.model_validate_json_many` or
    `TypeAdapter(list[Model])`."""

    def __init__(self):
        warn_v0("`StreamValidator` is deprecated; define a Model (or use `create_model`) and use "
                "`Model.model_validate_many`, `Model.model_validate_json_many` or "
                "`TypeAdapter(list[Model])` instead.")
        self._schema = StreamSchema()
        self._batch_size = DEFAULT_BATCH_SIZE

    @classmethod
    def _of_model(cls, model: type) -> StreamValidator:
        """A validator of `model`'s fields (Model.validator(), which warns itself)."""
        validator = cls.__new__(cls)
        validator._schema = StreamSchema(model)
        validator._batch_size = DEFAULT_BATCH_SIZE
        return validator

    # --- the schema

    def add_field(self, name: str, field_type: Any, required: bool = True, description: str | None = None) -> None:
        """Adds (or replaces) a field: a Python type, or a type name such as
        "str", "List[int]", "Dict[str]" or a custom type's name."""
        self._schema.add_field(name, field_type, required, description)

    def set_constraints(self, field_name: str, *, min_length=None, max_length=None, min_value=None,
                        max_value=None, pattern=None, email=None, url=None, ge=None, le=None, gt=None, lt=None,
                        min_items=None, max_items=None, unique_items=None, enum_values=None) -> None:
        """Constrains a field added before; a later call adds to, or replaces,
        the constraints it names."""
        self._schema.set_constraints(field_name, {
            "min_length": min_length, "max_length": max_length, "min_value": min_value, "max_value": max_value,
            "pattern": pattern, "email": email, "url": url, "ge": ge, "le": le, "gt": gt, "lt": lt,
            "min_items": min_items, "max_items": max_items, "unique_items": unique_items,
            "enum_values": enum_values})

    def define_custom_type(self, type_name: str) -> None:
        """Declares a named record type that fields can refer to by name."""
        self._schema.define_custom_type(type_name)

    def add_field_to_custom_type(self, type_name: str, field_name: str, field_type: Any,
                                 required: bool = True) -> None:
        self._schema.add_custom_field(type_name, field_name, field_type, required)

    def define_type(self, type_name: str, fields: dict, doc: str | None = None) -> None:
        """A custom type with all of `fields` (name -> type) required."""
        if not isinstance(fields, dict):
            raise TypeError(f"fields must be a dict of field name to type, not {type(fields).__name__}")
        self.define_custom_type(type_name)
        for field_name, field_type in fields.items():
            self.add_field_to_custom_type(type_name, field_name, field_type, required=True)

    @property
    def batch_size(self) -> int:
        """How many records `validate_stream` takes from its input at a time."""
        return self._batch_size

    def set_batch_size(self, size: int) -> None:
        if isinstance(size, bool) or not isinstance(size, int) or size < 1:
            raise ValueError(f"the batch size must be a positive integer, got {size!r}")
        self._batch_size = size

    # --- Python records

    def validate(self, item: Any):
        """One record: a ValidationResult holding the validated dict, or the
        errors."""
        model = self._schema.model()
        try:
            instance = model.model_validate(item)
        except ValidationError as exc:
            return ValidationResult(errors=records_of(exc))
        return ValidationResult(value=self._schema.as_dict(instance))

    def validate_batch(self, items: Iterable[Any]) -> list[bool]:
        """Whether each record is valid."""
        outcome = self._schema.model().model_validate_many(items, errors="collect")
        return [ok for _, ok in _in_order(outcome)]

    def validate_batch_results(self, items: Iterable[Any]) -> list:
        """A ValidationResult for each record."""
        return list(self._results(self._schema.model().model_validate_many(items, errors="collect")))

    def validate_stream(self, items: Iterable[Any], collect_errors: bool = False, *,
                        yield_values: bool = False) -> Iterator[Any]:
        """Validates `items` lazily, `batch_size` records at a time. Yields a
        ValidationResult per valid record, and per invalid one with
        `collect_errors`; with `yield_values`, the valid dicts themselves."""
        iterator = iter(items)
        while True:
            chunk = list(itertools.islice(iterator, self._batch_size))
            if not chunk:
                return
            outcome = self._schema.model().model_validate_many(chunk, errors="collect")
            for result in self._results(outcome):
                if result.is_valid:
                    yield result.value if yield_values else result
                elif collect_errors:
                    yield result

    # --- JSON

    def validate_json(self, data, mode: str = "object", streaming: bool = False):
        """JSON text or bytes: a top-level object ("object") gives a bool, an
        array ("array") or newline-delimited objects ("ndjson", blank lines
        skipped) give a bool per record. Malformed JSON, or a top level that
        is not what the mode reads, raises ValueError. `streaming` is kept for
        0.x callers; the result is the same."""
        mode = _mode(mode)
        if mode == "object":
            return self._object(data) is not None
        outcome = self._json_batch(data, mode, build=False)
        return [ok for _, ok in _in_order(outcome)]

    def validate_json_object(self, data, *, streaming: bool = False):
        """A JSON object as a ValidationResult; malformed JSON is an error of
        the result, not raised."""
        try:
            instance = self._schema.model().model_validate_json(_json_input(data))
        except ValidationError as exc:
            return ValidationResult(errors=records_of(exc))
        return ValidationResult(value=self._schema.as_dict(instance))

    def validate_json_array(self, data, *, streaming: bool = False) -> list:
        """A ValidationResult per item of a JSON array; a malformed array, or a
        top level that is no array, gives one invalid result."""
        return self._json_results(data, "array")

    def validate_ndjson(self, data, *, streaming: bool = False) -> list:
        """A ValidationResult per non-blank line of NDJSON."""
        return self._json_results(data, "ndjson")

    def validate_from_bytes(self, data, *, streaming: bool = True, zero_copy: bool = True) -> bool:
        """Whether the JSON object in `data` (bytes) is valid."""
        if not isinstance(data, (bytes, bytearray)):
            raise TypeError(f"Expected bytes or bytearray, got {type(data).__name__}")
        return self._object(data) is not None

    def validate_json_stream(self, stream, *, chunk_size: int = 8192, streaming: bool = True) -> Iterator[bool]:
        """Whether each non-blank line of NDJSON read from a binary file (or a
        path) is valid, reading about `chunk_size` bytes at a time."""
        model = self._schema.model()
        for outcome in _batch.validate_ndjson_iter(model, stream, chunk_bytes=chunk_size, _build=False):
            for _, ok in _in_order(outcome):
                yield ok

    # --- helpers

    def _object(self, data):
        """The validated instance, or None when the object is invalid."""
        try:
            return self._schema.model().model_validate_json(_json_input(data))
        except ValidationError as exc:
            _raise_if_unreadable(exc, "object")
            return None

    def _json_batch(self, data, mode: str, build: bool):
        try:
            return _batch.validate_json_many(self._schema.model(), _json_input(data), format=mode,
                                             errors="collect", _build=build)
        except ValidationError as exc:
            _raise_if_unreadable(exc, mode)
            raise

    def _json_results(self, data, mode: str) -> list:
        try:
            outcome = _batch.validate_json_many(self._schema.model(), _json_input(data), format=mode,
                                                errors="collect")
        except ValidationError as exc:
            return [ValidationResult(errors=records_of(exc))]
        return list(self._results(outcome))

    def _results(self, outcome) -> Iterator:
        """A ValidationResult per record of a BatchResult, in input order."""
        valid = iter(outcome.valid)
        errors = iter(outcome.errors)
        for _, ok in _in_order(outcome):
            if ok:
                yield ValidationResult(value=self._schema.as_dict(next(valid)))
            else:
                yield ValidationResult(errors=records_of(next(errors)[1]))


def _mode(mode) -> str:
    if not isinstance(mode, str) or mode.lower() not in _MODES:
        raise ValueError(f"Unknown mode: {mode!r}; expected 'object', 'array' or 'ndjson'")
    return mode.lower()


def _json_input(data):
    if isinstance(data, (str, bytes, bytearray)):
        return data
    if isinstance(data, memoryview):
        return bytes(data)
    raise TypeError(f"expected JSON as str or bytes, got {type(data).__name__}")


def _in_order(outcome) -> Iterator[tuple[int, bool]]:
    """(index, valid) for each record of a BatchResult, in input order."""
    valid = ((index, True) for index in outcome.valid_indices)
    invalid = ((index, False) for index, _ in outcome.errors)
    return heapq.merge(valid, invalid)


def _raise_if_unreadable(exc: ValidationError, mode: str) -> None:
    """Malformed JSON, or a top level of the wrong kind, is a ValueError: the
    input is not what the mode reads, as opposed to a record that is invalid."""
    for error in exc.errors():
        if error["loc"] == () and error["type"] in _WHOLE_INPUT:
            if error["type"] == "json_invalid":
                raise ValueError(error["msg"]) from None
            raise ValueError(f"Expected top-level JSON {mode}, got {_json_kind(error['input'])}") from None


def _json_kind(value) -> str:
    for kind, name in ((dict, "object"), (list, "array"), (str, "string"), (bool, "boolean"), ((int, float), "number")):
        if isinstance(value, kind):
            return name
    return "null" if value is None else type(value).__name__


class _ValidatorModule(types.ModuleType):
    """`satya.validator` is 0.x's module of StreamValidator; called as pydantic
    v1's `@validator` decorator, it says what to use instead."""

    def __call__(self, *args, **kwargs):
        raise TypeError("satya has no pydantic-v1 `validator` decorator (satya.validator is the module of "
                        "StreamValidator); use `field_validator` instead")


sys.modules[__name__].__class__ = _ValidatorModule
