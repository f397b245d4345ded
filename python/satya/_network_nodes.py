"""The email and URL part of the node builder: URL rules merged from the
type and its `UrlConstraints` (with the defaults filled in after parsing),
and the `email=True` / `url=True` checks of a str field."""

from __future__ import annotations

import dataclasses

from ._dsn import _MultiHostDsn
from ._fields import _STR_CHECKS
from ._networks import UrlConstraints


class NetworkNodes:
    """Mixed into NodeBuilder, whose `fail`, `with_constraints`, `field_name`
    and `config` these methods use."""

    def url_node(self, node: dict, layers: list) -> dict:
        """A URL node under the rules of each layer in turn (a later one's set
        values win)."""
        for rules in layers:
            if not isinstance(rules, UrlConstraints):
                self.fail(f"_constraints must be a UrlConstraints, got {rules!r}")
        merged = UrlConstraints(**{
            f.name: next((getattr(r, f.name) for r in reversed(layers) if getattr(r, f.name) is not None), None)
            for f in dataclasses.fields(UrlConstraints)
        })
        if merged.default_port is not None and (isinstance(merged.default_port, bool)
                                                or not isinstance(merged.default_port, int)
                                                or not 0 <= merged.default_port <= 65535):
            self.fail(f"default_port must be an int from 0 to 65535, got {merged.default_port!r}")
        for name in ("default_host", "default_path"):
            if getattr(merged, name) is not None and not isinstance(getattr(merged, name), str):
                self.fail(f"{name} must be a str, got {getattr(merged, name)!r}")
        multi_host = isinstance(node["cls"], type) and issubclass(node["cls"], _MultiHostDsn)
        if multi_host and merged.default_host is not None and "," in merged.default_host:
            self.fail(f"default_host cannot contain a comma, got {merged.default_host!r}")
        rules = self.url_rules(merged)
        node = {key: value for key, value in node.items() if key not in ("max_length", "allowed_schemes", "host_required")}
        node.update(rules)
        defaults = {name: getattr(merged, name) for name in ("default_host", "default_port", "default_path")}
        node.update({name: value for name, value in defaults.items() if value is not None})
        if multi_host:
            node["multi_host"] = True
        return node

    def url_rules(self, rules) -> dict:
        if not isinstance(rules, UrlConstraints):
            self.fail(f"_constraints must be a UrlConstraints, got {rules!r}")
        if rules.max_length is not None and (isinstance(rules.max_length, bool) or not isinstance(rules.max_length, int)
                                             or not 0 <= rules.max_length < 2**63):
            self.fail(f"max_length must be a non-negative int, got {rules.max_length!r}")
        schemes = rules.allowed_schemes
        if schemes is not None and (isinstance(schemes, str) or not all(isinstance(s, str) for s in schemes)):
            self.fail(f"allowed_schemes must be a list of str, got {schemes!r}")
        found = {"max_length": rules.max_length, "allowed_schemes": list(schemes) if schemes is not None else None,
                 "host_required": rules.host_required}
        return {k: v for k, v in found.items() if v is not None}

    def str_check(self, node: dict, constraints: dict, type_name: str) -> dict:
        """`Field(email=True)` or `Field(url=True)`: the str's own constraints, then the check."""
        checks = [name for name in _STR_CHECKS if name in constraints]
        for name in checks:
            if not isinstance(constraints[name], bool):
                self.fail(f"{name} must be True or False, got {constraints[name]!r}")
        rest = {k: v for k, v in constraints.items() if k not in _STR_CHECKS}
        inner = self.with_constraints(node, rest, type_name)
        chosen = [name for name in checks if constraints[name]]
        if len(chosen) > 1:
            self.fail("a str field cannot be both email=True and url=True")
        if not chosen:
            return inner
        # url=True came from satya 0.x, where it meant an http or https URL
        schemes = {"allowed_schemes": ["http", "https"]} if chosen[0] == "url" else {}
        return {"kind": "str_check", "check": chosen[0], "inner": inner, **schemes}
