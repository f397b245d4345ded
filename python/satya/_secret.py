"""`SecretStr` and `SecretBytes`: values that print as a mask in reprs, in
`str()` and in JSON dumps; `get_secret_value()` gives the value."""

from __future__ import annotations

from typing import Any


def _mask(value) -> str:
    return "**********" if value else ""


class _SecretBase:
    __slots__ = ("_secret_value",)

    def __init__(self, secret_value) -> None:
        self._secret_value = secret_value

    def get_secret_value(self):
        return self._secret_value

    def __eq__(self, other: Any) -> bool:
        return isinstance(other, self.__class__) and self.get_secret_value() == other.get_secret_value()

    def __hash__(self) -> int:
        return hash(self.get_secret_value())

    def __len__(self) -> int:
        return len(self._secret_value)

    def __str__(self) -> str:
        return str(self._display())

    def __repr__(self) -> str:
        return f"{self.__class__.__name__}({self._display()!r})"

    def _display(self):
        raise NotImplementedError


class SecretStr(_SecretBase):
    """A str kept out of reprs, `str()` and JSON dumps."""

    __slots__ = ()

    def _display(self) -> str:
        return _mask(self._secret_value)


class SecretBytes(_SecretBase):
    """bytes kept out of reprs, `str()` and JSON dumps."""

    __slots__ = ()

    def _display(self) -> bytes:
        return _mask(self._secret_value).encode()
