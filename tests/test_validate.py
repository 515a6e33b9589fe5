"""`aiwatch validate` on a folder of broken fixtures, one per check: every problem at its place."""

import json

from typer.testing import CliRunner

from aiwatch.cli import app
from tests.conftest import BROKEN, DATA, KB

EXPECTED = (BROKEN.parent / "broken.expected").read_text(encoding="utf-8").splitlines()


def run(*args):
    return CliRunner().invoke(app, ["validate", *args])


def test_broken_fixtures_list_every_problem_at_its_file_line_and_column(monkeypatch):
    monkeypatch.chdir(BROKEN)
    result = run("--data", ".")
    assert result.exit_code == 1
    lines = result.stdout.strip().splitlines()
    assert lines[:-1] == EXPECTED
    assert lines[-1] == "34 files checked: 29 error(s), 2 warning(s)"


def test_every_broken_fixture_file_is_reported():
    reported = {line.split(":")[0] for line in EXPECTED}
    files = {str(path.relative_to(BROKEN)) for path in BROKEN.rglob("*") if path.is_file()}
    assert files - reported == {"sources/fixture-source.yaml", "places/home-town.yaml", "organizations/twin.yaml",
                                "organizations/shared-name-one.yaml"}


def test_json_format_lists_the_same_problems():
    result = run("--data", str(BROKEN), "--format", "json")
    report = json.loads(result.stdout)
    assert result.exit_code == 1
    assert (report["files"], report["errors"], report["warnings"]) == (34, 29, 2)
    assert {"path", "line", "col", "severity", "message"} == set(report["problems"][0])


def test_valid_fixture_and_bundled_data_are_clean():
    for folder in (KB, DATA):
        result = run("--data", str(folder))
        assert result.exit_code == 0, result.stdout
        assert " 0 error(s)" in result.stdout.splitlines()[-1]
