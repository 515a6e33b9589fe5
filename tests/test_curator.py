"""Curator tools: templates that never clobber, review ages, and what changed since a revision."""

import json
import os
import subprocess

import pytest
from typer.testing import CliRunner

from aiwatch.cli import app


def run(data, *args):
    return CliRunner().invoke(app, [*args, "--data", str(data)])


def snapshot(folder):
    return {str(path.relative_to(folder)): (path.stat().st_mtime_ns, path.read_bytes())
            for path in folder.rglob("*") if path.is_file()}


def test_new_writes_a_commented_template_and_touches_nothing_else(kb_copy):
    before = snapshot(kb_copy)
    result = run(kb_copy, "new", "organization", "delta-lab")
    assert result.exit_code == 0, result.output
    created = kb_copy / "organizations" / "delta-lab.yaml"
    after = snapshot(kb_copy)
    assert set(after) - set(before) == {"organizations/delta-lab.yaml"}
    assert all(after[name] == before[name] for name in before)
    text = created.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schema.json\nid: delta-lab")
    assert "\n# founded:  # YYYY, YYYY-MM or YYYY-MM-DD, at the precision known\n" in text
    report = run(kb_copy, "validate", "--format", "json")
    messages = {problem["message"] for problem in json.loads(report.stdout)["problems"]
                if "delta-lab" in problem["path"]}
    assert messages == {"name: expected text, got nothing", "summary: expected text, got nothing",
                        "type: no value; expected one of company, research-lab, investment-firm, university, "
                        "government-body, advisory-firm, exchange, nonprofit",
                        "sources: expected a list, got nothing"}


@pytest.mark.parametrize(("args", "code", "message"), [
    (["organization", "alpha-lab"], 1, "exists; it was not touched"),
    (["person", "alpha-lab"], 1, "is taken by"),
    (["organization", "Bad_Id"], 2, "is not an id"),
    (["organization", "../escape"], 2, "is not an id"),
    (["organisation", "fine-id"], 2, "unknown kind"),
])
def test_new_refuses_what_would_clobber_or_escape(kb_copy, args, code, message):
    before = snapshot(kb_copy)
    result = run(kb_copy, "new", *args)
    assert result.exit_code == code and message in result.stderr
    assert snapshot(kb_copy) == before


def test_stale_lists_missing_then_oldest_reviews(kb_copy):
    for name, reviewed in (("alpha-lab", "2020-01"), ("beta-fund", "2026-11-01")):
        path = kb_copy / "organizations" / f"{name}.yaml"
        path.write_text(path.read_text(encoding="utf-8") + f"reviewed: {reviewed}\n", encoding="utf-8")
    entries = json.loads(run(kb_copy, "stale", "--kind", "organization", "--older-than", "1y", "--json").stdout)
    assert [(entry["id"], entry["reviewed"]) for entry in entries] == [
        ("gamma-exchange", None), ("gamma-exchange-two", None), ("alpha-lab", "2020-01")]
    result = run(kb_copy, "stale", "--older-than", "soon")
    assert result.exit_code == 2 and "is not an age" in result.stderr


def git(folder, *args):
    env = {**os.environ, "GIT_AUTHOR_DATE": "2025-06-01T12:00:00", "GIT_COMMITTER_DATE": "2025-06-01T12:00:00"}
    subprocess.run(["git", "-C", str(folder), *args], check=True, capture_output=True, env=env)


@pytest.fixture
def history(kb_copy):
    git(kb_copy, "init", "-q")
    git(kb_copy, "-c", "user.name=t", "-c", "user.email=t@t", "add", ".")
    git(kb_copy, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "first")
    (kb_copy / "events" / "founding-year.yaml").unlink()
    fund = kb_copy / "organizations" / "beta-fund.yaml"
    fund.write_text(fund.read_text(encoding="utf-8").replace("founded: 2015", "founded: 2016")
                    + "reviewed: 2026-11-01\n", encoding="utf-8")
    (kb_copy / "events" / "new-event.yaml").write_text(
        "id: new-event\ntitle: Something new\ndate: 2026-02\ntype: release\nsummary: New.\n"
        "sources: [test-article]\n", encoding="utf-8")
    return kb_copy


def test_diff_since_a_revision_lists_added_removed_and_changed(history):
    found = json.loads(run(history, "diff", "--since", "HEAD", "--json").stdout)
    assert [(change["id"], change["date"]) for change in found["added"]] == [("new-event", "2026-02")]
    assert [change["id"] for change in found["removed"]] == ["founding-year"]
    assert [(change["id"], change["fields"]) for change in found["changed"]] == [
        ("beta-fund", ["+reviewed", "founded"])]
    text = run(history, "diff", "--since", "HEAD").stdout
    assert text.splitlines()[0].startswith("Since HEAD (commit ")
    assert "1 added, 1 removed, 1 changed; 1 new event(s)" in text.splitlines()[0]


def test_diff_since_a_date_uses_the_last_commit_before_it(history):
    after = json.loads(run(history, "diff", "--since", "2025-07", "--json").stdout)
    assert after["committed"] == "2025-06-01" and len(after["added"]) == 1
    before = json.loads(run(history, "diff", "--since", "2025-05", "--json").stdout)
    assert before["commit"] is None and len(before["added"]) == 16


def test_diff_outside_git_or_with_a_bad_revision_is_a_clear_error(kb_copy, history):
    bad = run(history, "diff", "--since", "no-such-rev")
    assert bad.exit_code == 1 and bad.stderr.startswith("aiwatch: error: diff --since no-such-rev:")
    assert "Traceback" not in bad.output
