"""The entity files' fields and types, as pydantic models: one model per kind.

Pydantic v2 rather than msgspec because it reports every field problem of a file in one pass, each
with its location (msgspec stops at the first), and it emits the JSON Schema that editors use. Its
import cost only falls on the cold path: the warm path reads the compiled index and never this module.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

from aiwatch.dates import DATE_PATTERN, parse_date
from aiwatch.vocabulary import (
    EVENT_TYPES,
    ORGANIZATION_TYPES,
    PARTICIPANT_ROLES,
    PLACE_TYPES,
    PRODUCT_TYPES,
    QUOTE_LANGUAGES,
    SOURCE_TYPES,
    WRITTEN_RELATIONS,
)

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"


def _check_date(text: str) -> str:
    parse_date(text)
    return text


def _check_url(text: str) -> str:
    if not text.startswith(("https://", "http://")) or len(text) < 12 or " " in text:
        raise ValueError(f"'{text}' is not an http(s) URL")
    return text


Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN)]
Ref = Annotated[str, StringConstraints(pattern=SLUG_PATTERN), Field(description="the id of another entity")]
DateText = Annotated[str, StringConstraints(pattern=DATE_PATTERN), AfterValidator(_check_date),
                     Field(description="YYYY, YYYY-MM or YYYY-MM-DD, at the precision known")]
Url = Annotated[str, AfterValidator(_check_url), Field(description="http(s) address, only when known")]
SourceRefs = Annotated[list[Ref], Field(min_length=1, description="ids of files in data/sources/")]


def _choice(values: dict[str, str]):
    return Literal[tuple(values)]  # type: ignore[valid-type]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, str_strip_whitespace=True)


class Cited(Strict):
    """A single fact inside an entity file; it names the source that backs it."""

    source: Ref
    note: Text | None = None


class RelationEntry(Cited):
    type: _choice({name: rel.comment for name, rel in WRITTEN_RELATIONS.items()})
    target: Ref
    since: DateText | None = None
    until: DateText | None = None


class Role(Cited):
    organization: Ref
    title: Text
    since: DateText | None = None
    until: DateText | None = None


class Listing(Cited):
    exchange: Ref
    ticker: Text
    listed: DateText | None = None
    delisted: DateText | None = None


class Participant(Strict):
    entity: Ref
    role: _choice(PARTICIPANT_ROLES)
    note: Text | None = None


class Member(Cited):
    entity: Ref
    since: DateText | None = None
    until: DateText | None = None


class OriginalWords(Cited):
    """The speaker's own words, when a source gives them, beside the rendering we quote."""

    text: Text
    language: _choice(QUOTE_LANGUAGES)


class Entity(Strict):
    id: Slug
    note: Text | None = Field(None, description="curator's remark: conflicts between sources, caveats")
    reviewed: DateText | None = Field(None, description="when a curator last checked this file")


class Named(Entity):
    name: Text
    native_name: Text | None = None
    aliases: list[Text] = []
    summary: Text
    tags: list[Slug] = []
    topics: list[Ref] = []
    relations: list[RelationEntry] = []
    sources: SourceRefs
    cite: dict[str, list[Ref]] = Field({}, description="field name -> source ids backing that field")


class Organization(Named):
    type: _choice(ORGANIZATION_TYPES)
    founded: DateText | None = None
    dissolved: DateText | None = None
    headquarters: Ref | None = None
    website: Url | None = None
    listings: list[Listing] = []


class Person(Named):
    born: DateText | None = None
    nationality: Ref | None = None
    roles: list[Role] = []


class Place(Named):
    type: _choice(PLACE_TYPES)
    parent: Ref | None = None


class Product(Named):
    type: _choice(PRODUCT_TYPES)
    developer: Ref
    family: Ref | None = None
    released: DateText | None = None
    open_weights: bool | None = None
    licence: Text | None = None


class Cohort(Named):
    caveat: Text | None = Field(None, description="how the membership differs between sources")
    members: list[Member] = Field(min_length=1)


class Topic(Named):
    related: list[Ref] = []


class Event(Entity):
    title: Text
    date: DateText
    type: _choice(EVENT_TYPES)
    summary: Text
    participants: list[Participant] = []
    place: Ref | None = None
    topics: list[Ref] = []
    tags: list[Slug] = []
    sources: SourceRefs


class Quote(Entity):
    speaker: Ref
    said_on: DateText | None = None
    text: Text
    language: _choice(QUOTE_LANGUAGES)
    translated: bool = Field(description="true when `text` is a rendering, not the speaker's own words")
    gloss: Text | None = Field(None, description="English meaning of a non-English text")
    original: OriginalWords | None = None
    context: Text | None = None
    event: Ref | None = None
    topics: list[Ref] = []
    sources: SourceRefs


class Source(Entity):
    title: Text
    type: _choice(SOURCE_TYPES)
    publisher: Text | None = None
    author: Text | None = None
    published: DateText | None = None
    url: Url | None = None
    language: Text = Field(description="ISO 639-1 code of the source's text")


MODELS: dict[str, type[Entity]] = {
    "organization": Organization,
    "person": Person,
    "place": Place,
    "product": Product,
    "event": Event,
    "cohort": Cohort,
    "topic": Topic,
    "quote": Quote,
    "source": Source,
}


def json_schema() -> dict:
    """One JSON Schema for every entity file; the file's folder picks the kind."""
    definitions = {kind: model.model_json_schema(ref_template="#/$defs/{model}") for kind, model in MODELS.items()}
    defs: dict = {}
    for schema in definitions.values():
        defs.update(schema.pop("$defs", {}))
    for kind, schema in definitions.items():
        defs[MODELS[kind].__name__] = schema
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "aiwatch entity file",
        "description": "One entity of the aiwatch knowledge base; see data/README.md.",
        "anyOf": [{"$ref": f"#/$defs/{model.__name__}"} for model in MODELS.values()],
        "$defs": dict(sorted(defs.items())),
    }
