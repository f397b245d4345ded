"""Unions as type nodes: smart and left-to-right unions, each choice named as
pydantic names it in error locations, and discriminated unions with their
tag tables, all checked when the class statement runs."""

from __future__ import annotations

import typing

from ._fields import FieldInfo, _type_name


class Discriminator:
    """How a union picks its choice: the name of the tag field shared by its
    models, or a function of the input returning the tag of a `Tag`ged choice
    (None when the input has none)."""

    __slots__ = ("discriminator", "custom_error_type", "custom_error_message", "custom_error_context")

    def __init__(self, discriminator, custom_error_type=None, custom_error_message=None, custom_error_context=None):
        self.discriminator = discriminator
        self.custom_error_type = custom_error_type
        self.custom_error_message = custom_error_message
        self.custom_error_context = custom_error_context

    def __repr__(self) -> str:
        return f"Discriminator(discriminator={self.discriminator!r})"


class Tag:
    """The tag of one choice of a union with a callable `Discriminator`."""

    __slots__ = ("tag",)

    def __init__(self, tag: str):
        self.tag = tag

    def __repr__(self) -> str:
        return f"Tag(tag={self.tag!r})"

    def __eq__(self, other):
        return isinstance(other, Tag) and other.tag == self.tag

    def __hash__(self):
        return hash(self.tag)


_ENUM_PREFIX = {"int": "int-enum", "str": "str-enum", "float": "float-enum"}
_PLAIN_LABELS = {"none": "none", "any": "any", "bool": "bool"}


def label(node: dict) -> str:
    """A choice's name in error locations: `int`, `constrained-str`,
    `list[union[int,str]]`, a model's class name, `enum[Color]` ..."""
    kind = node["kind"]
    if kind in ("int", "float", "str", "bytes"):
        return f"constrained-{kind}" if node.get("constraints") else kind
    if kind == "list":
        return f"list[{label(node['inner']) if 'inner' in node else 'any'}]"
    if kind == "dict":
        if "key" not in node:
            return "dict[any,any]"
        return f"dict[{label(node['key'])},{label(node['value'])}]"
    if kind == "nullable":
        return f"nullable[{label(node['inner'])}]"
    if kind == "union":
        return f"union[{','.join(name for _, name in node['choices'])}]"
    if kind == "tagged_union":
        return f"tagged-union[{','.join(label(choice) for choice in node['choices'])}]"
    if kind == "model":
        return node["cls"].__name__
    if kind == "literal":
        return f"literal[{','.join(repr(v) for v in node['values'])}]"
    if kind == "enum":
        return f"{_ENUM_PREFIX.get(node['mixed_in'], 'enum')}[{node['cls'].__name__}]"
    # hooks: the function's name, and the type inside it unless it wraps or replaces it
    if kind == "function":
        name = f"{getattr(node['function'], '__name__', 'function')}()"
        if node["mode"] in ("before", "after"):
            return f"function-{node['mode']}[{name}, {label(node['inner'])}]"
        return f"function-{node['mode']}[{name}]"
    if kind == "number_str":
        return label(node["inner"])
    if kind == "is_instance":
        return f"is-instance[{node['cls'].__qualname__}]"
    if kind in _CONTAINER_LABELS:
        return _CONTAINER_LABELS[kind](node)
    if kind in _STD_LABELS:
        return _STD_LABELS[kind](node)
    return _PLAIN_LABELS.get(kind, kind)


def _path_label(node: dict) -> str:
    name = node["cls"].__name__
    made = "function-after[path_validator(), str]"
    strict = f"json-or-python[json={made},python=is-instance[{name}]]"
    label = f"lax-or-strict[lax=union[{strict},{made}],strict={strict}]"
    check = node.get("check")
    if check is not None:
        function = {"file": "validate_file", "dir": "validate_directory", "new": "validate_new", "socket": "validate_socket"}[check]
        label = f"function-after[{function}(), {label}]"
    return label


