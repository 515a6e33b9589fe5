"""Where the data is: the bundled knowledge base, and the files and folders of any data folder."""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent


def bundled_data_dir() -> Path:
    """The wheel carries the data as `aiwatch/data`; a source checkout keeps it at `data/`."""
    installed = PACKAGE / "data"
    return installed if installed.is_dir() else PACKAGE.parent / "data"


def survey(data_dir: Path) -> tuple[dict[str, tuple[int, int]], dict[str, int]]:
    """Every file under the data folder (relative path -> size, mtime) and every folder's mtime.

    Hidden entries are skipped and symbolic links to folders are not followed. Stats only: this is
    how the index tells whether anything changed without reading a file.
    """
    files: dict[str, tuple[int, int]] = {}
    folders: dict[str, int] = {}
    pending = [""]
    while pending:
        relative = pending.pop()
        folder = os.path.join(data_dir, relative)
        try:
            folders[relative] = os.stat(folder).st_mtime_ns
            entries = list(os.scandir(folder))
        except OSError:  # unreadable: nothing in it can be read, by this or by validation
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            name = f"{relative}/{entry.name}" if relative else entry.name
            if entry.is_dir(follow_symlinks=False):
                pending.append(name)
                continue
            try:
                info = entry.stat()
            except OSError:  # a dangling link: validation reports it; the link itself still marks a change
                info = entry.stat(follow_symlinks=False)
            files[name] = (info.st_size, info.st_mtime_ns)
    return files, folders
