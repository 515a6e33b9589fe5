"""Making the index: each file's own verdict, the checks across files, and the tables, written atomically.

The index keeps each file's verdict (its record or its problems, packed), so a rebuild re-reads only
the files whose size or mtime changed; when few did, it copies the previous index and replaces only
their entities' rows; files edited in place are checked against the rest of the index rather than the
whole base checked again. A build writes a temporary file and renames it into place, so a reader sees
the old index or the new one, never half of one; where the cache folder cannot be written, the index
is built in memory for this run only.
"""

from __future__ import annotations

import functools
import marshal
import os
import sqlite3
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import NamedTuple

from aiwatch.index import (
    APPLICATION_ID,
    INDEX_FORMAT,
    DataInvalid,
    build_stamp,
    cache_path,
    open_built,
    open_index,
)

TABLES = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE files (path TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime INTEGER NOT NULL, verdict BLOB NOT NULL);
CREATE TABLE folders (path TEXT PRIMARY KEY, mtime INTEGER NOT NULL);
CREATE TABLE entities (
    id TEXT PRIMARY KEY, kind TEXT NOT NULL, name TEXT NOT NULL, type TEXT,
    date TEXT, sort_key TEXT, first_day TEXT, last_day TEXT, path TEXT NOT NULL, body TEXT NOT NULL);
CREATE TABLE names (key TEXT NOT NULL, id TEXT NOT NULL, field TEXT NOT NULL);
CREATE TABLE edges (
    subject TEXT NOT NULL, type TEXT NOT NULL, object TEXT NOT NULL,
    since TEXT, until TEXT, source TEXT, detail TEXT, note TEXT,
    origin TEXT NOT NULL);  -- the entity whose file writes the link
CREATE TABLE citations (source TEXT NOT NULL, entity TEXT NOT NULL, PRIMARY KEY (source, entity));
CREATE VIRTUAL TABLE search USING fts5 (id UNINDEXED, kind UNINDEXED, names, tags, body,
                                        tokenize = "unicode61 remove_diacritics 2");
