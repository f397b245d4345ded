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
from ._fields import Field, FieldInfo
from ._inspect import inspect
from ._model import Model
from .errors import PydanticSerializationError, SchemaError, SerializationError, ValidationError

BaseModel = Model
ConfigDict = dict

__all__ = ["BatchResult", "config", "inspect", "Model", "BaseModel", "Field", "FieldInfo", "ValidationError", "SchemaError", "ConfigDict",
           "SerializationError", "PydanticSerializationError"]
# dates and times
__all__ += ["AwareDatetime", "NaiveDatetime", "PastDatetime", "FutureDatetime", "PastDate", "FutureDate"]
__version__ = "0.1.0"
