"""The compiled index: the knowledge base as a SQLite file in the user's cache, and whether it is current.

Freshness is decided from file sizes and modification times, without reading YAML; making the index
is build.py's. A cache file that is truncated, foreign, corrupt or built by other code is never
trusted.

How much is checked: every file, on every run, up to FULL_CHECK_LIMIT files (a stat costs about 3 µs).
Above it, pages, search, lists and the timeline check the folders (a file added, removed or renamed,
or saved the way most editors and git do, changes its folder), then the files behind their answer
(`KnowledgeBase.confirm`); the other commands, and `aiwatch index`, check every file.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from aiwatch import __version__

INDEX_FORMAT = 7  # bump when the tables in build.py change
FULL_CHECK_LIMIT = 2000
PACKAGE = Path(__file__).resolve().parent
# the modules whose code decides what the index holds: a change to any of them rebuilds it
COMPILER_MODULES = ("build.py", "characters.py", "compile.py", "dates.py", "index.py", "loader.py", "names.py",
                    "schema.py", "validate.py", "vocabulary.py")
APPLICATION_ID = int.from_bytes(b"aiwt", "big")
SQLITE_MAGIC = b"SQLite format 3\x00"


class DataInvalid(Exception):
    """The data folder has errors, so no index can be built from it."""

    def __init__(self, problems: list) -> None:
        super().__init__(f"{len(problems)} error(s) in the data")
        self.problems = problems


def cache_dir() -> Path:
    if os.environ.get("AIWATCH_CACHE_DIR"):
        return Path(os.environ["AIWATCH_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "aiwatch"


def cache_path(data_dir: Path) -> Path:
    import zlib  # not hashlib, whose import costs a lookup 3 ms; the folder is checked on open anyway

    folder = str(data_dir.resolve())
    return cache_dir() / f"index-{data_dir.resolve().name}-{zlib.crc32(folder.encode()):08x}.sqlite"


def build_stamp(data_dir: Path) -> str:
    """What an index is built by and from: the code that turns files into rows, and the data folder.
    A change to either rebuilds it."""
    stats = [os.stat(PACKAGE / module) for module in COMPILER_MODULES]
    code = "/".join(f"{info.st_size}.{info.st_mtime_ns}" for info in stats)
    return f"{__version__}/{INDEX_FORMAT}/{code} {data_dir.resolve()}"


def _header_sound(path: Path) -> bool:
    """Whether a file looks like a whole index of ours: SQLite magic, our id, its full length."""
    try:
        with open(path, "rb") as handle:
            header = handle.read(100)
        size = path.stat().st_size
    except OSError:
        return False
    if len(header) < 100 or not header.startswith(SQLITE_MAGIC):
        return False
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    counted = header[24:28] == header[92:96]  # the page count is only valid when these agree
    return (int.from_bytes(header[68:72], "big") == APPLICATION_ID and counted and pages * page_size == size)


def open_built(path: Path, stamp: str) -> sqlite3.Connection | None:
    """The cached index if it is whole and was built by this code, else None."""
    if not _header_sound(path):
        return None
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        built = _meta(connection, "code")
    except sqlite3.DatabaseError:
        return None
    if built == stamp:
        return connection
    connection.close()
    return None


def open_cached(data_dir: Path) -> sqlite3.Connection | None:
    """The cached index as it is, fresh or not, or None: for shell completion, which must never build."""
    path = cache_path(data_dir)
    if not _header_sound(path):
        return None
    try:
        return sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.DatabaseError:
        return None


def open_index(data_dir: Path, whole: bool = True) -> tuple[sqlite3.Connection, bool]:
    """A read-only connection to the index of the data folder, and whether every file was checked.

    With `whole=False` (a lookup of one entity), a base above FULL_CHECK_LIMIT files is checked by its
    folders only; the caller then checks the files behind its answer with `files_changed`.
    """
    stamp, path = build_stamp(data_dir), cache_path(data_dir)
    connection = open_built(path, stamp)
    if connection is not None and not whole and int(_meta(connection, "files")) > FULL_CHECK_LIMIT \
            and not _folders_changed(connection, data_dir):
        return connection, False
    from aiwatch.paths import survey

    found, folders = survey(data_dir)
    files = {relative: stat for relative, stat in found.items() if "/" in relative}  # not README.md, schema.json
    if connection is not None and files == {relative: (size, mtime) for relative, size, mtime
                                            in connection.execute("SELECT path, size, mtime FROM files")}:
        return connection, True
    from aiwatch.build import rebuild

    return rebuild(data_dir, path, stamp, connection, files, folders), True


def files_changed(connection: sqlite3.Connection, data_dir: Path, paths: list[str]) -> list[str]:
    """Those of these files (relative to the data folder) that changed since the index was built."""
    import json

    changed = []
    for relative, size, mtime in connection.execute("SELECT path, size, mtime FROM files WHERE path IN "
                                                    "(SELECT value FROM json_each(?))", (json.dumps(paths),)):
        try:
            info = os.stat(os.path.join(data_dir, relative))
        except OSError:
            changed.append(relative)
            continue
        if (info.st_size, info.st_mtime_ns) != (size, mtime):
            changed.append(relative)
    return changed


def _folders_changed(connection: sqlite3.Connection, data_dir: Path) -> bool:
    for relative, mtime in connection.execute("SELECT path, mtime FROM folders"):
        try:
            if os.stat(os.path.join(data_dir, relative)).st_mtime_ns != mtime:
                return True
        except OSError:
            return True
    return False


def _meta(connection: sqlite3.Connection, key: str) -> str | None:
    row = connection.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    return row and row[0]