"""
# made after the rows are in: sorting once is faster than keeping an index in order row by row
INDEXES = """
CREATE INDEX entities_by_kind ON entities (kind, sort_key);
CREATE INDEX entities_by_day ON entities (kind, first_day, last_day);
CREATE INDEX names_by_key ON names (key);
CREATE INDEX edges_by_origin ON edges (origin);
CREATE INDEX edges_by_subject ON edges (subject);
CREATE INDEX edges_by_object ON edges (object);
CREATE INDEX citations_by_entity ON citations (entity);
"""


def refresh(connection: sqlite3.Connection, data_dir: Path, changed: list[str]) -> sqlite3.Connection:
    """The index with these files re-read, after a check of the folders found none added or removed:
    they alone are checked, against the rest of the index, and nothing else is read or even listed.
    Where that cannot settle it (a file gone, a problem, a name the index already holds, a cache that
    cannot be written), every file is checked, as `open_index` does."""
    try:
        stats = {relative: _stat(data_dir, relative) for relative in changed}
    except OSError:  # gone since the folders were checked
        stats = None
    verdicts = stats and Verdicts(stats, dict(zip(changed, _read_all(data_dir, changed), strict=True)), connection)
    in_place = verdicts and _checked_in_place(data_dir, connection, verdicts, changed)
    if in_place:
        record_of, ids = in_place
        path, stamp = cache_path(data_dir), build_stamp(data_dir)
        try:
            _write_atomically(path, lambda copy: _replace(copy, record_of, Change(changed, ids), verdicts), copy=True)
        except (OSError, sqlite3.OperationalError):
            in_place = None
    connection.close()
    return (in_place and open_built(path, stamp)) or open_index(data_dir)[0]


def _stat(data_dir: Path, relative: str) -> tuple[int, int]:
    info = os.stat(os.path.join(data_dir, relative))
    return info.st_size, info.st_mtime_ns


class Verdicts:
    """Every entity file's size and mtime, and its verdict (its own check, packed): from the files just
    re-read, else from the previous index, read only when asked for."""

    def __init__(self, stats: dict[str, tuple[int, int]], fresh: dict[str, bytes],
                 previous: sqlite3.Connection | None) -> None:
        self.stats = stats
        self.blobs = dict(fresh)
        self.previous = previous

    def blob(self, relative: str) -> bytes:
        if relative not in self.blobs:
            self.blobs[relative] = self.previous.execute("SELECT verdict FROM files WHERE path = ?",
                                                         (relative,)).fetchone()[0]
        return self.blobs[relative]

    def every(self) -> list[tuple[str, tuple[int, int], bytes]]:
        """(path, stat, verdict) of every file, the previous ones read in one query."""
        if self.previous is not None and len(self.blobs) < len(self.stats):
            self.blobs = dict(self.previous.execute("SELECT path, verdict FROM files")) | self.blobs
        return [(relative, self.stats[relative], self.blobs[relative]) for relative in sorted(self.stats)]


def rebuild(data_dir: Path, path: Path, stamp: str, previous: sqlite3.Connection | None,
             files: dict[str, tuple[int, int]], folders: dict[str, int]) -> sqlite3.Connection:
    """Build the index again, re-reading only the files whose size or mtime changed. When few did, the
    previous index is copied and only their entities' rows are replaced; when they were edited in
    place (no file added, removed or renamed), they alone are checked, against the rest of the index."""
    try:
        return _rebuild_from(data_dir, path, stamp, previous, files, folders)
    finally:
        if previous is not None:
            previous.close()


def _rebuild_from(data_dir: Path, path: Path, stamp: str, previous: sqlite3.Connection | None,
                  files: dict[str, tuple[int, int]], folders: dict[str, int]) -> sqlite3.Connection:
    known = {} if previous is None else {relative: (size, mtime) for relative, size, mtime in previous.execute(
        "SELECT path, size, mtime FROM files")}
    changed = sorted(relative for relative in files if known.get(relative) != files[relative])
    verdicts = Verdicts(files, dict(zip(changed, _read_all(data_dir, changed), strict=True)), previous)
    gone = [relative for relative in known if relative not in files]
    in_place = None
    if previous is not None and not gone and all(relative in known for relative in changed) \
            and len(changed) <= IN_PLACE_LIMIT:
        in_place = _checked_in_place(data_dir, previous, verdicts, changed)
    if in_place:
        record_of, ids = in_place
    else:
        records = _valid_records(data_dir, verdicts)
        record_of = {record.id: record for record in records}.get
        ids = {_entity_id(previous.execute("SELECT verdict FROM files WHERE path = ?", (relative,)).fetchone()[0])
               for relative in changed + gone if relative in known} | {_entity_id(verdicts.blob(relative))
                                                                       for relative in changed}
    replaced = changed + gone
    few = previous is not None and len(replaced) <= max(100, len(files) // 4)
    try:
        if few:
            _write_atomically(path, lambda connection: _replace(connection, record_of, Change(replaced, ids),
                                                                verdicts, (folders, stamp)), copy=True)
        else:
            _write_atomically(path, lambda connection: fill(connection, records, verdicts, folders, stamp))
    except (OSError, sqlite3.OperationalError) as error:  # SQLite reports a full disk as its own error
        print(f"aiwatch: warning: cannot write the index cache ({getattr(error, 'strerror', None) or error}: "
              f"{path.parent}); "
              "building it in memory for this run", file=sys.stderr)
        memory = sqlite3.connect(":memory:")
        fill(memory, _valid_records(data_dir, verdicts) if in_place else records, verdicts, folders, stamp)
        return memory
    connection = open_built(path, stamp)
    if connection is None:  # replaced meanwhile by a process running other code: use what was built here
        return rebuild(data_dir, path, stamp, None, files, folders)
    return connection


IN_PLACE_LIMIT = 100  # files edited in place that are checked on their own against the index


def _checked_in_place(data_dir: Path, previous: sqlite3.Connection, verdicts: Verdicts, changed: list[str]):
    """The changed files checked against the rest of the previous index, which was valid: a way to get
    any record, and the changed ids. None where the whole base must be checked to word a problem as
    `aiwatch validate` does (a problem, or a name the index already holds)."""
    from datetime import date

    from aiwatch.loader import display_prefix
    from aiwatch.names import normalize
    from aiwatch.validate import check_records, claimed_names
    from aiwatch.vocabulary import KIND_FOLDERS

    prefix = display_prefix(data_dir)
    fresh = {}
    for relative in changed:
        record, problems = _unpack(verdicts.blob(relative), os.path.join(prefix, relative))
        if record is None or any(problem.severity == "error" for problem in problems):
            return None
        fresh[record.id] = record
    problems = check_records(list(fresh.values()), date.today(), others=_Indexed(previous, set(fresh)))
    if any(problem.severity == "error" for problem in problems):
        return None
    for record in fresh.values():
        keys = sorted({normalize(text) for _location, text in claimed_names(record)})
        if previous.execute(f"SELECT 1 FROM names WHERE key IN ({','.join('?' * len(keys))}) AND id != ? "
                            "AND field != 'id' LIMIT 1", [*keys, record.id]).fetchone():
            return None

    def record_of(entity_id: str):
        if entity_id in fresh:
            return fresh[entity_id]
        row = previous.execute("SELECT kind FROM entities WHERE id = ?", (entity_id,)).fetchone()
        if row is None:
            return None
        relative = f"{KIND_FOLDERS[row[0]]}/{entity_id}.yaml"
        return _unpack(verdicts.blob(relative), os.path.join(prefix, relative))[0]

    return record_of, set(fresh)


class _Indexed(Mapping):
    """id -> Elsewhere(id, kind) for the entities of the previous index but these, looked up one at a
    time: a check of a few files asks about the few ids they name."""

    def __init__(self, connection: sqlite3.Connection, leaving: set[str]) -> None:
        self.connection, self.leaving = connection, leaving

    def __getitem__(self, entity_id: str):
        from aiwatch.validate import Elsewhere

        row = None if entity_id in self.leaving else self.connection.execute(
            "SELECT kind FROM entities WHERE id = ?", (entity_id,)).fetchone()
        if row is None:
            raise KeyError(entity_id)
        return Elsewhere(entity_id, row[0])

    def __iter__(self):
        return (entity_id for (entity_id,) in self.connection.execute("SELECT id FROM entities")
                if entity_id not in self.leaving)

    def __len__(self) -> int:
        return sum(1 for _ in self)


class Change(NamedTuple):
    """What a rebuild replaces in a copy of the previous index: these files, these entities' rows."""

    paths: list[str]
    ids: set[str]


