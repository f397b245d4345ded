"""`Model`: the metaclass that compiles each class once, and the pydantic-style
methods. Validation, storage and dumping live in the native core."""

from __future__ import annotations

import copy as _copy
import copyreg
import operator
import sys
import threading
import types as _types
import weakref
from typing import TYPE_CHECKING, Any, ClassVar

from . import _batch, _computed, _deprecated, _docstrings, _generics, _hooks, _private, _satya, _strings, _v0_model, _v1_names
from . import config as _settings
from ._aliases import constructed_value
from ._field_keys import field_keys, variant_descriptor
from ._fields import _MISSING, Field, FieldInfo, Unresolved, is_classvar, resolve, with_annotated_options
from ._nodes import NodeBuilder
from ._private import PrivateAttr
from ._signature import SignatureDescriptor
from .errors import SchemaError

if sys.version_info >= (3, 11):
    from typing import dataclass_transform
else:
    from typing_extensions import dataclass_transform
if TYPE_CHECKING:
    from typing import Literal

    from typing_extensions import Self

    ExtraValues = Literal["ignore", "allow", "forbid"]

_HEAPTYPE = 1 << 9  # Py_TPFLAGS_HEAPTYPE: classes defined in Python
_EMPTY_CONTAINERS = {list: "empty_list", dict: "empty_dict", set: "empty_set"}
_IMMUTABLE_DEFAULTS = (type(None), bool, int, float, complex, str, bytes, tuple, frozenset)
_CONFIG_KEYS = {"strict", "title", "extra", "jit", "from_attributes", "use_enum_values", "frozen",
                # aliases
                "populate_by_name", "validate_by_name", "validate_by_alias", "serialize_by_alias", "alias_generator",
                # strings
                "str_strip_whitespace", "str_to_lower", "str_to_upper", "str_min_length", "str_max_length",
                "validate_assignment", "arbitrary_types_allowed", "validate_default",
                # errors and instances
                "hide_input_in_errors", "loc_by_alias", "revalidate_instances", "coerce_numbers_to_str",
                # dumps
                "ser_json_timedelta", "ser_json_bytes", "ser_json_inf_nan",
                # JSON Schema: kept for model_json_schema
                "json_schema_extra", "json_schema_serialization_defaults_required", "json_schema_mode_override",
                "model_title_generator", "field_title_generator", "use_attribute_docstrings",
                # accepted with no effect: satya always builds at class definition,
                # never caches strings, and warns about no field-name prefixes
                "defer_build", "cache_strings", "protected_namespaces"}
# each ser_json_* key: the node kind it applies to, and the values it takes
_SER_JSON = {"ser_json_timedelta": ("timedelta", ("iso8601", "float")), "ser_json_bytes": ("bytes", ("utf8", "base64", "hex")),
             "ser_json_inf_nan": ("float", ("null", "constants", "strings"))}
# model_config's str_* keys as the constraints they give every str field
_STR_CONFIG = {"str_strip_whitespace": "strip_whitespace", "str_to_lower": "to_lower", "str_to_upper": "to_upper",
               "str_min_length": "min_length", "str_max_length": "max_length"}
_RESERVED = {"model_config", "model_fields", "model_fields_set", "__satya_schema__", "__satya_validate__", "__satya_validate_json__"}

# Set once `Model` exists; ModelMeta skips building for the base itself.
_Model = None


class _FieldSpec:
    """A declared field before compilation: its raw annotation and FieldInfo
    (`declared`: as assigned; `info`: with the annotation's own Field()s merged
    in, at each build)."""

    __slots__ = ("name", "annotation", "info", "module", "declared")

    def __init__(self, name, annotation, info, module):
        self.name, self.annotation, self.info, self.module = name, annotation, info, module
        self.declared = info

    def __getstate__(self):
        # A pickled class is rebuilt where its defining module and function may
        # not exist: ship the annotation as resolved at the last build.
        resolved = self.info.annotation
        annotation = self.annotation if resolved is None else resolved
        return None, {"name": self.name, "annotation": annotation, "info": self.info, "module": self.module,
                      "declared": self.declared}


