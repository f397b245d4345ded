"""URL classes with pydantic's API (`AnyUrl`, `HttpUrl` ...), `UrlConstraints`,
`EmailStr` and `NameEmail`.

A URL field's value is an instance of its class holding the parsed URL
(`satya._satya.Url`, read by the url crate as pydantic reads it): `str()` is
the normalised text (`HttpUrl('http://example.com')` prints
`http://example.com/`), and a dump gives the object in python mode and that
text in JSON. Emails are checked natively with the syntax rules of the
`email-validator` package (no DNS), so nothing extra need be installed."""

from __future__ import annotations

import dataclasses
from typing import Any, ClassVar

from ._satya import Url as _CoreUrl

__all__ = [
    "UrlConstraints", "AnyUrl", "AnyHttpUrl", "HttpUrl", "AnyWebsocketUrl", "WebsocketUrl", "FileUrl", "FtpUrl",
    "AmqpDsn", "EmailStr", "NameEmail",
]


@dataclasses.dataclass(frozen=True)
class UrlConstraints:
    """`Annotated[AnyUrl, UrlConstraints(...)]`, or a URL class's own `_constraints`."""

    max_length: int | None = None
    allowed_schemes: list[str] | None = None
    host_required: bool | None = None
    # filled in after parsing when the URL lacks them
    default_host: str | None = None
    default_port: int | None = None
    default_path: str | None = None

    def __hash__(self) -> int:
        schemes = tuple(self.allowed_schemes) if self.allowed_schemes is not None else None
        return hash((self.max_length, schemes, self.host_required, self.default_host, self.default_port,
                     self.default_path))


_CHECKERS: dict = {}


def _validate(cls, value):
    """`value` validated as a field of type `cls` would be (for `cls(...)`).
    Errors are the field's, located at `('url',)`."""
    checker = _CHECKERS.get(cls)
    if checker is None:
        from ._model import Model

        checker = _CHECKERS[cls] = type(f"{cls.__name__}Check", (Model,), {"__annotations__": {"url": cls}})
    return checker(url=value).url


class _BaseUrl:
    __slots__ = ("_url",)
    _constraints: ClassVar[UrlConstraints] = UrlConstraints()

    def __init__(self, url: str | _BaseUrl) -> None:
        object.__setattr__(self, "_url", _validate(type(self), url)._url)

    @property
    def scheme(self) -> str:
        return self._url.scheme

    @property
    def username(self) -> str | None:
        return self._url.username

    @property
    def password(self) -> str | None:
        return self._url.password

    @property
    def host(self) -> str | None:
        """The host, punycode-encoded."""
        return self._url.host

    def unicode_host(self) -> str | None:
        return self._url.unicode_host()

    @property
    def port(self) -> int | None:
        """The port, or the scheme's default one."""
        return self._url.port

    @property
    def path(self) -> str | None:
        return self._url.path

    @property
    def query(self) -> str | None:
        return self._url.query

    def query_params(self) -> list[tuple[str, str]]:
        return self._url.query_params()

    @property
    def fragment(self) -> str | None:
        return self._url.fragment

    def unicode_string(self) -> str:
        return self._url.unicode_string()

    def encoded_string(self) -> str:
        return str(self._url)

    def __str__(self) -> str:
        return str(self._url)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({str(self._url)!r})"

    def __eq__(self, other: Any) -> bool:
        if self.__class__ is not other.__class__:
            return NotImplemented
        return self._url == other._url

    def __lt__(self, other: Any) -> bool:
        if self.__class__ is not other.__class__:
            return NotImplemented
        return self._url < other._url

    def __gt__(self, other: Any) -> bool:
        if self.__class__ is not other.__class__:
            return NotImplemented
        return self._url > other._url

    def __le__(self, other: Any) -> bool:
        if self.__class__ is not other.__class__:
            return NotImplemented
        return self._url <= other._url

    def __ge__(self, other: Any) -> bool:
        if self.__class__ is not other.__class__:
            return NotImplemented
        return self._url >= other._url

    def __hash__(self) -> int:
        return hash(self._url)

    def __len__(self) -> int:
        return len(str(self._url))

    def __reduce__(self):
        return type(self), (str(self._url),)

    def __copy__(self):
        return self

    def __deepcopy__(self, memo: dict):
        return self

    @classmethod
    def build(cls, *, scheme: str, username: str | None = None, password: str | None = None, host: str,
              port: int | None = None, path: str | None = None, query: str | None = None,
              fragment: str | None = None):
        """A URL of this class from its parts, validated as the class validates."""
        userinfo = ""
        if username is not None or password is not None:
            userinfo = (username or "") + (f":{password}" if password is not None else "") + "@"
        authority = f"{userinfo}{host}" + (f":{port}" if port is not None else "")
        return cls(f"{scheme}://{authority}" + url_tail(path, query, fragment))


def url_tail(path: str | None, query: str | None, fragment: str | None) -> str:
    """The text after a URL's host: `/path`, `?query` and `#fragment`, each if given."""
    return "".join(mark + part for mark, part in (("/", path), ("?", query), ("#", fragment)) if part is not None)


class AnyUrl(_BaseUrl):
    """Any URL: a scheme, and a host where the scheme needs one."""

    __slots__ = ()


class AnyHttpUrl(AnyUrl):
    __slots__ = ()
    _constraints = UrlConstraints(allowed_schemes=["http", "https"])


class HttpUrl(AnyUrl):
    __slots__ = ()
    _constraints = UrlConstraints(max_length=2083, allowed_schemes=["http", "https"])


class AnyWebsocketUrl(AnyUrl):
    __slots__ = ()
    _constraints = UrlConstraints(allowed_schemes=["ws", "wss"])


class WebsocketUrl(AnyUrl):
    __slots__ = ()
    _constraints = UrlConstraints(max_length=2083, allowed_schemes=["ws", "wss"])


class FileUrl(AnyUrl):
    __slots__ = ()
    _constraints = UrlConstraints(allowed_schemes=["file"])


class FtpUrl(AnyUrl):
    __slots__ = ()
    _constraints = UrlConstraints(allowed_schemes=["ftp"])


class AmqpDsn(AnyUrl):
    __slots__ = ()
    _constraints = UrlConstraints(allowed_schemes=["amqp", "amqps"])


class EmailStr:
    """An email address field: a str holding the normalised address (the
    domain in lower case and Unicode, some mailbox names in lower case), as
    pydantic returns it; `Name <address>` is accepted and the name dropped."""


class NameEmail:
    """`Name <address>` or a bare address: `.name` (the given name, else the
    local part) and `.email` (the normalised address); `str()` joins them."""

    __slots__ = ("name", "email")

    def __init__(self, name: str, email: str):
        self.name = name
        self.email = email

    def __eq__(self, other: Any) -> bool:
        return isinstance(other, NameEmail) and (self.name, self.email) == (other.name, other.email)

    __hash__ = None  # equal by value and mutable, as pydantic's

    def __repr__(self) -> str:
        return f"{type(self).__name__}(name={self.name!r}, email={self.email!r})"

    def __str__(self) -> str:
        if "@" in self.name:
            return f'"{self.name}" <{self.email}>'
        return f"{self.name} <{self.email}>"
