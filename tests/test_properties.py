"""Generated input for the loader, the resolver and search: nothing but the documented outcomes, ever.

The loader answers any text with a document or with one placed problem (never an exception), with
libyaml and with the pure-Python parser; the resolver and search answer any query, search raising
only EmptyQuery. Example counts stay modest so that the suite stays fast; hypothesis keeps no database.
"""

import sqlite3
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aiwatch.build import Verdicts, fill
from aiwatch.loader import check_fields, read
from aiwatch.query import KnowledgeBase
from aiwatch.schema import MODELS
from aiwatch.search import EmptyQuery, search
from aiwatch.validate import validate
from tests.conftest import DATA

SETTINGS = settings(max_examples=200, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

# Text with the characters YAML gives meaning to, mixed with letters, CJK, controls and astral characters
YAML_ALPHABET = st.sampled_from(list(":-?,[]{}#&*!|>'\"%@`~ \t\n\r\\.0123456789abcnoyesid") +
                                ["\ufeff", "\x85", "\u2028", "\x1b", "\x00", "\u202e", "深", "😀", "\x9b"])
YAML_TEXT = st.text(YAML_ALPHABET, max_size=300) | st.text(max_size=200)

SCALARS = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=40)
VALUES = st.recursive(SCALARS, lambda children: st.lists(children, max_size=4)
                      | st.dictionaries(st.text(max_size=12), children, max_size=4), max_leaves=20)
ENTITY_KEYS = st.sampled_from(["id", "name", "type", "summary", "sources", "founded", "aliases", "relations",
                               "listings", "cite", "note", "website", "headquarters", "unknown"])
ENTITIES = st.dictionaries(ENTITY_KEYS, VALUES, max_size=8)


def read_text(text: str, parser) -> tuple:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "organizations" / "generated.yaml"
        path.parent.mkdir()
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        return read(path, "organization", "organizations/generated.yaml", parser)


def assert_document_or_one_problem(document, problems) -> None:
    if document is None:
        assert len(problems) == 1
        problem = problems[0]
        assert problem.line >= 1 and problem.col >= 1 and "\n" not in problem.message
    else:
        assert problems == [] and isinstance(document.data, dict)
        fields, field_problems = check_fields(document, MODELS["organization"])
        assert (fields is None) == bool(field_problems)


@SETTINGS
@given(YAML_TEXT, st.sampled_from([yaml.CSafeLoader, yaml.SafeLoader]))
def test_any_text_is_a_document_or_one_placed_problem_with_either_parser(text, parser):
    # The two parsers' grammars differ at the edges (PyYAML refuses `0\t`, libyaml reads it), so their
    # verdicts on arbitrary text may differ; each must still answer with a document or one placed problem.
    assert_document_or_one_problem(*read_text(text, parser))


def test_a_bare_tag_is_refused_by_both_parsers():
    """Found by the property above: libyaml called `!` explicit, PyYAML implicit, so one refused what the other read."""
    for text in ("!\n", "id: ! [x]\n", "id: ! x\n"):
        for parser in (yaml.CSafeLoader, yaml.SafeLoader):
            document, problems = read_text(text, parser)
            assert document is None and "explicit tags such as '!'" in problems[0].message, (text, parser)


@SETTINGS
@given(ENTITIES)
def test_any_yaml_mapping_validates_or_is_refused_with_placed_problems(entity):
    text = yaml.safe_dump(entity, allow_unicode=True, sort_keys=False)
    document, problems = read_text(text, yaml.CSafeLoader)
    assert_document_or_one_problem(document, problems)


@pytest.fixture(scope="module")
def bundled():
    """The bundled knowledge base, indexed once in memory for every generated query."""
    connection = sqlite3.connect(":memory:")
    fill(connection, validate(DATA).records, Verdicts({}, {}, None), folders={}, stamp="generated queries")
    return KnowledgeBase(connection)


QUERY_PIECES = st.sampled_from(['"', "*", "NEAR(", "NEAR(a b, 2)", " OR ", " AND ", " NOT ", "-", ":", "^", "(", ")",
                                "{", "}", "+", "'", "%", "_", "\\", "name:", "deepseek", "深度求索", "ＡＬＩ", "\x00",
                                "\x1b[31m", "\u202e", "\t", "\n", " "])
QUERIES = (st.lists(QUERY_PIECES | st.text(max_size=8), max_size=8).map("".join)
           | st.text(st.characters(exclude_categories=("Cs",)), max_size=60)
           | st.text(max_size=5).map(lambda text: text * 2_000))


@SETTINGS
@given(QUERIES, st.sampled_from([(), ("organization",), ("person", "place"), ("quote",)]))
def test_the_resolver_answers_any_name(bundled, query, kinds):
    resolution = bundled.resolve(query, kinds)
    assert all(not kinds or entity.kind in kinds for entity in resolution.matches)
    assert len(bundled.suggest(query, kinds)) <= 5


@settings(SETTINGS, max_examples=150)
@given(QUERIES, st.integers(min_value=1, max_value=50))
def test_search_answers_any_query_or_says_it_has_no_word(bundled, query, limit):
    try:
        result = search(bundled, query, (), limit)
    except EmptyQuery:
        return
    assert len(result.hits) <= limit
    assert all(0 <= start <= end <= len(hit.snippet) for hit in result.hits for start, end in hit.highlights)
