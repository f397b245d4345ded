"""Errors raised by satya."""

from ._satya import ModelValidationError, SerializationError, ValidationError

# pydantic's name for the same error
PydanticSerializationError = SerializationError


class SchemaError(TypeError):
    """A Model class that cannot be built: raised when its class statement runs
    (or, for a forward reference, when it is first used)."""


__all__ = ["ValidationError", "ModelValidationError", "SchemaError", "SerializationError", "PydanticSerializationError"]
