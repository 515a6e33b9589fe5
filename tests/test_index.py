"""The compiled index: freshness, recovery from bad cache files, fallbacks and concurrent builds."""

import json
import os
import sqlite3
import subprocess
import sys

import pytest

from aiwatch.index import DataInvalid, cache_path, open_index
from aiwatch.query import KnowledgeBase


def names(folder):
    return {entity.id for entity in KnowledgeBase.open(folder).list("organization")}


def touch_later(path, text):
    """Write a file so that its modification time surely differs from the previous write."""
    before = path.stat().st_mtime_ns if path.exists() else 0
    path.write_text(text, encoding="utf-8")
    if path.stat().st_mtime_ns == before:
        os.utime(path, ns=(before + 1_000_000, before + 1_000_000))


def test_the_index_is_built_once_then_reused(kb_copy):
    open_index(kb_copy)[0].close()
    built = cache_path(kb_copy).stat().st_mtime_ns
    open_index(kb_copy)[0].close()
    assert cache_path(kb_copy).stat().st_mtime_ns == built


def test_an_edited_file_is_seen_on_the_next_run(kb_copy):
    target = kb_copy / "organizations" / "beta-fund.yaml"
    assert KnowledgeBase.open(kb_copy).get("beta-fund").name == "Beta Fund"
    touch_later(target, target.read_text().replace("name: Beta Fund", "name: Beta Capital"))
    assert KnowledgeBase.open(kb_copy).get("beta-fund").name == "Beta Capital"


def test_added_and_deleted_files_are_seen_on_the_next_run(kb_copy):
    added = kb_copy / "organizations" / "delta.yaml"
    assert "delta" not in names(kb_copy)
    touch_later(added, "id: delta\nname: Delta\ntype: company\nsummary: New.\nsources: [test-registry]\n")
    assert "delta" in names(kb_copy)
    added.unlink()
    assert "delta" not in names(kb_copy)


@pytest.mark.parametrize("damage", ["garbage", "truncated", "foreign", "empty"])
def test_a_damaged_cache_file_is_rebuilt_not_trusted(kb_copy, damage):
    open_index(kb_copy)[0].close()
    path = cache_path(kb_copy)
    if damage == "garbage":
        path.write_bytes(b"not a database at all" * 100)
    elif damage == "truncated":
        path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    elif damage == "foreign":
        path.unlink()
        foreign = sqlite3.connect(path)
        foreign.execute("CREATE TABLE meta (key TEXT, value TEXT)")
        foreign.commit()
        foreign.close()
    else:
        path.write_bytes(b"")
    assert KnowledgeBase.open(kb_copy).get("alpha-lab").name == "Alpha Lab"


def test_an_unwritable_cache_falls_back_to_memory(kb_copy, tmp_path, monkeypatch, capsys):
    blocker = tmp_path / "a-file"
    blocker.write_text("the cache folder would have to be inside this file")
    monkeypatch.setenv("AIWATCH_CACHE_DIR", str(blocker / "cache"))
    assert KnowledgeBase.open(kb_copy).get("alpha-lab").name == "Alpha Lab"
    assert "building it in memory" in capsys.readouterr().err


def test_invalid_data_builds_no_index(kb_copy):
    touch_later(kb_copy / "organizations" / "alpha-lab.yaml", "id: alpha-lab\nname: [unclosed\n")
    with pytest.raises(DataInvalid) as failure:
        open_index(kb_copy)
    assert "alpha-lab.yaml:3:1: error: YAML syntax" in str(failure.value.problems[0])