class _Layout:
    """Carries a Model class's `__slots__` in its `__orig_bases__`.

    Pickling a class by value (cloudpickle, as dask does for classes defined
    in a function or in `__main__`) re-creates it from its name and bases
    alone and sets the rest of its dict afterwards: too late for the slots
    that hold the field values. cloudpickle ships `__orig_bases__` as the
    bases, so this entry reaches ModelMeta when the class is re-created; as a
    base it stands for nothing (`__mro_entries__`).
    """

    __slots__ = ("slots",)

    def __init__(self, slots):
        self.slots = tuple(slots)

    def __mro_entries__(self, bases):
        return ()

    def __reduce__(self):
        return _Layout, (self.slots,)

    def __repr__(self) -> str:
        return f"<satya layout {self.slots!r}>"


# What a pickled class attribute that is remade where the class is unpickled
# (the compiled schema, the defining scope) turns into; ModelMeta does not
# store it, so a class found again by cloudpickle keeps its own.
_REBUILT = object()


def _rebuilt():
    return _REBUILT


def _reduce_rebuilt(obj):
    return _rebuilt, ()


class _Scope(weakref.WeakValueDictionary):
    """The classes of the function that defines a class (see _defining_scope)."""

    def __reduce__(self):
        return _rebuilt, ()


def _reduce_field_info(info):
    # `_MISSING` ("no default") is compared by identity: keep it so.
    state = {name: getattr(info, name) for name in FieldInfo.__slots__}
    missing = tuple(name for name, value in state.items() if value is _MISSING)
    for name in missing:
        del state[name]
    return _blank_field_info, (missing,), (None, state)


def _blank_field_info(missing):
    info = FieldInfo.__new__(FieldInfo)
    for name in missing:
        setattr(info, name, _MISSING)
    return info


copyreg.pickle(_satya.CompiledSchema, _reduce_rebuilt)
copyreg.pickle(FieldInfo, _reduce_field_info)


