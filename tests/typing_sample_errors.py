"""User code with mistakes, type-checked by test_typing.py: each checker must
report each marked line. Not collected by pytest (no test_ prefix)."""

from __future__ import annotations

from satya import Field, Model


class User(Model):
    id: int = Field(gt=0)
    name: str = "anon"


User(id=1, nmae="neo")  # error: unknown keyword
User(id="1")  # error: wrong argument type
User(name="neo")  # error: missing required field


class Settings(Model):
    retries: int = Field(default="three")  # error: default of the wrong type
