"""Constrained types and aliases with pydantic's names: `conint`, `confloat`, `condecimal`, `condate`,
`constr`, `conbytes`, `conlist`, `conset`, `confrozenset`, `StringConstraints`, `Strict`, and the
`Positive...`, `Negative...`, `Strict...` aliases. Each is an `Annotated`
type whose metadata is a `FieldInfo`, so it works wherever an annotation does
(a field, a list item, a dict value)."""

from __future__ import annotations

import datetime
import decimal
from typing import Annotated, Any

from ._fields import FieldInfo
from ._byte_size import ByteSize
from ._dsn import (
    ClickHouseDsn, CockroachDsn, KafkaDsn, MariaDBDsn, MongoDsn, MySQLDsn, NatsDsn, PostgresDsn, RedisDsn, SnowflakeDsn,
)
# paths, IP addresses, secrets and Json
from ._json_type import Json
from ._network import IPvAnyAddress, IPvAnyInterface, IPvAnyNetwork
from ._secret import SecretBytes, SecretStr
from ._std_nodes import DirectoryPath, FilePath, NewPath, PathType, SocketPath
# emails and URLs
from ._networks import (  # noqa: F401
    AmqpDsn, AnyHttpUrl, AnyUrl, AnyWebsocketUrl, EmailStr, FileUrl, FtpUrl, HttpUrl, NameEmail, UrlConstraints,
    WebsocketUrl,
)

__all__ = [
    "Strict", "StringConstraints", "conint", "confloat", "constr", "conbytes", "conlist", "conset", "confrozenset",
    "PositiveInt", "NegativeInt", "NonNegativeInt", "NonPositiveInt",
    "PositiveFloat", "NegativeFloat", "NonNegativeFloat", "NonPositiveFloat", "FiniteFloat",
    "StrictInt", "StrictFloat", "StrictStr", "StrictBool", "StrictBytes",
    "condecimal", "condate",
    # paths, IP addresses, secrets and Json
    "IPvAnyAddress", "IPvAnyNetwork", "IPvAnyInterface", "SecretStr", "SecretBytes", "Json",
    "FilePath", "DirectoryPath", "NewPath", "SocketPath",
]
# emails and URLs
__all__ += [
    "UrlConstraints", "AnyUrl", "AnyHttpUrl", "HttpUrl", "AnyWebsocketUrl", "WebsocketUrl", "FileUrl", "FtpUrl",
    "AmqpDsn", "EmailStr", "NameEmail",
]
# database and broker DSNs, byte sizes
__all__ += [
    "PostgresDsn", "CockroachDsn", "MySQLDsn", "MariaDBDsn", "ClickHouseDsn", "SnowflakeDsn", "RedisDsn", "MongoDsn",
    "KafkaDsn", "NatsDsn", "ByteSize",
]


def _info(**kwargs) -> FieldInfo:
    return FieldInfo(**{k: v for k, v in kwargs.items() if v is not None})


def Strict(strict: bool = True) -> FieldInfo:  # noqa: N802 - pydantic's name
    """`Annotated[int, Strict()]`: the type in strict mode."""
    return FieldInfo(strict=strict)


def StringConstraints(*, strip_whitespace=None, to_upper=None, to_lower=None, strict=None,  # noqa: N802
                      min_length=None, max_length=None, pattern=None) -> FieldInfo:
    """`Annotated[str, StringConstraints(...)]`; the transforms apply before the checks."""
    return _info(strip_whitespace=strip_whitespace, to_upper=to_upper, to_lower=to_lower, strict=strict,
                 min_length=min_length, max_length=max_length, pattern=pattern)


def conint(*, strict=None, gt=None, ge=None, lt=None, le=None, multiple_of=None) -> Any:
    return Annotated[int, _info(strict=strict, gt=gt, ge=ge, lt=lt, le=le, multiple_of=multiple_of)]


def confloat(*, strict=None, gt=None, ge=None, lt=None, le=None, multiple_of=None, allow_inf_nan=None) -> Any:
    return Annotated[float, _info(strict=strict, gt=gt, ge=ge, lt=lt, le=le, multiple_of=multiple_of,
                                  allow_inf_nan=allow_inf_nan)]


def constr(*, strip_whitespace=None, to_upper=None, to_lower=None, strict=None, min_length=None,
           max_length=None, pattern=None) -> Any:
    return Annotated[str, StringConstraints(strip_whitespace=strip_whitespace, to_upper=to_upper, to_lower=to_lower,
                                            strict=strict, min_length=min_length, max_length=max_length,
                                            pattern=pattern)]


def conbytes(*, min_length=None, max_length=None, strict=None) -> Any:
    return Annotated[bytes, _info(min_length=min_length, max_length=max_length, strict=strict)]


def condecimal(*, strict=None, gt=None, ge=None, lt=None, le=None, multiple_of=None, max_digits=None,
               decimal_places=None, allow_inf_nan=None) -> Any:
    return Annotated[decimal.Decimal, _info(strict=strict, gt=gt, ge=ge, lt=lt, le=le, multiple_of=multiple_of,
                                            max_digits=max_digits, decimal_places=decimal_places,
                                            allow_inf_nan=allow_inf_nan)]


def condate(*, strict=None, gt=None, ge=None, lt=None, le=None) -> Any:
    return Annotated[datetime.date, _info(strict=strict, gt=gt, ge=ge, lt=lt, le=le)]


def conlist(item_type: Any, *, min_length=None, max_length=None) -> Any:
    return Annotated[list[item_type], _info(min_length=min_length, max_length=max_length)]


def conset(item_type: Any, *, min_length=None, max_length=None) -> Any:
    return Annotated[set[item_type], _info(min_length=min_length, max_length=max_length)]


def confrozenset(item_type: Any, *, min_length=None, max_length=None) -> Any:
    return Annotated[frozenset[item_type], _info(min_length=min_length, max_length=max_length)]


PositiveInt = Annotated[int, FieldInfo(gt=0)]
NegativeInt = Annotated[int, FieldInfo(lt=0)]
NonNegativeInt = Annotated[int, FieldInfo(ge=0)]
NonPositiveInt = Annotated[int, FieldInfo(le=0)]
PositiveFloat = Annotated[float, FieldInfo(gt=0)]
NegativeFloat = Annotated[float, FieldInfo(lt=0)]
NonNegativeFloat = Annotated[float, FieldInfo(ge=0)]
NonPositiveFloat = Annotated[float, FieldInfo(le=0)]
FiniteFloat = Annotated[float, FieldInfo(allow_inf_nan=False)]

StrictInt = Annotated[int, Strict()]
StrictFloat = Annotated[float, Strict()]
StrictStr = Annotated[str, Strict()]
StrictBool = Annotated[bool, Strict()]
StrictBytes = Annotated[bytes, Strict()]
