"""Alias generators for `model_config["alias_generator"]`: field names in
snake_case turned into the camelCase or PascalCase of JSON APIs, and back."""

from __future__ import annotations

import re

__all__ = ["to_camel", "to_pascal", "to_snake"]

_ALREADY_CAMEL = re.compile(r"[a-z]+[A-Za-z0-9]*")
_DIGIT_THEN_LOWER = re.compile(r"[0-9][a-z]")
_FIRST_CAPITAL = re.compile(r"^(_*)([A-Z])")
# the word boundaries to_snake marks with an underscore, in this order
_SNAKE_BOUNDARIES = (
    re.compile(r"(?<=[A-Z])(?=[A-Z][a-z])"),  # an acronym, then a capitalised word: "HTTPServer"
    re.compile(r"(?<=[a-z])(?=[A-Z])"),
    re.compile(r"(?<=[0-9])(?=[A-Z])"),
    re.compile(r"(?<=[a-z])(?=[0-9])"),
)


def to_pascal(snake: str) -> str:
    """`snake_case` as `PascalCase`: each word capitalised, and the underscores
    between a letter or digit and a capital or digit dropped."""
    titled = snake.title()
    kept = []
    for i, char in enumerate(titled):
        joins = (char == "_" and 0 < i < len(titled) - 1 and titled[i - 1].isascii() and titled[i - 1].isalnum()
                 and ("0" <= titled[i + 1] <= "9" or "A" <= titled[i + 1] <= "Z"))
        if not joins:
            kept.append(char)
    return "".join(kept)


def to_camel(snake: str) -> str:
    """`snake_case` as `camelCase`; a name already in camelCase is kept."""
    if _ALREADY_CAMEL.fullmatch(snake) and not _DIGIT_THEN_LOWER.search(snake):
        return snake
    return _FIRST_CAPITAL.sub(lambda m: m.group(1) + m.group(2).lower(), to_pascal(snake))


def to_snake(camel: str) -> str:
    """`camelCase`, `PascalCase` or `kebab-case` as `snake_case`."""
    text = camel
    for boundary in _SNAKE_BOUNDARIES:
        text = boundary.sub("_", text)
    return text.replace("-", "_").lower()
