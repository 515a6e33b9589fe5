"""The compiled index: the knowledge base as a SQLite file in the user's cache, rebuilt when data changes.

Freshness is decided from file names, sizes and modification times, without reading YAML. A build
writes a temporary file and renames it into place, so a reader sees the old index or the new one,
never half of one; a cache file that is truncated, foreign or corrupt is rebuilt, never trusted; and
where the cache folder cannot be written the index is built in memory for this run only.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import sys
from pathlib import Path

from aiwatch import __version__
from aiwatch.vocabulary import KIND_FOLDERS

INDEX_FORMAT = 4  # bump when the tables below change
PACKAGE = Path(__file__).resolve().parent
COMPILER_MODULES = ("compile.py", "index.py", "vocabulary.py", "schema.py", "loader.py", "validate.py")
APPLICATION_ID = int.from_bytes(b"aiwt", "big")
SQLITE_MAGIC = b"SQLite format 3\x00"

TABLES = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE entities (
    id TEXT PRIMARY KEY, kind TEXT NOT NULL, name TEXT NOT NULL, type TEXT,
    date TEXT, sort_key TEXT, first_day TEXT, last_day TEXT, path TEXT NOT NULL, body TEXT NOT NULL);
CREATE INDEX entities_by_kind ON entities (kind, sort_key);
CREATE INDEX entities_by_day ON entities (kind, first_day, last_day);
CREATE TABLE names (key TEXT NOT NULL, id TEXT NOT NULL, field TEXT NOT NULL);
CREATE INDEX names_by_key ON names (key);
CREATE TABLE edges (
    subject TEXT NOT NULL, type TEXT NOT NULL, object TEXT NOT NULL,
    since TEXT, until TEXT, source TEXT, detail TEXT, note TEXT);
CREATE INDEX edges_by_subject ON edges (subject);
CREATE INDEX edges_by_object ON edges (object);
CREATE TABLE citations (source TEXT NOT NULL, entity TEXT NOT NULL, PRIMARY KEY (source, entity));
CREATE VIRTUAL TABLE search USING fts5 (id UNINDEXED, kind UNINDEXED, names, tags, body,
                                        tokenize = "unicode61 remove_diacritics 2");
"""


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
    key = hashlib.sha256(str(data_dir.resolve()).encode()).hexdigest()[:16]
    return cache_dir() / f"index-{key}.sqlite"


def fingerprint(data_dir: Path) -> str:
    """A digest of every entry in the kind folders (name, size, mtime): changes when any file does."""
    lines = [f"{__version__}/{INDEX_FORMAT}"]
    for module in COMPILER_MODULES:  # a code change in how rows are made must rebuild the index too
        info = os.stat(PACKAGE / module)
        lines.append(f"{module}\0{info.st_size}\0{info.st_mtime_ns}")
    for folder in sorted(KIND_FOLDERS.values()):
        try:
            entries = sorted(os.scandir(data_dir / folder), key=lambda entry: entry.name)
        except OSError:  # missing, a file, unreadable: nothing in it can be read, by this or by validation
            continue
        for entry in entries:
            try:
                info = entry.stat()
            except OSError:  # a dangling link: validation reports it; the link itself still marks a change
                info = entry.stat(follow_symlinks=False)
            lines.append(f"{folder}/{entry.name}\0{info.st_size}\0{info.st_mtime_ns}")
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()


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


def _open_if_fresh(path: Path, expected: str) -> sqlite3.Connection | None:
    if not _header_sound(path):
        return None
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        row = connection.execute("SELECT value FROM meta WHERE key = 'fingerprint'").fetchone()
    except sqlite3.DatabaseError:
        return None
    if row and row[0] == expected:
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


def open_index(data_dir: Path) -> sqlite3.Connection:
    """A read-only connection to an index that matches the data folder as it is now."""
    expected = fingerprint(data_dir)
    path = cache_path(data_dir)
    connection = _open_if_fresh(path, expected)
    if connection is not None:
        return connection
    records = _valid_records(data_dir)
    try:
        _write_atomically(path, records, expected)
    except (OSError, sqlite3.OperationalError) as error:  # SQLite reports a full disk as its own error
        print(f"aiwatch: warning: cannot write the index cache ({getattr(error, 'strerror', None) or error}: "
              f"{path.parent}); "
              "building it in memory for this run", file=sys.stderr)
        memory = sqlite3.connect(":memory:")
        fill(memory, records, expected)
        return memory
    connection = _open_if_fresh(path, expected)
    if connection is None:  # another process replaced it with a build of newer data meanwhile
        return open_index(data_dir)
    return connection


def _valid_records(data_dir: Path) -> list:
    from aiwatch.validate import validate

    report = validate(data_dir)
    if report.errors:
        raise DataInvalid(report.errors)
    return report.records


def _write_atomically(path: Path, records: list, expected: str) -> None:
    import tempfile

    path.parent.mkdir(parents=True, exist_ok=True)
    _remove_abandoned(path)
    handle, temporary = tempfile.mkstemp(prefix=path.stem, suffix=".tmp", dir=path.parent)
    _lock(handle, wait=True)  # held until closed: tells _remove_abandoned that this build is alive
    try:
        connection = sqlite3.connect(temporary)
        fill(connection, records, expected)
        connection.close()
        os.replace(temporary, path)
    finally:
        os.close(handle)
        if os.path.exists(temporary):
            os.unlink(temporary)


def _lock(handle: int, wait: bool) -> None:
    """An exclusive lock on an open file, released when its process ends however it ends (POSIX only)."""
    try:
        import fcntl
    except ImportError:
        if not wait:  # without locks a leftover cannot be told from a live build's file: keep it
            raise OSError("no file locks on this system") from None
        return
    fcntl.flock(handle, fcntl.LOCK_EX if wait else fcntl.LOCK_EX | fcntl.LOCK_NB)


def _remove_abandoned(path: Path) -> None:
    """Remove the temporary files of builds that were killed midway: a live build holds a lock on its own."""
    for leftover in path.parent.glob(f"{path.stem}*.tmp"):
        try:
            handle = os.open(leftover, os.O_RDONLY)
        except OSError:  # already gone
            continue
        try:
            _lock(handle, wait=False)
            leftover.unlink()
        except OSError:  # locked: a build in progress
            pass
        finally:
            os.close(handle)


def fill(connection: sqlite3.Connection, records: list, expected: str) -> None:
    """Write the tables from validated records into an empty database."""
    from aiwatch.compile import cited_sources, edges_of, entity_row, name_rows, names_of, search_row

    connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    connection.execute(f"PRAGMA user_version = {INDEX_FORMAT}")
    connection.executescript(TABLES)
    with connection:
        connection.executemany("INSERT INTO entities VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                               [entity_row(record) for record in records])
        connection.executemany("INSERT INTO names VALUES (?, ?, ?)",
                               [row for record in records for row in name_rows(record)])
        connection.executemany("INSERT INTO edges VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                               [edge for record in records for edge in edges_of(record)])
        connection.executemany("INSERT INTO citations VALUES (?, ?)",
                               [(source, record.id) for record in records for source in cited_sources(record)])
        names = {record.id: names_of(record) for record in records}
        connection.executemany("INSERT INTO search VALUES (?, ?, ?, ?, ?)",
                               [search_row(record, names) for record in records])
        connection.execute("INSERT INTO meta VALUES ('fingerprint', ?)", (expected,))
        connection.execute("INSERT INTO meta VALUES ('built_with', ?)", (json.dumps({"aiwatch": __version__}),))
