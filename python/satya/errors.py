"""Errors raised by satya."""

from __future__ import annotations

from ._satya import ModelValidationError, SerializationError, ValidationError
# satya 0.x's error records of a ValidationError, one per error
from ._v0_errors import records_of

# pydantic's name for the same error
PydanticSerializationError = SerializationError


class SchemaError(TypeError):
    """A Model class that cannot be built: raised when its class statement runs
    (or, for a forward reference, when it is first used)."""


class PydanticUserError(RuntimeError):
    """A call that asks for something that cannot be done (pydantic's name and
    codes), such as `by_alias=False` without `by_name=True`."""

    def __init__(self, message: str, *, code: str | None) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


__all__ = ["ValidationError", "ModelValidationError", "records_of", "SchemaError", "SerializationError",
           "PydanticSerializationError", "PydanticUserError"]
