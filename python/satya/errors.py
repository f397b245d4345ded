"""Errors raised by satya."""

from ._satya import ModelValidationError, SerializationError, ValidationError
# satya 0.x's error records of a ValidationError, one per error
from ._v0_errors import records_of

# pydantic's name for the same error
PydanticSerializationError = SerializationError


class SchemaError(TypeError):
    """A Model class that cannot be built: raised when its class statement runs
    (or, for a forward reference, when it is first used)."""


__all__ = ["ValidationError", "ModelValidationError", "records_of", "SchemaError", "SerializationError", "PydanticSerializationError"]
