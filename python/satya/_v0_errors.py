"""satya 0.x's error records and results, on top of the pydantic-style errors.

In 0.x, `ValidationError(field=..., message=..., path=[...])` was a plain
record, and validation raised `ModelValidationError`. Now `ValidationError`
is pydantic's exception; called with 0.x's keywords it still builds a record,
a one-error `ValidationError` whose `field`, `message`, `path`, `value`,
`constraint`, `suggestion` and `context` are 0.x's and whose text is 0.x's.
Any raised ValidationError has the same attributes, describing its first
error, and `records_of(error)` gives one record per error.
"""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from ._satya import ModelValidationError, ValidationError

T = TypeVar("T")

_RECORD_KEYS = ("field", "message", "path", "value", "constraint", "suggestion", "context")
_SHOWN_EXTRAS = (("constraint", "Constraint"), ("suggestion", "Suggestion"), ("context", "Context"))


def record_parts(args: tuple, keywords: dict | None) -> tuple[dict, dict]:
    """The details of a record built from 0.x's arguments (positional in the
    order of its fields, or keywords), and its one error line."""
    keywords = dict(keywords or {})
    if len(args) > len(_RECORD_KEYS):
        raise TypeError(f"ValidationError() takes at most {len(_RECORD_KEYS)} positional arguments, got {len(args)}")
    for key, value in zip(_RECORD_KEYS, args):
        if key in keywords:
            raise TypeError(f"ValidationError() got multiple values for argument {key!r}")
        keywords[key] = value
    if not keywords:
        raise TypeError("ValidationError is raised by validation; build an error record with "
                        "ValidationError(field=..., message=..., path=[...]), or pydantic's error "
                        "with ValidationError.from_exception_data(title, line_errors)")
    unknown = sorted(set(keywords) - set(_RECORD_KEYS))
    if unknown:
        raise TypeError(f"ValidationError() got unexpected keyword arguments: {', '.join(unknown)}")
    for required in ("field", "message"):
        if required not in keywords:
            raise TypeError(f"ValidationError() needs the keyword argument {required!r}")
    details = {key: keywords.get(key) for key in _RECORD_KEYS}
    details["field"] = str(details["field"])
    details["message"] = str(details["message"])
    details["path"] = [str(part) for part in (details["path"] or [])]
    from ._hooks import PydanticCustomError
    line = {"type": PydanticCustomError("value_error", details["message"]),
            "loc": tuple(details["path"] or [details["field"]]), "input": details["value"]}
    return details, line


def derived_details(error: ValidationError) -> dict:
    """A raised error's first line, described as a 0.x record."""
    lines = error.errors(include_url=False)
    if not lines:
        return {key: None for key in _RECORD_KEYS} | {"field": str(error.title), "message": "", "path": []}
    return _line_details(lines[0])


def _line_details(line: dict) -> dict:
    path = [str(part) for part in line["loc"]]
    return {"field": path[0] if path else "", "message": line["msg"], "path": path, "value": line.get("input"),
            "constraint": None, "suggestion": None, "context": None}


def records_of(error: ValidationError) -> list[ValidationError]:
    """One 0.x record per error of `error`, in order."""
    return [ValidationError(**_line_details(line)) for line in error.errors(include_url=False)]


def record_text(details: dict) -> str:
    location = ".".join(details["path"]) if details["path"] else details["field"]
    lines = [f"{location}: {details['message']}"]
    if details["value"] is not None:
        shown = repr(details["value"])
        lines.append(f"  Value: {shown if len(shown) < 50 else shown[:47] + '...'}")
    lines.extend(f"  {label}: {details[key]}" for key, label in _SHOWN_EXTRAS if details[key])
    return "\n".join(lines)


def record_repr(details: dict) -> str:
    shown = ", ".join(f"{key}={details[key]!r}" for key in _RECORD_KEYS if details[key] is not None or key == "path")
    return f"ValidationError({shown})"


def rebuild_record(details: dict) -> ValidationError:
    return ValidationError(**details)


class ValidationResult(Generic[T]):
    """0.x's outcome of one validation: a value, or the error records."""

    __slots__ = ("_value", "_errors")

    def __init__(self, value: T | None = None, errors: list | None = None):
        self._value = value
        self._errors = list(errors or [])

    @property
    def is_valid(self) -> bool:
        return not self._errors

    @property
    def value(self) -> T:
        if self._errors:
            raise ValueError("Cannot access value of invalid result")
        return self._value  # type: ignore[return-value]

    @property
    def errors(self) -> list:
        return list(self._errors)

    def __str__(self) -> str:
        if self.is_valid:
            return f"Valid: {self._value}"
        return "Invalid: " + "; ".join(str(error) for error in self._errors)

    def __repr__(self) -> str:
        if self.is_valid:
            return f"ValidationResult(value={self._value!r})"
        return f"ValidationResult(errors={self._errors!r})"

    def __eq__(self, other: Any) -> bool:
        if not isinstance(other, ValidationResult):
            return NotImplemented
        return self._value == other._value and [str(e) for e in self._errors] == [str(e) for e in other._errors]

    __hash__ = None  # type: ignore[assignment]


__all__ = ["ModelValidationError", "ValidationResult", "records_of"]
