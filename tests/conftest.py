from pathlib import Path

import pytest

TESTS = Path(__file__).parent
FIXTURES = TESTS / "fixtures"
KB = FIXTURES / "kb"
BROKEN = FIXTURES / "broken"
DATA = TESTS.parent / "data"


@pytest.fixture(autouse=True)
def isolated_cache(tmp_path, monkeypatch):
    """Tests never touch the user's cache: each gets its own folder."""
    cache = tmp_path / "cache"
    monkeypatch.setenv("AIWATCH_CACHE_DIR", str(cache))
    monkeypatch.delenv("AIWATCH_DATA", raising=False)
    return cache


@pytest.fixture
def kb_copy(tmp_path):
    """A writable copy of the small valid knowledge base."""
    import shutil

    target = tmp_path / "kb"
    shutil.copytree(KB, target)
    return target
