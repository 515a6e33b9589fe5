"""The hostile data corpus: files a stranger could put in a data folder, and what aiwatch must say about each.

Each case is a folder under tests/hostile/data/ laid over a copy of the small valid knowledge base, or,
for inputs too big or too strange to commit (20 MB, 50,000-deep nesting, links, pipes), made here at
test time. tests/hostile/expected.toml holds what `aiwatch validate` must print about each case. The
CLI runs in a process of its own (tests/process.py): a parser crash is a signal, a hang a timeout.
"""

import os
import re
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest

from aiwatch.views.output import UNSAFE
from tests.conftest import KB, TESTS
from tests.process import run_cli

HOSTILE = TESTS / "hostile"
CASES = tomllib.loads((HOSTILE / "expected.toml").read_text(encoding="utf-8"))
TIME_LIMIT = 2.0  # seconds, per command
# the valid fixture's own warning: it carries an escape code on purpose, for the page tests
FIXTURE_WARNING = ("organizations/alpha-lab.yaml:9:10: warning: summary: text contains control character U+001B; "
                   "it is shown escaped, never interpreted")
SUMMARY = re.compile(r"^\d+ files checked: (\d+) error\(s\), (\d+) warning\(s\)$")
ORGANIZATION = "id: evil\nname: Evil Co\ntype: company\nsources: [test-article]\n"


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _billion_laughs() -> str:
    """Nine levels of nine aliases each: a billion strings if a loader expanded them."""
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in "bcdefghi":
        previous = chr(ord(level) - 1)
        lines.append(f"{level}: &{level} [{', '.join([f'*{previous}'] * 9)}]")
    return ORGANIZATION + "summary: laughs\n" + "\n".join(lines) + "\n"


# case -> how to make it: (the knowledge-base copy, a folder outside it)
GENERATED = {
    "deep-flow-sequences-1000": lambda kb, outside: _write(
        kb / "organizations/evil.yaml", ORGANIZATION + "summary: " + "[" * 1_000 + "]" * 1_000 + "\n"),
    "deep-flow-sequences-50000": lambda kb, outside: _write(
        kb / "organizations/evil.yaml", ORGANIZATION + "summary: " + "[" * 50_000 + "]" * 50_000 + "\n"),
    "deep-flow-mappings-50000": lambda kb, outside: _write(
        kb / "organizations/evil.yaml", ORGANIZATION + "summary: " + "{a: " * 50_000 + "}" * 50_000 + "\n"),
    "deep-block-sequences-1000": lambda kb, outside: _write(
        kb / "organizations/evil.yaml", ORGANIZATION + "summary:\n  " + "- " * 1_000 + "x\n"),
    "billion-laughs": lambda kb, outside: _write(kb / "organizations/evil.yaml", _billion_laughs()),
    "file-of-20-mb": lambda kb, outside: _write(
        kb / "organizations/evil.yaml", ORGANIZATION + "summary: " + "x" * (20 * 1024 * 1024) + "\n"),
    "very-long-strings": lambda kb, outside: _write(
        kb / "organizations/evil.yaml",
        ORGANIZATION.replace("Evil Co", "N" * 10_000) + "summary: " + "lorem ipsum " * 20_000 + "\n"),
    "very-long-key": lambda kb, outside: _write(
        kb / "organizations/evil.yaml", ORGANIZATION + "summary: s\n" + "k" * 100_000 + ": v\n"),
    "ten-thousand-unknown-fields": lambda kb, outside: _write(
        kb / "organizations/evil.yaml", ORGANIZATION + "summary: s\n" + "".join(f"k{i}: v\n" for i in range(10_000))),
    "twenty-thousand-aliases": lambda kb, outside: _write(
        kb / "organizations/evil.yaml",
        ORGANIZATION + "summary: s\naliases: [" + ", ".join(f"e{i}" for i in range(20_000)) + "]\n"),
    "symlink-outside-the-data-folder": lambda kb, outside: (
        _write(outside / "secret.yaml", ORGANIZATION + "summary: read from outside\n"),
        os.symlink(outside / "secret.yaml", kb / "organizations/evil.yaml")),
    "symlink-to-dev-zero": lambda kb, outside: os.symlink("/dev/zero", kb / "organizations/evil.yaml"),
    "dangling-symlink": lambda kb, outside: os.symlink("missing.yaml", kb / "organizations/evil.yaml"),
    "named-pipe": lambda kb, outside: os.mkfifo(kb / "organizations/evil.yaml"),
    "escape-codes-in-a-file-name": lambda kb, outside: _write(
        kb / "organizations/\x1b[31mred\x1b]8;;x\x07.yaml", ORGANIZATION.replace("evil", "red") + "summary: s\n"),
}


