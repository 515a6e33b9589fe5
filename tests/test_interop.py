"""Exports, briefs and stats: formats other tools accept, escaping, and never clobbering a file."""

import csv
import io
import json
import sqlite3

import pytest
from typer.testing import CliRunner

from aiwatch.cli import app
from tests.conftest import KB


def run(*args, data=KB):
    return CliRunner().invoke(app, [*args, "--data", str(data)])


@pytest.fixture
def hostile_kb(kb_copy):
    """Data that would inject a formula, break a Markdown table or a JSON encoder if not handled."""
    target = kb_copy / "organizations" / "beta-fund.yaml"
    text = target.read_text(encoding="utf-8")
    text = text.replace("name: Beta Fund", 'name: "=HYPERLINK(\\"http://x\\")"')
    text = text.replace("summary: A test fund that backs Alpha Lab.",
                        'summary: "A fund | with a pipe,\\na line break, *stars* and <b>tags</b> 基金"')
    target.write_text(text, encoding="utf-8")
    return kb_copy


def test_json_export_is_strict_utf8_and_complete():
    result = run("export", "--format", "json")
    records = json.loads(result.stdout)
    assert len(records) == 16
    assert {"id": "lake-city", "kind": "place", "native_name": "湖城"}.items() <= next(
        record for record in records if record["id"] == "lake-city").items()
    assert "湖城" in result.stdout  # not \\u escapes


def test_jsonl_export_of_one_kind():
    lines = run("export", "--format", "jsonl", "--kind", "event").stdout.splitlines()
    assert [json.loads(line)["id"] for line in lines] == ["alpha-one-release", "chip-rule-2024", "founding-year"]


def test_csv_export_cannot_inject_a_formula(hostile_kb):
    rows = list(csv.DictReader(io.StringIO(run("export", "--format", "csv", data=hostile_kb).stdout)))
    fund = next(row for row in rows if row["id"] == "beta-fund")
    assert fund["name"] == "'=HYPERLINK(\"http://x\")"
    assert fund["summary"].startswith("A fund | with a pipe,\na line break")
    assert all(not cell.startswith(("=", "+", "@")) for row in rows for cell in row.values())


DATASETTE_DETECT_FTS = """
select name from sqlite_master where rootpage = 0 and (
    sql like '%VIRTUAL TABLE%USING FTS%content="entities"%'
    or sql like '%VIRTUAL TABLE%USING FTS%content=[entities]%'
    or (tbl_name = 'entities' and sql like '%VIRTUAL TABLE%USING FTS%'))
"""


def test_sqlite_export_has_the_schema_datasette_relies_on(tmp_path):
    out = tmp_path / "kb.db"
    assert run("export", "--format", "sqlite", "--out", str(out)).exit_code == 0
    db = sqlite3.connect(out)
    assert db.execute(DATASETTE_DETECT_FTS).fetchall() == [("entities_fts",)]
    def hits(words):
        return db.execute("SELECT e.id FROM entities_fts f JOIN entities e ON e.rowid = f.rowid "
                          "WHERE entities_fts MATCH ? ORDER BY e.id", (words,)).fetchall()

    assert hits("fund") == [("beta-fund",), ("founding-year",)]
    assert hits("湖城") == [("lake-city",)]
    assert {row[2] for row in db.execute("PRAGMA foreign_key_list(relations)")} == {"entities"}
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    assert db.execute("SELECT label, reverse_label FROM relations WHERE subject_id = 'beta-fund' AND "
                      "object_id = 'alpha-lab'").fetchone() == ("backs", "backed by")
    schema = db.execute("SELECT sql FROM sqlite_master WHERE name = 'entities'").fetchone()[0]
    assert "-- the slug, as in data/<kind folder>/<id>.yaml" in schema


def test_sqlite_export_needs_a_file():
    result = run("export", "--format", "sqlite")
    assert result.exit_code == 2 and "give --out" in result.stderr


@pytest.mark.parametrize("format", ["json", "csv", "sqlite", "markdown"])
def test_an_existing_file_is_never_overwritten_without_force(tmp_path, format):
    (tmp_path / "out").mkdir()
    out = tmp_path / "out" / "existing"
    out.write_text("precious", encoding="utf-8")
    refused = run("export", "--format", format, "--out", str(out))
    assert refused.exit_code == 1 and "exists; give --force" in refused.stderr
    assert out.read_text(encoding="utf-8") == "precious"
    assert run("export", "--format", format, "--out", str(out), "--force").exit_code == 0
    assert out.read_bytes() != b"precious"
    assert sorted(path.name for path in out.parent.iterdir()) == ["existing"]  # no temporary file left


def test_brief_escapes_data_so_tables_and_markup_hold(hostile_kb):
    brief = run("brief", "beta-fund", data=hostile_kb).stdout
    assert brief.startswith('# =HYPERLINK("http://x") (贝塔基金)\n')
    assert "A fund \\| with a pipe, a line break, \\*stars\\* and \\<b\\>tags\\</b\\> 基金[^1]" in brief
    table_rows = [line for line in brief.splitlines() if line.startswith("|")]
    assert all(line.endswith("|") for line in table_rows)
    assert all(line.count(" | ") - line.count("\\| ") in (1, 3) for line in table_rows)


def test_brief_numbers_footnotes_and_lists_them():
    brief = run("brief", "alpha-lab").stdout
    assert "| Founded | 2023-05[^2] |" in brief
    assert "[^1]: A test article about \\[bold\\]markup\\[/bold\\]. Test Gazette. 2025-03." in brief
    assert "[^2]: Test company registry" in brief


def test_brief_to_a_file_refuses_to_overwrite(tmp_path):
    out = tmp_path / "alpha.md"
    assert run("brief", "alpha", "--out", str(out)).exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("# Alpha Lab (阿尔法实验室)")
    assert run("brief", "alpha", "--out", str(out)).exit_code == 1


def test_markdown_export_keeps_footnotes_unique_per_page():
    text = run("export", "--format", "markdown", "--kind", "organization").stdout
    assert text.count("\n## ") == 4
    assert "[^alpha-lab-1]:" in text and "[^beta-fund-1]:" in text


def test_stats_count_kinds_sources_and_events_per_year():
    stats = json.loads(run("stats", "--json").stdout)
    assert stats["counts"]["organization"] == 4 and stats["counts"]["source"] == 2
    assert stats["events_per_year"] == {"2024": 1, "2025": 2}
    assert stats["facts_covered"] == stats["facts"] > stats["facts_cited"] > 0
    assert stats["most_connected"][0]["id"] == "alpha-lab"
    chart = run("stats").stdout
    assert "  2025 " + "█" * 40 + " 2" in chart and "  2024 " + "█" * 20 + " 1" in chart