def _ip_label(node: dict) -> str:
    kind = node["ip"]
    if kind.startswith("any_"):
        return "function-plain[_validate()]"
    cls = f"IP{kind.replace('_address', 'Address').replace('_network', 'Network').replace('_interface', 'Interface')}"
    return (f"lax-or-strict[lax=function-plain[ip_{kind}_validator()],"
            f"strict=json-or-python[json=function-after[{cls}(), str],python=is-instance[{cls}]]]")


def _secret_label(node: dict) -> str:
    name, base = ("SecretBytes", "bytes") if node["bytes"] else ("SecretStr", "str")
    made = f"function-after[{name}(), {base}]"
    either = f"json-or-python[json={made},python=union[is-instance[{name}],{made}]]"
    return f"lax-or-strict[lax={either},strict={either}]"


def _email_label(node: dict) -> str:
    if node.get("cls") is None:
        return "function-after[_validate(), str]"
    return "function-after[_validate(), json-or-python[json=str,python=union[is-instance[NameEmail],str]]]"


def _inner(node: dict) -> str:
    return label(node["inner"]) if "inner" in node else "any"


def _tuple_label(node: dict) -> str:
    parts = [label(item) for item in node["items"]]
    if "rest" in node:
        parts += [label(node["rest"]), "..."]
    return f"tuple[{', '.join(parts)}]"


def _sequence_label(node: dict) -> str:
    if "inner" not in node:
        return "json-or-python[json=list[any],python=is-instance[Sequence]]"
    return (f"json-or-python[json=list[{_inner(node)}],"
            "python=chain[is-instance[Sequence],function-wrap[sequence_validator()]]]")


_CONTAINER_LABELS = {
    "tuple": _tuple_label, "sequence": _sequence_label,
    "set": lambda node: f"set[{_inner(node)}]", "frozenset": lambda node: f"frozenset[{_inner(node)}]",
    "deque": lambda node: f"deque[{_inner(node)}]", "iterable": lambda node: f"generator[{_inner(node)}]",
    "typed_dict": lambda node: node["name"], "named_tuple": lambda node: node["cls"].__name__,
    "dataclass": lambda node: node["cls"].__name__,
    # a type that contains itself is named as its definition
    "recursive": lambda node: label(node["inner"]), "recursive_ref": lambda node: node["name"],
}

# pydantic's names of the schemas behind these types, as its union errors show them
_STD_LABELS = {
    "url": lambda node: "function-wrap[wrap_val()]", "email": _email_label,
    "path": _path_label, "ip": _ip_label, "secret": _secret_label,
    "json": lambda node: f"json[{label(node['inner']) if 'inner' in node else 'any'}]",
}


def union_node(builder, members: list, field: FieldInfo | None) -> dict:
    """The node of a union of two or more non-None `members`."""
    mode = field.union_mode if field is not None else None
    discriminator = field.discriminator if field is not None else None
    if field is not None:
        if field.strict is not None:
            builder.fail("strict does not apply to a union; set it on its members or in model_config")
        for name in field.constraints():
            builder.fail(f"constraint {name!r} does not apply to a union; set it on its members")
    if discriminator is not None:
        if mode not in (None, "smart"):
            builder.fail("a discriminated union has no union_mode")
        return tagged_node(builder, members, discriminator)
    if mode not in (None, "smart", "left_to_right"):
        builder.fail(f"union_mode must be 'smart' or 'left_to_right', not {mode!r}")
    choices = []
    for member in members:
        node = builder.node(member)
        choices.append((node, label(node)))
    return {"kind": "union", "mode": mode or "smart", "choices": choices}


def _split_tag(member):
    """A member without its `Tag` metadata, and the tag (None if untagged)."""
    if typing.get_origin(member) is not typing.Annotated:
        return member, None
    inner, *metadata = typing.get_args(member)
    tags = [m for m in metadata if isinstance(m, Tag)]
    rest = [m for m in metadata if not isinstance(m, Tag)]
    stripped = typing.Annotated[(inner, *rest)] if rest else inner
    return stripped, (tags[-1].tag if tags else None)