# Tells type checkers that a Model's `__init__` takes its fields by keyword.
@dataclass_transform(kw_only_default=True, field_specifiers=(Field, PrivateAttr))
class ModelMeta(type):
    def __new__(mcs, name, bases, namespace, **kwargs):
        layout = next((b for b in namespace.get("__orig_bases__", ()) if isinstance(b, _Layout)), None)
        if layout is not None:
            return _unpickled_class(mcs, name, bases, namespace, layout, kwargs)
        own_annotations = namespace.get("__annotations__", {})
        specs: dict[str, _FieldSpec] = {}
        config: dict = {}
        for base in reversed(bases):
            specs.update(getattr(base, "__satya_specs__", {}))
            config.update(getattr(base, "model_config", {}) or {})
        config.update(namespace.get("model_config", {}) or {})
        # `class M(Model, frozen=True)`: keywords the config knows are config
        config.update({key: kwargs.pop(key) for key in list(kwargs) if key in _CONFIG_KEYS})
        unknown = set(config) - _CONFIG_KEYS
        if unknown:
            raise SchemaError(f"{name}: unsupported model_config key(s): {', '.join(sorted(unknown))}")
        schema_extra = config.get("json_schema_extra")
        if schema_extra is not None and not isinstance(schema_extra, dict) and not callable(schema_extra):
            raise SchemaError(f"{name}: model_config json_schema_extra must be a dict or a callable, not {type(schema_extra).__name__}")
        extra = config.get("extra", "ignore")
        if extra not in ("ignore", "forbid", "allow", None):
            raise SchemaError(f"{name}: model_config extra must be 'ignore', 'forbid' or 'allow', not {extra!r}")

        inherited = set(specs)
        if "__satya_native__" in namespace:
            _v1_names.warn_v0("`__satya_native__` is satya 0.x's switch; native storage is the only mode now, "
                              "so it changes nothing: remove it.")
        module = namespace.get("__module__")
        decorators = _hooks.collect(name, bases, namespace)
        computed, cached_slots = _computed.collect(bases, namespace)
        private, private_slots = _private.collect(bases, namespace, own_annotations, is_classvar)
        for field_name, annotation in own_annotations.items():
            if field_name.startswith("_") or is_classvar(annotation):
                continue
            if field_name in _RESERVED:
                raise SchemaError(f"{name}.{field_name}: this name is reserved by Model")
            value = namespace.pop(field_name, _MISSING)
            info = value if isinstance(value, FieldInfo) else FieldInfo(value)
            specs[field_name] = _FieldSpec(field_name, annotation, info, module)

        for base in bases:
            for klass in base.__mro__:
                if not klass.__flags__ & _HEAPTYPE and klass not in (object, _satya.ModelBase):
                    raise SchemaError(
                        f"{name}: cannot combine Model with the built-in type {klass.__name__}; "
                        "Model instances have their own native layout"
                    )
        slots = namespace.get("__slots__", ())
        slots = (slots,) if isinstance(slots, str) else tuple(slots)
        namespace["__slots__"] = slots + tuple(n for n in specs if n not in inherited and n not in slots) + tuple(cached_slots) + tuple(private_slots)
        if extra == "allow" and not any(_EXTRA_SLOT(b) is not None for b in bases):
            # the extra keys an instance keeps, read as attributes; only such a
            # class has a __getattr__, which would slow every other attribute read
            namespace["__slots__"] += ("__pydantic_extra__",)
            namespace.setdefault("__getattr__", _extra_getattr)
        namespace["model_config"] = config
        if private and namespace.get("model_post_init") is not None:
            namespace["model_post_init"] = _private.with_private_init(namespace["model_post_init"])
        if config.get("frozen") and "__hash__" not in namespace:
            # a frozen model hashes by its field values, as pydantic's does
            namespace["__hash__"] = _frozen_hash(tuple(specs))
        cls = super().__new__(mcs, name, bases, namespace, **kwargs)
        cls.__satya_specs__ = specs
        cls.__satya_decorators__ = decorators
        cls.__satya_computed__ = computed
        cls.__private_attributes__ = private
        cls.__satya_private_slots__ = _private.slot_descriptors(cls)
        if _EXTRA_SLOT(cls) is not None:
            # copies and pickles carry the extra keys as they carry private attributes
            cls.__satya_private_slots__["__pydantic_extra__"] = _EXTRA_SLOT(cls)
        if private and "model_post_init" not in namespace and _Model is not None:
            cls.model_post_init = _private.with_private_init(cls.model_post_init)
        cls.model_computed_fields = dict(computed)
        _computed.bind_slots(cls)
        cls.__satya_localns__ = _defining_scope()
        cls.__satya_field_docs__ = (_docstrings.attribute_docstrings(name, sys._getframe(1))
                                    if cls.model_config.get("use_attribute_docstrings") else {})
        # The backend is fixed now, even if the build waits for a forward reference.
        cls.__satya_jit__ = bool(_settings.jit) and bool(config_jit(cls.model_config))
        cls.model_fields = {n: s.info for n, s in specs.items()}
        cls.__satya_repr_hidden__ = frozenset(n for n, s in specs.items() if s.info.repr is False)
        cls.__orig_bases__ = tuple(namespace.get("__orig_bases__", bases)) + (_Layout(namespace["__slots__"]),)
        if _Model is not None or name != "Model":
            try:
                _build(cls)
            except Unresolved:
                cls.__satya_pending__ = True
        return cls

    def __setattr__(cls, name, value):
        if value is _REBUILT:
            return
        super().__setattr__(name, value)


def _EXTRA_SLOT(cls):
    for klass in cls.__mro__:
        if isinstance(klass.__dict__.get("__pydantic_extra__"), _types.MemberDescriptorType):
            return klass.__dict__["__pydantic_extra__"]
    return None


def _extra_of(obj):
    """The extra keys an instance keeps, or None."""
    slot = _EXTRA_SLOT(type(obj))
    if slot is None:
        return None
    try:
        return slot.__get__(obj, type(obj))
    except AttributeError:
        return None


def _ser_json(class_name: str, config: dict) -> dict:
    forms = {}
    for key, (kind, allowed) in _SER_JSON.items():
        value = config.get(key)
        if value is None:
            continue
        if value not in allowed:
            raise SchemaError(f"{class_name}: {key} must be one of {allowed}, not {value!r}")
        forms[kind] = value
    return forms


