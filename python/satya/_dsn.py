"""Database and broker DSNs with pydantic's names and schemes: `PostgresDsn`,
`MySQLDsn`, `RedisDsn`, `MongoDsn` and `KafkaDsn`.

Each is a URL class whose `_constraints` carry the allowed schemes and, where
pydantic has them, a default host, port and path filled in after parsing
(`RedisDsn('redis://')` is `redis://localhost:6379/0`). pydantic reads
`PostgresDsn` and `MongoDsn` as multi-host URLs; satya reads one host and
refuses a list of hosts with a validation error rather than misread it."""

from __future__ import annotations

from ._hooks import PydanticCustomError
from ._networks import AnyUrl, UrlConstraints
from ._satya import Url as _CoreUrl

__all__ = ["PostgresDsn", "MySQLDsn", "RedisDsn", "MongoDsn", "KafkaDsn"]


class _MultiHostDsn(AnyUrl):
    """A DSN pydantic reads as a list of hosts; satya holds exactly one."""

    __slots__ = ()

    def hosts(self) -> list[dict]:
        """The hosts with their credentials and ports, as pydantic lists them."""
        return [{"username": self.username, "password": self.password, "host": self.host, "port": self.port}]


class PostgresDsn(_MultiHostDsn):
    __slots__ = ()
    _constraints = UrlConstraints(
        host_required=True,
        allowed_schemes=[
            "postgres", "postgresql", "postgresql+asyncpg", "postgresql+pg8000", "postgresql+psycopg",
            "postgresql+psycopg2", "postgresql+psycopg2cffi", "postgresql+py-postgresql", "postgresql+pygresql",
        ],
    )


class MySQLDsn(AnyUrl):
    __slots__ = ()
    _constraints = UrlConstraints(
        host_required=True, default_port=3306,
        allowed_schemes=[
            "mysql", "mysql+mysqlconnector", "mysql+aiomysql", "mysql+asyncmy", "mysql+mysqldb", "mysql+pymysql",
            "mysql+cymysql", "mysql+pyodbc",
        ],
    )


class RedisDsn(AnyUrl):
    __slots__ = ()
    _constraints = UrlConstraints(allowed_schemes=["redis", "rediss"], host_required=True, default_host="localhost",
                                  default_port=6379, default_path="/0")


class MongoDsn(_MultiHostDsn):
    __slots__ = ()
    _constraints = UrlConstraints(allowed_schemes=["mongodb", "mongodb+srv"], default_port=27017)


class KafkaDsn(AnyUrl):
    __slots__ = ()
    _constraints = UrlConstraints(allowed_schemes=["kafka"], default_host="localhost", default_port=9092)


def url_completion(cls, rules: UrlConstraints) -> object | None:
    """The after-validation step a URL of class `cls` under `rules` needs: the
    defaults filled in and, for a multi-host DSN, a list of hosts refused;
    None when it needs none."""
    has_defaults = any(v is not None for v in (rules.default_host, rules.default_port, rules.default_path))
    multi_host = isinstance(cls, type) and issubclass(cls, _MultiHostDsn)
    if not has_defaults and not multi_host:
        return None

    def complete(url):
        if multi_host and not url.host:
            raise _url_error("empty host")  # pydantic's multi-host reading needs a host
        if multi_host and "," in url.host:
            raise _url_error("more than one host is not supported")
        if not has_defaults:
            return url
        return _with_defaults(url, rules)

    return complete


def _url_error(reason: str) -> PydanticCustomError:
    return PydanticCustomError("url_parsing", "Input should be a valid URL, {error}", {"error": reason})


def _with_defaults(url, rules: UrlConstraints):
    host = url.host or rules.default_host
    if host is None and rules.host_required:
        raise _url_error("empty host")
    port = url.port if url.port is not None else rules.default_port
    path = url.path or ""
    if rules.default_path is not None and path in ("", "/"):
        path = rules.default_path
    if (host, port, path) == (url.host, url.port, url.path or ""):
        return url
    userinfo = ""
    if url.username or url.password:
        userinfo = (url.username or "") + (f":{url.password}" if url.password is not None else "") + "@"
    text = f"{url.scheme}://{userinfo}{host or ''}" + (f":{port}" if port is not None else "") + path
    if url.query is not None:
        text += f"?{url.query}"
    if url.fragment is not None:
        text += f"#{url.fragment}"
    try:
        core = _CoreUrl(text)
    except ValueError as exc:
        raise _url_error(str(exc)) from None
    completed = object.__new__(type(url))
    object.__setattr__(completed, "_url", core)
    return completed
