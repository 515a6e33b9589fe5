"""Where the bundled knowledge base lives: inside the installed package, or beside it in a checkout."""

from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent


def bundled_data_dir() -> Path:
    """The wheel carries the data as `aiwatch/data`; a source checkout keeps it at `data/`."""
    installed = PACKAGE / "data"
    return installed if installed.is_dir() else PACKAGE.parent / "data"
