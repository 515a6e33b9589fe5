"""The README's tour is real output, and its two commands stay at the top."""

import re
import shlex

from typer.testing import CliRunner

from aiwatch.cli import app
from tests.conftest import DATA

README = (DATA.parent / "README.md").read_text(encoding="utf-8")


def test_the_readme_opens_with_the_install_and_test_commands():
    blocks = re.findall(r"```sh\n(.*?)\n```", README, re.DOTALL)
    assert blocks[0] == "python3 -m venv .venv && . .venv/bin/activate && pip install . && aiwatch company deepseek"
    assert blocks[1] == ("python3 -m venv .venv && . .venv/bin/activate && pip install -e '.[test]' && "
                         "scripts/check")


def test_the_tour_shows_what_the_tool_prints_today():
    examples = re.findall(r"```\n\$ aiwatch (.*?)\n(.*?)\n```", README, re.DOTALL)
    assert len(examples) >= 2
    for command, shown in examples:
        result = CliRunner().invoke(app, shlex.split(command))
        assert result.exit_code == 0, command
        assert result.stdout.rstrip() == shown, f"stale README example `aiwatch {command}`: scripts/refresh-readme"


def test_every_command_has_help_and_appears_in_the_readme():
    from aiwatch.cli import COMMAND_MODULES, HIDDEN, SUMMARIES

    for name in COMMAND_MODULES.keys() - HIDDEN:
        assert SUMMARIES[name], name
        assert f"aiwatch {name}" in README, name


def test_ci_runs_the_readme_test_command_as_written():
    blocks = re.findall(r"```sh\n(.*?)\n```", README, re.DOTALL)
    ci = (DATA.parent / ".ci" / "run").read_text(encoding="utf-8")
    assert f"\n{blocks[1]}\n" in ci
