"""Cache faults beyond tests/test_index.py: a read-only cache, a full disk, data changed during a build,
a build killed midway. Each time the next run answers correctly and the curated files are untouched."""

import errno
import hashlib
import os
import sqlite3
import subprocess
import sys

import pytest

from aiwatch import build
from aiwatch.index import cache_path
from aiwatch.query import KnowledgeBase


def digest(folder) -> str:
    """Every file's path and bytes under a folder, hashed: the curated data must come out as it went in."""
    hashed = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            hashed.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes())
    return hashed.hexdigest()


@pytest.fixture
def curated(kb_copy):
    """The knowledge-base copy, checked byte for byte after the test."""
    before = digest(kb_copy)
    yield kb_copy
    assert digest(kb_copy) == before


def test_a_read_only_cache_builds_in_memory(curated, monkeypatch, capsys):
    def read_only(*args, **kwargs):
        raise OSError(errno.EROFS, os.strerror(errno.EROFS))

    monkeypatch.setattr("tempfile.mkstemp", read_only)
    assert KnowledgeBase.open(curated).get("alpha-lab").name == "Alpha Lab"
    assert "Read-only file system" in capsys.readouterr().err
    assert not cache_path(curated).exists()


def test_a_full_disk_builds_in_memory_and_leaves_no_partial_index(curated, monkeypatch, capsys):
    real_fill, calls = build.fill, []

    def full_disk(connection, *rows):
        calls.append(connection)
        if len(calls) == 1:  # the cache file; the fallback in memory then succeeds
            raise sqlite3.OperationalError("database or disk is full")
        real_fill(connection, *rows)

    monkeypatch.setattr(build, "fill", full_disk)
    assert KnowledgeBase.open(curated).get("alpha-lab").name == "Alpha Lab"
    assert "database or disk is full" in capsys.readouterr().err
    assert list(cache_path(curated).parent.iterdir()) == []  # neither an index nor its temporary file
    monkeypatch.setattr(build, "fill", real_fill)
    assert KnowledgeBase.open(curated).get("alpha-lab").name == "Alpha Lab"
    assert cache_path(curated).exists()


def test_a_file_changed_during_a_build_is_seen_on_the_next_run(kb_copy, monkeypatch):
    import aiwatch.loader

    target = kb_copy / "organizations" / "beta-fund.yaml"
    real_load = aiwatch.loader.load_file

    def edited_meanwhile(data_dir, relative, *rest):
        found = real_load(data_dir, relative, *rest)
        if relative.endswith("beta-fund.yaml"):  # a curator saves after the file was read, before the build ends
            target.write_text(target.read_text().replace("name: Beta Fund", "name: Beta Capital"))
            os.utime(target, ns=(target.stat().st_mtime_ns + 10**9,) * 2)
        return found

    monkeypatch.setattr(aiwatch.loader, "load_file", edited_meanwhile)
    assert KnowledgeBase.open(kb_copy).get("beta-fund").name == "Beta Fund"  # what was read
    monkeypatch.setattr(aiwatch.loader, "load_file", real_load)
    assert KnowledgeBase.open(kb_copy).get("beta-fund").name == "Beta Capital"


KILLED_MIDWAY = """
import os, signal, sys
from pathlib import Path
import aiwatch.build as build
import aiwatch.index as index
real_fill = build.fill
def fill_then_die(connection, *rows):
    real_fill(connection, *rows)
    os.kill(os.getpid(), signal.SIGKILL)  # the temporary index is written, not yet renamed into place
build.fill = fill_then_die
index.open_index(Path(sys.argv[1]))
"""


def test_a_build_killed_midway_leaves_the_next_run_a_correct_answer(curated, isolated_cache):
    env = {**os.environ, "AIWATCH_CACHE_DIR": str(isolated_cache)}
    killed = subprocess.run([sys.executable, "-c", KILLED_MIDWAY, str(curated)], env=env, capture_output=True,
                            check=False, timeout=30)
    assert killed.returncode == -9
    assert not cache_path(curated).exists()
    assert KnowledgeBase.open(curated).get("alpha-lab").name == "Alpha Lab"
    assert cache_path(curated).exists()
    leftovers = [path.name for path in isolated_cache.iterdir() if path.suffix == ".tmp"]
    assert leftovers == [], "the killed build's temporary index is left in the cache"