def _extra_getattr(self, name):
    if name == "__pydantic_extra__":
        return None  # its slot is empty: the input's extra keys were not kept
    extra = _extra_of(self) if not name.startswith("__") else None
    if extra is not None and name in extra:
        return extra[name]
    raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")


def _frozen_hash(names: tuple):
    values = operator.attrgetter(*names) if names else (lambda self: ())

    def __hash__(self):
        return hash(values(self))

    return __hash__


def _unpickled_class(mcs, name, bases, namespace, layout, kwargs):
    """A Model class as a by-value pickle re-creates it: the layout now, the
    rest of its dict (specs, config, FieldInfos) set by the unpickler next,
    and the schema compiled at first use."""
    orig_bases = tuple(b for b in namespace["__orig_bases__"] if not isinstance(b, _Layout))
    if orig_bases == tuple(bases):
        del namespace["__orig_bases__"]
    else:
        namespace["__orig_bases__"] = orig_bases
    namespace["__slots__"] = layout.slots
    cls = type.__new__(mcs, name, bases, namespace, **kwargs)
    cls.__satya_localns__ = {}
    cls.__satya_pending__ = True
    cls.__orig_bases__ = orig_bases + (layout,)
    return cls


def _describe_by_docstrings(cls) -> None:
    """use_attribute_docstrings: a field without a description takes the
    docstring written after it (in its own class, else the nearest base)."""
    for name, info in cls.model_fields.items():
        if info.description is not None:
            continue
        doc = next((c.__dict__["__satya_field_docs__"][name] for c in cls.__mro__
                    if name in c.__dict__.get("__satya_field_docs__", {})), None)
        if doc is not None:
            info = cls.model_fields[name] = _copy.copy(info)
            info.description = doc


def _generate_titles(cls) -> None:
    """field_title_generator (the field's own, else model_config's): the title
    of each field and computed field without one, on a copy of its info, as
    pydantic sets it."""
    default = cls.model_config.get("field_title_generator")
    for table in (cls.model_fields, cls.model_computed_fields):
        for name, info in table.items():
            generate = getattr(info, "field_title_generator", None) or default
            if info.title is None and generate is not None:
                info = _copy.copy(info)
                info.title = generate(name, info)
                table[name] = info


def _defining_scope():
    """The classes among the locals of the function whose body defines the
    class (none at module level), so annotations can name models defined
    earlier in that function. Held weakly: a class must not keep the other
    classes of its function alive."""
    frame = sys._getframe(2)
    if frame.f_code.co_name == "<module>" or frame.f_locals is frame.f_globals:
        return {}
    return _Scope({k: v for k, v in frame.f_locals.items() if isinstance(v, type)})


def _copy_mode(default) -> str:
    """How each use of `default` gets its own value: immutable values are
    shared, empty builtin containers are made new, the rest is deep-copied."""
    kind = type(default)
    if kind in _IMMUTABLE_DEFAULTS and (kind is not tuple and kind is not frozenset or not default):
        return "shared"
    if not default and kind in _EMPTY_CONTAINERS:
        return _EMPTY_CONTAINERS[kind]
    return "deep"


def config_jit(model_config: dict) -> bool:
    return model_config.get("jit", True)


