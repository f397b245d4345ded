"""What satya 0.x's value validators (`StringValidator`, `IntValidator`,
`NumberValidator`, `BooleanValidator`, `ArrayValidator`) share.

Each is compiled once, at construction, into a chain of hidden one-field models
(the field is named `value`, as 0.x named it in its records): the first step
validates and converts the value, the later steps only check the converted
value (an email address, a URL, one of an enum's members). `validate` returns
0.x's `ValidationResult`, whose error records carry 0.x's wording.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, Literal

from ._create_model import create_model
from ._v0_errors import ValidationResult, records_of
from ._v1_names import warn_v0
from .errors import SchemaError, ValidationError

# The wording of 0.x's "wrong type" errors, by the error type and the kind of
# value the validator expected.
_EXPECTED = {
    "string_type": "string", "string_unicode": "string",
    "int_type": "integer", "int_parsing": "integer", "int_from_float": "integer", "int_parsing_size": "integer",
    "float_type": "number", "float_parsing": "number",
    "bool_type": "boolean", "bool_parsing": "boolean",
    "list_type": "array",
}

# 0.x's wording of a failed constraint; filled from the error's context.
_CONSTRAINT_WORDS = {
    "string_too_short": "String shorter than min_length={min_length}",
    "string_too_long": "String longer than max_length={max_length}",
    "string_pattern_mismatch": "String does not match pattern: {pattern}",
    "greater_than_equal": "Value must be >= {ge}",
    "greater_than": "Value must be > {gt}",
    "less_than_equal": "Value must be <= {le}",
    "less_than": "Value must be < {lt}",
    "multiple_of": "Value must be a multiple of {multiple_of}",
    "literal_error": "Value not in enum: {expected}",
    "too_short": "Array must have at least {min_length} items",
    "too_long": "Array must have at most {max_length} items",
    "unique_items": "Array items must be unique",
}


# one warning per use, naming the line that called the 0.x function
deprecated = warn_v0


def v0_message(line: dict) -> str:
    """An error line's message in 0.x's words, or pydantic's message where
    0.x had none."""
    kind = line["type"]
    if kind in _EXPECTED:
        message = f"Expected {_EXPECTED[kind]}, got {type(line['input']).__name__}"
        _, comma, reason = line["msg"].partition(", ")
        return f"{message}: {reason.removeprefix('got ')}" if comma else message
    words = _CONSTRAINT_WORDS.get(kind)
    if words is not None:
        try:
            return words.format(**(line.get("ctx") or {}))
        except (KeyError, IndexError):
            pass
    return line["msg"]


def reworded(error: ValidationError, words: Callable[[dict], str] = v0_message) -> list:
    """0.x's records of `error`, their messages in 0.x's words."""
    records = []
    for record, line in zip(records_of(error), error.errors(include_url=False)):
        message = words(line)
        if message != record.message:
            record = ValidationError(field=record.field, message=message, path=record.path, value=record.value)
        records.append(record)
    return records


class Step:
    """One compiled step of a chain: a hidden model whose field `value` has the
    step's annotation, and how its errors are worded."""

    __slots__ = ("_validate", "words")

    def __init__(self, owner: str, annotation: Any, words: Callable[[dict], str] = v0_message, strict: bool = False):
        try:
            holder = create_model(owner, __module__=__name__, __config__={"strict": strict}, value=(annotation, ...))
        except SchemaError as exc:
            raise SchemaError(str(exc).replace(f"{owner}.value: ", f"{owner}: ", 1)) from None
        self._validate = holder.model_validate
        self.words = words

    def __call__(self, value: Any) -> Any:
        return self._validate({"value": value}).value


class ValueValidator:
    """The base of 0.x's value validators: `validate` and `validate_batch`."""

    _steps: tuple[Step, ...]

    def _compile(self, annotation: Any, checks: Iterable[tuple[Any, Callable[[dict], str]]] = (),
                 strict: bool = False) -> None:
        owner = type(self).__name__
        self._steps = (Step(owner, annotation, strict=strict),) + tuple(Step(owner, check, words) for check, words in checks)

    def validate(self, value: Any) -> ValidationResult:
        """`value` converted and checked: a valid result holding the converted
        value, or an invalid one holding 0.x's error records."""
        converted = None
        for index, step in enumerate(self._steps):
            try:
                checked = step(value if index == 0 else converted)
            except ValidationError as exc:
                return ValidationResult(errors=reworded(exc, step.words))
            if index == 0:
                converted = checked
        return ValidationResult(value=converted)

    def validate_batch(self, values: Iterable[Any]) -> list[ValidationResult]:
        """One result per value, in order."""
        return [self.validate(value) for value in values]


def enum_check(owner: str, members: Any, allowed: tuple[type, ...], kind: str):
    """The `Literal[...]` step checking 0.x's `enum=` keyword, or None if it is None."""
    if members is None:
        return None
    if isinstance(members, (str, bytes)) or not isinstance(members, Iterable):
        raise SchemaError(f"{owner}: enum must be a list of {kind} values, not {type(members).__name__}")
    members = tuple(members)
    if not members:
        raise SchemaError(f"{owner}: enum must list at least one value")
    for member in members:
        if not isinstance(member, allowed) or (bool not in allowed and isinstance(member, bool)):
            raise SchemaError(f"{owner}: enum members must be {kind} values, got {member!r}")
    return Literal[members], v0_message


def field_keywords(**keywords: Any) -> dict:
    """The keywords that were given (not None), for `Field(...)`."""
    return {name: value for name, value in keywords.items() if value is not None}
