"""Search: a relevance table on the bundled data, and behaviour on the small fixture."""

import json

import pytest
from typer.testing import CliRunner

from aiwatch.cli import app
from aiwatch.query import KnowledgeBase
from aiwatch.search import search
from tests.conftest import DATA, KB

# query -> (expected first result, others expected in the top five); phrases, typos, Chinese, aliases,
# quote fragments and topic synonyms
RELEVANCE = [
    ("export controls", "export-controls", {"us-export-rule-2022-10", "us-export-rule-2023-10"}),
    ("chip ban", "export-controls", {"liang-wenfeng-money-never-the-problem"}),
    ("entity list", "export-controls", {"zhipu-entity-list-2025-01", "huawei-entity-list-2019-05"}),
    ("expor controls", "export-controls", set()),
    ("deepsek", "deepseek", set()),
    ("huwei", "huawei", set()),
    ("深度求索", "deepseek", set()),
    ("深度", "deepseek", set()),
    ("月之暗面", "moonshot-ai", set()),
    ("智谱", "zhipu", set()),
    ("宇树", "unitree-robotics", set()),
    ("Ｄｅｅｐｓｅｅｋ", "deepseek", set()),
    ("justin lin", "lin-junyang", {"lin-junyang-twenty-percent-optimistic"}),
    ("z.ai", "zhipu", set()),
    ("tongyi qianwen", "qwen", set()),
    ("kimi", "kimi", {"kimi-chat-launch"}),
    ("pony ma", "pony-ma", set()),
    ("ai tigers", "ai-tigers", set()),
    ("six little dragons", "six-little-dragons-of-hangzhou", set()),
    ("money was never the problem", "liang-wenfeng-money-never-the-problem", set()),
    ('"joke of a budget"', "karpathy-joke-of-a-budget", set()),
    ("anggaran lelucon", "andrej-karpathy", {"karpathy-joke-of-a-budget"}),
    ("new paradigm", "yao-shunyu-new-paradigm", set()),
    ("spring festival gala", "unitree-spring-festival-gala-2025", {"unitree-robotics"}),
    ("nvidia selloff", "nvidia-selloff-2025-01", {"nvidia"}),
    ("two sessions fund", "national-venture-capital-guidance-fund-2025-03", set()),
    ("tech crackdown", "tech-crackdown", {"alibaba-antitrust-fine-2021-04", "didi-cybersecurity-review-2021-07"}),
    ("open weights", "open-source", set()),
    ("alibaba fine", "alibaba-antitrust-fine-2021-04", set()),
    ("wukong", "black-myth-wukong", {"black-myth-wukong-release"}),
    ("H20", "nvidia-h20", set()),
    ("hang seng", "hang-seng-tech-rally-2025", set()),
]


