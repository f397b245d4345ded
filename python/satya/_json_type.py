"""`Json[T]`: a str or bytes holding JSON, parsed and validated as T. Bare
`Json` gives the parsed value as it is."""

from __future__ import annotations

from typing import Annotated, Any


class Json:
    """`Json[T]` is `Annotated[T, Json()]`; the marker makes the field parse its input."""

    __slots__ = ()

    def __class_getitem__(cls, item: Any) -> Any:
        return Annotated[item, cls()]

    def __repr__(self) -> str:
        return "Json"

    def __eq__(self, other: Any) -> bool:
        return isinstance(other, Json)

    def __hash__(self) -> int:
        return hash(Json)
