"""The bundled knowledge base: required coverage, links, sources and honest quotes."""

import json

import pytest
from typer.testing import CliRunner

from aiwatch.cli import app
from aiwatch.dates import parse_date
from aiwatch.query import KnowledgeBase
from tests.conftest import DATA

REQUIRED = {
    "organization": """deepseek high-flyer alibaba alibaba-cloud zhipu minimax moonshot-ai baichuan stepfun 01-ai
        sensetime megvii cloudwalk yitu bytedance tencent huawei smic kuaishou netease byd midea unitree-robotics
        game-science manycore brainco deep-robotics openai anthropic google-deepmind meta nvidia microsoft
        hugging-face tsinghua-university zhejiang-university george-washington-university
        dga-albright-stonebridge-group proem bureau-of-industry-and-security hkex state-council ndrc""",
    "person": """liang-wenfeng lin-junyang tang-jie yao-shunyu yang-zhilin yan-junjie wang-xiaochuan
        wang-xingxing feng-ji jack-ma ren-zhengfei xi-jinping li-qiang sam-altman andrej-karpathy jeffrey-ding
        paul-triolo grace-shao keyu-jin""",
    "place": """hangzhou beijing shanghai shenzhen hong-kong silicon-valley washington-dc china united-states
        global-south""",
    "product": """deepseek-v3 deepseek-r1 qwen glm kimi doubao hunyuan kling wechat ascend nvidia-h20 nvidia-h200
        nvidia-blackwell nvidia-rubin openai-o1 chatgpt gemini claude llama black-myth-wukong tiktok""",
    "cohort": "four-ai-dragons ai-tigers six-little-dragons-of-hangzhou",
    "topic": """export-controls open-source chips capital hong-kong-ipos talent tech-crackdown fast-follower
        industrial-ai global-south-markets""",
    "event": """chatgpt-launch us-export-rule-2022-10 us-export-rule-2023-10 us-export-rule-2024-12
        us-ai-diffusion-rule-2025-01 us-ai-diffusion-rule-rescinded deepseek-v3-release deepseek-r1-release
        nvidia-selloff-2025-01 liang-wenfeng-li-qiang-symposium-2025-01 xi-private-enterprise-symposium-2025-02
        wechat-deepseek-integration byd-deepseek-adoption midea-deepseek-air-conditioner
        unitree-spring-festival-gala-2025 black-myth-wukong-release national-venture-capital-guidance-fund-2025-03
        hang-seng-tech-rally-2025 zhipu-hong-kong-ipo minimax-hong-kong-ipo us-h200-export-decision-2025-12
        agi-next-summit-2026-01 xi-new-year-address-2026 qwen3-release kimi-chat-launch glm-4-5-release
        ant-group-ipo-halted alibaba-antitrust-fine-2021-04 didi-cybersecurity-review-2021-07""",
}
REFERENCE_ARTICLES = {"pesaing-yang-tak-terduga", "cobisnis-2026-china-ai-race"}


@pytest.fixture(scope="module")
def kb(tmp_path_factory):
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("AIWATCH_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
        yield KnowledgeBase.open(DATA)


@pytest.mark.parametrize("kind", sorted(REQUIRED))
def test_required_entities_are_present(kb, kind):
    present = {entity.id for entity in kb.list(kind)}
    assert set(REQUIRED[kind].split()) - present == set()


def test_events_span_2014_to_2026_and_number_at_least_forty(kb):
    years = sorted(int(event.date[:4]) for event in kb.events())
    assert len(years) >= 40
    assert years[0] == 2014 and years[-1] == 2026


def test_no_entity_is_an_island(kb):
    islands = kb.db.execute(
        "SELECT id FROM entities WHERE kind != 'source' AND id NOT IN (SELECT subject FROM edges) "
        "AND id NOT IN (SELECT object FROM edges)").fetchall()
    assert islands == []


def test_both_reference_articles_are_cited_widely(kb):
    for article in REFERENCE_ARTICLES:
        citing = [entity for entity in kb.list("quote") + kb.list("organization") + kb.list("event")
                  if article in entity.fields.get("sources", [])]
        assert len(citing) >= 5, article


def test_quotes_from_the_reference_articles_are_marked_as_translations(kb):
    quotes = kb.list("quote")
    assert len(quotes) >= 20
    for quote in quotes:
        fields = quote.fields
        if REFERENCE_ARTICLES & set(fields["sources"]):
            assert (fields["language"], fields["translated"]) == ("id", True), quote.id
            assert fields.get("gloss"), quote.id


def test_every_quote_in_the_articles_is_stored_as_printed(kb):
    articles = {path.name: path.read_text(encoding="utf-8") for path in (DATA.parent.parent / "shared" /
                                                                          "reference").glob("*.id.txt")}
    if not articles:
        pytest.skip("the shared reference articles are not beside this checkout")
    text = " ".join(articles.values())
    for quote in kb.list("quote"):
        assert quote.fields["text"] in text, quote.id


def test_a_role_that_ended_differs_before_and_after(kb):
    def posts(as_of):
        return [link.other for link in kb.links("lin-junyang", as_of=parse_date(as_of)) if link.type == "works_at"]

    assert "alibaba" in posts("2026-01")
    assert "alibaba" not in posts("2026-06")


def test_the_bundled_data_answers_the_readme_command():
    result = CliRunner().invoke(app, ["company", "deepseek", "--json"])
    assert result.exit_code == 0, result.output
    page = json.loads(result.stdout)
    assert page["native_name"] == "深度求索"
    backers = next(section["rows"] for section in page["sections"] if section["title"] == "Backed by")
    assert [row["entity"] for row in backers] == ["high-flyer"]


@pytest.mark.parametrize(("command", "name", "expected", "notice"), [
    ("company", "kimi", "moonshot-ai", "is the product Kimi; showing its developer"),
    ("company", "qwen", "alibaba-cloud", "is the product Qwen"),  # a source titled "Qwen" must not block it
    ("company", "深度求索", "deepseek", ""),
    ("company", "z.ai", "zhipu", ""),
    ("company", "月之暗面", "moonshot-ai", ""),
    ("person", "justin lin", "lin-junyang", ""),
    ("hub", "杭州", "hangzhou", ""),
])
def test_names_users_type_reach_the_right_page(command, name, expected, notice):
    result = CliRunner().invoke(app, [command, name, "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["id"] == expected
    assert notice in result.stderr


def test_a_typo_gets_exactly_the_right_suggestion():
    result = CliRunner().invoke(app, ["company", "deepsek"])
    assert (result.exit_code, result.stderr.strip()) == (
        1, "aiwatch: error: no organization named 'deepsek'; did you mean DeepSeek (deepseek)?")


def test_a_delisting_shows_in_the_status_as_of_a_date():
    def status(*args):
        page = json.loads(CliRunner().invoke(app, ["company", "didi", "--json", *args]).stdout)
        return {fact["label"]: fact["value"] for fact in page["facts"]}["Status"]

    assert (status("--as-of", "2021-08"), status()) == ("listed", "delisted")
