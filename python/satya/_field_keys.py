"""A field's input keys (its alias, its name, alias paths, an alias
generator's result) under a model's config, and a model's schema descriptor
with other keys for the calls that override `by_alias`, `by_name` or `extra`."""

from __future__ import annotations

from ._aliases import validation_paths
from .errors import SchemaError

# the items of a field's descriptor that `field_keys` writes
_KEY_ITEMS = ("key", "alt_key", "paths", "paths_by_name", "ser_key")


def field_keys(class_name: str, name: str, info, config: dict) -> dict:
    """The keys of a field: what validation reads ("key", and the name too as
    "alt_key" when validating by name) and what a dump by alias writes. An
    AliasPath or AliasChoices is read through "paths" instead, with the name
    tried after them when validating by name ("paths_by_name")."""
    by_alias = config.get("validate_by_alias", True)
    by_name = bool(config.get("validate_by_name", False) or config.get("populate_by_name", False))
    if not by_alias and not by_name:
        raise SchemaError(f"{class_name}: at least one of `validate_by_alias` or `validate_by_name` must be set to True")
    # a field's own alias turns the generator off; its other aliases keep theirs
    generated = (None, None, None)
    generator = config.get("alias_generator")
    if generator is not None and info.alias is None:
        generated = generated_aliases(generator, f"{class_name}.{name}", name)
    alias = info.alias or generated[0]
    serialization = info.serialization_alias or generated[2]
    if serialization is not None and not isinstance(serialization, str):
        raise SchemaError(f"{class_name}.{name}: serialization_alias must be a str, not {type(serialization).__name__}")
    # an AliasPath or AliasChoices given as `alias` is read, never written
    keys = {"ser_key": serialization or (alias if isinstance(alias, str) else None) or name}
    validation = info.validation_alias or generated[1] or alias or name
    paths = validation_paths(validation, f"{class_name}.{name}")
    if by_alias and (len(paths) > 1 or len(paths[0]) > 1):
        return {**keys, "key": name, "paths": paths, "paths_by_name": by_name}
    key = paths[0][0] if by_alias else name
    keys["key"] = key
    if by_alias and by_name and key != name:
        keys["alt_key"] = name
    return keys


def generated_aliases(generator, where: str, name: str) -> tuple:
    """(alias, validation_alias, serialization_alias) from `alias_generator`:
    an AliasGenerator, or a function giving the alias (a str)."""
    if hasattr(generator, "generate_aliases"):
        try:
            return tuple(generator.generate_aliases(name))
        except TypeError as exc:
            raise SchemaError(f"{where}: {exc}") from None
    if not callable(generator):
        raise SchemaError(f"{where.split('.')[0]}: alias_generator must be a callable or an AliasGenerator")
    alias = generator(name)
    if not isinstance(alias, str):
        raise SchemaError(f"{where}: alias_generator {generator!r} must return str, not {type(alias)}")
    return alias, None, None


def variant_descriptor(cls, by_alias: bool, by_name: bool, extra: str) -> dict:
    """`cls`'s schema descriptor with its fields read by alias and/or by name
    and `extra` for the keys that name no field, as a call's options ask."""
    descriptor = cls.__dict__["__satya_descriptor__"]
    config = {**cls.model_config, "validate_by_alias": by_alias, "validate_by_name": by_name, "populate_by_name": False}
    specs = cls.__satya_specs__
    fields = []
    for field in descriptor["fields"]:
        kept = {k: v for k, v in field.items() if k not in _KEY_ITEMS}
        fields.append({**kept, **field_keys(cls.__name__, field["name"], specs[field["name"]].info, config)})
    variant = {**descriptor, "fields": fields, "validate_by_alias": by_alias, "validate_by_name": by_name}
    holder = cls.__dict__.get("__satya_adapter__") or cls.__dict__.get("__satya_holder__")
    if holder or getattr(cls, "__pydantic_root_model__", False):
        # the value's holder has no keys of its own to judge; a dataclass's
        # holder refuses keys __init__ does not take, and drops them otherwise
        if cls.__dict__.get("__satya_holder__") and extra == "forbid":
            return {**variant, "forbid_extra": True}
        return variant
    if extra == "allow" and not descriptor["allow_extra"]:
        raise TypeError(f"{cls.__name__} keeps no extra keys: extra='allow' in a call needs "
                        f"model_config['extra'] = 'allow' on {cls.__name__}")
    return {**variant, "forbid_extra": extra == "forbid", "allow_extra": extra == "allow"}
