"""Names of the older, pydantic-v1-style API that satya 0.x code used:
`parse_obj`, `parse_raw`, `from_orm`, `schema` and `schema_json`. Each still
works and warns, naming its replacement."""

from __future__ import annotations

import json
import warnings

from .errors import SchemaError


class SatyaDeprecationWarning(DeprecationWarning):
    """A name kept from the older API; the message names its replacement."""


def warn_v0(message: str, stacklevel: int = 3) -> None:
    """The one SatyaDeprecationWarning of an older name. `stacklevel` counts
    from this function: 3, the default, names the line that called the
    function that calls this one."""
    warnings.warn(message, SatyaDeprecationWarning, stacklevel=stacklevel)


_warn = warn_v0


@classmethod
def parse_obj(cls, obj):
    _warn("The `parse_obj` method is deprecated; use `model_validate` instead.")
    return cls.model_validate(obj)


@classmethod
def parse_raw(cls, b, *, content_type=None, encoding="utf8", proto=None, allow_pickle=False):
    _warn("The `parse_raw` method is deprecated; if your data is JSON use `model_validate_json`, "
          "otherwise load the data then use `model_validate` instead.")
    if proto not in (None, "json") or (content_type is not None and not content_type.endswith("json")):
        raise TypeError("parse_raw reads JSON only; load other data first, then use model_validate")
    if isinstance(b, bytes) and encoding.replace("-", "").lower() != "utf8":
        b = b.decode(encoding)
    return cls.model_validate_json(b)


@classmethod
def from_orm(cls, obj):
    _warn("The `from_orm` method is deprecated; set `model_config['from_attributes']=True` "
          "and use `model_validate` instead.")
    if not cls.model_config.get("from_attributes"):
        raise SchemaError("You must set the config attribute `from_attributes=True` to use from_orm")
    return cls.model_validate(obj)


@classmethod
def schema(cls, by_alias: bool = True, ref_template: str = "#/$defs/{model}") -> dict:
    _warn("The `schema` method is deprecated; use `model_json_schema` instead.")
    return _json_schema(cls, by_alias, ref_template)


@classmethod
def schema_json(cls, *, by_alias: bool = True, ref_template: str = "#/$defs/{model}", **dumps_kwargs) -> str:
    _warn("The `schema_json` method is deprecated; use `model_json_schema` and json.dumps instead.")
    return json.dumps(_json_schema(cls, by_alias, ref_template), **dumps_kwargs)


@classmethod
def json_schema(cls) -> dict:
    _warn("The `json_schema` method is satya 0.x's; use `model_json_schema` instead.")
    return cls.model_json_schema()


def _json_schema(cls, by_alias: bool, ref_template: str) -> dict:
    return cls.model_json_schema(by_alias=by_alias, ref_template=ref_template)
