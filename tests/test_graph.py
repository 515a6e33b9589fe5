"""Cross-reference: related trees, paths in words, comparisons and graph exports that tools accept."""

import json
import re
import shutil
import subprocess

import pytest
from typer.testing import CliRunner

from aiwatch.cli import app
from tests.conftest import KB


def run(*args, data=KB):
    return CliRunner().invoke(app, [*args, "--data", str(data)])


def as_json(*args, data=KB):
    result = run(*args, "--json", data=data)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def labels(tree):
    return sorted((branch["label"], branch["node"]["id"]) for branch in tree["branches"])


def test_related_shows_relations_from_both_ends_with_reverse_labels():
    assert ("backed by", "beta-fund") in labels(as_json("related", "alpha-lab"))
    assert ("backs", "alpha-lab") in labels(as_json("related", "beta-fund"))
    assert ("founded by", "ada-founder") in labels(as_json("related", "alpha-lab"))


def child(branches, entity_id):
    return next(branch for branch in branches if branch["node"]["id"] == entity_id)


def test_deeper_levels_reach_shared_cohorts_and_events_and_open_each_entity_once():
    cohorts = as_json("related", "ada-founder", "--depth", "3", "--rel", "founded", "--rel", "member_of")
    cohort = child(child(cohorts["branches"], "alpha-lab")["children"], "test-tigers")
    assert [branch["node"]["id"] for branch in cohort["children"]] == ["beta-fund"]  # the co-member
    tree = as_json("related", "ada-founder", "--depth", "3")
    assert child(child(tree["branches"], "alpha-lab")["children"], "chip-rule-2024")["label"] == "took part in"
    opened = []

    def walk(branches):
        for branch in branches:
            if branch["children"]:
                opened.append(branch["node"]["id"])
            walk(branch["children"])

    walk(tree["branches"])
    assert len(opened) == len(set(opened))


def test_related_filters_by_relation_and_kind():
    assert labels(as_json("related", "alpha-lab", "--rel", "backs")) == [("backed by", "beta-fund")]
    assert {node for _label, node in labels(as_json("related", "alpha-lab", "--kind", "event"))} == {
        "alpha-one-release", "chip-rule-2024"}
    result = run("related", "alpha-lab", "--rel", "bakcs")
    assert result.exit_code == 2 and "did you mean 'backs'" in result.stderr


def test_as_of_changes_a_neighbourhood():
    def roles(as_of):
        tree = as_json("related", "ada-founder", "--rel", "works_at", "--as-of", as_of)
        return [branch["detail"] for branch in tree["branches"]]

    assert roles("2024") == ["CEO"]
    assert roles("2026-02") == ["chief scientist"]


def test_a_path_is_explained_hop_by_hop_with_sources():
    result = run("path", "ada-founder", "湖城")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == "Ada Founder —founded→ Alpha Lab —based in→ Lake City"
    assert "Alpha Lab based in Lake City [" in result.stdout


def test_all_shortest_paths_and_reverse_hops():
    found = as_json("path", "alpha-one", "beta-fund", "--all")
    words = ["".join(("→" if hop["forward"] else "←") + hop["end"]["id"] for hop in path) for path in found["paths"]]
    assert "←alpha-lab←beta-fund" in words  # Alpha Lab develops Alpha-1; Beta Fund backs Alpha Lab
    assert len({len(path) for path in found["paths"]}) == 1


def test_no_path_within_the_limit_is_an_answer_not_an_error():
    result = run("path", "alpha-one", "gamma-exchange-two", "--max-hops", "1")
    assert result.exit_code == 0
    assert result.stdout.startswith("no connection between Alpha-1 and Second Exchange within 1 hops")


def test_known_paths_in_the_bundled_data():
    result = CliRunner().invoke(app, ["path", "liang wenfeng", "hangzhou"])
    assert result.stdout.splitlines()[0] == "Liang Wenfeng —founded→ DeepSeek —based in→ Hangzhou"
    result = CliRunner().invoke(app, ["path", "jack ma", "qwen"])
    assert result.stdout.splitlines()[0] == "Jack Ma —founded→ Alibaba Group —parent of→ Alibaba Cloud —develops→ Qwen"


def test_compare_puts_organizations_side_by_side():
    table = as_json("compare", "alpha-lab", "beta-fund")
    rows = dict(table["rows"])
    assert rows["Founded"] == ["2023-05", "2015"]
    assert rows["Headquarters"] == ["Lake City", "Lake City"]
    assert rows["Backers"] == ["Beta Fund", ""]
    assert rows["Latest event"][0] == "2025-01-20 Alpha Lab releases Alpha-1"


@pytest.mark.parametrize(("args", "message"), [
    (["compare", "alpha-lab"], "at least two"),
    (["compare", "alpha-lab", "ada-founder"], "not both"),
])
def test_compare_refuses_what_cannot_be_compared(args, message):
    result = run(*args)
    assert result.exit_code == 2 and message in result.stderr


@pytest.fixture
def awkward_kb(kb_copy):
    """Names with every character that DOT and Mermaid treat specially."""
    target = kb_copy / "organizations" / "beta-fund.yaml"
    target.write_text(target.read_text(encoding="utf-8").replace(
        "name: Beta Fund", 'name: "Beta \\"Fund\\" [a|b] {c} <d> & back\\\\slash; `e`"'), encoding="utf-8")
    return kb_copy


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed (.ci/run installs it)")
@pytest.mark.parametrize("centre", [[], ["alpha-lab", "--depth", "2"]])
def test_dot_output_is_accepted_by_graphviz(awkward_kb, centre):
    result = run("graph", *centre, "--format", "dot", data=awkward_kb)
    assert result.exit_code == 0
    rendered = subprocess.run(["dot", "-Tsvg"], input=result.stdout, capture_output=True, text=True, check=False)
    assert rendered.returncode == 0, rendered.stderr
    assert "Beta &quot;Fund&quot; [a|b] {c} &lt;d&gt; &amp; back\\slash" in rendered.stdout


MERMAID_LINE = re.compile(r'^  (n_[a-z0-9_]+\["[^"\[\]{}<>|`]*"\]|n_[a-z0-9_]+ -->\|"[^"\[\]{}<>|`]*"\| n_[a-z0-9_]+)$')


def test_mermaid_output_is_well_formed(awkward_kb):
    lines = run("graph", "--format", "mermaid", data=awkward_kb).stdout.rstrip("\n").split("\n")
    assert lines[0] == "flowchart LR"
    bad = [line for line in lines[1:] if not MERMAID_LINE.match(line)]
    assert bad == []
    assert any("Beta #quot;Fund#quot; #91;a#124;b#93; #123;c#125; #lt;d#gt; #amp; back" in line for line in lines)


def test_node_link_json_is_consistent():
    graph = json.loads(run("graph", "alpha-lab", "--format", "json").stdout)
    nodes = {node["id"] for node in graph["nodes"]}
    assert "alpha-lab" in nodes and graph["directed"] is True
    assert graph["links"] and all(link["source"] in nodes and link["target"] in nodes for link in graph["links"])