def _build(cls) -> None:
    """Compiles `cls` into its native schema; raises Unresolved for a forward
    reference that cannot be resolved yet."""
    config = cls.model_config
    strict = bool(config.get("strict", False))
    fields = []
    decorators = cls.__dict__.get("__satya_decorators__", {})
    hook_config = _hooks.core_config(cls, config)
    hooks = _hooks.field_hooks(cls, decorators, cls.__satya_specs__)
    serializers = _hooks.field_serializers(cls, decorators, cls.__satya_specs__)
    model_hooks = _hooks.model_hooks(cls, decorators, hook_config)
    collects_data = False
    deprecations = {}
    for spec in cls.__satya_specs__.values():
        where = f"{cls.__name__}.{spec.name}"
        module = sys.modules.get(spec.module)
        globalns = dict(vars(module)) if module else {}
        localns = {**cls.__dict__.get("__satya_localns__", {}), cls.__name__: cls}
        annotation = resolve(spec.annotation, globalns, localns, getattr(cls, "__type_params__", ()))
        info = spec.info = cls.model_fields[spec.name] = with_annotated_options(spec.declared, annotation)
        builder = NodeBuilder(where, _Model, strict, bool(config.get("use_enum_values", False)))
        builder.check_unknown(info)
        builder.field_name, builder.config = spec.name, hook_config
        if cls.__dict__.get("__satya_adapter__"):
            # a type adapter's value belongs to no field of any model
            builder.field_name, builder.config = None, dict(config)
        builder.arbitrary_types = bool(config.get("arbitrary_types_allowed", False))
        builder.coerce_numbers = bool(config.get("coerce_numbers_to_str", False))
        builder.ser_json = _ser_json(cls.__name__, config)
        builder.str_defaults = {_STR_CONFIG[k]: v for k, v in config.items() if k in _STR_CONFIG and v not in (None, False)}
        info.annotation = annotation
        info.deprecated = _deprecated.field_value(info, annotation)
        deprecations[spec.name] = _deprecated.message(info.deprecated, where)
        node = builder.node(annotation, info)
        for mode, function in hooks[spec.name]:
            node = _hooks.function_node(node, mode, function, spec.name, hook_config)
        collects_data = (collects_data or _hooks.reads_data(node)) and not cls.__dict__.get("__satya_adapter__")
        if spec.name in serializers:
            node = {**node, "serializer": serializers[spec.name]}
        field = {"name": spec.name, "type": node, **field_keys(cls.__name__, spec.name, info, config)}
        if info.frozen:
            field["frozen"] = True
        if info.exclude:
            field["exclude"] = True
        if info.validate_default if info.validate_default is not None else config.get("validate_default", False):
            field["validate_default"] = True
        if info.default_factory is not None:
            if not callable(info.default_factory):
                raise SchemaError(f"{where}: default_factory must be callable")
            field["default_factory"] = info.default_factory
        elif info.default is not _MISSING:
            field["default"] = info.default
            field["copy_default"] = _copy_mode(info.default)
        fields.append(field)
    field_names = set(cls.__satya_specs__)
    extra_slots = any(
        slot not in field_names and slot != "__weakref__"
        for klass in cls.__mro__
        for slot in getattr(klass, "__dict__", {}).get("__slots__", ())
    )
    computed = []
    for name, info in cls.__dict__.get("__satya_computed__", {}).items():
        module = sys.modules.get(cls.__module__)
        return_type = _computed.resolved_return(info, dict(vars(module)) if module else {}, {cls.__name__: cls})
        node = None
        if return_type is not Any:
            node = NodeBuilder(f"{cls.__name__}.{name}", _Model, False).node(return_type)
        computed.append({"name": name, "alias": info.alias, "type": node})
    descriptor = {
        "name": cls.__name__,
        "fields": fields,
        "extra_slots": extra_slots,
        "jit": cls.__dict__.get("__satya_jit__", _settings.jit),
        "strict": strict,
        "from_attributes": bool(config.get("from_attributes", False)),
        "title": config.get("title"),
        "model_hooks": model_hooks,
        "post_init": getattr(cls, "model_post_init", None) is not Model.model_post_init,
        "collects_data": collects_data,
        "computed": computed,
        "model_serializer": _hooks.model_serializer_spec(cls, decorators),
        "forbid_extra": config.get("extra") == "forbid",
        "allow_extra": config.get("extra") == "allow",
        "hide_input": bool(config.get("hide_input_in_errors", False)),
        # a Model's own errors are ModelValidationError; an adapter's are plain
        "of_model": not cls.__dict__.get("__satya_adapter__"),
        "loc_by_name": not config.get("loc_by_alias", True),
        "revalidate": config.get("revalidate_instances", "never"),
        "frozen": bool(config.get("frozen", False)),
        "serialize_by_alias": bool(config.get("serialize_by_alias", False)),
        "root_model": bool(getattr(cls, "__pydantic_root_model__", False)),
        # satya validates assignments unless told not to (pydantic's default is not to)
        "validate_assignment": bool(config.get("validate_assignment", True)),
        "validate_by_alias": bool(config.get("validate_by_alias", True)),
        "validate_by_name": bool(config.get("validate_by_name", False) or config.get("populate_by_name", False)),
    }
    try:
        _satya.build_schema(cls, descriptor)
    except SchemaError:
        raise
    except (TypeError, ValueError) as exc:
        raise SchemaError(str(exc)) from None
    # kept for the calls that read keys otherwise (`by_alias=`, `by_name=`, `extra=`)
    cls.__satya_descriptor__ = descriptor
    _deprecated.install(cls, deprecations)
    # repr=False may come from a Field() inside Annotated, known only now
    cls.__satya_repr_hidden__ = frozenset(n for n, s in cls.__satya_specs__.items() if s.info.repr is False)
    _describe_by_docstrings(cls)
    _generate_titles(cls)
    if "__satya_pending__" in cls.__dict__:
        del cls.__satya_pending__


