"""UUID versions: `UUID4` is a `UUID` whose version must be 4, as in pydantic."""

from __future__ import annotations

import dataclasses
from typing import Annotated
from uuid import UUID

_VERSIONS = (1, 3, 4, 5, 6, 7, 8)


@dataclasses.dataclass(frozen=True)
class UuidVersion:
    """Metadata for `Annotated[UUID, UuidVersion(n)]`: the UUID must have version n."""

    uuid_version: int

    def __post_init__(self):
        if self.uuid_version not in _VERSIONS or isinstance(self.uuid_version, bool):
            raise ValueError(f"uuid_version must be one of {_VERSIONS}, got {self.uuid_version!r}")


UUID1 = Annotated[UUID, UuidVersion(1)]
UUID3 = Annotated[UUID, UuidVersion(3)]
UUID4 = Annotated[UUID, UuidVersion(4)]
UUID5 = Annotated[UUID, UuidVersion(5)]
UUID6 = Annotated[UUID, UuidVersion(6)]
UUID7 = Annotated[UUID, UuidVersion(7)]
UUID8 = Annotated[UUID, UuidVersion(8)]
