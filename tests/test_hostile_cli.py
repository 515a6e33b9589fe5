"""Hostile command lines: each is one clean line on stderr, exit 2 for a usage error or 1 for a data error.

They run through the console script's `main()` in a process of their own (tests/process.py), which is
where click's usage errors, internal errors and the exit code are decided; arguments that are not
UTF-8 run in a fresh interpreter under LC_ALL=C, since only start-up decodes them.
"""

import os
import subprocess
import sys

import pytest

from aiwatch.views.output import UNSAFE
from tests.conftest import KB
from tests.process import run_cli

LONG = "x" * 10_000

# (arguments, exit code, what the error says); {missing}, {file}, {empty} and {kb} name folders made per test
COMMAND_LINES = [
    (["company", "alpha", "--bogus"], 2, "aiwatch: error: No such option: --bogus (see `aiwatch company --help`)"),
    (["--bogus"], 2, "No such option: --bogus"),
    (["frobnicate"], 2, "No such command 'frobnicate'"),
    (["company"], 2, "Missing argument 'name'"),
    (["company", ""], 2, "the name is empty"),
    (["company", " \t "], 2, "the name is empty"),
    (["search", ""], 2, "the search query is empty"),
    (["search", "  \t "], 2, "the search query is empty"),
    (["search", '"'], 2, "'\"' has no word to search for"),
    (["search", "*** ^ :"], 2, "has no word to search for"),
    (["company", LONG], 1, f"no organization named '{LONG}'"),
    (["timeline", "--entity", LONG], 1, f"no entity named '{LONG}'"),
    (["list", "organization", "--hub", LONG], 1, f"no place named '{LONG}'"),
    (["timeline", "--year", "abc"], 2, "Invalid value for '--year': 'abc' is not a valid int"),
    (["timeline", "--year", "0"], 2, "0 is not in the range 1900<=x<=2100"),
    (["timeline", "--year", "2025", "--from", "2024"], 2, "give --year or --from/--to, not both"),
    (["timeline", "--from", "2025-02-30"], 2, "--from: '2025-02-30' is not a calendar day (2025-02 has 28 days)"),
    (["timeline", "--to", "yesterday"], 2, "--to: 'yesterday' is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD"),
    (["person", "ada", "--as-of", "0000"], 2, "--as-of: '0000' has no year 0"),
    (["person", "ada", "--as-of", "2025-13-01"], 2, "--as-of: '2025-13-01' has no month 13"),
    (["person", "ada", "--as-of", ""], 2, "--as-of: '' is not a date"),
    (["list", "organization", "--founded-after", "soon"], 2, "--founded-after: 'soon' is not a date"),
    (["list", "\x1b[31morganization"], 2, "unknown kind '\\x1b[31morganization'"),
    (["company", "\x1b]52;c;aGk=\x07"], 1, "no organization named '\\x1b]52;c;aGk=\\x07'"),
    (["search", "alpha", "--limit", "0"], 2, "0 is not in the range 1<=x<=500"),
    (["related", "alpha", "--depth", "99"], 2, "99 is not in the range 1<=x<=3"),
    (["graph", "--format", "png"], 2, "'png' is not one of 'dot', 'mermaid', 'json'"),
    (["export", "--format", "sqlite"], 2, "--format sqlite writes a file: give --out PATH"),
    (["stale", "--older-than", "forever"], 2, "'forever' is not an age"),
    (["compare", "alpha"], 2, "compare needs at least two names"),
    (["path", "alpha", "alpha-lab"], 2, "'alpha' and 'alpha-lab' are the same entity"),
    (["new", "organization", "../evil", "--data", "{kb}"], 2, "'../evil' is not an id"),
    (["company", "alpha", "--data", "{missing}"], 1, "does not exist (give --data DIR or set AIWATCH_DATA)"),
    (["company", "alpha", "--data", "{file}"], 2, "is a file"),
    (["company", "alpha", "--data", "{empty}"], 1, "no organization named 'alpha'"),
]

# Arguments that are not UTF-8, as a shell in the C locale passes them
UNDECODABLE = [
    ([b"search", b"\xff\xfe"], 2, "has no word to search for"),
    ([b"company", b"caf\xe9"], 1, "no organization named 'caf\\udce9'"),
    ([b"timeline", b"--from", b"2025\xff"], 2, "--from: '2025\\udcff' is not a date"),
    ([b"company", b"alpha", b"--data", b"/nowhere/\xff"], 1, "does not exist"),
]


def assert_one_clean_line(out: subprocess.CompletedProcess, code: int, message: str) -> None:
    stdout, stderr = out.stdout.decode("utf-8"), out.stderr.decode("utf-8")
    assert out.returncode == code, stderr
    assert stdout == ""
    assert "Traceback" not in stderr and "internal error" not in stderr
    assert stderr.startswith("aiwatch: error: ") and stderr.count("\n") == 1, stderr
    assert message in stderr
    assert not UNSAFE.search(stderr)


@pytest.fixture
def folders(tmp_path, kb_copy):
    (tmp_path / "a-file").write_text("not a folder")
    (tmp_path / "empty").mkdir()
    return {"missing": tmp_path / "nowhere", "file": tmp_path / "a-file", "empty": tmp_path / "empty", "kb": kb_copy}


@pytest.mark.parametrize(("args", "code", "message"), COMMAND_LINES,
                         ids=[" ".join(args)[:40] for args, _code, _message in COMMAND_LINES])
def test_hostile_command_line(args, code, message, folders):
    args = [arg.format(**folders) if arg.startswith("{") else arg for arg in args]
    if "--data" not in args:
        args += ["--data", str(KB)]
    out, took = run_cli(args)
    assert_one_clean_line(out, code, message)
    assert took < 2


@pytest.mark.parametrize(("args", "code", "message"), UNDECODABLE,
                         ids=[repr(b" ".join(args)) for args, _code, _message in UNDECODABLE])
def test_arguments_that_are_not_utf8_under_the_c_locale(args, code, message, isolated_cache):
    if b"--data" not in args:
        args = [*args, b"--data", os.fsencode(KB)]
    out = subprocess.run([sys.executable, "-m", "aiwatch", *args], check=False, capture_output=True, timeout=10,
                         env={**os.environ, "LC_ALL": "C", "AIWATCH_CACHE_DIR": str(isolated_cache)})
    assert_one_clean_line(out, code, message)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads a folder whatever its permissions")
def test_an_unreadable_data_folder_is_a_clean_error(tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir(mode=0)
    out, _took = run_cli(["company", "alpha", "--data", str(locked)])
    assert_one_clean_line(out, 1, "aiwatch: error: ")
