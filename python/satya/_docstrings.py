"""`use_attribute_docstrings`: a string written right after a field's
annotation in the class body is that field's description. The class body's
source is read from the frame that runs the class statement (or from the
class itself), so a class with no source (made in a REPL) gets none."""

from __future__ import annotations

import ast
import inspect
import textwrap


def attribute_docstrings(class_name: str, frame) -> dict[str, str]:
    """The docstring of each annotated name in the body of the class statement
    `frame` is running, or {} when its source cannot be read."""
    try:
        lines, _ = inspect.findsource(frame)
        block = inspect.getblock(lines[frame.f_lineno - 1:])
    except (OSError, TypeError, IndexError):
        return {}
    body = _class_body(textwrap.dedent("".join(block)), class_name)
    docs: dict[str, str] = {}
    for statement, following in zip(body, body[1:]):
        if (isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name)
                and isinstance(following, ast.Expr) and isinstance(following.value, ast.Constant)
                and isinstance(following.value.value, str)):
            docs[statement.target.id] = inspect.cleandoc(following.value.value)
    return docs


def _class_body(source: str, class_name: str) -> list:
    """The statements of the class `class_name` that `source` starts with."""
    # a string continued at a lower indentation keeps the block indented: parse it inside a function
    if source[:1] in (" ", "\t"):
        source = "def _wrapper():\n" + source
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return []
    first = tree.body[0] if tree.body else None
    if isinstance(first, ast.FunctionDef) and first.name == "_wrapper":
        first = first.body[0]
    return first.body if isinstance(first, ast.ClassDef) and first.name == class_name else []