def test_concurrent_builds_never_show_a_half_built_index(kb_copy, isolated_cache):
    command = [sys.executable, "-m", "aiwatch", "list", "organization", "--json", "--data", str(kb_copy)]
    env = {**os.environ, "AIWATCH_CACHE_DIR": str(isolated_cache)}
    outputs = set()
    for _round in range(3):
        for path in isolated_cache.glob("*"):
            path.unlink()
        runs = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env) for _ in range(6)]
        for run in runs:
            out, err = run.communicate(timeout=60)
            assert run.returncode == 0, err
            outputs.add(out)
    assert len(outputs) == 1
    assert [entity["id"] for entity in json.loads(outputs.pop())] == [
        "alpha-lab", "beta-fund", "gamma-exchange", "gamma-exchange-two"]
    assert [path.name for path in isolated_cache.iterdir() if path.suffix == ".tmp"] == []


def test_the_warm_path_reads_neither_yaml_nor_the_schema_library(kb_copy, isolated_cache):
    open_index(kb_copy)[0].close()
    probe = (
        "import sys\n"
        "from typer.testing import CliRunner\n"
        "from aiwatch.cli import app\n"
        f"result = CliRunner().invoke(app, ['company', 'alpha', '--data', {str(kb_copy)!r}])\n"
        "assert result.exit_code == 0, result.output\n"
        "cold = ('yaml', 'pydantic', 'aiwatch.loader', 'aiwatch.schema', 'aiwatch.validate', 'aiwatch.build')\n"
        "print(sorted(m for m in cold if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True,
                         env={**os.environ, "AIWATCH_CACHE_DIR": str(isolated_cache)})
    assert out.stdout.strip() == "[]", out.stdout + out.stderr


def dump(connection):
    """Every row of every table but the bookkeeping ones, sorted: what an answer can read."""
    tables = ["entities", "names", "edges", "citations", "search", "files", "folders", "meta"]
    return {table: sorted(connection.execute(f"SELECT * FROM {table}").fetchall(), key=repr) for table in tables}


def rename(path, old, new):
    touch_later(path, path.read_text(encoding="utf-8").replace(old, new))


EDITS = {
    "an organization renamed": lambda kb: rename(kb / "organizations" / "beta-fund.yaml", "name: Beta Fund",
                                                 "name: Beta Capital"),
    "a topic renamed, which its entities' search rows carry": lambda kb: rename(
        kb / "topics" / "chip-rules.yaml", "name: Chip rules", "name: Semiconductor rules"),
    "a speaker renamed, which their quotes' search rows carry": lambda kb: rename(
        kb / "people" / "ada-founder.yaml", "name: Ada Founder", "name: Ada Lovefounder"),
    "an event deleted": lambda kb: (kb / "events" / "founding-year.yaml").unlink(),
    "an organization added": lambda kb: touch_later(
        kb / "organizations" / "delta.yaml",
        "id: delta\nname: Delta\ntype: company\nsummary: New.\ntopics: [chip-rules]\nsources: [test-registry]\n"),
}


@pytest.mark.parametrize("edit", EDITS)
def test_a_rebuild_rereads_only_changed_files_and_equals_a_build_from_nothing(kb_copy, monkeypatch, edit):
    from aiwatch import loader

    open_index(kb_copy)[0].close()
    read = []
    original = loader.load_file
    monkeypatch.setattr(loader, "load_file", lambda data, relative, *rest: read.append(relative)
                        or original(data, relative, *rest))
    EDITS[edit](kb_copy)
    incremental = dump(open_index(kb_copy)[0])
    assert len(read) <= 1
    cache_path(kb_copy).unlink()
    assert incremental == dump(open_index(kb_copy)[0])


@pytest.fixture
def large(monkeypatch):
    """Treat the fixture as a base too large to check every file on a lookup."""
    monkeypatch.setattr("aiwatch.index.FULL_CHECK_LIMIT", 0)


def page_names(kb_copy, name):
    from typer.testing import CliRunner

    from aiwatch.cli import app

    result = CliRunner().invoke(app, ["company", name, "--json", "--data", str(kb_copy)])
    assert result.exit_code == 0, result.output
    page = json.loads(result.stdout)
    return page["name"], json.dumps(page, ensure_ascii=False)