def materialize(case: str, root: Path) -> Path:
    """A copy of the valid knowledge base with the case's files laid over it."""
    kb = root / "kb"
    shutil.copytree(KB, kb)
    if case in GENERATED:
        (root / "outside").mkdir()
        GENERATED[case](kb, root / "outside")
    else:
        shutil.copytree(HOSTILE / "data" / case, kb, dirs_exist_ok=True)
    return kb


def assert_clean(out: subprocess.CompletedProcess, took: float, what: str) -> tuple[str, str]:
    """No signal, no traceback, in time, strict UTF-8 and nothing a terminal would obey: the output as text."""
    assert out.returncode >= 0, f"{what} was killed by signal {-out.returncode}"
    stdout, stderr = out.stdout.decode("utf-8"), out.stderr.decode("utf-8")
    assert "Traceback" not in stderr and "internal error" not in stderr, stderr
    assert took < TIME_LIMIT, f"{what} took {took:.2f} s"
    for stream in (stdout, stderr):
        assert not UNSAFE.search(stream), f"{what} printed {UNSAFE.search(stream).group()!r} raw"
    return stdout, stderr


def test_every_case_has_files_or_a_generator_and_an_expectation():
    committed = {path.name for path in (HOSTILE / "data").iterdir()}
    assert committed.isdisjoint(GENERATED)
    assert set(CASES) == committed | set(GENERATED)
    assert len(CASES) >= 40


@pytest.mark.parametrize("case", sorted(CASES))
def test_hostile_data(case, tmp_path):
    expected = CASES[case]
    kb = materialize(case, tmp_path)
    validated = run_cli(["validate", "--data", "."], kb)
    stdout, _stderr = assert_clean(*validated, f"validate ({case})")
    *problems, summary = stdout.rstrip("\n").split("\n")
    reported = [line for line in problems if line != FIXTURE_WARNING]
    if "line_count" in expected:
        assert len(reported) == expected["line_count"]
        reported = reported[: len(expected["lines"])]
    assert reported == expected["lines"]
    errors = expected.get("line_count", sum(": error: " in line for line in expected["lines"]))
    counts = SUMMARY.match(summary)
    assert counts and int(counts.group(1)) == errors, summary
    assert validated[0].returncode == expected["exit"] == (1 if errors else 0)
    if errors:  # a lookup refuses the data in one line that names the first error
        looked_up = run_cli(["company", "alpha-lab", "--data", "."], kb)
        out, err = assert_clean(*looked_up, f"company alpha-lab ({case})")
        first_error = next(line for line in problems if ": error: " in line)
        assert (looked_up[0].returncode, out) == (1, "")
        assert err.startswith(f"aiwatch: error: the data is invalid: {first_error}") and err.count("\n") == 1, err
    if "show" in expected:  # accepted: the page shows the hostile text as it was written, obeying none of it
        shown = run_cli([*expected["show"], "--data", "."], kb)
        out, err = assert_clean(*shown, f"{' '.join(expected['show'])} ({case})")
        assert (shown[0].returncode, err) == (0, "")
        for text in expected["shown"]:
            assert text in out, text