def _entity_id(blob: bytes) -> str | None:
    packed, _problems = marshal.loads(blob)
    return packed and packed[1]


PARALLEL_FROM = 1000  # files to read before a second process pays for itself (about 50 ms to start)


def _read_all(data_dir: Path, changed: list[str]) -> list[bytes]:
    """The packed verdicts of these files, read by as many processes as there are cores, when many."""
    import multiprocessing

    workers = min(os.cpu_count() or 1, 8)
    if len(changed) < PARALLEL_FROM or workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return [_read_one(data_dir, relative) for relative in changed]
    import aiwatch.schema  # noqa: F401  (imported once here, inherited by the forked workers)

    chunks = [changed[start::workers] for start in range(workers)]
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        results = pool.starmap(_read_chunk, [(data_dir, chunk) for chunk in chunks])
    found = {relative: blob for chunk, blobs in zip(chunks, results, strict=True)
             for relative, blob in zip(chunk, blobs, strict=True)}
    return [found[relative] for relative in changed]


def _read_chunk(data_dir: Path, chunk: list[str]) -> list[bytes]:
    return [_read_one(data_dir, relative) for relative in chunk]


def _read_one(data_dir: Path, relative: str) -> bytes:
    from aiwatch.loader import load_file

    return _pack(*load_file(data_dir, relative, "\0"))  # the display path is filled in when it is unpacked


