"""The CLI skeleton: lookups by any name, exit codes, errors on stderr without tracebacks."""

import importlib
import json
import os
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from aiwatch.cli import app
from tests.conftest import BROKEN, KB


def run(*args):
    return CliRunner().invoke(app, [*args, "--data", str(KB)])


@pytest.mark.parametrize("name", ["alpha-lab", "Alpha Lab", "ALPHA", "阿尔法实验室", "ａｌｐｈａ ｌａｂｓ ｉｎｃ.",
                                  "alphalabsinc"])
def test_a_company_resolves_from_id_name_alias_native_name_and_full_width(name):
    result = run("company", name, "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["id"] == "alpha-lab"


def test_a_product_alias_leads_to_its_maker_and_says_so():
    result = run("company", "alphachat", "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["id"] == "alpha-lab"
    assert "is the product Alpha-1; showing its developer" in result.stderr


def test_a_near_miss_suggests_and_exits_1():
    result = run("company", "alpa lab")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.strip() == ("aiwatch: error: no organization named 'alpa lab'; "
                                     "did you mean Alpha Lab (alpha-lab)?")


def test_a_name_of_another_kind_points_to_the_right_command():
    result = run("company", "Lake City")
    assert result.exit_code == 1
    assert "try `aiwatch hub lake-city`" in result.stderr


def section(page, title):
    return next((section["rows"] for section in page["sections"] if section["title"] == title), [])


def test_relations_are_shown_from_both_ends_with_reverse_labels():
    fund = json.loads(run("company", "beta-fund", "--json").stdout)
    lab = json.loads(run("company", "alpha-lab", "--json").stdout)
    assert [row["entity"] for row in section(fund, "Backs")] == ["alpha-lab"]
    assert [(row["entity"], row["since"]) for row in section(lab, "Backed by")] == [("beta-fund", "2023")]


def test_as_of_hides_roles_not_yet_held_or_already_ended():
    def titles(as_of):
        page = json.loads(run("person", "ada-founder", "--json", "--as-of", as_of).stdout)
        return [row["detail"] for row in section(page, "Roles")]

    assert titles("2024") == ["CEO"]
    assert titles("2026-02") == ["chief scientist"]


@pytest.mark.parametrize(("args", "code", "message"), [
    (["person", "ada", "--as-of", "2025-13"], 2, "--as-of: '2025-13' has no month 13"),
    (["list", "orgs"], 2, "unknown kind 'orgs'"),
    (["company"], 2, "Missing argument"),
])
def test_usage_errors_exit_2(args, code, message):
    result = run(*args)
    assert result.exit_code == code
    assert message in result.stderr
    assert "Traceback" not in result.output


def test_invalid_data_is_a_one_line_error_with_exit_1():
    result = CliRunner().invoke(app, ["company", "x", "--data", str(BROKEN)])
    assert result.exit_code == 1
    assert len(result.stderr.strip().splitlines()) == 1
    assert "the data is invalid:" in result.stderr and "run `aiwatch validate" in result.stderr


def test_a_missing_data_folder_is_a_clear_error(tmp_path):
    result = CliRunner().invoke(app, ["company", "x", "--data", str(tmp_path / "nowhere")])
    assert result.exit_code != 0
    assert "Traceback" not in result.output


def test_data_folder_from_the_environment(monkeypatch):
    monkeypatch.setenv("AIWATCH_DATA", str(KB))
    result = CliRunner().invoke(app, ["list", "place", "--json"])
    assert [entity["id"] for entity in json.loads(result.stdout)] == ["earth-country", "lake-city"]


def test_python_dash_m_runs_the_same_cli(isolated_cache):
    out = subprocess.run([sys.executable, "-m", "aiwatch", "company", "alpha", "--json", "--data", str(KB)],
                         capture_output=True, text=True, check=False,
                         env={**os.environ, "AIWATCH_CACHE_DIR": str(isolated_cache)})
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["name"] == "Alpha Lab"


def test_a_near_miss_of_another_kind_suggests_the_right_command():
    result = run("person", "alpa lab")
    assert result.exit_code == 1
    assert "did you mean Alpha Lab (`aiwatch company alpha-lab`)?" in result.stderr


def test_the_command_table_names_every_command_of_every_module():
    from aiwatch.cli import COMMAND_MODULES

    for module in set(COMMAND_MODULES.values()):
        defined = importlib.import_module(f"aiwatch.cli.{module}").COMMANDS
        assert set(defined) == {name for name, owner in COMMAND_MODULES.items() if owner == module}


def test_help_lists_every_command_with_its_summary_without_building_one():
    from aiwatch.cli import COMMAND_MODULES, HIDDEN, SUMMARIES, app

    listed = [name for name in COMMAND_MODULES if name not in HIDDEN]
    assert list(SUMMARIES) == listed
    for name in listed:
        function = importlib.import_module(f"aiwatch.cli.{COMMAND_MODULES[name]}").COMMANDS[name]
        assert function.__doc__.strip().splitlines()[0] == SUMMARIES[name], name
    result = CliRunner().invoke(app, ["--help"])
    assert all(f"\n  {name} " in result.stdout for name in listed) and "\n  model " not in result.stdout
    probe = ("import sys\nfrom aiwatch.cli import main\nsys.argv = ['aiwatch', '--help']\n"
             "try:\n    main()\nexcept SystemExit:\n    pass\n"
             "print([name for name in sys.modules if name.startswith('aiwatch.cli.') or name.startswith('rich')],"
             " file=sys.stderr)")
    listing = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert listing.stderr.strip() == "[]"


def test_a_mistyped_command_gets_the_closest_names():
    result = CliRunner().invoke(app, ["compny", "x"])
    assert result.exit_code == 2
    assert "No such command 'compny'. Did you mean 'company', 'compare'?" in result.output


def test_completion_loads_neither_the_yaml_nor_the_json_nor_the_rich_libraries(isolated_cache):
    from aiwatch.index import open_index

    open_index(KB)[0].close()
    probe = ("import sys\nfrom aiwatch.cli import main\nsys.argv = ['aiwatch']\n"
             "try:\n    main()\nexcept SystemExit:\n    pass\n"
             "print([name for name in ('yaml', 'pydantic', 'json', 'rich', 'aiwatch.loader') if name in sys.modules],"
             " file=sys.stderr)")
    env = {**os.environ, "AIWATCH_CACHE_DIR": str(isolated_cache), "_AIWATCH_COMPLETE": "complete_bash",
           "COMP_WORDS": f"aiwatch company --data {KB} al", "COMP_CWORD": "4"}
    done = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["alpha-lab"]
    assert done.stderr.strip() == "[]"