# Classes unpickled by value are compiled at first use, which may happen on
# several threads at once (a dask worker's): one builds, the others wait.
_BUILD_LOCK = threading.RLock()


def _widen_scope(cls, frame, extra: dict | None = None) -> bool:
    """Adds the classes among `frame`'s locals (and `extra`'s) to the names
    `cls`'s annotations are resolved with; whether any was added."""
    found = {} if frame.f_locals is frame.f_globals else dict(frame.f_locals)
    found.update(extra or {})
    found = {k: v for k, v in found.items() if isinstance(v, type)}
    if not found:
        return False
    scope = _Scope(cls.__dict__.get("__satya_localns__", {}))
    scope.update(found)
    cls.__satya_localns__ = scope
    return True


def _complete_class(cls, force: bool = False) -> None:
    """Called by the core the first time a class waiting on a forward reference,
    or unpickled by value, is used; and by model_rebuild (`force`)."""
    with _BUILD_LOCK:
        if not force and isinstance(cls.__dict__.get("__satya_schema__"), _satya.CompiledSchema):
            return  # built meanwhile by another thread
        try:
            _build(cls)
        except Unresolved as exc:
            # as pydantic does, the function where the class is first used may
            # define the missing class (after this one)
            if _widen_scope(cls, sys._getframe(1)):
                try:
                    return _build(cls)
                except Unresolved as again:
                    exc = again
            raise SchemaError(
                f"{cls.__name__} is not fully defined ({exc}); define the missing type, "
                f"then call {cls.__name__}.model_rebuild()"
            ) from None