def tagged_node(builder, members: list, discriminator) -> dict:
    custom_error = None
    if isinstance(discriminator, Discriminator):
        custom_error = _custom_error(builder, discriminator)
        discriminator = discriminator.discriminator
    choices, tags = [], []
    if isinstance(discriminator, str):
        alias = None
        for member in members:
            member, _ = _split_tag(member)
            values, member_alias = _model_tags(builder, member, discriminator)
            if alias is not None and member_alias != alias:
                builder.fail(f"aliases for discriminator {discriminator!r} must be the same (got {alias}, {member_alias})")
            alias = member_alias
            choices.append(builder.node(member))
            tags.extend((value, len(choices) - 1) for value in values)
        # the tag is looked up by the field's name, then by its alias
        key = [discriminator] if alias == discriminator else [discriminator, alias]
        discriminator_repr = " | ".join(repr(k) for k in key)
    elif callable(discriminator):
        key = discriminator
        for member in members:
            member, tag = _split_tag(member)
            if tag is None:
                builder.fail(f"{_type_name(member)} needs a Tag(...) in a union with a callable Discriminator")
            choices.append(builder.node(member))
            tags.append((tag, len(choices) - 1))
        discriminator_repr = f"{getattr(discriminator, '__name__', type(discriminator).__name__)}()"
    else:
        builder.fail(f"discriminator must be a field name or a callable, not {discriminator!r}")
    seen = []
    for value, _ in tags:
        if value in seen:
            builder.fail(f"tag {value!r} is used by more than one choice of the discriminated union")
        seen.append(value)
    node = {
        "kind": "tagged_union", "discriminator": key, "discriminator_repr": discriminator_repr,
        "choices": choices, "tags": tags, "expected_tags": ", ".join(repr(value) for value, _ in tags),
    }
    # as in pydantic, a Discriminator's own error replaces the tag errors of a callable only
    if callable(key) and custom_error is not None:
        node["custom_error"] = custom_error
    return node


def _custom_error(builder, discriminator: Discriminator) -> dict | None:
    """The error a tag that is missing or unknown raises instead of the union's:
    a known error type (with its context) or a custom one (with a message)."""
    error_type, message = discriminator.custom_error_type, discriminator.custom_error_message
    context = discriminator.custom_error_context
    if error_type is None:
        return None
    if not isinstance(error_type, str) or (message is not None and not isinstance(message, str)):
        builder.fail("custom_error_type and custom_error_message must be strings")
    if context is not None and not isinstance(context, dict):
        builder.fail(f"custom_error_context must be a dict, got {context!r}")
    if message is None:
        return {"known": error_type, "context": context}
    from ._hooks import PydanticCustomError
    return {"custom": PydanticCustomError(error_type, message, context)}


def _model_tags(builder, member, name: str):
    """The tag values of one model choice (its field's Literal) and its key."""
    if typing.get_origin(member) is typing.Annotated:
        member = typing.get_args(member)[0]
    if not (isinstance(member, type) and issubclass(member, builder.model_base)):
        builder.fail(f"{_type_name(member)} cannot be a choice of a discriminated union: its choices are models")
    info = getattr(member, "model_fields", {}).get(name)
    if info is None:
        builder.fail(f"model {member.__name__!r} needs a discriminator field for key {name!r}")
    annotation = info.annotation
    if annotation is None:  # the class waits for a forward reference of its own
        annotation = member.__satya_specs__[name].annotation
    if typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    if typing.get_origin(annotation) is not typing.Literal:
        builder.fail(f"{member.__name__}.{name} must be a Literal to discriminate a union, not {_type_name(annotation)}")
    return list(typing.get_args(annotation)), info.alias if isinstance(info.alias, str) else name
