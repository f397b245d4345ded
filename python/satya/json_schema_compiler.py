"""Validators and Model classes from JSON Schema documents.

    from satya.json_schema_compiler import JSONSchemaCompiler, compile_json_schema

    validator = compile_json_schema({"type": "string", "minLength": 3})
    validator.validate("hello").is_valid           # True
    validator.validate_python("hi")                 # raises satya.ValidationError

    User = JSONSchemaCompiler().to_model(Path("user.schema.json"))
    User.model_validate_json(data)

A schema is a dict (draft 2020-12, or draft 7's spellings: `definitions`,
`items` as an array, `additionalItems`, draft 4's boolean exclusive bounds),
a JSON document as str or bytes, or a path (`os.PathLike`) to a JSON file.
Objects with properties become Model classes made by `create_model`, so they
validate through the native core; `$defs` objects become classes of their
own, recursive ones too. Validation follows satya (pydantic) semantics: lax by
default (`"5"` is accepted for an integer), JSON Schema's exact types with
`strict=True`.

Keywords satya cannot check (`patternProperties`, `if`, `not`, `contains`,
remote `$ref`, ...) raise `JSONSchemaError` (a `satya.SchemaError` and a
ValueError) naming the keyword and its JSON pointer; unknown keywords do too,
except annotations (`title`, `examples`, `$comment`, `deprecated`, ... and any
`x-...`)."""

from __future__ import annotations

import json
import os
import sys
from typing import Any

from ._inspect import inspect
from ._model import ModelMeta
from ._schema_compile import SchemaTranslator
from ._schema_keywords import JSONSchemaError
from .errors import SchemaError, ValidationError
from .type_adapter import TypeAdapter

__all__ = ["JSONSchemaValidator", "JSONSchemaCompiler", "JSONSchemaError", "compile_json_schema"]


class JSONSchemaValidator:
    """A validator for one JSON Schema. `validate` and `validate_batch` answer
    with results (never raising for invalid data); `validate_python` and
    `validate_json` return the value or raise `satya.ValidationError`."""

    def __init__(self, annotation, adapter: TypeAdapter, schema):
        self.annotation = annotation
        self.adapter = adapter
        self.schema = schema

    @property
    def model(self):
        """The Model class of an object schema, or None."""
        return self.annotation if isinstance(self.annotation, ModelMeta) else None

    def __repr__(self) -> str:
        return f"JSONSchemaValidator({self.adapter!r})"

    def validate_python(self, value: Any, /, *, strict: bool | None = None, context: Any = None):
        """`value` validated; an object schema's value is an instance of `model`."""
        return self.adapter.validate_python(value, strict=strict, context=context)

    def validate_json(self, data: str | bytes | bytearray, /, *, strict: bool | None = None, context: Any = None):
        """A JSON document validated."""
        return self.adapter.validate_json(data, strict=strict, context=context)

    def is_valid(self, value: Any) -> bool:
        try:
            self.adapter.validate_python(value)
        except ValidationError:
            return False
        return True

    def validate(self, value: Any):
        """A `satya.ValidationResult`: the validated value, or the errors."""
        from ._v0_errors import ValidationResult, records_of

        try:
            return ValidationResult(value=self.adapter.validate_python(value), errors=[])
        except ValidationError as exc:
            return ValidationResult(value=None, errors=records_of(exc))

    def validate_batch(self, values) -> list:
        """A result for each value, in order."""
        return [self.validate(value) for value in values]


