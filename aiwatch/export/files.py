"""Writing files without ever clobbering one: refuse an existing path unless told, and never leave half a file."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path


class WouldClobber(Exception):
    """The path exists and overwriting was not asked for."""


def build_file(path: Path, build: Callable[[Path], None], *, overwrite: bool = False) -> None:
    """Let `build(temporary)` create the file beside its target, then move it into place: by rename when
    overwriting is allowed, else by a link, which fails if the target appeared meanwhile. A reader sees
    the old file or the new one, never part of one."""
    if path.exists() and not overwrite:
        raise WouldClobber(str(path))
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(handle)
    temporary = Path(name)
    temporary.unlink()
    try:
        build(temporary)
        if overwrite:
            os.replace(temporary, path)
        else:
            try:
                os.link(temporary, path)
            except FileExistsError:
                raise WouldClobber(str(path)) from None
    finally:
        temporary.unlink(missing_ok=True)