class Model(_satya.ModelBase, metaclass=ModelMeta):
    """Base class for validated models, with pydantic v2's API."""

    __slots__ = ()
    # an instance's extra keys: a class with extra="allow" keeps them in a slot
    __pydantic_extra__ = None

    # Each returns a native function bound to the class it is looked up on
    # (made once per class), so a call allocates nothing; a subclass may
    # override them. Both take `strict=`, `context=`, `extra=`, `by_alias=`
    # and `by_name=`; model_validate also `from_attributes=`.
    def model_post_init(self, context, /) -> None:
        """Runs after validation builds an instance; override it to finish one."""

    __signature__ = SignatureDescriptor()

    if TYPE_CHECKING:
        # what `super().__init__(**data)` in a subclass's own `__init__` calls
        def __init__(self, /, **data: Any) -> None: ...

        model_config: ClassVar[dict[str, Any]]
        model_fields: ClassVar[dict[str, FieldInfo]]
        model_computed_fields: ClassVar[dict[str, Any]]

        @classmethod
        def model_validate(cls, obj: Any, *, strict: bool | None = None, extra: ExtraValues | None = None,
                           from_attributes: bool | None = None, context: Any = None, by_alias: bool | None = None,
                           by_name: bool | None = None) -> Self: ...

        @classmethod
        def model_validate_json(cls, json_data: str | bytes | bytearray, *, strict: bool | None = None,
                                extra: ExtraValues | None = None, context: Any = None, by_alias: bool | None = None,
                                by_name: bool | None = None) -> Self: ...
    else:
        model_validate = _satya.entry_descriptor("model_validate")
        model_validate_json = _satya.entry_descriptor("model_validate_json")

    # the older API's names: each warns, naming its replacement
    parse_obj, parse_raw, from_orm = _v1_names.parse_obj, _v1_names.parse_raw, _v1_names.from_orm
    schema, schema_json, json_schema = _v1_names.schema, _v1_names.schema_json, _v1_names.json_schema
    # satya 0.x's own names: each warns, naming its replacement
    validator, validate_many = _v0_model.validator, _v0_model.validate_many
    model_validate_fast, model_validate_nested = _v0_model.model_validate_fast, _v0_model.model_validate_nested
    model_validate_json_bytes = _v0_model.model_validate_json_bytes
    model_validate_json_array_bytes = _v0_model.model_validate_json_array_bytes
    model_validate_ndjson_bytes = _v0_model.model_validate_ndjson_bytes
    __fields__ = _v0_model.fields_alias

    @classmethod
    def model_validate_strings(cls, obj, *, strict=None, extra=None, context=None, by_alias=None, by_name=None):
        """Strings (alone or in str-keyed dicts) validated as JSON strings would be."""
        options = dict(strict=strict, extra=extra, context=context, by_alias=by_alias, by_name=by_name)
        return _strings.validate_strings(cls, obj, options)

    @classmethod
    def __satya_variant__(cls, by_alias: bool, by_name: bool, extra: str) -> dict:
        """The schema descriptor of this class read under a call's keys options."""
        return variant_descriptor(cls, by_alias, by_name, extra)

    @classmethod
    def __class_getitem__(cls, params):
        return _generics.parametrize(cls, params)

    @classmethod
    def model_validate_many(cls, objects, *, strict=None, context=None, from_attributes=None, errors="raise"):
        """Validates every object of an iterable: a list of instances, or with
        `errors="collect"` a `BatchResult`. Raising, the one ValidationError's
        locations start with the item's index."""
        return _batch.validate_many(cls, objects, strict=strict, context=context,
                                    from_attributes=from_attributes, errors=errors)

    @classmethod
    def model_validate_json_many(cls, data, *, format="array", strict=None, context=None, errors="raise",
                                 threads=None):
        """Validates a JSON array (`format="array"`) or NDJSON (`format="ndjson"`)
        from str, bytes or a buffer, in parallel when the schema allows it."""
        return _batch.validate_json_many(cls, data, format=format, strict=strict, context=context,
                                         errors=errors, threads=threads)

    @classmethod
    def model_validate_ndjson_iter(cls, source, *, chunk_bytes=_batch.DEFAULT_CHUNK_BYTES, threads=None,
                                   strict=None, context=None):
        """Yields a `BatchResult` per chunk of an NDJSON path or binary file, with
        indices counted from the start of the file."""
        return _batch.validate_ndjson_iter(cls, source, chunk_bytes=chunk_bytes, threads=threads,
                                           strict=strict, context=context)

    @classmethod
    def model_json_schema(cls, by_alias: bool = True, ref_template: str = "#/$defs/{model}",
                          schema_generator=None, mode: str = "validation", *, union_format: str = "any_of") -> dict:
        from . import json_schema
        return json_schema.model_json_schema(cls, by_alias, ref_template,
                                             schema_generator or json_schema.GenerateJsonSchema, mode,
                                             union_format=union_format)

    @classmethod
    def model_rebuild(cls, *, force: bool = False, raise_errors: bool = True,
                      _parent_namespace_depth: int = 2, _types_namespace: dict | None = None) -> bool | None:
        """Builds the class again, resolving forward references with the
        classes of the calling function too; None when it was complete and
        `force` is off, False when a reference is still missing and
        `raise_errors` is off."""
        if not force and "__satya_pending__" not in cls.__dict__:
            return None
        _widen_scope(cls, sys._getframe(max(_parent_namespace_depth - 1, 0)), _types_namespace)
        try:
            _complete_class(cls, force=True)
        except SchemaError:
            if raise_errors:
                raise
            return False
        return True

    @classmethod
    def model_construct(cls, _fields_set=None, **values):
        """An instance from trusted values, without validation; defaults fill
        the rest. The fields set is `_fields_set`, or the fields given."""
        obj = cls.__new__(cls)
        state = {}
        given = set()
        for name, info in cls.model_fields.items():
            value = constructed_value(name, info, values, _MISSING)
            if value is not _MISSING:
                state[name] = value
                given.add(name)
            elif info.default_factory is not None:
                state[name] = info.default_factory()
            elif info.default is not _MISSING:
                state[name] = _copy.deepcopy(info.default)
        _satya.set_state(obj, state, given if _fields_set is None else set(_fields_set))
        if type(obj).model_post_init is not Model.model_post_init:
            obj.model_post_init(None)
        return obj

    @property
    def model_fields_set(self) -> set:
        """The names of the fields given explicitly, not filled by defaults
        (and the extra keys, with `extra="allow"`)."""
        return _satya.get_fields_set(self) | set(_extra_of(self) or ())

    @property
    def model_extra(self) -> dict | None:
        """The input keys that name no field, with `extra="allow"`; else None."""
        if type(self).model_config.get("extra") != "allow":
            return None
        extra = _extra_of(self)
        if extra is None:
            extra = {}
            _EXTRA_SLOT(type(self)).__set__(self, extra)
        return extra


    # model_dump(*, mode, include, exclude, by_alias, exclude_unset, exclude_defaults,
    # exclude_none, round_trip, warnings) and model_dump_json(*, indent, ...) are
    # native methods of ModelBase.

    def dict(self, **kwargs):
        return self.model_dump(**kwargs)

    def json(self, **kwargs) -> str:
        return self.model_dump_json(**kwargs)

    def model_copy(self, *, update=None, deep=False):
        state = _satya.get_state(self)
        fields_set = _satya.get_fields_set(self)
        if deep:
            state = _copy.deepcopy(state)
        if update:
            state.update(update)
            fields_set |= set(update)
        new = type(self).__new__(type(self))
        _satya.set_state(new, state, fields_set)
        private = _private.values(self)
        _private.restore(new, _copy.deepcopy(private) if deep else private)
        return new

    def __eq__(self, other):
        if not isinstance(other, Model):
            return NotImplemented
        return (_satya.model_eq(self, other) and _private.values(self) == _private.values(other)
                and (_extra_of(self) or {}) == (_extra_of(other) or {}))

    __hash__ = None

    def __iter__(self):
        yield from _satya.get_state(self).items()

    @property
    def __dict__(self):
        """The field values, as pydantic's `__dict__` holds them, but read-only:
        they live in native slots, so a write here could not reach them."""
        return _types.MappingProxyType(_satya.get_state(self))

    def __repr_args__(self):
        cls = type(self)
        hidden = cls.__satya_repr_hidden__
        args = [(k, v) for k, v in _satya.get_state(self).items() if k not in hidden]
        args += list((_extra_of(self) or {}).items())
        return args + [(name, getattr(self, name)) for name, info in cls.__satya_computed__.items() if info.repr]

    def __repr__(self) -> str:
        args = ", ".join(f"{k}={v!r}" for k, v in self.__repr_args__())
        return f"{type(self).__name__}({args})"

    def __str__(self) -> str:
        return " ".join(f"{k}={v!r}" for k, v in self.__repr_args__())

    def __reduce__(self):
        # Works for every pickle protocol: rebuilt without running __init__.
        return (_restore, (type(self), _satya.get_state(self), _satya.get_fields_set(self), _private.values(self)))

    def __getstate__(self):
        return _satya.get_state(self)

    def __setstate__(self, state):
        _satya.set_state(self, state)

    def __copy__(self):
        return self.model_copy()

    def __deepcopy__(self, memo=None):
        new = type(self).__new__(type(self))
        if memo is not None:
            memo[id(self)] = new
        _satya.set_state(new, _copy.deepcopy(_satya.get_state(self), memo), _satya.get_fields_set(self))
        _private.restore(new, _copy.deepcopy(_private.values(self), memo))
        return new


def _restore(cls, state, fields_set=None, private=None):
    obj = cls.__new__(cls)
    _satya.set_state(obj, state, fields_set)
    if private:
        _private.restore(obj, private)
    return obj


_Model = Model
_build(Model)

