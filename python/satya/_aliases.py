"""`AliasPath` and `AliasChoices`: where a field's value is read from when it
is not simply under one key, and their check at class definition."""

from __future__ import annotations

from .errors import SchemaError

_I64 = (-(2 ** 63), 2 ** 63 - 1)


class AliasPath:
    """A path into the input: a first key, then keys of mappings and indices of
    sequences (negative from the end). `AliasPath('a', 0, 'b')` reads
    `data['a'][0]['b']`."""

    __slots__ = ("path",)

    def __init__(self, first_arg: str, *args: str | int) -> None:
        self.path = [first_arg, *args]

    def convert_to_aliases(self) -> list[str | int]:
        return self.path

    def __eq__(self, other):
        return type(other) is type(self) and other.path == self.path

    __hash__ = None

    def __repr__(self) -> str:
        return f"AliasPath(path={self.path!r})"


class AliasChoices:
    """Keys or paths tried in order; the first present one gives the value."""

    __slots__ = ("choices",)

    def __init__(self, first_choice: str | AliasPath, *choices: str | AliasPath) -> None:
        self.choices = [first_choice, *choices]

    def convert_to_aliases(self) -> list[list[str | int]]:
        return [[choice] if isinstance(choice, str) else choice.convert_to_aliases() for choice in self.choices]

    def __eq__(self, other):
        return type(other) is type(self) and other.choices == self.choices

    __hash__ = None

    def __repr__(self) -> str:
        return f"AliasChoices(choices={self.choices!r})"


class AliasGenerator:
    """`model_config["alias_generator"]` giving each kind of alias its own
    function of the field name: `alias` (a str), `validation_alias` (a str,
    AliasPath or AliasChoices) and `serialization_alias` (a str)."""

    __slots__ = ("alias", "validation_alias", "serialization_alias")

    def __init__(self, alias=None, validation_alias=None, serialization_alias=None) -> None:
        self.alias = alias
        self.validation_alias = validation_alias
        self.serialization_alias = serialization_alias

    def generate_aliases(self, field_name: str) -> tuple:
        """(alias, validation_alias, serialization_alias) of `field_name`, None where no function is given."""
        return (self._generate("alias", field_name, str),
                self._generate("validation_alias", field_name, (str, AliasChoices, AliasPath)),
                self._generate("serialization_alias", field_name, str))

    def _generate(self, kind: str, field_name: str, allowed):
        function = getattr(self, kind)
        alias = None if function is None else function(field_name)
        if alias is not None and not isinstance(alias, allowed) and not (kind == "validation_alias" and is_alias_object(alias)):
            names = " or ".join(t.__name__ for t in (allowed if isinstance(allowed, tuple) else (allowed,)))
            raise TypeError(f"the {kind} generator must give a {names}, not {type(alias).__name__}")
        return alias

    def __repr__(self) -> str:
        return (f"AliasGenerator(alias={self.alias!r}, validation_alias={self.validation_alias!r}, "
                f"serialization_alias={self.serialization_alias!r})")


def is_alias_object(value) -> bool:
    """An AliasPath or AliasChoices, satya's or pydantic's (same shape)."""
    return type(value).__name__ in ("AliasPath", "AliasChoices") and hasattr(value, "convert_to_aliases")


def validation_paths(alias, where: str) -> list[list[str | int]]:
    """The paths a `validation_alias` (a str, AliasPath or AliasChoices) reads,
    in the order they are tried; a definition error names `where`."""
    if isinstance(alias, str):
        return [[alias]]
    if not is_alias_object(alias):
        raise SchemaError(f"{where}: an alias to validate by must be a str, AliasPath or AliasChoices, not {type(alias).__name__}")
    if type(alias).__name__ == "AliasPath":
        return [_checked_path(alias.path, where)]
    paths = []
    for choice in alias.choices:
        if isinstance(choice, str):
            paths.append([choice])
        elif type(choice).__name__ == "AliasPath" and hasattr(choice, "path"):
            paths.append(_checked_path(choice.path, where))
        else:
            raise SchemaError(f"{where}: each of AliasChoices must be a str or an AliasPath, not {choice!r}")
    if not paths:
        raise SchemaError(f"{where}: AliasChoices needs at least one choice")
    return paths


def _checked_path(path, where: str) -> list[str | int]:
    path = list(path)
    if not path:
        raise SchemaError(f"{where}: an AliasPath needs at least one item")
    if not isinstance(path[0], str):
        raise SchemaError(f"{where}: the first item of an AliasPath must be a str (a key), not {path[0]!r}")
    for item in path[1:]:
        if not isinstance(item, (str, int)):
            raise SchemaError(f"{where}: an AliasPath's items are str keys or int indices, not {item!r}")
        if isinstance(item, int) and not _I64[0] <= item <= _I64[1]:
            raise SchemaError(f"{where}: the AliasPath index {item} does not fit in 64 bits")
    return [int(item) if isinstance(item, int) else item for item in path]


def constructed_value(name: str, info, values: dict, missing):
    """The value `model_construct` takes for a field, unvalidated: under its
    alias, else its validation alias (a key or paths), else its name; or
    `missing`."""
    if isinstance(info.alias, str) and info.alias in values:
        return values[info.alias]
    validation = info.validation_alias or (None if isinstance(info.alias, str) else info.alias)
    if validation is not None:
        for path in validation_paths(validation, name):
            found = _walk(values, path, missing)
            if found is not missing:
                return found
    return values.get(name, missing)


def _walk(value, path, missing):
    for step in path:
        if isinstance(value, str):
            return missing
        try:
            value = value[step]
        except Exception:  # a step the value refuses reaches nothing
            return missing
    return value
