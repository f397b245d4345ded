"""What TypeAdapter and RootModel share: a value held in a model's single
field `root`, whose name is left out of error locations and dumps."""

from __future__ import annotations

ROOT = "root"
_ROOT_JSON = '{"root":'


def relocated(exc, title=None):
    """`exc` with the field's name left out of every location, titled `title`
    (or as it was)."""
    rebuild, (old_title, errors, input_type, hide_input) = exc.__reduce__()
    for error in errors:
        loc = error["loc"]
        if loc and loc[0] == ROOT:
            error["loc"] = loc[1:]
    return rebuild(old_title if title is None else title, errors, input_type, hide_input)


def filters(include, exclude) -> dict:
    """include/exclude of the value, as the field's."""
    found = {}
    if include is not None:
        found["include"] = {ROOT: include}
    if exclude is not None:
        found["exclude"] = {ROOT: exclude}
    return found


def unwrapped_json(text: str, indent: int | None) -> str:
    """The field's value from the JSON text of its model."""
    if indent is None:
        return text[len(_ROOT_JSON):-1] if text.startswith(_ROOT_JSON) else "null"
    head = "{\n" + " " * indent + '"root": '
    if not text.startswith(head):
        return "null"  # the value was left out (exclude_none)
    lines = text[len(head):-2].split("\n")
    return "\n".join([lines[0]] + [line[indent:] for line in lines[1:]])