def _pack(record, problems) -> bytes:
    """A file's verdict as stored: its record (if any) and its own problems; the places of its keys
    and values are packed apart, since only a problem found across files unpacks them."""
    document = record and record.document
    return marshal.dumps((record and (record.kind, record.id, record.fields, document.stem,
                                      marshal.dumps((document.values, document.keys))),
                          [(problem.line, problem.col, problem.severity, problem.message) for problem in problems]))


def _unpack(blob: bytes, display: str):
    from aiwatch.loader import Document, Record
    from aiwatch.problems import Problem

    packed, problems = marshal.loads(blob)
    record = None
    if packed:
        kind, entity_id, fields, stem, places = packed
        record = Record(kind, entity_id, fields, Document(display, kind, stem, None, packed_places=places))
    return record, [Problem(display, *problem) for problem in problems]


def checked(data_dir: Path, verdicts: Verdicts, today=None) -> tuple[list, list]:
    """The records of these verdicts and every problem, each file's own and those across files."""
    from datetime import date

    from aiwatch.loader import display_prefix
    from aiwatch.validate import check_records

    prefix = display_prefix(data_dir)
    records, problems, failed = [], [], set()
    for relative, _stat, blob in verdicts.every():
        record, own = _unpack(blob, os.path.join(prefix, relative))
        problems += own
        if record is None:
            failed.add(Path(relative).stem)
        else:
            records.append(record)
    return records, problems + check_records(records, today or date.today(), failed)


def _valid_records(data_dir: Path, verdicts: Verdicts) -> list:
    records, problems = checked(data_dir, verdicts)
    errors = sorted(problem for problem in set(problems) if problem.severity == "error")
    if errors:
        raise DataInvalid(errors)
    return records


def cached_verdicts(data_dir: Path) -> Verdicts:
    """Every entity file's verdict: from the index where the file is as the index recorded it, else
    read now. The caller closes `verdicts.previous` when it is not None."""
    from aiwatch.paths import survey

    found, _folders = survey(data_dir)
    files = {relative: stat for relative, stat in found.items() if "/" in relative}  # not README.md
    previous = open_built(cache_path(data_dir), build_stamp(data_dir))
    known = {} if previous is None else {relative: (size, mtime) for relative, size, mtime in previous.execute(
        "SELECT path, size, mtime FROM files")}
    changed = sorted(relative for relative in files if known.get(relative) != files[relative])
    return Verdicts(files, dict(zip(changed, _read_all(data_dir, changed), strict=True)), previous)


def _write_atomically(path: Path, write, copy: bool = False) -> None:
    """Let `write(connection)` make the index in a temporary file (a copy of the current one if asked),
    then rename it into place."""
    import shutil
    import tempfile

    path.parent.mkdir(parents=True, exist_ok=True)
    _remove_abandoned(path)
    handle, temporary = tempfile.mkstemp(prefix=path.stem, suffix=".tmp", dir=path.parent)
    _lock(handle, wait=True)  # held until closed: tells _remove_abandoned that this build is alive
    try:
        if copy:
            shutil.copyfile(path, temporary)
        connection = sqlite3.connect(temporary)
        connection.execute("PRAGMA journal_mode = OFF")  # a temporary file: renamed into place when whole
        connection.execute("PRAGMA synchronous = OFF")
        write(connection)
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


