"""satya 0.x's `ABSENT`: a value that marks a key as missing, unlike `None`,
which is a value that is present.

`is_absent` and `filter_absent` are kept for 0.x code and warn when called:
leaving a field unset and dumping with `model_dump(exclude_unset=True)` does
the same job.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ._v1_names import warn_v0

__all__ = ["ABSENT", "is_absent", "filter_absent"]


class AbsentType:
    """The type of `ABSENT`, its only instance; falsy, and the same object
    after a copy or a pickle round trip."""

    _instance: AbsentType | None = None

    def __new__(cls) -> AbsentType:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "ABSENT"

    def __bool__(self) -> bool:
        return False

    def __reduce__(self) -> str:
        return "ABSENT"  # pickled by name: unpickling gives this module's ABSENT


ABSENT = AbsentType()


def is_absent(value: Any) -> bool:
    """Whether `value` is `ABSENT` (`None` is not)."""
    warn_v0("`is_absent` is deprecated; test `value is ABSENT`, or leave the field unset and dump with "
            "`model_dump(exclude_unset=True)` instead.")
    return value is ABSENT


def filter_absent(data: Mapping) -> dict:
    """A new dict of `data`'s items whose value is not `ABSENT`."""
    warn_v0("`filter_absent` is deprecated; leave the fields unset and dump with "
            "`model_dump(exclude_unset=True)` instead.")
    if not isinstance(data, Mapping):
        raise TypeError(f"filter_absent takes a dict, not {type(data).__name__}")
    return {key: value for key, value in data.items() if value is not ABSENT}
