"""Database and broker DSNs with pydantic's names, schemes and defaults:
`PostgresDsn`, `CockroachDsn`, `MySQLDsn`, `MariaDBDsn`, `ClickHouseDsn`,
`SnowflakeDsn`, `RedisDsn`, `MongoDsn`, `KafkaDsn` and `NatsDsn`.

Each is a URL class whose `_constraints` carry the allowed schemes and, where
pydantic has them, a default host, port and path, filled in after parsing
(`RedisDsn('redis://')` is `redis://localhost:6379/0`). `PostgresDsn`,
`MongoDsn` and `NatsDsn` take a list of hosts (`postgres://a:1,b:2/db`),
read by `hosts()`; the defaults fill in the last host, as in pydantic."""

from __future__ import annotations

from ._networks import AnyUrl, UrlConstraints, url_tail

__all__ = [
    "PostgresDsn", "CockroachDsn", "MySQLDsn", "MariaDBDsn", "ClickHouseDsn", "SnowflakeDsn", "RedisDsn",
    "MongoDsn", "KafkaDsn", "NatsDsn",
]


class _MultiHostDsn(AnyUrl):
    """A DSN that may list several hosts; `_url` is a `satya._satya.MultiHostUrl`."""

    __slots__ = ()

    def hosts(self) -> list[dict]:
        """Each host with its `username`, `password`, `host` and `port`, in order."""
        return self._url.hosts()

    def _only_host(self, part: str):
        hosts = self._url.hosts()
        if len(hosts) > 1:
            raise AttributeError(f"{type(self).__name__} {str(self)!r} has {len(hosts)} hosts; read them from hosts()")
        return hosts[0][part] if hosts else None

    @property
    def username(self) -> str | None:
        return self._only_host("username")

    @property
    def password(self) -> str | None:
        return self._only_host("password")

    @property
    def host(self) -> str | None:
        return self._only_host("host")

    @property
    def port(self) -> int | None:
        return self._only_host("port")

    def unicode_host(self) -> str | None:
        raise AttributeError(f"{type(self).__name__} has no unicode_host(); read the hosts from hosts()")

    @classmethod
    def build(cls, *, scheme: str, hosts: list[dict] | None = None, username: str | None = None,
              password: str | None = None, host: str | None = None, port: int | None = None,
              path: str | None = None, query: str | None = None, fragment: str | None = None):
        """A URL of this class from its parts: either `hosts` (dicts with
        `username`, `password`, `host` and `port`) or the one host's parts."""
        if hosts is None:
            hosts = [{"username": username, "password": password, "host": host, "port": port}]
        elif any(v is not None for v in (username, password, host, port)):
            raise ValueError("expected one of `hosts` or singular values to be set.")
        written = []
        for parts in hosts:
            if all(parts.get(k) is None for k in ("username", "password", "host", "port")):
                raise ValueError("expected one of 'host', 'username', 'password' or 'port' to be set")
            written.append(_host_text(parts))
        return cls(f"{scheme}://" + ",".join(written) + url_tail(path, query, fragment))


def _host_text(parts: dict) -> str:
    username, password = parts.get("username"), parts.get("password")
    text = ""
    if username is not None or password is not None:
        text = (username or "") + (f":{password}" if password is not None else "") + "@"
    text += parts.get("host") or ""
    if parts.get("port") is not None:
        text += f":{parts['port']}"
    return text


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


class CockroachDsn(AnyUrl):
    __slots__ = ()
    _constraints = UrlConstraints(host_required=True,
                                  allowed_schemes=["cockroachdb", "cockroachdb+psycopg2", "cockroachdb+asyncpg"])


class MariaDBDsn(AnyUrl):
    __slots__ = ()
    _constraints = UrlConstraints(allowed_schemes=["mariadb", "mariadb+mariadbconnector", "mariadb+pymysql"],
                                  default_port=3306)


class ClickHouseDsn(AnyUrl):
    __slots__ = ()
    _constraints = UrlConstraints(
        allowed_schemes=["clickhouse+native", "clickhouse+asynch", "clickhouse+http", "clickhouse", "clickhouses",
                         "clickhousedb"],
        default_host="localhost", default_port=9000,
    )


class SnowflakeDsn(AnyUrl):
    __slots__ = ()
    _constraints = UrlConstraints(allowed_schemes=["snowflake"], host_required=True)


class NatsDsn(_MultiHostDsn):
    __slots__ = ()
    _constraints = UrlConstraints(allowed_schemes=["nats", "tls", "ws", "wss"], default_host="localhost",
                                  default_port=4222)