def test_a_lookup_on_a_large_base_checks_folders_and_the_files_behind_its_page(kb_copy, large):
    from aiwatch.index import files_changed

    KnowledgeBase.open(kb_copy).db.close()
    assert KnowledgeBase.open(kb_copy, whole=False).checked is False
    own = kb_copy / "organizations" / "alpha-lab.yaml"
    touch_later(own, own.read_text().replace("name: Alpha Lab", "name: Alpha Labs Group"))
    assert page_names(kb_copy, "alpha-lab")[0].startswith("Alpha Labs Group")
    neighbour = kb_copy / "people" / "ada-founder.yaml"
    touch_later(neighbour, neighbour.read_text().replace("name: Ada Founder", "name: Ada Lovefounder"))
    assert "Ada Lovefounder" in page_names(kb_copy, "alpha-lab")[1]
    connection = open_index(kb_copy)[0]
    assert not files_changed(connection, kb_copy, ["organizations/alpha-lab.yaml", "people/ada-founder.yaml"])


def test_a_lookup_on_a_large_base_sees_added_files_and_names_edited_in_place(kb_copy, large):
    KnowledgeBase.open(kb_copy).db.close()
    touch_later(kb_copy / "organizations" / "delta.yaml",
                "id: delta\nname: Delta\ntype: company\nsummary: New.\nsources: [test-registry]\n")
    assert page_names(kb_copy, "delta")[0].startswith("Delta")
    fund = kb_copy / "organizations" / "beta-fund.yaml"
    touch_later(fund, fund.read_text().replace("name: Beta Fund", "name: Beta Fund\naliases: [Bee Money]"))
    assert page_names(kb_copy, "bee money")[0].startswith("Beta Fund")


def test_an_edit_in_place_is_checked_on_its_own_against_the_index(kb_copy, monkeypatch):
    import aiwatch.validate

    open_index(kb_copy)[0].close()
    checked = []
    real_check = aiwatch.validate.check_records
    monkeypatch.setattr(aiwatch.validate, "check_records",
                        lambda records, *rest, **options: checked.append(len(records)) or real_check(records, *rest,
                                                                                                      **options))
    rename(kb_copy / "organizations" / "beta-fund.yaml", "name: Beta Fund", "name: Beta Capital")
    assert KnowledgeBase.open(kb_copy).get("beta-fund").name == "Beta Capital"
    assert checked == [1]


@pytest.mark.parametrize(("old", "new"), [("headquarters: lake-city", "headquarters: lake-cty"),
                                          ("name: Beta Fund", "name: Alpha Lab")])
def test_an_edit_in_place_that_breaks_a_rule_is_reported_as_validate_words_it(kb_copy, old, new):
    from aiwatch.validate import validate

    open_index(kb_copy)[0].close()
    rename(kb_copy / "organizations" / "beta-fund.yaml", old, new)
    with pytest.raises(DataInvalid) as failure:
        open_index(kb_copy)
    assert failure.value.problems == validate(kb_copy).errors


def cli(kb_copy, *args):
    from typer.testing import CliRunner

    from aiwatch.cli import app

    return CliRunner().invoke(app, [*args, "--data", str(kb_copy)])


def test_on_a_large_base_lists_searches_and_timelines_see_edits_to_what_they_show(kb_copy, large):
    KnowledgeBase.open(kb_copy).db.close()
    rename(kb_copy / "organizations" / "beta-fund.yaml", "name: Beta Fund", "name: Beta Capital")
    assert "Beta Capital" in cli(kb_copy, "list", "organization").stdout
    rename(kb_copy / "organizations" / "alpha-lab.yaml", "name: Alpha Lab", "name: Alpha Laboratory")
    assert "Alpha Laboratory" in cli(kb_copy, "search", "alpha").stdout
    rename(kb_copy / "events" / "founding-year.yaml", "Beta Fund's year of change", "Beta's big year")
    assert "Beta's big year" in cli(kb_copy, "timeline").stdout


