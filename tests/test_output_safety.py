"""Output safety: no escape code or markup from the data is obeyed by any output, in a terminal or a pipe.

One entity carries every attack in its text (CSI, OSC 8, OSC 52, a C1 CSI, U+202E, Rich markup, a
spreadsheet formula, SQL); every command and format shows it, and none may pass a control character
through, drop the markup or let a spreadsheet run the formula.
"""

import csv
import io
import json
import re
import sqlite3

import pytest

from aiwatch.views.output import UNSAFE
from tests.process import in_terminal, run_cli

CLEAR_SCREEN, OSC8, OSC52 = "\\e[2J\\e[?1049h", "\\e]8;;http://evil.example\\aclick\\e]8;;\\a", "\\e]52;c;cHduZWQ=\\a"
HOSTILE_ORGANIZATION = f"""id: evil-co
name: "=HYPERLINK(\\"http://evil.example\\") [bold red]Evil[/] {CLEAR_SCREEN}"
aliases: ["{OSC52} alias", "'; DROP TABLE entities; --"]
type: company
summary: "Reversed \\u202eexe.pdf, a one-byte CSI \\x9b2J, {OSC8} and [link=http://evil.example]markup[/link]."
relations:
  - {{type: backs, target: alpha-lab, source: test-article, note: "{CLEAR_SCREEN} [blink]note[/]"}}
sources: [test-article]
"""
HOSTILE_EVENT = f"""id: evil-day
title: "Evil day {CLEAR_SCREEN} [bold]now[/bold]"
date: 2025-05-01
type: launch
summary: "{OSC52}"
participants:
  - {{entity: evil-co, role: subject}}
sources: [test-article]
"""
# Rich's own styling in a terminal: the only escape sequence allowed through
RICH_STYLE = re.compile(r"\x1b\[[0-9;]*m")
SHOWN_LITERALLY = ("[bold red]Evil[/]", "\\x1b[2J\\x1b[?1049h")

COMMANDS = [
    ["company", "evil-co"], ["company", "evil-co", "--json"], ["search", "evil"], ["search", "evil", "--json"],
    ["timeline", "--year", "2025"], ["timeline", "--year", "2025", "--json"], ["list", "organization"],
    ["related", "evil-co", "--depth", "2"], ["path", "evil-co", "ada-founder"], ["compare", "evil-co", "alpha-lab"],
    ["graph", "--format", "dot"], ["graph", "--format", "mermaid"], ["graph", "--format", "json"],
    ["export", "--format", "json"], ["export", "--format", "jsonl"], ["export", "--format", "csv"],
    ["export", "--format", "markdown"], ["brief", "evil-co"], ["stats"], ["validate"], ["validate", "--format", "json"],
    ["company", "evil"],  # a near miss: the error's suggestion names the entity
]


@pytest.fixture
def hostile(kb_copy):
    (kb_copy / "organizations" / "evil-co.yaml").write_text(HOSTILE_ORGANIZATION, encoding="utf-8")
    (kb_copy / "events" / "evil-day.yaml").write_text(HOSTILE_EVENT, encoding="utf-8")
    return kb_copy


@pytest.mark.parametrize("args", COMMANDS, ids=[" ".join(args) for args in COMMANDS])
def test_piped_output_obeys_nothing_from_the_data(hostile, args):
    out, _took = run_cli([*args, "--data", str(hostile)])
    stdout, stderr = out.stdout.decode("utf-8"), out.stderr.decode("utf-8")
    assert out.returncode in (0, 1) and "Traceback" not in stderr and "internal error" not in stderr, stderr
    for stream in (stdout, stderr):  # CSV ends its records in CRLF, as RFC 4180 asks
        assert not UNSAFE.search(stream.replace("\r\n", "\n")), UNSAFE.search(stream)
    if "--json" in args or args[-1] in ("json", "jsonl"):
        for document in ([stdout] if args[-1] != "jsonl" else stdout.splitlines()):
            json.loads(document)  # strict JSON: no NaN, every escape well formed


def test_the_text_survives_escaped_not_dropped(hostile):
    page = run_cli(["company", "evil-co", "--data", str(hostile)])[0].stdout.decode()
    for text in SHOWN_LITERALLY + ("\\u202eexe.pdf", "\\x9b2J", "\\x1b]8;;http://evil.example\\x07click",
                                   "[link=http://evil.example]markup[/link]", "'; DROP TABLE entities; --"):
        assert text in page, text
    exported = json.loads(run_cli(["export", "--format", "json", "--data", str(hostile)])[0].stdout)
    evil = next(record for record in exported if record["id"] == "evil-co")
    assert "\u202eexe.pdf" in evil["summary"] and "\x1b]8;;" in evil["summary"]  # JSON keeps the value exact


def test_csv_cells_are_formula_safe(hostile):
    text = run_cli(["export", "--format", "csv", "--data", str(hostile)])[0].stdout.decode()
    rows = list(csv.DictReader(io.StringIO(text)))
    evil = next(row for row in rows if row["id"] == "evil-co")
    assert evil["name"].startswith("'=HYPERLINK(")
    assert all(not cell.startswith(("=", "+", "-", "@", "\t", "\r")) for row in rows for cell in row.values())


def test_the_sqlite_export_stores_hostile_text_as_data(hostile, tmp_path):
    out = tmp_path / "kb.db"
    assert run_cli(["export", "--format", "sqlite", "--out", str(out), "--data", str(hostile)])[0].returncode == 0
    database = sqlite3.connect(out)
    tables = {name for (name,) in database.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert "entities" in tables
    assert database.execute("SELECT count(*) FROM aliases WHERE alias = ?",
                            ("'; DROP TABLE entities; --",)).fetchone() == (1,)


@pytest.mark.parametrize("args", [["company", "evil-co"], ["timeline", "--year", "2025"], ["search", "evil"],
                                  ["related", "evil-co"], ["company", "evil"]])
def test_a_colour_terminal_gets_rich_styles_and_nothing_else(hostile, isolated_cache, args):
    shown = in_terminal([*args, "--data", str(hostile)], {"FORCE_COLOR": "1", "AIWATCH_CACHE_DIR": str(isolated_cache)})
    unstyled = RICH_STYLE.sub("", shown)
    assert not UNSAFE.search(unstyled.replace("\r\n", "\n")), UNSAFE.search(unstyled)
    assert "Traceback" not in shown
    if args != ["company", "evil"]:
        assert "[bold" in unstyled and "\\x1b[2J" in unstyled
