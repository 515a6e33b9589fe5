"""The published JSON Schema and the curator's guide stay in step with the model."""

import json
import re

from typer.testing import CliRunner

from aiwatch.cli import app
from aiwatch.schema import MODELS
from aiwatch.vocabulary import (
    EVENT_TYPES,
    ORGANIZATION_TYPES,
    PARTICIPANT_ROLES,
    PLACE_TYPES,
    PRODUCT_TYPES,
    RELATIONS,
    SOURCE_TYPES,
)
from tests.conftest import DATA

GUIDE = (DATA / "README.md").read_text(encoding="utf-8")


def test_committed_schema_has_not_drifted_from_the_model():
    printed = CliRunner().invoke(app, ["schema"]).stdout
    committed = (DATA / "schema.json").read_text(encoding="utf-8")
    assert json.loads(printed) == json.loads(committed), "run `aiwatch schema > data/schema.json`"


def test_schema_describes_every_kind():
    schema = json.loads((DATA / "schema.json").read_text(encoding="utf-8"))
    assert {ref["$ref"].rsplit("/", 1)[1] for ref in schema["anyOf"]} == {model.__name__ for model in MODELS.values()}


def test_every_vocabulary_value_is_documented_for_curators():
    for values in (ORGANIZATION_TYPES, PLACE_TYPES, PRODUCT_TYPES, EVENT_TYPES, PARTICIPANT_ROLES, SOURCE_TYPES):
        for value, comment in values.items():
            assert f"- `{value}`: {comment}" in GUIDE, value
    for name, relation in RELATIONS.items():
        row = re.search(rf"^\| `{name}` \| {re.escape(relation.label)} \| {re.escape(relation.reverse)} \|",
                        GUIDE, re.MULTILINE)
        assert row, f"relation {name} is missing from data/README.md"
