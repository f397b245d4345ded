"""The schema a `StreamValidator` is given field by field, and the hidden Model
class it compiles to: built on first use and again after a change, so every
record is validated by the compiled model, batches included."""

from __future__ import annotations

import keyword
import re
from decimal import Decimal
from typing import Annotated, Any, Literal

from . import _satya
from ._create_model import create_model
from ._fields import Field
from ._hooks import AfterValidator, PydanticCustomError
from ._v0_fields import check_unique_items
from .errors import SchemaError

# The type names the 0.x core understood, as annotations. "email" and "url"
# are str fields with satya's email and URL checks.
_NAMED_TYPES: dict[str, Any] = {
    "str": str, "string": str, "uuid": str, "date-time": str,
    "email": Annotated[str, Field(email=True)], "url": Annotated[str, Field(url=True)],
    "int": int, "integer": int, "float": float, "number": float, "decimal": Decimal,
    "bool": bool, "boolean": bool, "any": Any,
}
_CUSTOM_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
_CONSTRAINTS = ("min_length", "max_length", "min_value", "max_value", "pattern", "email", "url", "ge", "le", "gt",
                "lt", "min_items", "max_items", "unique_items", "enum_values")
_SEQUENCES = (list, tuple, set, frozenset)


def parse_type(spec: str) -> tuple:
    """A type string as a tree: ("type", annotation), ("list", tree),
    ("dict", tree) or ("custom", name)."""
    text = spec.strip()
    if text in _NAMED_TYPES:
        return ("type", _NAMED_TYPES[text])
    for prefix, kind in (("List[", "list"), ("Dict[", "dict")):
        if text.startswith(prefix) and text.endswith("]"):
            inner = text[len(prefix):-1]
            if kind == "dict" and "," in inner:
                key, _, inner = inner.partition(",")
                if key.strip() not in ("str", "string"):
                    raise ValueError(f"type {spec!r}: dictionary keys are strings, not {key.strip()!r}")
            return (kind, parse_type(inner))
    if not _CUSTOM_NAME.match(text):
        raise ValueError(f"unknown type {spec!r}: expected a type such as 'str', 'List[int]', 'Dict[str]' "
                         "or the name of a custom type")
    return ("custom", text)


def _customs_in(tree: tuple) -> set[str]:
    kind, arg = tree
    if kind == "custom":
        return {arg}
    return _customs_in(arg) if kind in ("list", "dict") else set()


def _annotation(tree: tuple, customs: dict[str, type]):
    kind, arg = tree
    if kind == "type":
        return arg
    if kind == "custom":
        return customs[arg]
    inner = _annotation(arg, customs)
    return list[inner] if kind == "list" else dict[str, inner]


class FieldDef:
    """One field as given to add_field, with the constraints set on it."""

    __slots__ = ("key", "tree", "required", "description", "constraints")

    def __init__(self, key: str, field_type, required: bool, description: str | None):
        if not isinstance(key, str):
            raise TypeError(f"a field name must be a str, not {type(key).__name__}")
        if not isinstance(required, bool):
            raise TypeError(f"required must be True or False, not {required!r}")
        self.key = key
        self.tree = parse_type(field_type) if isinstance(field_type, str) else ("type", field_type)
        self.required = required
        self.description = description
        self.constraints: dict[str, Any] = {}

    def customs(self) -> set[str]:
        return _customs_in(self.tree)

    def definition(self, customs: dict[str, type]) -> tuple:
        """The (annotation, FieldInfo) pair create_model takes."""
        annotation = _annotation(self.tree, customs)
        options = dict(self.constraints)
        checks = []
        if options.pop("unique_items", False):
            checks.append(AfterValidator(check_unique_items))
        enum_values = options.pop("enum_values", None)
        is_sequence = self.tree[0] == "list" or _is_sequence(annotation)
        field_options: dict[str, Any] = {}
        for mine, theirs in (("min_value", "ge"), ("max_value", "le")):
            if mine in options:
                field_options[theirs] = options.pop(mine)
        for mine, theirs in (("min_items", "min_length"), ("max_items", "max_length")):
            if mine in options:
                # a list's item bounds are its length bounds
                if not is_sequence:
                    raise SchemaError(f"StreamValidator field {self.key!r}: {mine} applies to lists, "
                                      f"not to {annotation!r}")
                if options.get(theirs, options[mine]) != options[mine]:
                    raise SchemaError(f"StreamValidator field {self.key!r}: {mine} and {theirs} disagree")
                options[theirs] = options.pop(mine)
        field_options.update(options)
        if enum_values is not None:
            values = tuple(enum_values)
            if not values:
                raise SchemaError(f"StreamValidator field {self.key!r}: enum_values is empty")
            if annotation is str and not field_options and not checks:
                annotation = Literal[values]  # compiled, and pydantic's message
            else:
                checks.append(AfterValidator(_member_of(values)))
        if checks:
            annotation = Annotated[(annotation, *checks)]
        default = ... if self.required else None
        return annotation, Field(default, alias=self.key, description=self.description, **field_options)


def _is_sequence(annotation) -> bool:
    origin = getattr(annotation, "__origin__", None)
    return annotation in _SEQUENCES or origin in _SEQUENCES


def _member_of(values: tuple):
    expected = " or ".join(filter(None, [", ".join(repr(v) for v in values[:-1]), repr(values[-1])]))

    def check(value):
        if value not in values:
            raise PydanticCustomError("literal_error", "Input should be {expected}", {"expected": expected})
        return value

    return check


