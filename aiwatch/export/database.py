"""The knowledge base as a standalone SQLite file that Datasette (or any SQLite tool) opens as it is.

The schema is documented inside the file: SQLite keeps each CREATE statement with its comments, so
`.schema` in the sqlite3 shell and Datasette's schema view show what every column means. Foreign keys
let Datasette link rows, and `entities_fts` is an FTS5 index over `entities` that Datasette finds by
its `content="entities"` option and uses for its search box.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from aiwatch.query import KnowledgeBase
from aiwatch.vocabulary import RELATIONS

SCHEMA = """
CREATE TABLE entities (
    id TEXT PRIMARY KEY,      -- the slug, as in data/<kind folder>/<id>.yaml; never renamed
    kind TEXT NOT NULL,       -- organization, person, place, product, event, cohort, topic, quote, source
    name TEXT NOT NULL,       -- display name: an event's title, a source's title, a quote's English gloss
    native_name TEXT,         -- the name in Chinese characters, where there is one
    type TEXT,                -- the kind's type: company, model, city, release ... (see data/README.md)
    date TEXT,                -- founded, born, released, event date, said on, published: YYYY[-MM[-DD]]
    summary TEXT,             -- one to three sentences; a quote's text
    fields TEXT NOT NULL      -- every field of the entity file, as JSON
);
CREATE TABLE aliases (
    entity_id TEXT NOT NULL REFERENCES entities (id),
    alias TEXT NOT NULL       -- another name users type: short name, pinyin, brand, ticker
);
CREATE TABLE relations (
    subject_id TEXT NOT NULL REFERENCES entities (id),
    type TEXT NOT NULL,       -- the relation type (data/README.md, "Relations")
    label TEXT NOT NULL,      -- read from the subject: "develops"
    reverse_label TEXT NOT NULL, -- read from the object: "developed by"
    object_id TEXT NOT NULL REFERENCES entities (id),
    since TEXT,               -- YYYY[-MM[-DD]], when known
    until TEXT,               -- YYYY[-MM[-DD]], when it ended
    source_id TEXT REFERENCES entities (id), -- the source that backs it
    detail TEXT,              -- a role's title, a participant's role, a listing's ticker
    note TEXT
);
CREATE TABLE citations (
    entity_id TEXT NOT NULL REFERENCES entities (id),
    source_id TEXT NOT NULL REFERENCES entities (id)  -- every source the entity's file cites
);
CREATE INDEX relations_by_subject ON relations (subject_id);
CREATE INDEX relations_by_object ON relations (object_id);
CREATE INDEX aliases_by_entity ON aliases (entity_id);
CREATE VIRTUAL TABLE entities_fts USING fts5 (name, native_name, summary, content="entities", content_rowid="rowid");
"""


def write_database(kb: KnowledgeBase, path: Path, kind: str | None = None) -> None:
    """Fill a new SQLite file at `path` with every entity (or one kind) and the links among them."""
    entities = kb.every(kind)
    ids = {entity.id for entity in entities}
    connection = sqlite3.connect(path)
    try:
        connection.executescript(SCHEMA)
        with connection:
            connection.executemany("INSERT INTO entities VALUES (?, ?, ?, ?, ?, ?, ?, ?)", [
                (entity.id, entity.kind, entity.name, entity.fields.get("native_name"), entity.type, entity.date,
                 entity.fields.get("summary") or entity.fields.get("text"),
                 json.dumps(entity.fields, ensure_ascii=False)) for entity in entities])
            connection.executemany("INSERT INTO aliases VALUES (?, ?)", [
                (entity.id, alias) for entity in entities for alias in entity.fields.get("aliases", [])])
            connection.executemany("INSERT INTO relations VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", [
                (subject, type_, RELATIONS[type_].label, RELATIONS[type_].reverse, target, since, until,
                 source if source in ids else None, detail, note)
                for subject, type_, target, since, until, source, detail, note in kb.all_edges()
                if subject in ids and target in ids])
            connection.executemany("INSERT INTO citations VALUES (?, ?)", [
                (entity, source) for entity, source in kb.db.execute(
                    "SELECT entity, source FROM citations ORDER BY entity, source") if entity in ids and source in ids])
            connection.execute("INSERT INTO entities_fts (entities_fts) VALUES ('rebuild')")
    finally:
        connection.close()
