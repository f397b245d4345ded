"""satya: data validation with pydantic v2's API and a Rust core.

    from satya import Model, Field

    class User(Model):
        id: int = Field(gt=0)
        name: str = Field(min_length=1, max_length=50)
"""

from . import config
from ._batch import BatchResult
# dates and times
from ._dates import AwareDatetime, FutureDate, FutureDatetime, NaiveDatetime, PastDate, PastDatetime
from ._aliases import AliasChoices, AliasGenerator, AliasPath
from ._fields import Field, FieldInfo
from ._inspect import inspect
from ._model import Model
from .types import (  # noqa: F401 - pydantic's names at the top level
    FiniteFloat, NegativeFloat, NegativeInt, NonNegativeFloat, NonNegativeInt, NonPositiveFloat, NonPositiveInt,
    PositiveFloat, PositiveInt, Strict, StrictBool, StrictBytes, StrictFloat, StrictInt, StrictStr,
    StringConstraints, conbytes, condate, condecimal, confloat, conint, conlist, constr,
)
# paths, IP addresses, secrets and Json
from .types import (  # noqa: F401
    DirectoryPath, FilePath, IPvAnyAddress, IPvAnyInterface, IPvAnyNetwork, Json, NewPath, SecretBytes,
    SecretStr, SocketPath,
)
from .errors import PydanticSerializationError, PydanticUserError, SchemaError, SerializationError, ValidationError
# emails and URLs
from ._networks import (
    AmqpDsn, AnyHttpUrl, AnyUrl, AnyWebsocketUrl, EmailStr, FileUrl, FtpUrl, HttpUrl, NameEmail, UrlConstraints,
    WebsocketUrl,
)
# uuid and decimal
from ._uuid import UUID1, UUID3, UUID4, UUID5, UUID6, UUID7, UUID8, UuidVersion
# containers
from .types import confrozenset, conset  # noqa: F401
# sizes and data-source names
from .types import (  # noqa: F401
    ByteSize, ClickHouseDsn, CockroachDsn, KafkaDsn, MariaDBDsn, MongoDsn, MySQLDsn, NatsDsn, PostgresDsn, RedisDsn,
    SnowflakeDsn,
)

BaseModel = Model
ConfigDict = dict

__all__ = ["AliasChoices", "AliasGenerator", "AliasPath", "BatchResult", "config", "inspect", "Model", "BaseModel", "Field", "FieldInfo", "ValidationError", "SchemaError", "PydanticUserError", "ConfigDict",
           "SerializationError", "PydanticSerializationError", "types", *types.__all__]
# uuid and decimal
__all__ += ["UUID1", "UUID3", "UUID4", "UUID5", "UUID6", "UUID7", "UUID8", "UuidVersion"]
# dates and times
__all__ += ["AwareDatetime", "NaiveDatetime", "PastDatetime", "FutureDatetime", "PastDate", "FutureDate"]
# containers: conset and confrozenset come with types.__all__
__version__ = "0.1.0"
# unions
from ._unions import Discriminator, Tag  # noqa: E402

__all__ += ["Discriminator", "Tag"]
# hooks
from ._hooks import (  # noqa: E402
    AfterValidator, BeforeValidator, ModelWrapValidatorHandler, PlainValidator, PydanticCustomError, ValidationInfo,
    ValidatorFunctionWrapHandler, WrapValidator, field_validator, model_validator,
)

__all__ += ["AfterValidator", "BeforeValidator", "PlainValidator", "WrapValidator", "PydanticCustomError",
            "ValidationInfo", "ValidatorFunctionWrapHandler", "ModelWrapValidatorHandler", "field_validator",
            "model_validator"]
# computed fields
from ._computed import ComputedFieldInfo, computed_field  # noqa: E402

__all__ += ["computed_field", "ComputedFieldInfo"]
# serializers
from ._hooks import PlainSerializer, WrapSerializer, field_serializer, model_serializer  # noqa: E402
from ._satya import SerializationInfo  # noqa: E402

SerializerFunctionWrapHandler = ValidatorFunctionWrapHandler
FieldSerializationInfo = SerializationInfo
__all__ += ["PlainSerializer", "WrapSerializer", "field_serializer", "model_serializer", "SerializationInfo",
            "FieldSerializationInfo", "SerializerFunctionWrapHandler"]
# private attributes
from ._private import ModelPrivateAttr, PrivateAttr  # noqa: E402

__all__ += ["PrivateAttr", "ModelPrivateAttr"]
# adapters for any type, root models, models made at run time, validated calls
from ._create_model import create_model  # noqa: E402
from ._v1_names import SatyaDeprecationWarning  # noqa: E402
from .root_model import RootModel  # noqa: E402
from .type_adapter import TypeAdapter  # noqa: E402
from .validate_call import validate_call  # noqa: E402

__all__ += ["TypeAdapter", "RootModel", "create_model", "validate_call", "SatyaDeprecationWarning"]
# satya 0.x: error records, results, and the error a Model raises
from .validator import StreamValidator  # noqa: E402
from .scalar_validators import BooleanValidator, IntValidator, NumberValidator, StringValidator  # noqa: E402
from .array_validator import ArrayValidator  # noqa: E402
from .absent import ABSENT, filter_absent, is_absent  # noqa: E402
from .json_loader import load_json  # noqa: E402
from .json_schema_compiler import JSONSchemaCompiler, compile_json_schema  # noqa: E402

__all__ += ["StreamValidator", "StringValidator", "IntValidator",
            "NumberValidator", "BooleanValidator", "ArrayValidator", "ABSENT", "is_absent", "filter_absent",
            "load_json", "JSONSchemaCompiler", "compile_json_schema"]

# satya 0.x's names that are neither called nor built by user code warn when
# first taken from the package (then they are ordinary attributes)
_V0_NAMES = {
    "ModelValidationError": "catch `ValidationError` instead (ModelValidationError is a subclass of it)",
    "ValidationResult": "call `model_validate` or `TypeAdapter(...).validate_python` and catch `ValidationError` instead",
}


def __getattr__(name: str):
    if name not in _V0_NAMES:
        raise AttributeError(f"module 'satya' has no attribute {name!r}")
    from . import _v0_errors
    from ._v1_names import warn_v0
    warn_v0(f"`satya.{name}` is satya 0.x's name; {_V0_NAMES[name]}.")
    value = getattr(_v0_errors, name)
    globals()[name] = value
    return value
