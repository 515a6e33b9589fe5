"""Entity pages, lists and the timeline: content, citations, output modes and literal text."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from aiwatch.cli import app
from aiwatch.pages import build_page
from aiwatch.query import KnowledgeBase
from aiwatch.timeline import build_timeline
from aiwatch.views.output import render_rich
from aiwatch.views.page import page_plain, page_rich
from aiwatch.views.timeline import timeline_plain, timeline_rich
from tests.conftest import KB
from tests.process import in_terminal

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("AIWATCH_UPDATE_GOLDEN") == "1"


def run(*args):
    return CliRunner().invoke(app, [*args, "--data", str(KB)])


def page_json(*args):
    result = run(*args, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def section(page, title):
    return next((section["rows"] for section in page["sections"] if section["title"] == title), [])


@pytest.fixture
def kb():
    return KnowledgeBase.open(KB)


def renderings(kb):
    page = build_page(kb, kb.get("alpha-lab"))
    timeline = build_timeline(kb, kb.events(), {})
    return {
        "alpha-lab.plain.txt": page_plain(page) + "\n",
        "alpha-lab.rich-80.txt": render_rich(page_rich(page), 80),
        "timeline.plain.txt": timeline_plain(timeline) + "\n",
        "timeline.rich-80.txt": render_rich(timeline_rich(timeline), 80),
    }


@pytest.mark.parametrize("name", ["alpha-lab.plain.txt", "alpha-lab.rich-80.txt", "timeline.plain.txt",
                                  "timeline.rich-80.txt"])
def test_golden_renderings_at_a_fixed_width_without_colour(kb, name):
    rendered = renderings(kb)[name]
    if UPDATE:
        (GOLDEN / name).write_text(rendered, encoding="utf-8")
    assert rendered == (GOLDEN / name).read_text(encoding="utf-8")


def test_header_facts_carry_their_own_footnotes(kb):
    page = page_json("company", "alpha-lab")
    founded = next(fact for fact in page["facts"] if fact["label"] == "Founded")
    numbered = {source["number"]: source["id"] for source in page["sources"]}
    assert founded["value"] == "2023-05"
    assert [numbered[number] for number in founded["sources"]] == ["test-registry"]
    assert [numbered[number] for number in page["summary_sources"]] == ["test-article"]
    assert sorted(numbered) == list(range(1, len(numbered) + 1))


def test_every_row_number_points_at_a_listed_source():
    page = page_json("company", "alpha-lab")
    listed = {source["number"] for source in page["sources"]}
    used = {number for part in page["sections"] for row in part["rows"] for number in row["sources"]}
    used |= {number for fact in page["facts"] for number in fact["sources"]}
    assert used and used <= listed


def test_markup_and_escape_codes_from_data_are_printed_literally(kb):
    page = build_page(kb, kb.get("alpha-lab"))
    for text in (page_plain(page), render_rich(page_rich(page), 200)):
        assert "[red]Rich markup[/red]" in text
        assert "\\x1b[31m" in text and "\x1b" not in text
        assert "[bold]markup[/bold]" in text


def test_a_narrow_terminal_folds_values_but_never_drops_them(kb):
    page = build_page(kb, kb.get("alpha-lab"))
    narrow = re.sub(r"[\s│╭╮╰╯─]", "", render_rich(page_rich(page), 28))
    for value in ("https://example.org/test-article", "Moneyhasneverbeentheproblemforus.", "chiefscientist",
                  "Atestlabwhosesummarycarries[red]Richmarkup[/red]"):
        assert value in narrow, value


def terminal_output(args, extra_env):
    return in_terminal([*args, "--data", str(KB)], {"COLUMNS": "100", **extra_env})


def test_a_terminal_gets_rich_colour_and_no_color_turns_it_off(isolated_cache):
    env = {"AIWATCH_CACHE_DIR": str(isolated_cache)}
    coloured = terminal_output(["company", "alpha"], env)
    plain = terminal_output(["company", "alpha"], {**env, "NO_COLOR": "1"})
    colour_code = re.compile(r"\x1b\[[0-9;]*3[0-9]m")
    assert "╭─" in coloured and "Alpha Lab" in coloured and colour_code.search(coloured)
    assert "╭─" in plain and "Alpha Lab" in plain and not colour_code.search(plain)
    assert "\\x1b[31m" in plain  # the data's own escape code is shown, not obeyed


def test_piped_output_is_plain_and_unwrapped():
    result = run("company", "alpha-lab")
    assert "╭" not in result.stdout and "\x1b" not in result.stdout
    assert "A test lab whose summary carries [red]Rich markup[/red] and an escape \\x1b[31m that must print " \
           "literally. [1]" in result.stdout


def test_an_event_page_lists_participants_and_the_quotes_said_there():
    page = page_json("event", "Alpha Lab releases Alpha-1")
    assert [(row["entity"], row["detail"]) for row in section(page, "Participants")] == [
        ("alpha-lab", "subject"), ("alpha-one", "subject")]
    assert [row["entity"] for row in section(page, "Quotes")] == ["ada-on-chips"]
    assert {"label": "Date", "value": "2025-01-20 (day)"}.items() <= page["facts"][0].items()


def test_a_source_page_lists_what_cites_it():
    page = page_json("source", "test-registry")
    assert {row["entity"] for row in section(page, "Cited by")} >= {"alpha-lab", "chip-rule-2024", "gamma-exchange"}


def test_a_topic_resolves_from_an_alias_and_lists_what_it_covers():
    page = page_json("topic", "chip ban")
    assert page["id"] == "chip-rules"
    assert {row["entity"] for row in section(page, "Covered by")} == {"alpha-lab", "alpha-one-release",
                                                                      "chip-rule-2024", "ada-on-chips"}


def test_a_place_page_shows_who_is_based_there_including_inside_it():
    page = page_json("hub", "earth-country")
    assert [row["entity"] for row in section(page, "Includes")] == ["lake-city"]
    assert [row["entity"] for row in section(page_json("hub", "湖城"), "Home of")] == [
        "alpha-lab", "beta-fund", "gamma-exchange"]


def test_a_quote_page_says_it_is_a_translation():
    page = page_json("quote", "ada-on-chips")
    facts = {fact["label"]: fact["value"] for fact in page["facts"]}
    assert (facts["Translated"], facts["Language"], facts["English gloss"]) == (
        "yes", "Indonesian", "Money has never been the problem for us.")


def test_listings_and_status_follow_as_of():
    def listing(as_of):
        page = page_json("company", "gamma-exchange", "--as-of", as_of)
        return [fact["value"] for fact in page["facts"] if fact["label"] == "Listing"]

    assert listing("1999") == []
    assert listing("2001") == ["Second Exchange: GMX (listed, since 2000-01-03)"]


def test_as_of_drops_later_events_from_a_page():
    def timeline(as_of):
        return [row["entity"] for row in section(page_json("company", "alpha", "--as-of", as_of), "Timeline")]

    assert timeline("2024-12") == ["chip-rule-2024"]
    assert timeline("2025") == ["chip-rule-2024", "alpha-one-release"]


@pytest.mark.parametrize(("args", "expected"), [
    (["organization"], ["alpha-lab", "beta-fund", "gamma-exchange", "gamma-exchange-two"]),
    (["companies", "--type", "exchange"], ["gamma-exchange", "gamma-exchange-two"]),
    (["organizations", "--hub", "Earth Country"], ["alpha-lab", "beta-fund", "gamma-exchange"]),
    (["organization", "--tag", "llm"], ["alpha-lab"]),
    (["organization", "--cohort", "test tigers"], ["alpha-lab", "beta-fund"]),
    (["organization", "--topic", "chip ban"], ["alpha-lab"]),
    (["organization", "--founded-after", "2015", "--sort", "date"], ["beta-fund", "alpha-lab"]),
    (["organization", "--founded-before", "2015-06"], ["beta-fund", "gamma-exchange"]),
    (["organization", "--as-of", "2020", "--sort", "date"], ["gamma-exchange", "beta-fund", "gamma-exchange-two"]),
    (["events", "--sort", "date"], ["chip-rule-2024", "alpha-one-release", "founding-year"]),
])
def test_list_filters_and_sorts(args, expected):
    assert [row["id"] for row in page_json("list", *args)] == expected


@pytest.mark.parametrize(("args", "expected"), [
    ([], ["chip-rule-2024", "alpha-one-release", "founding-year"]),
    (["--year", "2025"], ["alpha-one-release", "founding-year"]),
    (["--from", "2025-02"], ["founding-year"]),  # a year-only date may fall in February or later
    (["--to", "2024-10-01"], ["chip-rule-2024"]),  # so may "some day in October 2024"
    (["--entity", "Alpha"], ["chip-rule-2024", "alpha-one-release"]),
    (["--topic", "chip ban"], ["chip-rule-2024", "alpha-one-release"]),
    (["--hub", "earth-country"], ["alpha-one-release"]),
    (["--kind", "release"], ["alpha-one-release"]),
    (["--as-of", "2025-01"], ["chip-rule-2024", "alpha-one-release", "founding-year"]),
    (["--as-of", "2024-12"], ["chip-rule-2024"]),
])
def test_timeline_filters(args, expected):
    timeline = page_json("timeline", *args)
    assert [row["id"] for row in timeline["rows"]] == expected


def test_timeline_rows_keep_their_date_precision_and_name_participants_and_sources():
    rows = page_json("timeline")["rows"]
    assert [(row["date"], row["precision"]) for row in rows] == [("2024-10", "month"), ("2025-01-20", "day"),
                                                                 ("2025", "year")]
    assert rows[1]["participants"] == [{"id": "alpha-lab", "name": "Alpha Lab", "role": "subject"},
                                       {"id": "alpha-one", "name": "Alpha-1", "role": "subject"}]
    assert all(row["sources"] for row in rows)


@pytest.mark.parametrize(("args", "code", "message"), [
    (["timeline", "--kind", "relase"], 2, "did you mean 'release'"),
    (["timeline", "--year", "2025", "--from", "2024"], 2, "not both"),
    (["timeline", "--from", "2025-02-30"], 2, "--from: '2025-02-30' is not a calendar day"),
    (["timeline", "--entity", "nobody at all"], 1, "no entity named 'nobody at all'"),
    (["list", "organization", "--hub", "lake cty"], 1, "did you mean Lake City (lake-city)?"),
    (["company", "  "], 2, "the name is empty"),
])
def test_bad_input_is_one_line_with_a_hint(args, code, message):
    result = run(*args)
    assert result.exit_code == code
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 or "Usage" in result.stderr


def test_shell_completion_reads_the_cached_index_and_never_builds_one(isolated_cache, kb):
    env = {**os.environ, "AIWATCH_CACHE_DIR": str(isolated_cache), "_AIWATCH_COMPLETE": "complete_bash",
           "COMP_WORDS": f"aiwatch company --data {KB} al", "COMP_CWORD": "4"}
    command = [sys.executable, "-m", "aiwatch"]
    assert subprocess.run(command, env=env, capture_output=True, text=True, check=True).stdout.split() == [
        "alpha-lab"]
    for path in isolated_cache.iterdir():
        path.unlink()
    assert subprocess.run(command, env=env, capture_output=True, text=True, check=True).stdout.split() == []
    assert list(isolated_cache.iterdir()) == []


@pytest.mark.parametrize(("prefix", "kinds", "words"), [
    ("al", ("organization",), ["alpha-lab"]),
    ("Alpha", ("organization",), ["Alpha"]),  # the one-word alias, as typed
    ("ALPHA L", ("organization",), ["alpha-lab"]),  # another case: the id (a shell drops it)
    ("阿尔", (), ["阿尔法实验室"]),  # a native name
    ("ａｌｐｈａ ｌａｂｓ", (), ["alpha-lab"]),  # an alias, full-width
    ("gamma", ("organization",), ["gamma-exchange", "gamma-exchange-two"]),
    ("al", ("person",), []),
])
def test_completion_offers_every_entity_a_prefix_of_any_name_reaches(kb, prefix, kinds, words):
    assert [word for word, _name in kb.complete(prefix, kinds)] == words


def test_the_shell_completes_a_chinese_name(isolated_cache):
    from aiwatch.index import open_index

    open_index(KB)[0].close()
    env = {**os.environ, "AIWATCH_CACHE_DIR": str(isolated_cache), "_AIWATCH_COMPLETE": "complete_bash",
           "COMP_WORDS": f"aiwatch company --data {KB} 阿尔", "COMP_CWORD": "4"}
    done = subprocess.run([sys.executable, "-m", "aiwatch"], env=env, capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["阿尔法实验室"]


def test_completion_of_nothing_lists_the_first_ids(kb):
    assert [entity_id for entity_id, _name in kb.complete("", ("organization",), limit=2)] == ["alpha-lab",
                                                                                               "beta-fund"]


@pytest.mark.parametrize(("name", "as_of", "status"), [
    ("alpha-lab", "2022", "not yet founded"),
    ("alpha-lab", "2024", "active"),
    ("gamma-exchange", "1999", "active"),
    ("gamma-exchange", "2001", "listed"),
])
def test_status_as_it_stood_on_a_date(name, as_of, status):
    page = page_json("company", name, "--as-of", as_of)
    assert {fact["label"]: fact["value"] for fact in page["facts"]}["Status"] == status