def test_the_index_command_checks_every_file(kb_copy, large):
    KnowledgeBase.open(kb_copy).db.close()
    rename(kb_copy / "organizations" / "beta-fund.yaml", "summary: ", "summary: Kept in gold bars. ")
    assert cli(kb_copy, "search", "gold bars").exit_code == 1  # an edit in place to a file not shown
    result = cli(kb_copy, "index")
    assert result.exit_code == 0 and "16 entities from 16 files" in result.stdout
    assert "Beta Fund" in cli(kb_copy, "search", "gold bars").stdout


def test_on_a_large_base_a_page_rereads_its_edited_file_without_listing_the_others(kb_copy, large, monkeypatch):
    import aiwatch.paths

    KnowledgeBase.open(kb_copy).db.close()
    rename(kb_copy / "organizations" / "alpha-lab.yaml", "name: Alpha Lab", "name: Alpha Labs Group")
    surveys = []
    real_survey = aiwatch.paths.survey
    monkeypatch.setattr(aiwatch.paths, "survey", lambda folder: surveys.append(folder) or real_survey(folder))
    assert page_names(kb_copy, "alpha-lab")[0] == "Alpha Labs Group"
    assert surveys == []
    monkeypatch.setattr(aiwatch.paths, "survey", real_survey)
    assert dump(open_index(kb_copy)[0]) == dump(open_index(kb_copy)[0])  # and a full check finds it current
    cache_path(kb_copy).unlink()
    rebuilt = dump(open_index(kb_copy)[0])
    rename(kb_copy / "organizations" / "alpha-lab.yaml", "Alpha Labs Group", "Alpha Lab")
    assert rebuilt != dump(open_index(kb_copy)[0])


def test_on_a_large_base_an_edit_read_again_in_place_equals_a_build_from_nothing(kb_copy, large):
    from typer.testing import CliRunner

    from aiwatch.cli import app

    KnowledgeBase.open(kb_copy).db.close()
    rename(kb_copy / "topics" / "chip-rules.yaml", "name: Chip rules", "name: Semiconductor rules")
    result = CliRunner().invoke(app, ["topic", "chip-rules", "--data", str(kb_copy)])
    assert result.exit_code == 0 and "Semiconductor rules" in result.stdout
    refreshed = dump(open_index(kb_copy, whole=False)[0])
    cache_path(kb_copy).unlink()
    assert refreshed == dump(open_index(kb_copy)[0])


def test_on_a_large_base_an_edit_in_place_that_breaks_a_rule_is_reported_as_validate_words_it(kb_copy, large):
    from aiwatch.validate import validate

    KnowledgeBase.open(kb_copy).db.close()
    rename(kb_copy / "organizations" / "beta-fund.yaml", "headquarters: lake-city", "headquarters: lake-cty")
    result = cli(kb_copy, "company", "beta-fund")
    assert result.exit_code == 1
    assert f"the data is invalid: {validate(kb_copy).errors[0]}" in result.stderr


def test_validate_reads_only_the_files_the_index_does_not_hold_as_they_are(kb_copy, monkeypatch, isolated_cache):
    from aiwatch import loader
    from aiwatch.validate import validate

    first = validate(kb_copy)
    open_index(kb_copy)[0].close()
    read = []
    original = loader.load_file
    monkeypatch.setattr(loader, "load_file", lambda data, relative, *rest: read.append(relative)
                        or original(data, relative, *rest))
    assert validate(kb_copy) == first
    assert read == []
    rename(kb_copy / "organizations" / "beta-fund.yaml", "headquarters: lake-city", "headquarters: lake-cty")
    cached = validate(kb_copy)
    assert read == ["organizations/beta-fund.yaml"]
    for path in isolated_cache.iterdir():
        path.unlink()
    assert cached == validate(kb_copy) and cached.errors