def fill(connection: sqlite3.Connection, records: list, verdicts: Verdicts, folders: dict[str, int],
         stamp: str) -> None:
    """Write the tables from validated records and the files' verdicts into an empty database."""
    connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    connection.execute(f"PRAGMA user_version = {INDEX_FORMAT}")
    connection.executescript(TABLES)
    with connection:
        connection.executemany("INSERT INTO files VALUES (?, ?, ?, ?)",
                               [(relative, *stat, blob) for relative, stat, blob in verdicts.every()])
        _insert(connection, records, records, {record.id: record for record in records}.get)
        _bookkeeping(connection, verdicts, folders, stamp)
    connection.executescript(INDEXES)


def _replace(connection: sqlite3.Connection, record_of, change: Change, verdicts: Verdicts,
             bookkeeping: tuple[dict[str, int], str] | None = None) -> None:
    """Replace the rows of the changed files' entities in a copy of the previous index; the result is
    the same as `fill` from nothing (a test compares the two). The folders and the count of files are
    written again only when given (`(folders, stamp)`): an edit in place changes neither."""
    ids = sorted(change.ids - {None})
    marks = ",".join("?" * len(ids))
    with connection:
        for table, column in (("entities", "id"), ("names", "id"), ("citations", "entity"), ("edges", "origin")):
            connection.execute(f"DELETE FROM {table} WHERE {column} IN ({marks})", ids)
        # a search row carries the names of the entity's topics and of a quote's speaker
        dependents = {row[0] for row in connection.execute(
            f"SELECT subject FROM edges WHERE type = 'about' AND object IN ({marks}) "
            f"UNION SELECT object FROM edges WHERE type = 'said' AND subject IN ({marks})", ids + ids)}
        reindexed = sorted(set(ids) | dependents)
        connection.execute(f"DELETE FROM search WHERE id IN ({','.join('?' * len(reindexed))})", reindexed)
        connection.execute(f"DELETE FROM files WHERE path IN ({','.join('?' * len(change.paths))})", change.paths)
        connection.executemany("INSERT INTO files VALUES (?, ?, ?, ?)",
                               [(relative, *verdicts.stats[relative], verdicts.blob(relative))
                                for relative in change.paths if relative in verdicts.stats])
        written = [record for record in map(record_of, ids) if record]
        _insert(connection, written, [record for record in map(record_of, reindexed) if record], record_of)
        if bookkeeping:
            for table in ("folders", "meta"):
                connection.execute(f"DELETE FROM {table}")
            _bookkeeping(connection, verdicts, *bookkeeping)


def _insert(connection: sqlite3.Connection, records: list, searchable: list, record_of) -> None:
    """The rows of these records, and the full-text rows of the searchable ones (`record_of` gives the
    record of any id, for the names a search row carries)."""
    from aiwatch.compile import cited_sources, edges_of, entity_row, name_rows, names_of, search_row

    connection.executemany("INSERT INTO entities VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                           [entity_row(record) for record in records])
    connection.executemany("INSERT INTO names VALUES (?, ?, ?)",
                           [row for record in records for row in name_rows(record)])
    connection.executemany("INSERT INTO edges VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                           [(*edge, record.id) for record in records for edge in edges_of(record)])
    connection.executemany("INSERT INTO citations VALUES (?, ?)",
                           [(source, record.id) for record in records for source in cited_sources(record)])

    @functools.cache
    def names_for(entity_id: str) -> list[str]:
        record = record_of(entity_id)
        return names_of(record) if record else []

    connection.executemany("INSERT INTO search VALUES (?, ?, ?, ?, ?)",
                           [search_row(record, names_for) for record in searchable])


def _bookkeeping(connection: sqlite3.Connection, verdicts: Verdicts, folders: dict[str, int], stamp: str) -> None:
    connection.executemany("INSERT INTO folders VALUES (?, ?)", folders.items())
    connection.executemany("INSERT INTO meta VALUES (?, ?)", [("code", stamp), ("files", str(len(verdicts.stats)))])