class JSONSchemaCompiler:
    """Compiles JSON Schemas with shared settings.

    `strict=True` checks JSON Schema's types exactly (no `"5"` for an integer,
    no `1` for a boolean). `unknown_formats="ignore"` accepts any string for a
    `format` satya has no type for, instead of refusing the schema."""

    def __init__(self, *, strict: bool = False, unknown_formats: str = "error"):
        if not isinstance(strict, bool):
            raise TypeError(f"strict must be True or False, not {strict!r}")
        if unknown_formats not in ("error", "ignore"):
            raise ValueError(f"unknown_formats must be 'error' or 'ignore', not {unknown_formats!r}")
        self.strict = strict
        self.unknown_formats = unknown_formats
        self.optimization_stats = {"rust_optimized": 0, "python_fallback": 0}

    def to_type(self, schema, *, name: str | None = None):
        """The annotation `schema` describes: a Model class for an object with
        properties, otherwise a type such as `Annotated[str, Field(...)]` or
        `list[int]`, for a TypeAdapter or a field. With `strict`, the Model
        classes are strict; a plain type is strict where it is used with
        strict validation (as `compile` does)."""
        document = load_schema(schema)
        translator = SchemaTranslator(document, strict=self.strict, unknown_formats=self.unknown_formats,
                                      module=_caller_module())
        return translator.translate_document(name)

    def to_model(self, schema, *, name: str | None = None):
        """The Model class of an object schema; its name is `name`, else the
        schema's title, else "Model"."""
        annotation = self.to_type(schema, name=name)
        if not isinstance(annotation, ModelMeta):
            raise JSONSchemaError("JSON Schema at #: to_model needs an object schema with properties; "
                              "use compile() or to_type() for other schemas")
        return annotation

    def compile(self, schema, *, name: str | None = None) -> JSONSchemaValidator:
        """A `JSONSchemaValidator` validating what `schema` describes."""
        annotation = self.to_type(schema, name=name)
        config = {"strict": True} if self.strict and not isinstance(annotation, ModelMeta) else None
        try:
            adapter = TypeAdapter(annotation, config=config)
        except SchemaError as exc:
            raise JSONSchemaError(f"JSON Schema at #: {exc}") from None
        # a schema whose checks include Python ones (uniqueItems, an ambiguous oneOf) counts as a fallback
        needs_python = inspect(adapter._holder)["needs_gil"]
        self.optimization_stats["python_fallback" if needs_python else "rust_optimized"] += 1
        return JSONSchemaValidator(annotation, adapter, schema)

    def get_optimization_report(self) -> dict:
        """How many schemas this compiler compiled, and the share that
        validates without Python (no Python check, so batches run off the GIL)."""
        native = self.optimization_stats["rust_optimized"]
        fallback = self.optimization_stats["python_fallback"]
        total = native + fallback
        return {"total_schemas": total, "rust_optimized": native, "python_fallback": fallback,
                "optimization_percentage": native / total * 100 if total else 0.0}


def compile_json_schema(schema, *, strict: bool = False, unknown_formats: str = "error",
                        name: str | None = None) -> JSONSchemaValidator:
    """A validator for `schema`; `.model` is its Model class when it
    describes an object. See `JSONSchemaCompiler` for the settings."""
    return JSONSchemaCompiler(strict=strict, unknown_formats=unknown_formats).compile(schema, name=name)


def load_schema(schema):
    """The document from a dict or boolean, a JSON text, or a path to a JSON file."""
    if isinstance(schema, (dict, bool)):
        return schema
    if isinstance(schema, os.PathLike):
        try:
            with open(schema, "rb") as file:
                text = file.read()
        except OSError as exc:
            raise JSONSchemaError(f"cannot read the JSON Schema file {os.fspath(schema)!r}: {exc.strerror}") from None
        return _parsed(text, f"the JSON Schema file {os.fspath(schema)!r}")
    if isinstance(schema, (str, bytes, bytearray)):
        return _parsed(schema, "the JSON Schema text")
    raise TypeError(f"a JSON Schema must be a dict, a JSON text (str or bytes) or a path (os.PathLike), "
                    f"not {type(schema).__name__}")


def _parsed(text, what: str):
    try:
        document = json.loads(text)
    except ValueError as exc:
        hint = " (pass a path as pathlib.Path)" if isinstance(text, str) and text.strip()[:1] not in "{[" else ""
        raise JSONSchemaError(f"{what} is not valid JSON{hint}: {exc}") from None
    if not isinstance(document, (dict, bool)):
        raise JSONSchemaError(f"{what} must hold a JSON object or a boolean, not {type(document).__name__}")
    return document


def _caller_module() -> str:
    """The module of the code that asked for the classes, outside this package."""
    frame = sys._getframe(1)
    while frame is not None and frame.f_globals.get("__name__", "").startswith("satya."):
        frame = frame.f_back
    return frame.f_globals.get("__name__", __name__) if frame is not None else __name__
