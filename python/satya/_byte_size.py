"""`ByteSize`: an int of bytes read from a number or from text such as
`"1.5 KiB"` or `"10MB"` (a `KB` is 1000 bytes, a `KiB` 1024, a `bit` an
eighth), as pydantic reads it."""

from __future__ import annotations

import re

from ._hooks import PydanticCustomError

# units by lower-case name; a one-letter name is its decimal unit ("k" is "kb")
_DECIMAL_STEPS = ("k", "m", "g", "t", "p", "e")
_UNITS: dict[str, float] = {"b": 1, "bit": 1 / 8}
for _power, _prefix in enumerate(_DECIMAL_STEPS, start=1):
    _UNITS[f"{_prefix}b"] = 10 ** (3 * _power)
    _UNITS[f"{_prefix}ib"] = 2 ** (10 * _power)
    _UNITS[f"{_prefix}bit"] = 10 ** (3 * _power) / 8
    _UNITS[f"{_prefix}ibit"] = 2 ** (10 * _power) / 8
    _UNITS[_prefix] = 10 ** (3 * _power)

# not anchored at the end: pydantic reads "1kb!!" as 1000 bytes
BYTE_STRING_PATTERN = r"^\s*(\d*\.?\d+)\s*(\w+)?"
_BYTE_STRING = re.compile(BYTE_STRING_PATTERN, re.IGNORECASE)
# the pattern as pydantic's str check reads it first: its `\s` is Unicode's
# White_Space, which leaves out the separators \x1c-\x1f that Python's takes
_BYTE_STRING_GATE = re.compile(r"^[^\S\x1c-\x1f]*(\d*\.?\d+)[^\S\x1c-\x1f]*(\w+)?", re.IGNORECASE)


def _unparsable() -> PydanticCustomError:
    return PydanticCustomError("byte_size", "could not parse value and unit from byte string")


class ByteSize(int):
    """A number of bytes; `human_readable()` and `to(unit)` show it in other units."""

    def human_readable(self, decimal: bool = False, separator: str = "") -> str:
        """The size in the largest unit below which it stays (binary units unless `decimal`)."""
        divisor, units = (1000, ("B", "KB", "MB", "GB", "TB", "PB", "EB")) if decimal else \
            (1024, ("B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"))
        amount = float(self)
        for unit in units[:-1]:
            if abs(amount) < divisor:
                digits = 0 if unit == "B" else 1
                return f"{amount:0.{digits}f}{separator}{unit}"
            amount /= divisor
        return f"{amount:0.1f}{separator}{units[-1]}"

    def to(self, unit: str) -> float:
        """The size in `unit` (a byte unit such as `"KiB"` or a bit unit such as `"kbit"`)."""
        factor = _UNITS.get(unit.lower()) if isinstance(unit, str) else None
        if factor is None:
            raise PydanticCustomError("byte_size_unit", "Could not interpret byte unit: {unit}", {"unit": unit})
        return self / factor


_SIZE_INTS: list = []


def _size_int(value):
    """`value` as a lax int of at least 0, or None (satya's own int rules)."""
    if not _SIZE_INTS:
        from typing import Annotated

        from ._fields import FieldInfo
        from .type_adapter import TypeAdapter

        _SIZE_INTS.append(TypeAdapter(Annotated[int, FieldInfo(ge=0)]))
    try:
        return _SIZE_INTS[0].validate_python(value)
    except ValueError:
        return None


def byte_size_parser(cls: type):
    """The plain validator of a `cls` field (ByteSize or a subclass)."""

    def parse(value):
        return int.__new__(cls, parse_byte_size(value))

    return parse


def parse_byte_size(value) -> ByteSize:
    """A field's input as a ByteSize: text matching the size pattern, else a
    whole number of at least 0; anything else is a `byte_size` error."""
    if isinstance(value, (bytes, bytearray)):
        try:
            value = bytes(value).decode()
        except UnicodeDecodeError:
            raise _unparsable() from None
    if not (isinstance(value, str) and _BYTE_STRING_GATE.match(value)):
        value = _size_int(value)
        if value is None:
            raise _unparsable()
    try:
        return ByteSize(int(value))
    except ValueError:
        pass
    scalar, unit = _BYTE_STRING.match(str(value)).groups()
    factor = _UNITS.get((unit or "b").lower())
    if factor is None:
        raise PydanticCustomError("byte_size_unit", "could not interpret byte unit: {unit}", {"unit": unit})
    try:
        return ByteSize(int(float(scalar) * factor))
    except OverflowError:
        raise _unparsable() from None
