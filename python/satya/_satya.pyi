"""Types of satya's native core, the names the Python layer uses."""

from typing import Any, Callable, Literal, final

from typing_extensions import Self

class ModelBase:
    """The native base of `satya.Model`: instance storage, `__init__` and dumping."""

    def __init__(self, /, **data: Any) -> None: ...
    def model_dump(
        self,
        /,
        *,
        mode: Literal["python", "json"] | str = "python",
        include: Any = None,
        exclude: Any = None,
        context: Any = None,
        by_alias: bool | None = None,
        exclude_unset: bool = False,
        exclude_defaults: bool = False,
        exclude_none: bool = False,
        exclude_computed_fields: bool = False,
        round_trip: bool = False,
        warnings: bool | Literal["none", "warn", "error"] = True,
        fallback: Callable[[Any], Any] | None = None,
        serialize_as_any: bool = False,
    ) -> dict[str, Any]: ...
    def model_dump_json(
        self,
        /,
        *,
        indent: int | None = None,
        include: Any = None,
        exclude: Any = None,
        context: Any = None,
        by_alias: bool | None = None,
        exclude_unset: bool = False,
        exclude_defaults: bool = False,
        exclude_none: bool = False,
        exclude_computed_fields: bool = False,
        round_trip: bool = False,
        warnings: bool | Literal["none", "warn", "error"] = True,
        fallback: Callable[[Any], Any] | None = None,
        serialize_as_any: bool = False,
    ) -> str: ...

@final
class CompiledSchema:
    """A Model class's compiled schema, kept as its `__satya_schema__`."""

    def describe(self) -> dict[str, Any]: ...

class ValidationError(ValueError):
    # satya 0.x's error record: ValidationError(field=..., message=..., path=[...])
    def __init__(
        self,
        *,
        field: str,
        message: str,
        path: list[str] | None = None,
        value: Any = None,
        constraint: str | None = None,
        suggestion: str | None = None,
        context: str | None = None,
    ) -> None: ...
    @property
    def field(self) -> str: ...
    @property
    def message(self) -> str: ...
    @property
    def path(self) -> list[str]: ...
    @property
    def value(self) -> Any: ...
    @property
    def constraint(self) -> str | None: ...
    @property
    def suggestion(self) -> str | None: ...
    @property
    def context(self) -> str | None: ...
    def record_details(self) -> dict[str, Any]: ...
    @property
    def title(self) -> str: ...
    def error_count(self) -> int: ...
    def errors(
        self, *, include_url: bool = True, include_context: bool = True, include_input: bool = True
    ) -> list[dict[str, Any]]: ...
    def json(
        self,
        *,
        indent: int | None = None,
        include_url: bool = True,
        include_context: bool = True,
        include_input: bool = True,
    ) -> str: ...
    @classmethod
    def from_exception_data(
        cls, title: str, line_errors: list[Any], input_type: str = "python", hide_input: bool = False
    ) -> Self: ...

class ModelValidationError(ValidationError): ...

class SerializationError(ValueError): ...

@final
class ValidationInfo:
    @property
    def context(self) -> Any: ...
    @property
    def config(self) -> dict[str, Any] | None: ...
    @property
    def mode(self) -> Literal["python", "json"]: ...
    @property
    def data(self) -> dict[str, Any] | None: ...
    @property
    def field_name(self) -> str | None: ...

@final
class SerializationInfo:
    @property
    def mode(self) -> Literal["python", "json"]: ...
    @property
    def by_alias(self) -> bool: ...
    @property
    def exclude_unset(self) -> bool: ...
    @property
    def exclude_defaults(self) -> bool: ...
    @property
    def exclude_none(self) -> bool: ...
    @property
    def round_trip(self) -> bool: ...
    @property
    def field_name(self) -> str | None: ...
    @property
    def context(self) -> Any: ...
    def mode_is_json(self) -> bool: ...

@final
class Url:
    def __init__(self, text: str) -> None: ...
    @property
    def scheme(self) -> str: ...
    @property
    def username(self) -> str | None: ...
    @property
    def password(self) -> str | None: ...
    @property
    def host(self) -> str | None: ...
    def unicode_host(self) -> str | None: ...
    @property
    def port(self) -> int | None: ...
    @property
    def path(self) -> str | None: ...
    @property
    def query(self) -> str | None: ...
    @property
    def fragment(self) -> str | None: ...
    def query_params(self) -> list[tuple[str, str]]: ...
    def unicode_string(self) -> str: ...
    def __lt__(self, other: Url) -> bool: ...
    def __le__(self, other: Url) -> bool: ...
    def __gt__(self, other: Url) -> bool: ...
    def __ge__(self, other: Url) -> bool: ...
    def __hash__(self) -> int: ...

def build_schema(cls: type, descriptor: dict[str, Any]) -> None:
    """Compiles `cls` from its descriptor and stores it as `cls.__satya_schema__`."""

def entry_descriptor(name: Literal["model_validate", "model_validate_json"]) -> Any:
    """The native `model_validate` / `model_validate_json` of every Model class."""

def get_state(obj: ModelBase) -> dict[str, Any]: ...
def set_state(obj: ModelBase, state: dict[str, Any], fields_set: Any = None) -> None: ...
def get_fields_set(obj: ModelBase) -> set[str]: ...
def model_eq(a: ModelBase, b: ModelBase) -> bool: ...
def validate_json_as_field(
    cls: type, data: str | bytes | bytearray, key: str, strict: bool | None = None, context: Any = None
) -> Any:
    """A JSON document as the value of field `key` of `cls` (a type adapter's holder)."""

# With `collect`, a tuple (valid instances, their indices, errors, line ends);
# otherwise the list of instances.
def validate_many(
    cls: type, objects: Any, strict: bool | None, context: Any, from_attributes: bool, collect: bool
) -> Any: ...
def validate_json_many(
    cls: type,
    data: str | bytes | bytearray,
    ndjson: bool,
    strict: bool | None,
    context: Any,
    collect: bool,
    threads: int,
    index_base: int,
    build: bool,
    start: int,
    end: int | None,
) -> Any: ...

# for tests
def _json_paths(cls: type, data: str | bytes | bytearray) -> tuple[bool, Any, Any]: ...
def _fail_next_jit_compile() -> None: ...
