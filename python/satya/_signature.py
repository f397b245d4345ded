"""`inspect.signature` of a Model class: its fields as keyword-only parameters,
named as a caller passes them, merged with a user-defined `__init__`."""

from __future__ import annotations

import inspect
import keyword
import sys
from typing import Any, ForwardRef

from ._fields import _MISSING, FieldInfo, Unresolved, resolve

_KEYWORD_ONLY = inspect.Parameter.KEYWORD_ONLY
_VAR_KEYWORD = inspect.Parameter.VAR_KEYWORD


class _FactoryDefault:
    """The default shown for a field whose default comes from `default_factory`."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "<factory>"


FACTORY_DEFAULT = _FactoryDefault()


class _Made:
    """A class's signature and the compiled schema it was made from, kept in
    the class's dict. A class pickled by value leaves it behind: it is made
    again where the class is unpickled."""

    __slots__ = ("schema", "signature")

    def __init__(self, schema, signature: inspect.Signature):
        self.schema, self.signature = schema, signature

    def __reduce__(self):
        from ._model import _rebuilt  # _model imports this module

        return _rebuilt, ()


class SignatureDescriptor:
    """`__signature__` of every Model class, made on its first read and again
    once the class is rebuilt (a forward reference resolved, `model_rebuild`).

    Read from an instance it does not exist, so `inspect.signature` of a
    callable instance describes its `__call__`."""

    def __get__(self, instance, owner: Any = None) -> inspect.Signature:
        if instance is not None:
            raise AttributeError("__signature__")
        schema = owner.__dict__.get("__satya_schema__")
        made = owner.__dict__.get("__satya_signature__")
        if isinstance(made, _Made) and made.schema is schema:
            return made.signature
        signature = model_signature(owner)
        if schema is not None:  # a class still waiting for a type is asked again later
            owner.__satya_signature__ = _Made(schema, signature)
        return signature


def model_signature(cls) -> inspect.Signature:
    specs = cls.__dict__.get("__satya_specs__", {})
    config = cls.model_config
    own_init = _own_init(cls)
    params: dict[str, inspect.Parameter] = {}
    var_keyword = None
    if own_init is None:
        var_keyword = inspect.Parameter("extra_data", _VAR_KEYWORD, annotation=Any)
    else:
        for param in list(inspect.signature(own_init).parameters.values())[1:]:  # after self
            if param.name in specs:
                param = param.replace(name=parameter_name(cls, param.name, specs[param.name].info))
            if param.kind is _VAR_KEYWORD:
                var_keyword = param
            else:
                params[param.name] = param
    # an `__init__` without **kwargs takes no field it does not name
    if var_keyword is not None:
        for name, spec in specs.items():
            param_name = parameter_name(cls, name, spec.info)
            if name in params or param_name in params:
                continue
            params[param_name] = inspect.Parameter(param_name, _KEYWORD_ONLY, annotation=_annotation(cls, spec),
                                                   default=_default(spec.info))
        if config.get("extra") == "allow":
            name = var_keyword.name
            while name in specs or name in params:
                name += "_"
            params[name] = var_keyword.replace(name=name)
    return inspect.Signature(list(params.values()), return_annotation=None)


def parameter_name(cls, name: str, info: FieldInfo) -> str:
    """The keyword a field is passed by: its alias, else its validation alias,
    when that is a str that can name a parameter; else its name (always, when
    the class does not validate by alias)."""
    if not cls.model_config.get("validate_by_alias", True):
        return name
    aliases = (info.alias, info.validation_alias)
    generator = cls.model_config.get("alias_generator")
    if generator is not None and info.alias is None:
        from ._field_keys import generated_aliases

        generated = generated_aliases(generator, f"{cls.__name__}.{name}", name)
        aliases = (generated[0], info.validation_alias or generated[1])
    for alias in aliases:
        if isinstance(alias, str) and alias.isidentifier() and not keyword.iskeyword(alias):
            return alias
    return name


def _own_init(cls):
    """The class's `__init__` when a Model class in its hierarchy defines one."""
    init = cls.__init__
    return init if inspect.isfunction(init) or hasattr(init, "__wrapped__") else None


def _default(info: FieldInfo):
    if info.default_factory is not None:
        return FACTORY_DEFAULT
    return inspect.Parameter.empty if info.default is _MISSING else info.default


def _annotation(cls, spec):
    """The field's type; as written while a forward reference in it is undefined."""
    if spec.info.annotation is not None:
        return spec.info.annotation
    module = sys.modules.get(spec.module)
    globalns = dict(vars(module)) if module else {}
    localns = {**cls.__dict__.get("__satya_localns__", {}), cls.__name__: cls}
    try:
        return resolve(spec.annotation, globalns, localns, getattr(cls, "__type_params__", ()))
    except Unresolved:
        annotation = spec.annotation
        if isinstance(annotation, ForwardRef):
            return annotation.__forward_arg__
        # `x: "Later"` under `from __future__ import annotations` reads "'Later'"
        if isinstance(annotation, str) and len(annotation) > 1 and annotation[0] == annotation[-1] and annotation[0] in "'\"":
            return annotation[1:-1]
        return annotation
