"""satya 0.x's `Field` keywords, translated to the constraints of today.

`min_items`/`max_items` become `min_length`/`max_length`, `min_value`/
`max_value` become `ge`/`le`, `example` goes to `json_schema_extra` (as
pydantic keeps it), `required=False` gives the field the default None,
`enum=[...]` checks the value as `Literal[...]` does, `unique_items=True`
checks that a collection holds no two equal items, and `strip_whitespace`,
`to_lower` and `to_upper` transform a str as `StringConstraints` does. Each use warns once,
naming the spelling of today.
"""

from __future__ import annotations


from ._v1_names import warn_v0

# keyword: (what it becomes, the advice its warning gives)
_RENAMED = {
    "min_items": ("min_length", "use `min_length` instead"),
    "max_items": ("max_length", "use `max_length` instead"),
    "min_value": ("ge", "use `ge` instead"),
    "max_value": ("le", "use `le` instead"),
}
_ADVICE = {
    "required": "a field without a default is required; give `default=None` for an optional one",
    "enum": "annotate the field as `Literal[...]` instead",
    "unique_items": "annotate the field as a `set` instead, or check the items in a validator",
    "example": "use `examples=[...]` or `json_schema_extra` instead",
}
# string transforms, which today belong to `constr` and `StringConstraints`
_TRANSFORMS = ("strip_whitespace", "to_lower", "to_upper")
V0_KEYWORDS = tuple(_RENAMED) + tuple(_ADVICE) + _TRANSFORMS


class Conflict(str):
    """A contradiction among Field()'s keywords, which the class statement
    reports with this text (the other entries of `unknown` are unknown keywords)."""


def _warn(keyword: str, advice: str) -> None:
    # stacklevel 5: warn_v0, this function, translate(), Field(), the user's line
    warn_v0(f"Field({keyword}=...) is satya 0.x's keyword; {advice}.", stacklevel=5)


def translate(given: dict, options: dict, unknown: dict) -> None:
    """Moves 0.x's keywords in `given` into `options` (Field's keywords of today);
    a contradiction goes to `unknown`, which the class statement reports."""
    for keyword, (target, advice) in _RENAMED.items():
        if keyword not in given:
            continue
        _warn(keyword, advice)
        if options.get(target) is not None:
            unknown[keyword] = Conflict(f"cannot set both {keyword} and {target}")
        else:
            options[target] = given[keyword]
    if "example" in given:
        _warn("example", _ADVICE["example"])
        extra = options.get("json_schema_extra")
        if extra is not None and not isinstance(extra, dict):
            unknown["example"] = Conflict("cannot set both example and a json_schema_extra function")
        else:
            options["json_schema_extra"] = {**(extra or {}), "example": given["example"]}
    if "required" in given:
        _warn("required", _ADVICE["required"])
        required = given["required"]
        if not isinstance(required, bool):
            unknown["required"] = Conflict(f"required must be True or False, got {required!r}")
        elif not required and options["default"] is _missing() and options.get("default_factory") is None:
            options["default"] = None
        elif required and options.get("default_factory") is not None:
            unknown["required"] = Conflict("cannot set both required=True and a default_factory")
        elif required and all(options["default"] is not none for none in (None, _missing(), Ellipsis)):
            unknown["required"] = Conflict("cannot set both required=True and a default")
        elif required:
            options["default"] = _missing()  # 0.x's default of None meant "none given"
    for keyword in _TRANSFORMS:
        if keyword in given:
            _warn(keyword, f"annotate the field as `Annotated[str, StringConstraints({keyword}=True)]` instead")
            options[keyword] = given[keyword]
    for keyword in ("enum", "unique_items"):
        if keyword in given:
            _warn(keyword, _ADVICE[keyword])
            options[keyword] = given[keyword]


def _missing():
    from ._fields import _MISSING
    return _MISSING


def check_unique_items(value):
    """`unique_items=True` (a Field, an ArrayValidator, a StreamValidator
    constraint): no two items of the collection are equal. Hashable items are
    looked up in a set, the others compared with the unhashable ones before."""
    hashed: set = set()
    unhashable: list = []
    for item in value:
        try:
            repeated = item in hashed
            hashed.add(item)
        except TypeError:  # a dict or list item
            repeated = any(item == seen for seen in unhashable)
            unhashable.append(item)
        if repeated:
            from ._hooks import PydanticCustomError
            raise PydanticCustomError("unique_items", "Items should be unique")
    return value
