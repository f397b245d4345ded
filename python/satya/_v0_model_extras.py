"""Model names that satya 0.x code used and pydantic v2 does not have, or has
under another spelling: `model_validate_fast`, `model_validate_nested` and the
`__fields__` class attribute. Each still works, validating as its v2 spelling
does, and warns once per use, naming that spelling.

The Model class lists them in its body:

    model_validate_fast = _v0_model_extras.model_validate_fast
    model_validate_nested = _v0_model_extras.model_validate_nested
    __fields__ = _v0_model_extras.fields_alias
"""

from __future__ import annotations

import warnings

from ._v1_names import SatyaDeprecationWarning


def _warn(message: str) -> None:
    # Two frames up: past this helper and the deprecated method, to the caller's line.
    warnings.warn(message, SatyaDeprecationWarning, stacklevel=3)


@classmethod
def model_validate_fast(cls, obj, **options):
    # 0.x returned a detached "fast" object; an instance of the class is what code reads.
    _warn("`model_validate_fast` is satya 0.x's; use `model_validate` instead "
          "(it is the fast path now).")
    return cls.model_validate(obj, **options)


@classmethod
def model_validate_nested(cls, obj, **options):
    _warn("`model_validate_nested` is satya 0.x's; use `model_validate` instead "
          "(nested models, lists and dicts of models are validated by it).")
    return cls.model_validate(obj, **options)


class _FieldsAlias:
    """`Model.__fields__`: the class's `model_fields`, read from the class or an instance."""

    def __get__(self, instance, owner=None):
        if owner is None:
            owner = type(instance)
        warnings.warn("The `__fields__` attribute is deprecated, use the `model_fields` class property instead.",
                      SatyaDeprecationWarning, stacklevel=2)
        return owner.model_fields


fields_alias = _FieldsAlias()

__all__ = ["fields_alias", "model_validate_fast", "model_validate_nested"]
