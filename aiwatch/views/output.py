"""Where a view goes: Rich in a terminal, plain unwrapped text when piped, JSON when asked.

Every string from the data passes through `literal` before it is shown: Rich renderables are built
from `Text` objects (never markup), and unsafe characters are made visible, so neither `[bold]` nor
an escape sequence in a YAML file can change what the terminal does.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable
from typing import Any

from aiwatch.characters import UNSAFE


def _visible(found: re.Match) -> str:
    code = ord(found.group())
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def literal(text: object) -> str:
    """Text as data: unsafe characters shown as `\\x1b` or `\\u202e`, never sent raw."""
    return UNSAFE.sub(_visible, str(text))


def strict_json(text: str) -> str:
    """JSON text with the unsafe characters that `json.dumps` leaves raw (C1, bidirectional) as `\\u` escapes:
    the same JSON value, and nothing in it that a terminal would obey."""
    return UNSAFE.sub(lambda found: f"\\u{ord(found.group()):04x}", text)


def marks(numbers: list[int]) -> str:
    """Footnote marks: `[1, 3]`."""
    return f"[{', '.join(map(str, numbers))}]" if numbers else ""


def jsonable(value: Any) -> Any:
    """Dataclasses and named tuples as JSON objects, all the way down (json would make a tuple a list)."""
    from dataclasses import fields, is_dataclass

    if is_dataclass(value):
        value = {field.name: getattr(value, field.name) for field in fields(value)}
    elif isinstance(value, tuple) and hasattr(value, "_asdict"):
        value = value._asdict()
    if isinstance(value, dict):
        return {key: jsonable(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(item) for item in value]
    return value


def to_json(value: Any) -> str:
    return strict_json(json.dumps(jsonable(value), ensure_ascii=False, indent=2, allow_nan=False))


def emit(value: Any, *, as_json: bool, plain: Callable[[Any], str], rich: Callable[[Any], Any],
         shape: Callable[[Any], Any] | None = None) -> None:
    """Print a view: JSON if asked, Rich on a terminal, else plain text."""
    if as_json:
        sys.stdout.write(to_json(shape(value) if shape else value) + "\n")
    elif sys.stdout.isatty():
        console().print(rich(value))
    else:
        sys.stdout.write(plain(value) + "\n")


def console(width: int | None = None, file=None):
    from rich.console import Console

    return Console(width=width, file=file, highlight=False, emoji=False, markup=False,
                   color_system=None if file is not None else "auto")


def render_rich(renderable, width: int) -> str:
    """A Rich renderable as colourless text at a fixed width (for golden tests and briefs)."""
    from io import StringIO

    buffer = StringIO()
    console(width=width, file=buffer).print(renderable)
    return buffer.getvalue()