@pytest.fixture(scope="module")
def bundled(tmp_path_factory):
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("AIWATCH_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
        yield KnowledgeBase.open(DATA)


@pytest.mark.parametrize(("query", "first", "near"), RELEVANCE, ids=[row[0] for row in RELEVANCE])
def test_relevance(bundled, query, first, near):
    top = [hit.id for hit in search(bundled, query, limit=5).hits]
    assert top[0] == first, top
    assert near <= set(top), top


def test_a_topic_query_returns_the_rules_the_firms_hit_and_the_quotes(bundled):
    hits = search(bundled, "export controls", limit=60).hits
    kinds = {hit.id: hit.kind for hit in hits}
    assert hits[0].id == "export-controls" and hits[0].tier == "exact"
    assert {"us-export-rule-2022-10", "us-export-rule-2023-10", "us-export-rule-2024-12",
            "us-ai-diffusion-rule-2025-01"} <= set(kinds)
    assert {"huawei", "zhipu"} <= {hit_id for hit_id, kind in kinds.items() if kind == "organization"}
    assert "liang-wenfeng-money-never-the-problem" in kinds


def test_a_topic_synonym_finds_the_same_records_as_the_topic(bundled):
    by_name = {hit.id for hit in search(bundled, "export controls", limit=100).hits if hit.tier in ("exact", "topic")}
    by_alias = {hit.id for hit in search(bundled, "chip ban", limit=100).hits if hit.tier in ("exact", "topic")}
    assert by_name == by_alias


def run(*args):
    return CliRunner().invoke(app, ["search", *args, "--data", str(KB)])


def ids(*args):
    result = run(*args, "--json")
    assert result.exit_code == 0, result.output
    return [hit["id"] for hit in json.loads(result.stdout)["hits"]]


@pytest.mark.parametrize(("query", "expected"), [
    ("阿尔法", ["alpha-lab"]),  # a part of a Chinese name
    ("ａｌｐｈａ ｌａｂ", ["alpha-lab"]),  # full-width Latin
    ("LAKE city", ["lake-city"]),
    ("hucheng", ["lake-city"]),  # an alias
])
def test_names_in_any_width_case_or_script_come_first(query, expected):
    assert ids(query)[: len(expected)] == expected


def test_accents_and_unicode_forms_match_their_plain_forms(kb_copy):
    target = kb_copy / "people" / "ada-founder.yaml"
    target.write_text(target.read_text(encoding="utf-8").replace("name: Ada Founder", "name: Adá Fóunder"),
                      encoding="utf-8")
    decomposed = "Ada\u0301 Fo\u0301under"  # NFD
    for query in ("ada founder", "Adá Fóunder", decomposed):
        result = CliRunner().invoke(app, ["search", query, "--json", "--data", str(kb_copy)])
        assert json.loads(result.stdout)["hits"][0]["id"] == "ada-founder", query


def test_words_are_anded_and_a_phrase_must_be_contiguous():
    assert "alpha-one-release" in ids("releases alpha")
    assert "alpha-one-release" in ids('"releases alpha-1"')
    assert run('"alpha releases"', "--kind", "event").exit_code == 1


def test_a_half_remembered_quote_still_ranks_the_quote_first():
    assert ids("money was never a problem")[0] == "ada-on-chips"


def test_kind_filter_and_limit():
    assert set(ids("alpha", "--kind", "event")) == {"alpha-one-release"}
    assert len(ids("alpha", "--limit", "2")) == 2


def test_json_gives_score_tier_and_matched_fields():
    hit = json.loads(run("chip ban", "--json").stdout)["hits"][0]
    assert (hit["id"], hit["tier"]) == ("chip-rules", "exact")
    assert "aliases" in hit["matched"]
    assert isinstance(hit["score"], float)


def test_snippets_mark_the_matched_words_and_print_data_literally():
    result = run("markup")
    assert result.exit_code == 0
    assert "[red]Rich «markup»[/red]" in result.stdout
    assert "\\x1b[31m" in result.stdout and "\x1b" not in result.stdout


def test_results_are_in_a_stable_order():
    assert ids("alpha") == ids("alpha") == ids("Alpha")


def test_nothing_found_is_a_clear_answer_with_suggestions_and_exit_1():
    result = run("alfa labz")
    assert result.exit_code == 1
    assert result.stdout.strip() == "no results for 'alfa labz'; did you mean Alpha Lab (organization alpha-lab)?"
    nothing = run("zzzzqqq", "--json")
    assert nothing.exit_code == 1
    assert json.loads(nothing.stdout) == {"query": "zzzzqqq", "hits": [], "total": 0, "suggestions": []}


@pytest.mark.parametrize("query", ["", "   ", "!!!"])
def test_an_empty_query_is_a_usage_error(query):
    result = run(query)
    assert result.exit_code == 2
    assert "aiwatch: error:" in result.stderr


def test_several_words_need_no_quotes():
    assert ids("chip", "ban")[:1] == ids("chip ban")[:1] == ["chip-rules"]
