"""Ordinary user code, type-checked by test_typing.py: mypy and pyright must
report nothing. Not collected by pytest (no test_ prefix)."""

from __future__ import annotations

from typing import Any, Optional

from satya import BaseModel, ConfigDict, Field, Model, PrivateAttr, ValidationError


class Address(Model):
    street: str
    city: str = "Paris"


class User(BaseModel):
    model_config = ConfigDict(str_strip_whitespace=True)

    id: int = Field(gt=0)
    name: str = Field(default="anon", min_length=1)
    tags: list[str] = Field(default_factory=list)
    nick: Optional[str] = Field(default=None, alias="nickName")
    address: Address | None = None
    score: float = Field(default="0.5", validate_default=True)
    _token: str = PrivateAttr(default="")


class Admin(User):
    level: int = 1
    badge: str = Field(..., min_length=2)


class Point(Model):
    x: int
    y: int = 0

    def __init__(self, x: int, **data: Any) -> None:
        super().__init__(x=x, **data)


user = User(id=1, nickName="neo", address=Address(street="Main"))
admin = Admin(id=2, level=3, badge="ok")
user_id: int = user.id
name: str = user.name
tags: list[str] = user.tags
city: str | None = user.address.city if user.address else None
level: int = admin.level
dumped: dict[str, Any] = user.model_dump(mode="json", exclude_none=True)
text: str = user.model_dump_json(indent=2)
again: User = User.model_validate(dumped)
from_json: User = User.model_validate_json(text)
fields_set: set[str] = user.model_fields_set
point_x: int = Point(1, y=2).x
description: str | None = User.model_fields["id"].description
try:
    User.model_validate({"id": 0})
except ValidationError as exc:
    count: int = exc.error_count()
    errors: list[dict[str, Any]] = exc.errors()