def _safe_name(key: str, taken: set[str]) -> str:
    """The key itself when it can be an attribute of a Model; else a made-up
    name, the key staying the field's alias."""
    from ._model import Model

    if key.isidentifier() and not keyword.iskeyword(key) and not key.startswith("_") and not hasattr(Model, key):
        if key not in taken:
            return key
    n = len(taken)
    while f"field_{n}" in taken:
        n += 1
    return f"field_{n}"


class StreamSchema:
    """Fields, constraints and custom types; `model()` compiles them."""

    def __init__(self, base: type | None = None):
        self.base = base  # a Model class the fields are added to (Model.validator())
        self.fields: dict[str, FieldDef] = {}
        self.custom_types: dict[str, dict[str, FieldDef]] = {}
        self._model: type | None = base
        self._names: dict[str, str] = {}  # internal field name -> input key
        self._dumped: frozenset[str] = frozenset()  # fields holding custom-type models
        self._optional: frozenset[str] = frozenset()

    # --- changes: each drops the compiled model

    def add_field(self, key: str, field_type, required: bool, description: str | None) -> None:
        field = FieldDef(key, field_type, required, description)
        if not field.customs():
            _compile_alone(field)
        self.fields[key] = field
        self._model = None

    def set_constraints(self, key: str, constraints: dict[str, Any]) -> None:
        field = self.fields.get(key)
        if field is None:
            raise ValueError(f"no field {key!r} to constrain: add it with add_field first")
        given = {name: value for name, value in constraints.items() if value is not None}
        previous = field.constraints
        field.constraints = {**previous, **given}
        if not field.customs():
            try:
                _compile_alone(field)
            except SchemaError:
                field.constraints = previous
                raise
        self._model = None

    def define_custom_type(self, name: str) -> None:
        if not isinstance(name, str) or not _CUSTOM_NAME.match(name) or name in _NAMED_TYPES:
            raise ValueError(f"a custom type needs a name such as 'Address', not {name!r}")
        self.custom_types.setdefault(name, {})
        self._model = None

    def add_custom_field(self, type_name: str, key: str, field_type, required: bool) -> None:
        fields = self.custom_types.get(type_name)
        if fields is None:
            raise ValueError(f"no custom type {type_name!r}: define it with define_custom_type first")
        fields[key] = FieldDef(key, field_type, required, None)
        self._model = None

    # --- the compiled model

    def model(self) -> type:
        model = self._model
        if model is None:
            model = self._model = self._build()
        return model

    def _build(self) -> type:
        if self.base is not None and not self.fields:
            self._names, self._dumped, self._optional = {}, frozenset(), frozenset()
            return self.base
        customs = self._custom_models()
        taken = set(self.base.model_fields) if self.base is not None else set()
        names, definitions, dumped, optional = {}, {}, set(), set()
        for key, field in self.fields.items():
            name = _safe_name(key, taken)
            taken.add(name)
            names[name] = key
            definitions[name] = _definition(field, customs)
            if field.customs():
                dumped.add(name)
            if not field.required:
                optional.add(name)
        config = None if self.base is not None else {"extra": "allow"}
        model = create_model("StreamValidator", __base__=self.base, __config__=config, __module__="satya.validator",
                             **definitions)
        self._names, self._dumped, self._optional = names, frozenset(dumped), frozenset(optional)
        return model

    def _custom_models(self) -> dict[str, type]:
        """A hidden Model for each custom type, built after the types it uses."""
        built: dict[str, type] = {}
        visiting: list[str] = []

        def build(name: str) -> type:
            if name in built:
                return built[name]
            if name not in self.custom_types:
                raise SchemaError(f"StreamValidator: unknown type {name!r}; define it with define_custom_type "
                                  "or give a Python type")
            if name in visiting:
                cycle = " -> ".join(visiting[visiting.index(name):] + [name])
                raise SchemaError(f"StreamValidator: custom types cannot refer to themselves ({cycle})")
            visiting.append(name)
            definitions = {}
            for key, field in self.custom_types[name].items():
                for used in field.customs():
                    build(used)
                definitions[_safe_name(key, set(definitions))] = _definition(field, built)
            visiting.pop()
            built[name] = create_model(name, __config__={"extra": "allow"}, __module__="satya.validator",
                                       **definitions)
            return built[name]

        for field in self.fields.values():
            for name in field.customs():
                build(name)
        return built

    # --- validated records as 0.x gave them: dicts

    def as_dict(self, instance) -> dict:
        """The record's fields by input key (an optional field left out stays
        out), custom types as dicts, and the extra keys kept."""
        state = _satya.get_state(instance)
        if self._model is self.base and self.base is not None:
            out = dict(state)
        else:
            given = _satya.get_fields_set(instance)
            names, optional = self._names, self._optional
            out = {names.get(name, name): value for name, value in state.items()
                   if name not in optional or name in given}
            if self._dumped:
                dumped = instance.model_dump(include=set(self._dumped) & given, by_alias=True, exclude_unset=True)
                out.update(dumped)
        extra = getattr(instance, "__pydantic_extra__", None) if hasattr(type(instance), "__pydantic_extra__") else None
        if extra:
            out.update(extra)
        return out


def _definition(field: FieldDef, customs: dict[str, type]) -> tuple:
    try:
        return field.definition(customs)
    except (TypeError, ValueError) as exc:
        if isinstance(exc, SchemaError):
            raise
        raise SchemaError(f"StreamValidator field {field.key!r}: {exc}") from None


def _compile_alone(field: FieldDef) -> None:
    """Builds a model of this field alone, so that a bad type or constraint is
    reported by the add_field or set_constraints call that gave it."""
    try:
        create_model("StreamValidator", __module__="satya.validator", checked=_definition(field, {}))
    except SchemaError as exc:
        detail = str(exc).partition(": ")[2] or str(exc)
        raise SchemaError(f"StreamValidator field {field.key!r}: {detail}") from None
