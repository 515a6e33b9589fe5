"""Where a view goes: Rich in a terminal, plain unwrapped text when piped, JSON when asked.

Every string from the data passes through `literal` before it is shown: Rich renderables are built
from `Text` objects (never markup), and control characters are made visible, so neither `[bold]` nor
an escape sequence in a YAML file can change what the terminal does.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable
from dataclasses import asdict, is_dataclass
from typing import Any

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def literal(text: object) -> str:
    """Text as data: control characters shown as `\\x1b`-style escapes, never sent raw."""
    return _CONTROL.sub(lambda found: f"\\x{ord(found.group()):02x}", str(text))


def marks(numbers: list[int]) -> str:
    """Footnote marks: `[1, 3]`."""
    return f"[{', '.join(map(str, numbers))}]" if numbers else ""


def _plain(value: Any) -> Any:
    if is_dataclass(value):
        return asdict(value)
    raise TypeError(f"{type(value).__name__} has no JSON shape")


def to_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2, allow_nan=False, default=_plain)


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
